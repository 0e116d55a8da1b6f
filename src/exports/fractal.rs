//! Generators without array inputs: mandelbrot, primes.
//!
//! Declared in `fastwasm_kernels::exports::fractal`, shared with the native extension.

use crate::params::{Count, Finite, Size, U32Vec};

fastwasm_kernels::fractal_exports!(kernel_exports);
