//! Estimation of the cost parameters from the beads of a previous pass over the document
//! itself: the length ratio and spread, the bead priors, the deletion rates and the boundary
//! punctuation tables. No gold alignment is needed: a first pass is right often enough.

use super::params::{to_costs, CostParams};
use super::{ModelConfig, Span, MAX_SIDE};
use crate::features::{EndType, PairFeatures, StartType, OPENINGS};

/// Re-estimates the length ratio, spread, bead priors, deletion rates, punctuation tables
/// and whether the translator drops speaker tags from the beads of a previous pass.
pub(crate) fn reestimate(
    params: &mut CostParams,
    f: &PairFeatures,
    beads: &[Span],
    cfg: &ModelConfig,
) {
    let (genre, max_bead) = (cfg.genre, cfg.max_bead);
    // The order of the evidence, from the second pass on: in the first it changed no bead
    // of any bible-pairs set and cost de-fr 5 % more instructions. Not against Chinese,
    // which puts clauses of time, cause and condition first, and whose learnt units' bits
    // are not their places in the sentence (zh-fr 0.953 to 0.949 with it, mac-dev 0.919
    // to 0.918).
    if f.rows_alphabetic {
        params.order_weight = cfg.order_weight;
    }
    if cfg.speaker_tags {
        params.drop_tags = drops_tags(f, beads);
    }
    let mut ds = Vec::new();
    let mut counts = [[0.0f64; MAX_SIDE + 1]; MAX_SIDE + 1];
    let mut total = 0.0;
    let (mut sz, mut se) = (0.0, 0.0);
    for (z, e) in beads {
        counts[z.len()][e.len()] += 1.0;
        total += 1.0;
        if z.len() == 1 && e.len() == 1 {
            let lz = params.zh_len(f, z.start);
            let le = f.en[e.start].len;
            sz += lz;
            se += le;
            ds.push((lz, le));
        }
    }
    if ds.len() >= 20 && sz > 0.0 && se > 0.0 {
        let ratio = se / sz;
        // The mean squared log ratio, and the mean of the counting-noise terms: what the
        // noise explains is not the spread's.
        let (mut d2, mut terms) = (0.0, 0.0);
        for &(lz, le) in &ds {
            let d = ((le + 1.0) / (ratio * lz + 1.0)).ln();
            d2 += d * d;
            terms += 1.0 / (ratio * lz + 1.0) + 1.0 / (le + 1.0);
        }
        let (d2, terms) = (d2 / ds.len() as f64, terms / ds.len() as f64);
        // A document more regular than the noise allows (generated text, a form) has less
        // of it: keep the smallest spread and the noise its lengths leave room for.
        let floor = MIN_SPREAD * MIN_SPREAD;
        if d2 - params.length_noise * terms < floor && terms > 0.0 {
            params.length_noise = ((d2 - floor) / terms).max(0.0);
        }
        let var = d2 - params.length_noise * terms;
        // Shrink toward the typical ratio when few pairs support the estimate.
        let w = ds.len() as f64 / (ds.len() as f64 + 50.0);
        params.ratio = (w * ratio.ln() + (1.0 - w) * params.ratio.ln()).exp();
        params.spread = var.max(0.0).sqrt().clamp(MIN_SPREAD, MAX_SPREAD);
    }
    estimate_pmi(params, f, beads, cfg.quote_state);
    if !f.pair.coverage_known {
        estimate_coverage(params, f, beads);
        if cfg.sentence_evidence > 0.0 {
            params.sentence = sentence_terms(f, beads, cfg.sentence_evidence, Side::Columns);
            if params.unit_weight > 0.0 {
                let weight = cfg.sentence_evidence / params.unit_weight;
                params.sentence_rows = row_terms(f, beads, weight);
            }
        }
    }
    if total >= 50.0 {
        // Blend with the defaults so that rare bead types stay possible.
        let defaults = CostParams::priors(
            genre,
            max_bead,
            (-params.prior[1][0]).exp(),
            f.pair.symmetric,
        );
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
    // Evidence against a deletion only where deletions are rare: where much of a side is
    // untranslated (the seed's English annex), the unpaired sentences speak of the same
    // names, dates and things as their translated neighbours, and sharing words with a
    // neighbour says nothing.
    let deleted_share =
        (counts[1][0] / f.zh.len().max(1) as f64).max(counts[0][1] / f.en.len().max(1) as f64);
    params.deletion_evidence = if deleted_share <= MAX_DELETED_SHARE {
        cfg.deletion_evidence
    } else {
        0.0
    };
}

/// Re-estimates the coverage of the column tokens and of the row units from the 1-1 beads
/// of a previous pass: the share covered beyond chance, `(covered - p0) / (1 - p0)` summed
/// over the tokens, shrunk toward the current value by [`COVERAGE_SHRINK`] pseudo-tokens.
fn estimate_coverage(params: &mut CostParams, f: &PairFeatures, beads: &[Span]) {
    let (mut tok, mut tok_n, mut unit, mut unit_n) = (0.0, 0.0, 0.0, 0.0);
    for (z, e) in beads {
        if z.len() != 1 || e.len() != 1 {
            continue;
        }
        let (i, j) = (z.start, e.start);
        let (mask, umask) = (f.mask(i, j), f.unit_mask(i, j));
        for (k, &t) in f.en[j].tokens.iter().enumerate() {
            let p0 = f.q[t as usize];
            let hit = (mask >> k & 1) as f64;
            tok += (hit - p0) / (1.0 - p0).max(1e-3);
            tok_n += 1.0;
        }
        for (k, &u) in f.zh[i].units.iter().enumerate() {
            let p0 = f.q_units[u as usize];
            let hit = (umask >> k & 1) as f64;
            unit += (hit - p0) / (1.0 - p0).max(1e-3);
            unit_n += 1.0;
        }
    }
    let blend = |sum: f64, n: f64, current: f64| {
        ((sum + COVERAGE_SHRINK * current) / (n + COVERAGE_SHRINK))
            .clamp(MIN_COVERAGE, MAX_COVERAGE)
    };
    params.coverage = blend(tok, tok_n, params.coverage);
    params.unit_coverage = blend(unit, unit_n, params.unit_coverage);
}

/// The sentence-level evidence. The token LLR takes a sentence's tokens as independent,
/// but a translation shares at least one covered word with its original far more often
/// than the words' rates add up to, and a sentence with no word in common with a bead most
/// often belongs to the bead beside it. From the 1-1 beads of a previous pass: `p1`, the
/// share of English sentences sharing a covered token with their partner, and `p0`, with
/// the partner of the bead two before or after (a neighbour is the competitor a boundary
/// error puts there). In a bead of `x` Chinese sentences, a true partner among them:
/// `p1(x) = 1 - (1 - p1)(1 - p0)^(x - 1)` against `p0(x) = 1 - (1 - p0)^x`; the terms are
/// their log ratios times `weight`. Empty (off) with fewer than [`MIN_SENTENCE_BEADS`]
/// 1-1 beads.
///
/// The same for the rows (`Side::Rows`): the Chinese, or the source's, sentences sharing a
/// translated unit with their partner, at the same weight (of which [`row_terms`] keeps the
/// reward). Without them a short row sentence at a bead's edge went to the wrong
/// neighbour for free (de-fr 0.938 to 0.943 with the reward; it was within 0.003 before
/// the learned lexicon paired row words both ways).
///
/// Measured (bible-pairs, strict F1): bands of sentence length with rates of their own,
/// neighbours one, three or five beads away as the chance partners, all within 0.003 of
/// this on every set.
fn sentence_terms(f: &PairFeatures, beads: &[Span], weight: f64, side: Side) -> Vec<[f64; 2]> {
    let ones: Vec<(usize, usize)> = beads
        .iter()
        .filter(|(z, e)| z.len() == 1 && e.len() == 1)
        .map(|(z, e)| (z.start, e.start))
        .collect();
    if ones.len() < MIN_SENTENCE_BEADS {
        return Vec::new();
    }
    let (mut hits1, mut n1, mut hits0, mut n0) = (0.0, 0.0, 0.0, 0.0);
    // Whether sentence `own` of the side shares evidence with sentence `other` of the
    // other side.
    let shares = |own: usize, other: usize| match side {
        Side::Columns => f.mask(other, own) != 0,
        Side::Rows => f.unit_mask(own, other) != 0,
    };
    for (k, &(i, j)) in ones.iter().enumerate() {
        let (own, partner, empty) = match side {
            Side::Columns => (j, i, f.en[j].tokens.is_empty()),
            Side::Rows => (i, j, f.zh[i].units.is_empty()),
        };
        if empty {
            continue;
        }
        hits1 += f64::from(u8::from(shares(own, partner)));
        n1 += 1.0;
        let neighbours = [k.checked_sub(2), Some(k + 2)];
        for &(i, j) in neighbours.into_iter().flatten().filter_map(|k| ones.get(k)) {
            let other = if side == Side::Columns { i } else { j };
            hits0 += f64::from(u8::from(shares(own, other)));
            n0 += 1.0;
        }
    }
    let rate = |hits: f64, n: f64| ((hits + 1.0) / (n + 2.0)).clamp(0.01, 0.99);
    let (p1, p0) = (rate(hits1, n1), rate(hits0, n0));
    (1..=MAX_SIDE as i32)
        .map(|x| {
            let p0x = 1.0 - (1.0 - p0).powi(x);
            let p1x = (1.0 - (1.0 - p1) * (1.0 - p0).powi(x - 1)).max(p0x);
            [
                weight * (p1x / p0x).ln(),
                weight * ((1.0 - p1x) / (1.0 - p0x)).ln(),
            ]
        })
        .collect()
}

/// The rows' sentence-level terms: [`sentence_terms`] of `Side::Rows`, the reward for
/// sharing a translated unit only. A penalty for sharing none, as the columns pay it, made
/// deleting a row sentence the cheap way out of it: de-fr's sentences left without a
/// counterpart went from 14 to 138, nearly all of them translated in the next bead (a
/// loss that verse merging hides, since a deleted sentence joins its verse's bead).
fn row_terms(f: &PairFeatures, beads: &[Span], weight: f64) -> Vec<[f64; 2]> {
    sentence_terms(f, beads, weight, Side::Rows)
        .into_iter()
        .map(|[hit, _]| [hit, 0.0])
        .collect()
}

/// The side of a bead whose sentences [`sentence_terms`] scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// The English (or target) sentences, by their covered tokens.
    Columns,
    /// The Chinese (or source) sentences, by their translated units.
    Rows,
}

