//! The deal planner: which questions a game asks, and in which order.
//!
//! Pure and seeded: the rng alone breaks ties, so a seed deals the same
//! game everywhere. Within one game:
//! - no question's answer has been shown before it is asked: not in an
//!   earlier prompt, answer or explanation, and not in its own prompt (by
//!   the facts a generated question declares, and by the text itself for
//!   every question, banks included);
//! - at most one question per fact, so no near-duplicates;
//! - no category takes more than 40% of the questions while others remain,
//!   and true-or-false questions no more than 30% while other kinds remain;
//! - the questions ramp from easy to hard.
//!
//! When the pool cannot fill the game under these rules, the game is
//! shorter, and the caller says so.

use crate::form;
use crate::question::{Question, normalize};
use crate::rng::GameRng;
use std::collections::HashSet;

/// The share of a game one category may take while others remain.
pub const CATEGORY_SHARE: f64 = 0.4;

/// The share of a game true-or-false questions may take while other kinds
/// remain.
pub const TRUE_FALSE_SHARE: f64 = 0.3;

/// What the planner needs of a question, worked out once.
struct Card<'a> {
    q: &'a Question,
    category: String,
    /// The answer as words, when it is specific enough to be given away by
    /// text (not "True", "False" or a two-letter word).
    answer: Option<Vec<String>>,
    /// Everything a player reads of it once it has been answered.
    shown: Vec<String>,
    own_prompt: Vec<String>,
    true_false: bool,
}

impl<'a> Card<'a> {
    fn new(q: &'a Question) -> Self {
        let answer = form::words(&q.answer);
        let specific = {
            let joined = answer.join(" ");
            joined != "true" && joined != "false" && joined.chars().count() >= 4
        };
        let mut shown = form::words(&q.prompt);
        shown.push(String::new());
        shown.extend(form::words(&q.answer));
        shown.push(String::new());
        shown.extend(form::words(&q.explanation));
        let mut choices: Vec<String> = std::iter::once(&q.answer)
            .chain(&q.distractors)
            .map(|c| normalize(c))
            .collect();
        choices.sort();
        Card {
            true_false: choices == ["false", "true"],
            q,
            category: normalize(&q.category),
            answer: specific.then_some(answer),
            shown,
            own_prompt: form::words(&q.prompt),
        }
    }

    /// Whether reading `self` gives away the answer of `other`.
    fn shows(&self, other: &Card) -> bool {
        if self
            .q
            .meta
            .shows
            .iter()
            .any(|s| other.q.meta.facts.contains(s))
        {
            return true;
        }
        match &other.answer {
            Some(a) => form::contains_phrase(&self.shown, a),
            None => false,
        }
    }

    /// Whether its own prompt gives its answer away.
    fn self_evident(&self) -> bool {
        self.answer
            .as_ref()
            .is_some_and(|a| form::contains_phrase(&self.own_prompt, a))
    }
}

/// The positions in `pool` of the questions to ask, in the order to ask
/// them: at most `count`, fewer when the rules above leave fewer.
pub fn plan(pool: &[Question], count: usize, rng: &mut GameRng) -> Vec<usize> {
    let cards: Vec<Card> = pool.iter().map(Card::new).collect();
    let mut order: Vec<usize> = (0..pool.len()).collect();
    rng.shuffle(&mut order);
    let cap = ((count as f64 * CATEGORY_SHARE).floor() as usize).max(1);
    let tf_cap = ((count as f64 * TRUE_FALSE_SHARE).floor() as usize).max(1);
    let mut picked: Vec<usize> = Vec::new();
    let used = |picked: &[usize], i: usize| {
        picked
            .iter()
            .filter(|&&p| cards[p].category == cards[i].category)
            .count()
    };
    // First with the category cap.
    for &i in &order {
        if picked.len() >= count {
            break;
        }
        let tf = picked.iter().filter(|&&p| cards[p].true_false).count();
        let kind_ok = !cards[i].true_false || tf < tf_cap;
        if used(&picked, i) < cap && kind_ok && fits(&cards, &picked, i) {
            picked.push(i);
        }
    }
    // Then, if every category or kind left is at its cap, the least used
    // category first.
    while picked.len() < count {
        let next = order
            .iter()
            .copied()
            .filter(|i| !picked.contains(i) && fits(&cards, &picked, *i))
            .min_by_key(|&i| used(&picked, i));
        match next {
            Some(i) => picked.push(i),
            None => break,
        }
    }
    // The shuffled rank breaks ties, so the order is the seed's.
    let rank: Vec<usize> = {
        let mut r = vec![0; pool.len()];
        for (k, &i) in order.iter().enumerate() {
            r[i] = k;
        }
        r
    };
    arrange(&cards, &picked, &rank).unwrap_or(picked)
}

