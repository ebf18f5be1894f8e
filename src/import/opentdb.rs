//! Open Trivia DB JSON: the API's response or a dump of its results.
//!
//! Supported:
//!
//! - An API response `{"response_code": 0, "results": [...]}` or a bare
//!   `{"results": [...]}` (as scraped dumps are); other top-level fields are
//!   ignored.
//! - Each result's `type` (`multiple` or `boolean`), `difficulty` (`easy`,
//!   `medium`, `hard`), `category`, `question`, `correct_answer` and
//!   `incorrect_answers`. Type and difficulty are read in any case.
//! - HTML entities in every text field (the API's default encoding): the full
//!   HTML5 named table (`&eacute;`, `&rsquo;`, `&pi;`, `&nbsp;`, ...), numeric
//!   ones (`&#039;`, `&#x27;`) and `&lt; &gt; &amp;`, decoded once by the
//!   `htmlize` crate as the WHATWG HTML spec says (so `&#150;` is the
//!   windows-1252 en dash and `&#0;` is U+FFFD); then spaces
//!   and tabs at the ends are trimmed. Non-breaking spaces (U+00A0), soft
//!   hyphens (U+00AD) and direction marks (U+200E) are kept as text.
//! - Boolean questions become the answer `True` or `False` with the other as
//!   the one distractor (`incorrect_answers` is not needed for them).
//! - Category and difficulty are kept as given.
//!
//! Errors for the whole file: text that is not JSON (with serde_json's line),
//! a top level that is not an object or lacks a `results` array, a
//! `response_code` that is not a whole number or a `results` that is not a
//! list (naming the field, what it holds instead and its line: "`results`
//! must be a list of questions, not an object"), and a non-zero
//! `response_code` (1 no results, 2 invalid parameter, 3 token not found,
//! 4 token empty, 5 rate limit; the message names the code).
//!
//! Skipped, as `results[i] (line N)` where N is the line the result starts
//! on: a result that is not an object, lacks a field or has one of the wrong
//! type, has an unknown `type` or `difficulty`, or a boolean whose
//! `correct_answer` is neither True nor False. A result nested deeper than
//! serde_json reads (128 levels, even in a field the importer does not use)
//! is skipped as "nested too deeply (the limit is 128 levels)".

use super::{Entry, ImportError};
use crate::bank::quoted;
use crate::question::{Difficulty, Question};
use crate::text::escape_controls;
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// The top level, its fields kept as text so a wrong type can be named.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    response_code: Option<&'a RawValue>,
    #[serde(borrow)]
    results: Option<&'a RawValue>,
}

/// What serde_json says when a value is nested deeper than it will read.
const TOO_DEEP: &str = "recursion limit exceeded";

/// How a reason names serde_json's recursion limit.
const TOO_DEEP_REASON: &str = "nested too deeply (the limit is 128 levels)";

/// What kind of JSON value `raw` is, for a message: "a string", "an object".
fn kind(raw: &RawValue) -> &'static str {
    match raw.get().bytes().next() {
        Some(b'"') => "a string",
        Some(b'{') => "an object",
        Some(b'[') => "a list",
        Some(b't' | b'f') => "true or false",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// The line of `text` that `raw` (a slice of it) starts on.
fn line_of(text: &str, raw: &RawValue) -> usize {
    let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    crate::locate::line_col(text, offset).0
}

/// The `response_code`, or why it is not a whole number.
fn response_code(text: &str, raw: &RawValue) -> Result<i64, ImportError> {
    let shown = raw.get();
    let problem = match kind(raw) {
        "a number" => match shown.parse::<i64>() {
            Ok(code) => return Ok(code),
            Err(_) if shown.bytes().all(|b| b.is_ascii_digit() || b == b'-') => {
                format!(
                    "`response_code` {} is too large to be a response code",
                    cut(shown)
                )
            }
            Err(_) => format!("`response_code` must be a whole number, not {}", cut(shown)),
        },
        "a string" => {
            let value = serde_json::from_str::<String>(shown).unwrap_or_default();
            format!(
                "`response_code` must be a whole number, not a string ({})",
                quoted(&value)
            )
        }
        other => format!("`response_code` must be a whole number, not {other}"),
    };
    Err(ImportError::at(line_of(text, raw), problem))
}

/// A number's text, cut short when long.
fn cut(number: &str) -> String {
    const LONG: usize = 30;
    if number.chars().count() > LONG {
        let head: String = number.chars().take(LONG).collect();
        format!("{}…", escape_controls(&head))
    } else {
        escape_controls(number).into_owned()
    }
}

/// What a response code means, as the API documents it.
fn response_code_meaning(code: i64) -> &'static str {
    match code {
        1 => "no results: the API does not have enough questions for the query",
        2 => "invalid parameter: the query had an argument the API does not accept",
        3 => "token not found: the session token does not exist",
        4 => "token empty: the session token has returned every question for the query; reset it",
        5 => "rate limit: too many requests; wait a few seconds",
        _ => "unknown response code",
    }
}

