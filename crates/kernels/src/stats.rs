//! Descriptive statistics over one float64 vector: variance, std, min/max, argmin/argmax, norm,
//! median, quantile, percentile, cumulative sum and histogram, each matching numpy's result.

use crate::alloc;
use crate::check;
use crate::error::{KernelError, KernelResult};
use crate::reduce::{self, pairwise_sum_by, LANES};

/// 2^-600: below this a sum of squares may have lost bits to underflow, so `norm` rescales.
const NORM_TINY: f64 = f64::from_bits((1023 - 600) << 52);
/// 2^600, the exact inverse of [`NORM_TINY`].
const NORM_HUGE: f64 = f64::from_bits((1023 + 600) << 52);

/// The shape check of [`variance`] and [`std`](fn@std), on the length `n` of `x` and `ddof` only, in
/// this order: `x` not empty, `ddof` non-negative and finite, `ddof` below `n`.
///
/// Errors: `n` zero (`x must not be empty`); `ddof` negative or not finite
/// (`ddof must be non-negative and finite, got -1`) or not below `n`
/// (`ddof must be less than the length of x (3), got 3`); all of kind value.
pub fn check_variance(n: usize, ddof: f64) -> KernelResult<()> {
    check::non_empty_len("x", n)?;
    if !(ddof.is_finite() && ddof >= 0.0) {
        return Err(KernelError::value(
            "ddof",
            format!("must be non-negative and finite, got {}", num(ddof)),
        ));
    }
    if ddof >= n as f64 {
        return Err(KernelError::value(
            "ddof",
            format!("must be less than the length of x ({n}), got {}", num(ddof)),
        ));
    }
    Ok(())
}

/// Population (`ddof = 0`) or sample (`ddof = 1`) variance, `np.var(x, ddof=ddof)`.
///
/// Two passes like numpy: the mean (pairwise sum / n), then the pairwise sum of squared
/// deviations divided by `n − ddof`. `ddof` may be fractional, as in numpy. NaN or infinity in
/// `x` gives NaN.
///
/// Errors: empty `x` (`x must not be empty`); `ddof` negative or not finite
/// (`ddof must be non-negative and finite, got -1`) or not below the length of `x`
/// (`ddof must be less than the length of x (3), got 3`).
pub fn variance(x: &[f64], ddof: f64) -> KernelResult<f64> {
    check_variance(x.len(), ddof)?;
    let count = x.len() as f64;
    let mean = reduce::sum(x) / count;
    let squares = 0.0
        + pairwise_sum_by(x, &|v: f64| {
            let d = v - mean;
            d * d
        });
    Ok(squares / (count - ddof))
}

/// Standard deviation, `np.std(x, ddof=ddof)`: the square root of [`variance`].
///
/// Errors: as [`variance`].
pub fn std(x: &[f64], ddof: f64) -> KernelResult<f64> {
    variance(x, ddof).map(f64::sqrt)
}

/// Smallest element, `np.min(x)`. Any NaN makes the result NaN. Between equal elements (`-0.0`
/// and `0.0`) the later one is returned, as numpy does.
///
/// Errors: empty `x` (`x must not be empty`).
pub fn min(x: &[f64]) -> KernelResult<f64> {
    extreme(x, |acc, v| acc < v)
}

/// Largest element, `np.max(x)`. Any NaN makes the result NaN. Between equal elements (`-0.0`
/// and `0.0`) the later one is returned, as numpy does.
///
/// Errors: empty `x` (`x must not be empty`).
pub fn max(x: &[f64]) -> KernelResult<f64> {
    extreme(x, |acc, v| acc > v)
}

/// Shared loop of `min`/`max`: `keep(acc, v)` says whether the running extreme beats `v`.
///
/// The definition is the sequential fold `acc = if keep(acc, v) { acc } else { v }`, which
/// returns the last of the elements equal to the extreme. Equal floats have equal bits except
/// `-0.0` and `0.0`, so `LANES` independent folds (which vectorise) find the same value, and only
/// a zero extreme needs its sign from the last zero of `x`.
fn extreme(x: &[f64], keep: impl Fn(f64, f64) -> bool) -> KernelResult<f64> {
    check::non_empty("x", x)?;
    let mut acc = [x[0]; LANES];
    let mut nan = [false; LANES];
    let chunks = x.chunks_exact(LANES);
    let tail = chunks.remainder();
    for chunk in chunks {
        for ((a, n), &v) in acc.iter_mut().zip(&mut nan).zip(chunk) {
            *n |= v.is_nan();
            *a = if keep(*a, v) { *a } else { v };
        }
    }
    let mut best = acc[0];
    let mut has_nan = tail.iter().any(|v| v.is_nan()) || nan.iter().any(|&n| n);
    for &v in acc[1..].iter().chain(tail) {
        has_nan |= v.is_nan();
        best = if keep(best, v) { best } else { v };
    }
    if has_nan {
        return Ok(f64::NAN);
    }
    if best == 0.0 {
        // Some element is a zero (the extreme is one of the elements).
        best = x.iter().rev().copied().find(|&v| v == 0.0).unwrap_or(best);
    }
    Ok(best)
}

/// Index of the smallest element, `np.argmin(x)`: the first occurrence of the minimum, or the
/// index of the first NaN if there is one.
///
/// Errors: empty `x` (`x must not be empty`).
pub fn argmin(x: &[f64]) -> KernelResult<usize> {
    arg_extreme(x, |best, v| v < best)
}

/// Index of the largest element, `np.argmax(x)`: the first occurrence of the maximum, or the
/// index of the first NaN if there is one.
///
/// Errors: empty `x` (`x must not be empty`).
pub fn argmax(x: &[f64]) -> KernelResult<usize> {
    arg_extreme(x, |best, v| v > best)
}

/// Shared loop of `argmin`/`argmax`: `better(best, v)` says whether `v` strictly beats `best`.
fn arg_extreme(x: &[f64], better: impl Fn(f64, f64) -> bool) -> KernelResult<usize> {
    check::non_empty("x", x)?;
    if let Some(i) = x.iter().position(|v| v.is_nan()) {
        return Ok(i);
    }
    let mut best = x[0];
    let mut best_i = 0;
    for (i, &v) in x.iter().enumerate().skip(1) {
        if better(best, v) {
            best = v;
            best_i = i;
        }
    }
    Ok(best_i)
}

