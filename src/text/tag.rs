//! [`LangTag`]: a BCP 47 language tag as the user gave it, and the language it names.

use super::Lang;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// A BCP 47 language tag (`zh-TW`, `zh-Hant`, `en-GB`) as the user gave it, with the
/// [`Lang`] the aligner uses for it. The tag reaches the outputs unchanged (TMX `xml:lang`,
/// the HTML page); a tag of a language alone (`zh`, `en`) takes the writers' default for
/// it (`zh-CN` in TMX, as translation-memory tools expect a region for Chinese).
///
/// ```
/// use bialign::text::{Lang, LangTag};
///
/// let tag: LangTag = "zh-hant-tw".parse()?;
/// assert_eq!(tag.as_str(), "zh-Hant-TW");
/// assert_eq!(tag.lang(), Lang::Zh);
/// assert_eq!("de".parse::<LangTag>()?.lang(), Lang::De);
/// assert!("en_GB!".parse::<LangTag>().is_err());
/// # Ok::<(), bialign::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LangTag {
    tag: String,
    lang: Lang,
}

impl LangTag {
    /// The tag, in BCP 47's conventional case (`zh-Hant-TW`).
    pub fn as_str(&self) -> &str {
        &self.tag
    }

    /// The language the aligner uses for it.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The tag to write where one must be written: `None` when the tag names only the
    /// language (the writer then uses its default), else the tag.
    pub fn explicit(&self) -> Option<&str> {
        (self.tag != self.lang.code()).then_some(self.tag.as_str())
    }
}

impl From<Lang> for LangTag {
    fn from(lang: Lang) -> Self {
        LangTag {
            tag: lang.code().to_string(),
            lang,
        }
    }
}

impl From<LangTag> for String {
    fn from(tag: LangTag) -> String {
        tag.tag
    }
}

impl TryFrom<String> for LangTag {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        s.parse()
    }
}

impl std::str::FromStr for LangTag {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        // Names the aligner has always accepted that are not tags.
        if let Some(lang) = match s.to_ascii_lowercase().as_str() {
            "chinese" | "cmn" => Some(Lang::Zh),
            "english" | "eng" => Some(Lang::En),
            "german" | "deu" | "ger" => Some(Lang::De),
            "french" | "fra" | "fre" => Some(Lang::Fr),
            "spanish" | "spa" => Some(Lang::Es),
            "russian" | "rus" => Some(Lang::Ru),
            "arabic" | "ara" => Some(Lang::Ar),
            _ => None,
        } {
            return Ok(LangTag::from(lang));
        }
        let subtags: Vec<&str> = s.split('-').collect();
        let well_formed = subtags
            .iter()
            .all(|t| (1..=8).contains(&t.len()) && t.chars().all(|c| c.is_ascii_alphanumeric()));
        let primary = subtags[0].to_ascii_lowercase();
        if !well_formed || !(2..=3).contains(&primary.len()) {
            return Err(Error::config(format!(
                "`{s}` is not a language tag (expected a BCP 47 tag such as zh, zh-TW, en-GB)"
            )));
        }
        let Some(mut lang) = crate::lang::Lang::from_code(&primary) else {
            return Err(Error::config(format!(
                "`{s}` is not a language tag (expected a BCP 47 tag such as zh, zh-TW, en-GB)"
            )));
        };
        // A script subtag right after the language says how the language is written.
        if let Some(script) = subtags
            .get(1)
            .filter(|t| t.len() == 4)
            .and_then(|t| super::Script::from_code(t))
        {
            lang = lang.with_script(script);
        }
        // BCP 47's conventional case: language lower, script title, region upper.
        let mut tag = primary;
        for (k, t) in subtags[1..].iter().enumerate() {
            tag.push('-');
            let after_language = k == 0 || subtags[k].len() <= 3;
            if t.len() == 4 && t.chars().all(|c| c.is_ascii_alphabetic()) && after_language {
                tag.push_str(&t[..1].to_ascii_uppercase());
                tag.push_str(&t[1..].to_ascii_lowercase());
            } else if t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic()) {
                tag.push_str(&t.to_ascii_uppercase());
            } else {
                tag.push_str(&t.to_ascii_lowercase());
            }
        }
        Ok(LangTag { tag, lang })
    }
}

/// A language parsed as a [`LangTag`] is, its region dropped (`sr-Latn` keeps its script).
impl std::str::FromStr for Lang {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        s.parse::<LangTag>().map(|t| t.lang())
    }
}

impl std::fmt::Display for LangTag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Script;

    #[test]
    fn tags() {
        let cases: &[(&str, &str, &str, Lang)] = &[
            ("plain language", "zh", "zh", Lang::Zh),
            ("region", "zh-tw", "zh-TW", Lang::Zh),
            ("script", "ZH-HANT", "zh-Hant", Lang::Zh),
            ("script and region", "zh-hans-cn", "zh-Hans-CN", Lang::Zh),
            ("English region", "en-gb", "en-GB", Lang::En),
            ("numeric region", "en-001", "en-001", Lang::En),
            ("an old name", "Chinese", "zh", Lang::Zh),
            ("ISO 639-3", "eng", "en", Lang::En),
            ("any language", "de", "de", Lang::De),
            ("any region", "fr-ca", "fr-CA", Lang::Fr),
            (
                "a script",
                "sr-latn",
                "sr-Latn",
                Lang::new("sr", Script::Latin).unwrap(),
            ),
            (
                "a language without a profile",
                "it",
                "it",
                Lang::from_code("it").unwrap(),
            ),
        ];
        for (name, given, want, lang) in cases {
            let tag: LangTag = given.parse().unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(tag.as_str(), *want, "{name}");
            assert_eq!(tag.lang(), *lang, "{name}");
        }
        for bad in [
            "",
            "-",
            "zh--TW",
            "z",
            "toolongtag",
            "zh_TW",
            "zh-TW!",
            "d1",
        ] {
            assert!(bad.parse::<LangTag>().is_err(), "{bad:?} accepted");
        }
        assert_eq!(LangTag::from(Lang::Zh).explicit(), None);
        assert_eq!(
            "zh-TW"
                .parse::<LangTag>()
                .map(|t| t.explicit().map(str::to_string))
                .ok()
                .flatten()
                .as_deref(),
            Some("zh-TW")
        );
    }
}
