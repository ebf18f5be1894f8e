//! The careful path of [`super::parse`]: every question checked field by
//! field as the document streams past (by `super::rules`), every problem
//! and warning kept with its byte offset, then placed as `line:column`.

use super::*;

/// Fills in `at` (1-based line and column in characters) for every problem
/// that has a byte offset, in one pass over the text however many there are.
pub(super) fn locate<'a>(text: &str, problems: impl IntoIterator<Item = &'a mut Problem>) {
    let mut located: Vec<&mut Problem> = problems
        .into_iter()
        .filter(|p| p.offset.is_some())
        .collect();
    located.sort_by_key(|p| p.offset);
    let mut lines = crate::locate::Lines::new(text.as_bytes());
    for p in located {
        p.at = Some(lines.at(p.offset.unwrap_or(0)));
    }
}

/// Everything the parse gathers as it goes.
struct Ctx<'de> {
    text: &'de str,
    keep: Keep,
    problems: Vec<Problem>,
    more: usize,
    warnings: Vec<Problem>,
    title: Option<String>,
    questions: Vec<Question>,
    count: usize,
    /// Normalised category → its first spelling and count.
    categories: BTreeMap<String, (String, usize)>,
    /// Normalised prompt → the question that first had it.
    prompts: HashMap<u64, usize>,
    top_keys: Vec<String>,
}

impl<'de> Ctx<'de> {
    fn offset_of(&self, raw: &RawValue) -> usize {
        (raw.get().as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize)
    }

    /// A problem placed at `raw`; [`locate`] turns the place into `at`.
    fn placed(&self, raw: Option<&RawValue>, question: Option<usize>, message: String) -> Problem {
        Problem {
            at: None,
            question,
            message,
            offset: raw.map(|r| self.offset_of(r)),
        }
    }

    fn problem(&mut self, raw: Option<&RawValue>, question: Option<usize>, message: String) {
        if self.problems.len() >= MAX_PROBLEMS {
            self.more += 1;
            return;
        }
        let problem = self.placed(raw, question, message);
        self.problems.push(problem);
    }

    fn warn(&mut self, raw: Option<&RawValue>, question: Option<usize>, message: String) {
        if self.warnings.len() < MAX_PROBLEMS {
            let warning = self.placed(raw, question, message);
            self.warnings.push(warning);
        }
    }
}

/// The JSON type of a raw value, for messages.
fn kind_of(raw: &RawValue) -> String {
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'"') => "a string".into(),
        Some(b'[') => "a list".into(),
        Some(b'{') => "an object".into(),
        Some(b't' | b'f') => format!("the boolean {text}"),
        Some(b'n') => "null".into(),
        _ => {
            let shown: String = text.chars().take(20).collect();
            format!("the number {shown}")
        }
    }
}

/// A string field, or a message saying what it is instead.
fn string_of(raw: &RawValue, what: &str) -> Result<String, String> {
    serde_json::from_str::<String>(raw.get()).map_err(|e| {
        if raw.get().starts_with('"') {
            // A string that is not valid text, such as a lone surrogate escape.
            format!(
                "{what} is not valid text: {}",
                crate::locate::json_message(&e)
            )
        } else {
            format!("{what} must be a string, not {}", kind_of(raw))
        }
    })
}

/// An object's fields in order, values left unparsed.
struct Fields<'de>(Vec<(Cow<'de, str>, &'de RawValue)>);

impl<'de> de::Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut fields = Vec::new();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    let value: &'de RawValue = map.next_value()?;
                    fields.push((key, value));
                }
                Ok(Fields(fields))
            }
        }
        d.deserialize_map(V)
    }
}

/// A text field of question `n`: its value when it is a string (even a
/// flawed one), with any problem reported. A missing or null optional
/// field is `None` without a problem.
fn text_field<'de>(
    ctx: &mut Ctx<'de>,
    question: &'de RawValue,
    n: usize,
    value: Option<&'de RawValue>,
    what: &str,
    required: bool,
) -> Option<String> {
    let value = match value {
        Some(v) if v.get() != "null" || required => v,
        None if required => {
            ctx.problem(Some(question), Some(n), format!("{what} is missing"));
            return None;
        }
        _ => return None,
    };
    match string_of(value, what) {
        Ok(s) => {
            if let Some(p) = text_problem(what, &s, !required) {
                ctx.problem(Some(value), Some(n), p);
            }
            Some(s)
        }
        Err(m) => {
            ctx.problem(Some(value), Some(n), m);
            None
        }
    }
}

