"""Stakeholder tools through Python and the CLI: survey import, gaps, breakout groups, change over
time, and the DOT / GraphML / SVG exports read back with real parsers."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

import partnerkit as pk

NASTY = [
    "<script>alert('x')</script>",
    'Say "hello" & \'bye\'',
    '"><img src=x onerror=alert(1)>',
    "two\nlines",
    "\u05de\u05e8\u05db\u05d6 \u05d4\u05d9\u05dc\u05d3\u05d9\u05dd \u200f(RTL)",
    "back\\slash\\",
]

SURVEY = (
    "Respondent Organization,Partner,Frequency,Reliability,Support of mission,Openness,Power/Influence,"
    "Resources,Involvement,Comments\r\n"
    'chapter,dcfs,monthly,3,4,3,2,3,3,"fine, thanks"\r\n'
    "Mountain State Department of Children and Family Services,chapter,weekly,4,,A great deal,1,,2,\r\n"
)


def run(cli: Path, *args: object, input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([cli, *map(str, args)], input=input, capture_output=True, text=True, timeout=120)


def nasty_document() -> dict:
    orgs = [
        {"id": f"o{i}", "name": name, "category": "court" if i % 2 else "custom <b>cat</b>"}
        for i, name in enumerate(NASTY)
    ]
    ties = [{"source": f"o{i}", "target": f"o{i + 1}", "kind": f'kind "{i}" <x>'} for i in range(len(NASTY) - 1)]
    return {"format": "partnerkit/1", "name": "Nasty <names>", "organizations": orgs, "relationships": ties}


# ---- survey ----


def test_import_survey_python(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    before = len(p.relationships)
    result = p.import_survey_csv(SURVEY, source="s.csv", kind="communication", observed=dt.date(2027, 5, 1))
    assert (result.rows, result.created, result.updated, result.skipped) == (2, 2, 0, 0)
    assert result.ignored_columns == ["Comments"]
    assert [c.field for c in result.columns][:3] == ["respondent", "partner", "frequency"]
    assert len(p.relationships) == before + 2
    back = p.relationships[-1]
    assert (back.source, back.target, back.directed, back.weight) == ("dcfs", "chapter", True, 4.0)
    assert back.trust is not None and back.trust.mission is None and back.trust.openness == 4
    assert result.to_dict()["created"] == 2
    # The same file again updates in place.
    assert p.import_survey_csv(SURVEY, kind="communication", observed=dt.date(2027, 5, 1)).updated == 2
    assert pk.loads(p.dumps()) == p


def test_import_survey_errors_name_row_and_column(state_cac_voca_path: Path, tmp_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    original = p.dumps()
    path = tmp_path / "bad.csv"
    path.write_text("respondent,partner,trust_reliability\nchapter,dcfs,five\nchapter,nobody,2\n", encoding="utf-8")
    with pytest.raises(pk.ValidationError) as info:
        p.import_survey(path)
    assert [str(e) for e in info.value.errors] == [
        f'{path}: row 2, column "trust_reliability": expected an integer 1–4, got "five"',
        f'{path}: row 3, column "partner": expected an organization id or name from the document, got "nobody"',
    ]
    assert p.dumps() == original
    with pytest.raises(pk.IoError):
        p.import_survey(tmp_path / "missing.csv")


def test_import_survey_cli_saves_atomically(cli: Path, state_cac_voca_path: Path, tmp_path: Path) -> None:
    doc = tmp_path / "doc.json"
    doc.write_text(state_cac_voca_path.read_text(encoding="utf-8"), encoding="utf-8")
    survey = tmp_path / "survey.csv"
    survey.write_bytes(("\ufeff" + SURVEY).encode("utf-8"))
    result = run(cli, "import-survey", doc, survey, "--kind", "communication", "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads(result.stdout)
    assert summary["written"] == str(doc) and summary["result"]["created"] == 2
    assert len(pk.load(doc).relationships) == len(pk.load(state_cac_voca_path).relationships) + 2
    assert sorted(f.name for f in tmp_path.iterdir()) == ["doc.json", "survey.csv"]  # no temporary file left
    survey.write_text("respondent,partner,level\nchapter,dcfs,9\n", encoding="utf-8")
    before = doc.read_bytes()
    bad = run(cli, "import-survey", doc, survey)
    assert bad.returncode == 2
    assert bad.stdout.splitlines() == [
        f'{survey}: row 2, column "level": expected a level 0–5 or its name (none, networking, cooperation, '
        'coordination, coalition, collaboration), got "9"'
    ]
    assert doc.read_bytes() == before


# ---- gaps, groups, compare ----


def test_gaps(state_cac_voca_path: Path) -> None:
    g = pk.load(state_cac_voca_path).gaps(categories=["court"])
    assert [m.category for m in g.missing_categories] == ["childrens-justice-task-force", "court"]
    assert [(d.organization, d.people) for d in g.no_decision_maker] == [("regional-cac", 1), ("dv-coalition", 0), ("ocj", 1)]
    assert [(s.id, s.cut_off) for s in g.single_points_of_failure] == [("chapter", ["regional-cac"])]
    assert g.to_dict()["isolates"] == []
    assert "regional-cac" in g._repr_html_()
    assert [c.category for c in pk.stakeholders.toolkit_categories()][:2] == ["cac-chapter", "voca-administrator"]


def test_breakout_groups_beat_random(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    b = p.breakout_groups("in-person-1", groups=3, seed=11, apart=[("arivera", "mokafor")])
    sizes = sorted(len(g) for g in b.groups)
    assert sizes[-1] - sizes[0] <= 1
    assert sorted(x for g in b.groups for x in g) == sorted(p.find_meeting("in-person-1").participants)
    assert b.groups == p.breakout_groups("in-person-1", groups=3, seed=11, apart=[("arivera", "mokafor")]).groups
    assert p.score_groups(b.groups, apart=[("arivera", "mokafor")]).score == b.score.score
    people = list(p.find_meeting("in-person-1").participants)
    rng = random.Random(5)
    scores = []
    for _ in range(1000):
        rng.shuffle(people)
        groups = [people[i::3] for i in range(3)]
        s = p.score_groups(groups, apart=[("arivera", "mokafor")])
        if s.violations == 0:
            scores.append(s.score)
    scores.sort()
    assert b.score.score > scores[int(0.95 * len(scores))]
    assert b.score.score >= scores[-1]
    table = b.to_pandas()
    assert list(table.columns) == ["person", "group"] and len(table) == len(people)
    with pytest.raises(pk.ValidationError, match="together and apart"):
        p.breakout_groups("in-person-1", groups=3, apart=[("arivera", "jchen")], together=[["arivera", "jchen"]])


def test_compare_days_and_documents(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    c = p.compare(dt.date(2027, 2, 20))
    assert c.before_label == "2027-02-20" and c.after_label == "all ties"
    assert c.after.ties > c.before.ties and not c.lost
    assert ("chapter", "dcfs") in [(t.a, t.b) for t in c.gained]
    assert c.after.density > c.before.density
    table = c.to_pandas()
    assert table.loc["chapter", "degree_after"] > table.loc["chapter", "degree_before"]
    later = pk.load(state_cac_voca_path)
    later.relationships = [r for r in later.relationships if "regional-cac" not in (r.source, r.target)]
    c2 = later.compare(p)
    assert c2.became_isolated == ["regional-cac"]
    assert [(t.a, t.b) for t in c2.lost] == [("chapter", "regional-cac")]
    assert c2.to_dict()["change"]["density"] < 0


def test_groups_and_compare_cli(cli: Path, state_cac_voca_path: Path) -> None:
    result = run(cli, "groups", state_cac_voca_path, "--meeting", "in-person-1", "--groups", "3", "--seed", "4", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)["breakouts"]
    assert data["groups"] == pk.load(state_cac_voca_path).breakout_groups("in-person-1", groups=3, seed=4).groups
    bad = run(cli, "groups", state_cac_voca_path, "--meeting", "nope", "--groups", "2")
    assert bad.returncode == 2
    assert bad.stdout == 'breakout groups: /meeting: expected a meeting id of the document, got "nope"\n'
    text = run(cli, "graph", state_cac_voca_path, "--compare", "2027-02-20")
    assert text.returncode == 0, text.stderr
    assert "+ tie chapter - dcfs" in text.stdout
    compared = run(cli, "graph", state_cac_voca_path, "--compare", "2027-02-20", "--format", "json")
    assert json.loads(compared.stdout)["compare"] == pk.load(state_cac_voca_path).compare(dt.date(2027, 2, 20), people=True).to_dict()


def test_graph_cli_text_and_json(cli: Path, state_cac_voca_path: Path) -> None:
    text = run(cli, "graph", state_cac_voca_path)
    assert text.returncode == 0, text.stderr
    assert "missing category childrens-justice-task-force" in text.stdout
    assert "single point of failure: organization chapter" in text.stdout
    out = json.loads(run(cli, "graph", state_cac_voca_path, "--format", "json", "--organizations").stdout)
    assert out["summary"]["vertices"] == 9
    assert {v["id"] for v in out["vertices"]} == {o.id for o in pk.load(state_cac_voca_path).organizations}
    assert out["gaps"] == pk.load(state_cac_voca_path).gaps().to_dict()
    bad = run(cli, "graph", state_cac_voca_path, "--on", "2027-02-30")
    assert bad.returncode == 2 and "--on: expected a day that exists" in bad.stdout


# ---- exports read back ----


@pytest.fixture
def nasty_path(tmp_path: Path) -> Path:
    path = tmp_path / "nasty.json"
    path.write_text(json.dumps(nasty_document()), encoding="utf-8")
    return path


def test_graphml_reads_back_with_networkx_and_etree(cli: Path, nasty_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    result = run(cli, "graph", nasty_path, "--format", "graphml", "-o", out)
    assert result.returncode == 0, result.stdout + result.stderr
    g = nx.read_graphml(out)
    names = {data["pk_id"]: data["name"] for _, data in g.nodes(data=True)}
    assert names == {f"o{i}": name for i, name in enumerate(NASTY)}
    assert {data["kind"] for _, _, data in g.edges(data=True)} == {f'kind "{i}" <x>' for i in range(len(NASTY) - 1)}
    root = ET.parse(out).getroot()
    assert not any(el.tag.endswith("script") or el.tag.endswith("img") for el in root.iter())


@pytest.mark.skipif(not pk.stakeholders.svg_available(), reason="built without Graphviz")
def test_svg_is_xml_with_the_text_intact(cli: Path, nasty_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.svg"
    result = run(cli, "graph", nasty_path, "--format", "svg", "-o", out)
    assert result.returncode == 0, result.stdout + result.stderr
    root = ET.parse(out).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert not any(el.tag.split("}")[-1] in {"script", "img", "foreignObject"} for el in root.iter())
    assert not any(k.startswith("on") for el in root.iter() for k in el.attrib)
    texts = "\n".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for name in NASTY:
        for line in name.split("\n"):
            assert line in texts, (line, texts)
    assert "Nasty <names>" in texts  # the title
    tooltips = {v for el in root.iter() for k, v in el.attrib.items() if k.endswith("title")}
    assert f"{NASTY[2]} (custom <b>cat</b>)" in tooltips and f"{NASTY[1]} (court)" in tooltips


# ---- p.graph() and the Python conveniences ----


def test_graph_views_and_tables(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    g = p.graph()
    assert len(g) == len(p.organizations) + len(p.people)
    early = p.graph(on=dt.date(2027, 2, 20), people=False)
    assert len(early.edges) < len(p.graph(people=False).edges)
    funding = p.graph(kinds=["funding"])
    assert {e.kind for e in funding.edges} == {"funding", "membership"}
    assert all(e.weight >= 3 for e in p.graph(min_weight=3, people=False).edges)
    table = g.to_pandas()
    assert list(table.columns) == pk.stakeholders.GRAPH_COLUMNS
    assert table.loc["chapter", "betweenness"] == pytest.approx(g.betweenness()["chapter"])
    assert table.loc["dv-coalition", "kind"] == "organization"
    assert table["betweenness"].idxmax() == "chapter"


def test_to_networkx_gives_the_same_measures(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    for g in (p.graph(people=False).symmetrized(), p.graph(), p.graph(people=False)):
        G = g.to_networkx()
        assert G.is_directed() == g.directed
        assert set(G.nodes) == {v.id for v in g.vertices}
        expected = nx.betweenness_centrality(G)
        assert g.betweenness() == pytest.approx(expected, rel=1e-9, abs=1e-12)
        assert g.density() == pytest.approx(nx.density(G))
    multi = p.graph().to_networkx(multigraph=True)
    assert multi.number_of_edges() >= p.graph().to_networkx().number_of_edges()
    assert multi.nodes["chapter"]["category"] == "cac-chapter"


def test_graph_exports_from_python(tmp_path: Path) -> None:
    p = pk.from_dict(nasty_document())
    g = p.graph()
    g2 = nx.read_graphml(__import__("io").BytesIO(g.to_graphml(size_by="degree").encode("utf-8")))
    assert sorted(d["name"] for _, d in g2.nodes(data=True)) == sorted(NASTY)
    assert g.to_dot(title="T").startswith("graph G {")
    with pytest.raises(ValueError, match="size_by"):
        g.to_dot(size_by="nope")
    if pk.stakeholders.svg_available():
        svg = g._repr_svg_()
        assert svg is not None and ET.fromstring(svg.encode("utf-8")).tag.endswith("svg")
    else:
        assert g._repr_svg_() is None
        with pytest.raises(pk.Error, match="without Graphviz"):
            g.to_svg()


def test_long_names_wrapped_in_pictures(cli: Path, state_cac_voca_path: Path) -> None:
    g = pk.load(state_cac_voca_path).graph()
    dot = g.to_dot(wrap=16)
    assert '"Mountain State Children\'s\\nAdvocacy Centers"' in dot
    assert "\\n" not in g.to_dot()
    # Every name is there, with some of its spaces read as line breaks.
    for _, name in g.to_networkx().nodes(data="name"):
        assert f'"{name}"'.replace(" ", "") in dot.replace("\\n", "").replace(" ", ""), name
    by_cli = run(cli, "graph", state_cac_voca_path, "--format", "dot", "--wrap", "16")
    assert by_cli.returncode == 0 and by_cli.stdout.count("\\n") == dot.count("\\n")
    if pk.stakeholders.svg_available():
        def width(svg: str) -> float:
            return float(ET.fromstring(svg.encode("utf-8")).get("width").removesuffix("pt"))

        assert width(g.to_svg(wrap=16)) < width(g.to_svg())
