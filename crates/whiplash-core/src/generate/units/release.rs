//! The cinema release: when it opened, how, how wide, and how long it ran.

use super::{premiere::date_draft, release_where};
use crate::format;
use crate::generate::{Category, Draft, Facts, Out, choices};
use crate::question::{Difficulty, normalize, same};
use crate::record::{Bound, Quantity, Release, ReleaseKind};
use chrono::NaiveDate;

/// Needs `release` (its date, kind, screens, run) or `releases` (a date
/// per territory).
pub fn ask(facts: &Facts, out: &mut Out) {
    territories(facts, out);
    let t = facts.title();
    let Some(r) = &facts.film.release else { return };
    let at = release_where(facts);
    // After the premiere and before the end of the run.
    let premiere = facts.premiere_date();
    let after_premiere = |d: &NaiveDate| premiere.is_none_or(|p| *d > p);
    let fits = |d: &NaiveDate| after_premiere(d) && r.closed.is_none_or(|c| *d < c);
    if let Some(wrong) = choices::weekly_dates(out.rng, facts, r.date, fits) {
        out.push(date_draft(
            Draft::new("release", Category::Dates, Difficulty::Hard)
                .fact("release.date")
                .prompt(format!("On what date did {t} open in cinemas{at}?"))
                .explain(format!("Its cinema run began on {}.", format::date(r.date))),
            r.date,
            &wrong,
        ));
    }
    countries(facts, out, r);
    kind(facts, out, r.kind, &at);
    if let Some(q) = r.widest_screens {
        screens(facts, out, q, &at);
    }
    if let (Some(_), Some(gradual)) = (r.widest_screens, r.gradual) {
        let say_gradual = choices::coin(out.rng);
        let statement = if say_gradual {
            format!("{t} reached more cinemas step by step after it opened{at}.")
        } else {
            format!("{t} opened on all of its screens at once{at}.")
        };
        out.push(
            Draft::new("release", Category::Release, Difficulty::Medium)
                .fact("release.gradual")
                // Opening "on all of its screens at once" and "in a limited
                // release" tell each other: one of them per game.
                .fact("release.kind")
                .true_false(&statement, say_gradual == gradual)
                .explain(if gradual {
                    "It started small and widened over the following weeks."
                } else {
                    "It did not widen gradually."
                }),
        );
    }
    if let Some(closed) = r.closed {
        if let Some(wrong) = choices::weekly_dates(out.rng, facts, closed, |d| *d > r.date) {
            out.push(date_draft(
                Draft::new("release", Category::Dates, Difficulty::Hard)
                    .fact("release.closed")
                    .prompt(format!("On what date did {t} end its run in cinemas{at}?"))
                    .explain(format!(
                        "Its last day in cinemas was {}.",
                        format::date(closed)
                    )),
                closed,
                &wrong,
            ));
        }
        let days = (closed - r.date).num_days();
        span(
            out,
            Draft::new("release", Category::Release, Difficulty::Hard)
                .fact("release.run")
                .prompt(format!(
                    "About how many weeks did {t} stay in cinemas{at}? Pick the closest."
                ))
                .explain(format!("It played for {days} days in all.")),
            days as f64 / 7.0,
            "week",
        );
    }
    if let Some(p) = &facts.film.premiere {
        let days = (r.date - p.date).num_days();
        span(
            out,
            Draft::new("release", Category::Release, Difficulty::Hard)
                .fact("gap.premiere.release")
                .prompt(format!(
                    "About how many months after its premiere did {t} open in cinemas{at}? Pick the closest."
                ))
                .explain(format!("{days} days passed between the two.")),
            days as f64 / (365.25 / 12.0),
            "month",
        );
    }
}

/// Groups of countries that often share a release.
const NEIGHBOURS: &[&[&str]] = &[
    &["United Kingdom", "Ireland"],
    &["Australia", "New Zealand"],
    &["Spain", "Portugal"],
    &["Sweden", "Denmark"],
    &["Germany", "Austria"],
    &["France", "Belgium"],
    &["Argentina", "Chile"],
    &["United States", "Canada"],
    &["Italy", "Switzerland"],
];

