"""Lesson 06 — climbing the ladder: escalation, nuclear risk and the
threshold where the choice between restraint and intervention flips.

Four models, all pure numpy, seeded where random:

**Decision tree** (restrain R vs intervene I). Each option D has a benefit
B_D, a reputational cost Rep_D and a probability π_D of nuclear use with
loss L_D (all in units of the stake of the war, so B and Rep are shares of
it and L is "how many stakes" nuclear use costs):

    EU_D = B_D − Rep_D − π_D·(L_lim + e_D·L_war)
    intervene  ⇔  (B_I − B_R) + (Rep_R − Rep_I) > π_I·L_I − π_R·L_R
    common loss L:  EU_I − EU_R = ΔB + ΔRep − (π_I − π_R)·L,
                    threshold Δπ* = (ΔB + ΔRep) / L

Worked: ΔB = 0.3, L = 10 → Δπ* = 0.03; with ΔRep = 0.2 → 0.05. Because L
dwarfs the stakes, the choice flips at a few points of added nuclear risk.

**Escalation ladder** (after Kahn 1965): rungs 0 crisis and sanctions,
1 gray-zone sabotage, 2 overt strikes on NATO soil, 3 limited NATO–Russia
clash, 4 major conventional war, 5 demonstrative/limited nuclear use,
6 theatre nuclear war, 7 central war. A Monte Carlo of Russia's climb
against a NATO response policy ("respond from rung k*"), see :func:`ladder`.

**Uncertain inputs**: each input given as a 90% range, sampled (normal if
low ≤ 0, else lognormal, as Guesstimate does), the output's distribution
and P(output > 0); :func:`tornado` swings each input from its 5th to its
95th percentile with the others at their medians.

**Haynes's classroom game** ("competition in risk taking"): disaster
probability t/10 in round t, :func:`survival_game`.
"""

from __future__ import annotations

import functools
import inspect
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._presets import check_preset_name, preset_arguments, preset_rows
from .forecasts import published_forecasts
from .validators import (
    as_float_array,
    check_choice,
    check_count,
    check_nonnegative,
    check_positive,
    check_probability,
    scalar_or_array,
)

__all__ = [
    "RUNGS",
    "THRESHOLDS",
    "JUMP_RISK",
    "P_RESOLUTE",
    "POLICIES",
    "SILENCE",
    "expected_utility",
    "utility_difference",
    "decision_threshold",
    "decide",
    "decision_flips",
    "survival_game",
    "published_nuclear_risks",
    "policy_label",
    "LadderSimulation",
    "ladder_simulation",
    "ladder",
    "ResponseRiskCurve",
    "response_risk_curve",
    "DISTRIBUTIONS",
    "input_quantiles",
    "sample_inputs",
    "MonteCarlo",
    "monte_carlo",
    "p_intervention_preferred",
    "tornado",
    "regression_sensitivity",
    "preset",
    "preset_table",
    "preset_results",
    "preset_verdicts",
    "preset_swaps",
]

#: The simplified ladder (after Kahn, On Escalation, 1965, 44 rungs).
RUNGS = (
    "crisis and sanctions",
    "gray-zone sabotage",
    "overt strikes on NATO soil",
    "limited NATO–Russia clash",
    "major conventional war",
    "demonstrative/limited nuclear use",
    "theatre nuclear war",
    "central war",
)
#: θ_1…θ_4: Russia climbs from rung k to k + 1 while its belief that NATO is
#: resolute is below θ_{k+1} (probabilities).
THRESHOLDS = (0.55, 0.40, 0.25, 0.10)
#: r_0…r_4: probability per period of an inadvertent jump to nuclear use at
#: rung k (Schelling's "threat that leaves something to chance").
JUMP_RISK = (0.0, 0.0005, 0.002, 0.01, 0.05)
#: Probability that NATO is resolute, i.e. carries out its response policy
#: (drawn once per run). Not given in the course design; 0.7 is the value that
#: reproduces its worked example (see :func:`ladder`).
P_RESOLUTE = 0.7
#: The response policies compared by default: respond from rung 1, 2, 3, never.
POLICIES = (1, 2, 3, None)
#: What counts as silence: an unanswered probe ("probes", the default) or
#: every period without a response ("periods").
SILENCE = ("probes", "periods")

#: Which function each preset row parameterises (model column of model_presets.csv).
PRESET_MODELS = {
    "decision": "escalation.decision",
    "ladder": "escalation.ladder",
    "monte_carlo": "escalation.monte_carlo",
}
#: The inputs of :func:`utility_difference` that are probabilities (samples capped at [0, 1]).
PROBABILITY_INPUTS = ("p_nuclear_intervention", "p_nuclear_restraint")
#: z of the 95th percentile of a standard normal: a 90% interval is mean ± 1.645 sd.
Z90 = 1.6448536269514722


# --- the decision tree ------------------------------------------------------


def expected_utility(benefit, reputation_cost, p_nuclear, loss_limited, escalation_share=0.0, loss_war=0.0):
    """EU_D = B_D − Rep_D − π_D·(L_lim + e_D·L_war) of one option (units of the
    stake): benefit B, reputational cost Rep, probability π of nuclear use,
    the loss of limited use L_lim, the share e of cases that escalate to
    full war and its loss L_war.

    >>> round(expected_utility(0.3, 0.0, 0.05, 10), 3)
    -0.2
    """
    b = as_float_array("benefit", benefit)
    rep = as_float_array("reputation_cost", reputation_cost)
    pi = check_probability("p_nuclear", p_nuclear)
    l_lim = check_nonnegative("loss_limited", loss_limited, "units of the stake")
    e = check_probability("escalation_share", escalation_share)
    l_war = check_nonnegative("loss_war", loss_war, "units of the stake")
    return scalar_or_array(b - rep - pi * (l_lim + e * l_war))


def utility_difference(p_nuclear_intervention, p_nuclear_restraint, loss, delta_benefit, delta_reputation=0.0):
    """EU_I − EU_R = ΔB + ΔRep − (π_I − π_R)·L (units of the stake) with a
    common loss L: positive means intervention is preferred. ΔB = B_I − B_R
    (what intervening gains), ΔRep = Rep_R − Rep_I (the reputation that
    restraint costs). Vectorised: the Monte Carlo passes arrays.

    >>> round(utility_difference(0.05, 0.01, 10, 0.3, 0.2), 3)
    0.1
    """
    pi_i = check_probability("p_nuclear_intervention", p_nuclear_intervention)
    pi_r = check_probability("p_nuclear_restraint", p_nuclear_restraint)
    lo = check_nonnegative("loss", loss, "units of the stake")
    d_b = as_float_array("delta_benefit", delta_benefit)
    d_rep = as_float_array("delta_reputation", delta_reputation)
    return scalar_or_array(d_b + d_rep - (pi_i - pi_r) * lo)


