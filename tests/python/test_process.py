"""Collaboration stages from Python and the CLI: status, next steps, continuum, custom templates."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import partnerkit as pk
from partnerkit import process

from conftest import small_document

CUSTOM = {
    "format": "partnerkit-template/1",
    "id": "two-steps",
    "name": "Two steps",
    "question_sets": [{"id": "talk", "title": "Talk", "questions": ["Who first?"]}],
    "stages": [
        {
            "id": "begin",
            "name": "Begin",
            "activities": [
                {"id": "talk", "name": "Talk it over", "question_set": "talk"},
                {
                    "id": "meet",
                    "name": "Meet in person",
                    "requires": ["talk"],
                    "ready_when": [{"predicate": "core_decision_makers"}],
                    "done_when": [{"predicate": "meeting_held", "kind": "in-person"}],
                },
            ],
        }
    ],
}


def test_status_of_the_example(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    s = p.status(on=dt.date(2027, 6, 10))
    assert s.template_id == "building-partnership"
    assert s.current_stage == "coming-together-again"
    assert s.on == dt.date(2027, 6, 10)
    states = {a.id: a.state for a in s.activities}
    assert states["assess-need"] == process.ActivityState.done
    assert states["second-in-person"] == process.ActivityState.due
    assert states["annual-retreat"] == process.ActivityState.blocked
    getting_started = next(st for st in s.stages if st.id == "getting-started")
    assert getting_started.percent_complete == 100.0
    assert s.next_steps and s.next_steps[0].meeting == "in-person-2"

    d = s.to_dict()
    assert list(d) == ["on", "template", "current_stage", "stages", "activities", "next_steps", "notes"]
    assert d["on"] == "2027-06-10"

    table = s.to_pandas()
    assert isinstance(table, pd.DataFrame)
    assert len(table) == len(s.activities)
    assert list(table.columns) == process.ACTIVITY_COLUMNS
    assert table.loc[table["id"] == "assess-need", "done_on"].item() == "2027-02-15"

    html = s._repr_html_()
    assert "Coming together again" in html and "<table>" in html


def test_status_defaults_to_today_and_the_named_template(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    assert p.template().id == "building-partnership"
    assert p.status().on >= dt.date(2026, 1, 1)


def test_blocked_until_voca_has_a_decision_maker() -> None:
    doc = small_document()
    doc["start"] = "2027-04-05"
    doc["people"][0]["decision_maker"] = True  # the chapter has one, VOCA has none
    doc["events"] = [{"activity": a, "date": "2027-03-01"} for a in ("talk",)]
    t = process.loads_template(json.dumps(CUSTOM))
    s = pk.from_dict(doc).status(on=dt.date(2027, 4, 1), template=t)
    meet = next(a for a in s.activities if a.id == "meet")
    assert meet.state == process.ActivityState.blocked
    assert meet.reasons == ["voca has no decision-maker on the roster"]
    assert s.next_steps[0].action == "Before Meet in person: voca has no decision-maker on the roster"


def test_custom_template_file_end_to_end(tmp_path: Path, cli: Path) -> None:
    path = tmp_path / "two-steps.json"
    path.write_text(json.dumps(CUSTOM), encoding="utf-8")
    t = process.load_template(path)
    assert [a.id for a in t.stages[0].activities] == ["talk", "meet"]
    assert t.find_question_set("talk").questions == ["Who first?"]
    doc_path = tmp_path / "doc.json"
    doc_path.write_text(json.dumps(small_document()), encoding="utf-8")
    s = pk.load(doc_path).status(on=dt.date(2027, 4, 1), template=t)
    assert [a.state for a in s.activities] == [process.ActivityState.due, process.ActivityState.blocked]

    result = subprocess.run(
        [cli, "stage", doc_path, "--template", path, "--on", "2027-04-01", "--format", "json"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["status"]["template"] == "two-steps"
    assert [a["state"] for a in out["status"]["activities"]] == ["due", "blocked"]


def test_malformed_template_is_rejected_with_pointers(tmp_path: Path, cli: Path) -> None:
    bad = json.loads(json.dumps(CUSTOM))
    bad["stages"][0]["activities"][1]["requires"] = ["meet"]
    bad["stages"][0]["activities"][0]["done_when"] = [{"predicate": "telepathy"}]
    with pytest.raises(pk.ValidationError) as info:
        process.loads_template(json.dumps(bad), "bad.json")
    paths = [e.path for e in info.value.errors]
    assert "/stages/0/activities/0/done_when/0/predicate" in paths
    assert "/stages/0/activities/1/requires" in paths
    assert any("expected prerequisites without a cycle, got meet -> meet" in e.message for e in info.value.errors)

    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    doc_path = tmp_path / "doc.json"
    doc_path.write_text(json.dumps(small_document()), encoding="utf-8")
    result = subprocess.run([cli, "stage", doc_path, "--template", path], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert f"{path}: /stages/0/activities/0/done_when/0/predicate: expected" in result.stdout


def test_builtin_templates() -> None:
    assert pk.builtin_process_templates() == ["building-partnership", "court-child-support"]
    for name in pk.builtin_process_templates():
        t = process.builtin_template(name)
        assert t.id == name and t.stages
    with pytest.raises(pk.Error):
        process.builtin_template("nope")
    assert "core_decision_makers" in process.predicate_names()


def test_continuum(state_cac_voca_path: Path) -> None:
    p = pk.load(state_cac_voca_path)
    c = p.continuum(on=dt.date(2027, 6, 10))
    assert c.level == process.ContinuumLevel.coordination
    assert c.from_evidence == process.ContinuumLevel.cooperation
    assert c.from_ratings == process.ContinuumLevel.coordination
    assert [(d.a, d.b, d.a_rates_b, d.b_rates_a) for d in c.discuss] == [("chapter", "voca", 3, 1)]
    assert c.to_dict()["level"] == "coordination"
    assert "Discuss" in c._repr_html_()
    assert [process.continuum_from_rating(i) for i in range(6)] == [
        process.ContinuumLevel.none,
        process.ContinuumLevel.coordination,
        process.ContinuumLevel.coordination,
        process.ContinuumLevel.cooperation,
        process.ContinuumLevel.collaboration,
        process.ContinuumLevel.collaboration,
    ]


def test_user_text_is_escaped_in_html() -> None:
    doc = small_document()
    doc["organizations"][1]["id"] = "<script>alert(1)</script>"
    doc["organizations"][1]["core"] = True
    t = process.loads_template(json.dumps(CUSTOM))
    s = pk.from_dict(doc).status(on=dt.date(2027, 4, 1), template=t)
    html = s._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; has no decision-maker" in html


def test_cli_stage_text(cli: Path, state_cac_voca_path: Path) -> None:
    result = subprocess.run(
        [cli, "stage", state_cac_voca_path, "--on", "2027-06-10"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "current stage: Coming together again" in out
    assert "  [done]    Assess the need (2027-02-15)" in out
    assert "continuum: coordination (evidence: cooperation, ratings: coordination)" in out
    assert out.rstrip().splitlines()[-1].startswith("  ")
    assert "\nnext:\n  1. " in out


def test_cli_stage_bad_day(cli: Path, state_cac_voca_path: Path) -> None:
    result = subprocess.run(
        [cli, "stage", state_cac_voca_path, "--on", "2027-02-30"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stdout == 'partnerkit stage: --on: expected a day that exists, YYYY-MM-DD, got "2027-02-30"\n'
