//! The cost model: what a bead costs (length, lexical evidence, bead-type priors, boundary
//! punctuation, paragraph breaks), the genre presets it starts from, and the estimation of
//! its parameters from a first pass. The search (`crate::align`) depends on this module,
//! never the reverse.
//!
//! Every cost is a negative log-probability-like quantity, so that a bead of any size can be
//! compared with the sequence of smaller beads it competes with:
//!
//! ```text
//! cost(x, y) = -ln P(x, y)                      bead-type prior
//!            + d^2 / (2 s^2)                    d = ln((L_en + 1) / (c L_zh + 1))
//!            - a * LLR                          chance-corrected lexical evidence
//!            - w * PMI(boundary punctuation)
//!            - v * PMI(opening words)            alphabetic texts: the first sentences'
//!            + u * crossings                     ... and evidence out of order
//! ```
//!
//! The LLR sums, over the content tokens of the bead's English sentences, the log-ratio of
//! the token being covered (or not) by the bead's Chinese sentences if the bead is right
//! (`p1`) against by chance (`p0 = 1 - (1 - q)^x`, `q` the token's rate over the document's
//! Chinese sentences, `x` the number of Chinese sentences in the bead). With
//! `p1 = p0 + (1 - p0) r`, an uncovered token always contributes `ln(1 - r)` and a covered one
//! `ln(p1 / p0)`: rare words covered count a lot, frequent ones little, and adding sentences to
//! a bead only pays if their words are covered.

mod estimate;
mod order;
mod params;
mod scorer;

pub(crate) use estimate::reestimate;
pub(crate) use params::{CostParams, PARAGRAPH_PENALTY};
pub(crate) use scorer::Scorer;

use std::ops::Range;

/// Largest number of sentences on one side of a bead.
pub(crate) const MAX_SIDE: usize = 6;

/// A bead as the model sees it: Chinese sentences, English sentences (canonical orientation).
pub(crate) type Span = (Range<usize>, Range<usize>);

/// The kind of text, which sets the aligner's starting assumptions
/// ([`AlignerBuilder::genre`](crate::AlignerBuilder::genre)).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
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

impl Genre {
    /// Every genre, in the order of its documentation.
    pub const ALL: [Genre; 2] = [Genre::Literary, Genre::Official];

    /// The genre's name, as [`FromStr`](std::str::FromStr) accepts it.
    pub fn name(self) -> &'static str {
        match self {
            Genre::Literary => "literary",
            Genre::Official => "official",
        }
    }

    /// The starting spread of the log length ratio of a 1-1 bead.
    pub(crate) fn spread(self) -> f64 {
        match self {
            Genre::Literary => 0.30,
            Genre::Official => 0.17,
        }
    }

    /// The starting probability of a sentence without counterpart, per side.
    pub fn deletion_prior(self) -> f64 {
        match self {
            Genre::Literary => 0.01,
            Genre::Official => 0.025,
        }
    }
}

