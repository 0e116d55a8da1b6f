//! `levenshtein` on arbitrary strings: a metric bounded by the lengths, 0 only for equal
//! strings, and equal to the full dynamic-programming matrix when that is cheap.
#![no_main]

use arbitrary::Arbitrary;
use fastwasm::kernels::text::levenshtein;
use fastwasm_fuzz::{input::Text, naive};
use libfuzzer_sys::fuzz_target;

/// Largest `len(a)·len(b)` checked against the naive matrix.
const NAIVE_MAX_CELLS: usize = 1 << 16;

#[derive(Debug, Arbitrary)]
struct Input {
    a: Text,
    b: Text,
}

fuzz_target!(|input: Input| {
    let (a, b) = (input.a.build(), input.b.build());
    let d = levenshtein(&a, &b).expect("levenshtein failed");
    assert_eq!(levenshtein(&b, &a).unwrap(), d, "not symmetric");
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    assert!(d <= ca.len().max(cb.len()), "{d} exceeds the longer length");
    assert!(
        d >= ca.len().abs_diff(cb.len()),
        "{d} below the length difference"
    );
    assert_eq!(d == 0, a == b, "zero distance iff equal");
    // Substitutions at the differing positions bound the distance of equal-length strings.
    if ca.len() == cb.len() {
        assert!(d <= ca.iter().zip(&cb).filter(|(x, y)| x != y).count());
    }
    if ca.len() * cb.len() <= NAIVE_MAX_CELLS {
        assert_eq!(
            d,
            naive::levenshtein(&ca, &cb),
            "differs from the full matrix"
        );
    }
});
