"""Lesson 04's model: Bayesian updating of Russia's belief in resolve
(natodebate.models.credibility): the worked examples of the design, the
properties the formula must have, clear errors, and the presets."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natodebate.models import credibility as cred

probability = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
inner = st.floats(min_value=0.01, max_value=0.99, allow_nan=False)


# --- worked examples ----------------------------------------------------------------


def test_worked_example_one_and_three_restraints():
    assert cred.likelihood_ratio(0.6, 0.9) == pytest.approx(2 / 3)
    assert cred.posterior(0.5, 0.6, 0.9) == pytest.approx(0.40)
    assert round(cred.posterior(0.5, 0.6, 0.9, n=3), 2) == 0.23
    assert cred.posterior(0.5, 0.9, 0.9, n=3) == 0.5


def test_worked_example_probe_threshold():
    assert cred.probe_threshold(1, 4) == pytest.approx(0.2)
    assert cred.probes(0.19, 1, 4) and not cred.probes(0.2, 1, 4)


def test_exercise_smallest_one_minus_lr_for_three_probes():
    lr = cred.likelihood_ratio_to_cross(0.6, 0.2, n=3)
    assert 1 - lr == pytest.approx(0.45, abs=0.005)
    assert cred.posterior(0.6, lr * 0.9, 0.9, n=3) == pytest.approx(0.2)
    assert cred.posterior(0.6, (lr - 0.01) * 0.9, 0.9, n=3) < 0.2


def test_the_posterior_is_bayes_rule_for_one_observation():
    prior, p_r, p_not = 0.3, 0.7, 0.95
    direct = p_r * prior / (p_r * prior + p_not * (1 - prior))
    assert cred.posterior(prior, p_r, p_not) == pytest.approx(direct)


def test_restraints_until_probe():
    assert cred.restraints_until_probe(0.5, 0.6, 0.9) == 4
    assert cred.posterior(0.5, 0.6, 0.9, n=4) < 0.2 <= cred.posterior(0.5, 0.6, 0.9, n=3)
    assert cred.restraints_until_probe(0.1, 0.6, 0.9) == 0
    assert cred.restraints_until_probe(0.5, 0.9, 0.9) is None
    assert cred.restraints_until_probe(0.5, 0.6, 0.9, linkage=0) is None


def test_a_costly_signal_raises_the_belief():
    path = cred.posterior_path(0.5, [2 / 3, 2 / 3, 2 / 3, 3])
    assert path[:4] == pytest.approx([0.5, 0.4, 0.3077, 0.2286], abs=1e-4)
    assert path[4] > path[3]


def test_vectorised_over_every_argument():
    beliefs = cred.posterior(np.array([0.2, 0.5, 0.8]), 0.6, 0.9, n=np.array([[0], [3]]))
    assert beliefs.shape == (2, 3)
    assert beliefs[0] == pytest.approx([0.2, 0.5, 0.8])
    assert np.all(beliefs[1] < beliefs[0])
    assert isinstance(cred.posterior(0.5, 0.6, 0.9), float)


def test_attribution_works_like_linkage():
    assert cred.posterior(0.5, 0.6, 0.9, n=3, attribution=0.5) == pytest.approx(cred.posterior(0.5, 0.6, 0.9, n=3, linkage=0.5))
    assert cred.posterior(0.5, 0.6, 0.9, n=3, attribution=0) == 0.5


def test_edge_cases_certain_priors_and_decisive_observations():
    assert cred.posterior(0.0, 0.6, 0.9, n=3) == 0.0
    assert cred.posterior(1.0, 0.6, 0.9, n=3) == 1.0
    assert cred.posterior(0.5, 0.6, 0.0) == 1.0  # only a resolute actor would restrain
    assert cred.posterior(0.5, 0.0, 0.9) == 0.0  # only an irresolute one would
    assert cred.posterior(0.5, 0.6, 0.0, linkage=0) == 0.5


# --- properties ------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(prior=inner, p_not=st.floats(0.05, 1.0), a=st.floats(0.0, 1.0), b=st.floats(0.0, 1.0),
       n=st.integers(1, 10), linkage=st.floats(0.05, 1.0))
def test_posterior_is_monotone_in_the_likelihood_ratio(prior, p_not, a, b, n, linkage):
    low, high = sorted((a, b))
    assert cred.posterior(prior, low, p_not, n, linkage) <= cred.posterior(prior, high, p_not, n, linkage) + 1e-12


@settings(max_examples=200, deadline=None)
@given(prior=probability, p=st.floats(0.01, 1.0), n=st.integers(0, 20), linkage=probability)
def test_posterior_unchanged_when_lr_is_one(prior, p, n, linkage):
    assert cred.posterior(prior, p, p, n, linkage) == prior


@settings(max_examples=200, deadline=None)
@given(prior=probability, p_r=st.floats(0.01, 1.0), p_not=st.floats(0.01, 1.0), n=st.integers(0, 20))
def test_posterior_unchanged_without_linkage(prior, p_r, p_not, n):
    assert cred.posterior(prior, p_r, p_not, n, linkage=0.0) == prior


@settings(max_examples=200, deadline=None)
@given(prior=probability, p_r=st.floats(0.01, 1.0), p_not=st.floats(0.01, 1.0), n=st.floats(0, 50), linkage=probability)
def test_posterior_is_a_probability(prior, p_r, p_not, n, linkage):
    assert 0.0 <= cred.posterior(prior, p_r, p_not, n, linkage) <= 1.0


@settings(max_examples=100, deadline=None)
@given(prior=inner, p_r=st.floats(0.05, 0.95), p_not=st.floats(0.05, 0.95), k=st.integers(0, 5), m=st.integers(0, 5))
def test_restraints_compose(prior, p_r, p_not, k, m):
    """k restraints then m more is the same as k + m at once."""
    first = cred.posterior(prior, p_r, p_not, k)
    if 0 < first < 1:
        assert cred.posterior(first, p_r, p_not, m) == pytest.approx(cred.posterior(prior, p_r, p_not, k + m), abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(gain=st.floats(0.0, 100.0), cost=st.floats(0.01, 100.0))
def test_probing_pays_exactly_below_the_threshold(gain, cost):
    theta = cred.probe_threshold(gain, cost)
    assert 0.0 <= theta <= 1.0
    for belief in (theta * 0.99, min(1.0, theta * 1.01 + 1e-9)):
        assert (cred.probe_payoff(belief, gain, cost) > 0) == (belief < theta) or math.isclose(cred.probe_payoff(belief, gain, cost), 0, abs_tol=1e-9)


# --- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"prior": 1.2}, "prior"),
        ({"prior": -0.1}, "prior"),
        ({"prior": float("nan")}, "prior"),
        ({"p_restraint_if_resolute": 1.5}, "p_restraint_if_resolute"),
        ({"p_restraint_if_not": -0.2}, "p_restraint_if_not"),
        ({"linkage": 2}, "linkage"),
        ({"n": -1}, "n"),
        ({"prior": "half"}, "prior"),
    ],
)
def test_invalid_arguments_name_the_parameter_and_range(kwargs, name):
    arguments = {"prior": 0.5, "p_restraint_if_resolute": 0.6, "p_restraint_if_not": 0.9, "n": 1, "linkage": 1.0, **kwargs}
    with pytest.raises(ValueError, match=rf"^{name}"):
        cred.posterior(**arguments)


def test_an_array_error_names_the_element():
    with pytest.raises(ValueError, match=r"prior\[1\]=1\.5: must be a probability between 0 and 1"):
        cred.posterior([0.5, 1.5], 0.6, 0.9)


def test_impossible_inputs_are_explained():
    with pytest.raises(ValueError, match="at least one must be > 0"):
        cred.posterior(0.5, 0.0, 0.0)
    with pytest.raises(ValueError, match="impossible"):
        cred.posterior(0.0, 0.6, 0.0)
    with pytest.raises(ValueError, match=r"gain=cost=0"):
        cred.probe_threshold(0, 0)
    with pytest.raises(ValueError, match=r"^cost=.*≥ 0"):
        cred.probe_threshold(1, -4)


def test_unknown_preset_names_the_allowed_ones():
    with pytest.raises(ValueError, match=r"preset='hawk': expected one of 'K', 'P', 'neutral'"):
        cred.preset("hawk")
    with pytest.raises(ValueError, match=r"^function"):
        cred.preset("K", "threshold")


# --- presets: each reader reaches its own conclusion --------------------------------------


def test_presets_are_keyword_arguments_of_the_functions():
    for name in ("K", "P", "neutral"):
        assert isinstance(cred.posterior(**cred.preset(name)), float)
        assert isinstance(cred.probe_threshold(**cred.preset(name, "probe_threshold")), float)
    assert cred.preset("persuaded_by_K") == cred.preset("K")


def test_k_preset_probes_p_preset_does_not_and_neutral_sits_between():
    results = cred.preset_results()
    assert results.loc["K", "probes"], "K's reader: after the observed restraints Russia's belief falls below θ"
    assert not results.loc["P", "probes"], "P's reader: restraint reads as prudence, the belief stays above θ"
    assert results.loc["K", "posterior"] < results.loc["neutral", "posterior"] < results.loc["P", "posterior"]
    assert results.loc["K", "likelihood_ratio"] < results.loc["neutral", "likelihood_ratio"] < results.loc["P", "likelihood_ratio"]
