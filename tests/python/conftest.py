"""Shared fixtures: the example documents (found from this file's place in the repository), a
small valid document, and the installed `partnerkit` command."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "partnerships"
STATE_CAC_VOCA = EXAMPLES / "state-cac-voca.json"
CHILD_SUPPORT_COURTS = EXAMPLES / "child-support-courts.json"


@pytest.fixture
def state_cac_voca_path() -> Path:
    return STATE_CAC_VOCA


@pytest.fixture
def child_support_courts_path() -> Path:
    return CHILD_SUPPORT_COURTS


@pytest.fixture(params=[STATE_CAC_VOCA, CHILD_SUPPORT_COURTS], ids=lambda p: p.stem)
def example_path(request: pytest.FixtureRequest) -> Path:
    return request.param


def small_document() -> dict:
    """A small valid document; tests change one thing in it to make it invalid."""
    return {
        "format": "partnerkit/1",
        "name": "Test partnership",
        "timezone": "America/Denver",
        "organizations": [
            {"id": "chapter", "name": "CAC State Chapter", "category": "cac-chapter", "core": True},
            {"id": "voca", "name": "VOCA Administering Agency", "category": "voca-administrator", "core": True},
        ],
        "people": [{"id": "ed", "name": "A. Rivera", "organization": "chapter"}],
    }


@pytest.fixture
def small_doc() -> dict:
    return small_document()


@pytest.fixture
def small_text() -> str:
    return json.dumps(small_document())


@pytest.fixture(scope="session")
def cli() -> Path:
    """The `partnerkit` command that `pip install .` put next to this interpreter."""
    path = Path(sys.executable).parent / "partnerkit"
    if not path.exists():
        pytest.fail(f"no partnerkit command next to {sys.executable}; run pip install . first")
    return path
