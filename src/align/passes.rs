//! The pass driver: a first pass in a band along the anchors, widened where the path runs
//! along the band's edge; a lexicon learnt from its beads; later passes that re-estimate the
//! model and search a narrow band around the previous path; posteriors as confidences.

use super::builder::Config;
use super::dp::{Band, Path, Step};
use super::masks::{run_in, run_known, Known};
use super::{anchors, windows};
use crate::diag;
use crate::features::{learned, PairFeatures};
use crate::model::{reestimate, CostParams, Scorer, Span};
use std::ops::Range;
use std::time::Instant;

/// A bead in canonical orientation (Chinese, English) with its confidence.
pub(crate) type ScoredSpan = (Range<usize>, Range<usize>, f64);

/// Half-width of the band of the search whose beads the second round of the learned
/// lexicon learns from: it only needs beads good enough to learn from, and 3 found the same
/// as the later passes' 6 on every development set for half the cells.
const RELEARN_BAND: usize = 3;

/// A first pass with fewer than one anchor in this many rows is searched again with the
/// learnt pairs (see `Search::relearn`): with a lexicon, or between two alphabetic
/// languages, the first pass has one in 5 to 25 rows (Bible 001 zh-en 5, bible-pairs de-fr
/// 17, en-ru 22); Chinese against a language without a lexicon one in 140 (zh-fr, de-zh).
const SPARSE_ANCHORS: usize = 50;

/// The half-width of the first pass searched again where the first had too few anchors
/// (`Search::relearn`): two thirds of the first's. The learnt pairs give that pass anchors
/// in most rows, so it needs less room than the first, and widening still doubles it where
/// the path runs along its edge; at 8 for the default 12 zh-fr's beads are the same for 7 %
/// fewer instructions in all (3.744 G to 3.464 G) and every set scores the same, while at half
/// the width (6) the path was lost again (de-zh 0.913 to 0.870).
fn sparse_band(band: usize) -> usize {
    (band * 2 / 3).max(RELEARN_BAND)
}

/// Rows of a window of the later passes: longer documents are searched in windows.
const WINDOW_ROWS: usize = 1 << 16;

/// Most rounds of widening in the first pass.
const WIDENING_ROUNDS: usize = 8;

/// The widening rounds of the first pass may search at most this many times the cells of
/// its first band in all, so that time and memory stay proportional to the document
/// whatever its text (a repetitive text can make every round's path hug the band's edge).
const WIDENING_BUDGET: usize = 16;

/// A widened search must lower the cost of its window's path by more than this (in nats)
/// for its path to replace the old one: an equal cost is a tie that widening cannot break,
/// and widening again there would only cost time.
const MIN_GAIN: f64 = 1e-9;

/// One document's search: its features, the bead shapes and the threads it may use.
pub(crate) struct Search<'a> {
    pub cfg: &'a Config,
    pub shapes: &'a [(usize, usize)],
    /// The bead shapes of the first pass (a prefix of `shapes`): it only guides the narrow
    /// band of the later passes, which take every shape.
    pub first_shapes: &'a [(usize, usize)],
    pub threads: usize,
}

