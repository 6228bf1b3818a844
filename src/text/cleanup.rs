//! UN-style clean-up: the paragraphs and marks that are not the document's own text, found
//! so that they can be set apart from the alignment (never dropped: see [`Aside`]).
//!
//! A paragraph is set apart ([`classify`]) when it is:
//!
//! * a footnote, or a running header or footer, as its reader says ([`BlockKind`]), or in
//!   plain text a footnote body: `*` then text (`* 附件不翻译，原文照发。`);
//! * the distribution block: it starts with `Distr.:`, and the short lines after it that
//!   continue it (a date, `General`, a language, `Original: English`);
//! * a UN job number (`GE.21-04787(C)`, with the dates or barcode that may follow it);
//! * a document symbol alone on its line (`A/HRC/47/G/5`, `E/CN.6/2021/L.1`);
//! * a page number: `- 3 -`, `Page 3`, `page 3 of 10`, `第 3 页`, or a bare number when it is
//!   the first or the last of its page (paged input: PDF) or next to one of the above;
//! * a running header or footer by repetition (paged input): one of the first two or last
//!   three paragraphs of its page whose text, digits aside, is on at least half of the
//!   pages (and on two at least).
//!
//! Inside the other paragraphs, footnote marks ([`footnote_marks`]) are set apart: one to
//! three `*` right after a word, and superscript digits (which the PDF reader makes of small
//! raised digits).

use super::block::{Block, BlockKind, SetAside};
use std::ops::Range;

/// Material the clean-up set apart: its text, where it was, why, and where it goes among
/// the sentences that are aligned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Aside {
    /// The text (a whole paragraph, or a footnote mark).
    pub text: String,
    /// Byte range in the original (decoded) input, as for a sentence.
    pub span: Range<usize>,
    /// The paragraph it is in.
    pub para: usize,
    /// Why it was set apart.
    pub reason: SetAside,
    /// The number of aligned sentences of its text before it: it comes before sentence
    /// `before` (after the last one when that is the text's length).
    pub before: usize,
}

/// Languages of the UN, as the distribution block names them.
const LANGUAGES: &[&str] = &[
    "Arabic", "Chinese", "English", "French", "Russian", "Spanish",
];

/// The reason to set each paragraph apart, if any; `blocks` (one per paragraph, or none)
/// describe a document's paragraphs.
pub(crate) fn classify(paras: &[&str], blocks: Option<&[Block]>) -> Vec<Option<SetAside>> {
    let blocks = blocks.filter(|b| b.len() == paras.len());
    let mut out: Vec<Option<SetAside>> = paras
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let kind = blocks.map(|b| b[i].kind);
            match kind {
                Some(BlockKind::Footnote) => Some(SetAside::Footnote),
                Some(BlockKind::Header | BlockKind::Footer) => Some(SetAside::RunningHeader),
                _ => of_paragraph(p.trim()),
            }
        })
        .collect();
    // The distribution block's other lines, after its first.
    for i in 1..paras.len() {
        if out[i].is_none()
            && out[i - 1] == Some(SetAside::Distribution)
            && continues_distribution(paras[i].trim())
        {
            out[i] = Some(SetAside::Distribution);
        }
    }
    if let Some(blocks) = blocks {
        by_page(paras, blocks, &mut out);
    }
    // Bare numbers next to a header or footer line are its page numbers.
    for i in 0..paras.len() {
        let by = |j: Option<usize>| {
            j.and_then(|j| out.get(j).copied().flatten())
                .is_some_and(|r| {
                    matches!(
                        r,
                        SetAside::JobNumber | SetAside::DocumentSymbol | SetAside::RunningHeader
                    )
                })
        };
        if out[i].is_none()
            && is_bare_number(paras[i].trim())
            && (by(i.checked_sub(1)) || by(Some(i + 1)))
        {
            out[i] = Some(SetAside::PageNumber);
        }
    }
    out
}

