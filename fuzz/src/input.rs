//! Structured fuzz inputs: floats that favour special values, strings over small and huge
//! alphabets, sizes from tiny to overflowing.

use arbitrary::Arbitrary;

/// Values a float input often takes: signed zeros, NaN, infinities, extremes, subnormals.
const SPECIAL_FLOATS: [f64; 22] = [
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    0.1,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::MAX,
    f64::MIN,
    f64::MIN_POSITIVE,
    5e-324,
    -5e-324,
    f64::EPSILON,
    1e308,
    -1e308,
    1e-308,
    1e154,
    1e-154,
    1e300,
    1e-300,
];

/// A float: special values and small integers are common, any bit pattern is possible.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Float {
    /// One of a list of special values (index taken modulo its length).
    Special(u8),
    /// A small integer, so that sums are exact.
    Int(i8),
    /// `mantissa · 2^exponent`, spanning subnormals to overflow.
    Scaled(i16, i16),
    /// Any bit pattern.
    Bits(u64),
}

impl Float {
    /// The value.
    pub fn get(self) -> f64 {
        match self {
            Float::Special(i) => SPECIAL_FLOATS[usize::from(i) % SPECIAL_FLOATS.len()],
            Float::Int(v) => f64::from(v),
            Float::Scaled(m, e) => f64::from(m) * 2f64.powi(i32::from(e) % 1100),
            Float::Bits(b) => f64::from_bits(b),
        }
    }
}

/// The values of `floats`.
pub fn floats(floats: &[Float]) -> Vec<f64> {
    floats.iter().map(|f| f.get()).collect()
}

/// A sequence of floats: listed one by one, or a short pattern repeated to a longer length
/// (long inputs from few bytes).
#[derive(Debug, Clone, Arbitrary)]
pub enum Floats {
    /// Exactly these values.
    List(Vec<Float>),
    /// `pattern` repeated up to `len % (max + 1)` values (`max` given to [`Floats::build`]);
    /// empty if `pattern` is.
    Repeat { pattern: Vec<Float>, len: u16 },
}

impl Floats {
    /// The values, at most `max` of them for `Repeat`.
    pub fn build(&self, max: usize) -> Vec<f64> {
        match self {
            Floats::List(list) => floats(list),
            Floats::Repeat { pattern, len } => {
                let len = usize::from(*len) % (max + 1);
                floats(pattern).into_iter().cycle().take(len).collect()
            }
        }
    }
}

/// Characters of [`Text::Alphabet`]: ASCII letters and digits, separators, accented and
/// case-changing letters (final sigma, dotted I, sharp s), CJK and an emoji.
const ALPHABET: [char; 20] = [
    'a', 'b', 'A', 'B', '1', ' ', '.', '_', '-', 'é', 'É', 'Σ', 'σ', 'ς', 'İ', 'ß', '日', '本',
    '🦀', '\u{301}',
];

/// Most characters of a [`Text::Range`]. (`levenshtein`'s two-row fallback needs more than
/// 16,384 distinct characters in both strings: over 10 s per call in a fuzz build, so it is
/// left to the crate's unit tests.)
pub const MAX_RANGE_CHARS: usize = 4095;

/// A string: arbitrary UTF-8, a small alphabet (many repeats and near-equal strings), any
/// code points, or a run of consecutive code points (a huge alphabet from a few bytes).
#[derive(Debug, Clone, Arbitrary)]
pub enum Text {
    /// Any valid UTF-8.
    Utf8(String),
    /// Characters of `ALPHABET`, by index modulo its length.
    Alphabet(Vec<u8>),
    /// Unicode scalar values (modulo 0x110000; surrogates become U+FFFD).
    CodePoints(Vec<u32>),
    /// Up to [`MAX_RANGE_CHARS`] consecutive scalar values from `start` (surrogates skipped).
    Range { start: u32, len: u16 },
}

impl Text {
    /// The string.
    pub fn build(&self) -> String {
        match self {
            Text::Utf8(s) => s.clone(),
            Text::Alphabet(ix) => ix
                .iter()
                .map(|&i| ALPHABET[usize::from(i) % ALPHABET.len()])
                .collect(),
            Text::CodePoints(cps) => cps.iter().map(|&c| scalar(c)).collect(),
            Text::Range { start, len } => {
                let len = usize::from(*len) % (MAX_RANGE_CHARS + 1);
                (start % 0x11_0000..0x11_0000)
                    .filter_map(char::from_u32)
                    .take(len)
                    .collect()
            }
        }
    }
}

/// `c` modulo 0x110000 as a char, U+FFFD for a surrogate.
fn scalar(c: u32) -> char {
    char::from_u32(c % 0x11_0000).unwrap_or('\u{fffd}')
}

/// A sequence of symbols for `levenshtein`, which takes one `u32` per code point: the code points
/// of a [`Text`], a JS string's (UTF-16 code units decoded as JS iterates a string, so lone
/// surrogates stay as their own values), or any `u32` values at all.
#[derive(Debug, Clone, Arbitrary)]
pub enum Symbols {
    /// The code points of a string.
    Text(Text),
    /// UTF-16 code units, decoded to code points; unpaired surrogates are kept as they are.
    Utf16(Vec<u16>),
    /// Surrogates and their neighbours only (`0xD7FE + v % 0x804`): many lone surrogates, some
    /// pairs of them, never decoded.
    Surrogates(Vec<u16>),
    /// Any values, also beyond Unicode.
    Raw(Vec<u32>),
}

impl Symbols {
    /// The symbols.
    pub fn build(&self) -> Vec<u32> {
        match self {
            Symbols::Text(t) => t.build().chars().map(|c| c as u32).collect(),
            Symbols::Utf16(units) => char::decode_utf16(units.iter().copied())
                .map(|r| r.map_or_else(|e| u32::from(e.unpaired_surrogate()), |c| c as u32))
                .collect(),
            Symbols::Surrogates(v) => v.iter().map(|&v| 0xd7fe + u32::from(v) % 0x804).collect(),
            Symbols::Raw(v) => v.clone(),
        }
    }
}

/// A size or dimension: tiny ones (where naive references are cheap) are common; powers of two,
/// values near `usize::MAX` and any `u64` reach the overflow checks.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Size {
    /// 0 to 8.
    Tiny(u8),
    /// 0 to 299.
    Small(u16),
    /// `2^(e % 64)`.
    PowerOfTwo(u8),
    /// `usize::MAX − d`.
    NearMax(u16),
    /// Any value.
    Any(u64),
}

impl Size {
    /// The size.
    pub fn get(self) -> usize {
        match self {
            Size::Tiny(v) => usize::from(v % 9),
            Size::Small(v) => usize::from(v % 300),
            Size::PowerOfTwo(e) => 1usize << (e % 64),
            Size::NearMax(d) => usize::MAX - usize::from(d),
            Size::Any(v) => v as usize,
        }
    }
}
