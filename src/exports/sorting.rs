//! Sorting: sort, argsort, unique.
//!
//! Declared in `fastwasm_kernels::exports::sorting`, shared with the native extension.

use crate::params::{F64Vec, F64s, U32Vec};

fastwasm_kernels::sorting_exports!(kernel_exports);
