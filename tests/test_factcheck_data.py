"""Lesson 03's evidence tables: valid against datapackage.json, every value
with a source, unconfirmed values flagged, the evidence index consistent."""

from __future__ import annotations

import re
from pathlib import Path

import frictionless
import pytest

from natodebate import data

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "data" / "datapackage.json"

def _resources() -> dict[str, list[str]]:
    """Every table datapackage.json describes, with its field names."""
    package = frictionless.Package(str(PACKAGE))
    return {resource.name: [field.name for field in resource.schema.fields] for resource in package.resources}


#: Discovered, not listed: a table added to datapackage.json is checked here
#: with no edit to this file. Every table is checked against its schema; a
#: table whose rows each carry ``source``, ``source_date`` and ``confidence``
#: is an evidence table and must fill them (MAINTAINING.md, "A data table").
ALL_TABLES = sorted(_resources())
EVIDENCE_TABLES = sorted(
    name for name, fields in _resources().items() if {"source", "source_date", "confidence"} <= set(fields) and name != "evidence"
)

ARTICLES_DIR = data.articles_dir()
needs_texts = pytest.mark.skipif(ARTICLES_DIR is None, reason="article texts not found (set NATODEBATE_ARTICLES)")


@pytest.mark.parametrize("name", ALL_TABLES)
def test_table_is_valid_against_its_schema(name):
    resource = frictionless.Package(str(PACKAGE)).get_resource(name)
    report = resource.validate()
    assert report.valid, [e.message for task in report.tasks for e in task.errors][:5]
    assert resource.sources, f"{name} names no source"
    assert len(data.load_table(name)) > 0


@pytest.mark.parametrize("name", ALL_TABLES)
def test_every_field_is_described_or_self_explanatory(name):
    resource = frictionless.Package(str(PACKAGE)).get_resource(name)
    assert resource.description, f"{name} has no description"
    for field in resource.schema.fields:
        # number fields carry their unit in the description
        if field.type == "number":
            assert field.description, f"{name}.{field.name}: a number needs a description with its unit"


@pytest.mark.parametrize("name", EVIDENCE_TABLES + ["evidence"])
def test_every_row_has_source_date_and_confidence(name):
    table = data.load_table(name)
    for column in ("source", "source_date", "confidence"):
        assert table[column].notna().all(), f"{name}: a row without {column}"
        assert (table[column].astype(str).str.strip() != "").all()
    assert set(table["confidence"]) <= {"high", "medium", "low", "unconfirmed"}
    urls = table["url"].dropna()
    assert urls.str.match(r"^https?://[^\s]+$").all(), f"{name}: malformed url"


def test_source_dates_are_real_dates():
    for name in EVIDENCE_TABLES + ["evidence"]:
        for value in data.load_table(name)["source_date"]:
            year = int(value[:4])
            assert 1900 <= year <= 2026, (name, value)
            if len(value) >= 7:
                assert 1 <= int(value[5:7]) <= 12, (name, value)


def test_the_unconfirmed_values_are_exactly_those_the_fact_sheet_marks():
    # FACTS.md marks these as unconfirmed: Germany's 2025 share, a 5.9% revision
    # of Russia's 2021 growth, the NPR's verbatim wording and the CEPA wording.
    spending = data.load_table("nato_spending")
    flagged = spending[spending["confidence"] == "unconfirmed"]
    assert list(zip(flagged["ally"], flagged["year"])) == [("Germany", 2025)]
    growth = data.load_table("gdp_growth")
    flagged = growth[growth["confidence"] == "unconfirmed"]
    assert list(zip(flagged["target_year"], flagged["growth_pct"])) == [(2021, 5.9)]
    facts = data.load_table("documented_facts").set_index("fact_id")
    unconfirmed = set(facts.index[facts["confidence"] == "unconfirmed"])
    assert {i for i in unconfirmed if "Nuclear Posture" in facts.loc[i, "statement"] or "CEPA" in facts.loc[i, "statement"]} == unconfirmed
    assert len(unconfirmed) == 2


