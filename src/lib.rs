//! bialign aligns a Chinese text with its English counterpart sentence by sentence, with a
//! length model and lexical evidence (a bilingual lexicon derived from CC-CEDICT and ECDICT,
//! numbers, Latin words, punctuation), and says which sentences have no counterpart.
//!
//! ```
//! use bialign::text::{Lang, Segmenter};
//! use bialign::Aligner;
//!
//! let seg = Segmenter::new();
//! let zh = seg.segment("我父亲是一个医生。他每天早上去医院。今天下雨了。", Lang::Zh);
//! let en = seg.segment(
//!     "My father is a doctor. He goes to the hospital every morning. It rained today.",
//!     Lang::En,
//! );
//! let alignment = Aligner::new().align(&zh, &en);
//! for bead in alignment.pairs() {
//!     println!("{:?} <-> {:?} ({:.2})", bead.src, bead.tgt, bead.score);
//! }
//! // Every sentence of both texts is in exactly one bead.
//! assert_eq!(alignment.beads.iter().map(|b| b.src.len()).sum::<usize>(), zh.len());
//! assert_eq!(alignment.beads.iter().map(|b| b.tgt.len()).sum::<usize>(), en.len());
//! assert_eq!(alignment.to_ids(), "[0]:[0]\n[1]:[1]\n[2]:[2]\n");
//! ```
//!
//! The pipeline runs one way: [`text::decode`] bytes, [`text::normalize`] (join wrapped
//! lines, drop stray spaces between Han characters, keep a map to the original),
//! [`text::partition`] a document holding both languages, segment with a
//! [`text::SentenceSplitter`] per language, compute [`features`], score beads and search for
//! the best monotone alignment ([`Aligner`]), then write it with [`export`] and score it with
//! [`eval`].
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod align;
mod alignment;
mod chars;
mod error;
pub mod eval;
pub mod export;
pub mod features;
pub mod lexicon;
mod rows;
mod score;
pub mod text;

#[doc(hidden)]
pub use align::internals;
pub use align::{Aligner, AlignerBuilder, Genre};
pub use alignment::{Alignment, Bead};
pub use error::{Error, ErrorKind, Result};
pub use lexicon::Lexicon;
pub use text::Lang;

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
