//! Sentence segmentation: table-driven cases for the Chinese and English splitters, their
//! properties (they never panic, segmentation is lossless, the maximum sentence length holds,
//! pathological inputs take linear time), and the document segmenter's language detection.
//!
//! Each case names an input paragraph and the exact sentences expected from it. All texts are
//! written for these tests (UN-document and novel style); none comes from evaluation data.

use std::ops::Range;
use std::time::{Duration, Instant};

use bialign::text::{EnSplitter, Lang, SentenceSplitter, ZhSplitter};
use proptest::prelude::*;

use crate::common;

fn sentences<'a>(splitter: &dyn SentenceSplitter, text: &'a str) -> Vec<&'a str> {
    splitter.split(text).into_iter().map(|r| &text[r]).collect()
}

fn numbered(list: &[&str]) -> String {
    if list.is_empty() {
        return "    (no sentences)\n".into();
    }
    list.iter()
        .enumerate()
        .map(|(i, s)| format!("    {i:>2}: {s:?}\n"))
        .collect()
}

/// The lossless invariant of `ranges` over `text` (see `bialign::text::segment`): ranges in
/// order, non-overlapping, non-empty, on char boundaries, starting and ending on
/// non-whitespace, with only whitespace outside them. `Err` says where it breaks.
fn lossless(text: &str, ranges: &[Range<usize>]) -> Result<(), String> {
    let mut prev = 0;
    for r in ranges {
        if !(r.start >= prev && r.start < r.end) {
            return Err(format!("bad order {r:?} in {ranges:?}"));
        }
        let Some(s) = text.get(r.clone()) else {
            return Err(format!("{r:?} not on char boundaries"));
        };
        if !text[prev..r.start].chars().all(char::is_whitespace) {
            return Err(format!("non-whitespace between sentences before {r:?}"));
        }
        if s.starts_with(char::is_whitespace) {
            return Err(format!("{s:?} at {r:?} starts with whitespace"));
        }
        if s.ends_with(char::is_whitespace) {
            return Err(format!("{s:?} at {r:?} ends with whitespace"));
        }
        prev = r.end;
    }
    if !text[prev..].chars().all(char::is_whitespace) {
        return Err("text after the last range is not whitespace: text lost at the end".into());
    }
    Ok(())
}

/// Checks the lossless invariant of `ranges` over `text` for the named case.
fn check_lossless(case: &str, text: &str, ranges: &[Range<usize>]) {
    if let Err(e) = lossless(text, ranges) {
        panic!(
            "case `{case}`: the ranges {ranges:?} break the lossless invariant ({e}) \
             for input {text:?}; fix the splitter in src/text/segment/"
        );
    }
}

fn check(case: &str, splitter: &dyn SentenceSplitter, input: &str, expected: &[&str]) {
    let ranges = splitter.split(input);
    check_lossless(case, input, &ranges);
    let actual: Vec<&str> = ranges.iter().map(|r| &input[r.clone()]).collect();
    if actual != expected {
        panic!(
            "\nsegmentation case `{case}` failed\ninput:\n    {input:?}\nexpected:\n{}actual:\n{}\
             If the new output is right, update the expected list of case `{case}` in \
             tests/it/segment.rs; otherwise fix the rules in src/text/segment/.\n",
            numbered(expected),
            numbered(&actual),
        );
    }
}

/// `name: input => [sentences...];` for one splitter: one `#[test]` per case.
macro_rules! cases {
    ($splitter:expr; $($name:ident: $input:expr => [$($s:expr),* $(,)?];)+) => {
        $(
            #[test]
            fn $name() {
                let splitter = $splitter;
                $crate::segment::check(
                    concat!(module_path!(), "::", stringify!($name)),
                    &splitter,
                    $input,
                    &[$($s),*],
                );
            }
        )+
    };
}

mod en {
    use super::*;

