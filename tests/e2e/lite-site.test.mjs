// The offline notebook site (build/lite) as a user meets it, without a notebook: a kernel started
// through the JupyterLite app runs code the way a cell does, in headless Chromium.
// - micropip.install called directly uses the site's own index: a shipped package installs, an
//   unknown one fails with a clear error (so does %pip install), and no request leaves 127.0.0.1;
// - `import numpy` says that the site has no numpy;
// - a bad fastwasm call's traceback ends in the function called (no internal frames);
// - the start-up settings leave no names in the user's namespace.
//
//   node --test tests/e2e/lite-site.test.mjs      (needs build/lite: bash scripts/build.sh)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, serveAndLaunch } from './browser.mjs';

const e2e = serveAndLaunch({
  'build/lite/jupyter-lite.json': 'build the notebook site first with `bash scripts/build.sh`',
});

/** Starts a Python kernel in the notebook app; resolves once it answers. */
async function startKernel(page) {
  await page.goto(`${e2e.server.url}lite/lab/index.html`);
  // The kernel is registered by a plugin: wait until every plugin has started and its spec is listed.
  await page.waitForFunction(() => window.jupyterapp?.serviceManager?.kernelspecs, null, { timeout: 120_000, polling: 250 });
  await page.evaluate(async () => {
    await window.jupyterapp.restored;
    const manager = window.jupyterapp.serviceManager.kernels;
    await manager.ready;
    await window.jupyterapp.serviceManager.kernelspecs.ready;
    window.liteKernel = await manager.startNew({ name: 'python' });
  });
}

/** Runs `code` as a cell: its streams (in order), result and error. */
function run(page, code) {
  return page.evaluate(async (source) => {
    const out = { stdout: '', stderr: '', result: undefined, error: undefined };
    const future = window.liteKernel.requestExecute({ code: source, store_history: false });
    future.onIOPub = (msg) => {
      const { msg_type: type } = msg.header;
      const c = msg.content;
      if (type === 'stream') out[c.name] += c.text;
      else if (type === 'execute_result') out.result = c.data['text/plain'];
      // The Pyodide kernel names the class as str(type): "<class 'ValueError'>".
      else if (type === 'error') {
        const ename = c.ename.replace(/^<class '(.*)'>$/, '$1');
        out.error = { ename, evalue: c.evalue, traceback: c.traceback.join('\n') };
      }
    };
    await future.done;
    return out;
  }, code);
}

// IPython's tracebacks are coloured.
const plain = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');

test('the notebook site: micropip stays on the site, numpy is explained, tracebacks are short', { timeout: 300_000 }, async () => {
  const { context, page, problems } = await openPage(e2e.browser);
  try {
    await startKernel(page);
    assert.equal((await run(page, 'import fastwasm\nfastwasm.sum([1, 2, 3.5])')).result, '6.5');

    // The start-up file (PYTHONSTARTUP) ran and left no names behind.
    const names = await run(page, "sorted(n for n in dir() if 'lite_site' in n or n == 'configure')");
    assert.equal(names.result, '[]');

    const numpy = await run(page, 'import numpy');
    assert.equal(numpy.error?.ename, 'ModuleNotFoundError');
    assert.match(numpy.error.evalue, /^No module named 'numpy': this offline notebook site ships no numpy/);
    assert.match(numpy.error.evalue, /fastwasm works without numpy/);

    const pandas = await run(page, 'import micropip\nawait micropip.install("pandas")');
    assert.equal(pandas.error?.ename, 'ValueError', JSON.stringify(pandas));
    assert.match(pandas.error.evalue, /^'pandas' is not on this offline notebook site: .*\bpygal\b.*never from the internet/);

    const pip = await run(page, '%pip install pandas');
    assert.equal(pip.error?.ename, 'ValueError', JSON.stringify(pip));
    assert.match(pip.error.evalue, /^'pandas' is not on this offline notebook site/);

    // A package of the site's index installs through micropip itself, not only through %pip.
    const pygal = await run(page, 'await micropip.install("pygal")\nimport pygal\npygal.__version__');
    assert.equal(pygal.error, undefined, JSON.stringify(pygal.error));
    assert.equal(pygal.result, "'3.1.3'");

    const bad = await run(page, 'fastwasm.mean([])');
    assert.equal(bad.error?.ename, 'ValueError');
    assert.equal(bad.error.evalue, 'mean: x must not be empty');
    const traceback = plain(bad.error.traceback);
    assert.match(traceback, /fastwasm\/__init__\.py:\d+, in mean\b/, traceback);
    for (const internal of ['_convert.py', '_resident.py', '_runtime.py', '_tracebacks.py']) {
      assert.ok(!traceback.includes(internal), `${internal} in the traceback:\n${traceback}`);
    }

    assert.deepEqual(problems(), [], 'no request left 127.0.0.1 and nothing failed');
  } finally {
    await context.close();
  }
});
