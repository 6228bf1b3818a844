//! Aligns the bundled example (a UN note verbale: a Chinese cover note followed by an annex
//! in English only) and writes the pairs as TMX 1.4b, ready for a translation-memory tool.
//!
//! Run with `cargo run --example tmx_export` (the TMX goes to standard output) or
//! `cargo run --example tmx_export -- seed.tmx` (to a file).

use bialign::{Format, Options, Pipeline};
use std::io::Write;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seed_un_note.txt");
    // Sentences without a counterpart are never written to TMX; a minimum score also leaves
    // out pairs the aligner is unsure of.
    let options = Options {
        min_score: Some(0.5),
        ..Options::default()
    };
    let pipeline = Pipeline::new(&options)?;
    // One file holding both languages: it is split into its Chinese and English parts and
    // aligned with the official preset, as the command line does.
    let mut doc = pipeline.read(&path, None)?;
    doc.src_name = Some("seed_un_note.txt".into());
    doc.tgt_name = doc.src_name.clone();
    let alignment = pipeline.align(&doc)?;
    let tmx = pipeline.writer(&doc, &alignment).render(Format::Tmx)?;
    let (zh, en) = (&doc.src, &doc.tgt);

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
