//! A self-contained HTML review page of an alignment ([`Format::Html`](super::Format::Html)).
//!
//! The page needs no network: inline CSS ([`PAGE_CSS`](super::PAGE_CSS)), an inline SVG
//! picture of the alignment path, a summary, and one table row per bead with every sentence
//! of both texts and its index. Rows are coloured by confidence ([`confidence_class`]:
//! green from [`HIGH`], yellow from [`MEDIUM`], red below) and null beads are grey with "no
//! counterpart" on their empty side; every bead shows its confidence, a null bead's being
//! that its sentences have no counterpart. The table is plain (fixed layout), so a page of
//! 10,000 beads stays quick to open; one inline script at the end
//! ([`PAGE_NAV_JS`](super::PAGE_NAV_JS), in a CDATA section so that the page stays XML)
//! adds the read-only keys listed above the table: move, jump to the next doubtful bead,
//! filter to the doubtful ones.
//!
//! All text is escaped for HTML (`&`, `<`, `>`, `"`, `'`), and characters XML 1.0 does not
//! allow are changed as [`tmx::xml_safe`](super::tmx::xml_safe) says, so the page is also
//! well-formed as far as text goes. The markup itself is polyglot: void elements are
//! self-closed and the CSS has no `<` or `&`, so the page also parses as XML. Tabs and line breaks inside a sentence are shown as
//! they are (`white-space: pre-wrap`).

use super::tmx::{default_tag, xml_safe};
use super::{Row, Side};
use crate::alignment::{Alignment, Bead};
use crate::text::{Aside, Lang};
use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};

/// Scores from this up are "high" (green).
const HIGH: f64 = super::HIGH_CONFIDENCE;
/// Scores from this up (and below [`HIGH`]) are "medium" (yellow); lower ones are "low"
/// (red).
const MEDIUM: f64 = super::MEDIUM_CONFIDENCE;

/// The confidence class of a pair's score: `"high"`, `"medium"` or `"low"` (a NaN score is
/// low).
pub(crate) fn confidence_class(score: f64) -> &'static str {
    if score >= HIGH {
        "high"
    } else if score >= MEDIUM {
        "medium"
    } else {
        "low"
    }
}

/// The CSS class of a bead's row: `"null"` for a null bead, else its [`confidence_class`].
pub(crate) fn row_class(bead: &Bead) -> &'static str {
    if bead.is_null() {
        "null"
    } else {
        confidence_class(bead.score)
    }
}

/// Options of the HTML page.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct HtmlOptions {
    /// The source language (default Chinese).
    pub(crate) src_lang: Lang,
    /// The target language (default English).
    pub(crate) tgt_lang: Lang,
    /// The source document's name, shown in the title and heading.
    pub(crate) src_name: Option<String>,
    /// The target document's name.
    pub(crate) tgt_name: Option<String>,
    /// The page title; by default built from the document names.
    pub(crate) title: Option<String>,
    /// The `lang` attributes of the two sides' cells; `None` for the language's default tag.
    pub(crate) tags: (Option<String>, Option<String>),
}

impl Default for HtmlOptions {
    fn default() -> Self {
        HtmlOptions {
            src_lang: Lang::Zh,
            tgt_lang: Lang::En,
            src_name: None,
            tgt_name: None,
            title: None,
            tags: (None, None),
        }
    }
}

/// Counts shown in the page's summary.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Summary {
    /// Number of source sentences.
    pub(crate) src_sentences: usize,
    /// Number of target sentences.
    pub(crate) tgt_sentences: usize,
    /// Number of beads.
    pub(crate) beads: usize,
    /// Number of beads with both sides non-empty.
    pub(crate) pairs: usize,
    /// Source sentences in null beads (without counterpart).
    pub(crate) src_unaligned: usize,
    /// Target sentences in null beads.
    pub(crate) tgt_unaligned: usize,
    /// Bead types as ((source sentences, target sentences), count), in the order 1-1, then
    /// other pairs by size, then null beads (1-0 before 0-1).
    pub(crate) shapes: Vec<((usize, usize), usize)>,
    /// Pairs by confidence class: high, medium, low.
    pub(crate) by_confidence: [usize; 3],
    /// Mean score of the pairs (`None` without pairs).
    pub(crate) mean_pair_score: Option<f64>,
    /// Mean score of all beads (`None` without beads).
    pub(crate) mean_score: Option<f64>,
}

