//! Rows of `u32`s stored back to back in one list, with each row's start: a million short
//! lists without a million allocations. A leaf module (std only): `build.rs` includes it with
//! the lexicon index, which stores its pairs this way.

/// Rows of ids: row `i` is `items[starts[i]..starts[i + 1]]`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Rows {
    pub starts: Vec<u32>,
    pub items: Vec<u32>,
}

impl Rows {
    /// No rows yet, ready for [`Rows::push`] and [`Rows::end_row`].
    pub fn new() -> Rows {
        Rows {
            starts: vec![0],
            items: Vec::new(),
        }
    }

    /// Adds `item` to the row being built.
    pub fn push(&mut self, item: u32) {
        self.items.push(item);
    }

    /// Ends the row being built (it may be empty).
    pub fn end_row(&mut self) {
        self.starts.push(self.items.len() as u32);
    }

    /// Row `i`, empty past the last row.
    pub fn get(&self, i: usize) -> &[u32] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.items.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// `rows` rows from `(row, item)` pairs, each row keeping the pairs' order.
    pub fn from_pairs(rows: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> Rows {
        let mut starts = vec![0u32; rows + 1];
        for (r, _) in pairs.clone() {
            starts[r as usize + 1] += 1;
        }
        for i in 0..rows {
            starts[i + 1] += starts[i];
        }
        let mut fill = starts.clone();
        let mut items = vec![0u32; starts[rows] as usize];
        for (r, item) in pairs {
            items[fill[r as usize] as usize] = item;
            fill[r as usize] += 1;
        }
        Rows { starts, items }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_row_by_row_or_from_pairs_alike() {
        let mut rows = Rows::new();
        for row in [&[3u32, 1][..], &[], &[2]] {
            for &x in row {
                rows.push(x);
            }
            rows.end_row();
        }
        let pairs = [(0u32, 3u32), (2, 2), (0, 1)];
        let from = Rows::from_pairs(3, pairs.iter().copied());
        for r in [&rows, &from] {
            assert_eq!(r.get(0), &[3, 1]);
            assert_eq!(r.get(1), &[] as &[u32]);
            assert_eq!(r.get(2), &[2]);
            assert_eq!(r.get(3), &[] as &[u32], "past the last row");
        }
        assert_eq!(Rows::default().get(0), &[] as &[u32]);
    }
}
