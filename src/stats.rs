//! What the saved games add up to: ranks, statistics, the daily streak,
//! and the daily challenge's seed and share line. Pure: the store reads
//! the numbers, and they and today's date come in as arguments.

use crate::history::Mode;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The seed of the daily challenge for `date`: the date's digits, such as
/// 20261125, so anyone can see which day a seed belongs to.
pub fn daily_seed(date: NaiveDate) -> u64 {
    (date.year().max(0) as u64) * 10_000 + u64::from(date.month()) * 100 + u64::from(date.day())
}

/// The daily challenge's share line: the date, the tally and one mark per
/// question, right or wrong, and nothing that gives an answer away.
pub fn share_line(date: NaiveDate, marks: &[bool], unicode: bool) -> String {
    let right = marks.iter().filter(|&&m| m).count();
    let total = marks.len();
    let marks: String = marks
        .iter()
        .map(|&m| match (unicode, m) {
            (true, true) => "🟩",
            (true, false) => "🟥",
            (false, true) => "+",
            (false, false) => "-",
        })
        .collect();
    let marks = if unicode { marks } else { format!("[{marks}]") };
    format!(
        "whiplash-quiz daily {} {right}/{total} {marks}",
        date.format("%Y-%m-%d")
    )
}

pub use crate::score::ranks;

/// One saved game as `scores` lists it, and one row of `scores --json`
/// (documented in docs/saved-games.md; fields are only ever added).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreLine {
    /// 1 for the best; equal scores share a rank; `null` for practice.
    pub rank: Option<usize>,
    pub score: u32,
    pub correct: usize,
    pub total: usize,
    pub seed: u64,
    pub date: String,
    pub day: String,
    pub mode: String,
    pub finished: bool,
    pub best_streak: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub player: Option<String>,
    /// Each source as a player reads it: a film's title or a file's name.
    pub source: Vec<String>,
    pub game: i64,
}

/// Right answers out of questions answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accuracy {
    pub correct: usize,
    pub answered: usize,
}

impl Accuracy {
    /// The share right, in percent, rounded; 0 when nothing was answered.
    pub fn percent(self) -> u32 {
        (self.correct * 100 + self.answered / 2)
            .checked_div(self.answered)
            .map_or(0, |p| p as u32)
    }
}

/// Everything `stats` shows (and `stats --json` prints, field for field).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Saved games: a hot-seat game is one game.
    pub games: usize,
    /// Every saved answer, practice and stopped practice included.
    pub accuracy: Accuracy,
    /// Accuracy per category, keyed by the category as first seen.
    pub categories: BTreeMap<String, Accuracy>,
    /// The best score of a ranked game (practice is not ranked).
    pub best_score: u32,
    pub best_streak: u32,
    /// Days in a row, up to today (or up to yesterday, while today is still
    /// open), with that day's challenge played on the day.
    pub daily_streak: u32,
    /// Daily challenges that count: the first finished game of each day.
    pub daily_games: usize,
    /// Daily challenges played again, and other practice.
    pub practice_games: usize,
    /// Saved games by mode, every mode listed.
    pub games_by_mode: BTreeMap<Mode, usize>,
    /// Missed questions not yet answered right in review, that review can
    /// still deal.
    pub to_review: usize,
}

/// Consecutive days ending today or yesterday found in `days`, which lists
/// the days on which that day's own challenge was played, newest first
/// (repeats allowed). Stops reading at the first gap.
pub fn daily_streak(days: impl IntoIterator<Item = NaiveDate>, today: NaiveDate) -> u32 {
    let mut streak = 0;
    // The day that would make the streak one longer.
    let mut next: Option<NaiveDate> = None;
    for day in days {
        if day > today {
            continue;
        }
        match next {
            None if streak == 0 => {
                if day != today && Some(day) != today.pred_opt() {
                    return 0;
                }
            }
            Some(n) if day == n => {}
            // The last counted day again.
            Some(n) if Some(day) == n.succ_opt() => continue,
            _ => break,
        }
        streak += 1;
        next = day.pred_opt();
    }
    streak
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_daily_seed_is_the_date() {
        assert_eq!(daily_seed(date("2026-11-25")), 20261125);
        assert_ne!(
            daily_seed(date("2026-11-25")),
            daily_seed(date("2026-11-26"))
        );
    }

    #[test]
    fn the_share_line_gives_nothing_away() {
        let marks = [true, false, true];
        assert_eq!(
            share_line(date("2026-11-25"), &marks, true),
            "whiplash-quiz daily 2026-11-25 2/3 🟩🟥🟩"
        );
        assert_eq!(
            share_line(date("2026-11-25"), &marks, false),
            "whiplash-quiz daily 2026-11-25 2/3 [+-+]"
        );
    }

    #[test]
    fn the_daily_streak_counts_back_from_today_or_yesterday() {
        let days = |list: &[&str]| list.iter().map(|d| date(d)).collect::<Vec<_>>();
        let played = days(&[
            "2026-11-24",
            "2026-11-23",
            "2026-11-23",
            "2026-11-22",
            "2026-11-20",
        ]);
        assert_eq!(daily_streak(played.clone(), date("2026-11-24")), 3);
        assert_eq!(
            daily_streak(played.clone(), date("2026-11-25")),
            3,
            "today is still open"
        );
        assert_eq!(daily_streak(played, date("2026-11-26")), 0);
        assert_eq!(daily_streak(Vec::new(), date("2026-11-26")), 0);
        let with_today = days(&["2026-11-25", "2026-11-24"]);
        assert_eq!(daily_streak(with_today, date("2026-11-25")), 2);
    }

    #[test]
    fn accuracy_rounds_and_survives_nothing_answered() {
        assert_eq!(
            Accuracy {
                correct: 3,
                answered: 4
            }
            .percent(),
            75
        );
        assert_eq!(
            Accuracy {
                correct: 1,
                answered: 3
            }
            .percent(),
            33
        );
        assert_eq!(Accuracy::default().percent(), 0);
    }
}
