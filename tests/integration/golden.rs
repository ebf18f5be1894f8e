//! Golden tests: a seeded game is pinned, so any change that would break
//! replays (rand, the generator, the deal) is noticed. Rewrite the files with
//! `UPDATE_GOLDEN=1 cargo test --test integration golden` only when a change is intended.

use std::path::PathBuf;
use whiplash_quiz::app::new_game;
use whiplash_quiz::game::{self, ScriptedPlayer};
use whiplash_quiz::record;
use whiplash_quiz::report::Report;

fn check(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    assert_eq!(
        actual,
        expected,
        "seeded output changed: {}",
        path.display()
    );
}

#[test]
fn seed_2014_deals_the_same_questions_and_choice_order() {
    let film = record::builtin().unwrap();
    let game = new_game(&film, 2014, 10);
    let mut text = String::new();
    for (i, r) in game.rounds.iter().enumerate() {
        text.push_str(&format!(
            "{}. [{}/{}] {}\n",
            i + 1,
            r.question.category,
            r.question.difficulty,
            r.question.prompt
        ));
        for (j, c) in r.choices.iter().enumerate() {
            let mark = if j == r.answer { '*' } else { ' ' };
            text.push_str(&format!("   {mark} {}) {c}\n", j + 1));
        }
    }
    check("seed-2014.txt", &text);
}

#[test]
fn a_scripted_game_reports_the_same_score_every_time() {
    let film = record::builtin().unwrap();
    let mut game = new_game(&film, 99, 6);
    // Right, right, wrong, right, right, right: a streak broken once.
    let mut moves: Vec<_> = game
        .rounds
        .iter()
        .map(|r| game::Move::Choose(r.answer))
        .collect();
    moves[2] = game::Move::Choose((game.rounds[2].answer + 1) % 4);
    let mut player = ScriptedPlayer::new(moves);
    game::play(&mut game, &mut player).unwrap();
    check(
        "seed-99-report.json",
        &format!("{}\n", Report::of(&game).to_json()),
    );
}

#[test]
fn a_hot_seat_game_with_a_fifty_fifty_is_pinned() {
    let film = record::builtin().unwrap();
    let players = vec!["Ana".to_string(), "Ben".to_string()];
    let mut game = new_game(&film, 7, 6).with_players(players);
    // Ana uses her 50:50 on her first question and answers right; Ben misses
    // his first; both use the same seeded deal, taking rounds in turn.
    let mut moves = Vec::new();
    for (i, r) in game.rounds.iter().enumerate() {
        if i == 0 {
            moves.push(game::Move::FiftyFifty);
        }
        let pick = if i == 1 {
            (r.answer + 1) % r.choices.len()
        } else {
            r.answer
        };
        moves.push(game::Move::Choose(pick));
    }
    let mut player = ScriptedPlayer::new(moves);
    game::play(&mut game, &mut player).unwrap();
    check(
        "seed-7-hot-seat.json",
        &format!("{}\n", Report::of(&game).to_json()),
    );
}
