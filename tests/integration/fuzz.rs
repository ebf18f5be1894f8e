//! Mutation fuzzing of every parser that reads user files, within bounded
//! time: real inputs (the built-in record, bank and import fixtures) with
//! bytes cut, repeated, flipped and spliced. Nothing may panic, hang or
//! allocate without bound, and whatever a parser accepts must be usable.
//!
//! Run longer with `PROPTEST_CASES=20000 cargo test --release --test integration fuzz`.

use proptest::prelude::*;
use whiplash_quiz::bank::{self, Keep, Parsed};
use whiplash_quiz::import::{self, Format};
use whiplash_quiz::record;

const SEEDS: [&str; 8] = [
    record::BUILTIN_JSON,
    include_str!("../fixtures/films/night-harbour.json"),
    include_str!("../fixtures/banks/rhythm.json"),
    include_str!("../fixtures/banks/broken/wrong-types.json"),
    include_str!("../fixtures/import/opentdb-api.json"),
    include_str!("../fixtures/import/quiz.aiken.txt"),
    include_str!("../fixtures/import/quiz.gift.txt"),
    include_str!("../fixtures/banks/broken/control-chars.json"),
];

/// One edit to a text, in bytes.
#[derive(Debug, Clone)]
pub(crate) enum Edit {
    Cut { at: usize, len: usize },
    Insert { at: usize, bytes: Vec<u8> },
    Flip { at: usize, byte: u8 },
    Repeat { at: usize, len: usize, times: usize },
    Splice { at: usize, from: usize, len: usize },
}

pub(crate) fn edit() -> impl Strategy<Value = Edit> {
    let bytes = prop_oneof![
        // JSON and quiz-format punctuation, and awkward characters.
        proptest::sample::select(vec![
            b"{".to_vec(),
            b"}".to_vec(),
            b"[".to_vec(),
            b"]".to_vec(),
            b"\"".to_vec(),
            b",".to_vec(),
            b":".to_vec(),
            b"\\".to_vec(),
            b"\n".to_vec(),
            b"=".to_vec(),
            b"~".to_vec(),
            b"#".to_vec(),
            b"::".to_vec(),
            b"ANSWER: A\n".to_vec(),
            b"A) ".to_vec(),
            b"null".to_vec(),
            b"1e999".to_vec(),
            b"-0".to_vec(),
            b"\\u0000".to_vec(),
            b"\\ud800".to_vec(),
            "\u{1b}[31m".as_bytes().to_vec(),
            "\u{feff}".as_bytes().to_vec(),
            "é".as_bytes().to_vec(),
            b"&amp;".to_vec(),
            b"&#0;".to_vec(),
            b"$CATEGORY: x\n".to_vec(),
            b"%50%".to_vec(),
        ]),
        proptest::collection::vec(any::<u8>(), 1..8),
    ];
    prop_oneof![
        (any::<usize>(), 1..64usize).prop_map(|(at, len)| Edit::Cut { at, len }),
        (any::<usize>(), bytes).prop_map(|(at, bytes)| Edit::Insert { at, bytes }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Edit::Flip { at, byte }),
        (any::<usize>(), 1..32usize, 2..200usize).prop_map(|(at, len, times)| Edit::Repeat {
            at,
            len,
            times
        }),
        (any::<usize>(), any::<usize>(), 1..200usize).prop_map(|(at, from, len)| Edit::Splice {
            at,
            from,
            len
        }),
    ]
}

