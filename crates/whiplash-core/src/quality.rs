//! The quality report: how far a film record's questions can be guessed
//! without knowing the answer. Pure: it takes the `Film` and a number of
//! seeds, deals every question of every seed on its own (as a game would
//! show it), and returns the tallies; `app` prints them through
//! `ui::tables` or as JSON.
//!
//! Two kinds of guessers play the rounds. Rule guessers (longest, lowest
//! number, odd shape, ...) look at one round's choices and prompt only.
//! Learners train on the rounds of the first half of the seeds, knowing
//! their answers, and are tested on the rounds of the second half; and
//! they are tested only on questions they never trained on (the prompts
//! are split in two by a hash), so that what they find is a pattern that
//! carries over to a new question (an answer's rank, length or shape, or a
//! name that is never the answer), not the answer to a question they have
//! already seen, which is knowing the film.

use crate::form;
use crate::game::{self, Round};
use crate::generate::generate;
use crate::question::{Question, normalize};
use crate::record::Film;
use crate::rng::GameRng;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::RangeInclusive;

/// How many seeds the report deals unless told otherwise.
pub const DEFAULT_SEEDS: u64 = 200;

/// The seeds the report accepts: at least one to train on and one to test.
pub const SEEDS: RangeInclusive<u64> = 2..=2000;

/// A guesser's row is weak when it wins this many times as often as a
/// blind pick...
pub const WEAK_RATIO: f64 = 1.3;

/// ...over at least this many tries.
pub const MIN_TRIED: usize = 50;

/// A way of guessing from one round's choices and prompt alone; `None`
/// abstains.
pub type Guess = fn(&Round) -> Option<usize>;

/// The rule guessers, by name: none of them sees the answer.
pub const GUESSERS: [(&str, Guess); 9] = [
    ("longest", longest),
    ("shortest", shortest),
    ("highest number", highest),
    ("lowest number", lowest),
    ("middle number", middle),
    ("odd shape", odd_shape),
    ("prompt overlap", overlap),
    ("always true", always_true),
    ("always false", always_false),
];

/// The held-out learners, by name, after the rule guessers.
pub const LEARNERS: [&str; 2] = ["pattern learner", "most frequent answer"];

/// The quality report of one film record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub title: String,
    pub year: i32,
    /// Seeds `0..seeds` were dealt; learners train on the first half.
    pub seeds: u64,
    /// Rounds dealt over all seeds.
    pub rounds: usize,
    /// The share of true-or-false rounds whose answer is True; `None`
    /// without any.
    pub true_share: Option<f64>,
    /// One row per guesser: the rule guessers, then the learners.
    pub guessers: Vec<GuesserRow>,
    /// One row per question unit, by name.
    pub units: Vec<UnitRow>,
}

/// How one guesser did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GuesserRow {
    pub guesser: String,
    /// Whether it trained on the first half of the seeds and was tried on
    /// the second half only.
    pub learner: bool,
    /// Rounds it did not abstain on.
    pub tried: usize,
    pub right: usize,
    /// `right / tried` (0 when it tried none).
    pub rate: f64,
    /// A blind pick's rate over the same rounds: the mean of 1/choices.
    pub blind: f64,
    /// `rate / blind` (0 when it tried none).
    pub ratio: f64,
    /// `rate > blind * 1.3` over at least 50 tries.
    pub weak: bool,
}

/// One kind of question (the unit that makes it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitRow {
    pub unit: String,
    /// Distinct questions (by prompt) over all seeds.
    pub questions: usize,
    /// Of those, the true-or-false ones.
    pub true_false: usize,
    /// Rounds dealt over all seeds.
    pub rounds: usize,
    /// The share of its true-or-false rounds whose answer is True.
    pub true_share: Option<f64>,
    /// The guesser with the highest `ratio` on this unit's rounds, among
    /// those that tried at least 50; `None` if none did.
    pub worst: Option<GuesserRow>,
}

/// Whether `q` is a true-or-false question.
pub fn is_true_false(q: &Question) -> bool {
    q.distractors.len() == 1
        && matches!(
            (q.answer.as_str(), q.distractors[0].as_str()),
            ("True", "False") | ("False", "True")
        )
}

