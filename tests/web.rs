//! Browser tests of the JS binding layer (run by `wasm-pack test --headless --chrome/--firefox`).
//! They pass real JS values across the boundary and check results and error messages.
#![cfg(target_arch = "wasm32")]

use fastwasm::bindings::{fractal, memory, reduce, sieve};
use js_sys::{Array, Float64Array, Int32Array, WebAssembly};
use wasm_bindgen::{JsCast, JsError, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn numbers(values: &[f64]) -> JsValue {
    values
        .iter()
        .map(|&v| JsValue::from_f64(v))
        .collect::<Array>()
        .into()
}

/// A JS number argument.
fn num(v: f64) -> JsValue {
    JsValue::from_f64(v)
}

fn typed(values: &[f64]) -> JsValue {
    Float64Array::from(values).into()
}

fn message<T: std::fmt::Debug>(result: Result<T, JsError>) -> String {
    let err: JsValue = result.expect_err("expected an error").into();
    assert!(err.is_instance_of::<js_sys::Error>(), "not a JS Error");
    String::from(err.unchecked_into::<js_sys::Error>().message())
}

#[wasm_bindgen_test]
fn sum_accepts_arrays_and_typed_arrays() {
    let x: Vec<f64> = (1..=1000).map(f64::from).collect();
    assert_eq!(reduce::sum(typed(&x)).unwrap(), 500_500.0);
    assert_eq!(reduce::sum(numbers(&x)).unwrap(), 500_500.0);
    assert_eq!(
        reduce::sum(Int32Array::from(&[1, 2, 3][..]).into()).unwrap(),
        6.0
    );
    assert_eq!(reduce::sum(numbers(&[])).unwrap(), 0.0);
}

#[wasm_bindgen_test]
fn sum_reads_views_on_wasm_memory_in_place() {
    let ptr = memory::scratch(num(0.0), num(24.0)).unwrap();
    let memory: WebAssembly::Memory = memory::wasm_memory().unchecked_into();
    let view = Float64Array::new_with_byte_offset_and_length(&memory.buffer(), ptr, 3);
    view.copy_from(&[1.5, 2.5, 3.0]);
    assert_eq!(reduce::sum(view.into()).unwrap(), 7.0);
}

#[wasm_bindgen_test]
fn mean_and_dot_values() {
    assert_eq!(reduce::mean(typed(&[1.0, 2.0, 3.0, 4.0])).unwrap(), 2.5);
    assert_eq!(
        reduce::dot(numbers(&[1.0, 2.0, 3.0]), typed(&[4.0, 5.0, 6.0])).unwrap(),
        32.0
    );
}

#[wasm_bindgen_test]
fn bad_arguments_throw_errors_naming_function_and_argument() {
    assert_eq!(
        message(reduce::sum(JsValue::from_str("abc"))),
        "sum: x must be a Float64Array or an array of numbers, got string"
    );
    let mixed: JsValue = [JsValue::from_f64(1.0), JsValue::from_str("x")]
        .iter()
        .collect::<Array>()
        .into();
    assert_eq!(
        message(reduce::sum(mixed)),
        "sum: x[1] must be a number, got string"
    );
    assert_eq!(
        message(reduce::mean(numbers(&[]))),
        "mean: x must not be empty"
    );
    assert_eq!(
        message(reduce::dot(numbers(&[1.0]), JsValue::NULL)),
        "dot: b must be a Float64Array or an array of numbers, got null"
    );
    assert_eq!(
        message(sieve::primes(num(1.5))),
        "primes: n must be a non-negative integer, got 1.5"
    );
    assert_eq!(
        message(sieve::primes(num(4e9))),
        "primes: n must be at most 1000000000, got 4000000000"
    );
    assert_eq!(
        message(fractal::mandelbrot(
            num(0.0),
            num(2.0),
            num(-2.0),
            num(1.0),
            num(-1.0),
            num(1.0),
            num(10.0)
        )),
        "mandelbrot: w must be at least 1, got 0"
    );
    assert_eq!(
        message(fractal::mandelbrot(
            num(2.0),
            num(2.0),
            num(-2.0),
            num(f64::INFINITY),
            num(-1.0),
            num(1.0),
            num(10.0)
        )),
        "mandelbrot: xMax must be finite, got inf"
    );
    // The module keeps working after errors.
    assert_eq!(reduce::sum(numbers(&[1.0, 2.0])).unwrap(), 3.0);
}

#[wasm_bindgen_test]
fn primes_and_mandelbrot_values() {
    assert_eq!(
        sieve::primes(num(30.0)).unwrap(),
        vec![2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    );
    assert_eq!(sieve::primes(num(1_000_000.0)).unwrap().len(), 78_498);
    // Pixel centres -2, 0, 2 on the real axis: inside, inside, escapes after 2 steps.
    assert_eq!(
        fractal::mandelbrot(
            num(3.0),
            num(1.0),
            num(-3.0),
            num(3.0),
            num(-1.0),
            num(1.0),
            num(20.0)
        )
        .unwrap(),
        vec![20, 20, 2]
    );
}

#[wasm_bindgen_test]
fn structured_results_are_plain_objects_and_arrays() {
    use fastwasm::bindings::{stats, text};
    use js_sys::{Reflect, Uint32Array};
    let hist = stats::histogram(numbers(&[1.0, 2.0, 1.0]), num(3.0), num(0.0), num(3.0)).unwrap();
    let counts: Uint32Array = Reflect::get(&hist, &"counts".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    let edges: Float64Array = Reflect::get(&hist, &"edges".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(counts.to_vec(), vec![0, 2, 1]);
    assert_eq!(edges.to_vec(), vec![0.0, 1.0, 2.0, 3.0]);
    let words: Array = text::word_counts("b a B".into(), num(5.0))
        .unwrap()
        .dyn_into()
        .unwrap();
    let first: Array = words.get(0).dyn_into().unwrap();
    assert_eq!(first.get(0).as_string().as_deref(), Some("b"));
    assert_eq!(first.get(1).as_f64(), Some(2.0));
    assert_eq!(words.length(), 2);
}

#[wasm_bindgen_test]
fn images_are_read_in_place_from_wasm_memory_views() {
    use fastwasm::bindings::image;
    use js_sys::Uint8Array;
    let ptr = memory::scratch(num(1.0), num(8.0)).unwrap();
    let memory: WebAssembly::Memory = memory::wasm_memory().unchecked_into();
    let view = Uint8Array::new_with_byte_offset_and_length(&memory.buffer(), ptr, 8);
    view.copy_from(&[255, 0, 0, 7, 0, 255, 0, 255]);
    let gray = image::grayscale(view.into(), num(2.0), num(1.0)).unwrap();
    assert_eq!(gray.0, vec![76, 76, 76, 7, 150, 150, 150, 255]);
    assert_eq!(
        message(image::gaussian_blur(
            Uint8Array::new_with_length(4).into(),
            num(1.0),
            num(1.0),
            num(-1.0)
        )),
        "gaussianBlur: sigma must be in (0, 1000], got -1"
    );
}
