//! Saved games as values: what a finished (or stopped practice) game leaves
//! behind, the game mode every layer shares, and the old `scores.jsonl`
//! line format, read once when a log is imported. Pure: the SQLite side is
//! [`crate::store::games`].

use crate::question::Question;
use serde::{Deserialize, Serialize};

/// The version written in every line of the old log.
pub const LEGACY_FORMAT: u32 = 1;

/// The old log's file name in the data folder.
pub const LEGACY_FILE_NAME: &str = "scores.jsonl";

/// How a game was played. `app` (which reads it from the game's
/// `Setup`), the store and `stats` all use this one type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// One player, questions from the film or banks.
    Normal,
    /// The first finished game of a day's challenge: it counts for the
    /// streak, the share line and the high scores.
    Daily,
    /// Missed questions played again.
    Review,
    /// Several players taking turns in one game.
    HotSeat,
    /// A daily challenge played again: saved, but not ranked.
    Practice,
}

impl Mode {
    pub const ALL: [Mode; 5] = [
        Mode::Normal,
        Mode::Daily,
        Mode::Review,
        Mode::HotSeat,
        Mode::Practice,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Daily => "daily",
            Mode::Review => "review",
            Mode::HotSeat => "hot-seat",
            Mode::Practice => "practice",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.as_str() == name)
    }

    /// Whether its games take a place in the high scores.
    pub fn ranked(self) -> bool {
        self != Mode::Practice
    }

    /// Whether a game the player stopped early (`q`, Esc, the end of
    /// input) is still saved, counting the questions answered: practice
    /// and review are exercises, not contests. (A game interrupted by
    /// Ctrl-C or a signal is saved in any mode.)
    pub fn saves_when_stopped(self) -> bool {
        matches!(self, Mode::Practice | Mode::Review)
    }
}

/// One answered question, whole (stored by value, so review can play it
/// again), with where it came from and whether it was answered right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asked {
    pub source: String,
    /// The question as played. From an old log only the prompt and the
    /// category of a right answer are known: `known` is false then.
    pub question: Question,
    pub known: bool,
    pub correct: bool,
}

/// One player's part of a game.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seat {
    /// The player's name in a hot-seat game.
    pub name: Option<String>,
    pub score: u32,
    pub correct: usize,
    pub total: usize,
    pub best_streak: u32,
    pub answers: Vec<Asked>,
}

/// One saved game: one or more seats. Serialized only as a game waiting to
/// be saved (`store::games`'s pending folder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedGame {
    /// When the game ended: local time, RFC 3339.
    pub ended: String,
    /// The day it counts for (`YYYY-MM-DD`): the challenge's date for a
    /// daily game, else the local date it was played.
    pub day: String,
    pub seed: u64,
    pub mode: Mode,
    /// Whether every dealt question was answered.
    pub finished: bool,
    /// Where its questions came from: `built-in`, `record:PATH`, `bank:PATH`.
    pub sources: Vec<String>,
    pub seats: Vec<Seat>,
}

// ---------------------------------------------------------------------------
// The old log
// ---------------------------------------------------------------------------

/// The mode field of an old log line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum LegacyMode {
    Normal,
    Daily,
    Review,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct LegacyAsked {
    source: String,
    prompt: String,
    category: String,
    correct: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct LegacyMissed {
    source: String,
    question: Question,
}

/// One line of the old log: one player's part of a game.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegacyEntry {
    v: u32,
    date: String,
    day: String,
    seed: u64,
    mode: LegacyMode,
    source: Vec<String>,
    #[serde(default)]
    player: Option<String>,
    score: u32,
    correct: usize,
    total: usize,
    best_streak: u32,
    missed: Vec<LegacyMissed>,
    questions: Vec<LegacyAsked>,
}

impl LegacyEntry {
    /// Parses one line of the old log, or says why it cannot be read.
    pub fn parse(line: &str) -> Result<LegacyEntry, String> {
        let entry: LegacyEntry = serde_json::from_str(line).map_err(|e| e.to_string())?;
        if entry.v != LEGACY_FORMAT {
            return Err(format!(
                "format version {}, expected {LEGACY_FORMAT}",
                entry.v
            ));
        }
        Ok(entry)
    }

