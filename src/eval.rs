//! Strict and lax precision, recall and F1 of an alignment against gold.
//!
//! This module gives exactly the numbers of the reference scorer
//! `tools/score_align.py` (the scorer of Vecalign and Bertalign, after Sennrich & Volk):
//!
//! * An alignment is a list of [`IdBead`]s, one per line in the index format
//!   `[src ids]:[tgt ids]` with 0-based sentence indices, e.g. `[0,1]:[0]`, `[2]:[]`,
//!   `[]:[3]` ([`parse_alignment`], [`format_alignment`]).
//! * Beads are de-duplicated (set semantics: a bead is its two id lists *in order*, so
//!   `[1,0]:[0]` is not `[0,1]:[0]`) and beads empty on both sides are dropped.
//! * **Precision** takes every distinct test bead as a candidate, null beads (`[2]:[]`,
//!   `[]:[3]`) included. A candidate is a *strict* hit if it is a gold bead, and a *lax* hit
//!   if it is a strict hit or if some target id of it is aligned in the gold (by any gold
//!   bead) to some source id of it. A null test bead that is not in the gold is therefore a
//!   strict and lax miss.
//! * **Recall** is the same computation with gold and test swapped, after removing every
//!   bead with an empty side from both: null beads never count for recall.
//! * [`Counts`] are summed over documents first (micro average), then P, R and F1 are
//!   computed ([`Counts::score`]); 0/0 gives 0.0.
//!
//! For the Bible set, whose gold beads are whole verses, consecutive *test* beads lying in
//! the same verse are merged before scoring ([`Verses`], [`merge_by_verse`]); the gold is
//! not merged.
//!
//! The reference scorer reads each side's verse file once and uses line `i` as the verse of
//! sentence `i` for *every* document: `001` and `006` are both indexed from line 0. This is
//! right for the Bible set because `en/001` and `zh/001` are the first lines of `en/006` and
//! `zh/006`; the verse files are longer than any document and their extra lines are unused.
//!
//! Deliberate differences from the Python, none of which changes a number it computes:
//! the bead syntax is stricter (only `[ids]:[ids]` with decimal ids; Python also takes
//! tuples or extra `:` fields), a UTF-8 byte order mark is ignored, and a sentence index
//! without a verse line is an [`Error`] where the Python crashes.
//!
//! ```
//! use bialign::eval::{evaluate, parse_alignment};
//!
//! let gold = parse_alignment("[0,1]:[0]\n[2]:[1,2]\n[3]:[]\n", "gold.align")?;
//! let test = parse_alignment("[0]:[0]\n[1]:[]\n[2]:[1,2]\n[3]:[]\n", "test.align")?;
//! let counts = evaluate(&gold, &test);
//! // 4 test beads: [2]:[1,2] and [3]:[] are exact; [0]:[0] overlaps [0,1]:[0].
//! assert_eq!((counts.precision_total, counts.precision_strict, counts.precision_lax), (4, 2, 3));
//! // 2 gold beads with both sides non-empty: [2]:[1,2] is found exactly, [0,1]:[0] overlaps.
//! assert_eq!((counts.recall_total, counts.recall_strict, counts.recall_lax), (2, 1, 2));
//! let score = counts.score();
//! assert_eq!(score.strict.precision, 0.5);
//! assert_eq!(score.lax.recall, 1.0);
//! # Ok::<(), bialign::Error>(())
//! ```

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs;
use std::iter::Sum;
use std::ops::{Add, AddAssign};
use std::path::Path;

use crate::{Error, Result};

/// One bead: the source sentence ids and the target sentence ids aligned together.
///
/// Either side may be empty (a deletion or insertion, a "null bead"). Ids are kept in the
/// order given; scoring compares beads as ordered lists, like the reference scorer.
pub type IdBead = (Vec<usize>, Vec<usize>);

/// The verse id the reference scorer gives to an empty side of a bead.
const NULL_VERSE: &str = "NULL";

// ------------------------------------------------------------------------------ format

/// Parses an alignment in the index format: one bead per line, `[0,1]:[0]`, `[2]:[]`,
/// `[]:[3]`.
///
/// Whitespace around and inside the brackets is allowed, a trailing comma after the last id
/// too (`[0,1,]`); blank lines are skipped. Lines end at `\n`, `\r\n` or `\r`. `name` is
/// the file name used in error messages.
///
/// # Errors
///
/// A parse error naming `name` and the 1-based line number for a line that is not a bead.
pub fn parse_alignment(text: &str, name: &str) -> Result<Vec<IdBead>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut beads = Vec::new();
    for (index, line) in py_lines(text).enumerate() {
        let line = py_strip(line);
        if line.is_empty() {
            continue;
        }
        let bead = parse_bead(line).map_err(|message| {
            Error::parse(name, index + 1, format!("{message} in `{}`", shorten(line)))
        })?;
        beads.push(bead);
    }
    Ok(beads)
}

/// Reads and parses an alignment file (see [`parse_alignment`]).
///
/// # Errors
///
/// An I/O error if the file cannot be read, a decode error if it is not UTF-8, a parse
/// error for a malformed line.
pub fn read_alignment(path: &Path) -> Result<Vec<IdBead>> {
    let text = read_text(path)?;
    parse_alignment(&text, &path.display().to_string())
}