    cases! { EnSplitter::new();
        // Titles and abbreviations.
        title_mr: "Mr. Okafor opened the debate. He thanked Dr. Lindqvist for her report." => [
            "Mr. Okafor opened the debate.",
            "He thanked Dr. Lindqvist for her report.",
        ];
        title_chain: "Prof. Dr. Anna Weber and Gen. Lt. Col. Brandt attended the session." => [
            "Prof. Dr. Anna Weber and Gen. Lt. Col. Brandt attended the session.",
        ];
        title_mrs_ms: "Mrs. Rao and Ms. Ito spoke first. Then the Chair closed the meeting." => [
            "Mrs. Rao and Ms. Ito spoke first.",
            "Then the Chair closed the meeting.",
        ];
        title_at_paragraph_end: "The floor was given to Mr." => ["The floor was given to Mr."];
        saint_mount: "The mission visited St. Petersburg and Mt. Kenya in one week." => [
            "The mission visited St. Petersburg and Mt. Kenya in one week.",
        ];
        un_before_name: "The U.N. Security Council met on Monday. The vote was unanimous." => [
            "The U.N. Security Council met on Monday.",
            "The vote was unanimous.",
        ];
        us_uk_before_names: "The U.S. Government and the U.K. Mission issued a joint statement on the E.U. Special Representative." => [
            "The U.S. Government and the U.K. Mission issued a joint statement on the E.U. Special Representative.",
        ];
        us_ends_sentence: "The delegation flew to the U.S. The next day it returned to Geneva." => [
            "The delegation flew to the U.S.",
            "The next day it returned to Geneva.",
        ];
        number_prefix_nos: "The items are listed under Nos. 12 and 13 of the annex. No objection was raised." => [
            "The items are listed under Nos. 12 and 13 of the annex.",
            "No objection was raised.",
        ];
        number_prefix_before_word: "Is that final? No. I think not." => [
            "Is that final?",
            "No.",
            "I think not.",
        ];
        article_paragraph: "In accordance with Art. 5, para. 2 of the Convention, States shall report every year. Art. 6 applies mutatis mutandis." => [
            "In accordance with Art. 5, para. 2 of the Convention, States shall report every year.",
            "Art. 6 applies mutatis mutandis.",
        ];
        pages_volumes: "The figures appear on p. 45 and pp. 112-118 of vol. 3 of the report." => [
            "The figures appear on p. 45 and pp. 112-118 of vol. 3 of the report.",
        ];
        roman_volume: "See vol. II, p. 7. The annex follows." => [
            "See vol. II, p. 7.",
            "The annex follows.",
        ];
        chapter_section_figure: "As shown in fig. 2 and discussed in ch. 4, sect. 3, the trend is clear." => [
            "As shown in fig. 2 and discussed in ch. 4, sect. 3, the trend is clear.",
        ];
        eg_ie: "Some States (e.g. Norway and Chile) reported progress, i.e. a decline in casualties." => [
            "Some States (e.g. Norway and Chile) reported progress, i.e. a decline in casualties.",
        ];
        eg_before_acronym: "Several agencies, e.g. UNICEF and WHO, provided support. Others did not." => [
            "Several agencies, e.g. UNICEF and WHO, provided support.",
            "Others did not.",
        ];
        vs_cf: "The case Ortiz vs. Lamb (cf. Art. 12) was cited twice." => [
            "The case Ortiz vs. Lamb (cf. Art. 12) was cited twice.",
        ];
        approx_before_number: "The camp hosts approx. 3,500 people. Water is scarce." => [
            "The camp hosts approx. 3,500 people.",
            "Water is scarce.",
        ];
        // `etc.` is an ordinary word: a sentence ends after it before a capitalised word.
        etc_ends_sentence: "They discussed water, food, shelter, etc. The next item was security." => [
            "They discussed water, food, shelter, etc.",
            "The next item was security.",
        ];
        etc_inside_sentence: "Fuel, spare parts, etc. were delivered by road." => [
            "Fuel, spare parts, etc. were delivered by road.",
        ];
        etc_before_acronym: "Tents, blankets, etc. UNHCR delivered the rest." => [
            "Tents, blankets, etc.",
            "UNHCR delivered the rest.",
        ];
        et_al_citation: "Haddad et al. (2019) found the same effect." => [
            "Haddad et al. (2019) found the same effect.",
        ];
        et_al_ends_sentence: "The method was proposed by Chen et al. However, it was never tested." => [
            "The method was proposed by Chen et al.",
            "However, it was never tested.",
        ];
        am_pm: "The meeting began at 10 a.m. and ended at 1 p.m. The next session starts tomorrow." => [
            "The meeting began at 10 a.m. and ended at 1 p.m.",
            "The next session starts tomorrow.",
        ];
        month_abbreviations: "The report was issued on Sept. 15 and revised on Oct. 2, 2020. It was then translated." => [
            "The report was issued on Sept. 15 and revised on Oct. 2, 2020.",
            "It was then translated.",
        ];
        company_inside: "The contract went to Acme Inc. and Globex Ltd. in 2019." => [
            "The contract went to Acme Inc. and Globex Ltd. in 2019.",
        ];
        company_ends_sentence: "Shares were sold to Acme Inc. The sale closed in March." => [
            "Shares were sold to Acme Inc.",
            "The sale closed in March.",
        ];
        company_co_ltd: "Orders from Smith & Co. Ltd. were delayed by a month." => [
            "Orders from Smith & Co. Ltd. were delayed by a month.",
        ];
        junior_ends_sentence: "The award went to Martin Luther King Jr. He accepted it in Oslo." => [
            "The award went to Martin Luther King Jr.",
            "He accepted it in Oslo.",
        ];
        degrees: "She holds a Ph.D. in economics and an M.A. from Leiden. Her thesis was on water." => [
            "She holds a Ph.D. in economics and an M.A. from Leiden.",
            "Her thesis was on water.",
        ];
        degree_ends_sentence: "He completed his Ph.D. The thesis examined water rights." => [
            "He completed his Ph.D.",
            "The thesis examined water rights.",
        ];
        // Initials.
        initials_three: "J. R. R. Tolkien taught at Oxford. His books sold well." => [
            "J. R. R. Tolkien taught at Oxford.",
            "His books sold well.",
        ];
        initial_middle_name: "President George W. Bush addressed the Assembly. The speech was brief." => [
            "President George W. Bush addressed the Assembly.",
            "The speech was brief.",
        ];
        initial_then_starter: "The Committee adopted Plan B. The plan was fully funded." => [
            "The Committee adopted Plan B.",
            "The plan was fully funded.",
        ];
        // Numbers and symbols.
        decimals: "Growth reached 3.5 per cent in 2020, up from 2.75 per cent. Inflation fell." => [
            "Growth reached 3.5 per cent in 2020, up from 2.75 per cent.",
            "Inflation fell.",
        ];
        digit_starts_sentence: "Twenty people were killed in the attack. 85 citizens, including 16 civilians, have been injured." => [
            "Twenty people were killed in the attack.",
            "85 citizens, including 16 civilians, have been injured.",
        ];
        year_starts_sentence: "The law was adopted in 2020. 2021 was quieter." => [
            "The law was adopted in 2020.",
            "2021 was quieter.",
        ];
        currency_starts_sentence: "The budget was cut. $5 million was reallocated to health." => [
            "The budget was cut.",
            "$5 million was reallocated to health.",
        ];
        document_symbols: "See documents A/HRC/47/G/5 and E/CN.4/2005/L.10 for details." => [
            "See documents A/HRC/47/G/5 and E/CN.4/2005/L.10 for details.",
        ];
        document_symbol_with_year: "The text is contained in resolution S/RES/2334 (2016). The Council remains seized of the matter." => [
            "The text is contained in resolution S/RES/2334 (2016).",
            "The Council remains seized of the matter.",
        ];
        document_symbol_at_end: "The draft was issued as A/C.3/75/L.10. It was adopted without a vote." => [
            "The draft was issued as A/C.3/75/L.10.",
            "It was adopted without a vote.",
        ];
        // Enumerations and headings.
        numbered_heading: "1. Introduction" => ["1. Introduction"];
        numbered_subheading: "1.2. Scope of the report" => ["1.2. Scope of the report"];
        numbered_paragraph: "2. The Committee welcomes the report. It notes the progress made." => [
            "2. The Committee welcomes the report.",
            "It notes the progress made.",
        ];
        roman_heading: "IV. Conclusions and recommendations" => ["IV. Conclusions and recommendations"];
        lower_roman_item: "ii. The second option is cheaper." => ["ii. The second option is cheaper."];
        letter_heading: "A. Background" => ["A. Background"];
        inline_numbered_list: "The Council: 1. Decides to remain seized of the matter; 2. Requests a report within 90 days." => [
            "The Council: 1. Decides to remain seized of the matter; 2. Requests a report within 90 days.",
        ];
        lettered_items: "The Committee recommends that the State party: (a) adopt the bill; (b) allocate funds; (c) report by 2025." => [
            "The Committee recommends that the State party: (a) adopt the bill; (b) allocate funds; (c) report by 2025.",
        ];
        bracketed_sentence: "The item was deferred. (See annex II.) The Committee then adjourned." => [
            "The item was deferred.",
            "(See annex II.)",
            "The Committee then adjourned.",
        ];
        heading_without_stop: "Statement of the Ministry of Foreign Affairs on the International Day" => [
            "Statement of the Ministry of Foreign Affairs on the International Day",
        ];
        // Quotations and dialogue.
        quote_exclamation_lowercase: "\"Stop!\" he said." => ["\"Stop!\" he said."];
        quote_question_lowercase: "'Are you coming?' she asked. 'Yes,' he replied." => [
            "'Are you coming?' she asked.",
            "'Yes,' he replied.",
        ];
        quote_full_stop_then_capital: "He said, \"Go home.\" Then he left." => [
            "He said, \"Go home.\"",
            "Then he left.",
        ];
        quote_question_speech_tag: "\"Where is the file?\" Wang asked. Nobody answered." => [
            "\"Where is the file?\" Wang asked.",
            "Nobody answered.",
        ];
        quote_question_new_sentence: "\"Is it done?\" He shook his head." => [
            "\"Is it done?\"",
            "He shook his head.",
        ];
        curly_quotes_dialogue: "“We leave at dawn.” The captain folded the map. “Any questions?” Nobody spoke." => [
            "“We leave at dawn.”",
            "The captain folded the map.",
            "“Any questions?”",
            "Nobody spoke.",
        ];
        consecutive_quotes: "'Surrender?' 'Never!' cried the boy, laughing." => [
            "'Surrender?'",
            "'Never!' cried the boy, laughing.",
        ];
        interrupted_speech: "'But I—' 'You what?' snapped the old man." => [
            "'But I—'",
            "'You what?' snapped the old man.",
        ];
        question_then_lowercase: "What? no, that cannot be right." => ["What? no, that cannot be right."];
        multiple_terminators: "Really?! Nobody told me!! What now?" => [
            "Really?!",
            "Nobody told me!!",
            "What now?",
        ];
        closing_bracket_after_stop: "The text was adopted (by consensus.) Then the meeting rose." => [
            "The text was adopted (by consensus.)",
            "Then the meeting rose.",
        ];
        // Ellipses.
        ellipsis_before_lowercase: "Can you ... be more specific?" => ["Can you ... be more specific?"];
        ellipsis_before_capital: "What I mean is ... I want to see the raw data." => [
            "What I mean is ...",
            "I want to see the raw data.",
        ];
        ellipsis_stutter: "I... I don't know what to say." => ["I... I don't know what to say."];
        unicode_ellipsis: "He waited… Then the door opened slowly." => [
            "He waited…",
            "Then the door opened slowly.",
        ];
        // URLs, e-mail, file names.
        url_inside: "Visit www.un.org/en/about for details. The site is updated daily." => [
            "Visit www.un.org/en/about for details.",
            "The site is updated daily.",
        ];
        url_at_end: "The report is available at https://undocs.org/A/75/1. Comments are welcome." => [
            "The report is available at https://undocs.org/A/75/1.",
            "Comments are welcome.",
        ];
        email_at_end: "Write to info@ohchr.org. Replies take a week." => [
            "Write to info@ohchr.org.",
            "Replies take a week.",
        ];
        email_inside: "Contact j.smith@un.org or call the Secretariat." => [
            "Contact j.smith@un.org or call the Secretariat.",
        ];
        file_name: "The file was saved as report.final.docx by mistake." => [
            "The file was saved as report.final.docx by mistake.",
        ];
        // Whitespace and layout.
        single_line_break_is_space: "The first line of a wrapped\nparagraph continues here. A second sentence follows." => [
            "The first line of a wrapped\nparagraph continues here.",
            "A second sentence follows.",
        ];
        blank_line_breaks: "A heading without a stop\n\nThe paragraph after it." => [
            "A heading without a stop",
            "The paragraph after it.",
        ];
        whitespace_only: "   \n\t  " => [];
        surrounding_whitespace: "  One. Two.  " => ["One.", "Two."];
        semicolon_no_break: "The first option is cheap; the second is fast." => [
            "The first option is cheap; the second is fast.",
        ];
        cjk_terminator_in_english: "He wrote 你好。It means hello." => [
            "He wrote 你好。",
            "It means hello.",
        ];
        initials_after_title: "She met the Minister, Mr. A. B. Tanaka, and civil society." => [
            "She met the Minister, Mr. A. B. Tanaka, and civil society.",
        ];
        dotted_acronyms_before_starter: "The U.S.A. and the U.S.S.R. signed the treaty in 1987. Both parties ratified it." => [
            "The U.S.A. and the U.S.S.R. signed the treaty in 1987.",
            "Both parties ratified it.",
        ];
        ie_before_number: "Some 1.2 million people (i.e. 35 per cent of the population) need aid. Of these, 450,000 are children." => [
            "Some 1.2 million people (i.e. 35 per cent of the population) need aid.",
            "Of these, 450,000 are children.",
        ];
        edition_and_year: "See chap. 3 of the Handbook (3rd ed. 2019). The Handbook is online." => [
            "See chap. 3 of the Handbook (3rd ed. 2019).",
            "The Handbook is online.",
        ];
        pm_before_preposition: "She arrived at 6 p.m. on Friday. On Saturday she left." => [
            "She arrived at 6 p.m. on Friday.",
            "On Saturday she left.",
        ];
        quoted_abbreviation_then_quote: "\"It starts at one o'clock A.M.\" \"Fine, I will be there.\"" => [
            "\"It starts at one o'clock A.M.\"",
            "\"Fine, I will be there.\"",
        ];
        dialogue_alternating: "\"I don't know,\" she said. \"Perhaps tomorrow.\" He shrugged. \"Perhaps never!\"" => [
            "\"I don't know,\" she said.",
            "\"Perhaps tomorrow.\"",
            "He shrugged.",
            "\"Perhaps never!\"",
        ];
        speech_tag_before_name: "“Are you sure?” asked the inspector. “Absolutely.”" => [
            "“Are you sure?” asked the inspector.",
            "“Absolutely.”",
        ];
        un_statement: "Armenia refuses to release information on the location of minefields. This is a severe breach of international humanitarian law. 12 deminers have been injured since 10 November 2020." => [
            "Armenia refuses to release information on the location of minefields.",
            "This is a severe breach of international humanitarian law.",
            "12 deminers have been injured since 10 November 2020.",
        ];
    }

