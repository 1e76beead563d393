"""Layer 4 — panels: ipywidgets controls wired to the models and figures.

Each panel builds ONE ``plotly.graph_objects.FigureWidget`` and mutates it
inside ``batch_update()`` when a control changes (a new figure per change
re-sends the plotly.js bundle; see design/JUPYTER-NOTES.md). Errors raised in a
callback are shown in the panel's status line — JupyterLab would otherwise
hide them in its log console — and no ``Output`` widget is used, because those
make nbclient (and so nbval) hang.

Every panel is testable without a browser: set a control's ``.value`` and
assert on ``panel.figure.data`` and ``panel.summary.value``.
"""

from __future__ import annotations

from . import factcheck
from .base import PanelBase
from .crux import CruxPanel
from .factcheck import FairRoundingPanel
from .weighting import ClaimWeightingPanel

__all__ = ["PanelBase", "ClaimWeightingPanel", "CruxPanel", "FairRoundingPanel", "factcheck"]


#: The topic modules of lessons 04–09, imported when first used
#: (``figures.credibility``), so that a lesson loads only what it draws.
LESSON_TOPICS = ("credibility", "bargaining", "escalation", "hypotheses", "forecasts", "verdict")


def __getattr__(name: str):
    if name in LESSON_TOPICS:
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
