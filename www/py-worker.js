// Module worker: runs Pyodide, and times the pure-Python kernels and fastwasm called from Python.

import { startPython } from './python.js';
import { KERNELS, SIZES } from './bench.js';

const status = (text) => self.postMessage({ type: 'status', text });

self.onmessage = async ({ data }) => {
  if (data.type !== 'run') return;
  try {
    const pyodide = await startPython({ onStatus: status });
    const version = pyodide.runPython('import sys; sys.version.split()[0]');
    self.postMessage({ type: 'env', pyodide: pyodide.version, python: version });

    status('Preparing Python inputs…');
    const source = await (await fetch(new URL('./bench.py', import.meta.url))).text();
    const ns = pyodide.globals.get('dict')();
    pyodide.runPython(source, { globals: ns, filename: 'bench.py' });
    ns.get('setup')();
    ns.get('set_inputs')(data.inputs.x, data.inputs.y);

    const run = ns.get('run');
    for (const kernel of KERNELS) {
      for (const impl of data.impls) {
        status(`Python: ${kernel} (${impl === 'py' ? 'pure Python' : 'fastwasm'})…`);
        const out = run(impl, kernel, SIZES);
        self.postMessage({ type: 'result', impl, kernel, ...out });
      }
    }
    run.destroy();
    ns.destroy();
    self.postMessage({ type: 'done' });
  } catch (err) {
    self.postMessage({ type: 'error', message: String(err?.message || err) });
  }
};