/// Every group of `n` of `items`, in order.
fn combinations<'a>(items: &[&'a str], n: usize) -> Vec<Vec<&'a str>> {
    if n == 0 {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for (i, first) in items.iter().enumerate() {
        for mut rest in combinations(&items[i + 1..], n - 1) {
            rest.insert(0, first);
            out.push(rest);
        }
    }
    out
}

/// Where it opened: the right group of countries among groups of as many.
fn countries(facts: &Facts, out: &mut Out, release: &Release) {
    let t = facts.title();
    let countries = &release.countries[..];
    let n = countries.len();
    if !(1..=3).contains(&n) {
        return;
    }
    // Neither its countries nor any territory that opened on the same day.
    let mut taken: Vec<String> = countries.iter().map(|c| normalize(c)).collect();
    taken.extend(
        facts
            .film
            .releases
            .iter()
            .filter(|r| r.date == release.date)
            .map(|r| normalize(&r.territory)),
    );
    // Only countries known to have opened it on another day (the record's
    // other territories) or known not to have opened it then
    // (`decoys.countries`): a common country from the game's own list may
    // well have opened it the same week.
    let mut pool: Vec<String> = facts
        .film
        .releases
        .iter()
        .filter(|r| r.date != release.date)
        .map(|r| r.territory.clone())
        .collect();
    pool.extend(
        facts
            .film
            .decoys
            .as_ref()
            .and_then(|d| d.countries.clone())
            .unwrap_or_default(),
    );
    let free: Vec<&str> = pool
        .iter()
        .map(String::as_str)
        .filter(|c| !taken.contains(&normalize(c)))
        .collect();
    // Countries that often open a film together, so no group stands out
    // as the one natural pairing; then every other group of n.
    let mut groups: Vec<String> = NEIGHBOURS
        .iter()
        .filter(|g| g.len() == n && g.iter().all(|c| free.contains(c)))
        .map(|g| format::and_list(g))
        .collect();
    if groups.len() < 3 {
        groups.extend(combinations(&free, n).iter().map(|g| format::and_list(g)));
    }
    let answer = format::and_list(countries);
    let noun = if n == 1 { "country" } else { "countries" };
    // "First" only when the record lists other territories' openings and
    // none opened earlier; otherwise (and when it lists none, so that it
    // cannot tell) the opening is named by its date.
    let first = !facts.film.releases.is_empty()
        && facts.film.releases.iter().all(|x| x.date >= release.date);
    let (prompt, shows) = if first {
        (
            format!("In which {noun} did {t} first open in cinemas?"),
            None,
        )
    } else {
        (
            format!(
                "In which {noun} did {t} open in cinemas on {}?",
                format::date(release.date)
            ),
            Some("release.date"),
        )
    };
    out.push(
        Draft::new("release", Category::Release, Difficulty::Medium)
            .fact("release.countries")
            .shows(&shows.into_iter().collect::<Vec<_>>())
            .prompt(prompt)
            .answer(&answer)
            .names(groups)
            .explain({
                let places = format::and_list(
                    &countries
                        .iter()
                        .map(|c| format::place(c))
                        .collect::<Vec<_>>(),
                );
                if first {
                    format!("Its cinema run began in {places}.")
                } else {
                    format!("That day it opened in {places}.")
                }
            }),
    );
}

/// A "pick the closest" question about a length of time.
fn span(out: &mut Out, d: Draft, value: f64, unit: &str) {
    super::closest(out, d, value, |v| {
        format!("About {}", format::count(v, unit))
    });
}

