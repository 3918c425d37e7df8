"""Stakeholder tools: survey import, gap analysis, breakout groups, change over time, pictures.

>>> import partnerkit as pk, datetime as dt
>>> p = pk.load("examples/partnerships/state-cac-voca.json")           # doctest: +SKIP
>>> p.gaps().missing_categories                                         # doctest: +SKIP
>>> p.breakout_groups("in-person-1", groups=3, seed=7).groups           # doctest: +SKIP
>>> p.compare(dt.date(2027, 2, 20)).gained                              # doctest: +SKIP

The classes come from the C++ library (see docs/stakeholders-tools.md); this module adds pandas
tables, Partnership.graph() (a filtered view), Graph.to_pandas(), Graph.to_networkx() and the
notebook picture (Graph._repr_svg_). Methods live on Partnership: graph, import_survey,
import_survey_csv, gaps, breakout_groups, score_groups, compare; and on Graph: to_dot, to_graphml,
to_svg.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from ._errors import Error
from ._core import (
    Breakouts,
    Comparison,
    Gaps,
    GroupScore,
    Introduction,
    MissingCategory,
    NoDecisionMaker,
    RecommendedCategory,
    SinglePointOfFailure,
    SnapshotSummary,
    SurveyColumn,
    SurveyResult,
    TiePair,
    VertexChange,
    Graph,
    Partnership,
    category_color,
    compare_graphs,
    survey_header_aliases,
    svg_available,
    toolkit_categories,
)

if TYPE_CHECKING:
    import pandas

__all__ = [
    "Breakouts", "Comparison", "Gaps", "GroupScore", "Introduction", "MissingCategory", "NoDecisionMaker",
    "RecommendedCategory", "SinglePointOfFailure", "SnapshotSummary", "SurveyColumn", "SurveyResult", "TiePair",
    "VertexChange", "category_color", "compare_graphs", "survey_header_aliases", "svg_available", "toolkit_categories",
]

CHANGE_COLUMNS = [
    "id", "degree_before", "degree_after", "betweenness_before", "betweenness_after",
    "trust_before", "trust_after", "value_before", "value_after",
]


def _breakouts_to_pandas(self: Breakouts) -> pandas.DataFrame:
    """One row per person: person id and group number (1-based), in group order."""
    import pandas as pd

    rows = [{"person": person, "group": g + 1} for g, members in enumerate(self.groups) for person in members]
    return pd.DataFrame(rows, columns=["person", "group"])


def _comparison_to_pandas(self: Comparison) -> pandas.DataFrame:
    """One row per vertex with its measures before and after (NaN where absent), indexed by id."""
    import pandas as pd

    return pd.DataFrame(self.to_dict()["vertices"], columns=CHANGE_COLUMNS).set_index("id")


def _gaps_repr_html(self: Gaps) -> str:
    items = [f"<li>missing category <b>{escape(m.category)}</b> ({escape(m.label)})</li>" for m in self.missing_categories]
    items += [
        f"<li>no decision maker for <b>{escape(d.organization)}</b> ({d.people} on the roster)</li>"
        for d in self.no_decision_maker
    ]
    items += [f"<li>isolated: <b>{escape(i)}</b></li>" for i in self.isolates]
    items += [
        f"<li>single point of failure: <b>{escape(s.id)}</b> (cuts off {escape(', '.join(s.cut_off))})</li>"
        for s in self.single_points_of_failure
    ]
    items += [
        f"<li>introduce <b>{escape(i.a)}</b> and <b>{escape(i.b)}</b> ({len(i.shared)} shared partners)</li>"
        for i in self.introductions
    ]
    return "<div><p>Gaps</p><ul>" + "".join(items) + "</ul></div>"


Breakouts.to_pandas = _breakouts_to_pandas  # type: ignore[attr-defined]
Comparison.to_pandas = _comparison_to_pandas  # type: ignore[attr-defined]
Gaps._repr_html_ = _gaps_repr_html  # type: ignore[attr-defined]


# ---- the graph: p.graph(), to_pandas(), to_networkx(), notebook picture ----

GRAPH_COLUMNS = [
    "name", "kind", "category", "organization", "degree", "betweenness", "closeness", "harmonic",
    "eigenvector", "pagerank", "community", "trust", "value",
]


def _partnership_graph(
    self: Partnership,
    *,
    on: datetime.date | None = None,
    kinds: Sequence[str] | None = None,
    min_weight: float | None = None,
    people: bool = True,
) -> Graph:
    """The stakeholder graph: organizations (and, with `people`, people tied to their organization);
    only ties observed on or before `on` (undated ties always), of the given `kinds` (membership ties
    are kept while people are in), of weight `min_weight` or more."""
    g = Graph(self, people=people)
    if on is not None:
        g = g.as_of(on)
    if kinds is not None:
        g = g.with_kinds([*kinds, "membership"] if people else list(kinds))
    if min_weight is not None:
        g = g.with_min_weight(min_weight)
    return g


def _graph_to_pandas(self: Graph) -> pandas.DataFrame:
    """One row per vertex, indexed by id: who it is and its measures (NaN where a measure is
    undefined, e.g. eigenvector centrality that does not converge, or trust no one rated)."""
    import pandas as pd

    try:
        eigenvector = self.eigenvector()
    except Error:
        eigenvector = {}
    pagerank = self.pagerank()
    degree, betweenness, closeness, harmonic = self.degree(), self.betweenness(), self.closeness(), self.harmonic()
    community = self.communities()["membership"]
    scores = self.trust_and_value()["vertices"]
    rows = []
    for v in self.vertices:
        rows.append(
            {
                "id": v.id, "name": v.name, "kind": v.kind, "category": v.category, "organization": v.organization,
                "degree": degree[v.id], "betweenness": betweenness[v.id], "closeness": closeness[v.id],
                "harmonic": harmonic[v.id], "eigenvector": eigenvector.get(v.id, float("nan")),
                "pagerank": pagerank[v.id], "community": community[v.id],
                "trust": scores[v.id]["trust"], "value": scores[v.id]["value"],
            }
        )
    return pd.DataFrame(rows, columns=["id", *GRAPH_COLUMNS]).set_index("id")


def _graph_to_networkx(self: Graph, *, multigraph: bool = False) -> Any:
    """A NetworkX graph with the same vertices (keyed by id, with their attributes) and ties.

    Simple by default, as partnerkit's measures see it: parallel ties merged with weights summed
    (``kinds`` lists theirs), self-ties dropped; nx.DiGraph when a tie is directed (an undirected tie
    then goes both ways). With ``multigraph=True``, every tie is an edge of a MultiGraph or
    MultiDiGraph with all its fields."""
    import networkx as nx

    directed = self.directed
    if multigraph:
        out = nx.MultiDiGraph() if directed else nx.MultiGraph()
    else:
        out = nx.DiGraph() if directed else nx.Graph()
    for v in self.vertices:
        out.add_node(
            v.id, name=v.name, kind=v.kind, category=v.category, organization=v.organization,
            decision_maker=v.decision_maker, core=v.core,
        )
    ids = [v.id for v in self.vertices]
    for e in self.edges:
        a, b = ids[e.source], ids[e.target]
        arcs = [(a, b)] if e.directed or not directed else [(a, b), (b, a)]
        for u, w in arcs:
            if multigraph:
                out.add_edge(
                    u, w, kind=e.kind, weight=e.weight, directed=e.directed, observed=e.observed, level=e.level,
                    trust=e.trust, value=e.value,
                )
            elif u != w:
                if out.has_edge(u, w):
                    out[u][w]["weight"] += e.weight
                    out[u][w]["kinds"].append(e.kind)
                else:
                    out.add_edge(u, w, weight=e.weight, kinds=[e.kind])
    return out


def _graph_repr_svg(self: Graph) -> str | None:
    """The picture in a notebook (Graphviz); None when built without Graphviz."""
    return self.to_svg() if svg_available() else None


Partnership.graph = _partnership_graph  # type: ignore[attr-defined]
Graph.to_pandas = _graph_to_pandas  # type: ignore[attr-defined]
Graph.to_networkx = _graph_to_networkx  # type: ignore[attr-defined]
Graph._repr_svg_ = _graph_repr_svg  # type: ignore[attr-defined]
