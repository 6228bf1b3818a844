//! End to end and start-up:
//! - `end_to_end/align_sentences/mac-dev-001`: `Aligner::align_sentences` on mac-dev chapter
//!   001 (Chinese source, English target), features and search together;
//! - `startup/lexicon_bundled_load`: loading the bundled lexicon from its embedded index
//!   (built by `build.rs`), without the process-wide cache of `Lexicon::bundled`;
//! - `startup/lexicon_from_file`: what a user's dictionary costs: the bundled lexicon's own
//!   file, `data/lexicon.tsv.gz`, through `Lexicon::add_file` and indexed (gunzip, parse,
//!   stem, build the transducers; the file read itself comes from the page cache);
//! - `startup/aligner_new_cached`: `Aligner::new()` once the lexicon is cached (the English
//!   tokenizer and the configuration).
//!
//! Run with `cargo bench --bench end_to_end`.

mod common;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use bialign::{Aligner, Lexicon};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};

/// The lexicon compiled into the library, as a file.
const LEXICON_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon.tsv.gz");

fn end_to_end(c: &mut Criterion) {
    let Some(pair) = common::mac_dev("end_to_end") else {
        return;
    };
    let aligner = Aligner::new();
    let mut group = c.benchmark_group("end_to_end");
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Elements(pair.sentences()));
    group.bench_function(format!("align_sentences/{}", pair.name), |b| {
        b.iter(|| {
            aligner
                .align_sentences(black_box(&pair.zh), black_box(&pair.en))
                .ok()
        })
    });
    group.finish();
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    // Indexing a whole dictionary file takes a fifth of a second.
    group
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("lexicon_bundled_load", |b| {
        b.iter(bialign::internals::load_bundled_lexicon)
    });
    group.bench_function("lexicon_from_file", |b| {
        b.iter(|| {
            let mut lexicon = Lexicon::empty();
            lexicon
                .add_file(Path::new(black_box(LEXICON_FILE)))
                .expect("the bundled lexicon parses");
            // The index is built on first use.
            black_box(lexicon.stem_count());
            lexicon
        })
    });
    // Fill the cache first, so that only the rest of the construction is measured.
    drop(Lexicon::bundled());
    group.bench_function("aligner_new_cached", |b| b.iter(Aligner::new));
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = end_to_end, startup
}
criterion_main!(benches);
