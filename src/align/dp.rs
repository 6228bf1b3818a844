//! The dynamic programme over beads, restricted to a band of cells.
//!
//! Cell `(i, j)` means "the first `i` Chinese and `j` English sentences are aligned". A band
//! gives, for each `i`, the range of `j` searched; time and memory are proportional to the
//! band's area, never to `n x m`.

use std::ops::Range;

/// For each row `i` in `0..=n`, the searched columns `lo[i]..=hi[i]`.
#[derive(Debug, Clone)]
pub(crate) struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    off: Vec<usize>,
}

impl Band {
    /// A band from raw bounds, repaired so that it is monotone, includes both corners and is
    /// connected.
    pub fn new(mut lo: Vec<usize>, mut hi: Vec<usize>, m: usize) -> Band {
        let n = lo.len() - 1;
        lo[0] = 0;
        hi[n] = m;
        for i in 0..=n {
            hi[i] = hi[i].min(m);
            lo[i] = lo[i].min(hi[i]);
        }
        // Monotone: lo non-decreasing from the left... (take running max), hi non-increasing
        // from the right (running min) keeps them inside what was asked while making rows
        // reachable.
        for i in 1..=n {
            lo[i] = lo[i].max(lo[i - 1]);
        }
        for i in (0..n).rev() {
            hi[i] = hi[i].min(hi[i + 1]);
        }
        for i in 0..=n {
            if lo[i] > hi[i] {
                lo[i] = hi[i];
            }
        }
        lo[0] = 0;
        // Connected: row i must share a column with row i - 1.
        for i in 1..=n {
            if lo[i] > hi[i - 1] {
                lo[i] = hi[i - 1];
            }
        }
        let mut off = Vec::with_capacity(n + 2);
        let mut acc = 0;
        for i in 0..=n {
            off.push(acc);
            acc += hi[i] - lo[i] + 1;
        }
        off.push(acc);
        Band { lo, hi, off }
    }

    /// Columns `center(i) - half(i) ..= center(i) + half(i)` for each row.
    pub fn around(centers: &[f64], halves: &[usize], m: usize) -> Band {
        let lo = centers
            .iter()
            .zip(halves)
            .map(|(&c, &h)| (c.floor().max(0.0) as usize).saturating_sub(h))
            .collect();
        let hi = centers
            .iter()
            .zip(halves)
            .map(|(&c, &h)| (c.ceil().max(0.0) as usize).saturating_add(h))
            .collect();
        Band::new(lo, hi, m)
    }

    /// The cells within `half` columns of a path given as the cells it visits.
    pub fn around_path(path: &[(usize, usize)], n: usize, m: usize, half: usize) -> Band {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0usize; n + 1];
        for &(i, j) in path {
            lo[i] = lo[i].min(j);
            hi[i] = hi[i].max(j);
        }
        // Rows a bead jumps over get the bounds of the row before.
        for i in 1..=n {
            if lo[i] == usize::MAX {
                lo[i] = hi[i - 1];
                hi[i] = hi[i - 1];
            }
        }
        let lo = lo.iter().map(|&l| l.saturating_sub(half)).collect();
        let hi = hi.iter().map(|&h| h + half).collect();
        Band::new(lo, hi, m)
    }

    pub fn rows(&self) -> usize {
        self.lo.len()
    }

    pub fn lo(&self, i: usize) -> usize {
        self.lo[i]
    }

    pub fn hi(&self, i: usize) -> usize {
        self.hi[i]
    }

    pub fn cells(&self) -> usize {
        self.off[self.lo.len()]
    }

    /// The index of row `i`'s first cell (`cells()` for `i` one past the last row).
    fn row_start(&self, i: usize) -> usize {
        self.off[i]
    }

    #[inline]
    pub fn index(&self, i: usize, j: usize) -> Option<usize> {
        if i < self.lo.len() && j >= self.lo[i] && j <= self.hi[i] {
            Some(self.off[i] + j - self.lo[i])
        } else {
            None
        }
    }
}

/// One bead of a path: Chinese sentences `i0..i1`, English `j0..j1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Step {
    pub i0: usize,
    pub i1: usize,
    pub j0: usize,
    pub j1: usize,
    pub cost: f64,
}

