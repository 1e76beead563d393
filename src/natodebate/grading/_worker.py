"""Grade one submission in this process: ``python -m natodebate.grading._worker JOB RESULT``.

Started by :func:`natodebate.grading.grade_folder`, one process (and process
group) per submission, so that a time limit can stop it and nothing a
submission does reaches the grader. ``JOB`` (JSON) holds the submission's
code cells and the folder of the exercise's test files; ``RESULT`` (JSON) is
written at the end with each question's score, the public tests' output and
the cells that raised.

The cells run in an IPython shell without a kernel (no kernelspec to match,
no ZeroMQ), in notebook order: the final state of the notebook is graded,
whatever order the student ran it in. Calls to ``grader.check`` are answered
by a stand-in that does nothing.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

#: Printed output kept from a submission (characters); the rest is dropped
#: so that a cell printing 50 MB costs no memory.
OUTPUT_KEPT = 20_000


class BoundedOutput(io.TextIOBase):
    """A text stream that keeps the first ``limit`` characters written to it."""

    def __init__(self, limit: int = OUTPUT_KEPT):
        self.limit, self.parts, self.size = limit, [], 0

    def writable(self) -> bool:
        return True

    def write(self, text) -> int:
        text = str(text)
        if self.size < self.limit:
            self.parts.append(text[: self.limit - self.size])
        self.size += len(text)
        return len(text)

    def getvalue(self) -> str:
        return "".join(self.parts)


class IgnoredGrader:
    """Stands in for ``otter.Notebook`` while grading: a student's
    ``grader.check("q1")`` calls do nothing; the tests run afterwards."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def run_cells(cells: list[str]) -> tuple[dict, list[dict], str]:
    """Run ``cells`` (code cell sources) in a fresh IPython shell; returns its
    namespace, the cells that raised (cell number counted from 1 among the
    code cells, error type and message) and the start of the printed output."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.user_ns["grader"] = IgnoredGrader()
    output, failures = BoundedOutput(), []
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        for number, source in enumerate(cells, start=1):
            result = shell.run_cell(source, store_history=False, silent=True)
            error = result.error_before_exec or result.error_in_exec
            if error is not None:
                failures.append({"cell": number, "error": type(error).__name__, "message": str(error)[:300]})
    return shell.user_ns, failures, output.getvalue()


def _import_otter_test_files_only() -> None:
    """Make ``otter`` an empty package whose submodules import as usual.
    ``otter/__init__.py`` imports otter's whole API (exporters, grading,
    plugins), which takes most of a grading process's start-up; the test
    files and their runner need only ``otter.test_files``."""
    import importlib.util
    import types

    if "otter" not in sys.modules:
        package = types.ModuleType("otter")
        package.__path__ = list(importlib.util.find_spec("otter").submodule_search_locations)
        sys.modules["otter"] = package


def run_tests(namespace: dict, tests_dir: Path, questions: list[str]) -> dict:
    """Each question's ``score``, ``possible`` points and ``public`` output
    (what ``grader.check`` would show: public tests only; a hidden test's
    failure message quotes its source, so it never leaves this function)."""
    _import_otter_test_files_only()
    from otter.test_files import ExceptionTestFile

    scores = {}
    for name in questions:
        test_file = ExceptionTestFile.from_file(str(Path(tests_dir) / f"{name}.py"))
        with contextlib.redirect_stdout(BoundedOutput()), contextlib.redirect_stderr(BoundedOutput()):
            test_file.run(namespace)
        scores[name] = {
            "score": float(test_file.score),
            "possible": float(test_file.possible),
            "public": test_file.summary(public_only=True),
            "hidden_failed": sum(1 for result in test_file.test_case_results if result.test_case.hidden and not result.passed),
        }
    return scores


def main(job_path: str, result_path: str) -> None:
    job = json.loads(Path(job_path).read_text())
    if job.get("memory_limit"):
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (job["memory_limit"], job["memory_limit"]))
    namespace, failures, printed = run_cells(job["cells"])
    scores = run_tests(namespace, Path(job["tests_dir"]), job["questions"])
    Path(result_path).write_text(json.dumps({"scores": scores, "failures": failures, "printed": printed[:2000]}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
