"""The data behind the models of lessons 04-08: every preset value is an
argument of its function and carries its justification (a claim with a
verbatim quotation, or a source); the ACH matrix and the forecast
propositions are complete and justified."""

from __future__ import annotations

import inspect
import re

import pandas as pd
import pytest

from natodebate import data
from natodebate.models import bargaining, credibility, escalation, forecasts, hypotheses

PRESETS = data.load_table("model_presets")
CLAIMS = data.claims()
EVIDENCE_IDS = set(data.load_table("evidence")["evidence_id"])
FUNCTIONS = {
    "credibility.posterior": credibility.posterior,
    "credibility.probe_threshold": credibility.probe_threshold,
    "bargaining.threat_effect": bargaining.threat_effect,
    "bargaining.mutual_optimism": bargaining.mutual_optimism,
    "escalation.decision": escalation.decide,
    "escalation.ladder": escalation.ladder,
    "escalation.monte_carlo": escalation.utility_difference,  # the ranges are the inputs of the model sampled
}
needs_texts = pytest.mark.skipif(data.articles_dir() is None, reason="article texts not found (set NATODEBATE_ARTICLES)")


def ids(cell) -> list[str]:
    return [] if pd.isna(cell) or cell == "" else str(cell).split(";")


def test_every_model_in_the_table_has_a_function():
    assert set(PRESETS["model"]) == set(FUNCTIONS)


@pytest.mark.parametrize("model", sorted(FUNCTIONS))
def test_every_parameter_is_an_argument_and_every_preset_sets_the_same_ones(model):
    rows = PRESETS[PRESETS["model"] == model]
    accepted = set(inspect.signature(FUNCTIONS[model]).parameters)
    for preset in ("K", "P", "neutral"):
        names = {p.split(".")[0] for p in rows.loc[rows["preset"] == preset, "parameter"]}
        assert names, f"{model}: no rows for preset {preset}"
        assert names <= accepted, f"{model}, {preset}: {names - accepted} are not arguments"
    per_preset = [set(rows.loc[rows["preset"] == p, "parameter"]) for p in ("K", "P", "neutral")]
    assert per_preset[0] == per_preset[1] == per_preset[2]


def test_ranges_have_both_ends_in_order():
    ranges = PRESETS[PRESETS["parameter"].str.contains(r"\.")]
    for (model, preset), group in ranges.groupby(["model", "preset"]):
        values = dict(zip(group["parameter"], group["value"]))
        for name in {p.split(".")[0] for p in values}:
            assert values[f"{name}.low"] < values[f"{name}.high"], (model, preset, name)


def test_claims_exist_and_claim_based_values_quote_them():
    for row in PRESETS.itertuples():
        for claim_id in ids(row.claim_ids):
            assert claim_id in CLAIMS.index, (row.model, row.preset, row.parameter, claim_id)
        if ids(row.claim_ids):
            assert isinstance(row.quote, str) and row.quote, (row.model, row.preset, row.parameter)
        else:
            assert pd.isna(row.quote), "a quotation needs the claim it comes from"


def test_every_value_has_a_source_and_a_real_justification():
    for row in PRESETS.itertuples():
        assert len(row.justification.split()) >= 5, (row.model, row.preset, row.parameter)
        assert row.source.strip()
        assert "models.md" not in row.justification + row.source  # students cannot read the design notes


def test_cited_evidence_exists():
    for table, columns in (
        (PRESETS, ["justification", "source"]),
        (data.load_table("ach_ratings"), ["justification", "source"]),
        (data.load_table("forecast_propositions"), ["evidence_ids"]),
        (data.load_table("ach_evidence"), ["evidence_ids"]),
    ):
        for column in columns:
            for text in table[column].dropna():
                for evidence_id in re.findall(r"\bE\d{2}\b", text):
                    assert evidence_id in EVIDENCE_IDS, (column, evidence_id)


@needs_texts
def test_quotes_are_verbatim_and_one_sentence_or_less():
    paragraphs = {a: data.article_paragraphs(a) for a in ("K", "P")}
    for row in PRESETS.dropna(subset=["quote"]).itertuples():
        article = ids(row.claim_ids)[0][0]
        quote = data.normalise_text(row.quote)
        assert any(quote in p for p in paragraphs[article]), (row.model, row.preset, row.parameter, row.quote)
        assert len(quote.split()) <= 40
        assert not re.search(r"[a-z\d][.!?][\"”’']?\s+[A-Z]", quote), row.quote


@needs_texts
def test_proposition_wordings_are_verbatim_in_their_claims_paragraph():
    for row in data.load_table("forecast_propositions").itertuples():
        claim = CLAIMS.loc[row.claim_id]
        paragraph = data.article_paragraphs(claim["article"])[claim["paragraph"] - 1]
        for part in row.wording.split(" ... "):
            assert data.normalise_text(part) in paragraph, (row.claim_id, part)


def test_ach_ratings_cover_the_matrix_and_overrides_differ():
    ratings = data.load_table("ach_ratings")
    evidence = set(data.load_table("ach_evidence")["evidence_id"])
    hypotheses_ = set(data.load_table("ach_hypotheses")["hypothesis"])
    neutral = ratings[ratings["analyst"] == "neutral"].set_index(["evidence_id", "hypothesis"])["rating"]
    assert set(neutral.index) == {(e, h) for e in evidence for h in hypotheses_}
    for analyst in ("K", "P"):
        own = ratings[ratings["analyst"] == analyst].set_index(["evidence_id", "hypothesis"])["rating"]
        assert len(own) > 0
        for cell, rating in own.items():
            assert rating != neutral[cell], f"{analyst} repeats the neutral rating of {cell}"
    for row in ratings.itertuples():
        assert len(row.justification.split()) >= 5
        assert ids(row.claim_ids) or not pd.isna(row.source), (row.analyst, row.evidence_id, row.hypothesis)
        for claim_id in ids(row.claim_ids):
            assert claim_id in CLAIMS.index


def test_ach_evidence_is_sourced():
    for row in data.load_table("ach_evidence").itertuples():
        assert row.source.strip()
        for claim_id in ids(row.claim_ids):
            assert claim_id in CLAIMS.index
    assert set(hypotheses.evidence()["credibility"]) <= {"High", "Medium", "Low"}


def test_propositions_take_their_probability_from_the_hedge():
    bands = forecasts.hedge_bands()
    for row in data.load_table("forecast_propositions").itertuples():
        assert row.probability == pytest.approx(bands.loc[row.hedge, "midpoint"]), row.claim_id
        if row.outcome in ("true", "false"):
            assert not pd.isna(row.resolution_date) and not pd.isna(row.resolution_source), row.claim_id
        if row.kind == "counterfactual":
            assert row.outcome == "not scoreable"
            assert CLAIMS.loc[row.claim_id, "claim_type"] == "counterfactual"


def test_course_readings_use_an_icd_band():
    bands = forecasts.hedge_bands()
    for term, row in bands[bands["kind"] == "course reading"].iterrows():
        icd = bands.loc[row["reads_as"]]
        assert icd["kind"] == "ICD 203"
        assert (row["low"], row["high"]) == (icd["low"], icd["high"]), term


def test_published_forecasts_hold_the_rug_marks():
    table = forecasts.published_forecasts().set_index("forecast_id")
    assert set(table["probability"]) >= {0.0035, 0.16, 0.09, 0.50}
    ranges = table.dropna(subset=["probability_low"])
    for row in ranges.itertuples():
        assert row.probability_low <= row.probability <= row.probability_high
        assert row.probability == pytest.approx((row.probability_low + row.probability_high) / 2, abs=1e-4)
