//! Saving games, and what `scores` and `stats` make of them.

use super::*;

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
    // Every question missed, once: only a review game takes a miss off the
    // list (a right answer in a normal game does not).
    let mut outstanding: Vec<String> = Vec::new();
    for (_, report, _) in &played {
        for q in report["questions"].as_array().unwrap() {
            let p = prompt(q);
            if !q["correct"].as_bool().unwrap() && !outstanding.contains(&p) {
                outstanding.push(p);
            }
        }
    }
    assert_eq!(s.to_review, outstanding.len(), "{s:#?}");
}