/// Every question of `film` for `seed`, each dealt on its own from that
/// seed as a one-question game: the order of choices a player would see.
pub fn rounds(film: &Film, seed: u64) -> Vec<Round> {
    generate(film, &mut GameRng::from_seed(seed))
        .into_iter()
        .flat_map(|q| game::deal(&[q], 1, &mut GameRng::from_seed(seed)))
        .collect()
}

fn len(s: &str) -> usize {
    s.chars().count()
}

/// The index of the one choice where `score` is greatest, if it is alone.
fn unique_max<T: PartialOrd + Copy>(score: &[T]) -> Option<usize> {
    let mut best: Option<usize> = None;
    let mut tied = false;
    for (i, s) in score.iter().enumerate() {
        match best {
            None => best = Some(i),
            Some(b) if *s > score[b] => {
                best = Some(i);
                tied = false;
            }
            Some(b) if *s == score[b] => tied = true,
            Some(_) => {}
        }
    }
    best.filter(|_| !tied)
}

/// The longest choice, if one is.
pub fn longest(r: &Round) -> Option<usize> {
    let lens: Vec<usize> = r.choices.iter().map(|c| len(c)).collect();
    unique_max(&lens)
}

/// The shortest choice, if one is.
pub fn shortest(r: &Round) -> Option<usize> {
    let lens: Vec<isize> = r.choices.iter().map(|c| -(len(c) as isize)).collect();
    unique_max(&lens)
}

/// A number, year, date or month question: its choices are shown in
/// ascending order.
pub fn numeric(r: &Round) -> bool {
    r.question.meta.values.len() == r.choices.len() && r.choices.len() > 2
}

/// The highest number.
pub fn highest(r: &Round) -> Option<usize> {
    numeric(r).then(|| r.choices.len() - 1)
}

/// The lowest number.
pub fn lowest(r: &Round) -> Option<usize> {
    numeric(r).then_some(0)
}

/// The second lowest number.
pub fn middle(r: &Round) -> Option<usize> {
    numeric(r).then_some(1)
}

/// The one choice whose shape (digits, initials, brackets) or number of
/// words differs from all the others, which agree.
pub fn odd_shape(r: &Round) -> Option<usize> {
    if r.choices.len() < 3 {
        return None;
    }
    let shapes: Vec<form::Shape> = r.choices.iter().map(|c| form::shape(c)).collect();
    let words: Vec<usize> = r
        .choices
        .iter()
        .map(|c| c.split_whitespace().count())
        .collect();
    let odd: Vec<usize> = (0..r.choices.len())
        .filter(|&i| {
            let others: Vec<usize> = (0..r.choices.len()).filter(|&j| j != i).collect();
            let same_shape = others.iter().all(|&j| shapes[j] == shapes[others[0]]);
            let same_words = others.iter().all(|&j| words[j] == words[others[0]]);
            (same_shape && shapes[i] != shapes[others[0]])
                || (same_words && words[i] != words[others[0]])
        })
        .collect();
    (odd.len() == 1).then(|| odd[0])
}

/// The choice sharing the most words (of four letters or more) with the
/// prompt.
pub fn overlap(r: &Round) -> Option<usize> {
    let prompt: HashSet<String> = form::words(&r.question.prompt)
        .into_iter()
        .filter(|w| w.len() > 3)
        .collect();
    let score: Vec<usize> = r
        .choices
        .iter()
        .map(|c| {
            form::words(c)
                .iter()
                .filter(|w| prompt.contains(*w))
                .count()
        })
        .collect();
    unique_max(&score).filter(|&i| score[i] > 0)
}

/// The choice sharing the most words with the other choices: the centre
/// of the choices.
pub fn centre(r: &Round) -> Option<usize> {
    if r.choices.len() < 3 {
        return None;
    }
    let words: Vec<HashSet<String>> = r
        .choices
        .iter()
        .map(|c| form::words(c).into_iter().collect())
        .collect();
    let score: Vec<usize> = (0..words.len())
        .map(|i| {
            (0..words.len())
                .filter(|&j| j != i)
                .map(|j| words[i].intersection(&words[j]).count())
                .sum()
        })
        .collect();
    unique_max(&score).filter(|&i| score[i] > 0)
}

/// "True", on every true-or-false question.
pub fn always_true(r: &Round) -> Option<usize> {
    tf_choice(r, "True")
}

/// "False", on every true-or-false question.
pub fn always_false(r: &Round) -> Option<usize> {
    tf_choice(r, "False")
}

