//! A lexicon learnt from the document itself: English words that the bundled lexicon does
//! not connect to their Chinese translation (names transliterated as 亚伯拉罕, rare words,
//! idiosyncratic renderings) are paired with the Chinese character n-gram that co-occurs with
//! them in the beads of a first alignment, and then count as covered wherever that n-gram
//! occurs.
//!
//! The pairing is Dice's coefficient over beads, `2 c(t, g) / (c(t) + c(g))`, with `c(g)`
//! counted over Chinese sentences; rare-word chance is still corrected by the cost model,
//! which recomputes each token's coverage rate after learning.

use super::{PairFeatures, MAX_TOKENS};
use crate::chars::is_han_ideograph;
use crate::rows::Rows;
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

/// Shortest and longest Chinese n-gram (in characters) that is learnt. Single characters
/// too: much of Chinese writes a word in one (說 dit, 神 Dieu, 主 Seigneur), and Dice keeps
/// the characters too frequent to mean anything (的) from pairing.
const MIN_CHARS: usize = 1;
const MAX_CHARS: usize = 4;
/// A token must occur in at least this many beads to be learnt. There is no upper bound:
/// a frequent word that nothing covers yet (`Jésus` against 耶穌 where no lexicon applies)
/// is the most useful pair to learn, and Dice already refuses a pair with a unit far more
/// or less frequent than the token.
const MIN_BEADS: usize = 2;
/// Least share of a token's beads that must contain the n-gram. Low, because a learnt pair
/// is weighed by the cost model, which recounts each token's chance rate after learning:
/// a weak pair that is wrong costs little, one that is right (a word translated two or
/// three ways) is evidence that was missing. Strict F1 rose on every set from 0.6 to 0.3
/// with [`MIN_DICE`] from 0.5 to 0.25 (BENCHMARKS.md, round 8); it is flat from 0.25 to
/// 0.35 for both, and at 0.2 and 0.15 a pair without a lexicon (German-Chinese) could
/// lose its first chapters.
const MIN_SHARE: f64 = 0.3;
/// Least Dice coefficient of a learnt pair (see [`MIN_SHARE`]).
const MIN_DICE: f64 = 0.25;
/// A token's candidate n-grams are those of its first beads, this many where no bundled
/// lexicon applies: a first bead that the first pass misplaced then leaves the token
/// learnable (zh-fr 0.940 to 0.946, es-zh 0.969 to 0.979). Where the lexicon applies, the
/// tokens it leaves uncovered are mostly function words, which more candidates pair
/// with noise (mac-dev 0.919 to 0.913), so there the first bead alone.
const SEED_BEADS: usize = 3;
/// Fewest usable beads to learn from: in a short document every co-occurrence is chance.
const MIN_DOC_BEADS: usize = 50;

/// [`Learner::learn`] with a learner of its own.
#[cfg(test)]
fn learn(
    f: &mut PairFeatures,
    zh: &[&str],
    beads: &[(Range<usize>, Range<usize>)],
    jieba_words: bool,
) -> bool {
    Learner::new(zh, jieba_words).learn(f, beads)
}

/// The learned lexicon of one document, learnt once or more (from each pass's beads).
///
/// `zh` are the Chinese sentences: n-grams are of Han characters only, which width folding
/// leaves alone, so the text as written serves. Their n-grams are found once, when first
/// needed, for every round of learning.
///
/// With `jieba_words` (the `jieba` feature), the Chinese side of a pair is a word as jieba
/// segments the text rather than any Han n-gram.
pub(crate) struct Learner<'t> {
    zh: &'t [&'t str],
    jieba_words: bool,
    sentences: std::cell::OnceCell<SentenceGrams<'t>>,
}

impl<'t> Learner<'t> {
    /// A learner for the Chinese sentences `zh`; nothing is computed until it learns.
    pub fn new(zh: &'t [&'t str], jieba_words: bool) -> Learner<'t> {
        Learner {
            zh,
            jieba_words,
            sentences: std::cell::OnceCell::new(),
        }
    }

    /// Learns pairs from the beads `(Chinese sentences, English sentences)` of an
    /// alignment and adds the learnt coverage to the features; returns whether anything
    /// was learnt.
    pub fn learn(&self, f: &mut PairFeatures, beads: &[(Range<usize>, Range<usize>)]) -> bool {
        if f.rows_alphabetic {
            return learn_words(f, beads);
        }
        let sentences = self
            .sentences
            .get_or_init(|| SentenceGrams::new(self.zh, self.jieba_words));
        learn_grams(f, self.zh, sentences, beads, self.jieba_words)
    }
}

