"""Worksheets and ideas: quadrants, importing worksheet entries from CSV, ranking ideas by votes.

>>> import partnerkit as pk
>>> p = pk.load("examples/partnerships/state-cac-voca.json")      # doctest: +SKIP
>>> r = p.rank_ideas(method="borda")                                # doctest: +SKIP
>>> [i.id for i in r.ideas][:3]                                     # doctest: +SKIP

The classes and functions come from the C++ library; this module adds the pandas tables and the
notebook display.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ._core import (
    IdeaRanking,
    Quadrant,
    RankedIdea,
    RankMethod,
    Weights,
    WorksheetImport,
    parse_quadrant,
    quadrant_heading,
    rank_ideas,
)

if TYPE_CHECKING:
    import pandas

__all__ = [
    "IdeaRanking", "Quadrant", "RankMethod", "RankedIdea", "Weights", "WorksheetImport", "parse_quadrant",
    "quadrant_heading", "rank_ideas",
]

IDEA_COLUMNS = ["rank", "id", "text", "session", "exciting", "better", "doable", "dots", "total", "score", "decided_by"]


def _ranking_rows(self: IdeaRanking) -> list[dict]:
    rows = []
    for i in self.to_dict()["ideas"]:
        votes = i.pop("votes")
        rows.append({**i, **votes})
    return rows


def _ranking_to_pandas(self: IdeaRanking) -> pandas.DataFrame:
    """One row per idea, best first (columns: rank, id, text, session, the votes, total, score, decided_by)."""
    import pandas as pd

    return pd.DataFrame(_ranking_rows(self), columns=IDEA_COLUMNS)


def _ranking_repr_html(self: IdeaRanking) -> str:
    rows = "".join(
        f"<tr><td>{i.rank}</td><td>{escape(i.text)}</td><td>{i.exciting}</td><td>{i.better}</td>"
        f"<td>{i.doable}</td><td>{i.dots}</td><td>{i.total}</td><td>{i.score:g}</td><td>{escape(i.decided_by)}</td></tr>"
        for i in self.ideas
    )
    return (
        f"<div><p>{escape(self.describe())}</p><table><thead><tr><th>rank</th><th>idea</th><th>exciting</th>"
        "<th>better</th><th>doable</th><th>dots</th><th>total</th><th>score</th><th>placed by</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


IdeaRanking.to_pandas = _ranking_to_pandas  # type: ignore[attr-defined]
IdeaRanking._repr_html_ = _ranking_repr_html  # type: ignore[attr-defined]
