//! Numbers and dates, normalised so that both languages give the same tokens.
//!
//! A number becomes the token `#N` (`#21`, `#3.5`), a month the token `#mN` (`#m4` for
//! April and for `四月`/`4月`). Ordinals give the same token as their cardinal
//! (`forty-seventh`, `47th` and `第四十七` are all `#47`), so that numbers work as anchors.

use crate::chars::{fold_width, is_digit_any_width, is_zh_counter, is_zh_numeral, zh_digit};

/// The value of a Chinese numeral string (`二十一` = 21, `两千` = 2000, `一百零五` = 105,
/// `三万五千` = 35000, `〇`/`零` = 0), or `None` if `s` is not a well-formed numeral.
pub fn parse_zh_numeral(s: &str) -> Option<u64> {
    let mut total: u64 = 0; // completed sections above 万/亿
    let mut section: u64 = 0; // value below 万
    let mut digit: Option<u64> = None;
    let mut any = false;
    let mut plain_digits: Option<u64> = Some(0); // 二〇二一 style: digits only
    for c in s.chars() {
        any = true;
        if let Some(d) = zh_digit(c) {
            plain_digits = plain_digits.and_then(|v| v.checked_mul(10)).map(|v| v + d);
            digit = Some(d);
            continue;
        }
        plain_digits = None;
        let unit = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            '万' | '萬' => 10_000,
            '亿' | '億' => 100_000_000,
            _ => return None,
        };
        if unit >= 10_000 {
            section = section.checked_add(digit.take().unwrap_or(0))?;
            let block = if section == 0 { 1 } else { section };
            total = total.checked_add(block.checked_mul(unit)?)?;
            section = 0;
        } else {
            // A bare 十 means 10 (十五 = 15).
            let d = digit.take().unwrap_or(1);
            section = section.checked_add(d.checked_mul(unit)?)?;
        }
    }
    if !any {
        return None;
    }
    let with_units = total
        .checked_add(section)?
        .checked_add(digit.unwrap_or(0))?;
    // 二〇二一 (a year written digit by digit) has no unit characters.
    Some(
        plain_digits
            .filter(|_| s.chars().count() > 1)
            .unwrap_or(with_units),
    )
}

/// Number and month tokens of a Chinese text (Arabic digits in any width and Chinese
/// numerals), appended to `out`.
pub fn zh_number_tokens(text: &str, out: &mut Vec<String>) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let value: Option<String> = if is_digit_any_width(c) {
            let mut s = String::new();
            while i < chars.len() {
                let d = chars[i];
                if is_digit_any_width(d) {
                    s.push(fold_width(d));
                } else if (d == '.' || d == '．')
                    && i + 1 < chars.len()
                    && is_digit_any_width(chars[i + 1])
                {
                    s.push('.');
                } else if (d == ',' || d == '，')
                    && i + 3 < chars.len()
                    && chars[i + 1..i + 4].iter().all(|c| c.is_ascii_digit())
                {
                    // thousands separator: skip
                } else {
                    break;
                }
                i += 1;
            }
            Some(canonical_decimal(&s))
        } else if is_zh_numeral(c) {
            while i < chars.len() && is_zh_numeral(chars[i]) {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            let ordinal = start > 0 && chars[start - 1] == '第';
            let counted = chars.get(i).is_some_and(|&n| is_zh_counter(n));
            if i - start >= 2 || ordinal || counted {
                parse_zh_numeral(&s).map(|v| v.to_string())
            } else {
                None
            }
        } else {
            i += 1;
            continue;
        };
        if let Some(v) = value {
            if chars.get(i) == Some(&'月') {
                out.push(format!("#m{v}"));
            } else {
                out.push(format!("#{v}"));
            }
        }
    }
}

