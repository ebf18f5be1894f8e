//! Command-line arguments. This is the only module that knows about clap.

use crate::app::{self, AppError, DEFAULT_COUNT, PartyOptions, PlayOptions, Setup, Sources, exit};
use crate::import::Format;
use crate::pool::Filter;
use crate::quality;
use crate::question::Difficulty;
use crate::ui;
use clap::{Args, ColorChoice, CommandFactory, Parser, Subcommand, ValueEnum, ValueHint};
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
    /// Host a party game: players join from their phones' browsers on the
    /// same network; this terminal is the host screen.
    Party(PartyArgs),
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
    /// Convert an Open Trivia DB, Aiken or GIFT file into a question bank,
    /// or a film's TMDB and Wikidata files into a film record.
    Import {
        /// The file to convert: one quiz file, or a film's TMDB file, its
        /// Wikidata file, or both (one film record from the two).
        #[arg(required = true, num_args = 1..=2, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Its format; worked out from the content when absent (with two
        /// files, each file's is).
        #[arg(long, value_enum, ignore_case = true)]
        format: Option<FormatArg>,
        /// Write the bank or record here instead of stdout.
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
        #[arg(long, value_name = "N", default_value_t = 20, value_hint = ValueHint::Other, value_parser = clap::value_parser!(u64).range(1..))]
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
        #[arg(long, value_name = "N", default_value_t = quality::DEFAULT_SEEDS, value_hint = ValueHint::Other, value_parser = clap::value_parser!(u64).range(quality::SEEDS))]
        seeds: u64,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the generated questions as a question bank (JSON).
    Generate {
        /// Seed for choosing distractors [default: 0].
        #[arg(long, value_hint = ValueHint::Other)]
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
    Tmdb,
    Wikidata,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Opentdb => Format::OpenTdb,
            FormatArg::Aiken => Format::Aiken,
            FormatArg::Gift => Format::Gift,
            FormatArg::Tmdb => Format::Tmdb,
            FormatArg::Wikidata => Format::Wikidata,
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
        #[arg(long, value_hint = ValueHint::Other)]
        name: Option<String>,
        /// Replace an installed bank of the same name.
        #[arg(long)]
        force: bool,
    },
    /// Remove an installed bank.
    Remove {
        /// The bank's name, as `banks` lists it.
        #[arg(value_hint = ValueHint::Other)]
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
    #[arg(long, value_hint = ValueHint::Other)]
    seed: Option<u64>,
    /// How many questions to play.
    #[arg(long, default_value_t = DEFAULT_COUNT as u64, value_hint = ValueHint::Other, value_parser = clap::value_parser!(u64).range(1..=1000))]
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
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Other)]
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
    #[arg(long, value_name = "YYYY-MM-DD", requires = "daily", value_hint = ValueHint::Other, value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
    /// Hot-seat: two to four players, who take turns at one keyboard
    /// (`--count` questions each).
    #[arg(long, value_name = "NAMES", value_hint = ValueHint::Other, value_parser = parse_players, conflicts_with_all = ["review", "daily"])]
    players: Option<Players>,
    /// Play only questions of this difficulty.
    #[arg(long, value_name = "LEVEL", value_enum, ignore_case = true)]
    difficulty: Option<Level>,
    /// Timed mode: SECONDS (5 to 120) to answer each question, with a
    /// countdown; a question left unanswered is a miss, and a quick right
    /// answer earns up to 50 bonus points. Needs a terminal: with --plain
    /// or piped answers the game is untimed, and says so.
    #[arg(long, value_name = "SECONDS", value_hint = ValueHint::Other, value_parser = clap::value_parser!(u64).range(5..=120))]
    timer: Option<u64>,
    /// Ring the terminal bell on each right or wrong answer.
    #[arg(long)]
    bell: bool,
}

