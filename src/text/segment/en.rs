//! English sentence splitting.
//!
//! Candidate boundaries come from two sources: the UAX #29 sentence boundaries of
//! `unicode-segmentation` (which know the terminators of every script) and a scan for
//! terminator runs (`.`, `?`, `!`, `…`, `。`, ...) with their closing quotes and brackets, which
//! also finds the places UAX #29 misses (a sentence starting with a digit or a symbol after a
//! full stop: `... territories. 85 citizens were injured`; a capitalised word after `…`).
//! Each candidate is then accepted or rejected by the rules below, which repair the known
//! errors of UAX #29:
//!
//! - no break without whitespace after an ASCII terminator (`3.5`, `E/CN.4/2005/L.10`,
//!   `www.un.org`, `U.S.`), nor at a single line break (a blank line always breaks);
//! - no break before a lowercase word, even after `!` or `?` (`"Stop!" he said.`);
//! - after `?`, `!` and CJK terminators, a break before anything else, except before a
//!   speech tag after a closing quote (`"Where is it?" Wang asked.` is one sentence; a
//!   capitalised pronoun, `"Is it done?" He shook his head.`, starts a new one);
//! - after a dash and a closing quote (interrupted speech), a break before a capitalised
//!   word (`'But I—' 'You what?'`);
//! - after an ellipsis, a break only before a capitalised word that does not repeat the word
//!   before it (`I... I don't know` stays whole);
//! - after a single full stop:
//!   - no break after an enumerator that starts the sentence or follows `:`/`;`
//!     (`1. Introduction`, `IV. Conclusions`, `(a) ...: 2. Requests ...`, `i. ...`);
//!   - abbreviations (see the tables in `src/chars/abbreviations.rs`): titles and Latin abbreviations
//!     never end a sentence (`Mr.`, `Dr.`, `e.g.`, `cf.`); number prefixes end one only
//!     before a word, not before a number (`No. 5`, `para. 12`, `pp. 4-6`, `Sept. 11`);
//!     ambiguous ones (`Inc.`, `U.S.`, `a.m.`, `Ph.D.`, `et al.` and any dotted acronym) end
//!     one only before a typical sentence starter (`The`, `It`, `However`, ...);
//!   - an initial (`J. R. R. Tolkien`, `George W. Bush`) ends a sentence only before a
//!     typical sentence starter or a non-letter (`... Plan B. The plan ...`);
//!   - `etc.` is an ordinary word: it ends a sentence before a capitalised word or a number;
//!   - a closing quote after the full stop ends the utterance whatever the word before it
//!     (`... at one o'clock A.M." "Fine."`), titles apart;
//!   - otherwise a break before anything but a lowercase word, including digits, brackets
//!     and symbols.
//!
//! A sentence longer than [`EnSplitter::max_chars`] is split again at the best clause
//! boundary (`;`, then `:`, then `,`, then whitespace, then a hard cut).
//!
//! UAX #29 as implemented by `unicode-segmentation` is quadratic on long runs of spaces or
//! closing punctuation after a full stop; it is therefore run on chunks cut inside any run of
//! 256 chars without a common letter, which keeps the whole splitter linear. It is skipped
//! for pure ASCII text, where every boundary it finds is also found by the scan.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::common;
use super::SentenceSplitter;
use crate::chars::abbreviations::{self, Abbrev};
use crate::chars::{
    is_closer, is_closing_quote, is_common_letter, is_dash, is_inverted_mark, is_line_end,
    is_opener, sentence_terminator, Terminator,
};

/// Longest token before a full stop that is examined for abbreviations, in chars.
const MAX_TOKEN: usize = 40;
/// How far to look back or ahead over whitespace and quotes/brackets, in chars.
const LOOK: usize = 16;
/// Chunk UAX #29 inside runs of this many chars without a common letter.
const UAX_CHUNK_RUN: usize = 256;

