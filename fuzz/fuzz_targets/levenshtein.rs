//! `levenshtein` on arbitrary code point sequences (from strings, from UTF-16 with lone
//! surrogates, or any `u32`s): a metric bounded by the lengths, 0 only for equal inputs, and
//! equal to the full dynamic-programming matrix when that is cheap.
#![no_main]

use arbitrary::Arbitrary;
use fastwasm_fuzz::{input::Symbols, naive};
use fastwasm_kernels::text::levenshtein;
use libfuzzer_sys::fuzz_target;

/// Largest `len(a)·len(b)` checked against the naive matrix.
const NAIVE_MAX_CELLS: usize = 1 << 16;

#[derive(Debug, Arbitrary)]
struct Input {
    a: Symbols,
    b: Symbols,
}

fuzz_target!(|input: Input| {
    let (a, b) = (input.a.build(), input.b.build());
    let d = levenshtein(&a, &b).expect("levenshtein failed");
    assert_eq!(levenshtein(&b, &a).unwrap(), d, "not symmetric");
    assert!(d <= a.len().max(b.len()), "{d} exceeds the longer length");
    assert!(
        d >= a.len().abs_diff(b.len()),
        "{d} below the length difference"
    );
    assert_eq!(d == 0, a == b, "zero distance iff equal");
    // Substitutions at the differing positions bound the distance of equal-length inputs.
    if a.len() == b.len() {
        assert!(d <= a.iter().zip(&b).filter(|(x, y)| x != y).count());
    }
    if a.len() * b.len() <= NAIVE_MAX_CELLS {
        assert_eq!(
            d,
            naive::levenshtein(&a, &b),
            "differs from the full matrix"
        );
    }
});
