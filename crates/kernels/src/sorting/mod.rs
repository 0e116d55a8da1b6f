//! Sorting float64 vectors: sort, argsort and unique, with numpy's ordering (NaNs last).

mod distinct;
mod radix;

use crate::alloc;
use crate::error::{KernelError, KernelResult};

/// Least number of values that [`sort`], [`argsort`] and [`unique`] sort by radix; shorter
/// inputs use a comparison sort, which is faster there.
const RADIX_MIN_LEN: usize = 512;

/// Ascending copy of `x`, `np.sort(x)`: NaNs go last (in their original order, payloads kept).
/// `-0.0` and `0.0` compare equal and keep their relative order from `x`.
///
/// Errors: no memory for the copy (kind memory, argument `x`).
pub fn sort(x: &[f64]) -> KernelResult<Vec<f64>> {
    sorted_copy(x)
}

/// The shape check of [`argsort`], on the length `n` of `x` only: the indices must fit in `u32`.
///
/// Errors: `n` above `u32::MAX` (`x must have at most 4294967295 elements, got …`, kind value,
/// argument `x`).
pub fn check_argsort(n: usize) -> KernelResult<()> {
    if n > u32::MAX as usize {
        return Err(KernelError::value(
            "x",
            format!("must have at most {} elements, got {n}", u32::MAX),
        ));
    }
    Ok(())
}

/// Indices that sort `x`, `np.argsort(x, kind="stable")`: ascending, equal values (including
/// `-0.0` and `0.0`) in index order, NaNs last in index order.
///
/// Errors: `x` longer than `u32::MAX` (`x must have at most 4294967295 elements, got …`); no
/// memory for the result (kind memory, argument `x`).
pub fn argsort(x: &[f64]) -> KernelResult<Vec<u32>> {
    let n = x.len();
    check_argsort(n)?;
    if n >= RADIX_MIN_LEN {
        return radix::argsort(x);
    }
    // Sorting (key, index) pairs without stability is stable by construction: ties on the key
    // are broken by the index. Integer keys also sort faster than float comparisons.
    let mut keyed: Vec<(u64, u32)> = alloc::with_capacity("x", n)?;
    keyed.extend((0u32..).zip(x).map(|(i, &v)| (radix::order_key(v), i)));
    keyed.sort_unstable();
    let mut out = alloc::with_capacity("x", n)?;
    out.extend(keyed.iter().map(|&(_, i)| i));
    Ok(out)
}

/// Sorted distinct values of `x`, `np.unique(x)`: `-0.0` and `0.0` count as one value (the one
/// that comes first in `x` is kept, as numpy keeps the first in sorted order), and all NaNs
/// collapse into a single NaN at the end (numpy's default `equal_nan=True`).
///
/// Long inputs with few distinct values are de-duplicated through a small hash table first, and
/// only the distinct values are sorted; the result is the same.
///
/// Errors: no memory for the copy (kind memory, argument `x`).
pub fn unique(x: &[f64]) -> KernelResult<Vec<f64>> {
    if x.len() >= distinct::MIN_LEN {
        if let Some(v) = distinct::few_distinct(x)? {
            return Ok(v);
        }
    }
    let mut v = sorted_copy(x)?;
    // `dedup_by` drops the later element of each equal pair, so each run keeps its first value.
    v.dedup_by(|later, kept| *later == *kept || (later.is_nan() && kept.is_nan()));
    Ok(v)
}

/// Sorts by [`f64::total_cmp`], on rayon's pool when long (feature `threads`). Values equal under
/// that order have identical bits, so the result does not depend on the algorithm.
fn sort_total(v: &mut [f64]) {
    #[cfg(feature = "threads")]
    if crate::par::worth(v.len(), SORT_PAR_MIN_LEN) {
        use rayon::slice::ParallelSliceMut;
        v.par_sort_unstable_by(f64::total_cmp);
        return;
    }
    v.sort_unstable_by(f64::total_cmp);
}

