//! Radix sorts of float64 values by integer keys whose unsigned order is the float order.
//!
//! Only the bits in which the keys differ are sorted. A read pass ORs and ANDs the keys; the span
//! of varying bits is cut into as few digits as possible of at most [`DIGIT_BITS`] bits (2048
//! buckets, whose write positions stay in cache), and one more read pass counts every digit's
//! histogram. Each digit is one stable counting pass between two buffers, least significant digit
//! first (LSD), so equal keys keep their input order.
//!
//! `sort` first splits inputs longer than the L2 cache by their top 11 varying bits (one
//! most-significant-digit pass), then sorts each bucket on its own while it is in cache; an LSD
//! pass over tens of megabytes misses the cache and TLB on nearly every write.
//!
//! Typical inputs sort in fewer passes than the 8 bytes of a key: uniform draws from `[0, 1)` share
//! the sign and the top exponent bits, and values made from 32-bit integers (`k / 2³²`) have zero
//! low mantissa bits, which leaves 4 passes.

#[cfg(feature = "threads")]
mod parallel;

use crate::alloc;
use crate::error::KernelResult;

/// Widest digit: 2¹¹ buckets of `u32` counts (8 KiB per histogram).
const DIGIT_BITS: u32 = 11;
const RADIX: usize = 1 << DIGIT_BITS;
/// Narrowest digit used: 8 bits.
const NARROW_DIGIT_BITS: u32 = 8;
/// Digits of a 64-bit key at most: 64 / 8.
const MAX_PASSES: usize = 8;

/// A histogram of one digit, later turned into the next write position of each bucket.
type Counts = [u32; RADIX];

/// The key of a non-NaN `v`: the IEEE bits with the sign flipped for positives and every bit
/// flipped for negatives, so that unsigned order is numeric order (`-0.0` just below `0.0`).
#[inline(always)]
pub(super) fn float_key(v: f64) -> u64 {
    let bits = v.to_bits();
    bits ^ ((((bits as i64) >> 63) as u64) | (1 << 63))
}

/// The inverse of [`float_key`], as IEEE bits.
#[inline(always)]
fn bits_of_key(key: u64) -> u64 {
    key ^ (((((!key) as i64) >> 63) as u64) | (1 << 63))
}

/// The digits of a key that a sort needs: where each starts and their common width.
#[derive(Clone, Copy)]
struct Digits {
    shifts: [u32; MAX_PASSES],
    count: usize,
    mask: u64,
}

impl Digits {
    /// The digits covering the set bits of `varying` (the bits in which keys differ), at most
    /// `max_bits` wide, as few and as equally wide as possible.
    fn covering(varying: u64, max_bits: u32) -> Digits {
        let mut digits = Digits {
            shifts: [0; MAX_PASSES],
            count: 0,
            mask: 0,
        };
        if varying == 0 {
            return digits;
        }
        let low = varying.trailing_zeros();
        let span = u64::BITS - varying.leading_zeros() - low;
        let count = span.div_ceil(max_bits);
        let width = span.div_ceil(count);
        for (i, shift) in (0..count).zip(&mut digits.shifts) {
            *shift = (low + i * width).min(u64::BITS - 1);
        }
        digits.count = count as usize;
        digits.mask = (1 << width) - 1;
        digits
    }

    /// One digit of [`DIGIT_BITS`] bits whose top bit is the top set bit of `varying` (non-zero).
    fn top(varying: u64) -> Digits {
        let high = u64::BITS - varying.leading_zeros();
        let mut shifts = [0; MAX_PASSES];
        shifts[0] = high.saturating_sub(DIGIT_BITS);
        Digits {
            shifts,
            count: 1,
            mask: (1 << DIGIT_BITS) - 1,
        }
    }

    /// Digit `pass` of `key`.
    #[inline(always)]
    fn of(&self, key: u64, pass: usize) -> usize {
        // The last mask tells the compiler that every digit indexes a `Counts` in bounds.
        ((key >> self.shifts[pass]) & self.mask) as usize & (RADIX - 1)
    }
}

/// The histograms of every digit of `keys` (one read pass), and the passes that are needed: those
/// whose digit is not the same for all `len` keys.
fn histograms(
    keys: impl Iterator<Item = u64>,
    len: usize,
    digits: &Digits,
) -> KernelResult<(Vec<Counts>, Vec<usize>)> {
    let mut counts: Vec<Counts> = alloc::filled("x", digits.count, [0; RADIX])?;
    for key in keys {
        for (pass, histogram) in counts.iter_mut().enumerate() {
            histogram[digits.of(key, pass)] += 1;
        }
    }
    let passes = (0..digits.count)
        .filter(|&pass| !counts[pass].iter().any(|&c| c as usize == len))
        .collect();
    Ok((counts, passes))
}

