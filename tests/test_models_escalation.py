"""Lesson 06's models (natodebate.models.escalation): the decision tree and
its threshold, the escalation-ladder Monte Carlo, the Monte Carlo of
uncertain inputs with the tornado, and Haynes's classroom game."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natodebate.models import escalation as esc

WORKED_RANGES = {
    "p_nuclear_intervention": (0.02, 0.30),
    "p_nuclear_restraint": (0.01, 0.10),
    "loss": (5, 50),
    "delta_benefit": (0.1, 0.6),
    "delta_reputation": (0.01, 0.5),
}
POLICY_LABELS = ["respond from rung 1", "respond from rung 2", "respond from rung 3", "never respond"]
#: design/models.md, worked example of the ladder (P(nuclear use) per policy).
DESIGN = {"K": [0.033, 0.038, 0.050, 0.106], "P": [0.33, 0.15, 0.044, 0.027]}
#: What this implementation gives with the default seed (0), 5,000 runs × 24 periods.
OURS = {"K": [0.0336, 0.0396, 0.0524, 0.1084], "P": [0.3306, 0.1528, 0.0456, 0.0278]}
LEANING = {"K": (0.67, 3.0, 0.002), "P": (1.0, 1.0, 0.05)}


# --- decision tree ------------------------------------------------------------------


def test_worked_example_threshold():
    assert esc.decision_threshold(0.3, 10) == pytest.approx(0.03)
    assert esc.decision_threshold(0.3, 10, delta_reputation=0.2) == pytest.approx(0.05)


def test_the_threshold_is_where_the_utilities_cross():
    threshold = esc.decision_threshold(0.3, 10, 0.2)
    assert esc.utility_difference(0.01 + threshold, 0.01, 10, 0.3, 0.2) == pytest.approx(0.0, abs=1e-12)
    assert esc.decide(0.01 + threshold - 0.001, 0.01, 0.3, 10, 0.2)["intervene"]
    assert not esc.decide(0.01 + threshold + 0.001, 0.01, 0.3, 10, 0.2)["intervene"]


def test_expected_utility_of_one_option():
    # EU = B − Rep − π·(L_lim + e·L_war)
    assert esc.expected_utility(0.5, 0.1, 0.02, 5, 0.5, 20) == pytest.approx(0.5 - 0.1 - 0.02 * (5 + 10))


@settings(max_examples=100, deadline=None)
@given(d_b=st.floats(-1, 1), d_rep=st.floats(-1, 1), loss=st.floats(0.1, 100), pi_r=st.floats(0, 0.5), pi_i=st.floats(0, 0.5))
def test_intervention_preferred_exactly_below_the_threshold(d_b, d_rep, loss, pi_r, pi_i):
    threshold = esc.decision_threshold(d_b, loss, d_rep)
    difference = esc.utility_difference(pi_i, pi_r, loss, d_b, d_rep)
    if abs(difference) > 1e-9:
        assert (difference > 0) == (pi_i - pi_r < threshold)


def test_survival_game():
    assert esc.survival_game() == pytest.approx([0.90, 0.72, 0.504, 0.3024, 0.1512])
    assert esc.survival_game(12)[-1] == 0.0


# --- the ladder -------------------------------------------------------------------------


@pytest.mark.parametrize("reader", ["K", "P"])
def test_ladder_reproduces_the_worked_example(reader):
    risks = esc.ladder(*LEANING[reader])
    assert list(risks.index) == POLICY_LABELS
    assert risks.to_numpy() == pytest.approx(OURS[reader], abs=1e-4)
    # within 0.005 (and two Monte Carlo standard errors) of the design's numbers
    standard_error = np.sqrt(risks * (1 - risks) / 5000)
    assert np.all(np.abs(risks.to_numpy() - DESIGN[reader]) <= np.maximum(0.005, 2 * standard_error))


@pytest.mark.parametrize("seed", range(5))
def test_the_ranking_of_policies_reverses_between_the_readers(seed):
    k = esc.ladder(*LEANING["K"], seed=seed).to_numpy()
    p = esc.ladder(*LEANING["P"], seed=seed).to_numpy()
    assert np.all(np.diff(k) > 0), f"K-leaning: responding earlier is safer ({k})"
    assert np.all(np.diff(p) < 0), f"P-leaning: responding earlier is riskier ({p})"


def test_the_modelling_choices_matter_as_documented():
    """An always-resolute NATO (p_resolute = 1) drives the K-leaning risk of
    'respond from rung 1' to about 0.002, far from the design's 0.033; if
    every quiet period counted as silence, 'never respond' would reach 0.61,
    not 0.106."""
    always = esc.ladder(*LEANING["K"], p_resolute=1.0)
    assert always.iloc[0] < 0.005
    assert esc.ladder(*LEANING["K"], silence="periods").iloc[-1] == pytest.approx(0.61, abs=0.01)
    with pytest.raises(ValueError, match=r"silence='always': expected one of 'probes', 'periods'"):
        esc.ladder(silence="always")
    assert esc.ladder(*LEANING["K"], p_resolute=0.0).nunique() == 1  # nobody responds: every policy is 'never'


def test_same_seed_same_numbers_other_seed_other_numbers():
    a = esc.ladder_simulation(0.8, 2.0, 0.01, seed=7)
    b = esc.ladder_simulation(0.8, 2.0, 0.01, seed=7)
    c = esc.ladder_simulation(0.8, 2.0, 0.01, seed=8)
    assert np.array_equal(a.cumulative, b.cumulative)
    assert not np.array_equal(a.cumulative, c.cumulative)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), lr_quiet=st.floats(0.5, 1.0), lr_response=st.floats(1.0, 4.0), risk=st.floats(0.0, 0.1))
def test_same_seed_same_ladder(seed, lr_quiet, lr_response, risk):
    first = esc.ladder(lr_quiet, lr_response, risk, runs=300, periods=8, seed=seed)
    again = esc.ladder(lr_quiet, lr_response, risk, runs=300, periods=8, seed=seed)
    pd.testing.assert_series_equal(first, again)
    assert ((first >= 0) & (first <= 1)).all()


def test_simulation_details_are_consistent():
    sim = esc.ladder_simulation(*LEANING["K"])
    assert sim.cumulative.shape == (4, 24)
    assert np.all(np.diff(sim.cumulative, axis=1) >= 0)
    assert sim.final_rungs.sum(axis=1) == pytest.approx(np.ones(4))
    assert sim.final_rungs[:, -1] == pytest.approx(sim.p_nuclear)
    assert sim.responses[-1] == 0  # 'never respond' never responds
    assert list(sim.table().index) == POLICY_LABELS


def test_without_jump_or_response_risk_nothing_goes_nuclear():
    risks = esc.ladder(0.67, 3.0, 0.0, jump_risk=(0, 0, 0, 0, 0))
    assert (risks == 0).all()


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), lr_quiet=st.floats(0.5, 1.2), lr_response=st.floats(0.8, 4.0))
def test_the_response_risk_curve_is_the_ladder_at_every_response_risk(seed, lr_quiet, lr_response):
    curve = esc.response_risk_curve(lr_quiet, lr_response, runs=400, periods=12, seed=seed)
    for risk in (0.0, 0.001, 0.01, 0.05, 0.3, 1.0):
        expected = esc.ladder(lr_quiet, lr_response, risk, runs=400, periods=12, seed=seed)
        pd.testing.assert_series_equal(curve.p_nuclear(risk), expected)
    table = curve.table([0.0, 0.05])
    assert list(table.columns) == POLICY_LABELS and table.loc[0.05].tolist() == curve.p_nuclear(0.05).tolist()


@pytest.mark.parametrize("reader", ["K", "P", "neutral"])
def test_the_flip_risk_is_where_responding_stops_being_safer(reader):
    lr_quiet, lr_response = esc.preset(reader, "ladder")["lr_quiet"], esc.preset(reader, "ladder")["lr_response"]
    curve = esc.response_risk_curve(lr_quiet, lr_response)
    for column, policy in enumerate((1, 2, 3)):
        flip = curve.flip_risk(policy)
        assert 0 < flip < 1
        at, above = esc.ladder(lr_quiet, lr_response, flip), esc.ladder(lr_quiet, lr_response, flip + 1e-9)
        assert at.iloc[column] <= at.iloc[-1] and above.iloc[column] > above.iloc[-1]
    assert curve.flip_risk(None) == max(curve.flip_risk(p) for p in (1, 2, 3))


def test_the_flip_risks_of_the_two_readers():
    """K's reader: responding from rung 1 stays safer than silence up to a
    response risk of 0.15 (the preset's is 0.002); P's reader: only below
    0.0012 (the preset's is 0.05). The reversal lives in those numbers."""
    k, p = esc.response_risk_curve(0.67, 3.0), esc.response_risk_curve(1.0, 1.0)
    assert k.flip_risk(1) == pytest.approx(0.152, abs=0.001)
    assert p.flip_risk(1) == pytest.approx(0.0012, abs=0.0001)
    assert k.flip_risk(1) > 0.002 and p.flip_risk(1) < 0.05


def test_the_response_risk_curve_refuses_what_it_cannot_answer():
    with pytest.raises(ValueError, match="response_risk: not an argument of response_risk_curve"):
        esc.response_risk_curve(0.67, 3.0, response_risk=0.01)
    with pytest.raises(ValueError, match="must include None"):
        esc.response_risk_curve(0.67, 3.0, policies=(1, 2), runs=100).flip_risk(1)
    with pytest.raises(ValueError, match=r"policy=4: not among the curve's policies"):
        esc.response_risk_curve(0.67, 3.0, runs=100).flip_risk(4)
    with pytest.raises(ValueError, match=r"^response_risk=2: must be a probability"):
        esc.response_risk_curve(0.67, 3.0, runs=100).p_nuclear(2)


def test_policies_and_lengths_are_checked():
    with pytest.raises(ValueError, match=r"policies: 5 is not a response rung; expected a whole number 1–4 or None"):
        esc.ladder(policies=(1, 5))
    with pytest.raises(ValueError, match=r"jump_risk has 4 values; expected 5"):
        esc.ladder(jump_risk=(0, 0.001, 0.01, 0.05))
    with pytest.raises(ValueError, match=r"^lr_quiet=0: must be a number > 0"):
        esc.ladder(lr_quiet=0)
    with pytest.raises(ValueError, match=r"^response_risk=1.5: must be a probability"):
        esc.ladder(response_risk=1.5)
    with pytest.raises(ValueError, match=r"^runs=0: must be a whole number ≥ 1"):
        esc.ladder(runs=0)


# --- uncertain inputs and the tornado ------------------------------------------------------


def test_worked_example_monte_carlo():
    result = esc.monte_carlo(WORKED_RANGES)
    assert result.p_positive == pytest.approx(0.42, abs=0.005)
    assert esc.p_intervention_preferred(WORKED_RANGES) == result.p_positive


def test_worked_example_tornado_order():
    table = esc.tornado(WORKED_RANGES)
    assert table["input"].tolist()[:3] == ["p_nuclear_intervention", "loss", "p_nuclear_restraint"]
    swings = table.set_index("input")["swing"].abs()
    assert swings["delta_benefit"] == pytest.approx(swings["delta_reputation"], rel=0.05)  # ΔB ≈ ΔRep
    assert table["low"].tolist() == pytest.approx([WORKED_RANGES[n][0] for n in table["input"]])
    assert table["high"].tolist() == pytest.approx([WORKED_RANGES[n][1] for n in table["input"]])


def test_ranges_are_90_percent_intervals():
    samples = esc.sample_inputs({"lognormal": (2, 20), "normal": (-1, 3), "uniform": (0, 1)}, n=200_000, seed=1,
                                distributions={"uniform": "uniform"})
    for name, (low, high) in {"lognormal": (2, 20), "normal": (-1, 3)}.items():
        assert np.quantile(samples[name], [0.05, 0.95]) == pytest.approx([low, high], rel=0.02, abs=0.02)
    assert samples["uniform"].between(0, 1).all()
    quantiles = esc.input_quantiles({"b": (0.2, 0.4)}, distributions={"b": "beta"})
    beta = esc.sample_inputs({"b": (0.2, 0.4)}, n=200_000, seed=2, distributions={"b": "beta"})["b"]
    assert np.quantile(beta, [0.05, 0.5, 0.95]) == pytest.approx(quantiles.loc["b"].to_numpy(), abs=0.003)


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_same_seed_same_monte_carlo(seed):
    a = esc.monte_carlo(WORKED_RANGES, n=500, seed=seed)
    b = esc.monte_carlo(WORKED_RANGES, n=500, seed=seed)
    assert np.array_equal(a.output, b.output)
    pd.testing.assert_frame_equal(a.samples, b.samples)


def test_regression_sensitivity_ranks_the_largest_driver_first():
    r2 = esc.regression_sensitivity(esc.monte_carlo(WORKED_RANGES))
    assert r2.index[0] == "p_nuclear_intervention"
    assert ((r2 >= 0) & (r2 <= 1)).all()


def test_bad_ranges_are_explained():
    with pytest.raises(ValueError, match=r"ranges\['loss'\]=\(50, 5\): expected finite numbers with low < high"):
        esc.monte_carlo({**WORKED_RANGES, "loss": (50, 5)})
    with pytest.raises(ValueError, match=r"a lognormal range needs low > 0"):
        esc.sample_inputs({"x": (-1, 1)}, distributions={"x": "lognormal"})
    with pytest.raises(ValueError, match=r"'pi' is not an input of utility_difference"):
        esc.monte_carlo({"pi": (0.1, 0.2)})
    with pytest.raises(ValueError, match=r"ranges=\{\}: expected a non-empty mapping"):
        esc.tornado({})
    with pytest.raises(ValueError, match=r"distributions\['loss'\]='gamma': expected one of"):
        esc.monte_carlo(WORKED_RANGES, distributions={"loss": "gamma"})


def test_decision_arguments_are_checked():
    with pytest.raises(ValueError, match=r"^loss=0: must be a number > 0"):
        esc.decision_threshold(0.3, 0)
    with pytest.raises(ValueError, match=r"^p_nuclear_intervention=1.2: must be a probability"):
        esc.utility_difference(1.2, 0.01, 10, 0.3)
    with pytest.raises(ValueError, match=r"^loss=-1"):
        esc.utility_difference(0.1, 0.01, -1, 0.3)


# --- presets ------------------------------------------------------------------------------


def test_ladder_defaults_are_the_neutral_preset():
    assert esc.preset("neutral", "ladder") == {"lr_quiet": 0.82, "lr_response": 1.73, "response_risk": 0.01}
    pd.testing.assert_series_equal(esc.ladder(), esc.ladder(**esc.preset("neutral", "ladder")))


def test_presets_are_keyword_arguments():
    for name in ("K", "P", "neutral"):
        esc.decision_threshold(**esc.preset(name))
        esc.decide(**esc.preset(name, "decide"))
        esc.ladder(**esc.preset(name, "ladder"), runs=200)
        esc.tornado(**esc.preset(name, "tornado"))


def test_decision_k_intervenes_p_restrains_neutral_between():
    results = esc.preset_results()
    assert results.loc["K", "intervene"] and not results.loc["P", "intervene"]
    assert results.loc["K", "delta_p"] < results.loc["K", "threshold"]
    assert results.loc["P", "delta_p"] > results.loc["P", "threshold"]
    assert results.loc["P", "margin"] < results.loc["neutral", "margin"] < results.loc["K", "margin"]


def test_uncertain_inputs_k_above_neutral_above_p():
    results = esc.preset_results()
    assert results.loc["neutral", "P(intervention preferred)"] == pytest.approx(0.42, abs=0.005)
    assert results.loc["K", "P(intervention preferred)"] > 0.5 > results.loc["P", "P(intervention preferred)"]
    assert results.loc["P", "P(intervention preferred)"] < results.loc["neutral", "P(intervention preferred)"] < results.loc["K", "P(intervention preferred)"]


def test_ladder_k_responds_early_p_never_neutral_between():
    results = esc.preset_results()
    assert results.loc["K", "safest policy"] == "respond from rung 1"
    assert results.loc["P", "safest policy"] == "never respond"
    gap = results["respond from rung 1"] - results["never respond"]  # < 0: responding early is safer
    assert gap["K"] < gap["neutral"] < gap["P"]


def test_the_decision_flips_where_the_utilities_cross():
    flips = esc.decision_flips(0.08, 0.03, 0.3, 10, 0.1)
    assert flips == pytest.approx({"p_nuclear_intervention": 0.07, "loss": 8.0, "gains": 0.5})
    # at each flip point, one input at a time, the two options are worth the same
    assert esc.utility_difference(flips["p_nuclear_intervention"], 0.03, 10, 0.3, 0.1) == pytest.approx(0, abs=1e-12)
    assert esc.utility_difference(0.08, 0.03, flips["loss"], 0.3, 0.1) == pytest.approx(0, abs=1e-12)
    assert esc.utility_difference(0.08, 0.03, 10, flips["gains"] - 0.1, 0.1) == pytest.approx(0, abs=1e-12)
    # intervention adds no risk: no loss tips the balance
    assert np.isnan(esc.decision_flips(0.02, 0.03, 0.3, 10)["loss"])


@pytest.mark.parametrize("reader", ["K", "P", "neutral"])
def test_each_reader_s_decision_flips_at_its_threshold(reader):
    arguments = esc.preset(reader, "decide")
    flips = esc.decision_flips(**arguments)
    assert flips["p_nuclear_intervention"] == pytest.approx(arguments["p_nuclear_restraint"] + esc.decision_threshold(
        arguments["delta_benefit"], arguments["loss"], arguments["delta_reputation"]))
    # K's reader sits below the flip point (intervenes), P's and the neutral reader above it (restrain)
    below = arguments["p_nuclear_intervention"] < flips["p_nuclear_intervention"]
    assert below == (reader == "K") == esc.decide(**arguments)["intervene"]


def test_published_nuclear_risks_are_the_rug_marks():
    risks = esc.published_nuclear_risks()
    assert list(risks["forecast_id"]) == ["PF3", "PF7", "PF5", "PF4", "PF8", "PF6"]
    assert risks["question"].str.contains("nuclear").all() and risks["probability"].is_monotonic_increasing


def test_each_reader_reaches_its_article_s_conclusion():
    table = esc.preset_verdicts()
    assert list(table.columns) == ["K", "P", "neutral"]
    assert table.loc["decision tree"].tolist() == ["intervene", "restrain", "restrain"]
    assert table.loc["safest ladder policy"].tolist() == ["respond from rung 1", "never respond", "respond from rung 1"]
    assert table.loc["conclusion", "K"].endswith("(Kagan)") and table.loc["conclusion", "P"].endswith("(Petrovics)")
    assert table.loc["conclusion", "neutral"].endswith("(between)")
    k, p, neutral = table.loc["P(intervention preferred), uncertain inputs"]
    assert k > neutral > p and neutral == pytest.approx(0.42, abs=0.005)
    assert table.loc["P(nuclear use), respond from rung 1"].tolist() == pytest.approx([0.0336, 0.3306, 0.0226])
    assert table.loc["rung 1 safer than silence while response risk ≤", "K"] == pytest.approx(0.152, abs=0.001)


def test_which_single_input_decides():
    """The decision tree flips both ways on π_I alone; on the ladder no
    single value of P's moves K's reader off answering early, and only K's
    LR response moves P's reader off silence."""
    tree = esc.preset_swaps("decide")
    assert tree.loc["(the presets as they are)"].tolist() == ["intervene", "restrain"]
    flipped = tree[(tree["K with P's value"] == "restrain") | (tree["P with K's value"] == "intervene")].index.tolist()
    assert flipped == ["p_nuclear_intervention"]
    ladder = esc.preset_swaps("ladder")
    assert set(ladder["K with P's value"]) == {"respond from rung 1"}
    assert ladder["P with K's value"].tolist() == ["never respond", "never respond", "respond from rung 3", "never respond"]
    with pytest.raises(ValueError, match="function='tornado': expected one of 'decide', 'ladder'"):
        esc.preset_swaps("tornado")
