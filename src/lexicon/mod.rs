//! The bilingual lexicon: English stems and the Chinese strings that translate them.
//!
//! Matching needs no Chinese word segmentation: a translation counts as present when it
//! occurs as a substring of the Chinese segment. The shipped lexicon (`data/lexicon.tsv.gz`,
//! derived from CC-CEDICT and ECDICT, see `data/README.md`) is indexed at build time by
//! `build.rs` and embedded in the library, so loading it costs a millisecond; a user's
//! dictionary is indexed when first used. A [`Lexicon`] is shared across threads.

pub(crate) mod index;
pub(crate) mod pinyin;
pub(crate) mod romanisation;
pub(crate) mod source;

use crate::{Error, Result};
use index::{Builder, Index};
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The bundled lexicon's index, built by `build.rs` from `data/lexicon.tsv.gz`.
static BUNDLED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.idx"));

/// A Chinese-English lexicon, indexed for substring look-up in Chinese text.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// The pairs indexed so far (the bundled index, shared by every clone).
    base: Arc<Index>,
    /// Pairs added since, (stem, Chinese) in order: indexed together with `base` when the
    /// lexicon is first used, so that adding a dictionary line by line stays cheap.
    added: Vec<(Box<str>, Box<str>)>,
    merged: OnceLock<Index>,
    /// The pairs of the dictionaries added, as written (word, translation), for pairs of
    /// languages other than Chinese-English: the aligner tokenises them in the languages of
    /// the documents (see [`Lexicon::word_pairs`]).
    words: Vec<(Box<str>, Box<str>)>,
}

impl Lexicon {
    /// An empty lexicon (length-only alignment, plus numbers and Latin words).
    pub fn empty() -> Lexicon {
        Lexicon::default()
    }

    /// The lexicon shipped with bialign, loaded on first use and shared afterwards.
    pub fn bundled() -> Arc<Lexicon> {
        static CELL: OnceLock<Arc<Lexicon>> = OnceLock::new();
        CELL.get_or_init(|| Arc::new(Lexicon::load_bundled()))
            .clone()
    }

    /// The bundled lexicon, read from its embedded index without the cache.
    pub(crate) fn load_bundled() -> Lexicon {
        // The embedded index is checked by the test suite; if it were ever corrupt the
        // aligner would still work, as a length-only aligner.
        let base = Index::from_bytes(BUNDLED).unwrap_or_default();
        Lexicon {
            base: Arc::new(base),
            ..Lexicon::default()
        }
    }

    /// The index of every pair, building it on first use after pairs were added.
    fn index(&self) -> &Index {
        if self.added.is_empty() {
            return &self.base;
        }
        self.merged.get_or_init(|| {
            let mut builder = Builder::default();
            self.base.for_each_pair(|stem, zh| builder.add(stem, zh));
            for (stem, zh) in &self.added {
                builder.add(stem, zh);
            }
            builder.build()
        })
    }

    /// Number of English stems.
    pub fn stem_count(&self) -> usize {
        self.index().stem_count()
    }

    /// Number of (English stem, Chinese string) pairs.
    pub fn pair_count(&self) -> usize {
        self.index().pair_count()
    }