/// [`Learner::learn`] where the rows are Chinese: Han n-grams (or jieba words) paired with
/// column words.
fn learn_grams(
    f: &mut PairFeatures,
    zh: &[&str],
    sentences: &SentenceGrams,
    beads: &[(Range<usize>, Range<usize>)],
    jieba_words: bool,
) -> bool {
    // Beads of 1-1, 1-2 and 2-1: the Chinese text and the English word tokens that nothing
    // in it covers yet.
    let mut token_beads: HashMap<u32, Vec<u32>> = HashMap::default();
    // Each bead's Chinese text: its one sentence, or the two joined.
    let mut texts: Vec<BeadText> = Vec::new();
    for (z, e) in beads {
        if z.is_empty() || e.is_empty() || z.len() + e.len() > 3 {
            continue;
        }
        let b = texts.len() as u32;
        texts.push(if z.len() == 1 {
            BeadText::Sentence(z.start)
        } else {
            BeadText::Joined(z.clone().map(|i| zh[i]).collect())
        });
        note_uncovered(f, (z, e), b, &mut token_beads);
    }
    if texts.len() < MIN_DOC_BEADS {
        return false;
    }
    // Candidates per token: n-grams of its first beads found in enough of its beads.
    let mut candidates: Vec<(u32, u32, usize)> = Vec::new();
    let tokens = learnable(token_beads);
    let grams = BeadGrams::new(sentences, &texts, jieba_words);
    let seeds = if f.pair.coverage_known { 1 } else { SEED_BEADS };
    // Per unit id, the token (plus one) whose candidates hold it, and where.
    let mut slot: Vec<(u32, u32)> = vec![(0, 0); grams.texts.len()];
    let mut found: Vec<(u32, usize)> = Vec::new();
    for (n, (t, bs)) in (1u32..).zip(&tokens) {
        let need = needed(bs.len());
        found.clear();
        for (k, &b) in bs.iter().enumerate() {
            for g in grams.units(b) {
                let (owner, at) = &mut slot[g as usize];
                if *owner == n {
                    found[*at as usize].1 += 1;
                } else if k < seeds {
                    (*owner, *at) = (n, found.len() as u32);
                    found.push((g, 1));
                }
            }
        }
        candidates.extend(
            found
                .iter()
                .filter(|&&(_, c)| c >= need)
                .map(|&(g, c)| (*t, g, c)),
        );
    }
    if candidates.is_empty() {
        return false;
    }
    // Candidate ids, in the order the candidates come, per unit id (NONE: no candidate).
    // Then the sentence frequency of every candidate, in one pass over the Chinese side
    // that also keeps, per sentence, the candidates it holds (the learnt pairs are among
    // them), by id, a row per sentence.
    const NONE: u32 = u32::MAX;
    let mut ids = vec![NONE; grams.texts.len()];
    let mut by_id: Vec<u32> = Vec::new();
    for &(_, g, _) in &candidates {
        if ids[g as usize] == NONE {
            ids[g as usize] = by_id.len() as u32;
            by_id.push(g);
        }
    }
    let mut freq = vec![0usize; by_id.len()];
    let mut held = Rows::new();
    let mut found: Vec<u32> = Vec::new();
    for i in 0..zh.len() {
        found.clear();
        found.extend(
            grams
                .sentence(i)
                .filter_map(|g| Some(ids[g as usize]).filter(|&c| c != NONE)),
        );
        found.sort_unstable();
        for &c in &found {
            freq[c as usize] += 1;
            held.push(c);
        }
        held.end_row();
    }
    // The best n-gram of each token by Dice (longer n-grams win ties).
    let counts: HashMap<u32, usize> = tokens.iter().map(|(t, bs)| (*t, bs.len())).collect();
    let mut best: HashMap<u32, (f64, usize, u32)> = HashMap::default();
    for &(t, g, c) in &candidates {
        let dice = 2.0 * c as f64 / (counts[&t] + freq[ids[g as usize] as usize]) as f64;
        if dice < MIN_DICE {
            continue;
        }
        let len = grams.text(g).chars().count();
        let e = best.entry(t).or_insert((dice, len, g));
        if (dice, len) > (e.0, e.1) {
            *e = (dice, len, g);
        }
    }
    if best.is_empty() {
        return false;
    }
    let mut by_gram: HashMap<u32, Vec<u32>> = HashMap::default();
    for (t, (_, _, g)) in &best {
        by_gram.entry(ids[*g as usize]).or_default().push(*t);
    }
    if !f.pair.coverage_known {
        let named: Vec<(&str, u32)> = (0u32..)
            .zip(&by_id)
            .map(|(c, &g)| (grams.text(g), c))
            .collect();
        gram_units(f, &held, &named, &by_gram);
    }
    for (i, z) in f.zh.iter_mut().enumerate() {
        let cov = &mut z.covered;
        let before = cov.len();
        for g in held.get(i) {
            if let Some(ts) = by_gram.get(g) {
                cov.extend(ts);
            }
        }
        if cov.len() > before {
            cov.sort_unstable();
            cov.dedup();
        }
    }
    f.recount_q();
    true
}

