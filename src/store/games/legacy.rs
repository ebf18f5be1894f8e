//! Importing the old `scores.jsonl` log once, in one transaction.

use super::*;

impl Games {
    /// Imports `scores.jsonl` from `data_dir` if it is there: every line
    /// that can be read, in one transaction; then the file is renamed,
    /// unchanged, to show it was imported.
    pub(super) fn import_log(&self, data_dir: &Path) -> Result<Notes, GamesError> {
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
                        log.display()
                    )]);
                }
                return Ok(Vec::new());
            }
            Err(e) => return Err(io_err(e)),
        };
        if !meta.is_file() {
            return Ok(vec![format!(
                "{}: is not a regular file (a folder, pipe or device); it was not read or imported",
                crate::text::escape_controls(&log.display().to_string())
            )]);
        }
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i64);
        let size = meta.len() as i64;
        let mut notes = Vec::new();
        // The write lock is taken before looking, so two games never both
        // import the same file.
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(|e| self.sqlite(e))?;
        let done: bool = tx
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM imports WHERE file = ?1 AND size = ?2 AND modified = ?3)",
                params![LEGACY_FILE_NAME, size, modified],
                |r| r.get(0),
            )
            .map_err(|e| self.sqlite(e))?;
        if !done && log.is_file() {
            let file = fs::File::open(&log).map_err(io_err)?;
            let (imported, bad) = self.import_lines(&tx, io::BufReader::new(file))?;
            tx.execute(
                "INSERT INTO imports (file, size, modified, games, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    LEGACY_FILE_NAME,
                    size,
                    modified,
                    imported as i64,
                    self.now.to_rfc3339()
                ],
            )
            .map_err(|e| self.sqlite(e))?;
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
            notes.push(format!(
                "imported {} from {LEGACY_FILE_NAME}",
                crate::format::count(imported as i64, "saved game")
            ));
        }
        tx.commit().map_err(|e| self.sqlite(e))?;
        self.checkpoint_if_long();
        // Renamed only once the import is safely in: if this fails or is
        // cut short, the import record stops a second import.
        if fs::metadata(&log).is_ok_and(|m| m.len() as i64 == size) {
            match move_aside(&log, "imported", self.now) {
                Ok(to) => notes.push(format!(
                    "the old file is kept, unchanged, as {}",
                    crate::text::escape_controls(&to.display().to_string())
                )),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => notes.push(format!(
                    "{LEGACY_FILE_NAME} was imported but could not be renamed: {e}"
                )),
            }
        }
        Ok(notes)
    }

    /// Reads an old log line by line (never all at once), saving each
    /// game; returns how many games were imported and the lines that could
    /// not be read, with why.
    fn import_lines(
        &self,
        tx: &Connection,
        mut reader: impl BufRead,
    ) -> Result<(usize, Vec<(usize, String)>), GamesError> {
        let mut bad = Vec::new();
        let mut imported = 0;
        let mut pending: Vec<LegacyEntry> = Vec::new();
        let mut buf = Vec::new();
        let mut number = 0;
        let mut flush = |pending: &mut Vec<LegacyEntry>| -> Result<(), GamesError> {
            if let Some(mut game) = LegacyEntry::into_game(std::mem::take(pending)) {
                if game.mode == Mode::Daily
                    && daily_counted(tx, &game.day).map_err(|e| self.sqlite(e))?
                {
                    game.mode = Mode::Practice;
                }
                insert_game(tx, &game).map_err(|e| self.sqlite(e))?;
                imported += 1;
            }
            Ok(())
        };
        loop {
            buf.clear();
            let n = (&mut reader)
                .take(MAX_LEGACY_LINE as u64 + 1)
                .read_until(b'\n', &mut buf)
                .map_err(|error| GamesError::Io {
                    path: self.path.with_file_name(LEGACY_FILE_NAME),
                    error,
                })?;
            if n == 0 {
                break;
            }
            number += 1;
            if buf.len() > MAX_LEGACY_LINE {
                bad.push((number, "the line is too long".to_owned()));
                // Skip the rest of the line.
                let mut rest = Vec::new();
                let _ = reader.read_until(b'\n', &mut rest);
                continue;
            }
            let complete = buf.last() == Some(&b'\n');
            let Ok(text) = std::str::from_utf8(&buf) else {
                bad.push((number, "not UTF-8 text".to_owned()));
                continue;
            };
            if text.trim().is_empty() {
                continue;
            }
            match LegacyEntry::parse(text.trim_end()) {
                Ok(entry) => {
                    if pending.last().is_some_and(|last| !last.same_game(&entry)) {
                        flush(&mut pending)?;
                    }
                    pending.push(entry);
                }
                Err(why) if !complete => {
                    bad.push((number, format!("the line is cut short ({why})")));
                }
                Err(why) => bad.push((number, why)),
            }
        }
        flush(&mut pending)?;
        Ok((imported, bad))
    }
}
