//! The split of a long sort on rayon's pool (feature `threads`): each thread counts and moves its
//! own chunk of the keys into its own share of every bucket, then the buckets are sorted
//! independently. The result is the serial one: the split is stable, and a sorted bucket does not
//! depend on the order its keys arrived in (equal keys are identical bits).
//!
//! The split writes every element of its destination exactly once, so the destination may be
//! fresh memory: the second buffer of a long sort is never zero-filled first.

use std::mem::MaybeUninit;

use super::{sort_bucket, Counts, Digits, Scratch, RADIX};
use rayon::prelude::*;

/// [`super::split_by_digit`] by digit `pass` of `keys` into `dst` (as long as `keys`; its
/// elements may be uninitialised, they are all written), then [`sort_bucket`] on every bucket, all
/// on rayon's pool. The sorted IEEE bits end in `dst`, all of it initialised; `keys` is the
/// scratch buffer.
pub(super) fn split_and_sort_buckets(
    keys: &mut [u64],
    dst: &mut [MaybeUninit<u64>],
    digits: &Digits,
    pass: usize,
) {
    // The initialisation of `dst` below depends on it.
    assert_eq!(
        dst.len(),
        keys.len(),
        "the split's buffers differ in length"
    );
    let chunk_len = keys.len().div_ceil(rayon::current_num_threads()).max(1);
    let mut nexts: Vec<Counts> = keys
        .par_chunks(chunk_len)
        .map(|chunk| {
            let mut histogram = [0; RADIX];
            for &key in chunk {
                histogram[digits.of(key, pass)] += 1;
            }
            histogram
        })
        .collect();
    // Bucket by bucket, chunk by chunk: each chunk's share of a bucket follows the previous
    // chunk's, which keeps the split stable.
    let buckets = digits.mask as usize + 1;
    let mut bounds = Vec::with_capacity(buckets + 1);
    let mut next_free = 0u32;
    for bucket in 0..buckets {
        bounds.push(next_free);
        for next in nexts.iter_mut() {
            let count = next[bucket];
            next[bucket] = next_free;
            next_free += count;
        }
    }
    bounds.push(next_free);
    let shared = SharedSlice {
        ptr: dst.as_mut_ptr(),
        len: dst.len(),
    };
    keys.par_chunks(chunk_len)
        .zip(nexts.par_iter_mut())
        .for_each(|(chunk, next)| {
            for &key in chunk {
                let bucket = digits.of(key, pass);
                shared.write(next[bucket] as usize, key);
                next[bucket] += 1;
            }
        });
    // SAFETY: every element of `dst` was written above: chunk c wrote its keys of bucket b at
    // positions `start(c, b)..start(c, b) + count(c, b)`, and these ranges are disjoint and tile
    // `0..next_free`, where `next_free`, the sum of all counts, is `keys.len() == dst.len()`.
    // `MaybeUninit<u64>` has the layout of `u64`.
    let dst = unsafe { &mut *(dst as *mut [MaybeUninit<u64>] as *mut [u64]) };
    let mut pairs = Vec::with_capacity(buckets);
    let (mut rest, mut rest_spare) = (dst, keys);
    for w in bounds.windows(2) {
        let len = (w[1] - w[0]) as usize;
        let (bucket, tail) = rest.split_at_mut(len);
        let (spare, spare_tail) = rest_spare.split_at_mut(len);
        (rest, rest_spare) = (tail, spare_tail);
        if len > 0 {
            pairs.push((bucket, spare));
        }
    }
    pairs.into_par_iter().with_min_len(8).for_each_init(
        Scratch::new,
        |scratch, (bucket, spare)| match scratch {
            Ok(scratch) => sort_bucket(bucket, spare, scratch),
            // No memory for histograms: a comparison sort needs none.
            Err(_) => super::sort_small(bucket),
        },
    );
}

/// `slice` as slots that [`split_and_sort_buckets`] may write (it writes only `u64` values, so
/// the slice stays initialised).
pub(super) fn as_slots(slice: &mut [u64]) -> &mut [MaybeUninit<u64>] {
    // SAFETY: `MaybeUninit<u64>` has the layout of `u64`, and the slots are only written with
    // initialised values, never de-initialised, so `slice` stays valid when the borrow ends.
    unsafe { &mut *(slice as *mut [u64] as *mut [MaybeUninit<u64>]) }
}

/// A slice that several threads write at disjoint positions.
struct SharedSlice {
    ptr: *mut MaybeUninit<u64>,
    len: usize,
}

// SAFETY: the threads write through `ptr` only at distinct positions (see `write`), and the slice
// outlives the parallel loop (it is borrowed mutably for the whole of `split_and_sort_buckets`).
unsafe impl Send for SharedSlice {}
unsafe impl Sync for SharedSlice {}

impl SharedSlice {
    /// Stores `value` at `at`; out-of-bounds positions are ignored.
    #[inline(always)]
    fn write(&self, at: usize, value: u64) {
        debug_assert!(at < self.len);
        if at < self.len {
            // SAFETY: `at` is in bounds. No two writes share a position: each chunk writes its
            // keys of bucket b at consecutive positions from its own start for b, and the starts
            // are prefix sums of the chunks' exact counts, so the ranges of (chunk, bucket) pairs
            // are disjoint.
            unsafe { self.ptr.add(at).write(MaybeUninit::new(value)) }
        }
    }
}