def decision_threshold(delta_benefit, loss, delta_reputation=0.0):
    """Δπ* = (ΔB + ΔRep) / L: the added probability of nuclear use (π_I − π_R,
    probability points) at which intervening and restraint are worth the
    same; intervene iff π_I − π_R < Δπ*. ΔB and ΔRep in units of the stake,
    L > 0 in the same units.

    >>> round(decision_threshold(0.3, 10), 3)
    0.03
    >>> round(decision_threshold(0.3, 10, delta_reputation=0.2), 3)
    0.05
    """
    d_b = as_float_array("delta_benefit", delta_benefit)
    lo = check_positive("loss", loss, "units of the stake")
    d_rep = as_float_array("delta_reputation", delta_reputation)
    return scalar_or_array((d_b + d_rep) / lo)


def decide(p_nuclear_intervention, p_nuclear_restraint, delta_benefit, loss, delta_reputation=0.0) -> dict:
    """The decision tree's verdict: ``threshold`` Δπ*, ``delta_p`` = π_I − π_R,
    ``margin`` = Δπ* − Δπ (positive: intervene), ``utility_difference``
    EU_I − EU_R and ``intervene`` (bool). Scalars only.

    >>> result = decide(0.02, 0.01, 0.3, 10, 0.2)
    >>> round(result["margin"], 3), result["intervene"]
    (0.04, True)
    """
    threshold = decision_threshold(delta_benefit, loss, delta_reputation)
    difference = utility_difference(p_nuclear_intervention, p_nuclear_restraint, loss, delta_benefit, delta_reputation)
    if np.ndim(threshold) or np.ndim(difference):
        raise ValueError("decide takes scalars; use decision_threshold() and utility_difference() for arrays")
    delta_p = float(p_nuclear_intervention) - float(p_nuclear_restraint)
    return {
        "threshold": threshold,
        "delta_p": delta_p,
        "margin": threshold - delta_p,
        "utility_difference": difference,
        "intervene": bool(difference > 0),
    }


def decision_flips(p_nuclear_intervention, p_nuclear_restraint, delta_benefit, loss, delta_reputation=0.0) -> dict:
    """Where the decision tree's verdict flips, one input at a time (the
    others held): ``p_nuclear_intervention`` π_I* = π_R + Δπ* (probability;
    intervene below it); ``loss`` L* = (ΔB + ΔRep)/(π_I − π_R), the loss at
    which both options are worth the same (units of the stake; when π_I > π_R,
    intervene below it; ``nan`` when no positive loss does that, e.g. π_I ≤ π_R
    with ΔB + ΔRep > 0, where intervening wins at any loss); ``gains``
    (ΔB + ΔRep)* = (π_I − π_R)·L (units of the stake; intervene above it).
    Scalars only.

    >>> flips = decision_flips(0.08, 0.03, 0.3, 10, 0.1)
    >>> round(flips["p_nuclear_intervention"], 3), round(flips["loss"], 2), round(flips["gains"], 2)
    (0.07, 8.0, 0.5)
    """
    decision = decide(p_nuclear_intervention, p_nuclear_restraint, delta_benefit, loss, delta_reputation)
    gains = float(delta_benefit) + float(delta_reputation)
    delta_p = decision["delta_p"]
    loss_flip = gains / delta_p if delta_p != 0 and gains / delta_p > 0 else math.nan
    return {
        "p_nuclear_intervention": float(p_nuclear_restraint) + float(decision["threshold"]),
        "loss": loss_flip,
        "gains": delta_p * float(loss),
    }


def survival_game(rounds: int = 5, step: float = 0.1) -> np.ndarray:
    """Haynes's classroom game (ALPS blog, 2019): disaster probability
    ``step``·t in round t; returns P(survive n rounds) = Π_{t≤n}(1 − step·t)
    for n = 1…``rounds`` (0 once step·t reaches 1).

    >>> survival_game().round(3)
    array([0.9  , 0.72 , 0.504, 0.302, 0.151])
    """
    count = check_count("rounds", rounds)
    s = float(check_probability("step", step))
    risk = np.minimum(s * np.arange(1, count + 1), 1.0)
    return np.cumprod(1.0 - risk)


def published_nuclear_risks() -> pd.DataFrame:
    """The published probabilities of nuclear use (``data/published_forecasts.csv``,
    the rows whose question is about nuclear use), lowest first: the rug
    marks against which lesson 06 reads π_I and π_R. Columns as in the
    table (forecaster, question, made, probability, …); the questions differ
    (full-scale war, use in Ukraine, a detonation in Europe, a conditional
    estimate, a recollection), so they bound a reader's π rather than give it.

    >>> published_nuclear_risks()["probability"].round(4).tolist()
    [0.0035, 0.075, 0.09, 0.16, 0.4167, 0.5]
    """
    table = published_forecasts()
    nuclear = table["question"].str.contains("nuclear", case=False)
    return table[nuclear].sort_values("probability", kind="stable").reset_index(drop=True)


# --- the escalation ladder --------------------------------------------------


def policy_label(policy: int | None) -> str:
    """A response policy in words: ``1`` → "respond from rung 1", ``None`` → "never respond".

    >>> policy_label(2), policy_label(None)
    ('respond from rung 2', 'never respond')
    """
    return "never respond" if policy is None else f"respond from rung {policy}"


