//! Dense linear algebra on row-major flat matrices: matmul, transpose, solve, det, inv.
//!
//! Declared in `fastwasm_kernels::exports::linalg`, shared with the native extension.

use crate::params::{F32Vec, F32s, F64Vec, F64s, Scalar, Size};

fastwasm_kernels::linalg_exports!(kernel_exports);
