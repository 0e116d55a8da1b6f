//! `convolve` on arbitrary floats and mode strings: numpy's length for each mode, and the
//! values of the full convolution's window computed from the definition, exactly classified
//! (NaN, ±inf) where the direct sum is documented and within the documented FFT error elsewhere.
#![no_main]

use arbitrary::Arbitrary;
use fastwasm_fuzz::input::Floats;
use fastwasm_fuzz::{expect_err, naive};
use fastwasm_kernels::signal::{convolve, ConvolveMode};
use fastwasm_kernels::ErrorKind;
use libfuzzer_sys::fuzz_target;

/// Longest input built from a repeated pattern.
const MAX_LEN: usize = 1024;
/// Shorter inputs up to this length always take the direct sum (documented).
const DIRECT_MAX: usize = 64;
/// FFT error bound, relative to `max|a|·Σ|v|` (documented as about 1e-12).
const FFT_REL_ERROR: f64 = 1e-11;

#[derive(Debug, Arbitrary)]
enum Mode {
    Full,
    Same,
    Valid,
    Other(String),
}

#[derive(Debug, Arbitrary)]
struct Input {
    a: Floats,
    v: Floats,
    mode: Mode,
}

fuzz_target!(|input: Input| {
    let (a, v) = (input.a.build(MAX_LEN), input.v.build(MAX_LEN));
    let mode = match &input.mode {
        Mode::Full => "full",
        Mode::Same => "same",
        Mode::Valid => "valid",
        Mode::Other(s) => s,
    };
    let parsed = match ConvolveMode::parse(mode) {
        Ok(parsed) => parsed,
        Err(e) => {
            assert!(
                !["full", "same", "valid"].contains(&mode),
                "refused {mode:?}"
            );
            let e = expect_err(Err::<(), _>(e), ErrorKind::Value, &["mode"]);
            assert!(e.detail.starts_with("must be"), "{e:?}");
            return;
        }
    };
    let result = convolve(&a, &v, parsed);
    if a.is_empty() || v.is_empty() {
        let blamed = if a.is_empty() { "a" } else { "v" };
        let e = expect_err(result, ErrorKind::Value, &[blamed]);
        assert_eq!(e.detail, "must not be empty");
        return;
    }
    let got = result.expect("convolve failed");
    let (start, len) = naive::convolve_window(mode, a.len(), v.len());
    assert_eq!(got.len(), len, "length for mode {mode}");
    let want = &naive::convolve_full(&a, &v)[start..start + len];

    let all_finite = a.iter().chain(&v).all(|x| x.is_finite());
    let direct = a.len().min(v.len()) <= DIRECT_MAX || !all_finite;
    let terms = a.len().min(v.len()) as f64;
    let max_abs = |x: &[f64]| x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let sum_abs = |x: &[f64]| x.iter().map(|v| v.abs()).sum::<f64>();
    let scale = (max_abs(&a) * sum_abs(&v)).max(max_abs(&v) * sum_abs(&a));
    for (i, (&g, w)) in got.iter().zip(want).enumerate() {
        let at = start + i;
        if direct {
            // Summed in another order than the definition: the same NaN/±inf (no partial sum
            // of finite products overflows), finite values within the rounding error.
            if w.abs_finite >= f64::MAX / 2.0 {
                continue;
            }
            match w.non_finite() {
                Some(nf) => assert!(naive_eq(g, nf), "full[{at}] = {g:e}, expected {nf}"),
                None => {
                    let tol = (terms + 4.0) * f64::EPSILON * w.abs_finite;
                    assert!(
                        (g - w.sum).abs() <= tol,
                        "full[{at}] = {g:e}, expected {:e}",
                        w.sum
                    );
                }
            }
        } else if scale.is_finite() {
            let tol = FFT_REL_ERROR * scale + 1e-300;
            assert!(
                (g - w.sum).abs() <= tol,
                "full[{at}] = {g:e}, expected {:e} ± {tol:e}",
                w.sum
            );
        }
    }
});

/// `g == want`, where a NaN `want` matches any NaN.
fn naive_eq(g: f64, want: f64) -> bool {
    g == want || (g.is_nan() && want.is_nan())
}
