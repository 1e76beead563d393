"""The lesson start-up fix holds: making a FigureWidget does not import ``rfc3987_syntax``.

Why this matters: plotly's FigureWidget pulls in jsonschema (through nbformat),
and jsonschema's URI-format checker imports ``rfc3987_syntax`` when it cannot
find ``rfc3987``. ``rfc3987_syntax`` builds a Lark grammar at import, which
cost 2-5 s at every lesson's first figure (see DEVELOPING.md, "Start-up"). The fix is
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


# Runs in a child interpreter set up like a lesson's kernel (ipykernel loaded):
# the settings a library could change, before and after importing the course
# library, and after setup_notebook().
_IMPORT_COURSE_AND_REPORT_SETTINGS = """
import gc, json, sys, warnings
import ipykernel.kernelapp
import numpy as np, pandas as pd, plotly.io as pio

def pandas_options():
    with warnings.catch_warnings():  # reading a deprecated option warns
        warnings.simplefilter("ignore")
        return {key: repr(pd.get_option(key)) for key in pd._config.config._registered_options}

def settings():
    return {
        "plotly renderer": pio.renderers.default,
        "plotly template": pio.templates.default,
        "plotly templates": sorted(pio.templates),
        "pandas options": pandas_options(),
        "numpy print options": repr(np.get_printoptions()),
        "warning filters": len(warnings.filters),
        "frozen objects": gc.get_freeze_count(),
        "collector enabled": gc.isenabled(),
    }

before = settings()
from natodebate import data, models, figures, panels
after_import = settings()
import natodebate
natodebate.setup_notebook()
after_setup = settings()
student_table = pd.DataFrame({"cost": ["$1 bn, then $2 bn"]})._repr_html_()
print(json.dumps({"before": before, "after_import": after_import, "after_setup": after_setup, "student_table": student_table}))
"""


def _settings_report() -> dict:
    completed = subprocess.run(
        [sys.executable, "-c", _IMPORT_COURSE_AND_REPORT_SETTINGS], capture_output=True, text=True, timeout=120, check=False
    )
    assert completed.returncode == 0, f"child interpreter failed:\n{completed.stderr}"
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_importing_the_course_changes_no_setting_and_setup_notebook_changes_only_plotlys():
    report = _settings_report()
    before, after_import, after_setup = report["before"], report["after_import"], report["after_setup"]
    assert len(before["pandas options"]) > 50  # the comparison below is not vacuous
    changed = {key for key in before if after_import[key] != before[key]}
    assert not changed, f"importing natodebate changed {sorted(changed)}"
    changed = {key for key in before if after_setup[key] != before[key]}
    assert changed == {"plotly renderer", "plotly template", "plotly templates"}, sorted(changed)
    assert after_setup["plotly renderer"] == "plotly_mimetype"
    assert after_setup["plotly template"] == "natodebate"
    # a student's own table renders as usual: MathJax is not told to skip it
    assert "ignore" not in report["student_table"].split(">", 1)[0]


def test_every_lesson_sets_itself_up_in_its_first_code_cell():
    from pathlib import Path

    import nbformat

    lessons = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert lessons
    for lesson in lessons:
        first = next(c for c in nbformat.read(lesson, as_version=4).cells if c.cell_type == "code")
        lines = first.source.splitlines()
        assert lines[0].startswith("from natodebate import ") and "setup_notebook" in lines[0], lesson.name
        assert lines[1].startswith("setup_notebook()"), lesson.name
