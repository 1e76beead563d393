"""Lesson 09: your verdict. Every assumption the student set in lessons
00–08 in one ledger, the verdict each lesson's model reaches from them, and
the single assumptions that would flip a verdict when set to the other
article's preset value.

The student's values come from their assumptions file
(:mod:`natodebate.assumptions`); a lesson whose panel saved nothing takes
the neutral preset, and the ledger says so. Values are kept as
``{section: {name: value}}`` (sections as in the file: ``crux``,
``weighting_K``, …); :func:`reader_values` gives the K, P and neutral
presets in the same form, so that everything here works the same on the
student's values and on a reader's.

Eight questions get a verdict, one per model (lesson 06 has two): on each
the student sides with **Kagan's reader** (``"K"``), **Petrovics's reader**
(``"P"``) or **neither** (a tie, or a conclusion neither reader reaches).
Each reader's presets side with that reader on all eight (a test checks it).
Lesson 03's fact-check settings are in the ledger but decide no side.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .. import assumptions as store
from .. import data
from . import bargaining, credibility, escalation, forecasts, hypotheses
from .claims import argument_map, article_claims
from .cruxes import crux, crux_strengths, crux_strengths_along
from .validators import check_choice
from .weighting import thesis_strength, weights

__all__ = [
    "QUESTIONS", "READERS", "SIDE_NAMES", "assumption_table", "reader_values", "student_values", "values_from_sections",
    "ledger", "verdicts", "tally", "overall", "flip_table", "flips", "decisive_flips", "reader_verdicts", "reader_flips",
    "position", "side", "position_table", "set_position", "crossings",
]

#: The readers whose presets fill a lesson the student has not saved, and the labels of the sides.
READERS = ("K", "P", "neutral")
SIDE_NAMES = {"K": "Kagan's reader", "P": "Petrovics's reader", "neither": "neither"}
#: Question → (lesson, the question in words, the sections whose values decide it).
QUESTIONS = {
    "crux": ("00", "What did NATO's restraint mainly do?", ("crux",)),
    "weighting": ("01–02", "Whose case stands stronger under your claim weights?", ("weighting_K", "weighting_P")),
    "credibility": ("04", "Does restraint invite a probe?", ("credibility",)),
    "bargaining": ("05", "Does a credible threat avert the war?", ("bargaining",)),
    "decision": ("06", "Intervene or restrain?", ("decision",)),
    "ladder": ("06", "Answer probes, or never?", ("ladder",)),
    "hypotheses": ("07", "Did restraint invite the drones over Poland (H1)?", ("hypotheses",)),
    "hedges": ("08", "Did Petrovics's resolved forecasts beat a coin flip?", ("hedges",)),
}
_SECTION_QUESTION = {section: question for question, (_, _, sections) in QUESTIONS.items() for section in sections}
_WEIGHTING_PRESET = {"K": "persuaded_by_K", "P": "persuaded_by_P", "neutral": "neutral"}
_ORDINAL = {"II": -2, "I": -1, "N": 0, "C": 1, "CC": 2}
#: A tie in thesis strength (lessons 00–02 use the same margin).
_TIE = 0.005

# Words and units of the assumptions that are not claim weights or ACH cells.
_WORDS = {
    ("crux", "answer"): ("restraint mainly showed Putin how far he could go (1) or exposed Russia's weakness (0)", "0–1"),
    ("fair_rounding", "tolerance_pct"): ("tolerance for a fair rounding of a number", "± %"),
    ("fair_rounding", "vintage"): ("SIPRI data vintage the numbers are checked against", "choice"),
    ("credibility", "prior"): ("Russia's prior belief P(R) that NATO would fight for its own soil", "probability"),
    ("credibility", "p_restraint_if_resolute"): ("how often a resolute NATO would restrain like this, P(O | resolute)", "probability"),
    ("credibility", "p_restraint_if_not"): ("how often an irresolute NATO would restrain like this, P(O | not resolute)", "probability"),
    ("credibility", "linkage"): ("linkage ρ: how much restraint over Ukraine says about NATO soil", "0–1"),
    ("credibility", "attribution"): ("attribution a: how much restraint is put down to NATO's character", "0–1"),
    ("credibility", "n"): ("restraints n Russia has observed", "count"),
    ("credibility", "cost"): ("cost C of meeting a resolute NATO, in units of the gain G of a probe", "C/G"),
    ("bargaining", "p_no_intervention"): ("p_N: Russia's chance of winning if NATO stays out", "probability"),
    ("bargaining", "p_intervention"): ("p_I: Russia's chance of winning if NATO intervenes", "probability"),
    ("bargaining", "cost_russia"): ("c_R: Russia's cost of war with Ukraine alone", "share of stake"),
    ("bargaining", "cost_increase"): ("Δc_R: what NATO's entry adds to Russia's cost", "share of stake"),
    ("bargaining", "cost_ukraine"): ("c_U: Ukraine's cost of war", "share of stake"),
    ("bargaining", "q"): ("q: Russia's belief that NATO intervenes, under restraint", "probability"),
    ("bargaining", "q_threat"): ("q: Russia's belief that NATO intervenes, under a credible threat", "probability"),
    ("bargaining", "p_russia"): ("Russia's own estimate of its chance if NATO stays out", "probability"),
    ("bargaining", "p_ukraine"): ("Ukraine's and NATO's estimate of Russia's chance if NATO stays out", "probability"),
    ("decision", "p_nuclear_intervention"): ("π_I: P(nuclear use) if NATO intervenes", "probability"),
    ("decision", "p_nuclear_restraint"): ("π_R: P(nuclear use) under restraint", "probability"),
    ("decision", "delta_benefit"): ("ΔB: what intervening gains over restraint", "stakes"),
    ("decision", "delta_reputation"): ("ΔRep: the reputation restraint costs", "stakes"),
    ("decision", "loss"): ("L: the loss from nuclear use", "stakes"),
    ("ladder", "lr_quiet"): ("LR quiet: how silence after a probe moves Russia's odds on NATO's resolve", "× odds"),
    ("ladder", "lr_response"): ("LR response: how a response moves Russia's odds on NATO's resolve", "× odds"),
    ("ladder", "response_risk"): ("response risk: P(nuclear use) one NATO response itself sets off", "probability"),
    ("hypotheses", "rule"): ("the ACH scoring rule", "choice"),
}
_SHORT = {
    "answer": "crux answer", "prior": "prior P(R)", "p_restraint_if_resolute": "P(O | resolute)", "p_restraint_if_not": "P(O | not resolute)",
    "linkage": "linkage ρ", "attribution": "attribution a", "n": "restraints n", "cost": "cost C/G",
    "p_no_intervention": "p_N", "p_intervention": "p_I", "cost_russia": "c_R", "cost_increase": "Δc_R", "cost_ukraine": "c_U",
    "q": "q restraint", "q_threat": "q threat", "p_russia": "Russia's p_N", "p_ukraine": "Ukraine's p_N",
    "p_nuclear_intervention": "π_I", "p_nuclear_restraint": "π_R", "delta_benefit": "ΔB", "delta_reputation": "ΔRep", "loss": "L",
    "lr_quiet": "LR quiet", "lr_response": "LR response", "response_risk": "response risk",
}
_LOG_SCALE = {("decision", "p_nuclear_intervention"), ("decision", "p_nuclear_restraint"), ("decision", "loss"),
              ("ladder", "lr_quiet"), ("ladder", "lr_response"), ("ladder", "response_risk")}


# --- the values -------------------------------------------------------------------


@functools.cache
def _reader_values(reader: str) -> dict:
    values: dict[str, dict] = {"crux": {"answer": {"K": 1.0, "P": 0.0, "neutral": float(crux("restraint")["start"])}[reader]}}
    for article in ("K", "P"):
        credence, importance = weights(article, _WEIGHTING_PRESET[reader])
        section = {}
        for claim_id in credence:
            section[f"credence.{claim_id}"] = float(credence[claim_id])
            section[f"importance.{claim_id}"] = float(importance[claim_id])
        values[f"weighting_{article}"] = section
    values["fair_rounding"] = {"tolerance_pct": 10.0, "vintage": "first_published"}
    arguments = {**credibility.preset(reader), **credibility.preset(reader, "probe_threshold")}
    values["credibility"] = {
        name: (int(arguments[name]) if name == "n" else float(arguments[name]))
        for name in ("prior", "p_restraint_if_resolute", "p_restraint_if_not", "linkage", "attribution", "n")
    }
    values["credibility"]["cost"] = float(arguments["cost"] / arguments["gain"])
    values["bargaining"] = {k: float(v) for k, v in bargaining.panel_arguments(reader).items()}
    values["decision"] = {k: float(v) for k, v in escalation.preset(reader, "decide").items()}
    values["ladder"] = {k: float(v) for k, v in escalation.preset(reader, "ladder").items()}
    matrix = hypotheses.matrix(reader)
    values["hypotheses"] = {"rule": "heuer", **{f"{e}/{h}": str(matrix.at[e, h]) for e in matrix.index for h in matrix.columns}}
    readings = _hedge_readings()
    mine = readings["reader"] == reader
    values["hedges"] = {hedge: float(value) for hedge, value in zip(readings.loc[mine, "hedge"], readings.loc[mine, "value"])}
    return values


@functools.cache
def _hedge_readings() -> pd.DataFrame:
    # forecasts.reading_preset(reader) builds this table for all readers each time
    return forecasts.reading_presets()


def reader_values(reader: str) -> dict:
    """Every assumption of lessons 00–08 under preset ``"K"``, ``"P"`` or
    ``"neutral"``, as ``{section: {name: value}}`` (a new copy). The crux of
    lesson 00 has no preset row: Kagan's reader answers 1 (the end labelled
    with his reading), Petrovics's 0, the neutral reader the slider's start.
    Lesson 03 has no readers: every preset keeps its defaults (±10 %, the
    first-published vintage), as does the ACH scoring rule (Heuer's count)."""
    check_choice("reader", reader, READERS)
    return {section: dict(values) for section, values in _reader_values(reader).items()}


def values_from_sections(sections: Mapping[str, dict], fill: str = "neutral") -> tuple[dict, dict]:
    """The values of a checked ``sections`` mapping (an assumptions file's,
    :func:`natodebate.assumptions.read_sections`), every section it lacks
    taken from reader ``fill``. Returns ``(values, sources)``, ``sources``
    saying for each section ``"saved"`` or ``"<fill> preset"``."""
    values = reader_values(fill)
    sources = {section: f"{fill} preset" for section in values}
    for section, saved in sections.items():
        sources[section] = "saved"
        if section == "crux":
            values["crux"] = {"answer": float(saved["answer"])}
        elif section.startswith("weighting_"):
            base = reader_values({v: k for k, v in _WEIGHTING_PRESET.items()}[saved["preset"]])[section]
            for kind in ("credence", "importance"):
                for claim_id, weight in saved.get(kind, {}).items():
                    base[f"{kind}.{claim_id}"] = float(weight)
            values[section] = base
        elif section == "fair_rounding":
            values[section] = {"tolerance_pct": float(saved["tolerance_pct"]), "vintage": saved["vintage"]}
        elif section in ("credibility", "bargaining", "decision", "ladder"):
            values[section] = dict(saved["values"])
        elif section == "hypotheses":
            base = reader_values(saved["preset"])["hypotheses"]
            base["rule"] = saved["rule"]
            base.update(saved.get("ratings", {}))
            values[section] = base
        elif section == "hedges":
            values[section] = {**values["hedges"], **{k: float(v) for k, v in saved["readings"].items()}}
    return values, sources


def student_values(path=None) -> tuple[dict, dict]:
    """The student's values and their sources (:func:`values_from_sections`)
    from their assumptions file (``path``, see
    :func:`natodebate.assumptions.assumptions_path`). Raises
    :class:`natodebate.assumptions.AssumptionsError` for a file that cannot be used."""
    return values_from_sections(store.read_sections(path))


# --- what each assumption is -------------------------------------------------------


@functools.cache
def _assumption_rows() -> dict[str, dict]:
    """:func:`assumption_table`'s rows as plain dicts, key → row (in the
    table's order): the ledger, the flips and the walks look rows up
    hundreds of times, and a pandas lookup costs more than the model they feed."""
    readers = {r: _reader_values(r) for r in READERS}
    claims = pd.concat([article_claims("K"), article_claims("P")])
    evidence = data.load_table("ach_evidence").set_index("evidence_id")["item"]
    labels = data.load_table("ach_hypotheses").set_index("hypothesis")["label"]
    rows = {}
    for section, names in readers["neutral"].items():
        lesson = store.SECTIONS[section][:2]
        for name in names:
            if section.startswith("weighting_"):
                kind, claim_id = name.split(".")
                words, unit, scale = f"{claim_id} {kind}: {claims.at[claim_id, 'summary']}", "0–1", "linear"
            elif section == "hypotheses" and name != "rule":
                e, h = name.split("/")
                words, unit, scale = f"ACH rating of {e} ({evidence[e]}) against {h} ({labels[h]})", "II…CC", "ordinal"
            elif section == "hedges":
                words, unit, scale = f"the probability the hedge '{name}' implies", "probability", "linear"
            else:
                words, unit = _WORDS[(section, name)]
                scale = "log" if (section, name) in _LOG_SCALE else ("choice" if unit == "choice" else "linear")
            rows[f"{section}.{name}"] = {
                "section": section, "name": name, "lesson": lesson, "assumption": words,
                "unit": unit, "scale": scale, **{r: readers[r][section][name] for r in READERS},
                "question": None if section == "fair_rounding" else _SECTION_QUESTION[section],
            }
    return rows


@functools.cache
def assumption_table() -> pd.DataFrame:
    """One row per assumption (index ``key`` = "section.name"): ``section``,
    ``name``, ``lesson``, ``assumption`` (in words), ``unit``, ``scale``
    ("linear", "log", "ordinal" or "choice"), the ``K``, ``P`` and
    ``neutral`` preset values and the ``question`` it decides (None for
    lesson 03's)."""
    table = pd.DataFrame([{"key": key, **row} for key, row in _assumption_rows().items()]).set_index("key")
    table[["K", "P", "neutral"]] = table[["K", "P", "neutral"]].astype(object)
    return table


def _numeric(value, scale: str) -> float:
    if scale == "ordinal":
        return float(_ORDINAL[value])
    if scale == "log":
        return math.log10(value)
    return float(value)


def position(value, k_value, p_value, scale: str = "linear") -> float:
    """Where ``value`` lies between Kagan's reader's preset (0) and
    Petrovics's reader's (1), on the assumption's ``scale`` (log for the
    log sliders, II…CC as −2…2 for ratings); NaN where the presets agree or
    the value is a choice."""
    if scale == "choice" or k_value == p_value:
        return math.nan
    k, p, v = (_numeric(x, scale) for x in (k_value, p_value, value))
    return (v - k) / (p - k)


def side(value, k_value, p_value, scale: str = "linear") -> str:
    """Which preset ``value`` is nearer: "K", "P", "between" (as near to
    both) or "—" (the presets agree, or a choice neither preset makes)."""
    if scale == "choice" or k_value == p_value:
        return "K" if value == k_value and k_value != p_value else ("P" if value == p_value and k_value != p_value else "—")
    t = position(value, k_value, p_value, scale)
    return "K" if t < 0.5 - 1e-9 else ("P" if t > 0.5 + 1e-9 else "between")


def _shown(value) -> str:
    if isinstance(value, (bool, np.bool_)) or value is None:
        return str(value)
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.3g}"
    return str(value)


