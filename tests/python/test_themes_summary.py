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
        f'{csv}: row 3, column C: a quoted cell is not closed; expected a closing " before the end of the file\n'
    )
    csv.write_text("organization,quadrant,entry\nvoca,help,\n", encoding="utf-8")
    result = run(cli, "import-worksheets", doc, csv)
    assert result.returncode == 2
    assert result.stdout == f"{csv}: row 2, column C (entry): expected an entry, got an empty cell\n"
    assert doc.read_bytes() == before
    result = run(cli, "import-worksheets", doc, tmp_path / "missing.csv")
    assert result.returncode == 2
    assert "missing.csv: cannot open" in result.stderr
