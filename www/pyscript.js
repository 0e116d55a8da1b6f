// www/pyscript.html: fastwasm from PyScript, offline. Adds the PyScript tags (the wheel's name
// carries the version of this build, so the configs are written here), then loads PyScript.
//
// Everything comes from this server: PyScript from /vendor/pyscript/ (node_modules/@pyscript/core),
// Pyodide from the notebook site's copy (/lite/static/pyodide/, whose lock lists micropip, which
// `packages` needs), the wheel from /dist/. Results land in #<variant>-result[data-state] and the
// page's state in body[data-state] ('done' once every variant that can run here has reported).

import { wheelPath } from './config.js';

const PYODIDE = '/lite/static/pyodide/pyodide.mjs';
const PYSCRIPT = '/vendor/pyscript/core.js';
/** How long a variant may take before the page gives up on it (a worker that fails to start
 *  reports nothing). */
const TIMEOUT_MS = 240_000;

const $ = (selector) => document.querySelector(selector);
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

const install = new URLSearchParams(location.search).get('install') === 'files' ? 'files' : 'packages';
document.body.dataset.install = install;
for (const link of document.querySelectorAll('[data-install-link]')) {
  if (link.dataset.installLink === install) link.setAttribute('aria-current', 'page');
}

/** Why this page cannot run PyScript's worker here, or '' when it can. */
function workerBlocker() {
  if (!globalThis.crossOriginIsolated) {
    return 'This page is not cross-origin isolated, so the browser gives it no SharedArrayBuffer. ' +
      "PyScript's worker reaches the page's DOM through SharedArrayBuffer and Atomics.wait; it needs " +
      'the page served with COOP: same-origin and COEP: require-corp.';
  }
  if (typeof SharedArrayBuffer !== 'function') {
    return 'This browser exposes no SharedArrayBuffer even though the page is cross-origin isolated ' +
      "(WebKitGTK does this). PyScript's worker reaches the page's DOM through SharedArrayBuffer " +
      'and Atomics.wait, so the worker variant cannot run in this browser; the main-thread variant above does.';
  }
  return '';
}

const pending = new Set();

function finish() {
  if (pending.size > 0 || document.body.dataset.state === 'error') return;
  document.body.dataset.state = 'done';
  $('#status').textContent = `Done in ${seconds()} s.`;
}

/** One line per key, each value as JSON: short enough to read, and parseable by a test. */
const describe = (result) =>
  Object.entries(result).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join('\n');

function settle(variant, state, text, result) {
  if (!pending.delete(variant)) return;
  const output = $(`#${variant}-result`);
  output.dataset.state = state;
  output.textContent = text;
  if (result) output.dataset.json = JSON.stringify(result);
  $(`#${variant}-status`).textContent =
    state === 'done' ? `Ran in ${seconds()} s after the page opened.` : 'Failed: see below.';
  if (state === 'error') {
    document.body.dataset.state = 'error';
    $('#status').textContent = 'Failed: see the variants below.';
  }
  finish();
}

/** Called by www/pyscript_example.py (from the worker too, through PyScript's window proxy). */
globalThis.fastwasmPyScript = {
  report(variant, json) {
    const result = JSON.parse(json);
    result.seconds = Number(seconds());
    settle(variant, 'done', describe(result), result);
  },
  fail(variant, text) {
    settle(variant, 'error', text);
  },
};

/** A PyScript tag running www/pyscript_example.py with `config`, placed before `anchor`. */
function addScript(anchor, config, worker) {
  const script = document.createElement('script');
  script.type = 'py';
  script.src = 'pyscript_example.py';
  script.setAttribute('config', JSON.stringify(config));
  if (worker) script.setAttribute('worker', '');
  anchor.before(script);
}

try {
  // Absolute URLs: a PyScript worker starts from a blob: URL, against which nothing relative resolves.
  const wheel = new URL(await wheelPath(), location.href).href;
  const probe = await fetch(wheel, { method: 'HEAD' });
  await probe.arrayBuffer(); // read the (empty) body: Chromium reports an unread response as aborted
  if (!probe.ok) throw new Error(`no fastwasm wheel at ${wheel} (HTTP ${probe.status}); build it with scripts/build.sh`);
  const config = { interpreter: new URL(PYODIDE, location.href).href };
  if (install === 'packages') config.packages = [wheel];
  else config.files = { [wheel]: './*' };
  $('#config').textContent = JSON.stringify(config, null, 2);

  pending.add('main');
  addScript($('#main-canvas'), config, false);
  const blocker = workerBlocker();
  if (blocker) {
    $('#worker-status').textContent = 'Not run in this browser.';
    const why = $('#worker-why');
    why.textContent = blocker;
    why.hidden = false;
    $('#worker-canvas').hidden = true;
    $('#worker-result').dataset.state = 'unsupported';
  } else {
    pending.add('worker');
    addScript($('#worker-canvas'), config, true);
  }

  // PyScript shows a Python error it catches as a .py-error banner; a failed install or fetch (in
  // the worker too) ends as an uncaught error on this page instead. Either fails what is pending.
  const failPending = (text) => {
    for (const variant of [...pending]) settle(variant, 'error', text);
  };
  new MutationObserver(() => {
    const banner = document.querySelector('.py-error');
    if (banner) failPending(banner.textContent);
  }).observe(document.body, { childList: true, subtree: true });
  addEventListener('unhandledrejection', ({ reason }) => failPending(String(reason?.message ?? reason)));
  addEventListener('error', ({ error, message }) => failPending(String(error?.message ?? message)));
  setTimeout(() => {
    for (const variant of [...pending]) settle(variant, 'error', `no result after ${TIMEOUT_MS / 1000} s`);
  }, TIMEOUT_MS);

  $('#status').textContent = 'Loading PyScript, Pyodide and the fastwasm wheel…';
  await import(PYSCRIPT);
} catch (err) {
  for (const variant of ['main', 'worker']) $(`#${variant}-status`).textContent = 'Not run.';
  document.body.dataset.state = 'error';
  $('#status').textContent = `The page failed: ${err.message}`;
}
