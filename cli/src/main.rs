//! The `bialign` command-line tool.

use bialign::eval::{evaluate_paths, render_table, Verses};
use bialign::export::{Format, Output};
use bialign::text::decode::{read_text, DEFAULT_MAX_INPUT_BYTES};
use bialign::text::{Segmenter, Text};
use bialign::{Aligner, Genre, Lang, Lexicon};
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

mod batch;
mod logger;

/// Sentence alignment of Chinese and English texts.
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
    /// Align a Chinese text with its English counterpart (or the reverse).
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
}

#[derive(Args)]
struct AlignOptions {
    /// Inputs are already one sentence per line (line i is sentence i).
    #[arg(long)]
    presplit: bool,
    /// Language of the source file.
    #[arg(long, default_value = "zh")]
    src_lang: Lang,
    /// Language of the target file.
    #[arg(long, default_value = "en")]
    tgt_lang: Lang,
    /// Output format: tsv (the default), jsonl, ids, tmx, moses (two files, `-o` prefix) or
    /// html. In `batch`, without it each output's extension decides (see `bialign batch -h`).
    #[arg(long, short = 'f')]
    format: Option<Format>,
    /// Leave out pairs below this confidence (tsv, tmx, moses).
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
    /// Largest bead as the total number of sentences on both sides.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(2..=10))]
    max_bead: u16,
    /// Half-width of the first search band, in sentences (it widens where needed).
    #[arg(long, default_value_t = 12)]
    band: usize,
    /// Largest half-width the search band may widen to (bounds time and memory).
    #[arg(long, default_value_t = 1536)]
    max_band: usize,
    /// Skip the second pass with re-estimated parameters.
    #[arg(long)]
    no_second_pass: bool,
    /// Lay the first search band along the length diagonal only, without anchors.
    #[arg(long)]
    no_anchors: bool,
    /// Rounds of re-estimation and realignment (the second pass is one round).
    #[arg(long, conflicts_with = "no_second_pass")]
    refinements: Option<usize>,
    /// Weight of lexical evidence (0 for a length-only aligner).
    #[arg(long, value_parser = finite_number)]
    lexical_weight: Option<f64>,
    /// Weight of boundary punctuation agreement.
    #[arg(long, value_parser = finite_number)]
    punctuation_weight: Option<f64>,
    /// Expected coverage of English content words by translations (lexical model).
    #[arg(long, value_parser = finite_number)]
    coverage: Option<f64>,
    /// Weight of Chinese-side lexical evidence relative to English-side evidence.
    #[arg(long, value_parser = finite_number)]
    unit_weight: Option<f64>,
    /// Expected coverage of Chinese content words by translations.
    #[arg(long, value_parser = finite_number)]
    unit_coverage: Option<f64>,
    /// Prior probability of a sentence without counterpart (per side).
    #[arg(long, value_parser = finite_number)]
    deletion_prior: Option<f64>,
    /// Additional dictionary (TSV `english<TAB>zh|zh` or hunalign `english @ chinese`).
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
    /// Keep the starting parameters in the second pass (no re-estimation of ratio, spread,
    /// bead priors, deletion rates and punctuation tables).
    #[arg(long)]
    no_reestimate: bool,
    /// Largest input file accepted, in bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_INPUT_BYTES)]
    max_input_bytes: u64,
}

