//! `import`: each format detected, decoded, written atomically; skips and
//! refusals named; the record example in docs/records.md.

use super::*;

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
fn the_docs_record_example_is_a_valid_record() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/records.md"))
            .unwrap();
    let after = &readme[readme
        .find("A small record:")
        .expect("the example is in docs/records.md")..];
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
