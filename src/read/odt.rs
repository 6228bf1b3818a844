//! OpenDocument text files (`.odt`): the paragraphs and headings of `content.xml` with their
//! kind (headings by outline level, list items by depth, table cells), the footnotes and
//! endnotes apart (after the body), and the page headers and footers of the master pages
//! in `styles.xml`.
//!
//! Tracked changes are taken as accepted: the deleted text, which OpenDocument keeps in
//! `text:tracked-changes`, is left out, the inserted text is kept. Fields (page numbers and
//! counts, dates, times, file and author names, chapter references, user fields), indexes
//! and tables of contents, annotations and hidden text (`text:hidden-text`, hidden
//! paragraphs, and text in a style with `text:display="none"`) are left out.

use super::xml::{attr, local, walk, Step};
use super::zipped::Archive;
use super::{Document, InputFormat, Paragraphs};
use crate::text::BlockKind;
use crate::Result;
use std::collections::HashSet;

const WHAT: &str = "OpenDocument text (.odt)";

/// Elements whose content is not the document's own text.
const LEFT_OUT: &[&[u8]] = &[
    b"tracked-changes",
    b"note-citation",
    b"annotation",
    b"hidden-text",
    b"page-number",
    b"page-count",
    b"page-continuation",
    b"date",
    b"time",
    b"file-name",
    b"author-name",
    b"author-initials",
    b"chapter",
    b"sender-firstname",
    b"sender-lastname",
    b"user-defined",
    b"user-field-get",
    b"variable-get",
    b"word-count",
    b"character-count",
    b"paragraph-count",
    b"table-of-content",
    b"alphabetical-index",
    b"illustration-index",
    b"table-index",
    b"object-index",
    b"user-index",
    b"bibliography",
    b"title",
    b"desc",
];

/// Reads an OpenDocument text file.
pub(crate) fn read(bytes: &[u8], name: &str, limit: u64) -> Result<Document> {
    let mut zip = Archive::open(bytes, name, WHAT, limit)?;
    let content = zip.required("content.xml", WHAT)?;
    let styles = zip.text("styles.xml")?.unwrap_or_default();
    let mut hidden = hidden_styles(&content, name, "content.xml")?;
    if !styles.is_empty() {
        hidden.extend(hidden_styles(&styles, name, "styles.xml")?);
    }
    let mut out = Paragraphs::default();
    let (mut headers, mut footers) = (Paragraphs::default(), Paragraphs::default());
    if !styles.is_empty() {
        walk_part(
            &styles,
            name,
            "styles.xml",
            &hidden,
            &mut |text, kind, region| match region {
                Region::Header => headers.push(text, BlockKind::Header, "styles.xml", None),
                Region::Footer => footers.push(text, BlockKind::Footer, "styles.xml", None),
                _ => {
                    let _ = kind;
                }
            },
        )?;
    }
    let mut notes = Paragraphs::default();
    walk_part(
        &content,
        name,
        "content.xml",
        &hidden,
        &mut |text, kind, region| match region {
            Region::Body => out.push(text, kind, "content.xml", None),
            Region::Note => notes.push(text, BlockKind::Footnote, "content.xml", None),
            _ => {}
        },
    )?;
    headers.append(out);
    headers.append(notes);
    headers.append(footers);
    Ok(headers.into_document(InputFormat::Odt, Vec::new()))
}

/// The names of the styles that hide their text (`text:display="none"`).
fn hidden_styles(xml: &str, name: &str, part: &str) -> Result<HashSet<String>> {
    let mut out = HashSet::new();
    let mut style: Option<String> = None;
    walk(xml, name, part, |step| match step {
        Step::Open(e) if local(e) == b"style" => style = attr(e, b"name"),
        Step::Open(e)
            if local(e) == b"text-properties" && attr(e, b"display").as_deref() == Some("none") =>
        {
            if let Some(s) = &style {
                out.insert(s.clone());
            }
        }
        Step::Close(b"style") => style = None,
        _ => {}
    })?;
    Ok(out)
}

