//! Importing a film record from the two public sources of film facts:
//! TMDB's JSON for one film (`/3/movie/{id}` with
//! `append_to_response=credits,release_dates`) and the results of the
//! Wikidata query the project ships (`questions/wikidata/film.rq`).
//!
//! Pure, like the bank importers: the caller reads the files and passes
//! their text; [`import_film`] returns one version 2 film record (the
//! schema `questions/README.md` documents), already read back by
//! [`crate::record::parse`], or one located message. Nothing here does I/O
//! or panics, whatever the text holds.
//!
//! Each source is read into the same shape ([`Gathered`]); with both files
//! for one film they are merged ([`build`]): TMDB for the cast, the crew,
//! the money and the dates, Wikidata for the awards and the places, and
//! each for what the other lacks. Wrong choices come only from outside the
//! film's credits: the shipped pools (`questions/pools/*.json`), less
//! anyone and anything either source credits. Then the record is checked
//! as `check` checks it, and whatever could never be asked fairly (a part
//! with no decoys of its shape, a section with no question) is left out
//! and said, so that an imported record passes `check` without a warning.

mod build;
pub(crate) mod pools;
mod tmdb;
mod wikidata;

use super::Format;
use crate::record::{Film, Money, Performer};
use chrono::NaiveDate;
use std::fmt;

/// One file to import: its name (for messages), its text, and the format
/// `--format` forced, if any.
#[derive(Debug, Clone, Copy)]
pub struct FilmFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub format: Option<Format>,
}

/// An imported film record.
#[derive(Debug, Clone)]
pub struct FilmImport {
    pub film: Film,
    /// The record as written to the output: JSON, one section a line.
    pub json: String,
    /// Each file read, with its format.
    pub sources: Vec<(String, Format)>,
    /// What was left out, and why, one line each (never a refusal).
    pub notes: Vec<String>,
}

/// Why a file could not be imported: the file, where in it (when the
/// problem has a place), the field, and what to do, in one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {problem}")]
pub struct FilmError {
    pub file: String,
    pub problem: Problem,
}

/// A refusal, placed in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `line:column`, 1-based, in characters.
    pub at: Option<(usize, usize)>,
    /// The field's path, such as `credits.cast[3].gender`.
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((line, col)) = self.at {
            write!(f, "{line}:{col}: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl Problem {
    /// A problem with the whole file, placed at its start.
    pub(crate) fn file(message: impl Into<String>) -> Self {
        Problem {
            at: Some((1, 1)),
            field: None,
            message: message.into(),
        }
    }

    /// A problem with the field at `path`, placed where `text` writes it
    /// (or at the start of the file when it is missing).
    pub(crate) fn field(text: &str, path: &str, message: impl Into<String>) -> Self {
        Problem {
            at: Some(crate::locate::locate(text, path).unwrap_or((1, 1))),
            field: Some(path.to_string()),
            message: message.into(),
        }
    }
}

/// How TMDB and Wikidata files are told from each other and from quiz
/// files: by the names of their top-level fields. A SPARQL result has
/// `head` and `results`; a TMDB film has `credits`, `release_dates` or
/// `imdb_id`, and a TMDB error `status_code` and `status_message`. A
/// broken file is judged by whether those names appear in it at all.
pub fn detect(text: &str) -> Option<Format> {
    use serde::de::IgnoredAny;
    use std::collections::BTreeMap;
    let keys: Vec<String> =
        match serde_json::from_str::<BTreeMap<String, IgnoredAny>>(text.trim_start()) {
            Ok(map) => map.into_keys().collect(),
            Err(_) => {
                let has = |k: &str| text.contains(&format!("\"{k}\""));
                if has("head") && has("bindings") {
                    return Some(Format::Wikidata);
                }
                if ["credits", "release_dates", "imdb_id", "status_message"]
                    .iter()
                    .any(|k| has(k))
                {
                    return Some(Format::Tmdb);
                }
                return None;
            }
        };
    let has = |k: &str| keys.iter().any(|x| x == k);
    if has("head") && has("results") {
        Some(Format::Wikidata)
    } else if has("credits")
        || has("release_dates")
        || has("imdb_id")
        || (has("status_code") && has("status_message"))
    {
        Some(Format::Tmdb)
    } else {
        None
    }
}

/// Whether `text` is a web page rather than data: what a browser saves,
/// or what a server sends instead of JSON.
pub fn is_html(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if !start.starts_with('<') {
        return false;
    }
    let head: String = start.chars().take(2048).collect::<String>().to_lowercase();
    head.starts_with("<!doctype html") || head.contains("<html") || head.contains("<head")
}

/// What a web page is called in a refusal, with how to get the data.
pub(crate) fn html_refusal(format: Option<Format>) -> Problem {
    let how = match format {
        Some(Format::Wikidata) => {
            "fetch the query's results as JSON with curl and `-H 'Accept: application/sparql-results+json'`"
        }
        Some(Format::Tmdb) => "fetch the film's JSON with curl, as docs/import-a-film.md shows",
        _ => {
            "fetch the file itself (a film's TMDB or Wikidata data with curl, as docs/import-a-film.md shows)"
        }
    };
    Problem::file(format!(
        "this is a web page (HTML), not data: it was saved from a browser, or a server sent a page instead; {how}"
    ))
}

/// A performer or crew member's gender, as the sources give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Female,
    Male,
    /// Non-binary, or any other the sources name.
    Other,
}