/// Turns a histogram into the first write position of each bucket (exclusive prefix sums).
fn starts(histogram: &mut Counts) {
    starts_of(histogram);
}

/// [`starts`] on a histogram's first buckets.
fn starts_of(histogram: &mut [u32]) {
    let mut next = 0u32;
    for slot in histogram.iter_mut() {
        let count = *slot;
        *slot = next;
        next += count;
    }
}

/// A key whose unsigned order is numpy's float order: `-0.0` maps like `0.0`, every NaN to the
/// largest key, and everything else as [`float_key`].
#[inline(always)]
pub(super) fn order_key(v: f64) -> u64 {
    if v.is_nan() {
        return u64::MAX;
    }
    // Adding 0.0 turns -0.0 into 0.0 and leaves every other value unchanged.
    float_key(v + 0.0)
}

/// The IEEE bits of the non-NaN values of `x`, sorted, in a vector with room for all of `x`.
/// Values with the same key have identical bits, so stability does not matter. `x` has at most
/// `u32::MAX` elements.
///
/// Errors: no memory for the result or the second buffer (kind memory, argument `x`).
pub(super) fn sort_finite(x: &[f64]) -> KernelResult<Vec<u64>> {
    // Every NaN becomes the largest key, so the NaNs end up behind the other values; they are cut
    // off afterwards (the caller appends them with their payloads).
    let (mut keys, varying, nans) = nan_last_keys(x)?;
    let mut spare: Vec<u64> = alloc::with_capacity("x", x.len())?;
    #[cfg(feature = "threads")]
    if crate::par::worth(x.len(), PARALLEL_MIN_LEN) && splits(x.len(), varying) {
        // The split writes every element of `spare` (its first write: no zero fill before it).
        let spare_slots = &mut spare.spare_capacity_mut()[..x.len()];
        parallel::split_and_sort_buckets(&mut keys, spare_slots, &Digits::top(varying), 0);
        // SAFETY: `split_and_sort_buckets` initialised all `x.len()` slots.
        unsafe { spare.set_len(x.len()) };
        spare.truncate(x.len() - nans);
        return Ok(spare);
    }
    spare.resize(x.len(), 0);
    let mut scratch = Scratch::new()?;
    if sort_keys(&mut keys, &mut spare, varying, &mut scratch) == Side::Spare {
        std::mem::swap(&mut keys, &mut spare);
    }
    keys.truncate(x.len() - nans);
    Ok(keys)
}

/// The keys of `x` with NaNs as `u64::MAX`, the bits in which they differ, and the NaN count.
fn nan_last_keys(x: &[f64]) -> KernelResult<(Vec<u64>, u64, usize)> {
    let key = |v: f64| if v.is_nan() { u64::MAX } else { float_key(v) };
    let mut keys: Vec<u64> = alloc::with_capacity("x", x.len())?;
    #[cfg(feature = "threads")]
    if crate::par::worth(x.len(), PARALLEL_MIN_LEN) {
        use rayon::prelude::*;
        // One pass: each task writes the keys of its part and folds their bits and NaNs.
        let (all, any, nans) = keys.spare_capacity_mut()[..x.len()]
            .par_chunks_mut(KEYS_PART)
            .zip(x.par_chunks(KEYS_PART))
            .map(|(slots, part)| {
                let (mut all, mut any, mut nans) = (u64::MAX, 0u64, 0usize);
                for (slot, &v) in slots.iter_mut().zip(part) {
                    let k = key(v);
                    all &= k;
                    any |= k;
                    nans += usize::from(v.is_nan());
                    slot.write(k);
                }
                (all, any, nans)
            })
            .reduce(
                || (u64::MAX, 0, 0),
                |a, b| (a.0 & b.0, a.1 | b.1, a.2 + b.2),
            );
        // SAFETY: the parts of the first `x.len()` slots pair with the equally long parts of `x`,
        // and every slot of each part was written above.
        unsafe { keys.set_len(x.len()) };
        return Ok((keys, all ^ any, nans));
    }
    let (mut all, mut any, mut nans) = (u64::MAX, 0u64, 0usize);
    keys.extend(x.iter().map(|&v| {
        let k = key(v);
        all &= k;
        any |= k;
        nans += usize::from(v.is_nan());
        k
    }));
    Ok((keys, all ^ any, nans))
}

/// Values per task of the parallel key pass (feature `threads`).
#[cfg(feature = "threads")]
const KEYS_PART: usize = 1 << 16;

/// Whether [`sort_keys`] splits `len` keys that differ in the bits `varying` by their top digit
/// first.
fn splits(len: usize, varying: u64) -> bool {
    len >= SPLIT_MIN_LEN && Digits::covering(varying, DIGIT_BITS).count > 1
}

