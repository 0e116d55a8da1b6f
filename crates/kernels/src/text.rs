//! Text kernels: edit distance and word frequencies.

use std::cmp::Ordering;
use std::collections::{HashMap, TryReserveError};
use std::hash::{BuildHasherDefault, Hasher};

use crate::alloc;
use crate::error::{KernelError, KernelResult};

/// Levenshtein edit distance between `a` and `b`: the fewest single-symbol insertions,
/// deletions and substitutions turning one into the other. No numpy equivalent.
///
/// Each `u32` is one Unicode code point (`s.chars().map(|c| c as u32)` in Rust, `ord(c)` for
/// each character of a Python `str`, `codePointAt` over a JS string), so the distance between
/// "café" and "cafe" is 1. The values are only compared for equality: lone surrogates
/// (`0xD800..=0xDFFF`, which a JS string may hold) are ordinary symbols, distinct from each
/// other and from everything else.
///
/// After stripping the common prefix and suffix, Myers' bit-parallel algorithm in Hyyrö's
/// blocked form: O(len(long)·len(short)/64) time. When the pattern's table of bit vectors would be
/// very large (many distinct symbols in a long input) it falls back to the two-row dynamic
/// programme.
///
/// Errors: only if memory for the pattern's tables cannot be allocated (kind memory, naming the
/// shorter of `a` and `b`, whose size the tables follow).
pub fn levenshtein(a: &[u32], b: &[u32]) -> KernelResult<usize> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let (long, short, short_arg) = if a.len() >= b.len() {
        (a, b, "b")
    } else {
        (b, a, "a")
    };
    if short.is_empty() {
        return Ok(long.len());
    }
    match PatternBits::new(short_arg, short)? {
        Some(pattern) => pattern.distance(short_arg, long),
        None => levenshtein_rows(short_arg, long, short),
    }
}

