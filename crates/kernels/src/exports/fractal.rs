//! Generators without array inputs: mandelbrot, primes.
//!
//! The exports of this family, declared once for both bindings (see [`crate::exports`]).

/// Invokes `$declare! { … }` with this family's export declarations.
#[macro_export]
macro_rules! fractal_exports {
    ($declare:ident) => {
        $declare! {
            /// Escape-time counts of the Mandelbrot set on a `w`×`h` grid of pixel centres over
            /// [xMin, xMax]×[yMin, yMax], row-major; `maxIter` caps the count. No numpy equivalent.
            /// Errors: an empty or too large grid, bounds not finite, `maxIter` of 2³² or more
            /// (RangeError / ValueError).
            #[js_name = "mandelbrot"]
            fn mandelbrot(w: Size, h: Size, x_min: Finite, x_max: Finite, y_min: Finite, y_max: Finite, max_iter: Size) -> U32Vec {
                let max_iter = $crate::args::max_iter(max_iter)?;
                $crate::fractal::mandelbrot(&$crate::fractal::MandelbrotView { width: w, height: h, x_min, x_max, y_min, y_max, max_iter })
            }

            /// All primes `≤ n` in ascending order (sieve of Eratosthenes). Errors: `n` above 10⁹
            /// (RangeError / ValueError).
            #[js_name = "primes"]
            fn primes(n: Count) -> U32Vec { $crate::sieve::primes(n) }
        }
    };
}
