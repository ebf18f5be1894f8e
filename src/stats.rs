//! What the saved games add up to: the score table, statistics, the misses
//! still to practise, and the daily challenge's seed and share line. Pure:
//! the entries and today's date come in as arguments.

use crate::history::{Entry, Missed, Mode};
use crate::question::normalize;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

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

/// The saved games, best score first (ties: the earlier game first).
pub fn ranked(entries: &[Entry]) -> Vec<&Entry> {
    let mut ranked: Vec<&Entry> = entries.iter().collect();
    ranked.sort_by(|a, b| b.score.cmp(&a.score).then(a.date.cmp(&b.date)));
    ranked
}

/// Right answers out of questions answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
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

/// Everything `stats` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub games: usize,
    pub accuracy: Accuracy,
    /// Accuracy per category, keyed by the category as first seen.
    pub categories: BTreeMap<String, Accuracy>,
    pub best_score: u32,
    pub best_streak: u32,
    /// Days in a row, up to today (or up to yesterday, while today is still
    /// open), with a daily challenge played.
    pub daily_streak: u32,
    pub daily_games: usize,
    /// Missed questions not yet answered right in review.
    pub to_review: usize,
}

/// The statistics of `entries` as of `today`.
pub fn stats(entries: &[Entry], today: NaiveDate) -> Stats {
    let mut accuracy = Accuracy::default();
    let mut by_key: BTreeMap<String, (String, Accuracy)> = BTreeMap::new();
    for e in entries {
        accuracy.correct += e.correct;
        accuracy.answered += e.total;
        for q in &e.questions {
            let slot = by_key
                .entry(normalize(&q.category))
                .or_insert_with(|| (q.category.clone(), Accuracy::default()));
            slot.1.answered += 1;
            slot.1.correct += usize::from(q.correct);
        }
    }
    Stats {
        games: entries.len(),
        accuracy,
        categories: by_key.into_values().collect(),
        best_score: entries.iter().map(|e| e.score).max().unwrap_or(0),
        best_streak: entries.iter().map(|e| e.best_streak).max().unwrap_or(0),
        daily_streak: daily_streak(entries, today),
        daily_games: entries.iter().filter(|e| e.mode == Mode::Daily).count(),
        to_review: outstanding_misses(entries).len(),
    }
}

/// Consecutive days on which that day's challenge was played, ending today
/// or yesterday.
pub fn daily_streak(entries: &[Entry], today: NaiveDate) -> u32 {
    // A day counts when that day's own challenge was played on it: playing
    // past dates with `--date` does not build a streak.
    let days: HashSet<NaiveDate> = entries
        .iter()
        .filter(|e| e.mode == Mode::Daily && e.date.get(..10) == Some(e.day.as_str()))
        .filter_map(|e| NaiveDate::parse_from_str(&e.day, "%Y-%m-%d").ok())
        .collect();
    let mut day = if days.contains(&today) {
        today
    } else {
        match today.pred_opt() {
            Some(d) => d,
            None => return 0,
        }
    };
    let mut streak = 0;
    while days.contains(&day) {
        streak += 1;
        match day.pred_opt() {
            Some(d) => day = d,
            None => break,
        }
    }
    streak
}

