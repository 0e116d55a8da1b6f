//! Reductions over one or two float64 vectors: sum, mean, dot.

use crate::check;
use crate::error::{KernelError, KernelResult};

/// Lanes of the unrolled accumulators (numpy's pairwise-sum unroll factor; also two SIMD128
/// f64x2 registers twice over, so LLVM vectorises the loop).
pub(crate) const LANES: usize = 8;
/// Largest block summed with one set of accumulators before splitting (numpy's `PW_BLOCKSIZE`).
const PAIRWISE_BLOCK: usize = 128;

/// Sum of all elements by pairwise summation, the algorithm numpy uses, so results match
/// `np.sum(x)` to the last bit for contiguous float64 input. Empty input gives `0.0`; NaN and
/// infinities propagate as in IEEE arithmetic. Never fails.
pub fn sum(x: &[f64]) -> f64 {
    // numpy starts the reduction from the identity 0.0, which also turns a -0.0 total into 0.0.
    0.0 + pairwise_sum_by(x, &|v| v)
}

/// Pairwise sum of `f(xᵢ)` with numpy's blocking (`pairwise_sum` in numpy's
/// `loops_utils.h`), so that it equals `np.add.reduce` of the mapped array to the last bit
/// except for the leading `0.0`, which the caller adds: below [`LANES`] elements a plain loop
/// from 0.0; up to [`PAIRWISE_BLOCK`] eight accumulators combined as a balanced tree, then the
/// tail; above, the two halves (the first a multiple of [`LANES`] long) summed recursively.
pub(crate) fn pairwise_sum_by<F: Fn(f64) -> f64>(x: &[f64], f: &F) -> f64 {
    let n = x.len();
    if n < LANES {
        return x.iter().fold(0.0, |acc, &v| acc + f(v));
    }
    if n <= PAIRWISE_BLOCK {
        let (head, rest) = x.split_at(LANES);
        let mut acc = [0.0f64; LANES];
        for (a, &v) in acc.iter_mut().zip(head) {
            *a = f(v);
        }
        let chunks = rest.chunks_exact(LANES);
        let tail = chunks.remainder();
        for chunk in chunks {
            for (a, &v) in acc.iter_mut().zip(chunk) {
                *a += f(v);
            }
        }
        let mut total =
            ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
        for &v in tail {
            total += f(v);
        }
        return total;
    }
    let half = n / 2;
    let (a, b) = x.split_at(half - half % LANES);
    pairwise_sum_by(a, f) + pairwise_sum_by(b, f)
}

/// Arithmetic mean, `np.mean(x)`: the pairwise sum divided by the length, bit for bit.
///
/// Errors: empty `x` (`x must not be empty`; numpy warns and returns NaN).
pub fn mean(x: &[f64]) -> KernelResult<f64> {
    check::non_empty("x", x)?;
    Ok(sum(x) / x.len() as f64)
}

/// The shape check of [`dot`], on the lengths of `a` and `b` only: they must be equal.
///
/// Errors: lengths that differ (`a and b must have the same length, got 3 and 2`, kind value,
/// argument `a`).
pub fn check_dot(a_len: usize, b_len: usize) -> KernelResult<()> {
    if a_len != b_len {
        return Err(KernelError::value(
            "a",
            format!("and b must have the same length, got {a_len} and {b_len}"),
        ));
    }
    Ok(())
}

