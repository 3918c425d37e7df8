"""Hostile text renders as text in every output format.

tests/data/injection/partnership.json holds `<script>`, an attribute break-out, Mustache tags,
Markdown syntax, right-to-left text and the characters iCalendar and CSV escape, in ids, names,
roles, titles, locations, worksheet entries and ideas. Each output is read back with a real
parser (HTML: html.parser; Markdown: cmark-gfm; SVG and GraphML: XML parsers; DOT: Graphviz's
cgraph; iCalendar: icalendar; CSV: csv) and the hostile strings must come back as text, with no
element, attribute or template expansion made from them.
"""

from __future__ import annotations

import csv
import ctypes
import ctypes.util
import io
import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import networkx as nx
import pytest
from htmldom import Dom

DOC = Path(__file__).resolve().parents[1] / "data" / "injection" / "partnership.json"
DATA = json.loads(DOC.read_text(encoding="utf-8"))
SCRIPT = "<script>alert('s')</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
MUSTACHE = "{{mustache}} {{{raw}}} {{#list}}x{{/list}}"
MARKDOWN = "**bold** _em_ [link](http://example.invalid/x) # not a heading | a | b |"
RTL = DATA["organizations"][3]["name"]
HOSTILE = [SCRIPT, BREAKOUT, MUSTACHE, MARKDOWN, RTL]


def run(cli: Path, *args: str) -> str:
    done = subprocess.run([str(cli), *args], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    return done.stdout


def assert_inert_html(doc: Dom) -> None:
    elements = doc.elements()
    assert "script" not in [e.tag for e in elements]
    assert all(e.attrs.get("src") != "x" for e in elements if e.tag == "img")
    for e in elements:
        assert not any(name.startswith("on") for name in e.attrs), (e.tag, e.attrs)


def words(text: str) -> str:
    return " ".join(text.split())


# -- Markdown, read by cmark-gfm (the C library partnerkit itself links) -------------------------
CMARK_OPT_UNSAFE = 1 << 17  # pass raw HTML through, so that unescaped HTML would show up as elements


def markdown_to_html(text: str) -> str:
    lib = ctypes.CDLL(ctypes.util.find_library("cmark-gfm") or "libcmark-gfm.so")
    lib.cmark_markdown_to_html.restype = ctypes.c_void_p
    lib.cmark_markdown_to_html.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int]
    raw = text.encode("utf-8")
    out = lib.cmark_markdown_to_html(raw, len(raw), CMARK_OPT_UNSAFE)
    html = ctypes.string_at(out).decode("utf-8")
    ctypes.CDLL(None).free(ctypes.c_void_p(out))
    return html


@pytest.mark.parametrize(
    "args",
    [("plan", "--format", "md"), ("themes", "--format", "md"), ("ideas", "--format", "md"),
     ("report", "--format", "md", "-o", "-")],
    ids=lambda a: a[0],
)
def test_markdown_outputs_keep_hostile_text_as_text(cli, args):
    md = run(cli, args[0], str(DOC), *args[1:])
    doc = Dom(markdown_to_html(md))
    assert_inert_html(doc)
    # Every kind of hostile text the command prints comes back as the same text.
    shown = [s for s in HOSTILE if words(s) in doc.words()]
    assert shown, "the output shows none of the document's text"
    assert SCRIPT in doc.words() or BREAKOUT in doc.words()
    assert "**" in doc.words() or "{{" in doc.words() or RTL in doc.words()


def test_plan_markdown_shows_every_meeting_title(cli):
    doc = Dom(markdown_to_html(run(cli, "plan", str(DOC), "--format", "md")))
    for meeting in DATA["meetings"]:
        assert words(meeting["title"]) in doc.words()


def test_report_markdown_shows_every_name_and_idea(cli):
    doc = Dom(markdown_to_html(run(cli, "report", str(DOC), "--format", "md", "-o", "-")))
    assert_inert_html(doc)
    for org in DATA["organizations"]:
        assert words(org["name"]) in doc.words(), org["name"]
    for idea in DATA["ideas"]:
        assert words(idea["text"]) in doc.words(), idea["text"]


def test_report_json_gives_back_the_names(cli):
    data = json.loads(run(cli, "report", str(DOC), "--format", "json", "-o", "-"))
    strings: list[str] = []

    def walk(x):
        if isinstance(x, str):
            strings.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(data)
    for org in DATA["organizations"]:
        assert org["name"] in strings


