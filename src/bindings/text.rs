//! JS exports of the text kernels.

use wasm_bindgen::prelude::*;

use super::convert::{js_error, string, whole_number, JsResult};
use crate::error::KernelError;
use crate::kernels::text;

/// Edit distance between two strings over Unicode scalar values (insert, delete, substitute).
#[wasm_bindgen]
pub fn levenshtein(
    #[wasm_bindgen(unchecked_param_type = "string")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] b: JsValue,
) -> JsResult<f64> {
    let a = string("levenshtein", "a", &a).map_err(js_error)?;
    let b = string("levenshtein", "b", &b).map_err(js_error)?;
    text::levenshtein(&a, &b)
        .map(|d| d as f64)
        .map_err(js_error)
}

/// The `k` most frequent words (maximal runs of alphanumeric characters, lowercased) as
/// `[[word, count], …]`, by count descending then word ascending.
#[wasm_bindgen(js_name = wordCounts, unchecked_return_type = "[string, number][]")]
pub fn word_counts(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] k: JsValue,
) -> JsResult<JsValue> {
    const F: &str = "wordCounts";
    let text = string(F, "text", &text).map_err(js_error)?;
    // k only caps the result, so any k beyond the address space means "all words".
    let k = whole_number(F, "k", &k).map_err(js_error)?;
    let k = usize::try_from(k).unwrap_or(usize::MAX);
    let counts = text::word_counts(&text, k).map_err(js_error)?;
    serde_wasm_bindgen::to_value(&counts).map_err(|e| {
        js_error(KernelError::value(
            F,
            format!("cannot convert the result: {e}"),
        ))
    })
}
