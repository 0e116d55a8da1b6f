//! [`Region`]: an array owned by Rust that Python reads and writes through the buffer protocol.

use std::cell::UnsafeCell;
use std::ffi::{c_char, c_int, c_void, CStr};

use fastwasm_kernels::elements::{Data, Kind};
use fastwasm_kernels::{args, KernelError};
use pyo3::exceptions::PyBufferError;
use pyo3::ffi;
use pyo3::prelude::*;

use crate::error::to_py;

/// The buffer format of each kind's elements.
fn format(kind: Kind) -> &'static CStr {
    match kind {
        Kind::F64 => c"d",
        Kind::U32 => c"I",
        Kind::U8 => c"B",
        Kind::F32 => c"f",
    }
}

/// A 1-D array owned by Rust: a kernel's array result, or the storage of a
/// `fastwasm.ResidentArray` on CPython. It exports a writable buffer (`memoryview(region)`,
/// `numpy.frombuffer(region, dtype)`), so results reach Python without a copy. `kind` is 0
/// (float64), 1 (uint32), 2 (uint8) or 3 (float32); `len()` its element count. A weak reference
/// (`weakref.ref(region)`) tells when the last owner let it go and its memory was freed.
#[pyclass(frozen, weakref, module = "fastwasm._native")]
pub struct Region {
    /// Written only by Python through the exported buffer, like a bytearray's bytes.
    data: UnsafeCell<Data>,
    /// The buffer's shape and strides, which Py_buffer points to for as long as it is exported.
    shape: [ffi::Py_ssize_t; 1],
    strides: [ffi::Py_ssize_t; 1],
}

// SAFETY: the Vec inside `data` is never resized or replaced after construction; its elements
// are only accessed through exported buffers, with the same rules as any Python buffer.
unsafe impl Sync for Region {}

impl Region {
    /// A region holding `data`.
    pub fn new(data: Data) -> Region {
        Region {
            shape: [data.len() as ffi::Py_ssize_t],
            strides: [data.kind().size() as ffi::Py_ssize_t],
            data: UnsafeCell::new(data),
        }
    }

    fn data(&self) -> &Data {
        // SAFETY: the Data enum itself (tag, Vec header) is never mutated after construction.
        unsafe { &*self.data.get() }
    }
}

#[pymethods]
impl Region {
    /// `Region(kind, len)`: `len` zeroed elements of `kind`.
    ///
    /// Errors: `KernelError` of kind "value" for a bad `kind` or `len`, "memory" when the
    /// elements cannot be allocated.
    #[new]
    fn py_new(py: Python<'_>, kind: u32, len: f64) -> PyResult<Region> {
        let len = args::whole_number("len", len)
            .and_then(|n| usize::try_from(n).map_err(|_| KernelError::value("len", "is too large")))
            .map_err(|e| to_py(py, e))?;
        let data = Kind::from_code(kind)
            .and_then(|kind| Data::zeroed(kind, "len", len))
            .map_err(|e| to_py(py, e))?;
        Ok(Region::new(data))
    }

    /// The element kind: 0 float64, 1 uint32, 2 uint8, 3 float32.
    #[getter]
    fn kind(&self) -> u32 {
        self.data().kind() as u32
    }

    fn __len__(&self) -> usize {
        self.data().len()
    }

    /// Exports the elements as a writable, C-contiguous 1-D buffer.
    unsafe fn __getbuffer__(
        slf: Bound<'_, Self>,
        view: *mut ffi::Py_buffer,
        flags: c_int,
    ) -> PyResult<()> {
        if view.is_null() {
            return Err(PyBufferError::new_err("Region: view is null"));
        }
        let region = slf.get();
        let data = region.data();
        let (kind, len, address) = (data.kind(), data.len(), data.address() as *mut c_void);
        // SAFETY: `view` is the Py_buffer CPython asks us to fill; every pointer stored in it
        // refers to this region, which the buffer's reference (`obj`) keeps alive and in place.
        unsafe {
            (*view).buf = address;
            (*view).len = (len * kind.size()) as ffi::Py_ssize_t;
            (*view).readonly = 0;
            (*view).itemsize = kind.size() as ffi::Py_ssize_t;
            (*view).format = if flags & ffi::PyBUF_FORMAT != 0 {
                format(kind).as_ptr().cast_mut()
            } else {
                std::ptr::null_mut::<c_char>()
            };
            (*view).ndim = 1;
            (*view).shape = if flags & ffi::PyBUF_ND != 0 {
                region.shape.as_ptr().cast_mut()
            } else {
                std::ptr::null_mut()
            };
            (*view).strides = if flags & ffi::PyBUF_STRIDES == ffi::PyBUF_STRIDES {
                region.strides.as_ptr().cast_mut()
            } else {
                std::ptr::null_mut()
            };
            (*view).suboffsets = std::ptr::null_mut();
            (*view).internal = std::ptr::null_mut();
            (*view).obj = slf.into_any().into_ptr();
        }
        Ok(())
    }

    fn __repr__(&self) -> String {
        let data = self.data();
        format!("Region(kind={}, len={})", data.kind() as u32, data.len())
    }
}
