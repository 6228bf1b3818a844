//! The features of two alphabetic texts (German and French, English and Russian, ...):
//! both sides are tokenised, each in its own language. The rows (the source) cover a
//! column token (a word of the target) when they hold the same number or punctuation mark,
//! the same word, or a word with the same cognate key ([`super::cognates`]: names and
//! loanwords in a common romanisation); a row's content words are its units, translated in
//! a column sentence that holds a token they cover. A user's dictionary ([`Dictionary`])
//! adds the words it pairs. The learned lexicon then pairs the words nothing covers yet
//! (`learned::Learner::learn`, on words rather than Han n-grams).

use super::cognates;
use super::en::{EnToken, EnTokenizer, WordMemo};
use super::openings::openings;
use super::{non_space_len, par_map_with, punct, EnSentence, PairFeatures, ZhSentence, MAX_TOKENS};
use super::{EndType, StartType};
use rustc_hash::FxHashMap as HashMap;

/// The text of a token, as both sides key it.
fn text_of(t: &EnToken) -> &str {
    match t {
        EnToken::Word(w) | EnToken::Number(w) => w,
        EnToken::Punct(p) => p,
    }
}

/// A user's dictionary between two alphabetic languages: per row word (its token), the
/// column tokens it translates to.
#[derive(Debug, Default)]
pub(crate) struct Dictionary(HashMap<String, Vec<String>>);

impl Dictionary {
    /// The dictionary of word pairs `(a, b)` as written, in either order: `a` as a row word
    /// translates to `b` as a column word, and `b` as a row word to `a` as a column word.
    /// A side that is not one content word in its language (a stop word, a phrase) is left
    /// out.
    pub(crate) fn new(
        pairs: &[(Box<str>, Box<str>)],
        row_tok: &EnTokenizer,
        col_tok: &EnTokenizer,
    ) -> Dictionary {
        let mut map: HashMap<String, Vec<String>> = HashMap::default();
        for (a, b) in pairs {
            for (r, c) in [(a, b), (b, a)] {
                if let (Some(r), Some(c)) = (row_tok.word_token(r), col_tok.word_token(c)) {
                    let ts = map.entry(r).or_default();
                    if !ts.contains(&c) {
                        ts.push(c);
                    }
                }
            }
        }
        Dictionary(map)
    }

    /// The number of row words with an entry.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }
}