def ledger(values: Mapping[str, dict], sources: Mapping[str, str] | None = None, claims: str = "changed") -> pd.DataFrame:
    """The assumption ledger: one row per assumption with its ``lesson``,
    the ``assumption`` in words, ``yours`` (from ``values``), ``K's
    preset``, ``P's preset``, ``unit``, ``from`` (``sources``: "saved" or
    the preset filled in) and ``nearer`` (which preset your value is nearer:
    K, P, between, or — where the presets agree). ``claims``: ``"all"``
    lists every claim weight and ACH cell, ``"changed"`` (default) only
    those that differ from the neutral preset, plus every ACH cell the two
    readers rate differently; ``"none"`` leaves claim weights out."""
    check_choice("claims", claims, ("all", "changed", "none"))
    rows = []
    for key, row in _assumption_rows().items():
        mine = values[row["section"]][row["name"]]
        is_claim = row["section"].startswith("weighting_")
        is_cell = row["section"] == "hypotheses" and row["name"] != "rule"
        if is_claim and claims == "none":
            continue
        if (is_claim or is_cell) and claims != "all" and mine == row["neutral"] and not (is_cell and row["K"] != row["P"]):
            continue
        rows.append({
            "key": key, "lesson": row["lesson"], "assumption": row["assumption"], "yours": _shown(mine),
            "K's preset": _shown(row["K"]), "P's preset": _shown(row["P"]), "unit": row["unit"],
            "from": (sources or {}).get(row["section"], "—"), "nearer": side(mine, row["K"], row["P"], row["scale"]),
        })
    return pd.DataFrame(rows).set_index("key")


