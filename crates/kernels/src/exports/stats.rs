//! Statistics: variance, std, min, max, argmin, argmax, norm, median, quantile, percentile,
//! cumsum, histogram.
//!
//! The exports of this family, declared once for both bindings (see [`crate::exports`]).

/// Invokes `$declare! { … }` with this family's export declarations.
#[macro_export]
macro_rules! stats_exports {
    ($declare:ident) => {
        $declare! {
            /// Variance, `np.var(x, ddof=ddof)` (two-pass, pairwise sums; `ddof` defaults to 0).
            /// Errors: `x` empty, `ddof` negative, not finite or `>= x.length` (RangeError / ValueError).
            #[js_name = "variance"]
            fn variance(x: F64s, ddof: OptNumber) -> Scalar, check { $crate::stats::check_variance(x, ddof.unwrap_or(0.0)) } {
                $crate::stats::variance(&x, ddof.unwrap_or(0.0))
            }

            /// Standard deviation, `np.std(x, ddof=ddof)`. Errors as `variance`.
            #[js_name = "std"]
            fn std_dev(x: F64s, ddof: OptNumber) -> Scalar, check { $crate::stats::check_variance(x, ddof.unwrap_or(0.0)) } {
                $crate::stats::std(&x, ddof.unwrap_or(0.0))
            }

            /// Smallest element, `np.min(x)`; NaN if any element is NaN. Errors: `x` empty (RangeError / ValueError).
            #[js_name = "min"]
            fn min(x: F64s) -> Scalar { $crate::stats::min(&x) }

            /// Largest element, `np.max(x)`; NaN if any element is NaN. Errors: `x` empty (RangeError / ValueError).
            #[js_name = "max"]
            fn max(x: F64s) -> Scalar { $crate::stats::max(&x) }

            /// Index of the first smallest element, `np.argmin(x)` (the first NaN wins).
            /// Errors: `x` empty (RangeError / ValueError).
            #[js_name = "argmin"]
            fn argmin(x: F64s) -> Index { $crate::stats::argmin(&x) }

            /// Index of the first largest element, `np.argmax(x)` (the first NaN wins).
            /// Errors: `x` empty (RangeError / ValueError).
            #[js_name = "argmax"]
            fn argmax(x: F64s) -> Index { $crate::stats::argmax(&x) }

            /// Euclidean (L2) norm, `np.linalg.norm(x)`, without overflow or underflow in between.
            #[js_name = "norm"]
            fn norm(x: F64s) -> Scalar { Ok($crate::stats::norm(&x)) }

            /// Median, `np.median(x)`; NaN if any element is NaN. Errors: `x` empty (RangeError / ValueError).
            #[js_name = "median"]
            fn median(x: F64s) -> Scalar { $crate::stats::median(&x) }

            /// The `q`-th quantile, `np.quantile(x, q)` with linear interpolation.
            /// Errors: `x` empty, `q` outside [0, 1] (RangeError / ValueError).
            #[js_name = "quantile"]
            fn quantile(x: F64s, q: Number) -> Scalar, check { $crate::stats::check_quantile(x, q) } { $crate::stats::quantile(&x, q) }

            /// The `q`-th percentile, `np.percentile(x, q)` with linear interpolation.
            /// Errors: `x` empty, `q` outside [0, 100] (RangeError / ValueError).
            #[js_name = "percentile"]
            fn percentile(x: F64s, q: Number) -> Scalar, check { $crate::stats::check_percentile(x, q) } { $crate::stats::percentile(&x, q) }

            /// Running sums, `np.cumsum(x)`.
            #[js_name = "cumsum"]
            fn cumsum(x: F64s) -> F64Vec { $crate::stats::cumsum(&x) }

            /// Histogram with `bins` equal-width bins over [lo, hi] (default: the data's min and max),
            /// `np.histogram(x, bins, range=(lo, hi))`; returns `{counts: Uint32Array, edges:
            /// Float64Array}`. Errors: `bins` 0, `lo > hi`, only one of `lo` and `hi`, data not finite
            /// without a range (RangeError / ValueError); too many bins (MemoryError).
            #[js_name = "histogram"]
            fn histogram(x: F64s, bins: Count, lo: OptFinite, hi: OptFinite) -> Histogram, check {
                let (bins, range) = $crate::args::histogram_args(bins, lo, hi)?;
                $crate::stats::check_histogram(x, bins, range).map_err($crate::args::range_is_lo)
            } {
                let (bins, range) = $crate::args::histogram_args(bins, lo, hi)?;
                $crate::stats::histogram(&x, bins, range).map_err($crate::args::range_is_lo)
            }
        }
    };
}
