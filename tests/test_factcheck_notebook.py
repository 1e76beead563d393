"""Lesson 03 checks every checkable claim of both articles, P first, each in
the article's order, quoting claims.csv verbatim and stating its verdict."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from natodebate import data

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "03_checking_the_numbers.ipynb"
CELLS = nbformat.read(NOTEBOOK, as_version=4).cells
CLAIMS = data.claims()
CHECKABLE = CLAIMS[CLAIMS["checkable"].astype(bool)]
CHECK_TAG = "nbval-check-output"  # nbval compares the stored outputs of cells with this tag
HEADER = re.compile(r"^> \*\*(?P<id>[KP]\d{2})\*\* · ¶(?P<paragraph>\d+) · \*“(?P<quote>.+)”\* — verdict: \*\*(?P<verdict>[a-z ]+)\*\*$", re.M)
HEADERS = [m for cell in CELLS if cell.cell_type == "markdown" for m in HEADER.finditer(cell.source)]


def test_every_checkable_claim_is_checked_once():
    ids = [m["id"] for m in HEADERS]
    assert sorted(ids) == sorted(CHECKABLE.index)
    assert len(ids) == len(set(ids))


def test_p_comes_first_then_k_each_in_article_order():
    ids = [m["id"] for m in HEADERS]
    articles = [i[0] for i in ids]
    assert articles == sorted(articles, key=lambda a: a == "K")  # all P before all K
    for article in ("P", "K"):
        # claims.csv lists each article's claims in the order of its text
        # (tests/test_data.py checks that against the articles)
        assert [i for i in ids if i.startswith(article)] == list(CHECKABLE.index[CHECKABLE["article"] == article]), article


@pytest.mark.parametrize("match", HEADERS, ids=lambda m: m["id"])
def test_claim_header_quotes_and_verdict_match_claims_csv(match):
    claim = CLAIMS.loc[match["id"]]
    assert match["quote"] == claim["quote"]
    assert int(match["paragraph"]) == claim["paragraph"]
    assert match["verdict"] == claim["verdict"]


def test_first_code_cell_imports_the_four_layers_and_code_cells_stay_short():
    code = [c for c in CELLS if c.cell_type == "code"]
    assert code[0].source.splitlines()[:2] == [
        "from natodebate import data, models, figures, panels, setup_notebook",
        "setup_notebook()  # the course's plotly settings (DEVELOPING.md)",
    ]
    for cell in code:
        # comments and imports are not logic
        logic = [line for line in cell.source.splitlines() if line.strip() and not line.lstrip().startswith(("#", "import "))]
        assert 1 <= len(logic) <= 3, cell.source


def test_the_lesson_has_the_panel_the_timeline_and_checked_numbers():
    sources = "\n".join(c.source for c in CELLS if c.cell_type == "code")
    assert "panels.FairRoundingPanel()" in sources
    assert "charts.timeline()" in sources
    printed = "\n".join(_stored_text(c) for c in CELLS if _is_checked(c))
    # the key results: area ratio, SIPRI 2021 first published and revised,
    # the forward moves K26 denies, the spring-2022 forecast errors, the
    # "1/10" gap against each vintage, the verdict totals
    for number in ("28.3", "11.2", "9.6", "6,800", "-10.0", "-7.3", "11.7", "-3.6", "22", "31"):
        assert number in printed, number


def _is_checked(cell) -> bool:
    return cell.cell_type == "code" and CHECK_TAG in cell.metadata.get("tags", [])


def _stored_text(cell) -> str:
    """What a checked cell shows as text: printed lines and the plain-text form of its result."""
    return "\n".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in cell.outputs)


def test_no_outputs_but_the_checked_ones_and_a_few_of_them():
    code = [c for c in CELLS if c.cell_type == "code"]
    checked = [c for c in code if _is_checked(c)]
    assert 5 <= len(checked) <= 7, "check the lesson's key results, not every number (the unit tests recompute them)"
    for cell in code:
        assert "NBVAL" not in cell.source, cell.source  # test machinery lives in cell tags
        assert bool(cell.outputs) == (cell in checked), cell.source


def test_results_are_tables_or_sentences_not_python_reprs():
    for cell in CELLS:
        if cell.cell_type == "code":
            assert not re.search(r"\.to_string\(|\.to_dict\(", cell.source), cell.source  # a table shows as a table
            assert not re.search(r"[{\[]'", _stored_text(cell)), cell.source  # no {'key': ...} or ['P02', ...]


def test_the_reasons_cite_sources_students_can_find():
    """No references to the course's design notes ("FACTS §E", "models.md",
    "Crux 2", "co-premise Kg3", "H1-H4", "the course fact sheet")."""
    internal = re.compile(r"FACTS|§|models\.md|\b[Cc]rux \d|\b[KP]g\d|\bH[1-9]\b|fact sheet")
    for cell in CELLS:
        if cell.cell_type == "markdown":
            assert not internal.search(cell.source), internal.search(cell.source)[0]


def test_the_lesson_ends_with_what_was_learned_and_a_link_onwards():
    last = CELLS[-1]
    assert last.cell_type == "markdown" and last.source.startswith("## What you learned")
    bullets = [line for line in last.source.splitlines() if line.startswith("* ")]
    assert 3 <= len(bullets) <= 6
    links = re.findall(r"\[[^\]]+\]\(([0-9]{2}_[a-z_]+\.ipynb)[^)]*\)", last.source)
    assert links and all((NOTEBOOK.parent / link).is_file() for link in links), links


def test_no_lesson_is_named_before_it_exists():
    """Lessons that are still in preparation are "a later lesson", never a number."""
    existing = {p.name[:2] for p in NOTEBOOK.parent.glob("[0-9][0-9]_*.ipynb")}
    for cell in CELLS:
        if cell.cell_type == "markdown":
            for number in re.findall(r"\b[Ll]essons? (\d{2})\b", cell.source):
                assert number in existing, f"lesson {number} does not exist yet:\n{cell.source}"


def test_the_claim_counts_in_the_prose_match_claims_csv():
    per_article = CHECKABLE["article"].value_counts()
    introduction = CELLS[0].source
    assert f"{per_article['P']} of Petrovics's and {per_article['K']} of Kagan's" in introduction
    assert f"all {len(CHECKABLE)} of them" in introduction
    overview = next(c.source for c in CELLS if c.cell_type == "markdown" and c.source.startswith("## 2. The claims we check"))
    assert f"marked {len(CHECKABLE)} claims as checkable" in overview


def _claim_sections() -> dict[str, str]:
    """Each checked claim's markdown: from its header to the next claim's header."""
    markdown = "\n\n".join(c.source for c in CELLS if c.cell_type == "markdown")
    found = list(HEADER.finditer(markdown))
    ends = [m.start() for m in found[1:]] + [len(markdown)]
    return {m["id"]: markdown[m.start():end] for m, end in zip(found, ends)}


def test_supported_with_a_caveat_is_one_rule_for_both_articles():
    """A checked claim is called "supported, with a caveat" in the lesson
    exactly when lessons 01/02's neutral reader docks it 0.05 for a caveat
    (among the claims the reader weighs: K01, the occasion, and K10, which
    attacks it, take no weight and have no preset row)."""
    sections = _claim_sections()
    markdown = "\n".join(c.source for c in CELLS if c.cell_type == "markdown")
    neutral = data.load_table("preset_weights").query("preset == 'neutral'").set_index("claim_id")["justification"]
    weighed = [i for i in sections if i in neutral.index]
    assert len(weighed) >= len(sections) - 2, set(sections) - set(weighed)
    docked = {i for i in weighed if neutral[i].startswith("verdict supported, -0.05")}
    caveated = {
        i for i, text in sections.items()
        if i in neutral.index
        and ("**Verdict: supported, with a caveat" in text or f"**{i} — supported, with a caveat" in markdown)
    }
    assert caveated == docked
    assert {i[0] for i in caveated} == {"K", "P"}  # the rule is applied to both articles
