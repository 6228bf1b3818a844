//! Tokens of an alphabetic language (English by default): lower-cased, stemmed content
//! words, numbers and punctuation marks. English has its compound number phrases ("an
//! hundred and thirty"), months and stop words (`src/chars/`); any other language takes its
//! stop words, number words and stemmer from its profile (`src/lang/`), and its digits in any
//! script.

use super::numbers::{
    compound_number, en_number_token, is_article, is_number_joiner, is_number_word,
};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

pub use crate::chars::stop_words::is_stop_word;
use crate::chars::{decimal_digit, is_alphanumeric, is_han_ideograph};
use crate::lang::{Lang, Profile};

/// An English token of a sentence, before it is given an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnToken {
    /// A stemmed, lower-cased content word.
    Word(String),
    /// A number or month (`#21`, `#m4`): see [`super::numbers`].
    Number(String),
    /// A punctuation mark that Chinese mirrors (`<?>`, `<!>`, `<q>`, `<...>`, `<->`).
    Punct(&'static str),
}

/// The tokens of words already seen, as written (one tokenizer's, and one `skip_han`'s):
/// a text repeats its words, and lower-casing, the stop-word and number-word tables and
/// the stemmer cost far more than a look-up. Filled by [`EnTokenizer::tokens_memo`].
#[derive(Debug, Default)]
pub struct WordMemo(FxHashMap<Box<str>, Box<[EnToken]>>);

/// Splits text of an alphabetic language into content tokens (English unless made with
/// [`EnTokenizer::for_lang`]). The stemmer is the language's Snowball stemmer, where
/// `rust-stemmers` has one.
pub struct EnTokenizer {
    stemmer: Option<Stemmer>,
    lang: Lang,
    profile: &'static Profile,
}

impl std::fmt::Debug for EnTokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EnTokenizer")
    }
}

impl Default for EnTokenizer {
    fn default() -> Self {
        Self::new()
    }
}

impl EnTokenizer {
    /// A tokenizer with the Snowball English stemmer.
    pub fn new() -> Self {
        EnTokenizer {
            stemmer: Some(Stemmer::create(Algorithm::English)),
            lang: Lang::En,
            profile: Lang::En.profile(),
        }
    }

    /// The tokenizer of `lang`: its stemmer, stop words and number words.
    pub fn for_lang(lang: Lang) -> Self {
        if lang == Lang::En {
            return Self::new();
        }
        EnTokenizer {
            stemmer: lang.stemmer().map(Stemmer::create),
            lang,
            profile: lang.profile(),
        }
    }

    /// The language of the tokens.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The stem of a lower-cased word.
    pub fn stem(&self, lower: &str) -> String {
        match &self.stemmer {
            Some(s) => s.stem(lower).into_owned(),
            None => lower.to_string(),
        }
    }

    /// The token of `word` when it is one content word (a dictionary's entry as a sentence
    /// would hold it): `None` for a stop word, a number, a phrase or a word of another
    /// script.
    pub(crate) fn word_token(&self, word: &str) -> Option<String> {
        // A word of another script (`狗` in a German-French dictionary) is no word of
        // this language: its token would only ever match itself.
        if !crate::text::partition::has_script(word, self.lang) {
            return None;
        }
        let mut out = Vec::new();
        self.tokens(word, &mut out);
        match out.as_slice() {
            [EnToken::Word(w)] => Some(w.clone()),
            _ => None,
        }
    }

    /// The content tokens of `text` in order (duplicates kept).
    pub fn tokens(&self, text: &str, out: &mut Vec<EnToken>) {
        self.tokens_but(text, false, None, out)
    }

    /// [`EnTokenizer::tokens`], taking the tokens of words seen before from `memo` (the
    /// result is the same); `memo` must serve this tokenizer only.
    pub fn tokens_memo(&self, text: &str, memo: &mut WordMemo, out: &mut Vec<EnToken>) {
        self.tokens_but(text, false, Some(memo), out)
    }

