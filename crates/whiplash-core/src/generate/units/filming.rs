//! The shoot: when, where, how long, and how long before the premiere.

use crate::format;
use crate::generate::{Category, Draft, Facts, Out, choices};
use crate::question::Difficulty;
use crate::record::YearMonth;

/// Needs `filming` with a `month` (or `from` and `to`), a `city` with
/// three `decoys.cities`, or `days`.
pub fn ask(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let Some(f) = &facts.film.filming else { return };
    if let Some((first, last)) = f.period() {
        // A shoot within one month is asked as its month; a longer one by
        // the month it began, and its length.
        let (prompt, why) = if first == last {
            (
                // The month it began: a shoot of many days may run into the
                // next month, which must not be a true wrong choice.
                format!("In which month did the shoot of {t} begin?"),
                format!("The cameras rolled in {}.", format::month(first)),
            )
        } else {
            (
                format!("In which month did the shoot of {t} begin?"),
                format!(
                    "The shoot ran from {} to {}.",
                    format::month(first),
                    format::month(last)
                ),
            )
        };
        // The shoot began before the premiere.
        let premiere = facts.premiere_date().map(YearMonth::of);
        let fits = |m: &YearMonth| premiere.is_none_or(|p| *m < p);
        if let Some(wrong) = choices::months(out.rng, facts, first, fits) {
            let values: Vec<f64> = wrong.iter().map(|m| choices::month_value(*m)).collect();
            out.push(
                Draft::new("filming", Category::Dates, Difficulty::Medium)
                    .fact("filming.month")
                    .prompt(prompt)
                    .numbers(choices::month_value(first), &values, |v| {
                        format::month(month_of(v))
                    })
                    .explain(why),
            );
        }
    }
    if let Some(city) = &f.city {
        out.push(
            Draft::new("filming", Category::Production, Difficulty::Medium)
                .fact("filming.city")
                .prompt(format!("In which city was {t} filmed?"))
                .answer(city)
                .names(facts.city_decoys())
                .explain(format!("It was shot in {city}.")),
        );
    }
    if let Some(days) = f.days {
        let days = i64::from(days);
        if let Some(wrong) = choices::numbers(out.rng, days, (days / 5).max(1), 1) {
            out.push(
                Draft::new("filming", Category::Production, Difficulty::Hard)
                    .fact("filming.days")
                    .prompt(format!("How many days did the shoot of {t} last?"))
                    .numbers(
                        days as f64,
                        &wrong.iter().map(|w| *w as f64).collect::<Vec<_>>(),
                        |v| format::count(v as i64, "day"),
                    )
                    .explain(format!(
                        "The whole shoot took {}.",
                        format::count(days, "day")
                    )),
            );
        }
    }
    if let Some((first, last)) = f.period() {
        gap_to_premiere(facts, out, last, first != last);
    }
}

fn month_of(value: f64) -> YearMonth {
    let index = value as i32 - 1;
    YearMonth {
        year: index.div_euclid(12),
        month: index.rem_euclid(12) as u32 + 1,
    }
}

/// How long after the shoot (its last month) the film premiered, as a statement with a
/// margin of two months either way, so the truth never hangs on the days.
fn gap_to_premiere(facts: &Facts, out: &mut Out, shot: YearMonth, long: bool) {
    let t = facts.title();
    let Some(p) = &facts.film.premiere else {
        return;
    };
    let months = (choices::month_value(YearMonth::of(p.date)) - choices::month_value(shot)) as i64;
    if months < 1 {
        return;
    }
    let truth = choices::coin(out.rng);
    let longer = choices::coin(out.rng);
    // "less than m+2" and "more than m-2" are true; the others false.
    let statement = match (truth, longer) {
        (true, true) => Some(("less than", months + 2)),
        (true, false) => (months - 2 >= 1).then_some(("more than", months - 2)),
        (false, true) => Some(("more than", months + 2)),
        (false, false) => (months - 2 >= 1).then_some(("less than", months - 2)),
    };
    let (how, n) = statement.unwrap_or(if truth {
        ("less than", months + 2)
    } else {
        ("more than", months + 2)
    });
    out.push(
        Draft::new("filming", Category::Dates, Difficulty::Hard)
            .fact("gap.filming.premiere")
            .true_false(
                &format!(
                    "{t} premiered {how} {} after its shoot{}.",
                    format::count(n, "month"),
                    if long { " ended" } else { "" }
                ),
                truth,
            )
            .explain(format!(
                "About {} passed between the {} and the premiere.",
                format::count(months, "month"),
                if long { "end of the shoot" } else { "shoot" }
            )),
    );
}
