//! Features of sentences, computed once per document pair before the search.
//!
//! The aligner works in a canonical orientation, Chinese against English, whatever the
//! requested direction: the English side gives content tokens (stems, numbers, punctuation
//! marks) and the Chinese side gives the set of those tokens it *covers* (a translation of
//! the token, the same Latin word, the same number or the mirrored punctuation mark occurs in
//! it). Everything the cost model needs is here: lengths, token sets, per-token chance rates.

mod alphabetic;
pub(crate) use alphabetic::Dictionary;
pub(crate) mod cognates;
pub mod en;
pub(crate) mod learned;
pub mod numbers;
mod openings;
pub(crate) use openings::OPENINGS;
pub mod punct;
mod structure;
#[cfg(feature = "jieba")]
mod words;

use crate::chars::{fold_width, is_han_ideograph, to_simplified};
use crate::lexicon::pinyin::{NameMatcher, Pinyin};
use crate::lexicon::romanisation;
use crate::lexicon::Lexicon;
use crate::rows::Rows;
use en::{EnToken, EnTokenizer, WordMemo};
pub use punct::{EndType, StartType};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

/// Sentences tokenised in parallel before their tokens get ids: enough for every thread, few
/// enough that their tokens are not all held at once on a long document.
const CHUNK: usize = 16_384;

/// Most content tokens kept per English sentence (they are tracked as bits of a `u64`).
pub(crate) const MAX_TOKENS: usize = 64;

/// Features of one Chinese sentence.
#[derive(Debug, Clone, Default)]
pub(crate) struct ZhSentence {
    /// Length in non-space characters.
    pub len: f64,
    /// Sorted dense ids of the English document's tokens this sentence covers.
    pub covered: Vec<u32>,
    /// Distinct dense ids of the Chinese content units (longest lexicon matches), at most
    /// [`MAX_TOKENS`].
    pub units: Vec<u32>,
    pub start: StartType,
    pub end: EndType,
    /// Non-space characters of the sentence's speaker tag (`韦小宝道：`), 0 without one
    /// ([`punct::speaker_tag`]).
    pub tag_len: f64,
    /// How the sentence starts and ends without its speaker tag (`start`, `end` without
    /// one).
    pub untagged: (StartType, EndType),
    /// Whether a quotation is still open after the sentence ([`punct::quote_open_after`]).
    pub quote_open: bool,
    /// Punctuation alone ([`punct::is_bare`]): part of the sentence before it.
    pub bare: bool,
    /// The class of the word the sentence opens with ([`openings`]), 0 for a rare one and
    /// for Chinese, which has no words to tell apart before segmentation.
    pub opening: u8,
}

/// Features of one English sentence.
#[derive(Debug, Clone, Default)]
pub(crate) struct EnSentence {
    /// Length in non-space characters.
    pub len: f64,
    /// Distinct dense token ids, at most [`MAX_TOKENS`].
    pub tokens: Vec<u32>,
    pub start: StartType,
    pub end: EndType,
    /// Whether a quotation is still open after the sentence.
    pub quote_open: bool,
    /// Punctuation alone ([`punct::is_bare`]): part of the sentence before it.
    pub bare: bool,
    /// The class of the word the sentence opens with ([`openings`]); 0 against Chinese.
    pub opening: u8,
}

/// The features of a document pair in canonical orientation.
#[derive(Debug, Clone, Default)]
pub(crate) struct PairFeatures {
    pub zh: Vec<ZhSentence>,
    pub en: Vec<EnSentence>,
    /// Per dense token id: the share of Chinese sentences covering it (smoothed).
    pub q: Vec<f64>,
    /// Per dense unit id: the share of English sentences covering it (smoothed).
    pub q_units: Vec<f64>,
    /// Per dense unit id: the English sentences that translate it, in order.
    pub unit_postings: Vec<Vec<u32>>,
    /// Per Chinese sentence, the number of paragraph breaks before it (all 0 when unknown).
    pub zh_para: Vec<u32>,
    /// Per English sentence, the number of paragraph breaks before it.
    pub en_para: Vec<u32>,
    /// Per dense token id: whether it is an English word (not a number or a mark).
    pub word: Vec<bool>,
    /// Whether the rows are an alphabetic text, tokenised into words
    /// ([`PairFeatures::alphabetic`]), rather than Chinese matched by substring: their
    /// units are then their words, and the learned lexicon pairs words with words.
    pub rows_alphabetic: bool,
    /// What the cost model starts from for the pair of languages.
    pub pair: PairModel,
    /// The Han n-grams the learned lexicon made units of the rows (where no bundled
    /// lexicon gives them units), by unit id, so that a second round of learning adds to
    /// a unit rather than making it twice.
    pub learnt_units: rustc_hash::FxHashMap<Box<str>, u32>,
}

