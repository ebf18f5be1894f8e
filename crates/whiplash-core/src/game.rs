//! The game session: a pure state machine driven by a [`Player`].
//!
//! Nothing here reads the clock, the terminal or the environment; the
//! questions and the rng come in, a finished [`Game`] comes out.

use crate::generate;
use crate::plan;
use crate::question::{Question, normalize};
use crate::rng::GameRng;
use crate::score;
use std::borrow::Cow;
use std::io;
use std::time::Duration;

/// One question as dealt: its choices in the order shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub question: Question,
    pub choices: Vec<String>,
    /// Index of the right answer in `choices`.
    pub answer: usize,
    /// Where the question was in the pool it was dealt from.
    pub origin: usize,
}

/// Plans a game of up to `count` questions from `pool` ([`plan::plan`])
/// and orders each one's choices: numbers, years, dates and months in
/// ascending order, True always first and False second (a bank's, an
/// import's or a saved miss's as much as a generated one), anything else
/// shuffled. The rng alone decides. A generated question left unsettled is settled when the
/// planner looks at it ([`generate::settle`]), and skipped if refused.
pub fn deal(pool: &[Question], count: usize, rng: &mut GameRng) -> Vec<Round> {
    deal_lazy(
        pool.len(),
        |i| generate::settle(Cow::Borrowed(&pool[i])),
        count,
        rng,
    )
}

/// [`deal`] over a pool of `len` questions read only when looked at
/// ([`plan::plan_lazy`]): the same questions and seed deal the same game.
/// `question(i)` is `None` for a question that cannot be dealt.
pub fn deal_lazy<'a>(
    len: usize,
    question: impl Fn(usize) -> Option<Cow<'a, Question>>,
    count: usize,
    rng: &mut GameRng,
) -> Vec<Round> {
    plan::plan_lazy(len, question, count, rng)
        .into_iter()
        .map(|(i, q)| {
            let mut choices = Vec::with_capacity(q.distractors.len() + 1);
            choices.push(q.answer.clone());
            choices.extend(q.distractors.iter().cloned());
            let mut order: Vec<usize> = (0..choices.len()).collect();
            match true_false(&q).or_else(|| values(&q)) {
                Some(v) => order.sort_by(|&a, &b| v[a].total_cmp(&v[b])),
                None => rng.shuffle(&mut order),
            }
            let answer = order.iter().position(|&o| o == 0).unwrap_or(0);
            let choices = order.into_iter().map(|o| choices[o].clone()).collect();
            Round {
                question: q.into_owned(),
                choices,
                answer,
                origin: i,
            }
        })
        .collect()
}

/// For a true-or-false question (two choices, "True" and "False" in any
/// case or spacing), the places of its choices (answer first): True 0,
/// False 1, so that True is always choice 1. A generated question says so
/// in its values too, but a bank's, an import's or a saved miss's does not.
fn true_false(q: &Question) -> Option<Vec<f64>> {
    let [wrong] = q.distractors.as_slice() else {
        return None;
    };
    match (normalize(&q.answer).as_str(), normalize(wrong).as_str()) {
        ("true", "false") => Some(vec![0.0, 1.0]),
        ("false", "true") => Some(vec![1.0, 0.0]),
        _ => None,
    }
}

/// The value of each choice (answer first) when they are to be shown in
/// order: a generated number question's values, or plain numbers in a bank.
fn values(q: &Question) -> Option<Vec<f64>> {
    if q.meta.values.len() == q.distractors.len() + 1 {
        return Some(q.meta.values.clone());
    }
    std::iter::once(&q.answer)
        .chain(&q.distractors)
        .map(|c| {
            c.trim()
                .replace(',', "")
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
        })
        .collect()
}

/// What a player does with a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Picks the choice at this 0-based index (into the full choices).
    Choose(usize),
    /// Uses the 50:50 lifeline on this question.
    FiftyFifty,
    /// Stops the game (`q`, Esc, or the end of input).
    Quit,
    /// The game was stopped from outside (Ctrl-C, a termination or a
    /// hang-up): it ends as [`Ending::Interrupted`]. The player reports
    /// it; the game never sees a signal.
    Interrupt,
    /// Picks a choice, as `Choose`, this long after the question was first
    /// shown: a timed game pays a speed bonus for it. The player measures
    /// the time; the game never reads a clock.
    ChooseAfter(usize, Duration),
    /// The timer ran out before an answer: a miss.
    TimeUp,
}

