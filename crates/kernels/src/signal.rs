//! One-dimensional signal processing: FFT, inverse FFT, convolution, moving average.
//!
//! Complex sequences cross the boundary interleaved: `[re0, im0, re1, im1, …]`.

use rustfft::num_complex::Complex;
use rustfft::{FftDirection, FftPlanner};

use crate::alloc;
use crate::check;
use crate::error::{KernelError, KernelResult};

/// `convolve` switches from the direct sum to FFT convolution when the shorter input is longer
/// than this (and the FFT is also cheaper by a rough operation count).
const CONVOLVE_DIRECT_MAX: usize = 64;

/// Complex values per point that one rustfft plan allocates at its peak when the length is a
/// product of [`BUTTERFLY_PRIMES`] (mixed radix and butterflies; measured ≤ 2 for rustfft 6.4).
const PLAN_SMOOTH_PER_POINT: usize = 3;
/// The same for other lengths (Rader's and Bluestein's algorithms; measured ≤ 10).
const PLAN_ROUGH_PER_POINT: usize = 11;
/// Fixed part of a plan's peak allocation, in complex values (measured below 8 KiB).
const PLAN_FIXED: usize = 1024;
/// The primes rustfft transforms by hard-coded butterflies.
const BUTTERFLY_PRIMES: [usize; 11] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31];

/// Makes sure `plans` FFT plans of `n` points fit in memory before rustfft's planner builds
/// them: the planner allocates its twiddle tables and inner transforms infallibly (an abort on
/// failure), so its measured peak demand is probed first and an impossible size becomes a
/// memory error naming `argument`. Scratch space is allocated separately, fallibly.
fn ensure_plan_memory(argument: &'static str, n: usize, plans: usize) -> KernelResult<()> {
    let per_point = if is_smooth(n) {
        PLAN_SMOOTH_PER_POINT
    } else {
        PLAN_ROUGH_PER_POINT
    };
    let len = n
        .checked_mul(per_point * plans)
        .and_then(|v| v.checked_add(PLAN_FIXED))
        .ok_or_else(|| {
            KernelError::memory(
                argument,
                format!("is too large: out of memory (cannot plan an FFT of {n} points)"),
            )
        })?;
    alloc::ensure_available::<Complex<f64>>(argument, len)
}

/// Whether `n ≥ 1` is a product of [`BUTTERFLY_PRIMES`].
fn is_smooth(mut n: usize) -> bool {
    for p in BUTTERFLY_PRIMES {
        while n > 1 && n % p == 0 {
            n /= p;
        }
    }
    n <= 1
}

/// Runs an FFT of `buf.len()` points in place, allocating the plan's memory and the scratch space
/// fallibly (memory errors name `argument`, the input the length comes from).
fn run_fft(
    argument: &'static str,
    buf: &mut [Complex<f64>],
    direction: FftDirection,
) -> KernelResult<()> {
    ensure_plan_memory(argument, buf.len(), 1)?;
    let plan = FftPlanner::<f64>::new().plan_fft(buf.len(), direction);
    let mut scratch = alloc::filled(
        argument,
        plan.get_inplace_scratch_len(),
        Complex::new(0.0, 0.0),
    )?;
    plan.process_with_scratch(buf, &mut scratch);
    Ok(())
}

/// Complex buffer → interleaved `[re, im, …]` floats, each value multiplied by `scale` (memory
/// errors name `argument`).
fn interleave(argument: &'static str, buf: &[Complex<f64>], scale: f64) -> KernelResult<Vec<f64>> {
    let len = buf.len().checked_mul(2).ok_or_else(|| {
        KernelError::memory(
            argument,
            "is too large: out of memory (result length overflows)",
        )
    })?;
    let mut out = alloc::with_capacity(argument, len)?;
    for c in buf {
        out.push(c.re * scale);
        out.push(c.im * scale);
    }
    Ok(out)
}

/// The shape check of [`fft`], on the lengths of `re` and `im` (`None` when `im` is absent)
/// only, in this order: `re` not empty, `im` as long as `re`.
///
/// Errors, of kind value: `re must not be empty`;
/// `im must have the same length as re (2), got 1`.
pub fn check_fft(re_len: usize, im_len: Option<usize>) -> KernelResult<()> {
    check::non_empty_len("re", re_len)?;
    match im_len {
        Some(im_len) if im_len != re_len => Err(KernelError::value(
            "im",
            format!("must have the same length as re ({re_len}), got {im_len}"),
        )),
        _ => Ok(()),
    }
}

/// Discrete Fourier transform of the complex sequence `re + i·im` (imaginary part zero when
/// `im` is `None`): `np.fft.fft(x)`, unnormalised, any length (rustfft: mixed radix, Rader and
/// Bluestein for awkward lengths). Returns `2n` floats interleaved `[re0, im0, re1, im1, …]`.
///
/// Non-finite values propagate as in numpy: a NaN or infinity anywhere makes every output
/// non-finite (which of its two parts is NaN or ±inf can differ from numpy's), and sums beyond
/// the float range overflow to ±inf. Subnormal inputs are not flushed to zero.
///
/// Errors: empty `re` (`re must not be empty`); `im` of another length than `re`
/// (`im must have the same length as re (2), got 1`); a length whose plan or result cannot be
/// allocated (kind memory, argument `re`).
pub fn fft(re: &[f64], im: Option<&[f64]>) -> KernelResult<Vec<f64>> {
    check_fft(re.len(), im.map(<[f64]>::len))?;
    let mut buf = alloc::with_capacity("re", re.len())?;
    match im {
        Some(im) => buf.extend(re.iter().zip(im).map(|(&r, &i)| Complex::new(r, i))),
        None => buf.extend(re.iter().map(|&r| Complex::new(r, 0.0))),
    }
    run_fft("re", &mut buf, FftDirection::Forward)?;
    interleave("re", &buf, 1.0)
}