impl Summary {
    /// The summary of `alignment` over `src_sentences` and `tgt_sentences` sentences.
    pub(crate) fn of(alignment: &Alignment, src_sentences: usize, tgt_sentences: usize) -> Summary {
        let mut shapes: Vec<((usize, usize), usize)> = Vec::new();
        let mut s = Summary {
            src_sentences,
            tgt_sentences,
            beads: alignment.beads.len(),
            pairs: 0,
            src_unaligned: 0,
            tgt_unaligned: 0,
            shapes: Vec::new(),
            by_confidence: [0; 3],
            mean_pair_score: None,
            mean_score: None,
        };
        let (mut sum_all, mut sum_pairs) = (0.0, 0.0);
        for b in &alignment.beads {
            let shape = b.shape();
            match shapes.iter_mut().find(|(k, _)| *k == shape) {
                Some((_, n)) => *n += 1,
                None => shapes.push((shape, 1)),
            }
            sum_all += b.score;
            if b.is_null() {
                s.src_unaligned += b.src.len();
                s.tgt_unaligned += b.tgt.len();
            } else {
                s.pairs += 1;
                sum_pairs += b.score;
                let k = match confidence_class(b.score) {
                    "high" => 0,
                    "medium" => 1,
                    _ => 2,
                };
                s.by_confidence[k] += 1;
            }
        }
        shapes.sort_by_key(|&((x, y), _)| {
            let null = x == 0 || y == 0;
            (null, x + y, if null { usize::MAX - x } else { x })
        });
        s.shapes = shapes;
        if s.beads > 0 {
            s.mean_score = Some(sum_all / s.beads as f64);
        }
        if s.pairs > 0 {
            s.mean_pair_score = Some(sum_pairs / s.pairs as f64);
        }
        s
    }
}