/// Writes beads in the index format read by [`parse_alignment`]: one `[0,1]:[0]` line per
/// bead, each ending with `\n`.
pub fn format_alignment(beads: &[IdBead]) -> String {
    let mut out = String::new();
    for (src, tgt) in beads {
        crate::alignment::push_ids(&mut out, src.iter().copied(), tgt.iter().copied());
        out.push('\n');
    }
    out
}

fn parse_bead(line: &str) -> std::result::Result<IdBead, String> {
    let Some((src, tgt)) = line.split_once(':') else {
        return Err("expected a bead `[source ids]:[target ids]`, found no `:`".to_string());
    };
    if tgt.contains(':') {
        return Err("expected one `:` between the two id lists, found several".to_string());
    }
    Ok((parse_ids(src, "source")?, parse_ids(tgt, "target")?))
}

fn parse_ids(field: &str, side: &str) -> std::result::Result<Vec<usize>, String> {
    let inner = py_strip(field)
        .strip_prefix('[')
        .and_then(|f| f.strip_suffix(']'))
        .ok_or_else(|| format!("the {side} ids must be a list in brackets like `[0,1]` or `[]`"))?;
    let inner = py_strip(inner);
    if inner.is_empty() {
        return Ok(Vec::new());
    }
    let inner = inner.strip_suffix(',').unwrap_or(inner);
    inner
        .split(',')
        .map(|item| {
            let item = py_strip(item);
            if item.is_empty() || !item.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!(
                    "the {side} ids must be non-negative integers separated by commas, \
                     found `{}`",
                    shorten(item)
                ));
            }
            item.parse::<usize>()
                .map_err(|_| format!("{side} id `{}` is too large", shorten(item)))
        })
        .collect()
}

/// The first 80 characters of `s`, for messages.
fn shorten(s: &str) -> String {
    match s.char_indices().nth(80) {
        Some((end, _)) => format!("{}...", &s[..end]),
        None => s.to_string(),
    }
}

/// The lines of `text` as Python's text-mode file iteration gives them: a line ends at
/// `\r\n`, `\r` or `\n` (the terminator is not included); a last line without terminator
/// counts; there is no empty line after a final terminator.
fn py_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match rest.find(['\r', '\n']) {
            None => {
                let line = rest;
                rest = "";
                Some(line)
            }
            Some(i) => {
                let line = &rest[..i];
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
                Some(line)
            }
        }
    })
}

/// `s` without leading and trailing whitespace as Python's `str.strip()` defines it
/// (Unicode White_Space plus the separators U+001C to U+001F).
fn py_strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        Error::decode(
            path,
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

// ----------------------------------------------------------------------------- scoring

/// Raw hit counts of one document pair, or summed over several with `+`, `+=` or
/// [`Iterator::sum`] (micro average). [`Counts::score`] turns them into P, R and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Counts {
    /// Distinct test beads not empty on both sides, null beads included: the denominator
    /// of precision.
    pub precision_total: usize,
    /// Test beads that are gold beads.
    pub precision_strict: usize,
    /// Test beads that are gold beads or link some of their source ids to some of their
    /// target ids the way a gold bead does.
    pub precision_lax: usize,
    /// Distinct gold beads with both sides non-empty: the denominator of recall.
    pub recall_total: usize,
    /// Gold beads (both sides non-empty) that are test beads.
    pub recall_strict: usize,
    /// Gold beads (both sides non-empty) that are test beads or link some of their source
    /// ids to some of their target ids the way a test bead with both sides non-empty does.
    pub recall_lax: usize,
}

impl Add for Counts {
    type Output = Counts;
    fn add(mut self, other: Counts) -> Counts {
        self += other;
        self
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.precision_total += other.precision_total;
        self.precision_strict += other.precision_strict;
        self.precision_lax += other.precision_lax;
        self.recall_total += other.recall_total;
        self.recall_strict += other.recall_strict;
        self.recall_lax += other.recall_lax;
    }
}

impl Sum for Counts {
    fn sum<I: Iterator<Item = Counts>>(iter: I) -> Counts {
        iter.fold(Counts::default(), Add::add)
    }
}

/// Precision, recall and F1, each between 0 and 1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    /// Hits among the test beads divided by the test beads (0.0 if there are none).
    pub precision: f64,
    /// Hits among the gold beads divided by the gold beads (0.0 if there are none).
    pub recall: f64,
    /// Harmonic mean of precision and recall (0.0 if both are 0).
    pub f1: f64,
}

/// Strict (exact bead) and lax (overlapping bead) scores.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Score {
    /// A bead counts only if identical to a bead of the other side.
    pub strict: Prf,
    /// A bead counts if it overlaps a bead of the other side on both sides.
    pub lax: Prf,
}

impl Counts {
    /// P, R and F1 from these counts, computed with the same floating-point operations as
    /// the reference scorer (so the results are bit for bit the same).
    pub fn score(&self) -> Score {
        Score {
            strict: prf(
                self.precision_strict,
                self.precision_total,
                self.recall_strict,
                self.recall_total,
            ),
            lax: prf(
                self.precision_lax,
                self.precision_total,
                self.recall_lax,
                self.recall_total,
            ),
        }
    }
}