/// The shape check of [`ifft`], on the length of `x` only: not empty, then even.
///
/// Errors, of kind value: `x must not be empty`;
/// `x must have an even length (interleaved re, im pairs), got 5`.
pub fn check_ifft(len: usize) -> KernelResult<()> {
    check::non_empty_len("x", len)?;
    if len % 2 != 0 {
        return Err(KernelError::value(
            "x",
            format!("must have an even length (interleaved re, im pairs), got {len}"),
        ));
    }
    Ok(())
}

/// Inverse discrete Fourier transform of an interleaved complex sequence
/// `[re0, im0, re1, im1, …]`: `np.fft.ifft(x)`, normalised by `1/n`. Returns the same layout.
///
/// Non-finite and huge values behave as in [`fft`].
///
/// Errors: empty `x` (`x must not be empty`); odd length
/// (`x must have an even length (interleaved re, im pairs), got 5`); a length whose plan or
/// result cannot be allocated (kind memory, argument `x`).
pub fn ifft(x: &[f64]) -> KernelResult<Vec<f64>> {
    check_ifft(x.len())?;
    let n = x.len() / 2;
    let mut buf = alloc::with_capacity("x", n)?;
    buf.extend(x.chunks_exact(2).map(|p| Complex::new(p[0], p[1])));
    run_fft("x", &mut buf, FftDirection::Inverse)?;
    // numpy (pocketfft) multiplies by the factor 1/n rather than dividing by n.
    interleave("x", &buf, 1.0 / n as f64)
}

/// Which part of the full discrete convolution `convolve` returns (numpy's `mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConvolveMode {
    /// Every point of overlap: length `M + N − 1` (`"full"`, numpy's default).
    Full,
    /// Length `max(M, N)`, centred on the full result as numpy does (`"same"`).
    Same,
    /// Only points where the inputs overlap completely: length `max(M, N) − min(M, N) + 1`
    /// (`"valid"`).
    Valid,
}

impl ConvolveMode {
    /// Parses numpy's mode names `"full"`, `"same"` and `"valid"` (case-sensitive, as numpy's
    /// `np.convolve`).
    ///
    /// Errors: any other string (`mode must be "full", "same" or "valid", got "xyz"`).
    pub fn parse(s: &str) -> KernelResult<Self> {
        match s {
            "full" => Ok(ConvolveMode::Full),
            "same" => Ok(ConvolveMode::Same),
            "valid" => Ok(ConvolveMode::Valid),
            _ => {
                // Quote at most 32 characters of what was given.
                let shown: String = s.chars().take(32).collect();
                let more = if shown.len() < s.len() { "…" } else { "" };
                Err(KernelError::value(
                    "mode",
                    format!("must be \"full\", \"same\" or \"valid\", got {shown:?}{more}"),
                ))
            }
        }
    }
}

/// The shape check of [`convolve`], on the lengths of `a` and `v` only: `a`, then `v`, not
/// empty. (The mode is checked by [`ConvolveMode::parse`].)
///
/// Errors, of kind value: `a must not be empty`; `v must not be empty`.
pub fn check_convolve(a_len: usize, v_len: usize) -> KernelResult<()> {
    check::non_empty_len("a", a_len)?;
    check::non_empty_len("v", v_len)
}

/// Discrete linear convolution of `a` and `v`: `np.convolve(a, v, mode)`.
///
/// Lengths follow numpy exactly, with `M = len(a)`, `N = len(v)`: full `M + N − 1`, same
/// `max(M, N)` (the full result from index `(min(M, N) − 1) / 2`), valid `max − min + 1` (the
/// longer input is the one slid over, whichever argument it is). Small inputs use the direct
/// sum; when both inputs are long (the shorter above 64 points) it switches to FFT convolution,
/// which agrees with the direct sum to about 1e-12 of `max|a|·Σ|v|`, also for huge and
/// subnormal values (the inputs are rescaled by powers of two, so the spectra cannot overflow).
/// Inputs containing NaN or infinity always take the direct sum, so non-finite values spread only
/// as far as in numpy.
///
/// Errors: empty `a` (`a must not be empty`) or empty `v` (`v must not be empty`); a result or
/// FFT that cannot be allocated (kind memory, naming the longer of `a` and `v`).
pub fn convolve(a: &[f64], v: &[f64], mode: ConvolveMode) -> KernelResult<Vec<f64>> {
    check_convolve(a.len(), v.len())?;
    let (long, short, long_arg) = if v.len() > a.len() {
        (v, a, "v")
    } else {
        (a, v, "a")
    };
    let (m, n) = (long.len(), short.len());
    // The requested window [start, start + len) of the full result (length m + n − 1).
    let (start, len) = match mode {
        ConvolveMode::Full => (0, m + n - 1),
        ConvolveMode::Same => ((n - 1) / 2, m),
        ConvolveMode::Valid => (n - 1, m - n + 1),
    };
    if use_fft(m, n) && long.iter().chain(short).all(|x| x.is_finite()) {
        convolve_fft(long_arg, long, short, start, len)
    } else {
        convolve_direct(long_arg, long, short, start, len)
    }
}

