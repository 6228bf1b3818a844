//! Geometry of the search: the length diagonal, where a path crosses each row, and the
//! windows of rows that the passes search again.

use super::dp::{Path, Step};
use crate::features::PairFeatures;
use std::ops::{Range, RangeInclusive};

/// For each row, the English position at the same share of the text by length.
pub(crate) fn length_diagonal(f: &PairFeatures) -> Vec<f64> {
    let (n, m) = (f.zh.len(), f.en.len());
    let total_zh: f64 = f.zh.iter().map(|s| s.len + 1.0).sum();
    let mut en_cum = Vec::with_capacity(m + 1);
    let mut acc = 0.0;
    en_cum.push(0.0);
    for s in &f.en {
        acc += s.len + 1.0;
        en_cum.push(acc);
    }
    let total_en = acc;
    let mut centers = Vec::with_capacity(n + 1);
    let mut zacc = 0.0;
    let mut j = 0usize;
    for i in 0..=n {
        if i > 0 {
            zacc += f.zh[i - 1].len + 1.0;
        }
        let target = if total_zh > 0.0 {
            zacc / total_zh * total_en
        } else {
            0.0
        };
        while j < m && en_cum[j + 1] <= target {
            j += 1;
        }
        centers.push(j as f64);
    }
    centers
}

/// For each row, the column where the path crosses it.
pub(crate) fn path_centers(path: &Path, n: usize) -> Vec<f64> {
    let mut centers = vec![0.0; n + 1];
    for s in &path.steps {
        for (k, c) in centers[s.i0..=s.i1].iter_mut().enumerate() {
            let t = if s.i1 > s.i0 {
                k as f64 / (s.i1 - s.i0) as f64
            } else {
                1.0
            };
            *c = s.j0 as f64 + t * (s.j1 - s.j0) as f64;
        }
    }
    centers
}

/// The path cut into windows of about `rows` rows, as ranges of step indices. Each cut
/// follows the most confident 1-1 step (the lowest cost) within a few hundred rows of
/// where the cut is due, a point the path of the next pass is all but sure to go through;
/// where no 1-1 step is that near, the first step within reach.
pub(crate) fn path_windows(steps: &[Step], rows: usize) -> Vec<Range<usize>> {
    const SLACK: usize = 512;
    let mut windows = Vec::new();
    let mut start = 0;
    let mut due = rows;
    while let Some(last) = steps.last() {
        if last.i1 < due + rows / 2 {
            break;
        }
        // Steps ending within SLACK rows of `due`.
        let a = steps.partition_point(|s| s.i1 + SLACK < due).max(start);
        let b = steps.partition_point(|s| s.i1 <= due + SLACK);
        let cut = (a..b)
            .filter(|&k| steps[k].i1 - steps[k].i0 == 1 && steps[k].j1 - steps[k].j0 == 1)
            .min_by(|&x, &y| {
                let off = |k: usize| steps[k].i1.abs_diff(due);
                steps[x]
                    .cost
                    .total_cmp(&steps[y].cost)
                    .then(off(x).cmp(&off(y)))
            })
            .unwrap_or(a);
        if cut + 1 >= steps.len() || cut < start {
            break;
        }
        windows.push(start..cut + 1);
        start = cut + 1;
        due = steps[cut].i1 + rows;
    }
    windows.push(start..steps.len());
    windows
}

