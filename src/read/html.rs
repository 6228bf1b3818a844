//! HTML pages, parsed by html5ever (through `scraper`) as a browser parses them: block
//! elements are paragraphs (headings, list items and table cells by kind, a page's
//! `footer` as a running footer), inline elements are text of the paragraph around them,
//! `br` is a space; `head`, `script`, `style`, `noscript`, `template`, navigation (`nav`,
//! `role="navigation"`), form controls, embedded objects and hidden elements (`hidden`,
//! `aria-hidden="true"`, `display:none`) are left out.
//!
//! The encoding is the byte order mark's, else the one the page declares (`<meta charset>`
//! or `<meta http-equiv="Content-Type">` in its first 1024 bytes), else UTF-8 when the bytes
//! are UTF-8, else the guess of `chardetng`.

use super::{Document, InputFormat, Paragraphs};
use crate::text::BlockKind;
use crate::{Error, Result};
use ego_tree::iter::Edge;
use encoding_rs::Encoding;
use scraper::{Html, Node};

/// Elements whose content is not the page's text.
const LEFT_OUT: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "iframe", "object", "embed", "svg",
    "math", "canvas", "select", "textarea", "button", "input", "audio", "video",
];

/// Elements that make paragraphs.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "td",
    "th",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "caption",
    "address",
    "table",
    "tr",
    "ul",
    "ol",
    "dl",
    "hr",
    "body",
    "center",
    "fieldset",
    "legend",
    "details",
    "summary",
];

/// Reads an HTML page.
pub(crate) fn read(bytes: &[u8], name: &str) -> Result<Document> {
    let (text, warnings) = decode(bytes, name)?;
    let page = Html::parse_document(&text);
    let mut out = Paragraphs::default();
    let mut current = String::new();
    // Open block elements' kinds, and the depth of lists and of left-out elements.
    let mut kinds: Vec<Option<BlockKind>> = Vec::new();
    let (mut lists, mut skip) = (0usize, 0usize);
    let mut skipping: Vec<bool> = Vec::new();
    let flush = |out: &mut Paragraphs, current: &mut String, kinds: &[Option<BlockKind>]| {
        let kind = kinds
            .iter()
            .rev()
            .find_map(|k| *k)
            .unwrap_or(BlockKind::Body);
        out.push(current, kind, "body", None);
        current.clear();
    };
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let tag = e.name();
                    let hidden = e.attr("hidden").is_some()
                        || e.attr("aria-hidden") == Some("true")
                        || e.attr("role") == Some("navigation")
                        || e.attr("style").is_some_and(|s| {
                            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                            s.to_ascii_lowercase().contains("display:none")
                        });
                    let leaves_out = hidden || LEFT_OUT.contains(&tag);
                    skipping.push(leaves_out);
                    skip += usize::from(leaves_out);
                    if tag == "br" && skip == 0 {
                        current.push(' ');
                    }
                    if BLOCKS.contains(&tag) {
                        if skip == 0 {
                            flush(&mut out, &mut current, &kinds);
                        }
                        if matches!(tag, "ul" | "ol") {
                            lists += 1;
                        }
                        kinds.push(kind_of(tag, lists));
                    }
                }
                Node::Text(t) if skip == 0 => current.push_str(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    let tag = e.name();
                    if BLOCKS.contains(&tag) {
                        if skip == 0 {
                            flush(&mut out, &mut current, &kinds);
                        }
                        kinds.pop();
                        if matches!(tag, "ul" | "ol") {
                            lists = lists.saturating_sub(1);
                        }
                    }
                    if skipping.pop() == Some(true) {
                        skip -= 1;
                    }
                }
            }
        }
    }
    flush(&mut out, &mut current, &kinds);
    Ok(out.into_document(InputFormat::Html, warnings))
}

/// The kind of the paragraphs of a block element.
fn kind_of(tag: &str, lists: usize) -> Option<BlockKind> {
    Some(match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading {
            level: tag[1..].parse().unwrap_or(1),
        },
        "li" | "dt" | "dd" => BlockKind::ListItem {
            level: u8::try_from(lists.saturating_sub(1)).unwrap_or(u8::MAX),
        },
        "td" | "th" => BlockKind::TableCell,
        "footer" => BlockKind::Footer,
        // Others (a `p` in a list item) take the kind of the block around them.
        _ => return None,
    })
}

/// The page's text in its encoding, and what decoding repaired.
fn decode(bytes: &[u8], name: &str) -> Result<(String, Vec<String>)> {
    let (encoding, body) = if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        (enc, &bytes[bom..])
    } else if let Some(enc) = declared(&bytes[..bytes.len().min(1024)]) {
        (enc, bytes)
    } else if std::str::from_utf8(bytes).is_ok() {
        (encoding_rs::UTF_8, bytes)
    } else {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        (detector.guess(None, true), bytes)
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let mut warnings = Vec::new();
    if had_errors {
        let bad = text.matches('\u{FFFD}').count();
        if bad * 100 > text.chars().count().max(1) {
            return Err(Error::decode(
                name,
                format!(
                    "is not {} as it says it is ({bad} characters cannot be decoded)",
                    encoding.name()
                ),
            ));
        }
        warnings.push(format!(
            "{name}: {bad} byte sequences invalid in {} replaced by U+FFFD",
            encoding.name()
        ));
    }
    Ok((text.into_owned(), warnings))
}

/// The encoding a page declares in a `meta` element (`charset=` anywhere in it).
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = super::find(&lower[from..], b"<meta") {
        let start = from + k;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = super::find(tag, b"charset=") {
            let value = &tag[c + b"charset=".len()..];
            let value: Vec<u8> = value
                .iter()
                .copied()
                .skip_while(|&b| b == b'"' || b == b'\'' || b == b' ')
                .take_while(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                .collect();
            if let Some(enc) = Encoding::for_label(&value) {
                return Some(enc);
            }
        }
        from = end;
    }
    None
}
