//! Text kernels: edit distance and word frequencies.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::error::{KernelError, KernelResult};
use crate::kernels::alloc;

/// Levenshtein edit distance between `a` and `b`: the fewest single-character insertions,
/// deletions and substitutions turning one into the other, counted over Unicode scalar values
/// (Rust `char`s, Python `str` characters), so `("café", "cafe")` is 1. No numpy equivalent.
///
/// Two-row dynamic programme after stripping the common prefix and suffix: O(len(a)·len(b))
/// time, O(min(len(a), len(b))) memory. Fails only if that memory cannot be allocated.
pub fn levenshtein(a: &str, b: &str) -> KernelResult<usize> {
    const F: &str = "levenshtein";
    let chars = |s: &str| -> KernelResult<Vec<char>> {
        let mut v = alloc::with_capacity(F, s.chars().count())?;
        v.extend(s.chars());
        Ok(v)
    };
    let (a, b) = (chars(a)?, chars(b)?);
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return Ok(long.len());
    }
    // prev[j] = distance between long[..i] and short[..j].
    let mut prev = alloc::with_capacity(F, short.len() + 1)?;
    prev.extend(0..=short.len());
    let mut cur = alloc::filled(F, short.len() + 1, 0usize)?;
    for (i, &lc) in long.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &sc) in short.iter().enumerate() {
            let substitute = prev[j] + usize::from(lc != sc);
            let delete = prev[j + 1] + 1;
            let insert = cur[j] + 1;
            cur[j + 1] = substitute.min(delete).min(insert);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Ok(prev[short.len()])
}

/// Orders word counts by count descending, then word ascending (byte order).
fn rank(a: &(String, u32), b: &(String, u32)) -> Ordering {
    b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))
}

/// The `k` most frequent words of `text` with their counts, most frequent first and ties in
/// ascending byte order of the word. A word is a maximal run of alphanumeric characters
/// (`char::is_alphanumeric`), lowercased (`str::to_lowercase`: full Unicode mapping, including
/// word-final sigma, as Python `str.lower` and JS `toLowerCase` do). Counts
/// saturate at `u32::MAX`. `k = 0` gives an empty list. numpy:
/// `np.unique(words, return_counts=True)` followed by a stable sort on descending counts.
///
/// Selects the top `k` without sorting every distinct word (O(n + k·log k) after counting).
/// Fails only if memory runs out.
pub fn word_counts(text: &str, k: usize) -> KernelResult<Vec<(String, u32)>> {
    const F: &str = "wordCounts";
    let oom = |_| KernelError::memory(F, "cannot grow the word table");
    if k == 0 {
        return Ok(Vec::new());
    }
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut word = String::new();
    for raw in text.split(|c: char| !c.is_alphanumeric()) {
        if raw.is_empty() {
            continue;
        }
        word.clear();
        if raw.is_ascii() {
            word.try_reserve(raw.len()).map_err(oom)?;
            word.extend(raw.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            // `str::to_lowercase` (unlike per-char mapping) gets a word-final Σ → ς right.
            word.push_str(&raw.to_lowercase());
        }
        if let Some(c) = counts.get_mut(word.as_str()) {
            *c = c.saturating_add(1);
            continue;
        }
        counts.try_reserve(1).map_err(oom)?;
        let mut key = String::new();
        key.try_reserve_exact(word.len()).map_err(oom)?;
        key.push_str(&word);
        counts.insert(key, 1);
    }
    let mut ranked = alloc::with_capacity(F, counts.len())?;
    ranked.extend(counts);
    if k < ranked.len() {
        ranked.select_nth_unstable_by(k - 1, rank);
        ranked.truncate(k);
    }
    ranked.sort_unstable_by(rank);
    Ok(ranked)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive_levenshtein(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let sub = d[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = sub.min(d[i - 1][j] + 1).min(d[i][j - 1] + 1);
            }
        }
        d[a.len()][b.len()]
    }

    fn naive_word_counts(text: &str, k: usize) -> Vec<(String, u32)> {
        let mut counts: Vec<(String, u32)> = Vec::new();
        let mut cur = String::new();
        for c in text.chars().chain(std::iter::once(' ')) {
            if c.is_alphanumeric() {
                cur.push(c);
            } else if !cur.is_empty() {
                let w = cur.to_lowercase();
                match counts.iter_mut().find(|(x, _)| *x == w) {
                    Some(e) => e.1 += 1,
                    None => counts.push((w, 1)),
                }
                cur.clear();
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        counts.truncate(k);
        counts
    }

    fn pairs(v: &[(&str, u32)]) -> Vec<(String, u32)> {
        v.iter().map(|&(w, c)| (w.to_string(), c)).collect()
    }

    #[test]
    fn levenshtein_known_values() {
        let d = |a, b| levenshtein(a, b).unwrap();
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("sitting", "kitten"), 3);
        assert_eq!(d("café", "cafe"), 1);
        assert_eq!(d("", ""), 0);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("flaw", "lawn"), 2);
        assert_eq!(d("日本語", "日本"), 1);
        assert_eq!(d("🦀rust", "rust🦀"), 2);
        assert_eq!(d("abc", "abc"), 0);
    }

    #[test]
    fn word_counts_sample_text() {
        let text = "The cat and the hat. THE END! Cat, hat? and... a Zebra; the";
        assert_eq!(
            word_counts(text, 4).unwrap(),
            pairs(&[("the", 4), ("and", 2), ("cat", 2), ("hat", 2)])
        );
        assert_eq!(
            word_counts(text, 100).unwrap(),
            pairs(&[
                ("the", 4),
                ("and", 2),
                ("cat", 2),
                ("hat", 2),
                ("a", 1),
                ("end", 1),
                ("zebra", 1),
            ])
        );
        assert_eq!(word_counts(text, 0).unwrap(), vec![]);
        assert_eq!(word_counts("", 3).unwrap(), vec![]);
        assert_eq!(word_counts("... !!", 3).unwrap(), vec![]);
    }

    #[test]
    fn word_counts_unicode_and_digits() {
        // Accented letters and digits are alphanumeric; underscores and hyphens split words.
        let text = "Élan élan ÉLAN x2 x2 snake_case well-known 42 ΟΔΟΣ";
        assert_eq!(
            word_counts(text, 10).unwrap(),
            pairs(&[
                ("élan", 3),
                ("x2", 2),
                ("42", 1),
                ("case", 1),
                ("known", 1),
                ("snake", 1),
                ("well", 1),
                ("οδος", 1),
            ])
        );
    }

    proptest! {
        #[test]
        fn levenshtein_matches_full_matrix(a in "[abcé日]{0,12}", b in "[abcé日]{0,12}") {
            prop_assert_eq!(levenshtein(&a, &b).unwrap(), naive_levenshtein(&a, &b));
        }

        #[test]
        fn levenshtein_is_a_metric(a in "[ab]{0,8}", b in "[ab]{0,8}", c in "[ab]{0,8}") {
            let d = |x: &str, y: &str| levenshtein(x, y).unwrap();
            prop_assert_eq!(d(&a, &b), d(&b, &a));
            prop_assert!(d(&a, &c) <= d(&a, &b) + d(&b, &c));
        }

        #[test]
        fn word_counts_matches_naive(text in "[aAbBcCÉé1 ,.!-]{0,80}", k in 0usize..8) {
            prop_assert_eq!(word_counts(&text, k).unwrap(), naive_word_counts(&text, k));
        }
    }
}