/// Whether FFT convolution is worth it for inputs of lengths `m ≥ n`: the direct sum costs
/// about `m·n` multiply-adds, the FFT route about three transforms of `m + n − 1` points.
fn use_fft(m: usize, n: usize) -> bool {
    if n <= CONVOLVE_DIRECT_MAX {
        return false;
    }
    let l = (m + n - 1) as f64;
    n as f64 > 4.0 * l.log2()
}

/// Elements `[start, start + len)` of the full convolution of `long` and `short`
/// (`long.len() ≥ short.len() ≥ 1`), summed directly: `full[t] = Σ_j short[j]·long[t − j]`, the
/// terms added to 0 in order of `j`. Memory errors name `long_arg`.
///
/// Outputs are computed in blocks that stay in L1 cache. Four taps at a time add their terms to
/// the whole block in one pass (a contiguous multiply-add over `t` that vectorises, SIMD128 in
/// wasm), still in order of `j` for every output; outputs near the ends, where only some of the
/// four taps apply, take them one by one.
fn convolve_direct(
    long_arg: &'static str,
    long: &[f64],
    short: &[f64],
    start: usize,
    len: usize,
) -> KernelResult<Vec<f64>> {
    const BLOCK: usize = 512;
    let mut out = alloc::filled(long_arg, len, 0.0f64)?;
    for (b, block) in out.chunks_mut(BLOCK).enumerate() {
        let t0 = start + b * BLOCK;
        let t1 = t0 + block.len();
        let mut j = 0;
        while j + 4 <= short.len() {
            // Outputs t where all four taps j..j+4 apply: j + 3 ≤ t < long.len() + j.
            let lo = t0.max(j + 3).min(t1);
            let hi = t1.min(long.len() + j).max(lo);
            for (k, &tap) in short.iter().enumerate().skip(j).take(4) {
                add_tap(block, t0, long, k, tap, t0, lo);
                add_tap(block, t0, long, k, tap, hi, t1);
            }
            if lo < hi {
                let taps = [short[j], short[j + 1], short[j + 2], short[j + 3]];
                let dst = &mut block[lo - t0..hi - t0];
                let x0 = &long[lo - j..hi - j];
                let x1 = &long[lo - j - 1..hi - j - 1];
                let x2 = &long[lo - j - 2..hi - j - 2];
                let x3 = &long[lo - j - 3..hi - j - 3];
                for i in 0..dst.len() {
                    let mut d = dst[i];
                    d += taps[0] * x0[i];
                    d += taps[1] * x1[i];
                    d += taps[2] * x2[i];
                    d += taps[3] * x3[i];
                    dst[i] = d;
                }
            }
            j += 4;
        }
        for (k, &tap) in short.iter().enumerate().skip(j) {
            add_tap(block, t0, long, k, tap, t0, t1);
        }
    }
    Ok(out)
}

/// Adds `tap·long[t − j]` to `block[t − t0]` for the outputs `t` in `[lo, hi)` where
/// `0 ≤ t − j < long.len()`.
#[inline]
fn add_tap(block: &mut [f64], t0: usize, long: &[f64], j: usize, tap: f64, lo: usize, hi: usize) {
    let lo = lo.max(j);
    let hi = hi.min(long.len() + j);
    if lo < hi {
        let dst = &mut block[lo - t0..hi - t0];
        for (d, &x) in dst.iter_mut().zip(&long[lo - j..hi - j]) {
            *d += tap * x;
        }
    }
}

/// Smallest `2^a·3^b·5^c·7^d ≥ n` (a length rustfft transforms fast), or `n` on overflow.
fn next_fast_len(n: usize) -> usize {
    let mut best = usize::MAX;
    let mut p7 = 1usize;
    loop {
        let mut p5 = p7;
        loop {
            let mut p3 = p5;
            loop {
                let mut p2 = p3;
                while p2 < n {
                    match p2.checked_mul(2) {
                        Some(v) => p2 = v,
                        None => break,
                    }
                }
                if p2 >= n {
                    best = best.min(p2);
                }
                match p3.checked_mul(3) {
                    Some(v) if p3 < n => p3 = v,
                    _ => break,
                }
            }
            match p5.checked_mul(5) {
                Some(v) if p5 < n => p5 = v,
                _ => break,
            }
        }
        match p7.checked_mul(7) {
            Some(v) if p7 < n => p7 = v,
            _ => break,
        }
    }
    if best == usize::MAX {
        n
    } else {
        best
    }
}

