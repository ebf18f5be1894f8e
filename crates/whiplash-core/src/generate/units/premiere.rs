//! The premiere: where, when, and how the film was shown there.

use crate::format;
use crate::generate::{Category, Draft, Facts, Out, choices};
use crate::question::Difficulty;
use crate::record::{LaterScreening, PremiereKind};
use chrono::{Datelike, NaiveDate};

/// A date question with its choices in order.
pub(crate) fn date_draft(d: Draft, answer: NaiveDate, wrong: &[NaiveDate]) -> Draft {
    let values: Vec<f64> = wrong.iter().map(|w| choices::day_value(*w)).collect();
    let from = |v: f64| {
        NaiveDate::from_num_days_from_ce_opt(v as i32)
            .map(format::date)
            .unwrap_or_default()
    };
    d.numbers(choices::day_value(answer), &values, from)
}

/// Needs `premiere`. Where it was: a festival's among `decoys.festivals`,
/// a cinema's or another event's among `decoys.venues`. Whether it opened
/// a festival or competed there: only for a festival premiere that says.
pub fn ask(facts: &Facts, out: &mut Out) {
    later(facts, out);
    let t = facts.title();
    let Some(p) = &facts.film.premiere else {
        return;
    };
    let festival = p.kind == PremiereKind::Festival;
    let (prompt, pool, why) = match p.kind {
        PremiereKind::Festival => (
            format!("Where did {t} have its premiere?"),
            facts.festival_decoys(),
            format!("It was first shown at {}.", format::the(&p.event)),
        ),
        PremiereKind::Cinema => (
            format!("In which cinema did {t} have its premiere?"),
            facts.venue_decoys(),
            format!("Its premiere was held at {}.", p.event),
        ),
        PremiereKind::Other => (
            format!("Where did {t} have its premiere?"),
            facts.venue_decoys(),
            format!("Its premiere was held at {}.", p.event),
        ),
    };
    out.push(
        Draft::new("premiere", Category::Release, Difficulty::Easy)
            .fact("premiere.event")
            .prompt(prompt)
            .answer(&p.event)
            .names(pool)
            .explain(why),
    );
    // A premiere is the first showing: never on or after the first opening.
    let opening = facts.first_opening();
    let fits = |d: &NaiveDate| opening.is_none_or(|o| *d < o);
    if let Some(wrong) = choices::dates(out.rng, facts, p.date, fits) {
        out.push(date_draft(
            Draft::new("premiere", Category::Dates, Difficulty::Hard)
                .fact("premiere.date")
                .prompt(format!("On what date did {t} have its premiere?"))
                .explain(format!(
                    "Its first public screening was on {}.",
                    format::date(p.date)
                )),
            p.date,
            &wrong,
        ));
    }
    if !festival {
        return;
    }
    // "the 2009 Cannes Film Festival", but "South by Southwest 2022".
    let edition = match format::the(&p.event).strip_prefix("the ") {
        Some(name) => format!("the {} {name}", p.date.year()),
        None => format!("{} {}", p.event, p.date.year()),
    };
    if let Some(opening) = p.opening_film {
        // Stated as the opening film or as not; the truth depends on which.
        let say_opening = choices::coin(out.rng);
        let statement = if say_opening {
            format!("{t} was the opening film of {edition}.")
        } else {
            format!("{t} was shown at {edition}, but not as its opening film.")
        };
        out.push(
            Draft::new("premiere", Category::Release, Difficulty::Medium)
                .fact("premiere.opening")
                .shows(&["premiere.event"])
                .true_false(&statement, say_opening == opening)
                .explain(if opening {
                    "It was the first film of the festival.".to_string()
                } else {
                    "Another film opened the festival.".to_string()
                }),
        );
    }
    if let Some(competing) = p.in_competition {
        let say_in = choices::coin(out.rng);
        let statement = if say_in {
            format!("{t} screened in competition at its premiere.")
        } else {
            format!("{t} screened out of competition at its premiere.")
        };
        out.push(
            Draft::new("premiere", Category::Release, Difficulty::Medium)
                .fact("premiere.competition")
                .true_false(&statement, say_in == competing)
                .explain(if competing {
                    "It was one of the films competing for prizes."
                } else {
                    "It was shown without competing for prizes."
                }),
        );
    }
}

/// Needs `screenings`: a festival that showed the film after its premiere,
/// among `decoys.festivals` (none of them one that showed it at all).
fn later(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let festivals: Vec<&LaterScreening> = facts
        .film
        .screenings
        .iter()
        .filter(|s| s.kind == PremiereKind::Festival)
        .collect();
    let Some(s) = out.rng.pick(&festivals).copied() else {
        return;
    };
    let after = if facts.film.premiere.is_some() {
        " after its premiere"
    } else {
        ""
    };
    out.push(
        Draft::new("premiere", Category::Release, Difficulty::Medium)
            .fact("screenings")
            .prompt(format!("Which of these festivals also showed {t}{after}?"))
            .answer(&s.event)
            .names(facts.festival_decoys())
            .explain(format!(
                "It was shown at {} on {}.",
                format::the(&s.event),
                format::date(s.date)
            )),
    );
}
