//! Readers of documents: Word (`.docx`), OpenDocument text (`.odt`), HTML and PDF, each
//! behind a cargo feature of its name (`documents` turns on all four), giving one
//! [`Document`] of [`Paragraph`]s with their kind and place.
//!
//! The format is chosen from the content ([`InputFormat::detect`]: the magic bytes of a PDF,
//! the members of a zip archive, the start of an HTML page), the file's extension only as a
//! tie-break; anything else is plain text, which the decoder reads. A document becomes text
//! for the rest of the pipeline with [`Document::into_decoded`]: one paragraph a block of
//! text, each described by its [`Block`], which the clean-up and the aligner use.
//!
//! Every reader works within a byte limit (the input size limit): a zip archive is refused
//! when what it unpacks to is over the limit, or when a member expands more than
//! [`MAX_EXPANSION`]-fold past [`EXPANSION_CHECKED_FROM`] bytes (a zip bomb), before it is
//! unpacked whole. Bad files give an [`Input`](crate::ErrorKind::Input) error that names the
//! file and says what is wrong; no reader panics on any input.

#[cfg(feature = "docx")]
mod docx;
#[cfg(feature = "html")]
mod html;
#[cfg(feature = "odt")]
mod odt;
#[cfg(feature = "pdf")]
mod pdf;
#[cfg(any(feature = "docx", feature = "odt"))]
mod xml;
#[cfg(any(feature = "docx", feature = "odt"))]
mod zipped;

use crate::text::decode::Decoded;
use crate::text::{Block, BlockKind, Place};
use crate::{Error, Result};
use std::path::Path;

/// A zip member may expand this many times its compressed size ...
pub const MAX_EXPANSION: u64 = 100;

/// ... once it has expanded to this many bytes (64 MiB): beyond both, it is a zip bomb.
pub const EXPANSION_CHECKED_FROM: u64 = 64 << 20;

/// The formats bialign reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum InputFormat {
    /// Plain text in any encoding the decoder knows.
    Text,
    /// Word 2007 and later (`.docx`, Office Open XML).
    Docx,
    /// OpenDocument text (`.odt`).
    Odt,
    /// An HTML page.
    Html,
    /// PDF with a text layer.
    Pdf,
}

impl InputFormat {
    /// The format's name: `text`, `docx`, `odt`, `html`, `pdf`.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Docx => "docx",
            InputFormat::Odt => "odt",
            InputFormat::Html => "html",
            InputFormat::Pdf => "pdf",
        }
    }

    /// The format of `bytes`, read from a file named `path`: from the content, the
    /// extension deciding only what the content leaves open (a zip archive that is neither
    /// a Word nor an OpenDocument file, text that starts with `<`).
    ///
    /// ```
    /// use bialign::read::InputFormat;
    /// use std::path::Path;
    ///
    /// assert_eq!(InputFormat::detect(b"%PDF-1.7\n...", Path::new("a.txt")), InputFormat::Pdf);
    /// assert_eq!(InputFormat::detect(b"<!DOCTYPE html><p>Hi", Path::new("a")), InputFormat::Html);
    /// assert_eq!(InputFormat::detect(b"<p>Hi</p>", Path::new("a.htm")), InputFormat::Html);
    /// assert_eq!(InputFormat::detect(b"<p>Hi</p>", Path::new("a.txt")), InputFormat::Text);
    /// assert_eq!(InputFormat::detect("他来了。".as_bytes(), Path::new("a.pdf")), InputFormat::Text);
    /// ```
    pub fn detect(bytes: &[u8], path: &Path) -> InputFormat {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let head = &bytes[..bytes.len().min(1024)];
        if find(head, b"%PDF-").is_some() {
            return InputFormat::Pdf;
        }
        if bytes.starts_with(b"PK\x03\x04") {
            // An OpenDocument file starts with its uncompressed `mimetype` member.
            if find(head, b"mimetypeapplication/vnd.oasis.opendocument.text").is_some() {
                return InputFormat::Odt;
            }
            if find(bytes, b"word/document.xml").is_some() || ext == "docx" {
                return InputFormat::Docx;
            }
            if ext == "odt" || find(bytes, b"content.xml").is_some() {
                return InputFormat::Odt;
            }
            return InputFormat::Docx;
        }
        let start = trim_start(head);
        let lower = start
            .iter()
            .take(64)
            .map(u8::to_ascii_lowercase)
            .collect::<Vec<u8>>();
        let html_start = [b"<!doctype html".as_slice(), b"<html", b"<head", b"<body"];
        if html_start.iter().any(|p| lower.starts_with(p))
            || (lower.starts_with(b"<?xml") && find(&head.to_ascii_lowercase(), b"<html").is_some())
            || (start.starts_with(b"<") && matches!(ext.as_str(), "html" | "htm" | "xhtml"))
        {
            return InputFormat::Html;
        }
        InputFormat::Text
    }
}