/// The two-row dynamic programme: `prev[j]` = distance between `long[..i]` and `short[..j]`.
/// Memory errors name `short_arg`.
fn levenshtein_rows(short_arg: &'static str, long: &[u32], short: &[u32]) -> KernelResult<usize> {
    let mut prev = alloc::with_capacity(short_arg, short.len() + 1)?;
    prev.extend(0..=short.len());
    let mut cur = alloc::filled(short_arg, short.len() + 1, 0usize)?;
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

/// Largest match table (in 64-bit words) the bit-parallel path builds: 32 MiB.
const MAX_PATTERN_WORDS: usize = 1 << 22;

/// The pattern (the shorter input) as match bit vectors: for each distinct symbol, one bit per
/// pattern position, in blocks of 64.
struct PatternBits {
    len: usize,
    blocks: usize,
    /// `peq[slot * blocks + block]`; slot 0 is "no match" (all zero).
    peq: Vec<u64>,
    /// Slot of each ASCII symbol (0 = not in the pattern).
    ascii: [u32; 128],
    /// Slot of each other symbol of the pattern.
    other: HashMap<u32, u32>,
}

impl PatternBits {
    /// The bit vectors of `pattern` (the argument `pattern_arg`, named by memory errors), or
    /// `None` when the table would exceed `MAX_PATTERN_WORDS`.
    fn new(pattern_arg: &'static str, pattern: &[u32]) -> KernelResult<Option<Self>> {
        let blocks = pattern.len().div_ceil(64);
        let mut ascii = [0u32; 128];
        let mut other = HashMap::new();
        let mut slots = 1usize;
        for &c in pattern {
            let slot = if let Some(slot) = ascii.get_mut(c as usize) {
                slot
            } else {
                other.try_reserve(1).map_err(|_| {
                    KernelError::memory(
                        pattern_arg,
                        "is too large: out of memory (cannot grow the symbol table)",
                    )
                })?;
                other.entry(c).or_insert(0)
            };
            if *slot == 0 {
                *slot = slots as u32;
                slots += 1;
            }
        }
        if slots.saturating_mul(blocks) > MAX_PATTERN_WORDS {
            return Ok(None);
        }
        let mut bits = Self {
            len: pattern.len(),
            blocks,
            peq: alloc::filled(pattern_arg, slots * blocks, 0u64)?,
            ascii,
            other,
        };
        for (i, &c) in pattern.iter().enumerate() {
            let slot = bits.slot(c);
            bits.peq[slot * blocks + i / 64] |= 1u64 << (i % 64);
        }
        Ok(Some(bits))
    }

    fn slot(&self, c: u32) -> usize {
        match self.ascii.get(c as usize) {
            Some(&s) => s as usize,
            None => self.other.get(&c).map_or(0, |&s| s as usize),
        }
    }

    /// Edit distance between the pattern and `text` (global alignment). Memory errors name
    /// `pattern_arg`.
    fn distance(&self, pattern_arg: &'static str, text: &[u32]) -> KernelResult<usize> {
        let blocks = self.blocks;
        let last = blocks - 1;
        let last_bit = 1u64 << ((self.len - 1) % 64);
        let mut pv = alloc::filled(pattern_arg, blocks, u64::MAX)?;
        let mut mv = alloc::filled(pattern_arg, blocks, 0u64)?;
        let mut score = self.len;
        // Row 0 of the matrix grows by one per column: each column carries +1 into its first block.
        const TOP: (u64, u64) = (1, 0);
        let mut pairs = text.chunks_exact(2);
        for pair in &mut pairs {
            let (eq1, eq2) = (self.row(pair[0]), self.row(pair[1]));
            // The second column runs one block behind the first: its block b - 1 needs only the
            // first column's block b - 1 (stepped an iteration earlier) and its own block b - 2,
            // so the two chains of dependent block steps overlap.
            let mut out1 = advance_block(&mut pv[0], &mut mv[0], eq1[0], TOP);
            let mut in2 = TOP;
            for b in 1..blocks {
                let out2 = advance_block(&mut pv[b - 1], &mut mv[b - 1], eq2[b - 1], in2);
                out1 = advance_block(&mut pv[b], &mut mv[b], eq1[b], carry(out1));
                in2 = carry(out2);
            }
            let out2 = advance_block(&mut pv[last], &mut mv[last], eq2[last], in2);
            score = add_delta(add_delta(score, out1, last_bit), out2, last_bit);
        }
        for &c in pairs.remainder() {
            let eq = self.row(c);
            let mut out = advance_block(&mut pv[0], &mut mv[0], eq[0], TOP);
            for b in 1..blocks {
                out = advance_block(&mut pv[b], &mut mv[b], eq[b], carry(out));
            }
            score = add_delta(score, out, last_bit);
        }
        Ok(score)
    }

    /// The match vectors of symbol `c` (one word per block).
    fn row(&self, c: u32) -> &[u64] {
        &self.peq[self.slot(c) * self.blocks..][..self.blocks]
    }
}

/// The horizontal delta leaving a block at its bottom row (bit 63), entering the next block.
#[inline(always)]
fn carry((ph, mh): (u64, u64)) -> (u64, u64) {
    (ph >> 63, mh >> 63)
}

/// `score` plus the horizontal delta of the last block at the pattern's last row (`last_bit`).
#[inline(always)]
fn add_delta(score: usize, (ph, mh): (u64, u64), last_bit: u64) -> usize {
    score
        .wrapping_add(usize::from(ph & last_bit != 0))
        .wrapping_sub(usize::from(mh & last_bit != 0))
}

/// One column step of a 64-row block (Hyyrö's formulation of Myers' algorithm): updates the
/// vertical delta vectors from the match vector `eq` and the horizontal delta entering at the
/// block's top (`ph_in` = 1 for +1, `mh_in` = 1 for -1, both 0 for 0), and returns the block's
/// horizontal delta vectors (positive, negative) before the shift: their bit at a row is the
/// delta leaving that row, so bit 63 is what enters the next block. Branch-free.
#[inline(always)]
fn advance_block(pv: &mut u64, mv: &mut u64, eq: u64, (ph_in, mh_in): (u64, u64)) -> (u64, u64) {
    let (p, m) = (*pv, *mv);
    let xv = eq | m;
    let eq = eq | mh_in;
    let xh = ((eq & p).wrapping_add(p) ^ p) | eq;
    let ph = m | !(xh | p);
    let mh = p & xh;
    let ph_shifted = (ph << 1) | ph_in;
    let mh_shifted = (mh << 1) | mh_in;
    *pv = mh_shifted | !(xv | ph_shifted);
    *mv = ph_shifted & xv;
    (ph, mh)
}

/// The Fx hash (rustc's): a multiply-rotate over 8-byte chunks. Much faster than the default
/// SipHash on short words; not collision-resistant, which only matters for adversarial text
/// (slower counting, never wrong counts).
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        }
        let mut tail = [0u8; 8];
        let rest = chunks.remainder();
        tail[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(tail) ^ rest.len() as u64);
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
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
///
/// Errors: only if memory runs out (kind memory, argument `text`).
pub fn word_counts(text: &str, k: usize) -> KernelResult<Vec<(String, u32)>> {
    let oom = |_| {
        KernelError::memory(
            "text",
            "is too large: out of memory (cannot grow the word table)",
        )
    };
    if k == 0 {
        return Ok(Vec::new());
    }
    let mut counts: HashMap<String, u32, BuildHasherDefault<FxHasher>> = HashMap::default();
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
            push_lowercase(&mut word, raw).map_err(oom)?;
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
    let mut ranked = alloc::with_capacity("text", counts.len())?;
    ranked.extend(counts);
    if k < ranked.len() {
        ranked.select_nth_unstable_by(k - 1, rank);
        ranked.truncate(k);
    }
    ranked.sort_unstable_by(rank);
    Ok(ranked)
}

