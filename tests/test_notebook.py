"""The example notebook runs from top to bottom in a fresh kernel, as a reader would run it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "examples" / "analysis.ipynb"


def test_committed_without_outputs() -> None:
    """Outputs and execution counts are not committed: the notebook is source, not a record."""
    cells = json.loads(NOTEBOOK.read_text("utf-8"))["cells"]
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    assert code
    assert all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)


def test_notebook_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Before importing nbclient: jupyter_core 5 releases that still migrate their paths
    # to platformdirs warn (DeprecationWarning, an error here) unless the process opts
    # in; opting in is jupyter_core's documented answer, and the kernel inherits it.
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    nbformat = pytest.importorskip("nbformat", reason="the test extra (nbformat) is not installed")
    nbclient = pytest.importorskip("nbclient", reason="the test extra (nbclient) is not installed")
    pytest.importorskip("ipykernel", reason="the test extra (ipykernel) is not installed")

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()

    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    errors = [output for output in outputs if output["output_type"] == "error"]
    assert not errors, errors
    stderr = [output["text"] for output in outputs if output.get("name") == "stderr"]
    assert not stderr, stderr  # warnings raised in the kernel, such as deprecations
    text = "\n".join(
        output.get("text", "") or output.get("data", {}).get("text/plain", "") for output in outputs
    )
    assert "208.542 billion yuan" in text  # the GDP series, printed with its quote
    assert "reported growth 13.9 percent" in text  # the audit's inconsistency finding
    images = [output for output in outputs if "image/png" in output.get("data", {})]
    assert len(images) >= 2  # the hand-made chart and gb.metrics.gdp.plot()
    html = "\n".join(output.get("data", {}).get("text/html", "") for output in outputs)
    for display in ("registry", "fact", "facts", "metric", "series", "coverage", "audit"):
        assert f'<div class="guizhou-bigdata-{display}">' in html, display  # the rich displays
    assert "guiyang.gdp.2018.beltandroad" in html  # series.to_pandas() carries the fact ids
    # as known then: a page of April 2019 (cited by reference) already gave 2018's growth
    known_then = (
        "<Series 'digital_economy_growth' of 'guizhou': 1 point, 2018 to 2018, "
        "as known on 2019-06-01>"
    )
    assert known_then in text
    assert "3891.0 yuan * 亿" in text  # a scale word
