//! The diagnostics of `--verbose` and `--debug`: the library's `log` records on standard
//! error, stage timings with the process's resident memory after the stage.

use log::{Level, LevelFilter, Log, Metadata, Record};

/// Prints records of the `bialign` targets (the library's and the command line's).
struct StderrLogger;

impl Log for StderrLogger {
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.target().starts_with("bialign")
    }

    fn log(&self, record: &Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        // Stage timings carry the memory held after the stage, to see which holds the peak.
        let rss = match (record.target(), resident_mib()) {
            ("bialign::stage", Some(m)) => format!(", {m} MiB resident"),
            _ => String::new(),
        };
        let level = if record.level() == Level::Trace {
            "trace: "
        } else {
            ""
        };
        eprintln!("{level}{}{rss}", record.args());
    }

    fn flush(&self) {}
}

/// Switches the diagnostics on: `Debug` for `--verbose`, `Trace` for `--debug`.
pub(crate) fn init(level: LevelFilter) {
    if level == LevelFilter::Off {
        return;
    }
    // Fails only when a logger is already set, which this binary never does twice.
    if log::set_logger(&StderrLogger).is_ok() {
        log::set_max_level(level);
    }
}

/// The process's resident memory in MiB (Linux; `None` elsewhere).
fn resident_mib() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4 / 1024)
}
