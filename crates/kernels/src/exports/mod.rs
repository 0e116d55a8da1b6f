//! The kernels as the bindings export them, declared once: one macro per family,
//! `<family>_exports!($declare)`, that invokes `$declare! { … }` with the family's exports. The
//! wasm binding (`fastwasm`, src/exports/) passes its `kernel_exports`, the native CPython
//! extension (`fastwasm-python`) its `native_exports`; each defines the parameter and result
//! kinds the declarations name (`F64s`, `Size`, `Scalar`, …) and brings them into scope.
//!
//! A declaration is
//!
//! ```ignore
//! /// Mean of the elements, `np.mean(x)`. Errors: `x` empty (RangeError in JS, ValueError in
//! /// Python).
//! #[js_name = "mean"]
//! fn mean(x: F64s) -> Scalar { $crate::reduce::mean(&x) }
//! ```
//!
//! with an optional `, check { … }` clause after the result kind: the checks of sizes and
//! scalars that the wasm binding runs before it copies any array into wasm memory (the native
//! binding reads arrays in place and needs no such step). `js_name` is the export's name in
//! both bindings: the JS wrapper and the Python package call the kernel by it.

mod fractal;
mod image;
mod linalg;
mod reduce;
mod signal;
mod sorting;
mod stats;
mod text;
