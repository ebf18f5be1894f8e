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
            explain: if facts.partial("praised_for") {
                "Reviewers admired, among other things, its {all}."
            } else {
                "Reviewers admired its {all}."
            },
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
            explain: if facts.partial("themes") {
                "Its ideas include {all}."
            } else {
                "Its ideas: {all}."
            },
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

/// The spans a "best films" list can cover, narrowest first, as choices.
const SPANS: [&str; 4] = ["Of a year", "Of a decade", "Of a century", "Of all time"];

fn span(s: &Standing) -> usize {
    match s {
        Standing::Decade { .. } => 1,
        Standing::Century { .. } => 2,
        Standing::AllTime => 3,
    }
}

/// The widest list it is on, among every span such lists cover. A
/// statement about one list could only be made false with a period before
/// the film was made (which anyone can rule out), so the lists are asked
/// together: the record's lists are complete, so any other span is wrong
/// as the widest.
fn standings(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    // With lists left out, the widest given may not be the widest.
    if facts.partial("standings") {
        return;
    }
    let Some(widest) = facts.film.standings.iter().max_by_key(|s| span(s)) else {
        return;
    };
    let at = span(widest);
    let wrong: Vec<String> = (0..SPANS.len())
        .filter(|&i| i != at)
        .map(|i| SPANS[i].to_string())
        .collect();
    let mut lists: Vec<String> = facts.film.standings.iter().map(period).collect();
    lists.reverse();
    let mut d = Draft::new("reception", Category::Reception, Difficulty::Medium)
        .fact("standings")
        .prompt(format!(
            "At the widest, critics have ranked {t} among the best films of what span?"
        ))
        .answer(SPANS[at])
        .wrong(wrong)
        .explain(format!(
            "Critics rank it among the finest films of {}.",
            format::and_list(&lists)
        ));
    for s in &facts.film.standings {
        d = d.fact(format!("standing:{}", period(s)));
    }
    out.push(d);
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
