//! Image filters on RGBA bytes laid out like `ImageData.data`: row-major, 4 bytes per pixel
//! (R, G, B, A), `w` pixels per row, `h` rows.
//!
//! Rounding is half up (`floor(v + 0.5)`), clamped to `[0, 255]`. There is no numpy function for
//! these; the equivalents given are the numpy expressions of the same definitions.

mod blur;
mod f32x4;

use std::mem::MaybeUninit;

use crate::alloc;
use crate::error::{KernelError, KernelResult};

/// Largest `sigma` `gaussian_blur` accepts (its kernel then has 6001 taps).
pub const GAUSSIAN_MAX_SIGMA: f64 = 1000.0;

/// Luma weights of ITU-R BT.601, as used by `grayscale` and `sobel`.
const LUMA: [f64; 3] = [0.299, 0.587, 0.114];

/// Checks `w`, `h` and `rgba_len == 4*w*h`; returns that length.
fn validate(rgba_len: usize, w: usize, h: usize) -> KernelResult<usize> {
    if w == 0 {
        return Err(KernelError::value("w", "must be at least 1, got 0"));
    }
    if h == 0 {
        return Err(KernelError::value("h", "must be at least 1, got 0"));
    }
    // At most 2³² − 1 bytes, wasm32's address space, on every target: the native build refuses
    // the same images as the wasm build.
    let len = (w as u64)
        .checked_mul(h as u64)
        .and_then(|p| p.checked_mul(4))
        .filter(|&len| len <= u64::from(u32::MAX))
        .and_then(|len| usize::try_from(len).ok())
        .ok_or_else(|| {
            KernelError::value(
                "w",
                format!("and h are too large: 4*w*h overflows, got {w}x{h}"),
            )
        })?;
    if rgba_len != len {
        return Err(KernelError::value(
            "rgba",
            format!("must have 4*w*h = {len} bytes, got {rgba_len}"),
        ));
    }
    Ok(len)
}

/// The shape check of [`grayscale`] and [`sobel`], on the length of `rgba` and the dimensions
/// only, in this order: `w` and `h` at least 1, `4*w*h` below 2³² (wasm32's address space, on
/// every target), `rgba_len == 4*w*h`.
///
/// Errors, all of kind value: `w must be at least 1, got 0` (likewise `h`);
/// `w and h are too large: 4*w*h overflows, got …` (argument `w`);
/// `rgba must have 4*w*h = 48 bytes, got 47`.
pub fn check_image(rgba_len: usize, w: usize, h: usize) -> KernelResult<()> {
    validate(rgba_len, w, h).map(|_| ())
}

/// The shape check of [`gaussian_blur`]: everything it checks before touching the pixels, on the
/// length of `rgba`, the dimensions and `sigma` only, in this order: [`check_image`], then
/// `sigma` in `(0, 1000]`.
///
/// Errors, all of kind value: as [`check_image`]; `sigma` not in `(0, 1000]` or NaN
/// (`sigma must be in (0, 1000], got -1`).
pub fn check_gaussian_blur(rgba_len: usize, w: usize, h: usize, sigma: f64) -> KernelResult<()> {
    check_image(rgba_len, w, h)?;
    if !(sigma > 0.0 && sigma <= GAUSSIAN_MAX_SIGMA) {
        return Err(KernelError::value(
            "sigma",
            format!("must be in (0, {GAUSSIAN_MAX_SIGMA}], got {sigma}"),
        ));
    }
    Ok(())
}

/// Rounds half up and clamps to a byte: `clip(floor(v + 0.5), 0, 255)`.
#[inline]
fn round_u8(v: f64) -> u8 {
    // `as` saturates (and maps NaN to 0), so this cannot wrap.
    (v + 0.5).floor().clamp(0.0, 255.0) as u8
}

/// Unrounded luma `0.299·R + 0.587·G + 0.114·B` of one pixel.
#[inline]
fn luma(px: &[u8]) -> f64 {
    LUMA[0] * f64::from(px[0]) + LUMA[1] * f64::from(px[1]) + LUMA[2] * f64::from(px[2])
}