    /// The English annex of the bundled seed document: 18 sentences, and the sentence about
    /// the 85 injured citizens starts on its own.
    #[test]
    fn seed_un_note_annex() {
        let seed = include_str!("../../data/seed_un_note.txt");
        let start = seed.find("Today marks").expect("seed text has the annex");
        let en = EnSplitter::new();
        let mut all = Vec::new();
        for paragraph in seed[start..].split("\n\n") {
            all.extend(sentences(&en, paragraph));
        }
        assert_eq!(
            all.len(),
            18,
            "the seed annex should give 18 sentences, got:\n{}",
            numbered(&all)
        );
        assert!(
            all.iter().any(|s| s
                .starts_with("85 citizens, including 16 civilians have been seriously injured")),
            "`85 citizens, ...` should start its own sentence:\n{}",
            numbered(&all)
        );
        assert!(all[0].starts_with("Today marks") && all[0].ends_with("Mine Actions."));
        assert!(
            all[17].starts_with("Azerbaijan will take") && all[17].ends_with("accountability.")
        );
    }

    #[test]
    fn long_sentence_is_cut_at_clause_boundaries() {
        let clause = "the Committee notes with concern the continued reports of violations, ";
        let text = format!("{}and it calls for action.", clause.repeat(40));
        let en = EnSplitter::new();
        let parts = sentences(&en, &text);
        assert!(parts.len() >= 3, "{} pieces", parts.len());
        for p in &parts {
            assert!(p.chars().count() <= EnSplitter::DEFAULT_MAX_CHARS, "{p:?}");
        }
        for p in &parts[..parts.len() - 1] {
            assert!(p.ends_with(','), "cut not at a comma: {p:?}");
        }
        let small = EnSplitter::new().with_max_chars(20);
        for p in sentences(&small, "Supercalifragilisticexpialidocious words are long.") {
            assert!(p.chars().count() <= 20, "{p:?}");
        }
    }
}