def test_key_values_match_the_fact_sheet():
    facts = data.load_table("country_facts").set_index(["country", "indicator"])
    assert facts.loc[("Russia", "area_total"), "value"].item() == 17_098_242
    assert facts.loc[("Ukraine", "area_total"), "value"].item() == 603_550
    milex = data.load_table("military_expenditure").set_index(["country", "year", "vintage"])["usd_bn"]
    assert milex[("Russia", 2021, "first_published")] == 65.9
    assert milex[("Ukraine", 2021, "first_published")] == 5.9
    assert milex[("Russia", 2021, "latest_revision")] == 65.92
    assert milex[("Ukraine", 2021, "latest_revision")] == 6.84
    assert milex[("Russia", 2025, "latest_revision")] == 190.42
    latest = milex.xs("latest_revision", level="vintage")
    assert sorted({year for _, year in latest.index}) == list(range(2014, 2026))


def test_the_sipri_release_of_2021_data_postdates_article_p():
    # The habit the lesson teaches: P (15 Mar 2022) could not have seen the
    # April 2022 release; the table must say so through its dates.
    milex = data.load_table("military_expenditure")
    first_2021 = milex[(milex["year"] == 2021) & (milex["vintage"] == "first_published")]
    assert (first_2021["source_date"] == "2022-04-25").all()
    assert data.articles().loc["P", "published"].strftime("%Y-%m-%d") < "2022-04-25"


def test_hague_pledge_components_add_up():
    pledge = data.load_table("nato_pledge_2025").set_index("component")["pct_gdp"]
    assert pledge["core defence"] + pledge["defence- and security-related"] == pytest.approx(pledge["total"]) == 5.0


def test_kiis_shares_never_exceed_100_per_wave():
    kiis = data.load_table("kiis_concessions")
    assert (kiis.groupby("fieldwork")["pct"].sum() <= 100).all()
    assert kiis["fieldwork_start"].le(kiis["fieldwork_end"]).all()


def test_force_estimate_range_is_ordered():
    estimates = data.load_table("russian_force_estimates")
    both = estimates.dropna(subset=["troops_low"])
    assert (both["troops_low"] <= both["troops_high"]).all()


def test_treaty_excerpts_are_one_sentence_at_most():
    law = data.load_table("neutrality_law")
    for excerpt in law["text_excerpt"].dropna():
        assert len(re.findall(r"[.!?](\s|$)", excerpt)) <= 1
        assert len(excerpt.split()) <= 40


# --- the evidence index -----------------------------------------------------------


def test_evidence_ids_are_numbered_in_order():
    evidence = data.load_table("evidence")
    assert list(evidence["evidence_id"]) == [f"E{i:02d}" for i in range(1, len(evidence) + 1)]


def test_evidence_rows_draw_on_existing_tables():
    names = {r.name for r in frictionless.Package(str(PACKAGE)).resources}
    for row in data.load_table("evidence").itertuples():
        for table in row.tables.split(";"):
            assert table in names, f"{row.evidence_id}: unknown table {table!r}"


def test_timeline_and_numeric_claims_point_to_existing_evidence():
    known = set(data.load_table("evidence")["evidence_id"])
    for name in ("timeline", "numeric_claims"):
        for ids in data.load_table(name)["evidence_ids"].dropna():
            assert set(ids.split(";")) <= known, (name, ids)


def test_timeline_carries_both_publication_dates():
    timeline = data.load_table("timeline")
    published = timeline[timeline["category"] == "article"]["date"].dt.strftime("%Y-%m-%d")
    articles = data.articles()["published"].dt.strftime("%Y-%m-%d")
    assert sorted(published) == sorted(articles) == ["2022-03-15", "2025-09-10"]


def test_timeline_public_date_never_precedes_the_event():
    timeline = data.load_table("timeline")
    assert (timeline["public_date"] >= timeline["date"]).all()


@needs_texts
def test_numeric_claim_quotes_are_verbatim_in_their_paragraph():
    for claim in data.load_table("numeric_claims").itertuples():
        paragraphs = data.article_paragraphs(claim.article)
        assert data.normalise_text(claim.quote) in paragraphs[claim.paragraph - 1], claim.numeric_claim_id


# --- malformed files give clear errors ------------------------------------------------


def test_a_bad_confidence_names_file_row_and_column(broken_data_copy):
    folder = broken_data_copy("shadow_war_attacks", ",high,", ",sure,")
    with pytest.raises(data.DataError, match=r"shadow_war_attacks\.csv, row 2, column 'confidence'"):
        data.load_table("shadow_war_attacks", folder)


def test_a_bad_source_date_names_file_row_and_column(broken_data_copy):
    folder = broken_data_copy("evidence", ",2026,", ",last year,")
    with pytest.raises(data.DataError, match=r"evidence\.csv, row 2, column 'source_date'"):
        data.load_table("evidence", folder)
