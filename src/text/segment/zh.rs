//! Chinese sentence splitting.
//!
//! A single left-to-right scan over the paragraph. A sentence ends after a run of
//! terminators (`。！？` in any width, `!!`, `？！`, `。。。`, ...) together with the closing
//! quotes and brackets that follow it (`”’」』）)》】`); the next sentence starts at the next
//! non-whitespace char, typically an opening quote. The conventions follow the reference
//! segmentation of literary aligned corpora (MAC, Bertalign): `他说：“你来了？”她点点头。`
//! gives `他说：“你来了？”` and `她点点头。`, and `“走吧！”他说。` gives `“走吧！”` and
//! `他说。`; a colon never ends a sentence.
//!
//! No break happens:
//! - inside book titles `《》`/`〈〉` or brackets `（）`/`()` (nesting is tracked; an opening
//!   bracket protects at most 200 / 100 chars, so a stray bracket cannot
//!   disable splitting for the rest of a long paragraph). A bracket that opens a sentence and
//!   ends with a terminator, as in `（见附件。）`, is a sentence of its own;
//! - when the run is followed by `，、；：` or by `的` (a quoted sentence used as a noun:
//!   `“为什么？”的问题`);
//! - at `.` between digits (`3.5`); an ASCII `.` ends a sentence only between Han text (a
//!   full stop in PDF output, `完成.下一步`), so Latin abbreviations and URLs are left alone;
//! - at `!`/`?` directly followed by an ASCII letter, digit or URL char (`?id=5`);
//! - at `；` and at `…`/`……`/`...` inside text (`我…… 我不知道`), unless enabled with
//!   [`ZhSplitter::with_semicolon_breaks`] / [`ZhSplitter::with_ellipsis_breaks`].
//!
//! An ellipsis or a dash does end a sentence, even with the option off, when a closing quote
//! follows it (`“不过……”他没有说下去。`, `“你为什么——”说到这里`: the utterance is over, as
//! the reference segmentations have it without exception), and an ellipsis does before an
//! opening quote (`歌声……“谁在唱？”`). An ellipsis separated by a space from the sentence
//! end before it (`。” ……`) belongs to that sentence.
//!
//! A blank line inside the paragraph is always a break. A sentence longer than
//! [`ZhSplitter::max_chars`] is split again at the best clause boundary (a protected
//! terminator, then `；：`, then `，、`, then whitespace, then a hard cut).

use std::ops::Range;

use super::common;
use super::SentenceSplitter;
use crate::chars::{
    is_cjk_closer, is_cjk_closing_quote, is_cjk_opener, is_cjk_opening_quote, is_closer,
    is_digit_any_width, is_ellipsis, is_han_ideograph, is_long_dash, is_zh_list_numeral,
    sentence_terminator, Terminator,
};

/// How many chars after an opening `（`/`(` are protected from sentence breaks before the
/// bracket is taken to be unbalanced.
const PAREN_SPAN: usize = 200;
/// How many chars after an opening `《`/`〈` are protected from sentence breaks before the
/// title mark is taken to be unbalanced.
const TITLE_SPAN: usize = 100;
/// Upper bound on tracked bracket nesting.
const MAX_DEPTH: u32 = 32;
/// How far (in chars) to look past whitespace for a closing quote or the next char.
const LOOKAHEAD: usize = 16;

/// Sentence splitter for Chinese (simplified or traditional) paragraphs.
///
/// ```
/// use bialign::text::{SentenceSplitter, ZhSplitter};
///
/// let text = "他说：“你来了？”她点点头。“走吧！”他说。";
/// let zh = ZhSplitter::new();
/// let sentences: Vec<&str> = zh.split(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(sentences, ["他说：“你来了？”", "她点点头。", "“走吧！”", "他说。"]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZhSplitter {
    semicolon: bool,
    ellipsis: bool,
    max_chars: usize,
}

impl Default for ZhSplitter {
    fn default() -> Self {
        Self::new()
    }
}

impl ZhSplitter {
    /// Default maximum sentence length in chars.
    pub const DEFAULT_MAX_CHARS: usize = 400;

    /// A splitter with the default options: no break at `；` or `……`, sentences of at most
    /// [`Self::DEFAULT_MAX_CHARS`] chars.
    pub fn new() -> Self {
        ZhSplitter {
            semicolon: false,
            ellipsis: false,
            max_chars: Self::DEFAULT_MAX_CHARS,
        }
    }

