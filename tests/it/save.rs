//! Saving files without clobbering anything (issue 14, "Writing files"): what
//! `export::save` and `export::save_with` do with special files, symbolic links, planted
//! links at predictable names, permissions and pairs of files, how `TempFiles::abandon`
//! stops a save, and `export::refuse_overwriting_inputs`, which every front-end calls before
//! any work. The command line's side (`-o`, batch jobs, signals) is in the command line's
//! tests, `cli/tests/it/files.rs`.
#![cfg(unix)]

use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use bialign::export::{
    refuse_overwriting_inputs, save, save_with, FileId, Format, OutputFile, TempFiles,
};
use bialign::{ErrorKind, Options};

use crate::common::files::{is_fifo, leftovers, mkfifo, mode, wait_until, FifoReader};
use crate::common::skip;

const TIMEOUT: Duration = Duration::from_secs(20);

fn file(path: &Path, bytes: &str) -> OutputFile {
    OutputFile {
        path: Some(path.to_path_buf()),
        bytes: bytes.as_bytes().to_vec(),
    }
}

/// Makes a FIFO at `path`, or says that `test` skipped for want of `mkfifo`.
fn made_fifo(path: &Path, test: &str) -> bool {
    mkfifo(path).map_err(|why| skip(test, &why)).is_ok()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ------------------------------------------- an output that is an input is refused

/// Guards point 4: an output is compared with the inputs as files, not as strings: every
/// spelling, a symbolic link and a hard link to an input are refused, with an error naming
/// both; another file, a new file, `-` and special files are not.
#[test]
fn an_output_that_is_an_input_is_refused_by_any_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("sub")).unwrap();
    let zh = d.join("zh.txt");
    let en = d.join("en.txt");
    std::fs::write(&zh, "你好。").unwrap();
    std::fs::write(&en, "Hello.").unwrap();
    symlink(&zh, d.join("link-to-zh")).unwrap();
    symlink("zh.txt", d.join("relative-link")).unwrap();
    std::fs::hard_link(&zh, d.join("hard-link")).unwrap();
    let cases: Vec<(&str, PathBuf, bool)> = vec![
        ("the same path", zh.clone(), true),
        ("with ./", d.join("./zh.txt"), true),
        ("through ../", d.join("sub/../zh.txt"), true),
        (
            "through the folder's own name",
            d.join("..").join(d.file_name().unwrap()).join("zh.txt"),
            true,
        ),
        ("a symbolic link to it", d.join("link-to-zh"), true),
        ("a relative symbolic link", d.join("relative-link"), true),
        ("a hard link to it", d.join("hard-link"), true),
        ("the other input", en.clone(), true),
        ("another file", d.join("out.tsv"), false),
        (
            "the same name in another folder",
            d.join("sub/zh.txt"),
            false,
        ),
        ("standard output", PathBuf::from("-"), false),
        ("a device", PathBuf::from("/dev/null"), false),
    ];
    for (name, output, refused) in cases {
        let got = refuse_overwriting_inputs(&[&output], &[&zh, &en]);
        assert_eq!(got.is_err(), refused, "{name}: {got:?}");
        if let Err(e) = got {
            assert_eq!(e.kind(), ErrorKind::Config, "{name}");
            let msg = e.to_string();
            assert!(msg.contains(&output.display().to_string()), "{name}: {msg}");
            assert!(
                msg.contains(&zh.display().to_string()) || msg.contains(&en.display().to_string()),
                "{name}: {msg}"
            );
            assert_eq!(msg.lines().count(), 1, "{name}: {msg}");
        }
    }
    // Inputs given as `-` or as devices are never outputs' files.
    let stdin = Path::new("-");
    assert!(refuse_overwriting_inputs(&[stdin], &[stdin]).is_ok());
    let null = Path::new("/dev/null");
    assert!(refuse_overwriting_inputs(&[null], &[null]).is_ok());
}

