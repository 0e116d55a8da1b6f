//! Low-level scratch memory for callers that write their input straight into wasm memory.
//!
//! The Python package uses this to move a Python buffer into wasm with exactly one copy: it asks
//! for a scratch region, fills a typed-array view on it with `assign`, and passes that view to an
//! export, which reads it in place.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::convert::{js_error, size, JsResult};
use crate::error::KernelError;

/// Number of independent scratch regions (one per array argument of the widest export).
const SLOTS: usize = 4;

thread_local! {
    static SCRATCH: RefCell<[Vec<u64>; SLOTS]> = RefCell::new(Default::default());
}

/// Address (byte offset into `memory`) of scratch region `slot` (0–3), grown to at least
/// `byteLength` bytes and 8-byte aligned. The region stays valid until the next `scratch` call for
/// the same slot; its contents are undefined. Low-level: for bindings such as the Python package.
#[wasm_bindgen(js_name = scratch)]
pub fn scratch(
    #[wasm_bindgen(unchecked_param_type = "number")] slot: JsValue,
    #[wasm_bindgen(js_name = byteLength, unchecked_param_type = "number")] byte_length: JsValue,
) -> JsResult<u32> {
    scratch_region(&slot, &byte_length).map_err(js_error)
}

fn scratch_region(slot: &JsValue, byte_length: &JsValue) -> Result<u32, KernelError> {
    let slot = size("scratch", "slot", slot)?;
    let bytes = size("scratch", "byteLength", byte_length)?;
    if slot >= SLOTS {
        return Err(KernelError::value(
            "scratch",
            format!("slot must be below {SLOTS}, got {slot}"),
        ));
    }
    let words = bytes.div_ceil(8).max(1);
    SCRATCH.with(|cell| {
        let mut regions = cell.borrow_mut();
        let region = &mut regions[slot];
        if region.len() < words {
            region.clear();
            region.try_reserve_exact(words).map_err(|_| {
                KernelError::memory(
                    "scratch",
                    format!("cannot allocate byteLength = {bytes} bytes"),
                )
            })?;
            region.resize(words, 0);
        }
        Ok(region.as_mut_ptr() as usize as u32)
    })
}

/// This module's linear memory (a `WebAssembly.Memory`), for building views on scratch regions.
/// Views detach when the memory grows (make them again; the contents stay), and after a trap the
/// JS wrapper re-instantiates the module with a new memory: call this again.
#[wasm_bindgen(js_name = wasmMemory, unchecked_return_type = "WebAssembly.Memory")]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}
