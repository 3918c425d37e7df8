"""Type stubs for partnerkit._core, the C++ extension (bindings/python/*.cpp).

tests/python/test_stubs.py checks that these names match the built module, both ways, and that
every function's and constructor's parameter names match.

Attributes holding a list or an optional record are read as copies: assign a new value to change
them (``p.organizations = [*p.organizations, org]``). ``Idea.votes`` is the idea's own.
"""

import datetime
import enum
import os
from collections.abc import Mapping, Sequence
from typing import Any

version: str

_Path = str | bytes | os.PathLike[str] | os.PathLike[bytes]
_Json = dict[str, Any]

class Issue:
    """One problem found in an input; ``str(issue)`` is ``"FILE: /pointer: message"``."""

    file: str
    path: str
    message: str
    def __init__(self, file: str, path: str, message: str) -> None: ...
    def __eq__(self, other: object) -> bool: ...

def is_known_timezone(name: str) -> bool: ...
def builtin_process_templates() -> list[str]: ...

class Organization:
    id: str
    name: str
    category: str | None
    core: bool
    extra: _Json
    def __init__(
        self,
        *,
        id: str = "",
        name: str = "",
        category: str | None = None,
        core: bool = False,
        extra: _Json | None = None,
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Organization: ...
    def __deepcopy__(self, memo: Any) -> Organization: ...

class WorkingHours:
    start: datetime.timedelta
    end: datetime.timedelta
    days: list[str]
    extra: _Json
    def __init__(
        self,
        *,
        start: datetime.timedelta = ...,
        end: datetime.timedelta = ...,
        days: list[str] = ...,
        extra: _Json | None = None,
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> WorkingHours: ...
    def __deepcopy__(self, memo: Any) -> WorkingHours: ...

class Person:
    id: str
    name: str
    organization: str
    role: str | None
    decision_maker: bool
    facilitator: bool
    timezone: str | None
    email: str | None
    working_hours: WorkingHours | None
    extra: _Json
    def __init__(
        self,
        *,
        id: str = "",
        name: str = "",
        organization: str = "",
        role: str | None = None,
        decision_maker: bool = False,
        facilitator: bool = False,
        timezone: str | None = None,
        email: str | None = None,
        working_hours: WorkingHours | None = None,
        extra: _Json | None = None,
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Person: ...
    def __deepcopy__(self, memo: Any) -> Person: ...

class TrustScores:
    reliability: int | None
    mission: int | None
    openness: int | None
    extra: _Json
    def __init__(
        self,
        *,
        reliability: int | None = None,
        mission: int | None = None,
        openness: int | None = None,
        extra: _Json | None = None,
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> TrustScores: ...
    def __deepcopy__(self, memo: Any) -> TrustScores: ...

class ValueScores:
    power: int | None
    resources: int | None
    involvement: int | None
    extra: _Json
    def __init__(
        self,
        *,
        power: int | None = None,
        resources: int | None = None,
        involvement: int | None = None,
        extra: _Json | None = None,
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> ValueScores: ...
    def __deepcopy__(self, memo: Any) -> ValueScores: ...

class Relationship:
    source: str
    target: str
    kind: str | None
    weight: float
    directed: bool
    level: int | None
    trust: TrustScores | None
    value: ValueScores | None
    observed: datetime.date | None
    extra: _Json
    def __init__(
        self,
        *,
        source: str = "",
        target: str = "",
        kind: str | None = None,
        weight: float = 1.0,
        directed: bool = False,
        level: int | None = None,
        trust: TrustScores | None = None,
        value: ValueScores | None = None,
        observed: datetime.date | None = None,
        extra: _Json | None = None,
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Relationship: ...
    def __deepcopy__(self, memo: Any) -> Relationship: ...

class MeetingStatus(enum.Enum):
    planned = 0
    held = 1
    cancelled = 2

class Meeting:
    id: str
    kind: str
    title: str | None
    start: datetime.datetime | None
    duration: datetime.timedelta | None
    timezone: str | None
    location: str | None
    agenda: str | None
    status: MeetingStatus
    participants: list[str]
    extra: _Json
    def __init__(
        self,
        *,
        id: str = "",
        kind: str = "",
        title: str | None = None,
        start: datetime.datetime | None = None,
        duration: datetime.timedelta | None = None,
        timezone: str | None = None,
        location: str | None = None,
        agenda: str | None = None,
        status: MeetingStatus = MeetingStatus.planned,
        participants: Sequence[str] = (),
        extra: _Json | None = None,
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Meeting: ...
    def __deepcopy__(self, memo: Any) -> Meeting: ...

class Event:
    activity: str
    date: datetime.date
    meeting: str | None
    note: str | None
    extra: _Json
    def __init__(
        self,
        *,
        activity: str = "",
        date: datetime.date,
        meeting: str | None = None,
        note: str | None = None,
        extra: _Json | None = None,
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Event: ...
    def __deepcopy__(self, memo: Any) -> Event: ...

class Interval:
    start: datetime.datetime
    end: datetime.datetime
    extra: _Json
    def __init__(
        self, *, start: datetime.datetime, end: datetime.datetime, extra: _Json | None = None
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Interval: ...
    def __deepcopy__(self, memo: Any) -> Interval: ...

class Availability:
    person: str
    busy: list[Interval]
    calendar: str | None
    extra: _Json
    def __init__(
        self,
        *,
        person: str = "",
        busy: Sequence[Interval] = (),
        calendar: str | None = None,
        extra: _Json | None = None,
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Availability: ...
    def __deepcopy__(self, memo: Any) -> Availability: ...

class Worksheet:
    organization: str
    session: str | None
    proud_of: list[str]
    help_with: list[str]
    frustrated_by: list[str]
    love_to: list[str]
    values: list[str]
    extra: _Json
    def __init__(
        self,
        *,
        organization: str = "",
        session: str | None = None,
        proud_of: Sequence[str] = (),
        help_with: Sequence[str] = (),
        frustrated_by: Sequence[str] = (),
        love_to: Sequence[str] = (),
        values: Sequence[str] = (),
        extra: _Json | None = None,
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Worksheet: ...
    def __deepcopy__(self, memo: Any) -> Worksheet: ...

class Votes:
    exciting: int
    better: int
    doable: int
    dots: int
    extra: _Json
    def __init__(
        self,
        *,
        exciting: int = 0,
        better: int = 0,
        doable: int = 0,
        dots: int = 0,
        extra: _Json | None = None,
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Votes: ...
    def __deepcopy__(self, memo: Any) -> Votes: ...

class Idea:
    id: str
    text: str
    session: str | None
    votes: Votes
    extra: _Json
    def __init__(
        self,
        *,
        id: str = "",
        text: str = "",
        session: str | None = None,
        votes: Votes | None = None,
        extra: _Json | None = None,
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Idea: ...
    def __deepcopy__(self, memo: Any) -> Idea: ...

class Partnership:
    format: str
    name: str
    description: str | None
    process: str | None
    start: datetime.date | None
    timezone: str | None
    organizations: list[Organization]
    people: list[Person]
    relationships: list[Relationship]
    meetings: list[Meeting]
    events: list[Event]
    availability: list[Availability]
    worksheets: list[Worksheet]
    ideas: list[Idea]
    extra: _Json
    def __init__(
        self,
        *,
        format: str = "partnerkit/1",
        name: str = "",
        description: str | None = None,
        process: str | None = None,
        start: datetime.date | None = None,
        timezone: str | None = None,
        organizations: Sequence[Organization] = (),
        people: Sequence[Person] = (),
        relationships: Sequence[Relationship] = (),
        meetings: Sequence[Meeting] = (),
        events: Sequence[Event] = (),
        availability: Sequence[Availability] = (),
        worksheets: Sequence[Worksheet] = (),
        ideas: Sequence[Idea] = (),
        extra: _Json | None = None,
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __copy__(self) -> Partnership: ...
    def __deepcopy__(self, memo: Any) -> Partnership: ...
    def find_organization(self, id: str) -> Organization | None: ...
    def find_person(self, id: str) -> Person | None: ...
    def find_meeting(self, id: str) -> Meeting | None: ...
    def dumps(self, indent: int = 2) -> str: ...
    def save(self, path: _Path, indent: int = 2) -> None: ...
    def to_dict(self) -> _Json: ...
    def status(self, *, on: datetime.date | None = None, template: Template | None = None) -> Status: ...
    def continuum(self, *, on: datetime.date | None = None, template: Template | None = None) -> Continuum: ...
    def template(self) -> Template: ...
    def schedule(
        self,
        meeting: str | Meeting | None = None,
        *,
        required: list[str] | None = None,
        optional: list[str] = ...,
        duration: datetime.timedelta | None = None,
        start: datetime.datetime | datetime.date | None = None,
        end: datetime.datetime | datetime.date | None = None,
        top: int = 5,
        min_share: float = 0.0,
        require_all: bool = True,
        granularity: datetime.timedelta = ...,
        calendars: Mapping[str, _Path] = ...,
        base_dir: _Path | None = None,
    ) -> Schedule: ...

def load(path: _Path, max_depth: int = 256) -> Partnership: ...
def loads(text: str, source: str = "<string>", max_depth: int = 256) -> Partnership: ...
def from_dict(d: Mapping[str, Any], source: str = "<dict>", max_depth: int = 256) -> Partnership: ...

# ---- process: collaboration stages (re-exported by partnerkit.process) ----

class ActivityState(enum.Enum):
    done = 0
    due = 1
    overdue = 2
    blocked = 3

class ContinuumLevel(enum.Enum):
    none = 0
    coordination = 1
    cooperation = 2
    collaboration = 3

class Criterion:
    def __init__(self, *, predicate: str, params: Mapping[str, Any] | None = None) -> None: ...
    @property
    def predicate(self) -> str: ...
    @property
    def params(self) -> _Json: ...

class Due:
    @property
    def anchor(self) -> str: ...
    @property
    def days(self) -> int: ...

class Activity:
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def question_set(self) -> str | None: ...
    @property
    def requires(self) -> list[str]: ...
    @property
    def meeting_kind(self) -> str | None: ...
    @property
    def due(self) -> Due | None: ...
    @property
    def done_when(self) -> list[Criterion]: ...
    @property
    def ready_when(self) -> list[Criterion]: ...

class Stage:
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def activities(self) -> list[Activity]: ...

class QuestionSet:
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def questions(self) -> list[str]: ...

class Template:
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def vision_activity(self) -> str: ...
    @property
    def question_sets(self) -> list[QuestionSet]: ...
    @property
    def stages(self) -> list[Stage]: ...
    def find_activity(self, id: str) -> Activity | None: ...
    def find_question_set(self, id: str) -> QuestionSet | None: ...

class CriterionResult:
    @property
    def predicate(self) -> str: ...
    @property
    def holds(self) -> bool: ...
    @property
    def description(self) -> str: ...
    @property
    def reasons(self) -> list[str]: ...

class ActivityStatus:
    @property
    def stage(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def state(self) -> ActivityState: ...
    @property
    def due(self) -> datetime.date | None: ...
    @property
    def done_on(self) -> datetime.date | None: ...
    @property
    def reasons(self) -> list[str]: ...
    @property
    def question_set(self) -> str | None: ...
    @property
    def meeting(self) -> str | None: ...

class StageStatus:
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def done(self) -> int: ...
    @property
    def total(self) -> int: ...
    @property
    def percent_complete(self) -> float: ...

class NextStep:
    @property
    def activity(self) -> str: ...
    @property
    def stage(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def question_set(self) -> str | None: ...
    @property
    def meeting(self) -> str | None: ...
    @property
    def due(self) -> datetime.date | None: ...
    @property
    def overdue(self) -> bool: ...

class Status:
    @property
    def on(self) -> datetime.date: ...
    @property
    def template_id(self) -> str: ...
    @property
    def current_stage(self) -> str: ...
    @property
    def stages(self) -> list[StageStatus]: ...
    @property
    def activities(self) -> list[ActivityStatus]: ...
    @property
    def next_steps(self) -> list[NextStep]: ...
    @property
    def notes(self) -> list[str]: ...
    def to_dict(self) -> _Json: ...
    def to_pandas(self) -> Any: ...

class Evidence:
    @property
    def signal(self) -> str: ...
    @property
    def detail(self) -> str: ...

class RatingGap:
    @property
    def a(self) -> str: ...
    @property
    def b(self) -> str: ...
    @property
    def a_rates_b(self) -> int: ...
    @property
    def b_rates_a(self) -> int: ...

class Continuum:
    @property
    def level(self) -> ContinuumLevel: ...
    @property
    def from_evidence(self) -> ContinuumLevel: ...
    @property
    def from_ratings(self) -> ContinuumLevel | None: ...
    @property
    def evidence(self) -> list[Evidence]: ...
    @property
    def discuss(self) -> list[RatingGap]: ...
    def to_dict(self) -> _Json: ...

def loads_template(text: str, source: str = "<string>") -> Template: ...
def load_template(path: _Path) -> Template: ...
def builtin_template(id: str) -> Template: ...
def predicate_names() -> list[str]: ...
def continuum_from_rating(level: int) -> ContinuumLevel: ...
def evaluate(criterion: Criterion, partnership: Partnership, activity: Activity, on: datetime.date) -> CriterionResult: ...

# ---- scheduling ----

class Slot:
    @property
    def start(self) -> datetime.datetime: ...
    @property
    def end(self) -> datetime.datetime: ...
    @property
    def attending(self) -> list[str]: ...
    @property
    def missing(self) -> list[str]: ...
    @property
    def required_attending(self) -> int: ...
    @property
    def required_total(self) -> int: ...
    @property
    def share(self) -> float: ...

class Schedule:
    @property
    def meeting(self) -> str: ...
    @property
    def timezone(self) -> str: ...
    @property
    def slots(self) -> list[Slot]: ...
    @property
    def reasons(self) -> list[str]: ...
    @property
    def timezones(self) -> dict[str, str]: ...
    @property
    def required(self) -> list[str]: ...
    @property
    def optional(self) -> list[str]: ...
    @property
    def duration(self) -> datetime.timedelta: ...
    @property
    def warnings(self) -> list[str]: ...
    def to_dict(self) -> _Json: ...
    def to_pandas(self) -> Any: ...
    def __len__(self) -> int: ...

def read_calendar(
    path: _Path,
    start: datetime.datetime | datetime.date,
    end: datetime.datetime | datetime.date,
    timezone: str = "UTC",
) -> list[tuple[datetime.datetime, datetime.datetime]]: ...
