//! Splitting a document that holds both languages into its Chinese and English parts, by
//! paragraph and script, or into the parts of any two languages of different scripts (an
//! Arabic or Russian cover note with an English annex: [`partition_between`]).
//!
//! Each paragraph is classified by script ([`script_of`]): Han characters against Latin
//! letters, an English paragraph having about 3 letters per Han character of its Chinese
//! counterpart (two alphabetic scripts count letter for letter). [`partition`] then smooths the classification so that short Latin lines inside
//! the Chinese part (UN document symbols, `Distr.: General` lines, footnote marks, page
//! numbers, job numbers such as `GE.21-04849(C)`) do not cut it in two, and paragraphs without
//! letters (numbers, symbols) join their neighbours. [`is_mixed`] tells whether a document
//! holds both languages substantially.

use super::{Lang, Script};
use crate::chars::is_space;

/// A Latin paragraph with fewer words than this is short: it may be absorbed by the
/// Chinese text around it.
const SHORT_EN_WORDS: usize = 12;

/// A Chinese paragraph with fewer Han characters than this is short.
const SHORT_ZH_HAN: usize = 12;

/// Latin letters counted as one Han character.
const LETTERS_PER_HAN: usize = 3;

/// The smallest share of the text (in Han-character equivalents) each language must have for
/// [`is_mixed`], in percent.
const MIN_MIXED_SHARE_PERCENT: usize = 5;

/// The smallest number of paragraphs each language must have for [`is_mixed`].
const MIN_MIXED_PARAGRAPHS: usize = 2;

/// The script of a paragraph: [`Lang::Zh`] if its Han characters, counted 3 times, are at
/// least as many as its Latin letters, [`Lang::En`] if it has more Latin letters than that,
/// `None` if it has neither (empty, numbers, symbols).
///
/// Latin letters are the letters of the Basic Latin, Latin-1 and Latin Extended blocks;
/// full-width Latin letters (`Ａ`) are not counted.
pub fn script_of(paragraph: &str) -> Option<Lang> {
    Counts::of(paragraph, ZH_EN)
        .script()
        .map(|k| [Lang::Zh, Lang::En][k])
}

/// [`script_of`] for the scripts `scripts`: the part a paragraph's letters are mostly of
/// (see [`partition_between`]), `None` without a letter of either.
pub fn script_between(paragraph: &str, scripts: [Script; 2]) -> Option<usize> {
    Counts::of(paragraph, scripts).script()
}

/// Chinese and English, the two parts of [`partition`] in its order.
const ZH_EN: [Script; 2] = [Script::Han, Script::Latin];

/// A part of a mixed document: 0 or 1, the index of its script in the pair of scripts.
type Part = usize;

/// What [`script_of`] and [`partition`] know about a paragraph, for a pair of scripts.
#[derive(Clone, Copy, Debug)]
struct Counts {
    scripts: [Script; 2],
    /// Letters (Han characters) of each script.
    letters: [usize; 2],
    /// Runs of letters of each alphabetic script.
    words: [usize; 2],
    /// Whether a run of at least 3 letters of each alphabetic script has a lower-case
    /// letter (a real word rather than a symbol such as `A/HRC/47/G/5` or
    /// `GE.21-04849(C)`); a script without case has real words of 3 letters.
    has_real_word: [bool; 2],
}

impl Counts {
    fn of(s: &str, scripts: [Script; 2]) -> Counts {
        let mut c = Counts {
            scripts,
            letters: [0; 2],
            words: [0; 2],
            has_real_word: [false; 2],
        };
        // The current run of letters: its part, its length, whether it is a real word.
        let mut run: Option<(Part, usize, bool)> = None;
        let end_run = |c: &mut Counts, run: &mut Option<(Part, usize, bool)>| {
            if let Some((part, len, real)) = run.take() {
                c.words[part] += 1;
                c.has_real_word[part] |= len >= 3 && real;
            }
        };
        for ch in s.chars() {
            let script = Script::of_char(ch);
            let part = (0..2).find(|&k| script == Some(scripts[k]));
            match part {
                Some(k) if scripts[k].is_alphabetic() => {
                    c.letters[k] += 1;
                    if run.is_some_and(|(p, _, _)| p != k) {
                        end_run(&mut c, &mut run);
                    }
                    // A letter of a script without case (Arabic, Hebrew) is real as it is.
                    let real =
                        ch.is_lowercase() || (scripts[k] != Script::Latin && !ch.is_uppercase());
                    let (_, len, r) = run.get_or_insert((k, 0, false));
                    *len += 1;
                    *r |= real;
                }
                _ => {
                    if ch != '\'' && ch != '’' {
                        end_run(&mut c, &mut run);
                    }
                    if let Some(k) = part {
                        c.letters[k] += 1;
                    }
                }
            }
        }
        end_run(&mut c, &mut run);
        c
    }

