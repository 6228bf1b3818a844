//! Saving rendered files without clobbering what should not be: [`save`], [`save_with`] and
//! the [`TempFiles`] of the saves in progress, [`refuse_overwriting_inputs`] and [`FileId`].
//!
//! What a save does with each file, by what its path names:
//!
//! * **a regular file, or nothing yet**: the new contents go to a temporary file created new
//!   (`O_EXCL`, so a planted symbolic link is never followed) under an unpredictable name,
//!   `.NAME.XXXXXX.tmp`, in the target's folder, which is then renamed over the target: a
//!   reader sees the old file or the new one, never a part. An existing file's permission
//!   bits (and, where the process may, its owner and group) are copied to the new one before
//!   the rename; a new file gets `0o666` less the umask, as any new file.
//! * **a symbolic link**: resolved first (a chain of links too, a dangling one to the file it
//!   would create); the file it points to is replaced as above, and the link stays a link.
//! * **a FIFO, a character or block device** (`/dev/null`, a terminal): opened for writing
//!   and written in place, never replaced by a regular file. So is a file descriptor named
//!   as a file (`/dev/stdout`, `/dev/fd/N`, `/proc/PID/fd/N`), whatever it is open on (a
//!   pipe, or a file a shell redirected standard output to, appended to as the shell
//!   opened it).
//! * **a folder**: an error, before anything is written.
//!
//! Files are not synced to disk: a crash of the machine may lose what was just written, but a
//! crash of the process never leaves a half-written target.

use super::OutputFile;
use crate::Error;
use std::ffi::OsString;
use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The most symbolic links followed to find the file a path names (Linux's own limit).
const MAX_LINKS: usize = 40;

// ------------------------------------------------------------------------- in progress

/// The temporary files of the saves in progress that share it ([`save_with`]), so that a
/// thread that must stop the process, on SIGINT or SIGTERM say, removes them first with
/// [`abandon`](TempFiles::abandon).
///
/// It holds no global state of its own: a front-end that handles signals keeps one in a
/// `static` (its constructor is `const`) and passes it to every save; [`save`] uses a private
/// one. Creating a temporary file, and the renames that put the files of a save in place,
/// happen while it is locked, so [`abandon`](TempFiles::abandon) never sees half of them.
///
/// ```
/// use bialign::export::{save_with, OutputFile, TempFiles};
///
/// static TEMP_FILES: TempFiles = TempFiles::new();
///
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("out.tsv");
/// let file = OutputFile { path: Some(path.clone()), bytes: b"a\tb\t1.000\n".to_vec() };
/// save_with(&[file], &TEMP_FILES)?;
/// assert!(TEMP_FILES.paths().is_empty(), "none left once the save is over");
///
/// // In a signal-handling thread: remove what is in progress, hold the saves, and exit.
/// let held = TEMP_FILES.abandon();
/// // std::process::exit(143);
/// # drop(held);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Default)]
pub struct TempFiles {
    state: Mutex<TempState>,
}

/// What a [`TempFiles`] holds under its lock.
#[derive(Debug, Default)]
struct TempState {
    /// Set by [`TempFiles::abandon`]: no save goes on.
    abandoned: bool,
    /// The temporary files that exist now.
    paths: Vec<PathBuf>,
}

/// The lock of a [`TempFiles`] after [`abandon`](TempFiles::abandon): while it lives, every
/// save that uses that `TempFiles` waits before its next step (creating a file or renaming
/// one); once it is dropped, they fail with an error saying that the save was abandoned.
#[must_use = "dropping it at once lets the saves go on to their error"]
#[derive(Debug)]
pub struct Abandoned<'a> {
    _state: MutexGuard<'a, TempState>,
}

impl TempFiles {
    /// An empty set, for no save yet.
    pub const fn new() -> TempFiles {
        TempFiles {
            state: Mutex::new(TempState {
                abandoned: false,
                paths: Vec::new(),
            }),
        }
    }

    /// The temporary files of the saves in progress (absolute paths), in the order they were
    /// created.
    pub fn paths(&self) -> Vec<PathBuf> {
        self.lock().paths.clone()
    }

