//! Languages: [`Lang`] (an ISO 639 code with its [`Script`]) and the per-language profiles,
//! one file per language and one table, [`profile`], as the splitters are in
//! `src/text/segment/`.
//!
//! A profile holds the word lists that stages other than the character classes need:
//! sentence splitting (abbreviations that a full stop does not end a sentence after, words
//! that start sentences), tokens (stop words, the Snowball stemmer where `rust-stemmers` has
//! the language) and number words. A language without a file of its own gets the generic
//! profile of its script ([`generic`]), with the stemmer of its code where there is one: any
//! alphabetic language splits and aligns soundly without a file, a file makes it better.
//!
//! English and Chinese keep their richer machinery where it always was (`src/chars/` for
//! English abbreviations and stop words, the English number phrases in
//! `src/features/numbers.rs`, the Chinese splitter and lexicon); their profiles point to
//! it. Adding a language: copy `template.rs` to `<code>.rs`, fill it in, add its line to
//! [`PROFILES`]; the tests in this module (`profile_tests!`) check it and say what to fix.

mod ar;
mod de;
mod en;
mod es;
mod fr;
pub(crate) mod generic;
mod ru;
pub(crate) use ru::fold_old_spelling as ru_modern_spelling;
#[cfg(test)]
mod template;
#[cfg(test)]
mod testing;
mod zh;

use rust_stemmers::Algorithm;

/// The writing system of a language, as the aligner needs to know it: whether words are
/// separated by spaces, which characters count as the language's letters, which length
/// ratio to expect against another script.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Script {
    /// Chinese characters (and Japanese kanji): no spaces between words, about 3.3
    /// characters of an alphabetic translation per character.
    Han,
    /// The Latin alphabet.
    Latin,
    /// Cyrillic.
    Cyrillic,
    /// Greek.
    Greek,
    /// Arabic (right to left).
    Arabic,
    /// Hebrew (right to left).
    Hebrew,
    /// Any other alphabetic script (Armenian, Georgian, Devanagari, ...): letters are what
    /// Unicode calls alphabetic.
    Other,
}

impl Script {
    /// Every script, in declaration order.
    pub const ALL: [Script; 7] = [
        Script::Han,
        Script::Latin,
        Script::Cyrillic,
        Script::Greek,
        Script::Arabic,
        Script::Hebrew,
        Script::Other,
    ];

    /// The script of one character, if it is a letter of one (digits, marks and
    /// punctuation have none).
    pub fn of_char(c: char) -> Option<Script> {
        use crate::chars::LetterBlock;
        if let Some(block) = crate::chars::letter_block(c) {
            return Some(match block {
                LetterBlock::Latin => Script::Latin,
                LetterBlock::Greek => Script::Greek,
                LetterBlock::Cyrillic => Script::Cyrillic,
                LetterBlock::Hebrew => Script::Hebrew,
                LetterBlock::Arabic => Script::Arabic,
            });
        }
        if c.is_ascii() {
            return None;
        }
        Script::of_char_by_tables(c)
    }

    /// [`Script::of_char`] by Unicode's property tables alone (slow past ASCII).
    fn of_char_by_tables(c: char) -> Option<Script> {
        if crate::chars::is_han_script(c) {
            return Some(Script::Han);
        }
        if !c.is_alphabetic() {
            return None;
        }
        Some(match c as u32 {
            _ if crate::chars::is_latin_letter(c) => Script::Latin,
            0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
            0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => {
                Script::Cyrillic
            }
            0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
            0x0600..=0x06FF
            | 0x0750..=0x077F
            | 0x08A0..=0x08FF
            | 0xFB50..=0xFDFF
            | 0xFE70..=0xFEFF => Script::Arabic,
            _ => Script::Other,
        })
    }

    /// Whether `c` is a letter of this script.
    pub fn has(self, c: char) -> bool {
        Script::of_char(c) == Some(self)
    }

