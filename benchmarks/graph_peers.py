"""Stakeholder graph measures: partnerkit against NetworkX, igraph, NetworKit and rustworkx, in one
process, on the same seeded collaboration network with planted communities.

    .venv/bin/python benchmarks/graph_peers.py                 # 10k and 100k vertices
    .venv/bin/python benchmarks/graph_peers.py --sizes 10000   # only the 10k graph
    .venv/bin/python benchmarks/graph_peers.py --full-nx       # NetworkX exact betweenness/closeness too

Times are wall-clock seconds of the call alone (building each library's graph is not timed), with
every library allowed the same threads (--threads, default: all cores).

Estimates ("~"): exact betweenness and closeness do one search per source vertex, so the time of
the searches from --sample sources (the same sources in every library: random.Random(seed).sample,
which is also the set NetworkX's own k-source betweenness draws) times n/k estimates the exact
time. NetworkX's exact betweenness and closeness take about ten minutes at 10k, so by default its
times are such estimates. Above 20k vertices exact betweenness and closeness take hours for the
slower peers, so unless --exact-100k every library that can run the searches from chosen sources
is estimated this way: partnerkit (betweenness(sources=), closeness(vertices=)), NetworkX
(betweenness_centrality(k=), closeness_centrality(u=)) and igraph (betweenness(sources=),
closeness(vertices=)); NetworKit and rustworkx have no such option and show "skipped". Below 20k
the rows "... ~sampled" print partnerkit's and igraph's estimates next to their exact times, to
show how close the estimate comes. A peer that lacks a measure shows "-".
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable


def collaboration_network(n: int, seed: int, mean_degree: float = 10.0, community_size: int = 50,
                          inside: float = 0.8) -> list[tuple[int, int]]:
    """n vertices in communities of `community_size`; about n·mean_degree/2 distinct undirected ties,
    a share `inside` of them within a community, the rest between random vertices."""
    rng = random.Random(seed)
    target = int(n * mean_degree / 2)
    edges: set[tuple[int, int]] = set()
    communities = [list(range(s, min(n, s + community_size))) for s in range(0, n, community_size)]
    want_inside = int(target * inside)
    while len(edges) < want_inside:
        c = communities[rng.randrange(len(communities))]
        u, v = rng.choice(c), rng.choice(c)
        if u != v:
            edges.add((min(u, v), max(u, v)))
    while len(edges) < target:
        u, v = rng.randrange(n), rng.randrange(n)
        if u != v:
            edges.add((min(u, v), max(u, v)))
    return sorted(edges)


def timed(f: Callable[[], object]) -> float:
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sample", type=int, default=200, help="sampled sources for the estimates (~)")
    parser.add_argument("--full-nx", action="store_true", help="NetworkX exact betweenness and closeness")
    parser.add_argument("--exact-100k", action="store_true", help="exact betweenness and closeness above 20k vertices")
    parser.add_argument("--skip-slow", action="store_true", help="no NetworkX above 20k vertices")
    args = parser.parse_args()

    os.environ.setdefault("RAYON_NUM_THREADS", str(args.threads))
    import igraph
    import networkit as nk
    import networkx as nx
    import rustworkx as rx

    import partnerkit as pk

    nk.setNumberOfThreads(args.threads)
    nk.engineering.setLogLevel("ERROR") if hasattr(nk, "engineering") else None

    print(f"threads: {args.threads}; partnerkit {pk.__version__}, networkx {nx.__version__}, igraph {igraph.__version__}, "
          f"networkit {nk.__version__}, rustworkx {rx.__version__}; python {sys.version.split()[0]}")
    peers = ["partnerkit", "networkx", "igraph", "networkit", "rustworkx"]
    for n in args.sizes:
        edges = collaboration_network(n, args.seed)
        big = n > 20_000
        print(f"\n== collaboration network: {n} vertices, {len(edges)} ties, seed {args.seed} ==")
        # The same graph in every library.
        g = pk.Graph.from_edges([str(v) for v in range(n)], [(str(u), str(v)) for u, v in edges])
        G = nx.Graph()
        G.add_nodes_from(range(n))
        G.add_edges_from(edges)
        h = igraph.Graph(n=n, edges=edges)
        k = nk.Graph(n)
        for u, v in edges:
            k.addEdge(u, v)
        r = rx.PyGraph()
        r.add_nodes_from(range(n))
        r.add_edges_from_no_data(edges)

        sample = random.Random(args.seed).sample(range(n), min(args.sample, n))
        sample_ids = [str(v) for v in sample]
        scale = n / len(sample)

        # One search per source: the time from the sampled sources times n/k.
        estimators: dict[str, dict[str, Callable[[], object]]] = {
            "betweenness (exact)": {
                "partnerkit": lambda: g.betweenness(sources=sample_ids),
                # NetworkX draws its k sources with random.Random(seed).sample: the same `sample`.
                "networkx": lambda: nx.betweenness_centrality(G, k=len(sample), seed=args.seed),
                "igraph": lambda: h.betweenness(directed=False, sources=sample),
            },
            "closeness": {
                "partnerkit": lambda: g.closeness(vertices=sample_ids),
                "networkx": lambda: [nx.closeness_centrality(G, u=u) for u in sample],
                "igraph": lambda: h.closeness(vertices=sample),
            },
        }

        def estimate(measure: str, peer: str) -> float:
            return timed(estimators[measure][peer]) * scale

        def rx_louvain() -> None:
            rx.community.louvain_communities(r, seed=args.seed)  # type: ignore[attr-defined]

        def nk_articulation() -> None:
            bc = nk.components.BiconnectedComponents(k)
            bc.run()

        measures: dict[str, dict[str, Callable[[], object] | None]] = {
            "betweenness (exact)": {
                "partnerkit": g.betweenness,
                "networkx": lambda: nx.betweenness_centrality(G),
                "igraph": lambda: h.betweenness(directed=False),
                "networkit": lambda: nk.centrality.Betweenness(k, normalized=True).run(),
                "rustworkx": lambda: rx.betweenness_centrality(r, normalized=True, parallel_threshold=50),
            },
            "closeness": {
                "partnerkit": g.closeness,
                "networkx": lambda: nx.closeness_centrality(G),
                "igraph": lambda: h.closeness(),
                "networkit": lambda: nk.centrality.Closeness(k, True, nk.centrality.ClosenessVariant.GENERALIZED).run(),
                "rustworkx": lambda: rx.closeness_centrality(r),
            },
            "pagerank (tol 1e-12)": {
                "partnerkit": g.pagerank,
                "networkx": lambda: nx.pagerank(G, tol=1e-12),
                "igraph": lambda: h.pagerank(),
                "networkit": lambda: nk.centrality.PageRank(k, damp=0.85, tol=1e-12).run(),
                "rustworkx": lambda: rx.pagerank(r.to_directed(), tol=1e-12),
            },
            "components": {
                "partnerkit": g.weak_components,
                "networkx": lambda: list(nx.connected_components(G)),
                "igraph": lambda: h.connected_components(),
                "networkit": lambda: nk.components.ConnectedComponents(k).run(),
                "rustworkx": lambda: rx.connected_components(r),
            },
            "articulation points": {
                "partnerkit": g.articulation_points,
                "networkx": lambda: list(nx.articulation_points(G)),
                "igraph": lambda: h.articulation_points(),
                "networkit": nk_articulation,
                "rustworkx": lambda: rx.articulation_points(r),
            },
            "louvain": {
                "partnerkit": lambda: g.communities(seed=args.seed),
                "networkx": lambda: nx.community.louvain_communities(G, seed=args.seed),
                "igraph": lambda: h.community_multilevel(),
                "networkit": lambda: nk.community.PLM(k, refine=True).run(),
                "rustworkx": rx_louvain if hasattr(rx, "community") else None,
            },
        }
        header = f"{'measure':<22}" + "".join(f"{p:>12}" for p in peers) + "   ratios (peer / partnerkit)"
        print(header)

        def row(measure: str, seconds: dict[str, float], times: dict[str, str]) -> None:
            ratios = ""
            if "partnerkit" in seconds and seconds["partnerkit"] > 0:
                ratios = "  ".join(f"{p} {seconds[p] / seconds['partnerkit']:.1f}x" for p in peers[1:] if p in seconds)
            print(f"{measure:<22}" + "".join(f"{times.get(p, '-'):>12}" for p in peers) + "   " + ratios, flush=True)

        for measure, runs in measures.items():
            times: dict[str, str] = {}
            seconds: dict[str, float] = {}
            exact_path = measure in estimators
            for peer in peers:
                f = runs.get(peer)
                if f is None:
                    times[peer] = "-"
                    continue
                if peer == "networkx" and big and args.skip_slow:
                    times[peer] = "skipped"
                    continue
                sampled = exact_path and ((big and not args.exact_100k) or (peer == "networkx" and not args.full_nx))
                if sampled:
                    if peer in estimators[measure]:
                        t = estimate(measure, peer)
                        seconds[peer], times[peer] = t, f"~{t:.2f}"
                    else:
                        times[peer] = "skipped"
                    continue
                try:
                    t = timed(f)
                except Exception as e:  # a peer without the measure in this version
                    times[peer] = "-"
                    print(f"  ({peer} {measure}: {type(e).__name__}: {e})", file=sys.stderr)
                    continue
                seconds[peer], times[peer] = t, f"{t:.3f}"
            row(measure, seconds, times)
            if exact_path and not big:
                # The estimate next to the exact time, for the libraries timed exactly above.
                est: dict[str, float] = {p: estimate(measure, p) for p in ("partnerkit", "igraph")}
                row(f"{measure.split(' ')[0]} ~sampled", est, {p: f"~{t:.2f}" for p, t in est.items()})
        q = g.communities(seed=args.seed)["modularity"]
        hq = h.modularity(h.community_multilevel().membership)
        print(f"modularity: partnerkit {q:.4f}, igraph multilevel {hq:.4f}")
    print(f"\n~ = estimated: the searches from {args.sample} sampled sources (the same in every library) times n/k; "
          "'skipped' = not run (no way to run from chosen sources, or NetworkX above 20k with --skip-slow); "
          "'-' = not available in that library.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
