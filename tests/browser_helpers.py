"""Helpers for the browser test: a throwaway JupyterLab server and a Chromium page driving it.

What works on this kind of machine is recorded in
``../shared/design/JUPYTER-NOTES.md``; this module follows it:

- Debian's ``chromium`` driven by Python Playwright through
  ``executable_path`` (never ``playwright install``: it downloads a browser);
- JupyterLab on 127.0.0.1 with a token, in a temporary root directory that
  holds a *copy* of the notebooks, with its settings, workspaces and runtime
  files in the same temporary directory, so a test run never touches the
  repository or the user's Jupyter state;
- the app exposed as ``window.jupyterapp`` so the page can run JupyterLab
  commands (``notebook:run-all-cells``) and read the notebook model directly
  instead of scraping the DOM;
- the server stopped by its own PID (SIGINT twice), then its process group,
  then any kernel it left behind (kernels run in their own session).

Timeouts are in seconds throughout.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psutil

#: Where Debian installs Chromium; ``$NATODEBATE_CHROMIUM`` overrides it.
DEFAULT_CHROMIUM = Path("/usr/bin/chromium")

#: Flags that let Chromium run headless in a container without a GPU or network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]

#: CSS classes the course's panels put on their widgets (see natodebate.panels).
PANEL_CLASS = "natodebate-panel"
CLAIM_SLIDER_CLASS = "natodebate-claim-slider"
SUMMARY_CLASS = "natodebate-summary"
STATUS_CLASS = "natodebate-status"

#: Marks the panel container the test found, so later queries stay inside it.
PANEL_MARKER_ATTRIBUTE = "data-natodebate-browser-test-panel"


class BrowserTestError(AssertionError):
    """The notebook or panel did not behave as the browser test expects."""


def chromium_executable() -> Path | None:
    """The Chromium binary to drive: ``$NATODEBATE_CHROMIUM`` or /usr/bin/chromium, if it exists."""
    configured = os.environ.get("NATODEBATE_CHROMIUM")
    candidate = Path(configured) if configured else DEFAULT_CHROMIUM
    if candidate.is_file() and os.access(candidate, os.X_OK):
        return candidate
    return None


def free_local_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (the server fails fast if it is taken)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --------------------------------------------------------------------------- server


@dataclass
class LabServer:
    """A running JupyterLab server started by :func:`start_jupyterlab`."""

    process: subprocess.Popen
    base_url: str
    token: str
    root_dir: Path
    log_path: Path

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` (e.g. ``lab/tree/x.ipynb``) with the token attached."""
        separator = "&" if "?" in path else "?"
        return f"{self.base_url}{path}{separator}token={self.token}"

    def log_tail(self, characters: int = 4000) -> str:
        """The end of the server's log, for failure messages."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-characters:]
        except OSError as err:
            return f"(server log unreadable: {err})"


def _write_lab_settings(settings_dir: Path) -> None:
    """Pre-set the user settings that would otherwise get in the way of an automated run."""
    settings = {
        # The "fetch news?" popup covers the page, and fetching needs the internet.
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
        # Attach every cell to the DOM: with the default windowing, cells far
        # below the viewport (where a panel may sit) are not laid out, and a
        # plot there may never be drawn.
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
            "windowingMode": "none",
        },
    }
    for relative_path, values in settings.items():
        path = settings_dir / relative_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


def start_jupyterlab(notebooks_source: Path, work_dir: Path, ready_timeout_s: float = 90.0, _attempt: int = 1) -> LabServer:
    """Start JupyterLab on a copy of ``notebooks_source`` inside ``work_dir``; wait until it answers.

    Raises ValueError if ``notebooks_source`` is not a directory, and
    BrowserTestError if the server exits or does not answer within
    ``ready_timeout_s`` seconds (the message carries the end of its log).
    """
    notebooks_source = Path(notebooks_source)
    if not notebooks_source.is_dir():
        raise ValueError(f"notebooks_source must be an existing directory, got {notebooks_source}")
    if ready_timeout_s <= 0:
        raise ValueError(f"ready_timeout_s must be positive seconds, got {ready_timeout_s}")

    work_dir = Path(work_dir)
    root_dir = work_dir / "notebooks"
    shutil.copytree(
        notebooks_source,
        root_dir,
        # without a saved my_assumptions.json (the panels would start from its settings)
        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "my_assumptions.json"),
        dirs_exist_ok=True,  # a second attempt (the port was taken) reuses the copy
    )
    settings_dir = work_dir / "lab-settings"
    _write_lab_settings(settings_dir)

    env = dict(os.environ)
    env.update(
        JUPYTERLAB_SETTINGS_DIR=str(settings_dir),
        JUPYTERLAB_WORKSPACES_DIR=str(work_dir / "lab-workspaces"),
        JUPYTER_RUNTIME_DIR=str(work_dir / "runtime"),
        # Keep the user's own Jupyter and IPython configuration out of the test.
        JUPYTER_CONFIG_DIR=str(work_dir / "jupyter-config"),
        IPYTHONDIR=str(work_dir / "ipython"),
        PYDEVD_DISABLE_FILE_VALIDATION="1",
    )

    port = free_local_port()
    token = secrets.token_hex(24)
    command = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")

    log_path = work_dir / "jupyterlab.log"
    with open(log_path, "wb") as log_file:
        process = subprocess.Popen(
            command,
            cwd=root_dir,
            env=env,
            stdin=subprocess.DEVNULL,  # no tty: SIGINT stops the server without asking
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so we can clean up after it
        )
    server = LabServer(process, f"http://127.0.0.1:{port}/", token, root_dir, log_path)

    deadline = time.monotonic() + ready_timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            if "already in use" in server.log_tail() and _attempt < 3:
                # Another program took the port between free_local_port() and the bind: try a new one.
                return start_jupyterlab(notebooks_source, work_dir, ready_timeout_s, _attempt=_attempt + 1)
            raise BrowserTestError(
                f"JupyterLab exited with code {process.returncode} before answering.\n{server.log_tail()}"
            )
        try:
            with urllib.request.urlopen(server.url("api/status"), timeout=2) as response:
                if response.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError, http.client.HTTPException):
            # Not answering yet; or, for a moment, another program holds the
            # port (its bytes are not HTTP): JupyterLab then fails to bind and
            # exits, which the poll() above reports.
            pass
        time.sleep(0.25)
    stop_jupyterlab(server)
    raise BrowserTestError(f"JupyterLab did not answer within {ready_timeout_s} s.\n{server.log_tail()}")


def shut_down_kernels(server: LabServer) -> int:
    """Shut down every kernel of ``server`` (a lesson's kernel keeps running
    after its page closes, and on two cores it slows the next lesson); return
    how many there were."""
    with urllib.request.urlopen(server.url("api/kernels"), timeout=10) as response:
        kernels = json.loads(response.read())
    for kernel in kernels:
        request = urllib.request.Request(server.url(f"api/kernels/{kernel['id']}"), method="DELETE")
        with urllib.request.urlopen(request, timeout=30):
            pass
    return len(kernels)


def stop_jupyterlab(server: LabServer, grace_s: float = 20.0) -> None:
    """Stop the server by its PID (SIGINT twice), then its process group, then leftover kernels."""
    process = server.process
    if process.poll() is not None:
        return
    try:
        descendants = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        descendants = []

    for _ in range(2):
        try:
            process.send_signal(signal.SIGINT)
        except ProcessLookupError:
            break
        time.sleep(0.5)
    try:
        process.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        for group_signal in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, group_signal)
            except ProcessLookupError:
                break
            try:
                process.wait(timeout=5)
                break
            except subprocess.TimeoutExpired:
                continue

    # Kernels are started in their own session, so the group signal misses
    # them; a clean shutdown stops them, this catches the unclean case.
    still_running = [child for child in descendants if child.is_running()]
    for child in still_running:
        try:
            child.terminate()
        except psutil.NoSuchProcess:
            pass
    _, survivors = psutil.wait_procs(still_running, timeout=5)
    for child in survivors:
        try:
            child.kill()
        except psutil.NoSuchProcess:
            pass


# --------------------------------------------------------------------------- page

# Reads the state of the notebook whose path is `notebookPath` from JupyterLab's
# own model: kernel status, which non-empty code cells have run, and any error
# outputs (with their ename/evalue so a failure message can say what broke).
_NOTEBOOK_STATE_JS = """
(notebookPath) => {
  const app = window.jupyterapp;
  if (!app) { return {ready: false, reason: 'window.jupyterapp is not there yet'}; }
  const panel = Array.from(app.shell.widgets('main')).find(
    (w) => w.context && w.context.path === notebookPath);
  if (!panel) { return {ready: false, reason: 'notebook not open yet'}; }
  const dialog = document.querySelector('.jp-Dialog');
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const model = panel.content.model;
  const cells = model ? Array.from({length: model.cells.length}, (_, i) => model.cells.get(i)) : [];
  const codeCells = cells.filter((c) => c.type === 'code' && c.sharedModel.getSource().trim() !== '');
  const errors = [];
  codeCells.forEach((cell, index) => {
    for (let j = 0; j < cell.outputs.length; j++) {
      const output = cell.outputs.get(j).toJSON();
      if (output.output_type === 'error') {
        errors.push({cell: index, ename: output.ename, evalue: output.evalue,
                     source: cell.sharedModel.getSource().slice(0, 200)});
      }
    }
  });
  return {
    ready: Boolean(kernel) && panel.sessionContext.isReady,
    dialogOpen: Boolean(dialog),
    kernelStatus: kernel ? kernel.status : 'none',
    codeCells: codeCells.length,
    executedCells: codeCells.filter((c) => c.executionCount !== null).length,
    errors: errors,
    runAll: window.__natodebateRunAll || null,
  };
}
"""

# Clears outputs (which also clears execution counts, so "every cell has a
# count" means "ran in this session"), then starts Run All without waiting
# for it: the Python side polls the model instead.
_START_RUN_ALL_JS = """
async (notebookPath) => {
  const app = window.jupyterapp;
  const panel = Array.from(app.shell.widgets('main')).find(
    (w) => w.context && w.context.path === notebookPath);
  app.shell.activateById(panel.id);
  await app.commands.execute('notebook:clear-all-cell-outputs');
  window.__natodebateRunAll = {done: false, error: null};
  app.commands.execute('notebook:run-all-cells').then(
    () => { window.__natodebateRunAll.done = true; },
    (err) => { window.__natodebateRunAll.error = String(err); });
}
"""

# The course's panels carry PANEL_CLASS. Mark the index-th one (and only it)
# so that later queries stay inside it; report how many there are and what
# the marked one holds.
_MARK_PANEL_JS = """
([panelClass, sliderClass, summaryClass, marker, index]) => {
  const panels = Array.from(document.querySelectorAll('.jp-Notebook .' + panelClass));
  document.querySelectorAll('[' + marker + ']').forEach((n) => n.removeAttribute(marker));
  if (index >= panels.length) {
    return {found: false, panels: panels.length, reason: panels.length + ' element(s) with class ' + panelClass};
  }
  const panel = panels[index];
  panel.setAttribute(marker, '1');
  return {found: true, panels: panels.length, sliders: panel.querySelectorAll('.' + sliderClass).length,
          plots: panel.querySelectorAll('.js-plotly-plot').length,
          summaries: panel.querySelectorAll('.' + summaryClass).length};
}
"""

# What the test compares before and after moving the slider: every plot's
# gd.data (plotly's own trace state) and the summary's text; plus the panel's
# status line, where the panels show a callback's error to the student.
_PANEL_SNAPSHOT_JS = """
([summaryClass, statusClass, marker]) => {
  const panel = document.querySelector('[' + marker + ']');
  if (!panel) { return null; }
  const plots = Array.from(panel.querySelectorAll('.js-plotly-plot'));
  const summary = panel.querySelector('.' + summaryClass);
  const status = panel.querySelector('.' + statusClass);
  return {
    plotData: plots.map((gd) => JSON.stringify(gd.data || null)),
    plotsWithTraces: plots.filter((gd) => Array.isArray(gd.data) && gd.data.length > 0).length,
    summaryText: summary ? summary.innerText.trim() : null,
    statusText: status ? status.innerText.trim() : '',
  };
}
"""


def wait_for_notebook_kernel(page, notebook_path: str, timeout_s: float = 120.0) -> dict:
    """Wait until the notebook is open and its kernel is idle; accept a kernel-choice dialog if one appears."""
    deadline = time.monotonic() + timeout_s
    state: dict = {}
    while time.monotonic() < deadline:
        state = page.evaluate(_NOTEBOOK_STATE_JS, notebook_path)
        if state.get("dialogOpen"):
            # JupyterLab asks for a kernel when the notebook's kernelspec is
            # unknown; the default choice is the course's Python kernel.
            page.locator(".jp-Dialog .jp-mod-accept").first.click()
        elif state.get("ready") and state.get("kernelStatus") == "idle":
            return state
        time.sleep(0.5)
    raise BrowserTestError(f"{notebook_path}: kernel not idle after {timeout_s} s; last state {state}")


def run_all_cells(page, notebook_path: str, timeout_s: float = 300.0) -> dict:
    """Run All; wait until the kernel is idle and every non-empty code cell has run. Fail fast on an error output."""
    page.evaluate(_START_RUN_ALL_JS, notebook_path)
    deadline = time.monotonic() + timeout_s
    state: dict = {}
    while time.monotonic() < deadline:
        state = page.evaluate(_NOTEBOOK_STATE_JS, notebook_path)
        if state["errors"]:
            first = state["errors"][0]
            raise BrowserTestError(
                f"{notebook_path}: code cell {first['cell'] + 1} raised "
                f"{first['ename']}: {first['evalue']}\n--- cell source ---\n{first['source']}"
            )
        run_all = state.get("runAll") or {}
        if run_all.get("error"):
            raise BrowserTestError(f"{notebook_path}: Run All failed: {run_all['error']}")
        if (
            state["codeCells"] > 0
            and state["executedCells"] == state["codeCells"]
            and state["kernelStatus"] == "idle"
        ):
            return state
        time.sleep(0.5)
    raise BrowserTestError(f"{notebook_path}: Run All did not finish within {timeout_s} s; last state {state}")


def locate_panel(page, index: int = 0, timeout_s: float = 60.0) -> dict:
    """Mark the ``index``-th course panel of the notebook (CSS class
    PANEL_CLASS); wait until its plot is drawn and its summary written.
    Returns how many panels the notebook shows (``panels``) and what the
    marked one holds (``sliders``, ``plots``)."""
    deadline = time.monotonic() + timeout_s
    found: dict = {}
    while time.monotonic() < deadline:
        found = page.evaluate(
            _MARK_PANEL_JS, [PANEL_CLASS, CLAIM_SLIDER_CLASS, SUMMARY_CLASS, PANEL_MARKER_ATTRIBUTE, index]
        )
        if found.get("found"):
            snapshot = panel_snapshot(page)
            if snapshot and snapshot["plotsWithTraces"] > 0 and snapshot["summaryText"]:
                return found
        time.sleep(0.5)
    raise BrowserTestError(f"panel {index} not rendered within {timeout_s} s: {found}")


def count_panels(page) -> int:
    """How many course panels (PANEL_CLASS) the open notebook shows."""
    return page.evaluate("(c) => document.querySelectorAll('.jp-Notebook .' + c).length", PANEL_CLASS)


def panel_snapshot(page) -> dict | None:
    """The marked panel's plot data (one JSON string per plot) and summary text."""
    return page.evaluate(_PANEL_SNAPSHOT_JS, [SUMMARY_CLASS, STATUS_CLASS, PANEL_MARKER_ATTRIBUTE])