pub(crate) fn parse(text: &str) -> Result<Vec<Entry>, ImportError> {
    let not_an_object =
        || ImportError::new("expected a JSON object with a \"results\" array (Open Trivia DB)");
    let envelope: Envelope = match serde_json::from_str(text) {
        // A list would fill the fields in order; only an object will do.
        Ok(envelope) if text.trim_start().starts_with('{') => envelope,
        Ok(_) => return Err(not_an_object()),
        Err(e) => {
            if e.to_string().contains(TOO_DEEP) {
                return Err(ImportError::at(e.line().max(1), TOO_DEEP_REASON));
            }
            if serde_json::from_str::<IgnoredAny>(text).is_err() {
                return Err(json_error("not valid JSON", e));
            }
            if !text.trim_start().starts_with('{') {
                return Err(not_an_object());
            }
            return Err(json_error("not an Open Trivia DB response", e));
        }
    };
    if let Some(raw) = envelope.response_code {
        let code = response_code(text, raw)?;
        if code != 0 {
            return Err(ImportError::new(format!(
                "Open Trivia DB response_code {code}: {}",
                response_code_meaning(code)
            )));
        }
    }
    let Some(results) = envelope.results else {
        return Err(ImportError::new(
            "no \"results\" array: not an Open Trivia DB response or dump",
        ));
    };
    let results: Vec<&RawValue> = match kind(results) {
        "a list" => match serde_json::from_str(results.get()) {
            Ok(results) => results,
            Err(e) => {
                let line = line_of(text, results) + e.line().saturating_sub(1);
                let message = if e.to_string().contains(TOO_DEEP) {
                    TOO_DEEP_REASON.to_owned()
                } else {
                    format!("`results` could not be read: {}", describe(&e))
                };
                return Err(ImportError::at(line, message));
            }
        },
        other => {
            return Err(ImportError::at(
                line_of(text, results),
                format!("`results` must be a list of questions, not {other}"),
            ));
        }
    };
    let base = text.as_ptr() as usize;
    // One pass over the text for every entry, in order.
    let mut lines = crate::locate::Lines::new(text.as_bytes());
    let mut entries = Vec::with_capacity(results.len());
    for (i, raw) in results.into_iter().enumerate() {
        let (line, _) = lines.at((raw.get().as_ptr() as usize).saturating_sub(base));
        entries.push(Entry {
            location: format!("results[{i}] (line {line})"),
            reference: format!("results[{i}]"),
            outcome: result(raw.get()),
        });
    }
    Ok(entries)
}

/// serde_json's message without its position, controls escaped.
fn describe(e: &serde_json::Error) -> String {
    escape_controls(&crate::locate::json_message(e)).into_owned()
}

fn json_error(what_is_wrong: &str, e: serde_json::Error) -> ImportError {
    let what = describe(&e);
    let message = format!("{what_is_wrong} (column {}): {what}", e.column());
    if e.line() > 0 {
        ImportError::at(e.line(), message)
    } else {
        ImportError::new(message)
    }
}

