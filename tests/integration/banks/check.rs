//! `check`: valid banks summed up, every problem of a broken one located.

use super::*;

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
