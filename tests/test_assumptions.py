"""The student's assumptions file (natodebate.assumptions) and the panels
that save to it: where it is, what a panel writes, reading an older
version, refusing a hand-edited mistake with a message naming the field,
writing atomically, and a save failure that never breaks a panel."""

from __future__ import annotations

import json
import math
import os

import pytest

from natodebate import assumptions as store
from natodebate import panels
from natodebate.models import verdict
from natodebate.panels import bargaining, credibility, escalation


def _file(folder):
    return folder / store.FILE_NAME


# --- where the file is --------------------------------------------------------------


def test_the_path_follows_argument_then_environment_then_current_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path))  # a folder stands for my_assumptions.json in it
    assert store.assumptions_path() == tmp_path / store.FILE_NAME
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path / "mine.json"))
    assert store.assumptions_path() == tmp_path / "mine.json"
    assert store.assumptions_path(tmp_path / "other.json") == tmp_path / "other.json"
    monkeypatch.delenv(store.ENV_VAR)
    monkeypatch.chdir(tmp_path)
    assert store.assumptions_path() == tmp_path.__class__(store.FILE_NAME)


# --- panels save their settings -----------------------------------------------------------


def _moves():
    """(panel factory, a change a student makes) for every panel that carries assumptions."""
    return {
        "crux": (lambda: panels.CruxPanel(), lambda p: setattr(p.slider, "value", 0.2)),
        "weighting_K": (lambda: panels.ClaimWeightingPanel("K"), lambda p: setattr(p.credence_sliders["K33"], "value", 0.1)),
        "weighting_P": (lambda: panels.ClaimWeightingPanel("P"), lambda p: setattr(p.importance_sliders["P25"], "value", 0.95)),
        "fair_rounding": (lambda: panels.FairRoundingPanel(), lambda p: setattr(p.vintage, "value", "latest_revision")),
        "credibility": (lambda: credibility.CredibilityPanel(), lambda p: setattr(p.sliders["linkage"], "value", 0.9)),
        "bargaining": (lambda: bargaining.BargainingPanel(), lambda p: setattr(p.preset_buttons, "value", "K")),
        "decision": (lambda: escalation.DecisionPanel(), lambda p: setattr(p.sliders["delta_benefit"], "value", 0.6)),
        "ladder": (lambda: escalation.LadderPanel(), lambda p: setattr(p.policy, "value", 2)),
        "hypotheses": (lambda: panels.hypotheses.CompetingHypothesesPanel(), lambda p: setattr(p.rating_sliders[("D1", "H1")], "value", "CC")),
        "hedges": (lambda: panels.forecasts.HedgeReadingPanel(), lambda p: setattr(p.sliders["could"], "value", 0.3)),
    }


def test_every_section_has_a_panel_that_saves_it():
    assert set(_moves()) == set(store.SECTIONS)


@pytest.mark.parametrize("section", list(store.SECTIONS))
def test_a_panel_saves_its_settings_when_they_change_and_reads_back(section, assumptions_in_tmp):
    make, move = _moves()[section]
    panel = make()
    assert panel.settings_section == section
    assert not _file(assumptions_in_tmp).exists(), "building a panel is not a setting: nothing is saved"
    move(panel)
    assert panel.status.value == ""
    saved = store.read_sections()
    assert saved == {section: store.validate(store.empty() | {"sections": {section: panel.settings()}})["sections"][section]}
    document = json.loads(_file(assumptions_in_tmp).read_text(encoding="utf-8"))
    assert document["schema_version"] == store.SCHEMA_VERSION and document["course"] == store.COURSE_ID
    # what was saved is what lesson 09 reads
    values, sources = verdict.student_values()
    assert sources[section] == "saved"


