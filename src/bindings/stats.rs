//! JS exports of the statistics kernels.

use js_sys::{Float64Array, Object, Reflect, Uint32Array};
use wasm_bindgen::prelude::*;

use super::convert::{f64_vector, js_error, size, with_f64, JsResult};
use crate::error::KernelError;
use crate::kernels::stats;

/// Variance, `np.var(x, ddof=ddof)` (two-pass, pairwise sums); `n ≤ ddof` throws.
#[wasm_bindgen]
pub fn variance(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    ddof: Option<f64>,
) -> JsResult<f64> {
    with_f64("variance", &x, |x| stats::variance(x, ddof.unwrap_or(0.0)))
}

/// Standard deviation, `np.std(x, ddof=ddof)`; `n ≤ ddof` throws.
#[wasm_bindgen]
pub fn std(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    ddof: Option<f64>,
) -> JsResult<f64> {
    with_f64("std", &x, |x| stats::std(x, ddof.unwrap_or(0.0)))
}

/// Smallest element, `np.min(x)`; NaN if any element is NaN; empty throws.
#[wasm_bindgen]
pub fn min(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
) -> JsResult<f64> {
    with_f64("min", &x, stats::min)
}

/// Largest element, `np.max(x)`; NaN if any element is NaN; empty throws.
#[wasm_bindgen]
pub fn max(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
) -> JsResult<f64> {
    with_f64("max", &x, stats::max)
}

/// Index of the first smallest element, `np.argmin(x)` (the first NaN wins); empty throws.
#[wasm_bindgen]
pub fn argmin(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
) -> JsResult<f64> {
    with_f64("argmin", &x, |x| stats::argmin(x).map(|i| i as f64))
}

/// Index of the first largest element, `np.argmax(x)` (the first NaN wins); empty throws.
#[wasm_bindgen]
pub fn argmax(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
) -> JsResult<f64> {
    with_f64("argmax", &x, |x| stats::argmax(x).map(|i| i as f64))
}

/// Euclidean (L2) norm, `np.linalg.norm(x)`, without overflow or underflow in between.
#[wasm_bindgen]
pub fn norm(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
) -> JsResult<f64> {
    with_f64("norm", &x, |x| Ok(stats::norm(x)))
}

/// Median, `np.median(x)`; NaN if any element is NaN; empty throws.
#[wasm_bindgen]
pub fn median(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
) -> JsResult<f64> {
    with_f64("median", &x, stats::median)
}

/// The `q`-th quantile, `np.quantile(x, q)` with linear interpolation; q outside [0, 1] throws.
#[wasm_bindgen]
pub fn quantile(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    q: f64,
) -> JsResult<f64> {
    with_f64("quantile", &x, |x| stats::quantile(x, q))
}

/// Running sums, `np.cumsum(x)`.
#[wasm_bindgen]
pub fn cumsum(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
) -> JsResult<Vec<f64>> {
    with_f64("cumsum", &x, stats::cumsum)
}

/// Histogram with `bins` equal-width bins over [lo, hi] (default: the data's min and max),
/// `np.histogram(x, bins, range=(lo, hi))`. Returns `{counts: Uint32Array, edges: Float64Array}`.
#[wasm_bindgen(unchecked_return_type = "{ counts: Uint32Array; edges: Float64Array }")]
pub fn histogram(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    bins: f64,
    lo: Option<f64>,
    hi: Option<f64>,
) -> JsResult<JsValue> {
    const F: &str = "histogram";
    let range = match (lo, hi) {
        (Some(lo), Some(hi)) => Some((lo, hi)),
        (None, None) => None,
        _ => {
            return Err(js_error(KernelError::value(
                F,
                "lo and hi must be given together",
            )))
        }
    };
    let bins = size(F, "bins", bins).map_err(js_error)?;
    let x = f64_vector(F, "x", &x).map_err(js_error)?;
    let (counts, edges) = stats::histogram(&x, bins, range).map_err(js_error)?;
    let result = Object::new();
    // Setting a fresh plain object's own data properties cannot fail.
    let _ = Reflect::set(&result, &"counts".into(), &Uint32Array::from(&counts[..]));
    let _ = Reflect::set(&result, &"edges".into(), &Float64Array::from(&edges[..]));
    Ok(result.into())
}
