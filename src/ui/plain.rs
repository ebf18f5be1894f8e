//! The plain line player: numbered choices, one answer per line.

use super::{Painter, Screen, feedback, question_header, signals};
use crate::game::{Answer, Game, Lifeline, Move, Player, Refusal, Turn};
use crate::text::escape_controls;
use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// The longest answer line read; the rest of a longer line is discarded.
const MAX_LINE: usize = 1024;

/// How long a wait for a line lasts before it looks again at whether the
/// game was asked to stop.
const POLL: Duration = Duration::from_millis(100);

/// What the player typed next.
enum Typed {
    Line(String),
    /// The end of input.
    End,
    /// The game was asked to stop (Ctrl-C, a termination, a hang-up).
    Stopped,
}

/// Reads answers from lines: `1`..`N` chooses, `q` quits, end of input stops.
/// Lines are read on a thread of their own, so that a game asked to stop
/// while it waits for one stops at once.
pub struct LinePlayer {
    lines: Receiver<io::Result<Option<String>>>,
    screen: Screen,
    err: Box<dyn Write>,
    /// Repeat each answer line on the screen, for input that is not typed
    /// at a terminal (which would already show it).
    echo: bool,
    /// Ring the terminal bell on each answer.
    bell: bool,
    /// The input is typed at a terminal (not echoed), which may hang up.
    terminal: bool,
}

impl LinePlayer {
    pub fn new<R: BufRead + Send + 'static>(
        mut input: R,
        screen: Screen,
        err: Box<dyn Write>,
        echo: bool,
    ) -> Self {
        // One line waits in the channel at most; the reader stops at the
        // end of input, at an error, or when the player is gone.
        let (tx, lines) = mpsc::sync_channel(1);
        let _ = thread::Builder::new()
            .name("answers".into())
            .spawn(move || {
                loop {
                    let line = read_line(&mut input);
                    let more = matches!(line, Ok(Some(_)));
                    if tx.send(line).is_err() || !more {
                        break;
                    }
                }
            });
        LinePlayer {
            lines,
            screen,
            err,
            echo,
            bell: false,
            terminal: !echo,
        }
    }

    /// Rings the bell (when stderr is a terminal) on each answer.
    pub fn with_bell(mut self, bell: bool) -> Self {
        self.bell = bell;
        self
    }

    /// The next line, the end of input, or a stop.
    fn next(&mut self) -> io::Result<Typed> {
        loop {
            if signals::stop_requested() {
                return Ok(Typed::Stopped);
            }
            match self.lines.recv_timeout(POLL) {
                Ok(Ok(Some(line))) => return Ok(Typed::Line(line)),
                // A terminal that hangs up ends its input (or fails) around
                // the time its SIGHUP comes, if one comes to this program
                // at all: a terminal that is no longer one hung up.
                Ok(Ok(None)) | Err(RecvTimeoutError::Disconnected) if self.terminal => {
                    if !io::stdin().is_terminal() {
                        signals::hang_up();
                    }
                    if signals::stop_soon() {
                        return Ok(Typed::Stopped);
                    }
                    return Ok(Typed::End);
                }
                Ok(Err(_)) if signals::stop_soon() => return Ok(Typed::Stopped),
                Ok(Ok(None)) | Err(RecvTimeoutError::Disconnected) => return Ok(Typed::End),
                Ok(Err(e)) => return Err(e),
                Err(RecvTimeoutError::Timeout) => {}
            }
        }
    }
}

