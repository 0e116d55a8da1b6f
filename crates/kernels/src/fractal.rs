//! Escape-time fractals: the Mandelbrot set.

use crate::alloc;
use crate::check;
use crate::error::{KernelError, KernelResult};

/// Largest image `mandelbrot` renders, in pixels (8192 × 8192; 256 MiB of counts).
pub const MANDELBROT_MAX_PIXELS: usize = 1 << 26;

/// The rectangle of the complex plane to render and the image size: the arguments of
/// [`mandelbrot`]. Errors name the fields as the arguments `w`, `h`, `x_min`, `x_max`, `y_min`,
/// `y_max` (and `max_iter`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MandelbrotView {
    /// Image width in pixels (≥ 1), the argument `w`.
    pub width: usize,
    /// Image height in pixels (≥ 1), the argument `h`.
    pub height: usize,
    /// Real part at the left edge.
    pub x_min: f64,
    /// Real part at the right edge.
    pub x_max: f64,
    /// Imaginary part at the top edge (row 0).
    pub y_min: f64,
    /// Imaginary part at the bottom edge.
    pub y_max: f64,
    /// Iteration cap: points that never escape get this count.
    pub max_iter: u32,
}

/// Escape-time iteration counts, row-major (`height` rows of `width`).
///
/// Pixel `(px, py)` samples `c = cx + i·cy` at its centre, `cx = x_min + (px + 0.5)(x_max − x_min)/width`
/// (likewise `cy` with `y`), and counts how often `z ← z² + c` runs from `z = 0` while `|z|² ≤ 4`
/// and the count is below `max_iter`. No numpy equivalent; the definition is the contract.
///
/// Errors: `w` or `h` zero (`w must be at least 1, got 0`); more than
/// [`MANDELBROT_MAX_PIXELS`] pixels
/// (`w and h must give at most 67108864 pixels (w*h), got 100000x100000`); a corner not
/// finite (`y_max must be finite, got NaN`); no memory for the counts (kind memory, argument
/// `w`).
pub fn mandelbrot(view: &MandelbrotView) -> KernelResult<Vec<u32>> {
    validate(view)?;
    #[cfg(feature = "threads")]
    if crate::par::worth(
        (view.width * view.height).saturating_mul(view.max_iter.min(256) as usize),
        PAR_MIN_WORK,
    ) {
        return mandelbrot_par(view);
    }
    let mut counts = alloc::filled("w", view.width * view.height, 0u32)?;
    for (py, out) in counts.chunks_exact_mut(view.width).enumerate() {
        render_row(view, py, out);
    }
    Ok(counts)
}

/// Least `pixels × min(max_iter, 256)` rendered in parallel (feature `threads`).
#[cfg(feature = "threads")]
const PAR_MIN_WORK: usize = 1 << 18;

/// Pixels [`escape_counts`] iterates in lockstep: two f64x2 SIMD vectors (wasm SIMD128, SSE2).
pub const LANES: usize = 4;

/// Writes row `py` of [`mandelbrot`] into `out` (`view.width` counts, left to right): groups of
/// [`LANES`] pixels through [`escape_counts`], the last `width % LANES` through [`escape_count`].
#[inline]
fn render_row(view: &MandelbrotView, py: usize, out: &mut [u32]) {
    let dx = (view.x_max - view.x_min) / view.width as f64;
    let dy = (view.y_max - view.y_min) / view.height as f64;
    let cy = view.y_min + (py as f64 + 0.5) * dy;
    let cx = |px: usize| view.x_min + (px as f64 + 0.5) * dx;
    let tail_start = out.len() - out.len() % LANES;
    let mut groups = out.chunks_exact_mut(LANES);
    for (g, group) in groups.by_ref().enumerate() {
        let cxs = std::array::from_fn(|lane| cx(g * LANES + lane));
        group.copy_from_slice(&escape_counts(cxs, cy, view.max_iter));
    }
    for (k, count) in groups.into_remainder().iter_mut().enumerate() {
        *count = escape_count(cx(tail_start + k), cy, view.max_iter);
    }
}

