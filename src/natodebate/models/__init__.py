"""Layer 2 — models: pure functions on the course data (no widgets, no plots).

The functions here take an article code (``"K"`` or ``"P"``) and a preset
name, look up the claims and preset weights in ``data/``, and hand the numbers
to the pure argument model in :mod:`natodebate.models.argument`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import pandas as pd

from .. import data
from . import argument
from .argument import ArgumentMap, argument_strength, check_fraction, check_unit_interval, one_way_sensitivity

__all__ = [
    "ARTICLES",
    "CLAIM_TYPES",
    "VERDICTS",
    "PRESETS",
    "argument",
    "ArgumentMap",
    "argument_strength",
    "one_way_sensitivity",
    "check_unit_interval",
    "check_fraction",
    "check_article",
    "check_preset",
    "article_claims",
    "argument_map",
    "claim_counts",
    "verdict_counts",
    "preset_weights",
    "weights",
    "claim_strengths",
    "thesis_strength",
    "sensitivity",
    "crux",
    "crux_strengths",
    "crux_crossing",
    "crux_sweep",
    "thesis_reasons",
    "preset_overview",
    "uniform_theses",
    "uniform_table",
    "preset_balance",
]

ARTICLES = ("K", "P")
#: Claim types in the order the lessons present them.
CLAIM_TYPES = (
    "empirical",
    "legal/historical",
    "causal",
    "counterfactual",
    "predictive",
    "intentional",
    "analogical",
    "normative",
)
VERDICTS = ("supported", "contested", "wrong", "unverifiable", "overtaken by events")
PRESETS = ("neutral", "persuaded_by_K", "persuaded_by_P")


def check_article(article: str) -> str:
    """Return ``article`` if it is ``"K"`` or ``"P"``, else raise ``ValueError``."""
    if article not in ARTICLES:
        raise ValueError(f"article={article!r}: expected 'K' (Kagan) or 'P' (Petrovics)")
    return article


def check_preset(preset: str) -> str:
    """Return ``preset`` if it is a known preset name, else raise ``ValueError``."""
    if preset not in PRESETS:
        raise ValueError(f"preset={preset!r}: expected one of {', '.join(PRESETS)}")
    return preset


def article_claims(article: str) -> pd.DataFrame:
    """The claims of one article, indexed by id, in article order."""
    claims = data.claims()
    return claims[claims["article"] == check_article(article)]


@functools.cache
def argument_map(article: str) -> ArgumentMap:
    """The compiled argument map of ``article`` (cached). Raises
    :class:`~natodebate.data.DataError` naming ``claims.csv`` and the rows
    of the claims involved when they do not form one tree under a thesis."""
    claims = article_claims(article)
    try:
        return ArgumentMap.from_claims(claims)
    except ValueError as err:
        raise data.DataError(_map_problem(article, str(err))) from None


def _map_problem(article: str, message: str) -> str:
    """An argument-map error as a data problem: the file, the article, and
    the rows of claims.csv that hold the claims it names."""
    rows = {claim_id: n + 2 for n, claim_id in enumerate(data.claims().index)}  # row 1 is the header
    named = [claim_id for claim_id in dict.fromkeys(re.findall(r"\b[KP]\d{2}\b", message)) if claim_id in rows]
    where = "; rows: " + ", ".join(f"{claim_id} = row {rows[claim_id]}" for claim_id in named) if named else ""
    return f"{data.data_folder() / 'claims.csv'}, article {article}'s argument map (columns relation, parent_id, premise_group): {message.removeprefix('claims: ')}{where}"


def claim_counts(article: str) -> pd.DataFrame:
    """Claims per claim type for one article: columns ``claims`` (all) and
    ``checkable`` (those data or documents can test). Types that do not occur
    are left out; rows follow :data:`CLAIM_TYPES`."""
    claims = article_claims(article)
    table = claims.groupby("claim_type", observed=True).agg(
        claims=("summary", "size"), checkable=("checkable", "sum")
    )
    order = [t for t in CLAIM_TYPES if t in table.index]
    table = table.loc[order].astype(int)
    table.index.name = "claim type"
    return table


def verdict_counts(article: str) -> pd.Series:
    """Claims per verdict for one article, in the order of :data:`VERDICTS`
    (verdicts that do not occur are left out)."""
    counts = article_claims(article)["verdict"].value_counts()
    return counts.reindex([v for v in VERDICTS if v in counts.index]).rename("claims").astype(int)


def preset_weights(article: str, preset: str) -> pd.DataFrame:
    """Credence and importance (0–1) of every weighted claim of ``article``
    under ``preset``, indexed by claim id, with the justification."""
    check_preset(preset)
    ids = argument_map(article).weighted_ids
    table = data.preset_weights()
    table = table[table["preset"] == preset].set_index("claim_id")
    missing = [i for i in ids if i not in table.index]
    if missing:
        raise data.DataError(f"preset_weights.csv: preset {preset!r} has no row for {', '.join(missing)}")
    return table.loc[ids, ["credence", "importance", "justification"]]


def weights(
    article: str,
    preset: str = "neutral",
    credence: Mapping[str, float] | None = None,
    importance: Mapping[str, float] | None = None,
) -> tuple[dict[str, float], dict[str, float]]:
    """``(credence, importance)`` dicts: the preset's values with the given
    overrides applied (overrides are validated: known ids, numbers in [0, 1])."""
    base = preset_weights(article, preset)
    ids = list(base.index)
    credence_values = dict(zip(ids, base["credence"].astype(float)))
    importance_values = dict(zip(ids, base["importance"].astype(float)))
    credence_values.update(check_unit_interval("credence", credence or {}, ids))
    importance_values.update(check_unit_interval("importance", importance or {}, ids))
    return credence_values, importance_values


def claim_strengths(
    article: str,
    preset: str = "neutral",
    credence: Mapping[str, float] | None = None,
    importance: Mapping[str, float] | None = None,
) -> pd.Series:
    """Strength (0–1) of every claim of ``article``, thesis included."""
    return argument_strength(argument_map(article), *weights(article, preset, credence, importance))


def thesis_strength(
    article: str,
    preset: str = "neutral",
    credence: Mapping[str, float] | None = None,
    importance: Mapping[str, float] | None = None,
) -> float:
    """How much of the article's case stands (0–1) under ``preset``, with
    optional per-claim overrides of credence and importance."""
    strengths = claim_strengths(article, preset, credence, importance)
    return float(strengths[argument_map(article).thesis])


def sensitivity(
    article: str,
    preset: str = "neutral",
    credence: Mapping[str, float] | None = None,
    importance: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Which single claim's credence moves the thesis most: the one-way swing
    of each claim from credence 0 to 1 (see :func:`one_way_sensitivity`),
    with the claim's summary and type, largest ``|swing|`` first."""
    table = one_way_sensitivity(argument_map(article), *weights(article, preset, credence, importance))
    claims = article_claims(article)
    table.insert(1, "summary", claims.loc[table["claim_id"], "summary"].to_numpy())
    table.insert(2, "claim_type", claims.loc[table["claim_id"], "claim_type"].to_numpy())
    return table


