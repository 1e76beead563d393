"""The content audit of issue 7: the facts, readings and wordings a test can hold.

Each test names the audit item it keeps fixed; the texts it reads are the
course tables, the lessons' markdown and the README."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from natodebate import data

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = data.claims()
WEIGHTS = data.load_table("preset_weights")
NEUTRAL = WEIGHTS.query("preset == 'neutral'").set_index("claim_id")
EVIDENCE = data.load_table("evidence").set_index("evidence_id")
FACTS = data.load_table("documented_facts").set_index("fact_id")
TIMELINE = data.load_table("timeline")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _markdown(stem: str) -> str:
    notebook = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    return "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


LESSON = {stem: _markdown(stem) for stem in ("00_start_here", "01_reading_kagan", "02_reading_petrovics", "03_checking_the_numbers")}
DATA_TEXT = "\n".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "data").glob("*.csv")))


def _paragraph(text: str, start: str) -> str:
    """The markdown paragraph that begins with ``start``."""
    return next(p for p in text.split("\n\n") if p.startswith(start))


def _cell(stem: str, start: str) -> str:
    """The markdown cell of lesson ``stem`` that begins with ``start``."""
    notebook = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    return next(c.source for c in notebook.cells if c.cell_type == "markdown" and c.source.startswith(start))


def _claim(article: str, fragment: str):
    found = CLAIMS[(CLAIMS["article"] == article) & CLAIMS["quote"].str.contains(fragment, regex=False)]
    assert len(found) == 1, (article, fragment, list(found.index))
    return found.iloc[0]


# --- 1. US aid: the $1 bn includes the $350 m ------------------------------------------------


def test_us_aid_is_never_double_counted():
    everything = "\n".join([DATA_TEXT, README, *LESSON.values()])
    assert not re.search(r"(?<![\d.])1[.,]5 ?(bn|billion)", everything), "the $350 m is inside the 'more than $1 bn'"
    value = FACTS["value"]
    # about 650 before the invasion + 350 (26 Feb) = more than 1,000 for the year; + 200 (12 Mar) = more than 1,200
    assert value["F04"] + value["F05"] == value["F45"] == 1000
    assert value["F45"] + value["F06"] == value["F46"] == 1200
    assert "includes the $350 m" in EVIDENCE.loc["E13", "statement"]
    for claim_id in ("P17", "P29"):
        assert "1.2 bn" in CLAIMS.loc[claim_id, "verdict_note"]


# --- 2. lesson 02 gives P the argument she makes ----------------------------------------------


def test_lesson_02_credits_the_stall_to_ukraine_and_restraint_with_exposing_it():
    devices = _cell("02_reading_petrovics", "## 5. Rhetorical devices")
    assert "credited to NATO's restraint" not in devices
    prompt = next(line for line in devices.splitlines() if line.startswith("2. **"))
    assert "resistance" in prompt and "expos" in prompt


# --- 3. K's claim that Russia attacked Poland on purpose -----------------------------------------


def test_k_says_russia_attacked_poland_on_purpose_and_the_course_calls_it_contested():
    attack = _claim("K", "By overtly attacking Poland")
    assert attack["verdict"] == "contested" and attack["relation"] == "supports"
    assert "E17" in attack["evidence_ids"]  # the intent is disputed: Tusk, Rutte, Trump
    assert "whether intentional or not" in attack["verdict_note"] and "could have been a mistake" in attack["verdict_note"]
    k01 = CLAIMS.loc["K01"]
    assert "sent" in k01["summary"] and "into Poland" in k01["summary"] and "disputed" in k01["summary"]
    assert "Caveat on 'sent" in k01["verdict_note"]  # the caveat on intent
    assert k01["relation"] == "elaborates"  # the occasion of the article, not a reason for its thesis


# --- 4. K11 ----------------------------------------------------------------------------------------


def test_k11_is_contested_in_k_s_own_words():
    k11 = CLAIMS.loc["K11"]
    assert k11["verdict"] == "contested"
    assert "belligerent" in k11["summary"]
    assert "party to the conflict" in k11["verdict_note"]


# --- 5. P26: an open question, not a misreading -------------------------------------------------------


def test_p26_stays_unverifiable_and_its_use_is_asked_not_judged():
    assert CLAIMS.loc["P26", "verdict"] == "unverifiable"
    assert all("?" in j for j in WEIGHTS.loc[WEIGHTS["claim_id"] == "P26", "justification"])
    lesson = LESSON["02_reading_petrovics"]
    assert "Does the authority say what the article needs it to say" not in lesson
    assert "Does the source support the use the article makes of it" not in lesson


# --- 6. P31 sets up the call for caution --------------------------------------------------------------


def test_p31_supports_the_call_for_caution():
    assert (CLAIMS.loc["P31", "relation"], CLAIMS.loc["P31", "parent_id"]) == ("supports", "P35")


# --- 7. one reading rule for both articles -----------------------------------------------------------


def test_one_reading_rule_for_both_articles():
    # K24 read in the sense K's ¶9 gives it, P17 in the sense P's ¶13 gives it: both hold, both with a caveat
    for claim_id in ("K24", "P17"):
        assert CLAIMS.loc[claim_id, "verdict"] == "supported", claim_id
        assert NEUTRAL.loc[claim_id, "justification"].startswith("verdict supported, -0.05"), claim_id
    assert "without the aid of foreign troops" in CLAIMS.loc["P17", "verdict_note"]
    for text in (README, _cell("03_checking_the_numbers", "## How a careful checker works")):
        text = " ".join(text.replace("**", "").split())
        assert "reading rule" in text and "supported, with a caveat" in text


# --- 8. what each author could know -------------------------------------------------------------------


def test_what_kagan_may_not_have_known():
    not_known = _paragraph(LESSON["01_reading_kagan"], "**Not yet known")
    assert "19" not in not_known and "Article 4" not in not_known  # both were public on 10 Sept, before K appeared
    assert "may not have known" in LESSON["01_reading_kagan"]


def test_what_petrovics_could_know_about_threats_and_data():
    lesson = LESSON["02_reading_petrovics"]
    assert "September 2022" in _paragraph(lesson, "**Not yet known")
    known = _paragraph(lesson, "**Known on 15 March 2022")
    assert "24 February" in known and "27 February" in known  # Putin's first nuclear threats came before P
    # SIPRI's first figures for 2021 came out six weeks after P: every mention says so
    for text in [p for p in lesson.split("\n\n") if "April 2022" in p] + list(WEIGHTS.loc[WEIGHTS["claim_id"] == "P18", "justification"]):
        assert "after" in text, text


# --- 9. K15's evidence: what Russia could strike, and when --------------------------------------------


def test_k15_evidence_gets_the_timing_of_the_strikes_right():
    statement = EVIDENCE.loc["E38", "statement"]
    for word in ("Kharkiv", "Mariupol", "Kyiv", "Yavoriv", "power grid"):
        assert word in statement, word
    assert "power grid" in FACTS.loc["F36", "statement"] and "cities" not in FACTS.loc["F36", "statement"]
    assert not re.search(r"campaign against (Ukrainian )?cities began", DATA_TEXT + LESSON["03_checking_the_numbers"])
    october = TIMELINE[TIMELINE["date"].dt.strftime("%Y-%m-%d") == "2022-10-10"]["event"].item()
    assert "power grid" in october and "cities" not in october
    assert CLAIMS.loc["K15", "verdict"] == "contested"


# --- 10. both authors introduced the same way ----------------------------------------------------------


def test_both_authors_are_introduced_the_same_way():
    background = data.articles()["author_background"]
    assert "Brookings" in background["K"] and "Project for the New American Century" in background["K"]
    assert "Belfer Center" in background["P"] and "restraint" in background["P"]
    for needle in ("Brookings", "Project for the New American Century", "Belfer Center", "coercion"):
        assert needle in README, needle
    assert "Project for the New American Century" in LESSON["01_reading_kagan"]
    assert "Belfer Center" in LESSON["02_reading_petrovics"] and "coercion" in LESSON["02_reading_petrovics"]
    assert "Brookings" in LESSON["00_start_here"] and "Belfer Center" in LESSON["00_start_here"]


# --- 11. the claims the audit found missing ----------------------------------------------------------------

MISSING = [
    ("K", 3, "even as he was abandoning them"),
    ("K", 8, "threatened sanctions if he did"),
    ("K", 10, "fait accompli"),
    ("K", 11, "had NATO even threatened to take any action"),
    ("K", 11, "without irradiating his own troops"),
    ("K", 15, "a concerted and coordinated campaign of attacks"),
    ("K", 15, "can no longer afford to do so"),
    ("P", 5, "clearly not welcoming Russian troops as liberators"),
    ("P", 6, "The halting caravan of Russian tanks"),
    ("P", 6, "Russian tanks ran out of fuel"),
    ("P", 7, "most especially to Moscow"),
    ("P", 13, "and even his own public"),
]


@pytest.mark.parametrize("article, paragraph, fragment", MISSING, ids=lambda v: str(v)[:20])
def test_the_missing_claims_are_in_the_map_with_a_verdict(article, paragraph, fragment):
    claim = _claim(article, fragment)
    assert claim["paragraph"] == paragraph
    assert claim["relation"] in ("supports", "attacks") and isinstance(claim["parent_id"], str)
    assert claim["verdict_note"]
    assert set(WEIGHTS.loc[WEIGHTS["claim_id"] == claim.name, "preset"]) == {"neutral", "persuaded_by_K", "persuaded_by_P"}


def test_p_s_own_public_is_contested_by_levada():
    claim = _claim("P", "and even his own public")
    assert claim["verdict"] == "contested" and "E09" in claim["evidence_ids"]


# --- 12. smaller fixes ------------------------------------------------------------------------------------------


def test_smaller_fixes():
    december = TIMELINE[TIMELINE["date"].dt.strftime("%Y-%m-%d") == "2021-12-07"]["event"].item()
    assert "and other measures" in december
    kiis = EVIDENCE.loc["E14", "statement"]
    assert "54%" in kiis and "53%" in kiis and "50-54" not in kiis and "33-39" not in kiis
    assert "metro.us" not in DATA_TEXT and "metro.us" not in (ROOT / "data" / "datapackage.json").read_text(encoding="utf-8")
    milex = data.load_table("military_expenditure")
    first_2021 = milex[(milex["year"] == 2021) & (milex["vintage"] == "first_published")]
    assert first_2021["source"].str.contains("SIPRI fact sheet").all()
    assert first_2021["source"].str.contains("added by the course").all()  # the shares of GDP are ours
    assert "co-premise of K17" not in LESSON["01_reading_kagan"]
    assert CLAIMS.loc["K17", "parent_id"] == CLAIMS.loc["K18", "parent_id"] == "K16"
    assert CLAIMS.loc["P12", "claim_type"] == CLAIMS.loc["P26", "claim_type"] == "empirical"  # they check quotations
    assert CLAIMS.loc["P31", "claim_type"] != "predictive"  # a judgement about the present


# --- internal references students cannot look up (issue 8, in the same texts) -----------------------------

INTERNAL = re.compile(r"FACTS|models\.md|\b[Cc]rux(es)? \d|\bH[1-4]\b|\b[KP]g\d|course fact sheet")


@pytest.mark.parametrize(
    "table, columns",
    [
        ("claims", ["summary", "verdict_note"]),
        ("preset_weights", ["justification"]),
        ("evidence", ["statement", "source"]),
        ("crux_claims", ["justification"]),
        ("cruxes", ["question", "justification"]),
    ],
)
def test_the_reasons_cite_sources_not_internal_references(table, columns):
    frame = data.load_table(table)
    for column in columns:
        bad = [text for text in frame[column].dropna() if INTERNAL.search(text)]
        assert not bad, bad[:3]
