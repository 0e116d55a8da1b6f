//! The JavaScript binding layer, the only code that uses wasm-bindgen.
//!
//! Each export validates and converts its JS arguments ([`convert`]), calls a plain-Rust kernel
//! and turns a [`crate::KernelError`] into a JS `Error` whose message names the function and the
//! argument. Nothing here panics on bad input, so the instance keeps working after any error.

pub mod convert;
pub mod fractal;
pub mod image;
pub mod linalg;
pub mod memory;
pub mod reduce;
pub mod sieve;
pub mod signal;
pub mod sorting;
pub mod stats;
pub mod text;

/// Test-only `forceTrap()` (Cargo feature `trap-test`, never in pkg/ or the wheel).
#[cfg(feature = "trap-test")]
pub mod trap;

/// `initThreadPool(n)`: starts `n` Web Workers as the thread pool of the multi-threaded build
/// (`pkg-mt/`, Cargo feature `threads`). Await it once, after `init()` and before any other call.
#[cfg(all(feature = "threads", target_arch = "wasm32"))]
pub use wasm_bindgen_rayon::init_thread_pool;
