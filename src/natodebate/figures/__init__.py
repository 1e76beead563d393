"""Layer 3 — figures: plotly figures built from model results (no widgets).

Every figure has a title, axis titles with units and a one-line caption saying
what to look at; colours come from the Okabe–Ito palette, which stays
distinguishable under the common colour-vision deficiencies. Functions return
figures and never call ``.show()`` (outside a kernel that would open a browser).

One module per topic; this package only re-exports them:

* :mod:`.style` — template, palette, and the helpers every figure is built with;
* :mod:`.captions` — caption wrapping and the bottom margin that holds it;
* :mod:`.tables` — tables for students (full text, links, no truncation);
* :mod:`.claims` — claim tables, claims by type, the argument map (lessons 01–02);
* :mod:`.weighting` — the tornado and the weighting panel's figure (lessons 01–02);
* :mod:`.cruxes` — lesson 00's crux figure;
* :mod:`.factcheck` — lesson 03's figures.
"""

from __future__ import annotations

from . import captions, claims, cruxes, factcheck, style, tables, weighting
from .claims import ClaimTable, argument_sunburst, claim_table, claims_by_type
from .cruxes import crux_figure, update_crux_figure
from .style import (
    ARTICLE_NAMES,
    COURSE_TEMPLATE,
    COURSE_TRACE_TYPES,
    OKABE_ITO,
    TYPE_COLOURS,
    VERDICT_COLOURS,
    axis,
    build_figure,
    caption_annotation,
    caption_text,
    course_template,
    finish,
    frame_layout,
    line_shape,
    reference_line,
)
from .tables import Table, table
from .weighting import tornado, update_weighting_figure, weighting_figure

__all__ = [
    "captions", "claims", "cruxes", "factcheck", "style", "tables", "weighting",
    "ARTICLE_NAMES", "COURSE_TEMPLATE", "COURSE_TRACE_TYPES", "OKABE_ITO", "TYPE_COLOURS", "VERDICT_COLOURS",
    "axis", "build_figure", "caption_annotation", "caption_text", "course_template", "finish", "frame_layout",
    "line_shape", "reference_line", "Table", "table", "ClaimTable", "claim_table", "claims_by_type",
    "argument_sunburst", "tornado", "weighting_figure", "update_weighting_figure", "crux_figure",
    "update_crux_figure",
]


#: The topic modules of lessons 04–09, imported when first used
#: (``figures.credibility``), so that a lesson loads only what it draws.
LESSON_TOPICS = ("credibility", "bargaining", "escalation", "hypotheses", "forecasts", "verdict")


def __getattr__(name: str):
    if name in LESSON_TOPICS:
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