    /// Also break after `；` (off by default).
    #[must_use]
    pub fn with_semicolon_breaks(mut self, on: bool) -> Self {
        self.semicolon = on;
        self
    }

    /// Also break after an ellipsis `…`, `……`, `⋯` or `...` when more text follows (off by
    /// default: literary text uses it mostly for pauses inside sentences). Without the option
    /// an ellipsis still ends a sentence before an opening quote or with a closing quote.
    #[must_use]
    pub fn with_ellipsis_breaks(mut self, on: bool) -> Self {
        self.ellipsis = on;
        self
    }

    /// Whether `；` ends a sentence.
    pub fn semicolon_breaks(&self) -> bool {
        self.semicolon
    }

    /// Whether an ellipsis ends a sentence.
    pub fn ellipsis_breaks(&self) -> bool {
        self.ellipsis
    }

    common::max_chars_methods!(pub);

    /// Byte offsets where a new sentence may start (sorted, possibly repeated).
    fn breaks(&self, text: &str) -> Vec<usize> {
        let mut breaks = Vec::new();
        common::blank_line_breaks(text, &mut breaks);
        let extra = breaks.len();
        let mut st = Brackets::default();
        let mut ci = 0usize; // index of the current char, in chars
        let mut has_content = false; // the current sentence has a non-whitespace char
        let mut i = 0usize;
        while let Some(c) = text.get(i..).and_then(|s| s.chars().next()) {
            st.expire(ci);
            if self.starts_run(text, i, c) {
                let protected = st.paren > 0 || st.title > 0;
                let in_title = st.title > 0;
                let run = self.scan_run(text, i, &mut st, &mut ci);
                let next_opens =
                    skip_whitespace(text, run.end).is_some_and(|(_, n, _)| is_cjk_opening_quote(n));
                // An ellipsis or dash ends a sentence with a closing quote (`……”` + text), or
                // before an opening quote, or always with the ellipsis option.
                let ends = run.term
                    || (run.quote_closed && (run.ellipsis || run.dash))
                    || (run.ellipsis && (self.ellipsis || next_opens));
                let breakable = ends
                    && (!protected
                        || (!in_title
                            && st.paren == 0
                            && st.title == 0
                            && run.closed_paren
                            && st.paren_at_start));
                has_content = true;
                if breakable && !continues(text, run.end, run.ends_with_closer, run.ascii_only) {
                    breaks.push(run.end);
                    has_content = false;
                }
                // Always make progress, even if the run turned out empty.
                if run.end > i {
                    i = run.end;
                } else {
                    i += c.len_utf8();
                    ci += 1;
                }
                continue;
            }
            match c {
                '（' | '(' => st.open_paren(ci, !has_content),
                '）' | ')' => st.close_paren(),
                '《' | '〈' => st.open_title(ci),
                '》' | '〉' => st.close_title(),
                '"' | '＂' => st.dquote_open = !st.dquote_open,
                _ => {}
            }
            if !c.is_whitespace() {
                has_content = true;
            }
            i += c.len_utf8();
            ci += 1;
        }
        if extra > 0 {
            breaks.sort_unstable();
        }
        breaks
    }

    /// Whether the char `c` at byte `i` starts a run of sentence-final punctuation.
    fn starts_run(&self, text: &str, i: usize, c: char) -> bool {
        match sentence_terminator(c) {
            Some(Terminator::Ideographic | Terminator::Ellipsis) => true,
            // ASCII `!`/`?` inside a Latin word or URL (`Yahoo!Mail`, `?id=5`) end nothing.
            Some(Terminator::Strong) => !c.is_ascii() || !next_is_word(text, i + 1),
            Some(Terminator::FullStop) if c == '.' => ascii_dot_ends(text, i),
            // A full-width full stop between digits is a decimal point (`3．5`).
            Some(Terminator::FullStop) => {
                !(prev_is_digit(text, i) && next_is_digit(text, i + c.len_utf8()))
            }
            None if c == '；' => self.semicolon,
            None => is_long_dash(c) && dash_before_quote(text, i),
        }
    }

