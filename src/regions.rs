//! Regions of wasm memory owned by fastwasm: where every array argument and result lives.
//!
//! A region holds float64, uint32, uint8 or float32 elements and is named by a `u32` id:
//! - **Staging regions** (ids `1..=STAGING_SLOTS`, one per array argument position) receive a
//!   call's inputs. [`stage`] sizes one and returns its address, the caller copies the input
//!   there, and passes its id to the export. A staging region's buffer only grows, so steady-state
//!   calls allocate nothing; its contents are valid until the next `stage` of the same slot.
//! - **Resident regions** (ids above `STAGING_SLOTS`) hold a kernel's result, or data a caller keeps
//!   in wasm memory across calls (`array()` in JS and Python). They live until [`region_free`].
//!
//! Kernels read regions in place: [`Input`] borrows a region's elements for the duration of one
//! export call. That is sound because regions change only through the exports of this module,
//! which JavaScript cannot call while another export runs (no JS runs during an export), and the
//! kernels never touch the registry. Nothing else is ever read in place: a typed array that merely
//! happens to lie in wasm memory is copied into a staging region like any other input.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Deref;

use fastwasm_kernels::elements::{Data, Kind};
use fastwasm_kernels::{KernelError, KernelResult};
use wasm_bindgen::prelude::*;

use crate::error::BindResult;
use crate::params::whole_number;

/// How many staging regions there are: one per array argument of the widest export.
pub const STAGING_SLOTS: u32 = 4;

struct Region {
    data: Data,
    len: usize,
}

#[derive(Default)]
struct Registry {
    staging: [Option<Region>; STAGING_SLOTS as usize],
    resident: HashMap<u32, Region>,
    last_id: u32,
}

impl Registry {
    fn get(&self, id: u32) -> Option<&Region> {
        match id {
            0 => None,
            id if id <= STAGING_SLOTS => self.staging[id as usize - 1].as_ref(),
            id => self.resident.get(&id),
        }
    }

    fn insert(&mut self, region: Region) -> u32 {
        loop {
            self.last_id = self.last_id.wrapping_add(1).max(STAGING_SLOTS + 1);
            if !self.resident.contains_key(&self.last_id) {
                break;
            }
        }
        self.resident.insert(self.last_id, region);
        self.last_id
    }
}

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::default();
}

/// Element types that regions hold.
pub trait Element: Copy + 'static {
    /// The region kind of this element type.
    const KIND: Kind;
    /// What the error says this argument must hold.
    const WHAT: &'static str;
    #[doc(hidden)]
    fn slice(data: &Data) -> Option<&[Self]>;
    #[doc(hidden)]
    fn wrap(v: Vec<Self>) -> Data;
}

macro_rules! element {
    ($t:ty, $kind:ident, $what:literal) => {
        impl Element for $t {
            const KIND: Kind = Kind::$kind;
            const WHAT: &'static str = $what;
            fn slice(data: &Data) -> Option<&[Self]> {
                match data {
                    Data::$kind(v) => Some(v),
                    _ => None,
                }
            }
            fn wrap(v: Vec<Self>) -> Data {
                Data::$kind(v)
            }
        }
    };
}
element!(f64, F64, "float64");
element!(u32, U32, "uint32");
element!(u8, U8, "uint8");
element!(f32, F32, "float32");

/// The elements of one region, borrowed for the duration of an export call.
pub struct Input<T: 'static> {
    ptr: *const T,
    len: usize,
}

impl<T: Element> Input<T> {
    /// The region `id` as the argument `argument`: an error if it is not a live region of `T`.
    pub fn from_id(id: u32, argument: &'static str) -> KernelResult<Self> {
        REGISTRY.with(|cell| {
            let registry = cell.borrow();
            let region = registry.get(id).ok_or_else(|| {
                KernelError::value(
                    argument,
                    "refers to wasm memory that was freed or never staged",
                )
            })?;
            let data = T::slice(&region.data).ok_or_else(|| {
                KernelError::type_error(argument, format!("must hold {} elements", T::WHAT))
            })?;
            Ok(Input {
                ptr: data.as_ptr(),
                len: region.len,
            })
        })
    }
}

impl<T> Deref for Input<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        // SAFETY: `ptr` and `len` describe the used part of a region's buffer (`len` never exceeds
        // the buffer's length). The buffer stays allocated and unchanged for the whole export call
        // that made this `Input`: only the exports of this module resize or free regions, JS cannot
        // call them while an export runs, and `Input` never outlives the export that made it.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }
}