def move_claim_slider(page, which: str = "first") -> str:
    """Move the marked panel's ``which`` ("first" or "last") shown claim
    slider to its other end by keyboard; return the key pressed.

    ipywidgets 8 sliders are noUiSlider handles: a focused handle answers
    End / Home. Going to whichever end the slider is *not* at guarantees the
    value changes whatever the preset put there.
    """
    if not page.evaluate(_MARK_SLIDER_JS, [PANEL_MARKER_ATTRIBUTE, CLAIM_SLIDER_CLASS, which]):
        raise BrowserTestError("the panel shows no claim slider")
    handle = page.locator(f"[{PANEL_MARKER_ATTRIBUTE}-slider] .noUi-handle").first
    handle.scroll_into_view_if_needed()
    value_now = float(handle.get_attribute("aria-valuenow"))
    value_max = float(handle.get_attribute("aria-valuemax"))
    key = "End" if value_now < value_max else "Home"
    handle.focus()
    handle.press(key)
    return key


def move_first_claim_slider(page) -> str:
    """:func:`move_claim_slider` on the first claim slider."""
    return move_claim_slider(page, "first")


def wait_for_panel_change(page, before: dict, timeout_s: float = 30.0) -> dict:
    """Poll until both the plot data and the summary differ from ``before``; return the last snapshot.

    Returns as soon as both changed, or the last snapshot at the timeout
    (the caller asserts, so the message can say which one did not change).
    """
    deadline = time.monotonic() + timeout_s
    after = panel_snapshot(page)
    while time.monotonic() < deadline:
        after = panel_snapshot(page)
        if after["plotData"] != before["plotData"] and after["summaryText"] != before["summaryText"]:
            return after
        time.sleep(0.25)
    return after


