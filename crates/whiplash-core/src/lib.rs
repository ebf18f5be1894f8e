//! whiplash-core: the pure core of whiplash-quiz, shared by the terminal
//! game and the party server.
//!
//! Film record, question banks, generator, deal planner, game session,
//! scoring and the quality report. Everything here takes data (and a
//! seeded [`rng::GameRng`]) and returns data: no terminal, no argument
//! parser, no database, no clock, no async runtime. The time a timed
//! answer took comes in through the [`game::Player`]'s moves. See
//! ARCHITECTURE.md.
//!
//! ```
//! use whiplash_core::{game, generate, record, rng::GameRng, scripted};
//!
//! let film = record::builtin().expect("the built-in record is valid");
//! let mut rng = GameRng::from_seed(42);
//! let pool = generate::unsettled(&film, &mut rng);
//! let mut game = game::Game::new(42, game::deal(&pool, 3, &mut rng));
//! // Choice 1 exists in every question (true-or-false ones have two).
//! let mut player = scripted![1, 1, 1];
//! let ending = game::play(&mut game, &mut player).unwrap();
//! assert_eq!(ending, game::Ending::Finished);
//! assert_eq!(game.answers.len(), 3);
//! ```

pub mod bank;
pub mod form;
pub mod format;
pub mod game;
pub mod generate;
pub mod locate;
pub mod plan;
pub mod pool;
pub mod quality;
pub mod question;
pub mod record;
pub mod rng;
pub mod room;
pub mod score;
pub mod text;
