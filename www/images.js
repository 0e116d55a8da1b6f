// The two kernels whose results are pictures: mandelbrot escape counts, colourised, and the gaussian
// blur as before/after of the input landscape (a slider wipes between the two).

import { SIZE_NAMES, family, makeInputs } from './suite.js';

/** Colour stops of the escape-count palette (deep blue → teal → gold → white); inside the set black. */
const STOPS = [
  [0.0, [8, 12, 40]],
  [0.18, [26, 54, 128]],
  [0.42, [30, 150, 170]],
  [0.68, [240, 200, 90]],
  [0.86, [250, 120, 50]],
  [1.0, [255, 250, 235]],
];

function palette(maxIter) {
  const lut = new Uint8Array(3 * (maxIter + 1));
  for (let c = 0; c <= maxIter; c++) {
    let rgb = [0, 0, 0];
    if (c < maxIter) {
      const t = Math.sqrt(c / maxIter);
      let i = 1;
      while (i < STOPS.length - 1 && STOPS[i][0] < t) i++;
      const [t0, a] = STOPS[i - 1];
      const [t1, b] = STOPS[i];
      const u = Math.min(1, Math.max(0, (t - t0) / (t1 - t0)));
      rgb = a.map((x, k) => Math.round(x + (b[k] - x) * u));
    }
    lut.set(rgb, 3 * c);
  }
  return lut;
}

function put(canvas, rgba, w, h) {
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  ctx.putImageData(new ImageData(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, w * h * 4), w, h), 0, 0);
}

const $ = (sel) => document.querySelector(sel);
const shown = { mandelbrot: null, blur: null }; // size shown in each figure

/** Clears both figures back to their placeholders. */
export function resetImages() {
  for (const id of ['mandelbrot', 'blur']) {
    shown[id] = null;
    const fig = $(`#${id}-figure`);
    fig.classList.remove('drawn');
    fig.querySelector('.when').textContent = '';
  }
}

/** Draws a fastwasm result if it is the largest size seen so far for that figure. */
export function showImage(familyId, size, result, median) {
  if (!(familyId in shown)) return;
  if (shown[familyId] && SIZE_NAMES.indexOf(shown[familyId]) > SIZE_NAMES.indexOf(size)) return;
  const p = family(familyId).sizes[size];
  if (familyId === 'mandelbrot') drawMandelbrot(result.value, p);
  else drawBlur(result.value, size, p);
  shown[familyId] = size;
  const fig = $(`#${familyId}-figure`);
  fig.classList.add('drawn');
  const dims = `${p.w}×${p.h}`;
  fig.querySelector('.when').textContent = `${size}, ${dims} pixels, computed by fastwasm from JS in ${median}`;
}

function drawMandelbrot(counts, { w, h, maxIter }) {
  const lut = palette(maxIter);
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    const c = Math.min(counts[i], maxIter);
    rgba[4 * i] = lut[3 * c];
    rgba[4 * i + 1] = lut[3 * c + 1];
    rgba[4 * i + 2] = lut[3 * c + 2];
    rgba[4 * i + 3] = 255;
  }
  put($('#mandelbrot-canvas'), rgba, w, h);
}

function drawBlur(blurred, size, { w, h }) {
  put($('#blur-before'), makeInputs('blur', size).rgba, w, h);
  put($('#blur-after'), blurred, w, h);
}

/** The before/after wipe: the blurred canvas is clipped to the right of the slider. */
export function initImages() {
  const slider = $('#blur-split');
  const apply = () => {
    $('#blur-after').style.clipPath = `inset(0 0 0 ${slider.value}%)`;
    $('#blur-compare').style.setProperty('--split', `${slider.value}%`);
  };
  slider.addEventListener('input', apply);
  apply();
}
