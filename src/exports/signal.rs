//! Signal processing: fft, ifft, convolve, movingAverage.
//!
//! Declared in `fastwasm_kernels::exports::signal`, shared with the native extension.

use crate::params::{F32Vec, F32s, F64Vec, F64s, OptF32s, OptF64s, OptStr, Size};

fastwasm_kernels::signal_exports!(kernel_exports);
