//! Broken and hostile input through the library (issue 6; the command line's side is in
//! `cli/tests/it/hostile.rs`): the aligner never panics and never drops a sentence.
//!
//! * invariants of the library on arbitrary text pairs (proptest) and on very unequal sides;
//! * resource limits: a million lines through decode, segmentation and alignment, with
//!   memory measured by a counting allocator (`common`) in a process of its own (never by
//!   the wall clock);
//! * a folder of hostile samples (`common::samples`), generated here (never committed as
//!   binaries), through decode, segmentation and alignment.
//!
//! The property test of `eval` on garbage alignments is in `eval.rs`.

use bialign::text::decode::decode;
use bialign::text::partition::has_script;
use bialign::text::{Lang, Segmenter};
use bialign::{Aligner, Alignment};
use proptest::prelude::*;

use crate::common::samples::{mixed_lines, write_hostile_samples, EN_DOC, ZH_DOC};
use crate::common::{
    assert_covers, cheap_aligner, check_covers, en_zh, in_own_process, peak_bytes, same_lang, zh_en,
};

// ---------------------------------------------------------- library invariants (proptest)

/// One sentence: Chinese, English, numbers, rare scripts and symbols, arbitrary Unicode,
/// empty or blank.
fn sentence() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[一二三人大中国你我他她说了的是在有这个们来到时地为子上年着就那和要也得里后\
              医生院父亲今天下雨出门。，？！；：“”‘’《》（）、…—]{1,40}",
        4 => "[a-zA-Z]{1,10}( [a-zA-Z]{1,10}){0,12}[.?!]?",
        1 => "[0-9一二三四五六七八九十百千万年月日.,:%/-]{1,20}",
        1 => "[😀👍🏽🇨🇳\u{200d}\u{fe0f}𠀀𠮷𪚥\u{301}\u{202e}\u{200f}абвгд ا ب ت한국어ひらがなカタカナ\u{1F600}-\u{1F64F}]{1,20}",
        1 => any::<String>().prop_map(|s| s.chars().take(40).collect()),
        1 => "[ \t\u{3000}\u{a0}]{0,3}",
        1 => "[.。!！?？\"“”()（）《》…—-]{1,12}",
    ]
}

fn side(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(sentence(), 0..max)
}

/// Texts in the wrong order: no Han character on the Chinese side, which has Latin letters,
/// and the reverse on the English side. The aligner refuses them.
fn wrong_order<S: AsRef<str>>(zh: &[S], en: &[S]) -> bool {
    let has = |side: &[S], lang| side.iter().any(|s| has_script(s.as_ref(), lang));
    !has(zh, Lang::Zh) && !has(en, Lang::En) && has(en, Lang::Zh) && has(zh, Lang::En)
}

/// An alignment of `n` by `m` sentences covers both sides, or, exactly when the texts are in
/// the wrong order, is refused with an input error.
fn covered_or_refused(
    a: bialign::Result<Alignment>,
    wrong_order: bool,
    (n, m): (usize, usize),
) -> Result<(), TestCaseError> {
    match a {
        Ok(a) => {
            prop_assert!(!wrong_order, "texts in the wrong order were aligned");
            check_covers(&a, n, m).map_err(TestCaseError::fail)
        }
        Err(e) => {
            prop_assert!(wrong_order, "refused: {e}");
            prop_assert_eq!(e.kind(), bialign::ErrorKind::Input);
            Ok(())
        }
    }
}

