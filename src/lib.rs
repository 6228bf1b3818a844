//! bialign: sentence alignment of Chinese and English texts.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod error;
pub mod eval;
pub mod text;

pub use error::{Error, ErrorKind, Result};