/// Appends `s.to_lowercase()` to `out`, reserving the memory fallibly first: the same mapping as
/// `str::to_lowercase`, which maps each character on its own (`char::to_lowercase`) except `Σ`,
/// which becomes `ς` where Unicode's Final_Sigma condition holds and `σ` elsewhere.
fn push_lowercase(out: &mut String, s: &str) -> Result<(), TryReserveError> {
    let len: usize = s
        .chars()
        .map(|c| c.to_lowercase().map(char::len_utf8).sum::<usize>())
        .sum();
    out.try_reserve(len)?;
    for (i, c) in s.char_indices() {
        if c == 'Σ' {
            out.push(if is_final_sigma(s, i) { 'ς' } else { 'σ' });
        } else {
            out.extend(c.to_lowercase());
        }
    }
    Ok(())
}

/// Final_Sigma for the `Σ` at byte `i` of `s`, as `str::to_lowercase` decides it within `s`:
/// skipping case-ignorable characters, a cased character comes before it and none after it.
fn is_final_sigma(s: &str, i: usize) -> bool {
    let before = s[..i].chars().rev();
    let after = s[i + 'Σ'.len_utf8()..].chars();
    next_is_cased(before) && !next_is_cased(after)
}

/// Whether the first character of `chars` that is not case-ignorable is cased.
fn next_is_cased(chars: impl Iterator<Item = char>) -> bool {
    for c in chars {
        match sigma_context(c) {
            SigmaContext::Ignorable => continue,
            SigmaContext::Cased => return true,
            SigmaContext::Uncased => return false,
        }
    }
    false
}

/// How the Final_Sigma condition sees a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SigmaContext {
    /// Case-ignorable (apostrophe, combining marks, modifier letters, …): looked through.
    Ignorable,
    /// Cased and not case-ignorable.
    Cased,
    /// Neither.
    Uncased,
}

