"""Ranking ideas through Python and the CLI: the example's ranking, Borda against a pairwise
reference, the pandas table, the notebook display, Markdown escaping, bad options."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest

import partnerkit as pk
from partnerkit import summary

EXAMPLE_TOTAL_ORDER = [
    "idea-3", "idea-1", "idea-2", "idea-5", "idea-11", "idea-8", "idea-6", "idea-4", "idea-7", "idea-9", "idea-10",
]


def run(cli: Path, *args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([cli, *map(str, args)], capture_output=True, text=True, timeout=60)


def test_example_ranked_by_total(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    r = p.rank_ideas()
    assert r.method == summary.RankMethod.total
    assert [i.id for i in r.ideas] == EXAMPLE_TOTAL_ORDER
    assert [i.decided_by for i in r.ideas][:3] == ["", "score", "doable"]
    assert r.ideas[0].score == r.ideas[0].total == 24
    assert r.criteria == ["exciting", "better", "doable", "dots"]


def borda_reference(ideas: list[pk.Idea], weights: dict[str, float]) -> dict[str, float]:
    criteria = ["exciting", "better", "doable"] + (["dots"] if any(i.votes.dots for i in ideas) else [])
    scores = {}
    for a in ideas:
        s = 0.0
        for c in criteria:
            va = getattr(a.votes, c)
            for b in ideas:
                if b is a:
                    continue
                vb = getattr(b.votes, c)
                s += weights.get(c, 1.0) * (1.0 if va > vb else 0.5 if va == vb else 0.0)
        scores[a.id] = s
    return scores


def test_borda_matches_pairwise_reference() -> None:
    rng = random.Random(7)
    for _ in range(50):
        ideas = [
            pk.Idea(id=f"i{k}", text=f"idea {k}", votes=pk.Votes(exciting=rng.randint(0, 4), better=rng.randint(0, 4),
                                                                doable=rng.randint(0, 4), dots=rng.choice([0, 0, 1, 2])))
            for k in range(rng.randint(1, 9))
        ]
        weights = {"doable": 2.0, "dots": 0.5}
        r = summary.rank_ideas(ideas, method="borda", weights=weights)
        ref = borda_reference(ideas, weights)
        assert {i.id: i.score for i in r.ideas} == pytest.approx(ref)
        scores = [i.score for i in r.ideas]
        assert all(a >= b - 1e-9 for a, b in zip(scores, scores[1:]))


def test_weights_and_session(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    default = p.rank_ideas(method="weighted")
    doable = p.rank_ideas(method="weighted", weights={"doable": 3})
    assert default.weights == pk.summary.Weights()
    assert doable.weights == pk.summary.Weights(doable=3)
    assert doable.ideas[0].doable == max(i.votes.doable for i in p.ideas)
    assert [i.id for i in p.rank_ideas(session="in-person-2").ideas] == EXAMPLE_TOTAL_ORDER
    with pytest.raises(pk.ValidationError) as info:
        p.rank_ideas(session="nope")
    assert info.value.path == "/session"
    with pytest.raises(pk.ValidationError) as info:
        p.rank_ideas(method="weighted", weights={"exciting": -1})
    assert str(info.value) == "<options>: /weights/exciting: expected a finite number, 0 or more, got -1"
    with pytest.raises(ValueError, match="expected keys exciting, better, doable, dots"):
        p.rank_ideas(weights={"fun": 1})
    with pytest.raises(ValueError, match='method: expected "total", "weighted" or "borda"'):
        p.rank_ideas(method="best")


def test_to_pandas_and_html(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    p.ideas = [*p.ideas, pk.Idea(id="x", text="<script>alert('x')</script> & more")]
    r = p.rank_ideas(method="borda")
    df = r.to_pandas()
    assert list(df.columns) == summary.IDEA_COLUMNS
    assert list(df["id"]) == [i.id for i in r.ideas]
    assert list(df["rank"]) == list(range(1, len(p.ideas) + 1))
    assert df.loc[df["id"] == "idea-3", "exciting"].item() == 8
    html = r._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more" in html
    md = r.to_markdown()
    assert "<script>" not in md
    assert r"\<script\>alert\(\'x\'\)\<\/script\> \& more (x)" in md
    d = r.to_dict()
    assert d["method"] == "borda"
    assert [i["id"] for i in d["ideas"]] == [i.id for i in r.ideas]


def test_cli_ideas(cli: Path, state_cac_voca_path: Path, tmp_path: Path) -> None:
    result = run(cli, "ideas", state_cac_voca_path, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [i["id"] for i in data["ranking"]["ideas"]] == EXAMPLE_TOTAL_ORDER
    assert data["ranking"] == pk.load(state_cac_voca_path).rank_ideas().to_dict()

    result = run(cli, "ideas", state_cac_voca_path, "--method", "borda", "--weights", "doable=2,dots=0")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Ideas ranked by Borda points")
    assert "weights exciting 1, better 1, doable 2, dots 0" in lines[0]
    expected = pk.load(state_cac_voca_path).rank_ideas(method="borda", weights={"doable": 2, "dots": 0})
    assert [line.split()[6] for line in lines[2 : 2 + len(expected.ideas)]] == [i.id for i in expected.ideas]
    assert "Areas of focus" in result.stdout

    out = tmp_path / "ideas.md"
    result = run(cli, "ideas", state_cac_voca_path, "--format", "md", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("## Ideas\n")


def test_cli_ideas_bad_input(cli: Path, state_cac_voca_path: Path) -> None:
    result = run(cli, "ideas", state_cac_voca_path, "--weights", "doable=two")
    assert result.returncode == 2
    assert result.stderr == (
        'partnerkit ideas: --weights: expected NAME=NUMBER items separated by commas, NAME one of exciting, better, '
        'doable, dots, got "doable=two"\n'
    )
    result = run(cli, "ideas", state_cac_voca_path, "--session", "m9")
    assert result.returncode == 2
    assert result.stdout == '<options>: /session: expected a meeting id of the document, got "m9"\n'
    result = run(cli, "ideas", state_cac_voca_path, "--method", "best")
    assert result.returncode == 2


def test_areas_of_focus(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    auto = p.rank_ideas()
    assert auto.areas_from_data
    assert len(auto.areas) in (3, 4)
    for n in (3, 4):
        r = p.rank_ideas(method="borda", areas=n)
        assert not r.areas_from_data
        assert len(r.areas) == n
        rank = {i.id: i.rank for i in r.ideas}
        doable = {i.id: i.doable for i in r.ideas}
        placed = [i for a in r.areas for i in a.ideas] + r.unassigned
        assert sorted(placed) == sorted(rank)  # every idea once
        scores = [a.score for a in r.areas]
        assert scores == sorted(scores, reverse=True)
        for a in r.areas:
            assert a.ideas == sorted(a.ideas, key=rank.__getitem__)
            best = sorted(a.ideas, key=lambda i: (-doable[i], rank[i]))
            assert a.first_steps[0] == best[0]
            assert a.first_steps == [i for k, i in enumerate(best[:2]) if k == 0 or doable[i] > 0]
    assert p.rank_ideas(areas=0).areas == []
    d = p.rank_ideas(areas=3).to_dict()
    assert [len(a["first_steps"]) for a in d["areas"]] == [len(a.first_steps) for a in p.rank_ideas(areas=3).areas]


def test_cli_ideas_areas(cli: Path, state_cac_voca_path: Path) -> None:
    result = run(cli, "ideas", state_cac_voca_path, "--areas", "3", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["ranking"] == pk.load(state_cac_voca_path).rank_ideas(areas=3).to_dict()
    result = run(cli, "ideas", state_cac_voca_path, "--areas", "3")
    assert "\nAreas of focus (3; most support first):\n" in result.stdout
    assert "first steps:" in result.stdout
