//! Naive reference implementations of fastwasm's kernels, written from the documented
//! definitions and independent of the kernels' algorithms (no bit-parallelism, blocking, FFT or
//! segmentation). Nothing here calls the kernels, and nothing here is shipped: one copy serves
//! the kernels' unit tests, property tests (`crates/kernels/tests/`), golden test and benchmark
//! as a dev-dependency, and the fuzz targets (`fuzz/`).
//!
//! The functions favour obviousness over speed and memory (the Levenshtein matrix is quadratic)
//! and assume valid input: they panic where the kernels return an error.
#![warn(missing_docs)]

use std::cmp::Ordering;
use std::collections::HashMap;

/// Levenshtein distance between two sequences of symbols (Unicode code points, for the kernel's
/// `levenshtein`; any `u32` values, only compared for equality) by the full
/// dynamic-programming matrix.
pub fn levenshtein(a: &[u32], b: &[u32]) -> usize {
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitute = d[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = substitute.min(d[i - 1][j] + 1).min(d[i][j - 1] + 1);
        }
    }
    d[a.len()][b.len()]
}

/// The words of `text`: maximal runs of alphanumeric chars (`char::is_alphanumeric`), each
/// lowercased as a whole (`str::to_lowercase`).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() {
            run.push(c);
        } else if !run.is_empty() {
            out.push(run.to_lowercase());
            run.clear();
        }
    }
    out
}

/// Every distinct word of [`words`]`(text)` with its count, by descending count then ascending
/// word (byte order).
pub fn word_counts(text: &str) -> Vec<(String, u32)> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    for w in words(text) {
        *counts.entry(w).or_default() += 1;
    }
    let mut all: Vec<(String, u32)> = counts.into_iter().collect();
    all.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    all
}

/// One element of a full convolution as its products: the sum in index order, the sum of the
/// finite products' magnitudes, and which non-finite products occur.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProductSum {
    /// `Σ a[i]·v[t − i]` summed in order of increasing `i`.
    pub sum: f64,
    /// `Σ |a[i]·v[t − i]|` over the finite products.
    pub abs_finite: f64,
    /// Some product is NaN.
    pub nan: bool,
    /// Some product is +∞.
    pub pos_inf: bool,
    /// Some product is −∞.
    pub neg_inf: bool,
}

impl ProductSum {
    fn add(&mut self, p: f64) {
        self.sum += p;
        if p.is_nan() {
            self.nan = true;
        } else if p == f64::INFINITY {
            self.pos_inf = true;
        } else if p == f64::NEG_INFINITY {
            self.neg_inf = true;
        } else {
            self.abs_finite += p.abs();
        }
    }

    /// The exact class of the sum in any order, when no partial sum of finite products can
    /// overflow: NaN, ±∞, or `None` for a finite value.
    pub fn non_finite(&self) -> Option<f64> {
        if self.nan || (self.pos_inf && self.neg_inf) {
            Some(f64::NAN)
        } else if self.pos_inf {
            Some(f64::INFINITY)
        } else if self.neg_inf {
            Some(f64::NEG_INFINITY)
        } else {
            None
        }
    }
}

/// The full discrete convolution of non-empty `a` and `v` (length `M + N − 1`), element by
/// element from the definition `full[t] = Σ a[i]·v[t − i]`.
pub fn convolve_full(a: &[f64], v: &[f64]) -> Vec<ProductSum> {
    let mut out = vec![ProductSum::default(); a.len() + v.len() - 1];
    for (i, &x) in a.iter().enumerate() {
        for (j, &y) in v.iter().enumerate() {
            out[i + j].add(x * y);
        }
    }
    out
}

/// The `[start, start + len)` window of the full convolution that numpy's `mode` returns, for
/// inputs of lengths `m` and `n` (both ≥ 1). Panics for a mode other than `"full"`, `"same"` and
/// `"valid"`.
pub fn convolve_window(mode: &str, m: usize, n: usize) -> (usize, usize) {
    let (long, short) = (m.max(n), m.min(n));
    match mode {
        "full" => (0, m + n - 1),
        "same" => ((short - 1) / 2, long),
        "valid" => (short - 1, long - short + 1),
        _ => unreachable!("not a convolve mode: {mode}"),
    }
}

/// The full convolution's sums alone: `full[t] = Σ a[i]·v[t − i]` in order of increasing `i`.
pub fn convolve_full_sums(a: &[f64], v: &[f64]) -> Vec<f64> {
    convolve_full(a, v).iter().map(|p| p.sum).collect()
}

/// `np.convolve(a, v, mode)` for non-empty `a` and `v`: the [`convolve_window`] of the
/// [`convolve_full_sums`].
pub fn convolve(a: &[f64], v: &[f64], mode: &str) -> Vec<f64> {
    let (start, len) = convolve_window(mode, a.len(), v.len());
    convolve_full_sums(a, v)[start..start + len].to_vec()
}

/// The discrete Fourier transform of `re + i·im` from the definition,
/// `X[k] = Σ_j x[j]·e^{−2πi·jk/n}` (the angle reduced modulo `n` exactly), unnormalised, as
/// `2n` floats interleaved `[re0, im0, re1, im1, …]`. O(n²).
pub fn dft(re: &[f64], im: &[f64]) -> Vec<f64> {
    let n = re.len();
    let mut out = Vec::with_capacity(2 * n);
    for k in 0..n {
        let (mut sr, mut si) = (0.0, 0.0);
        for j in 0..n {
            let ang = -2.0 * std::f64::consts::PI * ((j * k) % n) as f64 / n as f64;
            let (s, c) = ang.sin_cos();
            sr += re[j] * c - im[j] * s;
            si += re[j] * s + im[j] * c;
        }
        out.push(sr);
        out.push(si);
    }
    out
}

