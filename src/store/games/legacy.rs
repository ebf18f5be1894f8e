//! Importing the old `scores.jsonl` log once, in committed batches.
//!
//! Each batch is one short transaction that also records how many bytes
//! of the log are in, so a game that ends meanwhile waits for one batch at
//! most, and an import cut short (a kill, a full disk) goes on from where
//! it stopped the next time. The log is renamed only after the last batch
//! is on disk, and only by a command that saves a game.

use super::*;
use std::io::{Seek, SeekFrom};

/// Games written per transaction.
pub(super) const BATCH_GAMES: usize = 500;

/// The pause after each batch: a waiting game (which tries every 2 ms)
/// takes the lock in it.
const BATCH_PAUSE: std::time::Duration = std::time::Duration::from_millis(5);

/// An import's row in `imports`.
struct Progress {
    id: i64,
    /// Bytes of the log in so far; `None` once all of it is.
    done: Option<u64>,
}

/// Skips the rest of a line without keeping it; returns the bytes skipped.
fn skip_line(reader: &mut impl BufRead) -> io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(skipped);
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(skipped + i as u64 + 1);
            }
            None => {
                let n = buf.len();
                reader.consume(n);
                skipped += n as u64;
            }
        }
    }
}

impl Games {
    /// Imports `scores.jsonl` from `data_dir` if it is there and not yet
    /// in, then (with `rename`) renames it, unchanged, to show it was
    /// imported.
    pub(super) fn import_log(&self, data_dir: &Path, rename: bool) -> Result<Notes, GamesError> {
        let log = data_dir.join(LEGACY_FILE_NAME);
        let io_err = |error| GamesError::Io {
            path: log.clone(),
            error,
        };
        let meta = match fs::metadata(&log) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if fs::symlink_metadata(&log).is_ok() {
                    return Ok(vec![format!(
                        "{}: is a link to nothing; it was not imported",
                        shown(&log)
                    )]);
                }
                return Ok(Vec::new());
            }
            Err(e) => return Err(io_err(e)),
        };
        if !meta.is_file() {
            return Ok(vec![format!(
                "{}: is not a regular file (a folder, pipe or device); it was not read or imported",
                shown(&log)
            )]);
        }
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i64);
        let size = meta.len() as i64;
        let mut notes = Vec::new();
        let mut bad: Vec<(usize, String)> = Vec::new();
        let mut reader: Option<(io::BufReader<fs::File>, u64, usize)> = None;
        let mut imported_now = 0usize;
        self.durable(true)?;
        let outcome = loop {
            match self.import_batch(&log, size, modified, &mut reader, &mut bad) {
                Ok((n, true)) => {
                    imported_now += n;
                    break Ok(());
                }
                Ok((n, false)) => {
                    imported_now += n;
                    // A pause between batches, for a game waiting to save.
                    std::thread::sleep(BATCH_PAUSE);
                }
                Err(e) => break Err(e),
            }
        };
        self.durable(false)?;
        if !bad.is_empty() {
            const SHOWN: usize = 10;
            let mut text = format!(
                "{} of {LEGACY_FILE_NAME} could not be read and {} not imported:",
                crate::format::count(bad.len() as i64, "line"),
                if bad.len() == 1 { "was" } else { "were" }
            );
            for (line, why) in bad.iter().take(SHOWN) {
                text.push_str(&format!(
                    "\n  line {line}: {}",
                    crate::text::escape_controls(why)
                ));
            }
            if bad.len() > SHOWN {
                text.push_str(&format!("\n  and {} more", bad.len() - SHOWN));
            }
            notes.push(text);
        }
        if let Err(e) = outcome {
            notes.push(format!(
                "the old saved scores were not all imported ({e}); {} so far, the rest on the next run",
                crate::format::count(imported_now as i64, "game")
            ));
            return Ok(notes);
        }
        if reader.is_some() {
            notes.push(format!(
                "imported {} from {LEGACY_FILE_NAME}",
                crate::format::count(imported_now as i64, "saved game")
            ));
        }
        self.checkpoint_if_long();
        if !rename {
            return Ok(notes);
        }
        // Renamed only once every batch is on disk: if this fails or is cut
        // short, the import record stops a second import.
        if fs::metadata(&log).is_ok_and(|m| m.len() as i64 == size) {
            match move_aside(&log, "imported", self.now) {
                Ok(to) => {
                    pending::sync_dir(data_dir);
                    notes.push(format!(
                        "the old file is kept, unchanged, as {}",
                        shown(&to)
                    ))
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => notes.push(format!(
                    "{LEGACY_FILE_NAME} was imported but could not be renamed: {e}"
                )),
            }
        }
        Ok(notes)
    }

    /// One batch: up to [`BATCH_GAMES`] games from where the import stands,
    /// in one transaction with the new progress. Returns the games written
    /// and whether the import is complete.
    pub(super) fn import_batch(
        &self,
        log: &Path,
        size: i64,
        modified: i64,
        reader: &mut Option<(io::BufReader<fs::File>, u64, usize)>,
        bad: &mut Vec<(usize, String)>,
    ) -> Result<(usize, bool), GamesError> {
        let sqlite = |e| self.sqlite(e);
        // The write lock is taken before looking, so two games never both
        // import the same bytes.
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(sqlite)?;
        let found = {
            use rusqlite::OptionalExtension;
            tx.query_row(
                "SELECT id, progress FROM imports
                 WHERE file = ?1 AND size = ?2 AND modified = ?3 ORDER BY id DESC",
                params![LEGACY_FILE_NAME, size, modified],
                |r| {
                    Ok(Progress {
                        id: r.get(0)?,
                        done: r.get::<_, Option<i64>>(1)?.map(|d| d as u64),
                    })
                },
            )
            .optional()
            .map_err(sqlite)?
        };
        let progress = match found {
            Some(Progress { done: None, .. }) => {
                tx.commit().map_err(sqlite)?;
                return Ok((0, true));
            }
            Some(p) => p,
            None => {
                tx.execute(
                    "INSERT INTO imports (file, size, modified, games, at, progress)
                     VALUES (?1, ?2, ?3, 0, ?4, 0)",
                    params![LEGACY_FILE_NAME, size, modified, self.now.to_rfc3339()],
                )
                .map_err(sqlite)?;
                Progress {
                    id: tx.last_insert_rowid(),
                    done: Some(0),
                }
            }
        };
        let start = progress.done.unwrap_or(0);
        let io_err = |error| GamesError::Io {
            path: log.to_owned(),
            error,
        };
        if reader.is_none() {
            let file = fs::File::open(log).map_err(io_err)?;
            *reader = Some((io::BufReader::new(file), 0, 0));
        }
        let (file, at, line) = reader.as_mut().expect("opened above");
        if *at != start {
            // Another process imported meanwhile: go on from where it is.
            file.seek(SeekFrom::Start(start)).map_err(io_err)?;
            *at = start;
        }
        let (games, end, complete) = self.import_lines(&tx, file, at, line, bad)?;
        tx.execute(
            "UPDATE imports SET progress = ?1, games = games + ?2 WHERE id = ?3",
            params![(!complete).then_some(end as i64), games as i64, progress.id],
        )
        .map_err(sqlite)?;
        tx.commit().map_err(sqlite)?;
        Ok((games, complete))
    }

    /// Reads lines from `*at` (never a whole over-long line into memory),
    /// saving each game, until [`BATCH_GAMES`] games are written or the log
    /// ends. Returns the games written, the offset the next batch starts
    /// from (the start of a game not yet written) and whether the log
    /// ended.
    fn import_lines(
        &self,
        tx: &Connection,
        reader: &mut io::BufReader<fs::File>,
        at: &mut u64,
        number: &mut usize,
        bad: &mut Vec<(usize, String)>,
    ) -> Result<(usize, u64, bool), GamesError> {
        let mut imported = 0;
        let mut pending: Vec<LegacyEntry> = Vec::new();
        let mut buf = Vec::new();
        let flush = |pending: &mut Vec<LegacyEntry>| -> Result<usize, GamesError> {
            let Some(mut game) = LegacyEntry::into_game(std::mem::take(pending)) else {
                return Ok(0);
            };
            if game.mode == Mode::Daily
                && daily_counted(tx, &game.day).map_err(|e| self.sqlite(e))?
            {
                game.mode = Mode::Practice;
            }
            insert_game(tx, &game, None).map_err(|e| self.sqlite(e))?;
            Ok(1)
        };
        let io_err = |error| GamesError::Io {
            path: self.path.with_file_name(LEGACY_FILE_NAME),
            error,
        };
        loop {
            buf.clear();
            let line_at = *at;
            let n = (&mut *reader)
                .take(MAX_LEGACY_LINE as u64 + 1)
                .read_until(b'\n', &mut buf)
                .map_err(io_err)?;
            if n == 0 {
                break;
            }
            *at += n as u64;
            *number += 1;
            if buf.len() > MAX_LEGACY_LINE {
                bad.push((*number, "the line is too long".to_owned()));
                if buf.last() != Some(&b'\n') {
                    *at += skip_line(reader).map_err(io_err)?;
                }
                continue;
            }
            let complete = buf.last() == Some(&b'\n');
            let Ok(text) = std::str::from_utf8(&buf) else {
                bad.push((*number, "not UTF-8 text".to_owned()));
                continue;
            };
            if text.trim().is_empty() {
                continue;
            }
            match LegacyEntry::parse(text.trim_end()) {
                Ok(entry) => {
                    if pending.last().is_some_and(|last| !last.same_game(&entry)) {
                        imported += flush(&mut pending)?;
                        if imported >= BATCH_GAMES {
                            // This line starts the next batch's first game:
                            // read it again then.
                            reader.seek(SeekFrom::Start(line_at)).map_err(io_err)?;
                            *at = line_at;
                            *number -= 1;
                            return Ok((imported, line_at, false));
                        }
                    }
                    pending.push(entry);
                }
                Err(why) if !complete => {
                    bad.push((*number, format!("the line is cut short ({why})")));
                }
                Err(why) => bad.push((*number, why)),
            }
        }
        imported += flush(&mut pending)?;
        Ok((imported, *at, true))
    }
}