@dataclass(frozen=True)
class LadderSimulation:
    """Everything one ladder Monte Carlo produced, one row per policy.

    ``p_nuclear``: P(nuclear use) within the horizon (probability);
    ``standard_error``: its Monte Carlo standard error;
    ``cumulative``: P(nuclear use by the end of period t), shape (policies, periods);
    ``final_rungs``: share of runs on each rung 0…4 at the end, and of runs
    that ended in nuclear use (last column), shape (policies, rungs + 1);
    ``responses``: mean number of NATO responses per run;
    ``probes``: mean number of Russian climbs per run;
    ``nuclear``: whether each run ended in nuclear use, shape (policies, runs);
    ``response_dice`` (only with ``response_dice=True``): per run, the
    smallest of the dice that decided whether a NATO response went nuclear
    (inf if NATO never responded before the run ended), shape (policies, runs).
    """

    policies: tuple
    p_nuclear: np.ndarray
    standard_error: np.ndarray
    cumulative: np.ndarray
    final_rungs: np.ndarray
    responses: np.ndarray
    probes: np.ndarray
    runs: int
    periods: int
    seed: int
    nuclear: np.ndarray | None = None
    response_dice: np.ndarray | None = None

    @property
    def labels(self) -> list[str]:
        """The policies in words."""
        return [policy_label(p) for p in self.policies]

    def table(self) -> pd.DataFrame:
        """One row per policy: P(nuclear use), its standard error, mean responses and probes per run."""
        return pd.DataFrame(
            {
                "P(nuclear use)": self.p_nuclear,
                "standard error": self.standard_error,
                "responses per run": self.responses,
                "probes per run": self.probes,
            },
            index=pd.Index(self.labels, name="policy"),
        )


def _check_policies(policies: Sequence, rungs: int) -> tuple:
    if isinstance(policies, (str, bytes)) or not isinstance(policies, Sequence) or len(policies) == 0:
        raise ValueError(f"policies = {policies!r}: expected a non-empty sequence of rungs 1–{rungs} or None (never respond)")
    checked = []
    for policy in policies:
        if policy is None:
            checked.append(None)
            continue
        if isinstance(policy, bool) or not isinstance(policy, (int, np.integer)) or not 1 <= policy <= rungs:
            raise ValueError(f"policies: {policy!r} is not a response rung; expected a whole number 1–{rungs} or None (never respond)")
        checked.append(int(policy))
    return tuple(checked)


@functools.lru_cache(maxsize=4)
def _draws(seed: int, runs: int, periods: int, mean: float, concentration: float, p_resolute: float):
    """The simulation's random numbers: each run's initial log-odds that
    NATO is resolute, whether NATO is resolute, and the dice (periods × 2 ×
    runs: an inadvertent jump, a response's own risk). Common random
    numbers: every policy, and every setting of the likelihood ratios and
    risks, meets the same Russias, the same NATO and the same dice, so the
    differences are not Monte Carlo noise; drawn once per seed (read-only)."""
    rng = np.random.default_rng(seed)
    belief = rng.beta(mean * concentration, (1 - mean) * concentration, runs)
    resolute = rng.random(runs) < p_resolute
    dice = rng.random((periods, 2, runs))
    with np.errstate(divide="ignore"):
        log_odds0 = np.log(belief) - np.log1p(-belief)
    for array in (log_odds0, resolute, dice):
        array.flags.writeable = False
    return log_odds0, resolute, dice


def ladder_simulation(
    lr_quiet=0.82,
    lr_response=1.73,
    response_risk=0.01,
    *,
    policies: Sequence = POLICIES,
    thresholds: Sequence[float] = THRESHOLDS,
    jump_risk: Sequence[float] = JUMP_RISK,
    p_resolute: float = P_RESOLUTE,
    prior_mean: float = 0.5,
    prior_concentration: float = 10.0,
    runs: int = 5000,
    periods: int = 24,
    seed: int = 0,
    silence: str = "probes",
    details: bool = True,
    response_dice: bool = False,
) -> LadderSimulation:
    """The ladder Monte Carlo with everything it recorded (see :func:`ladder`
    for the model and the arguments). ``details=False`` skips counting
    responses and probes (they are then 0), as :func:`ladder` does.
    ``response_dice=True`` also records, per run, the smallest die thrown
    for a NATO response (see :func:`response_risk_curve`, which uses it).

    >>> sim = ladder_simulation(runs=1000, periods=12)
    >>> sim.cumulative.shape, sim.final_rungs.shape
    ((4, 12), (4, 6))
    """
    lr_q = float(check_positive("lr_quiet", lr_quiet, "likelihood ratio"))
    lr_r = float(check_positive("lr_response", lr_response, "likelihood ratio"))
    r_resp = float(check_probability("response_risk", response_risk))
    theta = check_probability("thresholds", list(thresholds))
    risk = check_probability("jump_risk", list(jump_risk))
    if theta.ndim != 1 or len(theta) == 0:
        raise ValueError(f"thresholds = {thresholds!r}: expected a non-empty sequence of probabilities, one per rung above 0")
    if risk.shape != (len(theta) + 1,):
        raise ValueError(
            f"jump_risk has {risk.size} values; expected {len(theta) + 1}, one per rung 0–{len(theta)} "
            f"(thresholds has {len(theta)}, one per rung climbed to)"
        )
    top = len(theta)
    chosen = _check_policies(policies, top)
    p_res = float(check_probability("p_resolute", p_resolute))
    mean = float(check_probability("prior_mean", prior_mean))
    if not 0 < mean < 1:
        raise ValueError(f"prior_mean = {prior_mean!r}: must lie strictly between 0 and 1")
    concentration = float(check_positive("prior_concentration", prior_concentration, "alpha + beta of the Beta prior"))
    n_runs = check_count("runs", runs)
    n_periods = check_count("periods", periods)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"seed = {seed!r}: must be a whole number")
    check_choice("silence", silence, SILENCE)
    every_period = silence == "periods"

    log_odds0, resolute, dice = _draws(int(seed), n_runs, n_periods, mean, concentration, p_res)
    with np.errstate(divide="ignore"):
        climb_below = np.log(theta) - np.log1p(-theta)  # thresholds as log-odds
    climb_below = np.append(climb_below, -np.inf).astype(np.float32)  # the top rung: no further deliberate climb
    step_quiet, step_extra = np.float32(math.log(lr_q)), np.float32(math.log(lr_r) - math.log(lr_q))
    first_response = np.array([top + 1 if p is None else p for p in chosen])[:, None]
    responds = resolute[None, :] & (first_response <= top)

    # The loop runs over periods only; each step works on all policies × runs
    # at once, writing into preallocated arrays.
    # Log-odds in float32: a fifth faster, and the same results (a run would
    # need to sit within 1e-6 of a threshold for the rounding to matter).
    shape = (len(chosen), n_runs)
    log_odds = np.empty(shape, dtype=np.float32)
    log_odds[:] = log_odds0
    rung = np.zeros(shape, dtype=np.intp)
    alive = np.ones(shape, dtype=bool)
    climb, respond, died, fired = (np.empty(shape, dtype=bool) for _ in range(4))
    deaths = np.empty((len(chosen), n_periods), dtype=np.int64)
    responses = np.zeros(len(chosen), dtype=np.int64)
    probes = np.zeros(len(chosen), dtype=np.int64)
    smallest_die = np.full(shape, np.inf) if response_dice else None
    for t in range(n_periods):
        jump, fire = dice[t]
        # 1. Russia climbs one rung if its belief in NATO's resolve is below the next threshold.
        np.less(log_odds, np.take(climb_below, rung), out=climb)
        climb &= alive
        rung += climb
        # 2. At the rung it stands on, an inadvertent jump to nuclear use.
        np.less(jump, np.take(risk, rung), out=died)
        died &= alive
        # 3. A resolute NATO answers a probe that reaches rung k* or above (if
        #    the run is still going): the state goes back one rung, Russia's
        #    odds on R are multiplied by LR_resp, and the response itself
        #    risks nuclear use.
        np.greater_equal(rung, first_response, out=respond)
        respond &= climb
        respond &= responds
        np.greater(respond, died, out=respond)  # respond and not died
        rung -= respond
        np.less(fire, r_resp, out=fired)
        fired &= respond
        if response_dice:
            np.minimum(smallest_die, fire, out=smallest_die, where=respond)
        died |= fired
        # 4. Odds: × LR_quiet for every probe (or every period), × LR_resp/LR_quiet more for an answered probe.
        if every_period:
            log_odds += step_quiet
        else:
            log_odds += climb * step_quiet
        log_odds += respond * step_extra
        deaths[:, t] = died.sum(axis=1)
        np.greater(alive, died, out=alive)  # alive and not died
        if details:
            responses += respond.sum(axis=1)
            probes += climb.sum(axis=1)
    cumulative = np.cumsum(deaths, axis=1) / n_runs

    p_nuclear = cumulative[:, -1].copy()
    if details:
        final = np.stack([(alive & (rung == k)).mean(axis=1) for k in range(top + 1)] + [(~alive).mean(axis=1)], axis=1)
    else:
        final = np.zeros((len(chosen), top + 2))
    return LadderSimulation(
        policies=chosen,
        p_nuclear=p_nuclear,
        standard_error=np.sqrt(p_nuclear * (1 - p_nuclear) / n_runs),
        cumulative=cumulative,
        final_rungs=final,
        responses=responses / n_runs,
        probes=probes / n_runs,
        runs=n_runs,
        periods=n_periods,
        seed=int(seed),
        nuclear=~alive,
        response_dice=smallest_die,
    )


