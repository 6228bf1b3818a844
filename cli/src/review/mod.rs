//! `bialign review`: a local web page to review and correct an alignment, where each fix
//! realigns what is not fixed around it.
//!
//! One module per concern: [`server`] (HTTP, security rules, routes), [`session`] (the
//! document, fixed beads, edit log with undo and redo, the state file's contents), [`files`]
//! (inputs' hashes, saving the output and the state), [`assets`] (the page), [`engine`] (the
//! one place that calls the library's constrained alignment).

mod assets;
mod engine;
mod files;
mod server;
mod session;

use crate::{AlignOptions, ThreadsArg};
use bialign::export::refuse_overwriting_inputs;
use bialign::{Options, Pipeline};
use clap::Args;
use files::{input_file, read_state, Files};
use session::Session;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(crate) const AFTER_HELP: &str = "The page lists its keys. Every request must carry the \
token of the printed address; the server listens on 127.0.0.1 only, reads only its inputs and \
writes only OUT and the state file (every edit is saved to the state file at once).

Examples:
  bialign review zh.txt en.txt -o pairs.tmx
  bialign review --presplit --open zh.txt en.txt -o pairs.tsv
  bialign review --resume pairs.tmx.review.json";

#[derive(Args)]
pub(crate) struct ReviewArgs {
    /// Source file, of any kind `align` reads (alone: a document holding both languages).
    #[arg(required_unless_present = "resume")]
    src: Option<PathBuf>,
    /// Target file.
    tgt: Option<PathBuf>,
    /// Where "save" writes the alignment; its extension gives the format unless --format
    /// does (.tmx, .tsv, .jsonl, ...).
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// Port to listen on, on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Open the page in the browser.
    #[arg(long)]
    open: bool,
    /// Reopen a saved review state where it stopped (its inputs, options, edits and fixed
    /// beads); refused when an input changed since.
    #[arg(long, value_name = "STATE", conflicts_with_all = ["src", "tgt"])]
    resume: Option<PathBuf>,
    /// The review state file [default: the --resume file, else OUT.review.json with -o].
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    #[command(flatten)]
    threads: ThreadsArg,
    #[command(flatten)]
    options: AlignOptions,
}

/// Runs the review server until the process is stopped.
pub(crate) fn run(a: ReviewArgs) -> crate::CliResult {
    let threads = a.threads.get();
    let (options, inputs, output, initial) = match &a.resume {
        Some(state_path) => {
            let given = a.options.to_options(threads);
            if given
                != (Options {
                    threads,
                    ..Options::default()
                })
            {
                return Err(format!(
                    "{}: a resumed review keeps the options it was started with; give none \
                     but -o, --state, --port, --open and -j",
                    state_path.display()
                )
                .into());
            }
            let state = read_state(state_path, bialign::DEFAULT_MAX_INPUT_BYTES)?;
            let mut options = state.options.clone();
            options.threads = threads;
            // The beads of --fixed are in the state (its first fixed beads), not read again.
            options.fixed = None;
            let inputs: Vec<PathBuf> = state.inputs.iter().map(|i| i.path.clone()).collect();
            let output = a.output.clone().or_else(|| state.output.clone());
            (options, inputs, output, Some(state))
        }
        None => {
            let inputs: Vec<PathBuf> = a.src.iter().chain(&a.tgt).cloned().collect();
            (
                a.options.to_options(threads),
                inputs,
                a.output.clone(),
                None,
            )
        }
    };
    options.validate()?;
    if inputs.iter().any(|p| p.as_os_str() == "-") {
        return Err(
            "bialign review reads files, not standard input (`-`): the review \
                    state names its inputs and checks them when it is resumed"
                .into(),
        );
    }
    let state_path = a
        .state
        .clone()
        .or_else(|| a.resume.clone())
        .or_else(|| output.as_ref().map(|o| with_suffix(o, ".review.json")));
    // Before any work: an output or state file that is an input is refused.
    let mut outputs: Vec<PathBuf> = output
        .as_deref()
        .map(|o| options.output_paths(options.format_for(Some(o)), o))
        .unwrap_or_default();
    outputs.extend(state_path.clone());
    {
        let outs: Vec<&Path> = outputs.iter().map(PathBuf::as_path).collect();
        let ins: Vec<&Path> = inputs
            .iter()
            .map(PathBuf::as_path)
            .chain(options.dict.iter().map(PathBuf::as_path))
            .chain(options.fixed.as_deref())
            .collect();
        refuse_overwriting_inputs(&outs, &ins)?;
    }
    let src = &inputs[0];
    let tgt = inputs.get(1);
    let src_text = options.read_input(src)?;
    let tgt_text = tgt.map(|t| options.read_input(t)).transpose()?;
    let files = Files {
        inputs: inputs
            .iter()
            .map(|p| input_file(p))
            .collect::<Result<_, _>>()?,
        output,
        state: state_path,
    };
    let pipeline = Pipeline::new(&options)?;
    let doc = pipeline.document_of_files(
        (src, &src_text),
        tgt.map(PathBuf::as_path).zip(tgt_text.as_ref()),
    )?;
    for w in &doc.warnings {
        crate::logger::say(&format!("bialign: warning: {w}"));
    }
    let session = match &initial {
        Some(state) => Session::resume(pipeline, doc, state).map_err(|e| {
            format!(
                "{}: {e}",
                a.resume.as_deref().unwrap_or(Path::new("")).display()
            )
        })?,
        None => {
            let fixed = pipeline.fixed().map(<[_]>::to_vec).unwrap_or_default();
            Session::new(pipeline, doc, fixed)?
        }
    };
    let server = server::Server::bind(a.port, session, files)?;
    let url = server.url();
    let mut out = std::io::stdout().lock();
    writeln!(out, "bialign review: {url}")
        .and_then(|()| out.flush())
        .map_err(|e| format!("standard output: {e}"))?;
    drop(out);
    if a.open {
        open_browser(&url);
    }
    server.run();
    Ok(ExitCode::SUCCESS)
}

/// `path` with `suffix` added to its file name (`pairs.tmx` -> `pairs.tmx.review.json`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Opens `url` in the desktop's browser; says so when it cannot.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let started = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = started {
        crate::logger::say(&format!(
            "bialign: warning: cannot open a browser ({opener}: {e}); open the address above"
        ));
    }
}
