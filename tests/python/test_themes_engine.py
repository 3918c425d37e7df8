"""The themes engine through Python: aggregate (texts and own vectors), normalization, the
lexicon, partial aggregates (merge, bytes, dict, pickle), bad input, and a peer comparison."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import numpy as np
import pytest

import partnerkit as pk
from partnerkit import themes

ROOT = Path(__file__).resolve().parents[2]
TWEETS = ROOT / "tests" / "data" / "themes" / "tweet-sample.txt"

QUADRANT = [
    "Capacity – more resources/staff",
    "Limitations on funding",
    "Increasing “Reach”",
    "Not enough staff to monitor subgrants",
    "VOCA funding cuts",
    "Staff turnover and burnout",
    "More personnel, we are short two FTEs",
    "Money for new programs",
    "Reaching rural families",
    "Staffing shortages in rural CACs",
    "Limited dollars for travel",
    "Outreach to underserved communities",
]


def tweets() -> tuple[list[int], list[str]]:
    labels, texts = [], []
    for line in TWEETS.read_text(encoding="utf-8").splitlines():
        label, text = line.split("\t", 1)
        labels.append(int(label))
        texts.append(text)
    return labels, texts


def test_quadrant_groups_like_a_facilitator() -> None:
    t = themes.aggregate(QUADRANT)
    a = t.assignments
    assert a[0] == a[3] == a[5] == a[6] == a[9] >= 0  # staff, capacity
    assert a[1] == a[4] == a[7] == a[10] >= 0  # funding, money, dollars
    assert a[2] == a[8] == a[11] >= 0  # reach, outreach
    assert len({a[0], a[1], a[2]}) == 3
    staff = t.themes[a[0]]
    assert staff.keywords[0] == "staff" and staff.count == 5
    assert staff.representative in staff.entries
    d = t.to_dict()
    assert set(d) == {"themes", "assignments", "unassigned", "counts"}
    assert d["assignments"] == a
    assert d["counts"] == {"entries": 12, "assigned": 12, "unassigned": 0, "themes": len(t.themes)}


def test_exactly_k_and_unassigned() -> None:
    t = themes.aggregate(QUADRANT + ["", "zebra quantum"], themes=2)
    assert len(t.themes) == 2
    assert t.unassigned == [12, 13]
    assert t.assignments[12] == t.assignments[13] == -1
    with pytest.raises(pk.Error, match="themes must be at least 1"):
        themes.aggregate(QUADRANT, themes=0)
    with pytest.raises(TypeError):
        themes.aggregate("one string is not a list")
    with pytest.raises(TypeError):
        themes.aggregate(["ok", 3])


def test_pandas_and_html_escape() -> None:
    t = themes.aggregate(["<b>staff</b> & more", "staff <script>", "funding", "more funding"])
    df = t.to_pandas(texts=["<b>staff</b> & more", "staff <script>", "funding", "more funding"])
    assert list(df.columns[:3]) == ["theme", "label", "count"]
    assert df["count"].sum() == 4
    html = t._repr_html_()
    assert "<script>" not in html and "<b>" not in html


def test_own_vectors() -> None:
    rng = np.random.default_rng(7)
    centers = np.eye(3, 8)
    labels = np.arange(60) % 3
    vectors = centers[labels] + 0.05 * rng.standard_normal((60, 8))
    texts = [["staff shortage", "funding cuts", "rural reach"][c] for c in labels]
    t = themes.aggregate(texts, themes=3, vectors=vectors)
    groups = {}
    for c, a in zip(labels, t.assignments):
        groups.setdefault(c, set()).add(a)
    assert all(len(s) == 1 for s in groups.values()) and len(set().union(*groups.values())) == 3
    assert sorted(sorted(th.keywords) for th in t.themes) == [["cuts", "funding"], ["reach", "rural"], ["shortage", "staff"]]
    with pytest.raises(ValueError, match="rows"):
        themes.aggregate(texts[:10], vectors=vectors)


def test_normalization_functions() -> None:
    assert themes.fold("Ｓtraße ﬁ") == "strasse fi"
    assert themes.tokenize("resources/staff") == ["resources", "staff"]
    assert themes.stem("partnerships") == "partnership"
    assert "the" in themes.english_stop_words()
    assert themes.terms("Victims of Crime Act dollars") == [("voca", "victims of crime act"), ("funding", "dollars")]
    assert themes.terms("more personnel", lexicon=pk.themes.Lexicon()) == [("personnel", "personnel")]


def test_lexicon_extend_and_errors(tmp_path: Path) -> None:
    mine = themes.Lexicon.parse('{"format": "partnerkit-lexicon/1", "terms": {"staff": ["crew"]}}')
    lex = themes.Lexicon.builtin()
    lex.extend(mine)
    assert lex.canonical("Crew") == "staff"
    assert lex.canonical("nothing") is None
    t = themes.aggregate(["crew shortage", "staff shortage", "funding", "funding cuts"], lexicon=lex)
    assert t.assignments[0] == t.assignments[1]
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "partnerkit-lexicon/1", "terms": {"staff": [1]}}', encoding="utf-8")
    with pytest.raises(pk.ValidationError) as e:
        themes.Lexicon.load(bad)
    assert str(e.value) == f"{bad}: /terms/staff/0: expected a non-empty string, got number"
    with pytest.raises(pk.IoError):
        themes.Lexicon.load(tmp_path / "missing.json")


def test_partials_merge_to_one_run() -> None:
    _, texts = tweets()
    whole = themes.aggregate(texts, themes=25)
    parts = []
    for i in range(0, len(texts), 120):
        p = themes.PartialAggregate()
        p.add(texts[i : i + 120])
        parts.append(p)
    # Through bytes, a dict and pickle, as a distributed run would.
    merged = themes.PartialAggregate.from_bytes(parts[0].to_bytes())
    merged.merge(themes.PartialAggregate.from_dict(parts[1].to_dict()))
    for p in parts[2:]:
        merged.merge(pickle.loads(pickle.dumps(p)))
    assert len(merged) == len(texts)
    done = merged.finish(themes=25)
    assert done.assignments == whole.assignments
    assert [t.label for t in done.themes] == [t.label for t in whole.themes]
    other = themes.PartialAggregate(stem=False)
    with pytest.raises(pk.Error, match="normalization settings differ"):
        merged.merge(other)
    with pytest.raises(pk.ValidationError, match="/format"):
        themes.PartialAggregate.from_dict({"format": "x", "normalize": {}, "terms": [], "entries": []})
    with pytest.raises(pk.ValidationError):
        themes.PartialAggregate.from_bytes(b"\xc1junk")


def test_at_least_as_good_as_tfidf_kmeans_on_the_tweet_sample() -> None:
    """Peer comparison on a fixed seed: NMI against scikit-learn's TF-IDF + KMeans."""
    sklearn = pytest.importorskip("sklearn")
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import normalized_mutual_info_score

    labels, texts = tweets()
    k = len(set(labels))
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    km = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(x)
    ours = themes.aggregate(texts, themes=k).assignments
    assert normalized_mutual_info_score(labels, ours) >= normalized_mutual_info_score(labels, km)
    assert sklearn is not None and sys.version_info >= (3, 10)


def test_dask_example_matches_one_run() -> None:
    """examples/dask: partial aggregates on a LocalCluster give the themes of one run."""
    pytest.importorskip("dask.distributed")
    import importlib.util

    spec = importlib.util.spec_from_file_location("dask_example", ROOT / "examples" / "dask" / "aggregate_partnerships.py")
    assert spec is not None and spec.loader is not None
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    out = example.run(documents=40, workers=2, chunk=7, themes=None, processes=False)
    result = out["result"]
    assert out["entries"] == 40 * 2 * 5 * 2 == len(result.assignments)
    single = themes.aggregate(out["texts"])
    assert result.assignments == single.assignments
    assert [t.label for t in result.themes] == [t.label for t in single.themes]
    labels = " ".join(t.label for t in result.themes)
    assert "staff" in labels and "funding" in labels
