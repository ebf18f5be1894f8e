//! The tables of `scores`, `stats` and `categories`, as the text shown.
//! Pure: `app` gathers the rows and prints what these return.

use crate::format::count;
use crate::pool::Tally;
use crate::stats::{ScoreLine, Stats};
use crate::text::escape_controls;
use std::fmt::Write;

/// The `scores` table, best first; `more` games were left out by the
/// limit. User text (names, file names) is shown with control characters
/// escaped.
pub fn scores(rows: &[ScoreLine], more: usize) -> String {
    if rows.is_empty() {
        return "No games saved yet. Play one to the end and it shows here.".into();
    }
    let mut out = format!(
        "{:>4}  {:>6}  {:>7}  {:<10}  {:<8}  {:<20}  {}\n",
        "rank", "score", "right", "day", "mode", "seed", "source"
    );
    for r in rows {
        let who = r
            .player
            .as_deref()
            .map(|p| format!(" ({})", escape_controls(p)))
            .unwrap_or_default();
        let stopped = if r.finished { "" } else { " (stopped)" };
        let _ = writeln!(
            out,
            "{:>4}  {:>6}  {:>7}  {:<10}  {:<8}  {:<20}  {}{who}{stopped}",
            r.rank.map_or_else(|| "-".to_owned(), |n| n.to_string()),
            r.score,
            format!("{}/{}", r.correct, r.total),
            r.day,
            r.mode,
            r.seed,
            escape_controls(&r.source.join(" + "))
        );
    }
    if more > 0 {
        let _ = writeln!(
            out,
            "… and {} more; `scores --all` lists every one.",
            count(more as i64, "game")
        );
    }
    out.trim_end().to_owned()
}

/// What `stats` shows: the totals, then accuracy by category.
pub fn stats(s: &Stats) -> String {
    let mut out = format!(
        "Games played:   {}\nAccuracy:       {}% ({} of {} right)\nBest score:     {}\nBest streak:    {}\nDaily streak:   {} (daily games played: {}, practice: {})\nTo review:      {}\n",
        s.games,
        s.accuracy.percent(),
        s.accuracy.correct,
        s.accuracy.answered,
        s.best_score,
        s.best_streak,
        count(i64::from(s.daily_streak), "day"),
        s.daily_games,
        s.practice_games,
        count(s.to_review as i64, "missed question"),
    );
    if !s.categories.is_empty() {
        let names: Vec<String> = s
            .categories
            .keys()
            .map(|c| escape_controls(c).into_owned())
            .collect();
        let width = names.iter().map(|c| c.chars().count()).max().unwrap_or(0);
        out.push_str("\nBy category:\n");
        for (name, a) in names.iter().zip(s.categories.values()) {
            let _ = writeln!(
                out,
                "  {name:<width$}  {:>3}%  ({} of {})",
                a.percent(),
                a.correct,
                a.answered
            );
        }
    }
    out.trim_end().to_owned()
}

/// The `categories` table: `title`, the `total` of questions, and each
/// category with its count by difficulty.
pub fn categories(title: &str, total: usize, rows: &[(String, Tally)]) -> String {
    let names: Vec<String> = rows
        .iter()
        .map(|(c, _)| escape_controls(c).into_owned())
        .collect();
    // At least as wide as the heading, so the numbers sit under theirs.
    let width = names
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0)
        .max("category".len());
    let mut out = format!(
        "{}: {} in {}\n",
        escape_controls(title),
        count(total as i64, "question"),
        crate::format::categories(rows.len())
    );
    let _ = writeln!(
        out,
        "  {:<width$}  {:>5}  {:>4}  {:>6}  {:>4}",
        "category", "total", "easy", "medium", "hard"
    );
    for (name, (_, t)) in names.iter().zip(rows) {
        let [e, m, h] = t.by_difficulty;
        let _ = writeln!(
            out,
            "  {name:<width$}  {:>5}  {e:>4}  {m:>6}  {h:>4}",
            t.total
        );
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(rank: Option<usize>, player: Option<&str>, finished: bool) -> ScoreLine {
        ScoreLine {
            rank,
            score: 700,
            correct: 7,
            total: 10,
            seed: 42,
            date: "2026-03-04T05:06:07+00:00".into(),
            day: "2026-03-04".into(),
            mode: "normal".into(),
            finished,
            best_streak: 3,
            player: player.map(str::to_owned),
            source: vec!["Film".into(), "jazz".into()],
            game: 1,
        }
    }

    #[test]
    fn scores_table_lines_up_and_says_what_was_left_out() {
        let text = scores(
            &[
                line(Some(1), Some("Ana\u{1b}[31m"), true),
                line(None, None, false),
            ],
            2,
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert!(lines[0].starts_with("rank   score"), "{text}");
        assert!(lines[1].starts_with("   1     700     7/10"), "{text}");
        assert!(lines[1].ends_with("Film + jazz (Ana\\u{1b}[31m)"), "{text}");
        assert!(lines[2].starts_with("   -"), "{text}");
        assert!(lines[2].ends_with("(stopped)"), "{text}");
        assert_eq!(
            lines[3],
            "… and 2 games more; `scores --all` lists every one."
        );
        assert!(!text.contains('\u{1b}'));
        assert_eq!(
            scores(&[], 0),
            "No games saved yet. Play one to the end and it shows here."
        );
    }

    #[test]
    fn categories_table_pads_to_the_longest_name() {
        let rows = vec![
            (
                "A".to_owned(),
                Tally {
                    total: 3,
                    by_difficulty: [1, 1, 1],
                },
            ),
            (
                "Longer".to_owned(),
                Tally {
                    total: 1,
                    by_difficulty: [0, 0, 1],
                },
            ),
        ];
        assert_eq!(
            categories("Bank", 4, &rows),
            "Bank: 4 questions in 2 categories\n  category  total  easy  medium  hard\n  A             3     1       1     1\n  Longer        1     0       0     1"
        );
    }
}
