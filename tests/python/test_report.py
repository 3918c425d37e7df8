"""The report from Python (p.report, partnerkit.report.report_data) and from the command line
(`partnerkit report`): sections in the DOM, a page that asks for nothing outside itself, hostile
user text rendered as text, the embedded calendar, Markdown and JSON."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import partnerkit as pk
from htmldom import Dom

SECTIONS = ["at-a-glance", "stage", "roster", "network", "timeline", "worksheets", "ideas"]
ON = dt.date(2027, 6, 10)

SCRIPT = "<script>alert('x')</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
MUSTACHE = "{{mustache}} {{{raw}}} {{#name}}x{{/name}}"
MARKDOWN = "# Heading **bold** [link](http://example.org) | cell | `code` <b>b</b>"
RTL = "שותפות \u200f(RTL)"


def check_self_contained(dom: Dom) -> None:
    """Nothing that runs code or loads anything from outside the page."""
    assert dom.doctype.lower() == "doctype html"
    for e in dom.elements():
        assert e.tag not in {"script", "img", "iframe", "object", "embed", "link", "base", "form", "input"}, e.tag
        for name, value in e.attrs.items():
            assert not name.startswith("on"), (e.tag, name)
            assert name not in {"src", "srcset", "xlink:href", "action", "formaction"}, (e.tag, name)
            if name == "href":
                assert value is not None and (value.startswith("#") or value.startswith("data:text/calendar;")), value
            if name == "style":
                assert "url(" not in (value or "")
        if e.tag == "style":
            css = e.text()
            assert "url(" not in css and "@import" not in css and "@font-face" not in css
            assert "@media print" in css


@pytest.fixture
def hostile() -> pk.Partnership:
    from conftest import STATE_CAC_VOCA

    doc = json.loads(STATE_CAC_VOCA.read_text(encoding="utf-8"))
    doc["name"] = SCRIPT + " " + MUSTACHE
    doc["description"] = MARKDOWN
    doc["organizations"][0]["name"] = BREAKOUT
    doc["organizations"][1]["name"] = RTL
    doc["organizations"][2]["name"] = MUSTACHE
    doc["people"][0]["name"] = SCRIPT
    doc["people"][1]["role"] = MARKDOWN
    doc["worksheets"][0]["proud_of"].append(SCRIPT)
    doc["worksheets"][0]["help_with"].append(MARKDOWN)
    doc["worksheets"][1]["love_to"].append(MUSTACHE)
    doc["ideas"][0]["text"] = BREAKOUT + " " + MUSTACHE
    doc["ideas"][1]["text"] = "- " + MARKDOWN
    doc["meetings"][0]["title"] = SCRIPT
    doc["meetings"][0]["location"] = BREAKOUT
    return pk.loads(json.dumps(doc))


def test_sections_of_both_examples(example_path: Path) -> None:
    p = pk.load(example_path)
    html = p.report(on=ON)
    dom = Dom(html)
    check_self_contained(dom)
    assert [e.attrs["id"] for e in dom.elements() if e.tag == "section"] == SECTIONS
    sections = dom.sections()
    assert p.name in dom.root.text()
    # The roster lists every organization; the ideas every idea; the timeline every meeting.
    roster = sections["roster"].text()
    assert all(o.name in roster for o in p.organizations)
    ideas = sections["ideas"].text()
    assert all(i.text in ideas for i in p.ideas)
    data = pk.report.report_data(p, on=ON)
    assert data["on"] == "2027-06-10"
    timeline_rows = [e for e in sections["timeline"].iter() if e.tag == "tr" and e.parent and e.parent.tag == "tbody"]
    assert len(timeline_rows) >= len(data["timeline"]["meetings"])
    # The network picture is inline SVG that an XML parser reads.
    svgs = [e for e in sections["network"].iter() if e.tag == "svg"]
    if data["network"]["svg_available"]:
        assert len(svgs) == 1
        ET.fromstring(data["network"]["svg"])
    else:
        assert svgs == [] and data["network"]["svg_message"] in sections["network"].text()


def test_calendar_data_uri(state_cac_voca_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    p = pk.load(state_cac_voca_path)
    dom = Dom(p.report(on=ON))
    links = [e for e in dom.elements() if e.tag == "a" and (e.attrs.get("href") or "").startswith("data:")]
    assert len(links) == 1
    prefix = "data:text/calendar;charset=utf-8;base64,"
    href = links[0].attrs["href"] or ""
    assert href.startswith(prefix)
    assert (links[0].attrs.get("download") or "").endswith(".ics")
    text = base64.b64decode(href[len(prefix):]).decode("utf-8")
    cal = icalendar.Calendar.from_ical(text)
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    data = pk.report.report_data(p, on=ON)
    assert [str(e["SUMMARY"]) for e in events] == [m["title"] for m in data["timeline"]["meetings"]]


def test_hostile_text_is_text(hostile: pk.Partnership) -> None:
    html = hostile.report(on=ON)
    dom = Dom(html)
    check_self_contained(dom)
    assert [e.attrs["id"] for e in dom.elements() if e.tag == "section"] == SECTIONS
    text = dom.root.text()
    for s in (SCRIPT, BREAKOUT, MUSTACHE, MARKDOWN, RTL):
        assert s in text, s
    # In the right places: the roster, the worksheets, the ideas, the timeline.
    sections = dom.sections()
    assert BREAKOUT in sections["roster"].text() and RTL in sections["roster"].text()
    assert SCRIPT in sections["worksheets"].text()
    assert MUSTACHE in sections["ideas"].text()
    assert SCRIPT in sections["timeline"].text() and BREAKOUT in sections["timeline"].text()
    assert not any(e.tag == "b" for e in dom.elements())
    title = [e for e in dom.elements() if e.tag == "title"][0].text()
    assert title.startswith(SCRIPT + " " + MUSTACHE)


def test_hostile_markdown(hostile: pk.Partnership) -> None:
    md = hostile.report(format="md", on=ON)
    import re

    # Every '<', '{', '*' and '[' of user text has its backslash.
    assert not re.search(r"(^|[^\\])<(script|img|b>)", md)
    assert not re.search(r"(^|[^\\])\{\{mustache", md)
    assert "**bold**" not in md and "[link](" not in md
    assert "\\{\\{mustache\\}\\}" in md
    assert RTL.replace("(", "\\(").replace(")", "\\)") in md
    # No user text starts a line: every line is the template's.
    assert not any(line.startswith(("# Heading", "- # Heading", "\\- # ")) for line in md.splitlines())


def test_empty_parts() -> None:
    p = pk.Partnership(name="Nothing yet")
    dom = Dom(p.report(on=dt.date(2027, 1, 4)))
    sections = dom.sections()
    assert list(sections) == SECTIONS
    assert "No worksheets yet" in sections["worksheets"].text()
    assert "No ideas yet" in sections["ideas"].text()
    assert "nothing to draw" in sections["network"].text()


def test_formats_and_path(state_cac_voca_path: Path, tmp_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    data = json.loads(p.report(format="json", on=ON))
    assert data == pk.report.report_data(p, on=ON)
    assert list(data)[:3] == ["name", "description", "on"]
    out = tmp_path / "r.md"
    md = p.report(out, format="md", on=ON)
    assert out.read_text(encoding="utf-8") == md
    assert md.startswith("# " + p.name)
    with pytest.raises(ValueError, match="format"):
        p.report(format="pdf")
    with pytest.raises(pk.IoError):
        p.report(tmp_path / "no" / "such" / "dir" / "r.html")


# ---- the command ----


def run(cli: Path, *args: object, cwd: Path | None = None, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([cli, *map(str, args)], capture_output=True, text=True, timeout=120, cwd=cwd, **kw)  # type: ignore[call-overload]


def test_cli_report_default_output(cli: Path, state_cac_voca_path: Path, tmp_path: Path) -> None:
    result = run(cli, "report", state_cac_voca_path, "--on", "2027-06-10", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page == pk.load(state_cac_voca_path).report(on=ON)
    lines = result.stdout.splitlines()
    assert lines[0] == "report written to report.html"
    assert 4 <= len(lines) <= 8
    data = pk.report.report_data(pk.load(state_cac_voca_path), on=ON)
    glance = data["at_a_glance"]
    assert f"stage: {glance['current_stage']}" in result.stdout
    assert f"{glance['organizations']} organizations, {glance['people']} people, {glance['ties']} ties" in result.stdout
    assert f"{glance['meetings_planned']} meetings planned" in result.stdout
    assert f"top area of focus: {glance['top_area']}" in result.stdout


def test_cli_report_formats(cli: Path, child_support_courts_path: Path, tmp_path: Path) -> None:
    p = pk.load(child_support_courts_path)
    on = dt.date(2027, 8, 1)
    result = run(cli, "report", child_support_courts_path, "--on", "2027-08-01", "--format", "md", "-o", tmp_path / "r.md")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "r.md").read_text(encoding="utf-8") == p.report(format="md", on=on)
    result = run(cli, "report", child_support_courts_path, "--on", "2027-08-01", "--format", "json", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == pk.report.report_data(p, on=on)


def test_cli_report_bad_input(cli: Path, tmp_path: Path, state_cac_voca_path: Path) -> None:
    result = run(cli, "report", state_cac_voca_path, "--on", "2027-02-30", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == 'partnerkit report: --on: expected a day that exists, YYYY-MM-DD, got "2027-02-30"\n'
    assert not (tmp_path / "report.html").exists()
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "partnerkit/1", "name": "x", "people": [{"id": "a", "name": "A", "organization": "nope"}]}')
    result = run(cli, "report", bad, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.startswith(f"{bad}: /people/0/organization: ")
    assert not (tmp_path / "report.html").exists()
    result = run(cli, "report", state_cac_voca_path, "--format", "pdf", cwd=tmp_path)
    assert result.returncode == 2