/// Rows per parallel task of [`mandelbrot_par`].
#[cfg(feature = "threads")]
const PAR_ROWS: usize = 4;

/// [`mandelbrot`] with its rows spread over rayon's pool (`view` already validated), in tasks
/// of [`PAR_ROWS`] rows that each thread takes one at a time: rows inside the set cost up to
/// `max_iter` steps per pixel and rows outside a few, so only small tasks keep both threads
/// busy to the end. Every row is rendered by the serial code, so the counts are identical.
#[cfg(feature = "threads")]
fn mandelbrot_par(view: &MandelbrotView) -> KernelResult<Vec<u32>> {
    let len = view.width * view.height;
    crate::par::filled_chunks("w", len, PAR_ROWS * view.width, 0, |task, rows| {
        for (i, out) in rows.chunks_exact_mut(view.width).enumerate() {
            render_row(view, task * PAR_ROWS + i, out);
        }
        Ok(())
    })
}

/// Iterations of `z ← z² + c` from 0 while `|z|² ≤ 4` and below `max_iter`: the count of one
/// pixel of [`mandelbrot`] at `c = cx + i·cy` (any `c`, also non-finite). No numpy equivalent;
/// never fails.
#[inline]
pub fn escape_count(cx: f64, cy: f64, max_iter: u32) -> u32 {
    let (mut zr, mut zi) = (0.0f64, 0.0f64);
    let mut i = 0;
    while i < max_iter {
        let (zr2, zi2) = (zr * zr, zi * zi);
        if zr2 + zi2 > 4.0 {
            break;
        }
        zi = 2.0 * zr * zi + cy;
        zr = zr2 - zi2 + cx;
        i += 1;
    }
    i
}

/// [`escape_count`] of the points `cx[lane] + i·cy`, iterated in lockstep so the compiler keeps
/// each operation on all lanes in SIMD registers; the counts equal `escape_count`'s bit for bit.
///
/// Every lane runs `escape_count`'s operations in its order; a lane whose `|z|² > 4` clears its
/// all-ones `active` mask, which stops its count (its `z` keeps changing, unused). The group
/// stops once no lane is active, or after `max_iter` steps. No numpy equivalent; never fails.
#[inline]
pub fn escape_counts(cx: [f64; LANES], cy: f64, max_iter: u32) -> [u32; LANES] {
    let (mut zr, mut zi) = ([0.0f64; LANES], [0.0f64; LANES]);
    let mut active = [-1i64; LANES];
    let mut counts = [0i64; LANES];
    for _ in 0..max_iter {
        let mut any_active = 0i64;
        for lane in 0..LANES {
            let (zr2, zi2) = (zr[lane] * zr[lane], zi[lane] * zi[lane]);
            // The same `> 4` test as `escape_count` (a NaN `|z|²` is not `> 4` and iterates on).
            // An active lane's mask is −1, so subtracting it counts the step.
            let escaped = zr2 + zi2 > 4.0;
            active[lane] &= i64::from(escaped) - 1;
            counts[lane] -= active[lane];
            any_active |= active[lane];
            zi[lane] = 2.0 * zr[lane] * zi[lane] + cy;
            zr[lane] = zr2 - zi2 + cx[lane];
        }
        if any_active == 0 {
            break;
        }
    }
    counts.map(|count| count as u32)
}

