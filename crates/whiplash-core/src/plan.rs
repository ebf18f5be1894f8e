//! The deal planner: which questions a game asks, and in which order.
//!
//! Pure and seeded: the rng alone breaks ties, so a seed deals the same
//! game everywhere. Within one game:
//! - no question's answer has been shown before it is asked: not in an
//!   earlier prompt, answer, explanation or generated wrong choice, and
//!   not in its own prompt (by
//!   the facts a generated question declares, and by the text itself for
//!   every question, banks included);
//! - at most one question per fact, so no near-duplicates, and no two
//!   generated questions sharing three or more names among their choices;
//! - no category takes more than 40% of the questions while others remain,
//!   and true-or-false questions no more than 30% while other kinds remain;
//! - the questions ramp from easy to hard.
//!
//! When the pool cannot fill the game under these rules, the game is
//! shorter, and the caller says so.

use crate::form;
use crate::question::{Question, normalize, same};
use crate::rng::GameRng;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;

/// The share of a game one category may take while others remain.
pub const CATEGORY_SHARE: f64 = 0.4;

/// The share of a game true-or-false questions may take while other kinds
/// remain.
pub const TRUE_FALSE_SHARE: f64 = 0.3;

/// How many names two questions of a game may not share among their
/// choices: the first one's verdict would settle which is which.
const SHARED_NAMES: usize = 3;

/// What the planner needs of a question, worked out once.
struct Card<'a> {
    q: Cow<'a, Question>,
    category: String,
    /// Whether its answer is specific enough to be given away by text (not
    /// "True", "False" or a two-letter word).
    specific: bool,
    /// Everything a player reads of it once it has been answered, as words:
    /// its prompt, a gap, its answer, a gap, its explanation and, for a
    /// generated question, its wrong choices, each after a gap.
    shown: Vec<String>,
    /// Where its prompt's and its answer's words are in `shown`.
    prompt: std::ops::Range<usize>,
    answer: std::ops::Range<usize>,
    true_false: bool,
    /// Its choices, normalised, when it is generated and offers three or
    /// more names: two questions that share [`SHARED_NAMES`] of them give
    /// each other away (the first one's verdict settles which is which).
    /// A bank's are its author's, who may well reuse a set of choices.
    choices: Option<Vec<String>>,
}

impl<'a> Card<'a> {
    fn new(q: Cow<'a, Question>) -> Self {
        // Each text is cut into words once.
        let mut shown = form::words(&q.prompt);
        let prompt = 0..shown.len();
        shown.push(String::new());
        let start = shown.len();
        shown.extend(form::words(&q.answer));
        let answer = start..shown.len();
        shown.push(String::new());
        shown.extend(form::words(&q.explanation));
        // A generated question's wrong choices are shown too: they are
        // drawn from the film's own names as well, and a name offered as
        // wrong here and asked for later would tell the player it belongs
        // to the film. A bank's are its author's: choices shared between
        // questions ("oboe", "trumpet") tell nothing there.
        let generated = !q.meta.unit.is_empty();
        for d in q.distractors.iter().filter(|_| generated) {
            shown.push(String::new());
            shown.extend(form::words(d));
        }
        let specific = {
            let joined = shown[answer.clone()].join(" ");
            joined != "true" && joined != "false" && joined.chars().count() >= 4
        };
        let true_false = match &q.distractors[..] {
            [d] => {
                (same(&q.answer, "true") && same(d, "false"))
                    || (same(&q.answer, "false") && same(d, "true"))
            }
            _ => false,
        };
        // Numbers (counts, years) are a shared scale, not names to tell apart.
        let named = std::iter::once(&q.answer)
            .chain(&q.distractors)
            .all(|c| c.chars().any(char::is_alphabetic));
        let choices = (generated && named && q.distractors.len() >= 2).then(|| {
            std::iter::once(&q.answer)
                .chain(&q.distractors)
                .map(|c| normalize(c))
                .collect()
        });
        Card {
            category: normalize(&q.category),
            choices,
            q,
            specific,
            shown,
            prompt,
            answer,
            true_false,
        }
    }

    /// The words of its answer, when it is specific enough to be given
    /// away by text.
    fn answer(&self) -> Option<&[String]> {
        self.specific.then(|| &self.shown[self.answer.clone()])
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
        match other.answer() {
            Some(a) => form::contains_phrase(&self.shown, a),
            None => false,
        }
    }

    /// Whether its own prompt gives its answer away.
    fn self_evident(&self) -> bool {
        self.answer()
            .is_some_and(|a| form::contains_phrase(&self.shown[self.prompt.clone()], a))
    }
}

/// The positions in `pool` of the questions to ask, in the order to ask
/// them: at most `count`, fewer when the rules above leave fewer.
///
/// Each question is looked at once, in the seed's order, and checked
/// against those already picked (pairwise, so a long game stays fast), and
/// only the questions looked at are read closely: ten questions from a huge
/// bank cost little more than ten from a small one.
pub fn plan(pool: &[Question], count: usize, rng: &mut GameRng) -> Vec<usize> {
    plan_lazy(pool.len(), |i| Some(Cow::Borrowed(&pool[i])), count, rng)
        .into_iter()
        .map(|(i, _)| i)
        .collect()
}

