"""The graded exercises: exercises/ is exactly what ``make exercises`` builds
from solutions/, shows students no solution and no hidden test, the sources
keep solutions/README.md's rules, every solution scores full marks and every
untouched exercise zero, and the handout carries no solutions.

(nbval runs every exercise notebook blank and every source notebook, whose
test cells call each public and hidden test on the solution: pyproject's
testpaths include exercises/ and solutions/.)"""

from __future__ import annotations

import filecmp
import shutil
import zipfile
from pathlib import Path

import nbformat
import pytest

from natodebate.grading import grade_folder
from natodebate.grading.assignments import (
    EXERCISES,
    REPOSITORY,
    Exercise,
    build_exercises,
    find_exercises,
    leaks,
    readable_texts,
    run_assign,
    secrets,
    source_problems,
)
from natodebate.grading.handout import build_handout

EVERY = find_exercises()
FIXTURE = find_exercises(Path(__file__).parent / "fixtures" / "solutions")[0]
LESSONS = sorted(p.stem for p in (REPOSITORY / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_every_lesson_after_the_first_has_an_exercise():
    assert [e.name for e in EVERY] == [lesson for lesson in LESSONS if lesson != "00_start_here"]


@pytest.mark.parametrize("exercise", [*EVERY, FIXTURE], ids=lambda e: e.name)
def test_the_sources_keep_the_authoring_rules(exercise):
    assert source_problems(exercise) == []
    questions = exercise.questions
    assert len({q.name for q in questions}) == len(questions), "question names are unique"
    assert any(q.manual for q in questions) and sum(not q.manual for q in questions) >= (2 if exercise is FIXTURE else 4)


def _broken_fixture(tmp_path, old: str, new: str) -> Exercise:
    folder = tmp_path / FIXTURE.name
    shutil.copytree(FIXTURE.source.parent, folder)
    source = folder / FIXTURE.source.name
    notebook = nbformat.read(source, as_version=4)
    hits = [cell for cell in notebook.cells if old in cell.source]
    assert hits, f"{old!r} is not in the fixture"
    hits[0].source = hits[0].source.replace(old, new, 1)
    nbformat.write(notebook, source)
    return Exercise(FIXTURE.name, source)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  # SOLUTION", "", "without a '# SOLUTION' marker"),
        ('""" # BEGIN TEST CONFIG\nhidden: true\n""" # END TEST CONFIG\ndef test_q1_value', "def test_q1_value", "q1 has no hidden test"),
        ('""" # BEGIN TEST CONFIG\nhidden: true\n""" # END TEST CONFIG\ndef test_q1_value', "# HIDDEN\ndef test_q1_value", "'hidden' outside the TEST CONFIG"),
        ("\n\n\ntest_q1_type(kagan_claim_count)", "", "one function test_q1_<what>(…) and one call"),
        ("def test_q2_type", "def check_q2_type", "one function test_q2_<what>"),
        ("claims = data.claims()", "claims = data.claims()\nkagan_claim_count = 0", "'kagan_claim_count' (q1) is assigned in 2 cells"),
    ],
    ids=["unmarked solution", "no hidden test", "hidden by comment", "test not called", "test misnamed", "answer name reused"],
)
def test_the_rules_catch_each_mistake(tmp_path, old, new, message):
    problems = source_problems(_broken_fixture(tmp_path, old, new))
    assert any(message in problem for problem in problems), problems


def test_make_exercises_refuses_a_source_that_breaks_a_rule(tmp_path):
    broken = _broken_fixture(tmp_path / "solutions", "  # SOLUTION", "")
    with pytest.raises(ValueError, match="would ship to students"):
        build_exercises(tmp_path / "out", broken.source.parent.parent)


def test_exercises_folder_is_exactly_what_make_exercises_builds(tmp_path):
    build_exercises(tmp_path)
    built = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    tracked = sorted(str(p.relative_to(EXERCISES)) for p in EXERCISES.rglob("*")
                     if p.is_file() and p.name != "README.md" and not any(part.startswith(".") or part == "__pycache__" for part in p.parts))
    assert built == tracked, "run `make exercises` and commit exercises/"
    different = [name for name in built if not filecmp.cmp(tmp_path / name, EXERCISES / name, shallow=False)]
    assert different == [], "run `make exercises`: exercises/ was edited by hand or is stale"


