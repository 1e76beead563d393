"""The exercises' single sources (``solutions/NN_<name>/NN_<name>.ipynb``, in
otter-grader's assign format) and what is built from them.

``build_exercises()`` is ``make exercises``: it runs ``otter assign`` on each
source and writes the student notebook and its public tests to
``exercises/NN_<name>/``. otter assign is not deterministic (it gives the
cells it inserts random ids, and its init cell names the notebook file, which
breaks ``grader.check`` when a student renames the file), so the output is
normalised: cell ids are numbered, and the init cell reads the tests from the
folder beside the notebook.

``autograder_tests()`` builds the full test files (public and hidden) that
grading needs, into a temporary folder, from the same source.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

#: The repository's checkout (the library is installed in editable mode).
REPOSITORY = Path(__file__).resolve().parents[3]
SOLUTIONS = REPOSITORY / "solutions"
EXERCISES = REPOSITORY / "exercises"

#: What the init cell of every student notebook says. The tests folder sits
#: beside the notebook, so the notebook may be renamed or moved with it.
INIT_CELL = (
    "# Initialize Otter: grader.check() reads the public tests\n"
    '# in the folder "tests" beside this notebook.\n'
    "import otter\n"
    'grader = otter.Notebook(tests_dir="tests")'
)


@dataclass(frozen=True)
class Question:
    """One question of an exercise: ``points`` (≥ 0) and whether it is
    marked by hand (``manual``) or by its tests."""

    name: str
    points: float
    manual: bool


@dataclass(frozen=True)
class Exercise:
    """An exercise: its ``name`` (``NN_<name>``, the lesson's file stem) and
    the ``source`` notebook in ``solutions/``."""

    name: str
    source: Path

    @property
    def questions(self) -> list[Question]:
        """The questions in notebook order, read from their ``# BEGIN
        QUESTION`` cells."""
        found = []
        for cell in nbformat.read(self.source, as_version=4).cells:
            config = question_config(cell)
            if config is not None:
                found.append(Question(str(config["name"]), float(config.get("points", 1) or 0), bool(config.get("manual", False))))
        return found

    @property
    def lesson(self) -> str:
        """The lesson notebook this exercise follows (``notebooks/NN_<name>.ipynb``)."""
        return f"notebooks/{self.name}.ipynb"


def question_config(cell) -> dict | None:
    """The YAML settings of a ``# BEGIN QUESTION`` raw cell, else ``None``."""
    if cell.cell_type != "raw" or not cell.source.lstrip().startswith("# BEGIN QUESTION"):
        return None
    return yaml.safe_load(cell.source.split("\n", 1)[1] if "\n" in cell.source else "") or {}


def find_exercises(solutions: Path = SOLUTIONS) -> list[Exercise]:
    """Every exercise with a source notebook ``solutions/NAME/NAME.ipynb``, by name."""
    return [Exercise(folder.name, folder / f"{folder.name}.ipynb") for folder in sorted(Path(solutions).iterdir())
            if (folder / f"{folder.name}.ipynb").is_file()]


def exercise_named(name: str, solutions: Path = SOLUTIONS) -> Exercise:
    """The exercise called ``name`` (``"01_reading_kagan"``, or just its number ``"01"``)."""
    every = find_exercises(solutions)
    matches = [exercise for exercise in every if exercise.name == name or exercise.name.split("_", 1)[0] == str(name)]
    if len(matches) != 1:
        raise ValueError(f"exercise={name!r}: not one of the course's exercises ({', '.join(e.name for e in every) or 'none found'})")
    return matches[0]


def run_assign(exercise: Exercise, destination: Path) -> Path:
    """Run ``otter assign`` on ``exercise`` into ``destination`` (which must
    not exist) and normalise its output; returns ``destination`` (with
    ``student/`` and ``autograder/`` inside)."""
    from otter.assign import main as otter_assign

    # otter assign prints progress and warnings meant for its own command line.
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        otter_assign(str(exercise.source), str(destination), no_pdfs=True, no_run_tests=True)
    for kind in ("student", "autograder"):
        notebook_path = destination / kind / exercise.source.name
        notebook = nbformat.read(notebook_path, as_version=4)
        normalise(notebook, exercise.name)
        nbformat.write(notebook, notebook_path)
    return destination


def normalise(notebook, name: str) -> None:
    """Make otter's output the same on every run: cells numbered
    ``NAME-000``… instead of random ids, the init cell independent of the
    notebook's file name, no outputs or execution counts."""
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"{name[:50]}-{index:03d}"
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            if re.search(r"otter\.Notebook\(", cell.source):
                cell.source = INIT_CELL


def build_exercises(destination: Path = EXERCISES, solutions: Path = SOLUTIONS) -> list[Path]:
    """``make exercises``: write ``destination/NAME/`` (the student notebook
    and ``tests/``, public tests only) for every source in ``solutions``,
    replacing what was there; returns the files written."""
    destination = Path(destination)
    exercises = find_exercises(solutions)
    problems = [problem for exercise in exercises for problem in source_problems(exercise)]
    if problems:
        raise ValueError("the exercise sources break the rules of solutions/README.md:\n  " + "\n  ".join(problems))
    written = []
    for exercise in exercises:
        with tempfile.TemporaryDirectory() as scratch:
            built = run_assign(exercise, Path(scratch) / "dist")
            target = destination / exercise.name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(built / "student", target, ignore=shutil.ignore_patterns(".*", "__pycache__"))
        written += sorted(path for path in target.rglob("*") if path.is_file())
        if leaked := leaks(exercise, target):
            raise RuntimeError(f"{exercise.name}: the built exercise would show students " + "; ".join(leaked[:5]))
    return written


def readable_texts(folder: Path) -> dict[str, str]:
    """What a student can read in ``folder``, file by file: a notebook's
    cell sources and metadata (as a student sees them, not JSON-escaped), any
    other file's text."""
    texts = {}
    for path in sorted(Path(folder).rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text(errors="replace")
        if path.suffix == ".ipynb":
            notebook = nbformat.reads(text, as_version=4)
            text = "\n".join([cell.source for cell in notebook.cells] + [str(notebook.metadata)])
        texts[str(path)] = text
    return texts


def leaks(exercise: Exercise, folder: Path) -> list[str]:
    """Each of ``exercise``'s :func:`secrets` found in ``folder`` (the
    student's material), as "what (in which file)"."""
    texts = readable_texts(folder)
    return [f"{secret!r} (in {path})" for secret in secrets(exercise) for path, text in texts.items() if secret in text]


@contextlib.contextmanager
def autograder_tests(exercise: Exercise):
    """The folder of ``exercise``'s full test files, public and hidden (a
    temporary folder, removed on exit)."""
    with tempfile.TemporaryDirectory() as scratch:
        built = run_assign(exercise, Path(scratch) / "dist")
        yield built / "autograder" / "tests"


# --- The authoring rules of solutions/README.md, checked -------------------

SOLUTION_MARKER = re.compile(r"#\s*SOLUTION\s*$")
BEGIN_REGION, END_REGION = re.compile(r"^\s*#\s*BEGIN SOLUTION\s*$"), re.compile(r"^\s*#\s*END SOLUTION\s*$")
TEST_CONFIG = re.compile(r'^\s*"""\s*#\s*BEGIN TEST CONFIG(.*?)"""\s*#\s*END TEST CONFIG\s*\n', re.S)


@dataclass
class _Parsed:
    solution_code: dict = None  # question → list of (cell index, source)
    solution_text: dict = None  # question → markdown solutions
    tests: dict = None  # question → list of (cell index, source, hidden, body)
    other_code: list = None  # (cell index, source) outside solutions and tests
    other_text: list = None  # markdown outside solutions: what students see anyway

    def __post_init__(self):
        self.solution_code, self.solution_text, self.tests, self.other_code, self.other_text = {}, {}, {}, [], []


def _parse(exercise: Exercise) -> tuple[_Parsed, list[str]]:
    parsed, problems = _Parsed(), []
    question, block = None, None
    for index, cell in enumerate(nbformat.read(exercise.source, as_version=4).cells):
        text = cell.source.strip()
        if cell.cell_type == "raw":
            first = text.split("\n", 1)[0].strip().upper()
            if first.startswith("# BEGIN QUESTION"):
                question = str((question_config(cell) or {}).get("name"))
            elif first.startswith("# END QUESTION"):
                question = None
            elif first.startswith("# BEGIN SOLUTION"):
                block = "solution"
            elif first.startswith("# BEGIN TESTS"):
                block = "tests"
            elif first.startswith(("# END SOLUTION", "# END TESTS")):
                block = None
            elif first.startswith("# ASSIGNMENT CONFIG"):
                config = yaml.safe_load(text.split("\n", 1)[1])
                if config.get("name") != exercise.name:
                    problems.append(f"cell {index}: ASSIGNMENT CONFIG name {config.get('name')!r} is not the folder's name {exercise.name!r}")
                if (config.get("tests") or {}) != {"ok_format": False, "files": True}:
                    problems.append(f"cell {index}: ASSIGNMENT CONFIG must say tests: {{ok_format: false, files: true}}")
            continue
        if block == "solution" and cell.cell_type == "code":
            parsed.solution_code.setdefault(question, []).append((index, cell.source))
        elif block == "solution":
            parsed.solution_text.setdefault(question, []).append(cell.source)
        elif block == "tests" and cell.cell_type == "code":
            config = TEST_CONFIG.match(cell.source)
            hidden = bool(config and (yaml.safe_load(config.group(1)) or {}).get("hidden", False))
            body = cell.source[config.end():] if config else cell.source
            parsed.tests.setdefault(question, []).append((index, cell.source, hidden, body))
        elif cell.cell_type == "code":
            parsed.other_code.append((index, cell.source))
        else:
            parsed.other_text.append(cell.source)
    return parsed, problems


def _assigned_names(source: str) -> list[str]:
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    names = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign | ast.AnnAssign) else []
        for target in targets:
            names += [leaf.id for leaf in ast.walk(target) if isinstance(leaf, ast.Name)]
    return names


def source_problems(exercise: Exercise) -> list[str]:
    """What breaks the rules of ``solutions/README.md`` in ``exercise``'s
    source (an empty list when it keeps them all): unmarked solution lines,
    hidden tests not declared with the TEST CONFIG header, test cells that
    do not define and call one ``test_<question>_…`` function, questions
    without public or hidden tests, answer names assigned more than once."""
    import ast

    parsed, problems = _parse(exercise)
    where = f"{exercise.name}:"
    answers = {}
    for question, cells in parsed.solution_code.items():
        for index, source in cells:
            inside = False
            for line in source.split("\n"):
                if BEGIN_REGION.match(line):
                    inside = True
                elif END_REGION.match(line):
                    inside = False
                elif line.strip() and not inside and not SOLUTION_MARKER.search(line):
                    problems.append(f"{where} cell {index} ({question}): solution line without a '# SOLUTION' marker would ship to students: {line.strip()!r}")
            answers.update({name: question for name in _assigned_names(source)})
    autograded = [q.name for q in exercise.questions if not q.manual]
    for question in autograded:
        tests = parsed.tests.get(question, [])
        if not any(not hidden for _, _, hidden, _ in tests):
            problems.append(f"{where} {question} has no public test: grader.check() would pass a blank answer")
        if not any(hidden for _, _, hidden, _ in tests):
            problems.append(f"{where} {question} has no hidden test")
        for index, _source, _hidden, body in tests:
            if re.search(r"hidden", body, re.I):
                problems.append(f"{where} cell {index}: 'hidden' outside the TEST CONFIG header (declare hidden tests with 'hidden: true' in it)")
            try:
                nodes = ast.parse(body).body
            except SyntaxError as error:
                problems.append(f"{where} cell {index}: test does not parse ({error.msg})")
                continue
            for node in ast.walk(ast.Module(body=nodes, type_ignores=[])):
                hint = node.msg.value if isinstance(node, ast.Assert) and isinstance(node.msg, ast.Constant) else None
                if isinstance(hint, str) and (hint.startswith("'") or hint.endswith("'")):
                    # otter strips quotes from both ends of the message a student sees
                    problems.append(f"{where} cell {index}: a hint that starts or ends with ' loses that quote in grader.check: {hint!r}")
            functions = [n for n in nodes if isinstance(n, ast.FunctionDef)]
            calls = [n for n in nodes if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)
                     and getattr(n.value.func, "id", None) in {f.name for f in functions}]
            if len(functions) != 1 or not functions[0].name.startswith(f"test_{question}_") or len(calls) != 1 or len(nodes) != 2:
                problems.append(f"{where} cell {index}: a test cell holds one function test_{question}_<what>(…) and one call of it")
    counts = Counter(name for _, source in parsed.other_code for name in _assigned_names(source))
    counts.update(name for cells in parsed.solution_code.values() for _, source in cells for name in _assigned_names(source))
    problems += [f"{where} answer name {name!r} ({question}) is assigned in {counts[name]} cells; answers go in names used once"
                 for name, question in answers.items() if counts[name] != 1]
    return problems