/// A bead's Chinese text, as [`Learner::learn`] reads it: one sentence (by index), or two joined.
enum BeadText {
    Sentence(usize),
    Joined(String),
}

/// The candidate units of every Chinese sentence and of every bead's text, interned, so
/// that a token's beads are counted by unit id rather than by substring search, and the
/// sentences' units are found once for the beads of one sentence and the counts over the
/// sentences alike. A text holds the units it gives (with jieba's words, the words it is
/// segmented into, not every substring).
struct BeadGrams<'t> {
    /// The text of each unit id.
    texts: Vec<&'t str>,
    /// Per sentence, its unit ids in the order the text has them, without repeats, and
    /// only those found in [`MIN_BEADS`] beads at least: a unit of one bead pairs with
    /// nothing, and most long n-grams are such units (leaving them out spares the counting
    /// of every token's beads a visit to each, and changes nothing else).
    sentences: Rows,
    /// The same per bead of two sentences, at [`BeadText::Joined`]'s place among them.
    joined: Rows,
    /// Per bead, where its units are.
    beads: Vec<Row>,
}

/// Where a bead's units are in [`BeadGrams`]: its sentence's row, or its row of `joined`.
#[derive(Clone, Copy)]
enum Row {
    Sentence(usize),
    Joined(usize),
}

impl Row {
    /// This row of `sentences` or of `joined`.
    fn of<'r>(self, sentences: &'r Rows, joined: &'r Rows) -> &'r [u32] {
        match self {
            Row::Sentence(i) => sentences.get(i),
            Row::Joined(r) => joined.get(r),
        }
    }
}

/// The candidate units of every Chinese sentence of a document, interned: what every round
/// of learning starts from.
struct SentenceGrams<'t> {
    ids: HashMap<&'t str, u32>,
    /// The text of each unit id.
    texts: Vec<&'t str>,
    /// Per sentence, its unit ids in the order the text has them, without repeats.
    rows: Rows,
}

impl<'t> SentenceGrams<'t> {
    fn new(zh: &[&'t str], jieba_words: bool) -> SentenceGrams<'t> {
        let mut grams = SentenceGrams {
            ids: HashMap::default(),
            texts: Vec::new(),
            rows: Rows::new(),
        };
        let mut rows = Rows::new();
        let mut last = Vec::new();
        for (stamp, text) in (1u32..).zip(zh) {
            grams.intern(text, jieba_words, (stamp, &mut last), &mut rows);
        }
        grams.rows = rows;
        grams
    }

    /// Adds the units of `text` to `out` as a row, in text order without repeats (`last`:
    /// per unit id, the stamp of the last text that took it), interning new ones.
    fn intern(
        &mut self,
        text: &'t str,
        jieba_words: bool,
        (stamp, last): (u32, &mut Vec<u32>),
        out: &mut Rows,
    ) {
        for g in candidate_units(text, jieba_words) {
            let id = *self.ids.entry(g).or_insert_with(|| {
                self.texts.push(g);
                self.texts.len() as u32 - 1
            });
            if last.len() <= id as usize {
                last.resize(id as usize + 1, 0);
            }
            if last[id as usize] != stamp {
                last[id as usize] = stamp;
                out.push(id);
            }
        }
        out.end_row();
    }
}

impl<'t> BeadGrams<'t> {
    /// The units of the beads `beads`: the sentences' for a bead of one sentence, those of
    /// the joined text for a bead of two (which has n-grams across the join).
    fn new(
        sentences: &SentenceGrams<'t>,
        beads: &'t [BeadText],
        jieba_words: bool,
    ) -> BeadGrams<'t> {
        let mut all = SentenceGrams {
            ids: sentences.ids.clone(),
            texts: sentences.texts.clone(),
            rows: Rows::new(),
        };
        let mut last = Vec::new();
        let mut joined = Rows::new();
        let mut kinds = Vec::with_capacity(beads.len());
        let mut stamp = 0u32;
        for b in beads {
            kinds.push(match b {
                BeadText::Sentence(i) => Row::Sentence(*i),
                BeadText::Joined(text) => {
                    stamp += 1;
                    all.intern(text, jieba_words, (stamp, &mut last), &mut joined);
                    Row::Joined(stamp as usize - 1)
                }
            });
        }
        // Leaves out of every row the units that fewer than MIN_BEADS beads hold.
        let mut beads_of = vec![0u32; all.texts.len()];
        for b in &kinds {
            b.of(&sentences.rows, &joined)
                .iter()
                .for_each(|&g| beads_of[g as usize] += 1);
        }
        let keep = |rows: &Rows| {
            let mut kept = Rows::new();
            for r in 0..rows.starts.len() - 1 {
                rows.get(r)
                    .iter()
                    .filter(|&&g| beads_of[g as usize] as usize >= MIN_BEADS)
                    .for_each(|&g| kept.push(g));
                kept.end_row();
            }
            kept
        };
        BeadGrams {
            texts: all.texts,
            sentences: keep(&sentences.rows),
            joined: keep(&joined),
            beads: kinds,
        }
    }

    /// The unit ids of bead `b`, first occurrences in text order.
    fn units(&self, b: u32) -> impl Iterator<Item = u32> + '_ {
        self.beads[b as usize]
            .of(&self.sentences, &self.joined)
            .iter()
            .copied()
    }

