// The notebook site's build (scripts/build_lite.py -> build/lite): its configuration, its start-up
// package, and that package at work in the site's own Pyodide under Node, with the kernel's
// piplite and the site served on 127.0.0.1: micropip installs from the site's index only (no
// request to any other host), an unknown package gets a clear error, `import numpy` explains.
//
//   node --test tests/e2e/lite-build.test.mjs      (needs build/lite: bash scripts/build.sh)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadPyodide } from 'pyodide';
import { ROOT, VERSION, requireFile } from './browser.mjs';
import { startServer } from '../../scripts/serve.mjs';

const LITE = path.join(ROOT, 'build/lite');
const PYODIDE_DIR = path.join(LITE, 'static/pyodide');
const KERNEL_PLUGIN = '@jupyterlite/pyodide-kernel-extension:kernel';
const SITE_PACKAGE = 'fastwasm-lite-site';

let settings;
let lock;
let server;

before(async () => {
  requireFile('build/lite/jupyter-lite.json', 'build the notebook site first with `bash scripts/build.sh`');
  const config = JSON.parse(fs.readFileSync(path.join(LITE, 'jupyter-lite.json'), 'utf8'));
  settings = config['jupyter-config-data'].litePluginSettings[KERNEL_PLUGIN];
  lock = JSON.parse(fs.readFileSync(path.join(PYODIDE_DIR, 'pyodide-lock.json'), 'utf8'));
  server = await startServer({ port: 0, host: '127.0.0.1' });
});

after(async () => {
  await server?.close();
});

test('the kernel pre-loads the start-up package and runs its start-up file', () => {
  assert.equal(settings.disablePyPIFallback, true);
  assert.deepEqual(settings.loadPyodideOptions.packages, ['fastwasm', SITE_PACKAGE]);
  const [major, minor] = lock.info.python.split('.');
  assert.equal(
    settings.loadPyodideOptions.env.PYTHONSTARTUP,
    `/lib/python${major}.${minor}/site-packages/fastwasm_lite_site/startup.py`,
  );
  const entry = lock.packages[SITE_PACKAGE];
  assert.deepEqual(entry.imports, ['fastwasm_lite_site']);
  const wheel = fs.readFileSync(path.join(PYODIDE_DIR, entry.file_name));
  assert.equal(crypto.createHash('sha256').update(wheel).digest('hex'), entry.sha256);
  // Nothing in the lock or the settings points off the site.
  assert.ok(!JSON.stringify(settings).includes('://'), JSON.stringify(settings));
  for (const e of Object.values(lock.packages)) assert.ok(!e.file_name.includes('/'), e.file_name);
});

test("the start-up package, in the site's Pyodide: micropip stays on the site, numpy is explained", { timeout: 180_000 }, async () => {
  const requests = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    requests.push(String(input?.url ?? input));
    return realFetch(input, init);
  };
  try {
    const pyodide = await loadPyodide({
      indexURL: `${PYODIDE_DIR}/`,
      ...settings.loadPyodideOptions,
      stdout: () => {},
      stderr: () => {},
    });
    // The kernel's own micropip and piplite, set up as the kernel does (initPackageManager).
    await pyodide.loadPackage(['micropip'], { messageCallback: () => {} });
    const extension = path.join(LITE, 'extensions/@jupyterlite/pyodide-kernel-extension/static/pypi');
    const piplite = fs.readdirSync(extension).find((name) => /^piplite-.*\.whl$/.test(name));
    pyodide.FS.mkdirTree('/tmp/wheels');
    pyodide.FS.writeFile(`/tmp/wheels/${piplite}`, fs.readFileSync(path.join(extension, piplite)));
    const siteIndex = `${server.url}lite/pypi/all.json`;
    const result = await pyodide.runPythonAsync(`
import json, os
import micropip
await micropip.install("emfs:/tmp/wheels/${piplite}")
import piplite.piplite
piplite.piplite._PIPLITE_URLS = [${JSON.stringify(siteIndex)}]

startup = os.environ["PYTHONSTARTUP"]
namespace = {}
exec(compile(open(startup).read(), startup, "exec"), namespace)  # as IPython runs it
out = {"names": sorted(n for n in namespace if not n.startswith("__"))}
import importlib.metadata
out["site_version"] = importlib.metadata.version("fastwasm-lite-site")

try:
    import numpy
except ModuleNotFoundError as e:
    out["numpy"] = [type(e).__name__, str(e), e.name]

for name in ["pandas", "numpy"]:
    try:
        await micropip.install(name)
    except ValueError as e:
        out[name + "_install"] = str(e)

await micropip.install("pygal")
import pygal
out["pygal"] = pygal.__version__
import fastwasm
out["sum"] = fastwasm.sum([1, 2, 3.5])
json.dumps(out)
`);
    const out = JSON.parse(result);
    assert.deepEqual(out.names, []);
    assert.equal(out.site_version, VERSION); // an installed distribution, versioned as fastwasm
    assert.equal(out.numpy[0], 'ModuleNotFoundError');
    assert.match(out.numpy[1], /^No module named 'numpy': this offline notebook site ships no numpy/);
    assert.equal(out.numpy[2], 'numpy');
    for (const name of ['pandas', 'numpy']) {
      assert.match(
        out[`${name}_install`],
        new RegExp(`^'${name}' is not on this offline notebook site: .*\\bfastwasm\\b.*\\bpygal\\b.*never from the internet`),
      );
    }
    assert.equal(out.pygal, '3.1.3');
    assert.equal(out.sum, 6.5);
    assert.ok(requests.some((url) => url.startsWith(`${server.url}lite/pypi/`)), requests.join('\n'));
    const elsewhere = requests.filter((url) => /^https?:/.test(url) && !url.startsWith(server.url));
    assert.deepEqual(elsewhere, [], 'no request to another host');
  } finally {
    globalThis.fetch = realFetch;
  }
});
