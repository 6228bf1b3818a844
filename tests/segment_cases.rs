//! Table-driven sentence segmentation cases for the Chinese and English splitters.

use bialign::text::{EnSplitter, SentenceSplitter, ZhSplitter};

fn sentences<'a>(splitter: &dyn SentenceSplitter, text: &'a str) -> Vec<&'a str> {
    splitter.split(text).into_iter().map(|r| &text[r]).collect()
}

/// Mac-dev style report (ignored by default): `cargo test --test segment_cases -- --ignored
/// --nocapture mac_dev`. Reads `../shared/eval/mac-dev` (or `$BIALIGN_MAC_DEV`), joins each
/// file's gold sentences into one paragraph and prints the share of gold boundaries the
/// splitters reproduce and the share of extra breaks. With `BIALIGN_SEGMENT_DEBUG=1` the
/// missed and extra boundaries are printed too.
#[test]
#[ignore]
fn mac_dev_report() {
    let dir = std::env::var("BIALIGN_MAC_DEV")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval/mac-dev").into());
    let debug = std::env::var_os("BIALIGN_SEGMENT_DEBUG").is_some();
    let zh = ZhSplitter::new();
    let en = EnSplitter::new();
    for (lang, splitter, joiner) in [
        ("zh", &zh as &dyn SentenceSplitter, ""),
        ("en", &en as &dyn SentenceSplitter, " "),
    ] {
        let Ok(entries) = std::fs::read_dir(format!("{dir}/{lang}")) else {
            println!("no mac-dev data in {dir}");
            return;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        let (mut gold_n, mut hit, mut pred_n, mut term_gold, mut term_hit) = (0, 0, 0, 0, 0);
        for path in paths {
            let content = std::fs::read_to_string(&path).unwrap_or_default();
            let lines: Vec<&str> = content
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            let text = lines.join(joiner);
            let mut gold = std::collections::BTreeMap::new();
            let mut off = 0;
            for (k, l) in lines.iter().enumerate() {
                if k > 0 {
                    let prev_last = lines[k - 1]
                        .trim_end_matches(['”', '’', '"', '\'', '」', '』', ')', '）'])
                        .chars()
                        .last();
                    let terminated =
                        matches!(prev_last, Some('。' | '！' | '？' | '!' | '?' | '.' | '…'));
                    gold.insert(off, terminated);
                }
                off += l.len() + joiner.len();
            }
            let pred: std::collections::BTreeSet<usize> = splitter
                .split(&text)
                .iter()
                .skip(1)
                .map(|r| r.start)
                .collect();
            gold_n += gold.len();
            pred_n += pred.len();
            for (&g, &terminated) in &gold {
                let found = pred.contains(&g);
                hit += usize::from(found);
                if terminated {
                    term_gold += 1;
                    term_hit += usize::from(found);
                }
                if debug && !found {
                    let a = text.floor_char_boundary(g.saturating_sub(40));
                    let b = text.ceil_char_boundary((g + 30).min(text.len()));
                    println!("MISS {lang} {}|{}", &text[a..g], &text[g..b]);
                }
            }
            for &p in &pred {
                if !gold.contains_key(&p) && debug {
                    let a = text.floor_char_boundary(p.saturating_sub(40));
                    let b = text.ceil_char_boundary((p + 30).min(text.len()));
                    println!("EXTRA {lang} {}|{}", &text[a..p], &text[p..b]);
                }
            }
        }
        let extra = pred_n - hit;
        println!(
            "{lang}: gold boundaries {gold_n}, reproduced {hit} ({:.1}%); after a terminator {term_gold}, reproduced {term_hit} ({:.1}%); predicted {pred_n}, extra {extra} ({:.1}% of predicted)",
            100.0 * hit as f64 / gold_n.max(1) as f64,
            100.0 * term_hit as f64 / term_gold.max(1) as f64,
            100.0 * extra as f64 / pred_n.max(1) as f64,
        );
    }
}
