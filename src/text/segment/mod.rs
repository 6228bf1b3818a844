//! Sentence segmentation: one normalised paragraph in, sentence byte ranges out.
//!
//! One splitter per language ([`ZhSplitter`], [`EnSplitter`]) behind the [`SentenceSplitter`]
//! trait. The invariant every splitter keeps, and the tests check, is that segmentation is
//! **lossless**: the returned ranges are in order, do not overlap, start and end on
//! non-whitespace, and everything outside them is whitespace, so the sentences concatenated
//! with the whitespace between them give back the paragraph.

use std::ops::Range;

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