impl Search<'_> {
    /// Every pass after feature extraction, and the posteriors; `zh` are the Chinese
    /// sentences (the learned lexicon reads them).
    pub fn run(&self, f: PairFeatures, zh: &[&str]) -> Vec<ScoredSpan> {
        scored(&self.solve(f, zh).path)
    }

    /// Every pass after feature extraction: the features as the last pass saw them (with
    /// the learned lexicon), its parameters, the path it searched around and its result.
    pub fn solve(&self, mut f: PairFeatures, zh: &[&str]) -> Solved {
        let mut params = CostParams::initial(&self.cfg.model, &f);
        let t = Instant::now();
        let (mut path, anchors) = self.first_pass(&f, &params, self.cfg.band);
        diag::lap("pass 1", t);
        let t = Instant::now();
        // With a lexicon learnt from the first pass, the later passes use richer features.
        let learner = learned::Learner::new(zh, self.cfg.jieba_words);
        let learnt = self.cfg.learn_lexicon
            && self.cfg.refinements > 0
            && learner.learn(&mut f, &spans(&path));
        diag::lap("learned lexicon", t);
        // Where the bundled lexicon applies (Chinese-English), the learnt pairs add little
        // to it (+0.001 to +0.003 on the zh-en sets) for a fifth more time; where none
        // does, they are most of the lexical evidence.
        if learnt && self.cfg.relearn && !f.pair.coverage_known {
            path = self.relearn(&mut f, &learner, &mut params, (path, anchors));
        }
        let t = Instant::now();
        let (guide, path) = self.later_passes(&f, &mut params, path);
        diag::lap("later passes", t);
        #[cfg(feature = "logging")]
        if diag::tracing!("bialign::steps") {
            trace_steps(&f, &params, &path);
        }
        Solved {
            f,
            params,
            guide,
            path,
        }
    }

    /// The first pass: a band around the line through the anchors (or the diagonal of
    /// cumulative lengths), widened and searched again where the path runs along its edge.
    /// Returns the path and the number of anchors its band followed.
    fn first_pass(&self, f: &PairFeatures, params: &CostParams, band: usize) -> (Path, usize) {
        let (n, m) = (f.zh.len(), f.en.len());
        let t = Instant::now();
        let diagonal = windows::length_diagonal(f);
        let (centers, anchors) = if self.cfg.anchors {
            anchors::guide(f, &diagonal)
        } else {
            (diagonal, 0)
        };
        if diag::tracing!("bialign::guide") {
            for (i, c) in centers.iter().enumerate() {
                diag::trace!(target: "bialign::guide", "row {i}: column {c}");
            }
        }
        diag::lap("anchors", t);
        let mut halves = vec![band; n + 1];
        let t = Instant::now();
        let scorer = Scorer::new(f, params);
        let band = Band::around(&centers, &halves, m);
        let mut budget = band.cells().saturating_mul(WIDENING_BUDGET);
        let mut known = Known::default();
        let mut path = run_known(
            f,
            &scorer,
            &band,
            (0, 0),
            self.first_shapes,
            self.threads,
            &mut known,
        );
        diag::debug!(
            target: "bialign::search",
            "pass 1, round 0: {} cells, {} rows on the edge, {:.3} s",
            band.cells(),
            path.edge_rows.len(),
            t.elapsed().as_secs_f64()
        );
        for round in 1..=WIDENING_ROUNDS {
            if path.edge_rows.is_empty() {
                break;
            }
            known.new_round();
            let state = (&mut halves[..], &mut budget, &mut known);
            if !self.widen(f, &scorer, &mut path, state, round) {
                break;
            }
        }
        (path, anchors)
    }

    /// One round of widening: where the path ran along the band's edge, the band may have
    /// cut off the right path, so it is doubled there (up to `max_band`) and those windows
    /// are searched again, with every bead shape, between two points of the path outside
    /// the window. A window's new steps are spliced in only when they cost less than the
    /// old ones; where they do not, widening found nothing better and the window's rows are
    /// not widened again. `false` when no row could widen or the cell `budget` is spent.
    /// The costs of beads that earlier searches computed are taken from `known`.
    fn widen(
        &self,
        f: &PairFeatures,
        scorer: &Scorer,
        path: &mut Path,
        (halves, budget, known): (&mut [usize], &mut usize, &mut Known),
        round: usize,
    ) -> bool {
        let t = Instant::now();
        let n = f.zh.len();
        let centers = windows::path_centers(path, n);
        let mut rows = Vec::new();
        let mut edges = std::mem::take(&mut path.edge_rows);
        edges.sort_unstable();
        edges.dedup();
        let before = halves.to_vec();
        for &r in &edges {
            let h = before[r];
            if h >= self.cfg.max_band {
                continue;
            }
            let new = (2 * h).min(self.cfg.max_band);
            let span = 4 * new;
            let window = r.saturating_sub(span)..=(r + span).min(n);
            for hv in &mut halves[window.clone()] {
                *hv = (*hv).max(new);
            }
            rows.push(window);
        }
        if rows.is_empty() {
            return false;
        }
        let (mut cells, mut edge_rows) = (0, Vec::new());
        let step_windows = windows::step_windows(&path.steps, &rows);
        // From the last window back, so that splicing keeps the earlier steps in place.
        for steps in step_windows.iter().rev().cloned() {
            let (entry, exit) = (path.steps[*steps.start()], path.steps[*steps.end()]);
            let (i0, j0) = (entry.i0, entry.j0);
            let local_centers: Vec<f64> = centers[i0..=exit.i1]
                .iter()
                .map(|&c| c - j0 as f64)
                .collect();
            let band = Band::around(&local_centers, &halves[i0..=exit.i1], exit.j1 - j0);
            if band.cells() > *budget {
                break;
            }
            *budget -= band.cells();
            cells += band.cells();
            let window = run_known(
                f,
                scorer,
                &band,
                (i0, j0),
                self.first_shapes,
                self.threads,
                known,
            );
            let old: f64 = path.steps[steps.clone()].iter().map(|s| s.cost).sum();
            let new: f64 = window.steps.iter().map(|s| s.cost).sum();
            if new < old - MIN_GAIN {
                edge_rows.extend(window.edge_rows);
                path.steps.splice(steps, window.steps);
            }
        }
        path.edge_rows = edge_rows;
        diag::debug!(
            target: "bialign::search",
            "pass 1, round {round}: {} windows, {cells} cells, {} rows on the edge, {:.3} s",
            step_windows.len(),
            path.edge_rows.len(),
            t.elapsed().as_secs_f64()
        );
        true
    }

    /// The second round of the learned lexicon: a search with the first round's pairs (no
    /// posteriors), whose beads the lexicon is learnt from again; returns that search's
    /// path, which the later passes refine. The first pass's beads are misplaced exactly
    /// where its evidence was weakest, so pairs that only its errors hid are learnt from
    /// the better beads.
    ///
    /// The search is a narrow band around the first pass's path where that pass had
    /// anchors enough, and the first pass again, from the anchors the learnt pairs make,
    /// where it had fewer than one in [`SPARSE_ANCHORS`] rows: without a lexicon its
    /// anchors are only numbers and names, between German and Chinese 36 for 5,195 rows,
    /// and a path lost between them (the Gospels, strict F1 0.581) is not found again by
    /// a band around it (0.913 from new anchors).
    fn relearn(
        &self,
        f: &mut PairFeatures,
        learner: &learned::Learner,
        params: &mut CostParams,
        (path, anchors): (Path, usize),
    ) -> Path {
        let t = Instant::now();
        if self.cfg.reestimate {
            reestimate(params, f, &spans(&path), &self.cfg.model);
        }
        let path = if anchors.saturating_mul(SPARSE_ANCHORS) < f.zh.len() {
            // The first pass again, from the learnt pairs' anchors.
            self.first_pass(f, params, sparse_band(self.cfg.band)).0
        } else {
            let band = RELEARN_BAND.min(self.cfg.refine_band);
            self.refine(f, params, &path, None, (band, self.shapes))
        };
        learner.learn(f, &spans(&path));
        diag::lap("learned lexicon, round 2", t);
        path
    }

    /// The later passes: each re-estimates the parameters from the path before it and
    /// searches a narrow band around that path; the last one also computes the posteriors
    /// that are the confidence scores (with no later pass, a search in the same narrow band
    /// does).
    /// Returns the path the last pass searched around, and the last pass's path.
    fn later_passes(
        &self,
        f: &PairFeatures,
        params: &mut CostParams,
        mut path: Path,
    ) -> (Vec<Step>, Path) {
        let cfg = self.cfg;
        let rounds = cfg.refinements.max(1);
        let mut guide = Vec::new();
        for k in 0..rounds {
            if cfg.reestimate && cfg.refinements > 0 {
                reestimate(params, f, &spans(&path), &cfg.model);
            }
            let temperature = (k + 1 == rounds).then_some(cfg.temperature);
            let space = (cfg.refine_band, self.shapes);
            let next = self.refine(f, params, &path, temperature, space);
            guide = std::mem::replace(&mut path, next).steps;
        }
        (guide, path)
    }

    /// One later pass around `path`. A long document is searched in windows between
    /// confident points of the path, so that the forward-backward tables stay the size of a
    /// window.
    fn refine(
        &self,
        f: &PairFeatures,
        params: &CostParams,
        path: &Path,
        temperature: Option<f64>,
        (band, shapes): (usize, &[(usize, usize)]),
    ) -> Path {
        let scorer = Scorer::new(f, params);
        let mut next = Path {
            steps: Vec::with_capacity(path.steps.len()),
            posterior: temperature.map(|_| Vec::with_capacity(path.steps.len())),
            edge_rows: Vec::new(),
        };
        for steps in windows::path_windows(&path.steps, WINDOW_ROWS) {
            let steps = &path.steps[steps];
            let (Some(first), Some(last)) = (steps.first(), steps.last()) else {
                continue;
            };
            let (i0, j0) = (first.i0, first.j0);
            let cells: Vec<(usize, usize)> = std::iter::once((0, 0))
                .chain(steps.iter().map(|s| (s.i1 - i0, s.j1 - j0)))
                .collect();
            let (rows, cols) = (last.i1 - i0, last.j1 - j0);
            let band = Band::around_path(&cells, rows, cols, band);
            let window = run_in(
                f,
                &scorer,
                &band,
                (i0, j0),
                shapes,
                temperature,
                self.threads,
            );
            next.steps.extend(window.steps);
            if let (Some(all), Some(part)) = (&mut next.posterior, window.posterior) {
                all.extend(part);
            }
        }
        next
    }
}

