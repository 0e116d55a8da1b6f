//! Helpers shared by the kernels' unit tests.

use crate::{ErrorKind, KernelResult};

/// The message of an error.
pub fn msg<T: std::fmt::Debug>(r: KernelResult<T>) -> String {
    r.unwrap_err().to_string()
}

/// The kind and argument of an error.
pub fn blame<T: std::fmt::Debug>(r: KernelResult<T>) -> (ErrorKind, &'static str) {
    let e = r.unwrap_err();
    (e.kind, e.argument)
}
