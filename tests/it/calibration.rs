//! Confidence calibration on short documents (issue 16, item 5): mac-dev chapters and Bible
//! 001 cut at gold bead boundaries into pieces of 3 to 19 sentences a side, each aligned as
//! a document of its own. A document that short cannot estimate its own parameters; its
//! confidences must still mean what they say.
//!
//! `cargo test --release --test it calibration -- --nocapture` prints the table that
//! `BENCHMARKS.md` records.

use bialign::eval::{parse_alignment, IdBead};
use bialign::{Aligner, Lang};

use crate::common::{self, assert_covers, lines};

/// Sizes the pieces cycle through (largest side, in sentences): every size under 20, in an
/// order that mixes them along each chapter.
const PIECE_SIZES: [usize; 17] = [3, 11, 6, 17, 4, 9, 14, 19, 5, 12, 7, 16, 8, 13, 10, 18, 15];

/// One short document cut out of an evaluation document: its sentences and gold beads,
/// re-indexed from 0.
struct Piece {
    src: Vec<String>,
    tgt: Vec<String>,
    gold: Vec<IdBead>,
}

/// Cuts `gold` (the beads of a document with sentences `src`, `tgt`) into pieces whose sides
/// have fewer than 20 sentences, at bead boundaries. Beads with a side of 20 or more
/// sentences are left out, with their sentences.
fn cut(
    src: &[String],
    tgt: &[String],
    gold: &[IdBead],
    sizes: &mut impl Iterator<Item = usize>,
) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut beads: Vec<&IdBead> = Vec::new();
    let mut limit = sizes.next().unwrap_or(10);
    // Sentences of the piece so far, per side.
    let (mut n_src, mut n_tgt) = (0, 0);
    let flush = |beads: &mut Vec<&IdBead>, pieces: &mut Vec<Piece>| {
        if beads.iter().all(|b| b.0.is_empty() || b.1.is_empty()) {
            beads.clear();
            return;
        }
        let (s0, t0) = first_ids(beads);
        let mut piece = Piece {
            src: Vec::new(),
            tgt: Vec::new(),
            gold: Vec::new(),
        };
        for b in beads.iter() {
            piece.src.extend(b.0.iter().map(|&i| src[i].clone()));
            piece.tgt.extend(b.1.iter().map(|&j| tgt[j].clone()));
            piece.gold.push((
                b.0.iter().map(|i| i - s0).collect(),
                b.1.iter().map(|j| j - t0).collect(),
            ));
        }
        pieces.push(piece);
        beads.clear();
    };
    for b in gold {
        if b.0.len().max(b.1.len()) >= 20 {
            flush(&mut beads, &mut pieces);
            (n_src, n_tgt) = (0, 0);
            continue;
        }
        if (n_src + b.0.len()).max(n_tgt + b.1.len()) > limit && !beads.is_empty() {
            flush(&mut beads, &mut pieces);
            (n_src, n_tgt) = (0, 0);
            limit = sizes.next().unwrap_or(10);
        }
        beads.push(b);
        (n_src, n_tgt) = (n_src + b.0.len(), n_tgt + b.1.len());
    }
    flush(&mut beads, &mut pieces);
    pieces
}

/// The first source and target sentence of a run of consecutive beads (the beads are in
/// order, so the smallest index on each side).
fn first_ids(beads: &[&IdBead]) -> (usize, usize) {
    let first = |pick: fn(&IdBead) -> &Vec<usize>| {
        beads
            .iter()
            .flat_map(|b| pick(b).iter().copied())
            .min()
            .unwrap_or(0)
    };
    (first(|b| &b.0), first(|b| &b.1))
}

/// The pieces of one evaluation set's documents, `src_side`/`tgt_side` its folders.
fn pieces_of(set: &std::path::Path, docs: &[&str], src_side: &str, tgt_side: &str) -> Vec<Piece> {
    let mut sizes = PIECE_SIZES.iter().copied().cycle();
    let mut all = Vec::new();
    for d in docs {
        let src = lines(&set.join(src_side).join(d));
        let tgt = lines(&set.join(tgt_side).join(d));
        let gold_path = set.join("gold").join(format!("{d}.align"));
        let text = std::fs::read_to_string(&gold_path).expect("gold");
        let gold = parse_alignment(&text, &gold_path.display().to_string()).expect("gold parses");
        all.extend(cut(&src, &tgt, &gold, &mut sizes));
    }
    all
}

