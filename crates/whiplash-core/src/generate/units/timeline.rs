//! The order of events: which of two came first, which of four came first
//! or last, and the order of four. Only events whose order the record
//! settles are compared (a year is a span of a whole year, a month of a
//! whole month), and only where common sense does not settle it: a film's
//! life runs script, short film, shoot, premiere, opening, end of run, so
//! "the shoot came before the premiere" tests nothing. Every wrong order
//! offered is one that common sense allows ([`Stage::surely_before`]), so a
//! player who knows only how films are made does no better than chance.

use crate::format;
use crate::generate::{Category, Draft, Facts, Out};
use crate::question::{Difficulty, same};
use chrono::NaiveDate;

/// The facts whose dates a timeline explanation prints: a game that has
/// shown them must not ask them afterwards.
const DATED: &[&str] = &[
    "script.completed",
    "short.premiere.year",
    "filming.month",
    "premiere.date",
    "release.date",
    "release.closed",
    "director_rank.until.year",
    "screenings",
];

/// Where an event sits in a film's life, as anyone would guess it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Script,
    Short,
    Shoot,
    Premiere,
    /// A later festival showing.
    Screening,
    /// The opening of `release`.
    Opening,
    /// An opening in one territory of `releases`.
    Territory,
    /// The end of `release`'s run.
    Closing,
    /// The director's later film.
    Later,
}

impl Stage {
    /// Whether anyone would say `self` comes before `other` without
    /// knowing the film: the script before the shoot, the premiere before
    /// any opening, an opening before the end of its run, and all of them
    /// before the director's later film (which came out years later, as a
    /// rule). An opening in another territory is left unordered against
    /// the main opening and the end of its run.
    pub fn surely_before(self, other: Stage) -> bool {
        use Stage::*;
        let rank = |s: Stage| match s {
            Script => 0,
            Short => 1,
            Shoot => 2,
            Premiere => 3,
            Opening | Territory | Screening => 4,
            Closing => 5,
            Later => 6,
        };
        match (self, other) {
            (Territory | Screening, _) => other == Later,
            (_, Territory | Screening) => rank(self) < 4,
            _ => rank(self) < rank(other),
        }
    }
}

/// An event and the span of days it may have fallen on.
#[derive(Debug, Clone)]
struct Event {
    stage: Stage,
    /// An opening in a country that made the film: anyone would guess it
    /// came before the openings abroad.
    home: bool,
    label: String,
    /// The event as a clause in the past tense: "the shoot got under way".
    past: String,
    /// Whether the label starts with a name, which keeps its capital.
    named: bool,
    /// When it happened, as the record says.
    when: String,
    from: NaiveDate,
    to: NaiveDate,
}

fn year_span(y: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(y, 1, 1)?,
        NaiveDate::from_ymd_opt(y, 12, 31)?,
    ))
}