/// What the cost model needs to know of a pair of languages (canonical orientation).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PairModel {
    /// Column characters per row character in a typical translation.
    pub typical_ratio: f64,
    /// Whether the configured coverage was measured for the lexicon in use (the bundled
    /// one on Chinese-English): else it starts low and is re-estimated from a first pass.
    pub coverage_known: bool,
    /// Whether bead priors are the same both ways (no Han side).
    pub symmetric: bool,
}

impl PairModel {
    /// Letters of an alphabetic translation per Han character.
    pub const HAN_RATIO: f64 = 3.3;
}

impl Default for PairModel {
    /// Chinese against English with the bundled lexicon.
    fn default() -> Self {
        PairModel {
            typical_ratio: PairModel::HAN_RATIO,
            coverage_known: true,
            symmetric: false,
        }
    }
}

#[derive(Hash, PartialEq, Eq)]
enum Key {
    Lex(u32),
    Other(String),
}

impl PairFeatures {
    /// Computes the features of Chinese sentences `zh` and English sentences `en`.
    ///
    /// With `pinyin`, capitalised English words outside the lexicon (names, mostly) are also
    /// covered by Chinese characters whose pinyin spells them.
    pub fn new(
        zh: &[&str],
        en: &[&str],
        lexicon: &Lexicon,
        tokenizer: &EnTokenizer,
        pinyin: Option<&Pinyin>,
        threads: usize,
    ) -> Self {
        let mut dense: HashMap<Key, u32> = HashMap::default();
        let mut lex_dense: HashMap<u32, u32> = HashMap::default();
        let key_of = |t: &EnToken| match t {
            EnToken::Word(w) => match lexicon.stem_id(w) {
                Some(id) => Key::Lex(id),
                None => Key::Other(w.clone()),
            },
            EnToken::Number(n) => Key::Other(n.clone()),
            EnToken::Punct(p) => Key::Other((*p).to_string()),
        };
        let mut word = Vec::new();
        // The lexicon stems of each English sentence, a row each.
        let mut en_stems = Rows::new();
        let mut en_feats: Vec<EnSentence> = Vec::with_capacity(en.len());
        let mut en_has_han = false;
        // Tokenised in parallel a chunk at a time, then given dense ids in order: the tokens
        // of a chunk, not of the whole document, are held at once.
        for chunk in en.chunks(CHUNK) {
            let tokenised = par_map_with(chunk, threads, WordMemo::default, |memo, s| {
                let mut buf = Vec::new();
                tokenizer.tokens_memo(s, memo, &mut buf);
                buf
            });
            for (s, buf) in chunk.iter().zip(tokenised) {
                let mut tokens = Vec::new();
                for t in &buf {
                    if let EnToken::Word(w) | EnToken::Number(w) = t {
                        en_has_han |= w.chars().any(is_han_ideograph);
                    }
                    let key = key_of(t);
                    let next = dense.len() as u32;
                    let id = *dense.entry(key).or_insert(next);
                    if id == next {
                        word.push(matches!(t, EnToken::Word(_)));
                    }
                    if let EnToken::Word(w) = t {
                        if let Some(l) = lexicon.stem_id(w) {
                            lex_dense.insert(l, id);
                            en_stems.push(l);
                        }
                    }
                    if !tokens.contains(&id) && tokens.len() < MAX_TOKENS {
                        tokens.push(id);
                    }
                }
                en_stems.end_row();
                tokens.shrink_to_fit();
                en_feats.push(EnSentence {
                    len: non_space_len(s),
                    tokens,
                    start: StartType::of(s),
                    end: EndType::of(s),
                    quote_open: false,
                    bare: punct::is_bare(s),
                    opening: 0,
                });
            }
        }
        for (e, open) in en_feats
            .iter_mut()
            .zip(punct::quote_open_after(en.iter().copied()))
        {
            e.quote_open = open;
        }

        let names = match pinyin {
            Some(p) => name_matcher(en, tokenizer, p, |stem| {
                dense.get(&Key::Other(stem.to_string())).copied()
            }),
            None => NameMatcher::default(),
        };
        // What each Chinese sentence covers needs only the English side's tables: it is
        // computed in parallel, a chunk at a time, and the units get their dense ids
        // afterwards, in order.
        // Runs of Han characters in the Chinese text can only match an English token that
        // has Han characters itself (whether or not the lexicon knows it).
        let skip_han = !en_has_han;
        let cover = |s: &&str| {
            // Width folded, then simplified for matching (a second string only where the
            // text has traditional characters). Numbers are read from the width-folded
            // text: through the simplified forms, the traditional counters (`五個餅`) gave
            // zh-fr and the traditional Gospels 0.002 and 0.001 less, a `一個` for every
            // `un`.
            let width: String = s.chars().map(fold_width).collect();
            let folded: Cow<str> = if width.chars().any(|c| to_simplified(c) != c) {
                Cow::Owned(width.chars().map(to_simplified).collect())
            } else {
                Cow::Borrowed(&width)
            };
            let mut covered = Vec::new();
            lexicon.for_each_match(&folded, |stems| {
                covered.extend(stems.iter().filter_map(|st| lex_dense.get(st).copied()))
            });
            // Latin words and punctuation inside the Chinese text.
            let mut buf = Vec::new();
            tokenizer.tokens_but(&folded, skip_han, None, &mut buf);
            let mut numbers = Vec::new();
            numbers::zh_number_tokens(&width, &mut numbers);
            let extra = buf
                .iter()
                .filter(|t| !matches!(t, EnToken::Number(_)))
                .map(&key_of)
                .chain(numbers.into_iter().map(Key::Other));
            covered.extend(extra.filter_map(|k| dense.get(&k).copied()));
            if let Some(p) = pinyin {
                names.for_each_match(p, &folded, |id| covered.push(id));
            }
            covered.sort_unstable();
            covered.dedup();
            covered.shrink_to_fit();
            let mut patterns = Vec::new();
            lexicon.for_each_unit(&folded, |p| patterns.push(p));
            (covered, patterns)
        };
        let mut unit_dense: HashMap<u32, u32> = HashMap::default();
        let mut zh_feats: Vec<ZhSentence> = Vec::with_capacity(zh.len());
        for chunk in zh.chunks(CHUNK) {
            for (s, (covered, patterns)) in chunk.iter().zip(par_map(chunk, threads, cover)) {
                let mut units = Vec::new();
                for p in patterns {
                    let next = unit_dense.len() as u32;
                    let u = *unit_dense.entry(p).or_insert(next);
                    if !units.contains(&u) && units.len() < MAX_TOKENS {
                        units.push(u);
                    }
                }
                units.shrink_to_fit();
                let tag = punct::speaker_tag(s);
                zh_feats.push(ZhSentence {
                    len: non_space_len(s),
                    covered,
                    units,
                    start: StartType::of(s),
                    end: EndType::of(s),
                    tag_len: tag.clone().map_or(0.0, |t| non_space_len(&s[t])),
                    untagged: match tag {
                        Some(t) => {
                            let rest = [&s[..t.start], &s[t.end..]].concat();
                            (StartType::of(&rest), EndType::of(&rest))
                        }
                        None => (StartType::of(s), EndType::of(s)),
                    },
                    quote_open: false,
                    bare: punct::is_bare(s),
                    opening: 0,
                });
            }
        }
        for (z, open) in zh_feats
            .iter_mut()
            .zip(punct::quote_open_after(zh.iter().copied()))
        {
            z.quote_open = open;
        }
        let tokens = dense.len();
        // Per unit, the English sentences that translate it, in order: a row's masks then
        // walk each of its units' sentences inside the band, not every sentence's (with
        // the lexicon's many translations per word, long) list of units.
        let mut unit_postings: Vec<Vec<u32>> = vec![Vec::new(); unit_dense.len()];
        for j in 0..en_feats.len() {
            let mut cov: Vec<u32> = en_stems
                .get(j)
                .iter()
                .flat_map(|&st| lexicon.translations(st))
                .filter_map(|p| unit_dense.get(p).copied())
                .collect();
            cov.sort_unstable();
            cov.dedup();
            for u in cov {
                unit_postings[u as usize].push(j as u32);
            }
        }
        for p in &mut unit_postings {
            p.shrink_to_fit();
        }
        let m = en_feats.len() as f64;
        let q_units = unit_postings
            .iter()
            .map(|p| (p.len() as f64 + 0.5) / (m + 1.0))
            .collect();
        let mut f = PairFeatures {
            zh_para: vec![0; zh_feats.len()],
            en_para: vec![0; en_feats.len()],
            zh: zh_feats,
            en: en_feats,
            q: vec![0.0; tokens],
            q_units,
            unit_postings,
            word,
            rows_alphabetic: false,
            pair: PairModel::default(),
            learnt_units: Default::default(),
        };
        f.recount_q();
        f
    }

