//! Golden fixtures (tests/fixtures/golden.json at the repository root, made with numpy by
//! tests/fixtures/make_fixtures.py) checked against the native Rust kernels.
//!
//!     cargo test -p fastwasm-kernels --test golden
//!
//! Every case runs; the test fails listing every mismatching case. The file layout and the
//! tolerances are documented at the top of make_fixtures.py.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use fastwasm_kernels::fractal::{self, MandelbrotView};
use fastwasm_kernels::signal::{self, ConvolveMode};
use fastwasm_kernels::{image, linalg, reduce, sieve, sorting, stats, text, KernelError};
use serde_json::Value;

/// The fixtures, shared with the JS and Python runners.
const GOLDEN_JSON: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/golden.json"
);

type Check = Result<(), String>;

/// A float from the fixture encoding (numbers, or "NaN" / "Infinity" / "-Infinity").
fn num(v: &Value) -> f64 {
    match v {
        Value::Number(n) => n.as_f64().expect("number"),
        Value::String(s) => match s.as_str() {
            "NaN" => f64::NAN,
            "Infinity" => f64::INFINITY,
            "-Infinity" => f64::NEG_INFINITY,
            other => panic!("not a float: {other:?}"),
        },
        other => panic!("not a float: {other}"),
    }
}

fn nums(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("array of floats")
        .iter()
        .map(num)
        .collect()
}

fn int(v: &Value) -> u64 {
    v.as_u64()
        .unwrap_or_else(|| panic!("not an unsigned integer: {v}"))
}

fn uint(v: &Value) -> usize {
    int(v) as usize
}

fn string(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

/// A string as the code points `levenshtein` takes.
fn code_points(v: &Value) -> Vec<u32> {
    string(v).chars().map(|c| c as u32).collect()
}

/// A matrix `{"shape": [rows, cols], "data": [...]}` as (data, rows, cols).
fn matrix(v: &Value) -> (Vec<f64>, usize, usize) {
    let shape = v["shape"].as_array().expect("shape");
    (nums(&v["data"]), uint(&shape[0]), uint(&shape[1]))
}

/// An image `{"w", "h", "rgba"}` as (bytes, w, h).
fn rgba(v: &Value) -> (Vec<u8>, usize, usize) {
    let bytes = v["rgba"]
        .as_array()
        .expect("rgba")
        .iter()
        .map(|b| u8::try_from(int(b)).expect("byte"))
        .collect();
    (bytes, uint(&v["w"]), uint(&v["h"]))
}

fn close(got: f64, exp: f64, rel: f64, scale: f64) -> bool {
    if exp.is_nan() {
        return got.is_nan();
    }
    if exp.is_infinite() {
        return got == exp;
    }
    (got - exp).abs() <= rel * 1f64.max(exp.abs()).max(scale)
}

struct Tol {
    rel: f64,
    scale: f64,
}

fn check_f(got: f64, exp: &Value, tol: &Tol) -> Check {
    let exp = num(exp);
    if close(got, exp, tol.rel, tol.scale) {
        Ok(())
    } else {
        Err(format!(
            "expected {exp:e}, got {got:e} (diff {:e})",
            (got - exp).abs()
        ))
    }
}

fn check_fs(got: &[f64], exp: &Value, tol: &Tol) -> Check {
    let exp = nums(exp);
    if got.len() != exp.len() {
        return Err(format!("expected {} values, got {}", exp.len(), got.len()));
    }
    let bad: Vec<String> = got
        .iter()
        .zip(&exp)
        .enumerate()
        .filter(|(_, (&g, &e))| !close(g, e, tol.rel, tol.scale))
        .map(|(i, (g, e))| format!("[{i}] expected {e:e}, got {g:e}"))
        .collect();
    if bad.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} of {} values differ: {}",
            bad.len(),
            got.len(),
            bad.iter().take(5).cloned().collect::<Vec<_>>().join("; ")
        ))
    }
}

fn check_ints<T: Copy + Into<u64>>(got: &[T], exp: &Value) -> Check {
    let exp: Vec<u64> = exp
        .as_array()
        .expect("array of ints")
        .iter()
        .map(int)
        .collect();
    let got: Vec<u64> = got.iter().map(|&v| v.into()).collect();
    if got.len() != exp.len() {
        return Err(format!("expected {} values, got {}", exp.len(), got.len()));
    }
    match got.iter().zip(&exp).position(|(g, e)| g != e) {
        None => Ok(()),
        Some(i) => Err(format!(
            "first difference at [{i}]: expected {}, got {} ({} differ)",
            exp[i],
            got[i],
            got.iter().zip(&exp).filter(|(g, e)| g != e).count()
        )),
    }
}

fn check_int(got: u64, exp: &Value) -> Check {
    if got == int(exp) {
        Ok(())
    } else {
        Err(format!("expected {}, got {got}", int(exp)))
    }
}

