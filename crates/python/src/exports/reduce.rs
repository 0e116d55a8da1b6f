//! Reductions: sum, mean, dot.
//!
//! Declared in `fastwasm_kernels::exports::reduce`, shared with the wasm binding.

use crate::params::{native_exports, F64s, Scalar};

fastwasm_kernels::reduce_exports!(native_exports);