/// The 50:50 lifeline, as it stands for the question being asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifeline {
    /// It can be used on this question.
    Available,
    /// It was used on this question: these two choices (0-based, in order)
    /// are left, the right one and one wrong one.
    Active([usize; 2]),
    /// It cannot be used: spent on an earlier question.
    Spent,
    /// It cannot be used here: the question has only two choices.
    TooFewChoices,
}

/// Why a 50:50 was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Spent,
    AlreadyActive,
    TooFewChoices,
}

impl Refusal {
    pub fn message(self) -> &'static str {
        match self {
            Refusal::Spent => "The 50:50 is used up: it works once per game.",
            Refusal::AlreadyActive => "The 50:50 is already in use on this question.",
            Refusal::TooFewChoices => "The 50:50 needs more than two choices.",
        }
    }
}

/// A question being asked, with the game's progress so far.
#[derive(Debug, Clone, Copy)]
pub struct Turn<'a> {
    /// 0-based position of this round in the game.
    pub index: usize,
    /// 1-based position of this question among the player's own (in a
    /// hot-seat game, each player counts their own questions).
    pub number: usize,
    /// How many questions the player was dealt.
    pub total: usize,
    pub round: &'a Round,
    /// The score so far: the whole game's, or in hot-seat the player's.
    pub score: u32,
    /// The player's run of right answers so far.
    pub streak: u32,
    /// The time allowed per question, in a timed game.
    pub timer: Option<Duration>,
    /// Whose turn it is, in a hot-seat game.
    pub player: Option<&'a str>,
    pub lifeline: Lifeline,
}

impl Turn<'_> {
    /// The choices (0-based) the player may pick from now.
    pub fn open_choices(&self) -> Vec<usize> {
        match self.lifeline {
            Lifeline::Active(two) => two.to_vec(),
            _ => (0..self.round.choices.len()).collect(),
        }
    }
}

/// How one answer went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    /// 0-based index into the round's choices.
    pub chosen: usize,
    pub correct: bool,
    pub points: u32,
    /// The run of right answers this answer makes (0 after a miss), counted
    /// for the player who gave it.
    pub streak: u32,
    /// The two choices left by a 50:50 used on this question.
    pub fifty_fifty: Option<[usize; 2]>,
    /// The timer ran out: nothing was chosen (`chosen` is then meaningless).
    pub timed_out: bool,
    /// The speed bonus included in `points`.
    pub speed_bonus: u32,
}

impl Answer {
    /// The choice made, or `None` when the timer ran out.
    pub fn choice(&self) -> Option<usize> {
        (!self.timed_out).then_some(self.chosen)
    }
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

    /// Told that a 50:50 was refused; the question is asked again.
    fn refused(&mut self, _why: Refusal) -> io::Result<()> {
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
    /// The game was stopped from outside ([`Move::Interrupt`]): what was
    /// answered is kept, as when the player stops.
    Interrupted,
}

/// A game in progress or finished.
#[derive(Debug, Clone)]
pub struct Game {
    pub seed: u64,
    pub rounds: Vec<Round>,
    pub answers: Vec<Answer>,
    /// Hot-seat players, who take the rounds in turn; empty for one player.
    pub players: Vec<String>,
    /// The choices left on the current question by a 50:50.
    active: Option<[usize; 2]>,
    /// The time allowed per question, in a timed game.
    pub timer: Option<Duration>,
}

impl Game {
    pub fn new(seed: u64, rounds: Vec<Round>) -> Self {
        Game {
            seed,
            rounds,
            answers: Vec::new(),
            players: Vec::new(),
            active: None,
            timer: None,
        }
    }

    /// A timed game: `limit` per question. Timing never changes the deal.
    pub fn with_timer(mut self, limit: Option<Duration>) -> Self {
        self.timer = limit;
        self
    }

    /// A hot-seat game: round `i` belongs to player `i % players.len()`.
    pub fn with_players(mut self, players: Vec<String>) -> Self {
        self.players = players;
        self
    }

    /// The player (index) a round belongs to; always 0 for one player.
    pub fn player_of(&self, round: usize) -> usize {
        round % self.seats()
    }

    /// The answers given so far by player `p`, with their rounds.
    fn answers_of(&self, p: usize) -> impl Iterator<Item = (&Round, &Answer)> {
        self.rounds
            .iter()
            .zip(&self.answers)
            .enumerate()
            .filter(move |(i, _)| self.player_of(*i) == p)
            .map(|(_, pair)| pair)
    }

    fn lifeline(&self, index: usize) -> Lifeline {
        if let Some(two) = self.active {
            return Lifeline::Active(two);
        }
        let p = self.player_of(index);
        if self.answers_of(p).any(|(_, a)| a.fifty_fifty.is_some()) {
            Lifeline::Spent
        } else if self.rounds[index].choices.len() <= 2 {
            Lifeline::TooFewChoices
        } else {
            Lifeline::Available
        }
    }

