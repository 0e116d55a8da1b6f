use super::convolve::{convolve_direct, convolve_fft, fft_size, next_fast_len, use_fft};
use super::fft::run_complex;
use super::plans::{ensure_plan_memory, is_smooth};
use super::real::{magnitude_exponent, Pow2};
use super::*;
use crate::{ErrorKind, KernelError, KernelResult};
use fastwasm_naive::convolve as naive_convolve;
use fastwasm_naive::dft as naive_dft;
use fastwasm_naive::lcg_values as signal;
use proptest::prelude::*;
use rustfft::num_complex::Complex;
use rustfft::FftDirection;

#[test]
fn check_fft_and_check_ifft_are_the_checks_of_their_kernels() {
    assert!(check_fft(2, None).is_ok());
    assert!(check_fft(2, Some(2)).is_ok());
    assert!(check_ifft(4).is_ok());
    let x = [1.0; 5];
    for (re_len, im_len) in [(0, None), (0, Some(1)), (2, Some(1)), (1, Some(0))] {
        let err = check_fft(re_len, im_len).unwrap_err();
        let got = fft(&x[..re_len], im_len.map(|n| &x[..n])).unwrap_err();
        assert_eq!(err, got, "{re_len} {im_len:?}");
    }
    let err = check_fft(2, Some(1)).unwrap_err();
    assert_eq!((err.kind, err.argument), (ErrorKind::Value, "im"));
    assert_eq!(
        err.to_string(),
        "im must have the same length as re (2), got 1"
    );
    for len in [0, 1, 5] {
        assert_eq!(
            check_ifft(len).unwrap_err(),
            ifft(&x[..len]).unwrap_err(),
            "{len}"
        );
    }
    assert_eq!(
        check_ifft(5).unwrap_err().to_string(),
        "x must have an even length (interleaved re, im pairs), got 5"
    );
}

#[test]
fn check_convolve_and_check_moving_average_are_the_checks_of_their_kernels() {
    assert!(check_convolve(1, 3).is_ok());
    assert!(check_moving_average(5, 5).is_ok());
    assert!(check_moving_average(5, 1).is_ok());
    let x = [1.0; 5];
    for (a_len, v_len) in [(0, 0), (0, 2), (2, 0)] {
        let err = check_convolve(a_len, v_len).unwrap_err();
        let got = convolve(&x[..a_len], &x[..v_len], ConvolveMode::Full).unwrap_err();
        assert_eq!(err, got, "{a_len} {v_len}");
    }
    assert_eq!(check_convolve(2, 0).unwrap_err().argument, "v");
    for (len, window) in [(0, 0), (0, 1), (5, 0), (5, 9)] {
        let err = check_moving_average(len, window).unwrap_err();
        assert_eq!(err, moving_average(&x[..len], window).unwrap_err());
    }
    let err = check_moving_average(5, 9).unwrap_err();
    assert_eq!((err.kind, err.argument), (ErrorKind::Value, "window"));
    assert_eq!(err.to_string(), "window must be in [1, len(x)] (5), got 9");
}

fn assert_close(got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "lengths");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tol, "index {i}: got {g}, want {w}");
    }
}

/// Lengths 1 and 2 are computed without twiddle factors, as numpy does: an infinity stays an
/// infinity (np.fft.fft([inf, 0]) is [inf, inf], np.fft.fft([-inf]) is [-inf]) on every target.
#[test]
fn fft_of_lengths_one_and_two_keep_infinities() {
    let inf = f64::INFINITY;
    let bits = |v: Vec<f64>| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(
        bits(fft(&[inf, 0.0], None).unwrap()),
        bits(vec![inf, 0.0, inf, 0.0])
    );
    assert_eq!(bits(fft(&[-inf], None).unwrap()), bits(vec![-inf, 0.0]));
    assert_eq!(
        bits(fft(&[1.0, inf], Some(&[2.0, 0.0])).unwrap()),
        bits(vec![inf, 2.0, -inf, 2.0])
    );
    assert_eq!(
        bits(ifft(&[inf, 0.0, 1.0, 0.0]).unwrap()),
        bits(vec![inf, 0.0, inf, 0.0])
    );
    assert_eq!(bits(ifft(&[4.0, -2.0]).unwrap()), bits(vec![4.0, -2.0]));
}