    /// [`EnTokenizer::tokens`], leaving out words that contain a Han character when `skip_han`
    /// is set: in Chinese text, runs of Han characters are words to the tokenizer, and
    /// lower-casing and stemming them is wasted unless an English token has Han characters.
    /// With `memo`, the tokens of words seen before are taken from it (it must have served
    /// this tokenizer with the same `skip_han` only).
    pub(crate) fn tokens_but(
        &self,
        text: &str,
        skip_han: bool,
        memo: Option<&mut WordMemo>,
        out: &mut Vec<EnToken>,
    ) {
        let mut ctx: Ctx = (skip_han, memo);
        // Number words are held back while they may form a compound number ("an hundred
        // and thirty", "five and twenty", "threescore and ten"), which counts as one number.
        let mut phrase: Vec<&str> = Vec::new();
        let mut word_start: Option<usize> = None;
        let mut prev = ' ';
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            let in_word = is_alphanumeric(c)
                || ((c == '-' || c == '.' || c == ',' || c == '\'' || c == '’')
                    && word_start.is_some()
                    && is_alphanumeric(prev)
                    && next.is_some_and(is_alphanumeric));
            if in_word {
                if word_start.is_none() {
                    word_start = Some(i);
                }
            } else {
                if let Some(s) = word_start.take() {
                    self.phrase_word(&text[s..i], &mut ctx, &mut phrase, out);
                }
                if !c.is_whitespace() {
                    self.flush(&mut phrase, &mut ctx, out);
                }
                if let Some(p) = punct_token(c, next) {
                    out.push(EnToken::Punct(p));
                }
            }
            prev = c;
        }
        if let Some(s) = word_start {
            self.phrase_word(&text[s..], &mut ctx, &mut phrase, out);
        }
        self.flush(&mut phrase, &mut ctx, out);
    }

    /// Adds `w` to the pending number phrase if it can belong to one, else flushes the
    /// phrase and tokenises `w`.
    fn phrase_word<'t>(
        &self,
        w: &'t str,
        ctx: &mut Ctx<'_>,
        phrase: &mut Vec<&'t str>,
        out: &mut Vec<EnToken>,
    ) {
        if self.lang != Lang::En {
            self.memo_word(w, ctx, out);
            return;
        }
        if is_number_word(w) || (!phrase.is_empty() && is_number_joiner(w)) || is_article(w) {
            phrase.push(w);
        } else {
            self.flush(phrase, ctx, out);
            self.memo_word(w, ctx, out);
        }
    }

    /// Emits the pending phrase: one number when it is a compound number, else its words.
    fn flush(&self, phrase: &mut Vec<&str>, ctx: &mut Ctx<'_>, out: &mut Vec<EnToken>) {
        if phrase.is_empty() {
            return;
        }
        match compound_number(phrase) {
            Some(v) => out.push(EnToken::Number(format!("#{v}"))),
            None => {
                for w in phrase.iter() {
                    self.memo_word(w, ctx, out);
                }
            }
        }
        phrase.clear();
    }

    /// The tokens of one word outside a number phrase (English's [`EnTokenizer::word`],
    /// another language's [`EnTokenizer::other_word`]), from the memo where it has them.
    fn memo_word(&self, w: &str, (skip_han, memo): &mut Ctx<'_>, out: &mut Vec<EnToken>) {
        let Some(memo) = memo.as_deref_mut() else {
            return self.one_word(w, *skip_han, out);
        };
        if let Some(tokens) = memo.0.get(w) {
            out.extend_from_slice(tokens);
            return;
        }
        let start = out.len();
        self.one_word(w, *skip_han, out);
        memo.0.insert(w.into(), out[start..].into());
    }

    fn one_word(&self, w: &str, skip_han: bool, out: &mut Vec<EnToken>) {
        if self.lang == Lang::En {
            self.word(w, skip_han, out)
        } else {
            self.other_word(w, skip_han, out)
        }
    }

    /// A word of a language other than English: a number (digits of any script, or one of
    /// the profile's number words), else its parts between apostrophes, hyphens and inner
    /// stops, stemmed, without stop words.
    fn other_word(&self, w: &str, skip_han: bool, out: &mut Vec<EnToken>) {
        if w.chars().next().is_some_and(char::is_numeric) {
            let ascii: String = w
                .chars()
                .map(|c| decimal_digit(c).map_or(c, |d| char::from(b'0' + d)))
                .collect();
            if let Some(n) = en_number_token(&ascii) {
                out.push(EnToken::Number(n));
                return;
            }
        }
        for part in w.split(['-', '\'', '’', '.', ',']) {
            if part.is_empty() || (skip_han && part.chars().any(is_han_ideograph)) {
                continue;
            }
            let lower = part.to_lowercase();
            let lower = if self.lang == Lang::Ru {
                crate::lang::ru_modern_spelling(&lower).into_owned()
            } else {
                lower
            };
            if let Some(v) = self.profile.number_word(&lower) {
                out.push(EnToken::Number(format!("#{v}")));
                continue;
            }
            if self.profile.is_stop_word(&lower) || lower.chars().all(char::is_numeric) {
                continue;
            }
            out.push(EnToken::Word(self.stem(&lower)));
        }
    }

    fn word(&self, w: &str, skip_han: bool, out: &mut Vec<EnToken>) {
        if let Some(n) = en_number_token(w) {
            out.push(EnToken::Number(n));
            return;
        }
        // Possessives and contractions: keep the word part.
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(w);
        for part in w.split(['-', '\'', '’', '.', ',']) {
            if part.is_empty() || (skip_han && part.chars().any(is_han_ideograph)) {
                continue;
            }
            let lower = part.to_lowercase();
            if is_stop_word(&lower) || lower.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            out.push(EnToken::Word(self.stem(&lower)));
        }
    }
}