/// Elements `[start, start + len)` of the full convolution of the finite `long` and `short`, by
/// FFT: zero-pad both to a fast length ≥ `m + n − 1`, multiply the spectra, transform back.
///
/// Each input is first scaled by a power of two to a largest magnitude near 1 and the result
/// scaled back, so huge inputs cannot overflow the spectra and subnormal ones keep their
/// precision. Scaling by a power of two is exact, so for every other input the result is
/// bit-identical to the unscaled computation. Memory errors name `long_arg`.
fn convolve_fft(
    long_arg: &'static str,
    long: &[f64],
    short: &[f64],
    start: usize,
    len: usize,
) -> KernelResult<Vec<f64>> {
    let full = long.len() + short.len() - 1;
    let size = next_fast_len(full);
    let zero = Complex::new(0.0, 0.0);
    let mut fa = alloc::filled(long_arg, size, zero)?;
    let mut fv = alloc::filled(long_arg, size, zero)?;
    let (e_long, e_short) = (magnitude_exponent(long), magnitude_exponent(short));
    let (s_long, s_short) = (Pow2::new(-e_long), Pow2::new(-e_short));
    for (c, &x) in fa.iter_mut().zip(long) {
        c.re = s_long.apply(x);
    }
    for (c, &x) in fv.iter_mut().zip(short) {
        c.re = s_short.apply(x);
    }
    ensure_plan_memory(long_arg, size, 2)?;
    let mut planner = FftPlanner::<f64>::new();
    let forward = planner.plan_fft_forward(size);
    let inverse = planner.plan_fft_inverse(size);
    let scratch_len = forward
        .get_inplace_scratch_len()
        .max(inverse.get_inplace_scratch_len());
    let mut scratch = alloc::filled(long_arg, scratch_len, zero)?;
    forward.process_with_scratch(&mut fa, &mut scratch);
    forward.process_with_scratch(&mut fv, &mut scratch);
    for (x, y) in fa.iter_mut().zip(&fv) {
        *x *= *y;
    }
    inverse.process_with_scratch(&mut fa, &mut scratch);
    let scale = 1.0 / size as f64;
    let back = Pow2::new(e_long.saturating_add(e_short));
    let mut out = alloc::with_capacity(long_arg, len)?;
    out.extend(
        fa.iter()
            .skip(start)
            .take(len)
            .map(|c| back.apply(c.re * scale)),
    );
    Ok(out)
}

/// `⌊log2 max|xᵢ|⌋` for finite `x`, read off the bits (also for subnormals), or 0 when every
/// element is zero.
fn magnitude_exponent(x: &[f64]) -> i32 {
    let bits = x.iter().fold(0.0f64, |m, v| m.max(v.abs())).to_bits();
    let biased = (bits >> 52) as i32;
    if bits == 0 {
        0
    } else if biased == 0 {
        // Subnormal: bits · 2^-1074, whose top set bit is bit 63 − leading_zeros.
        63 - bits.leading_zeros() as i32 - 1074
    } else {
        biased - 1023
    }
}

/// Multiplication by `2^e` for any `e` in `[-2148, 2046]`, as up to three multiplications by
/// normal powers of two (each exact unless the value over- or underflows).
#[derive(Debug, Clone, Copy)]
struct Pow2([f64; 3]);

impl Pow2 {
    fn new(mut e: i32) -> Self {
        let mut factors = [1.0; 3];
        for f in &mut factors {
            let step = e.clamp(-1022, 1023);
            // A normal power of two: biased exponent `1023 + step` in [1, 2046].
            *f = f64::from_bits(((1023 + step) as u64) << 52);
            e -= step;
        }
        Pow2(factors)
    }

    #[inline]
    fn apply(self, x: f64) -> f64 {
        x * self.0[0] * self.0[1] * self.0[2]
    }
}

/// The shape check of [`moving_average`], on the length of `x` and `window` only: `x` not empty,
/// then `window` in `[1, len(x)]`.
///
/// Errors, of kind value: `x must not be empty`; `window must be in [1, len(x)] (5), got 9`.
pub fn check_moving_average(len: usize, window: usize) -> KernelResult<()> {
    check::non_empty_len("x", len)?;
    if window == 0 || window > len {
        return Err(KernelError::value(
            "window",
            format!("must be in [1, len(x)] ({len}), got {window}"),
        ));
    }
    Ok(())
}

/// Means of every window of `window` consecutive elements of `x`:
/// `np.convolve(x, np.ones(window) / window, "valid")`, length `len(x) − window + 1`.
///
/// Computed in O(n) from the terms `x[i]·(1/window)`: `x` is cut into blocks of `window`
/// elements, and each window is a suffix of one block plus a prefix of the next, both summed with
/// Neumaier compensation. Only the window's own elements enter its sum (nothing is subtracted),
/// so it agrees with the windowed sum to about 1e-15 of the window's mean magnitude however large
/// the values around it, and NaN and infinities affect exactly the windows that contain them
/// (NaN, ±inf, or NaN for inf − inf), as in numpy.
///
/// Errors: empty `x` (`x must not be empty`); `window` outside `[1, len(x)]`
/// (`window must be in [1, len(x)] (5), got 9`); no memory for the result (argument `x`) or
/// the window's partial sums (argument `window`).
pub fn moving_average(x: &[f64], window: usize) -> KernelResult<Vec<f64>> {
    check_moving_average(x.len(), window)?;
    let len = x.len() - window + 1;
    let mut out = alloc::with_capacity("x", len)?;
    let scale = 1.0 / window as f64;
    // suffix[k]: sum of the block's terms from its k-th on.
    let mut suffix = alloc::filled("window", window, CompensatedSum::default())?;
    for start in (0..len).step_by(window) {
        let mut acc = CompensatedSum::default();
        for (s, &v) in suffix.iter_mut().zip(&x[start..start + window]).rev() {
            acc.add(v * scale);
            *s = acc;
        }
        // The window starting k elements into the block ends k elements into the next one.
        let next = &x[start + window..];
        let mut prefix = CompensatedSum::default();
        for (k, &s) in suffix.iter().enumerate().take(len - start) {
            if k > 0 {
                prefix.add(next[k - 1] * scale);
            }
            out.push(s.plus(prefix).value());
        }
    }
    Ok(out)
}

