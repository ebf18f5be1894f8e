//! Limits held exactly, and what a broken bank keeps.

use super::*;

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
