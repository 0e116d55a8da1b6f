// Worker side of the protocol of tests/e2e/workers-page.html, shared by workers-js.js and
// workers-py.js:
//   page → worker  { type: 'load', ...config }   worker → page  { type: 'ready', info }
//   page → worker  { type: 'go' }                worker → page  { type: 'progress', calls, failureCount, at }
//                                                                after every batch, until
//   page → worker  { type: 'stop' }              worker → page  { type: 'done', summary, started, ended }
//   worker → page  { type: 'error', message } on any failure.
// The page says go once every worker is ready and stop once every worker has made its calls, so
// all workers call into their fastwasm instance at the same time. Times are epoch milliseconds.

const now = () => performance.timeOrigin + performance.now();
const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Answers the page's messages. `load(config)` resolves to `{ info, runBatch() }`, where
 * `runBatch()` makes the next batch of calls and returns the summary so far
 * (`{ calls, checked, errors, failureCount, failures, … }`).
 */
export function serveWorkload(load) {
  let workload = null;
  let stopping = false;

  async function runUntilStopped() {
    const started = now();
    let summary = null;
    while (!stopping) {
      summary = workload.runBatch();
      self.postMessage({ type: 'progress', calls: summary.calls, failureCount: summary.failureCount, at: now() });
      await macrotask(); // lets a 'stop' in
    }
    self.postMessage({ type: 'done', summary, started, ended: now() });
  }

  self.onmessage = async ({ data }) => {
    try {
      if (data.type === 'load') {
        workload = await load(data);
        self.postMessage({ type: 'ready', info: workload.info });
      } else if (data.type === 'go') {
        await runUntilStopped();
      } else if (data.type === 'stop') {
        stopping = true;
      }
    } catch (err) {
      self.postMessage({ type: 'error', message: describeError(err) });
    }
  };
}

/** An error's message and its stack: V8 starts the stack with the message, Firefox and WebKit don't. */
function describeError(err) {
  const text = String(err);
  const stack = typeof err?.stack === 'string' ? err.stack : '';
  return stack.includes(text) ? stack : [text, stack].filter(Boolean).join('\n');
}
