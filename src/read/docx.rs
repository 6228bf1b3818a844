//! Word files (`.docx`, Office Open XML): the paragraphs of `word/document.xml` with their
//! kind (headings and lists from the paragraph's style and numbering, table cells), the
//! footnotes and endnotes apart, the page headers and footers as such.
//!
//! Tracked changes are taken as accepted (insertions and moved-to text kept, deletions and
//! moved-from text left out); fields (page numbers, dates, tables of contents: the
//! instruction and its result) and hidden text (`w:vanish`) are left out, but a hyperlink
//! field's text is kept; footnote references are not text; text boxes are paragraphs of
//! their own, after the paragraph that anchors them; of the alternatives of
//! `mc:AlternateContent` only the first (`mc:Choice`) is read.

use super::xml::{attr, local, walk, Step};
use super::zipped::Archive;
use super::{Document, InputFormat, Paragraphs};
use crate::text::BlockKind;
use crate::Result;
use std::collections::HashMap;

const WHAT: &str = "Word (.docx)";

/// Reads a Word file.
pub(crate) fn read(bytes: &[u8], name: &str, limit: u64) -> Result<Document> {
    let mut zip = Archive::open(bytes, name, WHAT, limit)?;
    let mut body = zip.required("word/document.xml", WHAT)?;
    let styles = match zip.text("word/styles.xml")? {
        Some(xml) => Styles::parse(&xml, name)?,
        None => Styles::default(),
    };
    let mut members = zip.names();
    members.sort();
    let parts = |prefix: &str| -> Vec<String> {
        members
            .iter()
            .filter(|m| m.starts_with(prefix) && m.ends_with(".xml") && !m.contains("/_rels/"))
            .cloned()
            .collect()
    };
    // Headers, the body, the notes, the footers: each part with the kind of all its
    // paragraphs (`None`: by their styles).
    let mut order: Vec<(String, Option<BlockKind>)> = Vec::new();
    order.extend(
        parts("word/header")
            .into_iter()
            .map(|p| (p, Some(BlockKind::Header))),
    );
    order.push(("word/document.xml".into(), None));
    for notes in ["word/footnotes.xml", "word/endnotes.xml"] {
        order.push((notes.into(), Some(BlockKind::Footnote)));
    }
    order.extend(
        parts("word/footer")
            .into_iter()
            .map(|p| (p, Some(BlockKind::Footer))),
    );
    let mut out = Paragraphs::default();
    for (part, kind) in order {
        let xml = if part == "word/document.xml" {
            Some(std::mem::take(&mut body))
        } else {
            zip.text(&part)?
        };
        if let Some(xml) = xml {
            out.append(paragraphs(&xml, name, &part, &styles, kind)?);
        }
    }
    Ok(out.into_document(InputFormat::Docx, Vec::new()))
}

/// What the paragraph styles of `word/styles.xml` say: headings and lists by style id.
#[derive(Debug, Default)]
struct Styles {
    kinds: HashMap<String, BlockKind>,
}

impl Styles {
    fn parse(xml: &str, name: &str) -> Result<Styles> {
        let mut kinds = HashMap::new();
        let mut id: Option<String> = None;
        let mut kind: Option<BlockKind> = None;
        walk(xml, name, "word/styles.xml", |step| match step {
            Step::Open(e) => match local(e) {
                b"style" => {
                    id = attr(e, b"styleId");
                    kind = None;
                }
                b"name" if id.is_some() => {
                    let n = attr(e, b"val").unwrap_or_default().to_ascii_lowercase();
                    if n == "title" {
                        kind = Some(BlockKind::Heading { level: 1 });
                    } else if let Some(level) = n.strip_prefix("heading ") {
                        let level = level.trim().parse::<u8>().unwrap_or(1);
                        kind = Some(BlockKind::Heading { level });
                    }
                }
                b"outlineLvl" if kind.is_none() => kind = outline(e),
                b"numPr" if kind.is_none() => kind = Some(BlockKind::ListItem { level: 0 }),
                _ => {}
            },
            Step::Close(b"style") => {
                if let (Some(i), Some(k)) = (id.take(), kind.take()) {
                    kinds.insert(i, k);
                }
            }
            _ => {}
        })?;
        Ok(Styles { kinds })
    }
}

