//! Fair wrong choices: of the answer's kind and form, so that nothing but
//! knowing the film tells the answer apart.
//!
//! - Names: drawn from a typed pool, of the answer's shape (initials,
//!   digits, brackets) and, where the pool allows, of its number of words,
//!   and balanced in length: the answer's rank by length
//!   among the choices is drawn uniformly, so it is sometimes the shortest,
//!   sometimes the longest and sometimes between.
//! - Numbers, years, dates and months: the answer's rank among the choices
//!   (shown in ascending order) is drawn uniformly, with wrong values on
//!   both sides. Where one side has no room for three wrong values, there
//!   is no fair question of this form, and the caller asks another kind.

use super::Facts;
use crate::form::{self, Shape, shape};
use crate::question::Key;
use crate::record::YearMonth;
use crate::rng::GameRng;
use chrono::{Datelike, NaiveDate};
use std::collections::HashSet;

use super::DISTRACTORS;

/// Three wrong names from `pool` for `answer`: of the answer's shape, and
/// with the answer's length rank drawn uniformly where the pool allows.
/// `None` when the pool has fewer than three names of the answer's shape.
pub fn names(rng: &mut GameRng, answer: &str, pool: &[String]) -> Option<Vec<String>> {
    // A draw that leaves the answer the odd one out is drawn again.
    // Told apart and measured once; only the draw is repeated, and it
    // works on positions, so nothing is copied until a draw is kept.
    let mut candidates = candidates(answer, pool);
    if candidates.len() < DISTRACTORS {
        return None;
    }
    // Where the pool allows, only names of the answer's number of words,
    // so that no choice stands out by it; but only with a few to spare, so
    // that the wrong choices change from game to game (with exactly three,
    // every game would offer the same three, and a player learns them as
    // never right). Otherwise the odd-one-out check below redraws.
    let words = |s: &str| s.split_whitespace().count();
    let alike: Vec<&str> = candidates
        .iter()
        .copied()
        .filter(|c| words(c) == words(answer))
        .collect();
    // And only where they leave the answer room to be neither the
    // shortest nor the longest every time.
    let size = |s: &str| s.chars().count();
    let n = size(answer);
    let room = alike.iter().any(|c| size(c) <= n) && alike.iter().any(|c| size(c) >= n);
    if alike.len() >= DISTRACTORS + 2 && room {
        candidates = alike;
    }
    let lens: Vec<usize> = candidates.iter().map(|c| c.chars().count()).collect();
    let target = answer.chars().count();
    let mut last = None;
    for _ in 0..12 {
        let picked = draw(rng, target, &lens)?;
        let all = [
            answer,
            candidates[picked[0]],
            candidates[picked[1]],
            candidates[picked[2]],
        ];
        let fair = form::odd_one_out(&all).is_none() && form::word_apart(&all).is_none();
        last = Some(picked);
        if fair {
            break;
        }
    }
    last.map(|p| p.iter().map(|&i| candidates[i].to_string()).collect())
}

/// Why no fair wrong names could be drawn for the question `prompt` with
/// `answer` from `pool`, in words an author can act on: which names to add,
/// and why.
pub fn shortfall(prompt: &str, answer: &str, pool: &[String]) -> String {
    let fitting = candidates(answer, pool).len();
    let s = shape(answer);
    let mut traits = Vec::new();
    if s.initials {
        traits.push("initials (or a suffix such as Jr., or an acronym)");
    }
    if s.digits {
        traits.push("digits");
    }
    if s.brackets {
        traits.push("brackets");
    }
    if s.symbols {
        traits.push("symbols such as &");
    }
    if fitting < DISTRACTORS {
        let (has, names) = if traits.is_empty() {
            (
                "has no initials, digits, brackets or symbols".to_string(),
                "names without them".to_string(),
            )
        } else {
            let t = crate::format::and_list(&traits);
            (format!("has {t}"), format!("names with {t}"))
        };
        let need = DISTRACTORS - fitting;
        let names = if need == 1 {
            names.replacen("names", "name", 1)
        } else {
            names
        };
        return format!(
            "its answer {answer:?} {has}, and only {fitting} of the names it can be offered among {}: a wrong choice must share its shape, so add {need} more {names} to the decoy list it draws from",
            if fitting == 1 { "does" } else { "do" },
        );
    }
    // A draw that passes the shape rules, if any: what gives it away then.
    let reason = (0..8u64)
        .filter_map(|seed| names(&mut GameRng::from_seed(seed), answer, pool))
        .map(|wrong| form::giveaways_of(prompt, answer, &wrong))
        .find(|g| !g.is_empty())
        .map(|g| g[0].clone());
    if let Some(reason) = reason {
        return format!(
            "its answer {answer:?} gives itself away ({reason}): add wrong choices that share what it shares"
        );
    }
    let words = answer.split_whitespace().count();
    format!(
        "its answer {answer:?} stands out among the names it can be offered among (by its length or its number of words): add names of {} both shorter and longer than it",
        crate::format::count(words as i64, "word")
    )
}

