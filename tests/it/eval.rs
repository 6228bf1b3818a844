//! `bialign::eval` against the reference scorer `../shared/tools/score_align.py`.
//!
//! The cross-checks perturb the gold alignments of `../shared/eval/{mac-dev,bible}` with a
//! small deterministic PRNG (merges, splits, shifted boundaries, null beads, dropped,
//! duplicated, reordered and spurious beads), write them to a temporary directory, score
//! them with the Python scorer and with this crate, and compare the counts, the scores (to
//! 1e-9) and the printed table. They are skipped, with a message, when the evaluation data
//! (`../shared/eval`, or `$BIALIGN_EVAL`) or `python3` is missing. The path-handling tests at
//! the end need neither.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use bialign::eval::{
    evaluate_paths, format_alignment, read_alignment, render_table, Counts, DocScore, IdBead,
    Report, Verses,
};
use bialign::ErrorKind;
use proptest::prelude::*;
use serde_json::Value;

use crate::common;

/// The evaluation data directory and the scorer, or `None` (after saying that `test` skipped,
/// and why) when the cross-check cannot run here: the evaluation `sets` it reads, the scorer
/// or `python3` are missing.
fn reference(test: &str, sets: &[&str]) -> Option<(PathBuf, PathBuf)> {
    for set in sets {
        common::eval_set(test, set)?;
    }
    let scorer = common::tools_dir().join("score_align.py");
    if !scorer.is_file() {
        common::skip(
            test,
            &format!("no reference scorer at {}", scorer.display()),
        );
        return None;
    }
    if let Err(why) = common::python3() {
        common::skip(test, &why);
        return None;
    }
    Some((common::eval_dir(), scorer))
}

// ------------------------------------------------------------------------ perturbation

/// SplitMix64: small, deterministic, good enough to pick perturbations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

/// Probabilities, per bead, of each perturbation.
#[derive(Clone, Copy, Default)]
struct Rates {
    drop: f64,
    nullify: f64,
    split: f64,
    merge: f64,
    shift: f64,
    duplicate: f64,
    reverse: f64,
    swap: f64,
    spurious: f64,
    empty: f64,
}

impl Rates {
    fn all(p: f64) -> Rates {
        Rates {
            drop: p,
            nullify: p,
            split: p,
            merge: p,
            shift: p,
            duplicate: p,
            reverse: p,
            swap: p,
            spurious: p,
            empty: p,
        }
    }
}

fn perturb(gold: &[IdBead], rng: &mut Rng, r: Rates) -> Vec<IdBead> {
    let mut out: Vec<IdBead> = Vec::with_capacity(gold.len() + gold.len() / 4);
    let mut i = 0;
    while i < gold.len() {
        let (mut src, mut tgt) = gold[i].clone();
        i += 1;
        if rng.chance(r.drop) {
            continue;
        }
        if i < gold.len() && rng.chance(r.merge) {
            src.extend_from_slice(&gold[i].0);
            tgt.extend_from_slice(&gold[i].1);
            i += 1;
        }
        if rng.chance(r.shift) {
            // Move one sentence across the boundary with the previous bead, on one side.
            if let Some(prev) = out.last_mut() {
                if rng.chance(0.5) {
                    if src.len() > 1 {
                        prev.0.push(src.remove(0));
                    }
                } else if prev.1.len() > 1 {
                    if let Some(t) = prev.1.pop() {
                        tgt.insert(0, t);
                    }
                }
            }
        }
        if rng.chance(r.reverse) {
            src.reverse();
            tgt.reverse();
        }
        if rng.chance(r.nullify) {
            out.push((src, Vec::new()));
            out.push((Vec::new(), tgt));
        } else if rng.chance(r.split) {
            let ks = rng.below(src.len() + 1);
            let kt = rng.below(tgt.len() + 1);
            out.push((src[..ks].to_vec(), tgt[..kt].to_vec()));
            out.push((src[ks..].to_vec(), tgt[kt..].to_vec()));
        } else {
            out.push((src, tgt));
        }
        if rng.chance(r.duplicate) {
            if let Some(b) = out.last().cloned() {
                out.push(b);
            }
        }
        if out.len() >= 2 && rng.chance(r.swap) {
            let n = out.len();
            out.swap(n - 1, n - 2);
        }
        if rng.chance(r.spurious) {
            // A bead overlapping its neighbours (or not): ids near the current ones.
            let s0 = out.last().and_then(|b| b.0.first()).copied().unwrap_or(0);
            let t0 = out.last().and_then(|b| b.1.first()).copied().unwrap_or(0);
            let src: Vec<usize> = (0..rng.below(3)).map(|k| s0 + k + rng.below(2)).collect();
            let tgt: Vec<usize> = (0..rng.below(3)).map(|k| t0 + k + rng.below(2)).collect();
            out.push((src, tgt));
        }
        if rng.chance(r.empty) {
            out.push((Vec::new(), Vec::new()));
        }
    }
    out
}

