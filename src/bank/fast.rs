//! The fast path of [`super::parse`]: one typed pass over a bank that is
//! expected to be valid, borrowing its strings from the text and keeping
//! only what the checks across questions need.
//!
//! It gives up (returns `None`) at the first thing it does not like, from an
//! unknown field to a repeated distractor, and the careful path then parses
//! the file again to report every problem, with its place. So the rules are
//! the careful path's; this one only has to agree on what is valid, and a
//! property test in `super` checks that it does.

use super::rules::{question_ok, text_fault};
use super::{Keep, Loaded};
use crate::question::{DEFAULT_CATEGORY, Difficulty, Question, normalize, normalize_into};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// A string from the text, borrowed unless it held escapes.
struct Text<'a>(Cow<'a, str>);

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> de::Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(V(std::marker::PhantomData))
    }
}

/// One question, typed; optional fields may be absent or null.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Fast<'a> {
    #[serde(borrow)]
    prompt: Text<'a>,
    #[serde(borrow)]
    answer: Text<'a>,
    #[serde(borrow)]
    distractors: Vec<Text<'a>>,
    #[serde(borrow, default)]
    category: Option<Text<'a>>,
    #[serde(default)]
    difficulty: Option<Difficulty>,
    #[serde(borrow, default)]
    explanation: Option<Text<'a>>,
}

/// Whether a text field passes the rules.
fn fine(text: &str) -> bool {
    text_fault(text).is_none()
}

/// A fixed hash of `text` as compared.
pub(super) fn folded_hash(text: &str) -> u64 {
    hash_with(text, &mut String::new())
}

fn hash_with(text: &str, buf: &mut String) -> u64 {
    use std::hash::Hasher;
    normalize_into(text, buf);
    let mut h = std::hash::DefaultHasher::new();
    h.write(buf.as_bytes());
    h.finish()
}

/// What the pass gathers.
struct State {
    keep: Keep,
    questions: Vec<Question>,
    count: usize,
    /// Category as written → index into `categories`.
    spelled: HashMap<String, usize>,
    /// Normalised category → index into `categories`.
    normalized: HashMap<String, usize>,
    categories: Vec<(String, usize)>,
    prompts: HashSet<u64>,
    /// Scratch space for folding prompts.
    buf: String,
}

impl State {
    fn category(&mut self, name: &str) {
        let index = match self.spelled.get(name) {
            Some(&i) => i,
            None => {
                let key = normalize(name);
                let i = match self.normalized.get(&key) {
                    Some(&i) => i,
                    None => {
                        self.categories.push((name.to_owned(), 0));
                        self.normalized.insert(key, self.categories.len() - 1);
                        self.categories.len() - 1
                    }
                };
                self.spelled.insert(name.to_owned(), i);
                i
            }
        };
        self.categories[index].1 += 1;
    }

    /// Checks one question; false sends the file to the careful path.
    fn take(&mut self, q: Fast<'_>) -> bool {
        if !question_ok(
            &q.prompt.0,
            &q.answer.0,
            &q.distractors,
            q.category.as_ref().map(|c| &*c.0),
            q.explanation.as_ref().map(|e| &*e.0),
        ) {
            return false;
        }
        // An answer that stands out by its form is only a warning, which
        // the careful path words.
        let wrong: Vec<&str> = q.distractors.iter().map(|d| &*d.0).collect();
        if !crate::form::giveaways_of(&q.prompt.0, &q.answer.0, &wrong).is_empty() {
            return false;
        }
        // A repeated prompt is only a warning, which the careful path words.
        let key = hash_with(&q.prompt.0, &mut self.buf);
        if !self.prompts.insert(key) {
            return false;
        }
        self.count += 1;
        self.category(q.category.as_ref().map_or(DEFAULT_CATEGORY, |c| &c.0));
        if self.keep == Keep::Questions {
            self.questions.push(Question {
                prompt: q.prompt.0.into_owned(),
                answer: q.answer.0.into_owned(),
                distractors: q
                    .distractors
                    .into_iter()
                    .map(|d| d.0.into_owned())
                    .collect(),
                category: q
                    .category
                    .map_or_else(|| DEFAULT_CATEGORY.to_owned(), |c| c.0.into_owned()),
                difficulty: q.difficulty.unwrap_or_default(),
                explanation: q.explanation.map(|e| e.0.into_owned()).unwrap_or_default(),
                meta: Default::default(),
            });
        }
        true
    }
}

struct Questions<'a> {
    state: &'a mut State,
}

impl<'de> DeserializeSeed<'de> for Questions<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Questions<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of questions")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(q) = seq.next_element::<Fast<'de>>()? {
            if !self.state.take(q) {
                return Err(de::Error::custom("not plainly valid"));
            }
        }
        Ok(())
    }
}

struct Document<'a> {
    state: &'a mut State,
}

impl<'de> Visitor<'de> for Document<'_> {
    type Value = (Option<String>, bool);
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a bank")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut title: Option<String> = None;
        let (mut saw_title, mut saw_questions) = (false, false);
        while let Some(key) = map.next_key::<Text<'de>>()? {
            match key.0.as_ref() {
                "title" if !saw_title => {
                    saw_title = true;
                    let t: Option<Text<'de>> = map.next_value()?;
                    if let Some(t) = t {
                        if !fine(&t.0) {
                            return Err(de::Error::custom("title"));
                        }
                        title = Some(t.0.into_owned());
                    }
                }
                "questions" if !saw_questions => {
                    saw_questions = true;
                    map.next_value_seed(Questions {
                        state: &mut *self.state,
                    })?;
                }
                _ => return Err(de::Error::custom("not plainly a bank")),
            }
        }
        Ok((title, saw_questions))
    }
}

/// The bank in `text` if it is plainly valid, with no warnings; `None`
/// sends it to the careful path.
pub(super) fn parse(text: &str, keep: Keep) -> Option<Loaded> {
    let mut state = State {
        keep,
        questions: Vec::new(),
        count: 0,
        spelled: HashMap::new(),
        normalized: HashMap::new(),
        categories: Vec::new(),
        prompts: HashSet::new(),
        buf: String::new(),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let (title, saw_questions) = de.deserialize_map(Document { state: &mut state }).ok()?;
    de.end().ok()?;
    if !saw_questions || state.count == 0 {
        return None;
    }
    let mut categories = state.categories;
    categories.sort_by_cached_key(|(name, _)| normalize(name));
    Some(Loaded {
        title,
        questions: state.questions,
        count: state.count,
        categories,
        warnings: Vec::new(),
    })
}
