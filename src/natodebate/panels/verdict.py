"""Lesson 09's panel: your verdict. Switch between your saved settings and
the three readers' presets, see the verdict of every lesson's question,
the assumptions that would flip one, try moving one assumption between the
two readers' presets, and export your assumptions to hand in."""

from __future__ import annotations

import html

import ipywidgets as widgets

from .. import assumptions as store
from ..figures import verdict as charts
from ..models import verdict as model
from .base import STICKY_CLASS, PanelBase, full_width, live_figure, shows_errors, sticky_controls

__all__ = ["VerdictPanel", "SOURCE_OPTIONS"]

#: The source buttons: label → whose values.
SOURCE_OPTIONS = (("my saved settings", "mine"), ("Kagan's reader", "K"), ("Petrovics's reader", "P"), ("neutral reader", "neutral"))
_SIDE_COLOURS = {"K": charts.SIDE_COLOURS["K"], "P": charts.SIDE_COLOURS["P"], "neither": "#555"}

# A slider's handle overhangs its track's end by half its size (see lesson 04's panel).
_CSS = (
    "<style>.natodebate-verdict .widget-hslider .slider-container "
    "{ padding-right: calc(var(--jp-widgets-slider-handle-size, 16px) / 2); }"
    ".natodebate-verdict .natodebate-ledger { max-height: 340px; overflow-y: auto; overflow-x: hidden; border: 1px solid #e0e0e0; }"
    ".natodebate-verdict .natodebate-ledger table { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 85%; }"
    ".natodebate-verdict .natodebate-ledger th, .natodebate-verdict .natodebate-ledger td "
    "{ overflow-wrap: anywhere; padding: 2px 4px; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; line-height: 1.3; }</style>"
)
#: The ledger's columns in the panel and their share of its width (a fixed
#: layout that wraps inside the panel at any width).
_LEDGER_COLUMNS = {"lesson": 5, "assumption": 40, "yours": 10, "K's preset": 9, "P's preset": 9, "unit": 9, "from": 10, "nearer": 8}
#: Their headings (short enough not to break inside a word at 1024 px).
_LEDGER_HEADINGS = {"lesson": "#", "K's preset": "K", "P's preset": "P"}


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _ledger_html(ledger) -> str:
    """The ledger as a table that wraps to the panel's width (a scroll box, vertical only)."""
    head = "".join(f"<col style='width:{width}%'>" for width in _LEDGER_COLUMNS.values())
    titles = "".join(
        f"<th title='{html.escape(name, quote=True)}'>{html.escape(_LEDGER_HEADINGS.get(name, name))}</th>" for name in _LEDGER_COLUMNS
    )
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(row[name]))}</td>" for name in _LEDGER_COLUMNS) + "</tr>"
        for row in ledger.to_dict("records")
    )
    return f"<div class='natodebate-ledger'><table><colgroup>{head}</colgroup><thead><tr>{titles}</tr></thead><tbody>{rows}</tbody></table></div>"