fn prf(p_hits: usize, p_total: usize, r_hits: usize, r_total: usize) -> Prf {
    let precision = ratio(p_hits, p_total);
    let recall = ratio(r_hits, r_total);
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Prf {
        precision,
        recall,
        f1,
    }
}

fn ratio(hits: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        hits as f64 / total as f64
    }
}

/// Scores `test` against `gold` (one document pair).
pub fn evaluate(gold: &[IdBead], test: &[IdBead]) -> Counts {
    let (precision_total, precision_strict, precision_lax) = hits(gold.iter(), test.iter());
    let both_sides = |b: &&IdBead| !b.0.is_empty() && !b.1.is_empty();
    let (recall_total, recall_strict, recall_lax) = hits(
        test.iter().filter(both_sides),
        gold.iter().filter(both_sides),
    );
    Counts {
        precision_total,
        precision_strict,
        precision_lax,
        recall_total,
        recall_strict,
        recall_lax,
    }
}

/// Scores `test` against `gold`, first merging the test beads by verse
/// ([`merge_by_verse`]) when `verses` is given.
///
/// # Errors
///
/// A configuration error if a test bead has a sentence id without a verse line.
pub fn evaluate_with_verses(
    gold: &[IdBead],
    test: &[IdBead],
    verses: Option<&Verses>,
) -> Result<Counts> {
    match verses {
        None => Ok(evaluate(gold, test)),
        Some(v) => Ok(evaluate(gold, &merge_by_verse(test, v)?)),
    }
}

/// `(distinct candidates, strict hits, lax hits)` of `candidates` against `reference`
/// (the reference scorer's `_precision`).
///
/// The reference scorer keeps every (source id, target id) link of the reference, which
/// costs `a x b` for a bead of `a` source and `b` target ids: a garbage file holding one
/// bead of 20,000 ids on each side would need 400 million links. Here the links stay
/// implicit: a candidate is a lax hit when some reference bead (with a target side) holds
/// one of its source ids and one of its target ids, found through the reference beads
/// listed by id, so memory is linear in the size of the files and time is linear for any
/// alignment in which an id belongs to a bounded number of beads (every real one). Only
/// files repeating an id in many beads of both the gold and the test cost more: the
/// product of its numbers of occurrences.
fn hits<'a>(
    reference: impl Iterator<Item = &'a IdBead>,
    candidates: impl Iterator<Item = &'a IdBead>,
) -> (usize, usize, usize) {
    let reference = distinct(reference);
    let candidates = distinct(candidates);
    // The reference beads that link something, and for each id the ones that hold it.
    let linking: Vec<(&[usize], &[usize])> = reference
        .iter()
        .filter(|(src, tgt)| !src.is_empty() && !tgt.is_empty())
        .copied()
        .collect();
    let mut by_src: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut by_tgt: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, (src, tgt)) in linking.iter().enumerate() {
        for &s in *src {
            by_src.entry(s).or_default().push(k);
        }
        for &t in *tgt {
            by_tgt.entry(t).or_default().push(k);
        }
    }
    /// The reference beads holding some of `ids`, with repeats.
    fn beads_of<'m>(
        index: &'m HashMap<usize, Vec<usize>>,
        ids: &'m [usize],
    ) -> impl Iterator<Item = usize> + 'm {
        ids.iter()
            .filter_map(|id| index.get(id))
            .flat_map(|ks| ks.iter().copied())
    }
    let work = |index: &HashMap<usize, Vec<usize>>, ids: &[usize]| -> usize {
        ids.iter()
            .filter_map(|id| index.get(id))
            .map(Vec::len)
            .sum()
    };
    // `mark[k] == c` when reference bead `k` holds an id of candidate `c`'s marked side.
    let mut mark: Vec<usize> = vec![usize::MAX; linking.len()];
    let (mut strict, mut lax) = (0, 0);
    for (c, bead) in candidates.iter().enumerate() {
        if reference.contains(bead) {
            strict += 1;
            lax += 1;
            continue;
        }
        let (src, tgt) = *bead;
        let (src_work, tgt_work) = (work(&by_src, src), work(&by_tgt, tgt));
        if src_work == 0 || tgt_work == 0 {
            continue;
        }
        // Mark the beads of the cheaper side, then look for a marked bead on the other.
        let (marked, probed) = if src_work <= tgt_work {
            (beads_of(&by_src, src), (&by_tgt, tgt))
        } else {
            (beads_of(&by_tgt, tgt), (&by_src, src))
        };
        for k in marked {
            mark[k] = c;
        }
        if beads_of(probed.0, probed.1).any(|k| mark[k] == c) {
            lax += 1;
        }
    }
    (candidates.len(), strict, lax)
}

/// The distinct beads of `beads` that are not empty on both sides.
fn distinct<'a>(beads: impl Iterator<Item = &'a IdBead>) -> HashSet<(&'a [usize], &'a [usize])> {
    beads
        .filter(|(s, t)| !s.is_empty() || !t.is_empty())
        .map(|(s, t)| (s.as_slice(), t.as_slice()))
        .collect()
}

// ------------------------------------------------------------------------------ verses

