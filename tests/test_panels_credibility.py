"""Lesson 04's panel, figure and the model helpers it adds, without a
browser: set a control, assert on the model output, the figure's trace data
and the readout."""

from __future__ import annotations

import logging

import plotly.graph_objects as go
import pytest

from natodebate import figures, panels
from natodebate.figures import credibility as charts
from natodebate.figures.captions import plain_text
from natodebate.models import credibility as cred
from natodebate.panels.credibility import CONTROLS, CredibilityPanel


@pytest.fixture()
def panel():
    return CredibilityPanel("neutral")


def _line(panel):
    return panel.figure.data[1]


def _shape(fig, name):
    return next(s for s in fig.layout.shapes if s.name == name)


# --- the model helpers the lesson uses ------------------------------------------------


def test_the_worked_example_as_a_curve():
    curve = cred.belief_curve(0.5, 0.6, 0.9, n=3)
    assert [round(b, 2) for b in curve["beliefs"][:4]] == [0.5, 0.4, 0.31, 0.23]
    assert list(curve["counts"]) == list(range(11))
    assert round(curve["posterior"], 2) == 0.23 and not curve["probes"]
    assert curve["flips"]["restraints"] == 4
    flat = cred.belief_curve(0.5, 0.9, 0.9, n=3)
    assert set(flat["beliefs"]) == {0.5} and flat["flips"]["restraints"] is None
    assert len(cred.belief_curve(0.5, 0.6, 0.9, n=3, n_max=2)["counts"]) == 4  # never shorter than n


def test_each_flip_point_puts_the_belief_exactly_on_the_threshold():
    arguments = {**cred.preset("K"), **cred.preset("K", "probe_threshold")}
    flips = cred.flip_points(**arguments)
    theta = cred.probe_threshold(arguments["gain"], arguments["cost"])
    # the exercise of the lesson: from 0.6, three restraints reach 0.2 when LR < 0.55
    assert flips["likelihood_ratio"] == pytest.approx(0.5503, abs=1e-4)
    assert cred.posterior(0.6, flips["likelihood_ratio"], 1.0, n=3) == pytest.approx(theta)
    rho = flips["linkage"]
    assert cred.posterior(0.6, 0.5, 0.95, n=3, linkage=rho) == pytest.approx(theta)
    belief = cred.posterior(**cred.preset("K"))
    assert cred.probe_threshold(1.0, flips["cost"]) == pytest.approx(belief)
    assert flips["restraints"] == 3


def test_flip_points_say_none_where_nothing_flips():
    flips = cred.flip_points(0.6, 0.9, 0.95, n=3, linkage=0.3)
    assert flips["linkage"] is None  # even rho = 1 leaves P's reader above 0.2
    assert flips["likelihood_ratio"] == pytest.approx(cred.likelihood_ratio_to_cross(0.6, 0.2, 3, 0.3))
    nothing = cred.flip_points(0.6, 0.5, 0.95, n=0)
    assert nothing["likelihood_ratio"] is None and nothing["linkage"] is None
    assert cred.flip_points(0.6, 0.5, 0.95, n=3, attribution=0.0)["restraints"] is None


def test_the_presets_side_by_side_reach_their_articles_conclusions():
    table = cred.preset_verdicts()
    assert list(table.columns) == ["K", "P", "neutral"]
    assert table.loc["P(R) after n"].tolist() == [0.179, 0.588, 0.469]
    assert table.loc["Russia probes"].tolist() == ["yes", "no", "no"]
    assert "Kagan" in table.loc["conclusion", "K"] and "Petrovics" in table.loc["conclusion", "P"]
    assert table.loc["flips at ρ"].tolist() == [0.931, "—", "—"]
    assert table.loc["flips at LR", "K"] == 0.55


def test_every_preset_sets_every_control_and_attribution_is_held_equal():
    for name in ("K", "P", "neutral"):
        values = {**cred.preset(name), **cred.preset(name, "probe_threshold")}
        assert set(CONTROLS) <= set(values)
        assert values["attribution"] == 1.0 and values["gain"] == 1.0


# --- the panel ------------------------------------------------------------------------


def test_panel_starts_with_the_models_numbers(panel):
    expected = cred.belief_curve(**cred.preset("neutral"), **cred.preset("neutral", "probe_threshold"))
    assert list(_line(panel).y) == [round(float(b), 4) for b in expected["beliefs"]]
    assert panel.figure.data[2].y == (pytest.approx(0.4691, abs=1e-4),)
    assert "0.469" in panel.summary.value and "no probe" in panel.summary.value
    assert _shape(panel.figure, "threshold").y0 == 0.2
    assert panel.status.value == ""
    assert "natodebate-sticky" in panel.summary._dom_classes


