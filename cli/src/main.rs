//! The `bialign` command-line tool.

use bialign::eval::{evaluate_paths, render_table, Verses};
use bialign::export::{refuse_overwriting_inputs, save_with, Format, OutputFile, TempFiles};
use bialign::read::read_input;
use bialign::text::{LangTag, Segmenter};
use bialign::{Genre, Lang, Options};
use clap::{Args, Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod batch;
mod logger;
mod review;

/// The temporary files of the saves in progress (`-o`, batch outputs), removed when SIGINT or
/// SIGTERM stops the process ([`stop_cleanly_on_signals`]).
pub(crate) static TEMP_FILES: TempFiles = TempFiles::new();

/// On SIGINT or SIGTERM: removes the temporary files of the saves in progress, holds the
/// saves still (a pair of Moses files being renamed is put in place whole or not at all) and
/// exits with 128 + the signal's number (130, 143), as a shell reports a death by signal.
/// A signal ignored when the process started stays ignored; where the handler cannot be
/// installed the signals keep their default action.
fn stop_cleanly_on_signals() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let handled: Vec<i32> = [SIGINT, SIGTERM]
        .into_iter()
        .filter(|&s| !ignored_at_start(s))
        .collect();
    if handled.is_empty() {
        return;
    }
    let Ok(mut signals) = signal_hook::iterator::Signals::new(handled) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let _held = TEMP_FILES.abandon();
                logger::clear_progress();
                std::process::exit(128 + signal);
            }
        });
}

/// Whether `signal` was ignored when the process started, as `nohup` leaves SIGHUP and a
/// non-interactive shell's `&` leaves SIGINT: such a signal is left ignored, as the one who
/// started the process asked. Read from Linux's `/proc/self/status`; elsewhere, never.
fn ignored_at_start(signal: i32) -> bool {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return false;
    };
    let Some(bit) = u32::try_from(signal - 1).ok().filter(|&b| b < 64) else {
        return false;
    };
    status
        .lines()
        .find_map(|l| l.strip_prefix("SigIgn:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask >> bit & 1 == 1)
}

/// Sentence alignment of a text and its translation, Chinese-English or any other pair.
#[derive(Parser)]
#[command(name = "bialign", version, about, long_about = None)]
struct Cli {
    /// Print each stage's time and memory and the search's rounds on standard error.
    #[arg(long, short = 'v', global = true)]
    verbose: bool,
    /// Also print the anchors, the search guide and every bead's cost (very long).
    #[arg(long, global = true)]
    debug: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Align a text with its translation: Chinese and English, or any pair (--src-lang, --tgt-lang).
    #[command(
        after_help = "Examples:\n  bialign align zh.txt en.txt -o pairs.tsv\n  \
        bialign align --presplit --format ids zh.txt en.txt\n  \
        bialign align --src-lang en --tgt-lang zh en.txt zh.txt"
    )]
    Align(AlignArgs),
    /// Split a text into sentences, one per line (or JSONL with offsets).
    #[command(after_help = "Examples:\n  bialign segment zh.txt\n  \
        bialign segment --lang en --format jsonl mixed.txt\n  cat en.txt | bialign segment -")]
    Segment(SegmentArgs),
    /// Score alignments against gold ones (strict and lax precision, recall, F1).
    #[command(after_help = "Examples:\n  bialign eval --gold gold/ --test out/\n  \
        bialign eval --gold 001.align --test my.align --src-verse en.verse --tgt-verse zh.verse")]
    Eval(EvalArgs),
    /// Align many document pairs in parallel (a job file, or JSONL on standard input).
    #[command(after_help = batch::AFTER_HELP)]
    Batch(batch::BatchArgs),
    /// Review and correct an alignment in the browser (a local server; each fix realigns
    /// the rest around it).
    #[command(after_help = review::AFTER_HELP)]
    Review(review::ReviewArgs),
}

