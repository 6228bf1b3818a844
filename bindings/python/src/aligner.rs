//! `bialign.Aligner`: one configuration (options, dictionaries loaded once) for many
//! documents, aligned one at a time or many at once on a thread pool without the GIL.

use crate::alignment::{Aligned, Alignment};
use crate::convert::{to_json, Job};
use crate::errors;
use bialign::{FixedBead, Options, Pipeline};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::sync::{Arc, OnceLock};

/// The pipelines of one configuration: as the options say, and presplit (for lists of
/// sentences), each also with one thread per document (for `align_many`). They share the
/// dictionaries ([`Pipeline::reconfigure`]); the three variants are made on first use (each
/// builds its scorer's tables, a cost `bialign.align` on a short text would pay in full).
pub struct Pipelines {
    /// As the options say.
    base: Arc<Pipeline>,
    /// Indexed by `presplit as usize * 2 + one_thread as usize` (slot 0 unused: `base`).
    variants: [OnceLock<Arc<Pipeline>>; 4],
}

impl Pipelines {
    /// The pipelines of `options`.
    pub fn new(options: &Options) -> bialign::Result<Pipelines> {
        Ok(Pipelines {
            base: Arc::new(Pipeline::new(options)?),
            variants: Default::default(),
        })
    }

    /// The pipeline for `job`, with one thread when `one_thread`.
    fn for_job(&self, job: &Job, one_thread: bool) -> bialign::Result<&Arc<Pipeline>> {
        let (presplit, one) = (job.presplit(), one_thread);
        let slot = &self.variants[usize::from(presplit) * 2 + usize::from(one)];
        if !(presplit || one) {
            return Ok(&self.base);
        }
        if let Some(pipeline) = slot.get() {
            return Ok(pipeline);
        }
        let made = self.base.reconfigure(|o| {
            o.presplit |= presplit;
            if one {
                o.threads = Some(1);
            }
        })?;
        // Two threads may both make it: the first one stored is kept.
        Ok(slot.get_or_init(|| Arc::new(made)))
    }

    /// The options.
    pub fn options(&self) -> &Options {
        self.base.options()
    }

    /// Segments and aligns one document, as `bialign batch -` does a JSONL line: the texts
    /// checked as files are (size, binary data), named `NAME src` and `NAME tgt` in
    /// messages, the document named `NAME` in the output.
    pub fn run(&self, job: &Job, one_thread: bool) -> bialign::Result<Aligned> {
        self.run_fixed(job, one_thread, None)
    }

    /// [`Pipelines::run`] keeping `fixed` beads when given (else those of the options'
    /// `fixed` file, if any).
    pub fn run_fixed(
        &self,
        job: &Job,
        one_thread: bool,
        fixed: Option<&[FixedBead]>,
    ) -> bialign::Result<Aligned> {
        let pipeline = self.for_job(job, one_thread)?;
        let place = |side: &str| match &job.name {
            Some(name) => format!("{name} {side}"),
            None => side.to_string(),
        };
        let (src_name, tgt_name) = (place("src"), place("tgt"));
        let src = pipeline.check_text(job.src.text(), &src_name)?;
        let tgt = job
            .tgt
            .as_ref()
            .map(|t| pipeline.check_text(t.text(), &tgt_name))
            .transpose()?;
        let mut doc = pipeline.document(
            (&src, &src_name),
            tgt.as_deref().map(|t| (t, tgt_name.as_str())),
        )?;
        doc.src_name = job.name.clone();
        doc.tgt_name = job.name.clone();
        let alignment = match fixed {
            Some(fixed) => pipeline.align_fixed(&doc, fixed)?,
            None => pipeline.align(&doc)?,
        };
        Ok(Aligned {
            pipeline: Arc::clone(pipeline),
            doc,
            alignment,
        })
    }
}

