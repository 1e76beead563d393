"""Shared test helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def copy_of_data(destination: Path) -> Path:
    """Copy the files of data/ into ``destination`` as new, writable files and
    return it. Contents only, never mode bits (``shutil.copytree`` would copy
    them, so a read-only checkout would give read-only copies that a test
    cannot edit)."""
    destination.mkdir(parents=True)
    for path in (ROOT / "data").iterdir():
        if path.is_file():
            shutil.copyfile(path, destination / path.name)
    return destination


@pytest.fixture(scope="module", autouse=True)
def module_assumptions_in_tmp(tmp_path_factory):
    """A module's own folder for the settings its module-scoped panels save
    (they are built before any test's folder exists, and would otherwise
    restore what another module's panels saved)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NATODEBATE_ASSUMPTIONS", str(tmp_path_factory.mktemp("module-student")))
        yield


@pytest.fixture(autouse=True)
def assumptions_in_tmp(tmp_path, monkeypatch) -> Path:
    """Every test's panels save the student's settings into its own
    temporary folder (natodebate.assumptions reads $NATODEBATE_ASSUMPTIONS)."""
    folder = tmp_path / "student"
    folder.mkdir()
    monkeypatch.setenv("NATODEBATE_ASSUMPTIONS", str(folder))
    return folder


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ in a temporary folder."""
    return copy_of_data(tmp_path / "data")


@pytest.fixture
def broken_data_copy(data_copy):
    """Return a function that edits one table of a writable copy of data/
    (``old`` replaced by ``new`` once) and returns the folder."""

    def make(table: str, old: str, new: str) -> Path:
        path = data_copy / f"{table}.csv"
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {table}.csv: the test's edit would do nothing"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return data_copy

    return make