    /// Recomputes the chance rate of every English token: the share of Chinese sentences
    /// covering it (smoothed).
    pub fn recount_q(&mut self) {
        let mut counts = vec![0u32; self.q.len()];
        for s in &self.zh {
            for &t in &s.covered {
                counts[t as usize] += 1;
            }
        }
        let n = self.zh.len() as f64;
        self.q = counts
            .iter()
            .map(|&c| (c as f64 + 0.5) / (n + 1.0))
            .collect();
    }

    /// Adds the enumerators the sentences start with ([`structure`]) as tokens: a label
    /// found on both sides (`Article 1` and `第一条`) is a token of the English sentences
    /// that start with it, covered by the Chinese ones that do; likewise one label for the
    /// sentences of headings (`heads`, per sentence; empty when unknown), so that headings
    /// pair with headings.
    pub fn with_structure(
        mut self,
        (zh, zh_heads): (&[&str], &[bool]),
        (en, en_heads): (&[&str], &[bool]),
    ) -> Self {
        let label = |s: &str, heading: bool, of: fn(&str) -> Option<String>| {
            of(s).or_else(|| heading.then(|| "\u{1}heading".to_string()))
        };
        let heading = |h: &[bool], k: usize| h.get(k).copied().unwrap_or(false);
        let zh_labels: Vec<Option<String>> = zh
            .iter()
            .enumerate()
            .map(|(k, s)| label(s, heading(zh_heads, k), structure::zh_label))
            .collect();
        let en_labels: Vec<Option<String>> = en
            .iter()
            .enumerate()
            .map(|(k, s)| label(s, heading(en_heads, k), structure::en_label))
            .collect();
        let mut ids: Vec<(String, u32)> = Vec::new();
        for l in en_labels.iter().flatten() {
            if !ids.iter().any(|(k, _)| k == l) && zh_labels.iter().flatten().any(|z| z == l) {
                ids.push((l.clone(), (self.q.len() + ids.len()) as u32));
            }
        }
        if ids.is_empty() {
            return self;
        }
        let id_of = |l: &Option<String>| {
            l.as_ref()
                .and_then(|l| ids.iter().find(|(k, _)| k == l).map(|&(_, id)| id))
        };
        for (e, l) in self.en.iter_mut().zip(&en_labels) {
            if let Some(id) = id_of(l) {
                e.tokens.push(id);
            }
        }
        for (z, l) in self.zh.iter_mut().zip(&zh_labels) {
            if let Some(id) = id_of(l) {
                z.covered.push(id);
            }
        }
        self.q.resize(self.q.len() + ids.len(), 0.0);
        self.word.resize(self.q.len(), false);
        self.recount_q();
        self
    }

