//! The bead cost of one document pair: [`Scorer`] binds the [`CostParams`] to the features,
//! with the tables that make a bead's cost a few look-ups, and scores a cell's beads at once.

use super::order::crossings;
use super::params::CostParams;
use super::MAX_SIDE;
use crate::features::{EndType, PairFeatures, StartType, OPENINGS};

/// For items with chance rates `q` and expected coverage `r`: the LLR gain of covering item
/// `t` in a bead of `k` sentences on the other side (`gain[t * MAX_SIDE + k - 1]`), relative
/// to leaving it uncovered, and `ln(1 - r)`, the LLR of an uncovered item.
fn gain_table(q: &[f64], r: f64) -> (Vec<f64>, f64) {
    let r = r.clamp(1e-3, 0.999);
    let miss = (1.0 - r).ln();
    let mut gain = Vec::with_capacity(q.len() * MAX_SIDE);
    for &q in q {
        for k in 1..=MAX_SIDE {
            let p0 = 1.0 - (1.0 - q).powi(k as i32);
            let p1 = p0 + (1.0 - p0) * r;
            gain.push((p1 / p0).ln() - miss);
        }
    }
    (gain, miss)
}

/// Evidence (nats against chance) that a deleted sentence may share with a neighbour for
/// free: a word or two in common with the next sentence is the rule in narration and says
/// nothing. Without this floor, the Bible's few false deletions moved into the wrong
/// neighbour (strict F1 -0.001 and -0.003 on Bible 001 and 006, measured).
const DELETION_EVIDENCE_FLOOR: f64 = 2.0;

/// A cost model bound to the features of one document pair.
pub(crate) struct Scorer<'a> {
    pub f: &'a PairFeatures,
    pub p: &'a CostParams,
    /// `gain[t * MAX_SIDE + x - 1]`: what covering token t adds to the LLR in a bead of x
    /// Chinese sentences, relative to leaving it uncovered.
    gain: Vec<f64>,
    /// `ln(1 - r)`: the LLR term of an uncovered token.
    miss: f64,
    /// The same two for Chinese units, indexed by the number y of English sentences.
    unit_gain: Vec<f64>,
    unit_miss: f64,
    /// `ln(c L + 1)` of Chinese sentences `i..i + x` at `[i * MAX_SIDE + x - 1]`, and
    /// `ln(L + 1)` of English sentences `j..j + y` likewise: the length cost needs no
    /// logarithm per bead.
    zh_log: Vec<f64>,
    en_log: Vec<f64>,
    /// `1 / (2 s^2)` for the spread `s`.
    half_inv_var: f64,
    /// `1 / (c L + 1)` and `1 / (L + 1)` of the same runs, for the counting noise of the
    /// length model; empty when it is off.
    zh_inv: Vec<f64>,
    en_inv: Vec<f64>,
    /// Each sentence's start and end punctuation types as the tables index them (the
    /// Chinese ones without the speaker tag when the translator drops tags), so that the
    /// punctuation score of a bead is a few look-ups.
    zh_start: Vec<u8>,
    zh_end: Vec<u8>,
    en_start: Vec<u8>,
    en_end: Vec<u8>,
    /// Whether any sentence of either side is punctuation alone: most documents have none,
    /// and their beads then skip the test.
    any_bare: bool,
}

/// The most sentences (both sides) of a bead whose evidence order is scored: the beads of
/// six are rare, and their order changed the F1 of no bible-pairs set (de-fr 0.9501 either
/// way) for 45 % of the term's instructions.
const ORDER_MAX_SENTENCES: usize = 5;

/// Cost of a bead whose first sentence on either side is punctuation alone
/// ([`punct::is_bare`](crate::features::punct::is_bare)): such a line is the end of the
/// sentence before it, cut off by the splitter, and belongs to that sentence's bead (a
/// bead with one sentence more costs 1 to 2 nats more by its prior; the closing brackets
/// of the Chinese Union Version started the next verse's bead without this).
const BARE_START_PENALTY: f64 = 3.0;

const _: () = assert!(StartType::COUNT <= 256 && EndType::COUNT <= 256);

