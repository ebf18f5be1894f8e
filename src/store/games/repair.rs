//! Damage: the saved games copied, table by table and row by row, out of a
//! database SQLite finds damaged, into a sound one. A table is read in key
//! order from both ends, so one bad page loses only the rows on it, and
//! indexes are never read (damage to an index loses nothing). The running
//! totals are worked out again from what was copied.
//!
//! A command that only reads copies into memory and shows that, leaving
//! every file as it is; a command that saves keeps the damaged file (and
//! its WAL) beside the new one, under a name that says how to go back.

use super::*;
use std::collections::HashMap;

/// The tables copied, parents first, with the key they are read in.
const TABLES: &[(&str, &str)] = &[
    ("games", "id"),
    ("players", "id"),
    ("questions", "id"),
    ("answers", "player, n"),
    ("misses", "rowid"),
    ("imports", "id"),
];

/// What a salvage found.
pub(super) struct Salvaged {
    /// Games copied.
    pub games: i64,
    /// Games the damaged file's totals said it held, if they could be read.
    pub expected: Option<i64>,
}

impl Salvaged {
    /// "all 12,000 saved games", "11,950 of 12,000 saved games".
    pub fn told(&self) -> String {
        let n = |v: i64| crate::format::thousands(v.max(0) as u64);
        let games = |v: i64| if v == 1 { "saved game" } else { "saved games" };
        match self.expected {
            Some(e) if e == self.games && e > 1 => format!("all {} {}", n(e), games(e)),
            Some(e) if e > self.games => format!("{} of {} {}", n(self.games), n(e), games(e)),
            _ => format!("{} {}", n(self.games), games(self.games)),
        }
    }
}

/// The columns of `table` in `conn`, or none if they cannot be read.
fn columns(conn: &Connection, table: &str) -> Vec<String> {
    let Ok(mut stmt) = conn.prepare(&format!("PRAGMA table_info({table})")) else {
        return Vec::new();
    };
    stmt.query_map([], |r| r.get::<_, String>(1))
        .map(|rows| rows.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

/// Copies the rows of one table that can be read: in key order until a
/// bad page, then from the other end back to it.
fn copy_table(src: &Connection, dst: &Connection, table: &str, key: &str) {
    let theirs = columns(src, table);
    let cols: Vec<String> = columns(dst, table)
        .into_iter()
        .filter(|c| theirs.contains(c))
        .collect();
    if cols.is_empty() {
        return;
    }
    let list = cols.join(", ");
    let marks = vec!["?"; cols.len()].join(", ");
    let Ok(mut insert) = dst.prepare(&format!(
        "INSERT OR IGNORE INTO {table} ({list}) VALUES ({marks})"
    )) else {
        return;
    };
    let desc_key = key
        .split(", ")
        .map(|k| format!("{k} DESC"))
        .collect::<Vec<_>>()
        .join(", ");
    for order in [key.to_owned(), desc_key] {
        let Ok(mut stmt) = src.prepare(&format!("SELECT {list} FROM {table} ORDER BY {order}"))
        else {
            return;
        };
        let Ok(mut rows) = stmt.query([]) else {
            continue;
        };
        // Stops at the end, or at a bad page: then the other end is tried.
        while let Ok(Some(row)) = rows.next() {
            let values: Vec<rusqlite::types::Value> =
                (0..cols.len()).filter_map(|i| row.get(i).ok()).collect();
            if values.len() != cols.len() {
                continue;
            }
            // Met a row already copied from the other end.
            if let Ok(0) = insert.execute(rusqlite::params_from_iter(values)) {
                break;
            }
        }
    }
}

/// Copies what can be read of `src` into `dst` (a new database with the
/// current schema), drops rows whose parent was lost, and works the
/// running totals out again.
pub(super) fn salvage(src: &Connection, dst: &mut Connection) -> rusqlite::Result<Salvaged> {
    let expected = src
        .query_row("SELECT games FROM totals", [], |r| r.get(0))
        .ok();
    let tx = dst.transaction()?;
    for (table, key) in TABLES {
        copy_table(src, &tx, table, key);
    }
    tx.execute_batch(
        "DELETE FROM players WHERE game NOT IN (SELECT id FROM games);
         DELETE FROM answers WHERE player NOT IN (SELECT id FROM players)
                                OR question NOT IN (SELECT id FROM questions);
         DELETE FROM misses WHERE question NOT IN (SELECT id FROM questions);
         UPDATE players SET correct = min(correct, total);
         UPDATE totals SET
            games = (SELECT count(*) FROM games),
            seats = (SELECT count(*) FROM players),
            correct = (SELECT coalesce(sum(correct), 0) FROM players),
            answered = (SELECT coalesce(sum(total), 0) FROM players),
            best_score = (SELECT coalesce(max(score), 0) FROM players WHERE ranked),
            best_streak = (SELECT coalesce(max(best_streak), 0) FROM players);
         DELETE FROM category_totals;",
    )?;
    // Categories are merged by their normalized name, as each save does.
    let mut by_key: HashMap<String, (String, i64, i64, usize)> = HashMap::new();
    {
        let mut stmt = tx.prepare(
            "SELECT q.category, a.correct FROM answers a JOIN questions q ON q.id = a.question
             ORDER BY a.player, a.n",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let name: String = r.get(0)?;
            let correct: bool = r.get(1)?;
            let order = by_key.len();
            let entry = by_key
                .entry(normalize(&name))
                .or_insert_with(|| (name, 0, 0, order));
            entry.1 += i64::from(correct);
            entry.2 += 1;
        }
    }
    for (key, (name, correct, answered, _)) in &by_key {
        tx.execute(
            "INSERT INTO category_totals (key, name, correct, answered) VALUES (?1, ?2, ?3, ?4)",
            params![key, name, correct, answered],
        )?;
    }
    let games = tx.query_row("SELECT count(*) FROM games", [], |r| r.get(0))?;
    tx.commit()?;
    Ok(Salvaged { games, expected })
}

/// An exclusive lock on `pending/repair.lock` while a repair runs (none
/// where locks are not supported: repairs at the same moment are rare).
struct RepairLock {
    _held: Option<fs::File>,
}

impl RepairLock {
    fn take(dir: &Path) -> RepairLock {
        let pending = dir.join(pending::PENDING_DIR);
        let file = fs::create_dir_all(&pending).and_then(|()| {
            fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(pending.join("repair.lock"))
        });
        let Ok(file) = file else {
            return RepairLock { _held: None };
        };
        #[cfg(unix)]
        {
            use std::os::unix::io::AsRawFd;
            // SAFETY: flock on a descriptor this value owns; it blocks until
            // the other repair ends, and closing the file releases it.
            unsafe {
                libc::flock(file.as_raw_fd(), libc::LOCK_EX);
            }
        }
        RepairLock { _held: Some(file) }
    }
}

/// Whether the database at `path` reads as sound now: another game may
/// have repaired it between this one's error and its turn to repair.
fn sound(path: &Path) -> bool {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| c.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)))
        .is_ok_and(|v| v == "ok")
}

