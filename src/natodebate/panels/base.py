"""What every panel shares: the status line that shows callback errors, a
layout that fits a narrow notebook, figures that follow the panel's width,
and the student's saved settings (saved on every change, restored when the
panel is created again)."""

from __future__ import annotations

import copy
import functools
import html
import logging
from collections.abc import Callable
from datetime import UTC, datetime

import anywidget
import ipywidgets as widgets
import plotly.graph_objects as go
from traitlets import Dict, observe

from .. import assumptions

__all__ = [
    "PanelBase", "PresetSliderPanel", "FitFigures", "PanelFigure", "shows_errors", "live_figure", "full_width", "sticky_controls",
    "PRESET_LABELS", "reason_item", "reasons_note", "model_sliders", "model_slider_layout",
]

log = logging.getLogger("natodebate.panels")

#: CSS class of a panel's live readout, which stays in view (``position:
#: sticky``) while the student scrolls through the sliders below it.
STICKY_CLASS = "natodebate-sticky"

# The course's panel CSS, added to the page once by FitFigures (anywidget
# puts ``_css`` in the document). JupyterLab's output area clips its content
# (overflow auto/hidden), which would stop a sticky element from sticking to
# the notebook's scroll area; it is opened up only around a course panel,
# whose content fits its width anyway.
PANEL_CSS = f"""
.jp-OutputArea:has(.natodebate-panel),
.jp-OutputArea-child:has(.natodebate-panel),
.jp-OutputArea-output:has(.natodebate-panel) {{ overflow: visible; min-width: 0; }}
.natodebate-panel .{STICKY_CLASS} {{
  position: sticky; top: 0; z-index: 5;
  background: var(--jp-layout-color0, #fff);
  border-bottom: 1px solid var(--jp-border-color2, #e0e0e0);
  box-shadow: 0 2px 4px rgba(0, 0, 0, 0.06);
}}
.natodebate-panel .widget-slider .widget-readout {{ min-width: 0; width: 3.2em; box-shadow: none; }}
.natodebate-panel .widget-toggle-buttons .widget-toggle-button {{ margin-bottom: 2px; }}
.natodebate-panel .widget-toggle-buttons > div {{ display: flex; flex-wrap: wrap; }}
"""

# Plotly draws a FigureWidget before JupyterLab attaches it to the page, when
# its width cannot be measured, and then keeps plotly.js's default 700 px.
# This keeps every plot of the panel as wide as the panel: whenever the
# panel's size changes (first drawn, window resized, file browser opened or
# closed) a plot whose width differs from its box is resized by the handler
# plotly.js installs for figures with ``config.responsive`` (set by
# :func:`live_figure`); a window "resize" event, which calls the same handler,
# is the fallback.
_FIT_FIGURES_ESM = """
function fit(panel) {
  for (const gd of panel.querySelectorAll('.js-plotly-plot')) {
    const full = gd._fullLayout;
    if (!full || gd.clientWidth === 0 || Math.abs(full.width - gd.clientWidth) <= 1) continue;
    if (typeof gd._responsiveChartHandler === 'function') gd._responsiveChartHandler();
    else window.dispatchEvent(new Event('resize'));
  }
}
export default {
  render({ el }) {
    let observer = null, frame = 0, tries = 0;
    const attach = () => {
      const panel = el.isConnected ? el.closest('.natodebate-panel') : null;
      if (!panel) { if (tries++ < 600) frame = requestAnimationFrame(attach); return; }
      observer = new ResizeObserver(() => fit(panel));
      observer.observe(panel);
    };
    attach();
    return () => { cancelAnimationFrame(frame); if (observer) observer.disconnect(); };
  },
};
"""


class FitFigures(anywidget.AnyWidget):
    """An invisible widget that keeps the plotly figures of the panel it sits
    in as wide as the panel, and adds the course's panel CSS to the page."""

    _esm = _FIT_FIGURES_ESM
    _css = PANEL_CSS

    def __init__(self, **kwargs):
        super().__init__(layout=widgets.Layout(width="0px", height="0px", margin="0px"), **kwargs)
        self.add_class("natodebate-fit-figures")


def full_width(**settings) -> widgets.Layout:
    """A layout as wide as the panel: ``width: 100%`` with no side margins
    (ipywidgets' default 2 px margins would make it overflow by 4 px), plus
    any other ``settings``."""
    return widgets.Layout(**{"width": "100%", "margin": "2px 0", **settings})


