//! English abbreviations and sentence starters: the classes the English splitter looks a
//! token up in, and the shorter list normalisation uses to join a line ending in an
//! abbreviation to the next.
//!
//! The lists were written for bialign (no third-party list was copied). Tokens are looked up
//! without their final full stop: `Mr`, `e.g`, `U.S`, `Ph.D`.

/// Abbreviations (lower-case, without their final period) after which a period at the end of
/// a line does not end the paragraph: normalisation joins the next line to it. Kept apart from
/// the splitter's classes ([`lookup`]) on purpose: it is matched in any case, takes no
/// dotted acronym by its shape (a line ending in `U.S.` most often ends a sentence) and holds
/// `eq` (`Eq.` before an equation number), which the splitter does not know; every other
/// entry is known to the splitter in lower or capitalised form (see the test).
const LINE_END_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "art", "arts", "para", "paras", "e.g",
    "i.e", "vs", "cf", "p", "pp", "vol", "vols", "fig", "figs", "eq", "sec", "ch", "chap", "ed",
    "eds", "gen", "col", "lt", "sgt", "capt", "rev", "hon", "jr", "sr", "inc", "ltd", "co", "corp",
    "dept", "approx", "ca", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mt", "ft", "op", "amb", "h.e", "rep", "sen", "gov", "pres",
];

/// Whether `word` (without its final period, in any case) is one of the abbreviations after
/// which a line-final period does not end a paragraph.
pub(crate) fn is_line_end_abbreviation(word: &str) -> bool {
    word.len() <= 6
        && LINE_END_ABBREVIATIONS
            .iter()
            .any(|a| a.eq_ignore_ascii_case(word))
}

/// How an abbreviation followed by a full stop behaves before the next word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Never ends a sentence: titles before names (`Mr.`, `Dr.`, `Prof.`, `Gen.`) and Latin
    /// abbreviations used inside sentences (`e.g.`, `i.e.`, `cf.`, `vs.`, `approx.`).
    Never,
    /// Introduces a number (`No. 5`, `Art. 12`, `para. 3`, `pp. 4-6`, `Jan. 5`, `vol. II`):
    /// no break before a number, a break before a word.
    Number,
    /// May end a sentence (`Inc.`, `Ltd.`, `U.S.`, `a.m.`, `Ph.D.`, `et al.`): a break only
    /// before a word that usually starts a sentence ([`is_starter`]).
    Maybe,
}

/// The class of `token` (the word before a full stop, without it), if it is a known
/// abbreviation.
pub(crate) fn lookup(token: &str) -> Option<Abbrev> {
    if token.is_empty() || token.len() > 8 {
        return None;
    }
    if is_never(token) {
        return Some(Abbrev::Never);
    }
    if is_number_prefix(token) {
        return Some(Abbrev::Number);
    }
    if is_maybe(token) || is_dotted_acronym(token) {
        return Some(Abbrev::Maybe);
    }
    None
}

fn is_never(token: &str) -> bool {
    matches!(
        token,
        // Titles and ranks before a name.
        "Mr" | "Mrs" | "Ms" | "Mx" | "Messrs" | "Mmes" | "Mme" | "Mlle" | "Dr" | "Drs"
            | "Prof" | "Profs" | "Gen" | "Lt" | "Col" | "Maj" | "Capt" | "Cmdr" | "Cdr"
            | "Adm" | "Brig" | "Sgt" | "Cpl" | "Pvt" | "Rev" | "Fr" | "Hon" | "Gov"
            | "Sen" | "Rep" | "Pres" | "Supt" | "Insp" | "Det" | "Amb" | "Atty" | "Asst"
            | "Assoc" | "Univ" | "St" | "Ste" | "Mt" | "Ft" | "Pt" | "Sra" | "Srta"
            // Latin and other abbreviations used inside sentences.
            | "e.g" | "E.g" | "i.e" | "I.e" | "cf" | "Cf" | "vs" | "viz" | "approx"
            | "Approx" | "ca" | "incl" | "Incl" | "excl" | "esp" | "resp" | "a.k.a"
            | "w.r.t" | "Suppl" | "Sub" | "Subpara"
    )
}

fn is_number_prefix(token: &str) -> bool {
    const NUMBER_PREFIXES: &[&str] = &[
        "no", "nos", "art", "arts", "para", "paras", "subpara", "p", "pp", "vol", "vols", "ch",
        "chap", "chaps", "sect", "sects", "sec", "secs", "fig", "figs", "ref", "refs", "tel",
        "fax", "ext", "ed", "eds", "add", "corr", "n", "nn", "op", "annex", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ];
    NUMBER_PREFIXES
        .iter()
        .any(|p| p.eq_ignore_ascii_case(token))
}

fn is_maybe(token: &str) -> bool {
    matches!(
        token,
        "Inc"
            | "Ltd"
            | "Co"
            | "Corp"
            | "Plc"
            | "Bros"
            | "Jr"
            | "Sr"
            | "Esq"
            | "Dept"
            | "Ave"
            | "Blvd"
            | "Rd"
            | "al"
            | "ibid"
            | "Ibid"
            | "et seq"
    )
}

