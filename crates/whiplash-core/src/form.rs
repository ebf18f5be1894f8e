//! Whether a question's answer stands out by its form: what a player could
//! guess without knowing anything about the film. The generator refuses
//! such questions, and `check` warns bank authors about them.

use crate::question::{Folded, Question, Words, normalize};
use std::fmt;
use std::ops::ControlFlow;

/// The visible marks of a choice that set it apart from others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// A digit anywhere.
    pub digits: bool,
    /// An initial such as `J.` or `J. K.`.
    pub initials: bool,
    /// A bracket.
    pub brackets: bool,
    /// A symbol such as `&` or `+` (`Barunson E&A`).
    pub symbols: bool,
}

/// The shape of `text`.
pub fn shape(text: &str) -> Shape {
    // Every mark but initials is ASCII, and no byte of a longer UTF-8
    // character is: one table lookup a byte finds them. Initials ("J."), a
    // suffix ("Jr.", "Sr.") or an acronym ("TCL", "IFC") are marks a name
    // carries that others of its kind lack; in ASCII each needs two bytes
    // side by side (a letter and a full stop, "Jr" or "Sr", two capitals),
    // which the same lookups find: only then are its words looked at.
    let bytes = text.as_bytes();
    let (mut marks, mut pairs, mut before) = (0u16, 0u16, 0u16);
    for &b in bytes {
        let m = MARKS[usize::from(b)];
        marks |= m;
        pairs |= before & m;
        before = m >> 4;
    }
    let initials = if text.is_ascii() {
        pairs & (UPPER | FULL_STOP | SMALL_R) != 0
            && bytes
                .split(|b| matches!(b, b'\t'..=b'\r' | b' '))
                .any(marked_ascii)
    } else {
        text.split_whitespace().any(marked)
    };
    Shape {
        digits: marks & DIGIT != 0,
        initials,
        brackets: marks & BRACKET != 0,
        symbols: marks & SYMBOL != 0,
    }
}

const DIGIT: u16 = 1;
const BRACKET: u16 = 2;
const SYMBOL: u16 = 4;
/// The second byte of a pair that may mark initials: a capital, a full
/// stop, an `r`; the first byte's bits are these shifted up by 4 (a
/// capital, a letter, a `J` or an `S`).
const UPPER: u16 = 1 << 4;
const FULL_STOP: u16 = 1 << 5;
const SMALL_R: u16 = 1 << 6;

/// What each byte is.
const MARKS: [u16; 256] = {
    let mut marks = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let mut m = match c {
            b'0'..=b'9' => DIGIT,
            b'(' | b')' | b'[' | b']' => BRACKET,
            b'&' | b'+' | b'@' | b'#' | b'/' => SYMBOL,
            b'.' => FULL_STOP,
            b'r' => SMALL_R,
            _ => 0,
        };
        if c.is_ascii_uppercase() {
            m |= UPPER | UPPER << 4;
        }
        if c.is_ascii_alphabetic() {
            m |= FULL_STOP << 4;
        }
        if c == b'J' || c == b'S' {
            m |= SMALL_R << 4;
        }
        marks[b] = m;
        b += 1;
    }
    marks
};

/// Whether the word `w` is an initial, a suffix or an acronym.
fn marked(w: &str) -> bool {
    let mut c = w.chars();
    let initial =
        matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_alphabetic());
    let suffix = matches!(w, "Jr." | "Sr." | "Jr" | "Sr");
    // Two letters or more, and nothing but capital letters.
    let acronym =
        w.chars().nth(1).is_some() && w.chars().all(|c| c.is_alphabetic() && c.is_uppercase());
    initial || suffix || acronym
}

/// [`marked`] of an ASCII word (empty between two spaces, and so never
/// marked).
fn marked_ascii(w: &[u8]) -> bool {
    let initial = matches!(w, [a, b'.'] if a.is_ascii_alphabetic());
    let suffix = matches!(w, b"Jr." | b"Sr." | b"Jr" | b"Sr");
    let acronym = w.len() >= 2 && w.iter().all(u8::is_ascii_uppercase);
    initial || suffix || acronym
}

