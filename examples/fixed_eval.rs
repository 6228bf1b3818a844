//! Constrained alignment on the mac-dev chapters, as `scripts/fixed-eval.sh` runs it:
//!
//! - `acceptance` (the default): on each chapter, the gold bead is fixed at each of the first
//!   three errors in turn (realigning after each, with a [`Realigner`]); prints the strict F1
//!   before and after, the correct beads gained, and how many of them the realignment
//!   repaired beyond the three fixed beads.
//! - `one-by-one`: every gold bead fixed in document order, each fix adding to the ones
//!   before; prints where the strict F1 fell, if anywhere.
//!
//! ```text
//! cargo run --release --example fixed_eval -- [acceptance|one-by-one] [EVAL_DIR]
//! ```

use bialign::eval::{evaluate, read_alignment, IdBead};
use bialign::text::{Lang, Segmenter, Text};
use bialign::{Aligner, Alignment, FixedBead, Realigner};
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().map_or("acceptance", String::as_str);
    let eval = args.get(1).map_or_else(
        || {
            std::env::var_os("BIALIGN_EVAL")
                .map_or_else(|| PathBuf::from("../shared/eval"), PathBuf::from)
        },
        PathBuf::from,
    );
    let dir = eval.join("mac-dev");
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return Ok(());
    }
    let mut chapters: Vec<String> = std::fs::read_dir(dir.join("zh"))?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    chapters.sort();
    let aligner = Aligner::new();
    match mode {
        "acceptance" => acceptance(&aligner, &dir, &chapters),
        "one-by-one" => one_by_one(&aligner, &dir, &chapters),
        "drift" => drift(&aligner, &dir, &args[2]),
        "show" => show(&aligner, &dir, &args[2], args[3].parse()?),
        other => Err(format!("unknown mode `{other}` (acceptance or one-by-one)").into()),
    }
}

/// A chapter's two texts (one sentence a line, as `--presplit` reads them) and its gold.
fn chapter(
    dir: &Path,
    name: &str,
) -> Result<(Text, Text, Vec<IdBead>), Box<dyn std::error::Error>> {
    let seg = Segmenter::new().presplit(true);
    let zh = seg.segment(
        &std::fs::read_to_string(dir.join("zh").join(name))?,
        Lang::Zh,
    );
    let en = seg.segment(
        &std::fs::read_to_string(dir.join("en").join(name))?,
        Lang::En,
    );
    let gold = read_alignment(&dir.join("gold").join(format!("{name}.align")))?;
    Ok((zh, en, gold))
}

fn ids(a: &Alignment) -> Vec<IdBead> {
    a.beads
        .iter()
        .map(|b| (b.src.clone().collect(), b.tgt.clone().collect()))
        .collect()
}

/// Strict F1 and the number of output beads identical to a gold bead.
fn strict(gold: &[IdBead], a: &Alignment) -> (f64, usize) {
    let c = evaluate(gold, &ids(a));
    (c.score().strict.f1, c.precision_strict)
}

/// The gold bead as a fixed bead (a null bead placed where the gold beads before it end).
fn fixed_of(gold: &[IdBead], k: usize) -> FixedBead {
    let (s, t) = &gold[k];
    let end = |side: fn(&IdBead) -> &Vec<usize>| {
        gold[..k]
            .iter()
            .rev()
            .find_map(|b| side(b).last().map(|x| x + 1))
            .unwrap_or(0)
    };
    let range = |ids: &Vec<usize>, at: usize| match (ids.first(), ids.last()) {
        (Some(&a), Some(&b)) => a..b + 1,
        _ => at..at,
    };
    FixedBead::new(range(s, end(|b| &b.0)), range(t, end(|b| &b.1)))
}

/// The first gold bead (in document order) that the alignment does not contain.
fn first_error(gold: &[IdBead], a: &Alignment) -> Option<usize> {
    let have: std::collections::HashSet<IdBead> = ids(a).into_iter().collect();
    gold.iter().position(|b| !have.contains(b))
}

fn acceptance(
    aligner: &Aligner,
    dir: &Path,
    chapters: &[String],
) -> Result<(), Box<dyn std::error::Error>> {
    println!(
        "chapter  beads  F1 before  F1 after  F1 three alone  correct +  of them repaired  ms/fix"
    );
    let (mut gained, mut fixed_total) = (0usize, 0usize);
    let (mut f1_before, mut f1_after, mut f1_three) = (0.0, 0.0, 0.0);
    for name in chapters {
        let (zh, en, gold) = chapter(dir, name)?;
        let mut r = Realigner::new(aligner, &zh, &en)?;
        let (before, hits0) = strict(&gold, r.alignment());
        let outputs0 = r.alignment().beads.len();
        let mut fixes = 0;
        let mut ms = 0.0;
        while fixes < 3 {
            let Some(k) = first_error(&gold, r.alignment()) else {
                break;
            };
            let t = std::time::Instant::now();
            r.fix(fixed_of(&gold, k))?;
            ms += t.elapsed().as_secs_f64() * 1000.0;
            fixes += 1;
        }
        let (after, hits1) = strict(&gold, r.alignment());
        // The F1 had the three beads been put right and nothing else changed: three more
        // correct beads among as many output beads.
        let gold_pairs = gold
            .iter()
            .filter(|(s, t)| !s.is_empty() && !t.is_empty())
            .count();
        let three = 2.0 * (hits0 + fixes) as f64 / (outputs0 + gold_pairs) as f64;
        println!(
            "{name}      {:>4}  {before:.4}     {after:.4}    {three:.4}          {:>+3}        {:>+3}            {:.1}",
            gold.len(),
            hits1 as i64 - hits0 as i64,
            hits1 as i64 - hits0 as i64 - fixes as i64,
            ms / fixes.max(1) as f64
        );
        gained += hits1 - hits0.min(hits1);
        fixed_total += fixes;
        f1_before += before;
        f1_after += after;
        f1_three += three;
    }
    let n = chapters.len() as f64;
    println!(
        "mean     F1 {:.4} -> {:.4} (three beads alone: {:.4}); {gained} correct beads gained for {fixed_total} fixed: {} repaired by the realignment",
        f1_before / n,
        f1_after / n,
        f1_three / n,
        gained as i64 - fixed_total as i64
    );
    Ok(())
}