#[derive(Debug, Args)]
struct PartyArgs {
    /// The address to listen on (0.0.0.0: every address of this machine).
    #[arg(long, value_name = "ADDR", default_value = "0.0.0.0", value_hint = ValueHint::Other)]
    bind: std::net::IpAddr,
    /// The port to listen on (0 picks a free one).
    #[arg(long, value_name = "N", default_value_t = 7878, value_hint = ValueHint::Other)]
    port: u16,
    /// How many questions to play.
    #[arg(long, default_value_t = DEFAULT_COUNT as u64, value_hint = ValueHint::Other, value_parser = clap::value_parser!(u64).range(1..=1000))]
    count: u64,
    /// SECONDS (5 to 120) to answer each question.
    #[arg(long, value_name = "SECONDS", default_value_t = 20, value_hint = ValueHint::Other, value_parser = clap::value_parser!(u64).range(5..=120))]
    timer: u64,
    /// Seed that decides the questions, the order of choices and the room
    /// code; a random one when absent.
    #[arg(long, value_hint = ValueHint::Other)]
    seed: Option<u64>,
    #[command(flatten)]
    sources: SourceArgs,
    /// Start once N players have joined (else the host starts).
    #[arg(long, value_name = "N", value_hint = ValueHint::Other, value_parser = clap::value_parser!(u64).range(1..=1000))]
    wait_for: Option<u64>,
    /// Open the next question SECONDS (0 to 600) after each reveal (else
    /// the host does).
    #[arg(long, value_name = "SECONDS", value_hint = ValueHint::Other, value_parser = clap::value_parser!(u64).range(0..=600))]
    reveal: Option<u64>,
    /// The most players the room takes (1 to 1000).
    #[arg(long, value_name = "N", default_value_t = crate::party::room::DEFAULT_MAX_PLAYERS as u64, value_hint = ValueHint::Other, value_parser = clap::value_parser!(u64).range(1..=1000))]
    max_players: u64,
    /// Print the game's report as JSON on stdout when it ends.
    #[arg(long)]
    json: bool,
    /// Don't save the players' games to the scores.
    #[arg(long)]
    no_save: bool,
}

impl PartyArgs {
    fn options(&self) -> PartyOptions {
        PartyOptions {
            bind: self.bind,
            port: self.port,
            count: self.count as usize,
            timer: self.timer,
            seed: self.seed,
            sources: self.sources.sources(),
            wait_for: self.wait_for.map(|n| n as usize),
            reveal: self.reveal,
            json: self.json,
            max_players: self.max_players as usize,
            no_save: self.no_save,
        }
    }
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
        Some(Command::Party(args)) => app::party(&args.options()),
        Some(Command::Completions { shell }) => completions(*shell, &program),
        Some(Command::Man) => ui::emit_bytes(man_page().as_bytes())
            .map(|()| exit::OK)
            .map_err(AppError::from),
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
            files,
            format,
            output,
            force,
        }) => app::import(files, format.map(Format::from), output.as_deref(), *force),
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

// ---------------------------------------------------------------------------
// Completions
// ---------------------------------------------------------------------------

/// `completions SHELL`: the script for the program as it was run (the file
/// name of `argv[0]`), or for `whiplash-quiz` when that name holds a
/// character a script could not carry unquoted.
fn completions(shell: Shell, program: &str) -> Result<i32, AppError> {
    let name = if nameable(program) {
        program
    } else {
        ui::warn(&format!(
            "{:?} cannot be named in a completion script; it is written for whiplash-quiz",
            crate::text::escape_controls(program)
        ));
        "whiplash-quiz"
    };
    ui::emit_bytes(completion_script(shell, name).as_bytes())
        .map(|()| exit::OK)
        .map_err(AppError::from)
}

/// Whether a completion script can name the program `name` as it is:
/// letters, digits, `-`, `_`, `.` and `+`, not starting with `-`.
fn nameable(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+'))
}