/// Confidence bands, from the top: the lower bound and the label.
const BANDS: [(f64, &str); 7] = [
    (0.9, "0.9-1.0"),
    (0.8, "0.8-0.9"),
    (0.7, "0.7-0.8"),
    (0.6, "0.6-0.7"),
    (0.5, "0.5-0.6"),
    (0.4, "0.4-0.5"),
    (f64::NEG_INFINITY, "below 0.4"),
];

/// Per band, (exactly right, non-null beads); and the strict hits, test and gold beads.
#[derive(Default)]
struct Table {
    bands: [(usize, usize); BANDS.len()],
    hits: usize,
    test: usize,
    gold: usize,
}

impl Table {
    fn add(&mut self, aligner: &Aligner, piece: &Piece) {
        let al = aligner
            .align_sentences(&piece.src, &piece.tgt)
            .expect("a supported pair aligns");
        assert_covers(&al, piece.src.len(), piece.tgt.len());
        self.gold += piece.gold.len();
        for b in &al.beads {
            let key: IdBead = (b.src.clone().collect(), b.tgt.clone().collect());
            let right = piece.gold.contains(&key);
            self.test += 1;
            self.hits += usize::from(right);
            if b.src.is_empty() || b.tgt.is_empty() {
                continue;
            }
            let band = BANDS
                .iter()
                .position(|&(lo, _)| b.score >= lo)
                .unwrap_or(BANDS.len() - 1);
            self.bands[band].0 += usize::from(right);
            self.bands[band].1 += 1;
        }
    }

    fn f1(&self) -> f64 {
        let (p, r) = (
            self.hits as f64 / self.test as f64,
            self.hits as f64 / self.gold as f64,
        );
        2.0 * p * r / (p + r)
    }

    fn print(&self, name: &str, pieces: usize) {
        eprintln!(
            "{name}: {pieces} documents of 3 to 19 sentences, strict F1 {:.3}",
            self.f1()
        );
        eprintln!("| score | correct / beads |");
        eprintln!("|---|---|");
        for (&(c, n), &(_, label)) in self.bands.iter().zip(&BANDS) {
            if n > 0 {
                eprintln!("| {label} | {c} / {n} = {:.3} |", c as f64 / n as f64);
            } else {
                eprintln!("| {label} | 0 / 0 |");
            }
        }
    }

    /// The share right among beads scored `lo` or more, and their number.
    fn right_at_least(&self, lo: f64) -> (f64, usize) {
        let (c, n) = self
            .bands
            .iter()
            .zip(&BANDS)
            .filter(|(_, &(b, _))| b >= lo)
            .fold((0, 0), |(c, n), (&(bc, bn), _)| (c + bc, n + bn));
        (c as f64 / n.max(1) as f64, n)
    }
}

#[test]
fn short_documents_are_calibrated() {
    let test = "calibration::short_documents_are_calibrated";
    let (Some(mac), Some(bible)) = (
        common::eval_set(test, "mac-dev"),
        common::eval_set(test, "bible"),
    ) else {
        return;
    };
    let chapters = ["001", "002", "003", "004", "005", "006"];
    let sets = [
        (
            "mac-dev",
            pieces_of(&mac, &chapters, "zh", "en"),
            Aligner::new(),
        ),
        (
            "bible 001",
            pieces_of(&bible, &["001"], "en", "zh"),
            Aligner::builder()
                .src_lang(Lang::En)
                .tgt_lang(Lang::Zh)
                .build(),
        ),
    ];
    for (name, pieces, aligner) in &sets {
        let mut table = Table::default();
        for p in pieces {
            table.add(aligner, p);
        }
        table.print(name, pieces.len());
        let (top, n) = table.right_at_least(0.9);
        assert!(n >= 50, "{name}: only {n} beads scored 0.9 or more");
        assert!(
            top >= 0.9,
            "{name}: of the beads scored 0.9 or more, only {top:.3} are right"
        );
        // Under-confidence is a calibration error too: beads the aligner gets right must
        // not sit in the low bands (where `--min-score 0.5` drops them).
        let (mid, m) = table.right_at_least(0.5);
        let (all, total) = table.right_at_least(f64::NEG_INFINITY);
        eprintln!("{name}: {m} of {total} non-null beads scored 0.5 or more ({mid:.3} right; {all:.3} of all)");
    }
}
