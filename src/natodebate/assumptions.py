"""The student's assumptions file: what every lesson panel saves (and starts
from when it is created again), lesson 09 reads and the class report collects.

One small JSON file in the student's working folder (the folder the lessons
run in), ``my_assumptions.json`` unless ``$NATODEBATE_ASSUMPTIONS`` names
another file (or a folder to put it in), or a function is given a ``path``.
Everything about the file lives here: its format, reading it (an older
schema version is migrated), checking it (a hand-edited mistake is refused
with a message naming the field and what is allowed) and writing it
(atomically: a temporary file in the same folder, then ``os.replace``, so a
crash never leaves half a file).

The format (``schema_version`` 2)::

    {
      "schema_version": 2,
      "course": "restraint-or-resolve",
      "saved": "2026-03-01T10:15:00Z",
      "student": "Ana K.",                  # only in a file exported to hand in
      "sections": {                          # one per panel, only those saved
        "crux":          {"answer": 0.35},
        "weighting_K":   {"preset": "neutral", "credence": {"K33": 0.6}, "importance": {}},
        "weighting_P":   {"preset": "neutral", "credence": {}, "importance": {"P25": 0.9}},
        "fair_rounding": {"tolerance_pct": 10.0, "vintage": "first_published"},
        "credibility":   {"preset": null, "values": {"prior": 0.6, ...}},
        "bargaining":    {"preset": "K", "values": {...}},
        "decision":      {"preset": null, "values": {...}},
        "ladder":        {"preset": null, "values": {...}, "policy": "never"},
        "hypotheses":    {"preset": "neutral", "rule": "heuer", "ratings": {"D1/H1": "CC"}},
        "hedges":        {"preset": null, "readings": {"could": 0.5, ...}, "suppose_K37": null}
      }
    }

The claim-weighting and ACH sections store the preset the student started
from and only the values they changed (the file stays a few kilobytes); the
other panels store every value. ``preset`` is the preset button still
selected, ``null`` once the student moved a control.

Schema version 1, the layout of this file's first draft, kept the sections
under ``"panels"`` and the claim weights as full ``"weights": {"K33":
[credence, importance], …}`` pairs; it is read and migrated to version 2.

This module belongs to the data layer: it imports only :mod:`natodebate.data`
(panels and models import it, never the other way round).
"""

from __future__ import annotations

import copy
import functools
import json
import math
import os
import re
import tempfile
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from . import data

__all__ = [
    "AssumptionsError", "ForeignFileError", "COURSE_ID", "ENV_VAR", "FILE_NAME", "SCHEMA_VERSION", "SECTIONS",
    "assumptions_path", "validate", "parse", "empty", "read", "read_sections", "save_section", "write", "export", "export_name",
]

#: The default file name, in the folder the lessons run in.
FILE_NAME = "my_assumptions.json"
#: Names another file (or a folder to hold ``FILE_NAME``); tests point it at a temporary folder.
ENV_VAR = "NATODEBATE_ASSUMPTIONS"
#: The version this module writes.
SCHEMA_VERSION = 2
#: What ``"course"`` says in every file of this course (a file without it is not ours).
COURSE_ID = "restraint-or-resolve"

#: Section → the lesson whose panel saves it.
SECTIONS = {
    "crux": "00_start_here",
    "weighting_K": "01_reading_kagan",
    "weighting_P": "02_reading_petrovics",
    "fair_rounding": "03_checking_the_numbers",
    "credibility": "04_does_restraint_signal_weakness",
    "bargaining": "05_bargaining_in_the_shadow_of_intervention",
    "decision": "06_climbing_the_ladder",
    "ladder": "06_climbing_the_ladder",
    "hypotheses": "07_competing_hypotheses",
    "hedges": "08_hindsight_without_hindsight_bias",
}

