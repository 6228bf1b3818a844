//! The parameters of the cost model and where they start: the bead priors of each genre,
//! the configured weights and the document's own length ratio.

use super::{Genre, ModelConfig, MAX_SIDE};
use crate::features::{EndType, PairFeatures, StartType};

/// Parameters of the cost model (canonical orientation: x Chinese, y English sentences).
#[derive(Debug, Clone)]
pub(crate) struct CostParams {
    /// English characters per Chinese character.
    pub ratio: f64,
    /// Spread of the log length ratio for a 1-1 bead.
    pub spread: f64,
    /// `-ln P(x, y)`, indexed `[x][y]`; infinite for beads not allowed.
    pub prior: [[f64; MAX_SIDE + 1]; MAX_SIDE + 1],
    /// Share of English content tokens covered in true beads beyond chance.
    pub coverage: f64,
    /// Weight of the lexical LLR.
    pub lex_weight: f64,
    /// Share of Chinese content units translated in true beads beyond chance.
    pub unit_coverage: f64,
    /// Weight of the Chinese-side LLR relative to the English-side one.
    pub unit_weight: f64,
    /// Weight of the boundary punctuation PMI.
    pub punct_weight: f64,
    /// PMI of (end type of last zh sentence, end type of last en sentence).
    pub pmi_end: Vec<f64>,
    /// PMI of (start type of first zh sentence, start type of first en sentence).
    pub pmi_start: Vec<f64>,
    /// PMI of (bead ends a Chinese paragraph, bead ends an English paragraph), indexed
    /// `2 * zh + en`; zeros when the texts have no paragraphs.
    pub pmi_para: [f64; 4],
    /// PMI of (a quotation is open after the bead's last Chinese sentence, after its last
    /// English sentence), indexed `2 * zh + en`; zeros until learnt.
    pub pmi_quote: [f64; 4],
    /// Weight of the opening words' PMI.
    pub opening_weight: f64,
    /// PMI of (opening class of the bead's first Chinese sentence, of its first English
    /// sentence), indexed `zh * OPENINGS + en`; empty until learnt, and where either side
    /// has no opening classes.
    pub pmi_open: Vec<f64>,
    /// Cost of each pair of evidence out of order in a bead ([`super::order::crossings`]):
    /// from the second pass on, the configured weight between two alphabetic texts; 0 in
    /// the first pass and against Chinese.
    pub order_weight: f64,
    /// Cost of each paragraph break inside a bead (infinite: beads never cross paragraphs).
    pub paragraph_penalty: f64,
    /// Counting noise of the log length ratio: a bead's variance is `spread^2` plus this
    /// over each side's length (plus one), so short sentences may differ more in length.
    pub length_noise: f64,
    /// Weight of the lexical evidence that a sentence left without a counterpart shares with
    /// the other side of its neighbours: it makes deleting a sentence that a neighbouring
    /// bead translates as costly as the evidence says (0: deletions cost their prior only).
    pub deletion_evidence: f64,
    /// Leave speaker tags (`韦小宝道：`) out of the Chinese length: decided per document from
    /// a previous pass (the translator drops them or not), off at first.
    pub drop_tags: bool,
    /// What an English sentence adds to the LLR for sharing a covered token with the
    /// bead's other side or not, `[hit, miss]` at `[x - 1]` for a bead of `x` Chinese
    /// sentences, already weighted relative to the token LLR; empty until learnt from a
    /// previous pass, and where it is off (see `estimate::sentence_terms`).
    pub sentence: Vec<[f64; 2]>,
    /// The same for a Chinese sentence sharing a translated unit with the bead's English
    /// sentences (a reward only: `[hit, 0]`, see `estimate::row_terms`), at `[y - 1]` for a
    /// bead of `y` English sentences. Divided by `unit_weight`, which scales the Chinese
    /// evidence it joins, so that it weighs what the English side's term does: where no
    /// lexicon applies, neither side is the better witness of a sentence that belongs to
    /// the next bead.
    pub sentence_rows: Vec<[f64; 2]>,
}

impl CostParams {
    /// The start and end types of Chinese sentence `i` as the punctuation tables see them:
    /// without its speaker tag when the document's translator drops them.
    #[inline]
    pub fn zh_ends(&self, f: &PairFeatures, i: usize) -> (StartType, EndType) {
        let s = &f.zh[i];
        if self.drop_tags {
            s.untagged
        } else {
            (s.start, s.end)
        }
    }
    /// The length of Chinese sentence `i` as the length model sees it: without its speaker
    /// tag when the document's translator drops them.
    #[inline]
    pub fn zh_len(&self, f: &PairFeatures, i: usize) -> f64 {
        let s = &f.zh[i];
        if self.drop_tags {
            s.len - s.tag_len
        } else {
            s.len
        }
    }

