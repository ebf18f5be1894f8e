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
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

mod fast;
mod rules;

use rules::distractor_problems;
pub use rules::{
    MAX_DISTRACTORS, MAX_TEXT_BYTES, TextFault, question_problems, quoted, text_fault, text_problem,
};

/// The largest bank file read, in bytes.
pub const MAX_BANK_BYTES: u64 = 64 * 1024 * 1024;

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

/// One problem in a file, located as closely as the parser can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line and column, where known.
    pub at: Option<(usize, usize)>,
    /// 1-based question number, when the problem is in one question.
    pub question: Option<usize>,
    pub message: String,
    /// Byte offset in the text, turned into `at` once parsing is done.
    offset: Option<usize>,
}

impl Problem {
    /// A problem with the file as a whole, or a note about one.
    pub fn note(message: impl Into<String>) -> Self {
        Problem::new(message)
    }

    fn new(message: impl Into<String>) -> Self {
        Problem {
            at: None,
            question: None,
            message: message.into(),
            offset: None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((line, col)) = self.at {
            write!(f, "{line}:{col}: ")?;
        }
        if let Some(n) = self.question {
            write!(f, "question {n}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// A file that is not a valid bank, with every problem found in it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct BankError {
    pub file: String,
    pub problems: Vec<Problem>,
    /// Problems found beyond the ones kept.
    pub more: usize,
    /// Warnings found before the parse gave up or alongside the problems.
    pub warnings: Vec<Problem>,
}

impl BankError {
    /// Each problem on its own line, led by the file's name.
    fn message(&self) -> String {
        let file = escape_controls(&self.file);
        let mut out = crate::text::lines_of(&file, &self.problems);
        if self.more > 0 {
            out.push_str(&format!("\n{file}: and {} more problems", self.more));
        }
        out
    }
}

/// A checked bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub title: Option<String>,
    /// The questions, in file order, with defaults filled in. Empty when
    /// parsed with [`Keep::Summary`].
    pub questions: Vec<Question>,
    /// How many questions the file holds.
    pub count: usize,
    /// Questions per category, as first spelled, sorted and merged
    /// without case (as the `--category` filter compares them).
    pub categories: Vec<(String, usize)>,
    /// Things that do not stop the bank being played: unknown fields and
    /// questions whose prompt repeats an earlier one.
    pub warnings: Vec<Problem>,
}

/// What a parse keeps of the questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Every question, for playing.
    Questions,
    /// Only counts and categories, for `check` and listings.
    Summary,
}

/// What a JSON file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    Bank(Loaded),
    /// An object with `title` and `year` but no `questions`: a film record,
    /// which the caller checks with [`crate::record::parse`].
    Record,
}

/// Fills in `at` (1-based line and column in characters) for every problem
/// that has a byte offset, in one pass over the text however many there are.
fn locate<'a>(text: &str, problems: impl IntoIterator<Item = &'a mut Problem>) {
    let mut located: Vec<&mut Problem> = problems
        .into_iter()
        .filter(|p| p.offset.is_some())
        .collect();
    located.sort_by_key(|p| p.offset);
    let mut lines = crate::locate::Lines::new(text.as_bytes());
    for p in located {
        p.at = Some(lines.at(p.offset.unwrap_or(0)));
    }
}

/// Everything the parse gathers as it goes.
struct Ctx<'de> {
    text: &'de str,
    keep: Keep,
    problems: Vec<Problem>,
    more: usize,
    warnings: Vec<Problem>,
    title: Option<String>,
    questions: Vec<Question>,
    count: usize,
    /// Normalised category → its first spelling and count.
    categories: BTreeMap<String, (String, usize)>,
    /// Normalised prompt → the question that first had it.
    prompts: HashMap<u64, usize>,
    top_keys: Vec<String>,
}

impl<'de> Ctx<'de> {
    fn offset_of(&self, raw: &RawValue) -> usize {
        (raw.get().as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize)
    }

