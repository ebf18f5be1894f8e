//! Moodle's GIFT format, the multiple-choice and true/false part of it.
//!
//! Supported:
//!
//! - Multiple choice: one `=right` answer and `~wrong` ones inside `{ }`, on
//!   one line or several. `~%100%answer` (or `=%100%answer`) counts as the
//!   right answer.
//! - True/false: `{T}`, `{TRUE}`, `{F}`, `{FALSE}` in any case; the answer is
//!   `True` or `False` and the other is the distractor.
//! - Titles `::title::` (dropped: not part of the prompt).
//! - `$CATEGORY:` lines set the category of the questions after them: the
//!   last `/` segment of the path (`//` is a literal slash), after any
//!   `$course$`, `$module$` or `$system$` prefix; a path of only `top`, or
//!   none, means `general`. Questions before any `$CATEGORY:` are `general`.
//!   A category holding a control character is skipped once, at its
//!   `$CATEGORY:` line, and the questions after it are `general`.
//!   Every question's difficulty is medium.
//! - `//` comment lines, anywhere (even inside an answer block).
//! - Feedback after `#`: the right answer's feedback becomes the explanation;
//!   when it has none, the general feedback after `####` is used. For
//!   true/false (`{T#wrong-answer feedback#right-answer feedback}`, as
//!   Moodle reads it) the right-answer feedback is used, else the first
//!   feedback, else the general feedback.
//! - Escapes `\~ \= \# \{ \} \:` and `\\`; `\n` is a line break, which (as
//!   every line break in a field) becomes a space. Other backslashes are kept.
//! - Questions over several lines, joined into one prompt with spaces.
//! - A format tag `[markdown]`, `[html]`, `[plain]` or `[moodle]` at the
//!   start of the question text is removed; the text itself is kept as it is
//!   (HTML or Markdown markup is not rendered or stripped).
//! - Missing-word questions: text after the `{…}` block makes the prompt show
//!   `_____` where the block sits.
//! - Questions are separated by blank lines; a question also ends at the end
//!   of the line where its answer block closes when a later line before the
//!   next blank line holds another answer block or starts a title (so
//!   one-line questions may follow each other). Otherwise lines after the
//!   block are the rest of a missing-word prompt.
//!
//! Skipped, as `line N` with N the question's first line (its title, if it
//! has one), with the kind named: short answer (only `=` answers, no `~`),
//! matching (`->` with no `~` answers), numerical (`{#…}`), partial credit
//! (any `%weight%` other than 100), essay (`{}`), more than one right
//! answer, no right answer, text in the block before the first `=` or `~`,
//! more than one answer block, an unclosed title or block, a `}` outside the
//! answer block that is not escaped as `\}` (`Q? {=a ~b}}`), and items with
//! no `{…}` block at all ("not a question": descriptions). Questions with
//! more than 5 wrong answers are skipped by the common checks.
//!
//! A text with something other than comments, categories and blank lines in
//! it but no `{` at all is an error (it is not GIFT); an empty text gives no
//! questions and no error.

use super::{Entry, ImportError};
use crate::bank::quoted;
use crate::question::{DEFAULT_CATEGORY, Difficulty, Question};

/// What stands for the answer block in a missing-word prompt.
pub const BLANK: &str = "_____";

const FORMAT_TAGS: [&str; 4] = ["[markdown]", "[html]", "[plain]", "[moodle]"];

pub(crate) fn parse(text: &str) -> Result<Vec<Entry>, ImportError> {
    let mut entries = Vec::new();
    let mut category = DEFAULT_CATEGORY.to_owned();
    let mut chunk = Chunk::default();
    let mut has_content = false;
    let mut has_block = false;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            chunk.flush(&category, &mut entries);
            continue;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        if let Some(path) = category_line(trimmed) {
            chunk.flush(&category, &mut entries);
            category = category_name(path);
            if matches!(
                crate::bank::text_fault(&category),
                Some(crate::bank::TextFault::Control(_))
            ) {
                entries.push(Entry::at_line(
                    n,
                    Err(format!(
                        "category {} holds a control character; questions after it use {DEFAULT_CATEGORY}",
                        quoted(&category)
                    )),
                ));
                category = DEFAULT_CATEGORY.to_owned();
            }
            continue;
        }
        has_content = true;
        has_block |= find_unescaped(line, 0, "{").is_some();
        chunk.push(n, line);
    }
    chunk.flush(&category, &mut entries);
    if has_content && !has_block {
        return Err(ImportError::new(
            "no answer block found; a GIFT question holds its answers in braces, like {=right ~wrong}",
        ));
    }
    Ok(entries)
}

