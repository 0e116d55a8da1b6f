//! `gaussian_blur` against the float64 definition (separable, rows first, taps in order), on
//! random and adversarial images: byte for byte up to radius 16, and within the float32 error
//! bound of the unrounded value (so within ±1 of the exact Gaussian) for every `sigma`.

use fastwasm_kernels::image::gaussian_blur;

/// Normalised weights `exp(−i²/2σ²)`, `i ∈ [−r, r]`, `r = ceil(3σ)` (centre weight exactly 1).
fn weights(sigma: f64) -> Vec<f64> {
    let r = (3.0 * sigma).ceil() as i64;
    let raw: Vec<f64> = (-r..=r)
        .map(|i| {
            if i == 0 {
                1.0
            } else {
                (-((i * i) as f64) / (2.0 * sigma * sigma)).exp()
            }
        })
        .collect();
    let total: f64 = raw.iter().sum();
    raw.iter().map(|v| v / total).collect()
}

/// The unrounded float64 blur: each row filtered horizontally, then the columns, edges clamped.
fn float64_blur(rgba: &[u8], w: usize, h: usize, sigma: f64) -> Vec<f64> {
    let k = weights(sigma);
    let r = (k.len() / 2) as i64;
    let clamp = |v: i64, n: usize| v.clamp(0, n as i64 - 1) as usize;
    let mut across = vec![0.0; rgba.len()];
    for y in 0..h {
        for x in 0..w {
            for c in 0..4 {
                let mut s = 0.0;
                for (i, &kv) in k.iter().enumerate() {
                    let sx = clamp(x as i64 + i as i64 - r, w);
                    s += kv * f64::from(rgba[(y * w + sx) * 4 + c]);
                }
                across[(y * w + x) * 4 + c] = s;
            }
        }
    }
    let mut out = vec![0.0; rgba.len()];
    for y in 0..h {
        for x in 0..w {
            for c in 0..4 {
                let mut s = 0.0;
                for (i, &kv) in k.iter().enumerate() {
                    let sy = clamp(y as i64 + i as i64 - r, h);
                    s += kv * across[(sy * w + x) * 4 + c];
                }
                out[(y * w + x) * 4 + c] = s;
            }
        }
    }
    out
}

/// Bound on |float32 − float64| of the kernel (its `Filter::margin`), in levels.
fn f32_error_bound(sigma: f64) -> f64 {
    let r = (3.0 * sigma).ceil();
    (2.0 * r + 10.0) * 256.0 / f64::from(1u32 << 24) + 1e-6
}

/// Checks the blur of `img` against [`float64_blur`]; returns the largest |byte − value|.
fn check(img: &[u8], w: usize, h: usize, sigma: f64, label: &str) -> f64 {
    let got = gaussian_blur(img, w, h, sigma).unwrap();
    let want = float64_blur(img, w, h, sigma);
    let exact = (3.0 * sigma).ceil() <= 16.0;
    let bound = 0.5 + f32_error_bound(sigma);
    let mut worst = 0.0f64;
    for (i, (&g, &v)) in got.iter().zip(&want).enumerate() {
        let rounded = (v + 0.5).floor().clamp(0.0, 255.0) as u8;
        if exact {
            assert_eq!(
                g, rounded,
                "{label} {w}x{h} sigma {sigma}: byte {i}, value {v}"
            );
        }
        let err = (f64::from(g) - v).abs();
        assert!(
            err <= bound && g.abs_diff(rounded) <= 1,
            "{label} {w}x{h} sigma {sigma}: byte {i} is {g}, value {v}"
        );
        worst = worst.max(err);
    }
    worst
}

/// A deterministic pseudo-random byte stream (xorshift).
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut s = seed | 1;
    (0..len)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 32) as u8
        })
        .collect()
}

/// Adversarial images of `w × h`: 0/255 checkerboards (per pixel, per 3 pixels, per channel),
/// a hard vertical and a hard horizontal edge, one bright pixel, a smooth ramp, and noise.
fn images(w: usize, h: usize) -> Vec<(&'static str, Vec<u8>)> {
    let make = |f: &dyn Fn(usize, usize, usize) -> u8| -> Vec<u8> {
        (0..h)
            .flat_map(|y| (0..w).flat_map(move |x| (0..4).map(move |c| (x, y, c))))
            .map(|(x, y, c)| f(x, y, c))
            .collect()
    };
    let on = |b: bool| if b { 255 } else { 0 };
    vec![
        ("checker", make(&|x, y, _| on((x + y) % 2 == 0))),
        ("checker3", make(&|x, y, _| on((x / 3 + y / 3) % 2 == 0))),
        ("channels", make(&|x, y, c| on((x + y + c) % 2 == 0))),
        ("vertical edge", make(&|x, _, _| on(2 * x >= w))),
        (
            "horizontal edge",
            make(&|_, y, c| on(2 * y >= h) ^ (c as u8 * 40)),
        ),
        ("dot", make(&|x, y, _| on(x == w / 2 && y == h / 2))),
        (
            "ramp",
            make(&|x, y, c| ((x * 37 + y * 11 + c * 60) % 256) as u8),
        ),
        ("noise", noise(4 * w * h, (w * 1000 + h) as u64)),
    ]
}

#[test]
fn small_and_degenerate_images_match_float64() {
    let sizes = [
        (1, 1),
        (1, 7),
        (7, 1),
        (2, 3),
        (3, 2),
        (3, 5),
        (4, 1),
        (4, 4),
        (5, 3),
        (6, 9),
        (9, 6),
        (17, 5),
        (23, 19),
    ];
    for (w, h) in sizes {
        for sigma in [0.1, 0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 3.0, 3.3, 5.0, 5.4, 8.0] {
            for (label, img) in images(w, h) {
                check(&img, w, h, sigma, label);
            }
        }
    }
}

#[test]
fn large_sigma_stays_within_the_float32_bound() {
    // Radii from just beyond the float64 recomputation (r = 17) to the largest (r = 3000),
    // on images smaller and larger than the radius.
    for (w, h, sigma) in [
        (40, 30, 5.4),
        (33, 21, 12.5),
        (48, 40, 50.0),
        (9, 70, 50.0),
        (70, 9, 20.0),
        (6, 5, 1000.0),
        (1, 9, 700.0),
    ] {
        for (label, img) in images(w, h) {
            check(&img, w, h, sigma, label);
        }
    }
}

#[test]
fn rows_of_every_width_modulo_four_match_float64() {
    // The last group of a row overlaps the one before when w % 4 != 0.
    for w in 4..=13 {
        for sigma in [0.7, 2.2, 4.0] {
            let img = noise(4 * w * 11, w as u64);
            check(&img, w, 11, sigma, "noise");
        }
    }
}

#[test]
fn benchmark_sized_rows_match_float64() {
    // A band of 1920-pixel rows at the benchmark's sigma, noise and checkerboard.
    let (w, h) = (1920, 24);
    for (label, img) in images(w, h)
        .into_iter()
        .filter(|(l, _)| ["noise", "checker", "vertical edge"].contains(l))
    {
        check(&img, w, h, 3.0, label);
    }
}