impl std::fmt::Display for InputFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Bytes after a UTF-8 byte order mark and ASCII whitespace.
fn trim_start(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    let k = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    &b[k..]
}

/// The first position of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// One paragraph of a document: its text (one line, whitespace as in the file) and what and
/// where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// The text, without line breaks.
    pub text: String,
    /// Its kind and place.
    pub block: Block,
}

/// A document read by one of the readers: its paragraphs in reading order (for Word and
/// OpenDocument files: the page headers, the body, the footnotes and endnotes, the page
/// footers).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The format it was read from.
    pub format: InputFormat,
    /// The paragraphs, none of them empty.
    pub paragraphs: Vec<Paragraph>,
    /// What the reader noticed and repaired, one line each, naming the file.
    pub warnings: Vec<String>,
}

impl Document {
    /// Reads `bytes` (the file `name`, for messages) as `format`, within `limit` bytes of
    /// unpacked content.
    ///
    /// # Errors
    /// An [`Input`](crate::ErrorKind::Input) error naming `name` when the file is damaged,
    /// is not of its format, has no text (a PDF without a text layer), or when this build
    /// has no reader for the format (its cargo feature is off); a
    /// [`TooLarge`](crate::ErrorKind::TooLarge) error when it unpacks to more than `limit`;
    /// a [`Decode`](crate::ErrorKind::Decode) error for [`InputFormat::Text`], which is not a
    /// document (decode it with [`decode_report`](crate::text::decode::decode_report)).
    #[cfg_attr(
        not(all(feature = "docx", feature = "odt", feature = "html", feature = "pdf")),
        allow(unreachable_code, unused_variables)
    )]
    pub fn read(bytes: &[u8], name: &str, format: InputFormat, limit: u64) -> Result<Document> {
        let _ = (bytes, limit);
        let missing = |feature: &str| {
            Err(Error::input(
                name,
                format!(
                    "is a {format} document, and this build of bialign has no {format} reader \
                     (cargo feature `{feature}`)"
                ),
            ))
        };
        let doc: Document = match format {
            InputFormat::Text => {
                return Err(Error::decode(name, "plain text is decoded, not read"));
            }
            #[cfg(feature = "docx")]
            InputFormat::Docx => docx::read(bytes, name, limit)?,
            #[cfg(feature = "odt")]
            InputFormat::Odt => odt::read(bytes, name, limit)?,
            #[cfg(feature = "html")]
            InputFormat::Html => html::read(bytes, name)?,
            #[cfg(feature = "pdf")]
            InputFormat::Pdf => pdf::read(bytes, name)?,
            #[allow(unreachable_patterns)]
            other => return missing(other.name()),
        };
        if doc.paragraphs.is_empty() {
            return Err(Error::input(
                name,
                format!("is a {format} document without text"),
            ));
        }
        Ok(doc)
    }

    /// The document as text for the pipeline: the paragraphs separated by blank lines, each
    /// described by its [`Block`] ([`Decoded::blocks`]), so that the normaliser finds exactly
    /// these paragraphs.
    pub fn into_decoded(self) -> Decoded {
        let mut text = String::new();
        let mut blocks = Vec::with_capacity(self.paragraphs.len());
        for p in self.paragraphs {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&p.text);
            blocks.push(p.block);
        }
        Decoded::of_document(text, blocks, self.warnings)
    }
}

/// The paragraphs of a document as a reader finds them: each text made one line and
/// trimmed, empty ones dropped, numbered within their part.
#[cfg_attr(
    not(any(feature = "docx", feature = "odt", feature = "html", feature = "pdf")),
    allow(dead_code)
)]
#[derive(Debug, Default)]
pub(crate) struct Paragraphs {
    paragraphs: Vec<Paragraph>,
    /// Paragraphs so far per part and page.
    counts: Vec<((String, Option<u32>), usize)>,
}

#[cfg_attr(
    not(any(feature = "docx", feature = "odt", feature = "html", feature = "pdf")),
    allow(dead_code)
)]
impl Paragraphs {
    /// Adds a paragraph of `kind` from `part` (on `page`), unless it has no visible text.
    pub(crate) fn push(&mut self, text: &str, kind: BlockKind, part: &str, page: Option<u32>) {
        let one_line: String = text
            .chars()
            .map(|c| if is_break(c) { ' ' } else { c })
            .collect();
        let trimmed = one_line.trim_matches(|c: char| c.is_whitespace() || c == '\u{200B}');
        if trimmed.is_empty() {
            return;
        }
        let index = match self
            .counts
            .iter_mut()
            .find(|((p, pg), _)| p == part && *pg == page)
        {
            Some((_, n)) => {
                *n += 1;
                *n - 1
            }
            None => {
                self.counts.push(((part.to_string(), page), 1));
                0
            }
        };
        self.paragraphs.push(Paragraph {
            text: trimmed.to_string(),
            block: Block {
                kind,
                place: Place {
                    part: part.to_string(),
                    page,
                    index,
                },
            },
        });
    }

