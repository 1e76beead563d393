"""Lesson 08 — hindsight without hindsight bias: claims as dated
forecasts, scored where they resolved.

**Brier score** of binary forecasts f_i (probabilities) with outcomes
o_i ∈ {0, 1}:

    BS = (1/N) Σ (f_i − o_i)²        0 (perfect) … 1 (certain and wrong)

(Good Judgment reports 0–2, twice this.) **Skill** against a reference
forecast (always 0.5, or the base rate): BSS = 1 − BS / BS_ref (1 perfect,
0 no better than the reference, negative worse). **Murphy decomposition**
(forecasts grouped by value): BS = reliability − resolution + uncertainty.

Verbal hedges become numbers through the likelihood bands of ICD 203
(``data/hedge_bands.csv``): almost no chance 1–5%, very unlikely 5–20%,
unlikely 20–45%, roughly even 45–55%, likely 55–80%, very likely 80–95%,
almost certain 95–99%, plus the course's reading of wordings the directive
does not list (a plain assertion, "could", "appear to").

The articles' predictive claims as dated propositions are in
``data/forecast_propositions.csv``; counterfactuals are listed there too but
cannot be scored (Tetlock and Belkin's criteria apply instead: clarity,
cotenability, consistency with established history, theory and
statistics, projectability).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import data
from ._presets import check_preset_name
from .validators import as_float_array, check_choice, check_count, check_probability

__all__ = [
    "brier_score",
    "brier_skill_score",
    "murphy_decomposition",
    "calibration_table",
    "hedge_bands",
    "hedge_probability",
    "propositions",
    "scored_propositions",
    "article_scores",
    "published_forecasts",
    "preset",
    "preset_results",
]

#: Outcomes a proposition can have in forecast_propositions.csv.
OUTCOMES = ("true", "false", "unresolved", "not scoreable")


def _forecasts(probabilities, outcomes) -> tuple[np.ndarray, np.ndarray]:
    f = check_probability("probabilities", probabilities)
    o = as_float_array("outcomes", outcomes)
    if f.ndim == 0:
        f = f.reshape(1)
    if o.ndim == 0:
        o = o.reshape(1)
    if f.ndim != 1 or o.ndim != 1:
        raise ValueError(f"probabilities and outcomes must be flat sequences; got shapes {f.shape} and {o.shape}")
    if f.size == 0:
        raise ValueError("probabilities is empty: a score needs at least one forecast")
    if f.size != o.size:
        raise ValueError(f"probabilities has {f.size} values but outcomes has {o.size}; give one outcome per forecast")
    bad = ~np.isin(o, (0.0, 1.0))
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(f"outcomes[{i}]={o[i].item()!r}: must be 0 or 1 (False or True): did it happen?")
    return f, o


def brier_score(probabilities, outcomes) -> float:
    """The Brier score (1/N)·Σ(f_i − o_i)² (0 perfect … 1 certain and
    wrong) of probabilities f_i (0–1) against outcomes o_i (0/1 or bool).

    >>> brier_score([0.9, 0.2], [1, 0])
    0.025
    >>> brier_score([1, 0], [True, False])
    0.0
    """
    f, o = _forecasts(probabilities, outcomes)
    return float(np.mean((f - o) ** 2))


def brier_skill_score(probabilities, outcomes, reference=0.5) -> float:
    """BSS = 1 − BS / BS_ref: skill against a reference forecaster who always
    says ``reference`` (a probability; default 0.5, the coin flip) or, with
    ``reference="base_rate"``, the share of outcomes that happened. 1 is
    perfect, 0 no better than the reference, negative worse. Undefined
    (``ValueError``) when the reference itself is perfect.

    >>> brier_skill_score([0.9, 0.2], [1, 0])
    0.9
    """
    f, o = _forecasts(probabilities, outcomes)
    if isinstance(reference, str):
        check_choice("reference", reference, ("base_rate",))
        ref = float(o.mean())
    else:
        ref = float(check_probability("reference", reference))
    ref_score = float(np.mean((ref - o) ** 2))
    if ref_score == 0:
        raise ValueError(f"reference={reference!r} scores a perfect 0 on these outcomes, so skill against it is undefined")
    return 1.0 - brier_score(f, o) / ref_score


def murphy_decomposition(probabilities, outcomes) -> dict[str, float]:
    """BS = reliability − resolution + uncertainty, with the forecasts
    grouped by value (exact): ``reliability`` = Σ_k n_k(f_k − ō_k)²/N (lower
    is better calibrated), ``resolution`` = Σ_k n_k(ō_k − ō)²/N (higher
    separates events from non-events better), ``uncertainty`` = ō(1 − ō),
    and ``brier`` itself.

    >>> parts = murphy_decomposition([0.8, 0.8, 0.2, 0.2], [1, 0, 0, 0])
    >>> {k: round(v, 3) for k, v in parts.items()}
    {'reliability': 0.065, 'resolution': 0.062, 'uncertainty': 0.188, 'brier': 0.19}
    """
    f, o = _forecasts(probabilities, outcomes)
    base = o.mean()
    values, groups = np.unique(f, return_inverse=True)
    counts = np.bincount(groups)
    observed = np.bincount(groups, weights=o) / counts
    n = f.size
    return {
        "reliability": float(np.sum(counts * (values - observed) ** 2) / n),
        "resolution": float(np.sum(counts * (observed - base) ** 2) / n),
        "uncertainty": float(base * (1 - base)),
        "brier": brier_score(f, o),
    }


def calibration_table(probabilities, outcomes, bins=10) -> pd.DataFrame:
    """Calibration: the forecasts binned by probability (``bins`` equal bins
    of [0, 1], or a sequence of edges), one row per bin that holds
    forecasts: ``low`` and ``high`` edges, ``n``, ``mean_forecast`` and
    ``observed`` (share that happened). A calibrated forecaster's rows lie
    on the diagonal (mean_forecast ≈ observed).

    >>> calibration_table([0.1, 0.15, 0.9], [0, 1, 1], bins=2)[["n", "observed"]].values.tolist()
    [[2.0, 0.5], [1.0, 1.0]]
    """
    f, o = _forecasts(probabilities, outcomes)
    if np.ndim(bins) == 0:
        edges = np.linspace(0.0, 1.0, check_count("bins", bins) + 1)
    else:
        edges = check_probability("bins", list(bins))
        if edges.size < 2 or np.any(np.diff(edges) <= 0):
            raise ValueError(f"bins = {bins!r}: edges must be at least two increasing probabilities")
    index = np.clip(np.searchsorted(edges, f, side="right") - 1, 0, edges.size - 2)
    inside = (f >= edges[0]) & (f <= edges[-1])
    rows = []
    for k in range(edges.size - 1):
        members = inside & (index == k)
        if members.any():
            rows.append(
                {
                    "low": edges[k], "high": edges[k + 1], "n": int(members.sum()),
                    "mean_forecast": float(f[members].mean()), "observed": float(o[members].mean()),
                }
            )
    return pd.DataFrame(rows, columns=["low", "high", "n", "mean_forecast", "observed"])


# --- verbal hedges -------------------------------------------------------------------


def hedge_bands() -> pd.DataFrame:
    """The likelihood bands (``data/hedge_bands.csv``): ICD 203's seven
    expressions and the course's reading of the articles' other wordings,
    with ``low``, ``high`` and ``midpoint`` (probabilities), indexed by term."""
    table = data.load_table("hedge_bands").set_index("term")
    table["midpoint"] = (table["low"] + table["high"]) / 2
    return table


def hedge_probability(term: str) -> dict[str, float]:
    """The band of a verbal hedge: ``low``, ``high`` and ``midpoint``
    (probabilities). Case-insensitive; ICD 203's synonyms (e.g. "probable"
    for "likely") are accepted.

    >>> hedge_probability("very likely")
    {'low': 0.8, 'high': 0.95, 'midpoint': 0.875}
    """
    if not isinstance(term, str):
        raise ValueError(f"term={term!r}: expected a wording such as 'likely'")
    table = hedge_bands()
    wanted = term.strip().lower()
    for name, row in table.iterrows():
        synonyms = [s.strip().lower() for s in str(row["synonyms"] if pd.notna(row["synonyms"]) else "").split(";") if s.strip()]
        if wanted == name.lower() or wanted in synonyms:
            return {"low": float(row["low"]), "high": float(row["high"]), "midpoint": float(row["midpoint"])}
    raise ValueError(f"term={term!r}: not a known hedge; expected one of {', '.join(table.index)}")


# --- the articles' propositions ----------------------------------------------------------


def propositions(article: str | None = None) -> pd.DataFrame:
    """The articles' predictive claims as dated propositions
    (``data/forecast_propositions.csv``), optionally of one article ("K" or "P")."""
    table = data.load_table("forecast_propositions")
    if article is not None:
        check_choice("article", article, ("K", "P"))
        table = table[table["claim_id"].str.startswith(article)].reset_index(drop=True)
    return table


def scored_propositions(article: str | None = None) -> pd.DataFrame:
    """The resolved propositions with their probability (from the wording),
    outcome (1 happened, 0 did not) and Brier score (f − o)²."""
    table = propositions(article)
    table = table[table["outcome"].isin(["true", "false"])].copy()
    table["outcome_value"] = (table["outcome"] == "true").astype(int)
    table["brier"] = (table["probability"] - table["outcome_value"]) ** 2
    return table.reset_index(drop=True)


def article_scores() -> pd.DataFrame:
    """Per article: how many propositions there are, how many resolved, how
    many cannot be scored, the Brier score of the resolved ones and its
    skill against the coin flip (NaN where nothing resolved).

    >>> list(article_scores().columns)
    ['propositions', 'resolved', 'unresolved', 'not scoreable', 'brier', 'skill vs 0.5']
    """
    rows = {}
    for article in ("K", "P"):
        table = propositions(article)
        scored = scored_propositions(article)
        has = not scored.empty
        rows[article] = {
            "propositions": len(table),
            "resolved": len(scored),
            "unresolved": int((table["outcome"] == "unresolved").sum()),
            "not scoreable": int((table["outcome"] == "not scoreable").sum()),
            "brier": brier_score(scored["probability"], scored["outcome_value"]) if has else np.nan,
            "skill vs 0.5": brier_skill_score(scored["probability"], scored["outcome_value"]) if has else np.nan,
        }
    table = pd.DataFrame(rows).T
    table.index.name = "article"
    return table


def published_forecasts() -> pd.DataFrame:
    """Forecasters' published probabilities on the war and nuclear risk
    (``data/published_forecasts.csv``): the rug marks of lesson 06 and a
    benchmark for lesson 08."""
    return data.load_table("published_forecasts")


def preset(name: str) -> dict:
    """The keyword arguments of :func:`brier_score` for a preset: ``"K"`` and
    ``"P"`` score that article's resolved propositions (probability from
    the wording), ``"neutral"`` the resolved published forecasts of
    professional forecasters (a benchmark). Forecast scores have no K or P
    *conclusion*: they record how the wording fared.

    >>> sorted(preset("P"))
    ['outcomes', 'probabilities']
    """
    name = check_preset_name(name)
    if name == "neutral":
        table = published_forecasts()
        table = table[table["outcome"].isin(["true", "false"])]
        return {"probabilities": table["probability"].to_numpy(dtype=float), "outcomes": (table["outcome"] == "true").to_numpy(dtype=int)}
    table = scored_propositions(name)
    return {"probabilities": table["probability"].to_numpy(dtype=float), "outcomes": table["outcome_value"].to_numpy(dtype=int)}


def preset_results() -> pd.DataFrame:
    """Per preset: the number of resolved forecasts, their Brier score and
    skill against the coin flip.

    >>> list(preset_results().index)
    ['K', 'P', 'neutral']
    """
    rows = {}
    for name in ("K", "P", "neutral"):
        arguments = preset(name)
        n = len(arguments["probabilities"])
        rows[name] = {
            "resolved": n,
            "brier": brier_score(**arguments) if n else np.nan,
            "skill vs 0.5": brier_skill_score(**arguments) if n else np.nan,
        }
    table = pd.DataFrame(rows).T
    table.index.name = "preset"
    return table
