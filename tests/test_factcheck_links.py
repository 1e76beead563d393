"""Claims and evidence point at each other: every checkable claim has the
evidence behind its verdict, no id dangles, no evidence row is orphaned, and
the timeline's claim links agree with the claims' evidence links."""

from __future__ import annotations

import pytest

from natodebate import data
from natodebate.models import factcheck as check

CLAIMS = data.claims()
EVIDENCE = data.load_table("evidence").set_index("evidence_id")
CHECKABLE = CLAIMS[CLAIMS["checkable"].astype(bool)]
LINKED = {claim_id: check.split_ids(ids) for claim_id, ids in CLAIMS["evidence_ids"].items()}


@pytest.mark.parametrize("claim_id", list(CHECKABLE.index))
def test_every_checkable_claim_has_evidence(claim_id):
    assert LINKED[claim_id], f"{claim_id} is checkable but has no evidence_ids"


def test_uncheckable_claims_carry_no_evidence_ids():
    unchecked = CLAIMS[~CLAIMS["checkable"].astype(bool)]
    assert not any(LINKED[c] for c in unchecked.index), [c for c in unchecked.index if LINKED[c]]


def test_every_linked_id_exists_in_evidence():
    dangling = {c: i for c, ids in LINKED.items() for i in ids if i not in EVIDENCE.index}
    assert not dangling, dangling


def test_no_claim_lists_an_id_twice():
    assert all(len(ids) == len(set(ids)) for ids in LINKED.values())


def test_every_evidence_row_is_used_by_a_claim():
    used = {i for ids in LINKED.values() for i in ids}
    assert set(EVIDENCE.index) == used, sorted(set(EVIDENCE.index) - used)


def test_both_articles_get_evidence():
    per_article = CHECKABLE.groupby("article").size()
    assert per_article["P"] >= 10 and per_article["K"] >= 10
    for article in ("K", "P"):
        ids = {i for c in CHECKABLE.index if c.startswith(article) for i in LINKED[c]}
        assert len(ids) >= 10, article


def test_unconfirmed_evidence_never_supports_a_claim():
    # An unconfirmed source may explain why a claim is unverifiable or why a
    # quotation cannot be checked, but it cannot make a verdict "supported".
    unconfirmed = set(EVIDENCE.index[EVIDENCE["confidence"] == "unconfirmed"])
    for claim_id, ids in LINKED.items():
        if ids and set(ids) <= unconfirmed:
            assert CLAIMS.loc[claim_id, "verdict"] not in ("supported", "wrong"), claim_id


def test_timeline_claim_links_agree_with_the_claims():
    timeline = data.load_table("timeline")
    for row in timeline.itertuples():
        evidence = set(check.split_ids(row.evidence_ids))
        expected = [c for c in CLAIMS.index if evidence & set(LINKED[c])] if row.category != "article" else []
        assert check.split_ids(row.claim_ids) == expected, row.event


def test_numeric_claims_share_evidence_with_their_claim():
    numeric = data.load_table("numeric_claims")
    for row in numeric.itertuples():
        same_quote = CLAIMS[(CLAIMS["article"] == row.article) & CLAIMS["quote"].str.contains(row.quote, regex=False)]
        assert len(same_quote) == 1, row.numeric_claim_id
        claim_id = same_quote.index[0]
        assert set(check.split_ids(row.evidence_ids)) <= set(LINKED[claim_id]), (row.numeric_claim_id, claim_id)
