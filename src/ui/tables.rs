//! The tables of `scores`, `stats`, `categories` and `quality`, as the
//! text shown.
//! Pure: `app` gathers the rows and prints what these return.

use crate::format::count;
use crate::pool::Tally;
use crate::quality::{self, GuesserRow};
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

/// The widest a `quality` line is.
const QUALITY_WIDTH: usize = 80;

/// `text` with control characters escaped, cut to `max` characters (an
/// ellipsis marks the cut).
fn fitted(text: &str, max: usize) -> String {
    let text = escape_controls(text);
    if text.chars().count() <= max {
        return text.into_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// "  weak" after a weak row.
fn weak_mark(row: &GuesserRow) -> &'static str {
    if row.weak { "  weak" } else { "" }
}

/// The `quality` report: the film, every guesser's rate against a blind
/// pick, then each kind of question with its most successful guesser. Every
/// line fits 80 columns; the film's title is escaped and cut to fit.
pub fn quality(r: &quality::Report) -> String {
    let year = format!(" ({})", r.year);
    let lead = "Quality report for ";
    let title = fitted(&r.title, QUALITY_WIDTH - lead.len() - year.len());
    let half = r.seeds / 2;
    let mut out = format!(
        "{lead}{title}{year}\n{} dealt over {} (0 to {}); the learners\ntrain on seeds 0 to {} and are tried on seeds {} to {}.\n",
        count(r.rounds as i64, "question"),
        count(r.seeds as i64, "seed"),
        r.seeds - 1,
        half - 1,
        half,
        r.seeds - 1,
    );
    let _ = writeln!(
        out,
        "\n  {:<20}  {:>7}  {:>6}  {:>6}  {:>5}",
        "guesser", "tried", "right", "blind", "ratio"
    );
    for g in &r.guessers {
        if g.tried == 0 {
            let _ = writeln!(
                out,
                "  {:<20}  {:>7}  {:>6}  {:>6}  {:>5}",
                g.guesser, 0, "-", "-", "-"
            );
            continue;
        }
        let _ = writeln!(
            out,
            "  {:<20}  {:>7}  {:>6}  {:>6}  {:>5.2}{}",
            g.guesser,
            g.tried,
            percent(g.rate),
            percent(g.blind),
            g.ratio,
            weak_mark(g)
        );
    }
    let width = r
        .units
        .iter()
        .map(|u| escape_controls(&u.unit).chars().count())
        .max()
        .unwrap_or(0)
        .clamp("unit".len(), 14);
    let _ = writeln!(
        out,
        "\n  {:<width$}  {:>9}  {:>3}  {:>6}  {:<20}  {:>5}",
        "unit", "questions", "t/f", "true", "top guesser", "ratio"
    );
    for u in &r.units {
        let share = u.true_share.map_or_else(|| "-".to_owned(), percent);
        let (name, ratio, mark) = match &u.worst {
            Some(w) => (w.guesser.as_str(), format!("{:.2}", w.ratio), weak_mark(w)),
            None => ("-", "-".to_owned(), ""),
        };
        let _ = writeln!(
            out,
            "  {:<width$}  {:>9}  {:>3}  {share:>6}  {name:<20}  {ratio:>5}{mark}",
            fitted(&u.unit, width),
            u.questions,
            u.true_false,
        );
    }
    if let Some(share) = r.true_share {
        let _ = writeln!(
            out,
            "\nTrue is the answer in {} of true-or-false questions.",
            percent(share)
        );
    }
    let weak = r.guessers.iter().filter(|g| g.weak).count();
    let _ = writeln!(
        out,
        "\nquestions: distinct prompts; t/f: of them true or false; true: the share of\nTrue answers; top guesser: the one most often right against a blind pick;\nratio: right / blind. A row is weak when right is over {} times blind, over\n{} tries or more: {}.",
        quality::WEAK_RATIO,
        quality::MIN_TRIED,
        match weak {
            0 => "no guesser is".to_owned(),
            1 => "1 guesser is".to_owned(),
            n => format!("{n} guessers are"),
        }
    );
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

    #[test]
    fn quality_table_fits_80_columns_and_escapes_the_title() {
        let row = |name: &str, tried: usize, rate: f64, weak: bool| GuesserRow {
            guesser: name.into(),
            learner: false,
            tried,
            right: (rate * tried as f64) as usize,
            rate,
            blind: 0.25,
            ratio: rate / 0.25,
            weak,
        };
        let report = quality::Report {
            title: format!("Night\u{1b}[31m {}", "Harbour ".repeat(20)),
            year: 2019,
            seeds: 2000,
            rounds: 1_234_567,
            true_share: Some(0.5),
            guessers: vec![
                row("longest", 1_000_000, 0.25, false),
                row("most frequent answer", 60, 0.5, true),
                row("odd shape", 0, 0.0, false),
            ],
            units: vec![
                quality::UnitRow {
                    unit: "acting_awards_and_more".into(),
                    questions: 12,
                    true_false: 3,
                    rounds: 2400,
                    true_share: Some(0.75),
                    worst: Some(row("most frequent answer", 60, 0.5, true)),
                },
                quality::UnitRow {
                    unit: "identity".into(),
                    questions: 3,
                    true_false: 0,
                    rounds: 600,
                    true_share: None,
                    worst: None,
                },
            ],
        };
        let text = quality(&report);
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{line:?}\n{text}");
        }
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(text.contains("Night\\u{1b}[31m Harbour"), "{text}");
        assert!(text.contains("…"), "{text}");
        let weak: Vec<&str> = text.lines().filter(|l| l.ends_with("weak")).collect();
        assert_eq!(weak.len(), 2, "{text}");
        assert!(
            text.contains("  odd shape                   0       -"),
            "{text}"
        );
        assert!(text.contains("1 guesser is."), "{text}");
    }
}
