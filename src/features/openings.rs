//! Opening words: the word each sentence of an alphabetic text starts with, as a class among
//! the side's most frequent openings.
//!
//! The words that open sentences in narration are connectives and pronouns (`Da`, `Denn`,
//! `Aber`, `Und` against `Alors`, `Car`, `Mais`, `Et`): stop words that the lexicon and
//! the learned pairs leave out, yet where one side opens a sentence with `Denn` the other
//! opens its counterpart with `Car` far more often than chance. The cost model learns that
//! from a first pass, as it learns the boundary punctuation (a PMI table over the openings
//! of each bead's first sentences, `estimate::estimate_pmi`): it says where a bead starts
//! when a short sentence at a verse's edge has no content word to decide by.

use rustc_hash::FxHashMap as HashMap;

/// Classes of opening words: class 0 holds every sentence whose opening word is rare or
/// missing, classes 1 to `OPENINGS - 1` the side's most frequent openings.
pub(crate) const OPENINGS: usize = 64;

/// Fewest sentences a word must open to have a class of its own: rarer openings say too
/// little for a PMI estimated from one document.
const MIN_SENTENCES: usize = 5;

/// The opening word of `s`, lower-cased: its first run of letters (`"Denn` gives `denn`,
/// `L'Esprit` gives `l`), empty when it has none.
fn opening_word(s: &str) -> String {
    s.chars()
        .skip_while(|c| !c.is_alphabetic())
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Each sentence's opening class ([`OPENINGS`]): the words that open at least
/// [`MIN_SENTENCES`] sentences, most frequent first (ties by the word, so that the classes
/// do not depend on hashing), numbered from 1; 0 for the rest.
pub(crate) fn openings(side: &[&str]) -> Vec<u8> {
    let words: Vec<String> = side.iter().map(|s| opening_word(s)).collect();
    let mut counts: HashMap<&str, usize> = HashMap::default();
    for w in words.iter().filter(|w| !w.is_empty()) {
        *counts.entry(w).or_default() += 1;
    }
    let mut ranked: Vec<(&str, usize)> = counts
        .into_iter()
        .filter(|&(_, n)| n >= MIN_SENTENCES)
        .collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked.truncate(OPENINGS - 1);
    // Classes 1..OPENINGS fit a u8 (checked below).
    let class: HashMap<&str, u8> = ranked
        .iter()
        .enumerate()
        .map(|(k, &(w, _))| (w, (k + 1) as u8))
        .collect();
    words
        .iter()
        .map(|w| class.get(w.as_str()).copied().unwrap_or(0))
        .collect()
}

const _: () = assert!(OPENINGS <= 256);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_words() {
        let cases = [
            ("plain", "Da krähte ein Hahn.", "da"),
            (
                "after a quotation mark",
                "„Denn wer hat, dem wird gegeben.“",
                "denn",
            ),
            ("after a guillemet", "« Mais il ne le pouvait pas.", "mais"),
            ("elided article", "L'Esprit du Seigneur est sur moi.", "l"),
            ("Cyrillic", "И сказал им:", "и"),
            ("digits first", "14 Generationen.", "generationen"),
            ("no letters", "— 12 —", ""),
        ];
        for (name, s, want) in cases {
            assert_eq!(opening_word(s), want, "{name}: {s:?}");
        }
    }

    #[test]
    fn frequent_openings_get_classes_by_frequency() {
        let mut side = vec!["Und er sprach."; 7];
        side.extend(["Da kam er."; 5]);
        side.extend(["Dann ging er."; 4]);
        side.push("Aber nein.");
        let classes = openings(&side);
        assert_eq!(classes[0], 1, "`und` opens the most sentences");
        assert_eq!(classes[7], 2, "`da` opens five");
        assert!(
            classes[12..].iter().all(|&c| c == 0),
            "fewer than {MIN_SENTENCES} sentences share class 0: {classes:?}"
        );
    }

    #[test]
    fn at_most_openings_classes() {
        // 100 distinct opening words, each opening enough sentences for a class.
        let word = |k: u8| {
            format!(
                "{}{} ist da.",
                char::from(b'a' + k / 26),
                char::from(b'a' + k % 26)
            )
        };
        let texts: Vec<String> = (0..100u8)
            .flat_map(|k| std::iter::repeat_n(word(k), MIN_SENTENCES))
            .collect();
        let side: Vec<&str> = texts.iter().map(String::as_str).collect();
        let classes = openings(&side);
        let most = classes.iter().copied().max().map(usize::from);
        assert_eq!(
            most,
            Some(OPENINGS - 1),
            "the classes stop at {}",
            OPENINGS - 1
        );
        assert_eq!(
            classes.iter().filter(|&&c| c == 0).count(),
            (100 - (OPENINGS - 1)) * MIN_SENTENCES
        );
    }
}