/// The part of a bead's punctuation score that depends only on where it ends (its cell):
/// shared by every bead of the cell, so [`Scorer::cell_costs`] looks it up once.
#[derive(Clone, Copy, Default)]
struct PunctEnd {
    end: f64,
    para: f64,
    quote: f64,
}

/// `g(scale * L + 1)` for every run of 1 to `MAX_SIDE` consecutive sentences of lengths
/// `lens`, at `[start * MAX_SIDE + run - 1]` (NaN past the end).
fn runs(lens: &[f64], scale: f64, g: impl Fn(f64) -> f64) -> Vec<f64> {
    let mut out = vec![f64::NAN; lens.len() * MAX_SIDE];
    for i in 0..lens.len() {
        let mut sum = 0.0;
        for (x, l) in lens[i..].iter().take(MAX_SIDE).enumerate() {
            sum += l;
            out[i * MAX_SIDE + x] = g(scale * sum + 1.0);
        }
    }
    out
}

impl<'a> Scorer<'a> {
    pub fn new(f: &'a PairFeatures, p: &'a CostParams) -> Self {
        let (gain, miss) = gain_table(&f.q, p.coverage);
        let (unit_gain, unit_miss) = gain_table(&f.q_units, p.unit_coverage);
        let zh_lens: Vec<f64> = (0..f.zh.len()).map(|i| p.zh_len(f, i)).collect();
        let en_lens: Vec<f64> = f.en.iter().map(|s| s.len).collect();
        let inverse = |lens: &[f64], scale: f64| -> Vec<f64> {
            if p.length_noise == 0.0 {
                return Vec::new();
            }
            runs(lens, scale, |x| 1.0 / x)
        };
        // Both type sets are far smaller than 256 (checked at compile time below).
        let index = |t: usize| t as u8;
        let zh_ends: Vec<_> = (0..f.zh.len()).map(|i| p.zh_ends(f, i)).collect();
        let any_bare = f.zh.iter().any(|s| s.bare) || f.en.iter().any(|s| s.bare);
        Scorer {
            any_bare,
            zh_start: zh_ends.iter().map(|e| index(e.0.index())).collect(),
            zh_end: zh_ends.iter().map(|e| index(e.1.index())).collect(),
            en_start: f.en.iter().map(|s| index(s.start.index())).collect(),
            en_end: f.en.iter().map(|s| index(s.end.index())).collect(),
            unit_gain,
            unit_miss,
            zh_inv: inverse(&zh_lens, p.ratio),
            en_inv: inverse(&en_lens, 1.0),
            zh_log: runs(&zh_lens, p.ratio, f64::ln),
            en_log: runs(&en_lens, 1.0, f64::ln),
            half_inv_var: 1.0 / (2.0 * p.spread * p.spread),
            f,
            p,
            gain,
            miss,
        }
    }