fn events(facts: &Facts) -> Vec<Event> {
    let f = facts.film;
    let mut out = Vec::new();
    let mut add = |stage: Stage,
                   (label, past): (String, String),
                   named: bool,
                   when: String,
                   span: Option<(NaiveDate, NaiveDate)>| {
        if let Some((from, to)) = span {
            out.push(Event {
                home: false,
                stage,
                label,
                past,
                named,
                when,
                from,
                to,
            });
        }
    };
    let (premiere_label, premiere_past) = if f.short_film.is_some() {
        ("The full film premieres", "the full film premiered")
    } else {
        ("The film premieres", "the film premiered")
    };
    let both = |label: &str, past: &str| (label.to_string(), past.to_string());
    // The main release, named by its countries: "cinemas" alone would read
    // as the first opening anywhere.
    let at = super::release_where(facts);
    if let Some(s) = &f.script {
        add(
            Stage::Script,
            both("The script gets finished", "the script was finished"),
            false,
            s.completed.to_string(),
            year_span(s.completed),
        );
    }
    if let Some(p) = f.short_film.as_ref().and_then(|s| s.premiere.as_ref()) {
        add(
            Stage::Short,
            both("The short film premieres", "the short film premiered"),
            false,
            p.year.to_string(),
            year_span(p.year),
        );
    }
    if let Some((month, _)) = f.filming.as_ref().and_then(|fl| fl.period()) {
        let first = NaiveDate::from_ymd_opt(month.year, month.month, 1);
        let last = month.shift(1);
        let last = NaiveDate::from_ymd_opt(last.year, last.month, 1).and_then(|d| d.pred_opt());
        add(
            Stage::Shoot,
            both("The shoot gets under way", "the shoot got under way"),
            false,
            format::month(month),
            first.zip(last),
        );
    }
    if let Some(p) = &f.premiere {
        add(
            Stage::Premiere,
            both(premiere_label, premiere_past),
            false,
            format::date(p.date),
            Some((p.date, p.date)),
        );
    }
    for s in &f.screenings {
        add(
            Stage::Screening,
            (
                format!("It screens at {}", format::the(&s.event)),
                format!("it screened at {}", format::the(&s.event)),
            ),
            false,
            format::date(s.date),
            Some((s.date, s.date)),
        );
    }
    if let Some(r) = &f.release {
        add(
            Stage::Opening,
            (
                format!("Cinemas{at} start showing it"),
                format!("cinemas{at} started showing it"),
            ),
            false,
            format::date(r.date),
            Some((r.date, r.date)),
        );
        if let Some(c) = r.closed {
            add(
                Stage::Closing,
                (
                    format!("The cinema run{at} concludes"),
                    format!("the cinema run{at} ended"),
                ),
                false,
                format::date(c),
                Some((c, c)),
            );
        }
    }
    for r in &f.releases {
        // A territory of the main release on its date is that release.
        let repeats = f
            .release
            .as_ref()
            .is_some_and(|m| m.date == r.date && m.countries.iter().any(|c| same(c, &r.territory)));
        if repeats {
            continue;
        }
        let place = crate::format::place(&r.territory);
        add(
            Stage::Territory,
            (
                format!("Cinemas in {place} start showing it"),
                format!("cinemas in {place} started showing it"),
            ),
            false,
            format::date(r.date),
            Some((r.date, r.date)),
        );
    }
    if let Some(r) = &f.director_rank
        && let Some(u) = &r.until
    {
        add(
            Stage::Later,
            (
                format!("{}'s {} comes out", r.director, u.title),
                format!("{}'s {} came out", r.director, u.title),
            ),
            true,
            u.year.to_string(),
            year_span(u.year),
        );
    }
    // Openings in a country that made the film.
    let made = |place: &str| f.countries.iter().any(|c| same(c, place));
    let home_release = f
        .release
        .as_ref()
        .is_some_and(|r| r.countries.iter().any(|c| made(c)));
    for e in &mut out {
        e.home = match e.stage {
            Stage::Opening => home_release,
            Stage::Territory => f.releases.iter().any(|r| {
                made(&r.territory)
                    && e.from == r.date
                    && e.label.contains(&crate::format::place(&r.territory))
            }),
            _ => false,
        };
    }
    out
}

fn before(a: &Event, b: &Event) -> bool {
    a.to < b.from
}

/// Every set of four events whose order the record settles, by position
/// in `all`, sorted by date.
fn fours(all: &[Event]) -> Vec<[usize; 4]> {
    let n = all.len();
    let mut sets = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            for c in b + 1..n {
                for d in c + 1..n {
                    let mut set = [a, b, c, d];
                    let settled = set.iter().all(|&i| {
                        set.iter().all(|&j| {
                            i == j || before(&all[i], &all[j]) || before(&all[j], &all[i])
                        })
                    });
                    if settled {
                        set.sort_by_key(|&i| all[i].from);
                        sets.push(set);
                    }
                }
            }
        }
    }
    sets
}

/// Whether common sense already orders `a` before `b`: by the stages of a
/// film's life, or a home opening before one abroad.
fn obvious(a: &Event, b: &Event) -> bool {
    let opening = |e: &Event| matches!(e.stage, Stage::Opening | Stage::Territory);
    a.stage.surely_before(b.stage) || (opening(a) && opening(b) && a.home && !b.home)
}

/// Every order of `set` (positions into it) that common sense allows:
/// none puts an event after one it surely precedes.
fn possible_orders(all: &[Event], set: &[usize; 4]) -> Vec<[usize; 4]> {
    let mut orders = Vec::new();
    for a in 0..4 {
        for b in 0..4 {
            for c in 0..4 {
                for d in 0..4 {
                    let p = [a, b, c, d];
                    let distinct = (0..4).all(|i| (i + 1..4).all(|j| p[i] != p[j]));
                    let sensible = (0..4)
                        .all(|i| (i + 1..4).all(|j| !obvious(&all[set[p[j]]], &all[set[p[i]]])));
                    if distinct && sensible {
                        orders.push(p);
                    }
                }
            }
        }
    }
    orders
}

