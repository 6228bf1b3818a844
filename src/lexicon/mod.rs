//! The bilingual lexicon: English stems and the Chinese strings that translate them.
//!
//! Matching needs no Chinese word segmentation: a translation counts as present when it
//! occurs as a substring of the Chinese segment. The shipped lexicon (`data/lexicon.tsv.gz`,
//! derived from CC-CEDICT and ECDICT, see `data/README.md`) is compiled into the library and
//! parsed once; a [`Lexicon`] is immutable afterwards and shared across threads.

pub(crate) mod pinyin;

use crate::features::en::EnTokenizer;
use crate::{Error, Result};
use rustc_hash::FxHashMap as HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The gzipped lexicon shipped in `data/`.
static BUNDLED: &[u8] = include_bytes!("../../data/lexicon.tsv.gz");

/// The longest Chinese translation, in characters, that is matched.
const MAX_PATTERN_CHARS: usize = 8;

/// Marks a map entry that is only a prefix of longer patterns.
const PREFIX_ONLY: u32 = u32::MAX;

/// A Chinese-English lexicon, indexed for substring look-up in Chinese text.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Stemmed English word -> stem id.
    stems: HashMap<Box<str>, u32>,
    /// Stem id -> its stem (for messages and learned lexicons).
    stem_names: Vec<Box<str>>,
    /// Chinese string (or a prefix of one) -> pattern id, or `PREFIX_ONLY`.
    patterns: HashMap<Box<str>, u32>,
    /// Pattern id -> stem ids it translates.
    reverse: Vec<Vec<u32>>,
    /// Stem id -> pattern ids that translate it.
    forward: Vec<Vec<u32>>,
    /// Number of (stem, pattern) pairs.
    pairs: usize,
}

impl Lexicon {
    /// An empty lexicon (length-only alignment, plus numbers and Latin words).
    pub fn empty() -> Lexicon {
        Lexicon::default()
    }

    /// The lexicon shipped with bialign, parsed on first use and shared afterwards.
    pub fn bundled() -> Arc<Lexicon> {
        static CELL: OnceLock<Arc<Lexicon>> = OnceLock::new();
        CELL.get_or_init(|| {
            let mut lex = Lexicon::empty();
            // The bundled file is checked by the test suite; if it were ever corrupt the
            // aligner would still work, as a length-only aligner.
            let _ = lex.add_gzip_tsv(BUNDLED, "data/lexicon.tsv.gz");
            Arc::new(lex)
        })
        .clone()
    }

    /// Number of English stems.
    pub fn stem_count(&self) -> usize {
        self.stem_names.len()
    }

    /// Number of (English stem, Chinese string) pairs.
    pub fn pair_count(&self) -> usize {
        self.pairs
    }