#[test]
fn fft_known_values() {
    // fft([1, 2, 3, 4]) = [10, -2+2i, -2, -2-2i]
    let got = fft(&[1.0, 2.0, 3.0, 4.0], None).unwrap();
    assert_close(&got, &[10.0, 0.0, -2.0, 2.0, -2.0, 0.0, -2.0, -2.0], 1e-12);
    // Impulse → all ones; constant → n at 0.
    assert_close(
        &fft(&[1.0, 0.0, 0.0], None).unwrap(),
        &[1.0, 0.0, 1.0, 0.0, 1.0, 0.0],
        1e-15,
    );
    assert_close(
        &fft(&[2.0; 5], Some(&[1.0; 5])).unwrap(),
        &[10.0, 5.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        1e-12,
    );
    assert_eq!(fft(&[3.5], None).unwrap(), vec![3.5, 0.0]);
}

#[test]
fn fft_matches_naive_dft_for_awkward_and_power_of_two_lengths() {
    for &n in &[1usize, 2, 3, 7, 8, 13, 16, 97, 128, 210, 257, 1000] {
        let re = signal(n, n as u64);
        let im = signal(n, n as u64 + 1000);
        let want = naive_dft(&re, &im);
        let got = fft(&re, Some(&im)).unwrap();
        assert_close(&got, &want, 1e-10 * n as f64);
        let inv = ifft(&got).unwrap();
        let orig: Vec<f64> = re.iter().zip(&im).flat_map(|(&r, &i)| [r, i]).collect();
        assert_close(&inv, &orig, 1e-13 * n as f64);
    }
}

#[test]
fn ifft_known_value() {
    // ifft([10, -2+2i, -2, -2-2i]) = [1, 2, 3, 4]
    let got = ifft(&[10.0, 0.0, -2.0, 2.0, -2.0, 0.0, -2.0, -2.0]).unwrap();
    assert_close(&got, &[1.0, 0.0, 2.0, 0.0, 3.0, 0.0, 4.0, 0.0], 1e-15);
}

#[test]
fn fft_errors() {
    let err = fft(&[], None).unwrap_err();
    assert_eq!((err.kind, err.argument), (ErrorKind::Value, "re"));
    assert_eq!(err.to_string(), "re must not be empty");
    let err = fft(&[1.0, 2.0], Some(&[1.0])).unwrap_err();
    assert_eq!((err.kind, err.argument), (ErrorKind::Value, "im"));
    assert_eq!(
        err.to_string(),
        "im must have the same length as re (2), got 1"
    );
    assert_eq!(
        ifft(&[]).unwrap_err(),
        KernelError::value("x", "must not be empty")
    );
    let err = ifft(&[1.0; 5]).unwrap_err();
    assert_eq!((err.kind, err.argument), (ErrorKind::Value, "x"));
    assert_eq!(
        err.to_string(),
        "x must have an even length (interleaved re, im pairs), got 5"
    );
}

#[test]
fn convolve_numpy_examples() {
    let (a, v) = ([1.0, 2.0, 3.0], [0.0, 1.0, 0.5]);
    let c = |mode| convolve(&a, &v, mode).unwrap();
    assert_eq!(c(ConvolveMode::Full), vec![0.0, 1.0, 2.5, 4.0, 1.5]);
    assert_eq!(c(ConvolveMode::Same), vec![1.0, 2.5, 4.0]);
    assert_eq!(c(ConvolveMode::Valid), vec![2.5]);
    // The longer input may come second; valid/same still follow the longer one.
    let s = convolve(&[1.0, 1.0], &[1.0, 2.0, 3.0, 4.0], ConvolveMode::Same).unwrap();
    assert_eq!(s, vec![1.0, 3.0, 5.0, 7.0]);
    let s = convolve(&[1.0, 1.0], &[1.0, 2.0, 3.0, 4.0], ConvolveMode::Valid).unwrap();
    assert_eq!(s, vec![3.0, 5.0, 7.0]);
    // np.convolve([1,2,3,4,5], [1,1,1,1], 'same') = [3, 6, 10, 14, 12]
    let s = convolve(&[1.0, 2.0, 3.0, 4.0, 5.0], &[1.0; 4], ConvolveMode::Same).unwrap();
    assert_eq!(s, vec![3.0, 6.0, 10.0, 14.0, 12.0]);
}

#[test]
fn convolve_nan_stays_local() {
    let mut a = vec![1.0; 300];
    a[10] = f64::NAN;
    let got = convolve(&a, &[1.0; 100], ConvolveMode::Full).unwrap();
    assert!(got[9] == 10.0 && got[10].is_nan() && got[109].is_nan());
    assert_eq!(got[110], 100.0);
}

#[test]
fn convolve_fft_matches_direct_on_large_inputs() {
    for &(m, n) in &[(65usize, 65usize), (1000, 100), (300, 257), (4097, 1500)] {
        let a = signal(m, 1);
        let v: Vec<f64> = signal(n, 2).iter().map(|x| x * 1e3).collect();
        assert!(use_fft(n));
        let scale =
            a.iter().fold(0.0f64, |s, x| s.max(x.abs())) * v.iter().map(|x| x.abs()).sum::<f64>();
        for mode in [ConvolveMode::Full, ConvolveMode::Same, ConvolveMode::Valid] {
            let got = convolve(&a, &v, mode).unwrap();
            let swapped = convolve(&v, &a, mode).unwrap();
            let name = match mode {
                ConvolveMode::Full => "full",
                ConvolveMode::Same => "same",
                ConvolveMode::Valid => "valid",
            };
            let want = naive_convolve(&a, &v, name);
            assert_close(&got, &want, 1e-12 * scale);
            assert_close(&swapped, &want, 1e-12 * scale);
        }
        let (start, len) = (0, m + n - 1);
        let direct = convolve_direct("a", &a, &v, start, len).unwrap();
        let via_fft = convolve_fft("a", &a, &v, start, len).unwrap();
        assert_close(&via_fft, &direct, 1e-12 * scale);
    }
}

#[test]
fn next_fast_len_is_smooth_and_minimal() {
    assert_eq!(next_fast_len(1), 1);
    assert_eq!(next_fast_len(11), 12);
    assert_eq!(next_fast_len(97), 98);
    assert_eq!(next_fast_len(1025), 1029);
    assert_eq!(next_fast_len(4096), 4096);
    assert!(next_fast_len(usize::MAX) >= usize::MAX / 2);
}

#[test]
fn impossible_fft_sizes_are_memory_errors() {
    let blame = |r: KernelResult<()>| r.map_err(|e| (e.kind, e.argument));
    // n·per-point overflows usize, or the probe exceeds any address space.
    assert_eq!(
        blame(ensure_plan_memory::<f64>("re", usize::MAX / 4)),
        Err((ErrorKind::Memory, "re"))
    );
    assert_eq!(
        blame(ensure_plan_memory::<f64>("v", 1 << 50)),
        Err((ErrorKind::Memory, "v"))
    );
    assert_eq!(
        ensure_plan_memory::<f64>("re", usize::MAX / 4)
            .unwrap_err()
            .to_string(),
        format!(
            "re is too large: out of memory (cannot plan an FFT of {} points)",
            usize::MAX / 4
        )
    );
    assert!(ensure_plan_memory::<f64>("re", 1 << 16).is_ok());
    // An output window beyond memory (the public entry points derive it from the inputs).
    let err = convolve_direct("a", &[1.0f64], &[1.0], 0, usize::MAX / 2).unwrap_err();
    assert_eq!((err.kind, err.argument), (ErrorKind::Memory, "a"));
}

#[test]
fn smooth_lengths() {
    assert!(is_smooth(1) && is_smooth(2 * 3 * 5 * 7 * 11 * 13 * 31) && is_smooth(1 << 40));
    assert!(!is_smooth(37) && !is_smooth(2 * 37) && !is_smooth(999_983));
}

#[test]
fn pow2_scaling_is_exact_over_the_whole_exponent_range() {
    assert_eq!(Pow2::<f64>::new(0).apply(3.5), 3.5);
    assert_eq!(Pow2::<f64>::new(1074).apply(5e-324), 1.0);
    assert_eq!(Pow2::<f64>::new(-1074).apply(1.0), 5e-324);
    assert_eq!(
        Pow2::<f64>::new(2046).apply(2f64.powi(-1023)),
        2f64.powi(1023)
    );
    assert_eq!(Pow2::<f64>::new(-2148).apply(f64::MAX), 0.0);
    assert_eq!(Pow2::<f64>::new(1024).apply(1.0), f64::INFINITY);
    assert_eq!(magnitude_exponent(&[0.0, -0.0]), 0);
    assert_eq!(magnitude_exponent(&[1.0, -3.0]), 1);
    assert_eq!(magnitude_exponent(&[5e-324]), -1074);
    assert_eq!(magnitude_exponent(&[f64::MAX]), 1023);
    assert_eq!(magnitude_exponent(&[0.75, f64::MIN_POSITIVE]), -1);
    assert_eq!(magnitude_exponent(&[f64::MIN_POSITIVE / 3.0]), -1024);
}

#[test]
fn convolve_fft_path_handles_huge_and_subnormal_values() {
    // Spectra of unscaled 1e308-sized inputs overflow (Σ|a| > f64::MAX); the direct sum does not.
    let (m, n) = (300, 100);
    for (mag_a, mag_v) in [(1e308, 1e-3), (1e-3, 1e308), (1e-310, 1.0), (1e150, 1e150)] {
        let a: Vec<f64> = signal(m, 3).iter().map(|x| x * mag_a).collect();
        let v: Vec<f64> = signal(n, 4).iter().map(|x| x * mag_v).collect();
        assert!(use_fft(n));
        let want = naive_convolve(&a, &v, "full");
        let scale = mag_a * v.iter().map(|x| x.abs()).sum::<f64>();
        let got = convolve(&a, &v, ConvolveMode::Full).unwrap();
        assert_close(&got, &want, 1e-12 * scale);
        assert!(got.iter().all(|x| x.is_finite()));
    }
}

#[test]
fn convolve_errors() {
    assert_eq!(
        convolve(&[], &[1.0], ConvolveMode::Full).unwrap_err(),
        KernelError::value("a", "must not be empty")
    );
    assert_eq!(
        convolve(&[1.0], &[], ConvolveMode::Full)
            .unwrap_err()
            .to_string(),
        "v must not be empty"
    );
    let err = ConvolveMode::parse("xyz").unwrap_err();
    assert_eq!((err.kind, err.argument), (ErrorKind::Value, "mode"));
    assert_eq!(
        err.to_string(),
        "mode must be \"full\", \"same\" or \"valid\", got \"xyz\""
    );
    assert_eq!(ConvolveMode::parse("same").unwrap(), ConvolveMode::Same);
}

#[test]
fn moving_average_known_values_and_errors() {
    let x = [1.0, 2.0, 3.0, 4.0, 5.0];
    assert_eq!(moving_average(&x, 1).unwrap(), x.to_vec());
    assert_eq!(moving_average(&x, 5).unwrap(), vec![3.0]);
    assert_close(
        &moving_average(&x, 2).unwrap(),
        &[1.5, 2.5, 3.5, 4.5],
        1e-15,
    );
    assert_eq!(
        moving_average(&x, 9).unwrap_err().to_string(),
        "window must be in [1, len(x)] (5), got 9"
    );
    let err = moving_average(&x, 0).unwrap_err();
    assert_eq!((err.kind, err.argument), (ErrorKind::Value, "window"));
    assert_eq!(err.to_string(), "window must be in [1, len(x)] (5), got 0");
    assert_eq!(
        moving_average(&[], 1).unwrap_err(),
        KernelError::value("x", "must not be empty")
    );
}

#[test]
fn moving_average_survives_huge_dynamic_range_and_non_finite() {
    let x = [1e20, 1.0, 1.0, 1.0, 1.0, -1e20, 2.0, 2.0, 2.0];
    let got = moving_average(&x, 3).unwrap();
    assert_eq!(got[1], 1.0);
    assert_eq!(got[2], 1.0);
    assert_eq!(got[6], 2.0);
    let x = [
        1.0,
        f64::INFINITY,
        1.0,
        f64::NEG_INFINITY,
        1.0,
        f64::NAN,
        1.0,
        1.0,
        1.0,
    ];
    let got = moving_average(&x, 2).unwrap();
    assert_eq!(got[0], f64::INFINITY);
    assert_eq!(got[2], f64::NEG_INFINITY);
    assert!(got[4].is_nan() && got[5].is_nan());
    assert_eq!(&got[6..], &[1.0, 1.0]);
    assert!(moving_average(&x, 3).unwrap()[1].is_nan()); // inf − inf
}

#[test]
fn moving_average_long_signal_matches_definition() {
    let x: Vec<f64> = signal(10_000, 7).iter().map(|v| v * 1e6 + 3.0).collect();
    for &w in &[1usize, 3, 100, 1023, 1024, 5000] {
        let got = moving_average(&x, w).unwrap();
        assert_eq!(got.len(), x.len() - w + 1);
        for (i, g) in got.iter().enumerate() {
            let win = &x[i..i + w];
            let want: f64 = win.iter().map(|v| v * (1.0 / w as f64)).sum();
            let mag: f64 = win.iter().map(|v| v.abs()).sum::<f64>() / w as f64;
            assert!(
                (g - want).abs() <= 1e-12 * mag,
                "w={w} i={i}: {g} vs {want}"
            );
        }
    }
}

proptest! {
    #[test]
    fn convolve_matches_naive(
        a in prop::collection::vec(-100.0f64..100.0, 1..90),
        v in prop::collection::vec(-100.0f64..100.0, 1..90),
    ) {
        let scale = a.iter().fold(0.0f64, |s, x| s.max(x.abs()))
            * v.iter().map(|x| x.abs()).sum::<f64>();
        for (mode, name) in [
            (ConvolveMode::Full, "full"),
            (ConvolveMode::Same, "same"),
            (ConvolveMode::Valid, "valid"),
        ] {
            let got = convolve(&a, &v, mode).unwrap();
            let want = naive_convolve(&a, &v, name);
            prop_assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                prop_assert!((g - w).abs() <= 1e-12 * scale.max(1.0), "{} {} vs {}", name, g, w);
            }
        }
    }

    #[test]
    fn fft_matches_naive(
        pairs in prop::collection::vec((-10.0f64..10.0, -10.0f64..10.0), 1..64),
    ) {
        let (re, im): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
        let got = fft(&re, Some(&im)).unwrap();
        let want = naive_dft(&re, &im);
        for (g, w) in got.iter().zip(&want) {
            prop_assert!((g - w).abs() <= 1e-11 * re.len() as f64 * 10.0);
        }
        let back = ifft(&got).unwrap();
        for (k, (r, i)) in re.iter().zip(&im).enumerate() {
            prop_assert!((back[2 * k] - r).abs() <= 1e-12 && (back[2 * k + 1] - i).abs() <= 1e-12);
        }
    }

    #[test]
    fn moving_average_matches_naive(
        x in prop::collection::vec(-1e6f64..1e6, 1..300),
        w_frac in 0.0f64..1.0,
    ) {
        let w = 1 + ((x.len() - 1) as f64 * w_frac) as usize;
        let got = moving_average(&x, w).unwrap();
        prop_assert_eq!(got.len(), x.len() - w + 1);
        for (i, g) in got.iter().enumerate() {
            let win = &x[i..i + w];
            let want: f64 = win.iter().sum::<f64>() / w as f64;
            let mag: f64 = win.iter().map(|v| v.abs()).sum::<f64>() / w as f64;
            prop_assert!((g - want).abs() <= 1e-12 * mag.max(1e-300), "{} vs {}", g, want);
        }
    }
}