    /// Removes every temporary file of the saves in progress, and stops them: it waits for
    /// the step a save is taking (so a pair of files being renamed into place is put in place
    /// whole, or not at all), and from then on no save that uses this `TempFiles` creates,
    /// renames or opens anything (a write already under way, such as one to a FIFO waiting
    /// for its reader, goes to its end). The returned lock holds them still; a caller that
    /// ends the process keeps it until then.
    ///
    /// Meant for a thread that stops the process (a signal handler's thread, not an
    /// asynchronous signal handler itself: it takes a lock and removes files).
    pub fn abandon(&self) -> Abandoned<'_> {
        let mut state = self.lock();
        state.abandoned = true;
        for path in state.paths.drain(..) {
            let _ = fs::remove_file(path);
        }
        Abandoned { _state: state }
    }

    /// The lock, also after a panic of another thread that held it (the state stays valid:
    /// every change is one push or removal).
    fn lock(&self) -> MutexGuard<'_, TempState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl TempState {
    /// Forgets a temporary file (removed or renamed).
    fn forget(&mut self, path: &Path) {
        self.paths.retain(|p| p != path);
    }
}

// -------------------------------------------------------------------------------- save

/// Writes every file that has a path, each without clobbering anything else, and all of
/// them or none: when one fails, the others keep their previous contents. By what its path
/// names:
///
/// * **a regular file, or nothing yet**: the new contents go to a temporary file created new
///   (`O_EXCL`, so a planted symbolic link is never followed) under an unpredictable name,
///   `.NAME.XXXXXX.tmp`, in the target's folder, which is then renamed over the target: a
///   reader sees the old file or the new one, never a part. An existing file's permission
///   bits (and, where the process may, its owner and group) are copied to the new one before
///   the rename; a new file gets `0o666` less the umask, as any new file.
/// * **a symbolic link**: resolved first (a chain of links too, a dangling one to the file it
///   would create); the file it points to is replaced as above, and the link stays a link.
/// * **a FIFO, a character or block device** (`/dev/null`, a terminal): opened for writing
///   and written in place, never replaced by a regular file. So is a file descriptor named
///   as a file (`/dev/stdout`, `/dev/fd/N`, `/proc/PID/fd/N`), whatever it is open on (a
///   pipe, or a file a shell redirected standard output to, appended to as the shell
///   opened it).
/// * **a folder**: an error, before anything is written.
///
/// A missing folder is an error (a mistyped path should not create folders); a caller that
/// wants them creates them first. It is [`save_with`] and a [`TempFiles`] of its own.
///
/// # Errors
/// An [`Io`](crate::ErrorKind::Io) error naming the file that could not be written.
pub fn save(files: &[OutputFile]) -> crate::Result<()> {
    save_with(files, &TempFiles::new())
}

/// [`save`], with its temporary files known to `temps` while they exist, so that another
/// thread can remove them ([`TempFiles::abandon`]).
///
/// Several files (Moses' two) are written in three steps: every temporary file is written
/// first (and then the special files, in place); then, with `temps` locked, each existing
/// target but the last is kept as a backup (a hard link `.NAME.XXXXXX.bak` beside it, or a
/// copy where the file system has none), and the temporary files are renamed over their
/// targets one after the other; then the backups are removed. When a write fails, the
/// temporary files are removed and no target has changed. When a rename fails, the targets
/// already renamed are put back, each by renaming its backup over it (a target that did not
/// exist is removed), so the old files are unchanged and nothing of the new set is left. Only
/// if putting one back fails too (a rename within one folder hardly ever fails: a failing
/// disk, a file system gone read-only) is that new file left beside the old others; the
/// error then says so and names the backup that holds its previous contents. A process killed outright (SIGKILL) during the renames
/// can leave a backup file; a special file already written cannot be taken back.
///
/// # Errors
/// An [`Io`](crate::ErrorKind::Io) error naming the file that could not be written, or
/// saying that the save was abandoned.
pub fn save_with(files: &[OutputFile], temps: &TempFiles) -> crate::Result<()> {
    let mut targets = Vec::new();
    for file in files {
        let Some(path) = file.path.as_deref() else {
            continue;
        };
        let target = plan(path).map_err(|e| Error::io(path, e))?;
        targets.push((path, &file.bytes[..], target));
    }
    let mut staged = Vec::new();
    for (path, bytes, target) in &targets {
        let (real, old) = match target {
            Target::Replace { real, old } => (real, Some(old)),
            Target::Create { real } => (real, None),
            Target::InPlace { .. } => continue,
        };
        match stage(real, bytes, old, temps) {
            Ok(temp) => staged.push(Staged {
                given: path,
                real: real.clone(),
                temp,
                existed: old.is_some(),
            }),
            Err(e) => {
                discard(&staged, temps);
                return Err(Error::io(*path, e));
            }
        }
    }
    for (path, bytes, target) in &targets {
        if let Target::InPlace { append } = *target {
            if temps.lock().abandoned {
                discard(&staged, temps);
                return Err(Error::io(*path, abandoned()));
            }
            // Outside the lock: opening a FIFO waits for its reader.
            if let Err(e) = write_in_place(path, bytes, append) {
                discard(&staged, temps);
                return Err(Error::io(*path, e));
            }
        }
    }
    commit(&staged, temps, &mut |from, to| fs::rename(from, to))
}

