//! Python values to the library's: option values as JSON (for
//! [`Options::set`](bialign::Options::set)), texts and lists of sentences, document pairs.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Value;

/// A keyword argument's value as JSON: `None`, a bool, an int, a float, a str, a path
/// (`os.PathLike`, as its string) or a list or tuple of these.
pub fn to_json(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(n) = obj.extract::<i64>() {
            return Ok(Value::from(n));
        }
        return Ok(Value::from(obj.extract::<u64>()?));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return serde_json::Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| PyValueError::new_err("must be a finite number"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return obj.try_iter()?.map(|item| to_json(&item?)).collect();
    }
    if obj.hasattr("__fspath__")? {
        let path = obj.py().import("os")?.call_method1("fspath", (obj,))?;
        return to_json(&path);
    }
    Err(PyTypeError::new_err(format!(
        "cannot take a value of type {}",
        obj.get_type().name()?
    )))
}

/// One side of a document: a text, or its sentences joined one a line (aligned presplit).
pub enum Side {
    /// A text, segmented by the aligner: the `str`'s UTF-8 form, not copied (held by
    /// Python; on Python 3.9's limited API a `bytes` of it).
    Text(PyBackedStr),
    /// Sentences given as a list, joined with line feeds.
    Lines(String),
}

impl Side {
    /// The text the pipeline reads.
    pub fn text(&self) -> &str {
        match self {
            Side::Text(t) => t,
            Side::Lines(t) => t,
        }
    }
}

/// The characters that end a line for the segmenter, which a sentence of a list must not
/// hold (it would become two).
const LINE_BREAKS: [char; 4] = ['\n', '\r', '\u{2028}', '\u{2029}'];

/// A side from a `str` or a sequence of `str`; `what` names it in messages (`src`).
pub fn side(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Side> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Side::Text(s.extract::<PyBackedStr>()?));
    }
    if obj.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(format!(
            "{what}: give a str (bialign.read(path) decodes a file as the command line does), \
             not bytes"
        )));
    }
    let items = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what}: expected a str or a list of sentences, not {}",
            obj.get_type()
                .name()
                .map_or_else(|_| "?".into(), |n| n.to_string())
        ))
    })?;
    let mut joined = String::new();
    for (k, item) in items.enumerate() {
        let item = item?;
        let s = item
            .cast::<PyString>()
            .map_err(|_| PyTypeError::new_err(format!("{what}[{k}]: a sentence must be a str")))?;
        let s = s.to_cow()?;
        if s.contains(LINE_BREAKS) {
            return Err(PyValueError::new_err(format!(
                "{what}[{k}]: a sentence of a list cannot hold a line break"
            )));
        }
        if k > 0 {
            joined.push('\n');
        }
        joined.push_str(&s);
    }
    Ok(Side::Lines(joined))
}

/// A document pair to align: its two sides (no target: the source holds both languages)
/// and the name its output shows.
pub struct Job {
    /// The source side.
    pub src: Side,
    /// The target side.
    pub tgt: Option<Side>,
    /// The document's name (TMX, HTML), also in messages.
    pub name: Option<String>,
}

impl Job {
    /// A job from the arguments of `align`.
    pub fn new(
        src: &Bound<'_, PyAny>,
        tgt: Option<&Bound<'_, PyAny>>,
        name: Option<String>,
    ) -> PyResult<Job> {
        let src = side(src, "src")?;
        let tgt = tgt
            .filter(|t| !t.is_none())
            .map(|t| side(t, "tgt"))
            .transpose()?;
        match (&src, &tgt) {
            (Side::Lines(_), None) => Err(PyTypeError::new_err(
                "src: a list of sentences needs its target: only a text can hold both languages",
            )),
            (Side::Lines(_), Some(Side::Text(_))) | (Side::Text(_), Some(Side::Lines(_))) => {
                Err(PyTypeError::new_err(
                    "src and tgt must both be texts or both be lists of sentences",
                ))
            }
            _ => Ok(Job { src, tgt, name }),
        }
    }

    /// A job from an item of `align_many`: `(src, tgt)`, `(src, tgt, name)` or a dict with
    /// `src` and optionally `tgt` and `name`.
    pub fn of_item(item: &Bound<'_, PyAny>, k: usize) -> PyResult<Job> {
        let at = |e: PyErr| {
            let py = item.py();
            let message = format!("pairs[{k}]: {}", e.value(py));
            if e.is_instance_of::<PyValueError>(py) {
                PyValueError::new_err(message)
            } else {
                PyTypeError::new_err(message)
            }
        };
        if let Ok(d) = item.cast::<PyDict>() {
            for key in d.keys() {
                let key: String = key.extract().map_err(at)?;
                if !matches!(key.as_str(), "src" | "tgt" | "name") {
                    return Err(at(PyTypeError::new_err(format!(
                        "unknown key `{key}` (expected src, tgt, name)"
                    ))));
                }
            }
            let src = d
                .get_item("src")
                .map_err(at)?
                .ok_or_else(|| at(PyTypeError::new_err("no `src`")))?;
            let tgt = d.get_item("tgt").map_err(at)?;
            let name = d.get_item("name").map_err(at)?;
            let name = name
                .filter(|n| !n.is_none())
                .map(|n| n.extract())
                .transpose();
            return Job::new(&src, tgt.as_ref(), name.map_err(at)?).map_err(at);
        }
        let fields = item
            .cast::<PyTuple>()
            .map(|t| t.to_list())
            .or_else(|_| item.cast::<PyList>().cloned())
            .map_err(|_| {
                at(PyTypeError::new_err(
                    "expected a (src, tgt) or (src, tgt, name) tuple or a dict",
                ))
            })?;
        match fields.len() {
            2 | 3 => {
                let name = match fields.len() {
                    3 => Some(fields.get_item(2)?).filter(|n| !n.is_none()),
                    _ => None,
                };
                let name = name.map(|n| n.extract()).transpose().map_err(at)?;
                Job::new(&fields.get_item(0)?, Some(&fields.get_item(1)?), name).map_err(at)
            }
            n => Err(at(PyTypeError::new_err(format!(
                "expected (src, tgt) or (src, tgt, name), found {n} items"
            )))),
        }
    }

    /// Whether the sides are lists of sentences.
    pub fn presplit(&self) -> bool {
        matches!(self.src, Side::Lines(_))
    }
}
