//! Dense linear algebra on row-major float64 matrices: matmul, transpose, solve, det, inv; and
//! matmul of float32 matrices in float32.
//!
//! A matrix is a flat `&[f64]` (or `&[f32]`) in row-major order with its dimensions passed
//! explicitly.

use crate::alloc;
use crate::check;
use crate::error::{KernelError, KernelResult};
use gemm::Element;

mod gemm;

/// Tile edge of the blocked copy in `transpose`.
const TRANSPOSE_BLOCK: usize = 32;

/// `rows * cols`, or an error blaming `argument`:
/// `"{argument} {rest}, got {rows}x{cols}"`, `rest` saying which product overflows
/// (`"m and k are too large: m*k overflows, got 18446744073709551615x2"`).
fn product(argument: &'static str, rest: &str, rows: usize, cols: usize) -> KernelResult<usize> {
    rows.checked_mul(cols)
        .ok_or_else(|| KernelError::value(argument, format!("{rest}, got {rows}x{cols}")))
}

/// Checks that the argument `name`, of `actual` elements, holds `expected`:
/// `"{name} must have {what} = {expected} elements, got {actual}"`.
fn check_len(name: &'static str, what: &str, actual: usize, expected: usize) -> KernelResult<()> {
    if actual != expected {
        return Err(KernelError::value(
            name,
            format!("must have {what} = {expected} elements, got {actual}"),
        ));
    }
    Ok(())
}

/// Checks that every element of `x` (the argument `name`) is finite:
/// `"{name} must be finite, got NaN"` for the first that is not.
fn check_finite(name: &'static str, x: &[f64]) -> KernelResult<()> {
    for &v in x {
        check::finite(name, v)?;
    }
    Ok(())
}

/// The shape check of [`matmul`], on the lengths of `a` and `b` and the dimensions only, in this
/// order: `m*k`, `k*n` and `m*n` within `usize`, then the lengths of `a` and `b`.
///
/// Errors, all of kind value: `m and k are too large: m*k overflows, got …` (argument `m`),
/// `n and k are too large: k*n overflows, got …` and `n and m are too large: m*n overflows,
/// got …` (argument `n`); `a must have m*k (2x3) = 6 elements, got 5`, likewise `b … k*n`.
pub fn check_matmul(a_len: usize, b_len: usize, m: usize, k: usize, n: usize) -> KernelResult<()> {
    let mk = product("m", "and k are too large: m*k overflows", m, k)?;
    let kn = product("n", "and k are too large: k*n overflows", k, n)?;
    product("n", "and m are too large: m*n overflows", m, n)?;
    check_len("a", &format!("m*k ({m}x{k})"), a_len, mk)?;
    check_len("b", &format!("k*n ({k}x{n})"), b_len, kn)
}

/// Matrix product of `a` (`m`×`k`) and `b` (`k`×`n`), an `m`×`n` matrix: `np.matmul(a, b)`.
///
/// Zero dimensions are allowed (with `k = 0` the result is all zeros). Every element is summed
/// in order of increasing `k`, like the textbook triple loop, so the result equals the triple
/// loop's bit for bit, with or without threads; the product is a packed, register-tiled GEMM
/// (see the `gemm` module).
///
/// Errors: a product of dimensions beyond `usize` (`m and k are too large: m*k overflows, got
/// …`, likewise `n and k …: k*n` and `n and m …: m*n`); `a` or `b` of the wrong length
/// (`a must have m*k (2x3) = 6 elements, got 5`); no memory for the result (kind memory,
/// argument `n`) or for the packed copies of `a` and `b` (at most 96×256 and 256×2048 elements;
/// kind memory, argument `a` or `b`).
pub fn matmul(a: &[f64], b: &[f64], m: usize, k: usize, n: usize) -> KernelResult<Vec<f64>> {
    matmul_any(a, b, m, k, n)
}

/// [`matmul`] in single precision: the product of float32 matrices, computed and returned in
/// float32, `np.matmul(a, b)` of float32 arrays.
///
/// Every element is summed in order of increasing `k` in float32 (bit for bit the triple loop in
/// float32, with or without threads), so results differ from the float64 [`matmul`] of the same
/// values by float32 rounding.
///
/// Errors: as [`matmul`] (the same checks, [`check_matmul`], and messages).
pub fn matmul_f32(a: &[f32], b: &[f32], m: usize, k: usize, n: usize) -> KernelResult<Vec<f32>> {
    matmul_any(a, b, m, k, n)
}

