"""Lesson 08's model: forecast scoring (natodebate.models.forecasts)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natodebate.models import forecasts as fc

outcomes = st.lists(st.booleans(), min_size=1, max_size=30)


def test_brier_score_definition():
    assert fc.brier_score([0.9, 0.2], [1, 0]) == pytest.approx((0.01 + 0.04) / 2)
    assert fc.brier_score([1.0], [0]) == 1.0
    assert fc.brier_score(0.7, 1) == pytest.approx(0.09)


@settings(max_examples=100, deadline=None)
@given(outcomes=outcomes)
def test_brier_score_is_zero_for_perfect_forecasts(outcomes):
    assert fc.brier_score([float(o) for o in outcomes], outcomes) == 0.0


@settings(max_examples=100, deadline=None)
@given(data=st.data(), outcomes=outcomes)
def test_brier_score_lies_between_0_and_1_and_decomposes(data, outcomes):
    probabilities = data.draw(st.lists(st.sampled_from([0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0]), min_size=len(outcomes), max_size=len(outcomes)))
    score = fc.brier_score(probabilities, outcomes)
    assert 0.0 <= score <= 1.0
    parts = fc.murphy_decomposition(probabilities, outcomes)
    assert parts["reliability"] - parts["resolution"] + parts["uncertainty"] == pytest.approx(score, abs=1e-12)


def test_skill_scores():
    assert fc.brier_skill_score([0.9, 0.2], [1, 0]) == pytest.approx(1 - 0.025 / 0.25)
    assert fc.brier_skill_score([0.5, 0.5], [1, 0]) == 0.0
    assert fc.brier_skill_score([0.75, 0.75, 0.75, 0.75], [1, 1, 1, 0], reference="base_rate") == pytest.approx(0.0)
    with pytest.raises(ValueError, match="reference='base_rate' scores a perfect 0"):
        fc.brier_skill_score([0.9, 0.8], [1, 1], reference="base_rate")


def test_calibration_table():
    table = fc.calibration_table([0.05, 0.15, 0.95, 0.85, 0.9], [0, 0, 1, 1, 0], bins=[0, 0.5, 1])
    assert table["n"].tolist() == [2, 3]
    assert table["observed"].tolist() == pytest.approx([0.0, 2 / 3])
    assert table["mean_forecast"].tolist() == pytest.approx([0.1, 0.9])
    assert fc.calibration_table([1.0], [1])["high"].tolist() == [1.0]  # 1.0 falls in the last bin


@pytest.mark.parametrize(
    "probabilities, outcomes, match",
    [
        ([1.2], [1], r"probabilities=1.2: must be a probability|probabilities\[0\]=1.2"),
        ([0.5], [2], r"outcomes\[0\]=2.0: must be 0 or 1"),
        ([], [], r"probabilities is empty"),
        ([0.5, 0.5], [1], r"probabilities has 2 values but outcomes has 1"),
    ],
)
def test_invalid_forecasts_are_explained(probabilities, outcomes, match):
    with pytest.raises(ValueError, match=match):
        fc.brier_score(probabilities, outcomes)


@pytest.mark.parametrize(
    "term, low, high",
    [
        ("almost no chance", 0.01, 0.05), ("very unlikely", 0.05, 0.20), ("unlikely", 0.20, 0.45),
        ("roughly even chance", 0.45, 0.55), ("likely", 0.55, 0.80), ("very likely", 0.80, 0.95),
        ("almost certain", 0.95, 0.99),
    ],
)
def test_icd_203_bands(term, low, high):
    band = fc.hedge_probability(term)
    assert (band["low"], band["high"]) == (low, high)
    assert band["midpoint"] == pytest.approx((low + high) / 2)


def test_hedge_synonyms_and_unknown_terms():
    assert fc.hedge_probability("Probable") == fc.hedge_probability("likely")
    assert fc.hedge_probability("might")["midpoint"] == 0.5
    with pytest.raises(ValueError, match=r"term='perhaps': not a known hedge"):
        fc.hedge_probability("perhaps")


def test_article_scores_count_what_can_be_scored():
    scores = fc.article_scores()
    assert scores.loc["P", "resolved"] == 3
    assert scores.loc["K", "resolved"] == 0  # written in Sept 2025: nothing has resolved yet
    assert np.isnan(scores.loc["K", "brier"])
    scored = fc.scored_propositions("P")
    assert scores.loc["P", "brier"] == pytest.approx(((scored["probability"] - scored["outcome_value"]) ** 2).mean())


def test_presets():
    assert len(fc.preset("neutral")["probabilities"]) == 5
    assert fc.brier_score(**fc.preset("neutral")) == pytest.approx((0.69**2 + 0.4**2 + 0.16**2 + 0.09**2 + 0.0035**2) / 5)
    with pytest.raises(ValueError, match="probabilities is empty"):
        fc.brier_score(**fc.preset("K"))
    results = fc.preset_results()
    assert results.loc["K", "resolved"] == 0 and np.isnan(results.loc["K", "brier"])


# --- lesson 08: reading the hedges ------------------------------------------------------------


def test_the_readable_hedges_and_the_readers_readings():
    assert fc.readable_hedges() == ["appear to", "could", "tenuous possibility"]
    assert fc.reading_preset("neutral") == {"appear to": 0.675, "could": 0.5, "tenuous possibility": 0.325}
    # P's reader: the band's end kindest to her resolved propositions (P21 and P35 did not happen, P32 did); K's the other end
    assert fc.reading_preset("P") == {"appear to": 0.55, "could": 0.55, "tenuous possibility": 0.2}
    assert fc.reading_preset("K") == {"appear to": 0.8, "could": 0.45, "tenuous possibility": 0.45}
    bands = fc.hedge_bands()
    for row in fc.reading_presets().itertuples():
        assert bands.loc[row.hedge, "low"] <= row.value <= bands.loc[row.hedge, "high"]  # every reading inside its band
        assert len(row.justification) > 30


def test_scored_readings_apply_one_reading_per_wording_to_both_authors():
    table = fc.scored_readings({"could": 0.6}, suppose={"K37": False}).set_index("claim_id")
    assert table.loc["P32", "probability"] == table.loc["K37", "probability"] == 0.6
    assert table.loc["P32", "brier"] == pytest.approx(0.16) and table.loc["K37", "brier"] == pytest.approx(0.36)
    assert table.loc["K37", "status"] == "supposed"
    assert table.loc[["P22", "P25", "K17", "K45", "K49"], "brier"].isna().all()  # counterfactuals and disputed conditions
    assert table.loc["P21", "probability"] == 0.675  # hedges not given keep the course data's reading


def test_reading_scores_match_the_article_scores():
    scores = fc.reading_scores()
    assert scores.loc["P", "brier"] == pytest.approx(fc.article_scores().loc["P", "brier"])
    assert scores.loc["P", "brier"] == pytest.approx((0.675**2 + 0.5**2 + 0.325**2) / 3)
    assert scores.loc["K", ["scored", "unresolved", "not scoreable"]].tolist() == [0, 1, 3]
    assert np.isnan(scores.loc["K", "brier"])
    assert scores.loc["forecasters", "brier"] == pytest.approx(fc.preset_results().loc["neutral", "brier"])
    assert fc.reading_scores(suppose={"K37": True}).loc["K", "brier"] == pytest.approx(0.25)  # 'could' = 0.5 scores 0.25 either way


@pytest.mark.parametrize("reader", ["K", "P", "neutral"])
def test_reading_thresholds_put_the_score_on_the_coin_flip(reader):
    readings = fc.reading_preset(reader)
    for term, crossings in fc.reading_thresholds(readings).items():
        for x in crossings:
            moved = fc.reading_scores({**readings, term: x}).loc["P", "brier"]
            assert moved == pytest.approx(0.25)


def test_the_neutral_verdict_flips_inside_the_band_of_appear_to():
    """What would change your mind: 'appear to' read at 0.628 or less puts P's record under the coin flip."""
    crossing = fc.reading_thresholds()["appear to"]
    assert crossing == [pytest.approx(0.628, abs=1e-3)]
    assert 0.55 < crossing[0] < 0.80
    assert fc.reading_scores({"appear to": 0.6}).loc["P", "brier"] < 0.25 < fc.reading_scores({"appear to": 0.65}).loc["P", "brier"]


