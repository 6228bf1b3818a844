//! Fixed beads: beads an alignment must contain exactly (confirmed by a reviewer, or known in
//! advance), as [`Aligner::align_fixed`](crate::Aligner::align_fixed) and the
//! [`Realigner`](crate::Realigner) take them; their files (the JSONL and ids formats the
//! writers produce) and their re-indexing after a sentence is split or joined.

use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::path::Path;

/// A bead that an alignment must contain exactly: source sentences `src` paired with target
/// sentences `tgt` (0-based, in the alignment's direction).
///
/// An empty range on one side makes a 1-0 or 0-1 bead (sentences without counterpart) placed
/// at that range's `start`: `FixedBead::new(3..4, 7..7)` says that source sentence 3 has no
/// counterpart and comes after target sentence 6 and before target sentence 7.
///
/// Its serde form is the JSONL output's: `{"src":[3,4],"tgt":[7]}`, with `"at"` giving the
/// place of a bead without counterpart on its empty side (`{"src":[3],"tgt":[],"at":7}`);
/// other keys (`src_text`, `score`, ...) are ignored when reading. A list of beads without
/// `at`, such as an alignment written with `--format jsonl` or `--format ids`, is read with
/// [`parse_fixed`] or [`FixedBead::from_lists`], which place such beads beside their
/// neighbours.
///
/// ```
/// use bialign::FixedBead;
///
/// let fixed = bialign::parse_fixed("[0,1]:[0]\n[2]:[]\n[3]:[1,2]\n", "fixed.txt")?;
/// assert_eq!(fixed[1], FixedBead::new(2..3, 1..1));
/// let json = serde_json::to_string(&fixed[1]).unwrap();
/// assert_eq!(json, r#"{"src":[2],"tgt":[],"at":1}"#);
/// assert_eq!(serde_json::from_str::<FixedBead>(&json).unwrap(), fixed[1]);
/// # Ok::<(), bialign::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FixedBead {
    /// Source sentence indices (a contiguous range, possibly empty).
    pub src: Range<usize>,
    /// Target sentence indices (a contiguous range, possibly empty).
    pub tgt: Range<usize>,
}

/// One side of an alignment, for re-indexing fixed beads after a segmentation edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The source text.
    Src,
    /// The target text.
    Tgt,
}

impl FixedBead {
    /// The bead of source sentences `src` and target sentences `tgt`.
    pub fn new(src: Range<usize>, tgt: Range<usize>) -> FixedBead {
        FixedBead { src, tgt }
    }

    /// The fixed bead with the ranges of `bead` (to confirm a bead of an alignment).
    pub fn of(bead: &crate::Bead) -> FixedBead {
        FixedBead::new(bead.src.clone(), bead.tgt.clone())
    }

    /// Whether `bead` has exactly this bead's ranges.
    pub fn matches(&self, bead: &crate::Bead) -> bool {
        self.src == bead.src && self.tgt == bead.tgt
    }

    /// `true` if one side is empty (a 1-0 or 0-1 bead).
    pub fn is_null(&self) -> bool {
        self.src.is_empty() || self.tgt.is_empty()
    }

    /// The bead as the index format writes it, `[0,1]:[2]`.
    pub fn to_ids(&self) -> String {
        let mut out = String::new();
        crate::alignment::push_ids(&mut out, self.src.clone(), self.tgt.clone());
        out
    }

    /// Fixed beads from `(source, target)` index lists, as the JSONL and ids formats list
    /// them. Each list must be consecutive sentences. A bead with an empty list is placed on
    /// that side beside a neighbour in the list: after the bead before it when that one ends
    /// where it starts on its other side, else before the bead after it when that one starts
    /// where it ends (so a whole alignment, or any part of one that keeps the neighbour of
    /// each such bead, reads back as written).
    ///
    /// # Errors
    /// An [`Input`](crate::ErrorKind::Input) error naming the bead (its index in the list)
    /// when a list is not consecutive, both are empty, or a bead without counterpart has no
    /// such neighbour.
    pub fn from_lists<S: AsRef<[usize]>, T: AsRef<[usize]>>(
        lists: &[(S, T)],
    ) -> Result<Vec<FixedBead>> {
        let mut beads: Vec<Partial> = Vec::new();
        for (k, (s, t)) in lists.iter().enumerate() {
            let (s, t) = (run(s.as_ref(), k, "source")?, run(t.as_ref(), k, "target")?);
            if s.is_none() && t.is_none() {
                return Err(Error::fixed(format!(
                    "fixed bead {k} is empty on both sides"
                )));
            }
            beads.push((s, t));
        }
        place(&mut beads);
        beads
            .into_iter()
            .enumerate()
            .map(|(k, b)| match b {
                (Some(src), Some(tgt)) => Ok(FixedBead { src, tgt }),
                (s, _) => Err(Error::fixed(format!(
                    "fixed bead {k} has no counterpart and no neighbouring bead in the list, so \
                     its place among the {} sentences is unknown: list the bead before or after \
                     it too",
                    if s.is_some() { "target" } else { "source" }
                ))),
            })
            .collect()
    }
}

