//! Saved games in SQLite: the only code that talks to the database.
//!
//! One file, `games.sqlite3`, in the data folder. It is opened in WAL mode
//! with a busy timeout, so games that end together wait their turn; each
//! finished game is written in one transaction, so a crash, a full disk or
//! a file-size limit loses at most the game being saved. Running totals
//! (games, answers, answers per category, best score and streak) and the
//! list of misses still to review are kept up to date by each save, so
//! `stats` reads a few rows whatever the length of the history. The schema
//! is migrated on `PRAGMA user_version`.
//!
//! Before opening, the path is checked to be a regular file starting with
//! the SQLite header (or missing, or empty): a pipe, a device or another
//! file is refused at once, never read. A database SQLite finds damaged is
//! moved aside to `games.sqlite3.damaged-<time>` and a new one is started.
//!
//! An old `scores.jsonl` is imported once, on first use, in one
//! transaction; the file is then renamed to `scores.jsonl.imported-<time>`,
//! byte for byte as it was.

use crate::history::{Asked, LEGACY_FILE_NAME, LegacyEntry, Mode, SavedGame, Seat};
use crate::question::{Question, normalize};
use crate::stats::{Accuracy, Stats};
use rusqlite::{Connection, OpenFlags, TransactionBehavior, params};
use std::fs;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

mod legacy;
mod pending;
mod read;
mod repair;
mod write;

pub use pending::{PENDING_DIR, any_waiting};

use write::{daily_counted, insert_game};

/// The database's file name in the data folder.
pub const DB_FILE_NAME: &str = "games.sqlite3";

/// How long a command waits for another one that is writing (saving a
/// game takes milliseconds, and an import holds the lock for one batch);
/// past it, a finished game waits in the pending folder instead.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The WAL's size past which a save checkpoints it into the database and
/// empties it (about 20 ten-question games). Every command that opens the
/// database first reads the whole WAL (SQLite's recovery, as the first
/// connection), while a checkpoint costs two fsyncs: a WAL of about 1 MiB
/// keeps the sum of both, per game, near its least (`scripts/bench.sh`).
const WAL_CHECKPOINT_BYTES: u64 = 1024 * 1024;

/// The longest line of an old log that is read (longer ones are skipped
/// without being kept, and reported): a game's line is a few KiB.
const MAX_LEGACY_LINE: usize = 1024 * 1024;

/// Migrations, in order: `user_version` is how many have been applied.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE games (
    id       INTEGER PRIMARY KEY,
    ended    TEXT    NOT NULL,  -- local time, RFC 3339
    day      TEXT    NOT NULL,  -- YYYY-MM-DD it counts for
    seed     INTEGER NOT NULL,  -- the u64 seed's bits
    mode     TEXT    NOT NULL CHECK (mode IN ('normal','daily','review','hot-seat','practice')),
    finished INTEGER NOT NULL,
    sources  TEXT    NOT NULL   -- JSON array of source ids
);
CREATE INDEX games_by_mode_day ON games (mode, day);

CREATE TABLE players (
    id          INTEGER PRIMARY KEY,
    game        INTEGER NOT NULL REFERENCES games (id),
    seat        INTEGER NOT NULL,
    name        TEXT,             -- NULL for a one-player game
    ranked      INTEGER NOT NULL, -- 0 for practice
    score       INTEGER NOT NULL,
    correct     INTEGER NOT NULL,
    total       INTEGER NOT NULL,
    best_streak INTEGER NOT NULL,
    UNIQUE (game, seat)
);
CREATE INDEX players_by_rank ON players (ranked DESC, score DESC, game, seat);

CREATE TABLE questions (
    id       INTEGER PRIMARY KEY,
    source   TEXT NOT NULL,
    prompt   TEXT NOT NULL,
    category TEXT NOT NULL,
    body     TEXT NOT NULL,  -- the whole question as JSON; '' when unknown
    UNIQUE (source, prompt, category, body)
);

