//! The Wikidata query's results: SPARQL 1.1 query results JSON
//! (`{"head": {"vars": [...]}, "results": {"bindings": [...]}}`) of the
//! query `questions/wikidata/film.rq`.
//!
//! That query returns one row per value, each with `what` saying what the
//! row is (`award`, `nomination`, `director`, `cast`, `voice`, `cost`,
//! `box_office`, `publication`, `filming_location`, `narrative_location`),
//! `statement` (the statement it comes from: rows of one statement are one
//! fact, however many values a qualifier has) and `rank`. Labels come from
//! the label service as `...Label`; a label that is a bare item id
//! (`Q12345`) means the item has no English label, and is never shown as
//! a name: the value is left out and said.
//!
//! - Awards and nominations: the award's label splits into its body and
//!   category (`Academy Award for Best Film Editing` is `Academy Awards`,
//!   `Best Film Editing`); a label without ` for ` takes its body from
//!   `body` (who confers it). The year is `date`'s (the ceremony). People
//!   honoured for their work on the film come as `person`. A nomination
//!   that the same person (or the film) also won is the win alone.
//! - Ranks: a deprecated value is left out; where a property has a
//!   preferred value, only preferred values count.
//! - Dates at year or month precision (`precision` 9 or 10, or written
//!   `1999-00-00`) give only their year.
//! - Money in any currency, by its ISO 4217 code (`currency`); never
//!   converted.

use super::pools::{Pools, key};
use super::tmdb::{kind, plain_type, syntax};
use super::{Gathered, Gender, Honour, Job, Opening, Part, Place, Problem, Showing, Sum};
use crate::record::{Currency, MAX_AMOUNT, Money};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Results {
    head: Head,
    results: Rows,
}

#[derive(Deserialize)]
struct Head {
    vars: Vec<String>,
}

#[derive(Deserialize)]
struct Rows {
    bindings: Vec<BTreeMap<String, Term>>,
}

/// One value of a row: a `uri`, a `literal` (perhaps with a `datatype` or
/// an `xml:lang`) or a `bnode`.
#[derive(Deserialize)]
struct Term {
    #[serde(rename = "type")]
    kind: String,
    value: String,
}

/// The columns the importer needs from the query.
const NEEDED: &[&str] = &["what", "statement", "film"];

/// One statement's rows, and where the first of them is.
struct Group<'a> {
    what: String,
    row: usize,
    rows: Vec<(usize, &'a BTreeMap<String, Term>)>,
}

