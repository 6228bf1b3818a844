//! The result of an alignment: a monotone sequence of beads.

use serde::Serialize;
use std::ops::Range;

/// One bead: a run of source sentences paired with a run of target sentences.
///
/// Either run may be empty: a bead with an empty side says that its sentences have no
/// counterpart (a 1-0 or 0-1 bead). Indices are 0-based sentence numbers of the two texts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bead {
    /// Source sentence indices (a contiguous range, possibly empty).
    pub src: Range<usize>,
    /// Target sentence indices (a contiguous range, possibly empty).
    pub tgt: Range<usize>,
    /// Confidence in [0, 1]: the model's posterior probability that this exact bead is right.
    pub score: f64,
}

impl Bead {
    /// `true` if one side is empty (the sentences of the other side have no counterpart).
    pub fn is_null(&self) -> bool {
        self.src.is_empty() || self.tgt.is_empty()
    }

    /// The bead type as (number of source sentences, number of target sentences).
    pub fn shape(&self) -> (usize, usize) {
        (self.src.len(), self.tgt.len())
    }

    /// The bead in index format, e.g. `[0,1]:[2]` or `[3]:[]`.
    pub fn to_ids(&self) -> String {
        let mut out = String::new();
        push_ids(&mut out, self.src.clone(), self.tgt.clone());
        out
    }
}

/// A complete alignment of two texts: beads in order, covering every sentence of both texts
/// exactly once.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Alignment {
    /// The beads, in document order.
    pub beads: Vec<Bead>,
}

impl Alignment {
    /// The beads that pair sentences on both sides.
    pub fn pairs(&self) -> impl Iterator<Item = &Bead> {
        self.beads.iter().filter(|b| !b.is_null())
    }

    /// The alignment in index format, one bead per line.
    pub fn to_ids(&self) -> String {
        let mut out = String::new();
        for b in &self.beads {
            push_ids(&mut out, b.src.clone(), b.tgt.clone());
            out.push('\n');
        }
        out
    }

    /// How many pairs the alignment has and how many sentences of each side have no
    /// counterpart; its `Display` is the one-line summary the command line prints.
    ///
    /// ```
    /// use bialign::{Alignment, Bead};
    ///
    /// let a = Alignment { beads: vec![
    ///     Bead { src: 0..2, tgt: 0..1, score: 0.9 },
    ///     Bead { src: 2..3, tgt: 1..1, score: 0.8 },
    /// ] };
    /// assert_eq!(a.tally().to_string(), "1 pair, 1 unpaired source, 0 unpaired target sentences");
    /// ```
    pub fn tally(&self) -> Tally {
        let mut t = Tally::default();
        for b in &self.beads {
            if b.is_null() {
                t.unpaired_src += b.src.len();
                t.unpaired_tgt += b.tgt.len();
            } else {
                t.pairs += 1;
            }
        }
        t
    }

    /// The same alignment seen from the other side (source and target swapped).
    pub fn mirrored(&self) -> Alignment {
        Alignment {
            beads: self
                .beads
                .iter()
                .map(|b| Bead {
                    src: b.tgt.clone(),
                    tgt: b.src.clone(),
                    score: b.score,
                })
                .collect(),
        }
    }
}

/// The counts of an alignment: pairs, and sentences without counterpart on each side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Beads with sentences on both sides.
    pub pairs: usize,
    /// Source sentences in no pair.
    pub unpaired_src: usize,
    /// Target sentences in no pair.
    pub unpaired_tgt: usize,
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = if self.pairs == 1 { "" } else { "s" };
        write!(
            f,
            "{} pair{plural}, {} unpaired source, {} unpaired target sentences",
            self.pairs, self.unpaired_src, self.unpaired_tgt
        )
    }
}

/// Appends one bead in index format, `[0,1]:[2]`: the one writer of the format, for
/// alignments and for the id-only beads of [`crate::eval`].
pub(crate) fn push_ids(
    out: &mut String,
    src: impl IntoIterator<Item = usize>,
    tgt: impl IntoIterator<Item = usize>,
) {
    push_list(out, src);
    out.push(':');
    push_list(out, tgt);
}

fn push_list(out: &mut String, ids: impl IntoIterator<Item = usize>) {
    use std::fmt::Write;
    out.push('[');
    for (k, id) in ids.into_iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        // Writing to a String cannot fail.
        let _ = write!(out, "{id}");
    }
    out.push(']');
}
