//! Text kernels: levenshtein, wordCounts.

use fastwasm_kernels::text;

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
        // k only caps the result, so any k beyond the address space means "all words".
        text::word_counts(&text, usize::try_from(k).unwrap_or(usize::MAX))
    }
}
