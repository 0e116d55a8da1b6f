//! `matmul` with arbitrary dimensions (zero, tiny, powers of two, near `usize::MAX`) and input
//! lengths that match them or not: overflowing products and mismatched lengths are errors, the
//! rest equals the textbook triple loop bit for bit.
#![no_main]

use arbitrary::Arbitrary;
use fastwasm_fuzz::input::{Float, Size};
use fastwasm_fuzz::{expect_err, naive, same_float, unallocatable, MAX_OUTPUT};
use fastwasm_kernels::linalg::matmul;
use fastwasm_kernels::ErrorKind;
use libfuzzer_sys::fuzz_target;

/// Most elements of an input matrix.
const MAX_INPUT: usize = 4096;
/// Most multiply-adds checked against the triple loop.
const MAX_NAIVE_WORK: usize = 1 << 22;

/// The length of an input matrix: the one its dimensions require, or off by a little.
#[derive(Debug, Clone, Copy, Arbitrary)]
enum Len {
    Exact,
    Off(i8),
}

#[derive(Debug, Arbitrary)]
struct Input {
    m: Size,
    k: Size,
    n: Size,
    a_len: Len,
    b_len: Len,
    values: Vec<Float>,
}

/// A matrix of `len` (or `wanted` when that is within reach) values cycling through `values`.
fn matrix(wanted: Option<usize>, len: Len, values: &[Float], salt: usize) -> Vec<f64> {
    let len = match (wanted, len) {
        (Some(w), Len::Exact) => w,
        (Some(w), Len::Off(d)) => w.saturating_add_signed(isize::from(d)),
        (None, Len::Off(d)) => usize::from(d.unsigned_abs()),
        (None, Len::Exact) => 0,
    }
    .min(MAX_INPUT);
    if values.is_empty() {
        return vec![0.0; len];
    }
    (0..len)
        .map(|i| values[(i + salt) % values.len()].get())
        .collect()
}

fuzz_target!(|input: Input| {
    let (m, k, n) = (input.m.get(), input.k.get(), input.n.get());
    let (mk, kn, mn) = (m.checked_mul(k), k.checked_mul(n), m.checked_mul(n));
    let a = matrix(mk, input.a_len, &input.values, 0);
    let b = matrix(kn, input.b_len, &input.values, 7);
    let (Some(mk), Some(kn), Some(mn)) = (mk, kn, mn) else {
        // m*k is checked first, then k*n, then m*n.
        let blamed = if mk.is_none() { "m" } else { "n" };
        let e = expect_err(matmul(&a, &b, m, k, n), ErrorKind::Value, &[blamed]);
        assert!(e.detail.contains("are too large"), "{e}");
        return;
    };
    if a.len() != mk || b.len() != kn {
        let blamed = if a.len() != mk { "a" } else { "b" };
        let e = expect_err(matmul(&a, &b, m, k, n), ErrorKind::Value, &[blamed]);
        assert!(e.detail.starts_with("must have "), "{e}");
        return;
    }
    // Matching lengths but a large result (small k; any m·n with k = 0): not computed, except
    // that more bytes than `isize::MAX` must be a memory error before any allocation.
    if mn > MAX_OUTPUT {
        if unallocatable::<f64>(mn) {
            expect_err(matmul(&a, &b, m, k, n), ErrorKind::Memory, &["n"]);
        }
        return;
    }
    let got = matmul(&a, &b, m, k, n).expect("matmul failed");
    assert_eq!(got.len(), mn);
    if mn.saturating_mul(k) <= MAX_NAIVE_WORK {
        let want = naive::matmul(&a, &b, m, k, n);
        for (i, (&g, &w)) in got.iter().zip(&want).enumerate() {
            assert!(same_float(g, w), "out[{i}] = {g:e}, triple loop {w:e}");
        }
    }
});
