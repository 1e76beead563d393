"""Every number lesson 03 prints, recomputed from data/, and the models'
input validation."""

from __future__ import annotations

import pandas as pd
import pytest

from natodebate import data
from natodebate.models import factcheck as check

# --- size --------------------------------------------------------------------------


def test_area_ratio_is_28_3():
    assert check.area_ratio() == pytest.approx(17_098_242 / 603_550)
    assert round(check.area_ratio(), 1) == 28.3
    assert round(check.area_ratio("land"), 1) == round(16_377_742 / 579_330, 1) == 28.3


def test_gdp_and_population_ratios_2021():
    assert round(check.gdp_ratio(2021), 1) == 9.2  # 1,843.4 / 199.8
    assert round(check.population_ratio(2021), 1) == 3.3  # 144.7 m / 44.3 m
    # After the invasion Ukraine's GDP fell and Russia's rose in dollars
    assert check.gdp_ratio(2022) == pytest.approx(2266.0 / 162.0)


def test_ratio_rejects_bad_input():
    with pytest.raises(ValueError, match="denominator"):
        check.ratio(1.0, 0.0)
    with pytest.raises(ValueError, match="numerator"):
        check.ratio(float("nan"), 1.0)
    with pytest.raises(ValueError, match="kind='sea'"):
        check.area_ratio("sea")
    with pytest.raises(ValueError, match="year=1999"):
        check.gdp_ratio(1999)


# --- SIPRI and the data vintage ----------------------------------------------------------


def test_budget_ratio_depends_on_the_vintage():
    first = check.military_expenditure_ratio(2021, "first_published")
    latest = check.military_expenditure_ratio(2021, "latest_revision")
    assert first == pytest.approx(65.9 / 5.9)
    assert latest == pytest.approx(65.92 / 6.84)
    assert (round(first, 1), round(latest, 1)) == (11.2, 9.6)


def test_spending_series_covers_2014_to_2025_and_the_gap_narrows():
    series = check.spending_series("latest_revision")
    assert list(series.index) == list(range(2014, 2026))
    assert (series["russia_usd_bn"] > series["ukraine_usd_bn"]).all()
    assert round(series.loc[2025, "ratio"], 2) == round(190.42 / 84.11, 2) == 2.26
    assert series.loc[2025, "ukraine_pct_gdp"] == 39.6
    # the first-published vintage has only the years with both countries
    assert list(check.spending_series("first_published").index) == [2021, 2022, 2023, 2024]


def test_sipri_revisions():
    revisions = check.sipri_revisions().set_index(["country", "year"])["revision_pct"]
    assert revisions[("Russia", 2022)] == pytest.approx((104.40 / 86.4 - 1) * 100)
    assert round(revisions[("Russia", 2022)], 1) == 20.8
    assert round(revisions[("Ukraine", 2021)], 1) == 15.9  # 5.9 → 6.84


def test_military_expenditure_rejects_bad_input():
    with pytest.raises(ValueError, match="vintage='today'"):
        check.military_expenditure("Russia", 2021, "today")
    with pytest.raises(ValueError, match="country='Belarus'"):
        check.military_expenditure("Belarus", 2021)
    with pytest.raises(ValueError, match="year=2013"):
        check.military_expenditure_ratio(2013, "latest_revision")


# --- fair rounding ------------------------------------------------------------------------


def test_relative_gap_point_and_range():
    assert check.relative_gap_pct(30, 28.33) == pytest.approx((30 / 28.33 - 1) * 100)
    assert check.relative_gap_pct(190_000, 169_000, 190_000) == 0.0
    assert check.relative_gap_pct(200_000, 169_000, 190_000) == pytest.approx((200 / 190 - 1) * 100)
    assert check.relative_gap_pct(150_000, 169_000, 190_000) == pytest.approx((150 / 169 - 1) * 100)


def test_is_fair_rounding_at_the_edge():
    assert check.is_fair_rounding(110, 100, tolerance_pct=10)
    assert not check.is_fair_rounding(110.01, 100, tolerance_pct=10)
    assert check.is_fair_rounding(100, 100, tolerance_pct=0)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"claimed": 0, "low": 1}, "claimed=0"),
        ({"claimed": 1, "low": -1}, "low=-1"),
        ({"claimed": 1, "low": 5, "high": 2}, "high=2"),
        ({"claimed": 1, "low": 1, "tolerance_pct": 120}, "tolerance_pct=120"),
        ({"claimed": 1, "low": 1, "tolerance_pct": "ten"}, "tolerance_pct='ten'"),
    ],
)
def test_fair_rounding_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        check.is_fair_rounding(**kwargs)