impl Gender {
    pub fn performer(self) -> Option<Performer> {
        match self {
            Gender::Female => Some(Performer::Actress),
            Gender::Male => Some(Performer::Actor),
            Gender::Other => None,
        }
    }
}

/// A part in the cast.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Part {
    pub name: String,
    /// The character, as the source writes it (cleaned by `build`).
    pub character: Option<String>,
    pub gender: Option<Gender>,
    pub voice: bool,
    /// The billing order (TMDB's `order`, or the row order).
    pub order: i64,
}

/// A job behind the camera, in the record's words (`director`, `writer`,
/// `producer`, `composer`, `cinematographer`, `editor`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Job {
    pub name: String,
    pub job: &'static str,
}

/// How a film was shown on a day somewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Showing {
    /// TMDB's type 1.
    Premiere,
    /// TMDB's type 2: in cinemas, in a limited release.
    Limited,
    /// TMDB's type 3, or a dated publication in a country (Wikidata).
    Cinemas,
}

/// A showing in a country on a day.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Opening {
    /// The country's name, as the game names it.
    pub country: String,
    pub date: NaiveDate,
    pub showing: Showing,
    /// TMDB's note: for a premiere, often the festival.
    pub note: String,
}

/// A sum with its Wikidata rank (TMDB's are normal).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Sum {
    pub money: Money,
    pub preferred: bool,
}

/// An award or nomination.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Honour {
    /// The award's identity (its Wikidata item), for merging duplicates.
    pub item: String,
    pub body: String,
    pub category: String,
    pub year: Option<i32>,
    pub won: bool,
    pub people: Vec<String>,
}

/// A place named by a source, and whether it is a city.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Place {
    pub name: String,
    pub city: bool,
}

/// What one source says about the film, in one shape for both.
#[derive(Debug, Clone, Default)]
pub(crate) struct Gathered {
    pub title: Option<String>,
    /// The year it was released (TMDB's `release_date`, or the earliest
    /// publication date Wikidata gives, at any precision).
    pub year: Option<i32>,
    pub languages: Vec<String>,
    pub countries: Vec<String>,
    pub genres: Vec<String>,
    pub cast: Vec<Part>,
    /// Whether the cast listed is the source's whole cast.
    pub crew: Vec<Job>,
    /// Every name the source credits, in any role or job: none of them
    /// is ever a wrong choice.
    pub credits: Vec<String>,
    pub companies: Vec<String>,
    pub openings: Vec<Opening>,
    pub budget: Vec<Sum>,
    pub gross: Vec<Sum>,
    pub grosses: Vec<(String, Sum)>,
    pub honours: Vec<Honour>,
    pub filming: Vec<Place>,
    pub setting: Vec<Place>,
    /// Festivals and events the source says showed the film, or honoured
    /// it: never a wrong premiere.
    pub events: Vec<String>,
    /// What was left out, and why.
    pub notes: Vec<String>,
}

