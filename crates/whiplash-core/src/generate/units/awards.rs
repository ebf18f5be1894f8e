//! The film's own awards, one ceremony or festival edition at a time: what
//! it won, what it lost, and how many of each.
//!
//! Counts are asked only where the record lists the film's own results at
//! that body (the record's lists are complete), and a wrong count is never
//! one a reader could take the prompt to mean (film-only wins, nominations).

use crate::format;
use crate::generate::{Category, Draft, Facts, Out, choices};
use crate::question::{Difficulty, normalize, same};
use crate::record::{Award, AwardResult};

pub fn ask(facts: &Facts, out: &mut Out) {
    let awards = &facts.film.awards;
    let mut editions: Vec<(&str, Option<i32>)> = Vec::new();
    for a in awards {
        if !editions
            .iter()
            .any(|(b, y)| same(b, &a.body) && *y == a.year)
        {
            editions.push((&a.body, a.year));
        }
    }
    for (body, year) in editions {
        let group: Vec<&Award> = awards
            .iter()
            .filter(|a| same(&a.body, body) && a.year == year)
            .collect();
        edition(facts, out, &group);
    }
}

/// The key of an edition, for facts.
fn key(a: &Award) -> String {
    match a.year {
        Some(y) => format!("{}:{y}", normalize(&a.body)),
        None => normalize(&a.body),
    }
}

fn edition(facts: &Facts, out: &mut Out, group: &[&Award]) {
    let t = facts.title();
    let first = group[0];
    let name = match first.year {
        Some(y) => format!("the {y} {}", first.body),
        None => format!("the {}", first.body),
    };
    let k = key(first);
    let cats = |pred: &dyn Fn(&Award) -> bool| -> Vec<String> {
        group
            .iter()
            .filter(|a| pred(a))
            .map(|a| a.category.clone())
            .collect()
    };
    let film_wins = cats(&|a| a.result == AwardResult::Won && !a.to_people());
    let all_wins = cats(&|a| a.result == AwardResult::Won);
    // A category it both won and lost (two of its people nominated, one
    // winning) was won: it is never asked or offered as a loss.
    let losses: Vec<String> = cats(&|a| a.result == AwardResult::Nominated)
        .into_iter()
        .filter(|c| !all_wins.iter().any(|w| same(w, c)))
        .fold(Vec::new(), |mut seen, c| {
            if !seen.iter().any(|s| same(s, &c)) {
                seen.push(c);
            }
            seen
        });
    // Wins to people are asked by `acting_awards`; where there are any, a
    // list of the film's own wins is not all of its wins, and says so.
    // Where people won too, or the record gives its awards only in part, a
    // list of the film's own wins is not all of its wins.
    let partial = facts.partial("awards");
    let people_won = all_wins.len() > film_wins.len() || partial;
    let wins_are = if people_won {
        "Among its wins there"
    } else {
        "Its wins there"
    };
    let decoys = facts.category_decoys(&first.body);
    if film_wins.is_empty() && losses.is_empty() {
        // Known only for awards to people: the film's own results are not
        // listed, so nothing about them is certain.
        return;
    }
    // A tie is said: "It shared Best Film with Other Title."
    let tie = |category: &str| -> String {
        group
            .iter()
            .find(|a| same(&a.category, category) && a.result == AwardResult::Won)
            .and_then(|a| a.shared_with.as_deref())
            .map(|other| format!(" It shared {category} with {other}."))
            .unwrap_or_default()
    };
    if let Some(won) = out.rng.pick(&film_wins).cloned() {
        let mut pool = losses.clone();
        pool.extend(decoys.iter().cloned());
        // Nothing it won, to the film or to its people, is a wrong choice.
        pool.retain(|c| !all_wins.iter().any(|w| same(w, c)));
        out.push(
            Draft::new("awards", Category::Awards, Difficulty::Medium)
                .fact(format!("award.won:{k}"))
                .fact(format!("award:{k}"))
                .prompt(format!("Which of these did {t} win at {name}?"))
                .answer(&won)
                .names(pool)
                .explain(format!(
                    "{wins_are}: {}.{}",
                    format::and_list(&rev(&film_wins)),
                    tie(&won)
                )),
        );
    }
    if let Some(lost) = out.rng.pick(&losses).cloned() {
        let mut pool = film_wins.clone();
        pool.extend(decoys.iter().cloned());
        pool.retain(|c| !losses.iter().any(|l| same(l, c)));
        out.push(
            Draft::new("awards", Category::Awards, Difficulty::Hard)
                .fact(format!("award.lost:{k}"))
                .fact(format!("award:{k}"))
                .shows(&[format!("award.won:{k}")])
                .prompt(format!(
                    "Which of these was {t} nominated for at {name} but did NOT win?"
                ))
                .answer(lost)
                .names(pool)
                .explain(lost_explanation(
                    &losses,
                    &film_wins,
                    people_won,
                    // A loss in a category it also won is left out of the
                    // list, which then is not all of its losses.
                    partial
                        || group
                            .iter()
                            .filter(|a| a.result == AwardResult::Nominated)
                            .count()
                            > losses.len(),
                )),
        );
    }
    // Only where some went to people does the count need saying how it
    // counts them.
    let counting = if group.iter().any(|a| a.to_people()) {
        ", counting awards to people who worked on it"
    } else {
        ""
    };
    let won = all_wins.len() as i64;
    // Every nomination counts, a lost one in a category it also won too.
    let nominated = won
        + group
            .iter()
            .filter(|a| a.result == AwardResult::Nominated)
            .count() as i64;
    // Counts a reader might take either prompt to mean, by nomination or
    // by category (two of its people nominated in one category).
    let categories = {
        let mut seen: Vec<&str> = Vec::new();
        for a in group {
            if !seen.iter().any(|c| same(c, &a.category)) {
                seen.push(&a.category);
            }
        }
        seen.len() as i64
    };
    let confusable = [
        film_wins.len() as i64,
        losses.len() as i64,
        won,
        nominated,
        categories,
    ];
    let mut shown = vec![format!("award.won:{k}")];
    shown.extend(
        group
            .iter()
            .filter(|a| a.result == AwardResult::Won && a.to_people())
            .map(|a| super::acting_awards::key(&a.category)),
    );
    // Counts only from complete lists.
    if partial {
        return;
    }
    count(
        out,
        Draft::new("awards", Category::Awards, Difficulty::Hard)
            .fact(format!("award.count:{k}"))
            .fact(format!("award:{k}"))
            .shows(&shown)
            .explain(format!(
                "It won {}: {}.",
                format::count(won, "award"),
                format::and_list(
                    &group
                        .iter()
                        .filter(|a| a.result == AwardResult::Won)
                        .map(|a| if a.to_people() {
                            format!("{} (for {})", a.category, format::and_list(&a.people()))
                        } else {
                            a.category.clone()
                        })
                        .collect::<Vec<_>>()
                )
            )),
        won,
        &confusable,
        |n| format!("{t} won {} at {name}{counting}.", format::count(n, "award")),
    );
    if !losses.is_empty() {
        count(
            out,
            Draft::new("awards", Category::Awards, Difficulty::Hard)
                .fact(format!("award.nominations:{k}"))
                .fact(format!("award:{k}"))
                .shows(&[format!("award.count:{k}")])
                .explain(format!(
                    "{won} of its {} won{}.",
                    format::count(nominated, "nomination"),
                    counting.replace("awards", "those")
                )),
            nominated,
            &confusable,
            |n| {
                format!(
                    "{t} had {} at {name}{}.",
                    format::count(n, "nomination"),
                    counting.replace("awards", "those")
                )
            },
        );
    }
}

