//! `bialign eval` against the reference scorer `../shared/tools/score_align.py` (skipped,
//! saying so, without the evaluation data or python3).

use std::process::{Command, Output};

use crate::common::{self, run};

#[test]
fn eval_matches_the_reference_scorer() {
    let name = "eval::eval_matches_the_reference_scorer";
    let Some(eval) = common::eval_set(name, "mac-dev") else {
        return;
    };
    let script = common::tools_dir().join("score_align.py");
    if !script.exists() {
        common::skip(
            name,
            &format!("no reference scorer at {}", script.display()),
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let test = dir.path().join("001.align");
    let o = run(&[
        "align",
        "--presplit",
        "--format",
        "ids",
        eval.join("zh/001").to_str().unwrap(),
        eval.join("en/001").to_str().unwrap(),
        "-o",
        test.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let gold = eval.join("gold/001.align");
    let ours = run(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--test",
        test.to_str().unwrap(),
    ]);
    let python = Command::new("python3")
        .arg(&script)
        .args([
            "--gold",
            gold.to_str().unwrap(),
            "--test",
            test.to_str().unwrap(),
        ])
        .output();
    let Ok(python) = python else {
        common::skip(name, "python3 is absent");
        return;
    };
    let last = |o: &Output| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .last()
            .unwrap_or("")
            .to_string()
    };
    assert!(last(&ours).starts_with("strict_f1="), "{}", last(&ours));
    assert_eq!(last(&ours), last(&python));
}
