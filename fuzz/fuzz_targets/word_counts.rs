//! `wordCounts` on arbitrary text and `k`: the top `k` of a naive count of the words, ranked by
//! descending count then ascending word, with counts summing to at most the number of words.
#![no_main]

use arbitrary::Arbitrary;
use fastwasm_fuzz::{assert_same_list, input::Text, naive};
use fastwasm_kernels::text::word_counts;
use libfuzzer_sys::fuzz_target;

/// How many words to ask for.
#[derive(Debug, Clone, Copy, Arbitrary)]
enum K {
    Small(u8),
    Any(u64),
}

#[derive(Debug, Arbitrary)]
struct Input {
    text: Text,
    k: K,
}

fuzz_target!(|input: Input| {
    let text = input.text.build();
    let k = match input.k {
        K::Small(k) => usize::from(k % 16),
        K::Any(k) => k as usize,
    };
    let got = word_counts(&text, k).expect("wordCounts failed");
    assert!(got.len() <= k, "more than k = {k} words");
    let n_words = naive::words(&text).len();
    let total: usize = got.iter().map(|(_, c)| *c as usize).sum();
    assert!(total <= n_words, "counts sum to {total} > {n_words} words");
    for pair in got.windows(2) {
        let ((w0, c0), (w1, c1)) = (&pair[0], &pair[1]);
        assert!(c0 > c1 || (c0 == c1 && w0 < w1), "not ranked: {pair:?}");
    }
    assert!(got.iter().all(|(w, c)| !w.is_empty() && *c >= 1));
    let mut want = naive::word_counts(&text);
    if k >= want.len() {
        assert_eq!(
            total, n_words,
            "with every word listed, counts must sum to the words"
        );
    }
    want.truncate(k);
    assert_same_list(&got, &want, "top k vs a naive count");
});
