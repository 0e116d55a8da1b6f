//! Browser tests of the binding layer (run by `wasm-pack test --headless --chrome/--firefox`).
//!
//! They drive the exports from inside wasm the way the JS wrapper (js/fastwasm.js) does: size a
//! staging region (`regions::stage`), write the argument through a js_sys view on
//! `wasm_bindgen::memory()`, call the export with region ids, and read an array result out of the
//! resident region it returns. Values are checked against the naive references of
//! `fastwasm-naive` and closed forms; errors are checked as the JS errors they become (class,
//! `name`, own properties `kind`, `argument`, `detail`, and the message `"<argument> <detail>"`).
#![cfg(target_arch = "wasm32")]

use std::fmt::Debug;

use fastwasm::error::BindResult;
use fastwasm::exports::{self, fractal, image, linalg, reduce, signal, sorting, stats, text};
use fastwasm::memory;
use fastwasm::regions::{self, STAGING_SLOTS};
use fastwasm_naive as naive;
use js_sys::{
    Array, Float32Array, Float64Array, Reflect, Uint32Array, Uint8Array, WebAssembly, JSON,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Region element kinds, as `__fwStage` and `__fwRegionNew` take them.
const F64: u32 = 0;
const U32: u32 = 1;
const U8: u32 = 2;
const F32: u32 = 3;

// --- regions, as the JS wrapper uses them ---------------------------------------------------------

/// The current buffer of the module's memory (views on an older one detach when memory grows).
fn buffer() -> JsValue {
    wasm_bindgen::memory()
        .unchecked_into::<WebAssembly::Memory>()
        .buffer()
}

/// Stages `data` in staging slot `slot` (region id `slot + 1`): sizes the region, then writes the
/// data through a view made after sizing.
fn stage_f64(slot: u32, data: &[f64]) -> u32 {
    let address = regions::stage(slot.into(), F64, data.len() as f64).unwrap();
    Float64Array::new_with_byte_offset_and_length(&buffer(), address, data.len() as u32)
        .copy_from(data);
    slot + 1
}

fn stage_u32(slot: u32, data: &[u32]) -> u32 {
    let address = regions::stage(slot.into(), U32, data.len() as f64).unwrap();
    Uint32Array::new_with_byte_offset_and_length(&buffer(), address, data.len() as u32)
        .copy_from(data);
    slot + 1
}

fn stage_f32(slot: u32, data: &[f32]) -> u32 {
    let address = regions::stage(slot.into(), F32, data.len() as f64).unwrap();
    Float32Array::new_with_byte_offset_and_length(&buffer(), address, data.len() as u32)
        .copy_from(data);
    slot + 1
}

fn read_f32(id: u32) -> Vec<f32> {
    assert_eq!(
        regions::region_kind(id).unwrap(),
        F32,
        "region {id} holds float32"
    );
    let (address, length) = place(id);
    let out = Float32Array::new_with_byte_offset_and_length(&buffer(), address, length).to_vec();
    assert!(regions::region_free(id));
    out
}

fn stage_u8(slot: u32, data: &[u8]) -> u32 {
    let address = regions::stage(slot.into(), U8, data.len() as f64).unwrap();
    Uint8Array::new_with_byte_offset_and_length(&buffer(), address, data.len() as u32)
        .copy_from(data);
    slot + 1
}

/// The address and length of live region `id`.
fn place(id: u32) -> (u32, u32) {
    let length = regions::region_length(id).unwrap();
    (regions::region_address(id).unwrap(), length as u32)
}

fn read_f64(id: u32) -> Vec<f64> {
    assert_eq!(
        regions::region_kind(id).unwrap(),
        F64,
        "region {id} holds float64"
    );
    let (address, length) = place(id);
    Float64Array::new_with_byte_offset_and_length(&buffer(), address, length).to_vec()
}

fn write_f64(id: u32, data: &[f64]) {
    let (address, length) = place(id);
    assert_eq!(length as usize, data.len());
    Float64Array::new_with_byte_offset_and_length(&buffer(), address, length).copy_from(data);
}

/// An array result: a resident region (not a staging slot) of float64, copied out and freed.
fn take_f64(id: u32) -> Vec<f64> {
    assert!(id > STAGING_SLOTS, "result {id} is a resident region");
    let out = read_f64(id);
    assert!(regions::region_free(id));
    out
}

fn take_u32(id: u32) -> Vec<u32> {
    assert!(id > STAGING_SLOTS, "result {id} is a resident region");
    assert_eq!(
        regions::region_kind(id).unwrap(),
        U32,
        "region {id} holds uint32"
    );
    let (address, length) = place(id);
    let out = Uint32Array::new_with_byte_offset_and_length(&buffer(), address, length).to_vec();
    assert!(regions::region_free(id));
    out
}

fn take_u8(id: u32) -> Vec<u8> {
    assert!(id > STAGING_SLOTS, "result {id} is a resident region");
    assert_eq!(
        regions::region_kind(id).unwrap(),
        U8,
        "region {id} holds uint8"
    );
    let (address, length) = place(id);
    let out = Uint8Array::new_with_byte_offset_and_length(&buffer(), address, length).to_vec();
    assert!(regions::region_free(id));
    out
}

// --- errors as JS errors --------------------------------------------------------------------------

/// What a JS error made from a `BindError` shows.
#[derive(Debug)]
struct Thrown {
    kind: String,
    argument: String,
    detail: String,
}

/// The JS error of a failed export, checked for what every kernel error must be: an `Error`
/// whose class and `name` follow its own `kind` property (TypeError, RangeError, or an Error
/// named MemoryError), with own string properties `kind`, `argument` and `detail`, and the
/// message `"<argument> <detail>"` (no function name).
fn thrown<T: Debug>(result: BindResult<T>) -> Thrown {
    let value: JsValue = result.expect_err("expected an error").into();
    let error: &js_sys::Error = value.dyn_ref().expect("a JS Error");
    let own = |key: &str| -> String {
        let descriptor = Reflect::get_own_property_descriptor(error, &key.into()).unwrap();
        assert!(
            !descriptor.is_undefined(),
            "no own property {key} on {value:?}"
        );
        Reflect::get(&descriptor, &"value".into())
            .unwrap()
            .as_string()
            .unwrap_or_else(|| panic!("{key} is not a string"))
    };
    let t = Thrown {
        kind: own("kind"),
        argument: own("argument"),
        detail: own("detail"),
    };
    let is_type = value.is_instance_of::<js_sys::TypeError>();
    let is_range = value.is_instance_of::<js_sys::RangeError>();
    let name = String::from(error.name());
    match t.kind.as_str() {
        "type" => assert!(is_type && name == "TypeError", "{t:?} is a {name}"),
        "value" => assert!(is_range && name == "RangeError", "{t:?} is a {name}"),
        "memory" => assert!(
            !is_type && !is_range && name == "MemoryError",
            "{t:?} is a {name}"
        ),
        other => panic!("unknown kind {other:?}"),
    }
    assert_eq!(
        String::from(error.message()),
        format!("{} {}", t.argument, t.detail)
    );
    t
}

/// Checks the error of `result`: `kind`, `argument` and the whole `detail`.
fn assert_error<T: Debug>(result: BindResult<T>, kind: &str, argument: &str, detail: &str) {
    let t = thrown(result);
    assert_eq!(
        (t.kind.as_str(), t.argument.as_str(), t.detail.as_str()),
        (kind, argument, detail)
    );
}

// --- references -----------------------------------------------------------------------------------

/// Deterministic floats in [lo, hi) (xorshift32).
fn random_floats(n: usize, seed: u32, lo: f64, hi: f64) -> Vec<f64> {
    let mut s = seed.max(1);
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            lo + (f64::from(s) / 4_294_967_296.0) * (hi - lo)
        })
        .collect()
}

