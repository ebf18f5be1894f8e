//! Depth tests of the game's newer features, end to end: the 50:50
//! lifeline, saved games and what they add up to, keeping scores safe
//! (concurrent games, damaged logs, an unwritable folder), review mode,
//! the daily challenge, hot-seat games, the start menu and the
//! end-of-game review. Every test gets its own data folder, never the
//! user's.

use crate::common::{DOWN, ENTER, ESC, Quiz, UP, legacy_line, press};
use crate::pty::exit_code;
use rexpect::session::PtySession;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/depth")
        .join(name)
}

/// The 1-based right answer of a report question.
fn answer(q: &Value) -> usize {
    q["answer"].as_u64().unwrap() as usize
}

fn choices(q: &Value) -> Vec<String> {
    q["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect()
}

/// A 1-based wrong choice of a report question.
/// The first seed whose game of `count` rounds (for `args`, which must not
/// name a seed) has four choices wherever `needs` says, so that a 50:50 can
/// be used there. True or false questions have only two.
fn seed_with_four_choices(quiz: &Quiz, args: &[&str], count: usize, needs: &[usize]) -> String {
    (1..400)
        .map(|s| s.to_string())
        .find(|seed| {
            let qs = quiz.deal(&[args, &["--seed", seed]].concat(), count);
            needs.iter().all(|&i| choices(&qs[i]).len() == 4)
        })
        .expect("some seed deals four-choice questions there")
}

fn wrong(q: &Value) -> usize {
    answer(q) % choices(q).len() + 1
}

fn prompt(q: &Value) -> String {
    q["prompt"].as_str().unwrap().to_owned()
}

/// The base points of a right answer of this difficulty.
fn base(q: &Value) -> u64 {
    match q["difficulty"].as_str().unwrap() {
        "easy" => 100,
        "medium" => 200,
        "hard" => 300,
        other => panic!("difficulty {other}"),
    }
}

/// Answer lines, one per move.
fn lines<T: ToString>(moves: &[T]) -> String {
    moves
        .iter()
        .map(|m| format!("{}\n", m.to_string()))
        .collect()
}

/// Right answers to every question, or a wrong one where `miss` says so.
fn answering(qs: &[Value], miss: impl Fn(usize) -> bool) -> String {
    let moves: Vec<usize> = qs
        .iter()
        .enumerate()
        .map(|(i, q)| if miss(i) { wrong(q) } else { answer(q) })
        .collect();
    lines(&moves)
}

/// The choices the 50:50 left, as plain mode shows them: (number, text)
/// for the two lines after each `50:50: two choices are left.`.
fn left_by_fifty_fifty(stdout: &str) -> Vec<(usize, String)> {
    let all: Vec<&str> = stdout.lines().collect();
    let at = all
        .iter()
        .position(|l| *l == "50:50: two choices are left.")
        .unwrap_or_else(|| panic!("no 50:50 notice in:\n{stdout}"));
    all[at + 1..at + 3]
        .iter()
        .map(|l| {
            let (n, text) = l
                .strip_prefix("  ")
                .and_then(|l| l.split_once(") "))
                .unwrap_or_else(|| panic!("not a numbered choice: {l:?}"));
            (n.parse().unwrap(), text.to_owned())
        })
        .collect()
}

// ---------------------------------------------------------------------------
// 50:50
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Saving
// ---------------------------------------------------------------------------

#[test]
fn a_finished_game_is_saved_as_one_game() {
    let quiz = Quiz::new();
    let args = ["play", "--seed", "11", "--count", "3"];
    let qs = quiz.deal(&args, 3);
    assert!(!quiz.db().exists(), "--no-save made the database");
    let report = quiz.report(&args, &answering(&qs, |i| i == 1));

    let saved = quiz.saved();
    assert_eq!(saved.len(), 1, "{saved:#?}");
    let e = &saved[0];
    assert_eq!(e["finished"], true);
    assert!(e["date"].as_str().unwrap().len() >= 19, "{e:#}");
    let day = e["day"].as_str().unwrap();
    assert!(e["date"].as_str().unwrap().starts_with(day), "{e:#}");
    assert_eq!(e["seed"], 11);
    assert_eq!(e["mode"], "normal");
    assert_eq!(e["source"], serde_json::json!(["built-in"]));
    assert_eq!(e["score"], report["score"]);
    assert_eq!(e["correct"], 2);
    assert_eq!(e["total"], 3);
    assert_eq!(e["best_streak"], 1);
    let missed = e["missed"].as_array().unwrap();
    assert_eq!(missed.len(), 1, "{e:#}");
    assert_eq!(missed[0]["source"], "built-in");
    assert_eq!(missed[0]["question"]["prompt"], qs[1]["prompt"]);
    assert_eq!(
        missed[0]["question"]["answer"].as_str().unwrap(),
        choices(&qs[1])[answer(&qs[1]) - 1]
    );
    let asked = e["questions"].as_array().unwrap();
    assert_eq!(asked.len(), 3);
    for (a, q) in asked.iter().zip(&qs) {
        assert_eq!(a["prompt"], q["prompt"]);
        assert_eq!(a["category"], q["category"]);
    }
    let right: Vec<bool> = asked
        .iter()
        .map(|a| a["correct"].as_bool().unwrap())
        .collect();
    assert_eq!(right, [true, false, true]);
}

#[test]
fn a_stopped_game_and_no_save_save_nothing() {
    let quiz = Quiz::new();
    let args = ["play", "--seed", "4", "--count", "3"];
    let qs = quiz.deal(&args, 3);
    let all_right = answering(&qs, |_| false);
    // Stopped with q.
    let out = quiz.run(&args, &format!("{}\nq\n", answer(&qs[0]))).ok();
    assert!(
        out.stdout.contains("Game stopped after 1 of 3"),
        "{}",
        out.stdout
    );
    // Stopped by the end of input.
    quiz.run(&args, &format!("{}\n{}\n", answer(&qs[0]), answer(&qs[1])))
        .ok();
    // --no-save, played to the end, in plain and JSON mode.
    quiz.run(&[&args[..], &["--no-save"]].concat(), &all_right)
        .ok();
    quiz.run(&[&args[..], &["--no-save", "--json"]].concat(), &all_right)
        .ok();
    assert!(!quiz.db().exists(), "nothing to save made a database");
    assert!(quiz.scores().is_empty());
    let text = quiz.run(&["scores"], "").ok();
    assert!(
        text.stdout.contains("No games saved yet"),
        "{}",
        text.stdout
    );
    assert_eq!(quiz.stats()["games"], 0);
}

#[test]
fn scores_rank_best_first_and_stats_add_up() {
    let quiz = Quiz::new();
    // Three games: all wrong, one right, all right.
    let mut played = Vec::new();
    for (seed, right) in [(31, 0), (32, 1), (33, 3)] {
        let seed = seed.to_string();
        let args = ["play", "--seed", &seed, "--count", "3"];
        let qs = quiz.deal(&args, 3);
        let report = quiz.report(&args, &answering(&qs, |i| i >= right));
        played.push((seed, report, qs));
    }

    // Typed rows: a field renamed or dropped in `scores --json` fails here.
    let rows = quiz.typed_scores();
    assert_eq!(rows.len(), 3, "{rows:#?}");
    let scores: Vec<u32> = rows.iter().map(|r| r.score).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let seeds: Vec<u64> = rows.iter().map(|r| r.seed).collect();
    assert_eq!(seeds, [33, 32, 31], "{rows:#?}");
    for r in &rows {
        let (_, report, _) = played
            .iter()
            .find(|(s, _, _)| r.seed == s.parse::<u64>().unwrap())
            .unwrap();
        assert_eq!(u64::from(r.score), report["score"].as_u64().unwrap());
        assert_eq!(r.correct as u64, report["correct"].as_u64().unwrap());
        assert_eq!(r.total, 3);
        assert_eq!(r.mode, "normal");
        assert_eq!(r.source, ["Whiplash"], "the built-in film by its title");
        assert!(r.date.contains('T'), "{r:#?}");
    }

    let table = quiz.run(&["scores"], "").ok().stdout;
    let table_lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        table_lines.len(),
        4,
        "a header and a row per game:\n{table}"
    );
    assert!(
        table_lines[0].contains("rank") && table_lines[0].contains("score"),
        "{table}"
    );
    assert!(
        table_lines[1].contains("3/3") && table_lines[1].contains("33"),
        "{table}"
    );
    assert!(
        table_lines[3].contains("0/3") && table_lines[3].contains("31"),
        "{table}"
    );

    let s = quiz.typed_stats();
    assert_eq!(s.games, 3);
    assert_eq!((s.accuracy.correct, s.accuracy.answered), (4, 9));
    let categories = &s.categories;
    let (c, a) = categories
        .values()
        .fold((0, 0), |(c, a), v| (c + v.correct, a + v.answered));
    assert_eq!((c, a), (4, 9), "categories add up: {s:#?}");
    for (_, _, qs) in &played {
        for q in qs {
            let name = q["category"].as_str().unwrap();
            assert!(
                categories
                    .keys()
                    .any(|k| k.to_lowercase() == name.to_lowercase()),
                "{name} missing from {s:#?}"
            );
        }
    }
    assert_eq!(s.best_score, rows[0].score);
    assert_eq!(s.best_streak, 3);
    assert_eq!(s.daily_streak, 0);
    assert_eq!(s.daily_games, 0);
    // Every missed question, less those answered right in a later game.
    let mut outstanding: Vec<String> = Vec::new();
    for (_, report, _) in &played {
        for q in report["questions"].as_array().unwrap() {
            let p = prompt(q);
            outstanding.retain(|o| *o != p);
            if !q["correct"].as_bool().unwrap() {
                outstanding.push(p);
            }
        }
    }
    assert_eq!(s.to_review, outstanding.len(), "{s:#?}");
}