/// [`plan`] over a pool of `len` questions that are only read when looked
/// at: `question(i)` gives question `i` (it is asked at most once for
/// each), or `None` for one that cannot be dealt. The same questions and
/// seed plan the same game either way. Returns each question to ask with
/// its position.
pub fn plan_lazy<'a>(
    len: usize,
    question: impl Fn(usize) -> Option<Cow<'a, Question>>,
    count: usize,
    rng: &mut GameRng,
) -> Vec<(usize, Cow<'a, Question>)> {
    // Boxed, so a slot not looked at costs a pointer.
    let mut cards: Vec<OnceCell<Option<Box<Card>>>> = (0..len).map(|_| OnceCell::new()).collect();
    let order = {
        let card = |i: usize| {
            cards[i]
                .get_or_init(|| question(i).map(|q| Box::new(Card::new(q))))
                .as_deref()
        };
        pick(len, count, rng, card)
    };
    order
        .into_iter()
        .filter_map(|i| Some((i, cards[i].take()??.q)))
        .collect()
}

/// The planning itself, over `card(i)`: `None` for a question that cannot
/// be dealt.
fn pick<'c, 'q: 'c>(
    len: usize,
    count: usize,
    rng: &mut GameRng,
    card: impl Fn(usize) -> Option<&'c Card<'q>>,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    rng.shuffle(&mut order);
    let cap = ((count as f64 * CATEGORY_SHARE).floor() as usize).max(1);
    let tf_cap = ((count as f64 * TRUE_FALSE_SHARE).floor() as usize).max(1);
    let mut picked: Vec<usize> = Vec::new();
    let mut per_category: HashMap<String, usize> = HashMap::new();
    let mut true_false = 0;
    // Questions that fit but for a cap, in the seed's order.
    let mut deferred: Vec<usize> = Vec::new();
    // The rank in `order` of each question picked or deferred.
    let mut rank: HashMap<usize, usize> = HashMap::new();
    for (k, &i) in order.iter().enumerate() {
        if picked.len() >= count {
            break;
        }
        let Some(c) = card(i) else {
            continue;
        };
        let used = per_category.get(&c.category).copied().unwrap_or(0);
        let capped = used >= cap || (c.true_false && true_false >= tf_cap);
        if !fits(&picked, c, &card) {
            continue;
        }
        rank.insert(i, k);
        if capped {
            deferred.push(i);
            continue;
        }
        *per_category.entry(c.category.clone()).or_default() += 1;
        true_false += usize::from(c.true_false);
        picked.push(i);
    }
    // Then, when every category or kind left is at its cap, the least used
    // category first. Anything refused above stays refused: the game only
    // grows, so its rules only tighten.
    while picked.len() < count && !deferred.is_empty() {
        let Some((at, _)) = deferred.iter().enumerate().min_by_key(|&(k, &i)| {
            let used = card(i).map_or(0, |c| per_category.get(&c.category).copied().unwrap_or(0));
            (used, k)
        }) else {
            break;
        };
        let i = deferred.remove(at);
        let Some(c) = card(i) else {
            continue;
        };
        if fits(&picked, c, &card) {
            *per_category.entry(c.category.clone()).or_default() += 1;
            picked.push(i);
        }
    }
    // A cycle of give-aways among questions of one difficulty is refused by
    // no pairwise check; it is rare, and the last picked leaves the game.
    loop {
        let picked_cards: Vec<&Card> = picked.iter().filter_map(|&i| card(i)).collect();
        let ranks: Vec<usize> = picked.iter().map(|i| rank[i]).collect();
        if let Some(order) = arrange(&picked_cards, &ranks) {
            return order.into_iter().map(|k| picked[k]).collect();
        }
        picked.pop();
    }
}

/// Whether `c` can join the questions `picked`: a fact and an answer of its
/// own, an answer not in its own prompt, and with each of them an order
/// that leaks nothing and ramps from easy to hard.
fn fits<'a, 'b: 'a>(
    picked: &[usize],
    c: &Card,
    card: &impl Fn(usize) -> Option<&'a Card<'b>>,
) -> bool {
    if c.self_evident() {
        return false;
    }
    let level = |x: &Card| x.q.difficulty as usize;
    for &p in picked {
        let Some(other) = card(p) else {
            continue;
        };
        if other
            .q
            .meta
            .facts
            .iter()
            .any(|f| c.q.meta.facts.contains(f))
        {
            return false;
        }
        if c.specific && same(&other.q.answer, &c.q.answer) {
            return false;
        }
        if let (Some(mine), Some(theirs)) = (&c.choices, &other.choices)
            && mine.iter().filter(|n| theirs.contains(n)).count() >= SHARED_NAMES
        {
            return false;
        }
        let shows_other = c.shows(other);
        let shown_by_other = other.shows(c);
        // Each must come before whatever it gives away: both ways round is
        // impossible, and so is an order that would put harder first.
        let needs_other_first = shows_other && (shown_by_other || level(other) > level(c));
        let needs_self_first = shown_by_other && level(c) > level(other);
        if needs_other_first || needs_self_first {
            return false;
        }
    }
    true
}

