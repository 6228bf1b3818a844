//! The search for the best alignment: the [`Aligner`] and its options, the pass driver,
//! the cached masks of a search window, the banded dynamic programme and the anchors.
//!
//! The cost of a bead is the model's (`crate::model`); this module decides which beads are
//! scored and in which order, and never the reverse.

mod anchors;
mod builder;
mod constrained;
mod dp;
mod masks;
mod passes;
mod windows;

pub use builder::AlignerBuilder;
pub use constrained::{Change, Realigner};

use crate::alignment::{Alignment, Bead};
use crate::diag;
use crate::features::en::EnTokenizer;
use crate::features::{Dictionary, PairFeatures, PairModel};
use crate::lexicon::pinyin::Pinyin;
use crate::lexicon::Lexicon;
use crate::model::MAX_SIDE;
use crate::text::partition::has_script;
use crate::text::{Lang, Script, Text};
use crate::{Error, Result};
use builder::Config;
use passes::{ScoredSpan, Search};
use std::sync::Arc;

/// Sentence texts and, when known, their paragraph numbers.
/// Sentences, their paragraph numbers when known, and which are headings (empty: unknown).
type Sentences<'a> = (&'a [&'a str], Option<Vec<u32>>, Vec<bool>);

/// Aligns two texts sentence by sentence.
///
/// Build one with [`Aligner::new`] (defaults) or [`Aligner::builder`], then call
/// [`Aligner::align`] for segmented texts or [`Aligner::align_sentences`] for pre-split
/// sentences. An `Aligner` is immutable and can be shared across threads; building one loads
/// the lexicon once.
///
/// ```
/// use bialign::Aligner;
///
/// let aligner = Aligner::new();
/// let a = aligner.align_sentences(&["我父亲是医生。", "他每天去医院。"], &[
///     "My father is a doctor.",
///     "He goes to the hospital every day.",
/// ])?;
/// assert_eq!(a.to_ids(), "[0]:[0]\n[1]:[1]\n");
/// # Ok::<(), bialign::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Aligner {
    config: Config,
    lexicon: Arc<Lexicon>,
    /// Whether `lexicon` is the bundled one (not given to the builder): it then serves
    /// Chinese-English pairs only.
    bundled_lexicon: bool,
    tokenizer: Arc<EnTokenizer>,
    /// What a pair of languages needs beyond `tokenizer` and `lexicon`, built on the first
    /// document of the pair and shared by the aligner's clones: a user's dictionary of many
    /// thousand entries is tokenised once, not once a document.
    per_pair: Arc<PerPair>,
}

/// The tokenizers and dictionaries of each pair of languages an [`Aligner`] has met.
#[derive(Debug, Default)]
pub(crate) struct PerPair(std::sync::Mutex<Vec<(Pair, Arc<PairTools>)>>);

/// The tokenizers of a pair's two sides and its user's dictionary, in the form the pair's
/// features need.
#[derive(Debug)]
struct PairTools {
    col_tok: Arc<EnTokenizer>,
    rows: RowTools,
}

/// What the rows of a pair are matched with.
#[derive(Debug)]
enum RowTools {
    /// Two alphabetic languages: the rows' tokenizer and the dictionary between them.
    Alphabetic(EnTokenizer, Dictionary),
    /// Chinese against English: the aligner's lexicon.
    Lexicon,
    /// Chinese against another language: the user's pairs as a lexicon of their own.
    PairLexicon(Box<Lexicon>),
}

impl PerPair {
    /// The tools of `pair`, built by `build` the first time it is asked for. Two threads
    /// asking at once may both build them; the first to finish is kept.
    fn get(&self, pair: Pair, build: impl FnOnce() -> PairTools) -> Arc<PairTools> {
        if let Some((_, t)) = self.lock().iter().find(|(p, _)| *p == pair) {
            return Arc::clone(t);
        }
        let built = Arc::new(build());
        let mut all = self.lock();
        if let Some((_, t)) = all.iter().find(|(p, _)| *p == pair) {
            return Arc::clone(t);
        }
        all.push((pair, Arc::clone(&built)));
        built
    }

