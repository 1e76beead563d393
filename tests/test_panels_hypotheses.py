"""Lesson 07's panel and figures without a browser: set a control, assert on
the model's result, the figure's trace data and the summary line."""

from __future__ import annotations

import logging
import re

import plotly.graph_objects as go
import pytest

from natodebate.figures import hypotheses as charts
from natodebate.models import hypotheses as ach
from natodebate.panels.hypotheses import PRESET_LABELS, CompetingHypothesesPanel


@pytest.fixture()
def panel():
    return CompetingHypothesesPanel()


def _text(panel) -> str:
    return re.sub(r"<[^>]+>", "", panel.summary.value)


def _bars(panel):
    return panel.figure.data[0]


def _cell_text(panel, evidence: str, hypothesis: str) -> str:
    cells = panel.figure.data[1]
    return next(t for x, y, t in zip(cells.x, cells.y, cells.text) if (x, y) == (hypothesis, evidence))


def test_panel_starts_with_the_neutral_analysts_tie(panel):
    assert panel.assessment["leaders"] == ["H1", "H3"]
    assert list(_bars(panel).y) == [0, 2, 0, 2]
    assert list(_bars(panel).marker.color) == [charts.OKABE_ITO["bluish green"], "#999999"] * 2
    assert "H1 and H3 tie" in _text(panel)
    assert "Flip finder: D1 × H3 N → I would break the tie (H1 would lead alone)" in _text(panel)
    assert "Ratings: the neutral analyst's." in _text(panel)
    assert panel.figure.layout.shapes[0].y0 == 0  # the threshold: the leader's score
    assert (panel.figure.data[2].x, panel.figure.data[2].y) == (("H3",), ("D1",))  # the flip finder's cell, framed
    assert panel.status.value == ""


def test_one_slider_per_contested_cell_with_its_reason(panel):
    assert list(panel.rating_sliders) == list(zip(ach.contested_cells()["evidence"], ach.contested_cells()["hypothesis"]))
    for cell, slider in panel.rating_sliders.items():
        assert slider.value == ach.matrix().loc[cell]
        assert "natodebate-claim-slider" in slider._dom_classes
    note = panel._notes[("D1", "H1")].value
    assert "neutral analyst: <b>C</b>" in note and "Deterred while it feared" in note


def test_rating_a_cell_inconsistent_breaks_the_tie(panel):
    panel.rating_sliders[("D1", "H3")].value = "I"
    assert panel.matrix.loc["D1", "H3"] == "I"
    assert panel.assessment["leaders"] == ["H1"]
    assert list(_bars(panel).y) == [0, 2, 1, 2]
    assert _cell_text(panel, "D1", "H3") == "I"
    assert "H1 leads" in _text(panel) and "next H3 with 1 inconsistent rating" in _text(panel)
    assert "Your changes to the neutral analyst's ratings: D1 × H3 N → I." in _text(panel)
    assert panel.preset_buttons.value is None  # the ratings are the student's own now
    assert "your rating I" in panel._notes[("D1", "H3")].value


def test_the_rule_buttons_rescore(panel):
    panel.rule_buttons.value = "bayes"
    assert list(_bars(panel).y) == pytest.approx(ach.scores(**ach.preset("neutral"), rule="bayes").tolist())
    assert panel.assessment["leaders"] == ["H1"]
    assert panel.figure.layout.yaxis.title.text == "posterior probability (0–1)"
    assert panel.figure.layout.shapes[0].y0 == pytest.approx(0.579, abs=1e-3)
    assert "naive Bayes (highest is best): H1 leads" in _text(panel)
    assert "D4 × H1 N → I would reverse the ranking (H3 would lead)" in _text(panel)


@pytest.mark.parametrize(("preset", "leader"), [("K", "H1"), ("P", "H3"), ("neutral", "H1, H3")])
def test_presets_write_every_cell_and_reach_their_readers_leaders(panel, preset, leader):
    panel.rating_sliders[("D2", "H1")].value = "II"  # a change of the student's, which the preset replaces
    panel.preset_buttons.value = preset
    assert panel.matrix.equals(ach.matrix(preset))
    for cell, slider in panel.rating_sliders.items():
        assert slider.value == ach.matrix(preset).loc[cell]
    assert ", ".join(panel.assessment["leaders"]) == leader
    assert panel.changes() == []
    who = {"K": "Kagan's reader", "P": "Petrovics's reader", "neutral": "neutral analyst"}[preset]
    assert who == PRESET_LABELS[preset] and who in panel._notes[("D1", "H1")].value


