//! Dense linear algebra on row-major flat matrices: matmul, transpose, solve, det, inv.
//!
//! The exports of this family, declared once for both bindings (see [`crate::exports`]).

/// Invokes `$declare! { … }` with this family's export declarations.
#[macro_export]
macro_rules! linalg_exports {
    ($declare:ident) => {
        $declare! {
            /// Matrix product of `a` (m×k) and `b` (k×n), row-major, `np.matmul(a, b)`.
            /// Errors: `a` or `b` not of m·k or k·n elements, sizes overflowing (RangeError / ValueError); no memory
            /// for the m×n result (MemoryError).
            #[js_name = "matmul"]
            fn matmul(a: F64s, b: F64s, m: Size, k: Size, n: Size) -> F64Vec, check { $crate::linalg::check_matmul(a, b, m, k, n) } { $crate::linalg::matmul(&a, &b, m, k, n) }

            /// `matmul` in float32, for float32 `a` and `b` (numpy: float32 in, float32 out). Errors as
            /// `matmul`.
            #[js_name = "__f32_matmul"]
            fn matmul_f32(a: F32s, b: F32s, m: Size, k: Size, n: Size) -> F32Vec, check { $crate::linalg::check_matmul(a, b, m, k, n) } { $crate::linalg::matmul_f32(&a, &b, m, k, n) }

            /// Transpose of the rows×cols matrix `a`, `a.T`. Errors: `a` not of rows·cols elements
            /// (RangeError / ValueError).
            #[js_name = "transpose"]
            fn transpose(a: F64s, rows: Size, cols: Size) -> F64Vec, check { $crate::linalg::check_transpose(a, rows, cols) } { $crate::linalg::transpose(&a, rows, cols) }

            /// Solution `x` of `a·x = b` for the n×n matrix `a`, `np.linalg.solve(a, b)`.
            /// Errors: wrong sizes, `a` singular, values not finite (RangeError / ValueError).
            #[js_name = "solve"]
            fn solve(a: F64s, b: F64s, n: Size) -> F64Vec, check { $crate::linalg::check_solve(a, b, n) } { $crate::linalg::solve(&a, &b, n) }

            /// Determinant of the n×n matrix `a`, `np.linalg.det(a)` (LU with partial pivoting).
            /// Errors: `a` not of n·n elements (RangeError / ValueError).
            #[js_name = "det"]
            fn det(a: F64s, n: Size) -> Scalar, check { $crate::linalg::check_det(a, n) } { $crate::linalg::det(&a, n) }

            /// Inverse of the n×n matrix `a`, `np.linalg.inv(a)`. Errors: wrong size, singular, values
            /// not finite (RangeError / ValueError).
            #[js_name = "inv"]
            fn inv(a: F64s, n: Size) -> F64Vec, check { $crate::linalg::check_inv(a, n) } { $crate::linalg::inv(&a, n) }
        }
    };
}
