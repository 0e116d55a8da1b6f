//! [`Element`] on x86-64's baseline SSE2: `__m128d` and `__m128`.

use super::Element;
use core::arch::x86_64::{
    __m128, __m128d, _mm_add_pd, _mm_add_ps, _mm_load1_pd, _mm_load1_ps, _mm_loadu_pd,
    _mm_loadu_ps, _mm_mul_pd, _mm_mul_ps, _mm_setzero_pd, _mm_setzero_ps, _mm_storeu_pd,
    _mm_storeu_ps,
};

impl Element for f64 {
    const ZERO: Self = 0.0;
    const LANES: usize = 2;
    const KC: usize = 256;
    const MC: usize = 96;
    const NC: usize = 2048;
    type V = __m128d;

    #[inline(always)]
    fn zero() -> __m128d {
        // SAFETY: SSE2 is part of every x86-64 target (this module needs it).
        unsafe { _mm_setzero_pd() }
    }
    #[inline(always)]
    fn mul_add(acc: __m128d, a: __m128d, b: __m128d) -> __m128d {
        // SAFETY: SSE2, as above.
        unsafe { _mm_add_pd(acc, _mm_mul_pd(a, b)) }
    }
    #[inline(always)]
    unsafe fn load(p: *const f64) -> __m128d {
        // SAFETY: the caller's contract; unaligned load.
        unsafe { _mm_loadu_pd(p) }
    }
    #[inline(always)]
    unsafe fn splat(p: *const f64) -> __m128d {
        // SAFETY: the caller's contract.
        unsafe { _mm_load1_pd(p) }
    }
    #[inline(always)]
    unsafe fn store(p: *mut f64, v: __m128d) {
        // SAFETY: the caller's contract; unaligned store.
        unsafe { _mm_storeu_pd(p, v) }
    }
}

impl Element for f32 {
    const ZERO: Self = 0.0;
    const LANES: usize = 4;
    const KC: usize = 256;
    const MC: usize = 96;
    const NC: usize = 2048;
    type V = __m128;

    #[inline(always)]
    fn zero() -> __m128 {
        // SAFETY: SSE2, as above.
        unsafe { _mm_setzero_ps() }
    }
    #[inline(always)]
    fn mul_add(acc: __m128, a: __m128, b: __m128) -> __m128 {
        // SAFETY: SSE2, as above.
        unsafe { _mm_add_ps(acc, _mm_mul_ps(a, b)) }
    }
    #[inline(always)]
    unsafe fn load(p: *const f32) -> __m128 {
        // SAFETY: the caller's contract; unaligned load.
        unsafe { _mm_loadu_ps(p) }
    }
    #[inline(always)]
    unsafe fn splat(p: *const f32) -> __m128 {
        // SAFETY: the caller's contract.
        unsafe { _mm_load1_ps(p) }
    }
    #[inline(always)]
    unsafe fn store(p: *mut f32, v: __m128) {
        // SAFETY: the caller's contract; unaligned store.
        unsafe { _mm_storeu_ps(p, v) }
    }
}