// ---------------------------------------------------------------------------
// Review
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Daily challenge
// ---------------------------------------------------------------------------

fn prompts(report: &Value) -> Vec<String> {
    report["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(prompt)
        .collect()
}

#[test]
fn the_daily_date_decides_the_seed_and_the_questions() {
    let quiz = Quiz::new();
    let day = ["play", "--daily", "--date", "2026-11-25"];
    let qs = quiz.deal(&day, 10);
    // Right on 1, 2, 3, 5, 8, 9, 10.
    let misses = [3, 5, 6];
    let out = quiz
        .run(
            &[&day[..], &["--json"]].concat(),
            &answering(&qs, |i| misses.contains(&i)),
        )
        .ok();
    let report = out.json();
    assert_eq!(report["seed"], 20261125u64);
    assert_eq!(prompts(&report), qs.iter().map(prompt).collect::<Vec<_>>());
    assert_eq!(
        report["share"],
        "whiplash-quiz daily 2026-11-25 7/10 🟩🟩🟩🟥🟩🟥🟥🟩🟩🟩"
    );
    let share = report["share"].as_str().unwrap();
    for q in &qs {
        for c in choices(q) {
            assert!(
                !share.contains(&format!(" {c} ")),
                "gives away {c:?}: {share}"
            );
        }
    }
    let entry = quiz.saved().pop().unwrap();
    assert_eq!(entry["mode"], "daily");
    assert_eq!(entry["day"], "2026-11-25");
    assert_eq!(entry["seed"], 20261125u64);

    // The same date deals the same game; another date, another one.
    let same = quiz.deal(&day, 10);
    assert_eq!(same, qs);
    let other = quiz.deal(&["play", "--daily", "--date", "2026-11-26"], 10);
    assert_ne!(
        other.iter().map(prompt).collect::<Vec<_>>(),
        qs.iter().map(prompt).collect::<Vec<_>>()
    );
    let report = quiz.report(
        &["play", "--daily", "--date", "2026-11-26", "--no-save"],
        "q\n",
    );
    assert_eq!(report["seed"], 20261126u64);

    // A shorter daily game is planned on its own, the same every time.
    let three = quiz.deal(&[&day[..], &["--count", "3"]].concat(), 3);
    assert_eq!(three, quiz.deal(&[&day[..], &["--count", "3"]].concat(), 3));

    // A day's challenge stopped early shares one mark per answered
    // question, and is not saved: the day's first finished game counts.
    let games = quiz.saved().len();
    let fresh = ["play", "--daily", "--date", "2026-11-27"];
    let fq = quiz.deal(&fresh, 3);
    let input = format!(
        "{}\n{}\n{}\nq\n",
        answer(&fq[0]),
        wrong(&fq[1]),
        answer(&fq[2])
    );
    let stopped = quiz.report(&fresh, &input);
    assert_eq!(stopped["finished"], false);
    assert_eq!(stopped["mode"], "daily");
    assert_eq!(
        stopped["share"],
        "whiplash-quiz daily 2026-11-27 2/3 🟩🟥🟩"
    );
    assert_eq!(quiz.saved().len(), games);

    // Played again, a finished day's challenge is practice: no share line,
    // and stopped early it still counts the questions answered.
    let input = format!(
        "{}\n{}\n{}\nq\n",
        answer(&qs[0]),
        wrong(&qs[1]),
        answer(&qs[2])
    );
    let out = quiz.run(&day, &input).ok();
    assert!(
        out.stdout.contains("this game is practice"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("Share your result"), "{}", out.stdout);
    let saved = quiz.saved();
    assert_eq!(saved.len(), games + 1);
    let practice = saved.last().unwrap();
    assert_eq!(practice["mode"], "practice");
    assert_eq!(practice["finished"], false);
    assert_eq!(
        (practice["correct"].clone(), practice["total"].clone()),
        (2.into(), 3.into())
    );
    let rows = quiz.scores();
    assert_eq!(
        rows[0]["mode"], "daily",
        "the first game keeps first place: {rows:#?}"
    );
    assert_eq!(
        rows.last().unwrap()["rank"],
        Value::Null,
        "practice is not ranked"
    );
    let s = quiz.stats();
    assert_eq!(s["daily_games"], 1);
    assert_eq!(s["practice_games"], 1);
    assert_eq!(s["accuracy"]["answered"], 13, "10 + the 3 of the practice");

    // Other games have no share line.
    let normal = quiz.report(&["play", "--seed", "1", "--count", "1", "--no-save"], "1\n");
    assert!(normal.get("share").is_none(), "{normal:#}");
}

#[test]
fn the_daily_screen_prints_a_plain_share_line_without_colour() {
    let quiz = Quiz::new();
    let day = ["play", "--daily", "--date", "2026-11-25", "--count", "3"];
    let qs = quiz.deal(&day, 3);
    let out = quiz
        .cmd()
        .args(day)
        .arg("--no-save")
        .env("LANG", "en_US.UTF-8")
        .write_stdin(answering(&qs, |i| i == 1))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("Daily challenge for Wednesday 25 November 2026"),
        "{stdout}"
    );
    assert!(stdout.contains("Share your result:"), "{stdout}");
    let share: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("whiplash-quiz daily"))
        .collect();
    assert_eq!(
        share,
        ["whiplash-quiz daily 2026-11-25 2/3 [+-+]"],
        "{stdout}"
    );
    assert!(!stdout.contains('🟩'), "{stdout}");

    // Forced colour in a UTF-8 locale gets the squares; NO_COLOR still wins.
    let input = answering(&qs, |i| i == 1);
    let squares = quiz
        .cmd()
        .args(day)
        .args(["--no-save"])
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .env("LANG", "en_US.UTF-8")
        .write_stdin(input.clone())
        .output()
        .unwrap();
    let stdout = String::from_utf8(squares.stdout).unwrap();
    assert!(
        stdout.contains("whiplash-quiz daily 2026-11-25 2/3 🟩🟥🟩"),
        "{stdout}"
    );
    let plain = quiz
        .cmd()
        .args(day)
        .args(["--no-save"])
        .env("CLICOLOR_FORCE", "1")
        .env("LANG", "en_US.UTF-8")
        .write_stdin(input)
        .output()
        .unwrap();
    let stdout = String::from_utf8(plain.stdout).unwrap();
    assert!(
        stdout.contains("whiplash-quiz daily 2026-11-25 2/3 [+-+]"),
        "{stdout}"
    );
    assert!(!stdout.contains('\x1b'), "{stdout:?}");

    // Colour forced but a locale that is not UTF-8, or --no-color: marks.
    for (lang, flag) in [("C", None), ("en_US.UTF-8", Some("--no-color"))] {
        let out = quiz
            .cmd()
            .args(day)
            .args(["--no-save"])
            .args(flag)
            .env_remove("NO_COLOR")
            .env("CLICOLOR_FORCE", "1")
            .env("LANG", lang)
            .env_remove("LC_ALL")
            .env_remove("LC_CTYPE")
            .write_stdin(answering(&qs, |i| i == 1))
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            stdout.contains("whiplash-quiz daily 2026-11-25 2/3 [+-+]"),
            "LANG={lang} {flag:?}: {stdout}"
        );
    }
}

