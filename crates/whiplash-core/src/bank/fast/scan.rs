//! A question read straight from its text when it is written plainly: an
//! object of known fields, each once, whose values are strings with no
//! escape, a list of them, or null, spaced with JSON's whitespace. That is
//! how nearly every bank is written, and reading it so skips the general
//! machinery of a JSON reader. Anything else, from an escape to a number,
//! is left to serde, which reads every JSON document: this reader only has
//! to agree with it on what it takes itself (a test in `super` checks that
//! it does).

use super::{Fast, Text, Texts};
use crate::question::Difficulty;
use std::borrow::Cow;

/// What reading a question at the start of a text found. Returned once a
/// question and read at once: boxing the question would cost an
/// allocation a question, which is what it is kept in place to save.
#[allow(clippy::large_enum_variant)]
pub(super) enum Scan<'a> {
    /// The question, and how many bytes it took: as serde would read it.
    Done(Fast<'a>, usize),
    /// The text ends inside it.
    More,
    /// Something this reader leaves to serde.
    Doubt,
}

/// Why reading stopped.
enum Stop {
    More,
    Doubt,
}

/// The question at the start of `text` (after any whitespace), if it is
/// written plainly.
pub(super) fn question(text: &str) -> Scan<'_> {
    let mut at = Cursor {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    match at.question() {
        Ok(q) => Scan::Done(q, at.at),
        Err(Stop::More) => Scan::More,
        Err(Stop::Doubt) => Scan::Doubt,
    }
}

struct Cursor<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    /// The next byte after whitespace, not taken.
    fn peek(&mut self) -> Result<u8, Stop> {
        while let Some(&b) = self.bytes.get(self.at) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Ok(b);
            }
            self.at += 1;
        }
        Err(Stop::More)
    }

    /// Takes `b`, the next byte after whitespace.
    fn eat(&mut self, b: u8) -> Result<(), Stop> {
        if self.peek()? != b {
            return Err(Stop::Doubt);
        }
        self.at += 1;
        Ok(())
    }

    /// A string with no escape and no control character (which JSON
    /// forbids in a string): its text.
    fn string(&mut self) -> Result<&'a str, Stop> {
        self.eat(b'"')?;
        let start = self.at;
        let rest = &self.bytes[start..];
        let len = string_end(rest).ok_or(Stop::More)?;
        if rest[len] != b'"' {
            return Err(Stop::Doubt);
        }
        self.at = start + len + 1;
        // Both ends are next to a quote, which is ASCII.
        Ok(&self.text[start..start + len])
    }

    /// `null`, if it is next: true; false if something else is.
    fn null(&mut self) -> Result<bool, Stop> {
        if self.peek()? != b'n' {
            return Ok(false);
        }
        let rest = &self.bytes[self.at..];
        let n = rest.len().min(4);
        if rest[..n] != b"null"[..n] {
            return Err(Stop::Doubt);
        }
        if n < 4 {
            return Err(Stop::More);
        }
        self.at += 4;
        Ok(true)
    }

    /// A string, or null.
    fn optional(&mut self) -> Result<Option<&'a str>, Stop> {
        if self.null()? {
            return Ok(None);
        }
        self.string().map(Some)
    }

    /// A list of strings.
    fn strings(&mut self) -> Result<Texts<'a>, Stop> {
        self.eat(b'[')?;
        let mut list = Texts::new();
        if self.peek()? == b']' {
            self.at += 1;
            return Ok(list);
        }
        loop {
            list.push(text(self.string()?));
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Ok(list);
                }
                _ => return Err(Stop::Doubt),
            }
        }
    }

    fn question(&mut self) -> Result<Fast<'a>, Stop> {
        self.eat(b'{')?;
        let mut prompt = None;
        let mut answer = None;
        let mut distractors = None;
        // Optional fields: absent, or present and perhaps null.
        let mut category: Option<Option<&'a str>> = None;
        let mut difficulty: Option<Option<Difficulty>> = None;
        let mut explanation: Option<Option<&'a str>> = None;
        if self.peek()? != b'}' {
            loop {
                let key = self.string()?;
                // A field named twice, or one that is not a field, is
                // refused as soon as it is named, as serde does.
                let twice = match key {
                    "prompt" => prompt.is_some(),
                    "answer" => answer.is_some(),
                    "distractors" => distractors.is_some(),
                    "category" => category.is_some(),
                    "difficulty" => difficulty.is_some(),
                    "explanation" => explanation.is_some(),
                    _ => true,
                };
                if twice {
                    return Err(Stop::Doubt);
                }
                self.eat(b':')?;
                match key {
                    "prompt" => prompt = Some(self.string()?),
                    "answer" => answer = Some(self.string()?),
                    "distractors" => distractors = Some(self.strings()?),
                    "category" => category = Some(self.optional()?),
                    "explanation" => explanation = Some(self.optional()?),
                    _ => {
                        difficulty = Some(match self.optional()? {
                            None => None,
                            Some("easy") => Some(Difficulty::Easy),
                            Some("medium") => Some(Difficulty::Medium),
                            Some("hard") => Some(Difficulty::Hard),
                            Some(_) => return Err(Stop::Doubt),
                        })
                    }
                }
                match self.peek()? {
                    b',' => self.at += 1,
                    b'}' => break,
                    _ => return Err(Stop::Doubt),
                }
            }
        }
        self.at += 1;
        let (Some(prompt), Some(answer), Some(distractors)) = (prompt, answer, distractors) else {
            return Err(Stop::Doubt);
        };
        Ok(Fast {
            prompt: text(prompt),
            answer: text(answer),
            distractors,
            category: category.flatten().map(text),
            difficulty: difficulty.flatten(),
            explanation: explanation.flatten().map(text),
        })
    }
}