/// Inner product of two equal-length vectors, `np.dot(a, b)` for 1-D inputs.
/// Uses eight independent accumulators (like BLAS `ddot`); empty vectors give `0.0`.
///
/// Errors: lengths that differ (`a and b must have the same length, got 3 and 2`, argument `a`).
pub fn dot(a: &[f64], b: &[f64]) -> KernelResult<f64> {
    check_dot(a.len(), b.len())?;
    let mut acc = [0.0f64; LANES];
    let a_chunks = a.chunks_exact(LANES);
    let b_chunks = b.chunks_exact(LANES);
    let tail: f64 = a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (ca, cb) in a_chunks.zip(b_chunks) {
        for i in 0..LANES {
            acc[i] += ca[i] * cb[i];
        }
    }
    let body = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    Ok(body + tail)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use proptest::prelude::*;

    fn naive_sum(x: &[f64]) -> f64 {
        x.iter().sum()
    }

    /// numpy's `pairwise_sum` (`loops_utils.h.src`) transcribed: the reference for bit-exact sums.
    fn numpy_pairwise_sum(x: &[f64]) -> f64 {
        let n = x.len();
        if n < 8 {
            let mut res = 0.0;
            for &v in x {
                res += v;
            }
            res
        } else if n <= 128 {
            let mut r = [0.0f64; 8];
            r.copy_from_slice(&x[..8]);
            let mut i = 8;
            while i < n - n % 8 {
                for (j, rj) in r.iter_mut().enumerate() {
                    *rj += x[i + j];
                }
                i += 8;
            }
            let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for &v in &x[i..] {
                res += v;
            }
            res
        } else {
            let mut n2 = n / 2;
            n2 -= n2 % 8;
            numpy_pairwise_sum(&x[..n2]) + numpy_pairwise_sum(&x[n2..])
        }
    }

    fn close(a: f64, b: f64, scale: f64) -> bool {
        (a - b).abs() <= 1e-12 * scale.max(1.0)
    }

    #[test]
    fn sum_of_empty_is_zero() {
        assert_eq!(sum(&[]), 0.0);
    }

    #[test]
    fn sum_of_integers_is_exact() {
        let x: Vec<f64> = (1..=1000).map(f64::from).collect();
        assert_eq!(sum(&x), 500_500.0);
    }

    #[test]
    fn sum_propagates_nan_and_inf() {
        assert!(sum(&[1.0, f64::NAN, 2.0]).is_nan());
        assert_eq!(sum(&[1.0, f64::INFINITY]), f64::INFINITY);
        assert!(sum(&[f64::INFINITY, f64::NEG_INFINITY]).is_nan());
    }

    #[test]
    fn mean_of_empty_is_an_error_naming_x() {
        let err = mean(&[]).unwrap_err();
        assert_eq!(err, KernelError::value("x", "must not be empty"));
        assert_eq!(err.kind, ErrorKind::Value);
        assert_eq!(err.to_string(), "x must not be empty");
    }

    #[test]
    fn dot_length_mismatch_is_an_error() {
        let err = dot(&[1.0, 2.0], &[1.0]).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Value, "a"));
        assert_eq!(
            err.to_string(),
            "a and b must have the same length, got 2 and 1"
        );
    }

    #[test]
    fn check_dot_is_the_check_of_dot() {
        assert!(check_dot(3, 3).is_ok());
        assert!(check_dot(0, 0).is_ok());
        assert_eq!(
            check_dot(2, 1).unwrap_err(),
            dot(&[1.0, 2.0], &[1.0]).unwrap_err()
        );
    }

    #[test]
    fn dot_known_value() {
        // sum of squares 1..=n = n(n+1)(2n+1)/6
        let x: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(dot(&x, &x).unwrap(), 338_350.0);
    }

    proptest! {
        #[test]
        fn sum_matches_naive(x in prop::collection::vec(-1e6f64..1e6, 0..2000)) {
            let scale: f64 = x.iter().map(|v| v.abs()).sum();
            prop_assert!(close(sum(&x), naive_sum(&x), scale));
        }

        #[test]
        fn mean_matches_naive(x in prop::collection::vec(-1e6f64..1e6, 1..2000)) {
            let scale: f64 = x.iter().map(|v| v.abs()).sum::<f64>() / x.len() as f64;
            prop_assert!(close(mean(&x).unwrap(), naive_sum(&x) / x.len() as f64, scale));
        }

        #[test]
        fn sum_is_numpys_pairwise_sum_bit_for_bit(x in prop::collection::vec(-1e6f64..1e6, 0..3000)) {
            prop_assert_eq!(sum(&x).to_bits(), (0.0 + numpy_pairwise_sum(&x)).to_bits());
        }

        #[test]
        fn pairwise_sum_by_maps_then_sums(x in prop::collection::vec(-1e3f64..1e3, 0..3000)) {
            // Mapping inside the sum equals summing the mapped vector, bit for bit, at every
            // length (blocks of 8, blocks of 128 and the recursive split).
            let squares: Vec<f64> = x.iter().map(|v| v * v).collect();
            let by = pairwise_sum_by(&x, &|v| v * v);
            prop_assert_eq!(by.to_bits(), pairwise_sum_by(&squares, &|v| v).to_bits());
            prop_assert_eq!((0.0 + pairwise_sum_by(&x, &|v| v)).to_bits(), sum(&x).to_bits());
        }

        #[test]
        fn dot_matches_naive(pairs in prop::collection::vec((-1e3f64..1e3, -1e3f64..1e3), 0..2000)) {
            let (a, b): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
            let naive: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            let scale: f64 = a.iter().zip(&b).map(|(x, y)| (x * y).abs()).sum();
            prop_assert!(close(dot(&a, &b).unwrap(), naive, scale));
        }
    }
}
