"""The class report (natodebate.classreport), its command line, the
synthetic demo class and the instructor's notebook."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from natodebate import assumptions as store
from natodebate import classreport
from natodebate.models import verdict as model

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "notebooks" / "instructor" / "demo_class"
INSTRUCTOR_NOTEBOOK = ROOT / "notebooks" / "instructor" / "class_comparison.ipynb"


def _demo_tool():
    spec = importlib.util.spec_from_file_location("make_demo_class", ROOT / "tools" / "make_demo_class.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _export(folder: Path, student: str, sections: dict, exported: str = "2026-03-02T10:00:00Z", name: str | None = None) -> Path:
    document = {"schema_version": 2, "course": store.COURSE_ID, "student": student, "exported": exported, "sections": sections}
    return store.write(document, folder / (name or store.export_name(student)))


def _reader_sections(reader: str) -> dict:
    values = model.reader_values(reader)
    return {
        "crux": values["crux"],
        **{s: {"preset": reader, "values": values[s]} for s in ("credibility", "bargaining", "decision", "ladder")},
        "hedges": {"preset": reader, "readings": values["hedges"]},
        "hypotheses": {"preset": reader, "rule": "heuer"},
        **{f"weighting_{a}": {"preset": {"K": "persuaded_by_K", "P": "persuaded_by_P", "neutral": "neutral"}[reader]} for a in "KP"},
    }


@pytest.fixture
def crafted(tmp_path) -> Path:
    """A folder with every kind of file the report meets."""
    folder = tmp_path / "class"
    folder.mkdir()
    _export(folder, "Kim K", _reader_sections("K"))
    _export(folder, "Pat P", _reader_sections("P"))
    _export(folder, "Nia N", _reader_sections("neutral"))
    # the same student twice: the later export is used
    _export(folder, "Kim K", _reader_sections("P"), exported="2026-03-01T08:00:00Z", name="kim_first_try.json")
    # an exact copy under another name
    shutil.copyfile(folder / "assumptions_pat-p.json", folder / "copy_of_pat.json")
    # an older version, valid
    (folder / "old_version.json").write_text(json.dumps({
        "schema_version": 1, "course": store.COURSE_ID, "student": "Olli O", "exported": "2026-03-02T11:00:00Z",
        "panels": {"weighting_K": {"preset": "neutral", "weights": {"K33": [0.2, 0.9]}}, "crux": {"answer": 0.1}},
    }), encoding="utf-8")
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    edited = json.loads((folder / "assumptions_nia-n.json").read_text(encoding="utf-8"))
    edited["student"] = "Eddie E"
    edited["sections"]["credibility"]["values"]["prior"] = 3
    (folder / "hand_edited.json").write_text(json.dumps(edited), encoding="utf-8")
    (folder / "other_course.json").write_text(json.dumps({"course": "chemistry-101", "schema_version": 4}), encoding="utf-8")
    (folder / "a_list.json").write_text("[1, 2, 3]", encoding="utf-8")
    (folder / "working_file.json").write_text(json.dumps({"schema_version": 2, "course": store.COURSE_ID, "sections": {}}), encoding="utf-8")
    (folder / "notes.txt").write_text("not a json file: never read", encoding="utf-8")
    return folder


def test_a_crafted_folder_reads_the_valid_files_and_lists_the_rest_with_reasons(crafted):
    report = classreport.read_class(crafted)
    assert sorted(report.students["student"]) == ["Kim K", "Nia N", "Olli O", "Pat P"]
    skipped = report.skipped.set_index("file")
    assert skipped.at["kim_first_try.json", "problem"] == "duplicate" and "exported later" in skipped.at["kim_first_try.json", "reason"]
    assert skipped.at["copy_of_pat.json", "problem"] == "duplicate" or skipped.at["assumptions_pat-p.json", "problem"] == "duplicate"
    assert skipped.at["broken.json", "problem"] == "invalid" and "not valid JSON" in skipped.at["broken.json", "reason"]
    assert skipped.at["hand_edited.json", "problem"] == "invalid"
    assert "sections.credibility.values.prior=3: expected a number from 0.05 to 0.95" in skipped.at["hand_edited.json", "reason"]
    assert skipped.at["other_course.json", "problem"] == "foreign" and skipped.at["a_list.json", "problem"] == "foreign"
    assert skipped.at["working_file.json", "problem"] == "invalid" and "not an export" in skipped.at["working_file.json", "reason"]
    assert "notes.txt" not in skipped.index
    kim = report.students.set_index("student").loc["Kim K"]
    assert kim["file"] == "assumptions_kim-k.json" and kim["overall"] == "K"
    assert report.sources["Olli O"]["weighting_K"] == "saved"  # the older version, migrated
    assert report.values["Olli O"]["weighting_K"]["importance.K33"] == 0.9


def test_persuasion_shares(crafted):
    report = classreport.read_class(crafted)
    shares = classreport.persuasion(report)
    assert list(shares.columns) == ["K", "neither", "P"]
    assert shares.sum(axis=1).round(9).eq(1).all()
    assert len(shares) == len(model.QUESTIONS) + 1
    overall = shares.iloc[-1]
    # Kim sides with K everywhere, Pat with P, Nia (the neutral presets) with K 5 to 2; Olli's crux answer 0.1 and
    # weight on K33 take two more questions to P: 4 to 3 for P
    assert report.students.set_index("student")["overall"].to_dict() == {"Kim K": "K", "Nia N": "K", "Olli O": "P", "Pat P": "P"}
    assert overall["P"] == pytest.approx(0.5) and overall["K"] == pytest.approx(0.5)


def test_a_class_that_all_sides_with_one_reader(tmp_path):
    for number in range(3):
        _export(tmp_path, f"student {number}", _reader_sections("P"))
    report = classreport.read_class(tmp_path)
    shares = classreport.persuasion(report)
    assert (shares["P"] == 1).all()
    summary = classreport.assumption_summary(report)
    assert (summary["agreement"] == 1).all() and (summary["spread"] == 0).all() and (summary["nearer P"] == 1).all()


def test_distributions_count_only_students_who_saved_the_lesson(tmp_path):
    _export(tmp_path, "A", {"crux": {"answer": 1.0}})
    _export(tmp_path, "B", {"crux": {"answer": 0.0}, "decision": {"preset": "P", "values": model.reader_values("P")["decision"]}})
    report = classreport.read_class(tmp_path)
    positions = classreport.class_positions(report)
    assert sorted(positions.loc[positions["key"] == "crux.answer", "position"]) == [0.0, 1.0]
    assert list(positions.loc[positions["key"] == "decision.loss", "student"]) == []  # the presets agree on L
    assert list(positions.loc[positions["key"] == "decision.delta_benefit", "student"]) == ["B"]
    summary = classreport.assumption_summary(report)
    assert summary.at["crux.answer", "students"] == 2 and summary.at["crux.answer", "agreement"] == 0.5


def test_agreement_lists_the_most_and_least_agreed():
    report = classreport.read_class(DEMO)
    found = classreport.agreement(report, top=3)
    assert len(found["agrees"]) == len(found["disagrees"]) == 3
    assert found["agrees"]["agreement"].min() >= found["disagrees"]["agreement"].max()


def test_the_demo_class_is_synthetic_complete_and_regenerates_identically(tmp_path):
    tool = _demo_tool()
    tool.make_demo_class(tmp_path / "demo")
    fresh = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "demo").glob("*.json")}
    committed = {p.name: p.read_text(encoding="utf-8") for p in DEMO.glob("*.json")}
    assert fresh == committed, "notebooks/instructor/demo_class/ differs from tools/make_demo_class.py's output: rerun the tool"
    report = classreport.read_class(DEMO)
    assert len(report.students) == 30
    assert all("(synthetic demo data)" in name for name in report.students["student"])
    assert sorted(report.skipped["problem"]) == ["duplicate", "foreign", "invalid"]
    assert json.loads((DEMO / "synthetic_student_30.json").read_text(encoding="utf-8"))["schema_version"] == 1


def test_the_command_line(crafted, tmp_path, capsys):
    table = tmp_path / "summary.csv"
    assert classreport.main([str(crafted), "--csv", str(table), "--top", "2"]) == 0
    out = capsys.readouterr().out
    assert "4 students read" in out and "skipped broken.json (invalid)" in out and "overall (more questions)" in out
    assert "Where the class disagrees most" in out and table.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert classreport.main([str(empty)]) == 1
    assert classreport.main([str(tmp_path / "missing")]) == 2
    assert "expected a folder" in capsys.readouterr().err


def test_the_command_line_module_runs():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "natodebate.classreport", str(DEMO), "--top", "1"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "30 students read, 3 files skipped" in result.stdout


# --- the instructor's notebook ------------------------------------------------------------------------------


def test_the_instructor_notebook_is_not_a_lesson_and_nbval_collects_it():
    lessons = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert "09_your_verdict.ipynb" in lessons and not any("class_comparison" in name for name in lessons)
    import tomllib

    testpaths = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]["testpaths"]
    assert any(INSTRUCTOR_NOTEBOOK.is_relative_to(ROOT / path) for path in testpaths)


def test_the_instructor_notebook_is_clean():
    raw = INSTRUCTOR_NOTEBOOK.read_text(encoding="utf-8")
    assert len(raw.encode("utf-8")) < 200_000 and "widget-view+json" not in raw and "Plotly.newPlot" not in raw
    notebook = nbformat.reads(raw, as_version=4)
    checked = 0
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            text = re.sub(r"`[^`]*`", "", cell.source)
            assert "$" not in text
            continue
        assert cell.execution_count is None
        if "nbval-check-output" in cell.metadata.get("tags", []):
            checked += 1
            assert cell.outputs
        else:
            assert not cell.outputs, cell.source
    assert checked >= 2
    assert "SYNTHETIC" in notebook.cells[0].source
