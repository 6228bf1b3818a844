//! bialign: sentence alignment of Chinese and English texts.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod align;
mod alignment;
mod error;
pub mod eval;
pub mod export;
pub mod features;
pub mod lexicon;
mod score;
pub mod text;

pub use align::{Aligner, AlignerBuilder};
pub use alignment::{Alignment, Bead};
pub use error::{Error, ErrorKind, Result};
pub use lexicon::Lexicon;
pub use text::Lang;
