//! Writers for alignments: index format, TSV, JSONL (more formats in their own files).

use crate::alignment::Alignment;
use std::io::{self, Write};

/// An output format for an alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// One bead per line in index format: `[0,1]:[0]`, `[2]:[]`.
    Ids,
    /// `source<TAB>target<TAB>score`, one line per non-null bead; sentences of one side are
    /// joined by a space.
    Tsv,
    /// One JSON object per bead, null beads included.
    Jsonl,
}

impl std::str::FromStr for Format {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        match s {
            "ids" => Ok(Format::Ids),
            "tsv" => Ok(Format::Tsv),
            "jsonl" => Ok(Format::Jsonl),
            other => Err(crate::Error::config(format!(
                "unknown format `{other}` (expected ids, tsv or jsonl)"
            ))),
        }
    }
}

/// The sentences of one side of a bead, joined by a space (Chinese sentences without one).
fn join_side<S: AsRef<str>>(sentences: &[S], range: &std::ops::Range<usize>) -> String {
    let mut out = String::new();
    for k in range.clone() {
        let s = sentences.get(k).map(AsRef::as_ref).unwrap_or("");
        if !out.is_empty() && !(ends_cjk(&out) && starts_cjk(s)) {
            out.push(' ');
        }
        out.push_str(s);
    }
    out
}

fn ends_cjk(s: &str) -> bool {
    s.chars().next_back().is_some_and(|c| {
        crate::features::is_han(c)
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || ('\u{FF00}'..='\u{FFEF}').contains(&c)
    })
}

fn starts_cjk(s: &str) -> bool {
    s.chars().next().is_some_and(|c| {
        crate::features::is_han(c)
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || ('\u{FF00}'..='\u{FFEF}').contains(&c)
    })
}

/// Tabs and line breaks inside a TSV field become spaces, so every record stays one line.
fn tsv_field(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Writes `alignment` of sentences `src` and `tgt` in `format`.
pub fn write<W: Write, S: AsRef<str>, T: AsRef<str>>(
    out: &mut W,
    format: Format,
    alignment: &Alignment,
    src: &[S],
    tgt: &[T],
) -> io::Result<()> {
    match format {
        Format::Ids => out.write_all(alignment.to_ids().as_bytes()),
        Format::Tsv => {
            for b in alignment.pairs() {
                writeln!(
                    out,
                    "{}\t{}\t{:.3}",
                    tsv_field(&join_side(src, &b.src)),
                    tsv_field(&join_side(tgt, &b.tgt)),
                    b.score
                )?;
            }
            Ok(())
        }
        Format::Jsonl => {
            for b in &alignment.beads {
                let obj = serde_json::json!({
                    "src": b.src.clone().collect::<Vec<_>>(),
                    "tgt": b.tgt.clone().collect::<Vec<_>>(),
                    "src_text": join_side(src, &b.src),
                    "tgt_text": join_side(tgt, &b.tgt),
                    "score": (b.score * 1000.0).round() / 1000.0,
                });
                writeln!(out, "{obj}")?;
            }
            Ok(())
        }
    }
}