class PanelFigure(go.FigureWidget):
    """The ``FigureWidget`` of a panel, lighter on the kernel.

    After every redraw plotly.js sends the kernel the values it computed for
    every trace property the figure leaves to its defaults ("trace deltas",
    some 20 KB for the weighting figure); a FigureWidget converts them
    property by property (plotly's serializer) and stores them, so that
    Python code could read the defaults. Panels never read them, and the
    conversion kept the kernel busy after each slider move (longer than
    the panel's own callback, measured in JupyterLab), delaying the next one. Here the message is
    taken as plain JSON and only plotly's bookkeeping is kept: the edit is
    marked done and callbacks waiting for it run.
    """

    _js2py_traceDeltas = Dict(allow_none=True).tag(sync=True)
    _js2py_layoutDelta = Dict(allow_none=True).tag(sync=True)

    @observe("_js2py_traceDeltas")
    def _handler_js2py_traceDeltas(self, change):
        message = change["new"]
        if not message:
            return
        if message.get("trace_edit_id") == self._last_trace_edit_id:
            self._trace_edit_in_process = False
            self._run_waiting_callbacks()
        self._js2py_traceDeltas = None

    @observe("_js2py_layoutDelta")
    def _handler_js2py_layoutDelta(self, change):
        message = change["new"]
        if not message:
            return
        if message.get("layout_edit_id") == self._last_layout_edit_id:
            self._layout_edit_in_process = False
            self._run_waiting_callbacks()
        self._js2py_layoutDelta = None

    def _run_waiting_callbacks(self) -> None:
        if not (self._trace_edit_in_process or self._layout_edit_in_process):
            while self._waiting_edit_callbacks:
                self._waiting_edit_callbacks.pop()()


def live_figure(figure: go.Figure) -> go.FigureWidget:
    """``figure`` as the panel's :class:`PanelFigure`: no fixed width (the
    figure follows the panel's width, see :class:`FitFigures`), and
    plotly.js's ``responsive`` option on."""
    widget = PanelFigure(figure)
    widget.layout.width = None
    widget.layout.autosize = True
    widget._config = {**widget._config, "responsive": True}
    return widget


