//! The search for the best alignment: configuration, passes and the banded programme.

mod anchors;
mod dp;

use crate::alignment::{Alignment, Bead};
use crate::features::en::EnTokenizer;
use crate::features::{learned, EndType, PairFeatures, RowMasker, StartType};
use crate::lexicon::pinyin::Pinyin;
use crate::lexicon::Lexicon;
use crate::score::{to_costs, CostParams, Scorer, MAX_SIDE};
use crate::text::{Lang, Text};
use dp::{search, Band, Path, Step};
use std::ops::{Range, RangeInclusive};
use std::sync::Arc;

/// The kind of text, which sets the aligner's starting assumptions
/// ([`AlignerBuilder::genre`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Genre {
    /// Fiction and other free translation: about 62 % 1-1 beads, 21 % 1-2, 6 % 1-3; a wide
    /// length spread (0.30); paragraph breaks inside a bead discouraged, not forbidden.
    #[default]
    Literary,
    /// UN documents, legal and administrative text: about 82 % 1-1 beads, untranslated
    /// lines (2.5 % a side), a narrow length spread (0.17), beads never cross paragraphs.
    Official,
}

impl std::str::FromStr for Genre {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "literary" | "literature" | "fiction" => Ok(Genre::Literary),
            "official" | "un" | "legal" => Ok(Genre::Official),
            _ => Err(crate::Error::config(format!(
                "unknown genre `{s}` (expected literary or official)"
            ))),
        }
    }
}

impl std::fmt::Display for Genre {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Genre::Literary => "literary",
            Genre::Official => "official",
        })
    }
}

