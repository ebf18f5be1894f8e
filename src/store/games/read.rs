//! Reading the saved games: the score table, the statistics and the misses
//! to review, each in one read transaction.

use super::*;

impl Games {
    /// The score table: ranked games best first (equal scores share a
    /// rank), then practice; at most `limit` rows, and how many there are.
    pub fn scores(&self, limit: Option<usize>) -> Result<(Vec<ScoreRow>, usize), GamesError> {
        self.read(|conn| {
            let all: i64 = conn.query_row("SELECT seats FROM totals", [], |r| r.get(0))?;
            let mut stmt = conn.prepare_cached(
                "SELECT g.id, p.ranked, p.score, p.correct, p.total, g.seed, g.ended, g.day,
                        g.mode, g.finished, p.best_streak, p.name, g.sources
                 FROM players p JOIN games g ON g.id = p.game
                 ORDER BY p.ranked DESC, p.score DESC, p.game, p.seat
                 LIMIT ?1",
            )?;
            let limit = limit.map_or(-1, |l| l as i64);
            let mut rows = Vec::new();
            let mut prev: Option<(u32, usize)> = None;
            let mut q = stmt.query([limit])?;
            while let Some(r) = q.next()? {
                let ranked: bool = r.get(1)?;
                let score: u32 = r.get(2)?;
                let rank = ranked.then(|| match prev {
                    Some((s, rank)) if s == score => rank,
                    _ => rows.len() + 1,
                });
                if let Some(rank) = rank {
                    prev = Some((score, rank));
                }
                let mode: String = r.get(8)?;
                let sources: String = r.get(12)?;
                rows.push(ScoreRow {
                    game: r.get(0)?,
                    rank,
                    score,
                    correct: r.get::<_, i64>(3)? as usize,
                    total: r.get::<_, i64>(4)? as usize,
                    seed: r.get::<_, i64>(5)? as u64,
                    date: r.get(6)?,
                    day: r.get(7)?,
                    mode: Mode::from_name(&mode).unwrap_or(Mode::Normal),
                    finished: r.get(9)?,
                    best_streak: r.get(10)?,
                    player: r.get(11)?,
                    sources: serde_json::from_str(&sources).unwrap_or_default(),
                });
            }
            Ok((rows, all as usize))
        })
    }

    /// The statistics as of `today`, from the running totals (`to_review`
    /// is left for the caller, who knows which sources still exist).
    pub fn stats(&self, today: chrono::NaiveDate) -> Result<Stats, GamesError> {
        self.read(|conn| {
            let mut s = conn.query_row(
                "SELECT games, correct, answered, best_score, best_streak FROM totals",
                [],
                |r| {
                    Ok(Stats {
                        games: r.get::<_, i64>(0)? as usize,
                        accuracy: Accuracy {
                            correct: r.get::<_, i64>(1)? as usize,
                            answered: r.get::<_, i64>(2)? as usize,
                        },
                        best_score: r.get(3)?,
                        best_streak: r.get(4)?,
                        ..Stats::default()
                    })
                },
            )?;
            let mut stmt =
                conn.prepare_cached("SELECT name, correct, answered FROM category_totals")?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    Accuracy {
                        correct: r.get::<_, i64>(1)? as usize,
                        answered: r.get::<_, i64>(2)? as usize,
                    },
                ))
            })?;
            for row in rows {
                let (name, a) = row?;
                s.categories.insert(name, a);
            }
            s.games_by_mode = Mode::ALL.into_iter().map(|m| (m, 0)).collect();
            let mut stmt = conn.prepare_cached("SELECT mode, count(*) FROM games GROUP BY mode")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
            for row in rows {
                let (mode, n) = row?;
                if let Some(m) = Mode::from_name(&mode) {
                    s.games_by_mode.insert(m, n as usize);
                }
            }
            s.daily_games = s.games_by_mode[&Mode::Daily];
            s.practice_games = s.games_by_mode[&Mode::Practice];
            // Days whose own challenge was played on the day, newest first;
            // the streak stops reading at the first gap.
            let mut stmt = conn.prepare_cached(
                "SELECT day FROM games WHERE mode = 'daily' AND substr(ended, 1, 10) = day
                 ORDER BY day DESC",
            )?;
            let mut q = stmt.query([])?;
            let mut days: Vec<chrono::NaiveDate> = Vec::new();
            let mut streak_done = false;
            while let Some(r) = q.next()? {
                let day: String = r.get(0)?;
                if let Ok(d) = chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
                    if let Some(&last) = days.last()
                        && last != d
                        && last.pred_opt() != Some(d)
                    {
                        streak_done = true;
                    }
                    if streak_done {
                        break;
                    }
                    days.push(d);
                }
            }
            s.daily_streak = crate::stats::daily_streak(days, today);
            Ok(s)
        })
    }

    /// The missed questions still to review, oldest miss first.
    pub fn misses(&self) -> Result<Vec<Missed>, GamesError> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT m.source, q.body FROM misses m JOIN questions q ON q.id = m.question
                 ORDER BY m.seq",
            )?;
            let rows =
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            let mut out = Vec::new();
            for row in rows {
                let (source, body) = row?;
                // A body that does not parse is skipped: review checks what
                // it plays, and reports what it skips.
                let question = serde_json::from_str(&body).unwrap_or_else(|_| Question {
                    prompt: String::new(),
                    answer: String::new(),
                    distractors: Vec::new(),
                    category: String::new(),
                    difficulty: crate::question::Difficulty::Medium,
                    explanation: String::new(),
                    meta: Default::default(),
                });
                out.push(Missed { source, question });
            }
            Ok(out)
        })
    }
}