/// RGBA bytes: exact, except ±1 at the case's "ambiguous" indices. Returns how many of those
/// differed by one.
fn check_image(got: &[u8], case: &Value) -> Result<usize, String> {
    let exp: Vec<u64> = case["expected"]
        .as_array()
        .expect("rgba")
        .iter()
        .map(int)
        .collect();
    if got.len() != exp.len() {
        return Err(format!("expected {} bytes, got {}", exp.len(), got.len()));
    }
    let ambiguous: Vec<usize> = case
        .get("ambiguous")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(uint).collect())
        .unwrap_or_default();
    let mut off_by_one = 0;
    let mut bad = Vec::new();
    for (i, (&g, &e)) in got.iter().zip(&exp).enumerate() {
        let g = u64::from(g);
        if g == e {
            continue;
        }
        if g.abs_diff(e) == 1 && ambiguous.contains(&i) {
            off_by_one += 1;
        } else {
            bad.push(format!("[{i}] expected {e}, got {g}"));
        }
    }
    if bad.is_empty() {
        Ok(off_by_one)
    } else {
        Err(format!(
            "{} of {} bytes differ: {}",
            bad.len(),
            got.len(),
            bad.iter().take(8).cloned().collect::<Vec<_>>().join("; ")
        ))
    }
}

