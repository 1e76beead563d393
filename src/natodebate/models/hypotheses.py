"""Lesson 07 — Analysis of Competing Hypotheses (Heuer, *Psychology of
Intelligence Analysis*, 1999, ch. 8): why did Russia send drones over
Poland on 9–10 September 2025?

A **matrix** has one row per item of evidence and one column per
hypothesis; each cell rates how consistent the evidence is with the
hypothesis: ``CC`` (very consistent), ``C``, ``N`` (neutral), ``I``
(inconsistent), ``II`` (very inconsistent) or ``NA`` (not applicable), as in
the ACH software. Work across the matrix (one item against every
hypothesis); evidence consistent with every hypothesis has no diagnostic
value. The scoring rules of the course design (:data:`RULES`):

* ``heuer`` — Heuer/Pherson count: S_h = #{e : R[e,h] ∈ {I, II}};
  fewest inconsistencies = tentatively most likely;
* ``open_source_ach`` — Burton's Open Source ACH: v(II) = 2, v(I) = 1,
  others 0; IS_h = Σ_e v(R[e,h])·w_e with credibility weight High 2,
  Medium 1, Low 0.5; lowest = most likely;
* ``parc`` — PARC ACH 2.0 weighted inconsistency (as reported): Cons II = −2,
  I = −1, others 0; Cred, Rel ∈ {1/√2, 1, √2} (Low, Medium, High);
  WIS_h = Σ_e Cred_e·Rel_e·Cons[e,h]; closest to 0 = most likely;
* ``bayes`` — a naive-Bayes reading: P(E|H) = .95 (CC), .80 (C), .50 (N),
  .20 (I), .05 (II), NA ignored; P(H|E) ∝ P(H)·Π_e P(E_e|H) (assumes the
  evidence is conditionally independent: discuss); highest = most likely;
* ``diagnosticity`` — per evidence row, not per hypothesis: ratings mapped
  to c = 2, 1, 0, −1, −2 (CC…II), D_e = max_h c − min_h c (0: no
  diagnostic value). Open Source ACH sorts by Σ_h v(R[e,h]) instead
  (:func:`diagnosticity` with ``rule="open_source_ach"``), which ranks an
  item inconsistent with every hypothesis as highly diagnostic — contrary to
  Heuer.

Every score is independent of the order of hypotheses and evidence rows.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import data
from ._presets import check_preset_name
from .validators import check_choice, check_probability

__all__ = [
    "RATINGS",
    "RULES",
    "CONSISTENCY",
    "LIKELIHOOD",
    "check_matrix",
    "scores",
    "ranking",
    "leaders",
    "leaders_for_each",
    "diagnosticity",
    "flips",
    "flip_finder",
    "disagreement",
    "hypotheses",
    "evidence",
    "ratings",
    "matrix",
    "preset",
    "preset_results",
    "RULE_NAMES",
    "BEST_SCORE",
    "RATING_NAMES",
    "assess",
    "score_table",
    "contested_cells",
    "preset_flips",
    "preset_verdicts",
    "diagnosticity_table",
    "preset_changes",
]

#: The ratings of the ACH software, most to least consistent, then "not applicable".
RATINGS = ("CC", "C", "N", "I", "II", "NA")
#: The scoring rules, see the module docstring.
RULES = ("heuer", "open_source_ach", "parc", "bayes", "diagnosticity")
#: c for diagnosticity (and flip steps): CC 2 … II −2.
CONSISTENCY = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}
#: P(E|H) for the naive-Bayes reading.
LIKELIHOOD = {"CC": 0.95, "C": 0.80, "N": 0.50, "I": 0.20, "II": 0.05}
#: Open Source ACH inconsistency values and credibility weights.
OPEN_SOURCE_VALUE = {"II": 2, "I": 1}
OPEN_SOURCE_WEIGHT = {"High": 2.0, "Medium": 1.0, "Low": 0.5}
#: PARC ACH 2.0 consistency values and credibility/relevance weights.
PARC_VALUE = {"II": -2, "I": -1}
PARC_WEIGHT = {"High": math.sqrt(2), "Medium": 1.0, "Low": 1 / math.sqrt(2)}
#: Class disagreement: ratings on a scale, and the SD bands (upper bounds).
DISAGREEMENT_SCALE = {"II": -2.0, "I": -1.5, "N": 0.0, "C": 1.5, "CC": 2.0}
DISAGREEMENT_BANDS = ((0.25, "consensus"), (1.0, "mild"), (1.74, "strong"), (math.inf, "extreme"))
LEVELS = ("High", "Medium", "Low")
#: Which score is best for each rule: the lowest, the one closest to 0, the highest.
_BEST = {"heuer": "low", "open_source_ach": "low", "parc": "high", "bayes": "high"}
#: The rules that rank hypotheses, as a lesson names them.
RULE_NAMES = {"heuer": "Heuer count", "open_source_ach": "Open Source ACH", "parc": "PARC weighted", "bayes": "naive Bayes"}
#: Which score is best under each rule, in words (PARC's scores are all ≤ 0).
BEST_SCORE = {"heuer": "lowest", "open_source_ach": "lowest", "parc": "closest to 0", "bayes": "highest"}
#: What each rating means (the ACH software's scale).
RATING_NAMES = {
    "CC": "very consistent", "C": "consistent", "N": "neutral", "I": "inconsistent", "II": "very inconsistent",
    "NA": "not applicable",
}


# --- checking a matrix ----------------------------------------------------------


def check_matrix(matrix) -> pd.DataFrame:
    """``matrix`` as a DataFrame of ratings (rows: evidence, columns:
    hypotheses), ratings upper-cased and stripped; raises ``ValueError`` for
    an empty matrix, duplicate labels or an unknown rating (naming the cell
    and the allowed ratings).

    >>> check_matrix({"H1": {"E1": "c"}, "H2": {"E1": "II"}}).loc["E1"].tolist()
    ['C', 'II']
    """
    frame, codes = _prepared(matrix)
    return pd.DataFrame(np.asarray(RATINGS, dtype=object)[codes], index=frame.index, columns=frame.columns)


@dataclass(frozen=True)
class _Labels:
    """A checked matrix's row and column labels (what the scoring needs besides the codes)."""

    index: pd.Index
    columns: pd.Index

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.index), len(self.columns)