fn abs_sum(x: &[f64]) -> f64 {
    x.iter().map(|v| v.abs()).sum()
}

/// `|got − want| ≤ tol`, with a message.
fn assert_close(got: f64, want: f64, tol: f64, what: &str) {
    assert!(
        (got - want).abs() <= tol,
        "{what}: expected {want}, got {got} (diff {}, tolerance {tol})",
        (got - want).abs()
    );
}

fn assert_all_close(got: &[f64], want: &[f64], tol: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert_close(g, w, tol, &format!("{what}[{i}]"));
    }
}

fn sorted(x: &[f64]) -> Vec<f64> {
    let mut s = x.to_vec();
    s.sort_by(|a, b| naive::numpy_cmp(*a, *b));
    s
}

/// numpy's linear-interpolation quantile of non-empty `x`.
fn quantile_of(x: &[f64], q: f64) -> f64 {
    let s = sorted(x);
    let pos = q * (s.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    s[lo] + (s[hi] - s[lo]) * (pos - lo as f64)
}

/// Naive DFT of `re + i·im`, interleaved `[re0, im0, …]`.
fn dft(re: &[f64], im: &[f64]) -> Vec<f64> {
    let n = re.len();
    let mut out = Vec::with_capacity(2 * n);
    for k in 0..n {
        let (mut sr, mut si) = (0.0, 0.0);
        for t in 0..n {
            let angle = -2.0 * std::f64::consts::PI * ((k * t) % n) as f64 / n as f64;
            let (s, c) = angle.sin_cos();
            sr += re[t] * c - im[t] * s;
            si += re[t] * s + im[t] * c;
        }
        out.extend([sr, si]);
    }
    out
}

fn code_points(s: &str) -> Vec<u32> {
    s.chars().map(u32::from).collect()
}

// --- tests ----------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn reductions_of_staged_arrays_match_naive_sums() {
    for n in [0, 1, 2, 3, 7, 8, 9, 31, 32, 33, 127, 128, 129, 1000, 4097] {
        let x = random_floats(n, n as u32 + 1, -1e3, 1e3);
        let y = random_floats(n, n as u32 + 29, -1.0, 1.0);
        let (a, b) = (stage_f64(0, &x), stage_f64(1, &y));
        let tol = (n as f64 + 1.0) * f64::EPSILON * abs_sum(&x);
        let naive_sum: f64 = x.iter().sum();
        assert_close(
            reduce::sum(a).unwrap(),
            naive_sum,
            tol,
            &format!("sum n={n}"),
        );
        if n > 0 {
            let mean = reduce::mean(a).unwrap();
            assert_close(mean, naive_sum / n as f64, tol / n as f64, "mean");
        }
        let products: Vec<f64> = x.iter().zip(&y).map(|(p, q)| p * q).collect();
        let naive_dot: f64 = products.iter().sum();
        let dot_tol = (n as f64 + 1.0) * f64::EPSILON * abs_sum(&products);
        assert_close(reduce::dot(a, b).unwrap(), naive_dot, dot_tol, "dot");
        // The same region may be both arguments.
        let squares: f64 = x.iter().map(|v| v * v).sum();
        assert_close(
            reduce::dot(a, a).unwrap(),
            squares,
            dot_tol * 1e3 + tol * 1e3,
            "x·x",
        );
    }
    // Closed forms, exactly.
    let ramp: Vec<f64> = (1..=100_000).map(f64::from).collect();
    let id = stage_f64(2, &ramp);
    assert_eq!(reduce::sum(id).unwrap(), 5_000_050_000.0);
    assert_eq!(reduce::mean(id).unwrap(), 50_000.5);
    assert_eq!(
        reduce::dot(
            stage_f64(0, &[1.0, 2.0, 3.0]),
            stage_f64(1, &[4.0, 5.0, 6.0])
        )
        .unwrap(),
        32.0
    );
    assert_error(
        reduce::dot(stage_f64(0, &[1.0, 2.0, 3.0]), stage_f64(1, &[1.0, 2.0])),
        "value",
        "a",
        "and b must have the same length, got 3 and 2",
    );
    assert_error(
        reduce::mean(stage_f64(0, &[])),
        "value",
        "x",
        "must not be empty",
    );
}