CREATE TABLE answers (
    player   INTEGER NOT NULL REFERENCES players (id),
    n        INTEGER NOT NULL,
    question INTEGER NOT NULL REFERENCES questions (id),
    correct  INTEGER NOT NULL,
    PRIMARY KEY (player, n)
) WITHOUT ROWID;
CREATE INDEX answers_by_question ON answers (question);

-- Misses not yet answered right in review, oldest first by seq.
CREATE TABLE misses (
    source   TEXT    NOT NULL,
    key      TEXT    NOT NULL,  -- the normalized prompt
    question INTEGER NOT NULL REFERENCES questions (id),
    seq      INTEGER NOT NULL,
    PRIMARY KEY (source, key)
);
CREATE INDEX misses_by_seq ON misses (seq);

-- Running totals, so stats never scans every answer.
CREATE TABLE totals (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    games       INTEGER NOT NULL,
    seats       INTEGER NOT NULL,
    correct     INTEGER NOT NULL,
    answered    INTEGER NOT NULL,
    best_score  INTEGER NOT NULL,
    best_streak INTEGER NOT NULL
);
INSERT INTO totals VALUES (1, 0, 0, 0, 0, 0, 0);

CREATE TABLE category_totals (
    key      TEXT PRIMARY KEY,  -- the normalized category
    name     TEXT NOT NULL,     -- as first seen
    correct  INTEGER NOT NULL,
    answered INTEGER NOT NULL
);

-- Old logs already imported, so one is never imported twice.
CREATE TABLE imports (
    id       INTEGER PRIMARY KEY,
    file     TEXT    NOT NULL,
    size     INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    games    INTEGER NOT NULL,
    at       TEXT    NOT NULL
);
"#,
    r#"
-- A game that waited in the pending folder keeps its file's name, so it
-- is never merged twice.
ALTER TABLE games ADD COLUMN token TEXT;
CREATE UNIQUE INDEX games_by_token ON games (token) WHERE token IS NOT NULL;

-- An old log is imported in batches: the bytes done so far, NULL once the
-- whole file is in.
ALTER TABLE imports ADD COLUMN progress INTEGER;
"#,
];

/// Why saved games could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum GamesError {
    /// A pipe, device, socket or folder where the database should be.
    #[error(
        "{}: is {what}, not a saved-games database; move it away to save games again",
        shown(.path)
    )]
    NotAFile { path: PathBuf, what: &'static str },
    /// A regular file that is not an SQLite database.
    #[error(
        "{}: is not an SQLite database; it was left as it is: move it away to save games again",
        shown(.path)
    )]
    NotADatabase { path: PathBuf },
    /// A database written by a newer version of the game.
    #[error(
        "{}: was written by a newer whiplash-quiz (schema version {version}); update the game",
        shown(.path)
    )]
    Newer { path: PathBuf, version: i64 },
    #[error("{}: {error}", shown(.path))]
    Sqlite {
        path: PathBuf,
        #[source]
        error: rusqlite::Error,
    },
    #[error("{}: {error}", shown(.path))]
    Io {
        path: PathBuf,
        #[source]
        error: io::Error,
    },
}

/// A path as a message shows it, control characters escaped.
fn shown(path: &Path) -> String {
    crate::text::escape_controls(&path.display().to_string()).into_owned()
}

/// One row of the score table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreRow {
    pub game: i64,
    /// `None` for practice, which is not ranked.
    pub rank: Option<usize>,
    pub score: u32,
    pub correct: usize,
    pub total: usize,
    pub seed: u64,
    pub date: String,
    pub day: String,
    pub mode: Mode,
    pub finished: bool,
    pub best_streak: u32,
    pub player: Option<String>,
    pub sources: Vec<String>,
}

/// A missed question still to review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missed {
    pub source: String,
    pub question: Question,
}

/// What opening found worth a warning: an import, damage moved aside.
pub type Notes = Vec<String>;

/// The saved games: an open database.
#[derive(Debug)]
pub struct Games {
    conn: Connection,
    path: PathBuf,
    /// The time the caller opened it at: it names files moved aside and
    /// dates an import. The store never reads the clock.
    now: Now,
}

/// The local time, given by the caller.
pub type Now = chrono::DateTime<chrono::Local>;

