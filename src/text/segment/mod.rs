//! Sentence segmentation: one normalised paragraph in, sentence byte ranges out.
//!
//! One splitter per language ([`ZhSplitter`], [`EnSplitter`]) behind the [`SentenceSplitter`]
//! trait, each in a file of its own, and one table, [`splitter`], that says which splitter a
//! language uses. The invariant every splitter keeps, and the tests check, is that
//! segmentation is **lossless**: the returned ranges are in order, do not overlap, start and
//! end on non-whitespace, and everything outside them is whitespace, so the sentences
//! concatenated with the whitespace between them give back the paragraph.
//!
//! Adding a language is one file and one line of the table.

use std::ops::Range;
use std::sync::Arc;

use super::Lang;

mod common;
mod en;
mod zh;

pub use en::EnSplitter;
pub use zh::ZhSplitter;

/// Splits one paragraph of normalised text into sentences.
pub trait SentenceSplitter: Send + Sync {
    /// Byte ranges of the sentences of `paragraph`, in order (see the module docs for the
    /// invariant). A paragraph of only whitespace has no sentences.
    fn split(&self, paragraph: &str) -> Vec<Range<usize>>;
}

/// The default splitter of each language: the one table of splitters, one line a language.
/// [`Segmenter`](super::Segmenter) uses it for every language it was not given a splitter for.
pub(crate) fn splitter(lang: Lang) -> Arc<dyn SentenceSplitter> {
    match lang {
        Lang::Zh => Arc::new(ZhSplitter::new()),
        Lang::En => Arc::new(EnSplitter::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_gives_each_language_its_splitter() {
        let text = "他说：“你来了？”她点点头。Mr. Smith left.";
        for (lang, want) in [
            (Lang::Zh, ZhSplitter::new().split(text)),
            (Lang::En, EnSplitter::new().split(text)),
        ] {
            assert_eq!(splitter(lang).split(text), want, "{lang}");
        }
    }
}
