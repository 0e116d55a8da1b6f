//! Property tests of the numeric kernels on awkward floats: NaN (with payloads and signs), ±inf,
//! huge values (±1e300, ±f64::MAX), subnormals and signed zeros, mixed with ordinary values.
//!
//!     cargo test -p fastwasm-kernels --test properties
//!     PROPTEST_CASES=5000 cargo test -p fastwasm-kernels --release --test properties   # deeper
//!
//! Each property checks a kernel against a naive reference, a closed form or the semantics its
//! doc comment promises (numpy's, where numpy has one).
#![cfg(not(target_arch = "wasm32"))]

use fastwasm_kernels::signal::{self, ConvolveMode};
use fastwasm_kernels::{image, linalg, reduce, sieve, sorting, stats, ErrorKind, KernelError};
use fastwasm_naive as naive;
use proptest::prelude::*;
use std::cmp::Ordering;

const INF: f64 = f64::INFINITY;
/// 2^-1074, the smallest subnormal.
const TINY: f64 = 5e-324;

// ---- strategies ----

fn ordinary() -> impl Strategy<Value = f64> {
    -1e3f64..1e3
}

/// The awkward values: NaNs (quiet, negative, signalling, with a payload), infinities, huge
/// values, subnormals (the smallest, a few in between, the largest) and signed zeros.
fn awkward() -> Vec<f64> {
    vec![
        f64::NAN,
        -f64::NAN,
        f64::from_bits(0x7ff0_0000_0000_0001), // signalling
        f64::from_bits(0xfff8_0000_0000_00ff), // negative, with a payload
        INF,
        -INF,
        1e300,
        -1e300,
        f64::MAX,
        f64::MIN,
        TINY,
        -TINY,
        f64::MIN_POSITIVE / 3.0,
        -1e-310,
        f64::from_bits(0x000f_ffff_ffff_ffff), // the largest subnormal
        0.0,
        -0.0,
    ]
}

/// Mostly ordinary values, with the [`awkward`] ones that pass `keep` (about 4 in 10).
fn mixed(keep: fn(f64) -> bool) -> impl Strategy<Value = f64> {
    let chosen: Vec<f64> = awkward().into_iter().filter(|&v| keep(v)).collect();
    prop_oneof![6 => ordinary(), 4 => prop::sample::select(chosen)]
}

/// Ordinary values mixed with every kind of awkward one.
fn any_value() -> impl Strategy<Value = f64> {
    mixed(|_| true)
}

/// [`any_value`] without NaN and infinities.
fn finite_value() -> impl Strategy<Value = f64> {
    mixed(f64::is_finite)
}

/// [`any_value`] without huge values, so that no finite sum or product can overflow.
fn bounded_value() -> impl Strategy<Value = f64> {
    mixed(|v| v.is_nan() || v.is_infinite() || v.abs() < 1.0)
}

fn values(
    element: impl Strategy<Value = f64>,
    len: std::ops::Range<usize>,
) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(element, len)
}

/// Integers `k` with `|k| < 2^40`, to be scaled to `k·2^-1074` (every subnormal is one).
fn subnormal_units(len: std::ops::Range<usize>) -> impl Strategy<Value = Vec<i64>> {
    prop::collection::vec(-(1i64 << 40) + 1..1i64 << 40, len)
}

/// A random diagonally dominant (hence well-conditioned) `n`×`n` matrix.
fn dominant(n: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-1.0f64..1.0, n * n).prop_map(move |mut a| {
        for i in 0..n {
            let off: f64 = (0..n).filter(|&j| j != i).map(|j| a[i * n + j].abs()).sum();
            a[i * n + i] = (off + 1.0).copysign(a[i * n + i]);
        }
        a
    })
}

// ---- helpers ----

/// Same bits, or both NaN (NaN payloads are not compared).
fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

fn same_all(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| same(x, y))
}

/// `got` within `tol` of `want`, or both NaN, or both the same infinity.
fn near(got: f64, want: f64, tol: f64) -> bool {
    got == want || (got.is_nan() && want.is_nan()) || (got - want).abs() <= tol
}

fn bits(x: &[f64]) -> Vec<u64> {
    x.iter().map(|v| v.to_bits()).collect()
}

fn max_abs(x: &[f64]) -> f64 {
    x.iter().fold(0.0, |m, v| m.max(v.abs()))
}

/// `2^e` for `e` in the normal range.
fn pow2(e: i32) -> f64 {
    f64::from_bits(((1023 + e) as u64) << 52)
}

fn has_nan(x: &[f64]) -> bool {
    x.iter().any(|v| v.is_nan())
}

/// What a sum of terms without NaN comes to when no finite partial sum can overflow: NaN with
/// both infinities, the infinity if there is one, otherwise `None` (a finite value).
fn infinite_outcome(terms: impl Iterator<Item = f64> + Clone) -> Option<f64> {
    let pos = terms.clone().any(|t| t == INF);
    let neg = terms.clone().any(|t| t == -INF);
    match (pos, neg) {
        (true, true) => Some(f64::NAN),
        (true, false) => Some(INF),
        (false, true) => Some(-INF),
        (false, false) => None,
    }
}

/// numpy's `_lerp(a, b, t)`.
fn numpy_lerp(a: f64, b: f64, t: f64) -> f64 {
    let diff = b - a;
    if t >= 0.5 {
        b - diff * (1.0 - t)
    } else {
        a + diff * t
    }
}