/// numpy's sort order: NaN after everything and equal to NaN, `-0.0` equal to `0.0`.
pub fn numpy_cmp(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

/// `np.matmul(a, b)` of row-major `m`×`k` and `k`×`n` matrices by the textbook triple loop, each
/// element summed from 0.0 in order of increasing `k`, in the element type (float64 or float32).
pub fn matmul<T>(a: &[T], b: &[T], m: usize, k: usize, n: usize) -> Vec<T>
where
    T: Copy + Default + std::ops::Add<Output = T> + std::ops::Mul<Output = T>,
{
    let mut out = vec![T::default(); m * n];
    for i in 0..m {
        for j in 0..n {
            let mut acc = T::default();
            for p in 0..k {
                acc = acc + a[i * k + p] * b[p * n + j];
            }
            out[i * n + j] = acc;
        }
    }
    out
}

/// `len` deterministic values in [-1, 1) with all 53 bits of mantissa in play (a 64-bit LCG
/// started from `seed`), for tests that need reproducible inputs.
pub fn lcg_values(len: usize, seed: u64) -> Vec<f64> {
    let mut s = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    (0..len)
        .map(|_| {
            s = s
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (s >> 11) as f64 / (1u64 << 52) as f64 - 1.0
        })
        .collect()
}

/// Iterations of `z ← z² + c` from `z = 0` while `|z|² ≤ 4`, at most `max_iter`.
pub fn escape_count(cx: f64, cy: f64, max_iter: u32) -> u32 {
    let (mut x, mut y) = (0.0f64, 0.0f64);
    for i in 0..max_iter {
        if x * x + y * y > 4.0 {
            return i;
        }
        (x, y) = (x * x - y * y + cx, 2.0 * x * y + cy);
    }
    max_iter
}

/// Primes `≤ n` by the plain sieve of Eratosthenes over all numbers.
pub fn primes(n: usize) -> Vec<u32> {
    let mut composite = vec![false; n + 1];
    let mut out = Vec::new();
    for i in 2..=n {
        if !composite[i] {
            out.push(i as u32);
            for m in (i * i..=n).step_by(i) {
                composite[m] = true;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cps(s: &str) -> Vec<u32> {
        s.chars().map(|c| c as u32).collect()
    }

    #[test]
    fn references_give_known_values() {
        assert_eq!(levenshtein(&cps("kitten"), &cps("sitting")), 3);
        assert_eq!(levenshtein(&cps(""), &cps("日本")), 2);
        assert_eq!(levenshtein(&[0xd800], &[0xdc00]), 1);
        assert_eq!(levenshtein(&cps("café"), &cps("café")), 0);
        assert_eq!(
            word_counts("The cat, the HAT; cat ΟΔΟΣ"),
            [("cat", 2), ("the", 2), ("hat", 1), ("οδος", 1)]
                .map(|(w, c)| (w.to_string(), c))
                .to_vec()
        );
        let full: Vec<f64> = convolve_full(&[1.0, 2.0, 3.0], &[0.0, 1.0, 0.5])
            .iter()
            .map(|p| p.sum)
            .collect();
        assert_eq!(full, [0.0, 1.0, 2.5, 4.0, 1.5]);
        assert_eq!(convolve_full_sums(&[1.0, 2.0, 3.0], &[0.0, 1.0, 0.5]), full);
        assert_eq!(
            convolve(&[1.0, 2.0, 3.0], &[0.0, 1.0, 0.5], "same"),
            [1.0, 2.5, 4.0]
        );
        assert_eq!(convolve(&[1.0, 2.0, 3.0], &[0.0, 1.0, 0.5], "valid"), [2.5]);
        assert_eq!(numpy_cmp(f64::NAN, f64::INFINITY), Ordering::Greater);
        assert_eq!(numpy_cmp(-0.0, 0.0), Ordering::Equal);
        assert_eq!(numpy_cmp(-1.0, 0.0), Ordering::Less);
        assert_eq!(convolve_window("same", 3, 5), (1, 5));
        assert_eq!(convolve_window("valid", 5, 3), (2, 3));
        assert_eq!(
            matmul(&[1.0, 2.0, 3.0, 4.0], &[5.0, 6.0, 7.0, 8.0], 2, 2, 2),
            [19.0, 22.0, 43.0, 50.0]
        );
        assert_eq!(escape_count(0.0, 0.0, 50), 50);
        assert_eq!(escape_count(2.0, 0.0, 50), 2);
        assert_eq!(primes(30), [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]);
        assert_eq!(primes(1_000_000).len(), 78_498);
    }

    #[test]
    fn product_sum_classifies_non_finite_sums() {
        let full = convolve_full(&[f64::INFINITY, f64::NEG_INFINITY, -2.0], &[1.0, 1.0]);
        assert_eq!(full[0].non_finite(), Some(f64::INFINITY));
        assert!(full[1].non_finite().unwrap().is_nan());
        assert_eq!(full[2].non_finite(), Some(f64::NEG_INFINITY));
        assert_eq!(full[3].non_finite(), None);
        assert_eq!(full[3].abs_finite, 2.0);
    }
}
