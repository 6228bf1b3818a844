//! The dynamic programme over beads, restricted to a band of cells.
//!
//! Cell `(i, j)` means "the first `i` Chinese and `j` English sentences are aligned". A band
//! gives, for each `i`, the range of `j` searched; time and memory are proportional to the
//! band's area, never to `n x m`.

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

fn log_add(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return b;
    }
    if b == f64::NEG_INFINITY {
        return a;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    hi + (lo - hi).exp().ln_1p()
}

/// Best path through the band. `shapes` lists the allowed (x, y) bead shapes; `cost` gives
/// the cost of a bead (infinite to forbid it), and may give up (return infinity) once it
/// knows the cost exceeds its last argument. With `temperature`, also computes each chosen
/// bead's posterior probability by forward-backward over the same band.
pub(crate) fn search(
    band: &Band,
    m: usize,
    shapes: &[(usize, usize)],
    cost: impl Fn(usize, usize, usize, usize, f64) -> f64,
    temperature: Option<f64>,
) -> Path {
    let n = band.rows() - 1;
    let cells = band.cells();
    let mut best = vec![f64::INFINITY; cells];
    let mut back = vec![u8::MAX; cells];
    let mut alpha = if temperature.is_some() {
        vec![f64::NEG_INFINITY; cells]
    } else {
        Vec::new()
    };
    let t = temperature.unwrap_or(1.0);
    // With posteriors, the forward pass keeps every bead cost it computes (indexed by the
    // bead's end cell and shape) so that the backward pass does not score them again; beads
    // it pruned are too unlikely to matter there either.
    let mut kept = if temperature.is_some() {
        vec![f32::INFINITY; cells * shapes.len()]
    } else {
        Vec::new()
    };
    let slack = if temperature.is_some() { 40.0 * t } else { 0.0 };
    best[0] = 0.0;
    if !alpha.is_empty() {
        alpha[0] = 0.0;
    }
    for i in 0..=n {
        for j in band.lo(i)..=band.hi(i) {
            if i == 0 && j == 0 {
                continue;
            }
            let Some(here) = band.index(i, j) else {
                continue;
            };
            let mut b = f64::INFINITY;
            let mut arg = u8::MAX;
            let mut a = f64::NEG_INFINITY;
            for (k, &(x, y)) in shapes.iter().enumerate() {
                if x > i || y > j {
                    continue;
                }
                let Some(prev) = band.index(i - x, j - y) else {
                    continue;
                };
                let pb = best[prev];
                if pb == f64::INFINITY {
                    continue;
                }
                // Beads far worse than the best so far add nothing, even to the posterior.
                let c = cost(i - x, i, j - y, j, b - pb + slack);
                if !c.is_finite() {
                    continue;
                }
                if !kept.is_empty() {
                    kept[here * shapes.len() + k] = c as f32;
                }
                if pb + c < b {
                    b = pb + c;
                    arg = k as u8;
                }
                if !alpha.is_empty() {
                    a = log_add(a, alpha[prev] - c / t);
                }
            }
            best[here] = b;
            back[here] = arg;
            if !alpha.is_empty() {
                alpha[here] = a;
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
        if (j == band.lo(i) && j > 0 && i < n) || (j == band.hi(i) && j < m && i > 0) {
            edge_rows.push(i);
        }
        let (x, y) = shapes[k as usize];
        let c = cost(i - x, i, j - y, j, f64::INFINITY);
        steps.push(Step {
            i0: i - x,
            i1: i,
            j0: j - y,
            j1: j,
            cost: c,
        });
        i -= x;
        j -= y;
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

/// The backward pass of forward-backward, from the bead costs `kept` by the forward pass.
fn backward(band: &Band, m: usize, shapes: &[(usize, usize)], kept: &[f32], t: f64) -> Vec<f64> {
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
            let mut acc = f64::NEG_INFINITY;
            for (k, &(x, y)) in shapes.iter().enumerate() {
                let Some(next) = band.index(i + x, j + y) else {
                    continue;
                };
                let bn = beta[next];
                if bn == f64::NEG_INFINITY {
                    continue;
                }
                let c = f64::from(kept[next * shapes.len() + k]);
                if c.is_finite() {
                    acc = log_add(acc, bn - c / t);
                }
            }
            beta[here] = acc;
        }
    }
    beta
}
