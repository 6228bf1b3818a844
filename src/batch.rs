//! Batch records: a document pair given as one line of JSON ([`BatchJob`]) and what comes
//! back for it ([`BatchResult`]), as `bialign batch -` reads and writes them and as other
//! front-ends (Python, a Spark job) exchange them.
//!
//! ```
//! use bialign::batch::{BatchJob, BatchResult};
//! use bialign::{Options, Pipeline};
//!
//! let line = r#"{"id":7,"src":"你好。","tgt":"Hello."}"#;
//! let job = BatchJob::parse_line(line.as_bytes(), 1, 1 << 20)
//!     .map_err(|bad| bad.message)
//!     .unwrap();
//! let pipeline = Pipeline::new(&Options::default())?;
//! let result = job.run(&pipeline);
//! assert_eq!(
//!     serde_json::to_string(&result.record).unwrap(),
//!     r#"{"id":7,"beads":[{"src":[0],"tgt":[0],"src_text":"你好。","tgt_text":"Hello.","score":1.0}]}"#
//! );
//! # Ok::<(), bialign::Error>(())
//! ```

use crate::export::{Format, JsonBead};
use crate::text::decode::STDIN_NAME;
use crate::Pipeline;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::HashMap;

/// A document's id exactly as the input wrote it (a big integer stays that integer, not a
/// float), echoed in its result.
pub type Id = Box<RawValue>;

/// The id `null`, for lines that had none.
pub fn null_id() -> Id {
    // `null` is valid JSON, so this cannot fail; the fallback is never taken.
    RawValue::from_string("null".into()).unwrap_or_else(|_| Box::<RawValue>::default())
}

/// One document pair of a JSONL batch: `{"id":..,"src":"..","tgt":".."}`, the texts
/// themselves (no `tgt`: `src` holds both languages).
#[derive(Clone, Debug)]
pub struct BatchJob {
    /// The caller's id of the document, any JSON value, echoed in the result as written.
    pub id: Id,
    /// The line of the input it came from (1-based), for messages.
    pub line: usize,
    /// The source text.
    pub src: String,
    /// The target text; `None` when `src` holds both languages.
    pub tgt: Option<String>,
}

/// A line that is not a batch job: its id when it had one, and what is wrong.
#[derive(Clone, Debug)]
pub struct BadLine {
    /// The id, when the line was a JSON object with one (else `null`).
    pub id: Id,
    /// The line (1-based).
    pub line: usize,
    /// The message, `<stdin>:LINE: what is wrong`.
    pub message: String,
}

impl BadLine {
    /// The result record that reports this line.
    pub fn record(&self) -> BatchResult {
        BatchResult::Error {
            id: self.id.clone(),
            line: self.line,
            error: self.message.clone(),
        }
    }
}

/// The result of one batch document, a line of JSON: its beads, its rendered output in
/// another format, or its error.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum BatchResult {
    /// `{"id":..,"beads":[..]}`: the beads as `--format jsonl` writes them.
    Beads {
        /// The job's id.
        id: Id,
        /// The beads.
        beads: Vec<JsonBead>,
    },
    /// `{"id":..,"format":"tmx","output":".."}`: the document in another format.
    Output {
        /// The job's id.
        id: Id,
        /// The format's name.
        format: &'static str,
        /// The rendered document.
        output: String,
    },
    /// `{"id":..,"line":N,"error":".."}`: the document failed.
    Error {
        /// The job's id (`null` when the line had none).
        id: Id,
        /// The input line (1-based).
        line: usize,
        /// The one-line message.
        error: String,
    },
}

/// What aligning one batch job gives: the result record, the number of sentences aligned
/// (for a rate), and the warnings about its input.
#[derive(Clone, Debug)]
pub struct JobOutcome {
    /// The result line.
    pub record: BatchResult,
    /// Sentences of both sides.
    pub sentences: usize,
    /// Warnings about the input, one line each.
    pub warnings: Vec<String>,
}

