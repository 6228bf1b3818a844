//! Writers for alignments: index format, TSV, CSV, JSONL, TMX, Moses and an HTML review page.
//!
//! [`Writer`] bundles an alignment with its sentences, languages and document names and
//! renders every [`Format`]: one file with [`Writer::render`], the files of any format
//! (Moses writes two) with [`Writer::files`], saved atomically with [`Writer::save`] or
//! [`save`] (symbolic links followed, special files written in place, permissions kept:
//! [`save_with`] says how; [`refuse_overwriting_inputs`] refuses an output that is an input
//! before any work). Every
//! writer joins the sentences of one side of a bead as [`join_sentences`] does, and the
//! review page colours pairs by the bands [`HIGH_CONFIDENCE`] and [`MEDIUM_CONFIDENCE`].
//!
//! ```
//! use bialign::export::{Format, Writer};
//! use bialign::{Alignment, Bead, Lang};
//!
//! let zh = ["你好。", "谢谢。"];
//! let en = ["Hello.", "Thank you."];
//! let alignment = Alignment {
//!     beads: vec![
//!         Bead { src: 0..1, tgt: 0..1, score: 0.97 },
//!         Bead { src: 1..2, tgt: 1..2, score: 0.42 },
//!     ],
//! };
//! let out = Writer::new(&alignment, &zh, &en)
//!     .with_langs(Lang::Zh, Lang::En)
//!     .with_min_score(0.5);
//! let mut tmx = Vec::new();
//! out.write_to(Format::Tmx, &mut tmx)?;
//! let tmx = String::from_utf8(tmx).unwrap();
//! assert!(tmx.contains("<seg>Hello.</seg>"));
//! assert!(!tmx.contains("Thank you.")); // below the minimum score
//! # Ok::<(), bialign::Error>(())
//! ```

mod delimited;
mod html;
mod moses;
mod save;
mod tmx;
#[cfg(feature = "xlsx")]
mod xlsx;

pub use save::{refuse_overwriting_inputs, save, save_with, Abandoned, FileId, TempFiles};

use crate::alignment::Alignment;
use crate::text::{Aside, Lang};
use delimited::Table;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Scores from this up are high confidence: green on the review page ([`Format::Html`]).
pub const HIGH_CONFIDENCE: f64 = 0.9;

/// Scores from this up, and below [`HIGH_CONFIDENCE`], are medium confidence (yellow on the
/// review page); lower ones are low (red). A NaN score is low.
pub const MEDIUM_CONFIDENCE: f64 = 0.5;

/// The style sheet of the review page ([`Format::Html`]), which `bialign review` serves
/// too: confidence colours of the rows (classes `high`, `medium`, `low`, `null`, and `aside`
/// for set-aside material), the current bead (`cur`), the filter to doubtful beads
/// (`doubtful-only` on the table). It has no `<` or `&`, so a page holding it stays
/// well-formed XML.
pub const PAGE_CSS: &str = include_str!("page.css");

/// The script of the review page's keys ([`Format::Html`]), which `bialign review` serves
/// too: it defines `BialignNav`, which moves through the rows of `table.align` (`j`/`k` or
/// the arrows, `Home`, `End`), jumps to the next or previous doubtful bead (`n`, `p`: a pair
/// below [`HIGH_CONFIDENCE`] or a bead without counterpart, not confirmed) and filters the
/// table to them (`f`). It holds no `]]>`, so it can sit in a CDATA section.
pub const PAGE_NAV_JS: &str = include_str!("nav.js");