/// Sentence texts and, when known, their paragraph numbers.
type Sentences<'a> = (&'a [&'a str], Option<Vec<u32>>);

/// Aligns two texts sentence by sentence.
///
/// Build one with [`Aligner::new`] (defaults) or [`Aligner::builder`], then call
/// [`Aligner::align_sentences`] for pre-split sentences. An `Aligner` is immutable and can be
/// shared across threads; building one loads the lexicon once.
#[derive(Debug, Clone)]
pub struct Aligner {
    config: Config,
    lexicon: Arc<Lexicon>,
    tokenizer: Arc<EnTokenizer>,
}

#[derive(Debug, Clone)]
struct Config {
    src_lang: Lang,
    tgt_lang: Lang,
    max_bead: usize,
    band: usize,
    max_band: usize,
    refine_band: usize,
    refinements: usize,
    anchors: bool,
    coverage: f64,
    lex_weight: f64,
    unit_coverage: f64,
    unit_weight: f64,
    deletion_prior: f64,
    punct_weight: f64,
    spread: f64,
    temperature: f64,
    hard_paragraphs: bool,
    paragraph_penalty: f64,
    genre: Genre,
    pinyin_names: bool,
    learn_lexicon: bool,
    reestimate: bool,
    /// Most threads per alignment; `None`: the machine's cores, at most 4.
    threads: Option<usize>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            src_lang: Lang::Zh,
            tgt_lang: Lang::En,
            max_bead: 5,
            band: 12,
            max_band: 1536,
            refine_band: 6,
            refinements: 1,
            anchors: true,
            coverage: 0.46,
            lex_weight: 0.5,
            unit_coverage: 0.3,
            unit_weight: 0.5,
            deletion_prior: 0.01,
            punct_weight: 1.0,
            spread: 0.30,
            temperature: 1.0,
            hard_paragraphs: false,
            paragraph_penalty: PARAGRAPH_PENALTY,
            genre: Genre::Literary,
            pinyin_names: true,
            learn_lexicon: true,
            reestimate: true,
            threads: None,
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

/// Sets every option of an [`Aligner`]; see [`Aligner::builder`]. Out-of-range numbers are
/// clamped to their range, and NaN or infinite ones are ignored.
#[derive(Debug, Clone, Default)]
pub struct AlignerBuilder {
    config: Config,
    lexicon: Option<Arc<Lexicon>>,
}

impl AlignerBuilder {
    /// Language of the source text (default Chinese).
    pub fn src_lang(&mut self, lang: Lang) -> &mut Self {
        self.config.src_lang = lang;
        self
    }

    /// Language of the target text (default English).
    pub fn tgt_lang(&mut self, lang: Lang) -> &mut Self {
        self.config.tgt_lang = lang;
        self
    }

    /// Largest bead, as the total number of sentences on both sides (2 to 10, default 5).
    pub fn max_bead(&mut self, total: usize) -> &mut Self {
        self.config.max_bead = total.clamp(2, 2 * MAX_SIDE);
        self
    }

    /// Half-width of the first search band, in sentences (default 12). The band widens by
    /// itself, up to [`AlignerBuilder::max_band`], where the path runs along its edge.
    pub fn band(&mut self, half_width: usize) -> &mut Self {
        self.config.band = half_width.max(1);
        self
    }

    /// Largest half-width the band may widen to (default 1536); bounds time and memory.
    pub fn max_band(&mut self, half_width: usize) -> &mut Self {
        self.config.max_band = half_width.max(1);
        self
    }

    /// Whether to realign with parameters re-estimated from the first pass (default on).
    pub fn second_pass(&mut self, on: bool) -> &mut Self {
        self.config.refinements = usize::from(on);
        self
    }

    /// Whether the first band follows anchors (pairs sharing rare words) or only the
    /// diagonal of cumulative lengths (default on).
    pub fn anchors(&mut self, on: bool) -> &mut Self {
        self.config.anchors = on;
        self
    }

    /// How many times to re-estimate the parameters from the last path and realign
    /// (default 1; 0 is the same as `second_pass(false)`).
    pub fn refinements(&mut self, rounds: usize) -> &mut Self {
        self.config.refinements = rounds.min(10);
        self
    }

    /// Weight of the lexical evidence (default 0.5; 0 gives a length-only aligner).
    pub fn lexical_weight(&mut self, w: f64) -> &mut Self {
        self.config.lex_weight = finite_or(w, self.config.lex_weight).max(0.0);
        self
    }

    /// Weight of boundary punctuation agreement.
    pub fn punctuation_weight(&mut self, w: f64) -> &mut Self {
        self.config.punct_weight = finite_or(w, self.config.punct_weight).max(0.0);
        self
    }

    /// Share of English content tokens expected to be covered by a translation beyond chance.
    pub fn coverage(&mut self, r: f64) -> &mut Self {
        self.config.coverage = finite_or(r, self.config.coverage).clamp(0.01, 0.99);
        self
    }

    /// Weight of the Chinese-side evidence (Chinese words whose translation is or is not
    /// in the English side) relative to the English-side evidence.
    pub fn unit_weight(&mut self, w: f64) -> &mut Self {
        self.config.unit_weight = finite_or(w, self.config.unit_weight).max(0.0);
        self
    }

    /// Share of Chinese content words expected to be translated beyond chance.
    pub fn unit_coverage(&mut self, r: f64) -> &mut Self {
        self.config.unit_coverage = finite_or(r, self.config.unit_coverage).clamp(0.01, 0.99);
        self
    }

    /// Prior probability of a sentence without counterpart, per side (default 0.01; it is
    /// re-estimated on each document).
    pub fn deletion_prior(&mut self, p: f64) -> &mut Self {
        self.config.deletion_prior = finite_or(p, self.config.deletion_prior).clamp(1e-6, 0.5);
        self
    }

    /// The lexicon to use (default: the bundled one).
    pub fn lexicon(&mut self, lexicon: Arc<Lexicon>) -> &mut Self {
        self.lexicon = Some(lexicon);
        self
    }

    /// Temperature of the posterior used as confidence (default 1).
    pub fn temperature(&mut self, t: f64) -> &mut Self {
        self.config.temperature = finite_or(t, self.config.temperature).max(1e-3);
        self
    }

    /// Starts from the bead priors, length spread, deletion rate and paragraph handling
    /// typical of a genre (default [`Genre::Literary`]). Options set after this one override
    /// the preset's; the priors, spread and deletion rates are re-estimated on each document
    /// either way.
    pub fn genre(&mut self, genre: Genre) -> &mut Self {
        let c = &mut self.config;
        c.genre = genre;
        match genre {
            Genre::Literary => {
                c.spread = 0.30;
                c.deletion_prior = 0.01;
                c.hard_paragraphs = false;
            }
            Genre::Official => {
                c.spread = 0.17;
                c.deletion_prior = 0.025;
                c.hard_paragraphs = true;
            }
        }
        self
    }

    /// Never lets a bead cross a paragraph boundary on either side (default off: a bead
    /// crossing one pays [`AlignerBuilder::paragraph_penalty`] instead). Paragraphs are known
    /// for texts segmented from running text, not for presplit input.
    pub fn hard_paragraphs(&mut self, on: bool) -> &mut Self {
        self.config.hard_paragraphs = on;
        self
    }

    /// Cost of each paragraph break inside a bead, in nats (default 3, about a 1 in 20
    /// chance); only used without [`AlignerBuilder::hard_paragraphs`].
    pub fn paragraph_penalty(&mut self, nats: f64) -> &mut Self {
        // Infinity is allowed: it is the same as hard paragraphs.
        if !nats.is_nan() {
            self.config.paragraph_penalty = nats.max(0.0);
        }
        self
    }

    /// Matches capitalised English words outside the lexicon against the pinyin of the
    /// Chinese characters (叶文洁 = Ye Wenjie); default on.
    pub fn pinyin_names(&mut self, on: bool) -> &mut Self {
        self.config.pinyin_names = on;
        self
    }

    /// Before the second pass, learns word pairs from the first pass's beads (English words
    /// the lexicon leaves uncovered, paired with the Chinese n-gram that co-occurs with them
    /// by Dice's coefficient); default on (it helps on both dev sets).
    pub fn learn_lexicon(&mut self, on: bool) -> &mut Self {
        self.config.learn_lexicon = on;
        self
    }

    /// Before each later pass, re-estimates the length ratio and spread, the bead priors,
    /// the deletion rates and the punctuation tables from the previous pass; default on.
    /// Off, the later passes only search a narrower band with the starting parameters.
    pub fn reestimate(&mut self, on: bool) -> &mut Self {
        self.config.reestimate = on;
        self
    }

    /// The most threads one alignment uses (default: the machine's cores, at most 4). Long
    /// documents share feature extraction and the bead costs of the search between them;
    /// the alignment is the same for any number. Where documents are already aligned in
    /// parallel (as `bialign batch` does), 1 keeps from starting more threads than cores.
    pub fn threads(&mut self, n: usize) -> &mut Self {
        self.config.threads = Some(n.max(1));
        self
    }

    /// Builds the aligner.
    pub fn build(&self) -> Aligner {
        Aligner {
            config: self.config.clone(),
            lexicon: self.lexicon.clone().unwrap_or_else(Lexicon::bundled),
            tokenizer: Arc::new(EnTokenizer::new()),
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

    fn threads(&self) -> usize {
        self.config.threads.unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map_or(1, usize::from)
                .min(4)
        })
    }

    /// Aligns pre-split source and target sentences, in the languages set with
    /// [`AlignerBuilder::src_lang`] and [`AlignerBuilder::tgt_lang`].
    pub fn align_sentences<S: AsRef<str>, T: AsRef<str>>(&self, src: &[S], tgt: &[T]) -> Alignment {
        let src: Vec<&str> = src.iter().map(AsRef::as_ref).collect();
        let tgt: Vec<&str> = tgt.iter().map(AsRef::as_ref).collect();
        self.align_in(
            (&src, None),
            self.config.src_lang,
            (&tgt, None),
            self.config.tgt_lang,
        )
    }

    /// Aligns two segmented texts; their own languages decide the direction.
    pub fn align(&self, src: &Text, tgt: &Text) -> Alignment {
        let (sp, tp) = (src.paragraph_numbers(), tgt.paragraph_numbers());
        self.align_in(
            (&src.texts(), Some(sp)),
            src.lang(),
            (&tgt.texts(), Some(tp)),
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
    ) -> Alignment {
        // The model works Chinese against English; the other direction is its mirror image.
        // Two texts in the same language are aligned with the source in the Chinese role.
        let swap = src_lang == Lang::En && tgt_lang == Lang::Zh;
        let (zh, en) = if swap { (tgt, src) } else { (src, tgt) };
        to_alignment(self.align_canonical(zh, en), swap)
    }

    /// The allowed bead shapes, small ones first (so good beads are found early and
    /// hopeless large ones are skipped).
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

    fn align_canonical(
        &self,
        (zh, zh_para): Sentences<'_>,
        (en, en_para): Sentences<'_>,
    ) -> Vec<(Range<usize>, Range<usize>, f64)> {
        let t = std::time::Instant::now();
        let mut f = PairFeatures::new(
            zh,
            en,
            &self.lexicon,
            &self.tokenizer,
            self.pinyin(),
            self.threads(),
        );
        if let (Some(zp), Some(ep)) = (zh_para, en_para) {
            f = f.with_paragraphs(zp, ep);
        }
        lap("features", t);
        self.align_features(f, zh)
    }

    /// Everything after feature extraction: the passes of the search and the posteriors.
    fn align_features(
        &self,
        mut owned: PairFeatures,
        zh: &[&str],
    ) -> Vec<(Range<usize>, Range<usize>, f64)> {
        let f = &owned;
        let (n, m) = (f.zh.len(), f.en.len());
        let cfg = &self.config;
        let shapes = Self::shapes(cfg.max_bead);
        let mut params = initial_params(cfg, f);
        // First pass: a band around the line through the anchors (or the diagonal of
        // cumulative lengths), recentred on the path and widened where the path runs along
        // its edge.
        let t = std::time::Instant::now();
        let diagonal = length_diagonal(f, n, m);
        let centers = if cfg.anchors {
            anchors::guide(f, &diagonal)
        } else {
            diagonal
        };
        if let Some(p) = std::env::var_os("BIALIGN_DEBUG_GUIDE") {
            let text: String = centers.iter().map(|c| format!("{c}\n")).collect();
            let _ = std::fs::write(p, text);
        }
        lap("anchors", t);
        let threads = self.threads();
        let mut halves = vec![cfg.band; n + 1];
        let pass1 = std::time::Instant::now();
        let t = std::time::Instant::now();
        let scorer = Scorer::new(f, &params);
        let band = Band::around(&centers, &halves, m);
        let mut path = run_in(f, &scorer, &band, (0, 0), &shapes, None, threads);
        if debug() {
            eprintln!(
                "pass 1, round 0: {} cells, {} rows on the edge, {:.3} s",
                band.cells(),
                path.edge_rows.len(),
                t.elapsed().as_secs_f64()
            );
        }
        // Where the path ran along the band's edge, the band may have cut off the right path:
        // widen it there, around the path, and search those windows again (every bead shape,
        // between two points of the path outside the window), until no path touches an edge.
        for round in 1..=8 {
            if path.edge_rows.is_empty() {
                break;
            }
            let t = std::time::Instant::now();
            let centers = path_centers(&path, n);
            let mut windows = Vec::new();
            let mut edges = std::mem::take(&mut path.edge_rows);
            edges.sort_unstable();
            edges.dedup();
            let before = halves.clone();
            for &r in &edges {
                let h = before[r];
                if h >= cfg.max_band {
                    continue;
                }
                let new = (2 * h).min(cfg.max_band);
                let span = 4 * new;
                let rows = r.saturating_sub(span)..=(r + span).min(n);
                for hv in &mut halves[rows.clone()] {
                    *hv = (*hv).max(new);
                }
                windows.push(rows);
            }
            if windows.is_empty() {
                break;
            }
            let (mut cells, mut edge_rows) = (0, Vec::new());
            let windows = step_windows(&path.steps, &windows);
            // From the last window back, so that splicing keeps the earlier steps in place.
            for steps in windows.iter().rev().cloned() {
                let (entry, exit) = (path.steps[*steps.start()], path.steps[*steps.end()]);
                let (i0, j0) = (entry.i0, entry.j0);
                let local_centers: Vec<f64> = centers[i0..=exit.i1]
                    .iter()
                    .map(|&c| c - j0 as f64)
                    .collect();
                let band = Band::around(&local_centers, &halves[i0..=exit.i1], exit.j1 - j0);
                let window = run_in(f, &scorer, &band, (i0, j0), &shapes, None, threads);
                cells += band.cells();
                edge_rows.extend(window.edge_rows);
                path.steps.splice(steps, window.steps);
            }
            path.edge_rows = edge_rows;
            if debug() {
                eprintln!(
                    "pass 1, round {round}: {} windows, {cells} cells, {} rows on the edge, {:.3} s",
                    windows.len(),
                    path.edge_rows.len(),
                    t.elapsed().as_secs_f64()
                );
            }
        }
        lap("pass 1", pass1);
        let t = std::time::Instant::now();
        // With a lexicon learnt from the first pass, the later passes use richer features.
        if cfg.learn_lexicon && cfg.refinements > 0 {
            let beads: Vec<_> = path
                .steps
                .iter()
                .map(|s| (s.i0..s.i1, s.j0..s.j1))
                .collect();
            learned::learn(&mut owned, zh, &beads);
        }
        let f = &owned;
        lap("learned lexicon", t);
        let t = std::time::Instant::now();
        // Each later pass re-estimates the parameters from the path before it and searches a
        // narrow band around that path; the last one also computes the posteriors that are
        // the confidence scores (with no later pass, a search in the same narrow band does).
        for k in 0..cfg.refinements.max(1) {
            if cfg.reestimate && cfg.refinements > 0 {
                reestimate(&mut params, f, &path, cfg.genre, cfg.max_bead);
            }
            let last = k + 1 == cfg.refinements.max(1);
            let scorer = Scorer::new(f, &params);
            let temperature = last.then_some(cfg.temperature);
            // A long document is searched in windows between confident points of the path,
            // so that the forward-backward tables stay the size of a window.
            let mut next = Path {
                steps: Vec::with_capacity(path.steps.len()),
                posterior: temperature.map(|_| Vec::with_capacity(path.steps.len())),
                edge_rows: Vec::new(),
            };
            for steps in path_windows(&path.steps, WINDOW_ROWS) {
                let steps = &path.steps[steps];
                let (Some(first), Some(last)) = (steps.first(), steps.last()) else {
                    continue;
                };
                let (i0, j0) = (first.i0, first.j0);
                let cells: Vec<(usize, usize)> = std::iter::once((0, 0))
                    .chain(steps.iter().map(|s| (s.i1 - i0, s.j1 - j0)))
                    .collect();
                let band = Band::around_path(&cells, last.i1 - i0, last.j1 - j0, cfg.refine_band);
                let window = run_in(f, &scorer, &band, (i0, j0), &shapes, temperature, threads);
                next.steps.extend(window.steps);
                if let (Some(all), Some(part)) = (&mut next.posterior, window.posterior) {
                    all.extend(part);
                }
            }
            path = next;
        }
        lap("later passes", t);
        if debug() {
            let scorer = Scorer::new(f, &params);
            for st in &path.steps {
                if st.i1 > st.i0 && st.j1 > st.j0 {
                    let llr = scorer.llr(st.i0, st.i1, st.j0, st.j1, |i, j| {
                        (f.mask(i, j), f.unit_mask(i, j))
                    });
                    eprintln!(
                        "step zh {:?} en {:?}: cost {:.2} = prior {:.2} + length {:.2} - lex {:.2} - punct {:.2}",
                        st.i0..st.i1, st.j0..st.j1, st.cost,
                        params.prior[st.i1 - st.i0][st.j1 - st.j0],
                        scorer.length_cost(st.i0, st.i1, st.j0, st.j1),
                        params.lex_weight * llr,
                        params.punct_weight * scorer.punct(st.i0, st.i1, st.j0, st.j1)
                    );
                } else {
                    eprintln!(
                        "step zh {:?} en {:?}: cost {:.2}",
                        st.i0..st.i1,
                        st.j0..st.j1,
                        st.cost
                    );
                }
            }
            eprintln!("ratio {:.2} spread {:.2}", params.ratio, params.spread);
        }
        let post = path.posterior.unwrap_or_default();
        path.steps
            .iter()
            .enumerate()
            .map(|(k, s)| (s.i0..s.i1, s.j0..s.j1, post.get(k).copied().unwrap_or(0.0)))
            .collect()
    }
}

/// Beads in canonical orientation (Chinese, English, score), turned back to the requested
/// direction.
fn to_alignment(beads: Vec<(Range<usize>, Range<usize>, f64)>, swap: bool) -> Alignment {
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

/// The cost parameters before anything is learnt from the document: literary priors, the
/// configured weights, and the document's own length ratio when it is plausible.
fn initial_params(cfg: &Config, f: &PairFeatures) -> CostParams {
    let total_zh: f64 = f.zh.iter().map(|s| s.len).sum();
    let total_en: f64 = f.en.iter().map(|s| s.len).sum();
    // English has 3.1 to 3.4 non-space characters per Chinese character in translation;
    // a document ratio far from that means much of one side has no counterpart, and says
    // nothing about the ratio of the parallel part.
    let doc_ratio = total_en / total_zh;
    let ratio = if (TYPICAL_RATIO / 1.6..=TYPICAL_RATIO * 1.6).contains(&doc_ratio) {
        doc_ratio
    } else {
        TYPICAL_RATIO
    };
    CostParams {
        ratio,
        spread: cfg.spread,
        prior: CostParams::priors(cfg.genre, cfg.max_bead, cfg.deletion_prior),
        coverage: cfg.coverage,
        lex_weight: cfg.lex_weight,
        unit_coverage: cfg.unit_coverage,
        unit_weight: cfg.unit_weight,
        punct_weight: cfg.punct_weight,
        pmi_end: vec![0.0; EndType::COUNT * EndType::COUNT],
        pmi_start: vec![0.0; StartType::COUNT * StartType::COUNT],
        pmi_para: [0.0; 4],
        paragraph_penalty: if cfg.hard_paragraphs {
            f64::INFINITY
        } else {
            cfg.paragraph_penalty
        },
    }
}

/// Translators keep paragraphs: a bead that runs across a paragraph break on one side is
/// rare (about 1 in 20 in the sense of the cost, `-ln 0.05`).
const PARAGRAPH_PENALTY: f64 = 3.0;

/// English non-space characters per Chinese character in typical translations.
const TYPICAL_RATIO: f64 = 3.3;

/// For each row, the English position at the same share of the text by length.
fn length_diagonal(f: &PairFeatures, n: usize, m: usize) -> Vec<f64> {
    let total_zh: f64 = f.zh.iter().map(|s| s.len + 1.0).sum();
    let mut en_cum = Vec::with_capacity(m + 1);
    let mut acc = 0.0;
    en_cum.push(0.0);
    for s in &f.en {
        acc += s.len + 1.0;
        en_cum.push(acc);
    }
    let total_en = acc;
    let mut centers = Vec::with_capacity(n + 1);
    let mut zacc = 0.0;
    let mut j = 0usize;
    for i in 0..=n {
        if i > 0 {
            zacc += f.zh[i - 1].len + 1.0;
        }
        let target = if total_zh > 0.0 {
            zacc / total_zh * total_en
        } else {
            0.0
        };
        while j < m && en_cum[j + 1] <= target {
            j += 1;
        }
        centers.push(j as f64);
    }
    centers
}

/// Prints the time since `t` of a stage of the aligner, in debug mode.
fn lap(stage: &str, t: std::time::Instant) {
    if debug() {
        // Resident memory after the stage, to see which stage holds the peak.
        let rss = resident_mib().map_or(String::new(), |m| format!(", {m} MiB resident"));
        eprintln!("{stage}: {:.3} s{rss}", t.elapsed().as_secs_f64());
    }
}

/// The process's resident memory in MiB (Linux; `None` elsewhere), for debug timings.
fn resident_mib() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4 / 1024)
}

/// Whether to print search diagnostics (`BIALIGN_DEBUG` set).
pub(crate) fn debug() -> bool {
    std::env::var_os("BIALIGN_DEBUG").is_some()
}

/// For each row, the column where the path crosses it.
fn path_centers(path: &Path, n: usize) -> Vec<f64> {
    let mut centers = vec![0.0; n + 1];
    for s in &path.steps {
        for (k, c) in centers[s.i0..=s.i1].iter_mut().enumerate() {
            let t = if s.i1 > s.i0 {
                k as f64 / (s.i1 - s.i0) as f64
            } else {
                1.0
            };
            *c = s.j0 as f64 + t * (s.j1 - s.j0) as f64;
        }
    }
    centers
}

/// Runs one search over a window of the document: `band` in coordinates relative to
/// `origin` (the cell where the window's path starts; it ends at the band's last row and
/// column). The path comes back in document coordinates.
fn run_in(
    f: &PairFeatures,
    scorer: &Scorer,
    band: &Band,
    origin: (usize, usize),
    shapes: &[(usize, usize)],
    temperature: Option<f64>,
    threads: usize,
) -> Path {
    let costs = WindowCosts { f, scorer, origin };
    let m = band.hi(band.rows() - 1);
    let mut path = search(band, m, shapes, &costs, temperature, threads);
    let (di, dj) = origin;
    if origin != (0, 0) {
        for s in &mut path.steps {
            (s.i0, s.i1, s.j0, s.j1) = (s.i0 + di, s.i1 + di, s.j0 + dj, s.j1 + dj);
        }
        for r in &mut path.edge_rows {
            *r += di;
        }
    }
    path
}

/// The bead costs of a search over a window of the document (`origin` its first cell).
struct WindowCosts<'a> {
    f: &'a PairFeatures,
    scorer: &'a Scorer<'a>,
    origin: (usize, usize),
}

impl dp::BeadCosts for WindowCosts<'_> {
    type Rows = MaskCache;

    fn rows(&self, band: &Band, rows: Range<usize>) -> MaskCache {
        MaskCache::new(self.f, band, self.origin, rows)
    }

    #[inline]
    fn cost(&self, masks: &MaskCache, i0: usize, i1: usize, j0: usize, j1: usize) -> f64 {
        if i1 == i0 {
            return self.scorer.p.prior[0][1];
        }
        if j1 == j0 {
            return self.scorer.p.prior[1][0];
        }
        let (di, dj) = self.origin;
        self.scorer
            .cost(i0 + di, i1 + di, j0 + dj, j1 + dj, |i, j| {
                masks.get(self.f, i, j)
            })
    }

    #[inline]
    fn cell_costs(
        &self,
        masks: &MaskCache,
        (i, j): (usize, usize),
        shapes: &[(usize, usize)],
        valid: u64,
        out: &mut [f64],
    ) {
        let (di, dj) = self.origin;
        self.scorer.cell_costs(
            i + di,
            j + dj,
            shapes,
            valid,
            |a, b| masks.get(self.f, a, b),
            out,
        );
    }
}

