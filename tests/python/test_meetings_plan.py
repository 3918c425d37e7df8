"""Meeting plans through Python and the CLI: plans of a document and generated timelines, the
pandas table, and the calendar we write read back by two independent consumers, the icalendar
package and khal (imported into a throwaway configuration), with every start in UTC as intended
and the text (commas, semicolons, quotes, line breaks, non-ASCII) back byte for byte."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
import shutil
import subprocess
from pathlib import Path

import icalendar
import pytest

import partnerkit as pk
from partnerkit import meetings

REPO = Path(__file__).resolve().parents[2]
TRICKY = REPO / "tests" / "data" / "meetings" / "tricky.json"
UTC = dt.timezone.utc

# Worked out by hand from the tz database (tests/data/meetings/README.md).
INTENDED = {
    "m1": (dt.datetime(2027, 3, 13, 14, 0, tzinfo=UTC), 60),
    "m2": (dt.datetime(2027, 3, 15, 15, 0, tzinfo=UTC), 360),
    "m3": (dt.datetime(2027, 7, 1, 17, 0, tzinfo=UTC), 60),
    "m4": (dt.datetime(2027, 11, 8, 18, 0, tzinfo=UTC), 60),
    "m5": (dt.datetime(2027, 11, 7, 5, 30, tzinfo=UTC), 30),
}
TRICKY_DESCRIPTION = (
    'Agenda: "quotes", commas; semicolons \\ backslash\n'
    '9:00am-9:30am Welcome, intro; "quotes" – café ☕ 日本語\n'
    "    Line one\nLine two, with comma; semicolon\\backslash <b>bold</b> *star* | pipe\n"
    "9:30am-10:00am <script>alert('x')</script> & [link](http://example.com) # not a heading\n"
    "10:00am Adjourn"
)


@pytest.fixture
def tricky_plan() -> meetings.Plan:
    return pk.load(TRICKY).plan()


def events_of(text: bytes | str) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(text)
    return {str(ev["UID"]).split(".")[0]: ev for ev in cal.walk("VEVENT")}


def test_plan_of_a_document(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    plan = p.plan()
    assert [m.id for m in plan.meetings] == ["planning", "in-person-1", "connect-1", "in-person-2", "connect-2",
                                             "in-person-3"]
    assert plan.meetings[1].start == dt.datetime(2027, 5, 11, 9, 0)
    assert plan.meetings[1].duration == dt.timedelta(hours=6)
    assert all(m.from_document for m in plan.meetings)
    assert {i.code for i in plan.issues} == {"outside_working_hours"}
    assert "Kalani Kealoha (2027-05-11 5:00am-11:00am Pacific/Honolulu)" in plan.issues[1].message
    assert meetings.plan(p).to_dict() == plan.to_dict()

    frame = plan.to_pandas()
    assert list(frame.columns) == meetings.MEETING_COLUMNS
    assert len(frame) == 6
    assert frame.loc[1, "start_utc"] == dt.datetime(2027, 5, 11, 15, 0, tzinfo=UTC)
    assert frame.loc[1, "duration"] == dt.timedelta(hours=6)
    assert "<table>" in plan._repr_html_()


def test_generated_timeline(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    plan = p.plan(start=dt.date(2027, 4, 5), third_in_person=True, cadence=meetings.Cadence.quarterly,
                  sustaining_months=6, annual_retreat=False)
    assert [(m.id, m.start.date().isoformat()) for m in plan.meetings] == [
        ("planning-call", "2027-04-19"), ("in-person-1", "2027-05-31"), ("connecting-call-1", "2027-06-28"),
        ("in-person-2", "2027-07-26"), ("connecting-call-2", "2027-08-23"), ("in-person-3", "2027-09-20"),
        ("sustaining-call-1", "2027-12-20"), ("sustaining-call-2", "2028-03-20"),
    ]
    assert plan.process == "building-partnership"
    assert plan.meetings[5].if_needed and plan.meetings[5].phase == meetings.Phase.formation
    assert plan.meetings[6].phase == meetings.Phase.sustaining
    assert [a.id for a in plan.agendas] == ["planning-call", "first-in-person", "connecting-call", "second-in-person"]
    assert len(plan.meetings[0].participants) == len(p.people)
    with pytest.raises(pk.Error, match="unknown time zone"):
        p.plan(start=dt.date(2027, 4, 5), timezone="Mars/Olympus")


def test_agendas_in_python() -> None:
    first = meetings.builtin_agenda("first-in-person")
    t = meetings.timed(first)
    assert [(i.offset, i.title) for i in t.items][:3] == [
        (dt.timedelta(0), "Welcome, Introductions and Framing"),
        (dt.timedelta(hours=1), "On Teaming and Partnerships"),
        (dt.timedelta(hours=1, minutes=30), "Break"),
    ]
    assert t.length == dt.timedelta(hours=6)
    assert meetings.check_agenda(first, meeting_length=dt.timedelta(hours=6)) == []
    issues = meetings.check_agenda(first, meeting_length=dt.timedelta(hours=5))
    assert [i.code for i in issues] == ["longer_than_meeting"]
    doc = pk.load(TRICKY)
    assert [a.id for a in doc.agendas] == ["tricky"]
    assert pickle.loads(pickle.dumps(doc)) == doc
    assert copy.deepcopy(doc.agendas[0]) == doc.agendas[0]


def test_icalendar_reads_what_we_write(tricky_plan: meetings.Plan, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    tricky_plan.to_ics(out)
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]).startswith("-//partnerkit//partnerkit ")
    assert sorted(str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")) == [
        "America/Denver", "America/New_York", "America/Phoenix", "Pacific/Honolulu"]
    events = events_of(out.read_bytes())
    assert set(events) == set(INTENDED)
    for mid, ev in events.items():
        start, minutes = INTENDED[mid]
        assert "DTSTAMP" in ev and "UID" in ev
        assert ev.decoded("DTSTART").astimezone(UTC) == start, mid
        assert ev.decoded("DTEND") - ev.decoded("DTSTART") == dt.timedelta(minutes=minutes), mid
        assert str(ev["UID"]) == next(m.uid for m in tricky_plan.meetings if m.id == mid)
    m1 = events["m1"]
    assert str(m1["DESCRIPTION"]) == TRICKY_DESCRIPTION
    assert tricky_plan.event_description("m1") == TRICKY_DESCRIPTION
    assert str(m1["SUMMARY"]) == 'Planning, call; "one" <i>é</i>'
    assert str(m1["LOCATION"]) == 'Room 1; Floor 2, "Annex"\nBack door'
    assert str(m1["ORGANIZER"]) == "mailto:kai@example.org"
    assert [str(a) for a in m1["ATTENDEE"]] == ["mailto:pat@example.org", "urn:partnerkit:person:jose",
                                               "mailto:kai@example.org"]
    assert [a.params["CN"] for a in m1["ATTENDEE"]] == ["O'Brien, \"Pat\"", "José Müller-Łukasz 日本", "Kai; Facilitator"]
    # The same plan gives the same file when DTSTAMP is fixed.
    assert tricky_plan.to_ical(dtstamp=0) == tricky_plan.to_ical(dtstamp=0)
    assert "DTSTAMP:19700101T000000Z" in tricky_plan.to_ical(dtstamp=0)


KHAL_CONFIG = """\
[calendars]
[[plan]]
path = {vdir}
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = UTC
default_timezone = UTC