    /// The question to ask next, if any.
    pub fn turn(&self) -> Option<Turn<'_>> {
        self.turn_at(self.answers.len())
    }

    /// Round `i` as its player sees it now, with their score so far.
    fn turn_at(&self, i: usize) -> Option<Turn<'_>> {
        let round = self.rounds.get(i)?;
        let p = self.player_of(i);
        Some(Turn {
            index: i,
            number: i / self.seats() + 1,
            total: self.rounds_of(p),
            round,
            score: self.player_score(p),
            streak: self.answers_of(p).last().map_or(0, |(_, a)| a.streak),
            timer: self.timer,
            player: self.players.get(p).map(String::as_str),
            lifeline: self.lifeline(i),
        })
    }

    /// Uses the 50:50 on the current question: the seed (and the question's
    /// position) decides which wrong choice stays beside the right one.
    pub fn fifty_fifty(&mut self) -> Result<[usize; 2], Refusal> {
        let i = self.answers.len();
        let Some(round) = self.rounds.get(i) else {
            return Err(Refusal::Spent);
        };
        match self.lifeline(i) {
            Lifeline::Available => {}
            Lifeline::Active(_) => return Err(Refusal::AlreadyActive),
            Lifeline::Spent => return Err(Refusal::Spent),
            Lifeline::TooFewChoices => return Err(Refusal::TooFewChoices),
        }
        let wrong: Vec<usize> = (0..round.choices.len())
            .filter(|&c| c != round.answer)
            .collect();
        let mut rng = GameRng::for_lifeline(self.seed, i);
        let kept = wrong[rng.below(wrong.len())];
        let two = if kept < round.answer {
            [kept, round.answer]
        } else {
            [round.answer, kept]
        };
        self.active = Some(two);
        Ok(two)
    }

    /// Records an answer to the current question. Returns `None` when the
    /// game is over or `chosen` is not one of the choices open to the player.
    pub fn answer(&mut self, chosen: usize) -> Option<Answer> {
        self.answer_after(chosen, None)
    }

    /// Records an answer given `taken` after the question was shown; in a
    /// timed game a right answer earns the speed bonus for it.
    pub fn answer_after(&mut self, chosen: usize, taken: Option<Duration>) -> Option<Answer> {
        let index = self.answers.len();
        let round = self.rounds.get(index)?;
        if chosen >= round.choices.len() || self.active.is_some_and(|two| !two.contains(&chosen)) {
            return None;
        }
        let correct = chosen == round.answer;
        let p = self.player_of(index);
        let previous = self.answers_of(p).last().map_or(0, |(_, a)| a.streak);
        let streak = if correct { previous + 1 } else { 0 };
        let fifty_fifty = self.active.take();
        let speed_bonus = match (self.timer, taken) {
            (Some(limit), Some(taken)) if correct => score::speed_bonus(taken, limit),
            _ => 0,
        };
        let answer = Answer {
            chosen,
            correct,
            points: score::points(
                round.question.difficulty,
                correct,
                streak,
                fifty_fifty.is_some(),
            ) + speed_bonus,
            streak,
            fifty_fifty,
            timed_out: false,
            speed_bonus,
        };
        self.answers.push(answer);
        Some(answer)
    }

    /// Records that the timer ran out on the current question: a miss.
    pub fn time_up(&mut self) -> Option<Answer> {
        let round = self.rounds.get(self.answers.len())?;
        let answer = Answer {
            // Never shown: `timed_out` says nothing was chosen. Pointing at
            // a wrong choice keeps `chosen != answer` for every miss.
            chosen: (round.answer + 1) % round.choices.len().max(1),
            correct: false,
            points: 0,
            streak: 0,
            fifty_fifty: self.active.take(),
            timed_out: true,
            speed_bonus: 0,
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

    fn scored<'a>(pairs: impl Iterator<Item = (&'a Round, &'a Answer)>) -> Vec<score::Scored> {
        pairs
            .map(|(r, a)| score::Scored {
                difficulty: r.question.difficulty,
                correct: a.correct,
                fifty_fifty: a.fifty_fifty.is_some(),
                speed_bonus: a.speed_bonus,
            })
            .collect()
    }

    /// How many take turns: the hot-seat players, or the one player.
    pub fn seats(&self) -> usize {
        self.players.len().max(1)
    }

    /// The score so far, with the flawless bonus once it is earned. In a
    /// hot-seat game, the sum of the players' scores.
    pub fn score(&self) -> u32 {
        (0..self.seats()).map(|p| self.player_score(p)).sum()
    }

    /// How many rounds player `p` was dealt.
    pub fn rounds_of(&self, p: usize) -> usize {
        (0..self.rounds.len())
            .filter(|&i| self.player_of(i) == p)
            .count()
    }

    /// Player `p`'s score, their own streaks and flawless bonus included
    /// (the whole score when there is one player, `p` 0).
    pub fn player_score(&self, p: usize) -> u32 {
        score::total(&Self::scored(self.answers_of(p)), self.rounds_of(p))
    }

    /// Player `p`'s right answers and answers given.
    pub fn player_tally(&self, p: usize) -> (usize, usize) {
        let answers: Vec<_> = self.answers_of(p).collect();
        (
            answers.iter().filter(|(_, a)| a.correct).count(),
            answers.len(),
        )
    }

    /// Whether player `p` has answered all their rounds, every one right.
    pub fn player_flawless(&self, p: usize) -> bool {
        let rounds = self.rounds_of(p);
        rounds > 0 && self.player_tally(p) == (rounds, rounds)
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

/// How many refusals in a row end a game: only a broken player keeps asking
/// for a lifeline it cannot have.
const MAX_REFUSALS: usize = 100;

/// Plays `game` to its end or until the player stops.
pub fn play(game: &mut Game, player: &mut dyn Player) -> io::Result<Ending> {
    let mut refusals = 0;
    while let Some(turn) = game.turn() {
        let choice = match player.choose(&turn)? {
            Move::Quit => return Ok(Ending::Stopped),
            Move::Interrupt => return Ok(Ending::Interrupted),
            Move::FiftyFifty => {
                if let Err(why) = game.fifty_fifty() {
                    refusals += 1;
                    if refusals > MAX_REFUSALS {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidInput,
                            "the player keeps asking for a refused 50:50",
                        ));
                    }
                    player.refused(why)?;
                }
                continue;
            }
            Move::TimeUp => {
                refusals = 0;
                if let Some(answer) = game.time_up() {
                    let game: &Game = game;
                    if let Some(turn) = game.turn_at(game.answers.len() - 1) {
                        player.feedback(&turn, &answer, game)?;
                    }
                }
                continue;
            }
            Move::Choose(i) => (i, None),
            Move::ChooseAfter(i, taken) => (i, Some(taken)),
        };
        let (choice, taken) = choice;
        refusals = 0;
        let offered = turn.round.choices.len();
        // Players only offer valid choices; a script that does not is stopped
        // rather than allowed to skip a question.
        let Some(answer) = game.answer_after(choice, taken) else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "choice {} is not one of the {offered} choices open",
                    choice + 1
                ),
            ));
        };
        let game: &Game = game;
        if let Some(turn) = game.turn_at(game.answers.len() - 1) {
            player.feedback(&turn, &answer, game)?;
        }
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

