//! The bead costs of a search window: token-coverage masks cached per block of rows, and
//! the [`BeadCosts`](super::dp::BeadCosts) that the banded programme asks.

use super::dp::{self, search, Band, Path};
use crate::features::{PairFeatures, RowMasker};
use crate::model::{Scorer, MAX_SIDE};
use std::ops::Range;

/// Runs one search over a window of the document: `band` in coordinates relative to
/// `origin` (the cell where the window's path starts; it ends at the band's last row and
/// column). The path comes back in document coordinates.
pub(crate) fn run_in(
    f: &PairFeatures,
    scorer: &Scorer,
    band: &Band,
    origin: (usize, usize),
    shapes: &[(usize, usize)],
    temperature: Option<f64>,
    threads: usize,
) -> Path {
    let costs = WindowCosts {
        f,
        scorer,
        origin,
        known: None,
    };
    let path = search(
        band,
        band.hi(band.rows() - 1),
        shapes,
        &costs,
        temperature,
        threads,
        None,
    );
    to_document(path, origin)
}

/// [`run_in`] without posteriors, taking the bead costs that `known` holds from earlier
/// searches (the path is the same) and adding to it those this search computes.
pub(crate) fn run_known(
    f: &PairFeatures,
    scorer: &Scorer,
    band: &Band,
    origin: (usize, usize),
    shapes: &[(usize, usize)],
    threads: usize,
    known: &mut Known,
) -> Path {
    let mut keep = Vec::new();
    let costs = WindowCosts {
        f,
        scorer,
        origin,
        // The first search has nothing to look up.
        known: (!known.searches.is_empty()).then_some(&*known),
    };
    let m = band.hi(band.rows() - 1);
    let keeping = known.room(band.cells() * shapes.len());
    let path = search(
        band,
        m,
        shapes,
        &costs,
        None,
        threads,
        keeping.then_some(&mut keep),
    );
    if keeping {
        known.add(band.clone(), origin, keep);
    }
    to_document(path, origin)
}

/// A window's path moved from band coordinates to the document's.
fn to_document(mut path: Path, (di, dj): (usize, usize)) -> Path {
    if (di, dj) != (0, 0) {
        for s in &mut path.steps {
            (s.i0, s.i1, s.j0, s.j1) = (s.i0 + di, s.i1 + di, s.j0 + dj, s.j1 + dj);
        }
        for r in &mut path.edge_rows {
            *r += di;
        }
    }
    path
}

/// Most bead costs [`Known`] holds (8 bytes each): a first pass over a long document keeps
/// none rather than outgrow the tables of its later passes.
const KNOWN_MAX: usize = 1 << 21;

/// The bead costs of the first pass's searches so far, each search's band with its costs
/// in the layout of [`dp::search`]'s `keep`, newest last. A widened window searches the
/// cells of the band before it again (and as many new ones): their costs are the same
/// (a bead's cost depends on its sentences only), so they are looked up, not computed.
#[derive(Default)]
pub(crate) struct Known {
    searches: Vec<KnownSearch>,
    /// Bead costs held in all.
    len: usize,
    /// The index of the first search of the current round.
    round_start: usize,
}

/// One search's band (relative to its `origin`) and the costs it computed.
struct KnownSearch {
    band: Band,
    origin: (usize, usize),
    costs: Vec<f64>,
}

impl Known {
    /// Whether `more` costs may be added.
    fn room(&self, more: usize) -> bool {
        self.len + more <= KNOWN_MAX
    }

    fn add(&mut self, band: Band, origin: (usize, usize), costs: Vec<f64>) {
        self.len += costs.len();
        self.searches.push(KnownSearch {
            band,
            origin,
            costs,
        });
    }

    /// Starts a round of widening: forgets the searches of the rounds before the last but
    /// the first search (the whole document's). A round searches around the path of the
    /// round before, so older windows hold few of its cells.
    pub(crate) fn new_round(&mut self) {
        let keep_from = self.round_start.max(1).min(self.searches.len());
        if keep_from > 1 {
            self.searches.drain(1..keep_from);
            self.len = self.searches.iter().map(|s| s.costs.len()).sum();
        }
        self.round_start = self.searches.len();
    }

