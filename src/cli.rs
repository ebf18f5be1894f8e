//! Command-line arguments. This is the only module that knows about clap.

use crate::app::{self, AppError, DEFAULT_COUNT, PlayOptions, Setup, Sources, exit};
use crate::import::Format;
use crate::pool::Filter;
use crate::quality;
use crate::question::Difficulty;
use crate::ui;
use clap::{Args, ColorChoice, CommandFactory, Parser, Subcommand, ValueEnum};
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
    /// Turn colours off on stdout and stderr.
    #[arg(long, global = true)]
    no_color: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Play a game (the default).
    Play(PlayArgs),
    /// Check question banks and film records, reporting every problem.
    Check {
        /// Bank or record files, or folders of *.json files.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// List the categories of the questions, with counts.
    Categories(SourceArgs),
    /// List, add or remove installed question banks.
    Banks {
        #[command(subcommand)]
        action: Option<BanksCommand>,
    },
    /// Convert an Open Trivia DB, Aiken or GIFT file into a question bank.
    Import {
        /// The file to convert.
        file: PathBuf,
        /// Its format; worked out from the content when absent.
        #[arg(long, value_enum, ignore_case = true)]
        format: Option<FormatArg>,
        /// Write the bank here instead of stdout.
        #[arg(long, short, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Your saved games, best score first (practice last).
    Scores {
        /// Print them as JSON.
        #[arg(long)]
        json: bool,
        /// How many games to list.
        #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..))]
        limit: u64,
        /// List every saved game.
        #[arg(long, conflicts_with = "limit")]
        all: bool,
    },
    /// Games played, accuracy overall and per category, streaks.
    Stats {
        /// Print them as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script: `source <(whiplash-quiz completions bash)`.
    Completions {
        /// The shell to complete in.
        shell: Shell,
    },
    /// Print the manual page (roff): `whiplash-quiz man | man -l -`.
    Man,
    /// How far a film record's questions can be guessed without knowing the
    /// answer: guessers that look only at the choices, and learners that
    /// train on half of the seeds, against a blind pick.
    Quality {
        /// Use another film's record (JSON) instead of the built-in one.
        #[arg(long, value_name = "PATH")]
        record: Option<PathBuf>,
        /// How many seeds to deal, 2 to 2000 (the learners train on the
        /// first half).
        #[arg(long, value_name = "N", default_value_t = quality::DEFAULT_SEEDS, value_parser = clap::value_parser!(u64).range(quality::SEEDS))]
        seeds: u64,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the generated questions as a question bank (JSON).
    Generate {
        /// Seed for choosing distractors [default: 0].
        #[arg(long)]
        seed: Option<u64>,
        /// Use another film's record (JSON) instead of the built-in one.
        #[arg(long, value_name = "PATH")]
        record: Option<PathBuf>,
    },
}

/// `--difficulty`: the core's `Difficulty`, named for clap here so the core
/// never knows clap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Level {
    Easy,
    Medium,
    Hard,
}

impl From<Level> for Difficulty {
    fn from(level: Level) -> Self {
        match level {
            Level::Easy => Difficulty::Easy,
            Level::Medium => Difficulty::Medium,
            Level::Hard => Difficulty::Hard,
        }
    }
}

/// `import --format`: the importers' `Format`, named for clap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Opentdb,
    Aiken,
    Gift,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Opentdb => Format::OpenTdb,
            FormatArg::Aiken => Format::Aiken,
            FormatArg::Gift => Format::Gift,
        }
    }
}

/// The shells `completions` writes scripts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

impl Shell {
    fn generator(self) -> clap_complete::Shell {
        match self {
            Shell::Bash => clap_complete::Shell::Bash,
            Shell::Zsh => clap_complete::Shell::Zsh,
            Shell::Fish => clap_complete::Shell::Fish,
            Shell::Elvish => clap_complete::Shell::Elvish,
            Shell::Powershell => clap_complete::Shell::PowerShell,
        }
    }
}

