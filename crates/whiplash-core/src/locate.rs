//! Finds where a field of a JSON document is written, so that a problem
//! found after parsing (a rule, not a syntax error) can still name its
//! `line:column`.
//!
//! A path reads like `decoys.directors[2]` or `awards[0].category`. The
//! scanner walks the text once, without building values, and gives up
//! quietly (returning `None`) on anything it does not expect: the text has
//! already been parsed, so that never happens for a loaded record.

/// The 1-based line and column (in characters) where the value at `path`
/// starts in `text`.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    offset(text, path).map(|at| line_col(text, at))
}

/// The byte offset where the value at `path` starts in `text`.
pub fn offset(text: &str, path: &str) -> Option<usize> {
    let steps = parse_path(path)?;
    let bytes = text.as_bytes();
    let mut at = skip_ws(bytes, 0);
    for step in &steps {
        at = match step {
            Step::Key(key) => find_key(text, at, key)?,
            Step::Index(i) => find_index(bytes, at, *i)?,
        };
        at = skip_ws(bytes, at);
    }
    Some(at)
}

/// `text` with the member or element at `path` (its key too, and one
/// comma) blanked with spaces: still valid JSON, and every other byte
/// where it was, so places found in it hold in the original. False when
/// `path` names nothing.
pub fn blank(text: &mut String, path: &str) -> bool {
    let Some(steps) = parse_path(path) else {
        return false;
    };
    let Some((last, parent)) = steps.split_last() else {
        return false;
    };
    let parent_path = join(parent);
    let Some(parent_at) = offset(text, &parent_path) else {
        return false;
    };
    let span = match last {
        Step::Key(key) => key_spans(text, parent_at)
            .and_then(|m| m.into_iter().find(|(name, _, _)| name == key))
            .map(|(_, from, to)| (from, to)),
        Step::Index(i) => elements(text, parent_at).and_then(|e| e.get(*i).copied()),
    };
    let Some((from, to)) = span else {
        return false;
    };
    let b = text.as_bytes();
    let after = skip_ws(b, to);
    let (from, to) = if b.get(after) == Some(&b',') {
        (from, after + 1)
    } else {
        // The last one: the comma before it goes instead.
        let before = b[..from].iter().rposition(|c| !c.is_ascii_whitespace());
        match before {
            Some(c) if b[c] == b',' => (c, to),
            _ => (from, to),
        }
    };
    // A space for every byte but newlines, so nothing moves.
    let blanked: String = text[from..to]
        .chars()
        .flat_map(|c| {
            let (fill, n) = if c == '\n' {
                ('\n', 1)
            } else {
                (' ', c.len_utf8())
            };
            std::iter::repeat_n(fill, n)
        })
        .collect();
    text.replace_range(from..to, &blanked);
    true
}

fn join(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    Lines::new(text.as_bytes()).at(offset)
}

/// Turns byte offsets into 1-based lines and columns (in characters of
/// UTF-8) in one pass, however many are asked for in ascending order: the
/// one way an offset becomes a place, for text and for bytes that are
/// UTF-8 up to the offset.
pub struct Lines<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    col: usize,
}

impl<'a> Lines<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Lines {
            bytes,
            pos: 0,
            line: 1,
            col: 1,
        }
    }

    /// The line and column of byte `offset` (clamped to the end). An
    /// offset before the last one asked for starts the count again.
    pub fn at(&mut self, offset: usize) -> (usize, usize) {
        let target = offset.min(self.bytes.len());
        if target < self.pos {
            *self = Lines::new(self.bytes);
        }
        for &b in &self.bytes[self.pos..target] {
            if b == b'\n' {
                self.line += 1;
                self.col = 1;
            } else if b & 0xC0 != 0x80 {
                // Count characters, not the continuation bytes of UTF-8.
                self.col += 1;
            }
        }
        self.pos = target;
        (self.line, self.col)
    }
}

/// serde_json's message without the ` at line L column C` it ends with
/// (the place is given separately, as `line:column`).
pub fn json_message(e: &serde_json::Error) -> String {
    strip_json_position(&e.to_string()).to_owned()
}

/// `message` without a trailing ` at line L column C`.
pub fn strip_json_position(message: &str) -> &str {
    let Some(i) = message.rfind(" at line ") else {
        return message;
    };
    let tail = &message[i + " at line ".len()..];
    let numbers = tail.split_once(" column ").is_some_and(|(l, c)| {
        [l, c]
            .iter()
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    });
    if numbers { &message[..i] } else { message }
}

/// The members of the object that starts at byte `at`: each key, and the
/// byte span of its value. `None` if the text is not such an object.
pub fn members(text: &str, at: usize) -> Option<Vec<(String, usize, usize)>> {
    members_from(text, at, false)
}

/// [`members`], each spanning its key too.
fn key_spans(text: &str, at: usize) -> Option<Vec<(String, usize, usize)>> {
    members_from(text, at, true)
}

