//! From what the sources say to one film record: the merge, the record's
//! sections, its decoys from the shipped pools, the review `check` would
//! make (anything that could never be asked fairly is left out and said),
//! and the JSON written out.
//!
//! Merge rules: TMDB for the cast, the crew, the companies, the countries,
//! languages and genres, the money and the dates; Wikidata for the awards
//! and the places (where it was shot and set). Each fills in what the
//! other lacks: Wikidata's cast, directors, sums and publication dates
//! when there is no TMDB file (or TMDB gives none), its voice actors and
//! genders for TMDB's cast, and its title and year where TMDB has none.

use super::pools::{self, Pools, key, words_of};
use super::{Gathered, Gender, Honour, Opening, Part, Showing, Sum};
use crate::generate::{self, unsettled};
use crate::question::Question;
use crate::record::{
    Award, AwardResult, CastMember, CrewMember, DecoyAwards, Decoys, Film, Filming, Money,
    Premiere, PremiereKind, Release, ReleaseKind, TerritoryGross, TerritoryRelease,
};
use crate::rng::GameRng;
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashSet};

/// How many of the cast (by billing) the record keeps, besides anyone an
/// award names. The rest stay in the credits, never a wrong choice.
pub(crate) const CAST_KEPT: usize = 15;

/// How many openings after the main one the record keeps (every earlier
/// one is kept, so that "first" is never claimed wrongly).
pub(crate) const LATER_OPENINGS: usize = 8;

/// The jobs in the order a crew member's jobs are written.
const JOBS: [&str; 6] = [
    "director",
    "writer",
    "producer",
    "composer",
    "cinematographer",
    "editor",
];

/// The record, written, and what was left out.
pub(super) struct Built {
    pub film: Film,
    pub json: String,
    pub notes: Vec<String>,
}

/// Merges what the sources say into one record; an error (in words) only
/// when neither gives the film's title or year.
pub(super) fn build(
    tmdb: Option<Gathered>,
    wiki: Option<Gathered>,
    pools: &Pools,
) -> Result<Built, String> {
    let t = tmdb.unwrap_or_default();
    let w = wiki.unwrap_or_default();
    let mut notes: Vec<String> = t.notes.iter().chain(&w.notes).cloned().collect();
    let title = t.title.clone().or_else(|| w.title.clone()).ok_or(
        "no title: TMDB's file gives `title`; a Wikidata film needs an English label (or import its TMDB file too)",
    )?;
    let first_opening = t
        .openings
        .iter()
        .chain(&w.openings)
        .map(|o| o.date.year())
        .min();
    let year = t.year.or(w.year).or(first_opening).ok_or(
        "no year: neither file dates the film (TMDB's `release_date`, Wikidata's publication dates)",
    )?;
    if !(1870..=2200).contains(&year) {
        return Err(format!(
            "the film's year {year} is not between 1870 and 2200"
        ));
    }
    // Everyone either source credits, in any part or job.
    let mut credits: HashSet<String> = HashSet::new();
    for g in [&t, &w] {
        credits.extend(g.credits.iter().map(|n| key(n)));
        credits.extend(g.cast.iter().map(|p| key(&p.name)));
        credits.extend(g.crew.iter().map(|j| key(&j.name)));
        credits.extend(
            g.honours
                .iter()
                .flat_map(|h| h.people.iter().map(|p| key(p))),
        );
    }

    let honoured: HashSet<String> = w
        .honours
        .iter()
        .flat_map(|h| h.people.iter().map(|p| key(p)))
        .collect();
    let (cast, trimmed) = cast(&t, &w, &honoured);
    let crew = crew(&t, &w);
    // The record's spelling of each person, for the awards.
    let mut spelled: BTreeMap<String, String> = BTreeMap::new();
    for c in &cast {
        spelled.insert(key(&c.name), c.name.clone());
    }
    for c in &crew {
        spelled.insert(key(&c.name), c.name.clone());
    }

    let openings: Vec<Opening> = if t.openings.iter().any(|o| o.showing != Showing::Premiere) {
        t.openings.clone()
    } else {
        let mut all = t.openings.clone();
        all.extend(w.openings.iter().cloned());
        all
    };
    let (release, releases) = release(&openings, &t.countries, pools);
    // Later festival showings are not kept: no source lists them all, so
    // "which of these festivals also showed it?" could offer one that did.
    // They stay among the events no wrong choice may name.
    let premiere = premiere(&openings, pools);

    let budget = pick(&t.budget, &w.budget, "budget", &mut notes);
    let gross = latest(&t.gross, &w.gross, &mut notes);
    let mut grosses: Vec<TerritoryGross> = Vec::new();
    for (territory, sum) in &w.grosses {
        if !grosses.iter().any(|g| key(&g.territory) == key(territory)) {
            grosses.push(TerritoryGross {
                territory: territory.clone(),
                gross: sum.money,
            });
        }
    }

    let awards = awards(&w.honours, &spelled);

    let filming = filming(&w, &mut notes);

    let mut film = Film {
        title,
        year,
        original_title: None,
        languages: t.languages.clone(),
        countries: t.countries.clone(),
        genres: t.genres.clone(),
        crew,
        cast,
        setting: None,
        production_companies: t.companies.clone(),
        distribution: None,
        distributors: Vec::new(),
        script: None,
        short_film: None,
        filming,
        themes: Vec::new(),
        premiere,
        screenings: Vec::new(),
        release,
        releases,
        praised_for: Vec::new(),
        budget,
        gross,
        grosses,
        director_rank: None,
        awards,
        standings: Vec::new(),
        partial: Vec::new(),
        decoys: None,
    };
    if trimmed > 0 {
        film.partial.push("cast".into());
        notes.push(format!(
            "cast: the first {} of the billing are kept ({trimmed} more are credited, and never a wrong choice)",
            film.cast.len()
        ));
    }
    // Everything the sources name: no decoy may be any of it.
    let mut taken = credits;
    for g in [&t, &w] {
        taken.extend(g.companies.iter().map(|c| key(c)));
        taken.extend(g.events.iter().map(|e| key(e)));
        taken.extend(g.filming.iter().chain(&g.setting).map(|p| key(&p.name)));
    }
    film.decoys = Some(decoys(&film, &taken, &t, &w, pools));
    review(&mut film, &mut notes);
    film.partial.sort();
    film.partial.dedup();
    let json = write(&film);
    let film = crate::record::parse("the imported record", &json).map_err(|e| {
        format!(
            "the imported record does not pass the record's own checks (please report this): {e}"
        )
    })?;
    Ok(Built { film, json, notes })
}

