"""Tables for students to read: every cell in full, wrapped, links clickable.

A notebook shows a pandas object with pandas' display settings, which cut
every cell at 50 characters ("https://www.theatlantic.com/international/arch...",
"Past restraint predicts the next probe (Weisig...") and show midnight dates
as "2025-09-10 00:00:00". :func:`table` wraps a ``DataFrame`` or ``Series``
in a :class:`Table`, whose HTML shows the whole text of every cell, wrapped
to the notebook's width, with web addresses as links, dates as dates, no
MathJax (a "$" in a cell stays a dollar sign), and the course's colours for
a ``verdict`` or claim-type column. It reads no global pandas option and sets
none; ``Table.frame`` is the data, unchanged.
"""

from __future__ import annotations

import hashlib
import html
import math
import numbers
import re
from collections.abc import Callable, Mapping

import pandas as pd

from .style import TYPE_COLOURS, VERDICT_COLOURS

__all__ = ["Table", "table", "cell_text"]

_URL = re.compile(r"^https?://\S+$")

#: A column whose longest value has more characters than this is prose: it
#: wraps and keeps a readable minimum width; shorter columns never wrap.
PROSE_CHARS = 40
#: What a table's columns need, roughly, in pixels of JupyterLab's output font:
#: a character of a short column, a prose column's minimum (14em), a cell's padding.
_CHAR_PX, _PROSE_PX, _PAD_PX = 6.8, 196, 16

#: Course columns drawn in the course's colours.
_VERDICT_COLUMNS = ("verdict",)
_TYPE_COLUMNS = ("type", "claim_type")
_QUOTE_COLUMNS = ("quote",)


