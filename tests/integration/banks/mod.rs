//! Custom banks end to end: `check`, `play --bank`, installed banks,
//! filters, `categories` and `import`. Every test gets its own data folder,
//! never the user's.

use crate::common::Quiz;
use serde_json::Value;
use std::path::Path;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn broken(name: &str) -> String {
    fixture(&format!("banks/broken/{name}"))
}

/// The problems `check` prints for one broken bank, as stderr.
fn check_fails(file: &str) -> String {
    let out = Quiz::new().run(&["check", &broken(file)], "").fails();
    assert!(
        out.stderr.contains(&format!("{file}:")),
        "names the file: {}",
        out.stderr
    );
    out.stderr
}

/// Plays `args` with `--json`, answering 1 to every question.
fn report(quiz: &Quiz, args: &[&str]) -> Value {
    let mut all = vec!["play", "--json"];
    all.extend_from_slice(args);
    quiz.run(&all, &"1\n".repeat(40)).ok().json()
}

fn prompts(report: &Value) -> Vec<String> {
    report["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["prompt"].as_str().unwrap().to_owned())
        .collect()
}

fn import_fixture(name: &str) -> String {
    fixture(&format!("import/{name}"))
}

mod check;
mod hostile;
mod import;
mod limits;
mod play;