fn check_both_directions(zh: &[String], en: &[String]) -> Result<(), TestCaseError> {
    let wrong = wrong_order(zh, en);
    let (n, m) = (zh.len(), en.len());
    covered_or_refused(zh_en().align_sentences(zh, en), wrong, (n, m))?;
    covered_or_refused(en_zh().align_sentences(en, zh), wrong, (m, n))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Arbitrary pairs, either side possibly empty.
    #[test]
    fn arbitrary_pairs_are_covered(zh in side(20), en in side(20)) {
        check_both_directions(&zh, &en)?;
    }

    /// One side only.
    #[test]
    fn one_side_only_is_covered(text in side(30)) {
        let none: Vec<String> = Vec::new();
        check_both_directions(&text, &none)?;
        check_both_directions(&none, &text)?;
    }

    /// The same text on both sides, as Chinese against English and the reverse; with both
    /// sides in one language it is refused (a same-language pair has no model).
    #[test]
    fn identical_texts_are_covered(text in side(20)) {
        check_both_directions(&text, &text)?;
        for lang in [Lang::Zh, Lang::En] {
            let refused = same_lang(lang).align_sentences(&text, &text);
            prop_assert!(refused.is_err(), "{lang}-{lang} aligned instead of refused");
        }
    }

    /// Two different texts in the same language are refused with a clear error, never
    /// aligned silently (and never a panic).
    #[test]
    fn same_language_pairs_are_refused(a in side(15), b in side(15)) {
        for lang in [Lang::Zh, Lang::En] {
            let err = same_lang(lang).align_sentences(&a, &b).expect_err("a same-language pair");
            prop_assert_eq!(err.kind(), bialign::ErrorKind::Config);
            let message = err.to_string();
            prop_assert!(
                message.contains(&format!("cannot align {lang} with {lang}")),
                "{}", message
            );
        }
    }

    /// Running text through the segmenter (paragraph and presplit mode, and as a mixed
    /// document) and the aligner; the same input gives the same alignment twice.
    #[test]
    fn segmented_text_is_covered(
        zh in prop::collection::vec(sentence(), 0..12),
        en in prop::collection::vec(sentence(), 0..12),
        sep in prop::sample::select(vec!["", " ", "\n", "\n\n", "\r\n", "\u{2029}"]),
        presplit: bool,
    ) {
        let seg = Segmenter::new().presplit(presplit);
        let (zt, et) = (zh.join(sep), en.join(sep));
        let z = seg.segment(&zt, Lang::Zh);
        let e = seg.segment(&et, Lang::En);
        let wrong = wrong_order(&z.texts(), &e.texts());
        let a = zh_en().align(&z, &e);
        let again = zh_en().align(&z, &e);
        prop_assert_eq!(a.as_ref().ok(), again.as_ref().ok(), "not deterministic");
        covered_or_refused(a, wrong, (z.len(), e.len()))?;
        covered_or_refused(en_zh().align(&e, &z), wrong, (e.len(), z.len()))?;
        let (mz, me) = seg.segment_mixed(&format!("{zt}\n\n{et}"));
        let wrong = wrong_order(&mz.texts(), &me.texts());
        covered_or_refused(zh_en().align(&mz, &me), wrong, (mz.len(), me.len()))?;
        for t in [&z, &e, &mz, &me] {
            for k in 0..t.len() {
                prop_assert!(t.verbatim(k).is_some(), "span of sentence {} off", k);
            }
        }
    }
}

/// One sentence against 10,000 (and none against 10,000), both ways.
#[test]
fn one_sentence_against_ten_thousand() {
    let many_en: Vec<String> = (0..10_000)
        .map(|i| format!("This is English sentence number {i} about the weather."))
        .collect();
    let many_zh: Vec<String> = (0..10_000)
        .map(|i| format!("这是关于天气的第{i}个中文句子。"))
        .collect();
    let one_zh = ["今天天气很好。".to_string()];
    let one_en = ["The weather is fine today.".to_string()];
    let none: [String; 0] = [];
    assert_covers(
        &zh_en()
            .align_sentences(&one_zh, &many_en)
            .expect("a supported pair aligns"),
        1,
        10_000,
    );
    assert_covers(
        &zh_en()
            .align_sentences(&many_zh, &one_en)
            .expect("a supported pair aligns"),
        10_000,
        1,
    );
    assert_covers(
        &en_zh()
            .align_sentences(&one_en, &many_zh)
            .expect("a supported pair aligns"),
        1,
        10_000,
    );
    assert_covers(
        &en_zh()
            .align_sentences(&many_en, &one_zh)
            .expect("a supported pair aligns"),
        10_000,
        1,
    );
    assert_covers(
        &zh_en()
            .align_sentences(&none, &many_en)
            .expect("a supported pair aligns"),
        0,
        10_000,
    );
    assert_covers(
        &en_zh()
            .align_sentences(&many_en, &none)
            .expect("a supported pair aligns"),
        10_000,
        0,
    );
}

// ------------------------------------------------------------------------ resource limits

/// `peaks` are the memory peaks for an input and for one `scale` times larger: the second
/// may be at most 1.5 times `scale` the first (a quadratic structure grows `scale`
/// squared).
fn assert_linear(peaks: &[usize], scale: f64, what: &str) {
    let growth = peaks[1] as f64 / peaks[0] as f64;
    assert!(
        growth < scale * 1.5,
        "memory for {scale}x the {what} grew {growth:.1}x"
    );
}

