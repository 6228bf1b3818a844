//! Structure as evidence: the enumerator a sentence starts with (`1.`, `(a)`, `第一条` and
//! `Article 1`, `一、` and `I.`, `第一章` and `Chapter 1`), as a label both sides share, so
//! that numbered paragraphs, articles and sections of the two documents match as rare tokens
//! do, in the lexical score and among the anchors.

/// The label of an English sentence's enumerator.
pub(crate) fn en_label(s: &str) -> Option<String> {
    let s = s.trim_start();
    for (word, kind) in [
        ("Article ", "art"),
        ("Art. ", "art"),
        ("Chapter ", "chap"),
        ("CHAPTER ", "chap"),
    ] {
        if let Some(rest) = s.strip_prefix(word) {
            let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let n = if n.is_empty() {
                roman(rest.split([' ', '.', ':']).next()?)?
            } else {
                n.parse().ok()?
            };
            return Some(label(kind, n));
        }
    }
    enumerator(s, |head| {
        if let Some(n) = roman(head) {
            // `I.` `IV.`, before a capital: a section. (`I. ` is rarely a pronoun so placed.)
            return Some(label("sec", n));
        }
        None
    })
}

/// The label of a Chinese sentence's enumerator.
pub(crate) fn zh_label(s: &str) -> Option<String> {
    let s = s.trim_start();
    if let Some(rest) = s.strip_prefix('第') {
        let digits: String = rest
            .chars()
            .take_while(|&c| zh_digit(c).is_some() || c == '十' || c == '百')
            .collect();
        let n = zh_numeral(&digits)?;
        let after = rest[digits.len()..].chars().next()?;
        return match after {
            '条' => Some(label("art", n)),
            '章' => Some(label("chap", n)),
            _ => None,
        };
    }
    let head: String = s
        .chars()
        .take_while(|&c| zh_digit(c).is_some() || c == '十')
        .collect();
    if !head.is_empty() && s[head.len()..].starts_with('、') {
        return Some(label("sec", zh_numeral(&head)?));
    }
    enumerator(s, |_| None)
}

/// `1.`, `1)`, `1、`, `(a)`, `（a）`, `a)`, `(1)` at the start of `s`, followed by a space
/// or (in Chinese) by text; `other` labels what ends with `.` otherwise.
fn enumerator(s: &str, other: impl Fn(&str) -> Option<String>) -> Option<String> {
    let open = s.starts_with('(') || s.starts_with('（');
    let body = s.trim_start_matches(['(', '（']);
    let inner: String = body
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    if inner.is_empty() || inner.len() > 4 {
        return None;
    }
    let rest = &body[inner.len()..];
    let close = rest.chars().next()?;
    let after = rest[close.len_utf8()..].chars().next();
    let spaced = after.is_some_and(|c| c == ' ' || crate::chars::is_cjk(c));
    let digits = inner.chars().all(|c| c.is_ascii_digit());
    match close {
        ')' | '）' if spaced => {
            if digits {
                Some(label("paren", inner.parse().ok()?))
            } else if inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()) {
                Some(format!("\u{1}alpha:{inner}"))
            } else {
                None
            }
        }
        '.' | '、' if !open && spaced && digits && inner.len() <= 3 => {
            Some(label("num", inner.parse().ok()?))
        }
        '.' if !open && after == Some(' ') => other(&inner),
        _ => None,
    }
}

/// A label that no word of a text can be: a control character, the kind and the number.
fn label(kind: &str, n: u32) -> String {
    format!("\u{1}{kind}:{n}")
}

/// A Roman numeral in capitals, `I` to `XXXIX`.
fn roman(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 6 {
        return None;
    }
    let mut n = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            _ => return None,
        };
        if v < prev {
            n = n.checked_sub(v)?;
        } else {
            n += v;
            prev = v;
        }
    }
    (n > 0 && n < 40).then_some(n)
}

fn zh_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|k| k as u32)
}

/// A Chinese numeral up to 999 (`一`, `十二`, `二十`, `一百零五`).
fn zh_numeral(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let (mut n, mut cur) = (0u32, 0u32);
    for c in s.chars() {
        match c {
            '十' => {
                n += cur.max(1) * 10;
                cur = 0;
            }
            '百' => {
                n += cur.max(1) * 100;
                cur = 0;
            }
            _ => cur = zh_digit(c)?,
        }
    }
    Some(n + cur)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_match_across_languages() {
        let pairs = [
            (
                "article",
                "第一条 为规范图书借阅。",
                "Article 1 These rules are made.",
            ),
            (
                "article twelve",
                "第十二条 本规则。",
                "Article 12 These rules.",
            ),
            ("chapter", "第三章 总则", "Chapter 3 General provisions"),
            ("section", "一、借阅期限", "I. Loan periods"),
            ("section two", "二、附则", "II. Final provisions"),
            (
                "numbered paragraph",
                "1. 常驻代表团谨请",
                "1. The Permanent Mission",
            ),
            ("letter", "(a) 损坏图书的", "(a) A reader who damages"),
            (
                "full-width letter",
                "（b）遗失图书的",
                "(b) A reader who loses",
            ),
            ("bracketed number", "(3) 其他", "(3) Other"),
        ];
        for (label, zh, en) in pairs {
            let (z, e) = (zh_label(zh), en_label(en));
            assert!(z.is_some(), "{label}: {zh}");
            assert_eq!(z, e, "{label}");
        }
    }

    #[test]
    fn no_label_for_ordinary_sentences() {
        for en in [
            "I am here.",
            "It cost 3.5 dollars.",
            "In 2021. the",
            "A. Smith said",
            "Articles of faith",
        ] {
            assert_eq!(en_label(en), None, "{en}");
        }
        for zh in ["一个人走了。", "第一次见面。", "2021年4月5日", "三人行"] {
            assert_eq!(zh_label(zh), None, "{zh}");
        }
    }
}
