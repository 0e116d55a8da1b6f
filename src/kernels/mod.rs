//! The compute kernels: plain Rust on slices, one module per family.
//!
//! Every function validates its input and returns a [`KernelResult`]; none panics on any input.

pub mod alloc;
pub mod fractal;
pub mod reduce;
pub mod sieve;

pub use crate::error::{KernelError, KernelResult};
