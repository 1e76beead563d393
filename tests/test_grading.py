"""Grading a class (``make grade``): every kind of submission an instructor
meets gets its row, with the expected score and status, and none stops the
batch. Runs on a small fixture exercise (tests/fixtures/solutions), so that
the expected scores do not move when the real exercises are edited; the real
exercises are graded in tests/test_exercises.py."""

from __future__ import annotations

import copy
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from natodebate.grading import grade_folder, read_submission
from natodebate.grading.assignments import find_exercises, run_assign, secrets

FIXTURES = Path(__file__).parent / "fixtures" / "solutions"
TIMEOUT = 10  # seconds: the fixture runs in about one


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture exercise as otter assign builds it: (student notebook, solved notebook)."""
    exercise = find_exercises(FIXTURES)[0]
    folder = run_assign(exercise, tmp_path_factory.mktemp("assign") / "dist")
    name = exercise.source.name
    return nbformat.read(folder / "student" / name, as_version=4), nbformat.read(folder / "autograder" / name, as_version=4)


def _answer_cell(notebook, variable):
    return next(i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code" and cell.source.startswith(f"{variable} ="))


def _with(notebook, variable, source):
    changed = copy.deepcopy(notebook)
    changed.cells[_answer_cell(changed, variable)].source = source
    return changed


def _crafted(student, solved) -> dict[str, tuple[object, dict]]:
    """file name → (content, expected row): the submissions of the issue's list."""
    full = {"q1": 2.0, "q2": 1.0, "total": 3.0, "status": "graded"}
    partly = _with(solved, "petrovics_claim_count", "petrovics_claim_count = 1")
    syntax = _with(solved, "kagan_claim_count", 'kagan_claim_count = int((claims["article"] == "K"')
    raises = copy.deepcopy(solved)
    raises.cells.insert(_answer_cell(raises, "kagan_claim_count"), nbformat.v4.new_code_cell('raise RuntimeError("not finished")'))
    deleted = copy.deepcopy(solved)
    del deleted.cells[_answer_cell(deleted, "petrovics_claim_count")]
    reordered = copy.deepcopy(solved)
    moved = reordered.cells.pop(_answer_cell(reordered, "petrovics_claim_count"))
    reordered.cells.insert(1, moved)  # before the cell that loads the claims
    older = copy.deepcopy(solved)
    older.nbformat_minor = 4
    for cell in older.cells:
        cell.pop("id", None)
    kernel = copy.deepcopy(solved)
    kernel.metadata["kernelspec"] = {"name": "conda-env-course-py", "display_name": "Python (course)", "language": "python"}
    loud = copy.deepcopy(solved)
    loud.cells.append(nbformat.v4.new_code_cell('print("x" * 50_000_000)'))
    loud.cells[-1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="x" * 50_000_000)]
    killed = _with(solved, "kagan_claim_count", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)")
    other = copy.deepcopy(solved)
    other.metadata["otter"] = {"assignment_name": "98_another_exercise"}
    blank = {"q1": 0.0, "q2": 0.0, "total": 0.0, "status": "graded"}
    empty = {"q1": None, "q2": None, "total": None}
    return {
        "right.ipynb": (solved, full),
        "partly_right.ipynb": (partly, {"q1": 2.0, "q2": 0.5, "total": 2.5, "status": "graded"}),
        "untouched.ipynb": (student, blank),
        "syntax_error.ipynb": (syntax, {"q1": 0.0, "q2": 1.0, "total": 1.0, "status": "graded", "reason": "SyntaxError"}),
        "raises_before_answer.ipynb": (raises, {**full, "reason": "RuntimeError"}),
        "infinite_loop.ipynb": (_with(solved, "kagan_claim_count", "while True:\n    pass"), {**empty, "status": "timeout"}),
        "deleted_cell.ipynb": (deleted, {"q1": 2.0, "q2": 0.0, "total": 2.0, "status": "graded"}),
        "reordered_cells.ipynb": (reordered, {"q1": 2.0, "q2": 0.0, "total": 2.0, "status": "graded", "reason": "NameError"}),
        "Renamed copy (2).ipynb": (solved, full),
        "nbformat_4_4.ipynb": (older, full),
        "other_kernelspec.ipynb": (kernel, full),
        "fifty_megabytes.ipynb": (loud, full),
        "kernel_killed.ipynb": (killed, {**empty, "status": "error", "reason": "SIGKILL"}),
        "empty.ipynb": (b"", {**empty, "status": "invalid", "reason": "empty file"}),
        "not_json.ipynb": (b"{ this is not json", {**empty, "status": "invalid", "reason": "not JSON"}),
        "not_a_notebook.json": (b'{"name": "a JSON file"}', {**empty, "status": "invalid", "reason": "not a notebook"}),
        "essay.txt": (b"My answers are in the email.", {**empty, "status": "invalid", "reason": "not JSON"}),
        "other_exercise.ipynb": (other, {**empty, "status": "invalid", "reason": "98_another_exercise"}),
    }


