"""Aggregate the worksheet entries of many partnership documents on a dask.distributed cluster.

Each task loads a chunk of partnership documents, normalizes their worksheet entries into a
partnerkit PartialAggregate and returns it serialized (MessagePack bytes); the partials are merged
pairwise in a tree on the cluster, and the merged state is finished into themes. The result is
the same as one aggregate() over all entries in document order (see docs/themes.md, "Tolerance").

    python examples/dask/aggregate_partnerships.py --documents 1000 --workers 2
"""

from __future__ import annotations

import argparse
import random
import time

import partnerkit as pk
from partnerkit.themes import PartialAggregate

QUADRANTS = ("proud_of", "help_with", "frustrated_by", "love_to", "values")

# Phrases in the toolkit's words; documents combine them with small variations.
POOL = {
    "proud_of": ["knowledge and skills of our staff", "collaboration with partners", "ability to have a positive impact",
                 "strong MDT collaboration", "accreditation support for local centers", "trauma-informed services"],
    "help_with": ["capacity - more resources/staff", "not enough personnel", "staff turnover", "increasing innovation",
                  "streamlining VOCA reporting", "reaching rural counties", "increasing reach"],
    "frustrated_by": ["limitations on funding", "VOCA funding cuts", "not enough money for programs", "system barriers",
                      "obstacles to impact", "match requirement", "slow grant reimbursement"],
    "love_to": ["eliminate the match requirement", "increase reach", "remove barriers", "hire more staff",
                "stable funding for CACs", "joint training for MDTs"],
    "values": ["compassion", "collaboration", "effective impact", "victim/child focused", "creativity/innovation"],
}
QUALIFIERS = ["", "", "statewide", "in our region", "for children and families", "this year", "again"]


def make_document(i: int, rng: random.Random) -> dict:
    """A small valid partnerkit/1 document with two organizations' worksheets."""
    orgs = [{"id": f"org{i}-{k}", "name": f"Organization {i}-{k}", "category": "other", "core": True} for k in range(2)]
    worksheets = []
    for org in orgs:
        sheet: dict = {"organization": org["id"]}
        for q in QUADRANTS:
            picks = rng.sample(POOL[q], 2)
            sheet[q] = [f"{p} {rng.choice(QUALIFIERS)}".strip() for p in picks]
        worksheets.append(sheet)
    return {"format": "partnerkit/1", "name": f"Partnership {i}", "organizations": orgs, "worksheets": worksheets}


def entries_of(document: dict) -> list[str]:
    """Worksheet entries of a document in a fixed order (worksheet, quadrant, entry)."""
    p = pk.from_dict(document)  # validates the document
    return [text for w in p.worksheets for q in QUADRANTS for text in getattr(w, q)]


def partial_of(documents: list[dict]) -> bytes:
    partial = PartialAggregate()
    for d in documents:
        partial.add(entries_of(d))
    return partial.to_bytes()


def merge(a: bytes, b: bytes) -> bytes:
    left = PartialAggregate.from_bytes(a)
    left.merge(PartialAggregate.from_bytes(b))
    return left.to_bytes()


def run(documents: int = 1000, workers: int = 2, chunk: int = 50, themes: int | None = None,
        processes: bool = True, seed: int = 1) -> dict:
    from dask.distributed import Client, LocalCluster

    rng = random.Random(seed)
    docs = [make_document(i, rng) for i in range(documents)]
    chunks = [docs[i : i + chunk] for i in range(0, len(docs), chunk)]
    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        futures = client.map(partial_of, chunks, pure=False)
        while len(futures) > 1:  # pairwise tree, order kept
            nxt = [client.submit(merge, futures[i], futures[i + 1], pure=False) for i in range(0, len(futures) - 1, 2)]
            if len(futures) % 2:
                nxt.append(futures[-1])
            futures = nxt
        merged = PartialAggregate.from_bytes(futures[0].result())
    result = merged.finish(themes=themes)
    elapsed = time.perf_counter() - start
    all_entries = [t for d in docs for t in entries_of(d)]
    return {"documents": documents, "entries": len(all_entries), "result": result, "texts": all_entries,
            "seconds": elapsed}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--documents", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=50)
    ap.add_argument("--themes", type=int, default=None)
    args = ap.parse_args()
    out = run(args.documents, args.workers, args.chunk, args.themes)
    result = out["result"]
    print(f"{out['documents']} documents, {out['entries']} entries, {len(result.themes)} themes, "
          f"{len(result.unassigned)} unassigned, {out['seconds']:.1f} s on the cluster")
    for t in result.themes[:10]:
        print(f"  {t.count:6d}  {t.label}  e.g. {out['texts'][t.representative]!r}")


if __name__ == "__main__":
    main()