/// Largest magnitude of `x`, at least 1e-300.
fn max_abs(x: &[f64]) -> f64 {
    x.iter().fold(1e-300f64, |m, v| m.max(v.abs()))
}

/// `x` rounded to float32, and widened back.
fn to_f32(x: &[f64]) -> (Vec<f32>, Vec<f64>) {
    let narrow: Vec<f32> = x.iter().map(|&v| v as f32).collect();
    let wide = narrow.iter().map(|&v| v as f64).collect();
    (narrow, wide)
}

fn assert_close_f32(got: &[f32], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "lengths");
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g as f64 - w).abs() <= tol,
            "index {i}: got {g}, want {w} (tol {tol})"
        );
    }
}

#[test]
fn f32_kernels_match_the_f64_naive_references() {
    for &n in &[
        1usize, 2, 3, 4, 5, 7, 8, 13, 16, 97, 128, 210, 257, 1000, 1024,
    ] {
        let (re, re64) = to_f32(&signal(n, n as u64));
        let (im, im64) = to_f32(&signal(n, n as u64 + 7));
        let tol = |want: &[f64]| 1e-6 * max_abs(want) * (1.0 + (n as f64).log2());
        let zeros = vec![0.0; n];
        let want = naive_dft(&re64, &zeros);
        assert_close_f32(&fft_f32(&re, None).unwrap(), &want, tol(&want));
        let want = naive_dft(&re64, &im64);
        let got = fft_f32(&re, Some(&im)).unwrap();
        assert_close_f32(&got, &want, tol(&want));
        let orig: Vec<f64> = re64.iter().zip(&im64).flat_map(|(&r, &i)| [r, i]).collect();
        assert_close_f32(&ifft_f32(&got).unwrap(), &orig, tol(&orig));
    }
    for &(m, n) in &[
        (1usize, 1usize),
        (10, 3),
        (300, 100),
        (1000, 255),
        (4097, 1500),
    ] {
        let (a, a64) = to_f32(&signal(m, 11));
        let (v, v64) = to_f32(&signal(n, 12));
        let scale = max_abs(&a64) * v64.iter().map(|x| x.abs()).sum::<f64>();
        for (mode, name) in [
            (ConvolveMode::Full, "full"),
            (ConvolveMode::Same, "same"),
            (ConvolveMode::Valid, "valid"),
        ] {
            let want = naive_convolve(&a64, &v64, name);
            assert_close_f32(&convolve_f32(&a, &v, mode).unwrap(), &want, 1e-5 * scale);
            assert_close_f32(&convolve_f32(&v, &a, mode).unwrap(), &want, 1e-5 * scale);
        }
    }
    let err = fft_f32(&[1.0, 2.0], Some(&[1.0])).unwrap_err();
    assert_eq!(err, fft(&[1.0, 2.0], Some(&[1.0])).unwrap_err());
    assert_eq!(
        ifft_f32(&[1.0; 5]).unwrap_err(),
        ifft(&[1.0; 5]).unwrap_err()
    );
    assert_eq!(
        convolve_f32(&[], &[1.0], ConvolveMode::Full).unwrap_err(),
        convolve(&[], &[1.0], ConvolveMode::Full).unwrap_err()
    );
}

