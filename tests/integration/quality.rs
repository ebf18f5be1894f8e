//! The quality rules seen from outside: `check` warns bank authors about
//! answers that give themselves away (and the bank still plays), and a
//! record's decoys are refused, with file, line, column and field, when
//! they would make a question wrong or ambiguous.

use crate::common::{Quiz, fixture};
use std::path::Path;

#[test]
fn check_names_every_question_whose_answer_gives_itself_away() {
    let quiz = Quiz::new();
    let out = quiz
        .run(&["check", &fixture("banks/giveaways.json")], "")
        .ok();
    let expected = [
        (
            "4:5: question 1:",
            "the choice \"All of the above\" stands for other choices",
        ),
        (
            "9:5: question 2:",
            "the answer is far longer than every other choice",
        ),
        (
            "9:5: question 2:",
            "only the answer shares the word \"rudiments\" with the prompt",
        ),
        ("14:5: question 3:", "only the answer says \"more than\""),
        (
            "19:5: question 4:",
            "the answer is named in its own prompt, so a game leaves this question out",
        ),
        ("24:5: question 5:", "only the answer has initials"),
    ];
    for (at, reason) in expected {
        assert!(
            out.stderr
                .lines()
                .any(|l| l.starts_with("warning: ") && l.contains(at) && l.contains(reason)),
            "no {at} {reason}:\n{}",
            out.stderr
        );
    }
    // The fair question (5/4 among 3/4, 6/8 and 7/8) gets none.
    assert!(!out.stderr.contains("question 6"), "{}", out.stderr);
    assert!(out.stdout.contains("ok: bank"), "{}", out.stdout);
    // The bank still plays, every question but the one that names its own
    // answer, which a game never asks.
    let report = quiz
        .run(
            &[
                "play",
                "--bank",
                &fixture("banks/giveaways.json"),
                "--count",
                "6",
                "--json",
                "--no-save",
            ],
            &"1\n".repeat(6),
        )
        .ok()
        .json();
    assert_eq!(report["planned"], 5);
    let asked: Vec<&str> = report["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["prompt"].as_str().unwrap())
        .collect();
    assert!(!asked.contains(&"Which drummer led the Buddy Rich Big Band?"));
}

#[test]
fn fair_banks_get_no_warning() {
    let quiz = Quiz::new();
    for bank in ["banks/rhythm.json", "banks/notation.json"] {
        let path = fixture(bank);
        if !Path::new(&path).exists() {
            continue;
        }
        let out = quiz.run(&["check", &path], "").ok();
        assert_eq!(out.stderr, "", "{bank}");
    }
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("questions/banks");
    let out = quiz.run(&["check", shipped.to_str().unwrap()], "").ok();
    assert_eq!(out.stderr, "", "the shipped banks are fair");
}

/// A copy of the made-up film with `edit` applied to its text.
fn edited(quiz: &Quiz, edit: impl Fn(&str) -> String) -> String {
    let text = std::fs::read_to_string(fixture("films/lantern-keeper.json")).unwrap();
    let path = quiz.data.path().join("edited.json");
    std::fs::write(&path, edit(&text)).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn a_decoy_that_is_a_fact_of_the_film_is_refused_with_its_place() {
    let quiz = Quiz::new();
    let cases: [(&str, &str, &str); 5] = [
        (
            r#""directors": ["Maeve Corrigan""#,
            r#""directors": ["Orla Brennan""#,
            "field `decoys.directors[0]`: \"Orla Brennan\" is stated as a fact of this film (at `crew[0].name`)",
        ),
        (
            r#""cities": ["Cork","#,
            r#""cities": ["galway ","#,
            "field `decoys.cities[0]`: \"galway \" is stated as a fact of this film (at `setting.city`)",
        ),
        (
            r#""films": ["#,
            r#""films": [{ "title": "Harbour Lights", "year": 2015 },"#,
            "field `decoys.films[0].title`: \"Harbour Lights\" is stated as a fact of this film (at `director_rank.until.title`)",
        ),
        (
            r#""categories": ["Best Director","#,
            r#""categories": ["Best Screenplay", "Best Director","#,
            "field `decoys.awards[0].categories[0]`: \"Best Screenplay\" is a category the film won or was nominated for",
        ),
        (
            r#""themes": ["revenge","#,
            r#""themes": ["revenge", "Revenge","#,
            "field `decoys.themes[1]`: \"Revenge\" is listed twice",
        ),
    ];
    for (from, to, message) in cases {
        let path = edited(&quiz, |t| {
            assert!(t.contains(from), "{from}");
            t.replacen(from, to, 1)
        });
        for args in [
            vec!["check", &path],
            vec!["play", "--record", &path, "--no-save"],
        ] {
            let out = quiz.run(&args, "1\n").fails();
            let line = out
                .stderr
                .lines()
                .find(|l| l.contains(message))
                .unwrap_or_else(|| panic!("{args:?}: no {message:?} in\n{}", out.stderr));
            // file: line:column: field ...
            let after = line.split("edited.json: ").nth(1).expect("names the file");
            let (place, _) = after.split_once(": field").expect("then the field");
            let (l, c) = place.split_once(':').expect("line:column");
            assert!(
                l.parse::<usize>().unwrap() > 40 && c.parse::<usize>().unwrap() > 1,
                "{line}"
            );
            assert!(!out.stdout.contains("Question 1"), "nothing is played");
        }
    }
}

#[test]
fn an_empty_decoy_list_is_refused() {
    let quiz = Quiz::new();
    for (from, to, field) in [
        (
            r#""places": ["Fastnet Light", "Hook Light", "Loop Head Light", "Tory Light"]"#,
            r#""places": []"#,
            "decoys.places",
        ),
        (
            r#""praise": ["editing", "costumes", "production design", "sound design", "screenplay"]"#,
            r#""praise": []"#,
            "decoys.praise",
        ),
        (
            r#""composer": ["Ronan Keogh", "Eimear Daly", "Colm Furlong", "Aisling Power", "Brendan Nagle"]"#,
            r#""composer": []"#,
            "decoys.crew.composer",
        ),
    ] {
        let path = edited(&quiz, |t| {
            assert!(t.contains(from), "{from}");
            t.replacen(from, to, 1)
        });
        let out = quiz.run(&["check", &path], "").fails();
        assert!(
            out.stderr
                .contains(&format!("field `{field}`: is an empty list")),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn a_record_rule_problem_names_its_line_and_column() {
    let quiz = Quiz::new();
    let path = edited(&quiz, |t| {
        t.replacen(r#""closed": "2010-01-14""#, r#""closed": "2009-01-14""#, 1)
    });
    let out = quiz.run(&["check", &path], "").fails();
    assert!(
        out.stderr
            .contains("edited.json: 42:87: field `release.closed`")
            && out
                .stderr
                .contains("field `release.closed`: is before release.date"),
        "{}",
        out.stderr
    );
}

#[test]
fn every_problem_of_a_record_is_reported_at_once_in_file_order() {
    let quiz = Quiz::new();
    let path = quiz.data.path().join("bad.json");
    std::fs::write(
        &path,
        r#"{
  "title": "Bad",
  "year": 1999,
  "premiere": { "event": "X Fest", "date": "1999-13-01", "in_competition": "yes" },
  "release": { "date": "1999-05-01", "kind": "wide", "closed": "1999-01-01" },
  "cast": [{ "name": 5, "role": 7 }]
}
"#,
    )
    .unwrap();
    let out = quiz.run(&["check", path.to_str().unwrap()], "").fails();
    let places: Vec<&str> = out
        .stderr
        .lines()
        .map(|l| {
            l.split("bad.json: ")
                .nth(1)
                .unwrap()
                .split(": ")
                .next()
                .unwrap()
        })
        .collect();
    // Two wrong fields in one object, a rule broken in a part that reads,
    // and two wrong fields in one list element: five, in file order.
    assert_eq!(
        places,
        ["4:44", "4:76", "5:64", "6:22", "6:33"],
        "{}",
        out.stderr
    );
    for field in [
        "premiere.date",
        "premiere.in_competition",
        "release.closed",
        "cast[0].name",
        "cast[0].role",
    ] {
        assert!(
            out.stderr.contains(&format!("field `{field}`")),
            "{field}: {}",
            out.stderr
        );
    }
}

#[test]
fn one_person_spelt_two_ways_across_cast_and_awards_is_named_with_both_places() {
    let quiz = Quiz::new();
    let path = edited(&quiz, |t| {
        let from = r#""recipient": "Niamh Doyle""#;
        assert!(t.contains(from));
        t.replacen(from, r#""recipient": "niamh  DOYLE""#, 1)
    });
    let out = quiz.run(&["check", &path], "").ok();
    let line = out
        .stderr
        .lines()
        .find(|l| l.contains("is written differently from"))
        .unwrap_or_else(|| panic!("no warning:\n{}", out.stderr));
    assert!(line.starts_with("warning: "), "{line}");
    assert!(line.contains("field `awards[1].recipient`"), "{line}");
    assert!(
        line.contains("\"Niamh Doyle\" at ") && line.contains("(`cast[0].name`)"),
        "{line}"
    );
    // The same spelling in two lists is one person, and no warning.
    let plain = quiz
        .run(&["check", &fixture("films/lantern-keeper.json")], "")
        .ok();
    assert!(
        !plain.stderr.contains("written differently"),
        "{}",
        plain.stderr
    );
}

#[test]
fn a_release_per_territory_may_not_contradict_the_release() {
    let quiz = Quiz::new();
    let path = edited(&quiz, |t| {
        let from = r#""standings": "#;
        assert!(t.contains(from));
        t.replacen(
            from,
            r#""releases": [{ "territory": "Ireland", "date": "2009-11-20" }],
  "standings": "#,
            1,
        )
    });
    let out = quiz.run(&["check", &path], "").fails();
    assert!(
        out.stderr
            .contains("field `releases[0].date`: Ireland opened on 2009-10-02 by `release`"),
        "{}",
        out.stderr
    );
}