    /// The list, also after a thread panicked holding it (it is only ever pushed to).
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(Pair, Arc<PairTools>)>> {
        match self.0.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }
}

/// The languages of a document pair in the model's canonical orientation: the rows are the
/// side matched by substring where one side is Chinese (any Han-script language), else the
/// source; the columns are tokenised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Pair {
    pub rows: Lang,
    pub cols: Lang,
}

impl Pair {
    const ZH_EN: Pair = Pair {
        rows: Lang::Zh,
        cols: Lang::En,
    };

    /// The pair of the bundled lexicon.
    fn is_zh_en(self) -> bool {
        self.rows.script() == Script::Han && self.cols == Lang::En
    }

    /// What the cost model needs to know of the pair.
    fn model(self, bundled_lexicon: bool) -> PairModel {
        let han = |l: Lang| l.script() == Script::Han;
        PairModel {
            // Han against an alphabetic script: about 3.3 letters a character; two
            // alphabetic scripts (or two Han ones), about as many characters.
            typical_ratio: if han(self.rows) != han(self.cols) {
                PairModel::HAN_RATIO
            } else {
                1.0
            },
            // The measured coverage is the bundled lexicon's.
            coverage_known: self.is_zh_en() && bundled_lexicon,
            // Chinese sentences are split by translators into English ones far more often
            // than merged: the direction says something only against Han.
            symmetric: !han(self.rows),
        }
    }
}

impl Default for Aligner {
    fn default() -> Self {
        Self::new()
    }
}

impl Aligner {
    /// An aligner with the default options: Chinese source, English target, bundled lexicon.
    pub fn new() -> Aligner {
        AlignerBuilder::default().build()
    }

    /// A builder for every option.
    pub fn builder() -> AlignerBuilder {
        AlignerBuilder::default()
    }