@pytest.mark.parametrize("preset", ["K", "P", "neutral"])
def test_presets_write_every_control_and_show_why(panel, preset):
    panel.preset_buttons.value = "K" if preset != "K" else "P"
    panel.preset_buttons.value = preset
    values = {**cred.preset(preset), **cred.preset(preset, "probe_threshold")}
    for name, slider in panel.sliders.items():
        assert slider.value == pytest.approx(values[name]), name
    assert panel.curve["posterior"] == pytest.approx(cred.posterior(**cred.preset(preset)))
    note = panel.preset_note.value
    for name in CONTROLS:
        assert f"{CONTROLS[name][0]} = " in note
    assert "Why these values?" in note


def test_k_preset_probes_and_p_preset_does_not(panel):
    panel.preset_buttons.value = "K"
    assert panel.probes and "Russia probes" in panel.summary.value
    assert panel.figure.data[2].marker.color == charts.PROBES_COLOUR
    assert _shape(panel.figure, "probing starts").visible and _shape(panel.figure, "probing starts").x0 == 3
    panel.preset_buttons.value = "P"
    assert not panel.probes and "no probe" in panel.summary.value
    assert panel.figure.data[2].marker.color == charts.HOLDS_COLOUR
    assert not _shape(panel.figure, "probing starts").visible  # after 111 restraints: off the chart


def test_moving_the_linkage_changes_model_figure_and_readout(panel):
    before_y, before_summary = list(_line(panel).y), panel.summary.value
    panel.sliders["linkage"].value = 1.0
    assert panel.curve["posterior"] == pytest.approx(cred.posterior(0.6, 0.65, 0.925, n=3, linkage=1.0))
    assert list(_line(panel).y) != before_y and panel.summary.value != before_summary
    assert "▼" in panel.summary.value
    assert panel.preset_buttons.value is None and "Your own values" in panel.preset_note.value
    panel.preset_buttons.value = "neutral"
    assert panel.sliders["linkage"].value == 0.5


def test_raising_the_cost_lowers_the_threshold_line(panel):
    panel.sliders["cost"].value = 9.0
    assert _shape(panel.figure, "threshold").y0 == pytest.approx(0.1)
    assert _shape(panel.figure, "probe zone").y1 == pytest.approx(0.1)
    assert "θ = 0.10" in plain_text(next(a.text for a in panel.figure.layout.annotations if a.name == "threshold"))


def test_attribution_zero_freezes_the_belief(panel):
    panel.sliders["attribution"].value = 0.0
    assert set(_line(panel).y) == {0.6}
    assert "restraint moves nothing" in panel.summary.value


def test_a_failing_update_is_shown_in_the_status_line(panel, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ValueError("prior=1.5: must be a probability from 0 to 1")

    monkeypatch.setattr(cred, "belief_curve", broken)
    before = list(_line(panel).y)
    with caplog.at_level(logging.ERROR, logger="natodebate.panels"):
        panel.sliders["prior"].value = 0.8
    assert "could not be applied" in panel.status.value and "prior=1.5" in panel.status.value
    assert list(_line(panel).y) == before  # the chart keeps its last good state
    monkeypatch.undo()
    panel.sliders["prior"].value = 0.7
    assert panel.status.value == ""


def test_one_figurewidget_is_mutated_not_replaced(panel):
    figure = panel.figure
    panel.sliders["n"].value = 7
    panel.preset_buttons.value = "K"
    assert panel.figure is figure and isinstance(figure, go.FigureWidget) and len(figure.data) == 3


def test_bad_preset_is_named():
    with pytest.raises(ValueError, match="hawk"):
        CredibilityPanel("hawk")


def test_the_panel_is_reached_as_the_lessons_write_it():
    assert panels.credibility.CredibilityPanel is CredibilityPanel
    assert figures.credibility.belief_figure is charts.belief_figure


def test_no_fixed_widths_and_the_figure_follows_the_column(panel):
    assert all(not str(s.layout.width or "").endswith("px") for s in panel.sliders.values())
    assert panel.figure.layout.width is None and panel.figure._config.get("responsive") is True
    assert isinstance(panel.children[-1], panels.base.FitFigures)
    assert "natodebate-panel" in panel._dom_classes


def test_a_sweep_changes_one_input_of_every_preset():
    table = cred.preset_sweep("attribution", [1.0, 0.75])
    assert table.loc[1.0].tolist() == ["0.179 · probes", "0.588 · no probe", "0.469 · no probe"]
    assert table.loc[0.75, "K"] == "0.261 · no probe"  # Mercer's adversary need not read restraint as weakness
    assert cred.preset_sweep("n", [11]).loc[11, "neutral"].endswith("probes")
    with pytest.raises(ValueError, match="parameter"):
        cred.preset_sweep("resolve", [1.0])
