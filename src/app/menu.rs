//! The start menu of the bare command in a terminal.

use super::{AppError, PlayOptions, Setup, Sources, banks_list, exit, gather, play, scores, stats};
use crate::pool::{self, Filter};
use crate::rng::GameRng;
use crate::ui::{self, MenuItem};

/// Options for a game started from the menu: ten questions from the film.
fn defaults(program: &str) -> PlayOptions {
    PlayOptions {
        seed: None,
        count: super::DEFAULT_COUNT,
        plain: false,
        json: false,
        sources: Sources::default(),
        filter: Filter::default(),
        no_save: false,
        setup: Setup::Normal,
        timer: None,
        bell: false,
        program: program.to_owned(),
    }
}

/// Shows the menu until the player quits (Quit, Esc or `q`, exit 0). Each
/// game or listing waits for Enter, then returns to it. A game ended by
/// Ctrl-C or a signal ends the program too, with its status.
pub fn menu(program: &str) -> Result<i32, AppError> {
    // Outside a game, a signal puts the terminal back and exits at once.
    ui::install_signal_handlers();
    let film = super::load_film(None)?;
    loop {
        let Some(item) = ui::menu(&format!("{} quiz", film.title))? else {
            return Ok(exit::OK);
        };
        let listing = match item {
            MenuItem::HighScores => Some(scores(false, Some(super::scores::DEFAULT_LIMIT))),
            MenuItem::Stats => Some(stats(false)),
            MenuItem::Banks => Some(banks_list()),
            _ => None,
        };
        if let Some(result) = listing {
            match result {
                Ok(_) => {}
                Err(e @ (AppError::Store(_) | AppError::File { .. })) => ui::error(&e.to_string()),
                Err(e) => return Err(e),
            }
            ui::back_to_menu()?;
            continue;
        }
        let opts = match item {
            MenuItem::Quit => return Ok(exit::OK),
            MenuItem::Play => defaults(program),
            MenuItem::Daily => PlayOptions {
                setup: Setup::Daily(None),
                ..defaults(program)
            },
            MenuItem::Review => PlayOptions {
                setup: Setup::Review,
                ..defaults(program)
            },
            MenuItem::HotSeat => {
                let players = loop {
                    let Some(text) = ui::ask_players()? else {
                        break None;
                    };
                    match super::parse_players(&text) {
                        Ok(names) => break Some(names),
                        Err(why) => ui::error(&why),
                    }
                };
                let Some(players) = players else {
                    continue;
                };
                PlayOptions {
                    setup: Setup::HotSeat(players),
                    ..defaults(program)
                }
            }
            MenuItem::Categories => {
                let (_, pool, _) = gather(&Sources::default(), &mut GameRng::from_seed(0))?;
                let categories: Vec<(String, usize)> = pool::categories(&pool.questions)
                    .into_iter()
                    .map(|(name, tally)| (name, tally.total))
                    .collect();
                let Some(chosen) = ui::choose_categories(&categories)? else {
                    continue;
                };
                PlayOptions {
                    filter: Filter {
                        categories: chosen
                            .into_iter()
                            .map(|i| categories[i].0.clone())
                            .collect(),
                        difficulty: None,
                    },
                    ..defaults(program)
                }
            }
            MenuItem::HighScores | MenuItem::Stats | MenuItem::Banks => continue,
        };
        match play(&opts) {
            Ok(exit::OK) => {}
            // Interrupted: the game is saved; the program ends.
            Ok(status) => return Ok(status),
            // A filter or source problem is shown, and the menu comes back.
            Err(e @ (AppError::Filter(_) | AppError::Banks(_) | AppError::File { .. })) => {
                ui::error(&e.to_string())
            }
            Err(e) => return Err(e),
        }
        ui::back_to_menu()?;
    }
}