/// What a save does with one path.
#[derive(Debug)]
enum Target {
    /// An existing regular file, at its real path (symbolic links resolved): replaced by a
    /// rename, with `old`'s permissions.
    Replace { real: PathBuf, old: Metadata },
    /// Nothing there yet: a new file at `real` (the path itself, or where the dangling
    /// symbolic link at the path points).
    Create { real: PathBuf },
    /// A FIFO, a device or another special file, or a file already open in this process
    /// named through `/dev/stdout`, `/dev/fd/N` or `/proc/PID/fd/N`: written in place
    /// (`append`ing to the open file, as a shell's `>` or `>>` asked for it).
    InPlace { append: bool },
}

/// Finds what `path` names, following symbolic links.
fn plan(path: &Path) -> io::Result<Target> {
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(io::Error::other("is a directory")),
        Ok(_) if link_chain(path)?.iter().any(|p| names_an_open_file(p)) => {
            Ok(Target::InPlace { append: true })
        }
        Ok(m) if m.is_file() => Ok(Target::Replace {
            real: fs::canonicalize(path)?,
            old: m,
        }),
        Ok(_) => Ok(Target::InPlace { append: false }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Target::Create {
            real: follow_links(path)?,
        }),
        Err(e) => Err(e),
    }
}

/// The path at the end of the chain of symbolic links that starts at `path` (`path` itself
/// when it is not a link), for a link whose target does not exist yet.
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut chain = link_chain(path)?;
    Ok(chain.pop().unwrap_or_else(|| path.to_path_buf()))
}

/// `path` and every path the chain of symbolic links from it leads to, in order. Each
/// relative link is resolved against the canonical folder of the link, as the kernel does.
fn link_chain(path: &Path) -> io::Result<Vec<PathBuf>> {
    let mut chain = vec![path.to_path_buf()];
    for _ in 0..MAX_LINKS {
        let p = &chain[chain.len() - 1];
        match fs::symlink_metadata(p) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = fs::read_link(p)?;
                let next = if link.is_absolute() {
                    link
                } else {
                    let dir = parent_dir(p);
                    fs::canonicalize(dir)
                        .unwrap_or_else(|_| dir.to_path_buf())
                        .join(link)
                };
                chain.push(next);
            }
            _ => return Ok(chain),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Whether `path` names a file descriptor of a process rather than a file: `/dev/fd/N`,
/// `/proc/PID/fd/N` (`/dev/stdout` links to `/proc/self/fd/1`). Whatever it is open on, a
/// pipe or a file a shell redirected output to, it is written in place.
fn names_an_open_file(path: &Path) -> bool {
    let parts: Vec<Component> = path.components().collect();
    let is =
        |k: usize, name: &str| matches!(parts.get(k), Some(Component::Normal(n)) if *n == name);
    parts.first() == Some(&Component::RootDir)
        && ((parts.len() == 4 && is(1, "dev") && is(2, "fd"))
            || (parts.len() == 5 && is(1, "proc") && is(3, "fd")))
}

/// The folder a file is in (`.` for a bare name).
fn parent_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The start of a hidden name beside `real`: `.NAME.`, which the random part and the
/// suffix follow.
fn hidden_prefix(real: &Path) -> OsString {
    let mut prefix = OsString::from(".");
    if let Some(name) = real.file_name() {
        prefix.push(name);
    }
    prefix.push(".");
    prefix
}

/// One file written to its temporary file, waiting for its rename.
#[derive(Debug)]
struct Staged<'a> {
    /// The path as the caller gave it, for messages.
    given: &'a Path,
    /// The file to replace or create.
    real: PathBuf,
    /// The temporary file, beside `real`.
    temp: PathBuf,
    /// Whether `real` existed when the save began.
    existed: bool,
}