/// The one choice that differs in shape or in its number of words from
/// all the others, which agree among themselves; `None` when no choice
/// stands out so.
pub fn odd_one_out<S: AsRef<str>>(choices: &[S]) -> Option<usize> {
    let n = choices.len();
    if n < 3 {
        return None;
    }
    let traits: Vec<(Shape, usize)> = choices
        .iter()
        .map(|c| (shape(c.as_ref()), c.as_ref().split_whitespace().count()))
        .collect();
    let mut odd = None;
    for i in 0..n {
        let mut others = (0..n).filter(|&j| j != i).map(|j| traits[j]);
        let first = others.next().expect("three choices or more");
        let (mut same_shape, mut same_words) = (true, true);
        for (s, w) in others {
            same_shape &= s == first.0;
            same_words &= w == first.1;
        }
        let (shape_i, words_i) = traits[i];
        if (same_shape && shape_i != first.0) || (same_words && words_i != first.1) {
            if odd.is_some() {
                return None;
            }
            odd = Some(i);
        }
    }
    odd
}

/// The reason given when a prompt names its own answer. The deal planner
/// never deals such a question, so a bank that has one plays without it.
pub const NAMED_IN_PROMPT: &str = "the answer is named in its own prompt";

/// Choices that stand for other choices, which test makers never use
/// (word by word, as [`words`] cuts them).
const SUPERSETS: &[&[&str]] = &[
    &["all", "of", "the", "above"],
    &["none", "of", "the", "above"],
    &["all", "of", "these"],
    &["none", "of", "these"],
    &["both", "of", "them"],
    &["neither", "of", "them"],
    &["both"],
    &["neither"],
];

/// Words that hedge a value; an answer that is the only hedged choice is
/// easy to pick.
const HEDGES: &[&[&str]] = &[
    &["more", "than"],
    &["fewer", "than"],
    &["less", "than"],
    &["at", "least"],
    &["at", "most"],
    &["over"],
    &["under"],
    &["about"],
    &["roughly"],
    &["approximately"],
    &["around"],
];

/// Small words that say nothing about a choice.
const STOP: &[&str] = &[
    "the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "for", "by", "with", "its", "it",
    "is", "was", "which", "what", "who", "from", "as", "this", "that", "these", "did", "does",
];

/// The words of `text`, normalised, without punctuation.
pub fn words(text: &str) -> Vec<String> {
    // Plain ASCII needs no Unicode normalisation: lower-case it word by
    // word, without building the whole normalised text first.
    if text.is_ascii() {
        return text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_ascii_lowercase())
            .collect();
    }
    normalize(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `needle` occurs in `haystack` as a run of whole words.
pub fn contains_phrase<S: AsRef<str>>(haystack: &[String], needle: &[S]) -> bool {
    !needle.is_empty()
        && haystack
            .windows(needle.len())
            .any(|w| w.iter().zip(needle).all(|(a, b)| a == b.as_ref()))
}

/// Every way the answer of `q` stands out by its form, in plain words.
/// Empty for a fair question.
pub fn giveaways(q: &Question) -> Vec<String> {
    giveaways_of(&q.prompt, &q.answer, &q.distractors)
}

/// [`giveaways`] of a question given by its parts.
pub fn giveaways_of<S: AsRef<str>>(prompt: &str, answer: &str, distractors: &[S]) -> Vec<String> {
    let mut folded = Folded::default();
    folded.question(prompt, answer, distractors);
    let mut out = Vec::new();
    let _ = giveaways_in(&folded, answer, distractors, |g| {
        out.push(g.to_string());
        ControlFlow::Continue(())
    });
    out
}

/// One way an answer stands out by its form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Giveaway<'a> {
    /// The answer is named in its own prompt ([`NAMED_IN_PROMPT`]).
    Named,
    /// This choice stands for other choices.
    StandsFor(&'a str),
    /// Only the answer shares this word with the prompt.
    SharesWord(&'a str),
    /// The answer is far longer than every other choice.
    FarLonger,
    /// Only the answer says this hedge.
    Hedge(&'static [&'static str]),
    /// Only the answer has (`true`) or lacks (`false`) this mark.
    Odd(&'static str, bool),
}

impl fmt::Display for Giveaway<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Giveaway::Named => f.write_str(NAMED_IN_PROMPT),
            Giveaway::StandsFor(c) => write!(f, "the choice {c:?} stands for other choices"),
            Giveaway::SharesWord(w) => {
                write!(f, "only the answer shares the word {w:?} with the prompt")
            }
            Giveaway::FarLonger => f.write_str("the answer is far longer than every other choice"),
            Giveaway::Hedge(h) => write!(f, "only the answer says {:?}", h.join(" ")),
            Giveaway::Odd(what, has) => write!(
                f,
                "only the answer {} {what}",
                if *has { "has" } else { "lacks" }
            ),
        }
    }
}

