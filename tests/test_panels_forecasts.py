"""Lesson 08's panel and figures without a browser: set a control, assert on
the model's result, the figure's trace data and the summary line."""

from __future__ import annotations

import logging
import re

import plotly.graph_objects as go
import pytest

from natodebate.figures import forecasts as charts
from natodebate.models import forecasts as fc
from natodebate.panels.forecasts import HedgeReadingPanel


@pytest.fixture()
def panel():
    return HedgeReadingPanel()


def _text(panel) -> str:
    return re.sub(r"<[^>]+>", "", panel.summary.value)


def _bars(panel) -> dict:
    bars = panel.figure.data[0]
    return dict(zip(bars.y, bars.x))


def test_panel_starts_with_the_neutral_readings(panel):
    assert panel.readings == fc.reading_preset("neutral")
    assert {term: s.value for term, s in panel.sliders.items()} == {"appear to": 0.675, "could": 0.5, "tenuous possibility": 0.325}
    bars = _bars(panel)
    assert bars["P21"] == pytest.approx(0.675**2) and bars["P32"] == pytest.approx(0.25) and bars["P35"] == pytest.approx(0.325**2)
    assert bars["mean P"] == pytest.approx(0.2704, abs=1e-4) and bars["K37"] == 0 and bars["mean K"] == 0
    assert bars["mean forecasters"] == pytest.approx(0.134, abs=1e-3)
    assert "Brier 0.270, which is worse than the coin flip's 0.25" in _text(panel)
    assert "Kagan: nothing resolved yet (K37 is due 2026-09-30; 3 can never be scored)" in _text(panel)
    assert "'appear to' at 0.63" in _text(panel)
    assert panel.figure.layout.shapes[0].x0 == 0.25  # the coin flip: where the verdict on a mean flips
    assert panel.status.value == ""


def test_every_slider_carries_the_course_class_and_its_reason(panel):
    for term, slider in panel.sliders.items():
        assert "natodebate-claim-slider" in slider._dom_classes
        assert "neutral reader: <b>" in panel._notes[term].value
    assert "the middle of the band" in panel._notes["could"].value


def test_reading_appear_to_lower_puts_petrovics_under_the_coin_flip(panel):
    panel.sliders["appear to"].value = 0.6
    assert panel.readings["appear to"] == 0.6
    assert panel.assessment["scores"].loc["P", "brier"] == pytest.approx((0.36 + 0.25 + 0.325**2) / 3)
    assert _bars(panel)["P21"] == pytest.approx(0.36)
    assert "which beats the coin flip's 0.25" in _text(panel)
    assert "Your readings, against the neutral reader's: 'appear to' 0.60 (was 0.68)." in _text(panel)
    assert panel.preset_buttons.value is None
    assert "your reading 0.60" in panel._notes["appear to"].value


def test_one_reading_of_could_scores_both_authors(panel):
    panel.suppose_buttons.value = "False"
    panel.sliders["could"].value = 0.6
    bars = _bars(panel)
    assert bars["P32"] == pytest.approx(0.16) and bars["K37"] == pytest.approx(0.36)  # P32 happened; K37 supposed not to
    assert bars["mean K"] == pytest.approx(0.36)
    assert "Kagan, if K37 does not happen: Brier 0.360" in _text(panel)
    assert "supposed: did not" in " ".join(panel.figure.layout.yaxis.ticktext)


@pytest.mark.parametrize(("preset", "brier", "verdict"), [("K", 0.382, "is worse than"), ("P", 0.182, "beats"), ("neutral", 0.270, "is worse than")])
def test_presets_write_every_slider_and_reach_their_readers_verdicts(panel, preset, brier, verdict):
    panel.sliders["could"].value = 0.9  # a change of the student's, which the preset replaces
    panel.preset_buttons.value = preset
    assert {term: s.value for term, s in panel.sliders.items()} == fc.reading_preset(preset)
    assert panel.assessment["scores"].loc["P", "brier"] == pytest.approx(brier, abs=5e-4)
    assert f"which {verdict} the coin flip" in _text(panel)
    assert panel.changes() == []


def test_a_failing_update_is_shown_in_the_status_line(panel, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ValueError("readings['could']=1.5: must be a probability")

    monkeypatch.setattr(fc, "assess_readings", broken)
    before = list(panel.figure.data[0].x)
    with caplog.at_level(logging.ERROR, logger="natodebate.panels"):
        panel.sliders["could"].value = 0.7
    assert "could not be applied" in panel.status.value and "must be a probability" in panel.status.value
    assert list(panel.figure.data[0].x) == before
    assert any("panel update failed" in r.message for r in caplog.records)
    monkeypatch.undo()
    panel.sliders["could"].value = 0.6
    assert panel.status.value == ""


def test_one_figurewidget_is_mutated_not_replaced(panel):
    figure = panel.figure
    assert isinstance(figure, go.FigureWidget) and figure.layout.width is None
    panel.sliders["tenuous possibility"].value = 0.3
    panel.suppose_buttons.value = "True"
    assert panel.figure is figure and len(figure.data) == 1


def test_bad_preset_is_refused():
    with pytest.raises(ValueError, match=r"preset='Kagan': expected one of"):
        HedgeReadingPanel("Kagan")


def test_the_time_figure_shows_the_asymmetry():
    fig = charts.time_figure(fc.propositions())
    resolved = [t for t in fig.data if t.mode == "markers" and t.marker.symbol == "circle"]
    assert [list(t.y) for t in resolved] == [["P21 GDP falls >5% in 2022", "P32 Russia lashes out", "P35 settlement by end 2022"]]
    unresolved = [t for t in fig.data if t.mode == "markers" and t.marker.symbol == "circle-open"]
    assert [list(t.y) for t in unresolved] == [["K37 Polish opposition grows"]]
    assert len([s for s in fig.layout.shapes if s.line.dash == "dot"]) == 2  # one year after each article


def test_the_calibration_figure_draws_every_scored_forecast_and_the_diagonal():
    forecasts = fc.scored_forecasts()
    fig = charts.calibration_figure(forecasts)
    drawn = [x for t in fig.data if t.mode == "markers+text" for x in t.text]
    assert sorted(drawn) == sorted(forecasts["id"])
    assert (fig.layout.shapes[0].x0, fig.layout.shapes[0].y1) == (0, 1)
