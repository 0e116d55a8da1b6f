//! Arguments as both bindings receive them, before they reach a kernel: counts and sizes given
//! as numbers (a JS number, a Python int or float), and the optional arguments that the JS and
//! Python APIs spell differently from the kernels. The wasm binding (`fastwasm`) and the native
//! CPython extension (`fastwasm-python`) both convert through these functions, so the same bad
//! argument gives the same error in every language.

use crate::error::{KernelError, KernelResult};
use crate::signal::ConvolveMode;

/// Largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`, 2⁵³ − 1).
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A count, size or limit passed as a number: a non-negative integer up to 2⁵³ − 1.
///
/// Errors: [`Value`](crate::ErrorKind::Value) `"{argument} must be a non-negative integer, got
/// {value}"` or `"{argument} is too large, got {value}"`.
pub fn whole_number(argument: &'static str, value: f64) -> KernelResult<u64> {
    if !value.is_finite() || value.fract() != 0.0 || value < 0.0 {
        return Err(KernelError::value(
            argument,
            format!("must be a non-negative integer, got {value}"),
        ));
    }
    if value > MAX_SAFE_INTEGER {
        return Err(KernelError::value(
            argument,
            format!("is too large, got {value}"),
        ));
    }
    Ok(value as u64)
}

/// A length or dimension: [`whole_number`] below 2³², the limit of wasm32's address space,
/// kept by the native build too so that both give the same errors.
///
/// Errors: as [`whole_number`], and [`Value`](crate::ErrorKind::Value) `"{argument} is too
/// large, got {n}"` from 2³² on.
pub fn size(argument: &'static str, value: f64) -> KernelResult<usize> {
    let n = whole_number(argument, value)?;
    u32::try_from(n)
        .ok()
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| KernelError::value(argument, format!("is too large, got {n}")))
}

/// `histogram`'s `bins` as a size and its optional range given as `lo` and `hi` (both or
/// neither).
///
/// Errors: [`Memory`](crate::ErrorKind::Memory) for `bins` beyond the address space;
/// [`Value`](crate::ErrorKind::Value) `"lo and hi must be given together"`.
pub fn histogram_args(
    bins: u64,
    lo: Option<f64>,
    hi: Option<f64>,
) -> KernelResult<(usize, Option<(f64, f64)>)> {
    let bins = usize::try_from(bins).map_err(|_| {
        KernelError::memory(
            "bins",
            format!("= {bins} is beyond the wasm32 address space"),
        )
    })?;
    let range = match (lo, hi) {
        (None, None) => None,
        (Some(lo), Some(hi)) => Some((lo, hi)),
        _ => return Err(KernelError::value("lo", "and hi must be given together")),
    };
    Ok((bins, range))
}

/// The kernel's histogram `range` is the arguments `lo` and `hi`: its errors name `lo`.
pub fn range_is_lo(e: KernelError) -> KernelError {
    match e.argument {
        "range" => KernelError {
            argument: "lo",
            ..e
        },
        _ => e,
    }
}

/// `convolve`'s optional `mode`: `"full"` when absent.
///
/// Errors: as [`ConvolveMode::parse`].
pub fn convolve_mode(mode: Option<&str>) -> KernelResult<ConvolveMode> {
    mode.map_or(Ok(ConvolveMode::Full), ConvolveMode::parse)
}

/// `mandelbrot`'s `max_iter`, which must fit in the `u32` counts.
///
/// Errors: [`Value`](crate::ErrorKind::Value) `"max_iter must be below 2^32, got {max_iter}"`.
pub fn max_iter(max_iter: usize) -> KernelResult<u32> {
    u32::try_from(max_iter)
        .map_err(|_| KernelError::value("max_iter", format!("must be below 2^32, got {max_iter}")))
}

/// `word_counts`'s `k`: it only caps the result, so any `k` beyond the address space means
/// "all words".
pub fn word_limit(k: u64) -> usize {
    usize::try_from(k).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_whole_numbers_below_two_to_the_32() {
        assert_eq!(size("n", 0.0).unwrap(), 0);
        assert_eq!(size("n", 4_294_967_295.0).unwrap(), 4_294_967_295);
        let e = size("n", 4_294_967_296.0).unwrap_err();
        assert_eq!(e.to_string(), "n is too large, got 4294967296");
        let e = size("w", 1.5).unwrap_err();
        assert_eq!(e.to_string(), "w must be a non-negative integer, got 1.5");
        let e = whole_number("k", 2f64.powi(53)).unwrap_err();
        assert_eq!(e.to_string(), "k is too large, got 9007199254740992");
        assert_eq!(whole_number("k", MAX_SAFE_INTEGER).unwrap(), (1 << 53) - 1);
    }

    #[test]
    fn histogram_range_needs_both_ends() {
        assert_eq!(histogram_args(3, None, None).unwrap(), (3, None));
        assert_eq!(
            histogram_args(3, Some(0.0), Some(1.0)).unwrap(),
            (3, Some((0.0, 1.0)))
        );
        let e = histogram_args(3, Some(0.0), None).unwrap_err();
        assert_eq!(e.to_string(), "lo and hi must be given together");
        let e = range_is_lo(KernelError::value("range", "is bad"));
        assert_eq!(e.to_string(), "lo is bad");
    }

    #[test]
    fn optional_arguments() {
        assert_eq!(convolve_mode(None).unwrap(), ConvolveMode::Full);
        assert_eq!(convolve_mode(Some("same")).unwrap(), ConvolveMode::Same);
        assert!(convolve_mode(Some("wide")).is_err());
        assert_eq!(max_iter(7).unwrap(), 7);
        assert_eq!(word_limit(5), 5);
    }
}
