//! Film records end to end: schema v2 fields, every kind of bad record
//! refused with one located message in plain words (and never played),
//! `check`'s warnings, and the shape of a broken file.

use crate::common::command;
use serde_json::{Value, json};

/// A valid record to break one field at a time.
fn base() -> Value {
    json!({
        "title": "Paper Moon Harbour",
        "year": 2003,
        "crew": [{ "name": "Ada Quill", "jobs": ["director"] }],
        "cast": [{ "name": "Bo Lark", "performer": "actor" }],
        "premiere": { "event": "Rialto", "date": "2003-04-05", "kind": "cinema" },
        "release": { "date": "2003-05-01", "kind": "wide" },
        "filming": { "from": "2002-06", "to": "2002-09" },
        "distributors": [{ "company": "Tern Films", "territories": ["Chile"] }],
        "budget": { "amount": 2000000, "currency": "CLP" },
        "awards": [{ "body": "Gulls", "category": "Best Sound", "result": "won", "recipients": ["Cy Reed", "Di Moss"] }],
        "decoys": { "cities": ["Lima"] }
    })
}

/// Runs `args` on `text` saved as `name`; (stdout, stderr, exit code).
fn run(name: &str, text: &str, args: &[&str]) -> (String, String, i32) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let mut all: Vec<&str> = args.to_vec();
    let p = path.to_string_lossy().to_string();
    all.push(&p);
    let out = command()
        .args(&all)
        .write_stdin("1\n".repeat(20))
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// The `line:column` a message gives after `name: `.
fn place(message: &str, name: &str) -> (usize, usize) {
    let rest = message
        .split_once(&format!("{name}: "))
        .unwrap_or_else(|| panic!("no file name in {message:?}"))
        .1;
    let mut parts = rest.splitn(3, ':');
    let line = parts.next().and_then(|l| l.parse().ok());
    let col = parts.next().and_then(|c| c.parse().ok());
    match (line, col) {
        (Some(l), Some(c)) => (l, c),
        _ => panic!("no line:column in {message:?}"),
    }
}

#[test]
fn a_record_using_every_version_two_field_checks_and_plays() {
    let text = serde_json::to_string_pretty(&base()).unwrap();
    let (stdout, stderr, code) = run("v2.json", &text, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("ok: film record \"Paper Moon Harbour\""),
        "{stdout}"
    );
}

/// One way to break the base record.
type Change = Box<dyn Fn(&mut Value)>;