/// The verse of every sentence of each side, for scoring against verse-level gold (the
/// Bible set): line `i` of a verse file is the verse id of sentence `i`.
///
/// The same lines serve for every document, indexed from 0, as in the reference scorer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verses {
    src: Vec<String>,
    tgt: Vec<String>,
    src_name: String,
    tgt_name: String,
}

impl Verses {
    /// Reads the source and target verse files (one verse id per line, surrounding
    /// whitespace ignored).
    ///
    /// # Errors
    ///
    /// An I/O error if a file cannot be read, a decode error if it is not UTF-8.
    pub fn load(src: &Path, tgt: &Path) -> Result<Verses> {
        let src_text = read_text(src)?;
        let tgt_text = read_text(tgt)?;
        let mut verses = Verses::from_text(&src_text, &tgt_text);
        verses.src_name = src.display().to_string();
        verses.tgt_name = tgt.display().to_string();
        Ok(verses)
    }

    /// Verses from the text of the two verse files.
    pub fn from_text(src: &str, tgt: &str) -> Verses {
        let lines = |text: &str| -> Vec<String> {
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            py_lines(text).map(|l| py_strip(l).to_string()).collect()
        };
        Verses {
            src: lines(src),
            tgt: lines(tgt),
            src_name: "source verse file".to_string(),
            tgt_name: "target verse file".to_string(),
        }
    }

    /// The number of source and target sentences that have a verse.
    pub fn len(&self) -> (usize, usize) {
        (self.src.len(), self.tgt.len())
    }

    /// Whether both sides have no verses.
    pub fn is_empty(&self) -> bool {
        self.src.is_empty() && self.tgt.is_empty()
    }
}

/// Merges consecutive beads that lie in the same verse, as the reference scorer (after
/// Bertalign's `eval_bible.py`) does to test alignments before scoring.
///
/// A bead has a verse if all its source ids have one verse and all its target ids one
/// verse, and these are equal or one side is empty (an empty side fits any verse; a bead
/// empty on both sides has the verse `NULL`). A bead is appended to the previous output
/// bead when both it and the bead before it in the input have the same verse, which must
/// not be an empty line. Ids are appended in order, so merged beads compare equal to gold
/// beads only when the pieces come in order.
///
/// # Errors
///
/// A configuration error if a bead has a sentence id without a verse line.
pub fn merge_by_verse(beads: &[IdBead], verses: &Verses) -> Result<Vec<IdBead>> {
    merge(beads, verses).map_err(Error::config)
}

fn merge(beads: &[IdBead], verses: &Verses) -> std::result::Result<Vec<IdBead>, String> {
    let mut merged: Vec<IdBead> = Vec::new();
    let mut last_verse: Option<&str> = None;
    for (src, tgt) in beads {
        let verse = bead_verse(src, tgt, verses)?;
        match merged.last_mut() {
            Some(prev) if last_verse.is_some_and(|l| !l.is_empty()) && verse == last_verse => {
                prev.0.extend_from_slice(src);
                prev.1.extend_from_slice(tgt);
            }
            _ => merged.push((src.clone(), tgt.clone())),
        }
        last_verse = verse;
    }
    Ok(merged)
}

/// The verse of a bead, or `None` if it spans verses (the reference scorer's `_beads_type`).
fn bead_verse<'v>(
    src: &[usize],
    tgt: &[usize],
    verses: &'v Verses,
) -> std::result::Result<Option<&'v str>, String> {
    let s = side_verse(src, &verses.src, &verses.src_name, "source")?;
    let t = side_verse(tgt, &verses.tgt, &verses.tgt_name, "target")?;
    Ok(match (s, t) {
        (Some(s), Some(t)) if s == t => Some(s),
        (Some(s), Some(t)) if s == NULL_VERSE => Some(t),
        (Some(s), Some(t)) if t == NULL_VERSE => Some(s),
        _ => None,
    })
}

/// The one verse of all `ids` (`NULL` if there are none), or `None` if they span verses.
/// Every id must have a verse, even when an earlier pair already spans two.
fn side_verse<'v>(
    ids: &[usize],
    verses: &'v [String],
    name: &str,
    side: &str,
) -> std::result::Result<Option<&'v str>, String> {
    if ids.is_empty() {
        return Ok(Some(NULL_VERSE));
    }
    let mut one: Option<&str> = None;
    let mut several = false;
    for &id in ids {
        let verse = verses.get(id).ok_or_else(|| {
            format!(
                "{side} sentence {id} has no verse: {name} has only {} lines",
                verses.len()
            )
        })?;
        match one {
            None => one = Some(verse),
            Some(v) if v != verse => several = true,
            Some(_) => {}
        }
    }
    Ok(if several { None } else { one })
}

// ------------------------------------------------------------------------------- files

/// The scores of one document (or of the total).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocScore {
    /// The file name (`TOTAL` for the total).
    pub name: String,
    /// Gold bead lines read.
    pub gold_beads: usize,
    /// Test beads: lines read, after the verse merge if there is one.
    pub test_beads: usize,
    /// The hit counts; [`Counts::score`] gives P, R and F1.
    pub counts: Counts,
}

