"""The argument model: worked examples by hand, invariants by hypothesis."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natodebate.models.argument import ArgumentMap, argument_strength, one_way_sensitivity


def make_map(rows):
    """rows: (id, relation, parent, group)."""
    frame = pd.DataFrame(rows, columns=["id", "relation", "parent_id", "premise_group"]).set_index("id")
    return ArgumentMap.from_claims(frame)


# T is the thesis; A and B are co-premises; C an independent reason;
# D supports A; X attacks C; Y attacks X (a rebuttal: it helps the thesis).
SAMPLE = [
    ("T", "thesis", None, None),
    ("A", "supports", "T", "g1"),
    ("B", "supports", "T", "g1"),
    ("C", "supports", "T", None),
    ("D", "supports", "A", None),
    ("X", "attacks", "C", None),
    ("Y", "attacks", "X", None),
]


def test_worked_example_by_hand():
    arg = make_map(SAMPLE)
    credence = {"A": 0.6, "B": 0.8, "C": 0.5, "D": 0.5, "X": 0.4, "Y": 0.5}
    importance = {"A": 1.0, "B": 0.6, "C": 0.5, "D": 0.4, "X": 0.5, "Y": 1.0}
    s = argument_strength(arg, credence, importance)
    y = 0.5  # no reasons: strength = credence
    x = 0.4 * (1 - 1.0 * y)  # attacked by Y: 0.2
    c = 0.5 * (1 - 0.5 * x)  # attacked by X: 0.45
    d = 0.5
    m_a = (0.6 + 0.4 * d) / (1 + 0.4)  # own credence (weight 1) and D (weight 0.4): 0.571
    a = math.sqrt(0.6 * m_a)  # geometric mean of credence and that average: 0.586
    group = min(a, 0.8)  # weakest link
    thesis = (0.8 * group + 0.5 * c) / (0.8 + 0.5)  # group weight = mean(1.0, 0.6)
    assert s["X"] == pytest.approx(x)
    assert s["C"] == pytest.approx(c)
    assert s["A"] == pytest.approx(a)
    assert s["T"] == pytest.approx(thesis)
    assert s["T"] == pytest.approx(0.5334, abs=1e-4)


def test_lesson_01_worked_example():
    """The example lesson 01 shows: credence 0.9, one reason of importance 1
    and strength 0.35 -> m = 0.625, strength = sqrt(0.9 * 0.625) = 0.75; the
    thesis averages it (importance 0.6) with a plain reason 0.5 (importance 0.4)."""
    arg = make_map([("T", "thesis", None, None), ("A", "supports", "T", None), ("B", "supports", "T", None),
                    ("R", "supports", "A", None)])
    s = argument_strength(arg, {"A": 0.9, "B": 0.5, "R": 0.35}, {"A": 0.6, "B": 0.4, "R": 1.0})
    assert s["A"] == pytest.approx(0.75)
    assert s["T"] == pytest.approx(0.65)


def test_an_elaboration_is_drawn_but_not_counted():
    rows = SAMPLE + [("E", "elaborates", "T", None), ("F", "supports", "E", None), ("G", "attacks", "E", None)]
    arg = make_map(rows)
    assert arg.elaboration_ids == ["E", "F", "G"]
    assert not {"E", "F", "G"} & set(arg.weighted_ids)
    credence = dict.fromkeys(arg.weighted_ids, 0.6)
    importance = dict.fromkeys(arg.weighted_ids, 0.7)
    with_elaboration = argument_strength(arg, credence, importance)
    without = argument_strength(make_map(SAMPLE), credence, importance)
    assert with_elaboration["T"] == pytest.approx(without["T"])
    assert with_elaboration[["E", "F", "G"]].isna().all()
    with pytest.raises(ValueError, match="unknown claim id 'E'"):
        argument_strength(arg, {**credence, "E": 1.0}, importance)


def test_polarity_follows_attacks():
    arg = make_map(SAMPLE)
    polarity = dict(zip(arg.ids, arg.polarity))
    assert polarity == {"T": 1, "A": 1, "B": 1, "C": 1, "D": 1, "X": -1, "Y": 1}


def test_sensitivity_ranks_the_weakest_co_premise_and_signs_attacks():
    arg = make_map(SAMPLE)
    credence = {"A": 0.9, "B": 0.3, "C": 0.5, "D": 0.5, "X": 0.4, "Y": 0.5}
    importance = {**dict.fromkeys(credence, 1.0), "C": 0.5}
    table = one_way_sensitivity(arg, credence, importance)
    assert list(table.columns) == ["claim_id", "low", "high", "swing", "base"]
    assert table.loc[0, "claim_id"] == "B"  # the weak co-premise caps its group
    swings = table.set_index("claim_id")["swing"]
    assert swings["X"] < 0 < swings["Y"]
    assert (table["swing"].abs().diff().dropna() <= 1e-12).all()  # sorted by |swing|
    base = argument_strength(arg, credence, importance)["T"]
    assert table["base"].eq(base).all()


@pytest.mark.parametrize(
    "credence, message",
    [
        ({"A": 1.5}, r"credence\['A'\]=1.5: must be a number between 0 and 1"),
        ({"A": float("nan")}, r"credence\['A'\]=nan"),
        ({"Q": 0.5}, r"credence: unknown claim id 'Q'"),
        ({"A": "high"}, r"credence\['A'\]='high'"),
    ],
)
def test_invalid_credence_names_parameter_and_range(credence, message):
    arg = make_map(SAMPLE)
    base = dict.fromkeys(arg.weighted_ids, 0.5)
    with pytest.raises(ValueError, match=message):
        argument_strength(arg, {**base, **credence}, base)


def test_missing_values_are_named():
    arg = make_map(SAMPLE)
    base = dict.fromkeys(arg.weighted_ids, 0.5)
    del base["D"]
    with pytest.raises(ValueError, match=r"credence: no value for D"):
        argument_strength(arg, base, dict.fromkeys(arg.weighted_ids, 0.5))


@pytest.mark.parametrize(
    "rows, message",
    [
        ([("T", "thesis", None, None), ("U", "thesis", None, None)], "exactly one thesis"),
        ([("T", "thesis", None, None), ("A", "supports", "Z", None)], "parent_id='Z'"),
        (
            [("T", "thesis", None, None), ("A", "supports", "B", None), ("B", "supports", "A", None)],
            "do not lead to the thesis",
        ),
        ([("T", "thesis", None, None), ("A", "endorses", "T", None)], "relation='endorses'"),
    ],
)
def test_malformed_maps_are_rejected(rows, message):
    with pytest.raises(ValueError, match=message):
        make_map(rows)


# --- properties on random trees ---------------------------------------------


@st.composite
def random_maps(draw):
    """A random tree with a thesis, supports, attacks and co-premise groups,
    with credences and importances in [0, 1]."""
    size = draw(st.integers(min_value=2, max_value=14))
    rows = [("C00", "thesis", None, None)]
    for n in range(1, size):
        parent = draw(st.integers(min_value=0, max_value=n - 1))
        relation = draw(st.sampled_from(["supports", "supports", "attacks"]))
        group = draw(st.sampled_from([None, "g1", "g2"])) if relation == "supports" else None
        rows.append((f"C{n:02d}", relation, f"C{parent:02d}", group))
    arg = make_map(rows)
    unit = st.floats(min_value=0, max_value=1, allow_nan=False)
    credence = {i: draw(unit) for i in arg.weighted_ids}
    importance = {i: draw(unit) for i in arg.weighted_ids}
    return arg, credence, importance


@settings(max_examples=200, deadline=None)
@given(random_maps())
def test_every_strength_stays_in_unit_interval(case):
    arg, credence, importance = case
    strengths = argument_strength(arg, credence, importance)
    assert ((strengths >= 0) & (strengths <= 1 + 1e-12)).all()


@settings(max_examples=200, deadline=None)
@given(random_maps(), st.data())
def test_raising_a_supporting_claim_never_lowers_the_thesis(case, data):
    """'Supporting' means: on balance for the thesis (an even number of attacks
    on its path); claims on balance against the thesis must never raise it."""
    arg, credence, importance = case
    claim = data.draw(st.sampled_from(arg.weighted_ids))
    low = data.draw(st.floats(min_value=0, max_value=1, allow_nan=False))
    high = data.draw(st.floats(min_value=low, max_value=1, allow_nan=False))
    before = argument_strength(arg, {**credence, claim: low}, importance)[arg.thesis]
    after = argument_strength(arg, {**credence, claim: high}, importance)[arg.thesis]
    polarity = dict(zip(arg.ids, arg.polarity))[claim]
    if polarity > 0:
        assert after >= before - 1e-12
    else:
        assert after <= before + 1e-12


@settings(max_examples=200, deadline=None)
@given(random_maps(), st.floats(min_value=0, max_value=1, allow_nan=False), st.floats(min_value=0, max_value=1, allow_nan=False))
def test_no_count_or_shape_bias(case, credence_level, importance_level):
    """Every claim at one credence and one importance, attacks set aside:
    every claim and the thesis stand at that credence, whatever the number of
    claims or the depth of the map (importance 0 everywhere: nothing stands)."""
    arg = case[0]
    attackers = {arg.ids[a] for row in arg.attackers for a in row}
    credence = dict.fromkeys(arg.weighted_ids, credence_level)
    importance = {i: 0.0 if i in attackers else importance_level for i in arg.weighted_ids}
    strengths = argument_strength(arg, credence, importance)
    thesis_has_reasons = bool(arg.support_groups[arg.ids.index(arg.thesis)])
    expected = credence_level if thesis_has_reasons and importance_level > 0 else 0.0
    assert strengths[arg.thesis] == pytest.approx(expected, abs=1e-9)
    reasons = [i for i in arg.weighted_ids if i not in attackers]
    assert np.allclose(strengths[reasons], credence_level)


def supported_parent(arg, claim):
    """The claim that ``claim`` supports (None for an attack)."""
    index = arg.ids.index(claim)
    for parent, groups in enumerate(arg.support_groups):
        if any(index in group for group in groups):
            return arg.ids[parent]
    return None


@settings(max_examples=200, deadline=None)
@given(random_maps(), st.data())
def test_a_claim_held_false_adds_nothing(case, data):
    """Credence 0 means false: the claim's strength is 0 whatever its reasons
    and importance, and giving it more importance never helps the side it
    argues for (it never raises the claim it supports, and never moves the
    thesis in its own direction)."""
    arg, credence, importance = case
    claim = data.draw(st.sampled_from(arg.weighted_ids))
    credence = {**credence, claim: 0.0}
    low = data.draw(st.floats(min_value=0, max_value=1, allow_nan=False))
    high = data.draw(st.floats(min_value=low, max_value=1, allow_nan=False))
    before = argument_strength(arg, credence, {**importance, claim: low})
    after = argument_strength(arg, credence, {**importance, claim: high})
    assert before[claim] == after[claim] == 0.0
    parent = supported_parent(arg, claim)
    if parent is not None:
        assert after[parent] <= before[parent] + 1e-12
    polarity = dict(zip(arg.ids, arg.polarity))[claim]
    if polarity > 0:
        assert after[arg.thesis] <= before[arg.thesis] + 1e-12
    else:
        assert after[arg.thesis] >= before[arg.thesis] - 1e-12


@settings(max_examples=100, deadline=None)
@given(random_maps())
def test_vectorised_sensitivity_matches_one_at_a_time(case):
    arg, credence, importance = case
    table = one_way_sensitivity(arg, credence, importance).set_index("claim_id")
    for claim in arg.weighted_ids:
        low = argument_strength(arg, {**credence, claim: 0.0}, importance)[arg.thesis]
        high = argument_strength(arg, {**credence, claim: 1.0}, importance)[arg.thesis]
        assert math.isclose(table.loc[claim, "low"], low, abs_tol=1e-12)
        assert math.isclose(table.loc[claim, "high"], high, abs_tol=1e-12)


def test_evaluate_is_deterministic_and_batch_equals_single():
    arg = make_map(SAMPLE)
    rng = np.random.default_rng(7)
    batch = rng.random((5, len(arg.ids)))
    importance = rng.random(len(arg.ids))
    together = arg.evaluate(batch, importance)
    apart = np.vstack([arg.evaluate(row, importance) for row in batch])
    np.testing.assert_allclose(together, apart)


@settings(max_examples=60, deadline=None)
@given(random_maps(), st.integers(min_value=0, max_value=2**32 - 1))
def test_one_importance_row_per_scenario_equals_one_scenario_at_a_time(case, seed):
    # Lesson 09's flips weigh a hundred importance changes in one batch: each
    # row must give what argument_strength gives for that row alone (numpy may
    # order a sum over a batch differently: the last bit can differ).
    arg, _credence, _importance = case
    rng = np.random.default_rng(seed)
    credence = rng.random((4, len(arg.ids)))
    importance = rng.random((4, len(arg.ids)))
    importance[rng.random(importance.shape) < 0.3] = 0.0  # reasons without weight, and whole nodes
    together = arg.evaluate(credence, importance)
    for row in range(4):
        alone = argument_strength(
            arg,
            {i: credence[row, n] for n, i in enumerate(arg.ids) if i in arg.weighted_ids},
            {i: importance[row, n] for n, i in enumerate(arg.ids) if i in arg.weighted_ids},
        )
        np.testing.assert_allclose(together[row], alone.to_numpy(), rtol=1e-12, atol=1e-15)
