//! JS exports of the signal-processing kernels.

use wasm_bindgen::prelude::*;

use super::convert::{f64_vector, js_error, size, string, JsResult};
use crate::error::KernelError;
use crate::kernels::signal::{self, ConvolveMode};

/// Discrete Fourier transform of `re + i·im` (`im` defaults to zeros), `np.fft.fft`, any length;
/// returns interleaved `[re0, im0, re1, im1, …]`.
#[wasm_bindgen]
pub fn fft(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] re: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[] | undefined")] im: JsValue,
) -> JsResult<Vec<f64>> {
    let re = f64_vector("fft", "re", &re).map_err(js_error)?;
    if re.is_empty() {
        return Err(js_error(KernelError::value("fft", "re must not be empty")));
    }
    let im = if im.is_undefined() || im.is_null() {
        None
    } else {
        Some(f64_vector("fft", "im", &im).map_err(js_error)?)
    };
    signal::fft(&re, im.as_deref()).map_err(js_error)
}

/// Inverse DFT of the interleaved `x = [re0, im0, …]`, `np.fft.ifft`; returns interleaved values.
#[wasm_bindgen]
pub fn ifft(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
) -> JsResult<Vec<f64>> {
    let x = f64_vector("ifft", "x", &x).map_err(js_error)?;
    signal::ifft(&x).map_err(js_error)
}

/// Discrete linear convolution, `np.convolve(a, v, mode)` with mode "full" (default), "same" or "valid".
#[wasm_bindgen]
pub fn convolve(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] v: JsValue,
    #[wasm_bindgen(unchecked_param_type = "\"full\" | \"same\" | \"valid\" | undefined")]
    mode: JsValue,
) -> JsResult<Vec<f64>> {
    const F: &str = "convolve";
    let mode = if mode.is_undefined() || mode.is_null() {
        ConvolveMode::Full
    } else {
        ConvolveMode::parse(&string(F, "mode", &mode).map_err(js_error)?).map_err(js_error)?
    };
    let a = f64_vector(F, "a", &a).map_err(js_error)?;
    let v = f64_vector(F, "v", &v).map_err(js_error)?;
    signal::convolve(&a, &v, mode).map_err(js_error)
}

/// Means of every window of `window` consecutive values,
/// `np.convolve(x, np.ones(window) / window, "valid")`; window outside [1, len(x)] throws.
#[wasm_bindgen(js_name = movingAverage)]
pub fn moving_average(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] window: JsValue,
) -> JsResult<Vec<f64>> {
    const F: &str = "movingAverage";
    let window = size(F, "window", &window).map_err(js_error)?;
    let x = f64_vector(F, "x", &x).map_err(js_error)?;
    signal::moving_average(&x, window).map_err(js_error)
}
