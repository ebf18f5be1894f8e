//! Making untrusted text safe to show on a terminal.

use std::borrow::Cow;

/// True for characters that a terminal would act on rather than show:
/// the C0 controls (ESC among them), DEL and the C1 controls.
pub fn is_control(c: char) -> bool {
    c.is_control()
}

/// `text` with every control character written as a Rust escape (`\u{1b}`),
/// so that nothing from a file can move the cursor or change colours.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Each of `items` on its own line, led by `lead: ` (a file's name before
/// each of its problems).
pub fn lines_of(lead: &str, items: &[impl std::fmt::Display]) -> String {
    items
        .iter()
        .map(|item| format!("{lead}: {item}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` with control characters escaped on each line, line breaks kept.
pub fn escape_controls_in_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        out.push_str(&escape_controls(body));
        out.push_str(end);
    }
    out
}

/// JSON text with every raw control character left in it (DEL and the C1
/// controls, which JSON allows unescaped) written as a `\u00XX` escape.
/// Control characters only occur inside strings, so the JSON means the same.
pub fn escape_json_controls(json: &str) -> Cow<'_, str> {
    let raw = |c: char| is_control(c) && !matches!(c, '\n' | '\r' | '\t');
    if !json.chars().any(raw) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if raw(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_its_meaning_with_no_raw_controls() {
        let value = serde_json::json!({"a": "x\u{85}y\u{7f}\u{9b}z\u{1b}"});
        let raw = serde_json::to_string_pretty(&value).unwrap();
        assert!(raw.contains('\u{85}'), "serde_json leaves C1 raw");
        let safe = escape_json_controls(&raw);
        assert!(!safe.chars().any(|c| is_control(c) && c != '\n'), "{safe}");
        assert!(safe.contains("\\u0085"), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn escapes_c0_del_and_c1_but_keeps_format_characters() {
        assert_eq!(escape_controls("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_controls("x\u{7f}y\u{9b}"), "x\\u{7f}y\\u{9b}");
        // Soft hyphen and left-to-right mark are ordinary text.
        assert_eq!(escape_controls("co\u{ad}op\u{200e}"), "co\u{ad}op\u{200e}");
        assert!(matches!(escape_controls("plain"), Cow::Borrowed(_)));
        assert_eq!(
            escape_controls_in_lines("a\u{9b}\nb\tc\n"),
            "a\\u{9b}\nb\\u{9}c\n"
        );
    }
}
