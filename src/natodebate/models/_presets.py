"""The K, P and neutral presets of the models of lessons 04–08.

Every preset value is a row of ``data/model_presets.csv`` (columns model,
preset, parameter, value, unit, justification, claim_ids, quote, source):
``model`` names the function the value is an argument of (for instance
``credibility.posterior``), ``parameter`` the argument. A 90% range is two
rows, ``name.low`` and ``name.high``, and comes back as the tuple
``(low, high)``.
"""

from __future__ import annotations

import pandas as pd

from .. import data
from .validators import check_choice

__all__ = ["PRESET_NAMES", "check_preset_name", "preset_arguments", "preset_rows"]

#: The three presets every model offers: a reader persuaded by Kagan, one
#: persuaded by Petrovics, and a neutral reader.
PRESET_NAMES = ("K", "P", "neutral")
#: The names the claim-weighting panels use for the same readers.
_ALIASES = {"persuaded_by_K": "K", "persuaded_by_P": "P", "k": "K", "p": "P"}


def check_preset_name(name: str) -> str:
    """``"K"``, ``"P"`` or ``"neutral"`` (``"persuaded_by_K"`` and
    ``"persuaded_by_P"`` are accepted as the same readers); else ``ValueError``."""
    name = _ALIASES.get(name, name) if isinstance(name, str) else name
    return check_choice("preset", name, PRESET_NAMES)


def preset_rows(model: str | None = None) -> pd.DataFrame:
    """The rows of ``model_presets.csv`` for one model (function), or all rows."""
    table = data.load_table("model_presets")
    if model is None:
        return table
    rows = table[table["model"] == model]
    if rows.empty:
        known = ", ".join(sorted(table["model"].unique()))
        raise ValueError(f"model = {model!r}: no presets in model_presets.csv; known models: {known}")
    return rows.reset_index(drop=True)


def preset_arguments(model: str, name: str) -> dict[str, float | tuple[float, float]]:
    """The keyword arguments of ``model`` under preset ``name``, in the order
    of the table; ``x.low``/``x.high`` rows become ``x=(low, high)``."""
    name = check_preset_name(name)
    rows = preset_rows(model)
    rows = rows[rows["preset"] == name]
    if rows.empty:
        raise data.DataError(f"model_presets.csv: model {model!r} has no rows for preset {name!r}")
    arguments: dict[str, float | tuple[float, float]] = {}
    ranges: dict[str, dict[str, float]] = {}
    for parameter, value in zip(rows["parameter"], rows["value"]):
        base, dot, end = parameter.partition(".")
        if dot and end in ("low", "high"):
            ranges.setdefault(base, {})[end] = float(value)
            arguments.setdefault(base, None)  # keeps the table's order
        else:
            arguments[parameter] = float(value)
    for base, ends in ranges.items():
        if set(ends) != {"low", "high"}:
            raise data.DataError(f"model_presets.csv: {model} preset {name!r} has {base}.low or {base}.high but not both")
        arguments[base] = (ends["low"], ends["high"])
    return arguments
