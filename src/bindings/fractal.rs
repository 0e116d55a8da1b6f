//! JS export of the Mandelbrot kernel.

use wasm_bindgen::prelude::*;

use super::convert::{finite, js_error, size, JsResult};
use crate::error::KernelError;
use crate::kernels::fractal::{self, MandelbrotView};

/// Escape-time counts of the Mandelbrot set on a `w`×`h` grid of pixel centres over
/// [xMin, xMax]×[yMin, yMax], row-major; `maxIter` caps the count. No numpy equivalent.
#[wasm_bindgen]
pub fn mandelbrot(
    w: f64,
    h: f64,
    #[wasm_bindgen(js_name = xMin)] x_min: f64,
    #[wasm_bindgen(js_name = xMax)] x_max: f64,
    #[wasm_bindgen(js_name = yMin)] y_min: f64,
    #[wasm_bindgen(js_name = yMax)] y_max: f64,
    #[wasm_bindgen(js_name = maxIter)] max_iter: f64,
) -> JsResult<Vec<u32>> {
    view(w, h, x_min, x_max, y_min, y_max, max_iter)
        .and_then(|v| fractal::mandelbrot(&v))
        .map_err(js_error)
}

fn view(
    w: f64,
    h: f64,
    x_min: f64,
    x_max: f64,
    y_min: f64,
    y_max: f64,
    max_iter: f64,
) -> Result<MandelbrotView, KernelError> {
    const F: &str = "mandelbrot";
    let max_iter = size(F, "maxIter", max_iter)?;
    Ok(MandelbrotView {
        width: size(F, "w", w)?,
        height: size(F, "h", h)?,
        x_min: finite(F, "xMin", x_min)?,
        x_max: finite(F, "xMax", x_max)?,
        y_min: finite(F, "yMin", y_min)?,
        y_max: finite(F, "yMax", y_max)?,
        max_iter: u32::try_from(max_iter).map_err(|_| {
            KernelError::value(F, format!("maxIter must be below 2^32, got {max_iter}"))
        })?,
    })
}
