//! Normalisation of text extracted from PDF and Word files, with a map back to the original.
//!
//! Two modes:
//!
//! * [`normalize`] (paragraph mode) finds paragraphs: blank lines (lines holding only
//!   whitespace) and U+2029 PARAGRAPH SEPARATOR always separate paragraphs; inside a block of
//!   consecutive non-blank lines each line break is either a paragraph break or a join, by the
//!   rules of [`normalize`].
//! * [`normalize_lines`] (presplit mode): line *i* of the input is paragraph *i*, empty lines
//!   included.
//!
//! Both apply the same rules within a paragraph:
//!
//! * a run of whitespace (including line breaks that were joined, tabs, NBSP, U+3000
//!   IDEOGRAPHIC SPACE, the other Unicode spaces, U+200B ZERO WIDTH SPACE and U+FEFF) becomes
//!   one ASCII space,
//! * except that it is removed between two CJK characters (Han, CJK punctuation, kana,
//!   full-width forms; curly quotes, `…`, `—` and `·` count as CJK when the character on their
//!   other side is CJK) and between a Han character and an ASCII digit in either order:
//!   `2021 年 4 月 5 日` reads `2021年4月5日`, `谨此 向` reads `谨此向`;
//! * whitespace between Han and a Latin letter is kept (as one space);
//! * an English word hyphenated at a line end (`inter-\nnational`: letter, `-`, line break,
//!   lower-case letter) is rejoined without the hyphen;
//! * the paragraph is trimmed.
//!
//! No other character is changed: control characters and full-width forms stay as they are
//! ([`fold_width`] and [`to_simplified`] are provided for matching). In [`Normalized::text`] paragraphs are separated
//! by one `\n`.
//!
//! # The offset map
//!
//! Every character of the normalised text is either copied from the original (same character,
//! same bytes), or is a space or paragraph-separating `\n` standing for a non-empty run of
//! whitespace of the original; original text that is not represented is whitespace, or a
//! hyphen removed by the rejoining rule. The map stores only the points where the difference
//! between normalised and original offsets changes, as sorted `(normalised, original)` pairs:
//! between two pairs the offsets advance together. A point where original text was dropped
//! has two pairs with the same normalised offset: the first is where the preceding character
//! ends in the original, the last where the following character starts. A space standing for
//! a run `a..b` has a pair `(s, a)` and `(s + 1, b)`. [`Normalized::original_span`] looks up
//! the start of a range with the last pair at or before it and the end with the first pair at
//! it (or the last before it).
//!
//! Everything runs in linear time.

use std::ops::Range;

use crate::chars::abbreviations;
use crate::chars::{
    column_width, is_ambiguous_punct, is_bullet, is_cjk, is_closer, is_han_script, is_line_break,
    is_non_cjk_letter, is_opener, is_space, is_zh_list_numeral, sentence_terminator,
};
pub use crate::chars::{fold_width, to_simplified};

/// A normalised text: its paragraphs and a map back to the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalized {
    text: String,
    paragraphs: Vec<Range<usize>>,
    /// `(normalised offset, original offset)` pairs, sorted by both; never empty.
    map: Vec<(usize, usize)>,
}

impl Default for Normalized {
    fn default() -> Self {
        Normalized {
            text: String::new(),
            paragraphs: Vec::new(),
            map: vec![(0, 0)],
        }
    }
}

impl Normalized {
    /// The normalised text: the paragraphs separated by one `\n` each.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The paragraphs, as byte ranges of [`text`](Self::text) (empty ranges for the empty
    /// lines of [`normalize_lines`]).
    pub fn paragraphs(&self) -> &[Range<usize>] {
        &self.paragraphs
    }

    /// The text of paragraph `i`, if there is one.
    pub fn paragraph(&self, i: usize) -> Option<&str> {
        self.paragraphs
            .get(i)
            .and_then(|r| self.text.get(r.clone()))
    }

    /// The texts of the paragraphs, in order.
    pub fn paragraph_texts(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.paragraphs
            .iter()
            .map(|r| self.text.get(r.clone()).unwrap_or(""))
    }

    /// The number of paragraphs.
    pub fn len(&self) -> usize {
        self.paragraphs.len()
    }

    /// Whether there are no paragraphs.
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// The byte range of the original text that the normalised byte range `normalized` came
    /// from: from where its first character starts in the original to where its last
    /// character ends (a space standing for a run of whitespace stands for the whole run), so
    /// that `&original[span]` quotes it verbatim.
    ///
    /// An empty range gives an empty range. Ranges reaching past the end of the text are cut
    /// at the end; the range should start and end on character boundaries of the normalised
    /// text (otherwise the result may not be on character boundaries of the original).
    pub fn original_span(&self, normalized: Range<usize>) -> Range<usize> {
        let end = normalized.end.min(self.text.len());
        let start = normalized.start.min(end);
        let s = self.start_of(start);
        if start == end {
            return s..s;
        }
        let e = self.end_of(end).max(s);
        s..e
    }

