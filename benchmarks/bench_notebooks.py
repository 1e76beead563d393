"""Benchmark the lesson notebooks against the course's performance targets.

    make bench        (or: .venv/bin/python benchmarks/bench_notebooks.py [--repeats 9] [--updates 200] [--moves 30])

For every lesson (``notebooks/NN_*.ipynb``) it measures:

- **Run All** wall time, kernel start included (nbclient, with a cell
  timeout), median of ``--repeats`` runs, next to the same figure for
  ``benchmarks/floor.ipynb`` (imports pandas, ipywidgets and plotly and shows
  one FigureWidget: the least any lesson can cost). Runs are interleaved
  (floor, lesson 00, lesson 01, … then again) so that load from other
  processes on a shared machine spreads over all of them alike.
- **Panel callback latency**: in the lesson's own kernel, right after Run All,
  the lesson's panel is built and one control's ``.value`` is set ``--updates``
  times; each set runs the observer, the model and the FigureWidget's
  ``batch_update`` synchronously, so timing the assignment times the whole
  kernel-side callback. Median and 95th percentile, in milliseconds.
- **Kernel peak RSS** (MB): ``VmHWM`` of the kernel process after Run All,
  the largest over the repeats.
- **File size** of the notebook on disk (KB).
- **Slider to redraw in Chromium** (ms), for every panel: JupyterLab in
  headless Chromium (``tests/browser_helpers.py``; Debian's ``chromium`` or
  ``$NATODEBATE_CHROMIUM``) opens the lesson at 1280×800 with the file
  browser open, runs all cells, and moves each panel's first slider by one
  step (arrow keys, alternately up and down) ``--moves`` times, a quarter of
  a second apart (a student's pace); each move is timed in the page from the
  key's input event (``event.timeStamp``) to plotly's ``plotly_afterplot``
  on the panel's plot: the whole round trip through widget, kernel, model,
  FigureWidget and plotly.js. Median and 95th percentile (two warm-up moves
  not counted). Without Chromium (or with ``--no-browser``) it is "n/a".
- **Start-up cost** of ``import plotly.graph_objects as go; go.FigureWidget()``
  in a fresh interpreter, and whether ``rfc3987_syntax`` got imported, with
  the ``rfc3987`` pin in effect and with ``rfc3987`` hidden (what the pin saves).

It writes a Markdown report to ``benchmarks/RESULTS.md`` and prints it. The
notebooks are executed in memory, with a temporary copy of ``notebooks/`` as
the kernel's working directory; the script checks that no notebook file
changed. Exit status 0 unless ``--strict`` is given and a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.metadata
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

REPO_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
FLOOR_NOTEBOOK = REPO_ROOT / "benchmarks" / "floor.ipynb"
DEFAULT_OUTPUT = REPO_ROOT / "benchmarks" / "RESULTS.md"

# Targets (see benchmarks/README.md).
TARGET_CALLBACK_P95_MS = 30.0
TARGET_RUN_ALL_RATIO = 1.5
TARGET_PEAK_RSS_MB = 200.0
TARGET_FILE_KB = 200.0
TARGET_REDRAW_P95_MS = 150.0

#: Per lesson (file stem): Python statements, run in the lesson's kernel after
#: Run All, that bind ``panel`` (the lesson's panel) and ``control`` (the
#: widget whose ``.value`` the benchmark moves). A lesson not listed, or whose
#: panel does not exist yet (ImportError / AttributeError), is reported "n/a".
PANEL_PROBES = {
    "00_start_here": (
        "from natodebate.panels import CruxPanel\n"
        "panel = CruxPanel()\n"
        "control = panel.slider"
    ),
    "01_reading_kagan": (
        "from natodebate.panels import ClaimWeightingPanel\n"
        "panel = ClaimWeightingPanel('K')\n"
        "control = next(iter(panel.credence_sliders.values()))"
    ),
    "02_reading_petrovics": (
        "from natodebate.panels import ClaimWeightingPanel\n"
        "panel = ClaimWeightingPanel('P')\n"
        "control = next(iter(panel.credence_sliders.values()))"
    ),
    "03_checking_the_numbers": (
        "from natodebate.panels.factcheck import FairRoundingPanel\n"
        "panel = FairRoundingPanel()\n"
        "control = panel.tolerance"
    ),
    "04_does_restraint_signal_weakness": (
        "from natodebate.panels.credibility import CredibilityPanel\n"
        "panel = CredibilityPanel('neutral')\n"
        "control = panel.sliders['p_restraint_if_resolute']"
    ),
    "05_bargaining_in_the_shadow_of_intervention": (
        "from natodebate.panels.bargaining import BargainingPanel\n"
        "panel = BargainingPanel('neutral')\n"
        "control = panel.sliders['p_intervention']"
    ),
    "06_climbing_the_ladder": (
        "from natodebate.panels.escalation import LadderPanel\n"
        "panel = LadderPanel('neutral')\n"
        "control = panel.sliders['lr_quiet']"  # reruns the ladder Monte Carlo: the panel's costliest slider
    ),
    "07_competing_hypotheses": (
        "from natodebate.panels.hypotheses import CompetingHypothesesPanel\n"
        "panel = CompetingHypothesesPanel()\n"
        "control = panel.rating_sliders[('D1', 'H3')]"
    ),
    "08_hindsight_without_hindsight_bias": (
        "from natodebate.panels.forecasts import HedgeReadingPanel\n"
        "panel = HedgeReadingPanel()\n"
        "control = panel.sliders['appear to']"
    ),
    "09_your_verdict": (
        "from natodebate.panels.verdict import VerdictPanel\n"
        "panel = VerdictPanel('neutral')\n"
        "control = panel.slider"  # the what-if: one question's verdict, the positions figure, the readout
    ),
}

# Runs in the lesson's kernel (followed by a call, see latency_probe_code). Builds the panel from the probe statements, then
# sets the control's value `updates` times, each time to a value different from
# the last one (an unchanged value would not fire the observers), and prints
# one JSON line. Slider values stay on the slider's step grid, as a student's would.
_LATENCY_PROBE_TEMPLATE = r'''
def _natodebate_latency_probe(setup, updates):
    import math, statistics, time
    namespace = {}
    try:
        exec(setup, namespace)
    except (ImportError, AttributeError) as err:  # the lesson's panel is not written yet
        return {"status": "n/a", "reason": f"{type(err).__name__}: {err}"}
    except Exception as err:  # the panel exists but cannot be built: a finding, not a crash of the run
        return {"status": "error", "reason": f"building the panel raised {type(err).__name__}: {err}"}
    panel, control = namespace["panel"], namespace["control"]
    option_values = getattr(control, "_options_values", None)
    if option_values:
        values = list(option_values)
    else:
        step = control.step or (control.max - control.min) / 20
        grid_points = int(round((control.max - control.min) / step))
        indices = sorted({round(i * grid_points / 10) for i in range(11)})
        values = [round(control.min + i * step, 10) for i in indices]  # no 0.15000000000000002
        if getattr(control, "base", None):  # a FloatLogSlider: min, max and step are exponents
            values = [round(control.base ** v, 10) for v in values]
        values = values + values[-2:0:-1]  # there and back: consecutive values always differ
    if len(set(values)) < 2:
        return {"status": "error", "reason": f"control {type(control).__name__} offers fewer than two values"}
    start = values.index(control.value) + 1 if control.value in values else 0
    seconds = []
    for i in range(updates):
        value = values[(start + i) % len(values)]
        began = time.perf_counter()
        control.value = value
        seconds.append(time.perf_counter() - began)
    status_text = getattr(getattr(panel, "status", None), "value", "")
    if status_text:
        return {"status": "error", "reason": "the panel showed an error: " + status_text[:300]}
    ms = sorted(s * 1000 for s in seconds)
    return {
        "status": "ok",
        "control": type(control).__name__,
        "updates": updates,
        "median_ms": statistics.median(ms),
        "p95_ms": ms[math.ceil(0.95 * len(ms)) - 1],  # nearest-rank percentile
        "max_ms": ms[-1],
    }

'''


def latency_probe_code(setup: str, updates: int) -> str:
    """The code cell that measures a panel's callback latency in the lesson's kernel."""
    call = f"print('NATODEBATE_BENCH ' + __import__('json').dumps(_natodebate_latency_probe({setup!r}, {updates})))"
    return _LATENCY_PROBE_TEMPLATE + call + "\ndel _natodebate_latency_probe\n"


# Runs in a fresh interpreter: the kernel-side cost of the first FigureWidget.
_STARTUP_PROBE = r'''
import json, sys, time
{prelude}
began = time.perf_counter()
import plotly.graph_objects as go
go.FigureWidget()
seconds = time.perf_counter() - began
print(json.dumps({{"seconds": seconds, "rfc3987_syntax": "rfc3987_syntax" in sys.modules}}))
'''
_HIDE_RFC3987 = "sys.modules['rfc3987'] = None  # as if the pin were dropped: jsonschema falls back"

PACKAGES = [
    "jupyterlab", "ipykernel", "jupyter_client", "nbclient", "ipywidgets", "plotly", "anywidget",
    "pandas", "numpy", "jsonschema", "rfc3987", "rfc3987-syntax",
]


# --------------------------------------------------------------------------- measuring


@dataclass
class NotebookResult:
    """Everything measured for one notebook (floor or lesson)."""

    path: Path
    run_all_seconds: list[float] = field(default_factory=list)
    peak_rss_mb: list[float] = field(default_factory=list)
    run_error: str | None = None
    latency: dict | None = None
    kernel_start_seconds: list[float] = field(default_factory=list)
    #: One list per run: seconds per cell, in notebook order (markdown cells count 0).
    cell_seconds: list[list[float]] = field(default_factory=list)
    cell_sources: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def file_kb(self) -> float:
        return self.path.stat().st_size / 1024

    @property
    def run_all_median(self) -> float | None:
        return statistics.median(self.run_all_seconds) if self.run_all_seconds else None

    def breakdown(self) -> str:
        """Where Run All's time goes: kernel start and the slowest code cell (medians over runs)."""
        if not self.cell_seconds:
            return ""
        code_indices = [i for i, source in enumerate(self.cell_sources) if source is not None]
        if not code_indices:
            return ""
        per_cell = {i: statistics.median(run[i] for run in self.cell_seconds) for i in code_indices}
        slowest = max(code_indices, key=per_cell.__getitem__)
        code_number = code_indices.index(slowest) + 1
        first_line = (self.cell_sources[slowest].strip().splitlines() or [""])[0]
        return (
            f"kernel start {statistics.median(self.kernel_start_seconds):.2f} s, slowest code cell #{code_number} "
            f"{per_cell[slowest]:.2f} s (`{first_line[:50]}`)"
        )


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set size (``VmHWM`` in /proc/<pid>/status), in MB (MiB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            kilobytes = int(line.split()[1])
            return kilobytes / 1024
    raise RuntimeError(f"no VmHWM line in /proc/{pid}/status")


def _stdout_of(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def run_notebook_once(
    result: NotebookResult, work_dir: Path, cell_timeout_s: int, latency_updates: int | None
) -> None:
    """Run All on a fresh kernel; record wall time and peak RSS; optionally probe the panel's latency.

    The notebook is read from disk and executed in memory only. On an error
    the result's ``run_error`` is set and no time is recorded for this run.
    """
    notebook = nbformat.read(result.path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=cell_timeout_s,
        startup_timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(work_dir)}},
        store_widget_state=False,
    )
    client.reset_execution_trackers()
    began = time.perf_counter()
    cell_seconds = []
    try:
        with client.setup_kernel():
            kernel_started = time.perf_counter() - began
            for index, cell in enumerate(notebook.cells):
                cell_began = time.perf_counter()
                client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
                cell_seconds.append(time.perf_counter() - cell_began)
            elapsed = time.perf_counter() - began
            rss = peak_rss_mb(client.km.provisioner.pid)
            if latency_updates:
                setup = PANEL_PROBES.get(result.name)
                if setup is None:
                    result.latency = {"status": "n/a", "reason": "no panel probe for this notebook"}
                else:
                    probe = nbformat.v4.new_code_cell(latency_probe_code(setup, latency_updates))
                    notebook.cells.append(probe)
                    client.execute_cell(probe, len(notebook.cells) - 1)
                    marker_lines = [
                        line for line in _stdout_of(probe).splitlines() if line.startswith("NATODEBATE_BENCH ")
                    ]
                    result.latency = (
                        json.loads(marker_lines[-1].removeprefix("NATODEBATE_BENCH "))
                        if marker_lines
                        else {"status": "error", "reason": "the probe printed no result"}
                    )
    except CellTimeoutError as err:
        result.run_error = f"cell timeout after {cell_timeout_s} s ({str(err).splitlines()[0][:120]})"
        return
    except CellExecutionError as err:
        result.run_error = f"{err.ename}: {err.evalue}"[:200]
        return
    result.run_all_seconds.append(elapsed)
    result.peak_rss_mb.append(rss)
    result.kernel_start_seconds.append(kernel_started)
    result.cell_seconds.append(cell_seconds)
    # Only code cells are numbered; markdown cells are kept as None to skip them.
    result.cell_sources = [c.source if c.cell_type == "code" else None for c in notebook.cells[: len(cell_seconds)]]


