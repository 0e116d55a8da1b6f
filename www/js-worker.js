// Module worker: times the plain-JS kernels and fastwasm called from JS, off the main thread.

import init, * as fastwasm from '/pkg/fastwasm.js';
import * as baselines from './baselines.js';
import { KERNELS, kernelArgs, measure } from './bench.js';

const IMPLS = { js: baselines, 'wasm-js': fastwasm };

self.onmessage = async ({ data }) => {
  try {
    if (data.type !== 'run') return;
    await init({ module_or_path: new URL('/pkg/fastwasm_bg.wasm', self.location.href) });
    for (const kernel of KERNELS) {
      for (const impl of data.impls) {
        const args = kernelArgs(kernel, data.inputs);
        const fn = IMPLS[impl][kernel];
        const { median, times, result } = measure(() => fn(...args));
        self.postMessage({ type: 'result', impl, kernel, median, times, result });
      }
    }
    self.postMessage({ type: 'done' });
  } catch (err) {
    self.postMessage({ type: 'error', message: String(err?.stack || err) });
  }
};
