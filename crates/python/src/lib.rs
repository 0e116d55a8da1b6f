//! `fastwasm._native`: the kernels of `fastwasm-kernels` as a CPython extension module, the
//! native backend of the `fastwasm` Python package.
//!
//! The Python package is one source with two backends: under Pyodide it calls the WebAssembly
//! instance, on CPython this module. Both speak the same protocol, so the package's argument
//! checks, result kinds and error messages are shared:
//! - every kernel is a function under its export name (`sum`, `gaussianBlur`, `__f32_matmul`, …)
//!   taking array arguments as 1-D buffers of the kernel's element type and scalars as numbers;
//! - array results are [`Region`]s, buffers owned by Rust that Python wraps without copying;
//! - a kernel's error is a [`error::KernelError`] exception with the attributes `kind`
//!   (`"type"`, `"value"` or `"memory"`), `argument` and `detail`, which the package re-raises as
//!   `TypeError`, `ValueError` or `MemoryError` named after the function.
//!
//! Arrays are read in place: a C-contiguous, aligned buffer of the kernel's element type is
//! borrowed for the call, anything else is copied once. The GIL is released while a kernel
//! runs, so Python threads calling fastwasm run in parallel; with the `threads` feature, the
//! threaded kernels also use rayon's pool.

mod error;
mod exports;
mod input;
mod params;
mod region;
mod sequence;

use pyo3::prelude::*;

/// `thread_count()`: threads the kernels split their work over (rayon's pool; 1 without the
/// feature `threads`).
#[pyfunction]
fn thread_count() -> usize {
    fastwasm_kernels::thread_count()
}

/// The module `fastwasm._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("KernelError", m.py().get_type::<error::KernelError>())?;
    m.add_class::<region::Region>()?;
    m.add("THREADS", cfg!(feature = "threads"))?;
    m.add_function(wrap_pyfunction!(sequence::f64_region, m)?)?;
    m.add_function(wrap_pyfunction!(thread_count, m)?)?;
    exports::register(m)
}
