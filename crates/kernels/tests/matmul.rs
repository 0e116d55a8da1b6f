//! `matmul` and `matmul_f32` (a packed, register-tiled GEMM) against the textbook triple loop, on
//! shapes around every block edge of the implementation: tiles of 4 rows and 2 vectors of
//! columns (4 float64, 8 float32), blocks of 256 steps of `k`, 96 rows and 2048 columns.
//!
//!     cargo test -p fastwasm-kernels --test matmul
//!     cargo test -p fastwasm-kernels --features threads --test matmul   # the parallel path too
//!
//! Every element sums its `k` terms in order from zero, without fused multiply-add, so float64
//! results equal `fastwasm_naive::matmul` bit for bit, and float32 results equal the same loop
//! in float32, with or without threads.
#![cfg(not(target_arch = "wasm32"))]

use fastwasm_kernels::linalg::{matmul, matmul_f32};
use fastwasm_naive as naive;
use fastwasm_naive::lcg_values as values;
use proptest::prelude::*;

fn bits64(x: &[f64]) -> Vec<u64> {
    x.iter().map(|v| v.to_bits()).collect()
}

fn bits32(x: &[f32]) -> Vec<u32> {
    x.iter().map(|v| v.to_bits()).collect()
}

/// Checks both element types on one shape: float64 bit for bit against the naive loop, float32
/// bit for bit against the same loop in float32 and within float32 rounding of the float64 result.
fn check_shape(m: usize, k: usize, n: usize) {
    let a = values(m * k, (m * 31 + k) as u64);
    let b = values(k * n, (k * 17 + n) as u64);
    let want = naive::matmul(&a, &b, m, k, n);
    let got = matmul(&a, &b, m, k, n).unwrap();
    assert_eq!(bits64(&got), bits64(&want), "float64 {m}x{k}x{n}");

    let a32: Vec<f32> = a.iter().map(|&v| v as f32).collect();
    let b32: Vec<f32> = b.iter().map(|&v| v as f32).collect();
    let got32 = matmul_f32(&a32, &b32, m, k, n).unwrap();
    let want32 = naive::matmul(&a32, &b32, m, k, n);
    assert_eq!(bits32(&got32), bits32(&want32), "float32 {m}x{k}x{n}");
    // Against float64 of the same (rounded) inputs: k rounding errors of at most 2^-24 relative
    // each, on sums of terms bounded by 1 (|a|, |b| < 1).
    let exact = naive::matmul(
        &a32.iter().map(|&v| f64::from(v)).collect::<Vec<_>>(),
        &b32.iter().map(|&v| f64::from(v)).collect::<Vec<_>>(),
        m,
        k,
        n,
    );
    let tol = (k as f64 + 1.0) * f64::from(f32::EPSILON);
    for (idx, (&g, &w)) in got32.iter().zip(&exact).enumerate() {
        assert!(
            (f64::from(g) - w).abs() <= tol,
            "float32 {m}x{k}x{n} [{idx}]: {g} vs {w}"
        );
    }
}

#[test]
fn tiny_and_degenerate_shapes() {
    for (m, k, n) in [
        (1, 1, 1),
        (1, 5, 1),
        (1, 300, 1),
        (5, 1, 7),
        (300, 1, 300),
        (1, 300, 9),
        (9, 300, 1),
        (2, 3, 2),
    ] {
        check_shape(m, k, n);
    }
}

#[test]
fn primes_and_odd_sizes() {
    for (m, k, n) in [
        (7, 13, 5),
        (13, 7, 11),
        (31, 37, 41),
        (97, 101, 103),
        (3, 2, 17),
    ] {
        check_shape(m, k, n);
    }
}

#[test]
fn around_tile_edges() {
    // Rows around multiples of 4, columns around multiples of 4 (float64) and 8 (float32).
    for m in [3, 4, 5, 8, 9] {
        for n in [3, 4, 5, 7, 8, 9, 16, 17] {
            check_shape(m, 6, n);
        }
    }
}

#[test]
fn around_block_edges() {
    // k around the 256-step blocks (the tile restarts from `out`), rows around the 96-row
    // blocks, columns around the 2048-column blocks.
    for (m, k, n) in [
        (9, 255, 10),
        (9, 256, 10),
        (9, 257, 10),
        (5, 512, 3),
        (6, 769, 13),
        (95, 20, 9),
        (96, 20, 9),
        (97, 20, 9),
        (193, 300, 11),
        (3, 5, 2047),
        (3, 5, 2048),
        (3, 260, 2049),
    ] {
        check_shape(m, k, n);
    }
}

#[test]
fn large_uneven_product() {
    // Large enough for the threads build to split it.
    check_shape(300, 257, 301);
}

#[test]
fn zero_dimensions() {
    assert_eq!(matmul_f32(&[], &[], 3, 0, 2).unwrap(), vec![0.0f32; 6]);
    assert_eq!(
        matmul_f32(&[], &[1.0; 4], 0, 2, 2).unwrap(),
        Vec::<f32>::new()
    );
    assert_eq!(
        matmul_f32(&[1.0; 4], &[], 2, 2, 0).unwrap(),
        Vec::<f32>::new()
    );
}

#[test]
fn float32_errors_match_float64() {
    for (a_len, b_len, m, k, n) in [
        (5, 6, 2, 3, 2),
        (6, 7, 2, 3, 2),
        (0, 0, usize::MAX, 2, 0),
        (0, 0, 0, 3, usize::MAX),
        (0, 0, usize::MAX, 0, 2),
    ] {
        let e64 = matmul(&vec![1.0; a_len], &vec![1.0; b_len], m, k, n).unwrap_err();
        let e32 = matmul_f32(&vec![1.0; a_len], &vec![1.0; b_len], m, k, n).unwrap_err();
        assert_eq!(e32, e64);
    }
}

#[test]
fn float32_overflow_and_nan_propagate_like_the_loop() {
    // 3e38 · 2 overflows float32 to inf (float64 would not), and NaN stays NaN.
    let a = [3e38f32, 1.0, -3e38, f32::NAN];
    let b = [2.0f32, 1.0];
    let got = matmul_f32(&a, &b, 2, 2, 1).unwrap();
    assert_eq!(got[0], f32::INFINITY);
    assert_eq!(got[0], naive::matmul(&a, &b, 2, 2, 1)[0]);
    assert!(got[1].is_nan());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_shape_equals_the_triple_loop(m in 1usize..40, k in 1usize..300, n in 1usize..40) {
        check_shape(m, k, n);
    }
}
