//! The aligner's options: [`AlignerBuilder`], one setter per option, each with its default
//! and valid range as an associated constant that front-ends read instead of repeating.

use super::Aligner;
use crate::features::en::EnTokenizer;
use crate::lexicon::Lexicon;
use crate::model::{self, Genre, ModelConfig};
use crate::text::Lang;
use std::ops::RangeInclusive;
use std::sync::Arc;

/// Everything an [`Aligner`] was built with.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub src_lang: Lang,
    pub tgt_lang: Lang,
    pub band: usize,
    pub max_band: usize,
    /// Half-width of the band around the previous path in the later passes.
    pub refine_band: usize,
    pub refinements: usize,
    pub anchors: bool,
    pub temperature: f64,
    pub pinyin_names: bool,
    /// Enumerators (`1.`, `(a)`, `第一条`/`Article 1`) as shared tokens.
    pub structure: bool,
    pub learn_lexicon: bool,
    /// Learn the lexicon a second time, from the beads of a search with the first round's
    /// pairs, before the last pass, where the bundled lexicon does not apply.
    pub relearn: bool,
    /// Learn pairs of English words and jieba's Chinese words, not Han n-grams.
    pub jieba_words: bool,
    pub reestimate: bool,
    /// Largest bead (both sides) of the first pass, whose path only guides the later ones.
    pub first_pass_bead: usize,
    /// Most threads per alignment; `None`: the machine's cores, at most 4.
    pub threads: Option<usize>,
    /// The options of the cost model.
    pub model: ModelConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            src_lang: Lang::Zh,
            tgt_lang: Lang::En,
            band: AlignerBuilder::DEFAULT_BAND,
            max_band: AlignerBuilder::DEFAULT_MAX_BAND,
            refine_band: 6,
            refinements: AlignerBuilder::DEFAULT_REFINEMENTS,
            anchors: true,
            temperature: 1.0,
            pinyin_names: true,
            structure: true,
            learn_lexicon: true,
            relearn: true,
            jieba_words: false,
            reestimate: true,
            first_pass_bead: AlignerBuilder::DEFAULT_FIRST_PASS_BEAD,
            threads: None,
            model: ModelConfig::default(),
        }
    }
}

/// `v` when it is a finite number, else `current`: the numeric options of the builder ignore
/// NaN and infinities rather than let them turn every cost into NaN.
fn finite_or(v: f64, current: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        current
    }
}

/// Sets every option of an [`Aligner`]; see [`Aligner::builder`].
///
/// Out-of-range numbers are clamped to the option's range (the associated constants say
/// which), and NaN or infinite ones are ignored; a front-end that wants to refuse them checks
/// them first, as [`Options::validate`](crate::Options::validate) does.
///
/// ```
/// use bialign::{Aligner, Genre};
///
/// let aligner = Aligner::builder().genre(Genre::Official).max_bead(4).build();
/// let alignment = aligner.align_sentences(&["他来了。"], &["He came."])?;
/// assert_eq!(alignment.to_ids(), "[0]:[0]\n");
/// # Ok::<(), bialign::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct AlignerBuilder {
    config: Config,
    lexicon: Option<Arc<Lexicon>>,
}

