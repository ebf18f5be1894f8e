//! How record values read in prompts and answers.

use crate::record::{Currency, Money, YearMonth};
use chrono::{Datelike, NaiveDate};

/// `"March 5, 1999"`.
pub fn date(d: NaiveDate) -> String {
    match (MONTHS.get(d.month0() as usize), d.year()) {
        (Some(name), year @ 0..=9999) => format!("{name} {}, {year:04}", d.day()),
        _ => d.format("%B %-d, %Y").to_string(),
    }
}

/// `"June 1999"`.
pub fn month(m: YearMonth) -> String {
    match (
        m.month.checked_sub(1).and_then(|i| MONTHS.get(i as usize)),
        m.year,
    ) {
        (Some(name), year @ 0..=9999) => format!("{name} {year:04}"),
        _ => m.to_string(),
    }
}

/// The months' names, as chrono's `%B` writes them; written directly, since
/// parsing a format string for every date cost more than the rest of it.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `"$1.2 million"`, `"€950 thousand"`, `"SEK 30–40 million"`: one sum, or
/// a range written at the scale of its top.
pub fn money(m: Money) -> String {
    let (lo, hi) = m.range();
    if m.is_range() {
        range_like(lo, hi, hi, m.currency)
    } else {
        amount(lo, m.currency)
    }
}

/// An amount in a currency, rounded the way a person would say it.
pub fn amount(value: f64, currency: Currency) -> String {
    amount_like(value, value, currency)
}

/// The unit a sum is said in: a million for `$3.3 million`.
pub fn scale_unit(like: f64) -> f64 {
    scale(like).0
}

/// The scale a sum is said at, and its word.
fn scale(like: f64) -> (f64, &'static str) {
    if like >= 1e9 {
        (1e9, " billion")
    } else if like >= 1e6 {
        (1e6, " million")
    } else if like >= 1e4 {
        (1e3, " thousand")
    } else {
        (1.0, "")
    }
}

/// A number at a scale, to one decimal place where it needs one, with
/// thousands separated: `"3.3"`, `"1,250"`.
fn scaled(value: f64, by: f64) -> String {
    let v = (value / by * 10.0).round() / 10.0;
    if !v.is_finite() || v < 0.0 {
        return "0".into();
    }
    let whole = v.trunc() as u64;
    let tenth = ((v - v.trunc()) * 10.0).round() as u64;
    if tenth == 0 || by == 1.0 {
        thousands(whole)
    } else {
        format!("{}.{tenth}", thousands(whole))
    }
}

/// The sign, or the code and a space: `"$"`, `"SEK "`.
fn sign(currency: Currency) -> String {
    match currency.symbol() {
        Some(s) => s.to_string(),
        None => format!("{} ", currency.code()),
    }
}

/// An amount written at the scale `like` is written at (millions for
/// `$3.3 million`), so that a set of choices shares one form.
pub fn amount_like(value: f64, like: f64, currency: Currency) -> String {
    let (by, word) = scale(like);
    format!("{}{}{word}", sign(currency), scaled(value, by))
}

/// A range written at the scale of `like`: `"SEK 30–40 million"`.
pub fn range_like(lo: f64, hi: f64, like: f64, currency: Currency) -> String {
    let (by, word) = scale(like);
    format!(
        "{}{}–{}{word}",
        sign(currency),
        scaled(lo, by),
        scaled(hi, by)
    )
}

/// `1234567` as `"1,234,567"`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `"A"`, `"A and B"`, `"A, B and C"`.
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

/// `"1 day"`, `"20 days"`.
pub fn count(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// `"1 category"`, `"3 categories"`.
pub fn categories(n: usize) -> String {
    if n == 1 {
        "1 category".into()
    } else {
        format!("{n} categories")
    }
}

/// `"21st"`, `"22nd"`, `"13th"`.
pub fn ordinal(n: i32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A country or place name as it reads mid-sentence: `"the United States"`.
pub fn place(name: &str) -> String {
    let needs_the = [
        "United ",
        "Republic ",
        "Democratic ",
        "Czech ",
        "Central African ",
    ]
    .iter()
    .any(|p| name.starts_with(p))
        || [
            "Islands",
            "Netherlands",
            "Philippines",
            "Bahamas",
            "Gambia",
            "Emirates",
        ]
        .iter()
        .any(|s| name.ends_with(s));
    if needs_the {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

/// Uppercases the first letter.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An event's name as it reads after "at": "the Cannes Film Festival",
/// but "South by Southwest" and "The Annual Gala" as they are.
pub fn the(event: &str) -> String {
    const NOUNS: &[&str] = &[
        "festival", "fest", "awards", "biennale", "market", "showcase", "series", "gala", "week",
        "days", "forum",
    ];
    let last = event
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_lowercase();
    let has_the = event.to_lowercase().starts_with("the ");
    if !has_the && NOUNS.contains(&last.as_str()) {
        format!("the {event}")
    } else {
        event.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_months_read_as_chrono_writes_them() {
        for (y, m, d) in [(1999, 1, 1), (2014, 5, 31), (1, 12, 9), (2026, 2, 28)] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(date(day), day.format("%B %-d, %Y").to_string());
            assert_eq!(
                month(YearMonth { year: y, month: m }),
                day.format("%B %Y").to_string()
            );
        }
    }

    #[test]
    fn money_reads_naturally() {
        assert_eq!(amount(3_300_000.0, Currency::USD), "$3.3 million");
        assert_eq!(amount(49_000_000.0, Currency::USD), "$49 million");
        assert_eq!(amount(2_500_000_000.0, Currency::GBP), "£2.5 billion");
        assert_eq!(amount(950_000.0, Currency::EUR), "€950 thousand");
        assert_eq!(amount(4_500.0, Currency::EUR), "€4,500");
        assert_eq!(amount(999e9, Currency::USD), "$999 billion");
        assert_eq!(amount_like(3.5e12, 999e9, Currency::USD), "$3,500 billion");
        let sek: Currency = "SEK".parse().unwrap();
        assert_eq!(range_like(30e6, 40e6, 40e6, sek), "SEK 30–40 million");
    }

    #[test]
    fn dates_lists_and_ordinals() {
        let d = NaiveDate::from_ymd_opt(2014, 1, 6).unwrap();
        assert_eq!(date(d), "January 6, 2014");
        assert_eq!(
            month(YearMonth {
                year: 2013,
                month: 9
            }),
            "September 2013"
        );
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(ordinal(21), "21st");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(count(1, "day"), "1 day");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(place("United States"), "the United States");
        assert_eq!(place("Canada"), "Canada");
    }
}
