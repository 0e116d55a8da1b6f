//! The parameter and result kinds of the exports, and [`kernel_exports!`], which declares exports.
//!
//! Every kind names what a parameter is at the boundary: its wasm ABI type, the checks that turn
//! the ABI value into what the kernel takes, and a `KIND` string that tells the JS wrapper how to
//! convert a JS value into that ABI value before wasm runs:
//!
//! | kind | JS accepts | ABI | kernel gets |
//! |---|---|---|---|
//! | [`F64s`] / [`OptF64s`] | number arrays, numeric typed arrays, resident arrays (`"f64s"`, `"f64s?"`) | region id | `&[f64]` |
//! | [`F32s`] / [`OptF32s`] | `Float32Array`, resident float32 arrays (`"f32s"`, `"f32s?"`) | region id | `&[f32]` |
//! | [`Rgba`] | `Uint8ClampedArray`, `Uint8Array`, resident uint8 arrays (`"rgba"`) | region id | `&[u8]` |
//! | [`CodePoints`] | a string, as its code points (`"codes"`) | region id | `&[u32]` |
//! | [`Utf8`] | a string, as UTF-8 (`"utf8"`) | region id | `&str` |
//! | [`Number`], [`Finite`], [`Size`], [`Count`] | a number (`"number"`) | `f64` | `f64`, `usize`, `u64` |
//! | [`OptNumber`], [`OptFinite`] | a number, `undefined` or `null` (`"number?"`) | `Option<f64>` | `Option<f64>` |
//! | [`Str`] / [`OptStr`] | a string (`"string"`, `"string?"`) | `String` | `String` |
//!
//! Result kinds ([`Ret`]) say how a kernel's value crosses back: scalars as numbers, arrays as a
//! resident region id that the caller copies out and frees (or keeps).
//!
//! # float32 variants
//!
//! A kernel that computes in float32 when every array input is float32 (as numpy does) has a
//! second export named [`FLOAT32_PREFIX`] + its JS name (`__f32_matmul` for `matmul`), declared
//! with the same arguments in [`F32s`] / [`OptF32s`] and an [`F32Vec`] result. It is internal:
//! the JS wrapper of `matmul` calls it when every array argument is a `Float32Array` or a
//! resident float32 array, and the Python package when every array argument is float32; errors
//! name `matmul`, and neither pkg's API nor its types show it.

use fastwasm_kernels::{check, KernelError, KernelResult};
use wasm_bindgen::JsValue;

use crate::regions::{self, Input};

/// The name prefix of a kernel's float32 variant (see the module docs).
pub const FLOAT32_PREFIX: &str = "__f32_";