/// Test alignments to score: `(variant name, beads of each gold file)`.
fn variants(gold: &[(String, Vec<IdBead>)], seed: u64) -> Vec<(String, Vec<Vec<IdBead>>)> {
    let mut rng = Rng(seed);
    let mut make = |r: Rates| -> Vec<Vec<IdBead>> {
        gold.iter().map(|(_, g)| perturb(g, &mut rng, r)).collect()
    };
    let mut v = vec![
        ("identity".to_string(), make(Rates::default())),
        ("light".to_string(), make(Rates::all(0.03))),
        ("medium".to_string(), make(Rates::all(0.1))),
        ("heavy".to_string(), make(Rates::all(0.3))),
        (
            "splits".to_string(),
            make(Rates {
                split: 0.6,
                swap: 0.05,
                ..Rates::default()
            }),
        ),
        (
            "merges and shifts".to_string(),
            make(Rates {
                merge: 0.3,
                shift: 0.3,
                ..Rates::default()
            }),
        ),
        (
            "nulls and duplicates".to_string(),
            make(Rates {
                nullify: 0.3,
                duplicate: 0.2,
                empty: 0.1,
                drop: 0.1,
                ..Rates::default()
            }),
        ),
        (
            "all nulls".to_string(),
            make(Rates {
                nullify: 1.0,
                ..Rates::default()
            }),
        ),
    ];
    // Every sentence its own piece, in order: the verse merge rebuilds the gold beads that
    // lie in one verse.
    let pieces = gold
        .iter()
        .map(|(_, g)| {
            g.iter()
                .flat_map(|(s, t)| {
                    let n = s.len().max(t.len());
                    (0..n).map(move |k| {
                        (
                            s.get(k).copied().into_iter().collect(),
                            t.get(k).copied().into_iter().collect(),
                        )
                    })
                })
                .collect()
        })
        .collect();
    v.push(("one sentence per bead".to_string(), pieces));
    v.push(("empty".to_string(), vec![Vec::new(); gold.len()]));
    v
}

// -------------------------------------------------------------------------- comparison

