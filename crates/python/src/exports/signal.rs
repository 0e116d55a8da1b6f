//! Signal processing: fft, ifft, convolve, movingAverage.

use fastwasm_kernels::args::convolve_mode;
use fastwasm_kernels::signal;

use crate::params::{native_exports, F32Vec, F32s, F64Vec, F64s, OptF32s, OptF64s, OptStr, Size};

native_exports! {
    /// Discrete Fourier transform of `re + i·im` (`im` defaults to zeros), `np.fft.fft`, any
    /// length; returns interleaved `[re0, im0, re1, im1, …]`. Errors: `re` empty, `im` of another
    /// length (ValueError).
    #[name = "fft"]
    fn fft(re: F64s, im: OptF64s) -> F64Vec { signal::fft(&re, im.as_deref()) }

    /// `fft` in float32, for float32 `re` (and `im`); returns interleaved float32 values (numpy:
    /// complex64). Errors as `fft`.
    #[name = "__f32_fft"]
    fn fft_f32(re: F32s, im: OptF32s) -> F32Vec { signal::fft_f32(&re, im.as_deref()) }

    /// Inverse DFT of the interleaved `x = [re0, im0, …]`, `np.fft.ifft`; returns interleaved
    /// values. Errors: `x` empty or of odd length (ValueError).
    #[name = "ifft"]
    fn ifft(x: F64s) -> F64Vec { signal::ifft(&x) }

    /// `ifft` in float32, for float32 interleaved `x` (numpy: complex64). Errors as `ifft`.
    #[name = "__f32_ifft"]
    fn ifft_f32(x: F32s) -> F32Vec { signal::ifft_f32(&x) }

    /// Discrete linear convolution, `np.convolve(a, v, mode)` with mode `"full"` (default),
    /// `"same"` or `"valid"`. Errors: an empty input, an unknown mode (ValueError).
    #[name = "convolve"]
    fn convolve(a: F64s, v: F64s, mode: OptStr) -> F64Vec {
        signal::convolve(&a, &v, convolve_mode(mode.as_deref())?)
    }

    /// `convolve` in float32, for float32 `a` and `v`. Errors as `convolve`.
    #[name = "__f32_convolve"]
    fn convolve_f32(a: F32s, v: F32s, mode: OptStr) -> F32Vec {
        signal::convolve_f32(&a, &v, convolve_mode(mode.as_deref())?)
    }

    /// Means of every window of `window` consecutive values,
    /// `np.convolve(x, np.ones(window) / window, "valid")`. Errors: `x` empty, `window` outside
    /// [1, len(x)] (ValueError).
    #[name = "movingAverage"]
    fn moving_average(x: F64s, window: Size) -> F64Vec { signal::moving_average(&x, window) }
}
