//! Zip archives (Word and OpenDocument files) read within limits: what the members unpack
//! to is counted as it is unpacked, never taken from the archive's own claims.

use super::{EXPANSION_CHECKED_FROM, MAX_EXPANSION};
use crate::{Error, Result};
use std::io::{Cursor, Read};

/// An open archive and what may still be unpacked from it.
pub(crate) struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    name: &'a str,
    /// Bytes that may still be unpacked (the input limit, shared by all members).
    budget: u64,
    limit: u64,
}

impl<'a> Archive<'a> {
    /// Opens `bytes`, the file `name`, as a zip archive of a `what` document.
    pub(crate) fn open(bytes: &'a [u8], name: &'a str, what: &str, limit: u64) -> Result<Self> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            Error::input(
                name,
                format!("is not a readable {what} file (a damaged or truncated zip archive: {e})"),
            )
        })?;
        Ok(Archive {
            zip,
            name,
            budget: limit,
            limit,
        })
    }

    /// The names of the members, in the archive's order.
    pub(crate) fn names(&self) -> Vec<String> {
        self.zip.file_names().map(str::to_string).collect()
    }

    /// The member `member` as UTF-8 text, `None` when there is none.
    pub(crate) fn text(&mut self, member: &str) -> Result<Option<String>> {
        let name = self.name;
        let mut file = match self.zip.by_name(member) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => {
                return Err(Error::input(name, format!("cannot read its {member}: {e}")));
            }
        };
        let compressed = file.compressed_size().max(1);
        let mut out = Vec::new();
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let n = file
                .read(&mut chunk)
                .map_err(|e| Error::input(name, format!("its {member} is damaged: {e}")))?;
            if n == 0 {
                break;
            }
            out.extend_from_slice(&chunk[..n]);
            let len = out.len() as u64;
            if len > self.budget {
                return Err(Error::too_large(
                    name,
                    self.limit - self.budget + len,
                    self.limit,
                ));
            }
            if len > EXPANSION_CHECKED_FROM && len > MAX_EXPANSION.saturating_mul(compressed) {
                return Err(Error::input(
                    name,
                    format!(
                        "its {member} expands more than {MAX_EXPANSION}-fold ({compressed} \
                         bytes to over {len}): a zip bomb, not read"
                    ),
                ));
            }
        }
        self.budget -= out.len() as u64;
        String::from_utf8(out)
            .map(Some)
            .map_err(|e| Error::input(name, format!("its {member} is not UTF-8: {e}")))
    }

    /// The member `member`, which the document must have.
    pub(crate) fn required(&mut self, member: &str, what: &str) -> Result<String> {
        match self.text(member)? {
            Some(t) => Ok(t),
            None => Err(Error::input(
                self.name,
                format!("is not a {what} file: it has no {member}"),
            )),
        }
    }
}
