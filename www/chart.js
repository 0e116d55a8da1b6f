// The chart: median time per call of each implementation, grouped by kernel family, for one size, on
// a logarithmic axis. Chart.js (the UMD build, served from /vendor/chart.js/) is a global `Chart`.
// Vertical bars on wide screens; horizontal bars (one group per line) on narrow ones.

import { formatRange, formatTime } from './table.js';

const NARROW = 560; // px: below this width of the chart box the bars go horizontal

let chart = null;
let horizontal = null;
let last = null; // the last data given, to rebuild after an orientation change

const wrap = () => document.querySelector('#chart-wrap');
const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

function isDecade(v) {
  const e = Math.log10(v);
  return Math.abs(e - Math.round(e)) < 1e-9;
}

/** 1e-3 → "1 µs", 0.1 → "100 µs", 10 → "10 ms", 1000 → "1 s". */
function decadeLabel(ms) {
  const units = [[1e3, 's'], [1, 'ms'], [1e-3, 'µs'], [1e-6, 'ns']];
  const [scale, unit] = units.find(([u]) => ms >= u * 0.999) ?? units.at(-1);
  return `${Math.round(ms / scale)} ${unit}`;
}

/**
 * The value axis's title: which way is faster, said the way the bars run (up the page when they are
 * vertical, along it when they are horizontal).
 */
export function axisTitle(isHorizontal) {
  return `median time per call (log scale; ${isHorizontal ? 'shorter bars are faster' : 'lower is faster'})`;
}

function options() {
  const grid = css('--line');
  const text = css('--muted');
  const valueAxis = {
    type: 'logarithmic',
    title: { display: true, text: axisTitle(horizontal), color: text },
    ticks: { color: text, maxRotation: 0, callback: (v) => (isDecade(v) ? decadeLabel(v) : '') },
    grid: { color: (ctx) => (ctx.tick && isDecade(ctx.tick.value) ? grid : 'transparent') },
  };
  const categoryAxis = { ticks: { color: text, autoSkip: false }, grid: { display: false } };
  return {
    indexAxis: horizontal ? 'y' : 'x',
    responsive: true,
    maintainAspectRatio: false,
    // No animation: the page draws while its workers time the next task, and an animating chart
    // would take CPU from them (most from the threads columns, which use every core).
    animation: false,
    scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
    plugins: {
      legend: {
        position: horizontal ? 'bottom' : 'top',
        labels: { color: css('--fg'), boxWidth: 12, boxHeight: 12 },
      },
      tooltip: {
        callbacks: {
          label: (ctx) => {
            const ds = ctx.dataset;
            const v = horizontal ? ctx.parsed.x : ctx.parsed.y;
            const [min, max] = ds.ranges[ctx.dataIndex] ?? [];
            return `${ds.label}: ${formatTime(v)}${max ? ` (${formatRange(min, max)})` : ''}`;
          },
        },
      },
    },
  };
}

function datasets(data) {
  return data.series.map((s) => {
    const color = css(`--c-${s.impl}`) || '#888';
    return {
      label: s.label,
      impl: s.impl,
      data: s.values.map((v) => (v > 0 ? v : null)),
      ranges: s.ranges,
      backgroundColor: color,
      borderColor: color,
      borderWidth: 0,
      borderRadius: 2,
      categoryPercentage: 0.8,
      barPercentage: 0.9,
    };
  });
}

function sizeBox(data) {
  const box = wrap();
  if (horizontal) {
    const bars = Math.max(1, data?.series.length ?? 4);
    const groups = Math.max(1, data?.labels.length ?? 1);
    box.style.height = `${Math.max(240, 110 + groups * (bars * 9 + 14))}px`;
  } else {
    box.style.height = '';
  }
}

/**
 * Shows `data` = { labels: [family label…], series: [{ impl, label, values: [ms|null…],
 * ranges: [[min, max]…] }] }, or clears the chart when there is nothing to show (null).
 */
export function setChartData(data) {
  last = data;
  const box = wrap();
  const empty = !data || data.series.every((s) => s.values.every((v) => !(v > 0)));
  box.classList.toggle('empty', empty);
  const wantHorizontal = box.clientWidth < NARROW;
  if (chart && wantHorizontal !== horizontal) {
    chart.destroy();
    chart = null;
  }
  horizontal = wantHorizontal;
  sizeBox(data);
  if (empty) {
    if (chart) {
      chart.data.labels = [];
      chart.data.datasets = [];
      chart.update('none');
    }
    return;
  }
  if (!chart) {
    if (typeof globalThis.Chart !== 'function') return;
    chart = new globalThis.Chart(document.querySelector('#chart'), {
      type: 'bar',
      data: { labels: data.labels, datasets: datasets(data) },
      options: options(),
    });
    return;
  }
  chart.data.labels = data.labels;
  // Keep dataset objects where the implementation is the same, so bars animate rather than rebuild.
  const next = datasets(data);
  chart.data.datasets = next.map((ds) => {
    const old = chart.data.datasets.find((o) => o.impl === ds.impl);
    return old ? Object.assign(old, ds) : ds;
  });
  chart.update();
}

/** Rebuilds the chart when the box crosses the narrow/wide boundary (Chart.js resizes otherwise). */
export function initChart() {
  if (typeof globalThis.Chart !== 'function') throw new Error('Chart.js did not load from /vendor/chart.js/');
  // The rebuild waits for the next frame: changing the layout inside the observer's callback makes
  // WebKit report "ResizeObserver loop completed with undelivered notifications" as a page error.
  let pending = false;
  new ResizeObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const wantHorizontal = wrap().clientWidth < NARROW;
      if (horizontal !== null && wantHorizontal !== horizontal) setChartData(last);
    });
  }).observe(wrap());
  const dark = matchMedia('(prefers-color-scheme: dark)');
  dark.addEventListener?.('change', () => {
    chart?.destroy();
    chart = null;
    setChartData(last);
  });
}

export function chartInstance() {
  return chart;
}
