//! Support for the multi-threaded kernels (Cargo feature `threads`): rayon's global pool, which in
//! the threaded wasm build is the Web Workers started by `initThreadPool`.
//!
//! Kernels keep their serial code and split work across the pool only when it pays for waking it.
//! A parallel version computes every output element with the same operations in the same order as
//! the serial one, so the results are identical (the tests compare them bit for bit).

/// Whether work of size `work` (a kernel's own cost estimate) should be split: at least
/// `min_work`, and a pool of more than one thread.
pub(crate) fn worth(work: usize, min_work: usize) -> bool {
    work >= min_work && rayon::current_num_threads() > 1
}