#[derive(Args)]
pub(crate) struct AlignOptions {
    /// Inputs are already one sentence per line (line i is sentence i).
    #[arg(long)]
    presplit: bool,
    /// Language of the source file: a BCP 47 tag (zh, zh-TW, zh-Hant, en-GB, de, ru, ...),
    /// which reaches TMX and HTML output unchanged (a bare zh is written zh-CN in TMX).
    /// Without --src-lang and --tgt-lang, each file's language is detected from its script
    /// and function words (Chinese and English when nothing says otherwise); naming either
    /// turns detection off.
    #[arg(long, value_name = "TAG")]
    src_lang: Option<LangTag>,
    /// Language of the target file (a BCP 47 tag, as --src-lang; default en).
    #[arg(long, value_name = "TAG")]
    tgt_lang: Option<LangTag>,
    /// Output format: tsv (the default; one line per pair: inside a sentence, backslash, tab,
    /// LF and CR are written as \\, \t, \n and \r, and VT, FF, U+001C-U+001E, U+0085,
    /// U+2028 and U+2029 as a space), csv (RFC 4180: comma, quoted fields, CRLF), jsonl, ids,
    /// tmx, moses (two files, `-o` prefix), html or xlsx (a review spreadsheet: every bead,
    /// coloured by confidence). Without it, the output file's extension decides (.tsv, .csv,
    /// .jsonl, .tmx, .html/.htm, .ids/.align, .xlsx; any other, or standard output, gives
    /// TSV), in `align` as in `batch`.
    #[arg(long, short = 'f')]
    format: Option<Format>,
    /// Leave out pairs below this confidence (tsv, csv, tmx, moses); 0 to 1.
    #[arg(long, value_parser = finite_number)]
    min_score: Option<f64>,
    /// Kind of text: literary (fiction, free translation) or official (UN, legal: mostly
    /// 1-1, untranslated lines, beads never cross paragraphs). Default: official for one
    /// file holding both languages (a UN-style document), literary for two files.
    #[arg(long)]
    genre: Option<Genre>,
    /// Never let a bead cross a paragraph boundary (raw text only; presplit input has no
    /// paragraphs). Implied by `--genre official`.
    #[arg(long)]
    hard_paragraphs: bool,
    /// Largest bead as the total number of sentences on both sides (2 to 10).
    #[arg(long, default_value_t = defaults().max_bead)]
    max_bead: usize,
    /// Largest bead of the first pass, which only guides the later passes (2 to 10; at most
    /// --max-bead is used).
    #[arg(long, default_value_t = defaults().first_pass_bead)]
    first_pass_bead: usize,
    /// Half-width of the first search band, in sentences (it widens where needed).
    #[arg(long, default_value_t = defaults().band)]
    band: usize,
    /// Largest half-width the search band may widen to (bounds time and memory).
    #[arg(long, default_value_t = defaults().max_band)]
    max_band: usize,
    /// Skip the second pass with re-estimated parameters.
    #[arg(long)]
    no_second_pass: bool,
    /// Lay the first search band along the length diagonal only, without anchors.
    #[arg(long)]
    no_anchors: bool,
    /// Rounds of re-estimation and realignment (the second pass is one round; 0 to 10).
    #[arg(long, conflicts_with = "no_second_pass")]
    refinements: Option<usize>,
    /// Weight of lexical evidence (0 for a length-only aligner).
    #[arg(long, value_parser = finite_number)]
    lexical_weight: Option<f64>,
    /// Weight of boundary punctuation agreement.
    #[arg(long, value_parser = finite_number)]
    punctuation_weight: Option<f64>,
    /// Weight of the agreement of opening words (`Denn` and `Car`) between alphabetic texts.
    #[arg(long, value_parser = finite_number)]
    opening_weight: Option<f64>,
    /// Cost of each pair of evidence out of order in a bead, between alphabetic texts.
    #[arg(long, value_parser = finite_number)]
    order_weight: Option<f64>,
    /// Expected coverage of English content words by translations (lexical model; 0.01 to
    /// 0.99).
    #[arg(long, value_parser = finite_number)]
    coverage: Option<f64>,
    /// Weight of Chinese-side lexical evidence relative to English-side evidence.
    #[arg(long, value_parser = finite_number)]
    unit_weight: Option<f64>,
    /// Expected coverage of Chinese content words by translations (0.01 to 0.99).
    #[arg(long, value_parser = finite_number)]
    unit_coverage: Option<f64>,
    /// Prior probability of a sentence without counterpart (per side; up to 0.5).
    #[arg(long, value_parser = finite_number)]
    deletion_prior: Option<f64>,
    /// Counting noise of the length model: short sentences may differ more in length (0: one
    /// spread for every length).
    #[arg(long, value_parser = finite_number)]
    length_noise: Option<f64>,
    /// Weight of the evidence against leaving a sentence unpaired when it shares translated
    /// words with the neighbouring sentences of the other side (0: the prior only).
    #[arg(long, value_parser = finite_number)]
    deletion_evidence: Option<f64>,
    /// Weight of whether each sentence of a bead shares a translated word with its other
    /// side, learnt per document (pairs without a bundled lexicon; 0: off).
    #[arg(long, value_parser = finite_number)]
    sentence_evidence: Option<f64>,
    /// Additional dictionary, for any pair (TSV `word<TAB>translation|translation` or
    /// hunalign's `word @ translation`; two alphabetic languages in either order).
    #[arg(long, value_name = "FILE")]
    dict: Vec<PathBuf>,
    /// Do not use the bundled lexicon.
    #[arg(long)]
    no_lexicon: bool,
    /// Do not match capitalised English words (names) against the pinyin of Chinese
    /// characters.
    #[arg(long)]
    no_pinyin: bool,
    /// Do not learn word pairs from the first pass (Dice over its beads) for the second.
    #[arg(long)]
    no_learned_lexicon: bool,
    /// Learn the word pairs once only, from the first pass (no second round from the beads
    /// of a search with the first round's pairs, which runs where the bundled lexicon does
    /// not apply).
    #[arg(long)]
    no_relearn: bool,
    /// Learn word pairs with jieba's Chinese words instead of Han n-grams (an ablation; needs
    /// a build with `--features jieba`).
    #[arg(long)]
    jieba: bool,
    /// Keep the starting parameters in the second pass (no re-estimation of ratio, spread,
    /// bead priors, deletion rates and punctuation tables).
    #[arg(long)]
    no_reestimate: bool,
    /// Score whether a quotation left open after a bead is open on both sides (a table
    /// learnt in the second pass with the other punctuation tables; off by default).
    #[arg(long)]
    quote_state: bool,
    /// Keep Chinese speaker tags (韦小宝道：) in the length model even in documents whose
    /// translator drops them (decided from the first pass).
    #[arg(long)]
    no_speaker_tags: bool,
    /// Largest input file accepted, in bytes.
    #[arg(long, default_value_t = defaults().max_input_bytes)]
    max_input_bytes: u64,
    /// Name the documents in TMX and HTML output by their paths as given, not by their file
    /// names.
    #[arg(long)]
    full_paths: bool,
    /// Refuse damaged UTF-8 input (invalid bytes, or a last character cut short) instead of
    /// reading it with U+FFFD in their place and a warning.
    #[arg(long)]
    strict_decoding: bool,
    /// Align everything: set nothing apart. By default running headers and footers, page
    /// numbers, UN document symbols and job numbers, the distribution block, footnotes and
    /// footnote marks are set apart (not aligned; shown as unpaired with their reason in
    /// jsonl, xlsx and html, and listed with --verbose).
    #[arg(long)]
    no_cleanup: bool,
    /// Do not take the enumerators sentences start with (1., (a), 第一条 and Article 1,
    /// 一、 and I.) as evidence that they match.
    #[arg(long)]
    no_structure: bool,
    /// Keep these beads exactly and align the rest around them: a file in the jsonl or ids
    /// format (`[0,1]:[2]` a line), as `--format jsonl` or `--format ids` writes it, told
    /// apart by its content (a whole alignment, corrected, or the lines of it that were
    /// checked; a bead without counterpart is placed beside its neighbour in the file).
    /// Indices count the sentences as align numbers them. `align` only.
    #[arg(long, value_name = "FILE")]
    fixed: Option<PathBuf>,
}