/// Fewest 1-1 beads of a previous pass for the sentence-level evidence.
const MIN_SENTENCE_BEADS: usize = 50;

/// Pseudo-tokens of prior weight when re-estimating the coverage.
const COVERAGE_SHRINK: f64 = 200.0;
/// The range of a re-estimated coverage.
const MIN_COVERAGE: f64 = 0.02;
const MAX_COVERAGE: f64 = 0.9;

/// Largest share of a side's sentences left unpaired by a previous pass for which the
/// evidence against deletions applies (mac-dev's chapters leave 1 % to 5 % unpaired, the
/// Bible 1 % to 2 %, the seed 13 of 17 English sentences).
const MAX_DELETED_SHARE: f64 = 0.1;

/// The range of the spread re-estimated from a document.
const MIN_SPREAD: f64 = 0.12;
const MAX_SPREAD: f64 = 0.6;

/// Fewest 1-1 beads with a speaker tag on the Chinese side for [`drops_tags`] to decide
/// that the translator drops them.
const MIN_TAGGED: usize = 10;

/// Whether the 1-1 beads of a previous pass fit the length model better with the Chinese
/// speaker tags left out of the length: the squared log length ratio, each way with its own
/// English-per-Chinese ratio, summed over the 1-1 beads. A translator who renders `韦小宝道：`
/// as `said Wei` fits the full length; one who drops it (the English line is the quotation
/// alone) fits the length without it.
pub(crate) fn drops_tags(f: &PairFeatures, beads: &[Span]) -> bool {
    let pairs: Vec<(f64, f64, f64)> = beads
        .iter()
        .filter(|(z, e)| z.len() == 1 && e.len() == 1)
        .map(|(z, e)| {
            let s = &f.zh[z.start];
            (s.len, s.tag_len, f.en[e.start].len)
        })
        .collect();
    if pairs.iter().filter(|p| p.1 > 0.0).count() < MIN_TAGGED {
        return false;
    }
    let misfit = |drop: bool| {
        let zl = |&(l, t, _): &(f64, f64, f64)| if drop { l - t } else { l };
        let ratio = pairs.iter().map(|p| p.2).sum::<f64>() / pairs.iter().map(zl).sum::<f64>();
        pairs
            .iter()
            .map(|p| {
                let d = ((p.2 + 1.0) / (ratio * zl(p) + 1.0)).ln();
                d * d
            })
            .sum::<f64>()
    };
    misfit(true) < misfit(false)
}

