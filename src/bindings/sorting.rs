//! JS exports of the sorting kernels.

use wasm_bindgen::prelude::*;

use super::convert::{with_f64, JsResult};
use crate::kernels::sorting;

/// Sorted copy, `np.sort(x)` (NaN last).
#[wasm_bindgen]
pub fn sort(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
) -> JsResult<Vec<f64>> {
    with_f64("sort", &x, sorting::sort)
}

/// Indices that sort `x`, `np.argsort(x, kind="stable")` (NaN last).
#[wasm_bindgen]
pub fn argsort(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
) -> JsResult<Vec<u32>> {
    with_f64("argsort", &x, sorting::argsort)
}

/// Sorted distinct values, `np.unique(x)` (all NaNs collapse to one, last).
#[wasm_bindgen]
pub fn unique(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
) -> JsResult<Vec<f64>> {
    with_f64("unique", &x, sorting::unique)
}
