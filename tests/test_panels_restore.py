"""A panel created again (a lesson re-run the next day) starts from the
student's saved settings (its section of my_assumptions.json) instead of
its preset, selects no preset button and says so; a preset click still
works and saves; a missing, foreign, newer or broken file never breaks a
panel (it starts from its preset, says which file and leaves it untouched);
restoring writes nothing and touches no other panel's section."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from natodebate import assumptions as store
from natodebate import panels
from natodebate.panels import bargaining, credibility, escalation, forecasts, hypotheses
from natodebate.panels.verdict import VerdictPanel


def _set(widget, value):
    widget.value = value


def _weights(article: str, start: str):
    """Ten claim weights of one article moved (the issue's example), from ``start``."""

    def move(panel):
        panel.preset_buttons.value = start
        ids = list(panel.credence_sliders)[:10]
        for number, claim_id in enumerate(ids):
            panel.credence_sliders[claim_id].value = round(0.05 * (number + 2), 2)
        panel.importance_sliders[ids[-1]].value = 0.95

    return move


def _ach(panel):
    panel.preset_buttons.value = "K"
    panel.rule_buttons.value = "bayes"
    panel.rating_sliders[("D1", "H1")].value = "CC"
    panel.cell_chooser.value = ("D7", "H4")
    panel.cell_rating.value = "II"


def _hedges(panel):
    panel.preset_buttons.value = "P"
    panel.sliders["could"].value = 0.3
    panel.suppose_buttons.value = "True"


#: section → (panel factory, the student's changes, a preset to click afterwards, or None: no preset buttons)
CASES = {
    "crux": (lambda **kw: panels.CruxPanel(**kw), lambda p: _set(p.slider, 0.2), None),
    "weighting_K": (lambda **kw: panels.ClaimWeightingPanel("K", **kw), _weights("K", "persuaded_by_P"), "persuaded_by_K"),
    "weighting_P": (lambda **kw: panels.ClaimWeightingPanel("P", **kw), _weights("P", "persuaded_by_K"), "neutral"),
    "fair_rounding": (
        lambda **kw: panels.FairRoundingPanel(**kw),
        lambda p: (_set(p.tolerance, 4.5), _set(p.vintage, "latest_revision")),
        None,
    ),
    "credibility": (
        lambda **kw: credibility.CredibilityPanel(**kw),
        lambda p: (_set(p.preset_buttons, "P"), _set(p.sliders["linkage"], 0.35), _set(p.sliders["n"], 7)),
        "K",
    ),
    "bargaining": (
        lambda **kw: bargaining.BargainingPanel(**kw),
        lambda p: (_set(p.sliders["q"], 0.3), _set(p.sliders["cost_ukraine"], 0.15)),
        "P",
    ),
    "decision": (
        lambda **kw: escalation.DecisionPanel(**kw),
        lambda p: (_set(p.preset_buttons, "K"), _set(p.sliders["delta_benefit"], 0.6), _set(p.sliders["loss"], 20.0)),
        "neutral",
    ),
    "ladder": (
        lambda **kw: escalation.LadderPanel(**kw),
        lambda p: (_set(p.sliders["lr_quiet"], 1.2), _set(p.sliders["response_risk"], 0.01), _set(p.policy, 2)),
        "K",
    ),
    "hypotheses": (lambda **kw: hypotheses.CompetingHypothesesPanel(**kw), _ach, "P"),
    "hedges": (lambda **kw: forecasts.HedgeReadingPanel(**kw), _hedges, "K"),
}


def _file(folder):
    return folder / store.FILE_NAME


def _figure(panel) -> dict:
    """The figure's traces (without plotly's random trace ids) and layout."""
    figure = panel.figure.to_plotly_json()
    return {"data": [{k: v for k, v in trace.items() if k != "uid"} for trace in figure["data"]], "layout": figure["layout"]}


def _summary(panel) -> str:
    """The readout as a newly built panel writes it: without the "▲ 0.3
    points" that tells how the last move changed it."""
    panel._write_summary()  # noqa: SLF001 - the readout again, with nothing changed since
    return panel.summary.value


def test_every_saving_panel_is_covered():
    assert set(CASES) == set(store.SECTIONS)


@pytest.mark.parametrize("section", list(CASES))
def test_a_new_panel_restores_the_saved_settings_exactly(section, assumptions_in_tmp):
    make, move, _preset = CASES[section]
    saver = make()
    move(saver)
    assert saver.status.value == "" and not saver.restored
    saved_text = _file(assumptions_in_tmp).read_text(encoding="utf-8")

    panel = make()
    assert panel.restored and panel.status.value == ""
    assert panel.settings() | {"preset": None} == saver.settings() | {"preset": None}
    assert _figure(panel) == _figure(saver)
    assert _summary(panel) == _summary(saver)
    assert _file(assumptions_in_tmp).read_text(encoding="utf-8") == saved_text, "restoring writes nothing"
    note = panel.preset_note.value if hasattr(panel, "preset_buttons") else panel.restore_note.value
    assert "Your saved" in note and store.FILE_NAME in note and ", saved 20" in note
    if hasattr(panel, "preset_buttons"):
        assert panel.preset_buttons.value is None, "no preset button is selected"
    else:
        assert panel.restore_note in panel.children


@pytest.mark.parametrize("section", list(CASES))
def test_after_a_restore_a_preset_click_works_and_saves(section, assumptions_in_tmp):
    make, move, preset = CASES[section]
    move(make())
    panel = make()
    assert panel.restored
    if preset is None:  # no presets: the student's next move is saved over the restored settings
        move_again = {"crux": lambda p: _set(p.slider, 0.65), "fair_rounding": lambda p: _set(p.tolerance, 12.0)}[section]
        move_again(panel)
        assert panel.status.value == ""
        assert store.read_sections()[section] == panel.settings()
        return
    panel.preset_buttons.value = preset
    assert panel.status.value == ""
    assert "Your saved" not in panel.preset_note.value
    saved = store.read_sections()[section]
    assert saved == store.validate(store.empty() | {"sections": {section: panel.settings()}})["sections"][section]
    # the preset's values, as a panel that never restored has them after the same click
    # (a preset sets the values it holds; lesson 07's rule and lesson 08's what-if stay as they are)
    fresh = make(restore=False)
    for control in ("rule_buttons", "suppose_buttons"):
        if hasattr(panel, control):
            getattr(fresh, control).value = getattr(panel, control).value
    fresh.preset_buttons.value = preset
    assert panel.settings() == fresh.settings()
    assert _figure(panel) == _figure(fresh)
    assert store.read_sections()[section] == saved


def test_the_issues_example_ten_claim_weights_survive_a_rerun_and_one_more_move(assumptions_in_tmp):
    yesterday = panels.ClaimWeightingPanel("K")
    _weights("K", "neutral")(yesterday)
    changed = store.read_sections()["weighting_K"]["credence"]
    assert len(changed) >= 9  # one of the ten may equal the preset's value
    today = panels.ClaimWeightingPanel("K")
    one = next(iter(today.credence_sliders))
    today.credence_sliders[one].value = 0.9
    after = store.read_sections()["weighting_K"]["credence"]
    assert after == {**changed, one: 0.9}, "the other nine weights are kept"


def test_restore_false_and_a_file_without_the_panels_section_start_from_the_preset(assumptions_in_tmp):
    panels.CruxPanel().slider.value = 0.2
    fresh = credibility.CredibilityPanel("K")  # the file has no credibility section
    assert not fresh.restored and fresh.preset_buttons.value == "K" and fresh.status.value == ""
    ignored = panels.CruxPanel(restore=False)
    assert not ignored.restored and ignored.slider.value == ignored.crux["start"]
    assert len(ignored.children) == len(panels.CruxPanel(restore=False).children)
    assert panels.CruxPanel("restraint").slider.value == 0.2


def test_with_no_file_a_panel_is_exactly_as_before(assumptions_in_tmp):
    """What the lessons show under nbval (no saved file): the preset, its note, no restore note."""
    for make, _move, _preset in CASES.values():
        panel = make()
        assert not panel.restored and panel.status.value == ""
        if hasattr(panel, "preset_buttons"):
            assert panel.preset_buttons.value is not None and "Your saved" not in panel.preset_note.value
        else:
            assert panel.restore_note not in panel.children
    assert not _file(assumptions_in_tmp).exists()


def test_the_note_gives_the_saved_time_in_local_time(assumptions_in_tmp):
    document = store.empty() | {"saved": "2026-03-01T10:15:00Z", "sections": {"crux": {"answer": 0.35}}}
    store.write(document)
    panel = panels.CruxPanel()
    local = datetime(2026, 3, 1, 10, 15, tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    assert panel.slider.value == 0.35
    assert f"(my_assumptions.json, saved {local})" in panel.restore_note.value
    assert "the lesson starts from" in panel.restore_note.value


def test_an_older_version_file_is_migrated_and_restored(assumptions_in_tmp):
    old = {
        "schema_version": 1, "course": store.COURSE_ID, "saved": "2026-02-01T09:00:00Z",
        "panels": {"crux": {"answer": 0.3}, "weighting_K": {"preset": "neutral", "weights": {"K33": [0.6, 0.9]}}},
    }
    _file(assumptions_in_tmp).write_text(json.dumps(old), encoding="utf-8")
    panel = panels.ClaimWeightingPanel("K")
    assert panel.restored and panel.status.value == ""
    assert panel.credence["K33"] == 0.6 and panel.importance["K33"] == 0.9
    assert panels.CruxPanel().slider.value == 0.3
    panel.credence_sliders["K27"].value = 0.1  # the next save writes version 2, every section kept
    document = json.loads(_file(assumptions_in_tmp).read_text(encoding="utf-8"))
    assert document["schema_version"] == store.SCHEMA_VERSION
    assert document["sections"]["crux"] == {"answer": 0.3}
    assert document["sections"]["weighting_K"]["credence"] == {"K33": 0.6, "K27": 0.1}


BAD_FILES = {
    "not JSON": ('{"schema_version": 2, "course": ', "not valid JSON"),
    "another course": (json.dumps({"schema_version": 2, "course": "another-course", "sections": {}}), "belongs to another course"),
    "not an assumptions file": (json.dumps([1, 2, 3]), "not an assumptions file"),
    "a newer version": (
        json.dumps({"schema_version": 3, "course": store.COURSE_ID, "sections": {}}), "written by a newer version",
    ),
    "a hand-edited mistake": (
        json.dumps({"schema_version": 2, "course": store.COURSE_ID, "sections": {"crux": {"answer": 7}, "credibility": {"preset": "K"}}}),
        "sections.crux.answer=7",
    ),
}


@pytest.mark.parametrize("section", list(CASES))
@pytest.mark.parametrize("bad", list(BAD_FILES))
def test_a_bad_file_never_breaks_a_panel_and_is_left_untouched(bad, section, assumptions_in_tmp, caplog):
    text, message = BAD_FILES[bad]
    _file(assumptions_in_tmp).write_text(text, encoding="utf-8")
    make, move, _preset = CASES[section]
    panel = make()  # no exception
    reference = make(restore=False)
    assert not panel.restored
    assert store.FILE_NAME in panel.status.value and "could not be read" in panel.status.value
    assert "left untouched" in panel.status.value and message in panel.status.value
    assert "Traceback" not in panel.status.value
    assert _figure(panel) == _figure(reference) and panel.settings() == reference.settings()
    if hasattr(panel, "preset_buttons"):
        assert panel.preset_buttons.value == reference.preset_buttons.value is not None
    move(panel)  # the panel works; the save is refused, and says so
    assert "could not be saved" in panel.status.value and "not overwritten" in panel.status.value
    assert _file(assumptions_in_tmp).read_text(encoding="utf-8") == text
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]


def test_a_file_that_is_not_utf8_or_not_a_file_never_breaks_a_panel(tmp_path, monkeypatch, assumptions_in_tmp):
    _file(assumptions_in_tmp).write_bytes(b"\xff\xfe\x00garbage")
    panel = credibility.CredibilityPanel()
    assert "not UTF-8" in panel.status.value and panel.preset_buttons.value == "neutral"
    assert _file(assumptions_in_tmp).read_bytes() == b"\xff\xfe\x00garbage"
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(store.ENV_VAR, str(blocker / store.FILE_NAME))
    panel = panels.ClaimWeightingPanel("P")
    assert "could not be read" in panel.status.value and panel.preset_buttons.value == "neutral"


def test_a_section_that_cannot_be_applied_falls_back_to_the_preset(assumptions_in_tmp, monkeypatch):
    credibility.CredibilityPanel().sliders["linkage"].value = 0.9
    saved = _file(assumptions_in_tmp).read_text(encoding="utf-8")

    def broken(self, section):
        self._write_values({**section["values"], "linkage": 0.1})
        raise KeyError("prior")

    monkeypatch.setattr(credibility.CredibilityPanel, "_apply_saved", broken)
    panel = credibility.CredibilityPanel()
    reference = credibility.CredibilityPanel(restore=False)
    assert not panel.restored and "could not be restored" in panel.status.value
    assert panel.settings() == reference.settings() and _figure(panel) == _figure(reference)
    assert _file(assumptions_in_tmp).read_text(encoding="utf-8") == saved


def test_restoring_one_panel_leaves_the_other_sections_alone(assumptions_in_tmp):
    for make, move, _preset in CASES.values():
        move(make())
    before = store.read_sections()
    text = _file(assumptions_in_tmp).read_text(encoding="utf-8")
    restored = {section: make() for section, (make, _move, _preset) in CASES.items()}
    assert all(panel.restored for panel in restored.values())
    assert _file(assumptions_in_tmp).read_text(encoding="utf-8") == text, "building panels writes nothing"
    restored["credibility"].sliders["prior"].value = 0.3
    after = store.read_sections()
    assert {k: v for k, v in after.items() if k != "credibility"} == {k: v for k, v in before.items() if k != "credibility"}
    assert after["credibility"]["values"]["prior"] == 0.3


def test_lesson_09_reads_what_restored_panels_saved(assumptions_in_tmp):
    panels.CruxPanel().slider.value = 0.2
    panel = credibility.CredibilityPanel()
    panel.sliders["linkage"].value = 0.35
    again = credibility.CredibilityPanel()
    assert again.restored
    again.sliders["n"].value = 4
    verdict = VerdictPanel()
    assert verdict.status.value == ""
    assert verdict.sources["credibility"] == "saved" and verdict.sources["crux"] == "saved"
    assert "saved in lessons 00, 04" in verdict.source_note.value