def secrets(exercise: Exercise) -> list[str]:
    """Strings from ``exercise``'s source that must never reach students:
    each solution line (and the expression after ``=``), each line of a
    written answer's model solution, each hidden test's name and each line
    of its body that no public test shares."""
    parsed, _ = _parse(exercise)
    found = set()
    for cells in parsed.solution_code.values():
        for _, source in cells:
            for line in source.split("\n"):
                code = SOLUTION_MARKER.sub("", line).strip()
                if len(code) >= 8 and not BEGIN_REGION.match(line) and not END_REGION.match(line):
                    found.add(code)
                    if "=" in code and len(value := code.split("=", 1)[1].strip()) >= 12:
                        found.add(value)
    for texts in parsed.solution_text.values():
        found.update(line.strip() for text in texts for line in text.split("\n") if len(line.strip()) >= 20)
    public = {line.strip() for tests in parsed.tests.values() for _, _, hidden, body in tests if not hidden for line in body.split("\n")}
    for tests in parsed.tests.values():
        for _, _, hidden, body in tests:
            if hidden:
                found.update(re.findall(r"def (test_\w+)", body))
                found.update(line.strip() for line in body.split("\n") if len(line.strip()) >= 12)
    shown = "\n".join([*public, *(source for _, source in parsed.other_code), *parsed.other_text])
    return sorted(secret for secret in found if secret not in shown)