/// Creates a temporary file beside `real` (new, unpredictable name, known to `temps`),
/// writes `bytes` to it and gives it `old`'s permissions; on failure nothing is left.
fn stage(
    real: &Path,
    bytes: &[u8],
    old: Option<&Metadata>,
    temps: &TempFiles,
) -> io::Result<PathBuf> {
    let prefix = hidden_prefix(real);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new file gets what any new file gets (0o666 less the umask); one that replaces a
    // file starts private and takes that file's permissions before the rename.
    #[cfg(unix)]
    if old.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let (mut file, path) = {
        let mut state = temps.lock();
        if state.abandoned {
            return Err(abandoned());
        }
        let (file, path) = builder
            .tempfile_in(parent_dir(real))?
            .keep()
            .map_err(|e| e.error)?;
        state.paths.push(path.clone());
        (file, path)
    };
    let written = file
        .write_all(bytes)
        .and_then(|()| file.flush())
        .and_then(|()| old.map_or(Ok(()), |old| keep_owner_and_mode(&file, old)));
    drop(file);
    if let Err(e) = written {
        let mut state = temps.lock();
        let _ = fs::remove_file(&path);
        state.forget(&path);
        return Err(e);
    }
    Ok(path)
}

/// Gives `file` the permission bits of `old` and, where the process may, its owner and
/// group.
fn keep_owner_and_mode(file: &File, old: &Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{fchown, MetadataExt};
        let new = file.metadata()?;
        // Only root gives a file away; a member of a group may give it that group. Both are
        // best effort: the permission bits below are what the save promises.
        let whole =
            new.uid() != old.uid() && fchown(file, Some(old.uid()), Some(old.gid())).is_ok();
        if !whole && new.gid() != old.gid() {
            let _ = fchown(file, None, Some(old.gid()));
        }
    }
    // After the owner: changing it may clear the set-user-id bit.
    file.set_permissions(old.permissions())
}

/// Writes `bytes` to the special file `path` (a FIFO, a device, an open file), opened for
/// writing (at its end with `append`).
fn write_in_place(path: &Path, bytes: &[u8], append: bool) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .append(append)
        .open(path)?;
    file.write_all(bytes)?;
    file.flush()
}

/// The error of a save whose [`TempFiles`] was abandoned.
fn abandoned() -> io::Error {
    io::Error::new(
        io::ErrorKind::Interrupted,
        "the save was abandoned (the process is stopping)",
    )
}

/// Removes the temporary files of a failed save.
fn discard(staged: &[Staged], temps: &TempFiles) {
    let mut state = temps.lock();
    for s in staged {
        let _ = fs::remove_file(&s.temp);
        state.forget(&s.temp);
    }
}

/// Puts the staged files in place, all or none (see [`save_with`]), with `temps` locked;
/// `rename` is [`fs::rename`] but in tests.
fn commit(
    staged: &[Staged],
    temps: &TempFiles,
    rename: &mut dyn FnMut(&Path, &Path) -> io::Result<()>,
) -> crate::Result<()> {
    let mut state = temps.lock();
    let result = if state.abandoned {
        Err(staged
            .first()
            .map(|s| Error::io(s.given, abandoned()))
            .unwrap_or_else(|| Error::io("<output>", abandoned())))
    } else {
        rename_all(staged, rename)
    };
    for s in staged {
        // Gone after a rename; removed here otherwise.
        let _ = fs::remove_file(&s.temp);
        state.forget(&s.temp);
    }
    result
}

