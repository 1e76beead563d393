"""pytest set-up shared by tests/ and the lessons in notebooks/ (run by nbval).

The lessons store no execution counts, so that a freshly opened lesson shows
no numbered prompts; their checked results are marked with the cell tag
``nbval-check-output`` instead (README, "Notebooks"). nbval, however, treats a
stored output without an execution count as a mistake ("Unrun reference cell
has outputs"). This hook tells nbval that tagged cells were run: their stored
outputs are the reference it compares against.
"""

from __future__ import annotations

CHECK_TAG = "nbval-check-output"


def pytest_collection_modifyitems(items):
    for item in items:
        cell = getattr(item, "cell", None)  # nbval's IPyNbCell holds the reference cell
        if cell is None or cell.get("cell_type") != "code":
            continue
        if CHECK_TAG in cell.get("metadata", {}).get("tags", []) and cell.get("execution_count") is None:
            cell["execution_count"] = 1