def ladder(
    lr_quiet=0.82,
    lr_response=1.73,
    response_risk=0.01,
    *,
    policies: Sequence = POLICIES,
    thresholds: Sequence[float] = THRESHOLDS,
    jump_risk: Sequence[float] = JUMP_RISK,
    p_resolute: float = P_RESOLUTE,
    prior_mean: float = 0.5,
    prior_concentration: float = 10.0,
    runs: int = 5000,
    periods: int = 24,
    seed: int = 0,
    silence: str = "probes",
) -> pd.Series:
    """P(nuclear use) (probability, 0–1) within ``periods`` periods under
    each NATO response policy: the escalation-ladder Monte Carlo of
    the course design, ``runs`` runs, vectorised over runs and policies (a
    loop over periods only).

    Each run draws Russia's initial belief that NATO is resolute from a
    Beta distribution (mean ``prior_mean``, concentration α + β =
    ``prior_concentration``) and, once, whether NATO is resolute
    (probability ``p_resolute``). Then, each period, in this order:

    1. Russia climbs one rung (a probe) if its belief P(R) is below
       θ_{k+1} (``thresholds``; rung 4 is the top of deliberate climbing:
       nuclear use comes only by accident or from a response);
    2. at the rung it stands on, nuclear use by inadvertent jump with
       probability r_k (``jump_risk``);
    3. a resolute NATO answers a probe that reaches its policy's rung k* or
       above: the state goes back one rung, Russia's odds on R are
       multiplied by LR_resp (``lr_response``), and the response itself
       leads to nuclear use with probability r_resp (``response_risk``);
    4. a probe met with silence (no response) multiplies Russia's odds on R
       by LR_quiet (``lr_quiet``); a period without a probe tells Russia
       nothing (``silence="periods"``: every period without a response
       multiplies them by LR_quiet).

    ``policies``: the rungs k* to compare (1–4) or ``None`` for never
    respond. The defaults of LR_quiet, LR_resp and r_resp are the neutral
    preset's: halfway, on a log scale, between the K-leaning (0.67, 3,
    0.002) and the P-leaning (1, 1, 0.05) values of the course design.
    Returns a Series indexed by policy in words, named "P(nuclear use)";
    :func:`ladder_simulation` returns the details.

    Where the design leaves choices open, these reproduce its worked
    example: silence counts only when Russia probed (with
    ``silence="periods"`` "never respond" reaches 0.61 for the K-leaning
    reader, not 0.106); NATO is resolute in a share ``p_resolute`` = 0.7 of
    runs and an irresolute NATO never responds (with ``p_resolute=1`` the
    K-leaning "respond from rung 1" gives 0.002, not 0.033); the jump is
    checked on the rung Russia climbed to, before NATO answers; a response
    answers the probe in the same period. With the default seed:

    >>> ladder(0.67, 3.0, 0.002).round(3).tolist()   # K-leaning; design: 0.033, 0.038, 0.050, 0.106
    [0.034, 0.04, 0.052, 0.108]
    >>> ladder(1.0, 1.0, 0.05).round(3).tolist()     # P-leaning; design: 0.33, 0.15, 0.044, 0.027
    [0.331, 0.153, 0.046, 0.028]
    """
    simulation = ladder_simulation(
        lr_quiet, lr_response, response_risk, policies=policies, thresholds=thresholds, jump_risk=jump_risk,
        p_resolute=p_resolute, prior_mean=prior_mean, prior_concentration=prior_concentration,
        runs=runs, periods=periods, seed=seed, silence=silence, details=False,
    )
    return pd.Series(simulation.p_nuclear, index=pd.Index(simulation.labels, name="policy"), name="P(nuclear use)")


