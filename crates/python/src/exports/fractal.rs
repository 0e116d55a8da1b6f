//! Generators without array inputs: mandelbrot, primes.
//!
//! Declared in `fastwasm_kernels::exports::fractal`, shared with the wasm binding.

use crate::params::{native_exports, Count, Finite, Size, U32Vec};

fastwasm_kernels::fractal_exports!(native_exports);
