"""Validation receipts: unchanged tables skip Frictionless; changed ones are
validated again."""

from __future__ import annotations

import os
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


def test_a_changed_file_is_validated_again_and_its_error_reported(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("NATODEBATE_CACHE", str(tmp_path / "cache"))
    data.load_table("articles", data_copy)  # leaves a receipt for the good file
    path = data_copy / "articles.csv"
    path.write_text(path.read_text().replace(",1440,", ",about 1440,", 1))
    with pytest.raises(data.DataError, match=r"articles\.csv, row 2, column 'word_count'"):
        data.load_table("articles", data_copy)
    # a failure leaves no receipt: the same bad file fails again
    data._validated_frame.cache_clear()
    with pytest.raises(data.DataError):
        data.load_table("articles", data_copy)


def test_an_edited_table_is_read_afresh(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("NATODEBATE_CACHE", str(tmp_path / "cache"))
    before = data.load_table("articles", data_copy)
    path = data_copy / "articles.csv"
    path.write_text(path.read_text().replace(",1440,", ",1441,", 1))
    after = data.load_table("articles", data_copy)
    assert 1441 in list(after["word_count"]) and 1441 not in list(before["word_count"])
    assert len(list((tmp_path / "cache" / "validated").iterdir())) == 2


def test_an_unwritable_cache_costs_only_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("NATODEBATE_CACHE", str(blocker))
    data._validated_frame.cache_clear()
    frame = data.load_table("claims")
    assert len(frame) == len(data.claims()) and frame["checkable"].dtype == "boolean"
    assert blocker.read_text() == "a file where the cache folder should be"


def test_what_models_derive_from_a_table_follows_an_edit(data_copy, tmp_path, monkeypatch):
    # The preset weights and the crux links are kept between slider moves,
    # keyed by data.table_version: an edit in a running kernel must still be seen.
    from natodebate.models import cruxes, weighting

    monkeypatch.setenv("NATODEBATE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("NATODEBATE_DATA", str(data_copy))
    version = data.table_version("preset_weights")
    assert weighting.weights("K")[0]["K03"] == 0.85
    before = cruxes.crux_strengths("restraint", 1.0)
    path = data_copy / "preset_weights.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("neutral,K03,0.85,", "neutral,K03,0.55,", 1), encoding="utf-8")
    assert data.table_version("preset_weights") != version
    assert weighting.weights("K")[0]["K03"] == 0.55
    links = data_copy / "crux_claims.csv"
    links.write_text(links.read_text(encoding="utf-8").replace("restraint,K27,same,", "restraint,K27,opposite,", 1), encoding="utf-8")
    assert cruxes.crux_strengths("restraint", 1.0)["K"] < before["K"]


def test_the_ach_matrices_follow_an_edit_of_the_ratings(data_copy, tmp_path, monkeypatch):
    from natodebate.models import hypotheses

    monkeypatch.setenv("NATODEBATE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("NATODEBATE_DATA", str(data_copy))
    before = hypotheses.matrix("neutral")
    evidence_id, hypothesis = before.index[0], before.columns[0]
    old = before.at[evidence_id, hypothesis]
    new = "II" if old != "II" else "CC"
    path = data_copy / "ach_ratings.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if line.startswith(f"neutral,{evidence_id},{hypothesis},{old},"))
    lines[row] = lines[row].replace(f",{old},", f",{new},", 1)
    path.write_text("".join(lines), encoding="utf-8")
    after = hypotheses.matrix("neutral")
    assert after.at[evidence_id, hypothesis] == new
    after.iat[0, 0] = "changed by the caller"  # a copy: the kept matrix is not touched
    assert hypotheses.matrix("neutral").iat[0, 0] == new
