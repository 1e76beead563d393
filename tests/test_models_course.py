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
        (lambda: models.thesis_strength("P", importance={"P02": -0.1}), r"importance\['P02'\]=-0.1: must be a number between 0 and 1"),
        (lambda: models.crux_strengths("restraint", float("nan")), r"answer=nan: must be a number between 0 and 1"),
        (lambda: models.uniform_theses(2, 0.3), r"credence=2: must be a number between 0 and 1"),
        (lambda: models.uniform_theses(0.5, "high"), r"importance='high': must be a number between 0 and 1"),
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


# --- the weighting model treats both articles alike ---------------------------------

UNIFORM_SETTINGS = [(c, w) for c in (0.1, 0.3, 0.5, 0.7, 0.9) for w in (0.1, 0.3, 0.6, 1.0)]


def attackers(article):
    arg = models.argument_map(article)
    return {arg.ids[a] for row in arg.attackers for a in row if arg.polarity[a] != 0}


def uniform_thesis(article, credence, importance, attacks_count=False):
    ids = models.argument_map(article).weighted_ids
    attacks = attackers(article)
    importances = {i: importance if attacks_count or i not in attacks else 0.0 for i in ids}
    return models.thesis_strength(article, credence=dict.fromkeys(ids, credence), importance=importances)


@pytest.mark.parametrize("credence, importance", UNIFORM_SETTINGS)
def test_no_count_or_shape_bias_on_the_course_maps(credence, importance):
    """Same credence and importance for every claim, attacks set aside: the
    number of claims and the depth of either map decide nothing."""
    assert abs(uniform_thesis("K", credence, importance) - uniform_thesis("P", credence, importance)) <= 0.02


@pytest.mark.parametrize("credence, importance", UNIFORM_SETTINGS)
def test_with_attacks_the_gap_comes_from_the_attacks_alone(credence, importance):
    """With the attacks counted, holding every attacking claim false closes
    the gap again: whatever difference there is, the attacks made it."""
    ids = {a: models.argument_map(a).weighted_ids for a in models.ARTICLES}
    theses = {}
    for article in models.ARTICLES:
        beliefs = {i: 0.0 if i in attackers(article) else credence for i in ids[article]}
        theses[article] = models.thesis_strength(article, credence=beliefs, importance=dict.fromkeys(ids[article], importance))
    assert theses["K"] == pytest.approx(theses["P"], abs=1e-9)


@pytest.mark.parametrize("article", models.ARTICLES)
@pytest.mark.parametrize("preset", models.PRESETS)
def test_the_model_responds_to_single_claims(article, preset):
    """Under every preset some claim swings its thesis by 0.05 or more."""
    assert models.sensitivity(article, preset)["swing"].abs().max() >= 0.05


@pytest.mark.parametrize("article", models.ARTICLES)
def test_the_three_presets_give_visibly_different_theses(article):
    theses = sorted(models.thesis_strength(article, preset) for preset in models.PRESETS)
    assert min(b - a for a, b in zip(theses, theses[1:])) >= 0.05, theses


def partisan_lead(article):
    """How far the reader persuaded by ``article`` puts it ahead of the other."""
    other = "P" if article == "K" else "K"
    preset = f"persuaded_by_{article}"
    return models.thesis_strength(article, preset) - models.thesis_strength(other, preset)


def credence_shift(preset, article):
    """Mean change of credence from the neutral reader, over ``article``'s claims."""
    ids = models.argument_map(article).weighted_ids
    return float((models.preset_weights(article, preset)["credence"] - models.preset_weights(article, "neutral")["credence"]).loc[ids].mean())


def test_the_partisan_presets_are_equally_partisan():
    lead_k, lead_p = partisan_lead("K"), partisan_lead("P")
    assert lead_k > 0 and lead_p > 0, "each partisan reader reaches their article's conclusion"
    assert abs(lead_k - lead_p) <= 0.05, (lead_k, lead_p)
    own_k, other_k = credence_shift("persuaded_by_K", "K"), credence_shift("persuaded_by_K", "P")
    own_p, other_p = credence_shift("persuaded_by_P", "P"), credence_shift("persuaded_by_P", "K")
    assert own_k > 0 and own_p > 0 and other_k < 0 and other_p < 0
    assert abs(own_k - own_p) <= 0.03, (own_k, own_p)
    assert abs(other_k - other_p) <= 0.03, (other_k, other_p)


