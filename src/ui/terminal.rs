//! The terminal player: the quiz select widget for each question.

use super::select::{Item, Outcome, Select, pause};
use super::{Screen, feedback, question_header};
use crate::game::{Answer, Game, Lifeline, Move, Player, Refusal, Turn};
use crate::text::escape_controls;
use std::io;
use std::time::Instant;

/// Asks with number keys, arrows or `j`/`k` and Enter; `f` is the 50:50;
/// Esc or `q` asks before stopping the game; Ctrl-C or a signal
/// interrupts it ([`Move::Interrupt`]).
pub struct TerminalPlayer {
    screen: Screen,
    /// Ring the terminal bell on each answer.
    bell: bool,
    /// The round being asked and when it was first shown: the countdown
    /// goes on through a 50:50.
    asked: Option<(usize, Instant)>,
    /// A note for the next drawing of the question (a refused 50:50).
    note: Option<String>,
    /// The feedback on the last answer, shown above the next question
    /// (the question is drawn on the alternate screen, over it).
    last: Option<String>,
}

impl TerminalPlayer {
    pub fn new(screen: Screen, bell: bool) -> Self {
        TerminalPlayer {
            screen,
            bell,
            asked: None,
            note: None,
            last: None,
        }
    }
}

/// The keys, as the widget lists them under the choices.
fn hint(turn: &Turn<'_>) -> String {
    let open = turn.open_choices();
    let keys = match open.as_slice() {
        [a, b] if open.len() < turn.round.choices.len() => format!("{} or {}", a + 1, b + 1),
        _ => format!("1-{}", turn.round.choices.len()),
    };
    let fifty = if turn.lifeline == Lifeline::Available {
        ", f 50:50"
    } else {
        ""
    };
    format!("Keys: {keys} answer, arrows/j/k and Enter{fifty}, q quits")
}

impl Player for TerminalPlayer {
    fn choose(&mut self, turn: &Turn<'_>) -> io::Result<Move> {
        let p = self.screen.painter;
        let first_ask = self.asked.is_none_or(|(i, _)| i != turn.index);
        if first_ask {
            if let Some(name) = turn.player {
                // Hot-seat: the next player takes the keyboard.
                let text = format!("{}'s turn: press Enter", escape_controls(name));
                match pause(&text, true)? {
                    Outcome::Back => return Ok(Move::Quit),
                    Outcome::Stopped => return Ok(Move::Interrupt),
                    _ => {}
                }
            }
            self.asked = Some((turn.index, Instant::now()));
        }
        let started = self.asked.map_or_else(Instant::now, |(_, at)| at);
        let header_text = question_header(p, turn);
        let context: Vec<String> = self
            .last
            .as_deref()
            .map(|l| l.lines().map(str::to_owned).collect())
            .unwrap_or_default();
        let mut header: Vec<String> = header_text.lines().map(str::to_owned).collect();
        if let Lifeline::Active(_) = turn.lifeline {
            header.push(p.dim("50:50: two choices are left."));
        }
        if let Some(note) = self.note.take() {
            header.push(note);
        }
        let open = turn.open_choices();
        let mut items: Vec<Item> = open
            .iter()
            .map(|&i| {
                let key = char::from_digit((i + 1) as u32, 10);
                Item::new(
                    format!("{}) {}", i + 1, escape_controls(&turn.round.choices[i])),
                    key,
                )
            })
            .collect();
        if turn.lifeline == Lifeline::Available {
            items.push(Item {
                dim: true,
                ..Item::new("f) 50:50 (once per game)", Some('f'))
            });
        }
        let select = Select {
            context,
            header,
            items,
            hint: hint(turn),
            multi: false,
            deadline: turn.timer.map(|t| (started + t, t)),
            confirm_quit: true,
            start: 0,
            fullscreen: true,
        };
        let outcome = select.interact()?;
        let taken = started.elapsed();
        if outcome == Outcome::Stopped {
            return Ok(Move::Interrupt);
        }
        let fifty = matches!(outcome, Outcome::Picked(i) if i >= open.len());
        if !fifty {
            // The widget's region is gone: the question stays on screen as
            // plain text above the feedback.
            self.screen.write(&header_text)?;
        }
        Ok(match outcome {
            Outcome::Picked(i) if i < open.len() => match turn.timer {
                Some(_) => Move::ChooseAfter(open[i], taken),
                None => Move::Choose(open[i]),
            },
            Outcome::Picked(_) => Move::FiftyFifty,
            Outcome::TimeUp => Move::TimeUp,
            Outcome::Back | Outcome::Ticked(_) => Move::Quit,
            Outcome::Stopped => Move::Interrupt,
        })
    }

    fn refused(&mut self, why: Refusal) -> io::Result<()> {
        self.note = Some(why.message().to_owned());
        Ok(())
    }

    fn feedback(&mut self, turn: &Turn<'_>, answer: &Answer, game: &Game) -> io::Result<()> {
        let round = turn.round;
        let chosen = match answer.choice() {
            Some(c) => format!("You chose: {}\n", escape_controls(&round.choices[c])),
            None => String::new(),
        };
        let text = feedback(self.screen.painter, turn, answer, game);
        if self.bell {
            super::ring_bell();
        }
        let shown = format!("{chosen}{text}");
        self.last = Some(console::strip_ansi_codes(&shown).into_owned());
        self.screen.write(&shown)
    }
}