def startup_cost(hide_rfc3987: bool, repeats: int) -> dict:
    """Median seconds of the first FigureWidget in a fresh interpreter, and whether rfc3987_syntax was imported."""
    code = _STARTUP_PROBE.format(prelude=_HIDE_RFC3987 if hide_rfc3987 else "")
    runs = []
    for _ in range(repeats):
        completed = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True
        )
        runs.append(json.loads(completed.stdout.strip().splitlines()[-1]))
    return {
        "median_seconds": statistics.median(r["seconds"] for r in runs),
        "rfc3987_syntax": any(r["rfc3987_syntax"] for r in runs),
    }


_DATA_LOAD_PROBE = """
import json, time
from natodebate import data
started = time.perf_counter()
for name in data.table_names():
    data.load_table(name)
print(json.dumps({"seconds": time.perf_counter() - started, "tables": len(data.table_names())}))
"""


def data_load_cost(cache_dir: Path | None) -> dict:
    """Seconds to load and validate every table in a fresh interpreter, with
    the validation receipts in ``cache_dir`` (``None``: the user's cache)."""
    env = dict(os.environ)
    if cache_dir is not None:
        env["NATODEBATE_CACHE"] = str(cache_dir)
    completed = subprocess.run(
        [sys.executable, "-c", _DATA_LOAD_PROBE], capture_output=True, text=True, timeout=300, check=True, env=env
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- in Chromium

#: The browser test's helpers: a throwaway JupyterLab server and a Chromium page.
TESTS_DIR = REPO_ROOT / "tests"

#: The classroom laptop screen the moves are timed on (JupyterLab's file browser open).
REDRAW_VIEWPORT = {"width": 1280, "height": 800}

# Arms one measurement on the marked panel: the next keydown on the marked
# slider's handle records its input time, the next plotly_afterplot of the
# panel's plot the time the plot was redrawn (same clock: performance.now()).
_ARM_REDRAW_JS = """
(marker) => {
  const panel = document.querySelector('[' + marker + ']');
  const gd = panel.querySelector('.js-plotly-plot');
  const handle = document.querySelector('[' + marker + '-slider] .noUi-handle');
  window.__natodebateRedraw = {input: null, redraw: null};
  handle.addEventListener('keydown', (event) => {
    if (window.__natodebateRedraw.input === null) { window.__natodebateRedraw.input = event.timeStamp; }
  }, {capture: true, once: true});
  gd.once('plotly_afterplot', () => { window.__natodebateRedraw.redraw = performance.now(); });
}
"""


def _ms_summary(milliseconds: list[float]) -> dict:
    ms = sorted(milliseconds)
    return {
        "status": "ok", "moves": len(ms), "median_ms": statistics.median(ms),
        "p95_ms": ms[math.ceil(0.95 * len(ms)) - 1], "max_ms": ms[-1],  # nearest-rank percentile
    }


def browser_redraw_latency(lesson_paths: list[Path], moves: int, pause_s: float = 0.25) -> dict[str, list[dict]]:
    """Lesson file name → one result per panel (see the module docstring):
    ``{"status": "ok", "moves", "median_ms", "p95_ms", "max_ms", "slider"}``,
    or ``{"status": "n/a" | "error", "reason"}``."""
    sys.path.insert(0, str(TESTS_DIR))
    try:
        import browser_helpers as helpers
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        return {path.name: [{"status": "n/a", "reason": f"browser stack not importable ({err})"}] for path in lesson_paths}
    chromium = helpers.chromium_executable()
    if chromium is None:
        return {path.name: [{"status": "n/a", "reason": "no Chromium (apt-get install chromium, or set NATODEBATE_CHROMIUM)"}]
                for path in lesson_paths}
    results: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="natodebate-bench-lab-") as scratch:
        server = helpers.start_jupyterlab(NOTEBOOKS_DIR, Path(scratch))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(chromium), args=helpers.CHROMIUM_ARGS, headless=True)
                context = browser.new_context(viewport=REDRAW_VIEWPORT)
                for path in lesson_paths:
                    print(f"[chromium] {path.name} …", flush=True)
                    page = context.new_page()
                    try:
                        results[path.name] = _redraw_latency_of_lesson(helpers, server, page, path.name, moves, pause_s)
                    except Exception as err:  # a finding for the report, not a crash of the benchmark
                        results[path.name] = [{"status": "error", "reason": f"{type(err).__name__}: {str(err)[:200]}"}]
                    finally:
                        page.close()
                        helpers.shut_down_kernels(server)
                browser.close()
        finally:
            helpers.stop_jupyterlab(server)
    return results


