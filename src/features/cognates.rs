//! Cognates and names across languages and scripts: a word is compared with words of the
//! other language in a common romanisation (`deunicode`), by a key that survives the usual
//! differences of spelling between languages and transliterations: its consonant skeleton.
//!
//! The skeleton of `Abraham`, `Abrahams` (stemmed to `abraham`) and `Авраам` (`avraam`) is
//! `brm`: vowels and `h` dropped (`y`, `j` and `w` count as vowels, as transliterations
//! swap them), the letters that transliterations confuse merged (`b v w` are `b`, `c k q`
//! are `k`, `z s` are `s`, `ph` is `f`, `x` is `ks`), doubled letters made one. A key of
//! fewer than two consonants says too little and is no key. Two words with the same key are
//! taken for the same word; the cost model's chance correction makes a key that many
//! sentences share count for little, so a chance collision costs little.

/// Fewest letters of a word (romanised) for it to have a key.
pub(crate) const MIN_LETTERS: usize = 4;
/// Fewest consonants of a key.
const MIN_KEY: usize = 2;
/// Most consonants of a key: a longer skeleton is cut (inflected endings vary).
const MAX_KEY: usize = 4;

/// `word` in ASCII lower-case letters (other characters dropped).
pub(crate) fn romanise(word: &str) -> String {
    let ascii: std::borrow::Cow<str> = if word.is_ascii() {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(deunicode::deunicode(word))
    };
    ascii
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The cognate key of a word (see the [module documentation](self)), if it has one.
pub(crate) fn key(word: &str) -> Option<String> {
    let r = romanise(word);
    if r.len() < MIN_LETTERS {
        return None;
    }
    let b = r.as_bytes();
    let mut out = String::with_capacity(MAX_KEY);
    let mut k = 0;
    while k < b.len() && out.len() < MAX_KEY {
        let c = b[k];
        let next = b.get(k + 1).copied();
        let mapped: &str = match c {
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'j' | b'w' | b'h' => "",
            b'p' if next == Some(b'h') => "f",
            b'b' | b'v' => "b",
            b'c' | b'k' | b'q' | b'g' => "k",
            b'z' | b's' => "s",
            b'x' => "ks",
            b'd' | b't' => "t",
            _ => std::str::from_utf8(&b[k..k + 1]).unwrap_or(""),
        };
        for m in mapped.chars() {
            if !out.ends_with(m) && out.len() < MAX_KEY {
                out.push(m);
            }
        }
        k += 1;
    }
    (out.len() >= MIN_KEY).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_meet_across_scripts() {
        let same = [
            ("abraham", "авраам"),
            ("isaac", "исаак"),
            ("jacob", "иаков"),
            ("david", "давид"),
            ("philippe", "филипп"),
            ("egypt", "ägypt"),
        ];
        for (a, b) in same {
            assert_eq!(key(a), key(b), "{a} and {b}");
            assert!(key(a).is_some(), "{a} has no key");
        }
        assert_ne!(key("abraham"), key("moses"));
        assert_eq!(key("und"), None, "too short");
        assert_eq!(romanise("Ägypten"), "agypten");
        assert_eq!(romanise("في"), "fy");
    }
}
