"""Validation receipts and typed-table cache: unchanged tables skip Frictionless
and the CSV parser; changed ones are validated and read again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from natodebate import data

ROOT = Path(__file__).resolve().parents[1]

LOAD_ALL = """
import sys
from natodebate import data
for name in ("articles", "claims", "preset_weights", "sections", "evidence"):
    data.load_table(name)
print("frictionless" in sys.modules)
"""


def _run(cache: Path, data_dir: Path) -> str:
    env = {**os.environ, "NATODEBATE_CACHE": str(cache), "NATODEBATE_DATA": str(data_dir)}
    result = subprocess.run([sys.executable, "-c", LOAD_ALL], env=env, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_second_load_of_unchanged_tables_skips_frictionless(tmp_path):
    cache = tmp_path / "cache"
    assert _run(cache, ROOT / "data") == "True"  # first time: validated
    assert len(list((cache / "validated").iterdir())) == 5
    assert _run(cache, ROOT / "data") == "False"  # receipts found: no validator needed


def test_a_changed_file_is_validated_again_and_its_error_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("NATODEBATE_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    data.load_table("articles", folder)  # leaves a receipt for the good file
    path = folder / "articles.csv"
    path.write_text(path.read_text().replace(",1440,", ",about 1440,", 1))
    with pytest.raises(data.DataError, match=r"articles\.csv, row 2, column 'word_count'"):
        data.load_table("articles", folder)
    # a failure leaves no receipt: the same bad file fails again
    data._validated_frame.cache_clear()
    with pytest.raises(data.DataError):
        data.load_table("articles", folder)


def _fresh_load(name: str, folder: Path):
    data._validated_frame.cache_clear()  # as in a new kernel
    return data.load_table(name, folder)


def test_typed_tables_come_back_from_the_cache_identical_to_the_csv(tmp_path, monkeypatch):
    monkeypatch.setenv("NATODEBATE_CACHE", str(tmp_path / "cache"))
    from_csv = _fresh_load("claims", ROOT / "data")
    assert len(list((tmp_path / "cache" / "frames").iterdir())) == 1

    def no_parsing(*args, **kwargs):
        raise AssertionError("the CSV was parsed although its typed table is cached")

    monkeypatch.setattr(data, "_read_typed", no_parsing)
    from_cache = _fresh_load("claims", ROOT / "data")
    pd.testing.assert_frame_equal(from_cache, from_csv)  # same values and the same dtypes


def test_a_corrupt_cache_file_is_read_around_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("NATODEBATE_CACHE", str(tmp_path / "cache"))
    expected = _fresh_load("evidence", ROOT / "data")
    (cached,) = (tmp_path / "cache" / "frames").iterdir()
    cached.write_bytes(b"not a pickle")
    pd.testing.assert_frame_equal(_fresh_load("evidence", ROOT / "data"), expected)
    pd.testing.assert_frame_equal(pd.read_pickle(cached), expected)  # rewritten whole


def test_an_edited_table_is_typed_afresh(tmp_path, monkeypatch):
    monkeypatch.setenv("NATODEBATE_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    before = _fresh_load("articles", folder)
    path = folder / "articles.csv"
    path.write_text(path.read_text().replace(",1440,", ",1441,", 1))
    after = _fresh_load("articles", folder)
    assert list(after["word_count"]) != list(before["word_count"]) and 1441 in list(after["word_count"])
    assert len(list((tmp_path / "cache" / "frames").iterdir())) == 2


def test_an_unwritable_cache_costs_only_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("NATODEBATE_CACHE", str(blocker))
    frame = _fresh_load("claims", ROOT / "data")
    assert len(frame) == len(data.claims()) and frame["checkable"].dtype == "boolean"
    assert blocker.read_text() == "a file where the cache folder should be"
