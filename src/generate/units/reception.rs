//! How the film was received: the "best films" lists it is on, what
//! critics praised, and the ideas it explores.

use crate::format;
use crate::generate::{Category, Draft, Facts, Out, choices};
use crate::question::{Difficulty, normalize};
use crate::record::Standing;

pub fn ask(facts: &Facts, out: &mut Out) {
    standings(facts, out);
    listed(
        facts,
        out,
        List {
            fact: "praised_for",
            items: &facts.film.praised_for,
            decoys: facts.praise_decoys(),
            category: Category::Reception,
            one: "Which of these did critics single out for praise in {t}?",
            not: "Which of these was NOT among the things critics praised in {t}?",
            explain: "Reviewers admired its {all}.",
        },
    );
    listed(
        facts,
        out,
        List {
            fact: "themes",
            items: &facts.film.themes,
            decoys: facts.theme_decoys(),
            category: Category::Story,
            one: "Which of these ideas does {t} explore?",
            not: "Which of these ideas does {t} NOT explore?",
            explain: "Its ideas: {all}.",
        },
    );
}

fn period(s: &Standing) -> String {
    match *s {
        Standing::Decade { decade } => format!("the {decade}s"),
        Standing::Century { century } => format!("the {} century", format::ordinal(century)),
        Standing::AllTime => "all time".to_string(),
    }
}

/// Each list as a statement: true as it stands, or false for a period that
/// ended before the film came out.
fn standings(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let year = facts.film.year;
    for s in &facts.film.standings {
        let truth = choices::coin(out.rng);
        let shown = match (s.clone(), truth) {
            (_, true) => Some(period(s)),
            (Standing::Decade { decade }, false) => Some(period(&Standing::Decade {
                decade: decade - 20,
            })),
            (Standing::Century { century }, false) if century > 1 => {
                Some(period(&Standing::Century {
                    century: century - 1,
                }))
            }
            (Standing::AllTime, false) => {
                let decade = year - year.rem_euclid(10) - 20;
                Some(period(&Standing::Decade { decade }))
            }
            _ => None,
        };
        let Some(shown) = shown else { continue };
        out.push(
            Draft::new("reception", Category::Reception, Difficulty::Easy)
                .fact(format!("standing:{}", period(s)))
                // One list per game: each tells much about the others.
                .fact("standings")
                .true_false(
                    &format!("critics have ranked {t} among the finest films of {shown}."),
                    truth,
                )
                .explain(format!(
                    "It came out in {year}, and critics rank it among the finest films of {}.",
                    period(s)
                )),
        );
    }
}

struct List<'a> {
    fact: &'static str,
    items: &'a [String],
    decoys: Vec<String>,
    category: Category,
    one: &'static str,
    not: &'static str,
    explain: &'static str,
}

/// One of a list, and which is NOT on it.
fn listed(facts: &Facts, out: &mut Out, list: List) {
    let t = facts.title();
    let taken: Vec<String> = list.items.iter().map(|i| normalize(i)).collect();
    let decoys: Vec<String> = list
        .decoys
        .into_iter()
        .filter(|d| !taken.contains(&normalize(d)))
        .collect();
    // In the other order than the record's, so as not to echo its source.
    let reversed: Vec<&String> = list.items.iter().rev().collect();
    let all = format::and_list(&reversed);
    let explain = list.explain.replace("{all}", &all);
    let upper = |s: &str| format::capitalize(s);
    if let Some(item) = out.rng.pick(list.items).cloned() {
        out.push(
            Draft::new("reception", list.category, Difficulty::Medium)
                .fact(list.fact)
                .prompt(list.one.replace("{t}", t))
                .answer(upper(&item))
                .names(decoys.iter().map(|d| upper(d)).collect::<Vec<_>>())
                .explain(explain.clone()),
        );
    }
    let items: Vec<String> = list.items.iter().map(|i| upper(i)).collect();
    let decoys: Vec<String> = decoys.iter().map(|d| upper(d)).collect();
    if let Some((decoy, three)) = choices::not_one(out.rng, &items, &decoys) {
        out.push(
            Draft::new("reception", list.category, Difficulty::Medium)
                .fact(list.fact)
                .prompt(list.not.replace("{t}", t))
                .answer(decoy)
                .wrong(three)
                .explain(explain),
        );
    }
}