mod zh {
    use super::*;

    cases! { ZhSplitter::new();
        basic_terminators: "今天天气很好。我们去公园吧！你去吗？" => [
            "今天天气很好。",
            "我们去公园吧！",
            "你去吗？",
        ];
        dialogue_colon_quote: "他说：“你来了？”她点点头。" => ["他说：“你来了？”", "她点点头。"];
        quote_then_speech_tag: "“走吧！”他说。" => ["“走吧！”", "他说。"];
        break_inside_quote: "老人道：“天黑了。咱们回去吧。”孩子没有动。" => [
            "老人道：“天黑了。",
            "咱们回去吧。”",
            "孩子没有动。",
        ];
        quote_then_enumeration_comma: "门外传来“来了！”、“走了！”的喊声。" => [
            "门外传来“来了！”、“走了！”的喊声。",
        ];
        quoted_question_as_noun: "他提出了“我们该怎么办？”的问题。" => ["他提出了“我们该怎么办？”的问题。"];
        quote_then_dique: "“你来了？”的确是他。" => ["“你来了？”", "的确是他。"];
        terminator_runs: "真的吗？！太好了！！我不信。。。" => [
            "真的吗？！",
            "太好了！！",
            "我不信。。。",
        ];
        ascii_terminators: "你好!我很好?谢谢。" => ["你好!", "我很好?", "谢谢。"];
        ascii_question_in_url: "请访问 http://example.org/?id=5 查看全文。" => [
            "请访问 http://example.org/?id=5 查看全文。",
        ];
        book_title_question: "他读了《你好吗？》这本书。然后睡了。" => [
            "他读了《你好吗？》这本书。",
            "然后睡了。",
        ];
        book_title_ends_sentence: "委员会回顾《儿童权利公约》第3条。委员会建议缔约国加强立法。" => [
            "委员会回顾《儿童权利公约》第3条。",
            "委员会建议缔约国加强立法。",
        ];
        nested_titles: "《关于〈公约〉的说明。》已经发布。" => ["《关于〈公约〉的说明。》已经发布。"];
        book_title_with_question_ends_sentence: "《谁在敲门？》是一部话剧。" => ["《谁在敲门？》是一部话剧。"];
        parentheses_protect: "会议通过了决议（第一项决议。第二项决议）并闭会。" => [
            "会议通过了决议（第一项决议。第二项决议）并闭会。",
        ];
        parenthesised_sentence: "代表团提交了报告。（见附件。）委员会表示欢迎。" => [
            "代表团提交了报告。",
            "（见附件。）",
            "委员会表示欢迎。",
        ];
        parenthesis_inside_sentence: "他说（大意是：走吧！）就走了。" => ["他说（大意是：走吧！）就走了。"];
        ascii_parentheses: "报告(见A/75/1。)已经分发。下一项议程。" => [
            "报告(见A/75/1。)已经分发。",
            "下一项议程。",
        ];
        stray_closing_parenthesis: "他走了）。我们也走吧。" => ["他走了）。", "我们也走吧。"];
        decimal_number: "增长率为3.5%。通胀有所下降。" => ["增长率为3.5%。", "通胀有所下降。"];
        full_width_decimal: "比例为３．５％。此后下降了。" => ["比例为３．５％。", "此后下降了。"];
        ascii_full_stop_between_han: "会议于昨天结束.委员会通过了报告." => [
            "会议于昨天结束.",
            "委员会通过了报告.",
        ];
        ascii_dot_in_latin: "参见 Mr. Smith 的报告和 www.un.org 网站。" => [
            "参见 Mr. Smith 的报告和 www.un.org 网站。",
        ];
        han_numeral_list_mark: "一.总则" => ["一.总则"];
        digits_after_terminator: "会议于2021年结束。2022年将举行下一届会议。" => [
            "会议于2021年结束。",
            "2022年将举行下一届会议。",
        ];
        // Ellipses and dashes (the ellipsis option is off by default).
        ellipsis_pause: "我…… 我不知道。" => ["我…… 我不知道。"];
        ellipsis_inside_narration: "他等了很久……终于来了。" => ["他等了很久……终于来了。"];
        ellipsis_closing_quote: "“不过……”他没有说下去。" => ["“不过……”", "他没有说下去。"];
        ellipsis_before_opening_quote: "远处传来歌声……“谁在唱？”" => ["远处传来歌声……", "“谁在唱？”"];
        ellipsis_after_sentence: "“这件事很难说。” ……两人都沉默了。" => [
            "“这件事很难说。” ……",
            "两人都沉默了。",
        ];
        dash_closing_quote: "“你为什么——”说到这里，他停住了。" => [
            "“你为什么——”",
            "说到这里，他停住了。",
        ];
        semicolon_default: "一是加强合作；二是增加投入。" => ["一是加强合作；二是增加投入。"];
        colon_never_breaks: "会议决定如下：一、通过议程；二、选举主席。" => [
            "会议决定如下：一、通过议程；二、选举主席。",
        ];
        // Quotes of other shapes.
        space_before_closing_quote: "他道：“算了，你不懂。 ”她笑了。" => ["他道：“算了，你不懂。 ”", "她笑了。"];
        corner_quotes_traditional: "她問：「你去哪裡？」他沒有回答。" => ["她問：「你去哪裡？」", "他沒有回答。"];
        corner_quote_exclamation: "「好！」他說。" => ["「好！」", "他說。"];
        nested_quotes: "他说：“她告诉我‘明天见。’然后就走了。”我不信。" => [
            "他说：“她告诉我‘明天见。’",
            "然后就走了。”",
            "我不信。",
        ];
        straight_quotes_closing: "他说:\"你好。\"她笑了。" => ["他说:\"你好。\"", "她笑了。"];
        straight_quote_opening: "他走了。\"你好\"她说。" => ["他走了。", "\"你好\"她说。"];
        english_exclamation_in_quote: "她喊道：“Help!”然后跑了。" => ["她喊道：“Help!”", "然后跑了。"];
        // UN-document style.
        un_note_verbale: "常驻代表团谨向人权事务高级专员办事处致意，并谨转递外交部的声明（见附件）。常驻代表团请将本照会及其附件作为议程项目4下的文件分发。" => [
            "常驻代表团谨向人权事务高级专员办事处致意，并谨转递外交部的声明（见附件）。",
            "常驻代表团请将本照会及其附件作为议程项目4下的文件分发。",
        ];
        un_document_symbol: "秘书长的报告（A/75/280）已经分发。委员会注意到该报告。" => [
            "秘书长的报告（A/75/280）已经分发。",
            "委员会注意到该报告。",
        ];
        un_document_symbol_in_brackets: "理事会请高级专员口头介绍最新情况（见A/HRC/48/L.12/Rev.1）。最新情况已于9月13日介绍。" => [
            "理事会请高级专员口头介绍最新情况（见A/HRC/48/L.12/Rev.1）。",
            "最新情况已于9月13日介绍。",
        ];
        un_semicolon_list: "第一项议程是通过议程（A/HRC/47/1）；第二项是选举主席团成员。" => [
            "第一项议程是通过议程（A/HRC/47/1）；第二项是选举主席团成员。",
        ];
        latin_initials_in_chinese: "她会见了外交部长A. B. 田中先生。" => ["她会见了外交部长A. B. 田中先生。"];
        dialogue_with_narration: "她想了想，说：“也许明天吧。”他耸耸肩：“也许永远不会！”说完就走了。" => [
            "她想了想，说：“也许明天吧。”",
            "他耸耸肩：“也许永远不会！”",
            "说完就走了。",
        ];
        stutter_inside_quote: "他说：“我……我不知道。”然后低下了头。" => [
            "他说：“我……我不知道。”",
            "然后低下了头。",
        ];
        quote_continues_after_comma: "“什么？！”他跳了起来，“你再说一遍！”" => [
            "“什么？！”",
            "他跳了起来，“你再说一遍！”",
        ];
        // Whitespace and layout.
        spaces_between_sentences: "第一句。 第二句。  第三句。" => ["第一句。", "第二句。", "第三句。"];
        blank_line_breaks: "第一段没有句号\n\n第二段。" => ["第一段没有句号", "第二段。"];
        single_line_break_kept: "第一行\n第二行。" => ["第一行\n第二行。"];
        ideographic_spaces_only: "　　 \n" => [];
        indented_paragraph: "　　他推开门。屋里没有人。" => ["他推开门。", "屋里没有人。"];
    }