/// Guards point 4 for Moses: a prefix whose `.zh` or `.en` file is an input is refused (the
/// paths come from `Options::output_paths`, known before any work), and a new file's id is
/// where it would be created whatever the spelling.
#[test]
fn a_moses_prefix_whose_files_are_inputs_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let zh = d.join("corpus.zh");
    let en = d.join("corpus.en");
    std::fs::write(&zh, "你好。").unwrap();
    std::fs::write(&en, "Hello.").unwrap();
    let options = Options::default();
    for (name, prefix, refused) in [
        ("the inputs' prefix", d.join("corpus"), true),
        ("spelt with ./", d.join("./corpus"), true),
        ("another prefix", d.join("pairs"), false),
    ] {
        let outputs = options.output_paths(Format::Moses, &prefix);
        assert_eq!(outputs.len(), 2, "{name}");
        let outputs: Vec<&Path> = outputs.iter().map(PathBuf::as_path).collect();
        let got = refuse_overwriting_inputs(&outputs, &[&zh, &en]);
        assert_eq!(got.is_err(), refused, "{name}: {got:?}");
    }
    // Only the target side's file is an input: still refused.
    std::fs::remove_file(&zh).unwrap();
    let outputs = options.output_paths(Format::Moses, &d.join("corpus"));
    let outputs: Vec<&Path> = outputs.iter().map(PathBuf::as_path).collect();
    assert!(refuse_overwriting_inputs(&outputs, &[&en]).is_err());
    // Files not written yet compare by where they would be.
    std::fs::create_dir(d.join("a")).unwrap();
    assert_eq!(
        FileId::of(&d.join("a/new/x.tsv")),
        FileId::of(&d.join("a/../a/./new/y/../x.tsv"))
    );
    assert_ne!(
        FileId::of(&d.join("a/x.tsv")),
        FileId::of(&d.join("a/y.tsv"))
    );
}

// ------------------------------------------------- special files are written in place

/// Guards point 1: a FIFO is opened and written, never replaced by a regular file.
#[test]
fn a_fifo_is_written_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out.tsv");
    if !made_fifo(&fifo, "save::a_fifo_is_written_in_place") {
        return;
    }
    let reader = FifoReader::spawn(&fifo);
    save(&[file(&fifo, "a\tb\t1.000\n")]).expect("save to a FIFO");
    let got = reader
        .wait(TIMEOUT)
        .expect("the reader got an end")
        .unwrap();
    assert_eq!(got, b"a\tb\t1.000\n");
    assert!(is_fifo(&fifo), "still a FIFO");
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

/// Guards point 1: `/dev/null`, and a symbolic link to it, are written in place: still a
/// character device, and no temporary file is made in `/dev` or beside the link.
#[test]
fn dev_null_is_written_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let null = Path::new("/dev/null");
    if !std::fs::metadata(null).is_ok_and(|m| m.file_type().is_char_device()) {
        skip("save::dev_null_is_written_in_place", "no /dev/null device");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("null");
    symlink(null, &link).unwrap();
    for target in [null, &link] {
        save(&[file(target, "discarded\n")]).expect("save to /dev/null");
        let m = std::fs::metadata(null).unwrap();
        assert!(m.file_type().is_char_device(), "{}", target.display());
    }
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(leftovers(Path::new("/dev")).is_empty());
    assert!(leftovers(dir.path()).is_empty());
}

// ------------------------------------------------------------- symbolic links followed

/// Guards point 1: a symbolic link is resolved and the file it points to replaced: the link
/// stays a link, whether absolute, relative, a chain, into another folder, or dangling (its
/// target is created).
#[test]
fn a_symlinked_target_gets_the_output_and_the_link_stays() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("real")).unwrap();
    std::fs::create_dir(d.join("links")).unwrap();
    // (name, link, what it points to, the file that gets the output, whether it exists)
    let cases: Vec<(&str, PathBuf, PathBuf, PathBuf, bool)> = vec![
        (
            "absolute",
            d.join("links/abs.tsv"),
            d.join("real/a.tsv"),
            d.join("real/a.tsv"),
            true,
        ),
        (
            "relative, into another folder",
            d.join("links/rel.tsv"),
            PathBuf::from("../real/b.tsv"),
            d.join("real/b.tsv"),
            true,
        ),
        (
            "dangling",
            d.join("links/dangling.tsv"),
            PathBuf::from("../real/new.tsv"),
            d.join("real/new.tsv"),
            false,
        ),
        (
            "a chain",
            d.join("links/chain.tsv"),
            PathBuf::from("abs.tsv"),
            d.join("real/a.tsv"),
            true,
        ),
    ];
    for (name, link, points_to, real, exists) in &cases {
        if *exists && !real.exists() {
            std::fs::write(real, "old\n").unwrap();
        }
        symlink(points_to, link).unwrap();
        let bytes = format!("new through {name}\n");
        save(&[file(link, &bytes)]).unwrap_or_else(|e| panic!("{name}: {e}"));
        let meta = std::fs::symlink_metadata(link).unwrap();
        assert!(meta.file_type().is_symlink(), "{name}: the link stays");
        assert_eq!(&std::fs::read_link(link).unwrap(), points_to, "{name}");
        assert_eq!(read(real), bytes, "{name}");
        assert!(leftovers(&d.join("real")).is_empty(), "{name}");
        assert!(leftovers(&d.join("links")).is_empty(), "{name}");
    }
}

