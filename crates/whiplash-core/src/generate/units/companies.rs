//! The companies: who produced the film and its short, who distributed it,
//! and under which labels.

use crate::format;
use crate::generate::{Category, Draft, Facts, Out, choices};
use crate::question::{Difficulty, normalize, same};

pub fn ask(facts: &Facts, out: &mut Out) {
    producers(facts, out);
    distribution(facts, out);
    short(facts, out);
}

fn producers(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let producers = &facts.film.production_companies;
    let decoys = facts.company_decoys();
    let reversed: Vec<&String> = producers.iter().rev().collect();
    let made_by = if facts.partial("production_companies") {
        format!("Its producers include {}.", format::and_list(&reversed))
    } else {
        format!("It was produced by {}.", format::and_list(&reversed))
    };
    if let Some(producer) = out.rng.pick(producers).cloned() {
        out.push(
            Draft::new("companies", Category::Production, Difficulty::Medium)
                .fact("producers")
                .prompt(format!("Which of these companies produced {t}?"))
                .answer(producer)
                .names(decoys.clone())
                .explain(made_by.clone()),
        );
    }
    if let Some((decoy, three)) = choices::not_one(out.rng, producers, &decoys) {
        out.push(
            Draft::new("companies", Category::Production, Difficulty::Medium)
                .fact("producers")
                .prompt(format!("Which of these companies did NOT produce {t}?"))
                .answer(&decoy)
                .wrong(three)
                .explain(format!("{made_by} {decoy} was not among them.")),
        );
    }
}

/// Several distributors: who released it in each territory, against the
/// others that did not cover it and `decoys.distributors`.
fn distributors(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let all = facts.distributors();
    let decoys = facts.distributor_decoys();
    for (company, territories) in &all {
        let Some(territory) = out.rng.pick(territories).copied() else {
            continue;
        };
        let mut pool: Vec<String> = all
            .iter()
            .filter(|(_, ts)| !ts.iter().any(|x| same(x, territory)))
            .map(|(c, _)| c.to_string())
            .collect();
        pool.extend(decoys.iter().cloned());
        let place = format::place(territory);
        out.push(
            Draft::new("companies", Category::Release, Difficulty::Medium)
                .fact(format!("distributor:{}", normalize(company)))
                .prompt(format!("Which company distributed {t} in {place}?"))
                .answer(*company)
                .names(pool)
                .explain(format!(
                    "{company} released it in {}.",
                    format::and_list(
                        &territories
                            .iter()
                            .map(|x| format::place(x))
                            .collect::<Vec<_>>()
                    )
                )),
        );
    }
}

/// Needs `distribution` (one company, its territory, its labels) or
/// `distributors`, with three `decoys.distributors` for wrong choices.
fn distribution(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let Some(dist) = &facts.film.distribution else {
        distributors(facts, out);
        return;
    };
    let decoys = facts.distributor_decoys();
    out.push(
        Draft::new("companies", Category::Release, Difficulty::Medium)
            .fact("distribution.company")
            .fact("distribution")
            .prompt(format!(
                "Which company distributed {t} across {}?",
                dist.territory
            ))
            .answer(&dist.company)
            .names(decoys.clone())
            .explain(format!(
                "{} handled its release across {}.",
                dist.company, dist.territory
            )),
    );
    for banner in &dist.banners {
        let key = format!("banner:{}", normalize(&banner.territory));
        let mut pool: Vec<String> = dist
            .banners
            .iter()
            .filter(|b| !same(&b.name, &banner.name))
            .map(|b| b.name.clone())
            .collect();
        pool.extend(decoys.iter().cloned());
        let why = format!(
            "{} put it out under {} in {}.",
            dist.company, banner.name, banner.territory
        );
        out.push(
            Draft::new("companies", Category::Release, Difficulty::Hard)
                .fact(&key)
                .fact("distribution")
                .prompt(format!(
                    "Under which label was {t} released in {}?",
                    banner.territory
                ))
                .answer(&banner.name)
                .names(pool)
                .explain(why.clone()),
        );
        // The label stated true, or swapped with another territory's.
        let other = dist.banners.iter().find(|b| !same(&b.name, &banner.name));
        let truth = choices::coin(out.rng) || other.is_none();
        let named = if truth {
            &banner.name
        } else {
            &other.map(|b| b.name.clone()).unwrap_or_default()
        };
        out.push(
            Draft::new("companies", Category::Release, Difficulty::Hard)
                .fact(&key)
                .fact("distribution")
                .shows(&[&key])
                .true_false(
                    &format!(
                        "{t} was released in {} under the {named} label.",
                        banner.territory
                    ),
                    truth,
                )
                .explain(why),
        );
    }
}

fn short(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let Some(short) = &facts.film.short_film else {
        return;
    };
    let helpers = &short.companies;
    let Some(helper) = out.rng.pick(helpers).cloned() else {
        return;
    };
    // Companies of the feature that did not work on the short are certainly
    // wrong too, and tempting.
    let mut pool: Vec<String> = facts
        .film
        .production_companies
        .iter()
        .filter(|p| !helpers.iter().any(|h| same(h, p)))
        .cloned()
        .collect();
    pool.extend(facts.company_decoys());
    out.push(
        Draft::new("companies", Category::Production, Difficulty::Hard)
            .fact("short.companies")
            .prompt(format!(
                "Which of these companies helped make the short film that came before {t}?"
            ))
            .answer(helper)
            .names(pool)
            .explain(format!(
                "The short was made with {}.",
                format::and_list(helpers)
            )),
    );
}
