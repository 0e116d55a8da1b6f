"""The example notebooks (notebooks/*.ipynb) run unchanged on CPython, with fastwasm's native build.

Each notebook file is executed as it is with nbclient on an ipykernel of this interpreter (the venv
that has the native wheel installed), with notebooks/ as its working directory. Every code cell
must run without an error, and the outputs must pass the checks of tests/notebooks/checks.json: the
same table the JupyterLite test (tests/e2e/notebooks.test.mjs) applies in the browser, here with
the backend "native".

The kernelspec (a temporary one naming this interpreter), connection files and IPython's profile
live in a temporary directory: the test reads and writes no user-wide Jupyter or IPython state.

    build/native-venv/bin/python -m pytest tests/native/test_notebooks.py
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
NotebookClient = pytest.importorskip("nbclient").NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
CHECKS = json.loads((ROOT / "tests" / "notebooks" / "checks.json").read_text(encoding="utf-8"))
NAMES = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))
BACKEND = "native"
KERNEL = "fastwasm-native"
# Generous for one cell (the speed comparison's slowest, timing pure-Python Mandelbrot, takes a few
# seconds); all three notebooks together take well under the file's budget of 90 s.
CELL_TIMEOUT = 120
KERNEL_START_TIMEOUT = 60
IMG_DATA = re.compile(r'<img\b[^>]*src="data:image/(png|svg\+xml)')


@pytest.fixture(scope="module")
def kernel_name(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A kernelspec for ipykernel on this interpreter, and a private Jupyter and IPython home."""
    # Like the other native tests, these skip themselves on another backend (scripts/test-native.sh
    # checks that the suite's venv has the native one).
    fastwasm = pytest.importorskip("fastwasm")
    if fastwasm.backend != "native":
        pytest.skip("needs fastwasm's native backend (CPython)")
    home = tmp_path_factory.mktemp("jupyter")
    spec = home / "path" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    # ipykernel on this interpreter, with plain (uncoloured) tracebacks for a failure's report.
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    argv.append("--InteractiveShell.colors=nocolor")
    kernelspec = {"argv": argv, "display_name": "Python (fastwasm native)", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernelspec), encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        # The kernel process inherits these, so its IPython profile and history are private too.
        env.setenv("JUPYTER_PATH", str(home / "path"))
        env.setenv("JUPYTER_DATA_DIR", str(home / "data"))
        env.setenv("JUPYTER_CONFIG_DIR", str(home / "config"))
        env.setenv("JUPYTER_RUNTIME_DIR", str(home / "runtime"))
        env.setenv("JUPYTER_PLATFORM_DIRS", "1")
        env.setenv("IPYTHONDIR", str(home / "ipython"))
        yield KERNEL


def as_text(value: str | list[str] | None) -> str:
    """nbformat text: a string, or a list of lines."""
    if value is None:
        return ""
    return value if isinstance(value, str) else "".join(value)


def output_text(output: dict[str, Any]) -> str:
    """All the text of one output: stream text, every text/* of a display, or an error."""
    if output["output_type"] == "stream":
        return as_text(output["text"])
    if output["output_type"] == "error":
        return f"{output['ename']}: {output['evalue']}"
    data = output.get("data", {})
    return "\n".join(as_text(value) for mime, value in data.items() if mime.startswith("text/"))


def count_images(outputs: list[dict[str, Any]]) -> int:
    """The inline images of some outputs: PNG or SVG outputs, and data: images in HTML outputs."""
    n = 0
    for output in outputs:
        data = output.get("data", {})
        n += bool(data.get("image/png") or data.get("image/svg+xml"))
        n += len(IMG_DATA.findall(as_text(data.get("text/html"))))
    return n


def check_cells(name: str, cells: list[dict[str, Any]]) -> None:
    """Checks the code cells of a run notebook against its entry in checks.json (see $comment)."""
    by_id = {cell["id"]: cell for cell in cells}
    for cell_id, check in CHECKS[name].items():
        where = f'{name}, cell "{cell_id}"'
        assert cell_id in by_id, f"{where}: no such code cell"
        outputs = by_id[cell_id]["outputs"]
        if "result" in check:
            results = [o for o in outputs if o["output_type"] == "execute_result"]
            got = as_text(results[0]["data"].get("text/plain")) if results else None
            assert got == check["result"], f"{where}: its result"
        text = "\n".join(output_text(o) for o in outputs)
        for pattern in check.get("output", []):
            regex = re.compile(pattern.replace("{backend}", BACKEND), re.MULTILINE)
            assert regex.search(text), f"{where}: no output matches {regex.pattern!r} in:\n{text}"
        if "images" in check:
            assert count_images(outputs) == check["images"], f"{where}: inline images"


def code_cells(notebook: Any) -> list[dict[str, Any]]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def test_every_notebook_has_checks_of_its_code_cells() -> None:
    assert NAMES == sorted(key for key in CHECKS if not key.startswith("$"))
    for name in NAMES:
        ids = {cell.id for cell in code_cells(nbformat.read(NOTEBOOKS / name, as_version=4))}
        missing = sorted(set(CHECKS[name]) - ids)
        assert not missing, f"{name} has no code cells {missing}"


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_unchanged_and_shows_the_expected_values(name: str, kernel_name: str) -> None:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name=kernel_name,
        timeout=CELL_TIMEOUT,
        startup_timeout=KERNEL_START_TIMEOUT,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()  # raises CellExecutionError, with the cell and its traceback, on an error

    cells = code_cells(notebook)
    not_run = [cell.id for cell in cells if not isinstance(cell.execution_count, int)]
    assert not not_run, f"{name}: cells {not_run} did not run"
    check_cells(name, cells)
