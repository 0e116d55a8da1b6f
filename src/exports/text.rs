//! Text kernels: levenshtein, wordCounts.

use fastwasm_kernels::{args, text};

use crate::params::{CodePoints, Count, Index, Utf8, WordCounts};

kernel_exports! {
    /// Edit distance between two strings counted in Unicode code points (insert, delete,
    /// substitute); a lone surrogate is a code point of its own, as in Python.
    #[js_name = "levenshtein"]
    fn levenshtein(a: CodePoints, b: CodePoints) -> Index { text::levenshtein(&a, &b) }

    /// The `k` most frequent words (maximal runs of alphanumeric characters, lowercased) as
    /// `[[word, count], …]`, by count descending then word ascending.
    #[js_name = "wordCounts"]
    fn word_counts(text: Utf8, k: Count) -> WordCounts {
        text::word_counts(&text, args::word_limit(k))
    }
}