    /// Sets the paragraph numbers of the sentences (see [`crate::text::Text::paragraph_numbers`]);
    /// ignored unless both have one number per sentence.
    pub fn with_paragraphs(mut self, zh_para: Vec<u32>, en_para: Vec<u32>) -> Self {
        if zh_para.len() == self.zh.len() && en_para.len() == self.en.len() {
            self.zh_para = zh_para;
            self.en_para = en_para;
        }
        self
    }

    /// Whether both sides have more than one paragraph.
    pub fn has_paragraphs(&self) -> bool {
        self.zh_para.last().is_some_and(|&p| p > 0) && self.en_para.last().is_some_and(|&p| p > 0)
    }

    /// Paragraph breaks inside Chinese sentences `i0..i1` plus inside English `j0..j1`
    /// (both non-empty).
    #[inline]
    pub fn breaks_inside(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> u32 {
        (self.zh_para[i1 - 1] - self.zh_para[i0]) + (self.en_para[j1 - 1] - self.en_para[j0])
    }

    /// Whether a bead ending before Chinese sentence `i1` and English `j1` ends a paragraph
    /// on each side (the end of the text counts).
    #[inline]
    pub fn ends_paragraph(&self, i1: usize, j1: usize) -> (bool, bool) {
        let z = i1 >= self.zh.len() || self.zh_para[i1] != self.zh_para[i1 - 1];
        let e = j1 >= self.en.len() || self.en_para[j1] != self.en_para[j1 - 1];
        (z, e)
    }

    /// Bit k is set if token k of English sentence `j` is covered by Chinese sentence `i`.
    #[inline]
    pub fn mask(&self, i: usize, j: usize) -> u64 {
        let cov = &self.zh[i].covered;
        if cov.is_empty() {
            return 0;
        }
        let mut m = 0u64;
        for (k, t) in self.en[j].tokens.iter().enumerate() {
            if cov.binary_search(t).is_ok() {
                m |= 1 << k;
            }
        }
        m
    }

    /// Bit k is set if unit k of Chinese sentence `i` is translated in English sentence `j`.
    #[inline]
    pub fn unit_mask(&self, i: usize, j: usize) -> u64 {
        let mut m = 0u64;
        for (k, &u) in self.zh[i].units.iter().enumerate() {
            if self.unit_postings[u as usize]
                .binary_search(&(j as u32))
                .is_ok()
            {
                m |= 1 << k;
            }
        }
        m
    }
}

/// Computes the masks of one Chinese sentence against a run of English sentences with
/// tables indexed by dense id, where [`PairFeatures::mask`] searches sorted lists: the same
/// masks, for the many cells of a search band.
pub(crate) struct RowMasker {
    /// Per dense token id: covered by the current Chinese sentence.
    covered: Vec<bool>,
}

impl RowMasker {
    pub fn new(f: &PairFeatures) -> Self {
        RowMasker {
            covered: vec![false; f.q.len()],
        }
    }