/// The result of a search.
pub(crate) struct Path {
    pub steps: Vec<Step>,
    /// Posterior probability of each step (with a temperature), when asked for.
    pub posterior: Option<Vec<f64>>,
    /// Rows where the path runs along the band's edge (the band may be too narrow there).
    pub edge_rows: Vec<usize>,
}

/// `ln(sum(exp(x)))` of the terms pushed (at most one per bead shape), with one logarithm in
/// all rather than one per term.
struct LogSum {
    terms: [f64; MAX_SHAPES],
    len: usize,
}

/// Most bead shapes a search takes (`MAX_SIDE` 6 and beads of up to 10 sentences: 35).
const MAX_SHAPES: usize = 40;

impl Default for LogSum {
    fn default() -> Self {
        LogSum {
            terms: [0.0; MAX_SHAPES],
            len: 0,
        }
    }
}

impl LogSum {
    #[inline]
    fn push(&mut self, x: f64) {
        if x > f64::NEG_INFINITY && self.len < MAX_SHAPES {
            self.terms[self.len] = x;
            self.len += 1;
        }
    }

    #[inline]
    fn total(&self) -> f64 {
        let terms = &self.terms[..self.len];
        let max = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if max == f64::NEG_INFINITY {
            return max;
        }
        max + terms.iter().map(|&x| (x - max).exp()).sum::<f64>().ln()
    }
}

/// The bead costs of a search. They are asked for a block of rows at a time: `rows` prepares
/// what the costs of beads ending in those rows need (token masks of their cells), so that
/// nothing the size of the whole band is held.
pub(crate) trait BeadCosts: Sync {
    /// What [`BeadCosts::rows`] prepares.
    type Rows;

    /// Prepares the costs of beads ending in `rows` (rows of the band).
    fn rows(&self, band: &Band, rows: Range<usize>) -> Self::Rows;

    /// The cost of the bead of Chinese `i0..i1` and English `j0..j1` (band coordinates,
    /// ending in rows given to `rows`), infinite to forbid it.
    fn cost(&self, rows: &Self::Rows, i0: usize, i1: usize, j0: usize, j1: usize) -> f64;

    /// The costs of the beads `shapes[k]` ending in cell `(i, j)`, into `out[k]`, for each
    /// `k` whose bit is set in `valid` (the others are left alone). One call per cell lets
    /// the beads of a cell share their work.
    fn cell_costs(
        &self,
        rows: &Self::Rows,
        (i, j): (usize, usize),
        shapes: &[(usize, usize)],
        valid: u64,
        out: &mut [f64],
    ) {
        for (k, &(x, y)) in shapes.iter().enumerate() {
            if valid >> k & 1 == 1 {
                out[k] = self.cost(rows, i - x, i, j - y, j);
            }
        }
    }
}

/// Rows whose bead costs are computed together, before the recurrence runs over them.
const BLOCK_ROWS: usize = 256;

/// Fewest bead costs per thread worth starting a thread for.
const MIN_COSTS_PER_THREAD: usize = 20_000;