/// What is at the database's path.
enum Found {
    Missing,
    /// A regular file: empty, or an SQLite database by its header.
    Database,
}

/// Looks at `path` without opening anything that could block: only a
/// regular file is read, and only its first 16 bytes.
fn inspect(path: &Path) -> Result<Found, GamesError> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // A dangling link is not "missing": SQLite would create its target.
            if fs::symlink_metadata(path).is_ok() {
                return Err(GamesError::NotAFile {
                    path: path.to_owned(),
                    what: "a link to nothing",
                });
            }
            return Ok(Found::Missing);
        }
        Err(error) => {
            return Err(GamesError::Io {
                path: path.to_owned(),
                error,
            });
        }
    };
    if meta.is_dir() {
        return Err(GamesError::NotAFile {
            path: path.to_owned(),
            what: "a folder",
        });
    }
    if !meta.is_file() {
        return Err(GamesError::NotAFile {
            path: path.to_owned(),
            what: "a pipe, device or socket",
        });
    }
    if meta.len() == 0 {
        return Ok(Found::Database);
    }
    let mut head = [0u8; 16];
    let read = fs::File::open(path)
        .and_then(|f| {
            let mut n = 0;
            let mut f = f.take(16);
            loop {
                match f.read(&mut head[n..])? {
                    0 => return Ok(n),
                    k => n += k,
                }
            }
        })
        .map_err(|error| GamesError::Io {
            path: path.to_owned(),
            error,
        })?;
    if read < 16 || &head != b"SQLite format 3\0" {
        return Err(GamesError::NotADatabase {
            path: path.to_owned(),
        });
    }
    Ok(Found::Database)
}

/// Whether SQLite says the database itself is damaged.
fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

/// The time in a moved-aside file's name.
fn stamp(now: Now) -> String {
    now.format("%Y%m%dT%H%M%S").to_string()
}

/// Renames `path` to `<name>.<suffix>-<time>[-n]`, never over a file.
fn move_aside(path: &Path, suffix: &str, now: Now) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stamp = stamp(now);
    for n in 0..1000 {
        let target = path.with_file_name(match n {
            0 => format!("{name}.{suffix}-{stamp}"),
            n => format!("{name}.{suffix}-{stamp}-{n}"),
        });
        // A hard link cannot replace a file; where links are not
        // supported, a rename to a name checked to be free comes close.
        match fs::hard_link(path, &target) {
            Ok(()) => {
                fs::remove_file(path)?;
                return Ok(target);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(_) if !target.exists() => {
                fs::rename(path, &target)?;
                return Ok(target);
            }
            Err(_) => continue,
        }
    }
    Err(io::Error::other("no free name to move the file to"))
}

/// The WAL and shared-memory files beside a database.
fn sidecar(path: &Path, ext: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(ext);
    PathBuf::from(name)
}

/// Moves a damaged database and its WAL (which may hold its last games)
/// aside, unchanged, and returns where the database went.
fn move_damaged_files(path: &Path, now: Now) -> io::Result<PathBuf> {
    let moved = move_aside(path, "damaged", now)?;
    let wal = sidecar(path, "-wal");
    if fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        fs::rename(&wal, sidecar(&moved, "-wal"))?;
    } else {
        let _ = fs::remove_file(&wal);
    }
    let _ = fs::remove_file(sidecar(path, "-shm"));
    Ok(moved)
}

/// Moves whatever is at the database's path that is not a saved-games
/// database (a file, a folder, a pipe, a device, a link) aside, unopened,
/// and says where and how to put it back.
fn move_foreign(path: &Path, found: &GamesError, now: Now) -> Result<String, GamesError> {
    let moved = move_aside(path, "not-saved-games", now).map_err(|error| GamesError::Io {
        path: path.to_owned(),
        error,
    })?;
    let what = match found {
        GamesError::NotAFile { what, .. } => what,
        _ => "a file that is not an SQLite database",
    };
    Ok(format!(
        "{}: was {what}, not a saved-games database; it was moved, unopened, to {} and a new database was started",
        shown(path),
        shown(&moved)
    ))
}

