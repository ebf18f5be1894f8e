//! What each command does, between the parsed arguments and the pure core.

use crate::game::{self, Game, Player};
use crate::generate::generate;
use crate::question::Bank;
use crate::record::{self, Film, RecordError};
use crate::report::Report;
use crate::rng::{self, GameRng};
use crate::ui::{self, Screen};
use std::fmt;
use std::io;
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
    Io(io::Error),
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppError::Record(e) => write!(f, "{e}"),
            AppError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<RecordError> for AppError {
    fn from(e: RecordError) -> Self {
        AppError::Record(e)
    }
}

impl From<io::Error> for AppError {
    fn from(e: io::Error) -> Self {
        AppError::Io(e)
    }
}

/// Options for `play`.
#[derive(Debug, Clone)]
pub struct PlayOptions {
    pub seed: Option<u64>,
    pub count: usize,
    pub plain: bool,
    pub json: bool,
    /// Another film's record instead of the built-in one.
    pub record: Option<PathBuf>,
}

/// The built-in record, or the one at `path`, checked.
pub fn load_film(path: Option<&Path>) -> Result<Film, AppError> {
    let Some(path) = path else {
        return Ok(record::builtin()?);
    };
    let file = path.display().to_string();
    let fail = |problem: String| {
        AppError::Record(RecordError {
            file: file.clone(),
            problems: vec![problem],
        })
    };
    let size = std::fs::metadata(path)
        .map_err(|e| fail(format!("cannot read the record: {e}")))?
        .len();
    if size > MAX_RECORD_BYTES {
        return Err(fail(format!(
            "the record is {size} bytes; the limit is {MAX_RECORD_BYTES}"
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read the record: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "not UTF-8 text: invalid byte at offset {}",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(record::parse(&file, &text)?)
}

/// Deals a game for `seed` from `film`: generation and dealing share one rng,
/// so the seed alone decides the questions and the order of their choices.
pub fn new_game(film: &Film, seed: u64, count: usize) -> Game {
    let mut rng = GameRng::from_seed(seed);
    let pool = generate(film, &mut rng);
    let rounds = game::deal(&pool, count, &mut rng);
    Game::new(seed, rounds)
}

/// The command that replays a game.
pub fn replay_command(seed: u64, count: usize) -> String {
    if count == DEFAULT_COUNT {
        format!("whiplash-quiz play --seed {seed}")
    } else {
        format!("whiplash-quiz play --seed {seed} --count {count}")
    }
}

/// `play`: deals a game, plays it and prints the summary (and the report).
pub fn play(opts: &PlayOptions) -> Result<i32, AppError> {
    let film = load_film(opts.record.as_deref())?;
    let seed = opts.seed.unwrap_or_else(rng::fresh_seed);
    let mut game = new_game(&film, seed, opts.count);
    let mut screen = Screen::new(opts.json);
    screen.intro(&film.title, seed, game.rounds.len())?;
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
    let replay = replay_command(seed, opts.count);
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
