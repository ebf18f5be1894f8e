//! What each command does, between the parsed arguments and the pure core:
//! reading files within their limits, gathering sources, and the commands
//! themselves (`play` in [`play`], bank commands in [`banks`], saved games
//! in [`scores`]).

mod banks;
mod menu;
mod party;
mod play;
mod scores;

pub use banks::{banks_add, banks_list, banks_remove, categories, check, import};
pub use menu::menu;
pub use party::{PartyOptions, party};
pub use play::{new_game, play, replay_command};
pub use scores::{scores, stats};

use crate::bank::{self, BankError, Keep, Loaded, MAX_BANK_BYTES, Parsed, Problem};
use crate::generate::generate;
use crate::history::Mode;
use crate::import::{self, Format};
use crate::pool::{self, Filter, NothingLeft, Pool};
use crate::question::{Bank, same};
use crate::record::{self, Film, RecordError};
use crate::rng::GameRng;
use crate::store::{self, Store, StoreError};
use crate::ui;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The largest record file read, in bytes.
pub const MAX_RECORD_BYTES: u64 = 4 * 1024 * 1024;

/// The default number of questions in a game.
pub const DEFAULT_COUNT: usize = 10;

/// Exit statuses.
pub mod exit {
    pub const OK: i32 = 0;
    pub const FAILURE: i32 = 1;
    pub const USAGE: i32 = 2;
    /// Ctrl-C. A game stopped by a signal exits with 128 + the signal:
    /// 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP.
    pub const INTERRUPTED: i32 = 130;
}

