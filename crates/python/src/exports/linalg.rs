//! Dense linear algebra on row-major flat matrices: matmul, transpose, solve, det, inv.

use fastwasm_kernels::linalg;

use crate::params::{native_exports, F32Vec, F32s, F64Vec, F64s, Scalar, Size};

native_exports! {
    /// Matrix product of `a` (m×k) and `b` (k×n), row-major, `np.matmul(a, b)`.
    /// Errors: `a` or `b` not of m·k or k·n elements, sizes overflowing (ValueError); no memory
    /// for the m×n result (MemoryError).
    #[name = "matmul"]
    fn matmul(a: F64s, b: F64s, m: Size, k: Size, n: Size) -> F64Vec { linalg::matmul(&a, &b, m, k, n) }

    /// `matmul` in float32, for float32 `a` and `b` (numpy: float32 in, float32 out). Errors as
    /// `matmul`.
    #[name = "__f32_matmul"]
    fn matmul_f32(a: F32s, b: F32s, m: Size, k: Size, n: Size) -> F32Vec { linalg::matmul_f32(&a, &b, m, k, n) }

    /// Transpose of the rows×cols matrix `a`, `a.T`. Errors: `a` not of rows·cols elements
    /// (ValueError).
    #[name = "transpose"]
    fn transpose(a: F64s, rows: Size, cols: Size) -> F64Vec { linalg::transpose(&a, rows, cols) }

    /// Solution `x` of `a·x = b` for the n×n matrix `a`, `np.linalg.solve(a, b)`.
    /// Errors: wrong sizes, `a` singular, values not finite (ValueError).
    #[name = "solve"]
    fn solve(a: F64s, b: F64s, n: Size) -> F64Vec { linalg::solve(&a, &b, n) }

    /// Determinant of the n×n matrix `a`, `np.linalg.det(a)` (LU with partial pivoting).
    /// Errors: `a` not of n·n elements (ValueError).
    #[name = "det"]
    fn det(a: F64s, n: Size) -> Scalar { linalg::det(&a, n) }

    /// Inverse of the n×n matrix `a`, `np.linalg.inv(a)`. Errors: wrong size, singular, values
    /// not finite (ValueError).
    #[name = "inv"]
    fn inv(a: F64s, n: Size) -> F64Vec { linalg::inv(&a, n) }
}