/// `U.S`, `a.m`, `Ph.D`, `B.Sc`, `U.S.S.R`: letters in groups of one to three separated by
/// single full stops, with at least one full stop.
fn is_dotted_acronym(token: &str) -> bool {
    let mut groups = 0;
    for group in token.split('.') {
        let n = group.len();
        if n == 0 || n > 3 || !group.bytes().all(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        groups += 1;
    }
    groups >= 2
}

/// Capitalised words that usually start a sentence: after an ambiguous abbreviation
/// (`U.S.`, `Inc.`, `a.m.`) or an initial (`W.`), one of these signals a new sentence.
pub(crate) fn is_starter(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "Then"
            | "It"
            | "Its"
            | "He"
            | "She"
            | "We"
            | "They"
            | "I"
            | "You"
            | "In"
            | "On"
            | "At"
            | "For"
            | "From"
            | "By"
            | "With"
            | "But"
            | "And"
            | "Or"
            | "So"
            | "Yet"
            | "However"
            | "Moreover"
            | "Furthermore"
            | "Therefore"
            | "Thus"
            | "Hence"
            | "Accordingly"
            | "Also"
            | "A"
            | "An"
            | "As"
            | "If"
            | "When"
            | "While"
            | "Where"
            | "After"
            | "Before"
            | "Since"
            | "During"
            | "Although"
            | "Though"
            | "Because"
            | "Such"
            | "Our"
            | "Their"
            | "His"
            | "Her"
            | "My"
            | "Your"
            | "All"
            | "Some"
            | "Many"
            | "Most"
            | "Each"
            | "Every"
            | "Both"
            | "Other"
            | "Another"
            | "What"
            | "Who"
            | "How"
            | "Why"
            | "Which"
            | "Not"
            | "No"
            | "Only"
            | "Further"
            | "Finally"
            | "Meanwhile"
            | "Nevertheless"
            | "Indeed"
            | "Today"
            | "Now"
            | "Here"
            | "Let"
            | "Please"
            | "One"
            | "Two"
            | "Three"
            | "Several"
            | "Under"
            | "To"
            | "Of"
            | "Despite"
            | "Following"
            | "According"
            | "Nonetheless"
            | "Instead"
            | "Similarly"
            | "Consequently"
            | "Recently"
            | "Last"
            | "Next"
            | "First"
            | "Second"
            | "Third"
            | "Later"
    )
}

/// Subject pronouns (capitalised): after a quoted question they start a new sentence.
pub(crate) fn is_pronoun(word: &str) -> bool {
    matches!(word, "He" | "She" | "They" | "I" | "We" | "It" | "You")
}

/// Verbs of speech in speech tags (`Wang asked`, `protested Trinket`).
pub(crate) fn is_speech_verb(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "says"
            | "asked"
            | "asks"
            | "replied"
            | "cried"
            | "shouted"
            | "protested"
            | "snapped"
            | "answered"
            | "exclaimed"
            | "called"
            | "continued"
            | "interrupted"
            | "whispered"
            | "muttered"
            | "yelled"
            | "screamed"
            | "demanded"
            | "inquired"
            | "enquired"
            | "added"
            | "declared"
            | "responded"
            | "remarked"
            | "murmured"
            | "roared"
            | "retorted"
            | "pleaded"
            | "begged"
            | "insisted"
            | "wondered"
            | "repeated"
            | "growled"
            | "stammered"
            | "urged"
            | "shrieked"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(lookup("Mr"), Some(Abbrev::Never));
        assert_eq!(lookup("e.g"), Some(Abbrev::Never));
        assert_eq!(lookup("No"), Some(Abbrev::Number));
        assert_eq!(lookup("para"), Some(Abbrev::Number));
        assert_eq!(lookup("Sept"), Some(Abbrev::Number));
        assert_eq!(lookup("Inc"), Some(Abbrev::Maybe));
        assert_eq!(lookup("U.S"), Some(Abbrev::Maybe));
        assert_eq!(lookup("Ph.D"), Some(Abbrev::Maybe));
        assert_eq!(lookup("a.m"), Some(Abbrev::Maybe));
        assert_eq!(lookup("etc"), None);
        assert_eq!(lookup("house"), None);
        assert_eq!(lookup("A/HRC/47"), None);
    }

    #[test]
    fn line_end_abbreviations_are_the_splitters_but_eq() {
        for &a in LINE_END_ABBREVIATIONS {
            let capitalised = a[..1].to_uppercase() + &a[1..];
            let known = lookup(a).is_some() || lookup(&capitalised).is_some();
            assert_eq!(known, a != "eq", "{a}: known to the splitter: {known}");
            assert!(is_line_end_abbreviation(a) && is_line_end_abbreviation(&capitalised));
        }
        assert!(!is_line_end_abbreviation("U.S") && lookup("U.S").is_some());
    }
}
