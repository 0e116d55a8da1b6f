//! Lists and tuples of numbers read straight into a [`Region`], the native fast path of the
//! package's sequence inputs.

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use fastwasm_kernels::elements::Data;

use crate::region::Region;

/// `f64_region(seq)`: the elements of a list or tuple of Python floats and ints as a float64
/// [`Region`], or `None` when `seq` is neither or holds anything else (another number type, an
/// int beyond float64's range): the package then converts it with `array.array("d", seq)`,
/// which gives its usual errors. Numerically the same as `array.array("d", seq)`, several times
/// faster.
#[pyfunction]
pub fn f64_region(seq: &Bound<'_, PyAny>) -> PyResult<Option<Region>> {
    let values = if let Ok(list) = seq.cast::<PyList>() {
        // SAFETY: the GIL is held and no Python code runs while the items are read, so the
        // list cannot change; each borrowed item lives as long as the list.
        floats(list.len(), |i| unsafe {
            ffi::PyList_GetItem(list.as_ptr(), i)
        })
    } else if let Ok(tuple) = seq.cast::<PyTuple>() {
        // SAFETY: as for the list; a tuple never changes.
        floats(tuple.len(), |i| unsafe {
            ffi::PyTuple_GetItem(tuple.as_ptr(), i)
        })
    } else {
        None
    };
    Ok(values.map(|v| Region::new(Data::F64(v))))
}

/// The `len` items that `item(i)` borrows as f64, or `None` at the first that is not a float
/// or an int within range.
fn floats(len: usize, item: impl Fn(ffi::Py_ssize_t) -> *mut ffi::PyObject) -> Option<Vec<f64>> {
    let mut out = Vec::new();
    out.try_reserve_exact(len).ok()?;
    for i in 0..len {
        out.push(number(item(i as ffi::Py_ssize_t))?);
    }
    Some(out)
}

/// A float's value, or an int's as `array.array("d")` converts it (exact below 2⁵³, correctly
/// rounded beyond); `None` for anything else or an int beyond float64's range.
fn number(ptr: *mut ffi::PyObject) -> Option<f64> {
    if ptr.is_null() {
        return None;
    }
    // SAFETY: `ptr` is a live object borrowed from the sequence and the GIL is held. Neither
    // call runs Python code: PyFloat_AsDouble reads a float (or float subclass) directly, and
    // PyLong_AsDouble an int's digits. Plain type checks, not PyO3 casts, whose error objects
    // would dominate the cost of a mixed list.
    unsafe {
        if ffi::PyFloat_Check(ptr) != 0 {
            return Some(ffi::PyFloat_AsDouble(ptr));
        }
        if ffi::PyLong_Check(ptr) != 0 {
            let value = ffi::PyLong_AsDouble(ptr);
            if value == -1.0 && !ffi::PyErr_Occurred().is_null() {
                ffi::PyErr_Clear(); // OverflowError: array.array reports it by name
                return None;
            }
            return Some(value);
        }
    }
    None
}
