"""pytest set-up shared by tests/ and the lessons in notebooks/ (run by nbval).

The lessons store no execution counts, so that a freshly opened lesson shows
no numbered prompts; their checked results are marked with the cell tag
``nbval-check-output`` instead (README, "Notebooks"). nbval, however, treats a
stored output without an execution count as a mistake ("Unrun reference cell
has outputs"). This hook tells nbval that tagged cells were run: their stored
outputs are the reference it compares against.
"""

from __future__ import annotations

import os
import shutil
import tempfile

CHECK_TAG = "nbval-check-output"

# The lesson panels save the student's settings (natodebate.assumptions) to
# my_assumptions.json in the folder a lesson runs in. A test run, and the
# lessons nbval runs (their kernels inherit this environment), write to a
# temporary folder instead, never into notebooks/.
ASSUMPTIONS_ENV = "NATODEBATE_ASSUMPTIONS"
_assumptions_dir = tempfile.mkdtemp(prefix="natodebate-assumptions-")
os.environ[ASSUMPTIONS_ENV] = _assumptions_dir


def pytest_unconfigure(config):
    shutil.rmtree(_assumptions_dir, ignore_errors=True)


def pytest_collection_modifyitems(items):
    for item in items:
        cell = getattr(item, "cell", None)  # nbval's IPyNbCell holds the reference cell
        if cell is None or cell.get("cell_type") != "code":
            continue
        if CHECK_TAG in cell.get("metadata", {}).get("tags", []) and cell.get("execution_count") is None:
            cell["execution_count"] = 1
