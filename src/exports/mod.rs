//! Every kernel export, declared once per family with [`kernel_exports!`](crate::kernel_exports).
//!
//! Adding a kernel to the JS and Python API is one entry in the family's file here (see
//! CONTRIBUTING.md). The JS wrapper reads [`signatures`] to know how to convert each argument.

use fastwasm_kernels::KernelError;
use wasm_bindgen::prelude::*;

use crate::error::BindResult;
use crate::params::Family;

pub mod fractal;
pub mod image;
pub mod linalg;
pub mod reduce;
pub mod signal;
pub mod sorting;
pub mod stats;
pub mod text;

/// Every family of exports.
const FAMILIES: &[Family] = &[
    reduce::FAMILY,
    stats::FAMILY,
    sorting::FAMILY,
    linalg::FAMILY,
    signal::FAMILY,
    image::FAMILY,
    fractal::FAMILY,
    text::FAMILY,
    crate::memory::FAMILY,
    #[cfg(feature = "trap-test")]
    crate::trap::FAMILY,
];

/// `__fwCheck(name, args)`: checks the arguments of kernel export `name` before the caller
/// stages its arrays, so that an input that will be refused never grows the memory. `args` are
/// the export's arguments with every array replaced by its length. Throws the error the export
/// would throw for these sizes and scalars; returns nothing when they pass.
#[wasm_bindgen(js_name = __fwCheck)]
pub fn check(name: &str, args: Box<[JsValue]>) -> BindResult<()> {
    for family in FAMILIES {
        if let Some(result) = (family.check)(name, &args) {
            return Ok(result?);
        }
    }
    Err(KernelError::value("name", format!("{name:?} is not a kernel export")).into())
}

/// `__fwSignatures()`: every kernel export's signature as JSON,
/// `{"name": {"params": [["arg", "kind"], …], "result": "kind"}, …}`, with the parameter and
/// result kinds of [`crate::params`]. The build embeds it in the JS wrapper.
#[wasm_bindgen(js_name = __fwSignatures)]
pub fn signatures() -> String {
    let entries: Vec<String> = FAMILIES
        .iter()
        .flat_map(|family| family.signatures.iter())
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

#[cfg(test)]
mod tests {
    use super::FAMILIES;
    use crate::params::{Signature, FLOAT32_PREFIX};

    fn find(name: &str) -> Option<&'static Signature> {
        FAMILIES
            .iter()
            .flat_map(|family| family.signatures.iter())
            .find(|s| s.name == name)
    }

    /// A float32 variant has its kernel's arguments, with every float64 array kind in float32,
    /// and a float32 result, so the wrapper can call either with the same prepared arguments.
    #[test]
    fn float32_variants_mirror_their_kernels() {
        let variants: Vec<&Signature> = FAMILIES
            .iter()
            .flat_map(|family| family.signatures.iter())
            .filter(|s| s.name.starts_with(FLOAT32_PREFIX))
            .collect();
        let names: Vec<&str> = variants.iter().map(|s| s.name).collect();
        assert_eq!(
            names,
            ["__f32_matmul", "__f32_fft", "__f32_ifft", "__f32_convolve"]
        );
        for variant in variants {
            let kernel = find(&variant.name[FLOAT32_PREFIX.len()..]).expect("its kernel exists");
            assert_eq!(kernel.result, "f64s", "{}", kernel.name);
            assert_eq!(variant.result, "f32s", "{}", variant.name);
            let float32 = |kind: &'static str| match kind {
                "f64s" => "f32s",
                "f64s?" => "f32s?",
                other => other,
            };
            let expected: Vec<(&str, &str)> = kernel
                .params
                .iter()
                .map(|&(arg, kind)| (arg, float32(kind)))
                .collect();
            assert_eq!(variant.params, expected.as_slice(), "{}", variant.name);
        }
    }
}