/// [`matmul`] for either element type.
fn matmul_any<T: Element>(a: &[T], b: &[T], m: usize, k: usize, n: usize) -> KernelResult<Vec<T>> {
    check_matmul(a.len(), b.len(), m, k, n)?;
    // Cannot overflow: checked by `check_matmul`.
    let mn = m * n;
    #[cfg(feature = "threads")]
    let parallel = crate::par::worth(mn.saturating_mul(k), MATMUL_PAR_MIN_WORK);
    #[cfg(not(feature = "threads"))]
    let parallel = false;
    let mut out = gemm::zeros("n", mn, parallel)?;
    if mn == 0 || k == 0 {
        return Ok(out);
    }
    gemm::gemm(a, b, k, n, &mut out, parallel)?;
    Ok(out)
}

/// Least `m·k·n` multiplied in parallel (feature `threads`).
#[cfg(feature = "threads")]
const MATMUL_PAR_MIN_WORK: usize = 1 << 21;

/// The shape check of [`transpose`], on the length of `a` and the dimensions only: `rows*cols`
/// within `usize`, then the length of `a`.
///
/// Errors, of kind value: `cols and rows are too large: rows*cols overflows, got …` (argument
/// `cols`); `a must have rows*cols (4x2) = 8 elements, got 6`.
pub fn check_transpose(a_len: usize, rows: usize, cols: usize) -> KernelResult<()> {
    let len = product(
        "cols",
        "and rows are too large: rows*cols overflows",
        rows,
        cols,
    )?;
    check_len("a", &format!("rows*cols ({rows}x{cols})"), a_len, len)
}

/// Transpose of `a` (`rows`×`cols`), a `cols`×`rows` matrix: `a.T` (copied, row-major).
///
/// Errors: `rows*cols` beyond `usize`
/// (`cols and rows are too large: rows*cols overflows, got …`); `a` of the wrong length
/// (`a must have rows*cols (4x2) = 8 elements, got 6`); no memory for the result (kind memory,
/// argument `a`).
pub fn transpose(a: &[f64], rows: usize, cols: usize) -> KernelResult<Vec<f64>> {
    check_transpose(a.len(), rows, cols)?;
    // Equal to `rows * cols`: checked by `check_transpose`.
    let mut out = alloc::filled("a", a.len(), 0.0f64)?;
    for i0 in (0..rows).step_by(TRANSPOSE_BLOCK) {
        let i1 = (i0 + TRANSPOSE_BLOCK).min(rows);
        for j0 in (0..cols).step_by(TRANSPOSE_BLOCK) {
            let j1 = (j0 + TRANSPOSE_BLOCK).min(cols);
            for i in i0..i1 {
                let src = &a[i * cols + j0..i * cols + j1];
                for (j, &v) in (j0..j1).zip(src) {
                    out[j * rows + i] = v;
                }
            }
        }
    }
    Ok(out)
}

/// An LU factorisation with partial pivoting, `P·A = L·U`, stored LAPACK-style in one matrix
/// (unit-diagonal `L` below the diagonal, `U` on and above it).
struct Lu {
    n: usize,
    lu: Vec<f64>,
    /// `perm[i]` is the row of the original matrix that ended up in row `i`.
    perm: Vec<usize>,
    /// `+1.0` or `-1.0`: the sign of the permutation.
    sign: f64,
    /// Some pivot was exactly zero (the factorisation stopped there).
    singular: bool,
}

impl Lu {
    /// Factorises the `n`×`n` matrix `a` (already validated). The pivot of each column is the
    /// first entry of largest magnitude on or below the diagonal, as in LAPACK `dgetrf`. Memory
    /// errors name `a`.
    fn new(a: &[f64], n: usize) -> KernelResult<Self> {
        let mut lu = alloc::copied("a", a)?;
        let mut perm = alloc::with_capacity("a", n)?;
        perm.extend(0..n);
        let mut sign = 1.0;
        for c in 0..n {
            let mut piv = c;
            let mut best = lu[c * n + c].abs();
            for r in c + 1..n {
                let v = lu[r * n + c].abs();
                if v > best {
                    best = v;
                    piv = r;
                }
            }
            if best == 0.0 {
                return Ok(Lu {
                    n,
                    lu,
                    perm,
                    sign,
                    singular: true,
                });
            }
            if piv != c {
                let (top, bottom) = lu.split_at_mut(piv * n);
                top[c * n..c * n + n].swap_with_slice(&mut bottom[..n]);
                perm.swap(c, piv);
                sign = -sign;
            }
            let (upper, lower) = lu.split_at_mut((c + 1) * n);
            let pivot_row = &upper[c * n..];
            let pivot = pivot_row[c];
            for row in lower.chunks_exact_mut(n) {
                let l = row[c] / pivot;
                row[c] = l;
                if l != 0.0 {
                    for (x, &u) in row[c + 1..].iter_mut().zip(&pivot_row[c + 1..]) {
                        *x -= l * u;
                    }
                }
            }
        }
        Ok(Lu {
            n,
            lu,
            perm,
            sign,
            singular: false,
        })
    }

