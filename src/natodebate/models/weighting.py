"""Weighing an article's claims (lessons 00–02): presets, thesis strength,
which claim decides, and how the presets and the model treat both articles.

The functions take an article code (``"K"`` or ``"P"``) and a preset name,
look up the preset weights in ``data/preset_weights.csv`` and hand the
numbers to the pure argument model in :mod:`natodebate.models.argument`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import pandas as pd

from .. import data
from .argument import argument_strength, check_fraction, check_unit_interval, one_way_sensitivity
from .claims import ARTICLES, argument_map, article_claims

__all__ = [
    "PRESETS", "check_preset", "preset_weights", "preset_justifications", "weights", "claim_strengths", "thesis_strength", "sensitivity",
    "thesis_reasons", "preset_overview", "preset_balance", "uniform_theses", "uniform_table",
]

PRESETS = ("neutral", "persuaded_by_K", "persuaded_by_P")


def check_preset(preset: str) -> str:
    """Return ``preset`` if it is a known preset name, else raise ``ValueError``."""
    if preset not in PRESETS:
        raise ValueError(f"preset={preset!r}: expected one of {', '.join(PRESETS)}")
    return preset


def preset_weights(article: str, preset: str) -> pd.DataFrame:
    """Credence and importance (0–1) of every weighted claim of ``article``
    under ``preset``, indexed by claim id, with the justification."""
    check_preset(preset)
    ids = argument_map(article).weighted_ids
    table = data.load_table("preset_weights")
    table = table[table["preset"] == preset].set_index("claim_id")
    missing = [i for i in ids if i not in table.index]
    if missing:
        raise data.DataError(f"preset_weights.csv: preset {preset!r} has no row for {', '.join(missing)}")
    return table.loc[ids, ["credence", "importance", "justification"]]


def preset_justifications(claim_id: str) -> pd.DataFrame:
    """What each preset gives one claim (credence and importance, 0–1) and
    the one-line reason for it, indexed by preset."""
    table = data.load_table("preset_weights")
    rows = table[table["claim_id"] == claim_id]
    if rows.empty:
        raise ValueError(f"claim_id={claim_id!r}: no preset weighs it; allowed: the claims that bear on a thesis (K03, P02, …)")
    return rows.set_index("preset").loc[list(PRESETS), ["credence", "importance", "justification"]]


@functools.lru_cache(maxsize=16)
def _preset_values(article: str, preset: str, version: tuple) -> tuple[dict[str, float], dict[str, float]]:
    """(credence, importance) of ``preset`` for ``article``, claim id → 0–1.
    ``version`` (:func:`natodebate.data.table_version`) is only the cache
    key: every slider move of lessons 00–02 starts from the preset, and
    looking it up in the table costs more than the model itself."""
    base = preset_weights(article, preset)
    ids = list(base.index)
    return dict(zip(ids, base["credence"].astype(float))), dict(zip(ids, base["importance"].astype(float)))


def weights(
    article: str,
    preset: str = "neutral",
    credence: Mapping[str, float] | None = None,
    importance: Mapping[str, float] | None = None,
) -> tuple[dict[str, float], dict[str, float]]:
    """``(credence, importance)`` dicts: the preset's values with the given
    overrides applied (overrides are validated: known ids, numbers in [0, 1])."""
    credence_preset, importance_preset = _preset_values(article, preset, data.table_version("preset_weights"))
    ids = list(credence_preset)
    credence_values, importance_values = dict(credence_preset), dict(importance_preset)
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

        def shift(of: str, preset: str = preset) -> float:
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
