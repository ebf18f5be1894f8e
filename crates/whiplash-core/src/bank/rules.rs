//! The rules a question must pass, in one place. The careful parser words
//! each fault with its place, the fast pass stops at the first one, and
//! [`question_problems`] words them for a question already typed (the
//! importers and the review of saved misses use it): all three run the
//! functions below, so they cannot disagree on what is valid.

use crate::question::{Folded, Question, same};
use crate::text::escape_controls;
use std::ops::ControlFlow;

/// The longest text a field may hold, in bytes.
pub const MAX_TEXT_BYTES: usize = 4096;

/// How many wrong answers a question may have.
pub const MAX_DISTRACTORS: usize = 5;

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

/// What can be wrong with one text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFault {
    /// It holds this control character.
    Control(char),
    /// It is empty or only whitespace.
    Blank,
    /// It is this many bytes long, over [`MAX_TEXT_BYTES`].
    TooLong(usize),
}

/// The first fault of a text field, if any: a control character, then
/// blankness, then length.
pub fn text_fault(text: &str) -> Option<TextFault> {
    // A control character is a byte below 0x20, DEL, or (from U+0080 to
    // U+009F) 0xC2 and a byte after it: text with none of those three
    // bytes, which one branch-free pass tells, has none.
    let suspect = suspect_bytes(text.as_bytes());
    let control = if !suspect {
        None
    } else if text.is_ascii() {
        text.bytes()
            .find(|&b| b < 0x20 || b == 0x7f)
            .map(char::from)
    } else {
        text.chars().find(|&c| crate::text::is_control(c))
    };
    if let Some(c) = control {
        return Some(TextFault::Control(c));
    }
    // A text that starts with a printable ASCII character other than the
    // space is not blank.
    let printed = text
        .as_bytes()
        .first()
        .is_some_and(|b| (0x21..0x7f).contains(b));
    if !printed && text.trim().is_empty() {
        return Some(TextFault::Blank);
    }
    if text.len() > MAX_TEXT_BYTES {
        return Some(TextFault::TooLong(text.len()));
    }
    None
}

