//! Library errors as the package's exception classes (defined in Python, in
//! `bialign/_errors.py`, so that they can inherit from both `bialign.Error` and the builtin
//! they refine: `ValueError` for bad options and input, `OSError` for files).

use bialign::ErrorKind;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

/// The class of `bialign._errors` called `name`.
fn class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyType>> {
    Ok(py.import("bialign._errors")?.getattr(name)?.cast_into()?)
}

/// The exception instance for a library error (not raised: `align_many` puts it in the
/// failed document's slot). `option` names the option when the caller knows it better
/// than the error does (an unknown keyword).
pub fn instance<'py>(
    py: Python<'py>,
    e: &bialign::Error,
    option: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let option = e.option().or(option);
    let (name, kind) = match e.kind() {
        ErrorKind::Io => ("FileError", "io"),
        ErrorKind::Decode => ("InputError", "decode"),
        ErrorKind::TooLarge => ("InputError", "too_large"),
        ErrorKind::Parse => ("InputError", "parse"),
        ErrorKind::Input => ("InputError", "input"),
        ErrorKind::Config if option.is_some() => ("OptionError", "config"),
        ErrorKind::Config => ("ConfigError", "config"),
        _ => ("Error", "other"),
    };
    let kwargs = PyDict::new(py);
    kwargs.set_item("kind", kind)?;
    kwargs.set_item("option", option)?;
    class(py, name)?.call((e.to_string(),), Some(&kwargs))
}

/// The error to raise for a library error.
pub fn raise(py: Python<'_>, e: &bialign::Error) -> PyErr {
    raise_about(py, e, None)
}

/// [`raise`] naming `option` when the error does not.
pub fn raise_about(py: Python<'_>, e: &bialign::Error, option: Option<&str>) -> PyErr {
    match instance(py, e, option) {
        Ok(obj) => PyErr::from_value(obj),
        Err(err) => err,
    }
}

/// Emits each input warning as a `bialign.InputWarning`.
pub fn warn_all(py: Python<'_>, warnings: &[String]) -> PyResult<()> {
    if warnings.is_empty() {
        return Ok(());
    }
    let category = class(py, "InputWarning")?;
    for w in warnings {
        let message = std::ffi::CString::new(w.replace('\0', " "))?;
        PyErr::warn(py, &category, &message, 1)?;
    }
    Ok(())
}

/// A `bialign.OptionError` about `option` with `message`, for a value the library never
/// sees (one with no JSON form).
pub fn option_error(py: Python<'_>, option: &str, message: &str) -> PyErr {
    let make = || -> PyResult<Bound<'_, PyAny>> {
        let kwargs = PyDict::new(py);
        kwargs.set_item("kind", "config")?;
        kwargs.set_item("option", option)?;
        class(py, "OptionError")?.call((message,), Some(&kwargs))
    };
    match make() {
        Ok(obj) => PyErr::from_value(obj),
        Err(err) => err,
    }
}