    /// The offset in the original text where the character at normalised offset `offset`
    /// starts (for the end of the text: the end of the last character's original).
    pub fn original_offset(&self, offset: usize) -> usize {
        self.start_of(offset.min(self.text.len()))
    }

    /// The number of entries of the offset map (a measure of its memory use: 16 bytes each on
    /// 64-bit machines).
    pub fn map_len(&self) -> usize {
        self.map.len()
    }

    /// Where the character starting at normalised offset `p` starts in the original.
    fn start_of(&self, p: usize) -> usize {
        let i = self.map.partition_point(|&(n, _)| n <= p);
        match i.checked_sub(1).and_then(|j| self.map.get(j)) {
            Some(&(n, o)) => o + (p - n),
            None => p,
        }
    }

    /// Where the character ending at normalised offset `p` ends in the original.
    fn end_of(&self, p: usize) -> usize {
        let i = self.map.partition_point(|&(n, _)| n < p);
        if let Some(&(n, o)) = self.map.get(i) {
            if n == p {
                return o;
            }
        }
        match i.checked_sub(1).and_then(|j| self.map.get(j)) {
            Some(&(n, o)) => o + (p - n),
            None => p,
        }
    }
}

/// A line break inside a block ends a paragraph when the line is shorter than this
/// percentage of the block's longest line.
const SHORT_LINE_PERCENT: usize = 65;

/// In a block whose longest line is narrower than this many columns, every line is a
/// paragraph (addresses, verse, short dialogue lines: not wrapped text).
const MIN_WRAP_WIDTH: usize = 30;

/// Paragraph mode: normalises `original` and finds its paragraphs.
///
/// Blank lines (lines of whitespace only) and U+2029 separate paragraphs; line endings are
/// LF, CRLF, CR and U+2028. Inside a block of consecutive non-blank lines, the line break
/// after a line is a paragraph break when
///
/// 1. the line ends with sentence-final punctuation (`. ! ? 。 ！ ？ … ．`, possibly followed
///    by closing quotes or brackets such as `" ' ” ’ 」 』 ） ) 》 ]`), unless the `.`
///    ends a common abbreviation (`Mr.`, `No.`, `e.g.`, `para.`, ...) or an initial (`J.`);
///    or it ends with a colon (`:` or `：`); or
/// 2. the line is short: narrower than 65% of the block's longest line, widths counted in
///    columns with Han, kana and full-width characters 2 columns wide (the last line of a
///    wrapped paragraph; a heading); or the block's longest line is narrower than 30
///    columns (not wrapped text); or
/// 3. the next line starts with a list marker: a bullet (`•`, `●`, `▪`, ...), `-`, `–`,
///    `—`, `*` or `+` followed by a space, `(a)`, `(12)`, `(iv)`, `（一）`, `a)`, `1.`,
///    `1.2.`, `3)` followed by a space, `1、`, `一、`, `第三条`; or the next line is short
///    (at most 12 bytes) and has no letters (a page number).
///
/// Otherwise the line is joined to the next, with the whitespace rules of the
/// [module documentation](self) (no space between CJK characters, hyphenated words rejoined,
/// one space otherwise). This handles text wrapped by PDF extraction and files with one
/// paragraph per line alike: a paragraph on a single line ends with punctuation or is a
/// heading, shorter than the long lines around it.
///
/// # Example
///
/// ```
/// use bialign::text::normalize::normalize;
///
/// let original = "阿塞拜疆常驻联合国日内瓦办事处代表团谨此 向联合国人权事务高级专员办事处\n\
///                 提交 2021 年的声明。\n\n\
///                 Today marks the annual International Day for Mine Awareness and inter-\n\
///                 national cooperation.\n";
/// let n = normalize(original);
/// let paragraphs: Vec<&str> = n.paragraph_texts().collect();
/// assert_eq!(
///     paragraphs,
///     [
///         "阿塞拜疆常驻联合国日内瓦办事处代表团谨此向联合国人权事务高级专员办事处提交2021年的声明。",
///         "Today marks the annual International Day for Mine Awareness and international cooperation.",
///     ]
/// );
/// // Quote a normalised range verbatim from the original.
/// let p = n.text().find("谨此向").unwrap();
/// let span = n.original_span(p..p + "谨此向".len());
/// assert_eq!(&original[span], "谨此 向");
/// ```
pub fn normalize(original: &str) -> Normalized {
    let mut b = Builder::new(original);
    let mut block: Vec<Line> = Vec::new();
    let mut pos = 0;
    while pos < original.len() {
        let (content_end, next, para_sep) = split_line(original, pos);
        let (start, end) = trim(original, pos, content_end);
        if start == end {
            flush_block(&mut b, &mut block);
        } else {
            let width = display_width(&original[start..end]);
            block.push(Line { start, end, width });
            if para_sep {
                flush_block(&mut b, &mut block);
            }
        }
        pos = next;
    }
    flush_block(&mut b, &mut block);
    b.finish()
}

