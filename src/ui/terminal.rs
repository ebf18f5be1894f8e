//! The terminal player: the quiz select widget for each question, and
//! after each answer its verdict on the same screen, waiting for a key.
//!
//! The game holds the terminal from its first screen to its last
//! ([`Stage`]): every screen is drawn whole on the alternate screen, and
//! the ending is printed on the normal screen once the player is dropped.

use super::select::{Countdown, Counting, Item, Outcome, Select, Stage, Tone};
use super::{Notices, Painter, feedback, question_header};
use crate::game::{Answer, Game, Lifeline, Move, Player, Refusal, Turn};
use crate::text::escape_controls;
use std::io;
use std::time::Duration;

/// How long a timed game shows a verdict before it goes on by itself.
pub const VERDICT_PAUSE: Duration = Duration::from_secs(5);

/// Asks with number keys, arrows or `j`/`k` and Enter; `f` is the 50:50;
/// Esc or `q` asks before stopping the game; Ctrl-C or a signal
/// interrupts it ([`Move::Interrupt`]); Ctrl-Z suspends it. After each
/// answer the verdict is shown in place and waits for a key (in a timed
/// game, for a few seconds at most).
pub struct TerminalPlayer {
    painter: Painter,
    /// Ring the terminal bell on each answer.
    bell: bool,
    /// The terminal, held from the first screen on.
    stage: Option<Stage>,
    /// What was said before the game, for its first screen; `None` once
    /// shown.
    notices: Option<Notices>,
    /// Lines shown above the question this time only (the notices that
    /// need no key, on the first question).
    context: Vec<String>,
    /// The round being asked and how much of its countdown has run: the
    /// countdown goes on through a 50:50.
    asked: Option<(usize, Duration)>,
    /// A note for the next drawing of the question (a refused 50:50).
    note: Option<String>,
    /// The question's header as it was shown, for its verdict.
    header: Vec<String>,
    /// What the player chose at a verdict instead of going on: to quit,
    /// or the game was stopped.
    next: Option<Move>,
}

impl TerminalPlayer {
    pub fn new(notices: Notices, bell: bool) -> Self {
        TerminalPlayer {
            painter: Painter::for_stderr(),
            bell,
            stage: None,
            notices: Some(notices),
            context: Vec::new(),
            asked: None,
            note: None,
            header: Vec::new(),
            next: None,
        }
    }

