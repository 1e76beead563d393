"""Every course figure has a title, a caption, axis titles and safe colours."""

from __future__ import annotations

import functools

import plotly.graph_objects as go
import pytest
from course_figures import FIGURE_FUNCTIONS, make

from natodebate import figures, models

SAFE = {c.upper() for c in figures.OKABE_ITO.values()}


def _safe(colour: str) -> bool:
    """Okabe–Ito, or a neutral grey (equal red, green and blue)."""
    return colour in SAFE or colour[1:3] == colour[3:5] == colour[5:7]

#: Every course figure (discovered), made with sample arguments.
FIGURES = {name: functools.partial(make, function) for name, function in FIGURE_FUNCTIONS.items()}


def _colours(fig: go.Figure) -> set[str]:
    found = set()
    for trace in fig.data:
        marker = getattr(trace, "marker", None)
        for value in (getattr(marker, "color", None), getattr(marker, "colors", None)):
            if isinstance(value, str):
                found.add(value)
            elif value is not None:
                found.update(v for v in value if isinstance(v, str))
        line = getattr(trace, "line", None)
        if line is not None and isinstance(getattr(line, "color", None), str):
            found.add(line.color)
    return {c.upper() for c in found if c.startswith("#")}


@pytest.mark.parametrize("name", FIGURES)
def test_figure_has_title_caption_axis_titles_and_safe_colours(name):
    fig = FIGURES[name]()
    captions = [a for a in fig.layout.annotations if a.name == "caption"]
    assert len(captions) == 1 and len(captions[0].text) > 20
    if name != "weighting.weighting_figure":  # the panel's title is the live thesis strength
        assert fig.layout.title.text
    else:
        assert "of the case stands" in fig.layout.title.text
    cartesian = [t for t in fig.data if t.type in ("bar", "scatter")]
    if cartesian:
        assert fig.layout.xaxis.title.text
        # an axis whose ticks are written-out labels (the claims themselves) needs no title
        assert fig.layout.yaxis.title.text or fig.layout.yaxis.ticktext
        if "xaxis2" in fig.layout and fig.layout.xaxis2.anchor:
            assert fig.layout.xaxis2.title.text and fig.layout.yaxis2.title.text
    unsafe = {c for c in _colours(fig) if not _safe(c)}
    assert not unsafe, f"colours outside the Okabe–Ito palette and the greys: {unsafe}"


def test_claim_types_have_distinct_colours():
    assert len(set(figures.TYPE_COLOURS.values())) == len(models.CLAIM_TYPES)


def test_tornado_rejects_a_table_that_is_not_a_sensitivity_ranking():
    with pytest.raises(ValueError, match="sensitivity: expected the table from models.sensitivity"):
        figures.tornado(models.claim_counts("K"))


def test_claim_table_filters_paragraphs_and_names_bad_ones():
    table = figures.claim_table("P", paragraphs=[6])
    html = table.to_html()
    assert "P16" in html and "P02" not in html
    # in the order of the text (claims.csv order), which is not id order once claims are added later
    in_text_order = [i for i in models.article_claims("P").index if i in set(table.frame["id"])]
    assert list(table.frame["id"]) == in_text_order and set(table.frame["¶"]) == {6}
    assert "tex2jax_ignore" in html  # "$1 bn ... $350 m" in a verdict note must not become maths
    with pytest.raises(ValueError, match=r"paragraphs=\[99\]: article K has no claims there"):
        figures.claim_table("K", paragraphs=[99])


def test_reference_line_needs_exactly_one_position():
    with pytest.raises(ValueError, match="exactly one of x= or y="):
        figures.reference_line(go.Figure(), x=1, y=2)


def test_build_figure_adds_the_frame_and_caption_and_changes_only_the_margins_it_names():
    fig = figures.build_figure(
        [{"type": "bar", "x": ["a"], "y": [1]}], "A title", "A caption long enough to read", height=300,
        annotations=[{"text": "label", "x": 0, "y": 1}], margin={"b": 150}, xaxis=figures.axis("x (unit)"),
    )
    assert fig.layout.title.text == "A title" and fig.layout.height == 300
    assert (fig.layout.margin.l, fig.layout.margin.b) == (70, 150)  # the frame's left margin stays, a larger bottom too
    assert [a.text for a in fig.layout.annotations] == ["label", "<i>A caption long enough to read</i>"]
    caption = fig.layout.annotations[-1]
    assert caption.name == "caption" and (caption.y, caption.yanchor) == (0, "top")
    assert caption.yshift == -(figures.captions.AXIS_PX + figures.captions.GAP_PX)  # under the x axis
    assert fig.layout.xaxis.title.text == "x (unit)"


def test_the_course_template_is_plotly_white_cut_to_what_course_figures_draw():
    import plotly.io as pio

    white, course = pio.templates["plotly_white"], figures.course_template()
    white_layout = white.layout.to_plotly_json()
    for key, value in course.layout.to_plotly_json().items():
        assert value == white_layout[key], key
    for kind in figures.COURSE_TRACE_TYPES:
        assert course.data[kind] == white.data[kind]
    # every figure draws only trace types the template covers, on 2-D axes only
    for name, make_figure in FIGURES.items():
        fig = make_figure()
        assert {trace.type for trace in fig.data} <= set(figures.COURSE_TRACE_TYPES), name
        assert not {"polar", "ternary", "scene", "geo", "coloraxis"} & set(fig.to_plotly_json()["layout"]), name
        # plotly's default template is left alone on import, and every figure carries the course's
        assert pio.templates.default == "plotly" and fig.layout.template == course, name