/// Rows of a window of the later passes: longer documents are searched in windows.
const WINDOW_ROWS: usize = 1 << 16;

/// The path cut into windows of about `rows` rows, as ranges of step indices. Each cut
/// follows the most confident 1-1 step (the lowest cost) within a few hundred rows of
/// where the cut is due, a point the path of the next pass is all but sure to go through;
/// where no 1-1 step is that near, the first step within reach.
fn path_windows(steps: &[Step], rows: usize) -> Vec<Range<usize>> {
    const SLACK: usize = 512;
    let mut windows = Vec::new();
    let mut start = 0;
    let mut due = rows;
    while let Some(last) = steps.last() {
        if last.i1 < due + rows / 2 {
            break;
        }
        // Steps ending within SLACK rows of `due`.
        let a = steps.partition_point(|s| s.i1 + SLACK < due).max(start);
        let b = steps.partition_point(|s| s.i1 <= due + SLACK);
        let cut = (a..b)
            .filter(|&k| steps[k].i1 - steps[k].i0 == 1 && steps[k].j1 - steps[k].j0 == 1)
            .min_by(|&x, &y| {
                let off = |k: usize| steps[k].i1.abs_diff(due);
                steps[x]
                    .cost
                    .total_cmp(&steps[y].cost)
                    .then(off(x).cmp(&off(y)))
            })
            .unwrap_or(a);
        if cut + 1 >= steps.len() || cut < start {
            break;
        }
        windows.push(start..cut + 1);
        start = cut + 1;
        due = steps[cut].i1 + rows;
    }
    windows.push(start..steps.len());
    windows
}

