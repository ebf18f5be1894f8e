//! The film record: structured facts about one film, and its loader.
//!
//! The schema is generic. Only `title` and `year` are required; every other
//! section is optional, and the generator asks only about what is present.
//! Loading is strict: unknown fields, wrong types and impossible values are
//! refused with the file, the field path and (where known) the line.

use crate::locate;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The built-in record, embedded so an installed binary needs no files.
pub const BUILTIN_JSON: &str = include_str!("../../../../questions/whiplash-2014.json");
/// The name the built-in record is reported under.
pub const BUILTIN_NAME: &str = "questions/whiplash-2014.json";

mod rules;
mod schema;
mod types;

pub use rules::validate;
pub use schema::*;
use types::{FIELDS, plain, type_problems};

/// Why a record could not be loaded: one line per problem, each led by
/// the file's name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::text::lines_of(.file, .problems))]
pub struct RecordError {
    pub file: String,
    pub problems: Vec<String>,
}

/// The built-in record. It is compiled in and the test suite checks it with
/// every rule of [`parse`], so at run time it is only read: the rules would
/// cost more than the rest of a short game's start. The `Result` keeps even
/// a broken build from panicking.
pub fn builtin() -> Result<Film, RecordError> {
    serde_json::from_str(BUILTIN_JSON).map_err(|e| RecordError {
        file: BUILTIN_NAME.to_string(),
        problems: vec![format!("{}:{}: {e}", e.line(), e.column())],
    })
}

/// Parses and checks a record. `file` names it in error messages.
pub fn parse(file: &str, text: &str) -> Result<Film, RecordError> {
    let fail = |problems| RecordError {
        file: file.to_string(),
        problems,
    };
    if text.trim().is_empty() {
        return Err(fail(vec![
            "the file is empty; a record is a JSON object".into(),
        ]));
    }
    if !text.trim_start().starts_with('{') {
        return Err(fail(vec![
            "1:1: a record is a JSON object ({...}); this file starts with something else".into(),
        ]));
    }
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        let at = locate::line_col(text, locate::offset_of(text, e.line(), e.column().max(1)));
        return Err(fail(vec![format!(
            "{}:{}: not valid JSON: {}",
            at.0,
            at.1,
            plain(&locate::json_message(&e))
        )]));
    }
    let film: Film = match serde_json::from_str(text) {
        Ok(film) => film,
        Err(e) => {
            let mut problems = type_problems(text);
            let more = further_problems(text, &problems);
            problems.extend(more);
            problems.sort_by_key(|p| place_of(p));
            if problems.is_empty() {
                let at = locate::line_col(text, locate::offset_of(text, e.line(), e.column()));
                problems.push(format!(
                    "{}:{}: {}",
                    at.0,
                    at.1,
                    plain(&locate::json_message(&e))
                ));
            }
            return Err(fail(problems));
        }
    };
    let problems: Vec<String> = validate(&film)
        .into_iter()
        .map(|p| placed(text, p))
        .collect();
    if problems.is_empty() {
        Ok(film)
    } else {
        Err(fail(problems))
    }
}

/// The `line:column` a problem starts with, for putting problems in file
/// order; those without one come first.
fn place_of(problem: &str) -> (usize, usize) {
    let mut parts = problem.splitn(3, ':');
    let line = parts.next().and_then(|l| l.parse().ok()).unwrap_or(0);
    let col = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
    (line, col)
}

/// The field path a problem names (`field `path`: ...`), if any.
fn path_of(problem: &str) -> Option<&str> {
    problem
        .split_once("field `")
        .and_then(|(_, rest)| rest.split_once('`'))
        .map(|(path, _)| path)
}

