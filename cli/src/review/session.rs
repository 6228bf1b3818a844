//! The review session: the document as the reviewer's sentence edits made it, the fixed
//! beads, the alignment the engine keeps under them, and the edit log (undo, redo), saved
//! as a state file that `bialign review --resume` reopens.
//!
//! Every edit is planned first (the new texts and the new set of fixed beads, checked
//! against the current alignment) and then carried out by the engine; an edit that cannot be
//! carried out leaves the session as it was. Undo and redo go from one entry's fixed beads
//! (and texts) to the other's through the engine, so that what the page shows is always the
//! engine's alignment.

use super::engine::{after_join, after_split, Engine, FixedBead, Side};
use bialign::{Alignment, Bead, Document, Options, Pipeline};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// A request the session refuses: the HTTP status it calls for and a one-line message.
#[derive(Debug)]
pub(crate) struct Refused {
    /// 400 (a bad edit), 409 (a stale view, nothing to undo), 500 (the engine failed).
    pub(crate) status: u16,
    pub(crate) message: String,
}

impl Refused {
    pub(crate) fn bad(message: impl Into<String>) -> Refused {
        Refused {
            status: 400,
            message: message.into(),
        }
    }
    pub(crate) fn conflict(message: impl Into<String>) -> Refused {
        Refused {
            status: 409,
            message: message.into(),
        }
    }
}

impl From<bialign::Error> for Refused {
    fn from(e: bialign::Error) -> Refused {
        let status = match e.kind() {
            bialign::ErrorKind::Input | bialign::ErrorKind::Config => 400,
            _ => 500,
        };
        Refused {
            status,
            message: e.to_string(),
        }
    }
}

/// Which way a sentence moves across a bead boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Direction {
    /// Into the previous bead (the sentence must be the first of its side in its bead).
    Up,
    /// Into the next bead (the sentence must be the last of its side in its bead).
    Down,
}

/// One edit as the page asks for it (JSON `{"op": "merge", "bead": 3}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum Edit {
    /// Fix bead `bead` as it is.
    Confirm { bead: usize },
    /// Release the fixed bead `bead` (it is aligned again with the rest).
    Release { bead: usize },
    /// Merge bead `bead` with the next one, and fix the result.
    Merge { bead: usize },
    /// Split bead `bead` so that the second part starts with source sentence `src` and target
    /// sentence `tgt` (each from the bead's start to its end), and fix both parts.
    SplitBead { bead: usize, src: usize, tgt: usize },
    /// Move sentence `sentence` of `side` into the previous or next bead, and fix that bead
    /// (what is left of the sentence's bead is aligned again with the rest).
    Move {
        side: Side,
        sentence: usize,
        direction: Direction,
    },
    /// Fix sentence `sentence` of `side` as having no counterpart.
    Unpaired { side: Side, sentence: usize },
    /// Split sentence `sentence` of `side` in two before its character `at` (counted in
    /// Unicode scalar values, as the page counts them).
    SplitSentence {
        side: Side,
        sentence: usize,
        at: usize,
    },
    /// Join sentence `sentence` of `side` with the next one.
    JoinSentences { side: Side, sentence: usize },
}

/// A change of a text's sentences, as the state file keeps it (byte offsets).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum SentenceEdit {
    /// Sentence `sentence` split before byte `at` of its text.
    Split {
        side: Side,
        sentence: usize,
        at: usize,
    },
    /// Sentences `sentence` and `sentence + 1` joined.
    Join { side: Side, sentence: usize },
}

impl SentenceEdit {
    /// The document with this edit applied.
    fn apply(&self, doc: &Document) -> bialign::Result<Document> {
        let mut out = doc.clone();
        match *self {
            SentenceEdit::Split { side, sentence, at } => {
                *text_mut(&mut out, side) = text(doc, side).split_sentence(sentence, at)?;
            }
            SentenceEdit::Join { side, sentence } => {
                *text_mut(&mut out, side) = text(doc, side).join_sentences(sentence)?;
            }
        }
        Ok(out)
    }
}

