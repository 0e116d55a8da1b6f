//! The error type shared by every kernel and the binding layers.
//!
//! An error names the argument it concerns and says what is wrong with it, without the name of
//! the function: each binding layer prefixes its own (the JS export's, the Python function's)
//! and maps the [`ErrorKind`] to its own exception class.

use std::fmt;

/// What kind of failure; each language maps it to its own exception class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// wrong type (JS TypeError, Python TypeError)
    Type,
    /// bad value, length or shape (JS RangeError, Python ValueError)
    Value,
    /// an allocation failed (JS Error named "MemoryError", Python MemoryError)
    Memory,
}

impl ErrorKind {
    /// The kind as a lowercase word: `"type"`, `"value"` or `"memory"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Type => "type",
            ErrorKind::Value => "value",
            ErrorKind::Memory => "memory",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a kernel refused a call: the kind, the argument concerned and what is wrong with it.
///
/// Displayed as `"{argument} {detail}"`, e.g. `x must not be empty` or
/// `q must be in [0, 1], got 1.5`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KernelError {
    /// What kind of failure.
    pub kind: ErrorKind,
    /// The argument the error concerns, in the kernel's snake_case spelling ("x", "max_iter").
    pub argument: &'static str,
    /// What is wrong, without the function's or the argument's name: "must not be empty".
    pub detail: String,
}

impl KernelError {
    fn new(kind: ErrorKind, argument: &'static str, detail: impl Into<String>) -> Self {
        KernelError {
            kind,
            argument,
            detail: detail.into(),
        }
    }

    /// A bad value, length or shape of `argument` ([`ErrorKind::Value`]).
    pub fn value(argument: &'static str, detail: impl Into<String>) -> Self {
        Self::new(ErrorKind::Value, argument, detail)
    }

    /// An `argument` of the wrong type ([`ErrorKind::Type`]).
    pub fn type_error(argument: &'static str, detail: impl Into<String>) -> Self {
        Self::new(ErrorKind::Type, argument, detail)
    }

    /// An allocation forced by the size of `argument` failed ([`ErrorKind::Memory`]).
    pub fn memory(argument: &'static str, detail: impl Into<String>) -> Self {
        Self::new(ErrorKind::Memory, argument, detail)
    }

    /// A [`memory`](Self::memory) error for `items` values of `item_size` bytes:
    /// `{argument} is too large: out of memory (cannot allocate {items} items of {item_size} bytes)`.
    pub fn out_of_memory(argument: &'static str, items: usize, item_size: usize) -> Self {
        Self::memory(
            argument,
            format!(
                "is too large: out of memory (cannot allocate {items} items of {item_size} bytes)"
            ),
        )
    }
}

impl fmt::Display for KernelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.argument, self.detail)
    }
}

impl std::error::Error for KernelError {}

/// Result of a kernel.
pub type KernelResult<T> = Result<T, KernelError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructors_set_kind_argument_and_detail() {
        let e = KernelError::value("x", "must not be empty");
        assert_eq!(e.kind, ErrorKind::Value);
        assert_eq!(e.argument, "x");
        assert_eq!(e.detail, "must not be empty");
        assert_eq!(e.to_string(), "x must not be empty");
        assert_eq!(
            KernelError::type_error("mode", "must be a string").kind,
            ErrorKind::Type
        );
        assert_eq!(
            KernelError::memory("bins", "is too large").kind,
            ErrorKind::Memory
        );
    }

    #[test]
    fn out_of_memory_names_the_argument_and_the_request() {
        let e = KernelError::out_of_memory("bins", 5, 8);
        assert_eq!(e.kind, ErrorKind::Memory);
        assert_eq!(e.argument, "bins");
        assert_eq!(
            e.to_string(),
            "bins is too large: out of memory (cannot allocate 5 items of 8 bytes)"
        );
    }

    #[test]
    fn kinds_have_lowercase_names() {
        assert_eq!(ErrorKind::Type.as_str(), "type");
        assert_eq!(ErrorKind::Value.as_str(), "value");
        assert_eq!(ErrorKind::Memory.as_str(), "memory");
        assert_eq!(ErrorKind::Memory.to_string(), "memory");
    }
}
