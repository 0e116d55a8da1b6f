//! Prime numbers by a segmented sieve of Eratosthenes.

use crate::alloc;
use crate::error::{KernelError, KernelResult};

/// Largest `n` accepted by [`primes`] (10⁹: 50,847,534 primes, about 200 MB of output).
pub const PRIMES_MAX_N: u64 = 1_000_000_000;

/// Odd numbers per sieve segment: 32 KiB of flags, which stays in L1/L2 cache.
const SEGMENT_ODDS: usize = 1 << 15;

/// All primes `p ≤ n`, ascending. numpy has no equivalent; the naive reference is trial division.
///
/// Errors: `n` above [`PRIMES_MAX_N`] (`n must be at most 1000000000, got 4000000000`); no
/// memory for the result (kind memory, argument `n`).
pub fn primes(n: u64) -> KernelResult<Vec<u32>> {
    if n > PRIMES_MAX_N {
        return Err(KernelError::value(
            "n",
            format!("must be at most {PRIMES_MAX_N}, got {n}"),
        ));
    }
    let n = n as usize;
    if n < 2 {
        return Ok(Vec::new());
    }
    let mut out = alloc::with_capacity("n", prime_count_upper_bound(n))?;
    out.push(2);
    let base = odd_primes_up_to(isqrt(n))?;
    let wheel = Wheel::new()?;
    // Flags of the odd numbers lo, lo + 2, ..., lo + 2(count − 1): 1 for prime, 0 for composite.
    let mut flags: Vec<u8> = alloc::filled("n", SEGMENT_ODDS, 0)?;
    let mut lo = 3usize;
    while lo <= n {
        let count = SEGMENT_ODDS.min((n - lo) / 2 + 1);
        let hi = lo + 2 * (count - 1);
        let seg = &mut flags[..count];
        wheel.fill(seg, lo);
        if lo == 3 {
            // The wheel crossed out its own primes, which lie in the first segment.
            for p in WHEEL_PRIMES {
                if let Some(flag) = seg.get_mut((p - 3) / 2) {
                    *flag = 1;
                }
            }
        }
        for &p in base.iter().skip_while(|&&p| p as usize <= WHEEL_PRIMES[4]) {
            let p = p as usize;
            if p * p > hi {
                break;
            }
            let mut start = (p * p).max(lo.div_ceil(p) * p);
            if start % 2 == 0 {
                start += p;
            }
            let mut j = (start - lo) / 2;
            while j < count {
                seg[j] = 0;
                j += p;
            }
        }
        collect_primes(seg, lo, &mut out);
        lo = hi + 2;
    }
    Ok(out)
}

/// Appends the odd numbers `lo + 2i` whose flag `seg[i]` is 1, eight flags at a time: most words
/// of flags are zero once composites are crossed out.
fn collect_primes(seg: &[u8], lo: usize, out: &mut Vec<u32>) {
    let mut words = seg.chunks_exact(8);
    let mut base = lo;
    for word in &mut words {
        let mut bits = u64::from_le_bytes([
            word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
        ]);
        while bits != 0 {
            let byte = (bits.trailing_zeros() / 8) as usize;
            out.push((base + 2 * byte) as u32);
            bits &= bits - 1;
        }
        base += 16;
    }
    for (i, &flag) in words.remainder().iter().enumerate() {
        if flag != 0 {
            out.push((base + 2 * i) as u32);
        }
    }
}

/// The small odd primes whose multiples the wheel removes before sieving.
const WHEEL_PRIMES: [usize; 5] = [3, 5, 7, 11, 13];
/// Odd numbers in one turn of the wheel: 3·5·7·11·13.
const WHEEL_ODDS: usize = 15_015;

/// The flags of one turn of odd numbers with the multiples of [`WHEEL_PRIMES`] crossed out.
/// Copying it into a segment does the crossing-out for those primes, which is about two fifths
/// of all crossing-out work (Σ 1/p over them).
struct Wheel {
    /// `pattern[k]` is the flag of the odd number `2k + 1`.
    pattern: Vec<u8>,
}

impl Wheel {
    /// Errors: no memory (kind memory, argument `n`).
    fn new() -> KernelResult<Wheel> {
        let mut pattern = alloc::with_capacity("n", WHEEL_ODDS)?;
        pattern.extend((0..WHEEL_ODDS).map(|k| {
            let m = 2 * k + 1;
            u8::from(WHEEL_PRIMES.iter().all(|&p| m % p != 0))
        }));
        Ok(Wheel { pattern })
    }