impl std::fmt::Display for Genre {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The options of the cost model, set through the aligner's builder: the genre preset it
/// starts from and the weights and rates that the builder exposes.
#[derive(Debug, Clone)]
pub(crate) struct ModelConfig {
    pub genre: Genre,
    /// Largest bead, as the total number of sentences on both sides.
    pub max_bead: usize,
    pub coverage: f64,
    pub lex_weight: f64,
    pub unit_coverage: f64,
    pub unit_weight: f64,
    pub deletion_prior: f64,
    /// Counting noise of the log length ratio (see `CostParams::length_noise`).
    pub length_noise: f64,
    /// Weight of the lexical evidence that a deleted sentence shares with its neighbours'
    /// other side, against deleting it.
    pub deletion_evidence: f64,
    /// Weight, relative to the token LLR, of whether each sentence of a bead shares a
    /// covered token with the bead's other side (learnt from a first pass; only where no
    /// bundled lexicon applies).
    pub sentence_evidence: f64,
    pub punct_weight: f64,
    /// Weight of the opening words' PMI (`features::openings`), learnt from a first pass.
    pub opening_weight: f64,
    /// Cost of each pair of evidence out of order in a bead ([`order::crossings`]), between
    /// two alphabetic texts.
    pub order_weight: f64,
    pub spread: f64,
    pub hard_paragraphs: bool,
    pub paragraph_penalty: f64,
    /// Decide per document whether the translator drops speaker tags, and leave them out of
    /// the Chinese length if so.
    pub speaker_tags: bool,
    /// Learn whether a quotation left open after a bead agrees on both sides (off: it did
    /// not help on the dev sets).
    pub quote_state: bool,
}

/// Default largest bead (sentences on both sides).
pub(crate) const DEFAULT_MAX_BEAD: usize = 6;
/// Default share of English content tokens covered beyond chance (the bundled lexicon's,
/// measured on true beads).
pub(crate) const DEFAULT_COVERAGE: f64 = 0.46;
/// Default share of Chinese content units translated beyond chance.
pub(crate) const DEFAULT_UNIT_COVERAGE: f64 = 0.3;
/// Default weight of the lexical LLR.
pub(crate) const DEFAULT_LEXICAL_WEIGHT: f64 = 0.5;
/// Default weight of the Chinese-side LLR relative to the English side's.
pub(crate) const DEFAULT_UNIT_WEIGHT: f64 = 0.5;
/// Default counting noise of the log length ratio (measured on the dev sets: 0.3, 0.5 and 0.7
/// give mac-dev 0.911, 0.912 and 0.916 and the Bible the same to 0.001).
pub(crate) const DEFAULT_LENGTH_NOISE: f64 = 0.5;
/// Default weight of the evidence against a deletion (measured on the dev sets: 0.5 to 2 give
/// the same F1 on mac-dev).
pub(crate) const DEFAULT_DELETION_EVIDENCE: f64 = 1.0;
/// Default weight of the sentence-level evidence, relative to the token LLR.
pub(crate) const DEFAULT_SENTENCE_EVIDENCE: f64 = 2.0;
/// Default weight of boundary punctuation agreement.
pub(crate) const DEFAULT_PUNCTUATION_WEIGHT: f64 = 1.0;
/// Default weight of the opening words' PMI (bible-pairs, strict F1 with the order term:
/// de-fr 0.947 at 0, 0.950 at 0.4 and 0.5, 0.949 at 0.3; en-ru 0.985 at 0.4, 0.982 at
/// 0.5).
pub(crate) const DEFAULT_OPENING_WEIGHT: f64 = 0.4;
/// Default cost of a pair of evidence out of order (bible-pairs, strict F1: de-fr 0.945 at
/// 0, 0.946 at 0.15, 0.947 at 0.2, 0.943 at 1; en-ru 0.980, 0.982, 0.983, 0.979).
pub(crate) const DEFAULT_ORDER_WEIGHT: f64 = 0.2;

impl Default for ModelConfig {
    fn default() -> Self {
        let mut c = ModelConfig {
            genre: Genre::Literary,
            max_bead: DEFAULT_MAX_BEAD,
            coverage: DEFAULT_COVERAGE,
            lex_weight: DEFAULT_LEXICAL_WEIGHT,
            unit_coverage: DEFAULT_UNIT_COVERAGE,
            unit_weight: DEFAULT_UNIT_WEIGHT,
            deletion_prior: 0.0,
            deletion_evidence: DEFAULT_DELETION_EVIDENCE,
            sentence_evidence: DEFAULT_SENTENCE_EVIDENCE,
            length_noise: DEFAULT_LENGTH_NOISE,
            punct_weight: DEFAULT_PUNCTUATION_WEIGHT,
            opening_weight: DEFAULT_OPENING_WEIGHT,
            order_weight: DEFAULT_ORDER_WEIGHT,
            spread: 0.0,
            hard_paragraphs: false,
            paragraph_penalty: PARAGRAPH_PENALTY,
            speaker_tags: true,
            quote_state: false,
        };
        c.apply_genre(Genre::Literary);
        c
    }
}

impl ModelConfig {
    /// Sets the genre and the settings of its preset: length spread, deletion rate and
    /// paragraph handling.
    pub fn apply_genre(&mut self, genre: Genre) {
        self.genre = genre;
        self.spread = genre.spread();
        self.deletion_prior = genre.deletion_prior();
        self.hard_paragraphs = genre == Genre::Official;
    }
}
