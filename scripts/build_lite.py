"""Builds the offline JupyterLite site with fastwasm into build/lite/.

Run with the build venv's Python (scripts/build.sh does): build/lite-venv/bin/python scripts/build_lite.py

- build/lite-src/ is a fresh lite dir each time (so no stale .jupyterlite.doit.db survives):
  - static/pyodide/: the npm pyodide@314.0.6 core, the pure-Python wheels its kernel loads
    (downloaded from PyPI by scripts/install.sh) and a pyodide-lock.json trimmed to what is shipped,
    with file names and sha256 rewritten to the shipped wheels, plus entries for `fastwasm` and
    `fastwasm-lite-site` (scripts/lite/site/, packed into a wheel here) so the kernel pre-installs
    them;
  - pypi/: the piplite index: fastwasm's wheel, comm and the chart library (`%pip install NAME`);
  - jupyter-lite.json: PyPI fallback off, fastwasm and fastwasm-lite-site pre-loaded, and
    PYTHONSTARTUP set to fastwasm_lite_site/startup.py, which the kernel's IPython runs at start:
    micropip then looks packages up in the site's index only (a direct `micropip.install` never
    reaches the internet) and `import numpy` says the site has no numpy.
- notebooks/ become the site's contents.
- scripts/lite/coincident-shim.js is copied to the site's root and loaded by a <script> tag placed
  before the app's scripts in every page that starts the app (the pages that import
  config-utils.js): the site is cross-origin isolated, and the kernel's `coincident` channel needs
  every Atomics.waitAsync result to be a promise, and shared memory (see the shim's header).
- The result is checked: pyodideUrl is local, every lock entry's wheel is on disk, the start-up
  package is pre-loaded, PYTHONSTARTUP names a file of its wheel, and every page that starts the
  app loads the shim first.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "build" / "lite-src"
OUT = ROOT / "build" / "lite"
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
PYODIDE_WHEELS = ROOT / "build" / "lite-wheels" / "pyodide"
PIPLITE_WHEELS = ROOT / "build" / "lite-wheels" / "piplite"
FASTWASM_DIST = ROOT / "python" / "dist"
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
# The site's start-up settings (scripts/lite/site/fastwasm_lite_site/), shipped as a wheel.
SITE_PACKAGE_SRC = ROOT / "scripts" / "lite" / "site"
SITE_PACKAGE = "fastwasm-lite-site"
SITE_MODULE = "fastwasm_lite_site"
# The shim of the kernel's coincident channel, and the pages that need it: those that start the
# app load config-utils.js (the others only redirect). APP_PAGES must be among them.
SHIM_SRC = ROOT / "scripts" / "lite" / "coincident-shim.js"
SHIM = SHIM_SRC.name
APP_PAGE_MARKER = "config-utils.js"
APP_PAGES = [
    "index.html",
    *(f"{app}/index.html" for app in ["lab", "notebooks", "tree", "edit", "consoles", "repl"]),
]
CONFIG_TAG = re.compile(r'<script id="jupyter-config-data"[^>]*data-jupyter-lite-root="([^"]*)"')
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


def record_hash(data: bytes) -> str:
    """A wheel RECORD's hash of a file: urlsafe base64 of its sha256, unpadded."""
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def pack_site_wheel(dest: Path, version: str) -> Path:
    """The py3-none-any wheel of scripts/lite/site/ (the fastwasm_lite_site package), in dest."""
    dist_info = f"{SITE_MODULE}-{version}.dist-info"
    files = {
        f"{SITE_MODULE}/{path.name}": path.read_bytes()
        for path in sorted((SITE_PACKAGE_SRC / SITE_MODULE).glob("*.py"))
    }
    files[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {SITE_PACKAGE}\nVersion: {version}\n"
        "Summary: Start-up settings of fastwasm's offline notebook site\n"
    ).encode()
    files[f"{dist_info}/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: scripts/build_lite.py\nRoot-Is-Purelib: true\n"
        "Tag: py3-none-any\n"
    ).encode()
    record = [f"{name},sha256={record_hash(data)},{len(data)}" for name, data in files.items()]
    files[f"{dist_info}/RECORD"] = ("\n".join([*record, f"{dist_info}/RECORD,,"]) + "\n").encode()
    wheel = dest / f"{SITE_MODULE}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            # A fixed date: the same sources give the same wheel and sha256.
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            zf.writestr(info, data, zipfile.ZIP_DEFLATED)
    return wheel


def lock_entry(wheel: Path, name: str, module: str) -> dict:
    """A pyodide-lock.json entry for one of the site's own pure-Python wheels."""
    return {
        "name": name,
        "version": wheel_project(wheel)[1],
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": sha256(wheel),
        "package_type": "package",
        "imports": [module],
        "depends": [],
        "unvendored_tests": False,
    }


def startup_file(lock: dict) -> str:
    """Where Pyodide installs fastwasm_lite_site/startup.py (its site-packages)."""
    major, minor = lock["info"]["python"].split(".")[:2]
    return f"/lib/python{major}.{minor}/site-packages/{SITE_MODULE}/startup.py"


