//! Games waiting to be saved: a finished game the database cannot take
//! now (another game holds it past the busy timeout, the disk is full, the
//! file-size limit, a newer schema, damage past repair) is written whole to
//! its own file in `pending/`, synced, and merged into the database the
//! next time it is opened to write. Each file's name is the game's token;
//! the token is saved with the game, so a merge cut short after its commit
//! never saves a game twice.

use super::*;

/// The folder of games waiting to be saved, in the data folder.
pub const PENDING_DIR: &str = "pending";

/// The largest waiting game read back (a ten-question game is a few KiB).
const MAX_PENDING_BYTES: u64 = 16 * 1024 * 1024;

/// Space kept in reserve in the pending folder: a save that fails on a
/// full disk has often used up the last free bytes (SQLite's log grows
/// before it fails), so this file is removed to make room for the game.
const RESERVE_BYTES: usize = 256 * 1024;

/// The reserve's file name in the pending folder.
const RESERVE: &str = "reserve";

/// Makes the reserve if it is missing (best effort: on a full disk there
/// is simply none until space comes back).
pub(super) fn keep_reserve(data_dir: &Path) {
    let path = pending_dir(data_dir).join(RESERVE);
    if fs::symlink_metadata(&path).is_ok() {
        return;
    }
    let made = fs::create_dir_all(pending_dir(data_dir))
        .and_then(|()| crate::store::write_atomic(&path, &vec![0u8; RESERVE_BYTES], false));
    if made.is_err() {
        let _ = fs::remove_file(&path);
    }
}

/// Frees the reserve's space for a game that must wait.
fn release_reserve(data_dir: &Path) {
    let path = pending_dir(data_dir).join(RESERVE);
    if fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        let _ = fs::remove_file(path);
    }
}

/// The folder of waiting games in `data_dir`.
pub fn pending_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(PENDING_DIR)
}

/// FNV-1a, 64 bits: a token from a game's bytes (with the process id, so
/// that two equal games saved at once get two tokens).
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Writes `game` to a new file in the pending folder, synced, and returns
/// its path.
pub fn put_aside(data_dir: &Path, game: &SavedGame) -> io::Result<PathBuf> {
    release_reserve(data_dir);
    let dir = pending_dir(data_dir);
    fs::create_dir_all(&dir)?;
    let json = serde_json::to_vec(game).map_err(io::Error::other)?;
    let base = fnv(&json) ^ u64::from(std::process::id()).rotate_left(32);
    for n in 0..1000u64 {
        let path = dir.join(format!("game-{:016x}.json", base.wrapping_add(n)));
        match crate::store::write_atomic(&path, &json, false) {
            Ok(()) => {
                sync_dir(&dir);
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free name for the waiting game"))
}

/// Makes a rename or removal in `dir` durable (best effort: not every
/// system can sync a folder).
pub(super) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The waiting games' files: regular files named `game-*.json`, in name
/// order. Links and anything else are left alone.
pub(super) fn waiting(data_dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(pending_dir(data_dir)) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("game-") && n.ends_with(".json"))
        })
        .collect();
    found.sort();
    found
}

/// Whether any game waits to be saved in `data_dir`.
pub fn any_waiting(data_dir: &Path) -> bool {
    !waiting(data_dir).is_empty()
}

/// Reads one waiting game, within its size limit.
fn read_waiting(path: &Path) -> Result<SavedGame, String> {
    let file = fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_PENDING_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_PENDING_BYTES {
        return Err("the file is too long".into());
    }
    serde_json::from_slice(&bytes).map_err(|e| e.to_string())
}

impl Games {
    /// Saves every waiting game, oldest first, each in its own durable
    /// transaction, and removes its file once the game is in. A file that
    /// cannot be read is left where it is, with a note.
    pub(super) fn merge_waiting(&mut self, data_dir: &Path) -> Result<Notes, GamesError> {
        let files = waiting(data_dir);
        if files.is_empty() {
            return Ok(Vec::new());
        }
        let mut notes = Vec::new();
        let mut games: Vec<(String, PathBuf, SavedGame)> = Vec::new();
        for path in files {
            match read_waiting(&path) {
                Ok(game) => {
                    let token = path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    games.push((token, path, game));
                }
                Err(why) => notes.push(format!(
                    "{}: a game waiting to be saved could not be read ({}); it was left where it is",
                    shown(&path),
                    crate::text::escape_controls(&why)
                )),
            }
        }
        games.sort_by(|a, b| a.2.ended.cmp(&b.2.ended).then_with(|| a.0.cmp(&b.0)));
        let mut merged = 0;
        // The file is removed only once its game is on disk.
        self.durable(true)?;
        let result = (|| {
            for (token, path, game) in &games {
                if self.save_with_token(game, Some(token))?.is_some() {
                    merged += 1;
                }
                let _ = fs::remove_file(path);
            }
            Ok(())
        })();
        self.durable(false)?;
        result?;
        sync_dir(&pending_dir(data_dir));
        if merged > 0 {
            notes.push(format!(
                "saved {} that had been waiting in {}",
                crate::format::count(merged, "game"),
                shown(&pending_dir(data_dir))
            ));
        }
        Ok(notes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_waiting_game_reads_back_as_it_was_and_gets_its_own_name() {
        let dir = tempfile::tempdir().unwrap();
        let game = SavedGame {
            ended: "2026-03-04T05:06:07+00:00".into(),
            day: "2026-03-04".into(),
            seed: 9,
            mode: Mode::HotSeat,
            finished: false,
            sources: vec!["s".into()],
            seats: Vec::new(),
        };
        let a = put_aside(dir.path(), &game).unwrap();
        let b = put_aside(dir.path(), &game).unwrap();
        assert_ne!(a, b, "the same game twice is two files");
        assert_eq!(read_waiting(&a).unwrap(), game);
        assert_eq!(waiting(dir.path()), {
            let mut v = vec![a, b];
            v.sort();
            v
        });
    }
}