fn one_by_one(
    aligner: &Aligner,
    dir: &Path,
    chapters: &[String],
) -> Result<(), Box<dyn std::error::Error>> {
    let mut falls = 0;
    for name in chapters {
        let (zh, en, gold) = chapter(dir, name)?;
        let mut r = Realigner::new(aligner, &zh, &en)?;
        let (mut last, _) = strict(&gold, r.alignment());
        let first = last;
        let mut worst_ms: f64 = 0.0;
        for k in 0..gold.len() {
            let t = std::time::Instant::now();
            r.fix(fixed_of(&gold, k))?;
            worst_ms = worst_ms.max(t.elapsed().as_secs_f64() * 1000.0);
            let (f1, _) = strict(&gold, r.alignment());
            if f1 < last - 1e-12 {
                falls += 1;
                println!("{name}: bead {k}: F1 {last:.4} -> {f1:.4}");
            }
            last = f1;
        }
        let batch = aligner.align_fixed(&zh, &en, r.fixed())?;
        println!(
            "{name}: F1 {first:.4} -> {last:.4} over {} fixes (slowest {worst_ms:.1} ms); align_fixed with them all {}",
            gold.len(),
            if &batch == r.alignment() { "agrees" } else { "DIFFERS" }
        );
    }
    println!("{falls} falls");
    Ok(())
}

/// Debug: the beads around gold bead `k` of chapter `name` before and after fixing it (with
/// the gold beads before it fixed).
#[allow(dead_code)]
pub fn show(
    aligner: &Aligner,
    dir: &Path,
    name: &str,
    k: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let (zh, en, gold) = chapter(dir, name)?;
    let mut r = Realigner::new(aligner, &zh, &en)?;
    for g in 0..k {
        r.fix(fixed_of(&gold, g))?;
    }
    let have: std::collections::HashSet<IdBead> = gold.iter().cloned().collect();
    let print = |a: &Alignment| {
        for b in a.beads.iter().filter(|b| {
            b.src.start + 3 >= gold[k].0.first().copied().unwrap_or(0)
                && b.src.start <= gold[k].0.first().copied().unwrap_or(0) + 12
        }) {
            let id: IdBead = (b.src.clone().collect(), b.tgt.clone().collect());
            println!(
                "  {} {:.3} {}",
                b.to_ids(),
                b.score,
                if have.contains(&id) { "ok" } else { "WRONG" }
            );
        }
    };
    println!("before fixing gold {k} {:?}:", gold[k]);
    print(r.alignment());
    let c = r.fix(fixed_of(&gold, k))?;
    println!("after ({c:?}):");
    print(r.alignment());
    Ok(())
}

/// Debug: for each 1-1 gold bead of chapter `name`, deletes its English sentence, aligns,
/// and prints the wrong beads among the ten gold beads after the first error at or after it,
/// before and after fixing that error.
#[allow(dead_code)]
pub fn drift(aligner: &Aligner, dir: &Path, name: &str) -> Result<(), Box<dyn std::error::Error>> {
    let (zh, _, gold0) = chapter(dir, name)?;
    let en_lines: Vec<String> = std::fs::read_to_string(dir.join("en").join(name))?
        .lines()
        .map(str::to_string)
        .collect();
    for k in 0..gold0.len() {
        let (s, t) = &gold0[k];
        if s.len() != 1 || t.len() != 1 {
            continue;
        }
        let deleted = t[0];
        let mut lines = en_lines.clone();
        lines.remove(deleted);
        let en = Segmenter::new()
            .presplit(true)
            .segment(&lines.join("\n"), Lang::En);
        let gold: Vec<IdBead> = gold0
            .iter()
            .map(|(s, t)| {
                (
                    s.clone(),
                    t.iter()
                        .filter(|&&x| x != deleted)
                        .map(|&x| if x > deleted { x - 1 } else { x })
                        .collect(),
                )
            })
            .collect();
        let mut r = Realigner::new(aligner, &zh, &en)?;
        let have =
            |a: &Alignment| -> std::collections::HashSet<IdBead> { ids(a).into_iter().collect() };
        let Some(first) = (k..gold.len()).find(|&g| !have(r.alignment()).contains(&gold[g])) else {
            continue;
        };
        let end = (first + 11).min(gold.len());
        let wrong = |a: &Alignment| {
            (first + 1..end)
                .filter(|&g| !have(a).contains(&gold[g]))
                .count()
        };
        let before = wrong(r.alignment());
        r.fix(fixed_of(&gold, first))?;
        println!("delete en {deleted} (gold {k}): first error gold {first}, wrong after it {before} -> {}", wrong(r.alignment()));
    }
    Ok(())
}