/// The scores of every document pair and their total (micro average).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// One entry per document, sorted by name.
    pub docs: Vec<DocScore>,
    /// The sums over all documents, named `TOTAL`.
    pub total: DocScore,
}

/// Scores the test alignment(s) at `test` against the gold at `gold`: two files, or two
/// directories. For directories, every regular file in `gold` whose name does not start
/// with `.` is a document and is paired with the file of the same name in `test`. With
/// `verses`, test beads are merged by verse first ([`merge_by_verse`]).
///
/// # Errors
///
/// An I/O error if a path cannot be read or a test file is missing, a configuration error
/// if one path is a file and the other not, if the gold directory has no files or if a
/// sentence id has no verse, and a parse error for a malformed alignment line.
pub fn evaluate_paths(gold: &Path, test: &Path, verses: Option<&Verses>) -> Result<Report> {
    let gold_meta = fs::metadata(gold).map_err(|e| Error::io(gold, e))?;
    let pairs = if gold_meta.is_file() {
        if !is_file(test) {
            return Err(Error::config(format!(
                "the gold {} is a file, so the test {} must be a file too",
                gold.display(),
                test.display()
            )));
        }
        let name = gold.file_name().map(OsString::from).unwrap_or_default();
        vec![(name, gold.to_path_buf(), test.to_path_buf())]
    } else {
        let test_meta = fs::metadata(test).map_err(|e| Error::io(test, e))?;
        if !test_meta.is_dir() {
            return Err(Error::config(format!(
                "the gold {} is a directory, so the test {} must be a directory too",
                gold.display(),
                test.display()
            )));
        }
        let mut names = Vec::new();
        for entry in fs::read_dir(gold).map_err(|e| Error::io(gold, e))? {
            let name = entry.map_err(|e| Error::io(gold, e))?.file_name();
            if !name.as_encoded_bytes().starts_with(b".") && is_file(&gold.join(&name)) {
                names.push(name);
            }
        }
        names.sort();
        if names.is_empty() {
            return Err(Error::config(format!(
                "no gold files in {}",
                gold.display()
            )));
        }
        let mut pairs = Vec::with_capacity(names.len());
        for name in names {
            let test_file = test.join(&name);
            if !is_file(&test_file) {
                let missing = std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!(
                        "missing test file for gold file {}",
                        gold.join(&name).display()
                    ),
                );
                return Err(Error::io(&test_file, missing));
            }
            let gold_file = gold.join(&name);
            pairs.push((name, gold_file, test_file));
        }
        pairs
    };

    let mut docs = Vec::with_capacity(pairs.len());
    for (name, gold_path, test_path) in pairs {
        let gold_beads = read_alignment(&gold_path)?;
        let mut test_beads = read_alignment(&test_path)?;
        if let Some(v) = verses {
            test_beads = merge(&test_beads, v)
                .map_err(|m| Error::config(format!("{}: {m}", test_path.display())))?;
        }
        docs.push(DocScore {
            name: name.to_string_lossy().into_owned(),
            gold_beads: gold_beads.len(),
            test_beads: test_beads.len(),
            counts: evaluate(&gold_beads, &test_beads),
        });
    }
    let total = DocScore {
        name: "TOTAL".to_string(),
        gold_beads: docs.iter().map(|d| d.gold_beads).sum(),
        test_beads: docs.iter().map(|d| d.test_beads).sum(),
        counts: docs.iter().map(|d| d.counts).sum(),
    };
    Ok(Report { docs, total })
}

