// Module worker: Pyodide with the fastwasm wheel (www/python.js), running the mixed workload of
// tests/python/test_leaks.py (MixedCalls: every result checked against the pure-Python references
// of tests/python/naive.py) in batches (protocol: workers-loop.js). Config: { seed, batch, wheels }:
// `wheels` are the file names under /wheels/ of pytest and its dependencies, which the catalogue
// test modules import.

import { startPython } from '/python.js';
import { serveWorkload } from './workers-loop.js';

/** test_leaks, the naive references (naive.py) and the test modules it takes its comparisons from. */
const MODULES = ['test_leaks', 'naive', 'test_catalogue_image_text', 'test_catalogue_signal'];
const DIR = '/leak-tests';

serveWorkload(async ({ seed, batch, wheels }) => {
  const pyodide = await startPython();
  await pyodide.loadPackage(
    wheels.map((w) => new URL(`/wheels/${w}`, self.location.href).href),
    { messageCallback: () => {}, errorCallback: (msg) => console.warn(msg) },
  );
  pyodide.FS.mkdirTree(DIR);
  for (const name of MODULES) {
    const response = await fetch(new URL(`../python/${name}.py`, import.meta.url));
    if (!response.ok) throw new Error(`${name}.py: HTTP ${response.status}`);
    pyodide.FS.writeFile(`${DIR}/${name}.py`, await response.text());
  }
  const MixedCalls = pyodide.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(DIR)})\nimport test_leaks\ntest_leaks.MixedCalls`);
  const work = MixedCalls.callKwargs({ seed, check_every: 1, medium_every: 0 });
  MixedCalls.destroy();
  return {
    info: { build: 'python', pyodide: pyodide.version },
    runBatch() {
      work.run(batch);
      const summary = work.summary();
      try {
        const s = summary.toJs({ dict_converter: Object.fromEntries });
        return { ...s, failureCount: s.failure_count };
      } finally {
        summary.destroy();
      }
    },
  };
});
