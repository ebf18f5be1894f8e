//! The module boundaries ARCHITECTURE.md states, checked by reading
//! `src/`: who may print, parse arguments, drive the terminal and read the
//! clock. (No film fact in `src/` is checked in `generator.rs`.)

use std::path::{Path, PathBuf};

/// One rule: code matching any of `needles` may only sit in files whose
/// path (relative to the crate, `/`-separated) starts with one of `homes`.
struct Rule {
    what: &'static str,
    needles: &'static [&'static str],
    homes: &'static [&'static str],
}

const RULES: &[Rule] = &[
    Rule {
        what: "writes to the terminal",
        needles: &[
            "println!",
            "eprintln!",
            "print!(",
            "eprint!(",
            "dbg!(",
            "stdout()",
            "stderr()",
        ],
        homes: &["src/ui/"],
    },
    Rule {
        what: "uses clap",
        needles: &["clap"],
        homes: &["src/cli.rs"],
    },
    Rule {
        what: "drives the terminal (dialoguer, console, crossterm)",
        needles: &["dialoguer", "console::", "use console", "crossterm"],
        homes: &["src/ui/"],
    },
    Rule {
        what: "handles signals or panics",
        needles: &["signal_hook", "ctrlc", "set_hook", "take_hook"],
        homes: &["src/ui/"],
    },
    Rule {
        what: "reads the clock",
        needles: &["Local::now", "Utc::now", "Instant::now", "SystemTime"],
        homes: &["src/app/", "src/ui/", "src/party/server.rs"],
    },
];

/// The code of a Rust file without its comments (line comments and doc
/// comments; no rule needle is written inside a string in `src/`).
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let code = line.split("//").next().unwrap_or("");
        (!code.trim().is_empty()).then_some((i + 1, code))
    })
}

/// Whether `needle` starts a word in `code`: `stderr()` counts, but
/// `e.use_stderr()` does not.
fn has_word(code: &str, needle: &str) -> bool {
    code.match_indices(needle).any(|(at, _)| {
        !code[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// Every break of `RULES` in one file, as `path:line: what: code`.
fn breaks(path: &str, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for rule in RULES {
        if rule.homes.iter().any(|home| path.starts_with(home)) {
            continue;
        }
        for (line, code) in code_lines(text) {
            if rule.needles.iter().any(|n| has_word(code, n)) {
                out.push(format!("{path}:{line}: {}: {}", rule.what, code.trim()));
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_keeps_to_its_boundary() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 20, "src/ was not found: {files:?}");
    let mut found = Vec::new();
    for file in &files {
        let rel = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        found.extend(breaks(&rel, &std::fs::read_to_string(file).unwrap()));
    }
    assert!(found.is_empty(), "boundaries broken:\n{}", found.join("\n"));
}

#[test]
fn the_scan_finds_each_kind_of_break_and_ignores_comments() {
    let planted = "fn f() {\n    println!(\"hi\");\n    let t = chrono::Local::now();\n    // eprintln! in a comment is fine\n    let _ = console::Term::stderr();\n}\n";
    let found = breaks("src/store.rs", planted);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(found[0].starts_with("src/store.rs:2: writes to the terminal"));
    assert!(found.iter().any(|f| f.contains(":3: reads the clock")));
    assert!(found.iter().any(|f| f.contains(":5: drives the terminal")));
    assert!(breaks("src/cli.rs", "use clap::Parser;\n").is_empty());
    assert_eq!(breaks("src/app/mod.rs", "use clap::Parser;\n").len(), 1);
    assert!(breaks("src/app/play.rs", "let t = Instant::now();\n").is_empty());
    assert!(breaks("src/ui/mod.rs", "println!();\n").is_empty());
    assert_eq!(breaks("src/cli.rs", "io::stderr().flush();\n").len(), 1);
    assert!(breaks("src/cli.rs", "e.use_stderr();\n").is_empty());
    assert_eq!(breaks("src/game.rs", "std::panic::set_hook(h);\n").len(), 1);
    assert_eq!(
        breaks("src/app/play.rs", "use signal_hook::flag;\n").len(),
        1
    );
    assert!(breaks("src/ui/signals.rs", "use signal_hook::flag;\n").is_empty());
}

/// Every Rust file under `src/` and `tests/integration/`, relative and
/// `/`-separated.
fn code_files() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("tests/integration"), &mut files);
    files
        .iter()
        .map(|f| {
            f.strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// ARCHITECTURE.md's code map names every source file, and every file it
/// names exists.
#[test]
fn the_code_map_matches_the_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let rows: Vec<&str> = map.lines().filter(|l| l.starts_with("| `")).collect();
    let mut missing = Vec::new();
    for file in code_files() {
        let (dir, name) = file.rsplit_once('/').unwrap();
        let stem = name.trim_end_matches(".rs");
        let covered = rows.iter().any(|row| {
            row.contains(&format!("`{file}`"))
                || row.contains(&format!("`{dir}/*.rs`"))
                || (row.contains(&format!("`{dir}/"))
                    && (row.contains(&format!("`{name}`")) || row.contains(&format!("`{stem}`"))))
        });
        if !covered {
            missing.push(file);
        }
    }
    assert!(missing.is_empty(), "not in the code map: {missing:#?}");
    let mut gone = Vec::new();
    for row in &rows {
        let path = row.trim_start_matches("| `").split('`').next().unwrap();
        if !path.contains('*') && !root.join(path).exists() {
            gone.push(path.to_owned());
        }
    }
    assert!(
        gone.is_empty(),
        "named in the code map but not there: {gone:#?}"
    );
}
