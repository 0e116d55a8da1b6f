//! Moving average in O(n), with compensated sums.

use crate::alloc;
use crate::check;
use crate::error::{KernelError, KernelResult};

/// The shape check of [`moving_average`], on the length of `x` and `window` only: `x` not empty,
/// then `window` in `[1, len(x)]`.
///
/// Errors, of kind value: `x must not be empty`; `window must be in [1, len(x)] (5), got 9`.
pub fn check_moving_average(len: usize, window: usize) -> KernelResult<()> {
    check::non_empty_len("x", len)?;
    if window == 0 || window > len {
        return Err(KernelError::value(
            "window",
            format!("must be in [1, len(x)] ({len}), got {window}"),
        ));
    }
    Ok(())
}

/// Means of every window of `window` consecutive elements of `x`:
/// `np.convolve(x, np.ones(window) / window, "valid")`, length `len(x) − window + 1`.
///
/// Computed in O(n) from the terms `x[i]·(1/window)`: `x` is cut into blocks of `window`
/// elements, and each window is a suffix of one block plus a prefix of the next, both summed with
/// Neumaier compensation. Only the window's own elements enter its sum (nothing is subtracted),
/// so it agrees with the windowed sum to about 1e-15 of the window's mean magnitude however large
/// the values around it, and NaN and infinities affect exactly the windows that contain them
/// (NaN, ±inf, or NaN for inf − inf), as in numpy.
///
/// Errors: empty `x` (`x must not be empty`); `window` outside `[1, len(x)]`
/// (`window must be in [1, len(x)] (5), got 9`); no memory for the result (argument `x`) or
/// the window's partial sums (argument `window`).
pub fn moving_average(x: &[f64], window: usize) -> KernelResult<Vec<f64>> {
    check_moving_average(x.len(), window)?;
    let len = x.len() - window + 1;
    let mut out = alloc::with_capacity("x", len)?;
    let scale = 1.0 / window as f64;
    // suffix[k]: sum of the block's terms from its k-th on.
    let mut suffix = alloc::filled("window", window, CompensatedSum::default())?;
    for start in (0..len).step_by(window) {
        let mut acc = CompensatedSum::default();
        for (s, &v) in suffix.iter_mut().zip(&x[start..start + window]).rev() {
            acc.add(v * scale);
            *s = acc;
        }
        // The window starting k elements into the block ends k elements into the next one.
        let next = &x[start + window..];
        let mut prefix = CompensatedSum::default();
        for (k, &s) in suffix.iter().enumerate().take(len - start) {
            if k > 0 {
                prefix.add(next[k - 1] * scale);
            }
            out.push(s.plus(prefix).value());
        }
    }
    Ok(out)
}

/// A sum with Neumaier compensation: `sum + comp` carries the rounding errors of the additions.
#[derive(Debug, Default, Clone, Copy)]
struct CompensatedSum {
    sum: f64,
    comp: f64,
}

impl CompensatedSum {
    fn add(&mut self, t: f64) {
        let s = self.sum + t;
        self.comp += if self.sum.abs() >= t.abs() {
            (self.sum - s) + t
        } else {
            (t - s) + self.sum
        };
        self.sum = s;
    }

    /// Both sums together.
    fn plus(mut self, other: Self) -> Self {
        self.add(other.sum);
        self.comp += other.comp;
        self
    }

    /// The compensated value; once the plain sum is NaN or ±inf (which it then stays), that sum
    /// alone, since the compensation is meaningless there.
    fn value(self) -> f64 {
        if self.sum.is_finite() {
            self.sum + self.comp
        } else {
            self.sum
        }
    }
}