#[wasm_bindgen_test]
fn staging_slots_reuse_their_buffers_and_keep_each_other() {
    let resident_before = regions::region_count();
    let address = regions::stage(0.0, F64, 1000.0).unwrap();
    assert_eq!(address % 8, 0, "float64 regions are aligned");
    assert_eq!(
        regions::stage(0.0, F64, 10.0).unwrap(),
        address,
        "a smaller staging of the same kind reuses the buffer"
    );
    assert_eq!(regions::region_length(1).unwrap(), 10.0);
    assert_eq!(regions::region_kind(1).unwrap(), F64);

    // Each slot holds its own data: restaging one slot (larger, so possibly growing the memory)
    // leaves the other three as they were.
    let data: Vec<Vec<f64>> = (0..4)
        .map(|s| random_floats(50 + 10 * s, s as u32 + 7, -5.0, 5.0))
        .collect();
    for (slot, x) in data.iter().enumerate() {
        stage_f64(slot as u32, x);
    }
    let pages = wasm_bindgen::memory()
        .unchecked_into::<WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length();
    let big = vec![0.25; 1 << 20];
    let id = stage_f64(2, &big);
    assert_eq!(reduce::sum(id).unwrap(), 262_144.0);
    let grown = buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length();
    assert!(grown > pages, "8 MiB of staging grew the memory");
    for slot in [0u32, 1, 3] {
        let x = &data[slot as usize];
        assert_eq!(&read_f64(slot + 1), x, "slot {slot} kept its data");
        let want: f64 = x.iter().sum();
        assert_close(
            reduce::sum(slot + 1).unwrap(),
            want,
            1e-12 * abs_sum(x),
            "sum",
        );
    }

    // A slot restaged with another kind holds that kind; a kernel refuses it as the wrong type.
    let codes = stage_u32(1, &[1, 2, 3]);
    assert_eq!(regions::region_kind(codes).unwrap(), U32);
    assert_error(
        reduce::sum(codes),
        "type",
        "x",
        "must hold float64 elements",
    );
    assert_error(
        image::grayscale(stage_f64(0, &[0.0; 4]), 1.0, 1.0),
        "type",
        "rgba",
        "must hold uint8 elements",
    );

    // Staging regions are not resident regions: never counted, never freed.
    assert_eq!(regions::region_count(), resident_before);
    assert!(!regions::region_free(1));
    assert_eq!(
        regions::region_length(1).unwrap(),
        4.0,
        "slot 0 is still live"
    );
    assert_error(
        regions::stage(4.0, F64, 1.0),
        "value",
        "slot",
        "must be below 4, got 4",
    );
    assert_eq!(regions::region_kind(stage_f32(0, &[1.5])).unwrap(), F32);
    assert_error(
        regions::stage(0.0, 4, 1.0),
        "value",
        "kind",
        "must be 0 (float64), 1 (uint32), 2 (uint8) or 3 (float32), got 4",
    );
}

#[wasm_bindgen_test]
fn array_results_are_resident_regions_of_their_kind() {
    let before = regions::region_count();
    let mut x = random_floats(301, 5, -2.0, 2.0);
    x[17] = f64::NAN;
    x[40] = -0.0;
    x[41] = 0.0;
    x[99] = f64::NEG_INFINITY;
    let id = stage_f64(0, &x);

    let sorted_id = sorting::sort(id).unwrap();
    assert!(sorted_id > STAGING_SLOTS);
    assert_eq!(
        regions::region_count(),
        before + 1,
        "one new resident region"
    );
    assert_eq!(regions::region_length(sorted_id).unwrap(), 301.0);
    assert_eq!(regions::region_address(sorted_id).unwrap() % 8, 0);
    let got = take_f64(sorted_id);
    let want = sorted(&x);
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert!(
            g == w || (g.is_nan() && w.is_nan()),
            "sort[{i}]: {g} vs {w}"
        );
    }
    assert!(got[300].is_nan(), "NaN sorts last");
    assert_eq!(regions::region_count(), before, "freed");
    assert!(
        !regions::region_free(sorted_id),
        "freeing twice does nothing"
    );
    assert_error(
        regions::region_length(sorted_id),
        "value",
        "id",
        &format!("{sorted_id} is not a live region"),
    );

    // argsort is stable, and its result is a uint32 region.
    let steps: Vec<f64> = random_floats(200, 9, 0.0, 8.0)
        .iter()
        .map(|v| v.floor())
        .collect();
    let mut order: Vec<u32> = (0..200).collect();
    order.sort_by(|&i, &j| steps[i as usize].total_cmp(&steps[j as usize]));
    assert_eq!(
        take_u32(sorting::argsort(stage_f64(1, &steps)).unwrap()),
        order
    );

    let mut distinct = sorted(&steps);
    distinct.dedup();
    assert_eq!(
        take_f64(sorting::unique(stage_f64(1, &steps)).unwrap()),
        distinct
    );

    let cumsum = take_f64(stats::cumsum(stage_f64(1, &steps)).unwrap());
    let mut running = 0.0;
    for (i, &c) in cumsum.iter().enumerate() {
        running += steps[i];
        assert_eq!(c, running, "cumsum of integers is exact");
    }

    // (naive::primes squares usize, so on wasm32 it stays below 2^16.)
    for n in [0.0, 1.0, 2.0, 97.0, 65_521.0] {
        assert_eq!(
            take_u32(fractal::primes(n).unwrap()),
            naive::primes(n as usize),
            "primes({n})"
        );
    }

    // Every pixel centre against the naive escape count.
    let (w, h, x_min, x_max, y_min, y_max, max_iter) = (37, 23, -2.2, 0.8, -1.2, 1.2, 80);
    let counts = take_u32(
        fractal::mandelbrot(
            w as f64,
            h as f64,
            x_min,
            x_max,
            y_min,
            y_max,
            max_iter as f64,
        )
        .unwrap(),
    );
    let (dx, dy) = ((x_max - x_min) / w as f64, (y_max - y_min) / h as f64);
    let want: Vec<u32> = (0..h)
        .flat_map(|py| {
            (0..w).map(move |px| {
                let cx = x_min + (px as f64 + 0.5) * dx;
                let cy = y_min + (py as f64 + 0.5) * dy;
                naive::escape_count(cx, cy, max_iter)
            })
        })
        .collect();
    assert_eq!(counts, want);
    assert_eq!(regions::region_count(), before, "every result freed");
}

#[wasm_bindgen_test]
fn kernels_read_resident_regions_in_place() {
    let before = regions::region_count();
    let n = 257;
    let id = regions::region_new(F64, n as f64).unwrap();
    assert!(id > STAGING_SLOTS);
    assert_eq!(regions::region_count(), before + 1);
    assert_eq!(regions::region_kind(id).unwrap(), F64);
    assert_eq!(read_f64(id), vec![0.0; n], "a new region is zeroed");

    let x = random_floats(n, 3, -1.0, 1.0);
    write_f64(id, &x);
    let want: f64 = x.iter().sum();
    assert_close(
        reduce::sum(id).unwrap(),
        want,
        1e-13,
        "sum of a resident region",
    );
    // Writing through a new view changes what the next call reads: no copy is involved.
    let doubled: Vec<f64> = x.iter().map(|v| 2.0 * v).collect();
    write_f64(id, &doubled);
    assert_close(reduce::sum(id).unwrap(), 2.0 * want, 1e-13, "after writing");
    let squares: f64 = doubled.iter().map(|v| v * v).sum();
    assert_close(
        reduce::dot(id, id).unwrap(),
        squares,
        1e-12,
        "dot with itself",
    );

    // A result region is an input like any other: sort, then cumsum of the sorted values.
    let sorted_id = sorting::sort(id).unwrap();
    let cumsum_id = stats::cumsum(sorted_id).unwrap();
    let cumsum = read_f64(cumsum_id);
    assert_close(cumsum[n - 1], 2.0 * want, 1e-12, "last running sum");
    assert_eq!(regions::region_count(), before + 3);
    // Mixed with a staged argument.
    let ones = stage_f64(0, &vec![1.0; n]);
    assert_close(
        reduce::dot(cumsum_id, ones).unwrap(),
        cumsum.iter().sum(),
        1e-9,
        "dot",
    );

    for r in [id, sorted_id, cumsum_id] {
        assert!(regions::region_free(r));
    }
    assert_eq!(regions::region_count(), before);
    assert_error(
        reduce::sum(id),
        "value",
        "x",
        "refers to wasm memory that was freed or never staged",
    );
    assert_error(
        reduce::dot(ones, id),
        "value",
        "b",
        "refers to wasm memory that was freed or never staged",
    );
    assert_error(
        reduce::sum(0),
        "value",
        "x",
        "refers to wasm memory that was freed or never staged",
    );
    for kind in [U32, U8] {
        let r = regions::region_new(kind, 3.0).unwrap();
        assert_eq!(regions::region_kind(r).unwrap(), kind);
        assert_error(reduce::sum(r), "type", "x", "must hold float64 elements");
        assert!(regions::region_free(r));
    }
    assert!(!regions::region_free(1), "a staging id is never freed");
}