    cases! { ZhSplitter::new().with_ellipsis_breaks(true);
        ellipsis_option_breaks: "他等了很久…… 终于来了。" => ["他等了很久……", "终于来了。"];
        ellipsis_option_keeps_comma: "这个……，那个。" => ["这个……，那个。"];
    }

    mod semicolon {
        use super::*;
        cases! { ZhSplitter::new().with_semicolon_breaks(true);
            semicolon_option_breaks: "一是加强合作；二是增加投入。" => ["一是加强合作；", "二是增加投入。"];
        }
    }

    /// A stray opening bracket protects a bounded span only.
    #[test]
    fn unbalanced_brackets_recover() {
        let zh = ZhSplitter::new();
        for open in ["（", "(", "《"] {
            let text = format!("{open}注{}", "这是一句话。".repeat(80));
            let parts = sentences(&zh, &text);
            assert!(parts.len() > 40, "{open}: only {} sentences", parts.len());
            assert!(
                parts[0].chars().count() <= 210,
                "{open}: first {:?}",
                parts[0]
            );
            assert_eq!(parts.last(), Some(&"这是一句话。"));
        }
    }

    #[test]
    fn long_sentence_is_cut_at_clause_boundaries() {
        let text = format!(
            "{}最后一句。",
            "委员会关切地注意到有关侵犯行为的持续报告，".repeat(60)
        );
        let zh = ZhSplitter::new();
        let parts = sentences(&zh, &text);
        assert!(parts.len() >= 3, "{} pieces", parts.len());
        for p in &parts {
            assert!(p.chars().count() <= ZhSplitter::DEFAULT_MAX_CHARS, "{p:?}");
        }
        for p in &parts[..parts.len() - 1] {
            assert!(p.ends_with('，'), "cut not at a comma: {p:?}");
        }
        let tiny = ZhSplitter::new().with_max_chars(3);
        assert_eq!(
            sentences(&tiny, "一二三四五六七"),
            ["一二", "三四", "五六七"]
        );
        let unlimited = ZhSplitter::new().with_max_chars(0);
        assert_eq!(sentences(&unlimited, &text).len(), 1);
    }
}