# --------------------------------------------------------------------------- layout
#
# What a student sees at a given window size, measured from the page: slider
# tracks, sideways scrolling, figure widths, captions, and whether the live
# readout is on screen while a slider is moved. Every function works on the
# panel marked by locate_panel (PANEL_MARKER_ATTRIBUTE).

#: Where JupyterLab's file browser lives in the left side bar.
FILE_BROWSER_ID = "filebrowser"


def show_file_browser(page) -> None:
    """Open JupyterLab's file browser in the left side bar (as a student has it)."""
    page.evaluate("(id) => window.jupyterapp.shell.activateById(id)", FILE_BROWSER_ID)


_PANEL_LAYOUT_JS = """
([marker, pluginClasses]) => {
  const panel = document.querySelector('[' + marker + ']');
  if (!panel) { return null; }
  const output = panel.closest('.jp-OutputArea-output') || panel.parentElement;
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const describe = (el) => el.tagName.toLowerCase() + '.' + Array.from(el.classList).filter(
    (c) => !c.startsWith('lm-') && !c.startsWith('jupyter-widgets')).slice(0, 4).join('.');
  const tracks = Array.from(panel.querySelectorAll('.noUi-target')).filter(shown).map((track) => ({
    width: track.getBoundingClientRect().width,
    slider: describe(track.closest('.widget-slider') || track),
  }));
  const sideways = [];
  for (const el of [output, panel, ...panel.querySelectorAll('*')]) {
    if (!(el instanceof HTMLElement) || !shown(el)) { continue; }
    // a slider's handle overhangs its track by design; plotly's own layers are checked as the plot below
    if (el.closest('.noUi-target') || el.closest(pluginClasses)) {
      if (!el.classList.contains('js-plotly-plot')) { continue; }
    }
    if (el.scrollWidth > el.clientWidth + 1) {
      sideways.push({element: describe(el), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth,
                     text: (el.innerText || '').trim().slice(0, 60)});
    }
  }
  const outRect = output.getBoundingClientRect();
  const panelRect = panel.getBoundingClientRect();
  const plots = Array.from(panel.querySelectorAll('.js-plotly-plot')).filter(shown).map((gd) => {
    const svg = gd.querySelector('.main-svg');
    return {svgWidth: svg ? svg.getBoundingClientRect().width : null, layoutWidth: gd._fullLayout ? gd._fullLayout.width : null};
  });
  return {outputWidth: output.clientWidth, outputLeft: outRect.left, outputRight: outRect.right,
          panelLeft: panelRect.left, panelRight: panelRect.right, windowWidth: window.innerWidth,
          tracks: tracks, sideways: sideways.slice(0, 10), sidewaysCount: sideways.length, plots: plots};
}
"""


