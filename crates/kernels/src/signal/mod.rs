//! One-dimensional signal processing: FFT, inverse FFT, convolution, moving average.
//!
//! Complex sequences cross the boundary interleaved: `[re0, im0, re1, im1, …]`. `fft`, `ifft`
//! and `convolve` also come in float32 (`*_f32`, computing in float32 as numpy does for float32
//! and complex64 arrays), from the same generic code. FFT plans are cached per thread (the last
//! few lengths, bounded in number and memory), and real input takes a real-input transform.

mod convolve;
mod fft;
mod moving_average;
mod plans;
mod real;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use convolve::{check_convolve, convolve, convolve_f32, ConvolveMode};
pub use fft::{check_fft, check_ifft, fft, fft_f32, ifft, ifft_f32};
pub use moving_average::{check_moving_average, moving_average};
