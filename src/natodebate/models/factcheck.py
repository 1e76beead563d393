"""Fact-check models for lesson 03: every number the lesson prints.

Pure pandas functions on the evidence tables in ``data/`` (no widgets, no
plots). Each function takes its table as an optional argument; left out, the
table is loaded (validated and cached) with :func:`natodebate.data.load_table`.
Passing a table makes the function easy to test on hand-made data.

Units are in the names or docstrings: ratios are plain numbers ("Russia is
28.3 times Ukraine"), shares and growth rates are percent, changes of a
percentage are percentage points (pp).

Values the course fact sheet marks as unconfirmed (``confidence ==
"unconfirmed"``) are left out of every computation unless a function says
otherwise: they must never be presented as checked.

Functions that look up single values (a country's area, one year's military
spending, one poll's share) scan the table's rows as plain dicts, kept per
:func:`natodebate.data.table_version`: the lesson asks for such values dozens
of times, and a pandas boolean filter costs far more than the scan of a few
dozen rows. Functions that return tables stay in pandas.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable, Sequence

import pandas as pd

from .. import data
from .claims import VERDICTS
from .validators import check_choice, check_number

__all__ = [
    "VINTAGES",
    "VINTAGE_LABELS",
    "CONFIRMED",
    "confirmed",
    "ratio",
    "country_value",
    "area_ratio",
    "gdp_ratio",
    "population_ratio",
    "military_expenditure",
    "military_expenditure_ratio",
    "spending_series",
    "sipri_revisions",
    "relative_gap_pct",
    "is_fair_rounding",
    "measured_value",
    "numeric_claim_checks",
    "pass_counts",
    "gdp_outcome",
    "gdp_outcomes",
    "forecast_errors",
    "allies_at_or_above",
    "spending_change",
    "reported_allies_at_2pct",
    "pledge_components",
    "us_troop_change",
    "forward_moves",
    "troops_moved_forward",
    "force_estimate",
    "kiis_series",
    "kiis_shift",
    "cbos_shift",
    "shadow_war_growth",
    "drone_fact",
    "baltic_program_status",
    "neutrality_rules",
    "publication_dates",
    "timeline_phases",
    "knowable_by",
    "evidence_rows",
    "split_ids",
    "checked_claims",
    "verdict_tally",
    "claim_evidence",
    "documented_fact",
]

#: SIPRI data vintages: the value in the release that first reported a year,
#: or the value in today's revised series.
VINTAGES = ("first_published", "latest_revision")
VINTAGE_LABELS = {"first_published": "as first published", "latest_revision": "latest revision"}
#: Confidence levels that count as checked (everything but "unconfirmed").
CONFIRMED = ("high", "medium", "low")

INVASION_DATE = pd.Timestamp("2022-02-24")


# --- validation helpers --------------------------------------------------------


def _table(name: str, table: pd.DataFrame | None) -> pd.DataFrame:
    return data.load_table(name) if table is None else table


def _confirmed(table: pd.DataFrame) -> pd.DataFrame:
    return table[table["confidence"].isin(CONFIRMED)]


def _rows(name: str, table: pd.DataFrame | None = None) -> tuple[dict, ...]:
    """The confirmed rows of table ``name`` (or of the hand-made ``table``;
    all rows of a table without a ``confidence`` column) as dicts, a missing
    value as ``None``. Read only: the tuple is shared by every caller until
    the table's file changes."""
    if table is None:
        return _rows_of_version(name, data.table_version(name))
    return _as_rows(table)


@functools.lru_cache(maxsize=64)
def _rows_of_version(name: str, version: tuple) -> tuple[dict, ...]:
    # `version` is only part of the cache key: an edited file is read afresh.
    return _as_rows(data.load_table(name))


def _as_rows(table: pd.DataFrame) -> tuple[dict, ...]:
    if "confidence" in table.columns:  # a table without one has no unconfirmed rows
        table = _confirmed(table)
    return tuple(
        {column: None if _missing(value) else value for column, value in row.items()}
        for row in table.to_dict("records")
    )


