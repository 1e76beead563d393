"""Every course figure holds its caption: computed from the layout, the
caption (and a legend under it) lies inside the bottom margin, under the x
axis, in lines short enough for a narrow notebook column; no figure has a
fixed width. (tests/test_browser.py checks the same on the drawn figures.)

Figures are discovered: every public function of ``natodebate.figures`` and
``natodebate.figures.factcheck`` that returns a plotly Figure is called with
sample arguments chosen by parameter name (SAMPLES), so a new figure is
covered without editing this file unless it takes a new kind of argument.
"""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from course_figures import FIGURE_FUNCTIONS
from course_figures import make as _make

from natodebate import figures
from natodebate.figures import captions
from natodebate.figures import factcheck as charts
from natodebate.models import factcheck as check

FIGURE_FUNCTIONS = dict(FIGURE_FUNCTIONS)


def test_every_course_figure_is_discovered():
    names = {name.split(".")[-1] for name in FIGURE_FUNCTIONS}
    assert {"argument_sunburst", "claims_by_type", "tornado", "weighting_figure", "crux_figure", "numeric_claims", "timeline"} <= names


def _framed_by_finish() -> go.Figure:
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
    return figures.finish(fig, "A title", "A caption long enough to need two lines in a narrow column: " * 2, height=360)


FIGURE_FUNCTIONS["figures.finish (a bar chart)"] = _framed_by_finish


@pytest.mark.parametrize("name", sorted(FIGURE_FUNCTIONS))
def test_caption_and_legend_fit_in_the_bottom_margin(name):
    fig = _make(FIGURE_FUNCTIONS[name])
    layout = fig.layout
    assert layout.width is None, "a fixed width would not follow the notebook column"
    height, top, bottom = layout.height, layout.margin.t, layout.margin.b
    plot_px = height - top - bottom
    assert plot_px > 100, f"plot area only {plot_px} px high"

    caption = next(a for a in layout.annotations if a.name == "caption")
    assert (caption.yref, caption.y, caption.yanchor) == ("paper", 0, "top"), "a caption hangs from the plot area's bottom edge"
    lines = captions.caption_lines(caption.text)
    for line in caption.text.split("<br>"):
        assert len(captions.plain_text(line)) <= captions.CAPTION_CHARS, f"caption line too long for a narrow column: {line!r}"
    caption_top = -(caption.yshift or 0)
    caption_bottom = caption_top + lines * captions.CAPTION_LINE_PX + captions.CAPTION_PAD_PX
    assert caption_top >= (captions.AXIS_PX if fig.data[0].type != "sunburst" else 0), "the caption would cover the x axis"
    assert caption_bottom <= bottom, f"caption ends {caption_bottom} px below the plot area, the margin is {bottom} px"

    legend = layout.legend
    if layout.showlegend is not False and legend.y is not None and legend.y < 0:
        names = [t.name for t in fig.data if t.showlegend is not False and t.name]
        legend_top = -legend.y * plot_px
        legend_bottom = legend_top + captions.legend_rows(names) * captions.LEGEND_ROW_PX + captions.LEGEND_PAD_PX
        assert legend_top >= caption_bottom - 0.5, "the legend would cover the caption"
        assert legend_bottom <= bottom + 0.5, f"legend ends {legend_bottom:.0f} px below the plot area, the margin is {bottom} px"


def test_wrap_caption_keeps_words_and_explicit_breaks():
    text = "Top: the claims whose credence moves the thesis most; dashed: the thesis now.<br>Below: each claim."
    lines = captions.wrap_caption(text, width=40)
    assert lines[-1] == "Below: each claim."
    assert all(len(line) <= 40 for line in lines)
    assert " ".join(lines[:-1]) == text.split("<br>")[0]


def test_bottom_stack_reserves_axis_caption_and_legend():
    stack = captions.bottom_stack("one<br>two", axis_px=50, legend=2)
    assert stack.caption_px == 50 + captions.GAP_PX
    assert stack.legend_px == stack.caption_px + 2 * captions.CAPTION_LINE_PX + captions.CAPTION_PAD_PX + captions.GAP_PX
    assert stack.margin_b >= stack.legend_px + 2 * captions.LEGEND_ROW_PX
    assert stack.legend_y(height=500, margin_t=70) == pytest.approx(-stack.legend_px / (500 - 70 - stack.margin_b))
    with pytest.raises(ValueError, match="axis_px=-1"):
        captions.bottom_stack("x", axis_px=-1)
    with pytest.raises(ValueError, match="no legend"):
        captions.bottom_stack("x").legend_y(400, 70)


def test_legend_rows_grow_with_the_entries():
    assert captions.legend_rows(["a", "b"]) == 1
    assert captions.legend_rows(["a fairly long legend entry name"] * 6) >= 3


def test_the_fair_rounding_caption_keeps_its_two_lines_whatever_the_slider_says():
    fig = charts.numeric_claims(check.numeric_claim_checks(10.0, "first_published"), 10.0, "first_published")
    for tolerance, vintage in ((0.0, "latest_revision"), (27.5, "first_published")):
        charts.update_numeric_claims(fig, check.numeric_claim_checks(tolerance, vintage), tolerance, vintage)
        caption = next(a for a in fig.layout.annotations if a.name == "caption")
        assert captions.caption_lines(caption.text) == 2
        assert f"±{tolerance:g}%" in captions.plain_text(caption.text)


@pytest.mark.parametrize("article", ["K", "P"])
def test_the_weighting_figure_draws_two_traces_and_keys_its_colours_under_the_caption(article):
    """One trace for all claim bars (each further trace is redrawn on every
    slider move); its colour key is an annotation, between caption and bottom edge."""
    from natodebate import models

    fig = figures.weighting_figure(article, models.claim_strengths(article), models.sensitivity(article))
    assert len(fig.data) == 2 and fig.data[-1].xaxis == "x2"
    layout = fig.layout
    plot_px = layout.height - layout.margin.t - layout.margin.b
    caption = next(a for a in layout.annotations if a.name == "caption")
    key = next(a for a in layout.annotations if a.name == "key")
    caption_bottom = -caption.yshift + captions.caption_lines(caption.text) * captions.CAPTION_LINE_PX + captions.CAPTION_PAD_PX
    key_top = -key.y * plot_px
    assert key_top >= caption_bottom - 0.5
    assert key_top + captions.caption_lines(key.text) * captions.CAPTION_LINE_PX + captions.CAPTION_PAD_PX <= layout.margin.b
    types = set(models.article_claims(article).loc[[i for i in fig.data[0].y if i != models.argument_map(article).thesis], "claim_type"])
    assert all(kind in captions.plain_text(key.text) for kind in types | {"thesis"})
