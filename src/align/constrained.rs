//! Constrained alignment: beads fixed in advance are kept exactly, and the rest is the best
//! alignment between them under the document's own cost model.
//!
//! The passes run over the whole document as they do without fixed beads (so the parameters
//! are estimated on all of it, and a fix never changes the model); the last pass's search
//! space, `refine_band` sentences around the path it was guided by, is then cut at the fixed
//! beads: the path may not cross one, so each stretch between two fixed beads is searched on
//! its own, in that space clipped to the stretch (widened where a fixed bead lies outside
//! it, so that its corners can be reached), with forward-backward posteriors as the
//! confidences. Without fixed beads this is the last pass itself, so the alignment is the
//! unconstrained one; with the beads of that alignment fixed, it is the same again.
//!
//! The [`Realigner`] applies one fix at a time: it searches only the stretch between the
//! nearest fixed beads or confident anchors (1-1 beads of high posterior, far enough from
//! the fix for the realignment to settle) around it, and splices the result in.

use super::dp::{Band, Step};
use super::masks::run_in;
use super::passes::{scored, ScoredSpan, Search, Solved};
use super::{to_alignment, Aligner};
use crate::alignment::Alignment;
use crate::fixed::{ordered, FixedBead};
use crate::model::{Scorer, Span};
use crate::text::Text;
use crate::{Error, Result};
use std::collections::HashSet;
use std::ops::Range;

/// A cell of the search: `(i, j)` is "the first `i` Chinese and `j` English sentences".
type Cell = (usize, usize);

/// One document's search space and cost model, for searches between fixed beads.
pub(crate) struct Constrained {
    solved: Solved,
    /// The last pass's band over the whole document.
    band: Band,
}

impl Constrained {
    /// The search space of the last pass of `solved`: `half` sentences around its guide.
    pub fn new(solved: Solved, half: usize) -> Constrained {
        let (n, m) = (solved.f.zh.len(), solved.f.en.len());
        let cells: Vec<Cell> = std::iter::once((0, 0))
            .chain(solved.guide.iter().map(|s: &Step| (s.i1, s.j1)))
            .collect();
        let band = Band::around_path(&cells, n, m, half);
        Constrained { solved, band }
    }

    /// The number of Chinese and English sentences.
    fn shape(&self) -> Cell {
        (self.solved.f.zh.len(), self.solved.f.en.len())
    }

    /// The best path from cell `from` to cell `to` (`from <= to` on both sides), in the
    /// band clipped to their rectangle, with posteriors.
    fn segment(&self, search: &Search, from: Cell, to: Cell) -> Vec<ScoredSpan> {
        if from == to {
            return Vec::new();
        }
        let ((ai, aj), (bi, bj)) = (from, to);
        let clip = |c: usize| c.clamp(aj, bj) - aj;
        let lo = (ai..=bi).map(|i| clip(self.band.lo(i))).collect();
        let hi = (ai..=bi).map(|i| clip(self.band.hi(i))).collect();
        let band = Band::new(lo, hi, bj - aj);
        let scorer = Scorer::new(&self.solved.f, &self.solved.params);
        let path = run_in(
            &self.solved.f,
            &scorer,
            &band,
            from,
            search.shapes,
            Some(search.cfg.temperature),
            search.threads,
        );
        scored(&path)
    }

    /// The alignment keeping `fixed` (canonical orientation, in document order, checked):
    /// the unconstrained path without them, else the best paths between them, each fixed
    /// bead with confidence 1.
    pub fn align(&self, search: &Search, fixed: &[Span]) -> Vec<ScoredSpan> {
        if fixed.is_empty() {
            return scored(&self.solved.path);
        }
        let mut out = Vec::new();
        let mut at = (0, 0);
        for (z, e) in fixed {
            out.extend(self.segment(search, at, (z.start, e.start)));
            out.push((z.clone(), e.clone(), 1.0));
            at = (z.end, e.end);
        }
        out.extend(self.segment(search, at, self.shape()));
        out
    }
}

/// What one edit of a [`Realigner`] changed: the beads `old` of the alignment before it
/// were replaced by the beads `new` of the alignment after it (both bead index ranges; the
/// beads before them are the same, those after them the same but for their indices).
/// `rescored` are the beads (of the new alignment) that were searched again, whose
/// confidences were recomputed; it holds `new`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// The beads replaced, as indices into the alignment before the edit.
    pub old: Range<usize>,
    /// The beads that replaced them, as indices into the alignment after the edit.
    pub new: Range<usize>,
    /// The beads searched again (indices after the edit), `new` among them.
    pub rescored: Range<usize>,
}

