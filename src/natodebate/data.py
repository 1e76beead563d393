"""Layer 1 — load and validate the course tables in ``data/``.

Every table is described in ``data/datapackage.json`` (a Frictionless Data
Package). :func:`load_table` validates a table against that description before
handing it out, so a malformed file stops with a :class:`DataError` that names
the file, the row and the column instead of a traceback from deep inside pandas.
Validation runs once per version of a file: a receipt named after the hash of
the exact bytes goes into a cache folder, so a lesson that loads unchanged
tables does not pay for importing Frictionless (~0.3 s, ~40 MB) every time.
Beside the receipt goes the typed table itself, so that a new kernel reads
it back in a tenth of a millisecond instead of parsing the CSV again (~2 ms a
table, 20 tables a lesson).

The article texts themselves are not part of the repository (they are
copyrighted). :func:`article_paragraphs` reads them from ``shared/articles``
(or ``$NATODEBATE_ARTICLES``) for the tests that verify quotations.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import re
import tempfile
from pathlib import Path

import pandas as pd

__all__ = [
    "DataError",
    "DATA_DIR",
    "load_table",
    "table_names",
    "claims",
    "articles",
    "presets",
    "preset_weights",
    "articles_dir",
    "article_paragraphs",
    "normalise_text",
]

#: The repository's ``data/`` folder (override with ``$NATODEBATE_DATA``).
DATA_DIR = Path(os.environ.get("NATODEBATE_DATA", Path(__file__).resolve().parents[2] / "data"))


class DataError(ValueError):
    """A course table is malformed. The message names file, row and column."""


def _package_descriptor(data_dir: Path) -> dict:
    """The parsed ``datapackage.json`` (cached until the file changes; read only)."""
    path = data_dir / "datapackage.json"
    return _parse_descriptor(path, _file_stamp(path))


@functools.cache
def _parse_descriptor(path: Path, stamp: tuple) -> dict:
    # `stamp` (mtime, size) is part of the cache key: an edited descriptor is parsed again.
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: the data package descriptor is missing") from None
    except json.JSONDecodeError as err:
        raise DataError(f"{path}: not valid JSON (line {err.lineno}, column {err.colno}): {err.msg}") from None


def _resource_descriptor(name: str, data_dir: Path) -> dict:
    descriptor = _package_descriptor(data_dir)
    names = [r["name"] for r in descriptor["resources"]]
    if name not in names:
        raise DataError(f"table={name!r} is not in {data_dir / 'datapackage.json'}; known tables: {', '.join(names)}")
    return descriptor["resources"][names.index(name)]


def _first_errors(report, limit: int = 5) -> list[str]:
    """Turn a Frictionless report into 'file, row N, column C: message' lines."""
    lines = []
    for task in report.tasks:
        for error in task.errors[:limit]:
            row = getattr(error, "row_number", None)
            field = getattr(error, "field_name", None)
            where = []
            if row is not None:
                where.append(f"row {row}")  # Frictionless counts the header as row 1
            if field:
                where.append(f"column {field!r}")
            place = ", ".join(where) or "table"
            lines.append(f"{Path(task.place).name}, {place}: {error.note or error.title}")
    for error in report.errors[:limit]:
        lines.append(error.message)
    return lines


def _cache_dir() -> Path:
    """Where validation receipts are kept: ``$NATODEBATE_CACHE``, else
    ``$XDG_CACHE_HOME/natodebate``, else ``~/.cache/natodebate``."""
    if os.environ.get("NATODEBATE_CACHE"):
        return Path(os.environ["NATODEBATE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "natodebate"


def _table_files(name: str, data_dir: Path) -> list[str]:
    """The files table ``name``'s validity depends on: its own and those of
    the tables its foreign keys point to (paths relative to ``data_dir``)."""
    resource_descriptor = _resource_descriptor(name, data_dir)
    paths = {resource_descriptor["path"]}
    for key in resource_descriptor["schema"].get("foreignKeys", []):
        target = key["reference"]["resource"]
        if target:
            paths.add(_resource_descriptor(target, data_dir)["path"])
    return sorted(paths)


@functools.cache
def _validator_version() -> str:
    from importlib.metadata import version

    return version("frictionless")


def _fingerprint(name: str, data_dir: Path) -> str:
    """A hash of everything the validation of table ``name`` depends on: the
    package descriptor, the table's file and the files of the tables its
    foreign keys point to, and the validator's version."""
    digest = hashlib.sha256(f"{name}|frictionless {_validator_version()}".encode())
    digest.update((data_dir / "datapackage.json").read_bytes())
    for path in _table_files(name, data_dir):
        if (data_dir / path).exists():
            digest.update(path.encode() + b"\0" + (data_dir / path).read_bytes())
    return digest.hexdigest()