/// The library's defaults, which the flags show and never repeat.
fn defaults() -> Options {
    Options::default()
}

impl AlignOptions {
    /// The library's options for these flags, with at most `threads` threads per
    /// alignment.
    pub(crate) fn to_options(&self, threads: Option<usize>) -> Options {
        Options {
            presplit: self.presplit,
            src_lang: self.src_lang.clone().unwrap_or_else(|| defaults().src_lang),
            tgt_lang: self.tgt_lang.clone().unwrap_or_else(|| defaults().tgt_lang),
            detect_langs: self.src_lang.is_none() && self.tgt_lang.is_none(),
            format: self.format,
            min_score: self.min_score,
            genre: self.genre,
            hard_paragraphs: self.hard_paragraphs,
            max_bead: self.max_bead,
            first_pass_bead: self.first_pass_bead,
            band: self.band,
            max_band: self.max_band,
            no_second_pass: self.no_second_pass,
            no_anchors: self.no_anchors,
            refinements: self.refinements,
            lexical_weight: self.lexical_weight,
            punctuation_weight: self.punctuation_weight,
            opening_weight: self.opening_weight,
            order_weight: self.order_weight,
            coverage: self.coverage,
            unit_weight: self.unit_weight,
            unit_coverage: self.unit_coverage,
            deletion_prior: self.deletion_prior,
            deletion_evidence: self.deletion_evidence,
            sentence_evidence: self.sentence_evidence,
            length_noise: self.length_noise,
            dict: self.dict.clone(),
            no_lexicon: self.no_lexicon,
            no_pinyin: self.no_pinyin,
            no_learned_lexicon: self.no_learned_lexicon,
            no_relearn: self.no_relearn,
            jieba: self.jieba,
            no_reestimate: self.no_reestimate,
            quote_state: self.quote_state,
            no_speaker_tags: self.no_speaker_tags,
            max_input_bytes: self.max_input_bytes,
            strict_decoding: self.strict_decoding,
            threads,
            full_paths: self.full_paths,
            no_cleanup: self.no_cleanup,
            no_structure: self.no_structure,
            fixed: self.fixed.clone(),
        }
    }
}