    /// Appends the paragraphs of another part.
    #[cfg_attr(not(any(feature = "docx", feature = "odt")), allow(dead_code))]
    pub(crate) fn append(&mut self, other: Paragraphs) {
        self.paragraphs.extend(other.paragraphs);
    }

    /// The document of these paragraphs.
    pub(crate) fn into_document(self, format: InputFormat, warnings: Vec<String>) -> Document {
        Document {
            format,
            paragraphs: self.paragraphs,
            warnings,
        }
    }
}

/// Characters that would break a paragraph in two for the normaliser (line and paragraph
/// separators, form feeds, controls): inside a paragraph they are spaces.
#[cfg_attr(
    not(any(feature = "docx", feature = "odt", feature = "html", feature = "pdf")),
    allow(dead_code)
)]
fn is_break(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}')
}

/// Reads a file or standard input of any format: plain text decoded (strictly or not),
/// a document read and made text ([`Document::into_decoded`]).
///
/// # Errors
/// As [`read_decoded`](crate::text::decode::read_decoded) and [`Document::read`].
pub fn read_input(path: &Path, limit: u64, strict: bool) -> Result<Decoded> {
    let bytes = crate::text::decode::read_bytes(path, limit)?;
    let name = crate::text::decode::input_name(path);
    match InputFormat::detect(&bytes, path) {
        InputFormat::Text => {
            refuse_other_documents(&bytes, &name)?;
            crate::text::decode::decode_report(&bytes, &name, strict)
        }
        format => Ok(Document::read(&bytes, &name, format, limit)?.into_decoded()),
    }
}

/// Refuses the formats bialign does not read with a message saying what to do.
fn refuse_other_documents(bytes: &[u8], name: &str) -> Result<()> {
    let what = if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        "is a Word 97-2003 (.doc) or other OLE file: save it as .docx or .odt"
    } else if bytes.starts_with(b"{\\rtf") {
        "is an RTF file: save it as .docx or .odt"
    } else {
        return Ok(());
    };
    Err(Error::input(name, what))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_cases() {
        let cases: &[(&str, &[u8], &str, InputFormat)] = &[
            ("pdf by magic", b"%PDF-1.4\n", "x.docx", InputFormat::Pdf),
            ("pdf after junk", b"\n\n%PDF-1.4", "x", InputFormat::Pdf),
            (
                "odt by mimetype",
                b"PK\x03\x04..........................mimetypeapplication/vnd.oasis.opendocument.text",
                "x.docx",
                InputFormat::Odt,
            ),
            ("docx by member", b"PK\x03\x04....word/document.xml", "x.zip", InputFormat::Docx),
            ("zip named odt", b"PK\x03\x04....", "x.odt", InputFormat::Odt),
            ("zip named docx", b"PK\x03\x04....", "x.docx", InputFormat::Docx),
            ("html doctype", b"\xEF\xBB\xBF <!DOCTYPE HTML>", "x.txt", InputFormat::Html),
            ("html tag", b"<html><p>", "x", InputFormat::Html),
            ("xhtml", b"<?xml version=\"1.0\"?>\n<html xmlns=\"\">", "x", InputFormat::Html),
            ("fragment named html", b"<p>x</p>", "x.HTML", InputFormat::Html),
            ("fragment named txt", b"<p>x</p>", "x.txt", InputFormat::Text),
            ("text named pdf", b"plain", "x.pdf", InputFormat::Text),
            ("empty", b"", "x.docx", InputFormat::Text),
        ];
        for &(label, bytes, path, want) in cases {
            assert_eq!(InputFormat::detect(bytes, Path::new(path)), want, "{label}");
        }
    }

    #[test]
    fn paragraphs_are_one_line_and_numbered_per_part() {
        let mut p = Paragraphs::default();
        p.push(" a\nb\u{2029}c ", BlockKind::Body, "x", None);
        p.push(" \n\t\u{200B}", BlockKind::Body, "x", None);
        p.push("d", BlockKind::Footnote, "y", None);
        p.push("e", BlockKind::Body, "x", Some(2));
        p.push("f", BlockKind::Body, "x", Some(2));
        let doc = p.into_document(InputFormat::Docx, Vec::new());
        let got: Vec<(&str, usize)> = doc
            .paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.block.place.index))
            .collect();
        assert_eq!(got, [("a b c", 0), ("d", 0), ("e", 0), ("f", 1)]);
        let decoded = doc.into_decoded();
        assert_eq!(decoded.text, "a b c\n\nd\n\ne\n\nf");
        assert_eq!(decoded.blocks().map(<[Block]>::len), Some(4));
    }

    #[test]
    fn old_formats_are_refused_with_advice() {
        let err = refuse_other_documents(b"{\\rtf1\\ansi", "a.rtf").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.rtf: is an RTF file: save it as .docx or .odt"
        );
        assert!(refuse_other_documents(b"text", "a.txt").is_ok());
    }
}
