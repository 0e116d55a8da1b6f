//! Reductions: sum, mean, dot.

use fastwasm_kernels::reduce;

use crate::params::{native_exports, F64s, Scalar};

native_exports! {
    /// Sum of the elements by pairwise summation, `np.sum(x)`; empty input gives 0.
    #[name = "sum"]
    fn sum(x: F64s) -> Scalar { Ok(reduce::sum(&x)) }

    /// Arithmetic mean, `np.mean(x)`. Errors: `x` empty (ValueError).
    #[name = "mean"]
    fn mean(x: F64s) -> Scalar { reduce::mean(&x) }

    /// Inner product of two equal-length vectors, `np.dot(a, b)` for 1-D input. Errors: lengths
    /// differ (ValueError).
    #[name = "dot"]
    fn dot(a: F64s, b: F64s) -> Scalar { reduce::dot(&a, &b) }
}
