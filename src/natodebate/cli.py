"""The ``natodebate`` command (installed with the course):

* ``natodebate grade FOLDER`` — grade a folder of submissions (``make grade``);
* ``natodebate exercises`` — rebuild ``exercises/`` from ``solutions/`` (``make exercises``);
* ``natodebate handout`` — the student-only archive (``make handout``);
* ``natodebate class-report FOLDER`` — the class comparison (``make class-report``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _grade(arguments) -> int:
    from .grading import grade_folder

    table = grade_folder(arguments.submissions, exercise=arguments.exercise, output=arguments.output,
                         timeout=arguments.timeout, jobs=arguments.jobs)
    counts = table["status"].value_counts()
    print(f"{len(table)} file(s): " + ", ".join(f"{counts.get(status, 0)} {status}" for status in ("graded", "timeout", "invalid", "error")))
    print(f"Grades: {Path(arguments.output) / 'grades.csv'}; feedback: {Path(arguments.output) / 'feedback'}/")
    return 0


def _exercises(arguments) -> int:
    from .grading import build_exercises

    written = build_exercises()
    print(f"Wrote {len(written)} file(s) under exercises/.")
    return 0


def _handout(arguments) -> int:
    from .grading.handout import build_handout

    print(f"Wrote {build_handout(arguments.output)}")
    return 0


def _class_report(arguments) -> int:
    from . import classreport

    return classreport.main(arguments.rest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="natodebate", description="Restraint or Resolve? — course tools for instructors.")
    commands = parser.add_subparsers(dest="command", required=True)
    grade = commands.add_parser("grade", help="grade every notebook in a folder of submissions")
    grade.add_argument("submissions", help="folder of submitted notebooks (never modified)")
    grade.add_argument("--exercise", help="exercise name or number, e.g. 01 (default: read from the notebooks)")
    grade.add_argument("--output", default="grades", help="folder for grades.csv and feedback/ (default: grades)")
    grade.add_argument("--timeout", type=float, default=60.0, help="seconds one submission may run (default: 60)")
    grade.add_argument("--jobs", type=int, default=2, help="submissions graded at once (default: 2)")
    grade.set_defaults(run=_grade)
    exercises = commands.add_parser("exercises", help="rebuild exercises/ from solutions/")
    exercises.set_defaults(run=_exercises)
    handout = commands.add_parser("handout", help="build the student-only archive (no solutions, no hidden tests)")
    handout.add_argument("--output", default="dist/restraint-or-resolve-handout.zip", help="archive to write")
    handout.set_defaults(run=_handout)
    report = commands.add_parser("class-report", help="compare a class's exported assumptions (lesson 09)")
    report.add_argument("rest", nargs=argparse.REMAINDER, help="the folder of exported files, and options")
    report.set_defaults(run=_class_report)
    arguments = parser.parse_args(argv)
    try:
        return arguments.run(arguments)
    except (ValueError, RuntimeError) as error:
        print(f"natodebate {arguments.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
