// The environment panel: what this browser offers (SIMD, threads, isolation) and what the workers
// report (Pyodide and Python versions, whether fastwasm's threaded build is available from JS and,
// after fastwasm.enable_threads(), from Python).

// (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt) — validates only with SIMD support.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

function simdSupported() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** "Chrome 131.0.6778.85" and the like, from userAgentData where there is one, else the UA string. */
async function detectBrowser() {
  const uad = navigator.userAgentData;
  if (uad?.brands?.length) {
    let brands = uad.brands;
    let platform = uad.platform || '';
    try {
      const high = await uad.getHighEntropyValues(['fullVersionList', 'platformVersion']);
      if (high.fullVersionList?.length) brands = high.fullVersionList;
      if (high.platform) platform = high.platform;
    } catch {
      // Low-entropy brands are fine.
    }
    const real = brands.filter((b) => !/not.?a.?brand/i.test(b.brand));
    const preferred = ['Microsoft Edge', 'Opera', 'Google Chrome', 'HeadlessChrome', 'Chromium'];
    const pick =
      preferred.map((name) => real.find((b) => b.brand === name)).find(Boolean) ?? real[0] ?? brands[0];
    return { browser: `${pick.brand} ${pick.version}`, platform: platform + (uad.mobile ? ' (mobile)' : '') };
  }
  const ua = navigator.userAgent;
  const match =
    ua.match(/(Firefox|FxiOS)\/([\d.]+)/) ??
    ua.match(/(Edg|EdgiOS)\/([\d.]+)/) ??
    ua.match(/(OPR)\/([\d.]+)/) ??
    ua.match(/(Chrome|CriOS)\/([\d.]+)/) ??
    ua.match(/Version\/([\d.]+).*(Safari)/);
  const names = { Edg: 'Edge', EdgiOS: 'Edge', OPR: 'Opera', FxiOS: 'Firefox', CriOS: 'Chrome' };
  let browser = 'unknown browser';
  if (match) {
    browser = match[2] === 'Safari' ? `Safari ${match[1]}` : `${names[match[1]] ?? match[1]} ${match[2]}`;
  }
  const platform = navigator.platform || (/Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : '');
  return { browser, platform };
}

/** The facts that go into the JSON download; filled in as the workers report. */
export const env = {
  browser: '…',
  platform: '',
  userAgent: navigator.userAgent,
  hardwareConcurrency: navigator.hardwareConcurrency ?? null,
  crossOriginIsolated: globalThis.crossOriginIsolated === true,
  sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
  wasmSimd: simdSupported(),
  threads: null, // fastwasm's threaded build, as the JS worker reports it
  threadsReason: null,
  threadCount: null, // its pool size, when loaded
  pyodide: null,
  python: null,
  pyThreads: null, // what fastwasm.enable_threads() returned in the Python worker
  pyThreadsReason: null,
  pyThreadCount: null,
};

export async function initEnv() {
  Object.assign(env, await detectBrowser());
  renderEnv();
}

/** Merges a worker's `env` message (without its `type`). */
export function updateEnv({ type, ...facts }) {
  Object.assign(env, facts);
  renderEnv();
}

function flag(ok, yes = 'yes', no = 'no') {
  const span = document.createElement('span');
  span.className = `flag ${ok ? 'on' : 'off'}`;
  span.textContent = ok ? yes : no;
  return span;
}

/**
 * The core count with where it comes from: navigator.hardwareConcurrency is what the browser chooses
 * to report, which need not be the machine's (WebKit reports 4 below 8 cores and 8 above, against
 * fingerprinting).
 */
function coresText(cores) {
  const source = 'as reported by the browser (navigator.hardwareConcurrency), not necessarily the machine\'s: WebKit, for one, reports 4 or 8 whatever the machine has';
  return cores > 0 ? `${cores}, ${source}` : `unknown: this browser does not report navigator.hardwareConcurrency`;
}

function renderEnv() {
  const dl = document.querySelector('#env');
  if (!dl) return;
  const threadsUsable = env.crossOriginIsolated && env.sharedArrayBuffer;
  const rows = [
    ['Browser', `${env.browser}${env.platform ? ` · ${env.platform}` : ''}`],
    ['Wasm SIMD', flag(env.wasmSimd, 'supported', 'not supported')],
    [
      'Threads',
      [flag(threadsUsable, 'available', 'unavailable'), ` SharedArrayBuffer ${env.sharedArrayBuffer ? 'present' : 'missing'}`],
    ],
    ['Logical cores', coresText(env.hardwareConcurrency)],
    ['Cross-origin isolated', flag(env.crossOriginIsolated)],
    [
      'fastwasm threads build',
      env.threads === null
        ? 'not checked yet (reported by the JS worker during a run)'
        : env.threads
          ? [flag(true, 'loaded'), ` pkg-mt/, a pool of ${env.threadCount} worker thread${env.threadCount === 1 ? '' : 's'}`]
          : [flag(false, 'loaded', 'n/a'), env.threadsReason ? ` ${env.threadsReason}` : ''],
    ],
    [
      'fastwasm threads from Python',
      env.pyThreads === null
        ? 'not started yet (the Python worker calls fastwasm.enable_threads() after its single-threaded tasks)'
        : env.pyThreads
          ? [flag(true, 'enabled'), ` fastwasm.enable_threads(): ${env.pyThreadCount} thread${env.pyThreadCount === 1 ? '' : 's'}`]
          : [flag(false, 'enabled', 'n/a'), env.pyThreadsReason ? ` ${env.pyThreadsReason}` : ''],
    ],
    [
      'Python',
      env.pyodide
        ? `Python ${env.python} on Pyodide ${env.pyodide} (in a Web Worker)`
        : 'not loaded yet (Pyodide starts with the Python part of a run)',
    ],
  ];
  dl.replaceChildren(
    ...rows.flatMap(([term, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.append(...[value].flat());
      return [dt, dd];
    }),
  );
}
