"""Lesson 06's panels: the decision tree (restrain or intervene, and the
threshold Δπ* where the choice flips) and the escalation ladder (P(nuclear
use) under each NATO response policy, from 5,000 simulated crises)."""

from __future__ import annotations

import functools
import html
import math
from collections import OrderedDict

import ipywidgets as widgets

from ..figures import escalation as charts
from ..models import escalation as model
from .base import PresetSliderPanel, live_figure, model_slider_layout, reason_item, reasons_note, shows_errors

__all__ = ["DecisionPanel", "LadderPanel", "DECISION_CONTROLS", "LADDER_CONTROLS"]

#: The decision panel's sliders: argument of models.escalation.decide →
#: (label, HTML allowed; minimum, maximum; log scale?; readout format,
#: d3-format: ".2p" is a percentage to two significant digits, which fits the
#: readout's 3.2em from 0.10% to 100%; tooltip). A log slider's minimum and
#: maximum are powers of ten.
DECISION_CONTROLS = {
    "p_nuclear_intervention": ("π<sub>I</sub> (intervene)", -3.0, 0.0, True, ".2p", "P(nuclear use) if NATO intervenes"),
    "p_nuclear_restraint": ("π<sub>R</sub> (restrain)", -3.0, -0.5, True, ".2p", "P(nuclear use) under restraint"),
    "delta_benefit": ("ΔB", 0.0, 1.0, False, ".2f", "what intervening gains over restraint, in units of the war's stake"),
    "delta_reputation": ("ΔRep", -0.3, 0.5, False, ".2f", "the reputation restraint costs (negative: restraint gains standing), in stakes"),
    "loss": ("L", 0.0, 2.0, True, ".3g", "the loss from nuclear use, in units of the war's stake"),
}
#: The ladder panel's sliders (as above); the policy slider comes after them.
LADDER_CONTROLS = {
    "lr_quiet": ("LR quiet", -0.4, 0.2, True, ".3g", "× Russia's odds on NATO's resolve when a probe meets silence (below 1: silence reads as weakness)"),
    "lr_response": ("LR response", -0.3, 0.8, True, ".3g", "× Russia's odds on NATO's resolve when NATO answers a probe (above 1: a response deters)"),
    "response_risk": ("response risk", -3.0, -0.7, True, ".2p", "P(nuclear use) that one NATO response itself sets off"),
}
#: The policy slider: label → policy (rung k* NATO responds from, or never).
POLICY_OPTIONS = [("rung 1", 1), ("rung 2", 2), ("rung 3", 3), ("never", "never")]

_DECISION_HELP = (
    "<div style='line-height:1.3'><small><b>EU<sub>I</sub> − EU<sub>R</sub></b> = ΔB + ΔRep − (π<sub>I</sub> − π<sub>R</sub>)·L, "
    "in units of what the war is about (the stake). Intervene iff π<sub>I</sub> − π<sub>R</sub> &lt; "
    "<b>Δπ*</b> = (ΔB + ΔRep)/L. π and L sliders are on a log scale.</small></div>"
)
_LADDER_HELP = (
    "<div style='line-height:1.3'><small>Each run: Russia climbs a rung while its belief that NATO is resolute is "
    "below the next threshold; a resolute NATO (70% of runs) answers a probe that reaches your rung, pushing it back. "
    "Silence multiplies Russia's odds on NATO's resolve by <b>LR quiet</b>, a response by <b>LR response</b>; each "
    "rung risks an accidental jump to nuclear use, each response its own <b>response risk</b>. "
    "5,000 runs × 24 periods, seed 0; the LR and risk sliders are on a log scale.</small></div>"
)


def _slider(name: str, spec: tuple, style, layout) -> widgets.Widget:
    label, low, high, log, shown, tip = spec
    if log:
        slider = widgets.FloatLogSlider(
            value=10**low, base=10, min=low, max=high, step=0.01, description=label, description_allow_html=True,
            readout_format=shown, tooltip=tip, continuous_update=False, style=style, layout=layout,
        )
    else:
        slider = widgets.FloatSlider(
            value=low, min=low, max=high, step=0.01, description=label, description_allow_html=True,
            readout_format=shown, tooltip=tip, continuous_update=False, style=style, layout=layout,
        )
    # The course's CSS class for panel sliders (the browser test finds them by it).
    slider.add_class("natodebate-claim-slider")
    return slider