fn is_file(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// The report as the reference scorer prints it (with its default of 3 decimals): a
/// header, one row per document, the total row, a legend line, and last the line
/// `strict_f1=0.000 lax_f1=0.000` of the total. Every line ends with `\n`.
pub fn render_table(report: &Report) -> String {
    let w = report
        .docs
        .iter()
        .map(|d| d.name.chars().count())
        .chain([report.total.name.chars().count(), "TOTAL".len()])
        .max()
        .unwrap_or(5);
    let header = format!(
        "{:<w$} {:>6} {:>6} | {:>5} {:>5} {:>5} | {:>5} {:>5} {:>5}",
        "doc", "gold", "test", "sP", "sR", "sF1", "lP", "lR", "lF1"
    );
    let rule = "-".repeat(header.chars().count());
    let row = |d: &DocScore| {
        let s = d.counts.score();
        format!(
            "{:<w$} {:>6} {:>6} | {:.3} {:.3} {:.3} | {:.3} {:.3} {:.3}\n",
            d.name,
            d.gold_beads,
            d.test_beads,
            s.strict.precision,
            s.strict.recall,
            s.strict.f1,
            s.lax.precision,
            s.lax.recall,
            s.lax.f1
        )
    };
    let mut out = format!("{header}\n{rule}\n");
    for d in &report.docs {
        out.push_str(&row(d));
    }
    out.push_str(&rule);
    out.push('\n');
    out.push_str(&row(&report.total));
    out.push_str(
        "(gold/test = bead lines read, test after verse merge; strict = exact bead, \
         lax = overlapping bead; P counts null beads, R ignores them)\n",
    );
    let total = report.total.counts.score();
    let _ = writeln!(
        out,
        "strict_f1={:.3} lax_f1={:.3}",
        total.strict.f1, total.lax.f1
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn beads(text: &str) -> Vec<IdBead> {
        match parse_alignment(text, "case") {
            Ok(b) => b,
            Err(e) => panic!("bad test alignment {text:?}: {e}"),
        }
    }

    /// `(name, gold, test, precision (total, strict, lax), recall (total, strict, lax))`.
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        (usize, usize, usize),
        (usize, usize, usize),
    );

    const CASES: &[Case] = &[
        ("empty files", "", "", (0, 0, 0), (0, 0, 0)),
        ("empty test", "[0]:[0]\n[1]:[1]\n", "", (0, 0, 0), (2, 0, 0)),
        ("empty gold", "", "[0]:[0]\n[1]:[]\n", (2, 0, 0), (0, 0, 0)),
        (
            "identical",
            "[0,1]:[0]\n[2]:[1,2]\n",
            "[0,1]:[0]\n[2]:[1,2]\n",
            (2, 2, 2),
            (2, 2, 2),
        ),
        (
            "duplicate test beads count once",
            "[0]:[0]\n[1]:[1]\n",
            "[0]:[0]\n[0]:[0]\n[1]:[2]\n",
            (2, 1, 1),
            (2, 1, 1),
        ),
        (
            "duplicate gold beads count once",
            "[0]:[0]\n[0]:[0]\n[1]:[1]\n",
            "[0]:[0]\n[1]:[1]\n",
            (2, 2, 2),
            (2, 2, 2),
        ),
        (
            "beads empty on both sides are dropped",
            "[]:[]\n[0]:[0]\n",
            "[]:[]\n[]:[]\n[0]:[0]\n",
            (1, 1, 1),
            (1, 1, 1),
        ),
        (
            "null test bead in gold is a precision hit",
            "[0]:[0]\n[1]:[]\n",
            "[0]:[0]\n[1]:[]\n",
            (2, 2, 2),
            (1, 1, 1),
        ),
        (
            "null test bead not in gold is a strict and lax miss",
            "[0,1]:[0]\n",
            "[0]:[0]\n[1]:[]\n",
            (2, 0, 1),
            (1, 0, 1),
        ),
        (
            "insertion null bead not in gold",
            "[0]:[0,1]\n",
            "[0]:[0]\n[]:[1]\n",
            (2, 0, 1),
            (1, 0, 1),
        ),
        (
            "gold null beads never count for recall",
            "[0]:[]\n[]:[0]\n",
            "[0]:[0]\n",
            (1, 0, 0),
            (0, 0, 0),
        ),
        (
            "overlapping bead is a lax hit",
            "[0,1]:[0]\n[2]:[1]\n",
            "[0]:[0,1]\n[1,2]:[]\n",
            (2, 0, 1),
            (2, 0, 1),
        ),
        (
            "ids in another order are not the same bead",
            "[0,1]:[0]\n",
            "[1,0]:[0]\n",
            (1, 0, 1),
            (1, 0, 1),
        ),
        (
            "split gold bead",
            "[0,1]:[0,1]\n",
            "[0]:[0]\n[1]:[1]\n",
            (2, 0, 2),
            (1, 0, 1),
        ),
        (
            "overlap on one side only is a lax miss",
            "[0]:[0]\n[1]:[1]\n",
            "[0]:[1]\n[1]:[0]\n",
            (2, 0, 0),
            (2, 0, 0),
        ),
        (
            "merged gold beads",
            "[0]:[0]\n[1]:[1]\n",
            "[0,1]:[0,1]\n",
            (1, 0, 1),
            (2, 0, 2),
        ),
        (
            "shifted boundary",
            "[0,1]:[0]\n[2]:[1,2]\n",
            "[0]:[0]\n[1,2]:[1,2]\n",
            (2, 0, 2),
            (2, 0, 2),
        ),
        (
            "test beads with an empty side are ignored for recall links",
            "[0]:[0]\n",
            "[0]:[]\n[]:[0]\n",
            (2, 0, 0),
            (1, 0, 0),
        ),
    ];

    #[test]
    fn evaluate_cases() {
        for &(name, gold, test, p, r) in CASES {
            let c = evaluate(&beads(gold), &beads(test));
            assert_eq!(
                (c.precision_total, c.precision_strict, c.precision_lax),
                p,
                "{name}: precision counts"
            );
            assert_eq!(
                (c.recall_total, c.recall_strict, c.recall_lax),
                r,
                "{name}: recall counts"
            );
            let s = c.score();
            for (what, prf) in [("strict", s.strict), ("lax", s.lax)] {
                for v in [prf.precision, prf.recall, prf.f1] {
                    assert!((0.0..=1.0).contains(&v), "{name}: {what} {v} out of range");
                }
            }
        }
    }

    #[test]
    fn evaluate_zero_over_zero_is_zero() {
        let s = Counts::default().score();
        assert_eq!(s, Score::default());
        // Precision 0/0, recall 0/2: every score is 0.0, not NaN.
        let s = evaluate(&beads("[0]:[0]\n[1]:[1]\n"), &[]).score();
        assert_eq!(s, Score::default());
        // P = 1/1, R = 0/1: F1 = 0.
        let c = Counts {
            precision_total: 1,
            precision_strict: 1,
            precision_lax: 1,
            recall_total: 1,
            ..Counts::default()
        };
        assert_eq!(c.score().strict.f1, 0.0);
        assert_eq!(c.score().strict.precision, 1.0);
    }

    #[test]
    fn score_uses_the_reference_formula() {
        let c = Counts {
            precision_total: 7,
            precision_strict: 3,
            precision_lax: 5,
            recall_total: 9,
            recall_strict: 4,
            recall_lax: 8,
        };
        let s = c.score();
        let (p, r) = (3.0 / 7.0, 4.0 / 9.0);
        assert_eq!(s.strict.precision, p);
        assert_eq!(s.strict.recall, r);
        assert_eq!(s.strict.f1, 2.0 * p * r / (p + r));
        assert_eq!(s.lax.precision, 5.0 / 7.0);
        assert_eq!(s.lax.recall, 8.0 / 9.0);
    }

    #[test]
    fn counts_add_up() {
        let a = evaluate(&beads("[0]:[0]\n"), &beads("[0]:[0]\n[1]:[]\n"));
        let b = evaluate(&beads("[0,1]:[0]\n"), &beads("[0]:[0]\n"));
        let mut c = a;
        c += b;
        assert_eq!(c, a + b);
        assert_eq!(c, [a, b].into_iter().sum());
        assert_eq!(c.precision_total, 3);
        assert_eq!(c.recall_lax, 2);
    }

    #[test]
    fn parse_accepts_the_index_format() {
        let cases: &[(&str, &str, Vec<IdBead>)] = &[
            (
                "plain",
                "[0,1]:[0]\n[2]:[]\n[]:[3]\n",
                vec![(vec![0, 1], vec![0]), (vec![2], vec![]), (vec![], vec![3])],
            ),
            (
                "whitespace",
                "  [ 0 , 1 ] : [0]\t\n\t[ ]:[ 3 ]  ",
                vec![(vec![0, 1], vec![0]), (vec![], vec![3])],
            ),
            (
                "blank lines",
                "\n\n[0]:[0]\n   \n\n[1]:[1]\n\n",
                vec![(vec![0], vec![0]), (vec![1], vec![1])],
            ),
            (
                "crlf and cr",
                "[0]:[0]\r\n[1]:[1]\r[2]:[2]",
                vec![(vec![0], vec![0]), (vec![1], vec![1]), (vec![2], vec![2])],
            ),
            (
                "trailing comma",
                "[0,1,]:[2,]\n",
                vec![(vec![0, 1], vec![2])],
            ),
            (
                "byte order mark",
                "\u{feff}[0]:[0]\n",
                vec![(vec![0], vec![0])],
            ),
            (
                "order and duplicates kept",
                "[1,0,0]:[0]\n[1,0,0]:[0]\n",
                vec![(vec![1, 0, 0], vec![0]), (vec![1, 0, 0], vec![0])],
            ),
            ("empty text", "", vec![]),
        ];
        for (name, text, want) in cases {
            match parse_alignment(text, "x.align") {
                Ok(got) => assert_eq!(&got, want, "{name}"),
                Err(e) => panic!("{name}: {e}"),
            }
        }
    }

    #[test]
    fn parse_errors_name_file_and_line() {
        let cases: &[(&str, &str, usize)] = &[
            ("no colon", "[0]:[0]\n[1] [1]\n", 2),
            ("two colons", "[0]:[0]:[1]\n", 1),
            ("missing target", "[0]:[0]\n\n[3]:\n", 3),
            ("missing source", ":[3]\n", 1),
            ("no brackets", "0:1\n", 1),
            ("tuple", "(0,1):[0]\n", 1),
            ("negative id", "[-1]:[0]\n", 1),
            ("float id", "[0]:[1.0]\n", 1),
            ("empty item", "[0,,1]:[0]\n", 1),
            ("only a comma", "[,]:[0]\n", 1),
            ("too large", "[99999999999999999999999]:[0]\n", 1),
            ("line number after crlf", "[0]:[0]\r\n[1]:[1]\r\nx\r\n", 3),
        ];
        for (name, text, line) in cases {
            match parse_alignment(text, "dir/x.align") {
                Ok(b) => panic!("{name}: parsed as {b:?}"),
                Err(e) => {
                    assert_eq!(e.kind(), ErrorKind::Parse, "{name}");
                    let msg = e.to_string();
                    assert!(
                        msg.starts_with(&format!("dir/x.align:{line}: ")),
                        "{name}: {msg}"
                    );
                }
            }
        }
    }

    #[test]
    fn format_round_trips() {
        let b: Vec<IdBead> = vec![
            (vec![0, 1], vec![0]),
            (vec![2], vec![]),
            (vec![], vec![3]),
            (vec![10], vec![4, 5, 6]),
        ];
        let text = format_alignment(&b);
        assert_eq!(text, "[0,1]:[0]\n[2]:[]\n[]:[3]\n[10]:[4,5,6]\n");
        assert_eq!(beads(&text), b);
        assert_eq!(format_alignment(&[]), "");
    }

    fn verses() -> Verses {
        // Source sentences 0-2 in verse a, 3 in b, 4-5 in c, 6 blank.
        // Target sentences 0-1 in a, 2-3 in b, 4 in c, 5 blank.
        Verses::from_text("a\na\na\nb\nc\nc\n\n", "a\na\nb\nb\nc\n\n")
    }

    #[test]
    fn verse_merge_cases() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "pieces of one verse merge",
                "[0]:[0]\n[1]:[1]\n[2]:[]\n[3]:[2,3]\n",
                "[0,1,2]:[0,1]\n[3]:[2,3]\n",
            ),
            (
                "null sides fit any verse",
                "[]:[0]\n[0,1]:[]\n[2]:[1]\n",
                "[0,1,2]:[0,1]\n",
            ),
            (
                "pieces out of order keep their order",
                "[1]:[1]\n[0]:[0]\n",
                "[1,0]:[1,0]\n",
            ),
            (
                "a bead spanning verses is not merged and stops merging",
                "[0]:[0]\n[1,3]:[1]\n[2]:[]\n",
                "[0]:[0]\n[1,3]:[1]\n[2]:[]\n",
            ),
            (
                "different verses on the two sides",
                "[0]:[2]\n[1]:[2]\n",
                "[0]:[2]\n[1]:[2]\n",
            ),
            (
                "different verses do not merge",
                "[2]:[1]\n[3]:[2]\n[4]:[4]\n[5]:[]\n",
                "[2]:[1]\n[3]:[2]\n[4,5]:[4]\n",
            ),
            (
                "blank verse lines never merge",
                "[6]:[5]\n[6]:[5]\n",
                "[6]:[5]\n[6]:[5]\n",
            ),
            (
                "empty beads are verse NULL",
                "[]:[]\n[]:[]\n[0]:[0]\n",
                "[]:[]\n[0]:[0]\n",
            ),
            ("no beads", "", ""),
        ];
        let v = verses();
        for (name, input, want) in cases {
            match merge_by_verse(&beads(input), &v) {
                Ok(got) => assert_eq!(format_alignment(&got), *want, "{name}"),
                Err(e) => panic!("{name}: {e}"),
            }
        }
    }

    #[test]
    fn verse_merge_needs_a_verse_for_every_id() {
        let v = verses();
        for (name, input) in [
            ("source beyond the file", "[7]:[0]\n"),
            ("target beyond the file", "[0]:[6]\n"),
            ("beyond after a verse change", "[0,3,9]:[0]\n"),
        ] {
            match merge_by_verse(&beads(input), &v) {
                Ok(b) => panic!("{name}: merged to {b:?}"),
                Err(e) => {
                    assert_eq!(e.kind(), ErrorKind::Config, "{name}");
                    assert!(e.to_string().contains("verse file"), "{name}: {e}");
                }
            }
        }
        assert_eq!(v.len(), (7, 6));
        assert!(!v.is_empty());
        assert!(Verses::from_text("", "").is_empty());
    }

    #[test]
    fn evaluate_with_verses_merges_only_the_test() {
        let v = verses();
        let gold = beads("[0,1,2]:[0,1]\n[3]:[2,3]\n");
        let test = beads("[0]:[0]\n[1,2]:[1]\n[3]:[2]\n[]:[3]\n");
        let merged = evaluate_with_verses(&gold, &test, Some(&v));
        assert_eq!(merged.ok(), Some(evaluate(&gold, &gold)));
        let plain = evaluate_with_verses(&gold, &test, None);
        assert_eq!(plain.ok(), Some(evaluate(&gold, &test)));
        // The gold is not merged: a gold split inside a verse stays split.
        let split_gold = beads("[0]:[0]\n[1,2]:[1]\n");
        let c = evaluate_with_verses(&split_gold, &beads("[0]:[0]\n[1,2]:[1]\n"), Some(&v));
        assert_eq!(c.ok().map(|c| c.precision_strict), Some(0));
    }

    #[test]
    fn render_table_matches_the_reference_layout() {
        let doc = |name: &str, gold_beads, test_beads, counts| DocScore {
            name: name.to_string(),
            gold_beads,
            test_beads,
            counts,
        };
        let a = Counts {
            precision_total: 16,
            precision_strict: 1,
            precision_lax: 3,
            recall_total: 8,
            recall_strict: 5,
            recall_lax: 8,
        };
        let b = Counts::default();
        let report = Report {
            docs: vec![doc("a-long-name.align", 8, 16, a), doc("b", 0, 0, b)],
            total: doc("TOTAL", 8, 16, a + b),
        };
        // 1/16 = 0.0625 and 3/16 = 0.1875 round half to even like Python's %.3f.
        let want = "\
doc                 gold   test |    sP    sR   sF1 |    lP    lR   lF1
-----------------------------------------------------------------------
a-long-name.align      8     16 | 0.062 0.625 0.114 | 0.188 1.000 0.316
b                      0      0 | 0.000 0.000 0.000 | 0.000 0.000 0.000
-----------------------------------------------------------------------
TOTAL                  8     16 | 0.062 0.625 0.114 | 0.188 1.000 0.316
(gold/test = bead lines read, test after verse merge; strict = exact bead, lax = overlapping bead; P counts null beads, R ignores them)
strict_f1=0.114 lax_f1=0.316
";
        assert_eq!(render_table(&report), want);
    }
}