/// A million lines go through decode, normalisation, partition and segmentation (paragraph
/// and presplit mode). Memory stays proportional to the input: measured against a tenth of
/// it, a quadratic structure would grow 100 times, a linear one 10 times.
#[test]
fn million_lines_segment_in_linear_memory() {
    if !in_own_process("hostile::million_lines_segment_in_linear_memory") {
        return;
    }
    let seg = Segmenter::new();
    let pre = Segmenter::new().presplit(true);
    let mut peaks = Vec::new();
    for lines in [100_000usize, 1_000_000] {
        let bytes = mixed_lines(lines);
        let ((zh, en, presplit), peak) = peak_bytes(|| {
            let text = decode(&bytes, "million.txt").expect("text");
            let (zh, en) = seg.segment_mixed(&text);
            let counts = (zh.len(), en.len());
            drop((zh, en));
            let t = pre.segment(&text, Lang::Zh);
            (counts.0, counts.1, t.len())
        });
        // Every line is a sentence, and a paragraph (it ends with a full stop).
        assert_eq!(zh + en, lines, "{lines}: one sentence per line");
        assert!(zh > 0 && en > 0);
        // Presplit: every line is a sentence, blank ones included.
        assert_eq!(presplit, lines + lines / 7, "{lines}: presplit lines");
        let per_byte = peak as f64 / bytes.len() as f64;
        eprintln!(
            "{lines} lines, {} bytes: peak {peak} bytes ({per_byte:.1} per input byte)",
            bytes.len()
        );
        assert!(per_byte < 64.0, "{per_byte:.1} bytes per input byte");
        peaks.push(peak);
    }
    assert_linear(&peaks, 10.0, "lines");
}

/// A million lines aligned against three, the band bounded: memory grows linearly (10x
/// the lines, at most ~10x the memory) and stays at a few hundred bytes a line. A cheap
/// configuration (no lexicon, beads of at most 3 sentences, one pass) keeps this within
/// the CI budget of a debug build; the band and the search are the default code.
#[test]
fn million_lines_against_a_few_align_in_linear_memory() {
    if !in_own_process("hostile::million_lines_against_a_few_align_in_linear_memory") {
        return;
    }
    let aligner = cheap_aligner();
    let few_en = ["It rained.", "We stayed at home.", "The end."];
    let mut peaks = Vec::new();
    for n in [100_000usize, 1_000_000] {
        let zh: Vec<String> = (0..n).map(|i| format!("第{i}句。")).collect();
        let (a, peak) = peak_bytes(|| {
            aligner
                .align_sentences(&zh, &few_en)
                .expect("a supported pair aligns")
        });
        assert_covers(&a, n, few_en.len());
        eprintln!("align {n} x 3: peak {peak} bytes ({} per line)", peak / n);
        assert!(peak / n < 4096, "{} bytes per line", peak / n);
        peaks.push(peak);
    }
    assert_linear(&peaks, 10.0, "lines");
}

/// Bounded cost on any input: a small, utterly repetitive pair (`1。` against `2. `, every
/// alignment as good as any other) once made every widening round's path hug the band's
/// edge, so the band doubled to its cap (74 s and 1.8 GB for 64,000 lines a side). With the
/// default aligner, peak memory and the bead costs computed grow in proportion to the input
/// at 1x, 4x and 16x; the times are printed (benchmarks, not tests, hold time targets).
#[test]
fn repetitive_input_costs_linear_memory() {
    if !in_own_process("hostile::repetitive_input_costs_linear_memory") {
        return;
    }
    let aligner = Aligner::new();
    let mut peaks = Vec::new();
    for n in [500usize, 2_000, 8_000] {
        let zh = vec!["1。"; n];
        let en = vec!["2. "; n];
        let started = std::time::Instant::now();
        let (a, peak) = peak_bytes(|| {
            aligner
                .align_sentences(&zh, &en)
                .expect("a supported pair aligns")
        });
        assert_covers(&a, n, n);
        eprintln!(
            "repetitive {n} x {n}: peak {peak} bytes, {:.2} s",
            started.elapsed().as_secs_f64()
        );
        peaks.push(peak);
    }
    assert_linear(&peaks[..2], 4.0, "repetitive lines");
    assert_linear(&peaks[1..], 4.0, "repetitive lines");
    assert_linear(&[peaks[0], peaks[2]], 16.0, "repetitive lines");
}