    fn pinyin(&self) -> Option<&'static Pinyin> {
        self.config.pinyin_names.then(Pinyin::bundled)
    }

    /// The features of a Chinese-English document pair in canonical orientation, with this
    /// aligner's lexicon, tokenizer and names.
    fn pair_features(&self, zh: &[&str], en: &[&str]) -> PairFeatures {
        self.features_of(zh, en, Pair::ZH_EN)
    }

    /// The features of a document pair in canonical orientation: the rows in `pair.rows`,
    /// the columns in `pair.cols`.
    fn features_of(&self, rows: &[&str], cols: &[&str], pair: Pair) -> PairFeatures {
        let tools = self.per_pair.get(pair, || self.pair_tools(pair));
        let col_tok = &tools.col_tok;
        let han = |lexicon| {
            PairFeatures::new(rows, cols, lexicon, col_tok, self.pinyin(), self.threads())
        };
        let mut f = match &tools.rows {
            RowTools::Alphabetic(row_tok, dict) => {
                PairFeatures::alphabetic(rows, cols, (row_tok, col_tok), dict, self.threads())
            }
            RowTools::Lexicon => han(&self.lexicon),
            RowTools::PairLexicon(lexicon) => han(lexicon),
        };
        f.pair = pair.model(self.bundled_lexicon);
        f
    }

    /// Builds what `pair` needs beyond this aligner's English tokenizer and lexicon.
    fn pair_tools(&self, pair: Pair) -> PairTools {
        let col_tok = if pair.cols == Lang::En {
            self.tokenizer.clone()
        } else {
            Arc::new(EnTokenizer::for_lang(pair.cols))
        };
        // The bundled lexicon is Chinese-English: any other pair has only the user's
        // dictionaries (the word pairs of a lexicon given to the builder), tokenised in the
        // pair's languages.
        let user_pairs = if self.bundled_lexicon {
            &[][..]
        } else {
            self.lexicon.word_pairs()
        };
        let rows = if pair.rows.script().is_alphabetic() {
            let row_tok = EnTokenizer::for_lang(pair.rows);
            let dict = Dictionary::new(user_pairs, &row_tok, &col_tok);
            RowTools::Alphabetic(row_tok, dict)
        } else if pair.is_zh_en() {
            RowTools::Lexicon
        } else {
            RowTools::PairLexicon(Box::new(Lexicon::from_word_pairs(user_pairs, |w| {
                col_tok.word_token(w)
            })))
        };
        PairTools { col_tok, rows }
    }

    fn threads(&self) -> usize {
        self.config.threads.unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map_or(1, usize::from)
                .min(4)
        })
    }

    /// Aligns pre-split source and target sentences, in the languages set with
    /// [`AlignerBuilder::src_lang`] and [`AlignerBuilder::tgt_lang`]. Each sentence's
    /// whitespace is normalised first ([`normalize_sentence`](crate::text::normalize::normalize_sentence)),
    /// as `--presplit` does a file's lines, so that the two give the same alignment.
    ///
    /// # Errors
    /// When the two languages are not a pair the aligner supports (the same language twice).
    pub fn align_sentences<S: AsRef<str>, T: AsRef<str>>(
        &self,
        src: &[S],
        tgt: &[T],
    ) -> Result<Alignment> {
        use crate::text::normalize::normalize_sentence;
        let src: Vec<String> = src.iter().map(|s| normalize_sentence(s.as_ref())).collect();
        let tgt: Vec<String> = tgt.iter().map(|s| normalize_sentence(s.as_ref())).collect();
        let src: Vec<&str> = src.iter().map(String::as_str).collect();
        let tgt: Vec<&str> = tgt.iter().map(String::as_str).collect();
        self.align_in(
            (&src, None, Vec::new()),
            self.config.src_lang,
            (&tgt, None, Vec::new()),
            self.config.tgt_lang,
        )
    }

    /// Aligns two segmented texts; their own languages decide the direction.
    ///
    /// # Errors
    /// When the two texts' languages are not a pair the aligner supports (the same language
    /// twice).
    pub fn align(&self, src: &Text, tgt: &Text) -> Result<Alignment> {
        let (sp, tp) = (src.paragraph_numbers(), tgt.paragraph_numbers());
        let heads = |t: &Text| (0..t.len()).map(|k| t.is_heading(k)).collect::<Vec<bool>>();
        self.align_in(
            (&src.texts(), Some(sp), heads(src)),
            src.lang(),
            (&tgt.texts(), Some(tp), heads(tgt)),
            tgt.lang(),
        )
    }

    /// Aligns sentences (with their paragraph numbers, when known) in either direction.
    fn align_in(
        &self,
        src: Sentences<'_>,
        src_lang: Lang,
        tgt: Sentences<'_>,
        tgt_lang: Lang,
    ) -> Result<Alignment> {
        check_pair(src_lang, tgt_lang)?;
        let (swap, pair) = orient(src_lang, tgt_lang);
        let (zh, en) = if swap { (tgt, src) } else { (src, tgt) };
        check_order(zh.0, en.0, pair, swap)?;
        Ok(to_alignment(self.align_canonical(zh, en, pair), swap))
    }

    fn align_canonical(&self, zh: Sentences<'_>, en: Sentences<'_>, pair: Pair) -> Vec<ScoredSpan> {
        let texts = zh.0;
        let f = self.features(zh, en, pair);
        self.search(f, texts)
    }

    /// The features of sentences in canonical orientation, with paragraphs and structure
    /// where known.
    fn features(
        &self,
        (zh, zh_para, zh_heads): Sentences<'_>,
        (en, en_para, en_heads): Sentences<'_>,
        pair: Pair,
    ) -> PairFeatures {
        let t = std::time::Instant::now();
        let mut f = self.features_of(zh, en, pair);
        if let (Some(zp), Some(ep)) = (zh_para, en_para) {
            f = f.with_paragraphs(zp, ep);
        }
        if self.config.structure {
            f = f.with_structure((zh, &zh_heads), (en, &en_heads));
        }
        diag::lap("features", t);
        f
    }

    /// Everything after feature extraction: the passes of the search and the posteriors.
    fn search(&self, f: PairFeatures, zh: &[&str]) -> Vec<ScoredSpan> {
        self.with_search(|s| s.run(f, zh))
    }

    /// `run` with this aligner's search: its options, bead shapes and threads.
    fn with_search<R>(&self, run: impl FnOnce(&Search<'_>) -> R) -> R {
        let max_bead = self.config.model.max_bead;
        // `shapes` lists the beads by total size, so the first pass's are a prefix.
        let first = shapes(max_bead.min(self.config.first_pass_bead)).len();
        let all = shapes(max_bead);
        let search = Search {
            cfg: &self.config,
            shapes: &all,
            first_shapes: &all[..first],
            threads: self.threads(),
        };
        run(&search)
    }

    /// The passes over two texts as [`Aligner::align`] runs them, kept for searches between
    /// fixed beads; `true` when the model works the other way round (target rows).
    fn constrained(&self, src: &Text, tgt: &Text) -> Result<(constrained::Constrained, bool)> {
        check_pair(src.lang(), tgt.lang())?;
        let (swap, pair) = orient(src.lang(), tgt.lang());
        let (zh, en) = if swap { (tgt, src) } else { (src, tgt) };
        let (zh_texts, en_texts) = (zh.texts(), en.texts());
        check_order(&zh_texts, &en_texts, pair, swap)?;
        let heads = |t: &Text| (0..t.len()).map(|k| t.is_heading(k)).collect::<Vec<bool>>();
        let f = self.features(
            (&zh_texts, Some(zh.paragraph_numbers()), heads(zh)),
            (&en_texts, Some(en.paragraph_numbers()), heads(en)),
            pair,
        );
        let solved = self.with_search(|s| s.solve(f, &zh_texts));
        Ok((
            constrained::Constrained::new(solved, self.config.refine_band),
            swap,
        ))
    }
}