class PanelBase(widgets.VBox):
    """A ``VBox`` with a ``summary`` line and a ``status`` line.

    ``summary`` carries the plain-language result (CSS class
    ``natodebate-summary``); ``status`` is empty unless a callback failed, in
    which case it shows the error to the student (CSS class
    ``natodebate-status``). The panel itself carries ``natodebate-panel``.

    A panel with a ``settings_section`` saves its settings to the student's
    ``my_assumptions.json`` after every change (:meth:`save_settings`) and,
    when it is created again (a lesson re-run the next day), starts from
    them (:meth:`restore_settings`, called from the panel's ``__init__``;
    its ``restore=False`` keyword starts from the preset instead).

    Layout rules every panel follows, so that it works in a notebook column
    577 px wide (JupyterLab at 1024×768 with the file browser open): boxes
    are ``width: 100%`` and wrap (no fixed pixel widths), sliders grow and
    shrink but keep a usable minimum, figures follow the panel's width, and
    ``fit_figures`` (a :class:`FitFigures`, the last child) does the sizing.
    """

    def __init__(self, **kwargs):
        self.summary = widgets.HTML(layout=full_width())
        self.summary.add_class("natodebate-summary")
        self.status = widgets.HTML(layout=full_width())
        self.status.add_class("natodebate-status")
        self.fit_figures = FitFigures()
        kwargs.setdefault("layout", full_width(margin="0"))
        # overflow visible: a box's default (auto) would stop the sticky readout.
        kwargs["layout"].overflow = "visible"
        super().__init__(**kwargs)
        self.add_class("natodebate-panel")

    #: The section of the student's assumptions file this panel saves its
    #: settings to (``natodebate.assumptions``); ``None``: it saves nothing.
    settings_section: str | None = None
    #: Set at the end of a panel's ``__init__``: from then on a change is saved.
    _saves_settings = False
    _saved_settings: dict | None = None
    #: Whether the panel started from the student's saved settings (see :meth:`restore_settings`).
    restored = False
    #: When the file it restored from was last saved (its ``"saved"`` field), or ``None``.
    restored_from: str | None = None

    def settings(self) -> dict:
        """The panel's current settings, as its section of the assumptions file holds them."""
        raise NotImplementedError

    def save_settings(self) -> bool:
        """Save :meth:`settings` to the student's assumptions file if they
        changed since the last save. A failure never breaks the panel: it is
        shown in the status line (the panel itself still works)."""
        if self.settings_section is None or not self._saves_settings:
            return False
        try:
            current = self.settings()
            if current == self._saved_settings:
                return False
            assumptions.save_section(self.settings_section, current)
        except Exception as error:  # noqa: BLE001 - a save must never break the panel
            log.warning("saving the panel's settings failed: %s", error)
            self._warn(f"<b>Your settings could not be saved</b> (the panel still works): {html.escape(str(error))}")
            return False
        self._saved_settings = current
        return True

    def restore_settings(
        self, apply: Callable[[dict], None], restore: bool = True, undo: Callable[[], None] | None = None
    ) -> bool:
        """Start from this panel's section of the student's assumptions file
        (:func:`natodebate.assumptions.read`), if it holds one: the panel's
        settings of an earlier session, a lesson re-run the next day.

        ``apply(section)`` sets the panel's values from the section (checked
        by :func:`natodebate.assumptions.validate`, so every value is one
        the panel's controls can take); call this while the panel is built,
        after its preset is written and before its figure is drawn, so that
        the figure is drawn once. Returns whether the panel restored; if it
        did, the section counts as saved (nothing is written until the
        student changes something) and the panel shows :meth:`restored_note`.

        Nothing here can break the panel: no file, or no section for this
        panel, leaves the preset (and says nothing); a file that cannot be
        read (not JSON, a hand-edited mistake, another course's file, a
        newer version) leaves the preset and says so in the status line —
        the file is left untouched (:func:`natodebate.assumptions.save_section`
        refuses to overwrite it). If ``apply`` fails, ``undo()`` writes the
        preset again. ``restore=False`` (a panel's keyword) skips all this.
        """
        self.restored, self.restored_from = False, None
        if not restore or self.settings_section is None:
            return False
        file = assumptions.assumptions_path()
        try:
            document = assumptions.read(file)
        except (assumptions.AssumptionsError, OSError) as error:
            log.warning("not restoring the panel's settings: %s", error)
            self._warn(
                f"<b>{html.escape(file.name)} could not be read</b>, so this panel starts from its preset; "
                f"the file was left untouched, and your changes here are not saved until you correct or delete it: "
                f"{html.escape(str(error))}"
            )
            return False
        section = document["sections"].get(self.settings_section)
        if section is None:
            return False
        try:
            apply(copy.deepcopy(section))
        except Exception as error:  # noqa: BLE001 - a saved section must never break the panel
            log.warning("restoring the panel's settings failed: %s", error)
            if undo is not None:
                undo()
            self._warn(
                f"<b>Your saved settings for this panel could not be restored</b> (it starts from its preset; "
                f"{html.escape(file.name)} was left untouched): {html.escape(str(error))}"
            )
            return False
        self.restored, self.restored_from = True, document.get("saved")
        self._saved_settings = section
        return True

    def restored_note(self, then: str = "click a preset to start again from it", what: str = "settings") -> str:
        """The note a restored panel shows (HTML): where the settings come
        from and when they were saved, then ``then`` (what to do to start again)."""
        file = html.escape(assumptions.assumptions_path().name)
        when = f", saved {html.escape(_local_time(self.restored_from))}" if self.restored_from else ""
        return f"<div style='line-height:1.3'><small><b>Your saved {what}</b> ({file}{when}); {then}.</small></div>"

    def show_restored(self, what: str = "settings", keep_note: bool = False) -> None:
        """A restored panel with preset buttons: select none (a click on any
        preset then writes its values) and say where the values come from in
        ``preset_note`` (above the note it had, with ``keep_note``)."""
        self._holding = True
        try:
            self.preset_buttons.value = None
        finally:
            self._holding = False
        self.preset_note.value = self.restored_note(what=what) + (self.preset_note.value if keep_note else "")

    def _warn(self, message: str) -> None:
        self.status.value = (
            f'<div style="color:#7a4d00;border-left:4px solid #E69F00;padding:4px 8px">{message}</div>'
        )

    def show_error(self, error: Exception) -> None:
        """Show ``error`` in the status line (and log it with its traceback)."""
        log.exception("panel update failed", exc_info=error)
        self.status.value = (
            '<div style="color:#a40000;border-left:4px solid #D55E00;padding:4px 8px">'
            f"<b>This change could not be applied:</b> {html.escape(str(error))}</div>"
        )

    def clear_error(self) -> None:
        self.status.value = ""

    def leave_preset(self, what: str = "values") -> None:
        """The student moved a control: the values are their own now. Deselect
        the preset button (so that clicking it again restores its values,
        without the deselection being taken for a preset change) and say so."""
        self._holding = True
        try:
            self.preset_buttons.value = None
        finally:
            self._holding = False
        self.preset_note.value = (
            f"<div style='line-height:1.3'><small>Your own {what} (click a preset to start again from it).</small></div>"
        )


