//! The text pipeline: decode, normalise, partition, segment.

pub mod segment;

pub use segment::{EnSplitter, SentenceSplitter, ZhSplitter};
