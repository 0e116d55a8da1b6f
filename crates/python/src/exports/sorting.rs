//! Sorting: sort, argsort, unique.

use fastwasm_kernels::sorting;

use crate::params::{native_exports, F64Vec, F64s, U32Vec};

native_exports! {
    /// Sorted copy, `np.sort(x)` (NaN last).
    #[name = "sort"]
    fn sort(x: F64s) -> F64Vec { sorting::sort(&x) }

    /// Indices that sort `x`, `np.argsort(x, kind="stable")` (NaN last).
    /// Errors: more than 2³² − 1 elements (ValueError).
    #[name = "argsort"]
    fn argsort(x: F64s) -> U32Vec { sorting::argsort(&x) }

    /// Sorted distinct values, `np.unique(x)` (all NaNs collapse to one, last).
    #[name = "unique"]
    fn unique(x: F64s) -> F64Vec { sorting::unique(&x) }
}