/// Sentence splitter for English paragraphs.
///
/// ```
/// use bialign::text::{EnSplitter, SentenceSplitter};
///
/// let text = "Mr. Smith arrived at 10 a.m. on 5 Jan. 2021. \"Stop!\" he said. 85 people left.";
/// let en = EnSplitter::new();
/// let sentences: Vec<&str> = en.split(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(
///     sentences,
///     ["Mr. Smith arrived at 10 a.m. on 5 Jan. 2021.", "\"Stop!\" he said.", "85 people left."]
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnSplitter {
    max_chars: usize,
}

impl Default for EnSplitter {
    fn default() -> Self {
        Self::new()
    }
}

impl EnSplitter {
    /// Default maximum sentence length in chars.
    pub const DEFAULT_MAX_CHARS: usize = 1000;

    /// A splitter with the default options: sentences of at most
    /// [`Self::DEFAULT_MAX_CHARS`] chars.
    pub fn new() -> Self {
        EnSplitter {
            max_chars: Self::DEFAULT_MAX_CHARS,
        }
    }

    common::max_chars_methods!(pub);

    /// Byte offsets where a new sentence starts (sorted, possibly repeated).
    fn breaks(&self, text: &str) -> Vec<usize> {
        let mut blank = Vec::new();
        common::blank_line_breaks(text, &mut blank);
        let candidates = candidates(text);
        let mut breaks = Vec::with_capacity(candidates.len() + blank.len());
        let mut last_break = 0;
        let mut bi = 0;
        for cand in &candidates {
            while bi < blank.len() && blank[bi] <= cand.next {
                last_break = last_break.max(blank[bi]);
                breaks.push(blank[bi]);
                bi += 1;
            }
            if decide(text, cand, last_break) {
                breaks.push(cand.next);
                last_break = cand.next;
            }
        }
        breaks.extend_from_slice(&blank[bi..]);
        breaks
    }
}

impl SentenceSplitter for EnSplitter {
    fn split(&self, paragraph: &str) -> Vec<Range<usize>> {
        let breaks = self.breaks(paragraph);
        common::ranges_from_breaks(paragraph, &breaks, self.max_chars, en_rank)
    }
}

/// A candidate boundary: a run of terminators and closing quotes/brackets `[term, ws)`,
/// whitespace `[ws, next)`, and the next sentence would start at `next`.
#[derive(Clone, Debug)]
struct Candidate {
    term: usize,
    ws: usize,
    next: usize,
    kind: Kind,
    /// The run holds a closing quote.
    quoted: bool,
}

/// What ends the text before a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A single full stop.
    Period,
    /// Two or more full stops, or `…`.
    Ellipsis,
    /// `?`, `!` and the like.
    Strong,
    /// A CJK terminator (`。！？`), which needs no space after it.
    Cjk,
    /// A dash directly before a closing quote (interrupted speech: `but I—' 'You what?'`).
    Dash,
    /// A boundary found by UAX #29 alone (a terminator of another script).
    Uax,
}

/// Terminator chars and their kind.
fn terminator(c: char) -> Option<Kind> {
    Some(match sentence_terminator(c)? {
        Terminator::FullStop => Kind::Period,
        Terminator::Ellipsis => Kind::Ellipsis,
        Terminator::Strong => Kind::Strong,
        Terminator::Ideographic => Kind::Cjk,
    })
}

