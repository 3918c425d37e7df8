"""The report a facilitator hands out: one self-contained HTML page, Markdown, or the JSON data.

>>> import partnerkit as pk
>>> p = pk.load("examples/partnerships/state-cac-voca.json")        # doctest: +SKIP
>>> html = p.report("report.html")                                   # doctest: +SKIP
>>> p.report(format="md", on=datetime.date(2027, 6, 10))[:40]        # doctest: +SKIP

The functions come from the C++ library; this module adds Partnership.report().
"""

from __future__ import annotations

import datetime
import os

from ._core import Partnership, report, report_data

__all__ = ["report", "report_data"]


def _partnership_report(
    self: Partnership,
    path: str | bytes | os.PathLike[str] | os.PathLike[bytes] | None = None,
    format: str = "html",
    on: datetime.date | None = None,
) -> str:
    """The report as text ("html", "md" or "json"); written atomically to `path` when given."""
    return report(self, format, on=on, path=path)


Partnership.report = _partnership_report  # type: ignore[attr-defined]