/// Renames every staged file over its target; on failure, puts back those already renamed.
fn rename_all(
    staged: &[Staged],
    rename: &mut dyn FnMut(&Path, &Path) -> io::Result<()>,
) -> crate::Result<()> {
    // The last rename puts the whole set in place: only those before it need a backup.
    let before_last = staged.len().saturating_sub(1);
    let mut backups: Vec<Option<PathBuf>> = Vec::new();
    for s in &staged[..before_last] {
        match s.existed.then(|| backup(&s.real)).transpose() {
            Ok(b) => backups.push(b.flatten()),
            Err(e) => {
                remove_backups(&backups);
                return Err(Error::io(s.given, e));
            }
        }
    }
    for (k, s) in staged.iter().enumerate() {
        if let Err(e) = rename(&s.temp, &s.real) {
            let mut message = e.to_string();
            for (done, b) in staged[..k].iter().zip(&backups).rev() {
                match b {
                    Some(b) => {
                        if let Err(e2) = rename(b, &done.real) {
                            message.push_str(&format!(
                                "; {} could not be put back ({e2}): its previous contents \
                                 are in {}",
                                done.given.display(),
                                b.display()
                            ));
                        }
                    }
                    None => {
                        let _ = fs::remove_file(&done.real);
                    }
                }
            }
            // The backups of the targets not renamed yet (same file as the target).
            remove_backups(&backups[k.min(backups.len())..]);
            return Err(Error::io(s.given, io::Error::new(e.kind(), message)));
        }
    }
    remove_backups(&backups);
    Ok(())
}

/// Keeps the current contents of `real` beside it: a hard link under a new unpredictable
/// name, or a copy where the file system makes none. `None` when `real` is gone.
fn backup(real: &Path) -> io::Result<Option<PathBuf>> {
    let prefix = hidden_prefix(real);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".bak");
    let dir = parent_dir(real);
    match builder.make_in(dir, |p| fs::hard_link(real, p)) {
        Ok(link) => return Ok(Some(link.into_temp_path().keep().map_err(|e| e.error)?)),
        Err(e) if e.kind() == io::ErrorKind::NotFound && !real.exists() => return Ok(None),
        Err(_) => {}
    }
    let mut copy = builder.tempfile_in(dir)?;
    let mut from = File::open(real)?;
    io::copy(&mut from, copy.as_file_mut())?;
    copy.as_file()
        .set_permissions(from.metadata()?.permissions())?;
    Ok(Some(copy.into_temp_path().keep().map_err(|e| e.error)?))
}

/// Removes backups no longer needed.
fn remove_backups(backups: &[Option<PathBuf>]) {
    for b in backups.iter().flatten() {
        let _ = fs::remove_file(b);
    }
}

// ------------------------------------------------------------------ outputs and inputs

/// What makes two paths the same file: its device and inode number on Unix when it exists,
/// so that every spelling of a file (`x`, `./x`, `../dir/x`), a symbolic link to it and a
/// hard link to it give the same id; for a file that does not exist yet, where it would be
/// created (the canonical path of its nearest existing folder, the rest of the path
/// joined to it with `.` and `..` taken as written).
///
/// [`refuse_overwriting_inputs`] compares outputs with inputs by it; a front-end compares
/// outputs among themselves by it (two jobs of `bialign batch` with the same output).
///
/// ```
/// use bialign::export::FileId;
///
/// let dir = tempfile::tempdir()?;
/// let file = dir.path().join("zh.txt");
/// std::fs::write(&file, "你好。")?;
/// let same = dir.path().join(".").join("zh.txt");
/// assert_eq!(FileId::of(&file), FileId::of(&same));
/// assert_ne!(FileId::of(&file), FileId::of(&dir.path().join("en.txt")));
/// assert_eq!(FileId::of(std::path::Path::new("-")), None, "standard input or output");
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FileId(Id);

/// The two kinds of [`FileId`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Id {
    /// An existing file (Unix).
    #[cfg(unix)]
    Inode { dev: u64, ino: u64 },
    /// A file to be created (or, off Unix, an existing one), by its canonical path.
    Path(PathBuf),
}