/// Whether `bytes` hold a byte below 0x20, DEL or 0xC2: eight bytes at a
/// time, each test true of a word exactly when it is of one of its bytes.
fn suspect_bytes(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
    let equal = |x: u64, b: u8| below(x ^ (ONES * u64::from(b)), 1);
    let suspect = |x: u64| below(x, 0x20) | equal(x, 0x7f) | equal(x, 0xc2) != 0;
    let mut chunks = bytes.chunks_exact(8);
    let mut found = false;
    for chunk in &mut chunks {
        found |= suspect(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
    }
    // The rest, made up to eight with a byte that is none of them.
    let mut last = [b'a'; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    found | suspect(u64::from_le_bytes(last))
}

/// What is wrong with one text field, in words: `what` names it, and an
/// `optional` field is told it may be left out instead of empty.
pub fn text_problem(what: &str, text: &str, optional: bool) -> Option<String> {
    Some(match text_fault(text)? {
        TextFault::Control(c) => format!(
            "{what} holds the control character {} in {}",
            escape_controls(&c.to_string()),
            quoted(text)
        ),
        TextFault::Blank if optional => format!("{what} is empty; leave it out instead"),
        TextFault::Blank => format!("{what} is empty"),
        TextFault::TooLong(n) => format!("{what} is {n} bytes long; the limit is {MAX_TEXT_BYTES}"),
    })
}

/// What can be wrong with a question's wrong answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DistractorFault {
    /// There are none.
    Empty,
    /// There are this many, over [`MAX_DISTRACTORS`].
    TooMany(usize),
    /// Distractor `i` has a fault as text.
    Text(usize, TextFault),
    /// Distractor `i` is the answer.
    IsAnswer(usize),
    /// Distractor `i` repeats distractor `j`.
    Repeats(usize, usize),
}

/// Every fault of `distractors` against `answer`, in order, given to
/// `found` until it breaks. Too many stops the check: comparing every pair
/// of a huge list would be quadratic, and the count already refuses it.
pub fn distractor_faults<S: AsRef<str>>(
    answer: &str,
    distractors: &[S],
    found: impl FnMut(DistractorFault) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let text = |i: usize| match i {
        0 => answer,
        _ => distractors[i - 1].as_ref(),
    };
    distractor_faults_by(answer, distractors, |a, b| same(text(a), text(b)), found)
}

/// [`distractor_faults`], comparing texts by `same(a, b)`, which says
/// whether texts `a` and `b` are [`same`]: 0 is the answer, `i + 1`
/// distractor `i`.
fn distractor_faults_by<S: AsRef<str>>(
    answer: &str,
    distractors: &[S],
    same: impl Fn(usize, usize) -> bool,
    mut found: impl FnMut(DistractorFault) -> ControlFlow<()>,
) -> ControlFlow<()> {
    match distractors.len() {
        0 => found(DistractorFault::Empty)?,
        n if n > MAX_DISTRACTORS => return found(DistractorFault::TooMany(n)),
        _ => {}
    }
    let answer_blank = answer.trim().is_empty();
    // Which distractors are bad as text: they are not compared.
    let mut bad = [false; MAX_DISTRACTORS];
    for (i, d) in distractors.iter().enumerate() {
        let d = d.as_ref();
        if let Some(fault) = text_fault(d) {
            bad[i] = true;
            found(DistractorFault::Text(i, fault))?;
            continue;
        }
        if !answer_blank && same(i + 1, 0) {
            found(DistractorFault::IsAnswer(i))?;
        } else if let Some(j) = (0..i).find(|&j| !bad[j] && same(j + 1, i + 1)) {
            found(DistractorFault::Repeats(i, j))?;
        }
    }
    ControlFlow::Continue(())
}

/// The problems of a question's distractors in words, each with the index
/// of the distractor it is about (`None` for the list as a whole).
pub fn distractor_problems<S: AsRef<str>>(
    answer: &str,
    distractors: &[S],
) -> Vec<(Option<usize>, String)> {
    let mut problems = Vec::new();
    let _ = distractor_faults(answer, distractors, |fault| {
        problems.push(match fault {
            DistractorFault::Empty => (
                None,
                format!(
                    "distractors is empty; a question needs 1 to {MAX_DISTRACTORS} wrong answers"
                ),
            ),
            DistractorFault::TooMany(n) => (
                None,
                format!("distractors has {n} wrong answers; the most is {MAX_DISTRACTORS}"),
            ),
            DistractorFault::Text(i, _) => (
                Some(i),
                text_problem(&format!("distractors[{i}]"), distractors[i].as_ref(), false)
                    .unwrap_or_default(),
            ),
            DistractorFault::IsAnswer(i) => (
                Some(i),
                format!("answer {} is also a distractor", quoted(answer)),
            ),
            DistractorFault::Repeats(i, j) => (
                Some(i),
                format!(
                    "distractors[{i}] {} repeats distractors[{j}]",
                    quoted(distractors[i].as_ref())
                ),
            ),
        });
        ControlFlow::Continue(())
    });
    problems
}

/// Whether a question's fields pass every rule: the fast pass's check,
/// stopping at the first fault.
#[cfg(test)]
pub fn question_ok<S: AsRef<str>>(
    prompt: &str,
    answer: &str,
    distractors: &[S],
    category: Option<&str>,
    explanation: Option<&str>,
) -> bool {
    question_ok_folded(
        prompt,
        answer,
        distractors,
        category,
        explanation,
        &mut Folded::default(),
    )
}

/// [`question_ok`], leaving the question's texts in `folded`
/// ([`Folded::question`]) when they pass: the distractors are compared
/// there, and the form checks and the prompt's key read them after.
pub fn question_ok_folded<S: AsRef<str>>(
    prompt: &str,
    answer: &str,
    distractors: &[S],
    category: Option<&str>,
    explanation: Option<&str>,
    folded: &mut Folded,
) -> bool {
    if text_fault(prompt).is_some() || text_fault(answer).is_some() {
        return false;
    }
    // A list too long to compare is refused without a look at its texts.
    if distractors.len() <= MAX_DISTRACTORS {
        folded.question(prompt, answer, distractors);
    }
    let same = |a: usize, b: usize| folded.normal(a + 1) == folded.normal(b + 1);
    distractor_faults_by(answer, distractors, same, |_| ControlFlow::Break(())).is_continue()
        && category.is_none_or(|c| text_fault(c).is_none())
        && explanation.is_none_or(|e| text_fault(e).is_none())
}

/// Everything wrong with a question that is already typed: empty or
/// overlong text, control characters, too few or too many distractors,
/// and distractors that repeat each other or the answer. Each message
/// begins with the field it is about.
pub fn question_problems(q: &Question) -> Vec<String> {
    let mut problems = Vec::new();
    problems.extend(text_problem("prompt", &q.prompt, false));
    problems.extend(text_problem("answer", &q.answer, false));
    problems.extend(
        distractor_problems(&q.answer, &q.distractors)
            .into_iter()
            .map(|(_, p)| p),
    );
    problems.extend(text_problem("category", &q.category, true));
    if !q.explanation.is_empty() {
        problems.extend(text_problem("explanation", &q.explanation, true));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::normalize;
    use proptest::prelude::*;

    /// `text_fault` as first written, three passes over the text.
    fn first_text_fault(text: &str) -> Option<TextFault> {
        let control = if text.is_ascii() {
            text.bytes()
                .find(|&b| b < 0x20 || b == 0x7f)
                .map(char::from)
        } else {
            text.chars().find(|&c| crate::text::is_control(c))
        };
        if let Some(c) = control {
            return Some(TextFault::Control(c));
        }
        if text.trim().is_empty() {
            return Some(TextFault::Blank);
        }
        if text.len() > MAX_TEXT_BYTES {
            return Some(TextFault::TooLong(text.len()));
        }
        None
    }

    proptest! {
        /// Eight bytes at a time find what one at a time finds.
        #[test]
        fn suspect_bytes_are_found(bytes in proptest::collection::vec(prop_oneof![
            8 => 0x20u8..0x7f, 1 => 0u8..0x20, 1 => Just(0x7fu8), 1 => Just(0xc2u8), 2 => 0x80u8..=0xff,
        ], 0..30)) {
            let slow = bytes.iter().any(|&b| b < 0x20 || b == 0x7f || b == 0xc2);
            prop_assert_eq!(suspect_bytes(&bytes), slow);
        }

        /// One pass finds the fault three did.
        #[test]
        fn text_fault_is_as_first_written(text in "[a \t\u{7f}\u{80}\u{85}\u{9f}\u{a0}\u{c2}\u{e9}\u{2003}]{0,6}", long: bool) {
            let text = if long { text.repeat(1000) } else { text };
            prop_assert_eq!(text_fault(&text), first_text_fault(&text));
        }

        /// The quick comparison is the comparison of normalised texts.
        #[test]
        fn same_is_equality_of_normalized_texts(a in "[aA bB\u{e9}\u{301}\t\u{b}]{0,8}", b in "[aA bB\u{e9}\u{301}\t\u{b}]{0,8}") {
            prop_assert_eq!(same(&a, &b), normalize(&a) == normalize(&b));
        }

        /// A question passes the quick check exactly when it has no
        /// problem in words.
        #[test]
        fn question_ok_is_no_problems(
            prompt in "[a \u{1b}]{0,3}",
            answer in "[ab \u{85}]{0,3}",
            distractors in proptest::collection::vec("[abB \u{7f}]{0,3}", 0..8),
            category in proptest::option::of("[a ]{0,2}"),
        ) {
            let q = Question {
                prompt: prompt.clone(),
                answer: answer.clone(),
                distractors: distractors.clone(),
                category: category.clone().unwrap_or_else(|| crate::question::DEFAULT_CATEGORY.into()),
                difficulty: Default::default(),
                explanation: String::new(),
                meta: Default::default(),
            };
            prop_assert_eq!(
                question_ok(&prompt, &answer, &distractors, category.as_deref(), None),
                question_problems(&q).is_empty()
            );
        }
    }

    #[test]
    fn each_text_fault_is_found_and_worded() {
        assert_eq!(text_fault("ok"), None);
        assert_eq!(text_fault("a\u{1b}b"), Some(TextFault::Control('\u{1b}')));
        assert_eq!(text_fault("é\u{9b}"), Some(TextFault::Control('\u{9b}')));
        assert_eq!(text_fault("  "), Some(TextFault::Blank));
        let long = "x".repeat(MAX_TEXT_BYTES + 1);
        assert_eq!(
            text_fault(&long),
            Some(TextFault::TooLong(MAX_TEXT_BYTES + 1))
        );
        assert_eq!(
            text_problem("prompt", "a\u{1b}b", false).unwrap(),
            "prompt holds the control character \\u{1b} in \"a\\u{1b}b\""
        );
        assert_eq!(
            text_problem("category", "", true).unwrap(),
            "category is empty; leave it out instead"
        );
    }

    #[test]
    fn distractor_faults_are_each_named() {
        let found = distractor_problems("Yes", &["no", " YES", "No ", ""]);
        let words: Vec<String> = found.iter().map(|(_, p)| p.clone()).collect();
        assert_eq!(
            words,
            [
                "answer \"Yes\" is also a distractor",
                "distractors[2] \"No \" repeats distractors[0]",
                "distractors[3] is empty",
            ]
        );
        assert_eq!(found[0].0, Some(1));
        let none: [&str; 0] = [];
        assert_eq!(distractor_problems("a", &none)[0].0, None);
        let many = vec!["x"; MAX_DISTRACTORS + 1];
        assert_eq!(distractor_problems("a", &many).len(), 1);
    }
}
