//! A small cache of FFT plans per thread and precision, so that repeated transforms of one
//! length do not plan again.
//!
//! Planning (twiddle tables, choice of algorithm) costs about as much as the transform itself,
//! so the kernels keep the plans of their last few lengths: at most [`CAPACITY`] plans whose
//! estimated memory totals at most [`BUDGET_BYTES`], the least recently used evicted first. A
//! plan larger than the budget is used for its call and not kept. Plans hold no scratch space;
//! each call allocates its own (fallibly) and frees it. rustfft's own planner caches every plan
//! it ever built, so a fresh planner builds each missing plan and is dropped.
//!
//! The cache is thread-local: in the threaded build each thread that transforms has its own.

use std::sync::Arc;

use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};
use rustfft::num_complex::Complex;
use rustfft::{Fft, FftDirection, FftPlanner};

use super::real::Real;
use crate::alloc;
use crate::error::{KernelError, KernelResult};

/// Most plans kept per thread and precision.
pub(crate) const CAPACITY: usize = 8;
/// Most estimated plan memory kept per thread and precision.
pub(crate) const BUDGET_BYTES: usize = 128 << 20;

/// Complex values per point that one rustfft plan allocates at its peak when the length is a
/// product of [`BUTTERFLY_PRIMES`] (mixed radix and butterflies; measured ≤ 2 for rustfft 6.4).
const PLAN_SMOOTH_PER_POINT: usize = 3;
/// The same for other lengths (Rader's and Bluestein's algorithms; measured ≤ 10).
const PLAN_ROUGH_PER_POINT: usize = 11;
/// Fixed part of a plan's peak allocation, in complex values (measured below 8 KiB).
const PLAN_FIXED: usize = 1024;
/// The primes rustfft transforms by hard-coded butterflies.
const BUTTERFLY_PRIMES: [usize; 11] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31];

/// What a plan transforms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Forward,
    Inverse,
    /// Real input of even length to its `n/2 + 1` non-redundant complex outputs.
    RealForward,
    /// The inverse of [`Kind::RealForward`].
    RealInverse,
}

#[derive(Clone)]
enum Plan<T> {
    Complex(Arc<dyn Fft<T>>),
    RealForward(Arc<dyn RealToComplex<T>>),
    RealInverse(Arc<dyn ComplexToReal<T>>),
}

struct Entry<T> {
    len: usize,
    kind: Kind,
    bytes: usize,
    plan: Plan<T>,
}

/// The plans of one thread and precision, least recently used first.
pub(crate) struct PlanCache<T> {
    entries: Vec<Entry<T>>,
    /// Most plans kept.
    capacity: usize,
    /// Most estimated plan memory kept, in bytes.
    budget: usize,
}

impl<T: Real> PlanCache<T> {
    /// An empty cache of [`CAPACITY`] plans and [`BUDGET_BYTES`].
    pub(crate) fn new() -> Self {
        Self::with_limits(CAPACITY, BUDGET_BYTES)
    }

    fn with_limits(capacity: usize, budget: usize) -> Self {
        PlanCache {
            entries: Vec::new(),
            capacity,
            budget,
        }
    }

    /// The plan for (`len`, `kind`), from the cache or newly built (and then kept if it fits).
    fn get(&mut self, argument: &'static str, len: usize, kind: Kind) -> KernelResult<Plan<T>> {
        if let Some(i) = self
            .entries
            .iter()
            .position(|e| e.len == len && e.kind == kind)
        {
            let entry = self.entries.remove(i);
            let plan = entry.plan.clone();
            self.entries.push(entry);
            return Ok(plan);
        }
        let bytes = plan_bytes::<T>(argument, len, kind)?;
        let keep = bytes <= self.budget;
        if keep {
            // Evict first, so that the new plan can reuse the memory of the old ones.
            while self.entries.len() >= self.capacity || self.bytes() + bytes > self.budget {
                self.entries.remove(0);
            }
        }
        alloc::ensure_available::<u8>(argument, bytes)?;
        let plan = build(len, kind);
        if keep {
            self.entries.push(Entry {
                len,
                kind,
                bytes,
                plan: plan.clone(),
            });
        }
        Ok(plan)
    }

    /// Estimated memory of the kept plans.
    fn bytes(&self) -> usize {
        self.entries.iter().map(|e| e.bytes).sum()
    }
}

/// Builds a plan with a fresh planner (which is dropped with its own cache).
fn build<T: Real>(len: usize, kind: Kind) -> Plan<T> {
    match kind {
        Kind::Forward => Plan::Complex(FftPlanner::new().plan_fft_forward(len)),
        Kind::Inverse => Plan::Complex(FftPlanner::new().plan_fft_inverse(len)),
        Kind::RealForward => Plan::RealForward(RealFftPlanner::new().plan_fft_forward(len)),
        Kind::RealInverse => Plan::RealInverse(RealFftPlanner::new().plan_fft_inverse(len)),
    }
}

/// The peak memory a plan of `len` points allocates while it is built (rustfft and realfft
/// allocate it infallibly, so it is probed first), by the measured bounds above. A real plan of
/// even `len` is a complex plan of `len / 2` points plus `len / 4` twiddles.
///
/// Errors: a size beyond `usize` (kind memory, naming `argument`).
fn plan_bytes<T: Real>(argument: &'static str, len: usize, kind: Kind) -> KernelResult<usize> {
    let (points, extra) = match kind {
        Kind::Forward | Kind::Inverse => (len, 0),
        Kind::RealForward | Kind::RealInverse => (len / 2, len / 4 + 1),
    };
    let per_point = if is_smooth(points) {
        PLAN_SMOOTH_PER_POINT
    } else {
        PLAN_ROUGH_PER_POINT
    };
    points
        .checked_mul(per_point)
        .and_then(|v| v.checked_add(extra + PLAN_FIXED))
        .and_then(|v| v.checked_mul(std::mem::size_of::<Complex<T>>()))
        .ok_or_else(|| {
            KernelError::memory(
                argument,
                format!("is too large: out of memory (cannot plan an FFT of {len} points)"),
            )
        })
}