/// Which file is at `path` (device and inode), to tell whether another
/// process replaced it.
fn identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        fs::metadata(path).ok().map(|m| (m.len(), 0))
    }
}

/// A new database with the current schema, on `conn`.
fn with_schema(conn: &Connection) -> rusqlite::Result<()> {
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        conn.execute_batch(sql)?;
        conn.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
    }
    Ok(())
}

impl Games {
    /// What can be read of this damaged database, copied into memory, to
    /// be read in its place; the files are left as they are. Returns the
    /// copy and a note saying so.
    pub fn salvaged(&self) -> Result<(Games, String), GamesError> {
        let sqlite = sqlite_at(&self.path);
        let mut mem = Connection::open_in_memory().map_err(sqlite)?;
        with_schema(&mem).map_err(sqlite)?;
        let found = salvage(&self.conn, &mut mem).map_err(sqlite)?;
        let note = format!(
            "{}: the saved games are damaged; {} could be read and are shown. \
             The next game you play repairs the file (and keeps the damaged one)",
            shown(&self.path),
            found.told()
        );
        Ok((
            Games {
                conn: mem,
                path: self.path.clone(),
                now: self.now,
            },
            note,
        ))
    }

    /// Repairs the damaged database at `path`: copies what can be read
    /// into a new file, moves the damaged one (and its WAL) aside, and puts
    /// the new one in its place. Returns a note that says where the damaged
    /// file went and how to go back to it.
    pub(super) fn repair(
        path: &Path,
        why: &rusqlite::Error,
        now: Now,
    ) -> Result<String, GamesError> {
        let sqlite = sqlite_at(path);
        let io = |error| GamesError::Io {
            path: path.to_owned(),
            error,
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        let before = identity(path);
        // One repair at a time; one that finds the file replaced while it
        // waited leaves the other's repair as it is.
        let _lock = RepairLock::take(dir);
        if identity(path) != before || sound(path) {
            return Ok(format!(
                "the saved games were damaged ({why}); another game repaired them meanwhile"
            ));
        }
        let fresh = tempfile::Builder::new()
            .prefix(".games-repair-")
            .tempfile_in(dir)
            .map_err(io)?;
        let found = {
            let mut dst = Connection::open(fresh.path()).map_err(sqlite)?;
            with_schema(&dst).map_err(sqlite)?;
            let found = match Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            ) {
                Ok(src) => salvage(&src, &mut dst).map_err(sqlite)?,
                Err(_) => Salvaged {
                    games: 0,
                    expected: None,
                },
            };
            dst.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
                .map_err(sqlite)?;
            dst.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
                .map_err(sqlite)?;
            found
        };
        fresh.as_file().sync_all().map_err(io)?;
        let moved = move_damaged_files(path, now).map_err(io)?;
        fresh.persist(path).map_err(|e| io(e.error))?;
        let _ = fs::remove_file(sidecar(path, "-wal"));
        pending::sync_dir(dir);
        Ok(format!(
            "the saved games were damaged ({why}); {} were copied into a new database. \
             The damaged file is kept as {}; to go back to it, move it to {}",
            found.told(),
            shown(&moved),
            shown(path)
        ))
    }
}
