//! Generators without array inputs: mandelbrot, primes.

use fastwasm_kernels::fractal::{self, MandelbrotView};
use fastwasm_kernels::{args, sieve};

use crate::params::{Count, Finite, Size, U32Vec};

kernel_exports! {
    /// Escape-time counts of the Mandelbrot set on a `w`×`h` grid of pixel centres over
    /// [xMin, xMax]×[yMin, yMax], row-major; `maxIter` caps the count. No numpy equivalent.
    /// Errors: an empty or too large grid, bounds not finite, `maxIter` of 2³² or more
    /// (RangeError).
    #[js_name = "mandelbrot"]
    fn mandelbrot(w: Size, h: Size, x_min: Finite, x_max: Finite, y_min: Finite, y_max: Finite, max_iter: Size) -> U32Vec {
        let max_iter = args::max_iter(max_iter)?;
        fractal::mandelbrot(&MandelbrotView { width: w, height: h, x_min, x_max, y_min, y_max, max_iter })
    }

    /// All primes `≤ n` in ascending order (sieve of Eratosthenes). Errors: `n` above 10⁹
    /// (RangeError).
    #[js_name = "primes"]
    fn primes(n: Count) -> U32Vec { sieve::primes(n) }
}
