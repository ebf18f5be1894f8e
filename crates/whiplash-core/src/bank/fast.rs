//! The fast path of [`super::parse`]: one typed pass over a bank that is
//! expected to be valid, borrowing its strings from the text and keeping
//! only what the checks across questions need.
//!
//! It gives up (returns `None`) at the first thing it does not like, from an
//! unknown field to a repeated distractor, and the careful path then parses
//! the file again to report every problem, with its place. So the rules are
//! the careful path's; this one only has to agree on what is valid, and a
//! property test in `super` checks that it does.

mod scan;

use super::rules::{question_ok_folded, text_fault};
use super::{Keep, Loaded};
use crate::question::{DEFAULT_CATEGORY, Difficulty, Folded, Question, normalize};
use serde::de::{self, Deserializer, Visitor};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, Read};
use std::ops::ControlFlow;

/// A string from the text, borrowed unless it held escapes.
#[cfg_attr(test, derive(Debug, PartialEq))]
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

/// Room for a question's distractors: one more than a plainly valid
/// question may have, enough to tell that there are too many.
const ROOM: usize = super::MAX_DISTRACTORS + 1;

/// A question's distractors, kept in place rather than in a vector of
/// their own: the first [`ROOM`] of them, and how many there are.
#[cfg_attr(test, derive(Debug))]
struct Texts<'a> {
    len: usize,
    items: [Text<'a>; ROOM],
}

impl<'a> Texts<'a> {
    fn new() -> Self {
        Texts {
            len: 0,
            items: std::array::from_fn(|_| Text(Cow::Borrowed(""))),
        }
    }

    fn push(&mut self, text: Text<'a>) {
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = text;
        }
        self.len += 1;
    }

    /// The distractors kept: all of them, or [`ROOM`] when there are more.
    fn as_slice(&self) -> &[Text<'a>] {
        &self.items[..self.len.min(ROOM)]
    }
}

#[cfg(test)]
impl PartialEq for Texts<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.as_slice() == other.as_slice()
    }
}

impl<'de: 'a, 'a> de::Deserialize<'de> for Texts<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Texts<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of strings")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut texts = Texts::new();
                while let Some(text) = seq.next_element::<Text<'de>>()? {
                    texts.push(text);
                }
                Ok(texts)
            }
        }
        d.deserialize_seq(V(std::marker::PhantomData))
    }
}

/// One question, typed; optional fields may be absent or null.
#[derive(serde::Deserialize)]
#[cfg_attr(test, derive(Debug, PartialEq))]
#[serde(deny_unknown_fields)]
struct Fast<'a> {
    #[serde(borrow)]
    prompt: Text<'a>,
    #[serde(borrow)]
    answer: Text<'a>,
    #[serde(borrow)]
    distractors: Texts<'a>,
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

/// A hasher for keys that are hashes already: it passes them on.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are hashed; anything else is folded in anyway.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// How many spellings of categories are compared before any is hashed.
const RECENT: usize = 16;

/// What the pass gathers.
struct State {
    keep: Keep,
    questions: Vec<Question>,
    count: usize,
    /// Category as written → index into `categories`.
    spelled: HashMap<String, usize>,
    /// The first [`RECENT`] of `spelled`, looked through before it.
    recent: Vec<(String, usize)>,
    /// Normalised category → index into `categories`.
    normalized: HashMap<String, usize>,
    categories: Vec<(String, usize)>,
    /// Prompts seen, by their hash ([`folded_hash`]), which is hash
    /// enough for the set.
    prompts: HashSet<u64, BuildHasherDefault<Prehashed>>,
    /// With [`Keep::Spans`]: where each question is.
    entries: Vec<Entry>,
    /// The texts of the question being checked, normalised.
    folded: Folded,
}

impl State {
    /// Counts a question of category `name`; returns the category's index.
    fn category(&mut self, name: &str) -> usize {
        // Most banks spell few categories: the first few are compared as
        // they are, before any is hashed.
        if let Some(&(_, i)) = self.recent.iter().find(|(spelled, _)| spelled == name) {
            self.categories[i].1 += 1;
            return i;
        }
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
                if self.recent.len() < RECENT {
                    self.recent.push((name.to_owned(), i));
                }
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
            q.distractors.as_slice(),
            q.category.as_ref().map(|c| &*c.0),
            q.explanation.as_ref().map(|e| &*e.0),
            &mut self.folded,
        ) {
            return false;
        }
        // An answer that stands out by its form is only a warning, which
        // the careful path words.
        let fair =
            crate::form::giveaways_in(&self.folded, &q.answer.0, q.distractors.as_slice(), |_| {
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
            .as_slice()
            .iter()
            .map(|d| d.0.as_ref().to_owned())
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

/// The question in `bytes`, the span an [`Entry`] gives of the bytes it
/// was indexed from; `None` only if they are not those bytes.
pub fn question_from(bytes: &[u8]) -> Option<Question> {
    serde_json::from_slice::<Fast>(bytes).ok().map(owned)
}

/// How much of a stream is read at a time, at least.
const WINDOW: usize = 256 * 1024;

/// The text of a bank as the pass reads it: the whole text, or a window
/// onto a stream, checked as UTF-8 as it is read (so that each string in
/// it needs no second look), moved on and refilled as the pass goes, so
/// that a file is never held whole.
struct Input<'t, R> {
    held: Cow<'t, str>,
    /// Where the pass is in `held`.
    at: usize,
    /// Where `held` starts in the stream.
    base: usize,
    /// The stream, until its end; bytes read from it and not yet text (a
    /// character cut by the end of a read), and how many.
    reader: Option<R>,
    read: Vec<u8>,
    cut: usize,
    /// How much is read at a time, at least.
    window: usize,
}

/// What a try at reading a value from the text at hand found.
enum Step<T> {
    /// A value, and how many bytes it took.
    Done(T, usize),
    /// The text at hand ends inside it.
    More,
    /// Something the pass does not take.
    Bad,
}

/// A stream that is not UTF-8 text.
fn not_text() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text")
}

impl<'t, R: Read> Input<'t, R> {
    /// Where the pass is in the stream.
    fn offset(&self) -> usize {
        self.base + self.at
    }

