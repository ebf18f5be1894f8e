//! Importing questions from other quiz formats: Open Trivia DB JSON, Moodle's
//! Aiken and Moodle's GIFT; and importing a film record from TMDB's and
//! Wikidata's data about a film ([`film`]).
//!
//! This is pure code: the caller reads the file, passes its text to
//! [`import`] and prints what comes back. Nothing here does I/O or panics,
//! whatever the text holds.
//!
//! Each format's parser turns the text into questions, or into skips for the
//! items it cannot use (each with a location and a reason). Then the same
//! rules apply to every format:
//!
//! - In every field (prompt, answer, each distractor, category, explanation)
//!   each run of tabs, newlines and carriage returns (with any spaces next to
//!   it) becomes one space, and spaces, tabs and newlines are trimmed from
//!   both ends. Other whitespace, such as a non-breaking space (U+00A0), is
//!   kept as text.
//! - An empty category becomes [`DEFAULT_CATEGORY`].
//! - A question that [`question_problems`] would refuse is skipped, its
//!   problems joined with "; " as the reason.
//! - A question whose prompt is the same as an earlier imported one's (after
//!   [`normalize`]) is skipped: `same prompt as line 3` or `same prompt as
//!   results[0]`.
//! - Text from the file quoted in a reason or an error message has its
//!   control characters escaped (`\u{1b}`), so it is safe to print.
//! - A file that yields no questions is not an error: [`Imported`] comes back
//!   with no questions and its skips, and the caller decides.
//!
//! A leading byte-order mark is ignored. [`detect`] works the format out from
//! the content: a JSON object with TMDB's or a SPARQL result's fields is a
//! film's data ([`film::detect`]), other text starting with `{` is Open
//! Trivia DB JSON, text with a line `ANSWER:` is Aiken, other text holding
//! both `{` and `}` is GIFT. A web page (HTML) is refused, whatever it
//! holds.

use crate::bank::question_problems;
use crate::question::{DEFAULT_CATEGORY, Question, normalize};
use std::collections::HashMap;
use std::fmt;

pub mod aiken;
pub mod film;
pub mod gift;
pub mod opentdb;

/// A format questions can be imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    OpenTdb,
    Aiken,
    Gift,
    /// TMDB's JSON for one film: imported as a film record.
    Tmdb,
    /// The results of `questions/wikidata/film.rq`: imported as a film
    /// record.
    Wikidata,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::OpenTdb,
        Format::Aiken,
        Format::Gift,
        Format::Tmdb,
        Format::Wikidata,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::OpenTdb => "opentdb",
            Format::Aiken => "aiken",
            Format::Gift => "gift",
            Format::Tmdb => "tmdb",
            Format::Wikidata => "wikidata",
        }
    }

    /// Whether the format holds a film's data (a film record is made from
    /// it) rather than quiz questions (a bank).
    pub fn is_film(self) -> bool {
        matches!(self, Format::Tmdb | Format::Wikidata)
    }

    /// The name to show people.
    pub fn label(self) -> &'static str {
        match self {
            Format::OpenTdb => "Open Trivia DB",
            Format::Aiken => "Aiken",
            Format::Gift => "GIFT",
            Format::Tmdb => "TMDB",
            Format::Wikidata => "Wikidata",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Works out the format from the content; None when it cannot tell.
///
/// A JSON object with TMDB's fields (`credits`, `release_dates`,
/// `imdb_id`, or an error's `status_code` and `status_message`) is TMDB,
/// one with `head` and `results` Wikidata ([`film::detect`]); other text
/// that starts with `{` or `[` (after whitespace) and is JSON, or
/// mentions `"results"`, is Open Trivia DB; text with a line starting
/// `ANSWER:` (spaces allowed around the word) is Aiken;
/// other text holding both `{` and `}` is GIFT.
pub fn detect(text: &str) -> Option<Format> {
    let text = strip_bom(text);
    let start = text.trim_start();
    if start.starts_with('{')
        && let Some(format) = film::detect(text)
    {
        return Some(format);
    }
    if start.starts_with('{') || start.starts_with('[') {
        // JSON, or a GIFT file that opens with a missing-word block. A file
        // that parses as JSON, or names `results`, is taken as Open Trivia
        // DB (so a broken one gets its JSON error, with the line).
        let is_json = serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok();
        if is_json || text.contains("\"results\"") {
            return Some(Format::OpenTdb);
        }
    }
    if text.lines().any(aiken::is_answer_line) {
        return Some(Format::Aiken);
    }
    if text.contains('{') && text.contains('}') {
        return Some(Format::Gift);
    }
    None
}

/// One question the importer passed over, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Where it is: `line 12` or `results[4] (line 40)`.
    pub location: String,
    pub reason: String,
}

