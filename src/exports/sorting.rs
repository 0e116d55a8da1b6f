//! Sorting: sort, argsort, unique.

use fastwasm_kernels::sorting;

use crate::params::{F64Vec, F64s, U32Vec};

kernel_exports! {
    /// Sorted copy, `np.sort(x)` (NaN last).
    #[js_name = "sort"]
    fn sort(x: F64s) -> F64Vec { sorting::sort(&x) }

    /// Indices that sort `x`, `np.argsort(x, kind="stable")` (NaN last).
    /// Errors: more than 2³² − 1 elements (RangeError).
    #[js_name = "argsort"]
    fn argsort(x: F64s) -> U32Vec, check { sorting::check_argsort(x) } { sorting::argsort(&x) }

    /// Sorted distinct values, `np.unique(x)` (all NaNs collapse to one, last).
    #[js_name = "unique"]
    fn unique(x: F64s) -> F64Vec { sorting::unique(&x) }
}
