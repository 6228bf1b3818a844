//! A template for a new language (in no table; its test checks it as a filled-in profile
//! is checked). To add a language `xx`:
//!
//! 1. copy this file to `src/lang/xx.rs` and declare it (`mod xx;`) in `src/lang/mod.rs`;
//! 2. fill in the lists (lower case; abbreviations without their last full stop);
//! 3. add `&xx::PROFILE` to `PROFILES` and a line `profile_tests!(xx, xx::PROFILE);`;
//! 4. if the language is not written in Latin letters, add its code to `usual_script`;
//! 5. its character classes (quotes, terminators) go in `src/chars/`, never here.
//!
//! Until then, the language aligns with the generic profile of its script.

use super::{Profile, Script};

pub(crate) const PROFILE: Profile = Profile {
    code: "xx",
    name: "Template",
    script: Script::Latin,
    stemmer: None,
    abbreviations: &["abbr", "e.g"],
    starters: &["the"],
    stop_words: &["and"],
    pronouns: &["he", "she"],
    number_words: &[("one", 1), ("two", 2)],
};
