//! Everything the player sees. This is the only module that knows about
//! `console` and `crossterm`, and the only one that writes to the terminal.

mod host;
mod menu;
mod plain;
mod render;
mod select;
mod signals;
pub mod tables;
mod terminal;

pub use host::{HostCommand, HostScreen};
pub use menu::{MenuItem, ask_players, back_to_menu, choose_categories, menu};
pub use render::{feedback, question_header, review, summary};

pub use plain::LinePlayer;
pub use signals::{
    Listening, install as install_signal_handlers, install_panic_hook, listen as listen_for_stop,
    stop_requested, stop_soon,
};
pub use terminal::TerminalPlayer;

use crate::game::{Answer, Ending, Game, Player, Turn};
use crate::text::escape_controls;
use console::{Style, Term};
use std::io::{self, BufRead, IsTerminal, Read, Write};
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

/// Whether colour is on for standard error, after `configure_colors`.
pub fn colors_on_stderr() -> bool {
    console::colors_enabled_stderr()
}

/// Whether a prompt can be shown: stdin and stderr are both terminals.
pub fn is_interactive() -> bool {
    io::stdin().is_terminal() && Term::stderr().is_term()
}

/// What was said before a game, for the game's first screen in a
/// terminal (the game's screens would hide it otherwise).
#[derive(Debug, Clone, Default)]
pub struct Notices {
    /// Each notice's lines, painted for the terminal (stderr).
    pub lines: Vec<String>,
    /// Whether one must be read before the first question (a practice
    /// game, a shorter game, questions dropped, a warning, a timed game):
    /// the first screen then waits for a key.
    pub wait: bool,
}

/// How wide the screen is.
enum Width {
    /// A terminal: long lines are wrapped at word boundaries to its width
    /// when they are written (it may have been resized since the start).
    Terminal(Term),
    /// A pipe or a file: lines whole.
    Unbounded,
    /// Fixed (for tests).
    #[cfg(test)]
    Fixed(usize),
}

/// Where game text goes: stdout normally, stderr when stdout carries a report.
pub struct Screen {
    out: Box<dyn Write>,
    pub painter: Painter,
    width: Width,
    /// The notices written so far, for [`Screen::take_notices`].
    notices: Notices,
}

impl Screen {
    pub fn new(to_stderr: bool) -> Self {
        let term = if to_stderr {
            Term::stderr()
        } else {
            Term::stdout()
        };
        let width = if term.is_term() {
            Width::Terminal(term)
        } else {
            Width::Unbounded
        };
        let (out, painter): (Box<dyn Write>, _) = if to_stderr {
            (Box::new(io::stderr()), Painter::for_stderr())
        } else {
            (Box::new(io::stdout()), Painter::for_stdout())
        };
        Screen {
            out,
            painter,
            width,
            notices: Notices::default(),
        }
    }

    /// The width to wrap at now, if any.
    fn width(&self) -> Option<usize> {
        match &self.width {
            Width::Terminal(term) => Some(term.size().1 as usize),
            Width::Unbounded => None,
            #[cfg(test)]
            Width::Fixed(width) => Some(*width),
        }
    }

    pub fn write(&mut self, text: &str) -> io::Result<()> {
        let text = match self.width() {
            Some(width) if width >= 20 => std::borrow::Cow::Owned(wrap_lines(text, width)),
            _ => std::borrow::Cow::Borrowed(text),
        };
        self.write_unwrapped(&text)
    }

    /// Writes a notice said before a game, and keeps it for the game's
    /// first screen (painted for the terminal the game draws on); `wait`
    /// when it must be read before the first question.
    fn notice(&mut self, wait: bool, text: impl Fn(Painter) -> String) -> io::Result<()> {
        let shown = text(Painter::for_stderr());
        self.notices.lines.extend(shown.lines().map(str::to_owned));
        self.notices.wait |= wait;
        self.write(&text(self.painter))
    }

    /// The notices written so far, and the warnings said since
    /// [`take_warnings`] was last called: what a game's first screen
    /// shows.
    pub fn take_notices(&mut self) -> Notices {
        let mut notices = std::mem::take(&mut self.notices);
        let warnings = take_warnings();
        if !warnings.is_empty() {
            notices.wait = true;
            let mut lines = warnings;
            lines.append(&mut notices.lines);
            notices.lines = lines;
        }
        notices
    }

    /// Writes `text` as it is, never wrapped (a command to copy).
    fn write_unwrapped(&mut self, text: &str) -> io::Result<()> {
        let to_stderr = self.painter.stderr;
        let failed = |e: io::Error| {
            if to_stderr { e } else { stdout_failed(e) }
        };
        self.out.write_all(text.as_bytes()).map_err(failed)?;
        self.out.flush().map_err(failed)
    }

