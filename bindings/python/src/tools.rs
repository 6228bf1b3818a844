//! `bialign.segment`, `bialign.read`, `bialign.evaluate` and the defaults.

use crate::errors;
use bialign::eval::{evaluate_with_verses, parse_alignment, read_alignment, IdBead, Verses};
use bialign::text::{Lang, Segmenter};
use bialign::Options;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use std::path::PathBuf;

/// One sentence of `bialign.segment`: its normalised `text` (wrapped lines joined, spaces
/// between Han characters dropped: what the aligner and the writers use), and `start` and
/// `end`, offsets into the string given, so that `given[start:end]` quotes it verbatim;
/// its `lang` (`zh` or `en`), paragraph `para`, and `id`, its index among the sentences of
/// its language as `align` numbers that side.
#[pyclass(frozen, get_all, eq, skip_from_py_object, module = "bialign")]
#[derive(Clone, PartialEq)]
pub struct Sentence {
    /// The normalised sentence.
    pub text: String,
    /// Offset of its first character in the given string.
    pub start: usize,
    /// Offset after its last character.
    pub end: usize,
    /// `zh` or `en`.
    pub lang: &'static str,
    /// Paragraph number.
    pub para: usize,
    /// Index among the sentences of its language.
    pub id: usize,
}

#[pymethods]
impl Sentence {
    fn __repr__(&self) -> String {
        format!(
            "Sentence({:?}, start={}, end={}, lang={:?}, para={}, id={})",
            self.text, self.start, self.end, self.lang, self.para, self.id
        )
    }
}

/// Byte offsets of `text` (each on a character boundary) as character offsets, Python's
/// `str` indices, in the order given.
fn char_offsets(text: &str, bytes: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_by_key(|&k| bytes[k]);
    let mut out = vec![0; bytes.len()];
    let mut boundaries = text.char_indices().map(|(b, _)| b).peekable();
    let mut chars = 0;
    for k in order {
        // The characters starting before the offset are those before it.
        while boundaries.next_if(|&b| b < bytes[k]).is_some() {
            chars += 1;
        }
        out[k] = chars;
    }
    out
}

/// Splits `text` into sentences as `bialign segment` does: a text holding both languages
/// gives its Chinese then its English sentences (only those of `lang` when given), any
/// other text its sentences in `lang` (default: the language detected). With `presplit`,
/// line i is sentence i. What the UN-style clean-up sets apart (running headers, page
/// numbers, the distribution block, footnotes) is not among the sentences, as in the
/// command line's ids; `no_cleanup=True` keeps it.
///
/// >>> [s.text for s in bialign.segment("他来了。她走了。")]
/// ['他来了。', '她走了。']
#[pyfunction]
#[pyo3(signature = (text, lang=None, *, presplit=false, no_cleanup=false))]
pub fn segment(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    lang: Option<&str>,
    presplit: bool,
    no_cleanup: bool,
) -> PyResult<Vec<Sentence>> {
    let lang: Option<Lang> = lang
        .map(str::parse)
        .transpose()
        .map_err(|e| errors::raise_about(py, &e, Some("lang")))?;
    let text = text.to_cow()?.into_owned();
    Ok(py.detach(|| {
        let parts = Segmenter::new()
            .presplit(presplit)
            .cleanup(!no_cleanup)
            .segment_parts(&text, lang);
        let spans: Vec<usize> = parts
            .iter()
            .flat_map(|t| {
                t.sentences()
                    .iter()
                    .flat_map(|s| [s.span.start, s.span.end])
            })
            .collect();
        let offsets = char_offsets(&text, &spans);
        let mut out = Vec::with_capacity(spans.len() / 2);
        for part in &parts {
            for (id, s) in part.sentences().iter().enumerate() {
                let k = out.len() * 2;
                out.push(Sentence {
                    text: s.text.clone(),
                    start: offsets[k],
                    end: offsets[k + 1],
                    lang: part.lang().code(),
                    para: s.para,
                    id,
                });
            }
        }
        out
    }))
}

