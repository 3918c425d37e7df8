"""Property test: any valid document survives from_dict -> dumps -> loads unchanged.

The generated documents have unknown keys at the top level and in every kind of record,
non-ASCII and right-to-left text, markup, NUL and control characters. Dates, times and durations
are written in the canonical form partnerkit writes, so the document that comes back (to_dict)
can be compared with the one generated, less the fields at their default (see `expected`).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import partnerkit as pk

# Deterministic and quick: the same 100 documents on every run.
ROUNDTRIP = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

KNOWN = {
    "top": {"format", "name", "description", "process", "start", "timezone", "organizations", "people",
            "relationships", "meetings", "events", "availability", "worksheets", "ideas", "agendas"},
    "organization": {"id", "name", "category", "core"},
    "person": {"id", "name", "organization", "role", "decision_maker", "facilitator", "timezone", "email"},
    "relationship": {"source", "target", "kind", "weight", "directed", "level", "trust", "value", "observed"},
    "trust": {"reliability", "mission", "openness"},
    "value": {"power", "resources", "involvement"},
    "meeting": {"id", "kind", "title", "start", "duration", "timezone", "location", "agenda", "status",
                "participants"},
    "event": {"activity", "date", "meeting", "note"},
    "interval": {"start", "end"},
    "availability": {"person", "busy", "calendar"},
    "worksheet": {"organization", "session", "proud_of", "help_with", "frustrated_by", "love_to", "values"},
    "votes": {"exciting", "better", "doable", "dots"},
    "idea": {"id", "text", "session", "votes"},
}
QUADRANTS = ["proud_of", "help_with", "frustrated_by", "love_to", "values"]
TIMEZONES = ["America/Denver", "America/Phoenix", "Asia/Jerusalem", "Asia/Kolkata", "Europe/Berlin",
             "Pacific/Auckland", "UTC"]
SPECIAL = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "שיתוף פעולה בין סוכנויות",  # Hebrew, right to left
    "مركز مناصرة الأطفال",  # Arabic, right to left
    "\u202eevil\u202c text",  # right-to-left override
    "Straße ﬁ Ｓtrasse",
    "儿童权益中心",
    "👩‍👩‍👧 family",
    "tab\there, line\nbreak, bell\x07",
    "a/b~c~1",  # JSON pointer characters
    "",
]

# Text never holds NUL: documents reject it (test_io.py::test_nul_in_text_is_rejected).
texts = st.one_of(st.sampled_from(SPECIAL), st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12))
nonempty = texts.filter(lambda s: s != "")
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
datetimes = st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9998, 12, 31)).map(
    lambda t: t.replace(microsecond=0)
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(texts, children, max_size=3),
    max_leaves=6,
)


def extras(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(texts.filter(lambda k: k not in KNOWN[kind]), json_values, max_size=2)


def iso_date(d: dt.date) -> str:
    return d.isoformat()


def iso_datetime(t: dt.datetime) -> str:
    return t.isoformat(timespec="seconds" if t.second else "minutes")


def iso_duration(minutes: int) -> str:
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    out = "P" + (f"{days}D" if days else "")
    if hours or mins or not days:
        out += "T"
    if hours:
        out += f"{hours}H"
    if mins or (not days and not hours):
        out += f"{mins}M"
    return out


def maybe(draw: st.DrawFn, record: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    """Sets record[key] from strategy, or leaves the key out."""
    if draw(st.booleans()):
        record[key] = draw(strategy)


@st.composite
def scores(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in sorted(KNOWN[kind]):
        maybe(draw, out, item, st.integers(1, 4))
    out.update(draw(extras(kind)))
    return out


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(st.lists(nonempty, min_size=1, max_size=7, unique=True))
    split = draw(st.integers(1, len(ids)))
    org_ids, person_ids = ids[:split], ids[split:]
    meeting_ids = draw(st.lists(nonempty, max_size=3, unique=True))
    idea_ids = draw(st.lists(nonempty, max_size=3, unique=True))
    endpoints = org_ids + person_ids

    doc: dict[str, Any] = {"format": "partnerkit/1", "name": draw(nonempty)}
    maybe(draw, doc, "description", texts)
    maybe(draw, doc, "process", st.sampled_from(pk.builtin_process_templates()))
    maybe(draw, doc, "start", dates.map(iso_date))
    maybe(draw, doc, "timezone", st.sampled_from(TIMEZONES))

    organizations = []
    for oid in org_ids:
        org = {"id": oid, "name": draw(nonempty)}
        maybe(draw, org, "category", nonempty)
        maybe(draw, org, "core", st.booleans())
        organizations.append({**org, **draw(extras("organization"))})
    doc["organizations"] = organizations

    people = []
    for pid in person_ids:
        person = {"id": pid, "name": draw(nonempty), "organization": draw(st.sampled_from(org_ids))}
        maybe(draw, person, "role", texts)
        maybe(draw, person, "decision_maker", st.booleans())
        maybe(draw, person, "facilitator", st.booleans())
        maybe(draw, person, "timezone", st.sampled_from(TIMEZONES))
        maybe(draw, person, "email", texts)
        people.append({**person, **draw(extras("person"))})
    doc["people"] = people

    relationships = []
    if len(endpoints) >= 2:
        for _ in range(draw(st.integers(0, 3))):
            source, target = draw(st.lists(st.sampled_from(endpoints), min_size=2, max_size=2, unique=True))
            tie: dict[str, Any] = {"source": source, "target": target}
            maybe(draw, tie, "kind", nonempty)
            maybe(draw, tie, "weight", st.floats(min_value=0, max_value=1e9, exclude_min=True) | st.just(1.0))
            maybe(draw, tie, "directed", st.booleans())
            maybe(draw, tie, "level", st.integers(0, 5))
            maybe(draw, tie, "trust", scores("trust"))
            maybe(draw, tie, "value", scores("value"))
            maybe(draw, tie, "observed", dates.map(iso_date))
            relationships.append({**tie, **draw(extras("relationship"))})
    doc["relationships"] = relationships

    meetings = []
    for mid in meeting_ids:
        meeting: dict[str, Any] = {"id": mid, "kind": draw(nonempty)}
        maybe(draw, meeting, "title", texts)
        maybe(draw, meeting, "start", datetimes.map(iso_datetime))
        maybe(draw, meeting, "duration", st.integers(1, 400 * 24 * 60).map(iso_duration))
        maybe(draw, meeting, "timezone", st.sampled_from(TIMEZONES))
        maybe(draw, meeting, "location", texts)
        maybe(draw, meeting, "agenda", nonempty)
        maybe(draw, meeting, "status", st.sampled_from(["planned", "held", "cancelled"]))
        if person_ids:
            maybe(draw, meeting, "participants", st.lists(st.sampled_from(person_ids), max_size=3))
        meetings.append({**meeting, **draw(extras("meeting"))})
    doc["meetings"] = meetings

    events = []
    for _ in range(draw(st.integers(0, 2))):
        event: dict[str, Any] = {"activity": draw(nonempty), "date": iso_date(draw(dates))}
        if meeting_ids:
            maybe(draw, event, "meeting", st.sampled_from(meeting_ids))
        maybe(draw, event, "note", texts)
        events.append({**event, **draw(extras("event"))})
    doc["events"] = events

    availability = []
    for pid in draw(st.lists(st.sampled_from(person_ids), max_size=2)) if person_ids else []:
        entry: dict[str, Any] = {"person": pid}
        busy = []
        for _ in range(draw(st.integers(0, 2))):
            start = draw(datetimes)
            end = start + dt.timedelta(seconds=draw(st.integers(1, 10 * 24 * 3600)))
            busy.append({"start": iso_datetime(start), "end": iso_datetime(end), **draw(extras("interval"))})
        maybe(draw, entry, "busy", st.just(busy))
        maybe(draw, entry, "calendar", nonempty)
        availability.append({**entry, **draw(extras("availability"))})
    doc["availability"] = availability

    worksheets = []
    sessions: list[str | None] = [None, *meeting_ids]
    pairs = draw(st.lists(st.tuples(st.sampled_from(org_ids), st.sampled_from(sessions)), max_size=3, unique=True))
    for oid, session in pairs:
        sheet: dict[str, Any] = {"organization": oid}
        if session is not None:
            sheet["session"] = session
        for quadrant in QUADRANTS:
            maybe(draw, sheet, quadrant, st.lists(texts, max_size=3))
        worksheets.append({**sheet, **draw(extras("worksheet"))})
    doc["worksheets"] = worksheets

    ideas = []
    for iid in idea_ids:
        idea: dict[str, Any] = {"id": iid, "text": draw(nonempty)}
        if meeting_ids:
            maybe(draw, idea, "session", st.sampled_from(meeting_ids))
        if draw(st.booleans()):
            votes: dict[str, Any] = {}
            for item in sorted(KNOWN["votes"]):
                maybe(draw, votes, item, st.integers(0, 2**31 - 1))
            idea["votes"] = {**votes, **draw(extras("votes"))}
        ideas.append({**idea, **draw(extras("idea"))})
    doc["ideas"] = ideas

    doc.update(draw(extras("top")))
    return doc


def expected(doc: dict[str, Any]) -> dict[str, Any]:
    """The document partnerkit writes back: the same, less the fields at their default."""

    def drop(record: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
        def is_default(key: str, value: Any) -> bool:
            return key in defaults and (type(value), value) == (type(defaults[key]), defaults[key])

        return {k: v for k, v in record.items() if not is_default(k, v)}

    scalars = {"format", "name", "description", "process", "start", "timezone"}
    out = drop(doc, {name: [] for name in KNOWN["top"] - scalars})
    lists = {
        "organizations": lambda r: drop(r, {"core": False}),
        "people": lambda r: drop(r, {"decision_maker": False, "facilitator": False}),
        "relationships": lambda r: drop(r, {"weight": 1.0, "directed": False}),
        "meetings": lambda r: drop(r, {"status": "planned", "participants": []}),
        "availability": lambda r: drop(r, {"busy": []}),
        "worksheets": lambda r: drop(r, {q: [] for q in QUADRANTS}),
        "ideas": lambda r: drop(
            {**r, "votes": drop(r["votes"], {k: 0 for k in KNOWN["votes"]})} if "votes" in r else r, {"votes": {}}
        ),
    }
    for name, clean in lists.items():
        if name in out:
            out[name] = [clean(r) for r in out[name]]
    return out


@ROUNDTRIP
@given(documents())
def test_roundtrip(doc: dict[str, Any]) -> None:
    p = pk.from_dict(doc)
    text = p.dumps()
    q = pk.loads(text)
    assert q == p
    assert q.to_dict() == p.to_dict() == json.loads(text)
    assert p.to_dict() == expected(doc)
    assert pk.loads(p.dumps(indent=-1)) == p
    assert pk.from_dict(p.to_dict()) == p
    assert pk.from_dict(json.loads(json.dumps(doc))) == p  # from JSON text as Python reads it, the same


@ROUNDTRIP
@given(documents())
def test_model_matches_document(doc: dict[str, Any]) -> None:
    p = pk.from_dict(doc)
    assert p.name == doc["name"]
    assert p.extra == {k: v for k, v in doc.items() if k not in KNOWN["top"]}
    assert [o.id for o in p.organizations] == [o["id"] for o in doc["organizations"]]
    for org, record in zip(p.organizations, doc["organizations"]):
        assert org.extra == {k: v for k, v in record.items() if k not in KNOWN["organization"]}
        assert org.core is record.get("core", False)
    for meeting, record in zip(p.meetings, doc["meetings"]):
        if "start" in record:
            assert meeting.start == dt.datetime.fromisoformat(record["start"])
        assert meeting.status == pk.MeetingStatus[record.get("status", "planned")]
    for event, record in zip(p.events, doc["events"]):
        assert event.date == dt.date.fromisoformat(record["date"])