def _prepared(matrix) -> tuple[_Labels, np.ndarray]:
    """The matrix's labels and its ratings as codes (indices into :data:`RATINGS`)."""
    try:
        frame = matrix if isinstance(matrix, pd.DataFrame) else pd.DataFrame(matrix)
    except (TypeError, ValueError) as err:
        raise ValueError(f"matrix: expected a table of ratings (rows: evidence, columns: hypotheses): {err}") from None
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise ValueError(f"matrix is empty ({frame.shape[0]} evidence rows × {frame.shape[1]} hypotheses); it needs at least one of each")
    for axis, labels in (("evidence", frame.index), ("hypothesis", frame.columns)):
        repeated = labels[labels.duplicated()].unique().tolist()
        if repeated:
            raise ValueError(f"matrix: {axis} {repeated[0]!r} appears more than once; each {axis} needs its own label")
    raw = frame.to_numpy(dtype=object)
    codes = np.empty(raw.shape, dtype=np.intp)
    for (i, j), value in np.ndenumerate(raw):
        code = _code(value)
        if code is None:
            raise ValueError(
                f"matrix[{frame.index[i]!r}, {frame.columns[j]!r}]={value!r}: unknown rating; expected one of {', '.join(RATINGS)}"
            )
        codes[i, j] = code
    return _Labels(frame.index, frame.columns), codes


_CODE = {rating: code for code, rating in enumerate(RATINGS)}


def _code(value) -> int | None:
    """The code of a rating as written (any case, spaces around, "N/A" for
    NA), or None if it is not a rating."""
    rating = value.strip().upper() if isinstance(value, str) else value
    rating = "NA" if rating == "N/A" else rating
    return _CODE.get(rating) if isinstance(rating, str) else None


def _codes_like(matrix, labels: _Labels) -> np.ndarray | None:
    """The codes of ``matrix`` (hypothesis → {evidence → rating}) laid out
    as ``labels`` (of an already checked matrix), or None unless it has
    exactly those labels (hypotheses in the same order) and only known
    ratings (then check it in full)."""
    if not isinstance(matrix, Mapping) or list(matrix) != list(labels.columns):  # leaders come in the matrix's column order
        return None
    codes = np.empty(labels.shape, dtype=np.intp)
    for j, hypothesis in enumerate(labels.columns):
        column = matrix.get(hypothesis)
        if not isinstance(column, Mapping) or len(column) != len(labels.index):
            return None
        for i, evidence_id in enumerate(labels.index):
            code = _code(column.get(evidence_id))
            if code is None:
                return None
            codes[i, j] = code
    return codes
_NA = _CODE["NA"]
#: Per rating code (CC, C, N, I, II, NA): what each rule adds up.
_RULE_VALUES = {
    "heuer": np.array([0, 0, 0, 1, 1, 0], dtype=float),
    "open_source_ach": np.array([0, 0, 0, OPEN_SOURCE_VALUE["I"], OPEN_SOURCE_VALUE["II"], 0], dtype=float),
    "parc": np.array([0, 0, 0, PARC_VALUE["I"], PARC_VALUE["II"], 0], dtype=float),
    "bayes": np.array([math.log(LIKELIHOOD[r]) for r in RATINGS[:-1]] + [0.0]),  # NA: no information
}
_CONSISTENCY_CODES = np.array([CONSISTENCY.get(r, 0) for r in RATINGS], dtype=float)


def _levels(name: str, values, rows: pd.Index) -> np.ndarray:
    """Credibility or relevance per evidence row: High, Medium or Low (Medium if not given)."""
    if values is None:
        return np.full(len(rows), "Medium", dtype=object)
    lookup = values if isinstance(values, Mapping) else pd.Series(values).to_dict()
    levels = []
    for evidence_id in rows:
        if evidence_id not in lookup:
            raise ValueError(f"{name}: no value for evidence {evidence_id!r}; give High, Medium or Low for every row")
        level = lookup[evidence_id]
        level = level.strip().capitalize() if isinstance(level, str) else level
        if level not in LEVELS:
            raise ValueError(f"{name}[{evidence_id!r}]={level!r}: expected one of High, Medium, Low")
        levels.append(level)
    return np.array(levels, dtype=object)