fn canonical_decimal(s: &str) -> String {
    let s = s.trim_start_matches('0');
    let s = if s.is_empty() || s.starts_with('.') {
        format!("0{s}")
    } else {
        s.to_string()
    };
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// The value of an English number word or ordinal (`seven`, `seventh`, `forty`, `fortieth`),
/// without compounds. `one` and `first` are left out: they are mostly not numbers.
fn en_word_value(w: &str) -> Option<u64> {
    const UNITS: [(&str, &str, u64); 19] = [
        ("two", "second", 2),
        ("three", "third", 3),
        ("four", "fourth", 4),
        ("five", "fifth", 5),
        ("six", "sixth", 6),
        ("seven", "seventh", 7),
        ("eight", "eighth", 8),
        ("nine", "ninth", 9),
        ("ten", "tenth", 10),
        ("eleven", "eleventh", 11),
        ("twelve", "twelfth", 12),
        ("thirteen", "thirteenth", 13),
        ("fourteen", "fourteenth", 14),
        ("fifteen", "fifteenth", 15),
        ("sixteen", "sixteenth", 16),
        ("seventeen", "seventeenth", 17),
        ("eighteen", "eighteenth", 18),
        ("nineteen", "nineteenth", 19),
        ("zero", "zeroth", 0),
    ];
    const TENS: [(&str, &str, u64); 8] = [
        ("twenty", "twentieth", 20),
        ("thirty", "thirtieth", 30),
        ("forty", "fortieth", 40),
        ("fifty", "fiftieth", 50),
        ("sixty", "sixtieth", 60),
        ("seventy", "seventieth", 70),
        ("eighty", "eightieth", 80),
        ("ninety", "ninetieth", 90),
    ];
    UNITS
        .iter()
        .chain(TENS.iter())
        .find(|(c, o, _)| *c == w || *o == w)
        .map(|(_, _, v)| *v)
}

/// Multiplier words of compound numbers, and the `n`score words of older English.
fn en_multiplier(w: &str) -> Option<u64> {
    match w {
        "hundred" => Some(100),
        "thousand" => Some(1000),
        "score" => Some(20),
        _ => None,
    }
}

/// `twoscore` = 40 ... `tenscore`: the value of an `n`score word.
fn en_score_word(w: &str) -> Option<u64> {
    let n = w.strip_suffix("score")?;
    let n = en_word_value(n).filter(|v| (2..=10).contains(v))?;
    Some(n * 20)
}

/// The value of a number word inside a compound number (`one` included, which alone is
/// too often a pronoun), as written in lower or title case.
fn en_phrase_value(w: &str) -> Option<u64> {
    let lower = w.to_ascii_lowercase();
    if lower == "one" {
        return Some(1);
    }
    if let Some(v) = en_word_value(&lower).or_else(|| en_score_word(&lower)) {
        return Some(v);
    }
    // forty-seven
    let (tens, unit) = lower.split_once('-')?;
    let t = en_word_value(tens).filter(|v| *v >= 20 && v % 10 == 0)?;
    let u = en_word_value(unit).filter(|v| (1..10).contains(v))?;
    Some(t + u)
}

/// Whether `w` can be part of a compound number: a number word or a multiplier.
pub(crate) fn is_number_word(w: &str) -> bool {
    en_phrase_value(w).is_some() || en_multiplier(&w.to_ascii_lowercase()).is_some()
}

/// `and`, which joins the parts of a compound number (`an hundred and thirty`).
pub(crate) fn is_number_joiner(w: &str) -> bool {
    w.eq_ignore_ascii_case("and")
}

/// `a` and `an`, which stand for one before a multiplier (`an hundred`, `a thousand`).
pub(crate) fn is_article(w: &str) -> bool {
    w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an")
}

/// The value of a compound number of at least two number words (`nine hundred and thirty`,
/// `five and twenty`, `threescore and ten`, `two thousand five hundred`), or `None` for
/// anything else (a single number word, articles and joiners alone).
pub(crate) fn compound_number(words: &[&str]) -> Option<u64> {
    let (mut total, mut current) = (0u64, 0u64);
    let mut parts = 0;
    for (k, w) in words.iter().enumerate() {
        let lower = w.to_ascii_lowercase();
        if let Some(m) = en_multiplier(&lower) {
            parts += 1;
            if m == 1000 {
                total = total.checked_add(current.max(1).checked_mul(1000)?)?;
                current = 0;
            } else {
                current = current.max(1).checked_mul(m)?;
            }
        } else if let Some(v) = en_phrase_value(w) {
            parts += 1;
            current = current.checked_add(v)?;
        } else if is_article(w) {
            // `an hundred`: one, when a multiplier follows.
            if words
                .get(k + 1)
                .is_some_and(|n| en_multiplier(&n.to_ascii_lowercase()).is_some())
            {
                current = current.max(1);
                parts += 1;
            } else {
                return None;
            }
        } else if !is_number_joiner(w) {
            return None;
        }
    }
    (parts >= 2).then_some(total + current)
}

fn en_month(w: &str) -> Option<u64> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS.iter().position(|m| *m == w).map(|p| p as u64 + 1)
}