def _redraw_latency_of_lesson(helpers, server, page, lesson: str, moves: int, pause_s: float) -> list[dict]:
    # A workspace of its own, so JupyterLab does not reopen the lessons before it.
    page.goto(server.url(f"lab/workspaces/bench-{lesson[:2]}/tree/{lesson}"), timeout=120_000)
    helpers.wait_for_notebook_kernel(page, lesson)
    helpers.show_file_browser(page)
    helpers.run_all_cells(page, lesson)
    if helpers.count_panels(page) == 0:
        return [{"status": "n/a", "reason": "the lesson shows no panel"}]
    found = helpers.locate_panel(page, 0)
    results = []
    for index in range(found["panels"]):
        helpers.locate_panel(page, index)
        if not page.evaluate(helpers._MARK_SLIDER_JS, [helpers.PANEL_MARKER_ATTRIBUTE, helpers.CLAIM_SLIDER_CLASS, "first"]):
            results.append({"status": "n/a", "reason": f"panel {index} shows no slider"})
            continue
        handle = page.locator(f"[{helpers.PANEL_MARKER_ATTRIBUTE}-slider] .noUi-handle").first
        handle.scroll_into_view_if_needed()
        handle.focus()
        slider = handle.evaluate("(h) => (h.closest('.widget-slider').querySelector('.widget-label') || {}).innerText || ''")
        upwards = float(handle.get_attribute("aria-valuenow")) < float(handle.get_attribute("aria-valuemax"))
        milliseconds = []
        for move in range(moves + 2):
            page.evaluate(_ARM_REDRAW_JS, helpers.PANEL_MARKER_ATTRIBUTE)
            handle.press("ArrowRight" if upwards else "ArrowLeft")
            upwards = not upwards
            page.wait_for_function("() => window.__natodebateRedraw.redraw !== null", timeout=30_000)
            elapsed = page.evaluate("() => window.__natodebateRedraw.redraw - window.__natodebateRedraw.input")
            if move >= 2:  # the first two warm the page and the kernel up
                milliseconds.append(elapsed)
            time.sleep(pause_s)
        status = page.evaluate(
            "([m, c]) => (document.querySelector('[' + m + '] .' + c) || {}).innerText || ''",
            [helpers.PANEL_MARKER_ATTRIBUTE, helpers.STATUS_CLASS],
        ).strip()
        if status:
            results.append({"status": "error", "reason": f"the panel showed an error: {status[:200]}"})
            continue
        results.append({**_ms_summary(milliseconds), "slider": slider.strip() or "slider"})
    return results


