"""Panels without a browser: set a control's value, assert on the figure's
trace data and on the summary line."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from natodebate import models, panels


def _trace_value(figure, claim_id):
    for trace in figure.data[:-1]:
        if claim_id in trace.y:
            return trace.x[list(trace.y).index(claim_id)]
    raise AssertionError(f"{claim_id} not in the figure")


@pytest.fixture(scope="module", params=models.ARTICLES)
def panel(request):
    return panels.ClaimWeightingPanel(request.param)


def test_panel_starts_at_the_neutral_preset(panel):
    assert panel.thesis_strength == pytest.approx(models.thesis_strength(panel.article, "neutral"))
    assert f"{panel.thesis_strength:.1%}" in panel.summary.value
    assert set(panel.credence_sliders) == set(models.argument_map(panel.article).weighted_ids)
    assert panel.status.value == ""


def test_moving_the_decisive_claim_changes_figure_and_summary(panel):
    panel.preset_buttons.value = "neutral"
    top = panel.ranking.iloc[0]
    claim = top["claim_id"]
    before_thesis = _trace_value(panel.figure, models.argument_map(panel.article).thesis)
    before_summary = panel.summary.value
    target = 0.0 if top["swing"] > 0 else 1.0
    panel.credence_sliders[claim].value = target
    after_thesis = _trace_value(panel.figure, models.argument_map(panel.article).thesis)
    assert after_thesis < before_thesis  # the case loses its most decisive support
    assert after_thesis == pytest.approx(models.thesis_strength(panel.article, "neutral", credence={claim: target}))
    assert _trace_value(panel.figure, claim) == pytest.approx(panel.strengths[claim])
    assert panel.figure.layout.shapes[0].x0 == pytest.approx(after_thesis)  # the tornado's "you are here" line
    assert panel.summary.value != before_summary
    assert panel.preset_buttons.value is None  # the weights are the student's own now
    assert f"{after_thesis:.1%} of the case stands" in panel.figure.layout.title.text


def test_importance_slider_reweights(panel):
    panel.preset_buttons.value = "neutral"
    claim = panel.ranking.iloc[0]["claim_id"]
    before = panel.thesis_strength
    panel.importance_sliders[claim].value = 0.0
    assert panel.thesis_strength != pytest.approx(before)
    assert panel.thesis_strength == pytest.approx(
        models.thesis_strength(panel.article, "neutral", importance={claim: 0.0})
    )


@pytest.mark.parametrize("preset", models.PRESETS)
def test_presets_write_every_slider_and_redraw_once(panel, preset):
    panel.preset_buttons.value = preset
    weights = models.preset_weights(panel.article, preset)
    for claim_id, row in weights.iterrows():
        assert panel.credence_sliders[claim_id].value == pytest.approx(row["credence"])
        assert panel.importance_sliders[claim_id].value == pytest.approx(row["importance"])
    assert panel.thesis_strength == pytest.approx(models.thesis_strength(panel.article, preset))


def test_each_persuaded_reader_favours_their_article():
    for article in models.ARTICLES:
        other = "P" if article == "K" else "K"
        assert models.thesis_strength(article, f"persuaded_by_{article}") > models.thesis_strength(
            article, f"persuaded_by_{other}"
        )


def test_a_failing_callback_is_shown_in_the_panel(monkeypatch):
    panel = panels.ClaimWeightingPanel("K")
    claim = next(iter(panel.credence_sliders))

    def broken(*args, **kwargs):
        raise ValueError("credence: the model refused this value")

    monkeypatch.setattr(models, "one_way_sensitivity", broken)
    panel.credence_sliders[claim].value = 0.35
    assert "could not be applied" in panel.status.value
    assert "the model refused this value" in panel.status.value
    monkeypatch.undo()
    panel.credence_sliders[claim].value = 0.4
    assert panel.status.value == ""


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match=r"article='Q': expected 'K' \(Kagan\) or 'P'"):
        panels.ClaimWeightingPanel("Q")
    with pytest.raises(ValueError, match=r"preset='hawk': expected one of neutral"):
        panels.ClaimWeightingPanel("K", preset="hawk")


# --- lesson 00: the first win ------------------------------------------------


def test_crux_panel_slider_flips_the_verdict():
    panel = panels.CruxPanel()
    panel.slider.value = 0.0
    low_verdict, low_bars = panel.verdict, list(panel.figure.data[0].y)
    panel.slider.value = 1.0
    high_verdict, high_bars = panel.verdict, list(panel.figure.data[0].y)
    assert {low_verdict, high_verdict} == {"K", "P"}
    assert low_bars != high_bars
    assert list(high_bars) == pytest.approx([panel.strengths["K"], panel.strengths["P"]])
    name = "Kagan" if high_verdict == "K" else "Petrovics"
    assert f"more of {name}" in panel.summary.value


def test_crux_panel_rejects_bad_values():
    with pytest.raises(ValueError, match="crux='nukes': expected one of"):
        panels.CruxPanel("nukes")
    with pytest.raises(ValueError, match=r"value=2: must be a number between 0 and 1"):
        panels.CruxPanel(value=2)


def test_even_a_small_claim_changes_the_summary_line():
    """The summary shows the thesis to a tenth of a percent, so a student who
    moves a minor claim sees the case move."""
    panel = panels.ClaimWeightingPanel("K")
    first = next(iter(panel.credence_sliders))
    before = panel.summary.value
    panel.credence_sliders[first].value = 1.0 if panel.credence_sliders[first].value < 1.0 else 0.0
    assert panel.summary.value != before


def test_sections_are_built_when_opened_and_show_the_current_weights():
    panel = panels.ClaimWeightingPanel("P")
    built = [len(box.children) for box in panel.controls.children]
    assert built[0] > 0 and sum(built[1:]) == 0  # only the open section has widgets
    panel.preset_buttons.value = "persuaded_by_K"
    panel.controls.selected_index = 2
    box = panel.controls.children[2]
    assert box.children
    expected = models.preset_weights("P", "persuaded_by_K")
    for claim_id in [i for i in panel._sections[panel.controls.titles[2]] if i in expected.index]:
        assert panel._credence_sliders[claim_id].value == pytest.approx(expected.loc[claim_id, "credence"])
    # a slider built late still drives the model
    claim_id = next(i for i in panel._sections[panel.controls.titles[2]] if i in expected.index)
    panel._credence_sliders[claim_id].value = 0.0
    assert panel.credence[claim_id] == 0.0
    assert panel.thesis_strength == pytest.approx(
        models.thesis_strength("P", "persuaded_by_K", credence={claim_id: 0.0})
    )


# --- layout: what holds in a 577 px notebook column (the browser test measures it) --------


def _all_widgets(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _all_widgets(child)


def _every_panel():
    panel = panels.ClaimWeightingPanel("K")
    panel.credence_sliders  # noqa: B018 - build every section
    return [panel, panels.CruxPanel(), panels.FairRoundingPanel()]


@pytest.mark.parametrize("panel", _every_panel(), ids=lambda p: type(p).__name__)
def test_panels_have_no_fixed_widths_and_figures_follow_the_column(panel):
    fixed = [
        (type(w).__name__, w.layout.width, w.layout.min_width)
        for w in _all_widgets(panel)
        if not isinstance(w, (panels.base.FitFigures, go.FigureWidget))
        and any(str(v or "").endswith("px") for v in (w.layout.width, w.layout.min_width))
    ]
    assert not fixed, f"fixed pixel widths do not fit a narrow column: {fixed[:5]}"
    assert panel.figure.layout.width is None and panel.figure.layout.autosize
    assert panel.figure._config.get("responsive") is True
    assert isinstance(panel.children[-1], panels.base.FitFigures)  # it resizes the panel's plots
    assert "natodebate-panel" in panel._dom_classes and panel.layout.overflow == "visible"


def test_weighting_rows_wrap_and_the_readout_sits_atop_the_sliders():
    panel = panels.ClaimWeightingPanel("P")
    area = next(w for w in panel.children if "natodebate-slider-area" in getattr(w, "_dom_classes", ()))
    assert area.children[0] is panel.summary and area.children[-1] is panel.controls
    assert "natodebate-sticky" in panel.summary._dom_classes
    row = panel.controls.children[0].children[1]  # a claim with two sliders
    assert row.layout.flex_flow == "row wrap"
    pair = row.children[1]
    assert set(pair.children) <= set(panel._credence_sliders.values()) | set(panel._importance_sliders.values())
    assert pair.layout.flex_flow == "row wrap" and all(s.layout.flex == "1 1 280px" for s in pair.children)


def test_the_readout_shows_the_change_since_the_last_update():
    panel = panels.ClaimWeightingPanel("K")
    claim = panel.ranking.iloc[0]["claim_id"]
    before = panel.thesis_strength
    panel.credence_sliders[claim].value = 0.0
    points = 100 * (panel.thesis_strength - before)
    assert f"▼ {abs(points):.1f} points" in panel.summary.value
    assert panel.ranking.iloc[0]["claim_id"] in panel.summary.value


def test_a_panel_figure_takes_plotlys_trace_deltas_without_converting_them():
    """plotly.js answers every redraw with the trace defaults it computed; a
    panel's figure only marks the edit done (and runs what waited for it)."""
    panel = panels.ClaimWeightingPanel("K")
    figure = panel.figure
    assert isinstance(figure, panels.base.PanelFigure)
    next(iter(panel.credence_sliders.values())).value = 0.0  # an edit: plotly.js would now redraw
    assert figure._trace_edit_in_process and figure._layout_edit_in_process
    ran = []
    figure._waiting_edit_callbacks.append(lambda: ran.append(True))
    delta = {"uid": figure.data[0].uid, "marker": {"line": {"width": 0}}}
    figure._js2py_traceDeltas = {"trace_deltas": [delta], "trace_edit_id": figure._last_trace_edit_id}
    assert not figure._trace_edit_in_process and figure._js2py_traceDeltas is None
    assert not ran  # the layout edit is still in process
    figure._js2py_layoutDelta = {"layout_delta": {}, "layout_edit_id": figure._last_layout_edit_id}
    assert not figure._layout_edit_in_process and ran == [True]
    assert figure.data[0]._prop_defaults == {} or "line" not in figure.data[0]._prop_defaults.get("marker", {})