/// Why a lost category is the answer: what it lost, and what it won where
/// it won anything (all of it, or "among" when people's wins are left out).
fn lost_explanation(
    losses: &[String],
    film_wins: &[String],
    people_won: bool,
    more_lost: bool,
) -> String {
    let list = format::and_list(&rev(losses));
    let lost = if more_lost {
        format!("Its losses there include {list}")
    } else {
        format!("It lost {list}")
    };
    match (film_wins.is_empty(), people_won) {
        (true, false) => format!("{lost} and it won nothing there."),
        (true, true) => format!("{lost}; all its wins there went to people who worked on it."),
        (false, false) => format!("{lost}, and it won {}.", format::and_list(&rev(film_wins))),
        (false, true) => format!(
            "{lost}, and its wins there include {}.",
            format::and_list(&rev(film_wins))
        ),
    }
}

/// A list in the other order than the record's, so that an explanation
/// does not repeat the source's wording.
fn rev(items: &[String]) -> Vec<String> {
    items.iter().rev().cloned().collect()
}

/// A count stated true, or false with a count no reader could mean.
fn count(
    out: &mut Out,
    d: Draft,
    value: i64,
    confusable: &[i64],
    statement: impl Fn(i64) -> String,
) {
    if value < 1 {
        return;
    }
    let truth = choices::coin(out.rng);
    let shown = if truth {
        Some(value)
    } else {
        let wrong: Vec<i64> = (1..=value + 3)
            .filter(|n| !confusable.contains(n))
            .collect();
        out.rng.pick(&wrong).copied()
    };
    if let Some(n) = shown {
        out.push(d.true_false(&statement(n), n == value));
    }
}