@dataclass(frozen=True)
class ResponseRiskCurve:
    """P(nuclear use) of each response policy for every response risk
    r_resp at once, from one run of the ladder (see
    :func:`response_risk_curve`).

    ``jumps``: whether a run went nuclear by an inadvertent jump (no response
    having gone nuclear first), shape (policies, runs); ``response_dice``:
    the smallest die thrown for a response before that (inf: none).
    """

    policies: tuple
    jumps: np.ndarray
    response_dice: np.ndarray
    runs: int
    seed: int

    @property
    def labels(self) -> list[str]:
        """The policies in words."""
        return [policy_label(p) for p in self.policies]

    def nuclear_counts(self, response_risk: float) -> np.ndarray:
        """Runs that end in nuclear use at response risk ``response_risk``, per policy."""
        r = float(check_probability("response_risk", response_risk))
        return (self.jumps | (self.response_dice < r)).sum(axis=1)

    def p_nuclear(self, response_risk: float) -> pd.Series:
        """P(nuclear use) per policy at ``response_risk``: exactly what
        :func:`ladder` returns for the same arguments and seed."""
        return pd.Series(
            self.nuclear_counts(response_risk) / self.runs, index=pd.Index(self.labels, name="policy"), name="P(nuclear use)"
        )

    def table(self, response_risks) -> pd.DataFrame:
        """P(nuclear use): one row per response risk, one column per policy."""
        risks = np.atleast_1d(check_probability("response_risks", response_risks))
        rows = [(self.jumps | (self.response_dice < r)).sum(axis=1) / self.runs for r in risks]
        return pd.DataFrame(rows, index=pd.Index(risks, name="response risk"), columns=pd.Index(self.labels, name="policy"))

    def flip_risk(self, policy: int | None) -> float:
        """The response risk above which responding from rung ``policy`` is
        riskier than never responding (and at or below which it is as safe
        or safer): 0.0 if it is riskier even when responses themselves never
        go nuclear, 1.0 if it stays safer whatever the response risk. For
        ``None`` (never respond): the largest of the responding policies'
        flip risks, the response risk below which some responding policy is
        safer than never responding (0.0 if none ever is). Needs "never
        respond" among the policies."""
        if None not in self.policies:
            raise ValueError("flip_risk compares with never responding: the curve's policies must include None")
        never = int(self.jumps[self.policies.index(None)].sum())
        if policy is None:
            flips = [self.flip_risk(p) for p in self.policies if p is not None]
            return max((f for f in flips), default=0.0)
        if policy not in self.policies:
            raise ValueError(f"policy={policy!r}: not among the curve's policies {self.policies}")
        row = self.policies.index(policy)
        jumps = self.jumps[row]
        # P(r) = (jumps + #{dice < r}) / runs rises in steps; it passes the
        # never-respond count at the (never − jumps + 1)-th smallest die.
        needed = never - int(jumps.sum()) + 1
        if needed <= 0:
            return 0.0
        dice = np.sort(self.response_dice[row][~jumps])
        dice = dice[np.isfinite(dice)]
        return float(dice[needed - 1]) if needed <= dice.size else 1.0


def response_risk_curve(lr_quiet=0.82, lr_response=1.73, **arguments) -> ResponseRiskCurve:
    """The ladder's P(nuclear use) for every response risk r_resp at once:
    one run of :func:`ladder_simulation` with r_resp = 0 that records, per
    run, whether an inadvertent jump ended it and the smallest die thrown for
    a NATO response before that. With common random numbers a run is the
    same up to its first response whose die falls below r_resp, so at
    response risk r it ends in nuclear use iff it jumped or that smallest die
    is below r: ``curve.p_nuclear(r)`` equals ``ladder(lr_quiet,
    lr_response, r)`` exactly, for any r, without a new simulation (a panel
    recomputes nothing when only r_resp moves), and ``curve.flip_risk(k)``
    is the response risk at which responding from rung k stops being safer
    than never responding. ``arguments``: the keyword arguments of
    :func:`ladder` other than ``response_risk``.

    >>> curve = response_risk_curve(0.67, 3.0)
    >>> curve.p_nuclear(0.002).round(3).tolist()   # = ladder(0.67, 3.0, 0.002)
    [0.034, 0.04, 0.052, 0.108]
    >>> round(curve.flip_risk(1), 3)   # responding from rung 1 stays safer than never responding up to this r_resp
    0.152
    """
    if "response_risk" in arguments:
        raise ValueError("response_risk: not an argument of response_risk_curve (the curve covers every response risk)")
    simulation = ladder_simulation(lr_quiet, lr_response, 0.0, details=False, response_dice=True, **arguments)
    return ResponseRiskCurve(
        policies=simulation.policies, jumps=simulation.nuclear, response_dice=simulation.response_dice,
        runs=simulation.runs, seed=simulation.seed,
    )


# --- Monte Carlo of uncertain inputs and the tornado ------------------------------

#: How a "low to high" 90% range becomes a distribution: "auto" (normal if
#: low ≤ 0, else lognormal), "normal", "lognormal", "uniform" (flat between
#: low and high) or "beta" (mean and sd of the normal reading, for
#: probabilities strictly inside (0, 1)).
DISTRIBUTIONS = ("auto", "normal", "lognormal", "uniform", "beta")


def _range(name: str, value) -> tuple[float, float]:
    try:
        low, high = (float(v) for v in value)
    except (TypeError, ValueError):
        raise ValueError(f"ranges[{name!r}]={value!r}: expected a (low, high) pair of numbers, a 90% interval") from None
    if not (math.isfinite(low) and math.isfinite(high)) or low >= high:
        raise ValueError(f"ranges[{name!r}]={value!r}: expected finite numbers with low < high")
    return low, high


def _kind(name: str, low: float, high: float, distribution: str) -> str:
    check_choice(f"distributions[{name!r}]", distribution, DISTRIBUTIONS)
    kind = distribution if distribution != "auto" else ("normal" if low <= 0 else "lognormal")
    if kind == "lognormal" and low <= 0:
        raise ValueError(f"ranges[{name!r}] = ({low:g}, {high:g}): a lognormal range needs low > 0")
    if kind == "beta":
        if not 0 < low < high < 1:
            raise ValueError(f"ranges[{name!r}] = ({low:g}, {high:g}): a beta range needs 0 < low < high < 1")
        mean, sd = (low + high) / 2, (high - low) / (2 * Z90)
        if sd**2 >= mean * (1 - mean):
            raise ValueError(f"ranges[{name!r}] = ({low:g}, {high:g}): too wide for a beta distribution with that mean")
    return kind


def _beta_parameters(low: float, high: float) -> tuple[float, float]:
    mean, sd = (low + high) / 2, (high - low) / (2 * Z90)
    common = mean * (1 - mean) / sd**2 - 1
    return mean * common, (1 - mean) * common