/// A sum with Neumaier compensation: `sum + comp` carries the rounding errors of the additions.
#[derive(Debug, Default, Clone, Copy)]
struct CompensatedSum {
    sum: f64,
    comp: f64,
}

impl CompensatedSum {
    fn add(&mut self, t: f64) {
        let s = self.sum + t;
        self.comp += if self.sum.abs() >= t.abs() {
            (self.sum - s) + t
        } else {
            (t - s) + self.sum
        };
        self.sum = s;
    }

    /// Both sums together.
    fn plus(mut self, other: Self) -> Self {
        self.add(other.sum);
        self.comp += other.comp;
        self
    }

    /// The compensated value; once the plain sum is NaN or ±inf (which it then stays), that sum
    /// alone, since the compensation is meaningless there.
    fn value(self) -> f64 {
        if self.sum.is_finite() {
            self.sum + self.comp
        } else {
            self.sum
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use fastwasm_naive::convolve as naive_convolve;
    use proptest::prelude::*;
    use std::f64::consts::PI;

    #[test]
    fn check_fft_and_check_ifft_are_the_checks_of_their_kernels() {
        assert!(check_fft(2, None).is_ok());
        assert!(check_fft(2, Some(2)).is_ok());
        assert!(check_ifft(4).is_ok());
        let x = [1.0; 5];
        for (re_len, im_len) in [(0, None), (0, Some(1)), (2, Some(1)), (1, Some(0))] {
            let err = check_fft(re_len, im_len).unwrap_err();
            let got = fft(&x[..re_len], im_len.map(|n| &x[..n])).unwrap_err();
            assert_eq!(err, got, "{re_len} {im_len:?}");
        }
        let err = check_fft(2, Some(1)).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Value, "im"));
        assert_eq!(
            err.to_string(),
            "im must have the same length as re (2), got 1"
        );
        for len in [0, 1, 5] {
            assert_eq!(
                check_ifft(len).unwrap_err(),
                ifft(&x[..len]).unwrap_err(),
                "{len}"
            );
        }
        assert_eq!(
            check_ifft(5).unwrap_err().to_string(),
            "x must have an even length (interleaved re, im pairs), got 5"
        );
    }

