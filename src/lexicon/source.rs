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
/// hunalign's format (`english @ chinese`), the side holding Han characters taken as the
/// Chinese one in either. Comments (`#`), blank lines, English phrases, stop words and
/// Chinese strings longer than [`MAX_PATTERN_CHARS`] are skipped.
pub(crate) fn for_each_pair(text: &str, mut add: impl FnMut(&str, &str)) -> Result<(), BadLine> {
    let stemmer = Stemmer::create(Algorithm::English);
    for_each_line(text, |en, zh| {
        // Phrase keys are not used by the token model yet.
        if en.is_empty() || en.contains(' ') {
            return;
        }
        let en = en.to_lowercase();
        // Stop words never occur among English tokens: their pairs would only make Chinese
        // function words look like untranslated content.
        if is_stop_word(&en) {
            return;
        }
        let stem = stemmer.stem(&en);
        for zh in alternatives(zh) {
            if zh.chars().count() <= MAX_PATTERN_CHARS {
                add(&stem, zh);
            }
        }
    })
}

/// Calls `add(word, translation)` for each pair of dictionary text of any two languages,
/// as written: the formats of [`for_each_pair`] (`word<TAB>t1|t2` or `word @ translation`;
/// a side with Han characters comes second), each alternative of either side on its own,
/// phrases of words with spaces skipped on a side without Han characters. The caller
/// tokenises the words in their languages.
pub(crate) fn for_each_word_pair(
    text: &str,
    mut add: impl FnMut(&str, &str),
) -> Result<(), BadLine> {
    let word = |w: &&str| has_han(w) || !w.contains(' ');
    for_each_line(text, |a, b| {
        for a in alternatives(a).filter(word) {
            for b in alternatives(b).filter(word) {
                add(a, b);
            }
        }
    })
}

/// The alternatives of one side of a pair (`a|b`), trimmed, empty ones left out.
fn alternatives(side: &str) -> impl Iterator<Item = &str> {
    side.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// Calls `pair(left, right)` with the two trimmed sides of every line of dictionary text
/// that is not blank or a comment, the side holding Han characters second.
fn for_each_line(text: &str, mut pair: impl FnMut(&str, &str)) -> Result<(), BadLine> {
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((a, b)) = line.split_once('\t').or_else(|| line.split_once(" @ ")) else {
            return Err(BadLine(n + 1));
        };
        let (a, b) = if has_han(a) && !has_han(b) {
            (b, a)
        } else {
            (a, b)
        };
        pair(a.trim(), b.trim());
    }
    Ok(())
}

fn has_han(s: &str) -> bool {
    s.chars().any(is_han_ideograph)
}