def test_numeric_claims_at_10_percent_first_published():
    checks = check.numeric_claim_checks(10, "first_published").set_index("numeric_claim_id")
    # 1/30 of the size: the real fraction is 1/28.3, the claim 5.6% smaller
    assert checks.loc["NC1", "gap_pct"] == pytest.approx((603_550 / 17_098_242 * 30) ** -1 * 100 - 100)
    assert round(checks.loc["NC1", "gap_pct"], 1) == -5.6
    # 1/10 of the budget against 5.9/65.9: the claim is 11.7% too generous to Ukraine
    assert round(checks.loc["NC2", "gap_pct"], 1) == round((0.1 / (5.9 / 65.9) - 1) * 100, 1) == 11.7
    assert checks.loc["NC3", "gap_pct"] == 0.0  # 190,000 is the top of 169,000-190,000
    assert list(checks["passes"]) == [True, False, True]


def test_numeric_claims_vintage_flips_the_budget_claim():
    latest = check.numeric_claim_checks(10, "latest_revision").set_index("numeric_claim_id")
    assert round(latest.loc["NC2", "gap_pct"], 1) == round((0.1 / (6.84 / 65.92) - 1) * 100, 1) == -3.6
    assert latest["passes"].all()
    assert check.numeric_claim_checks(12, "first_published")["passes"].all()
    assert not check.numeric_claim_checks(5, "latest_revision")["passes"].all()  # NC1 at 5.6%


def test_pass_counts_per_article():
    counts = check.pass_counts(check.numeric_claim_checks(10, "first_published"))
    assert list(counts.index) == ["P", "K"]
    assert counts.loc["P"].tolist() == [2, 1]
    assert counts.loc["K"].tolist() == [1, 1]


def test_numeric_claims_reject_bad_input():
    with pytest.raises(ValueError, match="vintage='2022'"):
        check.numeric_claim_checks(10, "2022")
    with pytest.raises(ValueError, match="tolerance_pct=-1"):
        check.numeric_claim_checks(-1)
    with pytest.raises(ValueError, match="measure='speed'"):
        check.measured_value("speed")


# --- forecasts vs outcomes ----------------------------------------------------------------------


def test_forecast_errors_against_the_revised_outcome():
    errors = check.forecast_errors(2022, "revised estimate").set_index(["issuer", "stage", "source_date"])
    spring = errors.xs("spring 2022", level="stage")["error_pp"].round(1)
    assert spring[("IMF", "2022-04-19")] == round(-8.5 - -1.2, 1) == -7.3
    assert spring[("World Bank", "2022-04-10")] == -10.0
    assert spring[("Analyst consensus", "2022-04")] == -7.2
    assert errors.xs("pre-war", level="stage")["error_pp"].round(1).tolist() == [4.0]


def test_forecast_errors_against_the_first_outcome():
    errors = check.forecast_errors(2022, "first estimate")
    spring = errors[errors["stage"] == "spring 2022"].set_index("issuer")["error_pp"].round(1)
    assert spring.to_dict() == {"Analyst consensus": -6.3, "World Bank": -9.1, "IMF": -6.4}
    # each issuer's later revisions came closer to the outcome, step by step
    for issuer in ("IMF", "World Bank"):
        mine = errors[(errors["issuer"] == issuer) & (errors["stage"] != "pre-war")]
        assert mine["error_pp"].abs().is_monotonic_decreasing, issuer


def test_outcomes_leave_out_the_unconfirmed_revision():
    outcomes = check.gdp_outcomes()
    assert outcomes.loc[2021, "revised estimate"] == 5.6  # not the unconfirmed 5.9
    assert outcomes.loc[2022].tolist() == [-2.1, -1.2]
    assert outcomes.loc[2024].tolist() == [4.1, 4.3]
    assert check.gdp_outcome(2025, "first estimate") == 1.0


def test_forecast_errors_reject_bad_input():
    with pytest.raises(ValueError, match="stage='final'"):
        check.forecast_errors(2022, "final")
    with pytest.raises(ValueError, match="target_year=2030"):
        check.gdp_outcome(2030)