def build_pyodide_dir(fastwasm: Path) -> str:
    """static/pyodide/: core files, shipped wheels and the trimmed, rewritten lock. Returns the
    start-up file's path in Pyodide's file system."""
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

    shutil.copy2(fastwasm, dest / fastwasm.name)
    kept["fastwasm"] = lock_entry(fastwasm, "fastwasm", "fastwasm")
    site_wheel = pack_site_wheel(dest, wheel_project(fastwasm)[1])
    kept[SITE_PACKAGE] = lock_entry(site_wheel, SITE_PACKAGE, SITE_MODULE)

    names = {normalize(key) for key in kept}
    for entry in kept.values():
        missing = [dep for dep in entry["depends"] if normalize(dep) not in names]
        if missing:
            sys.exit(f"build_lite: {entry['name']} depends on {missing}, not shipped")
    lock["packages"] = dict(sorted(kept.items()))
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n")
    return startup_file(lock)


def build_piplite_index(fastwasm: Path) -> None:
    """pypi/: wheels for `%pip install` (the build indexes them into all.json)."""
    dest = SRC / "pypi"
    dest.mkdir(parents=True)
    for name, version in read_list(ROOT / "scripts" / "lite" / "piplite-wheels.txt"):
        shutil.copy2(find_wheel(PIPLITE_WHEELS, name, version), dest)
    shutil.copy2(fastwasm, dest / fastwasm.name)


def write_lite_config(startup: str) -> None:
    config = {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "fastwasm notebooks",
            # window.jupyterapp, so the end-to-end test can run all cells through the app's commands.
            "exposeAppInBrowser": True,
            "litePluginSettings": {
                KERNEL_PLUGIN: {
                    "disablePyPIFallback": True,
                    "loadPyodideOptions": {
                        "packages": ["fastwasm", SITE_PACKAGE],
                        # Run by the kernel's IPython before the first cell (not by Pyodide).
                        "env": {"PYTHONSTARTUP": startup},
                    },
                }
            },
        },
    }
    (SRC / "jupyter-lite.json").write_text(json.dumps(config, indent=2) + "\n")


def shim_tag(root: str) -> str:
    """The <script> tag that loads the shim from a page whose site root is `root` ("." or "..")."""
    return f'<script src="{root}/{SHIM}"></script>'


def app_pages() -> list[Path]:
    """The site's pages that start the app."""
    return [page for page in sorted(OUT.rglob("*.html")) if APP_PAGE_MARKER in page.read_text()]


def install_shim() -> None:
    """Copies the shim to the site's root and loads it, first, in every page that starts the app:
    a classic script just before the page's config block, so it runs before any of the app's
    code (config-utils.js and the bundles come after)."""
    shutil.copy2(SHIM_SRC, OUT / SHIM)
    for page in app_pages():
        html = page.read_text()
        match = CONFIG_TAG.search(html)
        if match is None:
            sys.exit(f"build_lite: {page.relative_to(OUT)} has no jupyter-config-data block")
        tag = shim_tag(match.group(1))
        page.write_text(f"{html[: match.start()]}{tag}\n    {html[match.start() :]}")


def check_shim() -> None:
    """The shim is on the site, and each page that starts the app loads it once, before the app."""
    if (OUT / SHIM).read_bytes() != SHIM_SRC.read_bytes():
        sys.exit(f"build_lite: {SHIM} is missing from the site or differs from {SHIM_SRC}")
    pages = app_pages()
    names = {page.relative_to(OUT).as_posix() for page in pages}
    for expected in APP_PAGES:
        if expected not in names:
            sys.exit(f"build_lite: {expected} does not look like a page that starts the app")
    for page in pages:
        html = page.read_text()
        match = CONFIG_TAG.search(html)
        tag = shim_tag(match.group(1)) if match else None
        if tag is None or html.count(SHIM) != 1 or html.find(tag) < 0:
            sys.exit(f"build_lite: {page.relative_to(OUT)} does not load {SHIM} exactly once")
        # Its first script (a preload <link> before it fetches, but runs nothing).
        if html.find(tag) != html.find("<script"):
            sys.exit(f"build_lite: {page.relative_to(OUT)} runs a script before {SHIM}")


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
    options = settings["loadPyodideOptions"]
    if SITE_PACKAGE not in options["packages"]:
        sys.exit(f"build_lite: {SITE_PACKAGE} is not pre-loaded")
    site_wheel = pyodide_dir / lock["packages"][SITE_PACKAGE]["file_name"]
    startup = options["env"]["PYTHONSTARTUP"]
    in_wheel = startup.split("/site-packages/", 1)[1]
    if in_wheel not in zipfile.ZipFile(site_wheel).namelist():
        sys.exit(f"build_lite: PYTHONSTARTUP {startup} is not a file of {site_wheel.name}")
    index = json.loads((OUT / "pypi" / "all.json").read_text())
    for name in ["fastwasm", "comm", "pygal"]:
        if name not in index:
            sys.exit(f"build_lite: {name} missing from the piplite index")
    check_shim()


def main() -> None:
    fastwasm = fastwasm_wheel()
    shutil.rmtree(SRC, ignore_errors=True)
    shutil.rmtree(OUT, ignore_errors=True)
    SRC.mkdir(parents=True)
    startup = build_pyodide_dir(fastwasm)
    build_piplite_index(fastwasm)
    write_lite_config(startup)
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
    install_shim()
    check_output()
    print(f"build_lite: site in {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
