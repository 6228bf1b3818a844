//! The `bialign` command-line tool.

use bialign::eval::{evaluate_paths, render_table, Verses};
use bialign::export::{self, Format};
use bialign::text::decode::{read_text, DEFAULT_MAX_INPUT_BYTES};
use bialign::{Aligner, Lang, Lexicon};
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// Sentence alignment of Chinese and English texts.
#[derive(Parser)]
#[command(name = "bialign", version, about, long_about = None)]
struct Cli {
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
    /// Score alignments against gold ones (strict and lax precision, recall, F1).
    #[command(after_help = "Examples:\n  bialign eval --gold gold/ --test out/\n  \
        bialign eval --gold 001.align --test my.align --src-verse en.verse --tgt-verse zh.verse")]
    Eval(EvalArgs),
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
    /// Output format: tsv, jsonl or ids.
    #[arg(long, short = 'f', default_value = "tsv")]
    format: Format,
    /// Largest bead as the total number of sentences on both sides.
    #[arg(long, default_value_t = 5)]
    max_bead: usize,
    /// Half-width of the first search band, in sentences (it widens where needed).
    #[arg(long, default_value_t = 24)]
    band: usize,
    /// Largest half-width the search band may widen to (bounds time and memory).
    #[arg(long, default_value_t = 1536)]
    max_band: usize,
    /// Skip the second pass with re-estimated parameters.
    #[arg(long)]
    no_second_pass: bool,
    /// Weight of lexical evidence (0 for a length-only aligner).
    #[arg(long)]
    lexical_weight: Option<f64>,
    /// Weight of boundary punctuation agreement.
    #[arg(long)]
    punctuation_weight: Option<f64>,
    /// Expected coverage of English content words by translations (lexical model).
    #[arg(long)]
    coverage: Option<f64>,
    /// Weight of Chinese-side lexical evidence relative to English-side evidence.
    #[arg(long)]
    unit_weight: Option<f64>,
    /// Expected coverage of Chinese content words by translations.
    #[arg(long)]
    unit_coverage: Option<f64>,
    /// Additional dictionary (TSV `english<TAB>zh|zh` or hunalign `english @ chinese`).
    #[arg(long, value_name = "FILE")]
    dict: Vec<PathBuf>,
    /// Do not use the bundled lexicon.
    #[arg(long)]
    no_lexicon: bool,
    /// Largest input file accepted, in bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_INPUT_BYTES)]
    max_input_bytes: u64,
}

#[derive(Args)]
struct AlignArgs {
    /// Source file (`-` for standard input).
    src: PathBuf,
    /// Target file.
    tgt: PathBuf,
    /// Write the output here instead of standard output.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
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
    let result = match cli.command {
        Command::Align(a) => align(a),
        Command::Eval(e) => eval(e),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("bialign: {e}");
            ExitCode::from(1)
        }
    }
}

type CliResult = Result<ExitCode, Box<dyn std::error::Error>>;

fn build_aligner(o: &AlignOptions) -> Result<Aligner, bialign::Error> {
    let mut b = Aligner::builder();
    b.src_lang(o.src_lang)
        .tgt_lang(o.tgt_lang)
        .max_bead(o.max_bead)
        .band(o.band)
        .max_band(o.max_band)
        .second_pass(!o.no_second_pass);
    if let Some(w) = o.lexical_weight {
        b.lexical_weight(w);
    }
    if let Some(w) = o.punctuation_weight {
        b.punctuation_weight(w);
    }
    if let Some(r) = o.coverage {
        b.coverage(r);
    }
    if let Some(w) = o.unit_weight {
        b.unit_weight(w);
    }
    if let Some(r) = o.unit_coverage {
        b.unit_coverage(r);
    }
    if o.no_lexicon || !o.dict.is_empty() {
        let mut lex = if o.no_lexicon {
            Lexicon::empty()
        } else {
            (*Lexicon::bundled()).clone()
        };
        for d in &o.dict {
            lex.add_file(d)?;
        }
        b.lexicon(Arc::new(lex));
    }
    Ok(b.build())
}

fn read_sentences(path: &Path, o: &AlignOptions) -> Result<Vec<String>, bialign::Error> {
    let text = read_text(path, o.max_input_bytes)?;
    // Presplit: every line is one sentence, empty lines included.
    let mut lines: Vec<String> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
        .collect();
    if text.ends_with('\n') {
        lines.pop();
    }
    if text.is_empty() {
        lines.clear();
    }
    Ok(lines)
}

fn align(a: AlignArgs) -> CliResult {
    let aligner = build_aligner(&a.options)?;
    let src = read_sentences(&a.src, &a.options)?;
    let tgt = read_sentences(&a.tgt, &a.options)?;
    let alignment = aligner.align_sentences(&src, &tgt);
    let mut buf = Vec::new();
    export::write(&mut buf, a.options.format, &alignment, &src, &tgt)?;
    write_output(a.output.as_deref(), &buf)?;
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
