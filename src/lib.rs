//! fastwasm: fast compute kernels compiled once to WebAssembly and callable from both
//! JavaScript and Python running in Pyodide.
//!
//! The crate has two layers:
//! - [`kernels`]: plain Rust on slices, one module per family, no wasm-bindgen. These are what
//!   native `cargo test` covers.
//! - [`bindings`]: the single place that talks to JavaScript. It validates JS arguments, converts
//!   them to slices, calls a kernel and turns a [`KernelError`] into a JS `Error`.

#![warn(missing_docs)]

pub mod error;
pub mod kernels;

pub mod bindings;

/// Naive references the unit tests check the kernels against (also used by `tests/properties.rs`
/// and the fuzz targets).
#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(dead_code)]
mod naive;

pub use error::KernelError;
