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

from dataclasses import dataclass

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
    "reading_briers",
    "READERS",
    "ReadingBase",
    "reading_base",
    "readable_hedges",
    "reading_presets",
    "reading_preset",
    "scored_readings",
    "reading_scores",
    "reading_thresholds",
    "assess_readings",
    "resolved_within",
    "reading_verdicts",
    "scored_forecasts",
    "threshold_table",
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


# --- lesson 08: reading the hedges --------------------------------------------------------

#: The three readers of the lesson's panel.
READERS = ("K", "P", "neutral")
_SCORABLE = ("true", "false", "unresolved")


@dataclass(frozen=True)
class ReadingBase:
    """What lesson 08's readings apply to, loaded once (a panel keeps one):
    ``table`` (every proposition, with its ``article``), ``hedges`` (the
    readable hedges, :func:`readable_hedges`), ``known`` (every hedge of
    hedge_bands.csv) and ``forecasters`` (the published forecasters'
    benchmark: scored, unresolved, not scoreable, brier, skill vs 0.5)."""

    table: pd.DataFrame
    hedges: tuple[str, ...]
    known: frozenset
    forecasters: dict


def reading_base() -> ReadingBase:
    """Load what :func:`assess_readings` needs once (three tables).

    >>> reading_base().hedges
    ('appear to', 'could', 'tenuous possibility')
    """
    table = propositions()
    table.insert(0, "article", table["claim_id"].str[0])
    scorable = table[table["outcome"].isin(_SCORABLE)]
    benchmark = preset("neutral")
    published = published_forecasts()
    return ReadingBase(
        table=table,
        hedges=tuple(dict.fromkeys(scorable["hedge"])),
        known=frozenset(hedge_bands().index),
        forecasters={
            "scored": len(benchmark["probabilities"]),
            "unresolved": 0,
            "not scoreable": int((published["outcome"] == "not scoreable").sum()),
            "brier": brier_score(**benchmark),
            "skill vs 0.5": brier_skill_score(**benchmark),
        },
    )


def readable_hedges() -> list[str]:
    """The hedges (rows of hedge_bands.csv) of the articles' propositions
    that resolved or can resolve (counterfactuals and disputed conditions
    left out), in the order they first appear: the wordings a reader of
    lesson 08 turns into probabilities.

    >>> readable_hedges()
    ['appear to', 'could', 'tenuous possibility']
    """
    return list(reading_base().hedges)


def _check_readings(readings, base: ReadingBase) -> dict[str, float]:
    """``readings`` (hedge → probability) checked: known hedges, probabilities."""
    if readings is None:
        return {}
    if not isinstance(readings, dict):
        raise ValueError(f"readings={readings!r}: expected a dict hedge → probability, e.g. {{'could': 0.5}}")
    checked = {}
    for term, value in readings.items():
        if term not in base.known:
            raise ValueError(f"readings[{term!r}]: not a hedge of hedge_bands.csv; expected one of {', '.join(sorted(base.known))}")
        checked[term] = float(check_probability(f"readings[{term!r}]", value))
    return checked


def reading_presets() -> pd.DataFrame:
    """How each reader turns each of :func:`readable_hedges` into a
    probability, with the reason: the **neutral** reader takes the middle of
    the hedge's band (what ``forecast_propositions.csv`` records); the
    **P** reader takes the end of the band kindest to Petrovics's resolved
    propositions with that wording (the low end if they did not happen, the
    high end if they did), the **K** reader the other end. A wording gets
    one reading whoever wrote it; where no resolved proposition uses it the
    three readers take the middle. Columns: hedge, reader, value, band
    (text), reason, and justification (the reason with the band).

    >>> reading_presets().query("hedge == 'could'")["value"].tolist()
    [0.45, 0.55, 0.5]
    """
    bands = hedge_bands()
    resolved = scored_propositions("P")
    rows = []
    for term in readable_hedges():
        band = bands.loc[term]
        low, high, middle = float(band["low"]), float(band["high"]), float(band["midpoint"])
        named = band["reads_as"] if isinstance(band["reads_as"], str) and band["reads_as"] else term
        band_text = f"{named}, {low:.2f}–{high:.2f}, " + ("ICD 203" if band["kind"] == "ICD 203" else "a course reading")
        used = resolved[resolved["hedge"] == term]
        outcomes = set(used["outcome_value"])
        if len(outcomes) == 1:
            happened = outcomes == {1}
            kind_end, harsh_end = (high, low) if happened else (low, high)
            ids = ", ".join(used["claim_id"])
            what = "happened" if happened else "did not happen"
            why = {
                "K": f"the end of the band least kind to {ids}, which {what}",
                "P": f"the end of the band kindest to {ids}, which {what}",
            }
            values = {"K": harsh_end, "P": kind_end}
        else:
            values = {"K": middle, "P": middle}
            why = {r: "no resolved proposition of Petrovics's uses it, or they split: the middle of the band, held equal" for r in ("K", "P")}
        values["neutral"] = middle
        why["neutral"] = "the middle of the band, as the course data read it"
        for reader in READERS:
            rows.append({"hedge": term, "reader": reader, "value": round(values[reader], 4), "band": band_text,
                         "reason": why[reader], "justification": f"{why[reader]}; band: {band_text}"})
    return pd.DataFrame(rows)