@functools.cache
def _frictionless_package(descriptor: Path, stamp: tuple):
    # `stamp` keys the cache: an edited descriptor gives a new package.
    # Imported here: frictionless costs ~0.3 s and ~40 MB, and a table whose
    # exact bytes were already validated does not need it (see _validate).
    import frictionless

    return frictionless.Package(str(descriptor))


def _validate(name: str, data_dir: Path, resource_descriptor: dict) -> str:
    """Validate table ``name`` with Frictionless, unless these exact bytes
    passed before: a receipt named after their fingerprint is then in the
    cache folder. Failures are never cached. Returns the fingerprint."""
    fingerprint = _fingerprint(name, data_dir)
    receipt = _cache_dir() / "validated" / fingerprint
    if receipt.exists():
        return fingerprint
    descriptor = data_dir / "datapackage.json"
    report = _frictionless_package(descriptor, _file_stamp(descriptor)).get_resource(name).validate()
    if not report.valid:
        problems = "\n  ".join(_first_errors(report))
        raise DataError(f"{data_dir / resource_descriptor['path']} does not match its schema in datapackage.json:\n  {problems}")
    try:
        receipt.parent.mkdir(parents=True, exist_ok=True)
        receipt.write_text(f"{name} validated\n")
    except OSError:
        pass  # a read-only home only costs a re-validation next time
    return fingerprint


