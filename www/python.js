// Starting Pyodide from the locally served copy and installing the fastwasm wheel with micropip.
// Used by the benchmark worker and by console.html (main thread); nothing is fetched from a CDN.

import { loadPyodide } from '/pyodide/pyodide.mjs';
import { PYODIDE, PYODIDE_WHEELS, wheelPath } from './config.js';

const here = () => globalThis.location.href;
const abs = (path) => new URL(path, here()).href;

/**
 * Loads Pyodide, micropip (plus packaging) and the fastwasm wheel. `onStatus(text)` reports progress.
 * Resolves to the Pyodide instance, with `fastwasm` importable.
 */
export async function startPython({ onStatus = () => {} } = {}) {
  onStatus('Loading Pyodide…');
  const pyodide = await loadPyodide({ indexURL: abs(PYODIDE) });

  onStatus('Loading micropip…');
  const quiet = { messageCallback: () => {}, errorCallback: (msg) => console.warn(msg) };
  await pyodide.loadPackage(PYODIDE_WHEELS.map(abs), quiet);

  onStatus('Installing the fastwasm wheel…');
  const WHEEL = await wheelPath();
  const micropip = pyodide.pyimport('micropip');
  try {
    await micropip.install(abs(WHEEL));
    // No package index: micropip.install("name") must not reach the internet from this offline
    // page; a package that is neither in the local Pyodide lock nor a URL fails with micropip's
    // "Can't fetch metadata" error.
    micropip.set_index_urls([]);
  } catch (err) {
    const probe = await fetch(abs(WHEEL), { method: 'HEAD' }).catch(() => null);
    await probe?.arrayBuffer(); // the (empty) body: Chromium reports an unread response as aborted
    if (probe && !probe.ok) {
      throw new Error(`fastwasm wheel not found at ${WHEEL} (HTTP ${probe.status}); build it with scripts/build.sh`);
    }
    throw err;
  } finally {
    micropip.destroy();
  }
  return pyodide;
}
