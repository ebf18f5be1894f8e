//! Regressions from a sweep with hostile input.

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