/// An output format for an alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Format {
    /// One bead per line in index format: `[0,1]:[0]`, `[2]:[]`.
    Ids,
    /// `source<TAB>target<TAB>score`, one line per non-null bead (that passes the minimum
    /// score), each ending with `\n`; the score has three decimals, the sentences of one side
    /// are joined as [`join_sentences`] says.
    ///
    /// Every reader sees one record per bead with three fields, Python's `str.splitlines`
    /// included: inside a field, backslash, tab, line feed and carriage return are written as
    /// `\\`, `\t`, `\n` and `\r` (a reader gets the text back by taking each backslash with
    /// the character after it as one of these four), and the other characters that some
    /// reader takes as a line or record break,
    /// vertical tab, form feed, U+001C to U+001E, NEL (U+0085), U+2028 and U+2029, are
    /// written as a space (they do not come back). Everything else is written as it is.
    Tsv,
    /// RFC 4180 CSV, UTF-8: `source,target,score` records, one per non-null bead (that
    /// passes the minimum score), each ending with CRLF, no header; a field is quoted with
    /// `"` when it contains `"`, `,`, CR or LF, and its quotes are doubled. A CSV reader
    /// gives back exactly the joined sentences ([`join_sentences`]).
    Csv,
    /// One JSON object per bead, null beads included.
    Jsonl,
    /// TMX 1.4b, one translation unit per non-null bead, UTF-8 without byte order mark:
    ///
    /// ```xml
    /// <?xml version="1.0" encoding="UTF-8"?>
    /// <tmx version="1.4">
    ///   <header creationtool="bialign" creationtoolversion="0.1.0" datatype="plaintext"
    ///           segtype="sentence" adminlang="en" srclang="zh-CN" o-tmf="bialign"/>
    ///   <body>
    ///     <tu>
    ///       <prop type="x-bialign-score">0.934</prop>
    ///       <prop type="x-bialign-src-doc">a.zh.txt</prop>
    ///       <prop type="x-bialign-tgt-doc">a.en.txt</prop>
    ///       <tuv xml:lang="zh-CN">
    ///         <seg>你好。</seg>
    ///       </tuv>
    ///       <tuv xml:lang="en">
    ///         <seg>Hello.</seg>
    ///       </tuv>
    ///     </tu>
    ///   </body>
    /// </tmx>
    /// ```
    ///
    /// The header is written on one line; the score prop has three decimals; the document
    /// props appear only when the names are known ([`Writer::with_names`]); the language
    /// tags are `zh-CN` and `en` unless [`Writer::with_tags`] sets others.
    ///
    /// In text, `<`, `>` and `&` are written as entities (quotes stay as they are), in
    /// attribute values quotes too; a carriage return in text is written as `&#13;` so that
    /// XML parsers, which turn literal line ends into `\n`, give it back. Characters that XML
    /// 1.0 does not allow at all cannot be written even as references: vertical tab and form
    /// feed become a space; the other C0 controls but tab, line feed and carriage return,
    /// and U+FFFE and U+FFFF, are removed. Every file written is therefore well-formed XML
    /// whatever the input.
    Tmx,
    /// Moses plain text: two parallel files, one line per non-null bead; line `i` of each is
    /// one side of the `i`-th pair. Every character that some tool may take as a line or
    /// field break (tab, line feed, carriage return, vertical tab, form feed, U+001C to
    /// U+001E, NEL, U+2028 and U+2029) is replaced by a space; nothing else is changed. The
    /// files are named `PREFIX.zh` and `PREFIX.en` (by language code,
    /// [`Writer::moses_paths`]). It cannot be written to a single output: use
    /// [`Writer::files`] or [`Writer::write_moses`].
    Moses,
    /// A self-contained HTML review page: no network, inline CSS ([`PAGE_CSS`]), an SVG
    /// picture of the alignment path, a summary, and one table row per bead with every
    /// sentence of both sides and its index and the bead's confidence. Rows are coloured by
    /// confidence (green from [`HIGH_CONFIDENCE`], yellow from [`MEDIUM_CONFIDENCE`], red
    /// below), null beads grey with "no counterpart" on their empty side and the confidence
    /// that their sentences have none. One inline script ([`PAGE_NAV_JS`], read-only) gives
    /// the keys listed on the page: move through the beads, jump to the next doubtful one,
    /// filter to them. All text is escaped for HTML (`&`, `<`,
    /// `>`, `"`, `'`) and the characters XML 1.0 forbids are changed as for
    /// [`Tmx`](Format::Tmx), so the page also parses as XML.
    Html,
    /// An Excel workbook for review (with the cargo feature `xlsx`), as LF Aligner's
    /// spreadsheet: a header row, then one row per bead (null beads and set-aside material
    /// included) with the source and target sentences joined as [`join_sentences`] says in
    /// two wide columns, the score (three decimals; empty for rows without a pair), a note
    /// (`no target counterpart`, `set aside: page number`), the row filled green from
    /// [`HIGH_CONFIDENCE`], yellow from [`MEDIUM_CONFIDENCE`], red below, grey without a
    /// pair. Like the review page it keeps every bead whatever the minimum score.
    Xlsx,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 8] = [
        Format::Ids,
        Format::Tsv,
        Format::Csv,
        Format::Jsonl,
        Format::Tmx,
        Format::Moses,
        Format::Html,
        Format::Xlsx,
    ];

    /// The format's name as accepted by [`FromStr`](std::str::FromStr), e.g. `"tmx"`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Ids => "ids",
            Format::Tsv => "tsv",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Tmx => "tmx",
            Format::Moses => "moses",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
        }
    }

    /// `true` for formats whose output is not text (XLSX).
    pub fn is_binary(self) -> bool {
        self == Format::Xlsx
    }

    /// `true` for formats written to two files (Moses).
    pub fn is_two_files(self) -> bool {
        self == Format::Moses
    }

    /// The format a file name's extension names (case-insensitive): `.tsv`, `.csv`,
    /// `.jsonl`, `.tmx`, `.html` or `.htm`, `.ids` or `.align`, `.xlsx`; `None` for any
    /// other.
    ///
    /// ```
    /// use bialign::export::Format;
    /// use std::path::Path;
    ///
    /// assert_eq!(Format::from_extension(Path::new("out/pairs.TMX")), Some(Format::Tmx));
    /// assert_eq!(Format::from_extension(Path::new("pairs.txt")), None);
    /// ```
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "tsv" => Some(Format::Tsv),
            "csv" => Some(Format::Csv),
            "jsonl" => Some(Format::Jsonl),
            "tmx" => Some(Format::Tmx),
            "html" | "htm" => Some(Format::Html),
            "ids" | "align" => Some(Format::Ids),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    /// The files this format writes for the output `output` with sides in `src` and `tgt`:
    /// `output` itself, or Moses' two ([`Writer::moses_paths`]).
    ///
    /// ```
    /// use bialign::export::Format;
    /// use bialign::Lang;
    /// use std::path::{Path, PathBuf};
    ///
    /// let moses = Format::Moses.output_paths(Path::new("out/p"), Lang::Zh, Lang::En);
    /// assert_eq!(moses, [PathBuf::from("out/p.zh"), PathBuf::from("out/p.en")]);
    /// let tmx = Format::Tmx.output_paths(Path::new("out/p.tmx"), Lang::Zh, Lang::En);
    /// assert_eq!(tmx, [PathBuf::from("out/p.tmx")]);
    /// ```
    pub fn output_paths(self, output: &Path, src: Lang, tgt: Lang) -> Vec<PathBuf> {
        if self.is_two_files() {
            let (s, t) = moses::file_names(output, src, tgt);
            vec![s, t]
        } else {
            vec![output.to_path_buf()]
        }
    }

    /// The format for an output file: the one its extension names, else TSV (also for
    /// standard output, `None`).
    pub fn for_output(output: Option<&Path>) -> Format {
        output
            .and_then(Format::from_extension)
            .unwrap_or(Format::Tsv)
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Format {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        let lower = s.to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.name() == lower)
            .ok_or_else(|| {
                crate::Error::config(format!(
                    "unknown format `{lower}` (expected ids, tsv, csv, jsonl, tmx, moses, html or xlsx)"
                ))
            })
    }
}