def position_table(values: Mapping[str, dict], base: pd.DataFrame | None = None) -> pd.DataFrame:
    """The assumptions that decide a verdict and on which the two readers'
    presets differ, claim weights aside (index ``key``): ``lesson``,
    ``label`` (short, for a chart), ``assumption``, ``position`` (0 at
    Kagan's reader's preset, 1 at Petrovics's, see :func:`position`),
    ``nearer`` and the ``verdict`` of the question it decides (``base``:
    the :func:`verdicts` of ``values``, if computed)."""
    base = verdicts(values) if base is None else base
    rows = []
    for key, row in _assumption_rows().items():
        if row["question"] is None or row["section"].startswith("weighting_") or row["K"] == row["P"] or row["scale"] == "choice":
            continue
        mine = values[row["section"]][row["name"]]
        label = _SHORT.get(row["name"], row["name"].replace("/", "×") if row["section"] == "hypotheses" else f"'{row['name']}'")
        rows.append({
            "key": key, "lesson": row["lesson"], "label": f"{row['lesson']} {label}", "assumption": row["assumption"],
            "yours": _shown(mine), "position": position(mine, row["K"], row["P"], row["scale"]) + 0.0,
            "nearer": side(mine, row["K"], row["P"], row["scale"]), "verdict": base.at[row["question"], "verdict"],
        })
    return pd.DataFrame(rows).set_index("key")


