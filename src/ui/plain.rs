//! The plain line player: numbered choices, one answer per line.

use super::{Painter, Screen, feedback, question_header};
use crate::game::{Answer, Game, Lifeline, Move, Player, Refusal, Turn};
use crate::text::escape_controls;
use std::io::{self, BufRead, Read, Write};

/// The longest answer line read; the rest of a longer line is discarded.
const MAX_LINE: usize = 1024;

/// Reads answers from lines: `1`..`N` chooses, `q` quits, end of input stops.
pub struct LinePlayer<R: BufRead> {
    input: R,
    screen: Screen,
    err: Box<dyn Write>,
    /// Repeat each answer line on the screen, for input that is not typed
    /// at a terminal (which would already show it).
    echo: bool,
    /// Ring the terminal bell on each answer.
    bell: bool,
}

impl<R: BufRead> LinePlayer<R> {
    pub fn new(input: R, screen: Screen, err: Box<dyn Write>, echo: bool) -> Self {
        LinePlayer {
            input,
            screen,
            err,
            echo,
            bell: false,
        }
    }

    /// Rings the bell (when stderr is a terminal) on each answer.
    pub fn with_bell(mut self, bell: bool) -> Self {
        self.bell = bell;
        self
    }

    /// One line, at most `MAX_LINE` bytes kept, or `None` at end of input.
    fn read_line(&mut self) -> io::Result<Option<String>> {
        let mut buf = Vec::new();
        let read =
            <&mut R as Read>::take(&mut self.input, MAX_LINE as u64).read_until(b'\n', &mut buf)?;
        if read == 0 {
            return Ok(None);
        }
        if read == MAX_LINE && !buf.ends_with(b"\n") {
            // Skip the rest of an overlong line.
            let mut rest = Vec::new();
            loop {
                rest.clear();
                let n = <&mut R as Read>::take(&mut self.input, MAX_LINE as u64)
                    .read_until(b'\n', &mut rest)?;
                if n == 0 || rest.ends_with(b"\n") {
                    break;
                }
            }
        }
        Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
    }
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

impl<R: BufRead> LinePlayer<R> {
    fn complain(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.err, "{text}")?;
        self.err.flush()
    }
}

impl<R: BufRead> Player for LinePlayer<R> {
    fn choose(&mut self, turn: &Turn<'_>) -> io::Result<Move> {
        let n = turn.round.choices.len();
        let open = turn.open_choices();
        loop {
            let text = numbered(self.screen.painter, turn);
            self.screen
                .write(&format!("{text}Your answer ({}): ", offer(turn)))?;
            let Some(line) = self.read_line()? else {
                self.screen.write("\n")?;
                return Ok(Move::Quit);
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
