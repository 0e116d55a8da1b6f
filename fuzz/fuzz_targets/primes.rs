//! `primes` for arbitrary `n`: above the limit an error, otherwise (n ≤ 2^18) the
//! primes of a plain sieve of Eratosthenes.
#![no_main]

use arbitrary::Arbitrary;
use fastwasm_fuzz::{assert_same_list, expect_err, naive};
use fastwasm_kernels::sieve::{primes, PRIMES_MAX_N};
use fastwasm_kernels::ErrorKind;
use libfuzzer_sys::fuzz_target;

/// Largest `n` sieved (crosses the kernel's 64Ki-number segments a few times).
const MAX_N: u64 = 1 << 18;

#[derive(Debug, Clone, Copy, Arbitrary)]
enum N {
    Small(u16),
    Medium(u32),
    Any(u64),
}

fuzz_target!(|n: N| {
    let n = match n {
        N::Small(n) => u64::from(n),
        N::Medium(n) => u64::from(n) % (MAX_N + 1),
        N::Any(n) => n,
    };
    if n > PRIMES_MAX_N {
        expect_err(primes(n), ErrorKind::Value, &["n"]);
    } else if n <= MAX_N {
        let got = primes(n).expect("primes failed");
        assert_same_list(&got, &naive::primes(n as usize), "primes vs plain sieve");
    }
});