    /// The script most of the letters of `text` are in (Han characters counted three
    /// times, as a Han character holds about as much as three letters); `None` without a
    /// letter.
    pub fn detect(text: &str) -> Option<Script> {
        Script::detect_in_counts(&Script::weighted_letters(text))
    }

    /// [`Script::detect`] of the counts [`Script::weighted_letters`] gives.
    pub(crate) fn detect_in_counts(counts: &[usize; Script::ALL.len()]) -> Option<Script> {
        let (best, &n) = counts
            .iter()
            .enumerate()
            .max_by_key(|&(k, &n)| (n, usize::MAX - k))?;
        (n > 0).then(|| Script::ALL[best])
    }

    /// The letters of `text` in each script, in the order of [`Script::ALL`], a Han
    /// character counted three times.
    pub(crate) fn weighted_letters(text: &str) -> [usize; Script::ALL.len()] {
        let mut counts = [0usize; Script::ALL.len()];
        for c in text.chars() {
            if let Some(s) = Script::of_char(c) {
                counts[s as usize] += if s == Script::Han { 3 } else { 1 };
            }
        }
        counts
    }

    /// Whether the script separates words with spaces (every one but Han).
    pub fn is_alphabetic(self) -> bool {
        self != Script::Han
    }

    /// Whether the script is written right to left.
    pub fn is_rtl(self) -> bool {
        matches!(self, Script::Arabic | Script::Hebrew)
    }

    /// The ISO 15924 code of the script (`Hani`, `Latn`, ...; `Zyyy` for other scripts).
    pub fn code(self) -> &'static str {
        match self {
            Script::Han => "Hani",
            Script::Latin => "Latn",
            Script::Cyrillic => "Cyrl",
            Script::Greek => "Grek",
            Script::Arabic => "Arab",
            Script::Hebrew => "Hebr",
            Script::Other => "Zyyy",
        }
    }

    /// The script of an ISO 15924 code, as a BCP 47 script subtag gives it (`Cyrl`, `Hant`).
    pub fn from_code(code: &str) -> Option<Script> {
        Some(match code.to_ascii_lowercase().as_str() {
            "hani" | "hans" | "hant" | "jpan" => Script::Han,
            "latn" => Script::Latin,
            "cyrl" => Script::Cyrillic,
            "grek" => Script::Greek,
            "arab" => Script::Arabic,
            "hebr" => Script::Hebrew,
            _ => return None,
        })
    }
}

/// A language: its ISO 639 code (two or three letters) and its script. `Lang` is `Copy`;
/// the constants name the languages with a profile of their own, and any other code is a
/// language too ([`Lang::new`], or parsed with [`str::parse`]), aligned with the generic
/// profile of its script.
///
/// ```
/// use bialign::text::{Lang, Script};
///
/// assert_eq!(Lang::Ru.script(), Script::Cyrillic);
/// let it: Lang = "it".parse()?;
/// assert_eq!((it.code(), it.script()), ("it", Script::Latin));
/// let sr: Lang = "sr".parse()?;
/// assert_eq!(sr.script(), Script::Cyrillic);
/// assert_eq!(Lang::new("sr", Script::Latin).map(|l| l.script()), Some(Script::Latin));
/// # Ok::<(), bialign::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang {
    /// The code in lower case.
    code: &'static str,
    script: Script,
}

#[allow(non_upper_case_globals)]
impl Lang {
    /// Chinese (simplified or traditional).
    pub const Zh: Lang = Lang::known("zh", Script::Han);
    /// English.
    pub const En: Lang = Lang::known("en", Script::Latin);
    /// German.
    pub const De: Lang = Lang::known("de", Script::Latin);
    /// French.
    pub const Fr: Lang = Lang::known("fr", Script::Latin);
    /// Spanish.
    pub const Es: Lang = Lang::known("es", Script::Latin);
    /// Russian.
    pub const Ru: Lang = Lang::known("ru", Script::Cyrillic);
    /// Arabic.
    pub const Ar: Lang = Lang::known("ar", Script::Arabic);