impl AlignerBuilder {
    /// Default of [`max_bead`](Self::max_bead).
    pub const DEFAULT_MAX_BEAD: usize = model::DEFAULT_MAX_BEAD;
    /// Valid values of [`max_bead`](Self::max_bead).
    pub const MAX_BEAD: RangeInclusive<usize> = 2..=10;
    /// Default of [`first_pass_bead`](Self::first_pass_bead).
    pub const DEFAULT_FIRST_PASS_BEAD: usize = 5;
    /// Default of [`band`](Self::band).
    pub const DEFAULT_BAND: usize = 12;
    /// Default of [`max_band`](Self::max_band).
    pub const DEFAULT_MAX_BAND: usize = 1536;
    /// Default of [`refinements`](Self::refinements).
    pub const DEFAULT_REFINEMENTS: usize = 1;
    /// Valid values of [`refinements`](Self::refinements).
    pub const REFINEMENTS: RangeInclusive<usize> = 0..=10;
    /// Default of [`lexical_weight`](Self::lexical_weight).
    pub const DEFAULT_LEXICAL_WEIGHT: f64 = model::DEFAULT_LEXICAL_WEIGHT;
    /// Default of [`punctuation_weight`](Self::punctuation_weight).
    pub const DEFAULT_PUNCTUATION_WEIGHT: f64 = model::DEFAULT_PUNCTUATION_WEIGHT;
    /// Default of [`opening_weight`](Self::opening_weight).
    pub const DEFAULT_OPENING_WEIGHT: f64 = model::DEFAULT_OPENING_WEIGHT;
    /// Default of [`order_weight`](Self::order_weight).
    pub const DEFAULT_ORDER_WEIGHT: f64 = model::DEFAULT_ORDER_WEIGHT;
    /// Default of [`coverage`](Self::coverage).
    pub const DEFAULT_COVERAGE: f64 = model::DEFAULT_COVERAGE;
    /// Valid values of [`coverage`](Self::coverage) and [`unit_coverage`](Self::unit_coverage).
    pub const COVERAGE: RangeInclusive<f64> = 0.01..=0.99;
    /// Default of [`unit_weight`](Self::unit_weight).
    pub const DEFAULT_UNIT_WEIGHT: f64 = model::DEFAULT_UNIT_WEIGHT;
    /// Default of [`unit_coverage`](Self::unit_coverage).
    pub const DEFAULT_UNIT_COVERAGE: f64 = model::DEFAULT_UNIT_COVERAGE;
    /// Valid values of [`deletion_prior`](Self::deletion_prior) (its default is the genre's,
    /// [`Genre::deletion_prior`]).
    pub const DELETION_PRIOR: RangeInclusive<f64> = 1e-6..=0.5;
    /// Default of [`length_noise`](Self::length_noise).
    pub const DEFAULT_LENGTH_NOISE: f64 = model::DEFAULT_LENGTH_NOISE;
    /// Default of [`deletion_evidence`](Self::deletion_evidence).
    pub const DEFAULT_DELETION_EVIDENCE: f64 = model::DEFAULT_DELETION_EVIDENCE;
    /// Default of [`sentence_evidence`](Self::sentence_evidence).
    pub const DEFAULT_SENTENCE_EVIDENCE: f64 = model::DEFAULT_SENTENCE_EVIDENCE;
    /// Default of [`paragraph_penalty`](Self::paragraph_penalty), in nats.
    pub const DEFAULT_PARAGRAPH_PENALTY: f64 = model::PARAGRAPH_PENALTY;
    /// Smallest [`temperature`](Self::temperature).
    pub const MIN_TEMPERATURE: f64 = 1e-3;

    /// Language of the source text (default Chinese).
    ///
    /// ```
    /// use bialign::{Aligner, Lang};
    ///
    /// let aligner = Aligner::builder().src_lang(Lang::En).tgt_lang(Lang::Zh).build();
    /// let alignment = aligner.align_sentences(&["He came."], &["他来了。"])?;
    /// assert_eq!(alignment.to_ids(), "[0]:[0]\n");
    /// # Ok::<(), bialign::Error>(())
    /// ```
    pub fn src_lang(mut self, lang: Lang) -> Self {
        self.config.src_lang = lang;
        self
    }

    /// Language of the target text (default English); see [`src_lang`](Self::src_lang).
    ///
    /// ```
    /// use bialign::{Aligner, Lang};
    ///
    /// // Two texts in one language are refused when aligned, not aligned badly.
    /// let aligner = Aligner::builder().tgt_lang(Lang::Zh).build();
    /// assert!(aligner.align_sentences(&["你好。"], &["你好。"]).is_err());
    /// ```
    pub fn tgt_lang(mut self, lang: Lang) -> Self {
        self.config.tgt_lang = lang;
        self
    }

