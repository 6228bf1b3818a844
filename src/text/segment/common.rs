//! Machinery shared by the splitters: blank-line breaks, turning break offsets into trimmed
//! sentence ranges, and the maximum-length guard that splits runaway sentences at clause
//! boundaries.

use std::ops::Range;

use crate::chars::{is_attached, is_line_end};

/// Rank of a clause boundary for the maximum-length guard: lower is better. The guard cuts
/// right after a char whose rank is `Some(r)`; `next` is the char that follows it.
pub(crate) type ClauseRank = fn(c: char, next: Option<char>) -> Option<u8>;

/// The clause boundaries of an alphabetic language for the maximum-length guard: `;` (and
/// the Arabic `؛`), then `,` (and `،`), when whitespace follows.
pub(crate) fn clause_rank(c: char, next: Option<char>) -> Option<u8> {
    if !next.is_some_and(char::is_whitespace) {
        return None;
    }
    match c {
        ';' | '؛' => Some(1),
        ',' | '،' => Some(2),
        _ => None,
    }
}

/// The two methods of a splitter's maximum sentence length (its field `max_chars`), with
/// the visibility `$vis`: the same for every splitter.
macro_rules! max_chars_methods {
    ($vis:vis) => {
        /// Maximum sentence length in chars; longer sentences are split again at clause
        /// boundaries. `0` means no limit.
        #[must_use]
        $vis fn with_max_chars(mut self, max_chars: usize) -> Self {
            self.max_chars = max_chars;
            self
        }

        /// Maximum sentence length in chars (`0`: no limit).
        $vis fn max_chars(&self) -> usize {
            self.max_chars
        }
    };
}
pub(crate) use max_chars_methods;

/// Rank given to a whitespace run (a cut between two words).
const WHITESPACE_RANK: u8 = 3;
/// Rank of a hard cut between two arbitrary chars: always available, used last.
const HARD_RANK: u8 = 4;

/// Pushes a break offset for every blank line (two line ends with only whitespace between
/// them) and every paragraph separator (U+2029) in `text`. The input should be one paragraph,
/// but if it is not, a paragraph boundary is always a sentence boundary.
pub(crate) fn blank_line_breaks(text: &str, out: &mut Vec<usize>) {
    // Fast exit: no line end that could form a blank line.
    if !text
        .bytes()
        .any(|b| matches!(b, b'\n' | b'\r' | 0x0B | 0x0C | 0xC2 | 0xE2))
    {
        return;
    }
    // `after_line_end` is true when a line end has been seen and only whitespace since.
    let mut after_line_end = false;
    let mut prev_cr = false;
    for (i, c) in text.char_indices() {
        if c == '\u{2029}' {
            out.push(i);
            after_line_end = true;
            prev_cr = false;
        } else if is_line_end(c) {
            if c == '\n' && prev_cr {
                // CR LF is one line end.
                prev_cr = false;
                continue;
            }
            if after_line_end {
                out.push(i);
            }
            after_line_end = true;
            prev_cr = c == '\r';
        } else {
            prev_cr = false;
            if !c.is_whitespace() {
                after_line_end = false;
            }
        }
    }
}

/// Turns sorted break offsets into sentence ranges: every piece between two breaks is trimmed
/// of whitespace, empty pieces are dropped, and pieces longer than `max_chars` chars (0: no
/// limit) are split again by [`push_limited`]. Breaks need not be unique; each must lie on a
/// char boundary of `text`.
pub(crate) fn ranges_from_breaks(
    text: &str,
    breaks: &[usize],
    max_chars: usize,
    rank: ClauseRank,
) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(breaks.len() + 1);
    let mut start = 0;
    for &b in breaks.iter().chain(std::iter::once(&text.len())) {
        if b <= start || b > text.len() {
            continue;
        }
        if let Some(r) = trim(text, start..b) {
            push_limited(text, r, max_chars, rank, &mut out);
        }
        start = b;
    }
    out
}

/// `range` without its leading and trailing whitespace, or `None` if nothing is left.
#[inline]
pub(crate) fn trim(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let piece = text.get(range.clone())?;
    let left = piece.trim_start();
    let start = range.start + (piece.len() - left.len());
    let both = left.trim_end();
    if both.is_empty() {
        None
    } else {
        Some(start..start + both.len())
    }
}