    const fn known(code: &'static str, script: Script) -> Lang {
        Lang { code, script }
    }

    /// The language of an ISO 639 code (two or three ASCII letters, any case) written in
    /// `script`; `None` for anything else.
    pub fn new(code: &str, script: Script) -> Option<Lang> {
        let b = code.as_bytes();
        if !(2..=3).contains(&b.len()) || !b.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        Some(Lang {
            code: intern(&code.to_ascii_lowercase()),
            script,
        })
    }

    /// The language of an ISO 639 code in its usual script (Han for zh, Cyrillic for ru,
    /// Arabic for ar, ..., Latin for a code it does not know); `None` when
    /// the code is not two or three letters.
    pub fn from_code(code: &str) -> Option<Lang> {
        let script = usual_script(&code.to_ascii_lowercase());
        Lang::new(code, script)
    }

    /// The language a text in `script` is taken to be when nothing names it: Chinese for
    /// Han, English for Latin, Russian for Cyrillic, Arabic, Greek (`el`), Hebrew (`he`),
    /// and `und` (BCP 47's undetermined language) for any other script.
    ///
    /// ```
    /// use bialign::text::{Lang, Script};
    ///
    /// assert_eq!(Lang::of_script(Script::Cyrillic), Lang::Ru);
    /// assert_eq!(Lang::of_script(Script::Other).code(), "und");
    /// ```
    pub fn of_script(script: Script) -> Lang {
        match script {
            Script::Han => Lang::Zh,
            Script::Latin => Lang::En,
            Script::Cyrillic => Lang::Ru,
            Script::Arabic => Lang::Ar,
            Script::Greek => Lang::known("el", Script::Greek),
            Script::Hebrew => Lang::known("he", Script::Hebrew),
            Script::Other => Lang::known("und", Script::Other),
        }
    }

    /// The language `text` is written in, as far as its letters and function words tell:
    /// the script most of its letters are in ([`Script::detect`]); among the languages of
    /// that script with a profile, the one whose function words (`the`, `der`, `le`, `и`)
    /// make up most of its first 2,000 words, if at least 5 are and half as many again as
    /// any other's (French and Spanish share `la`, `de`, `le`); else the script's language ([`Lang::of_script`]). `None` without a
    /// letter. A language guessed from a few lines may be wrong: give it where it is known.
    ///
    /// ```
    /// use bialign::text::Lang;
    ///
    /// let de = "Der Hund schläft im Haus, und die Katze trinkt das Wasser aus der Schale.";
    /// let fr = "Le chien dort dans la maison, et le chat boit de l'eau dans la cuisine.";
    /// let en = "The dog sleeps in the house, and the cat drinks the water from the bowl.";
    /// assert_eq!(Lang::identify(de), Some(Lang::De));
    /// assert_eq!(Lang::identify(fr), Some(Lang::Fr));
    /// assert_eq!(Lang::identify(en), Some(Lang::En));
    /// assert_eq!(Lang::identify("Собака спит в доме."), Some(Lang::Ru));
    /// assert_eq!(Lang::identify("狗在家里睡觉。"), Some(Lang::Zh));
    /// // French shares `que`, `la`, `en`, `le`, `les` with Spanish; `et`, `il` are its own.
    /// let short = "Le Ministère rappelle le cessez-le-feu que les deux parties ont accepté en \
    ///              novembre, et il demande que le texte de la note soit distribué.";
    /// assert_eq!(Lang::identify(short), Some(Lang::Fr));
    /// let es = "El Ministerio recuerda que las dos partes aceptaron el alto el fuego en \
    ///           noviembre y pide que el texto de la nota sea distribuido.";
    /// assert_eq!(Lang::identify(es), Some(Lang::Es));
    /// assert_eq!(Lang::identify("Koira nukkuu talossa."), Some(Lang::En), "too few words");
    /// assert_eq!(Lang::identify("1, 2, 3"), None);
    /// ```
    pub fn identify(text: &str) -> Option<Lang> {
        Lang::identify_how(text).map(|(lang, _)| lang)
    }