#[wasm_bindgen_test]
fn kernel_errors_become_js_errors_by_kind() {
    assert_error(
        fractal::primes(1.5),
        "value",
        "n",
        "must be a non-negative integer, got 1.5",
    );
    assert_error(
        fractal::primes(-1.0),
        "value",
        "n",
        "must be a non-negative integer, got -1",
    );
    assert_error(
        fractal::primes(4e9),
        "value",
        "n",
        "must be at most 1000000000, got 4000000000",
    );
    assert_error(
        fractal::primes(2f64.powi(53)),
        "value",
        "n",
        "is too large, got 9007199254740992",
    );
    // Arguments in the kernel's snake_case spelling; the message has no function name.
    assert_error(
        fractal::mandelbrot(2.0, 2.0, -2.0, f64::INFINITY, -1.0, 1.0, 10.0),
        "value",
        "x_max",
        "must be finite, got inf",
    );
    assert_error(
        fractal::mandelbrot(2.0, 2.0, -2.0, 1.0, -1.0, 1.0, 2f64.powi(32)),
        "value",
        "max_iter",
        "is too large, got 4294967296", // a Size: beyond wasm32's usize
    );
    assert_error(
        fractal::mandelbrot(0.0, 2.0, -2.0, 1.0, -1.0, 1.0, 10.0),
        "value",
        "w",
        "must be at least 1, got 0",
    );
    let x = stage_f64(0, &[1.0, 2.0, 3.0]);
    assert_error(
        signal::convolve(x, stage_f64(1, &[1.0]), Some("xyz".into())),
        "value",
        "mode",
        "must be \"full\", \"same\" or \"valid\", got \"xyz\"",
    );
    assert_error(
        stats::quantile(x, 1.5),
        "value",
        "q",
        "must be in [0, 1], got 1.5",
    );
    assert_error(
        stats::histogram(x, 4.0, Some(0.0), None),
        "value",
        "lo",
        "and hi must be given together",
    );
    let t = thrown(text::word_counts(stage_u8(2, &[b'a', 0xff, 0xfe]), 3.0));
    assert_eq!((t.kind.as_str(), t.argument.as_str()), ("value", "text"));
    assert!(t.detail.starts_with("must be UTF-8 text ("), "{}", t.detail);
    assert_error(
        memory::scratch(4.0, 8.0),
        "value",
        "slot",
        "must be below 4, got 4",
    );

    // Memory errors: an Error named MemoryError, refused before anything is allocated.
    let pages = buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length();
    let count = regions::region_count();
    assert_error(
        regions::region_new(F64, 2f64.powi(31)),
        "memory",
        "len",
        "is too large: out of memory (cannot allocate 2147483648 items of 8 bytes)",
    );
    assert_error(
        regions::stage(3.0, U32, 2f64.powi(31)),
        "memory",
        "len",
        "is too large: out of memory (cannot allocate 2147483648 items of 4 bytes)",
    );
    assert_error(
        regions::region_new(U8, 2f64.powi(40)),
        "memory",
        "len",
        "= 1099511627776 is beyond the wasm32 address space",
    );
    assert_error(
        stats::histogram(x, 1e10, None, None),
        "memory",
        "bins",
        "= 10000000000 is beyond the wasm32 address space",
    );
    assert_error(
        memory::scratch(0.0, 3e9),
        "memory",
        "byte_length",
        "is too large: out of memory (cannot allocate 3000000000 bytes)",
    );
    assert_eq!(regions::region_count(), count);
    assert_eq!(
        buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length(),
        pages,
        "no memory was grown for refused requests"
    );

    // The module keeps working after errors.
    assert_eq!(reduce::sum(stage_f64(0, &[1.0, 2.0])).unwrap(), 3.0);
}

#[wasm_bindgen_test]
fn statistics_match_sorting_references() {
    for n in [1usize, 2, 5, 64, 999] {
        let x = random_floats(n, 11 * n as u32 + 1, -10.0, 10.0);
        let id = stage_f64(0, &x);
        let mean = x.iter().sum::<f64>() / n as f64;
        let ss: f64 = x.iter().map(|v| (v - mean) * (v - mean)).sum();
        let tol = 1e-12 * (1.0 + ss);
        assert_close(
            stats::variance(id, None).unwrap(),
            ss / n as f64,
            tol,
            "var",
        );
        if n > 1 {
            let var1 = ss / (n - 1) as f64;
            assert_close(
                stats::variance(id, Some(1.0)).unwrap(),
                var1,
                tol,
                "var ddof=1",
            );
            assert_close(
                stats::std_dev(id, Some(1.0)).unwrap(),
                var1.sqrt(),
                1e-12,
                "std",
            );
        }
        let s = sorted(&x);
        assert_eq!(stats::min(id).unwrap(), s[0]);
        assert_eq!(stats::max(id).unwrap(), s[n - 1]);
        let first = |v: f64| x.iter().position(|&e| e == v).unwrap() as f64;
        assert_eq!(stats::argmin(id).unwrap(), first(s[0]));
        assert_eq!(stats::argmax(id).unwrap(), first(s[n - 1]));
        let norm = x.iter().map(|v| v * v).sum::<f64>().sqrt();
        assert_close(stats::norm(id).unwrap(), norm, 1e-12 * norm, "norm");
        assert_close(
            stats::median(id).unwrap(),
            quantile_of(&x, 0.5),
            1e-12,
            "median",
        );
        for q in [0.0, 0.1, 0.25, 0.5, 0.9, 1.0] {
            let want = quantile_of(&x, q);
            assert_close(stats::quantile(id, q).unwrap(), want, 1e-12, "quantile");
            let p = stats::percentile(id, 100.0 * q).unwrap();
            assert_close(p, want, 1e-12, "percentile");
        }
    }
    assert_error(
        stats::variance(stage_f64(0, &[1.0, 2.0]), Some(2.0)),
        "value",
        "ddof",
        "must be less than the length of x (2), got 2",
    );

    // A histogram is two resident regions: uint32 counts and float64 edges.
    let before = regions::region_count();
    let data: Vec<f64> = random_floats(500, 4, 0.0, 20.0)
        .iter()
        .map(|v| v.floor())
        .collect();
    let ids = stats::histogram(stage_f64(0, &data), 5.0, Some(0.0), Some(20.0)).unwrap();
    assert_eq!(ids.len(), 2);
    assert_eq!(regions::region_count(), before + 2);
    let mut want = vec![0u32; 5];
    for v in &data {
        want[((v / 4.0) as usize).min(4)] += 1;
    }
    assert_eq!(take_u32(ids[0]), want);
    assert_eq!(take_f64(ids[1]), vec![0.0, 4.0, 8.0, 12.0, 16.0, 20.0]);
    assert_eq!(regions::region_count(), before);
}

