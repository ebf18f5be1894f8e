//! The end-of-game review.

use super::*;

#[test]
fn a_plain_game_ends_with_a_review_of_its_misses() {
    let quiz = Quiz::new();
    let args = ["play", "--seed", "6", "--count", "3"];
    let qs = quiz.deal(&args, 3);
    let out = quiz.run(&args, &answering(&qs, |i| i != 1)).ok();
    let review = out
        .stdout
        .split("Review of missed questions\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no review:\n{}", out.stdout));
    let review_lines: Vec<&str> = review.lines().collect();
    for (i, q) in [(1, &qs[0]), (3, &qs[2])] {
        let head = format!("{i}. {}", prompt(q));
        let at = review_lines
            .iter()
            .position(|l| *l == head)
            .unwrap_or_else(|| panic!("no {head:?} in:\n{review}"));
        assert_eq!(
            review_lines[at + 1],
            format!("   You said: {}", choices(q)[wrong(q) - 1])
        );
        assert_eq!(
            review_lines[at + 2],
            format!("   Answer:   {}", choices(q)[answer(q) - 1])
        );
        let explanation = q["explanation"].as_str().unwrap();
        assert!(!explanation.is_empty());
        assert_eq!(review_lines[at + 3], format!("   {explanation}"));
    }
    assert!(!review.contains(&prompt(&qs[1])), "{review}");
    assert_eq!(review.matches("You said:").count(), 2);
}

#[test]
fn a_json_game_prints_only_the_report_on_stdout() {
    let quiz = Quiz::new();
    let args = ["play", "--seed", "6", "--count", "3", "--json"];
    let qs = quiz.deal(&args[..5], 3);
    let out = quiz.run(&args, &answering(&qs, |_| true)).ok();
    let report = out.json();
    assert_eq!(report["correct"], 0);
    assert!(!out.stdout.contains("You said:"), "{}", out.stdout);
    assert!(out.stdout.trim_start().starts_with('{'));
    assert!(out.stdout.trim_end().ends_with('}'));
    assert_eq!(out.stderr.matches("You said:").count(), 3, "{}", out.stderr);
    assert!(out.stderr.contains("Review of missed questions"));
}

#[test]
fn a_stopped_game_reviews_only_what_was_answered() {
    let quiz = Quiz::new();
    let args = ["play", "--seed", "6", "--count", "3"];
    let qs = quiz.deal(&args, 3);
    let out = quiz.run(&args, &format!("{}\nq\n", wrong(&qs[0]))).ok();
    assert!(
        out.stdout.contains("Game stopped after 1 of 3"),
        "{}",
        out.stdout
    );
    assert_eq!(out.stdout.matches("You said:").count(), 1, "{}", out.stdout);
    assert!(quiz.saved().is_empty());
}
