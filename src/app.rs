//! What each command does, between the parsed arguments and the pure core.

use crate::bank::{self, BankError, Keep, Loaded, MAX_BANK_BYTES, Parsed, Problem};
use crate::game::{self, Game, Player};
use crate::generate::generate;
use crate::import::{self, Format};
use crate::pool::{self, Filter, NothingLeft, Pool};
use crate::question::Bank;
use crate::record::{self, Film, RecordError};
use crate::report::Report;
use crate::rng::{self, GameRng};
use crate::store::{self, Store, StoreError};
use crate::ui::{self, Screen};
use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The largest record file read, in bytes.
pub const MAX_RECORD_BYTES: u64 = 4 * 1024 * 1024;

/// The default number of questions in a game.
pub const DEFAULT_COUNT: usize = 10;

/// Exit statuses.
pub mod exit {
    pub const OK: i32 = 0;
    pub const FAILURE: i32 = 1;
    pub const USAGE: i32 = 2;
    pub const INTERRUPTED: i32 = 130;
}

/// A failure that ends a command.
#[derive(Debug)]
pub enum AppError {
    Record(RecordError),
    /// Every broken bank met, each with all its problems.
    Banks(Vec<BankError>),
    Store(StoreError),
    Filter(NothingLeft),
    /// A file that cannot be used, with why.
    File {
        file: String,
        message: String,
    },
    Io(io::Error),
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppError::Record(e) => write!(f, "{e}"),
            AppError::Banks(errors) => {
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{e}")?;
                }
                Ok(())
            }
            AppError::Store(e) => write!(f, "{e}"),
            AppError::Filter(e) => write!(f, "{e}"),
            AppError::File { file, message } => write!(f, "{file}: {message}"),
            AppError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<RecordError> for AppError {
    fn from(e: RecordError) -> Self {
        AppError::Record(e)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::Store(e)
    }
}

impl From<NothingLeft> for AppError {
    fn from(e: NothingLeft) -> Self {
        AppError::Filter(e)
    }
}

impl From<io::Error> for AppError {
    fn from(e: io::Error) -> Self {
        AppError::Io(e)
    }
}

/// Where a game's questions come from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// `--bank` arguments as given: files, folders or installed names.
    pub banks: Vec<PathBuf>,
    /// Another film's record instead of the built-in one.
    pub record: Option<PathBuf>,
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
}

/// The name a path is shown under in messages.
/// The name a path is shown under: control characters (a newline in a file
/// name among them) escaped, so a name can never forge a line of output.
fn shown(path: &Path) -> String {
    crate::text::escape_controls(&path.display().to_string()).into_owned()
}

