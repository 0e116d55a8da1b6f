#!/usr/bin/env node
// Headless benchmark: drives the demo page (www/) in headless Chromium through the whole suite, runs
// the same kernels natively (benches/native.rs), prints a Markdown table and writes JSON.
//
//   node scripts/bench.mjs [--sizes small,medium,large] [--families stats,dot,...] [--out FILE]
//                          [--docs docs/benchmarks.md] [--performance docs/performance.md]
//                          [--no-native]
//
// Defaults: all sizes and families, --out bench/results.json. `make bench` also rewrites
// docs/benchmarks.md. Needs pkg/, python/dist/ (scripts/build.sh) and /usr/bin/chromium.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';
import { launchChromium, openPage } from '../tests/e2e/browser.mjs';
import { FAMILIES, IMPLS, SIZE_NAMES, family as familyOf, skipReason, summaryOf, summariesAgree } from '../www/suite.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const out = {
    sizes: SIZE_NAMES,
    families: FAMILIES.map((f) => f.id),
    out: 'bench/results.json',
    docs: null,
    native: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--sizes') out.sizes = value().split(',');
    else if (arg === '--families') out.families = value().split(',');
    else if (arg === '--out') out.out = value();
    else if (arg === '--docs') out.docs = value();
    else if (arg === '--performance') out.performance = value();
    else if (arg === '--no-native') out.native = false;
    else if (arg === '--help' || arg === '-h') out.help = true;
    else throw new Error(`unknown argument: ${arg}`);
  }
  for (const s of out.sizes) if (!SIZE_NAMES.includes(s)) throw new Error(`unknown size ${s}`);
  for (const f of out.families) familyOf(f);
  return out;
}