    /// Scans the run of terminators, ellipses and closing quotes/brackets starting at `i`,
    /// updating the bracket state and the char index.
    fn scan_run(&self, text: &str, i: usize, st: &mut Brackets, ci: &mut usize) -> Run {
        let mut run = Run {
            end: i,
            term: false,
            ellipsis: false,
            closed_paren: false,
            ends_with_closer: false,
            ascii_only: true,
            dash: false,
            quote_closed: false,
        };
        let mut j = i;
        while let Some(c) = text.get(j..).and_then(|s| s.chars().next()) {
            match c {
                '!' | '?' => run.term = true,
                '.' => {
                    if text.as_bytes().get(j + 1) == Some(&b'.')
                        || (j > 0 && text.as_bytes()[j - 1] == b'.')
                    {
                        run.ellipsis = true;
                    } else {
                        run.term = true;
                    }
                }
                c if is_ellipsis(c) => {
                    run.ellipsis = true;
                    run.ascii_only = false;
                }
                c if sentence_terminator(c).is_some() => {
                    run.term = true;
                    run.ascii_only = false;
                }
                c if is_long_dash(c) => run.dash = true,
                '；' if self.semicolon => {
                    run.term = true;
                    run.ascii_only = false;
                }
                '）' | ')' => {
                    if st.paren == 1 {
                        run.closed_paren = true;
                    }
                    st.close_paren();
                }
                '》' | '〉' => st.close_title(),
                // A straight double quote closes only when one is open.
                '"' | '＂' if st.dquote_open => {
                    st.dquote_open = false;
                    run.quote_closed = true;
                }
                c if is_cjk_closing_quote(c) => run.quote_closed = true,
                '"' | '＂' => break,
                c if is_closer(c) => {}
                c if c.is_whitespace() => {
                    // Whitespace before an unambiguous closing quote ("。 ”") stays inside, and
                    // so does an ellipsis after a sentence end ("。” ……").
                    match skip_whitespace(text, j) {
                        Some((k, n, skipped))
                            if is_cjk_closer(n) || (run.term && is_ellipsis(n)) =>
                        {
                            j = k;
                            *ci += skipped;
                            continue;
                        }
                        _ => break,
                    }
                }
                _ => break,
            }
            run.ends_with_closer = is_closer(c);
            j += c.len_utf8();
            *ci += 1;
        }
        run.end = j;
        run
    }
}

impl SentenceSplitter for ZhSplitter {
    fn split(&self, paragraph: &str) -> Vec<Range<usize>> {
        let breaks = self.breaks(paragraph);
        common::ranges_from_breaks(paragraph, &breaks, self.max_chars, zh_rank)
    }
}

/// A run of sentence-final punctuation, see [`ZhSplitter::scan_run`].
struct Run {
    /// Byte offset just after the run.
    end: usize,
    /// The run holds a terminator (or `；` when enabled).
    term: bool,
    /// The run holds an ellipsis.
    ellipsis: bool,
    /// A closing bracket in the run closed the outermost `（`.
    closed_paren: bool,
    /// The last char of the run is a closing quote or bracket.
    ends_with_closer: bool,
    /// All terminators of the run are ASCII (`!`, `?`, `.`).
    ascii_only: bool,
    /// The run holds a dash (`——”`).
    dash: bool,
    /// The run holds a closing quotation mark.
    quote_closed: bool,
}

/// Bracket nesting state with expiry of unbalanced brackets.
#[derive(Default)]
struct Brackets {
    paren: u32,
    paren_open: usize,
    paren_at_start: bool,
    title: u32,
    title_open: usize,
    /// An odd number of straight double quotes has been seen.
    dquote_open: bool,
}

impl Brackets {
    fn expire(&mut self, ci: usize) {
        if self.paren > 0 && ci - self.paren_open > PAREN_SPAN {
            self.paren = 0;
        }
        if self.title > 0 && ci - self.title_open > TITLE_SPAN {
            self.title = 0;
        }
    }
    fn open_paren(&mut self, ci: usize, at_start: bool) {
        if self.paren == 0 {
            self.paren_open = ci;
            self.paren_at_start = at_start;
        }
        self.paren = (self.paren + 1).min(MAX_DEPTH);
    }
    fn close_paren(&mut self) {
        self.paren = self.paren.saturating_sub(1);
    }
    fn open_title(&mut self, ci: usize) {
        if self.title == 0 {
            self.title_open = ci;
        }
        self.title = (self.title + 1).min(MAX_DEPTH);
    }
    fn close_title(&mut self) {
        self.title = self.title.saturating_sub(1);
    }
}

