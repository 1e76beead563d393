"""Lesson 00's crux panel: one slider for one assumption both articles answer
in opposite ways, and the verdict flips."""

from __future__ import annotations

import html

import ipywidgets as widgets

from .. import figures, models
from .base import PanelBase, full_width, live_figure, shows_errors

__all__ = ["CruxPanel"]


class CruxPanel(PanelBase):
    """One slider for a crux both articles answer in opposite ways (a row of
    ``data/cruxes.csv``); the figure compares how much of each article's case
    stands under the neutral preset with that one answer changed.

    The "restraint" crux (the one lesson 09 gathers) saves the student's
    answer to ``my_assumptions.json`` and, with ``restore`` (the default),
    starts from the answer saved there if there is one instead of ``value``
    (:meth:`PanelBase.restore_settings`); a note under the slider says so.

    Attributes: ``slider`` (``FloatSlider``, the student's answer, 0–1),
    ``figure`` (``FigureWidget``: one bar per article), ``summary``, ``status``,
    ``strengths`` (dict article → thesis strength, 0–1), ``restore_note``
    (``HTML``; shown only when the answer was restored).
    """

    settings_section = "crux"

    def __init__(self, crux: str = "restraint", value: float | None = None, *, restore: bool = True):
        super().__init__(layout=full_width(margin="0", max_width="820px"))
        # Top to bottom: question, the slider, the one-line verdict, the chart;
        # slider, verdict and chart fit on one screen at 1024×768.
        self.crux = models.crux(crux)
        start = self.crux["start"] if value is None else value
        models.check_fraction("value", start)
        saved = {}
        self.restore_settings(saved.update, restore and crux == "restraint")
        start = saved.get("answer", start)
        self.slider = widgets.FloatSlider(
            value=start, min=0, max=1, step=0.05, readout_format=".2f", continuous_update=False,
            description="your answer", style={"description_width": "90px"},
            layout=full_width(min_width="0"),
        )
        self.slider.add_class("natodebate-claim-slider")
        self.slider.observe(self._on_slider, names="value")
        self.strengths = models.crux_strengths(crux, start)
        self.figure = live_figure(figures.crux_figure(self.strengths))
        self._write_summary()
        self.restore_note = widgets.HTML(layout=full_width())
        if self.restored:
            self.restore_note.value = self.restored_note(
                f"move the slider to change it (the lesson starts from {self.crux['start']:.2f})", what="answer"
            )
        self.children = [
            widgets.HTML(f"<h4 style='margin:4px 0'>{html.escape(self.crux['question'])}</h4>", layout=full_width()),
            widgets.HTML(
                f"<div style='line-height:1.3'><small>0 = {html.escape(self.crux['low_label'])} · "
                f"1 = {html.escape(self.crux['high_label'])}</small></div>",
                layout=full_width(),
            ),
            self.slider,
            *([self.restore_note] if self.restored else []),
            self.summary,
            self.status,
            self.figure,
            self.fit_figures,
        ]
        self._saves_settings = crux == "restraint"  # the crux lesson 09 gathers

    def settings(self) -> dict:
        """The student's answer, as ``my_assumptions.json`` keeps it."""
        return {"answer": float(self.slider.value)}

    @shows_errors
    def _on_slider(self, change) -> None:
        self.strengths = models.crux_strengths(self.crux.name, change["new"])
        with self.figure.batch_update():
            figures.update_crux_figure(self.figure, self.strengths)
        self._write_summary()

    @property
    def verdict(self) -> str:
        """Which article's case stands stronger with this answer: ``"K"``, ``"P"`` or ``"tie"``."""
        k, p = self.strengths["K"], self.strengths["P"]
        return "tie" if abs(k - p) < 0.005 else ("K" if k > p else "P")

    def _write_summary(self) -> None:
        k, p = self.strengths["K"], self.strengths["P"]
        names = figures.ARTICLE_NAMES
        if self.verdict == "tie":
            verdict = "both cases stand about equally"
        else:
            stronger, weaker = ("K", "P") if self.verdict == "K" else ("P", "K")
            verdict = f"more of {names[stronger]}'s case stands than of {names[weaker]}'s"
        self.summary.value = (
            f"<div style='font-size:115%;padding:4px 0;line-height:1.35'>With this answer, <b>{verdict}</b> "
            f"({names['K']}: {k:.1%}, {names['P']}: {p:.1%}).</div>"
        )