/// Builds a [`ScriptedPlayer`] from 1-based choices, `f` for the 50:50,
/// `t` for a timer running out, `q` to quit and `i` for an interrupt:
/// `scripted![1, f, t, 3, q]`.
#[macro_export]
macro_rules! scripted {
    (@move q) => { $crate::game::Move::Quit };
    (@move i) => { $crate::game::Move::Interrupt };
    (@move f) => { $crate::game::Move::FiftyFifty };
    (@move t) => { $crate::game::Move::TimeUp };
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
            meta: Default::default(),
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

    /// A pool of `kinds.len()` questions: true-or-false ones (their
    /// answer and wrong choice written in the case and spacing `kinds`
    /// gives) among four-choice ones, in many categories.
    fn mixed_pool(kinds: &[(bool, u8, bool)]) -> Vec<Question> {
        let spell = |word: &str, style: u8| match style % 4 {
            0 => word.to_owned(),
            1 => word.to_lowercase(),
            2 => word.to_uppercase(),
            _ => format!("  {word} "),
        };
        kinds
            .iter()
            .enumerate()
            .map(|(n, &(tf, style, truth))| {
                let mut q = question(n, Difficulty::ALL[n % 3]);
                q.category = format!("category {}", n % 5);
                if tf {
                    let (yes, no) = (spell("True", style), spell("False", style / 4));
                    let (answer, wrong) = if truth { (yes, no) } else { (no, yes) };
                    q.prompt = format!("True or false: statement {n}.");
                    q.answer = answer;
                    q.distractors = vec![wrong];
                }
                q
            })
            .collect()
    }

    proptest::proptest! {
        /// True is choice 1 and False choice 2 in every dealt game, for
        /// every seed, whichever is the answer and however a bank writes
        /// them; the answer's place follows.
        #[test]
        fn true_is_always_choice_one_and_false_two(
            kinds in proptest::collection::vec(
                (proptest::bool::ANY, 0u8..16, proptest::bool::ANY), 4..24),
            seed in proptest::num::u64::ANY,
        ) {
            let pool = mixed_pool(&kinds);
            let rounds = deal(&pool, pool.len(), &mut GameRng::from_seed(seed));
            for r in &rounds {
                proptest::prop_assert_eq!(&r.choices[r.answer], &r.question.answer);
                if r.question.prompt.starts_with("True or false") {
                    let shown: Vec<String> = r.choices.iter().map(|c| normalize(c)).collect();
                    proptest::prop_assert_eq!(shown, ["true", "false"]);
                }
            }
        }
    }

    #[test]
    fn true_comes_first_over_many_seeds_with_either_answer() {
        let pool = mixed_pool(&[(true, 0, true), (true, 0, false), (false, 0, false)]);
        let mut seen = [0, 0];
        for seed in 0..200 {
            for r in deal(&pool, 3, &mut GameRng::from_seed(seed)) {
                if r.choices.len() == 2 {
                    assert_eq!(r.choices, ["True", "False"], "seed {seed}");
                    seen[r.answer] += 1;
                }
            }
        }
        assert!(seen[0] > 0 && seen[1] > 0, "both answers dealt: {seen:?}");
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
    fn an_interrupt_ends_the_game_and_keeps_what_was_answered() {
        let mut game = Game::new(1, deal(&pool(), 4, &mut GameRng::from_seed(2)));
        let mut player = crate::scripted![1, 2, i, 1];
        assert_eq!(play(&mut game, &mut player).unwrap(), Ending::Interrupted);
        assert_eq!(game.answers.len(), 2);
        assert_eq!(player.asked.len(), 3, "nothing is asked after it");
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

    #[test]
    fn a_timer_running_out_is_a_miss_that_ends_the_streak() {
        let rounds = deal(&pool(), 3, &mut GameRng::from_seed(5));
        let right: Vec<usize> = rounds.iter().map(|r| r.answer).collect();
        let mut game = Game::new(5, rounds).with_timer(Some(Duration::from_secs(10)));
        let mut p = ScriptedPlayer::new([
            Move::ChooseAfter(right[0], Duration::from_secs(1)),
            Move::TimeUp,
            Move::Choose(right[2]),
        ]);
        assert_eq!(play(&mut game, &mut p).unwrap(), Ending::Finished);
        let [first, second, third] = [game.answers[0], game.answers[1], game.answers[2]];
        assert_eq!(first.speed_bonus, 45);
        assert_eq!(
            first.points,
            score::base(game.rounds[0].question.difficulty) + 45
        );
        assert!(second.timed_out && !second.correct);
        assert_eq!(
            (second.points, second.streak, second.choice()),
            (0, 0, None)
        );
        assert_eq!(third.streak, 1, "the time-out broke the streak");
        assert_eq!(third.speed_bonus, 0, "no time given, no bonus");
        assert_eq!(game.misses().count(), 1);
        assert_eq!(
            game.score(),
            first.points + third.points,
            "the score is the sum of the answers"
        );
    }

    #[test]
    fn the_timer_never_changes_the_deal_and_pays_nothing_untimed() {
        let untimed = Game::new(8, deal(&pool(), 5, &mut GameRng::from_seed(8)));
        let timed = Game::new(8, deal(&pool(), 5, &mut GameRng::from_seed(8)))
            .with_timer(Some(Duration::from_secs(5)));
        assert_eq!(untimed.rounds, timed.rounds);
        let mut game = untimed;
        let right = game.rounds[0].answer;
        let a = game.answer_after(right, Some(Duration::ZERO)).unwrap();
        assert_eq!(a.speed_bonus, 0);
    }

    #[test]
    fn hot_seat_players_count_their_own_questions() {
        let game = Game::new(1, deal(&pool(), 6, &mut GameRng::from_seed(1)))
            .with_players(vec!["Ana".into(), "Ben".into()]);
        let turns: Vec<(usize, usize, Option<&str>)> = (0..6)
            .map(|i| {
                let t = game.turn_at(i).unwrap();
                (t.number, t.total, t.player)
            })
            .collect();
        assert_eq!(
            turns,
            vec![
                (1, 3, Some("Ana")),
                (1, 3, Some("Ben")),
                (2, 3, Some("Ana")),
                (2, 3, Some("Ben")),
                (3, 3, Some("Ana")),
                (3, 3, Some("Ben")),
            ]
        );
    }
}