/** The native Rust column: cargo bench --bench native, same inputs and timing rules. */
function runNative({ sizes, families }) {
  const file = path.join(ROOT, 'build/bench/native.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  console.error('==> native Rust: cargo bench --bench native');
  execFileSync(
    'cargo',
    ['bench', '--quiet', '-p', 'fastwasm-kernels', '--bench', 'native', '--', '--sizes', sizes.join(','), '--families', families.join(','), '--out', file],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The browser columns: the demo page in headless Chromium, run through window.fastwasmBench. */
async function runBrowser({ sizes, families }) {
  const server = await startServer({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  try {
    const { page, problems } = await openPage(browser);
    page.on('console', (msg) => {
      if (msg.type() === 'error') console.error(`page: ${msg.text()}`);
    });
    await page.goto(server.url);
    await page.waitForFunction(() => window.fastwasmBench, null, { timeout: 30_000 });
    console.error(`==> browser: Chromium ${browser.version()}, sizes ${sizes.join(',')}`);
    let last = '';
    const progress = setInterval(async () => {
      const text = await page.locator('#progress-text').textContent().catch(() => '');
      if (text && text !== last) console.error(`    ${(last = text)}`);
    }, 2000);
    try {
      await page.evaluate((options) => window.fastwasmBench.run(options), { sizes, families });
    } finally {
      clearInterval(progress);
    }
    const { results } = await page.evaluate(() => window.fastwasmBench.results());
    const env = await page.evaluate(() => ({
      userAgent: navigator.userAgent,
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      hardwareConcurrency: navigator.hardwareConcurrency,
    }));
    console.error('==> boundary: Python → wasm call and copy costs (py-worker)');
    const boundary = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const worker = new Worker('/py-worker.js', { type: 'module' });
          worker.onmessage = ({ data }) => {
            if (data.type === 'boundary') resolve(data);
            else if (data.type === 'error') reject(new Error(data.message));
            if (data.type === 'boundary' || data.type === 'error') worker.terminate();
          };
          worker.postMessage({ type: 'boundary' });
        }),
    );
    const trouble = problems();
    if (trouble.length) console.error(`page problems:\n  ${trouble.join('\n  ')}`);
    return { results, boundary, env: { ...env, browser: `Chromium ${browser.version()}` } };
  } finally {
    await browser.close();
    await server.close();
  }
}

const ms = (x) => {
  if (x == null || !Number.isFinite(x)) return '–';
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  if (x >= 0.1) return x.toFixed(2);
  return x.toFixed(4);
};
const ratio = (slow, fast) => (slow > 0 && fast > 0 ? slow / fast : null);
const times = (r) => (r == null ? '–' : `${r.toFixed(r >= 100 ? 0 : r >= 10 ? 1 : 2)}×`);
const medianOf = (xs) => {
  const s = xs.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** One row per family and size, with every implementation's median and the ratios. */
export function buildRows(browserResults, nativeResults, { sizes, families }) {
  const key = (r) => `${r.family}/${r.size}/${r.impl}`;
  const all = new Map([...browserResults, ...nativeResults].map((r) => [key(r), r]));
  const rows = [];
  for (const familyId of families) {
    for (const size of sizes) {
      const get = (impl) => all.get(`${familyId}/${size}/${impl}`);
      const med = (impl) => (get(impl)?.error ? null : get(impl)?.median ?? null);
      const native = get('native');
      const wasm = get('wasm-js');
      const nativeAgrees =
        native && wasm?.summary ? summariesAgree(familyId, wasm.summary, native.summary) : null;
      const browserAgree = IMPLS.filter((i) => !i.optional && !skipReason(familyId, size, i.id)).every((i) => get(i.id)?.agree === true);
      // The kernel comparison uses the resident-array timing (no per-call copy from a JS array, as
      // native has none); the call from JS is reported too.
      const kernel = med('wasm-js-resident') ?? med('wasm-js');
      rows.push({
        family: familyId,
        label: familyOf(familyId).label,
        size,
        medians: Object.fromEntries([...IMPLS.map((i) => [i.id, med(i.id)]), ['native', med('native')]]),
        wasmVsNative: ratio(kernel, med('native')),
        callVsNative: ratio(med('wasm-js'), med('native')),
        wasmVsJs: ratio(med('js'), med('wasm-js')),
        residentVsJs: ratio(med('js'), med('wasm-js-resident')),
        wasmPyVsPy: ratio(med('py'), med('wasm-py')),
        mtVsSt: ratio(med('wasm-js'), med('wasm-js-mt')),
        agree: browserAgree && nativeAgrees !== false,
      });
    }
  }
  return rows;
}

export function markdownTable(rows) {
  const head =
    '| kernel | size | native Rust | fastwasm (JS, resident arrays) | JS | fastwasm (JS) | fastwasm (JS, threads) | pure Python | fastwasm (Python) | wasm / native | JS / wasm | JS / resident | Python / wasm-Py | agree |';
  const rule = '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|:-:|';
  const lines = rows.map((r) => {
    const m = r.medians;
    return `| ${r.label} | ${r.size} | ${ms(m.native)} | ${ms(m['wasm-js-resident'])} | ${ms(m.js)} | ${ms(m['wasm-js'])} | ${ms(m['wasm-js-mt'])} | ${ms(m.py)} | ${ms(m['wasm-py'])} | ${times(r.wasmVsNative)} | ${times(r.wasmVsJs)} | ${times(r.residentVsJs)} | ${times(r.wasmPyVsPy)} | ${r.agree ? '✓' : '✗'} |`;
  });
  return [head, rule, ...lines].join('\n');
}

/** Medians over the families of the ratios at one size (the issue's targets use the large size). */
export function ratioSummary(rows, size) {
  const at = rows.filter((r) => r.size === size);
  return {
    size,
    wasmVsNative: medianOf(at.map((r) => r.wasmVsNative)),
    callVsNative: medianOf(at.map((r) => r.callVsNative)),
    wasmVsJs: medianOf(at.map((r) => r.wasmVsJs)),
    residentVsJs: medianOf(at.map((r) => r.residentVsJs)),
    wasmPyVsPy: medianOf(at.map((r) => r.wasmPyVsPy)),
    mtVsSt: medianOf(at.map((r) => r.mtVsSt)),
  };
}

function machine() {
  const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`;
}

function writeDocs(file, report) {
  const s = report.summary;
  const text = `# Benchmarks

Last run: ${report.date} · ${report.machine} · ${report.env.browser} (headless) ·
Node ${process.version} · \`rustc\` ${report.rustc}.

Reproduce with \`make bench\` (\`node scripts/bench.mjs --docs docs/benchmarks.md\`): it drives the
demo page in headless Chromium through every kernel family at three sizes, runs the same kernels
natively (\`cargo bench -p fastwasm-kernels --bench native\`, baseline x86-64), prints this table and writes
\`bench/results.json\`. Times are medians in milliseconds after a warm-up call (at least 3 timed
runs, more within a 0.5 s budget; min–max are in the JSON). Ratios are within this one run; the
machine has ${os.cpus().length} cores and timings are noisy, so read them as ratios, not absolutes.
"agree" means every browser implementation matched fastwasm-from-JS within the stated tolerance
and the native result matched its summary.

Inputs: JavaScript and fastwasm-from-JS get typed arrays; pure Python gets lists/str/bytearray
(idiomatic code without numpy); fastwasm-from-Python gets \`array.array('d')\`/\`bytearray\`/\`str\`
(one copy into wasm memory). "fastwasm (JS, resident arrays)" calls the same exports on
resident arrays made once from the inputs (\`array()\`; \`residentCalls\` in \`www/wasm-calls.js\`),
copying array results out: the kernel without the per-call copy of its inputs, which is what
"wasm / native" compares (native Rust has no copy either) and what a user gets by keeping data in
wasm memory; families without float64 inputs are timed as fastwasm (JS).
See \`www/suite.js\` for the sizes and generators.

${report.markdown}

Medians over the kernel families of the ratios (higher is better for the last three):

| size | wasm / native | JS call / native | JS / fastwasm (JS) | JS / fastwasm (JS, resident) | pure Python / fastwasm (Python) | threads speed-up |
|---|--:|--:|--:|--:|--:|--:|
${report.summaries.map((x) => `| ${x.size} | ${times(x.wasmVsNative)} | ${times(x.callVsNative)} | ${times(x.wasmVsJs)} | ${times(x.residentVsJs)} | ${times(x.wasmPyVsPy)} | ${times(x.mtVsSt)} |`).join('\n')}

Python → wasm boundary, measured in the same run (\`boundary()\` in \`www/bench.py\`, in the Python worker):

| bare Pyodide → JS no-op call | \`fastwasm.sum\` of 1 element | ratio | 1 Mi float64 into wasm | 1 Mi float64 result back |
|--:|--:|--:|--:|--:|
| ${report.boundary.noop_us.toFixed(2)} µs | ${report.boundary.sum1_us.toFixed(2)} µs | ${report.boundary.fixed_cost_ratio.toFixed(1)}× | ${report.boundary.copy_in_gbps.toFixed(1)} GB/s | ${report.boundary.copy_out_gbps.toFixed(1)} GB/s |
`;
  void s;
  fs.mkdirSync(path.dirname(path.resolve(ROOT, file)), { recursive: true });
  fs.writeFileSync(path.resolve(ROOT, file), text);
}

/**
 * Rewrites the generated part of docs/performance.md (between the bench markers): the per-kernel
 * ratios at the large size, the summary against the targets, the boundary costs and the sizes.
 */
function writePerformance(file, report) {
  const abs = path.resolve(ROOT, file);
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const doc = fs.readFileSync(abs, 'utf8');
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${file} has no ${start} … ${end} region`);
  const size = report.sizes.includes('large') ? 'large' : report.sizes.at(-1);
  const rows = report.rows.filter((r) => r.size === size);
  const s = report.summaries.find((x) => x.size === size);
  const b = report.boundary;
  const mark = (ok) => (ok ? '✓' : '✗');
  const wasmBytes = fs.statSync(path.join(ROOT, 'pkg/fastwasm_bg.wasm')).size;
  const gz = (f) => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length;
  const mtFile = path.join(ROOT, 'pkg-mt/fastwasm_bg.wasm');
  const sizes = [
    `| single-threaded \`pkg/fastwasm_bg.wasm\` | ${wasmBytes.toLocaleString('en-US')} B | ${gz(path.join(ROOT, 'pkg/fastwasm_bg.wasm')).toLocaleString('en-US')} B |`,
  ];
  if (fs.existsSync(mtFile)) {
    sizes.push(`| multi-threaded \`pkg-mt/fastwasm_bg.wasm\` | ${fs.statSync(mtFile).size.toLocaleString('en-US')} B | ${gz(mtFile).toLocaleString('en-US')} B |`);
  }
  const generated = `${start}
Generated by \`make bench\` on ${report.date.slice(0, 10)} · ${report.machine} · ${report.env.browser} (headless).
Medians in ms at the ${size} size; ratios within this run.

| kernel | native | fastwasm (JS, resident arrays) | wasm / native | fastwasm (JS) | JS call / native | JS | JS / wasm | JS / resident | pure Python | fastwasm (Python) | Python / wasm-Py | threads | threads speed-up |
|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
${rows
  .map((r) => {
    const m = r.medians;
    return `| ${r.label} | ${ms(m.native)} | ${ms(m['wasm-js-resident'])} | ${times(r.wasmVsNative)} | ${ms(m['wasm-js'])} | ${times(r.callVsNative)} | ${ms(m.js)} | ${times(r.wasmVsJs)} | ${times(r.residentVsJs)} | ${ms(m.py)} | ${ms(m['wasm-py'])} | ${times(r.wasmPyVsPy)} | ${ms(m['wasm-js-mt'])} | ${times(r.mtVsSt)} |`;
  })
  .join('\n')}

| target (median over the kernels, ${size}) | measured | met |
|---|--:|:-:|
| wasm / native ≤ 1.15× (kernels, inputs in wasm memory) | ${times(s.wasmVsNative)} (a call from JS with the copy of its inputs: ${times(s.callVsNative)}) | ${mark(s.wasmVsNative != null && s.wasmVsNative <= 1.15)} |
| fastwasm (JS) vs JS ≥ 3× | ${times(s.wasmVsJs)} | ${mark(s.wasmVsJs != null && s.wasmVsJs >= 3)} |
| resident arrays vs JS ≥ 2× for sum/mean/var and dot at 1e6 | ${['stats', 'dot'].map((f) => `${familyOf(f).label} ${times(rows.find((r) => r.family === f)?.residentVsJs)}`).join(', ')} | ${mark(['stats', 'dot'].every((f) => (rows.find((r) => r.family === f)?.residentVsJs ?? 0) >= 2))} |
| fastwasm (Python) vs pure Python ≥ 100× | ${times(s.wasmPyVsPy)} | ${mark(s.wasmPyVsPy != null && s.wasmPyVsPy >= 100)} |
| fixed cost of a Python call ≤ 1.5× a bare Pyodide → JS no-op | ${b.fixed_cost_ratio.toFixed(1)}× (${b.sum1_us.toFixed(2)} µs vs ${b.noop_us.toFixed(2)} µs) | ${mark(b.fixed_cost_ratio <= 1.5)} |
| 1 Mi float64 from Python into wasm ≥ 10 GB/s | ${b.copy_in_gbps.toFixed(1)} GB/s (results back: ${b.copy_out_gbps.toFixed(1)} GB/s) | ${mark(b.copy_in_gbps >= 10)} |
| threads ≥ 1.7× on 2 cores (matmul, mandelbrot, sort, blur) | ${['matmul', 'mandelbrot', 'sort', 'blur'].map((f) => `${f} ${times(rows.find((r) => r.family === f)?.mtVsSt)}`).join(', ')} | ${mark(['matmul', 'mandelbrot', 'sort', 'blur'].every((f) => (rows.find((r) => r.family === f)?.mtVsSt ?? 0) >= 1.7))} |

| build | raw | gzip |
|---|--:|--:|
${sizes.join('\n')}
${end}`;
  fs.writeFileSync(abs, doc.slice(0, i) + generated + doc.slice(j + end.length));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log('usage: node scripts/bench.mjs [--sizes small,medium,large] [--families a,b] [--out FILE] [--docs FILE] [--no-native]');
    return;
  }
  const started = Date.now();
  const native = args.native ? runNative(args) : [];
  const { results, env, boundary } = await runBrowser(args);
  // The browser's results carry their values only in the page; the summary rule (length and sum,
  // or the value) is applied there too, so native agreement can be checked here.
  const rows = buildRows(results, native, args);
  const markdown = markdownTable(rows);
  const summaries = args.sizes.map((size) => ratioSummary(rows, size));
  let rustc = '';
  try {
    rustc = execFileSync('rustc', ['--version'], { encoding: 'utf8' }).trim().replace(/^rustc /, '');
  } catch {
    rustc = 'unknown';
  }
  const report = {
    date: new Date().toISOString(),
    machine: machine(),
    env,
    rustc,
    sizes: args.sizes,
    families: args.families,
    rows,
    summaries,
    summary: summaries.at(-1),
    boundary,
    results: [...results, ...native],
    markdown,
    seconds: (Date.now() - started) / 1000,
  };
  console.log(markdown);
  console.log('');
  for (const x of summaries) {
    console.log(
      `median ratios at ${x.size}: wasm/native ${times(x.wasmVsNative)}, JS/wasm ${times(x.wasmVsJs)}, ` +
        `pure Python/wasm-Py ${times(x.wasmPyVsPy)}, threads ${times(x.mtVsSt)}`,
    );
  }
  console.log(
    `Python → wasm boundary: no-op JS call ${boundary.noop_us.toFixed(2)} µs, fastwasm.sum of 1 element ` +
      `${boundary.sum1_us.toFixed(2)} µs (${boundary.fixed_cost_ratio.toFixed(1)}× the no-op), ` +
      `1 Mi float64 in ${boundary.copy_in_gbps.toFixed(1)} GB/s, out ${boundary.copy_out_gbps.toFixed(1)} GB/s`,
  );
  const out = path.resolve(ROOT, args.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(report, null, 2));
  console.log(`\nwrote ${path.relative(ROOT, out)} in ${report.seconds.toFixed(0)} s`);
  if (args.docs) {
    writeDocs(args.docs, report);
    console.log(`wrote ${args.docs}`);
  }
  if (args.performance) {
    writePerformance(args.performance, report);
    console.log(`wrote ${args.performance}`);
  }
  if (rows.some((r) => !r.agree)) {
    console.error('some results disagree (✗ above)');
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err.stack || err.message);
    process.exit(1);
  });
}