#[derive(Args)]
struct SegmentArgs {
    /// Input file (`-` for standard input).
    file: PathBuf,
    /// Language of the text; for a document holding two languages of different scripts
    /// (Chinese and English, or a Russian or Arabic note with an English annex), the part
    /// to print: the part in this language's script, in this language. Detected when
    /// absent: a mixed document gives both parts (Chinese first, else the one that comes
    /// first), a Latin part taken as English, Cyrillic as Russian, Arabic as Arabic.
    #[arg(long)]
    lang: Option<Lang>,
    /// Output: `text` (one sentence per line) or `jsonl` (end, id, lang, para, start, text:
    /// `start` and `end` are byte offsets into the file as given, byte order mark included;
    /// `id` numbers the sentences of each language from 0 as `align` numbers that side).
    #[arg(long, short = 'f', default_value = "text")]
    format: String,
    /// Input is already one sentence per line.
    #[arg(long)]
    presplit: bool,
    /// Largest input file accepted, in bytes.
    #[arg(long, default_value_t = bialign::DEFAULT_MAX_INPUT_BYTES)]
    max_input_bytes: u64,
    /// Refuse damaged UTF-8 input (invalid bytes, or a last character cut short) instead of
    /// reading it with U+FFFD in their place and a warning.
    #[arg(long)]
    strict_decoding: bool,
    /// Write the output here instead of standard output: a file is replaced atomically with
    /// its mode kept, a symbolic link followed, a FIFO or device written in place; an input
    /// is refused.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// Set nothing apart (as `align --no-cleanup`). By default what `align` sets apart is
    /// left out of the sentences and their ids, as `align` numbers them: JSONL shows it as
    /// records with `set_aside` and no id; text output leaves it out, saying how much.
    #[arg(long)]
    no_cleanup: bool,
}

#[derive(Args)]
struct AlignArgs {
    /// Source file (`-` for standard input): plain text in any encoding, or a Word (.docx),
    /// OpenDocument (.odt), HTML or PDF document (the format is told from the content).
    /// Alone, a document holding both languages, which is split into its Chinese and
    /// English parts first.
    src: PathBuf,
    /// Target file (of any format, as the source).
    tgt: Option<PathBuf>,
    /// Write the output here instead of standard output: a file is replaced atomically with
    /// its mode kept, a symbolic link followed, a FIFO or device written in place; an input
    /// is refused.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    #[command(flatten)]
    threads: ThreadsArg,
    /// Print nothing on standard error on success: no summary line
    /// (`N pairs, K unpaired source, M unpaired target sentences`), no progress.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Seconds before the progress spinner appears on a terminal (for tests).
    #[arg(long, hide = true, default_value_t = 2.0, value_parser = finite_number)]
    progress_after: f64,
    #[command(flatten)]
    options: AlignOptions,
}

