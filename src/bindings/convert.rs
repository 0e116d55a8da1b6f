//! Conversion of JS arguments into Rust values, with errors that name the argument.

use std::borrow::Cow;

use js_sys::{
    Array, ArrayBuffer, BigInt64Array, BigUint64Array, DataView, Float64Array, Uint8Array,
    Uint8ClampedArray, WebAssembly,
};
use wasm_bindgen::{JsCast, JsError, JsValue};

use crate::error::KernelError;
use crate::kernels::alloc;

/// Result type of every export.
pub type JsResult<T> = Result<T, JsError>;

/// The JS `Error` thrown for a kernel error.
pub fn js_error(err: KernelError) -> JsError {
    JsError::new(err.message())
}

/// True when `buffer` is this instance's linear memory.
fn is_own_memory(buffer: &JsValue) -> bool {
    let memory: WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory.buffer() == *buffer
}

/// A 1-D float64 argument.
///
/// Accepts a `Float64Array` (copied into wasm memory once, or read in place when it is already a
/// view on this module's memory, as the Python package passes it), any other non-BigInt typed
/// array (converted), or a plain array whose elements are all numbers.
pub fn f64_vector<'a>(
    func: &str,
    arg: &str,
    value: &'a JsValue,
) -> Result<Cow<'a, [f64]>, KernelError> {
    if let Some(array) = value.dyn_ref::<Float64Array>() {
        return float64_array(func, array);
    }
    if ArrayBuffer::is_view(value)
        && !value.is_instance_of::<DataView>()
        && !value.is_instance_of::<BigInt64Array>()
        && !value.is_instance_of::<BigUint64Array>()
    {
        let converted = Float64Array::new(value);
        return Ok(Cow::Owned(copy_out(func, &converted)?));
    }
    if let Some(array) = value.dyn_ref::<Array>() {
        return Ok(Cow::Owned(number_array(func, arg, array)?));
    }
    Err(KernelError::type_error(
        func,
        format!(
            "{arg} must be a Float64Array or an array of numbers, got {}",
            describe(value)
        ),
    ))
}

fn float64_array<'a>(func: &str, array: &'a Float64Array) -> Result<Cow<'a, [f64]>, KernelError> {
    let len = array.length() as usize;
    if len == 0 {
        return Ok(Cow::Borrowed(&[]));
    }
    if is_own_memory(&array.buffer()) {
        // SAFETY: the view lies inside this instance's linear memory, which never moves or
        // shrinks, is 8-byte aligned (a Float64Array's byteOffset is a multiple of 8), and is
        // only read during this call.
        let data =
            unsafe { std::slice::from_raw_parts(array.byte_offset() as usize as *const f64, len) };
        return Ok(Cow::Borrowed(data));
    }
    Ok(Cow::Owned(copy_out(func, array)?))
}

fn copy_out(func: &str, array: &Float64Array) -> Result<Vec<f64>, KernelError> {
    let mut data = alloc::filled(func, array.length() as usize, 0.0)?;
    array.copy_to(&mut data);
    Ok(data)
}

fn number_array(func: &str, arg: &str, array: &Array) -> Result<Vec<f64>, KernelError> {
    let len = array.length();
    let mut data = alloc::with_capacity(func, len as usize)?;
    for i in 0..len {
        let item = array.get(i);
        match item.as_f64() {
            Some(v) => data.push(v),
            None => {
                return Err(KernelError::type_error(
                    func,
                    format!("{arg}[{i}] must be a number, got {}", describe(&item)),
                ))
            }
        }
    }
    Ok(data)
}

/// A JS number argument. Anything else (a numeric string, `null`, a boolean, a BigInt, an
/// object) is a type error rather than being coerced.
pub fn number(func: &str, arg: &str, value: &JsValue) -> Result<f64, KernelError> {
    value.as_f64().ok_or_else(|| {
        KernelError::type_error(
            func,
            format!("{arg} must be a number, got {}", describe(value)),
        )
    })
}

/// An optional JS number argument: `undefined` or `null` give `None`.
pub fn optional_number(func: &str, arg: &str, value: &JsValue) -> Result<Option<f64>, KernelError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    number(func, arg, value).map(Some)
}

/// A non-negative whole number passed as a JS number (a count, size or limit), at most 2⁵³ − 1.
pub fn whole_number(func: &str, arg: &str, value: &JsValue) -> Result<u64, KernelError> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    let value = number(func, arg, value)?;
    if !value.is_finite() || value.fract() != 0.0 || value < 0.0 {
        return Err(KernelError::value(
            func,
            format!("{arg} must be a non-negative integer, got {value}"),
        ));
    }
    if value > MAX_SAFE {
        return Err(KernelError::value(
            func,
            format!("{arg} is too large, got {value}"),
        ));
    }
    Ok(value as u64)
}

