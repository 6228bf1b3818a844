//! The two table formats, TSV ([`Format::Tsv`](super::Format::Tsv)) and CSV
//! ([`Format::Csv`](super::Format::Csv)): columns source, target and score, one record per
//! non-null bead that passes the minimum score.
//!
//! Both keep one record per bead whatever the text: TSV by escaping the four characters that
//! break its lines and fields and writing the other line and record separators as spaces
//! ([`tsv_field`]), CSV by RFC 4180's quoting ([`csv_field`]).

use super::{join_side, passes};
use crate::alignment::Alignment;
use crate::chars::is_line_or_field_break;
use std::borrow::Cow;
use std::io::{self, Write};

/// `s` as a TSV field: backslash, tab, line feed and carriage return written as `\\`, `\t`,
/// `\n` and `\r`; the other characters some reader takes as a line or record break
/// (vertical tab, form feed, U+001C to U+001E, NEL, U+2028 and U+2029) written as a space;
/// everything else as it is. So a field holds no tab and no line break of any reader, and
/// undoing the four escapes (left to right) gives back the text but for those separators.
pub(crate) fn tsv_field(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c == '\\' || is_line_or_field_break(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_line_or_field_break(c) => out.push(' '),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` as an RFC 4180 field: in double quotes, with every `"` doubled, when it contains a
/// double quote, a comma, a carriage return or a line feed; else as it is.
pub(crate) fn csv_field(s: &str) -> Cow<'_, str> {
    if !s.contains(['"', ',', '\r', '\n']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
    Cow::Owned(out)
}

/// The two table formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Table {
    /// Tab-separated, records ending with `\n`, fields as [`tsv_field`] makes them.
    Tsv,
    /// RFC 4180: comma-separated, records ending with CRLF, fields as [`csv_field`] makes
    /// them.
    Csv,
}

impl Table {
    /// `s` as a field of this table.
    fn field(self, s: &str) -> Cow<'_, str> {
        match self {
            Table::Tsv => tsv_field(s),
            Table::Csv => csv_field(s),
        }
    }

    /// What separates two fields of a record.
    fn separator(self) -> &'static str {
        match self {
            Table::Tsv => "\t",
            Table::Csv => ",",
        }
    }

    /// What ends every record.
    fn record_end(self) -> &'static str {
        match self {
            Table::Tsv => "\n",
            Table::Csv => "\r\n",
        }
    }
}

/// Writes one record per non-null bead of `alignment` whose score passes `min_score`: the
/// source sentences, the target sentences (each side joined as every writer joins it) and the
/// score with three decimals. A bead index beyond the sentences is written as an empty
/// sentence.
///
/// # Errors
///
/// The error of `out`, if writing fails.
pub(crate) fn write<W, S, T>(
    out: &mut W,
    table: Table,
    alignment: &Alignment,
    src: &[S],
    tgt: &[T],
    min_score: Option<f64>,
) -> io::Result<()>
where
    W: Write + ?Sized,
    S: AsRef<str>,
    T: AsRef<str>,
{
    let (sep, end) = (table.separator(), table.record_end());
    for b in alignment.pairs().filter(|b| passes(b.score, min_score)) {
        write!(
            out,
            "{}{sep}{}{sep}{:.3}{end}",
            table.field(&join_side(src, &b.src)),
            table.field(&join_side(tgt, &b.tgt)),
            b.score
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures;

    #[test]
    fn tsv_fields_escape_four_characters_and_flatten_the_other_separators() {
        assert!(matches!(
            tsv_field("plain 中文 \"q\", 😀"),
            Cow::Borrowed(_)
        ));
        assert_eq!(tsv_field("a\\b\tc\nd\re\\n"), "a\\\\b\\tc\\nd\\re\\\\n");
        assert_eq!(
            tsv_field("1\u{B}2\u{C}3\u{1C}4\u{1D}5\u{1E}6\u{85}7\u{2028}8\u{2029}9"),
            "1 2 3 4 5 6 7 8 9"
        );
        // Other controls are kept.
        assert_eq!(
            tsv_field("\u{1}\u{1B}\u{1F}\u{7F}"),
            "\u{1}\u{1B}\u{1F}\u{7F}"
        );
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert!(matches!(
            csv_field("plain\ttab\u{2028} 😀"),
            Cow::Borrowed(_)
        ));
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\r\nlines"), "\"two\r\nlines\"");
        assert_eq!(csv_field("\""), "\"\"\"\"");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn one_record_per_pair_passing_the_minimum() {
        let a = fixtures::three_beads();
        let zh = ["一。", "二。", "三\t行。"];
        let en = ["One, \"two\".", "Extra.", "Three\nlines."];
        let mut tsv = Vec::new();
        write(&mut tsv, Table::Tsv, &a, &zh, &en, None).unwrap();
        assert_eq!(
            String::from_utf8(tsv).unwrap(),
            "一。二。\tOne, \"two\".\t0.900\n三\\t行。\tThree\\nlines.\t0.123\n"
        );
        let mut csv = Vec::new();
        write(&mut csv, Table::Csv, &a, &zh, &en, Some(0.5)).unwrap();
        assert_eq!(
            String::from_utf8(csv).unwrap(),
            "一。二。,\"One, \"\"two\"\".\",0.900\r\n"
        );
    }
}