/// `s` escaped for HTML text and attribute values, with the characters XML forbids changed
/// ([`xml_safe`]).
pub(crate) fn escape(s: &str) -> String {
    let safe = xml_safe(s);
    let mut out = String::with_capacity(safe.len());
    for c in safe.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The page's style sheet ([`PAGE_CSS`](super::PAGE_CSS)).
const STYLE: &str = super::PAGE_CSS;

/// The keys of the page, listed above the table (the script is [`super::PAGE_NAV_JS`]).
const KEYS: &str = "<div class=\"keys\">\n<h2>Keys</h2>\n<ul>\
    <li><kbd>j</kbd> <kbd>k</kbd> (<kbd>\u{2193}</kbd> <kbd>\u{2191}</kbd>): next, previous bead</li>\
    <li><kbd>n</kbd> <kbd>p</kbd>: next, previous doubtful bead (below high confidence, or \
    without counterpart)</li>\
    <li><kbd>f</kbd>: show only the doubtful beads, or all</li>\
    <li>a click makes a bead the current one</li></ul>\
    <div id=\"nav-status\"></div>\n</div>\n";

/// Stroke colours of the alignment path, by confidence class, and of null beads.
const PATH_COLOURS: [(&str, &str); 4] = [
    ("high", "#2e9e4f"),
    ("medium", "#d4a400"),
    ("low", "#d0392b"),
    ("null", "#c2185b"),
];

/// Writes the HTML review page of `alignment` over the sentences `src` and `tgt`.
///
/// A bead index beyond the sentences is shown with an empty sentence.
///
/// # Errors
///
/// The error of `out`, if writing fails.
pub(crate) fn write<W, S, T>(
    out: &mut W,
    alignment: &Alignment,
    rows: &[Row<'_>],
    src: &[S],
    tgt: &[T],
    options: &HtmlOptions,
) -> io::Result<()>
where
    W: Write + ?Sized,
    S: AsRef<str>,
    T: AsRef<str>,
{
    let mut out = BufWriter::new(out);
    let summary = Summary::of(alignment, src.len(), tgt.len());
    let (sl, tl) = (options.src_lang, options.tgt_lang);
    let stag = options.tags.0.as_deref().unwrap_or(default_tag(sl));
    let ttag = options.tags.1.as_deref().unwrap_or(default_tag(tl));
    let src_label = options.src_name.as_deref().unwrap_or("source");
    let tgt_label = options.tgt_name.as_deref().unwrap_or("target");
    let title = match &options.title {
        Some(t) => t.clone(),
        None => format!("bialign review: {src_label} \u{2194} {tgt_label}"),
    };

    let mut head = String::new();
    // Writing to a String cannot fail; the results are ignored below for that reason.
    let _ = write!(
        head,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <meta name=\"generator\" content=\"bialign {}\"/>\n<title>{}</title>\n\
         <style>{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&title)
    );
    let _ = write!(
        head,
        "<h1>{}</h1>\n<p class=\"docs\">Source ({}): <b>{}</b> \u{2014} target ({}): <b>{}</b></p>\n",
        escape(&title),
        sl.code(),
        escape(src_label),
        tl.code(),
        escape(tgt_label)
    );
    head.push_str("<div class=\"top\">\n");
    summary_html(&mut head, &summary, sl, tl);
    svg_html(&mut head, alignment, &summary, sl, tl);
    head.push_str(KEYS);
    head.push_str("</div>\n");
    let _ = write!(
        head,
        "<table class=\"align\">\n<colgroup><col class=\"n\"/><col class=\"t\"/><col class=\"src\"/>\
         <col class=\"tgt\"/><col class=\"sc\"/></colgroup>\n<thead><tr><th>bead</th><th>type</th>\
         <th>Source ({})</th><th>Target ({})</th><th>score</th></tr></thead>\n<tbody>\n",
        sl.code(),
        tl.code()
    );
    out.write_all(head.as_bytes())?;

    let mut row = String::new();
    let mut k = 0;
    for r in rows {
        row.clear();
        let b = match *r {
            Row::Bead(b) => b,
            Row::Aside(side, a) => {
                aside_row(&mut row, side, a, (stag, ttag));
                out.write_all(row.as_bytes())?;
                continue;
            }
        };
        k += 1;
        let k = k - 1;
        let _ = write!(
            row,
            "<tr id=\"b{k}\" class=\"{}\"><td class=\"n\">{k}</td><td class=\"t\">{}-{}</td>",
            row_class(b),
            b.src.len(),
            b.tgt.len()
        );
        side_cell(&mut row, src, &b.src, stag);
        side_cell(&mut row, tgt, &b.tgt, ttag);
        let _ = writeln!(row, "<td class=\"sc\">{:.3}</td></tr>", b.score);
        out.write_all(row.as_bytes())?;
    }
    out.write_all(b"</tbody>\n</table>\n<script>//<![CDATA[\n")?;
    out.write_all(super::PAGE_NAV_JS.as_bytes())?;
    out.write_all(b"BialignNav.keys();\n//]]></script>\n</body>\n</html>\n")?;
    out.flush()
}

/// A grey row for material the clean-up set apart, with its reason on the other side.
fn aside_row(row: &mut String, side: Side, a: &Aside, (stag, ttag): (&str, &str)) {
    let text = |tag: &str| {
        format!(
            "<td lang=\"{tag}\" dir=\"auto\"><div class=\"s\"><span class=\"x\">{}</span></div></td>",
            escape(&a.text)
        )
    };
    let reason = format!(
        "<td class=\"none\">set aside: {}</td>",
        escape(a.reason.reason())
    );
    let (left, right) = match side {
        Side::Src => (text(stag), reason),
        Side::Tgt => (reason, text(ttag)),
    };
    let _ = writeln!(
        row,
        "<tr class=\"null aside\"><td class=\"n\">–</td><td class=\"t\">set aside</td>{left}{right}<td class=\"sc\">–</td></tr>"
    );
}

/// One table cell with the sentences of `range`, each with its index, or "no counterpart".
fn side_cell<S: AsRef<str>>(
    row: &mut String,
    sentences: &[S],
    range: &std::ops::Range<usize>,
    tag: &str,
) {
    if range.is_empty() {
        row.push_str("<td class=\"none\">no counterpart</td>");
        return;
    }
    let _ = write!(row, "<td lang=\"{tag}\" dir=\"auto\">");
    for i in range.clone() {
        let text = sentences.get(i).map(AsRef::as_ref).unwrap_or("");
        let _ = write!(
            row,
            "<div class=\"s\"><span class=\"i\">{i}</span><span class=\"x\">{}</span></div>",
            escape(text)
        );
    }
    row.push_str("</td>");
}

fn summary_html(out: &mut String, s: &Summary, sl: Lang, tl: Lang) {
    let mean = |m: Option<f64>| m.map_or_else(|| "\u{2013}".to_string(), |v| format!("{v:.3}"));
    let rows: [(String, String); 11] = [
        (
            format!("Source sentences ({})", sl.code()),
            s.src_sentences.to_string(),
        ),
        (
            format!("Target sentences ({})", tl.code()),
            s.tgt_sentences.to_string(),
        ),
        ("Beads".to_string(), s.beads.to_string()),
        ("Pairs (non-null beads)".to_string(), s.pairs.to_string()),
        (
            "Source sentences without counterpart".to_string(),
            s.src_unaligned.to_string(),
        ),
        (
            "Target sentences without counterpart".to_string(),
            s.tgt_unaligned.to_string(),
        ),
        (
            "Mean confidence of pairs".to_string(),
            mean(s.mean_pair_score),
        ),
        (
            "Mean confidence of all beads".to_string(),
            mean(s.mean_score),
        ),
        (
            format!("Pairs with confidence \u{2265} {HIGH}"),
            s.by_confidence[0].to_string(),
        ),
        (
            format!("Pairs with confidence {MEDIUM} to {HIGH}"),
            s.by_confidence[1].to_string(),
        ),
        (
            format!("Pairs with confidence < {MEDIUM}"),
            s.by_confidence[2].to_string(),
        ),
    ];
    out.push_str("<div id=\"summary\">\n<h2>Summary</h2>\n<table class=\"summary\">\n");
    for (label, value) in rows {
        let _ = writeln!(
            out,
            "<tr><th>{}</th><td>{}</td></tr>",
            escape(&label),
            value
        );
    }
    out.push_str(
        "</table>\n<table class=\"types\">\n<tr><th>bead type</th><th>count</th><th>share</th></tr>\n",
    );
    for &((x, y), n) in &s.shapes {
        let share = if s.beads > 0 {
            100.0 * n as f64 / s.beads as f64
        } else {
            0.0
        };
        let _ = writeln!(
            out,
            "<tr class=\"shape\"><th>{x}-{y}</th><td>{n}</td><td>{share:.1}%</td></tr>"
        );
    }
    out.push_str("</table>\n</div>\n");
}

/// The SVG picture of the alignment path: source index on the x axis (left to right),
/// target index on the y axis (top to bottom); every bead is a segment from its start
/// corner to its end corner, coloured by confidence; null beads are thick magenta segments
/// over a light band spanning the plot, so unaligned stretches stand out.
fn svg_html(out: &mut String, alignment: &Alignment, s: &Summary, sl: Lang, tl: Lang) {
    const PLOT: f64 = 360.0;
    const LEFT: f64 = 48.0;
    const TOP: f64 = 16.0;
    let width = LEFT + PLOT + 28.0;
    let height = TOP + PLOT + 40.0;
    // The axes span the larger of the sentence counts and the bead ranges.
    let (mut nx, mut ny) = (s.src_sentences, s.tgt_sentences);
    for b in &alignment.beads {
        nx = nx.max(b.src.end);
        ny = ny.max(b.tgt.end);
    }
    let sx = PLOT / nx.max(1) as f64;
    let sy = PLOT / ny.max(1) as f64;
    let x = |i: usize| LEFT + i as f64 * sx;
    let y = |j: usize| TOP + j as f64 * sy;

    let _ = write!(
        out,
        "<figure id=\"path\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" \
         height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\" \
         aria-label=\"alignment path\">\n"
    );
    // Bands under unaligned stretches.
    let mut bands = String::new();
    for b in alignment.beads.iter().filter(|b| b.is_null()) {
        if !b.src.is_empty() {
            let _ = write!(
                bands,
                "M{:.1} {TOP:.1}H{:.1}V{:.1}H{:.1}Z",
                x(b.src.start),
                x(b.src.end).max(x(b.src.start) + 1.0),
                TOP + PLOT,
                x(b.src.start)
            );
        }
        if !b.tgt.is_empty() {
            let _ = write!(
                bands,
                "M{LEFT:.1} {:.1}V{:.1}H{:.1}V{:.1}Z",
                y(b.tgt.start),
                y(b.tgt.end).max(y(b.tgt.start) + 1.0),
                LEFT + PLOT,
                y(b.tgt.start)
            );
        }
    }
    let _ = writeln!(
        out,
        "<rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{PLOT}\" height=\"{PLOT}\" fill=\"#fafafa\" \
         stroke=\"#999\"/>"
    );
    if !bands.is_empty() {
        let _ = writeln!(
            out,
            "<path class=\"gaps\" d=\"{bands}\" fill=\"#c2185b\" fill-opacity=\"0.12\"/>"
        );
    }
    let _ = writeln!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#bbb\" \
         stroke-dasharray=\"4 4\"/>",
        LEFT + PLOT,
        TOP + PLOT
    );
    // One path per class; consecutive segments of a class continue the same subpath.
    for (class, colour) in PATH_COLOURS {
        let mut d = String::new();
        let mut at: Option<(usize, usize)> = None;
        for b in alignment.beads.iter().filter(|b| row_class(b) == class) {
            let start = (b.src.start, b.tgt.start);
            // A null bead's empty range may be e.g. 5..5; use its start as its position.
            let end = (
                if b.src.is_empty() {
                    b.src.start
                } else {
                    b.src.end
                },
                if b.tgt.is_empty() {
                    b.tgt.start
                } else {
                    b.tgt.end
                },
            );
            if at != Some(start) {
                let _ = write!(d, "M{:.1} {:.1}", x(start.0), y(start.1));
            }
            let _ = write!(d, "L{:.1} {:.1}", x(end.0), y(end.1));
            at = Some(end);
        }
        if !d.is_empty() {
            let w = if class == "null" { 3.5 } else { 2.0 };
            let _ = writeln!(
                out,
                "<path class=\"{class}\" d=\"{d}\" fill=\"none\" stroke=\"{colour}\" \
                 stroke-width=\"{w}\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>"
            );
        }
    }
    // Axes: labels and end ticks.
    let _ = writeln!(
        out,
        "<g font-size=\"11\" fill=\"#333\">\
         <text x=\"{LEFT}\" y=\"{:.1}\" text-anchor=\"middle\">0</text>\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{nx}</text>\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">source sentence ({}) \u{2192}</text>\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">0</text>\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{ny}</text>\
         <text transform=\"translate(14 {:.1}) rotate(-90)\" text-anchor=\"middle\">\
         target sentence ({}) \u{2192}</text></g>",
        TOP + PLOT + 14.0,
        LEFT + PLOT,
        TOP + PLOT + 14.0,
        LEFT + PLOT / 2.0,
        TOP + PLOT + 32.0,
        sl.code(),
        LEFT - 4.0,
        TOP + 10.0,
        LEFT - 4.0,
        TOP + PLOT,
        TOP + PLOT / 2.0,
        tl.code()
    );
    out.push_str("</svg>\n<figcaption>Alignment path:");
    for (class, colour) in PATH_COLOURS {
        let label = match class {
            "high" => format!("confidence \u{2265} {HIGH}"),
            "medium" => format!("\u{2265} {MEDIUM}"),
            "low" => format!("&lt; {MEDIUM}"),
            _ => "no counterpart".to_string(),
        };
        let _ = write!(
            out,
            "<span class=\"lg\"><span class=\"sw\" style=\"background:{colour}\"></span>{label}</span>"
        );
    }
    out.push_str(
        ". Off-diagonal jumps and shaded bands mark sentences without counterpart.</figcaption>\n</figure>\n",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::bead;

    #[test]
    fn classes_and_summary() {
        assert_eq!(confidence_class(0.9), "high");
        assert_eq!(confidence_class(0.5), "medium");
        assert_eq!(confidence_class(0.49), "low");
        assert_eq!(confidence_class(f64::NAN), "low");
        let a = Alignment {
            beads: vec![
                bead(0..0, 0..1, 0.5),
                bead(0..1, 1..2, 1.0),
                bead(1..2, 2..2, 0.5),
                bead(2..3, 2..4, 0.6),
                bead(3..5, 4..5, 0.2),
                bead(5..6, 5..6, 0.9),
            ],
        };
        let s = Summary::of(&a, 6, 6);
        let order: Vec<(usize, usize)> = s.shapes.iter().map(|(k, _)| *k).collect();
        assert_eq!(order, [(1, 1), (1, 2), (2, 1), (1, 0), (0, 1)]);
        assert_eq!(s.pairs, 4);
        assert_eq!(s.by_confidence, [2, 1, 1]);
        assert_eq!((s.src_unaligned, s.tgt_unaligned), (1, 1));
        assert!((s.mean_pair_score.unwrap() - 0.675).abs() < 1e-12);
        assert!((s.mean_score.unwrap() - 3.7 / 6.0).abs() < 1e-12);
        assert_eq!(Summary::of(&Alignment::default(), 0, 0).mean_score, None);
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape("<b>&\"'\u{1}"), "&lt;b&gt;&amp;&quot;&#39;");
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    /// The bead types of the export tests' hostile alignment (every type, each class).
    #[test]
    fn summary_of_every_bead_type() {
        let a = Alignment {
            beads: vec![
                bead(0..1, 0..1, 0.95),
                bead(1..2, 1..2, 0.91),
                bead(2..3, 2..3, 0.6),
                bead(3..4, 3..4, 0.4999),
                bead(4..5, 4..5, 0.0),
                bead(5..6, 5..6, 1.0),
                bead(6..7, 6..7, 0.9),
                bead(7..9, 7..9, 0.55),
                bead(9..9, 9..10, 0.8),
                bead(9..10, 10..12, 0.7),
                bead(10..11, 12..12, 0.3),
                bead(11..13, 12..13, 0.99),
            ],
        };
        let s = Summary::of(&a, 13, 13);
        assert_eq!(
            (s.beads, s.pairs, s.src_unaligned, s.tgt_unaligned),
            (12, 10, 1, 1)
        );
        let shapes: Vec<String> = s
            .shapes
            .iter()
            .map(|((x, y), n)| format!("{x}-{y}:{n}"))
            .collect();
        assert_eq!(
            shapes,
            ["1-1:7", "1-2:1", "2-1:1", "2-2:1", "1-0:1", "0-1:1"]
        );
        assert_eq!(s.by_confidence, [5, 3, 2]);
        let classes: Vec<&str> = a.beads.iter().map(row_class).collect();
        assert_eq!(
            classes,
            [
                "high", "high", "medium", "low", "low", "high", "high", "medium", "null", "medium",
                "null", "high"
            ]
        );
        let mean = s.mean_pair_score.unwrap();
        assert!((mean - 7.0999 / 10.0).abs() < 1e-12, "{mean}");
    }
}