def test_models_work_on_hand_made_tables():
    growth = pd.DataFrame(
        {
            "country": ["Russia"] * 3, "target_year": [2022] * 3, "kind": ["forecast", "outcome", "outcome"],
            "issuer": ["IMF", "Rosstat", "Rosstat"], "stage": ["spring 2022", "first estimate", "revised estimate"],
            "growth_pct": [-10.0, -4.0, -2.0], "source_date": ["2022-04", "2023-02", "2024-02"],
            "confidence": ["high"] * 3,
        }
    )
    errors = check.forecast_errors(2022, "revised estimate", growth=growth)
    assert errors["error_pp"].tolist() == [-8.0]


# --- NATO spending --------------------------------------------------------------------------------


def test_listed_allies_at_2_percent():
    assert check.allies_at_or_above(2014) == ["United Kingdom", "United States"]
    assert len(check.allies_at_or_above(2021)) == 5
    assert len(check.allies_at_or_above(2024)) == 8  # Germany at exactly 2.00 counts
    assert len(check.allies_at_or_above(2024, vintage="first_estimate")) == 8
    # Germany's 2025 figure is unconfirmed: left out unless asked for
    assert "Germany" not in check.allies_at_or_above(2025)
    assert len(check.allies_at_or_above(2025)) == 10
    assert "Germany" in check.allies_at_or_above(2025, include_unconfirmed=True)


def test_nato_reported_counts_and_changes():
    reported = check.reported_allies_at_2pct()
    assert reported["allies_at_or_above_2pct"].to_dict() == {2014: 3, 2022: 7, 2023: 11, 2024: 23, 2025: 31}
    assert reported.loc[2025, "share_pct"] == 100.0
    assert round(check.spending_change("Poland", 2014, 2025), 2) == round(4.48 - 1.86, 2) == 2.62
    assert check.pledge_components() == {"core defence": 3.5, "defence- and security-related": 1.5, "total": 5.0}


def test_nato_rejects_bad_input():
    with pytest.raises(ValueError, match="threshold_pct=-2"):
        check.allies_at_or_above(2024, -2)
    with pytest.raises(ValueError, match="vintage='draft'"):
        check.allies_at_or_above(2024, vintage="draft")
    with pytest.raises(ValueError, match="ally='Narnia'"):
        check.spending_change("Narnia")
    with pytest.raises(ValueError, match="to_year=2022"):
        check.spending_change("Poland", 2014, 2022)


def test_a_pledge_that_does_not_add_up_is_refused():
    bad = pd.DataFrame({"component": ["core defence", "defence- and security-related", "total"], "pct_gdp": [3.5, 1.0, 5.0]})
    with pytest.raises(ValueError, match="add up"):
        check.pledge_components(bad)


# --- forces and posture -------------------------------------------------------------------------


def test_us_troops_in_europe_rose_by_a_quarter():
    change = check.us_troop_change()
    assert change == {"before": 80_000.0, "after": 100_000.0, "change": 20_000.0, "change_pct": 25.0}


def test_troops_moved_forward_before_the_invasion():
    assert check.troops_moved_forward("2022-02-24") == 1_700 + 300 + 1_000 + 3_000 + 800 == 6_800
    assert check.troops_moved_forward("2022-02-05") == 3_000
    moves = check.forward_moves("forward_in_europe", "2022-02-24")
    assert not moves["destination"].str.contains("Ukraine").any()
    assert len(check.forward_moves("black_sea", "2022-02-24")) == 2


def test_force_estimate_before_the_invasion():
    estimate = check.force_estimate()
    assert (estimate["troops_low"], estimate["troops_high"]) == (169_000, 190_000)
    assert "in and near Ukraine" in estimate["scope"]
    assert check.force_estimate("2022-01-01")["troops_high"] == 175_000


def test_posture_rejects_bad_input():
    with pytest.raises(ValueError, match="until='soon'"):
        check.forward_moves("forward_in_europe", "soon")
    with pytest.raises(ValueError, match="kind='airlift'"):
        check.forward_moves("airlift")
    with pytest.raises(ValueError, match="before='2020-01-01'"):
        check.force_estimate("2020-01-01")


# --- polls, shadow war, drones, the Baltic program -----------------------------------------------