/// A parameter kind: how an export's argument crosses the boundary.
pub trait Param {
    /// The wasm-bindgen ABI type of the parameter.
    type Abi;
    /// What the kernel receives.
    type Value;
    /// The conversion the JS wrapper applies (see the module docs).
    const KIND: &'static str;
    /// Checks and converts the ABI value of argument `argument`.
    fn convert(abi: Self::Abi, argument: &'static str) -> KernelResult<Self::Value>;
    /// What an export's `check` clause sees before any array is staged: an array's length, or
    /// a scalar converted as by [`Param::convert`].
    type Checked;
    /// The checked value from the JS value the wrapper passes to `__fwCheck` (a length for an
    /// array, the argument itself for a scalar, already of the right JS type).
    fn precheck(value: &JsValue, argument: &'static str) -> KernelResult<Self::Checked>;
}

/// A length passed to `__fwCheck` for an array argument.
fn length_of(value: &JsValue, argument: &'static str) -> KernelResult<usize> {
    size(argument, value.as_f64().unwrap_or(f64::NAN))
}

/// The JS value of a scalar argument passed to `__fwCheck`, as the ABI type of the export.
trait FromJs: Sized {
    fn from_js(value: &JsValue) -> Option<Self>;
}

impl FromJs for f64 {
    fn from_js(value: &JsValue) -> Option<f64> {
        value.as_f64()
    }
}

impl FromJs for String {
    fn from_js(value: &JsValue) -> Option<String> {
        value.as_string()
    }
}

impl<T: FromJs> FromJs for Option<T> {
    fn from_js(value: &JsValue) -> Option<Option<T>> {
        if value.is_undefined() || value.is_null() {
            Some(None)
        } else {
            T::from_js(value).map(Some)
        }
    }
}

/// A result kind: how a kernel's value crosses back to JavaScript.
pub trait Ret {
    /// What the kernel returns (inside its `KernelResult`).
    type Value;
    /// The wasm-bindgen ABI type of the export's result.
    type Abi;
    /// How the JS wrapper presents the result (`"number"`, `"f64s"`, `"f32s"`, `"u32s"`, `"rgba"`,
    /// `"histogram"`, `"json"`).
    const KIND: &'static str;
    /// Converts the kernel's value into the ABI value.
    fn finish(value: Self::Value) -> Self::Abi;
}

/// One export's signature, as recorded by [`kernel_exports!`] for the JS wrapper.
#[derive(Debug, Clone, Copy)]
pub struct Signature {
    /// The JS name of the export.
    pub name: &'static str,
    /// `(argument, kind)` per parameter, arguments in the kernel's snake_case spelling.
    pub params: &'static [(&'static str, &'static str)],
    /// The result kind.
    pub result: &'static str,
}

/// One module's exports, as [`kernel_exports!`] records them: their signatures and the dispatch
/// of `__fwCheck` to their `check` clauses.
#[derive(Clone, Copy)]
pub struct Family {
    /// The signatures, for the JS wrapper.
    pub signatures: &'static [Signature],
    /// `check(name, args)`: `None` if no export of the family is called `name`.
    pub check: fn(&str, &[JsValue]) -> Option<KernelResult<()>>,
}

pub use fastwasm_kernels::args::{size, whole_number};

macro_rules! array_param {
    ($(#[$doc:meta])* $name:ident, $elem:ty, $kind:literal) => {
        $(#[$doc])*
        pub struct $name;
        impl Param for $name {
            type Abi = u32;
            type Value = Input<$elem>;
            const KIND: &'static str = $kind;
            fn convert(id: u32, argument: &'static str) -> KernelResult<Input<$elem>> {
                Input::from_id(id, argument)
            }
            type Checked = usize;
            fn precheck(value: &JsValue, argument: &'static str) -> KernelResult<usize> {
                length_of(value, argument)
            }
        }
    };
}

array_param!(
    /// A float64 vector (region id).
    F64s, f64, "f64s"
);
array_param!(
    /// A float32 vector (region id of float32 elements).
    F32s, f32, "f32s"
);
array_param!(
    /// RGBA image bytes (region id of uint8 elements).
    Rgba, u8, "rgba"
);
array_param!(
    /// A string as its Unicode code points, one per element; a lone surrogate is a code point of
    /// its own (region id of uint32 elements).
    CodePoints, u32, "codes"
);

macro_rules! optional_array_param {
    ($(#[$doc:meta])* $name:ident, $elem:ty, $kind:literal) => {
        $(#[$doc])*
        pub struct $name;
        impl Param for $name {
            type Abi = u32;
            type Value = Option<Input<$elem>>;
            const KIND: &'static str = $kind;
            fn convert(id: u32, argument: &'static str) -> KernelResult<Self::Value> {
                (id != 0).then(|| Input::from_id(id, argument)).transpose()
            }
            type Checked = Option<usize>;
            fn precheck(value: &JsValue, argument: &'static str) -> KernelResult<Option<usize>> {
                let absent = value.is_undefined() || value.is_null();
                (!absent).then(|| length_of(value, argument)).transpose()
            }
        }
    };
}

optional_array_param!(
    /// An optional float64 vector: region id, or 0 for none.
    OptF64s, f64, "f64s?"
);
optional_array_param!(
    /// An optional float32 vector: region id, or 0 for none.
    OptF32s, f32, "f32s?"
);

/// A string as UTF-8 bytes (region id of uint8 elements).
pub struct Utf8;

/// The text of a [`Utf8`] argument, borrowed like an [`Input`].
pub struct Text(Input<u8>);

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        // Checked to be UTF-8 when the Text was made, and unchanged since (see `Input`).
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl Param for Utf8 {
    type Abi = u32;
    type Value = Text;
    const KIND: &'static str = "utf8";
    fn convert(id: u32, argument: &'static str) -> KernelResult<Text> {
        let bytes = Input::<u8>::from_id(id, argument)?;
        std::str::from_utf8(&bytes)
            .map_err(|e| KernelError::value(argument, format!("must be UTF-8 text ({e})")))?;
        Ok(Text(bytes))
    }
    type Checked = usize;
    fn precheck(value: &JsValue, argument: &'static str) -> KernelResult<usize> {
        length_of(value, argument)
    }
}

macro_rules! scalar_param {
    ($(#[$doc:meta])* $name:ident, $abi:ty, $value:ty, $kind:literal, |$v:ident, $arg:ident| $convert:expr) => {
        $(#[$doc])*
        pub struct $name;
        impl Param for $name {
            type Abi = $abi;
            type Value = $value;
            const KIND: &'static str = $kind;
            fn convert($v: $abi, $arg: &'static str) -> KernelResult<$value> {
                $convert
            }
            type Checked = $value;
            fn precheck(value: &JsValue, argument: &'static str) -> KernelResult<$value> {
                let abi = <$abi as FromJs>::from_js(value).ok_or_else(|| {
                    KernelError::type_error(argument, concat!("must be of the kind ", $kind))
                })?;
                Self::convert(abi, argument)
            }
        }
    };
}

scalar_param!(
    /// Any number, NaN and infinities included (the kernel decides).
    Number, f64, f64, "number", |v, _arg| Ok(v)
);
scalar_param!(
    /// A finite number.
    Finite, f64, f64, "number", |v, arg| check::finite(arg, v)
);
scalar_param!(
    /// A non-negative integer that fits in `usize` (a length or a dimension).
    Size, f64, usize, "number", |v, arg| size(arg, v)
);
scalar_param!(
    /// A non-negative integer up to 2⁵³ − 1 (a limit that need not fit in memory).
    Count, f64, u64, "number", |v, arg| whole_number(arg, v)
);
scalar_param!(
    /// An optional number (`undefined` or `null` for none).
    OptNumber, Option<f64>, Option<f64>, "number?", |v, _arg| Ok(v)
);
scalar_param!(
    /// An optional finite number (`undefined` or `null` for none).
    OptFinite, Option<f64>, Option<f64>, "number?", |v, arg| v.map(|v| check::finite(arg, v)).transpose()
);
scalar_param!(
    /// A short string (an option name).
    Str, String, String, "string", |v, _arg| Ok(v)
);
scalar_param!(
    /// An optional short string (`undefined` or `null` for none).
    OptStr, Option<String>, Option<String>, "string?", |v, _arg| Ok(v)
);

macro_rules! number_ret {
    ($(#[$doc:meta])* $name:ident, $value:ty, $abi:ty) => {
        $(#[$doc])*
        pub struct $name;
        impl Ret for $name {
            type Value = $value;
            type Abi = $abi;
            const KIND: &'static str = "number";
            fn finish(value: $value) -> $abi {
                value as $abi
            }
        }
    };
}

number_ret!(
    /// A float64 result.
    Scalar, f64, f64
);
number_ret!(
    /// An address in wasm memory (a JS number).
    Address, u32, u32
);
number_ret!(
    /// An index result (a JS number).
    Index, usize, f64
);

macro_rules! array_ret {
    ($(#[$doc:meta])* $name:ident, $elem:ty, $kind:literal) => {
        $(#[$doc])*
        pub struct $name;
        impl Ret for $name {
            type Value = Vec<$elem>;
            type Abi = u32;
            const KIND: &'static str = $kind;
            fn finish(value: Vec<$elem>) -> u32 {
                regions::keep(value)
            }
        }
    };
}

array_ret!(
    /// A float64 vector result (a resident region id).
    F64Vec, f64, "f64s"
);
array_ret!(
    /// A float32 vector result (a resident region id of float32 elements).
    F32Vec, f32, "f32s"
);
array_ret!(
    /// A uint32 vector result (a resident region id).
    U32Vec, u32, "u32s"
);
array_ret!(
    /// An RGBA image result (a resident region id of uint8 elements).
    RgbaVec, u8, "rgba"
);

/// `(counts, edges)` of a histogram: two resident region ids `[counts, edges]`.
pub struct Histogram;
impl Ret for Histogram {
    type Value = (Vec<u32>, Vec<f64>);
    type Abi = Vec<u32>;
    const KIND: &'static str = "histogram";
    fn finish((counts, edges): Self::Value) -> Vec<u32> {
        vec![regions::keep(counts), regions::keep(edges)]
    }
}

/// `[(word, count), …]` as JSON text `[["word", count], …]`, built without calling into JS.
pub struct WordCounts;
impl Ret for WordCounts {
    type Value = Vec<(String, u32)>;
    type Abi = String;
    const KIND: &'static str = "json";
    fn finish(pairs: Self::Value) -> String {
        let mut json = String::from("[");
        for (i, (word, count)) in pairs.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            json.push('[');
            push_json_string(&mut json, word);
            json.push_str(&format!(",{count}]"));
        }
        json.push(']');
        json
    }
}

/// Appends `s` to `out` as a JSON string literal.
fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Declares wasm exports of kernels, each once, and records their signatures in `SIGNATURES`.
///
/// ```ignore
/// kernel_exports! {
///     /// Mean of the elements, `np.mean(x)`. Errors: `x` empty (value).
///     #[js_name = "mean"]
///     fn mean(x: F64s) -> Scalar { reduce::mean(&x) }
/// }
/// ```
///
/// Each parameter is `name: Kind` with a [`Param`] kind, the result a [`Ret`] kind; the body
/// sees every parameter converted (`&x` is a `&[f64]` for [`F64s`]) and returns a
/// `KernelResult` of the result's value. Argument names are the kernel's snake_case names; the JS
/// wrapper shows them in camelCase.
#[macro_export]
macro_rules! kernel_exports {
    ($(
        $(#[doc = $doc:tt])*
        #[js_name = $js:literal]
        fn $name:ident($($arg:ident: $kind:ty),* $(,)?) -> $ret:ty $(, check $check:block)? $body:block
    )*) => {
        $(
            $(#[doc = $doc])*
            #[::wasm_bindgen::prelude::wasm_bindgen(js_name = $js)]
            pub fn $name(
                $($arg: <$kind as $crate::params::Param>::Abi),*
            ) -> $crate::error::BindResult<<$ret as $crate::params::Ret>::Abi> {
                $(let $arg = <$kind as $crate::params::Param>::convert($arg, stringify!($arg))?;)*
                #[allow(clippy::redundant_closure_call)]
                let result: ::fastwasm_kernels::KernelResult<<$ret as $crate::params::Ret>::Value> =
                    (|| $body)();
                Ok(<$ret as $crate::params::Ret>::finish(result?))
            }
        )*

        /// Checks the arguments of export `name` before its arrays are staged: `args` holds each
        /// array's length and each scalar (see [`Param::precheck`]); runs the export's `check`
        /// clause, if any, on them. `None` if no export of this module is called `name`.
        #[allow(unused_variables)]
        pub fn check(
            name: &str,
            args: &[::wasm_bindgen::JsValue],
        ) -> Option<::fastwasm_kernels::KernelResult<()>> {
            match name {
                $($js => Some((|| {
                    let mut values = args.iter();
                    let undefined = ::wasm_bindgen::JsValue::UNDEFINED;
                    $(let $arg = <$kind as $crate::params::Param>::precheck(
                        values.next().unwrap_or(&undefined),
                        stringify!($arg),
                    )?;)*
                    $($check?;)?
                    Ok(())
                })()),)*
                _ => None,
            }
        }

        /// The signatures of this module's exports, for the JS wrapper.
        pub const SIGNATURES: &[$crate::params::Signature] = &[$(
            $crate::params::Signature {
                name: $js,
                params: &[$((stringify!($arg), <$kind as $crate::params::Param>::KIND)),*],
                result: <$ret as $crate::params::Ret>::KIND,
            }
        ),*];

        /// This module's exports, for the list of families in `crate::exports`.
        pub const FAMILY: $crate::params::Family = $crate::params::Family { signatures: SIGNATURES, check };
    };
}