/// The steps of `steps` to search again for each window of rows: from the last step that
/// starts at or before the window's first row to the first that ends at or after its last,
/// as ranges of step indices, in order, merged where they overlap.
fn step_windows(steps: &[Step], windows: &[RangeInclusive<usize>]) -> Vec<RangeInclusive<usize>> {
    let mut ranges: Vec<RangeInclusive<usize>> = windows
        .iter()
        .filter_map(|w| {
            let first = steps
                .partition_point(|s| s.i0 <= *w.start())
                .checked_sub(1)?;
            let last = steps
                .partition_point(|s| s.i1 < *w.end())
                .min(steps.len().checked_sub(1)?);
            Some(first..=last.max(first))
        })
        .collect();
    ranges.sort_unstable_by_key(|r| *r.start());
    let mut merged: Vec<RangeInclusive<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(prev) if *r.start() <= *prev.end() + 1 => {
                *prev = *prev.start()..=(*prev.end()).max(*r.end());
            }
            _ => merged.push(r),
        }
    }
    merged
}

/// Token-coverage masks for the (Chinese sentence, English sentence) pairs that beads ending
/// in some rows of a band can touch.
/// The band is in coordinates relative to `origin`; look-ups are in document coordinates.
struct MaskCache {
    /// The document row of the band's first row.
    row0: usize,
    /// Per band row, the document column of its first cached pair.
    lo: Vec<usize>,
    off: Vec<usize>,
    data: Vec<(u64, u64)>,
}

