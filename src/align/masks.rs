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
    let costs = WindowCosts { f, scorer, origin };
    let m = band.hi(band.rows() - 1);
    let mut path = search(band, m, shapes, &costs, temperature, threads);
    let (di, dj) = origin;
    if origin != (0, 0) {
        for s in &mut path.steps {
            (s.i0, s.i1, s.j0, s.j1) = (s.i0 + di, s.i1 + di, s.j0 + dj, s.j1 + dj);
        }
        for r in &mut path.edge_rows {
            *r += di;
        }
    }
    path
}

/// The bead costs of a search over a window of the document (`origin` its first cell).
struct WindowCosts<'a> {
    f: &'a PairFeatures,
    scorer: &'a Scorer<'a>,
    origin: (usize, usize),
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
        valid: u64,
        out: &mut [f64],
    ) {
        let (di, dj) = self.origin;
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
