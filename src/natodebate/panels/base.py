"""What every panel shares: the status line that shows callback errors."""

from __future__ import annotations

import functools
import html
import logging

import ipywidgets as widgets

__all__ = ["PanelBase", "shows_errors"]

log = logging.getLogger("natodebate.panels")


class PanelBase(widgets.VBox):
    """A ``VBox`` with a ``summary`` line and a ``status`` line.

    ``summary`` carries the plain-language result (CSS class
    ``natodebate-summary``); ``status`` is empty unless a callback failed, in
    which case it shows the error to the student (CSS class
    ``natodebate-status``). The panel itself carries ``natodebate-panel``.
    """

    def __init__(self, **kwargs):
        self.summary = widgets.HTML()
        self.summary.add_class("natodebate-summary")
        self.status = widgets.HTML()
        self.status.add_class("natodebate-status")
        super().__init__(**kwargs)
        self.add_class("natodebate-panel")

    def show_error(self, error: Exception) -> None:
        """Show ``error`` in the status line (and log it with its traceback)."""
        log.exception("panel update failed", exc_info=error)
        self.status.value = (
            '<div style="color:#a40000;border-left:4px solid #D55E00;padding:4px 8px">'
            f"<b>This change could not be applied:</b> {html.escape(str(error))}</div>"
        )

    def clear_error(self) -> None:
        self.status.value = ""


def shows_errors(method):
    """Decorate a panel callback so that an exception is shown in the panel's
    status line instead of vanishing into JupyterLab's log console."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            result = method(self, *args, **kwargs)
        except Exception as error:  # noqa: BLE001 - every failure must reach the student
            self.show_error(error)
            return None
        self.clear_error()
        return result

    return wrapper
