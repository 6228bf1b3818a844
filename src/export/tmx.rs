//! TMX 1.4b output ([`Format::Tmx`](super::Format::Tmx)): one translation unit per non-null
//! bead.
//!
//! The file looks like this (indented by two spaces, UTF-8, no byte order mark):
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <tmx version="1.4">
//!   <header creationtool="bialign" creationtoolversion="0.1.0" datatype="plaintext"
//!           segtype="sentence" adminlang="en" srclang="zh-CN" o-tmf="bialign"/>
//!   <body>
//!     <tu>
//!       <prop type="x-bialign-score">0.934</prop>
//!       <prop type="x-bialign-src-doc">a.zh.txt</prop>
//!       <prop type="x-bialign-tgt-doc">a.en.txt</prop>
//!       <tuv xml:lang="zh-CN">
//!         <seg>你好。</seg>
//!       </tuv>
//!       <tuv xml:lang="en">
//!         <seg>Hello.</seg>
//!       </tuv>
//!     </tu>
//!   </body>
//! </tmx>
//! ```
//!
//! (The header is written on one line.) The score prop has three decimals; the document
//! props appear only when the names are known. Several sentences of one side are joined
//! with a space, except between Chinese sentences.
//!
//! # Escaping
//!
//! In text, `<`, `>` and `&` are written as entities (quotes stay as they are, which XML
//! allows and which keeps the file readable), in attribute values quotes too; a carriage
//! return in text is written as `&#13;` so that XML parsers, which turn literal line ends
//! into `\n`, give it back. Characters that
//! XML 1.0 does not allow at all (the C0 controls other than tab, line feed and carriage
//! return, and the non-characters U+FFFE and U+FFFF) cannot be written even as references,
//! so they are changed as [`xml_safe`] says: vertical tab and form feed become a space,
//! the others are removed. Every file written is therefore well-formed XML whatever the
//! input.

use super::{join_side, passes};
use crate::alignment::Alignment;
use crate::text::Lang;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::borrow::Cow;
use std::io::{self, Write};

/// The TMX language tag used for `lang` unless another is configured: `zh-CN` for Chinese,
/// the language's code for any other language (`en`, `de`).
pub(crate) fn default_tag(lang: Lang) -> &'static str {
    if lang == Lang::Zh {
        "zh-CN"
    } else {
        lang.code()
    }
}

/// Options of the TMX writer.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TmxOptions {
    /// Language tag of the source side (`xml:lang` of its `tuv`s and the header's
    /// `srclang`); default `zh-CN`.
    pub(crate) src_lang: String,
    /// Language tag of the target side; default `en`.
    pub(crate) tgt_lang: String,
    /// Pairs scoring below this are left out; `None` keeps every pair. A NaN score never
    /// passes a minimum.
    pub(crate) min_score: Option<f64>,
    /// The source document's name, written as the prop `x-bialign-src-doc` of every unit.
    pub(crate) src_doc: Option<String>,
    /// The target document's name, written as the prop `x-bialign-tgt-doc` of every unit.
    pub(crate) tgt_doc: Option<String>,
}

impl Default for TmxOptions {
    fn default() -> Self {
        TmxOptions::new()
    }
}

impl TmxOptions {
    /// Chinese (`zh-CN`) to English (`en`), every pair kept, no document names.
    pub(crate) fn new() -> Self {
        TmxOptions::for_langs(Lang::Zh, Lang::En)
    }

    /// The default tags ([`default_tag`]) for a source and a target language.
    pub(crate) fn for_langs(src: Lang, tgt: Lang) -> Self {
        TmxOptions {
            src_lang: default_tag(src).to_string(),
            tgt_lang: default_tag(tgt).to_string(),
            min_score: None,
            src_doc: None,
            tgt_doc: None,
        }
    }

    /// Sets the language tags of the source and target sides (e.g. `zh-TW`, `en-GB`).
    pub(crate) fn with_tags(mut self, src: impl Into<String>, tgt: impl Into<String>) -> Self {
        self.src_lang = src.into();
        self.tgt_lang = tgt.into();
        self
    }

    /// Leaves out pairs scoring below `min_score`.
    pub(crate) fn with_min_score(mut self, min_score: f64) -> Self {
        self.min_score = Some(min_score);
        self
    }