# --------------------------------------------------------------------------- reporting


def _verdict(passed: bool) -> str:
    return "pass" if passed else "**FAIL**"


def _checked(value: float | None, limit: float, fmt: str, failures: list[str], what: str) -> str:
    if value is None:
        return "n/a"
    passed = value <= limit
    if not passed:
        failures.append(what)
    return f"{value:{fmt}} {_verdict(passed)}"


def machine_description() -> list[str]:
    cpu_model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for package in PACKAGES:
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    return [
        f"- Machine: {os.cpu_count()} cores ({cpu_model}), {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()} ({sys.executable})",
        f"- Packages: {', '.join(versions)}",
    ]


def render_report(
    floor: NotebookResult,
    lessons: list[NotebookResult],
    startup_fixed: dict,
    startup_unfixed: dict,
    args: argparse.Namespace,
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
    total_seconds: float,
    data_cold: dict,
    data_warm: dict,
    redraw: dict[str, list[dict]] | None = None,
) -> tuple[str, list[str]]:
    """The Markdown report and the list of missed targets."""
    failures: list[str] = []
    lines = [
        "# Benchmark results",
        "",
        "Written by `benchmarks/bench_notebooks.py` (`make bench`); do not edit by hand.",
        "",
        f"- Date: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        *machine_description(),
        f"- Load average (1/5/15 min) before: {load_before[0]:.2f} / {load_before[1]:.2f} / {load_before[2]:.2f};"
        f" after: {load_after[0]:.2f} / {load_after[1]:.2f} / {load_after[2]:.2f}"
        " (other processes on the machine slow every figure below alike)",
        f"- Settings: {args.repeats} Run All repeats (median), {args.updates} control updates per panel,"
        f" cell timeout {args.timeout} s; whole benchmark {total_seconds:.0f} s",
        "",
        f"Targets: callback p95 ≤ {TARGET_CALLBACK_P95_MS:.0f} ms; Run All ≤ {TARGET_RUN_ALL_RATIO}× the floor;"
        f" kernel peak RSS ≤ {TARGET_PEAK_RSS_MB:.0f} MB; notebook file ≤ {TARGET_FILE_KB:.0f} KB;"
        f" slider to redraw in Chromium p95 ≤ {TARGET_REDRAW_P95_MS:.0f} ms.",
        "",
        "| notebook | Run All, median (s) | × floor | callback median (ms) | callback p95 (ms) "
        "| kernel peak RSS (MB) | file (KB) | notes |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    floor_median = floor.run_all_median
    floor_rss = max(floor.peak_rss_mb) if floor.peak_rss_mb else None
    lines.append(
        f"| floor.ipynb | {floor_median:.2f} | 1.00 | — | — | {floor_rss:.0f} | {floor.file_kb:.1f} | "
        f"imports + one FigureWidget; {floor.breakdown()} |"
        if floor_median is not None
        else f"| floor.ipynb | error | — | — | — | — | {floor.file_kb:.1f} | {floor.run_error} |"
    )
    for lesson in lessons:
        name = lesson.path.name
        notes = []
        median = lesson.run_all_median
        if lesson.breakdown():
            notes.append(lesson.breakdown())
        if lesson.run_error:
            notes.append(f"Run All failed: {lesson.run_error}")
            failures.append(f"{name}: Run All failed")
        if median is not None and floor_median:
            ratio = _checked(median / floor_median, TARGET_RUN_ALL_RATIO, ".2f", failures, f"{name}: Run All ratio")
        else:
            ratio = "n/a"
        latency = lesson.latency or {"status": "n/a", "reason": "not measured (Run All failed)"}
        if latency["status"] == "ok":
            callback_median = f"{latency['median_ms']:.1f}"
            callback_p95 = _checked(latency["p95_ms"], TARGET_CALLBACK_P95_MS, ".1f", failures, f"{name}: callback p95")
            notes.append(f"callback: {latency['updates']} sets of a {latency['control']}, max {latency['max_ms']:.1f} ms")
        else:
            callback_median = callback_p95 = "n/a"
            notes.append(f"callback {latency['status']}: {latency['reason']}")
            if latency["status"] == "error":
                failures.append(f"{name}: callback error")
        rss = _checked(
            max(lesson.peak_rss_mb) if lesson.peak_rss_mb else None, TARGET_PEAK_RSS_MB, ".0f", failures, f"{name}: RSS"
        )
        size = _checked(lesson.file_kb, TARGET_FILE_KB, ".1f", failures, f"{name}: file size")
        run_all = f"{median:.2f}" if median is not None else "n/a"
        notes_text = "; ".join(notes).replace("|", "\\|")
        lines.append(f"| {name} | {run_all} | {ratio} | {callback_median} | {callback_p95} | {rss} | {size} | {notes_text} |")

    lines += ["", *_redraw_lines(redraw, args, failures)]
    lines += [
        "",
        "Start-up: kernel-side cost of `import plotly.graph_objects as go; go.FigureWidget()` in a fresh"
        f" interpreter (median of {args.repeats}):",
        "",
        "| | seconds | `rfc3987_syntax` imported |",
        "|---|---:|---|",
        f"| as installed (`rfc3987` pinned) | {startup_fixed['median_seconds']:.2f} | {startup_fixed['rfc3987_syntax']} |",
        f"| `rfc3987` hidden (the pin dropped) | {startup_unfixed['median_seconds']:.2f} | {startup_unfixed['rfc3987_syntax']} |",
        "",
        f"Data: loading all {data_warm['tables']} tables in a fresh interpreter takes {data_cold['seconds']:.2f} s the first"
        " time after a table changes (Frictionless validates it, the CSV is parsed and typed) and"
        f" {data_warm['seconds']:.2f} s afterwards (validation receipts in the cache: no Frictionless); the lessons"
        " above are timed with a warm cache, as a student meets them after the first run.",
        "",
        "All targets met." if not failures else "Missed: " + "; ".join(failures) + ".",
        "",
    ]
    return "\n".join(lines), failures


def _redraw_lines(redraw: dict[str, list[dict]] | None, args: argparse.Namespace, failures: list[str]) -> list[str]:
    """The report's table of slider-to-redraw times in Chromium, one row per panel."""
    if redraw is None:
        return ["Slider to redraw in Chromium: not measured (--no-browser)."]
    lines = [
        f"Slider to redraw in Chromium: from a slider key's input event to plotly's redraw of the panel's plot,"
        f" {args.moves} moves per panel a quarter of a second apart, JupyterLab at"
        f" {REDRAW_VIEWPORT['width']}×{REDRAW_VIEWPORT['height']} with the file browser open:",
        "",
        "| notebook | panel | slider moved | moves | median (ms) | p95 (ms) | max (ms) |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    for lesson, panels in redraw.items():
        for index, result in enumerate(panels):
            if result["status"] == "ok":
                p95 = _checked(result["p95_ms"], TARGET_REDRAW_P95_MS, ".0f", failures, f"{lesson}: slider to redraw p95")
                lines.append(
                    f"| {lesson} | {index} | {result['slider']} | {result['moves']} | {result['median_ms']:.0f} | {p95} |"
                    f" {result['max_ms']:.0f} |"
                )
            else:
                if result["status"] == "error":
                    failures.append(f"{lesson}: slider to redraw error")
                reason = result["reason"].replace("|", "\\|")
                lines.append(f"| {lesson} | {index} | {result['status']}: {reason} | | | | |")
    return lines


# --------------------------------------------------------------------------- main


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive whole number, got {value}")
    return value


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--repeats", type=_positive_int, default=9,
        help="Run All repeats per notebook (default 9: one run varies by ±0.2 s here, and slow spells of the machine last several runs)",
    )
    parser.add_argument("--updates", type=_positive_int, default=200, help="control updates per panel (default 200)")
    parser.add_argument("--timeout", type=_positive_int, default=180, help="per-cell timeout, seconds (default 180)")
    parser.add_argument("--moves", type=_positive_int, default=30, help="slider moves per panel timed in Chromium (default 30)")
    parser.add_argument("--no-browser", action="store_true", help="skip the slider-to-redraw timing in Chromium")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="Markdown report to write")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 if a target is missed")
    return parser.parse_args(argv)


