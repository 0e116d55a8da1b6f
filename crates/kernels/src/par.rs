//! Support for the multi-threaded kernels (Cargo feature `threads`): rayon's global pool, which in
//! the threaded wasm build is the Web Workers started by `initThreadPool`.
//!
//! Kernels keep their serial code and split work across the pool only when it pays for waking it.
//! A parallel version computes every output element with the same operations in the same order as
//! the serial one, so the results are identical (the tests compare them bit for bit).
//!
//! Work done before or after the parallel part runs on one thread and caps the speed-up, so a
//! parallel kernel also leaves its output's first write (the zero fill of a fresh vector) to the
//! tasks that compute it ([`filled_chunks`]).

use std::mem::MaybeUninit;

use rayon::prelude::*;

use crate::alloc;
use crate::error::KernelResult;

/// Whether work of size `work` (a kernel's own cost estimate) should be split: at least
/// `min_work`, and a pool of more than one thread.
pub(crate) fn worth(work: usize, min_work: usize) -> bool {
    work >= min_work && rayon::current_num_threads() > 1
}

/// A vector of `len` elements computed in chunks of `chunk_len` on rayon's pool, one chunk per
/// task (the last may be shorter): `f(i, chunk)` computes chunk `i`, elements
/// `i·chunk_len..`, which its task first fills with `zero`. No thread zero-fills the whole vector
/// before the parallel part, and each chunk is written while it is in its thread's cache.
///
/// Errors: no memory for the vector (kind memory, naming `argument`), or the first error of `f`.
pub(crate) fn filled_chunks<T: Copy + Send + Sync>(
    argument: &'static str,
    len: usize,
    chunk_len: usize,
    zero: T,
    f: impl Fn(usize, &mut [T]) -> KernelResult<()> + Send + Sync,
) -> KernelResult<Vec<T>> {
    let mut out: Vec<T> = alloc::with_capacity(argument, len)?;
    out.spare_capacity_mut()[..len]
        .par_chunks_mut(chunk_len.max(1))
        .with_max_len(1)
        .enumerate()
        .try_for_each(|(i, chunk)| f(i, fill(chunk, zero)))?;
    // SAFETY: the loop ran to its end (an error returned above), so every chunk of the first
    // `len` elements was filled by `fill`: they are initialised.
    unsafe { out.set_len(len) };
    Ok(out)
}

/// A vector of `len` copies of `zero`, written on rayon's pool in parts of about 1 MiB
/// ([`filled_chunks`] with nothing to compute).
///
/// Errors: no memory (kind memory, naming `argument`).
pub(crate) fn zeroed<T: Copy + Send + Sync>(
    argument: &'static str,
    len: usize,
    zero: T,
) -> KernelResult<Vec<T>> {
    let part = (1 << 20) / std::mem::size_of::<T>().max(1);
    filled_chunks(argument, len, part, zero, |_, _| Ok(()))
}

/// Writes `value` to every element of `chunk`, and returns it as the initialised slice it now is.
fn fill<T: Copy>(chunk: &mut [MaybeUninit<T>], value: T) -> &mut [T] {
    for slot in chunk.iter_mut() {
        slot.write(value);
    }
    // SAFETY: every element was just written; `MaybeUninit<T>` has the layout of `T`.
    unsafe { &mut *(chunk as *mut [MaybeUninit<T>] as *mut [T]) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::KernelError;

    #[test]
    fn filled_chunks_gives_each_chunk_zeroed_to_its_task() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        // 10 elements in chunks of 4: the last chunk is shorter.
        let out = pool
            .install(|| {
                filled_chunks("x", 10, 4, 7u32, |i, chunk| {
                    assert!(chunk.iter().all(|&v| v == 7));
                    chunk.iter_mut().for_each(|v| *v += i as u32);
                    Ok(())
                })
            })
            .unwrap();
        assert_eq!(out, [7, 7, 7, 7, 8, 8, 8, 8, 9, 9]);
        assert_eq!(filled_chunks("x", 0, 4, 0u8, |_, _| Ok(())).unwrap(), []);
    }

    #[test]
    fn filled_chunks_returns_the_error_of_a_task() {
        let err = filled_chunks("x", 100, 8, 0.0f64, |i, _| match i {
            5 => Err(KernelError::value("w", "is bad")),
            _ => Ok(()),
        })
        .unwrap_err();
        assert_eq!(err, KernelError::value("w", "is bad"));
        let err = filled_chunks("rgba", usize::MAX / 4, 8, 0u64, |_, _| Ok(())).unwrap_err();
        assert_eq!((err.kind, err.argument), (crate::ErrorKind::Memory, "rgba"));
    }

    #[test]
    fn zeroed_is_all_zeros() {
        let v = zeroed("n", (1 << 17) + 3, 0.0f64).unwrap();
        assert_eq!(v.len(), (1 << 17) + 3);
        assert!(v.iter().all(|x| x.to_bits() == 0));
        assert_eq!(zeroed("n", 0, 0u8).unwrap(), []);
    }
}