/// What became of a finished game given to [`keep`].
#[derive(Debug)]
pub struct Kept {
    /// The mode it was saved as (a daily already counted is practice);
    /// `None` if it waits in the pending folder or was lost.
    pub saved_as: Option<Mode>,
    /// Where it waits to be saved, if the database could not take it.
    pub waiting: Option<PathBuf>,
    /// Everything worth a warning, in order.
    pub notes: Notes,
}

/// Saves a finished game in `data_dir`, whatever state the database is
/// in: a foreign file at its path is moved aside, damage is repaired, and
/// if the database still cannot take the game it is written to the
/// pending folder, to be saved the next time. Only then are waiting games
/// merged and an old log imported, so neither ever holds up this game.
pub fn keep(data_dir: &Path, game: &SavedGame, now: Now) -> Kept {
    let mut notes = Vec::new();
    let saved = Games::open(data_dir, now, &mut notes).and_then(|mut games| {
        let mode = match games.save(game) {
            Err(GamesError::Sqlite { error, .. }) if is_damage(&error) => {
                let path = games.path.clone();
                drop(games);
                notes.push(Games::repair(&path, &error, now)?);
                games = Games::open_rw(&path, now)?;
                games.save(game)?
            }
            other => other?,
        };
        Ok((games, mode))
    });
    match saved {
        Ok((mut games, mode)) => {
            pending::keep_reserve(data_dir);
            notes.extend(games.catch_up(data_dir, true));
            Kept {
                saved_as: Some(mode),
                waiting: None,
                notes,
            }
        }
        Err(why) => match pending::put_aside(data_dir, game) {
            Ok(at) => {
                notes.push(format!(
                    "your game could not be saved now ({why}); it waits in {} and is saved by the next command that can",
                    shown(&at)
                ));
                Kept {
                    saved_as: None,
                    waiting: Some(at),
                    notes,
                }
            }
            Err(e) => {
                notes.push(format!(
                    "your score was not saved: {why}; it could not be kept for later either: {}: {e}",
                    shown(&pending::pending_dir(data_dir))
                ));
                Kept {
                    saved_as: None,
                    waiting: None,
                    notes,
                }
            }
        },
    }
}

impl Games {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The database path in `data_dir`.
    pub fn path_in(data_dir: &Path) -> PathBuf {
        data_dir.join(DB_FILE_NAME)
    }

    /// Opens the saved games to read them. `Ok(None)` when there are none
    /// yet. Games waiting in the pending folder and an old log not yet
    /// imported are saved first, which needs write access; without it the
    /// database is still read. Nothing is renamed or moved: a foreign file
    /// at the path reads as no games, with a warning, and a damaged
    /// database is read from a copy in memory.
    pub fn open_to_read(data_dir: &Path, now: Now) -> Result<(Option<Games>, Notes), GamesError> {
        let path = Games::path_in(data_dir);
        let log = data_dir.join(LEGACY_FILE_NAME);
        let found = match inspect(&path) {
            Ok(found) => found,
            Err(e @ (GamesError::NotAFile { .. } | GamesError::NotADatabase { .. })) => {
                let mut notes = vec![format!(
                    "{e}; the next game saved moves it aside and starts a new database"
                )];
                if pending::any_waiting(data_dir) {
                    notes.push(format!(
                        "games wait to be saved in {}",
                        shown(&pending::pending_dir(data_dir))
                    ));
                }
                return Ok((None, notes));
            }
            Err(e) => return Err(e),
        };
        let behind = pending::any_waiting(data_dir)
            || (fs::symlink_metadata(&log).is_ok() && !matches!(found, Found::Missing))
            || fs::metadata(&log).is_ok_and(|m| m.is_file());
        if behind {
            let mut notes = Vec::new();
            match Games::open(data_dir, now, &mut notes) {
                Ok(mut games) => {
                    notes.extend(games.catch_up(data_dir, false));
                    return Ok((Some(games), notes));
                }
                Err(e) => {
                    notes.push(format!(
                        "the games waiting to be saved or the old saved scores could not be saved now: {e}"
                    ));
                    if matches!(found, Found::Missing) {
                        return Ok((None, notes));
                    }
                    let (games, more) = Games::open_read_only(&path, now)?;
                    notes.extend(more);
                    return Ok((games, notes));
                }
            }
        }
        match found {
            Found::Missing => Ok((None, Vec::new())),
            Found::Database => Games::open_read_only(&path, now),
        }
    }