/// Grayscale conversion: R = G = B = `floor(0.299·R + 0.587·G + 0.114·B + 0.5)` (computed in
/// float64 in that order), alpha unchanged. numpy:
/// `np.floor(rgb @ [0.299, 0.587, 0.114] + 0.5)` broadcast to the three colour channels.
///
/// Errors: `w` or `h` zero (`w must be at least 1, got 0`); `4*w*h` beyond `usize`
/// (`w and h are too large: 4*w*h overflows, got …`); `rgba.len() != 4*w*h`
/// (`rgba must have 4*w*h = 48 bytes, got 47`); no memory for the result (kind memory,
/// argument `rgba`).
pub fn grayscale(rgba: &[u8], w: usize, h: usize) -> KernelResult<Vec<u8>> {
    check_image(rgba.len(), w, h)?;
    let len = rgba.len();
    let mut out = alloc::with_capacity("rgba", len)?;
    // Written once, straight into the new vector (no zeroing first: the call is memory-bound).
    let spare = &mut out.spare_capacity_mut()[..len];
    let per_pixel = |o: &mut [MaybeUninit<u8>], px: &[u8]| {
        for (o, px) in o.chunks_exact_mut(4).zip(px.chunks_exact(4)) {
            let l = gray_byte(px);
            for (d, v) in o.iter_mut().zip([l, l, l, px[3]]) {
                d.write(v);
            }
        }
    };
    let mut groups = spare.chunks_exact_mut(16);
    for (o, px) in groups.by_ref().zip(rgba.chunks_exact(16)) {
        match f32x4::gray_pixels(px.try_into().expect("16 bytes")) {
            Some(bytes) => {
                for (d, v) in o.iter_mut().zip(bytes) {
                    d.write(v);
                }
            }
            None => per_pixel(o, px),
        }
    }
    let done = len - len % 16;
    per_pixel(groups.into_remainder(), &rgba[done..]);
    // SAFETY: the loops above wrote every one of the `len` bytes: the groups of 16 and the
    // remainder cover `spare`, each pixel of each group is written in either branch.
    unsafe { out.set_len(len) };
    Ok(out)
}

/// `round_u8(luma(px))` in integer arithmetic: the exact luma is `n / 1000` with
/// `n = 299·R + 587·G + 114·B`, so `floor(n/1000 + ½) = (n + 500) / 1000`, except at the exact
/// halves (`n ≡ 500 mod 1000`, about one pixel in a thousand), where the float64 rounding of
/// [`luma`] decides which way it goes; those take the float64 path.
#[inline]
fn gray_byte(px: &[u8]) -> u8 {
    let n = 299 * u32::from(px[0]) + 587 * u32::from(px[1]) + 114 * u32::from(px[2]);
    let up = n + 500;
    if up % 1000 == 0 {
        round_u8(luma(px))
    } else {
        // At most 255 (n ≤ 255 000).
        (up / 1000) as u8
    }
}

/// Normalised Gaussian weights `exp(−i²/2σ²)` for `i ∈ [−r, r]`, `r = ceil(3σ)`.
///
/// The centre weight is exactly 1 before normalising: for a tiny `sigma` (`2σ²` underflows to 0)
/// the other weights are `exp(−inf) = 0`, so the filter is the identity, not `0/0 = NaN`.
fn gaussian_kernel(sigma: f64) -> KernelResult<Vec<f64>> {
    // sigma ≤ GAUSSIAN_MAX_SIGMA, so r ≤ 3000 and the conversion is exact.
    let r = (3.0 * sigma).ceil() as usize;
    let mut k = alloc::with_capacity("sigma", 2 * r + 1)?;
    let denom = 2.0 * sigma * sigma;
    k.extend((0..=2 * r).map(|j| {
        if j == r {
            return 1.0;
        }
        let i = j as f64 - r as f64;
        (-(i * i) / denom).exp()
    }));
    let total: f64 = k.iter().sum();
    for v in &mut k {
        *v /= total;
    }
    Ok(k)
}

