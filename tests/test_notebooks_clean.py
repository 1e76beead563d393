"""The committed notebooks are small, clean and even-handed.

nbval (configured in pyproject.toml) runs every notebook and compares the
stored outputs of cells marked ``# NBVAL_CHECK_OUTPUT``; these tests make sure
such outputs exist (otherwise nbval would only check that cells run) and that
nothing else is stored.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHECK_MARK = "# NBVAL_CHECK_OUTPUT"
MAX_BYTES = 200_000


def test_the_lessons_are_there():
    names = [p.stem for p in LESSONS]
    for expected in ("00_start_here", "01_reading_kagan", "02_reading_petrovics"):
        assert expected in names


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_notebook_is_small_and_carries_no_widget_state_or_plotly_bundle(path):
    raw = path.read_text(encoding="utf-8")
    assert path.stat().st_size <= MAX_BYTES
    assert "application/vnd.jupyter.widget-state+json" not in raw
    assert "widget-view+json" not in raw
    assert "window.PlotlyConfig" not in raw and "Plotly.newPlot" not in raw
    notebook = json.loads(raw)
    assert "widgets" not in notebook["metadata"]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_only_checked_cells_store_outputs_and_every_checked_cell_does(path):
    notebook = nbformat.read(path, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    checked = [c for c in code if c.source.lstrip().startswith(CHECK_MARK)]
    assert len(checked) >= 2, "each lesson has at least two cells whose output nbval compares"
    for cell in code:
        if cell in checked:
            assert cell.outputs, f"checked cell has no stored output for nbval to compare:\n{cell.source}"
            assert all(o.output_type != "error" for o in cell.outputs)
        else:
            assert not cell.outputs and cell.execution_count is None, f"stale output in:\n{cell.source}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_code_cells_stay_short_and_narrative_leads(path):
    notebook = nbformat.read(path, as_version=4)
    assert notebook.cells[0].cell_type == "markdown", "a lesson opens with narrative"
    markdown = sum(c.cell_type == "markdown" for c in notebook.cells)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert markdown >= len(code), "narrative first: at least as many markdown as code cells"
    for cell in code:
        logic = [l for l in cell.source.splitlines() if l.strip() and not l.lstrip().startswith("#")]
        assert len(logic) <= 6, f"logic belongs in the library, not in a {len(logic)}-line cell:\n{cell.source}"


def _level_two_headings(path: Path) -> list[str]:
    notebook = nbformat.read(path, as_version=4)
    return [
        line[3:].strip()
        for cell in notebook.cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if re.match(r"^## [^#]", line)
    ]


def test_both_reading_lessons_have_the_same_structure():
    """Even-handed: lessons 01 (Kagan) and 02 (Petrovics) walk their article
    through the same sections, in the same order."""
    kagan = _level_two_headings(ROOT / "notebooks" / "01_reading_kagan.ipynb")
    petrovics = _level_two_headings(ROOT / "notebooks" / "02_reading_petrovics.ipynb")
    assert len(kagan) >= 8
    assert kagan == petrovics


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_dollar_amounts_are_not_typeset_as_maths(path):
    """JupyterLab reads text between two unescaped "$" as LaTeX: "$350 million
    ... $200 million" would come out as garbled maths."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            assert len(re.findall(r"(?<!\\)\$", cell.source)) < 2, cell.source[:200]
