//! Derives questions from any film record.
//!
//! The generator is a set of small question units (`units/`), one per kind
//! of question, around a shared layer of facts ([`Facts`]). Each unit reads
//! what it needs from the facts, and skips what the record does not give.
//! Every question has one right answer, wrong choices that are certainly
//! wrong and chosen so that none stands out by its form ([`choices`]), an
//! explanation, and [`Meta`]: the facts it tests and the facts it shows, so
//! that the deal planner ([`crate::plan`]) never deals a question whose
//! answer a game has already shown.

pub mod choices;
mod facts;
pub mod units;

pub use facts::Facts;

use crate::form;
use crate::question::{Difficulty, Key, Meta, Question, Unsettled, same};
use crate::record::Film;
use crate::rng::GameRng;
use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{BuildHasher, BuildHasherDefault};

/// How many wrong choices a one-of-four question has.
pub const DISTRACTORS: usize = 3;

/// What a question is about, as players pick it with `--category`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Country, genre, setting, themes.
    Story,
    Crew,
    Cast,
    /// Companies, the script, the short film and the shoot.
    Production,
    /// Premiere, distribution and the cinema run.
    Release,
    /// Years, dates and the order of events.
    Dates,
    Money,
    Awards,
    /// What critics praised and where the film is ranked.
    Reception,
}

impl Category {
    pub const ALL: [Category; 9] = [
        Category::Story,
        Category::Crew,
        Category::Cast,
        Category::Production,
        Category::Release,
        Category::Dates,
        Category::Money,
        Category::Awards,
        Category::Reception,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Story => "story",
            Category::Crew => "crew",
            Category::Cast => "cast",
            Category::Production => "production",
            Category::Release => "release",
            Category::Dates => "dates",
            Category::Money => "money",
            Category::Awards => "awards",
            Category::Reception => "reception",
        }
    }
}

/// A question being written by a unit: every part named, none positional.
#[derive(Debug, Clone)]
pub struct Draft {
    unit: &'static str,
    category: Category,
    difficulty: Difficulty,
    prompt: String,
    answer: String,
    wrong: Vec<String>,
    explanation: String,
    facts: Vec<String>,
    shows: Vec<String>,
    values: Vec<f64>,
    true_false: bool,
    /// Names to draw the wrong choices from, when the question is settled.
    names: Option<Vec<String>>,
}

impl Draft {
    pub fn new(unit: &'static str, category: Category, difficulty: Difficulty) -> Self {
        Draft {
            unit,
            category,
            difficulty,
            prompt: String::new(),
            answer: String::new(),
            wrong: Vec::new(),
            explanation: String::new(),
            facts: Vec::new(),
            shows: Vec::new(),
            values: Vec::new(),
            true_false: false,
            names: None,
        }
    }

    pub fn prompt(mut self, prompt: impl Into<String>) -> Self {
        self.prompt = prompt.into();
        self
    }

    pub fn answer(mut self, answer: impl Into<String>) -> Self {
        self.answer = answer.into();
        self
    }

    pub fn wrong(mut self, wrong: Vec<String>) -> Self {
        self.wrong = wrong;
        self
    }

    /// Three wrong names for the answer, drawn from `pool` by
    /// [`choices::names`] when the question is settled ([`settle`]), that
    /// is, only if a game deals it.
    pub fn names(mut self, pool: Vec<String>) -> Self {
        self.names = Some(pool);
        self
    }

    pub fn explain(mut self, explanation: impl Into<String>) -> Self {
        self.explanation = explanation.into();
        self
    }

    /// A fact this question tests.
    pub fn fact(mut self, key: impl Into<String>) -> Self {
        self.facts.push(key.into());
        self
    }

    /// Facts its prompt or explanation print.
    pub fn shows<S: AsRef<str>>(mut self, keys: &[S]) -> Self {
        self.shows
            .extend(keys.iter().map(|k| k.as_ref().to_string()));
        self
    }

    /// The values of the answer and then of each wrong choice, for
    /// ordering the choices; set by [`Draft::numbers`].
    fn values(mut self, values: Vec<f64>) -> Self {
        self.values = values;
        self
    }

    /// A number question: the answer's value and the wrong values, each
    /// written by `show`. The choices are shown in ascending order.
    pub fn numbers<T: Copy + Into<f64>>(
        self,
        answer: T,
        wrong: &[T],
        show: impl Fn(T) -> String,
    ) -> Self {
        let values = std::iter::once(answer)
            .chain(wrong.iter().copied())
            .map(Into::into)
            .collect();
        self.answer(show(answer))
            .wrong(wrong.iter().map(|w| show(*w)).collect())
            .values(values)
    }

