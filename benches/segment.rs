//! Throughput of the sentence splitters on a few MB of realistic text.
//!
//! The text is the literary mac-dev evaluation set (`../shared/eval/mac-dev/{zh,en}/*`, or the
//! directory in `$BIALIGN_MAC_DEV`), with every five gold sentences joined into one paragraph
//! and the whole repeated to about 4 MB per language. Without it, the bundled seed document
//! (`data/seed_un_note.txt`) is used instead, repeated likewise.
//!
//! Run with `cargo bench --bench segment`.

use std::hint::black_box;
use std::time::Duration;

use bialign::text::{EnSplitter, SentenceSplitter, ZhSplitter};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Target size of each language's corpus, in bytes.
const TARGET_BYTES: usize = 4 << 20;
/// Gold sentences per paragraph.
const SENTENCES_PER_PARAGRAPH: usize = 5;

/// Paragraphs built from the mac-dev files of `lang`, if the directory exists.
fn mac_dev_paragraphs(lang: &str) -> Option<Vec<String>> {
    let dir = std::env::var("BIALIGN_MAC_DEV")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval/mac-dev").into());
    let mut paths: Vec<_> = std::fs::read_dir(format!("{dir}/{lang}"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let joiner = if lang == "zh" { "" } else { " " };
    let mut paragraphs = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).ok()?;
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        for chunk in lines.chunks(SENTENCES_PER_PARAGRAPH) {
            paragraphs.push(chunk.join(joiner));
        }
    }
    (!paragraphs.is_empty()).then_some(paragraphs)
}

/// Paragraphs of the bundled seed document in `lang` (Han text or not).
fn seed_paragraphs(lang: &str) -> Vec<String> {
    let seed = include_str!("../data/seed_un_note.txt");
    seed.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let han = p.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
            han == (lang == "zh")
        })
        .map(str::to_owned)
        .collect()
}

/// About [`TARGET_BYTES`] of paragraphs in `lang`.
fn corpus(lang: &str) -> Vec<String> {
    let base = mac_dev_paragraphs(lang).unwrap_or_else(|| {
        eprintln!(
            "segment bench: no mac-dev data for `{lang}` (set BIALIGN_MAC_DEV); \
             using the bundled seed text repeated"
        );
        seed_paragraphs(lang)
    });
    let size: usize = base.iter().map(String::len).sum::<usize>().max(1);
    let copies = TARGET_BYTES.div_ceil(size);
    let mut out = Vec::with_capacity(base.len() * copies);
    for _ in 0..copies {
        out.extend(base.iter().cloned());
    }
    out
}

fn bench_splitter(c: &mut Criterion, lang: &str, splitter: &dyn SentenceSplitter) {
    let paragraphs = corpus(lang);
    let bytes: usize = paragraphs.iter().map(String::len).sum();
    let mut group = c.benchmark_group("segment");
    group
        .throughput(Throughput::Bytes(bytes as u64))
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    group.bench_function(lang, |b| {
        b.iter(|| {
            let mut sentences = 0;
            for p in &paragraphs {
                sentences += black_box(splitter.split(black_box(p))).len();
            }
            sentences
        })
    });
    group.finish();
}

fn segment(c: &mut Criterion) {
    bench_splitter(c, "zh", &ZhSplitter::new());
    bench_splitter(c, "en", &EnSplitter::new());
}

criterion_group!(benches, segment);
criterion_main!(benches);
