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

#[cfg(test)]
mod tests {
    use super::*;

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
