//! [`Element`] on wasm SIMD128: `f64x2` and `f32x4` in `v128`.

use super::Element;
use core::arch::wasm32::{
    f32x4_add, f32x4_mul, f64x2_add, f64x2_mul, f64x2_splat, v128, v128_load, v128_load32_splat,
    v128_load64_splat, v128_store,
};

impl Element for f64 {
    const ZERO: Self = 0.0;
    const LANES: usize = 2;
    const KC: usize = 256;
    const MC: usize = 96;
    const NC: usize = 2048;
    type V = v128;

    #[inline(always)]
    fn zero() -> v128 {
        f64x2_splat(0.0)
    }
    #[inline(always)]
    fn mul_add(acc: v128, a: v128, b: v128) -> v128 {
        f64x2_add(acc, f64x2_mul(a, b))
    }
    #[inline(always)]
    unsafe fn load(p: *const f64) -> v128 {
        // SAFETY: the caller's contract; v128_load needs no alignment.
        unsafe { v128_load(p.cast()) }
    }
    #[inline(always)]
    unsafe fn splat(p: *const f64) -> v128 {
        // SAFETY: the caller's contract.
        unsafe { v128_load64_splat(p.cast()) }
    }
    #[inline(always)]
    unsafe fn store(p: *mut f64, v: v128) {
        // SAFETY: the caller's contract; v128_store needs no alignment.
        unsafe { v128_store(p.cast(), v) }
    }
}

impl Element for f32 {
    const ZERO: Self = 0.0;
    const LANES: usize = 4;
    const KC: usize = 256;
    const MC: usize = 96;
    const NC: usize = 2048;
    type V = v128;

    #[inline(always)]
    fn zero() -> v128 {
        f64x2_splat(0.0)
    }
    #[inline(always)]
    fn mul_add(acc: v128, a: v128, b: v128) -> v128 {
        f32x4_add(acc, f32x4_mul(a, b))
    }
    #[inline(always)]
    unsafe fn load(p: *const f32) -> v128 {
        // SAFETY: the caller's contract; v128_load needs no alignment.
        unsafe { v128_load(p.cast()) }
    }
    #[inline(always)]
    unsafe fn splat(p: *const f32) -> v128 {
        // SAFETY: the caller's contract.
        unsafe { v128_load32_splat(p.cast()) }
    }
    #[inline(always)]
    unsafe fn store(p: *mut f32, v: v128) {
        // SAFETY: the caller's contract; v128_store needs no alignment.
        unsafe { v128_store(p.cast(), v) }
    }
}