    fn open_read_only(path: &Path, now: Now) -> Result<(Option<Games>, Notes), GamesError> {
        let sqlite = sqlite_at(path);
        let mut notes = Vec::new();
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sqlite)?;
        conn.busy_handler(Some(wait_a_little)).map_err(sqlite)?;
        let mut version: Result<i64, _> = conn.query_row("PRAGMA user_version", [], |r| r.get(0));
        if let Err(e) = &version
            && matches!(
                e.sqlite_error_code(),
                Some(
                    rusqlite::ErrorCode::ReadOnly
                        | rusqlite::ErrorCode::CannotOpen
                        | rusqlite::ErrorCode::SystemIoFailure
                        | rusqlite::ErrorCode::DiskFull
                )
            )
        {
            // A WAL database whose shared-memory file cannot be made (a
            // folder this process cannot write to, a full disk, a
            // file-size limit) is read as an immutable file instead, which
            // cannot see a leftover WAL.
            conn = Connection::open_with_flags(
                immutable_uri(path),
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_URI
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(sqlite)?;
            if fs::metadata(sidecar(path, "-wal")).is_ok_and(|m| m.len() > 0) {
                notes.push(format!(
                    "{}: its folder cannot be written to now, so the last games saved may not show",
                    crate::text::escape_controls(&path.display().to_string())
                ));
            }
            version = conn.query_row("PRAGMA user_version", [], |r| r.get(0));
        }
        let version = match version {
            Ok(v) => v,
            Err(e) if is_damage(&e) => {
                let damaged = Games {
                    conn,
                    path: path.to_owned(),
                    now,
                };
                let (copy, note) = damaged.salvaged()?;
                notes.push(note);
                return Ok((Some(copy), notes));
            }
            Err(e) => return Err(sqlite(e)),
        };
        let current = MIGRATIONS.len() as i64;
        if version > current {
            return Err(GamesError::Newer {
                path: path.to_owned(),
                version,
            });
        }
        if version < current {
            // Never written to (an empty file), or an older schema that a
            // read-only database cannot be brought up to: nothing to show
            // from it without writing, so try to open it to write.
            if version == 0 {
                return Ok((None, Vec::new()));
            }
            let dir = path.parent().unwrap_or(Path::new("."));
            drop(conn);
            let mut notes = Vec::new();
            let mut games = Games::open(dir, now, &mut notes)?;
            notes.extend(games.catch_up(dir, false));
            return Ok((Some(games), notes));
        }
        Ok((
            Some(Games {
                conn,
                path: path.to_owned(),
                now,
            }),
            notes,
        ))
    }

    /// Opens (creating if need be) the saved games to write to them,
    /// migrating the schema, then saves the games waiting in the pending
    /// folder and imports an old log (renaming it once it is in).
    pub fn open_to_write(data_dir: &Path, now: Now) -> Result<(Games, Notes), GamesError> {
        let mut notes = Vec::new();
        let mut games = Games::open(data_dir, now, &mut notes)?;
        notes.extend(games.catch_up(data_dir, true));
        Ok((games, notes))
    }

    /// Opens the database to write, nothing more: a foreign file at its
    /// path is moved aside and damage found while opening is repaired,
    /// each with a note.
    fn open(data_dir: &Path, now: Now, notes: &mut Notes) -> Result<Games, GamesError> {
        ignore_file_size_signal();
        let path = Games::path_in(data_dir);
        fs::create_dir_all(data_dir).map_err(|error| GamesError::Io {
            path: data_dir.to_owned(),
            error,
        })?;
        match inspect(&path) {
            Err(e @ (GamesError::NotAFile { .. } | GamesError::NotADatabase { .. })) => {
                notes.push(move_foreign(&path, &e, now)?);
            }
            Err(e) => return Err(e),
            Ok(_) => {}
        }
        match Games::open_rw(&path, now) {
            Err(GamesError::Sqlite { error, .. }) if is_damage(&error) => {
                notes.push(Games::repair(&path, &error, now)?);
                Games::open_rw(&path, now)
            }
            other => other,
        }
    }

