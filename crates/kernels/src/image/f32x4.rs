//! Four float32 lanes holding one RGBA pixel, and the grayscale of four pixels: wasm SIMD128
//! when the build has it, SSE2 on x86-64, plain arrays elsewhere.
//!
//! Every operation is lane-wise IEEE float32 arithmetic or an exact conversion (bytes and their
//! pair sums are small integers), so the three implementations give the same bits.

/// Four pixels of bytes, the unit the blur loads and stores.
pub(super) type Bytes16 = [u8; 16];

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use super::Bytes16;
    use core::arch::wasm32::*;

    /// Four float32 lanes.
    #[derive(Clone, Copy)]
    pub(in crate::image) struct F32x4(v128);

    impl F32x4 {
        #[inline(always)]
        pub fn splat(v: f32) -> Self {
            Self(f32x4_splat(v))
        }

        #[inline(always)]
        pub fn load(s: &[f32; 4]) -> Self {
            // SAFETY: `s` is 16 readable bytes; wasm loads need no alignment.
            Self(unsafe { v128_load(s.as_ptr().cast()) })
        }

        #[inline(always)]
        pub fn store(self, d: &mut [f32; 4]) {
            // SAFETY: `d` is 16 writable bytes; wasm stores need no alignment.
            unsafe { v128_store(d.as_mut_ptr().cast(), self.0) }
        }

        #[inline(always)]
        pub fn add(self, o: Self) -> Self {
            Self(f32x4_add(self.0, o.0))
        }

        #[inline(always)]
        pub fn mul(self, o: Self) -> Self {
            Self(f32x4_mul(self.0, o.0))
        }

        #[inline(always)]
        pub fn min(self, o: Self) -> Self {
            Self(f32x4_pmin(self.0, o.0))
        }

        /// The four pixels `a + b` (sums exact in 16 bits) as floats.
        #[inline(always)]
        pub fn pair_sums(a: &Bytes16, b: &Bytes16) -> [Self; 4] {
            // SAFETY: `a` and `b` are 16 readable bytes each.
            let (a, b) = unsafe { (v128_load(a.as_ptr().cast()), v128_load(b.as_ptr().cast())) };
            let lo = i16x8_add(u16x8_extend_low_u8x16(a), u16x8_extend_low_u8x16(b));
            let hi = i16x8_add(u16x8_extend_high_u8x16(a), u16x8_extend_high_u8x16(b));
            words_to_floats(lo, hi)
        }

        /// The four pixels of `a` as floats.
        #[inline(always)]
        pub fn bytes(a: &Bytes16) -> [Self; 4] {
            // SAFETY: `a` is 16 readable bytes.
            let a = unsafe { v128_load(a.as_ptr().cast()) };
            words_to_floats(u16x8_extend_low_u8x16(a), u16x8_extend_high_u8x16(a))
        }

        /// `floor(v + ½)` of every lane (lanes ≥ 0), saturated to a byte, as 16 bytes.
        #[inline(always)]
        pub fn round_to_bytes(v: [Self; 4]) -> Bytes16 {
            let half = f32x4_splat(0.5);
            let [a, b, c, d] = v.map(|x| i32x4_trunc_sat_f32x4(f32x4_add(x.0, half)));
            let bytes = u8x16_narrow_i16x8(u16x8_narrow_i32x4(a, b), u16x8_narrow_i32x4(c, d));
            let mut out = [0u8; 16];
            // SAFETY: `out` is 16 writable bytes.
            unsafe { v128_store(out.as_mut_ptr().cast(), bytes) };
            out
        }

        /// `|v − trunc(v) − ½|`: for lanes ≥ 0, the distance to the rounding boundary `m + ½`.
        #[inline(always)]
        pub fn distance_to_boundary(self) -> Self {
            let frac = f32x4_sub(self.0, f32x4_trunc(self.0));
            Self(f32x4_abs(f32x4_sub(frac, f32x4_splat(0.5))))
        }

        /// Whether any lane is below `m`.
        #[inline(always)]
        pub fn any_below(self, m: f32) -> bool {
            v128_any_true(f32x4_lt(self.0, f32x4_splat(m)))
        }
    }

    /// Grayscale of four pixels as [`super::super::gray_byte`] computes it, or `None` when one of
    /// them is an exact half (left to the caller's float64 path).
    ///
    /// `n = 299·R + 587·G + 114·B` by two i16 dot products; `t = f32(n + 500)·0.001 + 0.0005`
    /// is within 3·10⁻⁵ of `(n + 500)/1000 + 0.0005`, whose fraction is 0.0005 at the halves and
    /// at least 0.0015 elsewhere: so `trunc(t) = (n + 500) / 1000` off the halves, and a fraction
    /// below 0.001 marks a half.
    #[inline(always)]
    pub(in crate::image) fn gray_pixels(px: &Bytes16) -> Option<Bytes16> {
        // SAFETY: `px` is 16 readable bytes.
        let a = unsafe { v128_load(px.as_ptr().cast()) };
        let weights = i16x8(299, 587, 114, 0, 299, 587, 114, 0);
        let lo = i32x4_dot_i16x8(u16x8_extend_low_u8x16(a), weights);
        let hi = i32x4_dot_i16x8(u16x8_extend_high_u8x16(a), weights);
        let n = i32x4_add(
            i32x4_shuffle::<0, 2, 4, 6>(lo, hi),
            i32x4_shuffle::<1, 3, 5, 7>(lo, hi),
        );
        let up = f32x4_convert_i32x4(i32x4_add(n, i32x4_splat(500)));
        let t = f32x4_add(f32x4_mul(up, f32x4_splat(0.001)), f32x4_splat(0.0005));
        let whole = f32x4_trunc(t);
        if v128_any_true(f32x4_lt(f32x4_sub(t, whole), f32x4_splat(0.001))) {
            return None;
        }
        let q = i32x4_trunc_sat_f32x4(whole);
        let grey = v128_or(v128_or(q, i32x4_shl(q, 8)), i32x4_shl(q, 16));
        let bytes = v128_or(grey, v128_and(a, u32x4_splat(0xff00_0000)));
        let mut out = [0u8; 16];
        // SAFETY: `out` is 16 writable bytes.
        unsafe { v128_store(out.as_mut_ptr().cast(), bytes) };
        Some(out)
    }

    #[inline(always)]
    fn words_to_floats(lo: v128, hi: v128) -> [F32x4; 4] {
        [
            u32x4_extend_low_u16x8(lo),
            u32x4_extend_high_u16x8(lo),
            u32x4_extend_low_u16x8(hi),
            u32x4_extend_high_u16x8(hi),
        ]
        .map(|v| F32x4(f32x4_convert_i32x4(v)))
    }
}

