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
