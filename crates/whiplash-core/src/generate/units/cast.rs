//! The cast: who plays which part, who is in it, and who is not.

use crate::generate::facts::cast_key;
use crate::generate::{Category, Draft, Facts, Out, choices};
use crate::question::{Difficulty, same};
use crate::record::{CastMember, Performer};

/// "actor", "actress" or "performer", as the record says.
fn noun(kind: Option<Performer>, plural: bool) -> &'static str {
    match (kind, plural) {
        (Some(Performer::Actor), false) => "actor",
        (Some(Performer::Actor), true) => "actors",
        (Some(Performer::Actress), false) => "actress",
        (Some(Performer::Actress), true) => "actresses",
        (None, false) => "performer",
        (None, true) => "performers",
    }
}

/// "plays", or "voices" for a voice role.
fn plays(member: &CastMember) -> &'static str {
    if member.voice == Some(true) {
        "voices"
    } else {
        "plays"
    }
}

/// Wrong names for a cast member: the rest of the cast of the same kind,
/// and decoys of that kind.
fn others(facts: &Facts, member: &CastMember) -> Vec<String> {
    let mut pool: Vec<String> = facts
        .film
        .cast
        .iter()
        .filter(|c| !same(&c.name, &member.name))
        .filter(|c| member.performer.is_none() || c.performer == member.performer)
        .map(|c| c.name.clone())
        .collect();
    pool.extend(facts.cast_decoys(member.performer));
    pool
}

pub fn ask(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let cast = &facts.film.cast;
    let phrasings = [
        "stars in",
        "is one of the stars of",
        "is in the main cast of",
    ];
    let mut unnamed = 0;
    for member in cast {
        let key = cast_key(&member.name);
        match &member.role {
            Some(role) => {
                let pool = others(facts, member);
                out.push(
                    Draft::new("cast", Category::Cast, Difficulty::Easy)
                        .fact(&key)
                        .prompt(format!("In {t}, who {} {role}?", plays(member)))
                        .answer(&member.name)
                        .names(pool)
                        .explain(format!("The part went to {}.", member.name)),
                );
                // The same part, stated true or false.
                let truth = choices::coin(out.rng);
                // The false form's name is drawn either way, so that both
                // forms carry the same facts as often (a game deals a
                // question with more facts less often, which would tilt
                // the dealt statements towards True).
                let other = out.rng.pick(&others(facts, member)).cloned();
                let named = if truth {
                    Some(member.name.clone())
                } else {
                    other.clone()
                };
                if let Some(named) = named {
                    let mut d = Draft::new("cast", Category::Cast, Difficulty::Medium)
                        .fact(&key)
                        .shows(&[&key]);
                    // A false statement naming another of the cast is
                    // given away once that one's own part has been shown.
                    if let Some(o) = other.as_deref().filter(|o| facts.in_cast(o)) {
                        d = d.fact(cast_key(o));
                    }
                    out.push(
                        d.true_false(&format!("in {t}, {named} {} {role}.", plays(member)), truth)
                            .explain(format!("That part belongs to {}.", member.name)),
                    );
                }
            }
            None => {
                let Some(phrase) = phrasings.get(unnamed) else {
                    continue;
                };
                unnamed += 1;
                let pool = facts.cast_decoys(member.performer);
                out.push(
                    Draft::new("cast", Category::Cast, Difficulty::Medium)
                        .fact(&key)
                        .prompt(format!(
                            "Which of these {} {phrase} {t}?",
                            noun(member.performer, true)
                        ))
                        .answer(&member.name)
                        .names(pool)
                        .explain(format!("{} is in its main cast.", member.name)),
                );
            }
        }
    }
    not_in_cast(facts, out);
}

/// "Which of these is NOT in the cast?": three of the cast and a decoy of
/// the same kind and shape.
fn not_in_cast(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let cast = &facts.film.cast;
    if cast.len() < 3 {
        return;
    }
    // One kind for all four when the record says who is who and allows it.
    let kinds = [Some(Performer::Actor), Some(Performer::Actress), None];
    let start = out.rng.below(2);
    for kind in kinds[start..].iter().chain(&kinds[..start]) {
        let members: Vec<String> = cast
            .iter()
            .filter(|c| kind.is_none() || c.performer == *kind)
            .map(|c| c.name.clone())
            .collect();
        let decoys = facts.cast_decoys(*kind);
        let Some((decoy, three)) = choices::not_one(out.rng, &members, &decoys) else {
            continue;
        };
        let mut keys: Vec<String> = three.iter().map(|c| cast_key(c)).collect();
        // Showing who is in the cast narrows down who won an award for it.
        keys.extend(
            facts
                .film
                .awards
                .iter()
                .filter(|a| {
                    a.recipient
                        .as_deref()
                        .is_some_and(|r| three.iter().any(|c| same(c, r)))
                })
                .map(|a| super::acting_awards::key(&a.category)),
        );
        let names = three;
        let pushed = out.push_settled(
            Draft::new("cast", Category::Cast, Difficulty::Medium)
                .fact("cast:not")
                .shows(&keys)
                .prompt(format!(
                    "Which of these {} is NOT in the cast of {t}?",
                    noun(*kind, true)
                ))
                .answer(&decoy)
                .wrong(names)
                .explain(format!("{decoy} has no part in it.")),
        );
        if pushed {
            return;
        }
    }
}