/// Whether the model works the other way round (the target as rows), and the pair as it
/// works it: Chinese against the other language (or the source against the target, when
/// neither is Chinese); the other direction is its mirror image.
fn orient(src_lang: Lang, tgt_lang: Lang) -> (bool, Pair) {
    let swap = tgt_lang.script() == Script::Han && src_lang.script() != Script::Han;
    let pair = if swap {
        Pair {
            rows: tgt_lang,
            cols: src_lang,
        }
    } else {
        Pair {
            rows: src_lang,
            cols: tgt_lang,
        }
    };
    (swap, pair)
}

/// Refuses a pair of languages the aligner has no model for.
pub(crate) fn check_pair(src: Lang, tgt: Lang) -> Result<()> {
    if src == tgt {
        return Err(Error::config(format!(
            "cannot align {src} with {tgt}: the source and target languages must differ"
        )));
    }
    Ok(())
}

/// Refuses texts given in the wrong order: the Chinese side without a single Han character
/// while the English side has them, and the English side without a Latin letter while the
/// Chinese side has them (an alignment of them would be silently worthless).
fn check_order(zh: &[&str], en: &[&str], pair: Pair, swapped_roles: bool) -> Result<()> {
    if pair.rows.script() == pair.cols.script() {
        return Ok(());
    }
    let lacks = |side: &[&str], lang| side.iter().all(|s| !has_script(s, lang));
    let (z, e) = (pair.rows, pair.cols);
    let wrong = lacks(zh, z) && lacks(en, e) && !lacks(en, z) && !lacks(zh, e);
    if wrong {
        let (src, tgt) = if swapped_roles {
            ("target", "source")
        } else {
            ("source", "target")
        };
        return Err(Error::input(
            src,
            format!(
                "the {src} text looks like {} and the {tgt} text like {}: they are in the \
                 wrong order; swap them or give their languages",
                lang_name(e),
                lang_name(z)
            ),
        ));
    }
    Ok(())
}