pub(crate) fn apply(text: &str, edits: &[Edit]) -> Vec<u8> {
    let mut b = text.as_bytes().to_vec();
    for e in edits {
        let n = b.len().max(1);
        match e {
            Edit::Cut { at, len } => {
                let at = at % n;
                let end = (at + len).min(b.len());
                if at < end {
                    b.drain(at..end);
                }
            }
            Edit::Insert { at, bytes } => {
                let at = at % (b.len() + 1);
                b.splice(at..at, bytes.iter().copied());
            }
            Edit::Flip { at, byte } => {
                if !b.is_empty() {
                    let at = at % b.len();
                    b[at] = *byte;
                }
            }
            Edit::Repeat { at, len, times } => {
                let at = at % n;
                let end = (at + len).min(b.len());
                let piece = b[at.min(end)..end].to_vec();
                let copies: Vec<u8> = piece
                    .iter()
                    .copied()
                    .cycle()
                    .take(piece.len() * times)
                    .collect();
                b.splice(end..end, copies);
            }
            Edit::Splice { at, from, len } => {
                let from = from % n;
                let end = (from + len).min(b.len());
                let piece = b[from.min(end)..end].to_vec();
                let at = at % (b.len() + 1);
                b.splice(at..at, piece);
            }
        }
    }
    b
}

proptest! {
    // 300 cases in `cargo test`; PROPTEST_CASES asks for more.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300),
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_mutated_input_breaks_a_parser(
        seed in 0..SEEDS.len(),
        edits in proptest::collection::vec(edit(), 1..6),
    ) {
        let bytes = apply(SEEDS[seed], &edits);
        // Every parser reads text; bytes that are not UTF-8 are refused
        // before any of them runs, as the file readers do.
        let Ok(text) = String::from_utf8(bytes) else { return Ok(()) };

        match bank::parse("fuzz.json", &text, Keep::Questions) {
            Ok(Parsed::Bank(loaded)) => {
                prop_assert!(loaded.count > 0);
                for q in &loaded.questions {
                    prop_assert!(bank::question_problems(q).is_empty(), "accepted a bad question: {q:?}");
                }
            }
            Ok(Parsed::Record) => {}
            Err(e) => prop_assert!(!e.problems.is_empty()),
        }
        let _ = bank::parse("fuzz.json", &text, Keep::Summary);

        if let Ok(film) = record::parse("fuzz.json", &text) {
            // An accepted record must generate without trouble.
            let _ = whiplash_quiz::generate::generate(&film, &mut whiplash_quiz::rng::GameRng::from_seed(1));
        }

        for format in [None, Some(Format::OpenTdb), Some(Format::Aiken), Some(Format::Gift)] {
            if let Ok(imported) = import::import(&text, format) {
                for q in &imported.questions {
                    prop_assert!(bank::question_problems(q).is_empty(), "imported a bad question: {q:?}");
                }
            }
        }
    }
}

/// Regressions: inputs that once broke a parser, kept so they never do again.
/// What a parser shows for `text`: the bank checker's, the record
/// loader's and each importer's message or summary, one line each.
fn shown(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let bank = match bank::parse("case.json", text, Keep::Questions) {
        Ok(Parsed::Bank(l)) => format!("bank of {}", l.count),
        Ok(Parsed::Record) => "a record".into(),
        Err(e) => e.to_string(),
    };
    out.push(("bank".to_owned(), bank));
    let record = match record::parse("case.json", text) {
        Ok(film) => format!("record of {}", film.title),
        Err(e) => e.to_string(),
    };
    out.push(("record".to_owned(), record));
    for format in [
        None,
        Some(Format::OpenTdb),
        Some(Format::Aiken),
        Some(Format::Gift),
    ] {
        let import = match import::import(text, format) {
            Ok(i) => {
                let mut line = format!("{}: {} imported", i.format.name(), i.questions.len());
                for s in &i.skipped {
                    line.push_str(&format!("; skipped {}: {}", s.location, s.reason));
                }
                line
            }
            Err(e) => e.to_string(),
        };
        out.push((format!("import {format:?}"), import));
    }
    out
}