/// What an import produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub format: Format,
    pub questions: Vec<Question>,
    pub skipped: Vec<Skipped>,
}

/// The file could not be read at all (not the format, unreadable structure).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", .line.map(|l| format!("line {l}: ")).unwrap_or_default())]
pub struct ImportError {
    pub line: Option<usize>,
    pub message: String,
}

impl ImportError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        ImportError {
            line: None,
            message: message.into(),
        }
    }

    pub(crate) fn at(line: usize, message: impl Into<String>) -> Self {
        ImportError {
            line: Some(line),
            message: message.into(),
        }
    }
}

/// Converts `text`; `format` None means detect it (see [`detect`]).
pub fn import(text: &str, format: Option<Format>) -> Result<Imported, ImportError> {
    let text = strip_bom(text);
    if format.is_none() && film::is_html(text) {
        return Err(ImportError::at(
            1,
            "this is a web page (HTML), not a quiz file: it was saved from a browser, or a server sent an error page",
        ));
    }
    let format = match format.or_else(|| detect(text)) {
        Some(format) => format,
        None => {
            return Err(ImportError::new(
                "could not work out the format of this file; \
                 pass --format opentdb|aiken|gift (or tmdb|wikidata for a film's data)",
            ));
        }
    };
    let entries = match format {
        Format::OpenTdb => opentdb::parse(text)?,
        Format::Aiken => aiken::parse(text)?,
        Format::Gift => gift::parse(text)?,
        Format::Tmdb | Format::Wikidata => {
            return Err(ImportError::new(format!(
                "this is {}'s data about a film, not quiz questions: it is imported as a film record (film::import_film)",
                format.label()
            )));
        }
    };
    Ok(finish(format, entries))
}

/// One item a parser met: a question, or the reason it could not be one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    /// Where the item is, as [`Skipped::location`] shows it.
    pub location: String,
    /// How a later duplicate names this item: "line 3", "results[0]".
    pub reference: String,
    pub outcome: Result<Question, String>,
}

impl Entry {
    /// An item found at `line` of a line-based format.
    pub fn at_line(line: usize, outcome: Result<Question, String>) -> Self {
        Entry {
            location: format!("line {line}"),
            reference: format!("line {line}"),
            outcome,
        }
    }
}

/// Applies the rules common to every format to what a parser found.
fn finish(format: Format, entries: Vec<Entry>) -> Imported {
    let mut questions = Vec::new();
    let mut skipped = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for entry in entries {
        let question = match entry.outcome {
            Ok(question) => clean_question(question),
            Err(reason) => {
                skipped.push(Skipped {
                    location: entry.location,
                    reason,
                });
                continue;
            }
        };
        let problems = question_problems(&question);
        if !problems.is_empty() {
            skipped.push(Skipped {
                location: entry.location,
                reason: problems.join("; "),
            });
            continue;
        }
        let key = normalize(&question.prompt);
        if let Some(first) = seen.get(&key) {
            skipped.push(Skipped {
                location: entry.location,
                reason: format!("same prompt as {first}"),
            });
            continue;
        }
        seen.insert(key, entry.reference);
        questions.push(question);
    }
    Imported {
        format,
        questions,
        skipped,
    }
}

fn clean_question(q: Question) -> Question {
    let category = clean(&q.category);
    Question {
        prompt: clean(&q.prompt),
        answer: clean(&q.answer),
        distractors: q.distractors.iter().map(|d| clean(d)).collect(),
        category: if category.is_empty() {
            DEFAULT_CATEGORY.to_owned()
        } else {
            category
        },
        difficulty: q.difficulty,
        explanation: clean(&q.explanation),
        meta: Default::default(),
    }
}