def _local_time(saved: str) -> str:
    """A file's ``"saved"`` time (UTC, ``2026-03-01T10:15:00Z``) in the
    computer's local time, ``2026-03-01 11:15``; any other text as it is."""
    try:
        moment = datetime.strptime(saved, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return str(saved)[:40]
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def sticky_controls(*children: widgets.Widget) -> widgets.VBox:
    """A panel's controls as one box whose first child (the live readout)
    sticks to the top of the view while the controls below it are in view."""
    area = widgets.VBox(list(children), layout=full_width(margin="0", overflow="visible"))
    area.add_class("natodebate-slider-area")
    return area


def shows_errors(method):
    """Decorate a panel callback so that an exception is shown in the panel's
    status line instead of vanishing into JupyterLab's log console; after a
    callback that worked, the panel's settings are saved
    (:meth:`PanelBase.save_settings`)."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            result = method(self, *args, **kwargs)
        except Exception as error:  # noqa: BLE001 - every failure must reach the student
            self.show_error(error)
            return None
        self.clear_error()
        if not getattr(self, "_holding", False):
            self.save_settings()
        return result

    return wrapper


#: The three readers of the model presets (``data/model_presets.csv``) and
#: their names in ``data/presets.csv``, as the claim-weighting panels call them.
PRESET_LABELS = {"K": "persuaded_by_K", "P": "persuaded_by_P", "neutral": "neutral"}


def reason_item(label_html: str, value: float, justification: str, quote, source: str) -> str:
    """One preset value as a list item: the control's label (the course's own
    HTML) = value, the justification, the quotation it rests on (if any) and
    its source."""
    quoted = f" <i>“{html.escape(quote)}”</i>" if isinstance(quote, str) and quote else ""
    return (
        f"<li><b>{label_html} = {value:g}</b>: {html.escape(justification)}{quoted} "
        f"<span style='color:#555'>({html.escape(source)})</span></li>"
    )


@functools.cache
def _reader_name(preset: str) -> str:
    from .. import data

    return data.presets().loc[PRESET_LABELS[preset], "label"]


def reasons_note(preset: str, items_html: str) -> str:
    """A preset's values and their reasons (``items_html``: :func:`reason_item`
    list items), folded away under one line: "Why these values?"."""
    return (
        "<details style='line-height:1.3'><summary><small>Why these values? "
        f"({html.escape(_reader_name(preset))}: every value and its reason)</small></summary>"
        f"<ul style='margin:2px 0;padding-left:18px;font-size:90%'>{items_html}</ul></details>"
    )


def model_slider_layout() -> widgets.Layout:
    """The layout of a model panel's slider: grows and shrinks in a wrapping
    row, about two to a line at 900 px, one at 577 px."""
    return widgets.Layout(flex="1 1 330px", min_width="0", width="auto", margin="2px 8px 2px 0")


def model_sliders(controls: dict, on_change, *, integer: tuple = (), description_width: str = "132px") -> dict:
    """A slider per entry of ``controls`` (argument → (label, minimum,
    maximum, step, readout format, tooltip)), observed by ``on_change``; the
    arguments in ``integer`` get an ``IntSlider``. Each carries the course's
    slider class (the browser test finds them by it)."""
    style, layout = widgets.SliderStyle(description_width=description_width), model_slider_layout()
    sliders = {}
    for name, (label, low, high, step, shown, tip) in controls.items():
        kind = widgets.IntSlider if name in integer else widgets.FloatSlider
        sliders[name] = kind(
            value=low, min=low, max=high, step=step, description=label, readout_format=shown, tooltip=tip,
            continuous_update=False, style=style, layout=layout,
        )
        sliders[name].add_class("natodebate-claim-slider")
        sliders[name].observe(on_change, names="value")
    return sliders


class PresetSliderPanel(PanelBase):
    """A model panel of lessons 04–06: the three readers' presets as buttons
    that write every slider, each value's reason (folded), the sliders in a
    wrapping grid under the sticky readout, one figure; moving a slider
    deselects the preset (the values are the student's own), and the
    settings saved and restored are the preset and every slider's value.

    A subclass builds its ``sliders`` (argument → slider, each with the
    course's ``natodebate-claim-slider`` class) and passes them here, then
    writes its preset, calls :meth:`restore` and :meth:`lay_out` once its
    ``figure`` exists; it supplies ``_write_preset(preset)`` and
    ``refresh()``. ``css_class`` names the panel in the page (and gives the
    slider handles room at the end of their tracks)."""

    def __init__(self, preset: str, sliders: dict, title: str, help_html: str, *,
                 extra: list | None = None, css_class: str | None = None):
        super().__init__(layout=full_width(margin="0", max_width="900px"))
        if css_class:
            self.add_class(css_class)
        self._css_class = css_class
        self._holding = False  # True while a preset writes every slider
        self.preset_buttons = widgets.ToggleButtons(
            options=[(_reader_name(name), name) for name in ("K", "P", "neutral")],
            value=preset, description="Start from:",
            style={"button_width": "auto", "description_width": "auto"},
            layout=full_width(flex_flow="row wrap"),
        )
        self.preset_buttons.add_class("natodebate-presets")
        self.preset_buttons.observe(self._on_preset, names="value")
        self.preset_note = widgets.HTML(layout=full_width())
        self.sliders = sliders
        self._title, self._help, self._extra = title, help_html, extra or []

    def lay_out(self) -> None:
        """Title, presets, their note, the status line, the readout over the
        sliders, the figure; from now on a change is saved."""
        self.summary.add_class(STICKY_CLASS)
        # A slider's handle overhangs the end of its track by half its size;
        # at the end of a range it would stick out and the panel would scroll
        # sideways. Room for it inside the container:
        room = (f"<style>.{self._css_class} .widget-hslider .slider-container "
                "{ padding-right: calc(var(--jp-widgets-slider-handle-size, 16px) / 2); }</style>") if self._css_class else ""
        grid = widgets.HBox([*self.sliders.values(), *self._extra], layout=full_width(flex_flow="row wrap"))
        slider_area = sticky_controls(self.summary, widgets.HTML(self._help, layout=full_width()), grid)
        self.children = [
            widgets.HTML(f"{room}<h4 style='margin:4px 0'>{self._title}</h4>"),
            self.preset_buttons,
            self.preset_note,
            self.status,
            slider_area,
            self.figure,
            self.fit_figures,
        ]
        self._saves_settings = True

    def slider_values(self) -> dict:
        """Every slider's value (whole numbers for an ``IntSlider``)."""
        return {name: (int(s.value) if isinstance(s, widgets.IntSlider) else float(s.value)) for name, s in self.sliders.items()}

    def settings(self) -> dict:
        """The selected preset (``None`` once a slider moved) and every
        slider's value, as ``my_assumptions.json`` keeps them."""
        return {"preset": self.preset_buttons.value, "values": self.slider_values()}

    def _write_values(self, values: dict) -> None:
        """Every slider from ``values`` (argument → value), without a redraw per slider."""
        self._holding = True
        try:
            for name, slider in self.sliders.items():
                slider.value = int(values[name]) if isinstance(slider, widgets.IntSlider) else float(values[name])
        finally:
            self._holding = False

    def _apply_saved(self, section: dict) -> None:
        self._write_values(section["values"])

    def restore(self, restore: bool, *preset_arguments) -> None:
        """Start from the student's saved values, if any (:meth:`PanelBase.restore_settings`);
        ``_write_preset`` with the preset selected and ``preset_arguments`` if they cannot be applied."""
        start = self.preset_buttons.value
        if self.restore_settings(self._apply_saved, restore, undo=lambda: self._write_preset(start, *preset_arguments)):
            self.show_restored()

    def _write_preset(self, preset: str, *arguments) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        raise NotImplementedError

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