impl FileId {
    /// The identity of the file `path` names; `None` for `-` (standard input or output) and
    /// for special files (FIFOs, devices such as `/dev/null` or `/dev/stdout`), which a save
    /// writes in place and so never overwrites.
    pub fn of(path: &Path) -> Option<FileId> {
        if path.as_os_str() == "-" {
            return None;
        }
        match fs::metadata(path) {
            Ok(m) if !m.is_file() && !m.is_dir() => None,
            #[cfg(unix)]
            Ok(m) => {
                use std::os::unix::fs::MetadataExt;
                Some(FileId(Id::Inode {
                    dev: m.dev(),
                    ino: m.ino(),
                }))
            }
            #[cfg(not(unix))]
            Ok(_) => Some(FileId(Id::Path(
                fs::canonicalize(path).unwrap_or_else(|_| to_be_created(path)),
            ))),
            Err(_) => {
                let end = follow_links(path).unwrap_or_else(|_| path.to_path_buf());
                Some(FileId(Id::Path(to_be_created(&end))))
            }
        }
    }
}

/// Where a file that does not exist would be created: the canonical path of the longest
/// existing folder of `path` (absolute), and the rest of its components, `..` taking one
/// off as `mkdir -p` would.
fn to_be_created(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let parts: Vec<Component> = abs.components().collect();
    for cut in (0..=parts.len()).rev() {
        let head: PathBuf = parts[..cut].iter().collect();
        let Ok(mut out) = fs::canonicalize(&head) else {
            continue;
        };
        for part in &parts[cut..] {
            match part {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                other => out.push(other),
            }
        }
        return out;
    }
    abs
}

