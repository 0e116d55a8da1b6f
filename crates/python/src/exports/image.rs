//! Image kernels on RGBA bytes (the layout of `ImageData.data`): grayscale, gaussianBlur, sobel.

use fastwasm_kernels::image;

use crate::params::{native_exports, Finite, Rgba, RgbaVec, Size};

native_exports! {
    /// Grayscale: R = G = B = round-half-up(0.299R + 0.587G + 0.114B), alpha kept; returns a new
    /// `Uint8ClampedArray` (usable in `new ImageData(result, w, h)`). Errors: `rgba` not of
    /// 4·w·h bytes, `w` or `h` zero (ValueError).
    #[name = "grayscale"]
    fn grayscale(rgba: Rgba, w: Size, h: Size) -> RgbaVec { image::grayscale(&rgba, w, h) }

    /// Separable Gaussian blur of all four channels with standard deviation `sigma` (radius
    /// ceil(3σ), edges clamped, rounded half up). Errors: `sigma` outside (0, 1000], sizes as
    /// `grayscale` (ValueError).
    #[name = "gaussianBlur"]
    fn gaussian_blur(rgba: Rgba, w: Size, h: Size, sigma: Finite) -> RgbaVec {
        image::gaussian_blur(&rgba, w, h, sigma)
    }

    /// Sobel edge magnitude of the luma (3×3, edges clamped), rounded and capped at 255 in
    /// R = G = B, alpha 255. Errors as `grayscale`.
    #[name = "sobel"]
    fn sobel(rgba: Rgba, w: Size, h: Size) -> RgbaVec { image::sobel(&rgba, w, h) }
}