@functools.cache
def _reader_key() -> str:
    """What a cached typed table depends on besides the validated bytes: the
    pandas that pickled it and the code that typed it (this file)."""
    digest = hashlib.sha256(f"pandas {pd.__version__}".encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def _typed_frame(path: Path, schema: dict, fingerprint: str) -> pd.DataFrame:
    """The validated table at ``path``, typed by :func:`_read_typed`; read back
    from the cache folder when these exact bytes were typed before.

    The cache holds only pickles this function wrote, in the user's own cache
    folder, after the bytes passed validation."""
    cached = _cache_dir() / "frames" / f"{fingerprint}-{_reader_key()}.pickle"
    try:
        return pickle.loads(cached.read_bytes())
    except Exception:  # noqa: BLE001 - missing, truncated or foreign: parse the CSV; a cache must never stop a lesson
        pass
    frame = _read_typed(path, schema)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        # Written under a temporary name and renamed: a kernel reading at the
        # same moment sees the whole file or none.
        handle = tempfile.NamedTemporaryFile(dir=cached.parent, suffix=".tmp", delete=False)
        try:
            with handle:
                pickle.dump(frame, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, cached)
        finally:
            Path(handle.name).unlink(missing_ok=True)  # left only if the write failed
    except OSError:
        pass  # a read-only or full disk only costs a CSV parse next time
    return frame


def _file_stamp(*paths: Path) -> tuple:
    """(mtime, size) of each path: changes when a file is edited."""
    return tuple((p.stat().st_mtime_ns, p.stat().st_size) if p.exists() else None for p in paths)


@functools.cache
def _validated_frame(name: str, data_dir: Path, stamp: tuple = ()) -> pd.DataFrame:
    # `stamp` is only part of the cache key: an edited file is read afresh.
    resource_descriptor = _resource_descriptor(name, data_dir)
    path = data_dir / resource_descriptor["path"]
    if not path.exists():
        raise DataError(f"{path}: file missing (table {name!r} in datapackage.json)")
    fingerprint = _validate(name, data_dir, resource_descriptor)
    return _typed_frame(path, resource_descriptor["schema"], fingerprint)


def _read_typed(path: Path, schema: dict) -> pd.DataFrame:
    """Read a validated CSV with the column types its schema declares."""
    dtypes = {"string": "string", "integer": "Int64", "number": "float64"}
    fields = schema["fields"]
    frame = pd.read_csv(
        path,
        # Booleans and dates are read as text and converted below, so the
        # conversion sees exactly what the file says.
        dtype={f["name"]: dtypes.get(f["type"], "string") for f in fields},
        keep_default_na=False,
        na_values={f["name"]: [""] for f in fields},
    )
    for field in fields:
        column = field["name"]
        if field["type"] == "boolean":
            frame[column] = frame[column].map({"true": True, "false": False, "True": True, "False": False}).astype("boolean")
        elif field["type"] == "date":
            frame[column] = pd.to_datetime(frame[column], format="ISO8601")
    return frame


def load_table(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Return table ``name`` from ``data/`` as a DataFrame, validated against
    its schema in ``datapackage.json``.

    Raises :class:`DataError` naming the file, row and column when the table
    does not match its schema. Results are cached; callers get a copy.
    """
    folder = (Path(data_dir) if data_dir is not None else DATA_DIR).resolve()
    stamp = _file_stamp(folder / "datapackage.json", *(folder / path for path in _table_files(name, folder)))
    return _validated_frame(name, folder, stamp).copy()


def table_names(data_dir: Path | str | None = None) -> list[str]:
    """Names of every table described in ``datapackage.json``."""
    folder = (Path(data_dir) if data_dir is not None else DATA_DIR).resolve()
    return [resource["name"] for resource in _package_descriptor(folder)["resources"]]


def articles() -> pd.DataFrame:
    """The two articles, indexed by id (``"K"``, ``"P"``)."""
    return load_table("articles").set_index("id")


def claims() -> pd.DataFrame:
    """Every claim of both articles, indexed by claim id, in article order."""
    return load_table("claims").set_index("id")


def presets() -> pd.DataFrame:
    """The reader presets (neutral, persuaded by K, persuaded by P)."""
    return load_table("presets").set_index("preset")


def preset_weights() -> pd.DataFrame:
    """Credence (0–1) and importance (0–1) per preset and claim."""
    return load_table("preset_weights")


# --- the article texts (reference only; never copied into the project) -------

#: Where each article's body starts and ends in the clipped text: the body
#: begins after the line that matches ``start`` and stops at the line that
#: matches ``stop``. Lines that are only a link (``[Related: …](…)``) or page
#: furniture are not paragraphs.
_BODY_MARKERS = {
    "K": {"start": r"^\s*September 10, 2025, 5:25 PM ET\s*$", "stop": None},
    "P": {"start": r"^\s*Analysis \| Europe\s*$", "stop": r"^\s*Kyiv, Ukraine - January 10, 2022"},
}


def articles_dir() -> Path | None:
    """The folder with the article texts, or ``None`` if it is not present.

    ``$NATODEBATE_ARTICLES`` wins; otherwise ``../shared/articles`` next to
    the repository is used.
    """
    override = os.environ.get("NATODEBATE_ARTICLES")
    candidate = Path(override) if override else Path(__file__).resolve().parents[3] / "shared" / "articles"
    return candidate if candidate.is_dir() else None


def normalise_text(text: str) -> str:
    """Fold curly quotes and dashes to ASCII look-alikes and collapse whitespace,
    so a quotation can be compared with the article text verbatim otherwise."""
    table = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})
    return re.sub(r"\s+", " ", text.translate(table)).strip()


def article_paragraphs(article: str, folder: Path | None = None) -> list[str]:
    """Body paragraphs of article ``"K"`` or ``"P"``, numbered from 1 by list
    position + 1, with whitespace and quote marks normalised.

    Raises ``FileNotFoundError`` if the article texts are not available.
    """
    if article not in _BODY_MARKERS:
        raise ValueError(f"article={article!r}: expected 'K' or 'P'")
    folder = folder or articles_dir()
    if folder is None:
        raise FileNotFoundError("article texts not found: set NATODEBATE_ARTICLES to the folder holding them")
    text_file = articles().loc[article, "text_file"]
    lines = (Path(folder) / text_file).read_text(encoding="utf-8").splitlines()
    markers = _BODY_MARKERS[article]
    start = next(i for i, line in enumerate(lines) if re.match(markers["start"], line))
    paragraphs = []
    for line in lines[start + 1 :]:
        if markers["stop"] and re.match(markers["stop"], line):
            break
        # The clipper prefixes some paragraphs with "- " (a bullet of its own).
        body = re.sub(r"^\s*-\s+", "", line).strip()
        if not body or re.fullmatch(r"\[[^\]]*\]\([^)]*\)", body):
            continue
        paragraphs.append(normalise_text(body))
    return paragraphs