impl<'a> Group<'a> {
    /// The distinct values of `var`, each with the row it is in.
    fn values(&self, var: &str) -> Vec<(usize, &'a str)> {
        let mut out: Vec<(usize, &'a str)> = Vec::new();
        for (i, row) in &self.rows {
            if let Some(t) = row.get(var)
                && !out.iter().any(|(_, v)| *v == t.value)
            {
                out.push((*i, t.value.as_str()));
            }
        }
        out
    }

    fn first(&self, var: &str) -> Option<(usize, &'a str)> {
        self.values(var).into_iter().next()
    }

    fn rank(&self) -> Rank {
        match self.first("rank") {
            Some((_, r)) if r.ends_with("DeprecatedRank") => Rank::Deprecated,
            Some((_, r)) if r.ends_with("PreferredRank") => Rank::Preferred,
            _ => Rank::Normal,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rank {
    Deprecated,
    Normal,
    Preferred,
}

/// Reads one file of the query's results.
pub(super) fn read(text: &str, pools: &Pools) -> Result<Gathered, Problem> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| syntax(text, &e))?;
    let Some(top) = value.as_object() else {
        return Err(Problem::file(format!(
            "expected the query's results (a JSON object with `head` and `results`), found {}",
            kind(&value)
        )));
    };
    for field in ["head", "results"] {
        if !top.contains_key(field) {
            return Err(Problem {
                at: Some((1, 1)),
                field: Some(field.into()),
                message: "missing: these are not SPARQL query results; run questions/wikidata/film.rq and save its results as JSON (-H 'Accept: application/sparql-results+json')".into(),
            });
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let results: Results = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        Problem::field(text, &path, plain_type(&e.into_inner().to_string()))
    })?;
    if let Some(missing) = NEEDED
        .iter()
        .find(|v| !results.head.vars.iter().any(|x| x == *v))
    {
        return Err(Problem::field(
            text,
            "head.vars",
            format!(
                "no `{missing}` column: these results are not from questions/wikidata/film.rq; run that query (with the film's Q-id in it)"
            ),
        ));
    }
    let rows = &results.results.bindings;
    if rows.is_empty() {
        return Err(Problem::field(
            text,
            "results.bindings",
            "no rows: the query found nothing; check the film's Q-id on its VALUES line",
        ));
    }
    let mut g = Gathered::default();
    let mut film: Option<(usize, &str)> = None;
    let mut groups: Vec<Group> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let at = |var: &str| format!("results.bindings[{i}].{var}");
        for var in NEEDED {
            if !row.contains_key(*var) {
                return Err(Problem::field(
                    text,
                    &format!("results.bindings[{i}]"),
                    format!("this row has no `{var}`; every row of the query has one"),
                ));
            }
        }
        for (var, term) in row {
            if crate::text::escape_controls(&term.value) != term.value {
                return Err(Problem::field(
                    text,
                    &format!("{}.value", at(var)),
                    "holds a control character, which cannot be shown safely",
                ));
            }
            if !matches!(
                term.kind.as_str(),
                "uri" | "literal" | "typed-literal" | "bnode"
            ) {
                return Err(Problem::field(
                    text,
                    &format!("{}.type", at(var)),
                    format!(
                        "{:?} is not a SPARQL term type (uri, literal or bnode)",
                        term.kind
                    ),
                ));
            }
        }
        let this = row["film"].value.as_str();
        match film {
            None => film = Some((i, this)),
            Some((_, first)) if first != this => {
                return Err(Problem::field(
                    text,
                    &at("film"),
                    format!(
                        "a second film ({}, after {}): the query found several films; put one film's Q-id on its VALUES line",
                        item_of(this),
                        item_of(first)
                    ),
                ));
            }
            Some(_) => {}
        }
        let what = row["what"].value.clone();
        let statement = row["statement"].value.as_str();
        match groups
            .iter_mut()
            .find(|gr| gr.what == what && gr.rows[0].1["statement"].value == statement)
        {
            Some(gr) => gr.rows.push((i, row)),
            None => groups.push(Group {
                what,
                row: i,
                rows: vec![(i, row)],
            }),
        }
    }
    if let Some(label) = rows[0].get("filmLabel").map(|t| t.value.as_str()) {
        if super::is_item_id(label) {
            g.notes.push(format!(
                "the film {label} has no English label on Wikidata; its title must come from TMDB"
            ));
        } else {
            g.title = Some(crate::import::clean(label));
        }
    }
    // Preferred values of a property win over normal ones.
    let preferred: Vec<&str> = groups
        .iter()
        .filter(|gr| gr.rank() == Rank::Preferred)
        .map(|gr| gr.what.as_str())
        .collect();
    let mut first_year: Option<i32> = None;
    for gr in &groups {
        let rank = gr.rank();
        let place = format!("results.bindings[{}]", gr.row);
        if rank == Rank::Deprecated {
            g.notes.push(format!(
                "{place}: a deprecated {} is left out",
                noun(&gr.what)
            ));
            continue;
        }
        let outranked = rank == Rank::Normal && preferred.contains(&gr.what.as_str());
        match gr.what.as_str() {
            "award" | "nomination" => honour(text, gr, pools, &mut g)?,
            "director" => {
                if let Some(name) = person(gr, &mut g) {
                    g.crew.push(Job {
                        name,
                        job: "director",
                    });
                }
            }
            "cast" | "voice" => {
                let voice = gr.what == "voice";
                if let Some(name) = person(gr, &mut g) {
                    let roles: Vec<String> = gr
                        .values("roleLabel")
                        .into_iter()
                        .map(|(_, r)| r)
                        .filter(|r| !super::is_item_id(r))
                        .map(crate::import::clean)
                        .filter(|r| !r.is_empty())
                        .collect();
                    let character = (!roles.is_empty()).then(|| roles.join(" and "));
                    match g.cast.iter_mut().find(|p| key(&p.name) == key(&name)) {
                        Some(p) => {
                            p.voice |= voice;
                            if p.character.is_none() {
                                p.character = character;
                            }
                        }
                        None => {
                            let order = g.cast.len() as i64;
                            g.cast.push(Part {
                                gender: gender(gr),
                                name,
                                character,
                                voice,
                                order,
                            });
                        }
                    }
                }
            }
            "cost" | "box_office" => {
                if outranked {
                    continue;
                }
                let Some(money) = money(text, gr, &mut g)? else {
                    continue;
                };
                let sum = Sum {
                    money,
                    preferred: rank == Rank::Preferred,
                };
                if gr.what == "cost" {
                    g.budget.push(sum);
                    continue;
                }
                // Takings with no place, or worldwide, are the total.
                match gr.first("placeLabel").map(|(_, p)| p) {
                    None => g.gross.push(sum),
                    Some(p) if key(p) == "worldwide" || key(p) == "world" => g.gross.push(sum),
                    Some(p) if super::is_item_id(p) => g.notes.push(format!(
                        "{place}: takings in a place with no English label ({p}) are left out"
                    )),
                    Some(p) => match pools.country_by_name(p) {
                        Some(c) => g.grosses.push((c.name.clone(), sum)),
                        None => g.notes.push(format!(
                            "{place}: takings in {p:?} are left out: not a country the game knows"
                        )),
                    },
                }
            }
            "publication" => {
                let Some((date, year)) = date(text, gr)? else {
                    continue;
                };
                first_year = Some(first_year.map_or(year, |y| y.min(year)));
                let Some(date) = date else {
                    g.notes.push(format!(
                        "{place}: a publication date known only to its year or month ({year}) gives only the year"
                    ));
                    continue;
                };
                for (_, p) in gr.values("placeLabel") {
                    if super::is_item_id(p) {
                        g.notes.push(format!(
                            "{place}: a publication in a place with no English label ({p}) is left out"
                        ));
                    } else if let Some(c) = pools.country_by_name(p) {
                        g.openings.push(Opening {
                            country: c.name.clone(),
                            date,
                            showing: Showing::Cinemas,
                            note: String::new(),
                        });
                    } else if let Some(f) = pools.festival(p) {
                        g.events.push(f.name.clone());
                        g.openings.push(Opening {
                            country: String::new(),
                            date,
                            showing: Showing::Premiere,
                            note: f.name.clone(),
                        });
                    } else {
                        g.notes.push(format!(
                            "{place}: a publication in {p:?} is left out: not a country or festival the game knows"
                        ));
                    }
                }
            }
            "filming_location" | "narrative_location" => {
                for (_, p) in gr.values("placeLabel") {
                    if super::is_item_id(p) {
                        g.notes.push(format!(
                            "{place}: a {} with no English label ({p}) is left out",
                            noun(&gr.what)
                        ));
                        continue;
                    }
                    let city = gr
                        .first("placeIsCity")
                        .is_some_and(|(_, v)| v == "true" || v == "1");
                    let list = if gr.what == "filming_location" {
                        &mut g.filming
                    } else {
                        &mut g.setting
                    };
                    list.push(Place {
                        name: crate::import::clean(p),
                        city,
                    });
                }
            }
            other => g.notes.push(format!(
                "{place}: rows of kind {:?} are not read",
                crate::text::escape_controls(other)
            )),
        }
    }
    g.year = first_year;
    Ok(g)
}

/// What a row of kind `what` is, in words: "cast member", "box office".
fn noun(what: &str) -> &str {
    match what {
        "cast" => "cast member",
        "voice" => "voice actor",
        "box_office" => "box office figure",
        "filming_location" => "filming location",
        "narrative_location" => "narrative location",
        "publication" => "publication date",
        other => other,
    }
}

/// `Q12345` from an item's address.
fn item_of(uri: &str) -> &str {
    uri.rsplit('/').next().unwrap_or(uri)
}

/// The person of a row, by label, added to the credits; `None` (and a
/// note) when the label is missing or a bare item id.
fn person(gr: &Group, g: &mut Gathered) -> Option<String> {
    let (row, label) = gr.first("personLabel")?;
    if super::is_item_id(label) {
        g.notes.push(format!(
            "results.bindings[{row}]: a {} with no English label ({label}) is left out",
            noun(&gr.what)
        ));
        return None;
    }
    let name = crate::import::clean(label);
    (!name.is_empty()).then(|| {
        g.credits.push(name.clone());
        name
    })
}

/// A person's gender, from `gender` (an item's address).
fn gender(gr: &Group) -> Option<Gender> {
    let (_, uri) = gr.first("gender")?;
    Some(match item_of(uri) {
        "Q6581072" | "Q1052281" => Gender::Female,
        "Q6581097" | "Q2449503" => Gender::Male,
        _ => Gender::Other,
    })
}

/// The sum of a cost or box-office row, in its own currency; `None` (and
/// a note) when its unit has no ISO 4217 code or the sum is out of bounds.
fn money(text: &str, gr: &Group, g: &mut Gathered) -> Result<Option<Money>, Problem> {
    let Some((row, raw)) = gr.first("amount") else {
        return Ok(None);
    };
    let amount: f64 = raw.trim_start_matches('+').parse().map_err(|_| {
        Problem::field(
            text,
            &format!("results.bindings[{row}].amount.value"),
            format!(
                "expected an amount such as \"3300000\", found {:?}",
                crate::text::escape_controls(raw)
            ),
        )
    })?;
    let code = gr.first("currency").map(|(_, c)| c.trim());
    let Some(currency) = code.and_then(|c| c.parse::<Currency>().ok()) else {
        g.notes.push(format!(
            "results.bindings[{row}]: a {} of {raw} in a unit with no ISO 4217 currency code ({}) is left out",
            noun(&gr.what),
            code.unwrap_or("none")
        ));
        return Ok(None);
    };
    let whole = amount.round();
    if !(whole.is_finite() && (1.0..=MAX_AMOUNT).contains(&whole)) {
        g.notes.push(format!(
            "results.bindings[{row}]: a {} of {raw} is left out: not a sum from 1 to 999 billion",
            noun(&gr.what)
        ));
        return Ok(None);
    }
    Ok(Some(Money::exact(whole, currency)))
}

/// A row's `date`: the day (when known to the day) and the year. Year or
/// month precision (`precision` 9 or 10, or a date written `1999-00-00`)
/// gives the year alone.
fn date(text: &str, gr: &Group) -> Result<Option<(Option<NaiveDate>, i32)>, Problem> {
    let Some((row, raw)) = gr.first("date") else {
        return Ok(None);
    };
    let bad = || {
        Problem::field(
            text,
            &format!("results.bindings[{row}].date.value"),
            format!(
                "expected a date such as \"2001-12-31T00:00:00Z\", found {:?}",
                crate::text::escape_controls(raw)
            ),
        )
    };
    let t = raw.trim_start_matches('+');
    let year: i32 = t.get(..4).and_then(|y| y.parse().ok()).ok_or_else(bad)?;
    if t.get(4..5) != Some("-") && t.len() > 4 {
        return Err(bad());
    }
    let precision: Option<u32> = gr.first("precision").and_then(|(_, p)| p.parse().ok());
    let day = match precision {
        Some(p) if p < 11 => None,
        _ => t.get(..10).and_then(super::leading_date),
    };
    // `1999-00-00` is a year; anything else that is not a date is broken.
    if day.is_none()
        && precision.is_none_or(|p| p >= 11)
        && !t.get(5..10).is_some_and(|md| md.ends_with("-00"))
    {
        return Err(bad());
    }
    Ok(Some((day.filter(|d| d.year() == year), year)))
}

/// An award or nomination row group, with its body and category.
fn honour(text: &str, gr: &Group, pools: &Pools, g: &mut Gathered) -> Result<(), Problem> {
    let place = format!("results.bindings[{}]", gr.row);
    let Some((_, label)) = gr.first("itemLabel") else {
        return Ok(());
    };
    if super::is_item_id(label) {
        g.notes.push(format!(
            "{place}: an award with no English label ({label}) is left out"
        ));
        return Ok(());
    }
    let label = crate::import::clean(label);
    let bodies: Vec<String> = gr
        .values("bodyLabel")
        .into_iter()
        .map(|(_, b)| b)
        .filter(|b| !super::is_item_id(b))
        .map(crate::import::clean)
        .collect();
    let Some((body, category)) = split_award(&label, &bodies, pools) else {
        g.notes.push(format!(
            "{place}: the award {label:?} is left out: its label names no body and no body is given for it"
        ));
        return Ok(());
    };
    let year = date(text, gr)?.map(|(_, y)| y);
    let mut people = Vec::new();
    for (row, p) in gr.values("personLabel") {
        if super::is_item_id(p) {
            g.notes.push(format!(
                "results.bindings[{row}]: someone with no English label ({p}) is left out of {label:?}"
            ));
        } else {
            let name = crate::import::clean(p);
            g.credits.push(name.clone());
            people.push(name);
        }
    }
    let item = gr
        .first("item")
        .map(|(_, i)| i.to_string())
        .unwrap_or_else(|| label.clone());
    g.events.push(body.clone());
    g.honours.push(Honour {
        item,
        body,
        category,
        year,
        won: gr.what == "award",
        people,
    });
    Ok(())
}

/// An award's body and category from its label: `X Award for Y` is body
/// `X Awards` (or the pool's name for it) and category `Y`; any other
/// label takes the first named body given, less the words it starts with
/// that name that body (`Lisbon Golden Lighthouse` at `Lisbon Film
/// Festival` is `Golden Lighthouse`).
pub(crate) fn split_award(
    label: &str,
    bodies: &[String],
    pools: &Pools,
) -> Option<(String, String)> {
    if let Some((before, after)) = label.split_once(" for ") {
        let before = before.trim();
        let after = after.trim();
        let awardish = ["Award", "Awards", "Prize", "Prizes"]
            .iter()
            .any(|w| before.ends_with(w));
        if awardish && !after.is_empty() {
            let body = match pools.body(before) {
                Some(b) => b.body.clone(),
                None if before.ends_with("Award") || before.ends_with("Prize") => {
                    format!("{before}s")
                }
                None => before.to_string(),
            };
            return Some((body, after.to_string()));
        }
    }
    let given = bodies.first()?;
    let known = pools
        .body(given)
        .map(|b| (&b.body, &b.aliases))
        .or_else(|| pools.festival(given).map(|f| (&f.name, &f.aliases)));
    let (body, names): (String, Vec<String>) = match known {
        Some((name, aliases)) => (
            name.clone(),
            std::iter::once(name.clone())
                .chain(aliases.iter().cloned())
                .chain([given.clone()])
                .collect(),
        ),
        None => (given.clone(), vec![given.clone()]),
    };
    let mut category = label.to_string();
    let mut names = names;
    // And each name's first word: "Lisbon Golden Lighthouse" at "Lisbon
    // Film Festival".
    let firsts: Vec<String> = names
        .iter()
        .filter_map(|n| n.split_whitespace().next())
        .map(str::to_string)
        .collect();
    names.extend(firsts);
    // The longest name first, so "Lisbon Film Festival" goes before
    // "Lisbon".
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for n in &names {
        if let Some(rest) = category.strip_prefix(n.as_str())
            && rest.starts_with(' ')
        {
            category = rest.trim().to_string();
            break;
        }
    }
    let category = category
        .trim_start_matches(|c: char| c == ':' || c == '-' || c.is_whitespace())
        .to_string();
    (!category.is_empty()).then_some((body, category))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::film::pools::pools;

    #[test]
    fn award_labels_split_into_body_and_category() {
        let p = pools().unwrap();
        let split = |label: &str, bodies: &[&str]| {
            let bodies: Vec<String> = bodies.iter().map(|b| b.to_string()).collect();
            split_award(label, &bodies, p)
        };
        assert_eq!(
            split("Academy Award for Best Film Editing", &[]),
            Some(("Academy Awards".into(), "Best Film Editing".into()))
        );
        assert_eq!(
            split("Goya Award for Best New Actor", &[]),
            Some(("Goya Awards".into(), "Best New Actor".into()))
        );
        assert_eq!(
            split("Berlinale Golden Bear", &["Berlinale"]),
            Some((
                "Berlin International Film Festival".into(),
                "Golden Bear".into()
            ))
        );
        assert_eq!(
            split("Lisbon Golden Lighthouse", &["Lisbon Film Festival"]),
            Some(("Lisbon Film Festival".into(), "Golden Lighthouse".into()))
        );
        assert_eq!(
            split("Golden Bear", &["Berlin International Film Festival"]),
            Some((
                "Berlin International Film Festival".into(),
                "Golden Bear".into()
            ))
        );
        assert_eq!(split("Golden Bear", &[]), None);
    }
}