#[test]
fn daily_options_are_checked() {
    let quiz = Quiz::new();
    quiz.run(&["play", "--date", "2026-11-25"], "").usage();
    quiz.run(&["play", "--daily", "--seed", "3"], "").usage();
    quiz.run(&["play", "--daily", "--date", "2026-02-30"], "")
        .usage();
    quiz.run(&["play", "--daily", "--date", "25/11/2026"], "")
        .usage();
    quiz.run(&["play", "--daily", "--review"], "").usage();
    quiz.run(&["--date", "2026-11-25"], "").usage();
    quiz.run(&["--daily", "--seed", "3"], "").usage();
    assert!(!quiz.db().exists());
}

/// Days since 1970-01-01 of a civil date, and back (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> String {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!("{y:04}-{m:02}-{d:02}")
}

/// Today's local date as days since the epoch, as `date` sees it.
fn today() -> i64 {
    let out = std::process::Command::new("date")
        .arg("+%F")
        .output()
        .expect("run date");
    let text = String::from_utf8(out.stdout).unwrap();
    let parts: Vec<i64> = text.trim().split('-').map(|p| p.parse().unwrap()).collect();
    days_from_civil(parts[0], parts[1], parts[2])
}

#[test]
fn the_daily_streak_counts_back_from_today_or_yesterday() {
    assert_eq!(
        civil_from_days(days_from_civil(2026, 3, 1) - 1),
        "2026-02-28"
    );
    let quiz = Quiz::new();
    let today = today();
    let streak = || quiz.stats()["daily_streak"].as_u64().unwrap();

    let report = quiz.report(&["play", "--daily", "--count", "1", "--no-save"], "1\n");
    let digits: u64 = civil_from_days(today).replace('-', "").parse().unwrap();
    assert_eq!(report["seed"], digits, "--daily alone is today's challenge");

    // Earlier challenges played today do not build a streak (they count
    // as those days' challenges, but were not played on the day).
    for days_ago in [5, 6] {
        let date = civil_from_days(today - days_ago);
        quiz.run(&["play", "--daily", "--date", &date, "--count", "1"], "1\n")
            .ok();
    }
    assert_eq!(streak(), 0, "past dates played today are not days played");

    // Games played on earlier days come in through an old log, as the game
    // would have written them then (the clock cannot be turned back): each
    // new log is imported by the next command.
    let played_on = |days_ago: i64| {
        let day = civil_from_days(today - days_ago);
        let line = legacy_line(&day, &format!("{day}T20:00:00+00:00"), "daily", 7, None);
        fs::write(quiz.log(), format!("{line}\n")).unwrap();
    };
    played_on(4);
    assert_eq!(streak(), 0, "four days ago is no streak");
    played_on(2);
    assert_eq!(streak(), 0, "two days ago, with yesterday missing");
    played_on(1);
    assert_eq!(
        streak(),
        2,
        "yesterday and the day before; today still open"
    );
    assert!(!quiz.log().exists(), "each log was imported and renamed");
    // A normal game today does not count.
    quiz.run(&["play", "--seed", "1", "--count", "1"], "1\n")
        .ok();
    assert_eq!(streak(), 2);
    quiz.run(&["play", "--daily", "--count", "1"], "1\n").ok();
    assert_eq!(streak(), 3);
    // The same day twice counts once: the second game is practice.
    let again = quiz.report(&["play", "--daily", "--count", "1"], "1\n");
    assert_eq!(again["mode"], "practice");
    assert!(again.get("share").is_none(), "{again:#}");
    let s = quiz.stats();
    assert_eq!(s["daily_streak"], 3);
    assert_eq!(s["daily_games"], 6);
    assert_eq!(s["practice_games"], 1);
    assert_eq!(s["games"], 8);
    assert_eq!(
        s["games_by_mode"],
        serde_json::json!({"normal": 1, "daily": 6, "review": 0, "hot-seat": 0, "practice": 1})
    );
}

