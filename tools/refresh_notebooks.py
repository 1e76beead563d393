"""Execute lesson notebooks and keep only the outputs nbval should check.

    python tools/refresh_notebooks.py notebooks/*.ipynb      (or: make refresh-notebooks)

Each notebook is run top to bottom in a fresh kernel (nbclient, with a cell
timeout). Afterwards every code cell is cleared — outputs, execution count,
widget state — except cells tagged ``nbval-check-output`` (JupyterLab: the
property inspector's "Cell Tags"): those keep their text and HTML-table
outputs, which ``pytest --nbval-lax`` then compares on every test run. No
execution counts are kept anywhere, so a freshly opened lesson shows no
numbered cells. The result is a small notebook without plotly.js or widget
state, whose stored outputs are all deliberate.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

CHECK_TAG = "nbval-check-output"
#: what a checked cell keeps: plain text, and HTML for tables (a pandas table
#: is small, deterministic and reads as a table in a freshly opened lesson)
KEEP_MIME = {"text/plain", "text/html"}


def is_checked(cell) -> bool:
    """A code cell whose output nbval compares (tagged ``nbval-check-output``)."""
    return cell.cell_type == "code" and CHECK_TAG in cell.metadata.get("tags", [])


def clean(notebook) -> None:
    """Strip everything but the checked cells' plain-text outputs."""
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("widgets", None)
        if cell.cell_type != "code":
            continue
        cell.execution_count = None
        if not is_checked(cell):
            cell.outputs = []
            continue
        kept = []
        for output in cell.outputs:
            if output.output_type == "stream" and output.name == "stdout":
                kept.append(output)
            elif output.output_type in ("execute_result", "display_data"):
                output.data = {k: v for k, v in output.data.items() if k in KEEP_MIME}
                if "text/html" in output.data and "<table" not in output.data["text/html"]:
                    del output.data["text/html"]  # only tables: no widget or figure markup
                output.metadata = {}
                if output.output_type == "execute_result":
                    output.execution_count = None
                if output.data:
                    kept.append(output)
            elif output.output_type == "error":
                raise RuntimeError(f"checked cell raised {output.ename}: {output.evalue}")
        cell.outputs = kept


def refresh(path: Path, timeout: int = 180) -> None:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
    )
    client.execute()
    clean(notebook)
    nbformat.validate(notebook)
    nbformat.write(notebook, path)
    checked = sum(is_checked(c) for c in notebook.cells)
    print(f"{path}: {checked} checked cells, {path.stat().st_size / 1000:.1f} KB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=180, help="seconds per cell (default 180)")
    args = parser.parse_args(argv)
    # A lesson's panels save settings, and lesson 09 reads them: the kernels
    # get an empty folder of their own, so that the stored outputs never
    # depend on (or write to) a my_assumptions.json in notebooks/.
    os.environ["NATODEBATE_ASSUMPTIONS"] = tempfile.mkdtemp(prefix="natodebate-refresh-")
    for path in args.notebooks:
        refresh(path, args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