/// What a paragraph is by its text alone.
fn of_paragraph(p: &str) -> Option<SetAside> {
    if p.starts_with("Distr.:") || p.starts_with("Distr:") {
        return Some(SetAside::Distribution);
    }
    let words: Vec<&str> = p.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    if is_job_number(words[0])
        && words[1..]
            .iter()
            .all(|w| is_language_letter(w) || w.chars().all(|c| c.is_ascii_digit() || c == '*'))
    {
        return Some(SetAside::JobNumber);
    }
    if words.iter().all(|w| is_symbol(w) || is_bare_number(w)) && words.iter().any(|w| is_symbol(w))
    {
        return Some(SetAside::DocumentSymbol);
    }
    if is_page_number(p) {
        return Some(SetAside::PageNumber);
    }
    let body = p.trim_start_matches('*');
    if body.len() < p.len()
        && p.len() - body.len() <= 3
        && body.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !body.contains('*')
        && p.chars().count() < 400
    {
        return Some(SetAside::Footnote);
    }
    None
}

/// Whether a line continues the distribution block: a date, `General`/`Limited`/
/// `Restricted`, a language, `Original: English`.
fn continues_distribution(p: &str) -> bool {
    if p.is_empty() || p.chars().count() > 40 {
        return false;
    }
    let words: Vec<&str> = p.split_whitespace().collect();
    let months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    words.iter().all(|w| {
        let w = w.trim_end_matches([',', ':']);
        w.chars().all(|c| c.is_ascii_digit())
            || months.contains(&w)
            || LANGUAGES.contains(&w)
            || matches!(
                w,
                "General" | "Limited" | "Restricted" | "Original" | "Distr."
            )
    })
}

/// `GE.21-04787(C)`, `GE.21-04787 (C)` as one word: two capitals, `.`, two digits, `-`,
/// five or six digits, optionally a language letter in brackets.
fn is_job_number(w: &str) -> bool {
    let b = w.as_bytes();
    let head = b.len() >= 11
        && b[0].is_ascii_uppercase()
        && b[1].is_ascii_uppercase()
        && b[2] == b'.'
        && b[3].is_ascii_digit()
        && b[4].is_ascii_digit()
        && b[5] == b'-';
    if !head {
        return false;
    }
    let digits = b[6..].iter().take_while(|c| c.is_ascii_digit()).count();
    let rest = &w[6 + digits..];
    (5..=6).contains(&digits) && (rest.is_empty() || is_language_letter(rest))
}

/// `(C)`: the language letter of a job number written apart.
fn is_language_letter(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 3 && b[0] == b'(' && b[1].is_ascii_uppercase() && b[2] == b')'
}