/// The missed questions still to practise, oldest miss first: every miss,
/// less those answered right in a later review game.
pub fn outstanding_misses(entries: &[Entry]) -> Vec<Missed> {
    let key = |source: &str, prompt: &str| (source.to_owned(), normalize(prompt));
    let mut order: Vec<(String, String)> = Vec::new();
    let mut misses: HashMap<(String, String), Missed> = HashMap::new();
    for e in entries {
        if e.mode == Mode::Review {
            for q in e.questions.iter().filter(|q| q.correct) {
                misses.remove(&key(&q.source, &q.prompt));
            }
        }
        for m in &e.missed {
            let k = key(&m.source, &m.question.prompt);
            if misses.insert(k.clone(), m.clone()).is_none() {
                order.retain(|o| *o != k);
                order.push(k);
            }
        }
    }
    order
        .into_iter()
        .filter_map(|k| misses.remove(&k))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::{Asked, FORMAT};
    use crate::question::{Difficulty, Question};

    fn game(day: &str, mode: Mode, score: u32, missed: &[&str], right: &[&str]) -> Entry {
        let q = |p: &str| Question {
            prompt: p.into(),
            answer: "a".into(),
            distractors: vec!["b".into()],
            category: "cat".into(),
            difficulty: Difficulty::Easy,
            explanation: String::new(),
            meta: Default::default(),
        };
        let mut questions: Vec<Asked> = Vec::new();
        for (p, correct) in missed
            .iter()
            .map(|p| (p, false))
            .chain(right.iter().map(|p| (p, true)))
        {
            questions.push(Asked {
                source: "s".into(),
                prompt: p.to_string(),
                category: if correct { "Cat" } else { "cat" }.into(),
                correct,
            });
        }
        Entry {
            v: FORMAT,
            date: format!("{day}T12:00:00+00:00"),
            day: day.into(),
            seed: 1,
            mode,
            source: vec!["s".into()],
            player: None,
            score,
            correct: right.len(),
            total: missed.len() + right.len(),
            best_streak: right.len() as u32,
            missed: missed
                .iter()
                .map(|p| Missed {
                    source: "s".into(),
                    question: q(p),
                })
                .collect(),
            questions,
        }
    }

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
    fn scores_rank_best_first() {
        let entries = [
            game("2026-11-01", Mode::Normal, 300, &[], &[]),
            game("2026-11-02", Mode::Normal, 900, &[], &[]),
            game("2026-11-03", Mode::Normal, 300, &[], &[]),
        ];
        let order: Vec<&str> = ranked(&entries).iter().map(|e| e.day.as_str()).collect();
        assert_eq!(order, ["2026-11-02", "2026-11-01", "2026-11-03"]);
    }

    #[test]
    fn stats_add_up_games_accuracy_and_categories() {
        let entries = [
            game("2026-11-24", Mode::Daily, 100, &["x"], &["y", "z"]),
            game("2026-11-25", Mode::Daily, 500, &[], &["w"]),
        ];
        let s = stats(&entries, date("2026-11-25"));
        assert_eq!(s.games, 2);
        assert_eq!(
            s.accuracy,
            Accuracy {
                correct: 3,
                answered: 4
            }
        );
        assert_eq!(s.accuracy.percent(), 75);
        assert_eq!(s.categories.len(), 1, "categories merge without case");
        assert_eq!(s.best_score, 500);
        assert_eq!(s.daily_streak, 2);
        assert_eq!(s.to_review, 1);
    }

    #[test]
    fn the_daily_streak_counts_back_from_today_or_yesterday() {
        let days = ["2026-11-20", "2026-11-22", "2026-11-23", "2026-11-24"];
        let entries: Vec<Entry> = days
            .iter()
            .map(|d| game(d, Mode::Daily, 1, &[], &[]))
            .collect();
        assert_eq!(daily_streak(&entries, date("2026-11-24")), 3);
        assert_eq!(
            daily_streak(&entries, date("2026-11-25")),
            3,
            "today is still open"
        );
        assert_eq!(daily_streak(&entries, date("2026-11-26")), 0);
        let normal = [game("2026-11-25", Mode::Normal, 1, &[], &[])];
        assert_eq!(daily_streak(&normal, date("2026-11-25")), 0);
        // Yesterday's challenge played today does not count for yesterday.
        let mut late = game("2026-11-24", Mode::Daily, 1, &[], &[]);
        late.date = "2026-11-25T09:00:00+00:00".into();
        assert_eq!(daily_streak(&[late], date("2026-11-25")), 0);
    }

    #[test]
    fn a_miss_leaves_the_list_only_when_answered_right_in_review() {
        let entries = [
            game("2026-11-20", Mode::Normal, 0, &["a", "b"], &[]),
            game("2026-11-21", Mode::Normal, 0, &[], &["a"]),
            game("2026-11-22", Mode::Review, 0, &["a"], &["b"]),
        ];
        let left: Vec<String> = outstanding_misses(&entries)
            .into_iter()
            .map(|m| m.question.prompt)
            .collect();
        assert_eq!(left, ["a"]);
        let cleared = [
            entries[0].clone(),
            game("2026-11-23", Mode::Review, 0, &[], &["A ", "b"]),
        ];
        assert!(outstanding_misses(&cleared).is_empty());
    }
}