/// All candidates of `text`, sorted by `next`, one per position.
fn candidates(text: &str) -> Vec<Candidate> {
    let own = scan_terminators(text);
    let mut uax = Vec::new();
    // In ASCII text every UAX #29 boundary follows `.`, `?`, `!` (found by the scan) or a
    // line break (ignored), so UAX #29 would add nothing.
    if !text.is_ascii() {
        uax_boundaries(text, &mut uax);
    }
    let mut out = Vec::with_capacity(own.len() + 4);
    let mut oi = 0;
    for b in uax {
        // Own candidates before b come first; a UAX boundary inside one is the same boundary.
        while oi < own.len() && own[oi].next < b {
            out.push(own[oi].clone());
            oi += 1;
        }
        if oi < own.len() && own[oi].term <= b {
            continue;
        }
        // A boundary at a line break only: not a sentence boundary (blank lines are
        // handled separately).
        if text[..b].chars().next_back().is_some_and(is_line_end) {
            continue;
        }
        let Some((next, _)) = text[b..].char_indices().find(|(_, c)| !c.is_whitespace()) else {
            continue;
        };
        let next = b + next;
        if oi < own.len() && own[oi].next == next {
            continue;
        }
        let ws = text[..next].trim_end().len();
        if out.last().is_some_and(|c: &Candidate| c.next >= next) {
            continue;
        }
        out.push(Candidate {
            term: ws,
            ws,
            next,
            kind: Kind::Uax,
            quoted: false,
        });
    }
    out.extend_from_slice(&own[oi..]);
    out
}

/// Candidates after every run of terminators (with closing quotes/brackets) of `text`.
fn scan_terminators(text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some((i, c, first)) = text.get(pos..).and_then(|rest| {
        rest.char_indices().find_map(|(k, c)| {
            let kind = terminator(c).or_else(|| {
                (is_dash(c) && rest[k + c.len_utf8()..].starts_with(is_closing_quote))
                    .then_some(Kind::Dash)
            })?;
            Some((pos + k, c, kind))
        })
    }) {
        let mut kind = first;
        let mut dots = usize::from(first == Kind::Period);
        let mut quoted = false;
        let mut ws = i + c.len_utf8();
        for d in text[ws..].chars() {
            match terminator(d) {
                Some(k) => {
                    kind = combine(kind, k);
                    dots += usize::from(k == Kind::Period);
                }
                None if is_closer(d) => quoted |= is_closing_quote(d),
                None => break,
            }
            ws += d.len_utf8();
        }
        if kind == Kind::Period && dots >= 2 {
            kind = Kind::Ellipsis;
        }
        let after = &text[ws..];
        let next = ws + (after.len() - after.trim_start().len());
        out.push(Candidate {
            term: i,
            ws,
            next,
            kind,
            quoted,
        });
        pos = next;
    }
    out
}

/// Combines the kinds of the terminators of one run.
fn combine(a: Kind, b: Kind) -> Kind {
    use Kind::*;
    match (a, b) {
        (Dash, k) | (k, Dash) => k,
        (Cjk, _) | (_, Cjk) => Cjk,
        (Strong, _) | (_, Strong) => Strong,
        (Ellipsis, _) | (_, Ellipsis) => Ellipsis,
        _ => Period,
    }
}

/// UAX #29 boundaries of `text` (excluding 0), computed chunk by chunk (see the module docs).
fn uax_boundaries(text: &str, out: &mut Vec<usize>) {
    let mut chunk_start = 0;
    let mut run = 0;
    for (i, c) in text.char_indices() {
        if is_common_letter(c) {
            run = 0;
        } else {
            run += 1;
            if run >= UAX_CHUNK_RUN {
                uax_chunk(text, chunk_start, i, out);
                chunk_start = i;
                run = 0;
            }
        }
    }
    uax_chunk(text, chunk_start, text.len(), out);
}

fn uax_chunk(text: &str, start: usize, end: usize, out: &mut Vec<usize>) {
    if let Some(chunk) = text.get(start..end) {
        out.extend(
            chunk
                .split_sentence_bound_indices()
                .map(|(off, _)| start + off)
                .filter(|&b| b > start),
        );
    }
}

