//! English: its word lists are the richer ones of `src/chars/` (abbreviations with their
//! kinds, stop words) and `src/features/numbers.rs` (compound number phrases), which the
//! English splitter and tokenizer use directly; the profile names the language.

use super::{Profile, Script};
use rust_stemmers::Algorithm;

pub(crate) const PROFILE: Profile = Profile {
    code: "en",
    name: "English",
    script: Script::Latin,
    stemmer: Some(Algorithm::English),
    abbreviations: &[],
    starters: &[],
    stop_words: &[],
    pronouns: &[],
    number_words: &[],
};
