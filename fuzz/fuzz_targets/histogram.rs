//! `histogram` on arbitrary floats (NaN, infinities, subnormals), bin counts from 0 to
//! overflowing and arbitrary ranges: counts add up to the values in range, each value lands in
//! the bin its edges say, edges are increasing from `lo` to `hi`.
#![no_main]

use arbitrary::Arbitrary;
use fastwasm_fuzz::input::{Float, Floats};
use fastwasm_fuzz::{assert_same_list, expect_err, unallocatable, MAX_OUTPUT};
use fastwasm_kernels::stats::histogram;
use fastwasm_kernels::ErrorKind;
use libfuzzer_sys::fuzz_target;

/// Longest `x` built from a repeated pattern.
const MAX_LEN: usize = 4096;

#[derive(Debug, Clone, Copy, Arbitrary)]
enum Bins {
    /// 0 to 255 (0 is an error).
    Small(u8),
    /// 0 to 65536.
    Large(u32),
    /// A power of two up to `MAX_OUTPUT`.
    PowerOfTwo(u8),
    /// `usize::MAX − d`: no allocator can hold that many edges.
    Overflowing(u16),
}

#[derive(Debug, Arbitrary)]
struct Input {
    x: Floats,
    bins: Bins,
    range: Option<(Float, Float)>,
}

fuzz_target!(|input: Input| {
    let x = input.x.build(MAX_LEN);
    let bins = match input.bins {
        Bins::Small(b) => usize::from(b),
        Bins::Large(b) => b as usize % 65_537,
        Bins::PowerOfTwo(e) => MAX_OUTPUT >> (e % 21),
        Bins::Overflowing(d) => usize::MAX - usize::from(d),
    };
    let range = input.range.map(|(lo, hi)| (lo.get(), hi.get()));
    let result = histogram(&x, bins, range);

    if bins == 0 {
        expect_err(result, ErrorKind::Value, &["bins"]);
        return;
    }
    let Some((lo, hi)) = expected_range(&x, range) else {
        // A bad range given, or none and data with NaN or infinity.
        let blamed = if range.is_some() { "range" } else { "x" };
        expect_err(result, ErrorKind::Value, &[blamed]);
        return;
    };
    if unallocatable::<f64>(bins.saturating_add(1)) {
        expect_err(result, ErrorKind::Memory, &["bins"]);
        return;
    }
    let (counts, edges) = match result {
        Ok(ok) => ok,
        Err(e) => {
            // The one error left: edges that are not strictly increasing. Impossible when the
            // step is several ulps of the range's ends (each edge is off by at most 1.5 ulps)
            // and its own rounding, times the number of bins, stays below one step (so the
            // last computed edge stays below `hi`).
            let e = expect_err(Err::<(), _>(e), ErrorKind::Value, &["bins"]);
            assert!(
                e.detail.starts_with("is too large for the data range"),
                "unexpected error {e:?}"
            );
            let ulp = |v: f64| v.abs().next_up() - v.abs();
            let step = (hi - lo) / bins as f64;
            assert!(
                step.is_infinite()
                    || step < 4.0 * ulp(lo.abs().max(hi.abs()))
                    || bins as f64 * ulp(step) > step,
                "refused {bins} bins over [{lo:e}, {hi:e}]"
            );
            return;
        }
    };
    assert_eq!(counts.len(), bins);
    assert_eq!(edges.len(), bins + 1);
    assert_eq!(edges[bins], hi, "last edge");
    // numpy's first edge is 0·step + lo, NaN when hi − lo overflows (step = inf).
    assert!(
        edges[0] == lo || (edges[0].is_nan() && (hi - lo).is_infinite()),
        "first edge {:e} for lo = {lo:e}",
        edges[0]
    );
    for (i, w) in edges.windows(2).enumerate() {
        assert!(
            w[0] < w[1] || w[0].is_nan(),
            "edges {i} and {} not increasing",
            i + 1
        );
    }
    assert!(edges[1..].iter().all(|&e| lo <= e && e <= hi));

    let in_range: Vec<f64> = x.iter().copied().filter(|&v| lo <= v && v <= hi).collect();
    let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
    assert_eq!(
        total,
        in_range.len() as u64,
        "counts must add up to the values in range"
    );
    // Bin of v: the number of interior edges ≤ v (half-open bins, the last one closed).
    let mut want = vec![0u32; bins];
    for &v in &in_range {
        want[edges[1..bins].partition_point(|&e| e <= v)] += 1;
    }
    assert_same_list(&counts, &want, "counts vs binning by the edges");
});

/// The range numpy uses, or `None` when it must be refused: the given one (finite, `lo ≤ hi`)
/// or the data's (finite; `(0, 1)` for no data), widened by ½ each way when `lo == hi`.
fn expected_range(x: &[f64], range: Option<(f64, f64)>) -> Option<(f64, f64)> {
    let (lo, hi) = match range {
        Some(r) => r,
        None if x.is_empty() => (0.0, 1.0),
        None => {
            if x.iter().any(|v| v.is_nan()) {
                return None;
            }
            let lo = x.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            (lo, hi)
        }
    };
    if !(lo <= hi && lo.is_finite() && hi.is_finite()) {
        return None;
    }
    Some(if lo == hi {
        (lo - 0.5, hi + 0.5)
    } else {
        (lo, hi)
    })
}