    /// Adds the entries of a user dictionary file: either TSV (`english<TAB>zh1|zh2`) or
    /// hunalign's format (`english @ chinese`, one pair per line; the side holding Han
    /// characters is taken as the Chinese one). Lines starting with `#` are comments.
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let name = path.display().to_string();
        if bytes.starts_with(&[0x1f, 0x8b]) {
            return self.add_gzip_tsv(&bytes, &name);
        }
        let text = crate::text::decode::decode(&bytes, &name)?;
        self.add_text(&text, &name)
    }

    fn add_gzip_tsv(&mut self, bytes: &[u8], name: &str) -> Result<()> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .map_err(|e| Error::decode(name, format!("not a valid gzipped UTF-8 file: {e}")))?;
        self.add_text(&text, name)
    }

    /// Adds entries from dictionary text (see [`Lexicon::add_file`] for the formats).
    pub fn add_text(&mut self, text: &str, name: &str) -> Result<()> {
        let tokenizer = EnTokenizer::new();
        // About one pattern or prefix per 10 bytes of input: growing the tables once saves
        // rehashing them a dozen times.
        self.patterns.reserve(text.len() / 10);
        self.stems.reserve(text.len() / 40);
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (en, zh) = if let Some((a, b)) = line.split_once('\t') {
                (a, b)
            } else if let Some((a, b)) = line.split_once(" @ ") {
                if has_han(a) && !has_han(b) {
                    (b, a)
                } else {
                    (a, b)
                }
            } else {
                return Err(Error::parse(
                    name,
                    n + 1,
                    "expected `english<TAB>chinese` or `english @ chinese`",
                ));
            };
            let en = en.trim();
            // Phrase keys are not used by the token model yet.
            if en.is_empty() || en.contains(' ') {
                continue;
            }
            let en = en.to_lowercase();
            // Stop words never occur among English tokens: their pairs would only make
            // Chinese function words look like untranslated content.
            if crate::features::en::is_stop_word(&en) {
                continue;
            }
            let stem = tokenizer.stem(&en);
            for zh in zh.split('|') {
                let zh = zh.trim();
                if !zh.is_empty() && zh.chars().count() <= MAX_PATTERN_CHARS {
                    self.add_pair(&stem, zh);
                }
            }
        }
        Ok(())
    }

    /// Adds one pair: an English stem (as the stemmer gives it) and a Chinese string.
    pub fn add_pair(&mut self, stem: &str, zh: &str) {
        let sid = self.stem_id_or_insert(stem);
        // Full-width forms are rare in a dictionary: fold only when there is one.
        let owned: String;
        let folded: &str = if zh.chars().any(|c| crate::features::fold_char(c) != c) {
            owned = zh.chars().map(crate::features::fold_char).collect();
            &owned
        } else {
            zh
        };
        let pid = match self.patterns.get(folded) {
            Some(&p) if p != PREFIX_ONLY => p,
            _ => {
                let p = self.reverse.len() as u32;
                self.reverse.push(Vec::new());
                // Register every proper prefix so look-ups can stop early.
                for (i, _) in folded.char_indices().skip(1) {
                    // Look up before allocating a key: most prefixes are there already.
                    if !self.patterns.contains_key(&folded[..i]) {
                        self.patterns.insert(folded[..i].into(), PREFIX_ONLY);
                    }
                }
                self.patterns.insert(folded.into(), p);
                p
            }
        };
        let rev = &mut self.reverse[pid as usize];
        if !rev.contains(&sid) {
            rev.push(sid);
            self.forward[sid as usize].push(pid);
            self.pairs += 1;
        }
    }

    fn stem_id_or_insert(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.stems.get(stem) {
            return id;
        }
        let id = self.stem_names.len() as u32;
        self.stem_names.push(stem.into());
        self.forward.push(Vec::new());
        self.stems.insert(stem.into(), id);
        id
    }

    /// The id of an English stem, if the lexicon has it.
    pub(crate) fn stem_id(&self, stem: &str) -> Option<u32> {
        self.stems.get(stem).copied()
    }

    /// The patterns (Chinese strings) translating a stem.
    pub(crate) fn translations(&self, stem: u32) -> &[u32] {
        self.forward.get(stem as usize).map_or(&[], Vec::as_slice)
    }

    /// Calls `f` with the pattern id of each longest lexicon entry found in `folded`, scanning
    /// left to right and skipping past each match (forward maximum matching): the Chinese
    /// content units whose translations are looked for on the English side.
    pub(crate) fn for_each_unit(&self, folded: &str, mut f: impl FnMut(u32)) {
        if self.patterns.is_empty() {
            return;
        }
        let starts = char_starts(folded);
        let mut a = 0;
        while a + 1 < starts.len() {
            let mut longest = None;
            for b in a + 1..starts.len().min(a + 1 + MAX_PATTERN_CHARS) {
                match self.patterns.get(&folded[starts[a]..starts[b]]) {
                    None => break,
                    Some(&PREFIX_ONLY) => {}
                    Some(&p) => longest = Some((b, p)),
                }
            }
            match longest {
                Some((b, p)) => {
                    f(p);
                    a = b;
                }
                None => a += 1,
            }
        }
    }

    /// Calls `f` with the stem ids of every lexicon entry found in `folded` (Chinese text
    /// with width folded). Overlapping matches all count.
    pub(crate) fn for_each_match(&self, folded: &str, mut f: impl FnMut(&[u32])) {
        if self.patterns.is_empty() {
            return;
        }
        let starts = char_starts(folded);
        for a in 0..starts.len().saturating_sub(1) {
            for b in a + 1..starts.len().min(a + 1 + MAX_PATTERN_CHARS) {
                match self.patterns.get(&folded[starts[a]..starts[b]]) {
                    None => break,
                    Some(&PREFIX_ONLY) => {}
                    Some(&p) => f(&self.reverse[p as usize]),
                }
            }
        }
    }
}

/// Byte offsets of the characters of `s`, and its length.
fn char_starts(s: &str) -> Vec<usize> {
    s.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect()
}

fn has_han(s: &str) -> bool {
    s.chars().any(crate::features::is_han)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lexicon_loads_and_has_common_words() {
        let lex = Lexicon::bundled();
        assert!(lex.stem_count() > 20_000, "stems: {}", lex.stem_count());
        let t = EnTokenizer::new();
        let cases = [("government", "政府"), ("mine", "地雷"), ("father", "父亲")];
        for (en, zh) in cases {
            let id = lex.stem_id(&t.stem(en)).expect(en);
            let mut found = false;
            lex.for_each_match(zh, |ids| found |= ids.contains(&id));
            assert!(found, "{en} -> {zh} missing from the bundled lexicon");
        }
    }

    #[test]
    fn user_dictionary_formats() {
        let mut lex = Lexicon::empty();
        lex.add_text(
            "# comment\nwenjie @ 文洁\n汪淼 @ wang\ntrisolaris\t三体|三体世界\n",
            "x",
        )
        .unwrap();
        let t = EnTokenizer::new();
        for (en, zh) in [
            ("wenjie", "文洁"),
            ("wang", "汪淼"),
            ("trisolaris", "三体世界"),
        ] {
            let id = lex.stem_id(&t.stem(en)).expect(en);
            let mut found = false;
            lex.for_each_match(zh, |ids| found |= ids.contains(&id));
            assert!(found, "{en} -> {zh}");
        }
        let err = lex.add_text("no separator here", "dict.txt").unwrap_err();
        assert!(err.to_string().starts_with("dict.txt:1:"), "{err}");
    }
}
