//! The lexicon's index: English stems and Chinese strings mapped to dense ids by two
//! finite-state transducers, and the pairs between them as rows of ids.
//!
//! The bundled lexicon's index is built by `build.rs` and embedded as bytes: loading it reads
//! a header and copies the two tables of rows, a millisecond where parsing the dictionary
//! took 140. A user's dictionary is indexed at run time by the same [`Builder`]. Like
//! `source.rs`, this is a leaf module (std, fst, `features::chars`, `rows`) that `build.rs`
//! includes.
//!
//! The byte format, all integers little-endian: the magic `BIALEX01`, then six sections, each
//! a `u64` byte length and its bytes: the stems' FST, the Chinese strings' FST, the stem rows'
//! start offsets and items (`u32`s: the pattern ids of each stem), the pattern rows' start
//! offsets and items (the stem ids of each pattern).

use crate::chars::fold_for_matching;
use crate::rows::Rows;
use fst::{Map, MapBuilder, Streamer};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

const MAGIC: &[u8; 8] = b"BIALEX01";

type Bytes = Cow<'static, [u8]>;

/// A frozen lexicon: ids are ranks in byte order of the stems and of the Chinese strings.
#[derive(Clone)]
pub(crate) struct Index {
    stems: Map<Bytes>,
    patterns: Map<Bytes>,
    /// Stem id -> pattern ids that translate it, in the order the pairs were added.
    forward: Rows,
    /// Pattern id -> stem ids it translates, in the order the pairs were added.
    reverse: Rows,
}

impl Index {
    /// The index in `bytes` (as [`Builder::into_bytes`] writes it), borrowed where it can be,
    /// or `None` when the bytes are not such an index.
    pub(crate) fn from_bytes(bytes: &'static [u8]) -> Option<Index> {
        let mut rest = bytes.strip_prefix(MAGIC)?;
        let mut section = || -> Option<&'static [u8]> {
            let (len, tail) = rest.split_first_chunk::<8>()?;
            let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
            let (s, tail) = (tail.get(..len)?, tail.get(len..)?);
            rest = tail;
            Some(s)
        };
        let stems = Map::new(Cow::Borrowed(section()?)).ok()?;
        let patterns = Map::new(Cow::Borrowed(section()?)).ok()?;
        let mut rows = || -> Option<Rows> {
            Some(Rows {
                starts: u32s(section()?)?,
                items: u32s(section()?)?,
            })
        };
        let (forward, reverse) = (rows()?, rows()?);
        let index = Index {
            stems,
            patterns,
            forward,
            reverse,
        };
        index.is_consistent().then_some(index)
    }

    /// Whether the rows fit the maps: one row per key, offsets in order, ids in range.
    fn is_consistent(&self) -> bool {
        let fits = |rows: &Rows, n: usize, targets: usize| {
            rows.starts.len() == n + 1
                && rows.starts.first() == Some(&0)
                && rows.starts.windows(2).all(|w| w[0] <= w[1])
                && rows.starts.last().map(|&l| l as usize) == Some(rows.items.len())
                && rows.items.iter().all(|&i| (i as usize) < targets)
        };
        let (s, p) = (self.stems.len(), self.patterns.len());
        fits(&self.forward, s, p) && fits(&self.reverse, p, s)
    }

    pub(crate) fn stem_count(&self) -> usize {
        self.stems.len()
    }

    pub(crate) fn pair_count(&self) -> usize {
        self.forward.items.len()
    }

    pub(crate) fn stem_id(&self, stem: &str) -> Option<u32> {
        self.stems.get(stem).and_then(|v| u32::try_from(v).ok())
    }

    pub(crate) fn translations(&self, stem: u32) -> &[u32] {
        self.forward.get(stem as usize)
    }

    /// Calls `found(end, pattern)` for every pattern that `text[start..]` begins with, shortest
    /// first; `end` is the byte offset in `text` where the pattern ends.
    fn prefixes_at(&self, text: &str, start: usize, mut found: impl FnMut(usize, u32)) {
        let fst = self.patterns.as_fst();
        let mut node = fst.root();
        let mut out = fst::raw::Output::zero();
        for (i, &b) in text.as_bytes()[start..].iter().enumerate() {
            let Some(t) = node.find_input(b) else { return };
            let t = node.transition(t);
            out = out.cat(t.out);
            node = fst.node(t.addr);
            if node.is_final() {
                // Keys are whole UTF-8 strings, so a final state ends on a character boundary.
                if let Ok(p) = u32::try_from(out.cat(node.final_output()).value()) {
                    found(start + i + 1, p);
                }
            }
        }
    }

    /// Calls `f` with the stem ids of every pattern found in `folded`; overlapping matches
    /// all count.
    pub(crate) fn for_each_match(&self, folded: &str, mut f: impl FnMut(&[u32])) {
        for (a, _) in folded.char_indices() {
            self.prefixes_at(folded, a, |_, p| f(self.reverse.get(p as usize)));
        }
    }

    /// Calls `f` with the id of each longest pattern found in `folded`, scanning left to
    /// right and skipping past each match (forward maximum matching).
    pub(crate) fn for_each_unit(&self, folded: &str, mut f: impl FnMut(u32)) {
        let mut a = 0;
        while a < folded.len() {
            let mut longest = None;
            self.prefixes_at(folded, a, |end, p| longest = Some((end, p)));
            match longest {
                Some((end, p)) => {
                    f(p);
                    a = end;
                }
                None => a += folded[a..].chars().next().map_or(1, char::len_utf8),
            }
        }
    }

    /// Calls `f(stem, chinese)` for every pair, stem by stem.
    pub(crate) fn for_each_pair(&self, mut f: impl FnMut(&str, &str)) {
        let keys = |map: &Map<Bytes>| {
            let mut keys = Vec::with_capacity(map.len());
            let mut stream = map.keys();
            while let Some(k) = stream.next() {
                keys.push(String::from_utf8_lossy(k).into_owned());
            }
            keys
        };
        let (stems, patterns) = (keys(&self.stems), keys(&self.patterns));
        for (s, stem) in stems.iter().enumerate() {
            for &p in self.forward.get(s) {
                if let Some(zh) = patterns.get(p as usize) {
                    f(stem, zh);
                }
            }
        }
    }
}

