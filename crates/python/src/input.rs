//! Array arguments read in place through the buffer protocol.

use std::ops::Deref;
use std::ptr::NonNull;

use pyo3::buffer::{Element, PyUntypedBuffer};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyMemoryView};

/// The elements of a Python buffer for the duration of one kernel call: borrowed when the
/// buffer is C-contiguous and aligned for `T` (the buffer stays exported until the `Input` is
/// dropped), else copied once. An empty buffer borrows nothing: its address may be anything.
pub struct Input<T: Element> {
    /// Keeps the buffer exported (and its object alive) while `borrowed` points into it.
    _buffer: PyUntypedBuffer,
    /// A copy of a buffer that is empty, not C-contiguous or not aligned for `T`.
    owned: Vec<T>,
    /// The borrowed elements, or `None` when they are in `owned`.
    borrowed: Option<NonNull<[T]>>,
}

// SAFETY: `Input` only reads the buffer's elements; `PyUntypedBuffer` is Send + Sync, and the
// pointer refers to memory that the exported buffer keeps alive. As with numpy's own kernels,
// another thread writing to the same array while the GIL is released races on values, not on
// memory.
unsafe impl<T: Element> Send for Input<T> {}
// SAFETY: as for Send.
unsafe impl<T: Element> Sync for Input<T> {}

impl<T: Element + Copy> Input<T> {
    /// Borrows (or copies) the elements of `obj`, which must export a buffer of `T`.
    ///
    /// Errors: `TypeError` naming `argument` when `obj` is not such a buffer (the package only
    /// passes buffers of the right element type, so this is an internal error).
    pub fn from_object(obj: &Bound<'_, PyAny>, argument: &'static str) -> PyResult<Self> {
        let not_a_buffer = |e: &dyn std::fmt::Display| {
            PyTypeError::new_err(format!(
                "{argument} must be a buffer of {} ({e})",
                std::any::type_name::<T>()
            ))
        };
        let buffer = PyUntypedBuffer::get(obj).map_err(|e| not_a_buffer(&e))?;
        if buffer.item_size() != std::mem::size_of::<T>()
            || !T::is_compatible_format(buffer.format())
        {
            return Err(not_a_buffer(&format_args!(
                "got format {:?}",
                buffer.format()
            )));
        }
        let aligned = buffer.buf_ptr().align_offset(std::mem::align_of::<T>()) == 0;
        let (owned, borrowed) = if buffer.item_count() == 0 {
            (Vec::new(), None)
        } else if aligned {
            // `as_typed` checks format and alignment, both known to hold here.
            let typed = buffer.as_typed::<T>()?;
            match typed.as_slice_ptr() {
                Some(slice) => (Vec::new(), Some(slice)),
                None => (typed.to_vec(obj.py())?, None),
            }
        } else {
            (unaligned_copy(obj, buffer.item_count())?, None)
        };
        Ok(Input {
            _buffer: buffer,
            owned,
            borrowed,
        })
    }
}

/// The `len` elements of `obj`'s buffer, which is not aligned for `T`: its bytes in C order
/// (`memoryview(obj).tobytes()`) copied into aligned elements.
fn unaligned_copy<T: Element + Copy>(obj: &Bound<'_, PyAny>, len: usize) -> PyResult<Vec<T>> {
    let bytes = PyMemoryView::from(obj)?.call_method0("tobytes")?;
    let bytes = bytes.cast_into::<PyBytes>()?;
    let bytes = bytes.as_bytes();
    if bytes.len() != len * std::mem::size_of::<T>() {
        return Err(PyTypeError::new_err(
            "buffer changed size while it was read",
        ));
    }
    let mut out: Vec<T> = Vec::with_capacity(len);
    // SAFETY: `out` has room for `len` elements, which `bytes` fills exactly (checked above);
    // any bit pattern is a valid `T` (an `Element` is a plain number type).
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), out.as_mut_ptr().cast::<u8>(), bytes.len());
        out.set_len(len);
    }
    Ok(out)
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