/// A UN document symbol: capitals, then `/`-separated parts of capitals, digits and dots,
/// with a digit somewhere (`A/HRC/47/G/5`, `S/2021/123`, `E/CN.6/2021/L.1`).
fn is_symbol(w: &str) -> bool {
    let mut parts = w.split('/');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !first.is_empty()
        && first.len() <= 6
        && first.chars().all(|c| c.is_ascii_uppercase())
        && !rest.is_empty()
        && rest.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.' || c == '-')
        })
        && w.chars().any(|c| c.is_ascii_digit())
        && rest.iter().any(|p| {
            p.chars()
                .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
}

/// One to four digits.
fn is_bare_number(p: &str) -> bool {
    (1..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit())
}

/// `- 3 -`, `— 3 —`, `Page 3`, `page 3 of 10`, `第 3 页`, `第3页 共10页`.
fn is_page_number(p: &str) -> bool {
    let compact: String = p.chars().filter(|c| !c.is_whitespace()).collect();
    let dashes = |c: char| matches!(c, '-' | '–' | '—');
    if let Some(inner) = compact
        .strip_prefix(dashes)
        .and_then(|s| s.strip_suffix(dashes))
    {
        return is_bare_number(inner);
    }
    let lower = compact.to_lowercase();
    if let Some(rest) = lower.strip_prefix("page") {
        let (n, total) = rest.split_once("of").unwrap_or((rest, "1"));
        return is_bare_number(n) && is_bare_number(total);
    }
    let zh = |s: &str| {
        s.strip_prefix('第')
            .and_then(|s| s.strip_suffix('页'))
            .is_some_and(is_bare_number)
    };
    match compact.split_once('共') {
        Some((a, b)) => zh(a) && b.strip_suffix('页').is_some_and(is_bare_number),
        None => zh(&compact),
    }
}

/// Running headers and footers by repetition, and page numbers at the ends of pages.
fn by_page(paras: &[&str], blocks: &[Block], out: &mut [Option<SetAside>]) {
    let mut pages: Vec<(u32, Vec<usize>)> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let Some(page) = b.place.page else { continue };
        match pages.last_mut() {
            Some((p, list)) if *p == page => list.push(i),
            _ => pages.push((page, vec![i])),
        }
    }
    if pages.len() < 2 {
        return;
    }
    let masked = |i: usize| -> String {
        paras[i]
            .trim()
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    let ends = |list: &Vec<usize>| -> Vec<usize> {
        let n = list.len();
        list.iter()
            .enumerate()
            .filter(|&(k, _)| k < 2 || k + 3 >= n)
            .map(|(_, &i)| i)
            .collect()
    };
    let mut counts: Vec<(String, usize)> = Vec::new();
    for (_, list) in &pages {
        let mut seen: Vec<String> = ends(list).into_iter().map(masked).collect();
        seen.sort();
        seen.dedup();
        for key in seen {
            match counts.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += 1,
                None => counts.push((key, 1)),
            }
        }
    }
    let needed = pages.len().div_ceil(2).max(2);
    for (_, list) in &pages {
        let first = list.first().copied();
        let last = list.last().copied();
        for i in ends(list) {
            if out[i].is_some() || paras[i].trim().chars().count() > 120 {
                continue;
            }
            let key = masked(i);
            if is_bare_number(paras[i].trim()) && (Some(i) == first || Some(i) == last) {
                out[i] = Some(SetAside::PageNumber);
            } else if counts.iter().any(|(k, n)| *k == key && *n >= needed) {
                out[i] = Some(SetAside::RunningHeader);
            }
        }
    }
}