/// The heading an `w:outlineLvl` names (9 is body text).
fn outline(e: &quick_xml::events::BytesStart<'_>) -> Option<BlockKind> {
    let level = attr(e, b"val")?.parse::<u8>().ok()?;
    (level < 9).then_some(BlockKind::Heading { level: level + 1 })
}

/// One paragraph being read (paragraphs nest: a text box inside a paragraph).
#[derive(Default)]
struct Open {
    text: String,
    kind: Option<BlockKind>,
    /// Paragraphs of the text boxes it anchors, given after it.
    boxes: Vec<(String, BlockKind)>,
}

/// The state of the walk through one part.
#[derive(Default)]
struct State {
    stack: Vec<Open>,
    done: Vec<(String, BlockKind)>,
    /// Depth of table cells.
    cells: usize,
    /// Depth of elements whose text is left out (deletions, moved-from text,
    /// `mc:Fallback`, footnotes of the separator kinds).
    skip: usize,
    /// Inside `w:rPr` of a run, and whether the run is hidden.
    in_run_props: bool,
    run_hidden: bool,
    in_para_props: bool,
    /// Fields open (`w:fldChar begin` … `end`): whether each is in its result part and
    /// whether its result is kept (a hyperlink).
    fields: Vec<Field>,
    in_instr: bool,
    /// Nesting of `w:fldSimple`, and whether each keeps its text.
    simple_fields: Vec<bool>,
    /// Inside `w:t` (text; `w:delText` is never read).
    in_text: bool,
    /// Open footnotes and endnotes, and whether each is of a special kind (a separator).
    notes: Vec<bool>,
}

struct Field {
    instr: String,
    in_result: bool,
}

impl State {
    /// Whether text here is left out.
    fn hidden(&self) -> bool {
        self.skip > 0
            || self.run_hidden
            || self.in_instr
            || self.simple_fields.iter().any(|keep| !keep)
            || self
                .fields
                .iter()
                .any(|f| !f.in_result || !keeps_result(&f.instr))
    }
}

/// Whether a field's result is text of the document: a hyperlink's is; page numbers,
/// dates, tables of contents and the like are made by the word processor.
fn keeps_result(instr: &str) -> bool {
    instr
        .trim_start()
        .to_ascii_uppercase()
        .starts_with("HYPERLINK")
}

/// The paragraphs of one part; `forced` is the kind of all of them (footnotes, headers).
fn paragraphs(
    xml: &str,
    name: &str,
    part: &str,
    styles: &Styles,
    forced: Option<BlockKind>,
) -> Result<Paragraphs> {
    let mut s = State::default();
    walk(xml, name, part, |step| match step {
        Step::Open(e) => open(&mut s, e, styles),
        Step::Close(tag) => close(&mut s, tag),
        Step::Text(t) => {
            if s.in_instr {
                if let Some(f) = s.fields.last_mut() {
                    f.instr.push_str(t);
                }
            } else if s.in_text {
                push(&mut s, t);
            }
        }
    })?;
    let mut out = Paragraphs::default();
    for (text, kind) in s.done {
        out.push(&text, forced.unwrap_or(kind), part, None);
    }
    Ok(out)
}

