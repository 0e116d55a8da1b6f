//! Image kernels on RGBA bytes (the layout of `ImageData.data`): grayscale, gaussianBlur, sobel.
//!
//! Declared in `fastwasm_kernels::exports::image`, shared with the native extension.

use crate::params::{Finite, Rgba, RgbaVec, Size};

fastwasm_kernels::image_exports!(kernel_exports);
