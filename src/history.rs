//! Saved games: an append-only log, `scores.jsonl`, in the data folder.
//!
//! Each finished game is one JSON line. Every reader and writer holds an
//! exclusive lock on the log (the standard library's `File::lock`, an
//! advisory `flock` on Unix; no crate is needed for it) while it works, and
//! a writer appends all its lines with one `write_all` before unlocking, so
//! games that end at the same moment in different processes are all kept,
//! and no reader sees half a line.
//!
//! A log that cannot be read (junk, a truncated line, another format
//! version) is never overwritten: it is moved aside to
//! `scores.jsonl.damaged-<time>`, and a fresh log is started. The caller is
//! told so it can warn.

use crate::question::Question;
use serde::{Deserialize, Serialize};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The version written in every line; lines of another version are damage.
pub const FORMAT: u32 = 1;

/// The log's file name in the data folder.
pub const FILE_NAME: &str = "scores.jsonl";

/// How a game was played.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Normal,
    Daily,
    Review,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Daily => "daily",
            Mode::Review => "review",
        }
    }
}

/// One answered question, as the statistics need it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Asked {
    pub source: String,
    pub prompt: String,
    pub category: String,
    pub correct: bool,
}

/// A missed question, whole, so it can be practised later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Missed {
    pub source: String,
    pub question: Question,
}

/// One saved game (one player's part of a hot-seat game).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Always [`FORMAT`].
    pub v: u32,
    /// When the game ended: local time, RFC 3339.
    pub date: String,
    /// The day it counts for (`YYYY-MM-DD`): the challenge's date for a daily
    /// game, else the local date it was played.
    pub day: String,
    pub seed: u64,
    pub mode: Mode,
    /// Where its questions came from: `built-in`, `record:PATH`, `bank:PATH`.
    pub source: Vec<String>,
    /// The player's name in a hot-seat game.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub player: Option<String>,
    pub score: u32,
    pub correct: usize,
    pub total: usize,
    pub best_streak: u32,
    pub missed: Vec<Missed>,
    pub questions: Vec<Asked>,
}

/// A damaged log that was moved aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    /// Where the damaged log now is.
    pub moved_to: PathBuf,
    /// Where the first unreadable line is (`line 3`, `the last line`), and why.
    pub place: String,
    pub reason: String,
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the saved scores could not be read ({}: {}); they were moved to {} and a fresh file was started",
            self.place,
            crate::text::escape_controls(&self.reason),
            self.moved_to.display()
        )
    }
}

/// Parses a whole log: its entries, or the first line that is not one.
pub fn parse(text: &str) -> Result<Vec<Entry>, (usize, String)> {
    let mut entries = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let Some(body) = line.strip_suffix('\n') else {
            return Err((i + 1, "the line is cut short".into()));
        };
        if body.trim().is_empty() {
            continue;
        }
        let entry: Entry = serde_json::from_str(body).map_err(|e| (i + 1, e.to_string()))?;
        if entry.v != FORMAT {
            return Err((
                i + 1,
                format!("format version {}, expected {FORMAT}", entry.v),
            ));
        }
        entries.push(entry);
    }
    Ok(entries)
}

/// The log of saved games in a data folder.
#[derive(Debug, Clone)]
pub struct Log {
    path: PathBuf,
}

