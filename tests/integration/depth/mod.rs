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
pub(crate) fn answer(q: &Value) -> usize {
    q["answer"].as_u64().unwrap() as usize
}

pub(crate) fn choices(q: &Value) -> Vec<String> {
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

mod daily;
mod ending;
mod fifty;
mod hot_seat;
mod menu;
mod review;
mod saving;
