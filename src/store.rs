//! The user's data folder, where installed banks and saved games live.
//! Saved games are in [`games`], the only module that talks to SQLite.
//!
//! On Linux this is `$XDG_DATA_HOME/whiplash-quiz` (by default
//! `~/.local/share/whiplash-quiz`); banks are the `*.json` files in its
//! `banks` folder, each named by its file stem. Writes go to a temporary
//! file in the same folder that is then renamed into place, so a bank is
//! either fully installed or not at all.

pub mod games;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The longest bank name.
pub const MAX_NAME: usize = 64;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Neither `XDG_DATA_HOME` nor `HOME` gives a data folder.
    #[error("cannot find your data folder: set XDG_DATA_HOME or HOME")]
    NoHome,
    #[error(
        "{0:?} is not a bank name: use 1 to {MAX_NAME} letters, digits, `-`, `_` or `.`, not starting with `.`"
    )]
    BadName(String),
    #[error("no installed bank is called {name:?}; {}", installed_list(.installed))]
    NotInstalled {
        name: String,
        installed: Vec<String>,
    },
    #[error(
        "a bank called {name:?} is already installed at {}; use --force to replace it",
        .path.display()
    )]
    Exists { name: String, path: PathBuf },
    #[error("{}: {error}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        error: io::Error,
    },
}

/// The installed banks, for a name that is not among them.
fn installed_list(installed: &[String]) -> String {
    if installed.is_empty() {
        "none are installed (add one with `whiplash-quiz banks add FILE`)".into()
    } else {
        format!("installed: {}", installed.join(", "))
    }
}

/// The user's data folder for the game: `$XDG_DATA_HOME/whiplash-quiz` on
/// Linux (by default `~/.local/share/whiplash-quiz`).
pub fn data_dir() -> Result<PathBuf, StoreError> {
    let dirs = directories::ProjectDirs::from("", "", "whiplash-quiz").ok_or(StoreError::NoHome)?;
    Ok(dirs.data_dir().to_path_buf())
}

/// Whether `name` can name an installed bank.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The installed banks.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The store in the user's data folder (not created until written to).
    pub fn locate() -> Result<Store, StoreError> {
        Ok(Store::at(data_dir()?.join("banks")))
    }

    /// A store kept in `dir`.
    pub fn at(dir: PathBuf) -> Store {
        Store { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the bank `name` is or would be installed.
    pub fn path_of(&self, name: &str) -> Result<PathBuf, StoreError> {
        let name = name.strip_suffix(".json").unwrap_or(name);
        if !valid_name(name) {
            return Err(StoreError::BadName(name.to_owned()));
        }
        Ok(self.dir.join(format!("{name}.json")))
    }

    /// The installed banks' names, sorted. A missing folder holds none.
    pub fn names(&self) -> Result<Vec<String>, StoreError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => {
                return Err(StoreError::Io {
                    path: self.dir.clone(),
                    error,
                });
            }
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let path = e.path();
                if path.extension()? != "json" || !path.is_file() {
                    return None;
                }
                let name = path.file_stem()?.to_str()?.to_owned();
                valid_name(&name).then_some(name)
            })
            .collect();
        names.sort();
        Ok(names)
    }

    /// The path of the installed bank `name`.
    pub fn find(&self, name: &str) -> Result<PathBuf, StoreError> {
        let name = name.strip_suffix(".json").unwrap_or(name);
        let path = self.path_of(name)?;
        if path.is_file() {
            Ok(path)
        } else {
            Err(StoreError::NotInstalled {
                name: name.to_owned(),
                installed: self.names()?,
            })
        }
    }

    /// Installs `bytes` as the bank `name`, atomically. Refuses to replace
    /// an installed bank unless `force`.
    pub fn install(&self, name: &str, bytes: &[u8], force: bool) -> Result<PathBuf, StoreError> {
        let path = self.path_of(name)?;
        let io_err = |error: io::Error| StoreError::Io {
            path: self.dir.clone(),
            error,
        };
        if !force && path.is_file() {
            return Err(StoreError::Exists {
                name: name.to_owned(),
                path,
            });
        }
        fs::create_dir_all(&self.dir).map_err(io_err)?;
        match write_atomic(&path, bytes, force) {
            Ok(()) => Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(StoreError::Exists {
                name: name.to_owned(),
                path,
            }),
            Err(error) => Err(StoreError::Io { path, error }),
        }
    }

    /// Removes the installed bank `name`, returning where it was.
    pub fn remove(&self, name: &str) -> Result<PathBuf, StoreError> {
        let path = self.find(name)?;
        fs::remove_file(&path).map_err(|error| StoreError::Io {
            path: path.clone(),
            error,
        })?;
        Ok(path)
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder
/// that is synced and renamed into place: readers see the old file or the
/// new one, never half of one. Without `overwrite` an existing file is an
/// `AlreadyExists` error and is left as it was.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    // A temporary file is private; the file it becomes is an ordinary one.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(fs::Permissions::from_mode(0o644))?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    let persisted = if overwrite {
        tmp.persist(path)
    } else {
        tmp.persist_noclobber(path)
    };
    persisted.map(|_| ()).map_err(|e| e.error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_plain_file_stems() {
        for good in ["jazz", "jazz-2", "Jazz_Standards.v1", "a"] {
            assert!(valid_name(good), "{good}");
        }
        let long = "x".repeat(MAX_NAME + 1);
        for bad in [
            "",
            ".hidden",
            "a/b",
            "..",
            "a b",
            "é",
            "a\\b",
            long.as_str(),
        ] {
            assert!(!valid_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn install_refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("banks"));
        assert!(store.names().unwrap().is_empty());
        let path = store.install("jazz", b"one", false).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one");
        let err = store.install("jazz", b"two", false).unwrap_err();
        assert!(matches!(err, StoreError::Exists { .. }), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"one", "the bank was changed");
        store.install("jazz", b"two", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(store.names().unwrap(), ["jazz"]);
        assert_eq!(store.find("jazz.json").unwrap(), path);
        store.remove("jazz").unwrap();
        let err = store.remove("jazz").unwrap_err();
        assert!(err.to_string().contains("none are installed"), "{err}");
    }
}
