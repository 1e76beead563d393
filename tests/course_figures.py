"""Every course figure, discovered: each public function of a module in
``natodebate.figures`` whose return annotation is ``go.Figure``.

Tests parametrize over :data:`FIGURE_FUNCTIONS`, so a new figure is tested
with no edit to any list; a figure whose parameters need a sample argument
that :data:`SAMPLES` lacks fails with a message saying what to add
(MAINTAINING.md, "A figure").
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import plotly.graph_objects as go

import natodebate.figures
from natodebate import models
from natodebate.models import factcheck as check

#: Sample arguments by parameter name (or "function.parameter" where one
#: function's parameter of that name needs something else).
SAMPLES = {
    "article": lambda: "K",
    "sensitivity": lambda: models.sensitivity("K"),
    "strengths": lambda: models.claim_strengths("K"),
    "crux_figure.strengths": lambda: models.crux_strengths("restraint", 0.5),
    "checks": lambda: check.numeric_claim_checks(10.0, "first_published"),
    "tolerance_pct": lambda: 10.0,
    "vintage": lambda: "first_published",
    "belief_figure.curve": lambda: models.credibility.belief_curve(
        **models.credibility.preset("K"), **models.credibility.preset("K", "probe_threshold")
    ),
    "range_figure.curve": lambda: models.bargaining.range_curve(**models.bargaining.panel_arguments("K")),
    "ach_figure.assessment": lambda: models.hypotheses.assess(**models.hypotheses.preset("neutral")),
    "diagnosticity_figure.matrix": lambda: models.hypotheses.matrix(),
    "brier_figure.assessment": lambda: models.forecasts.assess_readings(),
    "time_figure.propositions": lambda: models.forecasts.propositions(),
    "calibration_figure.forecasts": lambda: models.forecasts.scored_forecasts(),
    "ladder_figure.risks": lambda: models.escalation.ladder(0.67, 3.0, 0.002),
    "outcome_histogram.result": lambda: models.escalation.monte_carlo(**models.escalation.preset("neutral", "monte_carlo")),
    "input_tornado.swings": lambda: models.escalation.tornado(**models.escalation.preset("neutral", "tornado")),
    "positions_figure.positions": lambda: models.verdict.position_table(models.verdict.reader_values("neutral")),
    "class_positions_figure.positions": lambda: _demo_class_positions(),
    "persuasion_figure.shares": lambda: _demo_class_shares(),
}


def _demo_class_positions():
    from natodebate import classreport

    return classreport.class_positions(classreport.read_class(_DEMO_CLASS))


def _demo_class_shares():
    from natodebate import classreport

    return classreport.persuasion(classreport.read_class(_DEMO_CLASS))


_DEMO_CLASS = __import__("pathlib").Path(__file__).resolve().parents[1] / "notebooks" / "instructor" / "demo_class"

#: Functions that return a figure but frame one given to them.
FRAMING_HELPERS = {"build_figure", "finish"}


def _figure_functions() -> dict:
    found = {}
    for info in pkgutil.iter_modules(natodebate.figures.__path__):
        module = importlib.import_module(f"natodebate.figures.{info.name}")
        for name in getattr(module, "__all__", []):
            function = getattr(module, name)
            if name in FRAMING_HELPERS or not inspect.isfunction(function) or function.__module__ != module.__name__:
                continue
            if inspect.signature(function).return_annotation in (go.Figure, "go.Figure"):
                found[f"{info.name}.{name}"] = function
    return found


FIGURE_FUNCTIONS = _figure_functions()


def make(function) -> go.Figure:
    """Call a figure function with the sample arguments its parameters need."""
    kwargs = {}
    for parameter in inspect.signature(function).parameters.values():
        if parameter.default is not inspect.Parameter.empty:
            continue
        sample = SAMPLES.get(f"{function.__name__}.{parameter.name}") or SAMPLES.get(parameter.name)
        assert sample, f"{function.__name__}({parameter.name}=…): add a sample argument to SAMPLES in {__file__}"
        kwargs[parameter.name] = sample()
    return function(**kwargs)
