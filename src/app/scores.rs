//! `scores` and `stats`: what the saved games add up to.

use super::{AppError, BUILTIN_SOURCE, exit, play::saved_games};
use crate::stats;
use crate::ui;
use serde::Serialize;
use std::io;

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

#[derive(Serialize)]
struct ScoreRow {
    rank: usize,
    score: u32,
    correct: usize,
    total: usize,
    seed: u64,
    date: String,
    day: String,
    mode: &'static str,
    best_streak: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    player: Option<String>,
    source: Vec<String>,
}

/// `scores [--json]`: saved games, best score first.
pub fn scores(json: bool) -> Result<i32, AppError> {
    let entries = saved_games();
    let rows: Vec<ScoreRow> = stats::ranked(&entries)
        .into_iter()
        .enumerate()
        .map(|(i, e)| ScoreRow {
            rank: i + 1,
            score: e.score,
            correct: e.correct,
            total: e.total,
            seed: e.seed,
            date: e.date.clone(),
            day: e.day.clone(),
            mode: e.mode.as_str(),
            best_streak: e.best_streak,
            player: e.player.clone(),
            source: e.source.iter().map(|s| source_name(s)).collect(),
        })
        .collect();
    if json {
        ui::emit(&serde_json::to_string_pretty(&rows).map_err(io::Error::other)?)?;
        return Ok(exit::OK);
    }
    if rows.is_empty() {
        ui::say("No games saved yet. Play one to the end and it shows here.")?;
        return Ok(exit::OK);
    }
    let mut out = format!(
        "{:>4}  {:>6}  {:>7}  {:<10}  {:<7}  {:<20}  {}\n",
        "rank", "score", "right", "day", "mode", "seed", "source"
    );
    for r in &rows {
        let who = r
            .player
            .as_deref()
            .map(|p| format!(" ({p})"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{:>4}  {:>6}  {:>7}  {:<10}  {:<7}  {:<20}  {}{who}\n",
            r.rank,
            r.score,
            format!("{}/{}", r.correct, r.total),
            r.day,
            r.mode,
            r.seed,
            r.source.join(" + ")
        ));
    }
    ui::say(out.trim_end())?;
    Ok(exit::OK)
}

/// `stats [--json]`: games played, accuracy overall and per category, the
/// best streak and the current daily streak.
pub fn stats(json: bool) -> Result<i32, AppError> {
    let entries = saved_games();
    let mut s = stats::stats(&entries, chrono::Local::now().date_naive());
    // Count only the misses `--review` can still deal: their bank or record
    // file must still exist.
    s.to_review = super::play::review_pool(&entries).map_or(0, |pool| pool.len());
    if json {
        ui::emit(&serde_json::to_string_pretty(&s).map_err(io::Error::other)?)?;
        return Ok(exit::OK);
    }
    let mut out = format!(
        "Games played:   {}\nAccuracy:       {}% ({} of {} right)\nBest score:     {}\nBest streak:    {}\nDaily streak:   {} (daily games played: {})\nTo review:      {}\n",
        s.games,
        s.accuracy.percent(),
        s.accuracy.correct,
        s.accuracy.answered,
        s.best_score,
        s.best_streak,
        crate::format::count(i64::from(s.daily_streak), "day"),
        s.daily_games,
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
