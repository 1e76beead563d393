"""The lesson start-up fix holds: making a FigureWidget does not import ``rfc3987_syntax``.

Why this matters: plotly's FigureWidget pulls in jsonschema (through nbformat),
and jsonschema's URI-format checker imports ``rfc3987_syntax`` when it cannot
find ``rfc3987``. ``rfc3987_syntax`` builds a Lark grammar at import, which
cost 2-5 s at every lesson's first figure (see README, "Start-up"). The fix is
the ``rfc3987`` pin in pyproject.toml, which jsonschema prefers. If someone
drops the pin, or a dependency upgrade changes jsonschema's preference, this
test fails.

The check runs in a fresh interpreter because ``sys.modules`` of the pytest
process already holds whatever other tests imported. It asserts on imports,
never on timings: performance figures come from ``make bench``.
"""

from __future__ import annotations

import json
import subprocess
import sys

# Runs in the child interpreter; prints one JSON line describing what got imported.
_MAKE_FIGUREWIDGET_AND_REPORT_IMPORTS = """
import json, sys
import plotly.graph_objects as go
figure = go.FigureWidget()
figure.add_scatter(x=[0, 1], y=[1, 0])
print(json.dumps({
    "figure_class": type(figure).__name__,
    "trace_count": len(figure.data),
    "jsonschema_loaded": "jsonschema" in sys.modules,
    "rfc3987_loaded": "rfc3987" in sys.modules,
    "rfc3987_syntax_loaded": "rfc3987_syntax" in sys.modules,
}))
"""


def _imports_after_making_a_figurewidget() -> dict:
    completed = subprocess.run(
        [sys.executable, "-c", _MAKE_FIGUREWIDGET_AND_REPORT_IMPORTS],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, f"child interpreter failed:\n{completed.stderr}"
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_figurewidget_does_not_import_rfc3987_syntax():
    report = _imports_after_making_a_figurewidget()
    # Guard against a vacuous pass: the child really made a FigureWidget.
    assert report["figure_class"] == "FigureWidget"
    assert report["trace_count"] == 1
    assert not report["rfc3987_syntax_loaded"], (
        "Creating a FigureWidget imported rfc3987_syntax, which costs seconds at "
        "every lesson's first figure. Keep `rfc3987` installed (pinned in "
        "pyproject.toml) so that jsonschema uses it instead."
    )



# Runs in a child interpreter: import the course library (optionally with
# ipykernel loaded first, as in a lesson's kernel) and report the collector.
_IMPORT_COURSE_AND_REPORT_GC = """
import gc, json, sys
{prelude}
from natodebate import data, models, figures, panels
garbage = []
garbage.append(garbage)  # a reference cycle made after the import
del garbage
print(json.dumps({{"frozen": gc.get_freeze_count(), "collected": gc.collect(), "enabled": gc.isenabled()}}))
"""


def _course_import_gc_report(in_kernel: bool) -> dict:
    code = _IMPORT_COURSE_AND_REPORT_GC.format(prelude="import ipykernel.kernelapp" if in_kernel else "")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, f"child interpreter failed:\n{completed.stderr}"
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_in_a_kernel_the_course_import_freezes_its_objects_and_later_garbage_is_still_collected():
    report = _course_import_gc_report(in_kernel=True)
    # pandas, plotly and ipywidgets leave well over 50,000 tracked objects
    assert report["frozen"] > 50_000
    assert report["enabled"] and report["collected"] >= 1


def test_outside_a_kernel_the_collector_is_left_alone():
    report = _course_import_gc_report(in_kernel=False)
    assert report["frozen"] == 0
