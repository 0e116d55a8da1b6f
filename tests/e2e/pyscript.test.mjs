// www/pyscript.html in every engine: PyScript (@pyscript/core, served from node_modules) with the
// notebook site's Pyodide installs the fastwasm wheel through `packages` and through `files`, and
// runs www/pyscript_example.py on the main thread and in a worker. The values and the canvas pixels
// are checked against the reference below; the worker where the engine has SharedArrayBuffer, and
// elsewhere the page's visible reason why not.
//
//   bash scripts/build.sh && node --test tests/e2e/pyscript.test.mjs     (FASTWASM_ENGINES=webkit narrows)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VERSION, WHEEL, forEachEngine } from './engines.mjs';

/** What both variants of www/pyscript_example.py compute, from these definitions. */
const NUMBERS = Array.from({ length: 100 }, (_, k) => k + 1);
const EXPECTED = {
  fastwasm: VERSION,
  sum: 5050,
  mean: 50.5,
  std: Math.sqrt((100 * 100 - 1) / 12), // population std of 1..n: sqrt((n² - 1) / 12)
  dot: NUMBERS.slice(0, 10).reduce((acc, k) => acc + k * k, 0),
  primes: [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47],
};
const WIDTH = 240;
const HEIGHT = 160;
const MAX_ITER = 64;
const VIEW = [-2.2, 0.8, -1.0, 1.0];

/** Escape-time counts, per the definition in fastwasm.mandelbrot's docstring. */
function mandelbrotCounts() {
  const [xMin, xMax, yMin, yMax] = VIEW;
  const dx = (xMax - xMin) / WIDTH;
  const dy = (yMax - yMin) / HEIGHT;
  const counts = new Uint32Array(WIDTH * HEIGHT);
  for (let py = 0; py < HEIGHT; py++) {
    const cy = yMin + (py + 0.5) * dy;
    for (let px = 0; px < WIDTH; px++) {
      const cx = xMin + (px + 0.5) * dx;
      let zr = 0;
      let zi = 0;
      let i = 0;
      while (i < MAX_ITER && zr * zr + zi * zi <= 4) {
        const zr2 = zr * zr;
        const zi2 = zi * zi;
        zi = 2 * zr * zi + cy;
        zr = zr2 - zi2 + cx;
        i++;
      }
      counts[py * WIDTH + px] = i;
    }
  }
  return counts;
}

/** The page's palette: black inside the set, min(255, 12n), min(255, 4n), min(255, 96 + 2n) outside. */
function expectedPixels(counts) {
  const rgba = new Uint8Array(counts.length * 4);
  counts.forEach((n, i) => {
    const rgb = n >= MAX_ITER ? [0, 0, 0] : [Math.min(255, 12 * n), Math.min(255, 4 * n), Math.min(255, 96 + 2 * n)];
    rgba.set([...rgb, 255], i * 4);
  });
  return rgba;
}

const COUNTS = mandelbrotCounts();
const PIXELS = expectedPixels(COUNTS);

/** Where fastwasm is imported from: site-packages (micropip) or the unpacked wheel in the home dir. */
const IMPORTED_FROM = {
  packages: /^\/lib\/python3\.\d+\/site-packages\/fastwasm\/__init__\.py$/,
  files: /^\/home\/pyodide\/fastwasm\/__init__\.py$/,
};

/** A variant's state, result and canvas pixels (base64), read from the page. */
function readVariant(variant) {
  const output = document.getElementById(`${variant}-result`);
  const canvas = document.getElementById(`${variant}-canvas`);
  const bytes = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const why = document.getElementById(`${variant}-why`);
  return {
    state: output.dataset.state,
    text: output.textContent,
    result: output.dataset.json ? JSON.parse(output.dataset.json) : null,
    size: [canvas.width, canvas.height],
    pixels: btoa(binary),
    why: why && !why.hidden ? why.textContent : '',
    whyVisible: !!why && !why.hidden && why.getClientRects().length > 0,
  };
}