// ---------------------------------------------------------------------------
// Hot-seat
// ---------------------------------------------------------------------------

#[test]
fn hot_seat_players_take_turns_and_share_the_score() {
    let quiz = Quiz::new();
    let args = [
        "play",
        "--players",
        "Ana,Ben",
        "--count",
        "2",
        "--seed",
        "3",
    ];
    let qs = quiz.deal(&args, 4);
    // Ana gets both right, Ben both wrong.
    let report = quiz.report(&args, &answering(&qs, |i| i % 2 == 1));
    let players: Vec<&str> = report["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["player"].as_str().unwrap())
        .collect();
    assert_eq!(players, ["Ana", "Ben", "Ana", "Ben"]);
    let table = report["players"].as_array().unwrap();
    assert_eq!(table.len(), 2);
    assert_eq!(table[0]["name"], "Ana");
    assert_eq!(table[1]["name"], "Ben");
    assert_eq!(
        (table[0]["correct"].clone(), table[0]["total"].clone()),
        (2.into(), 2.into())
    );
    assert_eq!(
        (table[1]["correct"].clone(), table[1]["total"].clone()),
        (0.into(), 2.into())
    );
    assert_eq!(table[1]["score"], 0);
    let sum: u64 = table.iter().map(|p| p["score"].as_u64().unwrap()).sum();
    assert_eq!(report["score"].as_u64().unwrap(), sum);
    // Ana's streak is her own: her second right answer earns +25.
    let ana: u64 = report["questions"][0]["points"].as_u64().unwrap()
        + report["questions"][2]["points"].as_u64().unwrap();
    assert_eq!(ana, base(&qs[0]) + base(&qs[2]) + 25);
    assert!(table[0]["score"].as_u64().unwrap() >= ana);

    // Each player's part is saved under their name.
    let saved = quiz.saved();
    let names: Vec<&str> = saved
        .iter()
        .map(|e| e["player"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ana", "Ben"]);
    assert_eq!(saved[1]["missed"].as_array().unwrap().len(), 2);
}

#[test]
fn hot_seat_players_each_have_their_own_fifty_fifty() {
    let quiz = Quiz::new();
    let base_args = ["play", "--players", "Ana,Ben", "--count", "2"];
    let seed = seed_with_four_choices(&quiz, &base_args, 4, &[0, 1, 2]);
    let args = [&base_args[..], &["--seed", &seed]].concat();
    let qs = quiz.deal(&args, 4);
    let a: Vec<usize> = qs.iter().map(answer).collect();
    let input = format!("50\n{}\n50\n{}\n50\n{}\n{}\n", a[0], a[1], a[2], a[3]);
    let out = quiz.run(&[&args[..], &["--json"]].concat(), &input).ok();
    let report = out.json();
    let flags: Vec<bool> = report["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["fifty_fifty"].as_bool().unwrap())
        .collect();
    assert_eq!(flags, [true, true, false, false], "{report:#}");
    assert_eq!(
        out.stderr
            .matches("The 50:50 is used up: it works once per game.")
            .count(),
        1,
        "{}",
        out.stderr
    );
    let points: Vec<u64> = report["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["points"].as_u64().unwrap())
        .collect();
    assert_eq!(
        points,
        [
            base(&qs[0]) / 2,
            base(&qs[1]) / 2,
            base(&qs[2]) + 25,
            base(&qs[3]) + 25
        ]
    );
}

#[test]
fn hot_seat_screen_shows_turns_and_a_scoreboard() {
    let quiz = Quiz::new();
    let args = [
        "play",
        "--players",
        "Ana,Ben",
        "--count",
        "2",
        "--seed",
        "3",
    ];
    let qs = quiz.deal(&args, 4);
    let out = quiz.run(&args, &answering(&qs, |i| i % 2 == 0)).ok();
    let turns: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.ends_with(", your turn."))
        .collect();
    assert_eq!(
        turns,
        [
            "Ana, your turn.",
            "Ben, your turn.",
            "Ana, your turn.",
            "Ben, your turn."
        ],
        "{}",
        out.stdout
    );
    let (review, board) = out
        .stdout
        .split_once("\nScoreboard\n")
        .unwrap_or_else(|| panic!("no scoreboard:\n{}", out.stdout));
    let rows: Vec<&str> = board.lines().take(3).collect();
    assert!(
        rows[0].starts_with("1. Ben") && rows[0].contains("2/2 right"),
        "{board}"
    );
    assert!(
        rows[1].starts_with("2. Ana") && rows[1].contains("0/2 right"),
        "{board}"
    );
    assert_eq!(rows[2], "Ben wins!", "{board}");
    // The review of misses, before the scoreboard, names whose they were,
    // numbered among that player's own questions.
    assert!(
        review.contains(&format!("1. {} (Ana)", prompt(&qs[0]))),
        "{review}"
    );
    assert!(
        review.contains(&format!("2. {} (Ana)", prompt(&qs[2]))),
        "{review}"
    );
    assert!(
        out.stdout
            .trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("Game over. 4 questions answered"),
        "the summary is last:\n{}",
        out.stdout
    );
}

#[test]
fn bad_player_lists_are_usage_errors() {
    let quiz = Quiz::new();
    for players in [
        "Ana",
        "Ana,Ben,Cy,Dee,Eve",
        "Ana,,Ben",
        "Ana, ",
        "Ana,Ben,Ana",
        "Ana,ana",
    ] {
        let out = quiz.run(&["play", "--players", players, "--count", "1"], "1\n1\n1\n");
        assert_eq!(out.code, 2, "{players:?}: {out:?}");
        assert!(
            out.stderr.contains("--players"),
            "{players:?}: {}",
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"));
    }
    assert!(!quiz.db().exists());
}

// ---------------------------------------------------------------------------
// The start menu
// ---------------------------------------------------------------------------

const MENU: [&str; 9] = [
    "Play",
    "Daily challenge",
    "Practise my misses",
    "Choose categories",
    "Hot-seat",
    "High scores",
    "Statistics",
    "Installed banks",
    "Quit",
];

/// The key help under the menu and under each question.
const MENU_KEYS: &str = "Esc or q to leave";
const KEYS: &str = crate::pty::KEYS;
const BACK: &str = "Press Enter for the menu.";

/// Waits for the whole menu to be drawn, in order, and its key help (drawn
/// last, once the menu reads keys).
fn expect_menu(p: &mut PtySession) {
    for label in MENU {
        p.exp_string(label)
            .unwrap_or_else(|e| panic!("menu entry {label:?}: {e}"));
    }
    p.exp_string(MENU_KEYS).expect("the menu's key help");
}

#[test]
fn the_menu_lists_every_entry_and_esc_leaves() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&[]);
    expect_menu(&mut p);
    press(&mut p, ESC);
    let rest = p.exp_eof().expect("end of output");
    assert!(!rest.contains("Question 1"), "{rest:?}");
    assert_eq!(exit_code(&p), 0);
    assert!(!quiz.db().exists());
}

#[test]
fn quit_is_up_from_the_first_entry_its_number_or_q() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&[]);
    expect_menu(&mut p);
    press(&mut p, UP);
    p.exp_string("> 9) Quit").expect("the cursor on Quit");
    press(&mut p, ENTER);
    p.exp_eof().expect("end of output");
    assert_eq!(exit_code(&p), 0);

    for key in ["9", "q"] {
        let mut p = quiz.spawn_pty(&[]);
        expect_menu(&mut p);
        press(&mut p, key);
        p.exp_eof().expect("end of output");
        assert_eq!(exit_code(&p), 0, "{key}");
    }
}

#[test]
fn menu_listings_wait_for_enter_and_come_back_to_the_menu() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&[]);
    expect_menu(&mut p);
    press(&mut p, "6");
    p.exp_string("No games saved yet").expect("the score table");
    p.exp_string(BACK).expect("a pause before the menu");
    press(&mut p, ENTER);
    expect_menu(&mut p);
    press(&mut p, "7");
    p.exp_string("Games played:").expect("the statistics");
    p.exp_string(BACK).expect("a pause before the menu");
    press(&mut p, ENTER);
    expect_menu(&mut p);
    press(&mut p, "8");
    p.exp_string("No banks are installed").expect("the banks");
    p.exp_string(BACK).expect("a pause before the menu");
    press(&mut p, ENTER);
    expect_menu(&mut p);
    press(&mut p, "3");
    p.exp_string("Nothing to review").expect("the empty review");
    p.exp_string(BACK).expect("a pause before the menu");
    press(&mut p, ENTER);
    expect_menu(&mut p);
    press(&mut p, ESC);
    p.exp_eof().expect("end of output");
    assert_eq!(exit_code(&p), 0);
}