/// The footnote marks of a paragraph, as byte ranges: one to three `*` right after a
/// letter, a digit or a closing mark and not before another letter of the same word, and
/// runs of superscript digits after a letter or a punctuation mark.
pub(crate) fn footnote_marks(p: &str) -> Vec<Range<usize>> {
    const SUPERSCRIPTS: &str = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut k = 1;
    while k < chars.len() {
        let c = chars[k].1;
        let star = c == '*';
        if !star && !SUPERSCRIPTS.contains(c) {
            k += 1;
            continue;
        }
        let same = |d: char| {
            if star {
                d == '*'
            } else {
                SUPERSCRIPTS.contains(d)
            }
        };
        let end = k + chars[k..].iter().take_while(|&&(_, d)| same(d)).count();
        let prev = chars[k - 1].1;
        let after_word = prev.is_alphanumeric() || "。，；：）)」』”’.,;:".contains(prev);
        let ok = if star {
            // Not the closing star of `*bold*`: the word must not start with one.
            let word_start = chars[..k]
                .iter()
                .rev()
                .find(|&&(_, d)| d.is_whitespace())
                .map_or(0, |&(b, _)| b);
            let next = chars.get(end).map(|&(_, d)| d);
            end - k <= 3
                && after_word
                && !p[word_start..].trim_start().starts_with('*')
                && next.is_none_or(|d| !d.is_ascii_alphanumeric())
        } else {
            after_word
        };
        if ok {
            let stop = chars.get(end).map_or(p.len(), |&(b, _)| b);
            out.push(chars[k].0..stop);
        }
        k = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Place;

    #[test]
    fn paragraphs_by_their_text() {
        use SetAside::*;
        let cases: &[(&str, &str, Option<SetAside>)] = &[
            (
                "distribution",
                "Distr.: General 9 April 2021 Chinese Original: English",
                Some(Distribution),
            ),
            ("job number", "GE.21-04787(C)", Some(JobNumber)),
            (
                "job number with space and dates",
                "GE.21-04787 (C) 120421 130421",
                Some(JobNumber),
            ),
            (
                "job number with barcode",
                "GE.21-04787(E) *2104787*",
                Some(JobNumber),
            ),
            ("symbol", "A/HRC/47/G/5", Some(DocumentSymbol)),
            ("symbol with page", "A/HRC/47/G/5 3", Some(DocumentSymbol)),
            ("symbol with dots", "E/CN.6/2021/L.1", Some(DocumentSymbol)),
            ("and/or is no symbol", "and/or", None),
            ("A/B is no symbol", "A/B", None),
            ("dash page", "- 3 -", Some(PageNumber)),
            ("page of", "Page 3 of 10", Some(PageNumber)),
            ("chinese page", "第 3 页", Some(PageNumber)),
            ("chinese page of", "第3页 共10页", Some(PageNumber)),
            ("bare number alone", "3", None),
            ("star footnote", "* 附件不翻译，原文照发。", Some(Footnote)),
            (
                "star footnote en",
                "*Circulated as received.",
                Some(Footnote),
            ),
            ("section break", "* * *", None),
            ("bold markdown", "**Note** this", None),
            ("body", "Today marks the annual International Day.", None),
            ("chapter number", "第一章", None),
        ];
        for &(label, p, want) in cases {
            assert_eq!(classify(&[p], None), [want], "{label}");
        }
    }

    #[test]
    fn distribution_block_over_lines_and_numbers_by_footers() {
        let paras = [
            "Distr.: General",
            "9 April 2021",
            "Chinese",
            "Original: English",
            "Human Rights Council",
            "GE.21-04787(C)",
            "1",
        ];
        let got = classify(&paras, None);
        use SetAside::*;
        assert_eq!(
            got,
            [
                Some(Distribution),
                Some(Distribution),
                Some(Distribution),
                Some(Distribution),
                None,
                Some(JobNumber),
                Some(PageNumber)
            ]
        );
    }

    #[test]
    fn running_headers_by_page() {
        let mut paras = Vec::new();
        let mut blocks = Vec::new();
        for page in 1..=4u32 {
            let lines = [
                format!("Report of the Council {page}"),
                ["Alpha text.", "Beta text.", "Gamma text.", "Delta text."][page as usize - 1]
                    .to_string(),
                format!("Another paragraph, only on page {page}.").replace(
                    char::is_numeric,
                    ["one", "two", "three", "four"][page as usize - 1],
                ),
                format!("{page}"),
            ];
            for (index, l) in lines.into_iter().enumerate() {
                paras.push(l);
                blocks.push(Block {
                    kind: BlockKind::Body,
                    place: Place {
                        part: "page".into(),
                        page: Some(page),
                        index,
                    },
                });
            }
        }
        let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
        let got = classify(&refs, Some(&blocks));
        for page in 0..4 {
            assert_eq!(got[4 * page], Some(SetAside::RunningHeader), "page {page}");
            assert_eq!(got[4 * page + 1], None, "page {page}");
            assert_eq!(got[4 * page + 3], Some(SetAside::PageNumber), "page {page}");
        }
        assert_eq!(got[2], None);
    }

    #[test]
    fn marks() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "star after han",
                "将本普通照会及其附件* 作为文件分发。",
                &["*"],
            ),
            ("star after word", "its annex* as a document", &["*"]),
            ("two stars", "annex** as", &["**"]),
            ("star before word is no mark", "a *bold* word", &[]),
            ("multiplication", "3 * 4", &[]),
            ("superscript", "these rules.¹ And²³ more", &["¹", "²³"]),
            ("leading star", "* note", &[]),
        ];
        for &(label, p, want) in cases {
            let got: Vec<&str> = footnote_marks(p).into_iter().map(|r| &p[r]).collect();
            assert_eq!(got, want, "{label}");
        }
    }
}