/// `np.quantile(x, q)` (method "linear") of NaN-free `x`, transcribed from numpy's
/// `_quantile`: a full sort, the virtual index `(n − 1)·q`, its neighbours (both the last element
/// at or beyond the end, where the weight becomes `vi + 1`), then `_lerp`.
fn numpy_quantile(x: &[f64], q: f64) -> f64 {
    let mut s = x.to_vec();
    s.sort_by(|a, b| a.partial_cmp(b).unwrap_or(Ordering::Equal));
    let n = s.len();
    let vi = (n - 1) as f64 * q;
    let (prev, next, gamma) = if vi >= (n - 1) as f64 {
        (n - 1, n - 1, vi + 1.0)
    } else {
        let f = vi.floor();
        (f as usize, f as usize + 1, vi - f)
    };
    numpy_lerp(s[prev], s[next], gamma)
}

/// A value error about `argument` whose message (`"{argument} {detail}"`) starts with `prefix`.
fn is_value_error(
    r: &Result<impl std::fmt::Debug, KernelError>,
    argument: &str,
    prefix: &str,
) -> bool {
    matches!(r, Err(e) if e.kind == ErrorKind::Value
        && e.argument == argument
        && e.to_string().starts_with(prefix))
}

/// A memory error about `argument`.
fn is_memory_error(r: &Result<impl std::fmt::Debug, KernelError>, argument: &str) -> bool {
    matches!(r, Err(e) if e.kind == ErrorKind::Memory && e.argument == argument)
}

/// `cases` per property, unless `PROPTEST_CASES` asks for a deeper run.
fn config(cases: u32) -> ProptestConfig {
    if std::env::var_os("PROPTEST_CASES").is_some() {
        ProptestConfig::default()
    } else {
        ProptestConfig::with_cases(cases)
    }
}

// ---- sum, mean, dot, cumsum ----

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn sum_follows_ieee_and_numpy(x in values(any_value(), 0..200)) {
        let got = reduce::sum(&x);
        if has_nan(&x) {
            prop_assert!(got.is_nan());
        } else if x.iter().all(|v| v.is_infinite() || v.abs() < 1e301) {
            // No finite partial sum can overflow (200 · 1e300 < f64::MAX).
            match infinite_outcome(x.iter().copied()) {
                Some(want) => prop_assert!(same(got, want), "{} vs {}", got, want),
                None => {
                    let naive: f64 = x.iter().sum();
                    let scale: f64 = x.iter().map(|v| v.abs()).sum();
                    prop_assert!(near(got, naive, 1e-12 * scale), "{} vs {}", got, naive);
                    // numpy adds to 0.0, so a sum of zeros is +0.0.
                    if x.iter().all(|&v| v == 0.0) {
                        prop_assert_eq!(got.to_bits(), 0.0f64.to_bits());
                    }
                }
            }
        }
        // With ±f64::MAX the result depends on the order of the additions, as in numpy; the
        // overflow itself is checked exactly by huge_sums_overflow_exactly_when_the_exact_sum_does.
    }

    #[test]
    fn mean_is_the_sum_over_the_length(x in values(any_value(), 1..200)) {
        let got = reduce::mean(&x).unwrap();
        prop_assert!(same(got, reduce::sum(&x) / x.len() as f64));
        if has_nan(&x) {
            prop_assert!(got.is_nan());
        }
    }

    #[test]
    fn huge_sums_overflow_exactly_when_the_exact_sum_does(
        k in prop::collection::vec(1i64..1 << 20, 1..48),
        negative in any::<bool>(),
    ) {
        // k·2^1000 with Σk < 2^26: every partial sum is exact until it passes f64::MAX, which
        // happens exactly when Σk ≥ 2^24 (2^24 · 2^1000 = 2^1024).
        let sign = if negative { -1.0 } else { 1.0 };
        let x: Vec<f64> = k.iter().map(|&k| sign * k as f64 * pow2(1000)).collect();
        let total: i64 = k.iter().sum();
        let want = if total >= 1 << 24 { sign * INF } else { sign * total as f64 * pow2(1000) };
        prop_assert_eq!(reduce::sum(&x), want);
        prop_assert_eq!(reduce::mean(&x).unwrap(), want / x.len() as f64);
    }

    #[test]
    fn subnormal_sums_are_exact(k in subnormal_units(0..300)) {
        // Sums of multiples of 2^-1074 below 2^53 units are exact: nothing is flushed to zero.
        let x: Vec<f64> = k.iter().map(|&k| k as f64 * TINY).collect();
        let total: i64 = k.iter().sum();
        prop_assert_eq!(reduce::sum(&x), total as f64 * TINY);
        let c = stats::cumsum(&x).unwrap();
        let mut running = 0i64;
        for (&ki, &ci) in k.iter().zip(&c) {
            running += ki;
            prop_assert_eq!(ci, running as f64 * TINY);
        }
    }

    #[test]
    fn dot_follows_ieee(pairs in prop::collection::vec((bounded_value(), bounded_value()), 0..200)) {
        let (a, b): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
        let got = reduce::dot(&a, &b).unwrap();
        let products = a.iter().zip(&b).map(|(x, y)| x * y);
        // |products| ≤ 1e6, so only infinite factors make infinite or NaN terms.
        if products.clone().any(f64::is_nan) {
            prop_assert!(got.is_nan());
        } else if let Some(want) = infinite_outcome(products.clone()) {
            prop_assert!(same(got, want), "{} vs {}", got, want);
        } else {
            let naive: f64 = products.clone().sum();
            let scale: f64 = products.map(f64::abs).sum();
            prop_assert!(near(got, naive, 1e-12 * scale), "{} vs {}", got, naive);
        }
    }

    #[test]
    fn dot_of_subnormals_is_exact(
        pairs in prop::collection::vec((-(1i64 << 40) + 1..1i64 << 40, -8i64..=8), 0..300),
    ) {
        let a: Vec<f64> = pairs.iter().map(|&(k, _)| k as f64 * TINY).collect();
        let b: Vec<f64> = pairs.iter().map(|&(_, j)| j as f64).collect();
        let total: i64 = pairs.iter().map(|&(k, j)| k * j).sum();
        prop_assert_eq!(reduce::dot(&a, &b).unwrap(), total as f64 * TINY);
    }

    #[test]
    fn dot_overflows_to_infinity(n in 1usize..50, big in prop_oneof![Just(1e300), Just(f64::MAX)]) {
        // Every product is ±1e600 or more, so ±inf: +inf, or NaN once both signs occur, as numpy.
        let a = vec![big; n];
        let b: Vec<f64> = (0..n).map(|i| if i % 2 == 0 { big } else { -big }).collect();
        let want = if n == 1 { INF } else { f64::NAN };
        prop_assert_eq!(reduce::dot(&a, &a).unwrap(), INF);
        let got = reduce::dot(&a, &b).unwrap();
        prop_assert!(same(got, want), "{} vs {}", got, want);
    }

    #[test]
    fn cumsum_is_a_left_to_right_running_sum(x in values(any_value(), 0..200)) {
        let got = stats::cumsum(&x).unwrap();
        prop_assert_eq!(got.len(), x.len());
        let mut acc: Option<f64> = None;
        for (&v, &g) in x.iter().zip(&got) {
            let next = acc.map_or(v, |a| a + v);
            prop_assert!(same(g, next), "{} vs {}", g, next);
            acc = Some(next);
        }
        // NaN is sticky from its first occurrence on.
        if let Some(i) = x.iter().position(|v| v.is_nan()) {
            prop_assert!(got[i..].iter().all(|v| v.is_nan()));
        }
    }
}