    /// The unit ids of sentence `i`, first occurrences in text order.
    fn sentence(&self, i: usize) -> impl Iterator<Item = u32> + '_ {
        self.sentences.get(i).iter().copied()
    }

    /// The text of unit `g`.
    fn text(&self, g: u32) -> &'t str {
        self.texts[g as usize]
    }
}

/// Adds bead `b` to the beads of every word token of its column sentences `e` that its row
/// sentences `z` do not cover yet (once per bead).
fn note_uncovered(
    f: &PairFeatures,
    (z, e): (&Range<usize>, &Range<usize>),
    b: u32,
    token_beads: &mut HashMap<u32, Vec<u32>>,
) {
    let mut seen = Vec::new();
    for j in e.clone() {
        for &t in &f.en[j].tokens {
            if !f.word[t as usize] || seen.contains(&t) {
                continue;
            }
            if z.clone().any(|i| f.zh[i].covered.binary_search(&t).is_ok()) {
                continue;
            }
            seen.push(t);
            token_beads.entry(t).or_default().push(b);
        }
    }
}

/// [`Learner::learn`] for alphabetic rows: a column word is paired with the row word (a unit of the
/// row sentences, [`PairFeatures::alphabetic`]) that co-occurs with it, by the same Dice
/// rule over the same beads, and a row word with its column word likewise. Neither
/// language is the source of the other, so a pair is learnt when either side picks it: a
/// French word that German writes two ways (`Seigneur`: `Herr`, `Gebieter`) picks one of
/// them, and the other picks it back.
fn learn_words(f: &mut PairFeatures, beads: &[(Range<usize>, Range<usize>)]) -> bool {
    // Per column token, its beads; per bead, its row units (sorted), and per row unit the
    // beads whose column sentences do not translate it yet.
    let mut token_beads: HashMap<u32, Vec<u32>> = HashMap::default();
    let mut unit_beads: HashMap<u32, Vec<u32>> = HashMap::default();
    let mut bead_units: Vec<Vec<u32>> = Vec::new();
    for (z, e) in beads {
        if z.is_empty() || e.is_empty() || z.len() + e.len() > 3 {
            continue;
        }
        let b = bead_units.len() as u32;
        let mut units: Vec<u32> = z
            .clone()
            .flat_map(|i| f.zh[i].units.iter().copied())
            .collect();
        units.sort_unstable();
        units.dedup();
        for &u in &units {
            let translated = &f.unit_postings[u as usize];
            if !e
                .clone()
                .any(|j| translated.binary_search(&(j as u32)).is_ok())
            {
                unit_beads.entry(u).or_default().push(b);
            }
        }
        bead_units.push(units);
        note_uncovered(f, (z, e), b, &mut token_beads);
    }
    if bead_units.len() < MIN_DOC_BEADS {
        return false;
    }
    let tokens = learnable(token_beads);
    let units = learnable(unit_beads);
    // Per bead, its learnable column tokens that nothing in its rows covers yet.
    let mut bead_tokens: Vec<Vec<u32>> = vec![Vec::new(); bead_units.len()];
    for (t, bs) in &tokens {
        bs.iter().for_each(|&b| bead_tokens[b as usize].push(*t));
    }
    // Sentence frequency of each unit over the rows, and of each word over the columns.
    let mut unit_freq: HashMap<u32, usize> = HashMap::default();
    for z in &f.zh {
        for &u in &z.units {
            *unit_freq.entry(u).or_default() += 1;
        }
    }
    let mut token_freq: HashMap<u32, usize> = HashMap::default();
    let mut words: Vec<u32> = Vec::new();
    for e in &f.en {
        words.clear();
        words.extend(e.tokens.iter().copied().filter(|&t| f.word[t as usize]));
        words.sort_unstable();
        words.dedup();
        words
            .iter()
            .for_each(|&t| *token_freq.entry(t).or_default() += 1);
    }
    let mut by_unit: HashMap<u32, Vec<u32>> = HashMap::default();
    for (t, bs) in &tokens {
        if let Some(u) = best_by_dice(bs, &bead_units, &unit_freq) {
            by_unit.entry(u).or_default().push(*t);
        }
    }
    for (u, bs) in &units {
        if let Some(t) = best_by_dice(bs, &bead_tokens, &token_freq) {
            let ts = by_unit.entry(*u).or_default();
            if !ts.contains(&t) {
                ts.push(t);
            }
        }
    }
    if by_unit.is_empty() {
        return false;
    }
    for z in &mut f.zh {
        let before = z.covered.len();
        for u in &z.units {
            if let Some(ts) = by_unit.get(u) {
                z.covered.extend(ts);
            }
        }
        if z.covered.len() > before {
            z.covered.sort_unstable();
            z.covered.dedup();
        }
    }
    f.recount_q();
    translate_units(f, &by_unit);
    true
}

