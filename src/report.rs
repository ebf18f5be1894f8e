//! The JSON report of a game, printed by `play --json`.

use crate::game::Game;
use crate::question::Difficulty;
use serde::Serialize;

/// The whole report. `answer` and `chosen` are 1-based indexes into `choices`.
#[derive(Debug, Clone, Serialize, PartialEq)]
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
    pub questions: Vec<ReportQuestion>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReportQuestion {
    pub prompt: String,
    pub category: String,
    pub difficulty: Difficulty,
    pub choices: Vec<String>,
    pub answer: usize,
    pub chosen: usize,
    pub correct: bool,
    pub points: u32,
    pub explanation: String,
}

impl Report {
    pub fn of(game: &Game) -> Report {
        Report {
            seed: game.seed,
            score: game.score(),
            correct: game.correct(),
            total: game.answers.len(),
            planned: game.rounds.len(),
            finished: game.finished(),
            best_streak: game.best_streak(),
            questions: game
                .rounds
                .iter()
                .zip(&game.answers)
                .map(|(r, a)| ReportQuestion {
                    prompt: r.question.prompt.clone(),
                    category: r.question.category.clone(),
                    difficulty: r.question.difficulty,
                    choices: r.choices.clone(),
                    answer: r.answer + 1,
                    chosen: a.chosen + 1,
                    correct: a.correct,
                    points: a.points,
                    explanation: r.question.explanation.clone(),
                })
                .collect(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }
}
