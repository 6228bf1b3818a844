//! The native module of the Python package `bialign` (`bialign._native`): thin bindings of
//! the library's [`Options`](bialign::Options), [`Pipeline`](bialign::Pipeline), writers,
//! segmenter, decoder and scorer. Every policy (defaults, ranges, reading, the genre by
//! input, output formats) is the library's, so that Python and the command line give the
//! same output for the same input and options; the Python layer (`python/bialign`) adds
//! only the exception classes and the module-level conveniences.
#![forbid(unsafe_code)]

mod aligner;
mod alignment;
mod convert;
mod errors;
mod tools;

use pyo3::prelude::*;

/// The module `bialign._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<aligner::Aligner>()?;
    m.add_class::<alignment::Alignment>()?;
    m.add_class::<alignment::Bead>()?;
    m.add_class::<tools::Sentence>()?;
    m.add_function(wrap_pyfunction!(tools::segment, m)?)?;
    m.add_function(wrap_pyfunction!(tools::read, m)?)?;
    m.add_function(wrap_pyfunction!(tools::evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(tools::defaults, m)?)?;
    Ok(())
}