// ------------------------------------------------------------------------------ properties

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
        lossless(text, &ranges).map_err(TestCaseError::fail)?;
        assert_max(text, &ranges, max)?;
        prop_assert_eq!(ranges.is_empty(), text.trim().is_empty());
    }
    // The default configurations as well.
    for splitter in [
        &ZhSplitter::new() as &dyn SentenceSplitter,
        &EnSplitter::new(),
    ] {
        let ranges = splitter.split(text);
        lossless(text, &ranges).map_err(TestCaseError::fail)?;
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
        let text: String = std::iter::repeat_n(c, n).collect();
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
            if let Err(e) = lossless(text, &ranges) {
                panic!("{lang}: {name}: {e}");
            }
        }
    }
}

// ------------------------------------------------------------------------------ documents

#[test]
fn segment_detect_is_segment_and_detect() {
    let texts = [
        "a",
        "Hello there. How are you?",
        "我父亲是医生。他每天早上去医院。",
        "他说 OK。\n\nThe end.",
        "42 ...",
        "",
    ];
    for presplit in [false, true] {
        let seg = bialign::text::Segmenter::new().presplit(presplit);
        for text in texts {
            for lang in [Lang::Zh, Lang::En] {
                let (segmented, detected) = seg.segment_detect(text, lang);
                assert_eq!(detected, seg.detect(text), "{text:?}");
                assert_eq!(
                    segmented.texts(),
                    seg.segment(text, lang).texts(),
                    "{text:?} as {lang}, presplit {presplit}"
                );
            }
        }
    }
}