def _value_at(row: Mapping, where: float, tie: str | None) -> object:
    """The value of assumption ``row`` (of :func:`_assumption_rows`) at
    ``where`` between Kagan's reader's preset (0) and Petrovics's (1)."""
    k, p = _numeric(row["K"], row["scale"]), _numeric(row["P"], row["scale"])
    x = k + where * (p - k)
    if where in (0.0, 1.0):
        return row["K"] if where == 0.0 else row["P"]
    if row["scale"] == "log":
        return float(f"{10**x:.4g}")
    if row["scale"] == "ordinal":
        anchor = {"K": k, "P": p}.get(tie, 0.0)  # halfway between two ratings: the one nearer this
        return min(_ORDINAL, key=lambda r: (abs(_ORDINAL[r] - x), abs(_ORDINAL[r] - anchor)))
    if row["name"] == "n":
        return int(round(x))
    return round(float(x), 6)


def set_position(values: Mapping[str, dict], key: str, where: float, *, tie: str | None = None) -> dict:
    """``values`` with assumption ``key`` moved to ``where`` between
    Kagan's reader's preset (0) and Petrovics's (1), on its scale (a
    rating to the nearest rating, a count to the nearest whole number);
    a new dict. A rating exactly between two ratings goes to the one nearer
    reader ``tie``'s preset ("K" or "P"), or by default to the less extreme
    one (nearer N)."""
    rows = _assumption_rows()
    if key not in rows:
        raise ValueError(f"key={key!r}: not an assumption; expected one of {', '.join(list(rows)[:3])}, …")
    row = rows[key]
    if row["K"] == row["P"] or row["scale"] == "choice":
        raise ValueError(f"key={key!r}: the two presets agree on it (or it is a choice), so it has no position between them")
    if tie is not None:
        check_choice("tie", tie, ("K", "P"))
    changed = dict(values)
    changed[row["section"]] = {**values[row["section"]], row["name"]: _value_at(row, float(where), tie)}
    return changed


