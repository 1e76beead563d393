"""Lesson 09's model and panel (natodebate.models.verdict,
natodebate.panels.verdict): the ledger, the verdicts, and the single
assumptions that flip one, computed by one rule for both articles."""

from __future__ import annotations

import pandas as pd
import pytest

from natodebate import assumptions as store
from natodebate.models import escalation
from natodebate.models import verdict as model
from natodebate.panels.verdict import VerdictPanel


def test_each_readers_presets_side_with_that_reader_on_every_question():
    table = model.reader_verdicts()
    assert list(table.index) == [*model.QUESTIONS, "overall"]
    assert set(table["K"]) == {"K"} and set(table["P"]) == {"P"}


def test_the_neutral_reader_as_the_lesson_says():
    table = model.reader_verdicts()
    assert model.tally(pd.DataFrame({"verdict": table["neutral"].drop("overall")})) == {"K": 5, "P": 2, "neither": 1}
    assert table.at["hypotheses", "neutral"] == "neither" and table.at["overall", "neutral"] == "K"


def test_the_verdicts_agree_with_each_lessons_own_preset_tables():
    """The question verdicts come from the lessons' own models: they agree
    with the side-by-side tables lessons 04–08 print."""
    from natodebate.models import bargaining, credibility, forecasts, hypotheses

    for reader in model.READERS:
        mine = model.verdicts(model.reader_values(reader))["verdict"]
        assert (mine["credibility"] == "K") == (credibility.preset_verdicts().at["Russia probes", reader] == "yes")
        conclusion = bargaining.preset_verdicts().at["conclusion", reader]
        assert mine["bargaining"] == ("K" if "(Kagan)" in conclusion else "P" if "(Petrovics)" in conclusion else "neither")
        tree = escalation.preset_verdicts().loc[:, reader]
        assert (mine["decision"] == "K") == (tree["decision tree"] == "intervene")
        assert (mine["ladder"] == "P") == (tree["safest ladder policy"] == "never respond")
        assert (mine["hedges"] == "P") == (forecasts.reading_verdicts().at["Petrovics: verdict", reader] == "better than a coin flip")
        heuer = hypotheses.preset_verdicts().at["Heuer count", reader]
        assert (mine["hypotheses"] == "K") == heuer.startswith("H1 leads")


def test_with_nothing_saved_the_ledger_is_the_neutral_preset_and_says_so():
    values, sources = model.values_from_sections({})
    assert set(sources.values()) == {"neutral preset"}
    ledger = model.ledger(values, sources, claims="all")
    table = model.assumption_table()
    assert len(ledger) == len(table)
    for key, row in ledger.iterrows():
        assert row["yours"] == model._shown(table.at[key, "neutral"]), key
        assert row["K's preset"] == model._shown(table.at[key, "K"]) and row["P's preset"] == model._shown(table.at[key, "P"])
    assert set(ledger["from"]) == {"neutral preset"}
    assert set(ledger.columns) >= {"lesson", "assumption", "yours", "K's preset", "P's preset", "unit"}


@pytest.mark.parametrize("reader", ["K", "P"])
def test_a_readers_values_sit_at_its_own_preset(reader):
    ledger = model.ledger(model.reader_values(reader), claims="all")
    assert (ledger["yours"] == ledger[f"{reader}'s preset"]).all()
    decided = ledger[ledger["K's preset"] != ledger["P's preset"]]
    assert set(decided["nearer"]) == {reader}


def test_saved_sections_replace_the_preset_and_the_rest_are_filled(assumptions_in_tmp):
    store.save_section("credibility", {"preset": None, "values": {**model.reader_values("K")["credibility"], "linkage": 0.3}})
    store.save_section("hypotheses", {"preset": "P", "rule": "bayes", "ratings": {"D1/H1": "CC"}})
    values, sources = model.student_values()
    assert sources["credibility"] == sources["hypotheses"] == "saved" and sources["crux"] == "neutral preset"
    assert values["credibility"]["linkage"] == 0.3 and values["credibility"]["prior"] == model.reader_values("K")["credibility"]["prior"]
    assert values["hypotheses"]["rule"] == "bayes" and values["hypotheses"]["D1/H1"] == "CC"
    assert values["hypotheses"]["D2/H1"] == model.reader_values("P")["hypotheses"]["D2/H1"]
    ledger = model.ledger(values, sources)
    assert ledger.at["credibility.linkage", "yours"] == "0.3" and ledger.at["credibility.linkage", "from"] == "saved"