    /// Largest bead, as the total number of sentences on both sides (2 to 10, default 6).
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// // With beads of at most two sentences, the two English sentences cannot share one.
    /// let aligner = Aligner::builder().max_bead(2).build();
    /// let a = aligner.align_sentences(&["他来了，坐下了。"], &["He came.", "He sat down."])?;
    /// assert!(a.beads.iter().all(|b| b.src.len() + b.tgt.len() <= 2));
    /// # Ok::<(), bialign::Error>(())
    /// ```
    pub fn max_bead(mut self, total: usize) -> Self {
        self.config.model.max_bead = total.clamp(*Self::MAX_BEAD.start(), *Self::MAX_BEAD.end());
        self
    }

    /// Decide per document, from the first pass, whether the translator drops Chinese
    /// speaker tags (`韦小宝道：` before a quotation), and leave them out of the Chinese length
    /// in the later passes if so (default on; their words still count as lexical evidence).
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let aligner = Aligner::builder().speaker_tags(false).build();
    /// # let _ = aligner;
    /// ```
    pub fn speaker_tags(mut self, on: bool) -> Self {
        self.config.model.speaker_tags = on;
        self
    }

    /// Learn from the first pass how often a quotation left open after a bead on one side
    /// is open after it on the other too, and score that agreement at bead boundaries in the
    /// later passes with the other punctuation tables (default off: on the dev sets it cost
    /// 0.001 to 0.002 strict F1 on top of the speaker tags).
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let aligner = Aligner::builder().quote_state(true).build();
    /// # let _ = aligner;
    /// ```
    pub fn quote_state(mut self, on: bool) -> Self {
        self.config.model.quote_state = on;
        self
    }

    /// Largest bead of the first pass, as the total number of sentences on both sides (2 to
    /// 10, default 5; never more than [`max_bead`](Self::max_bead)). The first pass only
    /// lays out the narrow band of the later passes, which take every bead up to
    /// `max_bead`: a smaller first pass is faster and finds nearly the same band.
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let a = Aligner::builder().first_pass_bead(2).build();
    /// let a = a.align_sentences(&["他来了，坐下了。"], &["He came.", "He sat down."])?;
    /// assert_eq!(a.to_ids(), "[0]:[0,1]\n");
    /// # Ok::<(), bialign::Error>(())
    /// ```
    pub fn first_pass_bead(mut self, total: usize) -> Self {
        self.config.first_pass_bead = total.clamp(*Self::MAX_BEAD.start(), *Self::MAX_BEAD.end());
        self
    }

    /// Half-width of the first search band, in sentences (default 12). The band widens by
    /// itself, up to [`AlignerBuilder::max_band`], where the path runs along its edge.
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let a = Aligner::builder().band(2).build().align_sentences(&["一。", "二。"], &["One.", "Two."])?;
    /// assert_eq!(a.to_ids(), "[0]:[0]\n[1]:[1]\n");
    /// # Ok::<(), bialign::Error>(())
    /// ```
    pub fn band(mut self, half_width: usize) -> Self {
        self.config.band = half_width.max(1);
        self
    }

    /// Largest half-width the band may widen to (default 1536); bounds time and memory.
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let aligner = Aligner::builder().band(4).max_band(64).build();
    /// # let _ = aligner;
    /// ```
    pub fn max_band(mut self, half_width: usize) -> Self {
        self.config.max_band = half_width.max(1);
        self
    }

    /// Whether to realign with parameters re-estimated from the first pass (default on).
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// // One pass only: faster, a little less accurate on long literary texts.
    /// let aligner = Aligner::builder().second_pass(false).build();
    /// # let _ = aligner;
    /// ```
    pub fn second_pass(mut self, on: bool) -> Self {
        self.config.refinements = usize::from(on);
        self
    }

