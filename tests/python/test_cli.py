"""The installed `partnerkit` command (next to this interpreter): validate, --format json,
standard input, --help, --version, exit codes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import partnerkit as pk

from conftest import small_document


def run(cli: Path, *args: object, input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([cli, *map(str, args)], input=input, capture_output=True, text=True, timeout=60)


def counts(p: pk.Partnership) -> dict[str, int]:
    return {
        "organizations": len(p.organizations),
        "people": len(p.people),
        "relationships": len(p.relationships),
        "meetings": len(p.meetings),
        "events": len(p.events),
        "availability": len(p.availability),
        "worksheets": len(p.worksheets),
        "ideas": len(p.ideas),
    }


def summary(file: object, p: pk.Partnership) -> list[str]:
    return [f"{file}: valid partnerkit/1 document {json.dumps(p.name)}"] + [
        f"  {what}: {n}" for what, n in counts(p).items()
    ]


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    doc = small_document()
    doc["people"][0]["organization"] = "vocaa"
    doc["start"] = "2027-02-30"
    doc["timezone"] = "Mars/Olympus"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_validate_examples(cli: Path, state_cac_voca_path: Path, child_support_courts_path: Path) -> None:
    result = run(cli, "validate", state_cac_voca_path, child_support_courts_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == summary(state_cac_voca_path, pk.load(state_cac_voca_path)) + summary(
        child_support_courts_path, pk.load(child_support_courts_path)
    )
    assert f"  organizations: 9\n  people: 10\n  relationships: 17\n" in result.stdout


def test_validate_bad_document(cli: Path, bad_file: Path) -> None:
    result = run(cli, "validate", bad_file)
    assert result.returncode == 2
    with pytest.raises(pk.ValidationError) as info:
        pk.load(bad_file)
    # One line per error, the same lines as the library's.
    assert result.stdout.splitlines() == [str(issue) for issue in info.value.errors]
    assert result.stdout.splitlines() == [
        f'{bad_file}: /people/0/organization: expected a known organization id, got "vocaa" (did you mean "voca"?)',
        f'{bad_file}: /start: expected a day that exists, YYYY-MM-DD, got "2027-02-30"',
        f'{bad_file}: /timezone: expected an IANA time zone name such as America/Denver, got "Mars/Olympus"',
    ]


def test_validate_some_bad(cli: Path, state_cac_voca_path: Path, bad_file: Path) -> None:
    result = run(cli, "validate", state_cac_voca_path, bad_file)
    assert result.returncode == 2
    assert result.stdout.startswith(f"{state_cac_voca_path}: valid ")


def test_validate_json(cli: Path, state_cac_voca_path: Path, bad_file: Path) -> None:
    result = run(cli, "validate", state_cac_voca_path, bad_file, "--format", "json")
    assert result.returncode == 2
    good, bad = json.loads(result.stdout)
    p = pk.load(state_cac_voca_path)
    assert good == {"file": str(state_cac_voca_path), "valid": True, "name": p.name, "counts": counts(p)}
    with pytest.raises(pk.ValidationError) as info:
        pk.load(bad_file)
    assert bad["file"] == str(bad_file) and bad["valid"] is False
    assert bad["errors"] == [{"file": i.file, "pointer": i.path, "message": i.message} for i in info.value.errors]


def test_validate_stdin(cli: Path, child_support_courts_path: Path) -> None:
    text = child_support_courts_path.read_text(encoding="utf-8")
    result = run(cli, "validate", "-", input=text)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == summary("-", pk.loads(text))


def test_validate_stdin_bad(cli: Path) -> None:
    result = run(cli, "validate", "-", input='{"format": "partnerkit/1"}')
    assert result.returncode == 2
    assert result.stdout == '-: /: missing required key "name" (expected a non-empty string)\n'


def test_help(cli: Path) -> None:
    result = run(cli, "--help")
    assert result.returncode == 0
    assert "validate" in result.stdout
    result = run(cli, "validate", "--help")
    assert result.returncode == 0
    assert "--format" in result.stdout and "standard input" in result.stdout


def test_version(cli: Path) -> None:
    result = run(cli, "--version")
    assert result.returncode == 0
    assert result.stdout == f"partnerkit {pk.__version__}\n"


def test_missing_file(cli: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    result = run(cli, "validate", missing)
    assert result.returncode == 2
    assert result.stdout == f"{missing}: cannot open: No such file or directory\n"


def test_usage_errors(cli: Path) -> None:
    assert run(cli).returncode == 2  # no subcommand
    assert run(cli, "validate").returncode == 2  # no file
    assert run(cli, "validate", "x.json", "--format", "yaml").returncode == 2


def _with(change) -> bytes:
    doc = small_document()
    change(doc)
    return json.dumps(doc).encode()


def _big_with_error_at_end() -> bytes:
    doc = small_document()
    org = doc["organizations"][0]
    doc["organizations"] = [{**org, "id": f"org-{i}", "name": "Organization " + "x" * 200} for i in range(200_000)]
    doc["people"] = []
    doc["worksheets"] = []
    doc["organizations"][-1]["core"] = "yes"
    return json.dumps(doc).encode()


MALFORMED = {
    "empty": (b"", "/: the input is empty; expected a JSON object"),
    "not-json": (b"partnership", "/: not valid JSON: parse error at line 1, column 1: syntax error while parsing value - invalid literal"),
    "truncated": (b'{"format": "partnerkit/1", "name": "x", "organizations": [', "/: not valid JSON: parse error"),
    "invalid-utf8": (b'{"format": "partnerkit/1", "name": "\xff"}', "/: not valid JSON: parse error at line 1, column 37: syntax error while parsing value - invalid string: ill-formed UTF-8 byte"),
    "wrong-types": (_with(lambda d: d.update(name=5)), "/name: expected a non-empty string, got 5"),
    "deep": (b"[" * 200_000, "/: nesting deeper than 256 levels at line 1, column 257"),
    "nul-after-value": (b'{"format": "partnerkit/1", "name": "x"}\x00', "/: not valid JSON: NUL byte at line 1, column 40"),
    "duplicate-id": (
        _with(lambda d: d["organizations"].append(dict(d["organizations"][0]))),
        "expected a unique organization id",
    ),
    "dangling-reference": (
        _with(lambda d: d["people"][0].update(organization="nobody")),
        "/people/0/organization: expected a known organization id, got \"nobody\"",
    ),
    "impossible-date": (_with(lambda d: d.update(start="2027-02-30")), "/start: expected a day that exists"),
    "unknown-timezone": (
        _with(lambda d: d.update(timezone="Mars/Olympus")),
        "/timezone: expected an IANA time zone name such as America/Denver, got \"Mars/Olympus\"",
    ),
    "50MB-error-at-end": (_big_with_error_at_end(), "/organizations/199999/core: expected a boolean, got \"yes\""),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_input_exits_2_with_file_and_pointer(cli: Path, tmp_path: Path, case: str) -> None:
    data, expected = MALFORMED[case]
    path = tmp_path / f"{case}.json"
    path.write_bytes(data)
    result = subprocess.run([cli, "validate", str(path)], capture_output=True, timeout=120)
    assert result.returncode == 2, result.stderr
    lines = result.stdout.decode().splitlines()
    assert lines, result.stderr
    assert all(line.startswith(f"{path}: /") for line in lines), lines
    assert any(expected in line for line in lines), lines