/// [`whole_number`] that must also fit in `usize` (wasm32: below 2³²).
pub fn size(func: &str, arg: &str, value: &JsValue) -> Result<usize, KernelError> {
    let n = whole_number(func, arg, value)?;
    usize::try_from(n).map_err(|_| KernelError::value(func, format!("{arg} is too large, got {n}")))
}

/// A finite float64 argument.
pub fn finite(func: &str, arg: &str, value: &JsValue) -> Result<f64, KernelError> {
    let value = number(func, arg, value)?;
    if value.is_finite() {
        Ok(value)
    } else {
        Err(KernelError::value(
            func,
            format!("{arg} must be finite, got {value}"),
        ))
    }
}

/// Names what sized a result in an out-of-memory error, e.g. `"… (bins = 268435456)"`; other
/// errors pass unchanged.
pub fn sized_by(err: KernelError, what: impl std::fmt::Display) -> KernelError {
    match err {
        KernelError::Memory(message) => KernelError::Memory(format!("{message} ({what})")),
        other => other,
    }
}

/// A short description of a JS value's type for error messages.
fn describe(value: &JsValue) -> String {
    if value.is_null() {
        return "null".into();
    }
    if let Some(obj) = value.dyn_ref::<js_sys::Object>() {
        if !value.is_function() {
            let name = obj.constructor().name();
            if name.length() > 0 {
                return String::from(name);
            }
        }
    }
    value
        .js_typeof()
        .as_string()
        .unwrap_or_else(|| "unknown".into())
}

/// Converts the 1-D float64 argument `x` of `func` and applies `kernel` to it.
pub fn with_f64<T>(
    func: &str,
    x: &JsValue,
    kernel: impl FnOnce(&[f64]) -> Result<T, KernelError>,
) -> JsResult<T> {
    let x = f64_vector(func, "x", x).map_err(js_error)?;
    kernel(&x).map_err(js_error)
}

/// An RGBA image argument: a `Uint8ClampedArray` (as in `ImageData.data`) or a `Uint8Array`;
/// read in place when it is a view on this module's memory, copied once otherwise.
pub fn rgba_bytes<'a>(
    func: &str,
    arg: &str,
    value: &'a JsValue,
) -> Result<Cow<'a, [u8]>, KernelError> {
    let bytes: Uint8Array = if value.is_instance_of::<Uint8ClampedArray>() {
        let clamped: &Uint8ClampedArray = value.unchecked_ref();
        Uint8Array::new_with_byte_offset_and_length(
            &clamped.buffer(),
            clamped.byte_offset(),
            clamped.length(),
        )
    } else if let Some(plain) = value.dyn_ref::<Uint8Array>() {
        plain.clone()
    } else {
        return Err(KernelError::type_error(
            func,
            format!(
                "{arg} must be a Uint8ClampedArray or Uint8Array of RGBA bytes, got {}",
                describe(value)
            ),
        ));
    };
    let len = bytes.length() as usize;
    if len == 0 {
        return Ok(Cow::Borrowed(&[]));
    }
    if is_own_memory(&bytes.buffer()) {
        // SAFETY: as in `float64_array`: a live region of this instance's memory, only read.
        let data =
            unsafe { std::slice::from_raw_parts(bytes.byte_offset() as usize as *const u8, len) };
        return Ok(Cow::Borrowed(data));
    }
    let mut data = alloc::filled(func, len, 0u8)?;
    bytes.copy_to(&mut data);
    Ok(Cow::Owned(data))
}

/// A string argument.
///
/// wasm-bindgen copies the string into wasm memory with an infallible allocation (up to 3 bytes
/// per UTF-16 code unit), so the room for it is reserved first: a string too long for wasm memory
/// is an out-of-memory error instead of a trap.
pub fn string(func: &str, arg: &str, value: &JsValue) -> Result<String, KernelError> {
    if let Some(s) = value.dyn_ref::<js_sys::JsString>() {
        let units = s.length() as usize;
        alloc::ensure_available::<u8>(func, units.saturating_mul(3)).map_err(|_| {
            KernelError::memory(
                func,
                format!("{arg} is too long for wasm memory ({units} UTF-16 code units)"),
            )
        })?;
    }
    value.as_string().ok_or_else(|| {
        KernelError::type_error(
            func,
            format!("{arg} must be a string, got {}", describe(value)),
        )
    })
}