def test_the_readers_reach_opposite_verdicts_on_petrovics_record():
    verdicts = fc.reading_verdicts()
    assert verdicts.loc["Petrovics: verdict"].tolist() == ["worse than a coin flip", "better than a coin flip", "worse than a coin flip"]
    assert verdicts.loc["Petrovics: Brier (3 resolved)"].tolist() == ["0.382", "0.182", "0.270"]
    assert verdicts.loc["Kagan, if K37 happens", "neutral"] == verdicts.loc["Kagan, if K37 does not happen", "neutral"] == "0.250"


def test_the_asymmetry_of_time():
    table = fc.resolved_within()
    assert table.loc["P"].tolist() == [0, 3, 3, 2]  # nothing within 6 months of writing; all three within a year
    assert table.loc["K"].tolist() == [0, 0, 0, 3]


def test_bad_readings_and_suppositions_are_refused():
    with pytest.raises(ValueError, match=r"readings\['perhaps'\]: not a hedge"):
        fc.scored_readings({"perhaps": 0.5})
    with pytest.raises(ValueError, match=r"readings\['could'\]"):
        fc.scored_readings({"could": 1.5})
    with pytest.raises(ValueError, match=r"suppose\['P21'\]: only an unresolved proposition"):
        fc.scored_readings(suppose={"P21": True})
    with pytest.raises(ValueError, match=r"suppose\['K37'\]='yes'"):
        fc.scored_readings(suppose={"K37": "yes"})