    /// What a letter of each script weighs: a Han character 3 letters of an alphabetic
    /// script.
    fn weight(&self, part: Part) -> usize {
        if self.scripts[part] == Script::Han {
            LETTERS_PER_HAN
        } else {
            1
        }
    }

    fn script(&self) -> Option<Part> {
        let [a, b] = self.letters;
        if a > 0 && a * self.weight(0) >= b * self.weight(1) {
            Some(0)
        } else if b > 0 {
            Some(1)
        } else {
            None
        }
    }

    /// Whether the paragraph is long enough to decide its neighbours' part.
    fn is_anchor(&self) -> bool {
        match self.script() {
            Some(k) if !self.scripts[k].is_alphabetic() => self.letters[k] >= SHORT_ZH_HAN,
            Some(k) => self.words[k] >= SHORT_EN_WORDS,
            None => false,
        }
    }

    /// Whether the paragraph is at least half an anchor: a sentence rather than a heading
    /// (6 words, 6 Han characters).
    fn is_sentence(&self) -> bool {
        match self.script() {
            Some(k) if !self.scripts[k].is_alphabetic() => 2 * self.letters[k] >= SHORT_ZH_HAN,
            Some(k) => 2 * self.words[k] >= SHORT_EN_WORDS && self.has_real_word[k],
            None => false,
        }
    }

    /// Whether a short paragraph has real words (and so keeps its own script at a boundary
    /// between the parts).
    fn is_wordy(&self) -> bool {
        match self.script() {
            Some(k) if !self.scripts[k].is_alphabetic() => self.letters[k] >= 2,
            Some(k) => self.has_real_word[k],
            None => false,
        }
    }
}

/// Assigns every paragraph to the Chinese or the English part; the result has one entry per
/// paragraph.
///
/// Paragraphs are classified by [`script_of`]. *Anchors* are the paragraphs long enough to
/// be trusted: Latin ones with at least 12 words, Chinese ones with at least 12 Han
/// characters. Then:
///
/// * **Alternating layout** (bilingual side-by-side exports: at least 3 changes of script
///   between consecutive anchors, and at least one change per 3 anchors): every paragraph
///   with a script keeps it; a paragraph without one goes with the next paragraph that has a
///   script (headings and numbers precede what they introduce), or the previous one at the
///   end.
/// * **Block layout** (Chinese then English, English then Chinese, or a few blocks): anchors
///   keep their script. Every other paragraph (short or without a script) looks at the
///   nearest anchor on each side: if both are of the same language, or there is an anchor on
///   one side only (document start or end), it goes to that language. If they disagree (the
///   paragraph sits at the boundary between the parts), it keeps its own script when it has
///   real words (a Latin word of 3 or more letters with a lower-case letter, or 2 or more Han
///   characters), and otherwise (symbols, page and job numbers, footnote marks) goes with the
///   part before it.
/// * **A part without anchors**: where every anchor is of one language but the other's
///   script has at least 2 paragraphs and 5 % of the letters, its paragraphs of 6 words
///   or 6 Han characters or more are anchors too (a cover note of short sentences);
///   headings and symbols are not.
/// * Without any anchor, paragraphs keep their own script, and those without one go with the
///   previous paragraph that has one, else the next; with no script anywhere, everything is
///   Chinese.
pub fn partition(paragraphs: &[&str]) -> Vec<Lang> {
    partition_between(paragraphs, ZH_EN)
        .into_iter()
        .map(|k| [Lang::Zh, Lang::En][k])
        .collect()
}