# Every number a section holds, with the range of the panel's slider (the
# values a student can set; tests/test_assumptions.py compares them with the
# panels): section → name → (low, high, whole number?).
_RANGES: dict[str, dict[str, tuple[float, float, bool]]] = {
    "credibility": {
        "prior": (0.05, 0.95, False), "p_restraint_if_resolute": (0.05, 1.0, False), "p_restraint_if_not": (0.05, 1.0, False),
        "linkage": (0.0, 1.0, False), "attribution": (0.0, 1.0, False), "n": (0, 10, True), "cost": (0.5, 10.0, False),
    },
    "bargaining": {
        "p_no_intervention": (0.0, 1.0, False), "p_intervention": (0.0, 1.0, False), "cost_russia": (0.0, 0.5, False),
        "cost_increase": (-0.3, 0.5, False), "cost_ukraine": (0.0, 0.5, False), "q": (0.0, 1.0, False),
        "q_threat": (0.0, 1.0, False), "p_russia": (0.0, 1.0, False), "p_ukraine": (0.0, 1.0, False),
    },
    "decision": {
        "p_nuclear_intervention": (1e-3, 1.0, False), "p_nuclear_restraint": (1e-3, 10**-0.5, False),
        "delta_benefit": (0.0, 1.0, False), "delta_reputation": (-0.3, 0.5, False), "loss": (1.0, 100.0, False),
    },
    "ladder": {
        "lr_quiet": (10**-0.4, 10**0.2, False), "lr_response": (10**-0.3, 10**0.8, False), "response_risk": (1e-3, 10**-0.7, False),
    },
}
_PANEL_PRESETS = ("K", "P", "neutral")
_WEIGHTING_PRESETS = ("neutral", "persuaded_by_K", "persuaded_by_P")
_VINTAGES = ("first_published", "latest_revision")
_RULES = ("heuer", "open_source_ach", "parc", "bayes")
_RATINGS = ("II", "I", "N", "C", "CC")
_POLICIES = (1, 2, 3, "never")
_SUPPOSED = "suppose_K37"


class AssumptionsError(ValueError):
    """An assumptions file that cannot be used: not JSON, or a field with a
    value this course does not allow (the message names the file, the field
    and what is allowed)."""


class ForeignFileError(AssumptionsError):
    """A JSON file that is not an assumptions file of this course."""


# --- where the file is ----------------------------------------------------------


def assumptions_path(path: str | os.PathLike | None = None) -> Path:
    """The student's assumptions file: ``path`` if given, else
    ``$NATODEBATE_ASSUMPTIONS``, else ``my_assumptions.json`` in the current
    folder (where the lessons run). A folder stands for ``FILE_NAME`` in it."""
    chosen = path if path is not None else os.environ.get(ENV_VAR) or FILE_NAME
    chosen = Path(chosen).expanduser()
    return chosen / FILE_NAME if chosen.is_dir() else chosen


# --- checking ---------------------------------------------------------------------


def _fail(where: str, field: str, value, allowed: str) -> None:
    shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, float) else repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    raise AssumptionsError(f"{where}{field}={shown}: {allowed}")


def _number(where: str, field: str, value, low: float, high: float, whole: bool = False, why: str = "") -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        _fail(where, field, value, f"expected a {'whole ' if whole else ''}number from {low:.4g} to {high:.4g}{why}")
    if whole and value != int(value):
        _fail(where, field, value, f"expected a whole number from {low:g} to {high:g}{why}")
    slack = 1e-9 * max(1.0, abs(high))
    if not low - slack <= value <= high + slack:
        _fail(where, field, value, f"expected a number from {low:.4g} to {high:.4g}{why}")
    return int(value) if whole else float(value)


def _choice(where: str, field: str, value, allowed) -> object:
    if value not in allowed or isinstance(value, bool) and not any(a is value for a in allowed):
        listed = ", ".join(json.dumps(a) for a in allowed)
        _fail(where, field, value, f"expected one of {listed}")
    return value


def _mapping(where: str, field: str, value) -> dict:
    if not isinstance(value, dict):
        _fail(where, field, value, "expected an object ({...})")
    return value


