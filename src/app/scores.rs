//! `scores` and `stats`: what the saved games add up to.

use super::play::{read_games, review_pool};
use super::{AppError, BUILTIN_SOURCE, exit};
use crate::store::games::{Games, ScoreRow};
use crate::ui;
use serde::Serialize;
use std::io;

/// How many games `scores` lists unless told otherwise.
pub const DEFAULT_LIMIT: usize = 20;

/// A source id as a player reads it: `Whiplash`, or a file's name.
fn source_name(id: &str) -> String {
    if id == BUILTIN_SOURCE {
        return "Whiplash".into();
    }
    let path = id.split_once(':').map_or(id, |(_, p)| p);
    std::path::Path::new(path)
        .file_stem()
        .map_or_else(|| path.to_owned(), |s| s.to_string_lossy().into_owned())
}

/// One row of `scores --json` (documented in the README; fields are only
/// ever added).
#[derive(Serialize)]
struct JsonRow {
    /// 1 for the best; equal scores share a rank; `null` for practice.
    rank: Option<usize>,
    score: u32,
    correct: usize,
    total: usize,
    seed: u64,
    date: String,
    day: String,
    mode: &'static str,
    finished: bool,
    best_streak: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    player: Option<String>,
    source: Vec<String>,
    game: i64,
}

impl From<ScoreRow> for JsonRow {
    fn from(r: ScoreRow) -> Self {
        JsonRow {
            rank: r.rank,
            score: r.score,
            correct: r.correct,
            total: r.total,
            seed: r.seed,
            date: r.date,
            day: r.day,
            mode: r.mode.as_str(),
            finished: r.finished,
            best_streak: r.best_streak,
            player: r.player,
            source: r.sources.iter().map(|s| source_name(s)).collect(),
            game: r.game,
        }
    }
}

/// `scores [--json] [--limit N | --all]`: saved games, best score first,
/// practice last.
pub fn scores(json: bool, limit: Option<usize>) -> Result<i32, AppError> {
    let (rows, all) = read_games((Vec::new(), 0), |g| g.scores(limit))?;
    let shown = rows.len();
    let rows: Vec<JsonRow> = rows.into_iter().map(JsonRow::from).collect();
    if json {
        ui::emit(&serde_json::to_string_pretty(&rows).map_err(io::Error::other)?)?;
        return Ok(exit::OK);
    }
    if rows.is_empty() {
        ui::say("No games saved yet. Play one to the end and it shows here.")?;
        return Ok(exit::OK);
    }
    let mut out = format!(
        "{:>4}  {:>6}  {:>7}  {:<10}  {:<8}  {:<20}  {}\n",
        "rank", "score", "right", "day", "mode", "seed", "source"
    );
    for r in &rows {
        let who = r
            .player
            .as_deref()
            .map(|p| format!(" ({p})"))
            .unwrap_or_default();
        let stopped = if r.finished { "" } else { " (stopped)" };
        out.push_str(&format!(
            "{:>4}  {:>6}  {:>7}  {:<10}  {:<8}  {:<20}  {}{who}{stopped}\n",
            r.rank.map_or_else(|| "-".to_owned(), |n| n.to_string()),
            r.score,
            format!("{}/{}", r.correct, r.total),
            r.day,
            r.mode,
            r.seed,
            r.source.join(" + ")
        ));
    }
    if all > shown {
        out.push_str(&format!(
            "… and {} more; `scores --all` lists every one.\n",
            crate::format::count((all - shown) as i64, "game")
        ));
    }
    ui::say(out.trim_end())?;
    Ok(exit::OK)
}

/// `stats [--json]`: games played, accuracy overall and per category, the
/// best streak and the current daily streak.
pub fn stats(json: bool) -> Result<i32, AppError> {
    let today = chrono::Local::now().date_naive();
    let (mut s, misses) = read_games(Default::default(), |g: &Games| {
        Ok((g.stats(today)?, g.misses()?))
    })?;
    // Count only the misses `--review` can still deal: their bank or record
    // file must still exist, and they must pass the bank rules.
    s.to_review = review_pool(misses, &mut Vec::new()).map_or(0, |pool| pool.len());
    if json {
        ui::emit(&serde_json::to_string_pretty(&s).map_err(io::Error::other)?)?;
        return Ok(exit::OK);
    }
    let mut out = format!(
        "Games played:   {}\nAccuracy:       {}% ({} of {} right)\nBest score:     {}\nBest streak:    {}\nDaily streak:   {} (daily games played: {}, practice: {})\nTo review:      {}\n",
        s.games,
        s.accuracy.percent(),
        s.accuracy.correct,
        s.accuracy.answered,
        s.best_score,
        s.best_streak,
        crate::format::count(i64::from(s.daily_streak), "day"),
        s.daily_games,
        s.practice_games,
        crate::format::count(s.to_review as i64, "missed question"),
    );
    if !s.categories.is_empty() {
        let width = s
            .categories
            .keys()
            .map(|c| c.chars().count())
            .max()
            .unwrap_or(0);
        out.push_str("\nBy category:\n");
        for (name, a) in &s.categories {
            out.push_str(&format!(
                "  {name:<width$}  {:>3}%  ({} of {})\n",
                a.percent(),
                a.correct,
                a.answered
            ));
        }
    }
    ui::say(out.trim_end())?;
    Ok(exit::OK)
}
