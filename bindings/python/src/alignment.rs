//! `bialign.Alignment` (a sequence of `Bead`s over a document, with every writer of the
//! library) and `bialign.Bead`.

use crate::errors;
use bialign::export::{join_sentences, Format};
use bialign::{Document, Pipeline};
use pyo3::exceptions::{PyIndexError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PySlice};
use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Arc;

/// A document and its alignment, with the pipeline that made them (its options and
/// writer settings).
pub struct Aligned {
    /// The pipeline the document was aligned with.
    pub pipeline: Arc<Pipeline>,
    /// The segmented document.
    pub doc: Document,
    /// Its alignment.
    pub alignment: bialign::Alignment,
}

/// One bead: the source sentences `src` (indices) paired with the target sentences `tgt`;
/// either may be empty (`is_null`: the other side's sentences have no counterpart).
/// `src_text` and `tgt_text` are the sentences joined as every writer joins them; `score`
/// is the confidence in [0, 1] (unrounded; the writers round it to three decimals).
#[pyclass(frozen, get_all, eq, skip_from_py_object, module = "bialign")]
#[derive(Clone, PartialEq)]
pub struct Bead {
    /// Source sentence indices.
    pub src: Vec<usize>,
    /// Target sentence indices.
    pub tgt: Vec<usize>,
    /// The source sentences, joined.
    pub src_text: String,
    /// The target sentences, joined.
    pub tgt_text: String,
    /// The confidence.
    pub score: f64,
    /// Whether one side is empty.
    pub is_null: bool,
}

#[pymethods]
impl Bead {
    fn __repr__(&self) -> String {
        format!(
            "Bead(src={:?}, tgt={:?}, score={:.3}, src_text={:?}, tgt_text={:?})",
            self.src,
            self.tgt,
            self.score,
            shorten(&self.src_text),
            shorten(&self.tgt_text)
        )
    }
}

/// The fields of `to_records` and `to_columns`, in order.
const COLUMNS: [&str; 7] = [
    "bead", "src", "tgt", "src_text", "tgt_text", "score", "is_null",
];

impl Bead {
    /// The bead's fields as Python objects, in the order of [`COLUMNS`], `k` its number.
    fn fields<'py>(self, py: Python<'py>, k: usize) -> PyResult<[Bound<'py, PyAny>; 7]> {
        use pyo3::IntoPyObjectExt;
        Ok([
            k.into_bound_py_any(py)?,
            self.src.into_bound_py_any(py)?,
            self.tgt.into_bound_py_any(py)?,
            self.src_text.into_bound_py_any(py)?,
            self.tgt_text.into_bound_py_any(py)?,
            self.score.into_bound_py_any(py)?,
            self.is_null.into_bound_py_any(py)?,
        ])
    }
}

/// The first 40 characters of `s`, with an ellipsis when cut.
fn shorten(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

/// The alignment of one document: a sequence of `Bead`s covering every sentence of both
/// sides once, in order, and the writers of every output format.
///
/// >>> a = bialign.align("他来了。她走了。", "He came. She left.")
/// >>> len(a), a[0].tgt_text
/// (2, 'He came.')
/// >>> print(a.to_ids(), end="")
/// [0]:[0]
/// [1]:[1]
#[pyclass(frozen, sequence, module = "bialign")]
pub struct Alignment {
    aligned: Aligned,
    /// The normalised sentences of each side, as the writers show them.
    src: Vec<String>,
    tgt: Vec<String>,
}

impl Alignment {
    /// The Python object for an alignment, its input warnings emitted as
    /// `bialign.InputWarning`s.
    pub fn new(py: Python<'_>, aligned: Aligned) -> PyResult<Alignment> {
        errors::warn_all(py, &aligned.doc.warnings)?;
        let texts = |t: &bialign::text::Text| t.texts().into_iter().map(str::to_owned).collect();
        Ok(Alignment {
            src: texts(&aligned.doc.src),
            tgt: texts(&aligned.doc.tgt),
            aligned,
        })
    }

    fn bead(&self, k: usize) -> Bead {
        let b = &self.aligned.alignment.beads[k];
        Bead {
            src: b.src.clone().collect(),
            tgt: b.tgt.clone().collect(),
            src_text: join_sentences(&self.src, b.src.clone()),
            tgt_text: join_sentences(&self.tgt, b.tgt.clone()),
            score: b.score,
            is_null: b.is_null(),
        }
    }

    fn beads_vec(&self) -> Vec<Bead> {
        (0..self.aligned.alignment.beads.len())
            .map(|k| self.bead(k))
            .collect()
    }

    fn writer(&self) -> bialign::Writer<'_> {
        let a = &self.aligned;
        a.pipeline.writer(&a.doc, &a.alignment)
    }

    /// The document rendered in `format`, as text.
    fn render_as(&self, py: Python<'_>, format: Format) -> PyResult<String> {
        let bytes = self
            .writer()
            .render(format)
            .map_err(|e| errors::raise(py, &e))?;
        String::from_utf8(bytes).map_err(|e| PyValueError::new_err(e.to_string()))
    }
}