    /// The notice shown before the first question.
    pub fn intro(&mut self, title: &str, seed: u64, count: usize) -> io::Result<()> {
        self.notice(false, |p| {
            format!(
                "{} {}, seed {}\n",
                p.bold(&format!("{} quiz:", escape_controls(title))),
                crate::format::count(count as i64, "question"),
                p.accent(&seed.to_string())
            )
        })
    }

    /// Said when review mode finds nothing to practise.
    pub fn nothing_to_review(&mut self) -> io::Result<()> {
        self.write("Nothing to review: you have no missed questions left to practise.\n")
    }

    /// The daily challenge's heading.
    pub fn daily(&mut self, date: chrono::NaiveDate) -> io::Result<()> {
        self.notice(false, |p| {
            format!(
                "{}\n",
                p.accent(&format!(
                    "Daily challenge for {}",
                    date.format("%A %-d %B %Y")
                ))
            )
        })
    }

    /// Said before a daily challenge that was already played that day.
    pub fn practice(&mut self) -> io::Result<()> {
        self.notice(true, |p| {
            format!("{}\n", p.accent("You have played this challenge already: this game is practice, and does not count for the streak, the share line or the high scores."))
        })
    }

    /// Who plays a hot-seat game.
    pub fn players(&mut self, players: &[String], each: usize) -> io::Result<()> {
        let names: Vec<String> = players
            .iter()
            .map(|n| escape_controls(n).into_owned())
            .collect();
        self.notice(false, |_| {
            format!(
                "Players: {}, taking turns; {} each.\n",
                names.join(", "),
                crate::format::count(each as i64, "question")
            )
        })
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
            "1 question appears twice in the banks; it is played once.".to_owned()
        } else {
            format!("{n} questions appear more than once in the banks; each is played once.")
        };
        self.notice(true, |p| format!("{}\n", p.accent(&text)))
    }

    /// Said when fewer questions exist than were asked for.
    /// The game is shorter than asked: the pool ran out, or the rest would
    /// repeat a fact or show an answer before asking it.
    pub fn short_of_questions(&mut self, wanted: usize, available: usize) -> io::Result<()> {
        self.notice(true, |_| {
            format!(
                "You asked for {wanted} questions; {available} can be dealt without repeating a fact or showing an answer before it is asked, so the game has {available}.\n"
            )
        })
    }

    /// The end of a game, in this order: the review of misses (and the
    /// scoreboard), the daily share line, the replay command on a line of
    /// its own, and last the summary, so it is what stays in sight.
    pub fn ending(
        &mut self,
        game: &Game,
        ending: Ending,
        elapsed: Duration,
        replay: &str,
        share: Option<(chrono::NaiveDate, &[bool])>,
    ) -> io::Result<()> {
        let text = review(self.painter, game);
        self.write(&text)?;
        if let Some((date, marks)) = share {
            self.share(date, marks)?;
        }
        self.write(&format!("\nSeed {}. Replay this game with:\n", game.seed))?;
        // Never wrapped: the command must copy whole.
        let line = format!("{}\n", self.painter.accent(&escape_controls(replay)));
        self.write_unwrapped(&line)?;
        let text = summary(self.painter, game, ending, elapsed);
        self.write(&text)
    }

    /// The one line said after a game interrupted by Ctrl-C or a signal.
    pub fn interrupted(&mut self, game: &Game) -> io::Result<()> {
        self.write(&render::interrupted(game))
    }

    /// Told when `--timer` is given where answers are typed as lines.
    pub fn timer_ignored(&mut self) -> io::Result<()> {
        self.notice(true, |p| {
            format!("{}\n", p.dim("The timer needs key-by-key answers in a terminal; these typed answers are untimed."))
        })
    }

    /// Told when a timed game starts: its first screen waits for a key, so
    /// the clock starts with the first question.
    pub fn timed(&mut self, limit: Duration) -> io::Result<()> {
        self.notice(true, |_| {
            format!(
                "{} seconds per question; a quick right answer earns up to +{} points.\n",
                limit.as_secs(),
                crate::score::MAX_SPEED_BONUS
            )
        })
    }
}