#[derive(Args)]
struct SegmentArgs {
    /// Input file (`-` for standard input).
    file: PathBuf,
    /// Language of the text; for a document holding both languages, the part to print.
    /// Detected when absent.
    #[arg(long)]
    lang: Option<Lang>,
    /// Output: `text` (one sentence per line) or `jsonl` (lang, para, start, end, text).
    #[arg(long, short = 'f', default_value = "text")]
    format: String,
    /// Input is already one sentence per line.
    #[arg(long)]
    presplit: bool,
    /// Largest input file accepted, in bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_INPUT_BYTES)]
    max_input_bytes: u64,
    /// Write the output here instead of standard output.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct AlignArgs {
    /// Source file (`-` for standard input). Alone, a document holding both languages,
    /// which is split into its Chinese and English parts first.
    src: PathBuf,
    /// Target file.
    tgt: Option<PathBuf>,
    /// Write the output here instead of standard output.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// Most threads the alignment uses [default: the cores, at most 4]. Long documents
    /// share the work between them; the alignment is the same for any number.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    #[command(flatten)]
    options: AlignOptions,
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
    logger::init(if cli.debug {
        log::LevelFilter::Trace
    } else if cli.verbose {
        log::LevelFilter::Debug
    } else {
        log::LevelFilter::Off
    });
    let result = match cli.command {
        Command::Align(a) => align(a),
        Command::Eval(e) => eval(e),
        Command::Segment(s) => segment(s),
        Command::Batch(b) => batch::run(b),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("bialign: {e}");
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

type CliResult = Result<ExitCode, Box<dyn std::error::Error>>;

/// The aligners of a run: one for pairs of texts, one for documents holding both languages
/// (they differ in the genre when `--genre` is not given), sharing one lexicon.
pub(crate) struct Aligners {
    paired: Aligner,
    mixed: Aligner,
}

impl Aligners {
    /// The aligner for a document: `mixed` when one text held both languages.
    fn for_doc(&self, mixed: bool) -> &Aligner {
        if mixed {
            &self.mixed
        } else {
            &self.paired
        }
    }
}

/// The aligners of a run; `threads` caps the threads of each alignment (`None`: the
/// library's default, the machine's cores).
fn build_aligners(o: &AlignOptions, threads: Option<usize>) -> Result<Aligners, bialign::Error> {
    let lexicon = if o.no_lexicon || !o.dict.is_empty() {
        let mut lex = if o.no_lexicon {
            Lexicon::empty()
        } else {
            (*Lexicon::bundled()).clone()
        };
        for d in &o.dict {
            lex.add_file(d)?;
        }
        Some(Arc::new(lex))
    } else {
        None
    };
    Ok(Aligners {
        paired: build_aligner(
            o,
            o.genre.unwrap_or(Genre::Literary),
            lexicon.clone(),
            threads,
        ),
        mixed: build_aligner(o, o.genre.unwrap_or(Genre::Official), lexicon, threads),
    })
}

fn build_aligner(
    o: &AlignOptions,
    genre: Genre,
    lexicon: Option<Arc<Lexicon>>,
    threads: Option<usize>,
) -> Aligner {
    let mut b = Aligner::builder();
    if let Some(n) = threads {
        b.threads(n);
    }
    // The preset first: the options after it override its settings.
    b.genre(genre);
    if o.hard_paragraphs {
        b.hard_paragraphs(true);
    }
    b.src_lang(o.src_lang)
        .tgt_lang(o.tgt_lang)
        .max_bead(usize::from(o.max_bead))
        .band(o.band)
        .max_band(o.max_band)
        .second_pass(!o.no_second_pass)
        .anchors(!o.no_anchors)
        .pinyin_names(!o.no_pinyin)
        .learn_lexicon(!o.no_learned_lexicon)
        .reestimate(!o.no_reestimate);
    if let Some(r) = o.refinements {
        b.refinements(r);
    }
    if let Some(w) = o.lexical_weight {
        b.lexical_weight(w);
    }
    if let Some(w) = o.punctuation_weight {
        b.punctuation_weight(w);
    }
    if let Some(r) = o.coverage {
        b.coverage(r);
    }
    if let Some(p) = o.deletion_prior {
        b.deletion_prior(p);
    }
    if let Some(w) = o.unit_weight {
        b.unit_weight(w);
    }
    if let Some(r) = o.unit_coverage {
        b.unit_coverage(r);
    }
    if let Some(lex) = lexicon {
        b.lexicon(lex);
    }
    b.build()
}

fn segmenter(presplit: bool) -> Segmenter {
    Segmenter::new().presplit(presplit)
}

/// A warning when a text does not look like the language it is declared in (`detected`:
/// the language most of it is written in).
fn check_lang(text: &str, detected: Option<Lang>, lang: Lang, name: &str) -> Option<String> {
    if bialign::text::partition::lacks_script(text, lang) {
        let script = match lang {
            Lang::Zh => "Chinese characters",
            Lang::En => "Latin letters",
        };
        return Some(format!(
            "{name} has no {script} at all; aligning it as {lang} anyway"
        ));
    }
    match detected {
        Some(found) if found != lang => Some(format!(
            "{name} looks like {found}, not {lang}; aligning it as {lang}"
        )),
        _ => None,
    }
}

/// One document pair, segmented, with the document names its output shows.
struct Doc {
    src: Text,
    tgt: Text,
    src_name: Option<String>,
    tgt_name: Option<String>,
    /// Whether one text held both languages.
    mixed: bool,
}

/// The files one alignment is written to: `(path, bytes)`, `None` for standard output.
type Rendered = Vec<(Option<PathBuf>, Vec<u8>)>;

impl Doc {
    /// Reads and segments `src` and `tgt`; without `tgt`, `src` holds both languages.
    /// Warnings (a text that looks like the other language) go to `warn`.
    fn read(
        o: &AlignOptions,
        seg: &Segmenter,
        (src, tgt): (&Path, Option<&Path>),
        threads: usize,
        warn: &mut dyn FnMut(String),
    ) -> Result<Doc, bialign::Error> {
        let mixed = tgt.is_none();
        let src_text = read_text(src, o.max_input_bytes)?;
        let tgt_text = match tgt {
            Some(t) => Some(read_text(t, o.max_input_bytes)?),
            None => None,
        };
        let src_name = src.display().to_string();
        let tgt_name = tgt.map(|t| t.display().to_string());
        let tgt = tgt_text.as_deref().zip(tgt_name.as_deref());
        let (src, tgt) = segment_pair(o, seg, (&src_text, &src_name), tgt, threads, warn);
        Ok(Doc {
            src,
            tgt,
            tgt_name: Some(tgt_name.unwrap_or_else(|| src_name.clone())),
            src_name: Some(src_name),
            mixed,
        })
    }

    /// Aligns the pair and writes it in `format`: to `output`, or standard output when
    /// `None` (Moses needs `output` as the prefix of its two files).
    fn render(
        &self,
        aligners: &Aligners,
        o: &AlignOptions,
        format: Format,
        output: Option<&Path>,
    ) -> Result<Rendered, Box<dyn std::error::Error>> {
        let alignment = aligners.for_doc(self.mixed).align(&self.src, &self.tgt)?;
        let (src_texts, tgt_texts) = (self.src.texts(), self.tgt.texts());
        let mut out = Output::new(&alignment, &src_texts, &tgt_texts)
            .with_langs(self.src.lang(), self.tgt.lang())
            .with_names(self.src_name.as_deref(), self.tgt_name.as_deref());
        if let Some(min) = o.min_score {
            out = out.with_min_score(min);
        }
        if format.is_two_files() {
            // Moses: two files, OUT.<src-lang> and OUT.<tgt-lang>.
            let Some(prefix) = output else {
                return Err(
                    "--format moses writes two files: give their common prefix with -o".into(),
                );
            };
            let (sp, tp) = out.moses_paths(prefix);
            let (mut sb, mut tb) = (Vec::new(), Vec::new());
            out.write_moses(&mut sb, &mut tb)?;
            return Ok(vec![(Some(sp), sb), (Some(tp), tb)]);
        }
        let mut buf = Vec::new();
        out.write_to(format, &mut buf)?;
        Ok(vec![(output.map(Path::to_path_buf), buf)])
    }
}

/// Texts this long in all (bytes) are segmented on two threads.
const PARALLEL_SEGMENT_BYTES: usize = 256 * 1024;

/// Segments the texts of a document pair, each given with its name for messages; without
/// `tgt`, `src` holds both languages and is partitioned. With 2 `threads` or more, long
/// texts are segmented one on each. Returns `(source, target)`.
fn segment_pair(
    o: &AlignOptions,
    seg: &Segmenter,
    (src_text, src_name): (&str, &str),
    tgt: Option<(&str, &str)>,
    threads: usize,
    warn: &mut dyn FnMut(String),
) -> (Text, Text) {
    match tgt {
        Some((tgt_text, tgt_name)) => {
            let one = |text: &str, lang: Lang, name: &str| {
                let (segmented, detected) = seg.segment_detect(text, lang);
                (check_lang(text, detected, lang, name), segmented)
            };
            let ((src_warning, src), (tgt_warning, tgt)) =
                if threads >= 2 && src_text.len() + tgt_text.len() >= PARALLEL_SEGMENT_BYTES {
                    std::thread::scope(|s| {
                        let tgt = s.spawn(|| one(tgt_text, o.tgt_lang, tgt_name));
                        let src = one(src_text, o.src_lang, src_name);
                        (
                            src,
                            tgt.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                        )
                    })
                } else {
                    (
                        one(src_text, o.src_lang, src_name),
                        one(tgt_text, o.tgt_lang, tgt_name),
                    )
                };
            src_warning
                .into_iter()
                .chain(tgt_warning)
                .for_each(&mut *warn);
            (src, tgt)
        }
        None => {
            let (zh, en) = seg.segment_mixed(src_text);
            if zh.is_empty() || en.is_empty() {
                warn(format!(
                    "{src_name} does not hold both languages ({} Chinese and {} English sentences)",
                    zh.len(),
                    en.len()
                ));
            }
            if o.src_lang == Lang::En {
                (en, zh)
            } else {
                (zh, en)
            }
        }
    }
}

fn align(a: AlignArgs) -> CliResult {
    let o = &a.options;
    let seg = segmenter(o.presplit);
    let mut warn = |w: String| eprintln!("bialign: warning: {w}");
    let t = std::time::Instant::now();
    // The inputs first: a bad file is reported before the lexicon is loaded.
    // Threads for one document: as asked, or as many as the library would take.
    let threads = a.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, usize::from),
        usize::from,
    );
    let doc = Doc::read(o, &seg, (&a.src, a.tgt.as_deref()), threads, &mut warn)?;
    debug_lap("read and segment", t);
    let aligners = build_aligners(o, a.threads.map(usize::from))?;
    let format = o.format.unwrap_or(Format::Tsv);
    let mut written: Vec<PathBuf> = Vec::new();
    let t = std::time::Instant::now();
    let rendered = doc.render(&aligners, o, format, a.output.as_deref())?;
    debug_lap("align and render", t);
    for (path, bytes) in rendered {
        if let Err(e) = write_output(path.as_deref(), &bytes) {
            // No partial output: Moses' first file goes when its second cannot be written.
            for p in &written {
                let _ = std::fs::remove_file(p);
            }
            return Err(e);
        }
        written.extend(path);
    }
    Ok(ExitCode::SUCCESS)
}