/// Beads of at least this posterior, 1-1, bound the region a [`Realigner`] searches again.
const ANCHOR_SCORE: f64 = 0.99;

/// An anchor must lie this many sentences (both sides counted) from the edit at least, so
/// that the realignment has room to come back to the old path before it.
const ANCHOR_DISTANCE: usize = 64;

/// Incremental constrained alignment, for a reviewer's edits: it holds one document's
/// prepared features, cost model and search space, its fixed beads and its current
/// alignment, and each [`fix`](Realigner::fix) or [`release`](Realigner::release) searches
/// again only the region between the nearest fixed beads or confident anchors around the
/// bead (1-1 beads of posterior at least 0.99, at least 64 sentences away), so that one
/// correction repairs the drifted region around it in milliseconds.
///
/// The parameters are estimated once, on the whole document, as
/// [`Aligner::align`] does: a fix changes what the path must go through, never the model.
/// Its alignment is [`Aligner::align_fixed`]'s with the same fixed beads, except where the
/// constrained path would have moved an anchor (which its posterior makes unlikely).
///
/// ```
/// use bialign::text::{Lang, Segmenter};
/// use bialign::{Aligner, FixedBead, Realigner};
///
/// let seg = Segmenter::new().presplit(true);
/// let zh = seg.segment("我父亲是医生。\n他每天去医院。\n今天下雨了。", Lang::Zh);
/// let en = seg.segment("My father is a doctor.\nHe goes to the hospital every day.\nIt rained today.", Lang::En);
/// let mut r = Realigner::new(&Aligner::new(), &zh, &en)?;
/// assert_eq!(r.alignment().to_ids(), "[0]:[0]\n[1]:[1]\n[2]:[2]\n");
/// // The reviewer says the first two Chinese sentences are one English sentence.
/// let change = r.fix(FixedBead::new(0..2, 0..1))?;
/// assert_eq!(r.alignment().beads[0].src, 0..2);
/// assert_eq!(r.alignment().beads[0].score, 1.0);
/// assert_eq!((change.old.start, change.new.start), (0, 0));
/// r.release(0)?;
/// assert_eq!(r.alignment().to_ids(), "[0]:[0]\n[1]:[1]\n[2]:[2]\n");
/// # Ok::<(), bialign::Error>(())
/// ```
pub struct Realigner {
    aligner: Aligner,
    model: Constrained,
    /// Whether the source is English (the model works Chinese against English).
    swap: bool,
    /// Source and target sentences.
    lens: Cell,
    /// The current alignment in canonical orientation.
    steps: Vec<ScoredSpan>,
    /// The fixed beads, in document order, and the same in canonical orientation.
    fixed: Vec<FixedBead>,
    fixed_set: HashSet<(usize, usize, usize, usize)>,
    alignment: Alignment,
}

impl std::fmt::Debug for Realigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Realigner")
            .field("lens", &self.lens)
            .field("fixed", &self.fixed)
            .field("beads", &self.alignment.beads.len())
            .finish_non_exhaustive()
    }
}

impl Realigner {
    /// Aligns `src` with `tgt` as [`Aligner::align`] does, keeping what the edits need.
    ///
    /// # Errors
    /// As [`Aligner::align`].
    pub fn new(aligner: &Aligner, src: &Text, tgt: &Text) -> Result<Realigner> {
        Realigner::with_fixed(aligner, src, tgt, &[])
    }

    /// Aligns `src` with `tgt` keeping `fixed`, as [`Aligner::align_fixed`] does.
    ///
    /// # Errors
    /// As [`Aligner::align_fixed`].
    pub fn with_fixed(
        aligner: &Aligner,
        src: &Text,
        tgt: &Text,
        fixed: &[FixedBead],
    ) -> Result<Realigner> {
        let lens = (src.len(), tgt.len());
        let fixed = ordered(fixed, lens)?;
        let (model, swap) = aligner.constrained(src, tgt)?;
        let canon: Vec<Span> = fixed.iter().map(|b| canonical(b, swap)).collect();
        let steps = aligner.with_search(|s| model.align(s, &canon));
        let fixed_set = canon.iter().map(key).collect();
        let alignment = to_alignment(steps.clone(), swap);
        Ok(Realigner {
            aligner: aligner.clone(),
            model,
            swap,
            lens,
            steps,
            fixed,
            fixed_set,
            alignment,
        })
    }

