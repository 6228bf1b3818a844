//! `profile_tests!`: the checks every language profile passes, with messages that say how
//! to fix a failure.

/// Tests that a profile's lists are usable: lower case, no spaces at the ends, no
/// duplicates, abbreviations without their last full stop, stop words that are neither
/// pronouns nor number words, the script agreeing with the letters.
macro_rules! profile_tests {
    ($name:ident, $profile:expr) => {
        #[test]
        fn $name() {
            $crate::lang::testing::check(&$profile);
        }
    };
}
pub(crate) use profile_tests;

use super::{Profile, Script};

pub(crate) fn check(p: &Profile) {
    let lists: [(&str, Vec<&str>); 5] = [
        ("abbreviations", p.abbreviations.to_vec()),
        ("starters", p.starters.to_vec()),
        ("stop_words", p.stop_words.to_vec()),
        ("pronouns", p.pronouns.to_vec()),
        (
            "number_words",
            p.number_words.iter().map(|(w, _)| *w).collect(),
        ),
    ];
    for (list, words) in &lists {
        for (k, w) in words.iter().enumerate() {
            let at = format!("profile {:?}, {list}[{k}] {w:?}", p.code);
            assert!(!w.is_empty(), "{at}: empty: remove it");
            assert_eq!(w.trim(), *w, "{at}: spaces at its ends: trim them");
            assert_eq!(w.to_lowercase(), *w, "{at}: write it in lower case");
            assert!(!words[..k].contains(w), "{at}: listed twice: remove one");
            let letters: Vec<Script> = w.chars().filter_map(Script::of_char).collect();
            assert!(
                p.script == Script::Han
                    || letters
                        .iter()
                        .all(|&s| s == p.script || s == Script::Latin && *list == "abbreviations"),
                "{at}: letters of another script than {:?}: check the profile's script",
                p.script
            );
        }
    }
    for a in p.abbreviations {
        assert!(
            !a.ends_with('.'),
            "profile {:?}: abbreviation {a:?} ends with a full stop: leave the last one out",
            p.code
        );
    }
    for w in p.pronouns {
        assert!(
            !p.stop_words.contains(w),
            "profile {:?}: {w:?} is a stop word and a pronoun: a pronoun is a content token, \
             remove it from stop_words",
            p.code
        );
    }
    for (w, v) in p.number_words {
        assert!(
            !p.stop_words.contains(w) || *v == 1,
            "profile {:?}: {w:?} is a stop word and a number word: remove it from one list",
            p.code
        );
    }
}