fn tf_choice(r: &Round, text: &str) -> Option<usize> {
    if !is_true_false(&r.question) {
        return None;
    }
    r.choices.iter().position(|c| c == text)
}

// ---- the held-out learners ------------------------------------------------

/// What a question's choices are: true or false, numbers shown in order, or
/// other texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Form {
    TrueFalse,
    Number,
    Text,
}

/// A kind of question, as the pattern learner tells them apart.
type Kind = (&'static str, Form);

fn kind(r: &Round) -> Kind {
    let form = if is_true_false(&r.question) {
        Form::TrueFalse
    } else if numeric(r) {
        Form::Number
    } else {
        Form::Text
    };
    (r.question.meta.unit, form)
}

/// What a choice may hold that an answer could tend to hold.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Feature {
    /// Its place among ascending numbers.
    Rank(usize),
    /// How many choices are shorter.
    Length(usize),
    /// The only one of its shape or number of words.
    Odd,
    /// The one sharing the most words with the others.
    Centre,
}

/// Each choice's features, in choice order.
fn features(r: &Round) -> Vec<Vec<Feature>> {
    let lens: Vec<usize> = r.choices.iter().map(|c| len(c)).collect();
    let odd = odd_shape(r);
    let centre = centre(r);
    let number = numeric(r);
    (0..r.choices.len())
        .map(|i| {
            let mut f = Vec::with_capacity(5);
            if number {
                f.push(Feature::Rank(i));
            }
            f.push(Feature::Length(
                lens.iter().filter(|&&l| l < lens[i]).count(),
            ));
            if odd == Some(i) {
                f.push(Feature::Odd);
            }
            if centre == Some(i) {
                f.push(Feature::Centre);
            }
            f
        })
        .collect()
}

/// How often something was offered as a choice, and how often it was the
/// answer then.
#[derive(Debug, Clone, Copy, Default)]
struct Seen {
    offered: u32,
    answer: u32,
}

impl Seen {
    fn add(&mut self, answer: bool) {
        self.offered += 1;
        self.answer += u32::from(answer);
    }

    fn rate(self) -> f64 {
        f64::from(self.answer) / f64::from(self.offered)
    }
}

/// Pseudo-counts that pull a rarely seen feature's rate toward its kind's
/// base rate.
const PRIOR: f64 = 2.0;

/// The pattern learner: per kind of question, how often a choice holding
/// each feature was the answer.
#[derive(Debug, Default)]
struct Patterns {
    kinds: HashMap<Kind, (Seen, HashMap<Feature, Seen>)>,
}

impl Patterns {
    fn train(&mut self, r: &Round) {
        let (base, seen) = self.kinds.entry(kind(r)).or_default();
        for (i, fs) in features(r).into_iter().enumerate() {
            base.add(i == r.answer);
            for f in fs {
                seen.entry(f).or_default().add(i == r.answer);
            }
        }
    }

    /// The choice whose features were answers most often beyond the base
    /// rate, summed over its features; `None` on a tie or an unseen kind.
    fn guess(&self, r: &Round) -> Option<usize> {
        let (base, seen) = self.kinds.get(&kind(r))?;
        let base = base.rate();
        let score: Vec<f64> = features(r)
            .iter()
            .map(|fs| {
                fs.iter()
                    .filter_map(|f| seen.get(f))
                    .map(|s| {
                        (f64::from(s.answer) + base * PRIOR) / (f64::from(s.offered) + PRIOR) - base
                    })
                    .sum()
            })
            .collect();
        // Sums that differ only by rounding are a tie.
        let rounded: Vec<i64> = score.iter().map(|s| (s * 1e9).round() as i64).collect();
        unique_max(&rounded)
    }
}

/// The most-frequent-answer learner: how often each choice text was the
/// answer when offered.
#[derive(Debug, Default)]
struct Frequent {
    texts: HashMap<String, Seen>,
}

impl Frequent {
    fn train(&mut self, r: &Round) {
        for (i, c) in r.choices.iter().enumerate() {
            self.texts
                .entry(normalize(c))
                .or_default()
                .add(i == r.answer);
        }
    }

