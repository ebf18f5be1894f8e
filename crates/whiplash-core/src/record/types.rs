//! Type problems in plain words: a record that serde refuses is read
//! again section by section, and list element by element, so every type
//! problem is reported at once with its place.

use super::*;

/// Every field of a film record, with the type of its value, and whether
/// the field is a list (checked element by element).
macro_rules! sections {
    ($($name:literal => $kind:ident $ty:ty),* $(,)?) => {
        /// The problems of one top-level field whose value spans
        /// `start..end`, or `None` for a field a record does not have.
        fn section(text: &str, name: &str, start: usize, end: usize) -> Option<Vec<String>> {
            match name {
                $($name => Some(sections!(@check $kind $ty, text, name, start, end)),)*
                _ => None,
            }
        }
        /// The fields a record may have.
        pub(super) const FIELDS: &[&str] = &[$($name),*];
    };
    (@check one $ty:ty, $text:ident, $name:ident, $start:ident, $end:ident) => {
        part::<$ty>($text, $name, $start, $end).into_iter().collect()
    };
    (@check list $ty:ty, $text:ident, $name:ident, $start:ident, $end:ident) => {
        match (part::<Vec<$ty>>($text, $name, $start, $end), locate::elements($text, $start)) {
            (None, _) => Vec::new(),
            // Element by element, to find every wrong one.
            (Some(_), Some(items)) => items
                .into_iter()
                .enumerate()
                .filter_map(|(i, (a, b))| part::<$ty>($text, &format!("{}[{i}]", $name), a, b))
                .take(MAX_TYPE_PROBLEMS)
                .collect(),
            (Some(problem), None) => vec![problem],
        }
    };
}

/// At most this many problems are reported from one list.
pub(super) const MAX_TYPE_PROBLEMS: usize = 50;

sections! {
    "title" => one String,
    "year" => one i32,
    "original_title" => one Option<String>,
    "languages" => list String,
    "countries" => list String,
    "genres" => list String,
    "crew" => list CrewMember,
    "cast" => list CastMember,
    "setting" => one Option<Setting>,
    "production_companies" => list String,
    "distribution" => one Option<Distribution>,
    "distributors" => list Distributor,
    "script" => one Option<Script>,
    "short_film" => one Option<ShortFilm>,
    "filming" => one Option<Filming>,
    "themes" => list String,
    "premiere" => one Option<Premiere>,
    "screenings" => list LaterScreening,
    "release" => one Option<Release>,
    "releases" => list TerritoryRelease,
    "praised_for" => list String,
    "budget" => one Option<Money>,
    "gross" => one Option<Money>,
    "grosses" => list TerritoryGross,
    "director_rank" => one Option<DirectorRank>,
    "awards" => list Award,
    "standings" => list Standing,
    "partial" => list String,
    "decoys" => one Option<Decoys>,
}

/// Every problem of types in a record that is valid JSON, field by field
/// and list element by element, so that all are reported at once.
pub(super) fn type_problems(text: &str) -> Vec<String> {
    let Some(members) = locate::members(text, 0) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, start, end) in &members {
        match section(text, name, *start, *end) {
            Some(problems) => out.extend(problems),
            None => {
                let (line, col) = locate::line_col(text, *start);
                let hint = closest(name, FIELDS)
                    .map(|f| format!(" (did you mean `{f}`?)"))
                    .unwrap_or_default();
                out.push(format!(
                    "{line}:{col}: field `{name}`: unknown field `{name}`{hint}; a film record has no such field"
                ));
            }
        }
    }
    for needed in ["title", "year"] {
        if !members.iter().any(|(n, _, _)| n == needed) {
            out.push(format!(
                "1:1: the record needs the field `{needed}`: every record has a `title` and a `year`"
            ));
        }
    }
    out
}

/// The problem, if any, of reading the value at `start..end` as a `T`,
/// placed at the field that is wrong.
fn part<T: serde::de::DeserializeOwned>(
    text: &str,
    path: &str,
    start: usize,
    end: usize,
) -> Option<String> {
    // The value alone, at the same byte offsets: everything else blanked,
    // so that positions still count from the top of the file.
    let padded: String = text
        .char_indices()
        .flat_map(|(i, c)| {
            let keep = (start..end).contains(&i) || c == '\n';
            let width = if keep { 1 } else { c.len_utf8() };
            std::iter::repeat_n(if keep { c } else { ' ' }, width)
        })
        .collect();
    let mut de = serde_json::Deserializer::from_str(&padded);
    let e = serde_path_to_error::deserialize::<_, T>(&mut de).err()?;
    let inner_path = e.path().to_string();
    let full = match inner_path.as_str() {
        "" | "." => path.to_string(),
        p if p.starts_with('[') => format!("{path}{p}"),
        p => format!("{path}.{p}"),
    };
    let inner = e.into_inner();
    let message = plain(&locate::json_message(&inner));
    let (line, col) = match locate::locate(text, &full) {
        Some(at) => at,
        None => locate::line_col(text, locate::offset_of(text, inner.line(), inner.column())),
    };
    Some(format!("{line}:{col}: field `{full}`: {message}"))
}

