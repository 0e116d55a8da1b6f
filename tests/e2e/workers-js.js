// Module worker: the mixed workload of tests/js/leak-workload.mjs on this worker's own fastwasm
// instance, every result checked against the naive JS references, in batches (protocol:
// workers-loop.js). Config: { build: 'pkg' | 'pkg-mt', threads, seed, batch, and the options of
// createWorkload }; pkg-mt is the threaded build with a pool of `threads` workers.

import { loadMultiThreaded, loadSingleThreaded } from '/pkg/load.js';
import { createWorkload } from '../js/leak-workload.mjs';
import { serveWorkload } from './workers-loop.js';

serveWorkload(async ({ type, build, threads, batch, ...options }) => {
  const fastwasm =
    build === 'pkg-mt'
      ? (await loadMultiThreaded({ pkgMt: '/pkg-mt/', threadCount: threads })).fastwasm
      : await loadSingleThreaded({ pkg: '/pkg/' });
  const workload = createWorkload(fastwasm, options);
  // WebKitGTK has no SharedArrayBuffer at all, so the name must not be evaluated there.
  const shared = typeof SharedArrayBuffer === 'function' && fastwasm.wasmMemory().buffer instanceof SharedArrayBuffer;
  return {
    info: { build, threads: build === 'pkg-mt' ? threads : 1, shared },
    runBatch() {
      workload.run(batch);
      return workload.summary();
    },
  };
});
