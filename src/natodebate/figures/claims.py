"""Figures and tables of the articles' claims (lessons 01–02): the claim
table, claims by type, and the argument map as a sunburst."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import models
from .style import ARTICLE_NAMES, OKABE_ITO, TYPE_COLOURS, axis, build_figure
from .tables import Table

__all__ = ["ClaimTable", "claim_table", "claims_by_type", "argument_sunburst"]


class ClaimTable(Table):
    """Claims as an HTML table (what :func:`claim_table` returns): a
    :class:`Table`, so every quote and reason is shown in full and wrapped,
    the verdict shaded and the claim type marked in its colour. ``frame``
    holds the rows as plain text.
    """

    def __init__(self, frame: pd.DataFrame):
        super().__init__(frame, index=False, css_class="natodebate-claims")


def claim_table(article: str, paragraphs=None) -> ClaimTable:
    """The claims of ``article`` (optionally only those in ``paragraphs``, an
    iterable of paragraph numbers) as a table: id, paragraph, quote, type,
    checkable, verdict, the reason for the verdict, and its place in the map."""
    claims = models.article_claims(article).reset_index()
    if paragraphs is not None:
        wanted = [int(p) for p in paragraphs]
        claims = claims[claims["paragraph"].isin(wanted)]
        if claims.empty:
            raise ValueError(f"paragraphs={wanted}: article {article} has no claims there")
    shown = claims[["id", "paragraph", "quote", "claim_type", "checkable", "verdict", "verdict_note", "relation", "parent_id"]].rename(
        columns={
            "paragraph": "¶",
            "claim_type": "type",
            "verdict_note": "why",
            "relation": "role",
            "parent_id": "of",
        }
    )
    shown["checkable"] = shown["checkable"].map({True: "yes", False: "no"})
    shown["of"] = shown["of"].fillna("—")
    return ClaimTable(shown.reset_index(drop=True))


def claims_by_type(article: str) -> go.Figure:
    """Bar chart: how many claims of each type the article makes, with the
    checkable share hatched."""
    counts = models.claim_counts(article)
    traces = []
    for claim_type, row in counts.iterrows():
        colour = TYPE_COLOURS[claim_type]
        traces += [
            {
                "type": "bar", "y": [claim_type], "x": [row["checkable"]], "orientation": "h", "name": claim_type,
                "marker": {"color": colour}, "legendgroup": claim_type, "hovertemplate": "%{y}: %{x} checkable<extra></extra>",
            },
            {
                "type": "bar", "y": [claim_type], "x": [row["claims"] - row["checkable"]], "orientation": "h",
                "name": f"{claim_type} (not checkable)",
                "marker": {"color": colour, "pattern": {"shape": "/"}, "opacity": 0.55}, "legendgroup": claim_type,
                "showlegend": False, "hovertemplate": "%{y}: %{x} not checkable<extra></extra>",
            },
        ]
    total = int(counts["claims"].sum())
    # Horizontal bars: the type names stay level and readable in a narrow column.
    return build_figure(
        traces,
        f"{ARTICLE_NAMES[article]}: {total} claims by type",
        "Solid: claims data or documents can check. Hatched: claims that can only be weighed.",
        barmode="stack", showlegend=False, margin={"l": 120},
        xaxis=axis("number of claims", dtick=2),
        yaxis=axis("claim type", categoryorder="array", categoryarray=list(counts.index)[::-1]),
    )


def argument_sunburst(article: str) -> go.Figure:
    """Sunburst of the argument map: the thesis in the centre, each ring one
    step further from it; colour = claim type, hover = summary and role."""
    claims = models.article_claims(article)
    labels = [f"{i}" for i in claims.index]
    parents = [p if isinstance(p, str) else "" for p in claims["parent_id"].fillna("")]
    roles = [
        _role(rel, parent, grp, claims["premise_group"]) for rel, parent, grp in zip(claims["relation"], parents, claims["premise_group"])
    ]
    colours = [
        "#ffffff" if rel == "thesis" else TYPE_COLOURS[t] for rel, t in zip(claims["relation"], claims["claim_type"])
    ]
    line_colours = [OKABE_ITO["vermillion"] if rel == "attacks" else "#ffffff" for rel in claims["relation"]]
    sunburst = {
        "type": "sunburst", "ids": list(claims.index), "labels": labels, "parents": parents,
        "marker": {"colors": colours, "line": {"color": line_colours, "width": [3 if c != "#ffffff" else 1 for c in line_colours]}},
        "customdata": list(zip(claims["summary"], claims["claim_type"], roles)),
        "hovertemplate": "<b>%{label}</b> (%{customdata[1]})<br>%{customdata[0]}<br><i>%{customdata[2]}</i><extra></extra>",
        "insidetextorientation": "radial", "maxdepth": 4,
    }
    return build_figure(
        [sunburst],
        f"{ARTICLE_NAMES[article]}: the argument map",
        "Centre: the thesis. Each ring holds the claims that bear on the ring inside it; red outline = an attack. Click to zoom.",
        height=560, axis_px=0,
    )


def _role(relation: str, parent: str, group, groups: pd.Series) -> str:
    """A claim's place on the map in words, for hover labels."""
    if relation == "thesis":
        return "the thesis"
    if relation == "elaborates":
        return f"elaborates {parent}: restates it, forecasts from it or gives its occasion (not counted as a reason)"
    if isinstance(group, str) and group:
        partners = len(groups[groups == group])
        return f"{relation} {parent}, together with {partners - 1} other claim(s) (co-premises: the weakest one counts)"
    return f"{relation} {parent}"
