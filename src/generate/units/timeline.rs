//! The order of events: which came first, which came last, and the order
//! of four. Only events whose order the record settles are compared: a
//! year is a span of a whole year, a month of a whole month.

use crate::format;
use crate::generate::{Category, Draft, Facts, Out};
use crate::question::Difficulty;
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
];

/// An event and the span of days it may have fallen on.
#[derive(Debug, Clone)]
struct Event {
    label: String,
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
    let mut add =
        |label: String, named: bool, when: String, span: Option<(NaiveDate, NaiveDate)>| {
            if let Some((from, to)) = span {
                out.push(Event {
                    label,
                    named,
                    when,
                    from,
                    to,
                });
            }
        };
    let premiere_label = if f.short_film.is_some() {
        "The full film premieres"
    } else {
        "The film premieres"
    };
    if let Some(s) = &f.script {
        add(
            "The script gets finished".into(),
            false,
            s.completed.to_string(),
            year_span(s.completed),
        );
    }
    if let Some(p) = f.short_film.as_ref().and_then(|s| s.premiere.as_ref()) {
        add(
            "The short film premieres".into(),
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
            "The shoot gets under way".into(),
            false,
            format::month(month),
            first.zip(last),
        );
    }
    if let Some(p) = &f.premiere {
        add(
            premiere_label.into(),
            false,
            format::date(p.date),
            Some((p.date, p.date)),
        );
    }
    if let Some(r) = &f.release {
        add(
            "Cinemas start showing it".into(),
            false,
            format::date(r.date),
            Some((r.date, r.date)),
        );
        if let Some(c) = r.closed {
            add(
                "The cinema run concludes".into(),
                false,
                format::date(c),
                Some((c, c)),
            );
        }
    }
    for r in &f.releases {
        add(
            format!(
                "Cinemas in {} start showing it",
                crate::format::place(&r.territory)
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
            format!("{}'s {} comes out", r.director, u.title),
            true,
            u.year.to_string(),
            year_span(u.year),
        );
    }
    out
}

fn before(a: &Event, b: &Event) -> bool {
    a.to < b.from
}

/// Four events, each pair in a settled order, chosen by the rng; sorted.
/// With only one such set, the choices would be the same in every game,
/// so a "first" or "last" question is not asked (`allow_one` false): its
/// answer would be fixed, and so would every trait of its form.
fn four(out: &mut Out, all: &[Event], allow_one: bool) -> Option<Vec<Event>> {
    let n = all.len();
    let mut sets = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            for c in b + 1..n {
                for d in c + 1..n {
                    let set = [a, b, c, d];
                    let settled = set.iter().all(|&i| {
                        set.iter().all(|&j| {
                            i == j || before(&all[i], &all[j]) || before(&all[j], &all[i])
                        })
                    });
                    if settled {
                        sets.push(set);
                    }
                }
            }
        }
    }
    let set = *out.rng.pick(&sets)?;
    if sets.len() < 2 && !allow_one {
        return None;
    }
    let mut chosen: Vec<Event> = set.iter().map(|&i| all[i].clone()).collect();
    chosen.sort_by_key(|e| e.from);
    Some(chosen)
}

pub fn ask(facts: &Facts, out: &mut Out) {
    let t = facts.title();
    let all = events(facts);
    for first in [true, false] {
        let Some(chosen) = four(out, &all, false) else {
            break;
        };
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
    let Some(chosen) = four(out, &all, true) else {
        return;
    };
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
    let mut perms: Vec<[usize; 4]> = Vec::new();
    for a in 0..4 {
        for b in 0..4 {
            for c in 0..4 {
                for d in 0..4 {
                    let p = [a, b, c, d];
                    let distinct = (0..4).all(|i| (i + 1..4).all(|j| p[i] != p[j]));
                    if distinct && p != [0, 1, 2, 3] {
                        perms.push(p);
                    }
                }
            }
        }
    }
    let wrong: Vec<String> = out.rng.sample(&perms, 3).iter().map(|p| order(p)).collect();
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
