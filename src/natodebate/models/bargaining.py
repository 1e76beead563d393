"""Lesson 05 — bargaining in the shadow of intervention (Fearon,
"Rationalist Explanations for War", International Organization 49:3, 1995).

The stake is normalised to [0, 1]; x is Russia's share of it. Russia wins a
war with probability p; war costs Russia c_R and Ukraine c_U (shares of the
stake). War payoffs: Russia p − c_R, Ukraine 1 − p − c_U. Every deal in the
**bargaining range** leaves both better off than war:

    x ∈ [p − c_R, p + c_U]          (width c_R + c_U)

With Russia's belief q (0–1) that NATO intervenes, Russia's chances and,
optionally, its costs of war move with q:

    p(q)   = q·p_I + (1 − q)·p_N
    c_R(q) = c_R0 + q·Δc_R          (Δc_R = ``cost_increase``, 0 by default)

**Mutual optimism**: if Russia's own estimate p^R of its chances exceeds
Ukraine's (and NATO's) estimate p^U by more than the two costs, no deal
satisfies both and there is war:

    war  ⇔  p^R − p^U > c_R + c_U

All quantities are unitless shares or probabilities; the range itself is not
clipped to [0, 1] (so its width is always c_R + c_U; a low end below 0
means Russia would accept anything rather than fight). Functions broadcast
over array arguments; scalars give floats.

Worked example (the course design): p_N = 0.6, p_I = 0.1, c_R = 0.10,
c_U = 0.15: q = 0.05 → p = 0.575, range [0.475, 0.725]; q = 0.20 → p = 0.50,
[0.40, 0.65]; q = 0.60 → p = 0.30, [0.20, 0.45]. Optimism 0.7 vs 0.4: a gap
of 0.30 > 0.25 → war.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._presets import check_preset_name, preset_arguments, preset_rows
from .validators import check_choice, check_nonnegative, check_probability, scalar_or_array

__all__ = [
    "win_probability",
    "russia_cost",
    "bargaining_range",
    "range_table",
    "optimism_gap",
    "mutual_optimism",
    "threat_effect",
    "optimism_war",
    "optimism_threshold",
    "range_curve",
    "preset",
    "preset_table",
    "preset_results",
    "preset_verdicts",
    "panel_arguments",
]

#: Which function each preset row parameterises (model column of model_presets.csv).
PRESET_MODELS = {"threat_effect": "bargaining.threat_effect", "mutual_optimism": "bargaining.mutual_optimism"}


def win_probability(p_no_intervention, p_intervention, q):
    """Russia's probability of winning a war, p(q) = q·p_I + (1 − q)·p_N
    (0–1), when it believes NATO intervenes with probability ``q``.

    >>> round(win_probability(0.6, 0.1, 0.2), 3)
    0.5
    """
    p_n = check_probability("p_no_intervention", p_no_intervention)
    p_i = check_probability("p_intervention", p_intervention)
    belief = check_probability("q", q)
    return scalar_or_array(belief * p_i + (1 - belief) * p_n)


def russia_cost(cost_russia, q, cost_increase=0.0):
    """Russia's cost of war c_R(q) = c_R0 + q·Δc_R (share of the stake, ≥ 0).
    A negative ``cost_increase`` lets intervention *lower* Russia's costs (a
    rally round the flag); the result must stay ≥ 0.

    >>> round(russia_cost(0.10, 0.5, 0.2), 3)
    0.2
    """
    c0 = check_nonnegative("cost_russia", cost_russia, "share of the stake")
    belief = check_probability("q", q)
    try:
        delta = np.asarray(cost_increase, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"cost_increase = {cost_increase!r}: must be a number (share of the stake)") from None
    if not np.all(np.isfinite(delta)):
        raise ValueError(f"cost_increase = {cost_increase!r}: must be a finite number (share of the stake)")
    cost = c0 + belief * delta
    if np.any(cost < 0):
        raise ValueError(
            f"cost_russia + q·cost_increase = {np.min(cost):.3g} < 0: Russia's cost of war must stay ≥ 0 "
            f"(cost_russia = {cost_russia!r}, cost_increase = {cost_increase!r})"
        )
    return scalar_or_array(cost)


def bargaining_range(p_no_intervention, p_intervention, cost_russia, cost_ukraine, q, *, cost_increase=0.0):
    """The bargaining range ``(low, high)`` of Russia's share x of the stake:
    every deal in [p(q) − c_R(q), p(q) + c_U] leaves both sides better off
    than war (Fearon 1995). p(q) = q·p_I + (1 − q)·p_N; c_R(q) = c_R0 +
    q·Δc_R with Δc_R = ``cost_increase`` (default 0). The width is always
    c_R(q) + c_U. Array arguments broadcast; scalars give floats.

    >>> low, high = bargaining_range(0.6, 0.1, 0.10, 0.15, q=0.05)
    >>> round(low, 3), round(high, 3)
    (0.475, 0.725)
    >>> [round(v, 2) for v in bargaining_range(0.6, 0.1, 0.10, 0.15, q=0.60)]
    [0.2, 0.45]
    """
    p = np.asarray(win_probability(p_no_intervention, p_intervention, q))
    c_r = np.asarray(russia_cost(cost_russia, q, cost_increase))
    c_u = check_nonnegative("cost_ukraine", cost_ukraine, "share of the stake")
    return scalar_or_array(p - c_r), scalar_or_array(p + c_u)


def range_table(p_no_intervention, p_intervention, cost_russia, cost_ukraine, q=(0.05, 0.2, 0.6), *, cost_increase=0.0) -> pd.DataFrame:
    """The range for several beliefs ``q``: one row per q with Russia's win
    probability ``p``, its cost ``cost_russia``, ``low``, ``high`` and the
    ``midpoint`` of the range (all shares of the stake, 0–1 scale).

    >>> range_table(0.6, 0.1, 0.10, 0.15).round(3).loc[0.2].tolist()
    [0.5, 0.1, 0.4, 0.65, 0.525]
    """
    beliefs = check_probability("q", list(np.atleast_1d(q)))
    low, high = bargaining_range(p_no_intervention, p_intervention, cost_russia, cost_ukraine, beliefs, cost_increase=cost_increase)
    table = pd.DataFrame(
        {
            "p": np.asarray(win_probability(p_no_intervention, p_intervention, beliefs)) * np.ones_like(beliefs),
            "cost_russia": np.asarray(russia_cost(cost_russia, beliefs, cost_increase)) * np.ones_like(beliefs),
            "low": low,
            "high": high,
        },
        index=pd.Index(beliefs, name="q"),
    )
    table["midpoint"] = (table["low"] + table["high"]) / 2
    return table


def optimism_gap(p_russia, p_ukraine):
    """p^R − p^U: how much more Russia expects to win than Ukraine (and NATO)
    think it will (probability points, −1 to 1).

    >>> round(optimism_gap(0.7, 0.4), 2)
    0.3
    """
    return scalar_or_array(check_probability("p_russia", p_russia) - check_probability("p_ukraine", p_ukraine))


def mutual_optimism(p_russia, p_ukraine, cost_russia, cost_ukraine):
    """War by mutual optimism: ``True`` iff p^R − p^U > c_R + c_U, i.e. the
    deal Russia expects to win by fighting is worth more to it than any deal
    Ukraine would accept rather than fight (bool or bool array).

    >>> mutual_optimism(0.7, 0.4, 0.10, 0.15)
    True
    >>> mutual_optimism(0.6, 0.4, 0.10, 0.15)
    False
    """
    gap = np.asarray(optimism_gap(p_russia, p_ukraine))
    costs = check_nonnegative("cost_russia", cost_russia) + check_nonnegative("cost_ukraine", cost_ukraine)
    war = gap > costs
    return bool(war) if np.ndim(war) == 0 else war


def threat_effect(p_no_intervention, p_intervention, cost_russia, cost_ukraine, q, q_threat, *, cost_increase=0.0) -> dict:
    """How far a credible threat of intervention — Russia's belief raised from
    ``q`` (what restraint left it) to ``q_threat`` — moves the bargaining
    range: ``range`` and ``range_threat`` (low, high), ``shift`` = change of
    the midpoint (share of the stake; negative: Russia must settle for
    less), and ``high``/``high_threat``, the most Russia can get without war.
    Scalars only.

    >>> effect = threat_effect(0.6, 0.1, 0.10, 0.15, q=0.05, q_threat=0.6)
    >>> round(effect["shift"], 3)
    -0.275
    """
    before = bargaining_range(p_no_intervention, p_intervention, cost_russia, cost_ukraine, q, cost_increase=cost_increase)
    after = bargaining_range(p_no_intervention, p_intervention, cost_russia, cost_ukraine, q_threat, cost_increase=cost_increase)
    if any(np.ndim(v) for v in (*before, *after)):
        raise ValueError("threat_effect takes scalars; use bargaining_range() with arrays for curves")
    return {
        "range": before,
        "range_threat": after,
        "shift": (after[0] + after[1]) / 2 - (before[0] + before[1]) / 2,
        "high": before[1],
        "high_threat": after[1],
    }


def optimism_war(p_russia, p_ukraine, p_intervention, cost_russia, cost_ukraine, q, *, cost_increase=0.0):
    """War by mutual optimism when Russia believes NATO intervenes with
    probability ``q``. Each side estimates Russia's chances as in
    :func:`win_probability`, with its own chance if NATO stays out (Russia:
    ``p_russia``, Ukraine and NATO: ``p_ukraine``) and the same chance if
    NATO comes in (``p_intervention``: with NATO in the war, the outcome is
    clearer to both). War iff p^R(q) − p^U(q) > c_R(q) + c_U, i.e. iff
    (1 − q)·(p_russia − p_ukraine) > c_R0 + q·Δc_R + c_U. At q = 0 this is
    :func:`mutual_optimism`. Arrays broadcast (bool array); scalars give a bool.

    >>> optimism_war(0.7, 0.4, 0.1, 0.10, 0.15, q=0.0), optimism_war(0.7, 0.4, 0.1, 0.10, 0.15, q=0.5)
    (True, False)
    """
    war = _optimism_slack(p_russia, p_ukraine, p_intervention, cost_russia, cost_ukraine, q, cost_increase) > 0
    return bool(war) if np.ndim(war) == 0 else war


def _optimism_gap(p_russia, p_ukraine):
    """p^R − p^U, where a difference below the smallest normal float
    (about 2.2e-308) counts as none: two probabilities that close are the
    same, and (1 − q)·gap would underflow to 0 on a curve while q* = A/B
    still saw the gap, so the two would disagree."""
    gap = np.asarray(check_probability("p_russia", p_russia), dtype=float) - check_probability("p_ukraine", p_ukraine)
    return np.where(np.abs(gap) < np.finfo(float).tiny, 0.0, gap)


def _optimism_slack(p_russia, p_ukraine, p_intervention, cost_russia, cost_ukraine, q, cost_increase):
    """(1 − q)·(p^R − p^U) − c_R(q) − c_U: > 0 means war by mutual optimism.
    Written with the gap factored out, not as p^R(q) − p^U(q): the shared
    q·p_I term cancels exactly, so a tiny gap beside a large p_I is not lost
    to rounding and the verdict agrees with :func:`optimism_threshold`."""
    gap = _optimism_gap(p_russia, p_ukraine)
    check_probability("p_intervention", p_intervention)
    belief = np.asarray(check_probability("q", q), dtype=float)
    return (1 - belief) * gap - russia_cost(cost_russia, belief, cost_increase) - check_nonnegative("cost_ukraine", cost_ukraine)


def optimism_threshold(p_russia, p_ukraine, p_intervention, cost_russia, cost_ukraine, *, cost_increase=0.0) -> dict:
    """Where the verdict of :func:`optimism_war` flips as Russia's belief q
    in intervention rises from 0 to 1 (scalars only): ``q`` is the belief q*
    in [0, 1] at which the optimism gap equals the costs of war (``None`` if
    the verdict is the same for every q), ``war_below`` says on which side of
    q* there is war (``True``: for q < q*, so a threat that raises Russia's
    belief above q* removes it), and ``war_at_0``/``war_at_1`` give the
    verdict at both ends. q* = A/B with A = p^R − p^U − c_R0 − c_U and
    B = p^R − p^U + Δc_R.

    >>> result = optimism_threshold(0.7, 0.4, 0.1, 0.10, 0.15)
    >>> round(result["q"], 3), result["war_below"]
    (0.167, True)
    """
    gap = float(_optimism_gap(p_russia, p_ukraine))
    check_probability("p_intervention", p_intervention)
    c0 = float(check_nonnegative("cost_russia", cost_russia, "share of the stake"))
    c_u = float(check_nonnegative("cost_ukraine", cost_ukraine, "share of the stake"))
    delta = float(russia_cost(cost_russia, 1.0, cost_increase)) - c0  # checks c_R(q) >= 0
    slack_at_0 = gap - c0 - c_u  # > 0: war at q = 0
    slope = gap + delta  # how fast the slack falls as q rises
    war_at_0, war_at_1 = slack_at_0 > 0, slack_at_0 - slope > 0
    flip = slack_at_0 / slope if slope != 0 else None
    if war_at_0 == war_at_1 or flip is None or not 0 <= flip <= 1:
        flip = None
    return {"q": flip, "war_below": bool(war_at_0 and not war_at_1), "war_at_0": bool(war_at_0), "war_at_1": bool(war_at_1)}


def range_curve(
    p_no_intervention, p_intervention, cost_russia, cost_ukraine, q, q_threat, p_russia, p_ukraine, *,
    cost_increase=0.0, points=101,
) -> dict:
    """Everything lesson 05's figure and readout show for one setting
    (scalars only): over ``beliefs`` (``points`` values of q from 0 to 1)
    the bargaining range ``low``/``high`` (:func:`bargaining_range`), what
    Russia demands to forgo war by its own estimate, ``demand`` = p^R(q) −
    c_R(q), and the most Ukraine offers by its own, ``offer`` = p^U(q) +
    c_U, and ``war`` (demand > offer: :func:`optimism_war`); ``threshold``
    (:func:`optimism_threshold`); and at the belief restraint left, ``q``,
    and under a credible threat, ``q_threat``: ``at_restraint`` and
    ``at_threat`` (each a dict with q, low, high, demand, offer, war), and
    ``shift``, the move of the range's midpoint (:func:`threat_effect`).

    >>> curve = range_curve(0.6, 0.1, 0.10, 0.15, q=0.05, q_threat=0.6, p_russia=0.7, p_ukraine=0.4)
    >>> curve["at_restraint"]["war"], curve["at_threat"]["war"], round(curve["threshold"]["q"], 3)
    (True, False, 0.167)
    """
    count = int(check_nonnegative("points", points, "number of beliefs on the curve"))
    if count < 2:
        raise ValueError(f"points={points!r}: need at least 2 beliefs to draw a curve")
    if any(np.ndim(v) for v in (p_no_intervention, p_intervention, cost_russia, cost_ukraine, q, q_threat, p_russia, p_ukraine)):
        raise ValueError("range_curve takes scalars; use bargaining_range() with arrays")
    # The grid and the two marked beliefs in one vectorised pass.
    beliefs = np.linspace(0.0, 1.0, count)
    every = np.append(beliefs, [check_probability("q", q), check_probability("q_threat", q_threat)])
    low, high = bargaining_range(p_no_intervention, p_intervention, cost_russia, cost_ukraine, every, cost_increase=cost_increase)
    c_r = np.asarray(russia_cost(cost_russia, every, cost_increase))
    demand = np.asarray(win_probability(p_russia, p_intervention, every)) - c_r
    offer = np.asarray(win_probability(p_ukraine, p_intervention, every)) + check_nonnegative("cost_ukraine", cost_ukraine)
    war = _optimism_slack(p_russia, p_ukraine, p_intervention, cost_russia, cost_ukraine, every, cost_increase) > 0

    def at(index: int) -> dict:
        return {"q": float(every[index]), "low": float(low[index]), "high": float(high[index]),
                "demand": float(demand[index]), "offer": float(offer[index]), "war": bool(war[index])}

    restraint, threat = at(count), at(count + 1)
    return {
        "beliefs": beliefs, "low": low[:count], "high": high[:count], "demand": demand[:count], "offer": offer[:count],
        "war": war[:count],
        "threshold": optimism_threshold(p_russia, p_ukraine, p_intervention, cost_russia, cost_ukraine, cost_increase=cost_increase),
        "at_restraint": restraint, "at_threat": threat,
        "shift": (threat["low"] + threat["high"]) / 2 - (restraint["low"] + restraint["high"]) / 2,
    }


def preset(name: str, function: str = "bargaining_range") -> dict:
    """The keyword arguments of :func:`bargaining_range` (default), of
    :func:`threat_effect` (the same plus ``q_threat``) or of
    :func:`mutual_optimism` under preset ``"K"``, ``"P"`` or ``"neutral"``
    (``data/model_presets.csv``, every value with its justification).

    >>> sorted(preset("neutral"))
    ['cost_increase', 'cost_russia', 'cost_ukraine', 'p_intervention', 'p_no_intervention', 'q']
    """
    check_choice("function", function, ("bargaining_range", *PRESET_MODELS))
    if function == "mutual_optimism":
        return preset_arguments(PRESET_MODELS["mutual_optimism"], name)
    arguments = preset_arguments(PRESET_MODELS["threat_effect"], name)
    if function == "bargaining_range":
        arguments.pop("q_threat")
    return arguments


def preset_table(name: str | None = None) -> pd.DataFrame:
    """The preset rows of this lesson's models, for one preset or all.

    >>> sorted(set(preset_table()["preset"]))
    ['K', 'P', 'neutral']
    """
    rows = pd.concat([preset_rows(model) for model in PRESET_MODELS.values()], ignore_index=True)
    if name is not None:
        rows = rows[rows["preset"] == check_preset_name(name)].reset_index(drop=True)
    return rows


def preset_results() -> pd.DataFrame:
    """Per preset: the range under restraint (``low``, ``high``), under a
    credible threat (``low_threat``, ``high_threat``), the ``shift`` of its
    midpoint, and whether mutual optimism means war (``war``).

    >>> list(preset_results().columns)
    ['low', 'high', 'low_threat', 'high_threat', 'shift', 'optimism_gap', 'war']
    """
    rows = {}
    for name in ("K", "P", "neutral"):
        effect = threat_effect(**preset(name, "threat_effect"))
        optimism = preset(name, "mutual_optimism")
        rows[name] = {
            "low": effect["range"][0],
            "high": effect["range"][1],
            "low_threat": effect["range_threat"][0],
            "high_threat": effect["range_threat"][1],
            "shift": effect["shift"],
            "optimism_gap": optimism_gap(optimism["p_russia"], optimism["p_ukraine"]),
            "war": mutual_optimism(**optimism),
        }
    table = pd.DataFrame(rows).T
    table.index.name = "preset"
    return table


#: What each combination of verdicts means for the articles' dispute.
CONCLUSIONS = {
    (True, False): "a credible threat averts the war (Kagan)",
    (True, True): "even a credible threat leaves war (Petrovics)",
    (False, False): "no war by optimism even under restraint",
    (False, True): "a threat would have brought war",
}


def panel_arguments(name: str) -> dict:
    """Every argument of :func:`range_curve` under preset ``name``: the
    threat-effect preset and Russia's and Ukraine's estimates from the
    mutual-optimism preset (their costs are the same rows' values).

    >>> arguments = panel_arguments("K")
    >>> arguments["p_russia"], arguments["q_threat"]
    (0.9, 0.6)
    """
    optimism = preset(name, "mutual_optimism")
    return {**preset(name, "threat_effect"), "p_russia": optimism["p_russia"], "p_ukraine": optimism["p_ukraine"]}


def preset_verdicts() -> pd.DataFrame:
    """The lesson's side-by-side table, one column per preset (K, P,
    neutral): the inputs that differ, the range under restraint and under a
    credible threat, the shift of its midpoint, the verdict of mutual
    optimism at both beliefs, the belief q* at which it flips and the
    conclusion reached. Ranges as "[low, high]", numbers rounded to 3 places.

    >>> preset_verdicts().loc["war under a threat"].tolist()
    ['no', 'yes', 'no']
    """
    columns = {}
    for name in ("K", "P", "neutral"):
        arguments = panel_arguments(name)
        curve = range_curve(**arguments)
        restraint, threat, flip = curve["at_restraint"], curve["at_threat"], curve["threshold"]["q"]
        columns[name] = {
            "p_N (NATO out)": arguments["p_no_intervention"],
            "p_I (NATO in)": arguments["p_intervention"],
            "Δc_R (NATO in)": arguments["cost_increase"],
            f"range under restraint (q = {restraint['q']:g})": f"[{restraint['low']:.3f}, {restraint['high']:.3f}]",
            f"range under a threat (q = {threat['q']:g})": f"[{threat['low']:.3f}, {threat['high']:.3f}]",
            "shift of the midpoint": round(curve["shift"], 3),
            "optimism gap p^R − p^U": round(arguments["p_russia"] - arguments["p_ukraine"], 3),
            "war under restraint": "yes" if restraint["war"] else "no",
            "war under a threat": "yes" if threat["war"] else "no",
            "flips at q*": "—" if flip is None else round(flip, 3),
            "conclusion": CONCLUSIONS[(restraint["war"], threat["war"])],
        }
    table = pd.DataFrame(columns)
    table.columns.name = "preset"
    return table
