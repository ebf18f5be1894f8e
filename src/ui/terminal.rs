//! The terminal player: a dialoguer `Select` for each question.

use super::{Screen, feedback, prompted, question_header};
use crate::game::{Answer, Game, Lifeline, Move, Player, Refusal, Turn};
use crate::text::escape_controls;
use console::Term;
use dialoguer::Select;
use dialoguer::theme::ColorfulTheme;
use std::io;

/// Asks with arrow keys and Enter; Esc or `q` stops the game.
pub struct TerminalPlayer {
    screen: Screen,
    theme: ColorfulTheme,
}

impl TerminalPlayer {
    pub fn new(screen: Screen) -> Self {
        TerminalPlayer {
            screen,
            theme: ColorfulTheme::default(),
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
        let mut items: Vec<String> = open
            .iter()
            .map(|&i| escape_controls(&turn.round.choices[i]).into_owned())
            .collect();
        let lifeline = turn.lifeline == Lifeline::Available;
        if lifeline {
            items.push(p.dim("50:50 (take away all but one wrong choice, once per game)"));
        }
        let picked = Select::with_theme(&self.theme)
            .with_prompt("Your answer (arrows and Enter, Esc to stop)")
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