#[derive(Debug, Subcommand)]
enum BanksCommand {
    /// List the installed banks (the default).
    List,
    /// Check a bank and install it.
    Add {
        /// The bank file.
        file: PathBuf,
        /// The name to install it under [default: the file name without .json].
        #[arg(long)]
        name: Option<String>,
        /// Replace an installed bank of the same name.
        #[arg(long)]
        force: bool,
    },
    /// Remove an installed bank.
    Remove {
        /// The bank's name, as `banks` lists it.
        name: String,
    },
}

/// Where questions come from.
#[derive(Debug, Args)]
struct SourceArgs {
    /// Play a question bank: a file, a folder of *.json banks, or the name of
    /// an installed bank. Repeat to mix banks.
    #[arg(long, value_name = "PATH|NAME")]
    bank: Vec<PathBuf>,
    /// Use another film's record (JSON) instead of the built-in one.
    #[arg(long, value_name = "PATH")]
    record: Option<PathBuf>,
}

impl SourceArgs {
    fn sources(&self) -> Sources {
        Sources {
            banks: self.bank.clone(),
            record: self.record.clone(),
        }
    }
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
    /// Read answers as numbered lines (q quits) even in a terminal.
    #[arg(long)]
    plain: bool,
    /// Print a JSON report on stdout; everything else goes to stderr.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    sources: SourceArgs,
    /// Play only this category (any case). Repeat for several.
    #[arg(long, value_name = "NAME")]
    category: Vec<String>,
    /// Don't save this game to your scores.
    #[arg(long)]
    no_save: bool,
    /// Practise the questions you missed in earlier games.
    #[arg(long, conflicts_with_all = ["daily", "bank", "record"])]
    review: bool,
    /// Play the daily challenge: the date decides the questions.
    #[arg(long, conflicts_with = "seed")]
    daily: bool,
    /// The daily challenge's date [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", requires = "daily", value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
    /// Hot-seat: two to four players, who take turns at one keyboard
    /// (`--count` questions each).
    #[arg(long, value_name = "NAMES", value_parser = parse_players, conflicts_with_all = ["review", "daily"])]
    players: Option<Players>,
    /// Play only questions of this difficulty.
    #[arg(long, value_name = "LEVEL", value_enum, ignore_case = true)]
    difficulty: Option<Level>,
    /// Timed mode: SECONDS (5 to 120) to answer each question, with a
    /// countdown; a question left unanswered is a miss, and a quick right
    /// answer earns up to 50 bonus points. Needs a terminal: with --plain
    /// or piped answers the game is untimed, and says so.
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(5..=120))]
    timer: Option<u64>,
    /// Ring the terminal bell on each right or wrong answer.
    #[arg(long)]
    bell: bool,
}

/// Hot-seat player names, as parsed from `--players`.
#[derive(Debug, Clone)]
struct Players(Vec<String>);

/// Checks `--players`: two to four distinct, non-empty names, comma-separated.
fn parse_players(text: &str) -> Result<Players, String> {
    app::parse_players(text).map(Players)
}

/// Checks `--date`: a real day in `YYYY-MM-DD` form.
fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date in the form YYYY-MM-DD"))
}

impl PlayArgs {
    fn options(&self, program: &str) -> PlayOptions {
        PlayOptions {
            seed: self.seed,
            count: self.count as usize,
            plain: self.plain,
            json: self.json,
            sources: self.sources.sources(),
            filter: Filter {
                categories: self.category.clone(),
                difficulty: self.difficulty.map(Difficulty::from),
            },
            no_save: self.no_save,
            // clap keeps `--review`, `--daily` and `--players` apart. A
            // daily game without `--date` is today's: `app` reads the
            // clock, never `cli`.
            setup: match (self.review, self.daily, &self.players) {
                (true, _, _) => Setup::Review,
                (false, true, _) => Setup::Daily(self.date),
                (false, false, Some(players)) => Setup::HotSeat(players.0.clone()),
                (false, false, None) => Setup::Normal,
            },
            timer: self.timer.map(std::time::Duration::from_secs),
            bell: self.bell,
            program: program.to_owned(),
        }
    }
}