/// [`partition`] of a document holding two languages of the scripts `scripts`: the part of
/// each paragraph, 0 for `scripts[0]` (the part of a paragraph without a letter of either
/// when nothing else decides), 1 for `scripts[1]`. Letters of other scripts count for
/// neither. Han takes the place of Chinese and any alphabetic script that of English
/// (anchors of 12 words or 12 Han characters, real words of 3 letters); two alphabetic
/// scripts count letter for letter.
///
/// ```
/// use bialign::text::partition::partition_between;
/// use bialign::text::Script;
///
/// let paras = [
///     "Постоянное представительство Азербайджана при Организации Объединенных Наций \
///      свидетельствует свое уважение и имеет честь препроводить заявление.",
///     "A/75/870",
///     "Statement of the Ministry of Foreign Affairs of the Republic of Azerbaijan on the \
///      anniversary of the ceasefire, circulated as a document of the General Assembly.",
/// ];
/// assert_eq!(partition_between(&paras, [Script::Cyrillic, Script::Latin]), [0, 0, 1]);
/// ```
pub fn partition_between(paragraphs: &[&str], scripts: [Script; 2]) -> Vec<usize> {
    let counts: Vec<Counts> = paragraphs.iter().map(|p| Counts::of(p, scripts)).collect();
    let scripts: Vec<Option<Part>> = counts.iter().map(Counts::script).collect();
    let is_anchor = anchors_of(&counts);
    let anchors = parts_of(&counts, &is_anchor);
    let switches = anchors.windows(2).filter(|w| w[0] != w[1]).count();
    let alternating = switches >= 3 && switches * 3 >= anchors.len();

    let mut result: Vec<Option<Part>> = vec![None; paragraphs.len()];
    if anchors.is_empty() || alternating {
        result.clone_from(&scripts);
    } else {
        // The nearest anchor at or before / at or after each paragraph.
        let mut before: Vec<Option<Part>> = Vec::with_capacity(counts.len());
        let mut last = None;
        for (c, &anchor) in counts.iter().zip(&is_anchor) {
            if anchor {
                last = c.script();
            }
            before.push(last);
        }
        let mut after: Vec<Option<Part>> = vec![None; counts.len()];
        let mut next = None;
        for (i, c) in counts.iter().enumerate().rev() {
            if is_anchor[i] {
                next = c.script();
            }
            after[i] = next;
        }
        for (i, c) in counts.iter().enumerate() {
            result[i] = if is_anchor[i] {
                c.script()
            } else {
                match (before[i], after[i]) {
                    (Some(l), Some(r)) if l == r => Some(l),
                    (Some(l), None) => Some(l),
                    (None, Some(r)) => Some(r),
                    (Some(l), Some(_)) => {
                        if c.is_wordy() {
                            c.script()
                        } else {
                            Some(l)
                        }
                    }
                    (None, None) => c.script(),
                }
            };
        }
    }
    fill_neutral(&mut result, !alternating);
    result.into_iter().map(|l| l.unwrap_or(0)).collect()
}

/// The parts of the paragraphs that `chosen` marks, in order.
fn parts_of(counts: &[Counts], chosen: &[bool]) -> Vec<Part> {
    counts
        .iter()
        .zip(chosen)
        .filter(|(_, &c)| c)
        .filter_map(|(c, _)| c.script())
        .collect()
}

/// Which paragraphs are anchors ([`Counts::is_anchor`]); and where every anchor is of one
/// part while the other part is a substantial share of the document (at least
/// [`MIN_MIXED_PARAGRAPHS`] paragraphs of its script and [`MIN_MIXED_SHARE_PERCENT`] of the
/// letters, as [`mixed_scripts`] asks), that part's paragraphs that are sentences
/// ([`Counts::is_sentence`]) too: a cover note of short paragraphs (a Russian note of two
/// sentences before its German annex) would otherwise have no anchor and go, paragraph by
/// paragraph, with the annex's. Headings (`Annex`, `United Nations`) stay as they were.
fn anchors_of(counts: &[Counts]) -> Vec<bool> {
    let mut anchor: Vec<bool> = counts.iter().map(Counts::is_anchor).collect();
    let parts = parts_of(counts, &anchor);
    let Some(&first) = parts.first() else {
        return anchor;
    };
    if parts.iter().any(|&p| p != first) {
        return anchor;
    }
    let other = 1 - first;
    let weighed = |c: &Counts, k: Part| c.letters[k] * c.weight(k);
    let total: usize = counts.iter().map(|c| weighed(c, 0) + weighed(c, 1)).sum();
    let (paragraphs, letters) = counts
        .iter()
        .filter(|c| c.script() == Some(other))
        .fold((0, 0), |(n, l), c| (n + 1, l + weighed(c, other)));
    if paragraphs >= MIN_MIXED_PARAGRAPHS && letters * 100 >= total * MIN_MIXED_SHARE_PERCENT {
        for (a, c) in anchor.iter_mut().zip(counts) {
            *a |= c.script() == Some(other) && c.is_sentence();
        }
    }
    anchor
}

