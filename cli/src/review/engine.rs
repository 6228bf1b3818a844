//! The one place where the review calls the library's constrained alignment.
//!
//! TEMPORARY stand-in until `bialign::Realigner` (issue 13 item 1) lands on main: the same
//! shape of API, but a fix only splices the bead in (no realignment).

use bialign::{Alignment, Bead, Document, Pipeline, Result};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A bead the reviewer fixed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FixedBead {
    pub(crate) src: Range<usize>,
    pub(crate) tgt: Range<usize>,
}

impl FixedBead {
    pub(crate) fn new(src: Range<usize>, tgt: Range<usize>) -> FixedBead {
        FixedBead { src, tgt }
    }
    pub(crate) fn matches(&self, b: &Bead) -> bool {
        self.src == b.src && self.tgt == b.tgt
    }
}

/// A side of the alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Side {
    Src,
    Tgt,
}

fn side(b: &FixedBead, s: Side) -> &Range<usize> {
    match s {
        Side::Src => &b.src,
        Side::Tgt => &b.tgt,
    }
}

fn with_side(b: &FixedBead, s: Side, r: Range<usize>) -> FixedBead {
    match s {
        Side::Src => FixedBead::new(r, b.tgt.clone()),
        Side::Tgt => FixedBead::new(b.src.clone(), r),
    }
}

pub(crate) fn after_split(fixed: &[FixedBead], s: Side, k: usize) -> Vec<FixedBead> {
    let m = |x: usize| if x > k { x + 1 } else { x };
    fixed
        .iter()
        .map(|b| {
            let r = side(b, s);
            let r = if r.is_empty() {
                m(r.start)..m(r.start)
            } else {
                m(r.start)..m(r.end)
            };
            with_side(b, s, r)
        })
        .collect()
}

pub(crate) fn after_join(fixed: &[FixedBead], s: Side, k: usize) -> Vec<FixedBead> {
    fixed
        .iter()
        .filter_map(|b| {
            let r = side(b, s);
            if r.contains(&k) != r.contains(&(k + 1)) {
                return None;
            }
            let m = |x: usize| if x > k { x - 1 } else { x };
            Some(with_side(b, s, m(r.start)..m(r.end)))
        })
        .collect()
}

/// The alignment of one document under the reviewer's fixed beads.
pub(crate) struct Engine {
    alignment: Alignment,
    fixed: Vec<FixedBead>,
}

impl Engine {
    /// Aligns `doc` keeping `fixed`.
    pub(crate) fn new(pipeline: &Pipeline, doc: &Document, fixed: &[FixedBead]) -> Result<Engine> {
        let mut e = Engine {
            alignment: pipeline.align(doc)?,
            fixed: Vec::new(),
        };
        for f in fixed {
            e.fix(f.clone())?;
        }
        Ok(e)
    }

    pub(crate) fn alignment(&self) -> &Alignment {
        &self.alignment
    }

    pub(crate) fn fixed(&self) -> &[FixedBead] {
        &self.fixed
    }

    pub(crate) fn fix(&mut self, f: FixedBead) -> Result<()> {
        let beads = std::mem::take(&mut self.alignment.beads);
        let mut out = Vec::new();
        let mut placed = false;
        for b in beads {
            let before = b.src.end <= f.src.start && b.tgt.end <= f.tgt.start;
            let after = b.src.start >= f.src.end && b.tgt.start >= f.tgt.end;
            if after && !placed {
                out.push(Bead {
                    src: f.src.clone(),
                    tgt: f.tgt.clone(),
                    score: 1.0,
                });
                placed = true;
            }
            if before || after {
                out.push(b);
            } else {
                for i in b.src.clone().filter(|i| !f.src.contains(i)) {
                    out.push(Bead {
                        src: i..i + 1,
                        tgt: b.tgt.start..b.tgt.start,
                        score: 0.0,
                    });
                }
                for j in b.tgt.clone().filter(|j| !f.tgt.contains(j)) {
                    out.push(Bead {
                        src: b.src.end..b.src.end,
                        tgt: j..j + 1,
                        score: 0.0,
                    });
                }
            }
        }
        if !placed {
            out.push(Bead {
                src: f.src.clone(),
                tgt: f.tgt.clone(),
                score: 1.0,
            });
        }
        out.sort_by_key(|b| (b.src.start + b.tgt.start, b.src.end + b.tgt.end));
        self.alignment.beads = out;
        self.fixed.push(f);
        self.fixed.sort_by_key(|b| (b.src.start, b.tgt.start));
        Ok(())
    }

    pub(crate) fn release(&mut self, index: usize) -> Result<()> {
        if index < self.fixed.len() {
            self.fixed.remove(index);
        }
        Ok(())
    }
}