def panel_layout(page) -> dict:
    """Widths in the marked panel: ``outputWidth`` (its output area), ``tracks``
    (each shown slider's track), ``sideways`` (elements whose content is wider
    than their box, i.e. that scroll or clip sideways), ``plots`` (each plot's
    drawn width)."""
    return page.evaluate(_PANEL_LAYOUT_JS, [PANEL_MARKER_ATTRIBUTE, ".js-plotly-plot"])


def wait_for_plots_to_fit(page, timeout_s: float = 10.0) -> dict:
    """After a resize: wait until every plot of the marked panel is drawn no
    wider than its output area (plotly resizes after a short debounce);
    return the last :func:`panel_layout`."""
    deadline = time.monotonic() + timeout_s
    layout = panel_layout(page)
    while time.monotonic() < deadline:
        layout = panel_layout(page)
        if layout["plots"] and all(p["svgWidth"] and p["svgWidth"] <= layout["outputWidth"] + 1 for p in layout["plots"]):
            # and stays so: a second look after plotly's debounce
            time.sleep(0.3)
            return panel_layout(page)
        time.sleep(0.2)
    return layout


# From the marked panel's claim sliders (shown ones only), mark the first or
# the last one; the caller scrolls its handle into view.
_MARK_SLIDER_JS = """
([marker, sliderClass, which]) => {
  const panel = document.querySelector('[' + marker + ']');
  const sliders = Array.from(panel.querySelectorAll('.' + sliderClass)).filter(
    (s) => s.getClientRects().length > 0 && s.querySelector('.noUi-handle'));
  document.querySelectorAll('[' + marker + '-slider]').forEach((n) => n.removeAttribute(marker + '-slider'));
  if (!sliders.length) { return 0; }
  (which === 'last' ? sliders[sliders.length - 1] : sliders[0]).setAttribute(marker + '-slider', '1');
  return sliders.length;
}
"""

