"""Grading a class's exercise notebooks without Docker (``make grade``).

:func:`grade_folder` grades every file in a folder of submissions: each in
its own process group (:mod:`natodebate.grading._worker`), with a time limit,
``jobs`` at a time. It writes ``grades.csv`` (one row per file) and one
feedback file per student with the public tests' output only, and never
writes into the submissions folder.

A file that cannot be graded still gets its row, with a ``status``:

* ``graded`` — the notebook ran top to bottom (cells that raised are listed
  in ``reason``; the questions they answer score what their tests give);
* ``timeout`` — still running after ``timeout`` seconds (an endless loop);
* ``invalid`` — not a notebook of this exercise (empty, not JSON, not a
  notebook, another exercise's notebook);
* ``error`` — the grading process died (the submission ended it, ran out of
  memory, or grading itself failed).

Rows other than ``graded`` leave the question columns and ``total`` empty,
as do the questions marked by hand.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pandas as pd

from .assignments import SOLUTIONS, Exercise, autograder_tests, build_exercises, exercise_named, find_exercises

__all__ = ["grade_folder", "read_submission", "build_exercises", "find_exercises", "exercise_named", "Exercise", "STATUSES"]

STATUSES = ("graded", "timeout", "invalid", "error")

#: Address space a grading process may use (bytes): a submission that
#: allocates without end fails with MemoryError instead of taking the machine.
MEMORY_LIMIT = 6 * 1024**3

#: Lines that call the grader (``grader.check("q1")``, ``grader.check_all()``,
#: ``grader.export()``): dropped before grading, the tests run afterwards.
GRADER_CALL = re.compile(r"^\s*grader\.\w+\(.*\)\s*$")


@dataclass
class Submission:
    """One file of the submissions folder and what grading made of it."""

    path: Path
    notebook: nbformat.NotebookNode | None = None
    status: str = ""
    reason: str = ""
    scores: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)
    seconds: float = 0.0

    @property
    def student(self) -> str:
        return self.path.stem


def read_submission(path: Path) -> tuple[nbformat.NotebookNode | None, str]:
    """The notebook in ``path`` (any nbformat 4.x, or 3 converted), or
    ``None`` and the reason it cannot be read as one."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, f"cannot be read: {error.strerror}"
    if not raw.strip():
        return None, "empty file"
    try:
        content = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as error:
        return None, f"not a notebook: the file is not JSON ({str(error).split(':')[0]})"
    if not isinstance(content, dict) or not ({"cells", "worksheets"} & set(content)) or "nbformat" not in content:
        return None, "not a notebook: JSON without a notebook's 'cells' and 'nbformat'"
    try:
        notebook = nbformat.reads(raw.decode("utf-8"), as_version=4)
    except Exception as error:  # noqa: BLE001 - nbformat raises many kinds; all mean "not readable"
        return None, f"not a readable notebook: {type(error).__name__}: {str(error)[:200]}"
    return notebook, ""


def submitted_code(notebook: nbformat.NotebookNode) -> list[str]:
    """The code cells to grade, in notebook order, without otter's init cell
    and without calls to the grader."""
    cells = []
    for cell in notebook.cells:
        if cell.get("cell_type") != "code" or "otter.Notebook(" in cell.get("source", ""):
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        cells.append("\n".join(line for line in source.split("\n") if not GRADER_CALL.match(line)))
    return cells


def assignment_name(notebook: nbformat.NotebookNode) -> str | None:
    """The exercise a notebook says it belongs to (otter's metadata)."""
    otter = notebook.metadata.get("otter", {})
    return otter.get("assignment_name") if isinstance(otter, dict) else None


def _choose_exercise(submissions: list[Submission], exercise: str | None, solutions: Path) -> Exercise:
    if exercise is not None:
        return exercise_named(exercise, solutions)
    named = Counter(name for s in submissions if s.notebook is not None and (name := assignment_name(s.notebook)))
    if not named:
        raise ValueError(
            "exercise=None: no submission names its exercise (otter metadata missing); "
            "say which with EXERCISE=NN (make) or --exercise NN (natodebate grade)"
        )
    return exercise_named(named.most_common(1)[0][0], solutions)


def _run_worker(submission: Submission, tests_dir: Path, questions: list[str], timeout: float, scratch: Path) -> None:
    workdir = Path(tempfile.mkdtemp(dir=scratch))
    job, result = workdir / "job.json", workdir / "result.json"
    job.write_text(json.dumps({"cells": submitted_code(submission.notebook), "tests_dir": str(tests_dir),
                               "questions": questions, "memory_limit": MEMORY_LIMIT}))
    env = {**os.environ, "PLOTLY_RENDERER": "json", "MPLBACKEND": "Agg", "PYTHONUNBUFFERED": "1"}
    started = time.perf_counter()
    with open(workdir / "stderr.txt", "wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "natodebate.grading._worker", str(job), str(result)],
            cwd=workdir, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
            env=env, start_new_session=True,  # its own process group: a timeout stops what it started too
        )
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            submission.status, submission.reason = "timeout", f"still running after {timeout:g} s (an endless loop, or a very slow cell?)"
            submission.seconds = time.perf_counter() - started
            return
    submission.seconds = time.perf_counter() - started
    if process.returncode == 0 and result.exists():
        outcome = json.loads(result.read_text())
        submission.status, submission.scores, submission.failures = "graded", outcome["scores"], outcome["failures"]
        if outcome["failures"]:
            first = outcome["failures"][0]
            submission.reason = (f"{len(outcome['failures'])} cell(s) raised an error when run top to bottom "
                                 f"(first: code cell {first['cell']}, {first['error']})")
        return
    submission.status = "error"
    if process.returncode < 0:
        name = signal.Signals(-process.returncode).name
        submission.reason = f"the grading process was stopped by {name} (the submission ended it, or it ran out of memory)"
    else:
        last = (workdir / "stderr.txt").read_text(errors="replace").strip().splitlines()[-1:] or ["no message"]
        submission.reason = f"the grading process ended (exit code {process.returncode}) before the tests ran: {last[0][:200]}"


