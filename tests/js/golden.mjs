// Golden fixtures (tests/fixtures/golden.json, made with numpy by tests/fixtures/make_fixtures.py)
// checked against the JS exports of pkg/. Plain ES module with no Node imports, so the same code
// runs under `node --test` (tests/js/golden.test.mjs) and in a browser page
// (tests/e2e/golden.test.mjs). The file layout and tolerances are documented in make_fixtures.py.
//
//   runGolden(fastwasm, fixtures) -> { checked, failures: [{ name, message }], nearTies }
//
// `fastwasm` is the initialised pkg/fastwasm.js module, `fixtures` the parsed golden.json.

/** A float from the fixture encoding (numbers, or "NaN" / "Infinity" / "-Infinity"). */
export function num(v) {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  throw new Error(`not a float: ${JSON.stringify(v)}`);
}

const f64 = (arr) => Float64Array.from(arr, num);

function close(got, exp, rel, scale) {
  if (Number.isNaN(exp)) return Number.isNaN(got);
  if (!Number.isFinite(exp)) return got === exp;
  return typeof got === 'number' && Math.abs(got - exp) <= rel * Math.max(1, Math.abs(exp), scale);
}

function fmt(v) {
  return typeof v === 'number' ? v.toExponential(17) : String(v);
}

class Mismatch extends Error {}

function checkType(got, ctor, what = 'result') {
  if (!(got instanceof ctor)) {
    const kind = got?.constructor?.name ?? typeof got;
    throw new Mismatch(`${what}: expected a ${ctor.name}, got ${kind}`);
  }
}

function checkFloat(got, exp, tol) {
  const e = num(exp);
  if (typeof got !== 'number') throw new Mismatch(`expected a number, got ${typeof got}`);
  if (!close(got, e, tol.rel, tol.scale)) {
    throw new Mismatch(`expected ${fmt(e)}, got ${fmt(got)} (diff ${fmt(Math.abs(got - e))})`);
  }
}

function checkFloats(got, exp, tol, what = 'values') {
  checkType(got, Float64Array, what);
  if (got.length !== exp.length) throw new Mismatch(`${what}: expected ${exp.length} values, got ${got.length}`);
  const bad = [];
  for (let i = 0; i < exp.length; i++) {
    const e = num(exp[i]);
    if (!close(got[i], e, tol.rel, tol.scale)) bad.push(`[${i}] expected ${fmt(e)}, got ${fmt(got[i])}`);
  }
  if (bad.length) {
    throw new Mismatch(`${what}: ${bad.length} of ${exp.length} differ: ${bad.slice(0, 5).join('; ')}`);
  }
}

function checkInts(got, exp, ctor, what = 'values') {
  if (ctor) checkType(got, ctor, what);
  if (got.length !== exp.length) throw new Mismatch(`${what}: expected ${exp.length} values, got ${got.length}`);
  let first = -1;
  let count = 0;
  for (let i = 0; i < exp.length; i++) {
    if (got[i] !== exp[i]) {
      if (first < 0) first = i;
      count++;
    }
  }
  if (count) {
    throw new Mismatch(
      `${what}: first difference at [${first}]: expected ${exp[first]}, got ${got[first]} (${count} differ)`,
    );
  }
}

function checkInt(got, exp) {
  if (got !== exp) throw new Mismatch(`expected ${exp}, got ${got}`);
}

/** RGBA bytes: exact except ±1 at the case's "ambiguous" indices; returns how many of those moved. */
function checkImage(got, c) {
  checkType(got, Uint8ClampedArray);
  const exp = c.expected;
  if (got.length !== exp.length) throw new Mismatch(`expected ${exp.length} bytes, got ${got.length}`);
  const ambiguous = new Set(c.ambiguous ?? []);
  const bad = [];
  let offByOne = 0;
  for (let i = 0; i < exp.length; i++) {
    if (got[i] === exp[i]) continue;
    if (Math.abs(got[i] - exp[i]) === 1 && ambiguous.has(i)) offByOne++;
    else bad.push(`[${i}] expected ${exp[i]}, got ${got[i]}`);
  }
  if (bad.length) {
    throw new Mismatch(`${bad.length} of ${exp.length} bytes differ: ${bad.slice(0, 8).join('; ')}`);
  }
  return offByOne;
}

const matrix = (m) => [f64(m.data), m.shape[0], m.shape[1]];
const image = (img) => [Uint8ClampedArray.from(img.rgba), img.w, img.h];

function splitComplex(inter) {
  checkType(inter, Float64Array);
  const n = inter.length / 2;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    re[i] = inter[2 * i];
    im[i] = inter[2 * i + 1];
  }
  return [re, im];
}

