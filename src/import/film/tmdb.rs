//! TMDB's JSON for one film: the response of `/3/movie/{id}` fetched with
//! `append_to_response=credits,release_dates`.
//!
//! Read: `title`, `release_date` (its year is the film's), `genres`,
//! `production_companies`, `production_countries`, `spoken_languages`
//! (`original_language` first), `budget` and `revenue` (whole US dollars,
//! 0 for unknown), `credits.cast[]` (`name`, `character`, `gender`: 0
//! unknown, 1 female, 2 male, 3 non-binary; `order`), `credits.crew[]`
//! (`name`, `job`) and `release_dates.results[]` (`iso_3166_1`, and
//! `release_dates[]` with `release_date`, `type` and `note`; type 1 is a
//! premiere, 2 a limited cinema release, 3 a cinema release). Every other
//! field is ignored.
//!
//! Refused, each with the file's `line:column` and the field: text that is
//! not JSON, TMDB's error JSON (`status_code`, `status_message`), a file
//! fetched without `credits` or `release_dates`, and a field of the wrong
//! type.

use super::pools::{Pools, key};
use super::{Gathered, Gender, Job, Opening, Part, Problem, Showing, Sum};
use crate::record::{Currency, MAX_AMOUNT, Money};
use serde::Deserialize;

#[derive(Deserialize)]
struct Movie {
    title: Option<String>,
    original_language: Option<String>,
    release_date: Option<String>,
    genres: Option<Vec<Named>>,
    production_companies: Option<Vec<Named>>,
    production_countries: Option<Vec<CountryEntry>>,
    spoken_languages: Option<Vec<Language>>,
    budget: Option<f64>,
    revenue: Option<f64>,
    credits: Option<Credits>,
    release_dates: Option<ReleaseDates>,
}

#[derive(Deserialize)]
struct Named {
    name: Option<String>,
}

#[derive(Deserialize)]
struct CountryEntry {
    iso_3166_1: Option<String>,
    name: Option<String>,
}

#[derive(Deserialize)]
struct Language {
    iso_639_1: Option<String>,
    english_name: Option<String>,
}

#[derive(Deserialize)]
struct Credits {
    cast: Option<Vec<CastEntry>>,
    crew: Option<Vec<CrewEntry>>,
}

#[derive(Deserialize)]
struct CastEntry {
    name: Option<String>,
    character: Option<String>,
    gender: Option<i64>,
    order: Option<i64>,
}

#[derive(Deserialize)]
struct CrewEntry {
    name: Option<String>,
    job: Option<String>,
}

#[derive(Deserialize)]
struct ReleaseDates {
    results: Option<Vec<CountryDates>>,
}

#[derive(Deserialize)]
struct CountryDates {
    iso_3166_1: Option<String>,
    release_dates: Option<Vec<Dated>>,
}

#[derive(Deserialize)]
struct Dated {
    release_date: Option<String>,
    #[serde(rename = "type")]
    kind: Option<i64>,
    note: Option<String>,
}

/// The flag the TMDB address needs for what the importer reads.
pub(crate) const APPEND: &str = "append_to_response=credits,release_dates";

/// The record's word for a TMDB job, for the jobs the game asks about.
pub(crate) fn job_of(tmdb: &str) -> Option<&'static str> {
    Some(match tmdb.trim() {
        "Director" => "director",
        "Screenplay" | "Writer" => "writer",
        "Producer" => "producer",
        "Original Music Composer" | "Music" | "Composer" => "composer",
        "Director of Photography" | "Cinematography" => "cinematographer",
        "Editor" => "editor",
        _ => return None,
    })
}

/// Reads one TMDB file.
pub(super) fn read(text: &str, pools: &Pools) -> Result<Gathered, Problem> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| syntax(text, &e))?;
    let Some(top) = value.as_object() else {
        return Err(Problem::file(format!(
            "expected TMDB's JSON object for one film, found {}",
            kind(&value)
        )));
    };
    if top.contains_key("status_code") && !top.contains_key("title") {
        return Err(error_reply(text, top));
    }
    for (field, what) in [
        ("credits", "the cast and crew"),
        ("release_dates", "the release dates"),
    ] {
        if !top.contains_key(field) {
            return Err(Problem {
                at: Some((1, 1)),
                field: Some(field.into()),
                message: format!(
                    "missing: this file was fetched without {what}; fetch it again with `{APPEND}` in the address (curl -s \"https://api.themoviedb.org/3/movie/ID?api_key=KEY&{APPEND}\")"
                ),
            });
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let movie: Movie = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        Problem::field(text, &path, plain_type(&e.into_inner().to_string()))
    })?;
    gather(text, movie, pools)
}