/// Gives every `None` the part of the previous `Some` (or of the next, when
/// `prefer_previous` is false), falling back to the other side, then to part 0.
fn fill_neutral(langs: &mut [Option<Part>], prefer_previous: bool) {
    let mut prev: Vec<Option<Part>> = Vec::with_capacity(langs.len());
    let mut last = None;
    for l in langs.iter() {
        if l.is_some() {
            last = *l;
        }
        prev.push(last);
    }
    let mut next = None;
    for (i, l) in langs.iter_mut().enumerate().rev() {
        if l.is_some() {
            next = *l;
            continue;
        }
        let p = prev.get(i).copied().flatten();
        *l = if prefer_previous {
            p.or(next)
        } else {
            next.or(p)
        };
    }
}

/// How much of a document is in each language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScriptShares {
    /// Paragraphs whose [`script_of`] is Chinese.
    pub zh_paragraphs: usize,
    /// Paragraphs whose [`script_of`] is English.
    pub en_paragraphs: usize,
    /// Han characters in the Chinese paragraphs.
    pub zh_han: usize,
    /// Latin letters in the English paragraphs.
    pub en_letters: usize,
}

impl ScriptShares {
    /// Counts the paragraphs and characters of each script.
    pub fn of(paragraphs: &[&str]) -> ScriptShares {
        let mut s = ScriptShares::default();
        for p in paragraphs {
            let c = Counts::of(p, ZH_EN);
            match c.script() {
                Some(0) => {
                    s.zh_paragraphs += 1;
                    s.zh_han += c.letters[0];
                }
                Some(_) => {
                    s.en_paragraphs += 1;
                    s.en_letters += c.letters[1];
                }
                None => {}
            }
        }
        s
    }

    /// The share of Chinese in the text, between 0 and 1, counting 3 English letters as one
    /// Han character; 0 for a text without either.
    pub fn zh_share(&self) -> f64 {
        let en = self.en_letters as f64 / LETTERS_PER_HAN as f64;
        let total = self.zh_han as f64 + en;
        if total > 0.0 {
            self.zh_han as f64 / total
        } else {
            0.0
        }
    }

    /// The share of English in the text (see [`zh_share`](Self::zh_share)).
    pub fn en_share(&self) -> f64 {
        if self.zh_han == 0 && self.en_letters == 0 {
            0.0
        } else {
            1.0 - self.zh_share()
        }
    }
}

/// Whether a document holds both languages substantially: each language has at least 2
/// paragraphs of its script and at least 5% of the text, counted in Han characters of the
/// Chinese paragraphs and Latin letters (3 to a Han character) of the English ones.
///
/// Latin words inside Chinese paragraphs do not count for English, so a Chinese text quoting
/// English words, or with a couple of short English lines, is not mixed.
pub fn is_mixed(paragraphs: &[&str]) -> bool {
    let s = ScriptShares::of(paragraphs);
    let en = s.en_letters / LETTERS_PER_HAN;
    let total = s.zh_han + en;
    s.zh_paragraphs >= MIN_MIXED_PARAGRAPHS
        && s.en_paragraphs >= MIN_MIXED_PARAGRAPHS
        && s.zh_han * 100 >= total * MIN_MIXED_SHARE_PERCENT
        && en * 100 >= total * MIN_MIXED_SHARE_PERCENT
}

