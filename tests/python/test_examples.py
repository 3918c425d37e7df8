"""The examples in examples/python run and print what the README shows."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_quickstart_runs() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "python" / "quickstart.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Partnership(name='Mountain State CAC Chapter and VOCA Administrator partnership'")
    assert lines[1] == "['chapter', 'voca']"
    assert lines[2].startswith("Meeting(id='in-person-1', kind='in-person'")
    assert lines[3] == '/people/0/organization -> expected a known organization id, got "vocaa"'