/// Reports the time a stage of the command line took, as the library does for its own.
fn debug_lap(stage: &str, t: std::time::Instant) {
    log::debug!(target: "bialign::stage", "{stage}: {:.3} s", t.elapsed().as_secs_f64());
}

fn segment(a: SegmentArgs) -> CliResult {
    if !matches!(a.format.as_str(), "text" | "jsonl") {
        return Err(format!("unknown format `{}` (expected text or jsonl)", a.format).into());
    }
    let text = read_text(&a.file, a.max_input_bytes)?;
    let seg = segmenter(a.presplit);
    let texts: Vec<Text> = if seg.is_mixed(&text) {
        let (zh, en) = seg.segment_mixed(&text);
        match a.lang {
            Some(Lang::Zh) => vec![zh],
            Some(Lang::En) => vec![en],
            None => vec![zh, en],
        }
    } else {
        let lang = a.lang.or_else(|| seg.detect(&text)).unwrap_or(Lang::En);
        vec![seg.segment(&text, lang)]
    };
    let mut out = Vec::new();
    for t in &texts {
        for s in t.sentences() {
            match a.format.as_str() {
                "jsonl" => {
                    let obj = serde_json::json!({
                        "lang": t.lang().code(),
                        "para": s.para,
                        "start": s.span.start,
                        "end": s.span.end,
                        "text": s.text,
                    });
                    writeln!(out, "{obj}")?;
                }
                "text" => writeln!(out, "{}", s.text)?,
                other => {
                    return Err(format!("unknown format `{other}` (expected text or jsonl)").into())
                }
            }
        }
    }
    write_output(a.output.as_deref(), &out)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to a file atomically (temporary file, then rename) or to standard output.
fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
    match path {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
        }
        Some(p) if p == Path::new("-") => write_output(None, bytes)?,
        Some(p) => {
            let dir = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
            let res = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, p));
            if let Err(e) = res {
                let _ = std::fs::remove_file(&tmp);
                return Err(format!("{}: {e}", p.display()).into());
            }
        }
    }
    Ok(())
}

fn eval(e: EvalArgs) -> CliResult {
    let verses = match (&e.src_verse, &e.tgt_verse) {
        (Some(s), Some(t)) => Some(Verses::load(s, t)?),
        _ => None,
    };
    let report = evaluate_paths(&e.gold, &e.test, verses.as_ref())?;
    print!("{}", render_table(&report));
    Ok(ExitCode::SUCCESS)
}