    /// [`Lang::identify`], and whether function words decided it (rather than the script
    /// alone).
    pub(crate) fn identify_how(text: &str) -> Option<(Lang, bool)> {
        // Enough of any document to tell its language, and a bounded cost on a long one.
        const CHARS: usize = 20_000;
        let text = text
            .char_indices()
            .nth(CHARS)
            .map_or(text, |(at, _)| &text[..at]);
        let script = Script::detect(text)?;
        Some(Lang::identify_in(text, script))
    }

    /// The language of the words of `script` in `text` (a document may hold two scripts):
    /// as [`Lang::identify`], from the first 2,000 words of that script, and whether
    /// function words decided it.
    pub(crate) fn identify_in(text: &str, script: Script) -> (Lang, bool) {
        // Enough words to tell a language, and a bounded cost on a long document.
        const WORDS: usize = 2_000;
        const MIN_HITS: usize = 5;
        const MIN_DISTINCT: usize = 3;
        let by_script = (Lang::of_script(script), false);
        let candidates: Vec<&Profile> = PROFILES
            .iter()
            .copied()
            .filter(|p| p.script == script)
            .collect();
        if !script.is_alphabetic() || candidates.len() < 2 {
            return by_script;
        }
        // Per candidate, its function words in the text, and those no other candidate has
        // (`et`, `des` for French; `y`, `los` for Spanish, which shares `que`, `la`, `en`).
        let mut hits = vec![0usize; candidates.len()];
        let mut distinct = vec![0usize; candidates.len()];
        let words = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.chars().next().is_some_and(|c| script.has(c)))
            .take(WORDS);
        for word in words {
            let lower = word.to_lowercase();
            let mut only = None;
            let mut found = 0;
            for (k, p) in candidates.iter().enumerate() {
                if p.is_stop_word(&lower) || p.pronouns.contains(&lower.as_str()) {
                    hits[k] += 1;
                    found += 1;
                    only = Some(k);
                }
            }
            if let (1, Some(k)) = (found, only) {
                distinct[k] += 1;
            }
        }
        // All function words first; where two languages share too many of them for a
        // margin (a short French text against Spanish), the distinctive ones.
        let chosen =
            clear_winner(&hits, MIN_HITS).or_else(|| clear_winner(&distinct, MIN_DISTINCT));
        match chosen.and_then(|k| Lang::from_code(candidates[k].code)) {
            Some(lang) => (lang, true),
            None => by_script,
        }
    }

    /// The ISO 639 code: `"zh"`, `"en"`, `"de"`, ...
    pub fn code(self) -> &'static str {
        self.code
    }

    /// The script the language is written in.
    pub fn script(self) -> Script {
        self.script
    }

    /// The same language in another script (Serbian in Latin letters, say).
    pub fn with_script(self, script: Script) -> Lang {
        Lang { script, ..self }
    }

    /// The language's profile: its own if it has one, else the generic profile.
    pub(crate) fn profile(self) -> &'static Profile {
        profile(self)
    }

    /// The language's English name where it has a profile of its own (`German`), else its
    /// code (`it`).
    pub fn name(self) -> &'static str {
        match PROFILES.iter().find(|p| p.code == self.code()) {
            Some(p) => p.name,
            None => self.code(),
        }
    }

    /// The Snowball stemmer of the language, if `rust-stemmers` has one.
    pub(crate) fn stemmer(self) -> Option<Algorithm> {
        self.profile()
            .stemmer
            .or_else(|| generic::stemmer(self.code()))
    }
}

