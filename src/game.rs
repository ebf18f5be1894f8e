//! The game session: a pure state machine driven by a [`Player`].
//!
//! Nothing here reads the clock, the terminal or the environment; the
//! questions and the rng come in, a finished [`Game`] comes out.

use crate::question::Question;
use crate::rng::GameRng;
use crate::score;
use std::io;

/// One question as dealt: its choices in the order shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub question: Question,
    pub choices: Vec<String>,
    /// Index of the right answer in `choices`.
    pub answer: usize,
}

/// Draws `count` questions from `pool` without repeats and shuffles each
/// one's choices. The rng alone decides both.
pub fn deal(pool: &[Question], count: usize, rng: &mut GameRng) -> Vec<Round> {
    // Shuffling the whole pool (rather than sampling `count`) keeps the rng
    // stream independent of `count`: a shorter game is a prefix of a longer one.
    let mut indices: Vec<usize> = (0..pool.len()).collect();
    rng.shuffle(&mut indices);
    indices.truncate(count);
    indices
        .into_iter()
        .map(|i| {
            let q = &pool[i];
            let mut choices = Vec::with_capacity(q.distractors.len() + 1);
            choices.push(q.answer.clone());
            choices.extend(q.distractors.iter().cloned());
            let mut order: Vec<usize> = (0..choices.len()).collect();
            rng.shuffle(&mut order);
            let answer = order.iter().position(|&o| o == 0).unwrap_or(0);
            let choices = order.into_iter().map(|o| choices[o].clone()).collect();
            Round {
                question: q.clone(),
                choices,
                answer,
            }
        })
        .collect()
}

/// What a player does with a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Picks the choice at this 0-based index.
    Choose(usize),
    /// Stops the game (`q`, Esc, or the end of input).
    Quit,
}

/// A question being asked, with the game's progress so far.
#[derive(Debug, Clone, Copy)]
pub struct Turn<'a> {
    /// 1-based position of this question.
    pub number: usize,
    pub total: usize,
    pub round: &'a Round,
    pub score: u32,
}

/// How one answer went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    /// 0-based index into the round's choices.
    pub chosen: usize,
    pub correct: bool,
    pub points: u32,
    /// The run of right answers this answer makes (0 after a miss).
    pub streak: u32,
}

/// Something that answers questions: a terminal, a pipe, or a script.
pub trait Player {
    /// Answers the question in `turn`. Errors are real I/O failures; the end
    /// of input is `Ok(Move::Quit)`.
    fn choose(&mut self, turn: &Turn<'_>) -> io::Result<Move>;

    /// Shown the result of an answer.
    fn feedback(&mut self, _turn: &Turn<'_>, _answer: &Answer, _game: &Game) -> io::Result<()> {
        Ok(())
    }
}

/// How a game ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Every question was answered.
    Finished,
    /// The player stopped early.
    Stopped,
}

/// A game in progress or finished.
#[derive(Debug, Clone)]
pub struct Game {
    pub seed: u64,
    pub rounds: Vec<Round>,
    pub answers: Vec<Answer>,
}

impl Game {
    pub fn new(seed: u64, rounds: Vec<Round>) -> Self {
        Game {
            seed,
            rounds,
            answers: Vec::new(),
        }
    }

    /// The question to ask next, if any.
    pub fn turn(&self) -> Option<Turn<'_>> {
        let i = self.answers.len();
        self.rounds.get(i).map(|round| Turn {
            number: i + 1,
            total: self.rounds.len(),
            round,
            score: self.score(),
        })
    }

    /// Records an answer to the current question. Returns `None` when the
    /// game is over or `chosen` is not one of the choices.
    pub fn answer(&mut self, chosen: usize) -> Option<Answer> {
        let round = self.rounds.get(self.answers.len())?;
        if chosen >= round.choices.len() {
            return None;
        }
        let correct = chosen == round.answer;
        let streak = if correct { self.streak() + 1 } else { 0 };
        let answer = Answer {
            chosen,
            correct,
            points: score::points(round.question.difficulty, correct, streak),
            streak,
        };
        self.answers.push(answer);
        Some(answer)
    }

    pub fn streak(&self) -> u32 {
        self.answers.last().map_or(0, |a| a.streak)
    }

    pub fn best_streak(&self) -> u32 {
        self.answers.iter().map(|a| a.streak).max().unwrap_or(0)
    }

    pub fn correct(&self) -> usize {
        self.answers.iter().filter(|a| a.correct).count()
    }

    pub fn finished(&self) -> bool {
        self.answers.len() == self.rounds.len()
    }

    /// Whether every question was answered, all of them right.
    pub fn flawless(&self) -> bool {
        self.finished() && !self.rounds.is_empty() && self.correct() == self.rounds.len()
    }

    /// The score so far, with the flawless bonus once it is earned.
    pub fn score(&self) -> u32 {
        let answers: Vec<_> = self
            .answers
            .iter()
            .zip(&self.rounds)
            .map(|(a, r)| (r.question.difficulty, a.correct))
            .collect();
        score::total(&answers, self.rounds.len())
    }

    /// The answered rounds that were missed, with the answer given.
    pub fn misses(&self) -> impl Iterator<Item = (usize, &Round, &Answer)> {
        self.rounds
            .iter()
            .zip(&self.answers)
            .enumerate()
            .filter(|(_, (_, a))| !a.correct)
            .map(|(i, (r, a))| (i, r, a))
    }
}

