//! Aligns the bundled example, a UN note verbale whose Chinese cover note is followed by an
//! annex circulated in English only, and prints every bead with its confidence.
//!
//! Run with `cargo run --example align_seed`.

use bialign::text::decode::{read_text, DEFAULT_MAX_INPUT_BYTES};
use bialign::text::Segmenter;
use bialign::{Aligner, Genre};
use std::path::Path;

fn main() -> Result<(), bialign::Error> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seed_un_note.txt");
    let text = read_text(&path, DEFAULT_MAX_INPUT_BYTES)?;
    let seg = Segmenter::new();
    // One file holding both languages: split it into its Chinese and English parts.
    let (zh, en) = seg.segment_mixed(&text);
    println!("{} Chinese and {} English sentences", zh.len(), en.len());
    // A UN document: mostly 1-1 beads, untranslated lines, beads never cross paragraphs.
    let aligner = Aligner::builder().genre(Genre::Official).build();
    let alignment = aligner.align(&zh, &en)?;
    let short = |s: &str| -> String { s.chars().take(60).collect() };
    for bead in &alignment.beads {
        let z: Vec<String> = bead
            .src
            .clone()
            .map(|k| short(&zh.sentences()[k].text))
            .collect();
        let e: Vec<String> = bead
            .tgt
            .clone()
            .map(|k| short(&en.sentences()[k].text))
            .collect();
        match (z.is_empty(), e.is_empty()) {
            (false, false) => println!(
                "PAIR {:.2}  {} <=> {}",
                bead.score,
                z.join(" "),
                e.join(" ")
            ),
            (false, true) => println!("ZH ONLY     {}", z.join(" ")),
            _ => println!("EN ONLY     {}", e.join(" ")),
        }
    }
    Ok(())
}