/// Options from keyword arguments, by the library's names; an unknown name or a bad
/// value raises `bialign.OptionError` (a `ValueError`) naming it.
pub fn options_of(py: Python<'_>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Options> {
    let mut options = Options::default();
    for (key, value) in kwargs.into_iter().flatten() {
        let name: String = key.extract()?;
        // `fixed` as a path (a list of beads is taken by `Aligner`, not by the options).
        let value = if name == "fixed" && !value.is_none() {
            let path = value.extract::<std::path::PathBuf>().map_err(|_| {
                errors::option_error(
                    py,
                    &name,
                    "invalid fixed: expected a path or a list of (src, tgt) index lists",
                )
            })?;
            pyo3::types::PyString::new(py, &path.to_string_lossy()).into_any()
        } else {
            value
        };
        // A value with no JSON form (NaN, an object) is a bad value of that option.
        let json = to_json(&value).map_err(|e| {
            errors::option_error(py, &name, &format!("invalid {name}: {}", e.value(py)))
        })?;
        options
            .set(&name, json)
            .map_err(|e| errors::raise_about(py, &e, Some(&name)))?;
    }
    // A language named is a language known: detection is off unless asked for.
    let given = |name: &str| kwargs.is_some_and(|k| k.contains(name).unwrap_or(false));
    if (given("src_lang") || given("tgt_lang")) && !given("detect_langs") {
        options.detect_langs = false;
    }
    options.validate().map_err(|e| errors::raise(py, &e))?;
    Ok(options)
}

/// Aligns Chinese and English texts with one configuration: every option of
/// `bialign align` as a keyword argument, under its name and with its default
/// (`bialign.defaults()` lists them); user dictionaries (`dict=[...]`) are loaded once.
///
/// >>> aligner = bialign.Aligner(genre="literary", max_bead=4)
/// >>> a = aligner.align("他来了。她走了。", "He came. She left.")
/// >>> [(b.src, b.tgt) for b in a]
/// [([0], [0]), ([1], [1])]
#[pyclass(frozen, module = "bialign")]
pub struct Aligner {
    pipelines: Pipelines,
    /// `fixed` given as a list of beads (a path goes to the options).
    fixed: Option<Vec<FixedBead>>,
}

/// Fixed beads from a path (read as `--fixed` reads it) or a list of `(src, tgt)` index
/// lists.
fn fixed_of(py: Python<'_>, value: &Bound<'_, PyAny>, limit: u64) -> PyResult<Vec<FixedBead>> {
    if let Ok(path) = value.extract::<std::path::PathBuf>() {
        return py
            .detach(|| bialign::read_fixed(&path, limit))
            .map_err(|e| errors::raise(py, &e));
    }
    let lists: Vec<(Vec<usize>, Vec<usize>)> = value.extract().map_err(|_| {
        errors::option_error(
            py,
            "fixed",
            "invalid fixed: expected a path or a list of (src, tgt) index lists",
        )
    })?;
    FixedBead::from_lists(&lists).map_err(|e| errors::raise(py, &e))
}

/// Whether `value` is a list of beads rather than a path.
fn is_bead_list(value: &Bound<'_, PyAny>) -> bool {
    !value.is_none() && value.extract::<std::path::PathBuf>().is_err()
}

#[pymethods]
impl Aligner {
    #[new]
    #[pyo3(signature = (**options))]
    fn new(py: Python<'_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<Aligner> {
        // A list of fixed beads is kept here; a path is an option like any other.
        let mut list = None;
        let options = match options {
            Some(kwargs) => {
                let kwargs = kwargs.copy()?;
                if let Some(value) = kwargs.get_item("fixed")? {
                    if is_bead_list(&value) {
                        list = Some(value);
                        kwargs.del_item("fixed")?;
                    }
                }
                options_of(py, Some(&kwargs))?
            }
            None => options_of(py, None)?,
        };
        let fixed = list
            .map(|v| fixed_of(py, &v, options.max_input_bytes))
            .transpose()?;
        let pipelines = py
            .detach(|| Pipelines::new(&options))
            .map_err(|e| errors::raise(py, &e))?;
        Ok(Aligner { pipelines, fixed })
    }