/// Plays `game` to its end or until the player stops.
pub fn play(game: &mut Game, player: &mut dyn Player) -> io::Result<Ending> {
    while let Some(turn) = game.turn() {
        let choice = match player.choose(&turn)? {
            Move::Quit => return Ok(Ending::Stopped),
            Move::Choose(i) => i,
        };
        let offered = turn.round.choices.len();
        // Players only offer valid choices; a script that does not is stopped
        // rather than allowed to skip a question.
        let Some(answer) = game.answer(choice) else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("choice {} is not one of the {offered} choices", choice + 1),
            ));
        };
        let game: &Game = game;
        let index = game.answers.len() - 1;
        let turn = Turn {
            number: index + 1,
            total: game.rounds.len(),
            round: &game.rounds[index],
            score: game.score(),
        };
        player.feedback(&turn, &answer, game)?;
    }
    Ok(Ending::Finished)
}

/// A player that follows a script, for tests and harnesses.
#[derive(Debug, Clone, Default)]
pub struct ScriptedPlayer {
    moves: std::collections::VecDeque<Move>,
    /// The prompts it was asked, in order.
    pub asked: Vec<String>,
}

impl ScriptedPlayer {
    pub fn new(moves: impl IntoIterator<Item = Move>) -> Self {
        ScriptedPlayer {
            moves: moves.into_iter().collect(),
            asked: Vec::new(),
        }
    }

    /// A player that always picks the right answer.
    pub fn perfect(game: &Game) -> Self {
        Self::new(game.rounds.iter().map(|r| Move::Choose(r.answer)))
    }
}

impl Player for ScriptedPlayer {
    fn choose(&mut self, turn: &Turn<'_>) -> io::Result<Move> {
        self.asked.push(turn.round.question.prompt.clone());
        Ok(self.moves.pop_front().unwrap_or(Move::Quit))
    }
}

/// Builds a [`ScriptedPlayer`] from 1-based choices, `q` to quit:
/// `scripted![1, 3, q]`.
#[macro_export]
macro_rules! scripted {
    (@move q) => { $crate::game::Move::Quit };
    (@move $n:literal) => { $crate::game::Move::Choose($n - 1) };
    ($($m:tt),* $(,)?) => {
        $crate::game::ScriptedPlayer::new(vec![$($crate::scripted!(@move $m)),*])
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::Difficulty;

    fn question(n: usize, difficulty: Difficulty) -> Question {
        Question {
            prompt: format!("Question {n}?"),
            answer: format!("right {n}"),
            distractors: vec![
                format!("wrong {n}a"),
                format!("wrong {n}b"),
                format!("wrong {n}c"),
            ],
            category: "test".into(),
            difficulty,
            explanation: format!("Because {n}."),
        }
    }

    fn pool() -> Vec<Question> {
        (0..8)
            .map(|n| question(n, Difficulty::ALL[n % 3]))
            .collect()
    }

    #[test]
    fn deal_draws_without_repeats_and_keeps_the_answer_findable() {
        let rounds = deal(&pool(), 5, &mut GameRng::from_seed(4));
        assert_eq!(rounds.len(), 5);
        let mut prompts: Vec<_> = rounds.iter().map(|r| &r.question.prompt).collect();
        prompts.sort();
        prompts.dedup();
        assert_eq!(prompts.len(), 5);
        for r in &rounds {
            assert_eq!(r.choices[r.answer], r.question.answer);
            assert_eq!(r.choices.len(), 4);
        }
    }

    #[test]
    fn deal_caps_at_the_pool_size() {
        assert_eq!(deal(&pool(), 50, &mut GameRng::from_seed(1)).len(), 8);
    }

    #[test]
    fn perfect_player_gets_everything_and_the_bonus() {
        let mut game = Game::new(1, deal(&pool(), 4, &mut GameRng::from_seed(2)));
        let mut player = ScriptedPlayer::perfect(&game);
        assert_eq!(play(&mut game, &mut player).unwrap(), Ending::Finished);
        assert_eq!(game.correct(), 4);
        assert!(game.flawless());
        assert_eq!(game.best_streak(), 4);
        assert!(game.score() >= score::flawless_bonus(4));
    }

    #[test]
    fn quitting_keeps_what_was_answered() {
        let mut game = Game::new(1, deal(&pool(), 4, &mut GameRng::from_seed(2)));
        let wrong = (game.rounds[0].answer + 1) % 4;
        let right = game.rounds[1].answer;
        let mut player =
            ScriptedPlayer::new([Move::Choose(wrong), Move::Choose(right), Move::Quit]);
        assert_eq!(play(&mut game, &mut player).unwrap(), Ending::Stopped);
        assert_eq!(game.answers.len(), 2);
        assert_eq!(game.correct(), 1);
        assert!(!game.flawless());
        assert_eq!(game.misses().count(), 1);
        assert_eq!(player.asked.len(), 3);
    }

    #[test]
    fn macro_builds_one_based_moves() {
        let p = crate::scripted![1, 4, q];
        let mut game = Game::new(1, deal(&pool(), 3, &mut GameRng::from_seed(3)));
        let mut p2 = p.clone();
        play(&mut game, &mut p2).unwrap();
        assert_eq!(
            game.answers.iter().map(|a| a.chosen).collect::<Vec<_>>(),
            vec![0, 3]
        );
    }

    #[test]
    fn an_out_of_range_choice_is_an_error_not_a_skip() {
        let mut game = Game::new(1, deal(&pool(), 2, &mut GameRng::from_seed(3)));
        let mut p = ScriptedPlayer::new([Move::Choose(9)]);
        assert!(play(&mut game, &mut p).is_err());
        assert!(game.answers.is_empty());
    }
}