/// The completion script for `shell`, completing the program `name`
/// (a [`nameable`] one).
///
/// clap_complete's scripts are used with two repairs, each checked by
/// running the real shell (`tests/integration/completions.rs`):
/// - bash: clap_complete 4.6 turns a `-` in the program's name into
///   `__subcmd__` in the case labels of the subcommands but into `__` in
///   the values it matches them with, so nothing after a subcommand ever
///   completed. The script is generated for a name of letters, digits and
///   `_` only (in bash it names just the function and the internal case
///   labels, never the command: `$1` is the command as typed), and the
///   `complete` lines that register it are then pointed at `name`.
/// - fish: clap_complete's fish script completes options only, and the
///   bare command's option values never (its condition cannot parse a line
///   whose last option still lacks its value). Lines are added for those
///   values, a positional's possible values (`completions` offers the
///   shells), and no file names where a command takes no path.
///
/// zsh, elvish and PowerShell are clap_complete's own.
fn completion_script(shell: Shell, name: &str) -> String {
    let mut cmd = Cli::command();
    match shell {
        Shell::Bash => {
            let internal: String = name
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            let script = generated(clap_complete::Shell::Bash, &mut cmd, &internal);
            register_bash(&script, &internal, name)
        }
        Shell::Fish => {
            let mut script = generated(clap_complete::Shell::Fish, &mut cmd, name);
            script.push_str(&fish_arguments(&cmd, name));
            script
        }
        other => generated(other.generator(), &mut cmd, name),
    }
}

/// clap_complete's script for `shell`, generated for the program `bin`.
fn generated(shell: clap_complete::Shell, cmd: &mut clap::Command, bin: &str) -> String {
    let mut script = Vec::new();
    clap_complete::generate(shell, cmd, bin, &mut script);
    String::from_utf8_lossy(&script).into_owned()
}

