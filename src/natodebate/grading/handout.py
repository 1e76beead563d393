"""The student-only archive (``make handout``): what an instructor who grades
for credit gives students — the lessons, the data, the library and the
exercises, without ``solutions/`` (which holds the hidden tests) and without
the course's own test suite, benchmarks and maintainer tools."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

from .assignments import REPOSITORY

#: Top-level files and folders that go into the handout (everything else,
#: ``solutions/`` first of all, stays out).
INCLUDED = ("README.md", "Makefile", "pyproject.toml", "environment.yml", ".gitignore",
            "notebooks/", "data/", "src/", "exercises/")

#: A fixed time stamp for every entry, so that the same commit gives the same archive.
STAMP = (2025, 9, 10, 0, 0, 0)


def handout_files(repository: Path = REPOSITORY) -> list[str]:
    """The files git tracks that belong in the handout (paths relative to
    the repository, sorted)."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=repository, check=True, capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise RuntimeError(f"repository={str(repository)!r}: the handout is built from a git checkout of the course ({error})") from None
    tracked = [name for name in listed.decode().split("\0") if name]
    return sorted(name for name in tracked if any(name == keep or (keep.endswith("/") and name.startswith(keep)) for keep in INCLUDED))


def build_handout(archive, repository: Path = REPOSITORY) -> Path:
    """Write the handout to ``archive`` (a ``.zip``; its folders are created)
    from the files git tracks in ``repository``, under one top folder
    ``restraint-or-resolve/``; returns the archive's path."""
    archive = Path(archive)
    if archive.suffix != ".zip":
        raise ValueError(f"archive={str(archive)!r}: must be a .zip file name")
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name in handout_files(repository):
            entry = zipfile.ZipInfo(f"restraint-or-resolve/{name}", date_time=STAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            bundle.writestr(entry, (Path(repository) / name).read_bytes())
    return archive