/// Reads a text file as the command line does: UTF-8 (with or without a byte order mark),
/// UTF-16 or GB18030/GBK/Big5, detected; binary data refused; at most `max_input_bytes`
/// (default: the command line's); damaged UTF-8 read with U+FFFD and a
/// `bialign.InputWarning`, or refused with `strict_decoding`.
#[pyfunction]
#[pyo3(signature = (path, *, max_input_bytes=None, strict_decoding=None))]
pub fn read(
    py: Python<'_>,
    path: PathBuf,
    max_input_bytes: Option<u64>,
    strict_decoding: Option<bool>,
) -> PyResult<String> {
    let mut options = Options::default();
    options.max_input_bytes = max_input_bytes.unwrap_or(options.max_input_bytes);
    options.strict_decoding = strict_decoding.unwrap_or(options.strict_decoding);
    let decoded = py
        .detach(|| options.read_input(&path))
        .map_err(|e| errors::raise(py, &e))?;
    errors::warn_all(py, &decoded.warnings)?;
    Ok(decoded.text)
}

/// An alignment to score: an `Alignment`, a list of `(src ids, tgt ids)` pairs, a `str` in
/// index format (`[0]:[0]` lines) or a path (`os.PathLike`) to a file in it.
fn id_beads(py: Python<'_>, obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<IdBead>> {
    if let Ok(a) = obj.cast::<crate::alignment::Alignment>() {
        let text: String = a.call_method0("to_ids")?.extract()?;
        return parse_alignment(&text, what).map_err(|e| errors::raise(py, &e));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return parse_alignment(&s.to_cow()?, what).map_err(|e| errors::raise(py, &e));
    }
    if obj.hasattr("__fspath__")? {
        let path: PathBuf = obj.extract()?;
        return read_alignment(&path).map_err(|e| errors::raise(py, &e));
    }
    let mut beads = Vec::new();
    let items = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what}: expected an Alignment, a str in index format, a path or a list of \
             (src ids, tgt ids) pairs"
        ))
    })?;
    for (k, item) in items.enumerate() {
        let bead: IdBead = item?.extract().map_err(|_| {
            PyTypeError::new_err(format!("{what}[{k}]: expected a (src ids, tgt ids) pair"))
        })?;
        beads.push(bead);
    }
    Ok(beads)
}

/// Scores `test` against `gold` as `bialign eval` does: strict (exact beads) and lax
/// (overlapping beads) precision, recall and F1, as
/// `{"strict": {"precision": .., "recall": .., "f1": ..}, "lax": {..}}`. Each is an
/// `Alignment`, a list of `(src ids, tgt ids)` pairs, a `str` in index format or a path to
/// a file in it. With `src_verses` and `tgt_verses` (paths to files giving each sentence's
/// verse), test beads are merged by verse first, as for the Bible.
///
/// >>> bialign.evaluate("[0]:[0]\n[1]:[1]\n", [([0], [0]), ([1], [])])["strict"]["recall"]
/// 0.5
#[pyfunction]
#[pyo3(signature = (gold, test, *, src_verses=None, tgt_verses=None))]
pub fn evaluate<'py>(
    py: Python<'py>,
    gold: &Bound<'py, PyAny>,
    test: &Bound<'py, PyAny>,
    src_verses: Option<PathBuf>,
    tgt_verses: Option<PathBuf>,
) -> PyResult<Bound<'py, PyDict>> {
    let gold = id_beads(py, gold, "gold")?;
    let test = id_beads(py, test, "test")?;
    let verses = match (src_verses, tgt_verses) {
        (Some(s), Some(t)) => Some(Verses::load(&s, &t).map_err(|e| errors::raise(py, &e))?),
        (None, None) => None,
        _ => {
            return Err(PyTypeError::new_err(
                "give both src_verses and tgt_verses, or neither",
            ))
        }
    };
    let counts =
        evaluate_with_verses(&gold, &test, verses.as_ref()).map_err(|e| errors::raise(py, &e))?;
    let score = counts.score();
    let out = PyDict::new(py);
    for (key, prf) in [("strict", score.strict), ("lax", score.lax)] {
        let d = PyDict::new(py);
        d.set_item("precision", prf.precision)?;
        d.set_item("recall", prf.recall)?;
        d.set_item("f1", prf.f1)?;
        out.set_item(key, d)?;
    }
    Ok(out)
}

/// Every option of `bialign align` with its default, by name (a new dict each call).
///
/// >>> bialign.defaults()["max_bead"], bialign.defaults()["src_lang"]
/// (6, 'zh')
#[pyfunction]
pub fn defaults(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    crate::aligner::options_to_py(py, &Options::default())
}