def _beta_quantiles(a: float, b: float, probabilities: np.ndarray) -> np.ndarray:
    # No scipy: integrate the density on a fine grid (error < 1e-4 here).
    grid = np.linspace(0.0, 1.0, 20001)[1:-1]
    log_density = (a - 1) * np.log(grid) + (b - 1) * np.log1p(-grid)
    density = np.exp(log_density - log_density.max())
    cdf = np.concatenate([[0.0], np.cumsum((density[1:] + density[:-1]) / 2)])
    cdf /= cdf[-1]
    return np.interp(probabilities, cdf, grid)


def _checked_ranges(ranges: Mapping, distributions: Mapping | None) -> dict[str, tuple[float, float, str]]:
    if not isinstance(ranges, Mapping) or not ranges:
        raise ValueError(f"ranges={ranges!r}: expected a non-empty mapping of input name -> (low, high)")
    distributions = dict(distributions or {})
    unknown = set(distributions) - set(ranges)
    if unknown:
        raise ValueError(f"distributions: {sorted(unknown)} not among the ranges' inputs ({', '.join(ranges)})")
    checked = {}
    for name, value in ranges.items():
        low, high = _range(name, value)
        checked[name] = (low, high, _kind(name, low, high, distributions.get(name, "auto")))
    return checked


def input_quantiles(ranges: Mapping, probabilities=(0.05, 0.5, 0.95), distributions: Mapping | None = None) -> pd.DataFrame:
    """The quantiles of each input's distribution (rows: inputs, columns: the
    probabilities). For normal and lognormal inputs the 5% and 95% quantiles
    are the range's low and high, the median is their mean (normal) or
    geometric mean (lognormal).

    >>> input_quantiles({"loss": (5, 50)}).round(2).loc["loss"].tolist()
    [5.0, 15.81, 50.0]
    """
    checked = _checked_ranges(ranges, distributions)
    q = check_probability("probabilities", list(np.atleast_1d(probabilities)))
    return pd.DataFrame(_quantiles(checked, q), index=pd.Index(q, name="probability")).T


def _quantiles(checked: dict, q: np.ndarray) -> dict[str, np.ndarray]:
    z = _normal_quantile(q)
    result = {}
    for name, (low, high, kind) in checked.items():
        if kind == "normal":
            mean = (low + high) / 2
            result[name] = mean + z * (high - mean) / Z90
        elif kind == "lognormal":
            mu, sigma = (math.log(low) + math.log(high)) / 2, (math.log(high) - math.log(low)) / (2 * Z90)
            result[name] = np.exp(mu + z * sigma)
        elif kind == "uniform":
            result[name] = low + q * (high - low)
        else:
            result[name] = _beta_quantiles(*_beta_parameters(low, high), q)
    return result


def _normal_quantile(q: np.ndarray) -> np.ndarray:
    """Standard normal quantiles (Acklam's rational approximation, |error| < 1.2e-9;
    exact ±1.645 at 5% and 95% by symmetry of the formula's use below)."""
    q = np.asarray(q, dtype=float)
    a = (-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02, 1.383577518672690e02, -3.066479806614716e01, 2.506628277459239e00)
    b = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02, 6.680131188771972e01, -1.328068155288572e01)
    c = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00, -2.549732539343734e00, 4.374664141464968e00, 2.938163982698783e00)
    d = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00, 3.754408661907416e00)
    out = np.empty_like(q)
    low, high = q < 0.02425, q > 1 - 0.02425
    mid = ~(low | high)
    r = q[mid] - 0.5
    s = r * r
    out[mid] = (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1)
    for mask, sign, p in ((low, 1.0, q[low]), (high, -1.0, 1 - q[high])):
        with np.errstate(divide="ignore"):
            t = np.sqrt(-2 * np.log(p))
        out[mask] = sign * (((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) / ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1)
    # Snap the two quantiles every 90% range uses to the exact value.
    out[np.isclose(q, 0.05)] = -Z90
    out[np.isclose(q, 0.95)] = Z90
    out[q == 0.5] = 0.0
    return out


def sample_inputs(ranges: Mapping, n: int = 5000, seed: int = 0, distributions: Mapping | None = None) -> pd.DataFrame:
    """``n`` seeded samples of each input (columns, in the order of
    ``ranges``), each (low, high) read as a 90% interval: normal (mean
    (lo + hi)/2, sd (hi − mean)/1.645) if low ≤ 0, else lognormal
    (μ = (ln lo + ln hi)/2, σ = (ln hi − ln lo)/(2·1.645)); ``distributions``
    may name "uniform" or "beta" for an input instead. Same seed, same samples.

    >>> sample_inputs({"loss": (5, 50)}, n=3).round(2)["loss"].tolist()
    [17.27, 14.41, 24.75]
    """
    checked = _checked_ranges(ranges, distributions)
    count = check_count("n", n)
    rng = np.random.default_rng(seed)
    columns = {}
    for name, (low, high, kind) in checked.items():
        if kind == "normal":
            mean = (low + high) / 2
            columns[name] = mean + (high - mean) / Z90 * rng.standard_normal(count)
        elif kind == "lognormal":
            mu, sigma = (math.log(low) + math.log(high)) / 2, (math.log(high) - math.log(low)) / (2 * Z90)
            columns[name] = np.exp(mu + sigma * rng.standard_normal(count))
        elif kind == "uniform":
            columns[name] = rng.uniform(low, high, count)
        else:
            columns[name] = rng.beta(*_beta_parameters(low, high), count)
    return pd.DataFrame(columns)


def _check_model_inputs(model: Callable, names) -> None:
    try:
        parameters = inspect.signature(model).parameters
    except (TypeError, ValueError):
        return
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        return
    unknown = [n for n in names if n not in parameters]
    if unknown:
        allowed = ", ".join(n for n, p in parameters.items() if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY))
        raise ValueError(f"ranges: {', '.join(map(repr, unknown))} is not an input of {getattr(model, '__name__', 'the model')}; allowed: {allowed}")


@dataclass(frozen=True)
class MonteCarlo:
    """A Monte Carlo of uncertain inputs: the ``samples`` (one column per
    input), the model's ``output`` per sample, and summaries."""

    samples: pd.DataFrame
    output: np.ndarray

    @property
    def p_positive(self) -> float:
        """Share of samples with output > 0 (for EU_I − EU_R: P(intervention preferred))."""
        return float(np.mean(self.output > 0))

    def quantiles(self, probabilities=(0.05, 0.5, 0.95)) -> pd.Series:
        """Quantiles of the output."""
        return pd.Series(np.quantile(self.output, probabilities), index=pd.Index(probabilities, name="probability"), name="output")


