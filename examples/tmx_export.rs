//! Aligns the bundled example (a UN note verbale: a Chinese cover note followed by an annex
//! in English only) and writes the pairs as TMX 1.4b, ready for a translation-memory tool.
//!
//! Run with `cargo run --example tmx_export` (the TMX goes to standard output) or
//! `cargo run --example tmx_export -- seed.tmx` (to a file).

use bialign::export::{Format, Output};
use bialign::text::decode::{read_text, DEFAULT_MAX_INPUT_BYTES};
use bialign::text::Segmenter;
use bialign::{Aligner, Genre};
use std::io::Write;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seed_un_note.txt");
    let text = read_text(&path, DEFAULT_MAX_INPUT_BYTES)?;
    // One file holding both languages: split it into its Chinese and English parts.
    let (zh, en) = Segmenter::new().segment_mixed(&text);
    // A UN document: the preset the command line uses for a file holding both languages.
    let alignment = Aligner::builder()
        .genre(Genre::Official)
        .build()
        .align(&zh, &en)?;

    let (zh_texts, en_texts) = (zh.texts(), en.texts());
    let name = "seed_un_note.txt";
    let out = Output::new(&alignment, &zh_texts, &en_texts)
        .with_langs(zh.lang(), en.lang())
        .with_names(Some(name), Some(name))
        // Sentences without a counterpart are never written to TMX; this also leaves out
        // pairs the aligner is unsure of.
        .with_min_score(0.5);
    let mut tmx = Vec::new();
    out.write_to(Format::Tmx, &mut tmx)?;

    let units = alignment.pairs().filter(|b| b.score >= 0.5).count();
    match std::env::args_os().nth(1).map(PathBuf::from) {
        Some(file) => {
            std::fs::write(&file, &tmx).map_err(|e| format!("{}: {e}", file.display()))?;
            println!(
                "{} Chinese and {} English sentences, {units} translation units written to {}",
                zh.len(),
                en.len(),
                file.display()
            );
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(&tmx)?;
            stdout.flush()?;
            eprintln!(
                "{} Chinese and {} English sentences, {units} translation units",
                zh.len(),
                en.len()
            );
        }
    }
    Ok(())
}