/// The number or month token of one English word as written (`21`, `1,000`, `3.5`, `47th`,
/// `forty-seven`, `seventh`, `April`), or `None`.
pub fn en_number_token(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    let bytes = lower.as_bytes();
    if bytes.first().is_some_and(|b| b.is_ascii_digit()) {
        let digits_end = lower
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(lower.len());
        let (num, suffix) = lower.split_at(digits_end);
        if !(suffix.is_empty() || matches!(suffix, "st" | "nd" | "rd" | "th" | "s")) {
            return None;
        }
        let num: String = num.chars().filter(|&c| c != ',').collect();
        let num = num.trim_end_matches('.');
        if num.is_empty() || num.matches('.').count() > 1 {
            return None;
        }
        return Some(format!("#{}", canonical_decimal(num)));
    }
    if word.chars().next().is_some_and(char::is_uppercase) {
        // `May` starts too many sentences as a verb to count as a month.
        if let Some(m) = en_month(&lower).filter(|_| lower != "may") {
            return Some(format!("#m{m}"));
        }
    }
    if let Some((tens, unit)) = lower.split_once('-') {
        let t = en_word_value(tens).filter(|v| *v >= 20 && v % 10 == 0)?;
        let u = match unit {
            "one" | "first" => 1,
            _ => en_word_value(unit).filter(|v| (1..10).contains(v))?,
        };
        return Some(format!("#{}", t + u));
    }
    en_word_value(&lower).map(|v| format!("#{v}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        let cases: &[(&str, u64)] = &[
            ("二十一", 21),
            ("两千", 2000),
            ("一百零五", 105),
            ("三万五千", 35000),
            ("十五", 15),
            ("四十七", 47),
            ("二〇二一", 2021),
            ("一亿两千万", 120_000_000),
        ];
        for (s, v) in cases {
            assert_eq!(parse_zh_numeral(s), Some(*v), "{s}");
        }
    }

    #[test]
    fn chinese_tokens() {
        let cases: &[(&str, &[&str])] = &[
            ("2021年4月5日", &["#2021", "#m4", "#5"]),
            ("第四十七届会议", &["#47"]),
            ("我们一起走", &[]),
            ("三个人", &["#3"]),
            ("１２３人", &["#123"]),
            ("3.50元", &["#3.5"]),
            ("1,000人", &["#1000"]),
        ];
        for (s, want) in cases {
            let mut out = Vec::new();
            zh_number_tokens(s, &mut out);
            assert_eq!(out, *want, "{s}");
        }
    }

    #[test]
    fn english_compound_numbers() {
        let cases: &[(&[&str], Option<u64>)] = &[
            (&["an", "hundred", "and", "thirty"], Some(130)),
            (&["nine", "hundred", "and", "thirty"], Some(930)),
            (&["nine", "hundred", "sixty", "and", "nine"], Some(969)),
            (&["five", "and", "twenty"], Some(25)),
            (&["threescore", "and", "ten"], Some(70)),
            (&["four", "score", "and", "seven"], Some(87)),
            (&["two", "thousand", "five", "hundred"], Some(2500)),
            (&["a", "thousand"], Some(1000)),
            (&["One", "hundred"], Some(100)),
            (&["forty-seven", "thousand"], Some(47000)),
            (&["hundred"], None),
            (&["seven"], None),
            (&["a", "seven"], None),
            (&["and"], None),
        ];
        for (words, want) in cases {
            assert_eq!(compound_number(words), *want, "{words:?}");
        }
    }

    #[test]
    fn english_tokens() {
        let cases: &[(&str, Option<&str>)] = &[
            ("21", Some("#21")),
            ("1,000", Some("#1000")),
            ("47th", Some("#47")),
            ("forty-seventh", Some("#47")),
            ("forty-seven", Some("#47")),
            ("seventh", Some("#7")),
            ("April", Some("#m4")),
            ("april", None),
            ("one", None),
            ("3.50", Some("#3.5")),
            ("abc", None),
            ("2nd", Some("#2")),
            ("1990s", Some("#1990")),
        ];
        for (s, want) in cases {
            assert_eq!(en_number_token(s).as_deref(), *want, "{s}");
        }
    }
}