#[test]
fn every_kind_of_bad_record_gets_one_clear_located_message_and_is_never_played() {
    let cases: Vec<(&str, Change, &str)> = vec![
        (
            "typo",
            Box::new(|v| v["relase"] = json!({})),
            "unknown field `relase` (did you mean `release`?)",
        ),
        (
            "year-as-text",
            Box::new(|v| v["year"] = json!("2003")),
            "field `year`: expected a whole number, found the text \"2003\"",
        ),
        (
            "impossible-date",
            Box::new(|v| v["release"]["date"] = json!("2003-02-30")),
            "field `release.date`: expected a date like",
        ),
        (
            "text-date",
            Box::new(|v| v["release"]["date"] = json!("May 1st")),
            "field `release.date`: expected a date like",
        ),
        (
            "negative-budget",
            Box::new(|v| v["budget"]["amount"] = json!(-5)),
            "field `budget.amount`: must be a number from 1 to 999 billion",
        ),
        (
            "huge-gross",
            Box::new(|v| v["gross"] = json!({"amount": 9e18, "currency": "USD"})),
            "field `gross.amount`: must be a number from 1 to 999 billion",
        ),
        (
            "decoy-country-is-stated",
            Box::new(|v| {
                v["countries"] = json!(["Chile"]);
                v["decoys"]["countries"] = json!(["Peru", "chile"]);
            }),
            "field `decoys.countries[1]`: \"chile\" is stated as a fact of this film (at `countries[0]`)",
        ),
        (
            "screening-before-premiere",
            Box::new(|v| {
                v["screenings"] = json!([{ "event": "Gulls Fest", "date": "2003-01-01" }])
            }),
            "field `screenings[0].date`: is not after premiere.date",
        ),
        (
            "unknown-partial-list",
            Box::new(|v| v["partial"] = json!(["awards", "budget"])),
            "field `partial[1]`: \"budget\" is not a list a record can give in part",
        ),
        (
            "tie-with-itself",
            Box::new(|v| v["awards"][0]["shared_with"] = json!("Paper Moon Harbour")),
            "field `awards[0].shared_with`: names this film",
        ),
        (
            "territory-takings-twice",
            Box::new(|v| {
                v["grosses"] = json!([
                    { "territory": "Chile", "gross": { "amount": 5, "currency": "CLP" } },
                    { "territory": "chile", "gross": { "amount": 6, "currency": "CLP" } }
                ])
            }),
            "field `grosses[1].territory`: \"chile\" has takings already",
        ),
        (
            "closed-before-release",
            Box::new(|v| v["release"]["closed"] = json!("2003-01-01")),
            "field `release.closed`: is before release.date",
        ),
        (
            "unknown-currency",
            Box::new(|v| v["budget"]["currency"] = json!("XYZ")),
            "field `budget.currency`: expected a currency code from ISO 4217",
        ),
        (
            "festival-words-for-a-cinema",
            Box::new(|v| v["premiere"]["in_competition"] = json!(true)),
            "field `premiere.in_competition`: belongs to a festival premiere only",
        ),
        (
            "unknown-premiere-kind",
            Box::new(|v| v["premiere"]["kind"] = json!("drive-in")),
            "field `premiere.kind`: expected one of \"festival\", \"cinema\", \"other\", found \"drive-in\"",
        ),
        (
            "recipient-twice",
            Box::new(|v| v["awards"][0]["recipient"] = json!("Cy Reed")),
            "field `awards[0].recipients`: is given with `recipient`",
        ),
        (
            "no-recipients",
            Box::new(|v| v["awards"][0]["recipients"] = json!([])),
            "field `awards[0].recipients`: is an empty list",
        ),
        (
            "half-a-period",
            Box::new(|v| v["filming"] = json!({"from": "2002-06"})),
            "field `filming.from`: needs `to` as well",
        ),
        (
            "period-backwards",
            Box::new(|v| v["filming"]["to"] = json!("2002-01")),
            "field `filming.to`: 2002-01 is before filming.from",
        ),
        (
            "bad-month",
            Box::new(|v| v["filming"]["to"] = json!("2002-13")),
            "field `filming.to`: month 13",
        ),
        (
            "range-backwards",
            Box::new(|v| v["budget"] = json!({"min": 5e6, "max": 2e6, "currency": "EUR"})),
            "field `budget.max`: must be greater than `min`",
        ),
        (
            "sum-and-range",
            Box::new(|v| v["budget"]["min"] = json!(1)),
            "field `budget.amount`: is given with `min`/`max`",
        ),
        (
            "two-distribution-styles",
            Box::new(|v| v["distribution"] = json!({"company": "X", "territory": "Peru"})),
            "field `distributors`: gives distributors a second time",
        ),
        (
            "no-territories",
            Box::new(|v| v["distributors"][0]["territories"] = json!([])),
            "field `distributors[0].territories`: lists no territories",
        ),
        (
            "territory-twice",
            Box::new(
                |v| v["releases"] = json!([{"territory": "Chile", "date": "2003-05-01"}, {"territory": "chile", "date": "2003-06-01"}]),
            ),
            "field `releases[1].territory`: \"chile\" has a release already",
        ),
        (
            "too-many-screens",
            Box::new(|v| v["release"]["widest_screens"] = json!({"value": 5_000_000_000u64})),
            "field `release.widest_screens.value`: 5,000,000,000 is more than this field allows",
        ),
        (
            "wrapping-days",
            Box::new(|v| v["filming"]["days"] = json!(-1)),
            "field `filming.days`: expected a whole number of 0 or more, found the number -1",
        ),
        (
            "decoy-is-a-fact",
            Box::new(|v| v["decoys"]["cities"] = json!(["Rialto"])),
            "field `decoys.cities[0]`: \"Rialto\" is stated as a fact",
        ),
        (
            "no-title",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("title");
            }),
            "the record needs the field `title`",
        ),
        (
            "null-title",
            Box::new(|v| v["title"] = Value::Null),
            "field `title`: expected text in quotes, found null",
        ),
        (
            "empty-name",
            Box::new(|v| v["cast"][0]["name"] = json!("  ")),
            "field `cast[0].name`: must not be empty",
        ),
    ];
    for (name, change, expected) in &cases {
        let mut v = base();
        change(&mut v);
        let text = serde_json::to_string_pretty(&v).unwrap();
        let file = format!("{name}.json");
        let (stdout, stderr, code) = run(&file, &text, &["check"]);
        assert_eq!(code, 1, "{name}: {stdout}{stderr}");
        let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
        assert_eq!(errors.len(), 1, "{name}: one message each: {stderr}");
        let message = errors[0];
        assert!(message.contains(expected), "{name}: {message}");
        let (line, col) = place(message, &file);
        let at = text.lines().nth(line - 1).unwrap_or_default();
        assert!(
            col >= 1 && col <= at.chars().count() + 1,
            "{name}: {line}:{col} is off the line {at:?}"
        );
        for rust in [
            "i32",
            "u32",
            "u64",
            "f64",
            "invalid type",
            "invalid characters",
            "struct ",
        ] {
            assert!(!message.contains(rust), "{name}: Rust's words in {message}");
        }
        // Nothing is played from it.
        let (stdout, stderr, code) = run(
            &file,
            &text,
            &["play", "--seed", "1", "--count", "3", "--record"],
        );
        assert_eq!(code, 1, "{name}: {stderr}");
        assert!(stdout.is_empty(), "{name}: a game started: {stdout}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
    }
}