/// "Which is NOT ...?": a decoy and three of `items`, drawn so that the
/// decoy does not stand out by its form. `None` without three items and a
/// decoy.
pub fn not_one(
    rng: &mut GameRng,
    items: &[String],
    decoys: &[String],
) -> Option<(String, Vec<String>)> {
    if items.len() < DISTRACTORS || decoys.is_empty() {
        return None;
    }
    let mut last = None;
    for _ in 0..12 {
        let three = rng.sample(items, DISTRACTORS);
        let decoy = rng.pick(decoys)?.clone();
        let mut all = vec![decoy.clone()];
        all.extend(three.iter().cloned());
        if form::odd_one_out(&all).is_none() && form::word_apart(&all).is_none() {
            return Some((decoy, three));
        }
        last = Some((decoy, three));
    }
    last
}

/// The names of `pool` that could stand beside `answer`: each once, none
/// equal to it, all of its shape.
fn candidates<'p>(answer: &str, pool: &'p [String]) -> Vec<&'p str> {
    let mut seen = HashSet::from([Key(answer)]);
    let want: Shape = shape(answer);
    pool.iter()
        .filter(|p| shape(p) == want)
        .filter(|p| seen.insert(Key(p)))
        .map(String::as_str)
        .collect()
}

/// Three of the candidates whose lengths are `lens`, by position, for an
/// answer `target` characters long.
fn draw(rng: &mut GameRng, target: usize, lens: &[usize]) -> Option<[usize; DISTRACTORS]> {
    if lens.len() < DISTRACTORS {
        return None;
    }
    let mut unique: Vec<usize> = (0..lens.len()).collect();
    rng.shuffle(&mut unique);
    let mut shorter: Vec<usize> = unique
        .iter()
        .copied()
        .filter(|&i| lens[i] < target)
        .collect();
    let mut longer: Vec<usize> = unique
        .iter()
        .copied()
        .filter(|&i| lens[i] > target)
        .collect();
    let mut same: Vec<usize> = unique
        .iter()
        .copied()
        .filter(|&i| lens[i] == target)
        .collect();
    // Nearest in length first (stable, so ties keep the shuffled order).
    shorter.sort_by_key(|&i| target - lens[i]);
    longer.sort_by_key(|&i| lens[i] - target);
    let rank = rng.below(DISTRACTORS + 1);
    // Names as long as the answer may stand on either side.
    for (side, need) in [(&mut shorter, rank), (&mut longer, DISTRACTORS - rank)] {
        while side.len() < need && !same.is_empty() {
            side.push(same.remove(0));
        }
    }
    let (need_short, need_long) = fit(rank, shorter.len(), longer.len())?;
    let mut picked = [0; DISTRACTORS];
    for (slot, i) in picked.iter_mut().zip(
        shorter
            .into_iter()
            .take(need_short)
            .chain(longer.into_iter().take(need_long)),
    ) {
        *slot = i;
    }
    rng.shuffle(&mut picked);
    Some(picked)
}

/// How many to take below and above for `rank`, moved to the nearest rank
/// the two sides can fill.
fn fit(rank: usize, below: usize, above: usize) -> Option<(usize, usize)> {
    (0..=DISTRACTORS)
        .filter(|r| *r <= below && DISTRACTORS - r <= above)
        .min_by_key(|r| r.abs_diff(rank))
        .map(|r| (r, DISTRACTORS - r))
}

/// Wrong values around a number answer, its rank among the four drawn
/// uniformly. `below` and `above` list the candidates on each side, nearest
/// first; only those `ok` accepts are used. `None` unless each side has
/// room for three, so that the answer can hold any rank.
pub fn around<T: Copy>(
    rng: &mut GameRng,
    below: impl IntoIterator<Item = T>,
    above: impl IntoIterator<Item = T>,
    ok: impl Fn(&T) -> bool,
) -> Option<Vec<T>> {
    let below: Vec<T> = below.into_iter().filter(&ok).take(DISTRACTORS).collect();
    let above: Vec<T> = above.into_iter().filter(&ok).take(DISTRACTORS).collect();
    if below.len() < DISTRACTORS || above.len() < DISTRACTORS {
        return None;
    }
    let rank = rng.below(DISTRACTORS + 1);
    let mut out: Vec<T> = below[..rank].to_vec();
    out.extend_from_slice(&above[..DISTRACTORS - rank]);
    Some(out)
}

/// Whole numbers `step` apart around `value`, at least `min`: evenly
/// spaced, so that no gap marks the answer. A number the record mentions
/// for something else (18 minutes among pages) may be offered: it is
/// still certainly wrong, and leaving it out would leave such a gap.
pub fn numbers(rng: &mut GameRng, value: i64, step: i64, min: i64) -> Option<Vec<i64>> {
    let step = step.max(1);
    around(
        rng,
        (1..=12).map(|k| value.saturating_sub(k * step)),
        (1..=12).map(|k| value.saturating_add(k * step)),
        |n| *n >= min && *n != value,
    )
}