def test_the_saved_changes_are_the_students_own(assumptions_in_tmp):
    panel = panels.ClaimWeightingPanel("K")
    panel.credence_sliders["K33"].value = 0.1
    panel.importance_sliders["K27"].value = 0.05
    section = store.read_sections()["weighting_K"]
    assert section == {"preset": "neutral", "credence": {"K33": 0.1}, "importance": {"K27": 0.05}}
    panel.preset_buttons.value = "persuaded_by_P"  # a preset is a setting too: it replaces the changes
    assert store.read_sections()["weighting_K"] == {"preset": "persuaded_by_P", "credence": {}, "importance": {}}


def test_sections_of_different_panels_are_kept_side_by_side(assumptions_in_tmp):
    credibility.CredibilityPanel().sliders["linkage"].value = 0.9
    panels.CruxPanel().slider.value = 0.2
    sections = store.read_sections()
    assert set(sections) == {"credibility", "crux"} and sections["crux"] == {"answer": 0.2}
    assert sections["credibility"]["values"]["linkage"] == 0.9 and sections["credibility"]["preset"] is None


def test_the_file_stays_small(assumptions_in_tmp):
    for make, move in _moves().values():
        move(make())
    size = _file(assumptions_in_tmp).stat().st_size
    assert size < 8_000, f"{size} bytes"


def test_a_save_failure_shows_in_the_status_line_and_the_panel_still_works(tmp_path, monkeypatch):
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(store.ENV_VAR, str(blocker / "my_assumptions.json"))
    panel = credibility.CredibilityPanel()
    before = ([trace.y for trace in panel.figure.data], panel.summary.value)
    panel.sliders["linkage"].value = 0.2
    assert "could not be saved" in panel.status.value
    after = ([trace.y for trace in panel.figure.data], panel.summary.value)
    assert after[0] != before[0] and after[1] != before[1], "the panel redraws despite the failed save"


def test_a_hand_edited_invalid_file_is_never_overwritten(assumptions_in_tmp):
    broken = '{"schema_version": 2, "course": "restraint-or-resolve", "sections": {"crux": {"answer": 7}}}'
    _file(assumptions_in_tmp).write_text(broken, encoding="utf-8")
    panel = panels.CruxPanel()
    panel.slider.value = 0.3
    assert "sections.crux.answer=7" in panel.status.value and "not overwritten" in panel.status.value
    assert _file(assumptions_in_tmp).read_text(encoding="utf-8") == broken
    assert panel.strengths["K"] > 0  # the panel itself still works


# --- writing -----------------------------------------------------------------------------