    /// A problem placed at `raw`; [`locate`] turns the place into `at`.
    fn placed(&self, raw: Option<&RawValue>, question: Option<usize>, message: String) -> Problem {
        Problem {
            at: None,
            question,
            message,
            offset: raw.map(|r| self.offset_of(r)),
        }
    }

    fn problem(&mut self, raw: Option<&RawValue>, question: Option<usize>, message: String) {
        if self.problems.len() >= MAX_PROBLEMS {
            self.more += 1;
            return;
        }
        let problem = self.placed(raw, question, message);
        self.problems.push(problem);
    }

    fn warn(&mut self, raw: Option<&RawValue>, question: Option<usize>, message: String) {
        if self.warnings.len() < MAX_PROBLEMS {
            let warning = self.placed(raw, question, message);
            self.warnings.push(warning);
        }
    }
}

/// The JSON type of a raw value, for messages.
fn kind_of(raw: &RawValue) -> String {
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'"') => "a string".into(),
        Some(b'[') => "a list".into(),
        Some(b'{') => "an object".into(),
        Some(b't' | b'f') => format!("the boolean {text}"),
        Some(b'n') => "null".into(),
        _ => {
            let shown: String = text.chars().take(20).collect();
            format!("the number {shown}")
        }
    }
}

/// A string field, or a message saying what it is instead.
fn string_of(raw: &RawValue, what: &str) -> Result<String, String> {
    serde_json::from_str::<String>(raw.get()).map_err(|e| {
        if raw.get().starts_with('"') {
            // A string that is not valid text, such as a lone surrogate escape.
            format!(
                "{what} is not valid text: {}",
                crate::locate::json_message(&e)
            )
        } else {
            format!("{what} must be a string, not {}", kind_of(raw))
        }
    })
}

/// An object's fields in order, values left unparsed.
struct Fields<'de>(Vec<(Cow<'de, str>, &'de RawValue)>);

impl<'de> de::Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut fields = Vec::new();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    let value: &'de RawValue = map.next_value()?;
                    fields.push((key, value));
                }
                Ok(Fields(fields))
            }
        }
        d.deserialize_map(V)
    }
}

/// A text field of question `n`: its value when it is a string (even a
/// flawed one), with any problem reported. A missing or null optional
/// field is `None` without a problem.
fn text_field<'de>(
    ctx: &mut Ctx<'de>,
    question: &'de RawValue,
    n: usize,
    value: Option<&'de RawValue>,
    what: &str,
    required: bool,
) -> Option<String> {
    let value = match value {
        Some(v) if v.get() != "null" || required => v,
        None if required => {
            ctx.problem(Some(question), Some(n), format!("{what} is missing"));
            return None;
        }
        _ => return None,
    };
    match string_of(value, what) {
        Ok(s) => {
            if let Some(p) = text_problem(what, &s, !required) {
                ctx.problem(Some(value), Some(n), p);
            }
            Some(s)
        }
        Err(m) => {
            ctx.problem(Some(value), Some(n), m);
            None
        }
    }
}