/// `count` distances from an answer, nearest first, each gap drawn from
/// `1..=widest`: no fixed spacing a player could learn to measure the
/// answer by (every gap between neighbouring choices is drawn alike).
fn spread(rng: &mut GameRng, count: usize, widest: i64) -> Vec<i64> {
    let mut at = 0i64;
    (0..count)
        .map(|_| {
            at += 1 + rng.below(widest.max(1) as usize) as i64;
            at
        })
        .collect()
}

/// Years around `year` within `range`, drawn one to three years apart,
/// never one of `confusable`: the years a player could take for the true
/// one (for the year a film came out, the year its short film or its
/// premiere did). Other years the record mentions may be offered: leaving
/// out every one of them would leave a gap around the answer that gives
/// it away.
pub fn years(
    rng: &mut GameRng,
    year: i32,
    range: std::ops::RangeInclusive<i32>,
    confusable: &[i32],
) -> Option<Vec<i32>> {
    // Where the range leaves little room on one side, the years close up.
    spaced(
        rng,
        10,
        &[2, 1],
        |d| i32::try_from(i64::from(year) + d).ok(),
        |y| range.contains(y) && !confusable.contains(y),
    )
}

/// Wrong values at drawn distances from an answer, `count` a side, through
/// [`around`]: `at` gives the value `d` steps away (negative below), and
/// only those `ok` accepts are used. The gaps are drawn up to each of
/// `gaps` in turn, widest first, until both sides have room.
fn spaced<T: Copy>(
    rng: &mut GameRng,
    count: usize,
    gaps: &[i64],
    at: impl Fn(i64) -> Option<T>,
    ok: impl Fn(&T) -> bool,
) -> Option<Vec<T>> {
    for &widest in gaps {
        let (below, above) = (spread(rng, count, widest), spread(rng, count, widest));
        let wrong = around(
            rng,
            below.iter().filter_map(|d| at(-d)),
            above.iter().filter_map(|d| at(*d)),
            &ok,
        );
        if wrong.is_some() {
            return wrong;
        }
    }
    None
}

/// Dates around `date`: a few days or weeks away, in the same year, never a
/// date the record mentions, and each one `fits` (the record's order of
/// events allows: no premiere after the first opening). The gaps are
/// drawn, and narrowed where the year leaves little room on one side.
pub fn dates(
    rng: &mut GameRng,
    facts: &Facts,
    date: NaiveDate,
    fits: impl Fn(&NaiveDate) -> bool,
) -> Option<Vec<NaiveDate>> {
    spaced_dates(rng, facts, date, fits, (1, 12), &[9, 5, 3])
}

/// Dates `unit` days apart times a drawn gap, `count` a side, widest gaps
/// first; see [`dates`] and [`weekly_dates`].
fn spaced_dates(
    rng: &mut GameRng,
    facts: &Facts,
    date: NaiveDate,
    fits: impl Fn(&NaiveDate) -> bool,
    (unit, count): (i64, usize),
    gaps: &[i64],
) -> Option<Vec<NaiveDate>> {
    spaced(
        rng,
        count,
        gaps,
        |d| date.checked_add_signed(chrono::Duration::days(unit * d)),
        |c| c.year() == date.year() && !facts.dates.contains(c) && fits(c),
    )
}

/// Dates on the same day of the week as `date`, one or two weeks apart,
/// for the days of a cinema run: films open on a fixed weekday (a Friday in
/// the United States), so a wrong opening on a Tuesday would be ruled out
/// by anyone who knows that. Where the year or the record's order leaves
/// no room for whole weeks on both sides, there is no fair question.
pub fn weekly_dates(
    rng: &mut GameRng,
    facts: &Facts,
    date: NaiveDate,
    fits: impl Fn(&NaiveDate) -> bool,
) -> Option<Vec<NaiveDate>> {
    spaced_dates(rng, facts, date, fits, (7, 8), &[2, 1])
}

/// Months around `month`, never one the record mentions, each one `fits`.
pub fn months(
    rng: &mut GameRng,
    facts: &Facts,
    month: YearMonth,
    fits: impl Fn(&YearMonth) -> bool,
) -> Option<Vec<YearMonth>> {
    spaced(
        rng,
        6,
        &[2, 1],
        |k| Some(month.shift(k as i32)),
        |m| !facts.months.contains(m) && fits(m),
    )
}

/// A date's value for ordering choices: days since the common era.
pub fn day_value(d: NaiveDate) -> f64 {
    f64::from(d.num_days_from_ce())
}

/// A month's value for ordering choices.
pub fn month_value(m: YearMonth) -> f64 {
    f64::from(m.year * 12 + m.month as i32)
}

/// A true or false statement chosen by the rng: `Some(false)` or
/// `Some(true)` with even odds.
pub fn coin(rng: &mut GameRng) -> bool {
    rng.below(2) == 0
}