/// A language's name for messages (its English name, or its code without a profile).
fn lang_name(lang: Lang) -> String {
    match lang.profile().code {
        "und" => format!("`{}`", lang.code()),
        _ => lang.profile().name.to_string(),
    }
}

/// The allowed bead shapes, small ones first (so good beads are found early and hopeless
/// large ones are skipped).
fn shapes(max_total: usize) -> Vec<(usize, usize)> {
    let mut v = vec![(1, 1), (1, 0), (0, 1)];
    for total in 3..=max_total {
        for x in 1..total {
            let y = total - x;
            if x <= MAX_SIDE && y <= MAX_SIDE {
                v.push((x, y));
            }
        }
    }
    v
}

/// Beads in canonical orientation (Chinese, English, score), turned back to the requested
/// direction.
fn to_alignment(beads: Vec<ScoredSpan>, swap: bool) -> Alignment {
    Alignment {
        beads: beads
            .into_iter()
            .map(|(z, e, score)| {
                let (src, tgt) = if swap { (e, z) } else { (z, e) };
                Bead { src, tgt, score }
            })
            .collect(),
    }
}

/// Entry points into the stages of the aligner, for the criterion benches. Not part of the
/// API: names and signatures may change in any release.
#[doc(hidden)]
pub mod internals {
    use super::dp::Band;
    use super::masks::MaskCache;
    use super::windows::length_diagonal;
    use super::{shapes, to_alignment, Aligner};
    use crate::alignment::Alignment;
    use crate::features::PairFeatures;
    use crate::model::{CostParams, Scorer};

    /// The features of one document pair (Chinese rows, English columns), and its Chinese
    /// sentences (the learned lexicon reads them).
    pub struct Prepared(PairFeatures, Vec<String>);

    impl Prepared {
        /// Number of Chinese and English sentences.
        pub fn shape(&self) -> (usize, usize) {
            (self.0.zh.len(), self.0.en.len())
        }
    }

    /// Loads the bundled lexicon's embedded index anew, bypassing the process-wide cache of
    /// [`crate::Lexicon::bundled`]: the start-up cost that cache hides.
    pub fn load_bundled_lexicon() -> crate::Lexicon {
        crate::lexicon::Lexicon::load_bundled()
    }

    /// Feature extraction: tokenising, lexicon look-up, numbers, punctuation, chance rates.
    pub fn features(aligner: &Aligner, zh: &[&str], en: &[&str]) -> Prepared {
        Prepared(
            aligner.pair_features(zh, en),
            zh.iter().map(|s| s.to_string()).collect(),
        )
    }

    /// Scores every allowed bead whose end lies within `half` columns of the length
    /// diagonal, a cell at a time as the search does, with the aligner's initial parameters,
    /// on one thread; returns the sum of
    /// the finite costs (so the work cannot be optimised away).
    pub fn score_band(aligner: &Aligner, p: &Prepared, half: usize) -> f64 {
        let f = &p.0;
        let (n, m) = (f.zh.len(), f.en.len());
        let cfg = &aligner.config;
        let params = CostParams::initial(&cfg.model, f);
        let scorer = Scorer::new(f, &params);
        let centers = length_diagonal(f);
        let band = Band::around(&centers, &vec![half; n + 1], m);
        let masks = MaskCache::new(f, &band, (0, 0), 0..n + 1);
        let shapes = shapes(cfg.model.max_bead);
        let mut sum = 0.0;
        let mut out = vec![f64::INFINITY; shapes.len()];
        for i in 0..=n {
            for j in band.lo(i)..=band.hi(i) {
                // Every bead with both sides non-empty, as the search scores them: a cell at
                // a time.
                let valid = shapes
                    .iter()
                    .enumerate()
                    .filter(|(_, &(x, y))| x > 0 && y > 0 && x <= i && y <= j)
                    .fold(0u64, |v, (k, _)| v | 1 << k);
                out.fill(f64::INFINITY);
                scorer.cell_costs(i, j, &shapes, valid, |a, b| masks.get(f, a, b), &mut out);
                sum += out.iter().filter(|c| c.is_finite()).sum::<f64>();
            }
        }
        sum
    }

