"""Meeting plans: timed agendas, timelines of meetings, their checks and calendar exports.

>>> import partnerkit as pk
>>> p = pk.load("examples/partnerships/state-cac-voca.json")        # doctest: +SKIP
>>> plan = p.plan()                                                  # doctest: +SKIP
>>> plan.to_pandas()[["id", "start", "timezone"]]                    # doctest: +SKIP
>>> plan.to_ics("plan.ics")                                          # doctest: +SKIP

The classes and functions come from the C++ library; this module adds the pandas table, the
notebook display and Partnership.plan().
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from ._core import (
    Agenda,
    AgendaIssue,
    AgendaItem,
    Cadence,
    Partnership,
    Phase,
    Plan,
    PlanIssue,
    PlannedMeeting,
    TimedAgenda,
    TimedItem,
    builtin_agenda,
    builtin_agendas,
    check_agenda,
    plan,
    timed,
)

if TYPE_CHECKING:
    import pandas

__all__ = [
    "Agenda", "AgendaIssue", "AgendaItem", "Cadence", "Phase", "Plan", "PlanIssue", "PlannedMeeting",
    "TimedAgenda", "TimedItem", "builtin_agenda", "builtin_agendas", "check_agenda", "plan", "timed",
]

MEETING_COLUMNS = ["id", "kind", "title", "phase", "start", "end", "duration", "timezone", "start_utc", "end_utc",
                   "location", "agenda", "participants", "status", "if_needed", "from_document", "uid"]


def _plan_to_pandas(self: Plan) -> pandas.DataFrame:
    """One row per meeting (columns as in to_dict()["meetings"]); start and end are naive local
    times in the meeting's zone, start_utc and end_utc are UTC timestamps."""
    import pandas as pd

    frame = pd.DataFrame(self.to_dict()["meetings"], columns=MEETING_COLUMNS)
    for column in ("start", "end"):
        frame[column] = pd.to_datetime(frame[column])
    for column in ("start_utc", "end_utc"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    frame["duration"] = pd.to_timedelta([m.duration for m in self.meetings])
    return frame


def _plan_repr_html(self: Plan) -> str:
    return self.to_html(full_page=False)


def _partnership_plan(
    self: Partnership,
    *,
    start: datetime.date | None = None,
    timezone: str | None = None,
    process: str | None = None,
    third_in_person: bool = False,
    calls_between: int = 1,
    call_interval_days: int = 28,
    cadence: Cadence = Cadence.monthly,
    sustaining_months: int = 12,
    annual_retreat: bool = True,
) -> Plan:
    """The partnership's meeting plan (see partnerkit.meetings.plan)."""
    return plan(
        self, start=start, timezone=timezone, process=process, third_in_person=third_in_person,
        calls_between=calls_between, call_interval_days=call_interval_days, cadence=cadence,
        sustaining_months=sustaining_months, annual_retreat=annual_retreat,
    )


Plan.to_pandas = _plan_to_pandas  # type: ignore[attr-defined]
Plan._repr_html_ = _plan_repr_html  # type: ignore[attr-defined]
Partnership.plan = _partnership_plan  # type: ignore[attr-defined]