/// The class of `c`, read off `str::to_lowercase` itself (std keeps the Unicode properties
/// private): in `"AΣ" + c + next`, a case-ignorable `c` lets `next` decide whether the `Σ` is
/// final (`"A"` cased, `"1"` not), any other `c` decides by itself. Only characters next to a `Σ`
/// are asked about, with a few bytes of allocation each.
fn sigma_context(c: char) -> SigmaContext {
    if c.is_ascii_alphanumeric() {
        return if c.is_ascii_alphabetic() {
            SigmaContext::Cased
        } else {
            SigmaContext::Uncased
        };
    }
    let final_before = |next: char| {
        let probe: String = ['A', 'Σ', c, next].iter().collect();
        probe.to_lowercase().chars().nth(1) == Some('ς')
    };
    match (final_before('A'), final_before('1')) {
        (false, true) => SigmaContext::Ignorable,
        (false, false) => SigmaContext::Cased,
        _ => SigmaContext::Uncased,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use fastwasm_naive as naive;
    use proptest::prelude::*;

    /// The code points of `s`.
    fn cps(s: &str) -> Vec<u32> {
        s.chars().map(|c| c as u32).collect()
    }

    /// [`levenshtein`] on the code points of `a` and `b`.
    fn lev(a: &str, b: &str) -> usize {
        levenshtein(&cps(a), &cps(b)).unwrap()
    }

    /// [`naive::levenshtein`] on the code points of `a` and `b`.
    fn naive_levenshtein(a: &str, b: &str) -> usize {
        naive::levenshtein(&cps(a), &cps(b))
    }

    /// The first `k` of [`naive::word_counts`].
    fn naive_word_counts(text: &str, k: usize) -> Vec<(String, u32)> {
        let mut counts = naive::word_counts(text);
        counts.truncate(k);
        counts
    }

    fn pairs(v: &[(&str, u32)]) -> Vec<(String, u32)> {
        v.iter().map(|&(w, c)| (w.to_string(), c)).collect()
    }

    #[test]
    fn huge_alphabets_use_the_two_row_path() {
        // 20,000 distinct symbols × 313 blocks exceeds MAX_PATTERN_WORDS: no bit table is
        // built (levenshtein then runs levenshtein_rows, checked against it by proptest below).
        let pattern: Vec<u32> = (0x4e00..0x4e00 + 20_000u32).collect();
        assert!(PatternBits::new("b", &pattern).unwrap().is_none());
        assert!(PatternBits::new("b", &pattern[..1000]).unwrap().is_some());
    }

    #[test]
    fn levenshtein_known_values() {
        let d = lev;
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("sitting", "kitten"), 3);
        assert_eq!(d("café", "cafe"), 1);
        assert_eq!(d("", ""), 0);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("flaw", "lawn"), 2);
        assert_eq!(d("日本語", "日本"), 1);
        assert_eq!(d("🦀rust", "rust🦀"), 2);
        assert_eq!(d("abc", "abc"), 0);
        // "kitten" → "sitting" on code points, as the bindings pass them.
        let (k, s) = (cps("kitten"), cps("sitting"));
        assert_eq!(levenshtein(&k, &s).unwrap(), 3);
        assert_eq!(levenshtein(&k, &k).unwrap(), 0);
        assert_eq!(levenshtein(&[], &[]).unwrap(), 0);
    }

    #[test]
    fn lone_surrogates_are_ordinary_distinct_symbols() {
        // Two different lone surrogates: one substitution.
        assert_eq!(levenshtein(&[0xd800], &[0xdc00]).unwrap(), 1);
        assert_eq!(levenshtein(&[0xd800], &[0xd800]).unwrap(), 0);
        // A lone surrogate vs the pair it could belong to, and vs the code point of that pair.
        let crab = '🦀' as u32;
        assert_eq!(levenshtein(&[0xd83e], &[0xd83e, 0xdd80]).unwrap(), 1);
        assert_eq!(levenshtein(&[0xd83e, 0xdd80], &[crab]).unwrap(), 2);
        // Inside longer inputs, across the ASCII table and the map of other symbols.
        let a: Vec<u32> = [cps("ab"), vec![0xd800, 0xdbff], cps("日c")].concat();
        let b: Vec<u32> = [cps("ab"), vec![0xdc00, 0xdbff], cps("日c")].concat();
        assert_eq!(levenshtein(&a, &b).unwrap(), 1);
        assert_eq!(levenshtein(&a, &a).unwrap(), 0);
        assert_eq!(levenshtein(&a, &b).unwrap(), naive::levenshtein(&a, &b));
        // Values beyond Unicode are compared like any other.
        assert_eq!(levenshtein(&[u32::MAX, 0], &[u32::MAX - 1, 0]).unwrap(), 1);
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
    fn sigma_context_of_known_characters() {
        use SigmaContext::*;
        for (c, want) in [
            ('a', Cased),
            ('Ω', Cased),
            ('ǅ', Cased), // titlecase letter
            ('Ⅻ', Cased), // uppercase by Other_Uppercase, a number
            ('7', Uncased),
            ('٣', Uncased),   // Arabic-Indic digit
            ('日', Uncased),  // no case
            ('ʰ', Ignorable), // modifier letter: cased but case-ignorable
            ('\u{345}', Ignorable),
            ('\u{301}', Ignorable),
            ('\'', Ignorable),
            ('.', Ignorable),
            (' ', Uncased),
        ] {
            assert_eq!(sigma_context(c), want, "{c:?}");
        }
    }

    #[test]
    fn final_sigma_follows_std() {
        for s in [
            "ΟΔΟΣ",
            "ΣΑ",
            "Σ",
            "ΑΣʰ",
            "ΑΣʰΑ",
            "ΑΣ1",
            "1Σ",
            "ΑʰΣ",
            "ΑΣ\u{301}Β",
            "ΑΣΣ",
        ] {
            let mut out = String::new();
            push_lowercase(&mut out, s).unwrap();
            assert_eq!(out, s.to_lowercase(), "{s}");
        }
        assert_eq!(
            word_counts("ΟΔΟΣ ΟΔΟΣʰ ΣΑ", 5).unwrap(),
            pairs(&[("οδος", 1), ("οδοςʰ", 1), ("σα", 1)])
        );
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
            prop_assert_eq!(lev(&a, &b), naive_levenshtein(&a, &b));
        }

        #[test]
        fn levenshtein_matches_full_matrix_on_any_u32(
            a in prop::collection::vec(prop_oneof![0u32..4, 0xd7ffu32..0xe001, 120u32..136, any::<u32>()], 0..90),
            b in prop::collection::vec(prop_oneof![0u32..4, 0xd7ffu32..0xe001, 120u32..136, any::<u32>()], 0..90),
        ) {
            // Lone surrogates, values around the ASCII table's end and beyond Unicode.
            prop_assert_eq!(levenshtein(&a, &b).unwrap(), naive::levenshtein(&a, &b));
        }

        #[test]
        fn levenshtein_matches_full_matrix_across_blocks(
            a in "[acgté]{0,200}",
            b in "[acgté]{0,200}",
        ) {
            // Strings longer than one 64-bit block exercise the carries between blocks.
            prop_assert_eq!(lev(&a, &b), naive_levenshtein(&a, &b));
        }

        #[test]
        fn bit_parallel_equals_two_rows(a in "[ab日]{1,150}", b in "[ab日]{1,150}") {
            let (a, b) = (cps(&a), cps(&b));
            let (long, short) = if a.len() >= b.len() { (&a, &b) } else { (&b, &a) };
            let bits = PatternBits::new("b", short).unwrap().unwrap();
            prop_assert_eq!(bits.distance("b", long).unwrap(), levenshtein_rows("b", long, short).unwrap());
        }

        #[test]
        fn levenshtein_is_a_metric(a in "[ab]{0,8}", b in "[ab]{0,8}", c in "[ab]{0,8}") {
            let d = lev;
            prop_assert_eq!(d(&a, &b), d(&b, &a));
            prop_assert!(d(&a, &c) <= d(&a, &b) + d(&b, &c));
        }

        #[test]
        fn word_counts_matches_naive(text in "[aAbBcCÉé1 ,.!-]{0,80}", k in 0usize..8) {
            prop_assert_eq!(word_counts(&text, k).unwrap(), naive_word_counts(&text, k));
        }

        #[test]
        fn word_counts_lowercase_sigma_like_std(text in "[ΣσΟοA1ʰ\u{345}\u{301}' ]{0,40}") {
            prop_assert_eq!(word_counts(&text, 50).unwrap(), naive_word_counts(&text, 50));
        }

        #[test]
        fn push_lowercase_is_str_to_lowercase(
            s in "[AaΣσς1ʰ\u{345}\u{301}\u{200d}'.:İǅⅫⓐß٣·Ω ]{0,16}",
        ) {
            let mut out = String::from("kept ");
            push_lowercase(&mut out, &s).unwrap();
            prop_assert_eq!(out, format!("kept {}", s.to_lowercase()));
        }
    }
}
