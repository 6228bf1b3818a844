//! The one place where the review calls the library's constrained alignment
//! ([`bialign::Realigner`]): each fix or release realigns only the region around the bead,
//! up to the nearest fixed beads or confident anchors; new texts (a sentence split or joined)
//! are aligned again whole, keeping the fixed beads.

pub(crate) use bialign::FixedBead;
use bialign::{Alignment, Document, Pipeline, Realigner, Result};
use serde::{Deserialize, Serialize};

/// A side of the alignment, as the page and the state file name it (`"src"`, `"tgt"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Side {
    Src,
    Tgt,
}

impl From<Side> for bialign::Side {
    fn from(s: Side) -> bialign::Side {
        match s {
            Side::Src => bialign::Side::Src,
            Side::Tgt => bialign::Side::Tgt,
        }
    }
}

/// The fixed beads after sentence `k` of `side` was split in two (the library's rule).
pub(crate) fn after_split(fixed: &[FixedBead], side: Side, k: usize) -> Vec<FixedBead> {
    bialign::fixed::after_split(fixed, side.into(), k)
}

/// The fixed beads after sentences `k` and `k + 1` of `side` were joined (the library's
/// rule: a bead that held only one of them is left out).
pub(crate) fn after_join(fixed: &[FixedBead], side: Side, k: usize) -> Vec<FixedBead> {
    bialign::fixed::after_join(fixed, side.into(), k)
}

/// The alignment of one document under the reviewer's fixed beads.
pub(crate) struct Engine(Realigner);

impl Engine {
    /// Aligns `doc` keeping `fixed`, with the aligner the document's kind calls for.
    ///
    /// # Errors
    /// As [`Realigner::with_fixed`]: fixed beads out of range, overlapping or out of order.
    pub(crate) fn new(pipeline: &Pipeline, doc: &Document, fixed: &[FixedBead]) -> Result<Engine> {
        Realigner::with_fixed(pipeline.aligner(doc.mixed), &doc.src, &doc.tgt, fixed).map(Engine)
    }

    /// The current alignment.
    pub(crate) fn alignment(&self) -> &Alignment {
        self.0.alignment()
    }

    /// The fixed beads, in document order.
    pub(crate) fn fixed(&self) -> &[FixedBead] {
        self.0.fixed()
    }

    /// Fixes `bead` and realigns the region around it.
    ///
    /// # Errors
    /// As [`Realigner::fix`]; the engine is then unchanged.
    pub(crate) fn fix(&mut self, bead: FixedBead) -> Result<()> {
        self.0.fix(bead).map(|_| ())
    }

    /// Releases the fixed bead `index` and realigns the region around it.
    ///
    /// # Errors
    /// As [`Realigner::release`].
    pub(crate) fn release(&mut self, index: usize) -> Result<()> {
        self.0.release(index).map(|_| ())
    }
}