#[test]
fn plan_cache_stays_bounded_and_changes_no_result() {
    use super::plans::{cached, clear, BUDGET_BYTES, CAPACITY};
    let lengths = [
        6usize, 97, 128, 210, 257, 1000, 12, 17, 64, 99, 1024, 31, 2, 1, 3,
    ];
    // Each result from a fresh plan, then again (complex and real inputs) with whatever the
    // cache holds after all the other lengths.
    let fresh: Vec<(Vec<f64>, Vec<f64>)> = lengths
        .iter()
        .map(|&n| {
            clear::<f64>();
            let complex = fft(&signal(n, 5), Some(&signal(n, 6))).unwrap();
            clear::<f64>();
            (complex, fft(&signal(n, 5), None).unwrap())
        })
        .collect();
    for _ in 0..3 {
        for (&n, (complex, real)) in lengths.iter().zip(&fresh) {
            assert_eq!(
                &fft(&signal(n, 5), Some(&signal(n, 6))).unwrap(),
                complex,
                "{n}"
            );
            assert_eq!(&fft(&signal(n, 5), None).unwrap(), real, "{n}");
            let (plans, bytes) = cached::<f64>();
            assert!(plans <= CAPACITY && bytes <= BUDGET_BYTES);
        }
    }
}

#[test]
fn real_input_path_agrees_with_the_complex_path() {
    // Real input of even length takes the half-length real transform (also when the imaginary
    // part is given as zeros); the complex transform of the same input agrees.
    let complex_fft = |re: &[f64]| {
        let mut buf: Vec<_> = re.iter().map(|&r| Complex::new(r, 0.0)).collect();
        run_complex("re", &mut buf, FftDirection::Forward).unwrap();
        buf.iter().flat_map(|c| [c.re, c.im]).collect::<Vec<f64>>()
    };
    let complex_fft_f32 = |re: &[f32]| {
        let mut buf: Vec<_> = re.iter().map(|&r| Complex::new(r, 0.0)).collect();
        run_complex("re", &mut buf, FftDirection::Forward).unwrap();
        buf.iter().flat_map(|c| [c.re, c.im]).collect::<Vec<f32>>()
    };
    for n in [
        1usize, 2, 3, 4, 5, 6, 7, 8, 9, 10, 16, 31, 97, 100, 127, 128, 210, 1009, 1024, 4096,
    ] {
        let re = signal(n, n as u64 + 40);
        let zeros = vec![0.0; n];
        let real = fft(&re, None).unwrap();
        assert_eq!(fft(&re, Some(&zeros)).unwrap(), real);
        let complex = complex_fft(&re);
        assert_close(
            &real,
            &complex,
            1e-14 * max_abs(&complex) * (n as f64).log2().max(1.0),
        );
        // Conjugate symmetry holds exactly on the real path (even lengths).
        for k in (1..n).filter(|_| n % 2 == 0) {
            assert_eq!(real[2 * k], real[2 * (n - k)], "n = {n}, k = {k}");
            assert_eq!(real[2 * k + 1], -real[2 * (n - k) + 1], "n = {n}, k = {k}");
        }
        let (re32, _) = to_f32(&re);
        let real32 = fft_f32(&re32, None).unwrap();
        let complex32 = complex_fft_f32(&re32);
        let wide: Vec<f64> = complex32.iter().map(|&v| v as f64).collect();
        let tol = 1e-6 * max_abs(&wide) * (n as f64).log2().max(1.0);
        assert_close_f32(&real32, &wide, tol);
    }
}

