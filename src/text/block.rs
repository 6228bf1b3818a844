//! What a paragraph of a document is (a heading, a list item, a table cell, a footnote, a
//! running header or footer, or body text), where it is in the file, and what the clean-up
//! sets apart: the readers of [`crate::read`] describe every paragraph they give with a
//! [`Block`], and [`SetAside`] names the reason a paragraph or a footnote mark is not aligned.

/// The kind of a paragraph of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BlockKind {
    /// Body text.
    Body,
    /// A heading or title, with its outline level (1 for the top).
    Heading {
        /// The outline level, from 1.
        level: u8,
    },
    /// An item of a list, with its nesting level (0 for the top).
    ListItem {
        /// The nesting level, from 0.
        level: u8,
    },
    /// The text of one cell of a table.
    TableCell,
    /// The body of a footnote or an endnote.
    Footnote,
    /// A running header (the text repeated at the top of the pages).
    Header,
    /// A running footer.
    Footer,
}

impl BlockKind {
    /// The kind's name, as the JSON output writes it: `body`, `heading`, `list_item`,
    /// `table_cell`, `footnote`, `header`, `footer`.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Body => "body",
            BlockKind::Heading { .. } => "heading",
            BlockKind::ListItem { .. } => "list_item",
            BlockKind::TableCell => "table_cell",
            BlockKind::Footnote => "footnote",
            BlockKind::Header => "header",
            BlockKind::Footer => "footer",
        }
    }
}

/// Where a paragraph is in its file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Place {
    /// The part of the file: a zip member (`word/document.xml`, `word/footnotes.xml`,
    /// `content.xml`), `body` for HTML, `page` for PDF.
    pub part: String,
    /// The page, from 1 (PDF, and text with form feeds); `None` where the file has no pages.
    pub page: Option<u32>,
    /// The paragraph's number in its part (for PDF, on its page), from 0.
    pub index: usize,
}

/// One paragraph's description: its kind and its place.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Block {
    /// What the paragraph is.
    pub kind: BlockKind,
    /// Where it is.
    pub place: Place,
}

/// Why the clean-up set material apart instead of aligning it. Set-aside material is never
/// dropped: it stays in its text as sentences of their own, and the alignment shows each as
/// unpaired with this reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SetAside {
    /// A running header or footer: a line repeated on most pages, or a header or footer of
    /// a word processor's file.
    RunningHeader,
    /// A page number.
    PageNumber,
    /// A UN document symbol on a line of its own (`A/HRC/47/G/5`).
    DocumentSymbol,
    /// A UN job number (`GE.21-04787(C)`).
    JobNumber,
    /// The distribution block (`Distr.: General 9 April 2021 …`).
    Distribution,
    /// A footnote or endnote.
    Footnote,
    /// A footnote mark in the text (`附件*`, `rules¹`).
    FootnoteMark,
}

impl SetAside {
    /// The reason, as the outputs write it (`running header`, `page number`,
    /// `document symbol`, `job number`, `distribution block`, `footnote`, `footnote mark`).
    pub fn reason(self) -> &'static str {
        match self {
            SetAside::RunningHeader => "running header",
            SetAside::PageNumber => "page number",
            SetAside::DocumentSymbol => "document symbol",
            SetAside::JobNumber => "job number",
            SetAside::Distribution => "distribution block",
            SetAside::Footnote => "footnote",
            SetAside::FootnoteMark => "footnote mark",
        }
    }
}

impl std::fmt::Display for SetAside {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.reason())
    }
}
