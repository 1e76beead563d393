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
    "preset",
    "preset_table",
    "preset_results",
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
