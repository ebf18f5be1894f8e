//! Command-line arguments. This is the only module that knows about clap.

use crate::app::{self, AppError, DEFAULT_COUNT, PlayOptions, exit};
use crate::ui;
use clap::{Args, ColorChoice, Parser, Subcommand};
use std::ffi::OsString;
use std::io;
use std::path::PathBuf;

/// A trivia game about the film Whiplash, for the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "whiplash-quiz",
    version,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Playing without a subcommand takes the same options as `play`.
    #[command(flatten)]
    play: PlayArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Play a game (the default).
    Play(PlayArgs),
    /// Print the generated questions as a question bank (JSON).
    Generate {
        /// Seed for choosing distractors [default: 0].
        #[arg(long)]
        seed: Option<u64>,
        /// Use another film's record (JSON) instead of the built-in one.
        #[arg(long, value_name = "PATH")]
        record: Option<PathBuf>,
        /// Turn colours off on stdout and stderr.
        #[arg(long)]
        no_color: bool,
    },
}

#[derive(Debug, Args)]
struct PlayArgs {
    /// Seed that decides the questions and the order of choices; a random one
    /// is chosen and shown when absent.
    #[arg(long)]
    seed: Option<u64>,
    /// How many questions to play.
    #[arg(long, default_value_t = DEFAULT_COUNT as u64, value_parser = clap::value_parser!(u64).range(1..=1000))]
    count: u64,
    /// Read answers as lines (1-4, q) even in a terminal.
    #[arg(long)]
    plain: bool,
    /// Print a JSON report on stdout; everything else goes to stderr.
    #[arg(long)]
    json: bool,
    /// Turn colours off on stdout and stderr.
    #[arg(long)]
    no_color: bool,
    /// Use another film's record (JSON) instead of the built-in one.
    #[arg(long, value_name = "PATH")]
    record: Option<PathBuf>,
}

impl PlayArgs {
    fn options(&self) -> PlayOptions {
        PlayOptions {
            seed: self.seed,
            count: self.count as usize,
            plain: self.plain,
            json: self.json,
            record: self.record.clone(),
        }
    }
}

/// Parses `args`, runs the command and returns the exit status.
pub fn run_with<I: IntoIterator<Item = OsString>>(args: I) -> i32 {
    let args: Vec<OsString> = args.into_iter().collect();
    let no_color = args.iter().skip(1).any(|a| a == "--no-color");
    ui::configure_colors(no_color);
    let color = if no_color || !console::colors_enabled_stderr() {
        ColorChoice::Never
    } else {
        ColorChoice::Auto
    };
    let cli = match <Cli as clap::CommandFactory>::command()
        .color(color)
        .try_get_matches_from(&args)
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => {
            let rendered = e.render();
            let text = if color == ColorChoice::Never {
                rendered.to_string()
            } else {
                rendered.ansi().to_string()
            };
            ui::usage(&text, e.use_stderr());
            return if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
        }
    };
    let result = match &cli.command {
        None => app::play(&cli.play.options()),
        Some(Command::Play(args)) => app::play(&args.options()),
        Some(Command::Generate { seed, record, .. }) => {
            app::generate_bank(*seed, record.as_deref())
        }
    };
    match result {
        Ok(code) => code,
        Err(AppError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => exit::OK,
        Err(e) => {
            ui::error(&e.to_string());
            exit::FAILURE
        }
    }
}

/// Runs with the process's arguments.
pub fn run() -> i32 {
    run_with(std::env::args_os())
}