/// A bead being read: its two sides, `None` for a side not yet placed.
type Partial = (Option<Range<usize>>, Option<Range<usize>>);

/// A list of sentence indices as a range (`None` for an empty list); they must be
/// consecutive.
fn run(ids: &[usize], bead: usize, side: &str) -> Result<Option<Range<usize>>> {
    let Some(&first) = ids.first() else {
        return Ok(None);
    };
    for (k, &id) in ids.iter().enumerate() {
        if first.checked_add(k) != Some(id) {
            return Err(Error::fixed(format!(
                "fixed bead {bead}: the {side} sentences {ids:?} are not consecutive"
            )));
        }
    }
    Ok(Some(first..first + ids.len()))
}

/// Places the empty sides (`None`) of beads without counterpart beside a neighbour: after
/// the bead before when it is adjacent on the other side, else before the bead after.
fn place(beads: &mut [Partial]) {
    // `b` placed beside its neighbour `n` (after it, or before it): where `n` ends (or
    // starts) on `b`'s empty side, when `n` ends where `b` starts (or starts where `b`
    // ends) on the other side.
    fn beside(n: &Partial, b: &mut Partial, after: bool) {
        let meets = |n: &Range<usize>, b: &Range<usize>| {
            if after {
                n.end == b.start
            } else {
                b.end == n.start
            }
        };
        let at = |n: &Range<usize>| {
            let x = if after { n.end } else { n.start };
            Some(x..x)
        };
        match (&n.0, &n.1, &b.0, &b.1) {
            (Some(ns), Some(nt), None, Some(t)) if meets(nt, t) => b.0 = at(ns),
            (Some(ns), Some(nt), Some(s), None) if meets(ns, s) => b.1 = at(nt),
            _ => {}
        }
    }
    for k in 1..beads.len() {
        let (done, rest) = beads.split_at_mut(k);
        beside(&done[k - 1], &mut rest[0], true);
    }
    for k in (0..beads.len().saturating_sub(1)).rev() {
        let (head, tail) = beads.split_at_mut(k + 1);
        beside(&tail[0], &mut head[k], false);
    }
}

/// The serde form of a fixed bead: the JSONL output's index lists, and the place of a bead
/// without counterpart on its empty side.
#[derive(Serialize, Deserialize)]
struct Lists {
    src: Vec<usize>,
    tgt: Vec<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<usize>,
    /// Set-aside records of the JSONL output are no beads.
    #[serde(default, skip_serializing)]
    set_aside: Option<String>,
}