    /// Saves the games waiting in the pending folder, then imports an old
    /// log in batches; with `rename`, the log is renamed once it is in.
    /// A failure is a note: whatever is left is done next time.
    fn catch_up(&mut self, data_dir: &Path, rename: bool) -> Notes {
        let mut notes = match self.merge_waiting(data_dir) {
            Ok(notes) => notes,
            Err(e) => vec![format!(
                "the games waiting in {} could not be saved yet: {e}",
                shown(&pending::pending_dir(data_dir))
            )],
        };
        match self.import_log(data_dir, rename) {
            Ok(more) => notes.extend(more),
            Err(e) => notes.push(format!("the old saved scores could not be imported: {e}")),
        }
        notes
    }

    fn open_rw(path: &Path, now: Now) -> Result<Games, GamesError> {
        inspect(path)?;
        let sqlite = sqlite_at(path);
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sqlite)?;
        conn.busy_handler(Some(wait_a_little)).map_err(sqlite)?;
        // WAL is a property of the file: set once, kept. A read-only file
        // keeps whatever mode it has.
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .map_err(sqlite)?;
        if !mode.eq_ignore_ascii_case("wal") && !conn.is_readonly("main").unwrap_or(true) {
            conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
                .map_err(sqlite)?;
        }
        // In WAL mode NORMAL never corrupts the database, and a commit
        // waits for no fsync; a power cut can lose the games saved since
        // the last checkpoint. Closing does not checkpoint (no fsync per
        // game): `save` checkpoints, and empties the WAL, once it has grown
        // past WAL_CHECKPOINT_BYTES.
        conn.execute_batch(
            "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
             PRAGMA wal_autocheckpoint = 0;",
        )
        .map_err(sqlite)?;
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .map_err(sqlite)?;
        let mut games = Games {
            conn,
            path: path.to_owned(),
            now,
        };
        games.migrate()?;
        Ok(games)
    }

    fn sqlite(&self, error: rusqlite::Error) -> GamesError {
        sqlite_at(&self.path)(error)
    }

    fn version(&self) -> Result<i64, GamesError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.sqlite(e))
    }

    fn migrate(&mut self) -> Result<(), GamesError> {
        let current = MIGRATIONS.len() as i64;
        let check = |version: i64, path: &Path| {
            if version > current {
                Err(GamesError::Newer {
                    path: path.to_owned(),
                    version,
                })
            } else {
                Ok(())
            }
        };
        let version = self.version()?;
        check(version, &self.path)?;
        if version == current {
            return Ok(());
        }
        let path = self.path.clone();
        let sqlite = sqlite_at(&path);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sqlite)?;
        // Another game may have migrated while this one waited.
        let version: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(sqlite)?;
        check(version, &path)?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql).map_err(sqlite)?;
            tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))
                .map_err(sqlite)?;
        }
        tx.commit().map_err(sqlite)
    }

    /// Runs a read, in one read transaction so it sees one moment.
    fn read<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, GamesError> {
        let tx = self
            .conn
            .unchecked_transaction()
            .map_err(|e| self.sqlite(e))?;
        let out = f(&tx).map_err(|e| self.sqlite(e))?;
        tx.finish().map_err(|e| self.sqlite(e))?;
        Ok(out)
    }

    /// Whether an error is damage to the database.
    pub fn is_damage(e: &GamesError) -> bool {
        matches!(e, GamesError::Sqlite { error, .. } if is_damage(error))
    }
}

/// SQLite's busy handler: retries every 2 ms until [`BUSY_TIMEOUT`]. Its
/// own handler backs off to 100 ms between tries, so a game waiting behind
/// an import (which takes the lock again straight after each batch) would
/// wait for the whole import; tried this often, it gets the lock in the
/// pause between two batches.
fn wait_a_little(tries: i32) -> bool {
    const STEP: Duration = Duration::from_millis(2);
    if STEP * tries.max(0) as u32 >= BUSY_TIMEOUT {
        return false;
    }
    std::thread::sleep(STEP);
    true
}