impl MaskCache {
    /// The masks the costs of beads ending in band rows `rows` need: those of the Chinese
    /// sentences up to `MAX_SIDE` rows before, against every English sentence the band lets
    /// such a bead reach.
    fn new(f: &PairFeatures, band: &Band, (di, dj): (usize, usize), rows: Range<usize>) -> Self {
        let n = band.rows() - 1;
        let m = band.hi(n);
        let sentences = rows.start.saturating_sub(MAX_SIDE)..rows.end.min(n);
        let mut lo = Vec::with_capacity(sentences.len());
        let mut off = Vec::with_capacity(sentences.len() + 1);
        let mut data = Vec::new();
        let mut masker = RowMasker::new(f);
        for i in sentences.clone() {
            let a = band.lo((i + 1).saturating_sub(MAX_SIDE));
            let b = band.hi((i + MAX_SIDE).min(n)).min(m);
            lo.push(a + dj);
            off.push(data.len());
            masker.row(f, i + di, a + dj..b.max(a) + dj, &mut data);
        }
        off.push(data.len());
        MaskCache {
            row0: sentences.start + di,
            lo,
            off,
            data,
        }
    }

    #[inline]
    fn get(&self, f: &PairFeatures, i: usize, j: usize) -> (u64, u64) {
        let r = i.wrapping_sub(self.row0);
        if let (Some(&a), Some(&end)) = (self.lo.get(r), self.off.get(r + 1)) {
            let k = self.off[r] + j.wrapping_sub(a);
            if j >= a && k < end {
                return self.data[k];
            }
        }
        (f.mask(i, j), f.unit_mask(i, j))
    }
}