/// Pseudo-sentences of prior weight when re-estimating the deletion rate of a document.
const DELETION_SHRINK: f64 = 100.0;

/// Estimates the boundary punctuation and opening words' PMI tables from the pairs of a
/// previous pass, shrunk toward 0 where counts are small.
fn estimate_pmi(params: &mut CostParams, f: &PairFeatures, beads: &[Span], quotes: bool) {
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
    let pairs: Vec<_> = beads
        .iter()
        .filter(|(z, e)| !z.is_empty() && !e.is_empty())
        .collect();
    let ends: Vec<(usize, usize)> = pairs
        .iter()
        .map(|(z, e)| {
            let ze = params.zh_ends(f, z.end - 1).1;
            (ze.index(), f.en[e.end - 1].end.index())
        })
        .collect();
    let starts: Vec<(usize, usize)> = pairs
        .iter()
        .map(|(z, e)| {
            let zs = params.zh_ends(f, z.start).0;
            (zs.index(), f.en[e.start].start.index())
        })
        .collect();
    params.pmi_end = table(&ends, EndType::COUNT);
    params.pmi_start = table(&starts, StartType::COUNT);
    // The opening words of the beads' first sentences: only where both sides have classes
    // (Chinese has none), so that a table of zeros is not even looked up.
    if params.opening_weight > 0.0
        && f.zh.iter().any(|s| s.opening != 0)
        && f.en.iter().any(|s| s.opening != 0)
    {
        let opens: Vec<(usize, usize)> = pairs
            .iter()
            .map(|(z, e)| {
                let (zo, eo) = (f.zh[z.start].opening, f.en[e.start].opening);
                (usize::from(zo), usize::from(eo))
            })
            .collect();
        params.pmi_open = table(&opens, OPENINGS);
    }
    if f.has_paragraphs() {
        let paras: Vec<(usize, usize)> = pairs
            .iter()
            .map(|(z, e)| {
                let (zp, ep) = f.ends_paragraph(z.end, e.end);
                (zp as usize, ep as usize)
            })
            .collect();
        let t = table(&paras, 2);
        params.pmi_para = [t[0], t[1], t[2], t[3]];
    }
    // Whether a quotation runs on past the bead on each side: learnt only where both sides
    // quote at all.
    if quotes && f.zh.iter().any(|s| s.quote_open) && f.en.iter().any(|s| s.quote_open) {
        let open: Vec<(usize, usize)> = pairs
            .iter()
            .map(|(z, e)| {
                let zo = f.zh[z.end - 1].quote_open;
                (zo as usize, f.en[e.end - 1].quote_open as usize)
            })
            .collect();
        let t = table(&open, 2);
        params.pmi_quote = [t[0], t[1], t[2], t[3]];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{EnSentence, ZhSentence};

    /// Twenty 1-1 beads, half of them with a 5-character speaker tag; the English is 3.3
    /// characters per Chinese character of the quotation alone, or of the whole sentence.
    fn pairs(english_has_tag: bool) -> (PairFeatures, Vec<Span>) {
        let mut f = PairFeatures::default();
        for k in 0..20 {
            let quote = 10.0 + k as f64;
            let tag = if k % 2 == 0 { 5.0 } else { 0.0 };
            let said = if english_has_tag { tag } else { 0.0 };
            f.zh.push(ZhSentence {
                len: quote + tag,
                tag_len: tag,
                ..ZhSentence::default()
            });
            f.en.push(EnSentence {
                len: 3.3 * (quote + said),
                ..EnSentence::default()
            });
        }
        let beads = (0..20).map(|k| (k..k + 1, k..k + 1)).collect();
        (f, beads)
    }

    /// `n` 1-1 beads whose English sentence `k` has the token `k`, which the Chinese
    /// sentence `k` covers, and no other sentence does.
    fn covered_pairs(n: usize) -> (PairFeatures, Vec<Span>) {
        let mut f = PairFeatures::default();
        for k in 0..n as u32 {
            f.zh.push(ZhSentence {
                covered: vec![k],
                units: vec![k],
                ..ZhSentence::default()
            });
            f.en.push(EnSentence {
                tokens: vec![k],
                ..EnSentence::default()
            });
            // Unit k is translated in English sentence k.
            f.unit_postings.push(vec![k]);
        }
        let beads = (0..n).map(|k| (k..k + 1, k..k + 1)).collect();
        (f, beads)
    }

    #[test]
    fn sentence_terms_reward_a_shared_word_and_punish_none() {
        for side in [Side::Columns, Side::Rows] {
            let (f, beads) = covered_pairs(60);
            let terms = sentence_terms(&f, &beads, 1.0, side);
            assert_eq!(terms.len(), MAX_SIDE);
            let [hit, miss] = terms[0];
            assert!(hit > 3.0 && miss < -3.0, "{side:?}: hit {hit}, miss {miss}");
            // More sentences on the other side: a shared word is likelier by chance.
            assert!(terms[1][0] < hit, "{side:?}: {terms:?}");
            // Twice the weight, twice the terms.
            assert_eq!(
                sentence_terms(&f, &beads, 2.0, side)[0],
                [2.0 * hit, 2.0 * miss]
            );
            // Too few beads to learn from: off.
            let (f, beads) = covered_pairs(40);
            assert!(sentence_terms(&f, &beads, 1.0, side).is_empty());
        }
    }

    #[test]
    fn the_rows_terms_count_translated_units() {
        // The tokens are covered as before, but each unit is translated two sentences
        // later: the rows' partners share nothing, their neighbours two beads away do.
        let (mut f, beads) = covered_pairs(60);
        for (k, post) in f.unit_postings.iter_mut().enumerate() {
            *post = vec![k as u32 + 2];
        }
        // No better than chance: no reward (the rate with the partner is kept at least
        // the chance rate).
        let [hit, _] = sentence_terms(&f, &beads, 1.0, Side::Rows)[0];
        assert_eq!(hit, 0.0);
        let [hit, _] = sentence_terms(&f, &beads, 1.0, Side::Columns)[0];
        assert!(hit > 3.0, "hit {hit}");
    }

    #[test]
    fn the_rows_terms_reward_and_never_punish() {
        let (f, beads) = covered_pairs(60);
        let [hit, miss] = row_terms(&f, &beads, 1.0)[0];
        assert!(hit > 3.0, "hit {hit}");
        assert_eq!(miss, 0.0, "a penalty makes deleting the sentence cheaper");
    }

    #[test]
    fn tags_are_dropped_where_the_translation_drops_them() {
        let (f, beads) = pairs(false);
        assert!(drops_tags(&f, &beads));
        let (f, beads) = pairs(true);
        assert!(!drops_tags(&f, &beads));
        // Too few tagged beads to decide.
        let (f, beads) = pairs(false);
        assert!(!drops_tags(&f, &beads[..12]));
    }
}