/// Gaussian blur of all four channels: a separable filter with weights `exp(−i²/2σ²)` for
/// `i ∈ [−r, r]`, `r = ceil(3σ)`, normalised to sum 1; a horizontal pass then a vertical pass in
/// float64 with no rounding in between, edges clamped (out-of-image taps read the nearest edge
/// pixel), result rounded half up. numpy/scipy: `scipy.ndimage.correlate1d` along each axis with
/// `mode="nearest"` and these weights, then `np.floor(v + 0.5)`.
///
/// Computed in float32 (one RGBA pixel per SIMD vector, see `image/blur.rs`) with a proven error
/// bound: bytes whose float32 value lies near a rounding boundary are recomputed in float64, so
/// for `r ≤ 16` (`sigma ≤ 16/3`) the result is byte for byte the float64 definition's, and for any
/// `sigma` every byte is within ±1 of the exact Gaussian. The extra memory is one row.
/// A `sigma` so small that every off-centre weight underflows to 0 leaves the image unchanged
/// (as scipy, whose radius is then 0).
///
/// Errors: as [`grayscale`]; `sigma` not in `(0, 1000]` or NaN
/// (`sigma must be in (0, 1000], got -1`); no memory for the row buffers (kind memory,
/// argument `w`).
pub fn gaussian_blur(rgba: &[u8], w: usize, h: usize, sigma: f64) -> KernelResult<Vec<u8>> {
    check_gaussian_blur(rgba.len(), w, h, sigma)?;
    let filter = blur::Filter::new(gaussian_kernel(sigma)?)?;
    if w < 4 {
        return blur_narrow(&filter, rgba, w, h);
    }
    blur_rows(&filter, rgba, (w, h))
}

/// The rows of [`gaussian_blur`] (arguments validated, `w ≥ 4`): serially, or on rayon's pool
/// when that pays (feature `threads`).
fn blur_rows(filter: &blur::Filter, rgba: &[u8], (w, h): (usize, usize)) -> KernelResult<Vec<u8>> {
    #[cfg(feature = "threads")]
    if crate::par::worth(
        (w * h).saturating_mul(2 * filter.radius() + 1),
        BLUR_PAR_MIN_WORK,
    ) {
        return blur_rows_par(filter, rgba, (w, h));
    }
    let mut out = alloc::filled("rgba", rgba.len(), 0u8)?;
    let mut scratch = filter.scratch(w)?;
    for (y, row) in out.chunks_exact_mut(4 * w).enumerate() {
        filter.row(rgba, (w, h), y, &mut scratch, row);
    }
    Ok(out)
}

/// [`gaussian_blur`] of an image narrower than the filter's groups of 4 pixels: blurred 4
/// pixels wide with its last column repeated, then cropped. Beyond the last column the clamped
/// edge sees that column either way, so the bytes kept are the same.
fn blur_narrow(filter: &blur::Filter, rgba: &[u8], w: usize, h: usize) -> KernelResult<Vec<u8>> {
    let wide_len = h.checked_mul(16).ok_or_else(|| {
        KernelError::memory(
            "rgba",
            "is too large: out of memory (buffer size overflows)",
        )
    })?;
    let mut wide = alloc::with_capacity("rgba", wide_len)?;
    for row in rgba.chunks_exact(4 * w) {
        wide.extend_from_slice(row);
        for _ in w..4 {
            wide.extend_from_slice(&row[4 * w - 4..]);
        }
    }
    let blurred = blur_rows(filter, &wide, (4, h))?;
    let mut out = alloc::with_capacity("rgba", rgba.len())?;
    for row in blurred.chunks_exact(16) {
        out.extend_from_slice(&row[..4 * w]);
    }
    Ok(out)
}

/// Least `pixels × taps` blurred in parallel (feature `threads`).
#[cfg(feature = "threads")]
const BLUR_PAR_MIN_WORK: usize = 1 << 17;

/// Output rows per parallel task: small, so that both threads stay busy to the end.
#[cfg(feature = "threads")]
const BLUR_PAR_ROWS: usize = 8;

/// The rows of [`gaussian_blur`] (arguments validated), in tasks of [`BLUR_PAR_ROWS`] rows on
/// rayon's pool, each writing its rows of the new image. Every row is computed by the same code
/// as in the serial loop, so the bytes are identical.
#[cfg(feature = "threads")]
fn blur_rows_par(
    filter: &blur::Filter,
    rgba: &[u8],
    (w, h): (usize, usize),
) -> KernelResult<Vec<u8>> {
    let stride = 4 * w;
    crate::par::filled_chunks(
        "rgba",
        rgba.len(),
        BLUR_PAR_ROWS * stride,
        0,
        |task, rows| {
            let mut scratch = filter.scratch(w)?;
            for (i, row) in rows.chunks_exact_mut(stride).enumerate() {
                filter.row(rgba, (w, h), task * BLUR_PAR_ROWS + i, &mut scratch, row);
            }
            Ok(())
        },
    )
}