/// Pushes `range` (already trimmed) to `out`, split into pieces of at most `max_chars` chars
/// when it is longer. Each cut is chosen inside the window that keeps both the piece under the
/// maximum and the pieces balanced (the remainder is divided into equal shares): the best
/// ranked clause boundary in the window, the one nearest to the ideal share when several have
/// that rank; failing any, a whitespace run; failing that, a hard cut between two chars.
/// Every piece is at least a quarter of the maximum long, so the work is linear.
pub(crate) fn push_limited(
    text: &str,
    range: Range<usize>,
    max_chars: usize,
    rank: ClauseRank,
    out: &mut Vec<Range<usize>>,
) {
    // A piece of at most `max_chars` bytes has at most that many chars.
    if max_chars == 0 || range.len() <= max_chars {
        out.push(range);
        return;
    }
    let Some(piece) = text.get(range.clone()) else {
        return;
    };
    let chars: Vec<(usize, char)> = piece.char_indices().collect();
    let n = chars.len();
    if n <= max_chars {
        out.push(range);
        return;
    }
    let byte_at = |ci: usize| -> usize {
        chars
            .get(ci)
            .map_or(range.end, |&(off, _)| range.start + off)
    };
    let mut start = 0usize;
    loop {
        while start < n && chars[start].1.is_whitespace() {
            start += 1;
        }
        if start >= n {
            return;
        }
        let remaining = n - start;
        if remaining <= max_chars {
            if let Some(r) = trim(text, byte_at(start)..range.end) {
                out.push(r);
            }
            return;
        }
        let shares = remaining.div_ceil(max_chars);
        let share = remaining / shares; // more than max_chars / 2
        let lo = start + (share / 2).max(1);
        let hi = start + max_chars; // < n
        let ideal = start + share;
        let cut = best_cut(&chars, lo, hi, ideal, rank);
        if let Some(r) = trim(text, byte_at(start)..byte_at(cut)) {
            out.push(r);
        }
        start = cut;
    }
}

/// The best cut index `c` in `lo..=hi` (the piece ends before char `c`); see [`push_limited`].
/// Requires `1 <= lo <= hi < chars.len()`.
fn best_cut(
    chars: &[(usize, char)],
    lo: usize,
    hi: usize,
    ideal: usize,
    rank: ClauseRank,
) -> usize {
    let mut best: Option<(u8, usize, usize)> = None; // (rank, distance, cut)
    for cut in lo..=hi {
        let before = chars[cut - 1].1;
        let at = chars[cut].1;
        let r = if before.is_whitespace() {
            None
        } else {
            rank(before, Some(at)).or(at.is_whitespace().then_some(WHITESPACE_RANK))
        };
        let Some(r) = r else { continue };
        let d = cut.abs_diff(ideal);
        let better = match best {
            None => true,
            Some((br, bd, _)) => (r, d) < (br, bd),
        };
        if better {
            best = Some((r, d, cut));
        }
    }
    if let Some((r, _, cut)) = best {
        if r < HARD_RANK {
            return cut;
        }
    }
    // Hard cut: the ideal position, moved back (then forward) off attached chars.
    let mut cut = ideal.clamp(lo, hi);
    let mut steps = 0;
    while cut > lo && steps < 8 && is_attached(chars[cut].1) {
        cut -= 1;
        steps += 1;
    }
    if is_attached(chars[cut].1) {
        let mut c = ideal.clamp(lo, hi);
        while c < hi && is_attached(chars[c].1) {
            c += 1;
        }
        if !is_attached(chars[c].1) {
            cut = c;
        }
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comma_rank(c: char, _next: Option<char>) -> Option<u8> {
        (c == ',').then_some(1)
    }

    fn pieces(text: &str, max: usize) -> Vec<&str> {
        ranges_from_breaks(text, &[], max, comma_rank)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn no_limit_keeps_everything() {
        assert_eq!(pieces("  abc def  ", 0), vec!["abc def"]);
    }

    #[test]
    fn cuts_at_the_comma_nearest_the_middle() {
        assert_eq!(
            pieces("aaaa, bbbb, cccc, dddd", 15),
            vec!["aaaa, bbbb,", "cccc, dddd"]
        );
    }

    #[test]
    fn falls_back_to_whitespace_then_hard_cut() {
        assert_eq!(pieces("aaaa bbbb cccc", 10), vec!["aaaa bbbb", "cccc"]);
        assert_eq!(pieces("abcdefghij", 4), vec!["abc", "def", "ghij"]);
    }

    #[test]
    fn blank_lines_break() {
        let mut out = Vec::new();
        blank_line_breaks("a\nb\n \r\nc\u{2029}d", &mut out);
        assert_eq!(out, vec![5, 8]);
    }
}