# Where the marked slider's handle, the panel's readout (summary) and its
# plots are, against the part of the notebook the student can see (the
# notebook's scroll area, clipped to the window).
_SLIDER_VIEW_JS = """
([marker, summaryClass]) => {
  const panel = document.querySelector('[' + marker + ']');
  const handle = document.querySelector('[' + marker + '-slider] .noUi-handle');
  const summary = panel.querySelector('.' + summaryClass);
  const scroller = panel.closest('.jp-WindowedPanel-outer') || panel.closest('.jp-Notebook') || document.documentElement;
  const area = scroller.getBoundingClientRect();
  const view = {top: Math.max(area.top, 0), bottom: Math.min(area.bottom, window.innerHeight),
                left: Math.max(area.left, 0), right: Math.min(area.right, window.innerWidth)};
  const box = (el) => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height}; };
  const inView = (r) => r.height > 0 && r.top >= view.top - 1 && r.bottom <= view.bottom + 1
                        && r.left >= view.left - 1 && r.right <= view.right + 1;
  const plots = Array.from(panel.querySelectorAll('.js-plotly-plot')).map(box);
  return {view: view, handle: box(handle), summary: box(summary), handleInView: inView(box(handle)),
          summaryInView: inView(box(summary)), plotInView: plots.some(inView)};
}
"""


