"""The code passes ruff (its rules are in pyproject.toml): pyflakes,
pycodestyle, bugbear, pyupgrade and import order. A ``noqa`` comment then
marks a deliberate exception, with its reason."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is not installed: it is a test dependency (pip install -e '.[test]')")
    result = subprocess.run([ruff, "check", "--no-cache", "src", "tests", "tools", "benchmarks", "conftest.py"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]
