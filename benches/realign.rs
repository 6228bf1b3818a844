//! One fix of a [`Realigner`] (the review server's edit): on mac-dev chapter 001 and on
//! Bible 006 (English to Chinese, as it is evaluated), the bead in the middle of the
//! alignment is merged with the next one (a fixed bead over both) and the region around it
//! aligned again. Only the fix is timed; each is released again, untimed, before the next.
//! Targets: under 200 ms on a mac-dev chapter, under 1 s on Bible 006.
//!
//! Run with `cargo bench --bench realign`.

mod common;

use std::time::{Duration, Instant};

use bialign::text::{Lang, Segmenter};
use bialign::{Aligner, FixedBead, Realigner};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};

fn realign(c: &mut Criterion) {
    let mut group = c.benchmark_group("realign");
    group
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(5));
    let seg = Segmenter::new().presplit(true);
    let pairs = common::mac_dev("realign")
        .into_iter()
        .chain(common::bible_006("realign"));
    for pair in pairs {
        // mac-dev is Chinese to English, the Bible English to Chinese.
        let (src, tgt, aligner) = if pair.name.starts_with("bible") {
            let aligner = Aligner::builder()
                .src_lang(Lang::En)
                .tgt_lang(Lang::Zh)
                .build();
            (
                seg.segment(&pair.en.join("\n"), Lang::En),
                seg.segment(&pair.zh.join("\n"), Lang::Zh),
                aligner,
            )
        } else {
            (
                seg.segment(&pair.zh.join("\n"), Lang::Zh),
                seg.segment(&pair.en.join("\n"), Lang::En),
                Aligner::new(),
            )
        };
        let Ok(mut r) = Realigner::new(&aligner, &src, &tgt) else {
            continue;
        };
        let beads = &r.alignment().beads;
        let k = beads.len() / 2;
        let merged = FixedBead::new(
            beads[k].src.start..beads[k + 1].src.end,
            beads[k].tgt.start..beads[k + 1].tgt.end,
        );
        group.bench_function(pair.name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let t = Instant::now();
                    r.fix(merged.clone())
                        .expect("a merge of two beads is a valid fix");
                    total += t.elapsed();
                    r.release(0).expect("the fixed bead is there");
                }
                total
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = realign
}
criterion_main!(benches);