/// The steps of `steps` to search again for each window of rows: from the last step that
/// starts at or before the window's first row to the first that ends at or after its last,
/// as ranges of step indices, in order, merged where they overlap.
pub(crate) fn step_windows(
    steps: &[Step],
    windows: &[RangeInclusive<usize>],
) -> Vec<RangeInclusive<usize>> {
    let mut ranges: Vec<RangeInclusive<usize>> = windows
        .iter()
        .filter_map(|w| {
            let first = steps
                .partition_point(|s| s.i0 <= *w.start())
                .checked_sub(1)?;
            let last = steps
                .partition_point(|s| s.i1 < *w.end())
                .min(steps.len().checked_sub(1)?);
            Some(first..=last.max(first))
        })
        .collect();
    ranges.sort_unstable_by_key(|r| *r.start());
    let mut merged: Vec<RangeInclusive<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(prev) if *r.start() <= *prev.end() + 1 => {
                *prev = *prev.start()..=(*prev.end()).max(*r.end());
            }
            _ => merged.push(r),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(cells: &[(usize, usize)]) -> Vec<Step> {
        cells
            .windows(2)
            .map(|w| Step {
                i0: w[0].0,
                j0: w[0].1,
                i1: w[1].0,
                j1: w[1].1,
                cost: 0.0,
            })
            .collect()
    }

    #[test]
    fn path_windows_cut_after_confident_one_to_one_steps() {
        // 10,000 rows of 1-1 steps of cost 0, but every 7th is a 2-1 step, and the 1-1 step
        // ending in row 1802 is the most confident one near row 2000.
        let mut cells = vec![(0, 0)];
        let (mut i, mut j) = (0, 0);
        while i < 10_000 {
            i += if i % 7 == 0 { 2 } else { 1 };
            j += 1;
            cells.push((i, j));
        }
        let mut path = steps(&cells);
        for s in &mut path {
            if s.i1 == 1802 && s.i1 - s.i0 == 1 {
                s.cost = -5.0;
            }
        }
        let windows = path_windows(&path, 2000);
        // Contiguous, in order, covering every step.
        assert_eq!(windows.first().map(|w| w.start), Some(0));
        assert_eq!(windows.last().map(|w| w.end), Some(path.len()));
        for w in windows.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        assert_eq!(windows.len(), 5, "{windows:?}");
        // The first cut follows the confident step; every cut follows a 1-1 step.
        assert_eq!(path[windows[0].end - 1].i1, 1802);
        // The others are as near their due rows as a 1-1 step allows: 2,000 rows on.
        for w in windows[..windows.len() - 1].windows(2) {
            let rows = path[w[1].end - 1].i1 - path[w[0].end - 1].i1;
            assert!((1999..=2001).contains(&rows), "{rows} rows in {w:?}");
        }
        for w in &windows[..windows.len() - 1] {
            let s = path[w.end - 1];
            assert_eq!((s.i1 - s.i0, s.j1 - s.j0), (1, 1), "cut after {s:?}");
        }
        // A path shorter than one and a half windows is not cut.
        assert_eq!(path_windows(&path, 8000), vec![0..path.len()]);
        assert_eq!(path_windows(&[], 8000), vec![0..0]);
    }

    #[test]
    fn step_windows_cover_their_rows_and_merge() {
        // Rows 0..10, one step per row, but a 2-1 bead over rows 4..6 and a 0-1 at row 8.
        let path = steps(&[
            (0, 0),
            (1, 1),
            (2, 2),
            (3, 3),
            (4, 4),
            (6, 5),
            (7, 6),
            (8, 7),
            (8, 8),
            (9, 9),
            (10, 10),
        ]);
        type Rows = Vec<RangeInclusive<usize>>;
        let cases: &[(&str, Rows, Rows)] = &[
            ("one row", vec![2..=2], vec![2..=2]),
            (
                "inside a 2-1 bead: the whole bead",
                vec![5..=5],
                vec![4..=4],
            ),
            ("a window from the first row", vec![0..=3], vec![0..=2]),
            ("a window to the last row", vec![9..=10], vec![9..=9]),
            ("overlapping windows merge", vec![1..=3, 3..=4], vec![1..=3]),
            (
                "adjacent step ranges merge",
                vec![1..=1, 2..=2],
                vec![1..=2],
            ),
            ("apart stay apart", vec![1..=1, 9..=9], vec![1..=1, 9..=9]),
            ("out of order", vec![9..=9, 1..=1], vec![1..=1, 9..=9]),
        ];
        for (name, windows, want) in cases {
            assert_eq!(&step_windows(&path, windows), want, "{name}");
            for r in step_windows(&path, windows) {
                let (a, b) = (path[*r.start()], path[*r.end()]);
                assert!(
                    windows
                        .iter()
                        .any(|w| a.i0 <= *w.start() && b.i1 >= *w.end()),
                    "{name}: steps {r:?} must cover a window's rows"
                );
            }
        }
    }
}