    /// Whether the first band follows anchors (pairs sharing rare words) or only the
    /// diagonal of cumulative lengths (default on).
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let aligner = Aligner::builder().anchors(false).build();
    /// # let _ = aligner;
    /// ```
    pub fn anchors(mut self, on: bool) -> Self {
        self.config.anchors = on;
        self
    }

    /// How many times to re-estimate the parameters from the last path and realign
    /// (0 to 10, default 1; 0 is the same as `second_pass(false)`).
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let aligner = Aligner::builder().refinements(2).build();
    /// # let _ = aligner;
    /// ```
    pub fn refinements(mut self, rounds: usize) -> Self {
        self.config.refinements = rounds.min(*Self::REFINEMENTS.end());
        self
    }

    /// Weight of the lexical evidence (default 0.5; 0 gives a length-only aligner).
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let length_only = Aligner::builder().lexical_weight(0.0).build();
    /// # let _ = length_only;
    /// ```
    pub fn lexical_weight(mut self, w: f64) -> Self {
        self.config.model.lex_weight = finite_or(w, self.config.model.lex_weight).max(0.0);
        self
    }

    /// Weight of boundary punctuation agreement (default 1).
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let aligner = Aligner::builder().punctuation_weight(0.0).build();
    /// # let _ = aligner;
    /// ```
    pub fn punctuation_weight(mut self, w: f64) -> Self {
        self.config.model.punct_weight = finite_or(w, self.config.model.punct_weight).max(0.0);
        self
    }

    /// Weight of the agreement of opening words between two alphabetic texts (default 0.4):
    /// how often the words that open a bead's first sentences (`Denn` and `Car`, `Da` and
    /// `Alors`) open counterparts, learnt from a first pass as a PMI table of each side's
    /// 63 most frequent openings. Chinese has no opening words, so a pair with Chinese
    /// scores the same with any weight.
    ///
    /// ```
    /// use bialign::{Aligner, Lang};
    ///
    /// let without_openings = Aligner::builder()
    ///     .src_lang(Lang::De)
    ///     .tgt_lang(Lang::Fr)
    ///     .opening_weight(0.0)
    ///     .build();
    /// # let _ = without_openings;
    /// ```
    pub fn opening_weight(mut self, w: f64) -> Self {
        self.config.model.opening_weight = finite_or(w, self.config.model.opening_weight).max(0.0);
        self
    }

    /// Cost, in nats, of each pair of evidence out of order in a bead that joins sentences,
    /// between two alphabetic texts (default 0.2): the words a bead's first sentence shares
    /// with the other side should come before those its second sentence shares. Against
    /// Chinese, which orders its clauses otherwise, the order is not scored.
    ///
    /// ```
    /// use bialign::{Aligner, Lang};
    ///
    /// let orderless = Aligner::builder()
    ///     .src_lang(Lang::En)
    ///     .tgt_lang(Lang::Ru)
    ///     .order_weight(0.0)
    ///     .build();
    /// # let _ = orderless;
    /// ```
    pub fn order_weight(mut self, w: f64) -> Self {
        self.config.model.order_weight = finite_or(w, self.config.model.order_weight).max(0.0);
        self
    }

    /// Share of English content tokens expected to be covered by a translation beyond chance
    /// (0.01 to 0.99, default 0.46, measured for the bundled lexicon).
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// // A richer user dictionary covers more of the text.
    /// let aligner = Aligner::builder().coverage(0.6).build();
    /// # let _ = aligner;
    /// ```
    pub fn coverage(mut self, r: f64) -> Self {
        let (lo, hi) = (*Self::COVERAGE.start(), *Self::COVERAGE.end());
        self.config.model.coverage = finite_or(r, self.config.model.coverage).clamp(lo, hi);
        self
    }

