"""Lesson 04's panel: does restraint signal weakness? Russia's belief that
NATO is resolute, updated restraint by restraint, against the probe
threshold θ = G/(G + C)."""

from __future__ import annotations

import functools
import html
import math

from ..figures import credibility as charts
from ..models import credibility as model
from .base import PresetSliderPanel, live_figure, model_sliders, reason_item, reasons_note

__all__ = ["CredibilityPanel", "CONTROLS"]

#: The panel's sliders: model argument → (label, minimum, maximum, step,
#: readout format, tooltip). ``cost`` is C in units of the gain G (the
#: presets hold G = 1), so θ = 1/(1 + C).
CONTROLS = {
    "prior": ("prior P(R)", 0.05, 0.95, 0.05, ".2f", "Russia's belief, before any restraint, that NATO would fight for its own soil"),
    "p_restraint_if_resolute": ("P(O | resolute)", 0.05, 1.0, 0.025, ".3f", "how often a resolute US/NATO would restrain like this"),
    "p_restraint_if_not": ("P(O | not resolute)", 0.05, 1.0, 0.025, ".3f", "how often an irresolute US/NATO would restrain like this"),
    "linkage": ("linkage ρ", 0.0, 1.0, 0.05, ".2f", "how much restraint over Ukraine says about NATO soil (0: nothing, 1: all)"),
    "attribution": ("attribution a", 0.0, 1.0, 0.05, ".2f", "how much of the restraint the observer puts down to NATO's character, not the situation"),
    "n": ("restraints n", 0, 10, 1, "d", "how many restraints Russia has observed"),
    "cost": ("cost C / gain G", 0.5, 10.0, 0.5, ".1f", "what meeting a resolute NATO costs Russia, in units of what a successful probe gains"),
}

_HELP = (
    "<div style='line-height:1.3'><small><b>O</b> = one observed restraint. Their ratio "
    "<b>LR</b> = P(O | resolute) / P(O | not resolute): below 1, restraint reads as weakness. "
    "<b>ρ</b>: how much Ukraine says about NATO soil. <b>a</b>: how much the observer blames NATO's "
    "character rather than the situation (Mercer). <b>θ</b> = G/(G + C): Russia probes when P(R) is below it.</small></div>"
)


