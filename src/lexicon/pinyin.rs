//! Toneless pinyin readings of Chinese characters, for matching romanised names
//! (叶文洁 = Ye Wenjie, 韦小宝 = Wei Xiaobao) that no dictionary lists.
//!
//! The table (`data/pinyin.tsv.gz`, built by `scripts/build-pinyin` from CC-CEDICT) is
//! compiled into the library and parsed once.

use flate2::read::GzDecoder;
use rustc_hash::FxHashMap as HashMap;
use std::io::Read;
use std::sync::OnceLock;

static BUNDLED: &[u8] = include_bytes!("../../data/pinyin.tsv.gz");

/// Character -> its readings, most common first (`ü` written `u`).
#[derive(Debug, Default)]
pub(crate) struct Pinyin {
    readings: HashMap<char, Box<[Box<str>]>>,
    /// Every reading that is a syllable with a vowel (not `r`, `m` or `ng`).
    syllables: rustc_hash::FxHashSet<Box<str>>,
}

/// Letters of the longest pinyin syllable (`zhuang`).
const MAX_SYLLABLE: usize = 6;

impl Pinyin {
    /// The bundled table, parsed on first use. A corrupt table (checked by the tests) gives
    /// an empty one: names are then simply not matched.
    pub fn bundled() -> &'static Pinyin {
        static CELL: OnceLock<Pinyin> = OnceLock::new();
        CELL.get_or_init(|| {
            let mut text = String::new();
            if GzDecoder::new(BUNDLED).read_to_string(&mut text).is_err() {
                return Pinyin::default();
            }
            Pinyin::parse(&text)
        })
    }

    fn parse(text: &str) -> Pinyin {
        let mut readings = HashMap::default();
        let mut syllables = rustc_hash::FxHashSet::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let Some((c, rs)) = line.split_once('\t') else {
                continue;
            };
            let mut chars = c.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                continue;
            };
            let rs: Box<[Box<str>]> = rs.split('|').map(Box::from).collect();
            for r in rs.iter() {
                if r.bytes().any(|b| b"aeiouv".contains(&b)) && !syllables.contains(r) {
                    syllables.insert(r.clone());
                }
            }
            readings.insert(c, rs);
        }
        Pinyin {
            readings,
            syllables,
        }
    }

    /// Whether `word` is a pinyin syllable (with a vowel).
    pub fn is_syllable(&self, word: &str) -> bool {
        self.syllables.contains(word)
    }

    /// Whether `word` (lower-case ASCII letters) is a run of pinyin syllables.
    pub fn is_spelling(&self, word: &str) -> bool {
        let b = word.as_bytes();
        if b.is_empty() || !word.is_ascii() {
            return false;
        }
        // ends[k]: the first k letters are a run of syllables.
        let mut ends = vec![false; b.len() + 1];
        ends[0] = true;
        for start in 0..b.len() {
            if !ends[start] {
                continue;
            }
            for end in start + 1..=b.len().min(start + MAX_SYLLABLE) {
                if self.syllables.contains(&word[start..end]) {
                    ends[end] = true;
                }
            }
        }
        ends[b.len()]
    }

    /// The readings of `c` (empty for characters without one).
    pub fn readings(&self, c: char) -> &[Box<str>] {
        self.readings.get(&c).map_or(&[], |r| r)
    }

    /// Number of characters in the table.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.readings.len()
    }
}

/// Romanised names (lower case) to find in Chinese text, with the prefixes that a search
/// character by character can extend.
#[derive(Debug, Default)]
pub(crate) struct NameMatcher {
    /// A name -> the tokens it stands for (the parts of `Tsé-toung` are two).
    names: HashMap<String, Vec<u32>>,
    prefixes: rustc_hash::FxHashSet<String>,
}

/// Most characters a romanised word is matched against (a given name, or a surname and a
/// one-character given name written as one word).
const MAX_NAME_CHARS: usize = 3;

impl NameMatcher {
    /// Adds a romanised name (lower-case ASCII letters) standing for token `id`.
    pub fn add(&mut self, name: &str, id: u32) {
        for end in 1..name.len() {
            self.prefixes.insert(name[..end].to_string());
        }
        let ids = self.names.entry(name.to_string()).or_default();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }

    /// Calls `found` with the token of every name whose pinyin spells a run of consecutive
    /// characters of `text`.
    pub fn for_each_match(&self, pinyin: &Pinyin, text: &str, mut found: impl FnMut(u32)) {
        if self.names.is_empty() {
            return;
        }
        let chars: Vec<char> = text.chars().collect();
        let mut buf = String::new();
        for start in 0..chars.len() {
            self.extend(pinyin, &chars[start..], &mut buf, 0, &mut found);
        }
    }

    fn extend(
        &self,
        pinyin: &Pinyin,
        rest: &[char],
        buf: &mut String,
        depth: usize,
        found: &mut impl FnMut(u32),
    ) {
        let Some(&c) = rest.first() else {
            return;
        };
        if depth == MAX_NAME_CHARS {
            return;
        }
        let keep = buf.len();
        for r in pinyin.readings(c) {
            buf.push_str(r);
            for &id in self.names.get(buf.as_str()).into_iter().flatten() {
                found(id);
            }
            if self.prefixes.contains(buf.as_str()) {
                self.extend(pinyin, &rest[1..], buf, depth + 1, found);
            }
            buf.truncate(keep);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_table_has_common_characters_and_names() {
        let p = Pinyin::bundled();
        assert!(p.len() > 10_000, "pinyin table too small: {}", p.len());
        assert_eq!(&*p.readings('叶')[0], "ye");
        assert!(
            p.readings('吕').iter().any(|r| &**r == "lu"),
            "ü is written u"
        );
        assert!(p.readings('a').is_empty());
    }

    #[test]
    fn names_match_runs_of_characters() {
        let mut m = NameMatcher::default();
        m.add("ye", 1);
        m.add("wenjie", 2);
        m.add("xiaobao", 3);
        m.add("london", 4);
        let mut got = Vec::new();
        m.for_each_match(Pinyin::bundled(), "叶文洁看着韦小宝。", |id| {
            got.push(id)
        });
        got.sort_unstable();
        got.dedup();
        assert_eq!(got, [1, 2, 3]);
    }
}
