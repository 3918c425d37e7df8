"""partnerkit: build and study inter-agency partnerships from one open document.

>>> import partnerkit as pk
>>> p = pk.load("examples/partnerships/state-cac-voca.json")   # doctest: +SKIP
>>> p.find_organization("voca")                                  # doctest: +SKIP
Organization(id='voca', name='...', category='voca-administrator', core=True)

Everything here comes from the C++ library (partnerkit._core); see _core.pyi for the API.
"""

from ._errors import Error, IoError, ValidationError
from . import _core
from ._core import (
    Availability,
    Edge,
    Event,
    Graph,
    Idea,
    Interval,
    Issue,
    Meeting,
    MeetingStatus,
    Organization,
    Partnership,
    Person,
    Relationship,
    Schedule,
    Slot,
    TrustScores,
    ValueScores,
    Vertex,
    Votes,
    Worksheet,
    WorkingHours,
    builtin_process_templates,
    from_dict,
    is_known_timezone,
    load,
    loads,
    read_calendar,
)

from . import process
from . import summary
from . import stakeholders
from . import themes
from . import meetings
from . import schedule
from . import report

__version__: str = _core.version

__all__ = [
    "Availability",
    "Edge",
    "Error",
    "Event",
    "Graph",
    "Idea",
    "Interval",
    "IoError",
    "Issue",
    "Meeting",
    "MeetingStatus",
    "Organization",
    "Partnership",
    "Person",
    "Relationship",
    "Schedule",
    "Slot",
    "TrustScores",
    "ValidationError",
    "ValueScores",
    "Vertex",
    "Votes",
    "Worksheet",
    "WorkingHours",
    "__version__",
    "builtin_process_templates",
    "from_dict",
    "is_known_timezone",
    "load",
    "loads",
    "meetings",
    "process",
    "summary",
    "stakeholders",
    "themes",
    "read_calendar",
    "schedule",
    "report",
]