/// Moves a `--no-color` written before the subcommand to just after it.
/// The bare command's options conflict with subcommands, so clap refuses
/// any option before one, even a global flag; after it, clap takes the
/// flag (it is global) and `Cli::no_color` says so. Anywhere else the flag
/// stays where it is.
fn place_no_color(args: &mut Vec<OsString>) {
    let lead = args
        .iter()
        .skip(1)
        .take_while(|a| *a == "--no-color")
        .count();
    let Some(next) = args.get(1 + lead).and_then(|a| a.to_str()) else {
        return;
    };
    if lead == 0
        || !Cli::command()
            .get_subcommands()
            .any(|c| c.get_name() == next)
    {
        return;
    }
    args.drain(1..1 + lead);
    args.insert(2, OsString::from("--no-color"));
}

/// Parses `args`, runs the command and returns the exit status.
pub fn run_with<I: IntoIterator<Item = OsString>>(args: I) -> i32 {
    // A full file-size limit is a warning from any command, never a kill.
    crate::store::games::ignore_file_size_signal();
    // A panic puts the terminal back before it is reported.
    ui::install_panic_hook();
    let mut args: Vec<OsString> = args.into_iter().collect();
    // A usage error is coloured before clap has read anything, so the
    // flag is looked for here too.
    let no_color = args.iter().skip(1).any(|a| a == "--no-color");
    place_no_color(&mut args);
    ui::configure_colors(no_color);
    let color = if no_color || !ui::colors_on_stderr() {
        ColorChoice::Never
    } else {
        ColorChoice::Auto
    };
    let program = app::program_name(args.first().map(OsString::as_os_str));
    let cli = match Cli::command()
        .color(color)
        .try_get_matches_from(&args)
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => {
            let rendered = e.render();
            // A usage error may quote what the user typed, control
            // characters and all: show it plain and escaped. Help and the
            // version hold no user text and keep their colours.
            let text = if color == ColorChoice::Never || e.use_stderr() {
                crate::text::escape_controls_in_lines(&rendered.to_string())
            } else {
                rendered.ansi().to_string()
            };
            let is_error = e.use_stderr();
            // Help or the version that cannot be written is a failure; a
            // reader that stopped early (a broken pipe) is not.
            return match ui::usage(&text, is_error) {
                Err(w) if !is_error && w.kind() != io::ErrorKind::BrokenPipe => {
                    ui::error(&format!("cannot write to standard output: {w}"));
                    exit::FAILURE
                }
                _ if is_error => exit::USAGE,
                _ => exit::OK,
            };
        }
    };
    ui::configure_colors(cli.no_color);
    // `--no-color` alone still opens the menu.
    let bare = args.iter().skip(1).all(|a| a == "--no-color");
    let result = match &cli.command {
        // The bare command in a terminal opens the menu; anywhere else, and
        // with any option, it plays.
        None if bare && ui::is_interactive() => app::menu(&program),
        None => app::play(&cli.play.options(&program)),
        Some(Command::Play(args)) => app::play(&args.options(&program)),
        Some(Command::Completions { shell }) => {
            let mut script = Vec::new();
            clap_complete::generate(
                shell.generator(),
                &mut Cli::command(),
                &program,
                &mut script,
            );
            ui::emit_bytes(&script)
                .map(|()| exit::OK)
                .map_err(AppError::from)
        }
        Some(Command::Man) => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut page)
                .map_err(AppError::from)
                .and_then(|()| ui::emit_bytes(&page).map_err(AppError::from))
                .map(|()| exit::OK)
        }
        Some(Command::Check { paths }) => app::check(paths),
        Some(Command::Categories(sources)) => app::categories(&sources.sources()),
        Some(Command::Banks { action }) => match action {
            None | Some(BanksCommand::List) => app::banks_list(),
            Some(BanksCommand::Add { file, name, force }) => {
                app::banks_add(file, name.as_deref(), *force)
            }
            Some(BanksCommand::Remove { name }) => app::banks_remove(name),
        },
        Some(Command::Import {
            file,
            format,
            output,
            force,
        }) => app::import(file, format.map(Format::from), output.as_deref(), *force),
        Some(Command::Scores { json, limit, all }) => {
            app::scores(*json, (!*all).then_some(*limit as usize))
        }
        Some(Command::Stats { json }) => app::stats(*json),
        Some(Command::Generate { seed, record }) => app::generate_bank(*seed, record.as_deref()),
        Some(Command::Quality {
            record,
            seeds,
            json,
        }) => app::quality(record.as_deref(), *seeds, *json),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// clap's names for `--difficulty` and `--format` are the core's own.
    #[test]
    fn value_enums_name_what_the_core_names() {
        for level in Level::value_variants() {
            let name = level.to_possible_value().unwrap().get_name().to_owned();
            assert_eq!(name, Difficulty::from(*level).as_str());
        }
        assert_eq!(Level::value_variants().len(), Difficulty::ALL.len());
        for format in FormatArg::value_variants() {
            let name = format.to_possible_value().unwrap().get_name().to_owned();
            assert_eq!(name, Format::from(*format).name());
        }
        assert_eq!(FormatArg::value_variants().len(), Format::ALL.len());
        let cli = Cli::try_parse_from(["q", "play", "--difficulty", "HARD"]).unwrap();
        let Some(Command::Play(play)) = cli.command else {
            panic!("not play")
        };
        assert_eq!(
            play.difficulty.map(Difficulty::from),
            Some(Difficulty::Hard)
        );
        assert!(Cli::try_parse_from(["q", "play", "--difficulty", "extreme"]).is_err());
    }

    /// The flags build one [`Setup`]: a mode cannot come without its data,
    /// nor hot-seat players with a review or a daily challenge.
    #[test]
    fn the_flags_build_one_setup() {
        let setup = |line: &[&str]| {
            let cli = Cli::try_parse_from(line).unwrap_or_else(|e| panic!("{line:?}: {e}"));
            let Some(Command::Play(play)) = cli.command else {
                panic!("not play")
            };
            play.options("q").setup
        };
        assert_eq!(setup(&["q", "play"]), Setup::Normal);
        assert_eq!(setup(&["q", "play", "--review"]), Setup::Review);
        assert_eq!(setup(&["q", "play", "--daily"]), Setup::Daily(None));
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 29);
        assert_eq!(
            setup(&["q", "play", "--daily", "--date", "2026-11-29"]),
            Setup::Daily(date)
        );
        assert_eq!(
            setup(&["q", "play", "--players", "Ana,Ben"]),
            Setup::HotSeat(vec!["Ana".into(), "Ben".into()])
        );
        assert_eq!(
            setup(&["q", "play", "--players", "Ana,Ben"]).mode(),
            crate::history::Mode::HotSeat
        );
        for line in [
            &["q", "play", "--review", "--players", "Ana,Ben"][..],
            &["q", "play", "--daily", "--players", "Ana,Ben"],
        ] {
            assert!(Cli::try_parse_from(line).is_err(), "{line:?}");
        }
    }

    /// `--no-color` is read by clap wherever it is written.
    #[test]
    fn no_color_is_parsed_before_or_after_the_subcommand() {
        for line in [
            &["q", "--no-color", "check", "x.json"][..],
            &["q", "check", "--no-color", "x.json"],
            &["q", "check", "x.json", "--no-color"],
            &["q", "--no-color", "--no-color", "banks", "list"],
            &["q", "banks", "list", "--no-color"],
            &["q", "--no-color", "--seed", "4"],
        ] {
            let mut args: Vec<OsString> = line.iter().map(OsString::from).collect();
            place_no_color(&mut args);
            let cli = Cli::try_parse_from(&args).unwrap_or_else(|e| panic!("{line:?}: {e}"));
            assert!(cli.no_color, "{line:?}");
        }
        let cli = Cli::try_parse_from(["q", "check", "x.json"]).unwrap();
        assert!(!cli.no_color);
    }
}
