"""Lesson 05's model: Fearon's bargaining range in the shadow of
intervention (natodebate.models.bargaining)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natodebate.models import bargaining as barg

probability = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
cost = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@pytest.mark.parametrize("q, p, low, high", [(0.05, 0.575, 0.475, 0.725), (0.20, 0.50, 0.40, 0.65), (0.60, 0.30, 0.20, 0.45)])
def test_worked_example_ranges(q, p, low, high):
    assert barg.win_probability(0.6, 0.1, q) == pytest.approx(p)
    assert barg.bargaining_range(0.6, 0.1, 0.10, 0.15, q) == pytest.approx((low, high))


def test_worked_example_mutual_optimism():
    assert barg.optimism_gap(0.7, 0.4) == pytest.approx(0.30)
    assert barg.mutual_optimism(0.7, 0.4, 0.10, 0.15)
    assert not barg.mutual_optimism(0.6, 0.4, 0.10, 0.15)  # a gap of 0.2 < 0.25: a deal exists


def test_costs_that_grow_with_the_belief_in_intervention():
    low, high = barg.bargaining_range(0.6, 0.1, 0.10, 0.15, q=0.5, cost_increase=0.2)
    assert barg.russia_cost(0.10, 0.5, 0.2) == pytest.approx(0.20)
    assert (low, high) == pytest.approx((0.35 - 0.20, 0.35 + 0.15))


def test_range_table_and_threat_effect():
    table = barg.range_table(0.6, 0.1, 0.10, 0.15)
    assert table.loc[0.6, ["low", "high"]].tolist() == pytest.approx([0.20, 0.45])
    effect = barg.threat_effect(0.6, 0.1, 0.10, 0.15, q=0.05, q_threat=0.6)
    assert effect["shift"] == pytest.approx(0.325 - 0.6)
    assert effect["high_threat"] == pytest.approx(0.45)


def test_vectorised_over_q():
    low, high = barg.bargaining_range(0.6, 0.1, 0.10, 0.15, np.linspace(0, 1, 11))
    assert low.shape == high.shape == (11,)
    assert np.all(np.diff(low) < 0)


@settings(max_examples=200, deadline=None)
@given(p_n=probability, p_i=probability, c_r=cost, c_u=cost, q=probability, delta=st.floats(0.0, 1.0))
def test_the_range_is_as_wide_as_both_costs(p_n, p_i, c_r, c_u, q, delta):
    low, high = barg.bargaining_range(p_n, p_i, c_r, c_u, q, cost_increase=delta)
    assert high - low == pytest.approx(c_r + q * delta + c_u, abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(p_n=probability, p_i=probability, q=probability)
def test_win_probability_lies_between_its_two_ends(p_n, p_i, q):
    p = barg.win_probability(p_n, p_i, q)
    assert min(p_n, p_i) - 1e-12 <= p <= max(p_n, p_i) + 1e-12


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"p_no_intervention": 1.1}, "p_no_intervention"),
        ({"p_intervention": -0.1}, "p_intervention"),
        ({"cost_russia": -0.1}, "cost_russia"),
        ({"cost_ukraine": -0.05}, "cost_ukraine"),
        ({"q": 2}, "q"),
    ],
)
def test_invalid_arguments_name_the_parameter(kwargs, name):
    arguments = {"p_no_intervention": 0.6, "p_intervention": 0.1, "cost_russia": 0.1, "cost_ukraine": 0.15, "q": 0.2, **kwargs}
    with pytest.raises(ValueError, match=rf"^{name}"):
        barg.bargaining_range(**arguments)


def test_a_cost_decrease_below_zero_is_refused():
    with pytest.raises(ValueError, match=r"must stay ≥ 0"):
        barg.bargaining_range(0.6, 0.1, 0.1, 0.15, q=1.0, cost_increase=-0.2)


def test_presets_are_keyword_arguments():
    for name in ("K", "P", "neutral"):
        low, high = barg.bargaining_range(**barg.preset(name))
        assert high > low
        assert isinstance(barg.mutual_optimism(**barg.preset(name, "mutual_optimism")), bool)
        assert "q_threat" in barg.preset(name, "threat_effect")


def test_k_preset_a_threat_would_have_cut_russias_deal_p_preset_barely_neutral_between():
    results = barg.preset_results()
    # K: 'had NATO even threatened to take any action', Russia would have had to settle for far less.
    assert results.loc["K", "shift"] < -0.3
    # P: intervention would not doom Russia cheaply and would rally it: the range barely moves.
    assert results.loc["P", "shift"] > -0.1
    assert results.loc["K", "shift"] < results.loc["neutral", "shift"] < results.loc["P", "shift"]


def test_all_readers_agree_that_russias_optimism_meant_war():
    """Both articles say Moscow expected to win quickly (K48, P39): here they agree."""
    results = barg.preset_results()
    assert results["war"].all()
