// Module worker: times pure Python and fastwasm called from Python (www/bench.py) in Pyodide, off
// the main thread, following the worker protocol of the benchmark page:
//   main → worker  { type: 'run', tasks: [{ family, size, impl }, …] }   (py, wasm-py, wasm-py-mt)
//   worker → main  env, status, then start/result per task, then done (or error).
// bench.py prepares each implementation's inputs, times the call with suite.js's rules and converts
// the result to { kind, value } after timing; this worker only feeds it suite.js inputs.
//
// `wasm-py-mt` tasks run last: once every single-threaded task is done, bench.py's start_threads()
// awaits fastwasm.enable_threads() (a pool of navigator.hardwareConcurrency workers that cannot be
// stopped again), and a second env message says whether Python has threads (pyThreads,
// pyThreadCount) or why not (pyThreadsReason); without them the page marks those tasks n/a.
// The single-threaded timings they are compared with run just before the pool starts, and the
// threads tasks in the mirror order (see order()), so the two timings of a kernel at a size lie
// as close in time as one worker allows: other work on the machine drifts less between them.

import { startPython } from './python.js';
import { TIMING, inputCache } from './suite.js';

let ready = null; // Promise of { pyodide, runTask }, once Pyodide, fastwasm and bench.py are loaded
const inputs = inputCache(); // each family/size built once; its buffers are never transferred

const status = (text) => self.postMessage({ type: 'status', text });

async function fetchText(file) {
  const response = await fetch(new URL(file, import.meta.url));
  if (!response.ok) throw new Error(`cannot fetch ${file.slice(2)} (HTTP ${response.status})`);
  return response.text();
}

async function start() {
  const pyodide = await startPython({ onStatus: status });
  const python = pyodide.runPython('import sys; sys.version.split()[0]');
  self.postMessage({ type: 'env', pyodide: pyodide.version, python });

  status('Loading bench.py…');
  const [source, timing] = await Promise.all(['./bench.py', './bench_timing.py'].map(fetchText));
  // bench.py imports the timing rules as a module: a file in Pyodide's working directory.
  pyodide.FS.writeFile('bench_timing.py', timing);
  const ns = pyodide.globals.get('dict')();
  try {
    pyodide.runPython(source, { globals: ns, filename: 'bench.py' });
    const configure = ns.get('configure');
    configure(TIMING);
    configure.destroy();
    return { pyodide, runTask: ns.get('run_task'), startThreads: ns.get('start_threads'), boundary: ns.get('boundary') };
  } finally {
    ns.destroy();
  }
}

/** run_task's answer as a plain JS object (it already is one; a PyProxy is converted and freed). */
function plain(pyodide, out) {
  if (out instanceof pyodide.ffi.PyProxy) {
    try {
      return out.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
    } finally {
      out.destroy();
    }
  }
  return out;
}

/** The result's buffer can be transferred if it is a plain ArrayBuffer of its own. */
function transferables(result) {
  const v = result?.value;
  if (!ArrayBuffer.isView(v)) return [];
  const buf = v.buffer;
  if (!(buf instanceof ArrayBuffer) || inputs.owns(buf)) return [];
  return [buf];
}

/** An error's message; for a Python exception the last line of the traceback ("ValueError: …"). */
function message(err) {
  const text = String(err?.message || err);
  if (err?.type) {
    const lines = text.trim().split('\n');
    return lines[lines.length - 1];
  }
  return text;
}

/** Times one task and posts its start and result messages. */
function runOne(pyodide, runTask, { family, size, impl }) {
  self.postMessage({ type: 'start', family, size, impl });
  const task = { type: 'result', family, size, impl };
  try {
    const taskInputs = inputs.get(family, size);
    const out = plain(pyodide, runTask(impl, family, size, taskInputs));
    const { times, reps, median, min, max, runs, result } = out;
    self.postMessage({ ...task, times, reps, median, min, max, runs, result }, transferables(result));
  } catch (err) {
    self.postMessage({ ...task, error: message(err) });
  }
}

/**
 * Starts fastwasm's threads pool for the wasm-py-mt tasks and posts the env message saying whether
 * it runs. Resolves to true when the tasks can run; false when the host cannot run the pool (the
 * page marks them n/a) or when enable_threads() raised (the tasks fail with its message).
 */
async function startThreads(pyodide, start, tasks) {
  status('Starting fastwasm threads in Python (fastwasm.enable_threads())…');
  try {
    const { enabled, count, reason } = plain(pyodide, await start());
    self.postMessage({ type: 'env', pyThreads: enabled, pyThreadCount: count, pyThreadsReason: enabled ? null : reason });
    return enabled;
  } catch (err) {
    for (const { family, size, impl } of tasks) {
      self.postMessage({ type: 'result', family, size, impl, error: `enable_threads() failed: ${message(err)}` });
    }
    return false;
  }
}

/**
 * The tasks in the order they run: first those unrelated to threads; then the single-threaded
 * `wasm-py` tasks of the kernels with a threads task; then, after the pool starts, the threads
 * tasks in the reverse order of those (the largest size first). Returns { single, threaded }.
 */
function order(tasks) {
  const threaded = tasks.filter((t) => t.impl === 'wasm-py-mt');
  const pairs = new Set(threaded.map((t) => `${t.family}/${t.size}`));
  const paired = (t) => t.impl === 'wasm-py' && pairs.has(`${t.family}/${t.size}`);
  const rest = tasks.filter((t) => t.impl !== 'wasm-py-mt' && !paired(t));
  const before = tasks.filter(paired);
  const rank = new Map(before.map((t, i) => [`${t.family}/${t.size}`, i]));
  threaded.sort((a, b) => (rank.get(`${b.family}/${b.size}`) ?? -1) - (rank.get(`${a.family}/${a.size}`) ?? -1));
  return { single: [...rest, ...before], threaded };
}

async function run(tasks) {
  let py;
  try {
    ready ??= start();
    py = await ready;
  } catch (err) {
    ready = null;
    self.postMessage({ type: 'error', message: `cannot start Python: ${message(err)}` });
    return;
  }
  const { pyodide, runTask } = py;
  const { single, threaded } = order(tasks);
  for (const task of single) runOne(pyodide, runTask, task);
  if (threaded.length && (await startThreads(pyodide, py.startThreads, threaded))) {
    for (const task of threaded) runOne(pyodide, runTask, task);
  }
  self.postMessage({ type: 'done' });
}

/** The Python → wasm boundary figures of bench.py's boundary(), posted as { type: 'boundary', … }. */
async function measureBoundary() {
  ready ??= start();
  const { pyodide, boundary } = await ready;
  self.fastwasmNoop = () => undefined;
  self.postMessage({ type: 'boundary', ...plain(pyodide, boundary()) });
}

self.onmessage = ({ data }) => {
  const job = data?.type === 'run' ? run(data.tasks || []) : data?.type === 'boundary' ? measureBoundary() : null;
  job?.catch((err) => {
    self.postMessage({ type: 'error', message: String(err?.stack || err) });
  });
};
