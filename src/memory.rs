//! Low-level access to wasm memory: `wasmMemory()` and the `scratch()` regions.
//!
//! The safe way to keep data in wasm memory across calls is a resident array (`array()` in the JS
//! wrapper, `fastwasm.array()` in Python). `scratch` remains for callers that manage raw views
//! themselves; a view on a scratch region passed to a kernel is copied like any other typed array.

use std::cell::RefCell;

use fastwasm_kernels::KernelError;
use wasm_bindgen::prelude::*;

use crate::params::{Address, Size};

/// Number of independent scratch regions.
const SLOTS: usize = 4;

thread_local! {
    static SCRATCH: RefCell<[Vec<u64>; SLOTS]> = RefCell::new(Default::default());
}

kernel_exports! {
    /// Address (byte offset into `wasmMemory()`) of scratch region `slot` (0–3), grown to at least
    /// `byteLength` bytes and 8-byte aligned. The region stays valid until the next `scratch`
    /// call for the same slot; its contents are undefined. Errors: `slot` above 3 (RangeError);
    /// no memory for `byteLength` bytes (MemoryError).
    #[js_name = "scratch"]
    fn scratch(slot: Size, byte_length: Size) -> Address {
        if slot >= SLOTS {
            return Err(KernelError::value("slot", format!("must be below {SLOTS}, got {slot}")));
        }
        let words = byte_length.div_ceil(8).max(1);
        SCRATCH.with(|cell| {
            let mut regions = cell.borrow_mut();
            let region = &mut regions[slot];
            if region.len() < words {
                region.clear();
                region.try_reserve_exact(words).map_err(|_| {
                    KernelError::memory(
                        "byte_length",
                        format!("is too large: out of memory (cannot allocate {byte_length} bytes)"),
                    )
                })?;
                region.resize(words, 0);
            }
            Ok(region.as_mut_ptr() as usize as u32)
        })
    }
}

/// This module's linear memory (a `WebAssembly.Memory`), for building views on resident arrays
/// and scratch regions. Views detach when the memory grows (make them again; the contents stay),
/// and after a trap the JS wrapper re-instantiates the module with a new memory: call this again.
#[wasm_bindgen(js_name = wasmMemory, unchecked_return_type = "WebAssembly.Memory")]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}
