//! End-to-end tests of the binary: piped games, the JSON report, colours,
//! exit codes, `generate` and `quality`.

use crate::common::{Quiz, Scratch, command, fixture};
use serde_json::Value;
use std::io::Read;
use std::process::Stdio;
use whiplash_quiz::quality;
use whiplash_quiz::report::Report;

/// The binary in a fresh scratch data folder (never the user's), from the
/// same colour environment every time.
fn quiz() -> Scratch {
    command()
}

/// Runs a game and returns (stdout, stderr, exit code).
fn run(args: &[&str], input: &str) -> (String, String, i32) {
    let out = quiz().args(args).write_stdin(input).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// The typed report of `play ARGS --json`: a field renamed or dropped
/// fails to read.
fn report(args: &[&str], input: &str) -> Report {
    let mut all = args.to_vec();
    all.push("--json");
    let (stdout, _, code) = run(&all, input);
    assert_eq!(code, 0);
    serde_json::from_str(&stdout).expect("stdout is one report")
}

/// The 1-based right answers of a seeded game, read from its report.
fn right_answers(seed: &str, count: usize) -> Vec<u64> {
    let r = report(
        &["play", "--seed", seed, "--count", &count.to_string()],
        &"1\n".repeat(count),
    );
    r.questions.iter().map(|q| q.answer as u64).collect()
}

fn lines(answers: &[u64]) -> String {
    answers.iter().map(|a| format!("{a}\n")).collect()
}

#[test]
fn a_scripted_plain_game_with_all_right_answers_is_flawless() {
    let answers = right_answers("7", 4);
    let (stdout, stderr, code) = run(
        &["play", "--seed", "7", "--count", "4", "--plain"],
        &lines(&answers),
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.matches("Right!").count(), 4, "{stdout}");
    assert!(stdout.contains("Flawless! 4/4 right"), "{stdout}");
    assert!(
        stdout.contains("Replay this game with:\nwhiplash-quiz play --seed 7 --count 4\n"),
        "{stdout}"
    );
    assert!(
        stdout
            .trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("Flawless! 4/4 right"),
        "the summary is the last line: {stdout}"
    );
    assert!(!stdout.contains("Review of missed questions"));
}

#[test]
fn a_wrong_answer_shows_the_right_one_and_the_review() {
    let answers = right_answers("11", 2);
    // Every question has a first and a second choice.
    let wrong = if answers[0] == 1 { 2 } else { 1 };
    let (stdout, _, code) = run(
        &["play", "--seed", "11", "--count", "2"],
        &lines(&[wrong, answers[1]]),
    );
    assert_eq!(code, 0);
    assert!(stdout.contains("Wrong. The answer is:"), "{stdout}");
    assert!(stdout.contains("1/2 right"), "{stdout}");
    assert!(stdout.contains("Review of missed questions"), "{stdout}");
    assert!(stdout.contains("You said:"), "{stdout}");
}

#[test]
fn the_json_report_is_alone_on_stdout_and_complete() {
    let (stdout, stderr, code) = run(
        &["play", "--seed", "3", "--count", "3", "--json"],
        "2\n1\n2\n",
    );
    assert_eq!(code, 0);
    let r: Value = serde_json::from_str(&stdout).expect("only JSON on stdout");
    assert_eq!(r["seed"], 3);
    assert_eq!(r["total"], 3);
    let questions = r["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 3);
    let mut correct = 0;
    for (q, chosen) in questions.iter().zip([2, 1, 2]) {
        for key in [
            "prompt",
            "category",
            "difficulty",
            "choices",
            "answer",
            "chosen",
            "correct",
        ] {
            assert!(q.get(key).is_some(), "missing {key} in {q}");
        }
        let n = q["choices"].as_array().unwrap().len() as u64;
        assert!(n == 2 || n == 4, "true or false, or one of four: {q}");
        assert_eq!(q["chosen"], chosen);
        let answer = q["answer"].as_u64().unwrap();
        assert!((1..=n).contains(&answer));
        assert_eq!(q["correct"].as_bool().unwrap(), answer == chosen);
        correct += usize::from(answer == chosen);
        // The prompts went to stderr.
        assert!(stderr.contains(q["prompt"].as_str().unwrap()));
    }
    assert_eq!(r["correct"], correct);
}

#[test]
fn bad_answer_lines_are_refused_and_the_question_is_asked_again() {
    let (stdout, stderr, code) = run(
        &["play", "--seed", "5", "--count", "1", "--json"],
        "5\nabc\n\n0\n2\n",
    );
    assert_eq!(code, 0);
    assert_eq!(stderr.matches("is not an answer").count(), 4, "{stderr}");
    assert_eq!(stderr.matches("Question 1/1").count(), 5, "{stderr}");
    let r: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(r["total"], 1);
    assert_eq!(r["questions"][0]["chosen"], 2);
}

#[test]
fn end_of_input_ends_the_game_cleanly_with_a_summary() {
    let (stdout, _, code) = run(&["play", "--seed", "9", "--count", "3"], "1\n");
    assert_eq!(code, 0);
    assert!(
        stdout.contains("Game stopped after 1 of 3 questions."),
        "{stdout}"
    );
    assert!(stdout.contains("/1 right"), "{stdout}");
    let r = report(&["play", "--seed", "9", "--count", "3"], "1\n");
    assert_eq!(r.total, 1);
    assert_eq!(r.planned, 3);
    assert!(!r.finished);
}

#[test]
fn q_quits_and_keeps_what_was_answered() {
    let r = report(&["play", "--seed", "9", "--count", "3"], "1\nq\n3\n");
    assert_eq!(r.total, 1);
    let r = report(&["play", "--seed", "9", "--count", "3"], "Q\n");
    assert_eq!(r.total, 0);
    assert_eq!(r.score, 0);
}

#[test]
fn the_same_seed_plays_the_same_game_in_plain_and_json_mode() {
    let (plain, _, _) = run(
        &["play", "--seed", "21", "--count", "5", "--plain"],
        &"1\n".repeat(5),
    );
    let r = report(&["play", "--seed", "21", "--count", "5"], &"1\n".repeat(5));
    for q in &r.questions {
        assert!(plain.contains(&q.prompt));
        let numbered: Vec<String> = q
            .choices
            .iter()
            .enumerate()
            .map(|(i, c)| format!("  {}) {c}", i + 1))
            .collect();
        assert!(plain.contains(&numbered.join("\n")), "choice order differs");
    }
    // And a different seed deals a different game.
    let other = report(&["play", "--seed", "22", "--count", "5"], &"1\n".repeat(5));
    assert_ne!(r.questions, other.questions);
}

#[test]
fn the_bare_command_plays() {
    let (stdout, _, code) = run(&["--seed", "4", "--count", "1"], "1\n");
    assert_eq!(code, 0);
    assert!(stdout.contains("Question 1/1"), "{stdout}");
    assert!(stdout.contains("/1 right"), "{stdout}");
}

#[test]
fn without_a_seed_a_random_one_is_shown_and_replays() {
    let (stdout, _, _) = run(&["play", "--count", "1"], "");
    let seed: String = stdout
        .split("seed ")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    assert!(!seed.is_empty(), "{stdout}");
    assert!(stdout.contains(&format!("whiplash-quiz play --seed {seed} --count 1")));
    let (again, _, _) = run(&["play", "--count", "1", "--seed", &seed], "");
    let first_prompt = |s: &str| s.lines().nth(3).map(str::to_string);
    assert_eq!(first_prompt(&stdout), first_prompt(&again));
}

#[test]
fn more_questions_than_exist_plays_them_all_and_says_so() {
    let (stdout, _, code) = run(&["play", "--seed", "1", "--count", "1000"], "");
    assert_eq!(code, 0);
    assert!(
        stdout.contains("You asked for 1000 questions; ")
            && stdout.contains(" can be dealt without repeating a fact"),
        "{stdout}"
    );
}

/// Output of a short game on (stdout, stderr) in the given environment.
fn streams(extra: &[&str], env: &[(&str, &str)]) -> (Vec<u8>, Vec<u8>) {
    let mut cmd = quiz();
    cmd.args(["play", "--seed", "2", "--count", "2"])
        .args(extra);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.write_stdin("1\n9\n2\n").output().unwrap();
    (out.stdout, out.stderr)
}

#[test]
fn no_color_removes_every_escape_on_both_streams() {
    let force = [("CLICOLOR_FORCE", "1")];
    // Forced colour does colour both streams (the game goes to stderr with
    // --json), so the assertions below can fail.
    let (stdout, _) = streams(&[], &force);
    assert!(stdout.contains(&0x1b));
    let (_, stderr) = streams(&["--json"], &force);
    assert!(stderr.contains(&0x1b));

    for (extra, env) in [
        (vec!["--no-color"], vec![("CLICOLOR_FORCE", "1")]),
        (vec!["--no-color", "--json"], vec![("CLICOLOR_FORCE", "1")]),
        (vec![], vec![("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]),
        (
            vec!["--json"],
            vec![("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
        ),
        (vec![], vec![("CLICOLOR", "0")]),
    ] {
        let (stdout, stderr) = streams(&extra, &env);
        assert!(
            !stdout.contains(&0x1b),
            "{extra:?} {env:?}: {}",
            String::from_utf8_lossy(&stdout)
        );
        assert!(
            !stderr.contains(&0x1b),
            "{extra:?} {env:?}: {}",
            String::from_utf8_lossy(&stderr)
        );
    }
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    for args in [
        vec!["--bogus"],
        vec!["play", "--count", "0"],
        vec!["play", "--seed", "-1"],
        vec!["play", "--seed", "many"],
        vec!["frobnicate"],
    ] {
        let out = quiz().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("error:"),
            "{args:?}"
        );
    }
    let help = quiz().arg("--help").output().unwrap();
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("generate"));
}

#[test]
fn generate_is_deterministic_per_seed_and_is_a_valid_bank() {
    let generated = |seed: &str| {
        let out = quiz().args(["generate", "--seed", seed]).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let a = generated("5");
    assert_eq!(a, generated("5"));
    assert_ne!(a, generated("6"), "distractors should depend on the seed");
    let bank: Value = serde_json::from_str(&a).unwrap();
    assert!(bank["title"].as_str().unwrap().contains("2014"));
    let questions = bank["questions"].as_array().unwrap();
    assert!(questions.len() >= 40);
    for q in questions {
        for key in [
            "prompt",
            "answer",
            "distractors",
            "category",
            "difficulty",
            "explanation",
        ] {
            assert!(q.get(key).is_some(), "missing {key}");
        }
        let wrong = q["distractors"].as_array().unwrap().len();
        assert!(wrong == 1 || wrong == 3, "{q}");
    }
}

#[test]
fn a_closed_stdout_is_quiet_and_exits_0() {
    // `generate | head -c 10`: the write fails with a broken pipe, quietly.
    for args in [
        &["generate"][..],
        &["man"],
        &["completions", "bash"],
        &["--help"],
        &["play", "--seed", "1", "--count", "3"],
    ] {
        let quiz = Quiz::new();
        let mut child = quiz
            .std_cmd()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 10];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The reader is gone; answers keep the game going into the pipe.
        let _ = std::io::Write::write_all(&mut child.stdin.take().unwrap(), b"1\n1\n1\n");
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("error"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn every_command_fails_when_its_output_cannot_be_written() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // No /dev/full on this system.
    };
    let quiz = Quiz::new();
    let bank = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let record = format!("{bank}/films/night-harbour.json");
    for args in [
        &["scores"][..],
        &["scores", "--json"],
        &["stats"],
        &["stats", "--json"],
        &["categories"],
        &["check", &record],
        &["banks", "list"],
        &["banks"],
        &["generate"],
        &["quality", "--seeds", "2"],
        &["quality", "--seeds", "2", "--json"],
        &["man"],
        &["completions", "zsh"],
        &["--help"],
        &["--version"],
        &["play", "--seed", "1", "--count", "1", "--no-save"],
        &["play", "--seed", "1", "--count", "1", "--no-save", "--json"],
    ] {
        let out = quiz
            .std_cmd()
            .args(args)
            .stdin(Stdio::null())
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn the_readme_transcript_is_what_the_game_prints() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("$ printf '").expect("README has a transcript");
    let block = &readme[start..];
    let block = &block[..block.find("```").unwrap()];
    let (command_line, expected) = block.split_once('\n').unwrap();
    let command = command_line;
    // `$ printf '2\n4\n1\n' | whiplash-quiz play --seed 2014 --count 3 --no-color`
    let input = command.split('\'').nth(1).unwrap().replace("\\n", "\n");
    let args: Vec<&str> = command
        .split("whiplash-quiz ")
        .nth(1)
        .unwrap()
        .split(' ')
        .collect();
    let (stdout, _, code) = run(&args, &input);
    assert_eq!(code, 0);
    // The time taken is the one thing that may differ.
    let strip_time = |s: &str| -> Vec<String> {
        s.lines()
            .map(|l| match l.find(" · time ") {
                Some(i) => l[..i].to_string(),
                None => l.to_string(),
            })
            .collect()
    };
    assert_eq!(strip_time(&stdout), strip_time(expected));
}

#[test]
fn another_films_record_generates_and_plays_its_own_quiz() {
    let record = fixture("films/night-harbour.json");
    let out = quiz()
        .args(["generate", "--record", &record])
        .output()
        .unwrap();
    assert!(out.status.success());
    let bank: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(bank["title"], "Night Harbour (1998)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains("Whiplash"),
        "facts leaked from the built-in record"
    );
    let r = report(
        &["play", "--record", &record, "--seed", "1", "--count", "3"],
        "1\n1\n1\n",
    );
    assert_eq!(r.total, 3);
}

#[test]
fn a_broken_record_is_refused_with_file_line_and_field() {
    let record = fixture("typo-record.json");
    let (stdout, stderr, code) = run(&["play", "--record", &record, "--seed", "1"], "1\n");
    assert_eq!(code, 1);
    assert!(stdout.is_empty(), "the game must not start: {stdout}");
    assert!(stderr.contains("typo-record.json: 2:"), "{stderr}");
    assert!(
        stderr.contains("field `cast[0].rol`: unknown field `rol`"),
        "{stderr}"
    );

    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, message) in [
        ("missing.json", None, "cannot read it: No such file"),
        ("binary.json", Some(&b"\xff\xfe{}"[..]), "not UTF-8"),
        ("empty.json", Some(&b""[..]), "empty"),
        (
            "array.json",
            Some(&b"[[[[1]]]]"[..]),
            "a record is a JSON object",
        ),
        ("truncated.json", Some(&b"{\"title\":"[..]), "the file ends"),
    ] {
        let path = dir.path().join(name);
        if let Some(b) = bytes {
            std::fs::write(&path, b).unwrap();
        }
        let out = quiz()
            .args(["generate", "--record"])
            .arg(&path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(
            stderr.contains(name) && stderr.contains(message),
            "{name}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
    let deep = dir.path().join("nested.json");
    std::fs::write(&deep, format!("{{\"title\": {}", "[".repeat(100_000))).unwrap();
    let out = quiz()
        .args(["generate", "--record"])
        .arg(&deep)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("nested.json: 1:") && !stderr.contains("panicked"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------
// The quality report
// ---------------------------------------------------------------------------

#[test]
fn quality_prints_every_guesser_and_unit_within_80_columns() {
    let out = Quiz::new().run(&["quality", "--seeds", "20"], "").ok();
    assert_eq!(out.stderr, "");
    let text = &out.stdout;
    assert!(
        text.starts_with("Quality report for Whiplash (2014)\n"),
        "{text}"
    );
    assert!(text.contains("over 20 seeds"), "{text}");
    assert!(text.contains("tried on seeds 10 to 19"), "{text}");
    for (name, _) in quality::GUESSERS {
        assert!(text.contains(&format!("\n  {name} ")), "{name}: {text}");
    }
    for name in quality::LEARNERS {
        assert!(text.contains(&format!("\n  {name} ")), "{name}: {text}");
    }
    assert!(text.contains("top guesser"), "{text}");
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{line:?}\n{text}");
    }
}

#[test]
fn quality_json_is_alone_on_stdout_with_a_row_per_guesser() {
    let record = fixture("films/night-harbour.json");
    let out = Quiz::new()
        .run(
            &["quality", "--record", &record, "--seeds", "10", "--json"],
            "",
        )
        .ok();
    assert_eq!(out.stderr, "");
    let report: quality::Report = serde_json::from_str(&out.stdout).expect("one report");
    assert_eq!(report.title, "Night Harbour");
    assert_eq!(report.seeds, 10);
    let names: Vec<&str> = report.guessers.iter().map(|g| g.guesser.as_str()).collect();
    let expected: Vec<&str> = quality::GUESSERS
        .iter()
        .map(|(n, _)| *n)
        .chain(quality::LEARNERS)
        .collect();
    assert_eq!(names, expected);
    for g in &report.guessers {
        assert_eq!(g.learner, quality::LEARNERS.contains(&g.guesser.as_str()));
        assert_eq!(g.weak, g.tried >= 50 && g.rate > g.blind * 1.3, "{g:?}");
    }
    assert!(!report.units.is_empty());
    let value = out.json();
    assert_eq!(
        value["guessers"].as_array().map(Vec::len),
        Some(names.len())
    );
}

#[test]
fn quality_refuses_seeds_outside_2_to_2000() {
    let quiz = Quiz::new();
    for seeds in ["0", "1", "2001", "-3", "many"] {
        let arg = format!("--seeds={seeds}");
        let out = quiz.run(&["quality", &arg], "").usage();
        assert!(out.stderr.contains("--seeds"), "{seeds}: {}", out.stderr);
    }
    let out = quiz.run(&["quality", "--seeds", "0"], "").usage();
    assert!(out.stderr.contains("2..=2000"), "{}", out.stderr);
}

#[test]
fn quality_of_a_broken_record_gives_the_same_located_error_as_play() {
    let quiz = Quiz::new();
    let record = fixture("typo-record.json");
    let out = quiz.run(&["quality", "--record", &record], "").fails();
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("typo-record.json: 2:"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("field `cast[0].rol`: unknown field `rol`"),
        "{}",
        out.stderr
    );
    let play = quiz.run(&["play", "--record", &record, "--seed", "1"], "1\n");
    assert_eq!(out.stderr, play.stderr);
    let missing = quiz
        .run(&["quality", "--record", "no-such.json", "--json"], "")
        .fails();
    assert_eq!(missing.stdout, "");
    assert!(
        missing.stderr.contains("no-such.json: cannot read it"),
        "{}",
        missing.stderr
    );
}

// ---------------------------------------------------------------------------
// The player's own data, the shell, seeds and the timer
// ---------------------------------------------------------------------------

/// Every file under `dir`, relative to it.
fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path.clone());
            }
            found.push(path.strip_prefix(dir).unwrap().to_path_buf());
        }
    }
    found.sort();
    found
}

#[test]
fn the_players_own_data_folder_is_never_touched() {
    // The player's HOME and XDG_DATA_HOME point at a sentinel folder; every
    // way the harness starts the binary must send its data elsewhere.
    let sentinel = tempfile::tempdir().unwrap();
    let quiz = Quiz::new().with_player_home(sentinel.path().to_path_buf());
    let bank = format!(
        "{}/questions/banks/music-theory.json",
        env!("CARGO_MANIFEST_DIR")
    );
    // Through `cmd`: a saved game, a miss to review, an installed bank.
    // Two games of one seed answered differently: at least one miss.
    quiz.run(&["play", "--seed", "1", "--count", "2"], "1\n1\n")
        .ok();
    quiz.run(&["play", "--seed", "1", "--count", "2"], "2\n2\n")
        .ok();
    quiz.run(&["banks", "add", &bank], "").ok();
    quiz.run(&["play", "--review", "--count", "1"], "1\n").ok();
    // Through `std_cmd`.
    let status = quiz
        .std_cmd()
        .args(["play", "--seed", "2", "--count", "1"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    // Through a pseudo-terminal.
    let mut p = quiz.spawn_pty(&["play", "--seed", "3", "--count", "1"]);
    p.exp_string(crate::pty::KEYS).expect("the prompt");
    crate::common::press(&mut p, "1");
    crate::pty::go_on(&mut p);
    p.exp_eof().expect("end of output");
    assert_eq!(crate::pty::exit_code(&p), 0);

    assert_eq!(
        files_under(sentinel.path()),
        Vec::<std::path::PathBuf>::new(),
        "the player's data folder was written to"
    );
    // And the games did go somewhere: the scratch folder.
    assert!(quiz.saved().len() >= 3, "{:?}", quiz.saved());
    assert!(quiz.installed().join("music-theory.json").is_file());
}

#[test]
fn tests_start_the_binary_only_through_the_harness() {
    // One harness gives every run its scratch data folder; a test that
    // started the binary another way could reach the player's own data.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/integration");
    let needles = [
        concat!("CARGO_BIN_EXE_", "whiplash-quiz"),
        concat!("cargo_bin", "("),
        concat!("rexpect::", "spawn"),
    ];
    // Every file, in the folders of tests split by feature too.
    let mut stack = vec![std::path::PathBuf::from(dir)];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 20, "{files:?}");
    for path in files {
        if path.file_name().unwrap() == "common.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for needle in needles {
            assert!(
                !text.contains(needle),
                "{} starts the binary with {needle} instead of the Quiz harness",
                path.display()
            );
        }
    }
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    let quiz = Quiz::new();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef whiplash-quiz"),
        ("fish", "complete -c whiplash-quiz"),
        ("elvish", "edit:completion:arg-completer[whiplash-quiz]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = quiz.run(&["completions", shell], "").ok();
        assert!(out.stdout.contains(marker), "{shell}: {}", out.stdout);
        for word in ["play", "timer", "completions", "scores"] {
            assert!(out.stdout.contains(word), "{shell} lacks {word}");
        }
    }
    let out = quiz.run(&["completions", "tcsh"], "").usage();
    assert!(out.stderr.contains("bash"), "{}", out.stderr);
    let man = quiz.run(&["man"], "").ok().stdout;
    assert!(man.starts_with(".ie") || man.contains(".TH"), "{man}");
    assert!(man.contains("whiplash\\-quiz"), "{man}");
    assert!(man.contains("completions"), "{man}");
}

#[test]
fn help_is_wrapped_to_the_terminal_width() {
    let quiz = Quiz::new();
    for width in [50usize, 80] {
        let out = quiz
            .cmd()
            .env("COLUMNS", width.to_string())
            .args(["play", "--help"])
            .output()
            .unwrap();
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(help.contains("--timer"), "{help}");
        for line in help.lines() {
            assert!(line.chars().count() <= width, "{width}: {line:?}");
        }
    }
}

#[test]
fn the_replay_line_names_the_program_as_it_was_run() {
    let quiz = Quiz::new();
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("wq");
    std::os::unix::fs::symlink(crate::common::binary(), &link).unwrap();
    let out = quiz
        .std_cmd_as(&link)
        .args(["play", "--seed", "5", "--count", "1", "--no-save"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("Replay this game with:\nwq play --seed 5 --count 1\n"),
        "{stdout}"
    );
}

#[test]
fn fresh_seeds_are_short_and_any_u64_still_plays() {
    let quiz = Quiz::new();
    for _ in 0..5 {
        let report = quiz.typed_report(&["play", "--count", "1", "--no-save"], "1\n");
        let seed = report.seed;
        assert!((100_000..1_000_000_000).contains(&seed), "{seed}");
    }
    let report = quiz.typed_report(
        &[
            "play",
            "--seed",
            "18446744073709551615",
            "--count",
            "1",
            "--no-save",
        ],
        "1\n",
    );
    assert_eq!(report.seed, u64::MAX);
}

#[test]
fn the_timer_is_checked_and_plain_mode_says_it_plays_untimed() {
    let quiz = Quiz::new();
    for bad in ["4", "121", "0", "ten"] {
        let out = quiz
            .run(&["play", "--timer", bad, "--count", "1"], "1\n")
            .usage();
        assert!(out.stderr.contains("--timer"), "{bad}: {}", out.stderr);
    }
    let args = ["play", "--seed", "9", "--count", "3"];
    let untimed = quiz.deal(&args, 3);
    let mut timed_args = args.to_vec();
    timed_args.extend(["--timer", "5", "--json", "--no-save"]);
    let out = quiz.run(&timed_args, "1\n1\n1\n").ok();
    assert!(
        out.stderr.contains(
            "The timer needs key-by-key answers in a terminal; these typed answers are untimed."
        ),
        "{}",
        out.stderr
    );
    let report = out.json();
    assert_eq!(
        report["questions"].as_array().unwrap(),
        &untimed,
        "the timer changed the deal"
    );
    assert!(
        report.get("timer").is_none(),
        "an untimed game has no timer: {report}"
    );
}