def test_kiis_shift_since_may_2022():
    assert check.kiis_shift("no_territorial_concessions", "May 2022", "Sept-Oct 2025") == 54 - 82 == -28
    assert check.kiis_shift("some_concessions_for_peace", "May 2022", "Sept-Oct 2025") == 38 - 10 == 28
    series = check.kiis_series()
    assert series.index[0] == "May 2022" and series.index[-1] == "Nov-Dec 2025"
    assert series["fieldwork_end"].is_monotonic_increasing
    with pytest.raises(ValueError, match="no value"):
        check.kiis_shift("no_territorial_concessions", "Feb 2024", "May 2024")
    with pytest.raises(ValueError, match="from_wave='June 2022'"):
        check.kiis_shift(from_wave="June 2022")
    kiis = check.confirmed("kiis_concessions")
    doubled = pd.concat([kiis, kiis[kiis["fieldwork"] == "May 2022"]])
    with pytest.raises(data.DataError, match="2 rows for fieldwork='May 2022'"):
        check.kiis_shift(kiis=doubled)


def test_cbos_refugee_support_fell_46_points():
    assert check.cbos_shift("accept_refugees", "for", "2022-03", "2025-09") == 48 - 94 == -46
    assert check.cbos_shift("accept_refugees", "against", "2022-03", "2025-09") == 45 - 3 == 42
    with pytest.raises(ValueError, match="to_month='2024-01'"):
        check.cbos_shift(to_month="2024-01")


def test_shadow_war_and_drone_numbers():
    assert check.shadow_war_growth() == pytest.approx(34 / 12)
    assert round(check.shadow_war_growth(), 1) == 2.8
    assert check.drone_fact("airspace_violations")["value"] == 19
    assert check.drone_fact("window_hours")["value"] == 7
    with pytest.raises(ValueError, match="item='bombs'"):
        check.drone_fact("bombs")


def test_baltic_program_true_when_written_then_overtaken():
    assert check.baltic_program_status("2025-09-01") == "running"
    assert check.baltic_program_status("2025-09-10") == "cut_announced"  # the day K was published
    assert check.baltic_program_status("2025-12-31") == "authorised"
    assert check.baltic_program_status("2026-03-01") == "appropriated"
    with pytest.raises(ValueError, match="as_of='yesterday'"):
        check.baltic_program_status("yesterday")


def test_neutrality_rules():
    treaty = check.neutrality_rules("treaty text")
    assert list(treaty.index) == ["N1", "N2", "N3"]
    assert "is forbidden" in treaty.loc["N1", "text_excerpt"]
    with pytest.raises(ValueError, match="reading='opinion'"):
        check.neutrality_rules("opinion")


# --- what could each author know? -------------------------------------------------------------


def test_publication_dates():
    dates = check.publication_dates()
    assert dates == {"P": pd.Timestamp("2022-03-15"), "K": pd.Timestamp("2025-09-10")}


def test_knowable_by_uses_the_date_information_became_public():
    p_events = set(check.knowable_by("P")["event"])
    k_events = set(check.knowable_by("K")["event"])
    assert p_events < k_events
    oval = next(e for e in k_events if "Oval Office" in e)
    assert oval not in p_events  # secret until August 2022
    sipri_2022 = next(e for e in k_events if e.startswith("SIPRI publishes 2021"))
    assert sipri_2022 not in p_events
    assert any(e.startswith("SIPRI publishes 2020") for e in p_events)
    assert not any("Congress" in e or "FY2026" in e for e in k_events)  # the reversal came after K
    phases = check.timeline_phases()["phase"].value_counts()
    assert phases.sum() == len(data.load_table("timeline"))
    with pytest.raises(ValueError, match="article='X'"):
        check.knowable_by("X")


def test_evidence_rows_and_split_ids():
    assert check.split_ids("E01; E03") == ["E01", "E03"]
    assert check.split_ids("") == [] and check.split_ids(None) == [] and check.split_ids(float("nan")) == []
    rows = check.evidence_rows("E03;E01")
    assert list(rows.index) == ["E03", "E01"]
    with pytest.raises(ValueError, match="E99"):
        check.evidence_rows(["E01", "E99"])


# --- the claims the lesson checks --------------------------------------------------------------


def test_checked_claims_run_p_first_then_k_in_article_order():
    rows = check.checked_claims()
    articles = list(rows["article"])
    assert articles == ["P"] * articles.count("P") + ["K"] * articles.count("K")
    for article in ("P", "K"):
        assert rows[rows["article"] == article]["paragraph"].is_monotonic_increasing
    assert list(check.checked_claims("K").index) == [i for i in rows.index if i.startswith("K")]
    with pytest.raises(ValueError, match="article='X'"):
        check.checked_claims("X")