    /// Appends `(f.mask(i, j), f.unit_mask(i, j))` for every `j` in `js` to `out`.
    pub fn row(
        &mut self,
        f: &PairFeatures,
        i: usize,
        js: std::ops::Range<usize>,
        out: &mut Vec<(u64, u64)>,
    ) {
        let z = &f.zh[i];
        for &t in &z.covered {
            self.covered[t as usize] = true;
        }
        let first = out.len();
        for e in &f.en[js.clone()] {
            let mut m = 0u64;
            for (k, &t) in e.tokens.iter().enumerate() {
                m |= (self.covered[t as usize] as u64) << k;
            }
            out.push((m, 0));
        }
        // Unit k of the sentence (at most MAX_TOKENS, 64) sets bit k in the cells of the
        // English sentences that translate it.
        for (k, &u) in z.units.iter().enumerate() {
            let post = &f.unit_postings[u as usize];
            let from = post.partition_point(|&j| (j as usize) < js.start);
            for &j in post[from..].iter().take_while(|&&j| (j as usize) < js.end) {
                out[first + j as usize - js.start].1 |= 1 << k;
            }
        }
        for &t in &z.covered {
            self.covered[t as usize] = false;
        }
    }
}

/// The romanised names of the English sentences (`token_of` gives a stem's dense id, for
/// stems outside the lexicon): capitalised words (anywhere in a sentence) that the text
/// never writes in lower case, as romanised, as the pinyin an older romanisation of them may
/// stand for ([`romanisation`]: `Tsé` is `ze`), and the parts of a compound name joined
/// (`Tsé-toung` is `zedong`, `Wen-jie` is `wenjie`), standing for each of its parts.
fn name_matcher(
    en: &[&str],
    tokenizer: &EnTokenizer,
    pinyin: &Pinyin,
    token_of: impl Fn(&str) -> Option<u32>,
) -> NameMatcher {
    let mut names = NameMatcher::default();
    let mut seen = rustc_hash::FxHashSet::default();
    let mut done = rustc_hash::FxHashSet::default();
    // English names are ASCII words; another language's are romanised (`Jésus`, `Иисус`).
    let english = tokenizer.lang() == crate::text::Lang::En;
    let is_letter = |c: char| {
        if english {
            c.is_ascii_alphabetic()
        } else {
            c.is_alphabetic()
        }
    };
    // A capitalised word the text also writes in lower case (`De` and `de`) is a common
    // word at the start of a sentence, not a name.
    let mut lower_case = rustc_hash::FxHashSet::default();
    for s in en {
        for w in s.split(|c: char| !is_letter(c)) {
            if w.chars().next().is_some_and(char::is_lowercase) {
                lower_case.insert(w);
            }
        }
    }
    // A name, standing for the tokens `ids`, and the pinyin it may stand for when it is
    // written in an older romanisation (its `parts` are its syllables).
    let mut add = |name: &str, parts: &[&str], ids: &[u32]| {
        if !(2..=24).contains(&name.len()) {
            return;
        }
        for &id in ids {
            names.add(name, id);
        }
        if pinyin.is_spelling(name) {
            return;
        }
        for other in romanisation::pinyin_spellings(parts, |w| pinyin.is_syllable(w)) {
            for &id in ids {
                names.add(&other, id);
            }
        }
    };
    for s in en {
        for compound in s.split(|c: char| !is_letter(c) && c != '-') {
            // Only a capitalised word or a compound can hold a name, and a word seen before
            // is done (most names recur).
            let single = !compound.contains('-');
            if single && !compound.chars().next().is_some_and(char::is_uppercase)
                || !done.insert(compound)
            {
                continue;
            }
            let mut ids = Vec::new();
            let mut parts = Vec::new();
            for (k, w) in compound.split('-').enumerate() {
                let capital = w.chars().next().is_some_and(char::is_uppercase);
                if (k == 0 && !capital) || w.is_empty() || w.len() > 48 {
                    ids.clear();
                    break;
                }
                let lower = w.to_lowercase();
                let name = if english {
                    lower.clone()
                } else {
                    cognates::romanise(&lower)
                };
                let Some(id) = token_of(&tokenizer.stem(&lower)) else {
                    ids.clear();
                    break;
                };
                if capital && seen.insert(lower.clone()) && !lower_case.contains(lower.as_str()) {
                    add(&name, &[name.as_str()], &[id]);
                }
                ids.push(id);
                parts.push(name);
            }
            let joined = parts.concat();
            if ids.len() > 1 && seen.insert(joined.clone()) {
                let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
                add(&joined, &parts, &ids);
            }
        }
    }
    names
}

/// `f` over `items`, in order, on up to `threads` threads when there are enough items to pay
/// for them (the result is the same either way).
fn par_map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    par_map_with(items, threads, || (), |_, x| f(x))
}