def _prior(prior, columns: pd.Index) -> np.ndarray:
    if prior is None:
        return np.full(len(columns), 1.0 / len(columns))
    series = pd.Series(prior)
    missing = [h for h in columns if h not in series.index]
    if missing:
        raise ValueError(f"prior: no probability for hypothesis {missing[0]!r}")
    values = check_probability("prior", series.reindex(columns).to_numpy(dtype=float))
    if values.sum() <= 0:
        raise ValueError("prior: the probabilities sum to 0; at least one hypothesis needs a prior > 0")
    return values / values.sum()


def _rule(frame: _Labels, rule: str, credibility, relevance, prior) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For ``rule``: the value of each rating code, the weight of each
    evidence row and the offset of each hypothesis; a hypothesis's score is
    Σ_e value[R[e,h]]·weight_e + offset_h (for bayes: its log posterior, up
    to a constant)."""
    rows = frame.index
    weights = np.ones(len(rows))
    offset = np.zeros(frame.shape[1])
    if rule == "open_source_ach":
        weights = np.array([OPEN_SOURCE_WEIGHT[v] for v in _levels("credibility", credibility, rows)])
    elif rule == "parc":
        weights = np.array([PARC_WEIGHT[v] for v in _levels("credibility", credibility, rows)]) * np.array(
            [PARC_WEIGHT[v] for v in _levels("relevance", relevance, rows)]
        )
    elif rule == "bayes":
        with np.errstate(divide="ignore"):
            offset = np.log(_prior(prior, frame.columns))
    return _RULE_VALUES[rule], weights, offset


def _raw_scores(codes: np.ndarray, values: np.ndarray, weights: np.ndarray, offset: np.ndarray) -> np.ndarray:
    return (values[codes] * weights[:, None]).sum(axis=0) + offset


def _leader_mask(raw: np.ndarray, rule: str) -> np.ndarray:
    """Which hypotheses rank first (last axis), scores compared to 9 decimals
    (sums of √2 weights or of logarithms differ in the last bits with the
    order of the rows)."""
    key = np.round(raw, 9) * (1 if _BEST[rule] == "low" else -1)
    key = np.where(np.isnan(key), np.inf, key)
    return key == key.min(axis=-1, keepdims=True)


# --- scores -------------------------------------------------------------------------


def scores(matrix, rule: str = "heuer", *, credibility=None, relevance=None, prior=None) -> pd.Series:
    """One score per hypothesis under ``rule`` (see :data:`RULES` and the
    module docstring), indexed like the matrix's columns; for
    ``rule="diagnosticity"`` one score per evidence row instead.
    ``credibility`` and ``relevance`` (mappings evidence → High, Medium, Low;
    Medium if left out) weight the ``open_source_ach`` (credibility only)
    and ``parc`` rules; ``prior`` (hypothesis → probability, uniform if left
    out) is the naive-Bayes prior.

    >>> m = {"H1": {"E1": "C", "E2": "I"}, "H2": {"E1": "II", "E2": "C"}}
    >>> scores(m, "heuer").tolist()
    [1, 1]
    >>> scores(m, "open_source_ach", credibility={"E1": "High", "E2": "Low"}).tolist()
    [0.5, 4.0]
    >>> scores(m, "bayes").round(3).tolist()
    [0.8, 0.2]
    """
    frame, codes = _prepared(matrix)
    check_choice("rule", rule, RULES)
    if rule == "diagnosticity":
        return diagnosticity(matrix)
    return _score_series(frame, rule, _raw_scores(codes, *_rule(frame, rule, credibility, relevance, prior)))


def _score_series(frame: _Labels, rule: str, raw: np.ndarray) -> pd.Series:
    """The raw sums of ``rule`` as :func:`scores` returns them: counts as
    integers, naive-Bayes log scores as posteriors."""
    if rule == "heuer":
        raw = raw.astype(int)
    elif rule == "bayes":
        shifted = np.exp(raw - np.max(raw))
        raw = shifted / shifted.sum()
    values = pd.Series(raw, index=frame.columns, name=rule)
    values.index.name = "hypothesis"
    return values


def ranking(matrix, rule: str = "heuer", **weights) -> pd.Series:
    """The rank of each hypothesis under ``rule`` (1 = most likely; tied
    hypotheses share the better rank), indexed like the matrix's columns.

    >>> ranking({"H1": {"E1": "C"}, "H2": {"E1": "I"}, "H3": {"E1": "C"}}).tolist()
    [1, 3, 1]
    """
    if rule == "diagnosticity":
        raise ValueError("rule = 'diagnosticity' scores evidence rows, not hypotheses; use diagnosticity(matrix)")
    check_choice("rule", rule, RULES)
    frame, codes = _prepared(matrix)
    raw = _raw_scores(codes, *_rule(frame, rule, weights.get("credibility"), weights.get("relevance"), weights.get("prior")))
    key = pd.Series(np.round(raw, 9) * (1 if _BEST[rule] == "low" else -1), index=frame.columns)
    return key.rank(method="min").astype(int).rename("rank")


def leaders(matrix, rule: str = "heuer", **weights) -> list[str]:
    """The hypotheses ranked first under ``rule`` (more than one if tied),
    in the matrix's column order.

    >>> leaders({"H1": {"E1": "C"}, "H2": {"E1": "I"}})
    ['H1']
    """
    return leaders_for_each([matrix], rule, **weights)[0]


def leaders_for_each(matrices, rule: str = "heuer", **weights) -> list[list[str]]:
    """:func:`leaders` of every matrix in ``matrices`` (the same ``rule``
    and ``weights`` for all): one pass of the scoring for all the matrices
    that have the first one's labels, given as hypothesis → {evidence →
    rating} (lesson 09 tries one changed rating at a time); any other is
    checked and scored on its own.

    >>> leaders_for_each([{"H1": {"E1": "C"}, "H2": {"E1": "I"}}, {"H1": {"E1": "I"}, "H2": {"E1": "I"}}])
    [['H1'], ['H1', 'H2']]
    """
    matrices = list(matrices)
    if rule == "diagnosticity":
        raise ValueError("rule = 'diagnosticity' scores evidence rows, not hypotheses; use diagnosticity(matrix)")
    check_choice("rule", rule, RULES)
    if not matrices:
        return []
    labels, first = _prepared(matrices[0])
    codes = [first] + [_codes_like(matrix, labels) for matrix in matrices[1:]]
    alike = [k for k, c in enumerate(codes) if c is not None]
    values, row_weights, offset = _rule(labels, rule, weights.get("credibility"), weights.get("relevance"), weights.get("prior"))
    raw = (values[np.stack([codes[k] for k in alike])] * row_weights[None, :, None]).sum(axis=1) + offset
    result: list[list[str] | None] = [None] * len(matrices)
    for k, mask in zip(alike, _leader_mask(raw, rule)):
        result[k] = [h for h, lead in zip(labels.columns, mask) if lead]
    for k, found in enumerate(result):
        if found is None:  # other labels, or a rating to report: check and score it on its own
            result[k] = leaders_for_each([matrices[k]], rule, **weights)[0]
    return result


def diagnosticity(matrix, rule: str = "heuer") -> pd.Series:
    """Diagnosticity of each evidence row. ``rule="heuer"``: D_e = max_h c −
    min_h c with c = 2, 1, 0, −1, −2 for CC, C, N, I, II (NA cells left
    out; 0 = no diagnostic value: drop the row, Heuer's step 4).
    ``rule="open_source_ach"``: Σ_h v(R[e,h]) with v(II) = 2, v(I) = 1 (the
    Open Source ACH sort, which calls a row inconsistent with everything
    diagnostic).

    >>> m = {"H1": {"E1": "C", "E2": "I"}, "H2": {"E1": "C", "E2": "II"}}
    >>> diagnosticity(m).tolist(), diagnosticity(m, "open_source_ach").tolist()
    ([0, 1], [0, 3])
    """
    frame, codes = _prepared(matrix)
    check_choice("rule", rule, ("heuer", "open_source_ach"))
    return _diagnosticity(frame, codes, rule)


def _diagnosticity(frame: _Labels, codes: np.ndarray, rule: str) -> pd.Series:
    if rule == "heuer":
        c = np.where(codes == _NA, np.nan, _CONSISTENCY_CODES[codes])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a row of NA only
            spread = np.nanmax(c, axis=1) - np.nanmin(c, axis=1)
        values = np.nan_to_num(spread).astype(int)
    else:
        values = _RULE_VALUES["open_source_ach"][codes].sum(axis=1).astype(int)
    result = pd.Series(values, index=frame.index, name="diagnosticity")
    result.index.name = "evidence"
    return result


# --- the flip finder (Heuer's step 6: how sensitive is the conclusion?) ------------------


def flips(matrix, rule: str = "heuer", **weights) -> pd.DataFrame:
    """Every single-cell change that changes which hypotheses rank first.

    Each rated cell (NA cells are left alone) is tried with each other
    rating. One row per change that alters the set of leaders:
    ``evidence``, ``hypothesis``, ``rating`` (now), ``new_rating``,
    ``step`` (how far the rating moves on the CC…II scale, 1–4),
    ``leaders_before``, ``leaders_after`` (joined by ", ") and ``kind``:
    "new leader" (none of the old leaders still leads: the ranking
    reverses), "tie broken" (fewer of the old leaders lead) or "tie made"
    (a hypothesis joins the old leaders, which lose their sole lead).
    Sorted by kind in that order, then by step, then in matrix order.
    Under the Heuer count a single cell moves one count by one, so a sole
    leader can at most be tied ("tie made"), never overtaken. All changes
    are scored at once (a change alters one hypothesis's score by the
    difference of two ratings' values).

    >>> m = {"H1": {"E1": "C", "E2": "N"}, "H2": {"E1": "I", "E2": "N"}}
    >>> flips(m, "bayes").iloc[0][["evidence", "hypothesis", "new_rating", "kind"]].tolist()
    ['E2', 'H1', 'II', 'new leader']
    """
    found = _flip_candidates(matrix, rule, weights)
    frame, cell, old, new, before, after, kind, step = found
    rows = [_flip_row(frame, cell, old, new, before, after, kind, step, k) for k in np.lexsort((np.arange(len(kind)), step, kind))]
    columns = ["evidence", "hypothesis", "rating", "new_rating", "step", "leaders_before", "leaders_after", "kind"]
    return pd.DataFrame(rows, columns=columns)


_KINDS = ("new leader", "tie broken", "tie made")


def _flip_candidates(matrix, rule: str, weights: dict):
    """Every single-cell change that alters the leaders, scored at once (a
    change alters one hypothesis's score by the difference of two ratings'
    values): the labels, the changed cells, old and new codes, the leader
    masks before and after, the kind (index into _KINDS) and the step."""
    check_choice("rule", rule, tuple(_BEST))
    frame, codes = _prepared(matrix)
    values, row_weights, offset = _rule(frame, rule, weights.get("credibility"), weights.get("relevance"), weights.get("prior"))
    return _flips_of(frame, codes, rule, values, row_weights, offset)


def _flips_of(frame: _Labels, codes: np.ndarray, rule: str, values: np.ndarray, row_weights: np.ndarray, offset: np.ndarray):
    """:func:`_flip_candidates` for a prepared matrix and rule."""
    base = _raw_scores(codes, values, row_weights, offset)
    before = _leader_mask(base, rule)
    rated = np.argwhere(codes != _NA)
    new_codes = np.arange(len(CONSISTENCY))
    cell = np.repeat(rated, len(new_codes), axis=0)
    new = np.tile(new_codes, len(rated))
    old = codes[cell[:, 0], cell[:, 1]]
    keep = new != old
    cell, new, old = cell[keep], new[keep], old[keep]
    candidates = np.repeat(base[None, :], len(new), axis=0)
    candidates[np.arange(len(new)), cell[:, 1]] += (values[new] - values[old]) * row_weights[cell[:, 0]]
    after = _leader_mask(candidates, rule)
    changed = np.any(after != before, axis=1)
    cell, new, old, after = cell[changed], new[changed], old[changed], after[changed]
    kept_lead = np.any(after & before, axis=1)
    subset = np.all(after <= before, axis=1)
    kind = np.where(~kept_lead, 0, np.where(subset, 1, 2))
    step = np.abs(_CONSISTENCY_CODES[new] - _CONSISTENCY_CODES[old]).astype(int)
    return frame, cell, old, new, before, after, kind, step


def _flip_row(frame, cell, old, new, before, after, kind, step, k) -> dict:
    hypotheses_ = list(frame.columns)
    return {
        "evidence": frame.index[cell[k, 0]],
        "hypothesis": hypotheses_[cell[k, 1]],
        "rating": RATINGS[old[k]],
        "new_rating": RATINGS[new[k]],
        "step": int(step[k]),
        "leaders_before": ", ".join(h for h, lead in zip(hypotheses_, before) if lead),
        "leaders_after": ", ".join(h for h, lead in zip(hypotheses_, after[k]) if lead),
        "kind": _KINDS[kind[k]],
    }


def flip_finder(matrix, rule: str = "heuer", **weights) -> dict | None:
    """Heuer's step 6: the single cell whose smallest change upsets the
    ranking — the first row of :func:`flips` as a dict: a change that
    reverses the ranking ("new leader") if there is one, else one that
    decides a tie at the top ("tie broken"), else one that costs the leader
    its sole lead ("tie made"); ``None`` if no single cell changes which
    hypotheses lead (the conclusion is robust to any one rating).

    >>> m = {"H1": {"E1": "C", "E2": "N"}, "H2": {"E1": "I", "E2": "N"}}
    >>> found = flip_finder(m)
    >>> found["evidence"], found["hypothesis"], found["new_rating"], found["kind"]
    ('E1', 'H2', 'N', 'tie made')
    """
    return _first_flip(_flip_candidates(matrix, rule, weights))


def _first_flip(found) -> dict | None:
    frame, cell, old, new, before, after, kind, step = found
    if len(kind) == 0:
        return None
    first = np.lexsort((np.arange(len(kind)), step, kind))[0]
    return _flip_row(frame, cell, old, new, before, after, kind, step, first)


# --- class disagreement -------------------------------------------------------------


def disagreement(matrices: Iterable) -> pd.DataFrame:
    """How much a class disagrees, cell by cell: each student's matrix is
    mapped to II −2, I −1.5, N 0, C 1.5, CC 2 (NA left out), and each cell
    gets the ``mean``, the standard deviation ``sd`` (population, ddof 0)
    across students, the number of ratings ``n`` and a ``level``: consensus
    (sd ≤ 0.25), mild (≤ 1.0), strong (≤ 1.74), else extreme. All matrices
    must have the same rows and columns.

    >>> a = {"H1": {"E1": "C"}}; b = {"H1": {"E1": "I"}}
    >>> row = disagreement([a, b]).iloc[0]
    >>> float(row["sd"]), row["level"]
    (1.5, 'strong')
    """
    frames = [check_matrix(m) for m in matrices]
    if not frames:
        raise ValueError("matrices is empty; give at least one student's matrix")
    first = frames[0]
    for n, frame in enumerate(frames[1:], start=2):
        if set(frame.index) != set(first.index) or set(frame.columns) != set(first.columns):
            raise ValueError(f"matrices: matrix {n} has other evidence rows or hypotheses than matrix 1")
    stack = np.stack(
        [f.loc[first.index, first.columns].apply(lambda c: c.map(lambda r: DISAGREEMENT_SCALE.get(r, np.nan))).to_numpy(dtype=float) for f in frames]
    )
    counts = np.sum(~np.isnan(stack), axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a cell nobody rated: mean and sd are NaN
        means = np.nanmean(stack, axis=0)
        sds = np.nanstd(stack, axis=0)
    rows = []
    for i, evidence_id in enumerate(first.index):
        for j, hypothesis in enumerate(first.columns):
            sd = sds[i, j]
            level = "no ratings" if counts[i, j] == 0 else next(name for bound, name in DISAGREEMENT_BANDS if sd <= bound)
            rows.append(
                {"evidence": evidence_id, "hypothesis": hypothesis, "n": int(counts[i, j]), "mean": float(means[i, j]), "sd": float(sd), "level": level}
            )
    return pd.DataFrame(rows)


# --- the course's matrix: why drones over Poland? -------------------------------------


def hypotheses() -> pd.DataFrame:
    """The hypotheses H1–H4 (``data/ach_hypotheses.csv``), indexed by id."""
    return data.load_table("ach_hypotheses").set_index("hypothesis")


def evidence() -> pd.DataFrame:
    """The evidence items (``data/ach_evidence.csv``) with credibility and
    relevance, indexed by id, in the lesson's order."""
    return data.load_table("ach_evidence").set_index("evidence_id")


#: The tables the course's matrices are built from (their versions key what is kept between calls).
_ACH_TABLES = ("ach_ratings", "ach_evidence", "ach_hypotheses")


def _ach_versions() -> tuple:
    return tuple(data.table_version(name) for name in _ACH_TABLES)


def ratings(analyst: str = "neutral") -> pd.DataFrame:
    """The ratings of ``analyst`` ("neutral", "K" or "P") with their
    justifications, one row per cell (``data/ach_ratings.csv``): the neutral
    analyst's ratings, with the K- or P-reader's own ratings where they
    differ (column ``analyst`` says whose rating a row is)."""
    return _ratings(check_preset_name(analyst), _ach_versions()).copy()


def matrix(analyst: str = "neutral") -> pd.DataFrame:
    """The ACH matrix of ``analyst`` ("neutral", "K" or "P"): rows evidence
    (in the lesson's order), columns H1–H4, cells ratings.

    >>> matrix().shape
    (7, 4)
    """
    return _matrix(check_preset_name(analyst), _ach_versions()).copy()


# Kept per version of the three tables: lesson 07's presets, flips and panel
# and lesson 09's readers ask for the same three matrices over and over.
@functools.lru_cache(maxsize=8)
def _ratings(name: str, versions: tuple) -> pd.DataFrame:
    table = data.load_table("ach_ratings")
    base = table[table["analyst"] == "neutral"].set_index(["evidence_id", "hypothesis"])
    if name != "neutral":
        own = table[table["analyst"] == name].set_index(["evidence_id", "hypothesis"])
        unknown = [cell for cell in own.index if cell not in base.index]
        if unknown:
            raise data.DataError(f"ach_ratings.csv: analyst {name!r} rates {unknown[0]} which the neutral analyst does not")
        base = pd.concat([base.drop(own.index), own])
    order = {e: n for n, e in enumerate(evidence().index)}
    base = base.reset_index()
    return base.sort_values(["evidence_id", "hypothesis"], key=lambda c: c.map(order) if c.name == "evidence_id" else c).reset_index(drop=True)


@functools.lru_cache(maxsize=8)
def _matrix(name: str, versions: tuple) -> pd.DataFrame:
    cells = _ratings(name, versions)
    frame = cells.pivot(index="evidence_id", columns="hypothesis", values="rating")
    frame = frame.reindex(index=evidence().index, columns=hypotheses().index)
    if frame.isna().any().any():
        missing = frame.stack(future_stack=True)
        missing = missing[missing.isna()].index[0]
        raise data.DataError(f"ach_ratings.csv: the neutral analyst has no rating for evidence {missing[0]!r}, hypothesis {missing[1]!r}")
    frame.index.name, frame.columns.name = "evidence", "hypothesis"
    return frame.astype(object)


def preset(name: str) -> dict:
    """The keyword arguments of :func:`scores` under preset ``"K"``, ``"P"``
    or ``"neutral"``: the analyst's ``matrix`` and the evidence's
    ``credibility`` and ``relevance``.

    >>> sorted(preset("K"))
    ['credibility', 'matrix', 'relevance']
    """
    items = evidence()
    return {"matrix": matrix(name), "credibility": items["credibility"], "relevance": items["relevance"]}


def preset_results() -> pd.DataFrame:
    """Per preset and rule, the leading hypotheses, H1's rank and the margin
    of H1 over the best other hypothesis (in the rule's score; positive: H1
    is ahead). Rows: (preset, rule).

    >>> preset_results().loc[("K", "heuer"), "leaders"]
    'H1'
    """
    rows = []
    for name in ("K", "P", "neutral"):
        arguments = preset(name)
        for rule in ("heuer", "open_source_ach", "parc", "bayes"):
            values = scores(**arguments, rule=rule)
            others = values.drop("H1")
            if _BEST[rule] == "low":
                margin = others.min() - values["H1"]
            else:
                margin = values["H1"] - others.max()
            rows.append(
                {
                    "preset": name,
                    "rule": rule,
                    "leaders": ", ".join(leaders(**arguments, rule=rule)),
                    "H1 rank": int(ranking(**arguments, rule=rule)["H1"]),
                    "H1 margin": float(margin),
                    **{h: float(v) for h, v in values.items()},
                }
            )
    return pd.DataFrame(rows).set_index(["preset", "rule"])


# --- one call for a panel or a lesson -------------------------------------------------


def assess(matrix, rule: str = "heuer", *, credibility=None, relevance=None, prior=None) -> dict:
    """Everything a lesson shows about ``matrix`` under ``rule`` (one of
    :data:`RULE_NAMES`), in one call: ``rule``; ``matrix`` (checked, see
    :func:`check_matrix`); ``scores`` (:func:`scores`); ``leaders`` (the
    hypotheses ranked first); ``runner_up`` (the best hypothesis other than
    the first leader) and ``margin`` (how far the first leader is ahead of
    it in the rule's score, ≥ 0; 0 when the lead is tied); ``flip`` (the
    flip finder's change, :func:`flip_finder`, or ``None``);
    ``diagnosticity`` (Heuer's, per evidence row) and ``leaders_by_rule``
    (rule → leaders, for every rule of :data:`RULE_NAMES`). The weights are
    those of :func:`scores`.

    >>> result = assess({"H1": {"E1": "C", "E2": "I"}, "H2": {"E1": "I", "E2": "I"}})
    >>> result["leaders"], result["runner_up"], result["margin"]
    (['H1'], 'H2', 1.0)
    """
    check_choice("rule", rule, tuple(_BEST))
    frame, codes = _prepared(matrix)
    checked = pd.DataFrame(np.asarray(RATINGS, dtype=object)[codes], index=frame.index, columns=frame.columns)
    by_rule, chosen = {}, None
    for name in RULE_NAMES:  # one pass over the prepared matrix per rule (a panel calls this on every change)
        parts = _rule(frame, name, credibility, relevance, prior)
        raw = _raw_scores(codes, *parts)
        by_rule[name] = [h for h, lead in zip(frame.columns, _leader_mask(raw, name)) if lead]
        if name == rule:
            chosen = (parts, raw)
    parts, raw = chosen
    values = _score_series(frame, rule, raw)
    first = by_rule[rule][0]
    others = values.drop(first)
    if len(others) == 0:
        runner_up, margin = None, 0.0
    elif _BEST[rule] == "low":
        runner_up, margin = others.idxmin(), float(others.min() - values[first])
    else:
        runner_up, margin = others.idxmax(), float(values[first] - others.max())
    return {
        "rule": rule,
        "matrix": checked,
        "scores": values,
        "leaders": by_rule[rule],
        "runner_up": runner_up,
        "margin": round(margin, 9),
        "flip": _first_flip(_flips_of(frame, codes, rule, *parts)),
        "diagnosticity": _diagnosticity(frame, codes, "heuer"),
        "leaders_by_rule": by_rule,
    }


def score_table(matrix, *, credibility=None, relevance=None, prior=None) -> pd.DataFrame:
    """The scores of every hypothesis under each rule of :data:`RULE_NAMES`
    (rows, named), the best score in words and the leader(s): heuer counts
    as whole numbers, other scores rounded to 3 decimals.

    >>> score_table({"H1": {"E1": "C"}, "H2": {"E1": "I"}}).loc["Heuer count"].tolist()
    [0, 1, 'lowest', 'H1']
    """
    checked = check_matrix(matrix)
    weights = {"credibility": credibility, "relevance": relevance, "prior": prior}
    rows = {}
    for rule, name in RULE_NAMES.items():
        values = scores(checked, rule, **weights)
        row = {h: int(v) if rule == "heuer" else round(float(v), 3) for h, v in values.items()}
        rows[name] = {**row, "best": BEST_SCORE[rule], "leader(s)": ", ".join(leaders(checked, rule, **weights))}
    columns = list(next(iter(rows.values())))
    table = pd.DataFrame([[row[c] for c in columns] for row in rows.values()], index=list(rows), columns=columns, dtype=object)
    table.index.name = "rule"
    return table


def contested_cells() -> pd.DataFrame:
    """The cells of the course's matrix that the K or the P reader rates
    differently from the neutral analyst, in matrix order: ``evidence``,
    ``hypothesis``, the three ratings (``neutral``, ``K``, ``P``) and each
    rating's justification (``why_neutral``, ``why_K``, ``why_P``).

    >>> contested_cells()[["evidence", "hypothesis", "neutral", "K", "P"]].iloc[0].tolist()
    ['D1', 'H1', 'C', 'CC', 'I']
    """
    readers = {name: ratings(name).set_index(["evidence_id", "hypothesis"]) for name in ("neutral", "K", "P")}
    own = data.load_table("ach_ratings")
    own = own[own["analyst"] != "neutral"]
    cells = set(zip(own["evidence_id"], own["hypothesis"]))
    order = list(readers["neutral"].index)
    rows = []
    for cell in (c for c in order if c in cells):
        row = {"evidence": cell[0], "hypothesis": cell[1]}
        row.update({name: readers[name].loc[cell, "rating"] for name in readers})
        row.update({f"why_{name}": readers[name].loc[cell, "justification"] for name in readers})
        rows.append(row)
    return pd.DataFrame(rows)


def preset_flips() -> pd.DataFrame:
    """Heuer's step 6 for each preset and rule: the leaders, the flip
    finder's change (``cell`` "D1 × H3", ``change`` "N → I", ``kind``) and
    the leaders after it; a row says "none" where no single cell changes
    the leaders. Rows: (preset, rule name). Cell names and changes are
    joined by no-break spaces, so that a table never splits them.

    >>> preset_flips().loc[("neutral", "Heuer count"), "cell"] == "D1\u00a0×\u00a0H3"
    True
    """
    rows = []
    for name in ("K", "P", "neutral"):
        arguments = preset(name)
        for rule, rule_name in RULE_NAMES.items():
            found = flip_finder(**arguments, rule=rule)
            row = {"preset": name, "rule": rule_name, "leaders": ", ".join(leaders(**arguments, rule=rule))}
            if found is None:
                row.update({"cell": "none", "change": "", "kind": "", "leaders after": ""})
            else:
                row.update(
                    {
                        "cell": _cell_name(found["evidence"], found["hypothesis"]),
                        "change": f"{found['rating']}\u00a0→\u00a0{found['new_rating']}",
                        "kind": found["kind"],
                        "leaders after": found["leaders_after"],
                    }
                )
            rows.append(row)
    return pd.DataFrame(rows).set_index(["preset", "rule"])


def preset_verdicts() -> pd.DataFrame:
    """The K, P and neutral readers side by side: for each rule (rows, named)
    who leads and where H1 (restraint invited probing, Kagan's reading)
    ranks, e.g. "H3 leads (H1 4th of 4)"; the last row says whether the
    reader reaches Kagan's reading (H1 first under every rule), the
    opposite (H1 last under every rule) or neither.

    >>> preset_verdicts().loc["Heuer count"].tolist()
    ['H1 leads (H1 1st of 4)', 'H3 leads (H1 4th of 4)', 'H1, H3 tie (H1 1st of 4)']
    """
    results = preset_results()
    ordinal = {1: "1st", 2: "2nd", 3: "3rd"}
    table = {}
    for name in ("K", "P", "neutral"):
        column = {}
        count = len(hypotheses())
        ranks = []
        for rule, rule_name in RULE_NAMES.items():
            row = results.loc[(name, rule)]
            lead = row["leaders"]
            verb = "tie" if "," in lead else "leads"
            rank = int(row["H1 rank"])
            ranks.append(rank)
            column[rule_name] = f"{lead} {verb} (H1 {ordinal.get(rank, f'{rank}th')} of {count})"
        ties = sum("," in results.loc[(name, r), "leaders"] for r in RULE_NAMES)
        if all(r == 1 for r in ranks) and not ties:
            column["reaches"] = "Kagan's reading: H1 leads under every rule"
        elif all(r == count for r in ranks):
            column["reaches"] = "the opposite: H1 last under every rule"
        elif all(r == 1 for r in ranks):
            column["reaches"] = f"between: H1 first, but tied under {ties} of {len(RULE_NAMES)} rules"
        else:
            column["reaches"] = "neither: where H1 ranks depends on the rule"
        table[name] = column
    frame = pd.DataFrame(table)
    frame.index.name = "rule"
    return frame


def diagnosticity_table(matrix) -> pd.DataFrame:
    """Both measures of :func:`diagnosticity` side by side, one row per
    evidence item: ``Heuer (spread)`` (0: no diagnostic value) and ``Open
    Source ACH (sum)`` (the sum that tool sorts by).

    >>> diagnosticity_table({"H1": {"E1": "I"}, "H2": {"E1": "I"}}).loc["E1"].tolist()
    [0, 2]
    """
    return pd.DataFrame({"Heuer (spread)": diagnosticity(matrix), "Open Source ACH (sum)": diagnosticity(matrix, "open_source_ach")})


def _cell_name(evidence_id: str, hypothesis: str) -> str:
    """ "D1 × H3", with no-break spaces (a table never splits it)."""
    return f"{evidence_id}\u00a0×\u00a0{hypothesis}"


def preset_changes() -> pd.DataFrame:
    """The inputs that take the K and the P reader away from the neutral
    analyst: one row per cell a reader rates differently, with the
    ``cell`` ("D1 × H1"), the ``neutral`` rating, the ``reader`` ("K" or
    "P"), its ``rating`` and its ``reason``; in matrix order, K before P.

    >>> changes = preset_changes()
    >>> len(changes), changes["reader"].value_counts().to_dict()
    (10, {'K': 5, 'P': 5})
    """
    rows = []
    for cell in contested_cells().itertuples():
        for reader in ("K", "P"):
            rating = getattr(cell, reader)
            if rating != cell.neutral:
                rows.append(
                    {"cell": _cell_name(cell.evidence, cell.hypothesis), "neutral": cell.neutral, "reader": reader,
                     "rating": rating, "reason": getattr(cell, f"why_{reader}")}
                )
    return pd.DataFrame(rows)
