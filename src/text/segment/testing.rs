//! The checks every splitter must pass, and [`splitter_tests!`], which runs them for one.
//!
//! ```ignore
//! splitter_tests!(my_lang, MySplitter::new(), &["A paragraph.", "Another one! Yes."]);
//! ```
//!
//! makes a test module `my_lang` with these tests:
//!
//! - `lossless_on_samples`: every sample paragraph, and the samples joined into one, split
//!   losslessly (see [`check_ranges`]);
//! - `hostile_strings`: [`HOSTILE`] strings (empty, only punctuation, 10,000 chars without a
//!   terminator, control chars, combining marks, right-to-left text, emoji, unpaired quotes,
//!   ...), alone and around each sample, never make the splitter panic and split losslessly;
//! - `lossless_on_any_string`: the same for arbitrary strings (proptest).
//!
//! A failure says which rule the splitter broke and how to fix it.

use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::SentenceSplitter;

/// Strings that break careless splitters. Each is also tried around every sample.
pub(crate) const HOSTILE: &[(&str, &str)] = &[
    ("empty", ""),
    ("one space", " "),
    ("only whitespace", " \t\u{3000}\u{A0}\u{2028} \n "),
    ("only punctuation", "。！？…”」)».!?;:,—–-"),
    ("only full stops", "................................"),
    ("only question marks", "??？？!!！！‽⁇"),
    ("only closers", "”’」』）)]}»›＂＇"),
    ("only openers", "“‘「『（([{«‹"),
    (
        "unpaired quotes",
        "“Open. \"Straight. 「Corner。 ‘Single. ’Closing. ”",
    ),
    (
        "unpaired brackets",
        "（未闭合。(unclosed. 《书名。》》》)))。",
    ),
    (
        "control chars",
        "a\u{0}b.\u{1}c\u{7}!\u{1B}[0m d\u{7F}?\u{85}e\u{9F}.",
    ),
    (
        "line ends",
        "a.\r\nb.\rc.\u{0B}d.\u{0C}e.\u{85}f.\u{2028}g.\u{2029}h.",
    ),
    (
        "blank lines",
        "First.\n\n\nSecond.\r\n\r\nThird\n \t\nfourth",
    ),
    (
        "combining marks",
        "\u{301}e\u{301}\u{302}. \u{301}. a\u{20DD}! \u{FE0F}?",
    ),
    (
        "zero width",
        "\u{200B}a.\u{200B} \u{200D}b.\u{FEFF}c\u{200C}.",
    ),
    (
        "right to left",
        "مرحبا بالعالم. كيف حالك؟ שלום. \u{202E}txet desrever.\u{202C} ok",
    ),
    (
        "bidi marks",
        "\u{200F}\u{200E}a.\u{200F} b.\u{2066}c.\u{2069}",
    ),
    ("emoji", "👍🏽 ok. 👨‍👩‍👧 fine! 🇨🇳。🏳️‍🌈? 你好😀。"),
    (
        "surrogate-range neighbours",
        "\u{D7FF}.\u{E000}. \u{FFFD}? \u{10FFFF}.",
    ),
    ("full width", "ＡＢＣ．ＤＥＦ！ １２３？ ４．５"),
    (
        "mixed scripts",
        "他说 hello. 然后 world! 3.5 元。U.S. 的 e.g. 例子。",
    ),
    (
        "urls and numbers",
        "www.un.org/?id=5&x=1! E/CN.4/2005/L.10. 3.14159. 1,000.5.",
    ),
];

/// Builds a long hostile string: `unit` repeated to about `chars` chars.
fn repeated(unit: &str, chars: usize) -> String {
    unit.repeat(chars / unit.chars().count().max(1))
}

/// The long hostile strings (10,000 chars and more).
fn long_hostile() -> Vec<(String, String)> {
    [
        ("10k Latin letters without a terminator", "a"),
        ("10k words without a terminator", "word "),
        ("10k Han chars without a terminator", "中"),
        ("10k Han chars with commas", "中文，"),
        ("10k spaces", " "),
        ("10k full stops", "."),
        ("10k closing quotes after a stop", "。”"),
        ("10k opening quotes", "“"),
        ("10k combining marks", "\u{301}"),
        ("10k emoji", "👨‍👩‍👧"),
        ("10k control chars", "\u{1}"),
    ]
    .iter()
    .map(|&(name, unit)| (name.to_string(), repeated(unit, 10_000)))
    .collect()
}

