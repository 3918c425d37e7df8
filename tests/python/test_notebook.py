"""The notebook tour runs green in a real Jupyter kernel (nbclient + ipykernel)."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[2]
TOUR = REPO / "examples" / "notebooks" / "tour.ipynb"


def test_tour_notebook_runs_without_error(tmp_path: Path) -> None:
    # Run a copy next to a copy of the example documents: the repository is never written.
    shutil.copytree(REPO / "examples" / "partnerships", tmp_path / "partnerships")
    (tmp_path / "notebooks").mkdir()
    nb = nbformat.read(TOUR, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path / "notebooks")}})
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    # The picture of the network is an SVG drawn by Graphviz; the report was written.
    assert any("image/svg+xml" in o.get("data", {}) for o in outputs)
    report = tmp_path / "notebooks" / "tour-report.html"
    assert report.stat().st_size > 10_000
    assert "<section" in report.read_text(encoding="utf-8")


def test_tour_notebook_is_stored_without_outputs() -> None:
    # Outputs belong to a run, not to the repository: a stored output would go stale silently.
    nb = nbformat.read(TOUR, as_version=4)
    nbformat.validate(nb)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")
