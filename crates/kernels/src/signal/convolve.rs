//! Discrete linear convolution, in float64 and float32: a blocked direct sum for short kernels,
//! FFT convolution (real transforms with cached plans) for long ones.

use rustfft::num_complex::Complex;

use super::fft::internal;
use super::plans;
use super::real::{magnitude_exponent, Pow2, Real};
use crate::alloc;
use crate::check;
use crate::error::{KernelError, KernelResult};

/// `convolve` switches from the direct sum to FFT convolution when the shorter input is longer
/// than this.
const CONVOLVE_DIRECT_MAX: usize = 64;

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

/// The shape check of [`convolve`] and [`convolve_f32`], on the lengths of `a` and `v` only:
/// `a`, then `v`, not empty. (The mode is checked by [`ConvolveMode::parse`].)
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
    convolve_impl(a, v, mode)
}

/// [`convolve`] computed in float32: `np.convolve(a, v, mode)` of float32 arrays, which numpy
/// computes and returns in float32. The FFT path agrees with the direct sum to about 1e-5 of
/// `max|a|·Σ|v|`.
///
/// Errors: as [`convolve`].
pub fn convolve_f32(a: &[f32], v: &[f32], mode: ConvolveMode) -> KernelResult<Vec<f32>> {
    convolve_impl(a, v, mode)
}

fn convolve_impl<T: Real>(a: &[T], v: &[T], mode: ConvolveMode) -> KernelResult<Vec<T>> {
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
    if use_fft(n) && long.iter().chain(short).all(|x| x.is_finite()) {
        convolve_fft(long_arg, long, short, start, len)
    } else {
        convolve_direct(long_arg, long, short, start, len)
    }
}

/// Whether FFT convolution is worth it when the shorter input has `n` points: the direct sum
/// costs `n` multiply-adds per output, overlap-add FFT convolution (blocks of `L ≥ 2n` points,
/// at least 256 here) about `4·log2(L)` operations per output however long the other input,
/// which is fewer once `n` is above [`CONVOLVE_DIRECT_MAX`].
pub(super) fn use_fft(n: usize) -> bool {
    n > CONVOLVE_DIRECT_MAX
}