    /// The costs of the beads of `shapes` in `valid` ending in document cell `(i, j)` that
    /// an earlier search computed, into `out`: the bit set of those found.
    #[inline]
    fn get(
        &self,
        shapes: &[(usize, usize)],
        (i, j): (usize, usize),
        valid: u64,
        out: &mut [f64],
    ) -> u64 {
        let ns = shapes.len();
        let mut found = 0u64;
        for s in self.searches.iter().rev() {
            let (Some(li), Some(lj)) = (i.checked_sub(s.origin.0), j.checked_sub(s.origin.1))
            else {
                continue;
            };
            let Some(cell) = s.band.index(li, lj) else {
                continue;
            };
            if (li, lj) == (0, 0) || s.costs.len() < (cell + 1) * ns {
                continue;
            }
            let new = dp::valid_shapes(&s.band, shapes, li, lj) & valid & !found;
            let costs = &s.costs[cell * ns..(cell + 1) * ns];
            for (k, (o, &c)) in out.iter_mut().zip(costs).enumerate() {
                if new >> k & 1 == 1 {
                    *o = c;
                }
            }
            found |= new;
            if found == valid {
                break;
            }
        }
        found
    }
}

/// The bead costs of a search over a window of the document (`origin` its first cell).
struct WindowCosts<'a> {
    f: &'a PairFeatures,
    scorer: &'a Scorer<'a>,
    origin: (usize, usize),
    /// Costs computed by earlier searches, to take rather than compute again.
    known: Option<&'a Known>,
}

impl dp::BeadCosts for WindowCosts<'_> {
    type Rows = MaskCache;

    fn rows(&self, band: &Band, rows: Range<usize>) -> MaskCache {
        MaskCache::new(self.f, band, self.origin, rows)
    }

    #[inline]
    fn cost(&self, masks: &MaskCache, i0: usize, i1: usize, j0: usize, j1: usize) -> f64 {
        let (di, dj) = self.origin;
        if i1 == i0 || j1 == j0 {
            let x = i1 - i0;
            return self
                .scorer
                .null_cost(i1 + di, j1 + dj, x, &|a, b| masks.get(self.f, a, b));
        }
        self.scorer
            .cost(i0 + di, i1 + di, j0 + dj, j1 + dj, |i, j| {
                masks.get(self.f, i, j)
            })
    }

    #[inline]
    fn cell_costs(
        &self,
        masks: &MaskCache,
        (i, j): (usize, usize),
        shapes: &[(usize, usize)],
        mut valid: u64,
        out: &mut [f64],
    ) {
        let (di, dj) = self.origin;
        if let Some(known) = self.known {
            valid &= !known.get(shapes, (i + di, j + dj), valid, out);
            if valid == 0 {
                return;
            }
        }
        self.scorer.cell_costs(
            i + di,
            j + dj,
            shapes,
            valid,
            |a, b| masks.get(self.f, a, b),
            out,
        );
    }
}

/// Token-coverage masks for the (Chinese sentence, English sentence) pairs that beads ending
/// in some rows of a band can touch.
/// The band is in coordinates relative to `origin`; look-ups are in document coordinates.
pub(crate) struct MaskCache {
    /// The document row of the band's first row.
    row0: usize,
    /// Per band row, the document column of its first cached pair.
    lo: Vec<usize>,
    off: Vec<usize>,
    data: Vec<(u64, u64)>,
}

impl MaskCache {
    /// The masks the costs of beads ending in band rows `rows` need: those of the Chinese
    /// sentences up to `MAX_SIDE` rows before, against every English sentence the band lets
    /// such a bead reach.
    pub(crate) fn new(
        f: &PairFeatures,
        band: &Band,
        (di, dj): (usize, usize),
        rows: Range<usize>,
    ) -> Self {
        let n = band.rows() - 1;
        let m = band.hi(n);
        let sentences = rows.start.saturating_sub(MAX_SIDE)..rows.end.min(n);
        let mut lo = Vec::with_capacity(sentences.len());
        let mut off = Vec::with_capacity(sentences.len() + 1);
        let mut data = Vec::new();
        let mut masker = RowMasker::new(f);
        for i in sentences.clone() {
            let a = band.lo((i + 1).saturating_sub(MAX_SIDE));
            let b = band.hi((i + MAX_SIDE).min(n)).min(m);
            lo.push(a + dj);
            off.push(data.len());
            masker.row(f, i + di, a + dj..b.max(a) + dj, &mut data);
        }
        off.push(data.len());
        MaskCache {
            row0: sentences.start + di,
            lo,
            off,
            data,
        }
    }

    #[inline]
    pub(crate) fn get(&self, f: &PairFeatures, i: usize, j: usize) -> (u64, u64) {
        // A deletion's cost also asks for the cells of the sentences that border the bead,
        // which may lie outside the cached rows and columns.
        if let Some(r) = i.checked_sub(self.row0) {
            if let (Some(&a), Some(&end)) = (self.lo.get(r), self.off.get(r + 1)) {
                if let Some(k) = j.checked_sub(a).map(|d| self.off[r] + d) {
                    if k < end {
                        return self.data[k];
                    }
                }
            }
        }
        (f.mask(i, j), f.unit_mask(i, j))
    }
}