/// Best path through the band. `shapes` lists the allowed (x, y) bead shapes; `costs` gives
/// the cost of a bead (infinite to forbid it). With `temperature`, also computes each chosen
/// bead's posterior probability by forward-backward over the same band.
///
/// Bead costs do not depend on the recurrence, so they are computed a block of rows at a
/// time, on up to `threads` threads, and the recurrence then runs over the block: the result
/// is the same whatever the number of threads.
///
/// With `keep`, every bead cost computed is appended to it, in the layout of
/// [`block_costs`] over the whole band (`keep[cell * shapes + shape]`), so that a later
/// search over cells of this band need not compute them again.
pub(crate) fn search(
    band: &Band,
    m: usize,
    shapes: &[(usize, usize)],
    costs: &impl BeadCosts,
    temperature: Option<f64>,
    threads: usize,
    mut keep: Option<&mut Vec<f64>>,
) -> Path {
    let n = band.rows() - 1;
    let cells = band.cells();
    let ns = shapes.len();
    assert!(ns <= MAX_SHAPES, "at most {MAX_SHAPES} bead shapes");
    let mut best = vec![f64::INFINITY; cells];
    let mut back = vec![u8::MAX; cells];
    let mut alpha = if temperature.is_some() {
        vec![f64::NEG_INFINITY; cells]
    } else {
        Vec::new()
    };
    let t = temperature.unwrap_or(1.0);
    // With posteriors, the forward pass keeps every bead cost (indexed by the bead's end cell
    // and shape) so that the backward pass does not score them again. In full precision: the
    // posteriors add forward and backward sums over the whole path, where rounding the costs
    // to f32 on one side only would drift with the document's length.
    let mut kept = if temperature.is_some() {
        vec![f64::INFINITY; cells * ns]
    } else {
        Vec::new()
    };
    best[0] = 0.0;
    if !alpha.is_empty() {
        alpha[0] = 0.0;
    }
    let mut buf = Vec::new();
    for r0 in (0..=n).step_by(BLOCK_ROWS) {
        let rows = r0..(r0 + BLOCK_ROWS).min(n + 1);
        let base = band.row_start(rows.start);
        block_costs(band, shapes, costs, rows.clone(), threads, &mut buf);
        if let Some(keep) = keep.as_deref_mut() {
            keep.extend_from_slice(&buf);
        }
        for i in rows {
            for j in band.lo(i)..=band.hi(i) {
                if i == 0 && j == 0 {
                    continue;
                }
                let Some(here) = band.index(i, j) else {
                    continue;
                };
                let mut b = f64::INFINITY;
                let mut arg = u8::MAX;
                let mut terms = LogSum::default();
                let row = &buf[(here - base) * ns..(here - base + 1) * ns];
                for (k, (&(x, y), &c)) in shapes.iter().zip(row).enumerate() {
                    if !c.is_finite() {
                        continue;
                    }
                    // A finite cost means the bead's start cell is in the band.
                    let Some(prev) = band.index(i - x, j - y) else {
                        continue;
                    };
                    let pb = best[prev];
                    if pb == f64::INFINITY {
                        continue;
                    }
                    if !kept.is_empty() {
                        kept[here * ns + k] = c;
                    }
                    if pb + c < b {
                        b = pb + c;
                        arg = k as u8;
                    }
                    if !alpha.is_empty() {
                        terms.push(alpha[prev] - c / t);
                    }
                }
                best[here] = b;
                back[here] = arg;
                if !alpha.is_empty() {
                    alpha[here] = terms.total();
                }
            }
        }
    }
    // Trace back.
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    let mut edge_rows = Vec::new();
    while i > 0 || j > 0 {
        let Some(here) = band.index(i, j) else { break };
        let k = back[here];
        if k == u8::MAX {
            break;
        }
        // On the band's edge, but not where the band ends because the table does (column 0
        // and column m): the first and last rows count too, as they do inside a window of
        // a larger table.
        if (j == band.lo(i) && j > 0) || (j == band.hi(i) && j < m) {
            edge_rows.push(i);
        }
        let (x, y) = shapes[k as usize];
        steps.push(Step {
            i0: i - x,
            i1: i,
            j0: j - y,
            j1: j,
            cost: 0.0,
        });
        i -= x;
        j -= y;
    }
    // The steps' costs, a block of rows at a time (the steps run from the last row back).
    let mut k = 0;
    while k < steps.len() {
        let block = steps[k].i1 / BLOCK_ROWS;
        let rows = block * BLOCK_ROWS..((block + 1) * BLOCK_ROWS).min(n + 1);
        let prepared = costs.rows(band, rows.clone());
        while k < steps.len() && rows.contains(&steps[k].i1) {
            let s = &mut steps[k];
            s.cost = costs.cost(&prepared, s.i0, s.i1, s.j0, s.j1);
            k += 1;
        }
    }
    steps.reverse();
    let posterior = temperature.map(|t| {
        let beta = backward(band, m, shapes, &kept, t);
        let z = alpha[cells - 1];
        steps
            .iter()
            .map(|s| {
                let (Some(a), Some(b)) = (band.index(s.i0, s.j0), band.index(s.i1, s.j1)) else {
                    return 0.0;
                };
                let lp = alpha[a] - s.cost / t + beta[b] - z;
                if lp.is_finite() {
                    lp.exp().clamp(0.0, 1.0)
                } else {
                    0.0
                }
            })
            .collect()
    });
    Path {
        steps,
        posterior,
        edge_rows,
    }
}

