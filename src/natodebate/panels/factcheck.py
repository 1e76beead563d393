"""Lesson 03's panel: how generous is "a fair rounding", and which data vintage?"""

from __future__ import annotations

import ipywidgets as widgets

from ..figures import ARTICLE_NAMES
from ..figures import factcheck as charts
from ..models import factcheck as check
from ..models.validators import check_choice
from .base import PanelBase, full_width, live_figure, shows_errors

__all__ = ["FairRoundingPanel"]

#: Labels of the vintage buttons → the model's vintage names.
VINTAGE_OPTIONS = [(label, vintage) for vintage, label in check.VINTAGE_LABELS.items()]


class FairRoundingPanel(PanelBase):
    """The student sets the tolerance for "a fair rounding" (0–30 %) and the
    SIPRI data vintage, and sees which numeric claims of both articles pass.

    Attributes: ``tolerance`` (``FloatSlider``, percent), ``vintage``
    (``ToggleButtons``: "first_published" or "latest_revision"), ``figure``
    (``FigureWidget``; trace 0 the tolerance band, trace 1 one bar per claim:
    the signed gap between claim and data in percent), ``summary``,
    ``status``, ``checks`` (the current :func:`numeric_claim_checks` table),
    ``restore_note`` (``HTML``; shown only when the settings were restored).

    With ``restore`` (the default) the panel starts from the tolerance and
    vintage saved in ``my_assumptions.json`` if there are any, instead of
    the arguments (:meth:`PanelBase.restore_settings`); a note says so.
    """

    settings_section = "fair_rounding"

    #: The slider's range, percent.
    MAX_TOLERANCE_PCT = 30.0

    def __init__(self, tolerance_pct: float = 10.0, vintage: str = "first_published", *, restore: bool = True):
        # The slider would silently clamp a value outside its range: refuse it instead.
        if isinstance(tolerance_pct, bool) or not isinstance(tolerance_pct, (int, float)) or not 0 <= tolerance_pct <= self.MAX_TOLERANCE_PCT:
            raise ValueError(f"tolerance_pct={tolerance_pct!r}: expected a number from 0 to {self.MAX_TOLERANCE_PCT:g} (percent)")
        super().__init__(layout=full_width(margin="0", max_width="900px"))
        check_choice("vintage", vintage, check.VINTAGES)
        start = (float(tolerance_pct), vintage)
        saved = {}
        if self.restore_settings(saved.update, restore):
            tolerance_pct, vintage = saved["tolerance_pct"], saved["vintage"]
        self.checks = check.numeric_claim_checks(tolerance_pct, vintage)
        self.tolerance = widgets.FloatSlider(
            value=tolerance_pct, min=0, max=self.MAX_TOLERANCE_PCT, step=0.5, readout_format=".1f", continuous_update=False,
            description="tolerance ±%", style={"description_width": "100px"},
            layout=full_width(min_width="0"),
        )
        self.vintage = widgets.ToggleButtons(
            options=VINTAGE_OPTIONS, value=vintage, description="SIPRI data",
            style={"description_width": "100px", "button_width": "auto"},
            tooltips=["the April 2022 release, the first to report 2021", "SIPRI's revised series (2026 edition)"],
            layout=full_width(flex_flow="row wrap"),
        )
        # The course's CSS class for panel sliders (the browser tests find them by it).
        self.tolerance.add_class("natodebate-claim-slider")
        self.tolerance.observe(self._on_change, names="value")
        self.vintage.observe(self._on_change, names="value")
        self.figure = live_figure(charts.numeric_claims(self.checks, tolerance_pct, vintage))
        self._write_summary()
        self.restore_note = widgets.HTML(layout=full_width())
        if self.restored:
            self.restore_note.value = self.restored_note(
                f"move the controls to change them (the lesson starts from ±{start[0]:g}% with SIPRI "
                f"{check.VINTAGE_LABELS[start[1]]})"
            )
        # Controls, then the verdict line, then the chart: on one screen at 1024×768.
        self.children = [
            self.tolerance, self.vintage, *([self.restore_note] if self.restored else []),
            self.summary, self.status, self.figure, self.fit_figures,
        ]
        self._saves_settings = True

    def settings(self) -> dict:
        """The tolerance and vintage, as ``my_assumptions.json`` keeps them."""
        return {"tolerance_pct": float(self.tolerance.value), "vintage": self.vintage.value}

    @shows_errors
    def _on_change(self, change) -> None:
        tolerance_pct, vintage = self.tolerance.value, self.vintage.value
        self.checks = check.numeric_claim_checks(tolerance_pct, vintage)
        with self.figure.batch_update():
            charts.update_numeric_claims(self.figure, self.checks, tolerance_pct, vintage)
        self._write_summary()

    def _write_summary(self) -> None:
        counts = check.pass_counts(self.checks)
        total, passing = int(counts["claims"].sum()), int(counts["passing"].sum())
        per_article = "; ".join(
            f"{ARTICLE_NAMES[a]}: {int(row.passing)} of {int(row.claims)}" for a, row in counts.iterrows()
        )
        failing = [f"{row.article} “{row.quote}” ({row.gap_pct:+.1f}%)" for row in self.checks.itertuples() if not row.passes]
        tail = f" Outside the tolerance: {', '.join(failing)}." if failing else ""
        self.summary.value = (
            f"<div style='font-size:110%;padding:4px 0;line-height:1.35'>At ±{self.tolerance.value:g}% with SIPRI "
            f"{check.VINTAGE_LABELS[self.vintage.value]}: <b>{passing} of {total}</b> numeric claims pass "
            f"({per_article}).{tail}</div>"
        )