/// The positions of `cards` in an order that ramps from easy to hard and
/// in which no question comes after one that shows its answer, ties broken
/// by `rank`; `None` if there is none.
fn arrange(cards: &[&Card], rank: &[usize]) -> Option<Vec<usize>> {
    let n = cards.len();
    let level = |k: usize| cards[k].q.difficulty as usize;
    // must[a] lists the questions that must come before a: those a shows.
    let must: Vec<Vec<usize>> = (0..n)
        .map(|a| {
            (0..n)
                .filter(|&b| b != a && cards[a].shows(cards[b]))
                .collect()
        })
        .collect();
    let mut placed = vec![false; n];
    let mut out: Vec<usize> = Vec::with_capacity(n);
    while out.len() < n {
        let next = (0..n)
            .filter(|&k| !placed[k] && must[k].iter().all(|&b| placed[b]))
            .min_by_key(|&k| (level(k), rank[k]))?;
        placed[next] = true;
        out.push(next);
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
    fn an_answer_offered_as_a_wrong_choice_is_asked_first() {
        // "Who plays the teacher?" offers the student's actor as wrong: a
        // player who saw it there would know the name is in the film.
        let mut teacher = q(
            "Who plays the teacher?",
            "Ann Lee",
            "",
            Difficulty::Easy,
            "a",
        );
        teacher.distractors = vec!["Bo Chen".into(), "Cy Dix".into(), "Di Eze".into()];
        teacher.meta.unit = "cast";
        let student = q(
            "Which of these is in the cast?",
            "Bo Chen",
            "",
            Difficulty::Easy,
            "b",
        );
        for seed in 0..20 {
            let picked = plan(
                &[teacher.clone(), student.clone()],
                2,
                &mut GameRng::from_seed(seed),
            );
            assert_eq!(picked, [1, 0], "seed {seed}");
        }
        // A bank's choices are its author's: either order goes.
        teacher.meta.unit = "";
        let orders: std::collections::HashSet<Vec<usize>> = (0..20)
            .map(|seed| {
                plan(
                    &[teacher.clone(), student.clone()],
                    2,
                    &mut GameRng::from_seed(seed),
                )
            })
            .collect();
        assert_eq!(orders.len(), 2, "{orders:?}");
    }

    #[test]
    fn two_questions_never_share_three_names_among_their_choices() {
        let offering = |prompt: &str, answer: &str, others: [&str; 3], cat: &str| {
            let mut q = Question {
                distractors: others.map(String::from).to_vec(),
                ..q(prompt, answer, "", Difficulty::Easy, cat)
            };
            q.meta.unit = "companies";
            q
        };
        // No answer is among the other's choices, so only the shared
        // names tie the first two together: the same three wrong ones (in
        // another case). "Who made it?" shares two with each.
        let pool = vec![
            offering(
                "Who sold it in Spain?",
                "Alpha",
                ["Beta", "Gamma", "Delta"],
                "a",
            ),
            offering(
                "Who sold it in Peru?",
                "Sigma",
                ["delta", "GAMMA", "beta"],
                "b",
            ),
            offering("Who made it?", "Omega", ["Kappa", "Gamma", "Delta"], "c"),
        ];
        for seed in 0..20 {
            let picked = plan(&pool, 3, &mut GameRng::from_seed(seed));
            assert!(
                !(picked.contains(&0) && picked.contains(&1)),
                "seed {seed}: {picked:?}"
            );
            assert_eq!(picked.len(), 2, "seed {seed}: {picked:?}");
            assert!(picked.contains(&2), "seed {seed}: {picked:?}");
        }
        // Numbers are a scale any two counts share: both are asked.
        let pool = vec![
            offering("How many strings?", "4", ["3", "5", "6"], "a"),
            offering("How many lines?", "5", ["3", "4", "6"], "b"),
        ];
        assert_eq!(plan(&pool, 2, &mut GameRng::from_seed(1)).len(), 2);
        // A bank's author may reuse a set of choices: both are asked.
        let mut pool = vec![
            offering(
                "Who sold it in Spain?",
                "Alpha",
                ["Beta", "Gamma", "Delta"],
                "a",
            ),
            offering(
                "Who sold it in Peru?",
                "Gamma",
                ["Delta", "Alpha", "Beta"],
                "b",
            ),
        ];
        for q in &mut pool {
            q.meta.unit = "";
        }
        assert_eq!(plan(&pool, 2, &mut GameRng::from_seed(1)).len(), 2);
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
