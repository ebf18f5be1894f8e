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

mod careful;
mod fast;
mod rules;

use careful::careful;
pub use careful::prompt_key;

use rules::distractor_problems;
pub use rules::{
    MAX_DISTRACTORS, MAX_TEXT_BYTES, TextFault, distractor_faults, question_problems, quoted,
    text_fault, text_problem,
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
    /// Counts, categories and where each question is ([`index`]).
    Spans,
}

/// What a JSON file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    Bank(Loaded),
    /// An object with `title` and `year` but no `questions`: a film record,
    /// which the caller checks with [`crate::record::parse`].
    Record,
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

/// The bank in `text` if it is plainly valid: no problem, no warning (the
/// fast pass alone). `None` says nothing more: [`parse`] says what it is.
/// A bank it takes has no fields but `title` and `questions`, so it is
/// never a film record.
pub fn plain(text: &str, keep: Keep) -> Option<Loaded> {
    fast::parse(text, keep)
}

pub use fast::{Entry, question_from};

/// [`plain`] of the bank a stream holds, such as a file, read a window at a
/// time and never held whole: a big bank is checked in little more memory
/// than its summary takes. With [`Keep::Spans`], also where each question
/// is in the stream ([`Entry`]), so that a game reads only the questions it
/// deals, each from its bytes ([`question_from`]). A byte-order mark at the
/// start is passed over. `None` says no more than [`plain`] does: the
/// caller reads the text and calls [`parse`], which says what it is. An
/// error only when the stream cannot be read; the caller limits how much
/// is read.
pub fn plain_stream<R: std::io::Read>(
    reader: R,
    keep: Keep,
) -> std::io::Result<Option<(Loaded, Vec<Entry>)>> {
    fast::index_stream(reader, keep)
}

#[cfg(test)]
mod tests {
    use super::careful::locate;
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

    /// A reader that gives at most `chunk` bytes a read.
    struct Chunks<'a> {
        bytes: &'a [u8],
        chunk: usize,
    }

    impl std::io::Read for Chunks<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.chunk.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    fn questions_len(bank: &crate::question::Bank) -> usize {
        bank.questions.len().max(1)
    }

    /// A stream that is not UTF-8 text is an error, wherever a read cuts
    /// it; one that is, is read across every cut.
    #[test]
    fn a_stream_is_read_as_utf8_across_its_reads() {
        let text = r#"{"questions": [{"prompt": "Qui a joué ?", "answer": "Léa", "distractors": ["Zoë"]}]}"#;
        for chunk in 1..8 {
            let read =
                |bytes: &[u8]| fast::index_stream_with(Chunks { bytes, chunk }, Keep::Summary, 2);
            let loaded = read(text.as_bytes()).unwrap().expect("plainly valid").0;
            assert_eq!(loaded.count, 1);
            let mut broken = text.as_bytes().to_vec();
            let at = text.find('é').unwrap();
            broken[at + 1] = b'x';
            let e = read(&broken).unwrap_err();
            assert_eq!(e.kind(), std::io::ErrorKind::InvalidData);
            // Cut inside its last character, after the bank.
            let mut cut = text.as_bytes().to_vec();
            cut.extend_from_slice(&"é".as_bytes()[..1]);
            assert!(read(&cut).is_err());
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

        /// Read from a stream a few bytes at a time, through a window
        /// smaller than one question, a bank is taken or left as its text
        /// is, with the same summary, and each span holds its question.
        #[test]
        fn a_stream_reads_as_its_text(
            mut questions in proptest::collection::vec(question(), 1..6),
            twist in 0..8usize,
            at in any::<proptest::sample::Index>(),
            chunk in 1..9usize,
            window in 1..64usize,
            bom: bool,
        ) {
            let i = at.index(questions.len());
            match twist {
                0 => questions[i].answer = questions[i].distractors[0].to_uppercase(),
                1 => questions[i].prompt = format!("  {}", questions[0].prompt.to_lowercase()),
                2 => questions[i].distractors.clear(),
                _ => {}
            }
            let bank = crate::question::Bank { title: Some("T".into()), questions };
            let mut text = serde_json::to_string_pretty(&bank).unwrap();
            match twist {
                // Cut short, or with something after it.
                3 => {
                    let mut cut = text.len() * i / questions_len(&bank);
                    while !text.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    text.truncate(cut);
                }
                6 => text = text.replacen("{", "{\"title\": \"U\",", 1),
                4 => text.push_str(" x"),
                5 => text = text.replace("\"title\": \"T\"", "\"title\": null"),
                _ => {}
            }
            let mut bytes = Vec::new();
            if bom {
                bytes.extend_from_slice("\u{feff}".as_bytes());
            }
            bytes.extend_from_slice(text.as_bytes());
            let shift = if bom { 3 } else { 0 };
            let reader = Chunks { bytes: &bytes, chunk };
            let streamed = fast::index_stream_with(reader, Keep::Spans, window).unwrap();
            match (streamed, fast::index(&text, Keep::Spans)) {
                (None, None) => {}
                (Some((loaded, entries)), Some((whole, spans))) => {
                    prop_assert_eq!(&loaded, &whole);
                    prop_assert_eq!(entries.len(), spans.len());
                    let all = fast::parse(&text, Keep::Questions).unwrap().questions;
                    for ((e, s), q) in entries.iter().zip(&spans).zip(&all) {
                        prop_assert_eq!((e.start - shift, e.end - shift), (s.start, s.end));
                        prop_assert_eq!((e.category, e.difficulty, e.prompt), (s.category, s.difficulty, s.prompt));
                        let read = question_from(&bytes[e.start as usize..e.end as usize]);
                        prop_assert_eq!(read.as_ref(), Some(q));
                        let again = question_from(&text.as_bytes()[s.start as usize..s.end as usize]);
                        prop_assert_eq!(again.as_ref(), Some(q));
                    }
                }
                (streamed, whole) => prop_assert!(false, "stream {:?}, text {:?}", streamed.is_some(), whole.is_some()),
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