/// Imports one film from one or two files: a TMDB file, a Wikidata file,
/// or one of each. Each file's format is `--format`'s or worked out from
/// its content ([`detect`]).
pub fn import_film(files: &[FilmFile]) -> Result<FilmImport, FilmError> {
    let fail = |file: &FilmFile, problem: Problem| FilmError {
        file: file.name.to_string(),
        problem,
    };
    let pools = pools::pools().map_err(|e| FilmError {
        file: "questions/pools".into(),
        problem: Problem {
            at: None,
            field: None,
            message: e,
        },
    })?;
    let mut tmdb: Option<(&FilmFile, Gathered)> = None;
    let mut wiki: Option<(&FilmFile, Gathered)> = None;
    let mut sources = Vec::new();
    for file in files {
        let text = file.text.strip_prefix('\u{feff}').unwrap_or(file.text);
        if text.trim().is_empty() {
            return Err(fail(
                file,
                Problem {
                    at: None,
                    field: None,
                    message: "the file is empty; expected TMDB's JSON for a film or the Wikidata query's results".into(),
                },
            ));
        }
        if is_html(text) {
            return Err(fail(file, html_refusal(file.format)));
        }
        let format = match file.format.or_else(|| super::detect(text)) {
            Some(f @ (Format::Tmdb | Format::Wikidata)) => f,
            Some(other) => {
                return Err(fail(
                    file,
                    Problem::file(format!(
                        "this looks like a quiz file ({}), not a film's TMDB or Wikidata data; a quiz file is imported on its own",
                        other.label()
                    )),
                ));
            }
            None => {
                return Err(fail(
                    file,
                    Problem::file(
                        "could not tell whether this is TMDB's JSON for a film or the Wikidata query's results; pass --format tmdb or --format wikidata",
                    ),
                ));
            }
        };
        let (slot, gathered) = match format {
            Format::Tmdb => (&mut tmdb, tmdb::read(text, pools)),
            _ => (&mut wiki, wikidata::read(text, pools)),
        };
        let mut gathered = gathered.map_err(|p| fail(file, p))?;
        for note in &mut gathered.notes {
            *note = format!("{}: {note}", file.name);
        }
        if let Some((first, _)) = slot {
            return Err(fail(
                file,
                Problem::file(format!(
                    "{} is a {} file too; give one TMDB file and one Wikidata file, for one film",
                    first.name,
                    format.label()
                )),
            ));
        }
        *slot = Some((file, gathered));
        sources.push((file.name.to_string(), format));
    }
    if tmdb.is_none() && wiki.is_none() {
        return Err(FilmError {
            file: "import".into(),
            problem: Problem {
                at: None,
                field: None,
                message: "no file to import".into(),
            },
        });
    }
    let names = |g: &Option<(&FilmFile, Gathered)>| g.as_ref().map(|(f, _)| f.name.to_string());
    let (tmdb_name, wiki_name) = (names(&tmdb), names(&wiki));
    let built =
        build::build(tmdb.map(|(_, g)| g), wiki.map(|(_, g)| g), pools).map_err(|message| {
            FilmError {
                file: tmdb_name.clone().or(wiki_name.clone()).unwrap_or_default(),
                problem: Problem {
                    at: None,
                    field: None,
                    message,
                },
            }
        })?;
    Ok(FilmImport {
        film: built.film,
        json: built.json,
        sources,
        notes: built.notes,
    })
}

/// A date at the start of `text` (`YYYY-MM-DD`, with anything after it,
/// such as TMDB's `T00:00:00.000Z`), or `None`.
pub(crate) fn leading_date(text: &str) -> Option<NaiveDate> {
    let head = text.get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// Whether `label` is a bare Wikidata item id (`Q12345`): what the label
/// service returns for an item with no label in the language asked.
pub(crate) fn is_item_id(label: &str) -> bool {
    let t = label.trim();
    t.len() > 1 && t.starts_with('Q') && t[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_tmdb_and_wikidata_and_nothing_else() {
        assert_eq!(
            detect(r#"{"head": {"vars": []}, "results": {"bindings": []}}"#),
            Some(Format::Wikidata)
        );
        assert_eq!(
            detect(r#"{"id": 1, "title": "T", "credits": {}}"#),
            Some(Format::Tmdb)
        );
        assert_eq!(
            detect(r#"{"status_code": 34, "status_message": "x", "success": false}"#),
            Some(Format::Tmdb)
        );
        assert_eq!(
            detect(r#"{"title": "T", "credits": {"cast": [ "#),
            Some(Format::Tmdb)
        );
        assert_eq!(detect(r#"{"results": []}"#), None);
        assert_eq!(detect(r#"{"response_code": 0, "results": []}"#), None);
        assert_eq!(detect(r#"{"title": "A record", "year": 1999}"#), None);
        assert_eq!(detect("[1, 2]"), None);
    }

    #[test]
    fn web_pages_are_told_from_data() {
        assert!(is_html(
            "\u{feff}  <!DOCTYPE html><html><body>{}</body></html>"
        ));
        assert!(is_html("<html lang=\"en\">"));
        assert!(!is_html("{\"title\": \"<html>\"}"));
        assert!(!is_html("Q? {=a ~b}"));
    }

    #[test]
    fn item_ids_and_dates() {
        assert!(is_item_id("Q12345"));
        assert!(!is_item_id("Q"));
        assert!(!is_item_id("Quentin"));
        assert_eq!(
            leading_date("2001-02-03T00:00:00.000Z"),
            NaiveDate::from_ymd_opt(2001, 2, 3)
        );
        assert_eq!(leading_date("2001-00-00"), None);
        assert_eq!(leading_date("é"), None);
    }
}