/// The one writer of alignments: the alignment, the sentences of both sides, their
/// languages and, optionally, the document names, TMX language tags and a minimum confidence;
/// it renders any [`Format`] ([`render`](Writer::render) for one file,
/// [`files`](Writer::files) for every format, Moses' two files included) and saves them
/// ([`save`](Writer::save), atomically).
///
/// Build it with [`Writer::new`] and the `with_*` setters.
#[derive(Clone, Debug)]
pub struct Writer<'a> {
    alignment: &'a Alignment,
    src: Vec<&'a str>,
    tgt: Vec<&'a str>,
    src_lang: Lang,
    tgt_lang: Lang,
    src_name: Option<&'a str>,
    tgt_name: Option<&'a str>,
    min_score: Option<f64>,
    src_tag: Option<&'a str>,
    tgt_tag: Option<&'a str>,
    src_aside: &'a [Aside],
    tgt_aside: &'a [Aside],
}

/// One file of rendered output: where it goes (`None`: standard output) and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// The file's path; `None` for output meant for standard output.
    pub path: Option<PathBuf>,
    /// The file's contents.
    pub bytes: Vec<u8>,
}

impl<'a> Writer<'a> {
    /// A writer of `alignment` over the sentences `src` and `tgt`, Chinese to English,
    /// without document names or minimum score.
    pub fn new<S: AsRef<str>, T: AsRef<str>>(
        alignment: &'a Alignment,
        src: &'a [S],
        tgt: &'a [T],
    ) -> Self {
        Self::for_sentences(
            alignment,
            src.iter().map(AsRef::as_ref).collect(),
            tgt.iter().map(AsRef::as_ref).collect(),
        )
    }