def _fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def graded(built, tmp_path_factory):
    submissions = tmp_path_factory.mktemp("submissions")
    crafted = _crafted(*built)
    for name, (content, _) in crafted.items():
        path = submissions / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            nbformat.write(content, path, version=4) if "id" in content.cells[0] else path.write_text(json.dumps(content))
    before = _fingerprint(submissions)
    output = tmp_path_factory.mktemp("grades")
    table = grade_folder(submissions, output=output, timeout=TIMEOUT, solutions=FIXTURES)
    return {"table": table.set_index("student"), "crafted": crafted, "output": output, "before": before, "submissions": submissions}


def test_every_submission_gets_its_expected_row(graded):
    table, rows = graded["table"], []
    for name, (_, expected) in graded["crafted"].items():
        row = table.loc[Path(name).stem]
        got = {key: (None if pd.isna(row[key]) else row[key]) for key in ("q1", "q2", "total", "status")}
        rows.append((name, expected, got))
        for key in ("q1", "q2", "total", "status"):
            assert got[key] == expected[key], f"{name}: {key} is {got[key]!r}, expected {expected[key]!r} ({row['reason']})"
        if "reason" in expected:
            assert expected["reason"] in row["reason"], f"{name}: reason {row['reason']!r}"
    assert len(table) == len(graded["crafted"]), "one row per file"


def test_the_grades_table_has_the_issue_columns_and_manual_questions_empty(graded):
    written = pd.read_csv(graded["output"] / "grades.csv")
    assert list(written.columns) == ["student", "q1", "q2", "q3", "total", "status", "reason"]
    assert written["q3"].isna().all(), "q3 is marked by hand"
    assert set(written["status"]) == {"graded", "timeout", "invalid", "error"}


def test_the_submissions_folder_is_never_modified(graded):
    assert _fingerprint(graded["submissions"]) == graded["before"]


def test_feedback_shows_public_output_only(graded):
    feedback = graded["output"] / "feedback"
    assert sorted(p.stem for p in feedback.iterdir()) == sorted(Path(n).stem for n in graded["crafted"])
    hidden = secrets(find_exercises(FIXTURES)[0])
    for path in feedback.iterdir():
        text = path.read_text()
        assert not [s for s in hidden if s in text], f"{path.name} quotes a hidden test or a solution"
    partly = (feedback / "partly_right.txt").read_text()
    assert "q2: 0.5 of 1 points" in partly and "1 further test(s) that are not shown did not pass" in partly
    untouched = (feedback / "untouched.txt").read_text()
    assert "kagan_claim_count should be a whole number (int)" in untouched  # the public hint reaches the student


def test_read_submission_names_what_is_wrong(tmp_path):
    (tmp_path / "a.ipynb").write_text("[1, 2]")
    assert read_submission(tmp_path / "a.ipynb") == (None, "not a notebook: JSON without a notebook's 'cells' and 'nbformat'")


def test_bad_arguments_get_clear_messages(tmp_path):
    with pytest.raises(ValueError, match="submissions='.*missing': not a folder"):
        grade_folder(tmp_path / "missing")
    with pytest.raises(ValueError, match="output=.*inside the submissions folder"):
        grade_folder(tmp_path, output=tmp_path / "grades")
    with pytest.raises(ValueError, match="timeout=0: must be a number of seconds > 0"):
        grade_folder(tmp_path, output=tmp_path.parent / "out", timeout=0)
    with pytest.raises(ValueError, match="exercise='42': not one of the course's exercises"):
        grade_folder(tmp_path, output=tmp_path.parent / "out", exercise="42", solutions=FIXTURES)


def test_the_command_line_reports_a_bad_folder_without_a_traceback(tmp_path):
    done = subprocess.run([sys.executable, "-m", "natodebate.cli", "grade", str(tmp_path / "missing")], capture_output=True, text=True)
    assert done.returncode == 2
    assert "natodebate grade: submissions=" in done.stderr and "Traceback" not in done.stderr


def test_two_files_of_one_student_keep_their_rows_and_feedback(built, tmp_path):
    submissions = tmp_path / "class"
    submissions.mkdir()
    nbformat.write(built[1], submissions / "alice.ipynb")
    (submissions / "alice.txt").write_text("see my notebook")
    table = grade_folder(submissions, output=tmp_path / "grades", timeout=TIMEOUT, solutions=FIXTURES)
    assert table["student"].tolist() == ["alice", "alice"] and table["status"].tolist() == ["graded", "invalid"]
    assert sorted(p.name for p in (tmp_path / "grades" / "feedback").iterdir()) == ["alice.ipynb.txt", "alice.txt.txt"]
