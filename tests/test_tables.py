"""Tables students read show every cell in full: no 50-character cut, web
addresses as working links, dates as dates, dollar signs not typeset as maths
— whatever pandas' display options say."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from natodebate import data, figures, models
from natodebate.models import factcheck as check

KAGAN_URL = "https://www.theatlantic.com/international/archive/2025/09/nato-russia-poland/684165/"


def test_an_article_row_shows_its_whole_address_as_a_link_and_its_date_as_a_date():
    shown = figures.table(data.articles().loc["K", ["title", "author", "published", "url"]])
    html = shown.to_html()
    assert f'<a href="{KAGAN_URL}" target="_blank" rel="noopener">{KAGAN_URL}</a>' in html
    assert "2025-09-10" in html and "00:00:00" not in html
    assert KAGAN_URL in repr(shown) and "00:00:00" not in repr(shown)


def test_long_text_is_never_cut_even_with_pandas_cutting_it(monkeypatch):
    weights = data.load_table("preset_weights").query("claim_id == 'K33'")
    longest = max(weights["justification"], key=len)
    assert len(longest) > 50
    with pd.option_context("display.max_colwidth", 20):
        shown = figures.table(weights)
        assert longest.replace("&", "&amp;").replace("'", "&#x27;") in shown.to_html()
        assert longest in repr(shown)
    # prose wraps and keeps a readable width; short columns stay on one line
    html = shown.to_html()
    assert "white-space:normal;min-width:14em" in html and "white-space:nowrap" in html


@pytest.mark.parametrize(
    "make",
    [
        lambda: check.checked_claims(),
        lambda: check.claim_evidence("P04"),
        lambda: check.neutrality_rules()[["instrument", "provision", "rule", "reading"]],
        lambda: check.documented_fact("F27")[["statement", "source", "confidence"]],
        lambda: figures.claim_table("K", paragraphs=[1, 2, 3]).frame,
    ],
    ids=["checked claims", "claim evidence", "neutrality rules", "a documented fact", "claim table"],
)
def test_lesson_tables_show_every_cell_in_full(make):
    frame = make()
    markup = figures.table(frame).to_html()
    shown_text = html.unescape(re.sub(r"<[^>]+>", "\n", markup))
    cells = frame.to_numpy().ravel() if isinstance(frame, pd.DataFrame) else frame.to_numpy()
    long_cells = [text for text in cells if isinstance(text, str) and len(text) > 50]
    assert long_cells, "the example should have cells pandas would cut"
    for text in long_cells:
        assert text in shown_text
    assert "tex2jax_ignore" in markup and "mathjax_ignore" in markup  # "$1 bn … $350 m" stays text


def test_course_columns_get_the_course_colours():
    html = figures.claim_table("P", paragraphs=[6]).to_html()
    assert f"border-left:6px solid {figures.TYPE_COLOURS['empirical']}" in html
    assert f"background-color:{figures.VERDICT_COLOURS['supported']}33" in html
    assert "<i>" in html  # quotes in italics


def test_cell_text():
    cell = figures.tables.cell_text
    assert cell(pd.Timestamp("2022-03-15")) == "2022-03-15"
    assert cell(pd.Timestamp("2022-03-15 14:30")) == "2022-03-15 14:30"
    assert cell(float("nan")) == cell(None) == cell(pd.NA) == "—"
    assert (cell(True), cell(False)) == ("yes", "no")
    assert (cell(17098242.0), cell(0.85), cell(2021)) == ("17098242", "0.85", "2021")


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="data: expected a pandas DataFrame or Series, got list"):
        figures.table([1, 2])
    with pytest.raises(ValueError, match="frame: expected a pandas DataFrame"):
        figures.Table(pd.Series([1]))


def test_claim_table_is_a_full_table():
    table = figures.claim_table("K", paragraphs=[1])
    assert isinstance(table, figures.Table)
    assert set(table.frame["id"]) <= set(models.article_claims("K").index)


def test_a_table_too_wide_for_its_box_turns_its_rows_into_cards():
    # At 1024×768 with the file browser open the notebook column is about
    # 580 px: a table of many columns becomes one card per row (a line per
    # cell, the column's name first) instead of running past the edge; the
    # browser test measures that no table does.
    wide = figures.table(check.neutrality_rules()[["instrument", "provision", "rule", "reading"]]).to_html()
    narrow = figures.table(data.articles()[["author", "outlet"]]).to_html()
    width = {name: int(re.search(r"@container \(max-width: (\d+)px\)", shown).group(1)) for name, shown in (("wide", wide), ("narrow", narrow))}
    assert width["wide"] > 700 > 400 > width["narrow"]
    assert 'data-label="provision"' in wide and 'data-label="rule_id"' in wide
    assert "content:attr(data-label)" in wide and "container-type:inline-size" in wide
    # the cards' rules reach only their own table
    own = re.search(r"table\.(natodebate-t[0-9a-f]{10}) thead", wide).group(1)
    assert f'class="natodebate-table {own} ' in wide and own not in narrow