    /// Weight of the Chinese-side evidence (Chinese words whose translation is or is not
    /// in the English side) relative to the English-side evidence (default 0.5).
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let english_side_only = Aligner::builder().unit_weight(0.0).build();
    /// # let _ = english_side_only;
    /// ```
    pub fn unit_weight(mut self, w: f64) -> Self {
        self.config.model.unit_weight = finite_or(w, self.config.model.unit_weight).max(0.0);
        self
    }

    /// Counting noise of the length model (default 0.5; 0: one spread for every length). The
    /// log length ratio of a bead varies with
    /// `spread^2 + noise / (c Lzh + 1) + noise / (Len + 1)`, so that `他来了。` / `He came.`
    /// (2 English characters per Chinese one, against 3.3 over a whole text) is not taken
    /// for a mistranslation.
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let aligner = Aligner::builder().length_noise(0.5).build();
    /// let alignment = aligner.align_sentences(
    ///     &["他来了。", "她走了。", "我们吃饭了。"],
    ///     &["He came.", "She left.", "We ate."],
    /// )?;
    /// assert_eq!(alignment.to_ids(), "[0]:[0]\n[1]:[1]\n[2]:[2]\n");
    /// # Ok::<(), bialign::Error>(())
    /// ```
    pub fn length_noise(mut self, noise: f64) -> Self {
        self.config.model.length_noise = finite_or(noise, self.config.model.length_noise).max(0.0);
        self
    }

    /// Weight of the evidence against deleting a sentence (default 1; 0: a sentence without
    /// counterpart costs its prior only). A sentence that shares translated words, names or
    /// numbers with the last sentence before it or the first after it on the other side
    /// (beyond two nats of such evidence) is seldom untranslated: this weight times the
    /// lexical weight times that evidence is added to the cost of leaving it unpaired.
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let prior_only = Aligner::builder().deletion_evidence(0.0).build();
    /// # let _ = prior_only;
    /// ```
    pub fn deletion_evidence(mut self, w: f64) -> Self {
        self.config.model.deletion_evidence =
            finite_or(w, self.config.model.deletion_evidence).max(0.0);
        self
    }

    /// Weight, relative to the word evidence, of whether each sentence of a bead shares a
    /// translated word with the bead's other side (default 2; 0: off). The rates are learnt
    /// per document from a first pass; it applies only to pairs without a bundled lexicon,
    /// whose evidence is the words learnt from the document itself.
    ///
    /// ```
    /// use bialign::{Aligner, Lang};
    ///
    /// let words_only = Aligner::builder()
    ///     .src_lang("de".parse::<Lang>()?)
    ///     .tgt_lang("fr".parse::<Lang>()?)
    ///     .sentence_evidence(0.0)
    ///     .build();
    /// # let _ = words_only;
    /// # Ok::<(), bialign::Error>(())
    /// ```
    pub fn sentence_evidence(mut self, w: f64) -> Self {
        self.config.model.sentence_evidence =
            finite_or(w, self.config.model.sentence_evidence).max(0.0);
        self
    }

    /// Share of Chinese content words expected to be translated beyond chance (0.01 to 0.99,
    /// default 0.3).
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let aligner = Aligner::builder().unit_coverage(0.4).build();
    /// # let _ = aligner;
    /// ```
    pub fn unit_coverage(mut self, r: f64) -> Self {
        let (lo, hi) = (*Self::COVERAGE.start(), *Self::COVERAGE.end());
        let current = self.config.model.unit_coverage;
        self.config.model.unit_coverage = finite_or(r, current).clamp(lo, hi);
        self
    }