/// Whether the text after a sentence-final run at byte `end` continues the sentence:
/// a comma, enumeration comma, semicolon or colon; `的` after a closing quote (but not
/// `的确`); a lowercase ASCII word after ASCII `!`/`?`. Also true at the end of the text
/// (no break is needed there).
fn continues(text: &str, end: usize, ends_with_closer: bool, ascii_only: bool) -> bool {
    let Some((k, n, _)) = skip_whitespace(text, end) else {
        return true;
    };
    match n {
        '，' | '、' | ',' | '；' | ';' | '：' | ':' => true,
        '的' if ends_with_closer => {
            let after = text.get(k + n.len_utf8()..).and_then(|s| s.chars().next());
            after != Some('确')
        }
        c if ascii_only && c.is_ascii_lowercase() => true,
        _ => false,
    }
}

/// The first non-whitespace char at or after byte `i`, within [`LOOKAHEAD`] chars: its byte
/// offset, the char, and the number of whitespace chars skipped. `None` at the end of the
/// text or when the whitespace run is longer.
fn skip_whitespace(text: &str, i: usize) -> Option<(usize, char, usize)> {
    let rest = text.get(i..)?;
    for (n, (k, c)) in rest.char_indices().enumerate() {
        if !c.is_whitespace() {
            return Some((i + k, c, n));
        }
        if n >= LOOKAHEAD {
            // A long whitespace run: treat as "something else follows".
            return Some((i + k, ' ', n));
        }
    }
    None
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn prev_is_digit(text: &str, i: usize) -> bool {
    prev_char(text, i).is_some_and(is_digit_any_width)
}

fn next_is_digit(text: &str, i: usize) -> bool {
    next_char(text, i).is_some_and(is_digit_any_width)
}

/// Whether the char at byte `i` continues an ASCII word or URL (`Yahoo!Mail`, `?id=5`).
fn next_is_word(text: &str, i: usize) -> bool {
    text.as_bytes()
        .get(i)
        .is_some_and(|&b| b.is_ascii_alphanumeric() || b"=&/_%#-".contains(&b))
}

/// Whether the dash at byte `i` (with the dashes after it) is directly followed by a closing
/// quotation mark: an interrupted utterance (`“你为什么——”`).
fn dash_before_quote(text: &str, i: usize) -> bool {
    text[i..]
        .chars()
        .take(8)
        .find(|&c| !is_long_dash(c))
        .is_some_and(is_cjk_closing_quote)
}

/// Whether the ASCII `.` at byte `i` ends a sentence: `...` is an ellipsis; otherwise only
/// when Han text (or a CJK closing quote) comes before it and Han text or a CJK opening
/// quote after it, and it is not a list mark like `一.` at the start of a sentence.
fn ascii_dot_ends(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    if bytes.get(i + 1) == Some(&b'.') {
        return true; // an ASCII ellipsis; the run decides
    }
    let Some(prev) = prev_char(text, i) else {
        return false;
    };
    if !(is_han_ideograph(prev) || is_cjk_closer(prev)) {
        return false;
    }
    if is_zh_list_numeral(prev) {
        let before = prev_char(text, i - prev.len_utf8());
        if !before.is_some_and(is_han_ideograph) {
            return false;
        }
    }
    match skip_whitespace(text, i + 1) {
        Some((_, n, _)) => is_han_ideograph(n) || is_cjk_opener(n),
        None => false,
    }
}

/// Clause boundaries for the maximum-length guard.
fn zh_rank(c: char, next: Option<char>) -> Option<u8> {
    let next_closes = next.is_some_and(is_closer);
    let next_digit = next.is_some_and(|n| n.is_ascii_digit());
    match c {
        '。' | '！' | '？' | '｡' | '…' | '⋯' | '‼' | '!' | '?' if !next_closes => {
            match next {
                Some('。' | '！' | '？' | '…' | '⋯' | '!' | '?') => None,
                _ => Some(0),
            }
        }
        '；' | '：' if !next_closes => Some(1),
        ';' | ':' if !next_closes && !next_digit => Some(1),
        '”' | '」' | '』' | '’' if !next_closes => Some(1),
        '，' | '、' if !next_closes => Some(2),
        ',' if !next_closes && !next_digit => Some(2),
        _ => None,
    }
}
