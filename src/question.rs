//! A multiple-choice question and a bank of them: the format `generate`
//! writes and custom banks use.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How hard a question is; harder questions score more.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    /// The difficulty of a bank question that gives none.
    #[default]
    Medium,
    Hard,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard];

    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }
}

impl fmt::Display for Difficulty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The category of a bank question that names none.
pub const DEFAULT_CATEGORY: &str = "general";

/// One question: a prompt, its one right answer and the wrong ones.
///
/// In a bank file `category`, `difficulty` and `explanation` may be left out;
/// [`crate::bank`] checks a file and fills in the defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub prompt: String,
    pub answer: String,
    pub distractors: Vec<String>,
    pub category: String,
    pub difficulty: Difficulty,
    /// Empty when the bank gives none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub explanation: String,
    /// What a generated question knows about itself; empty for bank
    /// questions. Never written to or read from a bank file.
    #[serde(skip)]
    pub meta: Meta,
}

/// What a generated question tests and what it gives away, for the deal
/// planner ([`crate::plan`]), and how its choices are ordered.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// The question unit that made it, such as `crew`.
    pub unit: &'static str,
    /// The facts it asks about, as keys such as `premiere.date`. Two
    /// questions that share a fact never meet in one game.
    pub facts: Vec<String>,
    /// The facts its prompt and explanation print. A question is never
    /// dealt after one that shows one of its facts.
    pub shows: Vec<String>,
    /// For number, year, date and month answers: each choice's value,
    /// the answer's first and then the distractors' in order, so that the
    /// choices can be shown in ascending order.
    pub values: Vec<f64>,
    /// Set while the question is still to be settled: its wrong choices
    /// drawn and its form checked, which is left until it is dealt, since a
    /// game deals few of the questions a record gives
    /// ([`crate::generate::settle`]). A question played or written out is
    /// always settled.
    pub unsettled: Option<Unsettled>,
}

impl Eq for Meta {}

/// What settling a generated question still has to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Unsettled {
    /// Names to draw its three wrong choices from, if they are still to be
    /// drawn.
    pub names: Option<Vec<String>>,
    /// The seed of that draw, taken from the game's rng when the question
    /// was made, so that a question draws the same choices whenever (and
    /// whether or not) the others are settled.
    pub seed: u64,
}

/// A list of questions, perhaps titled: the bank file format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bank {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub questions: Vec<Question>,
}

/// The form two texts are compared in: Unicode NFC (so "é" composed and
/// "e" with a combining accent are one letter), trimmed, inner whitespace
/// folded, no case.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// [`normalize`], written into `out` (cleared first), so a hot loop can
/// reuse one buffer. Character by character, so that every comparison in
/// the game, allocating or not, agrees on what equal means.
pub fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.extend(ascii_normal(text).map(char::from));
        return;
    }
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        use unicode_normalization::UnicodeNormalization;
        // Lower case first, then compose: lowering can decompose.
        let lowered: String = word.chars().flat_map(char::to_lowercase).collect();
        out.extend(lowered.nfc());
    }
}

/// Whether two texts are equal once normalised ([`normalize`]), without
/// building either for plain ASCII.
pub fn same(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        ascii_normal(a).eq(ascii_normal(b))
    } else {
        normalize(a) == normalize(b)
    }
}

/// The bytes of [`normalize`]d ASCII text, made as they are read: lower
/// case, runs of whitespace as one space, none at either end.
fn ascii_normal(text: &str) -> impl Iterator<Item = u8> + '_ {
    // ASCII's whitespace to Unicode (and to `split_whitespace`): tab, line
    // feed, vertical tab, form feed, carriage return and space.
    let space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let mut bytes = text.bytes().peekable();
    let mut started = false;
    std::iter::from_fn(move || {
        let mut gap = false;
        while let Some(&b) = bytes.peek() {
            if !space(b) {
                break;
            }
            gap = true;
            bytes.next();
        }
        let b = bytes.peek().copied()?;
        if gap && started {
            // The space before this word; the word's byte comes next call.
            return Some(b' ');
        }
        bytes.next();
        started = true;
        Some(b.to_ascii_lowercase())
    })
}

/// A text as a key that compares and hashes as its normalised form
/// ([`normalize`], [`same`]), without building that form for plain ASCII.
#[derive(Debug, Clone, Copy)]
pub struct Key<'a>(pub &'a str);

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        same(self.0, other.0)
    }
}

impl Eq for Key<'_> {}

impl std::hash::Hash for Key<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // The bytes of the normalised form, as hashing `normalize(text)`
        // would feed them: gathered in a buffer on the stack, written a
        // bufferful at a time (any chunks hash alike).
        let mut buf = [0u8; 128];
        let mut len = 0;
        let mut put = |b: u8, state: &mut H| {
            if len == buf.len() {
                state.write(&buf);
                len = 0;
            }
            buf[len] = b;
            len += 1;
        };
        if self.0.is_ascii() {
            for b in ascii_normal(self.0) {
                put(b, state);
            }
        } else {
            for b in normalize(self.0).bytes() {
                put(b, state);
            }
        }
        state.write(&buf[..len]);
        state.write_u8(0xff);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Keys are equal exactly when the normalised texts are, and equal
        /// keys hash alike.
        #[test]
        fn keys_agree_with_normalize(a in "[aAbB \u{e9}\u{c9}\u{301}\t\n\r\u{b}\u{c}]{0,10}", b in "[aAbB \u{e9}\u{c9}\u{301}\t\n\r\u{b}\u{c}]{0,10}") {
            use std::hash::BuildHasher;
            let equal = normalize(&a) == normalize(&b);
            proptest::prop_assert_eq!(Key(&a) == Key(&b), equal);
            let h = std::collections::hash_map::RandomState::new();
            if equal {
                proptest::prop_assert_eq!(h.hash_one(Key(&a)), h.hash_one(Key(&b)));
            }
        }
    }

    #[test]
    fn normalize_folds_case_and_space() {
        assert_eq!(normalize("  New   Orleans "), normalize("new orleans"));
        assert_ne!(normalize("New Orleans"), normalize("New York"));
    }

    #[test]
    fn normalize_composes_accents() {
        // "é" composed, and "e" followed by a combining acute accent.
        assert_eq!(
            normalize("L\u{e9}a  Fontaine"),
            normalize("le\u{301}a fontaine")
        );
        assert_ne!(normalize("Lea Fontaine"), normalize("Léa Fontaine"));
    }

    #[test]
    fn difficulty_round_trips_as_lowercase() {
        let json = serde_json::to_string(&Difficulty::Hard).unwrap();
        assert_eq!(json, "\"hard\"");
        let back: Difficulty = serde_json::from_str("\"easy\"").unwrap();
        assert_eq!(back, Difficulty::Easy);
    }
}