// ------------------------------------------- temporary files are new, unpredictable

/// Guards point 2: the old temporary name, `.NAME.PID.tmp`, was predictable: a symbolic link
/// planted there pointed the write at any file. Planted links for this process's id (the one
/// the library would have used) and its neighbours redirect nothing: the victim keeps its
/// bytes, the planted links stay as they were, the output is a regular file.
#[test]
fn planted_links_at_predictable_temporary_names_redirect_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let victim = d.join("victim.txt");
    std::fs::write(&victim, "precious\n").unwrap();
    let pid = std::process::id();
    let planted: Vec<PathBuf> = (pid.saturating_sub(50)..pid + 50)
        .map(|p| d.join(format!(".out.tsv.{p}.tmp")))
        .collect();
    for link in &planted {
        symlink(&victim, link).unwrap();
    }
    let out = d.join("out.tsv");
    for round in ["new", "replaced"] {
        save(&[file(&out, &format!("{round}\n"))]).expect(round);
        assert_eq!(
            read(&victim),
            "precious\n",
            "{round}: the victim is untouched"
        );
        assert_eq!(read(&out), format!("{round}\n"));
        assert!(!std::fs::symlink_metadata(&out)
            .unwrap()
            .file_type()
            .is_symlink());
    }
    for link in &planted {
        assert_eq!(std::fs::read_link(link).unwrap(), victim);
    }
    // Nothing else is left: the planted links and the files.
    let names = std::fs::read_dir(d).unwrap().count();
    assert_eq!(names, planted.len() + 2);
}

// ------------------------------------------------------------------ permissions kept

/// Guards point 3: a replaced file keeps its permission bits (a 0o640 file stays 0o640, a
/// read-only one stays read-only); a new file gets what any new file gets (0o666 less the
/// umask, as `std::fs::write` makes it).
#[test]
fn a_replaced_file_keeps_its_permissions() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bits) in [
        ("group-readable", 0o640),
        ("private", 0o600),
        ("executable", 0o755),
        ("read-only", 0o444),
        ("world-writable", 0o666),
    ] {
        let out = dir.path().join(format!("{name}.tsv"));
        std::fs::write(&out, "old\n").unwrap();
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(bits)).unwrap();
        save(&[file(&out, "new\n")]).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(read(&out), "new\n", "{name}");
        assert_eq!(mode(&out), bits, "{name}: {:o}", mode(&out));
    }
    let reference = dir.path().join("reference");
    std::fs::write(&reference, "").unwrap();
    let new = dir.path().join("new.tsv");
    save(&[file(&new, "new\n")]).unwrap();
    assert_eq!(mode(&new), mode(&reference), "{:o}", mode(&new));
    // Through a symbolic link: the mode of the file it points to.
    let target = dir.path().join("target.tsv");
    std::fs::write(&target, "old\n").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.tsv");
    symlink(&target, &link).unwrap();
    save(&[file(&link, "new\n")]).unwrap();
    assert_eq!(mode(&target), 0o640);
    assert!(leftovers(dir.path()).is_empty());
}

// ----------------------------------------------------------- several files: all or none

/// Guards point 3: when the second file of a pair cannot be written, the first keeps its
/// previous contents and nothing new is left (its temporary file is removed); a folder as a
/// target is refused before anything is written.
#[test]
fn a_pair_that_cannot_be_written_keeps_the_previous_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let zh = d.join("p.zh");
    let en = d.join("p.en");
    std::fs::write(&zh, "old zh\n").unwrap();
    // (name, how the second target is made unwritable)
    let cases: [(&str, &dyn Fn()); 3] = [
        ("a link into a missing folder", &|| {
            symlink("no/such/folder/p.en", &en).unwrap()
        }),
        ("a folder", &|| std::fs::create_dir(&en).unwrap()),
        ("a link to a folder", &|| symlink(d, &en).unwrap()),
    ];
    for (name, make) in cases {
        make();
        let before = std::fs::read_dir(d).unwrap().count();
        let err = save(&[file(&zh, "new zh\n"), file(&en, "new en\n")])
            .expect_err(name)
            .to_string();
        assert!(err.contains("p.en"), "{name}: {err}");
        assert_eq!(read(&zh), "old zh\n", "{name}");
        assert!(leftovers(d).is_empty(), "{name}: {:?}", leftovers(d));
        assert_eq!(std::fs::read_dir(d).unwrap().count(), before, "{name}");
        if std::fs::symlink_metadata(&en).unwrap().is_dir() {
            std::fs::remove_dir(&en).unwrap();
        } else {
            std::fs::remove_file(&en).unwrap();
        }
    }
}