#[wasm_bindgen_test]
fn linear_algebra_matches_naive_products() {
    for (m, k, n) in [(1, 1, 1), (2, 3, 4), (7, 5, 3), (16, 16, 16), (33, 9, 20)] {
        let a = random_floats(m * k, (m * 100 + k) as u32, -1.0, 1.0);
        let b = random_floats(k * n, (k * 100 + n) as u32, -1.0, 1.0);
        let got = take_f64(
            linalg::matmul(
                stage_f64(0, &a),
                stage_f64(1, &b),
                m as f64,
                k as f64,
                n as f64,
            )
            .unwrap(),
        );
        let want = naive::matmul(&a, &b, m, k, n);
        assert_all_close(
            &got,
            &want,
            1e-13 * k as f64,
            &format!("matmul {m}x{k}x{n}"),
        );

        let t = take_f64(linalg::transpose(stage_f64(0, &a), m as f64, k as f64).unwrap());
        for i in 0..m {
            for j in 0..k {
                assert_eq!(t[j * m + i], a[i * k + j]);
            }
        }
    }
    assert_error(
        linalg::matmul(
            stage_f64(0, &[1.0; 6]),
            stage_f64(1, &[1.0; 5]),
            2.0,
            3.0,
            2.0,
        ),
        "value",
        "b",
        "must have k*n (3x2) = 6 elements, got 5",
    );

    // A diagonally dominant matrix: solve and inv against the naive product.
    let n = 12;
    let mut a = random_floats(n * n, 77, -1.0, 1.0);
    for i in 0..n {
        a[i * n + i] += n as f64 + 1.0;
    }
    let b = random_floats(n, 78, -1.0, 1.0);
    let x = take_f64(linalg::solve(stage_f64(0, &a), stage_f64(1, &b), n as f64).unwrap());
    let ax = naive::matmul(&a, &x, n, n, 1);
    assert_all_close(&ax, &b, 1e-12, "a·solve(a, b)");
    let inv = take_f64(linalg::inv(stage_f64(0, &a), n as f64).unwrap());
    let identity: Vec<f64> = (0..n * n)
        .map(|i| if i % (n + 1) == 0 { 1.0 } else { 0.0 })
        .collect();
    assert_all_close(
        &naive::matmul(&a, &inv, n, n, n),
        &identity,
        1e-12,
        "a·inv(a)",
    );
    // Triangular with a row swap: the determinant is minus the diagonal's product.
    let upper = [2.0, 1.0, 3.0, 0.0, -4.0, 5.0, 0.0, 0.0, 0.5];
    let swapped = [0.0, -4.0, 5.0, 2.0, 1.0, 3.0, 0.0, 0.0, 0.5];
    assert_close(
        linalg::det(stage_f64(0, &upper), 3.0).unwrap(),
        -4.0,
        1e-15,
        "det",
    );
    assert_close(
        linalg::det(stage_f64(0, &swapped), 3.0).unwrap(),
        4.0,
        1e-15,
        "det",
    );
    let singular = [1.0, 2.0, 2.0, 4.0];
    let t = thrown(linalg::solve(
        stage_f64(0, &singular),
        stage_f64(1, &[1.0, 1.0]),
        2.0,
    ));
    assert_eq!((t.kind.as_str(), t.argument.as_str()), ("value", "a"));
    assert!(t.detail.contains("singular"), "{}", t.detail);
}

#[wasm_bindgen_test]
fn signal_kernels_match_naive_transforms() {
    for n in [1usize, 2, 5, 8, 12, 31, 64] {
        let re = random_floats(n, n as u32 + 3, -1.0, 1.0);
        let im = random_floats(n, n as u32 + 4, -1.0, 1.0);
        let tol = 1e-12 * n as f64;
        // Without im (region id 0 is "none") and with it.
        let got = take_f64(signal::fft(stage_f64(0, &re), 0).unwrap());
        assert_all_close(&got, &dft(&re, &vec![0.0; n]), tol, &format!("fft n={n}"));
        let got = take_f64(signal::fft(stage_f64(0, &re), stage_f64(1, &im)).unwrap());
        assert_all_close(&got, &dft(&re, &im), tol, &format!("fft n={n} complex"));
        // ifft undoes fft.
        let back = take_f64(signal::ifft(stage_f64(2, &got)).unwrap());
        let original: Vec<f64> = re.iter().zip(&im).flat_map(|(&r, &i)| [r, i]).collect();
        assert_all_close(&back, &original, tol, "ifft(fft)");
    }
    assert_error(
        signal::fft(stage_f64(0, &[1.0, 2.0]), stage_f64(1, &[1.0])),
        "value",
        "im",
        "must have the same length as re (2), got 1",
    );

    let a = random_floats(40, 8, -1.0, 1.0);
    let v = random_floats(7, 9, -1.0, 1.0);
    for mode in [None, Some("full"), Some("same"), Some("valid")] {
        for (p, q) in [(&a, &v), (&v, &a)] {
            let got = take_f64(
                signal::convolve(stage_f64(0, p), stage_f64(1, q), mode.map(String::from)).unwrap(),
            );
            let want = naive::convolve(p, q, mode.unwrap_or("full"));
            assert_all_close(&got, &want, 1e-13, &format!("convolve {mode:?}"));
        }
    }

    let x = random_floats(100, 10, 0.0, 1.0);
    for window in [1usize, 3, 100] {
        let got = take_f64(signal::moving_average(stage_f64(0, &x), window as f64).unwrap());
        let want: Vec<f64> = x
            .windows(window)
            .map(|w| w.iter().sum::<f64>() / window as f64)
            .collect();
        assert_all_close(&got, &want, 1e-13, "movingAverage");
    }
}

