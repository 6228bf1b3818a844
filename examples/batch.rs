//! Aligns several document pairs in parallel with one shared [`Aligner`] (it is immutable
//! and `Sync`: the lexicon is loaded once), and prints each document's pairs in input order.
//!
//! Run with `cargo run --example batch`. The command-line tool does the same for files with
//! `bialign batch` (a rayon pool and a progress bar).

use bialign::text::{Lang, Segmenter};
use bialign::{Aligner, Alignment, Genre};
use std::path::Path;

/// Small document pairs: (name, Chinese, English).
const DOCS: [(&str, &str, &str); 4] = [
    (
        "doctor",
        "我父亲是一个医生。他每天早上去医院。今天下雨了。",
        "My father is a doctor. He goes to the hospital every morning. It rained today.",
    ),
    (
        "meeting",
        "会议于上午十点开始。主席宣布会议开幕。各代表团发了言。会议于下午一点结束。",
        "The meeting began at 10 a.m. The Chair declared the meeting open. \
         The delegations made statements. The meeting rose at 1 p.m.",
    ),
    (
        "dialogue",
        "“你来了？”她问。他点点头，没有说话。窗外下着雪。",
        "\"You came?\" she asked. He nodded without a word. It was snowing outside.",
    ),
    (
        "report",
        "报告共有三章。第一章介绍了2020年的主要活动。第二章载有结论和建议。",
        "The report has three chapters. Chapter I describes the main activities in 2020. \
         Chapter II contains conclusions and recommendations.",
    ),
];

fn main() -> Result<(), bialign::Error> {
    let seg = Segmenter::new();
    // Official documents: mostly 1-1 beads, untranslated lines, beads never cross paragraphs.
    let aligner = Aligner::builder().genre(Genre::Official).build();
    let seed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seed_un_note.txt");
    let seed = bialign::text::decode::read_text(
        &seed_path,
        bialign::text::decode::DEFAULT_MAX_INPUT_BYTES,
    )?;

    // Segment every document first: (name, Chinese text, English text).
    let mut docs: Vec<(String, _, _)> = DOCS
        .iter()
        .map(|(name, zh, en)| {
            (
                name.to_string(),
                seg.segment(zh, Lang::Zh),
                seg.segment(en, Lang::En),
            )
        })
        .collect();
    let (zh, en) = seg.segment_mixed(&seed);
    docs.push(("seed_un_note".to_string(), zh, en));

    // One scoped thread per worker, each taking every n-th document; the results keep the
    // input order because each is stored at its document's index.
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(docs.len());
    let mut results: Vec<Option<Alignment>> = vec![None; docs.len()];
    let mut failed = None;
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let (docs, aligner) = (&docs, &aligner);
                s.spawn(move || {
                    docs.iter()
                        .enumerate()
                        .skip(w)
                        .step_by(workers)
                        .map(|(k, (_, zh, en))| (k, aligner.align(zh, en)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            // A worker only panics on a bug; let it show.
            for (k, alignment) in h.join().expect("a worker thread panicked") {
                match alignment {
                    Ok(a) => results[k] = Some(a),
                    Err(e) => failed = Some(e),
                }
            }
        }
    });

    if let Some(e) = failed {
        return Err(e);
    }
    for ((name, zh, en), alignment) in docs.iter().zip(results.into_iter().flatten()) {
        let pairs = alignment.pairs().count();
        println!(
            "== {name}: {} Chinese, {} English sentences, {pairs} pairs",
            zh.len(),
            en.len()
        );
        for bead in alignment.pairs() {
            let z = bialign::export::join_sentences(&zh.texts(), bead.src.clone());
            let e = bialign::export::join_sentences(&en.texts(), bead.tgt.clone());
            println!("  {:.2}  {z}  <=>  {e}", bead.score);
        }
    }
    Ok(())
}
