//! Review mode: practising saved misses.

use super::*;

#[test]
fn review_with_nothing_missed_says_so() {
    let quiz = Quiz::new();
    let out = quiz.run(&["play", "--review"], "").ok();
    assert!(out.stdout.contains("Nothing to review"), "{}", out.stdout);
    assert!(!out.stdout.contains("Question 1"), "{}", out.stdout);

    let out = quiz.run(&["play", "--review", "--json"], "").ok();
    let report = out.json();
    assert_eq!(report["questions"], serde_json::json!([]));
    assert_eq!(report["total"], 0);
    assert!(out.stderr.contains("Nothing to review"), "{}", out.stderr);

    // A flawless game leaves nothing to review either.
    let args = ["play", "--seed", "2", "--count", "2"];
    let qs = quiz.deal(&args, 2);
    quiz.run(&args, &answering(&qs, |_| false)).ok();
    let out = quiz.run(&["play", "--review"], "").ok();
    assert!(out.stdout.contains("Nothing to review"), "{}", out.stdout);
    assert_eq!(
        quiz.saved().len(),
        1,
        "a review with nothing in it is not saved"
    );
}

#[test]
fn review_plays_the_misses_and_clears_those_answered_right() {
    let quiz = Quiz::new();
    let args = ["play", "--seed", "17", "--count", "4"];
    let qs = quiz.deal(&args, 4);
    // Miss questions 1 and 3.
    quiz.run(&args, &answering(&qs, |i| i == 0 || i == 2)).ok();
    let mut missed = vec![prompt(&qs[0]), prompt(&qs[2])];
    missed.sort();
    assert_eq!(quiz.stats()["to_review"], 2);

    let review = ["play", "--review", "--seed", "9"];
    let rq = quiz.deal(&review, 2);
    let mut offered: Vec<String> = rq.iter().map(prompt).collect();
    offered.sort();
    assert_eq!(offered, missed, "review plays exactly the misses");
    for q in &rq {
        let original = qs.iter().find(|o| prompt(o) == prompt(q)).unwrap();
        let mut a = choices(q);
        let mut b = choices(original);
        a.sort();
        b.sort();
        assert_eq!(a, b, "the same question");
    }

    // Answer the first missed question (qs[0]) right, the other wrong.
    let keep = prompt(&qs[2]);
    let out = quiz.run(
        &[&review[..], &["--json"]].concat(),
        &answering(&rq, |i| prompt(&rq[i]) == keep),
    );
    let report = out.ok().json();
    assert_eq!(report["correct"], 1);
    let last = quiz.saved().pop().unwrap();
    assert_eq!(last["mode"], "review");

    let again = quiz.deal(&review, 1);
    assert_eq!(prompt(&again[0]), keep, "only the one still missed");
    assert_eq!(quiz.stats()["to_review"], 1);

    // Answering it right in review clears the list.
    quiz.run(&review, &format!("{}\n", answer(&again[0]))).ok();
    let out = quiz.run(&["play", "--review"], "").ok();
    assert!(out.stdout.contains("Nothing to review"), "{}", out.stdout);
    assert_eq!(quiz.stats()["to_review"], 0);
}

#[test]
fn review_prompts_match_the_missed_questions_on_screen() {
    let quiz = Quiz::new();
    let args = ["play", "--seed", "23", "--count", "3"];
    let qs = quiz.deal(&args, 3);
    quiz.run(&args, &answering(&qs, |i| i == 1)).ok();
    let out = quiz.run(&["play", "--review", "--seed", "1"], "q\n").ok();
    assert!(
        out.stdout.contains("Review quiz: 1 question"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(&prompt(&qs[1])), "{}", out.stdout);
    assert!(!out.stdout.contains(&prompt(&qs[0])), "{}", out.stdout);
    assert!(!out.stdout.contains(&prompt(&qs[2])), "{}", out.stdout);
}

#[test]
fn misses_from_a_deleted_bank_are_not_offered() {
    let quiz = Quiz::new();
    let bank = quiz.data.path().join("practice.json");
    fs::copy(fixture("practice.json"), &bank).unwrap();
    let bank = bank.to_str().unwrap().to_owned();
    let args = ["play", "--bank", &bank, "--seed", "1", "--count", "2"];
    let qs = quiz.deal(&args, 2);
    quiz.run(&args, &answering(&qs, |_| true)).ok();
    let saved = quiz.saved();
    assert!(
        saved[0]["source"][0].as_str().unwrap().starts_with("bank:"),
        "{:#}",
        saved[0]
    );

    // While the bank is there, its misses are offered.
    let rq = quiz.deal(&["play", "--review", "--seed", "1"], 2);
    assert_eq!(rq.len(), 2);

    fs::remove_file(&bank).unwrap();
    let out = quiz.run(&["play", "--review"], "").ok();
    assert!(out.stdout.contains("Nothing to review"), "{}", out.stdout);
    for q in &qs {
        assert!(!out.stdout.contains(&prompt(q)), "{}", out.stdout);
    }
    // The bank itself is gone.
    quiz.run(&args, "").fails();
}

#[test]
fn misses_from_a_deleted_record_are_not_offered() {
    let quiz = Quiz::new();
    let record = quiz.data.path().join("night-harbour.json");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/films/night-harbour.json"),
        &record,
    )
    .unwrap();
    let record = record.to_str().unwrap().to_owned();
    let args = ["play", "--record", &record, "--seed", "1", "--count", "2"];
    let qs = quiz.deal(&args, 2);
    quiz.run(&args, &answering(&qs, |_| true)).ok();
    let rq = quiz.deal(&["play", "--review", "--seed", "1"], 2);
    let mut offered: Vec<String> = rq.iter().map(prompt).collect();
    let mut missed: Vec<String> = qs.iter().map(prompt).collect();
    offered.sort();
    missed.sort();
    assert_eq!(offered, missed);

    fs::remove_file(&record).unwrap();
    let out = quiz.run(&["play", "--review"], "").ok();
    assert!(out.stdout.contains("Nothing to review"), "{}", out.stdout);
}

