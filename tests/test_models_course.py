"""The course-level model functions on the real claims and presets."""

from __future__ import annotations

import pytest

from natodebate import data, models

CLAIMS = data.claims()


@pytest.mark.parametrize("article", models.ARTICLES)
def test_claim_counts_add_up_to_the_table(article):
    counts = models.claim_counts(article)
    mine = CLAIMS[CLAIMS["article"] == article]
    assert counts["claims"].sum() == len(mine)
    assert counts["checkable"].sum() == int(mine["checkable"].sum()) > 0
    assert (counts["checkable"] <= counts["claims"]).all()
    assert list(counts.index) == [t for t in models.CLAIM_TYPES if t in set(mine["claim_type"])]
    assert models.verdict_counts(article).sum() == len(mine)


@pytest.mark.parametrize("article", models.ARTICLES)
@pytest.mark.parametrize("preset", models.PRESETS)
def test_thesis_strength_is_a_probability_and_sensitivity_explains_it(article, preset):
    strength = models.thesis_strength(article, preset)
    assert 0 <= strength <= 1
    table = models.sensitivity(article, preset)
    assert len(table) == len(models.argument_map(article).weighted_ids)
    assert table["base"].eq(strength).all()
    assert ((table["low"] <= strength + 1e-12) & (strength <= table["high"] + 1e-12) | (table["swing"] < 0)).all()
    top = table.iloc[0]
    # setting the top claim's credence to its 'low' end reproduces the table
    assert models.thesis_strength(article, preset, credence={top["claim_id"]: 0.0}) == pytest.approx(top["low"])


def test_overrides_change_only_what_they_name():
    base_c, base_i = models.weights("K", "neutral")
    c, i = models.weights("K", "neutral", credence={"K33": 0.1})
    assert c["K33"] == 0.1 and base_c["K33"] != 0.1
    assert {k: v for k, v in c.items() if k != "K33"} == {k: v for k, v in base_c.items() if k != "K33"}
    assert i == base_i


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: models.thesis_strength("X"), r"article='X': expected 'K' \(Kagan\) or 'P' \(Petrovics\)"),
        (lambda: models.thesis_strength("K", "hawkish"), r"preset='hawkish': expected one of neutral, persuaded_by_K, persuaded_by_P"),
        (lambda: models.thesis_strength("K", credence={"P02": 0.5}), r"credence: unknown claim id 'P02'"),
        (lambda: models.thesis_strength("K", credence={"K02": 0.5}), r"credence: unknown claim id 'K02'"),  # the thesis
        (lambda: models.thesis_strength("P", importance={"P02": -0.1}), r"importance\['P02'\] = -0.1: must be a number between 0 and 1"),
        (lambda: models.crux_strengths("restraint", float("nan")), r"answer\['answer'\] = nan"),
    ],
)
def test_bad_input_is_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_crux_moves_the_articles_in_opposite_directions():
    low, high = models.crux_strengths("restraint", 0.0), models.crux_strengths("restraint", 1.0)
    assert high["K"] > low["K"]
    assert high["P"] < low["P"]
    assert (low["K"] - low["P"]) * (high["K"] - high["P"]) < 0  # the verdict flips


def test_crux_links_point_at_claims_that_exist_in_both_articles():
    links = data.load_table("crux_claims")
    assert links["claim_id"].isin(CLAIMS.index).all()
    for crux in links["crux"].unique():
        articles = {claim[0] for claim in links.loc[links["crux"] == crux, "claim_id"]}
        assert articles == {"K", "P"}, "a crux answers claims of both articles (even-handed)"
