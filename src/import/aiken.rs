//! Moodle's Aiken format: a question, lettered options, then `ANSWER: X`.
//!
//! Supported:
//!
//! - A question of one or more lines (joined with spaces), then options, then
//!   the answer line; questions are separated by blank lines, and a new
//!   question may also start on the line right after an `ANSWER:` line.
//! - Options `A) text` or `A. text`: a capital letter A–Z, then `)` or `.`,
//!   then a space or tab (after `)` the space may be left out). A line after
//!   an option that is neither an option nor the answer line continues that
//!   option.
//! - Lowercase options `a) text` or `a. text`, by the same rules, in a
//!   question with no capital option line at all. When a question has any
//!   capital option, lines starting `a)` or `a.` are read as text (part of
//!   the prompt or of the option before them), as they always were.
//! - `ANSWER: X` (the word in capitals, spaces allowed around the colon, the
//!   letter in either case) naming the right option; the other options are
//!   the distractors. Leading spaces on any line are ignored.
//! - Every question gets the category `general` and difficulty medium; Aiken
//!   has no explanations.
//!
//! Skipped, as `line N` with N the first line of the question: an option
//! before any question text, a question with no `ANSWER:` line, an
//! `ANSWER:` line without one option letter or naming a letter no option
//! has, a letter used by two options, fewer than two options, and an empty
//! option (`option A is empty`). An
//! `ANSWER:` line with no question before it is skipped at its own line.
//!
//! A text with something in it but no `ANSWER:` line at all is an error (it
//! is not Aiken); an empty text gives no questions and no error.

use super::{Entry, ImportError, clean};
use crate::bank::quoted;
use crate::question::{DEFAULT_CATEGORY, Difficulty, Question};

/// True for a line `ANSWER:` (with any spaces around the word and colon).
pub(crate) fn is_answer_line(line: &str) -> bool {
    answer_rest(line).is_some()
}

/// What follows the colon of an `ANSWER:` line.
fn answer_rest(line: &str) -> Option<&str> {
    line.trim_start()
        .strip_prefix("ANSWER")?
        .trim_start()
        .strip_prefix(':')
}

/// The letter and text of an option line `A) text` or `A. text`; with
/// `lower`, `a) text` or `a. text` instead.
fn option(line: &str, lower: bool) -> Option<(char, &str)> {
    let line = line.trim();
    let mut chars = line.chars();
    let letter = chars.next().filter(|c| {
        if lower {
            c.is_ascii_lowercase()
        } else {
            c.is_ascii_uppercase()
        }
    })?;
    let mark = chars.next().filter(|c| matches!(c, ')' | '.'))?;
    let rest = chars.as_str();
    let spaced = rest.is_empty() || rest.starts_with([' ', '\t']);
    if mark == '.' && !spaced {
        return None;
    }
    Some((letter, rest))
}

/// Where an option letter goes in a table of 26, in either case.
fn slot(letter: char) -> usize {
    usize::from((letter.to_ascii_uppercase() as u8).wrapping_sub(b'A')) % 26
}

/// One question being read: its lines, read when the block ends (the case
/// of its option letters is known only then).
#[derive(Default)]
struct Block {
    /// The line it starts on; 0 when no block is open.
    start: usize,
    lines: Vec<(usize, String)>,
}

/// A block's lines sorted into prompt and options.
struct Parts {
    prompt: Vec<String>,
    /// (letter as written, line, text) of each option.
    options: Vec<(char, usize, String)>,
    /// True when the options use lowercase letters.
    lower: bool,
}

impl Block {
    fn is_open(&self) -> bool {
        self.start != 0
    }

    /// The prompt and options, or the first problem met. Capital option
    /// letters are used when any line is a capital option; otherwise
    /// lowercase ones (so a block with capital options reads `a) …` lines
    /// as text, and one with lowercase options is read the same way).
    fn parts(&self) -> Result<Parts, String> {
        let lower = !self.lines.iter().any(|(_, l)| option(l, false).is_some());
        let mut parts = Parts {
            prompt: Vec::new(),
            options: Vec::new(),
            lower,
        };
        for (n, line) in &self.lines {
            if let Some((letter, text)) = option(line, lower) {
                if parts.prompt.is_empty() {
                    return Err(format!(
                        "option {letter} on line {n} comes before any question text"
                    ));
                }
                parts.options.push((letter, *n, text.to_owned()));
            } else if let Some((_, _, text)) = parts.options.last_mut() {
                text.push(' ');
                text.push_str(line.trim());
            } else {
                parts.prompt.push(line.trim().to_owned());
            }
        }
        Ok(parts)
    }

    /// Ends a block that has no answer line.
    fn unanswered(self) -> Entry {
        let reason = match self.parts() {
            Err(problem) => problem,
            Ok(parts) if parts.options.is_empty() => {
                "no options (A) …) and no ANSWER: line".to_owned()
            }
            Ok(_) => "missing ANSWER: line after the options".to_owned(),
        };
        Entry::at_line(self.start, Err(reason))
    }

