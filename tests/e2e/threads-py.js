// Module worker of tests/e2e/threads-page.html: Pyodide with the fastwasm wheel (www/python.js)
// runs a check of threads_check.py and posts its report ({ report } or { error }):
//   { check: 'threads', n }   check(n): enable_threads(n), threaded results equal to single-threaded
//   { check: 'trap', url }    check_trap(url): a trap in the threaded instance, with the trap test
//                             build at url

import { startPython } from '/python.js';

self.onmessage = async ({ data }) => {
  try {
    const pyodide = await startPython();
    const source = await fetch(new URL('./threads_check.py', import.meta.url)).then((r) => r.text());
    pyodide.FS.writeFile('threads_check.py', source);
    const call = data.check === 'trap'
      ? `check_trap(${JSON.stringify(new URL(data.url, self.location.href).href)})`
      : `check(${data.n === null ? 'None' : Number(data.n)})`;
    const json = await pyodide.runPythonAsync(`import json, threads_check\njson.dumps(await threads_check.${call})`);
    self.postMessage({ report: JSON.parse(json) });
  } catch (err) {
    self.postMessage({ error: String(err?.stack || err) });
  }
};
