// Numbers as the page shows them: times with their unit, ranges of times, speed-up ratios. No DOM, so
// the harness and the unit tests (tests/js/format.test.mjs) use the same rules as the page.

/** The units of a time given in milliseconds, smallest first, with the factor from ms. */
const UNITS = [
  ['ns', 1e6],
  ['µs', 1e3],
  ['ms', 1],
  ['s', 1e-3],
];

/** Three significant digits: 1.23, 12.3, 123 (and 1000 when 999.5 rounds up). */
function digits(x) {
  if (x >= 99.95) return String(Math.round(x));
  if (x >= 9.995) return x.toFixed(1);
  return x.toFixed(2);
}

/**
 * A positive time in ms as [digits, unit]: the largest unit in which it is at least 1, after
 * rounding, so 0.9996 ms reads "1.00 ms" and not "1000 µs".
 */
function scaled(ms) {
  let i = UNITS.length - 1;
  while (i > 0 && ms * UNITS[i][1] < 1) i--;
  let text = digits(ms * UNITS[i][1]);
  if (Number(text) >= 1000 && i < UNITS.length - 1) {
    i++;
    text = digits(ms * UNITS[i][1]);
  }
  return [text, UNITS[i][0]];
}

/** 1234 → "1.23 s", 12.345 → "12.3 ms", 0.0123 → "12.3 µs", 0.9996 → "1.00 ms"; 0 (below timer resolution) → "≈0". */
export function formatTime(ms) {
  if (!(ms > 0)) return '≈0';
  const [text, unit] = scaled(ms);
  return `${text} ${unit}`;
}

/**
 * A min–max range of times: one unit when both ends round to the same unit ("1.20–1.31 ms"), else
 * each end with its own ("850 µs–1.20 ms"); "" without a positive maximum.
 */
export function formatRange(min, max) {
  if (!(max > 0)) return '';
  const [hiText, hiUnit] = scaled(max);
  if (!(min > 0)) return `≈0–${hiText} ${hiUnit}`;
  const [loText, loUnit] = scaled(min);
  return loUnit === hiUnit ? `${loText}–${hiText} ${hiUnit}` : `${loText} ${loUnit}–${hiText} ${hiUnit}`;
}

/** Slower / faster, as "12.3×" (always ≥ 1; the direction is said separately). */
export function formatRatio(r) {
  const x = r >= 1 ? r : 1 / r;
  return `${x >= 99.5 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1)}×`;
}

// --- the headline speed-ups ------------------------------------------------------------------------

const median = (sorted) => {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : Math.sqrt(sorted[mid - 1] * sorted[mid]);
};

/** With at least this many kernels, the range leaves out the lowest and the highest ratio. */
export const TRIM_FROM = 5;

/**
 * The headline of one speed-up over the kernels of one size: the median ratio (geometric mean of
 * the middle two for an even count), and the range of the ratios without the lowest and the highest
 * once there are TRIM_FROM or more, so one outlier (a time near the timer's resolution) moves
 * neither. Returns null for no ratios; else { median, lo, hi, count, inRange }, where inRange is how
 * many ratios lie in [lo, hi].
 */
export function headline(ratios) {
  const sorted = ratios.filter((r) => r > 0 && Number.isFinite(r)).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const trim = sorted.length >= TRIM_FROM ? 1 : 0;
  const kept = sorted.slice(trim, sorted.length - trim);
  return { median: median(sorted), lo: kept[0], hi: kept.at(-1), count: sorted.length, inRange: kept.length };
}

/**
 * The size a headline is based on: the largest of `sizes` (smallest first) at which some kernel has
 * a ratio, since the small sizes' times are short enough for the timer and other work to swing them.
 * `ratiosAt(size)` gives the ratios at a size. Returns null when no size has one.
 */
export function headlineSize(sizes, ratiosAt) {
  return [...sizes].reverse().find((size) => ratiosAt(size).length > 0) ?? null;
}

/** "faster"/"slower" with the ratio: "2.5× faster". */
export function speedText(r) {
  return `${formatRatio(r)} ${r < 1 ? 'slower' : 'faster'}`;
}

/** The tile's line under the headline: what the median is over and where most ratios lie. */
export function headlineDetail(h, size) {
  const kernels = `${h.count} kernel${h.count === 1 ? '' : 's'}`;
  let text = `median over ${kernels} at ${size}`;
  if (h.count > 1 && h.inRange === h.count) text += `, from ${speedText(h.lo)} to ${speedText(h.hi)}`;
  else if (h.count > 1) text += `; ${h.inRange} of them from ${speedText(h.lo)} to ${speedText(h.hi)}`;
  return text;
}
