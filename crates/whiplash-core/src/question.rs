//! A multiple-choice question and a bank of them: the format `generate`
//! writes and custom banks use.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;

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
    append_normal(text, out);
}

/// Appends the [`normalize`]d form of `text` to `out`.
fn append_normal(text: &str, out: &mut String) {
    if text.is_ascii() {
        append_ascii_normal(text, out);
        return;
    }
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    // Each whitespace-separated word lower-cased, then composed (NFC):
    // lowering can decompose. Most text is composed already, which a quick
    // check of the whole tells (and then each word is); only text it
    // doubts is composed word by word. The ASCII bytes between other
    // characters are taken as bytes.
    let start = out.len();
    let bytes = text.as_bytes();
    let (mut gap, mut started) = (false, false);
    // Where the first character lowered from beyond ASCII went: ASCII
    // before it is composed, and the quick check starts there.
    let mut wide = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let c = if b.is_ascii() {
            i += 1;
            char::from(b)
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            i += c.len_utf8();
            c
        };
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        if gap && started {
            out.push(' ');
        }
        gap = false;
        started = true;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            wide.get_or_insert(out.len());
            out.extend(c.to_lowercase());
        }
    }
    let composed = wide.is_none_or(|at| is_nfc_quick(out[at..].chars()) == IsNormalized::Yes);
    if composed {
        return;
    }
    out.truncate(start);
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lowered: String = word.chars().flat_map(char::to_lowercase).collect();
        out.extend(lowered.nfc());
    }
}

/// Appends [`ascii_normal`]`(text)` to `out`.
fn append_ascii_normal(text: &str, out: &mut String) {
    let b = text.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return;
    };
    // Most text is spaced plainly already: no whitespace but single spaces
    // between words. Its normal form is then its lower case, which a
    // branch-free pass tells.
    let space = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    let odd = b.iter().zip(&b[1..]).fold(false, |odd, (&x, &y)| {
        odd | matches!(x, b'\t'..=b'\r') | (x == b' ' && y == b' ')
    });
    if !odd && !space(first) && !space(last) {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
        return;
    }
    let mut gap = false;
    let mut started = false;
    for b in text.bytes() {
        if matches!(b, b'\t'..=b'\r' | b' ') {
            gap = true;
            continue;
        }
        if gap && started {
            out.push(' ');
        }
        gap = false;
        started = true;
        out.push(char::from(b.to_ascii_lowercase()));
    }
}

/// The texts of one question, each [`normalize`]d once into one buffer:
/// what the checks of a question compare ([`crate::bank::rules`],
/// [`crate::form`]), built without allocating once its buffers have grown
/// to the largest question. Their words ([`Folded::words`]) are read from
/// that form as they are needed, never gathered.
#[derive(Debug, Default, Clone)]
pub struct Folded {
    buf: String,
    /// Per text: its normalised form in `buf`, and whether that is ASCII.
    texts: Vec<(Range<usize>, bool)>,
}

impl Folded {
    /// The index of a question's prompt, folded by [`Folded::question`].
    pub const PROMPT: usize = 0;
    /// The index of its answer.
    pub const ANSWER: usize = 1;

    /// The index of its distractor `i`.
    pub const fn distractor(i: usize) -> usize {
        2 + i
    }

    /// Folds a question's texts, and only them: its prompt, its answer and
    /// its distractors, in that order.
    pub fn question<S: AsRef<str>>(&mut self, prompt: &str, answer: &str, distractors: &[S]) {
        self.clear();
        self.push(prompt);
        self.push(answer);
        for d in distractors {
            self.push(d.as_ref());
        }
    }

    /// Empty, its buffers kept.
    pub fn clear(&mut self) {
        self.buf.clear();
        self.texts.clear();
    }

    /// Folds `text` after the ones already there; returns its index.
    pub fn push(&mut self, text: &str) -> usize {
        let start = self.buf.len();
        append_normal(text, &mut self.buf);
        // Lowering can make ASCII of other text (the Kelvin sign).
        let ascii = text.is_ascii() || self.buf[start..].is_ascii();
        self.texts.push((start..self.buf.len(), ascii));
        self.texts.len() - 1
    }

    /// How many texts are folded.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// The normalised form of text `i` ([`normalize`]).
    pub fn normal(&self, i: usize) -> &str {
        &self.buf[self.texts[i].0.clone()]
    }

    /// The words of text `i` ([`crate::form::words`]).
    pub fn words(&self, i: usize) -> Words<'_> {
        let (range, ascii) = &self.texts[i];
        Words {
            text: &self.buf[range.clone()],
            ascii: *ascii,
        }
    }
}

/// The words of one folded text: its normalised form's runs of letters and
/// digits, found as they are read.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    text: &'a str,
    ascii: bool,
}