    /// A true-or-false question: `statement` is the prompt after
    /// "True or false: ".
    pub fn true_false(mut self, statement: &str, truth: bool) -> Self {
        self.prompt = format!("True or false: {statement}");
        let (yes, no) = ("True".to_string(), "False".to_string());
        let (answer, wrong) = if truth { (yes, no) } else { (no, yes) };
        // True is always shown first.
        self.values = if truth {
            vec![0.0, 1.0]
        } else {
            vec![1.0, 0.0]
        };
        self.answer = answer;
        self.wrong = vec![wrong];
        self.true_false = true;
        self
    }
}

/// Where units put their questions; refuses any that is not well formed.
pub struct Out<'a> {
    pub rng: &'a mut GameRng,
    questions: Vec<Question>,
    /// The questions by the hash of their prompt's [`Key`], to refuse a
    /// prompt used before without building its normalised text.
    prompts: HashMap<u64, Vec<usize>>,
    hasher: BuildHasherDefault<DefaultHasher>,
}

impl Out<'_> {
    /// Adds the question `draft` describes if it can be well formed, and
    /// leaves the costly part to [`settle`]:
    /// - a prompt not used before, an explanation, and at least one fact
    ///   (checked here);
    /// - three distinct wrong choices (one for true or false), none equal
    ///   to the answer, drawn by [`choices::names`] where the draft gives a
    ///   pool of names;
    /// - no answer that stands out by its form ([`form::giveaways`], which
    ///   also refuses one named in its own prompt), nor by its number of
    ///   words ([`form::odd_one_out`]).
    ///
    /// Returns whether it was added; it may still be refused when settled.
    pub fn push(&mut self, d: Draft) -> bool {
        let names = d.names.is_some();
        let wanted = if d.true_false { 1 } else { DISTRACTORS };
        if (!names && d.wrong.len() != wanted)
            || d.prompt.trim().is_empty()
            || d.explanation.trim().is_empty()
            || d.facts.is_empty()
        {
            return false;
        }
        let hash = self.hasher.hash_one(Key(&d.prompt));
        let earlier = self.prompts.entry(hash).or_default();
        if earlier
            .iter()
            .any(|&i| same(&self.questions[i].prompt, &d.prompt))
        {
            return false;
        }
        earlier.push(self.questions.len());
        let unsettled = Unsettled {
            seed: if names { self.rng.next_u64() } else { 0 },
            names: d.names,
        };
        self.questions.push(Question {
            prompt: d.prompt,
            answer: d.answer,
            distractors: d.wrong,
            category: d.category.as_str().to_string(),
            difficulty: d.difficulty,
            explanation: d.explanation,
            meta: Meta {
                unit: d.unit,
                facts: d.facts,
                shows: d.shows,
                values: d.values,
                unsettled: Some(unsettled),
            },
        });
        true
    }

    /// [`Out::push`], settled at once, for a unit that asks another
    /// question when this one is refused. Returns whether it was added.
    pub fn push_settled(&mut self, d: Draft) -> bool {
        if !self.push(d) {
            return false;
        }
        let Some(q) = self.questions.pop() else {
            return false;
        };
        let hash = self.hasher.hash_one(Key(&q.prompt));
        match settle(Cow::Owned(q)) {
            Some(q) => {
                self.questions.push(q.into_owned());
                true
            }
            None => {
                // Its prompt is free again.
                let at = self.questions.len();
                if let Some(earlier) = self.prompts.get_mut(&hash) {
                    earlier.retain(|&i| i != at);
                }
                false
            }
        }
    }
}