    /// Ends the block at its `ANSWER:` line, `rest` following the colon.
    fn answered(self, line: usize, rest: &str) -> Entry {
        let start = self.start;
        Entry::at_line(start, self.question(line, rest))
    }

    fn question(self, line: usize, rest: &str) -> Result<Question, String> {
        let Parts {
            prompt,
            options,
            lower,
        } = self.parts()?;
        let in_case = |c: char| {
            if lower {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            }
        };
        let given = rest.trim();
        let mut letters = given.chars();
        let letter = match (letters.next(), letters.next()) {
            (Some(c), None) if c.is_ascii_alphabetic() => in_case(c),
            _ => {
                return Err(format!(
                    "ANSWER: line {line} must name one option letter, not {}",
                    quoted(given)
                ));
            }
        };
        let mut first_line = [0usize; 26];
        for &(letter, line_b, _) in &options {
            let slot = &mut first_line[slot(letter)];
            if *slot != 0 {
                return Err(format!(
                    "option letter {letter} is used twice (lines {} and {line_b})",
                    *slot
                ));
            }
            *slot = line_b;
        }
        if options.len() < 2 {
            let found = if options.len() == 1 {
                "only 1 option".to_owned()
            } else {
                "no options".to_owned()
            };
            return Err(format!("{found}; a question needs at least 2"));
        }
        if let Some((empty, _, _)) = options.iter().find(|(_, _, text)| clean(text).is_empty()) {
            return Err(format!("option {empty} is empty"));
        }
        let Some(right) = options.iter().position(|(l, _, _)| *l == letter) else {
            let first = options.first().map_or('A', |o| o.0);
            let last = options.last().map_or('A', |o| o.0);
            return Err(format!(
                "ANSWER: {letter} on line {line} names no option (the options are {first}–{last})"
            ));
        };
        let mut answer = String::new();
        let mut distractors = Vec::with_capacity(options.len() - 1);
        for (i, (_, _, text)) in options.into_iter().enumerate() {
            if i == right {
                answer = text;
            } else {
                distractors.push(text);
            }
        }
        Ok(Question {
            prompt: prompt.join(" "),
            answer,
            distractors,
            category: DEFAULT_CATEGORY.to_owned(),
            difficulty: Difficulty::Medium,
            explanation: String::new(),
            meta: Default::default(),
        })
    }
}

