//! The Gaussian filter behind [`super::gaussian_blur`], in float32 with register accumulators.
//!
//! Each output row is computed on its own, so rows can go to any thread in any order:
//! 1. vertical pass: the `2r + 1` input rows around it, weighted, into one float32 row (padded by
//!    `r` edge pixels on both sides);
//! 2. horizontal pass over that row, rounded to bytes.
//!
//! Both passes work on groups of four pixels (16 channel values, four f32x4 registers in wasm):
//! the group's sums stay in registers across all taps and are written once, and the symmetric
//! taps `w[r − t] == w[r + t]` are added before their one multiplication.
//!
//! Exactness: float32 sums differ from the float64 definition by at most `margin(r)` levels (see
//! [`Filter::margin`]). Where a float32 value lies within that distance of a rounding boundary
//! `m + ½`, the byte is recomputed in float64 exactly as the definition orders it (rows first,
//! taps in order), so up to [`EXACT_MAX_RADIUS`] the bytes equal those of the float64 filter.
//! Beyond it the error bound is still below 0.1 level, so every byte stays within ±1 of the
//! exact Gaussian.

use super::f32x4::{Bytes16, F32x4};
use crate::alloc;
use crate::error::KernelResult;

/// Channel values per group: four RGBA pixels, four f32x4 accumulators.
const GROUP: usize = 16;

/// Largest radius whose near-boundary bytes are recomputed in float64. Each recomputation costs
/// `(2r + 1)²` float64 steps and their share grows with `r`, so beyond it they would cost more
/// than the float32 filter itself.
const EXACT_MAX_RADIUS: usize = 16;

/// Unit roundoff of float32.
const F32_UNIT: f64 = 1.0 / (1u64 << 24) as f64;

/// The weights of one Gaussian, in both precisions.
pub(super) struct Filter {
    /// Normalised float64 weights of taps `−r..=r` (the definition).
    full: Vec<f64>,
    /// `splat[t]` = the float32 weight of taps `±t` in every lane, `t` in `0..=r`.
    splat: Vec<F32x4>,
    /// Distance from a rounding boundary within which a byte is recomputed in float64; 0 when
    /// `r > EXACT_MAX_RADIUS`.
    margin: f32,
}

/// Per-thread buffers of [`Filter::row`].
pub(super) struct Scratch {
    /// One vertically filtered row, `4·(w + 2r)` values (edge pixels repeated `r` times).
    line: Vec<f32>,
    /// Byte offsets of the input rows `y − t` and `y + t` (clamped), `t` in `1..=r`.
    pairs: Vec<(usize, usize)>,
}

impl Filter {
    /// The filter of the normalised weights `full` (odd length `2r + 1`, symmetric).
    pub(super) fn new(full: Vec<f64>) -> KernelResult<Filter> {
        let r = full.len() / 2;
        let mut splat = alloc::with_capacity("sigma", r + 1)?;
        splat.extend(full[r..].iter().map(|&k| F32x4::splat(k as f32)));
        let margin = if r <= EXACT_MAX_RADIUS {
            Self::margin(r) as f32
        } else {
            0.0
        };
        Ok(Filter {
            full,
            splat,
            margin,
        })
    }

    pub(super) fn radius(&self) -> usize {
        self.splat.len() - 1
    }

    /// A bound on |float32 result − float64 result| in levels, for radius `r`.
    ///
    /// The vertical pass sums `r + 1` products of a rounded weight (relative error u = 2⁻²⁴) and
    /// an exact integer pair sum: error ≤ (r + 2)·u·255 (recursive summation; the terms sum to at
    /// most 255). The horizontal pass adds one rounding for its pair sums and carries the
    /// vertical error through weights summing to 1 + O(r·u): ≤ (r + 3)·u·255 more. The float64
    /// result is within 10⁻¹⁰ of exact. (2r + 10)·u·256 + 10⁻⁶ covers all of it.
    pub(super) fn margin(r: usize) -> f64 {
        (2 * r + 10) as f64 * F32_UNIT * 256.0 + 1e-6
    }

    /// Buffers for rows of width `w`. Errors: no memory (kind memory, argument `w`).
    pub(super) fn scratch(&self, w: usize) -> KernelResult<Scratch> {
        let r = self.radius();
        let too_large = || {
            crate::KernelError::memory("w", "is too large: out of memory (buffer size overflows)")
        };
        let line_len = w
            .checked_add(2 * r)
            .and_then(|p| p.checked_mul(4))
            .ok_or_else(too_large)?;
        Ok(Scratch {
            line: alloc::filled("w", line_len, 0.0f32)?,
            pairs: alloc::with_capacity("w", r)?,
        })
    }

