//! The error type shared by every kernel and the binding layer.

use std::fmt;

/// Why a call was refused. The message always starts with the function name and names the
/// offending argument, e.g. `quantile: q must be in [0, 1], got 1.5`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KernelError {
    /// A value, length or shape outside the function's domain (Python `ValueError`).
    Value(String),
    /// An argument of the wrong type (Python `TypeError`).
    Type(String),
    /// The result would not fit in memory (Python `MemoryError`).
    Memory(String),
}

impl KernelError {
    /// A bad value: `"{func}: {detail}"`.
    pub fn value(func: &str, detail: impl fmt::Display) -> Self {
        KernelError::Value(format!("{func}: {detail}"))
    }

    /// A wrong type: `"{func}: {detail}"`.
    pub fn type_error(func: &str, detail: impl fmt::Display) -> Self {
        KernelError::Type(format!("{func}: {detail}"))
    }

    /// An allocation that failed: `"{func}: out of memory: {detail}"`.
    pub fn memory(func: &str, detail: impl fmt::Display) -> Self {
        KernelError::Memory(format!("{func}: out of memory: {detail}"))
    }

    /// The full message, without the kind.
    pub fn message(&self) -> &str {
        match self {
            KernelError::Value(m) | KernelError::Type(m) | KernelError::Memory(m) => m,
        }
    }
}

impl fmt::Display for KernelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for KernelError {}

/// Result of a kernel.
pub type KernelResult<T> = Result<T, KernelError>;
