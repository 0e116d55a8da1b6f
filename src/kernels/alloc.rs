//! Fallible allocation: running out of (wasm) memory is an error, never an abort.

use crate::error::{KernelError, KernelResult};

/// An empty vector with room for `capacity` items, or a `Memory` error naming `func`.
pub fn with_capacity<T>(func: &str, capacity: usize) -> KernelResult<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(capacity).map_err(|_| {
        KernelError::memory(
            func,
            format!(
                "cannot allocate {capacity} items of {} bytes",
                std::mem::size_of::<T>()
            ),
        )
    })?;
    Ok(v)
}

/// A vector of `len` copies of `fill`, or a `Memory` error naming `func`.
pub fn filled<T: Clone>(func: &str, len: usize, fill: T) -> KernelResult<Vec<T>> {
    let mut v = with_capacity(func, len)?;
    v.resize(len, fill);
    Ok(v)
}

/// A copy of `x`, or a `Memory` error naming `func`.
pub fn copied<T: Clone>(func: &str, x: &[T]) -> KernelResult<Vec<T>> {
    let mut v = with_capacity(func, x.len())?;
    v.extend_from_slice(x);
    Ok(v)
}

/// Checks that `len` items of `T` can be allocated right now, then frees them again, or returns a
/// `Memory` error naming `func`.
///
/// For library code that allocates infallibly (rustfft's planner): probing its peak demand first
/// turns an impossible request into an error, and in wasm the memory grown for the probe stays
/// with the allocator for the library to use. One allocation holds at most `isize::MAX` bytes,
/// less than wasm32's 4 GiB, so the probe is up to four allocations held at the same time.
pub fn ensure_available<T>(func: &str, len: usize) -> KernelResult<()> {
    let size = std::mem::size_of::<T>();
    let fail = || KernelError::memory(func, format!("cannot allocate {len} items of {size} bytes"));
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

    #[test]
    fn huge_allocation_is_a_memory_error() {
        let err = with_capacity::<f64>("f", usize::MAX / 4).unwrap_err();
        assert!(matches!(err, KernelError::Memory(_)));
        assert!(err.message().starts_with("f: out of memory"));
    }

    #[test]
    fn capacity_overflow_is_a_memory_error_too() {
        // More bytes than `isize::MAX`: rejected before asking the allocator.
        assert!(matches!(
            filled("f", usize::MAX, 0u64),
            Err(KernelError::Memory(_))
        ));
        assert!(matches!(
            ensure_available::<[f64; 2]>("f", 1 << 60),
            Err(KernelError::Memory(_))
        ));
        // More than one allocation can hold: probed in parts, which fail here too.
        assert!(matches!(
            ensure_available::<u8>("f", usize::MAX),
            Err(KernelError::Memory(_))
        ));
        // 2^60 bytes fit in `isize` but in no address space: the allocator itself says no.
        let err = ensure_available::<u8>("g", 1 << 60).unwrap_err();
        assert_eq!(
            err.message(),
            format!(
                "g: out of memory: cannot allocate {} items of 1 bytes",
                1u64 << 60
            )
        );
    }

    #[test]
    fn copied_and_ensure_available_succeed_for_small_sizes() {
        assert_eq!(copied("f", &[1.5, -0.0]).unwrap(), vec![1.5, -0.0]);
        assert!(ensure_available::<f64>("f", 1000).is_ok());
    }

    #[test]
    fn filled_has_requested_length() {
        assert_eq!(filled("f", 3, 7u8).unwrap(), vec![7, 7, 7]);
    }
}