// ---- variance, std, min, max, argmin, argmax, norm ----

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn variance_of_non_finite_input_is_nan(x in values(any_value(), 1..200), ddof in 0.0f64..1.0) {
        prop_assume!(x.iter().any(|v| !v.is_finite()));
        prop_assert!(stats::variance(&x, ddof).unwrap().is_nan());
        prop_assert!(stats::std(&x, ddof).unwrap().is_nan());
    }

    #[test]
    fn variance_of_moderate_finite_input_matches_two_pass(
        x in values(mixed(|v| v.abs() < 1.0), 2..200),
        ddof in 0.0f64..1.5,
    ) {
        let n = x.len() as f64;
        let m = x.iter().sum::<f64>() / n;
        let naive = x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (n - ddof);
        let scale = x.iter().map(|v| v * v).sum::<f64>() / n;
        let got = stats::variance(&x, ddof).unwrap();
        prop_assert!(got >= 0.0 && got.is_finite());
        prop_assert!(near(got, naive, 1e-10 * scale + 1e-300), "{} vs {}", got, naive);
        prop_assert!(same(stats::std(&x, ddof).unwrap(), got.sqrt()));
    }

    #[test]
    fn variance_with_huge_and_ordinary_values_overflows(x in values(finite_value(), 2..200)) {
        // A value of 1e300 or more next to one below 1e3 puts some deviation above 4e299, whose
        // square overflows: inf, as numpy gives (NaN only if the sum itself is NaN).
        prop_assume!(x.iter().any(|v| v.abs() >= 1e300) && x.iter().any(|v| v.abs() < 1e3));
        let got = stats::variance(&x, 0.0).unwrap();
        if reduce::sum(&x).is_nan() {
            prop_assert!(got.is_nan());
        } else {
            prop_assert_eq!(got, INF);
        }
    }

    #[test]
    fn variance_scales_exactly_by_powers_of_two(
        x in values(prop_oneof![-1e3f64..-1e-3, 1e-3f64..1e3], 2..200),
        k in prop_oneof![Just(-200), Just(200)],
    ) {
        // var(2^k·x) = 4^k·var(x) bit for bit: huge and tiny inputs lose nothing.
        let scaled: Vec<f64> = x.iter().map(|v| v * pow2(k)).collect();
        let v = stats::variance(&x, 1.0).unwrap();
        prop_assert_eq!(stats::variance(&scaled, 1.0).unwrap(), v * pow2(2 * k));
        prop_assert_eq!(stats::std(&scaled, 1.0).unwrap(), v.sqrt() * pow2(k));
    }

    #[test]
    fn extremes_follow_numpy(x in values(any_value(), 1..200)) {
        let (mn, mx) = (stats::min(&x).unwrap(), stats::max(&x).unwrap());
        let (imn, imx) = (stats::argmin(&x).unwrap(), stats::argmax(&x).unwrap());
        match x.iter().position(|v| v.is_nan()) {
            Some(first_nan) => {
                // np.min/np.max give NaN, np.argmin/np.argmax the first NaN.
                prop_assert!(mn.is_nan() && mx.is_nan());
                prop_assert_eq!((imn, imx), (first_nan, first_nan));
            }
            None => {
                let lo = x.iter().copied().fold(INF, f64::min);
                let hi = x.iter().copied().fold(-INF, f64::max);
                // The value: among equal elements (±0) the last; the index: the first.
                let last_equal = |m: f64| x.iter().rev().find(|&&v| v == m).copied();
                prop_assert_eq!(Some(mn.to_bits()), last_equal(lo).map(f64::to_bits));
                prop_assert_eq!(Some(mx.to_bits()), last_equal(hi).map(f64::to_bits));
                prop_assert_eq!(Some(imn), x.iter().position(|&v| v == lo));
                prop_assert_eq!(Some(imx), x.iter().position(|&v| v == hi));
            }
        }
    }

    #[test]
    fn norm_never_overflows_or_underflows_spuriously(x in values(any_value(), 0..200)) {
        let got = stats::norm(&x);
        if has_nan(&x) {
            prop_assert!(got.is_nan());
        } else if x.iter().any(|v| v.is_infinite()) {
            prop_assert_eq!(got, INF);
        } else {
            // Reference: scale by the largest magnitude first (exact enough, never overflows).
            let s = max_abs(&x);
            let want = if s == 0.0 {
                0.0
            } else {
                s * x.iter().map(|v| (v / s) * (v / s)).sum::<f64>().sqrt()
            };
            let tol = 1e-14 * x.len() as f64 * want + 2.0 * TINY;
            if want.is_finite() && want < f64::MAX * (1.0 - 1e-13) {
                prop_assert!(near(got, want, tol), "{} vs {}", got, want);
            } else {
                // At the edge of the range: the true norm rounds to f64::MAX or overflows.
                prop_assert!(got == INF || near(got, f64::MAX, tol), "{} vs {}", got, want);
            }
            prop_assert!(got >= 0.0 && (got > 0.0 || s == 0.0));
        }
    }
}

