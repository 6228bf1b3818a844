//! Property tests of the sentence splitters: they never panic, segmentation is lossless, the
//! maximum sentence length holds, and pathological inputs take linear time.

use std::ops::Range;
use std::time::{Duration, Instant};

use bialign::text::{EnSplitter, SentenceSplitter, ZhSplitter};
use proptest::prelude::*;

/// The lossless invariant: ranges in order, non-overlapping, non-empty, on char boundaries,
/// starting and ending on non-whitespace, with only whitespace outside them.
fn assert_lossless(text: &str, ranges: &[Range<usize>]) -> Result<(), TestCaseError> {
    let mut prev = 0;
    for r in ranges {
        prop_assert!(
            r.start >= prev && r.start < r.end,
            "bad order {:?} in {:?}",
            r,
            ranges
        );
        let Some(s) = text.get(r.clone()) else {
            return Err(TestCaseError::fail(format!("{r:?} not on char boundaries")));
        };
        prop_assert!(
            text[prev..r.start].chars().all(char::is_whitespace),
            "non-whitespace between sentences before {:?}",
            r
        );
        prop_assert!(
            !s.starts_with(char::is_whitespace),
            "{:?} starts with whitespace",
            s
        );
        prop_assert!(
            !s.ends_with(char::is_whitespace),
            "{:?} ends with whitespace",
            s
        );
        prev = r.end;
    }
    prop_assert!(
        text[prev..].chars().all(char::is_whitespace),
        "text lost at the end"
    );
    Ok(())
}

fn assert_max(text: &str, ranges: &[Range<usize>], max: usize) -> Result<(), TestCaseError> {
    if max == 0 {
        return Ok(());
    }
    for r in ranges {
        let n = text[r.clone()].chars().count();
        prop_assert!(
            n <= max,
            "sentence of {} chars > {}: {:?}",
            n,
            max,
            &text[r.clone()]
        );
    }
    Ok(())
}

fn check_all(text: &str, max: usize, semicolon: bool, ellipsis: bool) -> Result<(), TestCaseError> {
    let zh = ZhSplitter::new()
        .with_max_chars(max)
        .with_semicolon_breaks(semicolon)
        .with_ellipsis_breaks(ellipsis);
    let en = EnSplitter::new().with_max_chars(max);
    for splitter in [&zh as &dyn SentenceSplitter, &en] {
        let ranges = splitter.split(text);
        assert_lossless(text, &ranges)?;
        assert_max(text, &ranges, max)?;
        prop_assert_eq!(ranges.is_empty(), text.trim().is_empty());
    }
    // The default configurations as well.
    for splitter in [
        &ZhSplitter::new() as &dyn SentenceSplitter,
        &EnSplitter::new(),
    ] {
        let ranges = splitter.split(text);
        assert_lossless(text, &ranges)?;
    }
    Ok(())
}

/// Pieces that exercise the rules of both splitters.
const PIECES: &[&str] = &[
    "Mr.",
    "Dr.",
    "U.S.",
    "e.g.",
    "No.",
    "p.",
    "etc.",
    "a.m.",
    "J.",
    "W.",
    "3.5",
    "85",
    "1.",
    "IV.",
    "(a)",
    "A/HRC/47/G/5",
    "E/CN.4/2005/L.10",
    "www.un.org",
    "x@y.org",
    "the",
    "The",
    "he",
    "He",
    "said",
    "asked",
    "Stop!",
    "Why?",
    "\"",
    "'",
    "“",
    "”",
    "‘",
    "’",
    "(",
    ")",
    "...",
    "…",
    "……",
    "—",
    "——",
    ".",
    "?",
    "!",
    "?!",
    ";",
    ":",
    ",",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\t",
    "\u{3000}",
    "\u{2029}",
    "\r\n",
    "他说",
    "：",
    "“你来了？”",
    "她点点头。",
    "。",
    "！",
    "？",
    "，",
    "；",
    "、",
    "《",
    "》",
    "〈",
    "〉",
    "（",
    "）",
    "「",
    "」",
    "的",
    "的确",
    "一.",
    "３．５",
    "\u{301}",
    "\u{200d}",
    "\u{0}",
    "\u{fe0f}",
    "🙂",
    "\u{964}",
    "։",
];

fn pieces(max_len: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max_len).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn arbitrary_unicode(text in any::<String>(), max in 0usize..40, semi: bool, ell: bool) {
        check_all(&text, max, semi, ell)?;
    }

    #[test]
    fn rule_pieces(text in pieces(120), max in 0usize..60, semi: bool, ell: bool) {
        check_all(&text, max, semi, ell)?;
    }

    #[test]
    fn cjk_with_punctuation(
        text in "[一-龥a-z0-9。！？!?，,；;：:“”‘’「」《》〈〉（）()….—\" \u{3000}\n]{0,300}",
        max in 0usize..50,
        semi: bool,
        ell: bool,
    ) {
        check_all(&text, max, semi, ell)?;
    }

    #[test]
    fn whitespace_heavy(text in "[ \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{2028}\u{2029}\u{3000}a。.!]{0,200}") {
        check_all(&text, 5, false, false)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn long_strings(text in pieces(4000), max in 1usize..200) {
        check_all(&text, max, true, true)?;
    }

    #[test]
    fn long_runs_without_boundaries(
        c in prop::sample::select(vec!['a', '一', ' ', '.', '（', '“', '\u{301}', '-']),
        n in 1usize..3000,
        max in 1usize..100,
    ) {
        let text: String = std::iter::repeat(c).take(n).collect();
        check_all(&text, max, false, false)?;
    }
}

/// Inputs that would take quadratic time in a naive implementation (including UAX #29 as
/// implemented by unicode-segmentation) finish quickly.
#[test]
fn pathological_inputs_take_linear_time() {
    let n = 100_000;
    let inputs: Vec<(&str, String)> = vec![
        ("spaces after a full stop", format!("a.{}b", " ".repeat(n))),
        ("quotes after a full stop", format!("a.{}b", "\"".repeat(n))),
        (
            "marks after a full stop",
            format!("a. {}b", "\u{301}".repeat(n)),
        ),
        ("titles", "Mr. ".repeat(n / 4)),
        ("full stops", ". ".repeat(n / 2)),
        ("Chinese full stops", "。".repeat(n)),
        ("opening brackets", "（".repeat(n)),
        ("title marks", "《".repeat(n)),
        ("line breaks", "\n".repeat(n)),
        ("one long word", "x".repeat(n)),
        ("one long Chinese clause", "字".repeat(n)),
    ];
    let zh = ZhSplitter::new();
    let en = EnSplitter::new();
    for (name, text) in &inputs {
        for (lang, splitter) in [("zh", &zh as &dyn SentenceSplitter), ("en", &en)] {
            let t = Instant::now();
            let ranges = splitter.split(text);
            let took = t.elapsed();
            assert!(
                took < Duration::from_secs(3),
                "{lang} splitter took {took:?} on {name} ({} bytes)",
                text.len()
            );
            assert!(assert_lossless(text, &ranges).is_ok(), "{lang}: {name}");
        }
    }
}
