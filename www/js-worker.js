// Module worker: times the plain-JS kernels (baselines.js) and fastwasm called from JS
// (wasm-calls.js) off the main thread, following the worker protocol of the benchmark page:
//   main → worker  { type: 'run', tasks: [{ family, size, impl }, …] }
//   worker → main  status, env, then start/result per task, then done (or error).
//
// `peer` times the npm libraries of www/peers.js interleaved with fastwasm (float64, and float32
// where a library computes in float32) and reports every one with its error against the float64
// answer of baselines.js; the result message carries `peer` (see peers.js comparePeers) instead of
// a result.
//
// `wasm-js` is the single-threaded build (/pkg/). `wasm-js-mt` is a second instance, of the
// multi-threaded build (/pkg-mt/) with a pool of navigator.hardwareConcurrency workers, loaded by
// pkg/load.js when this worker is cross-origin isolated; otherwise its tasks are n/a and the
// env message says why.

import init, * as fastwasm from '/pkg/fastwasm.js';
import { BASELINES } from './baselines.js';
import { loadMultiThreaded } from '../pkg/load.js';
import { residentCalls, wasmCalls } from './wasm-calls.js';
import { inputCache, measure, stats } from './suite.js';
import { comparePeers, loadPeers, peersOf } from './peers.js';

let ready = null; // Promise of { impls, env } once fastwasm is initialised
const inputs = inputCache(); // each family/size built once; its buffers are never transferred

/** The implementations by id, and the `env` facts about threads. */
function implementations() {
  ready ??= (async () => {
    await init({ module_or_path: new URL('/pkg/fastwasm_bg.wasm', self.location.href) });
    // `wasm-js-resident`: the same calls with every array input kept in wasm memory as a resident
    // array made once (no per-call copy in; array results are copied out).
    const impls = { js: BASELINES, 'wasm-js': wasmCalls(fastwasm), 'wasm-js-resident': residentCalls(fastwasm) };
    self.postMessage({ type: 'status', text: 'Starting fastwasm threads…' });
    try {
      const mt = await loadMultiThreaded({ pkgMt: new URL('/pkg-mt/', self.location.href) });
      impls['wasm-js-mt'] = wasmCalls(mt.fastwasm);
      return { impls, env: { threads: true, threadCount: mt.threadCount } };
    } catch (err) {
      return { impls, env: { threads: false, threadsReason: message(err) } };
    }
  })();
  return ready;
}

let peerLibs = null; // Promise of loadPeers(), once a peer task needs it

/** Times the npm peers of a family against fastwasm: the `peer` field of the result message. */
async function peerReport(impls, family, size) {
  if (!peersOf(family, size).length) return null;
  self.postMessage({ type: 'status', text: 'Loading the npm libraries…' });
  peerLibs ??= loadPeers();
  const { libs, failed } = await peerLibs;
  const data = inputs.get(family, size);
  const exact = BASELINES[family](data);
  return comparePeers({ familyId: family, size, inputs: data, wasm: impls['wasm-js'][family], fastwasm, exact, libs, failed });
}

/** The result's buffer can be transferred if it is a plain ArrayBuffer of its own. */
function transferables(result) {
  const v = result.value;
  if (!ArrayBuffer.isView(v)) return [];
  const buf = v.buffer;
  if (!(buf instanceof ArrayBuffer) || inputs.owns(buf)) return [];
  if (buf === fastwasm.wasmMemory().buffer) return [];
  return [buf];
}

function message(err) {
  return String(err?.message || err);
}

async function run(tasks) {
  self.postMessage({ type: 'status', text: 'Loading fastwasm…' });
  let impls;
  try {
    const loaded = await implementations();
    impls = loaded.impls;
    self.postMessage({ type: 'env', ...loaded.env });
  } catch (err) {
    self.postMessage({ type: 'env', threads: false, threadsReason: 'fastwasm did not load' });
    self.postMessage({ type: 'error', message: `cannot load fastwasm: ${message(err)}` });
    return;
  }
  for (const { family, size, impl } of tasks) {
    self.postMessage({ type: 'start', family, size, impl });
    const task = { type: 'result', family, size, impl };
    if (impl === 'wasm-js-mt' && !impls[impl]) {
      self.postMessage({ ...task, error: 'unavailable: the multi-threaded build is not loaded' });
      continue;
    }
    if (impl === 'peer') {
      try {
        const peer = await peerReport(impls, family, size);
        if (peer) self.postMessage({ ...task, peer, median: peer.best?.median ?? null, times: peer.best?.times ?? [] });
        else self.postMessage({ ...task, none: 'no npm library computes this kernel' });
      } catch (err) {
        self.postMessage({ ...task, error: message(err) });
      }
      continue;
    }
    try {
      const fn = impls[impl]?.[family];
      if (!fn) throw new Error(`no implementation ${impl} of ${family} in the JS worker`);
      const taskInputs = inputs.get(family, size);
      const { times, reps, result } = measure(() => fn(taskInputs));
      self.postMessage({ ...task, times, reps, ...stats(times), result }, transferables(result));
    } catch (err) {
      self.postMessage({ ...task, error: message(err) });
    }
  }
  self.postMessage({ type: 'done' });
}

self.onmessage = ({ data }) => {
  if (data?.type !== 'run') return;
  run(data.tasks || []).catch((err) => {
    self.postMessage({ type: 'error', message: String(err?.stack || err) });
  });
};
