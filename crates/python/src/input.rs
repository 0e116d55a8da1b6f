//! Array arguments read in place through the buffer protocol.

use std::ops::Deref;
use std::ptr::NonNull;

use pyo3::buffer::{Element, PyBuffer};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

/// The elements of a Python buffer for the duration of one kernel call: borrowed when the
/// buffer is C-contiguous (the buffer stays exported until the `Input` is dropped), else copied
/// once.
pub struct Input<T: Element> {
    /// Keeps the buffer exported (and its object alive) while `slice` points into it.
    _buffer: PyBuffer<T>,
    /// A copy of a buffer that is not C-contiguous.
    owned: Vec<T>,
    /// The borrowed elements, or `None` when they are in `owned`.
    borrowed: Option<NonNull<[T]>>,
}

// SAFETY: `Input` only reads the buffer's elements; `PyBuffer` is Send + Sync, and the pointer
// refers to memory that the exported buffer keeps alive. As with numpy's own kernels, another
// thread writing to the same array while the GIL is released races on values, not on memory.
unsafe impl<T: Element> Send for Input<T> {}
// SAFETY: as for Send.
unsafe impl<T: Element> Sync for Input<T> {}

impl<T: Element + Copy> Input<T> {
    /// Borrows (or copies) the elements of `obj`, which must export a buffer of `T`.
    ///
    /// Errors: `TypeError` naming `argument` when `obj` is not such a buffer (the package only
    /// passes buffers of the right element type, so this is an internal error).
    pub fn from_object(obj: &Bound<'_, PyAny>, argument: &'static str) -> PyResult<Self> {
        let buffer = PyBuffer::<T>::get(obj).map_err(|e| {
            PyTypeError::new_err(format!(
                "{argument} must be a buffer of {} ({e})",
                std::any::type_name::<T>()
            ))
        })?;
        let borrowed = buffer.as_slice_ptr();
        let owned = match borrowed {
            Some(_) => Vec::new(),
            None => buffer.to_vec(obj.py())?,
        };
        Ok(Input {
            _buffer: buffer,
            owned,
            borrowed,
        })
    }
}

impl<T: Element> Deref for Input<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        match self.borrowed {
            // SAFETY: the exported buffer (`_buffer`) keeps these elements alive and in place.
            Some(slice) => unsafe { slice.as_ref() },
            None => &self.owned,
        }
    }
}

/// The text of a UTF-8 argument, borrowed like an [`Input`].
pub struct Text(Input<u8>);

impl Text {
    /// `obj`'s bytes, checked to be UTF-8.
    pub fn new(bytes: Input<u8>) -> Result<Text, std::str::Utf8Error> {
        std::str::from_utf8(&bytes)?;
        Ok(Text(bytes))
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        // Checked to be UTF-8 when the Text was made.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}