def slider_view(page, which: str = "first") -> dict:
    """Scroll the panel's ``which`` ("first" or "last") shown claim slider
    into view, as a student does to move it, and say what else is on screen:
    ``handleInView``, ``summaryInView`` (the live readout), ``plotInView``."""
    count = page.evaluate(_MARK_SLIDER_JS, [PANEL_MARKER_ATTRIBUTE, CLAIM_SLIDER_CLASS, which])
    if not count:
        raise BrowserTestError("the panel shows no claim slider")
    page.locator(f"[{PANEL_MARKER_ATTRIBUTE}-slider] .noUi-handle").first.scroll_into_view_if_needed()
    time.sleep(0.2)  # let a sticky readout settle
    return page.evaluate(_SLIDER_VIEW_JS, [PANEL_MARKER_ATTRIBUTE, SUMMARY_CLASS])


# Every plot in the notebook: where its caption, x axes and legend are drawn,
# relative to the plot's own svg (0,0 = its top left corner).
_FIGURE_CAPTIONS_JS = """
() => Array.from(document.querySelectorAll('.jp-Notebook .js-plotly-plot')).map((gd) => {
  const svg = gd.querySelector('.main-svg');
  if (!svg || !gd.layout) { return null; }
  const origin = svg.getBoundingClientRect();
  const relative = (r) => r && {top: r.top - origin.top, bottom: r.bottom - origin.top,
                                left: r.left - origin.left, right: r.right - origin.left};
  const union = (elements) => {
    let box = null;
    elements.forEach((e) => {
      const r = e.getBoundingClientRect();
      if (!r.width) { return; }
      box = box ? {top: Math.min(box.top, r.top), bottom: Math.max(box.bottom, r.bottom),
                   left: Math.min(box.left, r.left), right: Math.max(box.right, r.right)}
                : {top: r.top, bottom: r.bottom, left: r.left, right: r.right};
    });
    return box;
  };
  const annotations = gd.layout.annotations || [];
  const index = annotations.findIndex((a) => a.name === 'caption');
  const caption = index >= 0 ? gd.querySelector('.annotation[data-index="' + index + '"] .annotation-text') : null;
  const legend = gd.querySelector('.legend .bg');
  const title = gd.layout.title && (gd.layout.title.text || gd.layout.title);
  return {
    title: typeof title === 'string' ? title : '',
    width: origin.width, height: origin.height,
    caption: caption ? relative(caption.getBoundingClientRect()) : null,
    // the x axis at the bottom of the plot: its tick labels and title
    xaxis: relative(union(gd.querySelectorAll('.xtick text, .g-xtitle text'))),
    legend: legend ? relative(legend.getBoundingClientRect()) : null,
  };
}).filter((x) => x !== null)
"""