/// How many of a word's `beads` beads must hold its pair: [`MIN_SHARE`] of them, and
/// [`MIN_BEADS`] at least.
fn needed(beads: usize) -> usize {
    ((beads as f64 * MIN_SHARE).ceil() as usize).max(MIN_BEADS)
}

/// The words of `beads` (word, its beads) found in enough beads to be learnt, in the order
/// of their ids.
fn learnable(beads: HashMap<u32, Vec<u32>>) -> Vec<(u32, Vec<u32>)> {
    let mut words: Vec<_> = beads
        .into_iter()
        .filter(|(_, bs)| bs.len() >= MIN_BEADS)
        .collect();
    words.sort_unstable_by_key(|(w, _)| *w);
    words
}

/// The word of the other side that best pairs with a word found in `beads`, by Dice over
/// the beads (`other[b]`: the other side's candidate words of bead `b`; `freq`: their
/// sentence frequencies), if one is in [`MIN_SHARE`] of them with a Dice of [`MIN_DICE`]
/// at least; the smaller id wins a tie.
fn best_by_dice(beads: &[u32], other: &[Vec<u32>], freq: &HashMap<u32, usize>) -> Option<u32> {
    let need = needed(beads.len());
    let mut counts: HashMap<u32, usize> = HashMap::default();
    for &b in beads {
        for &w in &other[b as usize] {
            *counts.entry(w).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|&(_, c)| c >= need)
        .map(|(w, c)| (2.0 * c as f64 / (beads.len() + freq[&w]) as f64, w))
        .filter(|&(dice, _)| dice >= MIN_DICE)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, w)| w)
}

/// Where no bundled lexicon gives the Chinese rows units (any pair but Chinese-English),
/// the learnt n-grams become units of the rows holding them (`held`, by the n-gram ids of
/// `named`, each n-gram with its id), translated where their tokens (`by_gram`) are: the
/// rows' side of the evidence, which had nothing to count there.
fn gram_units(
    f: &mut PairFeatures,
    held: &Rows,
    named: &[(&str, u32)],
    by_gram: &HashMap<u32, Vec<u32>>,
) {
    let mut grams: Vec<(&str, u32)> = named
        .iter()
        .filter(|(_, g)| by_gram.contains_key(g))
        .copied()
        .collect();
    grams.sort_unstable();
    // Per n-gram id, its unit; per unit, the tokens it is paired with now.
    let mut unit_of: HashMap<u32, u32> = HashMap::default();
    let mut by_unit: HashMap<u32, Vec<u32>> = HashMap::default();
    for (s, g) in grams {
        let next = f.unit_postings.len() as u32;
        let u = *f.learnt_units.entry(s.into()).or_insert(next);
        if u == next {
            f.unit_postings.push(Vec::new());
            f.q_units.push(0.0);
        }
        unit_of.insert(g, u);
        by_unit.insert(u, by_gram[&g].clone());
    }
    for (i, z) in f.zh.iter_mut().enumerate() {
        for g in held.get(i) {
            if let Some(&u) = unit_of.get(g) {
                if !z.units.contains(&u) && z.units.len() < MAX_TOKENS {
                    z.units.push(u);
                }
            }
        }
    }
    translate_units(f, &by_unit);
}