/// Checks one question (number `n`, 1-based) and keeps what it must.
fn check_question<'de>(ctx: &mut Ctx<'de>, n: usize, raw: &'de RawValue) {
    let before = ctx.problems.len() + ctx.more;
    if raw.get().as_bytes().first() != Some(&b'{') {
        let kind = kind_of(raw);
        ctx.problem(
            Some(raw),
            Some(n),
            format!("must be an object with a prompt, an answer and distractors, not {kind}"),
        );
        return;
    }
    let fields = match serde_json::from_str::<Fields<'de>>(raw.get()) {
        Ok(fields) => fields,
        Err(e) => {
            ctx.problem(Some(raw), Some(n), format!("not readable: {e}"));
            return;
        }
    };
    let mut found: [Option<&'de RawValue>; 6] = [None; 6];
    for (key, value) in &fields.0 {
        match FIELDS.iter().position(|f| f == key) {
            Some(i) if found[i].is_some() => {
                ctx.problem(Some(value), Some(n), format!("field `{key}` appears twice"));
            }
            Some(i) => found[i] = Some(value),
            None => {
                let shown = escape_controls(key).into_owned();
                ctx.warn(
                    Some(value),
                    Some(n),
                    format!(
                        "unknown field `{shown}` is ignored (a question's fields are {})",
                        FIELDS.join(", ")
                    ),
                );
            }
        }
    }
    let [
        prompt,
        answer,
        distractors,
        category,
        difficulty,
        explanation,
    ] = found;
    let prompt = text_field(ctx, raw, n, prompt, "prompt", true);
    let answer = text_field(ctx, raw, n, answer, "answer", true);
    let distractors = distractors_field(ctx, raw, n, distractors, answer.as_deref());
    let category = text_field(ctx, raw, n, category, "category", false);
    let explanation = text_field(ctx, raw, n, explanation, "explanation", false);
    let difficulty = difficulty_field(ctx, n, difficulty);
    if ctx.problems.len() + ctx.more != before {
        // Report this question's problems in the order they appear in the file.
        let start = before.min(ctx.problems.len());
        ctx.problems[start..].sort_by_key(|p| p.offset);
        return;
    }
    let (Some(prompt), Some(answer), Some(distractors), Some(difficulty)) =
        (prompt, answer, distractors, difficulty)
    else {
        return;
    };
    let category = category.unwrap_or_else(|| DEFAULT_CATEGORY.to_owned());
    ctx.count += 1;
    ctx.categories
        .entry(normalize(&category))
        .or_insert_with(|| (category.clone(), 0))
        .1 += 1;
    for reason in crate::form::giveaways_of(&prompt, &answer, &distractors) {
        let outcome = if reason == crate::form::NAMED_IN_PROMPT {
            "so a game leaves this question out"
        } else {
            "so it can be picked without knowing it; it is still played"
        };
        ctx.warn(Some(raw), Some(n), format!("{reason}, {outcome}"));
    }
    let key = prompt_key(&prompt);
    if let Some(&first) = ctx.prompts.get(&key) {
        ctx.warn(
            Some(raw),
            Some(n),
            format!("same prompt as question {first}; it is played once"),
        );
    } else {
        ctx.prompts.insert(key, n);
    }
    if ctx.keep == Keep::Questions {
        ctx.questions.push(Question {
            prompt,
            answer,
            distractors,
            category,
            difficulty,
            explanation: explanation.unwrap_or_default(),
            meta: Default::default(),
        });
    }
}

/// A fixed hash of a normalised prompt, to spot repeats without keeping
/// every prompt.
pub fn prompt_key(prompt: &str) -> u64 {
    fast::folded_hash(prompt)
}

fn distractors_field<'de>(
    ctx: &mut Ctx<'de>,
    question: &'de RawValue,
    n: usize,
    value: Option<&'de RawValue>,
    answer: Option<&str>,
) -> Option<Vec<String>> {
    let Some(value) = value else {
        ctx.problem(
            Some(question),
            Some(n),
            format!(
                "distractors is missing; a question needs 1 to {MAX_DISTRACTORS} wrong answers"
            ),
        );
        return None;
    };
    let items: Vec<&'de RawValue> = match value.get().as_bytes().first() {
        Some(b'[') => serde_json::from_str(value.get()).ok()?,
        _ => {
            let kind = kind_of(value);
            ctx.problem(
                Some(value),
                Some(n),
                format!("distractors must be a list of 1 to {MAX_DISTRACTORS} strings, not {kind}"),
            );
            return None;
        }
    };
    let mut texts = Vec::with_capacity(items.len());
    let mut typed = true;
    for (i, item) in items.iter().enumerate() {
        match string_of(item, &format!("distractors[{i}]")) {
            Ok(s) => texts.push(s),
            Err(m) => {
                ctx.problem(Some(item), Some(n), m);
                typed = false;
            }
        }
    }
    if !typed {
        return None;
    }
    for (i, p) in distractor_problems(answer.unwrap_or(""), &texts) {
        let at = i.and_then(|i| items.get(i).copied()).unwrap_or(value);
        ctx.problem(Some(at), Some(n), p);
    }
    Some(texts)
}

fn difficulty_field(ctx: &mut Ctx<'_>, n: usize, value: Option<&RawValue>) -> Option<Difficulty> {
    let value = match value {
        Some(v) if v.get() != "null" => v,
        _ => return Some(Difficulty::default()),
    };
    let choices = "easy, medium or hard";
    match string_of(value, "difficulty") {
        Ok(s) => match Difficulty::ALL.into_iter().find(|d| d.as_str() == s) {
            Some(d) => Some(d),
            None => {
                ctx.problem(
                    Some(value),
                    Some(n),
                    format!("difficulty {} is not {choices}", quoted(&s)),
                );
                None
            }
        },
        Err(_) => {
            let kind = kind_of(value);
            ctx.problem(
                Some(value),
                Some(n),
                format!("difficulty must be {choices}, not {kind}"),
            );
            None
        }
    }
}