# --- flips: one rule for both articles ----------------------------------------------------------------


def _mirror(table: pd.DataFrame) -> pd.DataFrame:
    swap = {"K": "P", "P": "K", "neither": "neither"}
    mirrored = table.copy()
    for column in ("set to", "before", "after", "overall before", "overall after"):
        mirrored[column] = mirrored[column].map(swap)
    return mirrored


def test_flips_treats_both_articles_by_the_same_rule():
    """Relabelling K ↔ P in a flip table turns the K answer into the P answer."""
    table = pd.DataFrame([
        {"key": "a", "set to": "P", "before": "K", "after": "P", "overall before": "K", "overall after": "K"},
        {"key": "b", "set to": "P", "before": "K", "after": "neither", "overall before": "K", "overall after": "neither"},
        {"key": "c", "set to": "K", "before": "P", "after": "K", "overall before": "K", "overall after": "K"},
        {"key": "d", "set to": "K", "before": "neither", "after": "K", "overall before": "K", "overall after": "K"},
        {"key": "e", "set to": "K", "before": "K", "after": "P", "overall before": "K", "overall after": "K"},
    ])
    values = model.reader_values("neutral")
    for article, other in (("K", "P"), ("P", "K")):
        found = model.flips(values, article, table)
        mirrored = model.flips(values, other, _mirror(table))
        assert list(found["key"]) == list(mirrored["key"])
    assert list(model.flips(values, "K", table)["key"]) == ["a", "b"]
    assert list(model.flips(values, "P", table)["key"]) == ["c"]


@pytest.mark.parametrize("article", ["K", "P"])
def test_a_readers_flips_set_one_assumption_to_the_other_readers_value(article):
    other = "P" if article == "K" else "K"
    flips = model.flips(model.reader_values(article), article, model.reader_flips(article))
    table = model.assumption_table()
    assert not flips.empty
    for _, row in flips.iterrows():
        assert row["before"] == article and row["after"] != article and row["set to"] == other
        assert row["value"] == model._shown(table.at[row["key"], other])
        changed = model.reader_values(article)
        section, name = table.at[row["key"], "section"], table.at[row["key"], "name"]
        changed[section][name] = table.at[row["key"], other]
        assert model.verdicts(changed).at[row["question"], "verdict"] == row["after"]


@pytest.mark.parametrize("function", ["decide", "ladder"])
def test_flips_match_lesson_06s_own_swaps_in_both_directions(function):
    """Lesson 06 computes the same swap independently (preset_swaps): K
    with one value of P's, and P with one of K's. Both directions agree."""
    swaps = escalation.preset_swaps(function)
    section = "decision" if function == "decide" else "ladder"
    flips = {r: set(model.reader_flips(r)["key"]) for r in ("K", "P")}
    for name in escalation.preset("K", function):
        key = f"{section}.{name}"
        if function == "decide":
            k_flips, p_flips = swaps.at[name, "K with P's value"] == "restrain", swaps.at[name, "P with K's value"] == "intervene"
        else:
            k_flips = swaps.at[name, "K with P's value"] == "never respond"
            p_flips = swaps.at[name, "P with K's value"] != "never respond"
        assert (key in flips["K"]) == k_flips, key
        assert (key in flips["P"]) == p_flips, key


def test_the_lesson_numbers_of_the_flips():
    k, p = model.reader_flips("K"), model.reader_flips("P")
    assert len(k) == 8 and len(p) == 5
    both = set(k["key"]) & set(p["key"])
    assert both == {"crux.answer", "bargaining.cost_increase", "decision.p_nuclear_intervention"}
    assert model.decisive_flips(k).empty and model.decisive_flips(p).empty


def test_a_close_count_has_a_decisive_assumption():
    values = model.reader_values("neutral")
    values["crux"]["answer"] = 0.0  # crux to P: K 4, P 3, neither 1
    base = model.verdicts(values)
    assert model.tally(base) == {"K": 4, "P": 3, "neither": 1}
    decisive = model.decisive_flips(model.flip_table(values, base))
    assert not decisive.empty
    assert (decisive["overall before"] != decisive["overall after"]).all()


