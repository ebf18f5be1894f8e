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
            &f.gross
                .into_iter()
                .chain(f.grosses.iter().map(|g| g.gross))
                .collect::<Vec<_>>(),
            b,
            (0.0, f64::INFINITY),
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
            &f.budget
                .into_iter()
                .chain(f.grosses.iter().map(|g| g.gross))
                .collect::<Vec<_>>(),
            g,
            // The total is at least what any one territory took.
            (
                f.grosses
                    .iter()
                    .filter(|t| t.gross.currency == g.currency)
                    .map(|t| t.gross.range().1)
                    .fold(0.0, f64::max),
                f64::INFINITY,
            ),
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
    territories(facts, out);
    later_film(facts, out);
}

/// Needs `grosses`: what it took in one territory, among sums far from
/// every other sum the record gives (the total, the budget, the other
/// territories).
fn territories(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let f = facts.film;
    for g in &f.grosses {
        let mut others: Vec<Money> = f.budget.into_iter().chain(f.gross).collect();
        others.extend(
            f.grosses
                .iter()
                .filter(|o| !same(&o.territory, &g.territory))
                .map(|o| o.gross),
        );
        let place = format::place(&g.territory);
        // One territory takes less than the whole world.
        let most = f
            .gross
            .filter(|w| w.currency == g.gross.currency)
            .map_or(f64::INFINITY, |w| w.range().0);
        sum(
            out,
            &others,
            g.gross,
            (0.0, most),
            Draft::new("money", Category::Money, Difficulty::Hard)
                .fact(format!(
                    "gross:{}",
                    crate::question::normalize(&g.territory)
                ))
                .prompt(format!(
                    "Roughly how much did {t} take at the box office in {place}?"
                ))
                .explain(format!(
                    "It took about {} in {place}.",
                    format::money(g.gross)
                )),
        );
    }
}

/// Whether `value` is a whole number of `step`s.
fn multiple(value: f64, step: f64) -> bool {
    let n = value / step;
    (n - n.round()).abs() < 1e-6
}

/// How finely `like` is written: the coarsest step of 1, 2 or 5 times a
/// power of ten that it is a whole multiple of (5 million for $255 million,
/// a million for $49 million, a tenth of a million for $3.3 million), fine
/// enough for two significant figures (10 million for $150 million, not 50)
/// and no finer than it is shown.
fn step_of(like: f64) -> f64 {
    let shown = (format::scale_unit(like) / 10.0).max(1.0);
    let top = (10f64.powi(like.log10().floor() as i32) / 10.0).max(shown);
    let mut power = top;
    while power >= shown {
        for nice in [5.0, 2.0, 1.0] {
            let step = power * nice;
            if step <= top && multiple(like, step) {
                return step;
            }
        }
        power /= 10.0;
    }
    shown
}

/// The largest step of 1, 2 or 5 times a power of ten no larger than `x`
/// (at least 1): half a range's width, so its bounds stay apart.
fn nice_at_most(x: f64) -> f64 {
    if !(x.is_finite() && x >= 1.0) {
        return 1.0;
    }
    let power = 10f64.powi(x.log10().floor() as i32);
    [5.0, 2.0, 1.0]
        .iter()
        .map(|n| n * power)
        .find(|s| *s <= x)
        .unwrap_or(power)
}

/// `value` written as `like` is: as finely, and with a decimal point just
/// when `like` has one, so that the answer is never the only round figure
/// nor the only one with a decimal ($11.4 million among $8.1, $16.2...).
fn round_like(value: f64, like: f64) -> f64 {
    if !(like.is_finite() && like > 0.0 && value.is_finite()) {
        return value;
    }
    let step = step_of(like);
    let mut x = ((value / step).round() * step).max(step);
    let unit = format::scale_unit(like);
    let decimal = |v: f64| unit > 1.0 && !multiple(v, unit);
    if decimal(like) && !decimal(x) {
        x += step;
    }
    x
}

/// A sum of money (or a range) among sums (or the range scaled) at least
/// a quarter away from it, never overlapping it, and at least a quarter
/// away from the record's other sum in the same currency, on both sides.
fn sum(out: &mut Out, others: &[Money], money: Money, bounds: (f64, f64), d: Draft) {
    let v = money.middle();
    let (lo, hi) = money.range();
    let record: Vec<f64> = others
        .iter()
        .filter(|m| m.currency == money.currency)
        .flat_map(|m| {
            let (a, b) = m.range();
            [a, b]
        })
        .collect();
    // A range's bounds share one step, fine enough for its width.
    let step = step_of(lo)
        .min(step_of(hi))
        .min(nice_at_most((hi - lo) / 2.0));
    // The wrong sum (or range) at `factor` times the answer, as written.
    let scaled = |factor: f64| -> (f64, f64) {
        if money.is_range() {
            let a = ((lo * factor / step).round() * step).max(step);
            let b = ((hi * factor / step).round() * step).max(a + step);
            (a, b)
        } else {
            let x = round_like(v * factor, v);
            (x, x)
        }
    };
    // Far enough from the answer and from the record's other sum, and
    // told apart from the rest as written.
    let mut seen: Vec<(f64, f64)> = vec![(lo, hi)];
    let mut side = |factors: &[f64]| -> Vec<f64> {
        let mut picked = Vec::new();
        for f in factors {
            let (a, b) = scaled(*f);
            let x = (a + b) / 2.0;
            let fresh = (x - v).abs() / v >= 0.25
                && (b < lo || a > hi)
                && record
                    .iter()
                    .all(|s| (a - s).abs() / s >= 0.25 && (b - s).abs() / s >= 0.25)
                && seen.iter().all(|&(p, q)| b < p || a > q)
                && a >= 1.0
                && a >= bounds.0
                && b <= bounds.1;
            if fresh {
                seen.push((a, b));
                picked.push(*f);
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
    // Each choice is ordered by its middle; the answer is the record's own.
    let middles: Vec<f64> = wrong
        .iter()
        .map(|f| {
            let (a, b) = scaled(*f);
            (a + b) / 2.0
        })
        .collect();
    let show = |x: f64| -> String {
        let at = middles.iter().position(|m| (m - x).abs() <= 1e-9 * x.abs());
        match (at, money.is_range()) {
            (None, true) => format::range_like(lo, hi, hi, c),
            (None, false) => format::amount_like(v, v, c),
            (Some(i), true) => {
                let (a, b) = scaled(wrong[i]);
                format::range_like(a, b, hi, c)
            }
            (Some(i), false) => format::amount_like(scaled(wrong[i]).0, v, c),
        }
    };
    out.push(d.numbers(v, &middles, show));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_sums_are_written_as_finely_as_the_answer() {
        // $11.4 million: wrong sums have a decimal too.
        for wrong in [8.0e6, 16.0e6, 20.0e6, 5.0e6] {
            let x = round_like(wrong, 11.4e6);
            assert!(!multiple(x, 1e6), "{x}");
            assert!((x - wrong).abs() <= 0.2e6, "{x}");
        }
        // $49 million: whole millions.
        assert_eq!(round_like(34.3e6, 49e6), 34e6);
        // $255 million: steps of five million.
        assert_eq!(step_of(255e6), 5e6);
        assert_eq!(round_like(178.5e6, 255e6), 180e6);
        assert_eq!(step_of(50e6), 1e6);
        assert_eq!(step_of(150e6), 10e6);
        assert_eq!(step_of(3.3e6), 1e5);
    }
}