/// Checks one question (number `n`, 1-based) and keeps what it must.
fn check_question<'de>(ctx: &mut Ctx<'de>, n: usize, raw: &'de RawValue) {
    let before = ctx.problems.len() + ctx.more;
    if raw.get().as_bytes().first() != Some(&b'{') {
        let kind = kind_of(raw);
        ctx.problem(
            Some(raw),
            Some(n),
            format!("must be an object with a prompt, an answer and distractors, not {kind}"),
        );
        return;
    }
    let fields = match serde_json::from_str::<Fields<'de>>(raw.get()) {
        Ok(fields) => fields,
        Err(e) => {
            ctx.problem(Some(raw), Some(n), format!("not readable: {e}"));
            return;
        }
    };
    let mut found: [Option<&'de RawValue>; 6] = [None; 6];
    for (key, value) in &fields.0 {
        match FIELDS.iter().position(|f| f == key) {
            Some(i) if found[i].is_some() => {
                ctx.problem(Some(value), Some(n), format!("field `{key}` appears twice"));
            }
            Some(i) => found[i] = Some(value),
            None => {
                let shown = escape_controls(key).into_owned();
                ctx.warn(
                    Some(value),
                    Some(n),
                    format!(
                        "unknown field `{shown}` is ignored (a question's fields are {})",
                        FIELDS.join(", ")
                    ),
                );
            }
        }
    }
    let [
        prompt,
        answer,
        distractors,
        category,
        difficulty,
        explanation,
    ] = found;
    let prompt = text_field(ctx, raw, n, prompt, "prompt", true);
    let answer = text_field(ctx, raw, n, answer, "answer", true);
    let distractors = distractors_field(ctx, raw, n, distractors, answer.as_deref());
    let category = text_field(ctx, raw, n, category, "category", false);
    let explanation = text_field(ctx, raw, n, explanation, "explanation", false);
    let difficulty = difficulty_field(ctx, n, difficulty);
    if ctx.problems.len() + ctx.more != before {
        // Report this question's problems in the order they appear in the file.
        let start = before.min(ctx.problems.len());
        ctx.problems[start..].sort_by_key(|p| p.offset);
        return;
    }
    let (Some(prompt), Some(answer), Some(distractors), Some(difficulty)) =
        (prompt, answer, distractors, difficulty)
    else {
        return;
    };
    let category = category.unwrap_or_else(|| DEFAULT_CATEGORY.to_owned());
    ctx.count += 1;
    ctx.categories
        .entry(normalize(&category))
        .or_insert_with(|| (category.clone(), 0))
        .1 += 1;
    for reason in crate::form::giveaways_of(&prompt, &answer, &distractors) {
        let outcome = if reason == crate::form::NAMED_IN_PROMPT {
            "so a game leaves this question out"
        } else {
            "so it can be picked without knowing it; it is still played"
        };
        ctx.warn(Some(raw), Some(n), format!("{reason}, {outcome}"));
    }
    let key = prompt_key(&prompt);
    if let Some(&first) = ctx.prompts.get(&key) {
        ctx.warn(
            Some(raw),
            Some(n),
            format!("same prompt as question {first}; it is played once"),
        );
    } else {
        ctx.prompts.insert(key, n);
    }
    if ctx.keep == Keep::Questions {
        ctx.questions.push(Question {
            prompt,
            answer,
            distractors,
            category,
            difficulty,
            explanation: explanation.unwrap_or_default(),
            meta: Default::default(),
        });
    }
}

/// A fixed hash of a normalised prompt, to spot repeats without keeping
/// every prompt.
pub fn prompt_key(prompt: &str) -> u64 {
    fast::folded_hash(prompt)
}

fn distractors_field<'de>(
    ctx: &mut Ctx<'de>,
    question: &'de RawValue,
    n: usize,
    value: Option<&'de RawValue>,
    answer: Option<&str>,
) -> Option<Vec<String>> {
    let Some(value) = value else {
        ctx.problem(
            Some(question),
            Some(n),
            format!(
                "distractors is missing; a question needs 1 to {MAX_DISTRACTORS} wrong answers"
            ),
        );
        return None;
    };
    let items: Vec<&'de RawValue> = match value.get().as_bytes().first() {
        Some(b'[') => serde_json::from_str(value.get()).ok()?,
        _ => {
            let kind = kind_of(value);
            ctx.problem(
                Some(value),
                Some(n),
                format!("distractors must be a list of 1 to {MAX_DISTRACTORS} strings, not {kind}"),
            );
            return None;
        }
    };
    let mut texts = Vec::with_capacity(items.len());
    let mut typed = true;
    for (i, item) in items.iter().enumerate() {
        match string_of(item, &format!("distractors[{i}]")) {
            Ok(s) => texts.push(s),
            Err(m) => {
                ctx.problem(Some(item), Some(n), m);
                typed = false;
            }
        }
    }
    if !typed {
        return None;
    }
    for (i, p) in distractor_problems(answer.unwrap_or(""), &texts) {
        let at = i.and_then(|i| items.get(i).copied()).unwrap_or(value);
        ctx.problem(Some(at), Some(n), p);
    }
    Some(texts)
}

