"""Validation receipts: unchanged tables skip Frictionless, changed ones don't."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

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