    /// The options, as a dict of every option by name (defaults included).
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        options_to_py(py, self.pipelines.options())
    }

    /// Aligns `src` with `tgt`: two texts (segmented, as the command line segments files),
    /// or two lists of sentences (one sentence an item, as `--presplit` reads lines); with
    /// `tgt` None, `src` is one text holding both languages. `name` names the document in
    /// TMX and HTML output and in messages. The GIL is released while it aligns.
    #[pyo3(signature = (src, tgt=None, *, name=None))]
    fn align(
        &self,
        py: Python<'_>,
        src: &Bound<'_, PyAny>,
        tgt: Option<&Bound<'_, PyAny>>,
        name: Option<String>,
    ) -> PyResult<Alignment> {
        let job = Job::new(src, tgt, name)?;
        let fixed = self.fixed.as_deref();
        let aligned = py
            .detach(|| self.pipelines.run_fixed(&job, false, fixed))
            .map_err(|e| errors::raise(py, &e))?;
        Alignment::new(py, aligned)
    }

    /// Aligns `src` with `tgt` as `align` does, keeping the beads `fixed` exactly: a path
    /// (a file in the JSONL or ids format, as `bialign align --fixed` reads it) or a list
    /// of `(src, tgt)` index lists (a bead without counterpart beside a neighbour in the
    /// list). The rest is aligned around them; a fixed bead's score is 1.
    ///
    /// >>> a = bialign.Aligner().align_fixed(["他来了。", "她走了。"], ["He came and she left."], [([0, 1], [0])])
    /// >>> a.to_ids()
    /// '[0,1]:[0]\n'
    #[pyo3(signature = (src, tgt, fixed, *, name=None))]
    fn align_fixed(
        &self,
        py: Python<'_>,
        src: &Bound<'_, PyAny>,
        tgt: Option<&Bound<'_, PyAny>>,
        fixed: &Bound<'_, PyAny>,
        name: Option<String>,
    ) -> PyResult<Alignment> {
        let job = Job::new(src, tgt, name)?;
        let fixed = fixed_of(py, fixed, self.pipelines.options().max_input_bytes)?;
        let aligned = py
            .detach(|| self.pipelines.run_fixed(&job, false, Some(&fixed)))
            .map_err(|e| errors::raise(py, &e))?;
        Alignment::new(py, aligned)
    }

    /// Aligns many documents on `threads` threads (default: one per core) with the GIL
    /// released, each document on one thread as `bialign batch` does. `pairs` holds
    /// `(src, tgt)` or `(src, tgt, name)` tuples, or dicts with `src`, `tgt`, `name`. The
    /// result is in input order: an `Alignment` per document, or, for a document that
    /// failed, its exception (a `bialign.Error`, not raised).
    #[pyo3(signature = (pairs, threads=None))]
    fn align_many<'py>(
        &self,
        py: Python<'py>,
        pairs: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let jobs: Vec<Job> = pairs
            .try_iter()?
            .enumerate()
            .map(|(k, item)| Job::of_item(&item?, k))
            .collect::<PyResult<_>>()?;
        if threads == Some(0) {
            return Err(errors::option_error(
                py,
                "threads",
                "invalid threads: must be at least 1",
            ));
        }
        let threads = threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
            .min(jobs.len().max(1));
        let one_thread = jobs.len() > 1;
        let results = py.detach(|| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
            let run = |job: &Job| self.pipelines.run(job, one_thread);
            match pool {
                Ok(pool) => pool.install(|| {
                    use rayon::prelude::*;
                    jobs.par_iter().map(run).collect::<Vec<_>>()
                }),
                // No threads to be had: align in this one.
                Err(_) => jobs.iter().map(run).collect(),
            }
        });
        let out = PyList::empty(py);
        for result in results {
            match result {
                Ok(aligned) => out.append(Alignment::new(py, aligned)?)?,
                Err(e) => out.append(errors::instance(py, &e, None)?)?,
            }
        }
        Ok(out)
    }

    fn __repr__(&self) -> String {
        let defaults = serde_json::to_value(Options::default()).unwrap_or_default();
        let mine = serde_json::to_value(self.pipelines.options()).unwrap_or_default();
        let changed: Vec<String> = Options::NAMES
            .iter()
            .filter(|n| mine[**n] != defaults[**n])
            .map(|n| format!("{n}={}", mine[*n]))
            .collect();
        format!("Aligner({})", changed.join(", "))
    }
}

/// Options as a dict of every option by name, the values as Python objects.
pub fn options_to_py<'py>(py: Python<'py>, options: &Options) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(options).unwrap_or_default();
    // In the order of the fields (a JSON object's keys come sorted).
    let dict = PyDict::new(py);
    for name in Options::NAMES {
        dict.set_item(name, json_to_py(py, &value[name])?)?;
    }
    Ok(dict.into_any())
}

/// A JSON value as Python objects (as `json.loads` gives them, without importing `json`,
/// whose import would cost a short alignment more than the alignment's own start).
fn json_to_py<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use pyo3::IntoPyObjectExt;
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_bound_py_any(py)?,
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_bound_py_any(py)?,
            (None, Some(u)) => u.into_bound_py_any(py)?,
            _ => n.as_f64().unwrap_or(f64::NAN).into_bound_py_any(py)?,
        },
        Value::String(s) => s.into_bound_py_any(py)?,
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(fields) => {
            let dict = PyDict::new(py);
            for (k, v) in fields {
                dict.set_item(k, json_to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}