    /// [`Writer::new`] with the sentences already as lists of `&str` (as
    /// [`Text::texts`](crate::text::Text::texts) gives them).
    pub fn for_sentences(alignment: &'a Alignment, src: Vec<&'a str>, tgt: Vec<&'a str>) -> Self {
        Writer {
            alignment,
            src,
            tgt,
            src_lang: Lang::Zh,
            tgt_lang: Lang::En,
            src_name: None,
            tgt_name: None,
            min_score: None,
            src_tag: None,
            tgt_tag: None,
            src_aside: &[],
            tgt_aside: &[],
        }
    }

    /// Shows what the clean-up set apart from each side
    /// ([`Text::set_aside`](crate::text::Text::set_aside)) among the beads of the whole-document formats: a
    /// JSONL record with an empty side and its `set_aside` reason, a grey row of the review
    /// page (the pair formats, which hold pairs only, leave it out).
    pub fn with_set_aside(mut self, src: &'a [Aside], tgt: &'a [Aside]) -> Self {
        self.src_aside = src;
        self.tgt_aside = tgt;
        self
    }

    /// The beads in order with the set-aside material among them ([`rows`]).
    fn rows(&self) -> Vec<Row<'a>> {
        rows(self.alignment, self.src_aside, self.tgt_aside)
    }

    /// Sets the source and target languages.
    pub fn with_langs(mut self, src: Lang, tgt: Lang) -> Self {
        self.src_lang = src;
        self.tgt_lang = tgt;
        self
    }

    /// Sets the document names (file names) of the two sides.
    pub fn with_names(mut self, src: Option<&'a str>, tgt: Option<&'a str>) -> Self {
        self.src_name = src;
        self.tgt_name = tgt;
        self
    }

    /// Leaves pairs scoring below `min_score` out of TSV, CSV, TMX and Moses output; the
    /// whole-document formats (ids, JSONL, HTML) keep every bead.
    pub fn with_min_score(mut self, min_score: f64) -> Self {
        self.min_score = Some(min_score);
        self
    }

    /// Sets the language tags (e.g. `zh-TW`, `en-GB`) of TMX `xml:lang` and the HTML page's
    /// `lang` attributes instead of the defaults.
    pub fn with_tags(mut self, src: Option<&'a str>, tgt: Option<&'a str>) -> Self {
        self.src_tag = src;
        self.tgt_tag = tgt;
        self
    }

    /// Checks that every bead refers to existing sentences.
    ///
    /// # Errors
    ///
    /// A [`Config`](crate::ErrorKind::Config) error naming the first bead that does not.
    pub fn check(&self) -> crate::Result<()> {
        for (k, b) in self.alignment.beads.iter().enumerate() {
            for (side, range, len) in [
                ("source", &b.src, self.src.len()),
                ("target", &b.tgt, self.tgt.len()),
            ] {
                if !range.is_empty() && range.end > len {
                    return Err(crate::Error::config(format!(
                        "bead {k} ({}) refers to {side} sentence {} but there are only {len}",
                        b.to_ids(),
                        range.end - 1
                    )));
                }
            }
        }
        Ok(())
    }

    /// The TMX options this writer implies.
    fn tmx_options(&self) -> tmx::TmxOptions {
        let mut o = tmx::TmxOptions::for_langs(self.src_lang, self.tgt_lang)
            .with_doc_names(self.src_name, self.tgt_name);
        if self.src_tag.is_some() || self.tgt_tag.is_some() {
            let src = self
                .src_tag
                .map_or_else(|| o.src_lang.clone(), str::to_string);
            let tgt = self
                .tgt_tag
                .map_or_else(|| o.tgt_lang.clone(), str::to_string);
            o = o.with_tags(src, tgt);
        }
        if let Some(min) = self.min_score {
            o = o.with_min_score(min);
        }
        o
    }

    /// The HTML options this writer implies.
    fn html_options(&self) -> html::HtmlOptions {
        html::HtmlOptions {
            src_lang: self.src_lang,
            tgt_lang: self.tgt_lang,
            src_name: self.src_name.map(str::to_string),
            tgt_name: self.tgt_name.map(str::to_string),
            tags: (
                self.src_tag.map(str::to_string),
                self.tgt_tag.map(str::to_string),
            ),
            ..html::HtmlOptions::default()
        }
    }

    /// Writes the alignment in `format` to `out`.
    ///
    /// # Errors
    ///
    /// A [`Config`](crate::ErrorKind::Config) error for [`Format::Moses`] (two files: use
    /// [`write_moses`](Self::write_moses) or [`files`](Self::files)) or when a bead refers
    /// to a sentence that does not exist ([`check`](Self::check)); an
    /// [`Io`](crate::ErrorKind::Io) error (named `<output>`) when writing fails.
    pub fn write_to(&self, format: Format, out: &mut dyn Write) -> crate::Result<()> {
        self.check()?;
        let io_err = |e| crate::Error::io("<output>", e);
        let (a, src, tgt) = (self.alignment, &self.src[..], &self.tgt[..]);
        match format {
            Format::Ids => out.write_all(a.to_ids().as_bytes()),
            Format::Jsonl => write_jsonl(out, &self.rows(), src, tgt),
            Format::Tsv => delimited::write(out, Table::Tsv, a, src, tgt, self.min_score),
            Format::Csv => delimited::write(out, Table::Csv, a, src, tgt, self.min_score),
            Format::Tmx => tmx::write(out, a, src, tgt, &self.tmx_options()),
            Format::Html => html::write(out, a, &self.rows(), src, tgt, &self.html_options()),
            Format::Xlsx => return self.write_xlsx(out),
            Format::Moses => {
                return Err(crate::Error::config(
                    "the moses format writes two files (one per language); \
                     use Writer::write_moses or Writer::files",
                ))
            }
        }
        .map_err(io_err)
    }

    /// Writes the review spreadsheet.
    #[cfg(feature = "xlsx")]
    fn write_xlsx(&self, out: &mut dyn Write) -> crate::Result<()> {
        let tags = (
            self.src_tag.unwrap_or(self.src_lang.code()),
            self.tgt_tag.unwrap_or(self.tgt_lang.code()),
        );
        let bytes = xlsx::render(&self.rows(), &self.src, &self.tgt, tags)?;
        out.write_all(&bytes)
            .map_err(|e| crate::Error::io("<output>", e))
    }

    /// Without the `xlsx` feature: an error saying so.
    #[cfg(not(feature = "xlsx"))]
    fn write_xlsx(&self, _out: &mut dyn Write) -> crate::Result<()> {
        Err(crate::Error::config(
            "this build of bialign writes no XLSX (cargo feature `xlsx`)",
        ))
    }

    /// The alignment in a single-file `format`, as bytes.
    ///
    /// # Errors
    /// As [`write_to`](Self::write_to).
    pub fn render(&self, format: Format) -> crate::Result<Vec<u8>> {
        let mut buf = Vec::new();
        self.write_to(format, &mut buf)?;
        Ok(buf)
    }

    /// The beads as `--format jsonl` writes them, one value each (for a caller that embeds
    /// them in a JSON document of its own, as `bialign batch -` does).
    ///
    /// # Errors
    /// When a bead refers to a sentence that does not exist ([`check`](Self::check)).
    pub fn json_beads(&self) -> crate::Result<Vec<JsonBead>> {
        self.check()?;
        Ok(self
            .rows()
            .iter()
            .map(|r| JsonBead::of_row(r, &self.src, &self.tgt))
            .collect())
    }

    /// Writes Moses plain text ([`Format::Moses`]): the source side of every non-null bead
    /// (that passes the minimum score) to `src_out`, its target side to `tgt_out`, one line
    /// each, each ending with `\n`.
    ///
    /// # Errors
    ///
    /// A [`Config`](crate::ErrorKind::Config) error when a bead refers to a sentence that
    /// does not exist; an [`Io`](crate::ErrorKind::Io) error when writing fails.
    pub fn write_moses(
        &self,
        src_out: &mut dyn Write,
        tgt_out: &mut dyn Write,
    ) -> crate::Result<()> {
        self.check()?;
        moses::write(
            src_out,
            tgt_out,
            self.alignment,
            &self.src,
            &self.tgt,
            self.min_score,
        )
        .map_err(|e| crate::Error::io("<output>", e))
    }

    /// The two Moses file names for the output prefix `prefix`, following the Moses
    /// convention of one language code as the extension: `prefix.zh` and `prefix.en` for
    /// Chinese to English; `prefix.src.zh` and `prefix.tgt.zh` when both sides have the same
    /// language.
    pub fn moses_paths(&self, prefix: &Path) -> (PathBuf, PathBuf) {
        moses::file_names(prefix, self.src_lang, self.tgt_lang)
    }

    /// The files `format` makes for `output` (`None`: standard output): one, or Moses' two,
    /// which need `output` as the prefix of their names.
    ///
    /// # Errors
    /// A [`Config`](crate::ErrorKind::Config) error for Moses without `output`, and as
    /// [`write_to`](Self::write_to).
    pub fn files(&self, format: Format, output: Option<&Path>) -> crate::Result<Vec<OutputFile>> {
        if format.is_two_files() {
            let Some(prefix) = output else {
                return Err(crate::Error::config(
                    "--format moses writes two files: give their common prefix with -o",
                ));
            };
            let (sp, tp) = self.moses_paths(prefix);

            let (mut sb, mut tb) = (Vec::new(), Vec::new());
            self.write_moses(&mut sb, &mut tb)?;
            return Ok(vec![
                OutputFile {
                    path: Some(sp),
                    bytes: sb,
                },
                OutputFile {
                    path: Some(tp),
                    bytes: tb,
                },
            ]);
        }
        Ok(vec![OutputFile {
            path: output.map(Path::to_path_buf),
            bytes: self.render(format)?,
        }])
    }

    /// Renders `format` and writes its files under `output` atomically, without clobbering
    /// anything (see [`save`]).
    ///
    /// # Errors
    /// As [`files`](Self::files) and [`save`].
    pub fn save(&self, format: Format, output: &Path) -> crate::Result<Vec<PathBuf>> {
        let files = self.files(format, Some(output))?;
        save(&files)?;
        Ok(files.into_iter().filter_map(|f| f.path).collect())
    }
}

