//! The generator's invariants, over many seeds and over arbitrary records,
//! and the traps of the built-in record.

use proptest::prelude::*;
use std::collections::HashSet;
use whiplash_quiz::game;
use whiplash_quiz::generate::generate;
use whiplash_quiz::question::{Question, normalize};
use whiplash_quiz::record::{self, Film};
use whiplash_quiz::rng::GameRng;

fn builtin() -> Film {
    record::builtin().expect("built-in record")
}

fn questions(film: &Film, seed: u64) -> Vec<Question> {
    generate(film, &mut GameRng::from_seed(seed))
}

/// The invariants every generated question keeps.
fn assert_well_formed(qs: &[Question]) -> Result<(), TestCaseError> {
    let mut prompts = HashSet::new();
    for q in qs {
        prop_assert!(!q.prompt.trim().is_empty());
        prop_assert!(
            !q.explanation.trim().is_empty(),
            "no explanation: {}",
            q.prompt
        );
        prop_assert!(!q.category.is_empty());
        prop_assert_eq!(q.distractors.len(), 3, "{}", q.prompt);
        let mut seen = HashSet::new();
        prop_assert!(seen.insert(normalize(&q.answer)));
        for d in &q.distractors {
            prop_assert!(!d.trim().is_empty());
            prop_assert!(
                seen.insert(normalize(d)),
                "repeated choice {:?} in {}",
                d,
                q.prompt
            );
        }
        prop_assert!(
            prompts.insert(normalize(&q.prompt)),
            "repeated prompt {}",
            q.prompt
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_seed_gives_well_formed_questions_with_one_right_choice(seed in any::<u64>()) {
        let film = builtin();
        let qs = questions(&film, seed);
        prop_assert!(qs.len() >= 40, "only {} questions", qs.len());
        assert_well_formed(&qs)?;
        let rounds = game::deal(&qs, 10, &mut GameRng::from_seed(seed));
        prop_assert_eq!(rounds.len(), 10);
        for r in &rounds {
            prop_assert_eq!(r.choices.len(), 4);
            let right = r.choices.iter().filter(|c| **c == r.question.answer).count();
            prop_assert_eq!(right, 1);
            prop_assert_eq!(&r.choices[r.answer], &r.question.answer);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_questions(seed in any::<u64>()) {
        let film = builtin();
        prop_assert_eq!(questions(&film, seed), questions(&film, seed));
        let a = game::deal(&questions(&film, seed), 10, &mut GameRng::from_seed(seed));
        let b = game::deal(&questions(&film, seed), 10, &mut GameRng::from_seed(seed));
        prop_assert_eq!(a, b);
    }
}

// ---- arbitrary records ---------------------------------------------------

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{2,8} [A-Z][a-z]{2,8}",
        // Names that collide once case and spacing are folded.
        Just("Ann Lee".to_string()),
        Just("ann  lee".to_string()),
    ]
}

fn date() -> impl Strategy<Value = String> {
    (1950i32..2030, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

/// Random records in the schema, built as JSON so they also pass the loader.
fn film_json() -> impl Strategy<Value = String> {
    let people =
        prop::collection::vec((name(), prop::option::of("[a-z]{2,8}( [a-z]{2,8})?")), 0..6);
    let crew = prop::collection::vec(
        (
            name(),
            prop::sample::subsequence(
                vec!["writer", "director", "producer", "editor", "gaffer"],
                1..3,
            ),
        ),
        0..4,
    );
    let companies = prop::collection::vec("[A-Z][a-z]{3,8} (Films|Pictures)", 0..6);
    let awards = prop::collection::vec(
        (
            prop::sample::select(vec!["Academy Awards", "Film Festival", "Guild"]),
            prop::option::of(1990i32..2030),
            prop::sample::select(vec![
                "Best Picture",
                "Best Editing",
                "Best Sound",
                "Best Actor",
                "Jury Prize",
            ]),
            any::<bool>(),
            prop::option::of(name()),
        ),
        0..8,
    );
    (
        (1950i32..2030, people, crew, companies),
        (awards, prop::option::of((date(), date())), prop::option::of((1u64..5000, 0u8..3))),
        (prop::option::of((1u32..1000, 1u32..1000)), prop::option::of((1.0e4f64..1.0e9, 1.0e4f64..1.0e10))),
    )
        .prop_map(|((year, people, crew, companies), (awards, dates, screens), (short, money))| {
            let cast: Vec<_> = people
                .iter()
                .map(|(n, role)| serde_json::json!({"name": n, "role": role}))
                .collect();
            let crew: Vec<_> = crew.iter().map(|(n, jobs)| serde_json::json!({"name": n, "jobs": jobs})).collect();
            let awards: Vec<_> = awards
                .iter()
                .map(|(body, y, cat, won, who)| {
                    serde_json::json!({"body": body, "year": y, "category": cat,
                        "result": if *won { "won" } else { "nominated" }, "recipient": who})
                })
                .collect();
            let mut film = serde_json::json!({
                "title": "Test Film", "year": year, "cast": cast, "crew": crew,
                "production_companies": companies, "awards": awards,
                "filming": {"month": format!("{year}-03"), "city": "Lyon", "days": 30},
                "setting": {"place": "Camp Hope", "kind": "summer camp", "fictional": false, "city": "Oslo"},
                "standings": [{"scope": "decade", "decade": year - year.rem_euclid(10)}],
            });
            if let Some((a, b)) = dates {
                let (first, last) = if a <= b { (a, b) } else { (b, a) };
                let bound = screens.map(|(v, k)| {
                    let kind = ["exact", "over", "under"][k as usize];
                    serde_json::json!({"value": v, "bound": kind})
                });
                film["premiere"] = serde_json::json!({"event": "Film Festival", "date": first, "in_competition": true, "opening_film": false});
                film["release"] = serde_json::json!({"date": first, "closed": last, "kind": "wide", "countries": ["France"], "widest_screens": bound});
            }
            if let Some((pages, minutes)) = short {
                film["short_film"] = serde_json::json!({"title": "Test", "pages": pages, "minutes": minutes,
                    "companies": ["Alpha Films", "Beta Pictures"], "premiere": {"event": "Film Festival", "year": year - 1}});
                film["script"] = serde_json::json!({"completed": year - 1});
            }
            if let Some((budget, gross)) = money {
                film["budget"] = serde_json::json!({"amount": budget, "currency": "EUR"});
                film["gross"] = serde_json::json!({"amount": gross, "currency": "EUR"});
            }
            film.to_string()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any record in the schema yields only well-formed questions, the same
    /// for the same seed, and never panics.
    #[test]
    fn any_record_yields_well_formed_questions(json in film_json(), seed in any::<u64>()) {
        let film = record::parse("arbitrary.json", &json).expect("generated records are valid");
        let qs = questions(&film, seed);
        assert_well_formed(&qs)?;
        prop_assert_eq!(&qs, &questions(&film, seed));
        // A person both honoured and asked about is never a wrong choice for
        // their own award.
        for q in &qs {
            if q.prompt.starts_with("Whose work") {
                for a in film.awards.iter().filter(|a| q.prompt.contains(&a.category) && q.prompt.contains(&a.body)) {
                    if let Some(who) = &a.recipient {
                        prop_assert!(!q.distractors.iter().any(|d| normalize(d) == normalize(who)));
                    }
                }
            }
        }
    }
}

// ---- the built-in record's traps -----------------------------------------

/// Every question whose prompt contains `needle`, across several seeds.
fn asked(needle: &str) -> Vec<Question> {
    let film = builtin();
    let mut found: Vec<Question> = (0..25)
        .flat_map(|seed| questions(&film, seed))
        .filter(|q| q.prompt.contains(needle))
        .collect();
    assert!(!found.is_empty(), "no question contains {needle:?}");
    found.dedup();
    found
}

#[test]
fn oscar_count_includes_the_acting_award_and_never_offers_the_other_counts() {
    for q in asked("win at the Academy Awards, counting") {
        assert_eq!(q.answer, "3 awards");
        for wrong in ["2 awards", "5 awards"] {
            assert!(
                !q.distractors.contains(&wrong.to_string()),
                "{wrong} is a true count"
            );
        }
    }
}

#[test]
fn sundance_count_is_two_and_both_prizes_are_the_answer() {
    for q in asked("win at the 2014 Sundance Film Festival?") {
        if q.prompt.starts_with("How many") {
            assert_eq!(q.answer, "2 awards");
        } else {
            assert!(q.answer.starts_with("Both"), "{}", q.answer);
        }
    }
}

#[test]
fn premiere_years_never_offer_the_other_sundance_year() {
    for q in asked("short film version of Whiplash premiere") {
        assert_eq!(q.answer, "2013");
        assert!(!q.distractors.contains(&"2014".to_string()));
    }
    for q in asked("did the feature Whiplash premiere") {
        assert_eq!(q.answer, "2014");
        assert!(!q.distractors.contains(&"2013".to_string()));
    }
}

#[test]
fn lost_nominations_are_never_offered_as_wins_or_vice_versa() {
    let wins = [
        "Best Film Editing",
        "Best Sound Mixing",
        "Best Supporting Actor",
    ];
    let losses = ["Best Picture", "Best Adapted Screenplay"];
    for q in asked("Which other nomination did it lose?") {
        assert!(losses.contains(&q.answer.as_str()));
        for d in &q.distractors {
            assert!(wins.contains(&d.as_str()), "{d} is not a win");
        }
    }
    for q in asked("Which two categories did Whiplash win at the Academy Awards") {
        assert_eq!(q.answer, "Best Film Editing and Best Sound Mixing");
        for d in &q.distractors {
            assert!(losses.iter().any(|l| d.contains(l)), "{d} could be true");
            assert!(!d.contains("Supporting"), "{d} mixes in the acting award");
        }
    }
}

#[test]
fn over_500_screens_is_a_lower_bound() {
    for q in asked("at its widest") {
        assert_eq!(q.answer, "To more than 500 screens");
        for d in &q.distractors {
            let n: u64 = d
                .split(' ')
                .nth(4)
                .unwrap()
                .replace(',', "")
                .parse()
                .unwrap();
            assert!(
                d.starts_with("To no more than") && n < 500,
                "{d} could be true"
            );
        }
    }
}

#[test]
fn derived_values_never_repeat_another_true_value() {
    let film = builtin();
    let record_years: HashSet<String> = ["2013", "2014", "2015", "2016"].map(String::from).into();
    let record_dates = ["January 16, 2014", "October 10, 2014", "March 26, 2015"];
    for seed in 0..25 {
        for q in questions(&film, seed) {
            for d in &q.distractors {
                if q.answer.len() == 4 && q.answer.parse::<i32>().is_ok() {
                    assert!(!record_years.contains(d), "{}: {d}", q.prompt);
                }
                assert!(!record_dates.contains(&d.as_str()), "{}: {d}", q.prompt);
                assert!(
                    !["$3.3 million", "$49 million"].contains(&d.as_str()),
                    "{}: {d}",
                    q.prompt
                );
            }
        }
    }
}

#[test]
fn the_source_code_holds_no_facts_about_the_film() {
    let facts = [
        "Chazelle",
        "Teller",
        "Simmons",
        "Reiser",
        "Benoist",
        "Shaffer",
        "Sundance",
        "Blumhouse",
        "Bold Films",
        "Right of Way",
        "Sony",
        "Stage 6",
        "La La Land",
        "Los Angeles",
        "New York",
        "Oscar",
        "2014",
        "2013",
    ];
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src];
    let mut checked = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                // Unit tests may name facts; the code above them may not.
                let code: String = text
                    .split("#[cfg(test)]")
                    .next()
                    .unwrap()
                    .lines()
                    // The embedded record's file name is not a fact.
                    .filter(|l| !l.contains("whiplash-2014.json"))
                    .collect();
                for fact in facts {
                    assert!(!code.contains(fact), "{} mentions {fact}", path.display());
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 10);
}
