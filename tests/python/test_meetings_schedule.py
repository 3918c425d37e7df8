"""Scheduling from Python and the CLI: slots for a meeting of the document, calendars given per
person or named in the document, reasons when nothing fits, bad calendars, working hours."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import partnerkit as pk

from conftest import small_document

UTC = dt.timezone.utc
ICS_DIR = Path(__file__).resolve().parents[1] / "data" / "ics"


def document(calendar: str | None = None) -> dict:
    doc = small_document()
    doc["people"] = [
        {"id": "ed", "name": "A. Rivera", "organization": "chapter", "timezone": "America/Denver"},
        {
            "id": "ny", "name": "B. Chen", "organization": "voca", "timezone": "America/New_York",
            "working_hours": {"start": "08:00", "end": "16:00"},
        },
        {"id": "hi", "name": "C. Kai <Honolulu>", "organization": "voca", "timezone": "Pacific/Honolulu"},
    ]
    doc["meetings"] = [
        {"id": "m1", "kind": "planning-call", "start": "2027-04-12T10:00", "duration": "PT1H", "participants": ["ed", "ny"]}
    ]
    availability = {"person": "ed", "busy": [{"start": "2027-04-12T09:00", "end": "2027-04-12T12:00"}]}
    if calendar:
        availability["calendar"] = calendar
    doc["availability"] = [availability]
    return doc


WEEKLY_MONDAY_AFTERNOON = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:a@test\r\n"
    "DTSTART;TZID=America/Denver:20270405T120000\r\nDTEND;TZID=America/Denver:20270405T170000\r\n"
    "RRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_schedule_a_meeting_of_the_document() -> None:
    p = pk.from_dict(document())
    s = p.schedule("m1", top=3)
    assert isinstance(s, pk.Schedule) and len(s) == 3
    assert [slot.start for slot in s.slots] == [
        dt.datetime(2027, 4, 12, 18, 0, tzinfo=UTC),
        dt.datetime(2027, 4, 12, 19, 0, tzinfo=UTC),
        dt.datetime(2027, 4, 13, 15, 0, tzinfo=UTC),
    ]
    assert s.slots[0].end - s.slots[0].start == dt.timedelta(hours=1)
    assert s.slots[0].attending == ["ed", "ny"] and s.slots[0].missing == []
    assert s.reasons == [] and s.timezone == "America/Denver"
    d = s.to_dict()
    assert d["slots"][0]["local_start"] == "2027-04-12T12:00"
    assert d["slots"][0]["participant_local_start"] == {"ed": "2027-04-12T12:00", "ny": "2027-04-12T14:00"}
    frame = s.to_pandas()
    assert list(frame["local_start"]) == ["2027-04-12T12:00", "2027-04-12T13:00", "2027-04-13T09:00"]
    assert frame["start"].iloc[0] == pd.Timestamp("2027-04-12T18:00Z")
    html = s._repr_html_()
    assert "2027-04-12T12:00" in html and "<table>" in html


def test_optional_people_min_share_and_reasons() -> None:
    p = pk.from_dict(document())
    s = p.schedule("m1", optional=["hi"], top=2, start=dt.date(2027, 4, 13), end=dt.date(2027, 4, 13))
    # hi works 09-17 Honolulu (19-03 UTC), ny until 20 UTC: all three only 19:00-20:00 UTC.
    assert s.slots[0].start == dt.datetime(2027, 4, 13, 19, 0, tzinfo=UTC)
    assert s.slots[0].share == 1.0
    assert s.slots[1].missing == ["hi"]
    # Five hours with hi required: never together.
    none = p.schedule("m1", required=["ed", "hi"], duration=dt.timedelta(hours=5))
    assert none.slots == []
    assert none.reasons == [
        "the required participants are each free at some time but never together for PT5H in the window"
    ]
    allowed = p.schedule("m1", required=["ed", "hi"], duration=dt.timedelta(hours=5), require_all=False, top=1)
    assert len(allowed.slots[0].missing) == 1
    weekend = p.schedule("m1", start=dt.datetime(2027, 4, 17, 0, 0), end=dt.date(2027, 4, 18))
    assert weekend.slots == [] and len(weekend.reasons) == 2
    assert weekend.reasons[0].startswith("A. Rivera (ed) is never free for PT1H")
    # An ad hoc meeting: no id, people given.
    adhoc = p.schedule(required=["ny"], duration=dt.timedelta(minutes=30), start=dt.date(2027, 4, 12), top=1)
    assert adhoc.meeting == "" and adhoc.slots[0].start == dt.datetime(2027, 4, 12, 12, 0, tzinfo=UTC)
    meeting = pk.Meeting(id="x", kind="connecting-call", participants=["ed"], duration=dt.timedelta(minutes=45))
    assert p.schedule(meeting, start=dt.date(2027, 4, 13), top=1).slots[0].start == dt.datetime(2027, 4, 13, 15, 0, tzinfo=UTC)


def test_calendars_from_the_document_and_given(tmp_path: Path) -> None:
    (tmp_path / "calendars").mkdir()
    (tmp_path / "calendars" / "ed.ics").write_text(WEEKLY_MONDAY_AFTERNOON, newline="")
    (tmp_path / "doc.json").write_text(json.dumps(document("calendars/ed.ics")))
    p = pk.load(tmp_path / "doc.json")
    s = p.schedule("m1", top=1, base_dir=tmp_path)
    assert s.slots[0].start == dt.datetime(2027, 4, 13, 15, 0, tzinfo=UTC)
    with pytest.raises(pk.IoError):
        p.schedule("m1", base_dir=tmp_path / "elsewhere")
    ny = tmp_path / "ny.ics"
    ny.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:b\r\n"
        "DTSTART:20270413T120000Z\r\nDTEND:20270413T170000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        newline="",
    )
    s = p.schedule("m1", top=1, base_dir=tmp_path, calendars={"ny": ny})
    assert s.slots[0].start == dt.datetime(2027, 4, 13, 17, 0, tzinfo=UTC)
    with pytest.raises(pk.Error, match='calendar for an unknown person "zz"'):
        p.schedule("m1", base_dir=tmp_path, calendars={"zz": ny})


def test_bad_calendar_names_file_and_line(tmp_path: Path) -> None:
    p = pk.from_dict(document())
    bad = ICS_DIR / "rie-end_before_start_event.ics"
    with pytest.raises(pk.ValidationError) as e:
        p.schedule("m1", calendars={"ed": bad})
    assert str(e.value) == f"{bad}: line 32: DTEND is before DTSTART"
    assert e.value.path == "line 32"
    with pytest.raises(pk.Error, match='unknown meeting "m9"'):
        p.schedule("m9")
    with pytest.raises(TypeError):
        p.schedule(3)  # type: ignore[arg-type]


def test_read_calendar() -> None:
    # The end day is included: 31 March 00:30 in Berlin is 30 March 22:30 UTC (summer time).
    busy = pk.read_calendar(ICS_DIR / "rie-each_week_but_two_deleted.ics", dt.date(2019, 3, 1), dt.date(2019, 3, 30))
    assert busy == [
        (dt.datetime(2019, 3, 3, 23, 30, tzinfo=UTC), dt.datetime(2019, 3, 4, 0, 0, tzinfo=UTC)),
        (dt.datetime(2019, 3, 17, 23, 30, tzinfo=UTC), dt.datetime(2019, 3, 18, 0, 0, tzinfo=UTC)),
    ]


def test_working_hours_in_python() -> None:
    p = pk.from_dict(document())
    ny = p.find_person("ny")
    assert ny.working_hours == pk.WorkingHours(start=dt.timedelta(hours=8), end=dt.timedelta(hours=16))
    assert ny.working_hours.days == ["mon", "tue", "wed", "thu", "fri"]
    assert p.find_person("ed").working_hours is None
    ed = p.people[0]
    ed.working_hours = pk.WorkingHours(days=["sat", "sun"])
    p.people = [ed, *p.people[1:]]
    assert p.to_dict()["people"][0]["working_hours"] == {"start": "09:00", "end": "17:00", "days": ["sat", "sun"]}
    with pytest.raises(ValueError, match="expected a weekday"):
        pk.WorkingHours(days=["monday"])
    doc = document()
    doc["people"][0]["working_hours"] = {"start": "18:00"}
    with pytest.raises(pk.ValidationError) as e:
        pk.from_dict(doc)
    assert e.value.path == "/people/0/working_hours/start"


def test_cli_schedule(cli: Path, tmp_path: Path) -> None:
    (tmp_path / "calendars").mkdir()
    (tmp_path / "calendars" / "ed.ics").write_text(WEEKLY_MONDAY_AFTERNOON, newline="")
    doc = tmp_path / "doc.json"
    doc.write_text(json.dumps(document("calendars/ed.ics")))
    out = subprocess.run([cli, "schedule", doc, "--meeting", "m1", "--top", "2", "--format", "json"],
                         capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert [s["start"] for s in data["slots"]] == ["2027-04-13T15:00:00Z", "2027-04-13T16:00:00Z"]
    assert data["slots"][0]["participant_local_start"]["ny"] == "2027-04-13T11:00"
    text = subprocess.run([cli, "schedule", doc, "--meeting", "m1", "--top", "2", "--optional", "hi"],
                          capture_output=True, text=True, check=True).stdout
    assert "1. 2027-04-13T13:00-14:00 America/Denver (2027-04-13T19:00:00Z): 3 of 3 attending, 2 of 2 required" in text
    assert "local times: ny 15:00 America/New_York, hi 09:00 Pacific/Honolulu" in text
    assert "missing" not in text
    morning = subprocess.run([cli, "schedule", doc, "--meeting", "m1", "--optional", "hi", "--from", "2027-04-13T08:00",
                              "--to", "2027-04-13T12:00"], capture_output=True, text=True, check=True).stdout
    assert "1. 2027-04-13T09:00-10:00 America/Denver (2027-04-13T15:00:00Z): 2 of 3 attending, 2 of 2 required" in morning
    assert "missing: C. Kai <Honolulu> (hi)" in morning
    assert "C. Kai <Honolulu> (hi), optional, is never free for PT1H in the window" in morning
    never = subprocess.run([cli, "schedule", doc, "--meeting", "m1", "--required", "ed", "--required", "hi",
                            "--duration", "PT5H"], capture_output=True, text=True, check=True).stdout
    assert "no slot fits" in never and "never together for PT5H" in never
    # A broken calendar on the command line: exit 2, one line naming the file and the line.
    bad = ICS_DIR / "ical-small_bad_calendar.ics"
    r = subprocess.run([cli, "schedule", doc, "--meeting", "m1", "--calendar", f"ny={bad}"], capture_output=True, text=True)
    assert r.returncode == 2
    assert r.stdout == f"{bad}: line 1: BEGIN:VCALENDAR is never closed (END:VCALENDAR missing)\n"
    r = subprocess.run([cli, "schedule", doc, "--meeting", "m1", "--calendar", "nonsense"], capture_output=True, text=True)
    assert r.returncode == 2 and "expected PERSON=FILE.ics" in r.stderr
    r = subprocess.run([cli, "schedule", doc, "--meeting", "nope"], capture_output=True, text=True)
    assert r.returncode == 2 and 'unknown meeting "nope"' in r.stderr
    r = subprocess.run([cli, "schedule", doc, "--meeting", "m1", "-o", tmp_path / "out.json", "--format", "json"],
                       capture_output=True, text=True, check=True)
    assert json.loads((tmp_path / "out.json").read_text())["meeting"] == "m1"
