// Runs the Python test suite (tests/python/test_*.py) with pytest inside Pyodide under Node.
//
//   bash scripts/build.sh && node tests/python/run.mjs [extra pytest args...]
//
// The fastwasm wheel from python/dist/ is installed the way a user installs it, with micropip,
// from Pyodide's in-memory file system. pytest and micropip come from the pure-Python wheels that
// scripts/install.sh puts in build/pyodide-wheels/. Exits with pytest's exit code; "no tests
// collected" (5) counts as a failure.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPyodide } from 'pyodide';
import { PYODIDE_WHEEL, wheelsIn } from './wheels.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wheelDir = path.join(root, 'python/dist');
const depsDir = path.join(root, 'build/pyodide-wheels');

function fail(message) {
  console.error(`tests/python/run.mjs: ${message}`);
  process.exit(2);
}

const fastwasmWheels = wheelsIn(wheelDir, 'fastwasm-', PYODIDE_WHEEL);
if (fastwasmWheels.length !== 1) {
  fail(
    fastwasmWheels.length === 0
      ? `no fastwasm wheel in ${wheelDir}; build it first with: bash scripts/build.sh`
      : `expected one fastwasm wheel in ${wheelDir}, found ${fastwasmWheels.length}; rebuild with: bash scripts/build.sh`,
  );
}
const depWheels = wheelsIn(depsDir);
for (const name of ['micropip', 'packaging', 'pytest', 'pluggy', 'iniconfig', 'pygments']) {
  if (!depWheels.some((w) => path.basename(w).startsWith(`${name}-`))) {
    fail(`${name} wheel missing from ${depsDir}; fetch the test wheels with: bash scripts/install.sh`);
  }
}

// Copies a host directory tree into the Pyodide file system (skipping caches).
function copyTree(pyodide, hostDir, fsDir) {
  pyodide.FS.mkdirTree(fsDir);
  for (const entry of fs.readdirSync(hostDir, { withFileTypes: true })) {
    if (entry.name === '__pycache__' || entry.name === '.pytest_cache') continue;
    const src = path.join(hostDir, entry.name);
    const dst = `${fsDir}/${entry.name}`;
    if (entry.isDirectory()) copyTree(pyodide, src, dst);
    else if (entry.isFile()) pyodide.FS.writeFile(dst, fs.readFileSync(src));
  }
}

const pyodide = await loadPyodide();
// Pass pytest's output through unchanged (no line batching or prefixes).
const passthrough = (stream) => ({
  write(bytes) {
    stream.write(Buffer.from(bytes)); // copied: Pyodide reuses its buffer
    return bytes.length;
  },
});
pyodide.setStdout(passthrough(process.stdout));
pyodide.setStderr(passthrough(process.stderr));

await pyodide.loadPackage(depWheels, { messageCallback: () => {} });

const wheel = fastwasmWheels[0];
const emWheel = `/tmp/wheels/${path.basename(wheel)}`;
pyodide.FS.mkdirTree('/tmp/wheels');
pyodide.FS.writeFile(emWheel, fs.readFileSync(wheel));

copyTree(pyodide, path.join(root, 'tests/python'), '/tests/python');
const fixtures = path.join(root, 'tests/fixtures');
pyodide.FS.mkdirTree('/tests/fixtures');
if (fs.existsSync(fixtures)) copyTree(pyodide, fixtures, '/tests/fixtures');

// The test-only trap build (scripts/build-trap-test.sh), for test_trap.py.
const trapBuild = path.join(root, 'build/trap/no-modules');
if (fs.existsSync(trapBuild)) copyTree(pyodide, trapBuild, '/trap-build');

const args = ['-v', '-p', 'no:cacheprovider', '/tests/python', ...process.argv.slice(2)];
pyodide.globals.set('pytest_args', pyodide.toPy(args));
pyodide.globals.set('wheel_url', `emfs:${emWheel}`);

let code;
try {
  code = await pyodide.runPythonAsync(`
import os, sys
import micropip
await micropip.install(wheel_url)

import pytest
os.chdir("/tests")
sys.stdout.flush()
int(pytest.main(list(pytest_args)))
`);
} catch (err) {
  console.error(err);
  process.exit(2);
}
if (code === 5) console.error('tests/python/run.mjs: pytest collected no tests');
process.exit(code === 0 ? 0 : code || 1);
