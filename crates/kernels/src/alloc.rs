//! Fallible allocation: running out of (wasm) memory is an error, never an abort.
//!
//! Each function takes the name of the argument whose size forces the allocation; a failure is
//! a [`KernelError::out_of_memory`] naming it.

use crate::error::{KernelError, KernelResult};

/// An empty vector with room for `capacity` items.
///
/// Errors: [`Memory`](crate::ErrorKind::Memory) naming `argument` when the room cannot be
/// reserved (also when `capacity` items of `T` exceed `isize::MAX` bytes).
///
/// On Linux, a buffer of 4 MiB or more is advised to use transparent huge pages (where the
/// system leaves that to `madvise`, as numpy asks for its large arrays): writing a large result
/// then takes one page fault per 2 MiB instead of one per 4 KiB.
pub fn with_capacity<T>(argument: &'static str, capacity: usize) -> KernelResult<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(capacity)
        .map_err(|_| KernelError::out_of_memory(argument, capacity, std::mem::size_of::<T>()))?;
    #[cfg(target_os = "linux")]
    advise_huge_pages(v.as_ptr() as usize, capacity * std::mem::size_of::<T>());
    Ok(v)
}

/// Advises the kernel to back the 2 MiB-aligned part of `[address, address + bytes)` with
/// transparent huge pages, for buffers of 4 MiB or more. Only advice: failure changes nothing.
#[cfg(target_os = "linux")]
fn advise_huge_pages(address: usize, bytes: usize) {
    const HUGE_PAGE: usize = 2 << 20;
    if bytes < 2 * HUGE_PAGE {
        return;
    }
    let start = address.next_multiple_of(HUGE_PAGE);
    let end = (address + bytes) / HUGE_PAGE * HUGE_PAGE;
    if end > start {
        // SAFETY: the range lies inside the allocation just reserved, which this Vec owns;
        // MADV_HUGEPAGE changes how it is backed, never its contents or its mapping.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
    }
}

/// A vector of `len` copies of `fill`.
///
/// Errors: as [`with_capacity`].
pub fn filled<T: Clone>(argument: &'static str, len: usize, fill: T) -> KernelResult<Vec<T>> {
    let mut v = with_capacity(argument, len)?;
    v.resize(len, fill);
    Ok(v)
}

/// A copy of `x`.
///
/// Errors: as [`with_capacity`].
pub fn copied<T: Clone>(argument: &'static str, x: &[T]) -> KernelResult<Vec<T>> {
    let mut v = with_capacity(argument, x.len())?;
    v.extend_from_slice(x);
    Ok(v)
}

/// Checks that `len` items of `T` can be allocated right now, then frees them again.
///
/// For library code that allocates infallibly (rustfft's planner): probing its peak demand first
/// turns an impossible request into an error, and in wasm the memory grown for the probe stays
/// with the allocator for the library to use. One allocation holds at most `isize::MAX` bytes,
/// less than wasm32's 4 GiB, so the probe is up to four allocations held at the same time.
///
/// Errors: [`Memory`](crate::ErrorKind::Memory) naming `argument` when the memory is not there.
pub fn ensure_available<T>(argument: &'static str, len: usize) -> KernelResult<()> {
    let size = std::mem::size_of::<T>();
    let fail = || KernelError::out_of_memory(argument, len, size);
    let mut bytes = len.checked_mul(size).ok_or_else(fail)?;
    // Four parts of 2^(bits − 2) bytes cover every usize.
    const PART: usize = 1 << (usize::BITS - 2);
    let mut parts: [Vec<u8>; 4] = Default::default();
    for part in &mut parts {
        let take = bytes.min(PART);
        part.try_reserve_exact(take).map_err(|_| fail())?;
        bytes -= take;
    }
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn huge_allocation_is_a_memory_error() {
        let err = with_capacity::<f64>("x", usize::MAX / 4).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Memory);
        assert_eq!(err.argument, "x");
        assert!(err.to_string().starts_with("x is too large: out of memory"));
    }

    #[test]
    fn capacity_overflow_is_a_memory_error_too() {
        // More bytes than `isize::MAX`: rejected before asking the allocator.
        let err = filled("n", usize::MAX, 0u64).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Memory, "n"));
        let err = ensure_available::<[f64; 2]>("n", 1 << 60).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Memory, "n"));
        // More than one allocation can hold: probed in parts, which fail here too.
        let err = ensure_available::<u8>("x", usize::MAX).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Memory, "x"));
        // 2^60 bytes fit in `isize` but in no address space: the allocator itself says no.
        let err = ensure_available::<u8>("bins", 1 << 60).unwrap_err();
        assert_eq!(err, KernelError::out_of_memory("bins", 1 << 60, 1));
        assert_eq!(
            err.to_string(),
            format!(
                "bins is too large: out of memory (cannot allocate {} items of 1 bytes)",
                1u64 << 60
            )
        );
    }

    #[test]
    fn copied_and_ensure_available_succeed_for_small_sizes() {
        assert_eq!(copied("x", &[1.5, -0.0]).unwrap(), vec![1.5, -0.0]);
        assert!(ensure_available::<f64>("x", 1000).is_ok());
    }

    #[test]
    fn filled_has_requested_length() {
        assert_eq!(filled("x", 3, 7u8).unwrap(), vec![7, 7, 7]);
    }
}