#[wasm_bindgen_test]
fn text_kernels_count_code_points_and_words() {
    let pairs = [
        ("kitten", "sitting", 3),
        ("", "日本", 2),
        ("a😀b", "ab", 1),
        ("😀", "😁", 1),
    ];
    for (a, b, d) in pairs {
        let got = text::levenshtein(stage_u32(0, &code_points(a)), stage_u32(1, &code_points(b)));
        assert_eq!(got.unwrap(), d as f64, "levenshtein({a:?}, {b:?})");
    }
    // Lone surrogates are code points of their own, distinct from each other.
    let (hi, lo) = (stage_u32(0, &[0xd800]), stage_u32(1, &[0xdc00]));
    assert_eq!(text::levenshtein(hi, lo).unwrap(), 1.0);
    let pair = stage_u32(1, &[0xd800, 0xdc00, 0x61]);
    assert_eq!(text::levenshtein(hi, pair).unwrap(), 2.0);
    // Random strings over a small alphabet with astral and surrogate code points.
    let alphabet = [0x61, 0x62, 0xe9, 0x20ac, 0x1f600, 0xd800, 0xdc00];
    for seed in 1..=20u32 {
        let pick = |n: usize, s: u32| -> Vec<u32> {
            random_floats(n, s, 0.0, alphabet.len() as f64)
                .iter()
                .map(|v| alphabet[*v as usize])
                .collect()
        };
        let a = pick((seed * 7 % 40) as usize, seed);
        let b = pick((seed * 11 % 50) as usize, seed + 100);
        let got = text::levenshtein(stage_u32(0, &a), stage_u32(1, &b)).unwrap();
        assert_eq!(got, naive::levenshtein(&a, &b) as f64, "seed {seed}");
    }

    // wordCounts returns [[word, count], …] as JSON, the k most frequent.
    let sample =
        "The cat and the hat. THE end; a cat, a hat and a bat! Ärger ärger ΟΔΟΣ οδος ½ 42 x2 x2";
    let all = naive::word_counts(sample);
    for k in [0usize, 1, 3, 100] {
        let json = text::word_counts(stage_u8(0, sample.as_bytes()), k as f64).unwrap();
        let parsed: Array = JSON::parse(&json).unwrap().dyn_into().unwrap();
        let got: Vec<(String, u32)> = parsed
            .iter()
            .map(|pair| {
                let pair: Array = pair.dyn_into().unwrap();
                let count = pair.get(1).as_f64().unwrap();
                (pair.get(0).as_string().unwrap(), count as u32)
            })
            .collect();
        assert_eq!(got, all[..k.min(all.len())].to_vec(), "wordCounts k={k}");
    }
    assert_eq!(
        text::word_counts(stage_u8(0, b"b a B"), 5.0).unwrap(),
        r#"[["b",2],["a",1]]"#
    );
    assert_eq!(text::word_counts(stage_u8(0, b""), 5.0).unwrap(), "[]");
}

#[wasm_bindgen_test]
fn image_kernels_return_rgba_regions() {
    let (w, h) = (5usize, 3usize);
    let rgba: Vec<u8> = (0..4 * w * h).map(|i| (i * 37 % 256) as u8).collect();
    let gray = take_u8(image::grayscale(stage_u8(0, &rgba), w as f64, h as f64).unwrap());
    for (px, out) in rgba.chunks_exact(4).zip(gray.chunks_exact(4)) {
        let luma = 0.299 * f64::from(px[0]) + 0.587 * f64::from(px[1]) + 0.114 * f64::from(px[2]);
        let l = (luma + 0.5).floor() as u8;
        assert_eq!(out, [l, l, l, px[3]]);
    }
    // A flat image stays flat under a blur and has no edges.
    let flat: Vec<u8> = [200u8, 100, 7, 255].repeat(w * h);
    let blurred = take_u8(image::gaussian_blur(stage_u8(0, &flat), 5.0, 3.0, 1.5).unwrap());
    assert_eq!(blurred, flat);
    let edges = take_u8(image::sobel(stage_u8(0, &flat), 5.0, 3.0).unwrap());
    assert_eq!(edges, [0u8, 0, 0, 255].repeat(w * h));
    assert_error(
        image::grayscale(stage_u8(0, &rgba[1..]), w as f64, h as f64),
        "value",
        "rgba",
        "must have 4*w*h = 60 bytes, got 59",
    );
    assert_error(
        image::gaussian_blur(stage_u8(0, &[0; 4]), 1.0, 1.0, -1.0),
        "value",
        "sigma",
        "must be in (0, 1000], got -1",
    );
}

/// The float32 variants read float32 regions, return float32 regions, agree with the float64
/// references within float32 precision, and refuse float64 regions by name.
#[wasm_bindgen_test]
fn float32_variants_on_float32_regions() {
    let to32 = |v: &[f64]| v.iter().map(|&x| x as f32).collect::<Vec<f32>>();
    let to64 = |v: &[f32]| v.iter().map(|&x| f64::from(x)).collect::<Vec<f64>>();
    let close = |got: &[f32], want: &[f64], scale: f64| {
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            assert!(
                (f64::from(*g) - w).abs() <= 1e-5 * scale,
                "{got:?} vs {want:?}"
            );
        }
    };
    let (m, k, n) = (3, 4, 5);
    let a = to32(&random_floats(m * k, 31, -1.0, 1.0));
    let b = to32(&random_floats(k * n, 32, -1.0, 1.0));
    let product = linalg::matmul_f32(stage_f32(0, &a), stage_f32(1, &b), 3.0, 4.0, 5.0).unwrap();
    close(
        &read_f32(product),
        &naive::matmul(&to64(&a), &to64(&b), m, k, n),
        k as f64,
    );

    let x = to32(&random_floats(40, 33, -1.0, 1.0));
    let v = to32(&random_floats(7, 34, -1.0, 1.0));
    for mode in ["full", "same", "valid"] {
        let id = signal::convolve_f32(stage_f32(0, &x), stage_f32(1, &v), Some(mode.into()));
        close(
            &read_f32(id.unwrap()),
            &naive::convolve(&to64(&x), &to64(&v), mode),
            7.0,
        );
    }
    // fft then ifft gives the input back, as interleaved float32 pairs.
    let spectrum = read_f32(signal::fft_f32(stage_f32(0, &x), 0).unwrap());
    assert_eq!(spectrum.len(), 2 * x.len());
    let back = read_f32(signal::ifft_f32(stage_f32(0, &spectrum)).unwrap());
    let interleaved: Vec<f64> = x.iter().flat_map(|&re| [f64::from(re), 0.0]).collect();
    close(&back, &interleaved, 1.0);
    let with_im = signal::fft_f32(stage_f32(0, &x), stage_f32(1, &x)).unwrap();
    assert_eq!(read_f32(with_im).len(), 2 * x.len());

    // A float64 region is no float32 argument, and the float32 checks are the float64 ones.
    assert_error(
        linalg::matmul_f32(stage_f64(0, &[1.0]), stage_f32(1, &[1.0]), 1.0, 1.0, 1.0),
        "type",
        "a",
        "must hold float32 elements",
    );
    assert_error(
        signal::fft_f32(stage_f32(0, &[]), 0),
        "value",
        "re",
        "must not be empty",
    );
    let checked: Box<[JsValue]> = Box::new([0.0.into(), 2.0.into(), JsValue::UNDEFINED]);
    assert_eq!(
        thrown::<()>(exports::check("__f32_convolve", checked.clone())).argument,
        thrown::<()>(exports::check("convolve", checked)).argument,
    );
}

