//! Statistics: variance, std, min, max, argmin, argmax, norm, median, quantile, percentile,
//! cumsum, histogram.

use fastwasm_kernels::args::{histogram_args, range_is_lo};
use fastwasm_kernels::stats;

use crate::params::{Count, F64Vec, F64s, Histogram, Index, Number, OptFinite, OptNumber, Scalar};

kernel_exports! {
    /// Variance, `np.var(x, ddof=ddof)` (two-pass, pairwise sums; `ddof` defaults to 0).
    /// Errors: `x` empty, `ddof` negative, not finite or `>= x.length` (RangeError).
    #[js_name = "variance"]
    fn variance(x: F64s, ddof: OptNumber) -> Scalar, check { stats::check_variance(x, ddof.unwrap_or(0.0)) } {
        stats::variance(&x, ddof.unwrap_or(0.0))
    }

    /// Standard deviation, `np.std(x, ddof=ddof)`. Errors as `variance`.
    #[js_name = "std"]
    fn std(x: F64s, ddof: OptNumber) -> Scalar, check { stats::check_variance(x, ddof.unwrap_or(0.0)) } {
        stats::std(&x, ddof.unwrap_or(0.0))
    }

    /// Smallest element, `np.min(x)`; NaN if any element is NaN. Errors: `x` empty (RangeError).
    #[js_name = "min"]
    fn min(x: F64s) -> Scalar { stats::min(&x) }

    /// Largest element, `np.max(x)`; NaN if any element is NaN. Errors: `x` empty (RangeError).
    #[js_name = "max"]
    fn max(x: F64s) -> Scalar { stats::max(&x) }

    /// Index of the first smallest element, `np.argmin(x)` (the first NaN wins).
    /// Errors: `x` empty (RangeError).
    #[js_name = "argmin"]
    fn argmin(x: F64s) -> Index { stats::argmin(&x) }

    /// Index of the first largest element, `np.argmax(x)` (the first NaN wins).
    /// Errors: `x` empty (RangeError).
    #[js_name = "argmax"]
    fn argmax(x: F64s) -> Index { stats::argmax(&x) }

    /// Euclidean (L2) norm, `np.linalg.norm(x)`, without overflow or underflow in between.
    #[js_name = "norm"]
    fn norm(x: F64s) -> Scalar { Ok(stats::norm(&x)) }

    /// Median, `np.median(x)`; NaN if any element is NaN. Errors: `x` empty (RangeError).
    #[js_name = "median"]
    fn median(x: F64s) -> Scalar { stats::median(&x) }

    /// The `q`-th quantile, `np.quantile(x, q)` with linear interpolation.
    /// Errors: `x` empty, `q` outside [0, 1] (RangeError).
    #[js_name = "quantile"]
    fn quantile(x: F64s, q: Number) -> Scalar, check { stats::check_quantile(x, q) } { stats::quantile(&x, q) }

    /// The `q`-th percentile, `np.percentile(x, q)` with linear interpolation.
    /// Errors: `x` empty, `q` outside [0, 100] (RangeError).
    #[js_name = "percentile"]
    fn percentile(x: F64s, q: Number) -> Scalar, check { stats::check_percentile(x, q) } { stats::percentile(&x, q) }

    /// Running sums, `np.cumsum(x)`.
    #[js_name = "cumsum"]
    fn cumsum(x: F64s) -> F64Vec { stats::cumsum(&x) }

    /// Histogram with `bins` equal-width bins over [lo, hi] (default: the data's min and max),
    /// `np.histogram(x, bins, range=(lo, hi))`; returns `{counts: Uint32Array, edges:
    /// Float64Array}`. Errors: `bins` 0, `lo > hi`, only one of `lo` and `hi`, data not finite
    /// without a range (RangeError); too many bins (MemoryError).
    #[js_name = "histogram"]
    fn histogram(x: F64s, bins: Count, lo: OptFinite, hi: OptFinite) -> Histogram, check {
        let (bins, range) = histogram_args(bins, lo, hi)?;
        stats::check_histogram(x, bins, range).map_err(range_is_lo)
    } {
        let (bins, range) = histogram_args(bins, lo, hi)?;
        stats::histogram(&x, bins, range).map_err(range_is_lo)
    }
}
