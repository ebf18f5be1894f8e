//! Everything the player sees. This is the only module that knows about
//! `console` and `dialoguer`, and the only one that writes to the terminal.

mod plain;
mod terminal;

pub use plain::LinePlayer;
pub use terminal::TerminalPlayer;

use crate::game::{Answer, Ending, Game, Player, Turn};
use crate::text::escape_controls;
use console::{Style, Term};
use std::io::{self, IsTerminal, Write};
use std::sync::Once;
use std::time::Duration;

/// Colour and stream settings, decided once at start-up.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    /// Style for stderr's colour setting rather than stdout's.
    stderr: bool,
}

impl Painter {
    pub fn for_stdout() -> Self {
        Painter { stderr: false }
    }

    pub fn for_stderr() -> Self {
        Painter { stderr: true }
    }

    fn style(&self, s: Style) -> Style {
        if self.stderr { s.for_stderr() } else { s }
    }

    fn paint(&self, s: Style, text: &str) -> String {
        self.style(s).apply_to(text).to_string()
    }

    fn bold(&self, t: &str) -> String {
        self.paint(Style::new().bold(), t)
    }
    fn dim(&self, t: &str) -> String {
        self.paint(Style::new().dim(), t)
    }
    fn good(&self, t: &str) -> String {
        self.paint(Style::new().green().bold(), t)
    }
    fn bad(&self, t: &str) -> String {
        self.paint(Style::new().red().bold(), t)
    }
    fn accent(&self, t: &str) -> String {
        self.paint(Style::new().cyan(), t)
    }
}

/// Applies the colour rules: `--no-color` or a non-empty `NO_COLOR` turns
/// colour off on both streams; otherwise `console` follows `CLICOLOR`,
/// `CLICOLOR_FORCE` and whether each stream is a terminal.
pub fn configure_colors(no_color_flag: bool) {
    let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if no_color_flag || no_color_env {
        console::set_colors_enabled(false);
        console::set_colors_enabled_stderr(false);
    }
}

/// Whether a prompt can be shown: stdin and stderr are both terminals.
pub fn is_interactive() -> bool {
    io::stdin().is_terminal() && Term::stderr().is_term()
}

/// On Ctrl-C: show the cursor again, end the line and exit with 130.
pub fn install_interrupt_handler() {
    // Failing to install it only loses the cursor fix-up, never the game.
    let _ = ctrlc::set_handler(interrupted);
}

/// Leaves the terminal sane and exits with the conventional status for SIGINT.
///
/// Both the Ctrl-C handler and the prompt (which sees the key as an error)
/// may call this at once: the fix-up is written once, and neither exits
/// before it is done. Escapes go only to terminals, never into a redirected
/// stdout such as a `--json` report.
pub fn interrupted() {
    static FIX_UP: Once = Once::new();
    FIX_UP.call_once(|| {
        for term in [Term::stderr(), Term::stdout()] {
            if term.is_term() {
                let _ = term.show_cursor();
            }
        }
        let _ = writeln!(io::stderr());
    });
    std::process::exit(130);
}

/// Where game text goes: stdout normally, stderr when stdout carries a report.
pub struct Screen {
    out: Box<dyn Write>,
    pub painter: Painter,
    /// The terminal's width, when the screen is a terminal: long lines are
    /// wrapped at word boundaries to it. Pipes and files get lines whole.
    width: Option<usize>,
}

impl Screen {
    pub fn new(to_stderr: bool) -> Self {
        let term = if to_stderr {
            Term::stderr()
        } else {
            Term::stdout()
        };
        let width = term.is_term().then(|| term.size().1 as usize);
        if to_stderr {
            Screen {
                out: Box::new(io::stderr()),
                painter: Painter::for_stderr(),
                width,
            }
        } else {
            Screen {
                out: Box::new(io::stdout()),
                painter: Painter::for_stdout(),
                width,
            }
        }
    }

    pub fn write(&mut self, text: &str) -> io::Result<()> {
        match self.width {
            Some(width) if width >= 20 => {
                self.out.write_all(wrap_lines(text, width).as_bytes())?;
            }
            _ => self.out.write_all(text.as_bytes())?,
        }
        self.out.flush()
    }

