//! PDF with a text layer: the characters of each page with their positions (through the
//! fonts' encodings and `ToUnicode` maps, by `pdf-extract`), grouped into lines by their
//! baselines and the lines into paragraphs by layout, in the order the page draws them.
//!
//! A new paragraph starts where the gap between two baselines is more than 1.25 times the
//! document's usual line pitch for that font size (its median), where the font size
//! changes, or where the text goes back up the page (a new column). A word broken across
//! lines with a hyphen (`inter-` / `national`) is rejoined; other lines are joined with a
//! space (which the normaliser drops between Chinese characters). Small raised digits are
//! footnote marks and become superscript digits (`¹`), which the clean-up knows; small text
//! low on the page that starts with a mark (`*`, `1`, `¹`) is a footnote.
//!
//! A PDF without text (scanned pages) is an error that says so: bialign does no OCR.

use super::{Document, InputFormat, Paragraphs};
use crate::text::BlockKind;
use crate::{Error, Result};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// A paragraph breaks where two baselines are further apart than this many line pitches.
const PARAGRAPH_GAP: f64 = 1.25;

/// Reads a PDF.
pub(crate) fn read(bytes: &[u8], name: &str) -> Result<Document> {
    let doc = pdf_extract::Document::load_mem(bytes)
        .map_err(|e| Error::input(name, format!("is not a readable PDF: {e}")))?;
    if doc.is_encrypted() {
        return Err(Error::input(name, "is an encrypted PDF: decrypt it first"));
    }
    let mut glyphs = Glyphs::default();
    // The extractor panics on some malformed files: that is a bad input, not a crash.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        pdf_extract::output_doc(&doc, &mut glyphs)
    }));
    match run {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            return Err(Error::input(
                name,
                format!("is a PDF whose text cannot be read: {e:?}"),
            ));
        }
        Err(_) => {
            return Err(Error::input(
                name,
                "is a damaged or unusual PDF whose text the PDF reader could not extract",
            ));
        }
    }
    let visible: usize = glyphs.pages.iter().flatten().filter(|g| !g.blank()).count();
    if visible == 0 {
        return Err(Error::input(
            name,
            "is a PDF without a text layer (scanned pages?): bialign does no OCR; run the \
             PDF through OCR first",
        ));
    }
    let unmapped = glyphs
        .pages
        .iter()
        .flatten()
        .filter(|g| {
            g.text
                .chars()
                .any(|c| c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c))
        })
        .count();
    if unmapped * 2 > visible {
        return Err(Error::input(
            name,
            "is a PDF whose fonts have no Unicode map for most characters: its text cannot be read",
        ));
    }
    Ok(layout(&glyphs.pages).into_document(InputFormat::Pdf, Vec::new()))
}

/// One character as drawn: where it starts and ends on the line, its baseline (from the top
/// of the page) and size.
#[derive(Clone, Debug)]
struct Glyph {
    x: f64,
    end: f64,
    y: f64,
    size: f64,
    text: String,
}

impl Glyph {
    fn blank(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }
}

/// The characters of every page, collected from the extractor.
#[derive(Default)]
struct Glyphs {
    pages: Vec<Vec<Glyph>>,
    height: f64,
}

impl OutputDev for Glyphs {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> std::result::Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.pages.push(Vec::new());
        Ok(())
    }
    fn end_page(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> std::result::Result<(), OutputError> {
        let sx = font_size * (trm.m11 + trm.m21);
        let sy = font_size * (trm.m12 + trm.m22);
        let size = (sx * sy).abs().sqrt();
        let x = trm.m31;
        let glyph = Glyph {
            x,
            end: x + width * size,
            y: self.height - trm.m32,
            size,
            text: text.to_string(),
        };
        if let Some(page) = self.pages.last_mut() {
            page.push(glyph);
        }
        Ok(())
    }
    fn begin_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }
}

/// One line of a page.
#[derive(Debug)]
struct Line {
    text: String,
    y: f64,
    size: f64,
}