function assertVariant(engine, install, variant, read) {
  const where = `${engine}, ${install}, ${variant}`;
  assert.equal(read.state, 'done', `${where}: ${read.text}`);
  const { result } = read;
  for (const [key, value] of Object.entries(EXPECTED)) {
    if (key === 'std') assert.ok(Math.abs(result.std - value) <= 1e-12 * value, `${where}: std ${result.std} != ${value}`);
    else assert.deepEqual(result[key], value, `${where}: ${key}`);
  }
  assert.match(result.imported_from, IMPORTED_FROM[install], `${where}: fastwasm imported from`);
  assert.equal(result.mandelbrot.count_sum, COUNTS.reduce((a, b) => a + b, 0), `${where}: sum of the counts`);
  assert.equal(result.mandelbrot.inside, COUNTS.filter((n) => n === MAX_ITER).length, `${where}: pixels inside`);

  assert.deepEqual(read.size, [WIDTH, HEIGHT], `${where}: canvas size`);
  const pixels = Buffer.from(read.pixels, 'base64');
  let wrong = 0;
  let first = -1;
  for (let i = 0; i < PIXELS.length; i++) {
    if (pixels[i] !== PIXELS[i]) {
      wrong++;
      if (first < 0) first = i;
    }
  }
  assert.equal(
    wrong,
    0,
    `${where}: ${wrong} canvas bytes differ from the reference; first at pixel ${first >> 2} ` +
      `(${pixels.subarray(first & ~3, (first & ~3) + 4).join(',')} != ${PIXELS.subarray(first & ~3, (first & ~3) + 4).join(',')})`,
  );
}

forEachEngine(
  {
    required: {
      'pkg/package.json': 'build it first with `bash scripts/build.sh`',
      [WHEEL]: 'build it first with `bash scripts/build.sh`',
      'build/lite/static/pyodide/pyodide.mjs': 'build the notebook site first with `bash scripts/build.sh`',
      'node_modules/@pyscript/core/dist/core.js': 'run `npm install`',
    },
  },
  (env) => {
    for (const install of ['packages', 'files']) {
      test(`PyScript page, wheel through ${install}: main thread and worker`, async (t) => {
        const page = await env.browser.newPage({ width: 1100, height: 900 });
        try {
          const started = Date.now();
          await page.goto(new URL(`pyscript.html?install=${install}`, env.server.url).href);
          await page.waitFor(() => ['done', 'error'].includes(document.body.dataset.state), {
            timeout: 300_000,
            what: `PyScript page (${install})`,
          });
          const seconds = (Date.now() - started) / 1000;
          await page.screenshot(env.screenshotPath(`pyscript-${install}`), { fullPage: true });
          const main = await page.evaluate(readVariant, 'main');
          const worker = await page.evaluate(readVariant, 'worker');
          t.diagnostic(
            `${env.engine}, ${install}: page done in ${seconds.toFixed(1)} s; main thread reported at ` +
              `${main.result?.seconds} s, worker ${worker.result ? `at ${worker.result.seconds} s` : worker.state}`,
          );

          assertVariant(env.engine, install, 'main', main);
          if (env.supports.sharedArrayBuffer) {
            assertVariant(env.engine, install, 'worker', worker);
          } else {
            assert.equal(worker.state, 'unsupported', `${env.engine}: the worker variant should not run`);
            assert.ok(worker.whyVisible, `${env.engine}: the page shows why the worker cannot run`);
            assert.match(worker.why, /no SharedArrayBuffer/, `${env.engine}: the reason names SharedArrayBuffer`);
          }
          assert.equal(await page.evaluate(() => document.body.dataset.state), 'done');

          const requests = page.requests();
          for (const path of ['/vendor/pyscript/core.js', '/lite/static/pyodide/pyodide.mjs', `/${WHEEL.replace('python/', '')}`]) {
            assert.ok(requests.some((r) => r.startsWith(path)), `${env.engine}: ${path} served by the test server`);
          }
          assert.deepEqual(await page.problems(), []);
        } finally {
          await page.close();
        }
      });
    }
  },
);