/// The learnt pairs seen from the rows: a row unit `u` paired with column tokens `ts` is
/// translated in every column sentence holding one of them, so that the row side's
/// evidence counts the learnt pairs too (without it, the rows' units were covered only by
/// the user's dictionary, a re-estimated coverage of 0.03 on de-fr).
fn translate_units(f: &mut PairFeatures, by_unit: &HashMap<u32, Vec<u32>>) {
    let mut sentences: HashMap<u32, Vec<u32>> = HashMap::default();
    for ts in by_unit.values() {
        for &t in ts {
            sentences.entry(t).or_default();
        }
    }
    for (j, e) in f.en.iter().enumerate() {
        for t in &e.tokens {
            if let Some(js) = sentences.get_mut(t) {
                js.push(j as u32);
            }
        }
    }
    let m = f.en.len() as f64;
    for (&u, ts) in by_unit {
        let post = &mut f.unit_postings[u as usize];
        post.extend(ts.iter().flat_map(|t| sentences[t].iter().copied()));
        post.sort_unstable();
        post.dedup();
        f.q_units[u as usize] = (post.len() as f64 + 0.5) / (m + 1.0);
    }
}

/// The Chinese units of `text` that may be learnt: its Han n-grams, or its words of the same
/// lengths as jieba segments it.
fn candidate_units(text: &str, jieba_words: bool) -> Vec<&str> {
    #[cfg(feature = "jieba")]
    if jieba_words {
        return super::words::han_words(text, MIN_CHARS..=MAX_CHARS);
    }
    let _ = jieba_words;
    ngrams(text)
}

