//! Dense linear algebra on row-major flat matrices: matmul, transpose, solve, det, inv.
//!
//! Declared in `fastwasm_kernels::exports::linalg`, shared with the wasm binding.

use crate::params::{native_exports, F32Vec, F32s, F64Vec, F64s, Scalar, Size};

fastwasm_kernels::linalg_exports!(native_exports);