fn gather(text: &str, movie: Movie, pools: &Pools) -> Result<Gathered, Problem> {
    let mut g = Gathered::default();
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(crate::import::clean)
            .filter(|t| !t.is_empty())
    };
    g.title = clean(&movie.title);
    if g.title.is_none() {
        return Err(Problem::field(
            text,
            "title",
            "missing or empty: TMDB's film JSON always has a title; is this the right file?",
        ));
    }
    if let Some(d) = movie.release_date.as_deref().filter(|d| !d.is_empty()) {
        match super::leading_date(d) {
            Some(date) => g.year = Some(chrono::Datelike::year(&date)),
            None => {
                return Err(Problem::field(
                    text,
                    "release_date",
                    format!("expected a date like 2001-12-31, found {d:?}"),
                ));
            }
        }
    }
    // The original language first, then the others in TMDB's order.
    let mut languages: Vec<(bool, String)> = movie
        .spoken_languages
        .iter()
        .flatten()
        .filter_map(|l| {
            let name = clean(&l.english_name)?;
            let main = l.iso_639_1.is_some() && l.iso_639_1 == movie.original_language;
            Some((main, name))
        })
        .collect();
    languages.sort_by_key(|(main, _)| !*main);
    for (_, l) in languages {
        push_once(&mut g.languages, l);
    }
    for c in movie.production_countries.iter().flatten() {
        let by_code = c
            .iso_3166_1
            .as_deref()
            .and_then(|code| pools.country_by_code(code));
        let name = by_code.map(|p| p.name.clone()).or_else(|| {
            clean(&c.name).map(|n| {
                pools
                    .country_by_name(&n)
                    .map(|p| p.name.clone())
                    .unwrap_or(n)
            })
        });
        if let Some(name) = name {
            push_once(&mut g.countries, name);
        }
    }
    for genre in movie.genres.iter().flatten().filter_map(|n| clean(&n.name)) {
        // A television film is a format, not a genre.
        if key(&genre) != "tvmovie" {
            push_once(&mut g.genres, genre.to_lowercase());
        }
    }
    for c in movie
        .production_companies
        .iter()
        .flatten()
        .filter_map(|n| clean(&n.name))
    {
        push_once(&mut g.companies, c);
    }
    let credits = movie.credits.unwrap_or(Credits {
        cast: None,
        crew: None,
    });
    for (i, c) in credits.cast.iter().flatten().enumerate() {
        let Some(name) = clean(&c.name) else {
            g.notes.push(format!(
                "credits.cast[{i}]: a part with no performer's name"
            ));
            continue;
        };
        g.credits.push(name.clone());
        let character = clean(&c.character);
        let voice = character
            .as_deref()
            .is_some_and(|ch| ch.to_lowercase().contains("(voice)"));
        g.cast.push(Part {
            name,
            character,
            gender: match c.gender {
                Some(1) => Some(Gender::Female),
                Some(2) => Some(Gender::Male),
                Some(3) => Some(Gender::Other),
                _ => None,
            },
            voice,
            order: c.order.unwrap_or(i as i64),
        });
    }
    for c in credits.crew.iter().flatten() {
        let Some(name) = clean(&c.name) else { continue };
        g.credits.push(name.clone());
        if let Some(job) = c.job.as_deref().and_then(job_of) {
            let held = g
                .crew
                .iter()
                .any(|j| j.job == job && key(&j.name) == key(&name));
            if !held {
                g.crew.push(Job { name, job });
            }
        }
    }
    for (i, r) in movie
        .release_dates
        .and_then(|r| r.results)
        .iter()
        .flatten()
        .enumerate()
    {
        let code = r.iso_3166_1.as_deref().unwrap_or("").trim();
        let Some(country) = pools.country_by_code(code) else {
            if r.release_dates
                .iter()
                .flatten()
                .any(|d| matches!(d.kind, Some(1..=3)))
            {
                g.notes.push(format!(
                    "release_dates.results[{i}]: country code {:?} is not one the game knows; its dates are left out",
                    crate::text::escape_controls(code)
                ));
            }
            continue;
        };
        for (j, d) in r.release_dates.iter().flatten().enumerate() {
            let showing = match d.kind {
                Some(1) => Showing::Premiere,
                Some(2) => Showing::Limited,
                Some(3) => Showing::Cinemas,
                _ => continue,
            };
            let raw = d.release_date.as_deref().unwrap_or("");
            let Some(date) = super::leading_date(raw) else {
                return Err(Problem::field(
                    text,
                    &format!("release_dates.results[{i}].release_dates[{j}].release_date"),
                    format!(
                        "expected a date like 2001-12-31T00:00:00.000Z, found {:?}",
                        crate::text::escape_controls(raw)
                    ),
                ));
            };
            let note = clean(&d.note).unwrap_or_default();
            if showing == Showing::Premiere && looks_like_event(&note, pools) {
                let event = pools
                    .festival(&note)
                    .map(|f| f.name.clone())
                    .unwrap_or_else(|| note.clone());
                push_once(&mut g.events, event);
            }
            g.openings.push(Opening {
                country: country.name.clone(),
                date,
                showing,
                note,
            });
        }
    }
    for (field, amount, out) in [
        ("budget", movie.budget, &mut g.budget),
        ("revenue", movie.revenue, &mut g.gross),
    ] {
        match amount {
            Some(a) if a.is_finite() && (1.0..=MAX_AMOUNT).contains(&a.round()) => out.push(Sum {
                money: Money::exact(a.round(), Currency::USD),
                preferred: false,
            }),
            Some(0.0) => {}
            None => {}
            Some(a) => {
                return Err(Problem::field(
                    text,
                    field,
                    format!("{a} is not a sum of dollars from 1 to 999 billion (0 means unknown)"),
                ));
            }
        }
    }
    Ok(g)
}

