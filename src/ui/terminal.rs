//! The terminal player: a dialoguer `Select` for each question.

use super::{Screen, feedback, interrupted, question_header};
use crate::game::{Answer, Game, Move, Player, Turn};
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
        let header = question_header(self.screen.painter, turn);
        self.screen.write(&header)?;
        let items: Vec<String> = turn
            .round
            .choices
            .iter()
            .map(|c| escape_controls(c).into_owned())
            .collect();
        let picked = Select::with_theme(&self.theme)
            .with_prompt("Your answer (arrows and Enter, Esc to stop)")
            .items(&items)
            .default(0)
            .report(false)
            .interact_on_opt(&Term::stderr());
        match picked {
            Ok(Some(i)) => Ok(Move::Choose(i)),
            Ok(None) => Ok(Move::Quit),
            Err(dialoguer::Error::IO(e)) if e.kind() == io::ErrorKind::Interrupted => {
                interrupted();
                Ok(Move::Quit)
            }
            Err(dialoguer::Error::IO(e)) => Err(e),
        }
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