    /// The choice seen in training that was most often the answer when
    /// offered; `None` if none was seen, or on a tie.
    fn guess(&self, r: &Round) -> Option<usize> {
        // Unseen choices score below any seen one.
        let score: Vec<i64> = r
            .choices
            .iter()
            .map(|c| {
                self.texts
                    .get(&normalize(c))
                    .map_or(-1, |s| (s.rate() * 1e9).round() as i64)
            })
            .collect();
        unique_max(&score).filter(|&i| score[i] >= 0)
    }
}

// ---- tallies ----------------------------------------------------------------

#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    tried: usize,
    right: usize,
    blind: f64,
}

impl Tally {
    fn add(&mut self, r: &Round, guess: Option<usize>) {
        if let Some(g) = guess {
            self.tried += 1;
            self.right += usize::from(g == r.answer);
            self.blind += 1.0 / r.choices.len() as f64;
        }
    }

    fn row(self, name: &str, learner: bool) -> GuesserRow {
        let (rate, blind) = if self.tried == 0 {
            (0.0, 0.0)
        } else {
            (
                self.right as f64 / self.tried as f64,
                self.blind / self.tried as f64,
            )
        };
        let ratio = if blind > 0.0 { rate / blind } else { 0.0 };
        GuesserRow {
            guesser: name.to_owned(),
            learner,
            tried: self.tried,
            right: self.right,
            rate,
            blind,
            ratio,
            weak: self.tried >= MIN_TRIED && rate > blind * WEAK_RATIO,
        }
    }
}

#[derive(Debug, Default)]
struct UnitTally {
    prompts: HashSet<String>,
    true_false: HashSet<String>,
    rounds: usize,
    tf_rounds: usize,
    true_rounds: usize,
    guessers: Vec<Tally>,
}

/// Whether the learners are tried on a prompt (and never trained on it):
/// half of the prompts, by an FNV-1a hash of the normalised text, the
/// same on every machine.
fn held_out(normalised: &str) -> bool {
    let hash = normalised.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    hash & 1 == 1
}

fn share(part: usize, all: usize) -> Option<f64> {
    (all > 0).then(|| part as f64 / all as f64)
}

