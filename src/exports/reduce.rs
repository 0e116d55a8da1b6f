//! Reductions: sum, mean, dot.
//!
//! Declared in `fastwasm_kernels::exports::reduce`, shared with the native extension.

use crate::params::{F64s, Scalar};

fastwasm_kernels::reduce_exports!(kernel_exports);
