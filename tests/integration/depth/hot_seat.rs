//! Hot-seat games: turns, names and shared ranks.

use super::*;

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
