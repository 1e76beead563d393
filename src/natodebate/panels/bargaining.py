"""Lesson 05's panel: bargaining in the shadow of intervention. Fearon's
bargaining range against Russia's belief q that NATO intervenes, and the
war/no-war verdict of mutual optimism under restraint and under a threat."""

from __future__ import annotations

import functools
import html

import ipywidgets as widgets

from .. import data
from ..figures import bargaining as charts
from ..models import bargaining as model
from .base import STICKY_CLASS, PanelBase, full_width, live_figure, shows_errors, sticky_controls

__all__ = ["BargainingPanel", "CONTROLS"]

#: The panel's sliders: argument of :func:`natodebate.models.bargaining.range_curve`
#: → (label, minimum, maximum, step, readout format, tooltip).
CONTROLS = {
    "p_no_intervention": ("p_N: NATO out", 0.0, 1.0, 0.05, ".2f", "Russia's chance of winning if NATO stays out"),
    "p_intervention": ("p_I: NATO in", 0.0, 1.0, 0.01, ".2f", "Russia's chance of winning if NATO intervenes"),
    "cost_russia": ("c_R: Russia's cost", 0.0, 0.5, 0.05, ".2f", "Russia's cost of a war with Ukraine alone (share of the stake)"),
    "cost_increase": ("Δc_R: NATO in", -0.3, 0.5, 0.05, ".2f", "what NATO's entry adds to Russia's cost (negative: a rally round the flag)"),
    "cost_ukraine": ("c_U: Ukraine's cost", 0.0, 0.5, 0.05, ".2f", "Ukraine's cost of war (share of the stake)"),
    "q": ("q: restraint", 0.0, 1.0, 0.05, ".2f", "Russia's belief that NATO intervenes, as restraint left it"),
    "q_threat": ("q: threat", 0.0, 1.0, 0.05, ".2f", "Russia's belief that NATO intervenes under a credible threat"),
    "p_russia": ("Russia's own p_N", 0.0, 1.0, 0.05, ".2f", "Russia's own estimate of its chance if NATO stays out"),
    "p_ukraine": ("Ukraine's own p_N", 0.0, 1.0, 0.05, ".2f", "Ukraine's and NATO's estimate of Russia's chance if NATO stays out"),
}

#: Preset labels, as the claim-weighting panels name the same readers.
PRESET_LABELS = {"K": "persuaded_by_K", "P": "persuaded_by_P", "neutral": "neutral"}

_HELP = (
    "<div style='line-height:1.3'><small>Shares of the stake, 0–1. The range is "
    "[p(q) − c_R(q), p(q) + c_U] with p(q) = q·p_I + (1 − q)·p_N and c_R(q) = c_R + q·Δc_R. "
    "Each side judges a war by its own p_N (both agree on p_I): war when Russia's demand, its own "
    "p(q) − c_R(q), tops Ukraine's offer, its own p(q) + c_U.</small></div>"
)

# A slider's handle overhangs the end of its track by half its size; at the
# end of a range (p_I = 0, say) it would stick out of its container and the
# panel would scroll sideways. Room for it inside the container:
_SLIDER_CSS = (
    "<style>.natodebate-bargaining .widget-hslider .slider-container "
    "{ padding-right: calc(var(--jp-widgets-slider-handle-size, 16px) / 2); }</style>"
)