/// Whether a premiere's note names a festival or similar event (not
/// "World Premiere" or a city): one the pool knows, or a name with
/// "Festival" or "Fest" in it.
pub(crate) fn looks_like_event(note: &str, pools: &Pools) -> bool {
    pools.festival(note).is_some()
        || super::pools::words_of(note)
            .iter()
            .any(|w| w == "festival" || w == "fest" || w == "filmfestival")
}

fn push_once(list: &mut Vec<String>, item: String) {
    if !list.iter().any(|x| key(x) == key(&item)) {
        list.push(item);
    }
}

/// TMDB's error reply, in words: what it said and what to do.
fn error_reply(text: &str, top: &serde_json::Map<String, serde_json::Value>) -> Problem {
    let code = top.get("status_code").and_then(|c| c.as_i64());
    let said = top
        .get("status_message")
        .and_then(|m| m.as_str())
        .map(|m| format!(" {:?}", crate::text::escape_controls(m).into_owned()))
        .unwrap_or_default();
    let what = match code {
        Some(7) => {
            "check the api_key in the address (TMDB's own key, from your account's API settings)"
        }
        Some(34) => {
            "check the film's ID in the address: it is the number in the film's TMDB page address"
        }
        Some(25) => "TMDB is limiting requests; wait a little and fetch it again",
        _ => "fetch the film again, as docs/import-a-film.md shows",
    };
    let code = code.map(|c| c.to_string()).unwrap_or_else(|| "?".into());
    Problem::field(
        text,
        "status_code",
        format!("TMDB answered with an error instead of a film (status {code}){said}; {what}"),
    )
}

/// What kind of JSON value `v` is, for a message.
pub(crate) fn kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "true or false",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a text",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

/// A syntax error, placed and in words.
pub(crate) fn syntax(text: &str, e: &serde_json::Error) -> Problem {
    let at = crate::locate::line_col(
        text,
        crate::locate::offset_of(text, e.line(), e.column().max(1)),
    );
    let raw = crate::locate::json_message(e);
    let message = if raw.starts_with("EOF while parsing") {
        "not valid JSON: the file ends early (was it cut short? fetch it again)".to_string()
    } else if raw.starts_with("trailing characters") {
        "not valid JSON: unexpected text after the end of the data".to_string()
    } else {
        format!("not valid JSON: {raw}")
    };
    Problem {
        at: Some(at),
        field: None,
        message: crate::text::escape_controls(&message).into_owned(),
    }
}

