//! Arbitrary bytes through the whole pipeline: decode, normalise, partition and segment,
//! align (both directions, presplit or not), write every output format, and parse the
//! bytes as alignment files for `eval`.
//!
//! Input layout: byte 0 holds flags (bit 0 presplit, bit 1 English source, bit 2 one mixed
//! document instead of two files), bytes 1-2 (little-endian) pick where the rest is cut
//! into the two sides. Besides panics, the target checks the invariants of issue 6: errors
//! are one line naming the input, every sentence is in exactly one bead, in order, scores
//! are finite in [0, 1], sentence spans quote the input, and the writers' output parses.
#![no_main]

use std::sync::OnceLock;

use bialign::eval::{evaluate, format_alignment, parse_alignment};
use bialign::export::{Format, Writer};
use bialign::text::decode::decode;
use bialign::text::partition::{has_script, lacks_script};
use bialign::text::{Lang, Segmenter, Text};
use bialign::{Aligner, Alignment, ErrorKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| run(data));

/// The default aligners, Chinese to English and English to Chinese, built once.
fn aligner(src: Lang) -> &'static Aligner {
    static ALIGNERS: OnceLock<[Aligner; 2]> = OnceLock::new();
    let [zh_en, en_zh] = ALIGNERS.get_or_init(|| {
        [
            Aligner::new(),
            Aligner::builder()
                .src_lang(Lang::En)
                .tgt_lang(Lang::Zh)
                .build(),
        ]
    });
    if src == Lang::En {
        en_zh
    } else {
        zh_en
    }
}

fn run(data: &[u8]) {
    let [flags, c0, c1, rest @ ..] = data else {
        return;
    };
    let presplit = flags & 1 != 0;
    let (src_lang, tgt_lang) = if flags & 2 != 0 {
        (Lang::En, Lang::Zh)
    } else {
        (Lang::Zh, Lang::En)
    };
    let mixed = flags & 4 != 0;
    let cut = usize::from(u16::from_le_bytes([*c0, *c1])) % (rest.len() + 1);
    let (a, b) = rest.split_at(cut);
    let seg = Segmenter::new().presplit(presplit);

    let (src, tgt) = if mixed {
        let Some(doc) = text_of(rest, "mixed.txt") else {
            return;
        };
        let _ = seg.detect(&doc);
        let _ = seg.is_mixed(&doc);
        let (zh, en) = seg.segment_mixed(&doc);
        check_text(&zh, &doc);
        check_text(&en, &doc);
        if src_lang == Lang::En {
            (en, zh)
        } else {
            (zh, en)
        }
    } else {
        let (Some(a), b) = (text_of(a, "a.txt"), text_of(b, "b.txt")) else {
            // The other side's errors are checked all the same.
            return;
        };
        let Some(b) = b else { return };
        for (t, lang) in [(&a, src_lang), (&b, tgt_lang)] {
            let _ = lacks_script(t, lang);
            let _ = seg.detect(t);
        }
        let (src, tgt) = (seg.segment(&a, src_lang), seg.segment(&b, tgt_lang));
        check_text(&src, &a);
        check_text(&tgt, &b);
        eval_garbage(&a, &b);
        (src, tgt)
    };

    // Two texts in one language are refused, and so are texts in the wrong order (the
    // Chinese side without a Han character but with Latin letters, the English side the
    // reverse); any other pair is aligned.
    let has = |t: &Text, lang| t.texts().iter().any(|s| has_script(s, lang));
    let (zh, en) = if src.lang() == Lang::Zh {
        (&src, &tgt)
    } else {
        (&tgt, &src)
    };
    let wrong_order =
        !has(zh, Lang::Zh) && !has(en, Lang::En) && has(en, Lang::Zh) && has(zh, Lang::En);
    let alignment = match aligner(src_lang).align(&src, &tgt) {
        Ok(a) => {
            assert!(!wrong_order, "texts in the wrong order were aligned");
            a
        }
        Err(e) => {
            match e.kind() {
                ErrorKind::Config => assert_eq!(src.lang(), tgt.lang(), "{e}"),
                ErrorKind::Input => assert!(wrong_order, "refused: {e}"),
                other => panic!("an alignment error of kind {other:?}: {e}"),
            }
            assert_eq!(e.to_string().lines().count(), 1, "{e}");
            return;
        }
    };
    check_alignment(&alignment, src.len(), tgt.len());
    check_writers(&alignment, &src, &tgt);
}

