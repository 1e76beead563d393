"""End-to-end: lessons 01 and 03 run in a real JupyterLab, and moving a panel slider redraws the panel.

The unit tests of the panels set ``slider.value`` in Python; only a browser
shows that the pieces a student actually touches are wired together: the
widget front-end, the kernel-side observer, the model, the FigureWidget's
round trip to plotly.js, and the summary line. This test drives Debian's
Chromium through Playwright against a JupyterLab server that serves a
temporary copy of ``notebooks/`` (the repository is never written to).

Enable it with ``apt-get install chromium`` (or point ``$NATODEBATE_CHROMIUM``
at a Chromium binary). Without a browser it skips, unless
``NATODEBATE_REQUIRE_BROWSER=1`` is set (CI sets it), in which case it fails.
On failure a screenshot and the server log are saved in ``tests/artifacts/``.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO_ROOT = Path(__file__).resolve().parents[1]
LESSONS_DIR = REPO_ROOT / "notebooks"
#: The lessons whose panel the test drives: a claim-weighting panel (01) and
#: the fair-rounding panel (03); lessons 00 and 02 reuse those panel kinds.
LESSONS = ("01_reading_kagan.ipynb", "03_checking_the_numbers.ipynb")
ARTIFACTS_DIR = REPO_ROOT / "tests" / "artifacts"

HOW_TO_ENABLE = (
    "To run the browser test: `apt-get install chromium` (Debian/Ubuntu), or set "
    "NATODEBATE_CHROMIUM=/path/to/chromium. Never `playwright install`."
)


def _browser_unavailable(reason: str) -> None:
    """Skip, or fail when the environment demands the browser test (CI)."""
    if os.environ.get("NATODEBATE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} NATODEBATE_REQUIRE_BROWSER=1 is set, so this is a failure. {HOW_TO_ENABLE}")
    pytest.skip(f"{reason} {HOW_TO_ENABLE}")


@pytest.fixture(scope="module")
def helpers():
    # Imported here, not at module level, so a missing browser stack gives the
    # skip-or-fail message above instead of a collection error.
    try:
        import browser_helpers
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        _browser_unavailable(f"The browser stack cannot be imported ({err}).")
    return browser_helpers, sync_playwright


@pytest.fixture(scope="module")
def chromium_path(helpers):
    browser_helpers, _ = helpers
    path = browser_helpers.chromium_executable()
    if path is None:
        configured = os.environ.get("NATODEBATE_CHROMIUM") or str(browser_helpers.DEFAULT_CHROMIUM)
        _browser_unavailable(f"No Chromium executable at {configured}.")
    return path


@pytest.fixture(scope="module")
def lab_server(helpers, chromium_path, tmp_path_factory):
    browser_helpers, _ = helpers
    for lesson in LESSONS:
        assert (LESSONS_DIR / lesson).is_file(), f"lesson {lesson} is missing from {LESSONS_DIR}"
    started = time.monotonic()
    server = browser_helpers.start_jupyterlab(LESSONS_DIR, tmp_path_factory.mktemp("jupyterlab"))
    server.seconds_to_ready = time.monotonic() - started
    yield server
    browser_helpers.stop_jupyterlab(server)
    assert server.process.poll() is not None, f"JupyterLab (pid {server.process.pid}) is still running"


@pytest.fixture
def page(helpers, chromium_path):
    browser_helpers, sync_playwright = helpers
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_path), args=browser_helpers.CHROMIUM_ARGS, headless=True
        )
        context = browser.new_context(viewport={"width": 1400, "height": 1200})
        new_page = context.new_page()
        new_page.console_errors = []
        new_page.on(
            "console",
            lambda message: new_page.console_errors.append(message.text) if message.type == "error" else None,
        )
        try:
            yield new_page
        finally:
            browser.close()


def _screenshot_panel(page, path: Path, panel_selector: str) -> None:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    # JupyterLab scrolls inside the notebook, not the page: bring the panel into view.
    if page.locator(panel_selector).count():
        page.locator(panel_selector).first.evaluate("(element) => element.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(path))


def _save_failure_artifacts(page, server, test_name: str, panel_selector: str) -> list[Path]:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    saved = []
    screenshot = ARTIFACTS_DIR / f"{test_name}-{stamp}.png"
    try:
        _screenshot_panel(page, screenshot, panel_selector)
        saved.append(screenshot)
    except Exception as err:  # the page may be gone; the log is still worth keeping
        print(f"screenshot failed: {err}")
    log_copy = ARTIFACTS_DIR / f"{test_name}-{stamp}-jupyterlab.log"
    shutil.copyfile(server.log_path, log_copy)
    saved.append(log_copy)
    return saved


@pytest.mark.parametrize("lesson", LESSONS)
def test_panel_slider_redraws_plot_and_summary(helpers, lab_server, page, lesson):
    browser_helpers, _ = helpers
    name = f"test_browser_{lesson.split('_')[0]}"
    # Screenshots start at the panel's summary: it sits above the figure, next to the status line.
    panel_top = f"[{browser_helpers.PANEL_MARKER_ATTRIBUTE}] .{browser_helpers.SUMMARY_CLASS}"
    timings = {"server ready": lab_server.seconds_to_ready}
    try:
        started = time.monotonic()
        page.goto(lab_server.url(f"lab/tree/{lesson}"), timeout=120_000)
        browser_helpers.wait_for_notebook_kernel(page, lesson)
        timings["open to kernel idle"] = time.monotonic() - started

        started = time.monotonic()
        run_state = browser_helpers.run_all_cells(page, lesson)
        timings["run all"] = time.monotonic() - started
        assert run_state["executedCells"] == run_state["codeCells"] > 0

        panel = browser_helpers.locate_panel(page)
        assert panel["sliders"] >= 1 and panel["plots"] >= 1
        before = browser_helpers.panel_snapshot(page)

        started = time.monotonic()
        key = browser_helpers.move_first_claim_slider(page)
        after = browser_helpers.wait_for_panel_change(page, before)
        timings["slider to redraw"] = time.monotonic() - started

        assert after["statusText"] == "", f"the panel reported an error: {after['statusText']}"
        assert after["plotData"] != before["plotData"], (
            f"pressing {key} on the first claim slider did not change the panel's plot data (gd.data); "
            f"browser console errors: {page.console_errors[-10:]}"
        )
        assert after["summaryText"] != before["summaryText"], (
            f"pressing {key} on the first claim slider did not change the summary "
            f"(still {before['summaryText']!r}); browser console errors: {page.console_errors[-10:]}"
        )
        # The kernel must still be healthy after the callback ran.
        final_state = browser_helpers.wait_for_notebook_kernel(page, lesson, timeout_s=30)
        assert not final_state["errors"], final_state["errors"]
    except BaseException:
        saved = _save_failure_artifacts(page, lab_server, name, panel_top)
        print("failure artifacts:", *saved, sep="\n  ")
        print(f"timings so far (s): {timings}\n--- end of JupyterLab log ---\n{lab_server.log_tail()}")
        raise
    # For a human look at what the test saw (overwritten on every run; git-ignored).
    _screenshot_panel(page, ARTIFACTS_DIR / f"{name}-after-slider.png", panel_top)
    print("browser test timings (s): " + ", ".join(f"{name} {seconds:.1f}" for name, seconds in timings.items()))