impl Serialize for FixedBead {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let at = if self.src.is_empty() {
            Some(self.src.start)
        } else if self.tgt.is_empty() {
            Some(self.tgt.start)
        } else {
            None
        };
        Lists {
            src: self.src.clone().collect(),
            tgt: self.tgt.clone().collect(),
            at,
            set_aside: None,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for FixedBead {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::Error as _;
        let l = Lists::deserialize(d)?;
        let side = |ids: &[usize], name: &str| {
            run(ids, 0, name).map_err(|_| {
                D::Error::custom(format!("the {name} sentences {ids:?} are not consecutive"))
            })
        };
        let (src, tgt) = (side(&l.src, "source")?, side(&l.tgt, "target")?);
        let at = || {
            l.at.ok_or_else(|| {
                D::Error::custom(
                    "a bead without counterpart needs `at`, its place on the other side",
                )
            })
        };
        match (src, tgt) {
            (Some(src), Some(tgt)) => Ok(FixedBead { src, tgt }),
            (Some(src), None) => Ok(FixedBead {
                src,
                tgt: at()?..at()?,
            }),
            (None, Some(tgt)) => Ok(FixedBead {
                src: at()?..at()?,
                tgt,
            }),
            (None, None) => Err(D::Error::custom(
                "a bead needs sentences on one side at least",
            )),
        }
    }
}

/// Reads fixed beads from a text in the JSONL format (`{"src":[0,1],"tgt":[2],...}` a line,
/// as `--format jsonl` writes; set-aside records skipped) or the ids format (`[0,1]:[2]` a
/// line, as `--format ids` writes; the brackets may be left out: `0,1:2`), told apart by
/// the first line that is not blank. Beads without counterpart are placed as
/// [`FixedBead::from_lists`] places them, unless a JSONL record gives `at`.
///
/// # Errors
/// A [`Parse`](crate::ErrorKind::Parse) error naming `name` and the line when a line is
/// malformed, and an [`Input`](crate::ErrorKind::Input) one naming `name` as
/// [`FixedBead::from_lists`] says.
pub fn parse_fixed(text: &str, name: &str) -> Result<Vec<FixedBead>> {
    let jsonl = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.trim_start().starts_with('{'));
    let mut lists: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    let mut placed: Vec<Option<usize>> = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if jsonl {
            let l: Lists =
                serde_json::from_str(line).map_err(|e| Error::parse(name, k + 1, e.to_string()))?;
            if l.set_aside.is_some() {
                continue;
            }
            lists.push((l.src, l.tgt));
            placed.push(l.at);
        } else {
            lists.push(ids_line(line).map_err(|m| Error::parse(name, k + 1, m))?);
            placed.push(None);
        }
    }
    // Beads placed by their file first, so that their neighbours can be placed beside them.
    let mut beads: Vec<Partial> = Vec::new();
    for (k, ((s, t), at)) in lists.iter().zip(&placed).enumerate() {
        let wrap = |e: Error| Error::input(name, e.to_string());
        let (mut s, mut t) = (
            run(s, k, "source").map_err(wrap)?,
            run(t, k, "target").map_err(wrap)?,
        );
        if let Some(at) = *at {
            match (&s, &t) {
                (None, Some(_)) => s = Some(at..at),
                (Some(_), None) => t = Some(at..at),
                _ => {}
            }
        }
        if s.is_none() && t.is_none() {
            return Err(Error::input(
                name,
                format!("fixed bead {k} is empty on both sides"),
            ));
        }
        beads.push((s, t));
    }
    place(&mut beads);
    beads
        .into_iter()
        .enumerate()
        .map(|(k, b)| match b {
            (Some(src), Some(tgt)) => Ok(FixedBead { src, tgt }),
            _ => Err(Error::input(
                name,
                format!(
                    "fixed bead {k} ({}) has no counterpart and no neighbouring bead in the \
                     file, so its place on the other side is unknown: list the bead before or \
                     after it too",
                    ids_of(&lists[k])
                ),
            )),
        })
        .collect()
}

fn ids_of((s, t): &(Vec<usize>, Vec<usize>)) -> String {
    let mut out = String::new();
    crate::alignment::push_ids(&mut out, s.iter().copied(), t.iter().copied());
    out
}

/// One line of the ids format: `[0,1]:[2]`, `[3]:[]`, `0,1:2`, `3:`.
fn ids_line(line: &str) -> std::result::Result<(Vec<usize>, Vec<usize>), String> {
    let Some((s, t)) = line.split_once(':') else {
        return Err(format!(
            "expected `SRC:TGT` such as `[0,1]:[2]`, found `{line}`"
        ));
    };
    let list = |side: &str| -> std::result::Result<Vec<usize>, String> {
        let side = side.trim();
        let inner = side
            .strip_prefix('[')
            .and_then(|x| x.strip_suffix(']'))
            .unwrap_or(side);
        inner
            .split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(|x| {
                x.parse::<usize>()
                    .map_err(|_| format!("`{x}` is not a sentence index in `{line}`"))
            })
            .collect()
    };
    Ok((list(s)?, list(t)?))
}