/// Checks one result of `split()` on `paragraph` against the contract of
/// [`SentenceSplitter`]; the error says what is wrong and how to fix it.
pub(crate) fn check_ranges(paragraph: &str, ranges: &[Range<usize>]) -> Result<(), String> {
    let len = paragraph.len();
    let mut prev_end = 0;
    let mut rebuilt = String::with_capacity(len);
    for (i, r) in ranges.iter().enumerate() {
        if r.start > r.end || r.end > len {
            return Err(format!(
                "sentence {i} is {r:?} but the paragraph has {len} bytes: return ranges \
                 start..end with start <= end <= paragraph.len()"
            ));
        }
        for b in [r.start, r.end] {
            if !paragraph.is_char_boundary(b) {
                return Err(format!(
                    "sentence {i} ({r:?}) cuts the character at byte {b} in two: cut only at \
                     char boundaries (offsets from char_indices(), or i + c.len_utf8())"
                ));
            }
        }
        if r.start < prev_end {
            return Err(format!(
                "sentence {i} ({r:?}) starts before sentence {} ends (byte {prev_end}): return \
                 the sentences in order and without overlap",
                i - 1
            ));
        }
        let gap = &paragraph[prev_end..r.start];
        if let Some((k, c)) = gap.char_indices().find(|&(_, c)| !c.is_whitespace()) {
            let (a, b) = (prev_end + k, r.start);
            return Err(format!(
                "sentence spans must cover the paragraph: your split() dropped bytes {a}..{b} \
                 (starting with {c:?}) before sentence {i}; return every byte in some sentence \
                 or gap (gaps between sentences hold only whitespace)"
            ));
        }
        let s = &paragraph[r.clone()];
        if s.is_empty() {
            return Err(format!(
                "sentence {i} ({r:?}) is empty: drop empty pieces (common::ranges_from_breaks \
                 does)"
            ));
        }
        if s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace) {
            return Err(format!(
                "sentence {i} ({r:?}, {s:?}) starts or ends with whitespace: trim it \
                 (common::trim); whitespace belongs to the gaps"
            ));
        }
        rebuilt.push_str(gap);
        rebuilt.push_str(s);
        prev_end = r.end;
    }
    let tail = &paragraph[prev_end..];
    if let Some((k, c)) = tail.char_indices().find(|&(_, c)| !c.is_whitespace()) {
        let place = if ranges.is_empty() {
            "and no sentence at all"
        } else {
            "after the last sentence"
        };
        return Err(format!(
            "sentence spans must cover the paragraph: your split() dropped bytes {}..{len} \
             (starting with {c:?}) {place}; return every byte in some sentence or gap",
            prev_end + k
        ));
    }
    rebuilt.push_str(tail);
    if rebuilt != paragraph {
        return Err(
            "the sentences and the gaps between them do not give back the paragraph".into(),
        );
    }
    Ok(())
}

/// Splits `paragraph` with `splitter` and checks the result: no panic (`case` names the input
/// in the message) and [`check_ranges`].
pub(crate) fn check_split(
    splitter: &dyn SentenceSplitter,
    case: &str,
    paragraph: &str,
) -> Result<(), String> {
    let ranges = catch_unwind(AssertUnwindSafe(|| splitter.split(paragraph))).map_err(|e| {
        let msg = e
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| e.downcast_ref::<&str>().copied())
            .unwrap_or("?");
        format!(
            "split() panicked on {case} ({msg}): a splitter must accept any &str; check every \
             index before slicing (text.get(i..) instead of &text[i..]) and step over whole chars"
        )
    })?;
    check_ranges(paragraph, &ranges).map_err(|e| format!("{case}: {e}\nparagraph: {paragraph:?}"))
}

/// The samples, alone and joined into one paragraph.
pub(crate) fn check_samples(splitter: &dyn SentenceSplitter, samples: &[&str]) {
    for (i, s) in samples.iter().enumerate() {
        check_split(splitter, &format!("sample {i}"), s).unwrap_or_else(|e| panic!("{e}"));
    }
    let joined = samples.join(" ");
    check_split(splitter, "the samples joined by spaces", &joined)
        .unwrap_or_else(|e| panic!("{e}"));
}

