//! The 50:50 lifeline.

use super::*;

#[test]
fn fifty_fifty_leaves_two_numbered_choices_and_halves_the_points() {
    let quiz = Quiz::new();
    let seed = seed_with_four_choices(&quiz, &["play", "--count", "2"], 2, &[0]);
    let args = ["play", "--seed", &seed, "--count", "2"];
    let qs = quiz.deal(&args, 2);
    let q = &qs[0];
    let n = choices(q).len();
    assert!(n > 2, "{q:#}");

    // A first look at the 50:50, stopped at once (and so not saved).
    let look = quiz.run(&args, "50\nq\n").ok();
    let left = left_by_fifty_fifty(&look.stdout);
    let (a, b) = (left[0].0, left[1].0);
    assert!(a < b, "{left:?}");
    for (number, text) in &left {
        assert_eq!(*text, choices(q)[number - 1], "keeps its original number");
    }
    assert!(
        left.iter().any(|(number, _)| *number == answer(q)),
        "the right answer stays: {left:?}"
    );
    assert!(
        look.stdout
            .contains(&format!("Your answer ({a} or {b}, q to quit): ")),
        "{}",
        look.stdout
    );
    let before = look
        .stdout
        .split("50:50: two choices are left.")
        .next()
        .unwrap();
    assert!(
        before.contains("Your answer (1-4, 50 for 50:50, q to quit): "),
        "{before}"
    );
    // Only the two choices are shown after the notice.
    let after = look
        .stdout
        .split("50:50: two choices are left.")
        .nth(1)
        .unwrap();
    let shown = after
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains(") "))
        .count();
    assert_eq!(shown, 2, "{after}");
    assert!(quiz.saved().is_empty(), "a stopped game was saved");

    // Asking again while it is in use is refused.
    let twice = quiz.run(&args, "50\n50\nq\n").ok();
    assert!(
        twice
            .stderr
            .contains("The 50:50 is already in use on this question."),
        "{}",
        twice.stderr
    );
    assert_eq!(left_by_fifty_fifty(&twice.stdout), left);

    // The same seed leaves the same two; a removed number is refused and
    // the question asked again.
    let removed = (1..=n).find(|k| *k != a && *k != b).unwrap();
    let out = quiz
        .run(
            &args,
            &format!("50\n{removed}\n{}\n{}\n", answer(q), answer(&qs[1])),
        )
        .ok();
    assert_eq!(
        left_by_fifty_fifty(&out.stdout),
        left,
        "same seed, same pair"
    );
    assert!(
        out.stderr.contains(&format!(
            "{removed} was taken away by the 50:50: type {a} or {b}, or q to quit."
        )),
        "{}",
        out.stderr
    );
    assert_eq!(
        out.stdout.matches("50:50: two choices are left.").count(),
        2,
        "asked again after a removed number:\n{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!(
            "Right! +{} points (half points after the 50:50)",
            base(q) / 2
        )),
        "{}",
        out.stdout
    );
    let saved = quiz.saved();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0]["correct"], 2);
}