/// Re-estimates the length ratio, spread and bead priors from a first-pass path.
fn reestimate(
    params: &mut CostParams,
    f: &PairFeatures,
    path: &Path,
    genre: Genre,
    max_bead: usize,
) {
    let mut ds = Vec::new();
    let mut counts = [[0.0f64; MAX_SIDE + 1]; MAX_SIDE + 1];
    let mut total = 0.0;
    let (mut sz, mut se) = (0.0, 0.0);
    for s in &path.steps {
        counts[s.i1 - s.i0][s.j1 - s.j0] += 1.0;
        total += 1.0;
        if s.i1 - s.i0 == 1 && s.j1 - s.j0 == 1 {
            let lz = f.zh[s.i0].len;
            let le = f.en[s.j0].len;
            sz += lz;
            se += le;
            ds.push((lz, le));
        }
    }
    if ds.len() >= 20 && sz > 0.0 && se > 0.0 {
        let ratio = se / sz;
        let var = ds
            .iter()
            .map(|&(lz, le)| {
                let d = ((le + 1.0) / (ratio * lz + 1.0)).ln();
                d * d
            })
            .sum::<f64>()
            / ds.len() as f64;
        // Shrink toward the typical ratio when few pairs support the estimate.
        let w = ds.len() as f64 / (ds.len() as f64 + 50.0);
        params.ratio = (w * ratio.ln() + (1.0 - w) * params.ratio.ln()).exp();
        params.spread = var.sqrt().clamp(0.12, 0.6);
    }
    estimate_pmi(params, f, path);
    if total >= 50.0 {
        // Blend with the defaults so that rare bead types stay possible.
        let defaults = CostParams::priors(genre, max_bead, (-params.prior[1][0]).exp());
        let mut p = [[0.0f64; MAX_SIDE + 1]; MAX_SIDE + 1];
        let w = total / (total + 200.0);
        for x in 0..=MAX_SIDE {
            for y in 0..=MAX_SIDE {
                let d = if defaults[x][y].is_finite() {
                    (-defaults[x][y]).exp()
                } else {
                    0.0
                };
                p[x][y] = w * counts[x][y] / total + (1.0 - w) * d;
            }
        }
        params.prior = to_costs(&p, max_bead);
    }
    // The share of sentences without counterpart varies most between documents (none in a
    // novel, most of one side in a note with an untranslated annex): re-estimate it per side
    // even for short documents, shrunk toward the prior.
    let default_del = (-params.prior[1][0]).exp();
    let del_rate = |deleted: f64, sentences: usize| {
        (deleted + DELETION_SHRINK * default_del) / (sentences as f64 + DELETION_SHRINK)
    };
    let rate_zh = del_rate(counts[1][0], f.zh.len());
    let rate_en = del_rate(counts[0][1], f.en.len());
    params.prior[1][0] = -rate_zh.max(1e-4).ln();
    params.prior[0][1] = -rate_en.max(1e-4).ln();
}