/// Inputs that once panicked, hung or misled: each is refused (or read)
/// with a message that names the problem, in text that is safe to print.
#[test]
fn known_hostile_inputs_stay_harmless() {
    let many_distractors = format!(
        "{{\"questions\": [{{\"prompt\": \"p\", \"answer\": \"a\", \"distractors\": [{}]}}]}}",
        vec!["\"x\""; 50_000].join(",")
    );
    let no_questions_field = "case.json: 1:15: field `questions`: unknown field `questions`";
    let not_opentdb = "no \"results\" array: not an Open Trivia DB response or dump";
    // (input, what the bank checker shows, what the record loader shows,
    // what importing it without a format shows)
    let cases: Vec<(String, &[&str], &str, &str)> = vec![
        // Quadratic duplicate checks on a huge distractor list (fixed by
        // refusing on the count first).
        (
            many_distractors,
            &["case.json: 1:62: question 1: distractors has 50000 wrong answers; the most is 5"],
            no_questions_field,
            not_opentdb,
        ),
        (
            format!("Which? {{=right{}}}\n", " ~w".repeat(50_000)),
            &["case.json: 1:1: invalid JSON: expected value"],
            "case.json: 1:1: a record is a JSON object",
            "gift: 0 imported; skipped line 1: distractors has 50000 wrong answers; the most is 5",
        ),
        // A GIFT file that opens with an answer block was taken for JSON.
        (
            "{=Allegro ~Largo} means fast.\n\nQ? {=a ~b}\n".into(),
            &["case.json: 1:2: invalid JSON: key must be a string"],
            "case.json: 1:2: not valid JSON",
            "gift: 2 imported",
        ),
        // Deep nesting in every position.
        (
            format!("{{\"questions\": {}{}}}", "[".repeat(50_000), "]".repeat(50_000)),
            &["case.json: 1:16: question 1: must be an object with a prompt, an answer and distractors, not a list"],
            no_questions_field,
            not_opentdb,
        ),
        (
            format!("{{\"results\": [{{\"x\": {}1{}}}]}}", "[".repeat(5_000), "]".repeat(5_000)),
            &["case.json: no `questions` list"],
            "case.json: 1:13: field `results`: unknown field `results`",
            "opentdb: 0 imported; skipped results[0] (line 1): nested too deeply (the limit is 128 levels)",
        ),
        (
            format!("{{\"title\": {}", "{\"a\":".repeat(10_000)),
            &["case.json: 1:50010: invalid JSON: EOF while parsing a value"],
            "case.json: 1:50010: not valid JSON: the file ends where a value should be",
            "could not work out the format of this file",
        ),
        // Lone surrogates and NUL escapes: refused, and the NUL shown as
        // an escape.
        (
            "{\"questions\": [{\"prompt\": \"\\ud800\", \"answer\": \"\\u0000\", \"distractors\": [\"b\"]}]}".into(),
            &[
                "case.json: 1:27: question 1: prompt is not valid text",
                "case.json: 1:47: question 1: answer holds the control character \\u{0} in \"\\u{0}\"",
            ],
            no_questions_field,
            not_opentdb,
        ),
        // A terminal escape in a prompt is named, never sent.
        (
            "{\"questions\": [{\"prompt\": \"Red \\u001b[31m?\", \"answer\": \"a\", \"distractors\": [\"b\"]}]}".into(),
            &["case.json: 1:27: question 1: prompt holds the control character \\u{1b} in \"Red \\u{1b}[31m?\""],
            no_questions_field,
            not_opentdb,
        ),
    ];
    for (text, bank_says, record_says, import_says) in &cases {
        let shown = shown(text);
        let all: String = shown
            .iter()
            .map(|(who, what)| format!("{who}: {what}\n"))
            .collect();
        for (who, what) in &shown {
            assert!(!what.trim().is_empty(), "{who} said nothing:\n{all}");
            assert!(
                !what.chars().any(|c| c.is_control() && c != '\n'),
                "{who} shows a raw control character:\n{all}"
            );
            assert!(what.len() < 4_000, "{who} shows too much:\n{all}");
        }
        for says in *bank_says {
            assert!(shown[0].1.contains(says), "bank: expected {says:?}:\n{all}");
        }
        assert!(
            shown[1].1.contains(record_says),
            "record: expected {record_says:?}:\n{all}"
        );
        assert!(
            shown[2].1.contains(import_says),
            "import: expected {import_says:?}:\n{all}"
        );
    }
}