/// The field name nearest to a misspelt one, if any is close.
fn closest<'a>(name: &str, fields: &[&'a str]) -> Option<&'a str> {
    fn distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut prev = row[0];
            row[0] = i + 1;
            for j in 0..b.len() {
                let cur = row[j + 1];
                row[j + 1] = (prev + usize::from(ca != b[j]))
                    .min(row[j] + 1)
                    .min(cur + 1);
                prev = cur;
            }
        }
        row[b.len()]
    }
    fields
        .iter()
        .map(|f| (distance(name, f), *f))
        .filter(|(d, f)| *d <= 2.max(f.len() / 4))
        .min()
        .map(|(_, f)| f)
}

/// serde's and chrono's messages in a reader's words.
pub(super) fn plain(message: &str) -> String {
    const DATE: &str =
        "expected a date like 1999-12-31 (year, month, day) that exists in the calendar";
    let chrono = [
        "input contains invalid characters",
        "premature end of input",
        "input is out of range",
        "trailing input",
        "input is not enough for unique date and time",
        "no possible date and time matching input",
        "impossible",
    ];
    if chrono.contains(&message) {
        return DATE.to_string();
    }
    let syntax = [
        ("trailing characters", "unexpected text after the record"),
        (
            "EOF while parsing an object",
            "the file ends before the record's closing }",
        ),
        (
            "EOF while parsing a list",
            "the file ends before a list's closing ]",
        ),
        (
            "EOF while parsing a string",
            "the file ends inside a text in quotes",
        ),
        (
            "EOF while parsing a value",
            "the file ends where a value should be",
        ),
        ("expected `,` or `}`", "expected a comma or a closing }"),
        ("expected `,` or `]`", "expected a comma or a closing ]"),
        ("expected `:`", "expected a colon after the field name"),
        ("key must be a string", "expected a field name in quotes"),
        (
            "expected value",
            "expected a value (text in quotes, a number, true, false, a list or an object)",
        ),
        ("trailing comma", "a comma with nothing after it"),
        (
            "control character (\\u0000-\\u001F) found while parsing a string",
            "a line break or control character inside quotes; write it as \\n or \\u00XX",
        ),
        ("invalid escape", "an unknown escape after \\ inside quotes"),
        ("invalid number", "a number that cannot be read"),
        ("number out of range", "a number too large to read"),
    ];
    if let Some((_, words)) = syntax.iter().find(|(m, _)| *m == message) {
        return words.to_string();
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return match rest.split_once(", expected ") {
            Some((field, expected)) => format!(
                "unknown field {field}; the fields here are {}",
                expected.trim_start_matches("one of ").replace('`', "")
            ),
            None => format!("unknown field {rest}"),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let found = found.trim_matches('`');
        let expected = expected.trim_start_matches("one of ").replace('`', "\"");
        return format!("expected one of {expected}, found \"{found}\"");
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("needs the field {field}");
    }
    for lead in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(lead)
            && let Some((found, expected)) = rest.rsplit_once(", expected ")
        {
            return format!(
                "expected {}, found {}",
                expected_words(expected),
                found_words(found)
            );
        }
    }
    message.to_string()
}

fn expected_words(expected: &str) -> String {
    match expected {
        "a string" | "a borrowed string" => "text in quotes".into(),
        "i8" | "i16" | "i32" | "i64" => "a whole number".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number of 0 or more".into(),
        "f32" | "f64" => "a number".into(),
        "a boolean" => "true or false".into(),
        "a sequence" => "a list in [ ]".into(),
        "a formatted date string" => "a date like 1999-12-31".into(),
        e if e.starts_with("struct ") || e == "a map" || e.contains("enum") => {
            "an object in { }".into()
        }
        e => e.to_string(),
    }
}

fn found_words(found: &str) -> String {
    if let Some(n) = found
        .strip_prefix("integer `")
        .or_else(|| found.strip_prefix("floating point `"))
    {
        return format!("the number {}", n.trim_end_matches('`'));
    }
    if let Some(t) = found.strip_prefix("string ") {
        return format!("the text {t}");
    }
    match found {
        "boolean `true`" => "true".into(),
        "boolean `false`" => "false".into(),
        "sequence" => "a list".into(),
        "map" => "an object".into(),
        "unit value" | "null" => "null".into(),
        f => f.to_string(),
    }
}
