//! Statistics: variance, std, min, max, argmin, argmax, norm, median, quantile, percentile,
//! cumsum, histogram.
//!
//! Declared in `fastwasm_kernels::exports::stats`, shared with the wasm binding.

use crate::params::{
    native_exports, Count, F64Vec, F64s, Histogram, Index, Number, OptFinite, OptNumber, Scalar,
};

fastwasm_kernels::stats_exports!(native_exports);