class BargainingPanel(PanelBase):
    """Sliders for every argument of the bargaining model (Russia's chances
    without and with NATO, the costs of war, Russia's belief q under
    restraint and under a credible threat, and each side's own estimate of
    Russia's chances), three presets that set them all at once, a live
    readout (the verdict under restraint and under a threat, and the belief
    q* at which it flips) and one figure
    (:func:`natodebate.figures.bargaining.range_figure`).

    Attributes: ``sliders`` (dict argument → slider), ``preset_buttons``,
    ``preset_note`` (each preset value with its justification), ``figure``,
    ``summary``, ``status``, ``curve`` (the last
    :func:`natodebate.models.bargaining.range_curve`).

    With ``restore`` (the default) the panel starts from the values saved
    in ``my_assumptions.json`` (section ``bargaining``) if there are any,
    with no preset selected (:meth:`PanelBase.restore_settings`).
    """

    settings_section = "bargaining"

    def __init__(self, preset: str = "neutral", *, restore: bool = True):
        preset = model.check_preset_name(preset)  # "K", "P", "neutral" (or "persuaded_by_K", …)
        super().__init__(layout=full_width(margin="0", max_width="900px"))
        self.add_class("natodebate-bargaining")
        self._holding = False  # True while a preset writes every slider
        labels = data.presets()["label"]
        self.preset_buttons = widgets.ToggleButtons(
            options=[(labels[PRESET_LABELS[name]], name) for name in ("K", "P", "neutral")],
            value=preset, description="Start from:",
            style={"button_width": "auto", "description_width": "auto"},
            layout=full_width(flex_flow="row wrap"),
        )
        self.preset_buttons.add_class("natodebate-presets")
        self.preset_buttons.observe(self._on_preset, names="value")
        self.preset_note = widgets.HTML(layout=full_width())

        slider_style = widgets.SliderStyle(description_width="132px")
        slider_layout = widgets.Layout(flex="1 1 330px", min_width="0", width="auto", margin="2px 8px 2px 0")
        self.sliders: dict[str, widgets.FloatSlider] = {}
        for name, (label, low, high, step, shown, tip) in CONTROLS.items():
            slider = widgets.FloatSlider(
                value=low, min=low, max=high, step=step, description=label, readout_format=shown, tooltip=tip,
                continuous_update=False, style=slider_style, layout=slider_layout,
            )
            # The course's CSS class for panel sliders (the browser test finds them by it).
            slider.add_class("natodebate-claim-slider")
            slider.observe(self._on_slider, names="value")
            self.sliders[name] = slider

        self._write_preset(preset)
        if self.restore_settings(self._apply_saved, restore, undo=lambda: self._write_preset(preset)):
            self.show_restored()
        self.curve = self._compute()
        self.figure = live_figure(charts.range_figure(self.curve))
        self._write_summary()
        self.summary.add_class(STICKY_CLASS)

        grid = widgets.HBox(list(self.sliders.values()), layout=full_width(flex_flow="row wrap"))
        slider_area = sticky_controls(self.summary, widgets.HTML(_HELP, layout=full_width()), grid)
        self.children = [
            widgets.HTML(f"{_SLIDER_CSS}<h4 style='margin:4px 0'>Bargaining in the shadow of intervention</h4>"),
            self.preset_buttons,
            self.preset_note,
            self.status,
            slider_area,
            self.figure,
            self.fit_figures,
        ]
        self._saves_settings = True

    def settings(self) -> dict:
        """The selected preset (``None`` once a slider moved) and every
        slider's value, as ``my_assumptions.json`` keeps them."""
        return {"preset": self.preset_buttons.value, "values": self.arguments()}

    # --- the model ------------------------------------------------------------

    def arguments(self) -> dict[str, float]:
        """The model's keyword arguments as the sliders set them."""
        return {name: slider.value for name, slider in self.sliders.items()}

    #: Beliefs q drawn, 0 to 1 in steps of 0.05 (the sliders' step). Every
    #: line of the figure is straight in q, so more points would add nothing
    #: but the time to validate and send them.
    POINTS = 21

    def _compute(self) -> dict:
        return model.range_curve(**self.arguments(), points=self.POINTS)

    # --- presets --------------------------------------------------------------

    def _write_preset(self, preset: str) -> None:
        self._write_values(_preset_values(preset))
        self.preset_note.value = _justifications(preset)

    def _apply_saved(self, section: dict) -> None:
        self._write_values(section["values"])

    def _write_values(self, values: dict) -> None:
        """Every slider from ``values`` (argument → value)."""
        self._holding = True
        try:
            for name, slider in self.sliders.items():
                slider.value = float(values[name])
        finally:
            self._holding = False

    @shows_errors
    def _on_preset(self, change) -> None:
        if change["new"] is None or self._holding:
            return  # deselected because the student moved a slider
        self._write_preset(change["new"])
        self.refresh()

    @shows_errors
    def _on_slider(self, change) -> None:
        if self._holding:
            return
        self.leave_preset()
        self.refresh()

    def refresh(self) -> None:
        """Recompute the model from the sliders; redraw figure and readout."""
        self.curve = self._compute()
        with self.figure.batch_update():
            charts.update_range_figure(self.figure, self.curve)
        self._write_summary()

    # --- the readout ----------------------------------------------------------

    @property
    def war_under_restraint(self) -> bool:
        """Whether mutual optimism means war at the belief restraint left Russia."""
        return bool(self.curve["at_restraint"]["war"])

    @property
    def war_under_threat(self) -> bool:
        """Whether mutual optimism means war under a credible threat."""
        return bool(self.curve["at_threat"]["war"])

    def _write_summary(self) -> None:
        curve = self.curve

        def line(title: str, point: dict) -> str:
            colour = charts.WAR_COLOUR if point["war"] else charts.PEACE_COLOUR
            verdict = "war" if point["war"] else "no war"
            relation = "tops" if point["war"] else "is within"
            return (
                f"{title} (q = {point['q']:.2f}): range [{point['low']:.2f}, {point['high']:.2f}]; "
                f"Russia's demand {point['demand']:.2f} {relation} Ukraine's offer {point['offer']:.2f}: "
                f"<b style='color:{colour}'>{verdict}</b>"
            )

        threshold = curve["threshold"]
        if threshold["q"] is None:
            flips = "no belief q from 0 to 1 flips the verdict" + (
                " (war whatever Russia believes)" if threshold["war_at_0"] else " (no war whatever Russia believes)"
            )
        elif threshold["war_below"]:
            flips = f"it flips at q* = {threshold['q']:.2f}: a threat that takes Russia's belief above it ends the war by optimism"
        else:
            flips = f"it flips at q* = {threshold['q']:.2f}: a threat that takes Russia's belief above it brings war"
        self.summary.value = (
            "<div style='padding:4px 6px;line-height:1.35'>"
            f"{line('Under restraint', curve['at_restraint'])}.<br>"
            f"{line('Under a threat', curve['at_threat'])}; the range's midpoint moves {curve['shift']:+.3f}.<br>"
            f"<span style='font-size:92%'>What would change the verdict: {flips}.</span></div>"
        )


@functools.cache
def _preset_values(preset: str) -> dict[str, float]:
    """Every argument of the model under ``preset`` (read from the data once)."""
    return model.panel_arguments(preset)


@functools.cache
def _justifications(preset: str) -> str:
    """Each value of the preset with its justification (each argument once),
    folded away under one line."""
    items, seen = [], set()
    for row in model.preset_table(preset).itertuples():
        if row.parameter not in CONTROLS or row.parameter in seen:
            continue
        seen.add(row.parameter)
        quote = f" <i>“{html.escape(row.quote)}”</i>" if isinstance(row.quote, str) and row.quote else ""
        items.append(
            f"<li><b>{html.escape(CONTROLS[row.parameter][0])} = {row.value:g}</b>: {html.escape(row.justification)}{quote} "
            f"<span style='color:#555'>({html.escape(row.source)})</span></li>"
        )
    name = data.presets().loc[PRESET_LABELS[preset], "label"]
    return (
        "<details style='line-height:1.3'><summary><small>Why these values? "
        f"({html.escape(name)}: every value and its reason)</small></summary>"
        f"<ul style='margin:2px 0;padding-left:18px;font-size:90%'>{''.join(items)}</ul></details>"
    )