def test_plan_html_is_inert(cli):
    doc = Dom(run(cli, "plan", str(DOC), "--format", "html"))
    assert_inert_html(doc)
    for meeting in DATA["meetings"]:
        assert words(meeting["title"]) in doc.words()
        assert words(meeting["location"]) in doc.words()


# -- iCalendar, read by the icalendar package ---------------------------------------------------
def test_ics_gives_back_titles_and_locations_byte_for_byte(cli):
    cal = icalendar.Calendar.from_ical(run(cli, "plan", str(DOC), "--format", "ics"))
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(events) == len(DATA["meetings"])
    by_title = {str(e["SUMMARY"]): e for e in events.values()}
    for meeting in DATA["meetings"]:
        event = by_title[meeting["title"]]  # exact, including comma, semicolon, newline, quotes
        assert str(event["LOCATION"]) == meeting["location"]
    names = {p["name"] for p in DATA["people"]}
    attendees = [a for e in events.values() for a in (e.get("ATTENDEE") or [])]
    assert {a.params.get("CN") for a in attendees} & names == names


# -- SVG, GraphML and DOT --------------------------------------------------------------------------
SVG = "{http://www.w3.org/2000/svg}"


def test_svg_is_inert_and_names_come_back_as_text(cli):
    svg = run(cli, "graph", str(DOC), "--format", "svg")
    root = ET.fromstring(svg.encode("utf-8"))
    assert list(root.iter(f"{SVG}script")) == []
    for element in root.iter():
        assert not any(name.lower().startswith("on") for name in element.attrib), element.attrib
    text = words(" ".join(t for t in root.itertext()))
    for org in DATA["organizations"]:
        assert words(org["name"]) in text, org["name"]


def test_graphml_gives_back_ids_and_names(cli):
    graphml = run(cli, "graph", str(DOC), "--format", "graphml")
    g = nx.read_graphml(io.BytesIO(graphml.encode("utf-8")))
    values = {str(v) for _, attrs in g.nodes(data=True) for v in attrs.values()} | {str(n) for n in g.nodes}
    for org in DATA["organizations"]:
        assert org["name"] in values
        assert org["id"] in values


class Cgraph:
    """Graphviz's own DOT reader (libcgraph), through ctypes."""

    def __init__(self):
        lib = ctypes.CDLL(ctypes.util.find_library("cgraph") or "libcgraph.so.6")
        for name, res, args in [
            ("agmemread", ctypes.c_void_p, [ctypes.c_char_p]),
            ("agfstnode", ctypes.c_void_p, [ctypes.c_void_p]),
            ("agnxtnode", ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_void_p]),
            ("agget", ctypes.c_char_p, [ctypes.c_void_p, ctypes.c_char_p]),
            ("agclose", ctypes.c_int, [ctypes.c_void_p]),
        ]:
            fn = getattr(lib, name)
            fn.restype, fn.argtypes = res, args
        self.lib = lib

    def nodes(self, dot: str) -> list[dict[str, str]]:
        g = self.lib.agmemread(dot.encode("utf-8"))
        assert g, "Graphviz could not read the DOT output"
        out = []
        n = self.lib.agfstnode(g)
        while n:
            attrs = {}
            for key in ("label", "pk_id", "tooltip"):
                value = self.lib.agget(n, key.encode())
                attrs[key] = value.decode("utf-8") if value is not None else ""
            out.append(attrs)
            n = self.lib.agnxtnode(g, n)
        self.lib.agclose(g)
        return out


def test_dot_gives_back_ids_and_names_through_graphviz(cli):
    nodes = Cgraph().nodes(run(cli, "graph", str(DOC), "--format", "dot"))
    by_id = {n["pk_id"]: n for n in nodes}
    for org in DATA["organizations"]:
        assert by_id[org["id"]]["label"] == org["name"]


# -- CSV, read by the csv module ----------------------------------------------------------------------
def test_themes_csv_gives_back_every_entry(cli):
    rows = list(csv.DictReader(io.StringIO(run(cli, "themes", str(DOC), "--format", "csv"))))
    entries = [(w["organization"], e) for w in DATA["worksheets"] for q in
               ("proud_of", "help_with", "frustrated_by", "love_to", "values") for e in w[q]]
    assert [(r["organization"], r["text"]) for r in rows] == entries