fn text(doc: &Document, side: Side) -> &bialign::text::Text {
    match side {
        Side::Src => &doc.src,
        Side::Tgt => &doc.tgt,
    }
}

fn text_mut(doc: &mut Document, side: Side) -> &mut bialign::text::Text {
    match side {
        Side::Src => &mut doc.src,
        Side::Tgt => &mut doc.tgt,
    }
}

/// What the session is at one point of its log: the texts (as the sentence edits made them)
/// and the fixed beads.
#[derive(Clone, Debug)]
struct Snap {
    doc: Arc<Document>,
    edits: Arc<Vec<SentenceEdit>>,
    fixed: Vec<FixedBead>,
}

/// One entry of the edit log.
#[derive(Clone, Debug)]
struct Entry {
    edit: Edit,
    label: String,
    before: Snap,
    after: Snap,
}

/// An input file as the state file names it: its path and the SHA-256 of its bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct InputFile {
    pub(crate) path: PathBuf,
    pub(crate) sha256: String,
}

/// The state file (JSON): what `--resume` needs to reopen a review where it stopped.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StateFile {
    /// Always [`STATE_KIND`], so that another JSON file is not taken for a state.
    pub(crate) kind: String,
    /// The format's version ([`STATE_VERSION`]).
    pub(crate) version: u32,
    /// The inputs (source, then target when there are two files).
    pub(crate) inputs: Vec<InputFile>,
    /// Every option of the run, as `align` takes them.
    pub(crate) options: Options,
    /// Where the aligned output is saved, if anywhere.
    pub(crate) output: Option<PathBuf>,
    /// The fixed beads before the first edit (those of `--fixed`).
    pub(crate) initial_fixed: Vec<FixedBead>,
    /// The edit log, in order.
    pub(crate) log: Vec<LogEntry>,
    /// How many entries of the log are in effect (the rest were undone and can be redone).
    pub(crate) done: usize,
}

/// An entry of the state file's log: the edit, and the session after it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LogEntry {
    pub(crate) edit: Edit,
    pub(crate) label: String,
    /// Every sentence edit in effect after this entry, in order, from the inputs.
    pub(crate) sentence_edits: Vec<SentenceEdit>,
    /// The fixed beads after this entry.
    pub(crate) fixed: Vec<FixedBead>,
}

/// The `kind` of a state file.
pub(crate) const STATE_KIND: &str = "bialign review state";
/// The version of the state file's format.
pub(crate) const STATE_VERSION: u32 = 1;

/// A review session.
pub(crate) struct Session {
    pipeline: Pipeline,
    engine: Engine,
    base: Snap,
    log: Vec<Entry>,
    done: usize,
    /// Counts the changes of the alignment; an edit names the one it was made on.
    rev: u64,
    /// Counts the changes of the texts (the page fetches the sentences again).
    texts_rev: u64,
    /// The beads the last change brought (indices into the alignment).
    changed: Vec<usize>,
}