/// A format by name (`tmx`), as `--format` takes it.
fn format_named(py: Python<'_>, name: &str) -> PyResult<Format> {
    name.parse::<Format>()
        .map_err(|e| errors::raise_about(py, &e, Some("format")))
}

#[pymethods]
impl Alignment {
    fn __len__(&self) -> usize {
        self.aligned.alignment.beads.len()
    }

    fn __getitem__<'py>(
        &self,
        py: Python<'py>,
        index: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let n = self.__len__();
        if let Ok(slice) = index.cast::<PySlice>() {
            let ix = slice.indices(n as isize)?;
            let beads: Vec<Bead> = (0..ix.slicelength)
                .map(|i| self.bead((ix.start + i as isize * ix.step) as usize))
                .collect();
            return Ok(PyList::new(py, beads)?.into_any());
        }
        let k: isize = index.extract()?;
        let k = if k < 0 { k + n as isize } else { k };
        if k < 0 || k as usize >= n {
            return Err(PyIndexError::new_err("bead index out of range"));
        }
        Ok(Bound::new(py, self.bead(k as usize))?.into_any())
    }

    /// Every bead, as a list.
    #[getter]
    fn beads(&self) -> Vec<Bead> {
        self.beads_vec()
    }

    /// The beads that pair sentences on both sides.
    fn pairs(&self) -> Vec<Bead> {
        self.beads_vec()
            .into_iter()
            .filter(|b| !b.is_null)
            .collect()
    }

    /// The source side's sentences (normalised, as the writers show them).
    #[getter]
    fn src_sentences(&self) -> Vec<String> {
        self.src.clone()
    }

    /// The target side's sentences.
    #[getter]
    fn tgt_sentences(&self) -> Vec<String> {
        self.tgt.clone()
    }

    /// The document's name (given to `align`), shown in TMX and HTML output.
    #[getter]
    fn name(&self) -> Option<String> {
        self.aligned.doc.src_name.clone()
    }

    /// Whether one text held both languages.
    #[getter]
    fn mixed(&self) -> bool {
        self.aligned.doc.mixed
    }

    /// Warnings about the input (also emitted as `bialign.InputWarning`).
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.aligned.doc.warnings.clone()
    }

    /// `N pairs, K unpaired source, M unpaired target sentences`, as the command line says.
    #[getter]
    fn summary(&self) -> String {
        self.aligned.alignment.tally().to_string()
    }

    /// The document in `format` (`tsv`, `csv`, `jsonl`, `ids`, `tmx`, `html`), byte for
    /// byte what `bialign align --format FORMAT` writes for the same input and options.
    fn render(&self, py: Python<'_>, format: &str) -> PyResult<String> {
        let format = format_named(py, format)?;
        if format.is_two_files() {
            return Err(errors::option_error(
                py,
                "format",
                "invalid format: moses writes two files: use save(prefix, format=\"moses\")",
            ));
        }
        self.render_as(py, format)
    }

    /// TMX 1.4b, for translation-memory tools.
    fn to_tmx(&self, py: Python<'_>) -> PyResult<String> {
        self.render_as(py, Format::Tmx)
    }

    /// `source<TAB>target<TAB>score` lines, one per pair.
    fn to_tsv(&self, py: Python<'_>) -> PyResult<String> {
        self.render_as(py, Format::Tsv)
    }

    /// The TSV columns as RFC 4180 CSV.
    fn to_csv(&self, py: Python<'_>) -> PyResult<String> {
        self.render_as(py, Format::Csv)
    }

    /// One JSON object per bead, null beads included.
    fn to_jsonl(&self, py: Python<'_>) -> PyResult<String> {
        self.render_as(py, Format::Jsonl)
    }

    /// One `[0,1]:[0]` line per bead.
    fn to_ids(&self, py: Python<'_>) -> PyResult<String> {
        self.render_as(py, Format::Ids)
    }

    /// A self-contained HTML review page.
    fn to_html(&self, py: Python<'_>) -> PyResult<String> {
        self.render_as(py, Format::Html)
    }

    /// The beads as a list of dicts (`bead`, `src`, `tgt`, `src_text`, `tgt_text`, `score`,
    /// `is_null`), which `pandas.DataFrame` takes as it is.
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for (k, b) in self.beads_vec().into_iter().enumerate() {
            let d = PyDict::new(py);
            for (name, value) in COLUMNS.iter().zip(b.fields(py, k)?) {
                d.set_item(name, value)?;
            }
            out.append(d)?;
        }
        Ok(out)
    }

    /// The beads as a dict of columns, one list per field of `to_records` (`bead`, `src`,
    /// `tgt`, `src_text`, `tgt_text`, `score`, `is_null`), each as long as the alignment:
    /// `pandas.DataFrame` takes it as it is, and it is the quickest way to many rows (no
    /// `Bead` or dict per row; the Spark example builds its rows with it).
    ///
    /// >>> bialign.align("他来了。她走了。", "He came. She left.").to_columns()["tgt_text"]
    /// ['He came.', 'She left.']
    fn to_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let columns: Vec<Bound<'py, PyList>> = COLUMNS.iter().map(|_| PyList::empty(py)).collect();
        for (k, b) in self.beads_vec().into_iter().enumerate() {
            for (column, value) in columns.iter().zip(b.fields(py, k)?) {
                column.append(value)?;
            }
        }
        let out = PyDict::new(py);
        for (name, column) in COLUMNS.iter().zip(columns) {
            out.set_item(name, column)?;
        }
        Ok(out)
    }

    /// Writes the document to `path` in `format` (default: the `format` option, else the
    /// one the extension names, else TSV, as `bialign align -o` decides), atomically; with
    /// `moses`, `path` is the prefix of two files. Returns the paths written, as `str`s
    /// (a `pathlib.Path` would import `pathlib`, which costs a short run more than the
    /// writing).
    #[pyo3(signature = (path, format=None))]
    fn save(&self, py: Python<'_>, path: PathBuf, format: Option<&str>) -> PyResult<Vec<OsString>> {
        let format = match format {
            Some(f) => format_named(py, f)?,
            None => self.aligned.pipeline.format_for(Some(&path)),
        };
        let options = self.aligned.pipeline.options();
        let outputs = options.output_paths(format, &path);
        let outputs: Vec<&std::path::Path> = outputs.iter().map(PathBuf::as_path).collect();
        let dicts: Vec<&std::path::Path> = options.dict.iter().map(PathBuf::as_path).collect();
        bialign::export::refuse_overwriting_inputs(&outputs, &dicts)
            .and_then(|()| self.writer().save(format, &path))
            .map(|written| written.into_iter().map(PathBuf::into_os_string).collect())
            .map_err(|e| errors::raise(py, &e))
    }

    fn __repr__(&self) -> String {
        let name = self
            .aligned
            .doc
            .src_name
            .as_deref()
            .map_or(String::new(), |n| format!("{n:?}, "));
        format!(
            "Alignment({name}{} beads: {})",
            self.__len__(),
            self.summary()
        )
    }
}