impl<'a> Words<'a> {
    /// How many there are.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// Word `k`, if there is one.
    pub fn get(&self, k: usize) -> Option<&'a str> {
        self.iter().nth(k)
    }

    pub fn iter(&self) -> WordIter<'a> {
        WordIter {
            text: self.text,
            at: 0,
            ascii: self.ascii,
        }
    }

    /// Whether one of the words is `word`: a place where `word` stands
    /// with no letter or digit on either side, found without reading the
    /// words one by one.
    pub fn contains(&self, word: &str) -> bool {
        if word.is_empty() || !word.chars().all(char::is_alphanumeric) {
            // No word holds anything else.
            return false;
        }
        // Most words are not in the text at all, which a quick search
        // tells; only where one is are its sides looked at.
        if !self.text.contains(word) {
            return false;
        }
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let first = word.chars().next().unwrap_or_default();
        let mut from = 0;
        while let Some(found) = self.text[from..].find(first) {
            let at = from + found;
            if self.text[at..].starts_with(word) {
                let before = self.text[..at].chars().next_back();
                let after = self.text[at + word.len()..].chars().next();
                if !alnum(before) && !alnum(after) {
                    return true;
                }
            }
            from = at + first.len_utf8();
        }
        false
    }

    /// Whether these words hold `needle` (words) as a run.
    pub fn contains_phrase(&self, needle: &[&str]) -> bool {
        if needle.is_empty() {
            return false;
        }
        let mut at = self.iter();
        loop {
            let mut probe = at.clone();
            if needle.iter().all(|&w| probe.next() == Some(w)) {
                return true;
            }
            if at.next().is_none() {
                return false;
            }
        }
    }
}

/// The words of a [`Words`], in order.
#[derive(Debug, Clone)]
pub struct WordIter<'a> {
    text: &'a str,
    /// Where the next word may begin.
    at: usize,
    ascii: bool,
}

impl<'a> Iterator for WordIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.ascii {
            let bytes = self.text.as_bytes();
            let mut i = self.at;
            while i < bytes.len() && !bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            self.at = i;
            return (i > start).then(|| &self.text[start..i]);
        }
        let rest = &self.text[self.at..];
        let start = rest.find(char::is_alphanumeric)?;
        let len = rest[start..]
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len() - start);
        self.at += start + len;
        Some(&rest[start..start + len])
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

        /// `normalize` is its definition: each whitespace-separated word
        /// lower-cased, then composed (NFC), joined by single spaces.
        #[test]
        fn normalize_is_lower_case_then_nfc_word_by_word(text in TEXTS) {
            use unicode_normalization::UnicodeNormalization;
            let words: Vec<String> = text
                .split_whitespace()
                .map(|w| w.chars().flat_map(char::to_lowercase).collect::<String>().nfc().collect())
                .collect();
            proptest::prop_assert_eq!(normalize(&text), words.join(" "));
        }

        /// A folded question holds each text's `normalize`d form and
        /// `form::words`, whatever came before it in the buffer.
        #[test]
        fn folded_texts_are_normalized_and_cut_into_words(texts in proptest::collection::vec(TEXTS, 1..6), question: bool) {
            let mut folded = Folded::default();
            folded.question("left over", "from another", &["question"]);
            folded.clear();
            if question && texts.len() >= 2 {
                folded.question(&texts[0], &texts[1], &texts[2..]);
            } else {
                for t in &texts {
                    folded.push(t);
                }
            }
            proptest::prop_assert_eq!(folded.len(), texts.len());
            for (i, t) in texts.iter().enumerate() {
                proptest::prop_assert_eq!(folded.normal(i), normalize(t));
                let words: Vec<&str> = folded.words(i).iter().collect();
                proptest::prop_assert_eq!(&words, &crate::form::words(t));
                proptest::prop_assert_eq!(folded.words(i).len(), words.len());
                for (k, w) in words.iter().enumerate() {
                    proptest::prop_assert_eq!(folded.words(i).get(k), Some(*w));
                    proptest::prop_assert!(folded.words(i).contains(w));
                }
            }
        }

        /// A word is found in place exactly when it is one of the words.
        #[test]
        fn a_word_is_found_where_it_is_one(text in TEXTS, probe in "[aZ9 .\u{e9}\u{c9}\u{301}k]{0,3}") {
            let mut folded = Folded::default();
            folded.push(&text);
            let words = crate::form::words(&text);
            proptest::prop_assert_eq!(folded.words(0).contains(&probe), words.contains(&probe));
        }
    }

    /// Texts to fold: ASCII letters, digits, punctuation and whitespace,
    /// composed and combining accents, a no-break space, and letters whose
    /// lower case is ASCII or decomposes (the Kelvin sign, dotted capital I).
    const TEXTS: &str =
        "[aZ9 .,'&()\t\n\u{b}\u{c}\r\u{a0}\u{e9}\u{c9}\u{301}\u{212a}\u{130}\u{1e9e}]{0,12}";

    #[test]
    fn words_and_phrases_are_found_whole() {
        let mut folded = Folded::default();
        folded.question("Who played the long solo?", "Long  SOLO", &["solo-ist"]);
        let prompt = folded.words(Folded::PROMPT);
        assert!(prompt.contains("solo"));
        assert!(!prompt.contains("sol"));
        assert!(!prompt.contains("solo?"));
        assert!(!prompt.contains(""));
        assert!(folded.words(Folded::distractor(0)).contains("ist"));
        assert!(prompt.contains_phrase(&["long", "solo"]));
        assert!(!prompt.contains_phrase(&["solo", "long"]));
        assert!(!prompt.contains_phrase(&[]));
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