/// `J.K. Smith` written `J. K. Smith`, as the game writes initials, so
/// that wrong choices with initials are drawn for it.
pub(crate) fn spaced_initials(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            let chars: Vec<char> = word.chars().collect();
            let initials = chars.len() >= 4
                && chars.len().is_multiple_of(2)
                && chars
                    .chunks(2)
                    .all(|p| p[0].is_alphabetic() && p[0].is_uppercase() && p[1] == '.');
            if initials {
                chars
                    .chunks(2)
                    .map(|p| format!("{}.", p[0]))
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Nouns that end a part described rather than named ("Dorm Neighbor",
/// "Jazz Club Patron"): such a part reads "the dorm neighbor".
const DESCRIBED_BY: &[&str] = &[
    "agent",
    "assistant",
    "attendant",
    "bartender",
    "boy",
    "bystander",
    "cashier",
    "clerk",
    "cop",
    "customer",
    "dancer",
    "detective",
    "doctor",
    "driver",
    "drummer",
    "girl",
    "guard",
    "guest",
    "guy",
    "host",
    "janitor",
    "kid",
    "lady",
    "man",
    "manager",
    "musician",
    "neighbor",
    "neighbour",
    "nurse",
    "officer",
    "patron",
    "pianist",
    "player",
    "police",
    "policeman",
    "receptionist",
    "reporter",
    "singer",
    "soldier",
    "student",
    "teacher",
    "technician",
    "waiter",
    "waitress",
    "woman",
];

/// A part as TMDB writes it, worded for "who plays": a named character
/// as it is, a described one ("Dorm Neighbor", "Student #2") as "the dorm
/// neighbor".
fn described(part: String) -> String {
    let words: Vec<&str> = part.split_whitespace().collect();
    let last = words
        .iter()
        .rev()
        .find(|w| !w.starts_with('#') && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| w.to_lowercase());
    let described = last.is_some_and(|l| DESCRIBED_BY.contains(&l.as_str()))
        && words.iter().all(|w| !w.ends_with('.'));
    if described {
        format!("the {}", part.to_lowercase())
    } else {
        part
    }
}

/// A character's name as a part reads after "who plays": without TMDB's
/// `(voice)` or `(uncredited)`, and none for someone playing themselves.
pub(crate) fn role_of(character: &str) -> Option<String> {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in character.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let out = out
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c == '-' || c == '/' || c == ',' || c.is_whitespace())
        .to_string();
    let first = words_of(&out).into_iter().next().unwrap_or_default();
    let themselves = [
        "himself",
        "herself",
        "self",
        "themselves",
        "themself",
        "uncredited",
    ];
    if out.is_empty() || themselves.contains(&first.as_str()) {
        None
    } else {
        Some(described(out))
    }
}

/// The record's cast: TMDB's (or else Wikidata's) by billing, the first
/// [`CAST_KEPT`] and anyone an award names; each person once, with every
/// part. Returns it and how many credited performers were left out.
fn cast(t: &Gathered, w: &Gathered, honoured: &HashSet<String>) -> (Vec<CastMember>, usize) {
    let source = if t.cast.is_empty() { &w.cast } else { &t.cast };
    let other = |name: &str| w.cast.iter().find(|p| key(&p.name) == key(name));
    // Each person once, parts joined, billed where first billed.
    let mut people: Vec<Part> = Vec::new();
    for p in source {
        match people.iter_mut().find(|q| key(&q.name) == key(&p.name)) {
            Some(q) => {
                q.order = q.order.min(p.order);
                q.voice |= p.voice;
                q.character = match (q.character.take(), &p.character) {
                    (Some(a), Some(b)) if key(&a) != key(b) => Some(format!("{a} / {b}")),
                    (a, b) => a.or_else(|| b.clone()),
                };
            }
            None => people.push(p.clone()),
        }
    }
    people.sort_by_key(|p| p.order);
    let total = people.len();
    let kept: Vec<Part> = people
        .into_iter()
        .enumerate()
        .filter(|(i, p)| *i < CAST_KEPT || honoured.contains(&key(&p.name)))
        .map(|(_, p)| p)
        .collect();
    let mut roles: Vec<Option<String>> = kept
        .iter()
        .map(|p| p.character.as_deref().and_then(role_of))
        .collect();
    // A part two of them are credited with ("Student") names no one.
    for i in 0..roles.len() {
        let Some(r) = roles[i].clone() else { continue };
        let shared: Vec<usize> = (0..roles.len())
            .filter(|&j| roles[j].as_deref().is_some_and(|x| key(x) == key(&r)))
            .collect();
        if shared.len() > 1 {
            for j in shared {
                roles[j] = None;
            }
        }
    }
    let members = kept
        .iter()
        .zip(roles)
        .map(|(p, role)| {
            let wiki = other(&p.name);
            let gender: Option<Gender> = p.gender.or_else(|| wiki.and_then(|x| x.gender));
            let voice = p.voice || wiki.is_some_and(|x| x.voice);
            CastMember {
                name: spaced_initials(&p.name),
                role,
                performer: gender.and_then(Gender::performer),
                voice: voice.then_some(true),
            }
        })
        .collect::<Vec<_>>();
    let left = total - members.len();
    (members, left)
}

/// The record's crew: TMDB's jobs the game asks about (or else Wikidata's
/// directors, and Wikidata's directors where TMDB names none), each
/// person once with every job.
fn crew(t: &Gathered, w: &Gathered) -> Vec<CrewMember> {
    let mut jobs = t.crew.clone();
    if !jobs.iter().any(|j| j.job == "director") {
        jobs.extend(w.crew.iter().filter(|j| j.job == "director").cloned());
    }
    let mut out: Vec<CrewMember> = Vec::new();
    for j in &jobs {
        let name = spaced_initials(&j.name);
        match out.iter_mut().find(|c| key(&c.name) == key(&name)) {
            Some(c) => {
                if !c.jobs.iter().any(|x| x == j.job) {
                    c.jobs.push(j.job.to_string());
                }
            }
            None => out.push(CrewMember {
                name,
                jobs: vec![j.job.to_string()],
            }),
        }
    }
    for c in &mut out {
        c.jobs
            .sort_by_key(|j| JOBS.iter().position(|x| x == j).unwrap_or(JOBS.len()));
    }
    out
}

/// The main cinema release and the other territories' openings. The main
/// one is in the country that made the film (its first), or else the
/// earliest; a type 2 opening is limited, a type 3 wide. Its countries
/// are every country that opened that day, when three or fewer did.
fn release(
    openings: &[Opening],
    made_in: &[String],
    pools: &Pools,
) -> (Option<Release>, Vec<TerritoryRelease>) {
    // Each country's first day in cinemas, and how, in the sources' order.
    let mut first: Vec<(String, NaiveDate, Showing)> = Vec::new();
    for o in openings.iter().filter(|o| o.showing != Showing::Premiere) {
        if o.country.is_empty() {
            continue;
        }
        match first.iter_mut().find(|(c, _, _)| *c == o.country) {
            Some(e) => {
                if (o.date, o.showing) < (e.1, e.2) {
                    (e.1, e.2) = (o.date, o.showing);
                }
            }
            None => first.push((o.country.clone(), o.date, o.showing)),
        }
    }
    let day = |country: &str| {
        first
            .iter()
            .find(|(c, _, _)| c == country)
            .map(|e| (e.1, e.2))
    };
    // The earliest, the first listed of those on that day.
    let earliest = first
        .iter()
        .enumerate()
        .min_by_key(|(i, (_, d, _))| (*d, *i))
        .map(|(_, (c, _, _))| c.clone());
    let home = made_in
        .first()
        .filter(|c| day(c).is_some())
        .cloned()
        .or(earliest);
    let Some(home) = home else {
        return (None, Vec::new());
    };
    let Some((date, showing)) = day(&home) else {
        return (None, Vec::new());
    };
    let mut countries = vec![home.clone()];
    let same_day: Vec<String> = first
        .iter()
        .filter(|(c, d, _)| *c != home && *d == date)
        .map(|(c, _, _)| c.clone())
        .collect();
    if same_day.len() < 3 {
        countries.extend(same_day);
    }
    let market = |c: &str| pools.country_by_name(c).is_some_and(|p| p.market);
    let mut others: Vec<(NaiveDate, String)> = first
        .iter()
        .filter(|(c, _, _)| !countries.contains(c))
        .map(|(c, d, _)| (*d, c.clone()))
        .collect();
    others.sort();
    let mut later = 0;
    let mut releases = Vec::new();
    for (d, c) in others {
        let keep = d < date || (market(&c) && later < LATER_OPENINGS);
        if keep {
            if d >= date {
                later += 1;
            }
            releases.push(TerritoryRelease {
                territory: c,
                date: d,
            });
        }
    }
    let release = Release {
        date,
        countries,
        kind: if showing == Showing::Limited {
            ReleaseKind::Limited
        } else {
            ReleaseKind::Wide
        },
        widest_screens: None,
        gradual: None,
        closed: None,
    };
    (Some(release), releases)
}

/// The premiere: the first showing at a festival or similar event, before
/// any cinema opening.
fn premiere(openings: &[Opening], pools: &Pools) -> Option<Premiere> {
    let opened = openings
        .iter()
        .filter(|o| o.showing != Showing::Premiere)
        .map(|o| o.date)
        .min();
    let mut events: Vec<(NaiveDate, String)> = openings
        .iter()
        .filter(|o| o.showing == Showing::Premiere && super::tmdb::looks_like_event(&o.note, pools))
        .map(|o| {
            let name = pools
                .festival(&o.note)
                .map(|f| f.name.clone())
                .unwrap_or_else(|| o.note.clone());
            (o.date, name)
        })
        .collect();
    events.sort();
    let (date, event) = events
        .iter()
        .find(|(d, _)| opened.is_none_or(|o| *d < o))
        .cloned()?;
    Some(Premiere {
        event,
        date,
        kind: PremiereKind::Festival,
        in_competition: None,
        opening_film: None,
        city: None,
    })
}

/// The sums to choose among: TMDB's, or else Wikidata's (its preferred
/// values where it has any), and the currency kept (US dollars if any
/// value is in them, else the first value's).
fn candidates<'a>(
    tmdb: &'a [Sum],
    wiki: &'a [Sum],
) -> Option<(Vec<&'a Sum>, crate::record::Currency)> {
    let from = if tmdb.is_empty() { wiki } else { tmdb };
    let preferred: Vec<&Sum> = from.iter().filter(|s| s.preferred).collect();
    let sums: Vec<&Sum> = if preferred.is_empty() {
        from.iter().collect()
    } else {
        preferred
    };
    let currency = sums
        .iter()
        .map(|s| s.money.currency)
        .find(|c| *c == crate::record::Currency::USD)
        .or_else(|| sums.first().map(|s| s.money.currency))?;
    Some((sums, currency))
}

/// One sum from the sources' values: TMDB's, or else Wikidata's (its
/// preferred values where it has any). Several values in one currency are
/// a range, marked approximate; values in another currency are left out.
fn pick(tmdb: &[Sum], wiki: &[Sum], what: &str, notes: &mut Vec<String>) -> Option<Money> {
    let (sums, currency) = candidates(tmdb, wiki)?;
    let mut values: Vec<f64> = Vec::new();
    for s in &sums {
        if s.money.currency != currency {
            notes.push(format!(
                "{what}: a value in {} is left out, beside the {} one (sums are never converted)",
                s.money.currency.code(),
                currency.code()
            ));
            continue;
        }
        let v = s.money.middle();
        if !values.contains(&v) {
            values.push(v);
        }
    }
    values.sort_by(f64::total_cmp);
    match values[..] {
        [] => None,
        [one] => Some(Money::exact(one, currency)),
        [lo, .., hi] => {
            notes.push(format!(
                "{what}: the sources give {} values, kept as a range",
                values.len()
            ));
            Some(Money {
                amount: None,
                min: Some(lo),
                max: Some(hi),
                currency,
                approximate: true,
            })
        }
    }
}

/// The takings: TMDB's, or else Wikidata's (preferred values where it has
/// any). Several values are the total as it grew, so the largest is kept.
fn latest(tmdb: &[Sum], wiki: &[Sum], notes: &mut Vec<String>) -> Option<Money> {
    let (sums, currency) = candidates(tmdb, wiki)?;
    let same: Vec<f64> = sums
        .iter()
        .filter(|s| s.money.currency == currency)
        .map(|s| s.money.middle())
        .collect();
    if same.len() < sums.len() {
        notes.push(format!(
            "takings: values in other currencies than {} are left out (sums are never converted)",
            currency.code()
        ));
    }
    let most = same.iter().copied().fold(f64::NAN, f64::max);
    if same.len() > 1 {
        notes.push(format!(
            "takings: the sources give {} totals; the largest, the latest, is kept",
            same.len()
        ));
    }
    most.is_finite().then(|| Money::exact(most, currency))
}

/// The awards: each award and year once, with everyone honoured, spelled
/// as the cast and crew spell them; a nomination that was also won is the
/// win alone.
fn awards(honours: &[Honour], spelled: &BTreeMap<String, String>) -> Vec<Award> {
    let mut merged: Vec<Honour> = Vec::new();
    for h in honours {
        match merged
            .iter_mut()
            .find(|m| m.item == h.item && m.year == h.year && m.won == h.won)
        {
            Some(m) => {
                for p in &h.people {
                    if !m.people.iter().any(|x| key(x) == key(p)) {
                        m.people.push(p.clone());
                    }
                }
            }
            None => merged.push(h.clone()),
        }
    }
    let wins: Vec<Honour> = merged.iter().filter(|h| h.won).cloned().collect();
    merged
        .into_iter()
        .filter(|h| {
            h.won
                || !wins.iter().any(|w| {
                    w.item == h.item
                        && w.year == h.year
                        && (h.people.is_empty()
                            || h.people
                                .iter()
                                .all(|p| w.people.iter().any(|x| key(x) == key(p))))
                })
        })
        .map(|h| {
            let people: Vec<String> = h
                .people
                .iter()
                .map(|p| {
                    spelled
                        .get(&key(p))
                        .cloned()
                        .unwrap_or_else(|| spaced_initials(p))
                })
                .collect();
            let (recipient, recipients) = match people.len() {
                0 => (None, None),
                1 => (people.into_iter().next(), None),
                _ => (None, Some(people)),
            };
            Award {
                body: h.body,
                year: h.year.filter(|y| (1870..=2200).contains(y)),
                category: h.category,
                result: if h.won {
                    AwardResult::Won
                } else {
                    AwardResult::Nominated
                },
                recipient,
                recipients,
                shared_with: None,
            }
        })
        .collect()
}

/// The shoot's city: Wikidata's filming location, when it names one city
/// only (a film shot in several places has no one answer).
fn filming(w: &Gathered, notes: &mut Vec<String>) -> Option<Filming> {
    match &w.filming[..] {
        [] => None,
        [one] if one.city => Some(Filming {
            month: None,
            from: None,
            to: None,
            city: Some(one.name.clone()),
            days: None,
        }),
        [one] => {
            notes.push(format!(
                "filming: {:?} is not a city, so where it was shot is not asked",
                one.name
            ));
            None
        }
        many => {
            notes.push(format!(
                "filming: {} filming locations, so no one city is asked",
                many.len()
            ));
            None
        }
    }
}

/// Words that tell award categories apart (`Best Actor`, `Best Supporting
/// Actor`), and words that do not (`Motion Picture`).
const DISTINCT: &[&str] = &[
    "supporting",
    "leading",
    "lead",
    "original",
    "adapted",
    "documentary",
    "animated",
    "animation",
    "foreign",
    "international",
    "short",
    "song",
    "score",
    "male",
    "female",
    "actor",
    "actress",
    "first",
    "drama",
    "dramatic",
    "comedy",
    "musical",
];
const FILLER: &[&str] = &[
    "best",
    "a",
    "an",
    "the",
    "in",
    "of",
    "for",
    "by",
    "and",
    "or",
    "role",
    "motion",
    "picture",
    "film",
    "feature",
    "performance",
    "outstanding",
    "award",
    "prize",
    "u",
    "s",
];

/// Whether two category names may name one category (`Best Sound` and
/// `Best Sound Mixing`, `Best Supporting Actor` and `Best Supporting Actor
/// – Motion Picture`): one's words hold the other's, and the words only
/// one has do not tell categories apart.
pub(crate) fn near_category(a: &str, b: &str) -> bool {
    let words = |s: &str| -> HashSet<String> {
        words_of(s)
            .into_iter()
            .filter(|w| !FILLER.contains(&w.as_str()))
            .collect()
    };
    let (a, b) = (words(a), words(b));
    if a.is_empty() || b.is_empty() {
        return a == b;
    }
    let (small, big) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    small.is_subset(big)
        && big
            .difference(small)
            .all(|w| !DISTINCT.contains(&w.as_str()))
}

/// Whether a film could have been up for `category` at all, as anyone
/// could tell: a documentary category only for a documentary, an animation
/// category only for an animated film, a foreign-language one only for a
/// film not mainly in English. A wrong choice anyone can rule out teaches
/// nothing, and gives the answer's side away.
pub(crate) fn could_be_up_for(film: &Film, category: &str) -> bool {
    let words = words_of(category);
    let has = |w: &str| words.iter().any(|x| x == w);
    let genre = |g: &str| film.genres.iter().any(|x| key(x).contains(g));
    let english = film.languages.first().is_none_or(|l| key(l) == "english");
    let documentary = has("documentary");
    let animated = has("animated") || has("animation");
    let foreign = has("foreign")
        || (has("international") && has("feature"))
        || (has("not") && has("english"));
    !(documentary && !genre("documentary") || animated && !genre("animation") || foreign && english)
}

/// The decoys: the pools' names of the film's time, less everyone and
/// everything the sources name.
fn decoys(
    film: &Film,
    taken: &HashSet<String>,
    t: &Gathered,
    w: &Gathered,
    pools: &Pools,
) -> Decoys {
    let year = film.year;
    let mut stated: HashSet<String> = taken.clone();
    stated.insert(key(&film.title));
    stated.extend(film.countries.iter().map(|c| key(c)));
    let free = |names: Vec<String>| -> Option<Vec<String>> {
        let list: Vec<String> = names
            .into_iter()
            .filter(|n| !stated.contains(&key(n)))
            .collect();
        (!list.is_empty()).then_some(list)
    };
    let at_least = 16;
    let mut d = Decoys::default();
    if film
        .cast
        .iter()
        .any(|c| c.performer != Some(crate::record::Performer::Actress))
    {
        d.actors = free(pools::around(&pools.actors, year, at_least));
    }
    if film
        .cast
        .iter()
        .any(|c| c.performer != Some(crate::record::Performer::Actor))
    {
        d.actresses = free(pools::around(&pools.actresses, year, at_least));
    }
    let jobs: HashSet<&str> = film
        .crew
        .iter()
        .flat_map(|c| c.jobs.iter().map(String::as_str))
        .collect();
    if jobs.contains("director") || jobs.contains("writer") {
        d.directors = free(pools::around(&pools.directors, year, at_least));
    }
    let mut crafts = BTreeMap::new();
    for (job, list) in [
        ("producer", &pools.producers),
        ("composer", &pools.composers),
        ("cinematographer", &pools.cinematographers),
        ("editor", &pools.editors),
    ] {
        if jobs.contains(job)
            && let Some(names) = free(pools::around(list, year, at_least))
        {
            crafts.insert(job.to_string(), names);
        }
    }
    d.crew = (!crafts.is_empty()).then_some(crafts);
    if !film.production_companies.is_empty() {
        d.production_companies = free(pools::around(&pools.companies, year, at_least));
    }
    if film.premiere.is_some() || !film.screenings.is_empty() {
        d.festivals = free(
            pools
                .festivals
                .iter()
                .filter(|f| f.since <= year)
                .filter(|f| {
                    // Never a festival the sources name in any way.
                    !std::iter::once(&f.name)
                        .chain(&f.aliases)
                        .any(|n| taken.contains(&key(n)))
                })
                .map(|f| f.name.clone())
                .collect(),
        );
    }
    if film.release.is_some() || !film.countries.is_empty() {
        // Countries that neither made it nor opened it in cinemas at all.
        let mut shown: HashSet<String> = t
            .openings
            .iter()
            .chain(&w.openings)
            .map(|o| key(&o.country))
            .collect();
        shown.extend(film.releases.iter().map(|r| key(&r.territory)));
        shown.extend(
            film.release
                .iter()
                .flat_map(|r| r.countries.iter().map(|c| key(c))),
        );
        d.countries = free(
            pools
                .countries
                .iter()
                .filter(|c| c.market && !shown.contains(&key(&c.name)))
                .map(|c| c.name.clone())
                .collect(),
        );
    }
    if let Some(city) = film.filming.as_ref().and_then(|f| f.city.as_ref()) {
        let country = pools
            .cities
            .iter()
            .find(|c| key(&c.0) == key(city))
            .map(|c| c.1.clone())
            .or_else(|| {
                film.countries
                    .first()
                    .and_then(|c| pools.country_by_name(c))
                    .map(|c| c.code.clone())
            });
        let all: Vec<&pools::City> = pools.cities.iter().collect();
        let home: Vec<&pools::City> = all
            .iter()
            .copied()
            .filter(|c| Some(&c.1) == country.as_ref())
            .collect();
        let chosen = if home.len() >= 8 { home } else { all };
        d.cities = free(chosen.iter().map(|c| c.0.clone()).collect());
    }
    let mut bodies: Vec<DecoyAwards> = Vec::new();
    for a in &film.awards {
        if bodies.iter().any(|b| b.body == a.body) {
            continue;
        }
        let Some(body) = pools.body(&a.body) else {
            continue;
        };
        let held: Vec<&Award> = film.awards.iter().filter(|x| x.body == a.body).collect();
        let year = held.iter().filter_map(|x| x.year).min();
        let categories: Vec<String> = body
            .categories
            .iter()
            .filter(|c| c.given_in(year))
            .map(|c| c.name().to_string())
            .filter(|c| could_be_up_for(film, c))
            .filter(|c| !held.iter().any(|x| near_category(&x.category, c)))
            .collect();
        if !categories.is_empty() {
            bodies.push(DecoyAwards {
                body: a.body.clone(),
                categories,
            });
        }
    }
    d.awards = (!bodies.is_empty()).then_some(bodies);
    d
}

/// What `check` would warn about an imported record: the questions that
/// can never be drawn fairly (with the question, to see what to leave
/// out) and the sections that yield none.
fn findings(film: &Film) -> (Vec<Question>, Vec<&'static str>) {
    let seeds = 0..8u64;
    let refused = generate::refusals(film, seeds.clone());
    let mut questions = Vec::new();
    if !refused.is_empty() {
        let mut pending: Vec<Question> = Vec::new();
        for seed in seeds.clone() {
            pending.extend(unsettled(film, &mut GameRng::from_seed(seed)));
        }
        for r in &refused {
            if let Some(q) = pending.iter().find(|q| q.prompt == r.prompt) {
                questions.push(q.clone());
            }
        }
    }
    let mut asked = Vec::new();
    for seed in seeds {
        asked.extend(generate::generate(film, &mut GameRng::from_seed(seed)));
    }
    let quiet = generate::quiet_sections(film, &asked)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    (questions, quiet)
}

/// Leaves out what could never be asked fairly, until `check` would have
/// nothing to say, and notes each thing left out.
fn review(film: &mut Film, notes: &mut Vec<String>) {
    for _ in 0..8 {
        let (refused, quiet) = findings(film);
        if refused.is_empty() && quiet.is_empty() {
            return;
        }
        let mut changed = false;
        for q in &refused {
            changed |= leave_out(film, q, notes);
        }
        for section in quiet {
            changed |= clear(film, section);
            notes.push(format!(
                "{section}: left out: it would yield no fair question"
            ));
        }
        if !changed {
            return;
        }
    }
}

/// Leaves out what the refused question `q` asks about; whether anything
/// changed.
fn leave_out(film: &mut Film, q: &Question, notes: &mut Vec<String>) -> bool {
    let answer = q.answer.as_str();
    let why = format!(
        "no fair wrong choices for {:?} (the pools hold too few names of its shape)",
        q.prompt
    );
    match q.meta.unit {
        "cast" => {
            let Some(i) = film.cast.iter().position(|c| key(&c.name) == key(answer)) else {
                return false;
            };
            if film.cast[i].role.is_some() && q.prompt.contains(" who ") {
                film.cast[i].role = None;
                notes.push(format!("cast: the part of {answer} is not asked: {why}"));
            } else {
                film.cast.remove(i);
                film.partial.push("cast".into());
                notes.push(format!("cast: {answer} is left out: {why}"));
            }
            true
        }
        "crew" => {
            let Some(job) = q
                .meta
                .facts
                .iter()
                .find_map(|f| f.strip_prefix("crew:"))
                .map(str::to_string)
            else {
                return false;
            };
            let holders = film
                .crew
                .iter()
                .filter(|c| c.jobs.iter().any(|j| key(j) == key(&job)))
                .count();
            let Some(i) = film.crew.iter().position(|c| key(&c.name) == key(answer)) else {
                return false;
            };
            film.crew[i].jobs.retain(|j| key(j) != key(&job));
            if film.crew[i].jobs.is_empty() {
                film.crew.remove(i);
            }
            if holders > 1 {
                film.partial.push("crew".into());
            }
            notes.push(format!("crew: {answer} as {job} is left out: {why}"));
            true
        }
        "acting_awards" => {
            let mut changed = false;
            for a in &mut film.awards {
                if a.people().iter().any(|p| key(p) == key(answer))
                    && q.prompt.contains(&a.category)
                {
                    a.recipient = None;
                    a.recipients = None;
                    changed = true;
                }
            }
            if changed {
                notes.push(format!(
                    "awards: the award to {answer} is kept as the film's own: no fair wrong choices for {:?}",
                    q.prompt
                ));
            }
            changed
        }
        "companies" => {
            let before = film.production_companies.len();
            film.production_companies.retain(|c| key(c) != key(answer));
            if film.production_companies.len() == before {
                return false;
            }
            film.partial.push("production_companies".into());
            notes.push(format!("production_companies: {answer} is left out: {why}"));
            true
        }
        "awards" => {
            // A body's results are given in full or not at all: where one of
            // them cannot be asked fairly, the body goes.
            let body = film
                .awards
                .iter()
                .map(|a| a.body.clone())
                .filter(|b| q.prompt.contains(b.as_str()))
                .max_by_key(String::len);
            let Some(body) = body else { return false };
            film.awards.retain(|a| a.body != body);
            notes.push(format!(
                "awards: every result at {body} is left out (a body's results are given in full or not at all): {why}"
            ));
            true
        }
        "premiere" if q.meta.facts.iter().any(|f| f == "screenings") => {
            film.screenings.clear();
            notes.push(format!("screenings: left out: {why}"));
            true
        }
        "premiere" => {
            film.premiere = None;
            notes.push(format!("premiere: left out: {why}"));
            true
        }
        "filming" => {
            film.filming = None;
            notes.push(format!("filming: left out: {why}"));
            true
        }
        "identity" => {
            let fact = q.meta.facts.first().map(String::as_str).unwrap_or("");
            match fact {
                "countries" => film.countries.clear(),
                "genres" => film.genres.clear(),
                "languages" => film.languages.clear(),
                _ => return false,
            }
            notes.push(format!("{fact}: left out: {why}"));
            true
        }
        _ => false,
    }
}

/// Empties the section `name` of `film`; whether it held anything.
fn clear(film: &mut Film, name: &str) -> bool {
    fn take<T>(list: &mut Vec<T>) -> bool {
        let had = !list.is_empty();
        list.clear();
        had
    }
    match name {
        "original_title" => film.original_title.take().is_some(),
        "languages" => take(&mut film.languages),
        "countries" => take(&mut film.countries),
        "genres" => take(&mut film.genres),
        "crew" => take(&mut film.crew),
        "cast" => take(&mut film.cast),
        "production_companies" => take(&mut film.production_companies),
        "premiere" => film.premiere.take().is_some(),
        "screenings" => take(&mut film.screenings),
        "grosses" => take(&mut film.grosses),
        "release" => film.release.take().is_some(),
        "releases" => take(&mut film.releases),
        "budget" => film.budget.take().is_some(),
        "gross" => film.gross.take().is_some(),
        "awards" => take(&mut film.awards),
        "filming" => film.filming.take().is_some(),
        _ => false,
    }
}

/// The order sections are written in: the record's own, as
/// `questions/README.md` lists them.
const ORDER: &[&str] = &[
    "title",
    "year",
    "original_title",
    "languages",
    "countries",
    "genres",
    "crew",
    "cast",
    "setting",
    "production_companies",
    "distribution",
    "distributors",
    "script",
    "short_film",
    "filming",
    "themes",
    "premiere",
    "screenings",
    "release",
    "releases",
    "praised_for",
    "budget",
    "gross",
    "grosses",
    "director_rank",
    "awards",
    "standings",
    "partial",
    "decoys",
];

/// The order of the fields of a section's objects.
const INNER: &[&str] = &[
    "name",
    "title",
    "jobs",
    "role",
    "performer",
    "voice",
    "body",
    "year",
    "category",
    "result",
    "recipient",
    "recipients",
    "event",
    "territory",
    "date",
    "countries",
    "kind",
    "amount",
    "min",
    "max",
    "currency",
    "approximate",
    "city",
];

/// The members of `o` in `order` ([`ORDER`] or [`INNER`]).
fn ordered<'v>(
    o: &'v serde_json::Map<String, serde_json::Value>,
    order: &[&str],
) -> Vec<(&'v String, &'v serde_json::Value)> {
    let mut members: Vec<(&String, &serde_json::Value)> = o.iter().collect();
    members.sort_by_key(|(k, _)| {
        (
            order.iter().position(|x| x == k).unwrap_or(order.len()),
            k.to_string(),
        )
    });
    members
}