/// Reads fixed beads from a file (JSONL or ids, see [`parse_fixed`]) of at most `limit`
/// bytes; `-` is standard input.
///
/// # Errors
/// When the file cannot be read, is larger than `limit` or is not UTF-8, and as
/// [`parse_fixed`].
pub fn read_fixed(path: &Path, limit: u64) -> Result<Vec<FixedBead>> {
    let decoded = crate::text::decode::read_decoded(path, limit, true)?;
    parse_fixed(&decoded.text, &path.display().to_string())
}

/// The fixed beads in document order, after checking them against texts of `lens`
/// sentences: each range within its text, not both empty, no two sharing a sentence or out
/// of order.
///
/// # Errors
/// An [`Input`](crate::ErrorKind::Input) error naming the beads by their index in `fixed`.
pub(crate) fn ordered(
    fixed: &[FixedBead],
    (src_len, tgt_len): (usize, usize),
) -> Result<Vec<FixedBead>> {
    for (k, b) in fixed.iter().enumerate() {
        if b.src.start > b.src.end || b.tgt.start > b.tgt.end {
            return Err(Error::fixed(format!(
                "fixed bead {k} has a reversed range: src {:?}, tgt {:?}",
                b.src, b.tgt
            )));
        }
        if b.src.is_empty() && b.tgt.is_empty() {
            return Err(Error::fixed(format!(
                "fixed bead {k} is empty on both sides"
            )));
        }
        for (side, r, len, text) in [
            ("src", &b.src, src_len, "source"),
            ("tgt", &b.tgt, tgt_len, "target"),
        ] {
            if r.end > len {
                return Err(Error::fixed(format!(
                    "fixed bead {k} is out of range: {side} {r:?}, but the {text} text has {len} \
                     sentences"
                )));
            }
        }
    }
    let mut order: Vec<usize> = (0..fixed.len()).collect();
    let key = |b: &FixedBead| {
        (
            b.src.start + b.tgt.start,
            b.src.end + b.tgt.end,
            b.src.start,
        )
    };
    order.sort_by_key(|&k| key(&fixed[k]));
    for w in order.windows(2) {
        let (a, b) = (w[0].min(w[1]), w[0].max(w[1]));
        let (x, y) = (&fixed[w[0]], &fixed[w[1]]);
        if x.src.end <= y.src.start && x.tgt.end <= y.tgt.start {
            continue;
        }
        let (p, q) = (&fixed[a], &fixed[b]);
        let shared = |r: &Range<usize>, s: &Range<usize>| {
            !r.is_empty() && !s.is_empty() && r.start < s.end && s.start < r.end
        };
        return Err(Error::fixed(if shared(&p.src, &q.src) {
            format!(
                "fixed beads {a} and {b} overlap: src {:?} and {:?}",
                p.src, q.src
            )
        } else if shared(&p.tgt, &q.tgt) {
            format!(
                "fixed beads {a} and {b} overlap: tgt {:?} and {:?}",
                p.tgt, q.tgt
            )
        } else {
            format!(
                "fixed beads {a} and {b} are not in order: src {:?} and {:?}, tgt {:?} and {:?}",
                p.src, q.src, p.tgt, q.tgt
            )
        }));
    }
    Ok(order.into_iter().map(|k| fixed[k].clone()).collect())
}

/// The fixed beads after sentence `sentence` of `side` was split in two (it becomes
/// sentences `sentence` and `sentence + 1`): later sentences move up by one, a bead holding
/// the sentence holds both halves.
///
/// ```
/// use bialign::{FixedBead, Side};
///
/// let fixed = [FixedBead::new(0..1, 0..1), FixedBead::new(1..3, 1..2), FixedBead::new(3..4, 2..2)];
/// let after = bialign::fixed::after_split(&fixed, Side::Src, 2);
/// assert_eq!(after, [FixedBead::new(0..1, 0..1), FixedBead::new(1..4, 1..2), FixedBead::new(4..5, 2..2)]);
/// ```
pub fn after_split(fixed: &[FixedBead], side: Side, sentence: usize) -> Vec<FixedBead> {
    let shift = |r: &Range<usize>| {
        let moved = |x: usize| if x > sentence { x + 1 } else { x };
        // An empty range at the sentence's start stays before it.
        moved(r.start)..if r.is_empty() {
            moved(r.start)
        } else {
            moved(r.end)
        }
    };
    fixed
        .iter()
        .map(|b| match side {
            Side::Src => FixedBead::new(shift(&b.src), b.tgt.clone()),
            Side::Tgt => FixedBead::new(b.src.clone(), shift(&b.tgt)),
        })
        .collect()
}

