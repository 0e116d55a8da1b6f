//! Text kernels: levenshtein, wordCounts.
//!
//! The exports of this family, declared once for both bindings (see [`crate::exports`]).

/// Invokes `$declare! { … }` with this family's export declarations.
#[macro_export]
macro_rules! text_exports {
    ($declare:ident) => {
        $declare! {
            /// Edit distance between two strings counted in Unicode code points (insert, delete,
            /// substitute); a lone surrogate is a code point of its own, as in Python.
            #[js_name = "levenshtein"]
            fn levenshtein(a: CodePoints, b: CodePoints) -> Index { $crate::text::levenshtein(&a, &b) }

            /// The `k` most frequent words (maximal runs of alphanumeric characters, lowercased) as
            /// `[[word, count], …]`, by count descending then word ascending.
            #[js_name = "wordCounts"]
            fn word_counts(text: Utf8, k: Count) -> WordCounts {
                $crate::text::word_counts(&text, $crate::args::word_limit(k))
            }
        }
    };
}