def figure_captions(page) -> list[dict]:
    """For every plot in the open notebook: its svg's ``width`` and
    ``height`` and the boxes of its ``caption``, bottom ``xaxis`` and
    ``legend``, relative to the svg."""
    return page.evaluate(_FIGURE_CAPTIONS_JS)


# Every table in the lesson's outputs (panels aside) that runs past the right
# edge of its output area: a student would have to scroll it sideways.
_WIDE_TABLES_JS = """
() => Array.from(document.querySelectorAll('.jp-Notebook .jp-OutputArea-output table'))
  .filter((table) => !table.closest('.natodebate-panel'))
  .map((table) => {
    const area = table.closest('.jp-OutputArea-output');
    const box = table.getBoundingClientRect(), room = area.getBoundingClientRect();
    const head = Array.from(table.querySelectorAll('thead th')).map((th) => th.innerText.trim()).filter(Boolean);
    return {columns: head.slice(0, 5).join(', '), width: Math.round(box.width), room: Math.round(room.width),
            overflow: Math.round(Math.max(box.right - room.right, table.scrollWidth - table.clientWidth))};
  })
  .filter((table) => table.overflow > 1)
"""


_BROKEN_PRINTS_JS = """
() => Array.from(document.querySelectorAll(
    '.jp-Notebook .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stdout"] pre'))
  .filter((pre) => !pre.closest('.natodebate-panel'))
  .map((pre) => {
    const lines = pre.textContent.replace(/\\n+$/, '').split('\\n');
    const lineHeight = parseFloat(getComputedStyle(pre).lineHeight);
    const longest = lines.reduce((a, b) => (b.length > a.length ? b : a), '');
    return {printed: lines.length, shown: Math.round(pre.getBoundingClientRect().height / lineHeight),
            longest: longest.slice(0, 60), characters: longest.length};
  })
  .filter((output) => output.shown > output.printed)
"""


def broken_print_lines(page) -> list[dict]:
    """Every printed output of the open notebook (panels aside) that shows on
    more lines than it printed: JupyterLab breaks a line too long for the
    output area anywhere, mid-word too. ``printed`` and ``shown`` (lines),
    ``longest`` (its start) and ``characters`` (its length)."""
    return page.evaluate(_BROKEN_PRINTS_JS)


def wide_tables(page) -> list[dict]:
    """Every output table of the open notebook (panels aside) wider than its
    output area: ``columns`` (its first headers), ``width``, ``room`` (the
    output area's width) and ``overflow`` (px past the edge)."""
    return page.evaluate(_WIDE_TABLES_JS)