/// Euclidean (L2) norm `sqrt(Σ xᵢ²)`, `np.linalg.norm(x)` for a vector, but without spurious
/// overflow or underflow: when the plain sum of squares overflows or is tiny, it is recomputed on
/// inputs scaled by an exact power of two (so `norm([1e200, 1e200])` is `1.414…e200`, where numpy
/// gives `inf`). NaN anywhere gives NaN, otherwise ±inf anywhere gives inf; empty `x` gives `0.0`.
/// Never fails.
pub fn norm(x: &[f64]) -> f64 {
    let plain = sum_squares(x, 1.0);
    if plain.is_finite() && plain >= NORM_TINY {
        return plain.sqrt();
    }
    if x.iter().any(|v| v.is_nan()) {
        return f64::NAN;
    }
    if x.iter().any(|v| v.is_infinite()) {
        return f64::INFINITY;
    }
    // 2^600 and 2^-600 are exact, so scaling changes no bits except by under/overflow, which the
    // choice of direction rules out for the terms that matter.
    if plain.is_infinite() {
        sum_squares(x, NORM_TINY).sqrt() * NORM_HUGE
    } else if x.iter().all(|&v| v == 0.0) {
        0.0
    } else {
        sum_squares(x, NORM_HUGE).sqrt() * NORM_TINY
    }
}

/// `Σ (s·xᵢ)²` with eight independent accumulators (the pattern of `reduce::dot`).
fn sum_squares(x: &[f64], s: f64) -> f64 {
    let mut acc = [0.0f64; LANES];
    let chunks = x.chunks_exact(LANES);
    let tail: f64 = chunks
        .remainder()
        .iter()
        .map(|&v| {
            let w = v * s;
            w * w
        })
        .sum();
    for chunk in chunks {
        for (a, &v) in acc.iter_mut().zip(chunk) {
            let w = v * s;
            *a += w * w;
        }
    }
    let body = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    body + tail
}

/// Median, `np.median(x)`: the middle element, or the mean of the two middle elements for even
/// length (so two values of `1e308` give `inf`, as in numpy). Any NaN gives NaN. O(n) selection
/// on a copy; `x` is not modified.
///
/// Errors: empty `x` (`x must not be empty`); no memory for the copy (kind memory, argument `x`).
pub fn median(x: &[f64]) -> KernelResult<f64> {
    check::non_empty("x", x)?;
    if x.iter().any(|v| v.is_nan()) {
        return Ok(f64::NAN);
    }
    let n = x.len();
    let mut work = alloc::copied("x", x)?;
    let half = n / 2;
    let (left, &mut upper, _) = work.select_nth_unstable_by(half, f64::total_cmp);
    // numpy takes `np.mean` of the middle slice: a pairwise sum from 0.0, divided by its length.
    if n % 2 == 1 {
        Ok(0.0 + upper)
    } else {
        let lower = left.iter().copied().max_by(f64::total_cmp).unwrap_or(upper);
        Ok((0.0 + lower + upper) / 2.0)
    }
}

/// The shape check of [`quantile`], on the length `n` of `x` and `q` only, in this order: `x`
/// not empty, `q` in `[0, 1]`.
///
/// Errors: `n` zero (`x must not be empty`); `q` outside `[0, 1]` or NaN
/// (`q must be in [0, 1], got 1.5`); both of kind value.
pub fn check_quantile(n: usize, q: f64) -> KernelResult<()> {
    check::non_empty_len("x", n)?;
    if !(0.0..=1.0).contains(&q) {
        return Err(KernelError::value(
            "q",
            format!("must be in [0, 1], got {}", num(q)),
        ));
    }
    Ok(())
}

/// The `q`-th quantile, `np.quantile(x, q)` with the default method `"linear"`: the value at the
/// virtual index `(n − 1)·q` of the sorted data, interpolated between its neighbours exactly as
/// numpy's `_lerp` does. Any NaN in `x` gives NaN. O(n) selection on a copy; `x` is not modified.
///
/// Errors: empty `x` (`x must not be empty`); `q` outside `[0, 1]` or NaN
/// (`q must be in [0, 1], got 1.5`); no memory for the copy (kind memory, argument `x`).
pub fn quantile(x: &[f64], q: f64) -> KernelResult<f64> {
    check_quantile(x.len(), q)?;
    if x.iter().any(|v| v.is_nan()) {
        return Ok(f64::NAN);
    }
    let mut work = alloc::copied("x", x)?;
    let (lo, hi, gamma) = linear_index(x.len(), q);
    let (_, &mut a, right) = work.select_nth_unstable_by(lo, f64::total_cmp);
    let b = if hi == lo {
        a
    } else {
        right.iter().copied().min_by(f64::total_cmp).unwrap_or(a)
    };
    Ok(lerp(a, b, gamma))
}

/// The shape check of [`percentile`], on the length `n` of `x` and `q` only, in this order (as
/// numpy): `q` in `[0, 100]`, then [`check_quantile`] at `q / 100` (`x` not empty).
///
/// Errors: `q` outside `[0, 100]` or NaN (`q must be in [0, 100], got 100.5`); `n` zero
/// (`x must not be empty`); both of kind value.
pub fn check_percentile(n: usize, q: f64) -> KernelResult<()> {
    if !(0.0..=100.0).contains(&q) {
        return Err(KernelError::value(
            "q",
            format!("must be in [0, 100], got {}", num(q)),
        ));
    }
    check_quantile(n, q / 100.0)
}

/// The `q`-th percentile, `np.percentile(x, q)` with the default method `"linear"`: as numpy,
/// [`quantile`] at `q / 100` (so `percentile(x, 50.0)` is the [`median`] up to rounding, and
/// `percentile([1, 2, 3, 4], 50)` is 2.5). Any NaN in `x` gives NaN; `x` is not modified.
///
/// Errors: `q` outside `[0, 100]` or NaN (`q must be in [0, 100], got 100.5`), checked first;
/// then as [`quantile`]: empty `x` (`x must not be empty`), no memory for the copy.
pub fn percentile(x: &[f64], q: f64) -> KernelResult<f64> {
    check_percentile(x.len(), q)?;
    quantile(x, q / 100.0)
}

/// numpy's linear-method neighbours and weight for quantile `q` of `n ≥ 1` sorted values.
///
/// At or beyond the last index numpy sets both neighbours to index -1 *before* computing the
/// weight, so the weight there is `vi + 1`, not 0; `lerp` then gives `b − (b − a)·(−vi)`, which
/// matters only for infinities (`inf − inf` is NaN, as in numpy).
fn linear_index(n: usize, q: f64) -> (usize, usize, f64) {
    let last = n.saturating_sub(1);
    let vi = last as f64 * q;
    if vi >= last as f64 {
        (last, last, vi + 1.0)
    } else {
        let below = vi.floor();
        // `as` saturates; the `min`s only guard against rounding for astronomically long input.
        let lo = (below as usize).min(last.saturating_sub(1));
        (lo, (lo + 1).min(last), vi - below)
    }
}

/// numpy's `_lerp(a, b, t)`: `a + (b − a)·t`, or `b − (b − a)·(1 − t)` when `t ≥ 0.5`.
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let diff = b - a;
    if t >= 0.5 {
        b - diff * (1.0 - t)
    } else {
        a + diff * t
    }
}