/// The cost of every bead ending in `rows` whose start cell is in the band, into `out`
/// (`out[(cell - first cell of the rows) * shapes + shape]`, infinite for no bead), on up to
/// `threads` threads, each taking whole rows.
fn block_costs(
    band: &Band,
    shapes: &[(usize, usize)],
    costs: &impl BeadCosts,
    rows: Range<usize>,
    threads: usize,
    out: &mut Vec<f64>,
) {
    let ns = shapes.len();
    let base = band.row_start(rows.start);
    let total = (band.row_start(rows.end) - base) * ns;
    out.clear();
    out.resize(total, f64::INFINITY);
    let threads = threads.min(total / MIN_COSTS_PER_THREAD).max(1);
    if threads == 1 {
        row_costs(band, shapes, costs, rows, out);
        return;
    }
    // Cut the rows into parts of about equal numbers of cells.
    let mut parts = Vec::with_capacity(threads);
    let mut start = rows.start;
    for p in 1..threads {
        let target = base + (total / ns) * p / threads;
        let mut end = start;
        while end < rows.end && band.row_start(end) < target {
            end += 1;
        }
        parts.push(start..end);
        start = end;
    }
    parts.push(start..rows.end);
    std::thread::scope(|scope| {
        let mut rest = &mut out[..];
        let mut mine = None;
        for part in parts {
            let len = (band.row_start(part.end) - band.row_start(part.start)) * ns;
            let (slice, tail) = std::mem::take(&mut rest).split_at_mut(len);
            rest = tail;
            if let Some((part, slice)) = mine.replace((part, slice)) {
                scope.spawn(move || row_costs(band, shapes, costs, part, slice));
            }
        }
        // The last part on this thread.
        if let Some((part, slice)) = mine {
            row_costs(band, shapes, costs, part, slice);
        }
    });
}

/// [`block_costs`] on one thread: `out` starts at the first cell of `rows`.
fn row_costs(
    band: &Band,
    shapes: &[(usize, usize)],
    costs: &impl BeadCosts,
    rows: Range<usize>,
    out: &mut [f64],
) {
    let ns = shapes.len();
    let prepared = costs.rows(band, rows.clone());
    let mut cell = 0;
    for i in rows {
        for j in band.lo(i)..=band.hi(i) {
            if i > 0 || j > 0 {
                let valid = valid_shapes(band, shapes, i, j);
                let here = &mut out[cell * ns..(cell + 1) * ns];
                costs.cell_costs(&prepared, (i, j), shapes, valid, here);
            }
            cell += 1;
        }
    }
}

/// The bit set of the `shapes` whose bead ending in cell `(i, j)` starts in the band: the
/// beads [`block_costs`] computes there.
#[inline]
pub(crate) fn valid_shapes(band: &Band, shapes: &[(usize, usize)], i: usize, j: usize) -> u64 {
    let mut valid = 0u64;
    for (k, &(x, y)) in shapes.iter().enumerate() {
        if x <= i && y <= j && band.index(i - x, j - y).is_some() {
            valid |= 1 << k;
        }
    }
    valid
}

/// The backward pass of forward-backward, from the bead costs `kept` by the forward pass.
fn backward(band: &Band, m: usize, shapes: &[(usize, usize)], kept: &[f64], t: f64) -> Vec<f64> {
    let n = band.rows() - 1;
    let mut beta = vec![f64::NEG_INFINITY; band.cells()];
    if let Some(end) = band.index(n, m) {
        beta[end] = 0.0;
    }
    for i in (0..=n).rev() {
        for j in (band.lo(i)..=band.hi(i)).rev() {
            let Some(here) = band.index(i, j) else {
                continue;
            };
            if i == n && j == m {
                continue;
            }
            let mut acc = LogSum::default();
            for (k, &(x, y)) in shapes.iter().enumerate() {
                let Some(next) = band.index(i + x, j + y) else {
                    continue;
                };
                let bn = beta[next];
                if bn == f64::NEG_INFINITY {
                    continue;
                }
                let c = kept[next * shapes.len() + k];
                if c.is_finite() {
                    acc.push(bn - c / t);
                }
            }
            beta[here] = acc.total();
        }
    }
    beta
}