/// Every way the answer stands out by its form, in order, given to `found`
/// until it breaks: the question's texts as [`Folded::question`] folded
/// them, and its answer and distractors as written.
pub fn giveaways_in<'a, S: AsRef<str>>(
    folded: &'a Folded,
    answer: &'a str,
    distractors: &'a [S],
    mut found: impl FnMut(Giveaway<'a>) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let text = answer;
    // The answer's words are read again and again: gathered once, on the
    // stack unless there are many.
    let (mut few, mut many) = ([""; 16], Vec::new());
    let mut count = 0;
    for w in folded.words(Folded::ANSWER).iter() {
        match few.get_mut(count) {
            Some(slot) => *slot = w,
            None if many.is_empty() => many.extend(few.iter().copied().chain([w])),
            None => many.push(w),
        }
        count += 1;
    }
    let answer: &[&str] = if many.is_empty() {
        &few[..count]
    } else {
        &many
    };
    let prompt = folded.words(Folded::PROMPT);
    let wrong = |i: usize| folded.words(Folded::distractor(i));
    let n = distractors.len();
    let is = |w: Words<'_>, s: &str| {
        let mut words = w.iter();
        words.next() == Some(s) && words.next().is_none()
    };
    let true_false = n == 1
        && ((answer == ["true"] && is(wrong(0), "false"))
            || (answer == ["false"] && is(wrong(0), "true")));
    if true_false {
        return ControlFlow::Continue(());
    }

    // Which words of the answer are the prompt's too (bit k for word k).
    let mut shown = 0u64;
    let bits = answer.len() <= 64;
    if bits {
        for (k, &w) in answer.iter().enumerate() {
            if prompt.contains(w) {
                shown |= 1 << k;
            }
        }
    }
    let in_prompt = |k: usize| {
        if bits {
            shown & 1 << k != 0
        } else {
            prompt.contains(answer[k])
        }
    };

    // An answer as short as "4" may well appear in "4/4 time" by chance.
    let specific = answer.iter().map(|w| w.chars().count() + 1).sum::<usize>() > 4;
    // Each word of the answer is the prompt's before they can be a run of
    // them there.
    let named = specific && (0..answer.len()).all(in_prompt) && prompt.contains_phrase(answer);
    if named {
        found(Giveaway::Named)?;
    }
    if SUPERSETS.iter().any(|s| answer.starts_with(s)) {
        found(Giveaway::StandsFor(text))?;
    }
    for (i, d) in distractors.iter().enumerate() {
        // A choice whose normal form begins with a letter or digit that
        // begins no superset is none, without a look at its words.
        let lead = folded.normal(Folded::distractor(i)).as_bytes().first();
        if lead.is_some_and(|&b| {
            b.is_ascii_alphanumeric() && !SUPERSETS.iter().any(|s| s[0].as_bytes()[0] == b)
        }) {
            continue;
        }
        let w = wrong(i);
        let first = w.iter().next();
        if SUPERSETS
            .iter()
            .any(|s| first == Some(s[0]) && starts_with_words(w, s))
        {
            found(Giveaway::StandsFor(d.as_ref()))?;
        }
    }
    // A word of the prompt that only the answer shares.
    let shared = (0..answer.len())
        .filter(|&k| answer[k].len() >= 3 && !STOP.contains(&answer[k]) && in_prompt(k))
        .map(|k| answer[k])
        .find(|w| !(0..n).any(|i| wrong(i).contains(w)));
    if let Some(w) = shared
        && !named
    {
        found(Giveaway::SharesWord(w))?;
    }
    let len = |s: &str| s.chars().count();
    let longest_wrong = distractors
        .iter()
        .map(|d| len(d.as_ref()))
        .max()
        .unwrap_or(0);
    if len(text) >= 2 * longest_wrong.max(1) && len(text) >= longest_wrong + 12 {
        found(Giveaway::FarLonger)?;
    }
    // Only an answer with a hedge's first word can say it.
    let hedged = answer.iter().any(|w| HEDGES.iter().any(|h| h[0] == *w));
    for hedge in HEDGES.iter().filter(|_| hedged) {
        if answer.windows(hedge.len()).any(|run| run == *hedge)
            && !(0..n).any(|i| wrong(i).contains_phrase(hedge))
        {
            found(Giveaway::Hedge(hedge))?;
        }
    }
    if n >= 2 {
        let a = shape(text);
        // Each mark: whether any wrong choice has it, and whether all do.
        let (mut any, mut all) = ([false; 4], [true; 4]);
        for d in distractors {
            let s = shape(d.as_ref());
            for (k, has) in [s.digits, s.initials, s.brackets, s.symbols]
                .into_iter()
                .enumerate()
            {
                any[k] |= has;
                all[k] &= has;
            }
        }
        let marks = [
            (a.digits, "digits"),
            (a.initials, "initials"),
            (a.brackets, "brackets"),
            (a.symbols, "a symbol such as &"),
        ];
        for (k, (has, what)) in marks.into_iter().enumerate() {
            // Every wrong choice differs from the answer in this mark.
            if (has && !any[k]) || (!has && all[k]) {
                found(Giveaway::Odd(what, has))?;
            }
        }
    }
    ControlFlow::Continue(())
}