#[test]
fn convolve_overlap_add_matches_naive_in_every_mode() {
    // Long inputs are cut into blocks; windows of "same" and "valid" skip some block outputs.
    for &(m, n) in &[(20_000usize, 100usize), (9_001, 255), (30_000, 65)] {
        assert!(fft_size(m, n) < m, "{m}x{n} takes blocks");
        assert!(use_fft(n));
        let a = signal(m, 21);
        let v = signal(n, 22);
        let (a32, a64) = to_f32(&a);
        let (v32, v64) = to_f32(&v);
        let scale = max_abs(&a) * v.iter().map(|x| x.abs()).sum::<f64>();
        for (mode, name) in [
            (ConvolveMode::Full, "full"),
            (ConvolveMode::Same, "same"),
            (ConvolveMode::Valid, "valid"),
        ] {
            let want = naive_convolve(&a, &v, name);
            assert_close(&convolve(&a, &v, mode).unwrap(), &want, 1e-12 * scale);
            assert_close(&convolve(&v, &a, mode).unwrap(), &want, 1e-12 * scale);
            let want = naive_convolve(&a64, &v64, name);
            assert_close_f32(
                &convolve_f32(&a32, &v32, mode).unwrap(),
                &want,
                1e-5 * scale,
            );
        }
    }
}

