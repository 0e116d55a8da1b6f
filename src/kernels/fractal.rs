//! Escape-time fractals: the Mandelbrot set.

use crate::error::{KernelError, KernelResult};
use crate::kernels::alloc;

/// Largest image `mandelbrot` renders, in pixels (8192 × 8192; 256 MiB of counts).
pub const MANDELBROT_MAX_PIXELS: usize = 1 << 26;

/// The rectangle of the complex plane to render and the image size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MandelbrotView {
    /// Image width in pixels (≥ 1).
    pub width: usize,
    /// Image height in pixels (≥ 1).
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
pub fn mandelbrot(view: &MandelbrotView) -> KernelResult<Vec<u32>> {
    validate(view)?;
    #[cfg(feature = "threads")]
    if crate::kernels::par::worth(
        (view.width * view.height).saturating_mul(view.max_iter.min(256) as usize),
        PAR_MIN_WORK,
    ) {
        return mandelbrot_par(view);
    }
    let mut counts = alloc::with_capacity("mandelbrot", view.width * view.height)?;
    for py in 0..view.height {
        counts.extend(row(view, py));
    }
    Ok(counts)
}

/// Least `pixels × min(max_iter, 256)` rendered in parallel (feature `threads`).
#[cfg(feature = "threads")]
const PAR_MIN_WORK: usize = 1 << 18;

/// Row `py` of [`mandelbrot`], as counts from left to right.
#[inline]
fn row(view: &MandelbrotView, py: usize) -> impl Iterator<Item = u32> + '_ {
    let dx = (view.x_max - view.x_min) / view.width as f64;
    let dy = (view.y_max - view.y_min) / view.height as f64;
    let cy = view.y_min + (py as f64 + 0.5) * dy;
    (0..view.width).map(move |px| {
        let cx = view.x_min + (px as f64 + 0.5) * dx;
        escape_count(cx, cy, view.max_iter)
    })
}

/// [`mandelbrot`] with its rows spread over rayon's pool (`view` already validated).
#[cfg(feature = "threads")]
fn mandelbrot_par(view: &MandelbrotView) -> KernelResult<Vec<u32>> {
    use rayon::prelude::*;
    let len = view.width * view.height;
    let mut counts = alloc::with_capacity("mandelbrot", len)?;
    counts.par_extend(rayon::iter::repeat_n(0u32, len));
    counts
        .par_chunks_mut(view.width)
        .enumerate()
        .for_each(|(py, out)| {
            for (c, v) in out.iter_mut().zip(row(view, py)) {
                *c = v;
            }
        });
    Ok(counts)
}

/// Iterations of `z ← z² + c` from 0 while `|z|² ≤ 4` and below `max_iter`.
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

fn validate(view: &MandelbrotView) -> KernelResult<()> {
    let err = |detail: String| Err(KernelError::value("mandelbrot", detail));
    if view.width == 0 {
        return err("w must be at least 1, got 0".into());
    }
    if view.height == 0 {
        return err("h must be at least 1, got 0".into());
    }
    match view.width.checked_mul(view.height) {
        Some(p) if p <= MANDELBROT_MAX_PIXELS => {}
        _ => {
            return err(format!(
                "w*h must be at most {MANDELBROT_MAX_PIXELS} pixels, got {}x{}",
                view.width, view.height
            ))
        }
    }
    for (name, v) in [
        ("xMin", view.x_min),
        ("xMax", view.x_max),
        ("yMin", view.y_min),
        ("yMax", view.y_max),
    ] {
        if !v.is_finite() {
            return err(format!("{name} must be finite, got {v}"));
        }
    }
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

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

    #[cfg(feature = "threads")]
    #[test]
    fn parallel_equals_serial() {
        let serial =
            |v: &MandelbrotView| -> Vec<u32> { (0..v.height).flat_map(|py| row(v, py)).collect() };
        for (w, h, it) in [
            (1, 1, 10),
            (7, 1, 50),
            (1, 9, 50),
            (33, 32, 60),
            (480, 360, 100),
        ] {
            let v = view(w, h, it);
            assert_eq!(mandelbrot_par(&v).unwrap(), serial(&v), "{w}x{h}");
            assert_eq!(mandelbrot(&v).unwrap(), serial(&v), "{w}x{h}");
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
        assert_eq!(mandelbrot_par(&zoom).unwrap(), serial(&zoom));
    }

    #[test]
    fn bad_sizes_and_bounds_are_errors() {
        assert_eq!(
            mandelbrot(&view(0, 5, 10)).unwrap_err().message(),
            "mandelbrot: w must be at least 1, got 0"
        );
        assert!(mandelbrot(&view(5, 0, 10))
            .unwrap_err()
            .message()
            .contains("h must be at least 1"));
        assert!(mandelbrot(&view(100_000, 100_000, 10))
            .unwrap_err()
            .message()
            .contains("w*h must be at most"));
        assert!(mandelbrot(&view(usize::MAX, 3, 10)).is_err());
        let mut v = view(2, 2, 10);
        v.y_max = f64::NAN;
        assert_eq!(
            mandelbrot(&v).unwrap_err().message(),
            "mandelbrot: yMax must be finite, got NaN"
        );
    }
}
