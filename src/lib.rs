//! whiplash-quiz: a terminal trivia game about the film Whiplash.
//!
//! The core (record, generator, game session, scoring) is pure: it takes an
//! rng and data and returns data. It is a crate of its own,
//! `whiplash-core` (`crates/whiplash-core`), whose modules are re-exported
//! here under their old paths. Terminal I/O lives in [`ui`], argument
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
pub mod cli;
pub mod history;
pub mod import;
pub mod party;
pub mod report;
pub mod stats;
pub mod store;
pub mod ui;

// The pure core lives in crates/whiplash-core; its modules keep their
// paths here (`crate::record`, `whiplash_quiz::game`, ...).
pub use whiplash_core::{
    bank, form, format, game, generate, locate, plan, pool, quality, question, record, rng, score,
    scripted, text,
};

pub use cli::run;
