"""Lesson 05's panel, figure and the model helpers it adds, without a
browser: set a control, assert on the model output, the figure's trace data
and the readout."""

from __future__ import annotations

import html
import logging

import numpy as np
import plotly.graph_objects as go
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from natodebate import figures, panels
from natodebate.figures import bargaining as charts
from natodebate.models import bargaining as bargain
from natodebate.panels.bargaining import CONTROLS, BargainingPanel


@pytest.fixture()
def panel():
    return BargainingPanel("neutral")


def _shape(fig, name):
    return next(s for s in fig.layout.shapes if s.name == name)


# --- the model helpers the lesson uses ------------------------------------------------


def test_the_worked_example_as_a_curve():
    """The design's worked example: p_N = 0.6, p_I = 0.1, c_R = 0.10, c_U = 0.15."""
    curve = bargain.range_curve(0.6, 0.1, 0.10, 0.15, q=0.05, q_threat=0.6, p_russia=0.7, p_ukraine=0.4, points=21)
    low = dict(zip(np.round(curve["beliefs"], 2), np.round(curve["low"], 3)))
    high = dict(zip(np.round(curve["beliefs"], 2), np.round(curve["high"], 3)))
    assert (low[0.2], high[0.2]) == (0.4, 0.65)
    assert (round(curve["at_restraint"]["low"], 3), round(curve["at_restraint"]["high"], 3)) == (0.475, 0.725)
    assert (round(curve["at_threat"]["low"], 3), round(curve["at_threat"]["high"], 3)) == (0.2, 0.45)
    assert round(curve["shift"], 3) == -0.275
    # optimism 0.7 vs 0.4: a gap of 0.30 > 0.25 means war at q = 0, as mutual_optimism says
    assert bool(curve["war"][0]) is bargain.mutual_optimism(0.7, 0.4, 0.10, 0.15) is True


def test_the_flip_point_is_where_the_gap_meets_the_costs():
    flip = bargain.optimism_threshold(0.7, 0.4, 0.1, 0.10, 0.15)
    assert flip["q"] == pytest.approx(0.05 / 0.3) and flip["war_below"]
    assert bargain.optimism_war(0.7, 0.4, 0.1, 0.10, 0.15, q=flip["q"] - 1e-6)
    assert not bargain.optimism_war(0.7, 0.4, 0.1, 0.10, 0.15, q=flip["q"] + 1e-6)
    assert bargain.optimism_threshold(0.5, 0.4, 0.1, 0.10, 0.15)["q"] is None  # no war at any q
    # at q = 1 both sides agree (both use p_I), so optimism never means war there
    assert not bargain.optimism_threshold(1.0, 0.0, 0.5, 0.0, 0.0)["war_at_1"]


@settings(max_examples=200, deadline=None)
@given(
    p_r=st.floats(0, 1), p_u=st.floats(0, 1), p_i=st.floats(0, 1), c_r=st.floats(0, 0.5), c_u=st.floats(0, 0.5),
    delta=st.floats(0, 0.5),
)
# A gap far below rounding beside p_I = 1 was once lost on the curve but not in the threshold.
@example(p_r=2e-140, p_u=0.0, p_i=1.0, c_r=0.0, c_u=0.0, delta=0.0)
# A gap below the smallest normal float: (1 − q)·gap underflowed to 0 on the curve, q* = 1 still saw it.
@example(p_r=5e-324, p_u=0.0, p_i=0.0, c_r=0.0, c_u=0.0, delta=0.0)
def test_the_curve_and_the_threshold_agree_with_optimism_war(p_r, p_u, p_i, c_r, c_u, delta):
    curve = bargain.range_curve(0.6, p_i, c_r, c_u, 0.05, 0.6, p_r, p_u, cost_increase=delta, points=11)
    assert list(curve["war"]) == list(bargain.optimism_war(p_r, p_u, p_i, c_r, c_u, curve["beliefs"], cost_increase=delta))
    np.testing.assert_allclose(curve["high"] - curve["low"], c_r + delta * curve["beliefs"] + c_u, atol=1e-12)
    flip = curve["threshold"]
    if flip["q"] is not None:
        before = curve["war"][curve["beliefs"] < flip["q"] - 1e-9]
        after = curve["war"][curve["beliefs"] > flip["q"] + 1e-9]
        assert all(before == flip["war_below"]) and all(after != flip["war_below"])
    else:
        assert len(set(curve["war"])) == 1


def test_the_presets_side_by_side_reach_their_articles_conclusions():
    table = bargain.preset_verdicts()
    assert list(table.columns) == ["K", "P", "neutral"]
    assert table.loc["war under restraint"].tolist() == ["yes", "yes", "yes"]  # both say Moscow expected to win
    assert table.loc["war under a threat"].tolist() == ["no", "yes", "no"]
    assert table.loc["flips at q*"].tolist() == [0.312, 0.625, 0.167]
    assert table.loc["shift of the midpoint"].tolist() == [-0.402, -0.027, -0.275]  # as benchmarks/MODELS.md
    assert "Kagan" in table.loc["conclusion", "K"] and "Petrovics" in table.loc["conclusion", "P"]


def test_every_preset_sets_every_control():
    for name in ("K", "P", "neutral"):
        assert set(bargain.panel_arguments(name)) == set(CONTROLS)