/// Whether question `i` can join `picked`: a fact of its own, an answer
/// not in its own prompt, and an order that ramps and leaks nothing.
fn fits(cards: &[Card], picked: &[usize], i: usize) -> bool {
    let c = &cards[i];
    if c.self_evident() {
        return false;
    }
    let facts: HashSet<&String> = c.q.meta.facts.iter().collect();
    for &p in picked {
        let other = &cards[p];
        if other.q.meta.facts.iter().any(|f| facts.contains(f)) {
            return false;
        }
        if normalize(&other.q.answer) == normalize(&c.q.answer) && c.answer.is_some() {
            return false;
        }
    }
    let mut with = picked.to_vec();
    with.push(i);
    let rank: Vec<usize> = (0..cards.len()).collect();
    arrange(cards, &with, &rank).is_some()
}

/// `picked` in an order that ramps from easy to hard and in which no
/// question comes after one that shows its answer; `None` if there is none.
fn arrange(cards: &[Card], picked: &[usize], rank: &[usize]) -> Option<Vec<usize>> {
    let level = |i: usize| cards[i].q.difficulty as usize;
    // must[a] lists the questions that must come before a: those a shows.
    let must: Vec<Vec<usize>> = picked
        .iter()
        .map(|&a| {
            picked
                .iter()
                .copied()
                .filter(|&b| b != a && cards[a].shows(&cards[b]))
                .collect()
        })
        .collect();
    let mut out: Vec<usize> = Vec::with_capacity(picked.len());
    let mut done = vec![false; picked.len()];
    while out.len() < picked.len() {
        let next = (0..picked.len())
            .filter(|&k| !done[k] && must[k].iter().all(|b| out.contains(b)))
            .min_by_key(|&k| (level(picked[k]), rank[picked[k]]))?;
        done[next] = true;
        out.push(picked[next]);
    }
    let ramps = out.windows(2).all(|w| level(w[0]) <= level(w[1]));
    ramps.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::{Difficulty, Meta};

    fn q(prompt: &str, answer: &str, explanation: &str, d: Difficulty, cat: &str) -> Question {
        Question {
            prompt: prompt.into(),
            answer: answer.into(),
            distractors: vec!["w1".into(), "w2".into(), "w3".into()],
            category: cat.into(),
            difficulty: d,
            explanation: explanation.into(),
            meta: Meta::default(),
        }
    }

    #[test]
    fn an_answer_shown_by_an_explanation_is_asked_first_or_not_at_all() {
        let pool = vec![
            q(
                "Where was it set?",
                "Oslo",
                "It is set in Oslo, in 1999.",
                Difficulty::Easy,
                "a",
            ),
            q(
                "When was it set?",
                "1999",
                "The year is 1999.",
                Difficulty::Hard,
                "b",
            ),
        ];
        for seed in 0..20 {
            let picked = plan(&pool, 2, &mut GameRng::from_seed(seed));
            // The easy question shows the hard one's answer, and the ramp
            // puts the easy one first: only one of them can be asked.
            assert_eq!(picked.len(), 1, "seed {seed}: {picked:?}");
        }
    }

    #[test]
    fn questions_ramp_and_categories_are_capped() {
        let mut pool = Vec::new();
        for i in 0..30 {
            let d = Difficulty::ALL[i % 3];
            let cat = if i < 20 { "big" } else { "small" };
            pool.push(q(
                &format!("Q{i}?"),
                &format!("answer number {i}"),
                "",
                d,
                cat,
            ));
        }
        for seed in 0..20 {
            let picked = plan(&pool, 10, &mut GameRng::from_seed(seed));
            assert_eq!(picked.len(), 10);
            let levels: Vec<Difficulty> = picked.iter().map(|&i| pool[i].difficulty).collect();
            assert!(levels.windows(2).all(|w| w[0] <= w[1]), "{levels:?}");
            // Both are capped at 4, then filled evenly.
            let big = picked
                .iter()
                .filter(|&&i| pool[i].category == "big")
                .count();
            assert_eq!(big, 5, "{picked:?}");
        }
    }

    #[test]
    fn one_question_per_fact() {
        let mut a = q("A?", "Alpha one", "", Difficulty::Easy, "x");
        let mut b = q("B?", "Beta two", "", Difficulty::Easy, "y");
        a.meta.facts = vec!["f".into()];
        b.meta.facts = vec!["f".into()];
        let picked = plan(&[a, b], 2, &mut GameRng::from_seed(1));
        assert_eq!(picked.len(), 1);
    }
}
