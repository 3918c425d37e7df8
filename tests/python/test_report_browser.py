"""The report in a real browser: headless Chromium opens what `partnerkit report` wrote.

For both bundled examples and for the hostile document (tests/data/injection): no console error,
no network request, every section in the DOM, a screenshot PNG and a PDF print of a few pages
written under the build folder (PARTNERKIT_ARTIFACTS, set by CTest; else build/artifacts), and
hostile text rendered as text. The README's first command's report step is run as written, its
output compared with the README, and the report it leaves opened too.
"""

from __future__ import annotations

import base64
import json
import os
import re
import struct
import subprocess
import urllib.parse
from pathlib import Path

import icalendar
import pytest

from chromium import Chromium, executable

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "partnerships"
INJECTION = REPO / "tests" / "data" / "injection" / "partnership.json"
SECTIONS = ["at-a-glance", "stage", "roster", "network", "timeline", "worksheets", "ideas"]
DOCUMENTS = [EXAMPLES / "state-cac-voca.json", EXAMPLES / "child-support-courts.json", INJECTION]
# The day each report is made on (the report depends on it: what is done, which meetings are to come).
ON = {"state-cac-voca": "2027-06-20", "child-support-courts": "2027-10-01", "partnership": "2027-06-20"}
MAX_PAGES = 4  # a handout of a few US Letter pages (docs/report.md, "Printing")