/// serde's "invalid type: string \"x\", expected i64" in a reader's words.
pub(crate) fn plain_type(message: &str) -> String {
    let message = crate::locate::strip_json_position(message);
    let Some(rest) = message.strip_prefix("invalid type: ") else {
        return crate::text::escape_controls(message).into_owned();
    };
    let (found, expected) = rest
        .split_once(", expected ")
        .unwrap_or((rest, "something else"));
    let found = if let Some(s) = found.strip_prefix("string ") {
        format!("the text {s}")
    } else if let Some(n) = found
        .strip_prefix("integer ")
        .or_else(|| found.strip_prefix("floating point "))
    {
        format!("the number {n}")
    } else if let Some(b) = found.strip_prefix("boolean ") {
        b.to_string()
    } else if found == "map" {
        "an object".into()
    } else if found == "sequence" {
        "a list".into()
    } else {
        found.to_string()
    };
    let expected = match expected {
        "i64" | "u64" | "i32" | "u32" | "u8" => "a whole number",
        "f64" => "a number",
        "a string" => "text in quotes",
        e if e.starts_with("a sequence") => "a list",
        e if e.starts_with("struct") || e.starts_with("a map") => "an object",
        e => e,
    };
    crate::text::escape_controls(&format!("expected {expected}, found {found}")).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::film::pools::pools;

    fn read_ok(text: &str) -> Gathered {
        read(text, pools().unwrap()).unwrap()
    }

    fn refused(text: &str) -> String {
        read(text, pools().unwrap()).unwrap_err().to_string()
    }

    const SMALL: &str = r#"{"title": "Paper Boat", "release_date": "2001-05-04",
      "original_language": "fr",
      "spoken_languages": [{"iso_639_1": "en", "english_name": "English"}, {"iso_639_1": "fr", "english_name": "French"}],
      "genres": [{"id": 1, "name": "Drama"}, {"id": 2, "name": "TV Movie"}],
      "production_countries": [{"iso_3166_1": "FR", "name": "France"}],
      "budget": 0, "revenue": 1200000,
      "credits": {"cast": [{"name": "Ana Pell", "character": "Mia (voice)", "gender": 1, "order": 0}],
                  "crew": [{"name": "Ro Dent", "job": "Director"}, {"name": "Ro Dent", "job": "Screenplay"}, {"name": "Ro Dent", "job": "Writer"}, {"name": "Cy Best", "job": "Gaffer"}]},
      "release_dates": {"results": [{"iso_3166_1": "FR", "release_dates": [{"release_date": "2001-05-04T00:00:00.000Z", "type": 3, "note": ""}]},
                                    {"iso_3166_1": "ZZ", "release_dates": [{"release_date": "2001-06-04T00:00:00.000Z", "type": 3}]}]}}"#;

    #[test]
    fn reads_what_the_game_asks_about() {
        let g = read_ok(SMALL);
        assert_eq!(g.title.as_deref(), Some("Paper Boat"));
        assert_eq!(g.year, Some(2001));
        assert_eq!(g.languages, ["French", "English"]);
        assert_eq!(g.genres, ["drama"]);
        assert_eq!(g.countries, ["France"]);
        assert!(g.budget.is_empty());
        assert_eq!(g.gross[0].money.amount, Some(1_200_000.0));
        assert!(g.cast[0].voice);
        assert_eq!(g.cast[0].gender, Some(Gender::Female));
        // One person, two jobs, each once; the gaffer is credited only.
        let jobs: Vec<&str> = g.crew.iter().map(|j| j.job).collect();
        assert_eq!(jobs, ["director", "writer"]);
        assert!(g.credits.iter().any(|c| c == "Cy Best"));
        assert_eq!(g.openings.len(), 1);
        assert!(
            g.notes.iter().any(|n| n.contains("\"ZZ\"")),
            "{:?}",
            g.notes
        );
    }

    #[test]
    fn refusals_name_the_place_and_the_field() {
        let err = refused(
            "{\"status_code\": 34, \"status_message\": \"The resource you requested could not be found.\", \"success\": false}",
        );
        assert!(
            err.starts_with("1:17: field `status_code`: TMDB answered with an error"),
            "{err}"
        );
        assert!(
            err.contains("status 34") && err.contains("film's ID"),
            "{err}"
        );
        let err = refused("{\"title\": \"T\",\n \"release_dates\": {\"results\": []}}");
        assert!(err.starts_with("1:1: field `credits`: missing"), "{err}");
        assert!(err.contains(APPEND), "{err}");
        let err = refused(
            "{\"title\": \"T\", \"credits\": {\"cast\": [{\"name\": \"A\",\n \"gender\": \"two\"}]}, \"release_dates\": {}}",
        );
        assert_eq!(
            err,
            "2:12: field `credits.cast[0].gender`: expected a whole number, found the text \"two\""
        );
        let err = refused("{\"title\": \"T\", \"credits\": {");
        assert!(
            err.starts_with("1:27: not valid JSON: the file ends early"),
            "{err}"
        );
        assert_eq!(
            refused("[]"),
            "1:1: expected TMDB's JSON object for one film, found a list"
        );
    }
}
