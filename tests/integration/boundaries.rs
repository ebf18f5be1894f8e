//! The module boundaries ARCHITECTURE.md states, checked by reading
//! `src/` and the core's `crates/whiplash-core/src/`: who may print, parse
//! arguments, drive the terminal and read the clock; and that the core
//! crate depends on none of the edges' crates. (No film fact in the code is
//! checked in `generator.rs`.)

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
/// comments; no rule needle is written inside a string in the code).
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
    breaks_of(RULES, path, text)
}

/// Every break of `rules` in one file, as `path:line: what: code`.
fn breaks_of(rules: &[Rule], path: &str, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for rule in rules {
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

/// The folders of Rust code the boundaries hold for: the game's crate and
/// the core's, relative to the repository's root.
const CODE: &[&str] = &["src", CORE_SRC];

/// The pure core's code, a crate of its own.
const CORE_SRC: &str = "crates/whiplash-core/src";

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
    for dir in CODE {
        let before = files.len();
        rust_files(&root.join(dir), &mut files);
        assert!(files.len() > before + 8, "{dir}/ was not found: {files:?}");
    }
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

/// Every Rust file under `src/`, `crates/whiplash-core/src/` and
/// `tests/integration/`, relative and `/`-separated.
fn code_files() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in CODE {
        rust_files(&root.join(dir), &mut files);
    }
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

/// What the pure core may not do at all, on top of `RULES`: it is handed
/// its data, its rng and the time an answer took, and gives back data. A
/// rule's homes are the only core files allowed to break it.
const CORE_RULES: &[Rule] = &[
    Rule {
        what: "reads or writes the terminal",
        needles: &[
            "std::io::stdin",
            "stdin()",
            "stdout()",
            "stderr()",
            "println!",
            "eprintln!",
            "print!(",
            "eprint!(",
            "dbg!(",
        ],
        homes: &[],
    },
    Rule {
        what: "starts or ends a process",
        needles: &["std::process", "process::exit", "Command::new"],
        homes: &[],
    },
    Rule {
        what: "reads the clock",
        needles: &["SystemTime", "Instant::now", "Utc::now", "Local::now"],
        homes: &[],
    },
    Rule {
        what: "reads the environment",
        needles: &["std::env", "env::var", "env::args"],
        homes: &[],
    },
    Rule {
        what: "touches the file system",
        needles: &["std::fs", "File::open", "File::create", "OpenOptions"],
        homes: &[],
    },
    Rule {
        what: "uses the network, threads or an async runtime",
        needles: &[
            "std::net",
            "std::thread",
            "thread::spawn",
            "tokio",
            "async fn",
        ],
        homes: &[],
    },
    Rule {
        // The core takes a seeded `GameRng`; a game started without
        // `--seed` gets its draw from the operating system in `app`.
        what: "draws randomness from the operating system",
        needles: &[
            "rand::random",
            "rand::rng(",
            "thread_rng",
            "OsRng",
            "SysRng",
            "getrandom",
        ],
        homes: &[],
    },
];

/// The crates the core may not depend on: the terminal, the argument
/// parser, the database, signals, the data folder, the async runtime and
/// the web server are the business of the crates around it.
const NOT_IN_CORE: &[&str] = &[
    "clap",
    "clap_complete",
    "crossterm",
    "console",
    "dialoguer",
    "rusqlite",
    "tokio",
    "axum",
    "signal-hook",
    "directories",
    "libc",
];

/// The crates a manifest depends on outside its dev-dependencies
/// (`[dependencies]`, `[build-dependencies]`, their `[target.*.…]` forms
/// and `[dependencies.NAME]` tables; a renamed one by its `package` too),
/// `_` written `-`.
fn normal_dependencies(manifest: &str) -> Vec<String> {
    let is_deps = |table: &str| {
        ["dependencies", "build-dependencies"]
            .iter()
            .any(|d| table == *d || table.ends_with(&format!(".{d}")))
    };
    let mut names = Vec::new();
    // Some(true) in a table of dependencies, Some(false) in one crate's.
    let mut inside: Option<bool> = None;
    for line in manifest.lines() {
        let line = line.split('#').next().unwrap().trim();
        if let Some(header) = line.strip_prefix('[') {
            let table = header.trim_end_matches(']').trim();
            inside = if is_deps(table) {
                Some(true)
            } else if let Some((deps, name)) = table.rsplit_once('.')
                && is_deps(deps)
            {
                names.push(name.trim_matches(['"', '\''].as_slice()).to_owned());
                Some(false)
            } else {
                None
            };
            continue;
        }
        let Some(table) = inside else { continue };
        if table && let Some((key, _)) = line.split_once('=') {
            let key = key.split('.').next().unwrap().trim();
            names.push(key.trim_matches(['"', '\''].as_slice()).to_owned());
        }
        if let Some((_, rest)) = line.split_once("package") {
            let rest = rest.trim_start();
            if let Some(value) = rest.strip_prefix('=') {
                let value = value.trim_start().trim_start_matches('"');
                names.push(value.split('"').next().unwrap().to_owned());
            }
        }
    }
    names.iter().map(|n| n.replace('_', "-")).collect()
}

/// The core is a crate of its own that the terminal game and the party
/// server both build on, and it depends on none of their crates.
#[test]
fn the_core_crate_depends_on_none_of_the_edges_crates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("crates/whiplash-core/Cargo.toml")).unwrap();
    let deps = normal_dependencies(&manifest);
    // The reading finds the core's own dependencies, and not its dev ones.
    for needed in ["chrono", "serde", "thiserror"] {
        assert!(deps.iter().any(|d| d == needed), "{needed} not in {deps:?}");
    }
    assert!(!deps.iter().any(|d| d == "proptest"), "{deps:?}");
    let banned: Vec<&String> = deps
        .iter()
        .filter(|d| NOT_IN_CORE.iter().any(|n| n.replace('_', "-") == **d))
        .collect();
    assert!(
        banned.is_empty(),
        "crates/whiplash-core/Cargo.toml depends on {banned:?}, which belong outside the core"
    );
    // The game's crate builds on the core, as one workspace.
    let top = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(
        top.contains(r#"members = ["crates/whiplash-core"]"#),
        "{top}"
    );
    assert!(
        normal_dependencies(&top)
            .iter()
            .any(|d| d == "whiplash-core")
    );
}

#[test]
fn the_dependency_reading_finds_every_form_of_dependency() {
    let planted = "[package]\nname = \"x\"\nversion = \"1\"\n\n[dependencies]\nchrono = \"0.4\"\nsignal_hook = { version = \"0.3\" } # a comment\nrt = { package = \"tokio\", version = \"1\" }\nclap.workspace = true\n\n[target.'cfg(unix)'.dependencies]\nlibc = \"0.2\"\n\n[dependencies.rusqlite]\nversion = \"0.43\"\n\n[dev-dependencies]\ntempfile = \"3\"\n\n[build-dependencies]\n\"directories\" = \"6\"\n";
    assert_eq!(
        normal_dependencies(planted),
        [
            "chrono",
            "signal-hook",
            "rt",
            "tokio",
            "clap",
            "libc",
            "rusqlite",
            "directories"
        ]
    );
}

/// Nothing in the core reads the terminal, the clock, the environment or
/// the file system, starts a process or a thread, or draws randomness of
/// its own: unit tests included.
#[test]
fn the_core_reaches_nothing_outside_its_arguments() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join(CORE_SRC), &mut files);
    assert!(files.len() > 20, "{CORE_SRC}/ was not found: {files:?}");
    let mut found = Vec::new();
    for file in &files {
        let rel = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        found.extend(breaks_of(
            CORE_RULES,
            &rel,
            &std::fs::read_to_string(file).unwrap(),
        ));
    }
    assert!(
        found.is_empty(),
        "the core reaches out:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_core_scan_finds_each_kind_of_reach() {
    let core = |name: &str| format!("{CORE_SRC}/{name}");
    let planted = "fn f() {\n    let line = std::io::stdin().lines();\n    let t = std::time::Instant::now();\n    // std::fs::read in a comment is fine\n    let v = std::env::var(\"HOME\");\n    std::process::exit(1);\n    let s = rand::random::<u64>();\n    std::thread::spawn(|| ());\n}\n";
    let found = breaks_of(CORE_RULES, &core("game.rs"), planted);
    assert_eq!(found.len(), 6, "{found:#?}");
    for (line, what) in [
        (2, "reads or writes the terminal"),
        (3, "reads the clock"),
        (5, "reads the environment"),
        (6, "starts or ends a process"),
        (7, "draws randomness from the operating system"),
        (8, "uses the network, threads or an async runtime"),
    ] {
        assert!(
            found
                .iter()
                .any(|f| f.contains(&format!(":{line}: {what}"))),
            "{line} {what}: {found:#?}"
        );
    }
    assert!(breaks_of(CORE_RULES, &core("rng.rs"), "rand::random::<u64>()\n").len() == 1);
    assert!(breaks_of(CORE_RULES, &core("game.rs"), "let f = File::open(p);\n").len() == 1);
    assert!(
        breaks_of(
            CORE_RULES,
            &core("bank.rs"),
            "fn plain_stream<R: std::io::Read>(r: R)\n"
        )
        .is_empty()
    );
}