fn difficulty_field(ctx: &mut Ctx<'_>, n: usize, value: Option<&RawValue>) -> Option<Difficulty> {
    let value = match value {
        Some(v) if v.get() != "null" => v,
        _ => return Some(Difficulty::default()),
    };
    let choices = "easy, medium or hard";
    match string_of(value, "difficulty") {
        Ok(s) => match Difficulty::ALL.into_iter().find(|d| d.as_str() == s) {
            Some(d) => Some(d),
            None => {
                ctx.problem(
                    Some(value),
                    Some(n),
                    format!("difficulty {} is not {choices}", quoted(&s)),
                );
                None
            }
        },
        Err(_) => {
            let kind = kind_of(value);
            ctx.problem(
                Some(value),
                Some(n),
                format!("difficulty must be {choices}, not {kind}"),
            );
            None
        }
    }
}

/// The `questions` array, checked element by element as it streams past.
struct QuestionsSeed<'a, 'de> {
    ctx: &'a mut Ctx<'de>,
}

impl<'de> DeserializeSeed<'de> for QuestionsSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        // Anything but a list is a type error, which the parser places.
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for QuestionsSeed<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`questions` to be a list of questions")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut n = 0;
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            n += 1;
            check_question(self.ctx, n, raw);
        }
        if n == 0 {
            self.ctx.problem(
                None,
                None,
                "`questions` is empty; a bank needs at least one question".into(),
            );
        }
        Ok(())
    }
}

/// The whole document: an object with `title` and `questions`.
struct BankVisitor<'a, 'de> {
    ctx: &'a mut Ctx<'de>,
}

impl<'de> Visitor<'de> for BankVisitor<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a bank: an object with a `questions` list")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let ctx = self.ctx;
        let mut saw_questions = false;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if ctx.top_keys.iter().any(|k| *k == key) {
                return Err(de::Error::custom(format_args!(
                    "field `{}` appears twice",
                    escape_controls(&key)
                )));
            }
            ctx.top_keys.push(key.clone().into_owned());
            match key.as_ref() {
                "questions" => {
                    saw_questions = true;
                    map.next_value_seed(QuestionsSeed { ctx: &mut *ctx })?;
                }
                "title" => {
                    let raw: &'de RawValue = map.next_value()?;
                    ctx.title = text_field_top(ctx, raw);
                }
                other => {
                    let raw: &'de RawValue = map.next_value()?;
                    let shown = escape_controls(other).into_owned();
                    ctx.warn(
                        Some(raw),
                        None,
                        format!("unknown field `{shown}` is ignored (a bank's fields are title and questions)"),
                    );
                }
            }
        }
        if !saw_questions && !ctx.top_keys.iter().any(|k| k == "year") {
            ctx.problem(
                None,
                None,
                "no `questions` list; a bank is an object with a `questions` list".into(),
            );
        }
        Ok(())
    }
}

fn text_field_top<'de>(ctx: &mut Ctx<'de>, raw: &'de RawValue) -> Option<String> {
    if raw.get() == "null" {
        return None;
    }
    match string_of(raw, "title") {
        Ok(s) => {
            if let Some(p) = text_problem("title", &s, true) {
                ctx.problem(Some(raw), None, p);
            }
            Some(s)
        }
        Err(m) => {
            ctx.problem(Some(raw), None, m);
            None
        }
    }
}

/// Parses and checks the text of a bank file called `file` (the name used
/// in messages). A film record is recognised and left to the caller.
pub fn parse(file: &str, text: &str, keep: Keep) -> Result<Parsed, BankError> {
    if text.trim().is_empty() {
        return Err(BankError {
            file: file.to_owned(),
            problems: vec![Problem::new(
                "the file is empty; a bank is a JSON object with a `questions` list",
            )],
            more: 0,
            warnings: Vec::new(),
        });
    }
    // Most banks are valid: one quick typed pass says so. Anything it
    // doubts is parsed again, carefully, for every problem and its place.
    if let Some(loaded) = fast::parse(text, keep) {
        return Ok(Parsed::Bank(loaded));
    }
    careful(file, text, keep)
}