#[cfg(target_arch = "x86_64")]
mod imp {
    use super::Bytes16;
    use core::arch::x86_64::*;

    /// Four float32 lanes.
    #[derive(Clone, Copy)]
    pub(in crate::image) struct F32x4(__m128);

    // SAFETY (all `unsafe` below): SSE2 is part of x86-64; the unaligned loads and stores read or
    // write exactly the 16 bytes of the array behind the reference.
    impl F32x4 {
        #[inline(always)]
        pub fn splat(v: f32) -> Self {
            Self(unsafe { _mm_set1_ps(v) })
        }

        #[inline(always)]
        pub fn load(s: &[f32; 4]) -> Self {
            Self(unsafe { _mm_loadu_ps(s.as_ptr()) })
        }

        #[inline(always)]
        pub fn store(self, d: &mut [f32; 4]) {
            unsafe { _mm_storeu_ps(d.as_mut_ptr(), self.0) }
        }

        #[inline(always)]
        pub fn add(self, o: Self) -> Self {
            Self(unsafe { _mm_add_ps(self.0, o.0) })
        }

        #[inline(always)]
        pub fn mul(self, o: Self) -> Self {
            Self(unsafe { _mm_mul_ps(self.0, o.0) })
        }

        #[inline(always)]
        pub fn min(self, o: Self) -> Self {
            Self(unsafe { _mm_min_ps(self.0, o.0) })
        }

        #[inline(always)]
        pub fn pair_sums(a: &Bytes16, b: &Bytes16) -> [Self; 4] {
            unsafe {
                let z = _mm_setzero_si128();
                let a = _mm_loadu_si128(a.as_ptr().cast());
                let b = _mm_loadu_si128(b.as_ptr().cast());
                let lo = _mm_add_epi16(_mm_unpacklo_epi8(a, z), _mm_unpacklo_epi8(b, z));
                let hi = _mm_add_epi16(_mm_unpackhi_epi8(a, z), _mm_unpackhi_epi8(b, z));
                words_to_floats(lo, hi)
            }
        }

        #[inline(always)]
        pub fn bytes(a: &Bytes16) -> [Self; 4] {
            unsafe {
                let z = _mm_setzero_si128();
                let a = _mm_loadu_si128(a.as_ptr().cast());
                words_to_floats(_mm_unpacklo_epi8(a, z), _mm_unpackhi_epi8(a, z))
            }
        }

        #[inline(always)]
        pub fn round_to_bytes(v: [Self; 4]) -> Bytes16 {
            unsafe {
                let half = _mm_set1_ps(0.5);
                // Lanes are below 2³¹, so truncation is exact; packs saturate to [0, 255].
                let [a, b, c, d] = v.map(|x| _mm_cvttps_epi32(_mm_add_ps(x.0, half)));
                let bytes = _mm_packus_epi16(_mm_packs_epi32(a, b), _mm_packs_epi32(c, d));
                let mut out = [0u8; 16];
                _mm_storeu_si128(out.as_mut_ptr().cast(), bytes);
                out
            }
        }

        #[inline(always)]
        pub fn distance_to_boundary(self) -> Self {
            unsafe {
                let trunc = _mm_cvtepi32_ps(_mm_cvttps_epi32(self.0));
                let d = _mm_sub_ps(_mm_sub_ps(self.0, trunc), _mm_set1_ps(0.5));
                // |d|: clear the sign bit.
                Self(_mm_andnot_ps(_mm_set1_ps(-0.0), d))
            }
        }