/// Where the first quote, backslash or control character is in `bytes`:
/// eight bytes at a time, each byte that is one setting its high bit in a
/// mask (the lowest set bit is always a byte that is one).
fn string_end(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
    let equal = |x: u64, b: u8| below(x ^ (ONES * u64::from(b)), 1);
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let found = equal(x, b'"') | equal(x, b'\\') | below(x, 0x20);
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let tail = chunks.remainder();
    tail.iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .map(|i| at + i)
}

fn text(s: &str) -> Text<'_> {
    Text(Cow::Borrowed(s))
}

#[cfg(test)]
mod tests {
    use super::super::{Step, read_value};
    use super::*;
    use proptest::prelude::*;

    /// A string as a bank writes it, now and then with an escape or a raw
    /// control character.
    fn string() -> impl Strategy<Value = String> {
        prop_oneof![
            40 => "[a-zA-Z0-9 ?é\u{7f}\u{200e}]{0,8}".prop_map(|s| format!("\"{s}\"")),
            1 => Just(r#""say \"hi\"""#.to_owned()),
            1 => Just(r#""caf\u00e9""#.to_owned()),
            1 => Just("\"tab\there\"".to_owned()),
        ]
    }

    /// A value as a bank might write it, or might not.
    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => string(),
            1 => Just("null".to_owned()),
            1 => Just("nul".to_owned()),
            1 => Just("5".to_owned()),
            1 => Just("true".to_owned()),
            1 => Just("{}".to_owned()),
            1 => list(),
        ]
    }

    fn list() -> impl Strategy<Value = String> {
        prop_oneof![
            30 => proptest::collection::vec(string(), 0..4).prop_map(|l| format!("[{}]", l.join(", "))),
            1 => Just(r#"["a", 1]"#.to_owned()),
            1 => Just(r#"["a",]"#.to_owned()),
            1 => Just(r#"["a" "b"]"#.to_owned()),
            1 => Just("null".to_owned()),
        ]
    }

    fn optional() -> impl Strategy<Value = String> {
        prop_oneof![12 => string(), 4 => Just("null".to_owned()), 1 => value()]
    }

    fn level() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => Just("\"easy\""), 6 => Just("\"medium\""), 6 => Just("\"hard\""),
            6 => Just("null"), 1 => Just("\"Hard\""), 1 => Just("3"),
        ]
        .prop_map(str::to_owned)
    }

    fn space() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            Just(""),
            Just(" "),
            Just("\n    "),
            Just("\t"),
            Just("\r\n")
        ]
    }

    /// The fields of a question, each perhaps left out, in any order, now
    /// and then with one that is not a field or is named twice.
    fn fields() -> impl Strategy<Value = Vec<(String, String)>> {
        (
            (
                proptest::option::weighted(0.97, prop_oneof![20 => string(), 1 => value()]),
                proptest::option::weighted(0.97, prop_oneof![20 => string(), 1 => value()]),
                proptest::option::weighted(0.97, prop_oneof![20 => list(), 1 => value()]),
            ),
            (
                proptest::option::of(optional()),
                proptest::option::of(level()),
                proptest::option::of(optional()),
            ),
            proptest::option::weighted(
                0.1,
                (
                    prop_oneof![
                        Just("colour"),
                        Just(r"pr\u006fmpt"),
                        Just("Prompt"),
                        Just("prompt"),
                        Just("category"),
                        Just("difficulty"),
                    ],
                    value(),
                ),
            ),
        )
            .prop_map(|((p, a, d), (c, l, e), extra)| {
                let named = [
                    ("prompt", p),
                    ("answer", a),
                    ("distractors", d),
                    ("category", c),
                    ("difficulty", l),
                    ("explanation", e),
                ];
                let mut fields: Vec<(String, String)> = named
                    .into_iter()
                    .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
                    .collect();
                fields.extend(extra.map(|(k, v)| (k.to_owned(), v)));
                fields
            })
            .prop_shuffle()
    }

    proptest! {
        /// Eight bytes at a time find the end a byte at a time finds.
        #[test]
        fn a_string_ends_where_it_ends(bytes in proptest::collection::vec(prop_oneof![
            8 => 0x20u8..=0xff, 1 => Just(b'"'), 1 => Just(b'\\'), 1 => 0u8..0x20,
        ], 0..40)) {
            let slow = bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            prop_assert_eq!(string_end(&bytes), slow);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Whatever this reader takes, serde takes the same way, to the
        /// same byte; where it runs out of text, so does serde.
        #[test]
        fn what_it_takes_serde_takes_alike(
            fields in fields(),
            spaces in proptest::collection::vec(space(), 4),
            after in prop_oneof![Just(""), Just(", {"), Just("]"), Just(" x")],
            cut in any::<proptest::sample::Index>(),
            truncate in proptest::bool::weighted(0.3),
        ) {
            let [s1, s2, s3, s4] = [spaces[0], spaces[1], spaces[2], spaces[3]];
            let parts: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{s1}\"{k}\"{s2}:{s3}{v}{s4}"))
                .collect();
            let mut text = format!("{s1}{{{}}}{after}", parts.join(","));
            if truncate {
                let mut at = cut.index(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.truncate(at);
            }
            let theirs = read_value::<Fast>(&text);
            match (question(&text), theirs) {
                (Scan::Done(q, n), Step::Done(r, m)) => {
                    prop_assert_eq!(q, r);
                    prop_assert_eq!(n, m);
                }
                (Scan::Done(..), _) => prop_assert!(false, "taken, but not by serde: {}", text),
                (Scan::More, Step::More) | (Scan::Doubt, _) => {}
                (Scan::More, _) => prop_assert!(false, "ran out, but serde did not: {}", text),
            }
        }
    }
}
