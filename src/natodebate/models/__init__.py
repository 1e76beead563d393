"""Layer 2 — models: pure functions on the course data (no widgets, no plots).

One module per topic; this package only re-exports them, so that lessons can
write ``models.thesis_strength(...)``:

* :mod:`.argument` — the argument model itself (pure: a map, credences and
  importances in, strengths out);
* :mod:`.claims` — the articles' claims, types, verdicts and argument maps;
* :mod:`.weighting` — presets, thesis strength, sensitivity, and the checks
  that both articles are treated alike;
* :mod:`.cruxes` — lesson 00's crux slider;
* :mod:`.factcheck` — lesson 03's checks of the numbers.
"""

from __future__ import annotations

from . import argument, claims, cruxes, factcheck, weighting
from .argument import ArgumentMap, argument_strength, check_fraction, check_unit_interval, one_way_sensitivity
from .claims import (
    ARTICLES,
    CLAIM_TYPES,
    VERDICTS,
    argument_map,
    article_claims,
    check_article,
    claim_counts,
    verdict_counts,
)
from .cruxes import crux, crux_crossing, crux_strengths, crux_strengths_along, crux_sweep
from .weighting import (
    PRESETS,
    check_preset,
    claim_strengths,
    preset_balance,
    preset_justifications,
    preset_overview,
    preset_weights,
    sensitivity,
    thesis_reasons,
    thesis_strength,
    uniform_table,
    uniform_theses,
    weights,
)

__all__ = [
    "argument", "claims", "cruxes", "factcheck", "weighting",
    "ArgumentMap", "argument_strength", "check_fraction", "check_unit_interval", "one_way_sensitivity",
    "ARTICLES", "CLAIM_TYPES", "VERDICTS", "argument_map", "article_claims", "check_article", "claim_counts",
    "verdict_counts", "crux", "crux_crossing", "crux_strengths", "crux_strengths_along", "crux_sweep", "PRESETS", "check_preset",
    "claim_strengths", "preset_balance", "preset_justifications", "preset_overview", "preset_weights", "sensitivity", "thesis_reasons",
    "thesis_strength", "uniform_table", "uniform_theses", "weights",
    "credibility", "bargaining", "escalation", "hypotheses", "forecasts", "verdict",
]

#: The topic modules of lessons 04–09, imported when first used
#: (``models.credibility``): lessons 00–03 need not load them.
LESSON_TOPICS = ("credibility", "bargaining", "escalation", "hypotheses", "forecasts", "verdict")


def __getattr__(name: str):
    if name in LESSON_TOPICS:
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