    /// The notice shown before the first question.
    pub fn intro(&mut self, title: &str, seed: u64, count: usize) -> io::Result<()> {
        let p = self.painter;
        let s = format!(
            "{} {}, seed {}\n",
            p.bold(&format!("{} quiz:", escape_controls(title))),
            crate::format::count(count as i64, "question"),
            p.accent(&seed.to_string())
        );
        self.write(&s)
    }

    /// Said when review mode finds nothing to practise.
    pub fn nothing_to_review(&mut self) -> io::Result<()> {
        self.write("Nothing to review: you have no missed questions left to practise.\n")
    }

    /// The daily challenge's heading.
    pub fn daily(&mut self, date: chrono::NaiveDate) -> io::Result<()> {
        let p = self.painter;
        self.write(&format!(
            "{}\n",
            p.accent(&format!(
                "Daily challenge for {}",
                date.format("%A %-d %B %Y")
            ))
        ))
    }

    /// Said before a daily challenge that was already played that day.
    pub fn practice(&mut self) -> io::Result<()> {
        let text = "You have played this challenge already: this game is practice, and does not count for the streak, the share line or the high scores.\n";
        self.write(&self.painter.dim(text))
    }

    /// Who plays a hot-seat game.
    pub fn players(&mut self, players: &[String], each: usize) -> io::Result<()> {
        let names: Vec<String> = players
            .iter()
            .map(|n| escape_controls(n).into_owned())
            .collect();
        self.write(&format!(
            "Players: {}, taking turns; {} each.\n",
            names.join(", "),
            crate::format::count(each as i64, "question")
        ))
    }

    /// The daily challenge's share line: emoji squares, or `[+-]` marks when
    /// colour or Unicode is off.
    pub fn share(&mut self, date: chrono::NaiveDate, marks: &[bool]) -> io::Result<()> {
        let colors = if self.painter.stderr {
            console::colors_enabled_stderr()
        } else {
            console::colors_enabled()
        };
        let line = crate::stats::share_line(date, marks, colors && unicode_locale());
        self.write(&format!("\nShare your result:\n{line}\n"))
    }

    /// Said when questions repeated across banks were dropped.
    pub fn repeats(&mut self, n: usize) -> io::Result<()> {
        let text = if n == 1 {
            "1 question appears twice in the banks; it is played once.\n".to_owned()
        } else {
            format!("{n} questions appear more than once in the banks; each is played once.\n")
        };
        self.write(&self.painter.dim(&text))
    }

    /// Said when fewer questions exist than were asked for.
    pub fn short_of_questions(&mut self, wanted: usize, available: usize) -> io::Result<()> {
        self.write(&format!(
            "Only {} available (you asked for {wanted}); playing all of them.\n",
            if available == 1 {
                "1 question is".to_owned()
            } else {
                format!("{available} questions are")
            }
        ))
    }

    pub fn summary(
        &mut self,
        game: &Game,
        ending: Ending,
        elapsed: Duration,
        replay: &str,
    ) -> io::Result<()> {
        let text = summary(self.painter, game, ending, elapsed, replay);
        self.write(&text)
    }
}

/// An entry of the start menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuItem {
    Play,
    Daily,
    Review,
    Categories,
    HighScores,
    Quit,
}

impl MenuItem {
    pub const ALL: [MenuItem; 6] = [
        MenuItem::Play,
        MenuItem::Daily,
        MenuItem::Review,
        MenuItem::Categories,
        MenuItem::HighScores,
        MenuItem::Quit,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MenuItem::Play => "Play",
            MenuItem::Daily => "Daily challenge",
            MenuItem::Review => "Practise my misses",
            MenuItem::Categories => "Choose categories",
            MenuItem::HighScores => "High scores",
            MenuItem::Quit => "Quit",
        }
    }
}

/// Maps a prompt's result: `None` for Esc, the cursor fixed up and exit 130
/// for Ctrl-C.
fn prompted<T>(result: dialoguer::Result<Option<T>>) -> io::Result<Option<T>> {
    match result {
        Ok(v) => Ok(v),
        Err(dialoguer::Error::IO(e)) if e.kind() == io::ErrorKind::Interrupted => {
            interrupted();
            Ok(None)
        }
        Err(dialoguer::Error::IO(e)) => Err(e),
    }
}