/// The scripts of a document holding two languages of different scripts substantially,
/// [`is_mixed`] for any pair: `[Han, Latin]` where `is_mixed` says so; otherwise the two
/// scripts that are each the main script (Han counted three times) of at least 2
/// paragraphs and at least 5% of the letters, the two with the most letters when there are
/// more, Han first, else in the order they appear (a Russian cover note, then its English
/// annex: `[Cyrillic, Latin]`). A Chinese and English document that `is_mixed` does not
/// call mixed is not mixed here either.
///
/// ```
/// use bialign::text::partition::mixed_scripts;
/// use bialign::text::Script;
///
/// let ru = "Постоянное представительство свидетельствует свое уважение и имеет честь.";
/// let en = "The Permanent Mission presents its compliments and has the honour to transmit.";
/// assert_eq!(mixed_scripts(&[ru, ru, en, en]), Some([Script::Cyrillic, Script::Latin]));
/// assert_eq!(mixed_scripts(&[en, en, en]), None);
/// ```
pub fn mixed_scripts(paragraphs: &[&str]) -> Option<[Script; 2]> {
    main_scripts(paragraphs, MIN_MIXED_PARAGRAPHS)
}

/// The scripts of the two parts of a document given as holding two languages (one file
/// for both): as [`mixed_scripts`], but one paragraph of a script is enough, so that a
/// cover note of one paragraph names its script.
///
/// ```
/// use bialign::text::partition::{mixed_scripts, scripts_of_two_parts};
/// use bialign::text::Script;
///
/// let ru = "Постоянное представительство свидетельствует свое уважение и имеет честь.";
/// let en = "The Permanent Mission presents its compliments and has the honour to transmit.";
/// assert_eq!(mixed_scripts(&[ru, en, en]), None);
/// assert_eq!(scripts_of_two_parts(&[ru, en, en]), Some([Script::Cyrillic, Script::Latin]));
/// assert_eq!(scripts_of_two_parts(&[en, en, en]), None);
/// ```
pub fn scripts_of_two_parts(paragraphs: &[&str]) -> Option<[Script; 2]> {
    main_scripts(paragraphs, 1)
}

/// [`mixed_scripts`] with at least `min_paragraphs` paragraphs of each script.
fn main_scripts(paragraphs: &[&str], min_paragraphs: usize) -> Option<[Script; 2]> {
    if is_mixed(paragraphs) {
        return Some(ZH_EN);
    }
    const N: usize = Script::ALL.len();
    let (mut paras, mut letters, mut first) = ([0usize; N], [0usize; N], [usize::MAX; N]);
    for (i, p) in paragraphs.iter().enumerate() {
        let counts = Script::weighted_letters(p);
        let Some(main) = Script::detect_in_counts(&counts) else {
            continue;
        };
        let k = main as usize;
        paras[k] += 1;
        letters[k] += counts[k];
        first[k] = first[k].min(i);
    }
    let total: usize = letters.iter().sum();
    let mut found: Vec<usize> = (0..N)
        .filter(|&k| {
            paras[k] >= min_paragraphs && letters[k] * 100 >= total * MIN_MIXED_SHARE_PERCENT
        })
        .collect();
    found.sort_by_key(|&k| (std::cmp::Reverse(letters[k]), k));
    let mut pair = [*found.first()?, *found.get(1)?];
    pair.sort_by_key(|&k| (Script::ALL[k] != Script::Han, first[k]));
    let pair = pair.map(|k| Script::ALL[k]);
    // `is_mixed` has the last word on Chinese and English.
    (pair != ZH_EN).then_some(pair)
}

/// Whether `text` has at least one character of `lang`'s script (Han for Chinese, Latin
/// letters for English). Unlike `!lacks_script`, a text of spaces has none.
///
/// ```
/// use bialign::text::partition::has_script;
/// use bialign::Lang;
///
/// assert!(has_script("他说 hello。", Lang::Zh));
/// assert!(!has_script(" \n", Lang::Zh));
/// assert!(!has_script("《》", Lang::En));
/// ```
pub fn has_script(text: &str, lang: Lang) -> bool {
    let script = lang.script();
    text.chars().any(|c| script.has(c))
}

