//! The compute kernels: plain Rust on slices, one module per family.
//!
//! Every function validates its input and returns a [`KernelResult`]; none panics on any input.
//!
//! With the Cargo feature `threads`, `matmul`, `mandelbrot`, `sort` (also `unique`) and
//! `gaussian_blur` split large inputs across rayon's thread pool, with bit-identical results.

pub mod alloc;
pub mod fractal;
pub mod image;
pub mod linalg;
#[cfg(feature = "threads")]
mod par;
pub mod reduce;
pub mod sieve;
pub mod signal;
pub mod sorting;
pub mod stats;
pub mod text;

pub use crate::error::{KernelError, KernelResult};
