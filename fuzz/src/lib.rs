//! Shared pieces of the fuzz targets in `fuzz_targets/`: structured inputs built with
//! `arbitrary` ([`input`]) and naive reference implementations the kernels are checked
//! against ([`naive`]).

pub mod input;
#[path = "../../src/naive.rs"]
pub mod naive;

use fastwasm::kernels::KernelResult;

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

/// Unwraps an error and checks that its message names the JS function, as the bindings expect.
pub fn expect_err<T>(result: KernelResult<T>, func: &str) -> String {
    let Err(err) = result else {
        panic!("{func} accepted an input it must refuse");
    };
    let msg = err.message().to_string();
    assert!(
        msg.starts_with(&format!("{func}: ")),
        "error message does not start with {func:?}: {msg:?}"
    );
    msg
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
