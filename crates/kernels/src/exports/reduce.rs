//! Reductions: sum, mean, dot.
//!
//! The exports of this family, declared once for both bindings (see [`crate::exports`]).

/// Invokes `$declare! { … }` with this family's export declarations.
#[macro_export]
macro_rules! reduce_exports {
    ($declare:ident) => {
        $declare! {
            /// Sum of the elements by pairwise summation, `np.sum(x)`; empty input gives 0.
            #[js_name = "sum"]
            fn sum(x: F64s) -> Scalar { Ok($crate::reduce::sum(&x)) }

            /// Arithmetic mean, `np.mean(x)`. Errors: `x` empty (RangeError / ValueError).
            #[js_name = "mean"]
            fn mean(x: F64s) -> Scalar { $crate::reduce::mean(&x) }

            /// Inner product of two equal-length vectors, `np.dot(a, b)` for 1-D input. Errors: lengths
            /// differ (RangeError / ValueError).
            #[js_name = "dot"]
            fn dot(a: F64s, b: F64s) -> Scalar, check { $crate::reduce::check_dot(a, b) } { $crate::reduce::dot(&a, &b) }
        }
    };
}
