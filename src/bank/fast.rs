//! The fast path of [`super::parse`]: one typed pass over a bank that is
//! expected to be valid, borrowing its strings from the text and keeping
//! only what the checks across questions need.
//!
//! It gives up (returns `None`) at the first thing it does not like, from an
//! unknown field to a repeated distractor, and the careful path then parses
//! the file again to report every problem, with its place. So the rules are
//! the careful path's; this one only has to agree on what is valid, and a
//! property test in `super` checks that it does.

use super::rules::{question_ok_folded, text_fault};
use super::{Keep, Loaded};
use crate::question::{DEFAULT_CATEGORY, Difficulty, Folded, Question, normalize};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::ControlFlow;

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
    hash_normal(&normalize(text))
}

/// [`folded_hash`] of a text already normalised.
fn hash_normal(normal: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    h.write(normal.as_bytes());
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
    /// With [`Keep::Spans`]: where each question is.
    entries: Vec<Entry>,
    /// The start of the text, to place spans in it.
    base: usize,
    /// The texts of the question being checked, normalised.
    folded: Folded,
}

impl State {
    /// Counts a question of category `name`; returns the category's index.
    fn category(&mut self, name: &str) -> usize {
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
        index
    }

    /// Checks one question; false sends the file to the careful path.
    fn take(&mut self, q: Fast<'_>, span: Option<(u32, u32)>) -> bool {
        // Each text is normalised once, for every check below.
        if !question_ok_folded(
            &q.prompt.0,
            &q.answer.0,
            &q.distractors,
            q.category.as_ref().map(|c| &*c.0),
            q.explanation.as_ref().map(|e| &*e.0),
            &mut self.folded,
        ) {
            return false;
        }
        // An answer that stands out by its form is only a warning, which
        // the careful path words.
        let fair = crate::form::giveaways_in(&self.folded, &q.answer.0, &q.distractors, |_| {
            ControlFlow::Break(())
        });
        if fair.is_break() {
            return false;
        }
        // A repeated prompt is only a warning, which the careful path words.
        let key = hash_normal(self.folded.normal(Folded::PROMPT));
        if !self.prompts.insert(key) {
            return false;
        }
        self.count += 1;
        let category = self.category(q.category.as_ref().map_or(DEFAULT_CATEGORY, |c| &c.0));
        match (self.keep, span) {
            (Keep::Questions, _) => self.questions.push(owned(q)),
            (Keep::Summary, _) => {}
            (Keep::Spans, Some((start, end))) => self.entries.push(Entry {
                start,
                end,
                category: category as u32,
                difficulty: q.difficulty.unwrap_or_default(),
                prompt: key,
            }),
            (Keep::Spans, None) => return false,
        }
        true
    }
}

/// A question as kept, with defaults filled in.
fn owned(q: Fast<'_>) -> Question {
    Question {
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
    }
}

/// Where one question of a plainly valid bank is in its text, and what a
/// filter and a merge need of it without reading it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Byte span of the question's object in the text (which is within
    /// [`super::MAX_BANK_BYTES`]).
    pub start: u32,
    pub end: u32,
    /// Index into [`Loaded::categories`].
    pub category: u32,
    pub difficulty: Difficulty,
    /// A fixed hash of the prompt as compared (normalised).
    pub prompt: u64,
}

/// The question at `entry` of `text`, the text it was indexed from; `None`
/// only if `text` is not that text.
pub fn question_at(text: &str, entry: &Entry) -> Option<Question> {
    let raw = text.get(entry.start as usize..entry.end as usize)?;
    serde_json::from_str::<Fast>(raw).ok().map(owned)
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
        if self.state.keep == Keep::Spans {
            // Each question's raw text gives its span; it is then read
            // from that text, borrowing as before.
            while let Some(raw) = seq.next_element::<&'de RawValue>()? {
                let text = raw.get();
                let start = text.as_ptr() as usize - self.state.base;
                let span = u32::try_from(start)
                    .ok()
                    .zip(u32::try_from(start + text.len()).ok());
                let q: Fast<'de> = serde_json::from_str(text).map_err(de::Error::custom)?;
                if !self.state.take(q, span) {
                    return Err(de::Error::custom("not plainly valid"));
                }
            }
            return Ok(());
        }
        while let Some(q) = seq.next_element::<Fast<'de>>()? {
            if !self.state.take(q, None) {
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
    index(text, keep).map(|(loaded, _)| loaded)
}

/// [`parse`], with where each question is when `keep` is [`Keep::Spans`].
pub(super) fn index(text: &str, keep: Keep) -> Option<(Loaded, Vec<Entry>)> {
    let mut state = State {
        entries: Vec::new(),
        base: text.as_ptr() as usize,
        keep,
        questions: Vec::new(),
        count: 0,
        spelled: HashMap::new(),
        normalized: HashMap::new(),
        categories: Vec::new(),
        prompts: HashSet::new(),
        folded: Folded::default(),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let (title, saw_questions) = de.deserialize_map(Document { state: &mut state }).ok()?;
    de.end().ok()?;
    if !saw_questions || state.count == 0 {
        return None;
    }
    // Sorted categories, and where each one went.
    let mut categories: Vec<(usize, (String, usize))> =
        state.categories.into_iter().enumerate().collect();
    categories.sort_by_cached_key(|(_, (name, _))| normalize(name));
    let mut moved = vec![0; categories.len()];
    for (to, (from, _)) in categories.iter().enumerate() {
        moved[*from] = to;
    }
    let mut entries = state.entries;
    for e in &mut entries {
        e.category = moved[e.category as usize] as u32;
    }
    let loaded = Loaded {
        title,
        questions: state.questions,
        count: state.count,
        categories: categories.into_iter().map(|(_, c)| c).collect(),
        warnings: Vec::new(),
    };
    Some((loaded, entries))
}