/// Checks the size and the corners of `view`, in the order of [`mandelbrot`]'s arguments.
fn validate(view: &MandelbrotView) -> KernelResult<()> {
    if view.width == 0 {
        return Err(KernelError::value("w", "must be at least 1, got 0"));
    }
    if view.height == 0 {
        return Err(KernelError::value("h", "must be at least 1, got 0"));
    }
    match view.width.checked_mul(view.height) {
        Some(p) if p <= MANDELBROT_MAX_PIXELS => {}
        _ => {
            return Err(KernelError::value(
                "w",
                format!(
                    "and h must give at most {MANDELBROT_MAX_PIXELS} pixels (w*h), got {}x{}",
                    view.width, view.height
                ),
            ))
        }
    }
    check::finite("x_min", view.x_min)?;
    check::finite("x_max", view.x_max)?;
    check::finite("y_min", view.y_min)?;
    check::finite("y_max", view.y_max)?;
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn view(width: usize, height: usize, max_iter: u32) -> MandelbrotView {
        MandelbrotView {
            width,
            height,
            x_min: -2.0,
            x_max: 1.0,
            y_min: -1.5,
            y_max: 1.5,
            max_iter,
        }
    }

    #[test]
    fn known_points() {
        // c = 0 never escapes; c = 1: z = 0, 1, 2, 5 → escapes after 3 steps; c = 2: 0, 2, 6 → 2.
        assert_eq!(escape_count(0.0, 0.0, 100), 100);
        assert_eq!(escape_count(1.0, 0.0, 100), 3);
        assert_eq!(escape_count(2.0, 0.0, 100), 2);
        assert_eq!(escape_count(-1.0, 0.0, 50), 50); // period-2 cycle 0, -1, 0, ...
        assert_eq!(escape_count(1.0, 0.0, 0), 0);
    }

    #[test]
    fn pixel_centres_are_sampled() {
        // 3x1 image over [-3, 3]: centres at -2, 0, 2 on the real axis (y range [-1, 1] → cy = 0).
        let v = MandelbrotView {
            width: 3,
            height: 1,
            x_min: -3.0,
            x_max: 3.0,
            y_min: -1.0,
            y_max: 1.0,
            max_iter: 20,
        };
        assert_eq!(mandelbrot(&v).unwrap(), vec![20, 20, 2]);
    }

    #[test]
    fn image_is_symmetric_about_real_axis() {
        let v = view(33, 32, 60);
        let m = mandelbrot(&v).unwrap();
        for py in 0..16 {
            assert_eq!(m[py * 33..(py + 1) * 33], m[(31 - py) * 33..(32 - py) * 33]);
        }
    }

    /// `mandelbrot` by its definition: `escape_count` at every pixel centre, one at a time.
    fn reference(v: &MandelbrotView) -> Vec<u32> {
        let centre =
            |lo: f64, hi: f64, n: usize, k: usize| lo + (k as f64 + 0.5) * ((hi - lo) / n as f64);
        (0..v.height)
            .flat_map(|py| {
                let cy = centre(v.y_min, v.y_max, v.height, py);
                (0..v.width).map(move |px| {
                    escape_count(centre(v.x_min, v.x_max, v.width, px), cy, v.max_iter)
                })
            })
            .collect()
    }

    #[test]
    fn lanes_escape_independently() {
        // Lanes that never escape (0, −1), escape after 3 (1) and after 2 (2) steps, as in
        // `known_points`: the group runs on after lanes 1 and 2 stop, without counting them.
        assert_eq!(
            escape_counts([0.0, 1.0, 2.0, -1.0], 0.0, 100),
            [100, 3, 2, 100]
        );
        assert_eq!(escape_counts([1.0, 2.0, 3.0, 1.0], 0.0, 100), [3, 2, 1, 3]);
        assert_eq!(escape_counts([0.0, 1.0, 2.0, -1.0], 0.0, 0), [0; LANES]);
        assert_eq!(escape_counts([0.0, 1.0, 2.0, -1.0], 0.0, 1), [1; LANES]);
        assert_eq!(escape_counts([0.0, 1.0, 2.0, -1.0], 0.0, 2), [2; LANES]);
    }

    #[test]
    fn lanes_match_scalar_for_non_finite_points() {
        // An infinite c escapes after one step, like c = 3; a NaN |z|² is never > 4, so it runs
        // to max_iter.
        for cy in [0.0, 0.5, f64::INFINITY, f64::NAN, 1e308] {
            let cx = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1e308];
            let want: Vec<u32> = cx.iter().map(|&x| escape_count(x, cy, 40)).collect();
            assert_eq!(escape_counts(cx, cy, 40).to_vec(), want, "cy = {cy}");
        }
        assert_eq!(
            escape_counts([f64::NAN, f64::INFINITY, 0.0, 3.0], 0.0, 40),
            [40, 1, 40, 1]
        );
    }

    #[test]
    fn grouped_rows_match_per_pixel_reference() {
        // Every width 1..=9 (groups of 4 plus tails of 0..=3), and the benchmark image.
        for w in 1..=9 {
            for it in [0, 1, 2, 3, 17, 100] {
                let v = view(w, 5, it);
                assert_eq!(
                    mandelbrot(&v).unwrap(),
                    reference(&v),
                    "{w}x5, max_iter {it}"
                );
            }
        }
        let large = MandelbrotView {
            width: 480,
            height: 360,
            x_min: -2.2,
            x_max: 0.8,
            y_min: -1.2,
            y_max: 1.2,
            max_iter: 100,
        };
        assert_eq!(mandelbrot(&large).unwrap(), reference(&large));
    }

    #[test]
    fn huge_max_iter() {
        // Centres −1.25, −0.75, −0.25, 0.25 (all in the set, two of them parabolic), 0.75, 1.25.
        let mixed = MandelbrotView {
            width: 6,
            height: 1,
            x_min: -1.5,
            x_max: 1.5,
            y_min: -1.0,
            y_max: 1.0,
            max_iter: 1_000_000,
        };
        let got = mandelbrot(&mixed).unwrap();
        assert_eq!(got, reference(&mixed));
        assert_eq!(got[2], 1_000_000);
        assert!(got[4] < 100 && got[5] < 100, "{got:?}");
        // Outside the set every group stops early, whatever the cap.
        let outside = MandelbrotView {
            x_min: 2.5,
            x_max: 3.5,
            max_iter: u32::MAX,
            ..view(11, 3, 0)
        };
        assert_eq!(mandelbrot(&outside).unwrap(), reference(&outside));
    }

    #[test]
    fn deep_zoom_on_the_boundary_matches_reference() {
        // Long orbits near the boundary amplify any rounding difference (e.g. a fused multiply-add).
        let zoom = MandelbrotView {
            width: 37,
            height: 23,
            x_min: -0.7454,
            x_max: -0.7452,
            y_min: 0.1130,
            y_max: 0.1132,
            max_iter: 5000,
        };
        assert_eq!(mandelbrot(&zoom).unwrap(), reference(&zoom));
    }

    #[test]
    fn extreme_views_match_reference() {
        // Spans that overflow to ±inf (so do the centres), and spans below one ulp.
        for (x_min, x_max, y_min, y_max) in [
            (-1e308, 1e308, -1e308, 1e308),
            (1e308, -1e308, 0.0, 1e-300),
            (-0.75, -0.75 + 1e-16, 0.1, 0.1 + 1e-17),
        ] {
            let v = MandelbrotView {
                width: 7,
                height: 3,
                x_min,
                x_max,
                y_min,
                y_max,
                max_iter: 50,
            };
            assert_eq!(mandelbrot(&v).unwrap(), reference(&v), "{v:?}");
        }
    }

    #[cfg(feature = "threads")]
    #[test]
    fn parallel_equals_serial() {
        for (w, h, it) in [
            (1, 1, 10),
            (7, 1, 50),
            (1, 9, 50),
            (33, 32, 60),
            (480, 360, 100),
        ] {
            let v = view(w, h, it);
            assert_eq!(mandelbrot_par(&v).unwrap(), reference(&v), "{w}x{h}");
            assert_eq!(mandelbrot(&v).unwrap(), reference(&v), "{w}x{h}");
        }
        let zoom = MandelbrotView {
            width: 301,
            height: 207,
            x_min: -0.7454,
            x_max: -0.7452,
            y_min: 0.1130,
            y_max: 0.1132,
            max_iter: 2000,
        };
        assert_eq!(mandelbrot_par(&zoom).unwrap(), reference(&zoom));
    }

    #[test]
    fn bad_sizes_and_bounds_are_errors() {
        use crate::ErrorKind;
        assert_eq!(
            mandelbrot(&view(0, 5, 10)).unwrap_err(),
            KernelError::value("w", "must be at least 1, got 0")
        );
        assert_eq!(
            mandelbrot(&view(0, 5, 10)).unwrap_err().to_string(),
            "w must be at least 1, got 0"
        );
        assert_eq!(
            mandelbrot(&view(5, 0, 10)).unwrap_err().to_string(),
            "h must be at least 1, got 0"
        );
        let err = mandelbrot(&view(100_000, 100_000, 10)).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Value, "w"));
        assert_eq!(
            err.to_string(),
            format!(
                "w and h must give at most {MANDELBROT_MAX_PIXELS} pixels (w*h), got 100000x100000"
            )
        );
        let err = mandelbrot(&view(usize::MAX, 3, 10)).unwrap_err();
        assert_eq!((err.kind, err.argument), (ErrorKind::Value, "w"));
        for (field, name) in [(0, "x_min"), (1, "x_max"), (2, "y_min"), (3, "y_max")] {
            for (bad, shown) in [
                (f64::NAN, "NaN"),
                (f64::INFINITY, "inf"),
                (f64::NEG_INFINITY, "-inf"),
            ] {
                let mut v = view(2, 2, 10);
                *[&mut v.x_min, &mut v.x_max, &mut v.y_min, &mut v.y_max][field] = bad;
                let err = mandelbrot(&v).unwrap_err();
                assert_eq!((err.kind, err.argument), (ErrorKind::Value, name));
                assert_eq!(
                    err.to_string(),
                    format!("{name} must be finite, got {shown}")
                );
            }
        }
        // The first bad argument in order is the one reported.
        let mut v = view(2, 2, 10);
        v.x_max = f64::NAN;
        v.y_min = f64::NAN;
        assert_eq!(mandelbrot(&v).unwrap_err().argument, "x_max");
    }

    /// A point on the main cardioid's boundary (`e^{iθ}/2 − e^{2iθ}/4`), or anywhere near the set.
    fn centre() -> impl Strategy<Value = (f64, f64)> {
        prop_oneof![
            (0.0..std::f64::consts::TAU).prop_map(|t: f64| {
                (
                    t.cos() / 2.0 - (2.0 * t).cos() / 4.0,
                    t.sin() / 2.0 - (2.0 * t).sin() / 4.0,
                )
            }),
            (-2.5f64..1.0, -1.5f64..1.5),
        ]
    }

    /// Small images (widths 1..=9 hit every tail length) of views with half-widths from 1e-7 to 3
    /// around `centre()`, and caps from none to 20 000 iterations.
    fn random_view() -> impl Strategy<Value = MandelbrotView> {
        (
            1usize..=9,
            1usize..=3,
            centre(),
            -16.0f64..1.1,
            -16.0f64..1.1,
            prop_oneof![0u32..=3, 4u32..300, 1_000u32..20_000],
        )
            .prop_map(
                |(width, height, (x, y), log_sx, log_sy, max_iter)| MandelbrotView {
                    width,
                    height,
                    x_min: x - log_sx.exp(),
                    x_max: x + log_sx.exp(),
                    y_min: y - log_sy.exp(),
                    y_max: y + log_sy.exp(),
                    max_iter,
                },
            )
    }

    proptest! {
        #[test]
        fn mandelbrot_matches_per_pixel_reference(v in random_view()) {
            prop_assert_eq!(mandelbrot(&v).unwrap(), reference(&v));
        }

        #[test]
        fn lanes_match_escape_count(
            cx in prop::array::uniform4(-2.5f64..1.0),
            cy in -1.5f64..1.5,
            max_iter in prop_oneof![0u32..=3, 4u32..5_000],
        ) {
            let want: Vec<u32> = cx.iter().map(|&x| escape_count(x, cy, max_iter)).collect();
            prop_assert_eq!(escape_counts(cx, cy, max_iter).to_vec(), want);
        }
    }
}