function runCase(fw, c, rel) {
  const a = c.args;
  const exp = c.expected;
  const tol = { rel, scale: c.scale === undefined ? 0 : num(c.scale) };
  switch (c.fn) {
    case 'sum':
    case 'mean':
    case 'min':
    case 'max':
    case 'norm':
    case 'median':
      return checkFloat(fw[c.fn](f64(a.x)), exp, tol);
    case 'variance':
    case 'std':
      return checkFloat(fw[c.fn](f64(a.x), num(a.ddof)), exp, tol);
    case 'quantile':
    case 'percentile':
      return checkFloat(fw[c.fn](f64(a.x), num(a.q)), exp, tol);
    case 'argmin':
    case 'argmax':
      return checkInt(fw[c.fn](f64(a.x)), exp);
    case 'dot':
      return checkFloat(fw.dot(f64(a.a), f64(a.b)), exp, tol);
    case 'cumsum':
    case 'sort':
    case 'unique':
      return checkFloats(fw[c.fn](f64(a.x)), exp, tol);
    case 'argsort':
      return checkInts(fw.argsort(f64(a.x)), exp, Uint32Array);
    case 'histogram': {
      const h =
        a.range === null
          ? fw.histogram(f64(a.x), a.bins)
          : fw.histogram(f64(a.x), a.bins, num(a.range[0]), num(a.range[1]));
      checkInts(h.counts, exp.counts, Uint32Array, 'counts');
      return checkFloats(h.edges, exp.edges, tol, 'edges');
    }
    case 'matmul': {
      const [ma, m, k] = matrix(a.a);
      const [mb, , n] = matrix(a.b);
      return checkFloats(fw.matmul(ma, mb, m, k, n), exp.data, tol);
    }
    case 'transpose':
      return checkFloats(fw.transpose(...matrix(a.a)), exp.data, tol);
    case 'solve': {
      const [ma, n] = matrix(a.a);
      return checkFloats(fw.solve(ma, f64(a.b), n), exp, tol);
    }
    case 'det': {
      const [ma, n] = matrix(a.a);
      return checkFloat(fw.det(ma, n), exp, tol);
    }
    case 'inv': {
      const [ma, n] = matrix(a.a);
      return checkFloats(fw.inv(ma, n), exp.data, tol);
    }
    case 'fft':
    case 'ifft': {
      let out;
      if (c.fn === 'fft') {
        out = fw.fft(f64(a.re), a.im === null ? undefined : f64(a.im));
      } else {
        const inter = new Float64Array(2 * a.re.length);
        a.re.forEach((v, i) => {
          inter[2 * i] = num(v);
          inter[2 * i + 1] = num(a.im[i]);
        });
        out = fw.ifft(inter);
      }
      const [re, im] = splitComplex(out);
      checkFloats(re, exp.re, tol, 're');
      return checkFloats(im, exp.im, tol, 'im');
    }
    case 'convolve':
      return checkFloats(fw.convolve(f64(a.a), f64(a.v), a.mode), exp, tol);
    case 'movingAverage':
      return checkFloats(fw.movingAverage(f64(a.x), a.window), exp, tol);
    case 'grayscale':
    case 'sobel':
      return checkImage(fw[c.fn](...image(a.image)), c);
    case 'gaussianBlur':
      return checkImage(fw.gaussianBlur(...image(a.image), num(a.sigma)), c);
    case 'mandelbrot':
      return checkInts(
        fw.mandelbrot(a.w, a.h, num(a.x_min), num(a.x_max), num(a.y_min), num(a.y_max), a.max_iter),
        exp,
        Uint32Array,
      );
    case 'primes':
      return checkInts(fw.primes(a.n), exp, Uint32Array);
    case 'levenshtein':
      return checkInt(fw.levenshtein(a.a, a.b), exp);
    case 'wordCounts': {
      const got = fw.wordCounts(a.text, a.k);
      if (JSON.stringify(got) !== JSON.stringify(exp)) {
        throw new Mismatch(`expected ${JSON.stringify(exp)}, got ${JSON.stringify(got)}`);
      }
      return undefined;
    }
    default:
      throw new Mismatch(`unknown kernel ${JSON.stringify(c.fn)} in the fixtures`);
  }
}

/** Runs every case; never throws for a failing case (errors thrown by a kernel are failures too). */
export function runGolden(fastwasm, fixtures) {
  const rel = num(fixtures.tolerance.rel);
  const failures = [];
  let nearTies = 0;
  for (const c of fixtures.cases) {
    try {
      const r = runCase(fastwasm, c, rel);
      if (typeof r === 'number') nearTies += r;
    } catch (err) {
      const message = err instanceof Mismatch ? err.message : `threw ${err?.name}: ${err?.message}`;
      failures.push({ name: c.name, message });
    }
  }
  return { checked: fixtures.cases.length, failures, nearTies };
}

/** One line per failure, for assertion messages. */
export function formatFailures(result) {
  return `${result.failures.length} of ${result.checked} golden cases failed:\n` +
    result.failures.map((f) => `  ${f.name}: ${f.message}`).join('\n');
}