    /// The current alignment.
    pub fn alignment(&self) -> &Alignment {
        &self.alignment
    }

    /// The fixed beads, in document order (the indices [`release`](Realigner::release)
    /// takes).
    pub fn fixed(&self) -> &[FixedBead] {
        &self.fixed
    }

    /// Fixes `bead`: the alignment now contains it exactly (with confidence 1), and the
    /// region around it up to the nearest fixed beads or confident anchors is aligned again
    /// around it. Fixing a bead already fixed changes nothing.
    ///
    /// # Errors
    /// An [`Input`](crate::ErrorKind::Input) error when the bead is out of range or
    /// overlaps a fixed bead or is out of order with one (naming it by its index in
    /// [`fixed`](Realigner::fixed), the new bead by the next index); the realigner is then
    /// unchanged.
    pub fn fix(&mut self, bead: FixedBead) -> Result<Change> {
        if self.fixed.contains(&bead) {
            return Ok(Change::default());
        }
        let mut all = self.fixed.clone();
        all.push(bead.clone());
        let fixed = ordered(&all, self.lens)?;
        let (z, e) = canonical(&bead, self.swap);
        // Steps wholly before the bead, and from the first wholly after it.
        let before = self
            .steps
            .partition_point(|s| s.0.end <= z.start && s.1.end <= e.start);
        let after = self
            .steps
            .partition_point(|s| !(s.0.start >= z.end && s.1.start >= e.end));
        let (l, from) = self.left_anchor(before, (z.start, e.start));
        let (r, to) = self.right_anchor(after, (z.end, e.end));
        let mut region = self
            .aligner
            .with_search(|s| self.model.segment(s, from, (z.start, e.start)));
        region.push((z.clone(), e.clone(), 1.0));
        region.extend(
            self.aligner
                .with_search(|s| self.model.segment(s, (z.end, e.end), to)),
        );
        self.fixed = fixed;
        self.fixed_set.insert(key(&(z, e)));
        Ok(self.splice(l..r, region))
    }

    /// Releases the fixed bead `index` (of [`fixed`](Realigner::fixed)): it is no longer
    /// kept, and the region around it up to the nearest fixed beads or confident anchors is
    /// aligned again.
    ///
    /// # Errors
    /// An [`Input`](crate::ErrorKind::Input) error when there is no fixed bead `index`.
    pub fn release(&mut self, index: usize) -> Result<Change> {
        let Some(bead) = self.fixed.get(index).cloned() else {
            return Err(Error::fixed(format!(
                "there is no fixed bead {index} to release ({} fixed)",
                self.fixed.len()
            )));
        };
        let span = canonical(&bead, self.swap);
        let Some(k) = self
            .steps
            .iter()
            .position(|s| s.0 == span.0 && s.1 == span.1)
        else {
            return Err(Error::fixed(format!(
                "fixed bead {index} is not in the alignment"
            )));
        };
        self.fixed.remove(index);
        self.fixed_set.remove(&key(&span));
        let (l, from) = self.left_anchor(k, (span.0.start, span.1.start));
        let (r, to) = self.right_anchor(k + 1, (span.0.end, span.1.end));
        let region = self
            .aligner
            .with_search(|s| self.model.segment(s, from, to));
        Ok(self.splice(l..r, region))
    }

    /// Walking back from the cut before step `k`, the first cut after a fixed step or a
    /// confident anchor far enough from `edit`, or the start: the step index and its cell.
    fn left_anchor(&self, mut k: usize, edit: Cell) -> (usize, Cell) {
        while k > 0 {
            let s = &self.steps[k - 1];
            let cell = (s.0.end, s.1.end);
            let far = (edit.0 - cell.0) + (edit.1 - cell.1) >= ANCHOR_DISTANCE;
            if self.fixed_set.contains(&key(&(s.0.clone(), s.1.clone()))) || (far && confident(s)) {
                return (k, cell);
            }
            k -= 1;
        }
        (0, (0, 0))
    }