/// `q` ready to play: a question [`Out::push`] left unsettled gets its
/// wrong choices and its checks; `None` when it is refused. Any other
/// question is returned as it is. Pure: a question settles the same way
/// every time.
pub fn settle(q: Cow<'_, Question>) -> Option<Cow<'_, Question>> {
    if q.meta.unsettled.is_none() {
        return Some(q);
    }
    let mut q = q.into_owned();
    let u = q.meta.unsettled.take()?;
    if let Some(pool) = &u.names {
        q.distractors = choices::names(&mut GameRng::from_seed(u.seed), &q.answer, pool)?;
    }
    let choices: Vec<&str> = std::iter::once(&q.answer)
        .chain(&q.distractors)
        .map(String::as_str)
        .collect();
    // The bank rules' own check: none blank, none the answer, none twice.
    let distinct = crate::bank::distractor_faults(&q.answer, &q.distractors, |_| {
        std::ops::ControlFlow::Break(())
    })
    .is_continue();
    // Stricter than the warning banks get: no choice at all may stand out
    // by its shape or number of words, the answer (which would give it
    // away) or a wrong one (which a player could rule out).
    let named = u.names.is_some();
    let fair = distinct
        && form::giveaways(&q).is_empty()
        && form::odd_one_out(&choices).is_none()
        && !(named && form::word_apart(&choices).is_some())
        && !(named && form::apart_by_length(&q.answer, &q.distractors));
    fair.then_some(Cow::Owned(q))
}

/// The question units, in the order they run. Each is a function of the
/// facts that writes its questions to `out`.
pub type Unit = fn(&Facts, &mut Out);

/// Every unit, by name.
pub const UNITS: &[(&str, Unit)] = &[
    ("identity", units::identity::ask),
    ("crew", units::crew::ask),
    ("cast", units::cast::ask),
    ("setting", units::setting::ask),
    ("companies", units::companies::ask),
    ("script", units::script::ask),
    ("filming", units::filming::ask),
    ("premiere", units::premiere::ask),
    ("release", units::release::ask),
    ("money", units::money::ask),
    ("awards", units::awards::ask),
    ("acting_awards", units::acting_awards::ask),
    ("reception", units::reception::ask),
    ("timeline", units::timeline::ask),
];

/// All the questions `film` supports, settled, in a fixed order. The rng
/// picks the wrong choices and, where several facts fit a question, which
/// is asked.
pub fn generate(film: &Film, rng: &mut GameRng) -> Vec<Question> {
    settled(run(film, rng, |_| true))
}

/// [`generate`] with each question left unsettled: what a game deals from,
/// settling only the questions it looks at ([`settle`]). Settling them all
/// gives [`generate`]'s questions.
pub fn unsettled(film: &Film, rng: &mut GameRng) -> Vec<Question> {
    run(film, rng, |_| true)
}

/// The questions of one unit alone, for its golden test.
pub fn generate_unit(film: &Film, unit: &str, rng: &mut GameRng) -> Vec<Question> {
    settled(run(film, rng, |name| name == unit))
}

/// Each of `questions` settled, less those refused.
pub fn settled(questions: Vec<Question>) -> Vec<Question> {
    questions
        .into_iter()
        .filter_map(|q| settle(Cow::Owned(q)).map(Cow::into_owned))
        .collect()
}

/// Runs the units `wanted` picks, in order, over a tidied record.
fn run(film: &Film, rng: &mut GameRng, wanted: impl Fn(&str) -> bool) -> Vec<Question> {
    let film = facts::tidy(film);
    let facts = Facts::new(&film);
    let mut out = Out {
        rng,
        questions: Vec::new(),
        prompts: HashMap::new(),
        hasher: BuildHasherDefault::default(),
    };
    for (name, unit) in UNITS {
        if wanted(name) {
            unit(&facts, &mut out);
        }
    }
    out.questions
}

/// Each section of a record, the facts its questions test (by key prefix),
/// and what its units need from the record to ask anything.
const SECTIONS: &[(&str, &[&str], &str)] = &[
    (
        "original_title",
        &["original_title"],
        "its question takes three wrong titles from `decoys.titles`",
    ),
    (
        "languages",
        &["languages"],
        "no three other languages could be offered",
    ),
    (
        "countries",
        &["countries"],
        "no three other countries could be offered",
    ),
    (
        "genres",
        &["genres"],
        "no three other genres could be offered",
    ),
    (
        "crew",
        &["crew:"],
        "a job is asked when one person held it and three others of its craft are known not to have: for a writer or director, the other writers and directors or `decoys.directors`; for any other job, `decoys.crew` under its name",
    ),
    (
        "cast",
        &["cast:"],
        "each performer is asked against three others of the same kind: the rest of the cast, `decoys.actors` or `decoys.actresses`",
    ),
    (
        "setting",
        &["setting."],
        "its questions take three wrong choices from `decoys.cities` and `decoys.places`",
    ),
    (
        "production_companies",
        &["producers"],
        "its questions take three wrong choices from `decoys.production_companies`",
    ),
    (
        "distribution",
        &["distribution.", "banner:"],
        "its questions take three wrong choices from `decoys.distributors`",
    ),
    (
        "distributors",
        &["distributor:"],
        "its questions take three wrong choices from the other distributors and `decoys.distributors`",
    ),
    (
        "script",
        &["script."],
        "its year needs room for fair years around it, and its `inspiration` needs false forms in `decoys.inspirations`",
    ),
    (
        "short_film",
        &["short."],
        "its questions need `pages`, `minutes`, `companies` with three `decoys.production_companies`, a `premiere` with three `decoys.festivals`, or an `outcome` with false forms in `decoys.outcomes`",
    ),
    (
        "filming",
        &["filming.", "gap.filming"],
        "its questions need `month` (or `from` and `to`), `days`, or a `city` with three `decoys.cities`",
    ),
    (
        "themes",
        &["themes"],
        "its questions take wrong choices from `decoys.themes`",
    ),
    (
        "premiere",
        &["premiere."],
        "its questions take three wrong places from `decoys.festivals` (a festival) or `decoys.venues` (a cinema or other event)",
    ),
    (
        "screenings",
        &["screenings"],
        "its question takes a festival screening and three wrong festivals from `decoys.festivals`",
    ),
    (
        "grosses",
        &["gross:"],
        "no three sums could be offered far enough from the record's other sums",
    ),
    (
        "release",
        &["release.", "gap.premiere"],
        "no fair choices could be made around its dates and numbers",
    ),
    (
        "releases",
        &["release.date:"],
        "no fair dates could be offered around its dates",
    ),
    (
        "praised_for",
        &["praised_for"],
        "its questions take wrong choices from `decoys.praise`",
    ),
    (
        "budget",
        &["budget"],
        "no three sums could be offered far enough from the record's other sums",
    ),
    (
        "gross",
        &["gross"],
        "no three sums could be offered far enough from the record's other sums",
    ),
    (
        "director_rank",
        &["director_rank"],
        "its questions need `until`, and three other films in `decoys.films`",
    ),
    (
        "awards",
        &["award."],
        "a body's results are asked against three wrong categories (its other results or `decoys.awards`), and an award to people against three people who could have won it",
    ),
    (
        "standings",
        &["standing:"],
        "its question asks the widest list it is on, so it needs every list (not `standings` in `partial`)",
    ),
];

/// A question the record's facts call for that is never asked, because no
/// fair wrong names could be drawn for it; `check` warns about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub prompt: String,
    /// The record section its fact comes from, when known.
    pub section: Option<&'static str>,
    /// What the author can add, and why.
    pub why: String,
}