/// Two long texts of very different lengths, with the default model (bundled lexicon, two
/// passes) in a bounded band: memory grows with the band's area, not with n x m.
#[test]
fn long_unequal_texts_stay_in_the_band() {
    if !in_own_process("hostile::long_unequal_texts_stay_in_the_band") {
        return;
    }
    let aligner = Aligner::builder().band(8).max_band(32).build();
    let mut peaks = Vec::new();
    for n in [1_000usize, 4_000] {
        let zh: Vec<String> = (0..n).map(|i| format!("这是第{i}个句子。")).collect();
        let en: Vec<String> = (0..n / 5)
            .map(|i| format!("This is sentence {i}."))
            .collect();
        let (a, peak) = peak_bytes(|| {
            aligner
                .align_sentences(&zh, &en)
                .expect("a supported pair aligns")
        });
        assert_covers(&a, n, n / 5);
        eprintln!("align {n} x {}: peak {peak} bytes", n / 5);
        peaks.push(peak);
    }
    assert_linear(&peaks, 4.0, "sentences");
}

/// A bead of 20,000 x 20,000 ids (400 million implied links) and an id shared by 20,000
/// beads are scored in memory proportional to the files.
#[test]
fn eval_of_huge_beads_stays_linear() {
    if !in_own_process("hostile::eval_of_huge_beads_stays_linear") {
        return;
    }
    use bialign::eval::{evaluate, IdBead};
    let n = 20_000usize;
    let all: Vec<usize> = (0..n).collect();
    let gold: Vec<IdBead> = vec![(all.clone(), all.clone())];
    let test: Vec<IdBead> = (0..n).map(|i| (vec![i], vec![i])).collect();
    let (c, peak) = peak_bytes(|| evaluate(&gold, &test));
    assert_eq!(
        (c.precision_total, c.precision_strict, c.precision_lax),
        (n, 0, n)
    );
    assert_eq!((c.recall_total, c.recall_strict, c.recall_lax), (1, 0, 1));
    assert!(peak < 64 << 20, "{peak} bytes");
    let shared_gold: Vec<IdBead> = (0..n).map(|k| (vec![0], vec![k])).collect();
    let shared_test: Vec<IdBead> = (0..n).map(|k| (vec![0], vec![n + k])).collect();
    let (c, peak) = peak_bytes(|| evaluate(&shared_gold, &shared_test));
    assert_eq!((c.precision_total, c.precision_lax), (n, 0));
    assert!(peak < 64 << 20, "{peak} bytes");
}

// ------------------------------------------------------------------ folder of hostile samples

/// Every sample through the library: decode, and when it is text, segment in both
/// languages and modes and as a mixed document, and align: against a short text with the
/// default aligners (bundled lexicon), and presplit or against itself with the cheap one
/// (the same search in a narrow band, without the lexicon, to keep within the CI budget).
#[test]
fn hostile_samples_through_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let zh_text = Segmenter::new().segment(ZH_DOC, Lang::Zh);
    let en_text = Segmenter::new().segment(EN_DOC, Lang::En);
    let cheap = cheap_aligner();
    for path in write_hostile_samples(dir.path()) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = decode(&bytes, &name) else {
            continue;
        };
        for presplit in [false, true] {
            let seg = Segmenter::new().presplit(presplit);
            let z = seg.segment(&text, Lang::Zh);
            let e = seg.segment(&text, Lang::En);
            let check = |a: &Alignment, n: usize, m: usize| {
                if let Err(err) = check_covers(a, n, m) {
                    panic!("{name} (presplit {presplit}): {err}");
                }
            };
            if presplit {
                check(
                    &cheap.align(&z, &en_text).expect("a supported pair aligns"),
                    z.len(),
                    en_text.len(),
                );
                check(
                    &cheap.align(&e, &zh_text).expect("a supported pair aligns"),
                    e.len(),
                    zh_text.len(),
                );
            } else {
                check(
                    &zh_en()
                        .align(&z, &en_text)
                        .expect("a supported pair aligns"),
                    z.len(),
                    en_text.len(),
                );
                check(
                    &en_zh()
                        .align(&e, &zh_text)
                        .expect("a supported pair aligns"),
                    e.len(),
                    zh_text.len(),
                );
                check(
                    &cheap.align(&z, &e).expect("a supported pair aligns"),
                    z.len(),
                    e.len(),
                );
                let (mz, me) = seg.segment_mixed(&text);
                check(
                    &cheap.align(&mz, &me).expect("a supported pair aligns"),
                    mz.len(),
                    me.len(),
                );
            }
            let _ = seg.detect(&text);
            let _ = seg.is_mixed(&text);
        }
    }
}
