"""Worksheets and ideas: quadrants, importing worksheet entries from CSV, the collective summary,
ranking ideas by votes and grouping them into areas of focus.

>>> import partnerkit as pk
>>> p = pk.load("examples/partnerships/state-cac-voca.json")      # doctest: +SKIP
>>> s = p.themes(session="in-person-1")                             # doctest: +SKIP
>>> [t.label for t in s.quadrants[1].themes if t.common]            # doctest: +SKIP
>>> r = p.rank_ideas(method="borda", areas=3)                       # doctest: +SKIP
>>> [(a.label, a.first_steps) for a in r.areas]                     # doctest: +SKIP

The classes and functions come from the C++ library; this module adds the pandas tables and the
notebook display.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ._core import (
    FocusArea,
    IdeaRanking,
    QuadrantSummary,
    Summary,
    SummaryEntry,
    SummaryTheme,
    summarize_texts,
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
    "FocusArea", "IdeaRanking", "Quadrant", "QuadrantSummary", "RankMethod", "RankedIdea", "Summary", "SummaryEntry",
    "SummaryTheme", "Weights", "WorksheetImport", "parse_quadrant", "quadrant_heading", "rank_ideas",
    "summarize_texts",
]

ENTRY_COLUMNS = [
    "entry", "text", "organization", "quadrant", "meeting", "document", "theme", "theme_label",
    "theme_organizations", "common", "quadrant_theme", "quadrant_theme_label",
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
        f"<tbody>{rows}</tbody></table>{_ranking_repr_areas(self)}</div>"
    )


def _ranking_repr_areas(self: IdeaRanking) -> str:
    texts = {i.id: i.text for i in self.ideas}
    items = "".join(
        f"<li><b>{escape(a.label)}</b> ({len(a.ideas)} ideas, score {a.score:g}); first steps: "
        + "; ".join(escape(texts.get(i, i)) for i in a.first_steps)
        + "</li>"
        for a in self.areas
    )
    return f"<p>Areas of focus:</p><ol>{items}</ol>" if items else ""


def _summary_rows(self: Summary) -> list[dict]:
    quadrant_theme: dict[int, tuple[int, SummaryTheme]] = {}
    for q in self.quadrants:
        for k, t in enumerate(q.themes):
            for i in t.entries:
                quadrant_theme[i] = (k, t)
    rows = []
    for i, e in enumerate(self.entries):
        a = self.assignments[i]
        theme = self.themes[a] if a >= 0 else None
        qt = quadrant_theme.get(i)
        rows.append({
            "entry": i,
            "text": e.text,
            "organization": e.organization,
            "quadrant": e.quadrant.name if e.quadrant is not None else None,
            "meeting": e.meeting,
            "document": e.document,
            "theme": a if a >= 0 else None,
            "theme_label": theme.label if theme else None,
            "theme_organizations": len(theme.organizations) if theme else None,
            "common": theme.common if theme else None,
            "quadrant_theme": qt[0] if qt else None,
            "quadrant_theme_label": qt[1].label if qt else None,
        })
    return rows


def _summary_to_pandas(self: Summary) -> pandas.DataFrame:
    """One row per entry, in input order: where it came from, its theme across quadrants (index into
    ``themes``, None when unassigned) and its theme within its quadrant."""
    import pandas as pd

    return pd.DataFrame(_summary_rows(self), columns=ENTRY_COLUMNS)


def _theme_html(self: Summary, t: SummaryTheme) -> str:
    entries = "".join(
        f"<li>{escape(self.entries[i].text)} <small>({escape(self.entries[i].organization or '')})</small></li>"
        for i in t.entries
    )
    return (
        f"<li><b>{escape(self.entries[t.representative].text)}</b> <small>[{escape(t.label)}]</small> "
        f"&mdash; {len(t.organizations)} organizations, {len(t.entries)} entries<ul>{entries}</ul></li>"
    )


def _summary_repr_html(self: Summary) -> str:
    parts = [f"<div><p>Collective summary: {len(self.entries)} entries from {self.organizations} organizations</p>"]
    for q in self.quadrants:
        common = "".join(_theme_html(self, t) for t in q.themes if t.common)
        unique = "".join(
            f"<li>{escape(org)}: {escape('; '.join(self.entries[i].text for i in entries))}</li>"
            for org, entries in q.unique
        )
        parts.append(
            f"<h4>{escape(quadrant_heading(q.quadrant))}</h4><ol>{common}</ol>"
            + (f"<p>Unique to one organization:</p><ul>{unique}</ul>" if unique else "")
        )
    if not self.quadrants:
        parts.append("<ol>" + "".join(_theme_html(self, t) for t in self.themes) + "</ol>")
    parts.append(f"<p>Unassigned: {len(self.unassigned)} entries</p></div>")
    return "".join(parts)


Summary.to_pandas = _summary_to_pandas  # type: ignore[attr-defined]
Summary._repr_html_ = _summary_repr_html  # type: ignore[attr-defined]
IdeaRanking.to_pandas = _ranking_to_pandas  # type: ignore[attr-defined]
IdeaRanking._repr_html_ = _ranking_repr_html  # type: ignore[attr-defined]