/// One line, at most `MAX_LINE` bytes kept, or `None` at end of input.
fn read_line<R: BufRead>(input: &mut R) -> io::Result<Option<String>> {
    let mut buf = Vec::new();
    let read = <&mut R as Read>::take(input, MAX_LINE as u64).read_until(b'\n', &mut buf)?;
    if read == 0 {
        return Ok(None);
    }
    if read == MAX_LINE && !buf.ends_with(b"\n") {
        // Skip the rest of an overlong line.
        let mut rest = Vec::new();
        loop {
            rest.clear();
            let n = <&mut R as Read>::take(input, MAX_LINE as u64).read_until(b'\n', &mut rest)?;
            if n == 0 || rest.ends_with(b"\n") {
                break;
            }
        }
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

/// The question with numbered choices, as plain mode shows it. After a
/// 50:50 only the two choices left are shown, keeping their numbers.
pub fn numbered(p: Painter, turn: &Turn<'_>) -> String {
    let mut s = match turn.lifeline {
        Lifeline::Active(_) => format!("{}\n", p.dim("50:50: two choices are left.")),
        _ => question_header(p, turn),
    };
    for i in turn.open_choices() {
        s.push_str(&format!(
            "  {}) {}\n",
            i + 1,
            escape_controls(&turn.round.choices[i])
        ));
    }
    s
}

/// What the answer prompt offers, such as `1-4, 50 for 50:50, q to quit`.
fn offer(turn: &Turn<'_>) -> String {
    let n = turn.round.choices.len();
    match turn.lifeline {
        Lifeline::Active([a, b]) => format!("{} or {}, q to quit", a + 1, b + 1),
        Lifeline::Available => format!("1-{n}, 50 for 50:50, q to quit"),
        _ => format!("1-{n}, q to quit"),
    }
}

impl LinePlayer {
    fn complain(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.err, "{text}")?;
        self.err.flush()
    }
}

impl Player for LinePlayer {
    fn choose(&mut self, turn: &Turn<'_>) -> io::Result<Move> {
        let n = turn.round.choices.len();
        let open = turn.open_choices();
        if signals::stop_requested() {
            return Ok(Move::Interrupt);
        }
        loop {
            let text = numbered(self.screen.painter, turn);
            self.screen
                .write(&format!("{text}Your answer ({}): ", offer(turn)))?;
            let line = match self.next()? {
                Typed::Line(line) => line,
                Typed::End => {
                    self.screen.write("\n")?;
                    return Ok(Move::Quit);
                }
                Typed::Stopped => return Ok(Move::Interrupt),
            };
            let line = line.trim();
            if self.echo {
                self.screen.write(&format!("{}\n", escape_controls(line)))?;
            }
            if line.eq_ignore_ascii_case("q") || line.eq_ignore_ascii_case("quit") {
                return Ok(Move::Quit);
            }
            if line == "50" || line == "50:50" {
                match turn.lifeline {
                    Lifeline::Available => return Ok(Move::FiftyFifty),
                    Lifeline::Active(_) => self.complain(Refusal::AlreadyActive.message())?,
                    Lifeline::Spent => self.complain(Refusal::Spent.message())?,
                    Lifeline::TooFewChoices => self.complain(Refusal::TooFewChoices.message())?,
                }
                continue;
            }
            match line.parse::<usize>() {
                Ok(k) if k >= 1 && open.contains(&(k - 1)) => return Ok(Move::Choose(k - 1)),
                Ok(k) if (1..=n).contains(&k) => {
                    let [a, b] = [open[0] + 1, open[1] + 1];
                    self.complain(&format!(
                        "{k} was taken away by the 50:50: type {a} or {b}, or q to quit."
                    ))?;
                }
                _ => {
                    let shown: String = line.chars().take(40).collect();
                    self.complain(&format!(
                        "{:?} is not an answer: type {}.",
                        escape_controls(&shown).as_ref(),
                        offer(turn).replace(", q to quit", ", or q to quit")
                    ))?;
                }
            }
        }
    }

    fn feedback(&mut self, turn: &Turn<'_>, answer: &Answer, game: &Game) -> io::Result<()> {
        let text = feedback(self.screen.painter, turn, answer, game);
        if self.bell {
            super::ring_bell();
        }
        self.screen.write(&text)
    }

    fn refused(&mut self, why: Refusal) -> io::Result<()> {
        self.complain(why.message())
    }
}