def _clip_bounds(model: Callable, clip: Mapping | None) -> dict[str, tuple[float, float]]:
    """Bounds to cap samples at: ``clip`` if given, else [0, 1] for the
    probabilities of :func:`utility_difference` (a lognormal 90% range such as
    0.1–0.5 puts about one sample in a thousand above 1)."""
    if clip is not None:
        return {name: _range(name, bounds) for name, bounds in clip.items()}
    if model is utility_difference:
        return {name: (0.0, 1.0) for name in PROBABILITY_INPUTS}
    return {}


def monte_carlo(
    ranges: Mapping, model: Callable = utility_difference, n: int = 5000, seed: int = 0,
    distributions: Mapping | None = None, clip: Mapping | None = None,
) -> MonteCarlo:
    """Sample every input from its 90% range (:func:`sample_inputs`) and
    evaluate ``model`` (vectorised; default :func:`utility_difference`,
    EU_I − EU_R) on the samples. Inputs not in ``ranges`` keep the model's
    defaults. Samples are capped at ``clip`` (input → (low, high)); by
    default the probabilities of :func:`utility_difference` at [0, 1].

    >>> ranges = {"p_nuclear_intervention": (0.02, 0.30), "p_nuclear_restraint": (0.01, 0.10),
    ...           "loss": (5, 50), "delta_benefit": (0.1, 0.6), "delta_reputation": (0.01, 0.5)}
    >>> round(monte_carlo(ranges).p_positive, 2)
    0.42
    """
    checked = _checked_ranges(ranges, distributions)
    _check_model_inputs(model, checked)
    samples = sample_inputs(ranges, n, seed, distributions)
    for name, (low, high) in _clip_bounds(model, clip).items():
        if name in samples:
            samples[name] = samples[name].clip(low, high)
    output = np.asarray(model(**{name: samples[name].to_numpy() for name in samples.columns}), dtype=float)
    return MonteCarlo(samples=samples, output=np.broadcast_to(output, (len(samples),)).copy())


def p_intervention_preferred(ranges: Mapping, n: int = 5000, seed: int = 0, distributions: Mapping | None = None) -> float:
    """P(EU_I − EU_R > 0) under uncertain inputs (:func:`monte_carlo` of
    :func:`utility_difference`).

    >>> round(p_intervention_preferred({"p_nuclear_intervention": (0.02, 0.30), "p_nuclear_restraint": (0.01, 0.10),
    ...     "loss": (5, 50), "delta_benefit": (0.1, 0.6), "delta_reputation": (0.01, 0.5)}), 2)
    0.42
    """
    return monte_carlo(ranges, utility_difference, n, seed, distributions).p_positive


def tornado(ranges: Mapping, model: Callable = utility_difference, distributions: Mapping | None = None, clip: Mapping | None = None) -> pd.DataFrame:
    """One-way sensitivity: with every input at its median, each input in
    turn goes to its 5th and 95th percentile. One row per input, largest
    ``|swing|`` first: ``low`` and ``high`` (the input's p5 and p95),
    ``output_low`` and ``output_high`` (the model there), ``swing`` =
    output_high − output_low, and ``base`` (the output with all inputs at
    their medians). Quantiles are capped like the samples of
    :func:`monte_carlo` (``clip``). ``model`` must be vectorised (it is
    called once, on all the settings). No randomness.

    >>> ranges = {"p_nuclear_intervention": (0.02, 0.30), "p_nuclear_restraint": (0.01, 0.10),
    ...           "loss": (5, 50), "delta_benefit": (0.1, 0.6), "delta_reputation": (0.01, 0.5)}
    >>> tornado(ranges)["input"].tolist()
    ['p_nuclear_intervention', 'loss', 'p_nuclear_restraint', 'delta_benefit', 'delta_reputation']
    """
    checked = _checked_ranges(ranges, distributions)
    _check_model_inputs(model, checked)
    quantiles = _quantiles(checked, np.array([0.05, 0.5, 0.95]))
    for name, (low, high) in _clip_bounds(model, clip).items():
        if name in quantiles:
            quantiles[name] = np.clip(quantiles[name], low, high)
    names = list(checked)
    # One vectorised call: row 0 all medians, then each input at its p5 and at its p95.
    columns = {name: np.full(1 + 2 * len(names), quantiles[name][1]) for name in names}
    for i, name in enumerate(names):
        columns[name][1 + 2 * i] = quantiles[name][0]
        columns[name][2 + 2 * i] = quantiles[name][2]
    output = np.broadcast_to(np.asarray(model(**columns), dtype=float), (1 + 2 * len(names),))
    table = pd.DataFrame(
        {
            "input": names,
            "low": [quantiles[n][0] for n in names],
            "high": [quantiles[n][2] for n in names],
            "output_low": output[1::2],
            "output_high": output[2::2],
        }
    )
    table["swing"] = table["output_high"] - table["output_low"]
    table["base"] = float(output[0])
    order = np.argsort(-np.abs(table["swing"].to_numpy()), kind="stable")
    return table.iloc[order].reset_index(drop=True)


def regression_sensitivity(result: MonteCarlo) -> pd.Series:
    """Per input, the r² of a straight-line regression of the output on that
    input alone (0–1: the share of the output's variance it explains),
    largest first.

    >>> ranges = {"p_nuclear_intervention": (0.02, 0.30), "p_nuclear_restraint": (0.01, 0.10),
    ...           "loss": (5, 50), "delta_benefit": (0.1, 0.6)}
    >>> regression_sensitivity(monte_carlo(ranges, utility_difference)).index[0]
    'p_nuclear_intervention'
    """
    output = result.output
    values = {}
    for name in result.samples.columns:
        x = result.samples[name].to_numpy()
        if np.std(x) == 0 or np.std(output) == 0:
            values[name] = 0.0
        else:
            values[name] = float(np.corrcoef(x, output)[0, 1] ** 2)
    return pd.Series(values, name="r²").sort_values(ascending=False)


# --- presets ------------------------------------------------------------------


