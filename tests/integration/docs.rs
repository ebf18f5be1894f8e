//! Every example in README.md and docs/*.md runs as written from the
//! repository's root, in a scratch copy of it (`tests/fixtures` and
//! `questions`) with a scratch data folder per page:
//!
//! - in a ```text block, each `$ COMMAND` line is run by bash, and every
//!   line shown under it (but `...` and a game's time) must be a line the
//!   command printed; it must exit 0, or non-zero if an `error:` line is
//!   shown;
//! - each ```sh block is run whole by bash (`set -euo pipefail`) and must
//!   exit 0, except the set-up block that installs with cargo; `curl` is
//!   a stand-in that writes the film import's fixtures, as if fetched.

use crate::common::Quiz;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

/// The pages: README.md, then docs/*.md in name order.
fn pages(root: &Path) -> Vec<PathBuf> {
    let mut docs: Vec<PathBuf> = fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    docs.insert(0, root.join("README.md"));
    docs
}

/// One example: where it is, what runs, and what it shows.
#[derive(Debug)]
struct Example {
    at: String,
    script: String,
    shown: Vec<String>,
}

/// The examples of one page, in order.
fn examples(page: &Path) -> Vec<Example> {
    let text = fs::read_to_string(page).unwrap();
    let name = page.file_name().unwrap().to_string_lossy().into_owned();
    let mut found = Vec::new();
    let mut fence: Option<(String, usize, Vec<&str>)> = None;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(lang) = trimmed.strip_prefix("```") {
            match fence.take() {
                None => fence = Some((lang.trim().to_owned(), n + 1, Vec::new())),
                Some((lang, start, body)) => {
                    let at = format!("{name}:{start}");
                    if lang == "sh" && !body.iter().any(|l| l.contains("cargo ")) {
                        found.push(Example {
                            at,
                            script: body.join("\n"),
                            shown: Vec::new(),
                        });
                    } else if lang == "text" {
                        let mut current: Option<Example> = None;
                        for (i, l) in body.iter().enumerate() {
                            if let Some(cmd) = l.strip_prefix("$ ") {
                                found.extend(current.take());
                                current = Some(Example {
                                    at: format!("{name}:{}", start + 1 + i),
                                    script: cmd.to_owned(),
                                    shown: Vec::new(),
                                });
                            } else if let Some(ex) = current.as_mut() {
                                ex.shown.push(l.to_string());
                            }
                        }
                        found.extend(current);
                    }
                }
            }
        } else if let Some((_, _, body)) = fence.as_mut() {
            body.push(line);
        }
    }
    found
}

/// A scratch copy of what the examples read, with `whiplash-quiz` on the
/// `PATH`.
fn scratch(root: &Path) -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        fs::create_dir_all(to).unwrap();
        for e in fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let target = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &target);
            } else {
                fs::copy(e.path(), target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(
        &root.join("tests/fixtures"),
        &dir.path().join("tests/fixtures"),
    );
    copy(&root.join("questions"), &dir.path().join("questions"));
    fs::create_dir(dir.path().join("bin")).unwrap();
    // The game is offline, and so are its tests: `curl` serves the film
    // fixtures for the file it is asked to write (`-o film.tmdb.json`).
    let curl = dir.path().join("bin/curl");
    fs::write(
        &curl,
        "#!/bin/sh\nwhile [ $# -gt 0 ]; do [ \"$1\" = -o ] && out=$2; shift; done\n\
         case $out in\n\
         *tmdb.json) cp tests/fixtures/import/film/whiplash.tmdb.json \"$out\";;\n\
         *wikidata.json) cp tests/fixtures/import/film/whiplash.wikidata.json \"$out\";;\n\
         *) echo \"curl: offline in the tests\" >&2; exit 6;;\n\
         esac\n",
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&curl, fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::os::unix::fs::symlink(
        crate::common::binary(),
        dir.path().join("bin/whiplash-quiz"),
    )
    .unwrap();
    dir
}

#[test]
fn every_example_in_the_readme_and_the_docs_runs_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut ran = 0;
    for page in pages(root) {
        let work = scratch(root);
        let quiz = Quiz::new();
        for ex in examples(&page) {
            let mut cmd = std::process::Command::new("bash");
            cmd.args(["-c", &format!("set -euo pipefail\n{}", ex.script)])
                .current_dir(work.path())
                .stdin(Stdio::null());
            quiz.isolate(&mut cmd);
            let path = format!(
                "{}:{}",
                work.path().join("bin").display(),
                std::env::var("PATH").unwrap_or_default()
            );
            cmd.env("PATH", path);
            let out = assert_cmd::Command::from_std(cmd)
                .timeout(Duration::from_secs(60))
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            let printed: Vec<&str> = stdout.lines().chain(stderr.lines()).collect();
            let fails = ex.shown.iter().any(|l| l.starts_with("error:"));
            assert_eq!(
                out.status.success(),
                !fails,
                "{}: `{}` exited {:?}:\n{stdout}{stderr}",
                ex.at,
                ex.script,
                out.status.code()
            );
            for line in ex
                .shown
                .iter()
                .filter(|l| l.trim() != "..." && !l.contains(" · time ") && !l.trim().is_empty())
            {
                assert!(
                    printed
                        .iter()
                        .any(|p| p.trim_end().ends_with(line.trim_end())),
                    "{}: shows {line:?} for `{}`, but it printed:\n{stdout}{stderr}",
                    ex.at,
                    ex.script
                );
            }
            ran += 1;
        }
    }
    assert!(ran >= 12, "only {ran} examples were found");
}

/// A heading's anchor, as GitHub makes it.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == ' ' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[test]
fn every_link_in_the_readme_and_the_docs_leads_somewhere() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let anchors = |page: &Path| -> Vec<String> {
        fs::read_to_string(page)
            .unwrap()
            .lines()
            .filter_map(|l| {
                l.trim_start_matches('#')
                    .strip_prefix(' ')
                    .filter(|_| l.starts_with('#'))
            })
            .map(anchor)
            .collect()
    };
    let mut checked = 0;
    for page in pages(root) {
        let text = fs::read_to_string(&page).unwrap();
        for (i, _) in text.match_indices("](") {
            let rest = &text[i + 2..];
            let target = &rest[..rest.find(')').unwrap()];
            if target.starts_with("http") || target.contains(' ') {
                continue;
            }
            let (file, frag) = target.split_once('#').unwrap_or((target, ""));
            let file = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(file)
            };
            assert!(file.exists(), "{}: {target} does not exist", page.display());
            if !frag.is_empty() {
                assert!(
                    anchors(&file).iter().any(|a| a == frag),
                    "{}: {target}: no such heading",
                    page.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} links");
}

#[test]
fn the_readme_stays_short() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lines = fs::read_to_string(root.join("README.md"))
        .unwrap()
        .lines()
        .count();
    assert!(
        lines <= 250,
        "README.md has {lines} lines; move detail to docs/"
    );
}