fn run_python(
    scorer: &Path,
    gold: &Path,
    test: &Path,
    verses: Option<(&Path, &Path)>,
    json: &Path,
) -> String {
    let mut cmd = Command::new("python3");
    cmd.arg(scorer)
        .arg("--gold")
        .arg(gold)
        .arg("--test")
        .arg(test)
        .arg("--json")
        .arg(json);
    if let Some((s, t)) = verses {
        cmd.arg("--src-verse").arg(s).arg("--tgt-verse").arg(t);
    }
    let out = cmd.output().expect("run python3");
    assert!(
        out.status.success(),
        "score_align.py failed on {}: {}",
        test.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn usize_of(v: &Value) -> usize {
    v.as_u64().expect("a count") as usize
}

/// Counts from the scorer's JSON `pcounts` `[tp_strict, fp_strict, tp_lax, fp_lax]` and
/// `rcounts`.
fn counts_of(v: &Value) -> Counts {
    let p: Vec<usize> = v["pcounts"]
        .as_array()
        .expect("pcounts")
        .iter()
        .map(usize_of)
        .collect();
    let r: Vec<usize> = v["rcounts"]
        .as_array()
        .expect("rcounts")
        .iter()
        .map(usize_of)
        .collect();
    assert_eq!(p[0] + p[1], p[2] + p[3]);
    assert_eq!(r[0] + r[1], r[2] + r[3]);
    Counts {
        precision_total: p[0] + p[1],
        precision_strict: p[0],
        precision_lax: p[2],
        recall_total: r[0] + r[1],
        recall_strict: r[0],
        recall_lax: r[2],
    }
}

fn assert_scores(what: &str, ours: &Counts, python: &Value) {
    let s = ours.score();
    for (key, value) in [
        ("precision_strict", s.strict.precision),
        ("recall_strict", s.strict.recall),
        ("f1_strict", s.strict.f1),
        ("precision_lax", s.lax.precision),
        ("recall_lax", s.lax.recall),
        ("f1_lax", s.lax.f1),
    ] {
        let want = python[key].as_f64().expect("a score");
        assert!(
            (value - want).abs() <= 1e-9,
            "{what}: {key} is {value}, the reference says {want}"
        );
    }
}

/// Scores `test` against `gold` with both scorers and asserts that everything agrees.
fn cross_check(
    scorer: &Path,
    gold: &Path,
    test: &Path,
    verse_files: Option<(&Path, &Path)>,
    verses: Option<&Verses>,
    json: &Path,
) -> Report {
    let what = test.display().to_string();
    let stdout = run_python(scorer, gold, test, verse_files, json);
    let python: Value =
        serde_json::from_str(&fs::read_to_string(json).expect("read JSON")).expect("JSON");
    let report = match evaluate_paths(gold, test, verses) {
        Ok(r) => r,
        Err(e) => panic!("{what}: {e}"),
    };
    let docs = python["docs"].as_array().expect("docs");
    assert_eq!(report.docs.len(), docs.len(), "{what}: documents");
    for (ours, theirs) in report.docs.iter().zip(docs) {
        let doc = format!("{what}/{}", ours.name);
        assert_eq!(Some(ours.name.as_str()), theirs["name"].as_str(), "{doc}");
        assert_eq!(
            ours.gold_beads,
            usize_of(&theirs["gold"]),
            "{doc}: gold beads"
        );
        assert_eq!(
            ours.test_beads,
            usize_of(&theirs["test"]),
            "{doc}: test beads"
        );
        assert_eq!(ours.counts, counts_of(theirs), "{doc}: counts");
        assert_scores(&doc, &ours.counts, theirs);
    }
    assert_eq!(
        report.total.counts,
        counts_of(&python),
        "{what}: total counts"
    );
    assert_scores(&format!("{what} total"), &report.total.counts, &python);
    assert_eq!(render_table(&report), stdout, "{what}: printed table");
    report
}

fn read_gold(dir: &Path) -> Vec<(String, Vec<IdBead>)> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("gold dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let beads = read_alignment(&dir.join(&n)).expect("gold parses");
            (n, beads)
        })
        .collect()
}

/// Writes every variant of `gold` under `tmp` and cross-checks it; returns the reports.
fn check_set(
    scorer: &Path,
    gold_dir: &Path,
    verse_files: Option<(&Path, &Path)>,
    seed: u64,
) -> Vec<(String, Report)> {
    let gold = read_gold(gold_dir);
    assert!(!gold.is_empty());
    let verses = verse_files.map(|(s, t)| Verses::load(s, t).expect("verse files load"));
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut reports = Vec::new();
    for (k, (variant, files)) in variants(&gold, seed).into_iter().enumerate() {
        let dir = tmp.path().join(format!("v{k}"));
        fs::create_dir(&dir).expect("mkdir");
        for ((name, _), beads) in gold.iter().zip(&files) {
            fs::write(dir.join(name), format_alignment(beads)).expect("write test file");
        }
        let json = tmp.path().join(format!("v{k}.json"));
        let report = cross_check(scorer, gold_dir, &dir, verse_files, verses.as_ref(), &json);
        println!(
            "{variant}: strict F1 {:.4}, lax F1 {:.4}",
            report.total.counts.score().strict.f1,
            report.total.counts.score().lax.f1
        );
        reports.push((variant, report));
    }
    reports
}

fn total(reports: &[(String, Report)], variant: &str) -> DocScore {
    reports
        .iter()
        .find(|(v, _)| v == variant)
        .map(|(_, r)| r.total.clone())
        .expect("variant")
}

#[test]
fn mac_dev_matches_the_reference_scorer() {
    let Some((eval, scorer)) =
        reference("eval::mac_dev_matches_the_reference_scorer", &["mac-dev"])
    else {
        return;
    };
    let reports = check_set(&scorer, &eval.join("mac-dev/gold"), None, 1);
    // Sanity: the identity is perfect, the empty output scores zero, and the perturbed
    // outputs really differ from the gold.
    assert_eq!(total(&reports, "identity").counts.score().strict.f1, 1.0);
    assert_eq!(total(&reports, "empty").counts.score().lax.f1, 0.0);
    assert!(total(&reports, "heavy").counts.score().strict.f1 < 0.9);
    // Null beads never count for recall.
    let nulls = total(&reports, "all nulls").counts;
    assert_eq!((nulls.recall_strict, nulls.recall_lax), (0, 0));
}