/// Whether `n ≥ 1` is a product of [`BUTTERFLY_PRIMES`].
pub(crate) fn is_smooth(mut n: usize) -> bool {
    for p in BUTTERFLY_PRIMES {
        while n > 1 && n % p == 0 {
            n /= p;
        }
    }
    n <= 1
}

/// The complex FFT of `len` points in `direction`.
///
/// Errors: its plan cannot be allocated (kind memory, naming `argument`).
pub(crate) fn complex<T: Real>(
    argument: &'static str,
    len: usize,
    direction: FftDirection,
) -> KernelResult<Arc<dyn Fft<T>>> {
    let kind = match direction {
        FftDirection::Forward => Kind::Forward,
        FftDirection::Inverse => Kind::Inverse,
    };
    match T::with_plans(|plans| plans.get(argument, len, kind))? {
        Plan::Complex(plan) => Ok(plan),
        _ => unreachable!("complex kinds map to complex plans"),
    }
}

/// The forward FFT of `len` real points (even `len`).
///
/// Errors: as [`complex`].
pub(crate) fn real_forward<T: Real>(
    argument: &'static str,
    len: usize,
) -> KernelResult<Arc<dyn RealToComplex<T>>> {
    match T::with_plans(|plans| plans.get(argument, len, Kind::RealForward))? {
        Plan::RealForward(plan) => Ok(plan),
        _ => unreachable!("the real forward kind maps to a real forward plan"),
    }
}

/// The inverse of [`real_forward`]: `len / 2 + 1` complex points to `len` real ones.
///
/// Errors: as [`complex`].
pub(crate) fn real_inverse<T: Real>(
    argument: &'static str,
    len: usize,
) -> KernelResult<Arc<dyn ComplexToReal<T>>> {
    match T::with_plans(|plans| plans.get(argument, len, Kind::RealInverse))? {
        Plan::RealInverse(plan) => Ok(plan),
        _ => unreachable!("the real inverse kind maps to a real inverse plan"),
    }
}

/// How many plans this thread keeps for `T`, and their estimated bytes (for tests).
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn cached<T: Real>() -> (usize, usize) {
    T::with_plans(|plans| (plans.entries.len(), plans.bytes()))
}

/// Drops this thread's plans for `T` (for tests that compare with a fresh plan).
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn clear<T: Real>() {
    T::with_plans(|plans| plans.entries.clear())
}

/// Checks that a plan of `len` points could be built now (for tests of the memory errors).
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn ensure_plan_memory<T: Real>(argument: &'static str, len: usize) -> KernelResult<()> {
    alloc::ensure_available::<u8>(argument, plan_bytes::<T>(argument, len, Kind::Forward)?)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn keys<T>(cache: &PlanCache<T>) -> Vec<(usize, Kind)> {
        cache.entries.iter().map(|e| (e.len, e.kind)).collect()
    }

    #[test]
    fn least_recently_used_plans_are_evicted_beyond_the_capacity() {
        let mut cache = PlanCache::<f64>::with_limits(3, usize::MAX);
        for len in [8, 9, 10] {
            cache.get("re", len, Kind::Forward).unwrap();
        }
        cache.get("re", 8, Kind::Forward).unwrap(); // 8 is now the most recent
        cache.get("re", 8, Kind::Inverse).unwrap(); // evicts 9
        assert_eq!(
            keys(&cache),
            [(10, Kind::Forward), (8, Kind::Forward), (8, Kind::Inverse)]
        );
        cache.get("re", 16, Kind::RealForward).unwrap();
        cache.get("re", 16, Kind::RealInverse).unwrap();
        assert_eq!(
            keys(&cache),
            [
                (8, Kind::Inverse),
                (16, Kind::RealForward),
                (16, Kind::RealInverse)
            ]
        );
    }

    #[test]
    fn the_memory_budget_bounds_the_kept_plans() {
        let one = plan_bytes::<f64>("re", 1020, Kind::Forward).unwrap();
        let budget = 2 * one + one / 2;
        let mut cache = PlanCache::<f64>::with_limits(8, budget);
        // Smooth lengths (mixed radix): about `one` each, so two fit.
        for len in [1000, 1008, 1020] {
            cache.get("re", len, Kind::Forward).unwrap();
            assert!(cache.bytes() <= budget);
        }
        assert_eq!(keys(&cache), [(1008, Kind::Forward), (1020, Kind::Forward)]);
        // A prime length (Rader's algorithm) needs more than the whole budget: built, used,
        // not kept, and nothing evicted for it.
        assert!(plan_bytes::<f64>("re", 1031, Kind::Forward).unwrap() > budget);
        cache.get("re", 1031, Kind::Forward).unwrap();
        assert_eq!(keys(&cache), [(1008, Kind::Forward), (1020, Kind::Forward)]);
    }

    #[test]
    fn estimates_count_real_plans_at_half_length() {
        let complex = plan_bytes::<f64>("re", 1 << 10, Kind::Forward).unwrap();
        let real = plan_bytes::<f64>("re", 1 << 11, Kind::RealForward).unwrap();
        assert_eq!(real, complex + ((1 << 9) + 1) * 16);
        assert_eq!(
            plan_bytes::<f32>("re", 1 << 10, Kind::Forward).unwrap() * 2,
            complex
        );
        let err = plan_bytes::<f64>("x", usize::MAX / 2, Kind::Inverse).unwrap_err();
        assert_eq!(err.argument, "x");
    }
}