/// Whether `text` has visible characters but not one in the script of `lang`: no Han
/// character for Chinese, no Latin letter for English (a Russian, Arabic or all-digit file
/// given as Chinese, say). Aligning such a text as `lang` is almost certainly a mistake
/// worth a warning; an empty or blank text is not.
///
/// Runs in linear time and stops at the first character of the script.
///
/// ```
/// use bialign::text::partition::lacks_script;
/// use bialign::Lang;
///
/// assert!(lacks_script("Сегодня шёл дождь.", Lang::Zh));
/// assert!(lacks_script("1. 2. 3.", Lang::Zh));
/// assert!(!lacks_script("他说 hello。", Lang::Zh));
/// assert!(lacks_script("他说。", Lang::En));
/// assert!(!lacks_script(" \n\t", Lang::Zh));
/// ```
pub fn lacks_script(text: &str, lang: Lang) -> bool {
    let script = lang.script();
    let in_script = |c: char| script.has(c);
    let mut visible = false;
    for c in text.chars() {
        if in_script(c) {
            return false;
        }
        visible |= !is_space(c) && !c.is_control();
    }
    visible
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lacks_script_cases() {
        let cases: &[(&str, Lang, bool)] = &[
            ("", Lang::Zh, false),
            (" \n\u{3000}\u{200B}\u{FEFF}", Lang::Zh, false),
            ("\u{1}\u{7}", Lang::Zh, false),
            ("English only.", Lang::Zh, true),
            ("Сегодня шёл дождь.", Lang::Zh, true),
            ("مرحبا", Lang::Zh, true),
            ("2021-04-05", Lang::Zh, true),
            ("😀", Lang::Zh, true),
            ("𠀀", Lang::Zh, false),
            ("English with 一 character.", Lang::Zh, false),
            ("中文。", Lang::En, true),
            ("Сегодня", Lang::En, true),
            ("中文 and English", Lang::En, false),
            ("café", Lang::En, false),
        ];
        for &(text, lang, want) in cases {
            assert_eq!(lacks_script(text, lang), want, "{text:?} as {lang}");
        }
    }

    const ZH: &str =
        "阿塞拜疆共和国常驻联合国日内瓦办事处谨此向联合国人权事务高级专员办事处提交声明。";
    const ZH2: &str =
        "今天是一年一度的国际提高地雷意识和协助地雷行动日，阿塞拜疆再次表示严重关切。";
    const EN: &str = "Today marks the annual International Day for Mine Awareness and Assistance in Mine Actions.";
    const EN2: &str =
        "Azerbaijan is faced with major mine contamination of its recently liberated territories.";

    #[test]
    fn scripts() {
        let cases: &[(&str, &str, Option<Lang>)] = &[
            ("empty", "", None),
            ("chinese", ZH, Some(Lang::Zh)),
            ("english", EN, Some(Lang::En)),
            ("number", "2021", None),
            ("symbols", "* - 12 (3)", None),
            ("fullwidth latin not counted", "ＡＢＣ", None),
            ("han weighs 3 letters", "iPhone 手机", Some(Lang::Zh)),
            (
                "english with one han",
                "The character 中 means middle",
                Some(Lang::En),
            ),
            ("un symbol", "A/HRC/47/G/5", Some(Lang::En)),
            (
                "distr line",
                "Distr.: General 9 April 2021 Chinese Original: English",
                Some(Lang::En),
            ),
            ("job number", "GE.21-04849(C)", Some(Lang::En)),
            ("chinese page", "第 3 页", Some(Lang::Zh)),
            ("accented", "Café résumé", Some(Lang::En)),
        ];
        for &(label, p, want) in cases {
            assert_eq!(script_of(p), want, "{label}");
        }
    }

    #[test]
    fn layouts() {
        let cases: Vec<(&str, Vec<&str>, Vec<Lang>)> = vec![
            ("empty", vec![], vec![]),
            (
                "chinese then english with symbol lines",
                vec![
                    "Distr.: General 9 April 2021 Chinese Original: English",
                    ZH,
                    "A/HRC/47/G/5",
                    ZH2,
                    "*",
                    "GE.21-04849(C)",
                    ZH,
                    EN,
                    "2",
                    EN2,
                    "Annex",
                    EN,
                ],
                vec![
                    Lang::Zh,
                    Lang::Zh,
                    Lang::Zh,
                    Lang::Zh,
                    Lang::Zh,
                    Lang::Zh,
                    Lang::Zh,
                    Lang::En,
                    Lang::En,
                    Lang::En,
                    Lang::En,
                    Lang::En,
                ],
            ),
            (
                "english then chinese",
                vec!["A/HRC/47/G/5", EN, "Annex", EN2, "附件", ZH, "* 1", ZH2],
                vec![
                    Lang::En,
                    Lang::En,
                    Lang::En,
                    Lang::En,
                    Lang::Zh,
                    Lang::Zh,
                    Lang::Zh,
                    Lang::Zh,
                ],
            ),
            (
                "short chinese inside english",
                vec![EN, "中文", EN2],
                vec![Lang::En, Lang::En, Lang::En],
            ),
            (
                "footer at the boundary goes with the part before",
                vec![ZH, ZH2, "GE.21-04849(C)", "3", EN, EN2],
                vec![Lang::Zh, Lang::Zh, Lang::Zh, Lang::Zh, Lang::En, Lang::En],
            ),
            (
                "heading at the boundary keeps its script",
                vec![ZH, ZH2, "Annex", EN, EN2],
                vec![Lang::Zh, Lang::Zh, Lang::En, Lang::En, Lang::En],
            ),
            (
                "alternating",
                vec![ZH, EN, ZH2, EN2, ZH, EN],
                vec![Lang::Zh, Lang::En, Lang::Zh, Lang::En, Lang::Zh, Lang::En],
            ),
            (
                "alternating with short headings",
                vec![
                    "第一章",
                    "Chapter 1",
                    ZH,
                    EN,
                    "第二章",
                    "Chapter 2",
                    ZH2,
                    EN2,
                ],
                vec![
                    Lang::Zh,
                    Lang::En,
                    Lang::Zh,
                    Lang::En,
                    Lang::Zh,
                    Lang::En,
                    Lang::Zh,
                    Lang::En,
                ],
            ),
            (
                "alternating with numbers",
                vec!["1", ZH, EN, "2", ZH2, EN2, "3"],
                vec![
                    Lang::Zh,
                    Lang::Zh,
                    Lang::En,
                    Lang::Zh,
                    Lang::Zh,
                    Lang::En,
                    Lang::En,
                ],
            ),
            (
                "neutral joins neighbours",
                vec!["1", ZH, "2", ZH2, EN, "3", EN2, "4"],
                vec![
                    Lang::Zh,
                    Lang::Zh,
                    Lang::Zh,
                    Lang::Zh,
                    Lang::En,
                    Lang::En,
                    Lang::En,
                    Lang::En,
                ],
            ),
            (
                "long english quotation stays english",
                vec![ZH, EN, ZH2, ZH, ZH2, ZH, EN2, EN, EN2, EN],
                vec![
                    Lang::Zh,
                    Lang::En,
                    Lang::Zh,
                    Lang::Zh,
                    Lang::Zh,
                    Lang::Zh,
                    Lang::En,
                    Lang::En,
                    Lang::En,
                    Lang::En,
                ],
            ),
            (
                "all short keeps own scripts",
                vec!["你好", "Hello", "谢谢", "Thanks", "1"],
                vec![Lang::Zh, Lang::En, Lang::Zh, Lang::En, Lang::En],
            ),
            (
                "no script at all",
                vec!["1", "", "*"],
                vec![Lang::Zh, Lang::Zh, Lang::Zh],
            ),
        ];
        for (label, paras, want) in cases {
            assert_eq!(partition(&paras), want, "{label}");
        }
    }

    #[test]
    fn mixed() {
        let novel: Vec<String> = (0..40)
            .map(|i| {
                if i % 10 == 3 {
                    format!("他在信封上写着 Dear John 几个字，{ZH2}")
                } else {
                    ZH.to_string()
                }
            })
            .chain(["OK".to_string(), "THE END".to_string()])
            .collect();
        let novel: Vec<&str> = novel.iter().map(String::as_str).collect();
        let cases: Vec<(&str, Vec<&str>, bool)> = vec![
            ("empty", vec![], false),
            ("chinese only", vec![ZH, ZH2, ZH], false),
            ("english only", vec![EN, EN2, EN], false),
            ("chinese novel with english words", novel, false),
            ("one english paragraph", vec![ZH, ZH2, EN], false),
            ("note and annex", vec![ZH, ZH2, EN, EN2, EN], true),
            ("alternating", vec![ZH, EN, ZH2, EN2], true),
            (
                "english with a long chinese abstract",
                vec![ZH, ZH2, EN, EN2, EN, EN2, EN, EN2, EN, EN2],
                true,
            ),
        ];
        for (label, paras, want) in cases {
            assert_eq!(is_mixed(&paras), want, "{label}");
        }
    }

    #[test]
    fn mixed_scripts_of_any_pair() {
        const RU: &str = "Постоянное представительство свидетельствует свое уважение и имеет \
                          честь препроводить заявление министерства.";
        const AR: &str = "تهدي البعثة الدائمة تحياتها إلى الأمين العام وتتشرف بأن تحيل طيه البيان.";
        use Script::{Arabic, Cyrillic, Han, Latin};
        type Case<'a> = (&'a str, Vec<&'a str>, Option<[Script; 2]>);
        let cases: Vec<Case> = vec![
            ("empty", vec![], None),
            ("english only", vec![EN, EN2, EN], None),
            ("russian only", vec![RU, RU, RU], None),
            (
                "chinese and english as is_mixed",
                vec![ZH, ZH2, EN, EN2],
                Some([Han, Latin]),
            ),
            (
                "english then chinese: Han first",
                vec![EN, EN2, ZH, ZH2],
                Some([Han, Latin]),
            ),
            ("one english paragraph: not mixed", vec![ZH, ZH2, EN], None),
            (
                "russian note, english annex",
                vec![RU, RU, EN, EN2],
                Some([Cyrillic, Latin]),
            ),
            (
                "english first",
                vec![EN, EN2, RU, RU],
                Some([Latin, Cyrillic]),
            ),
            (
                "arabic note",
                vec![AR, AR, "A/75/870", EN, EN2],
                Some([Arabic, Latin]),
            ),
            ("one russian paragraph", vec![RU, EN, EN2], None),
            (
                "three scripts: the two largest",
                vec![RU, RU, EN, EN2, EN, EN2, AR, AR],
                Some([Cyrillic, Latin]),
            ),
        ];
        for (label, paras, want) in cases {
            assert_eq!(mixed_scripts(&paras), want, "{label}");
        }
    }

    /// Where every anchor is of one script, a substantial part of short sentences in the
    /// other is a part of its own; headings are not.
    #[test]
    fn short_paragraphs_of_the_other_script() {
        const RU1: &str = "Постоянное представительство Германии свидетельствует свое уважение \
                           Генеральному секретарю.";
        const RU2: &str = "Оно имеет честь препроводить заявление Министерства иностранных дел.";
        const DE: &str = "Anlage zur Verbalnote vom 5. April 2021 an den Generalsekretär. Das \
                          Ministerium erinnert an die Waffenruhe, die von den beiden Seiten im \
                          November vereinbart wurde.";
        use Script::{Cyrillic, Han, Latin};
        type Case<'a> = (&'a str, Vec<&'a str>, [Script; 2], Vec<usize>);
        let cases: Vec<Case> = vec![
            (
                "a note of two short sentences before its annex",
                vec![RU1, RU2, DE],
                [Cyrillic, Latin],
                vec![0, 0, 1],
            ),
            (
                "the same after it",
                vec![DE, RU1, RU2],
                [Latin, Cyrillic],
                vec![0, 1, 1],
            ),
            (
                "one short sentence is too little: it goes with the annex",
                vec![RU2, DE, DE],
                [Cyrillic, Latin],
                vec![1, 1, 1],
            ),
            (
                "english headings in a chinese text",
                vec!["Annex", ZH, ZH2, "United Nations", "Distr.: General"],
                [Han, Latin],
                vec![0, 0, 0, 0, 0],
            ),
        ];
        for (label, paras, scripts, want) in cases {
            assert_eq!(partition_between(&paras, scripts), want, "{label}");
        }
    }

    #[test]
    fn shares() {
        let s = ScriptShares::of(&[ZH, EN, "1"]);
        assert_eq!(s.zh_paragraphs, 1);
        assert_eq!(s.en_paragraphs, 1);
        assert!((s.zh_share() + s.en_share() - 1.0).abs() < 1e-9);
        assert_eq!(ScriptShares::of(&[]).zh_share(), 0.0);
        assert_eq!(ScriptShares::of(&[]).en_share(), 0.0);
    }

    proptest::proptest! {
        #[test]
        fn every_paragraph_assigned(paras in proptest::collection::vec("\\PC{0,40}", 0..30)) {
            let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(partition(&refs).len(), refs.len());
            let _ = is_mixed(&refs);
        }
    }
}
