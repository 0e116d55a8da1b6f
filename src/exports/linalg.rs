//! Dense linear algebra on row-major flat matrices: matmul, transpose, solve, det, inv.

use fastwasm_kernels::linalg;

use crate::params::{F32Vec, F32s, F64Vec, F64s, Scalar, Size};

kernel_exports! {
    /// Matrix product of `a` (m×k) and `b` (k×n), row-major, `np.matmul(a, b)`.
    /// Errors: `a` or `b` not of m·k or k·n elements, sizes overflowing (RangeError); no memory
    /// for the m×n result (MemoryError).
    #[js_name = "matmul"]
    fn matmul(a: F64s, b: F64s, m: Size, k: Size, n: Size) -> F64Vec, check { linalg::check_matmul(a, b, m, k, n) } { linalg::matmul(&a, &b, m, k, n) }

    /// `matmul` in float32, for float32 `a` and `b` (numpy: float32 in, float32 out). Errors as
    /// `matmul`.
    #[js_name = "__f32_matmul"]
    fn matmul_f32(a: F32s, b: F32s, m: Size, k: Size, n: Size) -> F32Vec, check { linalg::check_matmul(a, b, m, k, n) } { linalg::matmul_f32(&a, &b, m, k, n) }

    /// Transpose of the rows×cols matrix `a`, `a.T`. Errors: `a` not of rows·cols elements
    /// (RangeError).
    #[js_name = "transpose"]
    fn transpose(a: F64s, rows: Size, cols: Size) -> F64Vec, check { linalg::check_transpose(a, rows, cols) } { linalg::transpose(&a, rows, cols) }

    /// Solution `x` of `a·x = b` for the n×n matrix `a`, `np.linalg.solve(a, b)`.
    /// Errors: wrong sizes, `a` singular, values not finite (RangeError).
    #[js_name = "solve"]
    fn solve(a: F64s, b: F64s, n: Size) -> F64Vec, check { linalg::check_solve(a, b, n) } { linalg::solve(&a, &b, n) }

    /// Determinant of the n×n matrix `a`, `np.linalg.det(a)` (LU with partial pivoting).
    /// Errors: `a` not of n·n elements (RangeError).
    #[js_name = "det"]
    fn det(a: F64s, n: Size) -> Scalar, check { linalg::check_det(a, n) } { linalg::det(&a, n) }

    /// Inverse of the n×n matrix `a`, `np.linalg.inv(a)`. Errors: wrong size, singular, values
    /// not finite (RangeError).
    #[js_name = "inv"]
    fn inv(a: F64s, n: Size) -> F64Vec, check { linalg::check_inv(a, n) } { linalg::inv(&a, n) }
}