def test_writing_is_atomic_a_failed_replace_leaves_the_old_file_and_no_temporary(assumptions_in_tmp, monkeypatch):
    store.save_section("crux", {"answer": 0.4})
    old = _file(assumptions_in_tmp).read_text(encoding="utf-8")

    def broken_replace(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        store.save_section("crux", {"answer": 0.9})
    assert _file(assumptions_in_tmp).read_text(encoding="utf-8") == old
    assert [p.name for p in assumptions_in_tmp.iterdir()] == [store.FILE_NAME]


def test_a_section_is_checked_before_it_is_written(assumptions_in_tmp):
    with pytest.raises(store.AssumptionsError, match=r"sections\.crux\.answer=1\.5: expected a number from 0 to 1"):
        store.save_section("crux", {"answer": 1.5})
    assert not _file(assumptions_in_tmp).exists()
    with pytest.raises(ValueError, match="section='lesson10'"):
        store.save_section("lesson10", {})


# --- reading: versions and mistakes --------------------------------------------------------------


def _v1_document() -> dict:
    return {
        "schema_version": 1, "course": store.COURSE_ID,
        "panels": {
            "weighting_K": {"preset": "neutral", "weights": {"K33": [0.2, 0.9], "K43": [0.4, 0.5]}},
            "crux": {"answer": 0.25},
        },
    }


def test_a_valid_file_of_the_older_version_is_read_and_migrated(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps(_v1_document()), encoding="utf-8")
    document = store.read(path)
    assert document["schema_version"] == store.SCHEMA_VERSION and "panels" not in document
    assert document["sections"]["weighting_K"] == {"preset": "neutral", "credence": {"K33": 0.2, "K43": 0.4}, "importance": {"K33": 0.9, "K43": 0.5}}
    assert document["sections"]["crux"] == {"answer": 0.25}
    values, sources = verdict.values_from_sections(document["sections"])
    assert values["weighting_K"]["importance.K33"] == 0.9 and sources["weighting_K"] == "saved"


def test_saving_into_an_older_file_migrates_it(assumptions_in_tmp):
    _file(assumptions_in_tmp).write_text(json.dumps(_v1_document()), encoding="utf-8")
    store.save_section("fair_rounding", {"tolerance_pct": 5.0, "vintage": "latest_revision"})
    document = json.loads(_file(assumptions_in_tmp).read_text(encoding="utf-8"))
    assert document["schema_version"] == 2 and set(document["sections"]) == {"weighting_K", "crux", "fair_rounding"}


def _valid() -> dict:
    return {"schema_version": 2, "course": store.COURSE_ID, "sections": {
        "credibility": {"preset": None, "values": dict(verdict.reader_values("neutral")["credibility"])},
        "hypotheses": {"preset": "neutral", "rule": "heuer", "ratings": {"D1/H1": "CC"}},
        "hedges": {"preset": None, "readings": {"could": 0.5}, "suppose_K37": None},
        "weighting_P": {"preset": "neutral", "credence": {"P25": 0.3}},
        "fair_rounding": {"tolerance_pct": 10, "vintage": "first_published"},
        "ladder": {"preset": "K", "values": dict(verdict.reader_values("K")["ladder"]), "policy": 1},
    }}


REJECTIONS = [
    (lambda d: d["sections"]["credibility"]["values"].update(prior=1.7),
     "sections.credibility.values.prior=1.7: expected a number from 0.05 to 0.95 (the range of lesson 04's slider)"),
    (lambda d: d["sections"]["credibility"]["values"].update(n=2.5), "sections.credibility.values.n=2.5: expected a whole number from 0 to 10"),
    (lambda d: d["sections"]["credibility"]["values"].update(linkage="high"), "sections.credibility.values.linkage=\"high\": expected a number"),
    (lambda d: d["sections"]["credibility"]["values"].pop("cost"), "the field 'cost' is missing"),
    (lambda d: d["sections"]["credibility"].update(preset="Kagan"), 'sections.credibility.preset="Kagan": expected one of "K", "P", "neutral"'),
    (lambda d: d["sections"]["hypotheses"]["ratings"].update({"D1/H1": "XX"}),
     'sections.hypotheses.ratings.D1/H1="XX": expected one of "II", "I", "N", "C", "CC"'),
    (lambda d: d["sections"]["hypotheses"]["ratings"].update({"D9/H1": "C"}), 'sections.hypotheses.ratings="D9/H1": not a cell of the ACH matrix'),
    (lambda d: d["sections"]["hypotheses"].update(rule="vote"),
     'sections.hypotheses.rule="vote": expected one of "heuer", "open_source_ach", "parc", "bayes"'),
    (lambda d: d["sections"]["hedges"]["readings"].update(maybe=0.5), 'sections.hedges.readings="maybe": not a hedge of hedge_bands.csv'),
    (lambda d: d["sections"]["weighting_P"]["credence"].update(K33=0.5), 'sections.weighting_P.credence="K33": not a weighted claim of article P'),
    (lambda d: d["sections"]["fair_rounding"].update(vintage="2019"),
     'sections.fair_rounding.vintage="2019": expected one of "first_published", "latest_revision"'),
    (lambda d: d["sections"]["ladder"].update(policy=4), 'sections.ladder.policy=4: expected one of 1, 2, 3, "never"'),
    (lambda d: d["sections"].update(lesson10={}), 'sections="lesson10": not a section of this course'),
    (lambda d: d.update(extra=1), "(top level).extra=1: not a field of this section"),
    (lambda d: d.update(schema_version=3), "schema_version=3: written by a newer version of the course"),
    (lambda d: d.update(student=""), 'student="": expected the student\'s name or id'),
]


@pytest.mark.parametrize(("edit", "message"), REJECTIONS, ids=[m[:40] for _, m in REJECTIONS])
def test_a_hand_edited_mistake_is_refused_naming_the_field_and_what_is_allowed(tmp_path, edit, message):
    store.validate(_valid())  # the unedited document is fine
    document = _valid()
    edit(document)
    path = tmp_path / "my_assumptions.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(store.AssumptionsError) as caught:
        store.read(path)
    assert str(caught.value).startswith("my_assumptions.json: ")
    assert message in str(caught.value)
    assert not isinstance(caught.value, store.ForeignFileError)


def test_not_json_names_line_and_column(tmp_path):
    path = tmp_path / "my_assumptions.json"
    path.write_text('{"schema_version": 2,\n "course": }', encoding="utf-8")
    with pytest.raises(store.AssumptionsError, match=r"my_assumptions\.json: not valid JSON \(line 2, column 12"):
        store.read(path)


@pytest.mark.parametrize("document", [[], {"answers": {}}, {"course": "another-course", "schema_version": 1}])
def test_a_file_of_another_kind_or_course_is_foreign(document):
    with pytest.raises(store.ForeignFileError, match="another course|not an assumptions file of this course"):
        store.validate(document, "x.json")


def test_a_missing_file_is_nothing_saved(tmp_path):
    assert store.read(tmp_path / "none.json") == store.empty()
    with pytest.raises(store.AssumptionsError, match="no such file"):
        store.read(tmp_path / "none.json", missing_ok=False)


# --- the ranges are the panels' ---------------------------------------------------------------------


def test_the_checked_ranges_are_the_panels_slider_ranges():
    for section, controls in (("credibility", credibility.CONTROLS), ("bargaining", bargaining.CONTROLS)):
        assert {k: (low, high) for k, (low, high, _) in store._RANGES[section].items()} == {
            k: (spec[1], spec[2]) for k, spec in controls.items()
        }
    for section, controls in (("decision", escalation.DECISION_CONTROLS), ("ladder", escalation.LADDER_CONTROLS)):
        for name, (_label, low, high, log, *_rest) in controls.items():
            checked = store._RANGES[section][name][:2]
            expected = (10**low, 10**high) if log else (low, high)
            assert all(math.isclose(a, b) for a, b in zip(checked, expected)), (section, name)


@pytest.mark.parametrize("reader", ["K", "P", "neutral"])
def test_every_preset_value_is_one_a_file_may_hold(reader):
    values = verdict.reader_values(reader)
    sections = {
        "crux": values["crux"], "fair_rounding": values["fair_rounding"],
        **{s: {"preset": reader, "values": values[s]} for s in ("credibility", "bargaining", "decision", "ladder")},
        "hedges": {"preset": reader, "readings": values["hedges"]},
    }
    store.validate({"schema_version": 2, "course": store.COURSE_ID, "sections": sections})


# --- exporting -------------------------------------------------------------------------------------------


def test_export_names_the_file_after_the_student_and_adds_name_and_time(tmp_path, assumptions_in_tmp):
    store.save_section("crux", {"answer": 0.3})
    written = store.export("  Ana Körtner (s12) ", tmp_path / "hand-in")
    assert written.name == "assumptions_ana-kortner-s12.json"
    document = store.read(written)
    assert document["student"] == "Ana Körtner (s12)" and document["exported"].endswith("Z")
    assert document["sections"] == {"crux": {"answer": 0.3}}


@pytest.mark.parametrize("student", ["", "   ", "???"])
def test_export_refuses_an_empty_name(student, tmp_path):
    with pytest.raises(ValueError, match=r"student=.*: expected"):
        store.export(student, tmp_path)