/// The lines of a page: glyphs on one baseline (within half their size; a raised mark
/// stays on its line), in drawing order.
fn lines(page: &[Glyph]) -> Vec<Line> {
    let mut groups: Vec<Vec<&Glyph>> = Vec::new();
    for g in page {
        let same = groups.last().and_then(|l| l.last()).is_some_and(|last| {
            let dy = (g.y - last.y).abs();
            dy <= 0.5 * g.size.max(last.size) && g.x >= last.x - 0.5 * last.size
        });
        match groups.last_mut() {
            Some(l) if same => l.push(g),
            _ => groups.push(vec![g]),
        }
    }
    groups.iter().filter_map(|l| line_of(l)).collect()
}

/// A line's text, baseline and size (that of most of its characters).
fn line_of(glyphs: &[&Glyph]) -> Option<Line> {
    let mut sizes: Vec<f64> = glyphs
        .iter()
        .filter(|g| !g.blank())
        .map(|g| g.size)
        .collect();
    if sizes.is_empty() {
        return None;
    }
    sizes.sort_by(f64::total_cmp);
    let size = sizes[sizes.len() / 2];
    let base = glyphs
        .iter()
        .filter(|g| (g.size - size).abs() < 0.05 * size)
        .map(|g| g.y)
        .next()
        .unwrap_or(glyphs[0].y);
    let mut text = String::new();
    let mut last_end: Option<f64> = None;
    for g in glyphs {
        if let Some(end) = last_end {
            if g.x > end + 0.15 * g.size.max(1.0) && !text.ends_with(' ') && !g.blank() {
                text.push(' ');
            }
        }
        let raised = g.size < 0.8 * size && g.y < base - 0.15 * size;
        if raised {
            text.extend(g.text.chars().map(superscript));
        } else {
            text.push_str(&g.text);
        }
        last_end = Some(g.end);
    }
    Some(Line {
        text: text.trim().to_string(),
        y: base,
        size,
    })
    .filter(|l| !l.text.is_empty())
}

/// A digit as a superscript digit; anything else as it is.
fn superscript(c: char) -> char {
    match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4'..='9' => char::from_u32(0x2070 + (c as u32 - '0' as u32)).unwrap_or(c),
        _ => c,
    }
}

/// Sizes rounded to half points, as keys.
fn key(size: f64) -> i64 {
    (size * 2.0).round() as i64
}

/// The paragraphs of all pages.
fn layout(pages: &[Vec<Glyph>]) -> Paragraphs {
    let pages: Vec<Vec<Line>> = pages.iter().map(|p| lines(p)).collect();
    // The usual pitch per size: the median gap between consecutive lines of that size.
    let mut gaps: Vec<(i64, f64)> = Vec::new();
    for page in &pages {
        for w in page.windows(2) {
            let gap = w[1].y - w[0].y;
            if key(w[0].size) == key(w[1].size) && gap > 0.0 && gap < 3.0 * w[0].size {
                gaps.push((key(w[0].size), gap));
            }
        }
    }
    let mut chars_by_size: Vec<(i64, usize)> = Vec::new();
    for l in pages.iter().flatten() {
        match chars_by_size.iter_mut().find(|(k, _)| *k == key(l.size)) {
            Some((_, n)) => *n += l.text.chars().count(),
            None => chars_by_size.push((key(l.size), l.text.chars().count())),
        }
    }
    let body = chars_by_size
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(0, |(k, _)| *k);
    let pitch_of = |size: f64| -> Option<f64> {
        let mut g: Vec<f64> = gaps
            .iter()
            .filter(|(k, _)| *k == key(size))
            .map(|(_, g)| *g)
            .collect();
        (g.len() >= 3).then(|| {
            g.sort_by(f64::total_cmp);
            g[g.len() / 2]
        })
    };
    let body_size = body as f64 / 2.0;
    // Other sizes have too few lines for a median: their pitch is the body's, scaled.
    let ratio = pitch_of(body_size).map_or(1.2, |p| p / body_size.max(1.0));
    let pitch = |size: f64| ratio * size;
    let page_height = pages.iter().flatten().map(|l| l.y).fold(0.0f64, f64::max);
    let mut found: Vec<Found> = Vec::new();
    for (k, page) in pages.iter().enumerate() {
        let number = u32::try_from(k + 1).unwrap_or(u32::MAX);
        for (i, line) in page.iter().enumerate() {
            let breaks = i == 0 || {
                let prev = &page[i - 1];
                let gap = line.y - prev.y;
                key(line.size) != key(prev.size)
                    || gap <= 0.0
                    || gap > PARAGRAPH_GAP * pitch(prev.size)
            };
            match found.last_mut() {
                Some(f) if !breaks => join_line(&mut f.text, &line.text),
                _ => found.push(Found {
                    text: line.text.clone(),
                    page: number,
                    size: line.size,
                    low: line.y > 0.6 * page_height,
                }),
            }
        }
    }
    let found = rejoin_across_pages(found, body);
    let mut out = Paragraphs::default();
    for f in found {
        let kind = if key(f.size) > body {
            BlockKind::Heading {
                level: if f.size >= 1.15 * body_size { 1 } else { 2 },
            }
        } else if key(f.size) < body && f.low && is_footnote(&f.text) {
            BlockKind::Footnote
        } else {
            BlockKind::Body
        };
        out.push(&f.text, kind, "page", Some(f.page));
    }
    out
}

