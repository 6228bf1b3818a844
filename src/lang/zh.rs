//! Chinese: its splitter (`src/text/segment/zh.rs`), numbers (`src/features/numbers.rs`),
//! lexicon and pinyin (`src/lexicon/`) are its own; the profile names the language.

use super::{Profile, Script};

pub(crate) const PROFILE: Profile = Profile {
    code: "zh",
    name: "Chinese",
    script: Script::Han,
    stemmer: None,
    abbreviations: &[],
    starters: &[],
    stop_words: &[],
    pronouns: &[],
    number_words: &[],
};
