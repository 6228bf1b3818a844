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

pub use crate::lang::{Lang, Script};