#[test]
fn menu_daily_challenge_plays_todays_game_and_waits_before_the_menu() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&[]);
    expect_menu(&mut p);
    press(&mut p, DOWN);
    p.exp_string("> 2) Daily").expect("the cursor moved");
    press(&mut p, ENTER);
    p.exp_string("Daily challenge for")
        .expect("the daily heading");
    p.exp_string("Question 1/10").expect("the first question");
    p.exp_string(KEYS).expect("the answer prompt");
    press(&mut p, ESC);
    p.exp_string("Quit this game? (y/N)").expect("asked first");
    press(&mut p, "y");
    p.exp_string("Game stopped after 0 of 10")
        .expect("stop notice");
    p.exp_string(BACK).expect("the summary stays until Enter");
    press(&mut p, ENTER);
    expect_menu(&mut p);
    press(&mut p, ESC);
    p.exp_eof().expect("end of output");
    assert_eq!(exit_code(&p), 0);
    assert!(!quiz.db().exists());
}

#[test]
fn menu_hot_seat_asks_for_names_and_plays_them() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&[]);
    expect_menu(&mut p);
    press(&mut p, "5");
    p.exp_string("Players: 2 to 4 names")
        .expect("asks for names");
    press(&mut p, "Ana\r");
    p.exp_string("give two to four names")
        .expect("one name is refused");
    p.exp_string("Players: 2 to 4 names").expect("asked again");
    press(&mut p, "Ana,Ben\r");
    p.exp_string("Players: Ana, Ben")
        .expect("the game's players");
    p.exp_string("Ana's turn: press Enter")
        .expect("the handover");
    press(&mut p, ENTER);
    p.exp_string("Question 1/10").expect("Ana's first question");
    p.exp_string(KEYS).expect("the answer prompt");
    press(&mut p, "q");
    p.exp_string("Quit this game? (y/N)").expect("asked first");
    press(&mut p, "y");
    p.exp_string("Game stopped after 0 of 20")
        .expect("stop notice");
    p.exp_string(BACK).expect("a pause before the menu");
    press(&mut p, ENTER);
    expect_menu(&mut p);
    press(&mut p, ESC);
    p.exp_eof().expect("end of output");
    assert_eq!(exit_code(&p), 0);
}

