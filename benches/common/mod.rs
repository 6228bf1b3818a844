//! Inputs shared by the stage benches (`features`, `score`, `search`, `end_to_end`).
//!
//! The texts come from the evaluation sets in `../shared/eval` (or the directory in
//! `$BIALIGN_EVAL`): mac-dev chapter 001 (Chinese source, English target) and Bible 001
//! (given English to Chinese there; returned here as Chinese rows and English columns, the
//! orientation of `bialign::internals`). When a set is absent its benches are skipped with a
//! message.
//!
//! Run as a test (`cargo test --benches`, `cargo test --all-targets`), criterion runs each
//! routine once; [`test_mode`] then cuts every input to its first [`TEST_MODE_SENTENCES`]
//! sentences so that the run stays cheap.

#![allow(dead_code)] // each bench uses its own subset

use std::path::PathBuf;
use std::time::Duration;

use criterion::Criterion;

/// Sentences per side kept in test mode.
pub const TEST_MODE_SENTENCES: usize = 40;

/// The mac-dev chapter the benches use.
pub const MAC_DEV_CHAPTER: &str = "001";

/// A document pair: Chinese sentences (rows) and English sentences (columns).
pub struct Pair {
    /// Name for the bench id, e.g. `mac-dev-001`.
    pub name: &'static str,
    pub zh: Vec<String>,
    pub en: Vec<String>,
}

impl Pair {
    /// The Chinese sentences as `&str`.
    pub fn zh(&self) -> Vec<&str> {
        self.zh.iter().map(String::as_str).collect()
    }

    /// The English sentences as `&str`.
    pub fn en(&self) -> Vec<&str> {
        self.en.iter().map(String::as_str).collect()
    }

    /// Bytes of text on both sides.
    pub fn bytes(&self) -> u64 {
        self.zh.iter().chain(&self.en).map(|s| s.len() as u64).sum()
    }

    /// Sentences on both sides.
    pub fn sentences(&self) -> u64 {
        (self.zh.len() + self.en.len()) as u64
    }
}

/// True when the bench binary was not started by `cargo bench` (criterion's test mode).
pub fn test_mode() -> bool {
    !std::env::args().any(|a| a == "--bench")
}

/// The evaluation data directory.
pub fn eval_dir() -> PathBuf {
    std::env::var_os("BIALIGN_EVAL")
        .map(PathBuf::from)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval").into())
}

/// The lines of a one-sentence-per-line file (line i is sentence i), cut in test mode.
fn sentences(rel: &str) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(eval_dir().join(rel)).ok()?;
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if test_mode() {
        lines.truncate(TEST_MODE_SENTENCES);
    }
    Some(lines)
}

/// Prints why a bench is skipped.
fn skip(bench: &str, what: &str) {
    eprintln!(
        "{bench} bench: {what} not found under {} (set BIALIGN_EVAL); skipped",
        eval_dir().display()
    );
}

/// mac-dev chapter [`MAC_DEV_CHAPTER`] (Chinese source, English target), if present.
pub fn mac_dev(bench: &str) -> Option<Pair> {
    let zh = sentences(&format!("mac-dev/zh/{MAC_DEV_CHAPTER}"));
    let en = sentences(&format!("mac-dev/en/{MAC_DEV_CHAPTER}"));
    match (zh, en) {
        (Some(zh), Some(en)) => Some(Pair {
            name: "mac-dev-001",
            zh,
            en,
        }),
        _ => {
            skip(bench, "mac-dev");
            None
        }
    }
}

/// Bible 001 (5,000 English and 6,301 Chinese sentences), if present.
pub fn bible_001(bench: &str) -> Option<Pair> {
    match (sentences("bible/zh/001"), sentences("bible/en/001")) {
        (Some(zh), Some(en)) => Some(Pair {
            name: "bible-001",
            zh,
            en,
        }),
        _ => {
            skip(bench, "bible 001");
            None
        }
    }
}

/// The inputs of a bench that runs on both sets, skipping the absent ones.
pub fn both(bench: &str) -> Vec<Pair> {
    mac_dev(bench).into_iter().chain(bible_001(bench)).collect()
}

/// Criterion settings for every stage bench: few samples, short runs, so that
/// `cargo bench` takes minutes, not hours.
pub fn criterion() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

/// Bible 006 (30,000 English and 42,687 Chinese sentences), if present.
pub fn bible_006(bench: &str) -> Option<Pair> {
    match (sentences("bible/zh/006"), sentences("bible/en/006")) {
        (Some(zh), Some(en)) => Some(Pair {
            name: "bible-006",
            zh,
            en,
        }),
        _ => {
            skip(bench, "bible 006");
            None
        }
    }
}