/// Running sum, `np.cumsum(x)`: element `i` is `x[0] + … + x[i]`, added left to right.
///
/// Errors: no memory for the result (kind memory, argument `x`).
pub fn cumsum(x: &[f64]) -> KernelResult<Vec<f64>> {
    let mut out = alloc::with_capacity("x", x.len())?;
    // -0.0 is the exact identity of IEEE addition (-0.0 + v == v, signs of zero included), so
    // the running sum starts there. `extend` over a slice's mapped iterator knows its exact
    // length: one capacity check, then a plain store per element.
    let mut acc = -0.0;
    out.extend(x.iter().map(|&v| {
        acc += v;
        acc
    }));
    Ok(out)
}

/// The shape check of [`histogram`]: everything it checks before looking at the data, on the
/// length `n` of `x`, `bins` and `range` only, in this order: `bins` at least 1, `n` at most
/// `u32::MAX`, a given `range` with `lo <= hi`, then finite. (The autodetected range of data
/// with NaN or infinity, too many bins for the range and memory are checked by the kernel.)
///
/// Errors, all of kind value: `bins must be at least 1, got 0`;
/// `x must have at most 4294967295 elements, got …`; `range must have lo <= hi, got [2, 1]`;
/// `range of [0, inf] is not finite`.
pub fn check_histogram(n: usize, bins: usize, range: Option<(f64, f64)>) -> KernelResult<()> {
    if bins < 1 {
        return Err(KernelError::value(
            "bins",
            format!("must be at least 1, got {bins}"),
        ));
    }
    if n > u32::MAX as usize {
        return Err(KernelError::value(
            "x",
            format!("must have at most {} elements, got {n}", u32::MAX),
        ));
    }
    if let Some((lo, hi)) = range {
        if lo > hi {
            return Err(KernelError::value(
                "range",
                format!("must have lo <= hi, got [{}, {}]", num(lo), num(hi)),
            ));
        }
        if !(lo.is_finite() && hi.is_finite()) {
            return Err(KernelError::value(
                "range",
                format!("of [{}, {}] is not finite", num(lo), num(hi)),
            ));
        }
    }
    Ok(())
}

/// Histogram with `bins` equal-width bins, `np.histogram(x, bins, range)`: returns the counts
/// (`bins` of them) and the edges (`bins + 1`, `np.linspace(lo, hi, bins + 1)`).
///
/// `range` defaults to `(min(x), max(x))`, or `(0, 1)` for empty `x`; a degenerate range
/// `lo == hi` is widened to `(lo − 0.5, hi + 0.5)`. Every bin is half-open `[a, b)` except the
/// last, which includes `hi`; values outside the range, and NaNs, are not counted. Bin indices
/// are computed with numpy's formula and its one-ulp corrections against the edges, so counts
/// match numpy even for values on an edge.
///
/// Errors, as numpy's: `bins` zero (`bins must be at least 1, got 0`); a range with `lo > hi`
/// (`range must have lo <= hi, got [2, 1]`) or not finite (`range of [0, inf] is not finite`);
/// no range and data with NaN or infinity
/// (`x has the autodetected range [1, inf], which is not finite`); too many bins for the range
/// (`bins is too large for the data range, cannot create 3 finite-sized bins`); more than
/// `u32::MAX` elements in `x` (`x must have at most 4294967295 elements, got …`); no memory for
/// the counts or the edges (kind memory, argument `bins`).
pub fn histogram(
    x: &[f64],
    bins: usize,
    range: Option<(f64, f64)>,
) -> KernelResult<(Vec<u32>, Vec<f64>)> {
    check_histogram(x.len(), bins, range)?;
    let (mut lo, mut hi) = match range {
        Some(given) => given,
        None if x.is_empty() => (0.0, 1.0),
        None => {
            let (lo, hi) = (min(x)?, max(x)?);
            if !(lo.is_finite() && hi.is_finite()) {
                return Err(KernelError::value(
                    "x",
                    format!(
                        "has the autodetected range [{}, {}], which is not finite",
                        num(lo),
                        num(hi)
                    ),
                ));
            }
            (lo, hi)
        }
    };
    if lo == hi {
        lo -= 0.5;
        hi += 0.5;
    }

    let edges = linspace(lo, hi, bins)?;
    if edges.windows(2).any(|w| w[0] >= w[1]) {
        return Err(KernelError::value(
            "bins",
            format!("is too large for the data range, cannot create {bins} finite-sized bins"),
        ));
    }

    let mut counts: Vec<u32> = alloc::filled("bins", bins, 0)?;
    let last_bin = bins - 1;
    let denom = hi - lo;
    let scale = bins as f64;
    for &v in x {
        // Also rejects NaN.
        if !(v >= lo && v <= hi) {
            continue;
        }
        let f = (v - lo) / denom * scale;
        // numpy truncates toward zero (`astype(intp)`); `as` also saturates and maps NaN to 0.
        let mut i = (f as usize).min(last_bin);
        if edges.get(i).is_some_and(|&e| v < e) {
            i = i.saturating_sub(1);
        }
        if i != last_bin && edges.get(i + 1).is_some_and(|&e| v >= e) {
            i += 1;
        }
        if let Some(c) = counts.get_mut(i) {
            *c += 1; // at most x.len() ≤ u32::MAX in total
        }
    }
    Ok((counts, edges))
}

/// `np.linspace(lo, hi, bins + 1)` as numpy computes it: `lo + i·step` with
/// `step = (hi − lo)/bins` (or `lo + (i/bins)·(hi − lo)` if the step underflows to zero), and the
/// last edge exactly `hi`. Memory errors name `bins`.
fn linspace(lo: f64, hi: f64, bins: usize) -> KernelResult<Vec<f64>> {
    let len = bins.checked_add(1).ok_or_else(|| {
        KernelError::memory(
            "bins",
            format!("is too large: out of memory (cannot allocate {bins} + 1 edges)"),
        )
    })?;
    let mut edges = alloc::with_capacity("bins", len)?;
    let delta = hi - lo;
    let div = bins as f64;
    let step = delta / div;
    if step == 0.0 {
        edges.extend((0..bins).map(|i| i as f64 / div * delta + lo));
    } else {
        edges.extend((0..bins).map(|i| i as f64 * step + lo));
    }
    edges.push(hi);
    Ok(edges)
}