#[test]
fn menu_categories_show_counts_and_play_only_the_ticked_one() {
    let quiz = Quiz::new();
    let listing = quiz.run(&["categories"], "").ok().stdout;
    // The first category row, under the header: its name and total.
    let row: Vec<String> = listing
        .lines()
        .nth(2)
        .map(|l| l.split_whitespace().map(String::from).collect())
        .unwrap_or_else(|| panic!("no category in:\n{listing}"));
    let (first, total) = (&row[0], &row[1]);

    let mut p = quiz.spawn_pty(&[]);
    expect_menu(&mut p);
    press(&mut p, "4");
    p.exp_string("Categories to play")
        .expect("the category list");
    p.exp_string(&format!("1) {first} ({total} questions)"))
        .expect("the first category with its count");
    p.exp_string("Enter plays").expect("the key help");
    press(&mut p, ENTER);
    p.exp_string("Tick at least one")
        .expect("nothing ticked yet");
    press(&mut p, " ");
    p.exp_string("[x]").expect("ticked");
    press(&mut p, ENTER);
    p.exp_regex(r"Question 1/\d+").expect("a game");
    let header = p.exp_string(KEYS).expect("the answer prompt");
    assert!(header.contains(first.as_str()), "{header:?}");
    assert!(
        !header.contains("Tick at least one"),
        "the note went with the picker: {header:?}"
    );
    press(&mut p, "q");
    p.exp_string("Quit this game? (y/N)").expect("asked first");
    press(&mut p, "y");
    p.exp_string("Game stopped after 0 of")
        .expect("stop notice");
    p.exp_string(BACK).expect("a pause before the menu");
    press(&mut p, ENTER);
    expect_menu(&mut p);
    press(&mut p, ESC);
    p.exp_eof().expect("end of output");
    assert_eq!(exit_code(&p), 0);
}