    /// The cost parameters before anything is learnt from the document: literary priors, the
    /// configured weights, and the document's own length ratio when it is plausible.
    pub(crate) fn initial(cfg: &ModelConfig, f: &PairFeatures) -> CostParams {
        let total_zh: f64 = f.zh.iter().map(|s| s.len).sum();
        let total_en: f64 = f.en.iter().map(|s| s.len).sum();
        // English has 3.1 to 3.4 non-space characters per Chinese character in translation;
        // a document ratio far from that means much of one side has no counterpart, and says
        // nothing about the ratio of the parallel part.
        // The same holds for any pair around its typical ratio (1 for two alphabetic
        // scripts).
        let typical = f.pair.typical_ratio;
        let doc_ratio = total_en / total_zh;
        let ratio = if (typical / 1.6..=typical * 1.6).contains(&doc_ratio) {
            doc_ratio
        } else {
            typical
        };
        CostParams {
            ratio,
            spread: cfg.spread,
            prior: CostParams::priors(
                cfg.genre,
                cfg.max_bead,
                cfg.deletion_prior,
                f.pair.symmetric,
            ),
            // A coverage measured for another lexicon says nothing of this pair's evidence:
            // start low (uncovered tokens then cost little) and re-estimate it.
            coverage: if f.pair.coverage_known {
                cfg.coverage
            } else {
                START_COVERAGE
            },
            lex_weight: cfg.lex_weight,
            unit_coverage: cfg.unit_coverage,
            unit_weight: cfg.unit_weight,
            punct_weight: cfg.punct_weight,
            pmi_end: vec![0.0; EndType::COUNT * EndType::COUNT],
            pmi_start: vec![0.0; StartType::COUNT * StartType::COUNT],
            pmi_para: [0.0; 4],
            pmi_quote: [0.0; 4],
            opening_weight: cfg.opening_weight,
            pmi_open: Vec::new(),
            // Set from the second pass on (`estimate::reestimate`).
            order_weight: 0.0,
            paragraph_penalty: if cfg.hard_paragraphs {
                f64::INFINITY
            } else {
                cfg.paragraph_penalty
            },
            length_noise: cfg.length_noise,
            // Decided from a first pass (see `estimate::reestimate`).
            deletion_evidence: 0.0,
            drop_tags: false,
            // Learnt from a first pass (see `estimate::reestimate`).
            sentence: Vec::new(),
            sentence_rows: Vec::new(),
        }
    }

    /// Bead-type priors for a genre, with `deletion` the probability of each of 1-0 and 0-1;
    /// `symmetric`: the same for x-y and y-x (the mean of the two), for pairs whose
    /// direction says nothing.
    pub fn priors(
        genre: Genre,
        max_total: usize,
        deletion: f64,
        symmetric: bool,
    ) -> [[f64; MAX_SIDE + 1]; MAX_SIDE + 1] {
        // Probabilities in canonical orientation [zh][en].
        let mut p = [[0.0f64; MAX_SIDE + 1]; MAX_SIDE + 1];
        match genre {
            // Measured on the MAC dev chapters: English translators of Chinese fiction split
            // long sentences often.
            Genre::Literary => {
                p[1][1] = 0.62;
                p[1][2] = 0.21;
                p[1][3] = 0.055;
                p[2][1] = 0.05;
                p[1][4] = 0.022;
                p[2][2] = 0.019;
                p[2][3] = 0.009;
                p[3][1] = 0.004;
                p[3][2] = 0.003;
                p[1][5] = 0.003;
                p[2][4] = 0.0015;
                p[4][1] = 0.001;
                p[3][3] = 0.001;
                p[1][6] = 0.0015;
                p[3][4] = 0.0007;
            }
            // UN and legal text (the design notes' figures): mostly 1-1, few merges.
            Genre::Official => {
                p[1][1] = 0.82;
                p[1][2] = 0.06;
                p[2][1] = 0.03;
                p[1][3] = 0.01;
                p[2][2] = 0.01;
                p[3][1] = 0.005;
                p[1][4] = 0.002;
                p[2][3] = 0.002;
                p[3][2] = 0.002;
                p[4][1] = 0.001;
            }
        }
        if symmetric {
            #[allow(clippy::needless_range_loop)]
            for x in 0..=MAX_SIDE {
                for y in 0..x {
                    let mean = (p[x][y] + p[y][x]) / 2.0;
                    p[x][y] = mean;
                    p[y][x] = mean;
                }
            }
        }
        p[1][0] = deletion;
        p[0][1] = deletion;
        to_costs(&p, max_total)
    }
}

/// `-ln p` for every allowed bead; deletions only as 1-0 and 0-1.
pub(crate) fn to_costs(
    p: &[[f64; MAX_SIDE + 1]; MAX_SIDE + 1],
    max_total: usize,
) -> [[f64; MAX_SIDE + 1]; MAX_SIDE + 1] {
    let mut c = [[f64::INFINITY; MAX_SIDE + 1]; MAX_SIDE + 1];
    for x in 0..=MAX_SIDE {
        for y in 0..=MAX_SIDE {
            let allowed = if x == 0 || y == 0 {
                x + y == 1
            } else {
                x + y <= max_total
            };
            if allowed {
                // A floor keeps every allowed bead possible.
                c[x][y] = -(p[x][y].max(1e-4)).ln();
            }
        }
    }
    c
}

/// Translators keep paragraphs: a bead that runs across a paragraph break on one side is
/// rare (about 1 in 20 in the sense of the cost, `-ln 0.05`).
pub(crate) const PARAGRAPH_PENALTY: f64 = 3.0;

/// The starting coverage where the configured one was not measured for the lexicon in use
/// (any pair but Chinese-English with the bundled lexicon): re-estimated from a first pass.
pub(crate) const START_COVERAGE: f64 = 0.2;