/// Least number of values sorted in parallel (feature `threads`).
#[cfg(feature = "threads")]
const SORT_PAR_MIN_LEN: usize = 1 << 15;

/// The NaN-free values sorted (unstably, by total order), zeros restored to their order in `x`,
/// then the NaNs as they appear in `x`. Memory errors name `x`.
fn sorted_copy(x: &[f64]) -> KernelResult<Vec<f64>> {
    let mut out = if x.len() >= RADIX_MIN_LEN && u32::try_from(x.len()).is_ok() {
        f64s_from_bits(radix::sort_finite(x)?)
    } else {
        let mut out = alloc::with_capacity("x", x.len())?;
        out.extend(x.iter().copied().filter(|v| !v.is_nan()));
        sort_total(&mut out);
        out
    };
    // Total order puts every -0.0 before every 0.0; numpy treats them as equal. Rewrite the run of
    // zeros in the order the zeros appear in `x` (one extra pass, only when signs are mixed).
    let start = out.partition_point(|&v| v < 0.0);
    let end = out.partition_point(|&v| v <= 0.0);
    if let Some(zeros) = out.get_mut(start..end) {
        let mixed = matches!((zeros.first(), zeros.last()),
            (Some(a), Some(b)) if a.is_sign_negative() != b.is_sign_negative());
        if mixed {
            for (slot, &z) in zeros.iter_mut().zip(x.iter().filter(|&&v| v == 0.0)) {
                *slot = z;
            }
        }
    }
    if out.len() < x.len() {
        out.extend(x.iter().copied().filter(|v| v.is_nan()));
    }
    Ok(out)
}