/// Least number of values sorted on rayon's pool (feature `threads`).
#[cfg(feature = "threads")]
const PARALLEL_MIN_LEN: usize = 1 << 17;

/// Inputs shorter than this are sorted by comparison.
const LEAF_LEN: usize = 128;
/// Inputs at least this long are first split by their top digit into buckets that fit in cache:
/// a bucket just below it sorts in 2 MiB (keys and spare), a core's L2 on current x86 servers.
const SPLIT_MIN_LEN: usize = 1 << 17;
/// Inputs shorter than this use digits of at most 8 bits: clearing and summing a histogram of
/// 2¹¹ counts would cost more than a pass over their keys.
const WIDE_DIGITS_MIN_LEN: usize = 1 << 10;

/// Which of two buffers holds a result.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Side {
    Keys,
    Spare,
}

/// Histograms reused by the sorts of one thread.
struct Scratch {
    counts: Vec<Counts>,
}

impl Scratch {
    /// Errors: no memory (kind memory, argument `x`).
    fn new() -> KernelResult<Scratch> {
        Ok(Scratch {
            counts: alloc::filled("x", MAX_PASSES, [0; RADIX])?,
        })
    }
}

/// Sorts `keys` ([`float_key`]s whose differing bits are `varying`) and turns them back into IEEE
/// bits, using `spare` (as long as `keys`) as the second buffer. Returns the buffer holding the
/// result.
///
/// Long inputs are split by their top digit first (a most-significant-digit pass), and each bucket
/// is sorted on its own while it is in cache; the rest is a least-significant-digit sort.
fn sort_keys(keys: &mut [u64], spare: &mut [u64], varying: u64, scratch: &mut Scratch) -> Side {
    let len = keys.len();
    let max_bits = if len >= WIDE_DIGITS_MIN_LEN {
        DIGIT_BITS
    } else {
        NARROW_DIGIT_BITS
    };
    let digits = Digits::covering(varying, max_bits);
    if len < LEAF_LEN || digits.count == 0 {
        sort_small(keys);
        return Side::Keys;
    }
    if splits(len, varying) {
        // The split takes the widest digit at the top, so that the buckets are as small as can be.
        let top = Digits::top(varying);
        #[cfg(feature = "threads")]
        if crate::par::worth(len, PARALLEL_MIN_LEN) {
            parallel::split_and_sort_buckets(keys, parallel::as_slots(spare), &top, 0);
            return Side::Spare;
        }
        let bounds = split_by_digit(keys, spare, &top, 0, &mut scratch.counts[0]);
        for range in bounds.windows(2).map(|w| w[0] as usize..w[1] as usize) {
            sort_bucket(&mut spare[range.clone()], &mut keys[range], scratch);
        }
        return Side::Spare;
    }
    lsd(keys, spare, &digits, &mut scratch.counts)
}

/// Sorts `keys` in place by comparison and turns them into IEEE bits.
fn sort_small(keys: &mut [u64]) {
    keys.sort_unstable();
    keys.iter_mut().for_each(|k| *k = bits_of_key(*k));
}

/// Sorts the keys in `bucket` (in place, as IEEE bits), with `spare` as the second buffer.
fn sort_bucket(bucket: &mut [u64], spare: &mut [u64], scratch: &mut Scratch) {
    let varying = varying_bits(bucket);
    if sort_keys(bucket, spare, varying, scratch) == Side::Spare {
        bucket.copy_from_slice(spare);
    }
}

/// The bits in which `keys` differ.
fn varying_bits(keys: &[u64]) -> u64 {
    let (all, any) = keys
        .iter()
        .fold((u64::MAX, 0), |(all, any), &k| (all & k, any | k));
    all ^ any
}

/// Moves `keys` into `dst` grouped by digit `pass` (stably), and returns the bucket bounds:
/// bucket `b` is `dst[bounds[b]..bounds[b + 1]]`.
fn split_by_digit(
    keys: &[u64],
    dst: &mut [u64],
    digits: &Digits,
    pass: usize,
    next: &mut Counts,
) -> Vec<u32> {
    next.fill(0);
    for &key in keys.iter() {
        next[digits.of(key, pass)] += 1;
    }
    starts(next);
    let mut bounds: Vec<u32> = next[..=digits.mask as usize].to_vec();
    bounds.push(keys.len() as u32);
    scatter(keys.iter().copied(), dst, digits, pass, next, |k| k);
    bounds
}