// ------------------------------------------------------------------------------ tools

/// Char boundaries about 40 bytes before and 30 bytes after `i`.
fn context(text: &str, i: usize) -> (usize, usize) {
    let mut a = i.saturating_sub(40);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (i + 30).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    (a, b)
}

/// Mac-dev style report (ignored by default): `cargo test --test it -- --ignored --nocapture
/// segment::mac_dev_report`. Reads `mac-dev` of the evaluation data (`../shared/eval`, or
/// `$BIALIGN_EVAL`), joins each file's gold sentences into one paragraph and prints the share of gold boundaries the
/// splitters reproduce and the share of extra breaks. With `BIALIGN_SEGMENT_DEBUG=1` the
/// missed and extra boundaries are printed too.
#[test]
#[ignore = "a report, not a check: run with --ignored --nocapture"]
fn mac_dev_report() {
    let test = "segment::mac_dev_report";
    let Some(dir) = common::eval_set(test, "mac-dev") else {
        return;
    };
    let debug = std::env::var_os("BIALIGN_SEGMENT_DEBUG").is_some();
    let zh = ZhSplitter::new();
    let en = EnSplitter::new();
    for (lang, splitter, joiner) in [
        ("zh", &zh as &dyn SentenceSplitter, ""),
        ("en", &en as &dyn SentenceSplitter, " "),
    ] {
        let Ok(entries) = std::fs::read_dir(dir.join(lang)) else {
            common::skip(
                test,
                &format!("no mac-dev data in {}", dir.join(lang).display()),
            );
            return;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        let (mut gold_n, mut hit, mut pred_n, mut term_gold, mut term_hit) = (0, 0, 0, 0, 0);
        for path in paths {
            let content = std::fs::read_to_string(&path).unwrap_or_default();
            let lines: Vec<&str> = content
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            let text = lines.join(joiner);
            let mut gold = std::collections::BTreeMap::new();
            let mut off = 0;
            for (k, l) in lines.iter().enumerate() {
                if k > 0 {
                    let prev_last = lines[k - 1]
                        .trim_end_matches(['”', '’', '"', '\'', '」', '』', ')', '）'])
                        .chars()
                        .last();
                    let terminated =
                        matches!(prev_last, Some('。' | '！' | '？' | '!' | '?' | '.' | '…'));
                    gold.insert(off, terminated);
                }
                off += l.len() + joiner.len();
            }
            let pred: std::collections::BTreeSet<usize> = splitter
                .split(&text)
                .iter()
                .skip(1)
                .map(|r| r.start)
                .collect();
            gold_n += gold.len();
            pred_n += pred.len();
            for (&g, &terminated) in &gold {
                let found = pred.contains(&g);
                hit += usize::from(found);
                if terminated {
                    term_gold += 1;
                    term_hit += usize::from(found);
                }
                if debug && !found {
                    let (a, b) = context(&text, g);
                    println!("MISS {lang} {}|{}", &text[a..g], &text[g..b]);
                }
            }
            for &p in &pred {
                if !gold.contains_key(&p) && debug {
                    let (a, b) = context(&text, p);
                    println!("EXTRA {lang} {}|{}", &text[a..p], &text[p..b]);
                }
            }
        }
        let extra = pred_n - hit;
        println!(
            "{lang}: gold boundaries {gold_n}, reproduced {hit} ({:.1}%); after a terminator {term_gold}, reproduced {term_hit} ({:.1}%); predicted {pred_n}, extra {extra} ({:.1}% of predicted)",
            100.0 * hit as f64 / gold_n.max(1) as f64,
            100.0 * term_hit as f64 / term_gold.max(1) as f64,
            100.0 * extra as f64 / pred_n.max(1) as f64,
        );
    }
}

/// Prints the sentences of `$SEGMENT_TEXT` (paragraphs separated by blank lines) in the
/// language `$SEGMENT_LANG` (`zh` or `en`), one per line in brackets: a quick way to try the
/// splitters on new text: `SEGMENT_LANG=zh SEGMENT_TEXT="$(cat file)" cargo test --test
/// it -- --ignored --nocapture segment::split_from_env`.
#[test]
#[ignore = "a tool for trying the splitters on SEGMENT_TEXT: run with --ignored --nocapture"]
fn split_from_env() {
    let text = std::env::var("SEGMENT_TEXT").unwrap_or_default();
    let zh = std::env::var("SEGMENT_LANG").is_ok_and(|l| l == "zh");
    let splitter: Box<dyn SentenceSplitter> = if zh {
        Box::new(ZhSplitter::new())
    } else {
        Box::new(EnSplitter::new())
    };
    for paragraph in text.split("\n\n") {
        for sentence in sentences(splitter.as_ref(), paragraph) {
            println!("[{sentence}]");
        }
        println!("--");
    }
}