/// Guards point 3: when a rename fails after an earlier one of the same save succeeded,
/// the file already renamed is put back. Made real, not simulated: the save writes its
/// temporary files, then waits on a FIFO (the third file) while a folder takes the place
/// of its second, new target; the rename over it fails, and the first file is the old one
/// again (the library's unit tests also inject the failure, and the failure to put back).
#[test]
fn a_failed_rename_puts_back_the_files_already_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (first, second, fifo) = (d.join("a.txt"), d.join("b.txt"), d.join("c.fifo"));
    if !made_fifo(
        &fifo,
        "save::a_failed_rename_puts_back_the_files_already_renamed",
    ) {
        return;
    }
    std::fs::write(&first, "old a\n").unwrap();
    let files = [
        file(&first, "new a\n"),
        file(&second, "new b\n"),
        file(&fifo, "c\n"),
    ];
    let temps = TempFiles::new();
    let result = std::thread::scope(|s| {
        let saving = s.spawn(|| save_with(&files, &temps));
        // Both temporary files written: the save now waits for the FIFO's reader.
        assert!(
            wait_until(TIMEOUT, || temps.paths().len() == 2),
            "two temporary files"
        );
        std::fs::create_dir(&second).unwrap();
        let reader = FifoReader::spawn(&fifo);
        let got = reader.wait(TIMEOUT).expect("the FIFO is written");
        assert_eq!(got.unwrap(), b"c\n");
        saving.join().unwrap()
    });
    let err = result
        .expect_err("the rename over a folder fails")
        .to_string();
    assert!(err.contains("b.txt"), "{err}");
    assert_eq!(read(&first), "old a\n", "put back");
    assert!(second.is_dir(), "the folder is not ours to remove");
    assert!(leftovers(d).is_empty(), "{:?}", leftovers(d));
    assert!(temps.paths().is_empty());
}

// ----------------------------------------------------------------- abandoning a save

/// Guards point 2's library side: `TempFiles::abandon` removes the temporary files of a
/// save in progress and stops it: nothing more is written or renamed, the old target is
/// unchanged, and the save fails saying so. The save is caught mid-write by giving it a FIFO
/// as its second file, which it opens after writing its temporary file.
#[test]
fn abandon_removes_the_temporary_files_and_stops_the_save() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (out, fifo) = (d.join("out.tsv"), d.join("pipe"));
    if !made_fifo(
        &fifo,
        "save::abandon_removes_the_temporary_files_and_stops_the_save",
    ) {
        return;
    }
    std::fs::write(&out, "old\n").unwrap();
    let files = [file(&out, "new\n"), file(&fifo, "piped\n")];
    let temps = TempFiles::new();
    let result = std::thread::scope(|s| {
        let saving = s.spawn(|| save_with(&files, &temps));
        assert!(wait_until(TIMEOUT, || !temps.paths().is_empty()));
        let temp = temps.paths()[0].clone();
        assert!(temp.exists(), "{}", temp.display());
        assert_eq!(temp.parent(), std::fs::canonicalize(d).ok().as_deref());
        let held = temps.abandon();
        assert!(!temp.exists(), "removed");
        drop(held);
        // A save already opening the FIFO (which waits for a reader) is let past it; one
        // that had not got there stops before it.
        if !wait_until(Duration::from_secs(1), || saving.is_finished()) {
            let _ = FifoReader::spawn(&fifo).wait(TIMEOUT);
        }
        saving.join().unwrap()
    });
    let err = result.expect_err("an abandoned save fails").to_string();
    assert!(err.contains("abandoned"), "{err}");
    assert_eq!(read(&out), "old\n");
    assert!(leftovers(d).is_empty(), "{:?}", leftovers(d));
    assert!(temps.paths().is_empty());
    // An abandoned set stops every later save.
    let later = save_with(&[file(&d.join("later.tsv"), "x")], &temps);
    assert!(later.is_err() && !d.join("later.tsv").exists());
}