/// Whether a generated answer stands apart by its length: over 40% (and
/// three letters) longer than the longest other choice, or as much shorter
/// than the shortest. Stricter than [`giveaways`], which bank authors are
/// warned by: the generator draws its own wrong choices and can refuse a
/// question it cannot draw fairly.
pub fn apart_by_length<S: AsRef<str>>(answer: &str, distractors: &[S]) -> bool {
    let len = |s: &str| s.chars().count() as f64;
    let lens: Vec<f64> = distractors.iter().map(|d| len(d.as_ref())).collect();
    if lens.len() < 2 {
        return false;
    }
    let a = len(answer);
    let longest = lens.iter().copied().fold(0.0, f64::max);
    let shortest = lens.iter().copied().fold(f64::INFINITY, f64::min);
    (a > longest * 1.4 && a >= longest + 3.0) || (a * 1.4 < shortest && a + 3.0 <= shortest)
}

/// Whether the words `w` are the phrase `s`, or begin with it.
fn starts_with_words(w: Words<'_>, s: &[&str]) -> bool {
    let mut words = w.iter();
    s.iter().all(|part| words.next() == Some(part))
}

/// The one choice that lacks a word every other choice has ("Harbour
/// Productions" among three "... Entertainment"), or has one none of the
/// others has while they all share another: `None` when no choice stands
/// apart so. Words of three letters or more, stop words aside.
pub fn word_apart<S: AsRef<str>>(choices: &[S]) -> Option<usize> {
    if choices.len() < 4 {
        return None;
    }
    let sets: Vec<std::collections::HashSet<String>> = choices
        .iter()
        .map(|c| {
            words(c.as_ref())
                .into_iter()
                .filter(|w| w.chars().count() >= 3 && !STOP.contains(&w.as_str()))
                .collect()
        })
        .collect();
    let apart: Vec<usize> = (0..sets.len())
        .filter(|&i| {
            let mut others = (0..sets.len()).filter(|&j| j != i).map(|j| &sets[j]);
            let first = others.next().cloned().unwrap_or_default();
            let shared: std::collections::HashSet<&String> = first
                .iter()
                .filter(|w| others.clone().all(|o| o.contains(*w)))
                .collect();
            shared.iter().any(|w| !sets[i].contains(*w))
        })
        .collect();
    (apart.len() == 1).then(|| apart[0])
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_choice_lacking_the_word_all_others_share_stands_apart() {
        let apart = [
            "Harbour Productions",
            "Northgate Entertainment",
            "Tern Entertainment",
            "Gull Entertainment",
        ];
        assert_eq!(word_apart(&apart), Some(0));
        let mixed = [
            "Harbour Productions",
            "Northgate Entertainment",
            "Lark Media",
            "Gull Entertainment",
        ];
        assert_eq!(word_apart(&mixed), None);
        // All four alike is fair.
        let alike = [
            "Best Film Editing",
            "Best Sound Mixing",
            "Best Picture",
            "Best Director",
        ];
        assert_eq!(word_apart(&alike), None);
    }

    use super::*;
    use crate::question::Difficulty;

    fn q(prompt: &str, answer: &str, wrong: &[&str]) -> Question {
        Question {
            prompt: prompt.into(),
            answer: answer.into(),
            distractors: wrong.iter().map(|w| w.to_string()).collect(),
            category: "x".into(),
            difficulty: Difficulty::Medium,
            explanation: String::new(),
            meta: Default::default(),
        }
    }

    #[test]
    fn a_fair_question_has_no_giveaway() {
        let fair = q(
            "Which time signature has five beats to a bar?",
            "5/4",
            &["3/4", "6/8", "7/8"],
        );
        assert_eq!(giveaways(&fair), Vec::<String>::new());
        let tf = q("True or false: a waltz is in 3/4.", "True", &["False"]);
        assert!(giveaways(&tf).is_empty());
    }

    #[test]
    fn each_giveaway_is_named() {
        let cases = [
            (
                q(
                    "Who sang the song Tommy wrote?",
                    "Tommy",
                    &["Annie", "Bobby", "Cyril"],
                ),
                "own prompt",
            ),
            (
                q("Which?", "All of the above", &["A", "B", "C"]),
                "stands for other",
            ),
            (
                q("Which?", "A", &["B", "Both A and B", "C"]),
                "stands for other",
            ),
            (
                q(
                    "How far?",
                    "To more than 500 screens",
                    &["To 100 screens", "To 50 screens", "To 10 screens"],
                ),
                "\"more than\"",
            ),
            (
                q(
                    "Why?",
                    "Because the drummer practised for many long years",
                    &["Luck", "Money", "Fame"],
                ),
                "far longer",
            ),
            (
                q("Who?", "J. K. Rowling", &["Ann Lee", "Bo Day", "Cy Fox"]),
                "initials",
            ),
            (
                q("Which year?", "1999", &["Soon", "Later", "Never"]),
                "digits",
            ),
            (
                q(
                    "Which label released the Sony film?",
                    "Sony Classics",
                    &["Focus", "Neon", "A24 Films"],
                ),
                "shares the word",
            ),
        ];
        for (question, reason) in cases {
            let found = giveaways(&question);
            assert!(
                found.iter().any(|g| g.contains(reason)),
                "{:?}: {found:?}",
                question.answer
            );
        }
    }

    /// The form checks as they were first written, a word list per text
    /// and a vector per word: the folded ones must agree with them.
    mod reference {
        use super::super::*;

        fn reference(prompt: &str, answer: &str, distractors: &[String]) -> Vec<String> {
            let mut out = Vec::new();
            // Each text is cut into words once; every rule below reads those.
            let text = answer;
            let distractors: Vec<&str> = distractors.iter().map(AsRef::as_ref).collect();
            let answer = words(text);
            let wrong: Vec<Vec<String>> = distractors.iter().map(|d| words(d)).collect();
            let is = |w: &[String], s: &str| w.len() == 1 && w[0] == s;
            let true_false = wrong.len() == 1
                && ((is(&answer, "true") && is(&wrong[0], "false"))
                    || (is(&answer, "false") && is(&wrong[0], "true")));
            if true_false {
                return out;
            }
            let prompt = words(prompt);

            // An answer as short as "4" may well appear in "4/4 time" by chance.
            let specific = answer.iter().map(|w| w.chars().count() + 1).sum::<usize>() > 4;
            let named = specific && contains_phrase(&prompt, &answer);
            if named {
                out.push(NAMED_IN_PROMPT.to_string());
            }
            for (c, w) in
                std::iter::once((text, &answer)).chain(distractors.iter().copied().zip(&wrong))
            {
                if SUPERSETS
                    .iter()
                    .any(|s| old_starts_with_words(w, &s.join(" ")))
                {
                    out.push(format!("the choice {c:?} stands for other choices"));
                }
            }
            // A word of the prompt that only the answer shares.
            let shared = answer
                .iter()
                .filter(|w| w.len() >= 3 && !STOP.contains(&w.as_str()) && prompt.contains(w))
                .find(|w| !wrong.iter().any(|d| d.contains(w)));
            if let Some(w) = shared
                && !named
            {
                out.push(format!(
                    "only the answer shares the word {w:?} with the prompt"
                ));
            }
            let len = |s: &str| s.chars().count();
            let longest_wrong = distractors.iter().map(|d| len(d)).max().unwrap_or(0);
            if len(text) >= 2 * longest_wrong.max(1) && len(text) >= longest_wrong + 12 {
                out.push("the answer is far longer than every other choice".to_string());
            }
            for hedge in HEDGES {
                if contains_phrase(&answer, hedge)
                    && !wrong.iter().any(|d| contains_phrase(d, hedge))
                {
                    out.push(format!("only the answer says {:?}", hedge.join(" ")));
                }
            }
            if distractors.len() >= 2 {
                let a = old_shape(text);
                let wrong: Vec<Shape> = distractors.iter().map(|d| old_shape(d)).collect();
                let odd = |f: fn(&Shape) -> bool, what: &str| {
                    (wrong.iter().all(|w| f(w) != f(&a))).then(|| {
                        format!(
                            "only the answer {} {what}",
                            if f(&a) { "has" } else { "lacks" }
                        )
                    })
                };
                out.extend(odd(|s| s.digits, "digits"));
                out.extend(odd(|s| s.initials, "initials"));
                out.extend(odd(|s| s.brackets, "brackets"));
                out.extend(odd(|s| s.symbols, "a symbol such as &"));
            }
            out
        }

        fn old_shape(text: &str) -> Shape {
            let mut shape = Shape {
                digits: false,
                initials: false,
                brackets: false,
                symbols: false,
            };
            for c in text.chars() {
                shape.digits |= c.is_ascii_digit();
                shape.brackets |= matches!(c, '(' | ')' | '[' | ']');
                shape.symbols |= matches!(c, '&' | '+' | '@' | '#' | '/');
            }
            // Initials ("J."), a suffix ("Jr.", "Sr.") or an acronym ("TCL",
            // "IFC"): marks a name carries that others of its kind lack.
            shape.initials = text.split_whitespace().any(|w| {
                let mut c = w.chars();
                let initial = matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_alphabetic());
                let suffix = matches!(w, "Jr." | "Sr." | "Jr" | "Sr");
                let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
                let acronym = letters.len() >= 2
                    && letters.len() == w.chars().count()
                    && letters.iter().all(|c| c.is_uppercase());
                initial || suffix || acronym
            });
            shape
        }

        fn old_starts_with_words(w: &[String], s: &str) -> bool {
            let mut n = 0;
            for (i, part) in s.split(' ').enumerate() {
                if w.get(i).map(String::as_str) != Some(part) {
                    return false;
                }
                n += 1;
            }
            n > 0
        }

        proptest::proptest! {
            #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
            #[test]
            fn folded_checks_agree_with_the_first_ones(
                prompt in CHOICE,
                answer in CHOICE,
                distractors in proptest::collection::vec(CHOICE, 0..5),
            ) {
                proptest::prop_assert_eq!(
                    giveaways_of(&prompt, &answer, &distractors),
                    reference(&prompt, &answer, &distractors)
                );
            }

            #[test]
            fn shapes_agree(text in "[aAJ. rS&(9\u{e9}\u{c9}\u{2160}\u{24b6}\t]{0,8}") {
                proptest::prop_assert_eq!(shape(&text), old_shape(&text));
            }
        }

        /// Texts made of words that trip the rules: true and false,
        /// supersets, hedges, stop words, initials, suffixes, acronyms,
        /// digits, brackets, symbols, accents and odd spacing.
        const CHOICE: &str = "(True|false|All of the above|both|neither of them|more than|at least|about|over|the|Drum|drum|DRUM|J\\.|Jr\\.|TCL|5/4|\\(b\\)|E&A|Lé|LÉ|ʼn|  |\t|[a-c]{1,3}| ){1,6}";
    }
}