/// The index of the largest of `counts` when it is at least `min` and half as large again
/// as the next.
fn clear_winner(counts: &[usize], min: usize) -> Option<usize> {
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(counts[k]));
    let (best, second) = (counts[order[0]], order.get(1).map_or(0, |&k| counts[k]));
    (best >= min && 2 * best >= 3 * second).then_some(order[0])
}

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lang({}-{})", self.code(), self.script.code())
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The one `&'static str` of a language code: the profiles' codes as they are, any other
/// code stored once for the process (there are at most 26^2 + 26^3 of them).
fn intern(code: &str) -> &'static str {
    use std::sync::{Mutex, OnceLock};
    if let Some(p) = PROFILES.iter().find(|p| p.code == code) {
        return p.code;
    }
    static CODES: OnceLock<Mutex<Vec<&'static str>>> = OnceLock::new();
    let mut codes = match CODES.get_or_init(Mutex::default).lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(&c) = codes.iter().find(|&&c| c == code) {
        return c;
    }
    let c: &'static str = Box::leak(code.to_string().into_boxed_str());
    codes.push(c);
    c
}

/// The script a language is usually written in, for the codes that are not Latin (Latin
/// otherwise: a wrong guess is corrected by the text, see `Pipeline`).
pub(crate) fn usual_script(code: &str) -> Script {
    match code {
        "zh" | "cmn" | "yue" | "wuu" | "lzh" | "ja" => Script::Han,
        "ru" | "uk" | "be" | "bg" | "mk" | "sr" | "kk" | "ky" | "tg" | "mn" | "tt" | "ba"
        | "cv" | "ce" | "os" => Script::Cyrillic,
        "el" | "grc" => Script::Greek,
        "ar" | "fa" | "ur" | "ps" | "ug" | "ckb" | "sd" => Script::Arabic,
        "he" | "yi" => Script::Hebrew,
        "hy" | "ka" | "hi" | "mr" | "ne" | "bn" | "pa" | "gu" | "ta" | "te" | "kn" | "ml"
        | "si" | "th" | "lo" | "km" | "my" | "am" | "ti" | "ko" | "bo" | "dv" => Script::Other,
        _ => Script::Latin,
    }
}

/// What the stages need to know of a language beyond its character classes. Every list
/// is in lower case.
#[derive(Debug)]
pub(crate) struct Profile {
    /// The ISO 639 code (`"und"` for the generic profiles).
    pub code: &'static str,
    /// The language's English name.
    pub name: &'static str,
    /// The script it is written in (the tests check the lists against it; identifying a
    /// language looks among the profiles of its text's script).
    pub script: Script,
    /// The Snowball stemmer, where `rust-stemmers` has one.
    pub stemmer: Option<Algorithm>,
    /// Words written with a full stop that does not end a sentence (`z.b` for `z.B.`,
    /// without the last stop, inner stops kept).
    pub abbreviations: &'static [&'static str],
    /// Words that often start a sentence: after an abbreviation that may also end one,
    /// such a word starting with a capital makes it end one.
    pub starters: &'static [&'static str],
    /// Function words, left out of the content tokens.
    pub stop_words: &'static [&'static str],
    /// The personal pronouns: function words that tell the language (identification counts
    /// them with the stop words) but stay content tokens, as English keeps its own (`he`,
    /// `they`; issue 16): in narration a pronoun is often all that ties a short sentence to
    /// its translation (`Und er berief sie.`, `et il les appela`). Left out of the tokens,
    /// they cost de-fr, en-es, zh-fr and en-fr 0.002 to 0.006 strict F1, and raised the
    /// false deletions (BENCHMARKS.md, round 9).
    /// The possessives stay stop words, as in English.
    pub pronouns: &'static [&'static str],
    /// Number words and their values (`zwölf` 12, `vingt` 20), each a number token.
    pub number_words: &'static [(&'static str, u64)],
}