class _PresetPanel(PresetSliderPanel):
    """What both panels share beyond :class:`PresetSliderPanel`: sliders
    built from a ``controls`` table (log or linear), and the reasons of a
    preset read for this panel's model (``preset_model``)."""

    #: The model presets' rows' model name (``escalation.decision``, ``escalation.ladder``).
    preset_model = ""

    def __init__(self, preset: str, controls: dict, title: str, help_html: str, extra: list | None = None):
        preset = model.check_preset_name(preset)
        style = widgets.SliderStyle(description_width="112px")
        layout = model_slider_layout()
        sliders = {name: _slider(name, spec, style, layout) for name, spec in controls.items()}
        super().__init__(preset, sliders, title, help_html, extra=extra)
        self._controls = controls

    def arguments(self) -> dict[str, float]:
        """The model's keyword arguments as the sliders set them."""
        return self.slider_values()

    def _justifications(self, preset: str, extra: str = "") -> str:
        """Each value of the preset with its justification, folded away under one line."""
        items = _justification_items(self.preset_model, preset, tuple((name, spec[0]) for name, spec in self._controls.items()))
        return reasons_note(preset, items + extra)


class DecisionPanel(_PresetPanel):
    """Restrain or intervene? Sliders for π_I, π_R, ΔB, ΔRep and L, K, P and
    neutral presets that set them all at once, a live readout (the verdict,
    Δπ* against Δπ, and where the verdict flips for each input) and one
    figure (:func:`natodebate.figures.escalation.decision_figure`, with the
    published nuclear-risk forecasts as rug marks).

    Attributes: ``sliders`` (dict argument → slider), ``preset_buttons``,
    ``preset_note``, ``figure``, ``summary``, ``status``, ``decision``
    (the last :func:`natodebate.models.escalation.decide`) and ``flips``
    (the last :func:`natodebate.models.escalation.decision_flips`).

    With ``restore`` (the default) the panel starts from the values saved
    in ``my_assumptions.json`` (section ``decision``) if there are any, with
    no preset selected (:meth:`PanelBase.restore_settings`).
    """

    preset_model = "escalation.decision"
    settings_section = "decision"

    def __init__(self, preset: str = "neutral", *, restore: bool = True):
        super().__init__(preset, DECISION_CONTROLS, "Restrain or intervene? The threshold where the choice flips", _DECISION_HELP)
        for slider in self.sliders.values():
            slider.observe(self._on_slider, names="value")
        self._previous: float | None = None
        self._write_preset(self.preset_buttons.value)
        self.restore(restore)
        self.figure = live_figure(charts.decision_figure(**self.arguments(), forecasts=model.published_nuclear_risks()))
        self._compute()
        self._write_summary()
        self.lay_out()

    def _write_preset(self, preset: str) -> None:
        self._write_values(model.preset(preset, "decide"))
        self.preset_note.value = self._justifications(preset)

    def _compute(self) -> None:
        arguments = self.arguments()
        self.decision = model.decide(**arguments)
        self.flips = model.decision_flips(**arguments)


    def refresh(self) -> None:
        """Recompute the decision from the sliders; redraw figure and readout."""
        self._compute()
        with self.figure.batch_update():
            charts.update_decision_figure(self.figure, **self.arguments())
        self._write_summary()

    @property
    def intervene(self) -> bool:
        """Whether intervening is worth more than restraint with these values."""
        return bool(self.decision["intervene"])

    def _write_summary(self) -> None:
        a, d, flips = self.arguments(), self.decision, self.flips
        gains = a["delta_benefit"] + a["delta_reputation"]
        value = float(d["utility_difference"])
        change = ""
        if self._previous is not None and round(value - self._previous, 3) != 0:
            step = value - self._previous
            change = f" <span style='color:#555'>({'▲' if step > 0 else '▼'} {abs(step):.3f})</span>"
        self._previous = value
        colour = charts.INTERVENE_COLOUR if self.intervene else charts.RESTRAIN_COLOUR
        verdict = "intervene" if self.intervene else "restrain"
        relation = "&lt;" if d["delta_p"] < d["threshold"] else ("=" if d["delta_p"] == d["threshold"] else "&gt;")
        pi_flip = flips["p_nuclear_intervention"]
        parts = [f"π<sub>I</sub> {_share(pi_flip)} (now {_share(a['p_nuclear_intervention'])})" if 0 <= pi_flip <= 1
                 else "no π<sub>I</sub> between 0 and 1"]
        parts.append(f"L {flips['loss']:.3g} (now {a['loss']:.3g})" if not math.isnan(flips["loss"]) else "no loss L")
        parts.append(f"ΔB + ΔRep {flips['gains']:.3g} (now {gains:.3g})")
        self.summary.value = (
            "<div style='padding:4px 6px;line-height:1.35'>"
            f"Δπ = π<sub>I</sub> − π<sub>R</sub> = <b>{d['delta_p']:.4g}</b> {relation} Δπ* = ({a['delta_benefit']:.2f} + "
            f"{a['delta_reputation']:.2f}) / {a['loss']:.3g} = <b>{d['threshold']:.4g}</b>: "
            f"<b style='color:{colour};font-size:125%'>{verdict}</b> "
            f"(EU<sub>I</sub> − EU<sub>R</sub> = {value:+.3f} stakes{change}).<br>"
            f"<span style='font-size:92%'>It flips at: {' · '.join(parts)}.</span></div>"
        )


