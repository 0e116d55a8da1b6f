//! JS exports of the image kernels (RGBA bytes, the layout of `ImageData.data`).

use wasm_bindgen::prelude::*;
use wasm_bindgen::Clamped;

use super::convert::{finite, js_error, rgba_bytes, size, JsResult};
use crate::error::KernelError;
use crate::kernels::image;

fn run(
    func: &str,
    rgba: &JsValue,
    w: &JsValue,
    h: &JsValue,
    kernel: impl FnOnce(&[u8], usize, usize) -> Result<Vec<u8>, KernelError>,
) -> JsResult<Clamped<Vec<u8>>> {
    let w = size(func, "w", w).map_err(js_error)?;
    let h = size(func, "h", h).map_err(js_error)?;
    let rgba = rgba_bytes(func, "rgba", rgba).map_err(js_error)?;
    kernel(&rgba, w, h).map(Clamped).map_err(js_error)
}

/// Grayscale: R = G = B = round-half-up(0.299R + 0.587G + 0.114B), alpha kept. Returns a new
/// `Uint8ClampedArray` (usable in `new ImageData(result, w, h)`).
#[wasm_bindgen]
pub fn grayscale(
    #[wasm_bindgen(unchecked_param_type = "Uint8ClampedArray | Uint8Array")] rgba: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] w: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] h: JsValue,
) -> JsResult<Clamped<Vec<u8>>> {
    run("grayscale", &rgba, &w, &h, image::grayscale)
}

/// Separable Gaussian blur of all four channels with standard deviation `sigma` (radius
/// ceil(3σ), edges clamped, rounded half up); `sigma ≤ 0` throws.
#[wasm_bindgen(js_name = gaussianBlur)]
pub fn gaussian_blur(
    #[wasm_bindgen(unchecked_param_type = "Uint8ClampedArray | Uint8Array")] rgba: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] w: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] h: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] sigma: JsValue,
) -> JsResult<Clamped<Vec<u8>>> {
    let sigma = finite("gaussianBlur", "sigma", &sigma).map_err(js_error)?;
    run("gaussianBlur", &rgba, &w, &h, |px, w, h| {
        image::gaussian_blur(px, w, h, sigma)
    })
}

/// Sobel edge magnitude of the luma (3×3, edges clamped), rounded and clamped to 255 in
/// R = G = B, alpha 255.
#[wasm_bindgen]
pub fn sobel(
    #[wasm_bindgen(unchecked_param_type = "Uint8ClampedArray | Uint8Array")] rgba: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] w: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] h: JsValue,
) -> JsResult<Clamped<Vec<u8>>> {
    run("sobel", &rgba, &w, &h, image::sobel)
}
