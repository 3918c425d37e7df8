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


COMMANDS = ["validate", "stage", "graph", "groups", "import-survey", "plan", "schedule", "themes", "ideas",
            "import-worksheets", "report"]


def test_version_is_the_projects(cli: Path) -> None:
    import re

    from conftest import REPO

    cmake = (REPO / "CMakeLists.txt").read_text(encoding="utf-8")
    version = re.search(r"project\(\s*partnerkit\s+VERSION\s+([0-9.]+)", cmake)
    assert version
    result = run(cli, "--version")
    assert result.returncode == 0 and result.stdout == f"partnerkit {version.group(1)}\n"


def test_main_help_lists_every_command(cli: Path) -> None:
    result = run(cli, "--help")
    assert result.returncode == 0
    for command in COMMANDS:
        assert f"\n  {command}" in result.stdout, command
    assert "--quiet" in result.stdout and "Example: partnerkit " in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_an_example(cli: Path, command: str) -> None:
    result = run(cli, command, "--help")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith("Example"))
    example = lines[heading + 1].strip()
    assert example.startswith(f"partnerkit {command} "), example
    # Options spelled the same everywhere they apply.
    if "--output" in result.stdout:
        assert "-o,--output" in result.stdout
    assert "--format" in result.stdout


def run_with_terminal(cli: Path, *args: object, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Runs the command with standard error on a pseudo-terminal; returns its status and what it wrote there."""
    import os

    main, side = os.openpty()
    try:
        result = subprocess.run([cli, *map(str, args)], stdout=subprocess.DEVNULL, stderr=side, timeout=120,
                                env={**os.environ, **(env or {})})
        os.close(side)
        side = -1
        chunks = []
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return result.returncode, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    finally:
        if side >= 0:
            os.close(side)
        os.close(main)


def test_progress_on_a_terminal_only(cli: Path, state_cac_voca_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    # A run longer than the threshold (0 s here) says so on a terminal...
    code, err = run_with_terminal(cli, "report", state_cac_voca_path, "-o", out, env={"PARTNERKIT_PROGRESS_AFTER": "0"})
    assert code == 0
    lines = err.splitlines()
    assert lines[0] == "partnerkit report: working..."
    assert lines[1].startswith("partnerkit report: done in ") and lines[1].endswith(" s")
    # ...not with --quiet (before or after the command), not under the default second for a fast run...
    for args in (["--quiet", "report"], ["report", "-q"]):
        code, err = run_with_terminal(cli, *args, state_cac_voca_path, "-o", out, env={"PARTNERKIT_PROGRESS_AFTER": "0"})
        assert (code, err) == (0, "")
    code, err = run_with_terminal(cli, "validate", state_cac_voca_path)
    assert (code, err) == (0, "")
    # ...and not when standard error is a pipe.
    result = subprocess.run([cli, "validate", state_cac_voca_path], capture_output=True, text=True, timeout=60,
                            env={**__import__("os").environ, "PARTNERKIT_PROGRESS_AFTER": "0"})
    assert result.returncode == 0 and result.stderr == ""
