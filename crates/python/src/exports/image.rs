//! Image kernels on RGBA bytes (the layout of `ImageData.data`): grayscale, gaussianBlur, sobel.
//!
//! Declared in `fastwasm_kernels::exports::image`, shared with the wasm binding.

use crate::params::{native_exports, Finite, Rgba, RgbaVec, Size};

fastwasm_kernels::image_exports!(native_exports);