def artifacts() -> Path:
    folder = Path(os.environ.get("PARTNERKIT_ARTIFACTS", REPO / "build" / "artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser():
    if executable() is None:
        pytest.fail("chromium is not installed: scripts/setup installs it")
    with Chromium() as b:
        yield b


def write_report(cli: Path, document: Path, out: Path) -> Path:
    command = [str(cli), "report", str(document), "-o", str(out), "--on", ON[document.stem]]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout  # it says where the report went
    return out


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def pdf_pages(data: bytes) -> int:
    assert data.startswith(b"%PDF-")
    counts = [int(m) for m in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    counts += [int(m) for m in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)]
    assert counts, "no page tree in the PDF"
    return max(counts)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.stem)
def test_report_opens_cleanly_in_chromium(cli, browser, document, tmp_path):
    name = "injection" if document == INJECTION else document.stem
    report = write_report(cli, document, tmp_path / f"{name}.html")
    page = browser.open(report)

    assert page.console_errors == []
    assert page.network_requests == []
    assert page.dialogs == []
    ids = page.evaluate("[...document.querySelectorAll('section[id]')].map(s => s.id)")
    assert [s for s in SECTIONS if s not in ids] == []
    assert page.evaluate("document.querySelectorAll('script').length") == 0
    # The network picture is inline SVG, the calendar a data: URI holding the plan's .ics.
    assert page.evaluate("document.querySelectorAll('#network svg').length") >= 1
    href = page.evaluate("(document.querySelector('a[href^=\"data:text/calendar\"]') || {}).href || ''")
    assert href.startswith("data:text/calendar")
    meta, _, payload = href.partition(",")
    ics = base64.b64decode(payload) if meta.endswith(";base64") else urllib.parse.unquote(payload).encode()
    calendar = icalendar.Calendar.from_ical(ics)
    planned = len(json.loads(document.read_text(encoding="utf-8")).get("meetings", []))
    assert len(calendar.walk("VEVENT")) >= min(planned, 1)

    width, height = png_size(page.screenshot(artifacts() / f"report-{name}.png"))
    assert width > 300 and height > 300
    pages = pdf_pages(page.print_to_pdf(artifacts() / f"report-{name}.pdf"))
    assert 1 <= pages <= MAX_PAGES


def test_hostile_text_is_text_in_the_report_dom(cli, browser, tmp_path):
    data = json.loads(INJECTION.read_text(encoding="utf-8"))
    page = browser.open(write_report(cli, INJECTION, tmp_path / "injection.html"))
    assert page.dialogs == []
    # No element or attribute came from user text: no script, no img with src=x, no on* handler.
    found = page.evaluate(
        """(() => {
          const all = [...document.querySelectorAll('*')];
          return {
            scripts: document.querySelectorAll('script').length,
            imgs: [...document.querySelectorAll('img')].map(i => i.getAttribute('src')),
            handlers: all.filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).map(e => e.tagName),
            text: document.body.innerText,
            svgText: [...document.querySelectorAll('#network svg text')].map(t => t.textContent).join(' '),
          };
        })()"""
    )
    assert found["scripts"] == 0
    assert "x" not in found["imgs"]
    assert found["handlers"] == []
    text = " ".join(found["text"].split())
    for org in data["organizations"]:
        assert " ".join(org["name"].split()) in text, org["name"]
    for idea in data["ideas"]:
        assert " ".join(idea["text"].split()) in text, idea["text"]
    assert "{{mustache}}" in text  # a user's Mustache tag is not expanded
    svg_text = " ".join(found["svgText"].split())
    assert "<script>alert('s')</script>" in svg_text


def test_paper_leaves_details_to_the_screen(cli, browser, tmp_path):
    """On paper: one line per kind of plan finding, no done checklist rows, no past agendas; on
    screen every finding, row and agenda is shown."""
    document = EXAMPLES / "state-cac-voca.json"
    page = browser.open(write_report(cli, document, tmp_path / "report.html"))
    shown = """(() => {
      const visible = s => [...document.querySelectorAll(s)].filter(e => e.getClientRects().length > 0).length;
      return {findings: visible('#timeline .finding li'), lines: visible('#timeline .finding p'),
              done: visible('#stage tr.activity-done'), stages: visible('#stage tbody > tr:first-child'),
              agendas: visible('#timeline .meeting'), note: visible('#timeline .print-only')};
    })()"""
    screen = page.evaluate(shown)
    page.browser.send("Emulation.setEmulatedMedia", {"media": "print"}, session=page.session)
    paper = page.evaluate(shown)
    plan = json.loads(subprocess.run([str(cli), "plan", str(document), "--format", "json"], capture_output=True,
                                     text=True, check=True).stdout)
    assert screen["findings"] == len(plan["issues"]) > 1 and paper["findings"] == 0
    assert screen["lines"] == paper["lines"] == len({i["code"] for i in plan["issues"]})
    assert screen["done"] > 0 and paper["done"] == 0
    assert screen["stages"] == paper["stages"] > 1  # every stage keeps its "n of m done" row
    assert 0 < paper["agendas"] < screen["agendas"]
    assert (screen["note"], paper["note"]) == (0, 1)


def test_readme_first_command_leaves_the_report_it_shows(cli, browser, tmp_path):
    """The README's first command ends with `partnerkit report ...`: run that part (with the
    installed command, writing into a temporary folder), compare what it prints with the README,
    and open the report it leaves."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first = re.search(r"```sh\n(.+?)\n```", readme, re.S).group(1)
    report_command = first.split("&&")[-1].split()
    assert report_command[0].endswith("/partnerkit") and report_command[1] == "report", first
    output = report_command.index("-o") + 1
    assert report_command[output] == "report.html"
    report_command[0], report_command[output] = str(cli), str(tmp_path / "report.html")
    done = subprocess.run(report_command, cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    shown = re.search(r"The first command prints where the report went and a summary:\n\n```\n(.+?)```", readme, re.S)
    assert done.stdout.replace(str(tmp_path / "report.html"), "report.html") == shown.group(1)

    page = browser.open(tmp_path / "report.html")
    assert page.console_errors == [] and page.network_requests == []
    ids = page.evaluate("[...document.querySelectorAll('section[id]')].map(s => s.id)")
    assert ids == SECTIONS
    assert 1 <= pdf_pages(page.print_to_pdf(artifacts() / "report-readme.pdf")) <= MAX_PAGES
