"""Lesson 06's panels and figures without a browser: set a control, assert
on the model output, the figure's data and the readout."""

from __future__ import annotations

import logging
import math

import numpy as np
import pandas as pd
import pytest

from natodebate.figures import escalation as charts
from natodebate.figures.captions import plain_text
from natodebate.models import escalation as model
from natodebate.panels import escalation as panels


def _text(html_text: str) -> str:
    return plain_text(html_text).replace("&lt;", "<").replace("&gt;", ">")


# --- the decision panel ---------------------------------------------------------------


@pytest.fixture()
def decision():
    return panels.DecisionPanel("neutral")


def test_decision_panel_starts_with_the_neutral_reader(decision):
    assert decision.arguments() == pytest.approx(model.preset("neutral", "decide"))
    assert decision.decision["threshold"] == pytest.approx(0.04)
    assert not decision.intervene
    verdict = decision.figure.data[1]
    assert list(verdict.x) == [pytest.approx(0.08)] and verdict.marker.color == charts.RESTRAIN_COLOUR
    summary = _text(decision.summary.value)
    assert "restrain" in summary and "It flips at: πI 7% (now 8%) · L 8 (now 10) · ΔB + ΔRep 0.5 (now 0.4)" in summary
    # the threshold is drawn where the verdict flips: π_I = π_R + Δπ* = 0.07
    threshold = next(s for s in decision.figure.layout.shapes if s.name == "threshold")
    assert threshold.x0 == threshold.x1 == pytest.approx(0.07)
    assert len(decision.figure.data[2].x) == 6  # the published forecasts as rug marks
    assert decision.status.value == ""


def test_lowering_pi_i_below_the_threshold_flips_the_verdict(decision):
    before_title, before_line = decision.figure.layout.title.text, tuple(decision.figure.data[0].y)
    decision.sliders["p_nuclear_intervention"].value = 0.05
    assert decision.intervene and decision.decision["utility_difference"] == pytest.approx(0.2)
    assert decision.figure.data[1].marker.color == charts.INTERVENE_COLOUR
    assert decision.figure.layout.title.text != before_title and "intervene" in decision.figure.layout.title.text
    assert tuple(decision.figure.data[0].y) == before_line  # π_I does not move the line
    assert "intervene" in _text(decision.summary.value)
    assert decision.preset_buttons.value is None and "Your own values" in decision.preset_note.value


def test_a_larger_loss_moves_the_line_and_the_threshold(decision):
    before = tuple(decision.figure.data[0].y)
    decision.sliders["loss"].value = 20.0
    assert decision.decision["threshold"] == pytest.approx(0.02)
    assert tuple(decision.figure.data[0].y) != before
    threshold = next(s for s in decision.figure.layout.shapes if s.name == "threshold")
    assert threshold.x0 == pytest.approx(0.05)


@pytest.mark.parametrize("preset, intervene", [("K", True), ("P", False), ("neutral", False)])
def test_decision_presets_write_every_slider_and_reach_their_verdict(decision, preset, intervene):
    decision.preset_buttons.value = "K" if preset != "K" else "P"  # start elsewhere
    decision.preset_buttons.value = preset
    assert decision.arguments() == pytest.approx(model.preset(preset, "decide"))
    assert set(decision.arguments()) == set(model.preset(preset, "decide"))
    assert decision.intervene is intervene
    assert "Why these values?" in decision.preset_note.value
    for row in model.preset_table(preset).query("model == 'escalation.decision'").itertuples():
        assert row.justification[:30].replace("'", "&#x27;") in decision.preset_note.value


def test_the_p_reader_s_verdict_is_pinned_to_the_chart_with_its_value(decision):
    decision.preset_buttons.value = "P"
    verdict = decision.figure.data[1]
    assert verdict.customdata[0] == pytest.approx(-4.4)
    assert verdict.y[0] == decision.figure.layout.yaxis.range[0] and verdict.marker.symbol == "triangle-down"
    assert "off the chart" in verdict.text[0]