#[test]
fn an_option_skips_the_menu_in_a_terminal() {
    let quiz = Quiz::new();
    let mut p = quiz.spawn_pty(&["--seed", "1", "--count", "1"]);
    p.exp_string("Question 1/1").expect("a game, not the menu");
    p.exp_string(KEYS).expect("the answer prompt");
    press(&mut p, ESC);
    p.exp_string("Quit this game? (y/N)").expect("asked first");
    press(&mut p, "y");
    let rest = p.exp_eof().expect("end of output");
    assert!(rest.contains("Game stopped after 0 of 1"), "{rest:?}");
    assert!(!rest.contains("Practise my misses"), "{rest:?}");
    assert!(!rest.contains(BACK), "no pause outside the menu: {rest:?}");
    assert_eq!(exit_code(&p), 0);
}

#[test]
fn the_fifty_fifty_has_a_key_and_is_the_last_entry_in_terminal_mode() {
    let quiz = Quiz::new();
    let args = ["play", "--seed", "5", "--count", "1"];
    let q = &quiz.deal(&args, 1)[0];
    let left = left_by_fifty_fifty(&quiz.run(&args, "50\nq\n").ok().stdout);

    for keys in ["f", UP] {
        let quiz = Quiz::new();
        let mut p = quiz.spawn_pty(&args);
        p.exp_string("Question 1/1").expect("the question");
        p.exp_string("f) 50:50 (once per game)")
            .expect("the lifeline entry");
        p.exp_string(KEYS).expect("the prompt");
        press(&mut p, keys);
        if keys == UP {
            // Up from the first entry wraps to the last: the 50:50.
            p.exp_string("> f) 50:50").expect("the cursor on the 50:50");
            press(&mut p, ENTER);
        }
        p.exp_string("50:50: two choices are left.")
            .expect("the lifeline is used");
        p.exp_string(&left[0].1).expect("the first choice left");
        p.exp_string(&left[1].1).expect("the second choice left");
        p.exp_string(KEYS).expect("asked again");
        // The choices keep their numbers: the first one left answers.
        press(&mut p, &left[0].0.to_string());
        p.exp_string(&format!("You chose: {}", left[0].1))
            .expect("the first of the two");
        if left[0].0 == answer(q) {
            p.exp_string(&format!(
                "Right! +{} points (half points after the 50:50)",
                base(q) / 2
            ))
            .expect("half points");
        } else {
            p.exp_string("Wrong.").expect("a miss");
        }
        p.exp_eof().expect("end of output");
        assert_eq!(exit_code(&p), 0);
        assert_eq!(quiz.saved().len(), 1, "the finished game is saved");
    }
}

#[test]
fn the_bare_command_without_a_terminal_plays_a_game() {
    let quiz = Quiz::new();
    let out = quiz.run(&[], "q\n").ok();
    assert!(out.stdout.contains("Question 1/10"), "{}", out.stdout);
    assert!(!out.stdout.contains("Daily challenge"), "{}", out.stdout);
    assert!(!out.stderr.contains("Esc to leave"), "{}", out.stderr);
    assert!(
        out.stdout.contains("Game stopped after 0 of 10"),
        "{}",
        out.stdout
    );
}

// ---------------------------------------------------------------------------
// End-of-game review
// ---------------------------------------------------------------------------

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
