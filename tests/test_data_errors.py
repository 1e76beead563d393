"""What bad data gets: a malformed table stops with a DataError naming the
file, the row and column, the value found and what is allowed; every value
the schema accepts loads as what it means; a missing data row or a broken
argument map is reported as a data problem; the data is found, or the error
says how to point to it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import frictionless
import pandas as pd
import pytest

from natodebate import data, models
from natodebate.models import factcheck as check

ROOT = Path(__file__).resolve().parents[1]
DESCRIPTOR = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {resource["name"]: resource for resource in DESCRIPTOR["resources"]}
BOOLEAN_FIELDS = [
    (resource["name"], field["name"])
    for resource in DESCRIPTOR["resources"]
    for field in resource["schema"]["fields"]
    if field["type"] == "boolean"
]
SPELLINGS = [(spelling, True) for spelling in data.TRUE_VALUES] + [(spelling, False) for spelling in data.FALSE_VALUES]


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """A fresh receipt folder: every table these tests load is validated."""
    monkeypatch.setenv("NATODEBATE_CACHE", str(tmp_path / "cache"))


def read_rows(folder: Path, table: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((folder / f"{table}.csv").read_text(encoding="utf-8"))))


def write_rows(folder: Path, table: str, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (folder / f"{table}.csv").write_text(out.getvalue(), encoding="utf-8")


def error_of(table: str, folder: Path) -> str:
    with pytest.raises(data.DataError) as caught:
        data.load_table(table, folder)
    return str(caught.value)


# --- booleans: what a spreadsheet writes ----------------------------------------


def test_the_loader_accepts_the_same_booleans_as_the_validator():
    field = frictionless.fields.BooleanField(name="any")
    assert tuple(field.true_values) == data.TRUE_VALUES
    assert tuple(field.false_values) == data.FALSE_VALUES
    for table, column in BOOLEAN_FIELDS:  # no schema narrows or widens them
        (field,) = [f for f in RESOURCES[table]["schema"]["fields"] if f["name"] == column]
        assert "trueValues" not in field and "falseValues" not in field, (table, column)


@pytest.mark.parametrize(("spelling", "meaning"), SPELLINGS, ids=[s for s, _ in SPELLINGS])
def test_every_boolean_spelling_loads_as_what_it_means(data_copy, spelling, meaning):
    original = data.load_table("claims")
    rows = read_rows(data_copy, "claims")
    column = rows[0].index("checkable")
    canonical = "true" if meaning else "false"
    changed = 0
    for row in rows[1:]:
        if row[column] == canonical:
            row[column] = spelling
            changed += 1
    assert changed >= 10  # the edit is not vacuous
    write_rows(data_copy, "claims", rows)
    loaded = data.load_table("claims", data_copy)
    assert loaded["checkable"].dtype == "boolean" and not loaded["checkable"].isna().any()
    pd.testing.assert_series_equal(loaded["checkable"], original["checkable"])


@pytest.mark.parametrize(("table", "column"), BOOLEAN_FIELDS, ids=[f"{t}.{c}" for t, c in BOOLEAN_FIELDS])
def test_every_boolean_column_reads_mixed_spellings(data_copy, table, column):
    original = data.load_table(table)
    rows = read_rows(data_copy, table)
    position = rows[0].index(column)
    for n, row in enumerate(rows[1:]):
        spellings = data.TRUE_VALUES if row[position] == "true" else data.FALSE_VALUES
        row[position] = spellings[n % len(spellings)]
    write_rows(data_copy, table, rows)
    loaded = data.load_table(table, data_copy)
    assert not loaded[column].isna().any()
    pd.testing.assert_series_equal(loaded[column], original[column])


def test_a_boolean_the_schema_rejects_is_named_with_the_allowed_values(broken_data_copy):
    folder = broken_data_copy("claims", ",true,", ",yes,")
    message = error_of("claims", folder)
    assert "claims.csv, row 2, column 'checkable': 'yes' is not a boolean; expected one of true, True, TRUE, 1, false, False, FALSE, 0" in message


def test_a_boolean_the_reader_does_not_know_stops_instead_of_loading_as_na(broken_data_copy, monkeypatch):
    # If validator and reader ever disagree, the reader stops; it never leaves <NA>.
    monkeypatch.setattr(data, "TRUE_VALUES", ("true",))
    folder = broken_data_copy("claims", ",true,", ",TRUE,")
    assert "claims.csv, row 2, column 'checkable': 'TRUE' is not a boolean; expected one of true, false" in error_of("claims", folder)


# --- encoding ------------------------------------------------------------------------


def test_every_table_declares_utf8():
    assert {resource.get("encoding") for resource in DESCRIPTOR["resources"]} == {"utf-8"}


def test_a_byte_that_is_not_utf8_names_file_line_and_byte(data_copy):
    path = data_copy / "claims.csv"
    lines = path.read_bytes().split(b"\n")
    at = lines[4].index(b",") + 1
    lines[4] = lines[4][:at] + b"\xe9" + lines[4][at:]  # a Latin-1 "é"
    path.write_bytes(b"\n".join(lines))
    message = error_of("claims", data_copy)
    assert message.startswith(f"{path}, line 5, byte {at + 1} of the line")
    assert "byte 0xE9 is not UTF-8 text" in message and "save the file as UTF-8" in message


def test_a_byte_order_mark_from_a_spreadsheet_is_read_past(data_copy):
    path = data_copy / "articles.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    pd.testing.assert_frame_equal(data.load_table("articles", data_copy), data.load_table("articles"))


# --- the header --------------------------------------------------------------------------


def test_a_missing_column_is_named(data_copy):
    rows = read_rows(data_copy, "claims")
    position = rows[0].index("premise_group")
    write_rows(data_copy, "claims", [row[:position] + row[position + 1 :] for row in rows])
    message = error_of("claims", data_copy)
    assert "claims.csv, header (row 1): column 'premise_group' is missing." in message
    assert "Missing Label" not in message and "'evidence_ids'" not in message


def test_an_extra_a_renamed_and_a_reordered_column_are_named(data_copy):
    rows = read_rows(data_copy, "articles")
    write_rows(data_copy, "articles", [rows[0] + ["notes"]] + [row + [""] for row in rows[1:]])
    assert "header (row 1): column 'notes' is not in the schema." in error_of("articles", data_copy)

    renamed = [list(row) for row in rows]
    renamed[0][renamed[0].index("word_count")] = "words"
    write_rows(data_copy, "articles", renamed)
    assert "header (row 1): column 'word_count' is missing; column 'words' is not in the schema." in error_of("articles", data_copy)

    swapped = [[row[1], row[0], *row[2:]] for row in rows]
    write_rows(data_copy, "articles", swapped)
    assert "header (row 1): the columns are in another order: " + ", ".join(swapped[0]) in error_of("articles", data_copy)


# --- values: what was found and what is allowed --------------------------------------------


def test_a_bad_number_names_the_value_and_what_is_allowed(broken_data_copy):
    message = error_of("articles", broken_data_copy("articles", ",1440,", ",many,"))
    assert "articles.csv, row 2, column 'word_count': 'many' is not an integer; expected a whole number" in message


def test_a_value_outside_the_enum_names_the_allowed_values(broken_data_copy):
    first = data.claims().iloc[0]
    message = error_of("claims", broken_data_copy("claims", f",{first['claim_type']},", ",hearsay,"))
    allowed = next(f for f in RESOURCES["claims"]["schema"]["fields"] if f["name"] == "claim_type")["constraints"]["enum"]
    assert f"claims.csv, row 2, column 'claim_type': 'hearsay' is not allowed; expected one of: {', '.join(allowed)}" in message


def test_an_empty_required_cell_and_a_value_out_of_range_are_named(data_copy):
    rows = read_rows(data_copy, "preset_weights")
    header = rows[0]
    rows[1][header.index("credence")] = "1.5"
    rows[2][header.index("importance")] = ""
    write_rows(data_copy, "preset_weights", rows)
    message = error_of("preset_weights", data_copy)
    assert "preset_weights.csv, row 2, column 'credence': '1.5' is out of range; expected a value <= 1" in message
    assert "preset_weights.csv, row 3, column 'importance': the cell is empty; a value is required" in message


def test_after_five_problems_the_rest_are_counted(data_copy):
    rows = read_rows(data_copy, "claims")
    column = rows[0].index("claim_type")
    for row in rows[1:]:
        row[column] = "hearsay"
    write_rows(data_copy, "claims", rows)
    message = error_of("claims", data_copy)
    total = len(rows) - 1
    assert message.count("'hearsay' is not allowed") == 5
    assert message.endswith(f"… and {total - 5} more ({total} problems in all)")


# --- a missing row is a data problem, a bad argument is not ----------------------------------


def test_a_missing_sipri_row_is_reported_as_data_naming_table_and_key(data_copy):
    rows = read_rows(data_copy, "military_expenditure")
    header = rows[0]
    key = [header.index(c) for c in ("country", "year", "vintage")]
    kept = [row for row in rows if [row[i] for i in key] != ["Ukraine", "2021", "first_published"]]
    assert len(kept) == len(rows) - 1
    write_rows(data_copy, "military_expenditure", kept)
    milex = data.load_table("military_expenditure", data_copy)
    with pytest.raises(data.DataError) as caught:
        check.military_expenditure_ratio(2021, "first_published", milex)
    assert "military_expenditure.csv has no row for country='Ukraine', year=2021, vintage='first_published'" in str(caught.value)
    # a year the table does not have at all is the argument's fault, and says so
    with pytest.raises(ValueError) as caught:
        check.military_expenditure_ratio(1850, "first_published", milex)
    assert not isinstance(caught.value, data.DataError)
    assert str(caught.value).startswith("year=1850: expected one of") and "military_expenditure.csv" in str(caught.value)


# --- the argument map: file and rows ---------------------------------------------------------


@pytest.fixture
def claims_copy(data_copy, monkeypatch):
    """data/ copied, NATODEBATE_DATA pointing to it, and the cached maps cleared before and after."""
    monkeypatch.setenv("NATODEBATE_DATA", str(data_copy))
    models.argument_map.cache_clear()
    yield data_copy
    models.argument_map.cache_clear()


def _map_error(folder: Path, article: str, edit) -> tuple[str, dict[str, int]]:
    rows = read_rows(folder, "claims")
    header = rows[0]
    by_id = {row[0]: row for row in rows[1:]}
    edit(by_id, header)
    write_rows(folder, "claims", rows)
    with pytest.raises(data.DataError) as caught:
        models.argument_map(article)
    return str(caught.value), {claim_id: n + 2 for n, claim_id in enumerate(by_id)}


def test_a_cycle_in_the_argument_map_names_file_and_rows(claims_copy):
    claims = data.claims()
    thesis = claims.index[(claims["article"] == "K") & (claims["relation"] == "thesis")][0]
    child = next(i for i in claims.index if claims.loc[i, "parent_id"] == thesis and (claims["parent_id"] == i).any())
    grandchild = claims.index[claims["parent_id"] == child][0]

    def make_cycle(by_id, header):
        by_id[child][header.index("parent_id")] = grandchild  # child -> grandchild -> child

    message, row_of = _map_error(claims_copy, "K", make_cycle)
    assert message.startswith(f"{claims_copy / 'claims.csv'}, article K's argument map")
    assert f"{child} = row {row_of[child]}" in message or f"{grandchild} = row {row_of[grandchild]}" in message


def test_a_parent_in_the_other_article_names_file_and_row(claims_copy):
    claims = data.claims()
    claim = claims.index[(claims["article"] == "P") & (claims["relation"] == "supports")][0]
    other_thesis = claims.index[(claims["article"] == "K") & (claims["relation"] == "thesis")][0]

    def cross(by_id, header):
        by_id[claim][header.index("parent_id")] = other_thesis

    message, row_of = _map_error(claims_copy, "P", cross)
    assert "claims.csv, article P's argument map" in message and f"{claim} = row {row_of[claim]}" in message


# --- where the data is -----------------------------------------------------------------------


def test_natodebate_data_wins_and_a_wrong_one_says_what_to_set(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("NATODEBATE_DATA", str(data_copy))
    assert data.data_folder() == data_copy.resolve()
    monkeypatch.setenv("NATODEBATE_DATA", str(tmp_path))
    with pytest.raises(data.DataError, match=r"NATODEBATE_DATA=.*: no datapackage\.json in that folder\. Set NATODEBATE_DATA to the course's data/ folder"):
        data.load_table("claims")


def _as_plainly_installed(tmp_path, monkeypatch) -> None:
    """As after `pip install .`: the library in site-packages, no data beside it."""
    site = tmp_path / "venv" / "lib" / "python3" / "site-packages" / "natodebate"
    site.mkdir(parents=True)
    monkeypatch.setattr(data, "__file__", str(site / "data.py"))
    monkeypatch.delenv("NATODEBATE_DATA", raising=False)


def test_a_plain_install_finds_the_data_from_the_course_folder(data_copy, tmp_path, monkeypatch):
    _as_plainly_installed(tmp_path, monkeypatch)
    notebooks = data_copy.parent / "notebooks"
    notebooks.mkdir()
    monkeypatch.chdir(notebooks)  # where a lesson runs
    assert data.data_folder() == data_copy.resolve()
    monkeypatch.chdir(data_copy.parent)  # the course folder
    assert data.data_folder() == data_copy.resolve()


def test_a_plain_install_without_the_data_says_what_to_do(tmp_path, monkeypatch):
    _as_plainly_installed(tmp_path, monkeypatch)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    with pytest.raises(data.DataError) as caught:
        data.load_table("claims")
    message = str(caught.value)
    assert "set NATODEBATE_DATA to the course's data/ folder" in message
    assert "pip install -e" in message and str(elsewhere / "data") in message