/// The quality report of `film` over seeds `0..seeds` (at least 2): every
/// rule guesser over every round, and the learners trained on the rounds
/// of seeds `0..seeds/2` and tried on the rest.
pub fn report(film: &Film, seeds: u64) -> Report {
    let seeds = seeds.max(2);
    let train_until = seeds / 2;
    let count = GUESSERS.len() + LEARNERS.len();
    let mut all = vec![Tally::default(); count];
    let mut units: BTreeMap<&'static str, UnitTally> = BTreeMap::new();
    let mut patterns = Patterns::default();
    let mut frequent = Frequent::default();
    let (mut rounds_dealt, mut tf_rounds, mut true_rounds) = (0, 0, 0);
    for seed in 0..seeds {
        for r in rounds(film, seed) {
            rounds_dealt += 1;
            let unit = units.entry(r.question.meta.unit).or_default();
            if unit.guessers.is_empty() {
                unit.guessers = vec![Tally::default(); count];
            }
            unit.rounds += 1;
            let prompt = normalize(&r.question.prompt);
            if is_true_false(&r.question) {
                unit.true_false.insert(prompt.clone());
                unit.tf_rounds += 1;
                tf_rounds += 1;
                let yes = r.choices[r.answer] == "True";
                unit.true_rounds += usize::from(yes);
                true_rounds += usize::from(yes);
            }
            let held_out = held_out(&prompt);
            unit.prompts.insert(prompt);
            let mut guesses: Vec<Option<usize>> = GUESSERS.iter().map(|(_, g)| g(&r)).collect();
            if seed < train_until && !held_out {
                patterns.train(&r);
                frequent.train(&r);
            }
            if seed >= train_until && held_out {
                guesses.push(patterns.guess(&r));
                guesses.push(frequent.guess(&r));
            } else {
                guesses.extend([None, None]);
            }
            for (i, g) in guesses.into_iter().enumerate() {
                all[i].add(&r, g);
                unit.guessers[i].add(&r, g);
            }
        }
    }
    let names = || {
        GUESSERS
            .iter()
            .map(|(n, _)| (*n, false))
            .chain(LEARNERS.iter().map(|n| (*n, true)))
    };
    let guessers = names().zip(&all).map(|((n, l), t)| t.row(n, l)).collect();
    let units = units
        .into_iter()
        .map(|(name, u)| {
            let worst = names()
                .zip(&u.guessers)
                .map(|((n, l), t)| t.row(n, l))
                .filter(|row| row.tried >= MIN_TRIED)
                .fold(None::<GuesserRow>, |worst, row| match worst {
                    Some(w) if w.ratio >= row.ratio => Some(w),
                    _ => Some(row),
                });
            UnitRow {
                unit: name.to_owned(),
                questions: u.prompts.len(),
                true_false: u.true_false.len(),
                rounds: u.rounds,
                true_share: share(u.true_rounds, u.tf_rounds),
                worst,
            }
        })
        .collect();
    Report {
        title: film.title.clone(),
        year: film.year,
        seeds,
        rounds: rounds_dealt,
        true_share: share(true_rounds, tf_rounds),
        guessers,
        units,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::{Difficulty, Meta};

    fn round(choices: &[&str], answer: usize, values: Vec<f64>) -> Round {
        Round {
            question: Question {
                prompt: "Which one?".into(),
                answer: choices[answer].into(),
                distractors: choices
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| i != answer)
                    .map(|(_, c)| (*c).to_owned())
                    .collect(),
                category: "c".into(),
                difficulty: Difficulty::Easy,
                explanation: String::new(),
                meta: Meta {
                    unit: "u",
                    values,
                    ..Meta::default()
                },
            },
            choices: choices.iter().map(|c| (*c).to_owned()).collect(),
            answer,
            origin: 0,
        }
    }

    #[test]
    fn rule_guessers_abstain_on_ties() {
        let r = round(&["ab", "cd", "efg", "h"], 0, vec![]);
        assert_eq!(longest(&r), Some(2));
        assert_eq!(shortest(&r), Some(3));
        let tie = round(&["ab", "cd"], 0, vec![]);
        assert_eq!(longest(&tie), None);
        assert_eq!(shortest(&tie), None);
        let n = round(&["1", "2", "3", "4"], 2, vec![3.0, 1.0, 2.0, 4.0]);
        assert_eq!(
            (lowest(&n), middle(&n), highest(&n)),
            (Some(0), Some(1), Some(3))
        );
        assert_eq!(lowest(&r), None);
        let c = round(
            &["Red Road", "Red Lane", "Blue Road", "Green Hill"],
            0,
            vec![],
        );
        assert_eq!(
            centre(&c),
            Some(0),
            "Red Road shares a word with two others"
        );
        let apart = round(&["Red", "Blue", "Green", "Black"], 0, vec![]);
        assert_eq!(centre(&apart), None);
        let tf = round(&["True", "False"], 1, vec![]);
        assert_eq!((always_true(&tf), always_false(&tf)), (Some(0), Some(1)));
    }

    #[test]
    fn learners_find_a_pattern_that_holds_and_abstain_on_what_they_never_saw() {
        let mut p = Patterns::default();
        let mut f = Frequent::default();
        // The answer is always the highest number.
        for _ in 0..20 {
            let r = round(&["10", "20", "30", "40"], 3, vec![1.0, 2.0, 3.0, 4.0]);
            p.train(&r);
            f.train(&r);
        }
        let test = round(&["11", "21", "31", "41"], 3, vec![1.0, 2.0, 3.0, 4.0]);
        assert_eq!(p.guess(&test), Some(3));
        assert_eq!(f.guess(&test), None, "no choice was seen");
        let seen = round(&["10", "20", "30", "40"], 3, vec![1.0, 2.0, 3.0, 4.0]);
        assert_eq!(f.guess(&seen), Some(3));
        let other = round(&["a", "b"], 0, vec![]);
        assert_eq!(p.guess(&other), None, "an unseen kind");
    }

    #[test]
    fn the_report_has_a_row_per_guesser_and_is_the_same_every_time() {
        let film = crate::record::builtin().unwrap();
        let a = report(&film, 4);
        assert_eq!(a, report(&film, 4));
        assert_eq!(a.guessers.len(), GUESSERS.len() + LEARNERS.len());
        assert!(a.rounds > 0 && !a.units.is_empty());
        let learners: Vec<&GuesserRow> = a.guessers.iter().filter(|g| g.learner).collect();
        assert_eq!(learners.len(), 2);
        let per_unit: usize = a.units.iter().map(|u| u.rounds).sum();
        assert_eq!(per_unit, a.rounds);
    }
}
