"""One version everywhere: the C++ library, the package metadata and the CLI."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
from pathlib import Path

import partnerkit as pk
from partnerkit import _core

from conftest import REPO


def test_versions_agree(cli: Path) -> None:
    run = subprocess.run([cli, "--version"], capture_output=True, text=True, timeout=60, check=True)
    assert run.stdout.strip() == f"partnerkit {pk.__version__}"
    assert pk.__version__ == _core.version == importlib.metadata.version("partnerkit")


def test_version_comes_from_cmake() -> None:
    cmake = (REPO / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(\s*partnerkit\s+VERSION\s+([0-9]+\.[0-9]+\.[0-9]+)", cmake)
    assert match, "project(partnerkit VERSION x.y.z) not found in CMakeLists.txt"
    assert pk.__version__ == match.group(1)