fn run_case(case: &Value, rel: f64, near_ties: &mut usize) -> Check {
    let f = string(&case["fn"]);
    let a = &case["args"];
    let exp = &case["expected"];
    let tol = Tol {
        rel,
        scale: case.get("scale").map(num).unwrap_or(0.0),
    };
    let err = |e: KernelError| format!("kernel error ({}): {e}", e.kind.as_str());
    match f {
        "sum" => check_f(reduce::sum(&nums(&a["x"])), exp, &tol),
        "mean" => check_f(reduce::mean(&nums(&a["x"])).map_err(err)?, exp, &tol),
        "variance" => check_f(
            stats::variance(&nums(&a["x"]), num(&a["ddof"])).map_err(err)?,
            exp,
            &tol,
        ),
        "std" => check_f(
            stats::std(&nums(&a["x"]), num(&a["ddof"])).map_err(err)?,
            exp,
            &tol,
        ),
        "min" => check_f(stats::min(&nums(&a["x"])).map_err(err)?, exp, &tol),
        "max" => check_f(stats::max(&nums(&a["x"])).map_err(err)?, exp, &tol),
        "argmin" => check_int(stats::argmin(&nums(&a["x"])).map_err(err)? as u64, exp),
        "argmax" => check_int(stats::argmax(&nums(&a["x"])).map_err(err)? as u64, exp),
        "dot" => check_f(
            reduce::dot(&nums(&a["a"]), &nums(&a["b"])).map_err(err)?,
            exp,
            &tol,
        ),
        "norm" => check_f(stats::norm(&nums(&a["x"])), exp, &tol),
        "median" => check_f(stats::median(&nums(&a["x"])).map_err(err)?, exp, &tol),
        "quantile" => check_f(
            stats::quantile(&nums(&a["x"]), num(&a["q"])).map_err(err)?,
            exp,
            &tol,
        ),
        "percentile" => check_f(
            stats::percentile(&nums(&a["x"]), num(&a["q"])).map_err(err)?,
            exp,
            &tol,
        ),
        "cumsum" => check_fs(&stats::cumsum(&nums(&a["x"])).map_err(err)?, exp, &tol),
        "histogram" => {
            let range = match &a["range"] {
                Value::Null => None,
                r => Some((num(&r[0]), num(&r[1]))),
            };
            let (counts, edges) =
                stats::histogram(&nums(&a["x"]), uint(&a["bins"]), range).map_err(err)?;
            check_ints(&counts, &exp["counts"]).map_err(|e| format!("counts: {e}"))?;
            check_fs(&edges, &exp["edges"], &tol).map_err(|e| format!("edges: {e}"))
        }
        "sort" => check_fs(&sorting::sort(&nums(&a["x"])).map_err(err)?, exp, &tol),
        "argsort" => check_ints(&sorting::argsort(&nums(&a["x"])).map_err(err)?, exp),
        "unique" => check_fs(&sorting::unique(&nums(&a["x"])).map_err(err)?, exp, &tol),
        "matmul" => {
            let (ma, m, k) = matrix(&a["a"]);
            let (mb, k2, n) = matrix(&a["b"]);
            assert_eq!(k, k2, "fixture shapes");
            let got = linalg::matmul(&ma, &mb, m, k, n).map_err(err)?;
            check_fs(&got, &exp["data"], &tol)
        }
        "transpose" => {
            let (ma, r, c) = matrix(&a["a"]);
            check_fs(
                &linalg::transpose(&ma, r, c).map_err(err)?,
                &exp["data"],
                &tol,
            )
        }
        "solve" => {
            let (ma, n, _) = matrix(&a["a"]);
            check_fs(
                &linalg::solve(&ma, &nums(&a["b"]), n).map_err(err)?,
                exp,
                &tol,
            )
        }
        "det" => {
            let (ma, n, _) = matrix(&a["a"]);
            check_f(linalg::det(&ma, n).map_err(err)?, exp, &tol)
        }
        "inv" => {
            let (ma, n, _) = matrix(&a["a"]);
            check_fs(&linalg::inv(&ma, n).map_err(err)?, &exp["data"], &tol)
        }
        "fft" | "ifft" => {
            let re = nums(&a["re"]);
            let im = match &a["im"] {
                Value::Null => None,
                v => Some(nums(v)),
            };
            let got = if f == "fft" {
                signal::fft(&re, im.as_deref()).map_err(err)?
            } else {
                let im = im.expect("ifft im");
                let inter: Vec<f64> = re.iter().zip(&im).flat_map(|(&r, &i)| [r, i]).collect();
                signal::ifft(&inter).map_err(err)?
            };
            let (gr, gi): (Vec<f64>, Vec<f64>) = got.chunks_exact(2).map(|c| (c[0], c[1])).unzip();
            check_fs(&gr, &exp["re"], &tol).map_err(|e| format!("re: {e}"))?;
            check_fs(&gi, &exp["im"], &tol).map_err(|e| format!("im: {e}"))
        }
        "convolve" => {
            let mode = ConvolveMode::parse(string(&a["mode"])).map_err(err)?;
            check_fs(
                &signal::convolve(&nums(&a["a"]), &nums(&a["v"]), mode).map_err(err)?,
                exp,
                &tol,
            )
        }
        "movingAverage" => check_fs(
            &signal::moving_average(&nums(&a["x"]), uint(&a["window"])).map_err(err)?,
            exp,
            &tol,
        ),
        "grayscale" | "sobel" | "gaussianBlur" => {
            let (px, w, h) = rgba(&a["image"]);
            let got = match f {
                "grayscale" => image::grayscale(&px, w, h),
                "sobel" => image::sobel(&px, w, h),
                _ => image::gaussian_blur(&px, w, h, num(&a["sigma"])),
            }
            .map_err(err)?;
            *near_ties += check_image(&got, case)?;
            Ok(())
        }
        "mandelbrot" => {
            let view = MandelbrotView {
                width: uint(&a["w"]),
                height: uint(&a["h"]),
                x_min: num(&a["x_min"]),
                x_max: num(&a["x_max"]),
                y_min: num(&a["y_min"]),
                y_max: num(&a["y_max"]),
                max_iter: u32::try_from(int(&a["max_iter"])).expect("max_iter"),
            };
            check_ints(&fractal::mandelbrot(&view).map_err(err)?, exp)
        }
        "primes" => check_ints(&sieve::primes(int(&a["n"])).map_err(err)?, exp),
        "levenshtein" => check_int(
            text::levenshtein(&code_points(&a["a"]), &code_points(&a["b"])).map_err(err)? as u64,
            exp,
        ),
        "wordCounts" => {
            let got = text::word_counts(string(&a["text"]), uint(&a["k"])).map_err(err)?;
            let exp: Vec<(String, u32)> = exp
                .as_array()
                .expect("word counts")
                .iter()
                .map(|p| (string(&p[0]).to_owned(), int(&p[1]) as u32))
                .collect();
            if got == exp {
                Ok(())
            } else {
                Err(format!("expected {exp:?}, got {got:?}"))
            }
        }
        other => Err(format!("unknown kernel {other:?} in the fixtures")),
    }
}

#[test]
fn golden_fixtures_match_numpy() {
    let path = Path::new(GOLDEN_JSON);
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e} (generate it with python3 tests/fixtures/make_fixtures.py)",
            path.display()
        )
    });
    let doc: Value = serde_json::from_str(&text).expect("golden.json is valid JSON");
    let rel = num(&doc["tolerance"]["rel"]);
    let cases = doc["cases"].as_array().expect("cases");
    assert!(!cases.is_empty(), "no cases in golden.json");

    let mut failures = Vec::new();
    let mut near_ties = 0;
    for case in cases {
        if let Err(e) = run_case(case, rel, &mut near_ties) {
            failures.push(format!("{}: {e}", string(&case["name"])));
        }
    }
    println!(
        "golden: {} cases checked, {} failed, {near_ties} ambiguous image bytes off by one (numpy {})",
        cases.len(),
        failures.len(),
        string(&doc["numpy"])
    );
    assert!(
        failures.is_empty(),
        "{} of {} golden cases failed:\n  {}",
        failures.len(),
        cases.len(),
        failures.join("\n  ")
    );
}