/// A failure that ends a command. Each wraps its cause, which stays
/// reachable through `source()`.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Record(#[from] RecordError),
    /// Every broken bank met, each with all its problems.
    #[error("{}", lines(.0))]
    Banks(Vec<BankError>),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Filter(#[from] NothingLeft),
    /// The saved games cannot be read.
    #[error(transparent)]
    Games(#[from] crate::store::games::GamesError),
    /// A file that cannot be used, with why.
    #[error("{file}: {message}")]
    File { file: String, message: String },
    #[error(transparent)]
    Io(#[from] io::Error),
    /// The party server cannot listen on its address.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: String,
        #[source]
        source: io::Error,
    },
}

/// Each error on its own line.
fn lines(errors: &[BankError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where a game's questions come from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// `--bank` arguments as given: files, folders or installed names.
    pub banks: Vec<PathBuf>,
    /// Another film's record instead of the built-in one.
    pub record: Option<PathBuf>,
}

/// The kind of game to play, with the data only that kind has: the
/// command line and the start menu build this one value, and the mode a
/// game is saved under is read from it, so the two cannot disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setup {
    /// One player, questions from the film or banks.
    Normal,
    /// The daily challenge of this date; `None` is today, filled in by
    /// `play` (the only reader of the clock).
    Daily(Option<chrono::NaiveDate>),
    /// The saved misses, played again.
    Review,
    /// Two to four players taking turns.
    HotSeat(Vec<String>),
}

impl Setup {
    /// The mode the game is saved under. (`play` makes a daily challenge
    /// already played that day practice.)
    pub fn mode(&self) -> Mode {
        match self {
            Setup::Normal => Mode::Normal,
            Setup::Daily(_) => Mode::Daily,
            Setup::Review => Mode::Review,
            Setup::HotSeat(_) => Mode::HotSeat,
        }
    }

    /// The hot-seat players; none for one player.
    pub fn players(&self) -> &[String] {
        match self {
            Setup::HotSeat(players) => players,
            _ => &[],
        }
    }

    /// The daily challenge's date, once known.
    pub fn daily(&self) -> Option<chrono::NaiveDate> {
        match self {
            Setup::Daily(date) => *date,
            _ => None,
        }
    }
}

/// Saves a finished game (`play`'s or `party`'s). Never fails the game: a
/// problem is a warning, and a game the database cannot take now waits in
/// the pending folder.
fn save(game: &crate::history::SavedGame) {
    match store::data_dir() {
        Ok(dir) => {
            for note in store::games::keep(&dir, game, chrono::Local::now()).notes {
                ui::warn(&note);
            }
        }
        Err(e) => ui::warn(&format!("your score was not saved: {e}")),
    }
}

/// `items` without repeats, in the order they first come: the sources a
/// saved game drew on.
fn distinct(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// A fresh seed of six to nine digits, from the operating system, for a
/// game started without `--seed`.
pub fn fresh_seed() -> u64 {
    crate::rng::short_seed(rand::random())
}

/// Options for `play`.
#[derive(Debug, Clone)]
pub struct PlayOptions {
    pub seed: Option<u64>,
    pub count: usize,
    pub plain: bool,
    pub json: bool,
    pub sources: Sources,
    pub filter: Filter,
    /// Don't save this game.
    pub no_save: bool,
    /// The kind of game and what only that kind needs.
    pub setup: Setup,
    /// Time allowed per question (`--timer`), in a terminal.
    pub timer: Option<std::time::Duration>,
    /// Ring the terminal bell on each answer.
    pub bell: bool,
    /// The name the program was run under, for the replay command.
    pub program: String,
}

/// The program's name as it was run: the file name of `argv[0]`, or
/// `whiplash-quiz`.
pub fn program_name(arg0: Option<&std::ffi::OsStr>) -> String {
    arg0.and_then(|a| Path::new(a).file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "whiplash-quiz".to_owned())
}

/// Checks hot-seat names: two to four distinct, non-empty names,
/// comma-separated.
pub fn parse_players(text: &str) -> Result<Vec<String>, String> {
    let names: Vec<String> = text.split(',').map(|n| n.trim().to_owned()).collect();
    if !(2..=4).contains(&names.len()) {
        return Err(format!(
            "give two to four names separated by commas, such as \"Ana,Ben\" (got {})",
            names.len()
        ));
    }
    for (i, name) in names.iter().enumerate() {
        if name.is_empty() {
            return Err("a player's name is empty".into());
        }
        if name.chars().count() > 24 {
            return Err(format!("the name {name:?} is longer than 24 characters"));
        }
        if name.chars().any(crate::text::is_control) {
            return Err("a player's name holds a control character".into());
        }
        if names[..i].iter().any(|n| same(n, name)) {
            return Err(format!("{name:?} is named twice"));
        }
    }
    Ok(names)
}

/// The name a path is shown under in messages.
/// The name a path is shown under: control characters (a newline in a file
/// name among them) escaped, so a name can never forge a line of output.
pub(crate) fn shown(path: &Path) -> String {
    crate::text::escape_controls(&path.display().to_string()).into_owned()
}

/// The file at `path`, open, once it is known to be a regular file of at
/// most `limit` bytes, and its size. Read it through `take(limit + 1)`: it
/// may grow.
pub(crate) fn open_text(path: &Path, limit: u64) -> Result<(std::fs::File, u64), AppError> {
    let fail = |message: String| AppError::File {
        file: shown(path),
        message,
    };
    // Look before opening: opening a FIFO would wait for a writer forever.
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("cannot read it: {e}")))?;
    if meta.is_dir() {
        return Err(fail("is a folder, not a file".into()));
    }
    if !meta.is_file() {
        return Err(fail(
            "is not a regular file (a device, pipe or socket); give a file".into(),
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(format!("cannot read it: {e}")))?;
    if meta.len() > limit {
        return Err(fail(format!(
            "the file is {} bytes; the limit is {limit} bytes",
            meta.len()
        )));
    }
    Ok((file, meta.len()))
}

/// The text of the file at `path`: at most `limit` bytes of UTF-8.
pub fn read_text(path: &Path, limit: u64) -> Result<String, AppError> {
    let fail = |message: String| AppError::File {
        file: shown(path),
        message,
    };
    let (file, len) = open_text(path, limit)?;
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read it: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(fail(format!("the file is over the limit of {limit} bytes")));
    }
    // A byte-order mark is not part of the text.
    if bytes.starts_with("\u{feff}".as_bytes()) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let (line, col) = crate::locate::Lines::new(e.as_bytes()).at(at);
        fail(format!(
            "{line}:{col}: not UTF-8 text: invalid byte 0x{:02x} (byte offset {at})",
            e.as_bytes()[at]
        ))
    })
}

/// The built-in record, or the one at `path`, checked.
pub fn load_film(path: Option<&Path>) -> Result<Film, AppError> {
    let Some(path) = path else {
        return Ok(record::builtin()?);
    };
    let text = read_text(path, MAX_RECORD_BYTES)?;
    Ok(record::parse(&shown(path), &text)?)
}

