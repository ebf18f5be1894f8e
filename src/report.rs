//! The JSON report of a game, printed by `play --json` (and read back,
//! typed, by the tests).

use crate::game::Game;
use crate::history::Mode;
use crate::question::Difficulty;
use serde::{Deserialize, Serialize};

/// The whole report. `answer` and `chosen` are 1-based indexes into `choices`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Report {
    pub seed: u64,
    pub score: u32,
    pub correct: usize,
    /// How many questions were answered.
    pub total: usize,
    /// How many questions the game dealt.
    pub planned: usize,
    /// Whether every dealt question was answered.
    pub finished: bool,
    pub best_streak: u32,
    /// Seconds allowed per question, in a timed game.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timer: Option<u64>,
    /// How the game was played: `normal`, `daily`, `review`, `hot-seat` or
    /// `practice` (a daily challenge played again).
    pub mode: Mode,
    /// Hot-seat players, in turn order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub players: Vec<ReportPlayer>,
    /// The daily challenge's share line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<String>,
    pub questions: Vec<ReportQuestion>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ReportPlayer {
    pub name: String,
    /// 1 for the best score; tied players share a rank.
    pub rank: usize,
    pub score: u32,
    pub correct: usize,
    /// Questions this player answered.
    pub total: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ReportQuestion {
    pub prompt: String,
    pub category: String,
    pub difficulty: Difficulty,
    pub choices: Vec<String>,
    pub answer: usize,
    /// `null` when the timer ran out.
    pub chosen: Option<usize>,
    /// The timer ran out on this question (a miss).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub timed_out: bool,
    /// The speed bonus included in `points`, in a timed game.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speed_bonus: Option<u32>,
    pub correct: bool,
    pub points: u32,
    pub explanation: String,
    /// Whether the 50:50 was used on this question.
    pub fifty_fifty: bool,
    /// The two choices the 50:50 left, when it was used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining: Option<Vec<String>>,
    /// Whose turn it was, in a hot-seat game.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub player: Option<String>,
}

impl Report {
    pub fn of(game: &Game) -> Report {
        let ranks = player_ranks(game);
        Report {
            seed: game.seed,
            score: game.score(),
            correct: game.correct(),
            total: game.answers.len(),
            planned: game.rounds.len(),
            finished: game.finished(),
            best_streak: game.best_streak(),
            timer: game.timer.map(|t| t.as_secs()),
            mode: if game.players.is_empty() {
                Mode::Normal
            } else {
                Mode::HotSeat
            },
            players: game
                .players
                .iter()
                .enumerate()
                .map(|(p, name)| {
                    let (correct, total) = game.player_tally(p);
                    ReportPlayer {
                        name: name.clone(),
                        rank: ranks[p],
                        score: game.player_score(p),
                        correct,
                        total,
                    }
                })
                .collect(),
            share: None,
            questions: game
                .rounds
                .iter()
                .zip(&game.answers)
                .enumerate()
                .map(|(i, (r, a))| ReportQuestion {
                    prompt: r.question.prompt.clone(),
                    category: r.question.category.clone(),
                    difficulty: r.question.difficulty,
                    choices: r.choices.clone(),
                    answer: r.answer + 1,
                    chosen: a.choice().map(|c| c + 1),
                    timed_out: a.timed_out,
                    speed_bonus: game.timer.map(|_| a.speed_bonus),
                    correct: a.correct,
                    points: a.points,
                    explanation: r.question.explanation.clone(),
                    fifty_fifty: a.fifty_fifty.is_some(),
                    remaining: a
                        .fifty_fifty
                        .map(|two| two.iter().map(|&c| r.choices[c].clone()).collect()),
                    player: game.players.get(game.player_of(i)).cloned(),
                })
                .collect(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }
}

/// Each hot-seat player's rank, by seat: 1 for the best score, and tied
/// players share a rank ("1, 1, 3").
pub fn player_ranks(game: &Game) -> Vec<usize> {
    let mut order: Vec<(usize, u32)> = (0..game.players.len())
        .map(|p| (p, game.player_score(p)))
        .collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let scores: Vec<u32> = order.iter().map(|o| o.1).collect();
    let mut ranks = vec![0; order.len()];
    for ((p, _), rank) in order.iter().zip(crate::stats::ranks(&scores)) {
        ranks[*p] = rank;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::{Game, deal, play};
    use crate::question::Question;
    use crate::rng::GameRng;
    use std::time::Duration;

    #[test]
    fn a_timed_out_question_is_marked_and_has_no_choice() {
        let pool: Vec<Question> = (0..3)
            .map(|n| Question {
                prompt: format!("Q{n}?"),
                answer: format!("a{n}"),
                distractors: vec![format!("b{n}"), format!("c{n}"), format!("d{n}")],
                category: "x".into(),
                difficulty: Difficulty::Hard,
                explanation: String::new(),
                meta: Default::default(),
            })
            .collect();
        let rounds = deal(&pool, 2, &mut GameRng::from_seed(1));
        let right = rounds[1].answer;
        let mut game = Game::new(1, rounds).with_timer(Some(Duration::from_secs(10)));
        let mut player = crate::game::ScriptedPlayer::new([
            crate::game::Move::TimeUp,
            crate::game::Move::ChooseAfter(right, Duration::from_secs(5)),
        ]);
        play(&mut game, &mut player).unwrap();
        let json: serde_json::Value = serde_json::from_str(&Report::of(&game).to_json()).unwrap();
        assert_eq!(json["timer"], 10);
        let qs = json["questions"].as_array().unwrap();
        assert_eq!(qs[0]["timed_out"], true);
        assert_eq!(qs[0]["chosen"], serde_json::Value::Null);
        assert_eq!(qs[0]["correct"], false);
        assert_eq!(qs[0]["points"], 0);
        assert!(
            qs[1].get("timed_out").is_none(),
            "only time-outs are marked"
        );
        assert_eq!(qs[1]["speed_bonus"], 25);
        assert_eq!(qs[1]["points"], 300 + 25);
        assert_eq!(json["score"], 325);
    }
}
