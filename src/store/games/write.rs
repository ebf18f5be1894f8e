//! Saving a game: one transaction that writes it and keeps the running
//! totals and the misses list up to date.

use super::*;

impl Games {
    /// Once the WAL is long, copies it into the database and empties it.
    /// The game is already saved (in the WAL), so a failure here (another
    /// game reading, a full disk) only leaves it for the next save.
    pub(super) fn checkpoint_if_long(&self) {
        let wal = sidecar(&self.path, "-wal");
        if fs::metadata(wal).is_ok_and(|m| m.len() > WAL_CHECKPOINT_BYTES) {
            let _ = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
    }

    /// Whether the challenge of `day` already has its counted game.
    pub fn daily_played(&self, day: &str) -> Result<bool, GamesError> {
        daily_counted(&self.conn, day).map_err(|e| self.sqlite(e))
    }

    /// Saves a game in one transaction. A daily game whose day already
    /// has its counted game is saved as practice; the mode saved is
    /// returned.
    pub fn save(&mut self, game: &SavedGame) -> Result<Mode, GamesError> {
        let saved = self.save_with_token(game, None)?;
        Ok(saved.unwrap_or(game.mode))
    }

    /// [`Games::save`], for a game known by a token: `None` when a game
    /// with that token is already saved (a merge cut short is run again).
    pub(super) fn save_with_token(
        &mut self,
        game: &SavedGame,
        token: Option<&str>,
    ) -> Result<Option<Mode>, GamesError> {
        let path = self.path.clone();
        let sqlite = sqlite_at(&path);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sqlite)?;
        if let Some(token) = token {
            let seen: bool = tx
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM games WHERE token = ?1)",
                    [token],
                    |r| r.get(0),
                )
                .map_err(sqlite)?;
            if seen {
                return Ok(None);
            }
        }
        let mut game = game.clone();
        if game.mode == Mode::Daily && daily_counted(&tx, &game.day).map_err(sqlite)? {
            game.mode = Mode::Practice;
        }
        insert_game(&tx, &game, token).map_err(sqlite)?;
        tx.commit().map_err(sqlite)?;
        self.checkpoint_if_long();
        Ok(Some(game.mode))
    }

    /// Whether each commit waits until it is on disk (`synchronous =
    /// FULL`): while a file is removed or renamed once its games are in.
    pub(super) fn durable(&self, on: bool) -> Result<(), GamesError> {
        let level = if on { "FULL" } else { "NORMAL" };
        self.conn
            .execute_batch(&format!("PRAGMA synchronous = {level}"))
            .map_err(|e| self.sqlite(e))
    }
}

pub(super) fn daily_counted(conn: &Connection, day: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM games WHERE mode = 'daily' AND day = ?1 AND finished)",
        [day],
        |r| r.get(0),
    )
}

/// Writes one game and updates the running totals and the misses.
pub(super) fn insert_game(
    conn: &Connection,
    game: &SavedGame,
    token: Option<&str>,
) -> rusqlite::Result<()> {
    let sources = serde_json::to_string(&game.sources).unwrap_or_else(|_| "[]".into());
    conn.prepare_cached(
        "INSERT INTO games (ended, day, seed, mode, finished, sources, token)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        game.ended,
        game.day,
        game.seed as i64,
        game.mode.as_str(),
        game.finished,
        sources,
        token
    ])?;
    let game_id = conn.last_insert_rowid();
    let ranked = game.mode.ranked();
    let mut correct_all = 0i64;
    let mut answered_all = 0i64;
    let mut best_score = 0u32;
    let mut best_streak = 0u32;
    let mut key = String::new();
    for (seat_no, seat) in game.seats.iter().enumerate() {
        insert_seat(conn, game_id, seat_no, seat, ranked)?;
        let player = conn.last_insert_rowid();
        correct_all += seat.correct as i64;
        answered_all += seat.total as i64;
        if ranked {
            best_score = best_score.max(seat.score);
        }
        best_streak = best_streak.max(seat.best_streak);
        for (n, a) in seat.answers.iter().enumerate() {
            let question = question_id(conn, a)?;
            conn.prepare_cached(
                "INSERT INTO answers (player, n, question, correct) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![player, n as i64, question, a.correct])?;
            crate::question::normalize_into(&a.question.category, &mut key);
            conn.prepare_cached(
                "INSERT INTO category_totals (key, name, correct, answered) VALUES (?1, ?2, ?3, 1)
                 ON CONFLICT (key) DO UPDATE SET correct = correct + excluded.correct,
                                                 answered = answered + 1",
            )?
            .execute(params![key, a.question.category, a.correct])?;
        }
        update_misses(conn, game.mode, seat)?;
    }
    conn.prepare_cached(
        "UPDATE totals SET games = games + 1, seats = seats + ?1, correct = correct + ?2,
                answered = answered + ?3, best_score = max(best_score, ?4),
                best_streak = max(best_streak, ?5)",
    )?
    .execute(params![
        game.seats.len() as i64,
        correct_all,
        answered_all,
        best_score,
        best_streak
    ])?;
    Ok(())
}

fn insert_seat(
    conn: &Connection,
    game: i64,
    seat_no: usize,
    seat: &Seat,
    ranked: bool,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO players (game, seat, name, ranked, score, correct, total, best_streak)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        game,
        seat_no as i64,
        seat.name,
        ranked,
        seat.score,
        seat.correct as i64,
        seat.total as i64,
        seat.best_streak
    ])?;
    Ok(())
}

/// The id of a question stored by value, adding it if new. Looked up
/// first, so that a question played before writes nothing.
fn question_id(conn: &Connection, a: &Asked) -> rusqlite::Result<i64> {
    use rusqlite::OptionalExtension;
    let body = if a.known {
        serde_json::to_string(&a.question).unwrap_or_default()
    } else {
        String::new()
    };
    let fields = params![a.source, a.question.prompt, a.question.category, body];
    let found = conn
        .prepare_cached(
            "SELECT id FROM questions
             WHERE source = ?1 AND prompt = ?2 AND category = ?3 AND body = ?4",
        )?
        .query_row(fields, |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    conn.prepare_cached(
        "INSERT INTO questions (source, prompt, category, body) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(fields)?;
    Ok(conn.last_insert_rowid())
}

/// A review clears the misses it answers right; every miss joins the list
/// (at the end when new, in its place with its new wording when not).
fn update_misses(conn: &Connection, mode: Mode, seat: &Seat) -> rusqlite::Result<()> {
    if mode == Mode::Review {
        for a in seat.answers.iter().filter(|a| a.correct) {
            conn.prepare_cached("DELETE FROM misses WHERE source = ?1 AND key = ?2")?
                .execute(params![a.source, normalize(&a.question.prompt)])?;
        }
    }
    for a in seat.answers.iter().filter(|a| !a.correct && a.known) {
        let question = question_id(conn, a)?;
        conn.prepare_cached(
            "INSERT INTO misses (source, key, question, seq)
             VALUES (?1, ?2, ?3, (SELECT coalesce(max(seq), 0) + 1 FROM misses))
             ON CONFLICT (source, key) DO UPDATE SET question = excluded.question",
        )?
        .execute(params![a.source, normalize(&a.question.prompt), question])?;
    }
    Ok(())
}