    /// Solves `A·x = b` in place on `x`, which holds `b` already permuted (`x[i] = b[perm[i]]`).
    fn substitute(&self, x: &mut [f64]) {
        let n = self.n;
        // Forward: L·y = P·b (unit diagonal).
        for i in 0..n {
            let row = &self.lu[i * n..i * n + i];
            let s: f64 = row.iter().zip(&x[..i]).map(|(l, y)| l * y).sum();
            x[i] -= s;
        }
        // Backward: U·x = y.
        for i in (0..n).rev() {
            let row = &self.lu[i * n..(i + 1) * n];
            let s: f64 = row[i + 1..]
                .iter()
                .zip(&x[i + 1..])
                .map(|(u, v)| u * v)
                .sum();
            x[i] = (x[i] - s) / row[i];
        }
    }
}

/// Validates the length `a_len` of a square matrix argument `a` of order `n`.
fn check_square(a_len: usize, n: usize) -> KernelResult<()> {
    let len = product("n", "is too large: n*n overflows", n, n)?;
    check_len("a", &format!("n*n ({n}x{n})"), a_len, len)
}

/// The shape check of [`solve`], on the lengths of `a` and `b` and `n` only, in this order:
/// `n*n` within `usize`, the length of `a`, the length of `b`. (Finiteness and singularity are
/// checked by the kernel.)
///
/// Errors, all of kind value: `n is too large: n*n overflows, got …` (argument `n`);
/// `a must have n*n (2x2) = 4 elements, got 3`; `b must have n = 2 elements, got 1`.
pub fn check_solve(a_len: usize, b_len: usize, n: usize) -> KernelResult<()> {
    check_square(a_len, n)?;
    check_len("b", "n", b_len, n)
}

/// The shape check of [`det`], on the length of `a` and `n` only: `n*n` within `usize`, then
/// the length of `a`.
///
/// Errors, of kind value: `n is too large: n*n overflows, got …` (argument `n`);
/// `a must have n*n (2x2) = 4 elements, got 3`.
pub fn check_det(a_len: usize, n: usize) -> KernelResult<()> {
    check_square(a_len, n)
}

/// The shape check of [`inv`], on the length of `a` and `n` only: `n*n` within `usize`, then
/// the length of `a`. (Finiteness and singularity are checked by the kernel.)
///
/// Errors, of kind value: `n is too large: n*n overflows, got …` (argument `n`);
/// `a must have n*n (2x2) = 4 elements, got 5`.
pub fn check_inv(a_len: usize, n: usize) -> KernelResult<()> {
    check_square(a_len, n)
}

/// Solution `x` of `a·x = b` for a square `a` (`n`×`n`) and one right-hand side `b` of length
/// `n`: `np.linalg.solve(a, b)` with 1-D `b`. LU with partial pivoting.
///
/// `n = 0` gives an empty result.
///
/// Errors: `n*n` beyond `usize` (`n is too large: n*n overflows, got …`); `a` or `b` of the
/// wrong length (`a must have n*n (2x2) = 4 elements, got 3`, `b must have n = 2 elements, got
/// 1`); NaN or infinity anywhere in `a` or `b` (`a must be finite, got NaN`), where numpy would
/// propagate them; `a` exactly singular (a zero pivot) or a non-finite solution
/// (`a is singular`); no memory for the factorisation (kind memory, argument `a`) or the
/// solution (argument `b`).
pub fn solve(a: &[f64], b: &[f64], n: usize) -> KernelResult<Vec<f64>> {
    check_solve(a.len(), b.len(), n)?;
    check_finite("a", a)?;
    check_finite("b", b)?;
    let lu = Lu::new(a, n)?;
    let singular = || KernelError::value("a", "is singular");
    if lu.singular {
        return Err(singular());
    }
    let mut x = alloc::with_capacity("b", n)?;
    x.extend(lu.perm.iter().map(|&p| b[p]));
    lu.substitute(&mut x);
    if x.iter().any(|v| !v.is_finite()) {
        return Err(singular());
    }
    Ok(x)
}