    /// The search alone: every pass after feature extraction, with posteriors.
    pub fn search(aligner: &Aligner, p: &Prepared) -> Alignment {
        let zh: Vec<&str> = p.1.iter().map(String::as_str).collect();
        to_alignment(aligner.search(p.0.clone(), &zh), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CostParams, Scorer};

    /// A user's dictionary is tokenised once per pair of languages, whatever the number of
    /// documents, and the aligner's clones share it: each pair's tools are built once.
    #[test]
    fn pair_tools_are_built_once_per_pair() {
        let mut lexicon = Lexicon::empty();
        lexicon
            .add_text("Hund\tchien\nHaus\tmaison\n狗\tchien\n", "dict.txt")
            .expect("a dictionary");
        let de_fr = Aligner::builder()
            .lexicon(Arc::new(lexicon))
            .src_lang(Lang::De)
            .tgt_lang(Lang::Fr)
            .build();
        let clone = de_fr.clone();
        let (de, fr) = (["Der Hund schläft."], ["Le chien dort."]);
        let first = de_fr.align_sentences(&de, &fr).expect("aligned");
        let tools = || {
            de_fr
                .per_pair
                .lock()
                .iter()
                .map(|(p, t)| (*p, Arc::as_ptr(t)))
                .collect::<Vec<_>>()
        };
        let built = tools();
        assert_eq!(built.len(), 1, "{built:?}");
        assert_eq!(
            clone.align_sentences(&de, &fr).expect("aligned").to_ids(),
            first.to_ids()
        );
        assert_eq!(
            clone.align_sentences(&fr, &de).map(|a| a.beads.len()).ok(),
            Some(1),
            "either way"
        );
        assert_eq!(
            tools(),
            built,
            "the same tools for every document and direction"
        );
        let entries = match &built_tools(&de_fr, built[0].0).rows {
            RowTools::Alphabetic(_, dict) => Some(dict.len()),
            _ => None,
        };
        assert_eq!(entries, Some(4), "Hund, chien, Haus and maison, each way");
    }

    fn built_tools(a: &Aligner, pair: Pair) -> Arc<PairTools> {
        a.per_pair.get(pair, || unreachable!("built already"))
    }

    #[test]
    fn cell_costs_equal_bead_costs() {
        let zh = [
            "我父亲是医生。",
            "他每天早上去医院。",
            "今天下雨了，我们没有出门。",
            "叶文洁看着天空。",
            "联合国大会第七十届会议于2015年9月15日开幕。",
            "他说：“你好！”",
        ];
        let en = [
            "My father is a doctor.",
            "He goes to the hospital every morning.",
            "It rained today.",
            "We did not go out.",
            "Ye Wenjie looked at the sky.",
            "The seventieth session of the General Assembly opened on 15 September 2015.",
            "He said: \"Hello!\"",
        ];
        // Every bead shape, sides up to MAX_SIDE.
        let aligner = Aligner::builder().max_bead(10).build();
        let mut f = aligner.pair_features(&zh, &en);
        // Opening classes, as two alphabetic texts have them (Chinese has none).
        for (k, s) in f.zh.iter_mut().enumerate() {
            s.opening = (k % 3) as u8;
        }
        for (k, s) in f.en.iter_mut().enumerate() {
            s.opening = (k % 4) as u8;
        }
        let mut params = CostParams::initial(&aligner.config.model, &f);
        params.paragraph_penalty = 3.0;
        // The sentence-level terms of both sides, as where no lexicon applies.
        params.sentence = (1..=MAX_SIDE).map(|x| [0.7 / x as f64, -1.3]).collect();
        params.sentence_rows = (1..=MAX_SIDE).map(|y| [0.4 / y as f64, -2.1]).collect();
        // The opening words' table and the order term, as between alphabetic texts.
        let openings = crate::features::OPENINGS;
        params.pmi_open = (0..openings * openings)
            .map(|k| (k % 7) as f64 * 0.3 - 0.9)
            .collect();
        params.order_weight = 0.2;
        let scorer = Scorer::new(&f, &params);
        // The same without the order term, and without the openings: both count here.
        let (mut no_order, mut no_openings) = (params.clone(), params.clone());
        no_order.order_weight = 0.0;
        no_openings.pmi_open.clear();
        let (no_order, no_openings) = (Scorer::new(&f, &no_order), Scorer::new(&f, &no_openings));
        let (mut ordered, mut opened) = (0, 0);
        let shapes = shapes(10);
        assert!(shapes.contains(&(1, MAX_SIDE)));
        let mask = |i: usize, j: usize| (f.mask(i, j), f.unit_mask(i, j));
        let mut compared = 0;
        for i in 0..=zh.len() {
            for j in 0..=en.len() {
                let valid = shapes
                    .iter()
                    .enumerate()
                    .filter(|(_, &(x, y))| x <= i && y <= j && x + y > 0)
                    .fold(0u64, |v, (k, _)| v | 1 << k);
                let mut out = vec![f64::NAN; shapes.len()];
                scorer.cell_costs(i, j, &shapes, valid, mask, &mut out);
                for (k, &(x, y)) in shapes.iter().enumerate() {
                    if valid >> k & 1 == 0 {
                        assert!(out[k].is_nan(), "shape {k} written though not valid");
                        continue;
                    }
                    let want = if x == 0 || y == 0 {
                        scorer.null_cost(i, j, x, &mask)
                    } else {
                        scorer.cost(i - x, i, j - y, j, mask)
                    };
                    assert_eq!(
                        out[k].to_bits(),
                        want.to_bits(),
                        "cell ({i}, {j}) shape {x}-{y}: {} against {want}",
                        out[k]
                    );
                    compared += usize::from(want.is_finite() && x > 0 && y > 0);
                    if want.is_finite() && x > 0 && y > 0 {
                        let bead = (i - x, i, j - y, j);
                        let cost = |s: &Scorer| s.cost(bead.0, bead.1, bead.2, bead.3, mask);
                        ordered += usize::from(want > cost(&no_order));
                        opened += usize::from(want != cost(&no_openings));
                    }
                }
            }
        }
        assert!(compared > 100, "{compared} beads compared");
        assert!(
            ordered > 0 && opened > 0,
            "order term in {ordered}, openings in {opened}"
        );
    }

    /// A search that takes bead costs from earlier searches (the first pass's widening)
    /// finds the same path, with the same costs, as one that computes them all: over the
    /// whole table and over a window inside it, with a band wider than the earlier one's.
    #[test]
    fn known_costs_give_the_same_path() {
        use super::dp::Band;
        use super::masks::{run_in, run_known, Known};
        let zh = [
            "我父亲是医生。",
            "他每天早上去医院。",
            "今天下雨了，我们没有出门。",
            "叶文洁看着天空。",
            "他说：“你好！”",
        ];
        let en = [
            "My father is a doctor.",
            "He goes to the hospital every morning.",
            "It rained today.",
            "We did not go out.",
            "Ye Wenjie looked at the sky.",
            "He said: \"Hello!\"",
        ];
        let aligner = Aligner::builder().build();
        let f = aligner.pair_features(&zh, &en);
        let params = CostParams::initial(&aligner.config.model, &f);
        let scorer = Scorer::new(&f, &params);
        let shapes = shapes(5);
        let (n, m) = (zh.len(), en.len());
        let diagonal = super::windows::length_diagonal(&f);
        let key = |p: &super::dp::Path| -> Vec<_> {
            let steps = p.steps.iter();
            steps
                .map(|s| (s.i0, s.i1, s.j0, s.j1, s.cost.to_bits()))
                .collect()
        };
        let mut known = Known::default();
        let narrow = Band::around(&diagonal, &vec![1; n + 1], m);
        let first = run_known(&f, &scorer, &narrow, (0, 0), &shapes, 1, &mut known);
        let want = run_in(&f, &scorer, &narrow, (0, 0), &shapes, None, 1);
        assert_eq!(key(&first), key(&want));
        known.new_round();
        let wide = Band::around(&diagonal, &vec![3; n + 1], m);
        let got = run_known(&f, &scorer, &wide, (0, 0), &shapes, 1, &mut known);
        assert_eq!(
            key(&got),
            key(&run_in(&f, &scorer, &wide, (0, 0), &shapes, None, 1))
        );
        // A window from cell (1, 1) to the end, in its own coordinates.
        let local: Vec<f64> = diagonal[1..].iter().map(|c| c - 1.0).collect();
        let window = Band::around(&local, &vec![2; n], m - 1);
        let got = run_known(&f, &scorer, &window, (1, 1), &shapes, 1, &mut known);
        let want = run_in(&f, &scorer, &window, (1, 1), &shapes, None, 1);
        assert_eq!(key(&got), key(&want));
        assert!(!want.steps.is_empty());
    }

    /// Leaving a sentence unpaired costs its prior, and more when it shares enough evidence
    /// with a sentence of the other side that borders it; the weight 0 turns that off.
    #[test]
    fn deleting_a_translated_sentence_costs_its_evidence() {
        let zh = [
            "叶文洁看着天空。",
            "联合国大会第七十届会议于2015年9月15日开幕。",
            "今天下雨了。",
        ];
        let en = [
            "Ye Wenjie looked at the sky.",
            "The seventieth session of the General Assembly opened on 15 September 2015.",
        ];
        let cost = |weight: f64, i: usize, j: usize, x: usize| {
            let aligner = Aligner::new();
            let f = aligner.pair_features(&zh, &en);
            // As a first pass with few deletions leaves it for the later passes.
            let mut params = CostParams::initial(&aligner.config.model, &f);
            params.deletion_evidence = weight;
            let scorer = Scorer::new(&f, &params);
            let mask = |i: usize, j: usize| (f.mask(i, j), f.unit_mask(i, j));
            (scorer.null_cost(i, j, x, &mask), params.prior[x][1 - x])
        };
        // Chinese sentence 1 deleted between English 0 and 1: English 1 translates it.
        let (deleted, prior) = cost(1.0, 2, 1, 1);
        assert!(deleted > prior + 1.0, "{deleted} against the prior {prior}");
        assert_eq!(cost(0.0, 2, 1, 1).0, prior);
        // Chinese sentence 2 after the last English one: nothing of it is on the other side.
        let (untranslated, prior) = cost(1.0, 3, 2, 1);
        assert_eq!(untranslated, prior);
        // English sentence 1 deleted between Chinese 1 and 2: Chinese 1 translates it.
        let (deleted, prior) = cost(1.0, 1, 2, 0);
        assert!(deleted > prior + 1.0, "{deleted} against the prior {prior}");
    }

    /// A Chinese sentence that an English translator split into six: a 1-6 bead, which
    /// needs sides of six sentences and a bead limit of 7.
    #[test]
    fn a_sentence_split_six_ways_is_one_bead() {
        let zh = [
            "我父亲是一个医生，他每天早上去医院，中午回家吃饭，下午看书，晚上写信，半夜才睡觉。",
            "叶文洁看着天空。",
        ];
        let en = [
            "My father was a doctor.",
            "He went to the hospital every morning.",
            "At noon he came home to eat.",
            "In the afternoon he read books.",
            "In the evening he wrote letters.",
            "He only slept at midnight.",
            "Ye Wenjie looked at the sky.",
        ];
        let a = Aligner::builder().max_bead(7).build();
        let got = a.align_sentences(&zh, &en).unwrap().to_ids();
        assert_eq!(got, "[0]:[0,1,2,3,4,5]\n[1]:[6]\n");
        let a = Aligner::builder().max_bead(6).build();
        let got = a.align_sentences(&zh, &en).unwrap().to_ids();
        assert!(!got.starts_with("[0]:[0,1,2,3,4,5]\n"), "{got}");
    }
}