# --- the verdicts ---------------------------------------------------------------------


@functools.cache
def _map(article: str):
    return argument_map(article)


def _weights(section: Mapping[str, float]) -> tuple[dict, dict]:
    """(credence, importance) of a ``weighting_<article>`` section, claim id → 0–1."""
    credence = {k[9:]: v for k, v in section.items() if k.startswith("credence.")}
    importance = {k[11:]: v for k, v in section.items() if k.startswith("importance.")}
    return credence, importance


def _theses(article: str, sections: list[Mapping[str, float]]) -> np.ndarray:
    """Thesis strength (0–1) of ``article`` under each ``weighting_<article>``
    section, evaluated as one batch of scenarios (the flips of a reader try a
    hundred weight changes; one at a time, the model's fixed cost per call
    would dominate). A section that does not weigh exactly the article's
    claims with numbers in [0, 1] goes through :func:`thesis_strength`,
    which fills the missing claims from the neutral preset and names any
    bad value."""
    arg = _map(article)
    weighted = set(arg.weighted_ids)
    columns = [(f"credence.{i}", f"importance.{i}") if i in weighted else None for i in arg.ids]
    try:
        if any(len(section) != 2 * len(weighted) for section in sections):
            raise KeyError("not every claim weighed")
        credence = np.array([[section[c[0]] if c else 0.0 for c in columns] for section in sections], dtype=float)
        importance = np.array([[section[c[1]] if c else 0.0 for c in columns] for section in sections], dtype=float)
        if not (np.all((credence >= 0) & (credence <= 1)) and np.all((importance >= 0) & (importance <= 1))):
            raise ValueError("a weight outside [0, 1]")
    except (KeyError, ValueError, TypeError):
        return np.array([thesis_strength(article, "neutral", *_weights(section)) for section in sections])
    return arg.evaluate(credence, importance)[:, arg.ids.index(arg.thesis)]


@functools.lru_cache(maxsize=64)
def _ladder_curve(lr_quiet: float, lr_response: float):
    return escalation.response_risk_curve(lr_quiet, lr_response)


@functools.cache
def _ach_weights() -> dict:
    items = hypotheses.evidence()
    return {"credibility": items["credibility"], "relevance": items["relevance"]}


@functools.cache
def _reading_base():
    return forecasts.reading_base()


