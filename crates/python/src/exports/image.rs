//! Image kernels on RGBA bytes (the layout of `ImageData.data`): grayscale, gaussianBlur, sobel.

use fastwasm_kernels::{image, KernelError, KernelResult};

use crate::params::{native_exports, Finite, Rgba, RgbaVec, Size};

/// The wasm build's limit on an image: `4*w*h` bytes must fit in wasm32's address space
/// (`usize` is 32 bits there). Natively the same limit holds, as `args::size` keeps every size
/// below 2³², so that an image too large for the wasm build gets the kernel's wasm32 error here
/// too instead of a length mismatch. `w` or `h` zero passes: the kernel refuses it first.
///
/// Errors: `w and h are too large: 4*w*h overflows, got {w}x{h}` (ValueError), as
/// `image::check_image` on wasm32.
fn within_wasm32(w: usize, h: usize) -> KernelResult<()> {
    let len = (w as u64)
        .checked_mul(h as u64)
        .and_then(|p| p.checked_mul(4));
    match len {
        Some(len) if len <= u64::from(u32::MAX) => Ok(()),
        _ => Err(KernelError::value(
            "w",
            format!("and h are too large: 4*w*h overflows, got {w}x{h}"),
        )),
    }
}

native_exports! {
    /// Grayscale: R = G = B = round-half-up(0.299R + 0.587G + 0.114B), alpha kept; returns a new
    /// `Uint8ClampedArray` (usable in `new ImageData(result, w, h)`). Errors: `w` or `h` zero,
    /// 4·w·h of 2³² bytes or more, `rgba` not of 4·w·h bytes (ValueError).
    #[name = "grayscale"]
    fn grayscale(rgba: Rgba, w: Size, h: Size) -> RgbaVec {
        within_wasm32(w, h)?;
        image::grayscale(&rgba, w, h)
    }

    /// Separable Gaussian blur of all four channels with standard deviation `sigma` (radius
    /// ceil(3σ), edges clamped, rounded half up). Errors: `sigma` outside (0, 1000], sizes as
    /// `grayscale` (ValueError).
    #[name = "gaussianBlur"]
    fn gaussian_blur(rgba: Rgba, w: Size, h: Size, sigma: Finite) -> RgbaVec {
        within_wasm32(w, h)?;
        image::gaussian_blur(&rgba, w, h, sigma)
    }

    /// Sobel edge magnitude of the luma (3×3, edges clamped), rounded and capped at 255 in
    /// R = G = B, alpha 255. Errors as `grayscale`.
    #[name = "sobel"]
    fn sobel(rgba: Rgba, w: Size, h: Size) -> RgbaVec {
        within_wasm32(w, h)?;
        image::sobel(&rgba, w, h)
    }
}