impl Log {
    /// The log in `data_dir` (created when first written).
    pub fn in_dir(data_dir: &Path) -> Self {
        Log {
            path: data_dir.join(FILE_NAME),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Opens the log and locks it, making sure the lock is on the file that
    /// is at the path now (another process may have moved a damaged log
    /// aside while this one waited).
    fn open_locked(&self, create: bool) -> io::Result<Option<File>> {
        for _ in 0..100 {
            let file = match OpenOptions::new()
                .read(true)
                .append(true)
                .create(create)
                .open(&self.path)
            {
                Ok(file) => file,
                Err(e) if e.kind() == io::ErrorKind::NotFound && !create => return Ok(None),
                Err(e) => return Err(e),
            };
            file.lock()?;
            if same_file(&file, &self.path) {
                return Ok(Some(file));
            }
        }
        Err(io::Error::other("the scores file keeps being replaced"))
    }

    /// Reads the locked log; a damaged one is moved aside and `None` is
    /// returned with the damage.
    fn read_locked(&self, file: &mut File) -> io::Result<Result<Vec<Entry>, Damage>> {
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        let parsed = match String::from_utf8(bytes) {
            Ok(text) => parse(&text),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                Err((line, "not UTF-8 text".into()))
            }
        };
        match parsed {
            Ok(entries) => Ok(Ok(entries)),
            Err((line, reason)) => {
                let moved_to = self.move_aside()?;
                Ok(Err(Damage {
                    moved_to,
                    place: format!("line {line}"),
                    reason,
                }))
            }
        }
    }

    /// Moves the log to a new `.damaged-<time>` name, never over a file.
    fn move_aside(&self) -> io::Result<PathBuf> {
        let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S");
        for n in 0..1000 {
            let suffix = if n == 0 {
                format!("damaged-{stamp}")
            } else {
                format!("damaged-{stamp}-{n}")
            };
            let target = self.path.with_file_name(format!("{FILE_NAME}.{suffix}"));
            // A hard link cannot replace an existing file; if links are not
            // supported, a rename to a name checked to be free comes close.
            match fs::hard_link(&self.path, &target) {
                Ok(()) => {
                    fs::remove_file(&self.path)?;
                    return Ok(target);
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(_) if !target.exists() => {
                    fs::rename(&self.path, &target)?;
                    return Ok(target);
                }
                Err(_) => continue,
            }
        }
        Err(io::Error::other(
            "no free name to move the damaged scores to",
        ))
    }

    /// Every saved game, oldest first. A missing log holds none.
    pub fn load(&self) -> io::Result<(Vec<Entry>, Option<Damage>)> {
        let Some(mut file) = self.open_locked(false)? else {
            return Ok((Vec::new(), None));
        };
        match self.read_locked(&mut file)? {
            Ok(entries) => Ok((entries, None)),
            Err(damage) => Ok((Vec::new(), Some(damage))),
        }
    }

    /// Appends `entries`. A damaged log is moved aside first, and the
    /// entries start a fresh one.
    pub fn append(&self, entries: &[Entry]) -> io::Result<Option<Damage>> {
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir)?;
        }
        let mut text = String::new();
        for e in entries {
            text.push_str(&serde_json::to_string(e).map_err(io::Error::other)?);
            text.push('\n');
        }
        let mut damage = None;
        let mut file = loop {
            let Some(mut file) = self.open_locked(true)? else {
                return Err(io::Error::other("the scores file could not be created"));
            };
            match last_line_problem(&mut file)? {
                None => break file,
                Some(reason) => {
                    // Rare, so worth a full read to name the line.
                    let place = format!("line {}", last_line_number(&mut file)?);
                    damage = Some(Damage {
                        moved_to: self.move_aside()?,
                        place,
                        reason,
                    })
                }
            }
        };
        // One write of whole lines at the end (the file is opened to
        // append), under the lock: no reader or writer sees half of it.
        file.write_all(text.as_bytes())?;
        file.flush()?;
        Ok(damage)
    }
}

