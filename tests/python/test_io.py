"""Loading, the model classes, saving, and the errors, through the Python API."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import partnerkit as pk
from conftest import small_document

# ---- loading the examples ----


def test_load_examples(example_path: Path) -> None:
    p = pk.load(example_path)
    assert isinstance(p, pk.Partnership)
    assert p.format == "partnerkit/1"
    assert p == pk.load(str(example_path))  # str and os.PathLike both work
    assert p == pk.loads(example_path.read_text(encoding="utf-8"))


def test_repr_counts(state_cac_voca_path: Path, child_support_courts_path: Path) -> None:
    assert repr(pk.load(state_cac_voca_path)) == (
        "Partnership(name='Mountain State CAC Chapter and VOCA Administrator partnership', organizations=9, "
        "people=10, relationships=17, meetings=6, worksheets=7, ideas=11)"
    )
    assert repr(pk.load(child_support_courts_path)) == (
        "Partnership(name='Prairie State Child Support and Courts Collaboration', organizations=8, people=11, "
        "relationships=15, meetings=8, worksheets=5, ideas=10)"
    )


def test_record_reprs(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    assert repr(p.find_organization("voca")) == (
        "Organization(id='voca', name='Mountain State Office for Victim Programs, VOCA Administration', "
        "category='voca-administrator', core=True)"
    )
    # Fields at their default are left out; unknown keys are shown.
    assert repr(p.find_organization("dcfs")) == (
        "Organization(id='dcfs', name='Mountain State Department of Children and Family Services', "
        "category='child-family-services')"
    )
    assert repr(p.find_organization("chapter")).endswith(
        "core=True, extra={'website': 'https://mountainstatecacs.example.org'})"
    )
    assert repr(pk.Event(activity="assess-need", date=dt.date(2027, 3, 1))) == (
        "Event(activity='assess-need', date=datetime.date(2027, 3, 1))"
    )
    assert repr(pk.Meeting(id="m1", kind="planning-call", status=pk.MeetingStatus.held)) == (
        "Meeting(id='m1', kind='planning-call', status=MeetingStatus.held)"
    )
    assert repr(pk.Idea(id="i1", text="x", votes=pk.Votes(doable=5))) == (
        "Idea(id='i1', text='x', votes=Votes(doable=5))"
    )
    assert repr(pk.Issue("a.json", "/name", "bad")) == "Issue(file='a.json', path='/name', message='bad')"


def test_attribute_types(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    assert type(p.start) is dt.date and p.start == dt.date(2027, 4, 5)
    assert p.timezone == "America/Denver"
    assert p.process == "building-partnership"
    assert isinstance(p.description, str)

    org = p.organizations[1]
    assert isinstance(org, pk.Organization)
    assert (org.id, org.core, org.extra) == ("voca", True, {})
    assert p.find_organization("dcfs").core is False

    person = p.find_person("arivera")
    assert isinstance(person, pk.Person)
    assert (person.organization, person.decision_maker, person.facilitator) == ("chapter", True, False)
    assert person.email == "arivera@example.org"

    meeting = p.find_meeting("planning")
    assert isinstance(meeting, pk.Meeting)
    assert type(meeting.start) is dt.datetime and meeting.start.tzinfo is None
    assert meeting.start == dt.datetime(2027, 4, 13, 10, 0)
    assert meeting.duration == dt.timedelta(hours=1)
    assert meeting.timezone is None  # the partnership's
    assert meeting.status is pk.MeetingStatus.held
    assert all(isinstance(x, str) for x in meeting.participants)

    tie = p.relationships[0]
    assert isinstance(tie, pk.Relationship)
    assert isinstance(tie.weight, float) and tie.weight == 3.0
    assert tie.directed is True and tie.level == 2
    assert tie.observed == dt.date(2027, 2, 15)
    assert all(t.trust is None or isinstance(t.trust, pk.TrustScores) for t in p.relationships)
    scored = [t for t in p.relationships if t.trust is not None]
    assert scored and all(isinstance(t.trust.reliability, (int, type(None))) for t in scored)

    assert all(type(e.date) is dt.date for e in p.events)
    busy = p.availability[0].busy
    assert busy and all(isinstance(i, pk.Interval) and type(i.start) is dt.datetime for i in busy)
    assert all(i.end > i.start for i in busy)

    sheet = p.worksheets[0]
    assert isinstance(sheet, pk.Worksheet) and sheet.proud_of and all(isinstance(s, str) for s in sheet.values)

    idea = p.ideas[0]
    assert isinstance(idea.votes, pk.Votes)
    assert (idea.votes.exciting, idea.votes.better, idea.votes.doable, idea.votes.dots) == (5, 6, 8, 4)


def test_find_missing(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    assert p.find_organization("nobody") is None
    assert p.find_person("voca") is None  # an organization, not a person
    assert p.find_meeting("") is None


def test_to_dict_and_dumps(example_path: Path) -> None:
    p = pk.load(example_path)
    d = p.to_dict()
    assert d == json.loads(p.dumps())
    assert list(d) == list(json.loads(p.dumps()))  # same key order
    assert pk.loads(p.dumps()) == p
    assert pk.from_dict(d) == p
    one_line = p.dumps(indent=-1)
    assert "\n" not in one_line and json.loads(one_line) == d
    assert p.dumps().endswith("}\n")
    assert p.dumps(indent=4).splitlines()[1].startswith('    "format"')


def test_unknown_keys_survive(state_cac_voca_path: Path) -> None:
    original = json.loads(state_cac_voca_path.read_text(encoding="utf-8"))
    p = pk.load(state_cac_voca_path)
    assert p.extra == {"x_notes": original["x_notes"]}
    assert p.find_organization("chapter").extra == {"website": "https://mountainstatecacs.example.org"}
    again = json.loads(pk.loads(p.dumps()).dumps())
    assert again["x_notes"] == original["x_notes"]
    assert again["organizations"][0]["website"] == "https://mountainstatecacs.example.org"


def test_build_and_change(small_doc: dict) -> None:
    p = pk.from_dict(small_doc)
    p.name = "Renamed"
    org = pk.Organization(id="dcfs", name="Children and Family Services", extra={"x_rank": [1, 2.5, None, True]})
    p.organizations = [*p.organizations, org]
    p.relationships = [
        pk.Relationship(
            source="chapter",
            target="dcfs",
            weight=2.5,
            trust=pk.TrustScores(reliability=3, mission=4),
            observed=dt.date(2027, 3, 1),
        )
    ]
    p.meetings = [
        pk.Meeting(
            id="m1",
            kind="planning-call",
            start=dt.datetime(2027, 4, 12, 10, 0, 30),
            duration=dt.timedelta(hours=1, minutes=30),
            participants=("ed",),
        )
    ]
    p.events = [pk.Event(activity="assess-need", date=dt.date(2027, 3, 1), meeting="m1")]
    p.availability = [
        pk.Availability(
            person="ed", busy=[pk.Interval(start=dt.datetime(2027, 4, 12, 9), end=dt.datetime(2027, 4, 12, 12))]
        )
    ]
    p.extra = {"x_owner": "ed"}
    d = json.loads(p.dumps())
    assert d["name"] == "Renamed"
    assert d["organizations"][2] == {
        "id": "dcfs",
        "name": "Children and Family Services",
        "x_rank": [1, 2.5, None, True],
    }
    assert d["relationships"] == [
        {
            "source": "chapter",
            "target": "dcfs",
            "weight": 2.5,
            "trust": {"reliability": 3, "mission": 4},
            "observed": "2027-03-01",
        }
    ]
    assert d["meetings"][0]["start"] == "2027-04-12T10:00:30"
    assert d["meetings"][0]["duration"] == "PT1H30M"
    assert d["availability"][0]["busy"] == [{"start": "2027-04-12T09:00", "end": "2027-04-12T12:00"}]
    assert d["x_owner"] == "ed"
    assert pk.loads(p.dumps()) == p


def test_lists_are_copies_and_votes_is_shared(small_doc: dict) -> None:
    p = pk.from_dict(small_doc)
    p.organizations.append(pk.Organization(id="x", name="X"))  # changes a copy only
    p.organizations[0].name = "changed"  # likewise
    assert [o.id for o in p.organizations] == ["chapter", "voca"]
    assert p.organizations[0].name == "CAC State Chapter"

    idea = pk.Idea(id="i1", text="Meet quarterly")
    idea.votes.exciting += 2
    votes = idea.votes
    votes.dots = 7
    assert idea.votes == pk.Votes(exciting=2, dots=7)


def test_equality_copy_pickle(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    q = pk.load(state_cac_voca_path)
    assert p == q and not (p != q)
    q.name = "other"
    assert p != q
    assert pk.Organization(id="a", name="A") == pk.Organization(id="a", name="A")
    assert pk.Organization(id="a", name="A") != pk.Organization(id="a", name="A", core=True)
    assert pk.Organization(id="a") != "a"
    with pytest.raises(TypeError):
        hash(pk.Organization())
    for value in (p, p.organizations[0], p.meetings[0], p.relationships[0], p.ideas[0], p.availability[0]):
        assert pickle.loads(pickle.dumps(value)) == value
        assert copy.copy(value) == value and copy.copy(value) is not value
        assert copy.deepcopy(value) == value


def test_conversion_errors() -> None:
    aware = dt.datetime(2027, 4, 12, 10, tzinfo=dt.timezone.utc)
    with pytest.raises(ValueError, match="expected a naive datetime"):
        pk.Meeting(start=aware)
    with pytest.raises(ValueError, match="whole seconds"):
        pk.Meeting(start=dt.datetime(2027, 4, 12, 10, 0, 0, 5))
    with pytest.raises(ValueError, match="whole minutes"):
        pk.Meeting(duration=dt.timedelta(seconds=90))
    with pytest.raises(ValueError, match="0 or more"):
        pk.Meeting(duration=dt.timedelta(minutes=-5))
    with pytest.raises(TypeError):
        pk.Event(activity="a", date=dt.datetime(2027, 3, 1))  # a datetime is not a day
    with pytest.raises(TypeError):
        pk.Event(activity="a")  # date is required: there is no default day
    with pytest.raises(TypeError):
        pk.Organization("a", "A")  # keyword arguments only
    with pytest.raises(TypeError):
        pk.Meeting(participants="ed")  # a str is not a list of ids
    with pytest.raises(TypeError, match="extra: expected a dict"):
        pk.Organization(extra=[1])
    with pytest.raises(TypeError, match="extra: expected string keys, got the key 1 of type int"):
        pk.Organization(extra={1: 2})
    with pytest.raises(ValueError, match=r"extra: /w/0: expected a finite number"):
        pk.Organization(extra={"w": [float("nan")]})
    org = pk.Organization()
    with pytest.raises(TypeError, match="type set"):
        org.extra = {"x": {1}}
    assert org.extra == {}


# ---- errors ----


def check_validation_error(exc: pk.ValidationError) -> None:
    """What every ValidationError carries."""
    assert isinstance(exc, pk.ValidationError) and isinstance(exc, pk.Error) and isinstance(exc, ValueError)
    assert exc.errors and all(isinstance(i, pk.Issue) for i in exc.errors)
    assert exc.path == exc.errors[0].path and exc.file == exc.errors[0].file
    assert str(exc) == "\n".join(str(i) for i in exc.errors)
    for issue in exc.errors:
        shown = issue.path or "/"
        assert str(issue) == f"{issue.file}: {shown}: {issue.message}"
    again = pickle.loads(pickle.dumps(exc))
    assert type(again) is pk.ValidationError and again.errors == exc.errors and str(again) == str(exc)


def loads_error(text: str, **kwargs: object) -> pk.ValidationError:
    with pytest.raises(pk.ValidationError) as info:
        pk.loads(text, **kwargs)
    check_validation_error(info.value)
    return info.value


def changed(**changes: object) -> str:
    doc = small_document()
    doc.update(changes)
    return json.dumps(doc)


def test_dangling_reference() -> None:
    doc = small_document()
    doc["people"][0]["organization"] = "vocaa"
    exc = loads_error(json.dumps(doc), source="roster.json")
    assert exc.file == "roster.json"
    assert exc.path == "/people/0/organization"
    assert str(exc) == (
        'roster.json: /people/0/organization: expected a known organization id, got "vocaa" (did you mean "voca"?)'
    )


def test_impossible_date() -> None:
    exc = loads_error(changed(start="2027-02-30"))
    assert exc.path == "/start"
    assert str(exc) == '<string>: /start: expected a day that exists, YYYY-MM-DD, got "2027-02-30"'


def test_unknown_time_zone() -> None:
    exc = loads_error(changed(timezone="Mars/Olympus"))
    assert exc.path == "/timezone"
    assert exc.errors[0].message == 'expected an IANA time zone name such as America/Denver, got "Mars/Olympus"'


def test_duplicate_id() -> None:
    doc = small_document()
    doc["organizations"][1]["id"] = "chapter"
    exc = loads_error(json.dumps(doc))
    assert exc.path == "/organizations/1/id"
    assert exc.errors[0].message == (
        'expected a unique organization id, got "chapter" again (first at /organizations/0/id)'
    )


def test_wrong_types_all_reported() -> None:
    exc = loads_error(changed(name=5, organizations="none", start=20270405))
    assert [(i.path, i.message) for i in exc.errors] == [
        ("/name", "expected a non-empty string, got 5"),
        ("/organizations", 'expected an array, got "none"'),
        ("/people/0/organization", 'expected a known organization id, got "chapter"'),
        ("/start", "expected a date YYYY-MM-DD, got 20270405"),
    ]
    assert exc.path == "/name"
    assert len(str(exc).splitlines()) == 4


def test_empty_text() -> None:
    exc = loads_error("")
    assert exc.path == ""
    assert str(exc) == "<string>: /: the input is empty; expected a JSON object"


def test_not_json() -> None:
    exc = loads_error("hello")
    assert exc.path == ""
    assert exc.errors[0].message == (
        "not valid JSON: parse error at line 1, column 1: syntax error while parsing value - invalid literal; "
        "last read: 'h'"
    )


def test_truncated_json() -> None:
    exc = loads_error('{"format": "partnerkit/1", "name": "x"')
    assert exc.path == ""
    assert exc.errors[0].message == (
        "not valid JSON: parse error at line 1, column 39: syntax error while parsing object - unexpected end "
        "of input; expected '}'"
    )


def test_invalid_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"format": "partnerkit/1", "name": "Caf\xe9 partners"}')
    with pytest.raises(pk.ValidationError) as info:
        pk.load(path)
    exc = info.value
    check_validation_error(exc)
    assert exc.file == str(path) and exc.path == ""
    assert exc.errors[0].message == (
        "not valid JSON: parse error at line 1, column 41: syntax error while parsing value - invalid string: "
        "ill-formed UTF-8 byte; last read: '\"Caf\\xE9 '"
    )


def test_lone_surrogate_text() -> None:
    exc = loads_error('{"format": "partnerkit/1", "name": "x\udcff"}')
    assert exc.path == ""
    assert exc.errors[0].message == (
        "not valid JSON: lone surrogate U+DCFF at character 38; expected text that UTF-8 can encode"
    )


def test_deep_nesting_text() -> None:
    exc = loads_error("[" * 200_000 + "]" * 200_000)
    assert exc.path == ""
    assert exc.errors[0].message == (
        "nesting deeper than 256 levels at line 1, column 257; expected a partnership document"
    )
    exc = loads_error(changed(x_deep=[[[]]]), max_depth=3)
    assert exc.errors[0].message.startswith("nesting deeper than 3 levels at line 1, column ")


def test_deep_nesting_dict(small_doc: dict) -> None:
    deep: list = []
    for _ in range(200_000):
        deep = [deep]
    small_doc["x_deep"] = deep
    with pytest.raises(pk.ValidationError) as info:
        pk.from_dict(small_doc)
    exc = info.value
    check_validation_error(exc)
    assert exc.file == "<dict>"
    assert exc.path == "/x_deep" + "/0" * 255
    assert exc.errors[0].message == "nesting deeper than 256 levels; expected a partnership document"


def test_nul_after_value(small_text: str) -> None:
    exc = loads_error(small_text + "\0")
    assert exc.path == ""
    assert exc.errors[0].message == (
        f"not valid JSON: NUL byte at line 1, column {len(small_text) + 1}; expected a JSON value and nothing after it"
    )


def test_from_dict_values_json_cannot_hold(small_doc: dict) -> None:
    not_json = "expected a JSON value (dict, list, str, int, float, bool or None), got a value of type"
    cases = [
        ({"x": {1, 2}}, "/x", f"{not_json} set"),
        ({"x": [dt.date(2027, 1, 1)]}, "/x/0", f"{not_json} datetime.date"),
        ({"x": {"a/b~": float("inf")}}, "/x/a~1b~0", "expected a finite number (JSON has no NaN or infinity), got inf"),
        ({"x": {2: "two"}}, "/x", "expected string keys, got the key 2 of type int"),
        ({"x": 2**70}, "/x", "expected an integer from -2**63 to 2**64 - 1, got one outside that range"),
    ]
    for extra, path, message in cases:
        with pytest.raises(pk.ValidationError) as info:
            pk.from_dict({**small_doc, **extra}, source="form")
        check_validation_error(info.value)
        assert (info.value.file, info.value.path, info.value.errors[0].message) == ("form", path, message)
    # Values JSON can hold, written as given: tuples are arrays, 2**64 - 1 fits.
    p = pk.from_dict({**small_doc, "x": (1, 2**64 - 1, -(2**63), 0.5, None)})
    assert p.extra == {"x": [1, 2**64 - 1, -(2**63), 0.5, None]}


@pytest.mark.parametrize("name", ["\x00abc", "abc\x00def"])
def test_nul_in_text_is_rejected(small_doc: dict, name: str) -> None:
    with pytest.raises(pk.ValidationError) as info:
        pk.from_dict({**small_doc, "name": name})
    assert info.value.path == "/name"
    assert "expected text without NUL characters" in str(info.value)
    text = json.dumps({**small_doc, "name": name})
    with pytest.raises(pk.ValidationError) as info:
        pk.loads(text)
    assert str(info.value).startswith("<string>: /: a string holds the NUL character \\u0000 at line 1")


def test_from_dict_not_a_document() -> None:
    with pytest.raises(pk.ValidationError) as info:
        pk.from_dict([1, 2])
    check_validation_error(info.value)
    assert str(info.value) == "<dict>: /: expected a partnership document (a JSON object), got an array"


def test_loads_takes_str(small_text: str) -> None:
    with pytest.raises(TypeError):
        pk.loads(small_text.encode())  # type: ignore[arg-type]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.json"
    with pytest.raises(pk.IoError) as info:
        pk.load(path)
    exc = info.value
    assert isinstance(exc, pk.Error) and isinstance(exc, OSError) and not isinstance(exc, ValueError)
    assert exc.path == str(path) and exc.filename == str(path)
    assert str(exc) == f"{path}: cannot open: No such file or directory"
    again = pickle.loads(pickle.dumps(exc))
    assert type(again) is pk.IoError and str(again) == str(exc) and again.path == exc.path


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(pk.IoError, match="is a folder; expected a file"):
        pk.load(tmp_path)


# ---- saving ----


def test_save(tmp_path: Path, state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    target = tmp_path / "saved.json"
    p.save(target)
    assert target.read_text(encoding="utf-8") == p.dumps()
    assert pk.load(target) == p
    assert os.listdir(tmp_path) == ["saved.json"]  # no temporary file left
    p.save(str(target), indent=-1)
    assert target.read_text(encoding="utf-8") == p.dumps(indent=-1)
    assert os.listdir(tmp_path) == ["saved.json"]


def test_save_keeps_permissions(tmp_path: Path, small_doc: dict) -> None:
    target = tmp_path / "doc.json"
    target.write_text("{}", encoding="utf-8")
    target.chmod(0o640)
    pk.from_dict(small_doc).save(target)
    assert target.stat().st_mode & 0o777 == 0o640


def test_save_into_missing_folder(tmp_path: Path, small_doc: dict) -> None:
    target = tmp_path / "no" / "such" / "folder.json"
    with pytest.raises(pk.IoError) as info:
        pk.from_dict(small_doc).save(target)
    assert str(info.value) == f"{target}: cannot save: No such file or directory"
    assert info.value.path == str(target)
    assert os.listdir(tmp_path) == []


def test_save_over_a_folder_leaves_nothing_behind(tmp_path: Path, small_doc: dict) -> None:
    (tmp_path / "doc.json").mkdir()
    (tmp_path / "doc.json" / "inside").write_text("kept", encoding="utf-8")
    with pytest.raises(pk.IoError) as info:
        pk.from_dict(small_doc).save(tmp_path / "doc.json")
    assert str(info.value).endswith("; the previous file is unchanged")
    assert os.listdir(tmp_path) == ["doc.json"]  # the temporary file was removed
    assert (tmp_path / "doc.json" / "inside").read_text(encoding="utf-8") == "kept"


READ_ONLY_SAVE = textwrap.dedent(
    """
    import json, os, shutil, sys, tempfile
    import partnerkit as pk

    p = pk.loads(sys.stdin.read())
    folder = tempfile.mkdtemp(prefix="partnerkit-readonly-")
    target = os.path.join(folder, "doc.json")
    with open(target, "w", encoding="utf-8") as f:
        f.write("previous")
    os.chmod(folder, 0o555)
    try:
        p.save(target)
        error = None
    except pk.IoError as e:
        error = str(e)
    result = {
        "target": target,
        "error": error,
        "files": sorted(os.listdir(folder)),
        "content": open(target, encoding="utf-8").read(),
    }
    os.chmod(folder, 0o755)
    shutil.rmtree(folder)
    print(json.dumps(result))
    """
)


def test_save_into_read_only_folder(small_text: str) -> None:
    # root ignores permissions, so as root the save runs in a child process as nobody.
    drop = {"user": 65534, "group": 65534, "extra_groups": []} if os.geteuid() == 0 else {}
    run = subprocess.run(
        [sys.executable, "-c", READ_ONLY_SAVE],
        input=small_text,
        capture_output=True,
        text=True,
        cwd=os.path.dirname(sys.executable),
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=60,
        **drop,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["error"] == f"{result['target']}: cannot save: Permission denied"
    assert result["files"] == ["doc.json"]
    assert result["content"] == "previous"