class VerdictPanel(PanelBase):
    """Every assumption of lessons 00–08 and the verdicts they give.

    Controls: ``source`` (``ToggleButtons``: "mine" — the student's saved
    settings, a lesson with nothing saved taking the neutral preset — or a
    reader's presets "K", "P", "neutral"); ``what_if`` (a ``Dropdown`` of
    the assumptions that decide a verdict) with ``slider`` (where it lies
    between Kagan's reader's preset, 0, and Petrovics's, 1); ``student``
    (``Text``) and ``export_button``, which writes
    ``assumptions_<name>.json`` into ``folder``.

    Attributes: ``values`` (the current values, see
    :mod:`natodebate.models.verdict`), ``sources``, ``verdicts``,
    ``flip_table``, ``figure``, ``summary``, ``status``, ``ledger_box``,
    ``flips_box``, ``export_note``. ``path``: the assumptions file read
    for "mine" (default: :func:`natodebate.assumptions.assumptions_path`).
    """

    def __init__(self, source: str = "mine", path=None, folder="."):
        source = model.check_choice("source", source, tuple(value for _, value in SOURCE_OPTIONS))
        super().__init__(layout=full_width(margin="0", max_width="900px"))
        self.add_class("natodebate-verdict")
        self.path, self.folder = path, folder
        self._holding = False
        self.source = widgets.ToggleButtons(
            options=list(SOURCE_OPTIONS), value=source, description="Values of:",
            style={"button_width": "auto", "description_width": "auto"}, layout=full_width(flex_flow="row wrap"),
            tooltips=["what your lessons' panels saved (the neutral preset where a lesson saved nothing)",
                      "every preset of Kagan's reader", "every preset of Petrovics's reader", "every neutral preset"],
        )
        self.source.add_class("natodebate-presets")
        self.source_note = widgets.HTML(layout=full_width())
        self.what_if = widgets.Dropdown(description="try moving", style={"description_width": "84px"}, layout=full_width(min_width="0"))
        self.slider = widgets.FloatSlider(
            value=0.5, min=0, max=1, step=0.05, readout_format=".2f", continuous_update=False,
            description="K 0 ↔ 1 P", style={"description_width": "84px"}, layout=full_width(min_width="0"),
            tooltip="0 = Kagan's reader's preset, 1 = Petrovics's reader's",
        )
        self.slider.add_class("natodebate-claim-slider")
        self.ledger_box = widgets.HTML(layout=full_width())
        self.flips_box = widgets.HTML(layout=full_width())
        self.student = widgets.Text(description="your name or id", placeholder="e.g. Ana K. or s1234567",
                                    style={"description_width": "110px"}, layout=full_width(min_width="0", max_width="420px"))
        self.export_button = widgets.Button(description="Export my assumptions", icon="download",
                                            layout=widgets.Layout(width="auto", max_width="100%"),
                                            tooltip="write assumptions_<your name>.json next to this lesson, to hand in")
        self.export_note = widgets.HTML(layout=full_width())

        self._load(source)
        self.figure = live_figure(charts.positions_figure(self.positions))
        self._write_all()
        self.summary.add_class(STICKY_CLASS)
        self.source.observe(self._on_source, names="value")
        self.what_if.observe(self._on_choice, names="value")
        self.slider.observe(self._on_slider, names="value")
        self.export_button.on_click(self._on_export)

        slider_area = sticky_controls(
            self.summary,
            widgets.HTML("<div style='line-height:1.3'><small><b>What if?</b> Choose an assumption and move it between "
                         "Kagan's reader's preset (0) and Petrovics's reader's (1); the others stay as they are.</small></div>",
                         layout=full_width()),
            self.what_if,
            self.slider,
        )
        self.children = [
            widgets.HTML(f"{_CSS}<h4 style='margin:4px 0'>Your verdict: every assumption, and the one that decides</h4>"),
            self.source,
            self.source_note,
            self.status,
            slider_area,
            self.figure,
            self.flips_box,
            widgets.HTML("<b>The ledger</b> <small>(claim weights only where they differ from the neutral preset)</small>"),
            self.ledger_box,
            widgets.HTML("<b>Hand in your assumptions</b>"),
            widgets.HBox([self.student, self.export_button], layout=full_width(flex_flow="row wrap", align_items="center")),
            self.export_note,
            self.fit_figures,
        ]

    # --- the values ----------------------------------------------------------------

    def _load(self, source: str) -> None:
        """Read the values of ``source`` and compute everything the panel shows."""
        note = ""
        if source == "mine":
            try:
                self.values, self.sources = model.student_values(self.path)
            except store.AssumptionsError as error:
                self.values, self.sources = model.values_from_sections({})
                self.show_error(error)
                note = "Your file could not be read (see the message above): showing the neutral presets."
            saved = sorted({store.SECTIONS[s][:2] for s, how in self.sources.items() if how == "saved"})
            filled = sorted({store.SECTIONS[s][:2] for s, how in self.sources.items() if how != "saved"})
            file = html.escape(str(store.assumptions_path(self.path).name))
            if not saved:
                note = note or f"Nothing saved in <code>{file}</code> yet: every value is the neutral preset (move a lesson's panel to save yours)."
            note = note or (
                f"From <code>{file}</code>: saved in lessons {', '.join(saved)}; "
                f"the neutral preset for lessons {', '.join(filled) or 'none'} (nothing saved there)."
            )
        else:
            self.values, self.sources = model.reader_values(source), {s: f"{source} preset" for s in store.SECTIONS}
            note = f"Every value is the preset of the {dict((v, k) for k, v in SOURCE_OPTIONS)[source]}."
        self.source_note.value = f"<div style='line-height:1.3'><small>{note}</small></div>"
        self._compute(flips=True)
        self._fill_choices()

    def _compute(self, flips: bool, changed: str | None = None) -> None:
        # a what-if moves one assumption: only its question is recomputed
        self.verdicts = model.verdicts(self.values, previous=getattr(self, "verdicts", None), changed=changed)
        self.positions = model.position_table(self.values, self.verdicts)
        if flips:
            self.flip_table = model.flip_table(self.values, self.verdicts)

    def _fill_choices(self) -> None:
        """The what-if choices: every assumption of the figure, the first flip first."""
        keys = list(self.positions.index)
        first = next((k for k in self.flip_table["key"] if k in keys), keys[0])
        options = [(_shorten(f"{row.label}: {row.assumption}", 60), key) for key, row in self.positions.iterrows()]
        self._holding = True
        try:
            self.what_if.options = options
            self.what_if.value = first
            self.slider.value = self._slider_value(first)
        finally:
            self._holding = False

    def _slider_value(self, key: str) -> float:
        where = float(self.positions.at[key, "position"])
        return min(1.0, max(0.0, round(where / 0.05) * 0.05))

    # --- callbacks --------------------------------------------------------------------

    @shows_errors
    def _on_source(self, change) -> None:
        self._load(change["new"])
        self._write_all()

    @shows_errors
    def _on_choice(self, change) -> None:
        if self._holding or change["new"] is None:
            return
        self._holding = True
        try:
            self.slider.value = self._slider_value(change["new"])
        finally:
            self._holding = False

    @shows_errors
    def _on_slider(self, change) -> None:
        if self._holding:
            return
        self.values = model.set_position(self.values, self.what_if.value, change["new"])
        section = model.assumption_table().at[self.what_if.value, "section"]
        self.sources = {**self.sources, section: "what if"}
        self._compute(flips=False, changed=self.what_if.value)
        self._write_all(flips=False)

    @shows_errors
    def _on_export(self, _button=None) -> None:
        written = self.export(self.student.value)
        self.export_note.value = (
            f"<div style='line-height:1.3'>Written: <code>{html.escape(str(written))}</code>. "
            "Hand in this file (your saved settings, not the what-if above).</div>"
        )

    def export(self, student: str):
        """Write the student's saved assumptions to hand in (see
        :func:`natodebate.assumptions.export`); returns the file written."""
        return store.export(student, self.folder, self.path)

    # --- text ---------------------------------------------------------------------------

    def _write_all(self, flips: bool = True) -> None:
        with self.figure.batch_update():
            charts.update_positions_figure(self.figure, self.positions)
        self._write_summary()
        self.ledger_box.value = _ledger_html(model.ledger(self.values, self.sources))
        if flips:
            self._write_flips()

    def _write_summary(self) -> None:
        counts = model.tally(self.verdicts)
        verdict = model.overall(self.verdicts)
        if verdict == "neither":
            head = f"<b>Neither reader</b> has more of your verdicts ({counts['K']} each)"
        else:
            head = f"You side with <b style='color:{_SIDE_COLOURS[verdict]}'>{model.SIDE_NAMES[verdict]}</b>"
        items = " · ".join(
            f"{row.lesson} <b style='color:{_SIDE_COLOURS[row.verdict]}'>{row.verdict}</b>" for row in self.verdicts.itertuples()
        )
        moved = self.what_if.value
        row = self.verdicts.loc[model.assumption_table().at[moved, "question"]] if moved else None
        what = (f"<br>{html.escape(self.positions.at[moved, 'label'])} = {html.escape(self.positions.at[moved, 'yours'])}: "
                f"{html.escape(row['question'])} → <b>{row['verdict']}</b> ({html.escape(row['because'])})") if row is not None else ""
        self.summary.value = (
            "<div style='padding:4px 6px;line-height:1.35'>"
            f"{head}: Kagan's reader on <b>{counts['K']}</b> of {len(self.verdicts)} questions, "
            f"Petrovics's reader on <b>{counts['P']}</b>, neither on {counts['neither']}.<br>"
            f"<span style='font-size:92%'>{items}{what}</span></div>"
        )

    def _write_flips(self) -> None:
        table = self.flip_table
        parts = []
        for article in ("K", "P"):
            other = "P" if article == "K" else "K"
            rows = model.flips(self.values, article, table)
            name = model.SIDE_NAMES[article]
            if rows.empty:
                parts.append(f"<li>No single assumption set to {model.SIDE_NAMES[other]}'s preset takes a verdict away from {name}.</li>")
                continue
            listed = "; ".join(
                f"<b>{html.escape(r.key)}</b> {html.escape(r.yours)} → {html.escape(r.value)} (lesson {r.lesson}: {r.before} → {r.after})"
                for r in rows.head(6).itertuples()
            )
            more = f" and {len(rows) - 6} more" if len(rows) > 6 else ""
            parts.append(f"<li>Set to {model.SIDE_NAMES[other]}'s preset, these take a verdict away from {name}: {listed}{more}.</li>")
        decisive = model.decisive_flips(table)
        if decisive.empty:
            overall = "No single assumption changes the overall count's winner."
        else:
            overall = "One assumption alone changes the overall winner: " + "; ".join(
                f"<b>{html.escape(r.key)}</b> → {html.escape(r.value)} (overall: {model.SIDE_NAMES[r['overall before']]} → "
                f"{model.SIDE_NAMES[r['overall after']]})"
                for _, r in decisive.head(4).iterrows()
            ) + "."
        self.flips_box.value = (
            "<div style='line-height:1.35'><b>What would flip a verdict</b> (one assumption at a time, set to the other reader's preset)"
            f"<ul style='margin:2px 0;padding-left:18px'>{''.join(parts)}</ul><small>{overall}</small></div>"
        )