fn kind(facts: &Facts, out: &mut Out, kind: ReleaseKind, at: &str) {
    let t = facts.title();
    let phrase = |k: ReleaseKind| match k {
        ReleaseKind::Limited => format!("{t} opened in a limited release{at}."),
        ReleaseKind::Wide => format!("{t} opened in a wide release{at}."),
        ReleaseKind::Streaming => format!("{t} went straight to streaming{at}."),
        ReleaseKind::HomeVideo => format!("{t} went straight to home video{at}."),
    };
    let opposite = match kind {
        ReleaseKind::Limited => ReleaseKind::Wide,
        ReleaseKind::Wide => ReleaseKind::Limited,
        ReleaseKind::Streaming | ReleaseKind::HomeVideo => ReleaseKind::Wide,
    };
    let truth = choices::coin(out.rng);
    let stated = if truth { kind } else { opposite };
    out.push(
        Draft::new("release", Category::Release, Difficulty::Easy)
            .fact("release.kind")
            .true_false(&phrase(stated), truth)
            .explain(format!("It opened {}.", kind.describe().to_lowercase())),
    );
}

/// How wide the release went. A bound ("over 500") is asked only as a
/// statement whose truth the bound settles.
fn screens(facts: &Facts, out: &mut Out, q: Quantity, at: &str) {
    let t = facts.title();
    let v = q.value;
    let truth = choices::coin(out.rng);
    let (statement, fact) = match (q.bound, truth) {
        (Bound::Over, true) => (format!("more than {}", format::thousands(v)), "more than"),
        (Bound::Over, false) => (
            format!("fewer than {}", format::thousands(v / 2)),
            "more than",
        ),
        (Bound::Under, true) => (format!("fewer than {}", format::thousands(v)), "fewer than"),
        (Bound::Under, false) => (
            format!("more than {}", format::thousands(v.saturating_mul(2))),
            "fewer than",
        ),
        (Bound::Exact, _) => {
            let value = i64::try_from(v).unwrap_or(i64::MAX);
            if let Some(wrong) = choices::numbers(out.rng, value, (value / 4).max(1), 1) {
                let wrong: Vec<f64> = wrong.iter().map(|w| *w as f64).collect();
                out.push(
                    Draft::new("release", Category::Release, Difficulty::Medium)
                        .fact("release.screens")
                        .prompt(format!(
                            "On how many screens did {t} play at its widest{at}?"
                        ))
                        .numbers(value as f64, &wrong, |n| format::thousands(n as u64))
                        .explain(format!(
                            "At its widest it reached {} screens.",
                            format::thousands(v)
                        )),
                );
            }
            return;
        }
    };
    if matches!(q.bound, Bound::Over) && v / 2 == 0 && !truth {
        return;
    }
    out.push(
        Draft::new("release", Category::Release, Difficulty::Medium)
            .fact("release.screens")
            .true_false(
                &format!("at its widest, {t} played on {statement} screens{at}."),
                truth,
            )
            .explain(format!(
                "At its widest it reached {fact} {} screens.",
                format::thousands(v)
            )),
    );
}

/// The opening date in each territory of `releases`.
fn territories(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    for r in &facts.film.releases {
        // A territory of the main release, on its date, is asked with it.
        let repeats =
            facts.film.release.as_ref().is_some_and(|m| {
                m.date == r.date && m.countries.iter().any(|c| same(c, &r.territory))
            });
        if repeats {
            continue;
        }
        let place = format::place(&r.territory);
        let premiere = facts.premiere_date();
        let fits = |d: &NaiveDate| premiere.is_none_or(|p| *d > p);
        if let Some(wrong) = choices::weekly_dates(out.rng, facts, r.date, fits) {
            out.push(date_draft(
                Draft::new("release", Category::Dates, Difficulty::Hard)
                    .fact(format!("release.date:{}", normalize(&r.territory)))
                    .prompt(format!("On what date did {t} open in cinemas in {place}?"))
                    .explain(format!(
                        "It reached cinemas in {place} on {}.",
                        format::date(r.date)
                    )),
                r.date,
                &wrong,
            ));
        }
    }
}
