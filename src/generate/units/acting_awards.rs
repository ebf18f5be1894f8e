//! Awards given to a person for their work on the film: who won, at each
//! body that honoured them.
//!
//! Wrong names come from people who could have won that award: for an
//! actor's award, the male cast and decoy actors; for an actress's, the
//! female cast and decoy actresses; never anyone honoured or nominated in
//! that category at that body.

use crate::format;
use crate::generate::{Category, Draft, Facts, Out, choices};
use crate::question::{Difficulty, Key, normalize, same};
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

/// Needs a won award with a `recipient` (or `recipients`), and three
/// people who could have won it: the cast of the same kind and decoy
/// performers for a performer's award, the crew and decoy film-makers for
/// anyone else's.
pub fn ask(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let awards = &facts.film.awards;
    for award in awards.iter().filter(|a| a.result == AwardResult::Won) {
        let people = award.people();
        // One recipient needs no draw, so that records without shared
        // awards deal as before.
        let who = match people[..] {
            [] => continue,
            [one] => one.to_string(),
            _ => out
                .rng
                .pick(&people)
                .map(|w| w.to_string())
                .unwrap_or_default(),
        };
        let shared = people.len() > 1;
        // Anyone honoured or nominated in this category at this body.
        let taken: HashSet<Key> = awards
            .iter()
            .filter(|a| same(&a.body, &award.body) && same(&a.category, &award.category))
            .flat_map(|a| a.people().into_iter().map(Key))
            .collect();
        let kind = kind_of(facts, &award.category, &who);
        let pool: Vec<String> = if facts.in_cast(&who) {
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
            // Someone of the winner's craft: the crew who share a job
            // with them, and the decoys for those jobs.
            let jobs: Vec<&String> = facts
                .film
                .crew
                .iter()
                .filter(|c| same(&c.name, &who))
                .flat_map(|c| &c.jobs)
                .collect();
            let mut p: Vec<String> = facts
                .film
                .crew
                .iter()
                .filter(|c| c.jobs.iter().any(|j| jobs.iter().any(|k| same(j, k))))
                .map(|c| c.name.clone())
                .collect();
            for job in &jobs {
                p.extend(facts.crew_decoys(job));
            }
            p
        };
        let pool: Vec<String> = pool
            .into_iter()
            .filter(|p| !taken.contains(&Key(p)))
            .collect();
        let at = match award.year {
            Some(y) => format!("the {y} {}", award.body),
            None => format!("the {}", award.body),
        };
        let fact = key(&award.category);
        let all = format::and_list(&people);
        let why = if shared {
            format!("{all} shared {} at {at} for this film.", award.category)
        } else {
            format!("{who} took {} at {at} for this film.", award.category)
        };
        let prompt = if shared {
            format!(
                "Which of these shared {} at {at} for their work on {t}?",
                award.category
            )
        } else {
            format!("Who won {} at {at} for their work on {t}?", award.category)
        };
        out.push(
            Draft::new("acting_awards", Category::Awards, Difficulty::Medium)
                .fact(&fact)
                .prompt(prompt)
                .answer(&who)
                .names(pool.clone())
                .explain(why.clone()),
        );
        // Only where a false statement can be made too, so that the
        // truth is the coin's and not always "true".
        let truth = choices::coin(out.rng);
        let known = |p: &String| facts.in_cast(p) || facts.in_crew(p);
        let named = if truth {
            pool.iter().any(known).then(|| who.clone())
        } else {
            let cast_pool: Vec<String> = pool.iter().filter(|p| known(p)).cloned().collect();
            out.rng.pick(&cast_pool).cloned()
        };
        if let Some(named) = named {
            let verb = if shared { "shared" } else { "won" };
            out.push(
                Draft::new("acting_awards", Category::Awards, Difficulty::Easy)
                    .fact(&fact)
                    .shows(&[&fact])
                    .true_false(
                        &format!("{named} {verb} {} at {at} for {t}.", award.category),
                        taken.contains(&Key(&named)) && people.iter().any(|p| same(p, &named)),
                    )
                    .explain(why),
            );
        }
    }
}