    /// Whether `next` is another player's part of the same hot-seat game:
    /// the old log wrote one line per player, all with the same time.
    pub fn same_game(&self, next: &LegacyEntry) -> bool {
        self.player.is_some()
            && next.player.is_some()
            && self.date == next.date
            && self.seed == next.seed
            && self.player != next.player
    }

    fn seat(self) -> Seat {
        // The misses hold whole questions; a right answer only its prompt.
        let mut missed = self.missed.into_iter();
        let answers = self
            .questions
            .into_iter()
            .map(|a| {
                let whole = if a.correct {
                    None
                } else {
                    missed
                        .clone()
                        .position(|m| m.source == a.source && m.question.prompt == a.prompt)
                        .and_then(|i| missed.nth(i))
                };
                match whole {
                    Some(m) => Asked {
                        source: a.source,
                        question: m.question,
                        known: true,
                        correct: false,
                    },
                    None => Asked {
                        source: a.source,
                        question: Question {
                            prompt: a.prompt,
                            answer: String::new(),
                            distractors: Vec::new(),
                            category: a.category,
                            difficulty: crate::question::Difficulty::Medium,
                            explanation: String::new(),
                            meta: Default::default(),
                        },
                        known: false,
                        correct: a.correct,
                    },
                }
            })
            .collect();
        Seat {
            name: self.player,
            score: self.score,
            correct: self.correct,
            total: self.total,
            best_streak: self.best_streak,
            answers,
        }
    }

    /// The game these lines (one per player) make. A daily game is
    /// `Daily` here; the importer makes a second one of the same day
    /// practice, as a game saved now would be.
    pub fn into_game(parts: Vec<LegacyEntry>) -> Option<SavedGame> {
        let first = parts.first()?;
        let mode = match first.mode {
            LegacyMode::Review => Mode::Review,
            LegacyMode::Daily => Mode::Daily,
            LegacyMode::Normal if first.player.is_some() => Mode::HotSeat,
            LegacyMode::Normal => Mode::Normal,
        };
        let (ended, day, seed, sources) = (
            first.date.clone(),
            first.day.clone(),
            first.seed,
            first.source.clone(),
        );
        Some(SavedGame {
            ended,
            day,
            seed,
            mode,
            finished: true,
            sources,
            seats: parts.into_iter().map(LegacyEntry::seat).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"v":1,"date":"2026-11-25T10:00:00+00:00","day":"2026-11-25","seed":1,"mode":"normal","source":["built-in"],"score":100,"correct":1,"total":2,"best_streak":1,"missed":[{"source":"built-in","question":{"prompt":"Who?","answer":"A","distractors":["B"],"category":"cast","difficulty":"easy"}}],"questions":[{"source":"built-in","prompt":"Who?","category":"cast","correct":false},{"source":"built-in","prompt":"Where?","category":"places","correct":true}]}"#;

    #[test]
    fn an_old_line_becomes_a_game_with_its_missed_questions_whole() {
        let entry = LegacyEntry::parse(LINE).unwrap();
        let game = LegacyEntry::into_game(vec![entry]).unwrap();
        assert_eq!(game.mode, Mode::Normal);
        assert_eq!(game.seats.len(), 1);
        let answers = &game.seats[0].answers;
        assert_eq!(answers.len(), 2);
        assert!(answers[0].known && !answers[0].correct);
        assert_eq!(answers[0].question.answer, "A");
        assert!(!answers[1].known && answers[1].correct);
        assert_eq!(answers[1].question.category, "places");
    }

    #[test]
    fn bad_lines_say_why() {
        assert!(LegacyEntry::parse("{").is_err());
        let old = LINE.replacen("\"v\":1", "\"v\":0", 1);
        assert!(LegacyEntry::parse(&old).unwrap_err().contains("version 0"));
    }

    #[test]
    fn modes_round_trip_by_name() {
        for m in Mode::ALL {
            assert_eq!(Mode::from_name(m.as_str()), Some(m));
            let json = serde_json::to_string(&m).unwrap();
            assert_eq!(json, format!("\"{}\"", m.as_str()));
        }
        assert!(!Mode::Practice.ranked() && Mode::Daily.ranked());
    }
}