def _keys(where: str, field: str, value: dict, required, optional=()) -> None:
    unknown = [k for k in value if k not in (*required, *optional)]
    if unknown:
        allowed = ", ".join([*required, *optional])
        _fail(where, f"{field}.{unknown[0]}", value[unknown[0]], f"not a field of this section; allowed: {allowed}")
    missing = [k for k in required if k not in value]
    if missing:
        raise AssumptionsError(f"{where}{field}: the field {missing[0]!r} is missing; required: {', '.join(required)}")


def _weighted_ids(article: str) -> tuple[str, ...]:
    # Checked on every save (each slider move): computed once per version of claims.csv.
    return _weighted_ids_of(article, data.table_version("claims"))


@functools.lru_cache(maxsize=8)
def _weighted_ids_of(article: str, _version: tuple) -> tuple[str, ...]:
    claims = data.load_table("claims")
    mine = claims[(claims["article"] == article) & claims["relation"].isin(["supports", "attacks"])]
    return tuple(mine["id"])


def _ach_cells() -> tuple[str, ...]:
    evidence = data.load_table("ach_evidence")["evidence_id"]
    hypotheses = data.load_table("ach_hypotheses")["hypothesis"]
    return tuple(f"{e}/{h}" for e in evidence for h in hypotheses)


def _hedge_terms() -> tuple[str, ...]:
    return tuple(data.load_table("hedge_bands")["term"])


def _check_section(where: str, name: str, value) -> dict:
    field = f"sections.{name}"
    value = _mapping(where, field, value)
    lesson = f" (the range of lesson {SECTIONS[name][:2]}'s slider)"
    if name == "crux":
        _keys(where, field, value, ("answer",))
        return {"answer": _number(where, f"{field}.answer", value["answer"], 0.0, 1.0)}
    if name in ("weighting_K", "weighting_P"):
        _keys(where, field, value, ("preset",), ("credence", "importance"))
        result = {"preset": _choice(where, f"{field}.preset", value["preset"], _WEIGHTING_PRESETS)}
        ids = _weighted_ids(name[-1])
        for kind in ("credence", "importance"):
            given = _mapping(where, f"{field}.{kind}", value.get(kind, {}))
            checked = {}
            for claim_id, weight in given.items():
                if claim_id not in ids:
                    _fail(where, f"{field}.{kind}", claim_id, f"not a weighted claim of article {name[-1]}; allowed: {', '.join(ids[:3])}, … {ids[-1]}")
                checked[claim_id] = _number(where, f"{field}.{kind}.{claim_id}", weight, 0.0, 1.0)
            result[kind] = checked
        return result
    if name == "fair_rounding":
        _keys(where, field, value, ("tolerance_pct", "vintage"))
        return {
            "tolerance_pct": _number(where, f"{field}.tolerance_pct", value["tolerance_pct"], 0.0, 30.0, why=lesson),
            "vintage": _choice(where, f"{field}.vintage", value["vintage"], _VINTAGES),
        }
    if name in _RANGES:
        optional = ("policy",) if name == "ladder" else ()
        _keys(where, field, value, ("preset", "values"), optional)
        result = {"preset": None if value["preset"] is None else _choice(where, f"{field}.preset", value["preset"], _PANEL_PRESETS)}
        values = _mapping(where, f"{field}.values", value["values"])
        _keys(where, f"{field}.values", values, tuple(_RANGES[name]))
        result["values"] = {
            key: _number(where, f"{field}.values.{key}", values[key], low, high, whole, lesson)
            for key, (low, high, whole) in _RANGES[name].items()
        }
        if name == "ladder":
            result["policy"] = _choice(where, f"{field}.policy", value.get("policy", "never"), _POLICIES)
        return result
    if name == "hypotheses":
        _keys(where, field, value, ("preset", "rule"), ("ratings",))
        result = {
            "preset": _choice(where, f"{field}.preset", value["preset"], _PANEL_PRESETS),
            "rule": _choice(where, f"{field}.rule", value["rule"], _RULES),
        }
        cells = _ach_cells()
        ratings = _mapping(where, f"{field}.ratings", value.get("ratings", {}))
        for cell, rating in ratings.items():
            if cell not in cells:
                _fail(where, f"{field}.ratings", cell, f"not a cell of the ACH matrix; allowed: evidence/hypothesis such as {cells[0]!r} … {cells[-1]!r}")
            _choice(where, f"{field}.ratings.{cell}", rating, _RATINGS)
        result["ratings"] = dict(ratings)
        return result
    if name == "hedges":
        _keys(where, field, value, ("preset", "readings"), (_SUPPOSED,))
        result = {"preset": None if value["preset"] is None else _choice(where, f"{field}.preset", value["preset"], _PANEL_PRESETS)}
        terms = _hedge_terms()
        readings = _mapping(where, f"{field}.readings", value["readings"])
        checked = {}
        for term, probability in readings.items():
            if term not in terms:
                _fail(where, f"{field}.readings", term, f"not a hedge of hedge_bands.csv; allowed: {', '.join(terms)}")
            checked[term] = _number(where, f"{field}.readings.{term}", probability, 0.0, 1.0)
        result["readings"] = checked
        result[_SUPPOSED] = _choice(where, f"{field}.{_SUPPOSED}", value.get(_SUPPOSED), (None, True, False))
        return result
    raise AssertionError(name)  # unreachable: names are checked by the caller


