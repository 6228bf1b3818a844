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
//! first, it cost zh-fr 0.004 of strict F1), from the second pass on and in beads of at
//! most five sentences (`Scorer::orders`), since the search scores millions of beads.

use super::MAX_SIDE;

/// The pairs of evidence out of order in a bead of `x` row and `y` column sentences whose
/// cells' masks `mask(a, b)` gives in bead order: the bits of the tokens of the bead's
/// column sentence `b` that its row sentence `a` covers, and the bits of the units of row
/// sentence `a` that column sentence `b` translates (`PairFeatures::mask` and
/// `PairFeatures::unit_mask`). On each side, a pair of items (tokens of the column
/// sentences, units of the row sentences, in text order across the bead's sentences) that
/// only one sentence of the other side accounts for each, the earlier item by a later
/// sentence than the later item. An item that two sentences account for says nothing of
/// their order and is left out.
pub(crate) fn crossings(
    x: usize,
    y: usize,
    mut mask: impl FnMut(usize, usize) -> (u64, u64),
) -> u32 {
    let mut n = 0;
    // Column tokens labelled by the row sentence that alone covers them.
    if x > 1 {
        n += inversions(x, y, |a, b| mask(a, b).0);
    }
    // Row units labelled by the column sentence that alone translates them.
    if y > 1 {
        n += inversions(y, x, |b, a| mask(a, b).1);
    }
    n
}

/// The inversions of labelled items: `items(l, s)` gives the bits (positions, in text
/// order) of the items of sentence `s` (of `sentences`) that label `l` (of `labels`)
/// accounts for; an item that two labels account for is left out. A pair is inverted when
/// the item of the later label comes first: earlier in the same sentence, or in an earlier
/// sentence. The items are walked from the last, each counting the items of earlier labels
/// already passed: a few steps per item, since the search scores millions of beads.
fn inversions(labels: usize, sentences: usize, mut items: impl FnMut(usize, usize) -> u64) -> u32 {
    // Items passed so far, per label.
    let mut passed = [0u32; MAX_SIDE];
    let mut n = 0;
    for s in (0..sentences).rev() {
        let mut alone = [0u64; MAX_SIDE];
        let (mut once, mut twice) = (0u64, 0u64);
        for (l, m) in alone.iter_mut().enumerate().take(labels) {
            *m = items(l, s);
            twice |= once & *m;
            once |= *m;
        }
        // From the sentence's last item to its first.
        let mut rest = once & !twice;
        while rest != 0 {
            let at = 63 - rest.leading_zeros();
            rest &= !(1u64 << at);
            let label = (0..labels).find(|&l| alone[l] >> at & 1 == 1).unwrap_or(0);
            n += passed[..label].iter().sum::<u32>();
            passed[label] += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The masks of a bead's cells in bead order, `[a][b]`.
    type BeadMasks = [[(u64, u64); MAX_SIDE]; MAX_SIDE];

    fn crossings_of(x: usize, y: usize, m: &BeadMasks) -> u32 {
        crossings(x, y, |a, b| m[a][b])
    }

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
            assert_eq!(
                crossings_of(2, 1, &rows_on_one_column(&rows)),
                want,
                "{name}"
            );
        }
    }

    #[test]
    fn crossings_across_column_sentences() {
        // Row 0 covers a token of column 1, row 1 two tokens of column 0: both of row 1's
        // come first, two pairs out of order.
        let mut m = BeadMasks::default();
        m[0][1].0 = 0b1;
        m[1][0].0 = 0b11;
        assert_eq!(crossings_of(2, 2, &m), 2);
        // The same on the units side: column 1 translates unit 0 of row 0, column 0 unit 0
        // of row 1 (row 0's unit comes first but belongs to the later column).
        let mut m = BeadMasks::default();
        m[0][1].1 = 0b1;
        m[1][0].1 = 0b1;
        assert_eq!(crossings_of(2, 2, &m), 1);
    }

    #[test]
    fn units_of_one_row_by_two_columns() {
        let mut m = BeadMasks::default();
        m[0][0].1 = 0b100;
        m[0][1].1 = 0b011;
        assert_eq!(
            crossings_of(1, 2, &m),
            2,
            "column 0's unit after column 1's two"
        );
        m[0][0].1 = 0b001;
        m[0][1].1 = 0b110;
        assert_eq!(crossings_of(1, 2, &m), 0);
    }
}