/// What the section-by-section pass cannot see: a second wrong field in one
/// object, and the rule problems of every part that did read. Each wrong
/// field found so far is blanked out (`locate::blank`, which moves nothing)
/// and the record read again, until it reads or nothing more can go.
fn further_problems(text: &str, first: &[String]) -> Vec<String> {
    let mut gone: Vec<String> = first
        .iter()
        .filter_map(|p| path_of(p))
        .map(str::to_string)
        .collect();
    let mut work = text.to_string();
    for path in &gone {
        locate::blank(&mut work, path);
    }
    let mut out = Vec::new();
    for _ in 0..types::MAX_TYPE_PROBLEMS {
        let mut de = serde_json::Deserializer::from_str(&work);
        let e = match serde_path_to_error::deserialize::<_, Film>(&mut de) {
            Ok(film) => {
                // The rules, but not about what is gone: it was wrong already.
                // Nor about its neighbours in the same object, whose rules
                // may need it ("`from` needs `to` as well").
                let about_gone = |p: &String| {
                    path_of(p).is_some_and(|f| {
                        gone.iter().any(|g| {
                            let near = match g.rfind(['.', '[']) {
                                Some(i) => &g[..i],
                                None => g.as_str(),
                            };
                            f == near
                                || f.starts_with(&format!("{near}."))
                                || f.starts_with(&format!("{near}["))
                        })
                    })
                };
                out.extend(
                    validate(&film)
                        .into_iter()
                        .filter(|p| !about_gone(p))
                        .map(|p| placed(text, p)),
                );
                return out;
            }
            Err(e) => e,
        };
        let path = e.path().to_string();
        let inner = e.into_inner();
        let raw = inner.to_string();
        let message = plain(&locate::json_message(&inner));
        if path.is_empty() || path == "." {
            return out;
        }
        // A required field taken away leaves its object missing it: that
        // object goes too, and is not reported again.
        if raw.starts_with("missing field")
            && gone.iter().any(|g| g.starts_with(&format!("{path}.")))
        {
            if !locate::blank(&mut work, &path) {
                return out;
            }
            gone.push(path);
            continue;
        }
        if gone.contains(&path) || !locate::blank(&mut work, &path) {
            return out;
        }
        let (line, col) = locate::locate(text, &path).unwrap_or_else(|| {
            locate::line_col(text, locate::offset_of(text, inner.line(), inner.column()))
        });
        out.push(format!("{line}:{col}: field `{path}`: {message}"));
        gone.push(path);
    }
    out
}

/// Prefixes a rule problem (`field `path`: ...`) with where that field is
/// written, as `line:column: `.
fn placed(text: &str, problem: String) -> String {
    let path = problem
        .strip_prefix("field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(path, _)| path);
    match path.and_then(|p| crate::locate::locate(text, p)) {
        Some((line, col)) => format!("{line}:{col}: {problem}"),
        None => problem,
    }
}

/// Whether `text` is shaped like a film record rather than a bank, judged
/// from the names of its top-level fields, even when the file is broken:
/// no `questions`, and a field only records have.
pub fn looks_like_record(text: &str) -> bool {
    let keys = top_keys(text);
    !keys.iter().any(|k| k == "questions")
        && keys
            .iter()
            .any(|k| k != "title" && FIELDS.contains(&k.as_str()))
}

/// The names of the top-level fields of a JSON object, read forgivingly:
/// strings at depth one followed by a colon, whatever else is broken.
fn top_keys(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut keys = Vec::new();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                let end = i.min(b.len());
                let mut j = i + 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if depth == 1 && b.get(j) == Some(&b':') {
                    keys.push(String::from_utf8_lossy(&b[start..end]).into_owned());
                }
            }
            _ => {}
        }
        i += 1;
    }
    keys
}

