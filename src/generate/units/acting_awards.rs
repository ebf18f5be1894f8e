//! Awards given to a person for their work on the film: who won, at each
//! body that honoured them.
//!
//! Wrong names come from people who could have won that award: for an
//! actor's award, the male cast and decoy actors; for an actress's, the
//! female cast and decoy actresses; never anyone honoured or nominated in
//! that category at that body.

use crate::generate::{Category, Draft, Facts, Out, choices};
use crate::question::{Difficulty, normalize};
use crate::record::{AwardResult, Performer};
use std::collections::HashSet;

/// The fact key of a person's award in a category. One key for every body
/// that gave it: once a game has shown who won it anywhere, every such
/// question is given away.
pub fn key(category: &str) -> String {
    format!("award.person:{}", normalize(category))
}

/// Who could have won `category`, as awards name performers.
fn kind_of(facts: &Facts, category: &str, winner: &str) -> Option<Performer> {
    let c = normalize(category);
    let words: Vec<&str> = c.split(|ch: char| !ch.is_alphanumeric()).collect();
    if words.contains(&"actress") {
        Some(Performer::Actress)
    } else if words.contains(&"actor") {
        Some(Performer::Actor)
    } else {
        facts.performer(winner)
    }
}

pub fn ask(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let awards = &facts.film.awards;
    for award in awards.iter().filter(|a| a.result == AwardResult::Won) {
        let Some(who) = &award.recipient else {
            continue;
        };
        // Anyone honoured or nominated in this category at this body.
        let taken: HashSet<String> = awards
            .iter()
            .filter(|a| {
                normalize(&a.body) == normalize(&award.body)
                    && normalize(&a.category) == normalize(&award.category)
            })
            .filter_map(|a| a.recipient.as_deref().map(normalize))
            .collect();
        let kind = kind_of(facts, &award.category, who);
        let pool: Vec<String> = if facts.in_cast(who) {
            let mut p: Vec<String> = facts
                .film
                .cast
                .iter()
                .filter(|c| kind.is_none() || c.performer == kind)
                .map(|c| c.name.clone())
                .collect();
            p.extend(facts.cast_decoys(kind));
            p
        } else {
            let mut p: Vec<String> = facts.film.crew.iter().map(|c| c.name.clone()).collect();
            p.extend(facts.crew_decoys());
            p
        };
        let pool: Vec<String> = pool
            .into_iter()
            .filter(|p| !taken.contains(&normalize(p)))
            .collect();
        let at = match award.year {
            Some(y) => format!("the {y} {}", award.body),
            None => format!("the {}", award.body),
        };
        let fact = key(&award.category);
        let why = format!("{who} took {} at {at} for this film.", award.category);
        let wrong = choices::names(out.rng, who, &pool);
        out.push(
            Draft::new("acting_awards", Category::Awards, Difficulty::Medium)
                .fact(&fact)
                .prompt(format!(
                    "Who won {} at {at} for their work on {t}?",
                    award.category
                ))
                .answer(who)
                .wrong(wrong.unwrap_or_default())
                .explain(why.clone()),
        );
        // Only where a false statement can be made too, so that the
        // truth is the coin's and not always "true".
        let truth = choices::coin(out.rng);
        let named = if truth {
            let any_false = pool.iter().any(|p| {
                facts.in_cast(p)
                    || facts
                        .film
                        .crew
                        .iter()
                        .any(|c| normalize(&c.name) == normalize(p))
            });
            any_false.then(|| who.clone())
        } else {
            let cast_pool: Vec<String> = pool
                .iter()
                .filter(|p| {
                    facts.in_cast(p)
                        || facts
                            .film
                            .crew
                            .iter()
                            .any(|c| normalize(&c.name) == normalize(p))
                })
                .cloned()
                .collect();
            out.rng.pick(&cast_pool).cloned()
        };
        if let Some(named) = named {
            out.push(
                Draft::new("acting_awards", Category::Awards, Difficulty::Easy)
                    .fact(&fact)
                    .shows(&[&fact])
                    .true_false(
                        &format!("{named} won {} at {at} for {t}.", award.category),
                        normalize(&named) == normalize(who),
                    )
                    .explain(why),
            );
        }
    }
}
