"""Benchmark ``make grade`` on a class of 30 submissions of one exercise.

The class is built from the exercise's own source: ten solved notebooks,
ten untouched ones and ten with every other answer left blank. Grading runs
as ``make grade`` does (two at a time); the report gives the wall time for
the class, seconds per submission (wall time / 30: what an instructor
waits) and the time one grading process takes (median and slowest). Target:
≤ 2 s per submission on two cores.

    .venv/bin/python benchmarks/bench_grading.py               # writes benchmarks/GRADING.md
    .venv/bin/python benchmarks/bench_grading.py --exercise 05 --no-write
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from natodebate import grading  # noqa: E402
from natodebate.grading.assignments import exercise_named, run_assign  # noqa: E402

TARGET_SECONDS = 2.0


def build_class(exercise, folder: Path, size: int = 30) -> None:
    """``size`` submissions: a third solved, a third untouched, a third half done."""
    with tempfile.TemporaryDirectory() as scratch:
        built = run_assign(exercise, Path(scratch) / "dist")
        solved = nbformat.read(built / "autograder" / exercise.source.name, as_version=4)
        blank = nbformat.read(built / "student" / exercise.source.name, as_version=4)
    half = copy.deepcopy(solved)
    answers = [i for i, cell in enumerate(blank.cells) if "otter_answer_cell" in cell.metadata.get("tags", []) and cell.cell_type == "code"]
    for i in answers[::2]:
        half.cells[i] = copy.deepcopy(blank.cells[i])
    for number in range(size):
        nbformat.write([solved, blank, half][number % 3], folder / f"student_{number:02d}.ipynb")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exercise", default="01", help="exercise name or number (default 01)")
    parser.add_argument("--size", type=int, default=30, help="submissions in the class (default 30)")
    parser.add_argument("--jobs", type=int, default=2, help="submissions graded at once (default 2, as make grade)")
    parser.add_argument("--no-write", action="store_true", help="print the report only")
    args = parser.parse_args(argv)
    exercise = exercise_named(args.exercise)
    times: list[float] = []
    original = grading._run_worker

    def timed(submission, *rest):
        original(submission, *rest)
        times.append(submission.seconds)

    with tempfile.TemporaryDirectory() as scratch:
        submissions = Path(scratch) / "class"
        submissions.mkdir()
        build_class(exercise, submissions, args.size)
        load = os.getloadavg()[0]
        started = time.perf_counter()
        with mock.patch.object(grading, "_run_worker", timed):
            table = grading.grade_folder(submissions, output=Path(scratch) / "grades", jobs=args.jobs)
        wall = time.perf_counter() - started
        shutil.rmtree(submissions)
    per_submission = wall / args.size
    verdict = "pass" if per_submission <= TARGET_SECONDS else "MISSED"
    report = "\n".join([
        "# Grading benchmark",
        "",
        f"`make bench` ({Path(__file__).name}), {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"load average {load:.1f} at the start. Exercise {exercise.name}, a class of {args.size} "
        f"(a third solved, a third untouched, a third half done), {args.jobs} at a time.",
        "",
        "| measure | value |",
        "| --- | ---: |",
        f"| class of {args.size}, wall time (s) | {wall:.1f} |",
        f"| per submission, wall time / {args.size} (s) | {per_submission:.2f} ({verdict}: target ≤ {TARGET_SECONDS:g}) |",
        f"| one grading process, median (s) | {statistics.median(times):.2f} |",
        f"| one grading process, slowest (s) | {max(times):.2f} |",
        f"| statuses | {', '.join(f'{n} {s}' for s, n in table['status'].value_counts().items())} |",
        f"| totals (solved / untouched / half) | {', '.join(f'{t:g}' for t in table['total'].iloc[:3])} |",
        "",
        "Grading time includes building the exercise's tests with otter assign once.",
        "",
    ])
    print(report)
    if not args.no_write:
        (ROOT / "benchmarks" / "GRADING.md").write_text(report)
    return 0 if verdict == "pass" else 1


if __name__ == "__main__":
    sys.exit(main())