/// The current state as the page reads it.
#[derive(Serialize)]
pub(crate) struct View<'a> {
    pub(crate) rev: u64,
    pub(crate) texts_rev: u64,
    /// The sentences of both sides, when asked for (they change only with `texts_rev`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) src: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) tgt: Option<Vec<&'a str>>,
    pub(crate) beads: Vec<ViewBead>,
    pub(crate) changed: &'a [usize],
    pub(crate) undo: Option<&'a str>,
    pub(crate) redo: Option<&'a str>,
    pub(crate) log: Vec<&'a str>,
    /// The documents' names and the sides' language codes.
    pub(crate) names: [&'a str; 2],
    pub(crate) langs: [&'static str; 2],
    /// The confidence bands of the colours (the library's).
    pub(crate) bands: Bands,
}

/// The confidence bands: green from `high`, yellow from `medium`, red below.
#[derive(Serialize)]
pub(crate) struct Bands {
    pub(crate) high: f64,
    pub(crate) medium: f64,
}

/// A bead as the page reads it: `[start, end)` ranges, confidence, and whether it is fixed.
#[derive(Serialize)]
pub(crate) struct ViewBead {
    pub(crate) src: [usize; 2],
    pub(crate) tgt: [usize; 2],
    pub(crate) score: f64,
    pub(crate) fixed: bool,
}

impl Session {
    /// A session on `doc` with the fixed beads `fixed` (none, or those of `--fixed`).
    pub(crate) fn new(
        pipeline: Pipeline,
        doc: Document,
        fixed: Vec<FixedBead>,
    ) -> bialign::Result<Session> {
        let engine = Engine::new(&pipeline, &doc, &fixed)?;
        let base = Snap {
            doc: Arc::new(doc),
            edits: Arc::new(Vec::new()),
            fixed: engine.fixed().to_vec(),
        };
        Ok(Session {
            pipeline,
            engine,
            base,
            log: Vec::new(),
            done: 0,
            rev: 0,
            texts_rev: 0,
            changed: Vec::new(),
        })
    }

    /// Reopens a session from a state file's log over `doc` (the inputs, checked by the
    /// caller): the texts and fixed beads of the last entry in effect are rebuilt, aligned
    /// once, and every entry is kept for undo and redo.
    ///
    /// # Errors
    /// A message naming the entry that does not apply to the inputs.
    pub(crate) fn resume(
        pipeline: Pipeline,
        doc: Document,
        state: &StateFile,
    ) -> Result<Session, String> {
        if state.done > state.log.len() {
            return Err(format!(
                "says {} edits are in effect but its log has {}",
                state.done,
                state.log.len()
            ));
        }
        let base = Snap {
            doc: Arc::new(doc),
            edits: Arc::new(Vec::new()),
            fixed: state.initial_fixed.clone(),
        };
        let mut log = Vec::with_capacity(state.log.len());
        let mut before = base.clone();
        for (k, entry) in state.log.iter().enumerate() {
            let doc = if *entry.sentence_edits == **before.edits {
                Arc::clone(&before.doc)
            } else {
                let mut doc = (*base.doc).clone();
                for e in &entry.sentence_edits {
                    doc = e.apply(&doc).map_err(|e| format!("edit {}: {e}", k + 1))?;
                }
                Arc::new(doc)
            };
            let after = Snap {
                doc,
                edits: Arc::new(entry.sentence_edits.clone()),
                fixed: entry.fixed.clone(),
            };
            log.push(Entry {
                edit: entry.edit.clone(),
                label: entry.label.clone(),
                before: before.clone(),
                after: after.clone(),
            });
            before = after;
        }
        let current = match state.done {
            0 => &base,
            n => &log[n - 1].after,
        };
        let engine = Engine::new(&pipeline, &current.doc, &current.fixed)
            .map_err(|e| format!("its fixed beads do not apply: {e}"))?;
        Ok(Session {
            pipeline,
            engine,
            base,
            log,
            done: state.done,
            rev: 0,
            texts_rev: 0,
            changed: Vec::new(),
        })
    }

    /// The pipeline (options, writers).
    pub(crate) fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    /// The document as the sentence edits made it.
    pub(crate) fn doc(&self) -> &Document {
        &self.current().doc
    }

    /// The current alignment.
    pub(crate) fn alignment(&self) -> &Alignment {
        self.engine.alignment()
    }

    /// The revision an edit must name.
    pub(crate) fn rev(&self) -> u64 {
        self.rev
    }

    fn current(&self) -> &Snap {
        match self.done {
            0 => &self.base,
            n => &self.log[n - 1].after,
        }
    }

    /// The state as the page reads it; the sentences with `texts`.
    pub(crate) fn view(&self, texts: bool) -> View<'_> {
        let doc = self.doc();
        let fixed: HashSet<(Range<usize>, Range<usize>)> = self
            .engine
            .fixed()
            .iter()
            .map(|f| (f.src.clone(), f.tgt.clone()))
            .collect();
        let beads = self
            .alignment()
            .beads
            .iter()
            .map(|b| ViewBead {
                src: [b.src.start, b.src.end],
                tgt: [b.tgt.start, b.tgt.end],
                score: (b.score * 1000.0).round() / 1000.0,
                fixed: fixed.contains(&(b.src.clone(), b.tgt.clone())),
            })
            .collect();
        View {
            rev: self.rev,
            texts_rev: self.texts_rev,
            src: texts.then(|| doc.src.texts()),
            tgt: texts.then(|| doc.tgt.texts()),
            beads,
            changed: &self.changed,
            undo: self.done.checked_sub(1).map(|k| self.log[k].label.as_str()),
            redo: self.log.get(self.done).map(|e| e.label.as_str()),
            log: self.log[..self.done]
                .iter()
                .map(|e| e.label.as_str())
                .collect(),
            names: [
                doc.src_name.as_deref().unwrap_or("source"),
                doc.tgt_name.as_deref().unwrap_or("target"),
            ],
            langs: [doc.src.lang().code(), doc.tgt.lang().code()],
            bands: Bands {
                high: bialign::export::HIGH_CONFIDENCE,
                medium: bialign::export::MEDIUM_CONFIDENCE,
            },
        }
    }

    /// Carries out `edit`, made on revision `rev`.
    ///
    /// # Errors
    /// 409 when `rev` is not the current revision; 400 when the edit does not fit the
    /// alignment; the session is then unchanged.
    pub(crate) fn apply(&mut self, rev: u64, edit: Edit) -> Result<(), Refused> {
        if rev != self.rev {
            return Err(Refused::conflict(format!(
                "the alignment changed since this page read it (revision {rev}, now {}): \
                 reload the page",
                self.rev
            )));
        }
        let before = self.current().clone();
        let (after, label) = self.plan(&before, &edit)?;
        self.go(&before, &after)?;
        self.log.truncate(self.done);
        self.log.push(Entry {
            edit,
            label,
            before,
            after,
        });
        self.done += 1;
        Ok(())
    }

    /// Undoes the last edit in effect.
    ///
    /// # Errors
    /// 409 when there is none.
    pub(crate) fn undo(&mut self) -> Result<(), Refused> {
        let Some(entry) = self.done.checked_sub(1).map(|k| self.log[k].clone()) else {
            return Err(Refused::conflict("nothing to undo"));
        };
        self.go(&entry.after, &entry.before)?;
        self.done -= 1;
        Ok(())
    }

    /// Redoes the last edit undone.
    ///
    /// # Errors
    /// 409 when there is none.
    pub(crate) fn redo(&mut self) -> Result<(), Refused> {
        let Some(entry) = self.log.get(self.done).cloned() else {
            return Err(Refused::conflict("nothing to redo"));
        };
        self.go(&entry.before, &entry.after)?;
        self.done += 1;
        Ok(())
    }

    /// Brings the engine from `from` to `to`: a new alignment when the texts differ, else
    /// the fixed beads of `from` that `to` lacks released and those it adds fixed. When the
    /// engine fails half-way it is rebuilt at `from`, so the session stays as it was.
    fn go(&mut self, from: &Snap, to: &Snap) -> Result<(), Refused> {
        let old = self.alignment().clone();
        let result = if Arc::ptr_eq(&from.doc, &to.doc) {
            self.refix(&to.fixed)
        } else {
            Engine::new(&self.pipeline, &to.doc, &to.fixed).map(|e| self.engine = e)
        };
        if let Err(e) = result {
            if let Ok(engine) = Engine::new(&self.pipeline, &from.doc, &from.fixed) {
                self.engine = engine;
            }
            return Err(e.into());
        }
        if !Arc::ptr_eq(&from.doc, &to.doc) {
            self.texts_rev += 1;
        }
        self.rev += 1;
        self.changed = changed(&old, self.alignment());
        Ok(())
    }

    /// Releases the engine's fixed beads that `fixed` lacks, then fixes those it adds.
    fn refix(&mut self, fixed: &[FixedBead]) -> bialign::Result<()> {
        while let Some(k) = self.engine.fixed().iter().position(|f| !fixed.contains(f)) {
            self.engine.release(k)?;
        }
        for f in fixed {
            if !self.engine.fixed().contains(f) {
                self.engine.fix(f.clone())?;
            }
        }
        Ok(())
    }

    /// The session after `edit` (texts and fixed beads) and the log's label for it.
    fn plan(&self, now: &Snap, edit: &Edit) -> Result<(Snap, String), Refused> {
        let beads = &self.alignment().beads;
        let bead = |k: usize| {
            beads.get(k).ok_or_else(|| {
                Refused::bad(format!("there is no bead {k} (there are {})", beads.len()))
            })
        };
        let with_fixed = |new: Vec<FixedBead>| Snap {
            doc: Arc::clone(&now.doc),
            edits: Arc::clone(&now.edits),
            fixed: replace_fixed(&now.fixed, new),
        };
        Ok(match *edit {
            Edit::Confirm { bead: k } => {
                let b = bead(k)?;
                (
                    with_fixed(parts(b.src.clone(), b.tgt.clone())),
                    format!("confirm bead {k}"),
                )
            }
            Edit::Release { bead: k } => {
                let b = bead(k)?;
                if !now.fixed.iter().any(|f| f.matches(b)) {
                    return Err(Refused::bad(format!("bead {k} is not fixed")));
                }
                let mut snap = with_fixed(Vec::new());
                snap.fixed.retain(|f| !f.matches(b));
                (snap, format!("release bead {k}"))
            }
            Edit::Merge { bead: k } => {
                let (a, b) = (bead(k)?, bead(k + 1).map_err(|_| last_bead(k))?);
                let merged = FixedBead::new(a.src.start..b.src.end, a.tgt.start..b.tgt.end);
                let src = merged.src.clone();
                let tgt = merged.tgt.clone();
                (
                    with_fixed(parts(src, tgt)),
                    format!("merge beads {k} and {}", k + 1),
                )
            }
            Edit::SplitBead { bead: k, src, tgt } => {
                let b = bead(k)?;
                if !(b.src.start..=b.src.end).contains(&src)
                    || !(b.tgt.start..=b.tgt.end).contains(&tgt)
                {
                    return Err(Refused::bad(format!(
                        "bead {k} ({}) cannot be split at source sentence {src} and target \
                         sentence {tgt}: each must be in the bead or at its end",
                        b.to_ids()
                    )));
                }
                let first = (b.src.start..src, b.tgt.start..tgt);
                let second = (src..b.src.end, tgt..b.tgt.end);
                if (first.0.is_empty() && first.1.is_empty())
                    || (second.0.is_empty() && second.1.is_empty())
                {
                    return Err(Refused::bad(format!(
                        "splitting bead {k} there leaves a part without sentences: choose \
                         where the second part starts on at least one side"
                    )));
                }
                let mut new = parts(first.0, first.1);
                new.extend(parts(second.0, second.1));
                (with_fixed(new), format!("split bead {k}"))
            }
            Edit::Move {
                side,
                sentence,
                direction,
            } => {
                let k = bead_of(beads, side, sentence)?;
                let b = &beads[k];
                let r = range(b, side);
                let new = match direction {
                    Direction::Down => {
                        if sentence + 1 != r.end {
                            return Err(Refused::bad(format!(
                                "{} sentence {sentence} is not the last of its side in bead \
                                 {k}: only a sentence at a bead's boundary moves across it",
                                side_name(side)
                            )));
                        }
                        let n = bead(k + 1).map_err(|_| last_bead(k))?;
                        parts_with(n, side, sentence..range(n, side).end)
                    }
                    Direction::Up => {
                        if sentence != r.start || k == 0 {
                            return Err(Refused::bad(format!(
                                "{} sentence {sentence} is not the first of its side in a bead \
                                 after another: only a sentence at a bead's boundary moves \
                                 across it",
                                side_name(side)
                            )));
                        }
                        let p = &beads[k - 1];
                        parts_with(p, side, range(p, side).start..sentence + 1)
                    }
                };
                let word = match direction {
                    Direction::Up => "up",
                    Direction::Down => "down",
                };
                (
                    with_fixed(new),
                    format!("move {} sentence {sentence} {word}", side_name(side)),
                )
            }
            Edit::Unpaired { side, sentence } => {
                let k = bead_of(beads, side, sentence)?;
                let b = &beads[k];
                let r = range(b, side);
                let o = match side {
                    Side::Src => &b.tgt,
                    Side::Tgt => &b.src,
                };
                let at = if sentence == r.start { o.start } else { o.end };
                let null = match side {
                    Side::Src => FixedBead::new(sentence..sentence + 1, at..at),
                    Side::Tgt => FixedBead::new(at..at, sentence..sentence + 1),
                };
                (
                    with_fixed(vec![null]),
                    format!("{} sentence {sentence} has no counterpart", side_name(side)),
                )
            }
            Edit::SplitSentence { side, sentence, at } => {
                let t = text(&now.doc, side);
                let s = t.sentences().get(sentence).ok_or_else(|| {
                    Refused::bad(format!(
                        "there is no {} sentence {sentence} (there are {})",
                        side_name(side),
                        t.len()
                    ))
                })?;
                let byte = s
                    .text
                    .char_indices()
                    .nth(at)
                    .map(|(i, _)| i)
                    .ok_or_else(|| {
                        Refused::bad(format!(
                            "{} sentence {sentence} has {} characters: it cannot be split \
                             before character {at}",
                            side_name(side),
                            s.text.chars().count()
                        ))
                    })?;
                let e = SentenceEdit::Split {
                    side,
                    sentence,
                    at: byte,
                };
                (
                    self.with_sentence_edit(now, e, after_split(&now.fixed, side, sentence))?,
                    format!("split {} sentence {sentence}", side_name(side)),
                )
            }
            Edit::JoinSentences { side, sentence } => {
                let e = SentenceEdit::Join { side, sentence };
                (
                    self.with_sentence_edit(now, e, after_join(&now.fixed, side, sentence))?,
                    format!(
                        "join {} sentences {sentence} and {}",
                        side_name(side),
                        sentence + 1
                    ),
                )
            }
        })
    }

    /// The session with one more sentence edit and the fixed beads `fixed`.
    fn with_sentence_edit(
        &self,
        now: &Snap,
        edit: SentenceEdit,
        fixed: Vec<FixedBead>,
    ) -> Result<Snap, Refused> {
        let doc = edit.apply(&now.doc)?;
        let mut edits = (*now.edits).clone();
        edits.push(edit);
        Ok(Snap {
            doc: Arc::new(doc),
            edits: Arc::new(edits),
            fixed,
        })
    }

    /// The state file of this session.
    pub(crate) fn state_file(&self, inputs: Vec<InputFile>, output: Option<PathBuf>) -> StateFile {
        StateFile {
            kind: STATE_KIND.to_string(),
            version: STATE_VERSION,
            inputs,
            options: self.pipeline.options().clone(),
            output,
            initial_fixed: self.base.fixed.clone(),
            log: self
                .log
                .iter()
                .map(|e| LogEntry {
                    edit: e.edit.clone(),
                    label: e.label.clone(),
                    sentence_edits: (*e.after.edits).clone(),
                    fixed: e.after.fixed.clone(),
                })
                .collect(),
            done: self.done,
        }
    }
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Src => "source",
        Side::Tgt => "target",
    }
}

