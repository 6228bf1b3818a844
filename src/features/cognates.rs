//! Cognates and names across languages and scripts: a word is compared with words of the
//! other language in a common romanisation (`deunicode`), by a key that survives the usual
//! differences of spelling between languages and transliterations: its consonant skeleton.
//!
//! The skeleton of `Abraham`, `Abrahams` (stemmed to `abraham`) and `Авраам` (`avraam`) is
//! `brm`: vowels and `h` dropped (`y`, `j` and `w` count as vowels, as transliterations
//! swap them), the letters that transliterations confuse merged (`b v w` are `b`, `c k q`
//! are `k`, `z s` are `s`, `ph` is `f`, `x` is `ks`), doubled letters made one. A key of
//! fewer than two consonants says too little and is no key.
//!
//! A skeleton of two to four consonants is shared by many words that are not cognates
//! (German `kind` and French `quand`, `narr` and `honor`): the key only finds candidates.
//! Two words are taken for the same word when they share the key and their spellings
//! ([`Cognate::spelling`]: the romanisation with the same letters merged, vowels kept) are
//! within an edit distance of less than 40 % of the longer one ([`Cognate::matches`]): `abraham` and
//! `avraam`, `joseph` and `iosif`, `agypt` and `egypt` are, `kind` and `quand` are not.

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

/// Largest edit distance between two cognates' spellings, as a share of the longer one.
const MAX_DISTANCE: f64 = 0.4;

/// A word as cognates are compared: its key and its spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cognate {
    /// The consonant skeleton (see the [module documentation](self)).
    pub(crate) key: String,
    /// The romanised word with the letters that spellings and transliterations swap merged
    /// (`y j` are `i`, `b v w` are `b`, `c k q g` are `k`, `z` is `s`, `ph` is `f`, `x` is `ks`),
    /// `h` dropped and doubled letters made one; vowels stay.
    pub(crate) spelling: Vec<u8>,
}

impl Cognate {
    /// The cognate form of `word`, if it has a key.
    pub(crate) fn of(word: &str) -> Option<Cognate> {
        let r = romanise(word);
        let key = key_of_romanised(&r)?;
        Some(Cognate {
            key,
            spelling: spelling(r.as_bytes()),
        })
    }

    /// Whether `other`, of the same key, is taken for the same word: the edit distance of
    /// the spellings is less than [`MAX_DISTANCE`] times the longer one's length.
    pub(crate) fn matches(&self, other: &Cognate) -> bool {
        let longest = self.spelling.len().max(other.spelling.len());
        (edit_distance(&self.spelling, &other.spelling) as f64) < MAX_DISTANCE * longest as f64
    }
}

/// See [`Cognate::spelling`].
fn spelling(r: &[u8]) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(r.len());
    let mut k = 0;
    while k < r.len() {
        let c = r[k];
        let next = r.get(k + 1).copied();
        let mapped: &[u8] = match c {
            b'p' if next == Some(b'h') => {
                k += 1;
                b"f"
            }
            b'y' | b'j' => b"i",
            b'w' | b'v' => b"b",
            b'h' => b"",
            b'c' | b'k' | b'q' | b'g' => b"k",
            b'z' => b"s",
            b'x' => b"ks",
            _ => &r[k..k + 1],
        };
        for &m in mapped {
            if out.last() != Some(&m) {
                out.push(m);
            }
        }
        k += 1;
    }
    out
}

/// The Levenshtein distance of two byte strings.
fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// The cognate key of a romanised word (see the [module documentation](self)), if it has
/// one.
fn key_of_romanised(r: &str) -> Option<String> {
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

    fn key(word: &str) -> Option<String> {
        Cognate::of(word).map(|c| c.key)
    }

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
        for (a, b) in same {
            let (a, b) = (Cognate::of(a), Cognate::of(b));
            assert!(
                a.as_ref()
                    .zip(b.as_ref())
                    .is_some_and(|(a, b)| a.matches(b)),
                "{a:?} and {b:?}"
            );
        }
        assert_eq!(romanise("Ägypten"), "agypten");
        // Same skeleton, different words.
        for (a, b) in [
            ("kind", "quand"),
            ("narr", "honor"),
            ("bewahr", "verr"),
            ("ebenso", "venus"),
        ] {
            let (a, b) = (Cognate::of(a), Cognate::of(b));
            assert!(
                a.as_ref()
                    .zip(b.as_ref())
                    .is_some_and(|(a, b)| a.key == b.key && !a.matches(b)),
                "{a:?} and {b:?}"
            );
        }
        assert_eq!(edit_distance(b"kitten", b"sitting"), 3);
        assert_eq!(edit_distance(b"", b"abc"), 3);
        assert_eq!(romanise("في"), "fy");
    }
}