/// One result turned into a question, or the reason it cannot be one.
fn result(raw: &str) -> Result<Question, String> {
    let object = match serde_json::from_str::<Map<String, Value>>(raw) {
        Ok(object) => object,
        Err(e) if e.to_string().contains(TOO_DEEP) => return Err(TOO_DEEP_REASON.to_owned()),
        Err(_) => return Err("result is not a JSON object".to_owned()),
    };
    let field = |name: &str| -> Result<String, String> {
        match object.get(name) {
            None => Err(format!("missing field \"{name}\"")),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(format!("field \"{name}\" is not a string")),
        }
    };
    let kind = field("type")?;
    let difficulty = field("difficulty")?;
    let category = field("category")?;
    let question = field("question")?;
    let correct = field("correct_answer")?;
    let difficulty = match difficulty.trim().to_ascii_lowercase().as_str() {
        "easy" => Difficulty::Easy,
        "medium" => Difficulty::Medium,
        "hard" => Difficulty::Hard,
        _ => {
            return Err(format!(
                "unknown difficulty {} (expected easy, medium or hard)",
                quoted(&difficulty)
            ));
        }
    };
    let (answer, distractors) = match kind.trim().to_ascii_lowercase().as_str() {
        "multiple" => {
            let incorrect = match object.get("incorrect_answers") {
                None => return Err("missing field \"incorrect_answers\"".to_owned()),
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|v| v.as_str().map(decode))
                    .collect::<Option<Vec<String>>>(),
                Some(_) => None,
            };
            let Some(incorrect) = incorrect else {
                return Err("field \"incorrect_answers\" is not an array of strings".to_owned());
            };
            (decode(&correct), incorrect)
        }
        "boolean" => {
            let decoded = decode(&correct);
            match decoded.trim().to_ascii_lowercase().as_str() {
                "true" => ("True".to_owned(), vec!["False".to_owned()]),
                "false" => ("False".to_owned(), vec!["True".to_owned()]),
                _ => {
                    return Err(format!(
                        "boolean question's correct_answer {} is neither True nor False",
                        quoted(&decoded)
                    ));
                }
            }
        }
        _ => {
            return Err(format!(
                "unknown type {} (expected multiple or boolean)",
                quoted(&kind)
            ));
        }
    };
    Ok(Question {
        prompt: decode(&question),
        answer,
        distractors,
        category: decode(&category),
        difficulty,
        explanation: String::new(),
        meta: Default::default(),
    })
}

