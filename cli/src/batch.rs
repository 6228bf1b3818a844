//! `bialign batch`: many document pairs aligned in parallel, from a job file or from JSONL on
//! standard input.
//!
//! Every document goes through the same steps as `bialign align` ([`Doc::read`] or
//! [`segment_pair`], then [`Doc::render`]) with one shared [`Aligner`], so a batch gives
//! byte for byte what single runs give. Jobs are handed to the rayon pool in input order and
//! their results (messages, JSONL lines) are emitted in input order, whatever the number of
//! threads.

use super::{
    build_aligners, segment_pair, segmenter, write_output, AlignOptions, Aligners, CliResult, Doc,
    Rendered,
};
use bialign::export::Format;
use bialign::text::decode::{decode, read_text, STDIN_NAME};
use bialign::text::Segmenter;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::iter::{ParallelBridge, ParallelIterator};
use serde_json::Value;
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
not the current one; the names shown in TMX and HTML output are the paths as written. An
empty TGT field means that SRC holds both languages (as `bialign align MIXED`). Missing
output directories are created.

Output format: --format for every document when given; otherwise each OUT's extension
decides (.tsv, .jsonl, .tmx, .html or .htm, .ids or .align) and any other extension gives
TSV. With --format moses, OUT is the prefix of the two files.