impl PairFeatures {
    /// The features of `rows` (tokenised by `row_tok`) against `cols` (by `col_tok`), with
    /// the pairs of `dict`.
    pub(crate) fn alphabetic(
        rows: &[&str],
        cols: &[&str],
        (row_tok, col_tok): (&EnTokenizer, &EnTokenizer),
        dict: &Dictionary,
        threads: usize,
    ) -> PairFeatures {
        let tokenise = |tok: &EnTokenizer, side: &[&str]| {
            par_map_with(side, threads, WordMemo::default, |memo, s| {
                let mut buf = Vec::new();
                tok.tokens_memo(s, memo, &mut buf);
                buf
            })
        };
        // The column side: dense ids of its tokens, and the cognate keys of its words.
        let mut dense: HashMap<String, u32> = HashMap::default();
        let mut word = Vec::new();
        let mut by_key: HashMap<String, Vec<(u32, cognates::Cognate)>> = HashMap::default();
        let mut en = Vec::with_capacity(cols.len());
        let col_openings = openings(cols);
        for ((s, toks), opening) in cols.iter().zip(tokenise(col_tok, cols)).zip(col_openings) {
            let mut tokens = Vec::new();
            for t in &toks {
                let text = text_of(t);
                let next = dense.len() as u32;
                let id = *dense.entry(text.to_string()).or_insert(next);
                let is_word = matches!(t, EnToken::Word(_));
                if id == next {
                    word.push(is_word);
                }
                if is_word && id == next {
                    if let Some(c) = cognates::Cognate::of(text) {
                        by_key.entry(c.key.clone()).or_default().push((id, c));
                    }
                }
                if !tokens.contains(&id) && tokens.len() < MAX_TOKENS {
                    tokens.push(id);
                }
            }
            tokens.shrink_to_fit();
            en.push(EnSentence {
                len: non_space_len(s),
                tokens,
                start: StartType::of(s),
                end: EndType::of(s),
                quote_open: false,
                bare: punct::is_bare(s),
                opening,
            });
        }
        // The row side: what each sentence covers, and its words as units.
        let mut unit_dense: HashMap<String, u32> = HashMap::default();
        // Per unit, the column tokens it covers.
        let mut unit_covers: Vec<Vec<u32>> = Vec::new();
        let mut zh = Vec::with_capacity(rows.len());
        let row_openings = openings(rows);
        for ((s, toks), opening) in rows.iter().zip(tokenise(row_tok, rows)).zip(row_openings) {
            let mut covered = Vec::new();
            let mut units = Vec::new();
            for t in &toks {
                let text = text_of(t);
                let EnToken::Word(w) = t else {
                    covered.extend(dense.get(text).copied());
                    continue;
                };
                // A word covers what its first occurrence covered.
                let next = unit_dense.len() as u32;
                let u = *unit_dense.entry(w.clone()).or_insert(next);
                if u == next {
                    let mut cov: Vec<u32> = dense.get(text).copied().into_iter().collect();
                    if let Some(ts) = dict.0.get(w) {
                        cov.extend(ts.iter().filter_map(|t| dense.get(t.as_str())));
                    }
                    if let Some(c) = cognates::Cognate::of(w) {
                        if let Some(candidates) = by_key.get(&c.key) {
                            cov.extend(
                                candidates
                                    .iter()
                                    .filter(|(_, other)| c.matches(other))
                                    .map(|&(id, _)| id),
                            );
                        }
                    }
                    cov.sort_unstable();
                    cov.dedup();
                    unit_covers.push(cov);
                }
                if !units.contains(&u) && units.len() < MAX_TOKENS {
                    units.push(u);
                }
                covered.extend(&unit_covers[u as usize]);
            }
            covered.sort_unstable();
            covered.dedup();
            covered.shrink_to_fit();
            units.shrink_to_fit();
            let (start, end) = (StartType::of(s), EndType::of(s));
            zh.push(ZhSentence {
                len: non_space_len(s),
                covered,
                units,
                start,
                end,
                tag_len: 0.0,
                untagged: (start, end),
                quote_open: false,
                bare: punct::is_bare(s),
                opening,
            });
        }
        for (z, open) in zh
            .iter_mut()
            .zip(punct::quote_open_after(rows.iter().copied()))
        {
            z.quote_open = open;
        }
        for (e, open) in en
            .iter_mut()
            .zip(punct::quote_open_after(cols.iter().copied()))
        {
            e.quote_open = open;
        }
        // Per column token, the units covering it; per unit, the column sentences.
        let mut covering: Vec<Vec<u32>> = vec![Vec::new(); dense.len()];
        for (u, ts) in unit_covers.iter().enumerate() {
            for &t in ts {
                covering[t as usize].push(u as u32);
            }
        }
        let mut unit_postings: Vec<Vec<u32>> = vec![Vec::new(); unit_covers.len()];
        for (j, e) in en.iter().enumerate() {
            let mut us: Vec<u32> = e
                .tokens
                .iter()
                .flat_map(|&t| covering[t as usize].iter().copied())
                .collect();
            us.sort_unstable();
            us.dedup();
            for u in us {
                unit_postings[u as usize].push(j as u32);
            }
        }
        let m = en.len() as f64;
        let q_units = unit_postings
            .iter()
            .map(|p| (p.len() as f64 + 0.5) / (m + 1.0))
            .collect();
        let mut f = PairFeatures {
            zh_para: vec![0; zh.len()],
            en_para: vec![0; en.len()],
            zh,
            en,
            q: vec![0.0; dense.len()],
            q_units,
            unit_postings,
            word,
            rows_alphabetic: true,
            pair: super::PairModel::default(),
            learnt_units: Default::default(),
        };
        f.recount_q();
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    fn tokenizers(a: Lang, b: Lang) -> (EnTokenizer, EnTokenizer) {
        (EnTokenizer::for_lang(a), EnTokenizer::for_lang(b))
    }

    #[test]
    fn names_numbers_and_cognates_are_covered() {
        let de = ["David war der Vater Isaaks.", "Es waren 14 Generationen."];
        let ru = ["Давидъ родилъ Исаака.", "Всѣхъ родовъ 14."];
        let (tok_de, tok_ru) = tokenizers(Lang::De, Lang::Ru);
        let f = PairFeatures::alphabetic(&de, &ru, (&tok_de, &tok_ru), &Dictionary::default(), 1);
        let covered = |i: usize, j: usize| f.mask(i, j).count_ones();
        assert_eq!(covered(0, 0), 2, "David and Isaac");
        assert_eq!(covered(1, 1), 1, "14");
        assert_eq!(covered(0, 1) + covered(1, 0), 0);
        assert!(f.unit_mask(0, 0) != 0 && f.unit_mask(0, 1) == 0);
    }

    #[test]
    fn a_dictionary_pairs_words_either_way() {
        let de = ["Der Vater sprach.", "Die Mutter schwieg."];
        let fr = ["La mère se tut.", "Le père parla."];
        let (tok_de, tok_fr) = tokenizers(Lang::De, Lang::Fr);
        let pairs: Vec<(Box<str>, Box<str>)> = vec![
            ("Vater".into(), "père".into()),
            ("mère".into(), "Mutter".into()),
            ("der".into(), "le".into()),
        ];
        let dict = Dictionary::new(&pairs, &tok_de, &tok_fr);
        let get = |w: &str| dict.0.get(w).map(Vec::as_slice);
        assert_eq!(get("vat"), Some(&["per".to_string()][..]), "{dict:?}");
        assert_eq!(get("mutt"), Some(&["mer".to_string()][..]), "{dict:?}");
        assert_eq!(get("der"), None, "a stop word is no entry: {dict:?}");
        let f = PairFeatures::alphabetic(&de, &fr, (&tok_de, &tok_fr), &dict, 1);
        let covered = |i: usize, j: usize| f.mask(i, j).count_ones();
        assert_eq!((covered(0, 1), covered(1, 0)), (1, 1));
        assert_eq!(covered(0, 0) + covered(1, 1), 0);
        let none =
            PairFeatures::alphabetic(&de, &fr, (&tok_de, &tok_fr), &Dictionary::default(), 1);
        assert_eq!(
            none.mask(0, 1) | none.mask(1, 0),
            0,
            "the dictionary made the difference"
        );
    }
}
