//! JS export of the prime sieve.

use wasm_bindgen::prelude::*;

use super::convert::{js_error, whole_number, JsResult};
use crate::kernels::sieve;

/// All primes `≤ n` in ascending order (sieve of Eratosthenes); `n` above 10⁹ throws.
#[wasm_bindgen]
pub fn primes(#[wasm_bindgen(unchecked_param_type = "number")] n: JsValue) -> JsResult<Vec<u32>> {
    let n = whole_number("primes", "n", &n).map_err(js_error)?;
    sieve::primes(n).map_err(js_error)
}