#[test]
fn fifty_fifty_after_a_streak_keeps_the_streak_bonus() {
    let quiz = Quiz::new();
    let seed = seed_with_four_choices(&quiz, &["play", "--count", "4"], 4, &[2]);
    let args = ["play", "--seed", &seed, "--count", "4"];
    let qs = quiz.deal(&args, 4);
    // Right, right, 50:50 then right, then a miss (no flawless bonus).
    let input = format!(
        "{}\n{}\n50\n{}\n{}\n",
        answer(&qs[0]),
        answer(&qs[1]),
        answer(&qs[2]),
        wrong(&qs[3])
    );
    let out = quiz.run(&[&args[..], &["--json"]].concat(), &input).ok();
    let report = out.json();
    let got: Vec<u64> = report["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["points"].as_u64().unwrap())
        .collect();
    let expected = vec![base(&qs[0]), base(&qs[1]) + 25, base(&qs[2]) / 2 + 50, 0];
    assert_eq!(got, expected, "{report:#}");
    assert_eq!(
        report["score"].as_u64().unwrap(),
        expected.iter().sum::<u64>()
    );
    assert_eq!(report["best_streak"], 3);
    assert!(
        out.stderr.contains(&format!(
            "Right! +{} points (half points after the 50:50), streak 3",
            base(&qs[2]) / 2 + 50
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn fifty_fifty_works_once_per_game() {
    let quiz = Quiz::new();
    let seed = seed_with_four_choices(&quiz, &["play", "--count", "3"], 3, &[0, 1]);
    let args = ["play", "--seed", &seed, "--count", "3"];
    let qs = quiz.deal(&args, 3);
    // `50:50` asks for it too.
    let input = format!(
        "50\n{}\n50:50\n{}\n{}\n",
        answer(&qs[0]),
        answer(&qs[1]),
        answer(&qs[2])
    );
    let out = quiz.run(&args, &input).ok();
    assert_eq!(
        out.stderr
            .matches("The 50:50 is used up: it works once per game.")
            .count(),
        1,
        "{}",
        out.stderr
    );
    assert_eq!(
        out.stdout.matches("Question 2/3").count(),
        2,
        "question 2 is asked again:\n{}",
        out.stdout
    );
    assert_eq!(
        out.stdout.matches("50:50: two choices are left.").count(),
        1
    );
    // Once spent, the prompt stops offering it.
    assert!(
        out.stdout.contains("Your answer (1-4, q to quit): "),
        "{}",
        out.stdout
    );

    let report = quiz.report(&args, &input);
    let flags: Vec<bool> = report["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["fifty_fifty"].as_bool().unwrap())
        .collect();
    assert_eq!(flags, [true, false, false]);
    assert_eq!(
        report["questions"][1]["points"].as_u64().unwrap(),
        base(&qs[1]) + 25,
        "full points on the question after"
    );
}

#[test]
fn json_report_names_the_two_choices_the_fifty_fifty_left() {
    let quiz = Quiz::new();
    let seed = seed_with_four_choices(&quiz, &["play", "--count", "3"], 3, &[1]);
    let args = ["play", "--seed", &seed, "--count", "3", "--json"];
    let qs = quiz.deal(&args[..5], 3);
    let q = &qs[1];
    let right_text = choices(q)[answer(q) - 1].clone();

    let input = format!(
        "{}\n50\n{}\n{}\n",
        answer(&qs[0]),
        answer(q),
        answer(&qs[2])
    );
    let first = quiz.run(&args, &input).ok();
    let report = first.json();
    let questions = report["questions"].as_array().unwrap();
    for (i, rq) in questions.iter().enumerate() {
        if i == 1 {
            assert_eq!(rq["fifty_fifty"], true, "{rq:#}");
        } else {
            assert_eq!(rq["fifty_fifty"], false, "{rq:#}");
            assert!(rq.get("remaining").is_none(), "{rq:#}");
        }
    }
    let rq = &questions[1];
    let remaining: Vec<String> = rq["remaining"]
        .as_array()
        .expect("remaining is a list")
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(remaining.len(), 2, "{rq:#}");
    assert!(remaining.contains(&right_text), "{remaining:?}");
    let wrong_text = remaining
        .iter()
        .find(|t| **t != right_text)
        .unwrap()
        .clone();
    let full = choices(rq);
    assert_eq!(full, choices(q), "choices are the full list");
    assert!(full.contains(&wrong_text), "{wrong_text}");
    // In the order of the full choices.
    let positions: Vec<usize> = remaining
        .iter()
        .map(|t| full.iter().position(|c| c == t).unwrap())
        .collect();
    assert!(positions[0] < positions[1], "{remaining:?} vs {full:?}");
    // 1-based indexes into the full choices.
    assert_eq!(answer(rq), answer(q));
    assert_eq!(rq["chosen"].as_u64().unwrap() as usize, answer(q));
    assert_eq!(rq["correct"], true);
    assert_eq!(rq["points"].as_u64().unwrap(), base(q) / 2 + 25);

    // The same seed leaves the same pair; choosing its wrong one is a miss.
    let wrong_number = full.iter().position(|c| *c == wrong_text).unwrap() + 1;
    let input = format!(
        "{}\n50\n{wrong_number}\n{}\n",
        answer(&qs[0]),
        answer(&qs[2])
    );
    let again = quiz.report(&args[..5], &input);
    let rq = &again["questions"][1];
    assert_eq!(rq["remaining"], report["questions"][1]["remaining"]);
    assert_eq!(rq["chosen"].as_u64().unwrap() as usize, wrong_number);
    assert_eq!(rq["correct"], false);
    assert_eq!(rq["points"], 0);
    assert_eq!(rq["fifty_fifty"], true);
}

#[test]
fn fifty_fifty_is_refused_on_a_two_choice_question_and_not_spent() {
    let quiz = Quiz::new();
    let bank = fixture("true-false.json");
    let bank = bank.to_str().unwrap();
    // A seed that deals the true/false question first.
    let (seed, qs) = (0..32)
        .map(|s| {
            let seed = s.to_string();
            let qs = quiz.deal(
                &["play", "--bank", bank, "--seed", &seed, "--count", "2"],
                2,
            );
            (seed, qs)
        })
        .find(|(_, qs)| choices(&qs[0]).len() == 2)
        .expect("some seed deals the true/false question first");
    assert_eq!(choices(&qs[1]).len(), 4);
    let args = ["play", "--bank", bank, "--seed", &seed, "--count", "2"];
    let input = format!("50\n{}\n50\n{}\n", answer(&qs[0]), answer(&qs[1]));

    let out = quiz.run(&args, &input).ok();
    assert!(
        out.stderr
            .contains("The 50:50 needs more than two choices."),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.contains("Your answer (1-2, q to quit): "),
        "no 50:50 offered on two choices:\n{}",
        out.stdout
    );
    assert!(!out.stderr.contains("used up"), "{}", out.stderr);
    assert_eq!(
        out.stdout.matches("50:50: two choices are left.").count(),
        1
    );

    let report = quiz.report(&args, &input);
    assert_eq!(report["questions"][0]["fifty_fifty"], false);
    assert_eq!(report["questions"][0]["points"], 100, "full points");
    assert_eq!(report["questions"][1]["fifty_fifty"], true);
    assert_eq!(report["questions"][1]["points"], 100 + 25);
}