impl BatchJob {
    /// Parses one line of JSONL input (`line` 1-based); `limit` bounds each text in bytes,
    /// so the line may hold twice that and the JSON around it.
    ///
    /// # Errors
    /// A [`BadLine`] when the line is too long, not a JSON object, has no `src` string or a
    /// `tgt` that is not a string.
    pub fn parse_line(bytes: &[u8], line: usize, limit: u64) -> Result<BatchJob, BadLine> {
        let bad = |id: Id, message: String| BadLine {
            id,
            line,
            message: format!("{STDIN_NAME}:{line}: {message}"),
        };
        if bytes.len() as u64 > limit.saturating_mul(2) {
            return Err(bad(
                null_id(),
                format!("line is {} bytes, more than the limit", bytes.len()),
            ));
        }
        // The members as raw JSON, so that the id keeps its exact text.
        let mut obj: HashMap<String, Id> = serde_json::from_slice(bytes).map_err(|e| {
            if e.classify() == serde_json::error::Category::Data {
                bad(null_id(), "not a JSON object".into())
            } else {
                bad(null_id(), format!("not a JSON object: {e}"))
            }
        })?;
        let id = obj.remove("id").unwrap_or_else(null_id);
        let text = |v: Option<Id>, key: &str| match v.as_deref().map(RawValue::get) {
            None | Some("null") => Ok(None),
            Some(raw) => match serde_json::from_str::<Value>(raw) {
                Ok(Value::String(s)) => Ok(Some(s)),
                _ => Err(format!("\"{key}\" must be a string")),
            },
        };
        let src = match text(obj.remove("src"), "src") {
            Ok(Some(s)) => s,
            Ok(None) => return Err(bad(id, "no \"src\" text".into())),
            Err(e) => return Err(bad(id, e)),
        };
        match text(obj.remove("tgt"), "tgt") {
            Ok(tgt) => Ok(BatchJob { id, line, src, tgt }),
            Err(e) => Err(bad(id, e)),
        }
    }

    /// The name of the job in messages: `<stdin>:LINE`.
    pub fn place(&self) -> String {
        format!("{STDIN_NAME}:{}", self.line)
    }

    /// The document name its output shows: the id as text (`None` for a `null` id).
    fn doc_name(&self) -> Option<String> {
        match serde_json::from_str::<Value>(self.id.get()) {
            Ok(Value::Null) => None,
            Ok(Value::String(s)) => Some(s),
            _ => Some(self.id.get().to_string()),
        }
    }

    /// Aligns the job with `pipeline`: the beads (with the options' format unset or JSONL)
    /// or the document rendered in the options' format, or the error. Never panics on bad
    /// input; a failure is the record's error.
    pub fn run(&self, pipeline: &Pipeline) -> JobOutcome {
        let (mut sentences, mut warnings) = (0, Vec::new());
        let record = self
            .align(pipeline, &self.place(), &mut sentences, &mut warnings)
            .unwrap_or_else(|error| BatchResult::Error {
                id: self.id.clone(),
                line: self.line,
                error,
            });
        JobOutcome {
            record,
            sentences,
            warnings,
        }
    }

    /// The job's result record; what it finds on the way goes to `sentences` (both sides)
    /// and `warnings`.
    fn align(
        &self,
        pipeline: &Pipeline,
        place: &str,
        sentences: &mut usize,
        warnings: &mut Vec<String>,
    ) -> Result<BatchResult, String> {
        let (src_name, tgt_name) = (format!("{place} src"), format!("{place} tgt"));
        let src = pipeline
            .check_text(&self.src, &src_name)
            .map_err(|e| e.to_string())?;
        let tgt = self
            .tgt
            .as_deref()
            .map(|t| pipeline.check_text(t, &tgt_name))
            .transpose()
            .map_err(|e| e.to_string())?;
        let mut doc = pipeline
            .document(
                (&src, &src_name),
                tgt.as_deref().map(|t| (t, tgt_name.as_str())),
            )
            .map_err(|e| e.to_string())?;
        *warnings = std::mem::take(&mut doc.warnings);
        doc.src_name = self.doc_name();
        doc.tgt_name = self.doc_name();
        *sentences = doc.src.len() + doc.tgt.len();
        let alignment = pipeline.align(&doc).map_err(|e| format!("{place}: {e}"))?;
        let writer = pipeline.writer(&doc, &alignment);
        let format = pipeline.options().format.unwrap_or(Format::Jsonl);
        let id = self.id.clone();
        if format == Format::Jsonl {
            let beads = writer.json_beads().map_err(|e| format!("{place}: {e}"))?;
            return Ok(BatchResult::Beads { id, beads });
        }
        let bytes = writer.render(format).map_err(|e| format!("{place}: {e}"))?;
        Ok(BatchResult::Output {
            id,
            format: format.name(),
            output: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }
}