/// The path after `$CATEGORY:` if `line` is a category line.
fn category_line(line: &str) -> Option<&str> {
    const TAG: &str = "$CATEGORY:";
    let head = line.get(..TAG.len())?;
    if head.eq_ignore_ascii_case(TAG) {
        line.get(TAG.len()..)
    } else {
        None
    }
}

/// The category a `$CATEGORY:` path names: its last segment.
fn category_name(path: &str) -> String {
    let mut path = path.trim();
    for prefix in ["$course$", "$module$", "$system$"] {
        if let Some(rest) = path.strip_prefix(prefix) {
            path = rest;
            break;
        }
    }
    let mut segments = vec![String::new()];
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '/' {
            if chars.peek() == Some(&'/') {
                chars.next();
                if let Some(s) = segments.last_mut() {
                    s.push('/');
                }
            } else {
                segments.push(String::new());
            }
        } else if let Some(s) = segments.last_mut() {
            s.push(c);
        }
    }
    let named: Vec<&str> = segments
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    match named.as_slice() {
        [only] if only.eq_ignore_ascii_case("top") => DEFAULT_CATEGORY.to_owned(),
        [.., last] => (*last).to_owned(),
        [] => DEFAULT_CATEGORY.to_owned(),
    }
}

/// Lines between blank lines, joined, with where each line began.
#[derive(Default)]
struct Chunk {
    text: String,
    /// (byte offset in `text`, line number in the file) of each line.
    lines: Vec<(usize, usize)>,
}

impl Chunk {
    fn push(&mut self, line_no: usize, line: &str) {
        self.lines.push((self.text.len(), line_no));
        self.text.push_str(line);
        self.text.push('\n');
    }

    fn line_at(&self, offset: usize) -> usize {
        let i = self.lines.partition_point(|&(start, _)| start <= offset);
        self.lines
            .get(i.saturating_sub(1))
            .map_or(0, |&(_, line)| line)
    }

    /// Reads the questions in the chunk and empties it.
    fn flush(&mut self, category: &str, entries: &mut Vec<Entry>) {
        let s = self.text.as_str();
        let mut pos = 0;
        while let Some(rest) = s.get(pos..) {
            let trimmed = rest.trim_start();
            if trimmed.is_empty() {
                break;
            }
            let start = s.len() - trimmed.len();
            let (outcome, next) = self.question(start, category);
            entries.push(Entry::at_line(self.line_at(start), outcome));
            pos = next.max(start + 1);
        }
        self.text.clear();
        self.lines.clear();
    }

    /// The question starting at byte `start`, and where the next one may begin.
    fn question(&self, start: usize, category: &str) -> (Result<Question, String>, usize) {
        let s = self.text.as_str();
        let end = s.len();
        let mut i = start;
        if s[start..].starts_with("::") {
            match find_unescaped(s, start + 2, "::") {
                Some(close) => i = close + 2,
                None => return (Err("title ::… is not closed".to_owned()), end),
            }
        }
        let body = s[i..].trim_start();
        i = end - body.len();
        if let Some(tag) = FORMAT_TAGS.iter().find(|tag| {
            body.get(..tag.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(tag))
        }) {
            i += tag.len();
        }
        let Some(open) = find_unescaped(s, i, "{") else {
            return (
                Err("not a question: no answer block {…} (a description?)".to_owned()),
                end,
            );
        };
        let Some(close) = find_unescaped(s, open + 1, "}") else {
            return (
                Err(format!(
                    "answer block {{ on line {} is not closed",
                    self.line_at(open)
                )),
                end,
            );
        };
        let line_end = s[close..].find('\n').map_or(end, |k| close + k + 1);
        let more = find_unescaped(s, line_end, "{").is_some()
            || s[line_end..].trim_start().starts_with("::");
        let tail_end = if more { line_end } else { end };
        let prefix = &s[i..open];
        let tail = &s[close + 1..tail_end];
        if find_unescaped(tail, 0, "{").is_some() {
            return (
                Err("more than one answer block {…} in one question".to_owned()),
                tail_end,
            );
        }
        let stray = find_unescaped(&s[..open], start, "}")
            .or_else(|| find_unescaped(&s[..tail_end], close + 1, "}"));
        if let Some(k) = stray {
            return (
                Err(format!(
                    "unbalanced }} on line {} outside an answer block (write \\}} for a literal one)",
                    self.line_at(k)
                )),
                tail_end,
            );
        }
        let mut prompt = unescape(prefix);
        if !tail.trim().is_empty() {
            prompt.push_str(BLANK);
            prompt.push_str(&unescape(tail));
        }
        let outcome =
            answers(&s[open + 1..close]).map(|(answer, distractors, explanation)| Question {
                prompt,
                answer,
                distractors,
                category: category.to_owned(),
                difficulty: Difficulty::Medium,
                explanation,
                meta: Default::default(),
            });
        (outcome, tail_end)
    }
}