#[test]
fn every_problem_in_a_record_is_reported_at_once() {
    let mut v = base();
    v["year"] = json!("2003");
    v["cast"] = json!([{ "name": 5 }, { "name": "Bo Lark", "rol": "x" }]);
    v["release"]["date"] = json!("soon");
    v["budget"]["amount"] = json!(-1);
    let text = serde_json::to_string_pretty(&v).unwrap();
    let (_, stderr, code) = run("many.json", &text, &["check"]);
    assert_eq!(code, 1);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    // The type problems all at once (the rule about the budget waits until
    // the record can be read).
    assert_eq!(errors.len(), 4, "{stderr}");
    for field in [
        "`year`",
        "`cast[0].name`",
        "`cast[1].rol`",
        "`release.date`",
    ] {
        assert!(stderr.contains(field), "{field} missing: {stderr}");
    }
}

#[test]
fn a_broken_record_is_still_checked_as_a_record() {
    let (_, stderr, code) = run(
        "broken.json",
        "{\"title\": \"X\", \"year\": 2003,\n \"cast\": [{\"name\": \"A\"}\n",
        &["check"],
    );
    assert_eq!(code, 1);
    assert!(
        stderr.contains("broken.json: 3:1: not valid JSON"),
        "{stderr}"
    );
    assert!(!stderr.contains("question"), "taken for a bank: {stderr}");
    let (_, stderr, _) = run(
        "typed.json",
        "{\"title\": \"X\", \"year\": \"soon\", \"cast\": 5}",
        &["check"],
    );
    assert!(!stderr.contains("question"), "taken for a bank: {stderr}");
    assert!(
        stderr.contains("field `cast`: expected a list in [ ], found the number 5"),
        "{stderr}"
    );
}