/// Refuses outputs that are inputs: an error when any of `outputs` is the same file as any
/// of `inputs` by [`FileId`] (whatever the spelling, through symbolic and hard links). `-`
/// and special files (FIFOs, devices) are never refused: they are written in place.
///
/// Every front-end calls it before it reads anything, with the files a run will write (both
/// of Moses' files: [`Options::output_paths`](crate::Options::output_paths)) and those it
/// reads (texts, dictionaries, a job file).
///
/// ```
/// use bialign::export::refuse_overwriting_inputs;
///
/// let dir = tempfile::tempdir()?;
/// let zh = dir.path().join("zh.txt");
/// std::fs::write(&zh, "你好。")?;
/// let out = dir.path().join("out.tsv");
/// assert!(refuse_overwriting_inputs(&[&out], &[&zh]).is_ok());
/// let err = refuse_overwriting_inputs(&[&dir.path().join("./zh.txt")], &[&zh]).unwrap_err();
/// assert!(err.to_string().contains("would overwrite the input"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// A [`Config`](crate::ErrorKind::Config) error naming the output and the input, as given.
pub fn refuse_overwriting_inputs(outputs: &[&Path], inputs: &[&Path]) -> crate::Result<()> {
    let inputs: Vec<(&Path, FileId)> = inputs
        .iter()
        .filter_map(|p| FileId::of(p).map(|id| (*p, id)))
        .collect();
    for output in outputs {
        let Some(id) = FileId::of(output) else {
            continue;
        };
        if let Some((input, _)) = inputs.iter().find(|(_, i)| *i == id) {
            return Err(Error::overwrite(*output, *input));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staged_pair<'a>(dir: &Path, given: &'a [PathBuf; 2]) -> Vec<Staged<'a>> {
        let temps = TempFiles::new();
        given
            .iter()
            .map(|g| {
                let real = fs::canonicalize(dir).unwrap().join(g.file_name().unwrap());
                let existed = real.exists();
                let old = fs::metadata(&real).ok();
                let temp = stage(&real, b"new\n", old.as_ref(), &temps).unwrap();
                Staged {
                    given: g,
                    real,
                    temp,
                    existed,
                }
            })
            .collect()
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    /// The second rename of a pair fails after the first succeeded: the first target is put
    /// back (the same file, by its backup), a first target that did not exist is removed,
    /// and neither temporary files nor backups are left.
    #[test]
    fn a_failed_second_rename_puts_the_first_back() {
        for first_existed in [true, false] {
            let dir = tempfile::tempdir().unwrap();
            let given = [dir.path().join("p.zh"), dir.path().join("p.en")];
            if first_existed {
                fs::write(&given[0], "old zh\n").unwrap();
            }
            fs::write(&given[1], "old en\n").unwrap();
            #[cfg(unix)]
            let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&fs::metadata(p).unwrap());
            #[cfg(unix)]
            let first_inode = first_existed.then(|| inode(&given[0]));
            let before = listing(dir.path());
            let staged = staged_pair(dir.path(), &given);
            let mut calls = 0;
            let mut rename = |from: &Path, to: &Path| {
                calls += 1;
                if calls == 2 {
                    Err(io::Error::other("injected failure"))
                } else {
                    fs::rename(from, to)
                }
            };
            let err = commit(&staged, &TempFiles::new(), &mut rename).unwrap_err();
            let msg = err.to_string();
            assert!(msg.contains("p.en") && msg.contains("injected"), "{msg}");
            assert!(!msg.contains("put back"), "{msg}");
            assert_eq!(
                listing(dir.path()),
                before,
                "first existed: {first_existed}"
            );
            if first_existed {
                assert_eq!(fs::read_to_string(&given[0]).unwrap(), "old zh\n");
                #[cfg(unix)]
                assert_eq!(Some(inode(&given[0])), first_inode, "the very same file");
            }
            assert_eq!(fs::read_to_string(&given[1]).unwrap(), "old en\n");
        }
    }

    /// When putting the first file back fails too, the error says so and names the backup,
    /// which is kept.
    #[test]
    fn a_failed_restore_is_reported_with_the_backup() {
        let dir = tempfile::tempdir().unwrap();
        let given = [dir.path().join("p.zh"), dir.path().join("p.en")];
        fs::write(&given[0], "old zh\n").unwrap();
        fs::write(&given[1], "old en\n").unwrap();
        let staged = staged_pair(dir.path(), &given);
        let mut calls = 0;
        let mut rename = |from: &Path, to: &Path| {
            calls += 1;
            if calls >= 2 {
                Err(io::Error::other("injected failure"))
            } else {
                fs::rename(from, to)
            }
        };
        let msg = commit(&staged, &TempFiles::new(), &mut rename)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("could not be put back"), "{msg}");
        let backups: Vec<String> = listing(dir.path())
            .into_iter()
            .filter(|n| n.starts_with(".p.zh.") && n.ends_with(".bak"))
            .collect();
        assert_eq!(backups.len(), 1, "{:?}", listing(dir.path()));
        assert!(msg.contains(&backups[0]), "{msg}");
        let kept = fs::read_to_string(dir.path().join(&backups[0])).unwrap();
        assert_eq!(kept, "old zh\n");
        assert!(!listing(dir.path()).iter().any(|n| n.ends_with(".tmp")));
    }

    #[test]
    fn file_descriptors_named_as_files() {
        for (path, fd) in [
            ("/dev/fd/1", true),
            ("/proc/self/fd/1", true),
            ("/proc/1234/fd/7", true),
            ("/dev/stdout", false), // a link to /proc/self/fd/1: its chain is checked
            ("/dev/fd", false),
            ("/proc/self/fd", false),
            ("/proc/self/fdinfo/1", false),
            ("/tmp/fd/1", false),
            ("dev/fd/1", false),
        ] {
            assert_eq!(names_an_open_file(Path::new(path)), fd, "{path}");
        }
    }

    #[test]
    fn paths_to_be_created_are_canonical() {
        let dir = tempfile::tempdir().unwrap();
        let d = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir(d.join("a")).unwrap();
        for (name, path) in [
            ("plain", d.join("a/new/x.tsv")),
            ("dot", d.join("a/./new/x.tsv")),
            ("up and down", d.join("a/new/../new/x.tsv")),
            ("existing up", d.join("a/../a/new/x.tsv")),
        ] {
            assert_eq!(to_be_created(&path), d.join("a/new/x.tsv"), "{name}");
        }
    }
}