/// The `questions` array, checked element by element as it streams past.
struct QuestionsSeed<'a, 'de> {
    ctx: &'a mut Ctx<'de>,
}

impl<'de> DeserializeSeed<'de> for QuestionsSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        // Anything but a list is a type error, which the parser places.
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for QuestionsSeed<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`questions` to be a list of questions")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut n = 0;
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            n += 1;
            check_question(self.ctx, n, raw);
        }
        if n == 0 {
            self.ctx.problem(
                None,
                None,
                "`questions` is empty; a bank needs at least one question".into(),
            );
        }
        Ok(())
    }
}

/// The whole document: an object with `title` and `questions`.
struct BankVisitor<'a, 'de> {
    ctx: &'a mut Ctx<'de>,
}

impl<'de> Visitor<'de> for BankVisitor<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a bank: an object with a `questions` list")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let ctx = self.ctx;
        let mut saw_questions = false;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if ctx.top_keys.iter().any(|k| *k == key) {
                return Err(de::Error::custom(format_args!(
                    "field `{}` appears twice",
                    escape_controls(&key)
                )));
            }
            ctx.top_keys.push(key.clone().into_owned());
            match key.as_ref() {
                "questions" => {
                    saw_questions = true;
                    map.next_value_seed(QuestionsSeed { ctx: &mut *ctx })?;
                }
                "title" => {
                    let raw: &'de RawValue = map.next_value()?;
                    ctx.title = text_field_top(ctx, raw);
                }
                other => {
                    let raw: &'de RawValue = map.next_value()?;
                    let shown = escape_controls(other).into_owned();
                    ctx.warn(
                        Some(raw),
                        None,
                        format!("unknown field `{shown}` is ignored (a bank's fields are title and questions)"),
                    );
                }
            }
        }
        if !saw_questions && !ctx.top_keys.iter().any(|k| k == "year") {
            ctx.problem(
                None,
                None,
                "no `questions` list; a bank is an object with a `questions` list".into(),
            );
        }
        Ok(())
    }
}

fn text_field_top<'de>(ctx: &mut Ctx<'de>, raw: &'de RawValue) -> Option<String> {
    if raw.get() == "null" {
        return None;
    }
    match string_of(raw, "title") {
        Ok(s) => {
            if let Some(p) = text_problem("title", &s, true) {
                ctx.problem(Some(raw), None, p);
            }
            Some(s)
        }
        Err(m) => {
            ctx.problem(Some(raw), None, m);
            None
        }
    }
}

/// The careful path: every question checked field by field, every problem
/// and warning kept with its place.
pub(super) fn careful(file: &str, text: &str, keep: Keep) -> Result<Parsed, BankError> {
    let fail = |problems: Vec<Problem>, more: usize, warnings: Vec<Problem>| BankError {
        file: file.to_owned(),
        problems,
        more,
        warnings,
    };
    let mut ctx = Ctx {
        text,
        keep,
        problems: Vec::new(),
        more: 0,
        warnings: Vec::new(),
        title: None,
        questions: Vec::new(),
        count: 0,
        categories: BTreeMap::new(),
        prompts: HashMap::new(),
        top_keys: Vec::new(),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let result = de
        .deserialize_any(BankVisitor { ctx: &mut ctx })
        .and_then(|()| de.end());
    if let Err(e) = result {
        // serde_json says column 0 at the start of a line (such as at the
        // end of the file); columns here count from 1.
        let at = (e.line() > 0).then(|| (e.line(), e.column().max(1)));
        let message = match e.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                format!("invalid JSON: {}", crate::locate::json_message(&e))
            }
            _ => crate::locate::json_message(&e),
        };
        locate(text, ctx.problems.iter_mut().chain(ctx.warnings.iter_mut()));
        if ctx.problems.len() < MAX_PROBLEMS {
            ctx.problems.push(Problem {
                at,
                question: None,
                message,
                offset: None,
            });
        } else {
            ctx.more += 1;
        }
        return Err(fail(ctx.problems, ctx.more, ctx.warnings));
    }
    let is_record =
        !ctx.top_keys.iter().any(|k| k == "questions") && ctx.top_keys.iter().any(|k| k == "year");
    if is_record {
        return Ok(Parsed::Record);
    }
    locate(text, ctx.problems.iter_mut().chain(ctx.warnings.iter_mut()));
    if !ctx.problems.is_empty() || ctx.more > 0 {
        return Err(fail(ctx.problems, ctx.more, ctx.warnings));
    }
    Ok(Parsed::Bank(Loaded {
        title: ctx.title,
        questions: ctx.questions,
        count: ctx.count,
        categories: ctx.categories.into_values().collect(),
        warnings: ctx.warnings,
    }))
}