/// Determinant of the square matrix `a` (`n`×`n`): `np.linalg.det(a)`, the product of the LU
/// pivots with the sign of the row swaps. Exactly singular gives `0.0`, `n = 0` gives `1.0`,
/// and a NaN anywhere gives NaN (infinities go through the factorisation as in LAPACK).
///
/// Errors: `n*n` beyond `usize` (`n is too large: n*n overflows, got …`); `a` of the wrong
/// length (`a must have n*n (2x2) = 4 elements, got 3`); no memory for the factorisation (kind
/// memory, argument `a`).
pub fn det(a: &[f64], n: usize) -> KernelResult<f64> {
    check_det(a.len(), n)?;
    if a.iter().any(|v| v.is_nan()) {
        return Ok(f64::NAN);
    }
    let lu = Lu::new(a, n)?;
    if lu.singular {
        return Ok(0.0);
    }
    let diag = (0..n).map(|i| lu.lu[i * n + i]);
    Ok(diag.fold(lu.sign, |acc, d| acc * d))
}

/// Inverse of the square matrix `a` (`n`×`n`): `np.linalg.inv(a)`, by LU with partial pivoting
/// and one solve per column of the identity.
///
/// `n = 0` gives an empty result.
///
/// Errors as [`solve`]: `n is too large: n*n overflows, got …`,
/// `a must have n*n (2x2) = 4 elements, got 5`, `a must be finite, got inf`, `a is singular`;
/// no memory (kind memory, argument `a`).
pub fn inv(a: &[f64], n: usize) -> KernelResult<Vec<f64>> {
    check_inv(a.len(), n)?;
    check_finite("a", a)?;
    let lu = Lu::new(a, n)?;
    let singular = || KernelError::value("a", "is singular");
    if lu.singular {
        return Err(singular());
    }
    let mut out = alloc::filled("a", a.len(), 0.0f64)?;
    let mut col = alloc::filled("a", n, 0.0f64)?;
    for j in 0..n {
        for (c, &p) in col.iter_mut().zip(&lu.perm) {
            *c = if p == j { 1.0 } else { 0.0 };
        }
        lu.substitute(&mut col);
        for (i, &v) in col.iter().enumerate() {
            if !v.is_finite() {
                return Err(singular());
            }
            out[i * n + j] = v;
        }
    }
    Ok(out)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::test_util::{blame, msg};
    use crate::ErrorKind;
    use fastwasm_naive::matmul as naive_matmul;
    use proptest::prelude::*;

    fn assert_close(got: &[f64], want: &[f64], tol: f64) {
        assert_eq!(got.len(), want.len());
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            assert!(
                (g - w).abs() <= tol * w.abs().max(1.0),
                "index {i}: got {g}, want {w}"
            );
        }
    }

    fn identity(n: usize) -> Vec<f64> {
        let mut id = vec![0.0; n * n];
        for i in 0..n {
            id[i * n + i] = 1.0;
        }
        id
    }

    /// A random diagonally dominant (hence well-conditioned) `n`×`n` matrix.
    fn dominant(n: usize) -> impl Strategy<Value = Vec<f64>> {
        prop::collection::vec(-1.0f64..1.0, n * n).prop_map(move |mut a| {
            for i in 0..n {
                let off: f64 = (0..n).filter(|&j| j != i).map(|j| a[i * n + j].abs()).sum();
                a[i * n + i] = if a[i * n + i] < 0.0 { -1.0 } else { 1.0 } * (off + 1.0);
            }
            a
        })
    }

    #[test]
    fn matmul_known_value() {
        // [[1,2,3],[4,5,6]] @ [[7,8],[9,10],[11,12]] = [[58,64],[139,154]]
        let a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let b = [7.0, 8.0, 9.0, 10.0, 11.0, 12.0];
        assert_eq!(
            matmul(&a, &b, 2, 3, 2).unwrap(),
            vec![58.0, 64.0, 139.0, 154.0]
        );
    }

    #[test]
    fn matmul_f32_known_value_and_errors() {
        let a = [1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0];
        let b = [7.0f32, 8.0, 9.0, 10.0, 11.0, 12.0];
        assert_eq!(
            matmul_f32(&a, &b, 2, 3, 2).unwrap(),
            vec![58.0f32, 64.0, 139.0, 154.0]
        );
        assert_eq!(matmul_f32(&[], &[], 2, 0, 1).unwrap(), vec![0.0f32; 2]);
        assert_eq!(
            msg(matmul_f32(&[1.0; 5], &[1.0; 6], 2, 3, 2)),
            "a must have m*k (2x3) = 6 elements, got 5"
        );
        assert_eq!(
            blame(matmul_f32(&[], &[], usize::MAX, 2, 0)),
            (ErrorKind::Value, "m")
        );
    }

    #[test]
    fn matmul_zero_dims() {
        assert_eq!(matmul(&[], &[], 2, 0, 3).unwrap(), vec![0.0; 6]);
        assert_eq!(
            matmul(&[], &[1.0, 2.0], 0, 1, 2).unwrap(),
            Vec::<f64>::new()
        );
        assert_eq!(
            matmul(&[1.0, 2.0], &[], 2, 1, 0).unwrap(),
            Vec::<f64>::new()
        );
    }

    #[test]
    fn matmul_large_blocked_matches_naive() {
        let (m, k, n) = (70, 131, 259);
        let a: Vec<f64> = (0..m * k).map(|i| ((i * 37) % 101) as f64 - 50.0).collect();
        let b: Vec<f64> = (0..k * n).map(|i| ((i * 53) % 97) as f64 / 7.0).collect();
        assert_eq!(
            matmul(&a, &b, m, k, n).unwrap(),
            naive_matmul(&a, &b, m, k, n)
        );
    }

    #[cfg(feature = "threads")]
    #[test]
    fn matmul_parallel_equals_serial() {
        for (m, k, n) in [
            (1, 1, 1),
            (2, 3, 5),
            (7, 1, 300),
            (65, 67, 129),
            (192, 192, 192),
            (301, 5, 2),
            (197, 513, 61),
        ] {
            let a: Vec<f64> = (0..m * k)
                .map(|i| ((i * 37) % 101) as f64 / 3.0 - 17.0)
                .collect();
            let b: Vec<f64> = (0..k * n)
                .map(|i| ((i * 53) % 97) as f64 / 7.0 - 6.5)
                .collect();
            let mut serial = vec![0.0; m * n];
            gemm::gemm(&a, &b, k, n, &mut serial, false).unwrap();
            let mut par = vec![0.0; m * n];
            gemm::gemm(&a, &b, k, n, &mut par, true).unwrap();
            let bits = |x: &[f64]| x.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&par), bits(&serial), "{m}x{k}x{n}");
            assert_eq!(bits(&matmul(&a, &b, m, k, n).unwrap()), bits(&serial));

            let a: Vec<f32> = a.iter().map(|&v| v as f32).collect();
            let b: Vec<f32> = b.iter().map(|&v| v as f32).collect();
            let mut serial = vec![0.0f32; m * n];
            gemm::gemm(&a, &b, k, n, &mut serial, false).unwrap();
            let mut par = vec![0.0f32; m * n];
            gemm::gemm(&a, &b, k, n, &mut par, true).unwrap();
            let bits = |x: &[f32]| x.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&par), bits(&serial), "float32 {m}x{k}x{n}");
            assert_eq!(bits(&matmul_f32(&a, &b, m, k, n).unwrap()), bits(&serial));
        }
    }

    /// matmul on pools of 2 and 3 threads, large enough to run in parallel (its output zeroed on
    /// the pool too), equals the serial product bit for bit.
    #[cfg(feature = "threads")]
    #[test]
    fn matmul_on_pools_equals_serial() {
        let (m, k, n) = (131, 130, 129);
        assert!(m * k * n >= MATMUL_PAR_MIN_WORK);
        let a: Vec<f64> = (0..m * k)
            .map(|i| ((i * 29) % 89) as f64 / 5.0 - 8.0)
            .collect();
        let b: Vec<f64> = (0..k * n)
            .map(|i| ((i * 41) % 83) as f64 / 9.0 - 4.5)
            .collect();
        let mut serial = vec![0.0; m * n];
        gemm::gemm(&a, &b, k, n, &mut serial, false).unwrap();
        let bits = |x: &[f64]| x.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        for threads in [2, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let par = pool.install(|| matmul(&a, &b, m, k, n).unwrap());
            assert_eq!(bits(&par), bits(&serial), "{threads} threads");
            let zeros = pool.install(|| gemm::zeros::<f32>("n", 3 << 18, true).unwrap());
            assert!(zeros.len() == 3 << 18 && zeros.iter().all(|v| v.to_bits() == 0));
        }
    }

    #[test]
    fn matmul_errors() {
        assert_eq!(
            msg(matmul(&[1.0; 5], &[1.0; 6], 2, 3, 2)),
            "a must have m*k (2x3) = 6 elements, got 5"
        );
        assert_eq!(
            blame(matmul(&[1.0; 5], &[1.0; 6], 2, 3, 2)),
            (ErrorKind::Value, "a")
        );
        assert_eq!(
            msg(matmul(&[1.0; 6], &[1.0; 7], 2, 3, 2)),
            "b must have k*n (3x2) = 6 elements, got 7"
        );
        assert_eq!(
            blame(matmul(&[1.0; 6], &[1.0; 7], 2, 3, 2)),
            (ErrorKind::Value, "b")
        );
        assert_eq!(
            msg(matmul(&[], &[], usize::MAX, 2, 0)),
            format!("m and k are too large: m*k overflows, got {}x2", usize::MAX)
        );
        assert_eq!(
            blame(matmul(&[], &[], usize::MAX, 2, 0)),
            (ErrorKind::Value, "m")
        );
        assert_eq!(
            msg(matmul(&[], &[], 0, 3, usize::MAX)),
            format!("n and k are too large: k*n overflows, got 3x{}", usize::MAX)
        );
        assert_eq!(
            msg(matmul(&[], &[], usize::MAX, 0, 2)),
            format!("n and m are too large: m*n overflows, got {}x2", usize::MAX)
        );
        assert_eq!(
            blame(matmul(&[], &[], usize::MAX, 0, 2)),
            (ErrorKind::Value, "n")
        );
        // k = 0 needs no input, yet the result holds 2^60 floats.
        assert_eq!(
            blame(matmul(&[], &[], 1 << 30, 0, 1 << 30)),
            (ErrorKind::Memory, "n")
        );
    }

    #[test]
    fn check_matmul_is_the_check_of_matmul() {
        assert!(check_matmul(6, 6, 2, 3, 2).is_ok());
        assert!(check_matmul(0, 0, 1 << 30, 0, 1 << 30).is_ok());
        let m = usize::MAX;
        for (a_len, b_len, m, k, n) in [
            (5, 6, 2, 3, 2),
            (6, 7, 2, 3, 2),
            (5, 7, 2, 3, 2),
            (0, 0, m, 2, 0),
            (0, 0, 0, 3, m),
            (0, 0, m, 0, 2),
            (0, 0, m, 2, m),
        ] {
            let err = check_matmul(a_len, b_len, m, k, n).unwrap_err();
            let got = matmul(&vec![1.0; a_len], &vec![1.0; b_len], m, k, n).unwrap_err();
            assert_eq!(err, got, "{a_len} {b_len} {m} {k} {n}");
        }
        let err = check_matmul(5, 7, 2, 3, 2).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Value, "a"));
        assert_eq!(err.to_string(), "a must have m*k (2x3) = 6 elements, got 5");
    }

    #[test]
    fn check_transpose_is_the_check_of_transpose() {
        assert!(check_transpose(6, 2, 3).is_ok());
        assert!(check_transpose(0, 0, 5).is_ok());
        let a = [1.0; 6];
        for (rows, cols) in [(4, 2), (usize::MAX, 3)] {
            let err = check_transpose(a.len(), rows, cols).unwrap_err();
            assert_eq!(err, transpose(&a, rows, cols).unwrap_err());
        }
        assert_eq!(
            check_transpose(6, usize::MAX, 3).unwrap_err().argument,
            "cols"
        );
    }

    #[test]
    fn check_solve_det_inv_are_the_checks_of_their_kernels() {
        assert!(check_solve(4, 2, 2).is_ok());
        assert!(check_solve(0, 0, 0).is_ok());
        assert!(check_det(9, 3).is_ok());
        assert!(check_inv(1, 1).is_ok());
        let a = [1.0; 5];
        let b = [1.0; 3];
        for (a_len, b_len, n) in [(3, 2, 2), (4, 1, 2), (3, 1, 2), (0, 0, usize::MAX)] {
            let err = check_solve(a_len, b_len, n).unwrap_err();
            assert_eq!(err, solve(&a[..a_len], &b[..b_len], n).unwrap_err());
        }
        for (a_len, n) in [(3, 2), (5, 2), (0, usize::MAX)] {
            let err = check_det(a_len, n).unwrap_err();
            assert_eq!(err, det(&a[..a_len], n).unwrap_err());
            let err = check_inv(a_len, n).unwrap_err();
            assert_eq!(err, inv(&a[..a_len], n).unwrap_err());
        }
        let err = check_solve(4, 1, 2).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Value, "b"));
        assert_eq!(err.to_string(), "b must have n = 2 elements, got 1");
        // Finiteness and singularity need the data: left to the kernels.
        assert!(
            check_solve(4, 2, 2).is_ok() && solve(&[1.0, 2.0, 2.0, 4.0], &[1.0, 2.0], 2).is_err()
        );
        assert!(check_inv(4, 2).is_ok() && inv(&[f64::NAN; 4], 2).is_err());
    }

    #[test]
    fn transpose_known_value_and_errors() {
        let a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        assert_eq!(
            transpose(&a, 2, 3).unwrap(),
            vec![1.0, 4.0, 2.0, 5.0, 3.0, 6.0]
        );
        assert_eq!(transpose(&[], 0, 5).unwrap(), Vec::<f64>::new());
        assert_eq!(
            msg(transpose(&a, 4, 2)),
            "a must have rows*cols (4x2) = 8 elements, got 6"
        );
        assert_eq!(blame(transpose(&a, 4, 2)), (ErrorKind::Value, "a"));
        assert_eq!(
            msg(transpose(&a, usize::MAX, 3)),
            format!(
                "cols and rows are too large: rows*cols overflows, got {}x3",
                usize::MAX
            )
        );
        assert_eq!(
            blame(transpose(&a, usize::MAX, 3)),
            (ErrorKind::Value, "cols")
        );
    }

    #[test]
    fn solve_known_value() {
        // 2x + y = 3, x + 3y = 5 → x = 0.8, y = 1.4
        let x = solve(&[2.0, 1.0, 1.0, 3.0], &[3.0, 5.0], 2).unwrap();
        assert_close(&x, &[0.8, 1.4], 1e-15);
        // Needs a row swap: zero in the top-left corner.
        let x = solve(&[0.0, 1.0, 1.0, 0.0], &[2.0, 3.0], 2).unwrap();
        assert_eq!(x, vec![3.0, 2.0]);
        assert_eq!(solve(&[], &[], 0).unwrap(), Vec::<f64>::new());
    }

    #[test]
    fn solve_errors() {
        let singular = [1.0, 2.0, 2.0, 4.0];
        assert_eq!(
            solve(&singular, &[1.0, 2.0], 2).unwrap_err(),
            KernelError::value("a", "is singular")
        );
        assert_eq!(msg(solve(&[0.0], &[1.0], 1)), "a is singular");
        // Not exactly singular, but the solution overflows.
        assert_eq!(
            msg(solve(&[1e-300, 0.0, 0.0, 1.0], &[1e300, 1.0], 2)),
            "a is singular"
        );
        assert_eq!(
            msg(solve(&[1.0, 2.0, 3.0], &[1.0, 2.0], 2)),
            "a must have n*n (2x2) = 4 elements, got 3"
        );
        assert_eq!(
            msg(solve(&[1.0; 4], &[1.0], 2)),
            "b must have n = 2 elements, got 1"
        );
        assert_eq!(blame(solve(&[1.0; 4], &[1.0], 2)), (ErrorKind::Value, "b"));
        assert_eq!(
            msg(solve(&[1.0, f64::NAN, 0.0, 1.0], &[1.0, 2.0], 2)),
            "a must be finite, got NaN"
        );
        assert_eq!(
            blame(solve(&[1.0, f64::NAN, 0.0, 1.0], &[1.0, 2.0], 2)),
            (ErrorKind::Value, "a")
        );
        assert_eq!(
            msg(solve(&[1.0, 0.0, 0.0, 1.0], &[f64::INFINITY, 2.0], 2)),
            "b must be finite, got inf"
        );
        assert_eq!(
            blame(solve(&[1.0, 0.0, 0.0, 1.0], &[f64::INFINITY, 2.0], 2)),
            (ErrorKind::Value, "b")
        );
        assert_eq!(
            msg(solve(&[], &[], usize::MAX)),
            format!("n is too large: n*n overflows, got {0}x{0}", usize::MAX)
        );
        assert_eq!(blame(solve(&[], &[], usize::MAX)), (ErrorKind::Value, "n"));
    }

    #[test]
    fn det_known_values() {
        assert_eq!(det(&[], 0).unwrap(), 1.0);
        assert_eq!(det(&[5.0], 1).unwrap(), 5.0);
        assert_eq!(det(&[1.0, 2.0, 3.0, 4.0], 2).unwrap(), -2.0);
        assert_eq!(det(&[1.0, 2.0, 2.0, 4.0], 2).unwrap(), 0.0);
        assert_eq!(det(&[0.0; 9], 3).unwrap(), 0.0);
        assert!(det(&[1.0, f64::NAN, 0.0, 1.0], 2).unwrap().is_nan());
        assert_eq!(
            det(&[f64::INFINITY, 0.0, 0.0, 1.0], 2).unwrap(),
            f64::INFINITY
        );
        assert_eq!(
            msg(det(&[1.0; 3], 2)),
            "a must have n*n (2x2) = 4 elements, got 3"
        );
        assert_eq!(blame(det(&[1.0; 3], 2)), (ErrorKind::Value, "a"));
    }

    #[test]
    fn det_of_triangular_is_product_of_diagonal() {
        let a = [2.0, 7.0, -1.0, 0.0, -3.0, 4.0, 0.0, 0.0, 0.5];
        assert_eq!(det(&a, 3).unwrap(), -3.0);
        // Lower triangular: pivoting reorders rows, so only approximately.
        let lower = transpose(&a, 3, 3).unwrap();
        assert!((det(&lower, 3).unwrap() + 3.0).abs() <= 1e-14);
        let lower = [2.0, 0.0, 0.0, 1.0, -3.0, 0.0, -1.0, 2.0, 5.0];
        assert_eq!(det(&lower, 3).unwrap(), -30.0);
    }

    #[test]
    fn det_of_permutations_is_their_sign() {
        // Cyclic shift of 4 (odd: three transpositions) and a single swap of 3.
        let mut p = vec![0.0; 16];
        for i in 0..4 {
            p[i * 4 + (i + 1) % 4] = 1.0;
        }
        assert_eq!(det(&p, 4).unwrap(), -1.0);
        let swap = [0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0];
        assert_eq!(det(&swap, 3).unwrap(), -1.0);
        let cyc3 = [0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0];
        assert_eq!(det(&cyc3, 3).unwrap(), 1.0);
    }

    #[test]
    fn inv_known_value_and_errors() {
        // inv([[4,7],[2,6]]) = [[0.6,-0.7],[-0.2,0.4]]
        let x = inv(&[4.0, 7.0, 2.0, 6.0], 2).unwrap();
        assert_close(&x, &[0.6, -0.7, -0.2, 0.4], 1e-15);
        assert_eq!(inv(&[], 0).unwrap(), Vec::<f64>::new());
        assert_eq!(msg(inv(&[1.0, 2.0, 2.0, 4.0], 2)), "a is singular");
        assert_eq!(
            blame(inv(&[1.0, 2.0, 2.0, 4.0], 2)),
            (ErrorKind::Value, "a")
        );
        assert_eq!(
            msg(inv(&[1.0, f64::NEG_INFINITY, 0.0, 1.0], 2)),
            "a must be finite, got -inf"
        );
        assert_eq!(
            msg(inv(&[1.0; 5], 2)),
            "a must have n*n (2x2) = 4 elements, got 5"
        );
    }

    proptest! {
        #[test]
        fn matmul_matches_triple_loop(
            (m, k, n, a, b) in (0usize..9, 0usize..9, 0usize..9).prop_flat_map(|(m, k, n)| (
                Just(m), Just(k), Just(n),
                prop::collection::vec(-1e3f64..1e3, m * k),
                prop::collection::vec(-1e3f64..1e3, k * n),
            ))
        ) {
            let got = matmul(&a, &b, m, k, n).unwrap();
            prop_assert_eq!(got, naive_matmul(&a, &b, m, k, n));
        }

        #[test]
        fn transpose_twice_is_identity(
            (rows, cols, a) in (0usize..80, 0usize..80).prop_flat_map(|(r, c)| (
                Just(r), Just(c), prop::collection::vec(-1e3f64..1e3, r * c),
            ))
        ) {
            let t = transpose(&a, rows, cols).unwrap();
            for i in 0..rows {
                for j in 0..cols {
                    prop_assert_eq!(t[j * rows + i], a[i * cols + j]);
                }
            }
            prop_assert_eq!(transpose(&t, cols, rows).unwrap(), a);
        }

        #[test]
        fn solve_residual_is_small(
            (n, a, b) in (1usize..12).prop_flat_map(|n| (
                Just(n), dominant(n), prop::collection::vec(-10.0f64..10.0, n),
            ))
        ) {
            let x = solve(&a, &b, n).unwrap();
            let ax = naive_matmul(&a, &x, n, n, 1);
            let scale = n as f64 * 10.0;
            for (l, r) in ax.iter().zip(&b) {
                prop_assert!((l - r).abs() <= 1e-12 * scale, "{l} vs {r}");
            }
        }

        #[test]
        fn inv_times_a_is_identity(
            (n, a) in (1usize..12).prop_flat_map(|n| (Just(n), dominant(n)))
        ) {
            let ai = inv(&a, n).unwrap();
            let prod = naive_matmul(&ai, &a, n, n, n);
            for (p, e) in prod.iter().zip(identity(n)) {
                prop_assert!((p - e).abs() <= 1e-12 * n as f64, "{p} vs {e}");
            }
        }

        #[test]
        fn det_of_inverse_is_reciprocal(
            (n, a) in (1usize..10).prop_flat_map(|n| (Just(n), dominant(n)))
        ) {
            let d = det(&a, n).unwrap();
            let di = det(&inv(&a, n).unwrap(), n).unwrap();
            prop_assert!((d * di - 1.0).abs() <= 1e-10, "{d} * {di}");
        }

        #[test]
        fn det_of_row_swapped_matrix_flips_sign(
            (n, a) in (2usize..8).prop_flat_map(|n| (Just(n), dominant(n)))
        ) {
            let mut s = a.clone();
            let (top, rest) = s.split_at_mut(n);
            top.swap_with_slice(&mut rest[..n]);
            let (d, ds) = (det(&a, n).unwrap(), det(&s, n).unwrap());
            prop_assert!((d + ds).abs() <= 1e-10 * d.abs(), "{d} vs {ds}");
        }
    }
}
