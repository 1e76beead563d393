"""Cruxes (lesson 00): one assumption that the two articles answer in
opposite ways, as a slider that moves both theses at once.

A crux is a row of ``data/cruxes.csv``; ``data/crux_claims.csv`` links it to
the claims of both articles whose credence the answer sets.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import pandas as pd

from .. import data
from .argument import check_fraction
from .claims import ARTICLES
from .weighting import thesis_strength

__all__ = ["crux", "crux_strengths", "crux_crossing", "crux_sweep"]

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
    directions = _crux_directions(name, data.table_version("cruxes"), data.table_version("crux_claims"))
    answer = check_fraction("answer", answer)
    unknown = [i for i in (importance or {}) if not str(i).startswith(ARTICLES)]
    if unknown:
        raise ValueError(f"importance: unknown claim id {unknown[0]!r}; allowed ids are the claims of K and P (K03, P02, …)")
    result = {}
    for article in ARTICLES:
        overrides = {
            claim_id: answer if direction == "same" else 1.0 - answer
            for claim_id, direction in directions.items() if claim_id.startswith(article)
        }
        weights_here = {i: w for i, w in (importance or {}).items() if str(i).startswith(article)}
        result[article] = thesis_strength(article, preset, credence=overrides, importance=weights_here)
    return result


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
    rows = []
    for answer in answers:
        strengths = crux_strengths(name, answer, preset)
        gap = strengths["K"] - strengths["P"]
        rows.append({"answer": answer, **strengths, "ahead": "level" if abs(gap) < 0.005 else ("K" if gap > 0 else "P")})
    return pd.DataFrame(rows).set_index("answer").round(3)