// ---- median, quantile ----

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn quantiles_follow_numpy_on_awkward_values(
        x in values(any_value(), 1..120),
        qs in prop::collection::vec(prop_oneof![0.0f64..=1.0, Just(0.0), Just(0.5), Just(1.0)], 1..6),
    ) {
        for &q in &qs {
            let got = stats::quantile(&x, q).unwrap();
            // np.percentile(x, 100·q) is np.quantile(x, 100·q / 100).
            let p = 100.0 * q;
            prop_assert!(same(stats::percentile(&x, p).unwrap(), stats::quantile(&x, p / 100.0).unwrap()));
            if has_nan(&x) {
                prop_assert!(got.is_nan());
            } else {
                // Same value; a zero's sign may differ (-0.0 and 0.0 sort as equals).
                let want = numpy_quantile(&x, q);
                prop_assert!(got == want || (got.is_nan() && want.is_nan()), "q={}: {} vs {}", q, got, want);
            }
        }
    }

    #[test]
    fn median_is_the_mean_of_the_middle(x in values(any_value(), 1..120)) {
        let got = stats::median(&x).unwrap();
        if has_nan(&x) {
            prop_assert!(got.is_nan());
        } else {
            let mut s = x.clone();
            s.sort_by(|a, b| a.partial_cmp(b).unwrap_or(Ordering::Equal));
            let n = s.len();
            // np.median: np.mean of the middle one or two (so 1e308 + 1e308 overflows).
            let want = if n % 2 == 1 { s[n / 2] } else { (s[n / 2 - 1] + s[n / 2]) / 2.0 };
            prop_assert!(got == want || (got.is_nan() && want.is_nan()), "{} vs {}", got, want);
        }
    }
}

// ---- sort, argsort, unique, histogram ----

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn sort_and_argsort_are_stable_sorts_in_numpy_order(x in values(any_value(), 0..200)) {
        let mut want = x.clone();
        want.sort_by(|a, b| naive::numpy_cmp(*a, *b)); // stable
        let sorted = sorting::sort(&x).unwrap();
        // Bits, NaN payloads included: sorting moves values, it does not compute with them.
        prop_assert_eq!(bits(&sorted), bits(&want));
        let mut idx: Vec<u32> = (0..x.len() as u32).collect();
        idx.sort_by(|&i, &j| naive::numpy_cmp(x[i as usize], x[j as usize]));
        prop_assert_eq!(sorting::argsort(&x).unwrap(), idx);
    }

    #[test]
    fn unique_keeps_the_first_of_each_numpy_equal_run(x in values(any_value(), 0..200)) {
        let mut want = x.clone();
        want.sort_by(|a, b| naive::numpy_cmp(*a, *b));
        // numpy ≥ 1.21 (equal_nan=True): all NaNs collapse into one; -0.0 and 0.0 are one value.
        want.dedup_by(|later, kept| naive::numpy_cmp(*later, *kept) == Ordering::Equal);
        let got = sorting::unique(&x).unwrap();
        prop_assert_eq!(got.len(), want.len());
        prop_assert!(same_all(&got, &want));
        prop_assert!(got.windows(2).all(|w| naive::numpy_cmp(w[0], w[1]) == Ordering::Less));
    }

    #[test]
    fn histogram_counts_match_naive_binning(
        x in values(any_value(), 0..200),
        bins in 1usize..40,
        (lo, hi) in prop_oneof![
            4 => (-1e3f64..1e3, 1e-3f64..1e3).prop_map(|(lo, w)| (lo, lo + w)),
            1 => Just((-1e300, 1e300)),
            1 => Just((0.0, 1e-320)),
            1 => Just((-f64::MIN_POSITIVE, f64::MIN_POSITIVE)),
        ],
    ) {
        match stats::histogram(&x, bins, Some((lo, hi))) {
            Ok((counts, edges)) => {
                prop_assert_eq!(edges.len(), bins + 1);
                prop_assert!(edges[0] == lo && edges[bins] == hi);
                prop_assert!(edges.windows(2).all(|w| w[0] < w[1]));
                // Half-open bins [e_i, e_{i+1}), the last closed; NaN and outside values skipped.
                let mut naive = vec![0u32; bins];
                for &v in x.iter().filter(|&&v| v >= lo && v <= hi) {
                    naive[edges[1..bins].iter().filter(|&&e| e <= v).count()] += 1;
                }
                prop_assert_eq!(counts, naive);
            }
            // Only where subnormal edges collide, as in numpy.
            Err(e) => prop_assert!(
                e.kind == ErrorKind::Value && e.argument == "bins"
                    && e.to_string().starts_with("bins is too large for the data range"),
                "{}", e
            ),
        }
    }

    #[test]
    fn histogram_autodetected_range(x in values(any_value(), 1..200), bins in 1usize..20) {
        let got = stats::histogram(&x, bins, None);
        if x.iter().any(|v| !v.is_finite()) {
            prop_assert!(is_value_error(&got, "x", "x has the autodetected range ["), "{:?}", got);
        } else {
            match got {
                // Every value lies in [min, max], so each is counted once.
                Ok((counts, _)) => {
                    prop_assert_eq!(counts.iter().map(|&c| c as usize).sum::<usize>(), x.len());
                }
                // Subnormal or overflowing ranges can leave no room for distinct edges.
                Err(e) => prop_assert!(
                    e.kind == ErrorKind::Value && e.argument == "bins"
                        && e.to_string().starts_with("bins is too large for the data range"),
                    "{}", e
                ),
            }
        }
    }
}