/// The questions of `film` whose wrong names could not be drawn fairly in
/// any of `seeds` draws, with what would fix each.
pub fn refusals(film: &Film, seeds: std::ops::Range<u64>) -> Vec<Refusal> {
    let mut pending: Vec<Question> = Vec::new();
    let mut settled: std::collections::HashSet<String> = std::collections::HashSet::new();
    for seed in seeds {
        for q in unsettled(film, &mut GameRng::from_seed(seed)) {
            let named = q.meta.unsettled.as_ref().is_some_and(|u| u.names.is_some());
            if !named || settled.contains(&q.prompt) {
                continue;
            }
            if settle(Cow::Borrowed(&q)).is_some() {
                settled.insert(q.prompt.clone());
            } else if !pending.iter().any(|p| p.prompt == q.prompt) {
                pending.push(q);
            }
        }
    }
    pending
        .into_iter()
        .filter(|q| !settled.contains(&q.prompt))
        .map(|q| {
            let pool = q
                .meta
                .unsettled
                .as_ref()
                .and_then(|u| u.names.clone())
                .unwrap_or_default();
            let section = SECTIONS
                .iter()
                .find(|(_, prefixes, _)| asks(&q, prefixes))
                .map(|(name, _, _)| *name);
            let known = film
                .cast
                .iter()
                .map(|c| &c.name)
                .chain(film.crew.iter().map(|c| &c.name))
                .any(|n| same(n, &q.answer));
            let why = if q.meta.unit == "acting_awards" && !known {
                format!(
                    "{:?} is in neither `cast` nor `crew`, so no one of their craft is known: add them to `crew` with their job, and three others of that craft to `decoys.crew` under it",
                    q.answer
                )
            } else {
                choices::shortfall(&q.prompt, &q.answer, &pool)
            };
            Refusal {
                why,
                prompt: q.prompt,
                section,
            }
        })
        .collect()
}

/// The sections `film` gives that none of `questions` asks about, each
/// with what its units need: `check` warns about them.
pub fn quiet_sections(film: &Film, questions: &[Question]) -> Vec<(&'static str, &'static str)> {
    let Ok(serde_json::Value::Object(given)) = serde_json::to_value(film) else {
        return Vec::new();
    };
    SECTIONS
        .iter()
        .filter(|(name, _, _)| match given.get(*name) {
            None | Some(serde_json::Value::Null) => false,
            Some(serde_json::Value::Array(a)) => !a.is_empty(),
            Some(_) => true,
        })
        .filter(|(_, prefixes, _)| !questions.iter().any(|q| asks(q, prefixes)))
        .map(|(name, _, why)| (*name, *why))
        .collect()
}

/// Whether `q` tests a fact of a section whose facts start with `prefixes`.
fn asks(q: &Question, prefixes: &[&str]) -> bool {
    q.meta
        .facts
        .iter()
        .any(|f| prefixes.iter().any(|p| f.starts_with(p)))
}