JSONL on standard input (JOBFILE `-`): one object a line, {\"id\":..,\"src\":\"..\",\"tgt\":\"..\"}
with the texts themselves (no \"tgt\": \"src\" holds both languages). Standard input is read
to its end first. One object a line on standard output, in input order:
{\"id\":..,\"beads\":[{\"src\":[0],\"tgt\":[0],\"src_text\":..,\"tgt_text\":..,\"score\":..},..]}
(the beads as `--format jsonl` writes them), or with --format tmx|tsv|ids|html
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
    /// Job file of SRC<TAB>TGT<TAB>OUT lines, or `-` for JSONL documents on standard input.
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
    Texts {
        line: usize,
        id: Value,
        src: String,
        tgt: Option<String>,
    },
    /// A line that could not be read as a job; `id` for JSONL lines.
    Bad {
        message: String,
        line: Option<(usize, Value)>,
    },
}

/// What one job gives back to the thread that reports.
struct Done {
    /// Sentences aligned (both sides), for the rate.
    sentences: usize,
    warnings: Vec<String>,
    /// The JSONL result line, in JSONL mode.
    json: Option<String>,
    /// The one-line error of a failed document.
    error: Option<String>,
}

/// Runs `bialign batch`.
pub(crate) fn run(a: BatchArgs) -> CliResult {
    let o = &a.options;
    let jsonl = a.jobs.as_os_str() == "-";
    if jsonl && o.format.is_some_and(Format::is_two_files) {
        return Err("--format moses writes two files and cannot be used with JSONL input".into());
    }
    let jobs = if jsonl {
        read_jsonl(o.max_input_bytes)?
    } else {
        read_job_file(&a.jobs, o.max_input_bytes)?
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
    let aligners = build_aligners(o, Some(per_document))?;
    let seg = segmenter(o.presplit);

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
                        let _ = tx.send((k, run_job(job, &aligners, &seg, o, per_document)));
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
                        eprintln!("bialign: warning: {w}");
                    }
                    if let Some(e) = &done.error {
                        eprintln!("bialign: {e}");
                    }
                });
                failed += usize::from(done.error.is_some());
                if let (Some(line), None) = (&done.json, &write_error) {
                    if let Err(e) = writeln!(stdout, "{line}") {
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
    eprintln!("bialign: {total} document{plural}, {failed} failed");
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
/// Aligns one job with `threads` threads at most.
fn run_job(
    job: &Job,
    aligners: &Aligners,
    seg: &Segmenter,
    o: &AlignOptions,
    threads: usize,
) -> Done {
    let mut done = Done {
        sentences: 0,
        warnings: Vec::new(),
        json: None,
        error: None,
    };
    match job {
        Job::Bad { message, line } => {
            done.error = Some(message.clone());
            done.json = line.as_ref().map(|(n, id)| error_line(id, *n, message));
        }
        Job::Files {
            place,
            src,
            tgt,
            out,
            names,
        } => {
            let format = o.format.unwrap_or_else(|| format_of(out));
            let result = Doc::read(o, seg, (src, tgt.as_deref()), threads, &mut |w| {
                done.warnings.push(format!("{place}: {w}"))
            })
            .map_err(|e| e.to_string())
            .and_then(|mut doc| {
                // The names as written in the job file, as `bialign align` shows its
                // arguments.
                doc.src_name = Some(names.0.clone());
                doc.tgt_name = Some(names.1.clone().unwrap_or_else(|| names.0.clone()));
                done.sentences = doc.src.len() + doc.tgt.len();
                let files = doc
                    .render(aligners, o, format, Some(out))
                    .map_err(|e| e.to_string())?;
                write_all(&files)
            });
            if let Err(e) = result {
                done.error = Some(format!("{place}: {e}"));
            }
        }
        Job::Texts { line, id, src, tgt } => {
            let place = format!("{STDIN_NAME}:{line}");
            let texts = (src.as_str(), tgt.as_deref());
            match align_texts(
                aligners,
                seg,
                o,
                (&place, id),
                texts,
                threads,
                &mut done.warnings,
            ) {
                Ok((n, json)) => {
                    done.sentences = n;
                    done.json = Some(json);
                }
                Err(e) => {
                    done.json = Some(error_line(id, *line, &e));
                    done.error = Some(e);
                }
            }
        }
    }
    done
}

/// Aligns the texts of one JSONL line (its place in the input for messages, and its id):
/// `(sentences, result line)`, or the error message.
fn align_texts(
    aligners: &Aligners,
    seg: &Segmenter,
    o: &AlignOptions,
    (place, id): (&str, &Value),
    (src, tgt): (&str, Option<&str>),
    threads: usize,
    warnings: &mut Vec<String>,
) -> Result<(usize, String), String> {
    let check = |side: &str, text: &str| -> Result<String, String> {
        let name = format!("{place} {side}");
        if text.len() as u64 > o.max_input_bytes {
            return Err(format!(
                "{name}: text is {} bytes, more than the limit of {} bytes",
                text.len(),
                o.max_input_bytes
            ));
        }
        // The same checks (binary refused, byte order mark dropped) as for a file.
        decode(text.as_bytes(), &name).map_err(|e| e.to_string())
    };
    let src_text = check("src", src)?;
    let tgt_text = tgt.map(|t| check("tgt", t)).transpose()?;
    let (src_name, tgt_name) = (format!("{place} src"), format!("{place} tgt"));
    let (s, t) = segment_pair(
        o,
        seg,
        (&src_text, &src_name),
        tgt_text.as_deref().map(|t| (t, tgt_name.as_str())),
        threads,
        &mut |w| warnings.push(w),
    );
    let name = match id {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    };
    let doc = Doc {
        src: s,
        tgt: t,
        src_name: name.clone(),
        tgt_name: name,
        mixed: tgt.is_none(),
    };
    let sentences = doc.src.len() + doc.tgt.len();
    let format = o.format.unwrap_or(Format::Jsonl);
    let files = doc
        .render(aligners, o, format, None)
        .map_err(|e| format!("{place}: {e}"))?;
    let bytes: Vec<u8> = files.into_iter().flat_map(|(_, b)| b).collect();
    let text = String::from_utf8_lossy(&bytes);
    // Written by hand so that "id" comes first and the beads are the very lines that
    // `--format jsonl` writes.
    let result = if format == Format::Jsonl {
        let beads: Vec<&str> = text.lines().collect();
        format!("{{\"id\":{id},\"beads\":[{}]}}", beads.join(","))
    } else {
        format!(
            "{{\"id\":{id},\"format\":\"{}\",\"output\":{}}}",
            format.name(),
            Value::from(text)
        )
    };
    Ok((sentences, result))
}

/// The JSONL error object of line `line`.
fn error_line(id: &Value, line: usize, message: &str) -> String {
    format!(
        "{{\"id\":{id},\"line\":{line},\"error\":{}}}",
        Value::from(message)
    )
}

/// Writes every file of one document, or none: a failure removes those already written.
fn write_all(files: &Rendered) -> Result<(), String> {
    for (k, (path, bytes)) in files.iter().enumerate() {
        let created = path
            .as_deref()
            .and_then(Path::parent)
            .filter(|d| !d.as_os_str().is_empty() && !d.exists())
            .map(std::fs::create_dir_all);
        if let (Some(Err(e)), Some(p)) = (created, path) {
            return Err(format!("{}: cannot create its directory: {e}", p.display()));
        }
        if let Err(e) = write_output(path.as_deref(), bytes) {
            for (written, _) in &files[..k] {
                if let Some(p) = written {
                    let _ = std::fs::remove_file(p);
                }
            }
            return Err(e.to_string());
        }
    }
    Ok(())
}

/// The output format an output file's extension implies (TSV when it implies none).
fn format_of(out: &Path) -> Format {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("jsonl") => Format::Jsonl,
        Some("tmx") => Format::Tmx,
        Some("html" | "htm") => Format::Html,
        Some("ids" | "align") => Format::Ids,
        _ => Format::Tsv,
    }
}

/// Reads a job file: one job a line, bad lines as [`Job::Bad`].
fn read_job_file(path: &Path, limit: u64) -> Result<Vec<Job>, Box<dyn std::error::Error>> {
    let text = read_text(path, limit)?;
    // A job file in the current directory has an empty parent: paths stay as written.
    let base = path.parent().unwrap_or(Path::new(""));
    let mut jobs = Vec::new();
    let mut outputs: HashMap<PathBuf, usize> = HashMap::new();
    for (k, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let place = format!("{}:{}", path.display(), k + 1);
        let job = parse_job_line(line, base).and_then(|(src, tgt, out, names)| {
            match outputs.insert(out.clone(), k + 1) {
                Some(first) => Err(format!(
                    "{}: the same output as line {first}",
                    out.display()
                )),
                None => Ok(Job::Files {
                    place: place.clone(),
                    src,
                    tgt,
                    out,
                    names,
                }),
            }
        });
        jobs.push(job.unwrap_or_else(|message| Job::Bad {
            message: format!("{place}: {message}"),
            line: None,
        }));
    }
    Ok(jobs)
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
    let bad = |id: Value, message: String| Job::Bad {
        message: format!("{STDIN_NAME}:{line}: {message}"),
        line: Some((line, id)),
    };
    // Twice the limit: the two texts, each up to the limit, and the JSON around them.
    if bytes.len() as u64 > limit.saturating_mul(2) {
        return bad(
            Value::Null,
            format!("line is {} bytes, more than the limit", bytes.len()),
        );
    }
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return bad(Value::Null, format!("not a JSON object: {e}")),
    };
    let Value::Object(mut obj) = value else {
        return bad(Value::Null, "not a JSON object".into());
    };
    let id = obj.remove("id").unwrap_or(Value::Null);
    let text = |v: Option<Value>, key: &str| match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format!("\"{key}\" must be a string")),
    };
    let src = match text(obj.remove("src"), "src") {
        Ok(Some(s)) => s,
        Ok(None) => return bad(id, "no \"src\" text".into()),
        Err(e) => return bad(id, e),
    };
    match text(obj.remove("tgt"), "tgt") {
        Ok(tgt) => Job::Texts { line, id, src, tgt },
        Err(e) => bad(id, e),
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
        assert_eq!(format_of(Path::new("a/b.TMX")), Format::Tmx);
        assert_eq!(format_of(Path::new("b.htm")), Format::Html);
        assert_eq!(format_of(Path::new("b.align")), Format::Ids);
        assert_eq!(format_of(Path::new("b.jsonl")), Format::Jsonl);
        assert_eq!(format_of(Path::new("b.txt")), Format::Tsv);
        assert_eq!(format_of(Path::new("b")), Format::Tsv);
    }

    #[test]
    fn jsonl_lines() {
        let limit = 1 << 20;
        match parse_jsonl_line(br#"{"id":"a","src":"x","tgt":"y"}"#, 1, limit) {
            Job::Texts { id, src, tgt, .. } => {
                assert_eq!(id, "a");
                assert_eq!(src, "x");
                assert_eq!(tgt.as_deref(), Some("y"));
            }
            _ => panic!("a good line"),
        }
        for (bad, id) in [
            (&br#"{"id":7,"src":1,"tgt":"y"}"#[..], Value::from(7)),
            (br#"{"id":7,"tgt":"y"}"#, Value::from(7)),
            (br#"[1,2]"#, Value::Null),
            (br#"{"src":"x""#, Value::Null),
        ] {
            match parse_jsonl_line(bad, 3, limit) {
                Job::Bad {
                    message,
                    line: Some((3, got)),
                } => {
                    assert!(message.starts_with("<stdin>:3: "), "{message}");
                    assert_eq!(got, id);
                }
                _ => panic!("a bad line: {}", String::from_utf8_lossy(bad)),
            }
        }
    }
}
