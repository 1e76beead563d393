"""Cruxes (lesson 00): one assumption that the two articles answer in
opposite ways, as a slider that moves both theses at once.

A crux is a row of ``data/cruxes.csv``; ``data/crux_claims.csv`` links it to
the claims of both articles whose credence the answer sets.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .. import data
from .argument import check_fraction
from .claims import ARTICLES, argument_map
from .weighting import weights

__all__ = ["crux", "crux_strengths", "crux_strengths_along", "crux_crossing", "crux_sweep"]

def crux(name: str) -> pd.Series:
    """The crux ``name`` from ``data/cruxes.csv`` (question, slider labels,
    starting value); raises ``ValueError`` for an unknown name."""
    cruxes = data.load_table("cruxes").set_index("crux")
    if name not in cruxes.index:
        raise ValueError(f"crux={name!r}: expected one of {', '.join(cruxes.index)}")
    return cruxes.loc[name]


@functools.lru_cache(maxsize=8)
def _crux_directions(name: str, *versions: tuple) -> dict[str, str]:
    """Claim id → direction ("same" or "opposite") of every claim linked to
    crux ``name``; ``versions`` (of the two tables) are only the cache key:
    lesson 00's slider and lesson 09's walks ask for the same links again and again."""
    crux(name)
    links = data.load_table("crux_claims")
    links = links[links["crux"] == name]
    return dict(zip(links["claim_id"], links["direction"]))


def crux_strengths(
    name: str, answer: float, preset: str = "neutral", importance: Mapping[str, float] | None = None
) -> dict[str, float]:
    """Thesis strength (0–1) of each article when the student answers crux
    ``name`` with ``answer`` (0–1) and leaves every other weight at ``preset``.

    Each claim linked to the crux in ``data/crux_claims.csv`` takes the answer
    as its credence (``direction = same``) or its complement (``opposite``).
    ``importance`` optionally overrides importances (claim id → 0–1, claims of
    either article), e.g. to set some claims aside.
    """
    table = crux_strengths_along(name, [check_fraction("answer", answer)], preset, importance)
    return {article: float(table[article].iloc[0]) for article in ARTICLES}


def crux_strengths_along(
    name: str, answers, preset: str = "neutral", importance: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """:func:`crux_strengths` for every answer in ``answers`` (each 0–1) at
    once, unrounded: one row per answer (index ``answer``), columns ``K`` and
    ``P`` (thesis strength, 0–1). One pass through each argument map
    for all the answers (lesson 09 walks the crux from one reader's
    answer to the other's).

    >>> crux_strengths_along("restraint", [0.0, 1.0])["K"].round(3).tolist()
    [0.267, 0.678]
    """
    directions = _crux_directions(name, data.table_version("cruxes"), data.table_version("crux_claims"))
    answers = [check_fraction("answer", a) for a in answers]
    unknown = [i for i in (importance or {}) if not str(i).startswith(ARTICLES)]
    if unknown:
        raise ValueError(f"importance: unknown claim id {unknown[0]!r}; allowed ids are the claims of K and P (K03, P02, …)")
    result = {}
    for article in ARTICLES:
        arg = argument_map(article)
        linked = {i: d for i, d in directions.items() if i.startswith(article)}
        weights_here = {i: w for i, w in (importance or {}).items() if str(i).startswith(article)}
        # The first answer's credences go through weights(), which checks the linked claims are weighed ones.
        first = {i: answers[0] if d == "same" else 1.0 - answers[0] for i, d in linked.items()} if answers else {}
        credence, importance_values = weights(article, preset, credence=first, importance=weights_here)
        rows = np.array([[credence.get(i, 0.0) for i in arg.ids]] * len(answers), dtype=float).reshape(len(answers), len(arg.ids))
        for claim_id, direction in linked.items():
            rows[:, arg.ids.index(claim_id)] = np.asarray(answers) if direction == "same" else 1.0 - np.asarray(answers)
        importance_vector = np.array([importance_values.get(i, 0.0) for i in arg.ids])
        result[article] = arg.evaluate(rows, importance_vector)[:, arg.ids.index(arg.thesis)]
    return pd.DataFrame(result, index=pd.Index(answers, name="answer"))


def crux_crossing(name: str, preset: str = "neutral", tolerance: float = 1e-6) -> float | None:
    """The answer (0–1) to crux ``name`` at which both articles' cases stand
    equally (lesson 00: where the two bars cross), every other weight at
    ``preset``; ``None`` if one article stays ahead along the whole slider.

    The K-minus-P gap only grows with the answer (the crux's K claims take the
    answer as credence, its P claims the complement, and the model is
    monotone), so bisection finds the one crossing.
    """

    def gap(answer: float) -> float:
        strengths = crux_strengths(name, answer, preset)
        return strengths["K"] - strengths["P"]

    low, high = 0.0, 1.0
    if gap(low) > 0 or gap(high) < 0:
        return None
    while high - low > tolerance:
        middle = (low + high) / 2
        low, high = (middle, high) if gap(middle) < 0 else (low, middle)
    return (low + high) / 2


def crux_sweep(name: str, answers=(0.0, 0.25, 0.5, 0.75, 1.0), preset: str = "neutral") -> pd.DataFrame:
    """Both theses (0–1) along the slider of crux ``name``: one row per
    answer, columns ``K`` and ``P`` and ``ahead`` (the article whose case
    stands better, or "level" within 0.005)."""
    table = crux_strengths_along(name, answers, preset)
    gap = table["K"] - table["P"]
    table["ahead"] = ["level" if abs(g) < 0.005 else ("K" if g > 0 else "P") for g in gap]
    return table.round(3)
