//! fastwasm's WebAssembly binding layer: the only code that knows JavaScript.
//!
//! The kernels live in the `fastwasm-kernels` crate (plain Rust on slices, typed errors). This
//! crate exports them to JavaScript with wasm-bindgen under one contract:
//!
//! - **Arrays live in regions of wasm memory that this crate owns** ([`regions`]). Callers stage
//!   array arguments into staging regions, or pass resident regions they keep across calls, and an
//!   export receives region ids. No export reads a caller's JS object: the JS wrapper
//!   (`js/fastwasm.js`) and the Python package convert and validate every value before wasm runs,
//!   so no user code runs while a wasm frame is on the stack.
//! - **Array results are regions too**, which the caller copies out and frees, or keeps resident.
//! - **Errors cross as kinds.** A [`fastwasm_kernels::KernelError`] becomes a JS error whose class
//!   follows its kind and whose own properties `kind`, `argument` and `detail` say what went wrong
//!   ([`error`]). It carries no function name: each language prefixes its own.
//! - **Every export is declared once** in [`exports`] with the [`kernel_exports!`] macro, which
//!   also records its signature for the JS wrapper.

#![warn(missing_docs)]

pub mod error;
#[macro_use]
pub mod params;
pub mod exports;
pub mod memory;
pub mod regions;

/// Test-only `forceTrap()` (Cargo feature `trap-test`, never in pkg/ or the wheel).
#[cfg(feature = "trap-test")]
pub mod trap;

/// `initThreadPool(n)`: starts `n` Web Workers as the thread pool of the multi-threaded build
/// (`pkg-mt/`, Cargo feature `threads`). Await it once, after `init()` and before any other call.
#[cfg(all(feature = "threads", target_arch = "wasm32"))]
pub use wasm_bindgen_rayon::init_thread_pool;