    /// Prior probability of a sentence without counterpart, per side (1e-6 to 0.5; default
    /// the genre's, 0.01 for literary text; it is re-estimated on each document).
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// // A document pair where one side has many untranslated lines.
    /// let aligner = Aligner::builder().deletion_prior(0.1).build();
    /// # let _ = aligner;
    /// ```
    pub fn deletion_prior(mut self, p: f64) -> Self {
        let (lo, hi) = (*Self::DELETION_PRIOR.start(), *Self::DELETION_PRIOR.end());
        let current = self.config.model.deletion_prior;
        self.config.model.deletion_prior = finite_or(p, current).clamp(lo, hi);
        self
    }

    /// The lexicon to use (default: the bundled one).
    ///
    /// ```
    /// use bialign::{Aligner, Lexicon};
    /// use std::sync::Arc;
    ///
    /// let mut lexicon = (*Lexicon::bundled()).clone();
    /// lexicon.add_pair("quaffle", "鬼飞球");
    /// let aligner = Aligner::builder().lexicon(Arc::new(lexicon)).build();
    /// # let _ = aligner;
    /// ```
    pub fn lexicon(mut self, lexicon: Arc<Lexicon>) -> Self {
        self.lexicon = Some(lexicon);
        self
    }

    /// Temperature of the posterior used as confidence (default 1, at least 0.001): above 1
    /// the scores spread toward 0.5, below 1 toward 0 and 1.
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let aligner = Aligner::builder().temperature(2.0).build();
    /// # let _ = aligner;
    /// ```
    pub fn temperature(mut self, t: f64) -> Self {
        self.config.temperature = finite_or(t, self.config.temperature).max(Self::MIN_TEMPERATURE);
        self
    }

    /// Starts from the bead priors, length spread, deletion rate and paragraph handling
    /// typical of a genre (default [`Genre::Literary`]). Options set after this one override
    /// the preset's; the priors, spread and deletion rates are re-estimated on each document
    /// either way.
    ///
    /// ```
    /// use bialign::{Aligner, Genre};
    ///
    /// // Official, but beads may cross paragraphs after all.
    /// let aligner = Aligner::builder().genre(Genre::Official).hard_paragraphs(false).build();
    /// # let _ = aligner;
    /// ```
    pub fn genre(mut self, genre: Genre) -> Self {
        self.config.model.apply_genre(genre);
        self
    }

    /// Never lets a bead cross a paragraph boundary on either side (default off: a bead
    /// crossing one pays [`AlignerBuilder::paragraph_penalty`] instead). Paragraphs are known
    /// for texts segmented from running text, not for presplit input.
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let aligner = Aligner::builder().hard_paragraphs(true).build();
    /// # let _ = aligner;
    /// ```
    pub fn hard_paragraphs(mut self, on: bool) -> Self {
        self.config.model.hard_paragraphs = on;
        self
    }

    /// Cost of each paragraph break inside a bead, in nats (default 3, about a 1 in 20
    /// chance); only used without [`AlignerBuilder::hard_paragraphs`].
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// // Infinity is allowed: the same as hard paragraphs.
    /// let aligner = Aligner::builder().paragraph_penalty(f64::INFINITY).build();
    /// # let _ = aligner;
    /// ```
    pub fn paragraph_penalty(mut self, nats: f64) -> Self {
        if !nats.is_nan() {
            self.config.model.paragraph_penalty = nats.max(0.0);
        }
        self
    }

    /// Matches capitalised words outside the lexicon against the pinyin of the Chinese
    /// characters (叶文洁 = Ye Wenjie); default on. Names in the French, German and Wade-Giles
    /// romanisations match too (`Tsé-toung`, `Tschou`, `Hsiao-ping`), and a capitalised word
    /// that the text also writes in lower case is taken for a common word, not a name.
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let aligner = Aligner::builder().pinyin_names(false).build();
    /// # let _ = aligner;
    /// ```
    pub fn pinyin_names(mut self, on: bool) -> Self {
        self.config.pinyin_names = on;
        self
    }