/// Presplit mode: line `i` of `original` is paragraph `i`, empty lines included (as empty
/// paragraphs). Line endings are LF, CRLF, CR, U+2028 and U+2029; a line ending at the very
/// end does not start another (empty) line, so `"a\nb\n"` has two paragraphs and `""` none.
/// Each line is trimmed and its whitespace normalised as described in the
/// [module documentation](self).
pub fn normalize_lines(original: &str) -> Normalized {
    let mut b = Builder::new(original);
    let mut pos = 0;
    while pos < original.len() {
        let (content_end, next, _) = split_line(original, pos);
        let (start, end) = trim(original, pos, content_end);
        b.paragraph(start..end);
        pos = next;
    }
    b.finish()
}

/// One sentence as [`normalize_lines`] reads a line: trimmed and its whitespace normalised
/// as described in the [module documentation](self), line breaks inside it included
/// (they join, as within a paragraph). What an aligner given pre-split sentences compares,
/// so that `谨此 向` scores as `谨此向` does from a file.
///
/// ```
/// use bialign::text::normalize::normalize_sentence;
/// assert_eq!(normalize_sentence("  谨此 向 大会\u{3000}转递 "), "谨此向大会转递");
/// assert_eq!(normalize_sentence("inter-\nnational\tlaw"), "international law");
/// ```
pub fn normalize_sentence(sentence: &str) -> String {
    let mut b = Builder::new(sentence);
    let (start, end) = trim(sentence, 0, sentence.len());
    b.paragraph(start..end);
    b.finish().text
}

/// A non-blank line of a block: its trimmed byte range in the original and its width.
struct Line {
    start: usize,
    end: usize,
    width: usize,
}

/// Emits the paragraphs of a block of non-blank lines and empties it.
fn flush_block(b: &mut Builder<'_>, block: &mut Vec<Line>) {
    let max_width = block.iter().map(|l| l.width).max().unwrap_or(0);
    let mut para_start = None;
    for (i, line) in block.iter().enumerate() {
        let start = *para_start.get_or_insert(line.start);
        let ends = match block.get(i + 1) {
            None => true,
            Some(next) => ends_paragraph(b.orig, line, next, max_width),
        };
        if ends {
            b.paragraph(start..line.end);
            para_start = None;
        }
    }
    block.clear();
}

/// Whether the line break after `line` (followed by `next` in the same block) is a paragraph
/// break.
fn ends_paragraph(orig: &str, line: &Line, next: &Line, max_width: usize) -> bool {
    let text = &orig[line.start..line.end];
    if max_width < MIN_WRAP_WIDTH || line.width * 100 < max_width * SHORT_LINE_PERCENT {
        return true;
    }
    if ends_sentence_or_colon(text) {
        return true;
    }
    let next_text = &orig[next.start..next.end];
    starts_list_item(next_text) || is_page_number_like(next_text)
}

/// A short line without letters: a page number such as `3` or `- 3 -`, a date line.
fn is_page_number_like(line: &str) -> bool {
    line.len() <= 12 && !line.chars().any(char::is_alphabetic)
}

/// Whether `line` (trimmed) ends with sentence-final punctuation, optionally followed by
/// closing quotes and brackets, or with a colon.
fn ends_sentence_or_colon(line: &str) -> bool {
    let body = line.trim_end_matches(is_closer);
    let Some(last) = body.chars().next_back() else {
        return false;
    };
    match last {
        ':' | '：' => true,
        '.' => !ends_with_abbreviation(&body[..body.len() - 1]),
        c => sentence_terminator(c).is_some(),
    }
}

/// Whether `before` (a line without its final `.`) ends with an abbreviation or an initial.
fn ends_with_abbreviation(before: &str) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| is_space(c) || is_opener(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (None, _) => false,
        // An initial such as `J.`
        (Some(c), None) => c.is_uppercase(),
        _ => abbreviations::is_line_end_abbreviation(word),
    }
}

/// Whether a line starts with a list marker or bullet.
fn starts_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let second = chars.clone().next();
    if is_bullet(first) {
        return true;
    }
    if matches!(first, '-' | '–' | '—' | '*' | '+') {
        return second.is_some_and(is_space);
    }
    if first == '(' || first == '（' {
        let inner: String = chars
            .by_ref()
            .take_while(|&c| c != ')' && c != '）')
            .take(5)
            .collect();
        let closed = line[first.len_utf8() + inner.len()..]
            .chars()
            .next()
            .is_some_and(|c| c == ')' || c == '）');
        return closed && is_enumerator(&inner);
    }
    // `1.`, `1.2.`, `3)`, `a)`, `iv.` followed by whitespace; `1、`; `一、`; `第三条`.
    let head: String = line
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
        .take(12)
        .collect();
    let rest = &line[head.len()..];
    let mut after = rest.chars();
    match after.next() {
        Some(')') if is_enumerator(&head) => return after.next().is_some_and(is_space),
        Some('、') if !head.is_empty() && head.bytes().all(|b| b.is_ascii_digit()) => return true,
        Some(c) if is_space(c) && head.len() > 1 && head.ends_with('.') => {
            let parts: Vec<&str> = head[..head.len() - 1].split('.').collect();
            return parts.len() == 1 && is_enumerator(parts[0])
                || parts.iter().all(|p| {
                    !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit())
                });
        }
        _ => {}
    }
    let numerals: String = line
        .chars()
        .take_while(|&c| is_zh_list_numeral(c))
        .take(4)
        .collect();
    if !numerals.is_empty() && line[numerals.len()..].starts_with('、') {
        return true;
    }
    if let Some(rest) = line.strip_prefix('第') {
        let n: String = rest
            .chars()
            .take_while(|&c| is_zh_list_numeral(c) || c.is_ascii_digit())
            .take(6)
            .collect();
        return !n.is_empty()
            && rest[n.len()..]
                .chars()
                .next()
                .is_some_and(|c| matches!(c, '条' | '章' | '节' | '款' | '部' | '编'));
    }
    false
}