/// `text` with each run of tabs, newlines and carriage returns (and the
/// spaces around it) made one space, and spaces, tabs and newlines trimmed
/// from the ends. Non-breaking spaces and other characters are kept.
pub(crate) fn clean(text: &str) -> String {
    let is_edge = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    let text = text.trim_matches(is_edge);
    let mut out = String::with_capacity(text.len());
    let mut pending = String::new();
    let mut breaks = false;
    for c in text.chars() {
        if is_edge(c) {
            pending.push(c);
            breaks |= c != ' ';
            continue;
        }
        if breaks {
            out.push(' ');
        } else {
            out.push_str(&pending);
        }
        pending.clear();
        breaks = false;
        out.push(c);
    }
    out
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::Difficulty;
    use proptest::prelude::*;

    fn q(prompt: &str) -> Question {
        Question {
            prompt: prompt.into(),
            answer: "yes".into(),
            distractors: vec!["no".into()],
            category: "  ".into(),
            difficulty: Difficulty::Easy,
            explanation: String::new(),
            meta: Default::default(),
        }
    }

    #[test]
    fn names_and_labels() {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(names, ["opentdb", "aiken", "gift", "tmdb", "wikidata"]);
        assert_eq!(Format::OpenTdb.label(), "Open Trivia DB");
        assert_eq!(Format::Aiken.label(), "Aiken");
        assert_eq!(Format::Gift.label(), "GIFT");
        assert_eq!(
            Format::ALL.map(Format::name),
            ["opentdb", "aiken", "gift", "tmdb", "wikidata"]
        );
        assert!(Format::Tmdb.is_film() && !Format::Gift.is_film());
    }

    #[test]
    fn detects_each_format() {
        assert_eq!(detect("  \n{\"results\": []}"), Some(Format::OpenTdb));
        assert_eq!(detect("\u{feff}{}"), Some(Format::OpenTdb));
        assert_eq!(
            detect("Q?\nA) x\nB) y\n  ANSWER : B\n"),
            Some(Format::Aiken)
        );
        assert_eq!(detect("Q? {=a ~b}"), Some(Format::Gift));
        // A GIFT file may open with a missing-word block; JSON must parse.
        assert_eq!(
            detect("{=Allegro ~Largo} means fast.\n\nQ? {=a ~b}"),
            Some(Format::Gift)
        );
        assert_eq!(detect("[{\"type\": \"multiple\"}]"), Some(Format::OpenTdb));
        assert_eq!(detect("{\"results\": [ {\"type\""), Some(Format::OpenTdb));
        assert_eq!(detect("just some words"), None);
        assert_eq!(detect(""), None);
        assert_eq!(detect("only an opening {"), None);
        let fixtures = [
            (
                include_str!("../../tests/fixtures/import/opentdb-api.json"),
                Format::OpenTdb,
            ),
            (
                include_str!("../../tests/fixtures/import/opentdb-dump.json"),
                Format::OpenTdb,
            ),
            (
                include_str!("../../tests/fixtures/import/quiz.aiken.txt"),
                Format::Aiken,
            ),
            (
                include_str!("../../tests/fixtures/import/quiz.gift.txt"),
                Format::Gift,
            ),
        ];
        for (text, format) in fixtures {
            assert_eq!(detect(text), Some(format));
            assert_eq!(import(text, None).unwrap().format, format);
        }
    }

    #[test]
    fn undetectable_text_is_an_error_naming_the_flag() {
        let err = import("no idea what this is", None).unwrap_err();
        assert_eq!(err.line, None);
        assert!(
            err.message.contains("could not work out the format"),
            "{err}"
        );
        assert!(err.message.contains("--format opentdb|aiken|gift"), "{err}");
    }

    #[test]
    fn error_display_names_the_line_when_known() {
        assert_eq!(ImportError::at(7, "bad").to_string(), "line 7: bad");
        assert_eq!(ImportError::new("bad").to_string(), "bad");
    }

    #[test]
    fn clean_folds_breaks_and_trims_but_keeps_nbsp() {
        assert_eq!(clean("  a\tb \r\n c  d \t"), "a b c  d");
        assert_eq!(clean("\u{a0}x\u{a0}"), "\u{a0}x\u{a0}");
        assert_eq!(clean("\n\t \n"), "");
        assert_eq!(clean("co\u{ad}op\u{200e}"), "co\u{ad}op\u{200e}");
    }

    #[test]
    fn finish_cleans_checks_and_drops_duplicates() {
        let mut bad = q("Fine prompt");
        bad.distractors = vec!["Yes ".into()];
        let entries = vec![
            Entry::at_line(1, Ok(q(" Who wrote\n\tit? "))),
            Entry::at_line(5, Err("not a question".into())),
            Entry::at_line(9, Ok(q("who wrote IT?"))),
            Entry::at_line(12, Ok(bad)),
            Entry {
                location: "results[3] (line 20)".into(),
                reference: "results[3]".into(),
                outcome: Ok(q("Another")),
            },
            Entry {
                location: "results[4] (line 30)".into(),
                reference: "results[4]".into(),
                outcome: Ok(q("another ")),
            },
        ];
        let out = finish(Format::Gift, entries);
        assert_eq!(out.questions.len(), 2);
        assert_eq!(out.questions[0].prompt, "Who wrote it?");
        assert_eq!(out.questions[0].category, DEFAULT_CATEGORY);
        let skips: Vec<(&str, &str)> = out
            .skipped
            .iter()
            .map(|s| (s.location.as_str(), s.reason.as_str()))
            .collect();
        assert_eq!(
            skips,
            [
                ("line 5", "not a question"),
                ("line 9", "same prompt as line 1"),
                ("line 12", "answer \"yes\" is also a distractor"),
                ("results[4] (line 30)", "same prompt as results[3]"),
            ]
        );
    }

    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("{".to_owned()),
            Just("}".to_owned()),
            Just("=".to_owned()),
            Just("~".to_owned()),
            Just("#".to_owned()),
            Just("####".to_owned()),
            Just("\\".to_owned()),
            Just("::".to_owned()),
            Just("\n".to_owned()),
            Just("\n\n".to_owned()),
            Just("\r\n".to_owned()),
            Just("// c\n".to_owned()),
            Just("$CATEGORY: $course$/a/b\n".to_owned()),
            Just("[markdown]".to_owned()),
            Just("%50%".to_owned()),
            Just("%100%".to_owned()),
            Just("->".to_owned()),
            Just("T".to_owned()),
            Just("ANSWER: A\n".to_owned()),
            Just("A) ".to_owned()),
            Just("B. ".to_owned()),
            Just("é".to_owned()),
            Just("\u{a0}".to_owned()),
            Just("{\"results\":[".to_owned()),
            Just("{\"type\":\"multiple\",\"difficulty\":\"easy\",\"category\":\"c\",\"question\":\"q&amp;\",\"correct_answer\":\"a\",\"incorrect_answers\":[\"b\"]}".to_owned()),
            Just(",".to_owned()),
            Just("]}".to_owned()),
            Just("&#x1F600;&nbsp;&".to_owned()),
            "[ -~]{0,8}",
            any::<String>(),
        ]
    }

    fn input() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            prop::collection::vec(fragment(), 0..40).prop_map(|v| v.concat()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn import_never_panics(text in input()) {
            for format in [None, Some(Format::OpenTdb), Some(Format::Aiken), Some(Format::Gift)] {
                match import(&text, format) {
                    Ok(out) => {
                        for question in &out.questions {
                            prop_assert!(question_problems(question).is_empty());
                        }
                        for skip in &out.skipped {
                            prop_assert!(!skip.reason.chars().any(crate::text::is_control), "{skip:?}");
                            prop_assert!(!skip.location.chars().any(crate::text::is_control), "{skip:?}");
                        }
                    }
                    Err(e) => prop_assert!(!e.message.chars().any(crate::text::is_control), "{e:?}"),
                }
            }
        }
    }
}
