//! `scores` and `stats`: what the saved games add up to.

use super::play::{read_games, review_pool};
use super::{AppError, BUILTIN_SOURCE, exit};
use crate::record;
use crate::stats::ScoreLine;
use crate::store::games::{Games, ScoreRow};
use crate::ui;
use std::io;

/// How many games `scores` lists unless told otherwise.
pub const DEFAULT_LIMIT: usize = 20;

/// A source id as a player reads it: the built-in film's title, or a
/// file's name.
fn source_name(id: &str, builtin: &str) -> String {
    if id == BUILTIN_SOURCE {
        return builtin.to_owned();
    }
    let path = id.split_once(':').map_or(id, |(_, p)| p);
    std::path::Path::new(path)
        .file_stem()
        .map_or_else(|| path.to_owned(), |s| s.to_string_lossy().into_owned())
}

/// A saved game as `scores` shows it.
fn score_line(r: ScoreRow, builtin: &str) -> ScoreLine {
    ScoreLine {
        rank: r.rank,
        score: r.score,
        correct: r.correct,
        total: r.total,
        seed: r.seed,
        date: r.date,
        day: r.day,
        mode: r.mode.as_str().to_owned(),
        finished: r.finished,
        best_streak: r.best_streak,
        player: r.player,
        source: r.sources.iter().map(|s| source_name(s, builtin)).collect(),
        game: r.game,
    }
}

/// `scores [--json] [--limit N | --all]`: saved games, best score first,
/// practice last.
pub fn scores(json: bool, limit: Option<usize>) -> Result<i32, AppError> {
    let (rows, all) = read_games((Vec::new(), 0), |g| g.scores(limit))?;
    let shown = rows.len();
    // The built-in film is named by its record, never by the code.
    let builtin = record::builtin().map_or_else(|_| BUILTIN_SOURCE.to_owned(), |f| f.title);
    let rows: Vec<ScoreLine> = rows.into_iter().map(|r| score_line(r, &builtin)).collect();
    if json {
        ui::emit(&serde_json::to_string_pretty(&rows).map_err(io::Error::other)?)?;
        return Ok(exit::OK);
    }
    ui::say(&ui::tables::scores(&rows, all.saturating_sub(shown)))?;
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
    ui::say(&ui::tables::stats(&s))?;
    Ok(exit::OK)
}
