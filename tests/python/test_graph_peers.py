"""Stakeholder graph measures agree with NetworkX (and communities with igraph's multilevel) on
fixed-seed random graphs, Zachary's karate club and the SNAP email-Eu-core network.

NetworkX's defaults stop early, so PageRank is compared with tol=1e-12 and eigenvector centrality
with eigenvector_centrality_numpy."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pytest

import partnerkit as pk

igraph = pytest.importorskip("igraph")

EMAIL = Path(__file__).resolve().parents[1] / "data" / "graphs" / "email-Eu-core.txt"
REL = 1e-6


def to_pk(G: nx.Graph, weight: str | None = None) -> pk.Graph:
    edges = [(str(u), str(v)) for u, v in G.edges()]
    weights = [float(d.get(weight, 1.0)) for _, _, d in G.edges(data=True)] if weight else None
    return pk.Graph.from_edges([str(v) for v in G], edges, weights=weights, directed=G.is_directed())


def assert_close(ours: dict[str, float], theirs: dict, rel: float = REL, floor: float = 1e-12) -> None:
    assert set(ours) == {str(k) for k in theirs}
    bad = [
        (k, ours[str(k)], v)
        for k, v in theirs.items()
        if not abs(ours[str(k)] - v) <= rel * abs(v) + floor
    ]
    assert not bad, bad[:5]


def ids(vertices) -> set[str]:
    return {str(v) for v in vertices}


def pairs(edges) -> set[frozenset[str]]:
    return {frozenset((str(u), str(v))) for u, v, *_ in edges}


def random_graphs() -> list[nx.Graph]:
    graphs: list[nx.Graph] = []
    for seed, directed in [(1, False), (2, True), (3, False), (4, True)]:
        G = nx.gnp_random_graph(60, 0.08, seed=seed, directed=directed)
        for i, (u, v) in enumerate(G.edges()):
            G[u][v]["weight"] = 1 + (u * 7 + v * 3 + seed) % 4
        graphs.append(G)
    return graphs


def email(directed: bool) -> nx.Graph:
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(1005))
    numbers = [int(x) for x in EMAIL.read_text().split()]
    G.add_edges_from((u, v) for u, v in zip(numbers[::2], numbers[1::2]) if u != v)
    return G


@pytest.fixture(scope="module")
def karate() -> nx.Graph:
    return nx.karate_club_graph()


@pytest.mark.parametrize("index", range(4))
def test_random_graph_centralities(index: int) -> None:
    G = random_graphs()[index]
    g = to_pk(G, "weight")
    assert_close(g.betweenness(), nx.betweenness_centrality(G))
    assert_close(g.betweenness(weight="distance"), nx.betweenness_centrality(G, weight="weight"))
    assert_close(g.betweenness(normalized=False), nx.betweenness_centrality(G, normalized=False))
    assert_close(g.closeness(), nx.closeness_centrality(G))
    assert_close(g.closeness(weight="distance"), nx.closeness_centrality(G, distance="weight"))
    assert_close(g.closeness(wf_improved=False), nx.closeness_centrality(G, wf_improved=False))
    assert_close(g.harmonic(), nx.harmonic_centrality(G))
    assert_close(g.harmonic(weight="distance"), nx.harmonic_centrality(G, distance="weight"))
    assert_close(g.pagerank(), nx.pagerank(G, tol=1e-12))
    assert_close(g.pagerank(weighted=False, alpha=0.7), nx.pagerank(G, alpha=0.7, weight=None, tol=1e-12))
    assert_close(g.degree(), nx.degree_centrality(G))
    assert g.density() == pytest.approx(nx.density(G))
    if G.is_directed():
        assert g.reciprocity() == pytest.approx(nx.reciprocity(G))
        assert_close(g.in_degree(), nx.in_degree_centrality(G))
        assert_close(g.out_degree(), nx.out_degree_centrality(G))
        assert sorted(map(sorted, g.strong_components())) == sorted(
            sorted(ids(c)) for c in nx.strongly_connected_components(G)
        )
    else:
        # NetworkX refuses disconnected graphs here: compare on the largest component.
        C = G.subgraph(max(nx.connected_components(G), key=len)).copy()
        c = to_pk(C, "weight")
        assert_close(c.eigenvector(), nx.eigenvector_centrality_numpy(C))
        assert_close(c.eigenvector(weighted=True), nx.eigenvector_centrality_numpy(C, weight="weight"))


@pytest.mark.parametrize("index", range(4))
def test_betweenness_from_sources_and_closeness_of_vertices(index: int) -> None:
    G = random_graphs()[index]
    g = to_pk(G, "weight")
    sources = sorted(G)[::3]
    names = [str(v) for v in sources]
    for normalized in (True, False):
        assert_close(
            g.betweenness(sources=names, normalized=normalized),
            nx.betweenness_centrality_subset(G, sources, list(G), normalized=normalized),
        )
        assert_close(
            g.betweenness(sources=names, weight="distance", normalized=normalized),
            nx.betweenness_centrality_subset(G, sources, list(G), normalized=normalized, weight="weight"),
        )
    everyone = g.betweenness(sources=[str(v) for v in G])
    assert everyone == pytest.approx(g.betweenness(), rel=1e-12, abs=1e-15)
    picked = g.closeness(vertices=names)
    assert list(picked) == names
    assert_close(picked, {v: nx.closeness_centrality(G, u=v) for v in sources})
    weighted = g.closeness(vertices=names, weight="distance")
    assert_close(weighted, {v: nx.closeness_centrality(G, u=v, distance="weight") for v in sources})
    assert g.betweenness(sources=[]) == dict.fromkeys(g.betweenness(), 0.0)
    assert g.closeness(vertices=[]) == {}


def test_sources_and_vertices_errors() -> None:
    g = pk.Graph.from_edges(["a", "b", "c"], [("a", "b"), ("b", "c")])
    with pytest.raises(pk.Error, match="unknown vertex id 'z'"):
        g.betweenness(sources=["a", "z"])
    with pytest.raises(pk.Error, match="betweenness sources: vertex index 0 given twice"):
        g.betweenness(sources=["a", "a"])
    with pytest.raises(pk.Error, match="closeness vertices: vertex index 1 given twice"):
        g.closeness(vertices=["b", "b"])


def test_karate_club(karate: nx.Graph) -> None:
    G = karate
    g = to_pk(G, "weight")
    assert_close(g.betweenness(), nx.betweenness_centrality(G))
    assert_close(g.betweenness(weight="distance"), nx.betweenness_centrality(G, weight="weight"))
    assert_close(g.closeness(), nx.closeness_centrality(G))
    assert_close(g.harmonic(), nx.harmonic_centrality(G))
    assert_close(g.eigenvector(), nx.eigenvector_centrality_numpy(G))
    assert_close(g.eigenvector(weighted=True), nx.eigenvector_centrality_numpy(G, weight="weight"))
    assert_close(g.pagerank(), nx.pagerank(G, tol=1e-12))
    assert ids(g.articulation_points()) == ids(nx.articulation_points(G))
    assert pairs(g.bridges()) == pairs(nx.bridges(G))
    ours = {frozenset((u, v)): span for u, v, span in g.local_bridges()}
    theirs = {frozenset((str(u), str(v))): s for u, v, s in nx.local_bridges(G, with_span=True)}
    assert ours == {k: (None if math.isinf(s) else s) for k, s in theirs.items()}
    membership = g.communities(seed=1)
    assert membership["modularity"] == pytest.approx(
        nx.community.modularity(G, [set(map(int, c)) for c in membership["groups"]], weight="weight")
    )


def igraph_modularity(G: nx.Graph, weighted: bool) -> float:
    h = igraph.Graph(n=G.number_of_nodes(), edges=list(G.edges()))
    w = [d.get("weight", 1.0) for _, _, d in G.edges(data=True)] if weighted else None
    parts = h.community_multilevel(weights=w)
    return h.modularity(parts.membership, weights=w)


def test_karate_modularity_matches_igraph(karate: nx.Graph) -> None:
    g = to_pk(karate, "weight")
    for weighted in (False, True):
        ours = g.communities(seed=1, weighted=weighted)["modularity"]
        assert ours >= 0.98 * igraph_modularity(karate, weighted)


def test_email_eu_core_directed() -> None:
    G = email(directed=True)
    g = to_pk(G)
    assert_close(g.betweenness(), nx.betweenness_centrality(G))
    assert_close(g.closeness(), nx.closeness_centrality(G))
    assert_close(g.harmonic(), nx.harmonic_centrality(G))
    assert_close(g.pagerank(), nx.pagerank(G, tol=1e-12))
    assert g.reciprocity() == pytest.approx(nx.reciprocity(G))
    assert sorted(map(sorted, g.strong_components())) == sorted(sorted(ids(c)) for c in nx.strongly_connected_components(G))
    assert sorted(map(sorted, g.weak_components())) == sorted(sorted(ids(c)) for c in nx.weakly_connected_components(G))


def test_email_eu_core_undirected() -> None:
    G = email(directed=False)
    g = to_pk(G)
    assert G.number_of_edges() == 16064
    C = G.subgraph(max(nx.connected_components(G), key=len)).copy()
    assert_close(to_pk(C).eigenvector(), nx.eigenvector_centrality_numpy(C))
    assert_close(g.closeness(), nx.closeness_centrality(G))
    assert sorted(map(sorted, g.weak_components())) == sorted(sorted(ids(c)) for c in nx.connected_components(G))
    assert ids(g.articulation_points()) == ids(nx.articulation_points(G))
    assert pairs(g.bridges()) == pairs(nx.bridges(G))
    ours = g.communities(seed=1)["modularity"]
    assert ours >= 0.98 * igraph_modularity(G, weighted=False)
    assert ours == pytest.approx(
        nx.community.modularity(G, [set(map(int, c)) for c in g.communities(seed=1)["groups"]])
    )


@pytest.mark.parametrize("index", [1, 3])
def test_random_directed_graph_structure(index: int) -> None:
    # Weak components of the directed graph; articulation points and bridges of its undirected form.
    G = random_graphs()[index]
    g = to_pk(G)
    U = G.to_undirected()
    assert sorted(map(sorted, g.weak_components())) == sorted(sorted(ids(c)) for c in nx.weakly_connected_components(G))
    assert ids(g.articulation_points()) == ids(nx.articulation_points(U))
    assert pairs(g.bridges()) == pairs(nx.bridges(U))


def test_email_eu_core_directed_cut_structure() -> None:
    G = email(directed=True)
    g = to_pk(G)
    U = G.to_undirected()
    assert ids(g.articulation_points()) == ids(nx.articulation_points(U))
    assert pairs(g.bridges()) == pairs(nx.bridges(U))
    h = igraph.Graph(n=G.number_of_nodes(), edges=list(U.edges()))
    assert ids(g.articulation_points()) == ids(h.articulation_points())


def test_long_path_has_no_depth_limit() -> None:
    # 100,000 vertices in a row: a recursive depth-first search would overflow the stack.
    n = 100_000
    names = [f"v{i}" for i in range(n)]
    for directed in (False, True):
        g = pk.Graph.from_edges(names, list(zip(names, names[1:])), directed=directed)
        assert g.weak_components() == [names]
        assert g.articulation_points() == names[1:-1]
        assert g.bridges() == list(zip(names, names[1:]))
        assert g.articulation_points() == names[1:-1]  # the second call reads the kept id strings


def test_results_keyed_by_id_after_views() -> None:
    # Each Graph object keeps its own id strings: a view with other vertices gets its own.
    g = pk.Graph.from_edges(["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("c", "d")])
    assert g.articulation_points() == ["b", "c"]
    s = g.subgraph(["d", "c", "b"])
    assert s.articulation_points() == ["c"]
    assert s.weak_components() == [["d", "c", "b"]]
    assert set(s.degree()) == {"b", "c", "d"}
    assert g.weak_components() == [["a", "b", "c", "d"]]


def test_graph_from_partnership(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    g = pk.Graph(p)
    assert len(g) == len(p.organizations) + len(p.people)
    assert [v.id for v in g.vertices[: len(p.organizations)]] == [o.id for o in p.organizations]
    assert all(v.kind == "person" for v in g.vertices[len(p.organizations) :])
    orgs = pk.Graph(p, people=False)
    assert len(orgs) == len(p.organizations)
    assert set(orgs.degree()) == {o.id for o in p.organizations}
    scores = orgs.trust_and_value()
    assert set(scores["vertices"]) == {o.id for o in p.organizations}
    for item in scores["missing"]:
        assert item["item"] in {"reliability", "mission", "openness", "power", "resources", "involvement"}


def test_bad_arguments() -> None:
    g = pk.Graph.from_edges(["a", "b"], [("a", "b")])
    with pytest.raises(ValueError, match="weight must be None, 'distance' or 'strength'"):
        g.betweenness(weight="length")
    with pytest.raises(ValueError, match="measure must be"):
        g.centralization("eigen")
    with pytest.raises(pk.Error, match="unknown vertex id 'c'"):
        pk.Graph.from_edges(["a"], [("a", "c")])
    with pytest.raises(ValueError, match="weights has 2 entries for 1 edges"):
        pk.Graph.from_edges(["a", "b"], [("a", "b")], weights=[1.0, 2.0])
    with pytest.raises(ValueError, match="membership has no community for vertex 'b'"):
        g.modularity({"a": 0})