// ---- matmul, transpose, solve, det, inv ----

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn matmul_equals_the_triple_loop_on_awkward_values(
        (m, k, n, a, b) in (0usize..7, 0usize..7, 0usize..7).prop_flat_map(|(m, k, n)| (
            Just(m), Just(k), Just(n),
            values(any_value(), m * k..m * k + 1),
            values(any_value(), k * n..k * n + 1),
        ))
    ) {
        let got = linalg::matmul(&a, &b, m, k, n).unwrap();
        prop_assert!(same_all(&got, &naive::matmul(&a, &b, m, k, n)));
    }

    #[test]
    fn transpose_moves_bits(
        (rows, cols, a) in (0usize..20, 0usize..20).prop_flat_map(|(r, c)| (
            Just(r), Just(c), values(any_value(), r * c..r * c + 1),
        ))
    ) {
        let t = linalg::transpose(&a, rows, cols).unwrap();
        for i in 0..rows {
            for j in 0..cols {
                prop_assert_eq!(t[j * rows + i].to_bits(), a[i * cols + j].to_bits());
            }
        }
    }

    #[test]
    fn solve_and_inv_reject_non_finite_input(
        (n, a, b) in (1usize..6).prop_flat_map(|n| (
            Just(n), values(any_value(), n * n..n * n + 1), values(any_value(), n..n + 1),
        ))
    ) {
        let a_finite = a.iter().all(|v| v.is_finite());
        let b_finite = b.iter().all(|v| v.is_finite());
        let x = linalg::solve(&a, &b, n);
        if !a_finite {
            prop_assert!(is_value_error(&x, "a", "a must be finite, got "), "{:?}", x);
            let inv = linalg::inv(&a, n);
            prop_assert!(is_value_error(&inv, "a", "a must be finite, got "), "{:?}", inv);
        } else if !b_finite {
            prop_assert!(is_value_error(&x, "b", "b must be finite, got "), "{:?}", x);
        } else {
            // Huge and subnormal entries: a finite solution, or singular; never NaN or inf.
            match x {
                Ok(x) => prop_assert!(x.iter().all(|v| v.is_finite())),
                Err(e) => prop_assert_eq!(e, KernelError::value("a", "is singular")),
            }
            match linalg::inv(&a, n) {
                Ok(ai) => prop_assert!(ai.iter().all(|v| v.is_finite())),
                Err(e) => prop_assert_eq!(e, KernelError::value("a", "is singular")),
            }
        }
    }

    #[test]
    fn linalg_scales_exactly_by_powers_of_two(
        (n, a, b) in (1usize..8).prop_flat_map(|n| (
            Just(n), dominant(n), prop::collection::vec(-10.0f64..10.0, n),
        )),
        k in prop_oneof![Just(-600), Just(600)],
        j in prop_oneof![Just(-300), Just(0), Just(300)],
    ) {
        // Partial pivoting and substitution commute with power-of-two scaling, so huge and tiny
        // matrices are solved exactly as well as ordinary ones.
        let sa: Vec<f64> = a.iter().map(|v| v * pow2(k)).collect();
        let sb: Vec<f64> = b.iter().map(|v| v * pow2(j)).collect();
        let x = linalg::solve(&a, &b, n).unwrap();
        let want: Vec<f64> = x.iter().map(|v| v * pow2(j - k)).collect();
        prop_assert_eq!(bits(&linalg::solve(&sa, &sb, n).unwrap()), bits(&want));
        let ai = linalg::inv(&a, n).unwrap();
        let want: Vec<f64> = ai.iter().map(|v| v * pow2(-k)).collect();
        prop_assert_eq!(bits(&linalg::inv(&sa, n).unwrap()), bits(&want));
        let kd = k / 6; // 2^(±100·n) stays in range for n < 8
        let da: Vec<f64> = a.iter().map(|v| v * pow2(kd)).collect();
        let mut want = linalg::det(&a, n).unwrap();
        for _ in 0..n {
            want *= pow2(kd);
        }
        prop_assert_eq!(linalg::det(&da, n).unwrap(), want);
    }

    #[test]
    fn det_of_diagonal_is_the_product_in_order(d in values(any_value(), 1..7)) {
        let n = d.len();
        let mut a = vec![0.0; n * n];
        for (i, &v) in d.iter().enumerate() {
            a[i * n + i] = v;
        }
        let got = linalg::det(&a, n).unwrap();
        if has_nan(&d) {
            prop_assert!(got.is_nan());
        } else if d.contains(&0.0) {
            // Exactly singular: 0, as numpy (even next to an infinity).
            prop_assert_eq!(got, 0.0);
        } else {
            // Huge pivots overflow to ±inf, subnormal ones underflow, as numpy's det does.
            let want = d.iter().fold(1.0, |acc, &v| acc * v);
            prop_assert!(same(got, want), "{} vs {}", got, want);
        }
    }
}

