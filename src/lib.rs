//! bialign aligns a Chinese text with its English counterpart sentence by sentence, with a
//! length model and lexical evidence (a bilingual lexicon derived from CC-CEDICT and ECDICT,
//! numbers, Latin words, punctuation), and says which sentences have no counterpart. Any
//! other pair of languages aligns too ([`text::Lang`] is any language tag): identical words,
//! numbers, cognates and a lexicon learnt from the document stand in for the bundled one.
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
//! let alignment = Aligner::new().align(&zh, &en)?;
//! for bead in alignment.pairs() {
//!     println!("{:?} <-> {:?} ({:.2})", bead.src, bead.tgt, bead.score);
//! }
//! // Every sentence of both texts is in exactly one bead.
//! assert_eq!(alignment.beads.iter().map(|b| b.src.len()).sum::<usize>(), zh.len());
//! assert_eq!(alignment.beads.iter().map(|b| b.tgt.len()).sum::<usize>(), en.len());
//! assert_eq!(alignment.to_ids(), "[0]:[0]\n[1]:[1]\n[2]:[2]\n");
//! # Ok::<(), bialign::Error>(())
//! ```
//!
//! # The API in three tiers
//!
//! - **A whole run**, as the command line does it: [`Options`] (every option, with its
//!   default and range) and a [`Pipeline`] made from them, which reads or takes texts,
//!   segments them into a [`Document`], aligns it and renders it with a [`Writer`] in any
//!   [`Format`]; [`batch`] holds the JSON records of a batch.
//! - **The aligner**: [`Aligner`] and its [`AlignerBuilder`] (one setter per option, a
//!   [`Genre`] preset, a [`Lexicon`]), giving an [`Alignment`] of [`Bead`]s;
//!   [`Aligner::align_fixed`] keeps [`FixedBead`]s exactly, and a [`Realigner`] applies a
//!   reviewer's fixes one at a time, searching again only around each.
//! - **The stages**, for callers with their own pipeline: [`text`] (decode, normalise,
//!   partition, segment with a [`SentenceSplitter`](text::SentenceSplitter) per language),
//!   [`export`] (the one [`Writer`], the rule by which it joins sentences, the confidence
//!   bands) and [`eval`] (strict and lax P/R/F1); [`read`] reads Word, OpenDocument, HTML
//!   and PDF documents (cargo features `docx`, `odt`, `html`, `pdf`, or `documents`).
//!
//! Data flows one way: read (documents), decode, normalise, clean up (set apart running
//! headers, page numbers, footnotes, ...: [`text::Segmenter::cleanup`]), partition, segment,
//! features, score, align, export. Errors are one [`Error`] type with a broad [`ErrorKind`]; the library never panics
//! on input, reads no environment variable and writes no file of its own accord (with the
//! `logging` feature it reports its stages through the `log` crate).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod align;
mod alignment;
pub mod batch;
mod chars;
mod diag;
mod error;
pub mod eval;
pub mod export;
mod features;
pub mod fixed;
mod lang;
mod lexicon;
mod model;
mod options;
mod pipeline;
pub mod read;
mod rows;
pub mod text;

#[doc(hidden)]
pub use align::internals;
pub use align::{Aligner, AlignerBuilder, Change, Realigner};
pub use alignment::{Alignment, Bead, Tally};
pub use error::{Error, ErrorKind, Result};
pub use export::{Format, Writer};
pub use fixed::{parse_fixed, read_fixed, FixedBead, Side};
pub use lexicon::Lexicon;
pub use model::Genre;
pub use options::{Options, DEFAULT_MAX_INPUT_BYTES};
pub use pipeline::{Document, Pipeline};
pub use text::Lang;

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

#[cfg(test)]
mod tests {
    /// Every public type can be shared across threads (a front-end aligns on a pool).
    #[test]
    fn public_types_are_send_and_sync() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<crate::Aligner>();
        send_sync::<crate::AlignerBuilder>();
        send_sync::<crate::Alignment>();
        send_sync::<crate::Bead>();
        send_sync::<crate::FixedBead>();
        send_sync::<crate::Realigner>();
        send_sync::<crate::Change>();
        send_sync::<crate::Tally>();
        send_sync::<crate::Document>();
        send_sync::<crate::Error>();
        send_sync::<crate::ErrorKind>();
        send_sync::<crate::Format>();
        send_sync::<crate::Genre>();
        send_sync::<crate::Lang>();
        send_sync::<crate::Lexicon>();
        send_sync::<crate::Options>();
        send_sync::<crate::Pipeline>();
        send_sync::<crate::Writer<'static>>();
        send_sync::<crate::batch::BadLine>();
        send_sync::<crate::batch::BatchJob>();
        send_sync::<crate::batch::BatchResult>();
        send_sync::<crate::batch::JobOutcome>();
        send_sync::<crate::eval::Counts>();
        send_sync::<crate::eval::IdBead>();
        send_sync::<crate::eval::Report>();
        send_sync::<crate::eval::Verses>();
        send_sync::<crate::export::JsonBead>();
        send_sync::<crate::export::OutputFile>();
        send_sync::<crate::text::EnSplitter>();
        send_sync::<crate::text::Segmenter>();
        send_sync::<crate::text::Sentence>();
        send_sync::<crate::text::Text>();
        send_sync::<crate::text::ZhSplitter>();
        send_sync::<crate::text::normalize::Normalized>();
        send_sync::<crate::text::Aside>();
        send_sync::<crate::text::Block>();
        send_sync::<crate::read::Document>();
        send_sync::<crate::read::InputFormat>();
    }
}