/// One `=` or `~` answer of a block.
struct Answer {
    right: bool,
    /// The `%weight%` text when it is not 100.
    partial: Option<String>,
    text: String,
    feedback: String,
    arrow: bool,
}

/// The right answer, the wrong ones and the explanation in an answer block.
fn answers(block: &str) -> Result<(String, Vec<String>, String), String> {
    let (block, general) = match find_unescaped(block, 0, "####") {
        Some(k) => (&block[..k], unescape(&block[k + 4..])),
        None => (block, String::new()),
    };
    let body = block.trim();
    if body.is_empty() {
        return Err("essay question ({}): no answers to choose from".to_owned());
    }
    if body.starts_with('#') {
        return Err("numerical question ({#…}): not multiple choice".to_owned());
    }
    if let Some(tf) = true_false(body, &general) {
        return Ok(tf);
    }

    let mut marks: Vec<usize> = Vec::new();
    let mut chars = block.char_indices();
    while let Some((k, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '=' | '~' => marks.push(k),
            _ => {}
        }
    }
    let lead = &block[..marks.first().copied().unwrap_or(block.len())];
    if !lead.trim().is_empty() {
        return Err(format!(
            "answer block text {} is not an answer (answers start with = or ~)",
            quoted(&unescape(lead.trim()))
        ));
    }
    let mut list = Vec::with_capacity(marks.len());
    for (n, &k) in marks.iter().enumerate() {
        let stop = marks.get(n + 1).copied().unwrap_or(block.len());
        list.push(answer(&block[k..stop]));
    }

    let has_wrong = list.iter().any(|a| !a.right);
    if !has_wrong && list.iter().any(|a| a.arrow) {
        return Err("matching question (->): not multiple choice".to_owned());
    }
    if let Some(weight) = list.iter().find_map(|a| a.partial.as_deref()) {
        return Err(format!(
            "partial-credit weight {weight} on an answer: a one-right-answer game cannot score it"
        ));
    }
    let rights: Vec<&Answer> = list.iter().filter(|a| a.right).collect();
    if !has_wrong {
        return Err("short-answer question (only = answers, no ~ wrong answers)".to_owned());
    }
    let right = match rights.as_slice() {
        [one] => *one,
        [] => return Err("no right (=) answer".to_owned()),
        many => {
            return Err(format!(
                "{} right (=) answers; a question needs exactly one",
                many.len()
            ));
        }
    };
    let distractors = list
        .iter()
        .filter(|a| !a.right)
        .map(|a| a.text.clone())
        .collect();
    let explanation = if right.feedback.trim().is_empty() {
        general
    } else {
        right.feedback.clone()
    };
    Ok((right.text.clone(), distractors, explanation))
}

/// `{T}`, `{TRUE}`, `{F}`, `{FALSE}` (any case), with any feedback.
fn true_false(body: &str, general: &str) -> Option<(String, Vec<String>, String)> {
    let (head, feedback) = match find_unescaped(body, 0, "#") {
        Some(k) => (&body[..k], Some(&body[k + 1..])),
        None => (body, None),
    };
    let truth = match head.trim() {
        t if t.eq_ignore_ascii_case("t") || t.eq_ignore_ascii_case("true") => true,
        t if t.eq_ignore_ascii_case("f") || t.eq_ignore_ascii_case("false") => false,
        _ => return None,
    };
    let (wrong_fb, right_fb) = match feedback {
        Some(fb) => match find_unescaped(fb, 0, "#") {
            Some(k) => (unescape(&fb[..k]), unescape(&fb[k + 1..])),
            None => (unescape(fb), String::new()),
        },
        None => (String::new(), String::new()),
    };
    let explanation = [right_fb, wrong_fb, general.to_owned()]
        .into_iter()
        .find(|f| !f.trim().is_empty())
        .unwrap_or_default();
    let (answer, other) = if truth {
        ("True", "False")
    } else {
        ("False", "True")
    };
    Some((answer.to_owned(), vec![other.to_owned()], explanation))
}