def _missing(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def confirmed(name: str) -> pd.DataFrame:
    """The rows of table ``name`` (a table of data/ with a ``confidence``
    column) that the course counts as confirmed: what the charts draw."""
    table = data.load_table(name)
    if "confidence" not in table.columns:
        raise ValueError(f"name={name!r}: this table has no 'confidence' column; tables with one: nato_spending, cbos_polls, shadow_war_attacks, …")
    return _confirmed(table)


def _only_row(
    table: str, rows: pd.DataFrame | Sequence[dict], argument: str = "", confirmed: bool = True, **key
) -> pd.Series | dict:
    """The one row of ``rows`` (a DataFrame, or dicts from :func:`_rows`),
    which hold the rows of ``table`` that match ``key``. The arguments were
    valid (checked against the whole table), so none, or more than one, is a
    data problem: :class:`~natodebate.data.DataError` naming the table and
    the key (and the ``argument`` that asked for it)."""
    if len(rows) == 1:
        return rows.iloc[0] if isinstance(rows, pd.DataFrame) else rows[0]
    wanted = ", ".join(f"{column}={value!r}" for column, value in key.items())
    prefix = f"{argument}: " if argument else ""
    if len(rows) == 0:
        also = " (rows with confidence 'unconfirmed' do not count)" if confirmed else ""
        raise data.DataError(f"{prefix}{table}.csv has no row for {wanted}{also}; the data should have one")
    raise data.DataError(f"{prefix}{table}.csv has {len(rows)} rows for {wanted}; expected exactly one")


def split_ids(ids: str | float | None) -> list[str]:
    """``"E01;E03"`` → ``["E01", "E03"]``; empty or missing → ``[]``."""
    if ids is None or (isinstance(ids, float) and math.isnan(ids)) or ids is pd.NA or str(ids).strip() == "":
        return []
    return [part.strip() for part in str(ids).split(";") if part.strip()]


# --- size: area, population, GDP ---------------------------------------------


def ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator`` for two positive quantities in the same
    unit (a plain number: "Russia is N times Ukraine")."""
    numerator = check_number("numerator", numerator, minimum=0, strict_min=True)
    denominator = check_number("denominator", denominator, minimum=0, strict_min=True)
    return numerator / denominator


def country_value(country: str, indicator: str, year: int | None = None, facts: pd.DataFrame | None = None) -> float:
    """One value from ``country_facts``: area in km², population in persons,
    GDP in current US$ bn. ``year`` is needed for population and GDP and must
    be left out for areas."""
    facts = _rows("country_facts", facts)
    check_choice("country", country, ("Russia", "Ukraine"))
    check_choice("indicator", indicator, sorted({row["indicator"] for row in facts}), "country_facts.csv")
    if year is not None:
        years = {int(row["year"]) for row in facts if row["indicator"] == indicator and row["year"] is not None}
        check_choice("year", year, sorted(years), f"country_facts.csv for {indicator}")
    # year None matches the rows without a year (areas)
    rows = [row for row in facts if row["country"] == country and row["indicator"] == indicator and row["year"] == year]
    return float(_only_row("country_facts", rows, country=country, indicator=indicator, year=year)["value"])


def area_ratio(kind: str = "total", facts: pd.DataFrame | None = None) -> float:
    """Russia's area as a multiple of Ukraine's (``kind`` "total" or "land")."""
    check_choice("kind", kind, ("total", "land"))
    return ratio(country_value("Russia", f"area_{kind}", facts=facts), country_value("Ukraine", f"area_{kind}", facts=facts))


def gdp_ratio(year: int = 2021, facts: pd.DataFrame | None = None) -> float:
    """Russia's GDP (current US$) as a multiple of Ukraine's in ``year``."""
    return ratio(country_value("Russia", "gdp", year, facts), country_value("Ukraine", "gdp", year, facts))


def population_ratio(year: int = 2021, facts: pd.DataFrame | None = None) -> float:
    """Russia's population as a multiple of Ukraine's in ``year``."""
    return ratio(country_value("Russia", "population", year, facts), country_value("Ukraine", "population", year, facts))


# --- military expenditure (SIPRI) ----------------------------------------------


def military_expenditure(country: str, year: int, vintage: str = "latest_revision", milex: pd.DataFrame | None = None) -> float:
    """SIPRI military expenditure of ``country`` in ``year``, current US$ bn,
    in data ``vintage`` ("first_published" or "latest_revision")."""
    milex = _rows("military_expenditure", milex)
    check_choice("country", country, ("Russia", "Ukraine"))
    check_choice("vintage", vintage, VINTAGES)
    check_choice("year", year, sorted({int(row["year"]) for row in milex}), "military_expenditure.csv")
    rows = [row for row in milex if row["country"] == country and row["vintage"] == vintage and row["year"] == year]
    return float(_only_row("military_expenditure", rows, country=country, year=year, vintage=vintage)["usd_bn"])


def military_expenditure_ratio(year: int = 2021, vintage: str = "first_published", milex: pd.DataFrame | None = None) -> float:
    """Russia's military spending as a multiple of Ukraine's in ``year``, in
    data ``vintage``. 2021: 65.9 / 5.9 = 11.2 as first published (April
    2022), 65.92 / 6.84 = 9.6 in the revised series."""
    return ratio(
        military_expenditure("Russia", year, vintage, milex), military_expenditure("Ukraine", year, vintage, milex)
    )


def spending_series(vintage: str = "latest_revision", milex: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per year: Russia's and Ukraine's spending (US$ bn), their %
    of GDP where known, and the ratio Russia / Ukraine, in ``vintage``.
    Years with only one country in that vintage are left out."""
    milex = _confirmed(_table("military_expenditure", milex))
    check_choice("vintage", vintage, VINTAGES)
    rows = milex[milex["vintage"] == vintage]
    wide = rows.pivot(index="year", columns="country", values="usd_bn").dropna()
    pct = rows.pivot(index="year", columns="country", values="pct_gdp").reindex(wide.index)
    table = pd.DataFrame(
        {
            "russia_usd_bn": wide["Russia"],
            "ukraine_usd_bn": wide["Ukraine"],
            "russia_pct_gdp": pct["Russia"],
            "ukraine_pct_gdp": pct["Ukraine"],
        }
    )
    table["ratio"] = table["russia_usd_bn"] / table["ukraine_usd_bn"]
    table.index = table.index.astype(int)
    return table


def sipri_revisions(milex: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every country-year published in both vintages: first-published and
    latest value (US$ bn) and the revision in percent of the first value."""
    milex = _confirmed(_table("military_expenditure", milex))
    # pivot, not pivot_table: a duplicated country-year-vintage is an error, not an average
    wide = milex.pivot(index=["country", "year"], columns="vintage", values="usd_bn").dropna()
    wide = wide[["first_published", "latest_revision"]]
    wide["revision_pct"] = (wide["latest_revision"] / wide["first_published"] - 1.0) * 100.0
    return wide.reset_index()


# --- numeric claims: is it a fair rounding? -----------------------------------------


def relative_gap_pct(claimed: float, low: float, high: float | None = None) -> float:
    """How far ``claimed`` lies from the measured value, in percent of it.

    With a range ``[low, high]`` (an estimate such as 169,000–190,000) the gap
    is 0 inside the range and measured from the nearest end outside it.
    Positive: the claim is larger than the data.
    """
    claimed = check_number("claimed", claimed, minimum=0, strict_min=True)
    low = check_number("low", low, minimum=0, strict_min=True)
    high = low if high is None else check_number("high", high, minimum=0, strict_min=True)
    if high < low:
        raise ValueError(f"high={high!r}: expected high >= low ({low!r})")
    if claimed > high:
        return (claimed / high - 1.0) * 100.0
    if claimed < low:
        return (claimed / low - 1.0) * 100.0
    return 0.0


def is_fair_rounding(claimed: float, low: float, high: float | None = None, tolerance_pct: float = 10.0) -> bool:
    """True if ``claimed`` is within ``tolerance_pct`` percent (0–100) of the
    measured value (or range ``[low, high]``)."""
    tolerance_pct = check_number("tolerance_pct", tolerance_pct, minimum=0, maximum=100)
    # Round away float noise (e.g. 30/28.33 computed two ways) before comparing.
    return round(abs(relative_gap_pct(claimed, low, high)), 9) <= tolerance_pct


#: The table each measure is computed from.
_MEASURE_TABLES = {
    "area_ratio": "country_facts",
    "military_expenditure_ratio_2021": "military_expenditure",
    "russian_troops_feb_2022": "russian_force_estimates",
}
_MEASURES = tuple(_MEASURE_TABLES)


def measured_value(measure: str, vintage: str = "latest_revision") -> tuple[float, float, str]:
    """``(low, high, source note)`` of a measure the numeric claims are
    compared with. Ratios are returned as the *fraction* the claim states
    ("1/10 of Russia's budget" → Ukraine / Russia), so that the gap is the
    error of the number the reader sees. ``vintage`` matters only for SIPRI."""
    check_choice("measure", measure, _MEASURES)
    check_choice("vintage", vintage, VINTAGES)
    return _measured_value(measure, vintage, data.table_version(_MEASURE_TABLES[measure]))


# Cached: the panel asks for the same few values on every slider move. `version`
# (the table's data.table_version) is only part of the key: an edited table is read afresh.
@functools.lru_cache(maxsize=32)
def _measured_value(measure: str, vintage: str, version: tuple) -> tuple[float, float, str]:
    if measure == "area_ratio":
        value = 1.0 / area_ratio()
        return value, value, "CIA World Factbook: total area"
    if measure == "military_expenditure_ratio_2021":
        value = 1.0 / military_expenditure_ratio(2021, vintage)
        return value, value, f"SIPRI 2021, {VINTAGE_LABELS[vintage]}"
    estimate = force_estimate()
    return float(estimate["troops_low"]), float(estimate["troops_high"]), str(estimate["scope"])


def numeric_claim_checks(
    tolerance_pct: float = 10.0, vintage: str = "first_published", claims: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every numeric claim of both articles against the data.

    Columns: ``numeric_claim_id, article, paragraph, quote, claimed`` (the
    number as the reader sees it: 1/30 → 0.0333), ``measured_low,
    measured_high``, ``gap_pct`` (signed, percent of the data value),
    ``passes`` (``|gap| <= tolerance_pct``), ``label`` (for charts).
    """
    tolerance_pct = check_number("tolerance_pct", tolerance_pct, minimum=0, maximum=100)
    check_choice("vintage", vintage, VINTAGES)
    claims = _table("numeric_claims", claims)
    rows = []
    for claim in claims.itertuples(index=False):
        low, high, _ = measured_value(claim.measure, vintage)
        claimed = 1.0 / claim.claimed_value if claim.unit == "ratio" else float(claim.claimed_value)
        gap = relative_gap_pct(claimed, low, high)
        rows.append(
            {
                "numeric_claim_id": claim.numeric_claim_id,
                "article": claim.article,
                "paragraph": int(claim.paragraph),
                "quote": claim.quote,
                "claimed": claimed,
                "measured_low": low,
                "measured_high": high,
                "gap_pct": gap,
                "passes": round(abs(gap), 9) <= tolerance_pct,
                "label": f"{claim.article} ¶{int(claim.paragraph)}: “{claim.quote}”",
            }
        )
    return pd.DataFrame(rows)


def pass_counts(checks: pd.DataFrame) -> pd.DataFrame:
    """Per article: numeric claims checked and how many pass (from
    :func:`numeric_claim_checks`), articles in the order P, K."""
    counts = checks.groupby("article")["passes"].agg(claims="size", passing="sum").astype(int)
    return counts.reindex([a for a in LESSON_ORDER if a in counts.index])


# --- the Russian economy: forecasts vs outcomes ---------------------------------


def gdp_outcome(target_year: int = 2022, stage: str = "revised estimate", country: str = "Russia", growth: pd.DataFrame | None = None) -> float:
    """Measured real GDP growth (%) of ``country`` in ``target_year``:
    ``stage`` "first estimate" or "revised estimate"."""
    check_choice("stage", stage, ("first estimate", "revised estimate"))
    outcomes = [row for row in _rows("gdp_growth", growth) if row["kind"] == "outcome"]
    check_choice("target_year", target_year, sorted({int(row["target_year"]) for row in outcomes}), "gdp_growth.csv outcomes")
    rows = [row for row in outcomes if row["country"] == country and row["stage"] == stage and row["target_year"] == target_year]
    row = _only_row("gdp_growth", rows, kind="outcome", country=country, target_year=target_year, stage=stage)
    return float(row["growth_pct"])


def gdp_outcomes(country: str = "Russia", growth: pd.DataFrame | None = None) -> pd.DataFrame:
    """Measured growth (%) by target year: columns ``first estimate`` and
    ``revised estimate`` (missing where only one exists); unconfirmed values
    left out."""
    growth = _confirmed(_table("gdp_growth", growth))
    rows = growth[(growth["kind"] == "outcome") & (growth["country"] == country)]
    wide = rows.pivot(index="target_year", columns="stage", values="growth_pct")
    wide.index = wide.index.astype(int)
    return wide.reindex(columns=[c for c in ("first estimate", "revised estimate") if c in wide.columns])


def forecast_errors(
    target_year: int = 2022,
    outcome_stage: str = "revised estimate",
    country: str = "Russia",
    growth: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each forecast of ``country``'s growth in ``target_year`` against the
    measured outcome (``outcome_stage``): columns ``issuer, stage,
    source_date, forecast_pct, outcome_pct, error_pp`` (forecast minus
    outcome, percentage points; negative = too pessimistic), in the order the
    forecasts were made."""
    outcome = gdp_outcome(target_year, outcome_stage, country, growth)
    growth = _confirmed(_table("gdp_growth", growth))
    rows = growth[(growth["kind"] == "forecast") & (growth["country"] == country) & (growth["target_year"] == target_year)]
    table = rows[["issuer", "stage", "source_date", "growth_pct"]].rename(columns={"growth_pct": "forecast_pct"})
    table = table.sort_values("source_date", kind="stable").reset_index(drop=True)
    table["outcome_pct"] = outcome
    table["error_pp"] = table["forecast_pct"] - outcome
    return table


# --- NATO spending ---------------------------------------------------------------------


def allies_at_or_above(
    year: int,
    threshold_pct: float = 2.0,
    vintage: str = "latest",
    include_unconfirmed: bool = False,
    spending: pd.DataFrame | None = None,
) -> list[str]:
    """The listed allies spending at least ``threshold_pct`` % of GDP on
    defence in ``year`` (NATO ``vintage`` "latest" or "first_estimate"). The
    table lists 11 allies, not all 32: for NATO's own count see
    :func:`reported_allies_at_2pct`."""
    threshold_pct = check_number("threshold_pct", threshold_pct, minimum=0, maximum=100)
    spending = _table("nato_spending", spending)
    if not include_unconfirmed:
        spending = _confirmed(spending)
    check_choice("vintage", vintage, ("latest", "first_estimate"))
    check_choice("year", year, sorted(int(y) for y in spending["year"].unique()), "nato_spending.csv")
    rows = spending[(spending["vintage"] == vintage) & (spending["year"] == year)]
    if rows.empty:
        raise data.DataError(f"year={year!r}: nato_spending.csv has no row for year={year!r}, vintage={vintage!r}; the data should have some")
    return list(rows.loc[rows["pct_gdp"] >= threshold_pct, "ally"])


def spending_change(ally: str, from_year: int = 2014, to_year: int = 2025, spending: pd.DataFrame | None = None) -> float:
    """Change in ``ally``'s defence spending, percentage points of GDP, from
    ``from_year`` to ``to_year`` (latest NATO vintage, confirmed values)."""
    spending = _confirmed(_table("nato_spending", spending))
    rows = spending[spending["vintage"] == "latest"]
    check_choice("ally", ally, sorted(rows["ally"].unique()), "nato_spending.csv")
    years = sorted(int(y) for y in rows["year"].unique())
    check_choice("from_year", from_year, years, "nato_spending.csv")
    check_choice("to_year", to_year, years, "nato_spending.csv")
    mine = rows[rows["ally"] == ally]
    start, end = (
        _only_row("nato_spending", mine[mine["year"] == year], f"{name}={year!r}", ally=ally, year=year, vintage="latest")
        for name, year in (("from_year", from_year), ("to_year", to_year))
    )
    return float(end["pct_gdp"] - start["pct_gdp"])


def reported_allies_at_2pct(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """NATO's count of allies at or above 2% by year, with the share of
    allies with armed forces (percent)."""
    table = _table("nato_allies_at_2pct", table).set_index("year")
    table.index = table.index.astype(int)
    out = table[["allies_at_or_above_2pct", "allies_total", "allies_with_armed_forces"]].astype(int)
    out["share_pct"] = out["allies_at_or_above_2pct"] / out["allies_with_armed_forces"] * 100.0
    return out


def pledge_components(table: pd.DataFrame | None = None) -> dict[str, float]:
    """The Hague pledge (25 June 2025) by component, % of GDP by 2035;
    raises ``ValueError`` if the components do not add up to the total."""
    table = _table("nato_pledge_2025", table).set_index("component")["pct_gdp"].astype(float)
    parts = table["core defence"] + table["defence- and security-related"]
    if not math.isclose(parts, table["total"]):
        raise ValueError(f"nato_pledge_2025: components add up to {parts}, not the total {table['total']}")
    return table.to_dict()


# --- forces and posture, winter 2021-22 -------------------------------------------------


def us_troop_change(where: str = "Europe", troops: pd.DataFrame | None = None) -> dict[str, float]:
    """US troops in Europe before the invasion and after it (personnel):
    ``before, after, change, change_pct``."""
    troops = _confirmed(_table("us_troops_europe", troops))
    check_choice("where", where, ("Europe",))
    rows = troops[troops["where"] == where].sort_values("date")
    before = rows[rows["date"] < INVASION_DATE]
    after = rows[rows["date"] >= INVASION_DATE]
    if before.empty or after.empty:
        raise data.DataError(f"where={where!r}: us_troops_europe.csv needs a confirmed level before and one after 24 Feb 2022")
    first, last = float(before.iloc[-1]["troops"]), float(after.iloc[-1]["troops"])
    return {"before": first, "after": last, "change": last - first, "change_pct": (last / first - 1.0) * 100.0}


def forward_moves(kind: str = "forward_in_europe", until: str = "2022-02-24", moves: pd.DataFrame | None = None) -> pd.DataFrame:
    """US and NATO moves of ``kind`` ("forward_in_europe", "alert",
    "black_sea") announced on or before ``until`` (ISO date)."""
    moves = _confirmed(_table("nato_moves_2022", moves))
    check_choice("kind", kind, ("forward_in_europe", "alert", "black_sea"))
    try:
        cutoff = pd.Timestamp(until)
    except (ValueError, TypeError):
        raise ValueError(f"until={until!r}: expected an ISO date such as '2022-02-24'") from None
    rows = moves[(moves["kind"] == kind) & (moves["date"] <= cutoff)]
    return rows.sort_values("date", kind="stable").reset_index(drop=True)


def troops_moved_forward(until: str = "2022-02-24", moves: pd.DataFrame | None = None) -> int:
    """US troops (personnel) sent forward to allied territory in Europe on or
    before ``until``, counting the moves that give a number: 6,800 before
    the invasion (1,700 + 300 + 1,000 + 3,000 + 800)."""
    rows = forward_moves("forward_in_europe", until, moves)
    rows = rows[rows["actor"] == "United States"]
    return int(rows["troops"].dropna().sum())


def force_estimate(before: str = "2022-02-24", estimates: pd.DataFrame | None = None) -> pd.Series:
    """The last estimate of Russian forces made before ``before`` (ISO
    date): a row with ``troops_low, troops_high, scope, estimator, date``."""
    estimates = _confirmed(_table("russian_force_estimates", estimates))
    try:
        cutoff = pd.Timestamp(before)
    except (ValueError, TypeError):
        raise ValueError(f"before={before!r}: expected an ISO date such as '2022-02-24'") from None
    rows = estimates[estimates["date"] < cutoff].sort_values("date")
    if rows.empty:
        raise ValueError(f"before={before!r}: no estimate in the data is that old")
    return rows.iloc[-1]


# --- opinion polls -----------------------------------------------------------------------


def kiis_series(kiis: pd.DataFrame | None = None) -> pd.DataFrame:
    """KIIS answers (percent) by survey wave, in fieldwork order: columns
    ``fieldwork_end`` (Timestamp, end month), ``no_territorial_concessions``
    and ``some_concessions_for_peace`` (missing where not reported)."""
    kiis = _confirmed(_table("kiis_concessions", kiis))
    wide = kiis.pivot(index=["fieldwork_end", "fieldwork"], columns="answer", values="pct").reset_index()
    wide["fieldwork_end"] = pd.to_datetime(wide["fieldwork_end"], format="%Y-%m")
    wide = wide.sort_values("fieldwork_end").set_index("fieldwork")
    return wide.reindex(columns=["fieldwork_end", "no_territorial_concessions", "some_concessions_for_peace"])


def kiis_shift(
    answer: str = "no_territorial_concessions", from_wave: str = "May 2022", to_wave: str = "Sept-Oct 2025",
    kiis: pd.DataFrame | None = None,
) -> float:
    """Change in the share giving ``answer`` between two KIIS waves,
    percentage points."""
    rows = sorted(_rows("kiis_concessions", kiis), key=lambda row: (row["fieldwork_end"], row["fieldwork"]))
    waves = list(dict.fromkeys(row["fieldwork"] for row in rows))  # in fieldwork order, as kiis_series
    check_choice("answer", answer, ("no_territorial_concessions", "some_concessions_for_peace"))
    check_choice("from_wave", from_wave, waves, "kiis_concessions.csv")
    check_choice("to_wave", to_wave, waves, "kiis_concessions.csv")
    shares = []
    for wave in (from_wave, to_wave):
        found = [row["pct"] for row in rows if row["fieldwork"] == wave and row["answer"] == answer]
        if len(found) > 1:
            raise data.DataError(f"kiis_concessions.csv has {len(found)} rows for fieldwork={wave!r}, answer={answer!r}; expected one")
        if not found or found[0] is None:
            raise data.DataError(f"answer={answer!r}: kiis_concessions.csv has no value for fieldwork={wave!r}, answer={answer!r}")
        shares.append(found[0])
    return float(shares[1] - shares[0])


def cbos_shift(
    question: str = "accept_refugees", answer: str = "for", from_month: str = "2022-03", to_month: str = "2025-09",
    cbos: pd.DataFrame | None = None,
) -> float:
    """Change in the share of Poles giving ``answer`` to ``question`` between
    two CBOS fieldwork months (YYYY-MM), percentage points."""
    cbos = _rows("cbos_polls", cbos)
    check_choice("question", question, sorted({row["question"] for row in cbos}), "cbos_polls.csv")
    check_choice("answer", answer, ("for", "against"))
    months = list(dict.fromkeys(row["fieldwork_month"] for row in cbos if row["question"] == question))
    check_choice("from_month", from_month, months, f"cbos_polls.csv for {question}")
    check_choice("to_month", to_month, months, f"cbos_polls.csv for {question}")
    rows = [row for row in cbos if row["question"] == question and row["answer"] == answer]
    start, end = (
        _only_row(
            "cbos_polls", [row for row in rows if row["fieldwork_month"] == month], f"{name}={month!r}",
            question=question, answer=answer, fieldwork_month=month,
        )
        for name, month in (("from_month", from_month), ("to_month", to_month))
    )
    return float(end["pct"] - start["pct"])


# --- shadow war, drones, the Baltic program, the law --------------------------------------


def shadow_war_growth(from_year: int = 2023, to_year: int = 2024, attacks: pd.DataFrame | None = None) -> float:
    """CSIS attack count in ``to_year`` as a multiple of ``from_year`` (34 / 12 = 2.8)."""
    counts = _confirmed(_table("shadow_war_attacks", attacks)).set_index("year")["attacks"]
    years = sorted(int(y) for y in counts.index)
    check_choice("from_year", from_year, years, "shadow_war_attacks.csv")
    check_choice("to_year", to_year, years, "shadow_war_attacks.csv")
    return ratio(float(counts[to_year]), float(counts[from_year]))


def drone_fact(item: str, drones: pd.DataFrame | None = None) -> pd.Series:
    """One fact about the drones over Poland (9–10 Sept 2025) by ``item``
    key, e.g. "airspace_violations" (value 19)."""
    drones = _table("drone_incursion_2025", drones).set_index("item")
    check_choice("item", item, list(drones.index), "drone_incursion_2025.csv")
    return drones.loc[item]


def documented_fact(fact_id: str, facts: pd.DataFrame | None = None) -> pd.Series:
    """One row of ``documented_facts`` by id (``"F11"``: the 141 votes for
    UN resolution ES-11/1): statement, value, unit, as_of, source."""
    facts = _table("documented_facts", facts).set_index("fact_id")
    check_choice("fact_id", fact_id, list(facts.index), "documented_facts.csv")
    return facts.loc[fact_id]


def baltic_program_status(as_of: str, bsi: pd.DataFrame | None = None) -> str:
    """Status of the Baltic Security Initiative on ``as_of`` (ISO date): the
    latest event on or before that date ("cut_announced", "authorised",
    "appropriated"), or "running" before the cut was announced."""
    bsi = _confirmed(_table("baltic_security_initiative", bsi))
    try:
        cutoff = pd.Timestamp(as_of)
    except (ValueError, TypeError):
        raise ValueError(f"as_of={as_of!r}: expected an ISO date such as '2025-09-10'") from None
    rows = bsi[bsi["date"] <= cutoff].sort_values("date")
    return "running" if rows.empty else str(rows.iloc[-1]["status"])


def neutrality_rules(reading: str | None = None, law: pd.DataFrame | None = None) -> pd.DataFrame:
    """The neutrality rules (optionally only one ``reading``: "treaty text",
    "customary law", "mainstream reading", "contested doctrine")."""
    law = _table("neutrality_law", law)
    if reading is not None:
        check_choice("reading", reading, ("treaty text", "customary law", "mainstream reading", "contested doctrine"))
        law = law[law["reading"] == reading]
    return law.set_index("rule_id")


# --- what could each author know? --------------------------------------------------------


def publication_dates(articles: pd.DataFrame | None = None) -> dict[str, pd.Timestamp]:
    """Publication date of each article: ``{"P": 2022-03-15, "K": 2025-09-10}``."""
    published = {row["id"]: row["published"] for row in _rows("articles", articles)}
    missing = [article for article in ("P", "K") if article not in published]
    if missing:
        raise data.DataError(f"articles.csv has no row for id={missing[0]!r}; the data should have one")
    return {article: pd.Timestamp(published[article]) for article in ("P", "K")}


def timeline_phases(timeline: pd.DataFrame | None = None, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The timeline with a ``phase`` column: "before P" (public when P was
    published, so knowable to both authors), "between P and K" (knowable to
    K only), "after K" (knowable to neither). What counts is ``public_date``,
    the day the information became public, not the day the event happened:
    the Oval Office briefing of October 2021 was reported only in August 2022."""
    timeline = _table("timeline", timeline).copy()
    dates = publication_dates(articles)
    timeline["phase"] = [
        "before P" if public <= dates["P"] else ("between P and K" if public <= dates["K"] else "after K")
        for public in timeline["public_date"]
    ]
    return timeline.sort_values("date", kind="stable").reset_index(drop=True)


def knowable_by(article: str, timeline: pd.DataFrame | None = None, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Timeline events the author of ``article`` ("K" or "P") could have
    known on the day of publication (publication rows excluded)."""
    check_choice("article", article, ("K", "P"))
    phases = timeline_phases(timeline, articles)
    allowed = {"P": ("before P",), "K": ("before P", "between P and K")}[article]
    rows = phases[phases["phase"].isin(allowed) & (phases["category"] != "article")]
    return rows.reset_index(drop=True)


# --- evidence -----------------------------------------------------------------------------


def evidence_rows(ids: str | Iterable[str], evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """The evidence rows with the given ids (``"E01;E03"`` or a list), in
    the order given; raises ``ValueError`` naming any unknown id."""
    evidence = _table("evidence", evidence).set_index("evidence_id")
    wanted = split_ids(ids) if isinstance(ids, str) else list(ids)
    unknown = [i for i in wanted if i not in evidence.index]
    if unknown:
        raise ValueError(f"ids={unknown}: not in evidence.csv (known: E01–E{len(evidence):02d})")
    return evidence.loc[wanted]


# --- the claims the lesson checks ---------------------------------------------------------

#: Article order for the lesson: P first (written first, in March 2022), then K.
LESSON_ORDER = ("P", "K")


def checked_claims(article: str | None = None, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """The checkable claims (of one article, or of both: P first, then K, each
    in the order the article makes them) with paragraph, quote, verdict,
    verdict note and evidence ids."""
    claims = data.claims() if claims is None else claims
    articles = LESSON_ORDER if article is None else (check_choice("article", article, LESSON_ORDER),)
    rows = claims[claims["checkable"].astype(bool) & claims["article"].isin(articles)]
    rows = rows.assign(_order=rows["article"].map({a: i for i, a in enumerate(LESSON_ORDER)}))
    rows = rows.sort_values(["_order", "paragraph"], kind="stable").drop(columns="_order")
    return rows[["article", "paragraph", "quote", "claim_type", "verdict", "verdict_note", "evidence_ids"]]


def verdict_tally(claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """Checkable claims per article (rows P, K) and verdict (columns in the
    order supported, contested, wrong, unverifiable, overtaken by events),
    with a ``total`` column."""
    rows = checked_claims(claims=claims)
    counts = Counter(zip(rows["article"], rows["verdict"]))
    tally = pd.DataFrame(
        [[counts[article, verdict] for verdict in VERDICTS] for article in LESSON_ORDER],
        index=pd.Index(LESSON_ORDER, name="article"),
        columns=list(VERDICTS),
        dtype=int,
    )
    tally["total"] = tally.sum(axis=1)
    return tally


def claim_evidence(claim_id: str, claims: pd.DataFrame | None = None, evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """The evidence rows behind one claim's verdict: statement, source,
    source date, confidence (raises ``ValueError`` for an unknown id or a
    claim without evidence)."""
    claims = data.claims() if claims is None else claims
    check_choice("claim_id", claim_id, list(claims.index), "claims.csv")
    ids = split_ids(claims.loc[claim_id, "evidence_ids"])
    if not ids:
        raise ValueError(f"claim_id={claim_id!r}: not checkable, so no evidence is linked to it")
    return evidence_rows(ids, evidence)[["statement", "source", "source_date", "confidence"]]
