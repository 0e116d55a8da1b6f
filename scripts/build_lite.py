"""Builds the offline JupyterLite site with fastwasm into build/lite/.

Run with the build venv's Python (scripts/build.sh does): build/lite-venv/bin/python scripts/build_lite.py

- build/lite-src/ is a fresh lite dir each time (so no stale .jupyterlite.doit.db survives):
  - static/pyodide/: the npm pyodide@314.0.6 core, the pure-Python wheels its kernel loads
    (downloaded from PyPI by scripts/install.sh) and a pyodide-lock.json trimmed to what is shipped,
    with file names and sha256 rewritten to the shipped wheels, plus a `fastwasm` entry so the
    kernel pre-installs it;
  - pypi/: the piplite index: fastwasm's wheel, comm and the chart library (`%pip install NAME`);
  - jupyter-lite.json: PyPI fallback off, fastwasm pre-loaded.
- notebooks/ become the site's contents.
- The result is checked: pyodideUrl is local and every lock entry's wheel is on disk.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "build" / "lite-src"
OUT = ROOT / "build" / "lite"
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
PYODIDE_WHEELS = ROOT / "build" / "lite-wheels" / "pyodide"
PIPLITE_WHEELS = ROOT / "build" / "lite-wheels" / "piplite"
FASTWASM_DIST = ROOT / "python" / "dist"
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
PYODIDE_FILES = [
    "pyodide.mjs",
    "pyodide.js",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
]


def normalize(name: str) -> str:
    """PEP 503 normalised project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_project(path: Path) -> tuple[str, str]:
    """(normalised name, version) from a wheel file name."""
    name, version = path.name.split("-")[:2]
    return normalize(name), version


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_list(path: Path) -> list[tuple[str, str]]:
    """name==version lines of a wheel list, comments skipped."""
    out = []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            out.append((normalize(name), version))
    return out


def find_wheel(directory: Path, name: str, version: str) -> Path:
    for path in sorted(directory.glob("*.whl")):
        if wheel_project(path) == (name, version):
            return path
    sys.exit(f"build_lite: {name}=={version} missing from {directory} (run scripts/install.sh)")


def fastwasm_wheel() -> Path:
    wheels = sorted(FASTWASM_DIST.glob("fastwasm-*-py3-none-any.whl"))
    if len(wheels) != 1:
        sys.exit(f"build_lite: expected one fastwasm wheel in {FASTWASM_DIST}, found {len(wheels)}")
    return wheels[0]


def build_pyodide_dir(fastwasm: Path) -> None:
    """static/pyodide/: core files, shipped wheels and the trimmed, rewritten lock."""
    dest = SRC / "static" / "pyodide"
    dest.mkdir(parents=True)
    for name in PYODIDE_FILES:
        shutil.copy2(PYODIDE_NPM / name, dest / name)
    lock = json.loads((dest / "pyodide-lock.json").read_text())
    keys = {normalize(key): key for key in lock["packages"]}

    kept = {}
    for name, version in read_list(ROOT / "scripts" / "lite" / "pyodide-wheels.txt"):
        key = keys.get(name)
        entry = lock["packages"].get(key)
        if entry is None or entry["version"] != version:
            sys.exit(f"build_lite: {name}=={version} is not in pyodide-lock.json at that version")
        wheel = find_wheel(PYODIDE_WHEELS, name, version)
        digest = sha256(wheel)
        if (entry["file_name"], entry["sha256"]) != (wheel.name, digest):
            entry = {**entry, "file_name": wheel.name, "sha256": digest}
        shutil.copy2(wheel, dest / wheel.name)
        kept[key] = entry

    name, version = wheel_project(fastwasm)
    shutil.copy2(fastwasm, dest / fastwasm.name)
    kept["fastwasm"] = {
        "name": name,
        "version": version,
        "file_name": fastwasm.name,
        "install_dir": "site",
        "sha256": sha256(fastwasm),
        "package_type": "package",
        "imports": ["fastwasm"],
        "depends": [],
        "unvendored_tests": False,
    }

    names = {normalize(key) for key in kept}
    for entry in kept.values():
        missing = [dep for dep in entry["depends"] if normalize(dep) not in names]
        if missing:
            sys.exit(f"build_lite: {entry['name']} depends on {missing}, not shipped")
    lock["packages"] = dict(sorted(kept.items()))
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n")


def build_piplite_index(fastwasm: Path) -> None:
    """pypi/: wheels for `%pip install` (the build indexes them into all.json)."""
    dest = SRC / "pypi"
    dest.mkdir(parents=True)
    for name, version in read_list(ROOT / "scripts" / "lite" / "piplite-wheels.txt"):
        shutil.copy2(find_wheel(PIPLITE_WHEELS, name, version), dest)
    shutil.copy2(fastwasm, dest / fastwasm.name)


def write_lite_config() -> None:
    config = {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "fastwasm notebooks",
            # window.jupyterapp, so the end-to-end test can run all cells through the app's commands.
            "exposeAppInBrowser": True,
            "litePluginSettings": {
                KERNEL_PLUGIN: {
                    "disablePyPIFallback": True,
                    "loadPyodideOptions": {"packages": ["fastwasm"]},
                }
            },
        },
    }
    (SRC / "jupyter-lite.json").write_text(json.dumps(config, indent=2) + "\n")


def check_output() -> None:
    config = json.loads((OUT / "jupyter-lite.json").read_text())
    settings = config["jupyter-config-data"]["litePluginSettings"][KERNEL_PLUGIN]
    url = settings.get("pyodideUrl", "")
    if not url.startswith("./static/pyodide/"):
        sys.exit(f"build_lite: pyodideUrl is {url!r}, not the local copy")
    pyodide_dir = OUT / "static" / "pyodide"
    lock = json.loads((pyodide_dir / "pyodide-lock.json").read_text())
    for entry in lock["packages"].values():
        wheel = pyodide_dir / entry["file_name"]
        if not wheel.is_file() or sha256(wheel) != entry["sha256"]:
            sys.exit(f"build_lite: lock entry {entry['name']} does not match {wheel}")
    index = json.loads((OUT / "pypi" / "all.json").read_text())
    for name in ["fastwasm", "comm", "pygal"]:
        if name not in index:
            sys.exit(f"build_lite: {name} missing from the piplite index")


def main() -> None:
    fastwasm = fastwasm_wheel()
    shutil.rmtree(SRC, ignore_errors=True)
    shutil.rmtree(OUT, ignore_errors=True)
    SRC.mkdir(parents=True)
    build_pyodide_dir(fastwasm)
    build_piplite_index(fastwasm)
    write_lite_config()
    jupyter = Path(sys.executable).parent / "jupyter"
    subprocess.run(
        [
            str(jupyter), "lite", "build",
            "--lite-dir", str(SRC),
            "--output-dir", str(OUT),
            "--contents", str(ROOT / "notebooks"),
        ],
        check=True,
        cwd=SRC,
    )
    check_output()
    print(f"build_lite: site in {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