    /// Sets the document names written as props of every unit.
    pub(crate) fn with_doc_names(mut self, src: Option<&str>, tgt: Option<&str>) -> Self {
        self.src_doc = src.map(str::to_string);
        self.tgt_doc = tgt.map(str::to_string);
        self
    }
}

use crate::chars::is_xml_char;

/// `s` with the characters XML 1.0 forbids changed: vertical tab (U+000B) and form feed
/// (U+000C) become a space, the other C0 controls except tab, line feed and carriage return,
/// and U+FFFE and U+FFFF, are removed. Everything else is kept as it is.
///
/// The TMX writer and the HTML page apply this to all text; a reader of their output gets
/// back `xml_safe(text)`.
pub(crate) fn xml_safe(s: &str) -> Cow<'_, str> {
    if s.chars().all(is_xml_char) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| {
                if is_xml_char(c) {
                    Some(c)
                } else if c == '\u{0B}' || c == '\u{0C}' {
                    Some(' ')
                } else {
                    None
                }
            })
            .collect(),
    )
}

/// `s` made XML-safe ([`xml_safe`]) and escaped for text content: `&lt;`, `&gt;`, `&amp;`
/// and `&#13;` for a carriage return.
fn escape_text(s: &str) -> String {
    let safe = xml_safe(s);
    let escaped = quick_xml::escape::partial_escape(safe.as_ref());
    if escaped.contains('\r') {
        escaped.replace('\r', "&#13;")
    } else {
        escaped.into_owned()
    }
}