/// The threads of one alignment (`align`, `review`).
#[derive(Args)]
pub(crate) struct ThreadsArg {
    /// Most threads the alignment uses [default: the cores, at most 4]. Long documents
    /// share the work between them; the alignment is the same for any number.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
}

impl ThreadsArg {
    /// The number given, if any.
    pub(crate) fn get(&self) -> Option<usize> {
        self.threads.map(usize::from)
    }
}

#[derive(Args)]
struct EvalArgs {
    /// Gold alignment file or directory.
    #[arg(long)]
    gold: PathBuf,
    /// Test alignment file or directory (files paired with gold by name).
    #[arg(long)]
    test: PathBuf,
    /// Verse of each source sentence (Bible evaluation: merge beads within a verse).
    #[arg(long, requires = "tgt_verse")]
    src_verse: Option<PathBuf>,
    /// Verse of each target sentence.
    #[arg(long, requires = "src_verse")]
    tgt_verse: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let shown = if cli.debug {
        log::LevelFilter::Trace
    } else if cli.verbose {
        log::LevelFilter::Debug
    } else {
        log::LevelFilter::Off
    };
    // A long `align` on a terminal shows its progress, read from the stage records.
    let progress =
        matches!(&cli.command, Command::Align(a) if !a.quiet) && std::io::stderr().is_terminal();
    logger::init(shown, progress);
    stop_cleanly_on_signals();
    let result = match cli.command {
        Command::Align(a) => align(a),
        Command::Eval(e) => eval(e),
        Command::Segment(s) => segment(s),
        Command::Batch(b) => batch::run(b),
        Command::Review(r) => review::run(r),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // An option out of range is a usage error, named as it is spelt here.
            if let Some(lib) = e.downcast_ref::<bialign::Error>() {
                if let (Some(option), Some(message)) = (lib.option(), lib.option_message()) {
                    let flag = option.replace('_', "-");
                    logger::say(&format!("bialign: invalid --{flag}: {message}"));
                    return ExitCode::from(2);
                }
            }
            logger::say(&format!("bialign: {e}"));
            ExitCode::from(1)
        }
    }
}

/// A command-line number that must be finite (NaN and infinities are refused).
fn finite_number(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err("must be a finite number".into()),
        Err(e) => Err(e.to_string()),
    }
}

pub(crate) type CliResult = Result<ExitCode, Box<dyn std::error::Error>>;