def reading_preset(name: str) -> dict[str, float]:
    """The readings (hedge → probability) of reader ``"K"``, ``"P"`` or
    ``"neutral"`` (:func:`reading_presets`).

    >>> reading_preset("P")
    {'appear to': 0.55, 'could': 0.55, 'tenuous possibility': 0.2}
    """
    name = check_preset_name(name)
    table = reading_presets()
    table = table[table["reader"] == name]
    return dict(zip(table["hedge"], table["value"].astype(float)))


def scored_readings(readings=None, suppose=None, *, base: ReadingBase | None = None) -> pd.DataFrame:
    """Every proposition of both articles under ``readings`` (hedge →
    probability; a hedge left out keeps the probability the course data
    give it): ``article``, ``probability``, ``status`` ("resolved",
    "supposed", "unresolved" or "not scoreable"), ``outcome_value`` (1, 0 or
    NaN) and ``brier`` ((f − o)², NaN where nothing can be scored).
    ``suppose`` (claim id → True/False) gives an unresolved proposition a
    hypothetical outcome, to see how it would score. ``base``: a
    :func:`reading_base` to reuse.

    >>> scored_readings({"could": 0.6}).set_index("claim_id").loc["P32", ["probability", "brier"]].round(2).tolist()
    [0.6, 0.16]
    """
    base = reading_base() if base is None else base
    readings = _check_readings(readings, base)
    table = base.table.copy()
    outcome = table["outcome"].tolist()
    table["probability"] = [readings.get(h, p) for h, p in zip(table["hedge"], table["probability"])]
    status = [{"true": "resolved", "false": "resolved"}.get(o, o) for o in outcome]
    value = [{"true": 1.0, "false": 0.0}.get(o, np.nan) for o in outcome]
    claim_ids = table["claim_id"].tolist()
    for claim_id, happened in (suppose or {}).items():
        if claim_id not in claim_ids or outcome[claim_ids.index(claim_id)] != "unresolved":
            unresolved = ", ".join(c for c, o in zip(claim_ids, outcome) if o == "unresolved")
            raise ValueError(f"suppose[{claim_id!r}]: only an unresolved proposition can be given an outcome; unresolved: {unresolved}")
        if happened is None:
            continue
        if not isinstance(happened, (bool, np.bool_)):
            raise ValueError(f"suppose[{claim_id!r}]={happened!r}: expected True (it happens), False (it does not) or None")
        i = claim_ids.index(claim_id)
        status[i], value[i] = "supposed", float(happened)
    table["status"] = status
    table["outcome_value"] = value
    table["brier"] = (table["probability"] - table["outcome_value"]) ** 2
    return table


def reading_scores(readings=None, suppose=None, table: pd.DataFrame | None = None, *, base: ReadingBase | None = None) -> pd.DataFrame:
    """Per article (K, P) and for the published forecasters: the forecasts
    ``scored`` (resolved, plus those given an outcome by ``suppose``),
    ``unresolved`` and ``not scoreable``, the ``brier`` score of the scored
    ones and their ``skill vs 0.5`` (NaN where nothing is scored).
    ``table`` is a :func:`scored_readings` result to reuse.

    >>> reading_scores().loc["P", ["scored", "brier"]].round(3).tolist()
    [3.0, 0.27]
    """
    base = reading_base() if base is None else base
    table = scored_readings(readings, suppose, base=base) if table is None else table
    article = table["article"].to_numpy()
    status = table["status"].to_numpy()
    f = table["probability"].to_numpy(dtype=float)
    o = table["outcome_value"].to_numpy(dtype=float)
    rows = {}
    for name in ("K", "P"):
        mine = article == name
        scored = mine & ~np.isnan(o)
        n = int(scored.sum())
        brier = float(np.mean((f[scored] - o[scored]) ** 2)) if n else np.nan
        # skill against always saying 0.5, whose Brier score is 0.25 on any outcomes
        rows[name] = {
            "scored": n,
            "unresolved": int((mine & (status == "unresolved")).sum()),
            "not scoreable": int((mine & (status == "not scoreable")).sum()),
            "brier": brier,
            "skill vs 0.5": 1.0 - brier / 0.25 if n else np.nan,
        }
    rows["forecasters"] = dict(base.forecasters)
    result = pd.DataFrame.from_dict(rows, orient="index")
    result.index.name = "forecasts of"
    return result