pub fn ask(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let all = events(facts);
    pairs(t, out, &all);
    let sets = fours(&all);
    // First or last of four: only among events common sense cannot order
    // at all, so that none can be ruled out.
    let open: Vec<[usize; 4]> = sets
        .iter()
        .copied()
        .filter(|set| {
            set.iter()
                .all(|&i| set.iter().all(|&j| !obvious(&all[i], &all[j])))
        })
        .collect();
    for first in [true, false] {
        // With one such set, every game would offer the same choices.
        if open.len() < 2 {
            break;
        }
        let Some(set) = out.rng.pick(&open).copied() else {
            break;
        };
        let chosen: Vec<Event> = set.iter().map(|&i| all[i].clone()).collect();
        let (answer, rest) = if first {
            (chosen[0].label.clone(), &chosen[1..])
        } else {
            (chosen[3].label.clone(), &chosen[..3])
        };
        let which = if first { "first" } else { "last" };
        out.push(
            Draft::new("timeline", Category::Dates, Difficulty::Medium)
                .fact("timeline")
                .shows(DATED)
                .prompt(format!(
                    "Of these moments in the making and release of {t}, which came {which}?"
                ))
                .answer(&answer)
                .wrong(rest.iter().map(|e| e.label.clone()).collect())
                .explain(format!("In order: {}.", dated(&chosen))),
        );
    }
    // The order of four: only where common sense allows at least four
    // orders, and only those are offered; and no event is surely first or
    // surely last of the four, or every choice would start (or end) alike.
    let fixed = |set: &[usize; 4]| {
        set.iter().any(|&i| {
            let others = || set.iter().filter(move |&&j| j != i);
            others().all(|&j| obvious(&all[i], &all[j]))
                || others().all(|&j| obvious(&all[j], &all[i]))
        })
    };
    let ordered: Vec<([usize; 4], Vec<[usize; 4]>)> = sets
        .iter()
        .filter(|set| !fixed(set))
        .map(|set| (*set, possible_orders(&all, set)))
        .filter(|(_, orders)| orders.len() >= 4 && orders.contains(&[0, 1, 2, 3]))
        .collect();
    let Some((set, orders)) = out.rng.pick(&ordered).cloned() else {
        return;
    };
    let chosen: Vec<Event> = set.iter().map(|&i| all[i].clone()).collect();
    let order = |perm: &[usize]| {
        perm.iter()
            .enumerate()
            .map(|(i, &p)| {
                if i == 0 {
                    chosen[p].label.clone()
                } else {
                    lower(&chosen[p])
                }
            })
            .collect::<Vec<_>>()
            .join(", then ")
    };
    let others: Vec<[usize; 4]> = orders.into_iter().filter(|p| *p != [0, 1, 2, 3]).collect();
    // Three of them, drawn again (a few times) while all four choices
    // would start, or end, with the same event.
    let alike = |picked: &[[usize; 4]], at: usize| picked.iter().all(|p| p[at] == at);
    let mut picked = out.rng.sample(&others, 3);
    for _ in 0..12 {
        if !alike(&picked, 0) && !alike(&picked, 3) {
            break;
        }
        picked = out.rng.sample(&others, 3);
    }
    let wrong: Vec<String> = picked.iter().map(|p| order(p)).collect();
    out.push(
        Draft::new("timeline", Category::Dates, Difficulty::Hard)
            .fact("timeline")
            .shows(DATED)
            .prompt(format!("In which order did these happen for {t}?"))
            .answer(order(&[0, 1, 2, 3]))
            .wrong(wrong)
            .explain(format!("In order: {}.", dated(&chosen))),
    );
}

/// Two events common sense cannot order, stated in their order or the
/// other way round by the coin.
fn pairs(t: &str, out: &mut Out, all: &[Event]) {
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            let (early, late) = if before(a, b) {
                (a, b)
            } else if before(b, a) {
                (b, a)
            } else {
                continue;
            };
            if obvious(a, b) || obvious(b, a) {
                continue;
            }
            let truth = crate::generate::choices::coin(out.rng);
            let (x, y) = if truth { (early, late) } else { (late, early) };
            out.push(
                Draft::new("timeline", Category::Dates, Difficulty::Medium)
                    .fact("timeline")
                    .shows(DATED)
                    .true_false(&statement(t, &x.past, &y.past), truth)
                    .explain(format!(
                        "In order: {}.",
                        dated(&[early.clone(), late.clone()])
                    )),
            );
        }
    }
}

/// The label as it reads after "then": lower case, unless it starts with
/// a name.
fn lower(e: &Event) -> String {
    if e.named {
        return e.label.clone();
    }
    let mut c = e.label.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "the script gets finished (YYYY), then ..." with each event's date.
fn dated(events: &[Event]) -> String {
    events
        .iter()
        .map(|e| format!("{} ({})", lower(e), e.when))
        .collect::<Vec<_>>()
        .join(", then ")
}

/// "for Whiplash, the cinema run ended before ..." or, where the first
/// clause is about the film itself, "Parasite screened at ... before ...".
fn statement(t: &str, first: &str, second: &str) -> String {
    match first.strip_prefix("it ") {
        Some(rest) => format!("{t} {rest} before {second}."),
        None => format!("for {t}, {first} before {second}."),
    }
}
