//! Diagnostics: stage timings, search rounds, anchors and bead costs, as `log` records.
//!
//! The library reads no environment variable and writes nothing of its own accord. With the
//! `logging` feature, the aligner emits records through the `log` crate (targets
//! `bialign::stage` for stage timings at debug level, `bialign::search` for the rounds of the
//! search at debug level, `bialign::anchors`, `bialign::guide` and `bialign::steps` at trace
//! level); a caller that installs a logger sees them. Without the feature these macros expand
//! to nothing and their arguments are not evaluated.

/// A debug-level record for `target`; nothing without the `logging` feature.
macro_rules! debug {
    (target: $target:expr, $($arg:tt)+) => {
        #[cfg(feature = "logging")]
        {
            log::debug!(target: $target, $($arg)+);
        }
        // Without the feature the arguments are only type-checked, never evaluated.
        #[cfg(not(feature = "logging"))]
        {
            let _ = || {
                let _ = format_args!($($arg)+);
            };
        }
    };
}

/// A trace-level record for `target`; nothing without the `logging` feature.
macro_rules! trace {
    (target: $target:expr, $($arg:tt)+) => {
        #[cfg(feature = "logging")]
        {
            log::trace!(target: $target, $($arg)+);
        }
        // Without the feature the arguments are only type-checked, never evaluated.
        #[cfg(not(feature = "logging"))]
        {
            let _ = || {
                let _ = format_args!($($arg)+);
            };
        }
    };
}

/// Whether trace records of `target` are wanted (always `false` without `logging`), to skip
/// computing what only a trace record would show.
macro_rules! tracing {
    ($target:expr) => {{
        #[cfg(feature = "logging")]
        let on = log::log_enabled!(target: $target, log::Level::Trace);
        #[cfg(not(feature = "logging"))]
        let on = false;
        on
    }};
}

pub(crate) use {debug, trace, tracing};

/// Reports the time since `t` of a stage of the aligner (target `bialign::stage`).
#[inline]
pub(crate) fn lap(stage: &str, t: std::time::Instant) {
    debug!(target: "bialign::stage", "{stage}: {:.3} s", t.elapsed().as_secs_f64());
}
