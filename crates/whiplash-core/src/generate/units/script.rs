//! The script and the short film made from part of it.

use crate::format;
use crate::generate::{Category, Draft, Facts, Out, choices};
use crate::question::{Difficulty, same};

pub fn ask(facts: &Facts, out: &mut Out) {
    script(facts, out);
    short(facts, out);
}

/// A year question, or where the years around it leave no fair choices
/// (one side is closed by the release), the same fact as true or false.
fn year_or_statement(
    facts: &Facts,
    out: &mut Out,
    d: Draft,
    year: i32,
    prompt: String,
    statement: impl Fn(i32) -> String,
    latest: i32,
) {
    if let Some(wrong) = choices::years(out.rng, year, i32::MIN..=latest, &[]) {
        out.push(
            d.prompt(prompt)
                .numbers(year, &wrong, |v: i32| v.to_string()),
        );
        return;
    }
    let truth = choices::coin(out.rng);
    let shown = if truth {
        Some(year)
    } else {
        // Three years or more away: a year next to the true one may be
        // where the work began, and is not certainly wrong.
        (3..=6)
            .flat_map(|k| [year - k, year + k])
            .find(|y| *y <= latest && !facts.years.contains(y))
    };
    if let Some(shown) = shown {
        out.push(d.true_false(&statement(shown), shown == year));
    }
}

fn script(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let Some(script) = &facts.film.script else {
        return;
    };
    let y = script.completed;
    let d = Draft::new("script", Category::Dates, Difficulty::Medium)
        .fact("script.completed")
        .explain(format!("The script was finished in {y}."));
    year_or_statement(
        facts,
        out,
        d,
        y,
        format!("In which year was the script of {t} finished?"),
        |shown| format!("the script of {t} was finished in {shown}."),
        // Finished by the time its short premiered and its shoot began.
        [
            Some(facts.film.year),
            facts
                .film
                .short_film
                .as_ref()
                .and_then(|s| s.premiere.as_ref())
                .map(|p| p.year),
            facts
                .film
                .filming
                .as_ref()
                .and_then(|f| f.period())
                .map(|(first, _)| first.year),
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(facts.film.year),
    );
    if let Some(source) = &script.inspiration {
        let shown = true_or_decoy(out, source, facts.inspiration_decoys());
        if let Some((shown, truth)) = shown {
            out.push(
                Draft::new("script", Category::Production, Difficulty::Medium)
                    .fact("script.inspiration")
                    .true_false(&format!("the script of {t} drew on {shown}."), truth)
                    // The true statement is not said again; a false one is
                    // put right.
                    .explain(if truth {
                        "That experience is where the script came from.".to_string()
                    } else {
                        format!("The script drew on {source}.")
                    }),
            );
        }
    }
}

fn short(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let Some(short) = &facts.film.short_film else {
        return;
    };
    let named = if same(&short.title, t) {
        format!("also called {}", short.title)
    } else {
        format!("called {}", short.title)
    };
    if let Some(pages) = short.pages {
        let pages = i64::from(pages);
        if let Some(wrong) = choices::numbers(out.rng, pages, (pages / 5).max(1), 1) {
            out.push(
                Draft::new("script", Category::Production, Difficulty::Hard)
                    .fact("short.pages")
                    .prompt(format!(
                        "How many pages of the script of {t} were filmed first as a short?"
                    ))
                    .numbers(
                        pages as f64,
                        &wrong.iter().map(|w| *w as f64).collect::<Vec<_>>(),
                        |v| format::count(v as i64, "page"),
                    )
                    .explain(format!(
                        "The short, {named}, came from {pages} pages of it."
                    )),
            );
        }
    }
    if let Some(minutes) = short.minutes {
        let minutes = i64::from(minutes);
        if let Some(wrong) = choices::numbers(out.rng, minutes, (minutes / 5).max(1), 1) {
            out.push(
                Draft::new("script", Category::Production, Difficulty::Medium)
                    .fact("short.minutes")
                    .prompt(format!(
                        "How long did the short film made from the script of {t} run?"
                    ))
                    .numbers(
                        minutes as f64,
                        &wrong.iter().map(|w| *w as f64).collect::<Vec<_>>(),
                        |v| format::count(v as i64, "minute"),
                    )
                    .explain(format!("The short ran for {minutes} minutes.")),
            );
        }
    }
    if let Some(p) = &short.premiere {
        let pool = match p.kind {
            crate::record::PremiereKind::Festival => facts.festival_decoys(),
            _ => facts.venue_decoys(),
        };
        out.push(
            Draft::new("script", Category::Production, Difficulty::Medium)
                .fact("short.premiere.event")
                .prompt(format!(
                    "Where did the short film made from the script of {t} premiere?"
                ))
                .answer(&p.event)
                .names(pool)
                .explain(format!(
                    "The short was first shown at {}.",
                    format::the(&p.event)
                )),
        );
        let d = Draft::new("script", Category::Dates, Difficulty::Hard)
            .fact("short.premiere.year")
            .explain(format!("The short was first shown in {}.", p.year));
        year_or_statement(
            facts,
            out,
            d,
            p.year,
            format!("In which year did the short film made from the script of {t} premiere?"),
            |shown| format!("the short film made from the script of {t} premiered in {shown}."),
            facts.film.year,
        );
    }
    if let Some(outcome) = &short.outcome
        && let Some((shown, truth)) = true_or_decoy(out, outcome, facts.outcome_decoys())
    {
        out.push(
            Draft::new("script", Category::Production, Difficulty::Easy)
                .fact("short.outcome")
                .true_false(
                    &format!("once the short version of {t} was shown, {shown}."),
                    truth,
                )
                .explain(if truth {
                    format!("So the short led to {t} itself.")
                } else {
                    format!("Once it was shown, {outcome}.")
                }),
        );
    }
}

/// A statement's wording, true or (by the coin) false: the record's own
/// text, or one of `decoys`, the record's false forms of it. `None` without
/// decoys: a statement that is always true teaches the player to say True.
fn true_or_decoy(out: &mut Out, truth: &str, decoys: Vec<String>) -> Option<(String, bool)> {
    let decoy = out.rng.pick(&decoys).cloned()?;
    if choices::coin(out.rng) {
        Some((truth.to_string(), true))
    } else {
        Some((decoy, false))
    }
}