#[test]
fn bible_with_verse_merge_matches_the_reference_scorer() {
    let Some((eval, scorer)) = reference(
        "eval::bible_with_verse_merge_matches_the_reference_scorer",
        &["bible"],
    ) else {
        return;
    };
    let bible = eval.join("bible");
    let (en, zh) = (bible.join("en.verse"), bible.join("zh.verse"));
    let reports = check_set(&scorer, &bible.join("gold"), Some((&en, &zh)), 2);
    assert_eq!(total(&reports, "identity").counts.score().strict.f1, 1.0);
    // The verse merge puts the one-sentence pieces of a verse back together, so most gold
    // beads are found exactly.
    assert!(
        total(&reports, "one sentence per bead")
            .counts
            .score()
            .strict
            .f1
            > 0.95
    );
}

#[test]
fn bible_without_verse_merge_and_single_files_match_the_reference_scorer() {
    let Some((eval, scorer)) = reference(
        "eval::bible_without_verse_merge_and_single_files_match_the_reference_scorer",
        &["bible", "mac-dev"],
    ) else {
        return;
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut rng = Rng(3);
    for set in ["bible", "mac-dev"] {
        let gold_dir = eval.join(set).join("gold");
        for (name, gold) in read_gold(&gold_dir) {
            let test = tmp.path().join(format!("{set}-{name}"));
            fs::write(
                &test,
                format_alignment(&perturb(&gold, &mut rng, Rates::all(0.1))),
            )
            .expect("write test file");
            let json = tmp.path().join(format!("{set}-{name}.json"));
            let report = cross_check(&scorer, &gold_dir.join(&name), &test, None, None, &json);
            assert_eq!(report.docs.len(), 1);
            assert_eq!(report.docs[0].name, name);
        }
    }
}

// ----------------------------------------------------------------------- eval of garbage

/// The reference scorer's `_precision`, link by link: `(distinct candidates, strict, lax)`.
fn naive_hits(
    reference: &[bialign::eval::IdBead],
    candidates: &[bialign::eval::IdBead],
) -> (usize, usize, usize) {
    use std::collections::HashSet;
    let distinct = |beads: &[bialign::eval::IdBead]| -> Vec<bialign::eval::IdBead> {
        let mut seen = HashSet::new();
        beads
            .iter()
            .filter(|(s, t)| !s.is_empty() || !t.is_empty())
            .filter(|b| seen.insert((*b).clone()))
            .cloned()
            .collect()
    };
    let (reference, candidates) = (distinct(reference), distinct(candidates));
    let links: HashSet<(usize, usize)> = reference
        .iter()
        .flat_map(|(s, t)| s.iter().flat_map(move |&a| t.iter().map(move |&b| (a, b))))
        .collect();
    let (mut strict, mut lax) = (0, 0);
    for c in &candidates {
        if reference.contains(c) {
            strict += 1;
            lax += 1;
        } else if c
            .0
            .iter()
            .any(|&a| c.1.iter().any(|&b| links.contains(&(a, b))))
        {
            lax += 1;
        }
    }
    (candidates.len(), strict, lax)
}

fn bead_strategy() -> impl Strategy<Value = bialign::eval::IdBead> {
    (
        prop::collection::vec(0usize..8, 0..4),
        prop::collection::vec(0usize..8, 0..4),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// `evaluate` gives the reference scorer's counts on arbitrary (garbage) alignments:
    /// repeated ids, ids out of order, duplicate and empty beads.
    #[test]
    fn eval_counts_match_the_reference_definition(
        gold in prop::collection::vec(bead_strategy(), 0..12),
        test in prop::collection::vec(bead_strategy(), 0..12),
    ) {
        let c = bialign::eval::evaluate(&gold, &test);
        prop_assert_eq!(
            (c.precision_total, c.precision_strict, c.precision_lax),
            naive_hits(&gold, &test)
        );
        let both = |b: &&bialign::eval::IdBead| !b.0.is_empty() && !b.1.is_empty();
        let g: Vec<_> = gold.iter().filter(both).cloned().collect();
        let t: Vec<_> = test.iter().filter(both).cloned().collect();
        prop_assert_eq!((c.recall_total, c.recall_strict, c.recall_lax), naive_hits(&t, &g));
    }
}

// ------------------------------------------------------------ paths (no Python needed)

fn write(path: &Path, text: &str) {
    fs::write(path, text).expect("write");
}

#[test]
fn directories_pair_files_by_name() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (gold, test) = (tmp.path().join("gold"), tmp.path().join("test"));
    fs::create_dir_all(gold.join("sub")).expect("mkdir");
    fs::create_dir(&test).expect("mkdir");
    write(&gold.join("b.align"), "[0]:[0]\n[1]:[1]\n");
    write(&gold.join("a.align"), "[0,1]:[0]\n");
    write(&gold.join(".hidden"), "not an alignment");
    write(&test.join("a.align"), "[0,1]:[0]\n\n");
    write(&test.join("b.align"), "[0]:[0]\n[1]:[]\n[]:[1]\n");
    write(&test.join("extra.align"), "[0]:[0]\n");
    let report = evaluate_paths(&gold, &test, None).expect("scores");
    let names: Vec<&str> = report.docs.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["a.align", "b.align"]);
    assert_eq!(report.total.name, "TOTAL");
    assert_eq!((report.total.gold_beads, report.total.test_beads), (3, 4));
    assert_eq!(
        report.total.counts,
        report.docs[0].counts + report.docs[1].counts
    );
    assert_eq!(report.total.counts.precision_total, 4);
    assert_eq!(report.total.counts.precision_strict, 2);
    let table = render_table(&report);
    assert!(table.ends_with("strict_f1=0.571 lax_f1=0.571\n"), "{table}");
}