/// Decodes `bytes`; an error must be one line naming `name`.
fn text_of(bytes: &[u8], name: &str) -> Option<String> {
    match decode(bytes, name) {
        Ok(text) => Some(text),
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.contains('\n'), "multi-line error: {msg:?}");
            assert!(msg.starts_with(name), "error does not name {name}: {msg:?}");
            None
        }
    }
}

/// Sentence spans quote `original`, in order; paragraphs never go backwards.
fn check_text(text: &Text, original: &str) {
    assert_eq!(text.original(), original);
    let mut end = 0;
    let mut para = 0;
    for (k, s) in text.sentences().iter().enumerate() {
        assert!(
            text.verbatim(k).is_some(),
            "span {:?} off the input",
            s.span
        );
        assert!(
            s.span.start >= end,
            "sentence {k} starts before the previous one ends"
        );
        assert!(s.para >= para, "paragraphs out of order");
        end = s.span.end;
        para = s.para;
    }
}

/// Every sentence in exactly one bead, in order; no empty bead; scores finite in [0, 1].
fn check_alignment(a: &Alignment, n: usize, m: usize) {
    let (mut i, mut j) = (0, 0);
    for b in &a.beads {
        assert_eq!(
            (b.src.start, b.tgt.start),
            (i, j),
            "bead {b:?} skips or repeats"
        );
        assert!(
            b.src.end >= i && b.tgt.end >= j,
            "bead {b:?} runs backwards"
        );
        assert!(!b.src.is_empty() || !b.tgt.is_empty(), "empty bead");
        assert!(
            b.score.is_finite() && (0.0..=1.0).contains(&b.score),
            "score {}",
            b.score
        );
        (i, j) = (b.src.end, b.tgt.end);
    }
    assert_eq!((i, j), (n, m), "the beads do not cover both texts");
}

/// Every writer succeeds; JSONL lines are JSON; the index format parses back to the beads.
fn check_writers(a: &Alignment, src: &Text, tgt: &Text) {
    let (s, t) = (src.texts(), tgt.texts());
    let out = Writer::new(a, &s, &t)
        .with_langs(src.lang(), tgt.lang())
        .with_names(Some("a.txt"), Some("b.txt"));
    for format in Format::ALL.into_iter().filter(|f| !f.is_two_files()) {
        let mut buf = Vec::new();
        if let Err(e) = out.write_to(format, &mut buf) {
            panic!("{format}: {e}");
        }
        let text = String::from_utf8(buf).expect("UTF-8 output");
        match format {
            Format::Jsonl => {
                for line in text.lines() {
                    let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
                    assert!(v["src"].is_array() && v["tgt"].is_array(), "{line}");
                }
            }
            Format::Ids => {
                let beads = parse_alignment(&text, "ids").expect("ids parse back");
                assert_eq!(beads.len(), a.beads.len());
                for (p, b) in beads.iter().zip(&a.beads) {
                    assert!(p.0.iter().copied().eq(b.src.clone()), "{p:?} {b:?}");
                    assert!(p.1.iter().copied().eq(b.tgt.clone()), "{p:?} {b:?}");
                }
            }
            _ => {}
        }
    }
    let (mut ms, mut mt) = (Vec::new(), Vec::new());
    out.write_moses(&mut ms, &mut mt).expect("moses");
    let lines = |v: &[u8]| v.iter().filter(|&&c| c == b'\n').count();
    assert_eq!(lines(&ms), lines(&mt), "Moses files of different lengths");
}

/// Both sides as alignment files: parsing never panics, and scoring what parses never
/// panics and gives counts within their totals.
fn eval_garbage(a: &str, b: &str) {
    let (Ok(gold), Ok(test)) = (parse_alignment(a, "gold"), parse_alignment(b, "test")) else {
        return;
    };
    let round = parse_alignment(&format_alignment(&gold), "again").expect("round trip");
    assert_eq!(round, gold);
    let c = evaluate(&gold, &test);
    assert!(c.precision_strict <= c.precision_lax && c.precision_lax <= c.precision_total);
    assert!(c.recall_strict <= c.recall_lax && c.recall_lax <= c.recall_total);
}
