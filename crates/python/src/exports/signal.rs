//! Signal processing: fft, ifft, convolve, movingAverage.
//!
//! Declared in `fastwasm_kernels::exports::signal`, shared with the wasm binding.

use crate::params::{native_exports, F32Vec, F32s, F64Vec, F64s, OptF32s, OptF64s, OptStr, Size};

fastwasm_kernels::signal_exports!(native_exports);