class LadderPanel(_PresetPanel):
    """The escalation ladder: sliders for LR_quiet, LR_resp and the response
    risk r_resp, and the student's policy (respond from rung k*, or never);
    K, P and neutral presets set the three assumptions (and the policy to
    the safest under them); a live readout (the chosen policy's P(nuclear
    use) against never responding, the ranking, and the response risk at
    which the verdict flips) and one figure
    (:func:`natodebate.figures.escalation.ladder_figure`).

    Only what a control changes is recomputed: the LR sliders rerun the
    Monte Carlo (one :func:`natodebate.models.escalation.response_risk_curve`),
    the response risk reads the curve again (no simulation),
    the policy only redraws.

    Attributes: ``sliders`` (the three assumptions), ``policy`` (the
    policy slider: 1, 2, 3 or "never"), ``preset_buttons``, ``preset_note``,
    ``figure``, ``summary``, ``status``, ``curve`` (the last response-risk
    curve), ``risks`` (P(nuclear use) per policy now), ``flips`` (policy
    label → response risk above which it is riskier than never responding),
    ``simulations`` (how many Monte Carlo runs the panel has made).

    With ``restore`` (the default) the panel starts from the values and the
    policy saved in ``my_assumptions.json`` (section ``ladder``) if there
    are any, instead of ``preset`` and ``policy``, with no preset selected
    (:meth:`PanelBase.restore_settings`).
    """

    preset_model = "escalation.ladder"
    settings_section = "ladder"

    def settings(self) -> dict:
        """As :meth:`PresetSliderPanel.settings`, with the policy (rung 1–3 or "never")."""
        return {**super().settings(), "policy": self.policy.value}

    def __init__(self, preset: str = "neutral", policy: int | None = None, *, restore: bool = True):
        self.policy = widgets.SelectionSlider(
            options=POLICY_OPTIONS, value="never", description="respond from", tooltip="your policy: the rung k* from which NATO answers a probe",
            continuous_update=False, style=widgets.SliderStyle(description_width="112px"),
            layout=model_slider_layout(),
        )
        self.policy.add_class("natodebate-claim-slider")
        super().__init__(preset, LADDER_CONTROLS, "Climbing the ladder: which response policy risks least?", _LADDER_HELP, [self.policy])
        self.simulations = 0
        self._previous: float | None = None
        self._curve_key: tuple | None = None
        self._curves: OrderedDict = OrderedDict()
        self._write_preset(self.preset_buttons.value, policy)
        self.restore(restore, policy)
        self.figure = live_figure(charts.ladder_figure(self.risks, self.chosen_policy))
        self._write_summary()
        for name, slider in self.sliders.items():
            slider.observe(self._on_risk if name == "response_risk" else self._on_assumption, names="value")
        self.policy.observe(self._on_policy, names="value")
        self.lay_out()

    def _apply_saved(self, section: dict) -> None:
        """The saved values and policy (the Monte Carlo reruns for the saved LRs)."""
        super()._apply_saved(section)
        self._simulate()
        self._evaluate()
        self._holding = True
        try:
            self.policy.value = section["policy"]
        finally:
            self._holding = False

    # --- the model --------------------------------------------------------------

    @property
    def chosen_policy(self) -> int | None:
        """The student's policy as the model names it: rung 1–3, or None (never respond)."""
        return None if self.policy.value == "never" else int(self.policy.value)

    #: How many Monte Carlo results the panel keeps (about 0.2 MB each): a
    #: student going back and forth, or between presets, waits for none.
    KEEP_CURVES = 8

    def _simulate(self) -> None:
        """Rerun the Monte Carlo if LR quiet or LR response changed (unless
        this pair was run a moment ago)."""
        key = (float(self.sliders["lr_quiet"].value), float(self.sliders["lr_response"].value))
        if key == self._curve_key:
            return
        if key in self._curves:
            self._curves.move_to_end(key)
        else:
            curve = model.response_risk_curve(*key)
            flips = {p: curve.flip_risk(p) for p in curve.policies if p is not None}
            flips[None] = max(flips.values(), default=0.0)  # what curve.flip_risk(None) gives, without sorting again
            self._curves[key] = (curve, {model.policy_label(p): f for p, f in flips.items()})
            self.simulations += 1
            if len(self._curves) > self.KEEP_CURVES:
                self._curves.popitem(last=False)
        self.curve, self.flips = self._curves[key]
        self._curve_key = key

    def _evaluate(self) -> None:
        """P(nuclear use) per policy at the response risk set (read off the curve)."""
        self.risks = self.curve.p_nuclear(float(self.sliders["response_risk"].value))

    def _write_preset(self, preset: str, policy: int | None = None) -> None:
        self._write_values(model.preset(preset, "ladder"))
        self._simulate()
        self._evaluate()
        safest = self.curve.policies[int(self.risks.to_numpy().argmin())]
        self._holding = True
        try:
            chosen = safest if policy is None and preset is not None else policy
            self.policy.value = "never" if chosen is None else chosen
        finally:
            self._holding = False
        extra = (
            f"<li><b>respond from = {'never' if safest is None else f'rung {safest}'}</b>: "
            "the policy with the least risk under these three values (computed, not assumed); move it to compare.</li>"
        )
        self.preset_note.value = self._justifications(preset, extra)

    # --- callbacks --------------------------------------------------------------

    @shows_errors
    def _on_preset(self, change) -> None:
        if change["new"] is None or self._holding:
            return  # deselected because the student moved a slider
        self._write_preset(change["new"])
        self._redraw()

    @shows_errors
    def _on_assumption(self, change) -> None:
        if self._holding:
            return
        self.leave_preset()
        self._simulate()
        self._evaluate()
        self._redraw()

    @shows_errors
    def _on_risk(self, change) -> None:
        if self._holding:
            return
        self.leave_preset()
        self._evaluate()
        self._redraw()

    @shows_errors
    def _on_policy(self, change) -> None:
        if self._holding:
            return
        self._redraw()

    def _redraw(self) -> None:
        with self.figure.batch_update():
            charts.update_ladder_figure(self.figure, self.risks, self.chosen_policy)
        self._write_summary()

    # --- the readout ------------------------------------------------------------

    @property
    def safest(self) -> str:
        """The policy with the least P(nuclear use) now, in words."""
        return str(self.risks.idxmin())

    def _write_summary(self) -> None:
        risks, chosen = self.risks, model.policy_label(self.chosen_policy)
        mine, never = float(risks[chosen]), float(risks["never respond"])
        change = ""
        if self._previous is not None and round(100 * (mine - self._previous), 1) != 0:
            points = 100 * (mine - self._previous)
            change = f" <span style='color:#555'>({'▲' if points > 0 else '▼'} {abs(points):.1f} points)</span>"
        self._previous = mine
        order = " &lt; ".join(label.removeprefix("respond from ") for label in risks.sort_values(kind="stable").index)
        risk_now = float(self.sliders["response_risk"].value)
        if self.chosen_policy is None:
            best = max((label for label in self.flips if label != "never respond"), key=lambda label: self.flips[label])
            flip = self.flips[best]
            if flip > 0:
                mind = (f"{html.escape(best)} would be safer than never responding if a response's own risk were below "
                        f"<b>{_share(flip)}</b> (now {_share(risk_now)})")
            else:
                mind = "no responding policy is safer than never responding, even if responses themselves were safe"
            verdict = ""
        else:
            flip = self.flips[chosen]
            safer = mine <= never
            colour = charts.INTERVENE_COLOUR if safer else charts.RESTRAIN_COLOUR
            verdict = f" → <b style='color:{colour}'>{'safer' if safer else 'riskier'} than never responding</b>"
            if flip <= 0:
                mind = f"{html.escape(chosen)} is riskier than never responding even if responses themselves were safe"
            elif flip >= 1:
                mind = f"{html.escape(chosen)} stays safer than never responding whatever a response's own risk"
            else:
                mind = (f"{html.escape(chosen)} is safer than never responding while a response's own risk stays at or "
                        f"below <b>{_share(flip)}</b> (now {_share(risk_now)})")
        self.summary.value = (
            "<div style='padding:4px 6px;line-height:1.35'>"
            f"<b>{html.escape(chosen.capitalize())}</b>: P(nuclear use) = <b style='font-size:125%'>{mine:.1%}</b>{change}"
            f"{'' if self.chosen_policy is None else f'; never responding: {never:.1%}'}{verdict}.<br>"
            f"<span style='font-size:92%'>Safest: <b>{html.escape(self.safest)}</b> · order: {order}.<br>"
            f"What would change your mind: {mind}.</span></div>"
        )


@functools.lru_cache(maxsize=16)
def _justification_items(preset_model: str, preset: str, labels: tuple) -> str:
    """The list items of a preset's values and reasons (the table does not
    change while a lesson runs; reading it again on every preset click cost more than the click's model)."""
    rows = model.preset_table(preset)
    rows = rows[rows["model"] == preset_model]
    labels = dict(labels)
    # the controls' labels are the course's own HTML (π<sub>I</sub>); anything else is escaped
    return "".join(reason_item(labels.get(row.parameter, html.escape(row.parameter)), row.value, row.justification, row.quote, row.source)
                   for row in rows.itertuples())


def _share(p: float) -> str:
    """A probability for the readout: 0.0535 → "5.35%"."""
    return f"{100 * p:.3g}%"