/// The hostile strings, alone and before, after and inside every sample.
pub(crate) fn check_hostile(splitter: &dyn SentenceSplitter, samples: &[&str]) {
    let short = HOSTILE.iter().map(|&(n, s)| (n.to_string(), s.to_string()));
    for (name, h) in short.chain(long_hostile()) {
        check_split(splitter, &name, &h).unwrap_or_else(|e| panic!("{e}"));
        for (i, s) in samples.iter().enumerate() {
            let mid = s
                .char_indices()
                .nth(s.chars().count() / 2)
                .map_or(0, |(k, _)| k);
            let cases = [
                format!("{h}{s}"),
                format!("{s}{h}"),
                format!("{}{h}{}", &s[..mid], &s[mid..]),
            ];
            for p in &cases {
                check_split(splitter, &format!("{name} around sample {i}"), p)
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        }
    }
}

/// Runs the checks of this module on one splitter, as a test module `$name`:
/// `splitter_tests!(name, splitter_expr, samples)`, where `samples` is a `&[&str]` of typical
/// paragraphs of the splitter's language. The names used in `splitter_expr` resolve where the
/// macro is invoked.
macro_rules! splitter_tests {
    ($name:ident, $splitter:expr, $samples:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            use $crate::text::segment::testing;

            fn samples() -> &'static [&'static str] {
                $samples
            }

            #[test]
            fn lossless_on_samples() {
                testing::check_samples(&$splitter, samples());
            }

            #[test]
            fn hostile_strings() {
                testing::check_hostile(&$splitter, samples());
            }

            proptest::proptest! {
                #[test]
                fn lossless_on_any_string(s in "\\PC*|.*") {
                    let splitter = $splitter;
                    if let Err(e) = testing::check_split(&splitter, "a generated string", &s) {
                        return Err(proptest::test_runner::TestCaseError::fail(e));
                    }
                }

                #[test]
                fn lossless_on_samples_cut_and_mixed(
                    picks in proptest::collection::vec((0usize..64, 0usize..64, 0usize..4), 1..8),
                ) {
                    // Pieces of the samples and hostile strings glued together.
                    let samples = samples();
                    let hostile = testing::HOSTILE;
                    let mut s = String::new();
                    for (a, b, glue) in picks {
                        let piece = if a % 2 == 0 && !samples.is_empty() {
                            samples[b % samples.len()]
                        } else {
                            hostile[b % hostile.len()].1
                        };
                        let cut = piece.char_indices().nth(a % 7).map_or(piece.len(), |(k, _)| k);
                        s.push_str(if a % 3 == 0 { &piece[cut..] } else { piece });
                        s.push_str(["", " ", "\n", "\n\n"][glue]);
                    }
                    let splitter = $splitter;
                    if let Err(e) = testing::check_split(&splitter, "glued pieces", &s) {
                        return Err(proptest::test_runner::TestCaseError::fail(e));
                    }
                }
            }
        }
    };
}
pub(crate) use splitter_tests;

#[allow(clippy::single_range_in_vec_init)] // one sentence is one range
mod tests {
    use super::*;

    #[test]
    fn check_ranges_says_how_to_fix() {
        let p = "One. Two.";
        assert!(check_ranges(p, &[0..4, 5..9]).is_ok());
        let dropped = check_ranges(p, &[0..4]).unwrap_err();
        assert!(dropped.contains("dropped bytes 5..9"), "{dropped}");
        assert!(dropped.contains("return every byte in some sentence or gap"));
        assert!(check_ranges(p, &[0..5, 5..9])
            .unwrap_err()
            .contains("trim it"));
        assert!(check_ranges(p, &[0..9, 5..9])
            .unwrap_err()
            .contains("in order"));
        assert!(check_ranges("中文", &[0..1])
            .unwrap_err()
            .contains("char boundaries"));
        assert!(check_ranges(p, &[0..40])
            .unwrap_err()
            .contains("paragraph has 9 bytes"));
        assert!(check_ranges(" ", &[]).is_ok());
        assert!(check_ranges("x", &[])
            .unwrap_err()
            .contains("dropped bytes 0..1 (starting with 'x') and no sentence at all"));
    }

    #[test]
    fn a_panicking_splitter_is_reported() {
        struct Panics;
        impl SentenceSplitter for Panics {
            fn split(&self, p: &str) -> Vec<Range<usize>> {
                // Slices in the middle of a char on Han text.
                vec![0..p[..1].len()]
            }
        }
        let e = check_split(&Panics, "Han text", "中").unwrap_err();
        assert!(e.contains("split() panicked on Han text"), "{e}");
        assert!(e.contains("must accept any &str"), "{e}");
    }
}