        #[inline(always)]
        pub fn any_below(self, m: f32) -> bool {
            unsafe { _mm_movemask_ps(_mm_cmplt_ps(self.0, _mm_set1_ps(m))) != 0 }
        }
    }

    /// As the wasm version: grayscale of four pixels, `None` when one is an exact half.
    #[inline(always)]
    pub(in crate::image) fn gray_pixels(px: &Bytes16) -> Option<Bytes16> {
        // SAFETY: SSE2 is part of x86-64; `px` and `out` are 16 bytes each.
        unsafe {
            let z = _mm_setzero_si128();
            let a = _mm_loadu_si128(px.as_ptr().cast());
            let weights = _mm_setr_epi16(299, 587, 114, 0, 299, 587, 114, 0);
            let lo = _mm_castsi128_ps(_mm_madd_epi16(_mm_unpacklo_epi8(a, z), weights));
            let hi = _mm_castsi128_ps(_mm_madd_epi16(_mm_unpackhi_epi8(a, z), weights));
            let n = _mm_add_epi32(
                _mm_castps_si128(_mm_shuffle_ps::<0b10_00_10_00>(lo, hi)),
                _mm_castps_si128(_mm_shuffle_ps::<0b11_01_11_01>(lo, hi)),
            );
            let up = _mm_cvtepi32_ps(_mm_add_epi32(n, _mm_set1_epi32(500)));
            let t = _mm_add_ps(_mm_mul_ps(up, _mm_set1_ps(0.001)), _mm_set1_ps(0.0005));
            let q = _mm_cvttps_epi32(t);
            let frac = _mm_sub_ps(t, _mm_cvtepi32_ps(q));
            if _mm_movemask_ps(_mm_cmplt_ps(frac, _mm_set1_ps(0.001))) != 0 {
                return None;
            }
            let grey = _mm_or_si128(
                _mm_or_si128(q, _mm_slli_epi32::<8>(q)),
                _mm_slli_epi32::<16>(q),
            );
            let alpha = _mm_and_si128(a, _mm_set1_epi32(0xff00_0000u32 as i32));
            let mut out = [0u8; 16];
            _mm_storeu_si128(out.as_mut_ptr().cast(), _mm_or_si128(grey, alpha));
            Some(out)
        }
    }

    #[inline(always)]
    unsafe fn words_to_floats(lo: __m128i, hi: __m128i) -> [F32x4; 4] {
        let z = _mm_setzero_si128();
        [
            _mm_unpacklo_epi16(lo, z),
            _mm_unpackhi_epi16(lo, z),
            _mm_unpacklo_epi16(hi, z),
            _mm_unpackhi_epi16(hi, z),
        ]
        .map(|v| F32x4(_mm_cvtepi32_ps(v)))
    }
}

#[cfg(not(any(
    all(target_arch = "wasm32", target_feature = "simd128"),
    target_arch = "x86_64"
)))]
mod imp {
    use super::Bytes16;

    /// Four float32 lanes.
    #[derive(Clone, Copy)]
    pub(in crate::image) struct F32x4([f32; 4]);

    impl F32x4 {
        pub fn splat(v: f32) -> Self {
            Self([v; 4])
        }

        pub fn load(s: &[f32; 4]) -> Self {
            Self(*s)
        }

        pub fn store(self, d: &mut [f32; 4]) {
            *d = self.0;
        }

        pub fn add(self, o: Self) -> Self {
            Self(std::array::from_fn(|i| self.0[i] + o.0[i]))
        }

        pub fn mul(self, o: Self) -> Self {
            Self(std::array::from_fn(|i| self.0[i] * o.0[i]))
        }

        pub fn min(self, o: Self) -> Self {
            Self(std::array::from_fn(|i| self.0[i].min(o.0[i])))
        }

        pub fn pair_sums(a: &Bytes16, b: &Bytes16) -> [Self; 4] {
            std::array::from_fn(|p| {
                Self(std::array::from_fn(|c| {
                    f32::from(u16::from(a[4 * p + c]) + u16::from(b[4 * p + c]))
                }))
            })
        }

        pub fn bytes(a: &Bytes16) -> [Self; 4] {
            std::array::from_fn(|p| Self(std::array::from_fn(|c| f32::from(a[4 * p + c]))))
        }

        pub fn round_to_bytes(v: [Self; 4]) -> Bytes16 {
            // `as` saturates, so this is the clamp to [0, 255].
            std::array::from_fn(|i| (v[i / 4].0[i % 4] + 0.5).trunc() as u8)
        }

        pub fn distance_to_boundary(self) -> Self {
            Self(self.0.map(|v| (v - v.trunc() - 0.5).abs()))
        }

        pub fn any_below(self, m: f32) -> bool {
            self.0.iter().any(|&v| v < m)
        }
    }

    /// No vectors here: the caller's per-pixel path does the grayscale.
    pub(in crate::image) fn gray_pixels(_px: &Bytes16) -> Option<Bytes16> {
        None
    }
}

pub(super) use imp::{gray_pixels, F32x4};