    /// The first screen of a game that has something to be read first,
    /// or the hot-seat handover: waits for a key (Enter for a handover).
    /// `None` to go on; else the move the player made instead.
    fn wait_first(&mut self, lines: Vec<String>, player: Option<&str>) -> io::Result<Option<Move>> {
        let p = self.painter;
        let mut header = lines;
        let (hint, any_key) = match player {
            Some(name) => {
                if !header.is_empty() {
                    header.push(String::new());
                }
                // Hot-seat: the next player takes the keyboard.
                header.push(p.accent(&format!("{}'s turn: press Enter", escape_controls(name))));
                ("Enter shows the question, q quits".to_owned(), false)
            }
            None => {
                if !header.is_empty() {
                    header.push(String::new());
                }
                ("Press any key to start, q quits".to_owned(), true)
            }
        };
        let select = Select {
            header,
            hint,
            confirm_quit: true,
            fullscreen: true,
            any_key,
            ..Select::default()
        };
        Ok(match select.interact()? {
            Outcome::Back => Some(Move::Quit),
            Outcome::Stopped => Some(Move::Interrupt),
            _ => None,
        })
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
        // Quit or stopped at the last verdict.
        if let Some(chosen) = self.next.take() {
            return Ok(chosen);
        }
        if self.stage.is_none() {
            self.stage = Some(Stage::enter()?);
        }
        let p = self.painter;
        let first_ask = self.asked.is_none_or(|(i, _)| i != turn.index);
        if first_ask {
            let notices = self.notices.take();
            let (lines, wait) = notices.map_or((Vec::new(), false), |n| (n.lines, n.wait));
            if turn.player.is_some() || wait {
                if let Some(chosen) = self.wait_first(lines, turn.player)? {
                    return Ok(chosen);
                }
            } else {
                self.context = lines;
            }
            // The countdown starts when the question is drawn.
            self.asked = Some((turn.index, Duration::ZERO));
        }
        let spent = self.asked.map_or(Duration::ZERO, |(_, spent)| spent);
        let header_text = question_header(p, turn);
        self.header = header_text.lines().map(str::to_owned).collect();
        let mut header = self.header.clone();
        if let Lifeline::Active(_) = turn.lifeline {
            header.push(p.dim("50:50: two choices are left."));
        }
        if let Some(note) = self.note.take() {
            header.push(p.accent(&note));
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
                tone: Tone::Dim,
                ..Item::new("f) 50:50 (once per game)", Some('f'))
            });
        }
        let select = Select {
            context: self.context.clone(),
            header,
            items,
            hint: hint(turn),
            countdown: turn.timer.map(|limit| Countdown {
                limit,
                spent,
                kind: Counting::Answer,
            }),
            confirm_quit: true,
            fullscreen: true,
            ..Select::default()
        };
        let (outcome, spent) = select.interact_counting()?;
        self.asked = Some((turn.index, spent));
        if outcome == Outcome::Stopped {
            return Ok(Move::Interrupt);
        }
        Ok(match outcome {
            Outcome::Picked(i) if i < open.len() => {
                self.context.clear();
                match turn.timer {
                    Some(_) => Move::ChooseAfter(open[i], spent),
                    None => Move::Choose(open[i]),
                }
            }
            Outcome::Picked(_) => Move::FiftyFifty,
            Outcome::TimeUp => {
                self.context.clear();
                Move::TimeUp
            }
            Outcome::Back | Outcome::Ticked(_) => Move::Quit,
            Outcome::Stopped => Move::Interrupt,
        })
    }

    fn refused(&mut self, why: Refusal) -> io::Result<()> {
        self.note = Some(why.message().to_owned());
        Ok(())
    }

    /// The verdict on the question's own screen: the right choice marked,
    /// and the player's if it was wrong; the verdict in colour, the
    /// explanation and the score; then a key to go on (in a timed game, a
    /// few seconds shown counting down, which a key cuts short).
    fn feedback(&mut self, turn: &Turn<'_>, answer: &Answer, game: &Game) -> io::Result<()> {
        if self.bell {
            super::ring_bell();
        }
        let p = self.painter;
        let round = turn.round;
        let unicode = console::colors_enabled_stderr();
        let (right, wrong) = if unicode {
            ("✓ ", "✗ ")
        } else {
            ("* ", "x ")
        };
        let open: Vec<usize> = match answer.fifty_fifty {
            Some(two) => two.to_vec(),
            None => (0..round.choices.len()).collect(),
        };
        let items = open
            .iter()
            .map(|&i| {
                let picked = answer.choice() == Some(i);
                let (mark, tone, says) = if i == round.answer {
                    let says = if picked {
                        "your answer"
                    } else {
                        "right answer"
                    };
                    (right, Tone::Good, says)
                } else if picked {
                    (wrong, Tone::Bad, "your answer")
                } else {
                    ("  ", Tone::Plain, "")
                };
                let choice = escape_controls(&round.choices[i]);
                let label = if says.is_empty() {
                    format!("{}) {choice}", i + 1)
                } else {
                    format!("{}) {choice} ({says})", i + 1)
                };
                Item {
                    tone,
                    mark: Some(mark.to_owned()),
                    ..Item::new(label, None)
                }
            })
            .collect();
        let mut footer = vec![String::new()];
        footer.extend(feedback(p, turn, answer, game).lines().map(str::to_owned));
        footer.push(String::new());
        let last = turn.index + 1 >= game.rounds.len();
        let (countdown, hint) = match (turn.timer, last) {
            (Some(_), false) => (
                Some(Counting::Next("Next question")),
                "Press any key to go on now, q quits",
            ),
            (Some(_), true) => (
                Some(Counting::Next("Your results")),
                "Press any key to see them now",
            ),
            (None, false) => (None, "Press any key for the next question, q quits"),
            (None, true) => (None, "Press any key to see how you did"),
        };
        let select = Select {
            header: self.header.clone(),
            items,
            footer,
            hint: hint.to_owned(),
            countdown: countdown.map(|kind| Countdown {
                limit: VERDICT_PAUSE,
                spent: Duration::ZERO,
                kind,
            }),
            // After the last answer there is nothing left to quit.
            confirm_quit: !last,
            fullscreen: true,
            any_key: true,
            ..Select::default()
        };
        match select.interact()? {
            Outcome::Back if !last => self.next = Some(Move::Quit),
            Outcome::Stopped => self.next = Some(Move::Interrupt),
            _ => {}
        }
        Ok(())
    }
}