/// One bead as `--format jsonl` writes it (fields in the command-line contract's order).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct JsonBead {
    /// Source sentence indices.
    pub src: Vec<usize>,
    /// Target sentence indices.
    pub tgt: Vec<usize>,
    /// The source sentences, joined as every writer joins them.
    pub src_text: String,
    /// The target sentences, joined likewise.
    pub tgt_text: String,
    /// The confidence, rounded to three decimals (1 for set-aside material, which is set
    /// apart by rule).
    pub score: f64,
    /// For material the clean-up set apart (its side's indices are empty, its text is the
    /// material): the reason (`running header`, `page number`, `document symbol`,
    /// `job number`, `distribution block`, `footnote`, `footnote mark`). Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_aside: Option<String>,
}

impl JsonBead {
    fn of<S: AsRef<str>, T: AsRef<str>>(b: &crate::Bead, src: &[S], tgt: &[T]) -> JsonBead {
        JsonBead {
            src: b.src.clone().collect(),
            tgt: b.tgt.clone().collect(),
            src_text: join_side(src, &b.src),
            tgt_text: join_side(tgt, &b.tgt),
            score: (b.score * 1000.0).round() / 1000.0,
            set_aside: None,
        }
    }

    fn of_row<S: AsRef<str>, T: AsRef<str>>(r: &Row<'_>, src: &[S], tgt: &[T]) -> JsonBead {
        match *r {
            Row::Bead(b) => JsonBead::of(b, src, tgt),
            Row::Aside(side, a) => {
                let (src_text, tgt_text) = match side {
                    Side::Src => (a.text.clone(), String::new()),
                    Side::Tgt => (String::new(), a.text.clone()),
                };
                JsonBead {
                    src: Vec::new(),
                    tgt: Vec::new(),
                    src_text,
                    tgt_text,
                    score: 1.0,
                    set_aside: Some(a.reason.reason().to_string()),
                }
            }
        }
    }
}

