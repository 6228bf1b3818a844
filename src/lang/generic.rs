//! The generic profiles: any language without a file of its own, by script, with the
//! Snowball stemmer of its code where `rust-stemmers` has one. Sentences end at a
//! terminator followed by a space and then a capital, an opener or a digit (or any letter,
//! in a script without capitals), unless the word before is a single letter (an initial).

use super::{Profile, Script};
use rust_stemmers::Algorithm;

const fn generic(script: Script) -> Profile {
    Profile {
        code: "und",
        name: "any language",
        script,
        stemmer: None,
        abbreviations: &[],
        starters: &[],
        stop_words: &[],
        pronouns: &[],
        number_words: &[],
    }
}

static GENERIC: [Profile; Script::ALL.len()] = [
    generic(Script::Han),
    generic(Script::Latin),
    generic(Script::Cyrillic),
    generic(Script::Greek),
    generic(Script::Arabic),
    generic(Script::Hebrew),
    generic(Script::Other),
];

/// The generic profile of a script.
pub(crate) fn profile(script: Script) -> &'static Profile {
    &GENERIC[script as usize]
}

/// The Snowball stemmer `rust-stemmers` has for an ISO 639-1 code.
pub(crate) fn stemmer(code: &str) -> Option<Algorithm> {
    Some(match code {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}