# --- cruxes: one assumption that both articles answer in opposite ways -------


def crux(name: str) -> pd.Series:
    """The crux ``name`` from ``data/cruxes.csv`` (question, slider labels,
    starting value); raises ``ValueError`` for an unknown name."""
    cruxes = data.load_table("cruxes").set_index("crux")
    if name not in cruxes.index:
        raise ValueError(f"crux={name!r}: expected one of {', '.join(cruxes.index)}")
    return cruxes.loc[name]


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
    crux(name)
    answer = check_fraction("answer", answer)
    unknown = [i for i in (importance or {}) if not str(i).startswith(ARTICLES)]
    if unknown:
        raise ValueError(f"importance: unknown claim id {unknown[0]!r}; allowed ids are the claims of K and P (K03, P02, …)")
    links = data.load_table("crux_claims")
    links = links[links["crux"] == name]
    result = {}
    for article in ARTICLES:
        mine = links[links["claim_id"].str.startswith(article)]
        overrides = {
            row.claim_id: answer if row.direction == "same" else 1.0 - answer for row in mine.itertuples()
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


def preset_overview(article: str) -> pd.DataFrame:
    """For each preset: the thesis strength (0–1) of ``article``, the claim
    whose credence moves it most and that claim's swing (thesis change as its
    credence goes from 0 to 1)."""
    rows = []
    for preset in PRESETS:
        top = sensitivity(article, preset).iloc[0]
        rows.append(
            {"preset": preset, "thesis": thesis_strength(article, preset), "top claim": top["claim_id"], "swing": top["swing"]}
        )
    return pd.DataFrame(rows).set_index("preset").round(3)


def preset_balance() -> pd.DataFrame:
    """How partisan each partisan preset is, for comparing the two: per
    preset, the mean credence shift from the neutral reader over its own
    article's claims (``own shift``) and over the other article's (``other
    shift``), and the lead its article gets (``lead`` = own thesis − other
    thesis, 0–1 scale)."""
    rows = []
    for article in ARTICLES:
        other = "P" if article == "K" else "K"
        preset = f"persuaded_by_{article}"

        def shift(of: str) -> float:
            ids = argument_map(of).weighted_ids
            change = preset_weights(of, preset)["credence"] - preset_weights(of, "neutral")["credence"]
            return float(change.loc[ids].mean())

        rows.append(
            {
                "preset": preset, "own shift": shift(article), "other shift": shift(other),
                "lead": thesis_strength(article, preset) - thesis_strength(other, preset),
            }
        )
    return pd.DataFrame(rows).set_index("preset").round(3)


def uniform_theses(credence: float, importance: float, attacks: bool = True) -> dict[str, float]:
    """Both theses (0–1) when every claim of both articles gets the same
    ``credence`` and ``importance`` (0–1). With ``attacks=False`` the attacking
    claims are set aside (importance 0) and the two theses are equal: the
    model has no bias for the article with more claims or a deeper map; with
    ``attacks=True`` any difference comes from the attacks."""
    values = {"credence": check_fraction("credence", credence), "importance": check_fraction("importance", importance)}
    result = {}
    for article in ARTICLES:
        arg = argument_map(article)
        attackers = {arg.ids[a] for row in arg.attackers for a in row}
        importances = {
            i: 0.0 if (i in attackers and not attacks) else values["importance"] for i in arg.weighted_ids
        }
        result[article] = thesis_strength(article, credence=dict.fromkeys(arg.weighted_ids, values["credence"]), importance=importances)
    return result


def uniform_table(credence: float, importance: float) -> pd.DataFrame:
    """:func:`uniform_theses` with and without the attacks, as a table (rows:
    "attacks set aside", "attacks counted"; columns K and P, 0–1)."""
    rows = {
        "attacks set aside": uniform_theses(credence, importance, attacks=False),
        "attacks counted": uniform_theses(credence, importance, attacks=True),
    }
    return pd.DataFrame(rows).T.round(3)


def thesis_reasons(
    article: str,
    preset: str = "neutral",
    credence: Mapping[str, float] | None = None,
    importance: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """The reasons the thesis rests on directly, largest share first: one row
    per reason (a co-premise group is one row, ids joined by "+"), with
    ``weight`` (its share of the thesis's importance, 0–1, summing to 1),
    ``strength`` (0–1, the weakest member for a group) and ``contribution``
    = weight × strength; the contributions add up to the thesis strength
    (before any attack on the thesis itself)."""
    arg = argument_map(article)
    credence_values, importance_values = weights(article, preset, credence, importance)
    strengths = argument_strength(arg, credence_values, importance_values)
    claims = article_claims(article)
    rows = []
    for group in arg.support_groups[arg.ids.index(arg.thesis)]:
        ids = [arg.ids[n] for n in group]
        rows.append(
            {
                "reason": "+".join(ids),
                "summary": " / ".join(claims.loc[i, "summary"] for i in ids),
                "weight": sum(importance_values[i] for i in ids) / len(ids),
                "strength": float(strengths[ids].min()),
            }
        )
    table = pd.DataFrame(rows)
    total = table["weight"].sum()
    table["weight"] = table["weight"] / total if total > 0 else 0.0
    table["contribution"] = table["weight"] * table["strength"]
    return table.sort_values(["contribution", "reason"], ascending=[False, True]).reset_index(drop=True)


# Lesson 03's fact checks live in their own module; import it so that
# `models.factcheck` works after `from natodebate import models`.
from . import factcheck  # noqa: E402
