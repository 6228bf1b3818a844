//! User dictionaries: formats, and the input limit, which also bounds what a gzipped
//! dictionary decompresses to (a small file can hold a huge text).

use bialign::{ErrorKind, Lexicon, Options, Pipeline};
use flate2::write::GzEncoder;
use std::io::Write;

/// A gzipped dictionary of `lines` identical pairs, and its decompressed size.
fn gzipped_dictionary(dir: &std::path::Path, lines: usize) -> (std::path::PathBuf, usize) {
    let text = "quaffle\t鬼飞球\n".repeat(lines);
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(text.as_bytes()).expect("compress");
    let path = dir.join("dict.tsv.gz");
    std::fs::write(&path, gz.finish().expect("compress")).expect("write");
    (path, text.len())
}

#[test]
fn gzipped_dictionary_is_bounded_after_decompression() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, unzipped) = gzipped_dictionary(dir.path(), 200_000);
    let on_disk = std::fs::metadata(&path).expect("stat").len();
    assert!(
        on_disk < 100_000,
        "the bomb is small on disk: {on_disk} bytes"
    );
    let limit = (unzipped / 2) as u64;
    assert!(on_disk < limit);
    let err = Lexicon::empty()
        .add_file_limited(&path, limit)
        .expect_err("decompresses past the limit");
    assert_eq!(err.kind(), ErrorKind::Decode);
    let message = err.to_string();
    assert!(
        message.starts_with(&path.display().to_string()),
        "{message}"
    );
    assert!(message.contains("more than the limit"), "{message}");
    // Within the limit it loads.
    let mut lex = Lexicon::empty();
    lex.add_file_limited(&path, unzipped as u64)
        .expect("within the limit");
    // A front-end's --max-input-bytes bounds its dictionaries the same way.
    let options = Options {
        dict: vec![path.clone()],
        max_input_bytes: limit,
        ..Options::default()
    };
    let err = Pipeline::new(&options).expect_err("the dictionary is over the limit");
    assert!(err.to_string().contains("more than the limit"), "{err}");
}

#[test]
fn plain_dictionary_over_the_limit_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("dict.tsv");
    std::fs::write(&path, "quaffle\t鬼飞球\n".repeat(1000)).expect("write");
    let err = Lexicon::empty()
        .add_file_limited(&path, 100)
        .expect_err("over the limit");
    assert_eq!(err.kind(), ErrorKind::TooLarge);
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
}
