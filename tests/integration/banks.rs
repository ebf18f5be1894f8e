//! Custom banks end to end: `check`, `play --bank`, installed banks,
//! filters, `categories` and `import`. Every test gets its own data folder,
//! never the user's.

use crate::common::{Quiz, fixture};
use serde_json::Value;
use std::path::Path;

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

#[test]
fn check_accepts_valid_banks_with_a_summary_line_each() {
    let out = Quiz::new()
        .run(
            &[
                "check",
                &fixture("banks/rhythm.json"),
                &fixture("banks/untitled.json"),
            ],
            "",
        )
        .ok();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    assert!(lines[0].ends_with(
        "rhythm.json: ok: bank, \"Rhythm basics\", 5 questions in 3 categories (general 1, Notation 1, Rhythm 3)"
    ), "{}", lines[0]);
    assert!(lines[1].contains("untitled.json: ok: bank, 1 question in 1 category (general 1)"));
    assert_eq!(out.stderr, "");
}

#[test]
fn check_reports_every_problem_with_line_question_and_field() {
    let err = check_fails("wrong-types.json");
    for expected in [
        "wrong-types.json: 2:12: title must be a string, not the number 7",
        "4:45: question 1: answer must be a string, not the number 4",
        "5:16: question 2: prompt must be a string, not a list",
        "5:56: question 2: distractors must be a list of 1 to 5 strings, not a string",
        "6:66: question 3: distractors[1] must be a string, not the number 2",
        "question 3: distractors[2] must be a string, not null",
        "7:80: question 4: difficulty \"expert\" is not easy, medium or hard",
        "question 4: category must be a string, not the boolean false",
        "8:5: question 5: must be an object with a prompt, an answer and distractors, not a string",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert_eq!(err.lines().count(), 9, "{err}");
}

#[test]
fn each_class_of_broken_bank_gets_its_own_clear_message() {
    let cases = [
        ("empty.json", "the file is empty"),
        ("truncated.json", "5:1: invalid JSON: EOF while parsing"),
        ("syntax.json", "3:32: invalid JSON: expected `,` or `}`"),
        ("missing-fields.json", "question 1: prompt is missing"),
        ("missing-fields.json", "question 2: answer is missing"),
        ("missing-fields.json", "question 3: distractors is missing"),
        (
            "duplicate-distractors.json",
            "4:97: question 2: distractors[2] \"new  orleans\" repeats distractors[0]",
        ),
        (
            "answer-in-distractors.json",
            "question 3: answer \"5/4\" is also a distractor",
        ),
        ("zero-distractors.json", "question 1: distractors is empty"),
        (
            "too-many-distractors.json",
            "question 1: distractors has 6 wrong answers; the most is 5",
        ),
        ("empty-questions.json", "`questions` is empty"),
        (
            "control-chars.json",
            "question 1: prompt holds the control character \\u{1b} in \"Red \\u{1b}[31malert\"",
        ),
        (
            "control-chars.json",
            "question 2: answer holds the control character \\u{1b}",
        ),
        (
            "control-chars.json",
            "question 3: distractors[0] holds the control character \\u{9b}",
        ),
        (
            "control-chars.json",
            "question 3: distractors[1] holds the control character \\u{7f}",
        ),
        (
            "control-chars.json",
            "question 3: explanation holds the control character \\u{9}",
        ),
        ("empty-strings.json", "question 1: prompt is empty"),
        ("empty-strings.json", "question 1: answer is empty"),
        ("empty-strings.json", "question 1: distractors[1] is empty"),
        ("empty-strings.json", "question 1: category is empty"),
        (
            "not-a-bank.json",
            "1:1: invalid type: sequence, expected a bank",
        ),
    ];
    for (file, expected) in cases {
        let err = check_fails(file);
        assert!(
            err.contains(expected),
            "{file}: missing {expected:?} in:\n{err}"
        );
        assert!(
            !err.contains('\u{1b}'),
            "{file}: raw escape on the terminal"
        );
    }
}

#[test]
fn binary_deep_and_oversized_files_are_refused_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("binary.json");
    std::fs::write(&binary, b"{\"questions\": [\n{\"prompt\": \"caf\xe9\"}]}").unwrap();
    let deep = dir.path().join("deep.json");
    std::fs::write(
        &deep,
        format!(
            "{{\"questions\": {}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    )
    .unwrap();
    let deep_question = dir.path().join("deep-question.json");
    std::fs::write(
        &deep_question,
        format!(
            "{{\"questions\": [{{\"prompt\": \"p\", \"answer\": {}1{}, \"distractors\": [\"x\"]}}]}}",
            "[".repeat(5000),
            "]".repeat(5000)
        ),
    )
    .unwrap();
    let long = dir.path().join("long-string.json");
    std::fs::write(
        &long,
        format!(
            "{{\"questions\": [{{\"prompt\": \"{}\", \"answer\": \"a\", \"distractors\": [\"b\"]}}]}}",
            "x".repeat(5000)
        ),
    )
    .unwrap();
    let huge = dir.path().join("huge.json");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(64 * 1024 * 1024 + 1).unwrap();
    let quiz = Quiz::new();
    for (path, expected) in [
        (&binary, "2:16: not UTF-8 text: invalid byte 0xe9"),
        (
            &deep,
            "1:16: question 1: must be an object with a prompt, an answer and distractors, not a list",
        ),
        (
            &deep_question,
            "question 1: answer must be a string, not a list",
        ),
        (
            &long,
            "question 1: prompt is 5000 bytes long; the limit is 4096",
        ),
        (
            &huge,
            "the file is 67108865 bytes; the limit is 67108864 bytes",
        ),
    ] {
        let out = quiz.run(&["check", path.to_str().unwrap()], "").fails();
        assert!(
            out.stderr.contains(expected),
            "missing {expected:?} in:\n{}",
            out.stderr
        );
        let out = quiz
            .run(&["play", "--bank", path.to_str().unwrap()], "1\n")
            .fails();
        assert!(out.stderr.contains(expected), "play: {}", out.stderr);
        assert!(
            !out.stdout.contains("Question 1"),
            "play started: {}",
            out.stdout
        );
    }
}

#[test]
fn a_bank_at_the_size_limit_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("padded.json");
    let body =
        "{\"questions\": [{\"prompt\": \"p\", \"answer\": \"a\", \"distractors\": [\"b\"]}]}";
    let limit = 64 * 1024 * 1024;
    let mut text = body.to_owned();
    text.push_str(&" ".repeat(limit - body.len()));
    std::fs::write(&path, &text).unwrap();
    let out = Quiz::new().run(&["check", path.to_str().unwrap()], "").ok();
    assert!(
        out.stdout.contains("ok: bank, 1 question"),
        "{}",
        out.stdout
    );
    let prompt_at_limit = format!(
        "{{\"questions\": [{{\"prompt\": \"{}\", \"answer\": \"a\", \"distractors\": [\"b\"]}}]}}",
        "é".repeat(2048)
    );
    std::fs::write(&path, prompt_at_limit).unwrap();
    Quiz::new().run(&["check", path.to_str().unwrap()], "").ok();
}

#[test]
fn unknown_fields_and_repeated_prompts_are_warnings_not_errors() {
    let out = Quiz::new()
        .run(&["check", &fixture("banks/repeats.json")], "")
        .ok();
    assert!(
        out.stdout
            .contains("ok: bank, \"Repeats and extras\", 3 questions")
    );
    for expected in [
        "warning: ",
        "3:13: unknown field `author` is ignored (a bank's fields are title and questions)",
        "question 1: unknown field `hint` is ignored",
        "question 2: same prompt as question 1; it is played once",
    ] {
        assert!(
            out.stderr.contains(expected),
            "missing {expected:?} in:\n{}",
            out.stderr
        );
    }
}

#[test]
fn check_fails_if_any_file_is_invalid_but_reports_all() {
    let out = Quiz::new()
        .run(
            &[
                "check",
                &fixture("banks/untitled.json"),
                &broken("zero-distractors.json"),
                &fixture("films/night-harbour.json"),
                &fixture("typo-record.json"),
            ],
            "",
        )
        .fails();
    assert!(out.stdout.contains("untitled.json: ok: bank"));
    assert!(
        out.stdout
            .contains("night-harbour.json: ok: film record \"Night Harbour\""),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr
            .contains("zero-distractors.json: 1:78: question 1: distractors is empty")
    );
    assert!(out.stderr.contains("typo-record.json:"), "{}", out.stderr);
}

#[test]
fn a_folder_with_one_broken_bank_is_refused_before_play() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("banks/untitled.json"), dir.path().join("a.json")).unwrap();
    std::fs::copy(
        broken("answer-in-distractors.json"),
        dir.path().join("b.json"),
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a bank").unwrap();
    let out = Quiz::new()
        .run(&["play", "--bank", dir.path().to_str().unwrap()], "1\n")
        .fails();
    assert!(
        out.stderr
            .contains("b.json: 6:88: question 3: answer \"5/4\" is also a distractor"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stdout, "", "nothing was played");
    let out = Quiz::new()
        .run(&["check", dir.path().to_str().unwrap()], "")
        .fails();
    assert!(out.stdout.contains("a.json: ok"));
    assert!(!out.stdout.contains("notes.txt") && !out.stderr.contains("notes.txt"));
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

#[test]
fn a_bank_plays_every_choice_of_its_questions_and_only_them() {
    let quiz = Quiz::new();
    let bank = fixture("banks/rhythm.json");
    let r = report(&quiz, &["--seed", "3", "--bank", &bank]);
    assert_eq!(r["planned"], 5);
    let text = std::fs::read_to_string(&bank).unwrap();
    let file: Value = serde_json::from_str(&text).unwrap();
    for q in r["questions"].as_array().unwrap() {
        let source = file["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["prompt"] == q["prompt"])
            .expect("the question is from the bank");
        let mut expected: Vec<&str> = vec![source["answer"].as_str().unwrap()];
        expected.extend(
            source["distractors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d.as_str().unwrap()),
        );
        let mut shown: Vec<&str> = q["choices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        let answer = shown[q["answer"].as_u64().unwrap() as usize - 1];
        assert_eq!(answer, source["answer"].as_str().unwrap());
        shown.sort();
        expected.sort();
        assert_eq!(shown, expected);
        let category = source["category"].as_str().unwrap_or("general");
        assert_eq!(q["category"], category);
        let difficulty = source["difficulty"].as_str().unwrap_or("medium");
        assert_eq!(q["difficulty"], difficulty);
    }
    // The seed decides everything: the same seed, the same game.
    assert_eq!(r, report(&quiz, &["--seed", "3", "--bank", &bank]));
    let other = report(&quiz, &["--seed", "4", "--bank", &bank]);
    assert_ne!(r["questions"], other["questions"]);
}

#[test]
fn banks_mix_and_a_repeated_prompt_is_played_once() {
    let quiz = Quiz::new();
    let out = quiz
        .run(
            &[
                "play",
                "--seed",
                "1",
                "--count",
                "50",
                "--bank",
                &fixture("banks/untitled.json"),
                "--bank",
                &fixture("banks/repeats.json"),
                "--bank",
                &fixture("banks/rhythm.json"),
                "--json",
            ],
            &"1\n".repeat(50),
        )
        .ok();
    let r = out.json();
    let mut p = prompts(&r);
    assert_eq!(p.len(), 7, "{p:?}");
    p.sort_by_key(|s| s.to_lowercase());
    p.dedup_by_key(|s| s.trim().to_lowercase());
    assert_eq!(p.len(), 7, "a prompt was played twice");
    assert!(
        out.stderr
            .contains("You asked for 50 questions; 7 can be dealt"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("2 questions appear more than once"),
        "{}",
        out.stderr
    );
}

#[test]
fn filters_pick_categories_without_case_and_one_difficulty() {
    let quiz = Quiz::new();
    let bank = fixture("banks/rhythm.json");
    let r = report(&quiz, &["--bank", &bank, "--category", "RHYTHM"]);
    assert_eq!(r["planned"], 3);
    let r = report(
        &quiz,
        &[
            "--bank",
            &bank,
            "--category",
            "rhythm",
            "--category",
            "notation",
            "--difficulty",
            "HARD",
        ],
    );
    assert_eq!(
        prompts(&r),
        ["What does a tie do to two notes of the same pitch?"]
    );
    let r = report(
        &quiz,
        &["--category", "cast", "--difficulty", "easy", "--seed", "5"],
    );
    for q in r["questions"].as_array().unwrap() {
        assert_eq!(
            (q["category"].as_str(), q["difficulty"].as_str()),
            (Some("cast"), Some("easy"))
        );
    }
    let out = quiz
        .run(&["play", "--bank", &bank, "--category", "polka"], "")
        .fails();
    assert!(
        out.stderr
            .contains("no questions are in category \"polka\""),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("Rhythm 3 (1/2/0)"),
        "lists what exists: {}",
        out.stderr
    );
    let out = quiz
        .run(
            &[
                "play",
                "--bank",
                &bank,
                "--category",
                "notation",
                "--difficulty",
                "easy",
            ],
            "",
        )
        .fails();
    assert!(
        out.stderr
            .contains("no questions match category \"notation\" and difficulty easy"),
        "{}",
        out.stderr
    );
}

#[test]
fn categories_lists_the_active_source_with_counts() {
    let quiz = Quiz::new();
    let out = quiz
        .run(&["categories", "--bank", &fixture("banks/rhythm.json")], "")
        .ok();
    assert!(
        out.stdout
            .starts_with("Rhythm basics: 5 questions in 3 categories\n"),
        "{}",
        out.stdout
    );
    let rows: Vec<Vec<&str>> = out
        .stdout
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows,
        [
            vec!["general", "1", "0", "1", "0"],
            vec!["Notation", "1", "0", "0", "1"],
            vec!["Rhythm", "3", "1", "2", "0"],
        ]
    );
    let out = quiz.run(&["categories"], "").ok();
    assert!(
        out.stdout.starts_with("Whiplash: ") && out.stdout.contains(" questions in 9 categories"),
        "{}",
        out.stdout
    );
    let out = quiz
        .run(
            &[
                "categories",
                "--record",
                &fixture("films/night-harbour.json"),
            ],
            "",
        )
        .ok();
    assert!(out.stdout.starts_with("Night Harbour:"), "{}", out.stdout);
}

#[test]
fn installed_banks_are_added_listed_played_and_removed() {
    let quiz = Quiz::new();
    let out = quiz.run(&["banks"], "").ok();
    assert!(
        out.stdout.contains("No banks are installed"),
        "{}",
        out.stdout
    );
    let out = quiz
        .run(&["banks", "add", &fixture("banks/rhythm.json")], "")
        .ok();
    assert!(
        out.stdout.contains("Installed bank rhythm"),
        "{}",
        out.stdout
    );
    let installed = quiz.installed().join("rhythm.json");
    assert_eq!(
        std::fs::read(&installed).unwrap(),
        std::fs::read(fixture("banks/rhythm.json")).unwrap(),
        "installed byte for byte"
    );
    // No overwrite without --force, and the installed bank is untouched.
    let out = quiz
        .run(
            &[
                "banks",
                "add",
                &fixture("banks/untitled.json"),
                "--name",
                "rhythm",
            ],
            "",
        )
        .fails();
    assert!(out.stderr.contains("already installed"), "{}", out.stderr);
    assert!(out.stderr.contains("--force"));
    assert_eq!(
        std::fs::read(&installed).unwrap(),
        std::fs::read(fixture("banks/rhythm.json")).unwrap()
    );
    quiz.run(
        &[
            "banks",
            "add",
            &fixture("banks/untitled.json"),
            "--name",
            "staff",
        ],
        "",
    )
    .ok();
    // A broken bank is never installed.
    let out = quiz
        .run(&["banks", "add", &broken("zero-distractors.json")], "")
        .fails();
    assert!(
        out.stderr
            .contains("zero-distractors.json: 1:78: question 1: distractors is empty")
    );
    assert!(!quiz.installed().join("zero-distractors.json").exists());
    let out = quiz.run(&["banks", "list"], "").ok();
    assert!(
        out.stdout
            .contains("rhythm: \"Rhythm basics\", 5 questions in 3 categories"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("staff: 1 question in 1 category"),
        "{}",
        out.stdout
    );
    // Installed banks play by name.
    let r = report(
        &quiz,
        &["--bank", "rhythm", "--bank", "staff", "--count", "20"],
    );
    assert_eq!(r["planned"], 6);
    let out = quiz
        .run(
            &[
                "banks",
                "add",
                &fixture("banks/untitled.json"),
                "--name",
                "staff",
                "--force",
            ],
            "",
        )
        .ok();
    assert!(out.stdout.contains("Installed bank staff"));
    quiz.run(&["banks", "remove", "staff"], "").ok();
    let out = quiz.run(&["play", "--bank", "staff"], "").fails();
    assert!(
        out.stderr
            .contains("no installed bank is called \"staff\" (installed: rhythm)"),
        "{}",
        out.stderr
    );
    let out = quiz.run(&["banks", "remove", "../etc"], "").fails();
    assert!(out.stderr.contains("is not a bank name"), "{}", out.stderr);
}

#[test]
fn a_film_record_is_not_a_bank() {
    let quiz = Quiz::new();
    let out = quiz
        .run(
            &["play", "--bank", &fixture("films/night-harbour.json")],
            "",
        )
        .fails();
    assert!(
        out.stderr
            .contains("this is a film record, not a question bank; play it with --record"),
        "{}",
        out.stderr
    );
    let out = quiz
        .run(&["banks", "add", &fixture("films/night-harbour.json")], "")
        .fails();
    assert!(
        out.stderr.contains("only banks can be installed"),
        "{}",
        out.stderr
    );
}

#[test]
fn generate_then_check_then_play_round_trips() {
    let quiz = Quiz::new();
    let dir = tempfile::tempdir().unwrap();
    for (name, extra) in [
        ("whiplash", vec![]),
        (
            "harbour",
            vec!["--record", &*fixture("films/night-harbour.json")]
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>(),
        ),
    ] {
        let mut args = vec!["generate".to_owned(), "--seed".into(), "9".into()];
        args.extend(extra);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = quiz.run(&args, "").ok();
        let path = dir.path().join(format!("{name}.json"));
        std::fs::write(&path, &out.stdout).unwrap();
        let generated: Value = out.json();
        let n = generated["questions"].as_array().unwrap().len();
        let checked = quiz.run(&["check", path.to_str().unwrap()], "").ok();
        assert!(checked.stdout.contains(&format!(
            "ok: bank, \"{}",
            generated["title"].as_str().unwrap()
        )));
        assert!(
            checked.stdout.contains(&format!("{n} questions")),
            "{}",
            checked.stdout
        );
        let r = report(
            &quiz,
            &[
                "--bank",
                path.to_str().unwrap(),
                "--count",
                "1000",
                "--seed",
                "2",
            ],
        );
        // Questions that would give another's answer away (five questions
        // answered by one actor, say) are not dealt together; every other
        // question is.
        let planned = r["planned"].as_u64().unwrap() as usize;
        assert!(planned <= n && planned >= n * 3 / 4, "{planned} of {n}");
        let asked: Vec<&str> = generated["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["prompt"].as_str().unwrap())
            .collect();
        for p in prompts(&r) {
            assert!(asked.contains(&p.as_str()), "{p}");
        }
    }
}

#[test]
fn the_replay_command_replays_a_bank_game() {
    let quiz = Quiz::new();
    let bank = fixture("banks/rhythm.json");
    let out = quiz
        .run(
            &[
                "play",
                "--seed",
                "8",
                "--bank",
                &bank,
                "--category",
                "rhythm",
                "--count",
                "2",
            ],
            "1\n1\n",
        )
        .ok();
    let command = out
        .stdout
        .split("Replay this game with:\n")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .unwrap();
    assert_eq!(
        command,
        format!("whiplash-quiz play --seed 8 --count 2 --bank {bank} --category rhythm")
    );
}

#[test]
fn the_shipped_example_banks_are_valid_and_playable() {
    let quiz = Quiz::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("questions/banks");
    let out = quiz.run(&["check", dir.to_str().unwrap()], "").ok();
    assert_eq!(
        out.stdout.matches(": ok: bank").count(),
        2,
        "{}",
        out.stdout
    );
    assert_eq!(out.stderr, "", "no warnings");
    let r = report(
        &quiz,
        &[
            "--bank",
            dir.to_str().unwrap(),
            "--count",
            "100",
            "--seed",
            "1",
        ],
    );
    // 16 questions, but one asks "Which instrument family does the oboe
    // belong to?" and another has the answer "Oboe": a game never shows an
    // answer before asking it, so only one of them is dealt.
    assert_eq!(r["planned"], 15);
}

fn import_fixture(name: &str) -> String {
    fixture(&format!("import/{name}"))
}

#[test]
fn import_detects_each_format_and_writes_a_bank_that_checks_and_plays() {
    let quiz = Quiz::new();
    let dir = tempfile::tempdir().unwrap();
    for (file, label, imported, skipped) in [
        ("opentdb-api.json", "Open Trivia DB", 10, 8),
        ("opentdb-dump.json", "Open Trivia DB", 4, 1),
        ("quiz.aiken.txt", "Aiken", 5, 5),
        ("quiz.gift.txt", "GIFT", 17, 13),
    ] {
        let out = quiz.run(&["import", &import_fixture(file)], "").ok();
        let summary =
            format!("{file}: imported {imported} questions ({label}), skipped {skipped}:");
        assert!(
            out.stderr.contains(&summary),
            "missing {summary:?} in:\n{}",
            out.stderr
        );
        assert_eq!(
            out.stderr.lines().count(),
            1 + skipped,
            "one line per skip:\n{}",
            out.stderr
        );
        let bank = out.json();
        assert_eq!(bank["questions"].as_array().unwrap().len(), imported);
        let path = dir.path().join(format!("{file}.json"));
        std::fs::write(&path, &out.stdout).unwrap();
        let checked = quiz.run(&["check", path.to_str().unwrap()], "").ok();
        assert!(
            checked.stdout.contains(&format!("{imported} questions")),
            "{}",
            checked.stdout
        );
        assert_eq!(checked.stderr, "", "an imported bank has no warnings");
        let r = report(&quiz, &["--bank", path.to_str().unwrap(), "--count", "100"]);
        assert_eq!(r["planned"], imported);
    }
}

#[test]
fn open_trivia_db_text_is_decoded_then_trimmed() {
    let out = Quiz::new()
        .run(&["import", &import_fixture("opentdb-api.json")], "")
        .ok();
    let bank = out.json();
    let questions = bank["questions"].as_array().unwrap();
    let find = |start: &str| {
        questions
            .iter()
            .find(|q| q["prompt"].as_str().unwrap().starts_with(start))
            .unwrap_or_else(|| panic!("no question starting {start:?}"))
    };
    let sax = find("Which instrument did Adolphe Sax invent");
    assert_eq!(sax["answer"], "Saxo\u{ad}phone", "soft hyphen kept");
    assert_eq!(
        sax["distractors"][2], "\u{200e}Tuba",
        "left-to-right mark kept"
    );
    let lt = find("Which symbol means \"less than\": < or >?");
    assert_eq!(lt["answer"], "<");
    assert_eq!(lt["distractors"][2], "&");
    assert_eq!(lt["category"], "Science & Nature");
    assert_eq!(lt["difficulty"], "easy");
    let pi = find("Darren Aronofsky's first feature is named after the Greek letter π");
    assert_eq!(pi["answer"], "1998");
    let silent = find("Silent\u{a0}films");
    assert_eq!(silent["answer"], "False");
    assert_eq!(silent["distractors"], serde_json::json!(["True"]));
    let premiere = find("Which word names a film’s first public screening?");
    assert_eq!(premiere["answer"], "Première", "decoded, then trimmed");
    assert_eq!(premiere["distractors"][1], "Matinée");
}

#[test]
fn import_writes_output_atomically_and_never_overwrites_without_force() {
    let quiz = Quiz::new();
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("quiz.json");
    let out = out_path.to_str().unwrap();
    let r = quiz
        .run(
            &["import", &import_fixture("quiz.aiken.txt"), "--output", out],
            "",
        )
        .ok();
    assert_eq!(r.stdout, "", "the bank goes to the file");
    assert!(r.stderr.contains(&format!("wrote {out}")), "{}", r.stderr);
    let first = std::fs::read(&out_path).unwrap();
    let r = quiz
        .run(&["import", &import_fixture("quiz.gift.txt"), "-o", out], "")
        .fails();
    assert!(
        r.stderr.contains("already exists; use --force"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read(&out_path).unwrap(),
        first,
        "the old file is untouched"
    );
    quiz.run(
        &[
            "import",
            &import_fixture("quiz.gift.txt"),
            "-o",
            out,
            "--force",
        ],
        "",
    )
    .ok();
    assert_ne!(std::fs::read(&out_path).unwrap(), first);
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary files are left behind");
}

#[test]
fn import_refuses_unreadable_files_naming_file_and_line() {
    let quiz = Quiz::new();
    let out = quiz
        .run(&["import", &import_fixture("opentdb-error.json")], "")
        .fails();
    assert!(
        out.stderr
            .contains("opentdb-error.json: Open Trivia DB response_code 1"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stdout, "");
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &[&str], &str); 5] = [
        (
            "notes.txt",
            b"just some words\nand more\n",
            &[],
            "could not work out the format of this file; pass --format",
        ),
        (
            "bad.json",
            b"{\"results\": [\n  {\"type\": \"multiple\",\n",
            &[],
            "line 3",
        ),
        (
            "quiz.txt",
            b"Which?\nA) x\nB) y\nANSWER: A\n",
            &["--format", "gift"],
            "no answer block found",
        ),
        ("binary.txt", b"Which?\nA) caf\xe9\n", &[], "2:7: not UTF-8"),
        (
            "empty.txt",
            b"",
            &["--format", "aiken"],
            "nothing to import",
        ),
    ];
    for (name, bytes, extra, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let mut args = vec!["import", path.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = quiz.run(&args, "").fails();
        assert!(
            out.stderr.contains(name) && out.stderr.contains(expected),
            "{name}: missing {expected:?} in:\n{}",
            out.stderr
        );
        assert_eq!(out.stdout, "", "{name}: nothing written");
    }
    let out = quiz.run(
        &[
            "import",
            &import_fixture("quiz.gift.txt"),
            "--format",
            "csv",
        ],
        "",
    );
    assert_eq!(out.code, 2, "an unknown format is a usage error");
}

#[test]
fn import_with_a_forced_format_skips_what_it_cannot_read() {
    let out = Quiz::new()
        .run(
            &[
                "import",
                &import_fixture("quiz.aiken.txt"),
                "--format",
                "AIKEN",
            ],
            "",
        )
        .ok();
    assert!(out.stderr.contains("(Aiken)"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("line 36: only 1 option; a question needs at least 2"),
        "{}",
        out.stderr
    );
}

/// Each `$ whiplash-quiz check|categories|play|import` example in README.md
/// is run (banks from `tests/fixtures`, `--output` into a temporary folder),
/// and every line it shows must be a line the command really prints.
#[test]
fn the_readme_examples_are_what_the_game_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let mut ran = 0;
    for block in readme.split("```text\n").skip(1) {
        let block = block.split("```").next().unwrap();
        let mut shown: Vec<&str> = Vec::new();
        let mut command: Option<(String, &str)> = None;
        let mut flush = |command: Option<(String, &str)>, shown: &mut Vec<&str>| {
            let Some((input, command)) = command else {
                return;
            };
            let args: Vec<&str> = command.split_whitespace().collect();
            let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            let dir = match args[0].as_str() {
                "check" => root.join("tests/fixtures/banks"),
                "import" => {
                    // Read the fixture, write the output into the scratch folder.
                    args[1] = import_fixture(&args[1]);
                    scratch.path().to_path_buf()
                }
                _ => root.to_path_buf(),
            };
            if args[0] == "play" && args.iter().any(|a| a.ends_with("quiz.json")) {
                shown.clear();
                return;
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = Quiz::new().run_in(&dir, &args, &input);
            let printed = format!("{}{}", out.stdout, out.stderr);
            // `...` marks lines left out; the time a game took varies.
            for line in shown
                .drain(..)
                .filter(|l| *l != "..." && !l.contains(" · time "))
            {
                assert!(
                    printed.lines().any(|p| p.ends_with(line)),
                    "README shows {line:?} for `{command}`, but it printed:\n{printed}"
                );
            }
            ran += 1;
        };
        for line in block.lines() {
            // `$ whiplash-quiz ARGS`, or `$ printf 'INPUT' | whiplash-quiz ARGS`.
            let piped = line.strip_prefix("$ printf '").and_then(|rest| {
                let (input, rest) = rest.split_once("' | whiplash-quiz ")?;
                Some((input.replace("\\n", "\n"), rest))
            });
            let plain = line
                .strip_prefix("$ whiplash-quiz ")
                .map(|rest| (String::new(), rest));
            if let Some((input, rest)) = piped.or(plain) {
                flush(command.take(), &mut shown);
                let first = rest.split_whitespace().next().unwrap_or("");
                if ["check", "categories", "play", "import"].contains(&first) {
                    command = Some((input, rest));
                }
            } else if line.starts_with('$') {
                flush(command.take(), &mut shown);
            } else if command.is_some() {
                shown.push(line);
            }
        }
        flush(command.take(), &mut shown);
    }
    assert!(ran >= 6, "only {ran} README examples were found");
}

#[test]
fn a_foreign_quiz_given_as_a_bank_gets_a_hint_to_import_it() {
    let quiz = Quiz::new();
    for (file, label) in [
        ("quiz.gift.txt", "GIFT"),
        ("quiz.aiken.txt", "Aiken"),
        ("opentdb-dump.json", "Open Trivia DB"),
    ] {
        let path = import_fixture(file);
        for args in [
            vec!["check", path.as_str()],
            vec!["play", "--bank", path.as_str()],
        ] {
            let out = quiz.run(&args, "").fails();
            let hint =
                format!("a quiz in the {label} format; convert it with: whiplash-quiz import");
            assert!(out.stderr.contains(&hint), "{file}: {}", out.stderr);
        }
    }
}

#[test]
fn a_missing_bank_names_both_places_it_looked() {
    let quiz = Quiz::new();
    let out = quiz.run(&["play", "--bank", "jazz"], "").fails();
    assert!(
        out.stderr
            .contains("jazz: no such file or folder, and no installed bank is called \"jazz\""),
        "{}",
        out.stderr
    );
    let out = quiz
        .run(&["play", "--bank", "no/such/dir.json"], "")
        .fails();
    assert!(
        out.stderr
            .contains("no/such/dir.json: no such file or folder"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_readme_record_example_is_a_valid_record() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let after = &readme[readme
        .find("A small record:")
        .expect("the example is in README")..];
    let start = after.find("```json\n").unwrap() + "```json\n".len();
    let json = &after[start..start + after[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("night-harbour.json");
    std::fs::write(&path, json).unwrap();
    let out = Quiz::new().run(&["check", path.to_str().unwrap()], "").ok();
    assert!(
        out.stdout
            .contains("ok: film record \"Night Harbour\" (1998)"),
        "{}",
        out.stdout
    );
}

/// Regressions from a sweep with hostile input.
mod hostile {
    use super::*;
    use std::os::unix::fs::symlink;

    fn mkfifo(path: &Path) {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap();
        assert!(status.success());
    }

    #[test]
    fn a_pipe_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.json");
        mkfifo(&fifo);
        let fifo = fifo.to_str().unwrap();
        let quiz = Quiz::new();
        for args in [
            vec!["check", fifo],
            vec!["play", "--bank", fifo],
            vec!["banks", "add", fifo],
            vec!["import", fifo],
            vec!["play", "--record", fifo],
        ] {
            let out = quiz.run(&args, "").fails();
            assert!(
                out.stderr.contains("pipe.json: is not a regular file"),
                "{args:?}: {}",
                out.stderr
            );
        }
    }

    #[test]
    fn a_folder_fails_when_any_json_entry_cannot_be_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(fixture("banks/untitled.json"), dir.path().join("a.json")).unwrap();
        symlink(
            dir.path().join("gone.json"),
            dir.path().join("dangling.json"),
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("sub.json")).unwrap();
        let folder = dir.path().to_str().unwrap();
        let quiz = Quiz::new();
        let out = quiz.run(&["check", folder], "").fails();
        assert!(
            out.stderr.contains("dangling.json: cannot read it"),
            "{}",
            out.stderr
        );
        assert!(
            out.stderr.contains("sub.json: is a folder, not a file"),
            "{}",
            out.stderr
        );
        let out = quiz.run(&["play", "--bank", folder], "1\n").fails();
        assert_eq!(out.stdout, "", "nothing was played");
    }

    #[test]
    fn huge_distractor_lists_are_refused_by_their_count() {
        let dir = tempfile::tempdir().unwrap();
        let many: Vec<String> = (0..100_000).map(|i| format!("\"d{i}\"")).collect();
        let bank = dir.path().join("many.json");
        std::fs::write(
            &bank,
            format!(
                "{{\"questions\": [{{\"prompt\": \"p\", \"answer\": \"a\", \"distractors\": [{}]}}]}}",
                many.join(",")
            ),
        )
        .unwrap();
        let out = Quiz::new()
            .run(&["check", bank.to_str().unwrap()], "")
            .fails();
        assert!(
            out.stderr
                .contains("question 1: distractors has 100000 wrong answers; the most is 5"),
            "{}",
            out.stderr
        );
        let gift = dir.path().join("many.gift");
        let answers: String = (0..100_000).map(|i| format!(" ~w{i}")).collect();
        std::fs::write(&gift, format!("Which? {{=right{answers}}}\n")).unwrap();
        let out = Quiz::new()
            .run(&["import", gift.to_str().unwrap()], "")
            .fails();
        assert!(
            out.stderr
                .contains("line 1: distractors has 100000 wrong answers"),
            "{}",
            out.stderr
        );
    }

    #[test]
    fn control_characters_in_names_and_arguments_never_reach_the_terminal() {
        let dir = tempfile::tempdir().unwrap();
        let evil = dir.path().join("ev\u{1b}[31mil\u{9b}.json");
        std::fs::copy(fixture("banks/untitled.json"), &evil).unwrap();
        let forged = dir.path().join("nl\nerror: forged.json");
        std::fs::copy(fixture("banks/untitled.json"), &forged).unwrap();
        let quiz = Quiz::new();
        let runs = [
            quiz.run(
                &["play", "--bank", evil.to_str().unwrap(), "--seed", "1"],
                "1\n",
            ),
            quiz.run(
                &[
                    "play",
                    "--json",
                    "--bank",
                    evil.to_str().unwrap(),
                    "--category",
                    "\u{b}general\u{85}",
                ],
                "1\n",
            ),
            quiz.run(
                &["check", forged.to_str().unwrap(), evil.to_str().unwrap()],
                "",
            ),
            quiz.run(&["play", "--count", "\u{9b}X"], ""),
            quiz.run(&["play", "--count", "\u{1b}[31mX"], ""),
        ];
        for out in runs {
            for text in [&out.stdout, &out.stderr] {
                assert!(
                    !text.contains(['\u{1b}', '\u{9b}', '\u{b}', '\u{85}']),
                    "a raw control character: {text:?}"
                );
                assert!(
                    !text.lines().any(|l| l.starts_with("error: forged")),
                    "{text}"
                );
            }
        }
        let out = quiz.run(
            &["play", "--bank", evil.to_str().unwrap(), "--seed", "1"],
            "1\n",
        );
        assert!(
            out.stdout.contains("ev\\u{1b}[31mil\\u{9b}.json"),
            "shown escaped: {}",
            out.stdout
        );
    }

    #[test]
    fn import_never_replaces_a_folder_a_device_or_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        mkfifo(&fifo);
        let target = dir.path().join("target.json");
        std::fs::write(&target, "keep me").unwrap();
        let link = dir.path().join("link.json");
        symlink(&target, &link).unwrap();
        let quiz = Quiz::new();
        let src = import_fixture("quiz.aiken.txt");
        for (out, expected) in [
            (fifo.to_str().unwrap(), "is not a regular file"),
            (link.to_str().unwrap(), "is not a regular file"),
            (dir.path().to_str().unwrap(), "is a folder"),
            ("/no/such/folder/x.json", "its folder does not exist"),
        ] {
            let r = quiz
                .run(&["import", &src, "--output", out, "--force"], "")
                .fails();
            assert!(r.stderr.contains(expected), "{out}: {}", r.stderr);
        }
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    }

    #[test]
    fn odd_but_valid_input_is_accepted() {
        let quiz = Quiz::new();
        let dir = tempfile::tempdir().unwrap();
        // A byte-order mark before the JSON.
        let bom = dir.path().join("bom.json");
        let mut bytes = "\u{feff}".as_bytes().to_vec();
        bytes.extend(std::fs::read(fixture("banks/untitled.json")).unwrap());
        std::fs::write(&bom, bytes).unwrap();
        quiz.run(&["check", bom.to_str().unwrap()], "").ok();
        // `--no-color` before the subcommand.
        quiz.run(&["--no-color", "check", bom.to_str().unwrap()], "")
            .ok();
        // A name given with `.json` is the same name.
        quiz.run(
            &[
                "banks",
                "add",
                bom.to_str().unwrap(),
                "--name",
                "staff.json",
            ],
            "",
        )
        .ok();
        assert!(quiz.installed().join("staff.json").is_file());
        report(&quiz, &["--bank", "staff"]);
        quiz.run(&["banks", "remove", "staff.json"], "").ok();
    }

    #[test]
    fn questions_of_the_wrong_type_are_placed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("q.json");
        std::fs::write(&path, "{\"title\": \"T\",\n \"questions\": \"x\"}").unwrap();
        let out = Quiz::new()
            .run(&["check", path.to_str().unwrap()], "")
            .fails();
        assert!(out.stderr.contains("q.json: 2:17: invalid type: string \"x\", expected `questions` to be a list of questions"), "{}", out.stderr);
    }
}

/// Inputs at each documented limit are read, and one byte past it refused.
#[test]
fn limits_hold_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let quiz = Quiz::new();
    // A text field of 4096 bytes, and of 4097.
    for (len, ok) in [(4096, true), (4097, false)] {
        let path = dir.path().join(format!("field-{len}.json"));
        std::fs::write(
            &path,
            format!(
                "{{\"questions\": [{{\"prompt\": \"p\", \"answer\": \"{}\", \"distractors\": [\"b\"]}}]}}",
                "a".repeat(len)
            ),
        )
        .unwrap();
        let out = quiz.run(&["check", path.to_str().unwrap()], "");
        if ok {
            out.ok();
        } else {
            let out = out.fails();
            assert!(
                out.stderr
                    .contains("answer is 4097 bytes long; the limit is 4096"),
                "{}",
                out.stderr
            );
        }
    }
    // A record of exactly 4 MiB (padded with spaces), and one byte more.
    let record = std::fs::read_to_string(fixture("films/night-harbour.json")).unwrap();
    let limit = 4 * 1024 * 1024;
    for (extra, ok) in [(0, true), (1, false)] {
        let path = dir.path().join(format!("record-{extra}.json"));
        let mut text = record.clone();
        text.push_str(&" ".repeat(limit + extra - record.len()));
        std::fs::write(&path, &text).unwrap();
        let out = quiz.run(&["check", path.to_str().unwrap()], "");
        if ok {
            out.ok();
        } else {
            let out = out.fails();
            assert!(
                out.stderr
                    .contains("the limit for a film record is 4194304 bytes"),
                "{}",
                out.stderr
            );
            let out = quiz
                .run(&["play", "--record", path.to_str().unwrap()], "")
                .fails();
            assert!(
                out.stderr
                    .contains("the file is 4194305 bytes; the limit is 4194304 bytes"),
                "{}",
                out.stderr
            );
        }
    }
    // At most 5 distractors.
    for (n, ok) in [(5, true), (6, false)] {
        let path = dir.path().join(format!("d{n}.json"));
        let ds: Vec<String> = (0..n).map(|i| format!("\"d{i}\"")).collect();
        std::fs::write(
            &path,
            format!("{{\"questions\": [{{\"prompt\": \"p\", \"answer\": \"a\", \"distractors\": [{}]}}]}}", ds.join(",")),
        )
        .unwrap();
        let out = quiz.run(&["check", path.to_str().unwrap()], "");
        if ok {
            out.ok();
        } else {
            out.fails();
        }
    }
}

#[test]
fn a_broken_json_bank_gets_no_import_hint_and_keeps_its_warnings() {
    let quiz = Quiz::new();
    for file in ["syntax.json", "truncated.json"] {
        let out = quiz.run(&["check", &broken(file)], "").fails();
        assert!(!out.stderr.contains("import"), "{file}: {}", out.stderr);
        assert!(
            !out.stderr.contains(":0:"),
            "columns count from 1: {}",
            out.stderr
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.json");
    std::fs::write(
        &path,
        "{\"questions\": [{\"prompt\": \"p\", \"answer\": 5, \"distractors\": [\"b\"], \"hint\": \"h\"}]}",
    )
    .unwrap();
    let out = quiz.run(&["check", path.to_str().unwrap()], "").fails();
    assert!(
        out.stderr.contains("warning: ") && out.stderr.contains("unknown field `hint`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("answer must be a string, not the number 5"),
        "{}",
        out.stderr
    );
}

#[test]
fn stats_counts_only_the_misses_review_can_still_deal() {
    let quiz = Quiz::new();
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("gone.json");
    std::fs::copy(fixture("banks/rhythm.json"), &bank).unwrap();
    // Answer 1 to everything: some of the five are missed.
    quiz.run(
        &["play", "--bank", bank.to_str().unwrap(), "--seed", "2"],
        &"1\n".repeat(5),
    )
    .ok();
    let missed = quiz.run(&["stats", "--json"], "").ok().json()["to_review"]
        .as_u64()
        .unwrap();
    assert!(missed > 0);
    std::fs::remove_file(&bank).unwrap();
    let stats = quiz.run(&["stats", "--json"], "").ok().json();
    assert_eq!(
        stats["to_review"], 0,
        "the bank is gone, so nothing is left to review"
    );
    let out = quiz.run(&["play", "--review"], "").ok();
    assert!(out.stdout.contains("Nothing to review"), "{}", out.stdout);
}
