"""Collaboration stages: process templates, readiness from data, status and next steps, the continuum.

>>> import partnerkit as pk, datetime as dt
>>> p = pk.load("examples/partnerships/state-cac-voca.json")       # doctest: +SKIP
>>> s = p.status(on=dt.date(2027, 6, 10))                            # doctest: +SKIP
>>> s.current_stage, [n.action for n in s.next_steps][:1]            # doctest: +SKIP

The classes and functions come from the C++ library; this module adds the pandas table and the
notebook display of a Status and a Continuum.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ._core import (
    Activity,
    ActivityState,
    ActivityStatus,
    Continuum,
    ContinuumLevel,
    Criterion,
    CriterionResult,
    Due,
    Evidence,
    NextStep,
    QuestionSet,
    RatingGap,
    Stage,
    StageStatus,
    Status,
    Template,
    builtin_template,
    continuum_from_rating,
    evaluate,
    load_template,
    loads_template,
    predicate_names,
)

if TYPE_CHECKING:
    import pandas

__all__ = [
    "Activity", "ActivityState", "ActivityStatus", "Continuum", "ContinuumLevel", "Criterion",
    "CriterionResult", "Due", "Evidence", "NextStep", "QuestionSet", "RatingGap", "Stage", "StageStatus",
    "Status", "Template", "builtin_template", "continuum_from_rating", "evaluate", "load_template",
    "loads_template", "predicate_names",
]

ACTIVITY_COLUMNS = ["stage", "id", "name", "state", "due", "done_on", "reasons", "question_set", "meeting"]


def _status_to_pandas(self: Status) -> pandas.DataFrame:
    """One row per activity, in template order (columns as in to_dict()["activities"])."""
    import pandas as pd

    return pd.DataFrame(self.to_dict()["activities"], columns=ACTIVITY_COLUMNS)


def _status_repr_html(self: Status) -> str:
    rows = []
    names = {stage.id: stage.name for stage in self.stages}
    for a in self.activities:
        when = a.done_on if a.state == ActivityState.done else a.due
        rows.append(
            f"<tr><td>{escape(names.get(a.stage, a.stage))}</td><td>{escape(a.name)}</td>"
            f"<td>{escape(a.state.name)}</td><td>{escape(str(when) if when else '')}</td>"
            f"<td>{escape('; '.join(a.reasons))}</td></tr>"
        )
    steps = "".join(f"<li>{escape(n.action)}</li>" for n in self.next_steps)
    return (
        f"<div><p><b>{escape(self.template_id)}</b> on {escape(str(self.on))}: current stage "
        f"<b>{escape(names.get(self.current_stage, self.current_stage))}</b></p>"
        "<table><thead><tr><th>stage</th><th>activity</th><th>state</th><th>day</th><th>why</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table><p>Next:</p><ol>{steps}</ol></div>"
    )


def _continuum_repr_html(self: Continuum) -> str:
    evidence = "".join(f"<li>{escape(e.detail)}</li>" for e in self.evidence)
    discuss = "".join(
        f"<li>{escape(d.a)} rates {escape(d.b)} {d.a_rates_b}; {escape(d.b)} rates {escape(d.a)} {d.b_rates_a}</li>"
        for d in self.discuss
    )
    return (
        f"<div><p>Continuum: <b>{escape(self.level.name)}</b></p><ul>{evidence}</ul>"
        + (f"<p>Discuss:</p><ul>{discuss}</ul>" if discuss else "")
        + "</div>"
    )


Status.to_pandas = _status_to_pandas  # type: ignore[attr-defined]
Status._repr_html_ = _status_repr_html  # type: ignore[attr-defined]
Continuum._repr_html_ = _continuum_repr_html  # type: ignore[attr-defined]