class CredibilityPanel(PresetSliderPanel):
    """Sliders for every argument of the credibility model (prior, the two
    likelihoods, linkage ρ, attribution a, the number of restraints n and
    the cost C of meeting a resolute NATO), three presets that set them all
    at once, a live readout (the verdict and where it flips) and one figure
    (:func:`natodebate.figures.credibility.belief_figure`).

    Attributes: ``sliders`` (dict argument → slider), ``preset_buttons``,
    ``preset_note`` (each preset value with its justification), ``figure``,
    ``summary``, ``status``, ``curve`` (the last
    :func:`natodebate.models.credibility.belief_curve`), ``gain`` (G, held
    at the preset's value).

    With ``restore`` (the default) the panel starts from the values saved
    in ``my_assumptions.json`` (section ``credibility``) if there are any,
    with no preset selected (:meth:`PanelBase.restore_settings`).
    """

    settings_section = "credibility"

    def __init__(self, preset: str = "neutral", *, restore: bool = True):
        preset = model.check_preset_name(preset)  # "K", "P", "neutral" (or "persuaded_by_K", …)
        sliders = model_sliders(CONTROLS, self._on_slider, integer=("n",))
        super().__init__(preset, sliders, "Does restraint signal weakness? Russia's belief, restraint by restraint", _HELP,
                         css_class="natodebate-credibility")
        self._previous: float | None = None
        self.gain = 1.0
        self._write_preset(preset)
        self.restore(restore)
        self.curve = self._compute()
        self.figure = live_figure(charts.belief_figure(self.curve))
        self._write_summary()
        self.lay_out()

    # --- the model ------------------------------------------------------------

    def arguments(self) -> dict[str, float]:
        """The model's keyword arguments as the sliders set them."""
        values = {name: slider.value for name, slider in self.sliders.items()}
        return {**values, "gain": self.gain, "cost": values["cost"] * self.gain}

    def _compute(self) -> dict:
        return model.belief_curve(**self.arguments())

    # --- presets --------------------------------------------------------------

    def _write_preset(self, preset: str) -> None:
        values = _preset_values(preset)
        self.gain = float(values["gain"])
        self._write_values({name: values[name] / self.gain if name == "cost" else values[name] for name in self.sliders})
        self.preset_note.value = self._justifications(preset)

    @staticmethod
    @functools.cache
    def _justifications(preset: str) -> str:
        """Each value of the preset with its justification, folded away under one line."""
        items = [reason_item(html.escape(CONTROLS[row.parameter][0] if row.parameter in CONTROLS else row.parameter),
                             row.value, row.justification, row.quote, row.source)
                 for row in model.preset_table(preset).itertuples() if row.parameter != "gain"]
        return reasons_note(preset, "".join(items))

    def refresh(self) -> None:
        """Recompute the model from the sliders; redraw figure and readout."""
        self.curve = self._compute()
        with self.figure.batch_update():
            charts.update_belief_figure(self.figure, self.curve)
        self._write_summary()

    # --- the readout ----------------------------------------------------------

    @property
    def probes(self) -> bool:
        """Whether Russia probes after the restraints observed."""
        return bool(self.curve["probes"])

    def _write_summary(self) -> None:
        curve, flips = self.curve, self.curve["flips"]
        belief, theta, n = float(curve["posterior"]), float(curve["threshold"]), int(curve["n"])
        change = ""
        if self._previous is not None and round(belief - self._previous, 3) != 0:
            step = belief - self._previous
            change = f" <span style='color:#555'>({'▲' if step > 0 else '▼'} {abs(step):.3f})</span>"
        self._previous = belief
        colour = charts.PROBES_COLOUR if self.probes else charts.HOLDS_COLOUR
        verdict = "Russia probes" if self.probes else "no probe"
        side = "below" if self.probes else "at or above"
        arguments = self.arguments()
        flip_parts = []
        lr, lr_star = float(curve["likelihood_ratio"]), flips["likelihood_ratio"]
        flip_parts.append(
            f"LR {_number(lr_star)} (now {_number(lr)})" if lr_star is not None else "no LR (with n·ρ·a = 0 restraint moves nothing)"
        )
        if flips["linkage"] is not None:
            flip_parts.append(f"ρ {flips['linkage']:.2f} (now {arguments['linkage']:.2f})")
        if flips["cost"] is not None:
            flip_parts.append(f"C/G {_number(flips['cost'] / self.gain)} (now {arguments['cost'] / self.gain:g})")
        start = flips["restraints"]
        if start is None:
            starts = "no number of restraints brings a probe"
        elif start == 0:
            starts = "Russia probes before any restraint"
        else:
            starts = f"probing starts after {start} restraint{'s' if start != 1 else ''}"
        self.summary.value = (
            "<div style='padding:4px 6px;line-height:1.35'>"
            f"After <b>{n}</b> restraint{'s' if n != 1 else ''}: P(R) = <b style='font-size:125%'>{belief:.3f}</b>{change}, "
            f"{side} θ = {theta:.2f}: <b style='color:{colour}'>{verdict}</b> (LR = {lr:.3f}).<br>"
            f"<span style='font-size:92%'>It flips at: {' · '.join(flip_parts)} · {starts}.</span></div>"
        )


@functools.cache
def _preset_values(preset: str) -> dict[str, float]:
    """Every argument of the model under ``preset`` (read from the data once)."""
    return {**model.preset(preset), **model.preset(preset, "probe_threshold")}


def _number(value: float) -> str:
    """A flip point for the readout: 3 significant digits, "∞" for infinity."""
    return "∞" if math.isinf(value) else f"{value:.3g}"
