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


# ---- placing a whole timeline ----

WEEKLY_MONDAY_MORNING_FROM_MARCH = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:weekly@test\r\n"
    "DTSTART;TZID=America/Denver:20270301T090000\r\nDTEND;TZID=America/Denver:20270301T110000\r\n"
    "RRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
AWAY_IN_APRIL = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:away@test\r\n"
    "DTSTART;VALUE=DATE:20270401\r\nDTEND;VALUE=DATE:20270501\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def timeline_document(folder: Path) -> Path:
    """Denver, New York and Phoenix; ed's weekly Monday block (a calendar of the document) runs
    across the 14 March 2027 clock change."""
    (folder / "ed.ics").write_text(WEEKLY_MONDAY_MORNING_FROM_MARCH, newline="")
    doc = small_document()
    doc["people"] = [
        {"id": "ed", "name": "Ed", "organization": "chapter", "timezone": "America/Denver", "decision_maker": True,
         "working_hours": {"start": "09:00", "end": "17:00"}},
        {"id": "ny", "name": "Ny", "organization": "voca", "timezone": "America/New_York",
         "working_hours": {"start": "07:00", "end": "17:00"}},
        {"id": "az", "name": "Az", "organization": "voca", "timezone": "America/Phoenix",
         "working_hours": {"start": "08:00", "end": "18:00"}},
    ]
    doc["availability"] = [{"person": "ed", "calendar": "ed.ics"}]
    path = folder / "doc.json"
    path.write_text(json.dumps(doc))
    return path


def test_place_a_generated_plan_across_the_clock_change(tmp_path: Path) -> None:
    p = pk.load(timeline_document(tmp_path))
    planned = p.plan(start=dt.date(2027, 3, 1), sustaining_months=0, annual_retreat=False)
    t = p.place(planned, base_dir=tmp_path)
    assert isinstance(t, pk.schedule.PlacedTimeline) and len(t) == 4
    assert [x.meeting for x in t.placements] == ["planning-call", "in-person-1", "connecting-call-1", "in-person-2"]
    # 17:00Z = 11:00 MDT: ed's block is 09:00-11:00 daylight time (an hour off, 15:00Z would be free).
    assert [x.slot.start for x in t.placements] == [
        dt.datetime(2027, 3, 15, 17, 0, tzinfo=UTC),
        dt.datetime(2027, 4, 20, 15, 0, tzinfo=UTC),
        dt.datetime(2027, 5, 11, 15, 0, tzinfo=UTC),
        dt.datetime(2027, 6, 1, 15, 0, tzinfo=UTC),
    ]
    assert t.placements[1].window_start == dt.datetime(2027, 4, 19, 17, 0, tzinfo=UTC)  # 35 days after
    assert all(x.reasons == [] and x.slot.missing == [] for x in t.placements)
    # The placed plan: moved meetings, checked again; exports as usual.
    assert t.plan.meetings[0].start == dt.datetime(2027, 3, 15, 11, 0)
    assert [i.code for i in t.plan.issues] == ["short_span"]
    assert "DTSTART;TZID=America/Denver:20270315T110000" in t.plan.to_ical(dtstamp=0)
    frame = t.to_pandas()
    assert list(frame.columns) == pk.schedule.PLACEMENT_COLUMNS
    assert frame["placed"].tolist() == [True] * 4
    assert frame.loc[0, "local_start"] == "2027-03-15T11:00"
    assert frame.loc[0, "start"] == pd.Timestamp("2027-03-15T17:00Z")
    d = t.to_dict()
    assert d["placements"][0]["start"] == "2027-03-15T17:00:00Z" and d["plan"]["meetings"][0]["start"] == "2027-03-15T11:00"
    assert "4 of 4 meetings placed" in t._repr_html_()


def test_place_explains_what_cannot_be_placed(tmp_path: Path) -> None:
    (tmp_path / "vo.ics").write_text(AWAY_IN_APRIL, newline="")
    doc = small_document()
    doc["people"] = [
        {"id": "ed", "name": "Ed", "organization": "chapter", "timezone": "America/Denver", "decision_maker": True},
        {"id": "kk", "name": "K. <Kealoha>", "organization": "voca", "timezone": "Pacific/Honolulu"},
        {"id": "vo", "name": "V. Ortiz", "organization": "voca", "timezone": "America/Denver"},
    ]
    p = pk.from_dict(doc)
    planned = pk.meetings.plan(p, start=dt.date(2027, 3, 1), sustaining_months=0, annual_retreat=False)
    t = p.place(planned, calendars={"vo": tmp_path / "vo.ics"})
    first = t.placements[1]
    assert first.slot is None
    assert first.window_start == t.placements[0].slot.start + dt.timedelta(days=35)
    assert first.reasons == [
        "V. Ortiz (vo) is never free for PT6H in the window (working hours in America/Denver, busy times, calendars)"
    ]
    assert t.placements[3].reasons == [
        "the required participants are each free at some time but never together for PT6H in the window"
    ]
    unplaced = [i.message for i in t.plan.issues if i.code == "unplaced"]
    assert unplaced[0].startswith("in-person-1 could not be placed between 2027-04-19T13:00 and 2027-04-26T19:00 America/Denver: V. Ortiz (vo)")
    frame = t.to_pandas()
    assert frame["placed"].tolist() == [True, False, True, False]
    assert pd.isna(frame.loc[1, "start"]) and frame.loc[1, "window_start"] == pd.Timestamp(first.window_start)
    html = t._repr_html_()
    assert "2 of 4 meetings placed" in html and "not placed between 2027-04-19T13:00" in html
    # Default plan: p.plan() (a generated timeline here, the document having no meetings).
    assert len(p.place()) == len(p.plan().meetings)