/// One answer: `segment` starts with its `=` or `~`.
fn answer(segment: &str) -> Answer {
    let right = segment.starts_with('=');
    let rest = segment.get(1..).unwrap_or("");
    let (text, feedback) = match find_unescaped(rest, 0, "#") {
        Some(k) => (&rest[..k], unescape(&rest[k + 1..])),
        None => (rest, String::new()),
    };
    let mut text = text.trim_start();
    let mut weight = None;
    if let Some(after) = text.strip_prefix('%')
        && let Some(k) = after.find('%')
    {
        let number = &after[..k];
        let numeric = !number.is_empty()
            && number
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.'));
        if let (true, Ok(value)) = (numeric, number.parse::<f64>()) {
            weight = Some((value, format!("%{number}%")));
            text = &after[k + 1..];
        }
    }
    let (right, partial) = match weight {
        Some((value, shown)) => {
            if value == 100.0 {
                (true, None)
            } else {
                (right, Some(shown))
            }
        }
        None => (right, None),
    };
    Answer {
        right,
        partial,
        arrow: text.contains("->"),
        text: unescape(text),
        feedback,
    }
}

/// Where `pat` first starts in `s` at or after byte `from`, not counting
/// text escaped by a backslash.
fn find_unescaped(s: &str, from: usize, pat: &str) -> Option<usize> {
    let hay = s.get(from..)?;
    let first = pat.chars().next()?;
    let mut chars = hay.char_indices();
    while let Some((k, c)) = chars.next() {
        if c == '\\' {
            chars.next();
        } else if c == first && hay[k..].starts_with(pat) {
            return Some(from + k);
        }
    }
    None
}