fn last_bead(k: usize) -> Refused {
    Refused::bad(format!("bead {k} is the last: there is no next bead"))
}

fn range(b: &Bead, side: Side) -> Range<usize> {
    match side {
        Side::Src => b.src.clone(),
        Side::Tgt => b.tgt.clone(),
    }
}

/// The bead holding sentence `sentence` of `side`.
fn bead_of(beads: &[Bead], side: Side, sentence: usize) -> Result<usize, Refused> {
    beads
        .iter()
        .position(|b| range(b, side).contains(&sentence))
        .ok_or_else(|| {
            Refused::bad(format!(
                "there is no {} sentence {sentence}",
                side_name(side)
            ))
        })
}

/// Bead `b` with its `side` replaced by `r`, as fixed beads ([`parts`]).
fn parts_with(b: &Bead, side: Side, r: Range<usize>) -> Vec<FixedBead> {
    match side {
        Side::Src => parts(r, b.tgt.clone()),
        Side::Tgt => parts(b.src.clone(), r),
    }
}

/// The fixed beads that pair `src` with `tgt`: one bead when both have sentences, one
/// bead without counterpart per sentence when only one side has, none when neither has.
fn parts(src: Range<usize>, tgt: Range<usize>) -> Vec<FixedBead> {
    match (src.is_empty(), tgt.is_empty()) {
        (false, false) => vec![FixedBead::new(src, tgt)],
        (true, _) => tgt
            .map(|j| FixedBead::new(src.start..src.start, j..j + 1))
            .collect(),
        (false, true) => src
            .map(|i| FixedBead::new(i..i + 1, tgt.start..tgt.start))
            .collect(),
    }
}