/// Whether `s` is a list enumerator: 1 to 3 digits, one letter, a lower-case roman numeral
/// up to 4 letters, or 1 to 3 Chinese numerals.
fn is_enumerator(s: &str) -> bool {
    let n = s.chars().count();
    (1..=3).contains(&n) && s.bytes().all(|b| b.is_ascii_digit())
        || n == 1 && s.chars().all(|c| c.is_ascii_alphabetic())
        || (1..=4).contains(&n) && s.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
        || (1..=3).contains(&n) && s.chars().all(is_zh_list_numeral)
}

/// Finds the end of the line starting at `pos`: returns the end of its content, the start of
/// the next line, and whether the line ended with U+2029 PARAGRAPH SEPARATOR.
fn split_line(s: &str, pos: usize) -> (usize, usize, bool) {
    let bytes = s.as_bytes();
    let mut i = pos;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' => return (i, i + 1, false),
            b'\r' => {
                let next = if bytes.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
                return (i, next, false);
            }
            0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                Some(0xA8) => return (i, i + 3, false),
                Some(0xA9) => return (i, i + 3, true),
                _ => i += 1,
            },
            _ => i += 1,
        }
    }
    (bytes.len(), bytes.len(), false)
}

/// The trimmed range of `s[a..b]`; for a line of whitespace only, the empty range at `b`.
fn trim(s: &str, a: usize, b: usize) -> (usize, usize) {
    let t = &s[a..b];
    let after_lead = t.trim_start_matches(is_space);
    if after_lead.is_empty() {
        return (b, b);
    }
    let start = b - after_lead.len();
    let end = start + after_lead.trim_end_matches(is_space).len();
    (start, end)
}

/// Display width in columns: 2 for Han, kana, Hangul and full-width characters, 0 for zero
/// width spaces, 1 otherwise.
fn display_width(s: &str) -> usize {
    s.chars().map(column_width).sum()
}

/// Whether a space is kept between `p` (preceded by `p2`) and `n` (followed by `n2`).
fn keep_space(p2: Option<char>, p: char, n: char, n2: Option<char>) -> bool {
    let p_cjk = is_cjk(p) || is_ambiguous_punct(p) && p2.is_some_and(is_cjk);
    let n_cjk = is_cjk(n) || is_ambiguous_punct(n) && n2.is_some_and(is_cjk);
    if p_cjk && n_cjk {
        return false;
    }
    !(is_han_script(p) && n.is_ascii_digit() || p.is_ascii_digit() && is_han_script(n))
}

/// Builds the normalised text and its offset map.
struct Builder<'a> {
    orig: &'a str,
    text: String,
    map: Vec<(usize, usize)>,
    paragraphs: Vec<Range<usize>>,
    /// The original offset corresponding to the end of `text`.
    cur: usize,
}

impl<'a> Builder<'a> {
    fn new(orig: &'a str) -> Self {
        Builder {
            orig,
            text: String::with_capacity(orig.len()),
            map: vec![(0, 0)],
            paragraphs: Vec::new(),
            cur: 0,
        }
    }

    fn finish(mut self) -> Normalized {
        self.text.shrink_to_fit();
        self.map.shrink_to_fit();
        self.paragraphs.shrink_to_fit();
        Normalized {
            text: self.text,
            paragraphs: self.paragraphs,
            map: self.map,
        }
    }

    /// Skips the original text from `self.cur` to `to` (nothing of it is represented).
    fn jump(&mut self, to: usize) {
        if to == self.cur {
            return;
        }
        let n = self.text.len();
        let len = self.map.len();
        match self.map.last() {
            Some(&(last, _)) if last == n => {
                // A pair at `n` exists already (and says `self.cur`): keep the first pair at
                // `n`, replace a second one.
                if len >= 2 && self.map[len - 2].0 == n {
                    self.map[len - 1].1 = to;
                } else {
                    self.map.push((n, to));
                }
            }
            _ => {
                self.map.push((n, self.cur));
                self.map.push((n, to));
            }
        }
        self.cur = to;
    }

    /// Copies `orig[r]` verbatim.
    fn copy(&mut self, r: Range<usize>) {
        self.jump(r.start);
        self.text.push_str(&self.orig[r.clone()]);
        self.cur = r.end;
    }