def test_place_bad_input(tmp_path: Path) -> None:
    p = pk.load(timeline_document(tmp_path))
    with pytest.raises(pk.Error, match='calendar for an unknown person "zz"'):
        p.place(calendars={"zz": tmp_path / "ed.ics"}, base_dir=tmp_path)
    (tmp_path / "bad.ics").write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n", newline="")
    with pytest.raises(pk.ValidationError) as e:
        p.place(calendars={"ny": tmp_path / "bad.ics"}, base_dir=tmp_path)
    assert str(e.value.errors[0]).endswith("bad.ics: line 3: END:VCALENDAR does not close BEGIN:VEVENT at line 2")
    with pytest.raises(pk.IoError):
        p.place()  # the document's relative calendar without its folder
    with pytest.raises(TypeError):
        p.place("not a plan")


def test_cli_plan_place(cli: Path, tmp_path: Path) -> None:
    doc = timeline_document(tmp_path)
    base = [cli, "plan", doc, "--start", "2027-03-01", "--sustaining-months", "0", "--place"]
    text = subprocess.run(base, capture_output=True, text=True, check=True).stdout
    assert "placed 5 of 5 meetings" in text  # the annual retreat too
    assert "planning-call: 2027-03-15T11:00 America/Denver (2027-03-15T17:00:00Z; planned 2027-03-15T10:00)" in text
    out = json.loads(subprocess.run([*base, "--format", "json"], capture_output=True, text=True, check=True).stdout)
    assert out["file"] == str(doc)
    assert out["meetings"][0]["start"] == "2027-03-15T11:00"
    assert out["placements"][0]["start"] == "2027-03-15T17:00:00Z" and out["warnings"] == []
    ics = subprocess.run([*base, "--format", "ics"], capture_output=True, text=True, check=True).stdout
    assert "DTSTART;TZID=America/Denver:20270315T110000" in ics
    # A person away all April: the in-person sessions cannot be placed; text says who and where.
    (tmp_path / "vo.ics").write_text(AWAY_IN_APRIL, newline="")
    r = subprocess.run([*base, "--calendar", f"az={tmp_path / 'vo.ics'}"], capture_output=True, text=True, check=True)
    assert "in-person-1: not placed between 2027-04-19T11:00 and 2027-04-26T17:00 America/Denver (keeps 2027-04-26T09:00)" in r.stdout
    assert "Az (az) is never free for PT6H in the window (working hours in America/Phoenix" in r.stdout
    r = subprocess.run([*base, "--calendar", f"az={tmp_path / 'vo.ics'}", "--format", "md"], capture_output=True, text=True)
    assert r.returncode == 0 and "partnerkit plan: note: in-person-1 could not be placed" in r.stderr
    # Bad input: exit 2 with a clear message.
    (tmp_path / "bad.ics").write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n", newline="")
    r = subprocess.run([*base, "--calendar", f"ny={tmp_path / 'bad.ics'}"], capture_output=True, text=True)
    assert r.returncode == 2 and r.stdout.strip().endswith("bad.ics: line 3: END:VCALENDAR does not close BEGIN:VEVENT at line 2")
    r = subprocess.run([*base, "--calendar", "nonsense"], capture_output=True, text=True)
    assert r.returncode == 2 and "--calendar: expected PERSON=FILE.ics" in r.stderr
    r = subprocess.run([*base, "--calendar", f"zz={tmp_path / 'bad.ics'}"], capture_output=True, text=True)
    assert r.returncode == 2 and 'calendar for an unknown person "zz"' in r.stderr
    r = subprocess.run([cli, "plan", doc, "--calendar", f"ny={tmp_path / 'bad.ics'}"], capture_output=True, text=True)
    assert r.returncode == 2 and "--place" in r.stderr
    help_text = subprocess.run([cli, "plan", "--help"], capture_output=True, text=True, check=True).stdout
    assert "--place" in help_text and "--calendar ed=ed.ics" in help_text