/// Pseudo-sentences of prior weight when re-estimating the deletion rate of a document.
const DELETION_SHRINK: f64 = 100.0;

/// Estimates the boundary punctuation PMI tables from the pairs of a first-pass path,
/// shrunk toward 0 where counts are small.
fn estimate_pmi(params: &mut CostParams, f: &PairFeatures, path: &Path) {
    fn table(pairs: &[(usize, usize)], k: usize) -> Vec<f64> {
        let n = pairs.len() as f64;
        let mut joint = vec![0.0f64; k * k];
        let mut a = vec![0.0f64; k];
        let mut b = vec![0.0f64; k];
        for &(x, y) in pairs {
            joint[x * k + y] += 1.0;
            a[x] += 1.0;
            b[y] += 1.0;
        }
        // Pseudo-counts spread as under independence: rare combinations stay near 0.
        const SHRINK: f64 = 20.0;
        let mut out = vec![0.0; k * k];
        if n == 0.0 {
            return out;
        }
        for x in 0..k {
            for y in 0..k {
                let indep = (a[x] / n) * (b[y] / n);
                if indep == 0.0 {
                    continue;
                }
                let p = (joint[x * k + y] + SHRINK * indep) / (n + SHRINK);
                out[x * k + y] = (p / indep).ln();
            }
        }
        out
    }
    let steps: Vec<_> = path
        .steps
        .iter()
        .filter(|s| s.i1 > s.i0 && s.j1 > s.j0)
        .collect();
    let ends: Vec<(usize, usize)> = steps
        .iter()
        .map(|s| (f.zh[s.i1 - 1].end.index(), f.en[s.j1 - 1].end.index()))
        .collect();
    let starts: Vec<(usize, usize)> = steps
        .iter()
        .map(|s| (f.zh[s.i0].start.index(), f.en[s.j0].start.index()))
        .collect();
    params.pmi_end = table(&ends, EndType::COUNT);
    params.pmi_start = table(&starts, StartType::COUNT);
    if f.has_paragraphs() {
        let paras: Vec<(usize, usize)> = steps
            .iter()
            .map(|s| {
                let (z, e) = f.ends_paragraph(s.i1, s.j1);
                (z as usize, e as usize)
            })
            .collect();
        let t = table(&paras, 2);
        params.pmi_para = [t[0], t[1], t[2], t[3]];
    }
}

/// Entry points into the stages of the aligner, for the criterion benches. Not part of the
/// API: names and signatures may change in any release.
#[doc(hidden)]
pub mod internals {
    use super::{length_diagonal, Aligner, Band, MaskCache, PairFeatures, Scorer};
    use crate::alignment::Alignment;

    /// The features of one document pair (Chinese rows, English columns), and its Chinese
    /// sentences (the learned lexicon reads them).
    pub struct Prepared(PairFeatures, Vec<String>);

    impl Prepared {
        /// Number of Chinese and English sentences.
        pub fn shape(&self) -> (usize, usize) {
            (self.0.zh.len(), self.0.en.len())
        }
    }

    /// The process's resident memory in MiB (Linux; `None` elsewhere), as the stage timings
    /// under `BIALIGN_DEBUG` print it.
    pub fn resident_mib() -> Option<u64> {
        super::resident_mib()
    }