    /// Sets `seg[i]` to the wheel's flag of the odd number `lo + 2i`.
    fn fill(&self, seg: &mut [u8], lo: usize) {
        let mut turn = ((lo - 1) / 2) % WHEEL_ODDS;
        let mut rest = seg;
        while !rest.is_empty() {
            let take = rest.len().min(WHEEL_ODDS - turn);
            let (head, tail) = rest.split_at_mut(take);
            head.copy_from_slice(&self.pattern[turn..turn + take]);
            rest = tail;
            turn = 0;
        }
    }
}

/// Odd primes up to `limit` by a plain sieve (used for the base primes, `limit ≤ 31623`).
fn odd_primes_up_to(limit: usize) -> KernelResult<Vec<u32>> {
    let mut composite = alloc::filled("n", limit + 1, false)?;
    let mut found = alloc::with_capacity("n", prime_count_upper_bound(limit.max(2)))?;
    for i in (3..=limit).step_by(2) {
        if !composite[i] {
            found.push(i as u32);
            for m in (i * i..=limit).step_by(2 * i) {
                composite[m] = true;
            }
        }
    }
    Ok(found)
}

/// ⌊√n⌋ exactly.
fn isqrt(n: usize) -> usize {
    let mut r = (n as f64).sqrt() as usize;
    while r * r > n {
        r -= 1;
    }
    while (r + 1) * (r + 1) <= n {
        r += 1;
    }
    r
}

/// π(n) < 1.25506 n / ln n for n > 1 (Rosser & Schoenfeld 1962), plus slack for tiny n.
fn prime_count_upper_bound(n: usize) -> usize {
    let nf = n as f64;
    (1.25506 * nf / nf.ln()) as usize + 8
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive_primes(n: u64) -> Vec<u32> {
        (2..=n)
            .filter(|&k| (2..).take_while(|d| d * d <= k).all(|d| k % d != 0))
            .map(|k| k as u32)
            .collect()
    }

    #[test]
    fn small_cases() {
        assert_eq!(primes(0).unwrap(), Vec::<u32>::new());
        assert_eq!(primes(1).unwrap(), Vec::<u32>::new());
        assert_eq!(primes(2).unwrap(), vec![2]);
        assert_eq!(
            primes(30).unwrap(),
            vec![2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
        );
    }

    #[test]
    fn known_prime_counts() {
        // π(10^k) from the literature; 10^6 crosses many segments.
        assert_eq!(primes(100).unwrap().len(), 25);
        assert_eq!(primes(1_000_000).unwrap().len(), 78_498);
        assert_eq!(*primes(1_000_000).unwrap().last().unwrap(), 999_983);
        let p = primes(10_000_000).unwrap();
        assert_eq!((p.len(), p[p.len() - 1]), (664_579, 9_999_991));
    }

    #[test]
    fn segment_boundaries_match_naive() {
        let n = 2 * SEGMENT_ODDS as u64 * 2 + 123;
        assert_eq!(primes(n).unwrap(), naive_primes(n));
    }

    #[test]
    fn above_limit_is_an_error() {
        assert!(primes(PRIMES_MAX_N + 1).is_err());
        let err = primes(4_000_000_000).unwrap_err();
        assert_eq!((err.kind, err.argument), (crate::ErrorKind::Value, "n"));
        assert_eq!(
            err.to_string(),
            "n must be at most 1000000000, got 4000000000"
        );
    }

    #[test]
    fn isqrt_is_exact() {
        for n in [0usize, 1, 2, 3, 4, 15, 16, 17, 999_999_999, 1_000_000_000] {
            let r = isqrt(n);
            assert!(r * r <= n && (r + 1) * (r + 1) > n, "{n}");
        }
    }

    #[test]
    fn wheel_primes_and_their_multiples() {
        // The wheel's primes themselves stay; their products and squares go.
        assert_eq!(primes(13).unwrap(), vec![2, 3, 5, 7, 11, 13]);
        let p = primes(300).unwrap();
        for composite in [9, 15, 25, 35, 49, 77, 121, 143, 169, 221, 289] {
            assert!(!p.contains(&composite), "{composite}");
        }
        // Segments start at every offset into the wheel's turn.
        let n = 7 * SEGMENT_ODDS as u64 + 31;
        assert_eq!(primes(n).unwrap(), naive_primes(n));
    }

    proptest! {
        #[test]
        fn matches_trial_division(n in 0u64..5000) {
            prop_assert_eq!(primes(n).unwrap(), naive_primes(n));
        }
    }
}
