//! Shared pieces of the fuzz targets in `fuzz_targets/`: structured inputs built with
//! `arbitrary` ([`input`]), error checks, and the naive reference implementations the kernels
//! are checked against ([`naive`], the `fastwasm-naive` crate).

pub mod input;
pub use fastwasm_naive as naive;

use fastwasm_kernels::{ErrorKind, KernelError, KernelResult};

/// Most output elements a target lets a kernel produce. Larger requests that the kernel would
/// honour (an `m`×`n` matmul with `k = 0`, a histogram with many bins) are not made, so that
/// memory stays bounded under libFuzzer's `-malloc_limit_mb`.
pub const MAX_OUTPUT: usize = 1 << 20;

/// Whether a vector of `len` items of `T` is too large for any allocator: its size in bytes
/// exceeds `isize::MAX`, so `try_reserve` must fail before asking for memory.
pub fn unallocatable<T>(len: usize) -> bool {
    len.checked_mul(std::mem::size_of::<T>())
        .is_none_or(|bytes| bytes > isize::MAX as usize)
}

/// Unwraps an error and checks what the bindings rely on: its kind, the argument it names (one
/// of `arguments`), a non-empty detail, and the message `"{argument} {detail}"`. Returns it.
pub fn expect_err<T>(result: KernelResult<T>, kind: ErrorKind, arguments: &[&str]) -> KernelError {
    let Err(err) = result else {
        panic!("accepted an input it must refuse (expected a {kind:?} error about {arguments:?})");
    };
    assert_eq!(err.kind, kind, "wrong kind: {err:?}");
    assert!(
        arguments.contains(&err.argument),
        "names {:?}, expected one of {arguments:?}: {err:?}",
        err.argument
    );
    assert!(!err.detail.is_empty(), "no detail: {err:?}");
    assert_eq!(err.to_string(), format!("{} {}", err.argument, err.detail));
    err
}

/// Asserts `got == want`, reporting the lengths and the first difference rather than both lists.
pub fn assert_same_list<T: PartialEq + std::fmt::Debug>(got: &[T], want: &[T], what: &str) {
    if let Some(i) = (0..got.len().max(want.len())).find(|&i| got.get(i) != want.get(i)) {
        panic!(
            "{what}: lengths {} and {} (expected), first difference at [{i}]: {:?} vs {:?} (expected)",
            got.len(),
            want.len(),
            got.get(i),
            want.get(i)
        );
    }
}

/// Whether `a` and `b` are the same float: equal bits, or both NaN (payloads may differ).
pub fn same_float(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}
