//! [`super::unique`] of long inputs with few distinct values: one pass through a small hash table
//! instead of sorting every element.
//!
//! Each value's class is what `np.unique` merges: the IEEE bits, except that both zeros are one
//! class and so are all NaNs. The table keeps the first value of each class in `x`, which is the
//! one the sort-then-dedup path keeps (it puts zeros and NaNs in their order in `x` and keeps the
//! first of each run; other equal values have equal bits). Sorting those few values by numpy's
//! order then gives the sort path's result bit for bit, with the same allocations bounded by
//! [`MAX_DISTINCT`].

use std::cmp::Ordering;

use crate::alloc;
use crate::error::KernelResult;

/// Least length for which the table is tried: below it, sorting everything is as fast.
pub(super) const MIN_LEN: usize = 2048;
/// Most distinct values the table collects; with more, it gives up and the caller sorts.
const MAX_DISTINCT: usize = 2048;
/// Slots of the table: a power of two, at most half full.
const SLOTS: usize = 2 * MAX_DISTINCT;
/// The class of every NaN (a quiet NaN's bits; the NaN kept is the first one in `x`).
const NAN_CLASS: u64 = 0x7ff8_0000_0000_0000;
/// A free slot: all ones is a NaN's bits, and every NaN has the class `NAN_CLASS`.
const FREE: u64 = u64::MAX;

/// The sorted distinct values of `x` as [`super::unique`] defines them, or `None` when `x` has
/// more than [`MAX_DISTINCT`] of them. Memory errors name `x`.
pub(super) fn few_distinct(x: &[f64]) -> KernelResult<Option<Vec<f64>>> {
    let mut slots: Vec<u64> = alloc::filled("x", SLOTS, FREE)?;
    let mut firsts: Vec<f64> = alloc::with_capacity("x", MAX_DISTINCT + 1)?;
    // Fibonacci hashing: the top bits of the product depend on every bit of the class, including
    // the high ones, which are all that vary in round numbers.
    let shift = u64::BITS - SLOTS.trailing_zeros();
    let mask = SLOTS - 1;
    let mut last = FREE;
    for &v in x {
        let class = class_of(v);
        // Runs of one value are common (sorted or grouped data): skip the lookup.
        if class == last {
            continue;
        }
        last = class;
        let mut i = (class.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize;
        loop {
            match slots.get(i) {
                Some(&k) if k == class => break,
                Some(&FREE) => {
                    if firsts.len() == MAX_DISTINCT {
                        return Ok(None);
                    }
                    if let Some(slot) = slots.get_mut(i) {
                        *slot = class;
                    }
                    firsts.push(v);
                    break;
                }
                _ => i = (i + 1) & mask,
            }
        }
    }
    // numpy's order for distinct classes: NaN last, the rest by value (one zero at most).
    firsts.sort_unstable_by(|a, b| {
        a.is_nan()
            .cmp(&b.is_nan())
            .then_with(|| a.partial_cmp(b).unwrap_or(Ordering::Equal))
    });
    Ok(Some(firsts))
}

/// The class of `v` under numpy's equality with `equal_nan=True`.
#[inline(always)]
fn class_of(v: f64) -> u64 {
    if v.is_nan() {
        NAN_CLASS
    } else {
        // Adding 0.0 turns -0.0 into 0.0 and leaves every other value unchanged.
        (v + 0.0).to_bits()
    }
}