def reading_briers(readings_list, article: str = "P", *, base: ReadingBase | None = None) -> np.ndarray:
    """The Brier score of ``article``'s resolved forecasts under each of
    ``readings_list`` (each hedge → probability, as for
    :func:`reading_scores`, whose ``brier`` of ``article`` it equals): one
    number per readings, NaN if nothing of ``article``'s has resolved.
    All at once (lesson 09 tries one changed reading at a time).

    >>> reading_briers([{}, {"could": 0.6}]).round(3).tolist()
    [0.27, 0.24]
    """
    base = reading_base() if base is None else base
    check_choice("article", article, ("K", "P"))
    table = base.table
    resolved = (table["article"] == article) & table["outcome"].isin(("true", "false"))
    hedges, given = table.loc[resolved, "hedge"].tolist(), table.loc[resolved, "probability"].tolist()
    outcome = (table.loc[resolved, "outcome"] == "true").to_numpy(dtype=float)
    checked = [_check_readings(readings, base) for readings in readings_list]
    if not hedges or not checked:
        return np.full(len(checked), np.nan)
    probabilities = np.array([[c.get(h, p) for h, p in zip(hedges, given)] for c in checked], dtype=float)
    return ((probabilities - outcome) ** 2).mean(axis=1)


def reading_thresholds(
    readings=None, suppose=None, article: str = "P", reference: float = 0.5, table: pd.DataFrame | None = None,
    *, base: ReadingBase | None = None,
) -> dict:
    """What would change your mind: for each of :func:`readable_hedges`, the
    readings of that hedge (the others held) at which ``article``'s Brier
    score equals that of a forecaster who always says ``reference`` (0.25
    for the coin flip): a sorted list of 0, 1 or 2 probabilities in [0, 1].
    A hedge ``article`` does not use in a scored proposition gets ``[]``.

    >>> [round(x, 3) for x in reading_thresholds()["appear to"]]
    [0.628]
    """
    check_choice("article", article, ("K", "P"))
    ref = float(check_probability("reference", reference))
    base = reading_base() if base is None else base
    table = scored_readings(readings, suppose, base=base) if table is None else table
    o_all = table["outcome_value"].to_numpy(dtype=float)
    scored = (table["article"].to_numpy() == article) & ~np.isnan(o_all)
    hedge = table["hedge"].to_numpy()[scored]
    brier = table["brier"].to_numpy(dtype=float)[scored]
    o_scored = o_all[scored]
    target = float(np.sum((ref - o_scored) ** 2))
    found = {}
    for term in base.hedges:
        mine = hedge == term
        if not mine.any():
            found[term] = []
            continue
        rest = float(brier[~mine].sum())
        o = o_scored[mine]
        # Σ (x − o_i)² = target − rest  ⇔  m·x² − 2·s·x + (q − target + rest) = 0
        m, s_, q = len(o), float(o.sum()), float((o**2).sum())
        disc = s_**2 - m * (q - target + rest)
        if disc < 0:
            found[term] = []
            continue
        roots = {(s_ - np.sqrt(disc)) / m, (s_ + np.sqrt(disc)) / m}
        found[term] = sorted(min(max(float(r), 0.0), 1.0) for r in roots if -1e-12 <= r <= 1 + 1e-12)
    return found


def assess_readings(readings=None, suppose=None, *, base: ReadingBase | None = None) -> dict:
    """Everything lesson 08's panel shows, in one call: ``readings`` (every
    readable hedge → probability, the course data's where not given),
    ``propositions`` (:func:`scored_readings`), ``scores``
    (:func:`reading_scores`) and ``thresholds`` (:func:`reading_thresholds`
    for Petrovics, against the coin flip). ``base``: a :func:`reading_base`
    to reuse (a panel loads it once).

    >>> result = assess_readings(reading_preset("K"))
    >>> round(float(result["scores"].loc["P", "brier"]), 3)
    0.382
    """
    base = reading_base() if base is None else base
    table = scored_readings(readings, suppose, base=base)
    first = {}
    for term, probability in zip(table["hedge"], table["probability"]):
        if term in base.hedges and term not in first:
            first[term] = float(probability)
    return {
        "readings": first,
        "propositions": table,
        "scores": reading_scores(table=table, base=base),
        "thresholds": reading_thresholds(table=table, base=base),
    }


