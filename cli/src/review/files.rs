//! The files of a review: the inputs it names in its state (path and SHA-256), the output it
//! saves the alignment to, and the state file. Nothing else is written, and both are written
//! atomically with the library's save (the temporary files known to the signal handler).

use super::session::{InputFile, Refused, Session, StateFile, STATE_KIND, STATE_VERSION};
use crate::TEMP_FILES;
use bialign::export::{refuse_overwriting_inputs, save_with, OutputFile};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Where a review writes, and what it read.
pub(crate) struct Files {
    /// The inputs as the state file names them.
    pub(crate) inputs: Vec<InputFile>,
    /// The output (`-o`), if any.
    pub(crate) output: Option<PathBuf>,
    /// The state file, if any: every change is saved to it at once.
    pub(crate) state: Option<PathBuf>,
}

/// The SHA-256 of `bytes`, in hexadecimal.
pub(crate) fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An input as the state names it: its path and the SHA-256 of its bytes.
///
/// # Errors
/// When the file cannot be read.
pub(crate) fn input_file(path: &Path) -> Result<InputFile, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(InputFile {
        path: path.to_path_buf(),
        sha256: sha256(&bytes),
    })
}

/// Reads a state file (at most `limit` bytes) and checks that its inputs are unchanged.
///
/// # Errors
/// A one-line message naming the state file and what is wrong with it: not a state, another
/// version, an input missing or changed since.
pub(crate) fn read_state(path: &Path, limit: u64) -> Result<StateFile, String> {
    let name = path.display();
    let size = std::fs::metadata(path)
        .map_err(|e| format!("{name}: {e}"))?
        .len();
    if size > limit {
        return Err(format!(
            "{name}: the state file is {size} bytes, more than the limit of {limit} bytes"
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
    let state: StateFile = serde_json::from_slice(&bytes)
        .map_err(|e| format!("{name}: not a bialign review state: {e}"))?;
    if state.kind != STATE_KIND {
        return Err(format!(
            "{name}: not a bialign review state (kind {:?})",
            state.kind
        ));
    }
    if state.version != STATE_VERSION {
        return Err(format!(
            "{name}: a review state of version {}, this bialign reads version {STATE_VERSION}",
            state.version
        ));
    }
    if state.inputs.is_empty() || state.inputs.len() > 2 {
        return Err(format!(
            "{name}: names {} inputs, not one or two",
            state.inputs.len()
        ));
    }
    for input in &state.inputs {
        let now = input_file(&input.path)
            .map_err(|e| format!("{name}: its input cannot be read: {e}"))?;
        if now.sha256 != input.sha256 {
            return Err(format!(
                "{name}: its input {} changed since the review was saved (its SHA-256 \
                 differs): the saved edits may not fit it; start a new review",
                input.path.display()
            ));
        }
    }
    Ok(state)
}

impl Files {
    /// Saves the alignment to the output, in the format the options or its extension say.
    ///
    /// # Errors
    /// 409 without an output; 500 when it cannot be written.
    pub(crate) fn save_output(&self, session: &Session) -> Result<Vec<PathBuf>, Refused> {
        let Some(out) = self.output.as_deref() else {
            return Err(Refused::conflict(
                "no output to save to: start bialign review with -o OUT (.tmx, .tsv, .jsonl, ...)",
            ));
        };
        let pipeline = session.pipeline();
        let format = pipeline.format_for(Some(out));
        let files = pipeline
            .writer(session.doc(), session.alignment())
            .files(format, Some(out))?;
        // Checked at the start by the options' languages; again with the files' own names,
        // as Moses names its two by the languages, which may have been detected.
        let written: Vec<&Path> = files.iter().filter_map(|f| f.path.as_deref()).collect();
        let options = pipeline.options();
        let inputs: Vec<&Path> = self
            .inputs
            .iter()
            .map(|i| i.path.as_path())
            .chain(options.dict.iter().map(PathBuf::as_path))
            .chain(options.fixed.as_deref())
            .collect();
        refuse_overwriting_inputs(&written, &inputs)?;
        write(&files)?;
        Ok(files.into_iter().filter_map(|f| f.path).collect())
    }

    /// Saves the session's state.
    ///
    /// # Errors
    /// 409 without a state file; 500 when it cannot be written.
    pub(crate) fn save_state(&self, session: &Session) -> Result<PathBuf, Refused> {
        let Some(path) = self.state.as_deref() else {
            return Err(Refused::conflict(
                "no state file to save to: start bialign review with --state FILE (or -o OUT)",
            ));
        };
        let state = session.state_file(self.inputs.clone(), self.output.clone());
        let bytes = serde_json::to_vec_pretty(&state).map_err(|e| Refused {
            status: 500,
            message: format!("cannot write the state: {e}"),
        })?;
        write(&[OutputFile {
            path: Some(path.to_path_buf()),
            bytes,
        }])?;
        Ok(path.to_path_buf())
    }

    /// Saves the state when there is a state file.
    ///
    /// # Errors
    /// As [`Files::save_state`], but none without a state file.
    pub(crate) fn autosave(&self, session: &Session) -> Result<(), Refused> {
        match self.state {
            Some(_) => self.save_state(session).map(|_| ()),
            None => Ok(()),
        }
    }

    /// What the page shows of the files.
    pub(crate) fn describe(&self, session: &Session) -> serde_json::Value {
        let format = self
            .output
            .as_deref()
            .map(|o| session.pipeline().format_for(Some(o)).name());
        serde_json::json!({
            "output": self.output.as_ref().map(|p| p.display().to_string()),
            "format": format,
            "state": self.state.as_ref().map(|p| p.display().to_string()),
        })
    }
}

/// Writes files atomically (the library's save, with the signal handler's temporary files).
fn write(files: &[OutputFile]) -> Result<(), Refused> {
    save_with(files, &TEMP_FILES).map_err(|e| Refused {
        status: 500,
        message: e.to_string(),
    })
}
