//! Moses plain-text output ([`Format::Moses`](super::Format::Moses)): two parallel files, one
//! line per non-null bead.
//!
//! Line `i` of the source file and line `i` of the target file are the two sides of the
//! `i`-th pair. Several sentences of one side are joined with a space (none between Chinese
//! sentences). To keep the two files in step, every character that some tool may take as a
//! line or field break ([`is_break`]: tab, line feed, carriage return, vertical tab, form
//! feed, U+001C to U+001E, NEL, and the Unicode line and paragraph separators) is replaced
//! by a space; nothing else is changed. Null beads are left out: Moses and other training
//! tools want pairs.

use super::{join_side, passes};
use crate::alignment::Alignment;
use crate::text::Lang;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::chars::is_line_or_field_break as is_break;

/// `s` on one line: every [`is_break`] character replaced by a space.
pub(crate) fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if is_break(c) { ' ' } else { c })
        .collect()
}

/// Writes the pairs of `alignment` as Moses plain text: the source side of every non-null
/// bead whose score passes `min_score` to `src_out`, its target side to `tgt_out`, one line
/// each, each ending with `\n`.
///
/// A bead index beyond the sentences is written as an empty sentence.
///
/// # Errors
///
/// The error of either output, if writing fails.
pub(crate) fn write<A, B, S, T>(
    src_out: &mut A,
    tgt_out: &mut B,
    alignment: &Alignment,
    src: &[S],
    tgt: &[T],
    min_score: Option<f64>,
) -> io::Result<()>
where
    A: Write + ?Sized,
    B: Write + ?Sized,
    S: AsRef<str>,
    T: AsRef<str>,
{
    for b in alignment.pairs().filter(|b| passes(b.score, min_score)) {
        writeln!(src_out, "{}", one_line(&join_side(src, &b.src)))?;
        writeln!(tgt_out, "{}", one_line(&join_side(tgt, &b.tgt)))?;
    }
    src_out.flush()?;
    tgt_out.flush()
}

/// The two file names for the output prefix `prefix`, following the Moses convention of one
/// language code as the extension: `out` gives `out.zh` and `out.en` for Chinese to
/// English. When both sides have the same language, `out.src.zh` and `out.tgt.zh`.
pub(crate) fn file_names(prefix: &Path, src: Lang, tgt: Lang) -> (PathBuf, PathBuf) {
    let with = |ext: String| {
        let mut name = prefix.as_os_str().to_owned();
        name.push(".");
        name.push(ext);
        PathBuf::from(name)
    };
    if src == tgt {
        (
            with(format!("src.{}", src.code())),
            with(format!("tgt.{}", tgt.code())),
        )
    } else {
        (with(src.code().to_string()), with(tgt.code().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures;

    #[test]
    fn one_line_per_pair_and_file_names() {
        let a = fixtures::three_beads();
        let zh = ["一。", "二。", "三\n行。"];
        let en = ["One two.", "Extra.", "Three\u{2028}line."];
        let (mut s, mut t) = (Vec::new(), Vec::new());
        write(&mut s, &mut t, &a, &zh, &en, None).unwrap();
        assert_eq!(String::from_utf8(s).unwrap(), "一。二。\n三 行。\n");
        assert_eq!(String::from_utf8(t).unwrap(), "One two.\nThree line.\n");
        let (mut s, mut t) = (Vec::new(), Vec::new());
        write(&mut s, &mut t, &a, &zh, &en, Some(0.5)).unwrap();
        assert_eq!(String::from_utf8(s).unwrap(), "一。二。\n");
        assert_eq!(
            file_names(Path::new("x/out"), Lang::Zh, Lang::En),
            (PathBuf::from("x/out.zh"), PathBuf::from("x/out.en"))
        );
        assert_eq!(
            file_names(Path::new("o"), Lang::En, Lang::En),
            (PathBuf::from("o.src.en"), PathBuf::from("o.tgt.en"))
        );
        assert_eq!(
            file_names(Path::new("o"), Lang::En, Lang::Zh),
            (PathBuf::from("o.en"), PathBuf::from("o.zh"))
        );
    }

    #[test]
    fn one_line_replaces_every_break_and_nothing_else() {
        let breaks = "\t\n\u{B}\u{C}\r\u{1C}\u{1D}\u{1E}\u{85}\u{2028}\u{2029}";
        assert!(breaks.chars().all(is_break));
        assert_eq!(one_line(breaks), " ".repeat(11));
        let kept = "a\u{0}\u{1}\u{1B}\u{1F}\u{7F}\u{200F}😀\\\"";
        assert!(!kept.chars().any(is_break));
        assert_eq!(one_line(kept), kept);
    }
}
