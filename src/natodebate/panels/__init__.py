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

import gc
import sys

from .base import PanelBase
from .weighting import ClaimWeightingPanel
from .first_win import FirstWinPanel
from . import factcheck
from .factcheck import FairRoundingPanel

__all__ = ["PanelBase", "ClaimWeightingPanel", "FirstWinPanel", "FairRoundingPanel", "factcheck"]

# The course library is now imported, and with it pandas, plotly and
# ipywidgets: some 140,000 objects that live as long as the kernel. Every full
# garbage collection would scan them all again (40-75 ms each, twice in a Run
# All of lesson 03, measured by benchmarks/bench_notebooks.py). gc.freeze()
# moves them out of the collector's view; objects made later are collected as
# usual. Only in a kernel: a test run or a script keeps the default collector.
if "ipykernel" in sys.modules:  # pragma: no cover - exercised in the notebooks
    gc.freeze()