    /// Loads the bundled lexicon's embedded index anew, bypassing the process-wide cache of
    /// [`crate::Lexicon::bundled`]: the start-up cost that cache hides.
    pub fn load_bundled_lexicon() -> crate::Lexicon {
        crate::lexicon::Lexicon::load_bundled()
    }

    /// Feature extraction: tokenising, lexicon look-up, numbers, punctuation, chance rates.
    pub fn features(aligner: &Aligner, zh: &[&str], en: &[&str]) -> Prepared {
        Prepared(
            PairFeatures::new(
                zh,
                en,
                &aligner.lexicon,
                &aligner.tokenizer,
                aligner.pinyin(),
                aligner.threads(),
            ),
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
        let params = super::initial_params(cfg, f);
        let scorer = Scorer::new(f, &params);
        let centers = length_diagonal(f, n, m);
        let band = Band::around(&centers, &vec![half; n + 1], m);
        let masks = MaskCache::new(f, &band, (0, 0), 0..n + 1);
        let shapes = Aligner::shapes(cfg.max_bead);
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
        super::to_alignment(aligner.align_features(p.0.clone(), &zh), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(cells: &[(usize, usize)]) -> Vec<Step> {
        cells
            .windows(2)
            .map(|w| Step {
                i0: w[0].0,
                j0: w[0].1,
                i1: w[1].0,
                j1: w[1].1,
                cost: 0.0,
            })
            .collect()
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
        let aligner = Aligner::new();
        let f = PairFeatures::new(
            &zh,
            &en,
            &aligner.lexicon,
            &aligner.tokenizer,
            aligner.pinyin(),
            1,
        );
        let mut params = initial_params(&aligner.config, &f);
        params.paragraph_penalty = 3.0;
        let scorer = Scorer::new(&f, &params);
        let shapes = Aligner::shapes(7);
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
                        params.prior[x][y]
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
                }
            }
        }
        assert!(compared > 100, "{compared} beads compared");
    }

    #[test]
    fn path_windows_cut_after_confident_one_to_one_steps() {
        // 10,000 rows of 1-1 steps of cost 0, but every 7th is a 2-1 step, and the 1-1 step
        // ending in row 1802 is the most confident one near row 2000.
        let mut cells = vec![(0, 0)];
        let (mut i, mut j) = (0, 0);
        while i < 10_000 {
            i += if i % 7 == 0 { 2 } else { 1 };
            j += 1;
            cells.push((i, j));
        }
        let mut path = steps(&cells);
        for s in &mut path {
            if s.i1 == 1802 && s.i1 - s.i0 == 1 {
                s.cost = -5.0;
            }
        }
        let windows = path_windows(&path, 2000);
        // Contiguous, in order, covering every step.
        assert_eq!(windows.first().map(|w| w.start), Some(0));
        assert_eq!(windows.last().map(|w| w.end), Some(path.len()));
        for w in windows.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        assert_eq!(windows.len(), 5, "{windows:?}");
        // The first cut follows the confident step; every cut follows a 1-1 step.
        assert_eq!(path[windows[0].end - 1].i1, 1802);
        // The others are as near their due rows as a 1-1 step allows: 2,000 rows on.
        for w in windows[..windows.len() - 1].windows(2) {
            let rows = path[w[1].end - 1].i1 - path[w[0].end - 1].i1;
            assert!((1999..=2001).contains(&rows), "{rows} rows in {w:?}");
        }
        for w in &windows[..windows.len() - 1] {
            let s = path[w.end - 1];
            assert_eq!((s.i1 - s.i0, s.j1 - s.j0), (1, 1), "cut after {s:?}");
        }
        // A path shorter than one and a half windows is not cut.
        assert_eq!(path_windows(&path, 8000), vec![0..path.len()]);
        assert_eq!(path_windows(&[], 8000), vec![0..0]);
    }

    #[test]
    fn step_windows_cover_their_rows_and_merge() {
        // Rows 0..10, one step per row, but a 2-1 bead over rows 4..6 and a 0-1 at row 8.
        let path = steps(&[
            (0, 0),
            (1, 1),
            (2, 2),
            (3, 3),
            (4, 4),
            (6, 5),
            (7, 6),
            (8, 7),
            (8, 8),
            (9, 9),
            (10, 10),
        ]);
        type Rows = Vec<RangeInclusive<usize>>;
        let cases: &[(&str, Rows, Rows)] = &[
            ("one row", vec![2..=2], vec![2..=2]),
            (
                "inside a 2-1 bead: the whole bead",
                vec![5..=5],
                vec![4..=4],
            ),
            ("a window from the first row", vec![0..=3], vec![0..=2]),
            ("a window to the last row", vec![9..=10], vec![9..=9]),
            ("overlapping windows merge", vec![1..=3, 3..=4], vec![1..=3]),
            (
                "adjacent step ranges merge",
                vec![1..=1, 2..=2],
                vec![1..=2],
            ),
            ("apart stay apart", vec![1..=1, 9..=9], vec![1..=1, 9..=9]),
            ("out of order", vec![9..=9, 1..=1], vec![1..=1, 9..=9]),
        ];
        for (name, windows, want) in cases {
            assert_eq!(&step_windows(&path, windows), want, "{name}");
            for r in step_windows(&path, windows) {
                let (a, b) = (path[*r.start()], path[*r.end()]);
                assert!(
                    windows
                        .iter()
                        .any(|w| a.i0 <= *w.start() && b.i1 >= *w.end()),
                    "{name}: steps {r:?} must cover a window's rows"
                );
            }
        }
    }
}