/// The look of the prompts: coloured, or with plain `>` markers when
/// colour is off (so the current row is still visible).
fn theme() -> Box<dyn dialoguer::theme::Theme> {
    if console::colors_enabled_stderr() {
        Box::new(dialoguer::theme::ColorfulTheme::default())
    } else {
        Box::new(dialoguer::theme::SimpleTheme)
    }
}

/// `items` shortened with `…` to fit one line of the terminal each, and
/// whether any had to be.
fn fit_to_width(items: &[String]) -> (Vec<String>, bool) {
    let (_, cols) = Term::stderr().size();
    // Room for the cursor marker and a margin.
    let limit = (cols as usize).saturating_sub(4).max(12);
    let mut cut = false;
    let fitted = items
        .iter()
        .map(|item| {
            if console::measure_text_width(item) > limit {
                cut = true;
                console::truncate_str(item, limit, "…").into_owned()
            } else {
                item.clone()
            }
        })
        .collect();
    (fitted, cut)
}

/// The start menu, on stderr; `None` when the player presses Esc.
pub fn menu(title: &str) -> io::Result<Option<MenuItem>> {
    let labels: Vec<&str> = MenuItem::ALL.iter().map(|m| m.label()).collect();
    let _ = io::stderr().write_all(b"\n");
    let picked = dialoguer::Select::with_theme(theme().as_ref())
        .with_prompt(format!(
            "{} (arrows and Enter, Esc to leave)",
            escape_controls(title)
        ))
        .items(&labels)
        .default(0)
        .report(false)
        .interact_on_opt(&Term::stderr());
    Ok(prompted(picked)?.map(|i| MenuItem::ALL[i]))
}

/// Lets the player tick categories; `None` on Esc. Enter with nothing
/// ticked asks again.
pub fn choose_categories(names: &[String]) -> io::Result<Option<Vec<usize>>> {
    let shown: Vec<String> = names
        .iter()
        .map(|n| escape_controls(n).into_owned())
        .collect();
    let (shown, _) = fit_to_width(&shown);
    loop {
        let picked = dialoguer::MultiSelect::with_theme(theme().as_ref())
            .with_prompt("Categories to play (Space ticks, Enter plays, Esc goes back)")
            .items(&shown)
            .report(false)
            .interact_on_opt(&Term::stderr());
        match prompted(picked)? {
            None => return Ok(None),
            Some(chosen) if chosen.is_empty() => {
                let _ = writeln!(io::stderr(), "Tick at least one category with Space.");
            }
            Some(chosen) => return Ok(Some(chosen)),
        }
    }
}

/// Whether the locale says the terminal takes UTF-8 (the first of
/// `LC_ALL`, `LC_CTYPE` and `LANG` that is set decides).
fn unicode_locale() -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        })
}

/// `text` with every line longer than `width` wrapped at word boundaries;
/// a wrapped line's continuation keeps the line's indent, so a review entry
/// stays one block. Colour codes take no width.
fn wrap_lines(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        if console::measure_text_width(body) <= width {
            out.push_str(line);
            continue;
        }
        let indent: String = body.chars().take_while(|c| *c == ' ').collect();
        let options = textwrap::Options::new(width)
            .subsequent_indent(&indent)
            .break_words(true);
        let wrapped = textwrap::wrap(body, options);
        for (i, part) in wrapped.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(part);
        }
        out.push_str(end);
    }
    out
}

