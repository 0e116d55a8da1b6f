//! JS exports of the dense linear-algebra kernels (row-major flat matrices).

use wasm_bindgen::prelude::*;

use super::convert::{f64_vector, js_error, size, sized_by, JsResult};
use crate::kernels::linalg;

/// Matrix product of `a` (m×k) and `b` (k×n), row-major, `np.matmul(a, b)`; mismatched sizes throw.
#[wasm_bindgen]
pub fn matmul(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] b: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] m: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] k: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
) -> JsResult<Vec<f64>> {
    const F: &str = "matmul";
    let m = size(F, "m", &m).map_err(js_error)?;
    let k = size(F, "k", &k).map_err(js_error)?;
    let n = size(F, "n", &n).map_err(js_error)?;
    let a = f64_vector(F, "a", &a).map_err(js_error)?;
    let b = f64_vector(F, "b", &b).map_err(js_error)?;
    linalg::matmul(&a, &b, m, k, n)
        .map_err(|e| js_error(sized_by(e, format_args!("m*n = {m}x{n}"))))
}

/// Transpose of the `rows`×`cols` matrix `a`, `a.T`.
#[wasm_bindgen]
pub fn transpose(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] rows: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] cols: JsValue,
) -> JsResult<Vec<f64>> {
    const F: &str = "transpose";
    let rows = size(F, "rows", &rows).map_err(js_error)?;
    let cols = size(F, "cols", &cols).map_err(js_error)?;
    let a = f64_vector(F, "a", &a).map_err(js_error)?;
    linalg::transpose(&a, rows, cols).map_err(js_error)
}

/// Solution `x` of `a·x = b` for the n×n matrix `a`, `np.linalg.solve(a, b)`; singular throws.
#[wasm_bindgen]
pub fn solve(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] b: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
) -> JsResult<Vec<f64>> {
    const F: &str = "solve";
    let n = size(F, "n", &n).map_err(js_error)?;
    let a = f64_vector(F, "a", &a).map_err(js_error)?;
    let b = f64_vector(F, "b", &b).map_err(js_error)?;
    linalg::solve(&a, &b, n).map_err(js_error)
}

/// Determinant of the n×n matrix `a`, `np.linalg.det(a)` (LU with partial pivoting).
#[wasm_bindgen]
pub fn det(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
) -> JsResult<f64> {
    let n = size("det", "n", &n).map_err(js_error)?;
    let a = f64_vector("det", "a", &a).map_err(js_error)?;
    linalg::det(&a, n).map_err(js_error)
}

/// Inverse of the n×n matrix `a`, `np.linalg.inv(a)`; singular throws.
#[wasm_bindgen]
pub fn inv(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
) -> JsResult<Vec<f64>> {
    let n = size("inv", "n", &n).map_err(js_error)?;
    let a = f64_vector("inv", "a", &a).map_err(js_error)?;
    linalg::inv(&a, n).map_err(js_error)
}