/// The floats whose IEEE bits are `bits`, in the same allocation.
fn f64s_from_bits(bits: Vec<u64>) -> Vec<f64> {
    let mut bits = std::mem::ManuallyDrop::new(bits);
    let (ptr, len, capacity) = (bits.as_mut_ptr(), bits.len(), bits.capacity());
    // SAFETY: `ptr` comes from a `Vec<u64>` with this length and capacity, whose ownership moves
    // into the new vector (`bits` is never dropped). `f64` has the size and alignment of `u64`,
    // so the allocation's layout is unchanged, and every `u64` bit pattern is a valid `f64`.
    unsafe { Vec::from_raw_parts(ptr.cast::<f64>(), len, capacity) }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::radix::order_key;
    use super::*;
    use fastwasm_naive::numpy_cmp;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    const NAN: f64 = f64::NAN;
    const INF: f64 = f64::INFINITY;

    fn bits(x: &[f64]) -> Vec<u64> {
        x.iter().map(|v| v.to_bits()).collect()
    }

    /// Plain floats, with a fair share of NaN, infinities and signed zeros.
    fn special_float() -> impl Strategy<Value = f64> {
        prop_oneof![
            6 => -1e6f64..1e6,
            1 => Just(NAN),
            1 => Just(-NAN),
            1 => Just(INF),
            1 => Just(-INF),
            1 => Just(0.0),
            1 => Just(-0.0),
        ]
    }

    #[test]
    fn sort_known_values() {
        let x = [3.0, NAN, -1.0, 0.0, -0.0, 2.0, NAN, -INF];
        let s = sort(&x).unwrap();
        assert_eq!(bits(&s[..6]), bits(&[-INF, -1.0, 0.0, -0.0, 2.0, 3.0]));
        assert!(s[6].is_nan() && s[7].is_nan());
        assert_eq!(sort(&[]).unwrap(), Vec::<f64>::new());
        assert_eq!(
            bits(&sort(&[-0.0, 0.0, -0.0]).unwrap()),
            bits(&[-0.0, 0.0, -0.0])
        );
        assert_eq!(
            bits(&sort(&[1.0, 0.0, -0.0, -1.0]).unwrap()),
            bits(&[-1.0, 0.0, -0.0, 1.0])
        );
    }

    #[test]
    fn sort_keeps_nan_payloads_in_order() {
        let a = f64::from_bits(0x7ff8_0000_0000_0001);
        let b = f64::from_bits(0xfff8_0000_0000_0002);
        let s = sort(&[b, 1.0, a]).unwrap();
        assert_eq!(bits(&s), bits(&[1.0, b, a]));
    }

    #[test]
    fn argsort_known_values() {
        // np.argsort(x, kind="stable")
        let x = [3.0, NAN, -1.0, 0.0, -0.0, 2.0, NAN, -INF, -1.0];
        assert_eq!(argsort(&x).unwrap(), [7, 2, 8, 3, 4, 5, 0, 1, 6]);
        assert_eq!(argsort(&[]).unwrap(), Vec::<u32>::new());
        assert_eq!(argsort(&[-NAN, NAN, INF]).unwrap(), [2, 0, 1]);
    }

    #[test]
    fn order_key_is_monotone() {
        let ordered = [
            -INF,
            -f64::MAX,
            -1.0,
            -f64::MIN_POSITIVE,
            -5e-324,
            0.0,
            5e-324,
            1.0,
            f64::MAX,
            INF,
        ];
        let keys: Vec<u64> = ordered.iter().map(|&v| order_key(v)).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(order_key(-0.0), order_key(0.0));
        assert_eq!(order_key(NAN), u64::MAX);
        assert_eq!(order_key(-NAN), u64::MAX);
        assert!(order_key(INF) < u64::MAX);
    }

    #[test]
    fn unique_known_values() {
        // numpy keeps whichever zero comes first.
        assert_eq!(bits(&unique(&[0.0, -0.0]).unwrap()), bits(&[0.0]));
        assert_eq!(bits(&unique(&[-0.0, 0.0]).unwrap()), bits(&[-0.0]));
        let u = unique(&[NAN, 1.0, NAN, -0.0, 0.0, 1.0, -INF]).unwrap();
        assert_eq!(bits(&u[..3]), bits(&[-INF, -0.0, 1.0]));
        assert!(u.len() == 4 && u[3].is_nan());
        assert_eq!(unique(&[]).unwrap(), Vec::<f64>::new());
        assert_eq!(unique(&[2.0, 2.0, 2.0]).unwrap(), [2.0]);
    }

    /// A deterministic xorshift stream.
    fn xorshift(seed: u64) -> impl FnMut() -> u64 {
        let mut state = seed;
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    /// NaNs of both signs and several payloads, zeros of both signs, infinities, subnormals.
    const SPECIALS: [f64; 11] = [
        0.0,
        -0.0,
        INF,
        -INF,
        NAN,
        -NAN,
        f64::from_bits(0x7ff8_0000_0000_0001),
        f64::from_bits(0xfff0_0000_0000_0003),
        5e-324,
        -5e-324,
        -2.2e-308,
    ];

    /// Inputs of length `n` shaped the ways sorts meet them: random bits of every magnitude,
    /// benchmark-like `k / 2³²` draws, few distinct values, special values, already sorted,
    /// reversed, all equal, mostly NaN, and subnormals only.
    fn shaped_inputs(n: usize, seed: u64) -> Vec<(&'static str, Vec<f64>)> {
        let mut next = xorshift(seed);
        let mut any_bits = || {
            let v = f64::from_bits(next());
            if v.is_nan() {
                1.5
            } else {
                v
            }
        };
        let random: Vec<f64> = (0..n).map(|_| any_bits()).collect();
        let mut next = xorshift(seed + 1);
        let unit: Vec<f64> = (0..n)
            .map(|_| (next() >> 32) as f64 / 4294967296.0)
            .collect();
        let few: Vec<f64> = (0..n).map(|_| (next() % 7) as f64 - 3.0).collect();
        let mixed: Vec<f64> = (0..n)
            .map(|i| match next() % 4 {
                0 => SPECIALS[i % SPECIALS.len()],
                1 => few[i],
                _ => unit[i] * 1e3 - 500.0,
            })
            .collect();
        let mut sorted = unit.clone();
        sorted.sort_by(f64::total_cmp);
        let reversed: Vec<f64> = sorted.iter().rev().copied().collect();
        let nan_heavy: Vec<f64> = (0..n)
            .map(|i| {
                if next() % 8 == 0 {
                    few[i]
                } else {
                    SPECIALS[4 + i % 4]
                }
            })
            .collect();
        let subnormal: Vec<f64> = (0..n).map(|_| f64::from_bits(next() % 5000)).collect();
        vec![
            ("random bits", random),
            ("k / 2^32", unit),
            ("few distinct", few),
            ("specials", mixed),
            ("sorted", sorted),
            ("reversed", reversed),
            ("all equal", vec![-2.5; n]),
            ("mostly NaN", nan_heavy),
            ("subnormal", subnormal),
        ]
    }

    /// Lengths on both sides of the radix threshold, and long enough for several buckets' worth.
    const LENGTHS: [usize; 11] = [0, 1, 2, 3, 100, 511, 512, 513, 2047, 5000, 70_000];

    #[test]
    fn sort_matches_a_stable_numpy_order_sort_on_shaped_inputs() {
        for n in LENGTHS {
            for (shape, x) in shaped_inputs(n, 17 + n as u64) {
                let mut want = x.clone();
                want.sort_by(|a, b| numpy_cmp(*a, *b)); // stable
                assert_eq!(bits(&sort(&x).unwrap()), bits(&want), "{shape}, n = {n}");
            }
        }
    }

    #[test]
    fn argsort_matches_a_naive_stable_sort_on_shaped_inputs() {
        for n in LENGTHS {
            for (shape, x) in shaped_inputs(n, 29 + n as u64) {
                let mut want: Vec<u32> = (0..n as u32).collect();
                want.sort_by(|&i, &j| numpy_cmp(x[i as usize], x[j as usize]));
                assert_eq!(argsort(&x).unwrap(), want, "{shape}, n = {n}");
            }
        }
    }

    #[test]
    fn argsort_is_stable_on_many_duplicates() {
        // Three values (both zeros count as one), each run of equal keys in index order.
        let x: Vec<f64> = (0..10_000)
            .map(|i| [1.0, -0.0, 0.0, NAN][(i * 7 + i / 3) % 4])
            .collect();
        let got = argsort(&x).unwrap();
        let zeros = x.iter().filter(|&&v| v == 0.0).count();
        let (run_zero, rest) = got.split_at(zeros);
        assert!(run_zero.windows(2).all(|w| w[0] < w[1]));
        assert!(run_zero.iter().all(|&i| x[i as usize] == 0.0));
        let ones = x.iter().filter(|&&v| v == 1.0).count();
        let (run_one, run_nan) = rest.split_at(ones);
        assert!(run_one.windows(2).all(|w| w[0] < w[1]));
        assert!(run_nan.windows(2).all(|w| w[0] < w[1]));
        assert!(run_nan.iter().all(|&i| x[i as usize].is_nan()));
    }

    #[test]
    fn unique_matches_a_dedup_of_the_naive_sort_on_shaped_inputs() {
        for n in LENGTHS {
            for (shape, x) in shaped_inputs(n, 41 + n as u64) {
                let mut want = x.clone();
                want.sort_by(|a, b| numpy_cmp(*a, *b));
                want.dedup_by(|later, kept| numpy_cmp(*later, *kept).is_eq());
                assert_eq!(bits(&unique(&x).unwrap()), bits(&want), "{shape}, n = {n}");
            }
        }
    }

    /// The hash-table path of `unique` (long input, few distinct values) keeps what the sort path
    /// keeps: the first zero and the first NaN of `x`, bit for bit; and an input whose distinct
    /// values pass the table's limit only near its end falls back to the sort.
    #[test]
    fn unique_of_few_distinct_values_equals_the_dedup_of_the_naive_sort() {
        let nan_a = f64::from_bits(0xfff8_0000_0000_0003);
        let nan_b = f64::from_bits(0x7ff0_0000_0000_0001);
        let classes = [-0.0, 0.0, nan_a, nan_b, INF, -INF, 5e-324, -1.5, 1e300, 3.0];
        let mut next = xorshift(5);
        let few: Vec<f64> = (0..10_000)
            .map(|_| classes[(next() % classes.len() as u64) as usize])
            .collect();
        let late: Vec<f64> = (0..20_000)
            .map(|i| {
                if i < 15_000 {
                    few[i % few.len()]
                } else {
                    i as f64
                }
            })
            .collect();
        let runs: Vec<f64> = (0..6_000).map(|i| classes[i / 700]).collect();
        for (shape, x) in [("few", few), ("late", late), ("runs", runs)] {
            let mut want = x.clone();
            want.sort_by(|a, b| numpy_cmp(*a, *b));
            want.dedup_by(|later, kept| numpy_cmp(*later, *kept).is_eq());
            assert_eq!(bits(&unique(&x).unwrap()), bits(&want), "{shape}");
        }
    }

    /// Long enough for the parallel split (feature `threads`) and for buckets that split again.
    #[test]
    fn long_shaped_inputs_sort_like_the_naive_sort() {
        // Mostly values just above 1 and a few huge ones: the top digit puts the cluster in one
        // bucket, long enough to be split again.
        let mut next = xorshift(3);
        let clustered: Vec<f64> = (0..300_000)
            .map(|_| match next() % 100 {
                0 => (next() >> 11) as f64 * 1e200,
                _ => 1.0 + (next() >> 30) as f64 * 1e-16,
            })
            .collect();
        let inputs = shaped_inputs(300_000, 7).into_iter();
        for (shape, x) in inputs.chain([("clustered", clustered)]) {
            let mut want = x.clone();
            want.sort_by(|a, b| numpy_cmp(*a, *b));
            assert_eq!(bits(&sort(&x).unwrap()), bits(&want), "{shape}");
            want.dedup_by(|later, kept| numpy_cmp(*later, *kept).is_eq());
            assert_eq!(bits(&unique(&x).unwrap()), bits(&want), "{shape}");
        }
    }

    #[cfg(feature = "threads")]
    #[test]
    fn parallel_sort_equals_serial() {
        use rayon::slice::ParallelSliceMut;
        // A deterministic mix with many duplicates, both zeros, infinities, subnormals and NaNs
        // of several payloads and signs, long enough to take the parallel path.
        let specials = SPECIALS;
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let x: Vec<f64> = (0..300_000)
            .map(|i| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                match state % 10 {
                    0 => specials[i % specials.len()],
                    1..=3 => (state >> 40) as f64 % 50.0 - 25.0,
                    _ => f64::from_bits(state) % 1e9,
                }
            })
            .collect();
        let finite: Vec<f64> = x.iter().copied().filter(|v| !v.is_nan()).collect();
        let mut serial = finite.clone();
        serial.sort_unstable_by(f64::total_cmp);
        let mut par = finite.clone();
        par.par_sort_unstable_by(f64::total_cmp);
        assert_eq!(bits(&par), bits(&serial));
        let mut via = finite;
        sort_total(&mut via);
        assert_eq!(bits(&via), bits(&serial));
        // The kernel: the same as a stable sort in numpy's order.
        let mut want = x.clone();
        want.sort_by(|a, b| numpy_cmp(*a, *b));
        assert_eq!(bits(&sort(&x).unwrap()), bits(&want));
    }

    /// The parallel paths of the radix sort (the key pass, the split into fresh memory, the
    /// buckets on the pool) on pools of 2 and 3 threads give the serial (1-thread) result.
    #[cfg(feature = "threads")]
    #[test]
    fn sort_on_pools_equals_serial() {
        let pool = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
        };
        let serial_pool = pool(1);
        let mut next = xorshift(11);
        // NaNs (several payloads) among values that need several digits: cut off after the split.
        let with_nans: Vec<f64> = (0..200_000)
            .map(|i| match i % 97 {
                0 => f64::from_bits(0x7ff8_0000_0000_0000 | (i as u64)),
                1 => -0.0,
                2 => 0.0,
                _ => (next() >> 11) as f64 / (1u64 << 53) as f64,
            })
            .collect();
        let inputs = shaped_inputs(1 << 18, 5).into_iter();
        for (shape, x) in inputs.chain([("with NaNs", with_nans)]) {
            let serial = serial_pool.install(|| sort(&x).unwrap());
            let mut want = x.clone();
            want.sort_by(|a, b| numpy_cmp(*a, *b));
            assert_eq!(bits(&serial), bits(&want), "{shape}");
            for threads in [2, 3] {
                let par = pool(threads).install(|| sort(&x).unwrap());
                assert_eq!(bits(&par), bits(&serial), "{shape}, {threads} threads");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn long_sort_and_argsort_are_stable_numpy_order_sorts(
            x in prop::collection::vec(special_float(), 400..3000),
        ) {
            let mut want = x.clone();
            want.sort_by(|a, b| numpy_cmp(*a, *b));
            prop_assert_eq!(bits(&sort(&x).unwrap()), bits(&want));
            let mut order: Vec<u32> = (0..x.len() as u32).collect();
            order.sort_by(|&i, &j| numpy_cmp(x[i as usize], x[j as usize]));
            prop_assert_eq!(argsort(&x).unwrap(), order);
        }
    }

    proptest! {
        #[test]
        fn sort_matches_total_cmp_without_nan(x in prop::collection::vec(-1e6f64..1e6, 0..500)) {
            let mut want = x.clone();
            want.sort_by(f64::total_cmp);
            prop_assert_eq!(sort(&x).unwrap(), want);
        }

        #[test]
        fn sort_is_a_stable_sort_under_numpy_order(x in prop::collection::vec(special_float(), 0..300)) {
            let mut want = x.clone();
            want.sort_by(|a, b| numpy_cmp(*a, *b)); // std's sort_by is stable
            prop_assert_eq!(bits(&sort(&x).unwrap()), bits(&want));
        }

        #[test]
        fn argsort_matches_naive_stable_sort(x in prop::collection::vec(special_float(), 0..300)) {
            let mut want: Vec<u32> = (0..x.len() as u32).collect();
            want.sort_by(|&i, &j| numpy_cmp(x[i as usize], x[j as usize]));
            let got = argsort(&x).unwrap();
            prop_assert_eq!(&got, &want);
            let via_idx: Vec<u64> = got.iter().map(|&i| x[i as usize].to_bits()).collect();
            prop_assert_eq!(via_idx, bits(&sort(&x).unwrap()));
        }

        #[test]
        fn unique_matches_btreeset(
            x in prop::collection::vec(prop_oneof![
                8 => (-20i32..20).prop_map(f64::from),
                1 => Just(-0.0),
                1 => Just(NAN),
            ], 0..200),
        ) {
            let set: BTreeSet<i32> = x.iter().filter(|v| !v.is_nan()).map(|&v| v as i32).collect();
            let mut want: Vec<f64> = set.into_iter().map(f64::from).collect();
            let has_nan = x.iter().any(|v| v.is_nan());
            if has_nan {
                want.push(NAN);
            }
            let got = unique(&x).unwrap();
            prop_assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                prop_assert!(g == w || (g.is_nan() && w.is_nan()));
            }
            // The zero kept is the first zero of x.
            if let (Some(z), Some(first)) = (got.iter().find(|&&v| v == 0.0), x.iter().find(|&&v| v == 0.0)) {
                prop_assert_eq!(z.to_bits(), first.to_bits());
            }
        }
    }

    #[test]
    fn check_argsort_limits_the_length() {
        assert!(check_argsort(0).is_ok());
        assert!(check_argsort(u32::MAX as usize).is_ok());
        // A slice longer than u32::MAX cannot be built here, so the message is checked directly.
        if let Some(n) = (u32::MAX as usize).checked_add(1) {
            let err = check_argsort(n).unwrap_err();
            assert_eq!((err.kind, err.argument), (crate::ErrorKind::Value, "x"));
            assert_eq!(
                err.to_string(),
                format!("x must have at most 4294967295 elements, got {n}")
            );
        }
    }
}