/// The bank files an argument names: the file itself, a folder's `*.json`
/// files in name order, or an installed bank.
pub fn bank_files(arg: &Path) -> Result<Vec<PathBuf>, AppError> {
    if arg.is_dir() {
        let entries = std::fs::read_dir(arg).map_err(|e| AppError::File {
            file: shown(arg),
            message: format!("cannot read the folder: {e}"),
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            // Every *.json entry, whatever it is: one that cannot be read
            // (a dangling link, a folder, a pipe) fails the folder rather
            // than being skipped.
            .filter(|p| {
                p.extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("json"))
            })
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(AppError::File {
                file: shown(arg),
                message: "the folder holds no *.json banks".into(),
            });
        }
        return Ok(files);
    }
    if arg.symlink_metadata().is_ok() {
        return Ok(vec![arg.to_path_buf()]);
    }
    // Not a path: an installed bank's name, if it looks like one.
    let name = arg.to_string_lossy();
    let name = name.strip_suffix(".json").unwrap_or(&name);
    let mut message = "no such file or folder".to_owned();
    if store::valid_name(name) && arg.components().count() == 1 {
        match Store::locate().and_then(|store| store.find(name)) {
            Ok(path) => return Ok(vec![path]),
            Err(StoreError::NotInstalled { installed, .. }) => {
                message.push_str(&format!(", and no installed bank is called {name:?}"));
                if !installed.is_empty() {
                    message.push_str(&format!(" (installed: {})", installed.join(", ")));
                }
            }
            Err(e) => message.push_str(&format!("; nor an installed bank: {e}")),
        }
    }
    Err(AppError::File {
        file: shown(arg),
        message,
    })
}

/// A hint for a file that is not a bank but looks like a format `import`
/// reads.
fn import_hint(path: &Path, text: &str) -> Option<Problem> {
    let format = import::detect(text)?;
    // A file that opens like JSON is a broken bank, not a foreign quiz,
    // unless it is an Open Trivia DB document.
    let json_like = text.trim_start().starts_with(['{', '[']);
    if json_like && !(format == Format::OpenTdb && text.contains("\"results\"")) {
        return None;
    }
    Some(Problem::note(format!(
        "this is not a bank but a quiz in the {} format; convert it with: whiplash-quiz import {}",
        format.label(),
        shell_word(&shown(path))
    )))
}

/// A bank's problems, with a hint when it is really another quiz format.
pub(crate) fn bank_error(path: &Path, text: &str, mut e: BankError) -> AppError {
    e.problems.extend(import_hint(path, text));
    AppError::Banks(vec![e])
}

/// Reads and checks one bank file. A film record is refused: it is played
/// with `--record`.
pub fn load_bank(path: &Path, keep: Keep) -> Result<Loaded, AppError> {
    let text = read_text(path, MAX_BANK_BYTES)?;
    match bank::parse(&shown(path), &text, keep) {
        Ok(Parsed::Bank(loaded)) => Ok(loaded),
        Ok(Parsed::Record) => Err(AppError::File {
            file: shown(path),
            message: format!(
                "this is a film record, not a question bank; play it with --record {}",
                shell_word(&shown(path))
            ),
        }),
        Err(e) => Err(bank_error(path, &text, e)),
    }
}

/// A bank's title, or its file name without `.json`.
pub(crate) fn bank_title(loaded: &Loaded, path: &Path) -> String {
    loaded.title.clone().unwrap_or_else(|| {
        path.file_stem()
            .map_or_else(|| shown(path), |s| s.to_string_lossy().into_owned())
    })
}

/// The source id of the built-in record.
pub const BUILTIN_SOURCE: &str = "built-in";

/// How a question's source is remembered: its kind and absolute path, such
/// as `bank:/home/ana/quiz/jazz.json`.
pub fn source_id(kind: &str, path: &Path) -> String {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    format!("{kind}:{}", path.to_string_lossy())
}

/// The questions of `sources` before filtering, and a title for them. The
/// rng generates a record's questions; banks do not use it. Every bank is
/// checked before any is used, and all their problems are reported.
pub fn gather(sources: &Sources, rng: &mut GameRng) -> Result<(String, Pool, usize), AppError> {
    gather_with(sources, rng, Settle::Now)
}

/// When a record's generated questions are settled ([`crate::generate::settle`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settle {
    /// All of them, as they are gathered: for counting and listing them.
    Now,
    /// Only those a game's planner looks at, as it deals: for playing.
    OnDeal,
}