/// Least-significant-digit radix sort of `keys` by every digit of `digits`, between `keys` and
/// `spare`; the last pass stores IEEE bits. Returns the buffer holding the result.
fn lsd(keys: &mut [u64], spare: &mut [u64], digits: &Digits, counts: &mut [Counts]) -> Side {
    let counts = &mut counts[..digits.count];
    let buckets = digits.mask as usize + 1;
    for histogram in counts.iter_mut() {
        histogram[..buckets].fill(0);
    }
    for &key in keys.iter() {
        for (pass, histogram) in counts.iter_mut().enumerate() {
            histogram[digits.of(key, pass)] += 1;
        }
    }
    let last = digits.count - 1;
    for (pass, next) in counts.iter_mut().enumerate() {
        starts_of(&mut next[..buckets]);
        let (src, dst) = if pass % 2 == 0 {
            (&*keys, &mut *spare)
        } else {
            (&*spare, &mut *keys)
        };
        if pass == last {
            scatter(src.iter().copied(), dst, digits, pass, next, bits_of_key);
        } else {
            scatter(src.iter().copied(), dst, digits, pass, next, |k| k);
        }
    }
    if last % 2 == 0 {
        Side::Spare
    } else {
        Side::Keys
    }
}

/// One counting pass: each key goes to the next free position of its bucket, stored as `store(key)`.
#[inline(always)]
fn scatter(
    keys: impl Iterator<Item = u64>,
    dst: &mut [u64],
    digits: &Digits,
    pass: usize,
    next: &mut Counts,
    store: impl Fn(u64) -> u64,
) {
    for key in keys {
        let bucket = digits.of(key, pass);
        let at = next[bucket];
        dst[at as usize] = store(key);
        next[bucket] = at + 1;
    }
}

/// Indices that sort `x` stably in numpy's order ([`order_key`]): `np.argsort(x, kind="stable")`.
/// `x` has at most `u32::MAX` elements.
///
/// Keys travel with their indices, so each pass reads and writes both arrays; the last pass
/// writes indices only.
///
/// Errors: no memory for the result or the buffers (kind memory, argument `x`).
pub(super) fn argsort(x: &[f64]) -> KernelResult<Vec<u32>> {
    let n = x.len();
    let keys = || x.iter().map(|&v| order_key(v));
    let (mut all, mut any) = (u64::MAX, 0u64);
    for key in keys() {
        all &= key;
        any |= key;
    }
    let digits = Digits::covering(all ^ any, DIGIT_BITS);
    let (mut counts, passes) = histograms(keys(), n, &digits)?;
    let mut out: Vec<u32> = alloc::with_capacity("x", n)?;
    if passes.is_empty() {
        out.extend(0..n as u32);
        return Ok(out);
    }
    out.resize(n, 0);
    let len_if = |needed: bool| if needed { n } else { 0 };
    let mut spare: Vec<u32> = alloc::filled("x", len_if(passes.len() > 1), 0)?;
    let mut key_buffers: [Vec<u64>; 2] = [
        alloc::filled("x", len_if(passes.len() > 1), 0)?,
        alloc::filled("x", len_if(passes.len() > 2), 0)?,
    ];
    let last = passes.len() - 1;
    for (j, &pass) in passes.iter().enumerate() {
        let next = &mut counts[pass];
        starts(next);
        let (index_src, index_dst) = if (last - j) % 2 == 0 {
            (&spare, &mut out)
        } else {
            (&out, &mut spare)
        };
        // Pass j writes keys into buffer j % 2 (except the last pass) and reads the other.
        let [even, odd] = &mut key_buffers;
        let (key_src, key_dst) = if j % 2 == 0 {
            (&*odd, even)
        } else {
            (&*even, odd)
        };
        let key_dst = (j != last).then_some(key_dst.as_mut_slice());
        if j == 0 {
            scatter_pairs(keys().zip(0u32..), key_dst, index_dst, &digits, pass, next);
        } else {
            let pairs = key_src.iter().copied().zip(index_src.iter().copied());
            scatter_pairs(pairs, key_dst, index_dst, &digits, pass, next);
        }
    }
    Ok(out)
}

/// [`scatter`] for (key, index) pairs, writing the keys too unless `keys_dst` is `None`.
#[inline(always)]
fn scatter_pairs(
    pairs: impl Iterator<Item = (u64, u32)>,
    keys_dst: Option<&mut [u64]>,
    indices_dst: &mut [u32],
    digits: &Digits,
    pass: usize,
    next: &mut Counts,
) {
    match keys_dst {
        Some(keys_dst) => {
            for (key, index) in pairs {
                let bucket = digits.of(key, pass);
                let at = next[bucket] as usize;
                keys_dst[at] = key;
                indices_dst[at] = index;
                next[bucket] += 1;
            }
        }
        None => {
            for (key, index) in pairs {
                let bucket = digits.of(key, pass);
                indices_dst[next[bucket] as usize] = index;
                next[bucket] += 1;
            }
        }
    }
}