/// Rings the terminal bell (on stderr, only when it is a terminal).
pub fn ring_bell() {
    let term = Term::stderr();
    if term.is_term() {
        let _ = term.write_str("\x07");
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
        // Continuations line up under the text: after the leading spaces,
        // and after a list number such as `12. `.
        let spaces = body.chars().take_while(|c| *c == ' ').count();
        let rest = &body[spaces..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let numbered = digits > 0 && rest[digits..].starts_with(". ");
        let indent = " ".repeat(spaces + if numbered { digits + 2 } else { 0 });
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

/// A failed write to stdout, said as such; a broken pipe keeps its kind
/// (the reader went away, which is not a failure).
fn stdout_failed(e: io::Error) -> io::Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        e
    } else {
        io::Error::new(e.kind(), format!("cannot write to standard output: {e}"))
    }
}

/// Prints a document on stdout: the JSON report of `play --json` (the only
/// thing it writes there) or a generated bank.
pub fn emit(json: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    // serde_json escapes C0 controls but not DEL or C1: they are written
    // as \u escapes here, so no output carries a raw control character.
    out.write_all(crate::text::escape_json_controls(json).as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
        .map_err(stdout_failed)
}

/// Prints a command's result on stdout, control characters escaped. A
/// failure to write is the command's failure.
pub fn say(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    for line in text.lines() {
        writeln!(out, "{}", escape_controls(line)).map_err(stdout_failed)?;
    }
    out.flush().map_err(stdout_failed)
}

/// Writes bytes as they are on stdout (completions, a man page).
pub fn emit_bytes(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(stdout_failed)
}

/// Prints a note on stderr (a summary beside a command's real output).
pub fn note(text: &str) {
    let mut err = io::stderr().lock();
    for line in text.lines() {
        let _ = writeln!(err, "{}", escape_controls(line));
    }
}

/// The warnings said since [`take_warnings`] was last called (at most
/// [`KEPT_WARNINGS`] lines), for a game's first screen.
static WARNINGS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

const KEPT_WARNINGS: usize = 32;

/// The warning lines said since this was last called.
pub fn take_warnings() -> Vec<String> {
    let mut kept = WARNINGS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    std::mem::take(&mut *kept)
}

/// Prints a warning on stderr, one line per message line.
pub fn warn(message: &str) {
    let p = Painter::for_stderr();
    let mut kept = WARNINGS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut err = io::stderr().lock();
    for line in message.lines() {
        let line = format!(
            "{} {}",
            p.paint(Style::new().yellow().bold(), "warning:"),
            escape_controls(line)
        );
        let _ = writeln!(err, "{line}");
        if kept.len() < KEPT_WARNINGS {
            kept.push(line);
        }
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
pub fn usage(text: &str, is_error: bool) -> io::Result<()> {
    if is_error {
        let mut err = io::stderr().lock();
        err.write_all(text.as_bytes())?;
        err.flush()
    } else {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()
    }
}

/// The player for this run: the key-level select widget when a person is
/// at a terminal (showing `notices`, what was said before the game, on its
/// first screen), plain lines otherwise. `bell` rings on each answer.
pub fn player(
    interactive: bool,
    screen_to_stderr: bool,
    bell: bool,
    notices: Notices,
) -> Box<dyn Player> {
    if interactive {
        Box::new(TerminalPlayer::new(notices, bell))
    } else {
        let screen = Screen::new(screen_to_stderr);
        Box::new(
            LinePlayer::new(
                io::BufReader::new(io::stdin()),
                screen,
                Box::new(io::stderr()),
                !io::stdin().is_terminal(),
            )
            .with_bell(bell),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::render::scoreboard;
    use super::*;
    use crate::game::{Move, ScriptedPlayer, deal, play};
    use crate::question::{Difficulty, Question};
    use crate::rng::GameRng;
    use std::sync::{Arc, Mutex};

    /// A writer whose bytes a test can read back.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn pool() -> Vec<Question> {
        (0..8)
            .map(|n| Question {
                prompt: format!("Which of these is the right answer to question {n}?"),
                answer: format!("right {n}"),
                distractors: vec![format!("wrong {n}a"), format!("wrong {n}b")],
                category: "test".into(),
                difficulty: Difficulty::Easy,
                explanation: String::new(),
                meta: Default::default(),
            })
            .collect()
    }

    /// A finished game where each player's answers follow `right`.
    fn hot_seat(players: &[&str], right: &[bool]) -> Game {
        let rounds = deal(&pool(), right.len(), &mut GameRng::from_seed(3));
        let moves: Vec<Move> = rounds
            .iter()
            .zip(right)
            .map(|(r, &ok)| Move::Choose(if ok { r.answer } else { (r.answer + 1) % 3 }))
            .collect();
        let mut game =
            Game::new(3, rounds).with_players(players.iter().map(|s| s.to_string()).collect());
        play(&mut game, &mut ScriptedPlayer::new(moves)).unwrap();
        game
    }

    #[test]
    fn tied_players_share_a_rank() {
        let p = Painter::for_stdout();
        // Ana and Cy both get their one question right; Ben misses.
        let game = hot_seat(&["Ana", "Ben", "Cy"], &[true, false, true]);
        let board = scoreboard(p, &game);
        let ranks: Vec<&str> = board
            .lines()
            .filter_map(|l| l.split_once(". ").map(|(r, _)| r))
            .collect();
        assert_eq!(ranks, ["1", "1", "3"], "{board}");
        assert!(board.contains("A tie between Ana and Cy."), "{board}");
        // Ben and Cy tie below Ana: 1, 2, 2.
        let game = hot_seat(&["Ana", "Ben", "Cy"], &[true, false, false]);
        let board = scoreboard(p, &game);
        let ranks: Vec<&str> = board
            .lines()
            .filter_map(|l| l.split_once(". ").map(|(r, _)| r))
            .collect();
        assert_eq!(ranks, ["1", "2", "2"], "{board}");
    }

    #[test]
    fn the_replay_command_is_never_wrapped_and_the_summary_comes_last() {
        let out = Shared::default();
        let mut screen = Screen {
            out: Box::new(out.clone()),
            painter: Painter::for_stdout(),
            width: Width::Fixed(30),
            notices: Notices::default(),
        };
        let game = hot_seat(&["Ana", "Ben"], &[false, true, true, false]);
        let replay = "whiplash-quiz play --daily --date 2026-11-29 --count 2 --players Ana,Ben";
        screen
            .ending(
                &game,
                Ending::Finished,
                Duration::from_secs(3),
                replay,
                None,
            )
            .unwrap();
        let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        let text = console::strip_ansi_codes(&text);
        assert!(
            text.lines().any(|l| l == replay),
            "the command is on one line of its own:\n{text}"
        );
        // The last paragraph is the summary (wrapped at this width).
        let last = text.trim_end().rsplit("\n\n").next().unwrap();
        assert!(last.starts_with("Game over. 4 questions"), "{text}");
        let review = text.find("Review of missed questions").unwrap();
        let board = text.find("Scoreboard").unwrap();
        let command = text.find(replay).unwrap();
        assert!(review < board && board < command, "{text}");
        // The review wraps, numbered by player, its continuations indented.
        assert!(
            text.contains("1. Which of these is the right\n   answer"),
            "{text}"
        );
    }

    #[test]
    fn notices_are_kept_for_the_first_screen_and_say_when_it_must_wait() {
        let out = Shared::default();
        let mut screen = Screen {
            out: Box::new(out.clone()),
            painter: Painter::for_stdout(),
            width: Width::Unbounded,
            notices: Notices::default(),
        };
        screen.intro("Whiplash", 7, 10).unwrap();
        screen
            .daily(chrono::NaiveDate::from_ymd_opt(2026, 3, 14).unwrap())
            .unwrap();
        let calm = screen.take_notices();
        assert!(!calm.wait, "a title and a heading need no key");
        let shown: Vec<String> = calm
            .lines
            .iter()
            .map(|l| console::strip_ansi_codes(l).into_owned())
            .collect();
        assert_eq!(
            shown,
            [
                "Whiplash quiz: 10 questions, seed 7",
                "Daily challenge for Saturday 14 March 2026"
            ]
        );
        screen.practice().unwrap();
        warn("the saved games were moved aside");
        let notices = screen.take_notices();
        assert!(notices.wait, "practice must be read first");
        let text = console::strip_ansi_codes(&notices.lines.join("\n")).into_owned();
        assert!(
            text.contains("warning: the saved games were moved aside"),
            "{text}"
        );
        assert!(text.contains("You have played this challenge already"));
        assert!(
            notices
                .lines
                .iter()
                .all(|l| !console::strip_ansi_codes(l).is_empty()),
            "no stray blank rows: {:?}",
            notices.lines
        );
        // Everything was written to the screen too, as before.
        let written = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        assert!(written.contains("You have played this challenge already"));
    }

    #[test]
    fn long_lines_wrap_at_words_and_keep_their_indent() {
        let text = "   You said: Stage 6 Films in North America and abroad\nshort\n";
        assert_eq!(
            wrap_lines(text, 30),
            "   You said: Stage 6 Films in\n   North America and abroad\nshort\n"
        );
        assert_eq!(
            wrap_lines("12. What is the school in the film?\n", 20),
            "12. What is the\n    school in the\n    film?\n",
            "a numbered line's continuation lines up under its text"
        );
        let coloured = "\u{1b}[1mbold words that fit\u{1b}[0m\n";
        assert_eq!(wrap_lines(coloured, 20), coloured, "colour takes no width");
        let long_coloured = "\u{1b}[1mbold words that do not fit here\u{1b}[0m\n";
        assert!(wrap_lines(long_coloured, 20).lines().count() == 2);
    }
}
