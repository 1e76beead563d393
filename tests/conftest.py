"""Shared test helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def broken_data_copy(tmp_path):
    """Return a function that copies data/ to a temp folder with one edit in
    one table (``old`` replaced by ``new`` once) and returns the folder."""

    def make(table: str, old: str, new: str) -> Path:
        folder = tmp_path / "data"
        shutil.copytree(ROOT / "data", folder)
        path = folder / f"{table}.csv"
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {table}.csv: the test's edit would do nothing"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return folder

    return make