#[test]
fn fft_size_is_one_even_transform_or_the_cheapest_block() {
    assert_eq!(fft_size(1_000_000, 255), 2048);
    assert_eq!(fft_size(1_000, 255), 1260); // 2 · next_fast_len(627 = ⌈1254 / 2⌉) = 2 · 630
    assert_eq!(fft_size(100, 100), 200);
    for (m, n) in [(65, 65), (4097, 1500), (1 << 20, 1000), (3, 1)] {
        let size = fft_size(m, n);
        assert!(size % 2 == 0 && size >= 2 * n - 1, "{m}x{n}: {size}");
    }
}

#[test]
fn real_input_gives_positive_zeros_as_numpy() {
    // np.fft.fft([1, 0, 0, 0]) and np.fft.fft([1, 2, 3, 4, 5, 6]): exact zeros are +0.
    let bits = |x: &[f64]| x.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    let got = fft(&[1.0, 0.0, 0.0, 0.0], None).unwrap();
    assert_eq!(bits(&got), bits(&[1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]));
    let got = fft_f32(&[1.0, 0.0, 0.0, 0.0], None).unwrap();
    assert!(got
        .iter()
        .all(|v| v.to_bits() == 1f32.to_bits() || v.to_bits() == 0));
    let got = fft(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], None).unwrap();
    assert_eq!((got[1].to_bits(), got[7].to_bits()), (0, 0)); // X[0] and X[3] are real
}
