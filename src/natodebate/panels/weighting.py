"""The claim-weighting panel of lessons 01 and 02."""

from __future__ import annotations

import html

import ipywidgets as widgets

from .. import data, figures, models
from .base import STICKY_CLASS, PanelBase, full_width, live_figure, shows_errors, sticky_controls

__all__ = ["ClaimWeightingPanel"]


class ClaimWeightingPanel(PanelBase):
    """A credence and an importance slider for every claim of one article,
    presets, one live figure and a plain-language summary.

    Parameters
    ----------
    article : ``"K"`` or ``"P"``
    preset : the preset to start from (``"neutral"``, ``"persuaded_by_K"``,
        ``"persuaded_by_P"``)
    restore : start from the student's saved weights for this article
        (section ``weighting_K`` or ``weighting_P`` of ``my_assumptions.json``)
        if there are any, with no preset button selected
        (:meth:`PanelBase.restore_settings`); ``False``: always the preset

    The sliders of a section are built when the section is first opened (a
    lesson shows the first one open): fewer widgets to send and draw at once.
    The weights themselves live in ``credence`` and ``importance`` (dicts claim
    id → 0–1), which the sliders write to.

    Attributes a test (or a curious student) can use: ``credence_sliders`` and
    ``importance_sliders`` (dicts claim id → ``FloatSlider``; asking for them
    builds every section),
    ``preset_buttons``, ``figure`` (the ``FigureWidget``), ``summary``,
    ``status``, ``strengths`` (the last computed claim strengths, 0–1) and
    ``ranking`` (the last sensitivity table).

    Layout, top to bottom: title, presets, the figure, then the slider area:
    ``summary`` (a compact live readout of the thesis strength and the claim
    that decides most, which stays at the top of the notebook's view while
    the student scrolls through the sliders) and one accordion section per
    part of the article. A claim's row puts its label beside its two sliders
    where the column is wide enough and above them where it is not.
    """

    def __init__(self, article: str, preset: str = "neutral", *, restore: bool = True):
        self.article = models.check_article(article)
        self.settings_section = f"weighting_{self.article}"
        self.base_preset = preset  # the preset the student's changes start from
        models.check_preset(preset)
        super().__init__()
        self.claims = models.article_claims(article)
        self.map = models.argument_map(article)
        self._holding = False  # True while a preset writes many sliders at once

        # One Layout and one style object shared by all rows: every widget
        # model costs a comm message, and 80 sliders would otherwise bring 160.
        # A row wraps: the label (240 px or more) and the pair of sliders
        # (280 px or more each) share a line where the column is wide enough
        # (800 px), and the sliders go under the label where it is not, side
        # by side down to 560 px, then one under the other. A slider of 280 px
        # keeps a track of 130 px beside its description and readout.
        self._row_layout = widgets.Layout(
            width="100%", flex_flow="row wrap", align_items="center", margin="0 0 4px 0",
            border_bottom="1px solid #eeeeee",
        )
        self._label_layout = widgets.Layout(flex="1 1 240px", min_width="0", margin="2px 8px 2px 0")
        self._pair_layout = widgets.Layout(flex="2 1 560px", min_width="0", flex_flow="row wrap")
        self._slider_layout = widgets.Layout(flex="1 1 280px", min_width="0", width="auto", margin="2px 0")
        self._note_layout = widgets.Layout(flex="2 1 560px", min_width="0")
        self._slider_style = widgets.SliderStyle(description_width="84px")
        self.credence: dict[str, float] = {}
        self.importance: dict[str, float] = {}
        self._credence_sliders: dict[str, widgets.FloatSlider] = {}
        self._importance_sliders: dict[str, widgets.FloatSlider] = {}
        self._sections = self._section_claims()

        presets = data.presets()
        self.preset_buttons = widgets.ToggleButtons(
            options=[(presets.loc[p, "label"], p) for p in models.PRESETS],
            value=preset,
            description="Start from:",
            style={"button_width": "auto", "description_width": "auto"},
            layout=full_width(flex_flow="row wrap"),
        )
        self.preset_buttons.add_class("natodebate-presets")
        self.preset_note = widgets.HTML(layout=full_width())
        self.preset_buttons.observe(self._on_preset, names="value")

        self._write_preset(preset)
        if self.restore_settings(self._apply_saved, restore, undo=lambda: self._write_preset(preset)):
            self.show_restored("weights")
        self.controls = widgets.Accordion(
            children=[widgets.VBox() for _ in self._sections],
            titles=tuple(self._sections),
            layout=full_width(),
        )
        self.controls.observe(self._on_section_opened, names="selected_index")
        self.controls.selected_index = 0
        credence, importance = self._values()
        self.strengths = models.argument_strength(self.map, credence, importance)
        self.ranking = models.one_way_sensitivity(self.map, credence, importance)
        self.figure = live_figure(figures.weighting_figure(article, self.strengths, self.ranking))
        self._previous_thesis: float | None = None
        self._write_summary()
        self.summary.add_class(STICKY_CLASS)

        # The readout sticks to the top of the view only while the slider
        # area is in view: it is the area's first child.
        slider_area = sticky_controls(
            self.summary,
            widgets.HTML(
                "<div style='line-height:1.3'><small><b>credence</b>: how likely you think the claim is true (0–1). "
                "<b>importance</b>: how much it bears on the claim it supports or attacks (0–1). "
                "Hover a claim's label to read its quotation.</small></div>",
                layout=full_width(),
            ),
            self.controls,
        )
        self.children = [
            widgets.HTML(f"<h4 style='margin:4px 0'>Weigh {figures.ARTICLE_NAMES[article]}'s claims</h4>"),
            self.preset_buttons,
            self.preset_note,
            self.status,
            self.figure,
            slider_area,
            self.fit_figures,
        ]
        self._saves_settings = True

    def settings(self) -> dict:
        """The preset the student started from and the weights they changed
        (claim id → 0–1), as ``my_assumptions.json`` keeps them."""
        base = dict(zip(("credence", "importance"), models.weights(self.article, self.base_preset)))
        changed = {}
        for kind in ("credence", "importance"):
            values = getattr(self, kind)
            changed[kind] = {i: float(values[i]) for i, preset_value in base[kind].items() if abs(values[i] - preset_value) > 1e-9}
        return {"preset": self.base_preset, **changed}

    def _apply_saved(self, section: dict) -> None:
        """The saved section: its preset, then the weights the student changed
        (the sliders are not built yet)."""
        self._write_preset(section["preset"])
        self.credence.update(section["credence"])
        self.importance.update(section["importance"])

    # --- building ---------------------------------------------------------

    def _section_claims(self) -> dict[str, list[str]]:
        """Accordion title → ids of the claims in that section."""
        sections = data.load_table("sections")
        sections = sections[sections["article"] == self.article]
        result: dict[str, list[str]] = {}
        for _, section in sections.iterrows():
            title = f"¶{section['first_paragraph']}–{section['last_paragraph']}: {section['title']}"
            inside = self.claims["paragraph"].between(section["first_paragraph"], section["last_paragraph"])
            result[title] = list(self.claims.index[inside])
        return result

    def _build_section(self, index: int) -> None:
        box = self.controls.children[index]
        if box.children:
            return
        claim_ids = list(self._sections.values())[index]
        box.children = [self._claim_row(claim_id, self.claims.loc[claim_id]) for claim_id in claim_ids]

    def _on_section_opened(self, change) -> None:
        if change["new"] is not None:
            self._build_section(change["new"])

    @property
    def credence_sliders(self) -> dict[str, widgets.FloatSlider]:
        """Claim id → credence slider, for every claim (builds all sections)."""
        for index in range(len(self._sections)):
            self._build_section(index)
        return self._credence_sliders

    @property
    def importance_sliders(self) -> dict[str, widgets.FloatSlider]:
        """Claim id → importance slider, for every claim (builds all sections)."""
        self.credence_sliders  # noqa: B018 - builds them all
        return self._importance_sliders

    def _claim_row(self, claim_id: str, claim) -> widgets.Widget:
        colour = figures.TYPE_COLOURS[claim["claim_type"]]
        label = widgets.HTML(
            f"<div title='{html.escape(claim['quote'], quote=True)}' style='line-height:1.25'>"
            f"<b>{claim_id}</b> <span style='border-left:5px solid {colour};padding-left:4px'>{claim['claim_type']}</span>"
            f" · {claim['verdict']}<br><span style='font-size:90%'>{html.escape(claim['summary'])}</span></div>",
            layout=self._label_layout,
        )
        if claim_id == self.map.thesis:
            note = widgets.HTML(
                "<div style='line-height:1.3'><i>the thesis: its strength comes from the claims below it</i></div>",
                layout=self._note_layout,
            )
            return widgets.HBox([label, note], layout=self._row_layout)
        if claim_id in self.map.elaboration_ids:
            note = widgets.HTML(
                f"<div style='line-height:1.3'><i>elaborates {claim['parent_id']} (restates it, forecasts from it "
                "or gives its occasion): not a reason, so it takes no weight</i></div>",
                layout=self._note_layout,
            )
            return widgets.HBox([label, note], layout=self._row_layout)
        credence = self._slider("credence", claim_id)
        importance = self._slider("importance", claim_id)
        credence.add_class("natodebate-claim-slider")
        credence.add_class(f"natodebate-credence-{claim_id}")
        importance.add_class("natodebate-importance-slider")
        self._credence_sliders[claim_id] = credence
        self._importance_sliders[claim_id] = importance
        pair = widgets.HBox([credence, importance], layout=self._pair_layout)
        return widgets.HBox([label, pair], layout=self._row_layout)

    def _slider(self, kind: str, claim_id: str) -> widgets.FloatSlider:
        """A slider showing ``self.<kind>[claim_id]`` and writing changes back."""
        values = getattr(self, kind)
        slider = widgets.FloatSlider(
            value=values[claim_id], min=0, max=1, step=0.05, description=kind, readout_format=".2f",
            continuous_update=False, style=self._slider_style, layout=self._slider_layout,
        )
        slider.observe(lambda change: self._on_control(kind, claim_id, change), names="value")
        return slider

    # --- callbacks ----------------------------------------------------------

    def _values(self) -> tuple[dict[str, float], dict[str, float]]:
        return dict(self.credence), dict(self.importance)

    def _write_preset(self, preset: str) -> None:
        values = models.preset_weights(self.article, preset)
        self.base_preset = preset
        self._holding = True
        try:
            for claim_id, row in values.iterrows():
                self.credence[claim_id] = float(row["credence"])
                self.importance[claim_id] = float(row["importance"])
                if claim_id in self._credence_sliders:  # built already: show the new value
                    self._credence_sliders[claim_id].value = self.credence[claim_id]
                    self._importance_sliders[claim_id].value = self.importance[claim_id]
        finally:
            self._holding = False
        self.preset_note.value = f"<div style='line-height:1.3'><small>{html.escape(data.presets().loc[preset, 'description'])}</small></div>"

    @shows_errors
    def _on_preset(self, change) -> None:
        if change["new"] is None or self._holding:
            return  # deselected because the student moved a slider
        self._write_preset(change["new"])
        self.refresh()

    @shows_errors
    def _on_control(self, kind: str, claim_id: str, change) -> None:
        if self._holding:
            return
        getattr(self, kind)[claim_id] = change["new"]
        self.leave_preset("weights")
        self.refresh()

    def refresh(self) -> None:
        """Recompute the model from the weights and redraw figure and summary."""
        credence, importance = self._values()
        self.strengths = models.argument_strength(self.map, credence, importance)
        self.ranking = models.one_way_sensitivity(self.map, credence, importance)
        with self.figure.batch_update():
            figures.update_weighting_figure(self.figure, self.article, self.strengths, self.ranking)
        self._write_summary()

    @property
    def thesis_strength(self) -> float:
        """How much of the article's case stands with the current weights (0–1)."""
        return float(self.strengths[self.map.thesis])

    def _write_summary(self) -> None:
        """The live readout: thesis strength (and its change since the last
        update), then the claim whose credence moves the thesis most."""
        top = self.ranking.iloc[0]
        direction = "for" if top["swing"] >= 0 else "against"
        summary = self.claims.loc[top["claim_id"], "summary"]
        thesis = self.thesis_strength
        change = ""
        if self._previous_thesis is not None:
            points = 100 * (thesis - self._previous_thesis)
            if round(points, 1) != 0:
                change = f" <span style='color:#555'>({'▲' if points > 0 else '▼'} {abs(points):.1f} points)</span>"
        self._previous_thesis = thesis
        self.summary.value = (
            "<div style='padding:4px 6px;line-height:1.35'>"
            f"With these weights, <b style='font-size:125%'>{thesis:.1%}</b> of "
            f"{figures.ARTICLE_NAMES[self.article]}'s case stands{change}.<br>"
            f"<span style='font-size:92%'>The claim that matters most: <b>{top['claim_id']}</b> "
            f"(counts {direction} the thesis; swing {abs(top['swing']):.2f}): {html.escape(summary)}</span></div>"
        )