/// A `file:` URI that opens `path` as an immutable database.
fn immutable_uri(path: &Path) -> String {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut uri = String::from("file:");
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// A write past the file-size limit sends SIGXFSZ, which kills by default.
/// Ignored, the write fails with EFBIG instead, and the save is a warning.
/// Set at start-up by every command, and again before writing.
pub fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN installs no handler
    // and touches no memory; it is safe at any time.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// An SQLite error on the database at `path`, as a [`GamesError`].
fn sqlite_at(path: &Path) -> impl Fn(rusqlite::Error) -> GamesError + Copy + '_ {
    move |error| GamesError::Sqlite {
        path: path.to_owned(),
        error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::Difficulty;
    use chrono::TimeZone;

    /// A fixed time: the store only ever gets the time from its caller.
    fn now() -> Now {
        chrono::Local
            .with_ymd_and_hms(2026, 3, 4, 5, 6, 7)
            .single()
            .expect("a plain local time")
    }

    fn asked(prompt: &str, correct: bool) -> Asked {
        Asked {
            source: "s".into(),
            question: Question {
                prompt: prompt.into(),
                answer: "a".into(),
                distractors: vec!["b".into()],
                category: if correct { "Cat" } else { "cat" }.into(),
                difficulty: Difficulty::Easy,
                explanation: String::new(),
                meta: Default::default(),
            },
            known: true,
            correct,
        }
    }

    fn game(day: &str, mode: Mode, score: u32, missed: &[&str], right: &[&str]) -> SavedGame {
        let answers: Vec<Asked> = missed
            .iter()
            .map(|p| asked(p, false))
            .chain(right.iter().map(|p| asked(p, true)))
            .collect();
        SavedGame {
            ended: format!("{day}T12:00:00+00:00"),
            day: day.into(),
            seed: 1,
            mode,
            finished: true,
            sources: vec!["s".into()],
            seats: vec![Seat {
                name: None,
                score,
                correct: right.len(),
                total: answers.len(),
                best_streak: right.len() as u32,
                answers,
            }],
        }
    }

    fn prompts(games: &Games) -> Vec<String> {
        games
            .misses()
            .unwrap()
            .into_iter()
            .map(|m| m.question.prompt)
            .collect()
    }

    #[test]
    fn a_miss_leaves_the_list_only_when_answered_right_in_review() {
        let dir = tempfile::tempdir().unwrap();
        let (mut games, notes) = Games::open_to_write(dir.path(), now()).unwrap();
        assert!(notes.is_empty());
        games
            .save(&game("2026-11-20", Mode::Normal, 0, &["a", "b"], &[]))
            .unwrap();
        games
            .save(&game("2026-11-21", Mode::Normal, 0, &[], &["a"]))
            .unwrap();
        assert_eq!(prompts(&games), ["a", "b"], "a normal game clears nothing");
        games
            .save(&game("2026-11-22", Mode::Review, 0, &["a"], &["b"]))
            .unwrap();
        assert_eq!(prompts(&games), ["a"]);
        games
            .save(&game("2026-11-23", Mode::Review, 0, &[], &["A ", "b"]))
            .unwrap();
        assert!(
            prompts(&games).is_empty(),
            "compared without case or spaces"
        );
    }

    #[test]
    fn totals_add_up_and_a_second_daily_is_practice() {
        let dir = tempfile::tempdir().unwrap();
        let (mut games, _) = Games::open_to_write(dir.path(), now()).unwrap();
        let first = game("2026-11-24", Mode::Daily, 100, &["x"], &["y", "z"]);
        assert_eq!(games.save(&first).unwrap(), Mode::Daily);
        let again = game("2026-11-24", Mode::Daily, 900, &[], &["w"]);
        assert_eq!(games.save(&again).unwrap(), Mode::Practice);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let s = games.stats(today).unwrap();
        assert_eq!(s.games, 2);
        assert_eq!((s.accuracy.correct, s.accuracy.answered), (3, 4));
        assert_eq!(s.categories.len(), 1, "categories merge without case");
        assert_eq!(s.best_score, 100, "practice is not ranked");
        assert_eq!((s.daily_games, s.practice_games, s.daily_streak), (1, 1, 1));
        let (rows, all) = games.scores(None).unwrap();
        assert_eq!(all, 2);
        assert_eq!(rows[0].rank, Some(1));
        assert_eq!((rows[1].rank, rows[1].mode), (None, Mode::Practice));
        // Reopened read-only, it reads the same.
        drop(games);
        let (read, _) = Games::open_to_read(dir.path(), now()).unwrap();
        assert_eq!(read.unwrap().stats(today).unwrap(), s);
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        drop(Games::open_to_write(dir.path(), now()).unwrap());
        let conn = Connection::open(Games::path_in(dir.path())).unwrap();
        conn.execute_batch("PRAGMA user_version = 99").unwrap();
        drop(conn);
        let err = Games::open_to_write(dir.path(), now()).unwrap_err();
        assert!(err.to_string().contains("newer"), "{err}");
        let err = Games::open_to_read(dir.path(), now()).unwrap_err();
        assert!(err.to_string().contains("newer"), "{err}");
    }

    #[test]
    fn a_waiting_game_merged_twice_is_saved_once() {
        let dir = tempfile::tempdir().unwrap();
        let waiting = game("2026-11-20", Mode::Normal, 5, &["a"], &[]);
        let file = pending::put_aside(dir.path(), &waiting).unwrap();
        let copy = std::fs::read(&file).unwrap();
        let (games, notes) = Games::open_to_write(dir.path(), now()).unwrap();
        assert!(notes[0].contains("saved 1 game"), "{notes:?}");
        assert!(!file.exists());
        drop(games);
        // A merge cut short after its commit leaves the file behind.
        std::fs::write(&file, copy).unwrap();
        let (games, notes) = Games::open_to_write(dir.path(), now()).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        assert!(!file.exists());
        assert_eq!(games.scores(None).unwrap().1, 1);
    }

    #[test]
    fn an_import_cut_short_goes_on_from_its_last_batch_and_saves_each_game_once() {
        let dir = tempfile::tempdir().unwrap();
        let n = legacy::BATCH_GAMES * 2 + 7;
        let text: String = (0..n)
            .map(|i| {
                format!(
                    "{{\"v\":1,\"date\":\"2026-01-01T00:00:{:02}+00:00\",\"day\":\"2026-01-01\",\
                     \"seed\":{i},\"mode\":\"normal\",\"source\":[\"s\"],\"score\":1,\
                     \"correct\":1,\"total\":1,\"best_streak\":1,\"missed\":[],\"questions\":[]}}\n",
                    i % 60
                )
            })
            .collect();
        std::fs::write(dir.path().join(LEGACY_FILE_NAME), &text).unwrap();
        let mut notes = Vec::new();
        let games = Games::open(dir.path(), now(), &mut notes).unwrap();
        // One batch, then the process "dies".
        let (size, modified) = {
            let m = std::fs::metadata(dir.path().join(LEGACY_FILE_NAME)).unwrap();
            let t = m
                .modified()
                .unwrap()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap();
            (m.len() as i64, t.as_nanos() as i64)
        };
        let mut reader = None;
        let (done, complete) = games
            .import_batch(
                &dir.path().join(LEGACY_FILE_NAME),
                size,
                modified,
                &mut reader,
                &mut Vec::new(),
            )
            .unwrap();
        assert_eq!((done, complete), (legacy::BATCH_GAMES, false));
        drop(games);
        let (games, notes) = Games::open_to_read(dir.path(), now()).unwrap();
        let games = games.unwrap();
        assert!(notes.iter().any(|n| n.contains("imported")), "{notes:?}");
        let (rows, all) = games.scores(None).unwrap();
        assert_eq!(all, n);
        let mut seeds: Vec<u64> = rows.iter().map(|r| r.seed).collect();
        seeds.sort();
        assert_eq!(seeds, (0..n as u64).collect::<Vec<_>>());
    }
}