/// Moves a kernel's result into a new resident region and returns its id.
pub fn keep<T: Element>(result: Vec<T>) -> u32 {
    let len = result.len();
    let region = Region {
        data: T::wrap(result),
        len,
    };
    REGISTRY.with(|cell| cell.borrow_mut().insert(region))
}

fn slot_index(slot: f64) -> KernelResult<usize> {
    let slot = whole_number("slot", slot)?;
    if slot >= u64::from(STAGING_SLOTS) {
        return Err(KernelError::value(
            "slot",
            format!("must be below {STAGING_SLOTS}, got {slot}"),
        ));
    }
    Ok(slot as usize)
}

fn length(len: f64) -> KernelResult<usize> {
    let len = whole_number("len", len)?;
    usize::try_from(len).map_err(|_| {
        KernelError::memory("len", format!("= {len} is beyond the wasm32 address space"))
    })
}

/// `__fwStage(slot, kind, len)`: makes staging region `slot` (0 to 3; its id is `slot + 1`) hold
/// `len` elements of `kind` (0 float64, 1 uint32, 2 uint8, 3 float32) and returns its address in wasm memory,
/// where the caller writes the input. The buffer is reused when it is large enough; its contents
/// are unspecified. Errors: a bad slot or kind (`value`), no memory for `len` elements (`memory`,
/// argument `len`).
#[wasm_bindgen(js_name = __fwStage)]
pub fn stage(slot: f64, kind: u32, len: f64) -> BindResult<u32> {
    let index = slot_index(slot)?;
    let kind = Kind::from_code(kind)?;
    let len = length(len)?;
    REGISTRY.with(|cell| {
        let mut registry = cell.borrow_mut();
        let current = &mut registry.staging[index];
        let fits = matches!(current, Some(r) if r.data.kind() == kind && r.data.len() >= len);
        if !fits {
            // Free the old buffer first, so that growing a slot never needs both at once.
            *current = None;
            *current = Some(Region {
                data: Data::zeroed(kind, "len", len)?,
                len,
            });
        }
        let region = current.as_mut().expect("just filled");
        region.len = len;
        Ok(region.data.address() as u32)
    })
}

/// `__fwRegionNew(kind, len)`: a new resident region of `len` zeroed elements of `kind`; returns
/// its id. Errors as for `__fwStage`.
#[wasm_bindgen(js_name = __fwRegionNew)]
pub fn region_new(kind: u32, len: f64) -> BindResult<u32> {
    let kind = Kind::from_code(kind)?;
    let len = length(len)?;
    let data = Data::zeroed(kind, "len", len)?;
    Ok(REGISTRY.with(|cell| cell.borrow_mut().insert(Region { data, len })))
}

fn with_region<T>(id: u32, f: impl FnOnce(&Region) -> T) -> BindResult<T> {
    REGISTRY.with(|cell| {
        cell.borrow()
            .get(id)
            .map(f)
            .ok_or_else(|| KernelError::value("id", format!("{id} is not a live region")).into())
    })
}

/// `__fwRegionAddress(id)`: the address in wasm memory of region `id`'s first element (stable
/// until the region is freed, or restaged). Errors: `id` is not a live region (`value`).
#[wasm_bindgen(js_name = __fwRegionAddress)]
pub fn region_address(id: u32) -> BindResult<u32> {
    with_region(id, |r| r.data.address() as u32)
}

/// `__fwRegionLength(id)`: the number of elements of region `id`. Errors as `__fwRegionAddress`.
#[wasm_bindgen(js_name = __fwRegionLength)]
pub fn region_length(id: u32) -> BindResult<f64> {
    with_region(id, |r| r.len as f64)
}

/// `__fwRegionKind(id)`: the element kind of region `id` (0 float64, 1 uint32, 2 uint8, 3
/// float32). Errors as
/// `__fwRegionAddress`.
#[wasm_bindgen(js_name = __fwRegionKind)]
pub fn region_kind(id: u32) -> BindResult<u32> {
    with_region(id, |r| r.data.kind() as u32)
}

/// `__fwRegionFree(id)`: frees resident region `id`; true if it was live. Staging regions are
/// never freed.
#[wasm_bindgen(js_name = __fwRegionFree)]
pub fn region_free(id: u32) -> bool {
    id > STAGING_SLOTS && REGISTRY.with(|cell| cell.borrow_mut().resident.remove(&id).is_some())
}

/// `__fwRegionCount()`: how many resident regions are live (for leak tests).
#[wasm_bindgen(js_name = __fwRegionCount)]
pub fn region_count() -> u32 {
    REGISTRY.with(|cell| cell.borrow().resident.len() as u32)
}
