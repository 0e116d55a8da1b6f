//! Argument checks shared by the kernels, one of each kind, so that the same condition always
//! gives the same message.

use crate::error::{KernelError, KernelResult};

/// Checks that `x` has at least one element.
///
/// Errors: [`Value`](crate::ErrorKind::Value) `"{argument} must not be empty"`.
pub fn non_empty<T>(argument: &'static str, x: &[T]) -> KernelResult<()> {
    non_empty_len(argument, x.len())
}

/// Checks that an argument of `len` elements is not empty: [`non_empty`] on a length only, for
/// the shape checks that run before the data is copied.
///
/// Errors: [`Value`](crate::ErrorKind::Value) `"{argument} must not be empty"`.
pub fn non_empty_len(argument: &'static str, len: usize) -> KernelResult<()> {
    if len == 0 {
        Err(KernelError::value(argument, "must not be empty"))
    } else {
        Ok(())
    }
}

/// Checks that `v` is neither NaN nor infinite and returns it.
///
/// Errors: [`Value`](crate::ErrorKind::Value) `"{argument} must be finite, got {v}"`, with `v`
/// spelled by Rust (`NaN`, `inf`, `-inf`).
pub fn finite(argument: &'static str, v: f64) -> KernelResult<f64> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(KernelError::value(
            argument,
            format!("must be finite, got {v}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn non_empty_names_the_argument() {
        assert!(non_empty("x", &[1.0]).is_ok());
        let err = non_empty::<f64>("x", &[]).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Value);
        assert_eq!(err.argument, "x");
        assert_eq!(err.to_string(), "x must not be empty");
        assert!(non_empty_len("x", 1).is_ok());
        assert_eq!(non_empty_len("x", 0).unwrap_err(), err);
    }

    #[test]
    fn finite_passes_finite_values_through() {
        assert_eq!(finite("a", -0.5).unwrap(), -0.5);
        assert_eq!(finite("a", f64::MAX).unwrap(), f64::MAX);
        for (v, shown) in [
            (f64::NAN, "NaN"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
        ] {
            let err = finite("y_max", v).unwrap_err();
            assert_eq!(err.kind, ErrorKind::Value);
            assert_eq!(err.argument, "y_max");
            assert_eq!(
                err.to_string(),
                format!("y_max must be finite, got {shown}")
            );
        }
    }
}