/// Writes `alignment` of the sentences `src` and `tgt` as a TMX 1.4b document.
///
/// One `tu` per non-null bead whose score passes `options.min_score`; null beads are left
/// out (a translation memory holds pairs only). A bead index beyond the sentences is
/// written as an empty sentence.
///
/// # Errors
///
/// The error of `out`, if writing fails.
pub(crate) fn write<W, S, T>(
    out: &mut W,
    alignment: &Alignment,
    src: &[S],
    tgt: &[T],
    options: &TmxOptions,
) -> io::Result<()>
where
    W: Write + ?Sized,
    S: AsRef<str>,
    T: AsRef<str>,
{
    // Attribute values are escaped by quick-xml; text content is escaped here.
    let src_tag = xml_safe(&options.src_lang);
    let tgt_tag = xml_safe(&options.tgt_lang);
    let src_doc = options.src_doc.as_deref().map(escape_text);
    let tgt_doc = options.tgt_doc.as_deref().map(escape_text);
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("tmx")
        .with_attribute(("version", "1.4"))
        .write_inner_content(|w| {
            w.create_element("header")
                .with_attribute(("creationtool", "bialign"))
                .with_attribute(("creationtoolversion", env!("CARGO_PKG_VERSION")))
                .with_attribute(("datatype", "plaintext"))
                .with_attribute(("segtype", "sentence"))
                .with_attribute(("adminlang", "en"))
                .with_attribute(("srclang", src_tag.as_ref()))
                .with_attribute(("o-tmf", "bialign"))
                .write_empty()?;
            w.create_element("body").write_inner_content(|w| {
                for b in alignment
                    .pairs()
                    .filter(|b| passes(b.score, options.min_score))
                {
                    w.create_element("tu").write_inner_content(|w| {
                        prop(w, "x-bialign-score", &format!("{:.3}", b.score))?;
                        if let Some(d) = &src_doc {
                            prop(w, "x-bialign-src-doc", d)?;
                        }
                        if let Some(d) = &tgt_doc {
                            prop(w, "x-bialign-tgt-doc", d)?;
                        }
                        tuv(w, &src_tag, &join_side(src, &b.src))?;
                        tuv(w, &tgt_tag, &join_side(tgt, &b.tgt))
                    })?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    let out = w.into_inner();
    out.write_all(b"\n")?;
    out.flush()
}

/// `<prop type="{kind}">{escaped}</prop>`; `escaped` is already escaped.
fn prop<W: Write>(w: &mut Writer<W>, kind: &str, escaped: &str) -> io::Result<()> {
    w.create_element("prop")
        .with_attribute(("type", kind))
        .write_text_content(BytesText::from_escaped(escaped))?;
    Ok(())
}

/// `<tuv xml:lang="{tag}"><seg>{text}</seg></tuv>`, escaping both.
fn tuv<W: Write>(w: &mut Writer<W>, tag: &str, text: &str) -> io::Result<()> {
    let seg = escape_text(text);
    w.create_element("tuv")
        .with_attribute(("xml:lang", tag))
        .write_inner_content(|w| {
            w.create_element("seg")
                .write_text_content(BytesText::from_escaped(seg))?;
            Ok(())
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alignment::Bead;

    #[test]
    fn forbidden_characters_are_replaced_or_dropped() {
        assert_eq!(xml_safe("a\u{0}b\u{B}c\u{C}d\u{FFFF}"), "ab c d");
        assert!(matches!(xml_safe("ok\t\n\r😀"), Cow::Borrowed(_)));
        assert_eq!(
            escape_text("<a & 'b'>\"]]>\r\n"),
            "&lt;a &amp; 'b'&gt;\"]]&gt;&#13;\n"
        );
    }

    #[test]
    fn writes_header_units_and_leaves_out_null_beads() {
        let a = Alignment {
            beads: vec![
                Bead {
                    src: 0..1,
                    tgt: 0..1,
                    score: 0.9344,
                },
                Bead {
                    src: 1..2,
                    tgt: 1..1,
                    score: 0.5,
                },
                Bead {
                    src: 2..3,
                    tgt: 1..2,
                    score: 0.2,
                },
            ],
        };
        let zh = ["你好。", "多余。", "再见。"];
        let en = ["Hello & <bye>.", "Bye."];
        let mut out = Vec::new();
        let opts = TmxOptions::new().with_doc_names(Some("a.zh"), Some("a.en"));
        write(&mut out, &a, &zh, &en, &opts).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains(&format!(
            "<header creationtool=\"bialign\" creationtoolversion=\"{}\" datatype=\"plaintext\" \
             segtype=\"sentence\" adminlang=\"en\" srclang=\"zh-CN\" o-tmf=\"bialign\"/>",
            env!("CARGO_PKG_VERSION")
        )));
        assert_eq!(xml.matches("<tu>").count(), 2);
        assert!(xml.contains("<prop type=\"x-bialign-score\">0.934</prop>"));
        assert!(xml.contains("<prop type=\"x-bialign-src-doc\">a.zh</prop>"));
        assert!(xml.contains("<tuv xml:lang=\"en\">\n        <seg>Hello &amp; &lt;bye&gt;.</seg>"));
        assert!(!xml.contains("多余"));
        let mut out = Vec::new();
        write(
            &mut out,
            &a,
            &zh,
            &en,
            &TmxOptions::new().with_min_score(0.5),
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap().matches("<tu>").count(), 1);
    }

    #[test]
    fn xml_safe_is_documented_behaviour() {
        assert_eq!(
            xml_safe("a\u{0}b\u{B}c\u{C}d\u{1F}e\u{FFFE}\u{FFFF}f"),
            "ab c def"
        );
        assert!(matches!(
            xml_safe("plain 𠀀 text\t\n\r"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn options_default_to_chinese_to_english_and_follow_the_languages() {
        assert_eq!(TmxOptions::new(), TmxOptions::default());
        assert_eq!(TmxOptions::new().src_lang, "zh-CN");
        assert_eq!(TmxOptions::new().tgt_lang, "en");
        // English to Chinese, with only the source document's name.
        let a = Alignment {
            beads: vec![Bead {
                src: 0..1,
                tgt: 0..1,
                score: 0.9,
            }],
        };
        let en = ["First: <b>bold</b> & \"quotes\" 'single'.\u{B}"];
        let zh = ["第一句。"];
        let opts = TmxOptions::for_langs(Lang::En, Lang::Zh).with_doc_names(Some("e"), None);
        let mut out = Vec::new();
        write(&mut out, &a, &en, &zh, &opts).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains(" srclang=\"en\" "));
        let en_tuv = "<tuv xml:lang=\"en\">\n        \
                      <seg>First: &lt;b&gt;bold&lt;/b&gt; &amp; \"quotes\" 'single'. </seg>";
        let zh_tuv = "<tuv xml:lang=\"zh-CN\">\n        <seg>第一句。</seg>";
        let (e, z) = (xml.find(en_tuv), xml.find(zh_tuv));
        assert!(e.is_some() && z.is_some() && e < z, "{xml}");
        assert!(xml.contains("<prop type=\"x-bialign-src-doc\">e</prop>"));
        assert!(!xml.contains("x-bialign-tgt-doc"));
    }
}