/// The bash script generated for `internal`, its `complete -F` lines
/// registering it for the command `name` instead.
fn register_bash(script: &str, internal: &str, name: &str) -> String {
    let mut out = String::with_capacity(script.len() + 16);
    for line in script.lines() {
        let registers = line.trim_start().starts_with("complete -F ");
        match line.strip_suffix(internal) {
            Some(head) if registers && head.ends_with(' ') => {
                out.push_str(head);
                out.push_str(name);
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// The fish lines clap_complete leaves out: for each command (nested two
/// deep, as far as its conditions go), the possible values of its
/// positionals, and `-f` (no file names) unless a positional is a path;
/// and the values of the bare command's options. The conditions are the
/// ones clap_complete's own lines use, so they select the same command.
fn fish_arguments(cmd: &clap::Command, name: &str) -> String {
    let prefix = format!("__fish_{}", name.replace('-', "_"));
    let using = format!("{prefix}_using_subcommand");
    let mut out = String::new();
    // clap_complete's lines for the bare command's options hold while
    // `..._needs_command` can parse the line, which it cannot while an
    // option's value is missing: the value is completed by lines that
    // hold just then (the line does not parse, and no command is on it).
    let subcommands: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
    let condition = format!(
        "not {prefix}_needs_command; and not __fish_seen_subcommand_from {}",
        subcommands.join(" ")
    );
    for arg in cmd.get_opts().filter(|a| !a.is_hide_set()) {
        let mut line = format!("complete -c {name} -n \"{condition}\"");
        if let Some(short) = arg.get_short() {
            line.push_str(&format!(" -s {short}"));
        }
        if let Some(long) = arg.get_long() {
            line.push_str(&format!(" -l {long}"));
        }
        let values = possible_values(arg);
        if !values.is_empty() {
            line.push_str(&format!(" -r -f -a \"{}\"", values.join(" ")));
        } else if is_path(arg) {
            line.push_str(" -r -F");
        } else {
            line.push_str(" -r -f");
        }
        out.push_str(&line);
        out.push('\n');
    }
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sub_name = sub.get_name();
        let condition = if sub.has_subcommands() {
            let names: Vec<&str> = sub.get_subcommands().map(|s| s.get_name()).collect();
            format!(
                "{using} {sub_name}; and not __fish_seen_subcommand_from {}",
                names.join(" ")
            )
        } else {
            format!("{using} {sub_name}")
        };
        fish_command_arguments(&mut out, name, &condition, sub);
        for nested in sub.get_subcommands().filter(|s| !s.is_hide_set()) {
            let condition = format!(
                "{using} {sub_name}; and __fish_seen_subcommand_from {}",
                nested.get_name()
            );
            fish_command_arguments(&mut out, name, &condition, nested);
        }
    }
    out
}

/// [`fish_arguments`] for one command, selected by `condition`.
fn fish_command_arguments(out: &mut String, name: &str, condition: &str, cmd: &clap::Command) {
    let positionals: Vec<&clap::Arg> = cmd.get_positionals().filter(|a| !a.is_hide_set()).collect();
    if !positionals.iter().any(|a| is_path(a)) {
        out.push_str(&format!("complete -c {name} -n \"{condition}\" -f\n"));
    }
    for arg in positionals {
        let values = possible_values(arg);
        if !values.is_empty() {
            let values = values.join(" ");
            out.push_str(&format!(
                "complete -c {name} -n \"{condition}; and not __fish_seen_subcommand_from {values}\" -f -a \"{values}\"\n"
            ));
        }
    }
}

/// Whether `arg` takes a file or folder name.
fn is_path(arg: &clap::Arg) -> bool {
    matches!(
        arg.get_value_hint(),
        ValueHint::AnyPath | ValueHint::FilePath | ValueHint::DirPath
    )
}

/// The values `arg` takes, if it names them (hidden ones left out).
fn possible_values(arg: &clap::Arg) -> Vec<String> {
    arg.get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_owned())
        .collect()
}

// ---------------------------------------------------------------------------
// The manual page
// ---------------------------------------------------------------------------

/// What the manual page says beyond the clap definitions: each section's
/// heading, an opening paragraph, and its entries (term, text).
type ManSection = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const MAN_DESCRIPTION: &[&str] = &[
    "whiplash-quiz asks multiple-choice questions about the film Whiplash. The questions are \
     derived from a structured record of the film's facts (built in, or given with --record), \
     or come from question banks of your own (--bank, banks add, import).",
    "Without a command, in a terminal, it opens a start menu; with any option, or when standard \
     input or standard error is not a terminal, it plays a game, as play does. In a terminal each \
     question is answered with single keys (see KEYS); otherwise (--plain, or answers piped in) \
     one numbered line is read per answer: a number answers, 50 uses the 50:50 lifeline, q stops, \
     and the end of input stops the game.",
    "After each question the right answer and a short explanation are shown; the game ends with a \
     review of the misses and the score. Every finished game is saved (see FILES) unless --no-save \
     is given; scores and stats read the saved games back.",
];

const MAN_SECTIONS: &[ManSection] = &[
    (
        "KEYS",
        "In a terminal each question fills the screen, with a countdown under it in timed mode:",
        &[
            ("1 to 6", "Answer with that choice at once."),
            (
                "Up, Down, k, j",
                "Move the highlight (Tab and Shift-Tab too).",
            ),
            ("Home, End", "Move to the first or the last entry."),
            ("Enter", "Answer with the highlighted choice."),
            (
                "f",
                "The 50:50 lifeline, once per game: every wrong choice but one is taken away, and \
                 the two left keep their numbers. A right answer after it scores half its points. \
                 While unused it is also the last entry under the choices.",
            ),
            (
                "q, Esc",
                "Ask \"Quit this game? (y/N)\": y stops the game and shows the summary so far; any \
                 other key goes back to the question.",
            ),
            (
                "Ctrl-C",
                "Stop at once, asking nothing: the answers given so far are saved, the terminal is \
                 put back, and the exit status is 130.",
            ),
            (
                "Start menu",
                "Each entry has a number key; arrows, j, k and Enter work too, and Esc or q leaves. \
                 In Choose categories, Space (or an entry's number) ticks a category and Enter \
                 plays the ticked ones. After a game or a listing, Enter brings the menu back.",
            ),
            (
                "Hot-seat",
                "Each turn starts with a handover: the next player presses Enter.",
            ),
            (
                "Party host",
                "Enter or Space starts the game, closes the open question, or opens the next \
                 one; r, a player's number and Enter removes that player; q ends the game for \
                 everyone. When standard input is not a terminal, lines are read instead: start, \
                 next, remove N, quit.",
            ),
        ],
    ),
    (
        "EXIT STATUS",
        "",
        &[
            (
                "0",
                "Success, including a game stopped with q, Esc or the end of input, and output \
                 whose reader went away (a broken pipe).",
            ),
            (
                "1",
                "An error: an unreadable or invalid record, a broken bank, a filter that matches \
                 nothing, output that cannot be written. check exits 1 when any file is invalid.",
            ),
            (
                "2",
                "A usage error: an unknown option, a bad value, options that cannot go together.",
            ),
            (
                "129",
                "The terminal hung up (SIGHUP); a game is saved first.",
            ),
            (
                "130",
                "Interrupted with Ctrl-C (SIGINT); a game is saved first.",
            ),
            ("143", "Ended by SIGTERM; a game is saved first."),
        ],
    ),
    (
        "FILES",
        "Everything is kept in the data folder, $XDG_DATA_HOME/whiplash-quiz/ (by default \
         ~/.local/share/whiplash-quiz/):",
        &[
            (
                "games.sqlite3",
                "The saved games (SQLite, in WAL mode): scores, statistics and the missed \
                 questions that play --review deals. To reset them, delete it with its -wal and \
                 -shm files while no game runs.",
            ),
            (
                "games.sqlite3-wal, games.sqlite3-shm",
                "SQLite's log and shared memory, beside the database while a game uses it.",
            ),
            (
                "pending/",
                "Games waiting to be saved, one game-TOKEN.json each: a finished game the database \
                 could not take (held by another game, a full disk, damage) is written here whole, \
                 and the next command that saves a game merges it, once, and removes the file. Its \
                 file reserve (256 KiB) is kept to make room for a game on a full disk.",
            ),
            (
                "banks/",
                "Installed question banks, one NAME.json each (banks add, banks remove).",
            ),
            (
                "scores.jsonl",
                "The saved-games log of older versions: imported once into games.sqlite3, then \
                 renamed scores.jsonl.imported-TIME.",
            ),
            (
                "games.sqlite3.damaged-TIME",
                "A damaged database (with its -wal), kept as it was once what could be read was \
                 copied into a new games.sqlite3. Put it back to go back to it.",
            ),
            (
                "games.sqlite3.not-saved-games-TIME",
                "Whatever was at the database's path that was not a saved-games database (a file, \
                 a folder, a link), moved aside unopened when a new database was started.",
            ),
        ],
    ),
    (
        "ENVIRONMENT",
        "",
        &[
            (
                "XDG_DATA_HOME",
                "Where the data folder is (see FILES), when it is an absolute path.",
            ),
            (
                "HOME",
                "The home folder, for the default data folder ~/.local/share/whiplash-quiz/.",
            ),
            (
                "NO_COLOR",
                "Any non-empty value turns colour off, as --no-color does.",
            ),
            (
                "CLICOLOR, CLICOLOR_FORCE",
                "CLICOLOR=0 turns colour off; CLICOLOR_FORCE other than 0 turns it on even when \
                 the output is not a terminal.",
            ),
            ("TERM", "TERM=dumb turns colour off."),
            (
                "COLUMNS",
                "The width --help is wrapped to (at most 100) when its output is not a terminal.",
            ),
            (
                "LC_ALL, LC_CTYPE, LANG",
                "The first of them that is set says whether the terminal takes UTF-8: the daily \
                 challenge's share line uses coloured squares only then (and with colour on), and \
                 reads [++-+] otherwise.",
            ),
        ],
    ),
];

/// The manual page, `whiplash-quiz(1)`, in roff: one page, with every
/// command and option taken from the clap definitions, and the keys, exit
/// statuses, files and environment from [`MAN_SECTIONS`]. It refers to no
/// other page.
fn man_page() -> String {
    use roff::{Roff, bold, roman};
    let mut cmd = Cli::command();
    cmd.build();
    let name = cmd.get_name().to_owned();
    let version = cmd.get_version().unwrap_or_default().to_owned();
    let mut page = Roff::new();
    let source = format!("{name} {version}");
    // Control lines take their arguments as they are: no date (only `app`
    // and `ui` read the clock), and `\-` for a hyphen.
    page.control(
        "TH",
        [
            &roff_argument(&name.to_uppercase()),
            "1",
            "\"\"",
            &roff_argument(&source),
            "User Commands",
        ],
    );
    // Ragged right and no hyphenation: file names and options stay whole.
    page.control("ad", ["l"]);
    page.control("nh", []);

    page.control("SH", ["NAME"]);
    let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
    let mut about_chars = about.trim_end_matches('.').chars();
    let about: String = about_chars
        .next()
        .map(|c| c.to_lowercase().chain(about_chars).collect())
        .unwrap_or_default();
    page.text([roman(format!("{name} - {about}"))]);

    page.control("SH", ["SYNOPSIS"]);
    for (i, line) in usage_lines(&mut cmd).iter().enumerate() {
        if i > 0 {
            page.control("br", []);
        }
        page.text(usage_inlines(line));
    }

    page.control("SH", ["DESCRIPTION"]);
    for (i, paragraph) in MAN_DESCRIPTION.iter().enumerate() {
        if i > 0 {
            page.control("PP", []);
        }
        page.text([roman(*paragraph)]);
    }

    page.control("SH", ["OPTIONS"]);
    page.text([roman(
        "Without a command, these play a game, as play does; --no-color and --help are taken \
         by every command.",
    )]);
    man_arguments(&mut page, cmd.get_arguments());

    page.control("SH", ["COMMANDS"]);
    let own = |c: &clap::Command| -> Vec<String> {
        c.get_arguments()
            .filter(|a| !a.is_global_set() && !is_builtin(a))
            .map(|a| a.get_id().to_string())
            .collect()
    };
    let root_own = own(&cmd);
    for sub in commands(&cmd) {
        man_command(&mut page, sub, own(sub) == root_own);
        for nested in commands(sub) {
            man_command(&mut page, nested, false);
        }
    }

    for (heading, opening, entries) in MAN_SECTIONS {
        page.control("SH", [*heading]);
        if !opening.is_empty() {
            page.text([roman(*opening)]);
        }
        for (term, text) in *entries {
            page.control("TP", []);
            page.text([bold(*term)]);
            page.text([roman(*text)]);
        }
    }

    page.control("SH", ["VERSION"]);
    page.text([roman(source)]);
    page.render()
}

/// `text` as a sentence: clap keeps a help text's last full stop off, and
/// the page runs texts together.
fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.is_empty() || text.ends_with(['.', '!', '?', ':']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// An argument of a roff control line, its hyphens escaped (the `roff`
/// crate escapes text lines, and only quotes arguments with a space).
fn roff_argument(text: &str) -> String {
    text.replace('-', "\\-")
}

/// The commands of `cmd` the page describes: all but clap's `help`.
fn commands(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
}

/// clap's own `--help` and `--version`.
fn is_builtin(arg: &clap::Arg) -> bool {
    matches!(arg.get_id().as_str(), "help" | "version")
}

/// The usage lines clap prints for `cmd` (its bin name set by a build),
/// without `Usage:`.
fn usage_lines(cmd: &mut clap::Command) -> Vec<String> {
    cmd.render_usage()
        .to_string()
        .lines()
        .map(|l| {
            let l = l.trim();
            l.strip_prefix("Usage:").unwrap_or(l).trim().to_owned()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// A usage line in roff: the command's words bold, the rest roman.
fn usage_inlines(line: &str) -> Vec<roff::Inline> {
    let words: Vec<&str> = line.split(' ').collect();
    let command = words
        .iter()
        .take_while(|w| !w.starts_with(['[', '<']))
        .count();
    let mut inlines = vec![roff::bold(words[..command].join(" "))];
    if command < words.len() {
        inlines.push(roff::roman(format!(" {}", words[command..].join(" "))));
    }
    inlines
}

/// One command of COMMANDS: its usage as the heading, what it does, and its
/// arguments (or, for `play`, a pointer to OPTIONS, which lists the same).
fn man_command(page: &mut roff::Roff, sub: &clap::Command, same_as_root: bool) {
    let mut sub = sub.clone();
    // `.SS` alone makes the next line the heading, escaped as text is.
    page.control("SS", []);
    page.text(usage_inlines(&usage_lines(&mut sub).join(" ")));
    if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
        page.text([roff::roman(sentence(&about.to_string()))]);
    }
    if same_as_root {
        page.text([roff::roman("Its options are those under OPTIONS.")]);
        return;
    }
    man_arguments(
        page,
        sub.get_arguments()
            .filter(|a| !a.is_global_set() && !is_builtin(a)),
    );
}

/// Each argument as a tagged paragraph: its flags and value, then its help,
/// default and possible values.
fn man_arguments<'a>(page: &mut roff::Roff, args: impl Iterator<Item = &'a clap::Arg>) {
    use roff::{bold, italic, roman};
    let (positionals, options): (Vec<_>, Vec<_>) = args
        .filter(|a| !a.is_hide_set())
        .partition(|a| a.is_positional());
    for arg in positionals.into_iter().chain(options) {
        let value = arg
            .get_value_names()
            .map(|names| {
                names
                    .iter()
                    .map(|n| n.to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
        let mut head = Vec::new();
        if let Some(short) = arg.get_short() {
            head.push(bold(format!("-{short}")));
        }
        if let Some(long) = arg.get_long() {
            if !head.is_empty() {
                head.push(roman(", "));
            }
            head.push(bold(format!("--{long}")));
        }
        if arg.is_positional() {
            let many = arg.get_num_args().is_some_and(|n| n.max_values() > 1);
            head.push(italic(value));
            if many {
                head.push(roman("..."));
            }
        } else if arg.get_action().takes_values() {
            head.push(roman(" "));
            head.push(italic(value));
        }
        let mut text = arg
            .get_long_help()
            .or_else(|| arg.get_help())
            .map(|h| sentence(&h.to_string()))
            .unwrap_or_default();
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if arg.get_action().takes_values()
            && !defaults.is_empty()
            && !arg.is_hide_default_value_set()
        {
            text.push_str(&format!(" [default: {}]", defaults.join(", ")));
        }
        let values = possible_values(arg);
        if !values.is_empty() {
            text.push_str(&format!(" Possible values: {}.", values.join(", ")));
        }
        page.control("TP", []);
        page.text(head);
        page.text([roman(text)]);
    }
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

    /// The bash script matches every subcommand it names with a case label
    /// of that name (clap_complete 4.6 wrote them two ways for a name with
    /// a `-`), and registers the program's own name.
    #[test]
    fn the_bash_script_names_its_cases_one_way_for_any_program_name() {
        for name in ["whiplash-quiz", "wq", "wq.2", "c++", "whiplash_quiz"] {
            let script = completion_script(Shell::Bash, name);
            let labels: std::collections::HashSet<&str> = script
                .lines()
                .filter_map(|l| l.trim().strip_suffix(')'))
                .collect();
            let targets: Vec<&str> = script
                .lines()
                .filter_map(|l| l.trim().strip_prefix("cmd=\""))
                .filter_map(|l| l.strip_suffix('"'))
                .filter(|t| !t.is_empty())
                .collect();
            assert!(targets.len() > 20, "{name}: {targets:?}");
            for target in targets {
                assert!(labels.contains(target), "{name}: no case for {target}");
            }
            let registered: Vec<&str> = script
                .lines()
                .filter(|l| l.trim_start().starts_with("complete -F "))
                .collect();
            assert_eq!(registered.len(), 2, "{name}: {registered:?}");
            for line in registered {
                assert!(line.ends_with(&format!(" {name}")), "{name}: {line}");
            }
        }
    }

    #[test]
    fn a_script_names_the_program_only_if_it_can_carry_the_name() {
        for good in ["whiplash-quiz", "wq", "wq.2", "c++", "a_b"] {
            assert!(nameable(good), "{good}");
        }
        for bad in ["", "-x", "my quiz", "q'z", "q\"z", "q$z", "q;z", "q*", "é"] {
            assert!(!nameable(bad), "{bad}");
        }
    }

    /// The page is one page: every command and option of the clap
    /// definitions, and no other page named.
    #[test]
    fn the_man_page_is_one_page_with_every_command() {
        let page = man_page();
        assert!(page.contains("\n.TH WHIPLASH\\-QUIZ 1 "), "{page}");
        assert!(!page.contains(".so "), "{page}");
        assert!(!page.contains("SEE ALSO"), "{page}");
        let mut cmd = Cli::command();
        cmd.build();
        for sub in commands(&cmd) {
            let escaped = format!("\\fBwhiplash\\-quiz {}", sub.get_name());
            assert!(page.contains(&escaped), "no {}", sub.get_name());
            for arg in sub.get_arguments().filter_map(|a| a.get_long()) {
                assert!(page.contains(&format!("\\-\\-{}", arg.replace('-', "\\-"))));
            }
        }
        for heading in ["KEYS", "\"EXIT STATUS\"", "FILES", "ENVIRONMENT"] {
            assert!(page.contains(&format!("\n.SH {heading}\n")), "{heading}");
        }
    }
}