/// GIFT escapes resolved: `\~ \= \# \{ \} \: \\` give the character, `\n`
/// a line break; any other backslash is kept.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(e @ ('~' | '=' | '#' | '{' | '}' | ':' | '\\')) => out.push(e),
            Some('n') => out.push('\n'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Format, Imported, Skipped, import};
    use super::*;
    use crate::bank::question_problems;

    const QUIZ: &str = include_str!("../../tests/fixtures/import/quiz.gift.txt");

    fn quiz() -> Imported {
        import(QUIZ, Some(Format::Gift)).unwrap()
    }

    fn skip(line: usize, reason: &str) -> Skipped {
        Skipped {
            location: format!("line {line}"),
            reason: reason.into(),
        }
    }

    #[test]
    fn fixture_imports_every_supported_feature() {
        let out = quiz();
        assert_eq!(out.format, Format::Gift);
        let summary: Vec<(&str, &str, &str)> = out
            .questions
            .iter()
            .map(|q| (q.prompt.as_str(), q.answer.as_str(), q.category.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "Which instrument has 88 keys in its standard modern form?",
                    "Piano",
                    "general"
                ),
                (
                    "How many quarter notes fill one bar of 4/4 time?",
                    "4",
                    "Music theory"
                ),
                (
                    "Which clef is also called the G clef?",
                    "Treble clef",
                    "Music theory"
                ),
                (
                    "A piece marked _____ is played fast and lively.",
                    "allegro",
                    "Music theory"
                ),
                (
                    "A sharp raises a note by a semitone.",
                    "True",
                    "Music theory"
                ),
                (
                    "A flat raises a note by a semitone.",
                    "False",
                    "Music theory"
                ),
                ("An octave spans twelve semitones.", "True", "Music theory"),
                (
                    "A natural sign cancels a sharp or a flat.",
                    "True",
                    "Music theory"
                ),
                (
                    "Which of these is written with escaped GIFT characters?",
                    "a = b",
                    "Music theory"
                ),
                (
                    "Which **dynamic** marking means very soft?",
                    "pianissimo",
                    "Music theory"
                ),
                (
                    "Which composer wrote the \"Jaws\" theme?",
                    "John Williams",
                    "Film/TV music"
                ),
                (
                    "The film \"2001: A Space Odyssey\" opens with which Strauss piece?",
                    "Also sprach Zarathustra",
                    "Film/TV music"
                ),
                (
                    "_____ scored \"The Good, the Bad and the Ugly\".",
                    "Ennio Morricone",
                    "Film/TV music"
                ),
                (
                    "Which film introduced the song \"Over the Rainbow\"? Pick one.",
                    "The Wizard of Oz",
                    "Film/TV music"
                ),
                (
                    "The _____ is the smallest bowed string instrument in an orchestra.",
                    "violin",
                    "Instruments"
                ),
                (
                    "Which of these is a brass instrument?",
                    "French horn",
                    "Instruments"
                ),
                ("Which <b>tempo</b> is the slowest?", "Largo", "Instruments"),
            ]
        );
        for q in &out.questions {
            assert_eq!(q.difficulty, Difficulty::Medium);
            assert!(question_problems(q).is_empty(), "{q:?}");
        }
    }

    #[test]
    fn fixture_distractors_and_explanations() {
        let q = quiz().questions;
        assert_eq!(q[0].distractors, ["Harpsichord", "Celesta", "Accordion"]);
        assert_eq!(q[0].explanation, "");
        assert_eq!(q[1].distractors, ["2", "8", "16"]);
        assert_eq!(
            q[1].explanation,
            "Right: four beats, one quarter note each."
        );
        assert_eq!(q[2].explanation, "It curls around the G line.");
        assert_eq!(q[3].distractors, ["largo", "lento"]);
        assert_eq!(q[4].distractors, ["False"]);
        assert_eq!(q[4].explanation, "");
        assert_eq!(q[5].distractors, ["True"]);
        assert_eq!(q[5].explanation, "It lowers it by a semitone.");
        // Moodle's order: wrong-answer feedback, then right-answer feedback.
        assert_eq!(q[6].explanation, "Yes: twelve half steps.");
        assert_eq!(
            q[8].distractors,
            ["2 # 2", "a ~ b", "{braces}", "ratio 3:4"]
        );
        assert_eq!(q[8].explanation, "The escaped = is kept; { and } too.");
        // General feedback stands in when the right answer has none.
        assert_eq!(
            q[10].explanation,
            "Williams also scored the Star Wars films."
        );
        assert_eq!(q[10].distractors, ["Bernard Herrmann", "Jerry Goldsmith"]);
        // A wrong answer's feedback is not the explanation.
        assert_eq!(q[11].explanation, "");
        assert_eq!(q[11].distractors, ["The Blue Danube", "Radetzky March"]);
        assert_eq!(q[15].distractors, ["Oboe", "Bassoon"]);
    }

    #[test]
    fn fixture_skips_what_cannot_be_played() {
        assert_eq!(
            quiz().skipped,
            [
                skip(63, "not a question: no answer block {…} (a description?)"),
                skip(
                    65,
                    "short-answer question (only = answers, no ~ wrong answers)"
                ),
                skip(
                    66,
                    "short-answer question (only = answers, no ~ wrong answers)"
                ),
                skip(67, "matching question (->): not multiple choice"),
                skip(68, "numerical question ({#…}): not multiple choice"),
                skip(
                    69,
                    "partial-credit weight %50% on an answer: a one-right-answer game cannot score it"
                ),
                skip(70, "essay question ({}): no answers to choose from"),
                skip(71, "distractors has 6 wrong answers; the most is 5"),
                skip(72, "same prompt as line 18"),
                skip(73, "2 right (=) answers; a question needs exactly one"),
                skip(74, "no right (=) answer"),
                skip(
                    75,
                    "answer block text \"three\" is not an answer (answers start with = or ~)"
                ),
                skip(77, "answer block { on line 77 is not closed"),
            ]
        );
    }

    #[test]
    fn categories_take_the_last_segment() {
        assert_eq!(category_name(" $course$/top/Music theory "), "Music theory");
        assert_eq!(category_name("$module$/Quiz/Strings"), "Strings");
        assert_eq!(category_name("$system$/top"), DEFAULT_CATEGORY);
        assert_eq!(category_name("$course$/"), DEFAULT_CATEGORY);
        assert_eq!(category_name("Film//TV"), "Film/TV");
        assert_eq!(category_name("Jazz"), "Jazz");
    }

    #[test]
    fn escapes_and_unescaped_search() {
        assert_eq!(
            unescape(r"a\~b\=c\#d\{e\}f\:g\\h\nI\q\"),
            "a~b=c#d{e}f:g\\h\nI\\q\\"
        );
        assert_eq!(find_unescaped(r"\{ {", 0, "{"), Some(3));
        assert_eq!(find_unescaped(r"\\{", 0, "{"), Some(2));
        assert_eq!(find_unescaped("é{", 1, "{"), None);
        assert_eq!(find_unescaped("é{", 2, "{"), Some(2));
    }

    #[test]
    fn missing_word_and_title_details() {
        let out = import(
            "::T::[plain]{=Bach ~Handel} wrote the Goldberg Variations.",
            None,
        )
        .unwrap();
        assert_eq!(
            out.questions[0].prompt,
            "_____ wrote the Goldberg Variations."
        );
        let out = import("Q? {=a ~b}\n::Next:: R? {=c ~d}\n", None).unwrap();
        assert_eq!(out.questions.len(), 2);
        assert_eq!(out.questions[1].prompt, "R?");
        let out = import("::Unclosed title Q? {=a ~b}", Some(Format::Gift)).unwrap();
        assert_eq!(out.skipped, [skip(1, "title ::… is not closed")]);
        let out = import("A {=a ~b} and {=c ~d}", Some(Format::Gift)).unwrap();
        assert_eq!(
            out.skipped,
            [skip(1, "more than one answer block {…} in one question")]
        );
    }

    #[test]
    fn weights_of_100_are_right_answers_and_others_are_partial() {
        let out = import("Q? {=%100%a ~b}", None).unwrap();
        assert_eq!(out.questions[0].answer, "a");
        let out = import("Q? {=a ~%0%b}", None).unwrap();
        assert!(
            out.skipped[0]
                .reason
                .starts_with("partial-credit weight %0%")
        );
        // Not a weight: kept as text.
        let out = import("Q? {=%abc% off ~none}", None).unwrap();
        assert_eq!(out.questions[0].answer, "%abc% off");
    }

    #[test]
    fn a_stray_closing_brace_skips_the_question() {
        let out = import("Q1? {=a ~b}}", Some(Format::Gift)).unwrap();
        assert!(out.questions.is_empty());
        let stray = |question: usize, brace: usize| {
            skip(
                question,
                &format!(
                    "unbalanced }} on line {brace} outside an answer block (write \\}} for a literal one)"
                ),
            )
        };
        assert_eq!(out.skipped, [stray(1, 1)]);
        // Before the block, after it on a later line, and between one-line
        // questions; the question after it still imports.
        let text = "::T::\nQ} {=a ~b}\n\nR? {=a ~b}\nmore }\n\nS? {=a ~b} }\nU? {=c ~d}\n";
        let out = import(text, Some(Format::Gift)).unwrap();
        assert_eq!(out.skipped, [stray(1, 2), stray(4, 5), stray(7, 7)]);
        assert_eq!(out.questions.len(), 1);
        assert_eq!(out.questions[0].prompt, "U?");
        // An escaped brace is text.
        let out = import("Q1? {=a ~b} \\} more", Some(Format::Gift)).unwrap();
        assert_eq!(out.questions[0].prompt, "Q1? _____ } more");
    }

    #[test]
    fn a_category_with_a_control_character_is_reported_once() {
        let text = "$CATEGORY: $course$/Mu\x1bsic\n\nQ1? {=a ~b}\n\nQ2? {=c ~d}\n\n$CATEGORY: Jazz\nQ3? {=e ~f}\n";
        let out = import(text, Some(Format::Gift)).unwrap();
        assert_eq!(
            out.skipped,
            [skip(
                1,
                "category \"Mu\\u{1b}sic\" holds a control character; questions after it use general"
            )]
        );
        let categories: Vec<&str> = out.questions.iter().map(|q| q.category.as_str()).collect();
        assert_eq!(categories, [DEFAULT_CATEGORY, DEFAULT_CATEGORY, "Jazz"]);
    }

    #[test]
    fn text_without_braces_is_not_gift() {
        let err = import("Which?\nA) x\nB) y\n", Some(Format::Gift)).unwrap_err();
        assert!(err.message.contains("no answer block"), "{err}");
        let out = import("// only a comment\n\n$CATEGORY: x\n", Some(Format::Gift)).unwrap();
        assert!(out.questions.is_empty() && out.skipped.is_empty());
    }
}