    /// Walking on from the cut before step `k`, the first cut before a fixed step or a
    /// confident anchor far enough from `edit`, or the end.
    fn right_anchor(&self, mut k: usize, edit: Cell) -> (usize, Cell) {
        while k < self.steps.len() {
            let s = &self.steps[k];
            let cell = (s.0.start, s.1.start);
            let far = (cell.0 - edit.0) + (cell.1 - edit.1) >= ANCHOR_DISTANCE;
            if self.fixed_set.contains(&key(&(s.0.clone(), s.1.clone()))) || (far && confident(s)) {
                return (k, cell);
            }
            k += 1;
        }
        (self.steps.len(), self.model.shape())
    }

    /// Replaces the steps `old` with `region` and says what changed.
    fn splice(&mut self, old: Range<usize>, region: Vec<ScoredSpan>) -> Change {
        let start = old.start;
        let len = region.len();
        let removed: Vec<ScoredSpan> = self.steps.splice(old.clone(), region).collect();
        let new = &self.steps[start..start + len];
        let same = |a: &ScoredSpan, b: &ScoredSpan| a.0 == b.0 && a.1 == b.1;
        let head = removed
            .iter()
            .zip(new)
            .take_while(|(a, b)| same(a, b))
            .count();
        let tail = removed[head..]
            .iter()
            .rev()
            .zip(new[head..].iter().rev())
            .take_while(|(a, b)| same(a, b))
            .count();
        self.alignment = to_alignment(self.steps.clone(), self.swap);
        Change {
            old: start + head..old.end - tail,
            new: start + head..start + len - tail,
            rescored: start..start + len,
        }
    }
}

/// A fixed bead in canonical orientation.
fn canonical(b: &FixedBead, swap: bool) -> Span {
    if swap {
        (b.tgt.clone(), b.src.clone())
    } else {
        (b.src.clone(), b.tgt.clone())
    }
}

fn key((z, e): &Span) -> (usize, usize, usize, usize) {
    (z.start, z.end, e.start, e.end)
}

fn confident(s: &ScoredSpan) -> bool {
    s.0.len() == 1 && s.1.len() == 1 && s.2 >= ANCHOR_SCORE
}

impl Aligner {
    /// Aligns `src` with `tgt` keeping every bead of `fixed` exactly (with confidence 1):
    /// the rest is the best alignment under that constraint, with the cost model estimated
    /// on the whole document as [`Aligner::align`] estimates it, and confidences
    /// recomputed. Without fixed beads it is [`Aligner::align`]'s alignment. A bead without
    /// counterpart is placed at its empty range's start ([`FixedBead`]).
    ///
    /// ```
    /// use bialign::text::{Lang, Segmenter};
    /// use bialign::{Aligner, FixedBead};
    ///
    /// let seg = Segmenter::new().presplit(true);
    /// let zh = seg.segment("我父亲是医生。\n他每天去医院。\n今天下雨了。", Lang::Zh);
    /// let en = seg.segment("My father is a doctor.\nHe goes to the hospital.\nIt rained.", Lang::En);
    /// let aligner = Aligner::new();
    /// // Chinese sentence 1 has no counterpart, placed before English sentence 1.
    /// let fixed = [FixedBead::new(1..2, 1..1)];
    /// let a = aligner.align_fixed(&zh, &en, &fixed)?;
    /// assert!(a.beads.iter().any(|b| fixed[0].matches(b) && b.score == 1.0));
    /// assert_eq!(a.beads.iter().map(|b| b.src.len()).sum::<usize>(), 3);
    ///
    /// let err = aligner.align_fixed(&zh, &en, &[FixedBead::new(0..2, 0..1), FixedBead::new(1..3, 1..3)]);
    /// assert_eq!(err.unwrap_err().to_string(), "fixed beads 0 and 1 overlap: src 0..2 and 1..3");
    /// # Ok::<(), bialign::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Aligner::align`], and an [`Input`](crate::ErrorKind::Input) error naming the
    /// beads (by their index in `fixed`) when a fixed bead is out of range or empty on both
    /// sides, or two overlap or are out of order.
    pub fn align_fixed(&self, src: &Text, tgt: &Text, fixed: &[FixedBead]) -> Result<Alignment> {
        let fixed = ordered(fixed, (src.len(), tgt.len()))?;
        let (model, swap) = self.constrained(src, tgt)?;
        let canon: Vec<Span> = fixed.iter().map(|b| canonical(b, swap)).collect();
        let steps = self.with_search(|s| model.align(s, &canon));
        Ok(to_alignment(steps, swap))
    }
}
