"""pyproject.toml and environment.yml pin the same packages at the same versions."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = {"jupyterlab", "ipywidgets", "plotly", "anywidget", "pandas", "nbval", "nbformat", "pytest", "playwright", "frictionless"}


def _pins(requirements) -> dict[str, str]:
    pins = {}
    for requirement in requirements:
        match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*==\s*([^\s;]+)\s*", requirement)
        assert match, f"not pinned with ==: {requirement!r}"
        pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return _pins(project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra])


def environment_pins() -> dict[str, str]:
    lines = (ROOT / "environment.yml").read_text().splitlines()
    start = lines.index("  - pip:")
    pip_lines = [line.strip()[2:] for line in lines[start + 1 :] if line.strip().startswith("- ")]
    return _pins([pin for pin in pip_lines if pin != "-e ."])


def test_every_dependency_is_pinned_and_the_required_stack_is_there():
    pins = pyproject_pins()
    assert REQUIRED <= set(pins)


def test_environment_yml_matches_pyproject():
    assert environment_pins() == pyproject_pins()


def test_environment_yml_installs_the_course_library_and_python_311():
    text = (ROOT / "environment.yml").read_text()
    assert "- -e ." in text
    assert re.search(r"^\s*- python=3\.1[1-9]", text, re.M)
