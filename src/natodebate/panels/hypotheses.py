"""Lesson 07's panel: rate the evidence on "why drones over Poland?" and
see which hypothesis survives under each scoring rule of the Analysis of
Competing Hypotheses, and which single rating would upset the lead."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..figures import hypotheses as charts
from ..models import hypotheses as ach
from ..models.validators import check_choice
from .base import STICKY_CLASS, PanelBase, full_width, live_figure, shows_errors, sticky_controls

__all__ = ["CompetingHypothesesPanel", "PRESET_LABELS", "RATING_OPTIONS"]

#: The presets' button labels.
PRESET_LABELS = {"K": "Kagan's reader", "P": "Petrovics's reader", "neutral": "neutral analyst"}
#: The presets' ratings, as a sentence names them ("Ratings: …", "Your changes to …").
_WHOSE = {"K": "Kagan's reader's", "P": "Petrovics's reader's", "neutral": "the neutral analyst's"}
#: The slider's ratings, from very inconsistent to very consistent.
RATING_OPTIONS = ("II", "I", "N", "C", "CC")
#: What the flip finder's kinds of change mean, in a sentence.
_KIND_WORDS = {
    "new leader": "would reverse the ranking ({after} would lead)",
    "tie broken": "would break the tie ({after} would lead alone)",
    "tie made": "would cost the leader its sole lead ({after} would tie)",
}


class CompetingHypothesesPanel(PanelBase):
    """The course's ACH matrix (evidence D1–D7 × hypotheses H1–H4) with a
    rating slider for each cell the K and P readers rate differently, a
    chooser for any other cell, the four scoring rules, presets, one live
    figure (:func:`natodebate.figures.hypotheses.ach_figure`) and a readout
    of the leader under every rule and the flip finder's change.

    Attributes: ``preset_buttons`` (K, P, neutral; ``None`` once the
    student changes a rating), ``rule_buttons``, ``rating_sliders`` (dict
    (evidence, hypothesis) → ``SelectionSlider``, for the contested cells),
    ``cell_chooser`` (``Dropdown`` of every cell) with ``cell_rating`` (its
    slider) and ``flip_button`` (applies the flip finder's change),
    ``matrix`` (the current ratings), ``assessment`` (the last
    :func:`natodebate.models.hypotheses.assess` result), ``figure``,
    ``summary``, ``status``.

    With ``restore`` (the default) the panel starts from the ratings and the
    rule saved in ``my_assumptions.json`` (section ``hypotheses``) if there
    are any, instead of ``preset`` and ``rule``, with no preset selected
    (:meth:`PanelBase.restore_settings`).
    """

    settings_section = "hypotheses"

    def __init__(self, preset: str = "neutral", rule: str = "heuer", *, restore: bool = True):
        check_choice("preset", preset, tuple(PRESET_LABELS))
        check_choice("rule", rule, tuple(ach.RULE_NAMES))
        super().__init__()
        self._holding = False
        items = ach.evidence()
        self._weights = {"credibility": items["credibility"].to_dict(), "relevance": items["relevance"].to_dict()}
        self._items = items["item"].to_dict()
        self._labels = charts.course_labels()
        # (evidence, hypothesis) → (rating, justification), per preset: looked up on every change
        self._ratings = {
            name: {(r.evidence_id, r.hypothesis): (r.rating, r.justification) for r in ach.ratings(name).itertuples()}
            for name in PRESET_LABELS
        }
        self._matrices = {name: ach.matrix(name) for name in PRESET_LABELS}
        self.contested = ach.contested_cells()
        self.base_preset = preset
        self.matrix = self._matrices[preset].copy()

        self.preset_buttons = widgets.ToggleButtons(
            options=[(label, name) for name, label in PRESET_LABELS.items()], value=preset, description="Ratings of:",
            style={"button_width": "auto", "description_width": "auto"}, layout=full_width(flex_flow="row wrap"),
        )
        self.preset_buttons.add_class("natodebate-presets")
        self.preset_note = widgets.HTML(layout=full_width())
        self.rule_buttons = widgets.ToggleButtons(
            options=[(label, name) for name, label in ach.RULE_NAMES.items()], value=rule, description="Score by:",
            style={"button_width": "auto", "description_width": "auto"}, layout=full_width(flex_flow="row wrap"),
            tooltips=[
                "count of I and II ratings; fewest = most likely",
                "I = 1, II = 2, weighted by credibility (High 2, Medium 1, Low 0.5); lowest = most likely",
                "I = −1, II = −2, weighted by credibility × relevance (√2, 1, 1/√2); closest to 0 = most likely",
                "P(E|H) = .95 CC, .80 C, .50 N, .20 I, .05 II, equal priors; highest posterior = most likely",
            ],
        )


        def undo():
            self.base_preset, self.matrix, self.rule_buttons.value = preset, self._matrices[preset].copy(), rule

        self.restore_settings(self._apply_saved, restore, undo)  # before the sliders are built

        self._row_layout = widgets.Layout(
            width="100%", flex_flow="row wrap", align_items="center", margin="0 0 4px 0", border_bottom="1px solid #eeeeee"
        )
        self._label_layout = widgets.Layout(flex="1 1 240px", min_width="0", margin="2px 8px 2px 0")
        self._slider_layout = widgets.Layout(flex="1 1 260px", min_width="0", width="auto", margin="2px 0")
        self._slider_style = widgets.SliderStyle(description_width="48px")
        self.rating_sliders: dict[tuple[str, str], widgets.SelectionSlider] = {}
        self._notes: dict[tuple[str, str], widgets.HTML] = {}
        rows = [self._contested_row(row) for row in self.contested.itertuples()]

        cells = [(e, h) for e in self.matrix.index for h in self.matrix.columns]
        self.cell_chooser = widgets.Dropdown(
            options=[(f"{e} × {h}: {self._labels.get(e, e)} / {self._labels.get(h, h)}", (e, h)) for e, h in cells],
            value=cells[0], description="cell", style={"description_width": "48px"}, layout=full_width(min_width="0"),
        )
        self.cell_rating = self._rating_slider(cells[0])
        self.cell_rating.observe(self._on_chosen_rating, names="value")
        self.cell_note = widgets.HTML(layout=full_width())
        self.flip_button = widgets.Button(
            description="Try the flip finder's change", icon="random", layout=widgets.Layout(width="auto", max_width="100%"),
            tooltip="set the one rating whose change would upset the lead (Heuer's step 6), and see what happens",
        )
        self.cell_chooser.observe(self._on_chooser, names="value")
        self.preset_buttons.observe(self._on_preset, names="value")
        self.rule_buttons.observe(self._on_rule, names="value")
        self.flip_button.on_click(self._on_flip_button)

        self.assessment = self._assess()
        self.figure = live_figure(charts.ach_figure(self.assessment, self._labels))
        self._write_preset_note()
        if self.restored:
            self.show_restored("ratings", keep_note=True)
        self._write_notes()
        self._write_summary()
        self.summary.add_class(STICKY_CLASS)

        # The readout sticks to the top of the view while the sliders are in
        # view: it is the slider area's first child (as in the weighting panel).
        slider_area = sticky_controls(
            self.summary,
            widgets.HTML(
                "<div style='line-height:1.3'><small><b>The cells the two readers rate differently.</b> "
                "Each slider runs from II (very inconsistent) to CC (very consistent); "
                "under it, why the chosen reader rates the cell so. Hover a label for the full evidence.</small></div>",
                layout=full_width(),
            ),
            *rows,
            widgets.HTML(
                "<div style='line-height:1.3;margin-top:6px'><small><b>Any other cell</b>: choose it, then rate it. "
                "The button sets the flip finder's change.</small></div>",
                layout=full_width(),
            ),
            self.cell_chooser,
            widgets.HBox([self.cell_rating, self.flip_button], layout=self._row_layout),
            self.cell_note,
        )
        self.children = [
            widgets.HTML("<h4 style='margin:4px 0'>Why drones over Poland? Rate the evidence against four hypotheses</h4>"),
            self.preset_buttons,
            self.preset_note,
            self.rule_buttons,
            self.status,
            self.figure,
            slider_area,
            self.fit_figures,
        ]
        self._saves_settings = True

    def settings(self) -> dict:
        """The preset the ratings start from, the scoring rule and the cells
        the student rated differently ("D1/H1" → rating), as
        ``my_assumptions.json`` keeps them."""
        ratings = {f"{e}/{h}": str(new) for e, h, _old, new in self.changes()}
        return {"preset": self.base_preset, "rule": self.rule_buttons.value, "ratings": ratings}

    def _apply_saved(self, section: dict) -> None:
        """The saved preset with the student's ratings, and the saved rule."""
        matrix = self._matrices[section["preset"]].copy()
        for cell, rating in section["ratings"].items():
            matrix.at[tuple(cell.split("/"))] = rating
        self.base_preset, self.matrix = section["preset"], matrix
        self.rule_buttons.value = section["rule"]

    # --- building ---------------------------------------------------------

    def _rating_slider(self, cell: tuple[str, str]) -> widgets.SelectionSlider:
        slider = widgets.SelectionSlider(
            options=list(RATING_OPTIONS), value=self._slider_value(cell), description="rating", continuous_update=False,
            style=self._slider_style, layout=self._slider_layout,
        )
        # The course's CSS class for panel sliders (the browser test finds them by it).
        slider.add_class("natodebate-claim-slider")
        return slider

    def _slider_value(self, cell: tuple[str, str]) -> str:
        rating = self.matrix.at[cell]
        return rating if rating in RATING_OPTIONS else "N"  # NA cells (none in the course's matrix) show as N

    def _contested_row(self, row) -> widgets.Widget:
        cell = (row.evidence, row.hypothesis)
        label = widgets.HTML(
            f"<div title='{html.escape(self._items[row.evidence], quote=True)}' style='line-height:1.25'>"
            f"<b>{row.evidence} × {row.hypothesis}</b> {html.escape(self._labels.get(row.evidence, ''))}<br>"
            f"<span style='font-size:90%'>against <i>{html.escape(self._labels.get(row.hypothesis, ''))}</i> · "
            f"neutral&nbsp;{row.neutral}, K&nbsp;{row.K}, P&nbsp;{row.P}</span></div>",
            layout=self._label_layout,
        )
        slider = self._rating_slider(cell)
        slider.observe(lambda change, cell=cell: self._on_rating(cell, change), names="value")
        self.rating_sliders[cell] = slider
        self._notes[cell] = widgets.HTML(layout=full_width())
        return widgets.VBox([widgets.HBox([label, slider], layout=full_width(flex_flow="row wrap", align_items="center")),
                             self._notes[cell]], layout=self._row_layout)

    # --- callbacks ----------------------------------------------------------

    def _assess(self) -> dict:
        return ach.assess(self.matrix, self.rule_buttons.value, **self._weights)

    @shows_errors
    def _on_preset(self, change) -> None:
        if change["new"] is None or self._holding:
            return  # deselected because the student changed a rating
        self.base_preset = change["new"]
        self.matrix = self._matrices[change["new"]].copy()
        self._show_all_cells()
        self._write_preset_note()
        self.refresh()

    @shows_errors
    def _on_rule(self, change) -> None:
        self.refresh()

    @shows_errors
    def _on_rating(self, cell: tuple[str, str], change) -> None:
        if self._holding:
            return
        self._set_rating(cell, change["new"])

    @shows_errors
    def _on_chosen_rating(self, change) -> None:
        if self._holding:
            return
        self._set_rating(self.cell_chooser.value, change["new"])

    @shows_errors
    def _on_chooser(self, change) -> None:
        self._hold(lambda: setattr(self.cell_rating, "value", self._slider_value(change["new"])))
        self._write_notes()

    @shows_errors
    def _on_flip_button(self, _button=None) -> None:
        flip = self.assessment["flip"]
        if flip is None:
            return
        cell = (flip["evidence"], flip["hypothesis"])
        self._hold(lambda: setattr(self.cell_chooser, "value", cell))
        self._set_rating(cell, flip["new_rating"])

    def _hold(self, action) -> None:
        """Run ``action`` (which sets controls) without their callbacks reacting."""
        self._holding = True
        try:
            action()
        finally:
            self._holding = False

    def _set_rating(self, cell: tuple[str, str], rating: str) -> None:
        """The student's rating of ``cell``: into the matrix, onto every control that shows the cell, then redraw."""
        check_choice("rating", rating, RATING_OPTIONS)
        self.matrix.at[cell] = rating
        # The ratings are the student's own now: deselect the preset, so that
        # clicking it again restores its ratings.
        self._hold(lambda: setattr(self.preset_buttons, "value", None))
        self._show_cell(cell)
        self.refresh()

    def _show_cell(self, cell: tuple[str, str]) -> None:
        def show():
            if cell in self.rating_sliders:
                self.rating_sliders[cell].value = self._slider_value(cell)
            if self.cell_chooser.value == cell:
                self.cell_rating.value = self._slider_value(cell)

        self._hold(show)

    def _show_all_cells(self) -> None:
        def show():
            for cell, slider in self.rating_sliders.items():
                slider.value = self._slider_value(cell)
            self.cell_rating.value = self._slider_value(self.cell_chooser.value)

        self._hold(show)

    def refresh(self) -> None:
        """Score the current ratings under the chosen rule and redraw figure, notes and readout."""
        self.assessment = self._assess()
        with self.figure.batch_update():
            charts.update_ach_figure(self.figure, self.assessment, self._labels)
        self._write_notes()
        self._write_summary()

    # --- text ---------------------------------------------------------------

    def changes(self) -> list[tuple[str, str, str, str]]:
        """The cells the student rated differently from the preset they started
        from: (evidence, hypothesis, preset's rating, student's rating)."""
        base = self._matrices[self.base_preset]
        mine = self.matrix.reindex(index=base.index, columns=base.columns).to_numpy()
        return [
            (base.index[i], base.columns[j], base.iat[i, j], mine[i, j])
            for i, j in zip(*(base.to_numpy() != mine).nonzero())
        ]

    def _note(self, cell: tuple[str, str]) -> str:
        rating, why = self._ratings[self.base_preset][cell]
        who = PRESET_LABELS[self.base_preset]
        mine = self.matrix.at[cell]
        if mine != rating:
            head = f"<b>your rating {mine}</b> ({who}: {rating}, because: {html.escape(why)})"
        else:
            head = f"{who}: <b>{rating}</b> — {html.escape(why)}"
        return f"<div style='line-height:1.3;color:#333'><small>{head}</small></div>"

    def _write_notes(self) -> None:
        for cell, note in self._notes.items():
            note.value = self._note(cell)
        cell = self.cell_chooser.value
        self.cell_note.value = (
            f"<div style='line-height:1.3'><small><b>{cell[0]}</b>: {html.escape(self._items[cell[0]])}</small></div>"
            + self._note(cell)
        )

    def _write_preset_note(self) -> None:
        own = {name: int((self.contested[name] != self.contested["neutral"]).sum()) for name in ("K", "P")}
        self.preset_note.value = (
            "<div style='line-height:1.3'><small>The neutral analyst rates all 28 cells; Kagan's reader changes "
            f"{own['K']} of them and Petrovics's reader {own['P']}, each with a reason you can dispute "
            "(shown under each slider). Change a rating and the preset is deselected; click it to start again.</small></div>"
        )

    def _lead_sentence(self) -> str:
        result = self.assessment
        rule, values, leaders = result["rule"], result["scores"], result["leaders"]
        name = ach.RULE_NAMES[rule]
        first = leaders[0]
        score = _score_text(rule, values[first])
        if len(leaders) > 1:
            lead = f"<b style='font-size:120%'>{' and '.join(leaders)} tie</b> for the lead ({score} each)"
        else:
            runner = result["runner_up"]
            lead = (
                f"<b style='font-size:120%'>{first} leads</b> ({self._labels.get(first, first)}: {score}; "
                f"next {runner} with {_score_text(rule, values[runner])})"
            )
        return f"{name} ({ach.BEST_SCORE[rule]} is best): {lead}."

    def _write_summary(self) -> None:
        result = self.assessment
        others = " · ".join(
            f"{ach.RULE_NAMES[rule]}: <b>{', '.join(leaders)}</b>"
            for rule, leaders in result["leaders_by_rule"].items()
            if rule != result["rule"]
        )
        flip = result["flip"]
        if flip is None:
            flip_text = "no single rating changes which hypothesis leads."
        else:
            flip_text = (
                f"<b>{flip['evidence']} × {flip['hypothesis']}</b> {flip['rating']} → {flip['new_rating']} "
                + _KIND_WORDS[flip["kind"]].format(after=flip["leaders_after"]) + "."
            )
        changed = self.changes()
        if changed:
            listed = ", ".join(f"{e} × {h} {old} → {new}" for e, h, old, new in changed)
            mine = f"Your changes to {_WHOSE[self.base_preset]} ratings: {listed}."
        else:
            mine = f"Ratings: {_WHOSE[self.base_preset]}."
        self.summary.value = (
            "<div style='padding:4px 6px;line-height:1.35'>"
            f"{self._lead_sentence()}<br>"
            f"<span style='font-size:92%'>Other rules: {others}.<br>"
            f"Flip finder: {flip_text}<br>{mine}</span></div>"
        )


def _score_text(rule: str, value: float) -> str:
    if rule == "heuer":
        count = int(value)
        return f"{count} inconsistent rating{'s' if count != 1 else ''}"
    if rule == "bayes":
        return f"posterior {value:.2f}"
    return f"score {value:.2f}".rstrip("0").rstrip(".")
