//! The start menu of the bare command in a terminal.

use super::{AppError, PlayOptions, Sources, exit, gather, play, scores};
use crate::history::Mode;
use crate::pool::{self, Filter};
use crate::rng::GameRng;
use crate::ui::{self, MenuItem};

/// Options for a game started from the menu: ten questions from the film.
fn defaults() -> PlayOptions {
    PlayOptions {
        seed: None,
        count: super::DEFAULT_COUNT,
        plain: false,
        json: false,
        sources: Sources::default(),
        filter: Filter::default(),
        no_save: false,
        mode: Mode::Normal,
        daily: None,
        players: Vec::new(),
    }
}

/// Shows the menu until the player quits (Quit or Esc, exit 0). Each game
/// or listing returns to it.
pub fn menu() -> Result<i32, AppError> {
    ui::install_interrupt_handler();
    let film = super::load_film(None)?;
    loop {
        let Some(item) = ui::menu(&format!("{} quiz", film.title))? else {
            return Ok(exit::OK);
        };
        let opts = match item {
            MenuItem::Quit => return Ok(exit::OK),
            MenuItem::Play => defaults(),
            MenuItem::Daily => PlayOptions {
                mode: Mode::Daily,
                daily: Some(chrono::Local::now().date_naive()),
                ..defaults()
            },
            MenuItem::Review => PlayOptions {
                mode: Mode::Review,
                ..defaults()
            },
            MenuItem::HighScores => {
                scores(false, Some(super::scores::DEFAULT_LIMIT))?;
                continue;
            }
            MenuItem::Categories => {
                let (_, pool, _) = gather(&Sources::default(), &mut GameRng::from_seed(0))?;
                let names: Vec<String> = pool::categories(&pool.questions)
                    .into_iter()
                    .map(|(name, _)| name)
                    .collect();
                let Some(chosen) = ui::choose_categories(&names)? else {
                    continue;
                };
                PlayOptions {
                    filter: Filter {
                        categories: chosen.into_iter().map(|i| names[i].clone()).collect(),
                        difficulty: None,
                    },
                    ..defaults()
                }
            }
        };
        match play(&opts) {
            Ok(_) => {}
            // A filter or source problem is shown, and the menu comes back.
            Err(e @ (AppError::Filter(_) | AppError::Banks(_) | AppError::File { .. })) => {
                ui::error(&e.to_string())
            }
            Err(e) => return Err(e),
        }
    }
}