def test_positions_run_from_ks_preset_to_ps():
    values = model.reader_values("neutral")
    table = model.position_table(values)
    for key in table.index:
        at_k, at_p = model.set_position(values, key, 0.0), model.set_position(values, key, 1.0)
        row = model.assumption_table().loc[key]
        assert at_k[row["section"]][row["name"]] == pytest.approx(row["K"]) if row["scale"] != "ordinal" else row["K"]
        assert model.position_table(at_p).at[key, "position"] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="key='fair_rounding.vintage'"):
        model.set_position(values, "fair_rounding.vintage", 0.5)


def test_bad_arguments_name_the_parameter():
    with pytest.raises(ValueError, match="reader='Q'"):
        model.reader_values("Q")
    with pytest.raises(ValueError, match="article='neutral'"):
        model.flips(model.reader_values("K"), "neutral")
    with pytest.raises(ValueError, match="claims='some'"):
        model.ledger(model.reader_values("K"), claims="some")


# --- the panel ------------------------------------------------------------------------------------------------


def test_the_panel_switches_sources_and_its_what_if_moves_figure_and_readout(assumptions_in_tmp):
    panel = VerdictPanel("K")
    assert "Kagan's reader on <b>8</b> of 8" in panel.summary.value
    before = (list(panel.figure.data[0].x), panel.summary.value)
    assert panel.what_if.value == model.reader_flips("K")["key"].iloc[0]
    panel.slider.value = 1.0  # the first flip, all the way to P's preset
    assert panel.status.value == ""
    assert list(panel.figure.data[0].x) != before[0] and panel.summary.value != before[1]
    assert "on <b>7</b> of 8" in panel.summary.value
    assert not (assumptions_in_tmp / store.FILE_NAME).exists(), "the what-if never writes the student's file"
    panel.source.value = "P"
    assert "Petrovics's reader on <b>8</b>" in panel.summary.value


def test_the_panel_reads_the_saved_file_and_rejects_a_broken_one(assumptions_in_tmp):
    store.save_section("crux", {"answer": 0.0})
    panel = VerdictPanel()
    assert "saved in lessons 00" in panel.source_note.value
    (assumptions_in_tmp / store.FILE_NAME).write_text('{"schema_version": 2, "course": "restraint-or-resolve", "sections": {"crux": {"answer": 2}}}',
                                                     encoding="utf-8")
    panel = VerdictPanel()
    assert "sections.crux.answer=2: expected a number from 0 to 1" in panel.status.value
    assert "showing the neutral presets" in panel.source_note.value


def test_the_panel_exports_to_the_folder(tmp_path, assumptions_in_tmp):
    store.save_section("crux", {"answer": 0.7})
    panel = VerdictPanel(folder=tmp_path)
    panel.student.value = "Ana K."
    panel.export_button.click()
    written = tmp_path / "assumptions_ana-k.json"
    assert written.exists() and "assumptions_ana-k.json" in panel.export_note.value
    assert store.read(written)["sections"] == {"crux": {"answer": 0.7}}
    panel.student.value = ""
    panel.export_button.click()
    assert "student=&#x27;&#x27;: expected your name or student id" in panel.status.value


def test_crossings_walk_both_ways_by_one_rule_and_find_the_tilt_the_lesson_reports():
    table = model.crossings(step=0.1)
    assert list(table.index) == list(model.QUESTIONS)
    # every question changes hands somewhere between the two readers' presets, walking either way
    assert table["leaves K at"].notna().all() and table["leaves P at"].notna().all()
    assert ((table["leaves K at"] > 0) & (table["leaves P at"] < 1)).all()
    assert table["midway from K"].value_counts().to_dict() == {"K": 6, "P": 2}, "lesson 09 says six to two"
    assert table["midway from P"].value_counts().to_dict() == {"K": 5, "P": 2, "neither": 1}, "and five to two from P's side"
    # only lesson 07's ratings depend on the side a halfway rating is rounded to
    differs = table.index[table["midway from K"] != table["midway from P"]].tolist()
    assert differs == ["hypotheses"]
    assert table.loc["credibility", "leaves K at"] == 0.1 and table.loc["bargaining", "leaves K at"] == 1.0