/// Whether the candidate is a sentence boundary. `last_break` is the start of the current
/// sentence.
fn decide(text: &str, cand: &Candidate, last_break: usize) -> bool {
    if cand.next >= text.len() {
        return false;
    }
    let (q, nc) = skip_openers(text, cand.next);
    let lower = nc.is_some_and(char::is_lowercase);
    match cand.kind {
        Kind::Uax => return !lower,
        Kind::Cjk => return true,
        _ => {}
    }
    if cand.ws == cand.next || lower {
        return false;
    }
    // Never before punctuation that continues a sentence (`. . .`, `etc.,`).
    if nc.is_some_and(|c| terminator(c).is_some() || matches!(c, ',' | ';' | ':')) {
        return false;
    }
    let upper = nc.is_some_and(char::is_uppercase);
    let next_word = word_at(text, q);
    match cand.kind {
        // `"Where?" Wang asked.`: a quoted question with its speech tag is one sentence.
        Kind::Strong => {
            return !(cand.quoted && q == cand.next && speech_tag_follows(text, q, next_word));
        }
        Kind::Ellipsis => {
            return upper && !same_word(word_before(text, cand.term), next_word);
        }
        Kind::Dash => return upper,
        _ => {}
    }
    // A single full stop.
    let (tok_start, tok) = token_before(text, cand.term);
    if tok.is_empty() {
        return true;
    }
    if is_enumerator(tok) && at_sentence_start(text, tok_start, last_break) {
        return false;
    }
    // A closing quote after the full stop ends the utterance, whatever came before it
    // (`... at one o'clock A.M." "Wow!"`), unless it is a title (`Mr.`).
    if cand.quoted {
        return abbreviations::lookup(tok) != Some(Abbrev::Never);
    }
    match abbreviations::lookup(tok) {
        Some(Abbrev::Never) => false,
        Some(Abbrev::Number) => !starts_number(text, q),
        Some(Abbrev::Maybe) => abbreviations::is_starter(next_word),
        None if is_initial(tok) => {
            abbreviations::is_starter(next_word) || !nc.is_some_and(char::is_alphabetic)
        }
        None => true,
    }
}

/// Skips opening quotes and brackets (and `¿ ¡`) from byte `i` (at most [`LOOK`]); returns the offset and
/// char reached.
fn skip_openers(text: &str, i: usize) -> (usize, Option<char>) {
    for (n, (k, c)) in text[i..].char_indices().enumerate() {
        if n >= LOOK || !(is_opener(c) || is_inverted_mark(c)) {
            return (i + k, Some(c));
        }
    }
    (text.len(), None)
}

/// The word (letters and apostrophes, at most 20 chars) starting at byte `i`.
fn word_at(text: &str, i: usize) -> &str {
    let rest = &text[i..];
    let mut end = 0;
    for (n, (k, c)) in rest.char_indices().enumerate() {
        if n >= 20 || !(c.is_alphabetic() || c == '\'' || c == '’') {
            break;
        }
        end = k + c.len_utf8();
    }
    &rest[..end]
}

/// The run of letters and digits (at most 20 chars) ending at byte `i`.
fn word_before(text: &str, i: usize) -> &str {
    let head = &text[..i];
    let mut start = i;
    for (n, (k, c)) in head.char_indices().rev().enumerate() {
        if n >= 20 || !c.is_alphanumeric() {
            break;
        }
        start = k;
    }
    &head[start..]
}

/// Case-insensitive equality of two non-empty words (`b` up to an apostrophe: `I... I've`).
fn same_word(a: &str, b: &str) -> bool {
    let b = b.split(['\'', '’']).next().unwrap_or(b);
    !a.is_empty()
        && a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
}

/// Whether a speech tag (`Wang asked`, `cried the old man`) follows at byte `i`, whose first
/// word is `first`: a speech verb among the next three words, and the first word is not a
/// pronoun (`He said ...` after a closing quote starts a new sentence).
fn speech_tag_follows(text: &str, i: usize, first: &str) -> bool {
    if abbreviations::is_pronoun(first) {
        return false;
    }
    let mut end = (i + 60).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[i..end]
        .split_whitespace()
        .take(3)
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .any(abbreviations::is_speech_verb)
}

