//! The plain line player: numbered choices, one answer per line.

use super::{Painter, Screen, feedback, question_header};
use crate::game::{Answer, Game, Move, Player, Turn};
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
}

impl<R: BufRead> LinePlayer<R> {
    pub fn new(input: R, screen: Screen, err: Box<dyn Write>, echo: bool) -> Self {
        LinePlayer {
            input,
            screen,
            err,
            echo,
        }
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

/// The question with numbered choices, as plain mode shows it.
pub fn numbered(p: Painter, turn: &Turn<'_>) -> String {
    let mut s = question_header(p, turn);
    for (i, c) in turn.round.choices.iter().enumerate() {
        s.push_str(&format!("  {}) {}\n", i + 1, escape_controls(c)));
    }
    s
}

impl<R: BufRead> Player for LinePlayer<R> {
    fn choose(&mut self, turn: &Turn<'_>) -> io::Result<Move> {
        let n = turn.round.choices.len();
        loop {
            let text = numbered(self.screen.painter, turn);
            self.screen
                .write(&format!("{text}Your answer (1-{n}, q to quit): "))?;
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
            match line.parse::<usize>() {
                Ok(k) if (1..=n).contains(&k) => return Ok(Move::Choose(k - 1)),
                _ => {
                    let shown: String = line.chars().take(40).collect();
                    writeln!(
                        self.err,
                        "{:?} is not an answer: type a number from 1 to {n}, or q to quit.",
                        escape_controls(&shown).as_ref()
                    )?;
                    self.err.flush()?;
                }
            }
        }
    }

    fn feedback(&mut self, turn: &Turn<'_>, answer: &Answer, game: &Game) -> io::Result<()> {
        let text = feedback(self.screen.painter, turn, answer, game);
        self.screen.write(&text)
    }
}