#[wasm_bindgen_test]
fn signatures_describe_every_export() {
    let all = JSON::parse(&exports::signatures()).unwrap();
    let names: Vec<String> = js_sys::Object::keys(all.unchecked_ref::<js_sys::Object>())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect();
    assert_eq!(names.len(), 39, "{names:?}");
    assert!(
        !names.iter().any(|n| n == "forceTrap"),
        "no trap export here"
    );
    let signature = |name: &str| -> String {
        let entry = Reflect::get(&all, &name.into()).unwrap();
        assert!(!entry.is_undefined(), "{name} has a signature");
        String::from(JSON::stringify(&entry).unwrap())
    };
    assert_eq!(
        signature("sum"),
        r#"{"params":[["x","f64s"]],"result":"number"}"#
    );
    assert_eq!(
        signature("fft"),
        r#"{"params":[["re","f64s"],["im","f64s?"]],"result":"f64s"}"#
    );
    assert_eq!(
        signature("histogram"),
        r#"{"params":[["x","f64s"],["bins","number"],["lo","number?"],["hi","number?"]],"result":"histogram"}"#
    );
    assert_eq!(
        signature("levenshtein"),
        r#"{"params":[["a","codes"],["b","codes"]],"result":"number"}"#
    );
    assert_eq!(
        signature("wordCounts"),
        r#"{"params":[["text","utf8"],["k","number"]],"result":"json"}"#
    );
    assert_eq!(
        signature("gaussianBlur"),
        r#"{"params":[["rgba","rgba"],["w","number"],["h","number"],["sigma","number"]],"result":"rgba"}"#
    );
    assert_eq!(
        signature("convolve"),
        r#"{"params":[["a","f64s"],["v","f64s"],["mode","string?"]],"result":"f64s"}"#
    );
    assert_eq!(
        signature("__f32_fft"),
        r#"{"params":[["re","f32s"],["im","f32s?"]],"result":"f32s"}"#
    );
    assert!(signature("mandelbrot").contains(r#"["max_iter","number"]"#));
    assert!(signature("primes").ends_with(r#""result":"u32s"}"#));
    assert!(signature("scratch").contains(r#"["byte_length","number"]"#));
    // Every kind is one the JS wrapper converts, and no export has more array arguments than
    // there are staging slots.
    let params = [
        "f64s", "f64s?", "f32s", "f32s?", "rgba", "codes", "utf8", "number", "number?", "string",
        "string?",
    ];
    let results = [
        "number",
        "f64s",
        "f32s",
        "u32s",
        "rgba",
        "histogram",
        "json",
    ];
    for name in &names {
        let entry = Reflect::get(&all, &name.into()).unwrap();
        let result = Reflect::get(&entry, &"result".into())
            .unwrap()
            .as_string()
            .unwrap();
        assert!(
            results.contains(&result.as_str()),
            "{name}: result {result}"
        );
        let mut arrays = 0;
        for p in Array::from(&Reflect::get(&entry, &"params".into()).unwrap()).iter() {
            let kind = Array::from(&p).get(1).as_string().unwrap();
            assert!(params.contains(&kind.as_str()), "{name}: kind {kind}");
            arrays += usize::from(
                ["f64s", "f64s?", "f32s", "f32s?", "rgba", "codes", "utf8"]
                    .contains(&kind.as_str()),
            );
        }
        assert!(
            arrays <= STAGING_SLOTS as usize,
            "{name}: {arrays} array arguments"
        );
    }
}

#[wasm_bindgen_test]
fn scratch_and_wasm_memory() {
    let memory = memory::wasm_memory();
    assert!(memory.is_instance_of::<WebAssembly::Memory>());
    assert_eq!(memory, wasm_bindgen::memory(), "the module's own memory");
    let address = memory::scratch(0.0, 24.0).unwrap();
    assert_eq!(address % 8, 0);
    assert_eq!(
        memory::scratch(0.0, 8.0).unwrap(),
        address,
        "a scratch region only grows"
    );
    // A view on a scratch region passed through a staging region: the data, not the address.
    let view = Float64Array::new_with_byte_offset_and_length(&buffer(), address, 3);
    view.copy_from(&[1.5, 2.5, 3.0]);
    assert_eq!(reduce::sum(stage_f64(0, &view.to_vec())).unwrap(), 7.0);
}

/// An argument of a [`check_agrees`] case: an array (staged for the call, its length for the
/// check) or a scalar.
enum Arg {
    F64(Vec<f64>),
    Rgba(Vec<u8>),
    Absent,
    Num(f64),
    Str(&'static str),
}

impl Arg {
    /// What the JS wrapper passes to `__fwCheck` for this argument.
    fn checked(&self) -> JsValue {
        match self {
            Arg::F64(v) => (v.len() as f64).into(),
            Arg::Rgba(v) => (v.len() as f64).into(),
            Arg::Absent => JsValue::UNDEFINED,
            Arg::Num(v) => (*v).into(),
            Arg::Str(s) => (*s).into(),
        }
    }
}

/// The call of export `name` on `args` (arrays staged in order), its array results freed.
fn call(name: &str, args: &[Arg]) -> BindResult<()> {
    let mut slot = 0;
    let mut ids = Vec::new();
    for arg in args {
        ids.push(match arg {
            Arg::F64(v) => {
                slot += 1;
                stage_f64(slot - 1, v)
            }
            Arg::Rgba(v) => {
                slot += 1;
                stage_u8(slot - 1, v)
            }
            _ => 0,
        });
    }
    let num = |i: usize| match &args[i] {
        Arg::Num(v) => *v,
        _ => panic!("argument {i} of {name} is not a number"),
    };
    let opt = |i: usize| match &args[i] {
        Arg::Absent => None,
        _ => Some(num(i)),
    };
    let free = |id: u32| assert!(regions::region_free(id));
    match name {
        "dot" => reduce::dot(ids[0], ids[1]).map(drop),
        "fft" => signal::fft(ids[0], ids[1]).map(free),
        "convolve" => {
            let mode = match &args[2] {
                Arg::Str(s) => Some(s.to_string()),
                _ => None,
            };
            signal::convolve(ids[0], ids[1], mode).map(free)
        }
        "movingAverage" => signal::moving_average(ids[0], num(1)).map(free),
        "matmul" => linalg::matmul(ids[0], ids[1], num(2), num(3), num(4)).map(free),
        "solve" => linalg::solve(ids[0], ids[1], num(2)).map(free),
        "det" => linalg::det(ids[0], num(1)).map(drop),
        "variance" => stats::variance(ids[0], opt(1)).map(drop),
        "quantile" => stats::quantile(ids[0], num(1)).map(drop),
        "percentile" => stats::percentile(ids[0], num(1)).map(drop),
        "histogram" => stats::histogram(ids[0], num(1), opt(2), opt(3))
            .map(|ids| ids.into_iter().for_each(free)),
        "grayscale" => image::grayscale(ids[0], num(1), num(2)).map(free),
        "gaussianBlur" => image::gaussian_blur(ids[0], num(1), num(2), num(3)).map(free),
        "mandelbrot" => {
            fractal::mandelbrot(num(0), num(1), num(2), num(3), num(4), num(5), num(6)).map(free)
        }
        "primes" => fractal::primes(num(0)).map(free),
        other => panic!("no call for {other}"),
    }
}

/// `__fwCheck(name, args)` must agree with the call: when it refuses, with the call's own error
/// (before anything is staged), and it never refuses what the call accepts.
fn check_agrees(name: &str, args: &[Arg]) -> Option<Thrown> {
    let checked: Box<[JsValue]> = args.iter().map(Arg::checked).collect();
    let check = exports::check(name, checked);
    let called = call(name, args);
    match (check, called) {
        (Ok(()), _) => None,
        (Err(e), Ok(())) => panic!(
            "{name}: the check refuses {:?}, the call accepts",
            thrown::<()>(Err(e))
        ),
        (Err(e), Err(c)) => {
            let (e, c) = (thrown::<()>(Err(e)), thrown::<()>(Err(c)));
            assert_eq!(
                (&e.kind, &e.argument, &e.detail),
                (&c.kind, &c.argument, &c.detail),
                "{name}: the check and the call disagree"
            );
            Some(e)
        }
    }
}

#[wasm_bindgen_test]
fn checks_before_staging_agree_with_the_calls() {
    use Arg::{Absent, Num, Rgba, Str, F64};
    let v = |n: usize| F64(random_floats(n, n as u32 + 5, -1.0, 1.0));
    let square = |n: usize| {
        let mut a = random_floats(n * n, 9, -1.0, 1.0);
        for i in 0..n {
            a[i * n + i] += n as f64;
        }
        F64(a)
    };
    // Refused by the check: sizes and scalars alone show what is wrong. (Exports without array
    // arguments stage nothing and have no check: mandelbrot, primes.)
    let refused: Vec<(&str, Vec<Arg>, &str)> = vec![
        ("dot", vec![v(3), v(2)], "a"),
        ("fft", vec![v(3), v(2)], "im"),
        (
            "matmul",
            vec![v(6), v(5), Num(2.0), Num(3.0), Num(2.0)],
            "b",
        ),
        ("solve", vec![v(4), v(3), Num(2.0)], "b"),
        ("det", vec![v(5), Num(2.0)], "a"),
        ("movingAverage", vec![v(4), Num(5.0)], "window"),
        ("convolve", vec![v(3), v(2), Str("xyz")], "mode"),
        ("variance", vec![v(2), Num(2.0)], "ddof"),
        ("quantile", vec![v(3), Num(1.5)], "q"),
        ("percentile", vec![v(3), Num(-1.0)], "q"),
        ("histogram", vec![v(3), Num(0.0), Absent, Absent], "bins"),
        ("histogram", vec![v(3), Num(4.0), Num(0.0), Absent], "lo"),
        (
            "grayscale",
            vec![Rgba(vec![0; 59]), Num(5.0), Num(3.0)],
            "rgba",
        ),
        (
            "gaussianBlur",
            vec![Rgba(vec![0; 4]), Num(1.0), Num(1.0), Num(-1.0)],
            "sigma",
        ),
    ];
    for (name, args, argument) in &refused {
        let t = check_agrees(name, args).unwrap_or_else(|| panic!("{name}: the check passed"));
        assert_eq!(&t.argument, argument, "{name}");
    }
    // Accepted by the check and by the call; an absent optional array is no array.
    let accepted: Vec<(&str, Vec<Arg>)> = vec![
        ("dot", vec![v(3), v(3)]),
        ("dot", vec![v(0), v(0)]),
        ("fft", vec![v(5), Absent]),
        ("fft", vec![v(5), v(5)]),
        ("matmul", vec![v(6), v(6), Num(2.0), Num(3.0), Num(2.0)]),
        ("solve", vec![square(3), v(3), Num(3.0)]),
        ("movingAverage", vec![v(5), Num(5.0)]),
        ("convolve", vec![v(3), v(2), Str("same")]),
        ("variance", vec![v(3), Absent]),
        ("percentile", vec![v(3), Num(100.0)]),
        ("histogram", vec![v(3), Num(4.0), Num(0.0), Num(1.0)]),
        ("grayscale", vec![Rgba(vec![9; 60]), Num(5.0), Num(3.0)]),
        (
            "mandelbrot",
            vec![
                Num(3.0),
                Num(2.0),
                Num(-2.0),
                Num(1.0),
                Num(-1.0),
                Num(1.0),
                Num(9.0),
            ],
        ),
        ("primes", vec![Num(100.0)]),
    ];
    for (name, args) in &accepted {
        let check: Box<[JsValue]> = args.iter().map(Arg::checked).collect();
        exports::check(name, check)
            .unwrap_or_else(|e| panic!("{name}: {:?}", thrown::<()>(Err(e))));
        call(name, args).unwrap_or_else(|e| panic!("{name}: {:?}", thrown::<()>(Err(e))));
    }
    // Refused only by the call: what the check cannot see from sizes (a singular matrix).
    let singular = F64(vec![1.0, 2.0, 2.0, 4.0]);
    assert!(check_agrees("solve", &[singular, v(2), Num(2.0)]).is_none());
    assert_error(
        exports::check("nope", Box::new([])),
        "value",
        "name",
        "\"nope\" is not a kernel export",
    );
}