/// The careful path: every question checked field by field, every problem
/// and warning kept with its place.
fn careful(file: &str, text: &str, keep: Keep) -> Result<Parsed, BankError> {
    let fail = |problems: Vec<Problem>, more: usize, warnings: Vec<Problem>| BankError {
        file: file.to_owned(),
        problems,
        more,
        warnings,
    };
    let mut ctx = Ctx {
        text,
        keep,
        problems: Vec::new(),
        more: 0,
        warnings: Vec::new(),
        title: None,
        questions: Vec::new(),
        count: 0,
        categories: BTreeMap::new(),
        prompts: HashMap::new(),
        top_keys: Vec::new(),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let result = de
        .deserialize_any(BankVisitor { ctx: &mut ctx })
        .and_then(|()| de.end());
    if let Err(e) = result {
        // serde_json says column 0 at the start of a line (such as at the
        // end of the file); columns here count from 1.
        let at = (e.line() > 0).then(|| (e.line(), e.column().max(1)));
        let message = match e.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                format!("invalid JSON: {}", crate::locate::json_message(&e))
            }
            _ => crate::locate::json_message(&e),
        };
        locate(text, ctx.problems.iter_mut().chain(ctx.warnings.iter_mut()));
        if ctx.problems.len() < MAX_PROBLEMS {
            ctx.problems.push(Problem {
                at,
                question: None,
                message,
                offset: None,
            });
        } else {
            ctx.more += 1;
        }
        return Err(fail(ctx.problems, ctx.more, ctx.warnings));
    }
    let is_record =
        !ctx.top_keys.iter().any(|k| k == "questions") && ctx.top_keys.iter().any(|k| k == "year");
    if is_record {
        return Ok(Parsed::Record);
    }
    locate(text, ctx.problems.iter_mut().chain(ctx.warnings.iter_mut()));
    if !ctx.problems.is_empty() || ctx.more > 0 {
        return Err(fail(ctx.problems, ctx.more, ctx.warnings));
    }
    Ok(Parsed::Bank(Loaded {
        title: ctx.title,
        questions: ctx.questions,
        count: ctx.count,
        categories: ctx.categories.into_values().collect(),
        warnings: ctx.warnings,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn loaded(text: &str) -> Loaded {
        match parse("t.json", text, Keep::Questions) {
            Ok(Parsed::Bank(l)) => l,
            other => panic!("not a valid bank: {other:?}"),
        }
    }

    fn errors(text: &str) -> Vec<String> {
        match parse("t.json", text, Keep::Questions) {
            Err(e) => e.problems.iter().map(|p| p.to_string()).collect(),
            other => panic!("accepted: {other:?}"),
        }
    }

    #[test]
    fn defaults_fill_in_optional_fields() {
        let l = loaded(r#"{"questions": [{"prompt": "p", "answer": "a", "distractors": ["b"]}]}"#);
        assert_eq!(l.title, None);
        let q = &l.questions[0];
        assert_eq!(q.category, DEFAULT_CATEGORY);
        assert_eq!(q.difficulty, Difficulty::Medium);
        assert_eq!(q.explanation, "");
    }

    #[test]
    fn a_number_is_never_taken_for_a_string() {
        let e = errors(r#"{"questions": [{"prompt": "p", "answer": 5, "distractors": [4]}]}"#);
        assert_eq!(
            e,
            [
                "1:42: question 1: answer must be a string, not the number 5",
                "1:61: question 1: distractors[0] must be a string, not the number 4",
            ]
        );
    }

    #[test]
    fn a_record_is_recognised() {
        assert_eq!(
            parse("r.json", r#"{"title": "X", "year": 2001}"#, Keep::Summary),
            Ok(Parsed::Record)
        );
    }

    #[test]
    fn offsets_become_lines_and_columns_in_any_order() {
        let mut problems: Vec<Problem> = [7, 0, 8, 4, 99]
            .into_iter()
            .map(|o| Problem {
                offset: Some(o),
                ..Problem::new("x")
            })
            .collect();
        problems.push(Problem::new("no place"));
        locate("ab\ncdé\nf", &mut problems);
        let at: Vec<_> = problems.iter().map(|p| p.at).collect();
        assert_eq!(
            at,
            [
                Some((2, 4)),
                Some((1, 1)),
                Some((3, 1)),
                Some((2, 2)),
                Some((3, 2)),
                None
            ]
        );
    }

    /// The fast pass itself takes a plainly valid bank, escapes, nulls and
    /// all, and reads it as the careful path does.
    #[test]
    fn the_fast_pass_takes_a_plainly_valid_bank() {
        let text = r#"{"title": "Jazz", "questions": [
            {"prompt": "Who played \"Caravan\"?", "answer": "Ellington",
             "distractors": ["Basie", "Monk"], "category": "Bands", "difficulty": "hard"},
            {"prompt": "A drum?", "answer": "Snare", "distractors": ["Oboe"],
             "category": null, "explanation": "It is struck.", "difficulty": null}
        ]}"#;
        for keep in [Keep::Questions, Keep::Summary] {
            let quick = fast::parse(text, keep).expect("the fast pass refused a valid bank");
            assert_eq!(quick.count, 2);
            assert_eq!(quick.title.as_deref(), Some("Jazz"));
            match careful("t.json", text, keep) {
                Ok(Parsed::Bank(slow)) => assert_eq!(quick, slow),
                other => panic!("careful path: {other:?}"),
            }
        }
        let quick = fast::parse(text, Keep::Questions).unwrap();
        assert_eq!(quick.questions[0].prompt, "Who played \"Caravan\"?");
        assert_eq!(quick.questions[1].category, DEFAULT_CATEGORY);
        assert_eq!(quick.questions[0].difficulty, Difficulty::Hard);
    }

    /// And it leaves anything with a fault or a warning (an unknown field)
    /// to the careful path, which words it.
    #[test]
    fn the_fast_pass_leaves_every_fault_to_the_careful_path() {
        let with = |q: &str| format!(r#"{{"questions": [{q}]}}"#);
        for q in [
            r#"{"prompt": "P?", "answer": "A", "distractors": []}"#,
            r#"{"prompt": "P?", "answer": "A", "distractors": [" a "]}"#,
            r#"{"prompt": "P?", "answer": "A", "distractors": ["B", "b"]}"#,
            r#"{"prompt": "P?", "answer": "A", "distractors": ["B"]}"#,
            r#"{"prompt": "P?", "answer": "A", "distractors": ["B"], "category": " "}"#,
            r#"{"prompt": "P?", "answer": "A", "distractors": ["B"], "colour": "red"}"#,
        ] {
            let text = with(q);
            assert!(fast::parse(&text, Keep::Summary).is_none(), "{text}");
            match parse("t.json", &text, Keep::Summary) {
                Ok(Parsed::Bank(l)) => assert!(!l.warnings.is_empty(), "{text}"),
                Ok(Parsed::Record) => panic!("{text}"),
                Err(_) => {}
            }
        }
    }

    fn text() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 ?\u{ad}\u{e9}\u{200e}]{1,20}".prop_filter("not blank", |s| !s.trim().is_empty())
    }

    fn question() -> impl Strategy<Value = Question> {
        (
            text(),
            text(),
            proptest::collection::vec(text(), 1..=MAX_DISTRACTORS),
            text(),
            0..3usize,
            proptest::option::of(text()),
        )
            .prop_map(
                |(prompt, answer, distractors, category, d, explanation)| Question {
                    prompt,
                    answer,
                    distractors,
                    category,
                    difficulty: Difficulty::ALL[d],
                    meta: Default::default(),
                    explanation: explanation.unwrap_or_default(),
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Every question the typed check accepts survives a trip through
        /// the file format, and the file checker agrees with the typed one.
        #[test]
        fn valid_questions_round_trip(questions in proptest::collection::vec(question(), 1..8)) {
            let bank = crate::question::Bank { title: Some("T".into()), questions: questions.clone() };
            let text = serde_json::to_string_pretty(&bank).unwrap();
            let typed_ok = questions.iter().all(|q| question_problems(q).is_empty());
            match parse("t.json", &text, Keep::Questions) {
                Ok(Parsed::Bank(l)) => {
                    prop_assert!(typed_ok);
                    prop_assert_eq!(l.questions, questions);
                }
                Ok(Parsed::Record) => prop_assert!(false, "taken for a record"),
                Err(e) => {
                    prop_assert!(!typed_ok, "refused a valid bank: {}", e);
                }
            }
        }

        /// An answer repeated among the distractors, in any case or spacing,
        /// is always refused.
        #[test]
        fn an_answer_among_the_distractors_is_refused(mut q in question(), at in 0..MAX_DISTRACTORS, upper: bool) {
            let copy = if upper { q.answer.to_uppercase() } else { format!("  {} ", q.answer) };
            let at = at.min(q.distractors.len());
            q.distractors.insert(at, copy);
            q.distractors.truncate(MAX_DISTRACTORS);
            let bank = crate::question::Bank { title: None, questions: vec![q] };
            let text = serde_json::to_string(&bank).unwrap();
            prop_assert!(parse("t.json", &text, Keep::Summary).is_err());
        }

        /// The fast path never accepts what the careful path would refuse
        /// or warn about, and both read a bank the same way.
        #[test]
        fn the_fast_path_agrees_with_the_careful_one(
            mut questions in proptest::collection::vec(question(), 1..6),
            twist in 0..6usize,
            at in any::<proptest::sample::Index>(),
        ) {
            let i = at.index(questions.len());
            match twist {
                0 => questions[i].answer = questions[i].distractors[0].to_uppercase(),
                1 => questions[i].prompt = format!("  {}", questions[0].prompt.to_lowercase()),
                2 => questions[i].distractors.clear(),
                3 => questions[i].category = "\u{1b}[1m".into(),
                _ => {}
            }
            let bank = crate::question::Bank { title: Some("T".into()), questions };
            let text = serde_json::to_string_pretty(&bank).unwrap();
            match (fast::parse(&text, Keep::Questions), careful("t.json", &text, Keep::Questions)) {
                (Some(quick), Ok(Parsed::Bank(slow))) => prop_assert_eq!(quick, slow),
                (Some(_), other) => prop_assert!(false, "careful path: {:?}", other),
                // A bank the careful path takes without a word must be
                // taken by the fast pass itself.
                (None, Ok(Parsed::Bank(slow))) => prop_assert!(
                    !slow.warnings.is_empty(),
                    "the fast pass refused a valid bank:\n{}", text
                ),
                (None, _) => {}
            }
        }

        /// No text, however broken, panics the checker.
        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
            let _ = parse("t.json", &text, Keep::Questions);
        }

        /// Nor does a valid bank with a slice cut out or a byte changed.
        #[test]
        fn mutated_banks_never_panic(questions in proptest::collection::vec(question(), 1..4), cut in 0..400usize, len in 0..20usize, byte in 0..128u8) {
            let bank = crate::question::Bank { title: None, questions };
            let text = serde_json::to_string_pretty(&bank).unwrap();
            let mut bytes = text.into_bytes();
            let at = cut.min(bytes.len());
            let end = (at + len).min(bytes.len());
            bytes.drain(at..end);
            bytes.insert(at, byte);
            if let Ok(text) = String::from_utf8(bytes) {
                let _ = parse("t.json", &text, Keep::Questions);
            }
        }
    }
}