/// What is wrong with the log's last line, if anything: it must end the
/// file with a newline and be a saved game of this format. Only the end of
/// the file is read, so saving stays quick however long the log grows; a
/// crash mid-write, junk added at the end or a log of another version all
/// show there. (Damage further up is found by [`Log::load`].)
fn last_line_problem(file: &mut File) -> io::Result<Option<String>> {
    use std::io::{Seek, SeekFrom};
    const CHUNK: u64 = 64 * 1024;
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(None);
    }
    // Read back from the end until the line before the last is found.
    let mut start = len;
    let mut tail: Vec<u8> = Vec::new();
    loop {
        let from = start.saturating_sub(CHUNK);
        let mut chunk = vec![0; (start - from) as usize];
        file.seek(SeekFrom::Start(from))?;
        file.read_exact(&mut chunk)?;
        chunk.extend_from_slice(&tail);
        tail = chunk;
        start = from;
        let body = &tail[..tail.len() - 1];
        if start == 0 || body.contains(&b'\n') {
            break;
        }
    }
    if tail.last() != Some(&b'\n') {
        return Ok(Some("the line is cut short".into()));
    }
    let body = &tail[..tail.len() - 1];
    let line = match body.iter().rposition(|&b| b == b'\n') {
        Some(i) => &body[i + 1..],
        None => body,
    };
    let Ok(line) = std::str::from_utf8(line) else {
        return Ok(Some("not UTF-8 text".into()));
    };
    if line.trim().is_empty() {
        return Ok(None);
    }
    Ok(match parse(&format!("{line}\n")) {
        Ok(_) => None,
        Err((_, reason)) => Some(reason),
    })
}

/// The 1-based number of the file's last line.
fn last_line_number(file: &mut File) -> io::Result<usize> {
    use std::io::{Seek, SeekFrom};
    file.seek(SeekFrom::Start(0))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
    Ok(if bytes.last() == Some(&b'\n') {
        newlines
    } else {
        newlines + 1
    })
}

/// Whether the open `file` is the file now at `path`.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::Difficulty;

    pub(crate) fn entry(score: u32) -> Entry {
        Entry {
            v: FORMAT,
            date: "2026-11-25T10:00:00+00:00".into(),
            day: "2026-11-25".into(),
            seed: 1,
            mode: Mode::Normal,
            source: vec!["built-in".into()],
            player: None,
            score,
            correct: 1,
            total: 2,
            best_streak: 1,
            missed: vec![Missed {
                source: "built-in".into(),
                question: Question {
                    prompt: "Who?".into(),
                    answer: "A".into(),
                    distractors: vec!["B".into()],
                    category: "cast".into(),
                    difficulty: Difficulty::Easy,
                    explanation: String::new(),
                    meta: Default::default(),
                },
            }],
            questions: vec![],
        }
    }

    #[test]
    fn appended_games_load_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let log = Log::in_dir(&dir.path().join("data"));
        assert_eq!(log.load().unwrap(), (vec![], None));
        assert_eq!(log.append(&[entry(5)]).unwrap(), None);
        assert_eq!(log.append(&[entry(7), entry(9)]).unwrap(), None);
        let (entries, damage) = log.load().unwrap();
        assert_eq!(damage, None);
        let scores: Vec<u32> = entries.iter().map(|e| e.score).collect();
        assert_eq!(scores, [5, 7, 9]);
    }

    #[test]
    fn a_damaged_log_is_moved_aside_never_overwritten() {
        for junk in [
            &b"\x00\xffjunk\n"[..],
            b"{\"v\":1,\"date\":",
            b"{\"v\":0,\"score\":3}\n",
        ] {
            let dir = tempfile::tempdir().unwrap();
            let log = Log::in_dir(dir.path());
            let mut good = serde_json::to_string(&entry(1)).unwrap().into_bytes();
            good.push(b'\n');
            let damaged: Vec<u8> = [good.as_slice(), junk].concat();
            fs::write(log.path(), &damaged).unwrap();
            let damage = log
                .append(&[entry(2)])
                .unwrap()
                .expect("damage is reported");
            assert_eq!(damage.place, "line 2");
            assert_eq!(
                fs::read(&damage.moved_to).unwrap(),
                damaged,
                "kept byte for byte"
            );
            let (entries, again) = log.load().unwrap();
            assert_eq!(again, None);
            assert_eq!(entries.iter().map(|e| e.score).collect::<Vec<_>>(), [2]);
        }
    }
}
