"""Argument strength on an argument map, and which claim decides it.

The model (design/models.md, "01/02 — Argument maps"), kept simple so a
student can check every number by hand:

* each claim *c* has the student's **credence** ``p_c`` (probability, 0–1:
  how likely the claim is true) and an **importance** ``w_c`` (0–1: how much it
  bears on the claim it supports or attacks);
* **co-premises** (claims sharing a parent and a ``premise_group``) hold only
  together: the group is as strong as its weakest member and weighs the mean
  of its members' importances;
* a claim's reasons are summed up by their importance-weighted mean, with
  the student's own credence in the claim counted as one more reason of
  weight 1: ``m_c = (p_c + Σ_r w_r·s_r) / (1 + Σ_r w_r)``;
* a claim's **strength** is the geometric mean of credence and that average,
  ``s_c = √(p_c · m_c)``: a claim held false (``p_c = 0``) has strength 0
  whatever its reasons, and a claim without reasons has ``s_c = p_c``;
* the **thesis** has no credence of its own: it is the importance-weighted
  mean of its reasons, ``T = Σ_r w_r·s_r / Σ_r w_r`` — the share of the case
  that stands (0 if no reason has any importance);
* an **attack** *a* multiplies its target by ``(1 − w_a·s_a)``;
* a claim that **elaborates** its parent (restates it, forecasts what follows
  from it, or gives the occasion for it) is drawn on the map but is not a
  reason: neither it nor the claims under it count.

Why these choices: with every credence equal to *p* (and attacks set aside)
every claim has strength *p*, so the thesis is *p* however many claims an
article makes or however deep its map goes; raising the importance of a claim
held false only lowers the claim it supports; and the thesis moves visibly
when one of its reasons moves. (Noisy-OR, used before, rewarded the article
with more claims and saturated near 1.)

Everything is vectorised over *scenarios* (rows), so the one-way sensitivity
of every claim is one pass through the map.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .validators import check_fraction, check_unit_interval

#: How a claim relates to its parent on the map.
RELATIONS = ("thesis", "supports", "attacks", "elaborates")

__all__ = [
    "RELATIONS",
    "ArgumentMap",
    "check_unit_interval",
    "check_fraction",
    "argument_strength",
    "one_way_sensitivity",
]


@dataclass(frozen=True)
class ArgumentMap:
    """One article's argument map, compiled for fast evaluation.

    Build it with :meth:`from_claims` from rows of ``claims.csv`` (indexed by
    claim id, columns ``relation``, ``parent_id``, ``premise_group``).
    """

    ids: tuple[str, ...]
    thesis: str
    #: evaluation order: every claim comes after all the claims under it
    order: tuple[int, ...]
    #: for each claim: list of support groups, each a tuple of member indices
    support_groups: tuple[tuple[tuple[int, ...], ...], ...]
    #: for each claim: indices of the claims attacking it
    attackers: tuple[tuple[int, ...], ...]
    #: +1 if raising the claim's strength raises the thesis, −1 if it lowers
    #: it, 0 if it does not bear on the thesis (an elaboration or under one)
    polarity: tuple[int, ...]

    @classmethod
    def from_claims(cls, claims: pd.DataFrame) -> ArgumentMap:
        """Compile a map from claim rows; raises ``ValueError`` if the rows do
        not form one tree under a single thesis."""
        missing = {"relation", "parent_id"} - set(claims.columns)
        if missing:
            raise ValueError(f"claims: missing column(s) {sorted(missing)}; need relation, parent_id, premise_group")
        ids = [str(i) for i in claims.index]
        position = {claim_id: n for n, claim_id in enumerate(ids)}
        theses = [i for i, rel in zip(ids, claims["relation"]) if rel == "thesis"]
        if len(theses) != 1:
            raise ValueError(f"claims: an argument map needs exactly one thesis, found {len(theses)} ({theses})")
        groups_of: list[dict[str, list[int]]] = [{} for _ in ids]
        attackers: list[list[int]] = [[] for _ in ids]
        parent_of: dict[int, int] = {}
        elaborations: set[int] = set()
        group_column = claims["premise_group"] if "premise_group" in claims else pd.Series("", index=claims.index)
        for n, (claim_id, relation, parent, group) in enumerate(
            zip(ids, claims["relation"], claims["parent_id"], group_column)
        ):
            if relation == "thesis":
                continue
            if relation not in RELATIONS:
                raise ValueError(
                    f"claims: {claim_id} has relation={relation!r}; allowed: {', '.join(RELATIONS)}"
                )
            if pd.isna(parent) or parent not in position:
                raise ValueError(f"claims: {claim_id} points to parent_id={parent!r}, which is not a claim of this map")
            parent_of[n] = position[parent]
            if relation == "attacks":
                attackers[position[parent]].append(n)
            elif relation == "elaborates":
                elaborations.add(n)
            else:
                # An empty premise_group makes the claim an independent reason.
                key = group if isinstance(group, str) and group else f"__alone_{claim_id}"
                groups_of[position[parent]].setdefault(key, []).append(n)

        # Depth-first from the thesis: children before parents; also detects
        # cycles and claims that never reach the thesis.
        order: list[int] = []
        polarity = [0] * len(ids)
        children: list[list[int]] = [[] for _ in ids]
        for child, parent in parent_of.items():
            children[parent].append(child)
        root = position[theses[0]]
        polarity[root] = 1
        stack = [(root, False)]
        seen: set[int] = set()
        while stack:
            node, expanded = stack.pop()
            if expanded:
                order.append(node)
                continue
            if node in seen:
                raise ValueError(f"claims: the map has a cycle through {ids[node]}")
            seen.add(node)
            stack.append((node, True))
            for child in children[node]:
                sign = -1 if child in attackers[node] else 0 if child in elaborations else 1
                polarity[child] = polarity[node] * sign
                stack.append((child, False))
        unreachable = [ids[n] for n in range(len(ids)) if n not in seen]
        if unreachable:
            raise ValueError(f"claims: {', '.join(unreachable)} do not lead to the thesis {theses[0]} (a cycle or a broken chain)")

        return cls(
            ids=tuple(ids),
            thesis=theses[0],
            order=tuple(order),
            support_groups=tuple(tuple(tuple(g) for g in groups.values()) for groups in groups_of),
            attackers=tuple(tuple(a) for a in attackers),
            polarity=tuple(polarity),
        )

    @property
    def weighted_ids(self) -> list[str]:
        """Claims that take a credence and an importance: every claim that
        bears on the thesis (all but the thesis, the elaborations and the
        claims under an elaboration)."""
        return [i for i, sign in zip(self.ids, self.polarity) if sign != 0 and i != self.thesis]

    @property
    def elaboration_ids(self) -> list[str]:
        """Claims drawn on the map that are not reasons: elaborations of their
        parent and the claims under them (no credence, no importance)."""
        return [i for i, sign in zip(self.ids, self.polarity) if sign == 0]

    @functools.cached_property
    def _plan(self) -> tuple[np.ndarray, tuple]:
        """The evaluation steps, index arrays built once: ``(leaves, steps)``.
        ``leaves``: the claims without reasons or attackers (most of a map),
        computed together in one step; ``steps``: every other claim that
        bears on the thesis, in :attr:`order`, as ``(node, reasons,
        attackers)``. ``reasons`` is one index array when every reason is a
        single claim (one fancy index takes them all, in the groups' order),
        else a tuple of index arrays, one per group; ``attackers`` holds the
        attacking claims that count."""
        thesis = self.ids.index(self.thesis)
        leaves, steps = [], []
        for node in self.order:
            if self.polarity[node] == 0:
                continue
            groups = self.support_groups[node]
            attackers = tuple(a for a in self.attackers[node] if self.polarity[a] != 0)
            if not groups and not attackers and node != thesis:
                leaves.append(node)
                continue
            reasons = (
                np.array([group[0] for group in groups], dtype=int)
                if all(len(group) == 1 for group in groups)
                else tuple(np.array(group, dtype=int) for group in groups)
            )
            steps.append((node, reasons, attackers))
        return np.array(leaves, dtype=int), tuple(steps)

    def evaluate(self, credence: np.ndarray, importance: np.ndarray) -> np.ndarray:
        """Strength (0–1) of every claim, for each scenario.

        ``credence``: array (scenarios × claims) or (claims,), values in [0, 1],
        columns in ``self.ids`` order (the thesis column is ignored).
        ``importance``: array (claims,), the same for every scenario, or
        (scenarios × claims), one row per scenario; values in [0, 1].
        Returns an array (scenarios × claims); claims that are not reasons
        (:attr:`elaboration_ids`) get NaN. No validation: the public
        functions validate before calling this hot path.
        """
        credence = np.atleast_2d(np.asarray(credence, dtype=float))
        importance = np.atleast_2d(np.asarray(importance, dtype=float))  # one row, or one per scenario
        strength = np.full_like(credence, np.nan)
        thesis = self.ids.index(self.thesis)
        leaves, steps = self._plan
        # A claim without reasons: the formula below with no reasons,
        # √(p · (p + 0) / (1 + 0)), for all of them at once (the same bits).
        own = credence[:, leaves]
        strength[:, leaves] = np.sqrt(own * ((own + 0.0) / 1.0))
        for node, reasons, attackers in steps:
            # The node's reasons: a co-premise group is one reason, as strong
            # as its weakest member and weighed by its mean importance.
            if isinstance(reasons, tuple):
                weights = np.column_stack([importance[:, group].mean(axis=1) for group in reasons])
                strengths = np.column_stack([strength[:, group].min(axis=1) for group in reasons])
            else:
                weights, strengths = importance[:, reasons], strength[:, reasons]
            total_weight = weights.sum(axis=1)
            if node == thesis:
                # Normalise the weights first, so tiny importances still average;
                # an elementwise sum (not a matrix product) keeps a batch equal
                # to one row at a time up to the last bit.
                positive = total_weight > 0
                shares = weights / np.where(positive, total_weight, 1.0)[:, None]
                value = np.where(positive, (strengths * shares).sum(axis=1), 0.0)
            else:
                own = credence[:, node]
                # The student's credence is one more reason of weight 1, so a
                # claim without (weighted) reasons keeps its credence.
                reasons_mean = (own + (strengths * weights).sum(axis=1)) / (1.0 + total_weight)
                value = np.sqrt(own * reasons_mean)
            for attacker in attackers:
                value = value * (1.0 - importance[:, attacker] * strength[:, attacker])
            strength[:, node] = value
        return strength


def _vectors(argument_map: ArgumentMap, credence: Mapping[str, float], importance: Mapping[str, float]):
    weighted = argument_map.weighted_ids
    credence = check_unit_interval("credence", credence, weighted)
    importance = check_unit_interval("importance", importance, weighted)
    for name, values in (("credence", credence), ("importance", importance)):
        missing = [i for i in weighted if i not in values]
        if missing:
            raise ValueError(
                f"{name}: no value for {', '.join(missing)}; every claim that bears on the thesis needs one (0–1)"
            )
    credence_vector = np.array([credence.get(i, 0.0) for i in argument_map.ids])
    importance_vector = np.array([importance.get(i, 0.0) for i in argument_map.ids])
    return credence_vector, importance_vector


def argument_strength(
    argument_map: ArgumentMap, credence: Mapping[str, float], importance: Mapping[str, float]
) -> pd.Series:
    """Strength (0–1) of every claim of the map, thesis included, as a Series
    indexed by claim id (NaN for the elaborations, which are not reasons).
    ``credence`` and ``importance`` map every claim of
    :attr:`ArgumentMap.weighted_ids` to a number in [0, 1]."""
    credence_vector, importance_vector = _vectors(argument_map, credence, importance)
    values = argument_map.evaluate(credence_vector, importance_vector)[0]
    return pd.Series(values, index=list(argument_map.ids), name="strength")


def one_way_sensitivity(
    argument_map: ArgumentMap, credence: Mapping[str, float], importance: Mapping[str, float]
) -> pd.DataFrame:
    """Thesis strength when each claim's credence alone is swung from 0 to 1.

    Returns one row per claim (all but the thesis), sorted by ``|swing|``
    (largest first, ties by claim id): ``claim_id``, ``low`` (thesis strength
    at credence 0), ``high`` (at credence 1), ``swing`` = high − low (signed:
    negative for claims that work against the thesis), ``base`` (thesis
    strength at the given credences).
    """
    credence_vector, importance_vector = _vectors(argument_map, credence, importance)
    weighted = [argument_map.ids.index(i) for i in argument_map.weighted_ids]
    n = len(weighted)
    # Row 0: the base case; rows 1..n: each claim at 0; rows n+1..2n: at 1.
    scenarios = np.repeat(credence_vector[None, :], 2 * n + 1, axis=0)
    scenarios[1 + np.arange(n), weighted] = 0.0
    scenarios[1 + n + np.arange(n), weighted] = 1.0
    thesis = argument_map.ids.index(argument_map.thesis)
    thesis_strength = argument_map.evaluate(scenarios, importance_vector)[:, thesis]
    table = pd.DataFrame(
        {
            "claim_id": argument_map.weighted_ids,
            "low": thesis_strength[1 : n + 1],
            "high": thesis_strength[n + 1 :],
        }
    )
    table["swing"] = table["high"] - table["low"]
    table["base"] = thesis_strength[0]
    table["abs_swing"] = table["swing"].abs().round(12)
    table = table.sort_values(["abs_swing", "claim_id"], ascending=[False, True], kind="stable")
    return table.drop(columns="abs_swing").reset_index(drop=True)