fn members_from(text: &str, at: usize, with_key: bool) -> Option<Vec<(String, usize, usize)>> {
    let b = text.as_bytes();
    let at = skip_ws(b, at);
    if b.get(at) != Some(&b'{') {
        return None;
    }
    let mut out = Vec::new();
    let mut i = skip_ws(b, at + 1);
    while i < b.len() && b[i] == b'"' {
        let key = i;
        let end = skip_string(b, i)?;
        let name: String = serde_json::from_str(&text[i..end]).ok()?;
        i = skip_ws(b, end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = skip_ws(b, i + 1);
        let stop = skip_value(b, i)?;
        out.push((name, if with_key { key } else { i }, stop));
        i = skip_ws(b, stop);
        if b.get(i) == Some(&b',') {
            i = skip_ws(b, i + 1);
        }
    }
    Some(out)
}

/// The byte spans of the elements of the array that starts at byte `at`.
pub fn elements(text: &str, at: usize) -> Option<Vec<(usize, usize)>> {
    let b = text.as_bytes();
    let at = skip_ws(b, at);
    if b.get(at) != Some(&b'[') {
        return None;
    }
    let mut out = Vec::new();
    let mut i = skip_ws(b, at + 1);
    while i < b.len() && b[i] != b']' {
        let stop = skip_value(b, i)?;
        out.push((i, stop));
        i = skip_ws(b, stop);
        if b.get(i) == Some(&b',') {
            i = skip_ws(b, i + 1);
        } else {
            break;
        }
    }
    Some(out)
}

/// The byte offset of the 1-based `line` and byte `column` serde_json
/// reports.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

enum Step {
    Key(String),
    Index(usize),
}

fn parse_path(path: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            steps.push(Step::Key(key.to_string()));
        }
        while let Some(stripped) = rest.strip_prefix('[') {
            let end = stripped.find(']')?;
            steps.push(Step::Index(stripped[..end].parse().ok()?));
            rest = &stripped[end + 1..];
        }
    }
    Some(steps)
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The end of the string that opens at `i` (just past its closing quote).
fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The end of the value that starts at `i`.
fn skip_value(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => skip_string(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = skip_string(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            None
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']') && !b[j].is_ascii_whitespace()
            {
                j += 1;
            }
            Some(j)
        }
    }
}

fn find_key(text: &str, at: usize, key: &str) -> Option<usize> {
    members(text, at)?
        .into_iter()
        .find(|(name, _, _)| name == key)
        .map(|(_, start, _)| start)
}

fn find_index(b: &[u8], at: usize, index: usize) -> Option<usize> {
    if b.get(at) != Some(&b'[') {
        return None;
    }
    let mut i = skip_ws(b, at + 1);
    for _ in 0..index {
        i = skip_ws(b, skip_value(b, i)?);
        if b.get(i) != Some(&b',') {
            return None;
        }
        i = skip_ws(b, i + 1);
    }
    (i < b.len() && b[i] != b']').then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_places_in_one_pass_or_again() {
        let text = "ab\ncdé\nf";
        let mut lines = Lines::new(text.as_bytes());
        assert_eq!(lines.at(0), (1, 1));
        assert_eq!(lines.at(4), (2, 2));
        assert_eq!(lines.at(7), (2, 4));
        assert_eq!(lines.at(99), (3, 2));
        assert_eq!(lines.at(3), (2, 1));
        assert_eq!(line_col(text, 8), (3, 1));
    }

    #[test]
    fn only_serde_json_positions_are_stripped() {
        let e = serde_json::from_str::<u8>("[").unwrap_err();
        assert!(e.to_string().ends_with(" at line 1 column 0"), "{e}");
        assert_eq!(json_message(&e), "invalid type: sequence, expected u8");
        assert_eq!(strip_json_position("x at line 2 column 30"), "x");
        assert_eq!(
            strip_json_position("seen at line nine"),
            "seen at line nine"
        );
        assert_eq!(strip_json_position("no place"), "no place");
    }

    const DOC: &str = "{\n  \"a\": {\"b\": [1, {\"c\": \"x\"}, \"é\"]},\n  \"d\\\"q\": 2,\n  \"e\": [ [], \"y\" ]\n}";

    #[test]
    fn finds_keys_and_indexes() {
        assert_eq!(locate(DOC, "a"), Some((2, 8)));
        assert_eq!(locate(DOC, "a.b[0]"), Some((2, 15)));
        assert_eq!(locate(DOC, "a.b[1].c"), Some((2, 24)));
        assert_eq!(locate(DOC, "a.b[2]"), Some((2, 30)));
        assert_eq!(locate(DOC, "e[1]"), Some((4, 14)));
    }

    #[test]
    fn members_and_elements_span_their_values() {
        let m = members(DOC, 0).unwrap();
        let keys: Vec<&str> = m.iter().map(|(k, _, _)| k.as_str()).collect();
        assert_eq!(keys, ["a", "d\"q", "e"]);
        let (_, a, b) = &m[2];
        assert_eq!(&DOC[*a..*b], "[ [], \"y\" ]");
        let e = elements(DOC, *a).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(&DOC[e[1].0..e[1].1], "\"y\"");
        assert_eq!(offset_of("ab\ncd", 2, 2), 4);
    }

    #[test]
    fn blanking_keeps_json_valid_and_places_true() {
        for path in ["a", "a.b[0]", "a.b[1].c", "a.b[2]", "e", "e[1]", "e[0]"] {
            let mut text = DOC.to_string();
            assert!(blank(&mut text, path), "{path}");
            assert_eq!(text.len(), DOC.len(), "{path}");
            assert!(
                serde_json::from_str::<serde_json::Value>(&text).is_ok(),
                "{path}: {text}"
            );
        }
        let mut text = DOC.to_string();
        blank(&mut text, "a.b[0]");
        assert_eq!(locate(&text, "e[1]"), locate(DOC, "e[1]"));
        assert!(!blank(&mut text, "z"));
    }

    #[test]
    fn missing_places_are_none() {
        assert_eq!(locate(DOC, "a.b[3]"), None);
        assert_eq!(locate(DOC, "z"), None);
        assert_eq!(locate(DOC, "a[0]"), None);
        assert_eq!(locate("[", "a"), None);
        assert_eq!(locate("{\"a\": [1,", "a[5]"), None);
    }
}
