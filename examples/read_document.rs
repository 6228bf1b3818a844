//! Prints the paragraphs a document reader finds, with their kind and place:
//!
//!     cargo run --features documents --example read_document -- tests/fixtures/rules.zh.docx

use bialign::read::{Document, InputFormat};
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        let bytes = std::fs::read(path)?;
        let format = InputFormat::detect(&bytes, path);
        let doc = Document::read(&bytes, &arg, format, bialign::DEFAULT_MAX_INPUT_BYTES)?;
        for p in &doc.paragraphs {
            let place = &p.block.place;
            let page = place.page.map_or(String::new(), |n| format!(" p.{n}"));
            println!(
                "{}{page} #{} {:?}: {}",
                place.part, place.index, p.block.kind, p.text
            );
        }
    }
    Ok(())
}
