//! Question banks: reading one from its text, and every check a bank must
//! pass before a question of it is played.
//!
//! This is pure code: the caller reads the file (within [`MAX_BANK_BYTES`])
//! and gives its text and a name to show in messages. Parsing streams
//! through the document once, checking each question as it is met, and
//! reports every problem it finds, each with the `line:column` of the
//! question or field, the question's number and the field.

use crate::question::{DEFAULT_CATEGORY, Difficulty, Question, normalize};
use crate::text::escape_controls;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// The largest bank file read, in bytes.
pub const MAX_BANK_BYTES: u64 = 64 * 1024 * 1024;

/// The longest text a field may hold, in bytes.
pub const MAX_TEXT_BYTES: usize = 4096;

/// How many wrong answers a question may have.
pub const MAX_DISTRACTORS: usize = 5;

/// The fields a question may have.
pub const FIELDS: [&str; 6] = [
    "prompt",
    "answer",
    "distractors",
    "category",
    "difficulty",
    "explanation",
];

/// The most problems kept for one file; the rest are only counted.
const MAX_PROBLEMS: usize = 1000;

/// `text` quoted for a message: controls escaped, cut short when long.
pub fn quoted(text: &str) -> String {
    const LONG: usize = 60;
    let shown: String = if text.chars().count() > LONG {
        let cut: String = text.chars().take(LONG).collect();
        format!("{cut}…")
    } else {
        text.to_owned()
    };
    format!("\"{}\"", escape_controls(&shown).replace('"', "\\\""))
}

/// What is wrong with one text field, if anything: `what` names it.
fn text_problem(what: &str, text: &str, optional: bool) -> Option<String> {
    if text.trim().is_empty() {
        return Some(if optional {
            format!("{what} is empty; leave it out instead")
        } else {
            format!("{what} is empty")
        });
    }
    if text.len() > MAX_TEXT_BYTES {
        return Some(format!(
            "{what} is {} bytes long; the limit is {MAX_TEXT_BYTES}",
            text.len()
        ));
    }
    if let Some(c) = text.chars().find(|&c| crate::text::is_control(c)) {
        return Some(format!(
            "{what} holds the control character {} in {}",
            escape_controls(&c.to_string()),
            quoted(text)
        ));
    }
    None
}

/// Everything wrong with a question that is already typed: empty or
/// overlong text, control characters, too few or too many distractors,
/// and distractors that repeat each other or the answer. Each message
/// begins with the field it is about.
pub fn question_problems(q: &Question) -> Vec<String> {
    let mut problems = Vec::new();
    problems.extend(text_problem("prompt", &q.prompt, false));
    problems.extend(text_problem("answer", &q.answer, false));
    problems.extend(distractor_problems(&q.answer, &q.distractors));
    problems.extend(text_problem("category", &q.category, true));
    if !q.explanation.is_empty() {
        problems.extend(text_problem("explanation", &q.explanation, true));
    }
    problems
}

fn distractor_problems(answer: &str, distractors: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    match distractors.len() {
        0 => problems.push(format!(
            "distractors is empty; a question needs 1 to {MAX_DISTRACTORS} wrong answers"
        )),
        n if n > MAX_DISTRACTORS => problems.push(format!(
            "distractors has {n} wrong answers; the most is {MAX_DISTRACTORS}"
        )),
        _ => {}
    }
    let answer_key = normalize(answer);
    let mut seen: Vec<String> = Vec::with_capacity(distractors.len());
    for (i, d) in distractors.iter().enumerate() {
        let what = format!("distractors[{i}]");
        if let Some(p) = text_problem(&what, d, false) {
            problems.push(p);
            seen.push(String::new());
            continue;
        }
        let key = normalize(d);
        if !answer_key.is_empty() && key == answer_key {
            problems.push(format!("answer {} is also a distractor", quoted(answer)));
        } else if let Some(j) = seen.iter().position(|s| *s == key) {
            problems.push(format!(
                "distractors[{i}] {} repeats distractors[{j}]",
                quoted(d)
            ));
        }
        seen.push(key);
    }
    problems
}
