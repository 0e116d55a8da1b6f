//! The parameter and result kinds of the native exports, and [`native_exports!`], which declares
//! them. The kinds have the names of the wasm build's (src/params.rs) and convert the same
//! values with the same shared checks (`fastwasm_kernels::args`), so both backends refuse the
//! same arguments with the same errors.

use fastwasm_kernels::{args, check, KernelError, KernelResult};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use crate::input::{Input, Text};
use crate::region::{Data, Region};

/// How a Python argument becomes what the kernel takes.
pub trait Param {
    /// What the kernel's body receives (read without the GIL).
    type Value: Sync;
    /// Converts argument `argument`, with the GIL held.
    fn convert(
        obj: &Bound<'_, PyAny>,
        argument: &'static str,
    ) -> PyResult<KernelResult<Self::Value>>;
}

/// How a kernel's value becomes a Python object.
pub trait Ret {
    /// What the kernel returns (inside its `KernelResult`).
    type Value: Send;
    /// Converts it, with the GIL held.
    fn finish(py: Python<'_>, value: Self::Value) -> PyResult<Bound<'_, PyAny>>;
}

macro_rules! array_param {
    ($(#[$doc:meta])* $name:ident, $elem:ty) => {
        $(#[$doc])*
        pub struct $name;
        impl Param for $name {
            type Value = Input<$elem>;
            fn convert(obj: &Bound<'_, PyAny>, argument: &'static str) -> PyResult<KernelResult<Input<$elem>>> {
                Input::from_object(obj, argument).map(Ok)
            }
        }
    };
}

array_param!(
    /// A float64 vector: a buffer of format "d".
    F64s, f64
);
array_param!(
    /// A float32 vector: a buffer of format "f".
    F32s, f32
);
array_param!(
    /// RGBA image bytes: a buffer of format "B".
    Rgba, u8
);
array_param!(
    /// A string as its code points: a buffer of format "I".
    CodePoints, u32
);

macro_rules! optional_array_param {
    ($(#[$doc:meta])* $name:ident, $elem:ty) => {
        $(#[$doc])*
        pub struct $name;
        impl Param for $name {
            type Value = Option<Input<$elem>>;
            fn convert(obj: &Bound<'_, PyAny>, argument: &'static str) -> PyResult<KernelResult<Option<Input<$elem>>>> {
                if obj.is_none() {
                    return Ok(Ok(None));
                }
                Input::from_object(obj, argument).map(|input| Ok(Some(input)))
            }
        }
    };
}

optional_array_param!(
    /// An optional float64 vector (None for none).
    OptF64s, f64
);
optional_array_param!(
    /// An optional float32 vector (None for none).
    OptF32s, f32
);

/// A string as UTF-8 bytes: a buffer of format "B".
pub struct Utf8;
impl Param for Utf8 {
    type Value = Text;
    fn convert(obj: &Bound<'_, PyAny>, argument: &'static str) -> PyResult<KernelResult<Text>> {
        let bytes = Input::from_object(obj, argument)?;
        Ok(Text::new(bytes)
            .map_err(|e| KernelError::value(argument, format!("must be UTF-8 text ({e})"))))
    }
}

macro_rules! scalar_param {
    ($(#[$doc:meta])* $name:ident, $py:ty, $value:ty, |$v:ident, $arg:ident| $convert:expr) => {
        $(#[$doc])*
        pub struct $name;
        impl Param for $name {
            type Value = $value;
            fn convert(obj: &Bound<'_, PyAny>, argument: &'static str) -> PyResult<KernelResult<$value>> {
                let $v: $py = obj.extract()?;
                let $arg = argument;
                Ok($convert)
            }
        }
    };
}

scalar_param!(
    /// Any number, NaN and infinities included (the kernel decides).
    Number, f64, f64, |v, _arg| Ok(v)
);
scalar_param!(
    /// A finite number.
    Finite, f64, f64, |v, arg| check::finite(arg, v)
);
scalar_param!(
    /// A non-negative integer below 2³² (a length or a dimension).
    Size, f64, usize, |v, arg| args::size(arg, v)
);
scalar_param!(
    /// A non-negative integer up to 2⁵³ − 1 (a limit that need not fit in memory).
    Count, f64, u64, |v, arg| args::whole_number(arg, v)
);
scalar_param!(
    /// An optional number (None for none).
    OptNumber, Option<f64>, Option<f64>, |v, _arg| Ok(v)
);
scalar_param!(
    /// An optional finite number (None for none).
    OptFinite, Option<f64>, Option<f64>, |v, arg| v.map(|v| check::finite(arg, v)).transpose()
);
scalar_param!(
    /// An optional short string (None for none).
    OptStr, Option<String>, Option<String>, |v, _arg| Ok(v)
);

/// A float64 result.
pub struct Scalar;
impl Ret for Scalar {
    type Value = f64;
    fn finish(py: Python<'_>, value: f64) -> PyResult<Bound<'_, PyAny>> {
        Ok(value.into_pyobject(py)?.into_any())
    }
}

/// An index result (a Python int).
pub struct Index;
impl Ret for Index {
    type Value = usize;
    fn finish(py: Python<'_>, value: usize) -> PyResult<Bound<'_, PyAny>> {
        Ok(value.into_pyobject(py)?.into_any())
    }
}

macro_rules! array_ret {
    ($(#[$doc:meta])* $name:ident, $elem:ty, $variant:ident) => {
        $(#[$doc])*
        pub struct $name;
        impl Ret for $name {
            type Value = Vec<$elem>;
            fn finish(py: Python<'_>, value: Vec<$elem>) -> PyResult<Bound<'_, PyAny>> {
                Ok(Bound::new(py, Region::new(Data::$variant(value)))?.into_any())
            }
        }
    };
}

array_ret!(
    /// A float64 vector result (a [`Region`] of kind 0).
    F64Vec, f64, F64
);
array_ret!(
    /// A float32 vector result (a [`Region`] of kind 3).
    F32Vec, f32, F32
);
array_ret!(
    /// A uint32 vector result (a [`Region`] of kind 1).
    U32Vec, u32, U32
);
array_ret!(
    /// An RGBA image result (a [`Region`] of kind 2).
    RgbaVec, u8, U8
);

/// `(counts, edges)` of a histogram: a tuple of two [`Region`]s.
pub struct Histogram;
impl Ret for Histogram {
    type Value = (Vec<u32>, Vec<f64>);
    fn finish(py: Python<'_>, (counts, edges): Self::Value) -> PyResult<Bound<'_, PyAny>> {
        let counts = U32Vec::finish(py, counts)?;
        let edges = F64Vec::finish(py, edges)?;
        Ok(PyTuple::new(py, [counts, edges])?.into_any())
    }
}

/// `[(word, count), …]`: a list of tuples.
pub struct WordCounts;
impl Ret for WordCounts {
    type Value = Vec<(String, u32)>;
    fn finish(py: Python<'_>, pairs: Self::Value) -> PyResult<Bound<'_, PyAny>> {
        Ok(PyList::new(py, pairs)?.into_any())
    }
}

/// Declares native exports of kernels, each once, with the export names of the wasm build.
///
/// ```ignore
/// native_exports! {
///     /// Mean of the elements, `np.mean(x)`. Errors: `x` empty (value).
///     #[name = "mean"]
///     fn mean(x: F64s) -> Scalar { reduce::mean(&x) }
/// }
/// ```
///
/// Every argument is converted with the GIL held; the body then runs with the GIL released
/// (`Python::detach`) and sees each parameter converted (`&x` is a `&[f64]` for [`F64s`]).
macro_rules! native_exports {
    ($(
        $(#[doc = $doc:tt])*
        #[name = $py_name:literal]
        fn $name:ident($($arg:ident: $kind:ty),* $(,)?) -> $ret:ty $body:block
    )*) => {
        $(
            $(#[doc = $doc])*
            #[::pyo3::pyfunction]
            #[pyo3(name = $py_name)]
            #[allow(clippy::too_many_arguments)] // mandelbrot: as many as the kernel has
            pub fn $name<'py>(
                py: ::pyo3::Python<'py>,
                $($arg: &::pyo3::Bound<'py, ::pyo3::PyAny>),*
            ) -> ::pyo3::PyResult<::pyo3::Bound<'py, ::pyo3::PyAny>> {
                $(
                    let $arg = <$kind as $crate::params::Param>::convert($arg, stringify!($arg))?
                        .map_err(|e| $crate::error::to_py(py, e))?;
                )*
                #[allow(clippy::redundant_closure_call)]
                let result: ::fastwasm_kernels::KernelResult<<$ret as $crate::params::Ret>::Value> =
                    py.detach(|| (|| $body)());
                let value = result.map_err(|e| $crate::error::to_py(py, e))?;
                <$ret as $crate::params::Ret>::finish(py, value)
            }
        )*

        /// Adds this family's functions to the module.
        pub fn register(m: &::pyo3::Bound<'_, ::pyo3::types::PyModule>) -> ::pyo3::PyResult<()> {
            use ::pyo3::types::PyModuleMethods;
            $(m.add_function(::pyo3::wrap_pyfunction!($name, m)?)?;)*
            Ok(())
        }
    };
}
pub(crate) use native_exports;