/// The fixed beads after sentences `sentence` and `sentence + 1` of `side` were joined into
/// one (sentence `sentence`): later sentences move down by one; a bead holding both keeps
/// the joined sentence, and a bead holding only one of them no longer holds and is left out.
///
/// ```
/// use bialign::{FixedBead, Side};
///
/// let fixed = [FixedBead::new(0..2, 0..1), FixedBead::new(2..3, 1..2), FixedBead::new(3..4, 2..3)];
/// // Source sentences 1 and 2 joined: the first two beads shared them, so they go.
/// let after = bialign::fixed::after_join(&fixed, Side::Src, 1);
/// assert_eq!(after, [FixedBead::new(2..3, 2..3)]);
/// ```
pub fn after_join(fixed: &[FixedBead], side: Side, sentence: usize) -> Vec<FixedBead> {
    let (a, b) = (sentence, sentence + 1);
    fixed
        .iter()
        .filter_map(|bead| {
            let r = match side {
                Side::Src => &bead.src,
                Side::Tgt => &bead.tgt,
            };
            if r.contains(&a) != r.contains(&b) {
                return None;
            }
            let moved = |x: usize| if x > a { x - 1 } else { x };
            let r = moved(r.start)..moved(r.end);
            Some(match side {
                Side::Src => FixedBead::new(r, bead.tgt.clone()),
                Side::Tgt => FixedBead::new(bead.src.clone(), r),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_lines() {
        type Lists = (Vec<usize>, Vec<usize>);
        let cases: &[(&str, Result<Lists, ()>)] = &[
            ("[0,1]:[2]", Ok((vec![0, 1], vec![2]))),
            ("0,1:2", Ok((vec![0, 1], vec![2]))),
            ("[3]:[]", Ok((vec![3], vec![]))),
            ("3:", Ok((vec![3], vec![]))),
            (":[4]", Ok((vec![], vec![4]))),
            ("[ 5 , 6 ]:[7]", Ok((vec![5, 6], vec![7]))),
            ("[a]:[1]", Err(())),
            ("[1][2]", Err(())),
            ("[-1]:[2]", Err(())),
        ];
        for (line, want) in cases {
            assert_eq!(&ids_line(line).map_err(|_| ()), want, "{line}");
        }
    }

    #[test]
    fn null_beads_are_placed_beside_a_neighbour() {
        let cases: &[(&str, Result<Vec<FixedBead>, &str>)] = &[
            (
                "[0]:[0]\n[1]:[]\n[2]:[1]\n",
                Ok(vec![
                    FixedBead::new(0..1, 0..1),
                    FixedBead::new(1..2, 1..1),
                    FixedBead::new(2..3, 1..2),
                ]),
            ),
            // The neighbour after places it.
            (
                "[1]:[]\n[2]:[5]\n",
                Ok(vec![FixedBead::new(1..2, 5..5), FixedBead::new(2..3, 5..6)]),
            ),
            // Two in a row after a neighbour.
            (
                "[0]:[0]\n[]:[1]\n[]:[2]\n",
                Ok(vec![
                    FixedBead::new(0..1, 0..1),
                    FixedBead::new(1..1, 1..2),
                    FixedBead::new(1..1, 2..3),
                ]),
            ),
            // JSONL with `at`.
            (
                "{\"src\":[4],\"tgt\":[],\"at\":9}\n",
                Ok(vec![FixedBead::new(4..5, 9..9)]),
            ),
            ("[0]:[0]\n[4]:[]\n[7]:[9]\n", Err("no neighbouring bead")),
            ("[0,2]:[0]\n", Err("not consecutive")),
            ("[]:[]\n", Err("empty on both sides")),
        ];
        for (text, want) in cases {
            match (parse_fixed(text, "f.txt"), want) {
                (Ok(got), Ok(want)) => assert_eq!(&got, want, "{text}"),
                (Err(e), Err(msg)) => assert!(
                    e.to_string().contains(msg) && e.to_string().starts_with("f.txt"),
                    "{text}: {e}"
                ),
                (got, want) => panic!("{text}: {got:?} against {want:?}"),
            }
        }
    }
}
