"""The two articles' claims and their argument maps (lessons 01–03).

Which claims each article makes, of which type, with which verdict, and the
compiled argument map (:class:`~natodebate.models.argument.ArgumentMap`) of
each article, read from ``data/claims.csv``.
"""

from __future__ import annotations

import functools
import re

import pandas as pd

from .. import data
from .argument import ArgumentMap

__all__ = ["ARTICLES", "CLAIM_TYPES", "VERDICTS", "check_article", "article_claims", "argument_map", "claim_counts", "verdict_counts"]

ARTICLES = ("K", "P")


CLAIM_TYPES = (
    "empirical",
    "legal/historical",
    "causal",
    "counterfactual",
    "predictive",
    "intentional",
    "analogical",
    "normative",
)


VERDICTS = ("supported", "contested", "wrong", "unverifiable", "overtaken by events")


def check_article(article: str) -> str:
    """Return ``article`` if it is ``"K"`` or ``"P"``, else raise ``ValueError``."""
    if article not in ARTICLES:
        raise ValueError(f"article={article!r}: expected 'K' (Kagan) or 'P' (Petrovics)")
    return article


def article_claims(article: str) -> pd.DataFrame:
    """The claims of one article, indexed by id, in article order."""
    claims = data.claims()
    return claims[claims["article"] == check_article(article)]


@functools.cache
def argument_map(article: str) -> ArgumentMap:
    """The compiled argument map of ``article`` (cached). Raises
    :class:`~natodebate.data.DataError` naming ``claims.csv`` and the rows
    of the claims involved when they do not form one tree under a thesis."""
    claims = article_claims(article)
    try:
        return ArgumentMap.from_claims(claims)
    except ValueError as err:
        raise data.DataError(_map_problem(article, str(err))) from None


def _map_problem(article: str, message: str) -> str:
    """An argument-map error as a data problem: the file, the article, and
    the rows of claims.csv that hold the claims it names."""
    rows = {claim_id: n + 2 for n, claim_id in enumerate(data.claims().index)}  # row 1 is the header
    named = [claim_id for claim_id in dict.fromkeys(re.findall(r"\b[KP]\d{2}\b", message)) if claim_id in rows]
    where = "; rows: " + ", ".join(f"{claim_id} = row {rows[claim_id]}" for claim_id in named) if named else ""
    problem = message.removeprefix("claims: ")
    return f"{data.data_folder() / 'claims.csv'}, article {article}'s argument map (columns relation, parent_id, premise_group): {problem}{where}"


def claim_counts(article: str) -> pd.DataFrame:
    """Claims per claim type for one article: columns ``claims`` (all) and
    ``checkable`` (those data or documents can test). Types that do not occur
    are left out; rows follow :data:`CLAIM_TYPES`."""
    claims = article_claims(article)
    table = claims.groupby("claim_type", observed=True).agg(
        claims=("summary", "size"), checkable=("checkable", "sum")
    )
    order = [t for t in CLAIM_TYPES if t in table.index]
    table = table.loc[order].astype(int)
    table.index.name = "claim type"
    return table


def verdict_counts(article: str) -> pd.Series:
    """Claims per verdict for one article, in the order of :data:`VERDICTS`
    (verdicts that do not occur are left out)."""
    counts = article_claims(article)["verdict"].value_counts()
    return counts.reindex([v for v in VERDICTS if v in counts.index]).rename("claims").astype(int)