// ---- fft, ifft, convolve, moving_average ----

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn fft_spreads_non_finite_values_to_every_bin(
        x in values(any_value(), 1..80),
        im in values(bounded_value(), 80..81),
    ) {
        // Every output depends on every input: NaN or inf anywhere leaves no bin finite
        // (numpy: the same, though which of re and im is NaN can differ).
        let im = &im[..x.len()];
        for (re, im) in [(&x[..], None), (&x[..], Some(im)), (im, Some(&x[..]))] {
            let out = signal::fft(re, im).unwrap();
            let non_finite = re.iter().chain(im.unwrap_or(&[])).any(|v| !v.is_finite());
            let bin_finite = |p: &[f64]| p[0].is_finite() && p[1].is_finite();
            if non_finite {
                prop_assert!(out.chunks_exact(2).all(|p| !bin_finite(p)));
                let back = signal::ifft(&out).unwrap();
                prop_assert!(back.chunks_exact(2).all(|p| !bin_finite(p)));
            }
        }
    }

    #[test]
    fn fft_scales_exactly_by_powers_of_two(
        pairs in prop::collection::vec((-10.0f64..10.0, -10.0f64..10.0), 1..70),
        k in prop_oneof![Just(-600), Just(600)],
    ) {
        // Linear with exact power-of-two scaling: huge and tiny inputs transform as accurately
        // as ordinary ones, in every algorithm (radix, Rader, Bluestein).
        let (re, im): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
        let scale = |x: &[f64], e: i32| -> Vec<f64> { x.iter().map(|v| v * pow2(e)).collect() };
        let out = signal::fft(&re, Some(&im)).unwrap();
        let big = signal::fft(&scale(&re, k), Some(&scale(&im, k))).unwrap();
        prop_assert_eq!(bits(&big), bits(&scale(&out, k)));
        prop_assert_eq!(bits(&signal::ifft(&big).unwrap()), bits(&scale(&signal::ifft(&out).unwrap(), k)));
    }

    #[test]
    fn fft_of_huge_finite_values_stays_finite(x in values(finite_value(), 1..64)) {
        // |x| ≤ f64::MAX/1.1 and n < 64 keep every partial sum below 64 · 1e300: no overflow.
        let x: Vec<f64> = x.iter().map(|&v| if v.abs() > 1e300 { v / 1.8e8 } else { v }).collect();
        prop_assert!(signal::fft(&x, None).unwrap().iter().all(|v| v.is_finite()));
    }

    #[test]
    fn subnormals_survive_an_fft_round_trip(k in subnormal_units(1..70)) {
        // Flushing to zero would lose them entirely; rounding in the subnormal range costs at
        // most a few units of 2^-1074 per point.
        let x: Vec<f64> = k.iter().map(|&k| k as f64 * TINY).collect();
        let back = signal::ifft(&signal::fft(&x, None).unwrap()).unwrap();
        let tol = 16.0 * x.len() as f64 * TINY;
        for (i, &v) in x.iter().enumerate() {
            prop_assert!((back[2 * i] - v).abs() <= tol, "{}: {} vs {}", i, back[2 * i], v);
            prop_assert!(back[2 * i + 1].abs() <= tol);
        }
    }

    #[test]
    fn convolve_direct_sum_follows_ieee(
        a in values(bounded_value(), 1..100),
        v in values(bounded_value(), 1..100),
    ) {
        // Non-finite inputs always take the direct sum, so NaN and inf reach exactly the
        // outputs numpy's direct sum gives them (bounded values: no finite overflow).
        let got = signal::convolve(&a, &v, ConvolveMode::Full).unwrap();
        let want = naive::convolve_full_sums(&a, &v);
        prop_assert_eq!(got.len(), want.len());
        let finite = |x: &[f64]| -> Vec<f64> { x.iter().copied().filter(|t| t.is_finite()).collect() };
        let scale = max_abs(&finite(&a)) * finite(&v).iter().map(|x| x.abs()).sum::<f64>();
        for (t, (&g, &w)) in got.iter().zip(&want).enumerate() {
            if w.is_finite() {
                prop_assert!((g - w).abs() <= 1e-12 * scale + 4.0 * TINY, "{}: {} vs {}", t, g, w);
            } else {
                prop_assert!(same(g, w), "{}: {} vs {}", t, g, w);
            }
        }
    }

    #[test]
    fn convolve_fft_path_is_accurate_for_huge_and_subnormal_inputs(
        (a, v) in (65usize..160, 65usize..160).prop_flat_map(|(m, n)| (
            prop::collection::vec(-1.0f64..1.0, m),
            prop::collection::vec(-1.0f64..1.0, n),
        )),
        (ea, ev) in prop_oneof![
            Just((0, 0)), Just((1000, -40)), Just((-40, 1000)), Just((500, 400)),
            Just((-1060, 0)), Just((0, -1070)), Just((-500, -500)),
        ],
    ) {
        // Long inputs go through the FFT; scaled by 2^ea and 2^ev they must still agree with
        // the direct sum to 1e-12 of max|a|·Σ|v| (and never overflow to inf or NaN). In the
        // subnormal range the reference itself rounds each of its products to a multiple of
        // 2^-1074, hence the absolute allowance.
        let scale_by = |x: &[f64], e: i32| -> Vec<f64> {
            x.iter().map(|t| if e < -1000 { t * pow2(e + 100) * pow2(-100) } else { t * pow2(e) }).collect()
        };
        let (a, v) = (scale_by(&a, ea), scale_by(&v, ev));
        let got = signal::convolve(&a, &v, ConvolveMode::Full).unwrap();
        let want = naive::convolve_full_sums(&a, &v);
        let terms = a.len().min(v.len()) as f64;
        let tol = 1e-12 * max_abs(&a) * v.iter().map(|x| x.abs()).sum::<f64>() + terms * TINY;
        prop_assert!(got.iter().all(|x| x.is_finite()));
        for (t, (&g, &w)) in got.iter().zip(&want).enumerate() {
            prop_assert!((g - w).abs() <= tol, "{}: {} vs {} (tol {})", t, g, w, tol);
        }
    }

    #[test]
    fn moving_average_follows_ieee_window_by_window(
        x in values(bounded_value(), 1..200),
        w_frac in 0.0f64..1.0,
    ) {
        let w = 1 + ((x.len() - 1) as f64 * w_frac) as usize;
        let got = signal::moving_average(&x, w).unwrap();
        prop_assert_eq!(got.len(), x.len() - w + 1);
        let inv = 1.0 / w as f64;
        for (i, &g) in got.iter().enumerate() {
            let win = &x[i..i + w];
            if has_nan(win) {
                prop_assert!(g.is_nan(), "{}: {}", i, g);
            } else if let Some(want) = infinite_outcome(win.iter().copied()) {
                prop_assert!(same(g, want), "{}: {} vs {}", i, g, want);
            } else {
                let want: f64 = win.iter().map(|v| v * inv).sum();
                let mag: f64 = win.iter().map(|v| v.abs()).sum::<f64>() * inv;
                prop_assert!((g - want).abs() <= 1e-12 * mag + 2.0 * TINY, "{}: {} vs {}", i, g, want);
            }
        }
    }

    #[test]
    fn moving_average_recovers_after_huge_values_leave_the_window(
        x in values(prop_oneof![8 => ordinary(), 1 => Just(1e300), 1 => Just(-1e300)], 2..200),
        w in 1usize..8,
    ) {
        // Compensated running sum: once 1e300 has left the window the small values are exact
        // again (a plain running sum would have lost them for good).
        prop_assume!(w <= x.len());
        let got = signal::moving_average(&x, w).unwrap();
        let inv = 1.0 / w as f64;
        for (i, &g) in got.iter().enumerate() {
            let win = &x[i..i + w];
            let mag: f64 = win.iter().map(|v| v.abs()).sum::<f64>() * inv;
            let want: f64 = win.iter().map(|v| v * inv).sum();
            if win.iter().all(|v| v.abs() < 1e300) {
                prop_assert!((g - want).abs() <= 1e-12 * mag, "{}: {} vs {}", i, g, want);
            } else {
                prop_assert!(g.is_finite());
            }
        }
    }

    #[test]
    fn moving_average_of_subnormals_is_exact(k in subnormal_units(1..200), w_frac in 0.0f64..1.0) {
        // Terms x·(1/w) round once, like numpy's; their sums stay exact.
        let x: Vec<f64> = k.iter().map(|&k| k as f64 * TINY).collect();
        let w = 1 + ((x.len() - 1) as f64 * w_frac) as usize;
        let inv = 1.0 / w as f64;
        for (i, &g) in signal::moving_average(&x, w).unwrap().iter().enumerate() {
            let want: f64 = x[i..i + w].iter().map(|v| v * inv).sum();
            prop_assert_eq!(g, want, "window {}", i);
        }
    }
}

