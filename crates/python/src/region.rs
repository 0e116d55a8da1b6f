//! [`Region`]: an array owned by Rust that Python reads and writes through the buffer protocol.

use std::cell::UnsafeCell;
use std::ffi::{c_char, c_int, c_void, CStr};

use fastwasm_kernels::{alloc, args, KernelError, KernelResult};
use pyo3::exceptions::PyBufferError;
use pyo3::ffi;
use pyo3::prelude::*;

use crate::error::to_py;

/// A region's elements. The numbers of the kinds are those of the wasm build's regions
/// (src/regions.rs), which the Python package passes as `kind`.
pub enum Data {
    /// kind 0: float64 (format "d")
    F64(Vec<f64>),
    /// kind 1: uint32 (format "I")
    U32(Vec<u32>),
    /// kind 2: uint8 (format "B")
    U8(Vec<u8>),
    /// kind 3: float32 (format "f")
    F32(Vec<f32>),
}

impl Data {
    fn zeroed(kind: u32, len: usize) -> KernelResult<Data> {
        Ok(match kind {
            0 => Data::F64(alloc::filled("len", len, 0.0)?),
            1 => Data::U32(alloc::filled("len", len, 0)?),
            2 => Data::U8(alloc::filled("len", len, 0)?),
            3 => Data::F32(alloc::filled("len", len, 0.0)?),
            _ => {
                return Err(KernelError::value(
                    "kind",
                    format!(
                        "must be 0 (float64), 1 (uint32), 2 (uint8) or 3 (float32), got {kind}"
                    ),
                ))
            }
        })
    }

    /// (kind, element count, element size, buffer format, address)
    fn layout(&self) -> (u32, usize, usize, &'static CStr, *const c_void) {
        match self {
            Data::F64(v) => (0, v.len(), 8, c"d", v.as_ptr().cast()),
            Data::U32(v) => (1, v.len(), 4, c"I", v.as_ptr().cast()),
            Data::U8(v) => (2, v.len(), 1, c"B", v.as_ptr().cast()),
            Data::F32(v) => (3, v.len(), 4, c"f", v.as_ptr().cast()),
        }
    }
}

/// A 1-D array owned by Rust: a kernel's array result, or the storage of a
/// `fastwasm.ResidentArray` on CPython. It exports a writable buffer (`memoryview(region)`,
/// `numpy.frombuffer(region, dtype)`), so results reach Python without a copy. `kind` is 0
/// (float64), 1 (uint32), 2 (uint8) or 3 (float32); `len()` its element count.
#[pyclass(frozen, module = "fastwasm._native")]
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
        let (_, len, itemsize, _, _) = data.layout();
        Region {
            data: UnsafeCell::new(data),
            shape: [len as ffi::Py_ssize_t],
            strides: [itemsize as ffi::Py_ssize_t],
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
        let data = Data::zeroed(kind, len).map_err(|e| to_py(py, e))?;
        Ok(Region::new(data))
    }

    /// The element kind: 0 float64, 1 uint32, 2 uint8, 3 float32.
    #[getter]
    fn kind(&self) -> u32 {
        self.data().layout().0
    }

    fn __len__(&self) -> usize {
        self.data().layout().1
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
        let (_, len, itemsize, format, address) = region.data().layout();
        // SAFETY: `view` is the Py_buffer CPython asks us to fill; every pointer stored in it
        // refers to this region, which the buffer's reference (`obj`) keeps alive and in place.
        unsafe {
            (*view).buf = address.cast_mut();
            (*view).len = (len * itemsize) as ffi::Py_ssize_t;
            (*view).readonly = 0;
            (*view).itemsize = itemsize as ffi::Py_ssize_t;
            (*view).format = if flags & ffi::PyBUF_FORMAT != 0 {
                format.as_ptr().cast_mut()
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
        let (kind, len, ..) = self.data().layout();
        format!("Region(kind={kind}, len={len})")
    }
}
