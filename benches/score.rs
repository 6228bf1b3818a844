//! Bead scoring alone: `bialign::internals::score_band` scores every allowed bead ending
//! within [`HALF`] columns of the length diagonal (initial parameters, no pruning) on mac-dev
//! chapter 001. Throughput is in DP cells (rows times band width), each scoring every bead
//! shape that ends there.
//!
//! Run with `cargo bench --bench score`.

mod common;

use std::hint::black_box;

use bialign::{internals, Aligner};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Half-width of the band, in English sentences (the aligner's default first band).
const HALF: usize = 24;

fn score(c: &mut Criterion) {
    let Some(pair) = common::mac_dev("score") else {
        return;
    };
    let aligner = Aligner::new();
    let prepared = internals::features(&aligner, &pair.zh(), &pair.en());
    let (n, m) = prepared.shape();
    let cells = (n as u64 + 1) * (2 * HALF as u64 + 1).min(m as u64 + 1);
    let mut group = c.benchmark_group("score");
    group.throughput(Throughput::Elements(cells));
    group.bench_function(format!("{}/half-{HALF}", pair.name), |b| {
        b.iter(|| internals::score_band(&aligner, black_box(&prepared), HALF))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = score
}
criterion_main!(benches);
