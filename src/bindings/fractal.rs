//! JS export of the Mandelbrot kernel.

use wasm_bindgen::prelude::*;

use super::convert::{finite, js_error, size, sized_by, JsResult};
use crate::error::KernelError;
use crate::kernels::fractal::{self, MandelbrotView};

/// Escape-time counts of the Mandelbrot set on a `w`×`h` grid of pixel centres over
/// [xMin, xMax]×[yMin, yMax], row-major; `maxIter` caps the count. No numpy equivalent.
#[wasm_bindgen]
pub fn mandelbrot(
    #[wasm_bindgen(unchecked_param_type = "number")] w: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] h: JsValue,
    #[wasm_bindgen(js_name = xMin, unchecked_param_type = "number")] x_min: JsValue,
    #[wasm_bindgen(js_name = xMax, unchecked_param_type = "number")] x_max: JsValue,
    #[wasm_bindgen(js_name = yMin, unchecked_param_type = "number")] y_min: JsValue,
    #[wasm_bindgen(js_name = yMax, unchecked_param_type = "number")] y_max: JsValue,
    #[wasm_bindgen(js_name = maxIter, unchecked_param_type = "number")] max_iter: JsValue,
) -> JsResult<Vec<u32>> {
    view(&[&w, &h, &x_min, &x_max, &y_min, &y_max, &max_iter])
        .and_then(|v| {
            fractal::mandelbrot(&v)
                .map_err(|e| sized_by(e, format_args!("w*h = {}x{}", v.width, v.height)))
        })
        .map_err(js_error)
}

/// The validated view from the JS arguments `[w, h, xMin, xMax, yMin, yMax, maxIter]`.
fn view(args: &[&JsValue; 7]) -> Result<MandelbrotView, KernelError> {
    const F: &str = "mandelbrot";
    let [w, h, x_min, x_max, y_min, y_max, max_iter] = *args;
    // Fields are evaluated in order, so the first bad argument is the one reported.
    Ok(MandelbrotView {
        width: size(F, "w", w)?,
        height: size(F, "h", h)?,
        x_min: finite(F, "xMin", x_min)?,
        x_max: finite(F, "xMax", x_max)?,
        y_min: finite(F, "yMin", y_min)?,
        y_max: finite(F, "yMax", y_max)?,
        max_iter: {
            let max_iter = size(F, "maxIter", max_iter)?;
            u32::try_from(max_iter).map_err(|_| {
                KernelError::value(F, format!("maxIter must be below 2^32, got {max_iter}"))
            })?
        },
    })
}