def _ach_matrix(section: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """The ACH matrix (hypothesis → {evidence → rating}) of a ``hypotheses`` section."""
    matrix: dict[str, dict[str, str]] = {}
    for cell, rating in section.items():
        if cell != "rule":
            e, h = cell.split("/")
            matrix.setdefault(h, {})[e] = rating
    return matrix


def _ach_side(leaders: list[str]) -> str:
    return "K" if leaders == ["H1"] else ("P" if "H1" not in leaders else "neither")


def _brier_side(brier: float) -> str:
    return "P" if brier < 0.25 else ("K" if brier > 0.25 else "neither")


def _by_strength(k: float, p: float) -> str:
    return "neither" if abs(k - p) < _TIE else ("K" if k > p else "P")


#: How a verdict the model cannot compute begins its "because".
OUTSIDE_MODEL = "outside the model"


def _verdict(question: str, values: Mapping[str, dict]) -> tuple[str, str]:
    """(side, what decided it in words) of one question; "neither" and the
    model's message when the values are each allowed but not together (lesson
    05's cost_russia 0.05 with cost_increase −0.1 makes Russia's cost of war
    negative when NATO is sure to come in)."""
    try:
        return _computed_verdict(question, values)
    except ValueError as error:
        if str(error).startswith("question="):
            raise
        return "neither", f"{OUTSIDE_MODEL}: {error}"


def _computed_verdict(question: str, values: Mapping[str, dict]) -> tuple[str, str]:
    """(side, what decided it in words) of one question; raises ValueError
    when the model cannot be computed for ``values``."""
    if question == "crux":
        answer = values["crux"]["answer"]
        s = crux_strengths("restraint", answer)
        return _by_strength(s["K"], s["P"]), f"answer {answer:.2f}: Kagan's case {s['K']:.1%}, Petrovics's {s['P']:.1%}"
    if question == "weighting":
        k, p = float(_theses("K", [values["weighting_K"]])[0]), float(_theses("P", [values["weighting_P"]])[0])
        return _by_strength(k, p), f"Kagan's case stands at {k:.1%}, Petrovics's at {p:.1%}"
    if question == "credibility":
        v = values["credibility"]
        result = credibility.assess(v["prior"], v["p_restraint_if_resolute"], v["p_restraint_if_not"], v["n"], v["linkage"],
                                    1.0, v["cost"], attribution=v["attribution"])
        probes = bool(result["probes"])
        relation = "<" if probes else "≥"
        return ("K" if probes else "P"), (
            f"P(R) after {int(v['n'])} restraints = {float(result['posterior']):.3f} {relation} θ = {float(result['threshold']):.3f}: "
            + ("Russia probes" if probes else "no probe"))
    if question == "bargaining":
        curve = bargaining.range_curve(**values["bargaining"], points=2)
        war, war_threat = bool(curve["at_restraint"]["war"]), bool(curve["at_threat"]["war"])
        verdict = {(True, False): "K", (True, True): "P"}.get((war, war_threat), "neither")
        return verdict, f"war under restraint: {'yes' if war else 'no'}; under a threat: {'yes' if war_threat else 'no'}"
    if question == "decision":
        result = escalation.decide(**values["decision"])
        go = bool(result["intervene"])
        return ("K" if go else "P"), (
            f"Δπ = {float(result['delta_p']):.3g} {'<' if go else '≥'} Δπ* = {float(result['threshold']):.3g}: "
            + ("intervene" if go else "restrain"))
    if question == "ladder":
        v = values["ladder"]
        risks = _ladder_curve(float(v["lr_quiet"]), float(v["lr_response"])).p_nuclear(float(v["response_risk"]))
        safest = str(risks.idxmin())
        return ("P" if safest == escalation.policy_label(None) else "K"), f"safest policy: {safest} (P(nuclear use) {float(risks.min()):.1%})"
    if question == "hypotheses":
        v = values["hypotheses"]
        leaders = hypotheses.leaders(_ach_matrix(v), v["rule"], **_ach_weights())
        rule = hypotheses.RULE_NAMES[v["rule"]]
        return _ach_side(leaders), f"{rule}: {' and '.join(leaders)} {'tie' if len(leaders) > 1 else 'leads'}"
    if question == "hedges":
        scores = forecasts.reading_scores(values["hedges"], base=_reading_base())
        brier = float(scores.loc["P", "brier"])
        return _brier_side(brier), f"Petrovics's Brier score {brier:.3f} against the coin flip's 0.250"
    raise ValueError(f"question={question!r}: expected one of {', '.join(QUESTIONS)}")


def verdicts(values: Mapping[str, dict], *, previous: pd.DataFrame | None = None, changed: str | None = None) -> pd.DataFrame:
    """One row per question (index): ``lesson``, ``question``, ``verdict``
    ("K", "P" or "neither"), ``sides with`` (in words) and ``because``.
    ``previous`` and ``changed``: the table before one assumption (key
    ``changed``, e.g. "crux.answer") moved; only its question is recomputed."""
    redo = set(QUESTIONS)
    if previous is not None and changed is not None:
        rows = _assumption_rows()
        if changed not in rows:
            raise ValueError(f"changed={changed!r}: not an assumption; expected a key such as {next(iter(rows))!r}")
        redo = {rows[changed]["question"]}
    rows = []
    for question, (lesson, words, _sections) in QUESTIONS.items():
        if question not in redo:
            rows.append({"question_id": question, **previous.loc[question].to_dict()})
            continue
        verdict, because = _verdict(question, values)
        rows.append({"question_id": question, "lesson": lesson, "question": words, "verdict": verdict,
                     "sides with": SIDE_NAMES[verdict], "because": because})
    return pd.DataFrame(rows).set_index("question_id")


def tally(table: pd.DataFrame) -> dict[str, int]:
    """How many questions of a :func:`verdicts` table side with K, with P, with neither."""
    counts = table["verdict"].value_counts()
    return {name: int(counts.get(name, 0)) for name in ("K", "P", "neither")}


def overall(table: pd.DataFrame) -> str:
    """The article whose reader you side with on more questions ("K" or
    "P"), or "neither" when the count is level."""
    counts = tally(table)
    return "K" if counts["K"] > counts["P"] else ("P" if counts["P"] > counts["K"] else "neither")


# --- what would flip it -----------------------------------------------------------------


#: The questions :func:`_sides` answers for many variants in one pass of the model.
_BATCHED = ("crux", "weighting", "hypotheses", "hedges")


def _sides(question: str, variants: list[Mapping[str, dict]]) -> list[str | None]:
    """The verdict of ``question`` under each of ``variants`` (None where the
    model cannot be computed for them); the :data:`_BATCHED` questions in one batch."""
    try:
        if question == "weighting":
            k = _theses("K", [v["weighting_K"] for v in variants])
            p = _theses("P", [v["weighting_P"] for v in variants])
            return [_by_strength(float(a), float(b)) for a, b in zip(k, p)]
        if question == "crux":
            table = crux_strengths_along("restraint", [v["crux"]["answer"] for v in variants])
            return [_by_strength(float(k), float(p)) for k, p in zip(table["K"], table["P"])]
        if question == "hedges":
            return [_brier_side(float(b)) for b in forecasts.reading_briers([v["hedges"] for v in variants], base=_reading_base())]
        rules = {v["hypotheses"]["rule"] for v in variants} if question == "hypotheses" else set()
        if len(rules) == 1:
            found = hypotheses.leaders_for_each([_ach_matrix(v["hypotheses"]) for v in variants], rules.pop(), **_ach_weights())
            return [_ach_side(leaders) for leaders in found]
    except ValueError:
        pass  # a value the model refuses: one at a time below, None for that one
    sides = []
    for variant in variants:
        try:
            sides.append(_computed_verdict(question, variant)[0])
        except ValueError:
            sides.append(None)  # the change makes the model's inputs impossible together: not a flip
    return sides


def flip_table(values: Mapping[str, dict], base: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every single assumption that flips a verdict when set to Kagan's
    reader's or Petrovics's reader's preset value, the others held: one row
    per (assumption, target): ``lesson``, ``assumption``, ``yours``, ``set
    to`` (the preset, "K" or "P"), ``value``, ``question``, ``before`` and
    ``after`` (that question's verdict), ``overall before`` and ``overall
    after``. Assumptions the two presets agree on (and lesson 03's) are not
    tried. ``base``: the :func:`verdicts` of ``values``, if computed."""
    base = verdicts(values) if base is None else base
    counts = tally(base)
    tries: dict[str, list] = {question: [] for question in QUESTIONS}  # question → (key, row, target, changed values)
    for key, row in _assumption_rows().items():
        question = row["question"]
        if question is None or row["K"] == row["P"]:
            continue
        for target in ("K", "P"):
            if values[row["section"]][row["name"]] != row[target]:
                changed = dict(values)
                changed[row["section"]] = {**values[row["section"]], row["name"]: row[target]}
                tries[question].append((key, row, target, changed))
    rows = []
    for question, tried in tries.items():
        before = base.at[question, "verdict"]
        for (key, row, target, _changed), after in zip(tried, _sides(question, [t[3] for t in tried])):
            if after is None or after == before:
                continue
            new_counts = dict(counts)
            new_counts[before] -= 1
            new_counts[after] += 1
            rows.append({
                "key": key, "lesson": row["lesson"], "assumption": row["assumption"],
                "yours": _shown(values[row["section"]][row["name"]]), "set to": target,
                "value": _shown(row[target]), "question": question, "before": before, "after": after,
                "overall before": overall(base),
                "overall after": "K" if new_counts["K"] > new_counts["P"] else ("P" if new_counts["P"] > new_counts["K"] else "neither"),
            })
    order = {key: n for n, key in enumerate(_assumption_rows())}  # the ledger's order, as before the batching
    rows.sort(key=lambda r: (order[r["key"]], r["set to"]))
    columns = ["key", "lesson", "assumption", "yours", "set to", "value", "question", "before", "after", "overall before", "overall after"]
    return pd.DataFrame(rows, columns=columns)


def flips(values: Mapping[str, dict], article: str, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The single assumptions that would take a verdict away from
    ``article`` ("K" or "P") when set to the *other* article's preset value:
    the rows of :func:`flip_table` whose question sided with ``article``
    and whose target is the other article. The same rule for both articles."""
    check_choice("article", article, ("K", "P"))
    other = "P" if article == "K" else "K"
    table = flip_table(values) if table is None else table
    return table[(table["before"] == article) & (table["set to"] == other)].reset_index(drop=True)


def decisive_flips(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a :func:`flip_table` that change the overall verdict."""
    return table[table["overall before"] != table["overall after"]].reset_index(drop=True)


@functools.cache
def _reader_verdict_table(reader: str) -> pd.DataFrame:
    return verdicts(_reader_values(reader))


@functools.cache
def _reader_verdicts() -> pd.DataFrame:
    return pd.DataFrame({reader: _reader_verdict_table(reader)["verdict"] for reader in READERS})


def reader_verdicts() -> pd.DataFrame:
    """The verdict of each question (rows) under each reader's presets
    (columns K, P, neutral), with a last row ``overall``."""
    table = _reader_verdicts().copy()
    table.loc["overall"] = [overall(pd.DataFrame({"verdict": table[r]})) for r in READERS]
    table.columns.name = "reader"
    return table


@functools.cache
def _reader_flip_table(reader: str) -> pd.DataFrame:
    return flip_table(_reader_values(reader), _reader_verdict_table(reader))


def reader_flips(reader: str) -> pd.DataFrame:
    """:func:`flip_table` of reader ``"K"``, ``"P"`` or ``"neutral"``'s presets (computed once)."""
    check_choice("reader", reader, READERS)
    return _reader_flip_table(reader).copy()


# --- where the verdicts sit between the two readers ------------------------------------


def _moved_together(start: str, question: str, where: float) -> dict:
    """Reader ``start``'s presets with every assumption of ``question`` (the
    two readers' presets differ on it; a choice such as a scoring rule stays
    at ``start``'s) moved to ``where`` between Kagan's reader (0) and
    Petrovics's (1)."""
    values = reader_values(start)
    sections = QUESTIONS[question][2]
    for row in _assumption_rows().values():
        if row["section"] in sections and row["K"] != row["P"] and row["scale"] != "choice":
            # as set_position(…, tie=start) does: a rating halfway goes to the starting reader's side
            values[row["section"]][row["name"]] = _value_at(row, where, start)
    return values


@functools.lru_cache(maxsize=1024)
def _verdict_moved(start: str, question: str, where: float) -> str:
    """The verdict of ``question`` with its assumptions moved to ``where``
    from reader ``start``'s presets (the walks and the midpoint meet at 0.5)."""
    return _verdict(question, _moved_together(start, question, where))[0]


def _first_change(start: str, question: str, grid) -> float | None:
    """Walking ``grid`` (positions, in walking order) from reader
    ``start``'s presets, the first position whose verdict is not ``start``'s."""
    if question in _BATCHED:  # the whole walk in one pass costs less than a few steps one at a time
        sides = _sides(question, [_moved_together(start, question, float(w)) for w in grid])
        return next((float(w) for w, side in zip(grid, sides) if side != start), None)
    return next((float(w) for w in grid if _verdict_moved(start, question, float(w)) != start), None)


@functools.lru_cache(maxsize=4)
def _crossings(step: float) -> pd.DataFrame:
    grid = np.round(np.arange(0.0, 1.0 + step / 2, step), 6)
    rows = []
    for question, (lesson, words, _sections) in QUESTIONS.items():
        rows.append({"question_id": question, "lesson": lesson, "question": words,
                     "leaves K at": _first_change("K", question, grid), "leaves P at": _first_change("P", question, grid[::-1]),
                     "midway from K": _verdict_moved("K", question, 0.5), "midway from P": _verdict_moved("P", question, 0.5)})
    return pd.DataFrame(rows).set_index("question_id")


def crossings(step: float = 0.1) -> pd.DataFrame:
    """Where each question's verdict changes hands, by one rule for both
    articles: all the assumptions that decide the question move together
    from one reader's presets towards the other's, in steps of ``step``
    (position 0 = Kagan's reader's presets, 1 = Petrovics's; the other
    questions' values do not matter to it). ``leaves K at``: walking up
    from Kagan's reader's presets, the first position where the verdict is
    no longer K's; ``leaves P at``: walking down from Petrovics's reader's,
    the first position where it is no longer P's. Where the verdict changes
    hands at the midpoint, both are about 0.5; a ``leaves K at`` above 0.5
    means a student midway between the readers still sides with Kagan's
    reader, a ``leaves P at`` below 0.5 the same for Petrovics's.
    ``midway from K``, ``midway from P``: the verdict at 0.5 (choices such as lesson 07's
    scoring rule held at that reader's).

    >>> table = crossings(step=0.25)
    >>> table.loc["crux", ["leaves K at", "leaves P at"]].tolist()
    [0.75, 0.5]
    """
    step = float(step)
    if not 0.0 < step <= 0.5 or abs(round(0.5 / step) * step - 0.5) > 1e-9:
        raise ValueError(f"step={step!r}: must divide 0.5 into whole steps (e.g. 0.05, 0.1, 0.25)")
    return _crossings(step).copy()