#[test]
fn one_person_written_twice_is_one_choice_and_check_names_both_lines() {
    let mut v = base();
    // "é" composed, then decomposed with other case and spacing.
    v["cast"] = json!([
        { "name": "L\u{e9}a Fontaine", "performer": "actress", "role": "a pilot" },
        { "name": "Ana Ruiz", "performer": "actress" },
        { "name": "le\u{301}a  FONTAINE", "performer": "actress" }
    ]);
    v["decoys"] = json!({ "actresses": ["Zoe Vale", "Mia Sol", "Eva Lund", "Ida Berg"] });
    let text = serde_json::to_string_pretty(&v).unwrap();
    let (stdout, stderr, code) = run("twice.json", &text, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    let warning = stderr
        .lines()
        .find(|l| l.contains("the same person"))
        .unwrap_or_else(|| panic!("no warning: {stderr}"));
    let (line, _) = place(warning, "twice.json");
    assert!(
        text.lines().nth(line - 1).unwrap().contains("FONTAINE"),
        "{warning}"
    );
    let first = text.lines().position(|l| l.contains("Fontaine")).unwrap() + 1;
    assert!(warning.contains(&format!(" at {first}:")), "{warning}");
    assert!(stdout.contains("ok: film record"), "{stdout}");
    // The cast is still asked about, and never offers one person twice.
    let (bank, _, code) = run("twice.json", &text, &["generate", "--record"]);
    assert_eq!(code, 0);
    let bank: Value = serde_json::from_str(&bank).unwrap();
    let questions = bank["questions"].as_array().unwrap();
    assert!(
        questions.iter().any(|q| q["category"] == "cast"),
        "cast questions gone"
    );
    for q in questions {
        let mut seen = std::collections::HashSet::new();
        let choices = std::iter::once(&q["answer"]).chain(q["distractors"].as_array().unwrap());
        for c in choices {
            let folded: String = c
                .as_str()
                .unwrap()
                .to_lowercase()
                .split_whitespace()
                .collect();
            let folded = folded.replace("e\u{301}", "\u{e9}");
            assert!(seen.insert(folded), "one person twice in {q}");
        }
    }
}

#[test]
fn check_says_which_sections_yield_no_question_and_why() {
    let mut v = base();
    v["original_title"] = json!("Harbour of Paper");
    let text = serde_json::to_string_pretty(&v).unwrap();
    let (_, stderr, code) = run("quiet.json", &text, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    for (field, why) in [
        ("cast", "decoys.actors"),
        ("original_title", "decoys.titles"),
        ("production_companies", ""),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(&format!("field `{field}` yields no question")));
        if why.is_empty() {
            assert!(line.is_none(), "{field} is not in the record: {stderr}");
        } else {
            let line = line.unwrap_or_else(|| panic!("no warning for {field}: {stderr}"));
            assert!(line.contains(why), "{line}");
            place(line, "quiet.json");
        }
    }
}

#[test]
fn an_extreme_record_is_asked_about_sensibly() {
    let mut v = base();
    v["budget"] = json!({ "amount": 1, "currency": "USD" });
    v["gross"] = json!({ "amount": 999e9, "currency": "USD" });
    let text = serde_json::to_string_pretty(&v).unwrap();
    let (bank, stderr, code) = run("extreme.json", &text, &["generate", "--record"]);
    assert_eq!(code, 0, "{stderr}");
    let bank: Value = serde_json::from_str(&bank).unwrap();
    let all = serde_json::to_string(&bank).unwrap();
    assert!(all.contains("$999 billion"), "{all}");
    assert!(
        !all.contains("times its budget"),
        "a ratio of a trillion was asked: {all}"
    );
    assert!(!all.contains("e+"), "{all}");
    assert!(!all.contains("billion billion"), "{all}");
    // No run of digits longer than a sum written with separators allows.
    let longest = all
        .split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0);
    assert!(longest <= 4, "a long number: {all}");
}

#[test]
fn check_names_each_question_that_can_never_be_asked_and_what_to_add() {
    let mut v = base();
    // One decoy actor: "Who plays the lighthouse keeper?" needs three.
    v["cast"] = json!([
        { "name": "Bo Lark", "performer": "actor", "role": "the lighthouse keeper" },
        { "name": "Cal Moor", "performer": "actor" }
    ]);
    v["decoys"] = json!({ "actors": ["Dag Fell"] });
    // A winner in neither the cast nor the crew.
    v["awards"] = json!([{ "body": "Gulls", "category": "Best Sound", "result": "won", "recipient": "Cy Reed" }]);
    let text = serde_json::to_string_pretty(&v).unwrap();
    let (_, stderr, code) = run("thin.json", &text, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    let line = stderr
        .lines()
        .find(|l| l.contains("the question \"In Paper Moon Harbour, who plays the lighthouse keeper?\" is never asked"))
        .unwrap_or_else(|| panic!("no warning for the part: {stderr}"));
    assert!(line.contains("field `cast`"), "{line}");
    assert!(
        line.contains("only 2 of the names it can be offered among do"),
        "{line}"
    );
    assert!(line.contains("add 1 more name without them"), "{line}");
    place(line, "thin.json");
    let line = stderr
        .lines()
        .find(|l| l.contains("Who won Best Sound"))
        .unwrap_or_else(|| panic!("no warning for the award: {stderr}"));
    assert!(
        line.contains("\"Cy Reed\" is in neither `cast` nor `crew`")
            && line.contains("`decoys.crew`"),
        "{line}"
    );
}