    /// Takes the enumerators sentences start with as evidence: a sentence starting with
    /// `Article 1` and one starting with `第一条` share a token, as do `1.` and `1.`, `(a)` and
    /// `（a）`, `I.` and `一、`, `Chapter 3` and `第三章` (in the lexical score and among the
    /// anchors); default on.
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let aligner = Aligner::builder().structure(false).build();
    /// # let _ = aligner;
    /// ```
    pub fn structure(mut self, on: bool) -> Self {
        self.config.structure = on;
        self
    }

    /// Before the second pass, learns word pairs from the first pass's beads (English words
    /// the lexicon leaves uncovered, paired with the Chinese n-gram that co-occurs with them
    /// by Dice's coefficient); default on (it helps on both dev sets).
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let aligner = Aligner::builder().learn_lexicon(false).build();
    /// # let _ = aligner;
    /// ```
    pub fn learn_lexicon(mut self, on: bool) -> Self {
        self.config.learn_lexicon = on;
        self
    }

    /// With the learned lexicon on, learns it a second time before the last pass, from the
    /// beads of a search that used the first round's pairs (default on), on every pair but
    /// Chinese-English with the bundled lexicon: the first pass's beads are the least
    /// accurate, and words they misplace are learnt only from better beads. Where no bundled
    /// lexicon applies the learnt pairs are most of the lexical evidence (en-fr and zh-fr
    /// +0.006 strict F1); on zh-en they add little to the bundled lexicon for a fifth more
    /// time. It costs one more search, in half the band of the later passes.
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let aligner = Aligner::builder().relearn(false).build();
    /// # let _ = aligner;
    /// ```
    pub fn relearn(mut self, on: bool) -> Self {
        self.config.relearn = on;
        self
    }

    /// The learned lexicon pairs English words with Chinese words as jieba-rs segments them,
    /// instead of with every Han n-gram of 1 to 4 characters (default off; with the `jieba`
    /// feature only). Measured in issue 16: it did not help (`BENCHMARKS.md`), and jieba's
    /// dictionary takes about 0.4 s to load, once per process.
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let aligner = Aligner::builder().jieba_words(true).build();
    /// # let _ = aligner;
    /// ```
    #[cfg(feature = "jieba")]
    pub fn jieba_words(mut self, on: bool) -> Self {
        self.config.jieba_words = on;
        self
    }

    /// Before each later pass, re-estimates the length ratio and spread, the bead priors,
    /// the deletion rates and the punctuation tables from the previous pass; default on.
    /// Off, the later passes only search a narrower band with the starting parameters.
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let aligner = Aligner::builder().reestimate(false).build();
    /// # let _ = aligner;
    /// ```
    pub fn reestimate(mut self, on: bool) -> Self {
        self.config.reestimate = on;
        self
    }

    /// The most threads one alignment uses (default: the machine's cores, at most 4). Long
    /// documents share feature extraction and the bead costs of the search between them;
    /// the alignment is the same for any number. Where documents are already aligned in
    /// parallel (as `bialign batch` does), 1 keeps from starting more threads than cores.
    ///
    /// ```
    /// use bialign::Aligner;
    ///
    /// let (zh, en) = (["一。", "二。", "三。"], ["One.", "Two.", "Three."]);
    /// let one = Aligner::builder().threads(1).build().align_sentences(&zh, &en)?;
    /// let four = Aligner::builder().threads(4).build().align_sentences(&zh, &en)?;
    /// assert_eq!(one, four);
    /// # Ok::<(), bialign::Error>(())
    /// ```
    pub fn threads(mut self, n: usize) -> Self {
        self.config.threads = Some(n.max(1));
        self
    }

    /// Builds the aligner.
    pub fn build(&self) -> Aligner {
        Aligner {
            config: self.config.clone(),
            lexicon: self.lexicon.clone().unwrap_or_else(Lexicon::bundled),
            bundled_lexicon: self.lexicon.is_none(),
            tokenizer: Arc::new(EnTokenizer::new()),
            per_pair: Arc::default(),
        }
    }
}
