//! The review spreadsheet ([`Format::Xlsx`](super::Format::Xlsx)), as LF Aligner's: one row
//! per bead (null beads and set-aside material included), source and target in two wide
//! columns, the score, a note, and the row coloured by confidence band.

use super::html::confidence_class;
use super::{join_side, Row, Side};
use crate::Error;
use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};

/// Most characters Excel holds in a cell: a longer side is continued on the rows below.
const MAX_CELL_CHARS: usize = 32_767;

/// Fill colours, by confidence class (as the review page's rows), and for rows without a
/// pair.
const FILLS: [(&str, u32); 4] = [
    ("high", 0xC6EFCE),
    ("medium", 0xFFEB9C),
    ("low", 0xFFC7CE),
    ("null", 0xE4E4E4),
];

/// The spreadsheet's bytes.
pub(crate) fn render<S: AsRef<str>, T: AsRef<str>>(
    rows: &[Row<'_>],
    src: &[S],
    tgt: &[T],
    langs: (&str, &str),
) -> crate::Result<Vec<u8>> {
    let err = |e: rust_xlsxwriter::XlsxError| Error::config(format!("cannot write XLSX: {e}"));
    let mut book = Workbook::new();
    // A fixed creation date, not the run's: the same alignment gives the same bytes.
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(err)?;
    book.set_properties(
        &DocProperties::new()
            .set_title("bialign alignment")
            .set_creation_datetime(&created),
    );
    let sheet = book.add_worksheet();
    sheet.set_name("alignment").map_err(err)?;
    let header = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin);
    let heads = [
        format!("Source ({})", langs.0),
        format!("Target ({})", langs.1),
        "Score".to_string(),
        "Note".to_string(),
    ];
    for (c, h) in heads.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, h, &header)
            .map_err(err)?;
    }
    let fill = |class: &str| {
        let rgb = FILLS
            .iter()
            .find(|(c, _)| *c == class)
            .map_or(0xFFFFFF, |f| f.1);
        Format::new()
            .set_text_wrap()
            .set_background_color(Color::RGB(rgb))
    };
    let mut row = 0u32;
    for r in rows {
        let (s, t, score, note, class) = match *r {
            Row::Bead(b) => {
                let note = match (b.src.is_empty(), b.tgt.is_empty()) {
                    (true, false) => "no source counterpart",
                    (false, true) => "no target counterpart",
                    _ => "",
                };
                let class = if b.is_null() {
                    "null"
                } else {
                    confidence_class(b.score)
                };
                let score = (!b.is_null()).then_some((b.score * 1000.0).round() / 1000.0);
                (
                    join_side(src, &b.src),
                    join_side(tgt, &b.tgt),
                    score,
                    note.to_string(),
                    class,
                )
            }
            Row::Aside(side, a) => {
                let note = format!("set aside: {}", a.reason.reason());
                match side {
                    Side::Src => (a.text.clone(), String::new(), None, note, "null"),
                    Side::Tgt => (String::new(), a.text.clone(), None, note, "null"),
                }
            }
        };
        let f = fill(class);
        let (s, t) = (pieces(&s), pieces(&t));
        for k in 0..s.len().max(t.len()) {
            row = row
                .checked_add(1)
                .ok_or_else(|| Error::config("too many rows for XLSX"))?;
            let piece = |p: &[&str]| p.get(k).copied().unwrap_or("").to_string();
            sheet
                .write_string_with_format(row, 0, piece(&s), &f)
                .map_err(err)?;
            sheet
                .write_string_with_format(row, 1, piece(&t), &f)
                .map_err(err)?;
            let note = if k == 0 {
                note.clone()
            } else {
                "continued".to_string()
            };
            match score.filter(|_| k == 0) {
                Some(v) => {
                    sheet.write_number_with_format(row, 2, v, &f.clone().set_num_format("0.000"))
                }
                None => sheet.write_string_with_format(row, 2, "", &f),
            }
            .map_err(err)?;
            sheet
                .write_string_with_format(row, 3, note, &f)
                .map_err(err)?;
        }
    }
    for (c, w) in [(0u16, 60.0), (1, 60.0), (2, 8.0), (3, 28.0)] {
        sheet.set_column_width(c, w).map_err(err)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    book.save_to_buffer().map_err(err)
}

/// A text in pieces that fit a cell (one piece, empty or not, for most).
fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        match rest.char_indices().nth(MAX_CELL_CHARS) {
            Some((at, _)) => {
                out.push(&rest[..at]);
                rest = &rest[at..];
            }
            None => {
                out.push(rest);
                return out;
            }
        }
    }
}
