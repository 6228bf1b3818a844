//! Chinese names in the romanisations that came before pinyin, as French, German and older
//! English texts still write them (`Mao Tsé-toung`, `Tschou En-lai`, `Mao Tse-tung`,
//! `Teng Hsiao-ping`), turned into the pinyin spellings they may stand for (`maozedong`,
//! `zhou`, `xiaoping`), so that [`super::pinyin::NameMatcher`] finds them as it finds
//! `Ye Wenjie`.
//!
//! The systems are the French EFEO, the German Lessing-Othmer and Wade-Giles. They write a
//! name syllable by syllable, the syllables of a given name joined by hyphens, so a part of
//! a name is rewritten as one syllable: letter group by letter group, each group into the
//! pinyin it may stand for (the apostrophe of aspiration is lost in most texts, so `ch` is
//! `zh`, `ch`, `j` or `q`; `t` is `t` or `d`), and only rewritings that are a pinyin
//! syllable are kept. A word of several syllables (`Menschen`) is no part of such a name;
//! the caller leaves a name already in pinyin alone.

/// Letter groups of the older systems and what they may be in pinyin, the longest group
/// first; letters in no group stay as they are.
const GROUPS: &[(&str, &[&str])] = &[
    ("tsch", &["zh", "ch"]),
    ("tch", &["zh", "ch", "j", "q"]),
    ("sch", &["sh"]),
    ("oung", &["ong"]),
    ("ouan", &["uan"]),
    ("iou", &["iu", "you"]),
    ("ieh", &["ie"]),
    ("ien", &["ian"]),
    ("oua", &["ua"]),
    ("ung", &["ong"]),
    ("hs", &["x"]),
    ("ch", &["ch", "zh", "j", "q"]),
    ("sh", &["sh"]),
    ("zh", &["zh"]),
    ("ts", &["z", "c", "j", "q"]),
    ("tz", &["z", "c"]),
    ("ou", &["ou", "u"]),
    ("ih", &["i"]),
    ("eh", &["e"]),
    ("k", &["k", "g", "j", "q"]),
    ("p", &["p", "b"]),
    ("t", &["t", "d"]),
    ("j", &["r", "j"]),
    ("h", &["h", "x"]),
    ("o", &["o", "e"]),
];

/// Most rewritings followed at once (the groups of a long word multiply).
const MAX_PARTIAL: usize = 64;
/// Most pinyin spellings kept for one name.
const MAX_SPELLINGS: usize = 8;

/// The pinyin syllables that `part` (lower-case ASCII letters), one syllable of a name in an
/// older romanisation (`tse`, `tung`, `hsiao`: the older systems join the syllables of a
/// given name with hyphens), may stand for; `is_syllable` says what a pinyin syllable is.
/// A word of more than one syllable (`menschen`, `jesu`) has none: it is no syllable of a
/// Chinese name.
pub(crate) fn syllable_spellings(part: &str, is_syllable: impl Fn(&str) -> bool) -> Vec<String> {
    if part.is_empty() || !part.is_ascii() {
        return Vec::new();
    }
    let mut partial = vec![String::with_capacity(part.len() + 4)];
    let mut rest = part;
    while !rest.is_empty() {
        let (len, choices): (usize, &[&str]) = GROUPS
            .iter()
            .find(|(g, _)| rest.starts_with(g))
            .map_or((1, &[][..]), |(g, c)| (g.len(), *c));
        if choices.is_empty() {
            for p in &mut partial {
                p.push_str(&rest[..len]);
            }
        } else {
            let mut next = Vec::with_capacity(partial.len() * choices.len());
            for p in &partial {
                for c in choices {
                    if next.len() < MAX_PARTIAL {
                        next.push(format!("{p}{c}"));
                    }
                }
            }
            partial = next;
        }
        rest = &rest[len..];
    }
    let mut out: Vec<String> = partial.into_iter().filter(|p| is_syllable(p)).collect();
    out.sort_unstable();
    out.dedup();
    out.truncate(MAX_SPELLINGS);
    out
}

/// The pinyin spellings of a name of one or more syllables (`["tse", "tung"]`, from
/// `Tse-tung`) in an older romanisation: every syllable's spellings in turn, up to
/// [`MAX_SPELLINGS`]; none when a part has none.
pub(crate) fn pinyin_spellings(parts: &[&str], is_syllable: impl Fn(&str) -> bool) -> Vec<String> {
    let mut out = vec![String::new()];
    for part in parts {
        let syllables = syllable_spellings(part, &is_syllable);
        let mut next = Vec::with_capacity(out.len() * syllables.len());
        for o in &out {
            for s in &syllables {
                if next.len() < MAX_SPELLINGS {
                    next.push(format!("{o}{s}"));
                }
            }
        }
        out = next;
    }
    if parts.is_empty() {
        out.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::pinyin::Pinyin;

    fn spellings(name: &str) -> Vec<String> {
        let p = Pinyin::bundled();
        let parts: Vec<&str> = name.split('-').collect();
        pinyin_spellings(&parts, |w| p.is_syllable(w))
    }

    /// (system, older spelling, one of its pinyin spellings)
    const CASES: &[(&str, &str, &str)] = &[
        ("EFEO", "tse-toung", "zedong"),
        ("EFEO", "tchou", "zhou"),
        ("EFEO", "tien-tsin", "tianjin"),
        ("Lessing", "tschou", "zhou"),
        ("Wade-Giles", "tse-tung", "zedong"),
        ("Wade-Giles", "hsiao-ping", "xiaoping"),
        ("Wade-Giles", "tsai", "cai"),
        ("Wade-Giles", "chiang", "jiang"),
        ("Wade-Giles", "shih", "shi"),
        ("Wade-Giles", "teng", "deng"),
    ];

    #[test]
    fn older_spellings_become_pinyin() {
        for &(system, name, pinyin) in CASES {
            let got = spellings(name);
            assert!(
                got.iter().any(|s| s == pinyin),
                "{system} {name}: {got:?} lacks {pinyin}; add the letter group to GROUPS"
            );
        }
    }

    #[test]
    fn words_of_several_syllables_are_no_names() {
        for word in [
            "menschen",
            "jesu",
            "abraham",
            "anerkennung",
            "",
            "tse-menschen",
        ] {
            assert_eq!(spellings(word), Vec::<String>::new(), "{word}");
        }
        let many = spellings("tchou-tchou-tchou-tchou");
        assert!(!many.is_empty() && many.len() <= MAX_SPELLINGS, "{many:?}");
    }
}
