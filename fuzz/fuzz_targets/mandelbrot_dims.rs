//! `mandelbrot` with arbitrary image sizes, corners and iteration caps: zero, overflowing or
//! oversized images and non-finite corners are errors; small images equal the escape-time
//! iteration at each pixel centre.
#![no_main]

use arbitrary::Arbitrary;
use fastwasm_fuzz::input::{Float, Size};
use fastwasm_fuzz::{expect_err, naive};
use fastwasm_kernels::fractal::{mandelbrot, MandelbrotView, MANDELBROT_MAX_PIXELS};
use fastwasm_kernels::ErrorKind;
use libfuzzer_sys::fuzz_target;

/// Most pixels rendered (larger valid images are not requested).
const MAX_PIXELS: usize = 1 << 12;
/// Highest iteration cap used.
const MAX_ITER: u32 = 1000;

#[derive(Debug, Arbitrary)]
struct Input {
    width: Size,
    height: Size,
    corners: [Float; 4],
    max_iter: u32,
}

fuzz_target!(|input: Input| {
    let [x_min, x_max, y_min, y_max] = input.corners.map(Float::get);
    let view = MandelbrotView {
        width: input.width.get(),
        height: input.height.get(),
        x_min,
        x_max,
        y_min,
        y_max,
        max_iter: input.max_iter % (MAX_ITER + 1),
    };
    let pixels = view.width.checked_mul(view.height);
    // The first bad argument, in the order of the arguments (w, h, x_min, x_max, y_min, y_max).
    let corners = [x_min, x_max, y_min, y_max];
    let bad = if view.width == 0 {
        Some("w")
    } else if view.height == 0 {
        Some("h")
    } else if !pixels.is_some_and(|p| p <= MANDELBROT_MAX_PIXELS) {
        Some("w")
    } else {
        ["x_min", "x_max", "y_min", "y_max"]
            .into_iter()
            .zip(corners)
            .find(|(_, v)| !v.is_finite())
            .map(|(name, _)| name)
    };
    if let Some(argument) = bad {
        expect_err(mandelbrot(&view), ErrorKind::Value, &[argument]);
        return;
    }
    let pixels = pixels.unwrap_or_default();
    if pixels > MAX_PIXELS {
        return;
    }
    let counts = mandelbrot(&view).expect("mandelbrot failed");
    assert_eq!(counts.len(), pixels);
    let dx = (view.x_max - view.x_min) / view.width as f64;
    let dy = (view.y_max - view.y_min) / view.height as f64;
    for (i, &c) in counts.iter().enumerate() {
        let (px, py) = (i % view.width, i / view.width);
        let cx = view.x_min + (px as f64 + 0.5) * dx;
        let cy = view.y_min + (py as f64 + 0.5) * dy;
        assert_eq!(
            c,
            naive::escape_count(cx, cy, view.max_iter),
            "pixel ({px}, {py})"
        );
    }
});