/// Elements `[start, start + len)` of the full convolution of `long` and `short`
/// (`long.len() ≥ short.len() ≥ 1`), summed directly: `full[t] = Σ_j short[j]·long[t − j]`, the
/// terms added to 0 in order of `j`. Memory errors name `long_arg`.
///
/// Outputs are computed in blocks that stay in L1 cache. Four taps at a time add their terms to
/// the whole block in one pass (a contiguous multiply-add over `t` that vectorises, SIMD128 in
/// wasm), still in order of `j` for every output; outputs near the ends, where only some of the
/// four taps apply, take them one by one.
pub(super) fn convolve_direct<T: Real>(
    long_arg: &'static str,
    long: &[T],
    short: &[T],
    start: usize,
    len: usize,
) -> KernelResult<Vec<T>> {
    const BLOCK: usize = 512;
    let mut out = alloc::filled(long_arg, len, T::zero())?;
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
                    d = d + taps[0] * x0[i];
                    d = d + taps[1] * x1[i];
                    d = d + taps[2] * x2[i];
                    d = d + taps[3] * x3[i];
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
fn add_tap<T: Real>(
    block: &mut [T],
    t0: usize,
    long: &[T],
    j: usize,
    tap: T,
    lo: usize,
    hi: usize,
) {
    let lo = lo.max(j);
    let hi = hi.min(long.len() + j);
    if lo < hi {
        let dst = &mut block[lo - t0..hi - t0];
        for (d, &x) in dst.iter_mut().zip(&long[lo - j..hi - j]) {
            *d = *d + tap * x;
        }
    }
}

/// Smallest `2^a·3^b·5^c·7^d ≥ n` (a length rustfft transforms fast), or `n` on overflow.
pub(super) fn next_fast_len(n: usize) -> usize {
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

/// The FFT length [`convolve_fft`] uses for inputs of lengths `m ≥ n`: one transform of an even
/// fast length ≥ `m + n − 1` when that is short, else overlap-add blocks of the power of two
/// `L ≥ 2n` that costs least per output, `L·log2(L) / (L − n + 1)` (for 255 taps, 2048). Small
/// blocks stay in cache, and the kernel's spectrum is computed once.
pub(super) fn fft_size(m: usize, n: usize) -> usize {
    let full = m + n - 1;
    let cost = |l: usize| (l as f64) * (l as f64).log2() / (l - n + 1) as f64;
    let mut block = (2 * n).next_power_of_two();
    while cost(2 * block) < cost(block) {
        block *= 2;
    }
    if full <= 4 * block {
        2 * next_fast_len(full.div_ceil(2))
    } else {
        block
    }
}

/// Elements `[start, start + len)` of the full convolution of the finite `long` and `short`, by
/// FFT (real transforms with cached plans, [`fft_size`]): `long` is cut into blocks of
/// `L − n + 1` points, each zero-padded to `L`, transformed, multiplied by the spectrum of the
/// padded `short`, transformed back and added into the output where it overlaps the window
/// (overlap-add; a single block when `long` is short).
///
/// Each input is first scaled by a power of two to a largest magnitude near 1 and the result
/// scaled back, so huge inputs cannot overflow the spectra and subnormal ones keep their
/// precision. Scaling by a power of two is exact, so for every other input the result is
/// bit-identical to the unscaled computation. Memory errors name `long_arg`.
pub(super) fn convolve_fft<T: Real>(
    long_arg: &'static str,
    long: &[T],
    short: &[T],
    start: usize,
    len: usize,
) -> KernelResult<Vec<T>> {
    let (m, n) = (long.len(), short.len());
    let size = fft_size(m, n);
    let step = size - (n - 1);
    let forward = plans::real_forward::<T>(long_arg, size)?;
    let inverse = plans::real_inverse::<T>(long_arg, size)?;
    let (e_long, e_short) = (magnitude_exponent(long), magnitude_exponent(short));
    let (s_long, s_short) = (Pow2::<T>::new(-e_long), Pow2::<T>::new(-e_short));
    let back = Pow2::<T>::new(e_long.saturating_add(e_short));
    let zero = Complex::new(T::zero(), T::zero());
    let mut buf = alloc::filled(long_arg, size, T::zero())?;
    let mut spectrum = alloc::filled(long_arg, size / 2 + 1, zero)?;
    let mut kernel = alloc::filled(long_arg, size / 2 + 1, zero)?;
    let scratch_len = forward.get_scratch_len().max(inverse.get_scratch_len());
    let mut scratch = alloc::filled(long_arg, scratch_len, zero)?;
    let mut out = alloc::with_capacity(long_arg, len)?;
    // The last n − 1 outputs of the previous block, which overlap this block's first ones.
    let mut carry = alloc::filled(long_arg, n - 1, T::zero())?;

    // The kernel's spectrum, with the inverse transform's 1/L folded in.
    for (c, &x) in buf.iter_mut().zip(short) {
        *c = s_short.apply(x);
    }
    forward
        .process_with_scratch(&mut buf, &mut kernel, &mut scratch)
        .map_err(|e| internal(long_arg, e))?;
    let inv_size = T::from_f64(1.0 / size as f64).unwrap_or(T::zero());
    for c in &mut kernel {
        *c = *c * inv_size;
    }

    let end = start + len;
    for b0 in (0..m).step_by(step) {
        let seg = &long[b0..m.min(b0 + step)];
        // This block's outputs are t ∈ [b0, b0 + seg.len() + n − 1): it settles those below
        // the next block's start and carries the rest. Blocks wholly outside the window are
        // skipped (what they would carry lies outside it too).
        let block_end = b0 + seg.len() + n - 1;
        if block_end <= start || b0 >= end {
            continue;
        }
        for (c, &x) in buf.iter_mut().zip(seg) {
            *c = s_long.apply(x);
        }
        buf[seg.len()..].fill(T::zero());
        forward
            .process_with_scratch(&mut buf, &mut spectrum, &mut scratch)
            .map_err(|e| internal(long_arg, e))?;
        for (x, y) in spectrum.iter_mut().zip(&kernel) {
            *x = *x * *y;
        }
        // The spectrum of a real signal is real at 0 and L/2; exactly so for the inverse.
        spectrum[0].im = T::zero();
        spectrum[size / 2].im = T::zero();
        inverse
            .process_with_scratch(&mut spectrum, &mut buf, &mut scratch)
            .map_err(|e| internal(long_arg, e))?;
        // Add what the previous block carried, in place (each output is summed once, in block
        // order), then write out the settled part and carry the rest.
        for (y, &c) in buf.iter_mut().zip(&carry) {
            *y = c + back.apply(*y);
        }
        for y in &mut buf[n - 1..seg.len() + n - 1] {
            *y = back.apply(*y);
        }
        // Settled: every output of the last block, else those before the next block's start.
        let settled = if block_end == m + n - 1 {
            block_end
        } else {
            b0 + seg.len()
        };
        let (lo, hi) = (b0.max(start), settled.min(end));
        if lo < hi {
            out.extend_from_slice(&buf[lo - b0..hi - b0]);
        }
        carry.copy_from_slice(&buf[seg.len()..seg.len() + n - 1]);
    }
    Ok(out)
}
