"""Lesson 04 — does restraint signal weakness? Bayesian updating of
Russia's belief that the US/NATO is resolute.

R is "the US/NATO is resolute" (would fight if Russia crossed a threshold on
NATO soil); O is one observed restraint (over Ukraine). Russia starts with a
prior P(R) and reads each restraint as evidence:

    P(R|O) = P(O|R)·P(R) / [P(O|R)·P(R) + P(O|¬R)·(1 − P(R))]
    odds_n = odds_0 · LR^(ρ·n),   LR = P(O|R) / P(O|¬R)

The issue linkage ρ ∈ [0, 1] says how much restraint over Ukraine tells
Moscow about NATO soil (ρ = 0: nothing; Schelling's interdependent
commitments: ρ = 1; Press's "current calculus": ρ near 0). Russia probes
when the expected gain of a probe beats its expected cost:

    probe  ⇔  (1 − P(R))·G − P(R)·C > 0  ⇔  P(R) < θ = G / (G + C)

Probabilities are unitless numbers in [0, 1]; the gain G of a successful
probe and the cost C of meeting a resolute NATO are in the same (arbitrary)
units, only their ratio matters. Everything is vectorised: pass arrays to
get arrays (numpy broadcasting); scalars give floats.

Worked example (the course design): prior 0.5, P(O|R) = 0.6, P(O|¬R) = 0.9
gives LR = 2/3 and a posterior of 0.40 after one restraint, 0.23 after
three; with LR = 1 the belief stays at 0.50.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._presets import check_preset_name, preset_arguments, preset_rows
from .validators import (
    check_choice,
    check_nonnegative,
    check_probability,
    scalar_or_array,
)

__all__ = [
    "likelihood_ratio",
    "posterior",
    "posterior_path",
    "probe_threshold",
    "probe_payoff",
    "probes",
    "restraints_until_probe",
    "likelihood_ratio_to_cross",
    "assess",
    "flip_points",
    "belief_curve",
    "preset",
    "preset_table",
    "preset_results",
    "preset_verdicts",
    "preset_sweep",
]

#: Which function each preset row parameterises (model column of model_presets.csv).
PRESET_MODELS = {"posterior": "credibility.posterior", "probe_threshold": "credibility.probe_threshold"}


def likelihood_ratio(p_restraint_if_resolute, p_restraint_if_not):
    """LR = P(O|R) / P(O|¬R): how much more likely a restraint is from a
    resolute than from an irresolute US/NATO (unitless; < 1 means restraint
    is evidence of irresolution). ``inf`` when only a resolute actor would
    restrain (P(O|¬R) = 0).

    >>> round(likelihood_ratio(0.6, 0.9), 4)
    0.6667
    """
    p_r = check_probability("p_restraint_if_resolute", p_restraint_if_resolute)
    p_not = check_probability("p_restraint_if_not", p_restraint_if_not)
    both_zero = (p_r == 0) & (p_not == 0)
    if np.any(both_zero):
        raise ValueError(
            "p_restraint_if_resolute = p_restraint_if_not = 0: a restraint would then be impossible "
            "whatever the US/NATO's resolve, so observing one says nothing; at least one must be > 0"
        )
    with np.errstate(divide="ignore"):
        ratio = np.where(p_not == 0, np.inf, p_r / np.where(p_not == 0, 1.0, p_not))
    return scalar_or_array(ratio)


def _log_likelihood_ratio(p_r: np.ndarray, p_not: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return np.log(p_r) - np.log(p_not)


def posterior(prior, p_restraint_if_resolute, p_restraint_if_not, n=1, linkage=1.0, *, attribution=1.0):
    """Russia's belief P(R) (probability, 0–1) that the US/NATO is resolute
    after observing ``n`` restraints.

    ``odds_n = odds_0 · LR^(ρ·a·n)`` with ``odds = P(R)/(1 − P(R))``,
    ``LR = p_restraint_if_resolute / p_restraint_if_not`` (see
    :func:`likelihood_ratio`), ρ = ``linkage`` (0–1: how much restraint over
    Ukraine says about NATO soil) and a = ``attribution`` (0–1: the share of
    the restraint the observer puts down to the actor's disposition rather
    than the situation; Mercer 1996: an adversary explains behaviour it
    finds desirable by the situation, so Moscow may read restraint as
    prudence where Warsaw reads it as irresolution). ``n`` (≥ 0, may be
    fractional for smooth curves) counts restraints. All arguments broadcast
    against each other; scalars give a float.

    The belief does not move when LR = 1, ρ = 0, a = 0 or n = 0; a prior of
    0 or 1 never moves.

    >>> round(posterior(0.5, 0.6, 0.9), 2)
    0.4
    >>> round(posterior(0.5, 0.6, 0.9, n=3), 2)
    0.23
    >>> posterior(0.5, 0.9, 0.9, n=3)
    0.5
    >>> posterior([0.5, 0.5], 0.6, 0.9, n=3, linkage=[0.0, 1.0]).round(2)
    array([0.5 , 0.23])
    """
    prior = check_probability("prior", prior)
    p_r = check_probability("p_restraint_if_resolute", p_restraint_if_resolute)
    p_not = check_probability("p_restraint_if_not", p_restraint_if_not)
    likelihood_ratio(p_r, p_not)  # rejects P(O|R) = P(O|¬R) = 0
    count = check_nonnegative("n", n, "number of restraints")
    rho = check_probability("linkage", linkage)
    share = check_probability("attribution", attribution)
    exponent = rho * share * count
    log_lr = _log_likelihood_ratio(p_r, p_not)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # An exponent of 0 leaves the belief alone even when LR is 0 or inf.
        shift = np.where(exponent == 0, 0.0, exponent * log_lr)
        log_odds = np.log(prior) - np.log1p(-prior) + shift
        impossible = np.isnan(log_odds)
        if np.any(impossible):
            raise ValueError(
                "prior and likelihoods contradict each other: a prior of 0 or 1 meets a restraint that only the "
                "other type would show (P(O|R) = 0 or P(O|¬R) = 0), so the observation is impossible; "
                "use a prior strictly between 0 and 1"
            )
        belief = 1.0 / (1.0 + np.exp(-log_odds))
    belief = np.where(shift == 0, prior, belief)  # exact, not prior round-tripped through log-odds
    return scalar_or_array(belief)


def posterior_path(prior, likelihood_ratios: Sequence[float], linkage=1.0) -> np.ndarray:
    """The belief P(R) (0–1) before and after each of a sequence of
    observations, given each one's likelihood ratio (LR < 1: a restraint
    read as irresolution; LR > 1: a costly signal of resolve such as a
    response; LR = 1: no news). Returns ``len(likelihood_ratios) + 1``
    beliefs, starting with the prior; each LR enters as LR^ρ.

    >>> posterior_path(0.5, [2/3, 2/3, 2/3, 3]).round(3)
    array([0.5  , 0.4  , 0.308, 0.229, 0.471])
    """
    prior = float(check_probability("prior", prior))
    rho = float(check_probability("linkage", linkage))
    ratios = check_nonnegative("likelihood_ratios", list(likelihood_ratios), "ratio of two probabilities")
    if ratios.ndim != 1:
        raise ValueError(f"likelihood_ratios: expected a flat sequence of numbers, got shape {ratios.shape}")
    with np.errstate(divide="ignore"):
        steps = np.where(ratios == 1, 0.0, rho * np.log(ratios)) if rho > 0 else np.zeros_like(ratios)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        log_odds = np.log(prior) - np.log1p(-prior) + np.concatenate([[0.0], np.cumsum(steps)])
        if np.isnan(log_odds).any():
            raise ValueError("prior 0 or 1 meets a likelihood ratio of 0 or inf: the sequence is impossible")
        path = 1.0 / (1.0 + np.exp(-log_odds))
    return path


def probe_threshold(gain, cost):
    """θ = G / (G + C): the belief in resolve below which probing pays
    (probability, 0–1). ``gain`` G: what a probe wins if NATO backs down;
    ``cost`` C: what it loses if NATO is resolute (same units, ≥ 0, not
    both 0).

    >>> probe_threshold(1, 4)
    0.2
    """
    g = check_nonnegative("gain", gain, "same units as cost")
    c = check_nonnegative("cost", cost, "same units as gain")
    if np.any((g + c) == 0):
        raise ValueError("gain=cost=0: the threshold G/(G+C) is undefined; at least one must be > 0")
    return scalar_or_array(g / (g + c))


def probe_payoff(belief, gain, cost):
    """Russia's expected payoff of a probe, (1 − P(R))·G − P(R)·C (units of
    G and C): positive means probing pays.

    >>> round(probe_payoff(0.1, 1, 4), 2)
    0.5
    """
    p = check_probability("belief", belief)
    g = check_nonnegative("gain", gain)
    c = check_nonnegative("cost", cost)
    return scalar_or_array((1 - p) * g - p * c)


def probes(belief, gain=1.0, cost=4.0):
    """Whether Russia probes: P(R) < θ = G/(G+C) (``bool`` or bool array).

    >>> probes(0.15, 1, 4), probes(0.25, 1, 4)
    (True, False)
    """
    result = check_probability("belief", belief) < probe_threshold(gain, cost)
    return bool(result) if np.ndim(result) == 0 else result


def restraints_until_probe(prior, p_restraint_if_resolute, p_restraint_if_not, linkage=1.0, gain=1.0, cost=4.0, *, attribution=1.0):
    """The smallest whole number of restraints after which Russia's belief
    falls below θ and it probes (0 if it probes already), or ``None`` if the
    belief never falls below θ (LR ≥ 1, ρ = 0 or a = 0). Scalars only.

    >>> restraints_until_probe(0.5, 0.6, 0.9)
    4
    >>> restraints_until_probe(0.5, 0.9, 0.9) is None
    True
    """
    theta = probe_threshold(gain, cost)
    if float(check_probability("prior", prior)) < theta:
        return 0
    lr = likelihood_ratio(p_restraint_if_resolute, p_restraint_if_not)
    rho = float(check_probability("linkage", linkage)) * float(check_probability("attribution", attribution))
    if np.ndim(lr) or np.ndim(prior) or np.ndim(theta):
        raise ValueError("restraints_until_probe takes scalars; use posterior() with an array n for curves")
    if lr >= 1 or rho == 0 or theta == 0 or prior == 1:
        return None
    if lr == 0:
        return 1
    prior_odds = prior / (1 - prior)
    theta_odds = theta / (1 - theta) if theta < 1 else math.inf
    guess = max(0, math.floor(math.log(theta_odds / prior_odds) / (rho * math.log(lr))))
    # The formula's floor may sit on a rounding edge: step until the belief is below θ.
    while posterior(prior, p_restraint_if_resolute, p_restraint_if_not, guess, linkage, attribution=attribution) >= theta:
        guess += 1
    while guess > 0 and posterior(prior, p_restraint_if_resolute, p_restraint_if_not, guess - 1, linkage, attribution=attribution) < theta:
        guess -= 1
    return guess


def likelihood_ratio_to_cross(prior, threshold, n=1, linkage=1.0):
    """The likelihood ratio at which ``n`` restraints take a belief from
    ``prior`` exactly to ``threshold``: LR* = (odds_θ / odds_0)^(1/(ρ·n)).
    Any LR below LR* takes it below the threshold. (The exercise of
    the course design: from a prior of 0.6, three restraints reach θ = 0.2 when
    LR < 0.55, i.e. when 1 − LR > 0.45.)

    >>> round(likelihood_ratio_to_cross(0.6, 0.2, n=3), 3)
    0.55
    """
    p0 = check_probability("prior", prior)
    theta = check_probability("threshold", threshold)
    count = check_nonnegative("n", n, "number of restraints")
    rho = check_probability("linkage", linkage)
    if np.any((p0 <= 0) | (p0 >= 1) | (theta <= 0) | (theta >= 1)):
        raise ValueError("prior and threshold must lie strictly between 0 and 1 for a finite likelihood ratio")
    if np.any(count * rho == 0):
        raise ValueError("n and linkage must be > 0: with no restraints, or no linkage, no likelihood ratio moves the belief")
    ratio = (theta / (1 - theta)) / (p0 / (1 - p0))
    return scalar_or_array(ratio ** (1.0 / (rho * count)))


def assess(prior, p_restraint_if_resolute, p_restraint_if_not, n=1, linkage=1.0, gain=1.0, cost=4.0, *, attribution=1.0) -> dict:
    """The lesson's verdict in one call: ``likelihood_ratio``, ``posterior``
    (P(R) after ``n`` restraints), ``threshold`` θ, ``margin`` = posterior − θ
    (negative: Russia probes) and ``probes`` (bool). Scalars only.

    >>> result = assess(0.5, 0.6, 0.9, n=3)
    >>> round(result["posterior"], 3), result["threshold"], result["probes"]
    (0.229, 0.2, False)
    """
    belief = posterior(prior, p_restraint_if_resolute, p_restraint_if_not, n, linkage, attribution=attribution)
    theta = probe_threshold(gain, cost)
    if np.ndim(belief) or np.ndim(theta):
        raise ValueError("assess takes scalars; use posterior() and probe_threshold() for arrays")
    return {
        "likelihood_ratio": likelihood_ratio(p_restraint_if_resolute, p_restraint_if_not),
        "posterior": belief,
        "threshold": theta,
        "margin": belief - theta,
        "probes": bool(belief < theta),
    }


def flip_points(prior, p_restraint_if_resolute, p_restraint_if_not, n=1, linkage=1.0, gain=1.0, cost=4.0, *, attribution=1.0) -> dict:
    """Where the verdict (probe or not after ``n`` restraints) flips, one
    input at a time, the others held (scalars only):

    * ``likelihood_ratio``: the LR* at which P(R) after n restraints equals θ
      (Russia probes when LR < LR*); ``None`` when n·ρ·a = 0 (restraint then
      moves nothing) or the prior is 0 or 1;
    * ``linkage``: the ρ* in [0, 1] at which it flips (Russia probes when
      ρ > ρ* if LR < 1); ``None`` if no linkage from 0 to 1 flips it;
    * ``cost``: the cost C* (units of the gain) at which θ equals the
      belief (Russia probes when C < C*); ``None`` when the belief is 0;
    * ``restraints``: :func:`restraints_until_probe` (``None``: never).

    >>> flips = flip_points(0.6, 0.5, 0.95, n=3)
    >>> round(flips["likelihood_ratio"], 3), round(flips["linkage"], 3), round(flips["cost"], 2), flips["restraints"]
    (0.55, 0.931, 4.57, 3)
    """
    verdict = assess(prior, p_restraint_if_resolute, p_restraint_if_not, n, linkage, gain, cost, attribution=attribution)
    arguments = (prior, p_restraint_if_resolute, p_restraint_if_not, n, linkage, gain, cost, attribution)
    return _flip_points(*arguments, verdict=verdict, restraints=None)


def _flip_points(prior, p_restraint_if_resolute, p_restraint_if_not, n, linkage, gain, cost, attribution, *, verdict, restraints):
    """:func:`flip_points` from a verdict already computed (and the
    restraints until a probe, if known: ``None`` computes them)."""
    p0, theta, belief = float(prior), float(verdict["threshold"]), float(verdict["posterior"])
    weight = float(linkage) * float(attribution)
    inside = 0 < p0 < 1 and 0 < theta < 1
    lr_star = likelihood_ratio_to_cross(p0, theta, n, weight) if inside and float(n) * weight > 0 else None
    rho_star = None
    lr = float(verdict["likelihood_ratio"])
    if inside and float(n) * float(attribution) > 0 and 0 < lr < np.inf and lr != 1:
        needed = (math.log(theta / (1 - theta)) - math.log(p0 / (1 - p0))) / (float(n) * float(attribution) * math.log(lr))
        rho_star = needed if 0 <= needed <= 1 else None
    cost_star = float(gain) * (1 - belief) / belief if belief > 0 else None
    return {
        "likelihood_ratio": None if lr_star is None else float(lr_star),
        "linkage": rho_star,
        "cost": cost_star,
        "restraints": restraints if restraints is not None else restraints_until_probe(
            p0, p_restraint_if_resolute, p_restraint_if_not, linkage, gain, cost, attribution=attribution
        ),
    }


def belief_curve(
    prior, p_restraint_if_resolute, p_restraint_if_not, n=1, linkage=1.0, gain=1.0, cost=4.0, *, attribution=1.0, n_max=10
) -> dict:
    """Everything lesson 04's figure and readout show for one setting:
    ``counts`` (0, 1, …, at least ``n_max``, whole restraints) and
    ``beliefs`` (P(R) after each, 0–1), the verdict of :func:`assess` at
    ``n`` (``likelihood_ratio``, ``posterior``, ``threshold``, ``margin``,
    ``probes``), ``n`` and ``prior`` themselves, and ``flips``
    (:func:`flip_points`). Scalars only.

    >>> curve = belief_curve(0.5, 0.6, 0.9, n=3)
    >>> curve["beliefs"][:4].round(2), curve["probes"], curve["flips"]["restraints"]
    (array([0.5 , 0.4 , 0.31, 0.23]), False, 4)
    """
    # One call of each model function (a panel calls this on every slider move).
    count = float(check_nonnegative("n", n, "number of restraints"))
    if np.ndim(prior) or np.ndim(n):
        raise ValueError("belief_curve takes scalars; use posterior() for arrays")
    top = max(int(check_nonnegative("n_max", n_max, "number of restraints")), math.ceil(count))
    counts = np.arange(top + 1)
    values = posterior(prior, p_restraint_if_resolute, p_restraint_if_not, np.append(counts, count), linkage, attribution=attribution)
    beliefs, belief = np.asarray(values[:-1]), float(values[-1])
    theta = float(probe_threshold(gain, cost))
    verdict = {
        "likelihood_ratio": likelihood_ratio(p_restraint_if_resolute, p_restraint_if_not),
        "posterior": belief,
        "threshold": theta,
        "margin": belief - theta,
        "probes": bool(belief < theta),
    }
    # The belief falls with each restraint or never: the first count below θ
    # on the curve is restraints_until_probe, unless it lies beyond the curve.
    below = np.flatnonzero(beliefs < theta)
    arguments = (prior, p_restraint_if_resolute, p_restraint_if_not, count, linkage, gain, cost, attribution)
    flips = _flip_points(*arguments, verdict=verdict, restraints=int(below[0]) if below.size else None)
    return {**verdict, "n": count, "prior": float(prior), "counts": counts, "beliefs": beliefs, "flips": flips}


def preset(name: str, function: str = "posterior") -> dict[str, float]:
    """The keyword arguments of :func:`posterior` (``function="posterior"``)
    or of :func:`probe_threshold` (``function="probe_threshold"``) under
    preset ``"K"``, ``"P"`` or ``"neutral"`` (``data/model_presets.csv``,
    where every value has its justification).

    >>> sorted(preset("neutral"))
    ['attribution', 'linkage', 'n', 'p_restraint_if_not', 'p_restraint_if_resolute', 'prior']
    """
    check_choice("function", function, tuple(PRESET_MODELS))
    return preset_arguments(PRESET_MODELS[function], name)


def preset_table(name: str | None = None) -> pd.DataFrame:
    """The preset rows of this lesson's models (parameter, value, unit,
    justification, claim ids, quote, source), for one preset or all.

    >>> set(preset_table("K")["preset"])
    {'K'}
    """
    rows = pd.concat([preset_rows(model) for model in PRESET_MODELS.values()], ignore_index=True)
    if name is not None:
        rows = rows[rows["preset"] == check_preset_name(name)].reset_index(drop=True)
    return rows


def preset_results() -> pd.DataFrame:
    """:func:`assess` under each preset, one row per preset (K, P, neutral).

    >>> list(preset_results().index)
    ['K', 'P', 'neutral']
    """
    rows = {}
    for name in ("K", "P", "neutral"):
        rows[name] = assess(**preset(name), **preset(name, "probe_threshold"))
    table = pd.DataFrame(rows).T
    table.index.name = "preset"
    return table


#: What each verdict means for the articles' dispute.
CONCLUSIONS = {
    True: "restraint invites a probe (Kagan)",
    False: "restraint invites no probe (Petrovics)",
}


def preset_verdicts() -> pd.DataFrame:
    """The lesson's side-by-side table, one column per preset (K, P,
    neutral): the inputs that differ (LR, linkage ρ), the belief P(R) after
    n restraints, θ, whether Russia probes, where the verdict would flip
    (the LR*, ρ* and C/G of :func:`flip_points`, one input at a time; "—"
    where no value flips it) and the conclusion it reaches. Numbers are
    rounded to 3 places (C/G to 2).

    >>> preset_verdicts().loc["Russia probes"].tolist()
    ['yes', 'no', 'no']
    """
    def shown(value, places):
        return "—" if value is None else round(float(value), places)

    columns = {}
    for name in ("K", "P", "neutral"):
        arguments = {**preset(name), **preset(name, "probe_threshold")}
        verdict = assess(**arguments)
        flips = flip_points(**arguments)
        columns[name] = {
            "likelihood ratio LR": round(float(verdict["likelihood_ratio"]), 3),
            "linkage ρ": arguments["linkage"],
            "restraints n": int(arguments["n"]),
            "P(R) after n": round(float(verdict["posterior"]), 3),
            "threshold θ": round(float(verdict["threshold"]), 3),
            "Russia probes": "yes" if verdict["probes"] else "no",
            "flips at LR": shown(flips["likelihood_ratio"], 3),
            "flips at ρ": shown(flips["linkage"], 3),
            "flips at C/G": shown(None if flips["cost"] is None else flips["cost"] / arguments["gain"], 2),
            "conclusion": CONCLUSIONS[bool(verdict["probes"])],
        }
    table = pd.DataFrame(columns)
    table.columns.name = "preset"
    return table


def preset_sweep(parameter: str, values: Sequence[float]) -> pd.DataFrame:
    """Each preset's verdict with one argument of :func:`posterior` or
    :func:`probe_threshold` set to each of ``values`` in turn (the others at
    the preset): one row per value, one column per preset (K, P, neutral),
    each cell P(R) after the preset's n restraints and the verdict, e.g.
    ``"0.179 · probes"``.

    >>> preset_sweep("attribution", [1.0, 0.5]).loc[0.5, "K"]
    '0.364 · no probe'
    """
    known = tuple(preset("K")) + tuple(preset("K", "probe_threshold"))
    check_choice("parameter", parameter, known)
    columns = {}
    for name in ("K", "P", "neutral"):
        cells = []
        for value in values:
            arguments = {**preset(name), **preset(name, "probe_threshold"), parameter: value}
            verdict = assess(**arguments)
            cells.append(f"{float(verdict['posterior']):.3f} · {'probes' if verdict['probes'] else 'no probe'}")
        columns[name] = cells
    table = pd.DataFrame(columns, index=pd.Index(list(values), name=parameter))
    table.columns.name = "preset"
    return table
