"""The committed notebooks are small, clean and even-handed.

nbval (configured in pyproject.toml) runs every notebook and compares the
stored outputs of cells tagged ``nbval-check-output``; these tests make sure
such outputs exist (otherwise nbval would only check that cells run) and that
nothing else is stored.

They read each notebook as git tracks it (the staged version), not the file
on disk: JupyterLab autosaves outputs into a lesson a student has run, and
that must not turn ``make test`` red (README: "Resetting a lesson").
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHECK_TAG = "nbval-check-output"
MAX_BYTES = 200_000


def tracked_text(path: Path) -> str:
    """The notebook as git tracks it (staged version); the file on disk when
    the course is not a git checkout or the file is not tracked yet."""
    relative = path.relative_to(ROOT).as_posix()
    try:
        shown = subprocess.run(
            ["git", "-C", str(ROOT), "show", f":{relative}"], capture_output=True, text=True, encoding="utf-8", check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return path.read_text(encoding="utf-8")
    return shown.stdout


def tracked(path: Path):
    """The tracked notebook, parsed with nbformat."""
    return nbformat.reads(tracked_text(path), as_version=4)


def is_checked(cell) -> bool:
    return cell.cell_type == "code" and CHECK_TAG in cell.metadata.get("tags", [])


def test_the_lessons_are_there():
    names = [p.stem for p in LESSONS]
    for expected in ("00_start_here", "01_reading_kagan", "02_reading_petrovics"):
        assert expected in names


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_notebook_is_small_and_carries_no_widget_state_or_plotly_bundle(path):
    raw = tracked_text(path)
    assert len(raw.encode("utf-8")) <= MAX_BYTES
    assert "application/vnd.jupyter.widget-state+json" not in raw
    assert "widget-view+json" not in raw
    assert "window.PlotlyConfig" not in raw and "Plotly.newPlot" not in raw
    notebook = json.loads(raw)
    assert "widgets" not in notebook["metadata"]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_only_checked_cells_store_outputs_and_every_checked_cell_does(path):
    notebook = tracked(path)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    checked = [c for c in code if is_checked(c)]
    assert len(checked) >= 2, "each lesson has at least two cells whose output nbval compares"
    for cell in code:
        assert cell.execution_count is None, f"execution count stored in:\n{cell.source}"
        assert "NBVAL" not in cell.source, f"test machinery belongs in cell tags, not in the code:\n{cell.source}"
        if cell in checked:
            assert cell.outputs, f"checked cell has no stored output for nbval to compare:\n{cell.source}"
            assert all(o.output_type != "error" for o in cell.outputs)
            assert all(o.get("execution_count") is None for o in cell.outputs)
        else:
            assert not cell.outputs, f"stale output in:\n{cell.source}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_code_cells_stay_short_and_narrative_leads(path):
    notebook = tracked(path)
    assert notebook.cells[0].cell_type == "markdown", "a lesson opens with narrative"
    markdown = sum(c.cell_type == "markdown" for c in notebook.cells)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert markdown >= len(code), "narrative first: at least as many markdown as code cells"
    for cell in code:
        logic = [line for line in cell.source.splitlines() if line.strip() and not line.lstrip().startswith("#")]
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


def dollar_signs_outside_code(markdown: str) -> list[str]:
    """Every "$" JupyterLab's markdown renderer would hand to MathJax: any
    "$" outside code spans and fenced code, escaped or not (in JupyterLab
    "\\$" still delimits maths). Returns the lines that hold one."""
    text = re.sub(r"```.*?```", "", markdown, flags=re.S)
    text = re.sub(r"`[^`]*`", "", text)
    return [line for line in text.splitlines() if "$" in line]


def test_the_dollar_check_catches_what_jupyterlab_would_typeset():
    assert dollar_signs_outside_code("aid of \\$350 million and \\$1 billion")
    assert dollar_signs_outside_code("US$350 million")
    assert not dollar_signs_outside_code("US&#36;350 million, `df['$']`, 350 million dollars")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_dollar_amounts_are_not_typeset_as_maths(path):
    """Write amounts as "US&#36;350 million" (the HTML entity renders as "$"
    and MathJax never sees it)."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            assert not dollar_signs_outside_code(cell.source), dollar_signs_outside_code(cell.source)


def test_nbval_compares_a_tagged_cell_and_fails_on_a_wrong_output(tmp_path):
    """The tag is not decoration: a tagged cell whose stored output differs
    from what the code computes fails nbval (through the root conftest.py,
    which lets nbval read tagged cells without execution counts)."""
    import shutil
    import sys

    lesson = nbformat.v4.new_notebook()
    lesson.cells = [
        nbformat.v4.new_markdown_cell("# a lesson"),
        nbformat.v4.new_code_cell("print(6 * 7)", metadata={"tags": [CHECK_TAG]}),
    ]
    for stored, expected in (("42\n", 0), ("41\n", 1)):
        lesson.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text=stored)]
        folder = tmp_path / stored.strip()
        folder.mkdir()
        nbformat.write(lesson, folder / "lesson.ipynb")
        shutil.copyfile(ROOT / "conftest.py", folder / "conftest.py")
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env", "-p", "no:cacheprovider", "-q",
             "--rootdir", str(folder), "-c", "/dev/null", str(folder / "lesson.ipynb")],
            capture_output=True, text=True, cwd=folder,
        )
        assert result.returncode == expected, result.stdout[-2000:]