fn open(s: &mut State, e: &quick_xml::events::BytesStart<'_>, styles: &Styles) {
    match local(e) {
        b"p" => s.stack.push(Open::default()),
        b"tc" => s.cells += 1,
        b"del" | b"moveFrom" | b"Fallback" => s.skip += 1,
        b"footnote" | b"endnote" => {
            let special = attr(e, b"type").is_some_and(|t| t != "normal");
            s.skip += usize::from(special);
            s.notes.push(special);
        }
        b"t" => s.in_text = true,
        b"pPr" => s.in_para_props = true,
        b"rPr" if !s.in_para_props => s.in_run_props = true,
        b"vanish" if s.in_run_props => {
            s.run_hidden = !matches!(attr(e, b"val").as_deref(), Some("0" | "false" | "off"));
        }
        b"pStyle" if s.in_para_props => {
            if let (Some(p), Some(id)) = (s.stack.last_mut(), attr(e, b"val")) {
                if let Some(&k) = styles.kinds.get(&id) {
                    p.kind = Some(k);
                }
            }
        }
        b"outlineLvl" if s.in_para_props => {
            if let (Some(p), Some(k)) = (s.stack.last_mut(), outline(e)) {
                p.kind = Some(k);
            }
        }
        b"ilvl" if s.in_para_props => {
            let level = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
            if let Some(p) = s.stack.last_mut() {
                if !matches!(p.kind, Some(BlockKind::Heading { .. })) {
                    p.kind = Some(BlockKind::ListItem { level });
                }
            }
        }
        b"numPr" if s.in_para_props => {
            if let Some(p) = s.stack.last_mut() {
                if p.kind.is_none() {
                    p.kind = Some(BlockKind::ListItem { level: 0 });
                }
            }
        }
        b"fldChar" => match attr(e, b"fldCharType").as_deref() {
            Some("begin") => s.fields.push(Field {
                instr: String::new(),
                in_result: false,
            }),
            Some("separate") => {
                if let Some(f) = s.fields.last_mut() {
                    f.in_result = true;
                }
            }
            Some("end") => {
                s.fields.pop();
            }
            _ => {}
        },
        b"instrText" => s.in_instr = true,
        b"fldSimple" => {
            let keep = attr(e, b"instr").is_some_and(|i| keeps_result(&i));
            s.simple_fields.push(keep);
        }
        b"tab" | b"br" | b"cr" if !s.in_para_props && !s.in_run_props => push(s, " "),
        b"noBreakHyphen" => push(s, "-"),
        _ => {}
    }
}

fn close(s: &mut State, tag: &[u8]) {
    match tag {
        b"p" => {
            if let Some(p) = s.stack.pop() {
                let kind = p.kind.unwrap_or(if s.cells > 0 {
                    BlockKind::TableCell
                } else {
                    BlockKind::Body
                });
                let kind = match kind {
                    BlockKind::Body | BlockKind::ListItem { .. } if s.cells > 0 => {
                        BlockKind::TableCell
                    }
                    k => k,
                };
                let mut all = vec![(p.text, kind)];
                all.extend(p.boxes);
                match s.stack.last_mut() {
                    // A text box's paragraphs come after the paragraph that holds it.
                    Some(outer) => outer.boxes.extend(all),
                    None => s.done.extend(all),
                }
            }
        }
        b"tc" => s.cells = s.cells.saturating_sub(1),
        b"del" | b"moveFrom" | b"Fallback" => s.skip = s.skip.saturating_sub(1),
        b"footnote" | b"endnote" if s.notes.pop() == Some(true) => {
            s.skip = s.skip.saturating_sub(1);
        }
        b"t" => s.in_text = false,
        b"pPr" => s.in_para_props = false,
        b"rPr" => s.in_run_props = false,
        b"r" => s.run_hidden = false,
        b"instrText" => s.in_instr = false,
        b"fldSimple" => {
            s.simple_fields.pop();
        }
        _ => {}
    }
}

/// Adds text to the innermost open paragraph, unless it is left out here.
fn push(s: &mut State, text: &str) {
    if s.hidden() {
        return;
    }
    if let Some(p) = s.stack.last_mut() {
        p.text.push_str(text);
    }
}
