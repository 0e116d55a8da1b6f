//! Typed element buffers as both bindings hold them: the wasm binding's regions of wasm memory
//! and the native extension's Rust-owned arrays. The kinds' numbers are what JS and Python pass
//! as `kind`.

use crate::alloc;
use crate::error::{KernelError, KernelResult};

/// An element type, numbered as the bindings pass it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// float64 (`Float64Array`, Python format "d")
    F64 = 0,
    /// uint32 (`Uint32Array`, format "I"; also code points)
    U32 = 1,
    /// uint8 (`Uint8Array`, `Uint8ClampedArray`, format "B"; also UTF-8 text)
    U8 = 2,
    /// float32 (`Float32Array`, format "f")
    F32 = 3,
}

impl Kind {
    /// The kind numbered `code`.
    ///
    /// Errors: [`Value`](crate::ErrorKind::Value) `"kind must be 0 (float64), 1 (uint32), 2
    /// (uint8) or 3 (float32), got {code}"`.
    pub fn from_code(code: u32) -> KernelResult<Kind> {
        match code {
            0 => Ok(Kind::F64),
            1 => Ok(Kind::U32),
            2 => Ok(Kind::U8),
            3 => Ok(Kind::F32),
            _ => Err(KernelError::value(
                "kind",
                format!("must be 0 (float64), 1 (uint32), 2 (uint8) or 3 (float32), got {code}"),
            )),
        }
    }

    /// Bytes per element.
    pub fn size(self) -> usize {
        match self {
            Kind::F64 => 8,
            Kind::U32 | Kind::F32 => 4,
            Kind::U8 => 1,
        }
    }
}

/// A buffer of elements of one [`Kind`].
pub enum Data {
    /// float64 elements
    F64(Vec<f64>),
    /// uint32 elements
    U32(Vec<u32>),
    /// uint8 elements
    U8(Vec<u8>),
    /// float32 elements
    F32(Vec<f32>),
}

impl Data {
    /// `len` zeroed elements of `kind`.
    ///
    /// Errors: [`Memory`](crate::ErrorKind::Memory) naming `argument` when they cannot be
    /// allocated.
    pub fn zeroed(kind: Kind, argument: &'static str, len: usize) -> KernelResult<Data> {
        Ok(match kind {
            Kind::F64 => Data::F64(alloc::filled(argument, len, 0.0)?),
            Kind::U32 => Data::U32(alloc::filled(argument, len, 0)?),
            Kind::U8 => Data::U8(alloc::filled(argument, len, 0)?),
            Kind::F32 => Data::F32(alloc::filled(argument, len, 0.0)?),
        })
    }

    /// The element kind.
    pub fn kind(&self) -> Kind {
        match self {
            Data::F64(_) => Kind::F64,
            Data::U32(_) => Kind::U32,
            Data::U8(_) => Kind::U8,
            Data::F32(_) => Kind::F32,
        }
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        match self {
            Data::F64(v) => v.len(),
            Data::U32(v) => v.len(),
            Data::U8(v) => v.len(),
            Data::F32(v) => v.len(),
        }
    }

    /// Whether there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The address of the first element (dangling but aligned when empty).
    pub fn address(&self) -> usize {
        match self {
            Data::F64(v) => v.as_ptr() as usize,
            Data::U32(v) => v.as_ptr() as usize,
            Data::U8(v) => v.as_ptr() as usize,
            Data::F32(v) => v.as_ptr() as usize,
        }
    }
}
