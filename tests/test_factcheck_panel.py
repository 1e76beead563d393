"""Lesson 03's panel and figures without a browser: set a control, assert on
the figure's trace data and on the summary line."""

from __future__ import annotations

import logging

import plotly.graph_objects as go
import pytest

from natodebate.figures import factcheck as charts
from natodebate.figures.captions import plain_text
from natodebate.models import factcheck as check
from natodebate.panels.factcheck import FairRoundingPanel


@pytest.fixture()
def panel():
    return FairRoundingPanel(tolerance_pct=10.0, vintage="first_published")


def _bars(panel):
    return panel.figure.data[1]


def test_panel_starts_with_the_models_numbers(panel):
    expected = check.numeric_claim_checks(10.0, "first_published")
    assert list(_bars(panel).x) == [round(g, 2) for g in expected["gap_pct"]]
    assert list(_bars(panel).x) == [-5.57, 11.69, 0.0]
    assert "<b>2 of 3</b>" in panel.summary.value
    assert "1/10 of Russia's defense budget" in panel.summary.value  # named as failing
    assert panel.status.value == ""


def test_widening_the_tolerance_lets_the_budget_claim_pass(panel):
    before_colours = list(_bars(panel).marker.color)
    panel.tolerance.value = 12.0
    assert list(panel.figure.data[0].x) == [-12.0, 12.0, 12.0, -12.0, -12.0]  # the band follows the slider
    assert list(_bars(panel).marker.color) != before_colours
    assert set(_bars(panel).marker.color) == {charts.PASS_COLOURS[True]}
    assert "<b>3 of 3</b>" in panel.summary.value
    assert "±12%" in panel.summary.value


def test_switching_the_vintage_moves_the_budget_bar(panel):
    before = _bars(panel).x[1]
    panel.vintage.value = "latest_revision"
    after = _bars(panel).x[1]
    assert (before, after) == (11.69, -3.63)
    assert _bars(panel).x[0] == -5.57  # the area claim does not depend on SIPRI
    assert "latest revision" in panel.summary.value
    assert "<b>3 of 3</b>" in panel.summary.value


def test_zero_tolerance_fails_everything_but_the_range_claim(panel):
    panel.tolerance.value = 0.0
    passes = panel.checks.set_index("numeric_claim_id")["passes"].to_dict()
    assert passes == {"NC1": False, "NC2": False, "NC3": True}
    assert "<b>1 of 3</b>" in panel.summary.value
    assert list(_bars(panel).marker.pattern.shape) == ["x", "x", ""]


def test_a_failing_update_is_shown_in_the_status_line(panel, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ValueError("vintage='2019': expected one of 'first_published', 'latest_revision'")

    monkeypatch.setattr(check, "numeric_claim_checks", broken)
    before = list(_bars(panel).x)
    with caplog.at_level(logging.ERROR, logger="natodebate.panels"):
        panel.tolerance.value = 20.0
    assert "could not be applied" in panel.status.value
    assert "vintage=&#x27;2019&#x27;" in panel.status.value
    assert list(_bars(panel).x) == before  # the chart keeps its last good state
    assert any("panel update failed" in r.message for r in caplog.records)
    monkeypatch.undo()
    panel.tolerance.value = 15.0
    assert panel.status.value == ""  # cleared by the next good update


def test_one_figurewidget_is_mutated_not_replaced(panel):
    figure = panel.figure
    panel.tolerance.value = 25.0
    panel.vintage.value = "latest_revision"
    assert panel.figure is figure
    assert isinstance(panel.figure, go.FigureWidget)
    assert len(panel.figure.data) == 2


def test_bad_start_values_raise():
    with pytest.raises(ValueError, match="vintage='today'"):
        FairRoundingPanel(vintage="today")
    with pytest.raises(ValueError, match="tolerance_pct=50: expected a number from 0 to 30"):
        FairRoundingPanel(tolerance_pct=50)  # the slider would clamp it silently
    with pytest.raises(ValueError, match="tolerance_pct='10'"):
        FairRoundingPanel(tolerance_pct="10")


# --- the lesson's static figures -------------------------------------------------------

STATIC_FIGURES = [
    "sipri_series", "forecasts_vs_outcomes", "nato_spending", "kiis_polls", "cbos_polls",
    "forward_moves_chart", "shadow_war", "timeline",
]


@pytest.mark.parametrize("name", STATIC_FIGURES)
def test_every_figure_has_title_axis_titles_and_caption(name):
    fig = getattr(charts, name)()
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    captions = [a for a in fig.layout.annotations if a.name == "caption"]
    assert len(captions) == 1 and len(captions[0].text) > 20
    assert len(fig.data) >= 1


def test_sipri_figure_shows_both_vintages():
    fig = charts.sipri_series()
    names = [t.name for t in fig.data]
    assert names == ["Russia, latest revision", "Russia, as first published", "Ukraine, latest revision", "Ukraine, as first published"]
    assert list(fig.data[0].x) == list(range(2014, 2026))
    assert fig.data[3].y[list(fig.data[3].x).index(2021)] == 5.9
    assert fig.data[0].line.color == charts.COUNTRY_COLOURS["Russia"]


def test_forecast_figure_marks_both_outcomes():
    fig = charts.forecasts_vs_outcomes()
    lines = sorted(s.y0 for s in fig.layout.shapes if s.type == "line" and s.y0 == s.y1)
    assert lines == [-2.1, -1.2]
    imf = next(t for t in fig.data if t.name == "IMF")
    assert list(imf.y) == [2.8, -8.5, -6.0, -3.4]


def test_nato_figure_leaves_out_the_unconfirmed_value():
    fig = charts.nato_spending(2014, 2025)
    end = fig.data[2]
    assert "Germany" not in list(end.y)
    assert "Germany" in list(fig.data[1].y)
    caption = next(a.text for a in fig.layout.annotations if a.name == "caption")
    assert "no confirmed 2025 figure" in plain_text(caption)
    with pytest.raises(ValueError, match="from_year=2010"):
        charts.nato_spending(2010, 2025)


def test_timeline_colours_events_by_what_each_author_could_know():
    fig = charts.timeline()
    by_phase = {t.name: list(t.text) for t in fig.data}
    assert set(by_phase) == {"public before P", "public between P and K", "public after K"}
    assert any("Oval Office" in e for e in by_phase["public between P and K"])
    vlines = [s.x0 for s in fig.layout.shapes if s.type == "line"]
    assert {str(x)[:10] for x in vlines} == {"2022-03-15", "2025-09-10"}


def test_forward_moves_figure_counts_6800_before_the_invasion():
    fig = charts.forward_moves_chart()
    us = fig.data[0]
    before = [y for x, y in zip(us.x, us.y) if str(x)[:10] < "2022-02-24"]
    assert before[-1] == 6_800


def test_each_claims_result_stands_level_with_its_bar_and_follows_the_slider(panel):
    def results():
        return [(a.y, a.text) for a in panel.figure.layout.annotations if a.name == "result"]

    assert results() == [(0, "-5.6% ✓ passes"), (1, "+11.7% ✗ fails"), (2, "+0.0% ✓ passes")]
    panel.tolerance.value = 12.0
    assert [text for _, text in results()] == ["-5.6% ✓ passes", "+11.7% ✓ passes", "+0.0% ✓ passes"]
    assert panel.figure.layout.annotations[-1].name == "caption"