def grade_folder(
    submissions, *, exercise: str | None = None, output=None, timeout: float = 60.0, jobs: int = 2, solutions=SOLUTIONS,
) -> pd.DataFrame:
    """Grade every file in the folder ``submissions``; returns the grades
    table and writes it to ``output/grades.csv`` with ``output/feedback/``.

    ``exercise``: the exercise's name or number (default: the one the
    notebooks name in their metadata); ``output``: folder for the results
    (default ``grades/`` in the current folder; never inside
    ``submissions``); ``timeout``: seconds one submission may run;
    ``jobs``: submissions graded at the same time (≥ 1); ``solutions``:
    the folder of exercise sources (the course's ``solutions/``).
    """
    folder = Path(submissions)
    if not folder.is_dir():
        raise ValueError(f"submissions={str(submissions)!r}: not a folder (give the folder that holds the students' notebooks)")
    output = Path(output) if output is not None else Path.cwd() / "grades"
    if output.resolve().is_relative_to(folder.resolve()):
        raise ValueError(f"output={str(output)!r}: inside the submissions folder, which grading never writes to; choose another folder")
    if not (isinstance(timeout, int | float) and timeout > 0):
        raise ValueError(f"timeout={timeout!r}: must be a number of seconds > 0")
    if not (isinstance(jobs, int) and jobs >= 1):
        raise ValueError(f"jobs={jobs!r}: must be a whole number ≥ 1")
    batch = [Submission(path) for path in sorted(folder.iterdir()) if path.is_file() and not path.name.startswith(".")]
    for submission in batch:
        submission.notebook, submission.reason = read_submission(submission.path)
        if submission.notebook is None:
            submission.status = "invalid"
    chosen = _choose_exercise(batch, exercise, Path(solutions))
    for submission in batch:
        named = assignment_name(submission.notebook) if submission.notebook is not None else None
        if named is not None and named != chosen.name:
            submission.notebook, submission.status = None, "invalid"
            submission.reason = f"this is the notebook of exercise {named}, not {chosen.name}"
    questions = chosen.questions
    autograded = [q.name for q in questions if not q.manual]
    with autograder_tests(chosen) as tests_dir, tempfile.TemporaryDirectory() as scratch:
        to_grade = [s for s in batch if s.notebook is not None]
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for _ in pool.map(lambda s: _run_worker(s, tests_dir, autograded, timeout, Path(scratch)), to_grade):
                pass
    table = _grades_table(batch, questions)
    output.mkdir(parents=True, exist_ok=True)
    table.to_csv(output / "grades.csv", index=False)
    _write_feedback(batch, chosen, output / "feedback")
    return table


def _grades_table(batch: list[Submission], questions) -> pd.DataFrame:
    rows = []
    for submission in batch:
        row = {"student": submission.student}
        for question in questions:
            graded = submission.status == "graded" and not question.manual
            row[question.name] = round(submission.scores[question.name]["score"], 2) if graded else None
        row["total"] = round(sum(s["score"] for s in submission.scores.values()), 2) if submission.status == "graded" else None
        row["status"], row["reason"] = submission.status, submission.reason
        rows.append(row)
    columns = ["student", *(q.name for q in questions), "total", "status", "reason"]
    return pd.DataFrame(rows, columns=columns).astype({q.name: "Float64" for q in questions} | {"total": "Float64"})


def _write_feedback(batch: list[Submission], exercise: Exercise, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    manual = [q for q in exercise.questions if q.manual]
    stems = Counter(submission.student for submission in batch)
    for submission in batch:
        # alice.ipynb and alice.txt share a student name: keep both feedback files
        file_name = submission.student if stems[submission.student] == 1 else submission.path.name
        lines = [f"Exercise {exercise.name}: feedback for {submission.student} ({submission.path.name})", f"Status: {submission.status}"]
        if submission.reason:
            lines.append(f"Note: {submission.reason}")
        if submission.status == "graded":
            earned = sum(s["score"] for s in submission.scores.values())
            possible = sum(s["possible"] for s in submission.scores.values())
            lines.append(f"Autograded questions: {earned:g} of {possible:g} points.")
            if manual:
                lines.append("Marked by hand: " + ", ".join(f"{q.name} ({q.points:g} points)" for q in manual) + ".")
            for question, result in submission.scores.items():
                lines += ["", f"{question}: {result['score']:g} of {result['possible']:g} points", result["public"]]
                if result["hidden_failed"]:
                    lines.append(f"    {result['hidden_failed']} further test(s) that are not shown did not pass.")
            for failure in submission.failures:
                lines.append(f"\nCode cell {failure['cell']} raised {failure['error']}: {failure['message']}")
        (folder / f"{file_name}.txt").write_text("\n".join(lines) + "\n")