def cell_text(value) -> str:
    """A cell's value as the text a student reads: dates without a midnight
    time, whole numbers without ".0", booleans as yes/no, missing as "—"."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return "—"
    if isinstance(value, (list, tuple)):
        return ", ".join(cell_text(v) for v in value)
    try:
        if pd.isna(value):
            return "—"
    except (TypeError, ValueError):
        pass
    if isinstance(value, bool) or (hasattr(value, "dtype") and str(getattr(value, "dtype", "")) == "bool"):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp):
        if value == value.normalize():
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return f"{float(value):.12g}"
    return str(value)


def _cell_html(column, text: str) -> tuple[str, str]:
    """(inner HTML, extra CSS) for one cell of ``column`` showing ``text``."""
    escaped = html.escape(text)
    name = str(column)
    if _URL.match(text):
        return f'<a href="{html.escape(text, quote=True)}" target="_blank" rel="noopener">{escaped}</a>', "overflow-wrap:anywhere;"
    if name in _VERDICT_COLUMNS and text in VERDICT_COLOURS:
        return escaped, f"background-color:{VERDICT_COLOURS[text]}33;"
    if name in _TYPE_COLUMNS and text in TYPE_COLOURS:
        return escaped, f"border-left:6px solid {TYPE_COLOURS[text]};"
    if name in _QUOTE_COLUMNS and text != "—":
        return f"<i>{escaped}</i>", ""
    return escaped, ""


def _narrow_css(table_class: str, width_px: float) -> str:
    """Where the table's columns cannot stand side by side (its box narrower
    than ``width_px``, e.g. a notebook at 1024×768 with the file browser
    open), each row becomes a card: one line per cell, the column's name
    first, so that nothing runs past the right edge. A CSS container query
    on the table's own box, so it follows the notebook's width as it changes."""
    t = f"table.{table_class}"
    return (
        f"<style>@container (max-width: {math.ceil(width_px)}px) {{"
        f"{t}, {t} tbody, {t} tr, {t} td, {t} th {{display:block !important; width:auto !important; "
        "min-width:0 !important; white-space:normal !important;}"
        f"{t} thead {{display:none !important;}}"
        f"{t} tr {{border-top:1px solid #c8c8c8; padding:4px 0;}}"
        f"{t} td, {t} th {{padding:1px 6px !important;}}"
        f"{t} td[data-label]::before, {t} th[data-label]::before {{content:attr(data-label) \": \"; font-weight:600; color:#555;}}"
        "}</style>"
    )


class Table:
    """A ``DataFrame`` (``frame``) shown in full: see the module's docstring.

    ``formats`` maps a column to a function value → inner HTML of its cells
    (escape what you return), for columns a caller draws in its own way.
    ``index``: show the row labels (default: unless they are 0, 1, 2, …).
    The plain-text form (``repr``, what a text-only front end and nbval see)
    is ``frame.to_string()``, also without cutting any cell.
    """

    def __init__(
        self, frame: pd.DataFrame, *, index: bool | None = None, caption: str | None = None,
        formats: Mapping[str, Callable[[object], str]] | None = None, css_class: str = "natodebate-table",
    ):
        if not isinstance(frame, pd.DataFrame):
            raise ValueError(f"frame: expected a pandas DataFrame, got {type(frame).__name__} (use natodebate.figures.table())")
        self.frame = frame
        self.index = not isinstance(frame.index, pd.RangeIndex) if index is None else index
        self.caption = caption
        self.formats = dict(formats or {})
        self.css_class = css_class

    def _columns(self) -> list[tuple[object, list, bool]]:
        """(header, values, is_index) for every column shown, the row labels first."""
        columns = []
        if self.index:
            names = [n for n in self.frame.index.names]
            if isinstance(self.frame.index, pd.MultiIndex):
                for level, name in enumerate(names):
                    columns.append((name if name is not None else "", list(self.frame.index.get_level_values(level)), True))
            else:
                columns.append((names[0] if names[0] is not None else "", list(self.frame.index), True))
        for column in self.frame.columns:
            columns.append((column, list(self.frame[column]), False))
        return columns

    def to_html(self) -> str:
        columns = self._columns()
        cells: list[list[str]] = []  # per column: the <td>/<th> of each row
        headers = []
        width_px = 0.0  # what the columns need side by side (see _narrow_css)
        for header, values, is_index in columns:
            texts = [cell_text(v) for v in values]
            longest = max((len(t) for t in texts), default=0)
            prose = longest > PROSE_CHARS
            width_px += _PAD_PX + (_PROSE_PX if prose else _CHAR_PX * max(longest, len(cell_text(header))))
            base = "text-align:left;vertical-align:top;padding:4px 8px;"
            base += "white-space:normal;min-width:14em;" if prose else "white-space:nowrap;"
            tag = "th" if is_index else "td"
            label = f' data-label="{html.escape(cell_text(header), quote=True)}"' if header != "" else ""
            column_cells = []
            for value, text in zip(values, texts):
                if header in self.formats and not is_index:
                    inner, extra = self.formats[header](value), ""
                else:
                    inner, extra = _cell_html(header, text)
                column_cells.append(f'<{tag}{label} style="{base}{extra}">{inner}</{tag}>')
            cells.append(column_cells)
            headers.append(
                # a header wraps at its spaces: "leaves K at" need not widen a column of "0.6"
                f'<th style="text-align:left;vertical-align:bottom;padding:4px 8px;white-space:normal">'
                f"{html.escape(cell_text(header) if header != '' else '')}</th>"
            )
        rows = ["<tr>" + "".join(column[i] for column in cells) + "</tr>" for i in range(len(self.frame))]
        caption = (
            f'<caption style="caption-side:top;text-align:left;padding:2px 0 6px">{html.escape(self.caption)}</caption>'
            if self.caption else ""
        )
        body = f"{caption}<thead><tr>{''.join(headers)}</tr></thead><tbody>{''.join(rows)}</tbody>"
        narrow_class = "natodebate-t" + hashlib.sha1(body.encode("utf-8")).hexdigest()[:10]
        # tex2jax_ignore / mathjax_ignore: JupyterLab would typeset "$1 bn ... $350 m" as maths.
        # table-layout:auto and width:auto: the browser wraps prose to fit the column.
        table = (
            f'<table class="{self.css_class} {narrow_class} tex2jax_ignore mathjax_ignore" '
            f'style="border-collapse:collapse;table-layout:auto;width:auto;max-width:100%;margin:0">{body}</table>'
        )
        return (
            f'<div class="natodebate-tablebox" style="container-type:inline-size;width:100%">'
            f"{_narrow_css(narrow_class, width_px)}{table}</div>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        shown = self.frame.map(cell_text)
        shown.index = shown.index.map(cell_text) if not isinstance(shown.index, pd.MultiIndex) else shown.index
        text = shown.to_string(index=self.index, max_colwidth=None)
        return f"{self.caption}\n{text}" if self.caption else text


def table(data: pd.DataFrame | pd.Series, *, caption: str | None = None, index: bool | None = None) -> Table:
    """``data`` as a :class:`Table` a student can read in full: no cell cut
    short, long text wrapped, web addresses as links. A ``Series`` (one row,
    e.g. ``data.articles().loc["K", ["title", "url"]]``) becomes a two-column
    table, one line per field."""
    if isinstance(data, pd.Series):
        frame = data.to_frame(name=data.name if data.name is not None else "value")
        frame.index.name = frame.index.name or ""
        return Table(frame, index=True, caption=caption)
    if isinstance(data, pd.DataFrame):
        return Table(data, index=index, caption=caption)
    raise ValueError(f"data: expected a pandas DataFrame or Series, got {type(data).__name__}")
