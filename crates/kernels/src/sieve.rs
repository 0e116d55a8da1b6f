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
    let mut flags = alloc::filled("n", SEGMENT_ODDS, true)?;
    // Segment covers the odd numbers lo, lo + 2, ..., lo + 2(count − 1).
    let mut lo = 3usize;
    while lo <= n {
        let count = SEGMENT_ODDS.min((n - lo) / 2 + 1);
        let hi = lo + 2 * (count - 1);
        let seg = &mut flags[..count];
        seg.fill(true);
        for &p in &base {
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
                seg[j] = false;
                j += p;
            }
        }
        out.extend(
            seg.iter()
                .enumerate()
                .filter(|(_, &is_prime)| is_prime)
                .map(|(i, _)| (lo + 2 * i) as u32),
        );
        lo = hi + 2;
    }
    Ok(out)
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

    proptest! {
        #[test]
        fn matches_trial_division(n in 0u64..5000) {
            prop_assert_eq!(primes(n).unwrap(), naive_primes(n));
        }
    }
}