    /// Reads more of the stream after what is held, dropping what the pass
    /// is done with; false at its end. An error if what is read is not
    /// UTF-8.
    fn refill(&mut self) -> io::Result<bool> {
        let Some(reader) = &mut self.reader else {
            return Ok(false);
        };
        let held = self.held.to_mut();
        held.drain(..self.at);
        self.base += self.at;
        self.at = 0;
        // At least as much as is held: a value that does not fit is read
        // again only as often as the window doubles.
        let want = self.cut + self.window.max(held.len());
        if self.read.len() < want {
            self.read.resize(want, 0);
        }
        let n = loop {
            match reader.read(&mut self.read[self.cut..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        if n == 0 {
            self.reader = None;
            // The stream ends inside a character.
            return if self.cut > 0 {
                Err(not_text())
            } else {
                Ok(false)
            };
        }
        let bytes = &self.read[..self.cut + n];
        let valid = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            // A character cut by the end of this read: the rest of it
            // comes with the next.
            Err(e) if e.error_len().is_none() => {
                std::str::from_utf8(&bytes[..e.valid_up_to()]).map_err(|_| not_text())?
            }
            Err(_) => return Err(not_text()),
        };
        held.push_str(valid);
        let (used, total) = (valid.len(), self.cut + n);
        self.read.copy_within(used..total, 0);
        self.cut = total - used;
        Ok(true)
    }

    /// Reads one value with `read`, given the text at hand from where the
    /// pass is; `None` if it is not taken.
    fn step<T>(&mut self, mut read: impl FnMut(&str) -> Step<T>) -> io::Result<Option<T>> {
        loop {
            match read(&self.held[self.at..]) {
                Step::Done(value, used) => {
                    self.at += used;
                    return Ok(Some(value));
                }
                Step::More if self.refill()? => {}
                Step::More | Step::Bad => return Ok(None),
            }
        }
    }

    /// The next byte that is not JSON whitespace, not taken; `None` at
    /// the end.
    fn peek(&mut self) -> io::Result<Option<u8>> {
        loop {
            let bytes = self.held.as_bytes();
            while self.at < bytes.len() {
                match bytes[self.at] {
                    b' ' | b'\n' | b'\r' | b'\t' => self.at += 1,
                    b => return Ok(Some(b)),
                }
            }
            if !self.refill()? {
                return Ok(None);
            }
        }
    }

    /// Takes the next byte that is not whitespace if it is `b` (ASCII).
    fn eat(&mut self, b: u8) -> io::Result<bool> {
        let found = self.peek()? == Some(b);
        if found {
            self.at += 1;
        }
        Ok(found)
    }
}

/// One JSON value of type `T` at the start of `text`, and its length.
fn read_value<'de, T: de::Deserialize<'de>>(text: &'de str) -> Step<T> {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<T>();
    match values.next() {
        Some(Ok(value)) => Step::Done(value, values.byte_offset()),
        Some(Err(e)) if e.is_eof() => Step::More,
        // Nothing but whitespace before the end of what is at hand.
        None => Step::More,
        Some(Err(_)) => Step::Bad,
    }
}

/// The question at the start of `text`: read straight from it when it is
/// written plainly ([`scan`]), else by serde.
fn plain_or_serde(text: &str) -> Step<Fast<'_>> {
    match scan::question(text) {
        scan::Scan::Done(q, used) => Step::Done(q, used),
        scan::Scan::More => Step::More,
        scan::Scan::Doubt => read_value(text),
    }
}

/// The document: `{"title": ..., "questions": [...]}`, its fields in
/// either order, each once, and nothing after it but whitespace. `None`
/// when anything else is met; the title, and whether there were questions.
fn document<R: Read>(
    input: &mut Input<'_, R>,
    state: &mut State,
) -> io::Result<Option<(Option<String>, bool)>> {
    let mut title = None;
    let (mut saw_title, mut saw_questions) = (false, false);
    if !input.eat(b'{')? {
        return Ok(None);
    }
    if !input.eat(b'}')? {
        loop {
            if input.peek()? != Some(b'"') {
                return Ok(None);
            }
            let key = input.step(|text| match read_value::<Text>(text) {
                Step::Done(key, used) => Step::Done(
                    match key.as_ref() {
                        "title" => Field::Title,
                        "questions" => Field::Questions,
                        _ => Field::Other,
                    },
                    used,
                ),
                Step::More => Step::More,
                Step::Bad => Step::Bad,
            })?;
            if !input.eat(b':')? {
                return Ok(None);
            }
            match key {
                Some(Field::Title) if !saw_title => {
                    saw_title = true;
                    let read = input.step(|text| match read_value::<Option<Text>>(text) {
                        Step::Done(None, used) => Step::Done(None, used),
                        Step::Done(Some(t), used) if fine(t.as_ref()) => {
                            Step::Done(Some(t.0.into_owned()), used)
                        }
                        Step::More => Step::More,
                        Step::Done(..) | Step::Bad => Step::Bad,
                    })?;
                    let Some(read) = read else {
                        return Ok(None);
                    };
                    title = read;
                }
                Some(Field::Questions) if !saw_questions => {
                    saw_questions = true;
                    if !questions(input, state)? {
                        return Ok(None);
                    }
                }
                _ => return Ok(None),
            }
            if input.eat(b'}')? {
                break;
            }
            if !input.eat(b',')? {
                return Ok(None);
            }
        }
    }
    if input.peek()?.is_some() {
        return Ok(None);
    }
    Ok(Some((title, saw_questions)))
}

/// A field of the document.
enum Field {
    Title,
    Questions,
    Other,
}

/// The list of questions, each checked as it is read; false at the first
/// thing the pass does not take.
fn questions<R: Read>(input: &mut Input<'_, R>, state: &mut State) -> io::Result<bool> {
    if !input.eat(b'[')? {
        return Ok(false);
    }
    if input.eat(b']')? {
        return Ok(true);
    }
    loop {
        if input.peek()?.is_none() {
            return Ok(false);
        }
        let start = input.offset();
        let taken = input.step(|text| match plain_or_serde(text) {
            Step::Done(q, used) => {
                let span = u32::try_from(start)
                    .ok()
                    .zip(u32::try_from(start + used).ok());
                if state.take(q, span) {
                    Step::Done((), used)
                } else {
                    Step::Bad
                }
            }
            Step::More => Step::More,
            Step::Bad => Step::Bad,
        })?;
        if taken.is_none() {
            return Ok(false);
        }
        if input.eat(b']')? {
            return Ok(true);
        }
        if !input.eat(b',')? {
            return Ok(false);
        }
    }
}

/// The bank in `text` if it is plainly valid, with no warnings; `None`
/// sends it to the careful path.
pub(super) fn parse(text: &str, keep: Keep) -> Option<Loaded> {
    index(text, keep).map(|(loaded, _)| loaded)
}

/// [`parse`], with where each question is when `keep` is [`Keep::Spans`].
pub(super) fn index(text: &str, keep: Keep) -> Option<(Loaded, Vec<Entry>)> {
    let input = Input::<io::Empty> {
        held: Cow::Borrowed(text),
        at: 0,
        base: 0,
        reader: None,
        read: Vec::new(),
        cut: 0,
        window: 0,
    };
    // Reading a text cannot fail.
    pass(input, keep).ok().flatten()
}

/// [`index`] of the bank a stream holds (a file, say), read a window at a
/// time: spans are places in the stream. A byte-order mark at its start is
/// passed over, as a file's is. An error only when the stream cannot be
/// read.
pub(super) fn index_stream<R: Read>(
    reader: R,
    keep: Keep,
) -> io::Result<Option<(Loaded, Vec<Entry>)>> {
    index_stream_with(reader, keep, WINDOW)
}

/// [`index_stream`] through a window of `window` bytes at first.
pub(super) fn index_stream_with<R: Read>(
    reader: R,
    keep: Keep,
    window: usize,
) -> io::Result<Option<(Loaded, Vec<Entry>)>> {
    let mut input = Input {
        held: Cow::Owned(String::new()),
        at: 0,
        base: 0,
        reader: Some(reader),
        read: Vec::new(),
        cut: 0,
        window: window.max(1),
    };
    while input.held.len() < 3 && input.refill()? {}
    if input.held.starts_with('\u{feff}') {
        input.at = 3;
    }
    pass(input, keep)
}

/// The pass over a whole bank.
fn pass<R: Read>(mut input: Input<'_, R>, keep: Keep) -> io::Result<Option<(Loaded, Vec<Entry>)>> {
    let mut state = State {
        entries: Vec::new(),
        keep,
        questions: Vec::new(),
        count: 0,
        spelled: HashMap::new(),
        recent: Vec::new(),
        normalized: HashMap::new(),
        categories: Vec::new(),
        prompts: HashSet::default(),
        folded: Folded::default(),
    };
    let Some((title, saw_questions)) = document(&mut input, &mut state)? else {
        return Ok(None);
    };
    if !saw_questions || state.count == 0 {
        return Ok(None);
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
    Ok(Some((loaded, entries)))
}
