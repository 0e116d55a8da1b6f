//! Every kernel export, declared once per family with [`kernel_exports!`](crate::kernel_exports).
//!
//! Adding a kernel to the JS and Python API is one entry in the family's file here (see
//! CONTRIBUTING.md). The JS wrapper reads [`signatures`] to know how to convert each argument.

use fastwasm_kernels::{KernelError, KernelResult};
use wasm_bindgen::prelude::*;

use crate::error::BindResult;
use crate::params::Signature;

pub mod fractal;
pub mod image;
pub mod linalg;
pub mod reduce;
pub mod signal;
pub mod sorting;
pub mod stats;
pub mod text;

/// Every family's signatures.
const FAMILIES: &[&[Signature]] = &[
    reduce::SIGNATURES,
    stats::SIGNATURES,
    sorting::SIGNATURES,
    linalg::SIGNATURES,
    signal::SIGNATURES,
    image::SIGNATURES,
    fractal::SIGNATURES,
    text::SIGNATURES,
    crate::memory::SIGNATURES,
    #[cfg(feature = "trap-test")]
    crate::trap::SIGNATURES,
];

/// `__fwCheck(name, args)`: checks the arguments of kernel export `name` before the caller
/// stages its arrays, so that an input that will be refused never grows the memory. `args` are
/// the export's arguments with every array replaced by its length. Throws the error the export
/// would throw for these sizes and scalars; returns nothing when they pass.
#[wasm_bindgen(js_name = __fwCheck)]
pub fn check(name: &str, args: Box<[JsValue]>) -> BindResult<()> {
    for family in CHECKS {
        if let Some(result) = family(name, &args) {
            return Ok(result?);
        }
    }
    Err(KernelError::value("name", format!("{name:?} is not a kernel export")).into())
}

/// Every family's `check`.
type Check = fn(&str, &[JsValue]) -> Option<KernelResult<()>>;
const CHECKS: &[Check] = &[
    reduce::check,
    stats::check,
    sorting::check,
    linalg::check,
    signal::check,
    image::check,
    fractal::check,
    text::check,
    crate::memory::check,
    #[cfg(feature = "trap-test")]
    crate::trap::check,
];

/// `__fwSignatures()`: every kernel export's signature as JSON,
/// `{"name": {"params": [["arg", "kind"], …], "result": "kind"}, …}`, with the parameter and
/// result kinds of [`crate::params`]. The build embeds it in the JS wrapper.
#[wasm_bindgen(js_name = __fwSignatures)]
pub fn signatures() -> String {
    let entries: Vec<String> = FAMILIES
        .iter()
        .flat_map(|family| family.iter())
        .map(|s| {
            let params: Vec<String> = s
                .params
                .iter()
                .map(|(arg, kind)| format!("[\"{arg}\",\"{kind}\"]"))
                .collect();
            format!(
                "\"{}\":{{\"params\":[{}],\"result\":\"{}\"}}",
                s.name,
                params.join(","),
                s.result
            )
        })
        .collect();
    format!("{{{}}}", entries.join(","))
}