def test_the_crux_crossing_is_where_the_bars_meet():
    crossing = models.crux_crossing("restraint")
    assert crossing is not None and 0 < crossing < 1
    at = models.crux_strengths("restraint", crossing)
    assert at["K"] == pytest.approx(at["P"], abs=1e-4)
    below, above = models.crux_strengths("restraint", crossing - 0.05), models.crux_strengths("restraint", crossing + 0.05)
    assert below["K"] < below["P"] and above["K"] > above["P"]


@pytest.mark.parametrize("article", models.ARTICLES)
@pytest.mark.parametrize("preset", models.PRESETS)
def test_the_thesis_reasons_add_up_to_the_thesis(article, preset):
    reasons = models.thesis_reasons(article, preset)
    assert reasons["weight"].sum() == pytest.approx(1.0)
    assert reasons["contribution"].is_monotonic_decreasing
    arg = models.argument_map(article)
    if not arg.attackers[arg.ids.index(arg.thesis)]:
        assert reasons["contribution"].sum() == pytest.approx(models.thesis_strength(article, preset))


def test_the_lesson_tables_agree_with_the_model():
    sweep = models.crux_sweep("restraint", answers=(0.0, 1.0))
    assert sweep.loc[0.0, "ahead"] == "P" and sweep.loc[1.0, "ahead"] == "K"
    overview = models.preset_overview("K")
    assert list(overview.index) == list(models.PRESETS)
    assert overview.loc["neutral", "thesis"] == round(models.thesis_strength("K"), 3)
    table = models.uniform_table(0.7, 0.6)
    assert table.loc["attacks set aside", "K"] == table.loc["attacks set aside", "P"] == 0.7
    assert table.loc["attacks counted", "K"] == round(models.uniform_theses(0.7, 0.6)["K"], 3)
    level = models.uniform_theses(0.6, 0.4, attacks=False)
    assert level["K"] == pytest.approx(level["P"]) == pytest.approx(0.6)


def test_preset_balance_reports_what_the_partisanship_test_measures():
    balance = models.preset_balance()
    assert balance.loc["persuaded_by_K", "lead"] == round(partisan_lead("K"), 3)
    assert balance.loc["persuaded_by_P", "own shift"] == round(credence_shift("persuaded_by_P", "P"), 3)
    assert balance.loc["persuaded_by_P", "other shift"] == round(credence_shift("persuaded_by_P", "K"), 3)


def test_lesson_00_explains_why_the_neutral_reader_is_not_level_at_the_middle():
    """Lesson 00's prose: the bars cross at about 0.43; at 0.5 K 0.51, P 0.46;
    the gap comes from two attacks P reports herself (P06, P13): without
    them the bars are within 0.02 at the middle."""
    assert round(models.crux_crossing("restraint"), 2) == 0.43
    middle = models.crux_strengths("restraint", 0.5)
    assert (round(middle["K"], 2), round(middle["P"], 2)) == (0.51, 0.46)
    without = models.crux_strengths("restraint", 0.5, importance={"P06": 0.0, "P13": 0.0})
    assert without["K"] == middle["K"]
    assert (round(without["K"], 2), round(without["P"], 2)) == (0.51, 0.52)
    assert abs(without["K"] - without["P"]) <= 0.02
    with pytest.raises(ValueError, match="importance: unknown claim id 'X1'"):
        models.crux_strengths("restraint", 0.5, importance={"X1": 0.0})


def test_preset_justifications_show_each_preset_once():
    table = models.preset_justifications("K33")
    assert list(table.index) == list(models.PRESETS)
    assert table["justification"].str.len().min() > 15
    with pytest.raises(ValueError, match="claim_id='K01': no preset weighs it"):
        models.preset_justifications("K01")  # an elaboration


def test_crux_strengths_along_the_slider_equal_each_answer_alone():
    # Lesson 09 walks the crux in one pass of each argument map; lesson 00's slider asks one answer at a time.
    answers = [0.0, 0.13, 0.5, 0.77, 1.0]
    table = models.crux_strengths_along("restraint", answers)
    assert list(table.index) == answers and list(table.columns) == ["K", "P"]
    for answer in answers:
        alone = models.crux_strengths("restraint", answer)
        assert table.loc[answer, "K"] == pytest.approx(alone["K"], abs=1e-12)
        assert table.loc[answer, "P"] == pytest.approx(alone["P"], abs=1e-12)
    assert models.crux_strengths_along("restraint", []).empty
    with pytest.raises(ValueError, match=r"answer=1.5: must be a number between 0 and 1"):
        models.crux_strengths_along("restraint", [0.2, 1.5])
