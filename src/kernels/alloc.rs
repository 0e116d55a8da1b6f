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
    fn filled_has_requested_length() {
        assert_eq!(filled("f", 3, 7u8).unwrap(), vec![7, 7, 7]);
    }
}