/// [`gather`], settling the record's questions as `settle` says.
pub fn gather_with(
    sources: &Sources,
    rng: &mut GameRng,
    settle: Settle,
) -> Result<(String, Pool, usize), AppError> {
    let mut titles = Vec::new();
    let mut parts = Vec::new();
    if sources.record.is_some() || sources.banks.is_empty() {
        let film = load_film(sources.record.as_deref())?;
        titles.push(film.title.clone());
        let id = match &sources.record {
            Some(path) => source_id("record", path),
            None => BUILTIN_SOURCE.to_owned(),
        };
        let questions = match settle {
            Settle::Now => generate(&film, rng),
            Settle::OnDeal => crate::generate::unsettled(&film, rng),
        };
        parts.push((id, questions));
    }
    let mut broken = Vec::new();
    for arg in &sources.banks {
        for path in bank_files(arg)? {
            match load_bank(&path, Keep::Questions) {
                Ok(loaded) => {
                    titles.push(bank_title(&loaded, &path));
                    parts.push((source_id("bank", &path), loaded.questions));
                }
                Err(AppError::Banks(errors)) => broken.extend(errors),
                Err(e) => return Err(e),
            }
        }
    }
    if !broken.is_empty() {
        return Err(AppError::Banks(broken));
    }
    let (pool, dropped) = pool::merge(parts);
    Ok((pool_title(&titles), pool, dropped))
}

/// A title for a pool from its sources' titles.
pub(crate) fn pool_title(titles: &[String]) -> String {
    match titles.len() {
        0..=3 => titles.join(" + "),
        n => format!("{n} banks"),
    }
}

/// `text` as one POSIX shell word (`shell-words`): left bare when it is
/// safe, else single-quoted.
pub fn shell_word(text: &str) -> String {
    shell_words::quote(text).into_owned()
}

/// `generate`: the built-in record's questions as a bank.
pub fn generate_bank(seed: Option<u64>, record: Option<&Path>) -> Result<i32, AppError> {
    let film = load_film(record)?;
    let seed = seed.unwrap_or(0);
    let questions = generate(&film, &mut GameRng::from_seed(seed));
    let bank = Bank {
        title: Some(format!("{} ({})", film.title, film.year)),
        questions,
    };
    let json = serde_json::to_string_pretty(&bank).map_err(io::Error::other)?;
    ui::emit(&json)?;
    Ok(exit::OK)
}

/// `quality`: how far the built-in record's questions, or those of the
/// record at `record`, can be guessed without knowing the answer, over
/// `seeds` seeds: a table, or with `json` the report as JSON.
pub fn quality(record: Option<&Path>, seeds: u64, json: bool) -> Result<i32, AppError> {
    let film = load_film(record)?;
    let report = crate::quality::report(&film, seeds);
    if json {
        ui::emit(&serde_json::to_string_pretty(&report).map_err(io::Error::other)?)?;
    } else {
        ui::say(&ui::tables::quality(&report))?;
    }
    Ok(exit::OK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::games::GamesError;
    use std::error::Error;

    /// A failure keeps its cause: the message is the same as the inner
    /// error's, and `source()` reaches the I/O or SQLite error under it.
    #[test]
    fn errors_keep_their_cause_as_a_source() {
        let games = GamesError::Io {
            path: "/data/games.sqlite3".into(),
            error: io::Error::new(io::ErrorKind::PermissionDenied, "denied"),
        };
        let app = AppError::from(games);
        assert_eq!(app.to_string(), "/data/games.sqlite3: denied");
        let cause = app.source().expect("a source");
        let io = cause.downcast_ref::<io::Error>().expect("the I/O error");
        assert_eq!(io.kind(), io::ErrorKind::PermissionDenied);

        let store = AppError::from(StoreError::Io {
            path: "/data/banks".into(),
            error: io::Error::other("full"),
        });
        assert_eq!(
            store.source().map(ToString::to_string).as_deref(),
            Some("full")
        );

        let record = AppError::from(RecordError {
            file: "f.json".into(),
            problems: vec!["1:1: a".into(), "2:1: b".into()],
        });
        assert_eq!(record.to_string(), "f.json: 1:1: a\nf.json: 2:1: b");
        assert!(record.source().is_none());
    }

    /// A replay command's words read back as they were written.
    #[test]
    fn shell_words_split_back_to_what_was_quoted() {
        for text in ["plain", "", "it's here", "a b\tc", "$HOME", "naïve", "x=1"] {
            let line = format!("quiz --bank {}", shell_word(text));
            assert_eq!(shell_words::split(&line).unwrap(), ["quiz", "--bank", text]);
        }
        assert_eq!(shell_word("jazz.json"), "jazz.json");
    }
}
