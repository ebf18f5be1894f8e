//! whiplash-quiz: a terminal trivia game about the film Whiplash.
//!
//! The core (record, generator, game session, scoring) is pure: it takes an
//! rng and data and returns data. Terminal I/O lives in [`ui`], argument
//! parsing in [`cli`]. See ARCHITECTURE.md.

pub mod app;
pub mod cli;
pub mod format;
pub mod game;
pub mod generate;
pub mod question;
pub mod record;
pub mod report;
pub mod rng;
pub mod score;
pub mod text;
pub mod ui;

pub use cli::run;