// ---- image filters ----

/// An image whose bytes are mostly the extremes 0 and 255.
fn extreme_image() -> impl Strategy<Value = (usize, usize, Vec<u8>)> {
    (1usize..9, 1usize..9).prop_flat_map(|(w, h)| {
        let byte = prop_oneof![3 => Just(0u8), 3 => Just(255u8), 1 => any::<u8>()];
        (Just(w), Just(h), prop::collection::vec(byte, 4 * w * h))
    })
}

fn luma(p: &[u8]) -> f64 {
    0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2])
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn gaussian_sigma_must_be_in_range(
        sigma in prop_oneof![
            prop::sample::select(
                awkward().into_iter().filter(|&v| !(v > 0.0 && v <= 1.0)).collect::<Vec<_>>()
            ),
            -1e3f64..0.0,
            1000.0001f64..1e6,
        ],
    ) {
        let got = image::gaussian_blur(&[1, 2, 3, 4], 1, 1, sigma);
        prop_assert!(is_value_error(&got, "sigma", "sigma must be in (0, 1000], got "), "{:?}", got);
    }

    #[test]
    fn gaussian_with_subnormal_or_tiny_sigma_is_the_identity(
        (w, h, img) in extreme_image(),
        sigma in prop_oneof![
            prop::sample::select(
                awkward().into_iter().filter(|&v| v > 0.0 && v < 1e-300).collect::<Vec<_>>()
            ),
            1e-6f64..0.2,
        ],
    ) {
        prop_assert_eq!(image::gaussian_blur(&img, w, h, sigma).unwrap(), img);
    }

    #[test]
    fn gaussian_with_the_largest_sigma_stays_within_each_channel(
        (w, h, img) in extreme_image(),
        sigma in prop_oneof![Just(image::GAUSSIAN_MAX_SIGMA), 50.0f64..1000.0],
    ) {
        // Weights are positive and sum to 1: every output lies within its channel's range.
        let out = image::gaussian_blur(&img, w, h, sigma).unwrap();
        for c in 0..4 {
            let channel = img.iter().skip(c).step_by(4);
            let (lo, hi) = (*channel.clone().min().unwrap(), *channel.max().unwrap());
            prop_assert!(out.iter().skip(c).step_by(4).all(|&v| (lo..=hi).contains(&v)));
        }
    }

    #[test]
    fn grayscale_and_sobel_saturate_instead_of_wrapping((w, h, img) in extreme_image()) {
        let gray = image::grayscale(&img, w, h).unwrap();
        for (g, p) in gray.chunks_exact(4).zip(img.chunks_exact(4)) {
            let v = (luma(p) + 0.5).floor() as u8;
            prop_assert_eq!(g, &[v, v, v, p[3]][..]);
        }
        let edges = image::sobel(&img, w, h).unwrap();
        let l = |x: i64, y: i64| {
            let (x, y) = (x.clamp(0, w as i64 - 1) as usize, y.clamp(0, h as i64 - 1) as usize);
            luma(&img[(y * w + x) * 4..])
        };
        for y in 0..h as i64 {
            for x in 0..w as i64 {
                let gx = (l(x + 1, y - 1) + 2.0 * l(x + 1, y) + l(x + 1, y + 1))
                    - (l(x - 1, y - 1) + 2.0 * l(x - 1, y) + l(x - 1, y + 1));
                let gy = (l(x - 1, y + 1) + 2.0 * l(x, y + 1) + l(x + 1, y + 1))
                    - (l(x - 1, y - 1) + 2.0 * l(x, y - 1) + l(x + 1, y - 1));
                let want = ((gx * gx + gy * gy).sqrt() + 0.5).floor().min(255.0) as u8;
                let p = (y as usize * w + x as usize) * 4;
                prop_assert_eq!(&edges[p..p + 4], &[want, want, want, 255][..]);
            }
        }
    }
}