def test_scored_forecasts_hold_the_articles_and_the_forecasters():
    table = fc.scored_forecasts(suppose={"K37": True})
    assert table.groupby("group")["id"].apply(list).to_dict() == {
        "Kagan": ["K37"], "Petrovics": ["P21", "P32", "P35"], "forecasters": ["PF1", "PF2", "PF3", "PF4", "PF5"],
    }
    forecasters = table[table["group"] == "forecasters"]
    assert forecasters["brier"].mean() == pytest.approx(fc.reading_scores().loc["forecasters", "brier"])


def test_threshold_table_says_where_each_hedge_flips_the_verdict():
    table = fc.threshold_table()
    assert table["crosses the coin flip at"].tolist() == ["0.63", "0.57", "0.21"]
    assert table["inside the band"].tolist() == ["yes", "no", "yes"]
    assert fc.threshold_table(fc.reading_preset("K"))["crosses the coin flip at"].tolist() == ["0.49", "never", "never"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(fc.readable_hedges()), st.floats(0, 1)), max_size=5))
def test_reading_briers_equal_the_brier_of_reading_scores(readings_list):
    # Lesson 09 scores many readings in one call: each must equal reading_scores's Brier.
    for article in ("K", "P"):
        together = fc.reading_briers(readings_list, article)
        alone = [fc.reading_scores(r).loc[article, "brier"] for r in readings_list]
        np.testing.assert_array_equal(together, np.array(alone, dtype=float).reshape(-1))


def test_reading_briers_name_a_bad_reading():
    with pytest.raises(ValueError, match=r"readings\['could'\]"):
        fc.reading_briers([{"could": 0.5}, {"could": 1.5}])
    with pytest.raises(ValueError, match=r"article='X'"):
        fc.reading_briers([{}], "X")