/// A float for an error message, spelled like Python: `nan`, `inf`, `1.5`, `3`, `1e308`.
fn num(v: f64) -> String {
    if v.is_nan() {
        "nan".into()
    } else if v.is_infinite() {
        if v > 0.0 { "inf" } else { "-inf" }.into()
    } else if v != 0.0 && (v.abs() >= 1e16 || v.abs() < 1e-4) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::test_util::{blame, msg};
    use crate::ErrorKind;
    use proptest::prelude::*;

    fn close(a: f64, b: f64, scale: f64) -> bool {
        (a - b).abs() <= 1e-12 * scale.max(1.0)
    }

    fn same_bits(a: f64, b: f64) -> bool {
        a.to_bits() == b.to_bits()
    }

    /// Plain floats, with a fair share of NaN, infinities and signed zeros.
    fn special_float() -> impl Strategy<Value = f64> {
        prop_oneof![
            6 => -1e6f64..1e6,
            1 => Just(f64::NAN),
            1 => Just(f64::INFINITY),
            1 => Just(f64::NEG_INFINITY),
            1 => Just(0.0),
            1 => Just(-0.0),
        ]
    }

    // ---- variance / std ----

    #[test]
    fn variance_of_one_to_n_is_closed_form() {
        let x: Vec<f64> = (1..=100).map(f64::from).collect();
        // (n² − 1)/12 and n(n + 1)/12
        assert_eq!(variance(&x, 0.0).unwrap(), 833.25);
        assert_eq!(variance(&x, 1.0).unwrap(), 841.6666666666666);
        assert_eq!(std(&x, 0.0).unwrap(), 833.25f64.sqrt());
    }

    #[test]
    fn variance_matches_numpy_bits() {
        // np.var / np.std of np.arange(n) / 7.0 (n = 1000 exercises the pairwise split).
        let x: Vec<f64> = (0..1000).map(|i| f64::from(i) / 7.0).collect();
        assert_eq!(variance(&x, 0.0).unwrap(), 1700.6785714285713);
        assert_eq!(variance(&x, 1.0).unwrap(), 1702.3809523809523);
        assert_eq!(std(&x, 0.0).unwrap(), 41.2392843224585);
        let y: Vec<f64> = (0..100).map(|i| f64::from(i) / 7.0).collect();
        assert_eq!(variance(&y, 0.0).unwrap(), 17.00510204081633);
    }

    #[test]
    fn variance_accepts_fractional_ddof() {
        assert_eq!(variance(&[1.0, 2.0, 3.0, 4.0], 1.5).unwrap(), 2.0);
        assert_eq!(variance(&[7.0], 0.5).unwrap(), 0.0);
    }

    #[test]
    fn variance_propagates_nan_and_inf_as_nan() {
        assert!(variance(&[1.0, f64::NAN], 0.0).unwrap().is_nan());
        assert!(variance(&[1.0, f64::INFINITY], 0.0).unwrap().is_nan());
        assert!(std(&[f64::NEG_INFINITY], 0.0).unwrap().is_nan());
    }

    #[test]
    fn variance_errors() {
        assert_eq!(msg(variance(&[], 0.0)), "x must not be empty");
        assert_eq!(msg(std(&[], 1.0)), "x must not be empty");
        assert_eq!(
            msg(variance(&[1.0, 2.0, 3.0], 3.0)),
            "ddof must be less than the length of x (3), got 3"
        );
        assert_eq!(
            msg(std(&[1.0], 1.5)),
            "ddof must be less than the length of x (1), got 1.5"
        );
        assert_eq!(
            msg(variance(&[1.0, 2.0], -1.0)),
            "ddof must be non-negative and finite, got -1"
        );
        assert_eq!(
            msg(variance(&[1.0, 2.0], f64::NAN)),
            "ddof must be non-negative and finite, got nan"
        );
        assert_eq!(
            msg(std(&[1.0, 2.0], f64::INFINITY)),
            "ddof must be non-negative and finite, got inf"
        );
        assert_eq!(blame(variance(&[], 0.0)), (ErrorKind::Value, "x"));
        assert_eq!(blame(std(&[1.0], 1.0)), (ErrorKind::Value, "ddof"));
        assert_eq!(blame(variance(&[1.0], -1.0)), (ErrorKind::Value, "ddof"));
    }

    // ---- min / max / argmin / argmax ----

    #[test]
    fn min_max_known_values() {
        let x = [3.0, -1.5, 2.0, f64::INFINITY];
        assert_eq!(min(&x).unwrap(), -1.5);
        assert_eq!(max(&x).unwrap(), f64::INFINITY);
        assert_eq!(min(&[4.0]).unwrap(), 4.0);
    }

    #[test]
    fn min_max_propagate_nan() {
        for x in [
            [f64::NAN, 1.0, 2.0],
            [1.0, f64::NAN, 2.0],
            [1.0, 2.0, f64::NAN],
        ] {
            assert!(min(&x).unwrap().is_nan());
            assert!(max(&x).unwrap().is_nan());
        }
    }

    #[test]
    fn min_max_equal_the_sequential_fold_at_every_length_and_zero_position() {
        // The definition: the last element equal to the extreme wins (it decides zeros' signs).
        let fold = |x: &[f64], keep: fn(f64, f64) -> bool| {
            let first = x[0];
            x[1..]
                .iter()
                .fold(first, |acc, &v| if keep(acc, v) { acc } else { v })
        };
        for n in 1..40 {
            for zero_at in 0..n {
                for sign in [0.0, -0.0] {
                    // Zeros of both signs, one of them at `zero_at`; in `x` the extremes are
                    // ±4, in `above` and `below` the zeros are the minimum and the maximum.
                    let x: Vec<f64> = (0..n)
                        .map(|i| match (i == zero_at, i % 5) {
                            (true, _) => sign,
                            (false, 0) => -sign,
                            (false, k) => k as f64 * if i % 2 == 0 { 1.0 } else { -1.0 },
                        })
                        .collect();
                    let above: Vec<f64> = x
                        .iter()
                        .map(|&v| if v == 0.0 { v } else { v.abs() })
                        .collect();
                    let below: Vec<f64> = x
                        .iter()
                        .map(|&v| if v == 0.0 { v } else { -v.abs() })
                        .collect();
                    for y in [&x, &above, &below] {
                        assert!(
                            same_bits(min(y).unwrap(), fold(y, |a, v| a < v)),
                            "min {y:?}"
                        );
                        assert!(
                            same_bits(max(y).unwrap(), fold(y, |a, v| a > v)),
                            "max {y:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn min_max_signed_zero_ties_take_the_later_like_numpy() {
        assert!(same_bits(min(&[0.0, -0.0]).unwrap(), -0.0));
        assert!(same_bits(min(&[-0.0, 0.0]).unwrap(), 0.0));
        assert!(same_bits(max(&[0.0, -0.0]).unwrap(), -0.0));
        assert!(same_bits(max(&[-0.0, 0.0]).unwrap(), 0.0));
    }

    #[test]
    fn argmin_argmax_known_values() {
        assert_eq!(argmin(&[2.0, 1.0, 1.0]).unwrap(), 1);
        assert_eq!(argmax(&[1.0, 3.0, 3.0]).unwrap(), 1);
        assert_eq!(argmin(&[3.0, 1.0, f64::NAN, 1.0, f64::NAN]).unwrap(), 2);
        assert_eq!(argmax(&[3.0, 1.0, f64::NAN, 1.0, f64::NAN]).unwrap(), 2);
        assert_eq!(argmax(&[f64::NEG_INFINITY]).unwrap(), 0);
        assert_eq!(argmin(&[0.0, -0.0]).unwrap(), 0);
    }

    #[test]
    fn extremes_of_empty_are_errors() {
        for err in [min(&[]), max(&[])] {
            assert_eq!(err, Err(KernelError::value("x", "must not be empty")));
        }
        for err in [argmin(&[]), argmax(&[])] {
            assert_eq!(err, Err(KernelError::value("x", "must not be empty")));
        }
        assert_eq!(msg(min(&[])), "x must not be empty");
    }

    // ---- norm ----

    #[test]
    fn norm_known_values() {
        assert_eq!(norm(&[]), 0.0);
        assert_eq!(norm(&[0.0, -0.0]), 0.0);
        assert_eq!(norm(&[3.0, 4.0]), 5.0);
        assert_eq!(norm(&[-2.0]), 2.0);
        let x: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(norm(&x), 338_350f64.sqrt());
    }

    #[test]
    fn norm_does_not_overflow_or_underflow() {
        // Correctly rounded values (Python's math.hypot); numpy's sqrt(dot) gives inf and 0.
        assert_eq!(norm(&[1e200, 1e200]), 1.414213562373095e200);
        assert_eq!(norm(&[1e-200, 1e-200]), 1.414213562373095e-200);
        assert_eq!(norm(&[1e308, 1e308, 1e308]), 1.7320508075688772e308);
        assert_eq!(norm(&[3e-320, 4e-320]), 5e-320);
        assert_eq!(norm(&[5e-324, 5e-324]), 5e-324);
        assert_eq!(norm(&[f64::MAX, f64::MAX]), f64::INFINITY);
    }

    #[test]
    fn norm_of_inf_and_nan() {
        assert_eq!(norm(&[1.0, f64::NEG_INFINITY]), f64::INFINITY);
        assert_eq!(norm(&[1e300, f64::INFINITY, 1e300]), f64::INFINITY);
        assert!(norm(&[1.0, f64::NAN]).is_nan());
        assert!(norm(&[f64::INFINITY, f64::NAN]).is_nan());
        assert!(norm(&[1e300, 1e300, f64::NAN]).is_nan());
    }

    // ---- median / quantile ----

    #[test]
    fn median_known_values() {
        assert_eq!(median(&[3.0, 1.0, 2.0]).unwrap(), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]).unwrap(), 2.5);
        assert_eq!(median(&[7.0]).unwrap(), 7.0);
        assert_eq!(median(&[1.0, f64::INFINITY, 2.0]).unwrap(), 2.0);
        // Mean of the middle pair, as numpy: overflow gives inf.
        assert_eq!(median(&[1e308, 1e308]).unwrap(), f64::INFINITY);
        assert_eq!(median(&[-1e308, 1e308]).unwrap(), 0.0);
        // numpy's mean starts from 0.0, so -0.0 comes out as 0.0.
        assert!(same_bits(median(&[-0.0]).unwrap(), 0.0));
        assert!(same_bits(median(&[-0.0, -0.0]).unwrap(), 0.0));
    }

    #[test]
    fn median_nan_and_errors() {
        assert!(median(&[1.0, f64::NAN, 3.0]).unwrap().is_nan());
        assert_eq!(msg(median(&[])), "x must not be empty");
        assert_eq!(blame(median(&[])), (ErrorKind::Value, "x"));
    }

    #[test]
    fn median_leaves_input_untouched() {
        let x = [5.0, 3.0, 1.0, 4.0];
        assert_eq!(median(&x).unwrap(), 3.5);
        assert_eq!(x, [5.0, 3.0, 1.0, 4.0]);
    }

    #[test]
    fn quantile_known_values() {
        let x = [1.0, 2.0, 3.0, 4.0];
        let qs = [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0];
        let want = [1.0, 1.3, 1.75, 2.5, 3.25, 3.7, 4.0];
        for (q, w) in qs.iter().zip(want) {
            assert_eq!(quantile(&x, *q).unwrap(), w, "q = {q}");
        }
        let y = [5.0, 1.0, 4.0, 2.0, 3.0];
        for (q, w) in [0.3, 0.33, 0.5, 0.99]
            .into_iter()
            .zip([2.2, 2.3200000000000003, 3.0, 4.96])
        {
            assert_eq!(quantile(&y, q).unwrap(), w, "q = {q}");
        }
        assert_eq!(
            quantile(&[10.0, 0.0], 1.0 / 3.0).unwrap(),
            3.333333333333333
        );
    }

    #[test]
    fn quantile_infinities_follow_numpy_lerp() {
        // All NaN in numpy too: inf − inf appears inside `_lerp`.
        assert!(quantile(&[f64::INFINITY, f64::INFINITY], 0.5)
            .unwrap()
            .is_nan());
        assert!(quantile(&[1.0, f64::INFINITY], 1.0).unwrap().is_nan());
        assert!(quantile(&[f64::INFINITY], 0.5).unwrap().is_nan());
        assert!(quantile(&[1.0, f64::INFINITY], 0.5).unwrap().is_nan());
        assert!(quantile(&[f64::NEG_INFINITY, 1.0], 0.0).unwrap().is_nan());
        assert!(quantile(&[f64::NEG_INFINITY, 1.0], 0.25).unwrap().is_nan());
        assert_eq!(quantile(&[1.0, 2.0, f64::INFINITY], 0.25).unwrap(), 1.5);
    }

    #[test]
    fn quantile_signed_zeros_match_numpy() {
        assert!(same_bits(quantile(&[-0.0], 0.5).unwrap(), -0.0));
        assert!(same_bits(quantile(&[-0.0, -0.0], 0.25).unwrap(), 0.0));
        assert!(same_bits(quantile(&[-0.0, -0.0], 0.75).unwrap(), -0.0));
    }

    #[test]
    fn quantile_nan_and_errors() {
        assert!(quantile(&[1.0, f64::NAN], 0.0).unwrap().is_nan());
        assert!(quantile(&[f64::NAN, 1.0], 0.0).unwrap().is_nan());
        assert!(quantile(&[f64::NAN, 1.0], 1.0).unwrap().is_nan());
        assert_eq!(msg(quantile(&[1.0], 1.5)), "q must be in [0, 1], got 1.5");
        assert_eq!(msg(quantile(&[1.0], -0.1)), "q must be in [0, 1], got -0.1");
        assert_eq!(
            msg(quantile(&[1.0], f64::NAN)),
            "q must be in [0, 1], got nan"
        );
        assert_eq!(
            msg(quantile(&[1.0], f64::INFINITY)),
            "q must be in [0, 1], got inf"
        );
        assert_eq!(blame(quantile(&[1.0], 1.5)), (ErrorKind::Value, "q"));
        assert_eq!(msg(quantile(&[], 0.5)), "x must not be empty");
        assert_eq!(blame(quantile(&[], 0.5)), (ErrorKind::Value, "x"));
        // x is checked before q.
        assert_eq!(blame(quantile(&[], 2.0)), (ErrorKind::Value, "x"));
    }

    // ---- percentile ----

    #[test]
    fn percentile_known_values() {
        // np.percentile(x, q) = np.quantile(x, q / 100) with method "linear": the virtual index
        // (n − 1)·q/100 of the sorted data, then numpy's _lerp.
        let x = [1.0, 2.0, 3.0, 4.0];
        // q = 50: index 1.5 → 3 − (3 − 2)·0.5 = 2.5.  q = 25: index 0.75 → 2 − 1·0.25 = 1.75.
        // q = 10: index 3·0.1 = 0.30000000000000004 → 1 + 0.30000000000000004 = 1.3.
        // q = 75: index 2.25 → 3 + 1·0.25 = 3.25.  q = 0 and 100: the ends.
        for (q, want) in [
            (50.0, 2.5),
            (25.0, 1.75),
            (10.0, 1.3),
            (75.0, 3.25),
            (0.0, 1.0),
            (100.0, 4.0),
        ] {
            assert_eq!(percentile(&x, q).unwrap(), want, "q = {q}");
        }
        // Sorted [1, 2, 3, 4, 7, 10]; q = 30: index 5·0.3 = 1.5 → 3 − 1·0.5 = 2.5.
        // q = 90: index 5·0.9 = 4.5 → 10 − 3·0.5 = 8.5.
        let y = [10.0, 7.0, 4.0, 3.0, 2.0, 1.0];
        assert_eq!(percentile(&y, 30.0).unwrap(), 2.5);
        assert_eq!(percentile(&y, 90.0).unwrap(), 8.5);
        // 33/100 is the same double as 0.33: the quantile's value above.
        let z = [5.0, 1.0, 4.0, 2.0, 3.0];
        assert_eq!(percentile(&z, 33.0).unwrap(), 2.3200000000000003);
        assert_eq!(percentile(&z, 50.0).unwrap(), median(&z).unwrap());
        assert_eq!(percentile(&[7.0], 42.0).unwrap(), 7.0);
        for q in [0.0, 12.5, 33.0, 50.0, 99.0, 100.0] {
            assert_eq!(
                percentile(&z, q).unwrap().to_bits(),
                quantile(&z, q / 100.0).unwrap().to_bits()
            );
        }
    }

    #[test]
    fn percentile_nan_and_errors() {
        assert!(percentile(&[1.0, f64::NAN], 50.0).unwrap().is_nan());
        assert_eq!(
            msg(percentile(&[1.0], 100.5)),
            "q must be in [0, 100], got 100.5"
        );
        assert_eq!(
            msg(percentile(&[1.0], -1.0)),
            "q must be in [0, 100], got -1"
        );
        assert_eq!(
            msg(percentile(&[1.0], f64::NAN)),
            "q must be in [0, 100], got nan"
        );
        assert_eq!(
            msg(percentile(&[1.0], f64::INFINITY)),
            "q must be in [0, 100], got inf"
        );
        assert_eq!(blame(percentile(&[1.0], 101.0)), (ErrorKind::Value, "q"));
        assert_eq!(msg(percentile(&[], 50.0)), "x must not be empty");
        assert_eq!(blame(percentile(&[], 50.0)), (ErrorKind::Value, "x"));
        // q is checked first, as numpy does.
        assert_eq!(blame(percentile(&[], 150.0)), (ErrorKind::Value, "q"));
    }

    // ---- cumsum ----

    #[test]
    fn cumsum_known_values() {
        assert_eq!(cumsum(&[]).unwrap(), Vec::<f64>::new());
        assert_eq!(
            cumsum(&[1.0, 2.0, 3.0, 4.0]).unwrap(),
            [1.0, 3.0, 6.0, 10.0]
        );
        // Sequential, not pairwise: ten 0.1s fall short of 1.
        assert_eq!(cumsum(&[0.1; 10]).unwrap()[9], 0.9999999999999999);
        // Starts from the first element, not from 0.0.
        assert!(cumsum(&[-0.0, -0.0])
            .unwrap()
            .iter()
            .all(|v| same_bits(*v, -0.0)));
        let c = cumsum(&[1.0, f64::NAN, 2.0]).unwrap();
        assert!(c[0] == 1.0 && c[1].is_nan() && c[2].is_nan());
    }

    // ---- histogram ----

    #[test]
    fn histogram_numpy_examples() {
        let (c, e) = histogram(&[1.0, 2.0, 1.0], 3, Some((0.0, 3.0))).unwrap();
        assert_eq!(c, [0, 2, 1]);
        assert_eq!(e, [0.0, 1.0, 2.0, 3.0]);

        let (c, e) = histogram(&[5.0, 5.0], 3, None).unwrap();
        assert_eq!(c, [0, 2, 0]);
        assert_eq!(e, [4.5, 4.833333333333333, 5.166666666666667, 5.5]);

        let (c, e) = histogram(&[], 2, None).unwrap();
        assert_eq!(c, [0, 0]);
        assert_eq!(e, [0.0, 0.5, 1.0]);

        let x = [0.1, 0.2, 0.3, 0.7, f64::NAN, -1.0, 2.0];
        let (c, e) = histogram(&x, 4, Some((0.0, 1.0))).unwrap();
        assert_eq!(c, [2, 1, 1, 0]);
        assert_eq!(e, [0.0, 0.25, 0.5, 0.75, 1.0]);

        let (_, e) = histogram(&[0.0, 4.0], 10, None).unwrap();
        assert_eq!(
            e,
            [
                0.0,
                0.4,
                0.8,
                1.2000000000000002,
                1.6,
                2.0,
                2.4000000000000004,
                2.8000000000000003,
                3.2,
                3.6,
                4.0
            ]
        );
    }

    #[test]
    fn histogram_values_on_edges() {
        let x: Vec<f64> = (0..30).map(|i| 0.1 * f64::from(i)).collect();
        let (c, e) = histogram(&x, 7, None).unwrap();
        assert_eq!(c, [5, 4, 4, 4, 4, 4, 5]);
        assert_eq!(
            e,
            [
                0.0,
                0.4142857142857143,
                0.8285714285714286,
                1.2428571428571429,
                1.6571428571428573,
                2.0714285714285716,
                2.4857142857142858,
                2.9000000000000004
            ]
        );
        assert_eq!(
            histogram(&x, 7, Some((0.3, 2.2))).unwrap().0,
            [3, 3, 3, 2, 3, 3, 3]
        );
        // 0.1·i for i = 0..=10 sits on (or within an ulp of) every edge; the last bin holds 1.0.
        let y: Vec<f64> = (0..=10).map(|i| 0.1 * f64::from(i)).collect();
        assert_eq!(
            histogram(&y, 10, Some((0.0, 1.0))).unwrap().0,
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 2]
        );
    }

    #[test]
    fn histogram_tiny_and_huge_ranges() {
        // Step underflows to zero: numpy's linspace divides first.
        let (c, e) = histogram(&[0.0, 0.0], 2, Some((0.0, 1e-323))).unwrap();
        assert_eq!(c, [2, 0]);
        assert_eq!(e, [0.0, 5e-324, 1e-323]);
        // hi − lo overflows: numpy's first edge is 0·inf + lo = NaN; the value lands in bin 0.
        let (c, e) = histogram(&[0.0], 1, Some((-1e308, 1e308))).unwrap();
        assert_eq!(c, [1]);
        assert!(e[0].is_nan() && e[1] == 1e308);
    }

    #[test]
    fn histogram_errors() {
        let x = [1.0, 2.0];
        assert_eq!(
            msg(histogram(&x, 0, None)),
            "bins must be at least 1, got 0"
        );
        assert_eq!(blame(histogram(&x, 0, None)), (ErrorKind::Value, "bins"));
        assert_eq!(
            msg(histogram(&x, 2, Some((2.0, 1.0)))),
            "range must have lo <= hi, got [2, 1]"
        );
        assert_eq!(
            msg(histogram(&x, 2, Some((0.0, f64::INFINITY)))),
            "range of [0, inf] is not finite"
        );
        assert_eq!(
            msg(histogram(&x, 2, Some((f64::NAN, 1.0)))),
            "range of [nan, 1] is not finite"
        );
        assert_eq!(
            blame(histogram(&x, 2, Some((f64::NAN, 1.0)))),
            (ErrorKind::Value, "range")
        );
        assert_eq!(
            msg(histogram(&[1.0, f64::NAN], 2, None)),
            "x has the autodetected range [nan, nan], which is not finite"
        );
        assert_eq!(
            msg(histogram(&[1.0, f64::INFINITY], 2, None)),
            "x has the autodetected range [1, inf], which is not finite"
        );
        assert_eq!(
            blame(histogram(&[1.0, f64::INFINITY], 2, None)),
            (ErrorKind::Value, "x")
        );
        assert_eq!(
            msg(histogram(&[1e20, 1e20], 3, None)),
            "bins is too large for the data range, cannot create 3 finite-sized bins"
        );
        assert_eq!(
            msg(histogram(&x, 3, Some((0.0, 5e-324)))),
            "bins is too large for the data range, cannot create 3 finite-sized bins"
        );
        assert_eq!(
            blame(histogram(&x, 3, Some((0.0, 5e-324)))),
            (ErrorKind::Value, "bins")
        );
        assert_eq!(
            blame(histogram(&x, usize::MAX, Some((0.0, 1.0)))),
            (ErrorKind::Memory, "bins")
        );
        assert_eq!(
            blame(histogram(&x, usize::MAX / 16, Some((0.0, 1.0)))),
            (ErrorKind::Memory, "bins")
        );
    }

    // ---- shape checks ----

    #[test]
    fn check_variance_is_the_check_of_variance_and_std() {
        assert!(check_variance(3, 0.0).is_ok());
        assert!(check_variance(3, 2.5).is_ok());
        let x = [1.0, 2.0, 3.0];
        for (n, ddof) in [
            (0, 0.0),
            (0, -1.0),
            (3, -1.0),
            (3, f64::NAN),
            (3, f64::INFINITY),
            (3, 3.0),
        ] {
            let err = check_variance(n, ddof).unwrap_err();
            assert_eq!(err, variance(&x[..n], ddof).unwrap_err(), "{n} {ddof}");
            assert_eq!(err, std(&x[..n], ddof).unwrap_err(), "{n} {ddof}");
        }
        let err = check_variance(3, 3.0).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Value, "ddof"));
        assert_eq!(
            err.to_string(),
            "ddof must be less than the length of x (3), got 3"
        );
    }

    #[test]
    fn check_quantile_is_the_check_of_quantile() {
        assert!(check_quantile(1, 0.5).is_ok());
        assert!(check_quantile(2, 1.0).is_ok());
        for (n, q) in [(0, 0.5), (0, 2.0), (1, 1.5), (1, f64::NAN), (1, -0.1)] {
            let err = check_quantile(n, q).unwrap_err();
            assert_eq!(err, quantile(&[1.0][..n], q).unwrap_err(), "{n} {q}");
        }
        let err = check_quantile(0, 2.0).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Value, "x"));
        assert_eq!(err.to_string(), "x must not be empty");
    }

    #[test]
    fn check_percentile_is_the_check_of_percentile() {
        assert!(check_percentile(1, 50.0).is_ok());
        assert!(check_percentile(1, 100.0).is_ok());
        for (n, q) in [(0, 50.0), (0, 150.0), (1, 100.5), (1, f64::NAN), (1, -1.0)] {
            let err = check_percentile(n, q).unwrap_err();
            assert_eq!(err, percentile(&[1.0][..n], q).unwrap_err(), "{n} {q}");
        }
        let err = check_percentile(0, 150.0).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Value, "q"));
        assert_eq!(err.to_string(), "q must be in [0, 100], got 150");
    }

    #[test]
    fn check_histogram_is_the_data_free_check_of_histogram() {
        assert!(check_histogram(0, 1, None).is_ok());
        assert!(check_histogram(2, 3, Some((0.0, 1.0))).is_ok());
        assert!(check_histogram(2, 3, Some((1.0, 1.0))).is_ok());
        // Needs the data or the edges: left to the kernel.
        assert!(check_histogram(2, 2, None).is_ok());
        assert!(check_histogram(2, 3, Some((0.0, 5e-324))).is_ok());
        let x = [1.0, 2.0];
        for (bins, range) in [
            (0, None),
            (0, Some((2.0, 1.0))),
            (2, Some((2.0, 1.0))),
            (2, Some((0.0, f64::INFINITY))),
            (2, Some((f64::NAN, 1.0))),
            (2, Some((f64::INFINITY, 1.0))),
        ] {
            let err = check_histogram(x.len(), bins, range).unwrap_err();
            assert_eq!(
                err,
                histogram(&x, bins, range).unwrap_err(),
                "{bins} {range:?}"
            );
        }
        let err = check_histogram(2, 2, Some((0.0, f64::INFINITY))).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Value, "range"));
        assert_eq!(err.to_string(), "range of [0, inf] is not finite");
        // Too long for u32 counts: no such slice can be built here, so the message is checked.
        if let Some(n) = (u32::MAX as usize).checked_add(1) {
            let err = check_histogram(n, 2, Some((2.0, 1.0))).unwrap_err();
            assert_eq!((err.kind, err.argument), (ErrorKind::Value, "x"));
            assert_eq!(
                err.to_string(),
                format!("x must have at most 4294967295 elements, got {n}")
            );
            assert_eq!(check_histogram(n, 0, None).unwrap_err().argument, "bins");
        }
    }

    #[test]
    fn message_numbers_are_spelled_like_python() {
        assert_eq!(num(1.5), "1.5");
        assert_eq!(num(3.0), "3");
        assert_eq!(num(-0.0), "-0");
        assert_eq!(num(1e308), "1e308");
        assert_eq!(num(f64::NEG_INFINITY), "-inf");
    }

    // ---- properties against naive references ----

    fn naive_variance(x: &[f64], ddof: f64) -> f64 {
        let n = x.len() as f64;
        let m = x.iter().sum::<f64>() / n;
        x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (n - ddof)
    }

    fn naive_quantile(x: &[f64], q: f64) -> f64 {
        let mut s = x.to_vec();
        s.sort_by(f64::total_cmp);
        let vi = (s.len() - 1) as f64 * q;
        let (lo, hi) = (vi.floor() as usize, vi.ceil() as usize);
        s[lo] + (s[hi] - s[lo]) * (vi - vi.floor())
    }

    fn naive_bin(edges: &[f64], v: f64) -> usize {
        let bins = edges.len() - 1;
        edges[1..bins].iter().filter(|&&e| e <= v).count()
    }

    proptest! {
        #[test]
        fn variance_matches_naive(x in prop::collection::vec(-1e3f64..1e3, 2..1500), ddof in 0.0f64..1.5) {
            let v = variance(&x, ddof).unwrap();
            let scale: f64 = x.iter().map(|v| v * v).sum::<f64>() / x.len() as f64;
            prop_assert!(v >= 0.0);
            prop_assert!(close(v, naive_variance(&x, ddof), scale * 1e2));
            prop_assert!(same_bits(std(&x, ddof).unwrap(), v.sqrt()));
        }

        #[test]
        fn min_max_arg_match_naive_scan(x in prop::collection::vec(special_float(), 1..300)) {
            let first_nan = x.iter().position(|v| v.is_nan());
            let mut lo = 0;
            let mut hi = 0;
            for (i, &v) in x.iter().enumerate() {
                if v < x[lo] { lo = i; }
                if v > x[hi] { hi = i; }
            }
            prop_assert_eq!(argmin(&x).unwrap(), first_nan.unwrap_or(lo));
            prop_assert_eq!(argmax(&x).unwrap(), first_nan.unwrap_or(hi));
            let (mn, mx) = (min(&x).unwrap(), max(&x).unwrap());
            if first_nan.is_some() {
                prop_assert!(mn.is_nan() && mx.is_nan());
            } else {
                prop_assert!(mn == x[lo] && mx == x[hi]);
            }
        }

        #[test]
        fn norm_matches_naive(x in prop::collection::vec(-1e3f64..1e3, 0..500)) {
            let naive = x.iter().map(|v| v * v).sum::<f64>().sqrt();
            prop_assert!(close(norm(&x), naive, naive));
        }

        #[test]
        fn norm_scales_exactly_by_powers_of_two(
            x in prop::collection::vec(prop_oneof![-1e3f64..-1e-3, 1e-3f64..1e3], 1..200),
            k in prop_oneof![Just(-700i32), Just(-300), Just(300), Just(700)],
        ) {
            let p = 2f64.powi(k);
            let scaled: Vec<f64> = x.iter().map(|v| v * p).collect();
            prop_assert!(same_bits(norm(&scaled), norm(&x) * p));
        }

        #[test]
        fn quantile_matches_naive_sort(
            x in prop::collection::vec(-1e6f64..1e6, 1..300),
            qs in prop::collection::vec(0.0f64..=1.0, 1..8),
        ) {
            for &q in &qs {
                let got = quantile(&x, q).unwrap();
                prop_assert!(close(got, naive_quantile(&x, q), 1e6));
                prop_assert!(same_bits(percentile(&x, q * 100.0).unwrap(), quantile(&x, q * 100.0 / 100.0).unwrap()));
            }
            let m = median(&x).unwrap();
            prop_assert!(close(m, naive_quantile(&x, 0.5), 1e6));
        }

        #[test]
        fn quantile_nan_is_sticky(x in prop::collection::vec(special_float(), 1..100), q in 0.0f64..=1.0) {
            if x.iter().any(|v| v.is_nan()) {
                prop_assert!(quantile(&x, q).unwrap().is_nan());
                prop_assert!(percentile(&x, q * 100.0).unwrap().is_nan());
                prop_assert!(median(&x).unwrap().is_nan());
            }
        }

        #[test]
        fn cumsum_matches_sequential_sum(x in prop::collection::vec(-1e6f64..1e6, 0..500)) {
            let c = cumsum(&x).unwrap();
            prop_assert_eq!(c.len(), x.len());
            let mut acc = None;
            for (&v, &got) in x.iter().zip(&c) {
                let next = acc.map_or(v, |a: f64| a + v);
                prop_assert!(same_bits(got, next));
                acc = Some(next);
            }
        }

        #[test]
        fn histogram_matches_naive_binning(
            x in prop::collection::vec(special_float(), 0..300),
            bins in 1usize..40,
            lo in -1e6f64..1e6,
            width in 1e-3f64..1e6,
        ) {
            let hi = lo + width;
            let (counts, edges) = histogram(&x, bins, Some((lo, hi))).unwrap();
            prop_assert_eq!(counts.len(), bins);
            prop_assert_eq!(edges.len(), bins + 1);
            prop_assert!(edges[0] == lo && edges[bins] == hi);
            let mut naive = vec![0u32; bins];
            for &v in x.iter().filter(|&&v| v >= lo && v <= hi) {
                naive[naive_bin(&edges, v)] += 1;
            }
            prop_assert_eq!(&counts, &naive);
            let in_range = x.iter().filter(|&&v| v >= lo && v <= hi).count();
            prop_assert_eq!(counts.iter().map(|&c| c as usize).sum::<usize>(), in_range);
        }

        #[test]
        fn histogram_autodetected_counts_everything(
            x in prop::collection::vec(-1e6f64..1e6, 1..300),
            bins in 1usize..40,
        ) {
            let (counts, edges) = histogram(&x, bins, None).unwrap();
            prop_assert_eq!(counts.iter().map(|&c| c as usize).sum::<usize>(), x.len());
            let mut naive = vec![0u32; bins];
            for &v in &x {
                naive[naive_bin(&edges, v)] += 1;
            }
            prop_assert_eq!(counts, naive);
        }
    }
}
