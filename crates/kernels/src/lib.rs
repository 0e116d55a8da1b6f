//! fastwasm's compute kernels: plain Rust on slices, one module per family.
//!
//! The kernels know nothing of JavaScript or Python: no wasm-bindgen, no js-sys. They take
//! slices and numbers and return vectors and numbers; the binding layers (the `fastwasm` crate
//! for JS, the Python package on top of it) convert their arguments and results. Each public
//! function's documentation states what it computes, its numpy equivalent (where numpy has one)
//! and its errors.
//!
//! # Errors
//!
//! Every function validates its input and returns a [`KernelResult`]; none panics on any input.
//! A [`KernelError`] carries an [`ErrorKind`] (type, value or memory, which each language maps
//! to its own exception class), the argument it concerns in the kernel's snake_case spelling,
//! and a detail, and displays as `"{argument} {detail}"`, e.g. `x must not be empty`. It names
//! no function: each binding layer prefixes the name its callers know. The shared checks are in
//! [`check`].
//!
//! # Fallible allocation
//!
//! Running out of memory (in wasm: failing to grow the linear memory) is an error of kind
//! [`ErrorKind::Memory`], never an abort: every buffer whose size depends on the input is
//! reserved through [`alloc`], and memory that libraries allocate infallibly is probed first.
//!
//! # Threads
//!
//! With the Cargo feature `threads`, `matmul`, `mandelbrot`, `sort` (also `unique`) and
//! `gaussian_blur` split large inputs across rayon's thread pool (in wasm, Web Workers sharing
//! the module's memory), with results bit-identical to the serial ones. Without it the crate
//! has no dependency on rayon.
#![warn(missing_docs)]

pub mod alloc;
pub mod args;
pub mod check;
pub mod elements;
mod error;
pub mod exports;
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

/// Threads the kernels split their work over: the size of rayon's pool with the feature
/// `threads` (in the threaded wasm build, the Web Workers started by `initThreadPool`), else 1.
/// No numpy equivalent (numpy's own threads are its BLAS's); never fails.
pub fn thread_count() -> usize {
    #[cfg(feature = "threads")]
    return rayon::current_num_threads();
    #[cfg(not(feature = "threads"))]
    1
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod test_util;

pub use error::{ErrorKind, KernelError, KernelResult};