    /// The length cost of Chinese sentences `i0..i1` against English `j0..j1` (both non-empty):
    /// the squared log length ratio over twice its variance. The variance is the spread
    /// squared plus, with [`CostParams::length_noise`], the counting noise of short texts
    /// (`noise / (c L + 1) + noise / (L + 1)`): `He came.` is 2 characters per Chinese one
    /// of `他来了。`, a whole paragraph 3.3, and a spread fitted to paragraphs made short
    /// lines look mistranslated. The variance's normalising term is left out: the length
    /// cost then needs no logarithm per bead, and with it the dev sets scored the same.
    #[inline]
    pub fn length_cost(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> f64 {
        let (zk, ek) = (i0 * MAX_SIDE + i1 - i0 - 1, j0 * MAX_SIDE + j1 - j0 - 1);
        let d = self.en_log[ek] - self.zh_log[zk];
        if self.zh_inv.is_empty() {
            return d * d * self.half_inv_var;
        }
        let noise = self.p.length_noise * (self.zh_inv[zk] + self.en_inv[ek]);
        d * d / (2.0 * (self.p.spread * self.p.spread + noise))
    }

    /// The chance-corrected lexical LLR of the bead, given the (English-token, Chinese-unit)
    /// masks of its cells: the English tokens' evidence plus, weighted, the Chinese units'.
    #[inline]
    pub fn llr(
        &self,
        i0: usize,
        i1: usize,
        j0: usize,
        j1: usize,
        mask: impl Fn(usize, usize) -> (u64, u64),
    ) -> f64 {
        let x = i1 - i0;
        let y = j1 - j0;
        let mut llr = 0.0;
        let mut unit_masks = [0u64; MAX_SIDE];
        for j in j0..j1 {
            let mut m = 0u64;
            for (k, i) in (i0..i1).enumerate() {
                let (em, um) = mask(i, j);
                m |= em;
                unit_masks[k] |= um;
            }
            let tokens = &self.f.en[j].tokens;
            let e = evidence(tokens, self.miss, &self.gain, x, m);
            llr += with_sentence(e, &self.p.sentence, tokens.len(), x, m);
        }
        if self.p.unit_weight == 0.0 {
            return llr;
        }
        let mut ullr = 0.0;
        for (k, i) in (i0..i1).enumerate() {
            let units = &self.f.zh[i].units;
            let e = evidence(units, self.unit_miss, &self.unit_gain, y, unit_masks[k]);
            ullr += with_sentence(e, &self.p.sentence_rows, units.len(), y, unit_masks[k]);
        }
        llr + self.p.unit_weight * ullr
    }

    /// The boundary punctuation score (PMI, positive when the two sides agree); the
    /// diagnostics print it per step.
    #[cfg_attr(not(feature = "logging"), allow(dead_code))]
    #[inline]
    pub fn punct(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> f64 {
        self.punct_from(self.punct_end(i1, j1), i0, j0)
    }

    /// The end, paragraph and quotation terms of the punctuation score of a bead ending
    /// before Chinese sentence `i1` and English `j1`.
    #[inline]
    fn punct_end(&self, i1: usize, j1: usize) -> PunctEnd {
        let ze = usize::from(self.zh_end[i1 - 1]);
        let ee = usize::from(self.en_end[j1 - 1]);
        let (pz, pe) = self.f.ends_paragraph(i1, j1);
        let (qz, qe) = (self.f.zh[i1 - 1].quote_open, self.f.en[j1 - 1].quote_open);
        PunctEnd {
            end: self.p.pmi_end[ze * EndType::COUNT + ee],
            para: self.p.pmi_para[2 * pz as usize + pe as usize],
            quote: self.p.pmi_quote[2 * qz as usize + qe as usize],
        }
    }

    /// The punctuation score of the bead starting at Chinese sentence `i0` and English `j0`
    /// and ending where `end` was looked up (the terms summed in one fixed order, so that
    /// [`Scorer::cost`] and [`Scorer::cell_costs`] agree to the last bit).
    #[inline]
    fn punct_from(&self, end: PunctEnd, i0: usize, j0: usize) -> f64 {
        let zs = usize::from(self.zh_start[i0]);
        let es = usize::from(self.en_start[j0]);
        end.end + self.p.pmi_start[zs * StartType::COUNT + es] + end.para + end.quote
    }

    /// The cost of a bead with one side empty ending in cell `(i, j)`: a Chinese sentence
    /// (`x` 1) or an English one (`x` 0) without a counterpart. Its prior, plus the lexical
    /// evidence the sentence shares with the nearer of the two sentences on the other side
    /// that border it (the last of the bead before, the first of the bead after), weighted:
    /// a sentence whose content a neighbouring bead translates is seldom a deletion, and the
    /// prior alone made deleting it cheaper than a bigger bead with its uncovered tokens.
    #[inline]
    pub fn null_cost(
        &self,
        i: usize,
        j: usize,
        x: usize,
        mask: &impl Fn(usize, usize) -> (u64, u64),
    ) -> f64 {
        let prior = self.p.prior[x][1 - x];
        if self.p.deletion_evidence == 0.0 {
            return prior;
        }
        // The deleted sentence, and the cell boundary on the other side with its length.
        let (deleted, boundary, len) = if x == 1 {
            (i - 1, j, self.f.en.len())
        } else {
            (j - 1, i, self.f.zh.len())
        };
        let shared = [
            boundary.checked_sub(1),
            (boundary < len).then_some(boundary),
        ]
        .into_iter()
        .flatten()
        .map(|k| {
            let (c, e) = if x == 1 { (deleted, k) } else { (k, deleted) };
            self.shared_evidence(c, e, mask(c, e))
        })
        .fold(0.0, f64::max);
        let beyond = (shared - DELETION_EVIDENCE_FLOOR).max(0.0);
        prior + self.p.deletion_evidence * self.p.lex_weight * beyond
    }

    /// The positive evidence of Chinese sentence `c` and English sentence `e` as a 1-1
    /// bead, given their cell's masks: the gains of the covered tokens and, weighted, units
    /// (without the uncovered items' terms).
    #[inline]
    fn shared_evidence(&self, c: usize, e: usize, (em, um): (u64, u64)) -> f64 {
        // `gain` is relative to an uncovered item; `gain + miss` is the covered item's
        // log-likelihood ratio against chance alone.
        let en = evidence(&self.f.en[e].tokens, 0.0, &self.gain, 1, em)
            + self.miss * em.count_ones() as f64;
        if self.p.unit_weight == 0.0 {
            return en;
        }
        let zh = evidence(&self.f.zh[c].units, 0.0, &self.unit_gain, 1, um)
            + self.unit_miss * um.count_ones() as f64;
        en + self.p.unit_weight * zh
    }

    /// The cost of a bead with both sides non-empty without its lexical evidence, or
    /// infinity for a bead not allowed.
    #[inline]
    fn base_cost(&self, i0: usize, i1: usize, j0: usize, j1: usize, end: PunctEnd) -> f64 {
        let prior = self.p.prior[i1 - i0][j1 - j0];
        if !prior.is_finite() {
            return f64::INFINITY;
        }
        let mut base = prior + self.length_cost(i0, i1, j0, j1)
            - self.p.punct_weight * self.punct_from(end, i0, j0);
        // Empty until learnt, and where a side has no opening classes.
        if !self.p.pmi_open.is_empty() {
            let (zo, eo) = (self.f.zh[i0].opening, self.f.en[j0].opening);
            let pmi = self.p.pmi_open[usize::from(zo) * OPENINGS + usize::from(eo)];
            base -= self.p.opening_weight * pmi;
        }
        if self.any_bare && (self.f.zh[i0].bare || self.f.en[j0].bare) {
            base += BARE_START_PENALTY;
        }
        let breaks = self.f.breaks_inside(i0, i1, j0, j1);
        if breaks > 0 {
            base += self.p.paragraph_penalty * breaks as f64;
            if !base.is_finite() {
                return f64::INFINITY;
            }
        }
        base
    }

    /// The full cost of a bead with both sides non-empty.
    #[inline]
    pub fn cost(
        &self,
        i0: usize,
        i1: usize,
        j0: usize,
        j1: usize,
        mask: impl Fn(usize, usize) -> (u64, u64),
    ) -> f64 {
        let base = self.base_cost(i0, i1, j0, j1, self.punct_end(i1, j1));
        if !base.is_finite() {
            return base;
        }
        let cost = base - self.p.lex_weight * self.llr(i0, i1, j0, j1, &mask);
        self.with_order(cost, i1 - i0, j1 - j0, |a, b| mask(i0 + a, j0 + b))
    }

    /// Whether the order term applies to a bead of `x` and `y` sentences: one that joins
    /// sentences, of at most [`ORDER_MAX_SENTENCES`].
    #[inline]
    fn orders(&self, x: usize, y: usize) -> bool {
        self.p.order_weight != 0.0 && x + y > 2 && x + y <= ORDER_MAX_SENTENCES
    }

    /// `cost` plus the order term of a bead of `x` and `y` sentences whose cells' masks
    /// `mask(a, b)` gives in bead order: where it applies ([`Scorer::orders`]), its weight
    /// per pair of evidence out of order ([`crossings`]).
    #[inline]
    fn with_order(
        &self,
        cost: f64,
        x: usize,
        y: usize,
        mut mask: impl FnMut(usize, usize) -> (u64, u64),
    ) -> f64 {
        if !self.orders(x, y) {
            return cost;
        }
        cost + self.p.order_weight * f64::from(crossings(x, y, &mut mask))
    }

    /// The costs of the beads `shapes[k]` (x Chinese, y English sentences) ending in cell
    /// `(i, j)`, into `out[k]`, for the shapes whose bit `k` is set in `valid`. Equal to
    /// [`Scorer::cost`] bead by bead (to the last bit: the same sums in the same order), but the beads of a cell share their
    /// masks and their per-sentence evidence: the English evidence of a sentence depends on
    /// the bead only through its number of Chinese sentences, and the Chinese evidence
    /// through the number of English ones.
    pub fn cell_costs(
        &self,
        i: usize,
        j: usize,
        shapes: &[(usize, usize)],
        valid: u64,
        mask: impl Fn(usize, usize) -> (u64, u64),
        out: &mut [f64],
    ) {
        let mut cell = CellEvidence::default();
        // A cell on the first row or column holds only beads with an empty side.
        let end = if i > 0 && j > 0 {
            self.punct_end(i, j)
        } else {
            PunctEnd::default()
        };
        for (k, &(x, y)) in shapes.iter().enumerate() {
            if valid >> k & 1 == 0 {
                continue;
            }
            if x == 0 || y == 0 {
                out[k] = self.null_cost(i, j, x, &mask);
                continue;
            }
            let base = self.base_cost(i - x, i, j - y, j, end);
            if !base.is_finite() {
                out[k] = base;
                continue;
            }
            let mut llr = 0.0;
            for b in (0..y).rev() {
                llr += cell.english(self, i, j, x, b, &mask);
            }
            if self.p.unit_weight != 0.0 {
                let mut ullr = 0.0;
                for a in (0..x).rev() {
                    ullr += cell.chinese(self, i, j, y, a, &mask);
                }
                llr += self.p.unit_weight * ullr;
            }
            let cost = base - self.p.lex_weight * llr;
            // The evidence above read every mask of the bead's cells (each English
            // sentence's against each of the bead's Chinese ones).
            out[k] = self.with_order(cost, x, y, |a, b| cell.held(x - 1 - a, y - 1 - b));
        }
    }
}

/// The evidence of one sentence's `items` (tokens or units) when the bits of `covered` say
/// which are covered: `ln(1 - r)` per item plus, per covered item, its gain in a bead of
/// `k` sentences on the other side.
#[inline]
fn evidence(items: &[u32], miss: f64, gain: &[f64], k: usize, mut covered: u64) -> f64 {
    let mut llr = miss * items.len() as f64;
    while covered != 0 {
        let b = covered.trailing_zeros() as usize;
        covered &= covered - 1;
        llr += gain[items[b] as usize * MAX_SIDE + k - 1];
    }
    llr
}

/// An English sentence's token evidence `e` plus its sentence-level term (see
/// [`CostParams::sentence`]) in a bead of `x` Chinese sentences: whether any of its
/// `tokens` tokens is covered. `e` itself where the term is off or the sentence has no
/// tokens. Likewise a Chinese sentence's unit evidence with [`CostParams::sentence_rows`].
#[inline]
fn with_sentence(e: f64, terms: &[[f64; 2]], tokens: usize, x: usize, covered: u64) -> f64 {
    if terms.is_empty() || tokens == 0 {
        return e;
    }
    e + terms[x - 1][usize::from(covered == 0)]
}

/// What the beads ending in one cell `(i, j)` share, computed when first needed: the masks
/// of the cells `(i - 1 - a, j - 1 - b)` and the evidence of single sentences.
#[derive(Default)]
struct CellEvidence {
    /// Bit `a * MAX_SIDE + b` set once `masks[a][b]` holds that cell's masks.
    have_mask: u64,
    masks: [[(u64, u64); MAX_SIDE]; MAX_SIDE],
    /// Bit `(x - 1) * MAX_SIDE + b` set once `english[x - 1][b]` holds the evidence of
    /// English sentence `j - 1 - b` in a bead of `x` Chinese sentences.
    have_english: u64,
    english: [[f64; MAX_SIDE]; MAX_SIDE],
    /// Likewise for Chinese sentence `i - 1 - a` in a bead of `y` English sentences.
    have_chinese: u64,
    chinese: [[f64; MAX_SIDE]; MAX_SIDE],
}

impl CellEvidence {
    #[inline]
    fn mask(
        &mut self,
        i: usize,
        j: usize,
        a: usize,
        b: usize,
        mask: &impl Fn(usize, usize) -> (u64, u64),
    ) -> (u64, u64) {
        let bit = 1u64 << (a * MAX_SIDE + b);
        if self.have_mask & bit == 0 {
            self.masks[a][b] = mask(i - 1 - a, j - 1 - b);
            self.have_mask |= bit;
        }
        self.masks[a][b]
    }

    /// The masks of cell `(i - 1 - a, j - 1 - b)`, read already.
    #[inline]
    fn held(&self, a: usize, b: usize) -> (u64, u64) {
        debug_assert!(
            self.have_mask >> (a * MAX_SIDE + b) & 1 == 1,
            "mask ({a}, {b}) not read"
        );
        self.masks[a][b]
    }

    /// [`Scorer::llr`]'s term of English sentence `j - 1 - b` in a bead of `x` Chinese
    /// sentences ending in row `i`.
    #[inline]
    fn english(
        &mut self,
        s: &Scorer,
        i: usize,
        j: usize,
        x: usize,
        b: usize,
        mask: &impl Fn(usize, usize) -> (u64, u64),
    ) -> f64 {
        let bit = 1u64 << ((x - 1) * MAX_SIDE + b);
        if self.have_english & bit == 0 {
            let mut m = 0u64;
            for a in (0..x).rev() {
                m |= self.mask(i, j, a, b, mask).0;
            }
            let toks = &s.f.en[j - 1 - b].tokens;
            let e = evidence(toks, s.miss, &s.gain, x, m);
            self.english[x - 1][b] = with_sentence(e, &s.p.sentence, toks.len(), x, m);
            self.have_english |= bit;
        }
        self.english[x - 1][b]
    }

    /// [`Scorer::llr`]'s term of Chinese sentence `i - 1 - a` in a bead of `y` English
    /// sentences ending in column `j`.
    #[inline]
    fn chinese(
        &mut self,
        s: &Scorer,
        i: usize,
        j: usize,
        y: usize,
        a: usize,
        mask: &impl Fn(usize, usize) -> (u64, u64),
    ) -> f64 {
        let bit = 1u64 << ((y - 1) * MAX_SIDE + a);
        if self.have_chinese & bit == 0 {
            let mut m = 0u64;
            for b in (0..y).rev() {
                m |= self.mask(i, j, a, b, mask).1;
            }
            let units = &s.f.zh[i - 1 - a].units;
            let e = evidence(units, s.unit_miss, &s.unit_gain, y, m);
            self.chinese[y - 1][a] = with_sentence(e, &s.p.sentence_rows, units.len(), y, m);
            self.have_chinese |= bit;
        }
        self.chinese[y - 1][a]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{EnSentence, ZhSentence};
    use crate::model::ModelConfig;

    /// Three sentences a side, the second Chinese one bare when `bare`.
    fn features(bare: bool) -> PairFeatures {
        let mut f = PairFeatures::default();
        for k in 0..3 {
            f.zh.push(ZhSentence {
                len: 10.0,
                bare: bare && k == 1,
                ..ZhSentence::default()
            });
            f.en.push(EnSentence {
                len: 33.0,
                ..EnSentence::default()
            });
        }
        f.zh_para = vec![0; 3];
        f.en_para = vec![0; 3];
        f
    }

    #[test]
    fn a_bead_may_not_start_with_bare_punctuation() {
        let (plain, bare) = (features(false), features(true));
        let params = CostParams::initial(&ModelConfig::default(), &plain);
        let none = |_: usize, _: usize| (0u64, 0u64);
        let cost = |f: &PairFeatures, i0: usize, i1: usize| {
            Scorer::new(f, &params).cost(i0, i1, 1, 2, none)
        };
        // Starting with the bare sentence costs the penalty; holding it after another
        // sentence costs nothing more.
        assert_eq!(cost(&bare, 1, 2), cost(&plain, 1, 2) + BARE_START_PENALTY);
        assert_eq!(cost(&bare, 0, 2), cost(&plain, 0, 2));
        assert_eq!(cost(&bare, 2, 3), cost(&plain, 2, 3));
    }
}
