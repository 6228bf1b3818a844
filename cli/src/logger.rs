//! The diagnostics of `--verbose` and `--debug` (the library's `log` records on standard
//! error, stage timings with the process's resident memory after the stage), and the
//! progress of a long `align` run on a terminal, which follows the same stage records.

use indicatif::{ProgressBar, ProgressStyle};
use log::{Level, LevelFilter, Log, Metadata, Record};
use std::io::Write;
use std::sync::Mutex;
use std::time::Duration;

/// Prints records of the `bialign` targets (the library's and the command line's) up to the
/// level asked for, and shows the last finished stage on the progress bar when there is one.
struct StderrLogger {
    /// What the user asked to see (`Off` unless --verbose or --debug).
    shown: LevelFilter,
}

/// The progress bar of the running `align`, when one is shown.
static PROGRESS: Mutex<Option<ProgressBar>> = Mutex::new(None);

impl Log for StderrLogger {
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.target().starts_with("bialign")
    }

    fn log(&self, record: &Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let stage = record.target() == "bialign::stage";
        if stage {
            if let Ok(guard) = PROGRESS.lock() {
                if let Some(bar) = guard.as_ref() {
                    let done = record.args().to_string();
                    let name = done.split(':').next().unwrap_or_default().to_string();
                    bar.set_message(format!("{name} done"));
                }
            }
        }
        if record.level() > self.shown {
            return;
        }
        // Stage timings carry the memory held after the stage, to see which holds the peak.
        let rss = match (stage, resident_mib()) {
            (true, Some(m)) => format!(", {m} MiB resident"),
            _ => String::new(),
        };
        let level = if record.level() == Level::Trace {
            "trace: "
        } else {
            ""
        };
        let line = format!("{level}{}{rss}", record.args());
        suspended(|| say(&line));
    }

    fn flush(&self) {}
}

/// Switches the diagnostics on: `Debug` for `--verbose`, `Trace` for `--debug`; with
/// `progress`, stage records are also read (for the progress bar) even when not shown.
pub(crate) fn init(shown: LevelFilter, progress: bool) {
    let read = if progress {
        shown.max(LevelFilter::Debug)
    } else {
        shown
    };
    if read == LevelFilter::Off {
        return;
    }
    let logger: &'static StderrLogger = Box::leak(Box::new(StderrLogger { shown }));
    // Fails only when a logger is already set, which this binary never does twice.
    if log::set_logger(logger).is_ok() {
        log::set_max_level(read);
    }
}

/// Shows a spinner with the last finished stage and the time so far, once `after` has
/// passed and while the returned guard lives (only on a terminal: the caller checks).
pub(crate) fn progress(after: Duration) -> ProgressGuard {
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let thread = std::thread::spawn(move || {
        // The bar appears only for runs that last; a short run (the guard dropped before
        // `after`, which disconnects the channel) never shows it.
        if rx.recv_timeout(after) != Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
            return;
        }
        let bar = ProgressBar::new_spinner().with_elapsed(after);
        let style = ProgressStyle::with_template("{spinner} {elapsed_precise} aligning: {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.set_message("reading");
        bar.enable_steady_tick(Duration::from_millis(120));
        if let Ok(mut guard) = PROGRESS.lock() {
            *guard = Some(bar);
        }
        let _ = rx.recv();
        if let Ok(mut guard) = PROGRESS.lock() {
            if let Some(bar) = guard.take() {
                bar.finish_and_clear();
            }
        }
    });
    ProgressGuard {
        stop: Some(tx),
        thread: Some(thread),
    }
}

/// Clears the progress bar now, if one is shown (before the process exits on a signal);
/// never waits for a lock held elsewhere.
pub(crate) fn clear_progress() {
    if let Ok(mut guard) = PROGRESS.try_lock() {
        if let Some(bar) = guard.take() {
            bar.finish_and_clear();
        }
    }
}

/// Clears the progress bar when dropped.
pub(crate) struct ProgressGuard {
    stop: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for ProgressGuard {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Runs `f` with the progress bar, if any, hidden, so that a line printed does not mix with
/// it.
pub(crate) fn suspended<T>(f: impl FnOnce() -> T) -> T {
    let bar = PROGRESS.lock().ok().and_then(|g| g.clone());
    match bar {
        Some(bar) => bar.suspend(f),
        None => f(),
    }
}

/// One line on standard error. A closed or full standard error cannot be told about
/// itself: the line is dropped, never a panic (the exit status still says what happened).
pub(crate) fn say(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// The process's resident memory in MiB (Linux; `None` elsewhere).
fn resident_mib() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4 / 1024)
}
