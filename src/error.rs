//! The crate's error type.

use std::fmt;
use std::path::PathBuf;

/// An error from reading, segmenting, aligning, scoring or writing.
///
/// Its variants are private so that new kinds of failure can be added without breaking
/// callers; [`Error::kind`] tells the broad kind and the `Display` text says exactly what is
/// wrong and, when known, in which file.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct Error(#[from] Inner);

/// The broad kind of an [`Error`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be opened or read, or an output could not be written.
    Io,
    /// The bytes are not text (binary data, or an encoding that cannot be decoded).
    Decode,
    /// The input is larger than the configured limit.
    TooLarge,
    /// A structured input (alignment file, dictionary, job file) is malformed.
    Parse,
    /// An option or combination of options is invalid.
    Config,
    /// The input is not what alignment needs: an empty text, a text without any character
    /// of its declared language, texts given in the wrong order, a single file that does
    /// not hold both languages; fixed beads that overlap, are out of order or out of range.
    Input,
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum Inner {
    #[error("{path}: {source}")]
    Io {
        path: Display,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Decode { path: Display, message: String },
    #[error("{path}: input is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        path: Display,
        size: u64,
        limit: u64,
    },
    #[error("{path}:{line}: {message}")]
    Parse {
        path: Display,
        line: usize,
        message: String,
    },
    #[error("invalid configuration: {0}")]
    Config(String),
    #[error("{path}: {message}")]
    Input { path: Display, message: String },
    #[error("{output}: would overwrite the input {input} (the same file): give another output")]
    Overwrite { output: Display, input: Display },
    /// Fixed beads that cannot all be kept (overlapping, out of order, out of range).
    #[error("{0}")]
    Fixed(String),
    #[error("invalid {option}: {message}")]
    Option {
        option: &'static str,
        message: String,
    },
}

/// A path (or a name such as `<stdin>`) as shown in messages.
#[derive(Debug, Clone)]
pub(crate) struct Display(pub(crate) String);

impl fmt::Display for Display {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&std::path::Path> for Display {
    fn from(p: &std::path::Path) -> Self {
        Display(p.display().to_string())
    }
}

impl From<&PathBuf> for Display {
    fn from(p: &PathBuf) -> Self {
        Display(p.display().to_string())
    }
}

impl From<&str> for Display {
    fn from(s: &str) -> Self {
        Display(s.to_string())
    }
}

impl Error {
    /// The broad kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self.0 {
            Inner::Io { .. } => ErrorKind::Io,
            Inner::Decode { .. } => ErrorKind::Decode,
            Inner::TooLarge { .. } => ErrorKind::TooLarge,
            Inner::Parse { .. } => ErrorKind::Parse,
            Inner::Config(_) | Inner::Option { .. } | Inner::Overwrite { .. } => ErrorKind::Config,
            Inner::Input { .. } | Inner::Fixed(_) => ErrorKind::Input,
        }
    }

    /// The option an invalid-option error is about, by its [`Options`](crate::Options)
    /// field name (`max_bead`); `None` for other errors.
    pub fn option(&self) -> Option<&'static str> {
        match self.0 {
            Inner::Option { option, .. } => Some(option),
            _ => None,
        }
    }

    /// What is wrong with the option of an invalid-option error, without its name.
    pub fn option_message(&self) -> Option<&str> {
        match &self.0 {
            Inner::Option { message, .. } => Some(message),
            _ => None,
        }
    }

    pub(crate) fn io(path: impl Into<Display>, source: std::io::Error) -> Self {
        Error(Inner::Io {
            path: path.into(),
            source,
        })
    }

    pub(crate) fn decode(path: impl Into<Display>, message: impl Into<String>) -> Self {
        Error(Inner::Decode {
            path: path.into(),
            message: message.into(),
        })
    }

    pub(crate) fn too_large(path: impl Into<Display>, size: u64, limit: u64) -> Self {
        Error(Inner::TooLarge {
            path: path.into(),
            size,
            limit,
        })
    }

    pub(crate) fn parse(path: impl Into<Display>, line: usize, message: impl Into<String>) -> Self {
        Error(Inner::Parse {
            path: path.into(),
            line,
            message: message.into(),
        })
    }

    pub(crate) fn invalid_option(option: &'static str, message: String) -> Self {
        Error(Inner::Option { option, message })
    }

    pub(crate) fn input(path: impl Into<Display>, message: impl Into<String>) -> Self {
        Error(Inner::Input {
            path: path.into(),
            message: message.into(),
        })
    }

    pub(crate) fn overwrite(output: impl Into<Display>, input: impl Into<Display>) -> Self {
        Error(Inner::Overwrite {
            output: output.into(),
            input: input.into(),
        })
    }

    /// Fixed beads that cannot all be kept; the message names them.
    pub(crate) fn fixed(message: impl Into<String>) -> Self {
        Error(Inner::Fixed(message.into()))
    }

    /// The same error naming the file the fixed beads came from, when it is about them.
    pub(crate) fn in_file(self, path: &std::path::Path) -> Self {
        match self.0 {
            Inner::Fixed(message) => Error::input(path, message),
            other => Error(other),
        }
    }

    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error(Inner::Config(message.into()))
    }
}

/// A `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