def resolved_within(months=(6, 12, 24)) -> pd.DataFrame:
    """The asymmetry of time: per article, how many of its propositions had
    resolved (true or false in the course data) within each number of
    ``months`` after the article appeared, and how many can never be scored.

    >>> resolved_within().loc["P"].tolist()
    [0, 3, 3, 2]
    """
    table = propositions()
    rows = {}
    for article in ("K", "P"):
        part = table[table["claim_id"].str.startswith(article)]
        made = pd.to_datetime(part["made"], format="ISO8601")
        resolved = part["outcome"].isin(["true", "false"])
        when = pd.to_datetime(part["resolution_date"].where(resolved), format="ISO8601")
        row = {}
        for m in months:
            limit = made + pd.DateOffset(months=int(check_count("months", m)))
            row[f"within {m} months"] = int(((when <= limit) & resolved).sum())
        row["never scoreable"] = int((part["outcome"] == "not scoreable").sum())
        rows[article] = row
    result = pd.DataFrame(rows).T
    result.index.name = "article"
    return result


def reading_verdicts() -> pd.DataFrame:
    """The three readers side by side: their readings of each hedge, the
    Brier score of Petrovics's resolved propositions and the verdict against
    the coin flip, Kagan's record, and the forecasters' benchmark. Columns
    K, P, neutral.

    >>> reading_verdicts().loc["Petrovics: verdict"].tolist()
    ['worse than a coin flip', 'better than a coin flip', 'worse than a coin flip']
    """
    table = {}
    for reader in READERS:
        result = assess_readings(reading_preset(reader))
        scores = result["scores"]
        column = {f"reads '{term}' as": f"{value:.2f}" for term, value in result["readings"].items()}
        p = scores.loc["P"]
        column["Petrovics: Brier (3 resolved)"] = f"{p['brier']:.3f}"
        column["Petrovics: skill vs 0.5"] = f"{p['skill vs 0.5']:+.2f}"
        column["Petrovics: verdict"] = "better than a coin flip" if p["brier"] < 0.25 else (
            "worse than a coin flip" if p["brier"] > 0.25 else "as good as a coin flip")
        k = scores.loc["K"]
        column["Kagan"] = f"none yet: {int(k['unresolved'])} due, {int(k['not scoreable'])} never"
        for happened, words in ((True, "happens"), (False, "does not happen")):
            supposed = reading_scores(table=scored_readings(reading_preset(reader), {"K37": happened}))
            column[f"Kagan, if K37 {words}"] = f"{supposed.loc['K', 'brier']:.3f}"
        column["forecasters: Brier (5 resolved)"] = f"{scores.loc['forecasters', 'brier']:.3f}"
        table[reader] = column
    frame = pd.DataFrame(table)
    frame.index.name = "reader"
    return frame


def scored_forecasts(readings=None, suppose=None) -> pd.DataFrame:
    """Every forecast that can be scored, the articles' (under ``readings``
    and ``suppose``, see :func:`scored_readings`) and the published
    forecasters' together: ``id``, ``group`` ("Kagan", "Petrovics" or
    "forecasters"), ``question``, ``probability``, ``outcome`` (1 or 0),
    ``brier``: the rows a calibration plot draws.

    >>> scored_forecasts()["group"].value_counts().to_dict()
    {'forecasters': 5, 'Petrovics': 3}
    """
    table = scored_readings(readings, suppose)
    table = table[table["outcome_value"].notna()]
    names = {"K": "Kagan", "P": "Petrovics"}
    articles = pd.DataFrame({
        "id": table["claim_id"], "group": table["article"].map(names), "question": table["proposition"],
        "probability": table["probability"].astype(float), "outcome": table["outcome_value"].astype(int),
    })
    published = published_forecasts()
    published = published[published["outcome"].isin(["true", "false"])]
    others = pd.DataFrame({
        "id": published["forecast_id"], "group": "forecasters", "question": published["forecaster"] + ": " + published["question"],
        "probability": published["probability"].astype(float), "outcome": (published["outcome"] == "true").astype(int),
    })
    result = pd.concat([articles, others], ignore_index=True)
    result["brier"] = (result["probability"] - result["outcome"]) ** 2
    return result


def threshold_table(readings=None, suppose=None) -> pd.DataFrame:
    """What would change your mind, as a table: for each readable hedge, its
    band (low, high), the reading now, where Petrovics's Brier score
    crosses the coin flip's 0.25 when only that hedge moves
    (:func:`reading_thresholds`; "never" if it does not within 0–1) and
    whether that crossing lies inside the band.

    >>> threshold_table().loc["appear to", ["crosses the coin flip at", "inside the band"]].tolist()
    ['0.63', 'yes']
    """
    base = reading_base()
    result = assess_readings(readings, suppose, base=base)
    bands = hedge_bands()
    rows = {}
    for term, crossing in result["thresholds"].items():
        low, high = float(bands.loc[term, "low"]), float(bands.loc[term, "high"])
        rows[term] = {
            "band": f"{low:.2f}–{high:.2f}",
            "reading now": f"{result['readings'][term]:.2f}",
            "crosses the coin flip at": ", ".join(f"{x:.2f}" for x in crossing) or "never",
            "inside the band": ("yes" if any(low <= x <= high for x in crossing) else "no") if crossing else "—",
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "hedge"
    return table