def test_range_curve_refuses_arrays_and_too_few_points():
    with pytest.raises(ValueError, match="scalars"):
        bargain.range_curve(0.6, 0.1, 0.1, 0.15, [0.05, 0.1], 0.6, 0.7, 0.4)
    with pytest.raises(ValueError, match="points=1"):
        bargain.range_curve(0.6, 0.1, 0.1, 0.15, 0.05, 0.6, 0.7, 0.4, points=1)


# --- the panel ------------------------------------------------------------------------


def test_panel_starts_with_the_models_numbers(panel):
    expected = bargain.range_curve(**bargain.panel_arguments("neutral"), points=BargainingPanel.POINTS)
    assert list(panel.figure.data[1].y) == [round(float(v), 4) for v in expected["demand"]]
    assert list(panel.figure.data[2].y) == [round(float(v), 4) for v in expected["offer"]]
    assert panel.war_under_restraint and not panel.war_under_threat
    assert "q* = 0.17" in panel.summary.value and "[0.47, 0.72]" in panel.summary.value
    assert _shape(panel.figure, "flip").x0 == pytest.approx(1 / 6)
    assert panel.status.value == "" and "natodebate-sticky" in panel.summary._dom_classes


@pytest.mark.parametrize("preset", ["K", "P", "neutral"])
def test_presets_write_every_control_and_show_why(panel, preset):
    panel.preset_buttons.value = "K" if preset != "K" else "P"
    panel.preset_buttons.value = preset
    values = bargain.panel_arguments(preset)
    for name, slider in panel.sliders.items():
        assert slider.value == pytest.approx(values[name]), name
    note = panel.preset_note.value
    assert "Why these values?" in note
    for name in CONTROLS:
        assert f"{html.escape(CONTROLS[name][0])} = " in note


def test_k_preset_a_threat_ends_the_war_p_preset_it_does_not(panel):
    panel.preset_buttons.value = "K"
    assert panel.war_under_restraint and not panel.war_under_threat
    assert list(panel.figure.data[3].marker.color) == [charts.WAR_COLOUR, charts.PEACE_COLOUR]
    assert "-0.402" in panel.summary.value
    panel.preset_buttons.value = "P"
    assert panel.war_under_restraint and panel.war_under_threat
    assert list(panel.figure.data[3].marker.color) == [charts.WAR_COLOUR, charts.WAR_COLOUR]
    assert _shape(panel.figure, "flip").x0 == pytest.approx(0.625)
    assert _shape(panel.figure, "war zone").x1 == pytest.approx(0.625)


def test_moving_a_slider_changes_model_figure_and_readout(panel):
    before_band, before_summary = list(panel.figure.data[0].y), panel.summary.value
    panel.sliders["p_no_intervention"].value = 0.8
    assert panel.curve["at_restraint"]["low"] == pytest.approx(0.05 * 0.1 + 0.95 * 0.8 - 0.1)
    assert list(panel.figure.data[0].y) != before_band and panel.summary.value != before_summary
    assert panel.preset_buttons.value is None and "Your own values" in panel.preset_note.value
    panel.preset_buttons.value = "neutral"
    assert panel.sliders["p_no_intervention"].value == 0.6


def test_closing_the_optimism_gap_removes_the_war_and_the_flip(panel):
    panel.sliders["p_russia"].value = 0.5  # gap 0.1 < c_R + c_U = 0.25
    assert not panel.war_under_restraint and panel.curve["threshold"]["q"] is None
    assert not _shape(panel.figure, "flip").visible
    assert "no war whatever Russia believes" in panel.summary.value


def test_a_negative_cost_is_shown_in_the_status_line(panel, caplog):
    before = list(panel.figure.data[1].y)
    with caplog.at_level(logging.ERROR, logger="natodebate.panels"):
        panel.sliders["cost_increase"].value = -0.3  # c_R(1) = 0.1 - 0.3 < 0
    assert "could not be applied" in panel.status.value and "must stay ≥ 0" in panel.status.value
    assert list(panel.figure.data[1].y) == before  # the chart keeps its last good state
    panel.sliders["cost_increase"].value = 0.0
    assert panel.status.value == ""


def test_a_failing_update_is_shown_in_the_status_line(panel, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("q=1.5: must be a probability between 0 and 1")

    monkeypatch.setattr(bargain, "range_curve", broken)
    panel.sliders["q"].value = 0.2
    assert "could not be applied" in panel.status.value and "q=1.5" in panel.status.value


def test_one_figurewidget_is_mutated_not_replaced(panel):
    figure = panel.figure
    panel.sliders["q_threat"].value = 0.9
    panel.preset_buttons.value = "K"
    assert panel.figure is figure and isinstance(figure, go.FigureWidget) and len(figure.data) == 4


def test_the_panel_is_reached_as_the_lessons_write_it():
    assert panels.bargaining.BargainingPanel is BargainingPanel
    assert figures.bargaining.range_figure is charts.range_figure


def test_no_fixed_widths_and_the_figure_follows_the_column(panel):
    assert all(not str(s.layout.width or "").endswith("px") for s in panel.sliders.values())
    assert panel.figure.layout.width is None and panel.figure._config.get("responsive") is True
    assert isinstance(panel.children[-1], panels.base.FitFigures)
    assert "natodebate-panel" in panel._dom_classes
