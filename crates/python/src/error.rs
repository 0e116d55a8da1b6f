//! Kernel errors as Python exceptions.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    _native,
    KernelError,
    PyException,
    "A kernel refused its arguments. Attributes: `kind` (\"type\", \"value\" or \"memory\"), \
     `argument` (the kernel's snake_case name) and `detail`; the message is \
     \"<argument> <detail>\". The fastwasm package re-raises it as TypeError, ValueError or \
     MemoryError with the function's name in front."
);

/// `err` as a [`KernelError`] exception carrying its kind, argument and detail.
pub fn to_py(py: Python<'_>, err: fastwasm_kernels::KernelError) -> PyErr {
    let exc = KernelError::new_err(err.to_string());
    let value = exc.value(py);
    // Attributes of a fresh exception instance (it has a __dict__): setting them cannot fail.
    let _ = value.setattr("kind", err.kind.as_str());
    let _ = value.setattr("argument", err.argument);
    let _ = value.setattr("detail", err.detail.as_str());
    exc
}
