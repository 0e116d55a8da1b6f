//! Text kernels: levenshtein, wordCounts.
//!
//! Declared in `fastwasm_kernels::exports::text`, shared with the wasm binding.

use crate::params::{native_exports, CodePoints, Count, Index, Utf8, WordCounts};

fastwasm_kernels::text_exports!(native_exports);
