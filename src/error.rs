//! Kernel errors as JavaScript errors.
//!
//! A [`KernelError`] crosses the boundary as a JS error whose class follows its kind — `TypeError`
//! for [`ErrorKind::Type`], `RangeError` for [`ErrorKind::Value`], an `Error` named `MemoryError`
//! for [`ErrorKind::Memory`] — with the own properties `kind` (`"type"`, `"value"` or `"memory"`),
//! `argument` (the kernel's snake_case name, e.g. `"max_iter"`) and `detail` (`"must not be
//! empty"`). Its message is `"<argument> <detail>"`: no function name, and the argument in the
//! kernel's spelling. The JS wrapper rethrows it as `"<jsFunction>: <jsArgument> <detail>"` and the
//! Python package as `"<python_function>: <argument> <detail>"`, each from the properties, never by
//! parsing the message.

use fastwasm_kernels::{ErrorKind, KernelError};
use js_sys::{Error as JsErrorObject, RangeError, Reflect, TypeError};
use wasm_bindgen::JsValue;

/// The error type of every export: a kernel error on its way to JavaScript.
#[derive(Debug)]
pub struct BindError(pub KernelError);

impl From<KernelError> for BindError {
    fn from(err: KernelError) -> Self {
        BindError(err)
    }
}

impl From<BindError> for JsValue {
    fn from(BindError(err): BindError) -> JsValue {
        let message = err.to_string();
        let error: JsValue = match err.kind {
            ErrorKind::Type => TypeError::new(&message).into(),
            ErrorKind::Value => RangeError::new(&message).into(),
            ErrorKind::Memory => {
                let error = JsErrorObject::new(&message);
                error.set_name("MemoryError");
                error.into()
            }
        };
        // Own data properties of a fresh error object: defining them cannot fail.
        for (key, value) in [
            ("kind", err.kind.as_str()),
            ("argument", err.argument),
            ("detail", err.detail.as_str()),
        ] {
            let _ = Reflect::set(&error, &key.into(), &value.into());
        }
        error
    }
}

/// Result of every export.
pub type BindResult<T> = Result<T, BindError>;