/// Where a paragraph is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Region {
    /// Not in the text (styles outside the master pages).
    Outside,
    Body,
    Note,
    Header,
    Footer,
}

/// Walks one part, calling `emit` with each paragraph's text, kind and region.
fn walk_part(
    xml: &str,
    name: &str,
    part: &str,
    hidden: &HashSet<String>,
    emit: &mut dyn FnMut(&str, BlockKind, Region),
) -> Result<()> {
    // Open paragraphs (a note's paragraphs open inside the paragraph that cites it).
    let mut stack: Vec<(String, BlockKind, Region)> = Vec::new();
    // Elements open, with whether each leaves its text out.
    let mut open: Vec<(Vec<u8>, bool)> = Vec::new();
    let mut skip = 0usize;
    let (mut lists, mut cells, mut notes) = (0usize, 0usize, 0usize);
    let mut region = if part == "content.xml" {
        Region::Body
    } else {
        Region::Outside
    };
    let mut finished: Vec<(String, BlockKind, Region)> = Vec::new();
    walk(xml, name, part, |step| match step {
        Step::Open(e) => {
            let tag = local(e).to_vec();
            let styled_hidden = attr(e, b"style-name").is_some_and(|s| hidden.contains(&s));
            let leaves_out = LEFT_OUT.contains(&tag.as_slice())
                || styled_hidden
                || (tag == b"hidden-paragraph"
                    && attr(e, b"is-hidden").as_deref() != Some("false"));
            match tag.as_slice() {
                b"header" | b"header-left" | b"header-first" if region == Region::Outside => {
                    region = Region::Header;
                }
                b"footer" | b"footer-left" | b"footer-first" if region == Region::Outside => {
                    region = Region::Footer;
                }
                b"list" => lists += 1,
                b"table-cell" => cells += 1,
                b"note-body" => notes += 1,
                b"p" | b"h" => {
                    let kind = if tag == b"h" {
                        let level = attr(e, b"outline-level")
                            .and_then(|l| l.parse().ok())
                            .unwrap_or(1);
                        BlockKind::Heading { level }
                    } else if cells > 0 {
                        BlockKind::TableCell
                    } else if lists > 0 {
                        BlockKind::ListItem {
                            level: u8::try_from(lists - 1).unwrap_or(u8::MAX),
                        }
                    } else {
                        BlockKind::Body
                    };
                    let r = if notes > 0 { Region::Note } else { region };
                    stack.push((String::new(), kind, r));
                }
                b"s" if skip == 0 => {
                    let n = attr(e, b"c").and_then(|c| c.parse().ok()).unwrap_or(1usize);
                    if let Some(p) = stack.last_mut() {
                        p.0.extend(std::iter::repeat_n(' ', n.min(64)));
                    }
                }
                b"tab" | b"line-break" if skip == 0 => {
                    if let Some(p) = stack.last_mut() {
                        p.0.push(' ');
                    }
                }
                _ => {}
            }
            skip += usize::from(leaves_out);
            open.push((tag, leaves_out));
        }
        Step::Close(tag) => {
            if let Some((_, left_out)) = open.pop() {
                skip -= usize::from(left_out);
            }
            match tag {
                b"header" | b"header-left" | b"header-first" | b"footer" | b"footer-left"
                | b"footer-first"
                    if region != Region::Body =>
                {
                    region = Region::Outside;
                }
                b"list" => lists = lists.saturating_sub(1),
                b"table-cell" => cells = cells.saturating_sub(1),
                b"note-body" => notes = notes.saturating_sub(1),
                b"p" | b"h" => {
                    if let Some(p) = stack.pop() {
                        finished.push(p);
                    }
                }
                _ => {}
            }
        }
        Step::Text(t) => {
            if skip == 0 {
                if let Some(p) = stack.last_mut() {
                    p.0.push_str(t);
                }
            }
        }
    })?;
    // A paragraph closes before the one that holds it (a note inside its citing
    // paragraph); notes go to their own list, so document order is kept for each region.
    for (text, kind, region) in finished {
        if region != Region::Outside {
            emit(&text, kind, region);
        }
    }
    Ok(())
}
