//! `bialign batch`: many document pairs aligned in parallel, from a job file or from JSONL on
//! standard input.
//!
//! Every document goes through the library's [`Pipeline`], as `bialign align` does, so a
//! batch gives byte for byte what single runs give; a JSONL line is a library
//! [`BatchJob`] and its result a [`BatchResult`]. Jobs are handed to the rayon pool in input
//! order and their results (messages, JSONL lines) are emitted in input order, whatever the
//! number of threads.

use super::{AlignOptions, CliResult};
use bialign::batch::{BatchJob, BatchResult};
use bialign::export::{refuse_overwriting_inputs, save_with, FileId, Format, OutputFile};
use bialign::text::decode::{read_text, STDIN_NAME};
use bialign::{Options, Pipeline};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::iter::{ParallelBridge, ParallelIterator};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The text after `bialign batch --help`.
pub(crate) const AFTER_HELP: &str = "\
Job file: one document pair a line, SRC<TAB>TGT<TAB>OUT (the source file, Chinese unless
--src-lang says otherwise, the target file and the output file). Blank lines and lines
starting with # are skipped. Relative paths are resolved against the job file's directory,
not the current one; the names shown in TMX and HTML output are the file names (the paths
as written with --full-paths). An
empty TGT field means that SRC holds both languages (as `bialign align MIXED`). Missing
output directories are created. A job whose output is an input of any job, the job file
itself or the output of an earlier job (the same file, however spelt or linked) is refused
before any work, as a failed document.

Output format: --format for every document when given; otherwise each OUT's extension
decides (.tsv, .csv, .jsonl, .tmx, .html or .htm, .ids or .align) and any other extension gives
TSV. With --format moses, OUT is the prefix of the two files.