def test_verdict_tally_adds_up_to_the_checkable_claims():
    claims = data.claims()
    tally = check.verdict_tally()
    assert list(tally.index) == ["P", "K"]
    for article in ("P", "K"):
        mine = claims[(claims["article"] == article) & claims["checkable"].astype(bool)]
        assert tally.loc[article, "total"] == len(mine)
        assert tally.loc[article].drop("total").sum() == len(mine)
        assert tally.loc[article, "supported"] == (mine["verdict"] == "supported").sum()


def test_claim_evidence_and_documented_fact():
    rows = check.claim_evidence("P18")
    assert list(rows.index) == check.split_ids(data.claims().loc["P18", "evidence_ids"])
    assert "1/11.2" in rows.iloc[0]["statement"]
    with pytest.raises(ValueError, match="not checkable"):
        check.claim_evidence("P01")
    with pytest.raises(ValueError, match="claim_id='Z99'"):
        check.claim_evidence("Z99")
    assert check.documented_fact("F11")["value"] == 141
    with pytest.raises(ValueError, match="fact_id='F00'"):
        check.documented_fact("F00")


def test_confirmed_keeps_only_confirmed_rows_and_names_tables_without_confidence():
    spending = data.load_table("nato_spending")
    kept = check.confirmed("nato_spending")
    assert set(kept["confidence"]) <= set(check.CONFIRMED) and len(kept) <= len(spending)
    with pytest.raises(ValueError, match="name='articles': this table has no 'confidence' column"):
        check.confirmed("articles")


# --- the lookups over plain rows agree with pandas, and follow an edit ------------------


def test_every_single_value_lookup_equals_the_pandas_filter_on_the_same_table():
    # The lookups scan rows as dicts (models.factcheck._rows); a pandas filter
    # over the confirmed rows is the reference, for every key in the tables.
    facts = check.confirmed("country_facts")
    for row in facts.itertuples():
        year = None if pd.isna(row.year) else int(row.year)
        assert check.country_value(row.country, row.indicator, year) == float(row.value)
    milex = check.confirmed("military_expenditure")
    for row in milex[milex["country"].isin(["Russia", "Ukraine"])].itertuples():
        assert check.military_expenditure(row.country, int(row.year), row.vintage) == float(row.usd_bn)
    growth = check.confirmed("gdp_growth")
    for row in growth[(growth["kind"] == "outcome") & (growth["country"] == "Russia")].itertuples():
        assert check.gdp_outcome(int(row.target_year), row.stage) == float(row.growth_pct)
    series = check.kiis_series()
    for answer in ("no_territorial_concessions", "some_concessions_for_peace"):
        known = series[answer].dropna()
        assert [check.kiis_shift(answer, known.index[0], wave) for wave in known.index] == [
            value - known.iloc[0] for value in known
        ]
    cbos = check.confirmed("cbos_polls")
    for (question, answer), rows in cbos.groupby(["question", "answer"]):
        first = rows.iloc[0]
        for row in rows.itertuples():
            shift = check.cbos_shift(question, answer, first["fieldwork_month"], row.fieldwork_month)
            assert shift == row.pct - first["pct"]


def test_a_value_looked_up_follows_an_edit_of_its_table(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("NATODEBATE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("NATODEBATE_DATA", str(data_copy))
    russia = check.military_expenditure("Russia", 2021, "first_published")
    fraction, _, _ = check.measured_value("military_expenditure_ratio_2021", "first_published")
    path = data_copy / "military_expenditure.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = (table["country"] == "Russia") & (table["year"] == "2021") & (table["vintage"] == "first_published")
    table.loc[row, "usd_bn"] = str(2 * russia)
    table.to_csv(path, index=False)
    assert check.military_expenditure("Russia", 2021, "first_published") == pytest.approx(2 * russia)
    # the measured value behind lesson 03's panel (Ukraine / Russia) follows too
    assert check.measured_value("military_expenditure_ratio_2021", "first_published")[0] == pytest.approx(fraction / 2)


def test_a_hand_made_table_with_a_missing_year_finds_the_area_row():
    facts = pd.DataFrame(
        {
            "country": ["Russia", "Ukraine", "Russia"], "indicator": ["area_total", "area_total", "gdp"],
            "year": pd.array([None, None, 2021], dtype="Int64"), "value": [17.0, 0.5, 1800.0],
            "confidence": ["high", "high", "unconfirmed"],
        }
    )
    assert check.area_ratio(facts=facts) == 34.0
    with pytest.raises(ValueError, match="indicator='gdp'"):  # its only row is unconfirmed
        check.country_value("Russia", "gdp", 2021, facts)
