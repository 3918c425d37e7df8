"""Scheduling: the best slots for a meeting across participants' time zones, working hours, busy
times in the document and .ics calendars.

>>> import partnerkit as pk
>>> p = pk.load("examples/partnerships/state-cac-voca.json")             # doctest: +SKIP
>>> s = p.schedule("planning", top=3, calendars={"arivera": "ana.ics"})    # doctest: +SKIP
>>> s.to_pandas()[["local_start", "attending", "missing"]]                  # doctest: +SKIP

The search runs in the C++ library (an interval sweep, see docs/scheduling.md); this module adds
the pandas table and the notebook display of a Schedule.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ._core import Schedule, Slot, read_calendar

if TYPE_CHECKING:
    import pandas

__all__ = ["Schedule", "Slot", "read_calendar"]

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


Schedule.to_pandas = _schedule_to_pandas  # type: ignore[attr-defined]
Schedule._repr_html_ = _schedule_repr_html  # type: ignore[attr-defined]