JSONL on standard input (JOBFILE `-`): one object a line, {\"id\":..,\"src\":\"..\",\"tgt\":\"..\"}
with the texts themselves (no \"tgt\": \"src\" holds both languages); the id is echoed
exactly as written (a big integer stays that integer). Standard input is read
to its end first. One object a line on standard output, in input order:
{\"id\":..,\"beads\":[{\"src\":[0],\"tgt\":[0],\"src_text\":..,\"tgt_text\":..,\"score\":..},..]}
(the beads as `--format jsonl` writes them), or with --format tmx|tsv|csv|ids|html
{\"id\":..,\"format\":\"tmx\",\"output\":\"..\"}; a bad line gives
{\"id\":..,\"line\":N,\"error\":\"..\"} and the batch goes on.

A document that fails (missing or undecodable file, bad line) gets a one-line message on
standard error and no output file; the others are still aligned. The last line on standard
error says `N documents, K failed`; the exit status is 1 when any failed. A progress bar
(documents, sentences per second, time left) is drawn on standard error when it is a
terminal.

Examples:
  bialign batch jobs.tsv
  bialign batch --format tmx --threads 4 jobs.tsv
  for f in zh/*.txt; do b=$(basename \"$f\" .txt); \\
    printf '%s\\t%s\\t%s\\n' \"$f\" \"en/$b.txt\" \"out/$b.tmx\"; done > jobs.tsv
  bialign batch --presplit --format ids jobs.tsv
  printf '%s\\n' '{\"id\":1,\"src\":\"你好。\",\"tgt\":\"Hello.\"}' | bialign batch -";

#[derive(Args)]
pub(crate) struct BatchArgs {
    /// Job file of `SRC<TAB>TGT<TAB>OUT` lines, or `-` for JSONL documents on standard input.
    #[arg(value_name = "JOBFILE")]
    jobs: PathBuf,
    /// Worker threads (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0)]
    threads: usize,
    #[command(flatten)]
    options: AlignOptions,
}

/// One unit of work, in input order.
enum Job {
    /// A line of the job file.
    Files {
        /// `JOBFILE:LINE`, the prefix of this job's messages.
        place: String,
        src: PathBuf,
        tgt: Option<PathBuf>,
        out: PathBuf,
        /// The paths as written in the job file: the document names of the output.
        names: (String, Option<String>),
    },
    /// A line of JSONL on standard input.
    Texts(BatchJob),
    /// A line that could not be read as a job, with its result record for JSONL lines.
    Bad {
        message: String,
        record: Option<BatchResult>,
    },
}

/// What one job gives back to the thread that reports.
struct Done {
    /// Sentences aligned (both sides), for the rate.
    sentences: usize,
    warnings: Vec<String>,
    /// The JSONL result record, in JSONL mode.
    json: Option<BatchResult>,
    /// The one-line error of a failed document.
    error: Option<String>,
}

/// Runs `bialign batch`.
pub(crate) fn run(a: BatchArgs) -> CliResult {
    let o = &a.options;
    if o.fixed.is_some() {
        return Err("--fixed names the beads of one document: use it with `align`".into());
    }
    let jsonl = a.jobs.as_os_str() == "-";
    if jsonl && o.format.is_some_and(Format::is_two_files) {
        return Err("--format moses writes two files and cannot be used with JSONL input".into());
    }
    let jobs = if jsonl {
        read_jsonl(o.max_input_bytes)?
    } else {
        let mut jobs = read_job_file(&a.jobs, o.max_input_bytes)?;
        refuse_clobbering(&mut jobs, &a.jobs, &o.to_options(None));
        jobs
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads)
        .build()
        .map_err(|e| format!("cannot start {} threads: {e}", a.threads))?;
    // Documents are aligned in parallel: each alignment on one thread keeps the threads to
    // the number asked for (a single document may use them all).
    let per_document = if jobs.len() > 1 {
        1
    } else {
        pool.current_num_threads()
    };
    let pipeline = Pipeline::new(&o.to_options(Some(per_document)))?;

    let total = jobs.len();
    let bar = progress_bar(total);
    let started = Instant::now();
    let mut stdout = std::io::stdout().lock();
    let (mut failed, mut sentences) = (0usize, 0usize);
    let mut write_error = None;
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Done)>();
    std::thread::scope(|s| {
        s.spawn(|| {
            pool.install(|| {
                // `par_bridge` hands the jobs out in input order, so few finished results
                // wait for an earlier one and the reordering below stays small.
                jobs.iter()
                    .enumerate()
                    .par_bridge()
                    .for_each_with(tx, |tx, (k, job)| {
                        // Sending fails only when the reporting loop is gone (it panicked).
                        let _ = tx.send((k, run_job(job, &pipeline)));
                    });
            });
        });
        let mut pending = BTreeMap::new();
        let mut next = 0;
        for (k, done) in rx {
            sentences += done.sentences;
            bar.inc(1);
            let rate = sentences as f64 / started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{rate:.0} sentences/s"));
            pending.insert(k, done);
            while let Some(done) = pending.remove(&next) {
                next += 1;
                bar.suspend(|| {
                    for w in &done.warnings {
                        super::logger::say(&format!("bialign: warning: {w}"));
                    }
                    if let Some(e) = &done.error {
                        super::logger::say(&format!("bialign: {e}"));
                    }
                });
                failed += usize::from(done.error.is_some());
                if let (Some(record), None) = (&done.json, &write_error) {
                    let line = serde_json::to_string(record).map_err(std::io::Error::from);
                    if let Err(e) = line.and_then(|l| writeln!(stdout, "{l}")) {
                        write_error = Some(e);
                    }
                }
            }
        }
    });
    bar.finish_and_clear();
    if let Some(e) = write_error.or_else(|| stdout.flush().err()) {
        return Err(format!("standard output: {e}").into());
    }
    let plural = if total == 1 { "" } else { "s" };
    super::logger::say(&format!(
        "bialign: {total} document{plural}, {failed} failed"
    ));
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A progress bar on standard error when it is a terminal, a hidden one otherwise.
fn progress_bar(total: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total as u64);
    let style = ProgressStyle::with_template(
        "{elapsed_precise} [{bar:30}] {pos}/{len} documents, {msg}, {eta} left",
    )
    .map(|s| s.progress_chars("=> "))
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message("0 sentences/s");
    bar
}

/// Aligns one job and writes its output; never panics on bad input.
fn run_job(job: &Job, pipeline: &Pipeline) -> Done {
    let mut done = Done {
        sentences: 0,
        warnings: Vec::new(),
        json: None,
        error: None,
    };
    match job {
        Job::Bad { message, record } => {
            done.error = Some(message.clone());
            done.json = record.clone();
        }
        Job::Files {
            place,
            src,
            tgt,
            out,
            names,
        } => {
            if let Err(e) = run_file_job(pipeline, (src, tgt.as_deref()), out, names, &mut done) {
                done.error = Some(format!("{place}: {e}"));
            }
            let prefix = format!("{place}: ");
            for w in &mut done.warnings {
                w.insert_str(0, &prefix);
            }
        }
        Job::Texts(job) => {
            let outcome = job.run(pipeline);
            done.sentences = outcome.sentences;
            done.warnings = outcome.warnings;
            if let BatchResult::Error { error, .. } = &outcome.record {
                done.error = Some(error.clone());
            }
            done.json = Some(outcome.record);
        }
    }
    done
}

/// Reads, aligns and writes the files of one job-file line.
fn run_file_job(
    pipeline: &Pipeline,
    (src, tgt): (&Path, Option<&Path>),
    out: &Path,
    names: &(String, Option<String>),
    done: &mut Done,
) -> Result<(), String> {
    let mut doc = pipeline.read(src, tgt).map_err(|e| e.to_string())?;
    done.warnings = std::mem::take(&mut doc.warnings);
    // Named from the paths as written in the job file, as `bialign align` names its
    // arguments (file names, or the paths with --full-paths).
    let name = |written: &str| pipeline.options().doc_name(Path::new(written));
    doc.src_name = Some(name(&names.0));
    doc.tgt_name = Some(name(names.1.as_deref().unwrap_or(&names.0)));
    done.sentences = doc.src.len() + doc.tgt.len();
    let format = pipeline.format_for(Some(out));
    let (files, _) = pipeline
        .render(&doc, format, Some(out))
        .map_err(|e| e.to_string())?;
    // Checked before the jobs ran by the options' languages; again with the files' own
    // names, as Moses names its two by the languages, which may have been detected.
    let written: Vec<&Path> = files.iter().filter_map(|f| f.path.as_deref()).collect();
    let inputs: Vec<&Path> = std::iter::once(src)
        .chain(tgt)
        .chain(pipeline.options().dict.iter().map(PathBuf::as_path))
        .collect();
    refuse_overwriting_inputs(&written, &inputs).map_err(|e| e.to_string())?;
    write_all(&files)
}

/// Writes every file of one document, or none (a failure removes those already written),
/// creating missing output folders.
fn write_all(files: &[OutputFile]) -> Result<(), String> {
    for p in files.iter().filter_map(|f| f.path.as_deref()) {
        if let Some(d) = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty() && !d.exists())
        {
            std::fs::create_dir_all(d)
                .map_err(|e| format!("{}: cannot create its directory: {e}", p.display()))?;
        }
    }
    save_with(files, &super::TEMP_FILES).map_err(|e| e.to_string())
}

/// Reads a job file: one job a line, bad lines as [`Job::Bad`].
fn read_job_file(path: &Path, limit: u64) -> Result<Vec<Job>, Box<dyn std::error::Error>> {
    let text = read_text(path, limit)?;
    // A job file in the current directory has an empty parent: paths stay as written.
    let base = path.parent().unwrap_or(Path::new(""));
    let mut jobs = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let place = format!("{}:{}", path.display(), k + 1);
        let job = parse_job_line(line, base).map(|(src, tgt, out, names)| Job::Files {
            place: place.clone(),
            src,
            tgt,
            out,
            names,
        });
        jobs.push(job.unwrap_or_else(|message| Job::Bad {
            message: format!("{place}: {message}"),
            record: None,
        }));
    }
    Ok(jobs)
}

/// Refuses, before any work, each job that would overwrite what it should not: a file it
/// reads, a dictionary or the job file (the library's [`refuse_overwriting_inputs`]), a file
/// another job reads, or a file an earlier job writes. Files are compared as files
/// ([`FileId`]: every spelling, symbolic and hard links), not as strings. A refused job
/// fails alone, as a job whose input is missing does.
fn refuse_clobbering(jobs: &mut [Job], job_file: &Path, options: &Options) {
    let mut read_by: HashMap<FileId, (String, PathBuf)> = HashMap::new();
    for job in jobs.iter() {
        if let Job::Files {
            place, src, tgt, ..
        } = job
        {
            for input in std::iter::once(src).chain(tgt) {
                if let Some(id) = FileId::of(input) {
                    read_by
                        .entry(id)
                        .or_insert_with(|| (place.clone(), input.clone()));
                }
            }
        }
    }
    let mut written_by: HashMap<FileId, String> = HashMap::new();
    for job in jobs.iter_mut() {
        let Job::Files {
            place,
            src,
            tgt,
            out,
            ..
        } = job
        else {
            continue;
        };
        let outputs = options.output_paths(options.format_for(Some(out)), out);
        let own: Vec<&Path> = [src.as_path(), job_file]
            .into_iter()
            .chain(tgt.as_deref())
            .chain(options.dict.iter().map(PathBuf::as_path))
            .collect();
        let refused = refuse_overwriting_inputs(
            &outputs.iter().map(PathBuf::as_path).collect::<Vec<_>>(),
            &own,
        )
        .map_err(|e| e.to_string())
        .and_then(|()| {
            let ids: Vec<(&PathBuf, FileId)> = outputs
                .iter()
                .filter_map(|p| FileId::of(p).map(|id| (p, id)))
                .collect();
            for (output, id) in &ids {
                if let Some((other, input)) = read_by.get(id) {
                    return Err(format!(
                        "{}: would overwrite {}, an input of {other}: give another output",
                        output.display(),
                        input.display()
                    ));
                }
                if let Some(first) = written_by.get(id) {
                    return Err(format!(
                        "{}: the same output file as {first}",
                        output.display()
                    ));
                }
            }
            for (_, id) in ids {
                written_by.insert(id, place.clone());
            }
            Ok(())
        });
        if let Err(message) = refused {
            *job = Job::Bad {
                message: format!("{place}: {message}"),
                record: None,
            };
        }
    }
}

/// The paths of a job line resolved against `base`, and the names as written.
type JobLine = (PathBuf, Option<PathBuf>, PathBuf, (String, Option<String>));

/// Splits a job line into its source, target and output paths.
fn parse_job_line(line: &str, base: &Path) -> Result<JobLine, String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [src, tgt, out] = fields[..] else {
        return Err(format!(
            "expected SRC<TAB>TGT<TAB>OUT, found {} tab-separated field{}",
            fields.len(),
            if fields.len() == 1 { "" } else { "s" }
        ));
    };
    if src.is_empty() || out.is_empty() {
        return Err("the source and output fields must not be empty".into());
    }
    if [src, tgt, out].contains(&"-") {
        return Err("`-` (standard input or output) cannot be used in a job file".into());
    }
    let tgt = (!tgt.is_empty()).then_some(tgt);
    Ok((
        base.join(src),
        tgt.map(|t| base.join(t)),
        base.join(out),
        (src.to_string(), tgt.map(str::to_string)),
    ))
}

/// Reads JSONL documents from standard input, one job a non-blank line.
fn read_jsonl(limit: u64) -> Result<Vec<Job>, Box<dyn std::error::Error>> {
    let stdin = std::io::stdin();
    let mut reader = stdin.lock();
    let mut jobs = Vec::new();
    let mut buf = Vec::new();
    let mut n = 0;
    loop {
        buf.clear();
        let read = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| format!("{STDIN_NAME}: {e}"))?;
        if read == 0 {
            break;
        }
        n += 1;
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        jobs.push(parse_jsonl_line(&buf, n, limit));
    }
    Ok(jobs)
}

/// One JSONL line as a job.
fn parse_jsonl_line(bytes: &[u8], line: usize, limit: u64) -> Job {
    match BatchJob::parse_line(bytes, line, limit) {
        Ok(job) => Job::Texts(job),
        Err(bad) => Job::Bad {
            record: Some(bad.record()),
            message: bad.message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_lines() {
        let base = Path::new("/jobs");
        let (src, tgt, out, names) = parse_job_line("zh/1.txt\ten/1.txt\tout/1.tmx", base).unwrap();
        assert_eq!(src, Path::new("/jobs/zh/1.txt"));
        assert_eq!(tgt.as_deref(), Some(Path::new("/jobs/en/1.txt")));
        assert_eq!(out, Path::new("/jobs/out/1.tmx"));
        assert_eq!(
            names,
            ("zh/1.txt".to_string(), Some("en/1.txt".to_string()))
        );
        let (_, tgt, _, _) = parse_job_line("/abs/mixed.txt\t\tout.tsv", base).unwrap();
        assert!(tgt.is_none());
        assert!(parse_job_line("a\tb", base).is_err());
        assert!(parse_job_line("a\tb\tc\td", base).is_err());
        assert!(parse_job_line("-\tb\tc", base).is_err());
        assert!(parse_job_line("a\tb\t", base).is_err());
    }

    #[test]
    fn formats_from_extensions() {
        let format_of = |p: &str| Format::for_output(Some(Path::new(p)));
        assert_eq!(format_of("a/b.TMX"), Format::Tmx);
        assert_eq!(format_of("b.htm"), Format::Html);
        assert_eq!(format_of("b.align"), Format::Ids);
        assert_eq!(format_of("b.jsonl"), Format::Jsonl);
        assert_eq!(format_of("b.CSV"), Format::Csv);
        assert_eq!(format_of("b.txt"), Format::Tsv);
        assert_eq!(format_of("b"), Format::Tsv);
    }

    #[test]
    fn jsonl_lines() {
        let limit = 1 << 20;
        match parse_jsonl_line(br#"{"id":"a","src":"x","tgt":"y"}"#, 1, limit) {
            Job::Texts(BatchJob { id, src, tgt, .. }) => {
                assert_eq!(id.get(), r#""a""#);
                assert_eq!(src, "x");
                assert_eq!(tgt.as_deref(), Some("y"));
            }
            _ => panic!("a good line"),
        }
        for (bad, id) in [
            (&br#"{"id":7,"src":1,"tgt":"y"}"#[..], "7"),
            (br#"{"id":7,"tgt":"y"}"#, "7"),
            (br#"[1,2]"#, "null"),
            (br#"{"src":"x""#, "null"),
            // The id as written: a big integer is not turned into a float.
            (
                br#"{"id":123456789012345678901234567890,"tgt":"y"}"#,
                "123456789012345678901234567890",
            ),
        ] {
            match parse_jsonl_line(bad, 3, limit) {
                Job::Bad {
                    message,
                    record:
                        Some(BatchResult::Error {
                            id: got, line: 3, ..
                        }),
                } => {
                    assert!(message.starts_with("<stdin>:3: "), "{message}");
                    assert_eq!(got.get(), id);
                }
                _ => panic!("a bad line: {}", String::from_utf8_lossy(bad)),
            }
        }
    }
}
