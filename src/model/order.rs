//! The order of a bead's evidence: where a bead joins sentences, the words that its first
//! sentence on one side shares with the other side should come before those its second
//! sentence shares, as in a translation that keeps the order of its clauses.
//!
//! A bead that takes a short sentence from the next verse (`Und er heilte sie.`) into the
//! wrong neighbour finds its evidence (`guéris` in the middle of the neighbour's verse)
//! out of order with the evidence of the sentences it joins; in the right bead (the end of
//! `… et il les guérit`) it follows them. [`crossings`] counts the pairs out of order, and
//! the scorer charges a weight per pair (`CostParams::order_weight`, only between two
//! alphabetic texts: against Chinese, which puts clauses of time, cause and condition
//! first, it cost zh-fr 0.004 of strict F1).

use super::MAX_SIDE;

/// The masks of a bead's cells in bead order: `[a][b]` holds the bits of the tokens of the
/// bead's column sentence `b` that its row sentence `a` covers, and the bits of the units of
/// row sentence `a` that column sentence `b` translates (the masks of
/// `PairFeatures::mask` and `PairFeatures::unit_mask`).
pub(crate) type BeadMasks = [[(u64, u64); MAX_SIDE]; MAX_SIDE];

/// The pairs of evidence out of order in a bead of `x` row and `y` column sentences: on
/// each side, a pair of items (tokens of the column sentences, units of the row sentences,
/// in text order across the bead's sentences) that only one sentence of the other side
/// accounts for each, the earlier item by a later sentence than the later item. An item
/// that two sentences account for says nothing of their order and is left out.
pub(crate) fn crossings(x: usize, y: usize, masks: &BeadMasks) -> u32 {
    // Column tokens labelled by the row sentence that alone covers them.
    let mut tokens = [[0u64; MAX_SIDE]; MAX_SIDE];
    for b in 0..y {
        for a in 0..x {
            let others = (0..x).filter(|&o| o != a).fold(0, |m, o| m | masks[o][b].0);
            tokens[a][b] = masks[a][b].0 & !others;
        }
    }
    // Row units labelled by the column sentence that alone translates them.
    let mut units = [[0u64; MAX_SIDE]; MAX_SIDE];
    for a in 0..x {
        for b in 0..y {
            let others = (0..y).filter(|&o| o != b).fold(0, |m, o| m | masks[a][o].1);
            units[b][a] = masks[a][b].1 & !others;
        }
    }
    inversions(&tokens, x, y) + inversions(&units, y, x)
}

/// The inversions of labelled items: `items[l][s]` holds the bits (positions, in text order)
/// of the items of sentence `s` (of `sentences`) that carry label `l` (of `labels`). A pair
/// is inverted when the item of the later label comes first: earlier in the same sentence,
/// or in an earlier sentence.
fn inversions(items: &[[u64; MAX_SIDE]; MAX_SIDE], labels: usize, sentences: usize) -> u32 {
    let mut n = 0;
    for early in 0..labels {
        for late in early + 1..labels {
            for s in 0..sentences {
                // Within sentence s: each item of `late` before items of `early` (the masks
                // are disjoint, so the shifted mask holds only positions after it).
                let mut m = items[late][s];
                while m != 0 {
                    let at = m.trailing_zeros();
                    m &= m - 1;
                    n += (items[early][s] >> at).count_ones();
                }
                // Across sentences: items of `late` in s against items of `early` after s.
                let later: u32 = (s + 1..sentences)
                    .map(|t| items[early][t].count_ones())
                    .sum();
                n += items[late][s].count_ones() * later;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Masks of a bead from its row sentences' token masks on one column sentence.
    fn rows_on_one_column(rows: &[u64]) -> BeadMasks {
        let mut m = BeadMasks::default();
        for (a, &t) in rows.iter().enumerate() {
            m[a][0].0 = t;
        }
        m
    }

    #[test]
    fn crossings_of_two_rows_on_one_column() {
        let cases = [
            ("in order", [0b0011, 0b1100], 0),
            ("second row's tokens first", [0b1100, 0b0011], 4),
            ("interleaved", [0b0101, 0b1010], 1),
            ("a shared token says nothing", [0b0111, 0b0110], 0),
            ("no evidence", [0, 0], 0),
        ];
        for (name, rows, want) in cases {
            assert_eq!(crossings(2, 1, &rows_on_one_column(&rows)), want, "{name}");
        }
    }

    #[test]
    fn crossings_across_column_sentences() {
        // Row 0 covers a token of column 1, row 1 two tokens of column 0: both of row 1's
        // come first, two pairs out of order.
        let mut m = BeadMasks::default();
        m[0][1].0 = 0b1;
        m[1][0].0 = 0b11;
        assert_eq!(crossings(2, 2, &m), 2);
        // The same on the units side: column 1 translates unit 0 of row 0, column 0 unit 0
        // of row 1 (row 0's unit comes first but belongs to the later column).
        let mut m = BeadMasks::default();
        m[0][1].1 = 0b1;
        m[1][0].1 = 0b1;
        assert_eq!(crossings(2, 2, &m), 1);
    }

    #[test]
    fn units_of_one_row_by_two_columns() {
        let mut m = BeadMasks::default();
        m[0][0].1 = 0b100;
        m[0][1].1 = 0b011;
        assert_eq!(
            crossings(1, 2, &m),
            2,
            "column 0's unit after column 1's two"
        );
        m[0][0].1 = 0b001;
        m[0][1].1 = 0b110;
        assert_eq!(crossings(1, 2, &m), 0);
    }
}
