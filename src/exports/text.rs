//! Text kernels: levenshtein, wordCounts.
//!
//! Declared in `fastwasm_kernels::exports::text`, shared with the native extension.

use crate::params::{CodePoints, Count, Index, Utf8, WordCounts};

fastwasm_kernels::text_exports!(kernel_exports);
