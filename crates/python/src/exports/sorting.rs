//! Sorting: sort, argsort, unique.
//!
//! Declared in `fastwasm_kernels::exports::sorting`, shared with the wasm binding.

use crate::params::{native_exports, F64Vec, F64s, U32Vec};

fastwasm_kernels::sorting_exports!(native_exports);