/// HTML entities decoded once; the common rules trim the ends afterwards.
fn decode(text: &str) -> String {
    htmlize::unescape(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::super::{Format, Skipped, import};
    use crate::bank::question_problems;
    use crate::question::Difficulty;

    const API: &str = include_str!("../../tests/fixtures/import/opentdb-api.json");
    const DUMP: &str = include_str!("../../tests/fixtures/import/opentdb-dump.json");
    const ERROR: &str = include_str!("../../tests/fixtures/import/opentdb-error.json");

    fn skip(location: &str, reason: &str) -> Skipped {
        Skipped {
            location: location.into(),
            reason: reason.into(),
        }
    }

    #[test]
    fn api_response_decodes_entities_and_keeps_fields() {
        let out = import(API, Some(Format::OpenTdb)).unwrap();
        assert_eq!(out.format, Format::OpenTdb);
        let prompts: Vec<&str> = out.questions.iter().map(|q| q.prompt.as_str()).collect();
        assert_eq!(
            prompts,
            [
                "Which composer wrote \"Für Elise\"?",
                "The film \u{2018}Casablanca\u{2019} was released in 1942.",
                "In music notation, which sign means a note is held longer than its written value?",
                "Which word names a film\u{2019}s first public screening?",
                "Which instrument did Adolphe Sax invent?",
                "Which symbol means \"less than\": < or >?",
                "Darren Aronofsky's first feature is named after the Greek letter \u{3c0}. In which year was it released?",
                "Silent\u{a0}films were always projected at exactly 24 frames per second.",
                "Which band released the album 'Abbey Road'?",
                "Which composer wrote \"The Four Seasons\"?",
            ]
        );
        let q = &out.questions[0];
        assert_eq!(q.answer, "Ludwig van Beethoven");
        assert_eq!(
            q.distractors,
            [
                "Frédéric Chopin",
                "Wolfgang Amadeus Mozart",
                "Franz Schubert"
            ]
        );
        assert_eq!(q.category, "Entertainment: Music");
        assert_eq!(q.difficulty, Difficulty::Easy);
        assert!(q.explanation.is_empty());

        let boolean = &out.questions[1];
        assert_eq!(boolean.answer, "True");
        assert_eq!(boolean.distractors, ["False"]);
        assert_eq!(boolean.category, "Entertainment: Film");
        assert_eq!(boolean.difficulty, Difficulty::Medium);

        // Stray spaces trimmed after decoding; entity-made NBSP kept.
        let premiere = &out.questions[3];
        assert_eq!(premiere.answer, "Première");
        assert_eq!(premiere.distractors, ["Encore", "Matinée", "Rehearsal"]);
        assert_eq!(premiere.difficulty, Difficulty::Hard);

        // Soft hyphen and LRM kept as ordinary text.
        let sax = &out.questions[4];
        assert_eq!(sax.answer, "Saxo\u{ad}phone");
        assert_eq!(
            sax.distractors,
            ["Sousa\u{ad}phone", "Harp", "\u{200e}Tuba"]
        );

        let symbols = &out.questions[5];
        assert_eq!(symbols.answer, "<");
        assert_eq!(symbols.distractors, [">", "=", "&"]);
        assert_eq!(symbols.category, "Science & Nature");

        let films = &out.questions[7];
        assert_eq!(films.answer, "False");
        assert_eq!(films.distractors, ["True"]);

        assert_eq!(out.questions[9].answer, "Antonio Vivaldi\u{a0}");
        for q in &out.questions {
            assert!(question_problems(q).is_empty(), "{q:?}");
        }
    }

    #[test]
    fn api_response_skips_bad_results_and_duplicates() {
        let out = import(API, None).unwrap();
        assert_eq!(out.questions.len(), 10);
        assert_eq!(
            out.skipped,
            [
                skip("results[5] (line 16)", "missing field \"correct_answer\""),
                skip("results[7] (line 18)", "same prompt as results[0]"),
                skip(
                    "results[9] (line 20)",
                    "unknown type \"text\" (expected multiple or boolean)"
                ),
                skip(
                    "results[11] (line 22)",
                    "unknown difficulty \"expert\" (expected easy, medium or hard)"
                ),
                skip(
                    "results[12] (line 23)",
                    "field \"incorrect_answers\" is not an array of strings"
                ),
                skip("results[13] (line 24)", "result is not a JSON object"),
                skip(
                    "results[14] (line 25)",
                    "answer \"Drum kit\" is also a distractor"
                ),
                skip(
                    "results[15] (line 26)",
                    "boolean question's correct_answer \"Maybe\" is neither True nor False"
                ),
            ]
        );
    }

    #[test]
    fn bare_dump_imports_and_drops_repeats() {
        let out = import(DUMP, None).unwrap();
        assert_eq!(out.format, Format::OpenTdb);
        assert_eq!(out.questions.len(), 4);
        assert_eq!(
            out.questions[0].prompt,
            "Who composed the score for the 1977 film \"Star Wars\"?"
        );
        assert_eq!(out.questions[0].answer, "John Williams");
        assert_eq!(out.questions[1].prompt, "A standard piano has 88 keys.");
        assert_eq!(out.questions[1].answer, "True");
        assert_eq!(
            out.questions[2].prompt,
            "Which musical features the song \"Don't Cry for Me Argentina\"?"
        );
        assert_eq!(out.questions[3].difficulty, Difficulty::Hard);
        assert_eq!(out.questions[3].category, "Entertainment: Film");
        assert_eq!(
            out.skipped,
            [skip("results[3] (line 5)", "same prompt as results[0]")]
        );
    }

    #[test]
    fn nonzero_response_code_is_an_error_naming_it() {
        let err = import(ERROR, None).unwrap_err();
        assert_eq!(err.line, None);
        assert!(err.message.contains("response_code 1"), "{err}");
        assert!(err.message.contains("no results"), "{err}");
        for (code, words) in [
            (2, "invalid parameter"),
            (3, "token not found"),
            (4, "token empty"),
            (5, "rate limit"),
        ] {
            let text = format!("{{\"response_code\": {code}, \"results\": []}}");
            let err = import(&text, Some(Format::OpenTdb)).unwrap_err();
            assert!(
                err.message.contains(&format!("response_code {code}")),
                "{err}"
            );
            assert!(err.message.contains(words), "{err}");
        }
    }

    #[test]
    fn broken_json_and_missing_results_are_errors() {
        let err = import("{\"results\": [\n  {\"type\": \"multiple\",,}\n]}", None).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(
            err.to_string().starts_with("line 2: not valid JSON"),
            "{err}"
        );

        let err = import("{\"response_code\": 0}", None).unwrap_err();
        assert!(err.message.contains("no \"results\" array"), "{err}");

        let err = import("{\"results\": {}}", None).unwrap_err();
        assert_eq!(err.line, Some(1));
        assert_eq!(
            err.message,
            "`results` must be a list of questions, not an object"
        );

        let err = import("[1, 2]", Some(Format::OpenTdb)).unwrap_err();
        assert!(err.message.contains("JSON object"), "{err}");
        let err = import("[0, []]", Some(Format::OpenTdb)).unwrap_err();
        assert!(err.message.contains("JSON object"), "{err}");
    }

    #[test]
    fn envelope_type_errors_name_the_field_and_line() {
        let cases = [
            (
                "{\"response_code\": \"0\", \"results\": []}",
                1,
                "`response_code` must be a whole number, not a string (\"0\")",
            ),
            (
                "{\n\"response_code\": 1.5, \"results\": []}",
                2,
                "`response_code` must be a whole number, not 1.5",
            ),
            (
                "{\"response_code\": [0], \"results\": []}",
                1,
                "`response_code` must be a whole number, not a list",
            ),
            (
                "{\"response_code\": 100000000000000000000, \"results\": []}",
                1,
                "`response_code` 100000000000000000000 is too large to be a response code",
            ),
            (
                "{\"response_code\": 0,\n\n \"results\": {}}",
                3,
                "`results` must be a list of questions, not an object",
            ),
            (
                "{\"results\": \"many\"}",
                1,
                "`results` must be a list of questions, not a string",
            ),
            (
                "{\"results\": 7}",
                1,
                "`results` must be a list of questions, not a number",
            ),
            (
                "{\"results\": true}",
                1,
                "`results` must be a list of questions, not true or false",
            ),
        ];
        for (text, line, message) in cases {
            let err = import(text, Some(Format::OpenTdb)).unwrap_err();
            assert_eq!(
                (err.line, err.message.as_str()),
                (Some(line), message),
                "{text}"
            );
        }
        // A code of 0 written plainly, or a code left out, is fine.
        let out = import("{\"response_code\": 0, \"results\": []}", None).unwrap();
        assert!(out.questions.is_empty());
    }

    #[test]
    fn a_result_nested_too_deeply_names_the_limit() {
        let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        let text = format!(
            "{{\"results\": [\n{{\"type\": \"multiple\", \"difficulty\": \"easy\", \"category\": \"c\", \
             \"question\": \"q\", \"correct_answer\": \"a\", \"incorrect_answers\": [\"b\"], \
             \"extra\": {deep}}}]}}"
        );
        let out = import(&text, Some(Format::OpenTdb)).unwrap();
        assert!(out.questions.is_empty());
        assert_eq!(
            out.skipped,
            [skip(
                "results[0] (line 2)",
                "nested too deeply (the limit is 128 levels)"
            )]
        );
        // A result that is not an object is still named as such.
        let out = import("{\"results\": [[1]]}", None).unwrap();
        assert_eq!(
            out.skipped,
            [skip("results[0] (line 1)", "result is not a JSON object")]
        );
    }

    #[test]
    fn user_text_in_messages_has_controls_escaped() {
        let err = import("{\"response_code\": \"\\u001b[2J\"}", None).unwrap_err();
        assert!(err.message.contains("\\u{1b}[2J"), "{err}");
        let text = r#"{"results": [{"type": "multiple", "difficulty": "\u001b[31m",
            "category": "c", "question": "q", "correct_answer": "a", "incorrect_answers": ["b"]}]}"#;
        let out = import(text, None).unwrap();
        assert_eq!(
            out.skipped[0].reason,
            "unknown difficulty \"\\u{1b}[31m\" (expected easy, medium or hard)"
        );
    }

    #[test]
    fn numeric_references_follow_the_html_spec() {
        // 128..159 are windows-1252 characters, not C1 controls; NUL, lone
        // surrogates and out-of-range numbers are the replacement character.
        assert_eq!(
            super::decode("&#150;&#x85;&#155;&#128;"),
            "\u{2013}\u{2026}\u{203a}\u{20ac}"
        );
        assert_eq!(
            super::decode("&#0;&#xD800;&#1114112;"),
            "\u{fffd}\u{fffd}\u{fffd}"
        );
        assert_eq!(
            super::decode("&amp;lt; &NotNestedGreaterGreater;"),
            "&lt; \u{2aa2}\u{338}"
        );
    }

    #[test]
    fn empty_results_is_not_an_error() {
        let out = import("{\"response_code\": 0, \"results\": []}", None).unwrap();
        assert!(out.questions.is_empty());
        assert!(out.skipped.is_empty());
    }
}
