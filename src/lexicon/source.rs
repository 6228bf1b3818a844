//! Dictionary text to (English stem, Chinese string) pairs.
//!
//! A leaf module: it uses only std, rust-stemmers and the leaf module `chars` (character
//! classes and stop words), so that `build.rs` can include it and compile the bundled lexicon
//! by exactly the rules the library applies to a user's dictionary.

use crate::chars::is_han_ideograph;
use crate::chars::stop_words::is_stop_word;
use rust_stemmers::{Algorithm, Stemmer};

/// The longest Chinese translation, in characters, that is kept.
pub(crate) const MAX_PATTERN_CHARS: usize = 8;

/// A line that is neither `english<TAB>chinese` nor `english @ chinese`, by its 1-based number.
#[derive(Debug)]
pub(crate) struct BadLine(pub usize);

/// Calls `add(stem, chinese)` for each pair of dictionary text: TSV (`english<TAB>zh1|zh2`) or
/// hunalign's format (`english @ chinese`, the side holding Han characters taken as the
/// Chinese one). Comments (`#`), blank lines, English phrases, stop words and Chinese strings
/// longer than [`MAX_PATTERN_CHARS`] are skipped.
pub(crate) fn for_each_pair(text: &str, mut add: impl FnMut(&str, &str)) -> Result<(), BadLine> {
    let stemmer = Stemmer::create(Algorithm::English);
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (en, zh) = if let Some((a, b)) = line.split_once('\t') {
            (a, b)
        } else if let Some((a, b)) = line.split_once(" @ ") {
            if has_han(a) && !has_han(b) {
                (b, a)
            } else {
                (a, b)
            }
        } else {
            return Err(BadLine(n + 1));
        };
        let en = en.trim();
        // Phrase keys are not used by the token model yet.
        if en.is_empty() || en.contains(' ') {
            continue;
        }
        let en = en.to_lowercase();
        // Stop words never occur among English tokens: their pairs would only make Chinese
        // function words look like untranslated content.
        if is_stop_word(&en) {
            continue;
        }
        let stem = stemmer.stem(&en);
        for zh in zh.split('|') {
            let zh = zh.trim();
            if !zh.is_empty() && zh.chars().count() <= MAX_PATTERN_CHARS {
                add(&stem, zh);
            }
        }
    }
    Ok(())
}

fn has_han(s: &str) -> bool {
    s.chars().any(is_han_ideograph)
}