/// A side of the alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    Src,
    Tgt,
}

/// One row of a whole-document output: a bead, or material set apart from one side.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Row<'a> {
    Bead(&'a crate::Bead),
    Aside(Side, &'a Aside),
}

/// The beads in order with each side's set-aside material among them: each before the
/// first bead that starts on its side at or after the sentence it precedes (after the bead
/// that holds that place, when a bead spans it), the rest at the end.
pub(crate) fn rows<'a>(
    alignment: &'a Alignment,
    src: &'a [Aside],
    tgt: &'a [Aside],
) -> Vec<Row<'a>> {
    let mut out = Vec::with_capacity(alignment.beads.len() + src.len() + tgt.len());
    let (mut s, mut t) = (src.iter().peekable(), tgt.iter().peekable());
    for b in &alignment.beads {
        if !b.src.is_empty() {
            while let Some(a) = s.next_if(|a| a.before <= b.src.start) {
                out.push(Row::Aside(Side::Src, a));
            }
        }
        if !b.tgt.is_empty() {
            while let Some(a) = t.next_if(|a| a.before <= b.tgt.start) {
                out.push(Row::Aside(Side::Tgt, a));
            }
        }
        out.push(Row::Bead(b));
    }
    out.extend(s.map(|a| Row::Aside(Side::Src, a)));
    out.extend(t.map(|a| Row::Aside(Side::Tgt, a)));
    out
}