    /// Adds the entries of a user dictionary file: either TSV (`english<TAB>zh1|zh2`) or
    /// hunalign's format (`english @ chinese`, one pair per line; the side holding Han
    /// characters is taken as the Chinese one), plain or gzipped; the same formats serve
    /// any other pair ([`Lexicon::add_text`]). Lines starting with `#` are
    /// comments. At most [`DEFAULT_MAX_INPUT_BYTES`](crate::DEFAULT_MAX_INPUT_BYTES) are
    /// read (after decompression); see [`Lexicon::add_file_limited`]. Decoded strictly:
    /// damaged UTF-8 is refused, not repaired (see
    /// [`decode_report`](crate::text::decode::decode_report)).
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        self.add_file_limited(path, crate::text::decode::DEFAULT_MAX_INPUT_BYTES)
    }

    /// [`Lexicon::add_file`] reading at most `limit` bytes, of the file and, for a gzipped
    /// one, of its decompressed text (a small file can hold a huge text).
    ///
    /// # Errors
    /// [`Io`](crate::ErrorKind::Io) when the file cannot be read,
    /// [`TooLarge`](crate::ErrorKind::TooLarge) over `limit`, [`Decode`](crate::ErrorKind::Decode)
    /// when it is not text, [`Parse`](crate::ErrorKind::Parse) on a malformed line.
    pub fn add_file_limited(&mut self, path: &Path, limit: u64) -> Result<()> {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let bytes = read_at_most(file, limit).map_err(|e| Error::io(path, e))?;
        let Some(bytes) = bytes else {
            return Err(Error::too_large(path, limit.saturating_add(1), limit));
        };
        if bytes.starts_with(&[0x1f, 0x8b]) {
            let unzipped =
                read_at_most(flate2::read::GzDecoder::new(&bytes[..]), limit).map_err(|e| {
                    Error::decode(name.as_str(), format!("not a valid gzipped file: {e}"))
                })?;
            let Some(unzipped) = unzipped else {
                let message = format!("decompresses to more than the limit of {limit} bytes");
                return Err(Error::decode(name.as_str(), message));
            };
            let text = String::from_utf8(unzipped).map_err(|e| {
                Error::decode(
                    name.as_str(),
                    format!("not a valid gzipped UTF-8 file: {e}"),
                )
            })?;
            return self.add_text(&text, &name);
        }
        let text = crate::text::decode::decode_report(&bytes, &name, true)?.text;
        self.add_text(&text, &name)
    }

    /// Adds entries from dictionary text (see [`Lexicon::add_file`] for the formats). On a
    /// malformed line nothing is added and the error names `name` and the line.
    ///
    /// The same text serves any other pair of languages: `word<TAB>translation` (or
    /// `word @ translation`), alternatives separated by `|`, in either order for two
    /// alphabetic languages (a pair connects the two words whichever side of the document
    /// each is on); a Chinese side may come first or second.
    pub fn add_text(&mut self, text: &str, name: &str) -> Result<()> {
        let bad = |line: source::BadLine| {
            Error::parse(
                name,
                line.0,
                "expected `word<TAB>translation` or `word @ translation`",
            )
        };
        let mut pairs = Vec::new();
        source::for_each_pair(text, |stem, zh| pairs.push((stem.into(), zh.into())))
            .map_err(bad)?;
        let mut words = Vec::new();
        source::for_each_word_pair(text, |a, b| words.push((a.into(), b.into()))).map_err(bad)?;
        self.added.extend(pairs);
        self.words.extend(words);
        self.merged = OnceLock::new();
        Ok(())
    }

    /// The pairs of the dictionaries added with [`Lexicon::add_text`] and
    /// [`Lexicon::add_file`], as written (a Chinese side second), in order.
    pub(crate) fn word_pairs(&self) -> &[(Box<str>, Box<str>)] {
        &self.words
    }

    /// A lexicon of the [word pairs](Lexicon::word_pairs) `pairs` that have a Chinese side,
    /// the other side keyed by `stem` (the token of its one word in its language, if it is a
    /// content word): the lexicon of Chinese against a language other than English.
    pub(crate) fn from_word_pairs(
        pairs: &[(Box<str>, Box<str>)],
        stem: impl Fn(&str) -> Option<String>,
    ) -> Lexicon {
        let mut lexicon = Lexicon::empty();
        for (word, zh) in pairs {
            let han = zh.chars().any(crate::chars::is_han_ideograph);
            if !han || zh.chars().count() > source::MAX_PATTERN_CHARS {
                continue;
            }
            if let Some(stem) = stem(word) {
                lexicon.added.push((stem.into(), zh.clone()));
            }
        }
        lexicon
    }

    /// Adds one pair: an English stem (as the stemmer gives it) and a Chinese string.
    pub fn add_pair(&mut self, stem: &str, zh: &str) {
        self.added.push((stem.into(), zh.into()));
        self.merged = OnceLock::new();
    }

    /// The id of an English stem, if the lexicon has it.
    pub(crate) fn stem_id(&self, stem: &str) -> Option<u32> {
        self.index().stem_id(stem)
    }

    /// The patterns (Chinese strings) translating a stem.
    pub(crate) fn translations(&self, stem: u32) -> &[u32] {
        self.index().translations(stem)
    }

    /// Calls `f` with the pattern id of each longest lexicon entry found in `folded`, scanning
    /// left to right and skipping past each match (forward maximum matching): the Chinese
    /// content units whose translations are looked for on the English side.
    pub(crate) fn for_each_unit(&self, folded: &str, f: impl FnMut(u32)) {
        self.index().for_each_unit(folded, f)
    }

    /// Calls `f` with the stem ids of every lexicon entry found in `folded` (Chinese text
    /// with width folded). Overlapping matches all count.
    pub(crate) fn for_each_match(&self, folded: &str, f: impl FnMut(&[u32])) {
        self.index().for_each_match(folded, f)
    }
}

/// Everything `reader` gives, or `None` when that is more than `limit` bytes.
fn read_at_most(reader: impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::en::EnTokenizer;

    #[test]
    fn bundled_lexicon_loads_and_has_common_words() {
        let lex = Lexicon::bundled();
        assert!(lex.stem_count() > 20_000, "stems: {}", lex.stem_count());
        assert!(lex.pair_count() > 100_000, "pairs: {}", lex.pair_count());
        let t = EnTokenizer::new();
        let cases = [("government", "政府"), ("mine", "地雷"), ("father", "父亲")];
        for (en, zh) in cases {
            let id = lex.stem_id(&t.stem(en)).expect(en);
            let mut found = false;
            lex.for_each_match(zh, |ids| found |= ids.contains(&id));
            assert!(found, "{en} -> {zh} missing from the bundled lexicon");
        }
    }

    /// The index `build.rs` embeds equals one built at run time from the same file.
    #[test]
    fn bundled_index_matches_the_dictionary_file() {
        let bundled = Lexicon::bundled();
        let mut parsed = Lexicon::empty();
        parsed
            .add_file(Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/lexicon.tsv.gz"
            )))
            .unwrap();
        assert_eq!(bundled.stem_count(), parsed.stem_count());
        assert_eq!(bundled.pair_count(), parsed.pair_count());
        let text = "起初，神创造天地。联合国大会第七十届会议议程项目７３，ＵＮＤＰ";
        let stems = |lex: &Lexicon| {
            let mut all = Vec::new();
            lex.for_each_match(text, |ids| all.push(ids.len()));
            all
        };
        assert_eq!(stems(&bundled), stems(&parsed));
        assert!(stems(&bundled).len() > 10);
    }

    #[test]
    fn user_pairs_add_to_the_bundled_lexicon() {
        let t = EnTokenizer::new();
        let mut lex = (*Lexicon::bundled()).clone();
        let before = lex.pair_count();
        lex.add_text("trisolaris\t三体\n", "user.tsv").unwrap();
        assert_eq!(lex.pair_count(), before + 1);
        for (en, zh) in [("trisolaris", "三体"), ("government", "政府")] {
            let id = lex.stem_id(&t.stem(en)).expect(en);
            let mut found = false;
            lex.for_each_match(zh, |ids| found |= ids.contains(&id));
            assert!(found, "{en} -> {zh}");
        }
        assert_eq!(
            Lexicon::bundled().pair_count(),
            before,
            "the shared lexicon is unchanged"
        );
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