def test_crossings_on_a_finer_grid_agree_with_the_coarser_one():
    coarse, fine = model.crossings(step=0.1), model.crossings(step=0.05)
    assert ((fine["leaves K at"] <= coarse["leaves K at"]) & (fine["leaves K at"] > coarse["leaves K at"] - 0.1 - 1e-9)).all()


def test_crossings_refuse_a_step_that_misses_the_midpoint():
    with pytest.raises(ValueError, match="step=0.3: must divide 0.5"):
        model.crossings(step=0.3)


def test_values_allowed_one_by_one_but_not_together_give_neither_and_never_crash_the_flips():
    values = model.reader_values("neutral")
    values["bargaining"] = {**values["bargaining"], "cost_russia": 0.05, "cost_increase": -0.1}
    table = model.verdicts(values)
    assert table.at["bargaining", "verdict"] == "neither"
    assert table.at["bargaining", "because"].startswith("outside the model: cost_russia + q·cost_increase")
    flips = model.flip_table(values, table)  # raised ValueError before
    assert not ((flips["key"] == "bargaining.cost_increase") & (flips["set to"] == "P")).any()


def test_a_rating_halfway_between_the_presets_goes_to_the_side_asked_for():
    k = model.reader_values("K")
    assert (model.reader_values("K")["hypotheses"]["D1/H3"], model.reader_values("P")["hypotheses"]["D1/H3"]) == ("I", "N")
    halfway = {tie: model.set_position(k, "hypotheses.D1/H3", 0.5, tie=tie)["hypotheses"]["D1/H3"] for tie in (None, "K", "P")}
    assert halfway == {None: "N", "K": "I", "P": "N"}
    with pytest.raises(ValueError, match="tie"):
        model.set_position(k, "hypotheses.D1/H3", 0.5, tie="neutral")


def test_recomputing_only_the_moved_assumptions_question_gives_the_full_table():
    values = model.reader_values("neutral")
    before = model.verdicts(values)
    for key in ("crux.answer", "bargaining.cost_increase", "hypotheses.D1/H3"):
        moved = model.set_position(values, key, 0.0)
        assert model.verdicts(moved, previous=before, changed=key).equals(model.verdicts(moved)), key
    with pytest.raises(ValueError, match="changed='nothing'"):
        model.verdicts(values, previous=before, changed="nothing")


@pytest.mark.parametrize("reader", model.READERS)
def test_the_flip_table_equals_trying_each_assumption_one_at_a_time(reader):
    # flip_table tries claim weights, crux answers, ACH cells and hedge
    # readings in batches; trying every change through verdicts() one at a
    # time must find exactly the same flips.
    values = model.reader_values(reader)
    base = model.verdicts(values)
    table = model.assumption_table()
    expected = set()
    for key, row in table.iterrows():
        if row["question"] is None or row["K"] == row["P"]:
            continue
        for target in ("K", "P"):
            if values[row["section"]][row["name"]] == row[target]:
                continue
            changed = {**values, row["section"]: {**values[row["section"]], row["name"]: row[target]}}
            after = model.verdicts(changed).at[row["question"], "verdict"]
            if after != base.at[row["question"], "verdict"]:
                expected.add((key, target, after))
    found = model.flip_table(values)
    assert set(zip(found["key"], found["set to"], found["after"])) == expected
    assert len(found) == len(expected) > 0


def test_a_claim_weight_the_model_refuses_gives_neither_and_no_flip_instead_of_a_crash():
    values = model.reader_values("neutral")
    key = next(k for k in values["weighting_K"] if k.startswith("credence."))
    values["weighting_K"] = {**values["weighting_K"], key: 1.5}  # a hand-made value outside 0–1
    assert model.verdicts(values).at["weighting", "verdict"] == "neither"
    table = model.flip_table(values)  # the other weights' changes keep the bad value: no verdict, no flip
    weighting = table[table["question"] == "weighting"]
    assert set(weighting["key"]) == {f"weighting_K.{key}"} and set(weighting["before"]) == {"neither"}