/// Prints a document on stdout: the JSON report of `play --json` (the only
/// thing it writes there) or a generated bank.
pub fn emit(json: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    // serde_json escapes C0 controls but not DEL or C1: they are written
    // as \u escapes here, so no output carries a raw control character.
    out.write_all(crate::text::escape_json_controls(json).as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Prints a command's result on stdout, control characters escaped.
pub fn say(text: &str) {
    let mut out = io::stdout().lock();
    for line in text.lines() {
        let _ = writeln!(out, "{}", escape_controls(line));
    }
    let _ = out.flush();
}

/// Prints a note on stderr (a summary beside a command's real output).
pub fn note(text: &str) {
    let mut err = io::stderr().lock();
    for line in text.lines() {
        let _ = writeln!(err, "{}", escape_controls(line));
    }
}

/// Prints a warning on stderr, one line per message line.
pub fn warn(message: &str) {
    let p = Painter::for_stderr();
    let mut err = io::stderr().lock();
    for line in message.lines() {
        let _ = writeln!(
            err,
            "{} {}",
            p.paint(Style::new().yellow().bold(), "warning:"),
            escape_controls(line)
        );
    }
}

/// Prints an error on stderr: each line of `message` is one `error:`
/// line, except indented lines, which continue the one above.
pub fn error(message: &str) {
    let p = Painter::for_stderr();
    let mut err = io::stderr().lock();
    for line in message.lines() {
        if line.starts_with(' ') {
            let _ = writeln!(err, "{}", escape_controls(line));
        } else {
            let _ = writeln!(err, "{} {}", p.bad("error:"), escape_controls(line));
        }
    }
}

/// Prints clap's help or usage error, already formatted: errors on stderr,
/// help and version on stdout.
pub fn usage(text: &str, is_error: bool) {
    let _ = if is_error {
        io::stderr().lock().write_all(text.as_bytes())
    } else {
        io::stdout().lock().write_all(text.as_bytes())
    };
}

/// The player for this run: dialoguer when a person is at a terminal,
/// plain lines otherwise.
pub fn player(interactive: bool, screen_to_stderr: bool) -> Box<dyn Player> {
    let screen = Screen::new(screen_to_stderr);
    if interactive {
        Box::new(TerminalPlayer::new(screen))
    } else {
        Box::new(LinePlayer::new(
            io::BufReader::new(io::stdin()),
            screen,
            Box::new(io::stderr()),
            !io::stdin().is_terminal(),
        ))
    }
}

/// `Question 3/10 · awards · hard · score 450` and the prompt.
pub fn question_header(p: Painter, turn: &Turn<'_>) -> String {
    let q = &turn.round.question;
    let whose = match turn.player {
        Some(name) => format!(
            "\n{}",
            p.accent(&format!("{}, your turn.", escape_controls(name)))
        ),
        None => String::new(),
    };
    format!(
        "{whose}\n{} {}\n{}\n",
        p.bold(&format!("Question {}/{}", turn.number, turn.total)),
        p.dim(&format!(
            "· {} · {} · score {}",
            escape_controls(&q.category),
            q.difficulty,
            turn.score
        )),
        p.bold(&escape_controls(&q.prompt)),
    )
}

/// What the player sees after answering.
pub fn feedback(p: Painter, turn: &Turn<'_>, answer: &Answer, game: &Game) -> String {
    let round = turn.round;
    let right = escape_controls(&round.choices[round.answer]).into_owned();
    let mut s = if answer.correct {
        let streak = if answer.streak >= 2 {
            format!(", streak {}", answer.streak)
        } else {
            String::new()
        };
        let half = if answer.fifty_fifty.is_some() {
            " (half points after the 50:50)"
        } else {
            ""
        };
        format!(
            "{} +{} points{half}{streak}\n",
            p.good("Right!"),
            answer.points
        )
    } else {
        format!("{} The answer is: {}\n", p.bad("Wrong."), p.bold(&right))
    };
    if !round.question.explanation.is_empty() {
        s.push_str(&format!(
            "{}\n",
            escape_controls(&round.question.explanation)
        ));
    }
    let seat = game.player_of(turn.number - 1);
    if game.player_flawless(seat) {
        s.push_str(&format!(
            "{}\n",
            p.good(&format!(
                "Flawless! +{} bonus",
                crate::score::flawless_bonus(game.rounds_of(seat))
            ))
        ));
    }
    let (right, answered) = game.player_tally(seat);
    let line = match turn.player {
        Some(name) => format!(
            "{}: score {} · {right}/{answered} right",
            escape_controls(name),
            turn.score
        ),
        None => format!("Score {} · {right}/{answered} right", turn.score),
    };
    s.push_str(&p.dim(&line));
    s.push('\n');
    s
}

fn duration(d: Duration) -> String {
    let secs = d.as_secs();
    if secs >= 60 {
        format!("{}m {:02}s", secs / 60, secs % 60)
    } else {
        format!("{secs}s")
    }
}

/// The hot-seat scoreboard, best first, and who won.
fn scoreboard(p: Painter, game: &Game) -> String {
    let mut rows: Vec<(usize, u32)> = (0..game.players.len())
        .map(|i| (i, game.player_score(i)))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let width = game
        .players
        .iter()
        .map(|n| escape_controls(n).chars().count())
        .max()
        .unwrap_or(0);
    let mut s = format!("\n{}\n", p.bold("Scoreboard"));
    let ranks = crate::report::player_ranks(game);
    for &(i, score) in &rows {
        let (correct, answered) = game.player_tally(i);
        let name = escape_controls(&game.players[i]).into_owned();
        let flawless = if game.player_flawless(i) {
            format!(
                " · flawless, +{} bonus",
                crate::score::flawless_bonus(game.rounds_of(i))
            )
        } else {
            String::new()
        };
        s.push_str(&format!(
            "{}. {name:<width$}  {score:>6}  {correct}/{answered} right{flawless}\n",
            ranks[i]
        ));
    }
    let best = rows[0].1;
    let winners: Vec<String> = rows
        .iter()
        .filter(|r| r.1 == best)
        .map(|r| escape_controls(&game.players[r.0]).into_owned())
        .collect();
    if winners.len() == 1 {
        s.push_str(&format!("{}\n", p.good(&format!("{} wins!", winners[0]))));
    } else {
        s.push_str(&format!(
            "{}\n",
            p.good(&format!(
                "A tie between {}.",
                crate::format::and_list(&winners)
            ))
        ));
    }
    s
}

/// The end-of-game summary and the review of missed questions.
pub fn summary(p: Painter, game: &Game, ending: Ending, elapsed: Duration, replay: &str) -> String {
    let answered = game.answers.len();
    let mut s = String::from("\n");
    if ending == Ending::Stopped {
        s.push_str(&format!(
            "Game stopped after {answered} of {} questions.\n",
            game.rounds.len()
        ));
    }
    let tally = format!("{}/{}", game.correct(), answered);
    if !game.players.is_empty() {
        // Rivals' tallies are in the scoreboard; a sum means nothing.
        s.push_str(&format!(
            "{} {} questions answered · time {}\n",
            p.bold("Game over."),
            answered,
            duration(elapsed)
        ));
    } else if game.flawless() {
        s.push_str(&format!(
            "{} {} right · score {} (with a flawless bonus of +{}) · best streak {} · time {}\n",
            p.good("Flawless!"),
            p.bold(&tally),
            p.bold(&game.score().to_string()),
            crate::score::flawless_bonus(game.rounds.len()),
            game.best_streak(),
            duration(elapsed),
        ));
    } else {
        s.push_str(&format!(
            "{} {} right · score {} · best streak {} · time {}\n",
            p.bold("Game over."),
            p.bold(&tally),
            p.bold(&game.score().to_string()),
            game.best_streak(),
            duration(elapsed),
        ));
    }
    s.push_str(&format!(
        "Seed {}. Replay this game with: {}\n",
        game.seed,
        p.accent(&escape_controls(replay))
    ));
    if !game.players.is_empty() {
        s.push_str(&scoreboard(p, game));
    }
    let misses: Vec<_> = game.misses().collect();
    if !misses.is_empty() {
        s.push_str(&format!("\n{}\n", p.bold("Review of missed questions")));
        for (i, round, answer) in misses {
            let who = match game.players.get(game.player_of(i)) {
                Some(name) => format!(" ({})", escape_controls(name)),
                None => String::new(),
            };
            s.push_str(&format!(
                "{}. {}{who}\n   You said: {}\n   Answer:   {}\n",
                i + 1,
                escape_controls(&round.question.prompt),
                p.bad(&escape_controls(&round.choices[answer.chosen])),
                p.good(&escape_controls(&round.choices[round.answer])),
            ));
            if !round.question.explanation.is_empty() {
                s.push_str(&format!(
                    "   {}\n",
                    escape_controls(&round.question.explanation)
                ));
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::wrap_lines;

    #[test]
    fn long_lines_wrap_at_words_and_keep_their_indent() {
        let text = "   You said: Stage 6 Films in North America and abroad\nshort\n";
        assert_eq!(
            wrap_lines(text, 30),
            "   You said: Stage 6 Films in\n   North America and abroad\nshort\n"
        );
        let coloured = "\u{1b}[1mbold words that fit\u{1b}[0m\n";
        assert_eq!(wrap_lines(coloured, 20), coloured, "colour takes no width");
        let long_coloured = "\u{1b}[1mbold words that do not fit here\u{1b}[0m\n";
        assert!(wrap_lines(long_coloured, 20).lines().count() == 2);
    }
}
