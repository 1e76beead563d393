"""Lesson 08's panel: read each hedge of the articles' predictions as a
probability and see how their Brier scores change."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..figures import forecasts as charts
from ..models import forecasts as fc
from ..models.validators import check_choice
from .base import STICKY_CLASS, PanelBase, full_width, live_figure, shows_errors, sticky_controls

__all__ = ["HedgeReadingPanel", "PRESET_LABELS", "SUPPOSE_OPTIONS"]

#: The presets' button labels.
PRESET_LABELS = {"K": "Kagan's reader", "P": "Petrovics's reader", "neutral": "neutral reader"}
_WHOSE = {"K": "Kagan's reader's", "P": "Petrovics's reader's", "neutral": "the neutral reader's"}
#: The what-if buttons for Kagan's unresolved proposition K37 (label → supposed outcome).
SUPPOSE_OPTIONS = (("no outcome yet", None), ("suppose it happens", True), ("suppose it does not", False))
#: The unresolved proposition the what-if buttons resolve.
SUPPOSED_CLAIM = "K37"
#: What the presets are (the panel's preset note).
_PRESET_NOTE = (
    "<div style='line-height:1.3'><small>Each reader reads every hedge inside its band (ICD 203, or the course's "
    "reading of a wording the directive does not list): the neutral reader in the middle, Petrovics's reader at the end "
    "kindest to her resolved predictions, Kagan's reader at the other end. One reading per wording, whoever wrote it. "
    "Move a slider and the preset is deselected; click it to start again.</small></div>"
)


class HedgeReadingPanel(PanelBase):
    """One slider per hedge the articles' scorable propositions use
    ('appear to', 'could', 'tenuous possibility': the probability the
    wording implies, 0–1, one reading per wording whoever wrote it), the K,
    P and neutral readers' readings as presets (each value's reason under
    its slider), a what-if for Kagan's unresolved K37, one live figure
    (:func:`natodebate.figures.forecasts.brier_figure`) and a readout: each
    article's Brier score against the coin flip, the forecasters'
    benchmark, and the reading of each hedge at which Petrovics's record
    crosses the coin flip.

    Attributes: ``preset_buttons``, ``sliders`` (dict hedge →
    ``FloatSlider``), ``suppose_buttons``, ``readings`` (hedge →
    probability), ``assessment`` (the last
    :func:`natodebate.models.forecasts.assess_readings` result), ``figure``,
    ``summary``, ``status``.

    With ``restore`` (the default) the panel starts from the readings and
    the what-if saved in ``my_assumptions.json`` (section ``hedges``) if
    there are any, with no preset selected (:meth:`PanelBase.restore_settings`);
    the notes compare them with the preset saved with them or, if the
    student had moved a slider, with the preset nearest to them (fewest
    hedges read differently; ``preset`` on a tie).
    """

    settings_section = "hedges"

    def __init__(self, preset: str = "neutral", *, restore: bool = True):
        check_choice("preset", preset, tuple(PRESET_LABELS))
        super().__init__()
        self._holding = False
        self.base_preset = preset
        self._base = fc.reading_base()  # the propositions and the benchmark, loaded once
        presets = fc.reading_presets()
        self._presets = {r: dict(zip(part["hedge"], part["value"].astype(float))) for r, part in presets.groupby("reader")}
        self._reasons = {(row.hedge, row.reader): row.reason for row in presets.itertuples()}
        self._bands = {row.hedge: row.band for row in presets.itertuples()}
        self.readings = dict(self._presets[preset])
        self._supposed_start = None

        def undo():
            self.base_preset, self.readings, self._supposed_start = preset, dict(self._presets[preset]), None

        self.restore_settings(self._apply_saved, restore, undo)  # before the sliders are built
        table = self._base.table
        self._used_by = {
            term: [(row.claim_id, row.wording, row.outcome) for row in table.itertuples() if row.hedge == term and row.outcome != "not scoreable"]
            for term in self.readings
        }
        self._due = table.set_index("claim_id").loc[SUPPOSED_CLAIM, "resolution_date"]

        self.preset_buttons = widgets.ToggleButtons(
            options=[(label, name) for name, label in PRESET_LABELS.items()], value=preset, description="Readings of:",
            style={"button_width": "auto", "description_width": "auto"}, layout=full_width(flex_flow="row wrap"),
        )
        self.preset_buttons.add_class("natodebate-presets")
        self.preset_note = widgets.HTML(_PRESET_NOTE, layout=full_width())
        self._row_layout = widgets.Layout(
            width="100%", flex_flow="row wrap", align_items="center", margin="0 0 4px 0", border_bottom="1px solid #eeeeee"
        )
        self._label_layout = widgets.Layout(flex="1 1 240px", min_width="0", margin="2px 8px 2px 0")
        self._slider_layout = widgets.Layout(flex="1 1 260px", min_width="0", width="auto", margin="2px 0")
        self._slider_style = widgets.SliderStyle(description_width="90px")
        self.sliders: dict[str, widgets.FloatSlider] = {}
        self._notes: dict[str, widgets.HTML] = {}
        rows = [self._hedge_row(term) for term in self.readings]
        self.suppose_buttons = widgets.ToggleButtons(
            options=[(label, str(value)) for label, value in SUPPOSE_OPTIONS], value=str(self._supposed_start),
            description=f"{SUPPOSED_CLAIM}:", style={"button_width": "auto", "description_width": "auto"},
            layout=full_width(flex_flow="row wrap"),
            tooltips=["as in the course data: not resolved", "score it as if it had happened", "score it as if it had not"],
        )
        self.preset_buttons.observe(self._on_preset, names="value")
        self.suppose_buttons.observe(self._on_suppose, names="value")
        if self.restored:
            self.show_restored("readings", keep_note=True)

        self.assessment = self._assess()
        self.figure = live_figure(charts.brier_figure(self.assessment))
        self._write_notes()
        self._write_summary()
        self.summary.add_class(STICKY_CLASS)
        slider_area = sticky_controls(
            self.summary,
            widgets.HTML(
                "<div style='line-height:1.3'><small><b>How likely does each wording say the event is?</b> "
                "0 = it will not happen, 1 = it will. Under each slider: the wording's band and why the chosen reader "
                "reads it so.</small></div>",
                layout=full_width(),
            ),
            *rows,
            widgets.HTML(
                f"<div style='line-height:1.3;margin-top:6px'><small><b>What if</b> Kagan's {SUPPOSED_CLAIM} (Polish "
                f"opposition to aiding Ukraine grows; due {html.escape(str(self._due))}) had resolved? It is scored with the "
                "same reading of 'could' as Petrovics's P32.</small></div>",
                layout=full_width(),
            ),
            self.suppose_buttons,
        )
        self.children = [
            widgets.HTML("<h4 style='margin:4px 0'>Read the hedges: how did the predictions score?</h4>"),
            self.preset_buttons,
            self.preset_note,
            self.status,
            self.figure,
            slider_area,
            self.fit_figures,
        ]
        self._saves_settings = True

    def settings(self) -> dict:
        """The selected preset (``None`` once a slider moved), every hedge's
        reading and the what-if for K37, as ``my_assumptions.json`` keeps them."""
        return {"preset": self.preset_buttons.value, "readings": {t: float(v) for t, v in self.readings.items()},
                "suppose_K37": self.supposed}

    def _apply_saved(self, section: dict) -> None:
        """The saved readings (over the preset they were saved with, or the
        nearest one) and the what-if."""
        readings = section["readings"]
        base = section["preset"]
        if base is None:
            def differ(name):
                return sum(abs(readings.get(t, v) - v) > 1e-9 for t, v in self._presets[name].items())

            base = min(PRESET_LABELS, key=lambda name: (differ(name), name != self.base_preset))
        self.base_preset = base
        self.readings = {**self._presets[base], **{t: float(v) for t, v in readings.items()}}
        self._supposed_start = section["suppose_K37"]

    # --- building ---------------------------------------------------------

    def _hedge_row(self, term: str) -> widgets.Widget:
        fate = {"unresolved": "not resolved yet", "true": "it happened", "false": "it did not happen"}
        used = "; ".join(
            f"{claim_id} <i>“{html.escape(wording)}”</i> ({fate[outcome]})" for claim_id, wording, outcome in self._used_by[term]
        )
        label = widgets.HTML(
            f"<div style='line-height:1.25'><b>'{html.escape(term)}'</b> · band {html.escape(self._bands[term])}<br>"
            f"<span style='font-size:90%'>{used}</span></div>",
            layout=self._label_layout,
        )
        slider = widgets.FloatSlider(
            value=self.readings[term], min=0, max=1, step=0.01, readout_format=".2f", continuous_update=False,
            description="probability", style=self._slider_style, layout=self._slider_layout,
        )
        # The course's CSS class for panel sliders (the browser test finds them by it).
        slider.add_class("natodebate-claim-slider")
        slider.observe(lambda change, term=term: self._on_slider(term, change), names="value")
        self.sliders[term] = slider
        self._notes[term] = widgets.HTML(layout=full_width())
        return widgets.VBox(
            [widgets.HBox([label, slider], layout=full_width(flex_flow="row wrap", align_items="center")), self._notes[term]],
            layout=self._row_layout,
        )

    # --- callbacks ----------------------------------------------------------

    @property
    def supposed(self) -> bool | None:
        """The outcome the what-if buttons give K37: ``None`` (none), ``True`` or ``False``."""
        return {"None": None, "True": True, "False": False}[self.suppose_buttons.value]

    def _assess(self) -> dict:
        suppose = None if self.supposed is None else {SUPPOSED_CLAIM: self.supposed}
        return fc.assess_readings(self.readings, suppose, base=self._base)

    def _hold(self, action) -> None:
        self._holding = True
        try:
            action()
        finally:
            self._holding = False

    @shows_errors
    def _on_preset(self, change) -> None:
        if change["new"] is None or self._holding:
            return  # deselected because the student moved a slider
        self.base_preset = change["new"]
        self.readings = dict(self._presets[change["new"]])
        self.preset_note.value = _PRESET_NOTE

        def show():
            for term, slider in self.sliders.items():
                slider.value = self.readings[term]

        self._hold(show)
        self.refresh()

    @shows_errors
    def _on_slider(self, term: str, change) -> None:
        if self._holding:
            return
        self.readings[term] = float(change["new"])
        # The readings are the student's own now: deselect the preset, so that
        # clicking it again restores its readings.
        self._hold(lambda: setattr(self.preset_buttons, "value", None))
        self.refresh()

    @shows_errors
    def _on_suppose(self, change) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Score the propositions under the current readings and redraw figure, notes and readout."""
        self.assessment = self._assess()
        with self.figure.batch_update():
            charts.update_brier_figure(self.figure, self.assessment)
        self._write_notes()
        self._write_summary()

    # --- text ---------------------------------------------------------------

    def changes(self) -> list[tuple[str, float, float]]:
        """The hedges the student reads differently from the preset they
        started from: (hedge, preset's reading, student's reading)."""
        base = self._presets[self.base_preset]
        return [(t, base[t], v) for t, v in self.readings.items() if abs(v - base[t]) > 1e-9]

    def _write_notes(self) -> None:
        who = PRESET_LABELS[self.base_preset]
        for term, note in self._notes.items():
            base, why = self._presets[self.base_preset][term], self._reasons[(term, self.base_preset)]
            mine = self.readings[term]
            if abs(mine - base) > 1e-9:
                head = f"<b>your reading {mine:.2f}</b> ({who}: {base:.2f}, {html.escape(why)})"
            else:
                head = f"{who}: <b>{base:.2f}</b>, {html.escape(why)}"
            note.value = f"<div style='line-height:1.3;color:#333'><small>{head}</small></div>"

    def _write_summary(self) -> None:
        scores = charts.score_rows(self.assessment["scores"])
        p = scores["P"]
        verdict = "beats" if p["brier"] < charts.COIN_FLIP_BRIER else ("is worse than" if p["brier"] > charts.COIN_FLIP_BRIER else "equals")
        k = scores["K"]
        if self.supposed is None:
            kagan = (
                f"Kagan: <b>nothing resolved yet</b> ({SUPPOSED_CLAIM} is due {html.escape(str(self._due))}; "
                f"{int(k['not scoreable'])} can never be scored)."
            )
        else:
            words = "happens" if self.supposed else "does not happen"
            kagan = f"Kagan, <i>if {SUPPOSED_CLAIM} {words}</i>: Brier <b>{k['brier']:.3f}</b> (one supposed outcome)."
        thresholds = self.assessment["thresholds"]
        flips = " · ".join(
            f"'{html.escape(term)}' at {', '.join(f'{x:.2f}' for x in crossing)}" if crossing else f"'{html.escape(term)}': never"
            for term, crossing in thresholds.items()
        )
        changed = self.changes()
        if changed:
            mine = f"Your readings, against {_WHOSE[self.base_preset]}: " + ", ".join(
                f"'{html.escape(t)}' {v:.2f} (was {b:.2f})" for t, b, v in changed
            ) + "."
        else:
            mine = f"Readings: {_WHOSE[self.base_preset]}."
        self.summary.value = (
            "<div style='padding:4px 6px;line-height:1.35'>"
            f"Petrovics (3 resolved): Brier <b style='font-size:120%'>{p['brier']:.3f}</b>, which <b>{verdict}</b> "
            f"the coin flip's 0.25 (skill {p['skill vs 0.5']:+.2f}).<br>"
            f"<span style='font-size:92%'>{kagan} Forecasters ({int(scores['forecasters']['scored'])} resolved): "
            f"{scores['forecasters']['brier']:.3f}.<br>"
            f"Petrovics's record crosses the coin flip (one hedge moved, the others held) with {flips}.<br>{mine}</span></div>"
        )