/// The Han-character n-grams of `text`, `MIN_CHARS..=MAX_CHARS` long, by start and then
/// length: the windows of each run of Han characters.
fn ngrams(text: &str) -> Vec<&str> {
    // At most one n-gram of each length per character, and a Han character has 3 bytes or
    // more: growing the vectors would cost more than making them.
    let chars = text.len() / 3 + 1;
    let mut out = Vec::with_capacity(chars * (MAX_CHARS + 1 - MIN_CHARS));
    // The byte offsets of the current run's characters, and of the end of its last one.
    let mut run: Vec<usize> = Vec::with_capacity(chars + 1);
    let mut flush = |run: &mut Vec<usize>, end: usize| {
        run.push(end);
        let n = run.len() - 1;
        for start in 0..n {
            for len in MIN_CHARS..=MAX_CHARS.min(n - start) {
                out.push(&text[run[start]..run[start + len]]);
            }
        }
        run.clear();
    };
    for (at, c) in text.char_indices() {
        if is_han_ideograph(c) {
            run.push(at);
        } else if !run.is_empty() {
            flush(&mut run, at);
        }
    }
    if !run.is_empty() {
        flush(&mut run, text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::alphabetic::Dictionary;
    use crate::features::en::EnTokenizer;
    use crate::text::Lang;

    /// A made-up word of letters from `alphabet`, different for each `k`: no cognate of
    /// the other side's words, none of the stop words.
    fn word(k: usize, alphabet: &[u8]) -> String {
        let n = alphabet.len();
        [k % n, k / n % n, k / (n * n) % n, 7 % n]
            .iter()
            .map(|&a| alphabet[a] as char)
            .collect::<String>()
            + "zz"
    }

    /// The features of German rows and French columns, without a dictionary.
    fn german_french(de: &[String], fr: &[String]) -> PairFeatures {
        let de: Vec<&str> = de.iter().map(String::as_str).collect();
        let fr: Vec<&str> = fr.iter().map(String::as_str).collect();
        let (tok_de, tok_fr) = (
            EnTokenizer::for_lang(Lang::De),
            EnTokenizer::for_lang(Lang::Fr),
        );
        PairFeatures::alphabetic(&de, &fr, (&tok_de, &tok_fr), &Dictionary::default(), 1)
    }

    #[test]
    fn learnt_word_pairs_cover_both_sides() {
        // 60 pairs of German and French lines of made-up words, every fifth with Hund and
        // chien, which nothing but their beads relates.
        let (mut de, mut fr) = (Vec::new(), Vec::new());
        for k in 0..60 {
            let dog = k % 5 == 0;
            de.push(format!(
                "{} {}{}.",
                word(k, b"bdfgk"),
                word(k + 100, b"bdfgk"),
                if dog { " Hund" } else { "" }
            ));
            fr.push(format!(
                "{} {}{}.",
                word(k, b"mnprt"),
                word(k + 100, b"mnprt"),
                if dog { " chien" } else { "" }
            ));
        }
        let mut f = german_french(&de, &fr);
        assert_eq!(
            (f.mask(0, 0), f.unit_mask(0, 0)),
            (0, 0),
            "nothing known yet"
        );
        let beads: Vec<_> = (0..60).map(|k| (k..k + 1, k..k + 1)).collect();
        // Alphabetic rows: the Chinese text is not read.
        assert!(learn(&mut f, &[], &beads, false));
        // Hund is now translated by the French line with chien, and chien covered by the
        // German line with Hund: the column's token and the row's unit.
        assert_ne!(f.mask(0, 0), 0);
        assert_ne!(f.unit_mask(0, 0), 0);
        assert_ne!(f.unit_mask(0, 5), 0, "chien is in line 5 too");
        assert_eq!(f.unit_mask(0, 1), 0);
    }

    #[test]
    fn a_row_word_picks_its_column_word_too() {
        // Every third French line has chien; German writes it Hund in half of those lines
        // and Köter in the other half. chien picks one of the two (a tie); the other must
        // pick chien back.
        let (mut de, mut fr) = (Vec::new(), Vec::new());
        for k in 0..60 {
            let dog = match k % 6 {
                0 => " Hund",
                3 => " Köter",
                _ => "",
            };
            // Two words no other line has (`word` repeats itself after 125).
            de.push(format!(
                "{} {}{dog}.",
                word(k, b"bdfgk"),
                word(k + 60, b"bdfgk")
            ));
            let chien = if dog.is_empty() { "" } else { " chien" };
            fr.push(format!(
                "{} {}{chien}.",
                word(k, b"mnprt"),
                word(k + 60, b"mnprt")
            ));
        }
        let mut f = german_french(&de, &fr);
        let beads: Vec<_> = (0..60).map(|k| (k..k + 1, k..k + 1)).collect();
        // Alphabetic rows: the Chinese text is not read.
        assert!(learn(&mut f, &[], &beads, false));
        for (row, name) in [(0, "Hund"), (3, "Köter")] {
            assert_ne!(f.mask(row, row), 0, "chien is not covered by {name}");
            assert_ne!(
                f.unit_mask(row, row),
                0,
                "{name} is not translated by chien"
            );
            assert_eq!(f.unit_mask(row, 1), 0, "{name} is translated in line 1");
        }
    }

    /// 60 Chinese and French lines, every fifth with `dog(k)` and chien; the other words
    /// are numbered so that nothing else pairs.
    fn dog_lines(dog: impl Fn(usize) -> String) -> (Vec<String>, Vec<String>) {
        (0..60)
            .map(|k| {
                let (zh, fr) = if k % 5 == 0 {
                    (dog(k), "chien")
                } else {
                    (String::new(), "")
                };
                (
                    format!("第{k}句{zh}。"),
                    format!("{} {fr}.", word(k, b"mnprt")),
                )
            })
            .unzip()
    }

    /// The features of [`dog_lines`] without a lexicon, after learning from their 1-1
    /// beads; `coverage_known` as where a lexicon applies.
    fn learnt_dog_lines(dog: impl Fn(usize) -> String, coverage_known: bool) -> PairFeatures {
        let (zh, fr) = dog_lines(dog);
        let zh: Vec<&str> = zh.iter().map(String::as_str).collect();
        let fr: Vec<&str> = fr.iter().map(String::as_str).collect();
        let tok_fr = EnTokenizer::for_lang(Lang::Fr);
        let lexicon = crate::Lexicon::empty();
        let beads: Vec<_> = (0..60).map(|k| (k..k + 1, k..k + 1)).collect();
        let mut f = PairFeatures::new(&zh, &fr, &lexicon, &tok_fr, None, 1);
        f.pair.coverage_known = coverage_known;
        assert!(learn(&mut f, &zh, &beads, false), "nothing learnt");
        f
    }

    #[test]
    fn learnt_ngrams_are_units_where_no_lexicon_gives_them() {
        // 60 Chinese and French lines, every fifth with 小狗 and chien; the other words
        // are numbered so that nothing else pairs.
        for coverage_known in [false, true] {
            let f = learnt_dog_lines(|_| "小狗".to_string(), coverage_known);
            assert_ne!(f.mask(0, 0), 0, "chien is covered by 小狗");
            // A unit of the rows only where the lexicon gives none (its coverage unknown).
            assert_eq!(f.unit_mask(0, 0) != 0, !coverage_known);
            assert_eq!(f.unit_mask(0, 5) != 0, !coverage_known);
            assert_eq!(f.unit_mask(0, 1), 0);
        }
    }

    #[test]
    fn frequent_words_are_learnt() {
        // 300 lines, 250 of them with 耶穌 or Jesus against Jésus: a word in most beads is
        // learnt like a rare one (no upper bound on its beads), on Han n-grams and on words.
        let jesus = |k: usize| !k.is_multiple_of(6);
        let fr: Vec<String> = (0..300)
            .map(|k| {
                format!(
                    "{} {}.",
                    word(k, b"mnprt"),
                    if jesus(k) { "Jésus" } else { "" }
                )
            })
            .collect();
        let zh: Vec<String> = (0..300)
            .map(|k| format!("第{k}句{}。", if jesus(k) { "耶穌" } else { "" }))
            .collect();
        let de: Vec<String> = (0..300)
            .map(|k| {
                format!(
                    "{} {}.",
                    word(k, b"bdfgk"),
                    if jesus(k) { "Heiland" } else { "" }
                )
            })
            .collect();
        let fr: Vec<&str> = fr.iter().map(String::as_str).collect();
        let zh: Vec<&str> = zh.iter().map(String::as_str).collect();
        let de: Vec<&str> = de.iter().map(String::as_str).collect();
        let beads: Vec<_> = (0..300).map(|k| (k..k + 1, k..k + 1)).collect();
        let tok_fr = EnTokenizer::for_lang(Lang::Fr);
        let lexicon = crate::Lexicon::empty();
        let mut f = PairFeatures::new(&zh, &fr, &lexicon, &tok_fr, None, 1);
        assert_eq!(f.mask(1, 1), 0, "nothing known yet");
        assert!(learn(&mut f, &zh, &beads, false));
        assert_ne!(f.mask(1, 1), 0, "Jésus is covered by 耶穌");
        assert_ne!(f.mask(1, 2), 0, "and in line 2");
        assert_eq!(f.mask(1, 0), 0, "line 0 has no Jésus");
        let tok_de = EnTokenizer::for_lang(Lang::De);
        let mut f =
            PairFeatures::alphabetic(&de, &fr, (&tok_de, &tok_fr), &Dictionary::default(), 1);
        // Alphabetic rows: the Chinese text is not read.
        assert!(learn(&mut f, &[], &beads, false));
        assert_ne!(f.mask(1, 1), 0, "Jésus is covered by Heiland");
        assert_eq!(f.mask(1, 0), 0, "line 0 has no Jésus");
    }

    #[test]
    fn ngrams_are_the_windows_of_han_runs() {
        for (name, text, want) in [
            ("one run", "甲乙丙", "甲 甲乙 甲乙丙 乙 乙丙 丙"),
            ("two runs", "甲乙a丙丁", "甲 甲乙 乙 丙 丙丁 丁"),
            (
                "at most four",
                "甲乙丙丁戊",
                "甲 甲乙 甲乙丙 甲乙丙丁 乙 乙丙 乙丙丁 乙丙丁戊 丙 丙丁 丙丁戊 丁 丁戊 戊",
            ),
            ("single characters", "甲，乙", "甲 乙"),
            ("no Han", "Jésus", ""),
        ] {
            assert_eq!(ngrams(text).join(" "), want, "{name}");
        }
    }

    #[test]
    fn single_characters_are_learnt() {
        // 60 lines, every fifth with 狗 after a different character and chien: only the
        // single character recurs with chien.
        let others: Vec<char> = "甲乙丙丁戊己庚辛壬癸子丑".chars().collect();
        let f = learnt_dog_lines(|k| format!("{}狗", others[k / 5]), true);
        assert_ne!(f.mask(0, 0), 0, "chien is covered by 狗");
        assert_ne!(f.mask(5, 5), 0, "in line 5 too");
        assert_eq!(f.mask(1, 0), 0, "句 is in every line: no pair");
    }

    #[test]
    fn a_misplaced_first_bead_does_not_hide_the_pair() {
        // chien's first bead lacks 狗 (as where a first pass misplaced it); its other
        // eleven beads have it. From the first bead's n-grams alone chien would pair with
        // 第, which every line has.
        let dog = |k| if k == 0 { String::new() } else { "狗".into() };
        for coverage_known in [false, true] {
            let f = learnt_dog_lines(dog, coverage_known);
            if coverage_known {
                // Where a lexicon applies, the first bead's n-grams alone.
                assert_ne!(f.mask(1, 0), 0, "chien is covered by 第");
            } else {
                assert_ne!(f.mask(5, 5), 0, "chien is covered by 狗");
                assert_eq!(f.mask(1, 0), 0, "chien is not covered by 第");
            }
        }
    }
}
