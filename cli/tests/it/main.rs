//! The command line's tests, in one test binary (`cargo test -p bialign-cli --test it`), one
//! module per subject; they run the `bialign` binary. Helpers shared between subjects are in
//! `common`. The library's tests are in the root package's `tests/it`.
//!
//! Tests that need the evaluation data (`../shared/eval` next to the project, or
//! `$BIALIGN_EVAL`) or an optional tool (python3, setpriv, ...) skip when it is absent, and
//! say so with a line `skipped: <test>: <reason>` on standard error that libtest does not
//! capture (`common::skip`); `scripts/test` counts them.

mod common;

mod align;
mod batch;
mod decode;
mod documents;
mod eval;
mod files;
mod fixed;
mod hostile;
mod review;
mod segment;
