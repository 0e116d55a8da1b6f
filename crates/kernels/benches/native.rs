//! Native Rust column of the benchmark table: the same kernels, on the same inputs, with the same
//! timing rules as the browser suite (`www/suite.js`).
//!
//! ```text
//! cargo bench -p fastwasm-kernels --bench native -- [--sizes small,medium,large,xl] [--families stats,dot] [--out FILE]
//! cargo bench -p fastwasm-kernels --bench native -- --print-inputs small[,medium,large]
//! cargo bench -p fastwasm-kernels --features threads --bench native -- --threads-ratio ROUNDS [--sizes xl] [--families matmul,sort,blur,mandelbrot,unique]
//! ```
//!
//! The first form times every selected (family, size), prints a table to stderr and writes a JSON
//! array of `{ family, size, impl: "native", times, median, min, max, runs, summary }` to `--out`
//! (default stdout). Besides the families of the suite it knows the native-only families of
//! scripts/bench.mjs (`NATIVE_FAMILIES`: median, quantile, var, histogram, unique, cumsum), which
//! the browser page does not time: they run only when named in `--families`. The second prints fingerprints of the generated inputs (and the size
//! parameters) so that they can be checked against the ones `www/suite.js` generates. The third
//! (feature `threads`, Linux) times the threaded kernels on a pool of one thread and on a pool of
//! two in one process, alternating, and prints both medians, the speed-up, and the speed-up implied
//! by the threads' CPU times, which a busy machine disturbs less than the wall times.
//!
//! Built for the host with the default (baseline x86-64, SSE2) target features: no
//! `-C target-cpu=native`, to be comparable with wasm SIMD128. Not built for wasm32.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;
    use std::io::Write;
    use std::time::Instant;

    use fastwasm_kernels::fractal::{self, MandelbrotView};
    use fastwasm_kernels::signal::{self, ConvolveMode};
    use fastwasm_kernels::KernelResult;
    use fastwasm_kernels::{image, linalg, reduce, sieve, sorting, stats, text};
    use serde_json::{json, Value};

    // --- the suite: mirrors www/suite.js ----------------------------------------------------------

    /// Size names, in table order (`SIZE_NAMES` in www/suite.js).
    const SIZE_NAMES: [&str; 4] = ["small", "medium", "large", "xl"];

    /// Parameters of one family at one size. Mirrors `FAMILIES[*].sizes` in www/suite.js; the
    /// `--print-inputs` fingerprints include them, so a drift shows up in that comparison.
    #[derive(Debug, Clone, Copy)]
    enum Params {
        N(usize),
        NK(usize, usize),
        Image { w: usize, h: usize, sigma: f64 },
        Picture { w: usize, h: usize },
        Mandel { w: usize, h: usize, max_iter: u32 },
    }

    /// Family ids in table order: `FAMILIES` in www/suite.js, then `NATIVE_FAMILIES` of
    /// scripts/bench.mjs (timed natively only, on the floats of "stats").
    const FAMILIES: [&str; 19] = [
        "stats",
        "dot",
        "sort",
        "matmul",
        "fft",
        "convolve",
        "blur",
        "grayscale",
        "sobel",
        "mandelbrot",
        "primes",
        "levenshtein",
        "wordcounts",
        "median",
        "quantile",
        "var",
        "histogram",
        "unique",
        "cumsum",
    ];

    /// The families run when `--families` is not given: the suite's (not the native-only ones).
    const SUITE_FAMILIES: usize = 13;

    /// The quantile of the "quantile" family (`NATIVE_FAMILIES` of scripts/bench.mjs).
    const QUANTILE_Q: f64 = 0.9;

    /// The bin count of the "histogram" family (range: the data's min and max).
    const HISTOGRAM_BINS: usize = 100;

    /// The "unique" family's values are the floats of "stats" rounded down to a multiple of
    /// `1 / UNIQUE_STEPS` (exact in float64): `UNIQUE_STEPS` distinct values, many repeats.
    const UNIQUE_STEPS: f64 = 1024.0;

    /// `FAMILIES.find(f => f.id === family).sizes[size]` of www/suite.js.
    fn params(family: &str, size: &str) -> Params {
        let i = SIZE_NAMES
            .iter()
            .position(|&s| s == size)
            .expect("size name");
        let pick = |v: [Params; 4]| v[i];
        use Params::*;
        match family {
            "stats" | "dot" | "sort" | "median" | "quantile" | "var" | "histogram" | "unique"
            | "cumsum" => pick([N(1_000), N(100_000), N(1_000_000), N(10_000_000)]),
            "matmul" => pick([N(32), N(128), N(512), N(1_024)]),
            "fft" => pick([N(1_024), N(16_384), N(262_144), N(1_048_576)]),
            "convolve" => pick([
                NK(1_000, 31),
                NK(10_000, 31),
                NK(100_000, 31),
                NK(1_000_000, 255),
            ]),
            "blur" => pick([
                Image {
                    w: 64,
                    h: 48,
                    sigma: 2.0,
                },
                Image {
                    w: 160,
                    h: 120,
                    sigma: 2.0,
                },
                Image {
                    w: 320,
                    h: 240,
                    sigma: 2.0,
                },
                Image {
                    w: 1_920,
                    h: 1_080,
                    sigma: 3.0,
                },
            ]),
            "grayscale" | "sobel" => pick([
                Picture { w: 64, h: 48 },
                Picture { w: 320, h: 240 },
                Picture { w: 1_280, h: 720 },
                Picture { w: 1_920, h: 1_080 },
            ]),
            "mandelbrot" => pick([
                Mandel {
                    w: 80,
                    h: 60,
                    max_iter: 100,
                },
                Mandel {
                    w: 240,
                    h: 180,
                    max_iter: 100,
                },
                Mandel {
                    w: 480,
                    h: 360,
                    max_iter: 100,
                },
                Mandel {
                    w: 1_920,
                    h: 1_080,
                    max_iter: 256,
                },
            ]),
            "primes" => pick([N(10_000), N(1_000_000), N(10_000_000), N(100_000_000)]),
            "levenshtein" => pick([N(100), N(500), N(2_000), N(10_000)]),
            "wordcounts" => pick([
                NK(1_000, 10),
                NK(100_000, 10),
                NK(1_000_000, 10),
                NK(2_250_000, 10),
            ]),
            _ => panic!("unknown kernel family {family}"),
        }
    }

    /// `MANDELBROT_VIEW` of www/suite.js.
    const VIEW: (f64, f64, f64, f64) = (-2.2, 0.8, -1.125, 1.125);

    // --- inputs: line-by-line ports of the generators in www/suite.js ------------------------------

    /// `xorshift32(seed)`: a seed of 0 becomes 1; shifts 13, 17, 5 on a uint32 state.
    struct XorShift32(u32);

    impl XorShift32 {
        fn new(seed: u32) -> Self {
            XorShift32(if seed == 0 { 1 } else { seed })
        }

        fn next(&mut self) -> u32 {
            let mut s = self.0;
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            self.0 = s;
            s
        }
    }

    /// `uniform(n, seed)`: n floats `uint32 / 2^32` (exact in float64).
    fn uniform(n: usize, seed: u32) -> Vec<f64> {
        let mut rng = XorShift32::new(seed);
        (0..n)
            .map(|_| rng.next() as f64 / 4_294_967_296.0)
            .collect()
    }

    /// JS `Math.floor(a / b)` for integers: rounds toward −∞ whatever the signs.
    fn floor_div(a: i64, b: i64) -> i64 {
        let q = a / b;
        if a % b != 0 && ((a < 0) != (b < 0)) {
            q - 1
        } else {
            q
        }
    }

    /// `landscape(w, h, seed = 7)`: RGBA bytes of a sky, a sun, two hill ranges and noise.
    fn landscape(w: usize, h: usize, seed: u32) -> Vec<u8> {
        let mut rng = XorShift32::new(seed);
        let mut out = vec![0u8; w * h * 4];
        let (wi, hi) = (w as i64, h as i64);
        let sun_x = floor_div(wi * 7, 10);
        let sun_y = floor_div(hi * 3, 10);
        let sun_r = floor_div(hi * 12, 100);
        // JS `%` keeps the sign of the dividend, like Rust's `%`.
        let bump = |x: i64, period: i64| -> i64 {
            let d = (x % period) - floor_div(period, 2);
            floor_div(
                d * d * floor_div(hi, 10),
                1.max(floor_div(period * period, 4)),
            )
        };
        // Uint8ClampedArray stores clamp to [0, 255] (every value here is an integer).
        let clamp = |v: i64| v.clamp(0, 255) as u8;
        for y in 0..hi {
            for x in 0..wi {
                let noise = (rng.next() & 15) as i64;
                let far = floor_div(hi * 55, 100) + bump(x, 2.max(floor_div(wi, 2)));
                let near =
                    floor_div(hi * 72, 100) + bump(x + floor_div(wi, 5), 2.max(floor_div(wi, 3)));
                let (r, g, b) = if y > near {
                    (40 + noise, 110 + ((x * 3 + y) % 20) + noise, 40)
                } else if y > far {
                    (70 + noise, 140 + noise, 60 + ((x + y) % 10))
                } else if (x - sun_x).pow(2) + (y - sun_y).pow(2) <= sun_r * sun_r {
                    (255, 220 + (noise >> 1), 120)
                } else {
                    let t = floor_div(y * 255, hi);
                    (90 + (t >> 2) + (noise >> 2), 150 + (t >> 3), 235 - (t >> 3))
                };
                let i = (4 * (y * wi + x)) as usize;
                out[i] = clamp(r);
                out[i + 1] = clamp(g);
                out[i + 2] = clamp(b);
                out[i + 3] = 255;
            }
        }
        out
    }

    const ALPHABET: &[u8; 4] = b"acgt";

    /// `stringPair(n, seed = 11)`: n letters of "acgt" and a copy with about n/10 edits.
    fn string_pair(n: usize, seed: u32) -> (String, String) {
        let mut rng = XorShift32::new(seed);
        let a: Vec<u8> = (0..n)
            .map(|_| ALPHABET[(rng.next() & 3) as usize])
            .collect();
        let mut b = Vec::with_capacity(n + n / 10);
        for &ai in &a {
            let r = rng.next() % 30;
            if r == 0 {
                b.push(ALPHABET[(rng.next() & 3) as usize]); // substitute
            } else if r == 1 {
                b.push(ai); // insert after
                b.push(ALPHABET[(rng.next() & 3) as usize]);
            } else if r == 2 {
                continue; // delete
            } else {
                b.push(ai);
            }
        }
        (
            String::from_utf8(a).expect("ascii"),
            String::from_utf8(b).expect("ascii"),
        )
    }

    /// `VOCABULARY` of www/suite.js (168 words; the index scales with its length).
    const VOCABULARY: &str = concat!(
        "the of and to in is that it was for on are as with his they at be this from have or by one ",
        "had not but what all were when we there can an your which their said if do will each about ",
        "how up out them then she many some so these would other into has more her two like him see ",
        "time could no make than first been its who now people my made over did down only way find ",
        "use may water long little very after words called just where most know get through back much ",
        "before go good new write our used me man too any day same right look think also around ",
        "another came come work three word must because does part even place well such here take why ",
        "things help put years different away again off went old number great tell men say small ",
        "every found still between name should home big give air line set own under read last never"
    );

    /// `text(n, seed = 13)`: n words from VOCABULARY, index `floor(u·u·len)`, joined by spaces.
    fn text(n: usize, seed: u32) -> String {
        let vocabulary: Vec<&str> = VOCABULARY.split(' ').collect();
        let mut rng = XorShift32::new(seed);
        let mut out = String::with_capacity(n * 6);
        for i in 0..n {
            let u = rng.next() as f64 / 4_294_967_296.0;
            let word = vocabulary[(u * u * vocabulary.len() as f64).floor() as usize];
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }

    /// `makeInputs(family, size)` of www/suite.js.
    enum Inputs {
        Stats {
            x: Vec<f64>,
        },
        Dot {
            a: Vec<f64>,
            b: Vec<f64>,
        },
        Sort {
            x: Vec<f64>,
        },
        Matmul {
            a: Vec<f64>,
            b: Vec<f64>,
            n: usize,
        },
        Fft {
            x: Vec<f64>,
        },
        Convolve {
            x: Vec<f64>,
            v: Vec<f64>,
        },
        Blur {
            rgba: Vec<u8>,
            w: usize,
            h: usize,
            sigma: f64,
        },
        Grayscale {
            rgba: Vec<u8>,
            w: usize,
            h: usize,
        },
        Sobel {
            rgba: Vec<u8>,
            w: usize,
            h: usize,
        },
        Mandelbrot(MandelbrotView),
        Primes {
            n: u64,
        },
        Levenshtein {
            a: String,
            b: String,
        },
        WordCounts {
            text: String,
            k: usize,
        },
        /// A native-only family (median, quantile, var, histogram, unique, cumsum) on `x`.
        Reduction {
            family: &'static str,
            x: Vec<f64>,
        },
    }

    fn make_inputs(family: &str, size: &str) -> Inputs {
        use Params::*;
        match (family, params(family, size)) {
            ("stats", N(n)) => Inputs::Stats { x: uniform(n, 1) },
            ("sort", N(n)) => Inputs::Sort { x: uniform(n, 1) },
            ("dot", N(n)) => Inputs::Dot {
                a: uniform(n, 1),
                b: uniform(n, 2),
            },
            ("matmul", N(n)) => Inputs::Matmul {
                a: uniform(n * n, 3),
                b: uniform(n * n, 4),
                n,
            },
            ("fft", N(n)) => Inputs::Fft { x: uniform(n, 5) },
            ("convolve", NK(n, k)) => Inputs::Convolve {
                x: uniform(n, 6),
                v: uniform(k, 7),
            },
            ("blur", Image { w, h, sigma }) => Inputs::Blur {
                rgba: landscape(w, h, 7),
                w,
                h,
                sigma,
            },
            ("grayscale", Picture { w, h }) => Inputs::Grayscale {
                rgba: landscape(w, h, 7),
                w,
                h,
            },
            ("sobel", Picture { w, h }) => Inputs::Sobel {
                rgba: landscape(w, h, 7),
                w,
                h,
            },
            ("mandelbrot", Mandel { w, h, max_iter }) => Inputs::Mandelbrot(MandelbrotView {
                width: w,
                height: h,
                x_min: VIEW.0,
                x_max: VIEW.1,
                y_min: VIEW.2,
                y_max: VIEW.3,
                max_iter,
            }),
            ("primes", N(n)) => Inputs::Primes { n: n as u64 },
            ("levenshtein", N(n)) => {
                let (a, b) = string_pair(n, 11);
                Inputs::Levenshtein { a, b }
            }
            ("wordcounts", NK(n, k)) => Inputs::WordCounts {
                text: text(n, 13),
                k,
            },
            ("unique", N(n)) => Inputs::Reduction {
                family: "unique",
                x: uniform(n, 1)
                    .into_iter()
                    .map(|v| (v * UNIQUE_STEPS).floor() / UNIQUE_STEPS)
                    .collect(),
            },
            (f @ ("median" | "quantile" | "var" | "histogram" | "cumsum"), N(n)) => {
                let family = FAMILIES.iter().find(|&&x| x == f).expect("a family");
                Inputs::Reduction {
                    family,
                    x: uniform(n, 1),
                }
            }
            (f, p) => panic!("no inputs for {f} with {p:?}"),
        }
    }

    // --- input fingerprints (--print-inputs) -------------------------------------------------------

    /// FNV-1a, 32 bits, as 8 hex digits.
    fn fnv1a(bytes: &[u8]) -> String {
        let mut h: u32 = 0x811c_9dc5;
        for &b in bytes {
            h ^= b as u32;
            h = h.wrapping_mul(0x0100_0193);
        }
        format!("{h:08x}")
    }

    fn seq_sum(values: impl IntoIterator<Item = f64>) -> f64 {
        values.into_iter().fold(0.0, |s, v| s + v)
    }

    fn fp_floats(x: &[f64]) -> Value {
        let bytes: Vec<u8> = x.iter().flat_map(|v| v.to_le_bytes()).collect();
        json!({ "len": x.len(), "sum": seq_sum(x.iter().copied()), "fnv": fnv1a(&bytes) })
    }

    fn fp_bytes(x: &[u8]) -> Value {
        json!({ "len": x.len(), "sum": seq_sum(x.iter().map(|&v| v as f64)), "fnv": fnv1a(x) })
    }

    fn fp_str(s: &str) -> Value {
        let head: String = s.chars().take(40).collect();
        json!({ "len": s.chars().count(), "head": head, "fnv": fnv1a(s.as_bytes()) })
    }

    fn fingerprint(inputs: &Inputs) -> Value {
        match inputs {
            Inputs::Stats { x }
            | Inputs::Sort { x }
            | Inputs::Fft { x }
            | Inputs::Reduction { x, .. } => {
                json!({ "x": fp_floats(x) })
            }
            Inputs::Dot { a, b } => json!({ "a": fp_floats(a), "b": fp_floats(b) }),
            Inputs::Matmul { a, b, n } => json!({ "a": fp_floats(a), "b": fp_floats(b), "n": n }),
            Inputs::Convolve { x, v } => json!({ "x": fp_floats(x), "v": fp_floats(v) }),
            Inputs::Blur { rgba, w, h, sigma } => {
                json!({ "rgba": fp_bytes(rgba), "w": w, "h": h, "sigma": sigma })
            }
            Inputs::Grayscale { rgba, w, h } | Inputs::Sobel { rgba, w, h } => {
                json!({ "rgba": fp_bytes(rgba), "w": w, "h": h })
            }
            Inputs::Mandelbrot(v) => json!({
                "w": v.width, "h": v.height, "maxIter": v.max_iter,
                "xMin": v.x_min, "xMax": v.x_max, "yMin": v.y_min, "yMax": v.y_max,
            }),
            Inputs::Primes { n } => json!({ "n": n }),
            Inputs::Levenshtein { a, b } => json!({ "a": fp_str(a), "b": fp_str(b) }),
            Inputs::WordCounts { text, k } => json!({ "text": fp_str(text), "k": k }),
        }
    }

    // --- timing: TIMING and wantMoreRuns of www/suite.js -------------------------------------------

    const MIN_RUNS: usize = 3;
    const TYPICAL_RUNS: usize = 5;
    const MAX_RUNS: usize = 25;
    const BUDGET_MS: f64 = 500.0;
    const SLOW_MS: f64 = 2000.0;

    fn want_more_runs(runs: usize, elapsed_ms: f64) -> bool {
        if runs < MIN_RUNS {
            return true;
        }
        if runs >= MAX_RUNS {
            return false;
        }
        if runs < TYPICAL_RUNS {
            return elapsed_ms < SLOW_MS;
        }
        elapsed_ms < BUDGET_MS
    }

    fn ms(since: Instant) -> f64 {
        since.elapsed().as_secs_f64() * 1e3
    }

    /// One warm-up call, then timed calls while `want_more_runs` (elapsed = wall time since the
    /// first timed call). Only the call is timed: the previous result is dropped outside it.
    fn measure<R>(mut f: impl FnMut() -> KernelResult<R>) -> KernelResult<(Vec<f64>, R)> {
        let mut result = black_box(f()?);
        let mut times = Vec::new();
        let start = Instant::now();
        while want_more_runs(times.len(), ms(start)) {
            let t0 = Instant::now();
            let r = black_box(f()?);
            times.push(ms(t0));
            result = r;
        }
        Ok((times, result))
    }

    /// `stats(times)` of www/suite.js: median (mean of the middle two for even counts), min, max.
    fn time_stats(times: &[f64]) -> (f64, f64, f64) {
        let mut s = times.to_vec();
        s.sort_by(f64::total_cmp);
        let mid = s.len() / 2;
        let median = if s.len() % 2 == 1 {
            s[mid]
        } else {
            (s[mid - 1] + s[mid]) / 2.0
        };
        (median, s[0], s[s.len() - 1])
    }

    // --- running one task ---------------------------------------------------------------------------

    /// Result summary: `{len, sum}` for arrays (sum: plain left-to-right float64 addition from 0),
    /// `{value}` for a scalar or for word counts.
    fn summary_array(values: impl ExactSizeIterator<Item = f64>) -> Value {
        let len = values.len();
        json!({ "len": len, "sum": seq_sum(values) })
    }

    fn run_task(inputs: &Inputs) -> KernelResult<(Vec<f64>, Value)> {
        Ok(match inputs {
            Inputs::Stats { x } => {
                let (t, r) = measure(|| {
                    let x = black_box(x.as_slice());
                    Ok([reduce::sum(x), reduce::mean(x)?, stats::variance(x, 0.0)?])
                })?;
                (t, summary_array(r.into_iter()))
            }
            Inputs::Dot { a, b } => {
                let (t, r) = measure(|| reduce::dot(black_box(a), black_box(b)))?;
                (t, json!({ "value": r }))
            }
            Inputs::Sort { x } => {
                let (t, r) = measure(|| sorting::sort(black_box(x)))?;
                (t, summary_array(r.into_iter()))
            }
            Inputs::Matmul { a, b, n } => {
                let n = *n;
                let (t, r) = measure(|| linalg::matmul(black_box(a), black_box(b), n, n, n))?;
                (t, summary_array(r.into_iter()))
            }
            Inputs::Fft { x } => {
                let (t, r) = measure(|| signal::fft(black_box(x), None))?;
                (t, summary_array(r.into_iter()))
            }
            Inputs::Convolve { x, v } => {
                let (t, r) =
                    measure(|| signal::convolve(black_box(x), black_box(v), ConvolveMode::Full))?;
                (t, summary_array(r.into_iter()))
            }
            Inputs::Blur { rgba, w, h, sigma } => {
                let (t, r) = measure(|| image::gaussian_blur(black_box(rgba), *w, *h, *sigma))?;
                (t, summary_array(r.into_iter().map(f64::from)))
            }
            Inputs::Grayscale { rgba, w, h } => {
                let (t, r) = measure(|| image::grayscale(black_box(rgba), *w, *h))?;
                (t, summary_array(r.into_iter().map(f64::from)))
            }
            Inputs::Sobel { rgba, w, h } => {
                let (t, r) = measure(|| image::sobel(black_box(rgba), *w, *h))?;
                (t, summary_array(r.into_iter().map(f64::from)))
            }
            Inputs::Mandelbrot(view) => {
                let (t, r) = measure(|| fractal::mandelbrot(black_box(view)))?;
                (t, summary_array(r.into_iter().map(f64::from)))
            }
            Inputs::Primes { n } => {
                let (t, r) = measure(|| sieve::primes(black_box(*n)))?;
                (t, summary_array(r.into_iter().map(f64::from)))
            }
            Inputs::Levenshtein { a, b } => {
                // The strings' code points, decoded inside the timed call as the bindings do.
                let code_points = |s: &str| s.chars().map(|c| c as u32).collect::<Vec<u32>>();
                let (t, r) = measure(|| {
                    let (a, b) = (code_points(black_box(a)), code_points(black_box(b)));
                    text::levenshtein(&a, &b)
                })?;
                (t, json!({ "value": r }))
            }
            Inputs::WordCounts { text: s, k } => {
                let (t, r) = measure(|| text::word_counts(black_box(s), *k))?;
                let pairs: Vec<Value> = r.into_iter().map(|(w, c)| json!([w, c])).collect();
                (t, json!({ "value": pairs }))
            }
            Inputs::Reduction { family, x } => run_reduction(family, x)?,
        })
    }

    /// A native-only family; summaries as scripts/bench_numpy.py's: `{value}` for a scalar,
    /// `{len, sum}` of the counts then the edges for a histogram.
    fn run_reduction(family: &str, x: &[f64]) -> KernelResult<(Vec<f64>, Value)> {
        let x = black_box(x);
        Ok(match family {
            "median" => {
                let (t, r) = measure(|| stats::median(x))?;
                (t, json!({ "value": r }))
            }
            "quantile" => {
                let (t, r) = measure(|| stats::quantile(x, QUANTILE_Q))?;
                (t, json!({ "value": r }))
            }
            "var" => {
                let (t, r) = measure(|| stats::variance(x, 0.0))?;
                (t, json!({ "value": r }))
            }
            "histogram" => {
                let (t, (counts, edges)) = measure(|| stats::histogram(x, HISTOGRAM_BINS, None))?;
                let values = counts.into_iter().map(f64::from).chain(edges);
                (t, summary_array(values.collect::<Vec<_>>().into_iter()))
            }
            "unique" => {
                let (t, r) = measure(|| sorting::unique(x))?;
                (t, summary_array(r.into_iter()))
            }
            "cumsum" => {
                let (t, r) = measure(|| stats::cumsum(x))?;
                (t, summary_array(r.into_iter()))
            }
            other => panic!("not a native-only family: {other}"),
        })
    }

    // --- command line ---------------------------------------------------------------------------------

    struct Args {
        sizes: Vec<String>,
        families: Vec<String>,
        out: Option<String>,
        print_inputs: Option<Vec<String>>,
        threads_ratio: Option<usize>,
    }

    fn parse_list(
        flag: &str,
        value: Option<String>,
        allowed: &[&str],
    ) -> Result<Vec<String>, String> {
        let value = value.ok_or_else(|| format!("{flag} needs a value"))?;
        let list: Vec<String> = value
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        if list.is_empty() {
            return Err(format!("{flag} needs at least one name"));
        }
        for name in &list {
            if !allowed.contains(&name.as_str()) {
                return Err(format!(
                    "{flag}: unknown name {name:?} (known: {})",
                    allowed.join(",")
                ));
            }
        }
        Ok(list)
    }

    fn parse_args() -> Result<Args, String> {
        let mut args = Args {
            sizes: SIZE_NAMES.iter().map(|s| s.to_string()).collect(),
            families: FAMILIES[..SUITE_FAMILIES]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            out: None,
            print_inputs: None,
            threads_ratio: None,
        };
        let mut families_given = false;
        let mut it = std::env::args().skip(1);
        while let Some(arg) = it.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
                _ => (arg.clone(), None),
            };
            let mut value = || inline.clone().or_else(|| it.next());
            match flag.as_str() {
                // `cargo bench` passes --bench to harness = false targets.
                "--bench" => {}
                "--sizes" => args.sizes = parse_list("--sizes", value(), &SIZE_NAMES)?,
                "--families" => {
                    args.families = parse_list("--families", value(), &FAMILIES)?;
                    families_given = true;
                }
                "--out" => args.out = Some(value().ok_or("--out needs a file name")?),
                "--print-inputs" => {
                    args.print_inputs = Some(parse_list("--print-inputs", value(), &SIZE_NAMES)?)
                }
                "--threads-ratio" => {
                    let rounds = value().ok_or("--threads-ratio needs a number of rounds")?;
                    let rounds = rounds
                        .parse()
                        .map_err(|_| format!("--threads-ratio: not a count: {rounds:?}"))?;
                    args.threads_ratio = Some(rounds);
                }
                "-h" | "--help" => {
                    eprintln!(
                        "usage: cargo bench -p fastwasm-kernels --bench native -- [--sizes small,medium,large,xl] \
                         [--families a,b] [--out FILE]\n       \
                         cargo bench -p fastwasm-kernels --features threads --bench native -- --threads-ratio ROUNDS \
                         [--sizes xl] [--families matmul,sort,blur,mandelbrot]\n       \
                         cargo bench -p fastwasm-kernels --bench native -- --print-inputs small[,medium,large]"
                    );
                    std::process::exit(0);
                }
                other => return Err(format!("unknown argument {other:?} (try --help)")),
            }
        }
        if args.threads_ratio.is_some() && !families_given {
            args.families = THREADED.iter().map(|s| s.to_string()).collect();
        }
        // Keep suite order whatever order the lists were given in.
        args.sizes
            .sort_by_key(|s| SIZE_NAMES.iter().position(|x| x == s));
        args.families
            .sort_by_key(|f| FAMILIES.iter().position(|x| x == f));
        Ok(args)
    }

    fn write_output(out: &Option<String>, value: &Value) {
        let text = serde_json::to_string_pretty(value).expect("serialisable") + "\n";
        match out {
            Some(path) => {
                std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {path}: {e}"))
            }
            None => std::io::stdout()
                .write_all(text.as_bytes())
                .expect("stdout"),
        }
    }

    /// Milliseconds with 4 significant digits (at most 6 decimals).
    fn fmt_ms(v: f64) -> String {
        let decimals = if v > 0.0 {
            (3 - v.log10().floor() as i32).clamp(0, 6) as usize
        } else {
            0
        };
        format!("{v:.decimals$}")
    }

    /// The families whose kernels split their work over rayon's pool (feature `threads`).
    const THREADED: [&str; 5] = ["sort", "matmul", "blur", "mandelbrot", "unique"];

    /// One call of a threaded kernel (feature `threads`) on `inputs`, timed in ms.
    #[cfg(all(feature = "threads", target_os = "linux"))]
    fn time_once(inputs: &Inputs) -> KernelResult<f64> {
        let t0 = Instant::now();
        match inputs {
            Inputs::Sort { x } => drop(black_box(sorting::sort(black_box(x))?)),
            Inputs::Matmul { a, b, n } => drop(black_box(linalg::matmul(
                black_box(a),
                black_box(b),
                *n,
                *n,
                *n,
            )?)),
            Inputs::Blur { rgba, w, h, sigma } => drop(black_box(image::gaussian_blur(
                black_box(rgba),
                *w,
                *h,
                *sigma,
            )?)),
            Inputs::Mandelbrot(view) => drop(black_box(fractal::mandelbrot(black_box(view))?)),
            Inputs::Reduction {
                family: "unique",
                x,
            } => drop(black_box(sorting::unique(black_box(x))?)),
            _ => unreachable!("threads_ratio checks the families"),
        }
        Ok(ms(t0))
    }

    /// `--threads-ratio ROUNDS`: each selected (family, size) timed on a pool of one thread and on
    /// a pool of two, alternating (one warm-up call each, then `ROUNDS` rounds, the order swapped
    /// every round); prints the medians of the wall times and the speed-up, one thread's median
    /// over two's. On a busy machine the wall times say more about the other processes than about
    /// the kernel, so it also prints the speed-up the threads' CPU times imply (Linux
    /// schedstat): the calling thread's time (serial work) plus the busiest pool thread's.
    #[cfg(all(feature = "threads", target_os = "linux"))]
    fn threads_ratio(args: &Args, rounds: usize) {
        if let Some(f) = args
            .families
            .iter()
            .find(|f| !THREADED.contains(&f.as_str()))
        {
            eprintln!(
                "native bench: --threads-ratio: {f} has no threaded kernel (threaded: {})",
                THREADED.join(",")
            );
            std::process::exit(2);
        }
        let pool = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool")
        };
        let pools = [pool(1), pool(2)];
        let tids: Vec<Vec<u64>> = pools.iter().map(|p| p.broadcast(|_| thread_id())).collect();
        eprintln!(
            "{:<12} {:<7} {:>12} {:>12} {:>8} {:>10} {:>10} {:>8} {:>6}",
            "family",
            "size",
            "1 thread ms",
            "2 threads ms",
            "speed-up",
            "1 cpu ms",
            "2 cpu ms",
            "cpu s-u",
            "rounds"
        );
        for family in &args.families {
            for size in &args.sizes {
                let inputs = make_inputs(family, size);
                let mut times = [Vec::new(), Vec::new()];
                let mut cpu = [Vec::new(), Vec::new()];
                for p in &pools {
                    p.install(|| time_once(&inputs)).expect("a kernel result");
                }
                for round in 0..rounds {
                    for i in [round % 2, 1 - round % 2] {
                        let before = cpu_ms(&tids[i]);
                        let t = pools[i].install(|| time_once(&inputs)).expect("a result");
                        let after = cpu_ms(&tids[i]);
                        let spent: Vec<f64> =
                            after.iter().zip(&before).map(|(a, b)| a - b).collect();
                        let busiest = spent[1..].iter().copied().fold(0.0, f64::max);
                        times[i].push(t);
                        cpu[i].push(spent[0] + busiest);
                        if std::env::var_os("THREADS_RATIO_VERBOSE").is_some() {
                            eprintln!("  {} threads: wall {t:.1} cpu {spent:.1?}", i + 1);
                        }
                    }
                }
                let median = |v: &Vec<f64>| time_stats(v).0;
                let (one, two) = (median(&times[0]), median(&times[1]));
                let (cpu_one, cpu_two) = (median(&cpu[0]), median(&cpu[1]));
                eprintln!(
                    "{family:<12} {size:<7} {:>12} {:>12} {:>7.2}x {:>10} {:>10} {:>7.2}x {rounds:>6}",
                    fmt_ms(one),
                    fmt_ms(two),
                    one / two,
                    fmt_ms(cpu_one),
                    fmt_ms(cpu_two),
                    cpu_one / cpu_two,
                );
            }
        }
    }

    /// The calling thread's id (Linux).
    #[cfg(all(feature = "threads", target_os = "linux"))]
    fn thread_id() -> u64 {
        // SAFETY: gettid has no preconditions.
        (unsafe { libc::gettid() }) as u64
    }

    /// CPU time in ms of the calling thread, then of each thread in `pool` (schedstat's first
    /// field: nanoseconds on a CPU).
    #[cfg(all(feature = "threads", target_os = "linux"))]
    fn cpu_ms(pool: &[u64]) -> Vec<f64> {
        let read = |path: String| -> f64 {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let ns: f64 = text
                .split(' ')
                .next()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0.0);
            ns / 1e6
        };
        let mut out = vec![read("/proc/thread-self/schedstat".to_owned())];
        out.extend(
            pool.iter()
                .map(|tid| read(format!("/proc/self/task/{tid}/schedstat"))),
        );
        out
    }

    #[cfg(not(all(feature = "threads", target_os = "linux")))]
    fn threads_ratio(_: &Args, _: usize) {
        eprintln!("native bench: --threads-ratio needs --features threads (and Linux)");
        std::process::exit(2);
    }

    pub fn main() {
        let args = parse_args().unwrap_or_else(|e| {
            eprintln!("native bench: {e}");
            std::process::exit(2);
        });

        if let Some(sizes) = &args.print_inputs {
            let mut all = serde_json::Map::new();
            for size in sizes {
                let mut per = serde_json::Map::new();
                for family in &args.families {
                    per.insert(family.clone(), fingerprint(&make_inputs(family, size)));
                }
                all.insert(size.clone(), Value::Object(per));
            }
            write_output(&args.out, &Value::Object(all));
            return;
        }

        if let Some(rounds) = args.threads_ratio {
            threads_ratio(&args, rounds);
            return;
        }

        let started = Instant::now();
        eprintln!(
            "{:<12} {:<7} {:>12} {:>12} {:>12} {:>5}",
            "family", "size", "median ms", "min ms", "max ms", "runs"
        );
        let mut rows = Vec::new();
        let mut medians: Vec<(String, String, Option<f64>)> = Vec::new();
        for family in &args.families {
            for size in &args.sizes {
                let inputs = make_inputs(family, size);
                match run_task(&inputs) {
                    Ok((times, summary)) => {
                        let (median, min, max) = time_stats(&times);
                        eprintln!(
                            "{family:<12} {size:<7} {:>12} {:>12} {:>12} {:>5}",
                            fmt_ms(median),
                            fmt_ms(min),
                            fmt_ms(max),
                            times.len()
                        );
                        medians.push((family.clone(), size.clone(), Some(median)));
                        rows.push(json!({
                            "family": family, "size": size, "impl": "native",
                            "times": times, "median": median, "min": min, "max": max,
                            "runs": times.len(), "summary": summary,
                        }));
                    }
                    Err(e) => {
                        eprintln!("{family:<12} {size:<7} error: {e}");
                        medians.push((family.clone(), size.clone(), None));
                        rows.push(json!({
                            "family": family, "size": size, "impl": "native", "error": e.to_string(),
                        }));
                    }
                }
            }
        }

        // Medians as a family × size matrix.
        eprintln!();
        eprint!("{:<12}", "median ms");
        for size in &args.sizes {
            eprint!(" {size:>10}");
        }
        eprintln!();
        for family in &args.families {
            eprint!("{family:<12}");
            for size in &args.sizes {
                let m = medians
                    .iter()
                    .find(|(f, s, _)| f == family && s == size)
                    .and_then(|r| r.2);
                eprint!(" {:>10}", m.map_or("error".to_owned(), fmt_ms));
            }
            eprintln!();
        }
        eprintln!("total {:.1} s", started.elapsed().as_secs_f64());

        write_output(&args.out, &Value::Array(rows));
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

/// Native only: nothing to run on wasm32 (wasm-pack never builds benches; clippy may).
#[cfg(target_arch = "wasm32")]
fn main() {}
