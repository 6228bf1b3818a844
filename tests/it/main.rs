//! The library's integration tests, in one test binary (`cargo test --test it`), one module
//! per subject. Helpers shared between subjects are in `common`.
//!
//! Tests that need the evaluation data (`../shared/eval`, or `$BIALIGN_EVAL`) or an optional
//! tool (python3, translate-toolkit, Chromium) skip when it is absent, and say so with a line
//! `skipped: <test>: <reason>` on standard error that libtest does not capture
//! (`common::skip`); `scripts/test` counts them.

mod common;

mod align;
mod architecture;
mod calibration;
mod decode;
mod eval;
mod export;
mod fixed;
mod hostile;
mod lexicon;
mod normalize;
mod read;
mod save;
mod segment;
