//! Sorting: sort, argsort, unique.
//!
//! The exports of this family, declared once for both bindings (see [`crate::exports`]).

/// Invokes `$declare! { … }` with this family's export declarations.
#[macro_export]
macro_rules! sorting_exports {
    ($declare:ident) => {
        $declare! {
            /// Sorted copy, `np.sort(x)` (NaN last).
            #[js_name = "sort"]
            fn sort(x: F64s) -> F64Vec { $crate::sorting::sort(&x) }

            /// Indices that sort `x`, `np.argsort(x, kind="stable")` (NaN last).
            /// Errors: more than 2³² − 1 elements (RangeError / ValueError).
            #[js_name = "argsort"]
            fn argsort(x: F64s) -> U32Vec, check { $crate::sorting::check_argsort(x) } { $crate::sorting::argsort(&x) }

            /// Sorted distinct values, `np.unique(x)` (all NaNs collapse to one, last).
            #[js_name = "unique"]
            fn unique(x: F64s) -> F64Vec { $crate::sorting::unique(&x) }
        }
    };
}