    #[test]
    fn check_convolve_and_check_moving_average_are_the_checks_of_their_kernels() {
        assert!(check_convolve(1, 3).is_ok());
        assert!(check_moving_average(5, 5).is_ok());
        assert!(check_moving_average(5, 1).is_ok());
        let x = [1.0; 5];
        for (a_len, v_len) in [(0, 0), (0, 2), (2, 0)] {
            let err = check_convolve(a_len, v_len).unwrap_err();
            let got = convolve(&x[..a_len], &x[..v_len], ConvolveMode::Full).unwrap_err();
            assert_eq!(err, got, "{a_len} {v_len}");
        }
        assert_eq!(check_convolve(2, 0).unwrap_err().argument, "v");
        for (len, window) in [(0, 0), (0, 1), (5, 0), (5, 9)] {
            let err = check_moving_average(len, window).unwrap_err();
            assert_eq!(err, moving_average(&x[..len], window).unwrap_err());
        }
        let err = check_moving_average(5, 9).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Value, "window"));
        assert_eq!(err.to_string(), "window must be in [1, len(x)] (5), got 9");
    }

    /// O(n²) DFT: X[k] = Σ x[j]·e^{−2πi·jk/n}.
    fn naive_dft(re: &[f64], im: &[f64]) -> Vec<f64> {
        let n = re.len();
        let mut out = Vec::with_capacity(2 * n);
        for k in 0..n {
            let (mut sr, mut si) = (0.0, 0.0);
            for j in 0..n {
                let ang = -2.0 * PI * ((j * k) % n) as f64 / n as f64;
                let (s, c) = ang.sin_cos();
                sr += re[j] * c - im[j] * s;
                si += re[j] * s + im[j] * c;
            }
            out.push(sr);
            out.push(si);
        }
        out
    }

    fn assert_close(got: &[f64], want: &[f64], tol: f64) {
        assert_eq!(got.len(), want.len(), "lengths");
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            assert!((g - w).abs() <= tol, "index {i}: got {g}, want {w}");
        }
    }

    fn signal(n: usize, seed: u64) -> Vec<f64> {
        // Deterministic pseudo-random values in [-1, 1).
        let mut s = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (0..n)
            .map(|_| {
                s = s
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (s >> 11) as f64 / (1u64 << 52) as f64 - 1.0
            })
            .collect()
    }

    #[test]
    fn fft_known_values() {
        // fft([1, 2, 3, 4]) = [10, -2+2i, -2, -2-2i]
        let got = fft(&[1.0, 2.0, 3.0, 4.0], None).unwrap();
        assert_close(&got, &[10.0, 0.0, -2.0, 2.0, -2.0, 0.0, -2.0, -2.0], 1e-12);
        // Impulse → all ones; constant → n at 0.
        assert_close(
            &fft(&[1.0, 0.0, 0.0], None).unwrap(),
            &[1.0, 0.0, 1.0, 0.0, 1.0, 0.0],
            1e-15,
        );
        assert_close(
            &fft(&[2.0; 5], Some(&[1.0; 5])).unwrap(),
            &[10.0, 5.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
            1e-12,
        );
        assert_eq!(fft(&[3.5], None).unwrap(), vec![3.5, 0.0]);
    }

    #[test]
    fn fft_matches_naive_dft_for_awkward_and_power_of_two_lengths() {
        for &n in &[1usize, 2, 3, 7, 8, 13, 16, 97, 128, 210, 257, 1000] {
            let re = signal(n, n as u64);
            let im = signal(n, n as u64 + 1000);
            let want = naive_dft(&re, &im);
            let got = fft(&re, Some(&im)).unwrap();
            assert_close(&got, &want, 1e-10 * n as f64);
            let inv = ifft(&got).unwrap();
            let orig: Vec<f64> = re.iter().zip(&im).flat_map(|(&r, &i)| [r, i]).collect();
            assert_close(&inv, &orig, 1e-13 * n as f64);
        }
    }

    #[test]
    fn ifft_known_value() {
        // ifft([10, -2+2i, -2, -2-2i]) = [1, 2, 3, 4]
        let got = ifft(&[10.0, 0.0, -2.0, 2.0, -2.0, 0.0, -2.0, -2.0]).unwrap();
        assert_close(&got, &[1.0, 0.0, 2.0, 0.0, 3.0, 0.0, 4.0, 0.0], 1e-15);
    }

    #[test]
    fn fft_errors() {
        let err = fft(&[], None).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Value, "re"));
        assert_eq!(err.to_string(), "re must not be empty");
        let err = fft(&[1.0, 2.0], Some(&[1.0])).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Value, "im"));
        assert_eq!(
            err.to_string(),
            "im must have the same length as re (2), got 1"
        );
        assert_eq!(
            ifft(&[]).unwrap_err(),
            KernelError::value("x", "must not be empty")
        );
        let err = ifft(&[1.0; 5]).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Value, "x"));
        assert_eq!(
            err.to_string(),
            "x must have an even length (interleaved re, im pairs), got 5"
        );
    }

    #[test]
    fn convolve_numpy_examples() {
        let (a, v) = ([1.0, 2.0, 3.0], [0.0, 1.0, 0.5]);
        let c = |mode| convolve(&a, &v, mode).unwrap();
        assert_eq!(c(ConvolveMode::Full), vec![0.0, 1.0, 2.5, 4.0, 1.5]);
        assert_eq!(c(ConvolveMode::Same), vec![1.0, 2.5, 4.0]);
        assert_eq!(c(ConvolveMode::Valid), vec![2.5]);
        // The longer input may come second; valid/same still follow the longer one.
        let s = convolve(&[1.0, 1.0], &[1.0, 2.0, 3.0, 4.0], ConvolveMode::Same).unwrap();
        assert_eq!(s, vec![1.0, 3.0, 5.0, 7.0]);
        let s = convolve(&[1.0, 1.0], &[1.0, 2.0, 3.0, 4.0], ConvolveMode::Valid).unwrap();
        assert_eq!(s, vec![3.0, 5.0, 7.0]);
        // np.convolve([1,2,3,4,5], [1,1,1,1], 'same') = [3, 6, 10, 14, 12]
        let s = convolve(&[1.0, 2.0, 3.0, 4.0, 5.0], &[1.0; 4], ConvolveMode::Same).unwrap();
        assert_eq!(s, vec![3.0, 6.0, 10.0, 14.0, 12.0]);
    }

    #[test]
    fn convolve_nan_stays_local() {
        let mut a = vec![1.0; 300];
        a[10] = f64::NAN;
        let got = convolve(&a, &[1.0; 100], ConvolveMode::Full).unwrap();
        assert!(got[9] == 10.0 && got[10].is_nan() && got[109].is_nan());
        assert_eq!(got[110], 100.0);
    }

    #[test]
    fn convolve_fft_matches_direct_on_large_inputs() {
        for &(m, n) in &[(65usize, 65usize), (1000, 100), (300, 257), (4097, 1500)] {
            let a = signal(m, 1);
            let v: Vec<f64> = signal(n, 2).iter().map(|x| x * 1e3).collect();
            assert!(use_fft(m, n));
            let scale = a.iter().fold(0.0f64, |s, x| s.max(x.abs()))
                * v.iter().map(|x| x.abs()).sum::<f64>();
            for mode in [ConvolveMode::Full, ConvolveMode::Same, ConvolveMode::Valid] {
                let got = convolve(&a, &v, mode).unwrap();
                let swapped = convolve(&v, &a, mode).unwrap();
                let name = match mode {
                    ConvolveMode::Full => "full",
                    ConvolveMode::Same => "same",
                    ConvolveMode::Valid => "valid",
                };
                let want = naive_convolve(&a, &v, name);
                assert_close(&got, &want, 1e-12 * scale);
                assert_close(&swapped, &want, 1e-12 * scale);
            }
            let (start, len) = (0, m + n - 1);
            let direct = convolve_direct("a", &a, &v, start, len).unwrap();
            let via_fft = convolve_fft("a", &a, &v, start, len).unwrap();
            assert_close(&via_fft, &direct, 1e-12 * scale);
        }
    }

    #[test]
    fn next_fast_len_is_smooth_and_minimal() {
        assert_eq!(next_fast_len(1), 1);
        assert_eq!(next_fast_len(11), 12);
        assert_eq!(next_fast_len(97), 98);
        assert_eq!(next_fast_len(1025), 1029);
        assert_eq!(next_fast_len(4096), 4096);
        assert!(next_fast_len(usize::MAX) >= usize::MAX / 2);
    }

    #[test]
    fn impossible_fft_sizes_are_memory_errors() {
        let blame = |r: KernelResult<()>| r.map_err(|e| (e.kind, e.argument));
        // n·per-point overflows usize, or the probe exceeds any address space.
        assert_eq!(
            blame(ensure_plan_memory("re", usize::MAX / 4, 1)),
            Err((ErrorKind::Memory, "re"))
        );
        assert_eq!(
            blame(ensure_plan_memory("v", 1 << 50, 2)),
            Err((ErrorKind::Memory, "v"))
        );
        assert_eq!(
            ensure_plan_memory("re", usize::MAX / 4, 1)
                .unwrap_err()
                .to_string(),
            format!(
                "re is too large: out of memory (cannot plan an FFT of {} points)",
                usize::MAX / 4
            )
        );
        assert!(ensure_plan_memory("re", 1 << 16, 2).is_ok());
        // An output window beyond memory (the public entry points derive it from the inputs).
        let err = convolve_direct("a", &[1.0], &[1.0], 0, usize::MAX / 2).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Memory, "a"));
    }

    #[test]
    fn smooth_lengths() {
        assert!(is_smooth(1) && is_smooth(2 * 3 * 5 * 7 * 11 * 13 * 31) && is_smooth(1 << 40));
        assert!(!is_smooth(37) && !is_smooth(2 * 37) && !is_smooth(999_983));
    }

    #[test]
    fn pow2_scaling_is_exact_over_the_whole_exponent_range() {
        assert_eq!(Pow2::new(0).apply(3.5), 3.5);
        assert_eq!(Pow2::new(1074).apply(5e-324), 1.0);
        assert_eq!(Pow2::new(-1074).apply(1.0), 5e-324);
        assert_eq!(Pow2::new(2046).apply(2f64.powi(-1023)), 2f64.powi(1023));
        assert_eq!(Pow2::new(-2148).apply(f64::MAX), 0.0);
        assert_eq!(Pow2::new(1024).apply(1.0), f64::INFINITY);
        assert_eq!(magnitude_exponent(&[0.0, -0.0]), 0);
        assert_eq!(magnitude_exponent(&[1.0, -3.0]), 1);
        assert_eq!(magnitude_exponent(&[5e-324]), -1074);
        assert_eq!(magnitude_exponent(&[f64::MAX]), 1023);
        assert_eq!(magnitude_exponent(&[0.75, f64::MIN_POSITIVE]), -1);
        assert_eq!(magnitude_exponent(&[f64::MIN_POSITIVE / 3.0]), -1024);
    }

    #[test]
    fn convolve_fft_path_handles_huge_and_subnormal_values() {
        // Spectra of unscaled 1e308-sized inputs overflow (Σ|a| > f64::MAX); the direct sum does not.
        let (m, n) = (300, 100);
        for (mag_a, mag_v) in [(1e308, 1e-3), (1e-3, 1e308), (1e-310, 1.0), (1e150, 1e150)] {
            let a: Vec<f64> = signal(m, 3).iter().map(|x| x * mag_a).collect();
            let v: Vec<f64> = signal(n, 4).iter().map(|x| x * mag_v).collect();
            assert!(use_fft(m, n));
            let want = naive_convolve(&a, &v, "full");
            let scale = mag_a * v.iter().map(|x| x.abs()).sum::<f64>();
            let got = convolve(&a, &v, ConvolveMode::Full).unwrap();
            assert_close(&got, &want, 1e-12 * scale);
            assert!(got.iter().all(|x| x.is_finite()));
        }
    }

    #[test]
    fn convolve_errors() {
        assert_eq!(
            convolve(&[], &[1.0], ConvolveMode::Full).unwrap_err(),
            KernelError::value("a", "must not be empty")
        );
        assert_eq!(
            convolve(&[1.0], &[], ConvolveMode::Full)
                .unwrap_err()
                .to_string(),
            "v must not be empty"
        );
        let err = ConvolveMode::parse("xyz").unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Value, "mode"));
        assert_eq!(
            err.to_string(),
            "mode must be \"full\", \"same\" or \"valid\", got \"xyz\""
        );
        assert_eq!(ConvolveMode::parse("same").unwrap(), ConvolveMode::Same);
    }

    #[test]
    fn moving_average_known_values_and_errors() {
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(moving_average(&x, 1).unwrap(), x.to_vec());
        assert_eq!(moving_average(&x, 5).unwrap(), vec![3.0]);
        assert_close(
            &moving_average(&x, 2).unwrap(),
            &[1.5, 2.5, 3.5, 4.5],
            1e-15,
        );
        assert_eq!(
            moving_average(&x, 9).unwrap_err().to_string(),
            "window must be in [1, len(x)] (5), got 9"
        );
        let err = moving_average(&x, 0).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Value, "window"));
        assert_eq!(err.to_string(), "window must be in [1, len(x)] (5), got 0");
        assert_eq!(
            moving_average(&[], 1).unwrap_err(),
            KernelError::value("x", "must not be empty")
        );
    }

    #[test]
    fn moving_average_survives_huge_dynamic_range_and_non_finite() {
        let x = [1e20, 1.0, 1.0, 1.0, 1.0, -1e20, 2.0, 2.0, 2.0];
        let got = moving_average(&x, 3).unwrap();
        assert_eq!(got[1], 1.0);
        assert_eq!(got[2], 1.0);
        assert_eq!(got[6], 2.0);
        let x = [
            1.0,
            f64::INFINITY,
            1.0,
            f64::NEG_INFINITY,
            1.0,
            f64::NAN,
            1.0,
            1.0,
            1.0,
        ];
        let got = moving_average(&x, 2).unwrap();
        assert_eq!(got[0], f64::INFINITY);
        assert_eq!(got[2], f64::NEG_INFINITY);
        assert!(got[4].is_nan() && got[5].is_nan());
        assert_eq!(&got[6..], &[1.0, 1.0]);
        assert!(moving_average(&x, 3).unwrap()[1].is_nan()); // inf − inf
    }

    #[test]
    fn moving_average_long_signal_matches_definition() {
        let x: Vec<f64> = signal(10_000, 7).iter().map(|v| v * 1e6 + 3.0).collect();
        for &w in &[1usize, 3, 100, 1023, 1024, 5000] {
            let got = moving_average(&x, w).unwrap();
            assert_eq!(got.len(), x.len() - w + 1);
            for (i, g) in got.iter().enumerate() {
                let win = &x[i..i + w];
                let want: f64 = win.iter().map(|v| v * (1.0 / w as f64)).sum();
                let mag: f64 = win.iter().map(|v| v.abs()).sum::<f64>() / w as f64;
                assert!(
                    (g - want).abs() <= 1e-12 * mag,
                    "w={w} i={i}: {g} vs {want}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn convolve_matches_naive(
            a in prop::collection::vec(-100.0f64..100.0, 1..90),
            v in prop::collection::vec(-100.0f64..100.0, 1..90),
        ) {
            let scale = a.iter().fold(0.0f64, |s, x| s.max(x.abs()))
                * v.iter().map(|x| x.abs()).sum::<f64>();
            for (mode, name) in [
                (ConvolveMode::Full, "full"),
                (ConvolveMode::Same, "same"),
                (ConvolveMode::Valid, "valid"),
            ] {
                let got = convolve(&a, &v, mode).unwrap();
                let want = naive_convolve(&a, &v, name);
                prop_assert_eq!(got.len(), want.len());
                for (g, w) in got.iter().zip(&want) {
                    prop_assert!((g - w).abs() <= 1e-12 * scale.max(1.0), "{} {} vs {}", name, g, w);
                }
            }
        }

        #[test]
        fn fft_matches_naive(
            pairs in prop::collection::vec((-10.0f64..10.0, -10.0f64..10.0), 1..64),
        ) {
            let (re, im): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
            let got = fft(&re, Some(&im)).unwrap();
            let want = naive_dft(&re, &im);
            for (g, w) in got.iter().zip(&want) {
                prop_assert!((g - w).abs() <= 1e-11 * re.len() as f64 * 10.0);
            }
            let back = ifft(&got).unwrap();
            for (k, (r, i)) in re.iter().zip(&im).enumerate() {
                prop_assert!((back[2 * k] - r).abs() <= 1e-12 && (back[2 * k + 1] - i).abs() <= 1e-12);
            }
        }

        #[test]
        fn moving_average_matches_naive(
            x in prop::collection::vec(-1e6f64..1e6, 1..300),
            w_frac in 0.0f64..1.0,
        ) {
            let w = 1 + ((x.len() - 1) as f64 * w_frac) as usize;
            let got = moving_average(&x, w).unwrap();
            prop_assert_eq!(got.len(), x.len() - w + 1);
            for (i, g) in got.iter().enumerate() {
                let win = &x[i..i + w];
                let want: f64 = win.iter().sum::<f64>() / w as f64;
                let mag: f64 = win.iter().map(|v| v.abs()).sum::<f64>() / w as f64;
                prop_assert!((g - want).abs() <= 1e-12 * mag.max(1e-300), "{} vs {}", g, want);
            }
        }
    }
}
