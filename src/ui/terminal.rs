//! The terminal player: a dialoguer `Select` for each question.

use super::{Screen, feedback, fit_to_width, prompted, question_header, theme};
use crate::game::{Answer, Game, Lifeline, Move, Player, Refusal, Turn};
use crate::text::escape_controls;
use console::Term;
use dialoguer::Select;
use dialoguer::theme::Theme;
use std::io;

/// Asks with arrow keys and Enter; Esc or `q` stops the game.
pub struct TerminalPlayer {
    screen: Screen,
    theme: Box<dyn Theme>,
}

impl TerminalPlayer {
    pub fn new(screen: Screen) -> Self {
        TerminalPlayer {
            screen,
            theme: theme(),
        }
    }
}

impl Player for TerminalPlayer {
    fn choose(&mut self, turn: &Turn<'_>) -> io::Result<Move> {
        let p = self.screen.painter;
        let header = match turn.lifeline {
            Lifeline::Active(_) => format!("{}\n", p.dim("50:50: two choices are left.")),
            _ => question_header(p, turn),
        };
        self.screen.write(&header)?;
        let open = turn.open_choices();
        let full: Vec<String> = open
            .iter()
            .map(|&i| escape_controls(&turn.round.choices[i]).into_owned())
            .collect();
        // The menu redraws itself line by line: a choice wider than the
        // terminal would wrap and smear the list. Such choices are shown in
        // full above it, and shortened in it.
        let (mut items, cut) = fit_to_width(&full);
        if cut {
            let mut list = String::new();
            // Numbered as in the full list, so a 50:50 keeps the numbers.
            for (n, text) in full.iter().enumerate() {
                list.push_str(&format!("  {}) {text}\n", open[n] + 1));
            }
            self.screen.write(&list)?;
            for (n, item) in items.iter_mut().enumerate() {
                *item = format!("{}) {item}", open[n] + 1);
            }
            (items, _) = fit_to_width(&items);
        }
        if turn.lifeline == Lifeline::Available {
            let (label, _) = fit_to_width(&["50:50 (once per game)".to_owned()]);
            items.push(p.dim(&label[0]));
        }
        let picked = Select::with_theme(self.theme.as_ref())
            .with_prompt("Your answer (arrows, Enter; Esc or q stops)")
            .items(&items)
            .default(0)
            .report(false)
            .interact_on_opt(&Term::stderr());
        Ok(match prompted(picked)? {
            Some(i) if i < open.len() => Move::Choose(open[i]),
            Some(_) => Move::FiftyFifty,
            None => Move::Quit,
        })
    }

    fn refused(&mut self, why: Refusal) -> io::Result<()> {
        self.screen.write(&format!("{}\n", why.message()))
    }

    fn feedback(&mut self, turn: &Turn<'_>, answer: &Answer, game: &Game) -> io::Result<()> {
        let round = turn.round;
        let chosen = format!(
            "You chose: {}\n",
            escape_controls(&round.choices[answer.chosen])
        );
        let text = feedback(self.screen.painter, turn, answer, game);
        self.screen.write(&format!("{chosen}{text}"))
    }
}