/// Whether fixed bead `f` lies wholly before or wholly after `n` (so both can be kept).
fn apart(f: &FixedBead, n: &FixedBead) -> bool {
    let before = f.src.end <= n.src.start && f.tgt.end <= n.tgt.start;
    let after = f.src.start >= n.src.end && f.tgt.start >= n.tgt.end;
    (before || after) && f != n
}

/// `fixed` with the beads `new` added and those in their way dropped, in document order.
fn replace_fixed(fixed: &[FixedBead], new: Vec<FixedBead>) -> Vec<FixedBead> {
    let mut out: Vec<FixedBead> = fixed
        .iter()
        .filter(|f| new.iter().all(|n| apart(f, n)))
        .cloned()
        .collect();
    out.extend(new);
    out.sort_by_key(|f| (f.src.start, f.tgt.start, f.src.end, f.tgt.end));
    out
}

/// The beads of `new` that `old` does not have (same sentences on both sides), by index.
fn changed(old: &Alignment, new: &Alignment) -> Vec<usize> {
    let had: HashSet<(Range<usize>, Range<usize>)> = old
        .beads
        .iter()
        .map(|b| (b.src.clone(), b.tgt.clone()))
        .collect();
    new.beads
        .iter()
        .enumerate()
        .filter(|(_, b)| !had.contains(&(b.src.clone(), b.tgt.clone())))
        .map(|(k, _)| k)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_and_replacing_fixed_beads() {
        assert_eq!(parts(0..2, 0..1), [FixedBead::new(0..2, 0..1)]);
        assert_eq!(
            parts(3..3, 4..6),
            [FixedBead::new(3..3, 4..5), FixedBead::new(3..3, 5..6)]
        );
        assert!(parts(2..2, 3..3).is_empty());
        let fixed = [
            FixedBead::new(0..1, 0..1),
            FixedBead::new(1..2, 1..2),
            FixedBead::new(4..5, 3..3),
        ];
        // A merged bead over the second and a bead without counterpart in its way.
        let out = replace_fixed(&fixed, vec![FixedBead::new(1..3, 1..4)]);
        assert_eq!(
            out,
            [FixedBead::new(0..1, 0..1), FixedBead::new(1..3, 1..4)]
        );
    }
}