/// What the words of one text share: `skip_han`, and the memo if any.
type Ctx<'a> = (bool, Option<&'a mut WordMemo>);

/// The pseudo-token of a punctuation mark that Chinese text mirrors, if any.
pub(crate) fn punct_token(c: char, next: Option<char>) -> Option<&'static str> {
    Some(match c {
        '?' | '？' => "<?>",
        '!' | '！' => "<!>",
        '"' | '“' | '”' | '„' | '«' | '»' | '「' | '」' | '『' | '』' => "<q>",
        '؟' => "<?>",
        '…' => "<...>",
        '.' if next == Some('.') => return None,
        '—' | '–' => "<->",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word tokens and the number tokens of `tokens`, each in order.
    fn words_and_numbers(tokens: &[EnToken]) -> (Vec<&str>, Vec<&str>) {
        let (mut words, mut numbers) = (Vec::new(), Vec::new());
        for t in tokens {
            match t {
                EnToken::Word(w) => words.push(w.as_str()),
                EnToken::Number(n) => numbers.push(n.as_str()),
                EnToken::Punct(_) => {}
            }
        }
        (words, numbers)
    }

    #[test]
    fn compound_numbers_are_one_token() {
        let t = EnTokenizer::new();
        let cases: &[(&str, &[&str])] = &[
            ("And Adam lived an hundred and thirty years", &["#130"]),
            ("nine hundred sixty and nine years: and he died.", &["#969"]),
            ("he was five and twenty, and one of them", &["#25"]),
            ("three sons and two daughters", &["#3", "#2"]),
            ("one, two", &["#2"]),
        ];
        for (text, want) in cases {
            let mut out = Vec::new();
            t.tokens(text, &mut out);
            let (_, numbers) = words_and_numbers(&out);
            assert_eq!(numbers, *want, "{text}");
        }
    }

    #[test]
    fn tokens() {
        let t = EnTokenizer::new();
        let mut out = Vec::new();
        t.tokens(
            "The Ministry's statement, dated 5 April 2021: \"Mines killed 20 civilians!\"",
            &mut out,
        );
        let want = vec![
            EnToken::Word("ministri".into()),
            EnToken::Word("statement".into()),
            EnToken::Word("date".into()),
            EnToken::Number("#5".into()),
            EnToken::Number("#m4".into()),
            EnToken::Number("#2021".into()),
            EnToken::Punct("<q>"),
            EnToken::Word("mine".into()),
            EnToken::Word("kill".into()),
            EnToken::Number("#20".into()),
            EnToken::Word("civilian".into()),
            EnToken::Punct("<!>"),
            EnToken::Punct("<q>"),
        ];
        assert_eq!(out, want);
    }

    /// Named cases: (language, sentence, its word tokens). Pronouns are content tokens in
    /// every language, articles and conjunctions are not.
    #[test]
    fn pronouns_are_tokens_and_articles_are_not() {
        let cases: &[(&str, Lang, &str, &[&str])] = &[
            (
                "German",
                Lang::De,
                "Und er berief sie.",
                &["er", "berief", "sie"],
            ),
            ("French", Lang::Fr, "Et il les appela.", &["il", "appel"]),
            ("Spanish", Lang::Es, "Y él los llamó.", &["el", "llam"]),
            ("Russian", Lang::Ru, "И он призвал их.", &["он", "призва"]),
        ];
        for (name, lang, text, want) in cases {
            let mut out = Vec::new();
            EnTokenizer::for_lang(*lang).tokens(text, &mut out);
            let (words, _) = words_and_numbers(&out);
            assert_eq!(&words, want, "{name}: {text}");
        }
    }
}