// ---- impossible sizes: errors, never an abort ----

#[test]
fn absurd_sizes_are_errors_of_the_right_kind() {
    // 2^60 bins: the edges alone would take 8 EiB.
    assert!(is_memory_error(
        &stats::histogram(&[1.0], 1 << 60, Some((0.0, 1.0))),
        "bins"
    ));
    // k = 0 needs no input, yet the m×n result is 2^56 or 2^60 floats.
    assert!(is_memory_error(
        &linalg::matmul(&[], &[], 1 << 28, 0, 1 << 28),
        "n"
    ));
    assert!(is_memory_error(
        &linalg::matmul(&[], &[], 1 << 30, 0, 1 << 30),
        "n"
    ));
    // Dimensions whose product overflows usize are bad values, as numpy's "array is too big".
    assert!(is_value_error(
        &linalg::matmul(&[], &[], 1 << 40, 1 << 40, 0),
        "m",
        "m and k are too large: m*k overflows"
    ));
    assert!(is_value_error(
        &linalg::transpose(&[], usize::MAX, 2),
        "cols",
        "cols and rows are too large: rows*cols overflows"
    ));
    assert!(is_value_error(
        &linalg::inv(&[], 1 << 33),
        "n",
        "n is too large: n*n overflows"
    ));
    // Windows longer than the input are bad values, however long.
    assert!(is_value_error(
        &signal::moving_average(&[1.0, 2.0], usize::MAX),
        "window",
        "window must be in [1, len(x)] (2), got "
    ));
    assert!(is_value_error(
        &sieve::primes(u64::from(u32::MAX)),
        "n",
        "n must be at most 1000000000"
    ));
}

// ---- float32 fft, ifft, convolve ----

/// `x` widened to f64 (exactly).
fn widen(x: &[f32]) -> Vec<f64> {
    x.iter().map(|&v| f64::from(v)).collect()
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn fft_f32_matches_the_dft_within_float32_rounding(
        pairs in prop::collection::vec((-10.0f32..10.0, -10.0f32..10.0), 1..200),
        real in any::<bool>(),
    ) {
        // Real input of even length takes the real-input transform, the rest the complex one.
        let (re, im): (Vec<f32>, Vec<f32>) = pairs.into_iter().unzip();
        let n = re.len();
        let zeros = vec![0.0; n];
        let im64 = if real { zeros.clone() } else { widen(&im) };
        let want = naive::dft(&widen(&re), &im64);
        let got = signal::fft_f32(&re, if real { None } else { Some(&im) }).unwrap();
        let tol = 1e-6 * max_abs(&want).max(1.0) * (1.0 + (n as f64).log2());
        prop_assert_eq!(got.len(), 2 * n);
        for (i, (&g, &w)) in got.iter().zip(&want).enumerate() {
            prop_assert!((f64::from(g) - w).abs() <= tol, "{}: {} vs {}", i, g, w);
        }
        // And back: ifft_f32 ∘ fft_f32 is the identity within float32 rounding.
        let back = signal::ifft_f32(&got).unwrap();
        let scale = max_abs(&widen(&re)).max(max_abs(&im64)).max(1e-30);
        for (k, p) in back.chunks_exact(2).enumerate() {
            prop_assert!((f64::from(p[0]) - f64::from(re[k])).abs() <= 1e-6 * scale * (1.0 + (n as f64).log2()));
            prop_assert!((f64::from(p[1]) - im64[k]).abs() <= 1e-6 * scale * (1.0 + (n as f64).log2()));
        }
    }

    #[test]
    fn fft_f32_spreads_non_finite_values_to_every_bin(
        x in prop::collection::vec(-10.0f32..10.0, 1..80),
        at in any::<prop::sample::Index>(),
        bad in prop_oneof![Just(f32::NAN), Just(f32::INFINITY), Just(f32::NEG_INFINITY)],
    ) {
        let mut x = x;
        let i = at.index(x.len());
        x[i] = bad;
        let out = signal::fft_f32(&x, None).unwrap();
        prop_assert!(out.chunks_exact(2).all(|p| !(p[0].is_finite() && p[1].is_finite())));
    }

    #[test]
    fn convolve_f32_matches_the_direct_sum_within_float32_rounding(
        a in prop::collection::vec(-100.0f32..100.0, 1..400),
        v in prop::collection::vec(-100.0f32..100.0, 1..200),
    ) {
        // Both routes: the direct sum (shorter input up to 64 points) and overlap-add FFT.
        let (a64, v64) = (widen(&a), widen(&v));
        let scale = max_abs(&a64) * v64.iter().map(|x| x.abs()).sum::<f64>();
        let terms = a.len().min(v.len()) as f64;
        let tol = 6e-8 * (terms + 64.0) * scale.max(1e-30);
        for (mode, name) in [
            (ConvolveMode::Full, "full"),
            (ConvolveMode::Same, "same"),
            (ConvolveMode::Valid, "valid"),
        ] {
            let got = signal::convolve_f32(&a, &v, mode).unwrap();
            let want = naive::convolve(&a64, &v64, name);
            prop_assert_eq!(got.len(), want.len());
            for (t, (&g, &w)) in got.iter().zip(&want).enumerate() {
                prop_assert!((f64::from(g) - w).abs() <= tol, "{} {}: {} vs {}", name, t, g, w);
            }
        }
    }
}