def test_a_failing_decision_update_shows_in_the_status_line(decision, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ValueError("loss=0: must be a number > 0 (units of the stake)")

    monkeypatch.setattr(model, "decide", broken)
    before = tuple(decision.figure.data[1].x)
    with caplog.at_level(logging.ERROR, logger="natodebate.panels"):
        decision.sliders["loss"].value = 5.0
    assert "could not be applied" in decision.status.value and "loss=0" in decision.status.value
    assert tuple(decision.figure.data[1].x) == before
    monkeypatch.undo()
    decision.sliders["loss"].value = 6.0
    assert decision.status.value == ""


# --- the ladder panel -----------------------------------------------------------------


@pytest.fixture()
def ladder():
    return panels.LadderPanel("neutral")


def _bars(panel):
    return panel.figure.data[0]


def test_ladder_panel_starts_with_the_neutral_reader(ladder):
    expected = model.ladder(**model.preset("neutral", "ladder"))
    pd.testing.assert_series_equal(ladder.risks, expected)
    assert list(_bars(ladder).y) == pytest.approx(expected.round(5).tolist())
    assert ladder.safest == "respond from rung 1" and ladder.policy.value == 1  # the preset's safest policy
    assert list(_bars(ladder).marker.line.width) == [3, 0, 0, 0]
    assert ladder.figure.data[1].y[0] == pytest.approx(expected["never respond"])
    assert "never respond: 4.9%" in ladder.figure.data[1].name
    summary = _text(ladder.summary.value)
    assert "Respond from rung 1: P(nuclear use) = 2.3%" in summary and "safer than never responding" in summary
    assert "What would change your mind" in summary and ladder.simulations == 1


@pytest.mark.parametrize("preset", ["K", "P"])
def test_ladder_presets_reproduce_the_worked_example_and_its_reversal(ladder, preset):
    ladder.preset_buttons.value = preset
    assert ladder.arguments() == pytest.approx(model.preset(preset, "ladder"))
    pd.testing.assert_series_equal(ladder.risks, model.ladder(**model.preset(preset, "ladder")))
    risks = ladder.risks.to_numpy()
    if preset == "K":  # responding earlier is safer
        assert np.all(np.diff(risks) > 0) and ladder.policy.value == 1
        assert set(_bars(ladder).marker.color[:3]) == {charts.INTERVENE_COLOUR}
    else:  # responding earlier is riskier
        assert np.all(np.diff(risks) < 0) and ladder.policy.value == "never"
        assert set(_bars(ladder).marker.color[:3]) == {charts.RESTRAIN_COLOUR}
    assert "the policy with the least risk under these three values" in ladder.preset_note.value


def test_moving_an_lr_slider_reruns_the_monte_carlo(ladder):
    before = list(_bars(ladder).y)
    ladder.sliders["lr_response"].value = 1.0
    assert ladder.simulations == 2
    expected = model.ladder(0.82, 1.0, 0.01)
    pd.testing.assert_series_equal(ladder.risks, expected)
    assert list(_bars(ladder).y) != before
    assert ladder.preset_buttons.value is None


def test_a_pair_of_lrs_seen_a_moment_ago_needs_no_new_run(ladder):
    ladder.preset_buttons.value = "K"
    ladder.preset_buttons.value = "P"
    ladder.preset_buttons.value = "neutral"
    assert ladder.simulations == 3  # neutral, K, P; the neutral run is kept
    pd.testing.assert_series_equal(ladder.risks, model.ladder(**model.preset("neutral", "ladder")))
    assert ladder.flips["never respond"] == ladder.curve.flip_risk(None)
    for step in range(ladder.KEEP_CURVES + 2):
        ladder.sliders["lr_quiet"].value = 0.5 + 0.01 * step
    assert len(ladder._curves) == ladder.KEEP_CURVES


def test_the_response_risk_reads_the_curve_without_a_new_simulation(ladder):
    summary = ladder.summary.value
    ladder.sliders["response_risk"].value = 0.1
    assert ladder.simulations == 1
    pd.testing.assert_series_equal(ladder.risks, model.ladder(0.82, 1.73, 0.1))
    assert ladder.summary.value != summary


def test_the_policy_only_redraws(ladder):
    risks = ladder.risks.copy()
    summary = ladder.summary.value
    ladder.policy.value = "never"
    assert ladder.simulations == 1 and ladder.risks.equals(risks)
    assert list(_bars(ladder).marker.line.width) == [0, 0, 0, 3]
    assert ladder.summary.value != summary and "Never respond" in _text(ladder.summary.value)
    assert ladder.preset_buttons.value == "neutral"  # a policy is a choice, not an assumption


def test_the_readout_names_the_response_risk_where_the_verdict_flips(ladder):
    flip = ladder.flips["respond from rung 1"]
    assert flip == pytest.approx(model.response_risk_curve(0.82, 1.73).flip_risk(1))
    assert f"{100 * flip:.3g}%" in _text(ladder.summary.value)
    ladder.sliders["response_risk"].value = min(0.19, flip * 1.3)  # past the flip: riskier now
    assert "riskier than never responding" in _text(ladder.summary.value)


def test_a_policy_can_be_given(ladder):
    panel = panels.LadderPanel("P", policy=2)
    assert panel.policy.value == 2 and panel.chosen_policy == 2


def test_a_failing_ladder_update_shows_in_the_status_line(ladder, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("lr_quiet=0: must be a number > 0 (likelihood ratio)")

    monkeypatch.setattr(model, "response_risk_curve", broken)
    before = list(_bars(ladder).y)
    ladder.sliders["lr_quiet"].value = 0.7
    assert "could not be applied" in ladder.status.value and "lr_quiet=0" in ladder.status.value
    assert list(_bars(ladder).y) == before
    monkeypatch.undo()
    ladder.sliders["lr_quiet"].value = 0.75
    assert ladder.status.value == ""


def test_one_figurewidget_each_mutated_not_replaced(decision, ladder):
    figures = decision.figure, ladder.figure
    decision.sliders["delta_benefit"].value = 0.5
    ladder.sliders["lr_quiet"].value = 0.9
    assert (decision.figure, ladder.figure) == figures
    assert decision.figure in decision.children and ladder.figure in ladder.children


# --- the figures ----------------------------------------------------------------------------


def test_the_decision_figure_draws_the_worked_example():
    fig = charts.decision_figure(0.08, 0.0, 0.3, 10.0, 0.2, forecasts=model.published_nuclear_risks())
    threshold = next(s for s in fig.layout.shapes if s.name == "threshold")
    assert threshold.x0 == pytest.approx(0.05)  # ΔB = 0.3, ΔRep = 0.2, L = 10 → Δπ* = 0.05
    label = next(a for a in fig.layout.annotations if a.name == "threshold")
    assert label.x == pytest.approx(math.log10(0.05)) and "5%" in label.text  # a log axis takes log10 positions
    assert fig.data[0].y[0] == pytest.approx(0.5 - 0.001 * 10)
    assert [t.split(" ")[0] for t in fig.data[2].text] == ["Metaculus", "US", "Swift", "Samotsvety", "John", "US"]
    assert "US intelligence 5–10%" in fig.data[2].text


def test_the_ladder_figure_needs_never_respond_and_the_policy():
    risks = model.ladder(0.67, 3.0, 0.002)
    with pytest.raises(ValueError, match="risks: expected a 'never respond' row"):
        charts.ladder_figure(risks.drop("never respond"))
    with pytest.raises(ValueError, match=r"policy=4: not among the policies drawn"):
        charts.ladder_figure(risks, policy=4)
    fig = charts.ladder_figure(risks, policy=None)
    assert list(fig.data[0].marker.line.width) == [0, 0, 0, 3]
    assert fig.data[0].x[0].endswith("<b>3.4%</b>")


def test_the_uncertainty_figures_show_the_worked_example():
    ranges = model.preset("neutral", "monte_carlo")["ranges"]
    histogram = charts.outcome_histogram(model.monte_carlo(ranges))
    assert histogram.layout.title.text == "Intervention preferred in 42% of 5,000 draws"
    assert sum(histogram.data[0].y) == pytest.approx(1.0, abs=1e-3)
    tornado = charts.input_tornado(model.tornado(ranges))
    # largest swing on top (plotly draws the first category at the bottom)
    assert [tick.split(" ")[0] for tick in tornado.data[0].y[::-1]] == ["π<sub>I</sub>", "L", "π<sub>R</sub>", "ΔB", "ΔRep"]
    with pytest.raises(ValueError, match="swings: expected the table from models.escalation.tornado"):
        charts.input_tornado(pd.DataFrame({"input": ["loss"]}))
