//! The text pipeline: decode, normalise, partition, segment.

mod block;
mod cleanup;
pub mod decode;
mod document;
mod jsonl;
pub mod normalize;
pub mod partition;
pub mod segment;
mod tag;

pub use block::{Block, BlockKind, Place, SetAside};
pub use cleanup::Aside;
pub(crate) use document::needs_space;
pub use document::{Segmenter, Sentence, Text};
pub use segment::{EnSplitter, SentenceSplitter, ZhSplitter};
pub use tag::LangTag;

/// A language bialign knows how to segment and align.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Lang {
    /// Chinese (simplified or traditional).
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The ISO 639-1 code: `"zh"` or `"en"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh-hans" | "zh-tw" | "zh-hant" | "cmn" | "chinese" => Ok(Lang::Zh),
            "en" | "en-us" | "en-gb" | "eng" | "english" => Ok(Lang::En),
            other => Err(crate::Error::config(format!(
                "unknown language `{other}` (expected zh or en)"
            ))),
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
