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

/// The crew job an award's category names, if it names one.
fn craft_of(category: &str) -> Option<&'static str> {
    let c = normalize(category);
    let has = |w: &str| c.split(|ch: char| !ch.is_alphanumeric()).any(|x| x == w);
    if has("director") || has("directing") || has("direction") {
        Some("director")
    } else if has("screenplay") || has("writing") || has("script") {
        Some("writer")
    } else if has("score") || has("music") || has("composer") {
        Some("composer")
    } else if has("editing") || has("editor") {
        Some("editor")
    } else if has("cinematography") || has("photography") {
        Some("cinematographer")
    } else {
        None
    }
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
            // Someone of the award's craft (a directing award among
            // directors, never the producers), or else of the winner's: the
            // crew who share that job, and the decoys for it.
            let held: Vec<&String> = facts
                .film
                .crew
                .iter()
                .filter(|c| same(&c.name, &who))
                .flat_map(|c| &c.jobs)
                .collect();
            let craft: Vec<&String> = held
                .iter()
                .copied()
                .filter(|j| craft_of(&award.category).is_some_and(|c| same(j, c)))
                .collect();
            let jobs = if craft.is_empty() { held } else { craft };
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
        // Never someone who won anything at this body: once shown winning
        // one award, they are ruled out of another.
        let honoured: HashSet<Key> = awards
            .iter()
            .filter(|a| same(&a.body, &award.body) && a.year == award.year)
            .filter(|a| a.result == AwardResult::Won)
            .flat_map(|a| a.people().into_iter().map(Key))
            .collect();
        let known =
            |p: &String| (facts.in_cast(p) || facts.in_crew(p)) && !honoured.contains(&Key(p));
        let candidates: Vec<String> = pool.iter().filter(|p| known(p)).cloned().collect();
        // Drawn either way, and its part carried as a fact by both forms:
        // a statement naming a cast member whose part was shown is dealt
        // before it or not at all, and games deal either form as often.
        let other = out.rng.pick(&candidates).cloned();
        let named = if truth {
            other.as_ref().map(|_| who.clone())
        } else {
            other.clone()
        };
        if let Some(named) = named {
            let verb = if shared { "shared" } else { "won" };
            let mut d = Draft::new("acting_awards", Category::Awards, Difficulty::Easy);
            if let Some(o) = other.as_deref().filter(|o| facts.in_cast(o)) {
                d = d.fact(crate::generate::facts::cast_key(o));
            }
            out.push(
                d.fact(&fact)
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