impl Profile {
    /// Whether `lower` (a lower-cased word) is one of the profile's stop words (English
    /// keeps its own list in `src/chars/`).
    pub fn is_stop_word(&self, lower: &str) -> bool {
        if self.code == "en" {
            crate::chars::stop_words::is_stop_word(lower)
        } else {
            self.stop_words.contains(&lower)
        }
    }

    /// The value of a number word.
    pub fn number_word(&self, lower: &str) -> Option<u64> {
        self.number_words
            .iter()
            .find(|(w, _)| *w == lower)
            .map(|&(_, v)| v)
    }

    /// Whether `lower` (lower case, without its final full stop) is an abbreviation.
    pub fn is_abbreviation(&self, lower: &str) -> bool {
        self.abbreviations.contains(&lower)
    }

    /// Whether `lower` often starts a sentence.
    pub fn is_starter(&self, lower: &str) -> bool {
        self.starters.contains(&lower)
    }
}

/// The profiles with a file of their own: one line a language.
pub(crate) const PROFILES: &[&Profile] = &[
    &zh::PROFILE,
    &en::PROFILE,
    &de::PROFILE,
    &fr::PROFILE,
    &es::PROFILE,
    &ru::PROFILE,
    &ar::PROFILE,
];

/// The profile of `lang`: its own, or the generic profile of its script.
pub(crate) fn profile(lang: Lang) -> &'static Profile {
    PROFILES
        .iter()
        .copied()
        .find(|p| p.code == lang.code())
        .unwrap_or_else(|| generic::profile(lang.script()))
}

#[cfg(test)]
mod tests {
    use super::testing::profile_tests;
    use super::*;

    #[test]
    fn the_script_of_every_character_is_that_of_the_tables() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(Script::of_char(c), Script::of_char_by_tables(c), "{c:?}");
        }
    }

    profile_tests!(zh, zh::PROFILE);
    profile_tests!(en, en::PROFILE);
    profile_tests!(de, de::PROFILE);
    profile_tests!(fr, fr::PROFILE);
    profile_tests!(es, es::PROFILE);
    profile_tests!(ru, ru::PROFILE);
    profile_tests!(ar, ar::PROFILE);
    profile_tests!(template, template::PROFILE);
    profile_tests!(generic_latin, *generic::profile(Script::Latin));

    #[test]
    fn the_table_gives_each_language_its_profile() {
        for p in PROFILES {
            let lang = Lang::from_code(p.code).expect("a code");
            assert_eq!(profile(lang).code, p.code);
            assert_eq!(
                lang.script(),
                p.script,
                "{}: usual_script disagrees",
                p.code
            );
        }
        let it = Lang::from_code("it").expect("it");
        assert_eq!(profile(it).code, "und");
        assert_eq!(it.stemmer(), Some(Algorithm::Italian));
        assert_eq!(Lang::from_code("sw").and_then(Lang::stemmer), None);
    }

    #[test]
    fn scripts_of_text() {
        assert_eq!(Script::detect("Въ началј Богъ"), Some(Script::Cyrillic));
        assert_eq!(Script::detect("في البدء"), Some(Script::Arabic));
        assert_eq!(Script::detect("太初有道 the Word"), Some(Script::Han));
        assert_eq!(Script::detect("Ἐν ἀρχῇ"), Some(Script::Greek));
        assert_eq!(Script::detect("12, 13."), None);
        assert!(Script::Arabic.is_rtl() && !Script::Latin.is_rtl());
    }

    #[test]
    fn langs() {
        assert_eq!(Lang::new("DE", Script::Latin), Some(Lang::De));
        assert_eq!(Lang::new("d", Script::Latin), None);
        assert_eq!(Lang::new("deu1", Script::Latin), None);
        assert_eq!(
            Lang::from_code("fil").map(|l| l.to_string()),
            Some("fil".into())
        );
        assert_eq!(format!("{:?}", Lang::Ru), "Lang(ru-Cyrl)");
    }
}