    /// Output row `y` (`4·w` bytes) of the blur of `src` (`w × h` RGBA, validated, `w ≥ 4`).
    pub(super) fn row(
        &self,
        src: &[u8],
        (w, h): (usize, usize),
        y: usize,
        scratch: &mut Scratch,
        out: &mut [u8],
    ) {
        debug_assert!(w >= 4);
        let r = self.radius();
        let stride = 4 * w;
        let row_at = |yy: usize| yy.min(h - 1) * stride;
        scratch.pairs.clear();
        scratch
            .pairs
            .extend((1..=r).map(|t| (row_at(y.saturating_sub(t)), row_at(y + t))));

        // Groups start every 16 bytes; when `w` is not a multiple of 4 the last group overlaps
        // the one before and recomputes some pixels, with the same operations and results.
        let last = stride - GROUP;
        let groups = (0..last).step_by(GROUP).chain([last]);

        // Vertical pass into the middle of `line`, then the edge pixels repeated.
        let line = &mut scratch.line;
        for x in groups.clone() {
            let sums = self.vertical(src, y * stride, &scratch.pairs, x);
            let dst = &mut line[4 * r + x..4 * r + x + GROUP];
            for (v, d) in sums.iter().zip(dst.chunks_exact_mut(4)) {
                v.store(d.try_into().expect("4 values"));
            }
        }
        let (head, rest) = line.split_at_mut(4 * r);
        let (body, tail) = rest.split_at_mut(stride);
        let (first, end) = (&body[..4], &body[stride - 4..]);
        for px in head.chunks_exact_mut(4) {
            px.copy_from_slice(first);
        }
        for px in tail.chunks_exact_mut(4) {
            px.copy_from_slice(end);
        }

        // Horizontal pass, rounded; near-boundary groups are checked byte by byte in float64.
        let line = &scratch.line;
        for x in groups {
            let sums = self.horizontal(line, 4 * r + x);
            let bytes = F32x4::round_to_bytes(sums);
            out[x..x + GROUP].copy_from_slice(&bytes);
            if self.margin > 0.0 {
                let closest = sums
                    .iter()
                    .map(|v| v.distance_to_boundary())
                    .reduce(F32x4::min)
                    .expect("four vectors");
                if closest.any_below(self.margin) {
                    self.fix_near_ties(src, (w, h), y, x, &sums, &mut out[x..x + GROUP]);
                }
            }
        }
    }

    /// Vertical sums of the 16 bytes at offset `x` of the row starting at `centre`, with the
    /// rows at `pairs` (offsets of rows `y ∓ t`) weighted `splat[t]`.
    #[inline(always)]
    fn vertical(
        &self,
        src: &[u8],
        centre: usize,
        pairs: &[(usize, usize)],
        x: usize,
    ) -> [F32x4; 4] {
        debug_assert!(pairs
            .iter()
            .flat_map(|&(lo, hi)| [lo, hi])
            .chain([centre])
            .all(|row| row + x + GROUP <= src.len()));
        let at = |row: usize| -> &Bytes16 {
            // SAFETY: `row` is the start of a row of `src` (`yy·4w` with `yy < h`, from `row`)
            // and `x + 16 ≤ 4w` (the groups of `row`), so the 16 bytes lie within `src`. This
            // loop runs 2r + 1 times per 4 pixels; its bounds checks cost ~5% of the blur.
            unsafe { &*src.as_ptr().add(row + x).cast::<Bytes16>() }
        };
        let k0 = self.splat[0];
        let mut acc = F32x4::bytes(at(centre)).map(|v| v.mul(k0));
        for (&(lo, hi), &k) in pairs.iter().zip(&self.splat[1..]) {
            // The pair sums are exact integers (at most 510): one conversion for two taps.
            let sums = F32x4::pair_sums(at(lo), at(hi));
            for (a, s) in acc.iter_mut().zip(sums) {
                *a = a.add(k.mul(s));
            }
        }
        acc
    }

    /// Horizontal sums of the 16 values of `line` from `centre` on, taps `±t` (`4t` values
    /// away) weighted `splat[t]`. The pixels of taps `−t` and `+t` slide along in registers:
    /// each tap loads one new pixel on either side.
    #[inline(always)]
    fn horizontal(&self, line: &[f32], centre: usize) -> [F32x4; 4] {
        let at = |i: usize| F32x4::load(line[i..i + 4].try_into().expect("4 values"));
        let middle: [F32x4; 4] = std::array::from_fn(|p| at(centre + 4 * p));
        let k0 = self.splat[0];
        let mut acc = middle.map(|v| v.mul(k0));
        let (mut left, mut right) = (middle, middle);
        for (t, &k) in self.splat.iter().enumerate().skip(1) {
            left = [at(centre - 4 * t), left[0], left[1], left[2]];
            right = [right[1], right[2], right[3], at(centre + 12 + 4 * t)];
            for ((acc, a), b) in acc.iter_mut().zip(left).zip(right) {
                *acc = acc.add(k.mul(a.add(b)));
            }
        }
        acc
    }

    /// Recomputes in float64 the bytes of `dst` (row `y`, from byte `x` on) whose float32 sums
    /// lie within `margin` of a rounding boundary.
    fn fix_near_ties(
        &self,
        src: &[u8],
        (w, h): (usize, usize),
        y: usize,
        x: usize,
        sums: &[F32x4; 4],
        dst: &mut [u8],
    ) {
        let mut values = [0.0f32; GROUP];
        for (v, d) in sums.iter().zip(values.chunks_exact_mut(4)) {
            v.store(d.try_into().expect("4 values"));
        }
        for (j, (&v, d)) in values.iter().zip(dst).enumerate() {
            if near_boundary(v, self.margin) {
                *d = self.exact_byte(src, (w, h), (x + j) / 4, y, (x + j) % 4);
            }
        }
    }

    /// Channel `c` of pixel `(px, y)` by the float64 definition, in its order: each input row
    /// filtered horizontally (taps in order, from 0.0), then those rows vertically.
    fn exact_byte(&self, src: &[u8], (w, h): (usize, usize), px: usize, y: usize, c: usize) -> u8 {
        let r = self.radius();
        let mut acc = 0.0;
        for (i, &ky) in self.full.iter().enumerate() {
            let row = &src[(y + i).saturating_sub(r).min(h - 1) * 4 * w..];
            let mut across = 0.0;
            for (j, &kx) in self.full.iter().enumerate() {
                across += kx * f64::from(row[4 * (px + j).saturating_sub(r).min(w - 1) + c]);
            }
            acc += ky * across;
        }
        super::round_u8(acc)
    }
}

/// Whether `v ≥ 0` lies within `margin` of a rounding boundary `m + ½`.
fn near_boundary(v: f32, margin: f32) -> bool {
    (v - v.trunc() - 0.5).abs() < margin
}
