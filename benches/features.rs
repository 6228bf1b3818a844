//! Feature extraction on real text: English tokenising and stemming, lexicon look-up in the
//! Chinese sentences, numbers, punctuation and chance rates (`bialign::internals::features`),
//! on mac-dev chapter 001 and on Bible 001 (see `benches/common/mod.rs` for the inputs).
//!
//! Run with `cargo bench --bench features`.

mod common;

use std::hint::black_box;

use bialign::{internals, Aligner};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn features(c: &mut Criterion) {
    let aligner = Aligner::new();
    let mut group = c.benchmark_group("features");
    for pair in common::both("features") {
        let (zh, en) = (pair.zh(), pair.en());
        group.throughput(Throughput::Bytes(pair.bytes()));
        group.bench_function(pair.name, |b| {
            b.iter(|| internals::features(&aligner, black_box(&zh), black_box(&en)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = features
}
criterion_main!(benches);