/// The record as JSON: one section a line, one cast or crew member, award
/// or opening a line, every decoy list on a line of its own; nothing that
/// says no more than leaving it out would (no `null`, no empty list).
pub(crate) fn write(film: &Film) -> String {
    use serde_json::Value;
    fn prune(v: &mut Value) -> bool {
        match v {
            Value::Null => false,
            Value::Array(a) => {
                a.retain_mut(prune);
                !a.is_empty()
            }
            Value::Object(o) => {
                o.retain(|k, x| !(k == "approximate" && *x == Value::Bool(false)) && prune(x));
                !o.is_empty()
            }
            _ => true,
        }
    }
    fn inline(v: &Value) -> String {
        match v {
            Value::Object(o) => format!(
                "{{ {} }}",
                ordered(o, INNER)
                    .into_iter()
                    .map(|(k, x)| format!("{}: {}", Value::String(k.clone()), inline(x)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Value::Array(a) => format!("[{}]", a.iter().map(inline).collect::<Vec<_>>().join(", ")),
            Value::Number(n) => match n.as_f64() {
                Some(f) if f.fract() == 0.0 && f.abs() < 9e15 => format!("{}", f as i64),
                _ => n.to_string(),
            },
            other => other.to_string(),
        }
    }
    let mut value = serde_json::to_value(film).unwrap_or(Value::Null);
    prune(&mut value);
    let Value::Object(top) = value else {
        return "{}\n".into();
    };
    let mut out = String::from("{\n");
    let last = top.len().saturating_sub(1);
    for (i, (k, v)) in ordered(&top, ORDER).into_iter().enumerate() {
        let name = Value::String(k.clone());
        let body = match v {
            Value::Array(a) if a.iter().any(Value::is_object) => format!(
                "[\n{}\n  ]",
                a.iter()
                    .map(|x| format!("    {}", inline(x)))
                    .collect::<Vec<_>>()
                    .join(",\n")
            ),
            Value::Object(o) if k == "decoys" => format!(
                "{{\n{}\n  }}",
                o.iter()
                    .map(|(dk, dv)| {
                        let dname = Value::String(dk.clone());
                        match dv {
                            Value::Object(crafts) => format!(
                                "    {dname}: {{\n{}\n    }}",
                                crafts
                                    .iter()
                                    .map(|(ck, cv)| format!(
                                        "      {}: {}",
                                        Value::String(ck.clone()),
                                        inline(cv)
                                    ))
                                    .collect::<Vec<_>>()
                                    .join(",\n")
                            ),
                            Value::Array(a) if a.iter().any(Value::is_object) => format!(
                                "    {dname}: [\n{}\n    ]",
                                a.iter()
                                    .map(|x| format!("      {}", inline(x)))
                                    .collect::<Vec<_>>()
                                    .join(",\n")
                            ),
                            _ => format!("    {dname}: {}", inline(dv)),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(",\n")
            ),
            _ => inline(v),
        };
        out.push_str(&format!(
            "  {name}: {body}{}\n",
            if i == last { "" } else { "," }
        ));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_a_film_is_plainly_not_up_for_are_never_offered() {
        let mut film: Film = serde_json::from_str(
            r#"{"title": "T", "year": 2000, "genres": ["drama"], "languages": ["English"]}"#,
        )
        .unwrap();
        assert!(could_be_up_for(&film, "Best Director"));
        assert!(!could_be_up_for(&film, "Audience Award: U.S. Documentary"));
        assert!(!could_be_up_for(&film, "Best Animated Feature"));
        assert!(!could_be_up_for(
            &film,
            "Best Film Not in the English Language"
        ));
        assert!(!could_be_up_for(&film, "Best International Feature Film"));
        film.languages = vec!["Korean".into()];
        film.genres.push("animation".into());
        assert!(could_be_up_for(&film, "Best Foreign Language Film"));
        assert!(could_be_up_for(&film, "Best Animated Film"));
    }

    #[test]
    fn initials_are_spaced_and_other_names_kept() {
        assert_eq!(spaced_initials("J.K. Smith"), "J. K. Smith");
        assert_eq!(spaced_initials("C.J. Vane"), "C. J. Vane");
        assert_eq!(spaced_initials("J. K. Smith"), "J. K. Smith");
        assert_eq!(spaced_initials("Mr. Ode"), "Mr. Ode");
        assert_eq!(spaced_initials("Ann-Marie O'Day"), "Ann-Marie O'Day");
    }

    #[test]
    fn roles_lose_their_notes_and_selves() {
        assert_eq!(role_of("Mia (voice)").as_deref(), Some("Mia"));
        assert_eq!(role_of("Tom (uncredited)").as_deref(), Some("Tom"));
        assert_eq!(role_of("Himself"), None);
        assert_eq!(role_of("Herself - Host"), None);
        assert_eq!(role_of("(uncredited)"), None);
        // A part described rather than named reads as one.
        assert_eq!(
            role_of("Dorm Neighbor").as_deref(),
            Some("the dorm neighbor")
        );
        assert_eq!(
            role_of("Jazz Club Patron (uncredited)").as_deref(),
            Some("the jazz club patron")
        );
        assert_eq!(role_of("Student #2").as_deref(), Some("the student #2"));
        assert_eq!(role_of("Mr. Kramer").as_deref(), Some("Mr. Kramer"));
        assert_eq!(role_of("Uncle Frank").as_deref(), Some("Uncle Frank"));
        assert_eq!(role_of("Andrew Neiman").as_deref(), Some("Andrew Neiman"));
        assert_eq!(
            role_of("Ann / Young Ann").as_deref(),
            Some("Ann / Young Ann")
        );
    }

    #[test]
    fn categories_that_may_be_one_are_told_from_those_that_are_not() {
        assert!(near_category("Best Sound", "Best Sound Mixing"));
        assert!(near_category(
            "Best Supporting Actor",
            "Best Supporting Actor – Motion Picture"
        ));
        assert!(!near_category("Best Actor", "Best Supporting Actor"));
        assert!(!near_category(
            "Best Original Screenplay",
            "Best Adapted Screenplay"
        ));
        assert!(!near_category("Best Director", "Best Film Editing"));
        assert!(!near_category("Best Picture", "Best Director"));
        assert!(near_category("Best Picture", "Best Motion Picture"));
    }
}