def test_the_k_and_p_presets_reach_their_articles_readings_under_every_rule(panel):
    for preset, first, last in (("K", "H1", None), ("P", "H3", "H1")):
        panel.preset_buttons.value = preset
        for rule in ach.RULE_NAMES:
            panel.rule_buttons.value = rule
            assert panel.assessment["leaders"] == [first], (preset, rule)
            if last:
                assert ach.ranking(panel.matrix, rule, **panel._weights)[last] == 4


def test_the_flip_button_applies_the_flip_finders_change(panel):
    panel.rule_buttons.value = "bayes"
    panel.flip_button.click()
    assert panel.cell_chooser.value == ("D4", "H1") and panel.cell_rating.value == "I"
    assert panel.matrix.loc["D4", "H1"] == "I"
    assert panel.assessment["leaders"] == ["H3"]
    assert "D4 × H1 N → I" in _text(panel)


def test_the_cell_chooser_shows_and_sets_any_cell(panel):
    panel.cell_chooser.value = ("D5", "H2")
    assert panel.cell_rating.value == "I"
    assert "No Russian nuclear use" in panel.cell_note.value
    panel.cell_rating.value = "C"
    assert panel.matrix.loc["D5", "H2"] == "C" and _cell_text(panel, "D5", "H2") == "C"
    assert panel.assessment["scores"]["H2"] == 1
    # a contested cell chosen in the chooser moves its own slider too
    panel.cell_chooser.value = ("D1", "H1")
    panel.cell_rating.value = "II"
    assert panel.rating_sliders[("D1", "H1")].value == "II"


def test_a_failing_update_is_shown_in_the_status_line(panel, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ValueError("rule='votes': expected one of 'heuer', 'open_source_ach', 'parc', 'bayes'")

    monkeypatch.setattr(ach, "assess", broken)
    before = list(_bars(panel).y)
    with caplog.at_level(logging.ERROR, logger="natodebate.panels"):
        panel.rule_buttons.value = "parc"
    assert "could not be applied" in panel.status.value and "rule=&#x27;votes&#x27;" in panel.status.value
    assert list(_bars(panel).y) == before  # the chart keeps its last good state
    assert any("panel update failed" in r.message for r in caplog.records)
    monkeypatch.undo()
    panel.rule_buttons.value = "heuer"
    assert panel.status.value == ""


def test_one_figurewidget_is_mutated_not_replaced(panel):
    figure = panel.figure
    assert isinstance(figure, go.FigureWidget) and figure.layout.width is None
    panel.rating_sliders[("D2", "H3")].value = "II"
    panel.rule_buttons.value = "open_source_ach"
    assert panel.figure is figure and len(figure.data) == 3


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match=r"preset='Kagan': expected one of"):
        CompetingHypothesesPanel(preset="Kagan")
    with pytest.raises(ValueError, match=r"rule='votes': expected one of"):
        CompetingHypothesesPanel(rule="votes")


def test_the_figure_marks_leader_threshold_and_flip():
    fig = charts.ach_figure(ach.assess(**ach.preset("K"), rule="parc"))
    assert list(fig.data[0].y) == pytest.approx([0, -3.414, -2, -5.414], abs=1e-3)
    assert fig.data[0].text[0] == "0 · leader"
    assert (fig.data[2].x, fig.data[2].y) == (("H1",), ("D3",))  # K's PARC lead falls if D3 × H1 were II
    assert fig.layout.shapes[0].line.dash == "dash" and fig.layout.shapes[0].y0 == 0
    assert "PARC weighted: H1 leads" in fig.layout.title.text
    italic = [t for t in fig.layout.yaxis2.ticktext if t.startswith("<i>")]
    assert italic == ["<i>D4 Eastern Sentry</i>", "<i>D6 Russia&#x27;s denial</i>"]  # no diagnostic value for K's reader


def test_the_diagnosticity_figure_shows_the_open_source_ach_oddity():
    matrix = ach.matrix()
    matrix.loc["D8"] = "I"
    fig = charts.diagnosticity_figure(matrix)
    heuer, summed = fig.data
    assert heuer.x[-1] == 0 and summed.x[-1] == 4  # inconsistent with everything: Heuer 0, Open Source ACH the highest
    assert list(heuer.x[:7]) == ach.diagnosticity(ach.matrix()).tolist()