#[test]
fn path_errors_name_the_file() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (gold, test) = (tmp.path().join("gold"), tmp.path().join("test"));
    fs::create_dir(&gold).expect("mkdir");
    fs::create_dir(&test).expect("mkdir");

    // No gold files.
    let e = evaluate_paths(&gold, &test, None).expect_err("empty gold dir");
    assert_eq!(e.kind(), ErrorKind::Config);

    write(&gold.join("001.align"), "[0]:[0]\n");
    write(&gold.join("002.align"), "[0]:[0]\n");
    write(&test.join("001.align"), "[0]:[0]\n");
    let e = evaluate_paths(&gold, &test, None).expect_err("missing test file");
    assert_eq!(e.kind(), ErrorKind::Io);
    assert!(e.to_string().contains("002.align"), "{e}");
    assert!(e.to_string().contains(&test.display().to_string()), "{e}");

    write(&test.join("002.align"), "[0]:[0]\n[1]:[1]\n[2] [2]\n");
    let e = evaluate_paths(&gold, &test, None).expect_err("malformed line");
    assert_eq!(e.kind(), ErrorKind::Parse);
    let want = format!("{}:3: ", test.join("002.align").display());
    assert!(e.to_string().starts_with(&want), "{e}");

    let e = evaluate_paths(&gold.join("001.align"), &test, None).expect_err("file and dir");
    assert_eq!(e.kind(), ErrorKind::Config);
    let e = evaluate_paths(&gold, &test.join("001.align"), None).expect_err("dir and file");
    assert_eq!(e.kind(), ErrorKind::Config);
    let e = evaluate_paths(&tmp.path().join("nope"), &test, None).expect_err("no gold");
    assert_eq!(e.kind(), ErrorKind::Io);
    assert!(e.to_string().contains("nope"), "{e}");

    // A test sentence without a verse line.
    write(&test.join("002.align"), "[0]:[0]\n[5]:[1]\n");
    let verses = Verses::from_text("v1\nv1\n", "v1\nv1\n");
    let e = evaluate_paths(&gold, &test, Some(&verses)).expect_err("no verse");
    assert_eq!(e.kind(), ErrorKind::Config);
    assert!(e.to_string().contains("002.align"), "{e}");
    assert!(e.to_string().contains("sentence 5"), "{e}");

    // Single files: the document is named after the gold file.
    let report =
        evaluate_paths(&gold.join("001.align"), &test.join("001.align"), None).expect("file");
    assert_eq!(report.docs[0].name, "001.align");
    assert_eq!(report.total.counts.score().strict.f1, 1.0);
}
