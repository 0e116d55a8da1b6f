//! [`Element`] without SIMD intrinsics: arrays the compiler may vectorise.

use super::Element;

macro_rules! portable {
    ($t:ty, $lanes:expr) => {
        impl Element for $t {
            const ZERO: Self = 0.0;
            const LANES: usize = $lanes;
            const KC: usize = 256;
            const MC: usize = 96;
            const NC: usize = 2048;
            type V = [$t; $lanes];

            #[inline(always)]
            fn zero() -> Self::V {
                [0.0; $lanes]
            }
            #[inline(always)]
            fn mul_add(mut acc: Self::V, a: Self::V, b: Self::V) -> Self::V {
                for ((x, a), b) in acc.iter_mut().zip(a).zip(b) {
                    *x += a * b;
                }
                acc
            }
            #[inline(always)]
            unsafe fn load(p: *const $t) -> Self::V {
                // SAFETY: the caller's contract.
                unsafe { p.cast::<Self::V>().read_unaligned() }
            }
            #[inline(always)]
            unsafe fn splat(p: *const $t) -> Self::V {
                // SAFETY: the caller's contract.
                [unsafe { p.read() }; $lanes]
            }
            #[inline(always)]
            unsafe fn store(p: *mut $t, v: Self::V) {
                // SAFETY: the caller's contract.
                unsafe { p.cast::<Self::V>().write_unaligned(v) }
            }
        }
    };
}

portable!(f64, 2);
portable!(f32, 4);