def _migrate_1(document: dict, where: str) -> dict:
    """Version 1 → 2: ``panels`` → ``sections``; full weight pairs → credence and importance."""
    if "panels" not in document:
        raise AssumptionsError(f"{where}schema_version=1 file without 'panels': a version 1 file keeps its sections under 'panels'")
    sections = {}
    for name, section in _mapping(where, "panels", document["panels"]).items():
        section = copy.deepcopy(section)
        if name in ("weighting_K", "weighting_P") and isinstance(section, dict) and "weights" in section:
            pairs = _mapping(where, f"panels.{name}.weights", section.pop("weights"))
            for claim_id, pair in pairs.items():
                if not (isinstance(pair, list) and len(pair) == 2):
                    _fail(where, f"panels.{name}.weights.{claim_id}", pair, "expected a pair [credence, importance]")
            section["credence"] = {claim_id: pair[0] for claim_id, pair in pairs.items()}
            section["importance"] = {claim_id: pair[1] for claim_id, pair in pairs.items()}
        sections[name] = section
    migrated = {k: v for k, v in document.items() if k != "panels"}
    migrated.update(schema_version=2, sections=sections)
    return migrated


def validate(document, source: str | os.PathLike = "") -> dict:
    """``document`` (a parsed assumptions file) checked and brought up to
    :data:`SCHEMA_VERSION`; a new dict. ``source`` (a file name) prefixes
    the messages. Raises :class:`ForeignFileError` for JSON that is not this
    course's assumptions file, :class:`AssumptionsError` for a field with a
    value the course does not allow (naming the field and what is allowed)."""
    where = f"{Path(source).name}: " if source else ""
    if not isinstance(document, dict) or "course" not in document or "schema_version" not in document:
        raise ForeignFileError(
            f"{where}not an assumptions file of this course (expected a JSON object with \"course\": {COURSE_ID!r} and a \"schema_version\")"
        )
    if document["course"] != COURSE_ID:
        raise ForeignFileError(f"{where}course={document['course']!r}: this file belongs to another course; expected {COURSE_ID!r}")
    version = document["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        _fail(where, "schema_version", version, f"expected a whole number from 1 to {SCHEMA_VERSION}")
    if version > SCHEMA_VERSION:
        _fail(where, "schema_version", version, f"written by a newer version of the course (this one reads 1 to {SCHEMA_VERSION}); update the course")
    document = _migrate_1(document, where) if version == 1 else copy.deepcopy(document)
    _keys(where, "(top level)", document, ("schema_version", "course", "sections"), ("saved", "student", "exported"))
    for key in ("saved", "exported"):
        if key in document and not isinstance(document[key], str):
            _fail(where, key, document[key], "expected a date and time as text, e.g. \"2026-03-01T10:15:00Z\"")
    if "student" in document and (not isinstance(document["student"], str) or not document["student"].strip()):
        _fail(where, "student", document["student"], "expected the student's name or id as non-empty text")
    sections = _mapping(where, "sections", document["sections"])
    checked = {}
    for name, section in sections.items():
        if name not in SECTIONS:
            _fail(where, "sections", name, f"not a section of this course; allowed: {', '.join(SECTIONS)}")
        checked[name] = _check_section(where, name, section)
    document["sections"] = checked
    return document


def parse(text: str, source: str | os.PathLike = "") -> dict:
    """An assumptions file's text, parsed and checked (:func:`validate`)."""
    where = f"{Path(source).name}: " if source else ""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise AssumptionsError(f"{where}not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    return validate(document, source)


def empty() -> dict:
    """A document with no section saved yet."""
    return {"schema_version": SCHEMA_VERSION, "course": COURSE_ID, "sections": {}}


def read(path: str | os.PathLike | None = None, *, missing_ok: bool = True) -> dict:
    """The assumptions file at :func:`assumptions_path` (``path``), checked
    and migrated; :func:`empty` if there is none (``missing_ok``)."""
    file = assumptions_path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        if missing_ok:
            return empty()
        raise AssumptionsError(f"{file}: no such file") from None
    except UnicodeDecodeError as error:
        raise AssumptionsError(f"{file.name}: not UTF-8 text ({error.reason})") from None
    return parse(text, file)


def read_sections(path: str | os.PathLike | None = None) -> dict[str, dict]:
    """Section → settings of the student's file (none if nothing is saved)."""
    return read(path)["sections"]


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def write(document: dict, path: str | os.PathLike | None = None) -> Path:
    """Check ``document`` and write it to ``path`` (:func:`assumptions_path`)
    atomically: a temporary file in the same folder, then ``os.replace``."""
    file = assumptions_path(path)
    checked = validate(document, file)
    text = json.dumps(checked, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    file.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return file


def save_section(section: str, settings: dict, path: str | os.PathLike | None = None) -> Path:
    """Save one panel's ``settings`` as ``section`` of the student's file
    (the other sections are kept). Refuses to overwrite a file it cannot
    read (a hand-edited mistake is the student's to fix, not to lose)."""
    if section not in SECTIONS:
        raise ValueError(f"section={section!r}: expected one of {', '.join(SECTIONS)}")
    file = assumptions_path(path)
    try:
        document = read(file)
    except AssumptionsError as error:
        raise AssumptionsError(f"{error} — the file was not overwritten; correct it or delete it") from None
    document["sections"][section] = settings
    document["saved"] = _now()
    return write(document, file)


def export_name(student: str) -> str:
    """The file name an export for ``student`` gets: ``assumptions_<name>.json``
    with the name in lower-case ASCII letters, digits and hyphens."""
    if not isinstance(student, str) or not student.strip():
        raise ValueError(f"student={student!r}: expected your name or student id (non-empty text)")
    plain = unicodedata.normalize("NFKD", student).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    if not slug:
        raise ValueError(f"student={student!r}: expected a name or id with at least one letter or digit")
    return f"assumptions_{slug[:60]}.json"


def export(student: str, folder: str | os.PathLike = ".", source: str | os.PathLike | None = None) -> Path:
    """Write the student's assumptions (from ``source``, default
    :func:`assumptions_path`) to hand in: ``folder/assumptions_<name>.json``
    with ``student`` and the time of export. Returns the file written."""
    name = export_name(student)
    document = read(source)
    document["student"] = student.strip()
    document["exported"] = _now()
    return write(document, Path(folder) / name)