/// The text of the file at `path`: at most `limit` bytes of UTF-8.
pub fn read_text(path: &Path, limit: u64) -> Result<String, AppError> {
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
    let mut bytes = Vec::with_capacity(meta.len() as usize);
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
        let before = &e.as_bytes()[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let col = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
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
    if format == Format::OpenTdb && !text.contains("\"results\"") {
        return None;
    }
    Some(Problem::note(format!(
        "this is not a bank but a quiz in the {} format; convert it with: whiplash-quiz import {}",
        format.label(),
        shell_word(&shown(path))
    )))
}

/// A bank's problems, with a hint when it is really another quiz format.
fn bank_error(path: &Path, text: &str, mut e: BankError) -> AppError {
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
fn bank_title(loaded: &Loaded, path: &Path) -> String {
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
    let mut titles = Vec::new();
    let mut parts = Vec::new();
    if sources.record.is_some() || sources.banks.is_empty() {
        let film = load_film(sources.record.as_deref())?;
        titles.push(film.title.clone());
        let id = match &sources.record {
            Some(path) => source_id("record", path),
            None => BUILTIN_SOURCE.to_owned(),
        };
        parts.push((id, generate(&film, rng)));
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
    let title = match titles.len() {
        0..=3 => titles.join(" + "),
        n => format!("{n} banks"),
    };
    let (pool, dropped) = pool::merge(parts);
    Ok((title, pool, dropped))
}

/// Deals a game for `seed` from the built-in record: generation and dealing
/// share one rng, so the seed alone decides the questions and the order of
/// their choices.
pub fn new_game(film: &Film, seed: u64, count: usize) -> Game {
    let mut rng = GameRng::from_seed(seed);
    let pool = generate(film, &mut rng);
    let rounds = game::deal(&pool, count, &mut rng);
    Game::new(seed, rounds)
}

/// `text` as one shell word: left bare when it is safe, else single-quoted.
pub fn shell_word(text: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c);
    if !text.is_empty() && text.chars().all(safe) {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// The command that replays a game: the seed and every option that
/// changes which questions are dealt.
pub fn replay_command(seed: u64, opts: &PlayOptions) -> String {
    let mut cmd = format!("whiplash-quiz play --seed {seed}");
    if opts.count != DEFAULT_COUNT {
        cmd.push_str(&format!(" --count {}", opts.count));
    }
    if let Some(record) = &opts.sources.record {
        cmd.push_str(&format!(" --record {}", shell_word(&shown(record))));
    }
    for bank in &opts.sources.banks {
        cmd.push_str(&format!(" --bank {}", shell_word(&shown(bank))));
    }
    for category in &opts.filter.categories {
        cmd.push_str(&format!(" --category {}", shell_word(category)));
    }
    if let Some(d) = opts.filter.difficulty {
        cmd.push_str(&format!(" --difficulty {d}"));
    }
    cmd
}

/// `play`: deals a game, plays it and prints the summary (and the report).
pub fn play(opts: &PlayOptions) -> Result<i32, AppError> {
    let seed = opts.seed.unwrap_or_else(rng::fresh_seed);
    let mut rng = GameRng::from_seed(seed);
    let (title, pool, repeats) = gather(&opts.sources, &mut rng)?;
    let pool = opts.filter.apply(pool)?;
    let mut game = Game::new(seed, game::deal(&pool.questions, opts.count, &mut rng));
    let mut screen = Screen::new(opts.json);
    screen.intro(&title, seed, game.rounds.len())?;
    if repeats > 0 {
        screen.repeats(repeats)?;
    }
    if game.rounds.len() < opts.count {
        screen.short_of_questions(opts.count, game.rounds.len())?;
    }
    let interactive = !opts.plain && ui::is_interactive();
    if interactive {
        ui::install_interrupt_handler();
    }
    let mut player: Box<dyn Player> = ui::player(interactive, opts.json);
    let started = Instant::now();
    let ending = game::play(&mut game, player.as_mut())?;
    let replay = replay_command(seed, opts);
    screen.summary(&game, ending, started.elapsed(), &replay)?;
    if opts.json {
        ui::emit(&Report::of(&game).to_json())?;
    }
    Ok(exit::OK)
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

fn categories_count(n: usize) -> String {
    if n == 1 {
        "1 category".into()
    } else {
        format!("{n} categories")
    }
}

/// One line about a valid bank: its questions and categories.
fn bank_summary(loaded: &Loaded) -> String {
    let cats: Vec<String> = loaded
        .categories
        .iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect();
    let title = loaded
        .title
        .as_deref()
        .map(|t| format!("\"{t}\", "))
        .unwrap_or_default();
    format!(
        "{title}{} in {} ({})",
        crate::format::count(loaded.count as i64, "question"),
        categories_count(loaded.categories.len()),
        cats.join(", ")
    )
}

/// Checks one file; prints its summary or its problems. True when valid.
fn check_file(path: &Path) -> bool {
    let file = shown(path);
    let text = match read_text(path, MAX_BANK_BYTES) {
        Ok(text) => text,
        Err(e) => {
            ui::error(&e.to_string());
            return false;
        }
    };
    match bank::parse(&file, &text, Keep::Summary) {
        Ok(Parsed::Bank(loaded)) => {
            for w in &loaded.warnings {
                ui::warn(&format!("{file}: {w}"));
            }
            ui::say(&format!("{file}: ok: bank, {}", bank_summary(&loaded)));
            true
        }
        Ok(Parsed::Record) => match record::parse(&file, &text) {
            Ok(film) => {
                let n = generate(&film, &mut GameRng::from_seed(0)).len();
                ui::say(&format!(
                    "{file}: ok: film record \"{}\" ({}), {}",
                    film.title,
                    film.year,
                    crate::format::count(n as i64, "question")
                ));
                true
            }
            Err(e) => {
                ui::error(&e.to_string());
                false
            }
        },
        Err(e) => {
            ui::error(&bank_error(path, &text, e).to_string());
            false
        }
    }
}

/// `check PATH...`: checks banks and records (and folders of them), and
/// reports every problem. Fails if any file is invalid.
pub fn check(paths: &[PathBuf]) -> Result<i32, AppError> {
    let mut ok = true;
    for arg in paths {
        let files = if arg.is_dir() {
            match bank_files(arg) {
                Ok(files) => files,
                Err(e) => {
                    ui::error(&e.to_string());
                    ok = false;
                    continue;
                }
            }
        } else {
            vec![arg.clone()]
        };
        for file in files {
            ok &= check_file(&file);
        }
    }
    Ok(if ok { exit::OK } else { exit::FAILURE })
}

/// `categories`: the categories of the active source, with counts.
pub fn categories(sources: &Sources) -> Result<i32, AppError> {
    let (title, pool, _) = gather(sources, &mut GameRng::from_seed(0))?;
    let rows = pool::categories(&pool.questions);
    let width = rows
        .iter()
        .map(|(c, _)| c.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = format!(
        "{title}: {} in {}\n",
        crate::format::count(pool.len() as i64, "question"),
        categories_count(rows.len())
    );
    out.push_str(&format!(
        "  {:<width$}  {:>5}  {:>4}  {:>6}  {:>4}\n",
        "category", "total", "easy", "medium", "hard"
    ));
    for (name, t) in rows {
        let [e, m, h] = t.by_difficulty;
        out.push_str(&format!(
            "  {name:<width$}  {:>5}  {e:>4}  {m:>6}  {h:>4}\n",
            t.total
        ));
    }
    ui::say(out.trim_end());
    Ok(exit::OK)
}

/// `banks` / `banks list`: the installed banks.
pub fn banks_list() -> Result<i32, AppError> {
    let store = Store::locate()?;
    let names = store.names()?;
    if names.is_empty() {
        ui::say(&format!(
            "No banks are installed (they live in {}).\nInstall one with: whiplash-quiz banks add FILE",
            store.dir().display()
        ));
        return Ok(exit::OK);
    }
    let mut out = format!("Installed banks ({}):\n", store.dir().display());
    for name in names {
        let path = store.path_of(&name)?;
        match load_bank(&path, Keep::Summary) {
            Ok(loaded) => out.push_str(&format!("  {name}: {}\n", bank_summary(&loaded))),
            Err(_) => out.push_str(&format!(
                "  {name}: broken; see: whiplash-quiz check {}\n",
                shell_word(&shown(&path))
            )),
        }
    }
    ui::say(out.trim_end());
    Ok(exit::OK)
}

/// `banks add FILE`: checks a bank, then installs it under `name` (by
/// default the file's stem).
pub fn banks_add(file: &Path, name: Option<&str>, force: bool) -> Result<i32, AppError> {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.unwrap_or(&stem);
    let store = Store::locate()?;
    if let Err(e) = store.path_of(name) {
        let hint = if stem == name {
            "; choose one with --name NAME"
        } else {
            ""
        };
        return Err(AppError::File {
            file: shown(file),
            message: format!("{e}{hint}"),
        });
    }
    let text = read_text(file, MAX_BANK_BYTES)?;
    let loaded = match bank::parse(&shown(file), &text, Keep::Summary) {
        Ok(Parsed::Bank(loaded)) => loaded,
        Ok(Parsed::Record) => {
            return Err(AppError::File {
                file: shown(file),
                message: "this is a film record, not a question bank; only banks can be installed"
                    .into(),
            });
        }
        Err(e) => return Err(bank_error(file, &text, e)),
    };
    for w in &loaded.warnings {
        ui::warn(&format!("{}: {w}", shown(file)));
    }
    let path = store.install(name, text.as_bytes(), force)?;
    ui::say(&format!(
        "Installed bank {name}: {}\n  at {}\nPlay it with: whiplash-quiz play --bank {name}",
        bank_summary(&loaded),
        path.display()
    ));
    Ok(exit::OK)
}

/// `banks remove NAME`.
pub fn banks_remove(name: &str) -> Result<i32, AppError> {
    let path = Store::locate()?.remove(name)?;
    ui::say(&format!("Removed bank {name} ({}).", path.display()));
    Ok(exit::OK)
}

/// Refuses an `--output` that is not (or would not be) an ordinary file in
/// an existing folder: a folder, a device, a pipe or a symbolic link is never
/// replaced, even with `--force`.
fn check_output(out: &Path, force: bool) -> Result<(), AppError> {
    let fail = |message: &str| AppError::File {
        file: shown(out),
        message: message.into(),
    };
    match out.symlink_metadata() {
        Ok(meta) if meta.is_dir() => Err(fail("is a folder; give a file name to write")),
        Ok(meta) if !meta.is_file() => Err(fail(
            "is not a regular file (a link, device or pipe); it is never replaced",
        )),
        Ok(_) if !force => Err(fail("already exists; use --force to replace it")),
        Ok(_) => Ok(()),
        Err(_) => match out.parent() {
            Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => {
                Err(fail("cannot write it: its folder does not exist"))
            }
            _ => Ok(()),
        },
    }
}

/// `import FILE`: converts an Open Trivia DB, Aiken or GIFT file into a
/// bank, written to `output` or stdout, with a summary on stderr.
pub fn import(
    file: &Path,
    format: Option<Format>,
    output: Option<&Path>,
    force: bool,
) -> Result<i32, AppError> {
    let text = read_text(file, MAX_BANK_BYTES)?;
    let imported = import::import(&text, format).map_err(|e| AppError::File {
        file: shown(file),
        message: e.to_string(),
    })?;
    let mut note = format!(
        "{}: imported {} ({})",
        shown(file),
        crate::format::count(imported.questions.len() as i64, "question"),
        imported.format.label()
    );
    if imported.skipped.is_empty() {
        note.push_str(", skipped none");
    } else {
        note.push_str(&format!(", skipped {}:", imported.skipped.len()));
        for s in &imported.skipped {
            note.push_str(&format!("\n  {}: {}", s.location, s.reason));
        }
    }
    ui::note(&note);
    if imported.questions.is_empty() {
        return Err(AppError::File {
            file: shown(file),
            message: "nothing to import: no question could be played".into(),
        });
    }
    let title = file
        .file_name()
        .map(|n| n.to_string_lossy())
        .map(|n| n.split('.').next().unwrap_or_default().to_owned())
        .filter(|t| !t.trim().is_empty() && !t.chars().any(crate::text::is_control));
    let bank = Bank {
        title,
        questions: imported.questions,
    };
    let json = serde_json::to_string_pretty(&bank).map_err(io::Error::other)?;
    match output {
        None => ui::emit(&json)?,
        Some(out) => {
            check_output(out, force)?;
            let mut bytes = json.into_bytes();
            bytes.push(b'\n');
            store::write_atomic(out, &bytes, force).map_err(|e| AppError::File {
                file: shown(out),
                message: if e.kind() == io::ErrorKind::AlreadyExists {
                    "already exists; use --force to replace it".into()
                } else {
                    format!("cannot write it: {e}")
                },
            })?;
            ui::note(&format!("wrote {}", shown(out)));
        }
    }
    Ok(exit::OK)
}
