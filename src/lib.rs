//! whiplash-quiz: a terminal trivia game about the film Whiplash.
//!
//! The core (record, generator, game session, scoring) is pure: it takes an
//! rng and data and returns data. Terminal I/O lives in [`ui`], argument
//! parsing in [`cli`]. See ARCHITECTURE.md.
//!
//! A whole game can be played without a terminal:
//!
//! ```
//! use whiplash_quiz::{app, game, record, scripted};
//!
//! let film = record::builtin().expect("the built-in record is valid");
//! let mut game = app::new_game(&film, 42, 3);
//! // Choice 1 exists in every question (true-or-false ones have two).
//! let mut player = scripted![1, 1, 1];
//! let ending = game::play(&mut game, &mut player).unwrap();
//! assert_eq!(ending, game::Ending::Finished);
//! assert_eq!(game.answers.len(), 3);
//! // The same seed deals the same game.
//! assert_eq!(app::new_game(&film, 42, 3).rounds, game.rounds);
//! ```

pub mod app;
pub mod bank;
pub mod cli;
pub mod form;
pub mod format;
pub mod game;
pub mod generate;
pub mod history;
pub mod import;
pub mod locate;
pub mod party;
pub mod plan;
pub mod pool;
pub mod quality;
pub mod question;
pub mod record;
pub mod report;
pub mod rng;
pub mod score;
pub mod stats;
pub mod store;
pub mod text;
pub mod ui;

pub use cli::run;
