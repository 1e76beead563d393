"""Lesson 07's model: Analysis of Competing Hypotheses
(natodebate.models.hypotheses): each scoring rule, diagnosticity, the flip
finder, class disagreement, and the course's matrix with its presets."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natodebate.models import hypotheses as ach

SMALL = pd.DataFrame(
    {"H1": ["C", "I", "N"], "H2": ["II", "C", "I"], "H3": ["C", "C", "NA"]},
    index=["E1", "E2", "E3"],
)
CREDIBILITY = {"E1": "High", "E2": "Medium", "E3": "Low"}
RELEVANCE = {"E1": "Low", "E2": "High", "E3": "Medium"}
RULES = ["heuer", "open_source_ach", "parc", "bayes"]


def test_heuer_counts_inconsistencies():
    assert ach.scores(SMALL, "heuer").to_dict() == {"H1": 1, "H2": 2, "H3": 0}
    assert ach.leaders(SMALL, "heuer") == ["H3"]


def test_open_source_ach_weights_by_credibility():
    # H1: I on E2 (Medium, 1) = 1; H2: II on E1 (High, 2) = 4 plus I on E3 (Low, 0.5) = 0.5
    assert ach.scores(SMALL, "open_source_ach", credibility=CREDIBILITY).to_dict() == {"H1": 1.0, "H2": 4.5, "H3": 0.0}
    assert ach.scores(SMALL, "open_source_ach").to_dict() == {"H1": 1.0, "H2": 3.0, "H3": 0.0}  # all Medium


def test_parc_weights_by_credibility_and_relevance():
    values = ach.scores(SMALL, "parc", credibility=CREDIBILITY, relevance=RELEVANCE)
    root2 = math.sqrt(2)
    assert values["H1"] == pytest.approx(-1 * 1 * root2)
    assert values["H2"] == pytest.approx(-2 * root2 * (1 / root2) - 1 * (1 / root2) * 1)
    assert values["H3"] == 0
    assert ach.ranking(SMALL, "parc", credibility=CREDIBILITY, relevance=RELEVANCE).to_dict() == {"H1": 2, "H2": 3, "H3": 1}


def test_naive_bayes_posterior():
    values = ach.scores(SMALL, "bayes")
    raw = {"H1": 0.8 * 0.2 * 0.5, "H2": 0.05 * 0.8 * 0.2, "H3": 0.8 * 0.8}  # NA ignored
    total = sum(raw.values())
    assert values.to_dict() == pytest.approx({h: v / total for h, v in raw.items()})
    assert values.sum() == pytest.approx(1.0)
    prior = ach.scores(SMALL, "bayes", prior={"H1": 0.98, "H2": 0.01, "H3": 0.01})
    assert prior.idxmax() == "H1"


def test_diagnosticity_heuer_and_the_open_source_ach_quirk():
    matrix = {"H1": {"all I": "I", "split": "CC", "same": "C"}, "H2": {"all I": "I", "split": "II", "same": "C"}}
    assert ach.diagnosticity(matrix).to_dict() == {"all I": 0, "split": 4, "same": 0}
    # Open Source ACH calls a row inconsistent with everything diagnostic — contrary to Heuer.
    assert ach.diagnosticity(matrix, "open_source_ach").to_dict() == {"all I": 2, "split": 2, "same": 0}
    assert ach.scores(matrix, "diagnosticity").to_dict() == ach.diagnosticity(matrix).to_dict()


def test_ratings_are_case_insensitive_and_checked():
    assert ach.check_matrix({"H1": {"E1": " cc "}}).iloc[0, 0] == "CC"
    with pytest.raises(ValueError, match=r"matrix\['E1', 'H1'\]='maybe': unknown rating; expected one of CC, C, N, I, II, NA"):
        ach.scores({"H1": {"E1": "maybe"}})


@pytest.mark.parametrize("empty", [pd.DataFrame(), {}, pd.DataFrame(index=["E1"])])
def test_an_empty_matrix_is_refused(empty):
    with pytest.raises(ValueError, match=r"matrix is empty"):
        ach.scores(empty)


def test_unknown_rule_and_weights_are_refused():
    with pytest.raises(ValueError, match=r"rule='votes': expected one of 'heuer', 'open_source_ach', 'parc', 'bayes', 'diagnosticity'"):
        ach.scores(SMALL, "votes")
    with pytest.raises(ValueError, match=r"credibility\['E1'\]='Very high': expected one of High, Medium, Low"):
        ach.scores(SMALL, "open_source_ach", credibility={**CREDIBILITY, "E1": "Very high"})
    with pytest.raises(ValueError, match=r"credibility: no value for evidence 'E3'"):
        ach.scores(SMALL, "parc", credibility={"E1": "High", "E2": "Low"})
    with pytest.raises(ValueError, match=r"^prior"):
        ach.scores(SMALL, "bayes", prior={"H1": 1.5, "H2": 0, "H3": 0})
    with pytest.raises(ValueError, match=r"diagnosticity\(matrix\)"):
        ach.ranking(SMALL, "diagnosticity")


rating = st.sampled_from(ach.RATINGS)


@st.composite
def matrices(draw):
    rows = draw(st.integers(1, 6))
    columns = draw(st.integers(1, 5))
    cells = draw(st.lists(st.lists(rating, min_size=columns, max_size=columns), min_size=rows, max_size=rows))
    frame = pd.DataFrame(cells, index=[f"E{i}" for i in range(rows)], columns=[f"H{j}" for j in range(columns)])
    levels = st.sampled_from(["High", "Medium", "Low"])
    credibility = {e: draw(levels) for e in frame.index}
    relevance = {e: draw(levels) for e in frame.index}
    return frame, credibility, relevance


@settings(max_examples=150, deadline=None)
@given(data=matrices(), rule=st.sampled_from(RULES), seed=st.integers(0, 10_000))
def test_ranking_is_invariant_under_reordering_hypotheses_and_evidence(data, rule, seed):
    frame, credibility, relevance = data
    shuffled = frame.sample(frac=1, random_state=seed).sample(frac=1, axis=1, random_state=seed + 1)
    before = ach.ranking(frame, rule, credibility=credibility, relevance=relevance)
    after = ach.ranking(shuffled, rule, credibility=credibility, relevance=relevance)
    assert before.to_dict() == after.to_dict()
    assert ach.scores(frame, rule, credibility=credibility, relevance=relevance).to_dict() == pytest.approx(
        ach.scores(shuffled, rule, credibility=credibility, relevance=relevance).to_dict()
    )


@settings(max_examples=60, deadline=None)
@given(data=matrices(), seed=st.integers(0, 10_000))
def test_diagnosticity_is_invariant_under_reordering_hypotheses(data, seed):
    frame = data[0]
    shuffled = frame.sample(frac=1, axis=1, random_state=seed)
    assert ach.diagnosticity(frame).to_dict() == ach.diagnosticity(shuffled).to_dict()


def test_flips_reverse_or_tie_the_ranking():
    matrix = {"H1": {"E1": "C", "E2": "N"}, "H2": {"E1": "I", "E2": "N"}}
    table = ach.flips(matrix, "bayes")
    first = table.iloc[0]
    assert (first["evidence"], first["hypothesis"], first["new_rating"], first["kind"]) == ("E2", "H1", "II", "new leader")
    changed = ach.check_matrix(matrix)
    changed.loc["E2", "H1"] = "II"
    assert ach.leaders(changed, "bayes") == ["H2"]
    # Under the count a single cell can only tie a sole leader.
    assert set(ach.flips(matrix, "heuer")["kind"]) == {"tie made"}
    assert ach.flip_finder({"H1": {"E1": "C"}}) is None  # one hypothesis always leads


def test_disagreement_levels():
    students = [{"H1": {"E1": r}} for r in ("C", "C", "C")]
    assert ach.disagreement(students).iloc[0]["level"] == "consensus"
    students = [{"H1": {"E1": r}} for r in ("II", "CC")]
    assert ach.disagreement(students).iloc[0]["level"] == "extreme"
    with pytest.raises(ValueError, match="other evidence rows or hypotheses"):
        ach.disagreement([{"H1": {"E1": "C"}}, {"H2": {"E1": "C"}}])


# --- the course's matrix and its presets -------------------------------------------------------


def test_the_course_matrix_is_complete():
    matrix = ach.matrix()
    assert list(matrix.columns) == ["H1", "H2", "H3", "H4"]
    assert list(matrix.index) == [f"D{i}" for i in range(1, 8)]
    assert matrix.isin(ach.RATINGS).all().all()


def test_eastern_sentry_is_not_diagnostic_for_the_neutral_analyst():
    """NATO's reaction after the event says nothing about Russia's motive (Heuer's step 4: drop it)."""
    assert ach.diagnosticity(ach.matrix()).loc["D4"] == 0


def test_k_ratings_put_h1_first_p_ratings_last_neutral_between():
    results = ach.preset_results()
    for rule in RULES:
        assert results.loc[("K", rule), "leaders"] == "H1", rule
        assert results.loc[("P", rule), "H1 rank"] == 4, rule
        margins = results.xs(rule, level="rule")["H1 margin"]
        assert margins["P"] < margins["neutral"] < margins["K"], rule


def test_the_neutral_analyst_ties_h1_and_h3_on_the_count():
    assert ach.leaders(**ach.preset("neutral"), rule="heuer") == ["H1", "H3"]
    found = ach.flip_finder(**ach.preset("neutral"))
    assert found["kind"] == "tie broken"


# --- lesson 07's one-call helpers ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["K", "P", "neutral"])
@pytest.mark.parametrize("rule", RULES)
def test_assess_agrees_with_the_single_functions(name, rule):
    arguments = ach.preset(name)
    result = ach.assess(**arguments, rule=rule)
    assert result["scores"].equals(ach.scores(**arguments, rule=rule))
    assert result["leaders"] == ach.leaders(**arguments, rule=rule)
    assert result["flip"] == ach.flip_finder(**arguments, rule=rule)
    assert result["leaders_by_rule"] == {r: ach.leaders(**arguments, rule=r) for r in RULES}
    assert result["diagnosticity"].equals(ach.diagnosticity(arguments["matrix"]))
    assert result["matrix"].equals(ach.check_matrix(arguments["matrix"]))
    assert result["margin"] >= 0 and result["runner_up"] != result["leaders"][0]


def test_assess_margin_and_runner_up():
    result = ach.assess(SMALL, "heuer")
    assert (result["leaders"], result["runner_up"], result["margin"]) == (["H3"], "H1", 1.0)
    tied = ach.assess(**ach.preset("neutral"))
    assert tied["leaders"] == ["H1", "H3"] and tied["margin"] == 0 and tied["runner_up"] == "H3"
    bayes = ach.assess(**ach.preset("K"), rule="bayes")
    assert bayes["margin"] == pytest.approx(bayes["scores"]["H1"] - bayes["scores"]["H3"])
    alone = ach.assess({"H1": {"E1": "C"}})
    assert (alone["runner_up"], alone["margin"], alone["flip"]) == (None, 0.0, None)
    with pytest.raises(ValueError, match=r"rule='diagnosticity'"):
        ach.assess(SMALL, "diagnosticity")


def test_score_table_names_every_rule_and_its_leader():
    table = ach.score_table(**ach.preset("neutral"))
    assert list(table.index) == list(ach.RULE_NAMES.values())
    assert table.loc["Heuer count", "leader(s)"] == "H1, H3" and table.loc["naive Bayes", "leader(s)"] == "H1"
    assert table.loc["Heuer count", "H2"] == 2 and isinstance(table.loc["Heuer count", "H2"], int)
    assert table.loc["naive Bayes", "H1"] == 0.579


def test_the_contested_cells_are_those_the_readers_rate_their_own_way():
    cells = ach.contested_cells()
    assert list(zip(cells["evidence"], cells["hypothesis"])) == [
        ("D1", "H1"), ("D1", "H2"), ("D1", "H3"), ("D2", "H1"), ("D2", "H3"), ("D3", "H4"), ("D6", "H4"),
    ]
    for name in ("K", "P"):
        matrix = ach.matrix(name)
        for row in cells.itertuples():
            assert matrix.loc[row.evidence, row.hypothesis] == getattr(row, name)
    assert ((cells["K"] != cells["neutral"]) | (cells["P"] != cells["neutral"])).all()
    assert cells["why_K"].str.len().min() > 20


def test_preset_flips_show_one_cell_deciding_both_readers_counts():
    """D1 × H3 — does Russia's long abstention from striking the supply hubs
    contradict coercion of a supply state? — decides the count for all three readers."""
    table = ach.preset_flips().replace("\u00a0", " ", regex=True)  # no-break spaces keep "D1 × H3" on one line
    for name in ("K", "P", "neutral"):
        assert table.loc[(name, "Heuer count"), "cell"] == "D1 × H3"
    assert table.loc[("K", "Heuer count"), "kind"] == "tie made"
    assert table.loc[("neutral", "naive Bayes"), ["cell", "change", "leaders after"]].tolist() == ["D4 × H1", "N → I", "H3"]


def test_preset_changes_list_each_readers_own_ratings_with_their_reasons():
    changes = ach.preset_changes()
    assert changes["reader"].value_counts().to_dict() == {"K": 5, "P": 5}
    assert (changes["rating"] != changes["neutral"]).all()
    k = changes[changes["reader"] == "K"].set_index("cell")
    assert k.loc["D1\u00a0×\u00a0H3", "rating"] == "I" and "didn't do it sooner" in k.loc["D1\u00a0×\u00a0H3", "reason"]


def test_preset_verdicts_show_each_reader_reaching_its_reading():
    table = ach.preset_verdicts()
    assert list(table.columns) == ["K", "P", "neutral"]
    assert table.loc["reaches"].tolist() == [
        "Kagan's reading: H1 leads under every rule",
        "the opposite: H1 last under every rule",
        "between: H1 first, but tied under 3 of 4 rules",
    ]
    assert table.loc["naive Bayes", "P"] == "H3 leads (H1 4th of 4)"


def test_diagnosticity_table_puts_the_two_measures_side_by_side():
    matrix = ach.matrix()
    matrix.loc["D8"] = "I"
    table = ach.diagnosticity_table(matrix)
    assert table.loc["D8"].tolist() == [0, 4] and table.loc["D4"].tolist() == [0, 0]
    assert table["Heuer (spread)"].equals(ach.diagnosticity(matrix).rename("Heuer (spread)"))


@settings(max_examples=100, deadline=None)
@given(data=matrices(), rule=st.sampled_from(RULES), changes=st.lists(st.tuples(st.integers(0, 99), rating), max_size=6))
def test_leaders_for_each_equals_the_ranking_of_each_matrix(data, rule, changes):
    # Lesson 09 scores one changed rating at a time in one batch: each must
    # lead exactly as its ranking says (rank 1), however the matrices differ.
    frame, credibility, relevance = data
    variants = []
    for position, new in changes:
        changed = frame.copy()
        changed.iat[position % frame.shape[0], position % frame.shape[1]] = new
        variants.append(changed.to_dict())
    variants.append(frame.iloc[:, ::-1].to_dict())  # other column order: scored on its own
    variants.append({h: {e: r.lower() for e, r in cells.items()} for h, cells in frame.to_dict().items()})  # as typed
    found = ach.leaders_for_each([frame.to_dict(), *variants], rule, credibility=credibility, relevance=relevance)
    for matrix, leaders in zip([frame.to_dict(), *variants], found):
        ranks = ach.ranking(matrix, rule, credibility=credibility, relevance=relevance)
        assert leaders == [h for h, r in ranks.items() if r == 1]


def test_leaders_for_each_names_a_bad_rating_in_any_matrix():
    good = {"H1": {"E1": "C"}, "H2": {"E1": "I"}}
    assert ach.leaders_for_each([]) == []
    with pytest.raises(ValueError, match=r"matrix\['E1', 'H2'\]='maybe': unknown rating"):
        ach.leaders_for_each([good, {"H1": {"E1": "C"}, "H2": {"E1": "maybe"}}])
    with pytest.raises(ValueError, match=r"diagnosticity\(matrix\)"):
        ach.leaders_for_each([good], "diagnosticity")