/// The result of the passes over one document, what a constrained search around it needs.
pub(crate) struct Solved {
    /// The features, with the lexicon learnt from the first pass.
    pub f: PairFeatures,
    /// The parameters of the last pass.
    pub params: CostParams,
    /// The path the last pass searched around (its band is `refine_band` around it).
    pub guide: Vec<Step>,
    /// The last pass's path, with posteriors.
    pub path: Path,
}

/// A path's steps as beads with their posteriors (0 where none were computed).
pub(crate) fn scored(path: &Path) -> Vec<ScoredSpan> {
    let post = path.posterior.as_deref().unwrap_or_default();
    path.steps
        .iter()
        .enumerate()
        .map(|(k, s)| (s.i0..s.i1, s.j0..s.j1, post.get(k).copied().unwrap_or(0.0)))
        .collect()
}

/// The beads of a path as (Chinese, English) ranges.
fn spans(path: &Path) -> Vec<Span> {
    path.steps
        .iter()
        .map(|s| (s.i0..s.i1, s.j0..s.j1))
        .collect()
}

/// Each step's cost and its parts, as trace records of `bialign::steps`.
#[cfg(feature = "logging")]
fn trace_steps(f: &PairFeatures, params: &CostParams, path: &Path) {
    let scorer = Scorer::new(f, params);
    let masks = |i: usize, j: usize| (f.mask(i, j), f.unit_mask(i, j));
    for st in &path.steps {
        let super::dp::Step {
            i0,
            i1,
            j0,
            j1,
            cost,
        } = *st;
        if i1 > i0 && j1 > j0 {
            let llr = scorer.llr(i0, i1, j0, j1, masks);
            diag::trace!(
                target: "bialign::steps",
                "step zh {:?} en {:?}: cost {cost:.2} = prior {:.2} + length {:.2} - lex {:.2} - punct {:.2}",
                i0..i1,
                j0..j1,
                params.prior[i1 - i0][j1 - j0],
                scorer.length_cost(i0, i1, j0, j1),
                params.lex_weight * llr,
                params.punct_weight * scorer.punct(i0, i1, j0, j1)
            );
        } else {
            diag::trace!(target: "bialign::steps", "step zh {:?} en {:?}: cost {cost:.2}", i0..i1, j0..j1);
        }
    }
    diag::trace!(
        target: "bialign::steps",
        "ratio {:.2} spread {:.2}",
        params.ratio,
        params.spread
    );
}
