//! JS exports of the reduction kernels.

use wasm_bindgen::prelude::*;

use super::convert::{f64_vector, js_error, JsResult};
use crate::kernels::reduce;

/// Sum of the elements (pairwise summation, same result as `np.sum(x)`); empty input gives 0.
#[wasm_bindgen]
pub fn sum(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
) -> JsResult<f64> {
    let x = f64_vector("sum", "x", &x).map_err(js_error)?;
    Ok(reduce::sum(&x))
}

/// Arithmetic mean, `np.mean(x)`; empty input throws.
#[wasm_bindgen]
pub fn mean(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
) -> JsResult<f64> {
    let x = f64_vector("mean", "x", &x).map_err(js_error)?;
    reduce::mean(&x).map_err(js_error)
}

/// Inner product of two equal-length vectors, `np.dot(a, b)` for 1-D input; a length mismatch throws.
#[wasm_bindgen]
pub fn dot(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] b: JsValue,
) -> JsResult<f64> {
    let a = f64_vector("dot", "a", &a).map_err(js_error)?;
    let b = f64_vector("dot", "b", &b).map_err(js_error)?;
    reduce::dot(&a, &b).map_err(js_error)
}