/// [`par_map`] where `f` also takes a state of its thread, made by `init` (a memo: the
/// result must not depend on what the state holds).
fn par_map_with<T: Sync, R: Send, S>(
    items: &[T],
    threads: usize,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R> {
    const MIN_PER_THREAD: usize = 2000;
    let threads = threads.min(items.len() / MIN_PER_THREAD);
    let run = |part: &[T]| {
        let mut state = init();
        part.iter().map(|x| f(&mut state, x)).collect::<Vec<R>>()
    };
    if threads <= 1 {
        return run(items);
    }
    let chunk = items.len().div_ceil(threads);
    let run = &run;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || run(part)))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                // A panic in `f` is a bug; pass it on rather than lose the items.
                Err(e) => std::panic::resume_unwind(e),
            }
        }
        out
    })
}

/// Length in characters, not counting white space.
pub(crate) fn non_space_len(s: &str) -> f64 {
    s.chars().filter(|c| !c.is_whitespace()).count() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    #[test]
    fn row_masker_gives_the_masks_of_mask_and_unit_mask() {
        let zh = [
            "我父亲是一个医生，他每天早上去医院。",
            "今天下雨了，2021年4月5日。",
            "叶文洁看着天空。",
        ];
        let en = [
            "My father is a doctor.",
            "He goes to the hospital every morning.",
            "It rained today, 5 April 2021.",
            "Ye Wenjie looked at the sky.",
        ];
        let f = PairFeatures::new(
            &zh,
            &en,
            &Lexicon::bundled(),
            &EnTokenizer::new(),
            Some(Pinyin::bundled()),
            1,
        );
        let mut masker = RowMasker::new(&f);
        let mut any = false;
        for i in 0..zh.len() {
            let mut out = Vec::new();
            masker.row(&f, i, 0..en.len(), &mut out);
            let want: Vec<_> = (0..en.len())
                .map(|j| (f.mask(i, j), f.unit_mask(i, j)))
                .collect();
            assert_eq!(out, want, "row {i}");
            any |= want.iter().any(|&(m, u)| m != 0 && u != 0);
        }
        assert!(
            any,
            "the example must have covered tokens and units to compare"
        );
    }

    /// Which words of the Latin sentence a Chinese sentence covers as names: (case, Latin
    /// language, Chinese, Latin, the words covered).
    const NAMES: &[(&str, Lang, &str, &str, &[&str])] = &[
        (
            "pinyin",
            Lang::Fr,
            "叶文洁来了。",
            "Ye Wenjie est venue.",
            &["ye", "wenjie"],
        ),
        (
            "hyphenated pinyin",
            Lang::En,
            "宝玉来了。",
            "Bao-yu came.",
            &["bao", "yu"],
        ),
        (
            "EFEO",
            Lang::Fr,
            "泽东来了。",
            "Tsé-toung est venu.",
            &["tsé", "toung"],
        ),
        ("Lessing", Lang::De, "周来了。", "Tschou kam.", &["tschou"]),
        (
            "Wade-Giles",
            Lang::En,
            "小平来了。",
            "Hsiao-ping came.",
            &["hsiao", "ping"],
        ),
        // `Long` starts a sentence; `long` is a common word of the text, not a name (龙 is
        // `long`).
        (
            "common word",
            Lang::Fr,
            "一条龙。",
            "Long est le chemin, le chemin est long.",
            &[],
        ),
        // More than one syllable: no older spelling of a Chinese name.
        (
            "German noun",
            Lang::De,
            "门神来了。",
            "Menschen kamen.",
            &[],
        ),
    ];

    #[test]
    fn names_are_covered_in_pinyin_and_older_romanisations() {
        for &(case, lang, zh, latin, want) in NAMES {
            let tokenizer = EnTokenizer::for_lang(lang);
            let f = PairFeatures::new(
                &[zh],
                &[latin],
                &Lexicon::empty(),
                &tokenizer,
                Some(Pinyin::bundled()),
                1,
            );
            let plain = PairFeatures::new(&[zh], &[latin], &Lexicon::empty(), &tokenizer, None, 1);
            let names = f.zh[0].covered.len() - plain.zh[0].covered.len();
            assert_eq!(
                names,
                want.len(),
                "{case}: {latin:?} against {zh:?} covers {names} names, not {want:?}"
            );
        }
    }

    /// A Han word on the English side (a user's dictionary may make it a lexicon stem) is
    /// still found on the Chinese side.
    #[test]
    fn han_words_of_the_english_side_are_covered() {
        let mut lexicon = Lexicon::empty();
        lexicon.add_text("三体\tzzz\n", "user.tsv").unwrap();
        for lexicon in [Lexicon::empty(), lexicon] {
            let f = PairFeatures::new(
                &["三体，很好。"],
                &["三体 is good."],
                &lexicon,
                &EnTokenizer::new(),
                None,
                1,
            );
            let t = EnTokenizer::new().stem("三体");
            let known = lexicon.stem_id(&t).is_some();
            assert!(
                f.mask(0, 0) != 0,
                "三体 not covered (in the lexicon: {known})"
            );
        }
    }

    #[test]
    fn structure_labels_and_headings_are_shared_tokens() {
        let zh = ["第一条 本规则。", "借阅期限", "一、附则", "他来了。"];
        let en = [
            "Article 1 These rules.",
            "Loan periods",
            "I. Final provisions",
            "He came.",
        ];
        let plain = || PairFeatures::new(&zh, &en, &Lexicon::empty(), &EnTokenizer::new(), None, 1);
        let before = plain();
        let f = plain().with_structure(
            (&zh, &[false, true, true, false]),
            (&en, &[false, true, true, false]),
        );
        // Three labels on both sides: art:1, sec:1 and heading (the heading with an
        // enumerator takes the enumerator's label).
        assert_eq!(f.q.len(), before.q.len() + 3);
        let added = |i: usize, j: usize| {
            f.en[j]
                .tokens
                .iter()
                .filter(|&&t| t as usize >= before.q.len() && f.zh[i].covered.contains(&t))
                .count()
        };
        assert_eq!(
            [added(0, 0), added(1, 1), added(2, 2), added(3, 3)],
            [1, 1, 1, 0]
        );
        assert_eq!(added(0, 1) + added(1, 2) + added(2, 0), 0);
        // Nothing is added where no label is on both sides.
        let g = plain().with_structure((&zh[3..], &[]), (&en[..1], &[]));
        assert_eq!(g.q.len(), before.q.len());
    }
}
