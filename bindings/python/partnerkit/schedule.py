"""Scheduling: the best slots for a meeting across participants' time zones, working hours, busy
times in the document and .ics calendars.

>>> import partnerkit as pk
>>> p = pk.load("examples/partnerships/state-cac-voca.json")             # doctest: +SKIP
>>> s = p.schedule("planning", top=3, calendars={"arivera": "ana.ics"})    # doctest: +SKIP
>>> s.to_pandas()[["local_start", "attending", "missing"]]                  # doctest: +SKIP
>>> t = p.place(p.plan(start=dt.date(2027, 4, 5)), calendars={"arivera": "ana.ics"})  # doctest: +SKIP
>>> t.to_pandas()[["meeting", "placed", "local_start", "reasons"]]          # doctest: +SKIP
>>> t.plan.to_ics("placed.ics")                                             # doctest: +SKIP

The search runs in the C++ library (an interval sweep, see docs/scheduling.md); this module adds
the pandas tables and the notebook display of a Schedule and of a PlacedTimeline.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ._core import PlacedTimeline, Placement, Schedule, Slot, read_calendar

if TYPE_CHECKING:
    import pandas

__all__ = ["PlacedTimeline", "Placement", "Schedule", "Slot", "read_calendar"]

SLOT_COLUMNS = [
    "start", "end", "local_start", "local_end", "attending", "missing", "required_attending",
    "required_total", "share",
]


def _schedule_to_pandas(self: Schedule) -> pandas.DataFrame:
    """One row per slot, best first: UTC start and end (aware), the meeting's local times (text),
    who attends, who is missing, the share attending."""
    import pandas as pd

    local = self.to_dict()["slots"]
    rows = []
    for slot, loc in zip(self.slots, local):
        rows.append({
            "start": pd.Timestamp(slot.start),
            "end": pd.Timestamp(slot.end),
            "local_start": loc["local_start"],
            "local_end": loc["local_end"],
            "attending": list(slot.attending),
            "missing": list(slot.missing),
            "required_attending": slot.required_attending,
            "required_total": slot.required_total,
            "share": slot.share,
        })
    return pd.DataFrame(rows, columns=SLOT_COLUMNS)


def _schedule_repr_html(self: Schedule) -> str:
    local = self.to_dict()["slots"]
    rows = "".join(
        f"<tr><td>{i + 1}</td><td>{escape(loc['local_start'])} to {escape(loc['local_end'][11:])}</td>"
        f"<td>{escape(slot.start.strftime('%Y-%m-%d %H:%M'))} UTC</td>"
        f"<td>{len(slot.attending)} of {len(slot.attending) + len(slot.missing)}</td>"
        f"<td>{escape(', '.join(slot.missing))}</td></tr>"
        for i, (slot, loc) in enumerate(zip(self.slots, local))
    )
    reasons = "".join(f"<li>{escape(r)}</li>" for r in self.reasons)
    title = escape(self.meeting or "ad hoc meeting")
    return (
        f"<div><p><b>{title}</b> ({escape(self.timezone)})</p>"
        "<table><thead><tr><th>#</th><th>local time</th><th>UTC</th><th>attending</th><th>missing</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        + (f"<p>Why:</p><ul>{reasons}</ul>" if reasons else "")
        + "</div>"
    )


PLACEMENT_COLUMNS = [
    "meeting", "placed", "start", "end", "local_start", "local_end", "timezone", "window_start", "window_end",
    "attending", "missing", "reasons",
]


def _timeline_to_pandas(self: PlacedTimeline) -> pandas.DataFrame:
    """One row per meeting, in the plan's order: whether it was placed, UTC start and end (aware;
    NaT when not placed), the meeting's local times (text), the window it was looked for in (UTC),
    who attends, who is missing, and the reasons."""
    import pandas as pd

    rows = []
    for x, d in zip(self.placements, self.to_dict()["placements"]):
        rows.append({
            "meeting": x.meeting,
            "placed": x.slot is not None,
            "start": pd.Timestamp(x.slot.start) if x.slot else pd.NaT,
            "end": pd.Timestamp(x.slot.end) if x.slot else pd.NaT,
            "local_start": d["local_start"],
            "local_end": d["local_end"],
            "timezone": x.timezone,
            "window_start": pd.Timestamp(x.window_start),
            "window_end": pd.Timestamp(x.window_end),
            "attending": list(x.slot.attending) if x.slot else [],
            "missing": list(x.slot.missing) if x.slot else [],
            "reasons": list(x.reasons),
        })
    frame = pd.DataFrame(rows, columns=PLACEMENT_COLUMNS)
    for column in ("start", "end", "window_start", "window_end"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    return frame


def _timeline_repr_html(self: PlacedTimeline) -> str:
    rows = []
    for x, d in zip(self.placements, self.to_dict()["placements"]):
        if x.slot:
            when = f"{escape(d['local_start'])} to {escape(d['local_end'][11:])} {escape(x.timezone)}"
        else:
            window = d["window"]
            when = (f"not placed between {escape(window['local_start'])} and {escape(window['local_end'])} "
                    f"{escape(x.timezone)}")
        reasons = "<br>".join(escape(r) for r in x.reasons)
        rows.append(f"<tr><td>{escape(x.meeting)}</td><td>{when}</td><td>{reasons}</td></tr>")
    placed = sum(1 for x in self.placements if x.slot)
    return (
        f"<div><p><b>{placed} of {len(self.placements)} meetings placed</b></p>"
        "<table><thead><tr><th>meeting</th><th>when</th><th>why not / who cannot come</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


Schedule.to_pandas = _schedule_to_pandas  # type: ignore[attr-defined]
Schedule._repr_html_ = _schedule_repr_html  # type: ignore[attr-defined]
PlacedTimeline.to_pandas = _timeline_to_pandas  # type: ignore[attr-defined]
PlacedTimeline._repr_html_ = _timeline_repr_html  # type: ignore[attr-defined]