impl Default for Index {
    fn default() -> Index {
        Builder::default().build()
    }
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("stems", &self.stems.len())
            .field("patterns", &self.patterns.len())
            .field("pairs", &self.pair_count())
            .finish()
    }
}

/// Collects (stem, Chinese) pairs and builds an [`Index`] of them.
#[derive(Default)]
pub(crate) struct Builder {
    stems: HashMap<Box<str>, u32>,
    patterns: HashMap<Box<str>, u32>,
    /// (stem, pattern) by provisional ids (order of first appearance), each pair once.
    pairs: Vec<(u32, u32)>,
    seen: HashSet<(u32, u32)>,
}

impl Builder {
    /// Adds a pair: an English stem (as the stemmer gives it) and a Chinese string, folded
    /// here as sentences are folded before matching.
    pub(crate) fn add(&mut self, stem: &str, zh: &str) {
        let next = self.stems.len() as u32;
        let s = *self.stems.entry(stem.into()).or_insert(next);
        let folded: Box<str> = zh.chars().map(fold_for_matching).collect::<String>().into();
        let next = self.patterns.len() as u32;
        let p = *self.patterns.entry(folded).or_insert(next);
        if self.seen.insert((s, p)) {
            self.pairs.push((s, p));
        }
    }

    pub(crate) fn build(self) -> Index {
        let parts = self.into_parts();
        // The bytes come from FSTs just built: reading them back checks only their header.
        let owned = |bytes| Map::new(Cow::Owned(bytes)).expect("an FST just built is valid");
        Index {
            stems: owned(parts.stems),
            patterns: owned(parts.patterns),
            forward: parts.forward,
            reverse: parts.reverse,
        }
    }

