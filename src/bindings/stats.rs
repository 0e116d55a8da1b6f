//! JS exports of the statistics kernels.

use js_sys::{Float64Array, Object, Reflect, Uint32Array};
use wasm_bindgen::prelude::*;

use super::convert::{
    f64_vector, finite, js_error, number, optional_number, sized_by, whole_number, with_f64,
    JsResult,
};
use crate::error::KernelError;
use crate::kernels::stats;

/// Variance, `np.var(x, ddof=ddof)` (two-pass, pairwise sums); `n ≤ ddof` throws.
#[wasm_bindgen]
pub fn variance(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number | null")] ddof: JsValue,
) -> JsResult<f64> {
    let ddof = optional_number("variance", "ddof", &ddof).map_err(js_error)?;
    with_f64("variance", &x, |x| stats::variance(x, ddof.unwrap_or(0.0)))
}

/// Standard deviation, `np.std(x, ddof=ddof)`; `n ≤ ddof` throws.
#[wasm_bindgen]
pub fn std(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] x: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number | null")] ddof: JsValue,
) -> JsResult<f64> {
    let ddof = optional_number("std", "ddof", &ddof).map_err(js_error)?;
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
    #[wasm_bindgen(unchecked_param_type = "number")] q: JsValue,
) -> JsResult<f64> {
    let q = number("quantile", "q", &q).map_err(js_error)?;
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
    #[wasm_bindgen(unchecked_param_type = "number")] bins: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number | null")] lo: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number | null")] hi: JsValue,
) -> JsResult<JsValue> {
    const F: &str = "histogram";
    let bins = bin_count(&bins).map_err(js_error)?;
    let range = histogram_range(&lo, &hi).map_err(js_error)?;
    let x = f64_vector(F, "x", &x).map_err(js_error)?;
    if let (None, Some(v)) = (range, x.iter().find(|v| !v.is_finite())) {
        return Err(js_error(KernelError::value(
            F,
            format!("x must be finite when no range is given, got {v}"),
        )));
    }
    let (counts, edges) = stats::histogram(&x, bins, range)
        .map_err(|e| js_error(sized_by(e, format_args!("bins = {bins}"))))?;
    let result = Object::new();
    // Setting a fresh plain object's own data properties cannot fail.
    let _ = Reflect::set(&result, &"counts".into(), &Uint32Array::from(&counts[..]));
    let _ = Reflect::set(&result, &"edges".into(), &Float64Array::from(&edges[..]));
    Ok(result.into())
}

/// `histogram`'s `bins`: a positive count; one beyond the address space cannot be allocated.
fn bin_count(bins: &JsValue) -> Result<usize, KernelError> {
    let bins = whole_number("histogram", "bins", bins)?;
    usize::try_from(bins).map_err(|_| {
        KernelError::memory(
            "histogram",
            format!("bins = {bins} is beyond the wasm32 address space"),
        )
    })
}

/// `histogram`'s optional `[lo, hi]` range: both or neither, each finite.
fn histogram_range(lo: &JsValue, hi: &JsValue) -> Result<Option<(f64, f64)>, KernelError> {
    const F: &str = "histogram";
    match (
        lo.is_undefined() || lo.is_null(),
        hi.is_undefined() || hi.is_null(),
    ) {
        (true, true) => Ok(None),
        (false, false) => Ok(Some((finite(F, "lo", lo)?, finite(F, "hi", hi)?))),
        _ => Err(KernelError::value(F, "lo and hi must be given together")),
    }
}
