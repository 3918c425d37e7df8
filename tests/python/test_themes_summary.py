"""Worksheets through Python and the CLI: importing entries from CSV (both layouts, errors with
row and column, the document left unchanged)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import partnerkit as pk
from partnerkit import summary

from conftest import small_document


def run(cli: Path, *args: object, input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([cli, *map(str, args)], input=input, capture_output=True, text=True, timeout=60)


LONG_CSV = (
    "organization,quadrant,entry,meeting\n"
    "chapter,Proud Of (Strengths),Knowledge and skills,\n"
    'CAC State Chapter,help with,"Capacity - more staff\nIncreasing innovation",\n'
    "voca,Frustrated by (barriers),Limitations on funding,\n"
    "voca,values / what's important,Effective impact,\n"
)


def test_quadrants() -> None:
    assert [q.name for q in summary.Quadrant] == ["proud_of", "help_with", "frustrated_by", "love_to", "values"]
    assert summary.parse_quadrant("Proud Of (Strengths)") == summary.Quadrant.proud_of
    assert summary.parse_quadrant("values / what's important") == summary.Quadrant.values
    assert summary.parse_quadrant("nothing") is None
    assert summary.quadrant_heading(summary.Quadrant.love_to) == "Love to (hopes)"


def test_import_text() -> None:
    p = pk.from_dict(small_document())
    r = p.import_worksheets_text(LONG_CSV, "w.csv")
    assert r.to_dict() == {"rows": 4, "added": 5, "duplicates": 0, "worksheets_created": 2}
    chapter, voca = p.worksheets
    assert chapter.organization == "chapter" and chapter.session is None
    assert chapter.proud_of == ["Knowledge and skills"]
    assert chapter.help_with == ["Capacity - more staff", "Increasing innovation"]
    assert voca.frustrated_by == ["Limitations on funding"]
    assert voca.values == ["Effective impact"]
    again = p.import_worksheets_text(LONG_CSV, "w.csv")
    assert (again.added, again.duplicates) == (0, 5)


def test_import_errors_leave_the_document_unchanged() -> None:
    p = pk.from_dict(small_document())
    before = p.to_dict()
    with pytest.raises(pk.ValidationError) as info:
        p.import_worksheets_text("organization,quadrant,entry\nchapter,help,ok\nvocaa,pride,x\n", "w.csv")
    assert [str(e) for e in info.value.errors] == [
        'w.csv: row 3, column A (organization): expected an organization id or name of the document, got "vocaa"; '
        'did you mean "voca" (VOCA Administering Agency)?',
        "w.csv: row 3, column B (quadrant): expected a quadrant: proud_of (Proud of / strengths), help_with (Help "
        "with / challenges), frustrated_by (Frustrated by / barriers), love_to (Love to / hopes) or values (what's "
        'important), got "pride"',
    ]
    assert info.value.path == "row 3, column A (organization)"
    assert p.to_dict() == before


def test_import_file(tmp_path: Path) -> None:
    p = pk.from_dict(small_document())
    path = tmp_path / "w.csv"
    path.write_text(LONG_CSV, encoding="utf-8")
    assert p.import_worksheets(path).added == 5
    with pytest.raises(pk.IoError):
        p.import_worksheets(tmp_path / "missing.csv")


def test_cli_import_worksheets(cli: Path, tmp_path: Path) -> None:
    doc = tmp_path / "doc.json"
    doc.write_text(json.dumps(small_document()), encoding="utf-8")
    csv = tmp_path / "w.csv"
    csv.write_text(LONG_CSV, encoding="utf-8")

    out = tmp_path / "out.json"
    result = run(cli, "import-worksheets", doc, csv, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{csv}: 4 rows, 5 entries added, 2 new worksheets; wrote {out}\n"
    assert len(pk.load(out).worksheets) == 2
    assert pk.load(doc).worksheets == []  # -o leaves FILE alone

    result = run(cli, "import-worksheets", doc, csv, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "file": str(doc), "csv": str(csv), "output": str(doc), "rows": 4, "added": 5, "duplicates": 0,
        "worksheets_created": 2, "worksheets": 2,
    }
    assert pk.load(doc) == pk.load(out)  # in place by default

    result = run(cli, "import-worksheets", "-", csv, input=json.dumps(small_document()))
    assert result.returncode == 0, result.stderr
    assert len(pk.loads(result.stdout).worksheets) == 2
    assert result.stderr.endswith("wrote standard output\n")


def test_cli_import_worksheets_bad_csv(cli: Path, tmp_path: Path) -> None:
    doc = tmp_path / "doc.json"
    doc.write_text(json.dumps(small_document()), encoding="utf-8")
    before = doc.read_bytes()
    csv = tmp_path / "w.csv"
    csv.write_text("organization,quadrant,entry\nvoca,help,\nvoca,help,\"open\n", encoding="utf-8")
    result = run(cli, "import-worksheets", doc, csv)
    assert result.returncode == 2
    assert result.stdout == (
        f'{csv}: row 3, column C: a quoted field opened on line 3 never ends (a " is missing)\n'
    )
    csv.write_text("organization,quadrant,entry\nvoca,help,\n", encoding="utf-8")
    result = run(cli, "import-worksheets", doc, csv)
    assert result.returncode == 2
    assert result.stdout == f"{csv}: row 2, column C (entry): expected an entry, got an empty cell\n"
    assert doc.read_bytes() == before
    result = run(cli, "import-worksheets", doc, tmp_path / "missing.csv")
    assert result.returncode == 2
    assert "missing.csv: cannot open" in result.stderr


# ---- the collective summary ----

FILLED_IN = Path(__file__).resolve().parents[1] / "data" / "summary" / "filled-in-quadrant.json"


def quadrant_theme_texts(s: summary.Summary, quadrant: summary.Quadrant, text: str) -> set[str]:
    q = next(q for q in s.quadrants if q.quadrant == quadrant)
    for t in q.themes:
        texts = {s.entries[i].text for i in t.entries}
        if text in texts:
            return texts
    return set()


def test_summary_of_the_filled_in_quadrant() -> None:
    p = pk.load(FILLED_IN)
    s = p.themes()
    assert len(s.entries) == 42 and s.organizations == 4
    assert quadrant_theme_texts(s, summary.Quadrant.frustrated_by, "Limitations on funding") == {
        "Limitations on funding", "Cuts to federal VOCA dollars", "Limited funding for prevention",
    }
    assert quadrant_theme_texts(s, summary.Quadrant.help_with, "Capacity - more staff") == {
        "Capacity - more staff", "More grant monitoring personnel", "Staffing capacity",
    }
    frustrated = s.quadrants[2]
    assert frustrated.quadrant == summary.Quadrant.frustrated_by
    assert [(org, [s.entries[i].text for i in entries]) for org, entries in frustrated.unique] == [
        ("chapter", ["Match requirement"])
    ]
    for t in s.themes:
        assert t.common == (len(t.organizations) >= 2)
        assert all(s.assignments[i] == s.themes.index(t) for i in t.entries)
    assert sorted(i for i, a in enumerate(s.assignments) if a < 0) == s.unassigned


def test_summary_pandas_dict_html() -> None:
    p = pk.load(FILLED_IN)
    p.worksheets = [
        *p.worksheets,
        pk.Worksheet(organization="dcfs", help_with=["<b>More staff</b> & 'resources'"]),
    ]
    s = p.themes()
    df = s.to_pandas()
    assert list(df.columns) == summary.ENTRY_COLUMNS
    assert len(df) == len(s.entries) == 43
    assert list(df["text"]) == [e.text for e in s.entries]
    assert [(-1 if t != t or t is None else int(t)) for t in df["theme"]] == s.assignments
    d = s.to_dict()
    assert d["assignments"] == s.assignments
    assert [t["label"] for t in d["themes"]] == [t.label for t in s.themes]
    html = s._repr_html_()
    assert "<b>More staff</b>" not in html
    assert "&lt;b&gt;More staff&lt;/b&gt; &amp; &#x27;resources&#x27;" in html
    assert s.to_text().startswith("Collective summary: 43 entries from 4 organizations\n")
    with pytest.raises(pk.ValidationError) as info:
        p.themes(session="nope")
    assert info.value.path == "/session"


def test_exact_number_of_themes_and_plain_texts() -> None:
    p = pk.load(FILLED_IN)
    assert len(p.themes(themes=5).themes) == 5
    texts = ["More staff", "Staffing shortages", "Funding cuts", "Less money for grants", "Funding limits", ""]
    s = summary.summarize_texts(texts)
    assert len(s.assignments) == len(texts)
    assert s.quadrants == [] and s.organizations == 0
    assert s.assignments[-1] == -1
    assert s.assignments[2] == s.assignments[3] == s.assignments[4] != -1


def test_cli_themes(cli: Path, tmp_path: Path) -> None:
    result = run(cli, "themes", FILLED_IN, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["files"] == [str(FILLED_IN)]
    assert {k: v for k, v in data.items() if k != "files"} == pk.load(FILLED_IN).themes().to_dict()
    assert len(data["assignments"]) == 42

    csv_out = tmp_path / "summary.csv"
    result = run(cli, "themes", FILLED_IN, "--session", "in-person-1", "--themes", "4", "--format", "csv", "-o", csv_out)
    assert result.returncode == 0, result.stderr
    lines = csv_out.read_bytes().decode("utf-8").split("\r\n")
    assert lines[0].startswith("entry,text,organization,quadrant,meeting,theme,")
    assert len(lines) == 44  # heading, 42 entries, and the empty string after the last line break

    out = tmp_path / "summary.md"
    result = run(cli, "themes", FILLED_IN, "--format", "md", "-o", out)
    assert result.returncode == 0, result.stderr
    md = out.read_text(encoding="utf-8")
    assert md.startswith("## Collective summary\n")
    assert "### Frustrated by \\(barriers\\)" in md

    texts = tmp_path / "texts.txt"
    texts.write_text("More staff\nStaffing shortages\n\nFunding cuts\nLess money for grants\n", encoding="utf-8")
    result = run(cli, "themes", "--texts", texts, "--format", "json", "--themes", "2")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["assignments"]) == 5 and data["assignments"][2] == -1
    assert data["assignments"][0] == data["assignments"][1] != data["assignments"][3] == data["assignments"][4]


def test_cli_themes_bad_input(cli: Path, tmp_path: Path) -> None:
    result = run(cli, "themes", FILLED_IN, "--session", "m9")
    assert result.returncode == 2
    assert result.stdout == '<options>: /session: expected a meeting id of the document, got "m9"\n'
    texts = tmp_path / "texts.txt"
    texts.write_bytes(b"fine\nbad \xff byte\n")
    result = run(cli, "themes", "--texts", texts)
    assert result.returncode == 2
    assert result.stdout == f"{texts}: line 2: bytes that are not UTF-8 at byte 5; expected UTF-8 text\n"
    result = run(cli, "themes")
    assert result.returncode == 2
    assert "expected partnership documents or --texts FILE" in result.stderr
    result = run(cli, "themes", FILLED_IN, "--themes", "0")
    assert result.returncode == 2