    /// Appends the one-byte character `ch` standing for the original whitespace `orig[r]`.
    fn synth(&mut self, ch: char, r: Range<usize>) {
        debug_assert!(ch.is_ascii());
        self.jump(r.start);
        let n = self.text.len();
        self.text.push(ch);
        if r.end != r.start + 1 {
            self.map.push((n + 1, r.end));
        }
        self.cur = r.end;
    }

    /// Emits the paragraph `orig[r]` (trimmed, non-blank unless empty), applying the
    /// whitespace rules, preceded by a `\n` standing for the gap since the previous one.
    fn paragraph(&mut self, r: Range<usize>) {
        if self.paragraphs.is_empty() {
            self.jump(r.start);
        } else {
            self.synth('\n', self.cur..r.start);
        }
        let start = self.text.len();
        let s = &self.orig[r.clone()];
        let base = r.start;
        // The last two non-whitespace characters emitted.
        let mut prev: Option<char> = None;
        let mut prev2: Option<char> = None;
        // A pending run of whitespace: original range and whether it holds a line break.
        let mut ws: Option<(usize, usize, bool)> = None;
        // A hyphen right after a letter, held back until we know whether it ends a line.
        let mut hyphen: Option<usize> = None;
        for (i, c) in s.char_indices() {
            let p = base + i;
            let e = p + c.len_utf8();
            if is_space(c) {
                match ws.as_mut() {
                    Some(run) => {
                        run.1 = e;
                        run.2 |= is_line_break(c);
                    }
                    None => ws = Some((p, e, is_line_break(c))),
                }
                continue;
            }
            if let Some(h) = hyphen.take() {
                if matches!(ws, Some((_, _, true))) && c.is_lowercase() {
                    // `inter-\nnational`: drop the hyphen and the line break.
                    ws = None;
                } else {
                    self.copy(h..h + 1);
                    prev2 = prev;
                    prev = Some('-');
                }
            }
            let had_ws = ws.is_some();
            if let Some((a, b, _)) = ws.take() {
                if let Some(pc) = prev {
                    // For ambiguous punctuation, its neighbour on the far side counts.
                    let next = if is_ambiguous_punct(c) {
                        s[i + c.len_utf8()..].chars().find(|&c| !is_space(c))
                    } else {
                        None
                    };
                    if keep_space(prev2, pc, c, next) {
                        self.synth(' ', a..b);
                    }
                }
            }
            if c == '-' && !had_ws && prev.is_some_and(is_non_cjk_letter) {
                hyphen = Some(p);
                continue;
            }
            self.copy(p..e);
            prev2 = prev;
            prev = Some(c);
        }
        if let Some(h) = hyphen {
            self.copy(h..h + 1);
        }
        self.paragraphs.push(start..self.text.len());
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Checks the offset map of `n` against `orig`: every character of the normalised text
    /// maps to the same character of the original, or (a space or `\n`) to a non-empty run
    /// of whitespace; the spans are in order and the original text between them is
    /// whitespace or a hyphen at a line end; paragraphs are separated by one `\n`.
    pub(crate) fn check_map(orig: &str, n: &Normalized) -> Result<(), String> {
        let text = n.text();
        let mut last_end = 0usize;
        let mut first = true;
        for (p, c) in text.char_indices() {
            let span = n.original_span(p..p + c.len_utf8());
            let piece = orig
                .get(span.clone())
                .ok_or_else(|| format!("span {span:?} of {c:?} at {p} not on boundaries"))?;
            if piece.chars().eq(std::iter::once(c)) {
                // copied
            } else if (c == ' ' || c == '\n') && !piece.is_empty() && piece.chars().all(is_space) {
                // synthetic
            } else {
                return Err(format!("{c:?} at {p} maps to {piece:?} at {span:?}"));
            }
            if span.start < last_end {
                return Err(format!("span {span:?} of {c:?} at {p} overlaps {last_end}"));
            }
            let gap = &orig[last_end..span.start];
            let gap_ok = if first {
                gap.chars().all(is_space)
            } else {
                gap_is_removable(gap)
            };
            if !gap_ok {
                return Err(format!("dropped {gap:?} before {c:?} at {p}"));
            }
            first = false;
            last_end = span.end;
        }
        if !orig[last_end..].chars().all(is_space) {
            return Err(format!("dropped tail {:?}", &orig[last_end..]));
        }
        let mut expect_start = 0;
        for (i, r) in n.paragraphs().iter().enumerate() {
            if r.start != expect_start || r.end < r.start || r.end > text.len() {
                return Err(format!(
                    "paragraph {i} at {r:?}, expected start {expect_start}"
                ));
            }
            if text.get(r.end..r.end + 1).is_some_and(|s| s != "\n") {
                return Err(format!("paragraph {i} not followed by a newline"));
            }
            expect_start = r.end + 1;
        }
        if !n.paragraphs().is_empty() && expect_start != text.len() + 1 {
            return Err("paragraphs do not cover the text".into());
        }
        Ok(())
    }

    /// Whitespace, or hyphens each followed by whitespace holding a line break.
    fn gap_is_removable(gap: &str) -> bool {
        for (i, c) in gap.char_indices() {
            if is_space(c) {
                continue;
            }
            if c != '-' {
                return false;
            }
            let rest = &gap[i + 1..];
            let run: &str = rest
                .split(|c: char| !is_space(c))
                .next()
                .unwrap_or_default();
            if !run.chars().any(is_line_break) {
                return false;
            }
        }
        true
    }

    fn paras(n: &Normalized) -> Vec<&str> {
        n.paragraph_texts().collect()
    }

    #[test]
    fn within_line_whitespace() {
        let cases: &[(&str, &str, &str)] = &[
            ("date", "2021 年 4 月 5 日", "2021年4月5日"),
            ("han han", "谨此 向", "谨此向"),
            ("han digit han", "议程项目 4 下", "议程项目4下"),
            ("broken word", "国际提 高地雷意识", "国际提高地雷意识"),
            ("han latin kept", "使用 iPhone 手机", "使用 iPhone 手机"),
            ("latin han kept", "the 中文 text", "the 中文 text"),
            ("spaces collapse", "a  \t b", "a b"),
            ("nbsp", "a\u{A0}b", "a b"),
            ("ideographic space latin", "a\u{3000}b", "a b"),
            ("ideographic space han", "中\u{3000}文", "中文"),
            ("zero width space", "中\u{200B}文 a\u{200B}b", "中文 a b"),
            ("cjk punct", "你好 ， 世界 。", "你好，世界。"),
            ("fullwidth", "ＡＢ Ｃ", "ＡＢＣ"),
            ("kana", "カタ カナ", "カタカナ"),
            (
                "curly quote in chinese",
                "他说： “ 你好 ” 。",
                "他说：“你好”。",
            ),
            (
                "curly quote in english",
                "他读了 “Hello” 这本书",
                "他读了 “Hello” 这本书",
            ),
            ("digit digit kept", "1 2", "1 2"),
            ("star kept", "附件* 作为", "附件* 作为"),
            ("trim", "  \t 中文 \u{3000}", "中文"),
            ("controls kept", "a\u{1}b \u{7} c", "a\u{1}b \u{7} c"),
            (
                "no hyphen join within line",
                "inter- national",
                "inter- national",
            ),
            ("fullwidth kept", "Ａ１（注）", "Ａ１（注）"),
        ];
        for &(label, input, want) in cases {
            for n in [normalize(input), normalize_lines(input)] {
                assert_eq!(paras(&n), vec![want], "{label}");
                check_map(input, &n).unwrap_or_else(|e| panic!("{label}: {e}"));
            }
        }
    }

    #[test]
    fn line_joins() {
        let long_en = "The quick brown fox jumps over the lazy dog and keeps on running";
        let cases: Vec<(&str, String, Vec<String>)> = vec![
            (
                "wrapped english joined with a space",
                format!("{long_en}\nfar away."),
                vec![format!("{long_en} far away.")],
            ),
            (
                "hyphenated word rejoined",
                format!("{long_en} inter-\nnational law."),
                vec![format!("{long_en} international law.")],
            ),
            (
                "hyphen before capital kept",
                format!("{long_en} North-\nSouth talks."),
                vec![format!("{long_en} North- South talks.")],
            ),
            (
                "wrapped chinese joined without space",
                "阿塞拜疆共和国常驻联合国日内瓦办事处和日内瓦其他国际组织代表团谨此向联合国人权事务\n高级专员办事处提交声明。".into(),
                vec!["阿塞拜疆共和国常驻联合国日内瓦办事处和日内瓦其他国际组织代表团谨此向联合国人权事务高级专员办事处提交声明。".into()],
            ),
            (
                "chinese digit across line",
                "联合国人权事务高级专员办事处提交阿塞拜疆共和国外交部于2021年4月\n4 日发表的声明。".into(),
                vec!["联合国人权事务高级专员办事处提交阿塞拜疆共和国外交部于2021年4月4日发表的声明。".into()],
            ),
            (
                "sentence end breaks",
                format!("{long_en}.\n{long_en}."),
                vec![format!("{long_en}."), format!("{long_en}.")],
            ),
            (
                "chinese sentence end with closing quote breaks",
                "他说：“今天天气很好，我们一起去公园散步吧，顺便去看看湖边的花开了没有。”\n她点点头，放下手中的书，站起身来走到窗前。".into(),
                vec![
                    "他说：“今天天气很好，我们一起去公园散步吧，顺便去看看湖边的花开了没有。”".into(),
                    "她点点头，放下手中的书，站起身来走到窗前。".into(),
                ],
            ),
            (
                "colon breaks",
                format!("{long_en}:\n{long_en}."),
                vec![format!("{long_en}:"), format!("{long_en}.")],
            ),
            (
                "abbreviation does not break",
                format!("{long_en} as said by Mr.\nSmith today."),
                vec![format!("{long_en} as said by Mr. Smith today.")],
            ),
            (
                "short line breaks",
                format!("Chapter One\n{long_en}."),
                vec!["Chapter One".into(), format!("{long_en}.")],
            ),
            (
                "heading in one-paragraph-per-line file",
                format!("Annex\n{long_en}.\n{long_en}."),
                vec!["Annex".into(), format!("{long_en}."), format!("{long_en}.")],
            ),
            (
                "narrow block keeps lines",
                "Permanent Mission\nof Azerbaijan\nGeneva".into(),
                vec!["Permanent Mission".into(), "of Azerbaijan".into(), "Geneva".into()],
            ),
            (
                "bullet breaks",
                format!("{long_en}\n• {long_en}"),
                vec![long_en.into(), format!("• {long_en}")],
            ),
            (
                "dash item breaks",
                format!("{long_en}\n- {long_en}"),
                vec![long_en.into(), format!("- {long_en}")],
            ),
            (
                "letter item breaks",
                format!("{long_en}\n(a) {long_en}"),
                vec![long_en.into(), format!("(a) {long_en}")],
            ),
            (
                "number item breaks",
                format!("{long_en}\n1. {long_en}"),
                vec![long_en.into(), format!("1. {long_en}")],
            ),
            (
                "chinese item breaks",
                "阿塞拜疆共和国常驻联合国日内瓦办事处和日内瓦其他国际组织代表团谨此\n一、阿塞拜疆共和国常驻联合国日内瓦办事处".into(),
                vec![
                    "阿塞拜疆共和国常驻联合国日内瓦办事处和日内瓦其他国际组织代表团谨此".into(),
                    "一、阿塞拜疆共和国常驻联合国日内瓦办事处".into(),
                ],
            ),
            (
                "parenthesised word is not an item",
                format!("{long_en}\n(ANAMA) attempting to protect others."),
                vec![format!("{long_en} (ANAMA) attempting to protect others.")],
            ),
            (
                "year is not an item",
                format!("{long_en} on 5 April\n2021. Then it stopped."),
                vec![format!("{long_en} on 5 April 2021. Then it stopped.")],
            ),
            (
                "page number is not joined",
                format!("{long_en}\n12\n{long_en}"),
                vec![long_en.into(), "12".into(), long_en.into()],
            ),
            (
                "blank lines separate",
                "First.\n\n  \t\nSecond.\n".into(),
                vec!["First.".into(), "Second.".into()],
            ),
            (
                "paragraph separator",
                format!("{long_en}\u{2029}{long_en}"),
                vec![long_en.into(), long_en.into()],
            ),
            (
                "line separator joins",
                format!("{long_en}\u{2028}{long_en}"),
                vec![format!("{long_en} {long_en}")],
            ),
            (
                "crlf and cr",
                format!("{long_en}\r\nmore\r\rOther.\rlast"),
                vec![format!("{long_en} more"), "Other.".into(), "last".into()],
            ),
            ("empty", String::new(), vec![]),
            ("only whitespace", " \n\t\n\u{3000}".into(), vec![]),
        ];
        for (label, input, want) in cases {
            let n = normalize(&input);
            assert_eq!(paras(&n), want, "{label}");
            check_map(&input, &n).unwrap_or_else(|e| panic!("{label}: {e}"));
        }
    }

    #[test]
    fn presplit_lines() {
        let cases: Vec<(&str, &str, Vec<&str>)> = vec![
            ("empty", "", vec![]),
            ("one", "a", vec!["a"]),
            ("final newline", "a\nb\n", vec!["a", "b"]),
            ("empty lines kept", "a\n\nb", vec!["a", "", "b"]),
            ("trailing empty line", "a\n\n", vec!["a", ""]),
            ("just newline", "\n", vec![""]),
            ("whitespace line", "a\n  \t\nb", vec!["a", "", "b"]),
            ("crlf", "a\r\nb\r\n", vec!["a", "b"]),
            ("cr", "a\rb", vec!["a", "b"]),
            ("u2028 u2029", "a\u{2028}b\u{2029}c", vec!["a", "b", "c"]),
            ("no joining", "inter-\nnational", vec!["inter-", "national"]),
            (
                "within line rules",
                " 2021 年 4 月  x  y ",
                vec!["2021年4月 x y"],
            ),
            ("leading empty", "\n\na", vec!["", "", "a"]),
        ];
        for (label, input, want) in cases {
            let n = normalize_lines(input);
            assert_eq!(paras(&n), want, "{label}");
            check_map(input, &n).unwrap_or_else(|e| panic!("{label}: {e}"));
        }
    }

    #[test]
    fn original_spans() {
        let orig = "  中 文\r\n\r\nHello   world\u{3000}!\n\n";
        let n = normalize(orig);
        assert_eq!(paras(&n), vec!["中文", "Hello world !"]);
        let cases: &[(&str, &str, &str)] = &[
            ("first paragraph", "中文", "中 文"),
            ("first char", "中", "中"),
            ("second char", "文", "文"),
            ("collapsed run", "Hello world", "Hello   world"),
            ("word", "world", "world"),
            ("space", "world !", "world\u{3000}!"),
        ];
        for &(label, needle, want) in cases {
            let p = n.text().find(needle).unwrap();
            let span = n.original_span(p..p + needle.len());
            assert_eq!(&orig[span], want, "{label}");
        }
        // The separator stands for the blank lines.
        let p = n.text().find('\n').unwrap();
        assert_eq!(&orig[n.original_span(p..p + 1)], "\r\n\r\n");
        // Empty and out-of-range ranges do not panic.
        let len = n.text().len();
        assert_eq!(n.original_span(0..0), 2..2);
        let _ = n.original_span(len + 5..len + 10);
        #[allow(clippy::reversed_empty_ranges)]
        let r = n.original_span(5..2);
        assert!(r.is_empty());
        assert_eq!(n.original_offset(len), orig.len() - 2);
        check_map(orig, &n).unwrap();
    }

    #[test]
    fn dehyphenated_span() {
        let long = "The quick brown fox jumps over the lazy dog and keeps on running";
        let orig = format!("{long} inter-\n  national law.");
        let n = normalize(&orig);
        let p = n.text().find("international").unwrap();
        let span = n.original_span(p..p + "international".len());
        assert_eq!(&orig[span], "inter-\n  national");
        let p = n.text().find("inter").unwrap();
        assert_eq!(&orig[n.original_span(p..p + 5)], "inter");
        let p = n.text().find("national").unwrap();
        assert_eq!(&orig[n.original_span(p..p + 8)], "national");
    }

    #[test]
    fn fold_width_cases() {
        let cases = [
            ('Ａ', 'A'),
            ('１', '1'),
            ('！', '!'),
            ('～', '~'),
            ('\u{3000}', ' '),
            ('中', '中'),
            ('a', 'a'),
            ('。', '。'),
            ('｟', '｟'),
        ];
        for (c, want) in cases {
            assert_eq!(fold_width(c), want, "{c}");
        }
    }

    #[test]
    fn sparse_map() {
        // Single spaces and LF line breaks turned into spaces cost nothing.
        let line = "word ".repeat(20) + "end\n";
        let orig = line.repeat(1000);
        let n = normalize(&orig);
        assert_eq!(n.len(), 1);
        assert!(n.map_len() <= 2, "{}", n.map_len());
        let orig = orig.replace('\n', "\r\n");
        let n = normalize(&orig);
        assert!(n.map_len() <= 2 + 1000, "{}", n.map_len());
        check_map(&orig, &n).unwrap();
    }

    #[test]
    fn large_inputs_are_linear() {
        let line = "中文文本，".repeat(700_000) + "x";
        let n = normalize(&line);
        assert_eq!(n.len(), 1);
        let many = "short line\n".repeat(1_000_000);
        let n = normalize(&many);
        assert_eq!(n.len(), 1_000_000);
        let n = normalize_lines(&many);
        assert_eq!(n.len(), 1_000_000);
        let wrapped =
            "a fairly long line of wrapped text with no final stop at all\n".repeat(200_000);
        let n = normalize(&wrapped);
        assert_eq!(n.len(), 1);
    }

    /// Strings over an alphabet that exercises every rule.
    fn tricky() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let atoms = prop::sample::select(vec![
            "a", "Z", "word", "-", "中", "文", "。", "，", "“", "”", "…", "1", "42", " ", "  ",
            "\t", "\n", "\r\n", "\r", "\n\n", "\u{2028}", "\u{2029}", "\u{3000}", "\u{A0}",
            "\u{200B}", "\u{FEFF}", "\u{1}", ".", "Mr.", ":", "•", "(a)", "1.", "一、", "é", "Ａ",
            "ｶ", "\u{85}", "\u{C}",
        ]);
        prop::collection::vec(atoms, 0..60).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #[test]
        fn map_invariants_tricky(s in tricky()) {
            let n = normalize(&s);
            proptest::prop_assert!(check_map(&s, &n).is_ok(), "{:?}", check_map(&s, &n));
            let n = normalize_lines(&s);
            proptest::prop_assert!(check_map(&s, &n).is_ok(), "{:?}", check_map(&s, &n));
        }

        #[test]
        fn map_invariants_any(s in "\\PC*|.*") {
            let n = normalize(&s);
            proptest::prop_assert!(check_map(&s, &n).is_ok(), "{:?}", check_map(&s, &n));
            let n = normalize_lines(&s);
            proptest::prop_assert!(check_map(&s, &n).is_ok(), "{:?}", check_map(&s, &n));
        }

        #[test]
        fn presplit_is_idempotent_and_local(s in tricky()) {
            let n = normalize_lines(&s);
            for (i, r) in n.paragraphs().iter().enumerate() {
                let para = &n.text()[r.clone()];
                // The original of a line, normalised alone, gives the same line.
                let span = n.original_span(r.clone());
                let again = normalize_lines(&s[span]);
                let again_text: Vec<&str> = again.paragraph_texts().collect();
                let want: Vec<&str> = if para.is_empty() { vec![] } else { vec![para] };
                proptest::prop_assert_eq!(&again_text, &want, "line {}", i);
                // Normalising a normalised line changes nothing.
                let twice = normalize_lines(para);
                proptest::prop_assert_eq!(twice.paragraph_texts().collect::<Vec<_>>(), want);
            }
        }
    }
}