/// Sobel edge magnitude: luma `0.299·R + 0.587·G + 0.114·B` (unrounded float64), the 3×3
/// kernels `Gx = [[-1,0,1],[-2,0,2],[-1,0,1]]` and `Gy = Gxᵀ` with edges clamped, and
/// R = G = B = `min(255, floor(sqrt(gx² + gy²) + 0.5))`, alpha 255. scipy:
/// `np.hypot(ndimage.sobel(l, 1, mode="nearest"), ndimage.sobel(l, 0, mode="nearest"))`.
///
/// Errors: as [`grayscale`] (memory errors name `rgba`).
pub fn sobel(rgba: &[u8], w: usize, h: usize) -> KernelResult<Vec<u8>> {
    check_image(rgba.len(), w, h)?;
    let len = rgba.len();
    let mut l = alloc::with_capacity("rgba", w * h)?;
    l.extend(rgba.chunks_exact(4).map(luma));
    let mut out = alloc::with_capacity("rgba", len)?;
    for y in 0..h {
        let row = |yy: usize| &l[yy * w..(yy + 1) * w];
        let (up, mid, down) = (row(y.saturating_sub(1)), row(y), row((y + 1).min(h - 1)));
        for x in 0..w {
            let (xm, xp) = (x.saturating_sub(1), (x + 1).min(w - 1));
            let gx = (up[xp] + 2.0 * mid[xp] + down[xp]) - (up[xm] + 2.0 * mid[xm] + down[xm]);
            let gy = (down[xm] + 2.0 * down[x] + down[xp]) - (up[xm] + 2.0 * up[x] + up[xp]);
            let m = round_u8((gx * gx + gy * gy).sqrt());
            out.extend_from_slice(&[m, m, m, 255]);
        }
    }
    Ok(out)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::test_util::{blame, msg};
    use crate::ErrorKind;
    use proptest::prelude::*;

    #[test]
    fn check_image_is_the_check_of_grayscale_and_sobel() {
        assert!(check_image(48, 4, 3).is_ok());
        assert!(check_image(4, 1, 1).is_ok());
        let px = [0u8; 48];
        for (len, w, h) in [
            (48, 0, 3),
            (48, 4, 0),
            (0, 0, 0),
            (47, 4, 3),
            (4, usize::MAX, 2),
        ] {
            let err = check_image(len, w, h).unwrap_err();
            assert_eq!(
                err,
                grayscale(&px[..len], w, h).unwrap_err(),
                "{len} {w} {h}"
            );
            assert_eq!(err, sobel(&px[..len], w, h).unwrap_err(), "{len} {w} {h}");
        }
        let err = check_image(47, 4, 3).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Value, "rgba"));
        assert_eq!(err.to_string(), "rgba must have 4*w*h = 48 bytes, got 47");
    }

    #[test]
    fn check_gaussian_blur_is_the_check_of_gaussian_blur() {
        assert!(check_gaussian_blur(48, 4, 3, 1.5).is_ok());
        assert!(check_gaussian_blur(4, 1, 1, GAUSSIAN_MAX_SIGMA).is_ok());
        let px = [0u8; 48];
        for (len, w, h, sigma) in [
            (48, 4, 3, -1.0),
            (48, 4, 3, 0.0),
            (48, 4, 3, f64::NAN),
            (48, 4, 3, 1000.5),
            (47, 4, 3, 1.0),
            (47, 4, 3, -1.0),
            (48, 0, 3, f64::NAN),
        ] {
            let err = check_gaussian_blur(len, w, h, sigma).unwrap_err();
            let got = gaussian_blur(&px[..len], w, h, sigma).unwrap_err();
            assert_eq!(err, got, "{len} {w} {h} {sigma}");
        }
        let err = check_gaussian_blur(48, 4, 3, -1.0).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Value, "sigma"));
        assert_eq!(err.to_string(), "sigma must be in (0, 1000], got -1");
        // The size is checked before sigma.
        assert_eq!(
            check_gaussian_blur(47, 4, 3, -1.0).unwrap_err().argument,
            "rgba"
        );
    }

    fn clampi(v: i64, hi: usize) -> usize {
        v.clamp(0, hi as i64 - 1) as usize
    }

    /// Direct 2-D (non-separable) Gaussian with the same clamped definition.
    fn naive_blur(rgba: &[u8], w: usize, h: usize, sigma: f64) -> Vec<u8> {
        let r = (3.0 * sigma).ceil() as i64;
        let raw: Vec<f64> = (-r..=r)
            .map(|i| (-((i * i) as f64) / (2.0 * sigma * sigma)).exp())
            .collect();
        let total: f64 = raw.iter().sum();
        let k: Vec<f64> = raw.iter().map(|v| v / total).collect();
        let mut out = vec![0u8; rgba.len()];
        for y in 0..h {
            for x in 0..w {
                for c in 0..4 {
                    let mut s = 0.0;
                    for (jy, ky) in (-r..=r).zip(&k) {
                        for (jx, kx) in (-r..=r).zip(&k) {
                            let sy = clampi(y as i64 + jy, h);
                            let sx = clampi(x as i64 + jx, w);
                            s += ky * kx * f64::from(rgba[(sy * w + sx) * 4 + c]);
                        }
                    }
                    out[(y * w + x) * 4 + c] = (s + 0.5).floor().clamp(0.0, 255.0) as u8;
                }
            }
        }
        out
    }

    fn image() -> impl Strategy<Value = (usize, usize, Vec<u8>)> {
        (1usize..12, 1usize..12).prop_flat_map(|(w, h)| {
            (
                Just(w),
                Just(h),
                prop::collection::vec(any::<u8>(), 4 * w * h),
            )
        })
    }

    #[test]
    fn grayscale_known_pixels() {
        let px = [
            255, 0, 0, 7, 0, 255, 0, 8, 0, 0, 255, 9, 255, 255, 255, 255, 10, 20, 30, 0,
        ];
        // 0.299·255 = 76.245, 0.587·255 = 149.685, 0.114·255 = 29.07, white 255,
        // 2.99 + 11.74 + 3.42 = 18.15.
        assert_eq!(
            grayscale(&px, 5, 1).unwrap(),
            vec![76, 76, 76, 7, 150, 150, 150, 8, 29, 29, 29, 9, 255, 255, 255, 255, 18, 18, 18, 0]
        );
    }

    #[test]
    fn grayscale_equals_float64_luma_on_every_colour() {
        // One 256×256 image per red value: every (G, B), alpha varying; both the vector path
        // and the per-pixel one (`gray_byte`, also the tail of a 255-pixel-wide image).
        for r in 0..=255u8 {
            let img: Vec<u8> = (0..=255u8)
                .flat_map(|g| (0..=255u8).flat_map(move |b| [r, g, b, g ^ b]))
                .collect();
            let want: Vec<u8> = img
                .chunks_exact(4)
                .flat_map(|px| {
                    let l = round_u8(luma(px));
                    [l, l, l, px[3]]
                })
                .collect();
            assert_eq!(grayscale(&img, 256, 256).unwrap(), want, "red {r}");
            let part = 4 * 255 * 7;
            assert_eq!(grayscale(&img[..part], 255, 7).unwrap(), want[..part]);
            for px in img.chunks_exact(4) {
                assert_eq!(gray_byte(px), round_u8(luma(px)), "{px:?}");
            }
        }
    }

    #[test]
    fn validation_errors() {
        let img = [0u8; 47];
        assert_eq!(
            msg(grayscale(&img, 4, 3)),
            "rgba must have 4*w*h = 48 bytes, got 47"
        );
        assert_eq!(blame(grayscale(&img, 4, 3)), (ErrorKind::Value, "rgba"));
        assert_eq!(
            grayscale(&[], 0, 3).unwrap_err(),
            KernelError::value("w", "must be at least 1, got 0")
        );
        assert_eq!(
            sobel(&[], 3, 0).unwrap_err(),
            KernelError::value("h", "must be at least 1, got 0")
        );
        assert_eq!(msg(sobel(&[], 3, 0)), "h must be at least 1, got 0");
        assert_eq!(
            msg(gaussian_blur(&[], usize::MAX, 2, 1.0)),
            format!(
                "w and h are too large: 4*w*h overflows, got {}x2",
                usize::MAX
            )
        );
        assert_eq!(
            blame(gaussian_blur(&[], usize::MAX, 2, 1.0)),
            (ErrorKind::Value, "w")
        );
        assert_eq!(
            msg(sobel(&[0u8; 8], usize::MAX / 4 + 1, 1)),
            format!(
                "w and h are too large: 4*w*h overflows, got {}x1",
                usize::MAX / 4 + 1
            )
        );
    }

    #[test]
    fn gaussian_sigma_errors() {
        let img = [0u8; 16];
        for (sigma, shown) in [
            (0.0, "0"),
            (-1.0, "-1"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "inf"),
            (1000.5, "1000.5"),
        ] {
            let err = gaussian_blur(&img, 2, 2, sigma).unwrap_err();
            assert_eq!((err.kind, err.argument), (ErrorKind::Value, "sigma"));
            assert_eq!(
                err.to_string(),
                format!("sigma must be in (0, 1000], got {shown}")
            );
        }
        assert!(gaussian_blur(&img, 2, 2, 1000.0).is_ok());
        assert!(gaussian_blur(&img, 2, 2, 1e-300).is_ok());
    }

    #[test]
    fn blur_with_tiny_sigma_is_the_identity() {
        let img: Vec<u8> = (0..4 * 5 * 3).map(|i| (i * 41 % 256) as u8).collect();
        // 2σ² underflows to 0 for the first three; 0.1 only makes the off-centre weights tiny.
        for sigma in [5e-324, f64::MIN_POSITIVE / 3.0, 1e-200, 0.1] {
            assert_eq!(
                gaussian_blur(&img, 5, 3, sigma).unwrap(),
                img,
                "sigma {sigma}"
            );
        }
        assert_eq!(gaussian_kernel(5e-324).unwrap(), [0.0, 1.0, 0.0]);
    }

    #[test]
    fn blur_of_uniform_image_is_uniform() {
        let (w, h) = (9, 7);
        let img: Vec<u8> = [13u8, 200, 255, 128].repeat(w * h);
        for sigma in [0.3, 1.0, 2.5, 40.0] {
            assert_eq!(gaussian_blur(&img, w, h, sigma).unwrap(), img);
        }
    }

    #[test]
    fn blur_of_single_bright_pixel_is_symmetric() {
        let (w, h) = (11, 11);
        let mut img = vec![0u8; 4 * w * h];
        let c = (5 * w + 5) * 4;
        img[c..c + 4].copy_from_slice(&[255, 255, 255, 255]);
        let out = gaussian_blur(&img, w, h, 1.5).unwrap();
        let at = |x: usize, y: usize| out[(y * w + x) * 4];
        assert!(at(5, 5) > at(4, 5) && at(4, 5) > at(3, 5));
        for y in 0..h {
            for x in 0..w {
                assert_eq!(at(x, y), at(w - 1 - x, y));
                assert_eq!(at(x, y), at(x, h - 1 - y));
                assert_eq!(at(x, y), at(y, x));
            }
        }
        // Mass is conserved up to rounding.
        let total: u32 = (0..w * h).map(|i| u32::from(out[i * 4])).sum();
        assert!((200..=320).contains(&total), "{total}");
    }

    #[test]
    fn blur_with_radius_beyond_image_matches_naive() {
        let img: Vec<u8> = (0..4 * 3 * 2).map(|i| (i * 37 % 256) as u8).collect();
        let got = gaussian_blur(&img, 3, 2, 4.0).unwrap();
        let want = naive_blur(&img, 3, 2, 4.0);
        for (g, w) in got.iter().zip(&want) {
            assert!(g.abs_diff(*w) <= 1);
        }
    }

    #[cfg(feature = "threads")]
    #[test]
    fn blur_parallel_equals_serial() {
        let serial = |img: &[u8], w: usize, h: usize, sigma: f64| {
            let filter = blur::Filter::new(gaussian_kernel(sigma).unwrap()).unwrap();
            let mut scratch = filter.scratch(w).unwrap();
            let mut out = vec![0u8; img.len()];
            for (y, row) in out.chunks_exact_mut(4 * w).enumerate() {
                filter.row(img, (w, h), y, &mut scratch, row);
            }
            out
        };
        // Rows of at least a group of 4 pixels (narrower ones are padded first).
        for (w, h, sigma) in [
            (4, 1, 1.0),
            (4, 50, 2.0),
            (50, 1, 2.0),
            (7, 5, 40.0),
            (5, 40, 4.0),
            (320, 240, 2.0),
            (97, 131, 3.3),
            (61, 77, 9.0),
        ] {
            let img: Vec<u8> = (0..4 * w * h).map(|i| ((i * 7919) % 251) as u8).collect();
            let want = serial(&img, w, h, sigma);
            assert_eq!(gaussian_blur(&img, w, h, sigma).unwrap(), want);
            for threads in [2, 3] {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .unwrap();
                let filter = blur::Filter::new(gaussian_kernel(sigma).unwrap()).unwrap();
                let out = pool
                    .install(|| blur_rows_par(&filter, &img, (w, h)))
                    .unwrap();
                assert_eq!(out, want, "{w}x{h} sigma {sigma}, {threads} threads");
            }
        }
    }

    #[test]
    fn sobel_uniform_is_zero_with_opaque_alpha() {
        let img: Vec<u8> = [90u8, 10, 200, 3].repeat(20);
        assert_eq!(sobel(&img, 5, 4).unwrap(), [0, 0, 0, 255].repeat(20));
    }

    #[test]
    fn sobel_vertical_step_edge() {
        // Columns 0,1 gray 0 and columns 2,3 gray 10 (luma 10): gx = 4·10 at x = 1, 2; 0 elsewhere.
        let row: Vec<u8> = [[0, 0, 0, 9], [0, 0, 0, 9], [10, 10, 10, 9], [10, 10, 10, 9]].concat();
        let img = row.repeat(3);
        let want_row: Vec<u8> = [0u8, 40, 40, 0]
            .iter()
            .flat_map(|&m| [m, m, m, 255])
            .collect();
        assert_eq!(sobel(&img, 4, 3).unwrap(), want_row.repeat(3));
        // A full black/white step saturates at 255.
        let bw: Vec<u8> = [[0, 0, 0, 255], [255, 255, 255, 255]].concat().repeat(2);
        assert_eq!(sobel(&bw, 2, 2).unwrap(), [255, 255, 255, 255].repeat(4));
    }

    #[test]
    fn single_pixel_images() {
        let px = [1u8, 2, 3, 4];
        assert_eq!(sobel(&px, 1, 1).unwrap(), vec![0, 0, 0, 255]);
        assert_eq!(gaussian_blur(&px, 1, 1, 5.0).unwrap(), px.to_vec());
        assert_eq!(grayscale(&px, 1, 1).unwrap(), vec![2, 2, 2, 4]);
    }

    proptest! {
        #[test]
        fn blur_matches_naive_2d((w, h, img) in image(), sigma in 0.2f64..3.0) {
            let got = gaussian_blur(&img, w, h, sigma).unwrap();
            let want = naive_blur(&img, w, h, sigma);
            prop_assert_eq!(got.len(), want.len());
            let mut off = 0;
            for (g, x) in got.iter().zip(&want) {
                prop_assert!(g.abs_diff(*x) <= 1);
                off += usize::from(g != x);
            }
            // Disagreement only on rounding ties, which are rare.
            prop_assert!(off * 50 <= got.len().max(50), "{} of {} differ", off, got.len());
        }

        #[test]
        fn sobel_matches_naive((w, h, img) in image()) {
            let got = sobel(&img, w, h).unwrap();
            let l = |x: i64, y: i64| {
                let p = (clampi(y, h) * w + clampi(x, w)) * 4;
                0.299 * f64::from(img[p]) + 0.587 * f64::from(img[p + 1]) + 0.114 * f64::from(img[p + 2])
            };
            let gxk = [[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]];
            for y in 0..h as i64 {
                for x in 0..w as i64 {
                    let (mut gx, mut gy) = (0.0, 0.0);
                    for dy in -1..=1i64 {
                        for dx in -1..=1i64 {
                            let v = l(x + dx, y + dy);
                            gx += gxk[(dy + 1) as usize][(dx + 1) as usize] * v;
                            gy += gxk[(dx + 1) as usize][(dy + 1) as usize] * v;
                        }
                    }
                    let want = ((gx * gx + gy * gy).sqrt() + 0.5).floor().min(255.0) as u8;
                    let p = ((y as usize) * w + x as usize) * 4;
                    prop_assert!(got[p].abs_diff(want) <= 1);
                    prop_assert_eq!(&got[p..p + 4], &[got[p], got[p], got[p], 255]);
                }
            }
        }

        #[test]
        fn grayscale_matches_definition((w, h, img) in image()) {
            let got = grayscale(&img, w, h).unwrap();
            for (g, p) in got.chunks_exact(4).zip(img.chunks_exact(4)) {
                let v = (0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2]) + 0.5).floor() as u8;
                prop_assert_eq!(g, &[v, v, v, p[3]][..]);
            }
        }
    }
}