    /// The index as bytes, for [`Index::from_bytes`].
    #[allow(dead_code)] // build.rs and the tests use it
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        let parts = self.into_parts();
        let mut out = MAGIC.to_vec();
        let mut section = |bytes: &[u8]| {
            out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            out.extend_from_slice(bytes);
        };
        let le = |v: &[u32]| v.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<u8>>();
        section(&parts.stems);
        section(&parts.patterns);
        for rows in [&parts.forward, &parts.reverse] {
            section(&le(&rows.starts));
            section(&le(&rows.items));
        }
        out
    }

    fn into_parts(self) -> Parts {
        // Final ids are ranks in byte order, the order an FST is built in.
        let (stems, stem_rank) = ranked(self.stems);
        let (patterns, pattern_rank) = ranked(self.patterns);
        let pairs = self
            .pairs
            .iter()
            .map(|&(s, p)| (stem_rank[s as usize], pattern_rank[p as usize]));
        Parts {
            forward: Rows::from_pairs(stem_rank.len(), pairs.clone()),
            reverse: Rows::from_pairs(pattern_rank.len(), pairs.map(|(s, p)| (p, s))),
            stems,
            patterns,
        }
    }
}

struct Parts {
    stems: Vec<u8>,
    patterns: Vec<u8>,
    forward: Rows,
    reverse: Rows,
}

/// The FST of `keys` mapping each key to its rank, and each provisional id's rank.
fn ranked(keys: HashMap<Box<str>, u32>) -> (Vec<u8>, Vec<u32>) {
    let mut keys: Vec<(Box<str>, u32)> = keys.into_iter().collect();
    keys.sort_unstable();
    let mut rank = vec![0u32; keys.len()];
    let mut map = MapBuilder::memory();
    for (r, (key, id)) in keys.iter().enumerate() {
        rank[*id as usize] = r as u32;
        map.insert(key.as_bytes(), r as u64)
            .expect("distinct keys inserted in sorted order");
    }
    (map.into_map().into_fst().into_inner(), rank)
}

fn u32s(bytes: &[u8]) -> Option<Vec<u32>> {
    bytes.len().is_multiple_of(4).then(|| {
        bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Builder {
        let mut b = Builder::default();
        for (stem, zh) in [
            ("govern", "政府"),
            ("father", "父亲"),
            ("father", "父"),
            ("dad", "父亲"),
        ] {
            b.add(stem, zh);
        }
        b.add("father", "父亲"); // a repeated pair counts once
        b.add("abc", "ＡＢＣ"); // folded to ASCII
        b
    }

    fn matches(index: &Index, text: &str) -> Vec<Vec<u32>> {
        let mut found = Vec::new();
        index.for_each_match(text, |stems| found.push(stems.to_vec()));
        found
    }

    #[test]
    fn bytes_round_trip() {
        let built = sample().build();
        let bytes: &'static [u8] = Box::leak(sample().into_bytes().into_boxed_slice());
        let read = Index::from_bytes(bytes).expect("the bytes just written");
        assert_eq!(read.stem_count(), 4);
        assert_eq!(read.pair_count(), 5);
        assert_eq!(built.pair_count(), 5);
        for text in ["他父亲在政府工作", "ABC", "无"] {
            assert_eq!(matches(&built, text), matches(&read, text), "{text}");
        }
        let father = read.stem_id("father").expect("father");
        let dad = read.stem_id("dad").expect("dad");
        // 父 then 父亲 (shortest first), then 亲 (nothing), in text order.
        assert_eq!(
            matches(&read, "父亲"),
            vec![vec![father], vec![father, dad]]
        );
        let mut units = Vec::new();
        read.for_each_unit("父亲父政", |p| units.push(p));
        assert_eq!(
            units.len(),
            2,
            "longest match 父亲, then 父; 政 alone is no entry"
        );
        assert_eq!(read.translations(father).len(), 2);
    }

    #[test]
    fn malformed_bytes_are_refused() {
        let good = sample().into_bytes();
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("empty", Vec::new()),
            ("wrong magic", [b"BIALEX99".as_slice(), &good[8..]].concat()),
            ("truncated", good[..good.len() - 3].to_vec()),
            ("section longer than the file", {
                let mut b = good.clone();
                b[8..16].copy_from_slice(&u64::MAX.to_le_bytes());
                b
            }),
        ];
        for (name, bytes) in cases {
            let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            assert!(Index::from_bytes(bytes).is_none(), "{name}: accepted");
        }
    }
}
