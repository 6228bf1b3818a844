//! Chinese words as jieba-rs segments them (the `jieba` feature): an alternative to Han
//! n-grams for the learned lexicon, measured in issue 16.

use crate::chars::is_han_ideograph;
use jieba_rs::Jieba;
use std::ops::RangeInclusive;
use std::sync::OnceLock;

/// jieba with its embedded dictionary, built once per process (about 0.4 s).
fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// The distinct words of `text` (jieba, with its HMM for unknown words) made of Han
/// characters only, with a number of characters in `chars`.
pub(crate) fn han_words(text: &str, chars: RangeInclusive<usize>) -> Vec<&str> {
    let mut words: Vec<&str> = jieba()
        .cut(text, true)
        .into_iter()
        .filter(|w| chars.contains(&w.chars().count()) && w.chars().all(is_han_ideograph))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_han_and_of_the_asked_lengths() {
        let words = han_words("叶文洁看着天空，说：“我们走吧。”2021年", 2..=4);
        assert!(words.contains(&"天空"), "{words:?}");
        assert!(words.iter().all(|w| (2..=4).contains(&w.chars().count())));
        assert!(!words.iter().any(|w| w.contains('年') && w.contains('2')));
    }
}