def preset(name: str, function: str = "decision_threshold") -> dict:
    """The keyword arguments under preset ``"K"``, ``"P"`` or ``"neutral"``
    (``data/model_presets.csv``) of :func:`decision_threshold` (default),
    :func:`decide` (the same plus π_I and π_R), :func:`ladder` (LR_quiet,
    LR_resp, r_resp) or :func:`monte_carlo` / :func:`tornado`
    (``{"ranges": {input: (low, high)}}``).

    >>> preset("K", "ladder")
    {'lr_quiet': 0.67, 'lr_response': 3.0, 'response_risk': 0.002}
    """
    check_choice("function", function, ("decision_threshold", "decide", "ladder", "monte_carlo", "tornado"))
    if function in ("decision_threshold", "decide"):
        arguments = preset_arguments(PRESET_MODELS["decision"], name)
        if function == "decision_threshold":
            arguments = {k: arguments[k] for k in ("delta_benefit", "loss", "delta_reputation")}
        return arguments
    if function == "ladder":
        return preset_arguments(PRESET_MODELS["ladder"], name)
    return {"ranges": preset_arguments(PRESET_MODELS["monte_carlo"], name)}


def preset_table(name: str | None = None) -> pd.DataFrame:
    """The preset rows of this lesson's models, for one preset or all.

    >>> sorted(set(preset_table()["model"]))
    ['escalation.decision', 'escalation.ladder', 'escalation.monte_carlo']
    """
    rows = pd.concat([preset_rows(model) for model in PRESET_MODELS.values()], ignore_index=True)
    if name is not None:
        rows = rows[rows["preset"] == check_preset_name(name)].reset_index(drop=True)
    return rows


def preset_results(seed: int = 0) -> pd.DataFrame:
    """Per preset: the decision tree (threshold Δπ*, Δπ, margin, intervene),
    P(intervention preferred) under the preset's uncertain inputs, and the
    ladder's P(nuclear use) per policy with the policy of least risk.

    >>> list(preset_results().index)
    ['K', 'P', 'neutral']
    """
    rows = {}
    for name in ("K", "P", "neutral"):
        decision = decide(**preset(name, "decide"))
        risks = ladder(**preset(name, "ladder"), seed=seed)
        rows[name] = {
            "threshold": decision["threshold"],
            "delta_p": decision["delta_p"],
            "margin": decision["margin"],
            "intervene": decision["intervene"],
            "P(intervention preferred)": monte_carlo(**preset(name, "monte_carlo"), seed=seed).p_positive,
            **{label: value for label, value in risks.items()},
            "safest policy": risks.idxmin(),
        }
    table = pd.DataFrame(rows).T
    table.index.name = "preset"
    return table


#: The conclusion a reader reaches: (intervention preferred?, is the safest ladder policy a response?).
CONCLUSIONS = {
    (True, True): "intervene; answer probes early (Kagan)",
    (False, False): "restrain; never answer (Petrovics)",
    (False, True): "restrain in Ukraine; answer probes (between)",
    (True, False): "intervene in Ukraine; never answer probes (between)",
}


def preset_verdicts(seed: int = 0) -> pd.DataFrame:
    """The lesson's side-by-side table, one column per preset (K, P,
    neutral): the decision tree's inputs, threshold Δπ*, added risk Δπ,
    verdict and where it flips (π_I*), P(intervention preferred) under the
    preset's uncertain inputs, the ladder's three numbers, P(nuclear use)
    when NATO answers from rung 1 and when it never answers, the safest
    policy, the response risk up to which answering from rung 1 stays safer
    than silence, and the conclusion reached. Rounded to 4 places.

    >>> preset_verdicts().loc["conclusion"].tolist()
    ['intervene; answer probes early (Kagan)', 'restrain; never answer (Petrovics)', 'restrain in Ukraine; answer probes (between)']
    """
    columns = {}
    for name in ("K", "P", "neutral"):
        tree = preset(name, "decide")
        decision, flips = decide(**tree), decision_flips(**tree)
        assumptions = preset(name, "ladder")
        curve = response_risk_curve(assumptions["lr_quiet"], assumptions["lr_response"], seed=seed)
        risks = curve.p_nuclear(assumptions["response_risk"])
        safest = risks.idxmin()
        columns[name] = {
            "π_I (intervene)": tree["p_nuclear_intervention"],
            "π_R (restrain)": tree["p_nuclear_restraint"],
            "ΔB + ΔRep (stake)": round(tree["delta_benefit"] + tree["delta_reputation"], 4),
            "L (stakes)": tree["loss"],
            "threshold Δπ*": round(float(decision["threshold"]), 4),
            "added risk Δπ = π_I − π_R": round(float(decision["delta_p"]), 4),
            "decision tree": "intervene" if decision["intervene"] else "restrain",
            "flips at π_I": round(flips["p_nuclear_intervention"], 4),
            "P(intervention preferred), uncertain inputs": round(monte_carlo(**preset(name, "monte_carlo"), seed=seed).p_positive, 4),
            "LR quiet": assumptions["lr_quiet"],
            "LR response": assumptions["lr_response"],
            "response risk": assumptions["response_risk"],
            "P(nuclear use), respond from rung 1": round(float(risks[policy_label(1)]), 4),
            "P(nuclear use), never respond": round(float(risks[policy_label(None)]), 4),
            "safest ladder policy": safest,
            "rung 1 safer than silence while response risk ≤": round(curve.flip_risk(1), 4),
            "conclusion": CONCLUSIONS[(bool(decision["intervene"]), safest != policy_label(None))],
        }
    table = pd.DataFrame(columns)
    table.columns.name = "preset"
    return table


def preset_swaps(function: str = "decide", seed: int = 0) -> pd.DataFrame:
    """Which single input decides? For each argument of ``function``
    (``"decide"``, the decision tree, or ``"ladder"``): the verdict of the
    K preset with that one value taken from the P preset, and of the P
    preset with that one value taken from K ("intervene"/"restrain", or the
    safest ladder policy). The first row is the presets as they are.

    >>> preset_swaps("decide").loc["p_nuclear_intervention"].tolist()
    ['restrain', 'intervene']
    """
    check_choice("function", function, ("decide", "ladder"))
    k, p = preset("K", function), preset("P", function)

    def verdict(arguments: dict) -> str:
        if function == "decide":
            return "intervene" if decide(**arguments)["intervene"] else "restrain"
        return str(ladder(**arguments, seed=seed).idxmin())

    rows = {"(the presets as they are)": {"K with P's value": verdict(k), "P with K's value": verdict(p)}}
    for name in k:
        rows[name] = {"K with P's value": verdict({**k, name: p[name]}), "P with K's value": verdict({**p, name: k[name]})}
    table = pd.DataFrame(rows).T
    table.index.name = "input swapped"
    return table

