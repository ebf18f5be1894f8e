//! Money: the budget, the gross, how many times one paid back the other,
//! and the later film that outdid it.

use super::closest_grid;
use crate::format;
use crate::generate::{Category, Draft, Facts, Out, choices};
use crate::question::{Difficulty, same};
use crate::record::Money;

/// Needs `budget` or `gross` (one sum or a range, in any currency), and
/// both in one currency, as single sums, for the ratio.
pub fn ask(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let f = facts.film;
    if let Some(b) = f.budget {
        let why = if b.is_range() {
            format!("Its budget is given as {}.", format::money(b))
        } else {
            format!("It cost about {} to make.", format::money(b))
        };
        sum(
            out,
            f.gross.filter(|g| g.currency == b.currency),
            b,
            Draft::new("money", Category::Money, Difficulty::Medium)
                .fact("budget")
                .prompt(if b.approximate || b.is_range() {
                    format!("Roughly what was the budget of {t}?")
                } else {
                    format!("What was the budget of {t}?")
                })
                .explain(why),
        );
    }
    if let Some(g) = f.gross {
        let why = if g.is_range() {
            format!("Its takings are given as {}.", format::money(g))
        } else {
            format!("Its takings came to about {}.", format::money(g))
        };
        sum(
            out,
            f.budget.filter(|b| b.currency == g.currency),
            g,
            Draft::new("money", Category::Money, Difficulty::Medium)
                .fact("gross")
                .prompt(format!("Roughly how much did {t} take at the box office?"))
                .explain(why),
        );
    }
    if let (Some(b), Some(g)) = (f.budget, f.gross)
        && b.currency == g.currency
        && !b.is_range()
        && !g.is_range()
    {
        ratio(out, t, g.middle() / b.middle());
    }
    later_film(facts, out);
}

/// Two significant figures, as a person would say a sum.
fn round_two(value: f64) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return value;
    }
    let magnitude = 10f64.powi(value.log10().floor() as i32 - 1);
    (value / magnitude).round() * magnitude
}

/// `value` rounded as finely as `like` is written: a sum given in whole
/// millions gets wrong values in whole millions, so the true one is not
/// the only round figure among them.
fn round_like(value: f64, like: f64) -> f64 {
    if !(like.is_finite() && like > 0.0) {
        return round_two(value);
    }
    // The coarsest power of ten that `like` is a whole multiple of, but no
    // coarser than two significant figures would be.
    let mut step = 10f64.powi(like.log10().floor() as i32);
    while step >= 1.0 && (like / step - (like / step).round()).abs() > 1e-6 {
        step /= 10.0;
    }
    let floor = 10f64.powi(like.log10().floor() as i32 - 1);
    let step = step.max(floor).max(1.0);
    ((value / step).round() * step).max(step)
}

/// A sum of money (or a range) among sums (or the range scaled) at least
/// a quarter away from it, never overlapping it, and at least a quarter
/// away from the record's other sum in the same currency, on both sides.
fn sum(out: &mut Out, other: Option<Money>, money: Money, d: Draft) {
    let v = money.middle();
    let (lo, hi) = money.range();
    let record: Vec<f64> = other
        .map(|m| {
            let (a, b) = m.range();
            vec![a, b]
        })
        .unwrap_or_default();
    let mut seen: Vec<f64> = Vec::new();
    let fresh = |x: &f64, seen: &[f64]| {
        let (a, b) = (x * lo / v, x * hi / v);
        (x - v).abs() / v >= 0.25
            && (b < lo || a > hi)
            && record
                .iter()
                .all(|s| (a - s).abs() / s >= 0.25 && (b - s).abs() / s >= 0.25)
            && seen.iter().all(|s| (x - s).abs() > 1e-9 * s.abs().max(1.0))
            && *x >= 1.0
    };
    let mut side = |factors: &[f64]| -> Vec<f64> {
        let mut picked = Vec::new();
        for f in factors {
            let x = round_like(v * f, v);
            if fresh(&x, &seen) {
                seen.push(x);
                picked.push(x);
            }
        }
        picked
    };
    let below = side(&[0.7, 0.5, 0.35, 0.25, 0.18, 0.13]);
    let above = side(&[1.4, 1.9, 2.6, 3.5, 4.5, 6.0]);
    let Some(wrong) = choices::around(out.rng, below, above, |_| true) else {
        return;
    };
    let c = money.currency;
    if money.is_range() {
        // Each wrong range is the true one scaled: the same shape.
        out.push(d.numbers(v, &wrong, |x| {
            format::range_like(round_two(lo * x / v), round_two(hi * x / v), hi, c)
        }));
    } else {
        out.push(d.numbers(v, &wrong, |x| format::amount_like(x, v, c)));
    }
}

/// How many times its budget a film took; asked only between 2 and 1,000
/// times, where a closest round number reads sensibly.
fn ratio(out: &mut Out, t: &str, ratio: f64) {
    // 2 to 1,000: below, "about 1 time" says nothing; above, no grid reads
    // well.
    if !(2.0..=1000.0).contains(&ratio) || closest_grid(ratio).is_some_and(|(a, _)| a < 2) {
        return;
    }
    super::closest(
        out,
        Draft::new("money", Category::Money, Difficulty::Hard)
            .fact("money.ratio")
            .prompt(format!(
                "About how many times its budget did {t} take at the box office? Pick the closest."
            ))
            .explain(format!("Its takings were about {ratio:.1} times its cost.")),
        ratio,
        |v| format!("About {} times", format::thousands(v as u64)),
    );
}

/// The later film of the same director that took over the record.
fn later_film(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let f = facts.film;
    let Some(rank) = &f.director_rank else { return };
    let Some(until) = &rank.until else { return };
    let director = &rank.director;
    // The director's jobs are shown by naming them.
    let shows: Vec<String> = f
        .crew
        .iter()
        .filter(|c| same(&c.name, director))
        .flat_map(|c| c.jobs.iter().map(|j| crate::generate::facts::job_key(j)))
        .collect();
    let pool: Vec<String> = facts
        .film_decoys()
        .into_iter()
        .map(|(title, _)| title)
        .collect();
    out.push(
        Draft::new("money", Category::Money, Difficulty::Medium)
            .fact("director_rank.until")
            .shows(&shows)
            .prompt(format!(
                "{t} was the {} film {director} had directed, until which later film?",
                rank.measure
            ))
            .answer(&until.title)
            .names(pool)
            .explain(format!("{} took that place from it.", until.title)),
    );
    let truth = choices::coin(out.rng);
    let shown = if truth {
        Some(until.year)
    } else {
        [until.year + 2, until.year - 1, until.year + 3]
            .into_iter()
            .find(|y| *y > f.year && !facts.years.contains(y))
    };
    if let Some(shown) = shown {
        out.push(
            Draft::new("money", Category::Dates, Difficulty::Hard)
                .fact("director_rank.until.year")
                .shows(&["director_rank.until"])
                .true_false(
                    &format!(
                        "{}, which took over from {t} as the {} film {director} had directed, came out in {shown}.",
                        until.title, rank.measure
                    ),
                    shown == until.year,
                )
                .explain(format!("{} came out in {}.", until.title, until.year)),
        );
    }
}
