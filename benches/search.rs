//! The alignment search alone (every pass after feature extraction, with posteriors:
//! `bialign::internals::search`) on mac-dev chapter 001 and on Bible 001. The Bible is given
//! English to Chinese; the internals take Chinese rows and English columns, as the aligner
//! itself does after swapping the sides.
//!
//! Run with `cargo bench --bench search`.

mod common;

use std::hint::black_box;
use std::time::Duration;

use bialign::{internals, Aligner};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};

fn search(c: &mut Criterion) {
    let aligner = Aligner::new();
    let mut group = c.benchmark_group("search");
    // Bible 001 takes most of a second an iteration: one iteration per sample.
    group
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(10));
    for pair in common::both("search") {
        let prepared = internals::features(&aligner, &pair.zh(), &pair.en());
        group.throughput(Throughput::Elements(pair.sentences()));
        group.bench_function(pair.name, |b| {
            b.iter(|| internals::search(&aligner, black_box(&prepared)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = search
}
criterion_main!(benches);