/// Whether a pair with `score` passes the minimum `min_score`: always without a minimum;
/// with one, only if `score >= min` (a NaN score never passes).
pub(crate) fn passes(score: f64, min_score: Option<f64>) -> bool {
    match min_score {
        None => true,
        Some(min) => score >= min || min.is_nan(),
    }
}

/// The sentences `range` of one side, joined as every writer joins them: with a space, but
/// without one between two sentences when the first ends and the second starts with a Han
/// character or CJK punctuation (so Chinese sentences are joined directly). An index beyond
/// `sentences` counts as an empty sentence.
pub fn join_sentences<S: AsRef<str>>(sentences: &[S], range: std::ops::Range<usize>) -> String {
    join_side(sentences, &range)
}

/// The sentences of one side of a bead, joined by a space (Chinese sentences without one,
/// as [`needs_space`](crate::text::needs_space) says).
pub(crate) fn join_side<S: AsRef<str>>(sentences: &[S], range: &std::ops::Range<usize>) -> String {
    let mut out = String::new();
    for k in range.clone() {
        let s = sentences.get(k).map(AsRef::as_ref).unwrap_or("");
        if !out.is_empty() && crate::text::needs_space(&out, s) {
            out.push(' ');
        }
        out.push_str(s);
    }
    out
}

/// JSONL: every bead, and the set-aside material among them.
fn write_jsonl<W: Write + ?Sized, S: AsRef<str>, T: AsRef<str>>(
    out: &mut W,
    rows: &[Row<'_>],
    src: &[S],
    tgt: &[T],
) -> io::Result<()> {
    for r in rows {
        serde_json::to_writer(&mut *out, &JsonBead::of_row(r, src, tgt))
            .map_err(io::Error::from)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Alignments the writers' unit tests share.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::{Alignment, Bead};
    use std::ops::Range;

    /// A bead.
    pub(crate) fn bead(src: Range<usize>, tgt: Range<usize>, score: f64) -> Bead {
        Bead { src, tgt, score }
    }

    /// Three sentences a side: a 2-1 pair, a target sentence without counterpart, and a
    /// 1-1 pair below any usual minimum score (0.1234).
    pub(crate) fn three_beads() -> Alignment {
        Alignment {
            beads: vec![
                bead(0..2, 0..1, 0.9),
                bead(2..2, 1..2, 0.9),
                bead(2..3, 2..3, 0.1234),
            ],
        }
    }
}
