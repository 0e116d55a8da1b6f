//! The float types the FFT and convolution kernels compute in (`f64` and `f32`), and exact
//! scaling by powers of two.

use std::cell::RefCell;

use rustfft::num_traits::Float;
use rustfft::FftNum;

use super::plans::PlanCache;

/// A float type the signal kernels compute in: `f64` or `f32`.
pub(crate) trait Real: FftNum + Float {
    /// Exponent of the smallest normal power of two.
    const MIN_NORMAL_EXP: i32;
    /// Exponent of the largest power of two.
    const MAX_EXP: i32;

    /// Runs `f` on this thread's cache of plans of this precision.
    fn with_plans<R>(f: impl FnOnce(&mut PlanCache<Self>) -> R) -> R;
}

impl Real for f64 {
    const MIN_NORMAL_EXP: i32 = f64::MIN_EXP - 1;
    const MAX_EXP: i32 = f64::MAX_EXP - 1;

    fn with_plans<R>(f: impl FnOnce(&mut PlanCache<Self>) -> R) -> R {
        thread_local! {
            static PLANS: RefCell<PlanCache<f64>> = RefCell::new(PlanCache::new());
        }
        PLANS.with(|plans| f(&mut plans.borrow_mut()))
    }
}

impl Real for f32 {
    const MIN_NORMAL_EXP: i32 = f32::MIN_EXP - 1;
    const MAX_EXP: i32 = f32::MAX_EXP - 1;

    fn with_plans<R>(f: impl FnOnce(&mut PlanCache<Self>) -> R) -> R {
        thread_local! {
            static PLANS: RefCell<PlanCache<f32>> = RefCell::new(PlanCache::new());
        }
        PLANS.with(|plans| f(&mut plans.borrow_mut()))
    }
}

/// `⌊log2 max|xᵢ|⌋` for finite `x`, read off the bits (also for subnormals), or 0 when every
/// element is zero. (An `f32` widens to `f64` exactly, so one reading serves both.)
pub(crate) fn magnitude_exponent<T: Real>(x: &[T]) -> i32 {
    let max = x.iter().fold(T::zero(), |m, v| m.max(v.abs()));
    let bits = max.to_f64().unwrap_or(0.0).to_bits();
    let biased = (bits >> 52) as i32;
    if bits == 0 {
        0
    } else if biased == 0 {
        // Subnormal: bits · 2^-1074, whose top set bit is bit 63 − leading_zeros.
        63 - bits.leading_zeros() as i32 - 1074
    } else {
        biased - 1023
    }
}

/// Multiplication by `2^e` for any `e` within three normal powers of two of `T` (`f64`:
/// `[-3066, 3069]`, `f32`: `[-378, 381]`), as up to three multiplications by normal powers of
/// two (each exact unless the value over- or underflows).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pow2<T>([T; 3]);

impl<T: Real> Pow2<T> {
    pub(crate) fn new(mut e: i32) -> Self {
        let mut factors = [T::one(); 3];
        for f in &mut factors {
            let step = e.clamp(T::MIN_NORMAL_EXP, T::MAX_EXP);
            // A normal power of two of T, exact as an f64 (biased exponent `1023 + step`) and
            // converted exactly.
            *f = T::from_f64(f64::from_bits(((1023 + step) as u64) << 52)).unwrap_or(T::one());
            e -= step;
        }
        Pow2(factors)
    }

    #[inline]
    pub(crate) fn apply(self, x: T) -> T {
        x * self.0[0] * self.0[1] * self.0[2]
    }
}
