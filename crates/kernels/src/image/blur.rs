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
    /// `half[t]` = the float32 weight of taps `±t`, `t` in `0..=r`.
    half: Vec<f32>,
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
        let mut half = alloc::with_capacity("sigma", r + 1)?;
        half.extend(full[r..].iter().map(|&k| k as f32));
        let margin = if r <= EXACT_MAX_RADIUS {
            Self::margin(r) as f32
        } else {
            0.0
        };
        Ok(Filter { full, half, margin })
    }

    fn radius(&self) -> usize {
        self.half.len() - 1
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
        let too_large = || crate::KernelError::out_of_memory("w", usize::MAX, 4);
        let line_len = w
            .checked_add(2 * r)
            .and_then(|p| p.checked_mul(4))
            .ok_or_else(too_large)?;
        Ok(Scratch {
            line: alloc::filled("w", line_len, 0.0f32)?,
            pairs: alloc::with_capacity("w", r)?,
        })
    }

    /// Output row `y` (`4·w` bytes) of the blur of `src` (`w × h` RGBA, validated).
    pub(super) fn row(
        &self,
        src: &[u8],
        (w, h): (usize, usize),
        y: usize,
        scratch: &mut Scratch,
        out: &mut [u8],
    ) {
        let r = self.radius();
        let stride = 4 * w;
        let row_at = |yy: usize| yy.min(h - 1) * stride;
        scratch.pairs.clear();
        scratch
            .pairs
            .extend((1..=r).map(|t| (row_at(y.saturating_sub(t)), row_at(y + t))));

        // Vertical pass into the middle of `line`, then the edge pixels repeated.
        let line = &mut scratch.line;
        let (body, tail) = line[4 * r..].split_at_mut(stride);
        let mut groups = body.chunks_exact_mut(GROUP);
        for (g, dst) in groups.by_ref().enumerate() {
            let sums = vertical::<GROUP>(src, y * stride, &scratch.pairs, &self.half, g * GROUP);
            dst.copy_from_slice(&sums);
        }
        let done = stride - stride % GROUP;
        for (p, dst) in groups.into_remainder().chunks_exact_mut(4).enumerate() {
            let sums = vertical::<4>(src, y * stride, &scratch.pairs, &self.half, done + 4 * p);
            dst.copy_from_slice(&sums);
        }
        let (first, last) = (
            [body[0], body[1], body[2], body[3]],
            [
                body[stride - 4],
                body[stride - 3],
                body[stride - 2],
                body[stride - 1],
            ],
        );
        for px in tail.chunks_exact_mut(4) {
            px.copy_from_slice(&last);
        }
        for px in line[..4 * r].chunks_exact_mut(4) {
            px.copy_from_slice(&first);
        }

        // Horizontal pass, rounded; near-boundary groups are checked byte by byte in float64.
        let line = &scratch.line;
        let mut groups = out.chunks_exact_mut(GROUP);
        for (g, dst) in groups.by_ref().enumerate() {
            let sums = horizontal::<GROUP>(line, &self.half, 4 * r + g * GROUP);
            if round_group(&sums, dst, self.margin) {
                self.fix_near_ties(src, (w, h), y, g * GROUP, &sums, dst);
            }
        }
        for (p, dst) in groups.into_remainder().chunks_exact_mut(4).enumerate() {
            let x = done + 4 * p;
            let sums = horizontal::<4>(line, &self.half, 4 * r + x);
            if round_group(&sums, dst, self.margin) {
                self.fix_near_ties(src, (w, h), y, x, &sums, dst);
            }
        }
    }

    /// Recomputes in float64 the bytes of `dst` (row `y`, from byte `x` on) whose float32 sums
    /// lie within `margin` of a rounding boundary.
    fn fix_near_ties(
        &self,
        src: &[u8],
        (w, h): (usize, usize),
        y: usize,
        x: usize,
        sums: &[f32],
        dst: &mut [u8],
    ) {
        for (j, (&v, d)) in sums.iter().zip(dst).enumerate() {
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

/// Vertical sums of the `N` bytes at offset `x` of the row starting at `centre`, with the rows
/// at `pairs` (offsets of rows `y ∓ t`) weighted `half[t]`.
#[inline(always)]
fn vertical<const N: usize>(
    src: &[u8],
    centre: usize,
    pairs: &[(usize, usize)],
    half: &[f32],
    x: usize,
) -> [f32; N] {
    let at = |row: usize| -> &[u8; N] {
        src[row + x..row + x + N]
            .try_into()
            .expect("a slice of length N")
    };
    let c = at(centre);
    let mut acc: [f32; N] = std::array::from_fn(|j| half[0] * f32::from(c[j]));
    for (&(lo, hi), &k) in pairs.iter().zip(&half[1..]) {
        let (a, b) = (at(lo), at(hi));
        for j in 0..N {
            // The pair sum is an exact integer (at most 510), one conversion for two taps.
            acc[j] += k * f32::from(u16::from(a[j]) + u16::from(b[j]));
        }
    }
    acc
}

/// Horizontal sums of the `N` values of `line` from `centre` on, taps `±t` (`4t` values away)
/// weighted `half[t]`.
#[inline(always)]
fn horizontal<const N: usize>(line: &[f32], half: &[f32], centre: usize) -> [f32; N] {
    let at = |i: usize| -> &[f32; N] { line[i..i + N].try_into().expect("a slice of length N") };
    let c = at(centre);
    let mut acc: [f32; N] = std::array::from_fn(|j| half[0] * c[j]);
    for (t, &k) in half.iter().enumerate().skip(1) {
        let (a, b) = (at(centre - 4 * t), at(centre + 4 * t));
        for j in 0..N {
            acc[j] += k * (a[j] + b[j]);
        }
    }
    acc
}

/// Rounds `sums` half up into `dst` (clamped to bytes); whether any lies within `margin` of a
/// rounding boundary.
#[inline(always)]
fn round_group(sums: &[f32], dst: &mut [u8], margin: f32) -> bool {
    let mut closest = f32::INFINITY;
    for (&v, d) in sums.iter().zip(dst) {
        // `as` saturates, so this is the clamp to [0, 255].
        *d = (v + 0.5).floor() as u8;
        closest = closest.min(distance_to_boundary(v));
    }
    closest < margin
}

/// Whether `v` lies within `margin` of a rounding boundary `m + ½`.
fn near_boundary(v: f32, margin: f32) -> bool {
    distance_to_boundary(v) < margin
}

/// |frac(v) − ½|: how far `v ≥ 0` is from the rounding boundary `m + ½` (exact for `v < 2²³`).
#[inline(always)]
fn distance_to_boundary(v: f32) -> f32 {
    (v - v.floor() - 0.5).abs()
}