/// Where a record names one person twice (in any Unicode form, case or
/// spacing), in the cast or in the crew, or spells one person two ways
/// across the cast, the crew and the awards: each pair of lines.
pub fn duplicate_people(film: &Film, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let at = |path: &str| {
        locate::locate(text, path)
            .map(|(l, c)| format!("{l}:{c}"))
            .unwrap_or_else(|| "?".into())
    };
    for (list, names) in [
        (
            "cast",
            film.cast
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>(),
        ),
        ("crew", film.crew.iter().map(|c| c.name.as_str()).collect()),
    ] {
        for (j, name) in names.iter().enumerate() {
            if let Some(i) = names[..j]
                .iter()
                .position(|n| crate::question::same(n, name))
            {
                let (first, second) = (format!("{list}[{i}].name"), format!("{list}[{j}].name"));
                out.push(format!(
                    "{}: field `{second}`: \"{}\" is the same person as \"{}\" at {} (`{first}`); the game counts them as one, so write each person once",
                    at(&second),
                    crate::text::escape_controls(name),
                    crate::text::escape_controls(names[i]),
                    at(&first)
                ));
            }
        }
    }
    // Across lists: one person may rightly be in the crew and the cast, or
    // be named by an award, but then in the same spelling everywhere.
    let mut everyone: Vec<(String, &str)> = Vec::new();
    everyone.extend(
        film.cast
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("cast[{i}].name"), c.name.as_str())),
    );
    everyone.extend(
        film.crew
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("crew[{i}].name"), c.name.as_str())),
    );
    for (i, a) in film.awards.iter().enumerate() {
        if let Some(r) = &a.recipient {
            everyone.push((format!("awards[{i}].recipient"), r.as_str()));
        }
        for (j, r) in a.recipients.iter().flatten().enumerate() {
            everyone.push((format!("awards[{i}].recipients[{j}]"), r.as_str()));
        }
    }
    let mut seen: Vec<(String, &str)> = Vec::new();
    for (path, name) in &everyone {
        let clash = seen
            .iter()
            .find(|(_, other)| *other != *name && crate::question::same(other, name));
        if let Some((first, other)) = clash {
            out.push(format!(
                "{}: field `{path}`: \"{}\" is written differently from \"{}\" at {} (`{first}`), which is the same person; write each person the same way everywhere",
                at(path),
                crate::text::escape_controls(name),
                crate::text::escape_controls(other),
                at(first)
            ));
        } else if !seen.iter().any(|(_, other)| *other == *name) {
            seen.push((path.clone(), name));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"title": "Example", "year": 1999}"#;

    #[test]
    fn builtin_record_loads() {
        let film = builtin().expect("built-in record is valid");
        assert!(!film.title.is_empty());
        // What the game reads without the rules is what passes them all.
        assert_eq!(parse(BUILTIN_NAME, BUILTIN_JSON), Ok(film));
    }

    #[test]
    fn minimal_record_needs_only_title_and_year() {
        let film = parse("min.json", MINIMAL).unwrap();
        assert_eq!(film.year, 1999);
        assert!(film.cast.is_empty() && film.awards.is_empty());
    }

    #[test]
    fn typo_in_a_field_names_file_and_field() {
        let err = parse(
            "typo.json",
            r#"{"title": "X", "year": 2000, "release": {"date": "2000-01-01", "knd": "wide"}}"#,
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("typo.json: 1:"), "{msg}");
        assert!(msg.contains("field `release.knd`"), "{msg}");
        assert!(msg.contains("unknown field `knd`"), "{msg}");
    }

    #[test]
    fn wrong_type_names_the_field_path() {
        let err = parse(
            "types.json",
            "{\"title\": \"X\",\n \"year\": 2000,\n \"cast\": [{\"name\": 5}]}",
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("types.json: 3:"), "{msg}");
        assert!(msg.contains("field `cast[0].name`"), "{msg}");
        assert!(
            msg.contains("expected text in quotes, found the number 5"),
            "{msg}"
        );
    }

    #[test]
    fn bad_dates_and_months_are_refused() {
        let err = parse(
            "d.json",
            r#"{"title": "X", "year": 2000, "premiere": {"event": "E", "date": "2000-02-30", "in_competition": true, "opening_film": false}}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("field `premiere.date`"), "{err}");
        let err = parse(
            "m.json",
            r#"{"title": "X", "year": 2000, "filming": {"month": "2000-13", "city": "C"}}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("month 13"), "{err}");
    }

    #[test]
    fn every_semantic_problem_is_reported() {
        let err = parse(
            "s.json",
            r#"{"title": " ", "year": 3000, "cast": [{"name": "A\u001b[2J"}],
                "release": {"date": "2000-05-01", "kind": "wide", "closed": "2000-01-01"}}"#,
        )
        .unwrap_err();
        let all = err.to_string();
        assert_eq!(err.problems.len(), 4, "{all}");
        assert!(all.contains("field `title`: must not be empty"));
        assert!(all.contains("year 3000"));
        assert!(all.contains("field `cast[0].name`: contains the control character \\u{1b}"));
        assert!(all.contains("field `release.closed`: is before release.date"));
    }

    #[test]
    fn empty_and_trailing_text_are_refused() {
        assert!(
            parse("e.json", "  \n")
                .unwrap_err()
                .to_string()
                .contains("empty")
        );
        let err = parse("t.json", &format!("{MINIMAL} x")).unwrap_err();
        assert!(err.to_string().contains("unexpected text"), "{err}");
    }

    #[test]
    fn every_type_problem_is_reported_at_once_in_plain_words() {
        let text = "{\"title\": \"X\",\n \"year\": \"2000\",\n \"cast\": [{\"name\": \"A\"}, {\"name\": 5}, {\"nmae\": \"B\"}],\n \"premiere\": {\"event\": \"E\", \"date\": \"2000-02-30\"},\n \"relase\": {}}";
        let err = parse("all.json", text).unwrap_err();
        let all = err.to_string();
        assert_eq!(err.problems.len(), 5, "{all}");
        assert!(
            all.contains(
                "all.json: 2:10: field `year`: expected a whole number, found the text \"2000\""
            ),
            "{all}"
        );
        assert!(
            all.contains("3:35: field `cast[1].name`: expected text in quotes, found the number 5"),
            "{all}"
        );
        assert!(all.contains("field `cast[2].nmae`: unknown field `nmae`; the fields here are name, role, performer"), "{all}");
        assert!(
            all.contains("4:37: field `premiere.date`: expected a date like 1999-12-31"),
            "{all}"
        );
        assert!(
            all.contains("5:12: field `relase`: unknown field `relase` (did you mean `release`?)"),
            "{all}"
        );
        assert!(
            !all.contains("i32") && !all.contains("invalid characters"),
            "{all}"
        );
    }

    #[test]
    fn schema_two_fields_load() {
        let film = parse(
            "v2.json",
            r#"{"title": "Y", "year": 2001, "original_title": "Ÿ", "languages": ["Swedish"],
               "premiere": {"event": "Bio Rio", "date": "2001-02-03", "kind": "cinema"},
               "setting": {"place": "P", "kind": "farm", "fictional": false},
               "distributors": [{"company": "A", "territories": ["Sweden"]}, {"company": "B", "territories": ["Japan", "Korea"]}],
               "releases": [{"territory": "Sweden", "date": "2001-03-01"}],
               "filming": {"from": "2000-05", "to": "2000-09"},
               "budget": {"min": 30000000, "max": 40000000, "currency": "SEK", "approximate": true},
               "gross": {"amount": 2000000, "currency": "USD"},
               "awards": [{"body": "B", "category": "Best Sound", "result": "won", "recipients": ["C", "D"]}]}"#,
        )
        .unwrap();
        assert_eq!(film.awards[0].people(), ["C", "D"]);
        assert_eq!(film.budget.unwrap().currency.code(), "SEK");
        assert_eq!(
            film.filming.unwrap().period().unwrap().1.to_string(),
            "2000-09"
        );
    }

    #[test]
    fn schema_two_rules_are_located() {
        let err = parse(
            "bad.json",
            "{\"title\": \"Y\", \"year\": 2001,\n \"premiere\": {\"event\": \"Bio\", \"date\": \"2001-02-03\", \"kind\": \"cinema\", \"opening_film\": true},\n \"budget\": {\"amount\": 9e18, \"currency\": \"USD\"},\n \"gross\": {\"min\": 5, \"max\": 2, \"currency\": \"XYZ\"}}",
        )
        .unwrap_err();
        let all = err.to_string();
        // The type problem and the rule problems of the parts that did
        // read, all at once, in file order.
        assert_eq!(err.problems.len(), 3, "{all}");
        assert!(err.problems[0].starts_with("2:"), "{all}");
        assert!(err.problems[1].starts_with("3:"), "{all}");
        assert!(
            err.problems[2].starts_with("4:") && all.contains("ISO 4217"),
            "{all}"
        );
        let err = parse(
            "bad.json",
            "{\"title\": \"Y\", \"year\": 2001,\n \"premiere\": {\"event\": \"Bio\", \"date\": \"2001-02-03\", \"kind\": \"cinema\", \"opening_film\": true},\n \"budget\": {\"amount\": 9e18, \"currency\": \"USD\"},\n \"gross\": {\"min\": 5, \"max\": 2, \"currency\": \"EUR\"},\n \"filming\": {\"from\": \"2000-05\"}}",
        )
        .unwrap_err();
        let all = err.to_string();
        assert_eq!(err.problems.len(), 4, "{all}");
        assert!(
            all.contains(
                "2:87: field `premiere.opening_film`: belongs to a festival premiere only"
            ),
            "{all}"
        );
        assert!(
            all.contains("3:23: field `budget.amount`: must be a number from 1 to 999 billion"),
            "{all}"
        );
        assert!(
            all.contains("4:29: field `gross.max`: must be greater than `min`"),
            "{all}"
        );
        assert!(
            all.contains("field `filming.from`: needs `to` as well"),
            "{all}"
        );
    }

    #[test]
    fn year_month_shifts_across_years() {
        let m: YearMonth = "2013-11".parse().unwrap();
        assert_eq!(m.shift(3).to_string(), "2014-02");
        assert_eq!(m.shift(-11).to_string(), "2012-12");
    }
}