fn align(a: AlignArgs) -> CliResult {
    let progress = (!a.quiet && std::io::stderr().is_terminal()).then(|| {
        logger::progress(std::time::Duration::from_secs_f64(
            a.progress_after.max(0.0),
        ))
    });
    if a.src.as_os_str() == "-" && a.tgt.as_deref().is_some_and(|t| t.as_os_str() == "-") {
        return Err("standard input can be read once: give at most one input as `-`".into());
    }
    let options = a.options.to_options(a.threads.get());
    options.validate()?;
    // As `batch` does: --format, else the output's extension, else TSV (the library's rule).
    let format = options.format_for(a.output.as_deref());
    // Before any work: an output that is an input (or a dictionary) is refused.
    let inputs: Vec<&Path> = std::iter::once(a.src.as_path())
        .chain(a.tgt.as_deref())
        .chain(options.dict.iter().map(PathBuf::as_path))
        .chain(options.fixed.as_deref())
        .collect();
    if let Some(out) = a.output.as_deref() {
        let outputs = options.output_paths(format, out);
        let outputs: Vec<&Path> = outputs.iter().map(PathBuf::as_path).collect();
        refuse_overwriting_inputs(&outputs, &inputs)?;
    }
    // The inputs first: a bad file is reported before the dictionaries are loaded.
    let t = std::time::Instant::now();
    let src = options.read_input(&a.src)?;
    let tgt = a
        .tgt
        .as_deref()
        .map(|t| options.read_input(t))
        .transpose()?;
    let pipeline = bialign::Pipeline::new(&options)?;
    let doc = pipeline.document_of_files((&a.src, &src), a.tgt.as_deref().zip(tgt.as_ref()))?;
    // The segmented texts hold their own copies: the files' texts can go before aligning.
    drop((src, tgt));
    for w in &doc.warnings {
        logger::say(&format!("bialign: warning: {w}"));
    }
    debug_lap("read and segment", t);
    let t = std::time::Instant::now();
    let (files, tally) = pipeline.render(&doc, format, a.output.as_deref())?;
    debug_lap("align and render", t);
    drop(progress);
    // Again with the files' own names: Moses names its two by the languages, which may
    // have been detected rather than given.
    let written: Vec<&Path> = files.iter().filter_map(|f| f.path.as_deref()).collect();
    refuse_overwriting_inputs(&written, &inputs)?;
    write_files(&files)?;
    if !a.quiet {
        let aside = doc.src.set_aside().len() + doc.tgt.set_aside().len();
        let note = if aside > 0 {
            format!(", {aside} set aside (listed by --verbose)")
        } else {
            String::new()
        };
        logger::say(&format!("bialign: {tally}{note}"));
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes rendered output: files atomically, or none of them (the library's
/// [`save_with`], its temporary files known to [`TEMP_FILES`]), and what has no path to
/// standard output.
fn write_files(files: &[OutputFile]) -> Result<(), Box<dyn std::error::Error>> {
    for file in files {
        if file.path.as_deref().is_none_or(|p| p == Path::new("-")) {
            write_output(None, &file.bytes)?;
        }
    }
    let to_disk: Vec<OutputFile> = files
        .iter()
        .filter(|f| f.path.as_deref().is_some_and(|p| p != Path::new("-")))
        .cloned()
        .collect();
    save_with(&to_disk, &TEMP_FILES)?;
    Ok(())
}

/// Reports the time a stage of the command line took, as the library does for its own.
fn debug_lap(stage: &str, t: std::time::Instant) {
    log::debug!(target: "bialign::stage", "{stage}: {:.3} s", t.elapsed().as_secs_f64());
}

fn segment(a: SegmentArgs) -> CliResult {
    if !matches!(a.format.as_str(), "text" | "jsonl") {
        return Err(format!("unknown format `{}` (expected text or jsonl)", a.format).into());
    }
    if let Some(out) = a.output.as_deref() {
        refuse_overwriting_inputs(&[out], &[&a.file])?;
    }
    let decoded = read_input(&a.file, a.max_input_bytes, a.strict_decoding)?;
    for w in &decoded.warnings {
        logger::say(&format!("bialign: warning: {w}"));
    }
    let seg = Segmenter::new().presplit(a.presplit).cleanup(!a.no_cleanup);
    let mut out = String::new();
    let mut set_aside = 0;
    for t in seg.segment_parts_blocks(&decoded.text, a.lang, decoded.blocks()) {
        set_aside += t.set_aside().len();
        if a.format == "jsonl" {
            out.push_str(&t.to_file_jsonl(&decoded));
        } else {
            for s in t.sentences() {
                out.push_str(&s.text);
                out.push('\n');
            }
        }
    }
    write_output(a.output.as_deref(), out.as_bytes())?;
    if set_aside > 0 && a.format == "text" {
        logger::say(&format!(
            "bialign: {set_aside} set aside by the clean-up and not printed (see --format \
             jsonl, or --no-cleanup)"
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes to a file atomically (the library's [`save_with`]) or to standard output; a closed
/// or full standard output is an error that says so.
fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
    match path {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)
                .and_then(|()| out.flush())
                .map_err(|e| format!("standard output: {e}"))?;
        }
        Some(p) if p == Path::new("-") => write_output(None, bytes)?,
        Some(p) => save_with(
            &[OutputFile {
                path: Some(p.to_path_buf()),
                bytes: bytes.to_vec(),
            }],
            &TEMP_FILES,
        )?,
    }
    Ok(())
}

fn eval(e: EvalArgs) -> CliResult {
    let verses = match (&e.src_verse, &e.tgt_verse) {
        (Some(s), Some(t)) => Some(Verses::load(s, t)?),
        _ => None,
    };
    let report = evaluate_paths(&e.gold, &e.test, verses.as_ref())?;
    write_output(None, render_table(&report).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