def test_building_twice_gives_the_same_bytes(tmp_path):
    build_exercises(tmp_path / "a", FIXTURE.source.parent.parent)
    build_exercises(tmp_path / "b", FIXTURE.source.parent.parent)
    assert not filecmp.dircmp(tmp_path / "a" / FIXTURE.name, tmp_path / "b" / FIXTURE.name).diff_files


@pytest.mark.parametrize("exercise", EVERY, ids=lambda e: e.name)
def test_no_solution_or_hidden_test_reaches_students(exercise):
    assert secrets(exercise), "the leak check has something to look for"
    assert leaks(exercise, EXERCISES / exercise.name) == []


def test_the_leak_check_finds_a_leak(tmp_path):
    folder = tmp_path / FIXTURE.name
    build_exercises(tmp_path, FIXTURE.source.parent.parent)
    assert leaks(FIXTURE, folder) == []
    (folder / "tests" / "q1.py").write_text((folder / "tests" / "q1.py").read_text() + "\ndef test_q1_value(): pass\n")
    assert any("test_q1_value" in leak for leak in leaks(FIXTURE, folder))


@pytest.mark.parametrize("exercise", EVERY, ids=lambda e: e.name)
def test_solutions_score_full_marks_and_untouched_exercises_zero(exercise, tmp_path):
    built = run_assign(exercise, tmp_path / "dist")
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    shutil.copy(built / "autograder" / exercise.source.name, submissions / "solution.ipynb")
    shutil.copy(built / "student" / exercise.source.name, submissions / "untouched.ipynb")
    table = grade_folder(submissions, output=tmp_path / "grades", timeout=120).set_index("student")
    autograded = [q for q in exercise.questions if not q.manual]
    assert (table["status"] == "graded").all(), table["reason"].to_dict()
    for question in autograded:
        assert table.loc["solution", question.name] == question.points, f"{question.name}: {table.loc['solution', 'reason']}"
        assert table.loc["untouched", question.name] == 0, question.name
    assert table.loc["solution", "total"] == sum(q.points for q in autograded)


def test_the_handout_has_lessons_library_data_and_exercises_but_no_solutions(tmp_path):
    archive = build_handout(tmp_path / "handout.zip")
    names = zipfile.ZipFile(archive).namelist()
    top = {name.split("/")[1] for name in names}
    assert {"notebooks", "data", "src", "exercises", "README.md", "pyproject.toml", "Makefile", "environment.yml"} <= top
    assert not top & {"solutions", "tests", "benchmarks", "tools"}
    zipfile.ZipFile(archive).extractall(tmp_path / "unpacked")
    unpacked = tmp_path / "unpacked" / "restraint-or-resolve"
    for exercise in EVERY:
        assert (unpacked / "exercises" / exercise.name / exercise.source.name).is_file(), f"{exercise.name} is not in the handout"
        assert leaks(exercise, unpacked / "exercises" / exercise.name) == []
    # A hidden test's name appears nowhere in the handout (solution values
    # such as a parameter's name may, in the library, where they belong).
    texts = readable_texts(unpacked)
    hidden_names = [s for e in EVERY for s in secrets(e) if s.startswith("test_") and s.isidentifier()]
    assert hidden_names and not [n for n in hidden_names if any(n in text for text in texts.values())]
    assert build_handout(tmp_path / "again.zip").read_bytes() == archive.read_bytes(), "same checkout, same archive"


def test_the_readme_lists_every_exercise_with_its_points():
    readme = (REPOSITORY / "README.md").read_text()
    for exercise in EVERY:
        auto = sum(q.points for q in exercise.questions if not q.manual)
        by_hand = sum(q.points for q in exercise.questions if q.manual)
        row = next((line for line in readme.splitlines() if f"(exercises/{exercise.name}/{exercise.name}.ipynb)" in line), "")
        assert row.endswith(f"| {auto:g} + {by_hand:g} |"), f"README's exercise table: {exercise.name} should say {auto:g} + {by_hand:g} points"


@pytest.mark.parametrize("exercise", EVERY, ids=lambda e: e.name)
def test_each_lesson_ends_with_a_link_to_its_exercise(exercise):
    lesson = nbformat.read(REPOSITORY / exercise.lesson, as_version=4)
    learned = [c.source for c in lesson.cells if c.cell_type == "markdown" and c.source.startswith("## What you learned")]
    assert learned and f"(../exercises/{exercise.name}/{exercise.name}.ipynb)" in learned[0]