pub(crate) fn parse(text: &str) -> Result<Vec<Entry>, ImportError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    if !text.lines().any(is_answer_line) {
        return Err(ImportError::new(
            "no ANSWER: line found; an Aiken file ends each question with a line like \"ANSWER: B\"",
        ));
    }
    let mut entries = Vec::new();
    let mut block = Block::default();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            if block.is_open() {
                entries.push(std::mem::take(&mut block).unanswered());
            }
            continue;
        }
        if let Some(rest) = answer_rest(line) {
            if block.is_open() {
                entries.push(std::mem::take(&mut block).answered(n, rest));
            } else {
                entries.push(Entry::at_line(
                    n,
                    Err("ANSWER: line with no question before it".to_owned()),
                ));
            }
            continue;
        }
        if !block.is_open() {
            block.start = n;
        }
        block.lines.push((n, line.to_owned()));
    }
    if block.is_open() {
        entries.push(block.unanswered());
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::super::{Format, Skipped, import};
    use crate::bank::question_problems;
    use crate::question::{DEFAULT_CATEGORY, Difficulty};

    const QUIZ: &str = include_str!("../../tests/fixtures/import/quiz.aiken.txt");

    fn skip(location: &str, reason: &str) -> Skipped {
        Skipped {
            location: location.into(),
            reason: reason.into(),
        }
    }

    #[test]
    fn fixture_imports_both_option_styles_and_multiline_prompts() {
        let out = import(QUIZ, Some(Format::Aiken)).unwrap();
        assert_eq!(out.format, Format::Aiken);
        assert_eq!(out.questions.len(), 5);
        let q = &out.questions[0];
        assert_eq!(
            q.prompt,
            "Which of these is a pitched percussion instrument?"
        );
        assert_eq!(q.answer, "Glockenspiel");
        assert_eq!(q.distractors, ["Snare drum", "Hi-hat", "Bass drum"]);
        assert_eq!(q.category, DEFAULT_CATEGORY);
        assert_eq!(q.difficulty, Difficulty::Medium);
        assert!(q.explanation.is_empty());

        let q = &out.questions[1];
        assert_eq!(
            q.prompt,
            "Which cymbal is usually struck to mark a big accent?"
        );
        assert_eq!(q.answer, "Crash");
        assert_eq!(q.distractors, ["Ride", "Splash"]);

        let q = &out.questions[2];
        assert_eq!(
            q.prompt,
            "In the film score tradition, a recurring musical theme tied to a character or idea is called what?"
        );
        assert_eq!(q.answer, "Leitmotif");
        assert_eq!(q.distractors, ["Ostinato", "Cadenza", "Coda"]);

        let q = &out.questions[3];
        assert_eq!(
            q.prompt,
            "A drummer's \"paradiddle\" is a sticking pattern."
        );
        assert_eq!(q.answer, "True");
        assert_eq!(q.distractors, ["False"]);

        // An option running onto a second line, and ANSWER in lower case.
        let q = &out.questions[4];
        assert_eq!(q.answer, "Four, in fifths");
        assert_eq!(q.distractors, ["Six, in fourths", "Five, in thirds"]);
        for q in &out.questions {
            assert!(question_problems(q).is_empty(), "{q:?}");
        }
    }

    #[test]
    fn fixture_skips_broken_blocks_with_their_line() {
        let out = import(QUIZ, None).unwrap();
        assert_eq!(
            out.skipped,
            [
                skip(
                    "line 22",
                    "option A on line 22 comes before any question text"
                ),
                skip(
                    "line 26",
                    "ANSWER: E on line 30 names no option (the options are A–C)"
                ),
                skip("line 32", "missing ANSWER: line after the options"),
                skip("line 36", "only 1 option; a question needs at least 2"),
                skip("line 40", "same prompt as line 1"),
            ]
        );
    }

    #[test]
    fn answer_line_ends_a_question_without_a_blank_line() {
        let text = "Q1?\nA) a\nB) b\nANSWER: A\nQ2?\nA. c\nB. d\nANSWER: B\n";
        let out = import(text, None).unwrap();
        assert_eq!(out.questions.len(), 2);
        assert_eq!(out.questions[1].prompt, "Q2?");
        assert_eq!(out.questions[1].answer, "d");
    }

    #[test]
    fn other_problems_are_skips() {
        let text = "ANSWER: A\n\nQ?\nA) a\nA) b\nANSWER: A\n\nR?\nA) x\nB) y\nANSWER: AB\n";
        let out = import(text, Some(Format::Aiken)).unwrap();
        assert!(out.questions.is_empty());
        assert_eq!(
            out.skipped,
            [
                skip("line 1", "ANSWER: line with no question before it"),
                skip("line 3", "option letter A is used twice (lines 4 and 5)"),
                skip(
                    "line 8",
                    "ANSWER: line 11 must name one option letter, not \"AB\""
                ),
            ]
        );
    }

    #[test]
    fn text_without_answer_lines_is_not_aiken() {
        let err = import("Just a paragraph.\nA) maybe", Some(Format::Aiken)).unwrap_err();
        assert!(err.message.contains("no ANSWER: line"), "{err}");
        let out = import(" \n\n", Some(Format::Aiken)).unwrap();
        assert!(out.questions.is_empty() && out.skipped.is_empty());
    }

    #[test]
    fn lowercase_option_letters_are_options() {
        let text = "Q1?\na) x\nb) y\nANSWER: b\n\nQ2?\na. c\nb. d\nc. e\nANSWER: A\n";
        let out = import(text, Some(Format::Aiken)).unwrap();
        assert!(out.skipped.is_empty(), "{:?}", out.skipped);
        assert_eq!(out.questions.len(), 2);
        assert_eq!(out.questions[0].prompt, "Q1?");
        assert_eq!(out.questions[0].answer, "y");
        assert_eq!(out.questions[0].distractors, ["x"]);
        assert_eq!(out.questions[1].answer, "c");
        assert_eq!(out.questions[1].distractors, ["d", "e"]);

        // Lowercase problems are named with the letters as written.
        let text = "Q?\na) x\nb) y\nANSWER: E\n\nR?\na) x\na) y\nANSWER: a\n";
        let out = import(text, Some(Format::Aiken)).unwrap();
        assert_eq!(
            out.skipped,
            [
                skip(
                    "line 1",
                    "ANSWER: e on line 4 names no option (the options are a–b)"
                ),
                skip("line 6", "option letter a is used twice (lines 7 and 8)"),
            ]
        );

        // With capital options, lowercase-lettered lines stay text.
        let text = "Which are true?\na) one\nb) two\nA) a only\nB) both\nANSWER: B\n";
        let out = import(text, None).unwrap();
        assert_eq!(out.questions[0].prompt, "Which are true? a) one b) two");
        assert_eq!(out.questions[0].answer, "both");
        assert_eq!(out.questions[0].distractors, ["a only"]);
    }

    #[test]
    fn an_empty_option_is_named() {
        let text = "Q?\nA) \nB) y\nANSWER: B\n\nR?\na)\nb) y\nANSWER: b\n";
        let out = import(text, Some(Format::Aiken)).unwrap();
        assert!(out.questions.is_empty());
        assert_eq!(
            out.skipped,
            [
                skip("line 1", "option A is empty"),
                skip("line 6", "option a is empty"),
            ]
        );
        // A continuation line fills an option left empty on its own line.
        let text = "Q?\nA)\n  x\nB) y\nANSWER: A\n";
        let out = import(text, Some(Format::Aiken)).unwrap();
        assert_eq!(out.questions[0].answer, "x");
    }

    #[test]
    fn dotted_abbreviations_are_not_options() {
        let text = "Which composer wrote the opera?\nU.S. premiere in 1900.\nA) Puccini\nB) Verdi\nANSWER: A\n";
        let out = import(text, None).unwrap();
        assert_eq!(
            out.questions[0].prompt,
            "Which composer wrote the opera? U.S. premiere in 1900."
        );
    }
}
