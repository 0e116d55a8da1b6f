//! Every kernel export, declared once per family with `native_exports!`, under the export names
//! of the wasm build (src/exports/).

use pyo3::prelude::*;

mod fractal;
mod image;
mod linalg;
mod reduce;
mod signal;
mod sorting;
mod stats;
mod text;

/// Adds every kernel export to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    reduce::register(m)?;
    stats::register(m)?;
    sorting::register(m)?;
    linalg::register(m)?;
    signal::register(m)?;
    image::register(m)?;
    fractal::register(m)?;
    text::register(m)?;
    Ok(())
}