def _fingerprints(paths: list[Path]) -> dict[Path, str | None]:
    """SHA-256 of each file (None if it has gone), to prove the benchmark left the notebooks alone."""
    return {path: hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None for path in paths}


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    lesson_paths = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    if not lesson_paths:
        raise SystemExit(f"no lessons (NN_*.ipynb) found in {NOTEBOOKS_DIR}")
    before = _fingerprints(lesson_paths + [FLOOR_NOTEBOOK])
    load_before = os.getloadavg()
    began = time.perf_counter()

    # Validate the tables once (as a student's first run does) and time it,
    # cold in a scratch cache and warm in the user's.
    with tempfile.TemporaryDirectory(prefix="natodebate-cache-") as cold_cache:
        data_cold = data_load_cost(Path(cold_cache))
    data_load_cost(None)
    data_warm = data_load_cost(None)

    floor = NotebookResult(FLOOR_NOTEBOOK)
    lessons = [NotebookResult(path) for path in lesson_paths]
    with tempfile.TemporaryDirectory(prefix="natodebate-bench-") as scratch:
        # The kernels' working directory: a copy, so a lesson that writes a file
        # (an export, a cache) writes it here, not into the repository; without
        # a saved my_assumptions.json, whose settings the panels would start from.
        work_dir = Path(scratch) / "notebooks"
        shutil.copytree(NOTEBOOKS_DIR, work_dir, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "my_assumptions.json"))
        for repeat in range(args.repeats):
            for result in [floor, *lessons]:
                if result.run_error:
                    continue  # a notebook that failed once would fail again; don't pay for it
                print(f"[run {repeat + 1}/{args.repeats}] {result.path.name} …", flush=True)
                run_notebook_once(
                    result,
                    work_dir,
                    args.timeout,
                    latency_updates=args.updates if repeat == 0 and result is not floor else None,
                )
    redraw = None if args.no_browser else browser_redraw_latency(lesson_paths, args.moves)
    print("start-up probes …", flush=True)
    startup_fixed = startup_cost(hide_rfc3987=False, repeats=args.repeats)
    startup_unfixed = startup_cost(hide_rfc3987=True, repeats=args.repeats)

    changed = [path.name for path, digest in _fingerprints(lesson_paths + [FLOOR_NOTEBOOK]).items() if before[path] != digest]
    if changed:
        # The benchmark only reads notebooks, so this is someone editing them meanwhile:
        # the figures would mix two versions of a lesson.
        raise SystemExit(f"changed on disk while the benchmark ran: {', '.join(changed)}; results not written, run again")

    report, failures = render_report(
        floor, lessons, startup_fixed, startup_unfixed, args, load_before, os.getloadavg(),
        time.perf_counter() - began, data_cold, data_warm, redraw,
    )
    args.output.write_text(report, encoding="utf-8")
    print()
    print(report)
    print(f"written to {args.output}")
    return 1 if (args.strict and failures) else 0


if __name__ == "__main__":
    sys.exit(main())