[sqlite]
path = {db}
"""


@pytest.mark.skipif(shutil.which("khal") is None, reason="khal is not installed (scripts/setup installs it)")
def test_khal_imports_what_we_write(tricky_plan: meetings.Plan, tmp_path: Path) -> None:
    vdir = tmp_path / "vdir"
    vdir.mkdir()
    conf = tmp_path / "khal.conf"
    conf.write_text(KHAL_CONFIG.format(vdir=vdir, db=tmp_path / "khal.db"), encoding="utf-8")
    ics = tmp_path / "plan.ics"
    tricky_plan.to_ics(ics)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
           "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    run = subprocess.run(["khal", "-c", str(conf), "import", "--batch", str(ics)], capture_output=True, text=True,
                         env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    listed = subprocess.run(
        ["khal", "-c", str(conf), "list", "--format", "{uid}|{start}|{end}", "--day-format", "",
         "2027-01-01", "2027-12-31"], capture_output=True, text=True, env=env, timeout=120)
    assert listed.returncode == 0, listed.stderr
    seen = {}
    for line in listed.stdout.splitlines():
        if "|" not in line:
            continue
        uid, start, end = line.split("|")
        seen[uid.split(".")[0]] = (start, end)
    expected = {mid: (s.strftime("%Y-%m-%d %H:%M"), (s + dt.timedelta(minutes=n)).strftime("%Y-%m-%d %H:%M"))
                for mid, (s, n) in INTENDED.items()}
    assert seen == expected
    # khal's own copies in the vdir keep the text byte for byte.
    stored = {}
    for f in vdir.glob("*.ics"):
        stored.update(events_of(f.read_bytes()))
    assert set(stored) == set(INTENDED)
    assert str(stored["m1"]["DESCRIPTION"]) == TRICKY_DESCRIPTION
    assert str(stored["m1"]["LOCATION"]) == 'Room 1; Floor 2, "Annex"\nBack door'
    for ev in stored.values():
        assert "DTSTAMP" in ev


def test_cli_plan(cli: Path, state_cac_voca_path: Path, tmp_path: Path) -> None:
    run = subprocess.run([cli, "plan", state_cac_voca_path], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "2027-05-11 9:00am-3:00pm America/Denver  First in-person workgroup meeting" in run.stdout
    assert "[outside_working_hours]" in run.stdout

    run = subprocess.run([cli, "plan", state_cac_voca_path, "--format", "json"], capture_output=True, text=True)
    data = json.loads(run.stdout)
    assert data["file"] == str(state_cac_voca_path)
    assert {k: v for k, v in data.items() if k != "file"} == pk.load(state_cac_voca_path).plan().to_dict()

    out = tmp_path / "plan.ics"
    run = subprocess.run([cli, "plan", TRICKY, "--format", "ics", "-o", out], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout == ""
    assert events_of(out.read_bytes())["m3"].decoded("DTSTART").astimezone(UTC) == INTENDED["m3"][0]
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]  # no temporary file left

    for fmt, marker, script in [("md", "| Date | Time | Meeting |", "\\<script\\>"),
                                ("html", "<!DOCTYPE html>", "&lt;script&gt;")]:
        run = subprocess.run([cli, "plan", TRICKY, "--format", fmt], capture_output=True, text=True)
        assert run.returncode == 0 and marker in run.stdout
        assert script in run.stdout
        assert "<script" not in run.stdout.replace("\\<script", "")

    run = subprocess.run([cli, "plan", state_cac_voca_path, "--start", "2027-04-05", "--third-in-person",
                          "--format", "json"], capture_output=True, text=True)
    assert [m["id"] for m in json.loads(run.stdout)["meetings"]][:6] == [
        "planning-call", "in-person-1", "connecting-call-1", "in-person-2", "connecting-call-2", "in-person-3"]


def test_cli_plan_bad_input(cli: Path, tmp_path: Path, state_cac_voca_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "partnerkit/1", "name": "x", "agendas": [{"id": "a", "title": "A", "items": []}]}')
    run = subprocess.run([cli, "plan", bad], capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stdout == f"{bad}: /agendas/0/items: expected a non-empty array, got an array\n"
    run = subprocess.run([cli, "plan", state_cac_voca_path, "--start", "2027-02-30"], capture_output=True, text=True)
    assert run.returncode == 2
    assert "--start: expected a day that exists" in run.stderr
    run = subprocess.run([cli, "plan", state_cac_voca_path, "--format", "pdf"], capture_output=True, text=True)
    assert run.returncode == 2
    out = tmp_path / "missing-dir" / "plan.ics"
    run = subprocess.run([cli, "plan", state_cac_voca_path, "--format", "ics", "-o", out], capture_output=True,
                         text=True)
    assert run.returncode == 2 and "cannot save" in run.stderr