/// The token before the full stop at byte `i`: letters, digits and `.-/'&_@` (an empty token
/// if there is none or it is longer than [`MAX_TOKEN`] chars). Leading apostrophes and
/// hyphens are dropped.
fn token_before(text: &str, i: usize) -> (usize, &str) {
    let head = &text[..i];
    let mut start = i;
    for (n, (k, c)) in head.char_indices().rev().enumerate() {
        let token_char =
            c.is_alphanumeric() || matches!(c, '.' | '-' | '/' | '\'' | '’' | '&' | '_' | '@');
        if !token_char {
            break;
        }
        if n >= MAX_TOKEN {
            return (i, "");
        }
        start = k;
    }
    let tok = head[start..].trim_start_matches(['\'', '’', '-']);
    (i - tok.len(), tok)
}

/// `1`, `12`, `1.2`, `iv`, `XII`, `a`, `B`: a list or section number.
fn is_enumerator(tok: &str) -> bool {
    let b = tok.as_bytes();
    if b.len() == 1 {
        return b[0].is_ascii_alphanumeric();
    }
    if b.len() <= 8 && b[0].is_ascii_digit() && b.iter().all(|&c| c.is_ascii_digit() || c == b'.') {
        return true;
    }
    b.len() <= 6
        && (b.iter().all(|c| b"ivxlcdm".contains(c)) || b.iter().all(|c| b"IVXLCDM".contains(c)))
}

/// A single capital letter: an initial (`W` in `George W. Bush`).
fn is_initial(tok: &str) -> bool {
    let mut chars = tok.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// Whether the token starting at byte `tok_start` begins the current sentence (only
/// whitespace and opening brackets between it and `last_break`, or the start of the text) or
/// follows a colon or semicolon (an item of an inline list).
fn at_sentence_start(text: &str, tok_start: usize, last_break: usize) -> bool {
    let head = &text[..tok_start];
    let mut reached = tok_start;
    for (n, (k, c)) in head.char_indices().rev().enumerate() {
        if n >= LOOK {
            return false;
        }
        if c.is_whitespace() || matches!(c, '(' | '[') {
            reached = k;
            continue;
        }
        return matches!(c, ':' | ';') || (last_break >= reached && last_break <= tok_start);
    }
    true
}

/// Whether a number starts at byte `i`: a digit, `#`/`+` and a digit, or a Roman numeral
/// followed by a non-letter (a lone `I` only before `,`, `)`, `.`, `;` or the end, since
/// it is usually the pronoun).
fn starts_number(text: &str, i: usize) -> bool {
    let rest = &text.as_bytes()[i..];
    match rest.first() {
        Some(b) if b.is_ascii_digit() => return true,
        Some(b'#' | b'+') => return rest.get(1).is_some_and(u8::is_ascii_digit),
        _ => {}
    }
    let n = rest
        .iter()
        .take(8)
        .take_while(|c| b"IVXLCDMivxlcdm".contains(c))
        .count();
    if n == 0 || n > 7 {
        return false;
    }
    match rest.get(n) {
        None => true,
        Some(c) if c.is_ascii_alphabetic() => false,
        Some(c) if n == 1 && (rest[0] == b'I' || rest[0] == b'i') => {
            matches!(c, b',' | b')' | b'.' | b';')
        }
        Some(_) => true,
    }
}

/// Clause boundaries for the maximum-length guard: after `;`, `:`, `,`, dashes and quotes
/// followed by whitespace.
fn en_rank(c: char, next: Option<char>) -> Option<u8> {
    if !next.is_some_and(char::is_whitespace) {
        return None;
    }
    match c {
        '?' | '!' | ';' | '；' => Some(0),
        ':' | '.' | '：' | '。' => Some(1),
        ',' | '—' | '–' | '”' | '"' | ')' | '，' => Some(2),
        _ => None,
    }
}
