//! Compiles the bundled lexicon, `data/lexicon.tsv.gz`, into the index the library embeds
//! (`$OUT_DIR/lexicon.idx`), so that loading it at run time costs a millisecond instead of
//! parsing, stemming and hashing 125,000 lines. The parsing rules and the index format are the
//! library's own modules, included here by path: the bundled index and one built from a user's
//! dictionary at run time cannot disagree.

use std::io::Read;
use std::path::PathBuf;

// The modules sit where the library has them (`crate::chars`, `crate::lexicon::index`, ...),
// so that their `use crate::...` lines resolve here too.
mod lexicon {
    pub(crate) use super::{index, source};
}
// The character classes, with their abbreviation and stop-word files (src/chars/*.rs).
#[path = "src/chars/mod.rs"]
#[allow(dead_code)]
mod chars;
#[path = "src/lexicon/index.rs"]
#[allow(dead_code)]
mod index;
#[path = "src/rows.rs"]
#[allow(dead_code)]
mod rows;
#[path = "src/lexicon/source.rs"]
#[allow(dead_code)]
mod source;

const SOURCE: &str = "data/lexicon.tsv.gz";

fn main() {
    for path in [
        SOURCE,
        "data/t2s.tsv",
        "src/chars",
        "src/lexicon/index.rs",
        "src/lexicon/source.rs",
        "src/rows.rs",
    ] {
        println!("cargo:rerun-if-changed={path}");
    }
    let gz = std::fs::read(SOURCE).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let mut text = String::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{SOURCE}: not gzipped UTF-8 text: {e}"));
    let mut builder = lexicon::index::Builder::default();
    lexicon::source::for_each_pair(&text, |stem, zh| builder.add(stem, zh))
        .unwrap_or_else(|bad| panic!("{SOURCE}:{}: not a dictionary line", bad.0));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let path = out.join("lexicon.idx");
    std::fs::write(&path, builder.into_bytes())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
