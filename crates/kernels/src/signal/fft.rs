//! Forward and inverse discrete Fourier transforms, in float64 and float32.

use realfft::FftError;
use rustfft::num_complex::Complex;
use rustfft::FftDirection;

use super::plans;
use super::real::Real;
use crate::alloc;
use crate::check;
use crate::error::{KernelError, KernelResult};

/// The shape check of [`fft`] and [`fft_f32`], on the lengths of `re` and `im` (`None` when
/// `im` is absent) only, in this order: `re` not empty, `im` as long as `re`.
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
/// Bluestein for awkward lengths; real input, `im` absent or all zeros, of even length by a
/// complex transform of half the length). Returns `2n` floats interleaved
/// `[re0, im0, re1, im1, …]`.
///
/// Non-finite values propagate as in numpy: a NaN or infinity anywhere makes every output
/// non-finite (which of its two parts is NaN or ±inf can differ from numpy's), and sums beyond
/// the float range overflow to ±inf. Subnormal inputs are not flushed to zero.
///
/// Errors: empty `re` (`re must not be empty`); `im` of another length than `re`
/// (`im must have the same length as re (2), got 1`); a length whose plan or result cannot be
/// allocated (kind memory, argument `re`).
pub fn fft(re: &[f64], im: Option<&[f64]>) -> KernelResult<Vec<f64>> {
    fft_impl(re, im)
}

/// [`fft`] computed in float32: `np.fft.fft(x)` of a float32 or complex64 `x`, which numpy
/// (2.x) computes in single precision and returns as complex64. Returns `2n` floats
/// interleaved `[re0, im0, re1, im1, …]`.
///
/// Errors: as [`fft`].
pub fn fft_f32(re: &[f32], im: Option<&[f32]>) -> KernelResult<Vec<f32>> {
    fft_impl(re, im)
}

fn fft_impl<T: Real>(re: &[T], im: Option<&[T]>) -> KernelResult<Vec<T>> {
    check_fft(re.len(), im.map(<[T]>::len))?;
    // An imaginary part of zeros is real input: the same transform, and the same result.
    let im = im.filter(|im| im.iter().any(|&v| v != T::zero()));
    let n = re.len();
    let mut out = alloc::with_capacity::<Complex<T>>("re", n)?;
    match im {
        Some(im) => {
            out.extend(re.iter().zip(im).map(|(&r, &i)| Complex::new(r, i)));
            run_complex("re", &mut out, FftDirection::Forward)?;
        }
        None if n % 2 == 0 && n > 2 => real_forward("re", re, &mut out)?,
        None => {
            out.extend(re.iter().map(|&r| Complex::new(r, T::zero())));
            run_complex("re", &mut out, FftDirection::Forward)?;
        }
    }
    Ok(into_interleaved(out))
}

/// The shape check of [`ifft`] and [`ifft_f32`], on the length of `x` only: not empty, then
/// even.
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
    ifft_impl(x)
}

/// [`ifft`] computed in float32: `np.fft.ifft(x)` of a complex64 `x` (complex64 result).
///
/// Errors: as [`ifft`].
pub fn ifft_f32(x: &[f32]) -> KernelResult<Vec<f32>> {
    ifft_impl(x)
}

fn ifft_impl<T: Real>(x: &[T]) -> KernelResult<Vec<T>> {
    check_ifft(x.len())?;
    let n = x.len() / 2;
    let mut buf = alloc::with_capacity("x", n)?;
    buf.extend(x.chunks_exact(2).map(|p| Complex::new(p[0], p[1])));
    run_complex("x", &mut buf, FftDirection::Inverse)?;
    // numpy (pocketfft) multiplies by the factor 1/n rather than dividing by n.
    let scale = T::from_f64(1.0 / n as f64).unwrap_or(T::zero());
    for c in &mut buf {
        *c = *c * scale;
    }
    Ok(into_interleaved(buf))
}

/// Runs a complex FFT of `buf.len()` points in place with a cached plan, allocating the
/// scratch space fallibly (memory errors name `argument`, the input the length comes from).
pub(crate) fn run_complex<T: Real>(
    argument: &'static str,
    buf: &mut [Complex<T>],
    direction: FftDirection,
) -> KernelResult<()> {
    // Lengths 1 and 2 exactly, as numpy computes them: without twiddle factors, so that an
    // infinite input gives infinities, not the NaN of inf * 0 (which SIMD paths of rustfft can
    // produce differently on different targets).
    if let [a, b] = buf {
        (*a, *b) = (*a + *b, *a - *b);
        return Ok(());
    }
    if buf.len() < 2 {
        return Ok(());
    }
    let plan = plans::complex::<T>(argument, buf.len(), direction)?;
    let zero = Complex::new(T::zero(), T::zero());
    let mut scratch = alloc::filled(argument, plan.get_inplace_scratch_len(), zero)?;
    plan.process_with_scratch(buf, &mut scratch);
    Ok(())
}

/// The FFT of the real `re` (even length `n`) into the empty `out` (capacity `n`): the
/// `n/2 + 1` non-redundant outputs by a real-input transform, then the rest by conjugate
/// symmetry, `X[n − k] = conj(X[k])`, with every zero +0. Memory errors name `argument`.
fn real_forward<T: Real>(
    argument: &'static str,
    re: &[T],
    out: &mut Vec<Complex<T>>,
) -> KernelResult<()> {
    let n = re.len();
    let plan = plans::real_forward::<T>(argument, n)?;
    let zero = Complex::new(T::zero(), T::zero());
    // The transform uses its input as workspace.
    let mut input = alloc::copied(argument, re)?;
    let mut scratch = alloc::filled(argument, plan.get_scratch_len(), zero)?;
    out.resize(n / 2 + 1, zero);
    plan.process_with_scratch(&mut input, out, &mut scratch)
        .map_err(|e| internal(argument, e))?;
    // Zeros come out as +0, as numpy's: `x + 0` turns −0 into +0 (and changes nothing else),
    // and the mirrored imaginary parts are `0 − im` rather than `−im`.
    let plus_zero = T::zero();
    let positive_zeros = |c: Complex<T>| Complex::new(c.re + plus_zero, c.im + plus_zero);
    out[0] = positive_zeros(out[0]);
    out[n / 2] = positive_zeros(out[n / 2]);
    // One pass: each output of the first half, and its mirror image pushed after `out[n / 2]`.
    for k in (1..n / 2).rev() {
        let c = positive_zeros(out[k]);
        out[k] = c;
        out.push(Complex::new(c.re, plus_zero - c.im));
    }
    Ok(())
}

/// realfft reports buffers of the wrong length, which the callers size from the plan itself.
pub(crate) fn internal(argument: &'static str, e: FftError) -> KernelError {
    KernelError::value(argument, format!("internal FFT error: {e}"))
}

/// Reinterprets complex values as interleaved `[re, im, …]` floats, without copying.
pub(crate) fn into_interleaved<T: Real>(buf: Vec<Complex<T>>) -> Vec<T> {
    let mut buf = std::mem::ManuallyDrop::new(buf);
    let (ptr, len, cap) = (buf.as_mut_ptr(), buf.len(), buf.capacity());
    // SAFETY: `Complex<T>` is `#[repr(C)] { re: T, im: T }`: two `T`s without padding, aligned
    // as `T`. So the allocation of `cap` complex values is one of `2·cap` `T`s with the same
    // size and alignment (the layout it is freed with), its first `2·len` `T`s are initialised,
    // and `buf`, never dropped, no longer owns it.
    unsafe { Vec::from_raw_parts(ptr.cast::<T>(), 2 * len, 2 * cap) }
}