#[test]
fn review_uses_the_banks_current_questions() {
    let quiz = Quiz::new();
    let path = quiz.data.path().join("practice.json");
    fs::copy(fixture("practice.json"), &path).unwrap();
    let bank = path.to_str().unwrap().to_owned();
    let args = ["play", "--bank", &bank, "--seed", "1", "--count", "2"];
    let qs = quiz.deal(&args, 2);
    quiz.run(&args, &answering(&qs, |_| true)).ok();

    // The staff question is reworded (its answer and distractors), the
    // clef question dropped from the bank.
    let mut doc: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    let questions = doc["questions"].as_array_mut().unwrap();
    questions.retain(|q| q["prompt"] == "How many lines has a musical staff?");
    questions[0]["answer"] = "5".into();
    questions[0]["distractors"] = serde_json::json!(["4", "6"]);
    let extra = serde_json::json!({
        "prompt": "How many spaces has a musical staff?",
        "answer": "Four",
        "distractors": ["Five", "Three"]
    });
    questions.push(extra);
    fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();

    let rq = quiz.deal(&["play", "--review", "--seed", "1"], 1);
    assert_eq!(prompt(&rq[0]), "How many lines has a musical staff?");
    let mut now = choices(&rq[0]);
    now.sort();
    assert_eq!(now, ["4", "5", "6"]);
    assert_eq!(choices(&rq[0])[answer(&rq[0]) - 1], "5");
    let out = quiz.run(&["play", "--review", "--seed", "1"], "q\n").ok();
    assert!(
        out.stdout.contains("Review quiz: 1 question"),
        "{}",
        out.stdout
    );
}

#[test]
fn ctrl_c_in_a_review_saves_the_answers_and_clears_those_answered_right() {
    let quiz = Quiz::new();
    let args = ["play", "--seed", "17", "--count", "4"];
    let qs = quiz.deal(&args, 4);
    quiz.run(&args, &answering(&qs, |_| true)).ok();
    assert_eq!(quiz.stats()["to_review"], 4);
    let review = ["play", "--review", "--seed", "2"];
    let rq = quiz.deal(&review, 4);

    // In the terminal: the first right, the second wrong, then Ctrl-C (a
    // key in raw mode) at the third.
    let mut p = quiz.spawn_pty(&[&review[..], &["--no-color"]].concat());
    for (n, key) in [(1, answer(&rq[0])), (2, wrong(&rq[1]))] {
        p.exp_string(&format!("Question {n}/4"))
            .expect("a review question");
        p.exp_string(crate::pty::KEYS).expect("the prompt");
        press(&mut p, &key.to_string());
        crate::pty::go_on(&mut p);
    }
    p.exp_string("Question 3/4").expect("the third question");
    p.exp_string(crate::pty::KEYS).expect("the prompt");
    press(&mut p, "\x03");
    let rest = p.exp_eof().expect("end of output");
    assert!(!rest.contains("Quit this game"), "Ctrl-C asks nothing");
    assert!(
        rest.contains("Game interrupted after 2 of 4 questions."),
        "{rest:?}"
    );
    assert_eq!(exit_code(&p), 130);

    let last = quiz.saved().pop().unwrap();
    assert_eq!(last["mode"], "review");
    assert_eq!(last["finished"], false);
    assert_eq!(
        (last["correct"].clone(), last["total"].clone()),
        (1.into(), 2.into())
    );
    // The one answered right is cleared, as a finished review would; the
    // one missed again and the two never reached are still to review.
    assert_eq!(quiz.stats()["to_review"], 3);
    let left: Vec<String> = quiz.deal(&review, 3).iter().map(prompt).collect();
    assert!(!left.contains(&prompt(&rq[0])), "{left:?}");
}