/// A paragraph found on a page.
struct Found {
    text: String,
    page: u32,
    size: f64,
    /// Whether it starts in the lower part of the page (where footnotes are).
    low: bool,
}

/// Joins a paragraph that a page break cut in two: the last paragraph in the body's size
/// on a page, when it does not end a sentence, and the first in that size on the next page,
/// when it starts in lower case or in Chinese (what lies between, a running footer and
/// header, stays where it is).
fn rejoin_across_pages(found: Vec<Found>, body: i64) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        // The last paragraph in the body's size so far: on the page before, for the first
        // such paragraph of this page.
        let last = out.iter().rposition(|o| key(o.size) == body);
        let open = last.filter(|&k| {
            key(f.size) == body
                && out[k].page + 1 == f.page
                && !ends_sentence(&out[k].text)
                && continues(&f.text)
        });
        match open {
            Some(k) => join_line(&mut out[k].text, &f.text),
            None => out.push(f),
        }
    }
    out
}

/// Whether a paragraph ends as a sentence or a heading does.
fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .chars()
        .last()
        .is_none_or(|c| "。！？.!?:;：；”\"’)）".contains(c))
}

/// Whether a paragraph starts as the continuation of one does: in lower case, or in
/// Chinese.
fn continues(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || crate::chars::is_han_script(c))
}

/// Appends the next line of a paragraph: a word hyphenated at the line end is rejoined.
fn join_line(text: &mut String, next: &str) {
    let mut tail = text.chars().rev();
    let hyphenated = tail.next() == Some('-')
        && tail.next().is_some_and(char::is_alphabetic)
        && next.chars().next().is_some_and(char::is_lowercase);
    if hyphenated {
        text.pop();
    } else {
        text.push(' ');
    }
    text.push_str(next);
}

/// Whether a paragraph starts as a footnote does: a mark (`*`, `†`, digits, superscript
/// digits), then text.
fn is_footnote(text: &str) -> bool {
    let rest = text.trim_start_matches(|c: char| {
        c == '*' || c == '†' || c == '‡' || c.is_ascii_digit() || "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c)
    });
    rest.len() < text.len() && rest.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_join_as_words_say() {
        let cases = [
            (
                "hyphenated word",
                "inter-",
                "national law",
                "international law",
            ),
            (
                "hyphen before a capital",
                "Franco-",
                "German",
                "Franco- German",
            ),
            ("plain", "the", "law", "the law"),
            ("chinese", "国际", "法", "国际 法"),
        ];
        for (label, a, b, want) in cases {
            let mut t = a.to_string();
            join_line(&mut t, b);
            assert_eq!(t, want, "{label}");
        }
    }

    #[test]
    fn footnote_starts() {
        let cases = [
            ("star", "*附件按收到时的原样分发。", true),
            ("digit", "1 See the rules.", true),
            ("superscript", "¹ See the rules.", true),
            ("page number", "3", false),
            ("body", "See the rules.", false),
        ];
        for (label, text, want) in cases {
            assert_eq!(is_footnote(text), want, "{label}");
        }
    }
}
