"""Lesson 05's panel: bargaining in the shadow of intervention. Fearon's
bargaining range against Russia's belief q that NATO intervenes, and the
war/no-war verdict of mutual optimism under restraint and under a threat."""

from __future__ import annotations

import functools
import html

from ..figures import bargaining as charts
from ..models import bargaining as model
from .base import PresetSliderPanel, live_figure, model_sliders, reason_item, reasons_note

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

_HELP = (
    "<div style='line-height:1.3'><small>Shares of the stake, 0–1. The range is "
    "[p(q) − c_R(q), p(q) + c_U] with p(q) = q·p_I + (1 − q)·p_N and c_R(q) = c_R + q·Δc_R. "
    "Each side judges a war by its own p_N (both agree on p_I): war when Russia's demand, its own "
    "p(q) − c_R(q), tops Ukraine's offer, its own p(q) + c_U.</small></div>"
)

class BargainingPanel(PresetSliderPanel):
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
        sliders = model_sliders(CONTROLS, self._on_slider)
        super().__init__(preset, sliders, "Bargaining in the shadow of intervention", _HELP, css_class="natodebate-bargaining")
        self._write_preset(preset)
        self.restore(restore)
        self.curve = self._compute()
        self.figure = live_figure(charts.range_figure(self.curve))
        self._write_summary()
        self.lay_out()

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
        items.append(reason_item(html.escape(CONTROLS[row.parameter][0]), row.value, row.justification, row.quote, row.source))
    return reasons_note(preset, "".join(items))
