//! Golden text for every question unit: the exact prompts, choices and
//! explanations each unit writes for the made-up films in
//! `tests/fixtures/films/`, one file per unit in `tests/golden/units/`.
//! Rewrite them with `UPDATE_GOLDEN=1 cargo test --test integration units`
//! only when a change of wording is intended, and read the diff.

use std::path::{Path, PathBuf};
use whiplash_quiz::generate::{UNITS, generate_unit};
use whiplash_quiz::record::{self, Film};
use whiplash_quiz::rng::GameRng;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The made-up films, by file name.
pub fn films() -> Vec<(String, Film)> {
    let dir = root().join("tests/fixtures/films");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(p).unwrap();
            let film = record::parse(&name, &text).unwrap_or_else(|e| panic!("{e}"));
            (name, film)
        })
        .collect()
}

fn check(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    if actual != expected {
        let first = actual
            .lines()
            .zip(expected.lines())
            .find(|(a, e)| a != e)
            .map(|(a, e)| format!("\n  now: {a}\n  was: {e}"))
            .unwrap_or_default();
        panic!("{} changed{first}", path.display());
    }
}

#[test]
fn every_unit_writes_its_golden_text_for_every_made_up_film() {
    let films = films();
    assert!(films.len() >= 2, "at least two made-up films");
    for (unit, _) in UNITS {
        let mut text = String::new();
        let mut asked = 0;
        for (name, film) in &films {
            text.push_str(&format!("## {name}\n"));
            for q in generate_unit(film, unit, &mut GameRng::from_seed(1)) {
                asked += 1;
                text.push_str(&format!(
                    "\n[{} · {}] {}\n",
                    q.category, q.difficulty, q.prompt
                ));
                text.push_str(&format!("  * {}\n", q.answer));
                for d in &q.distractors {
                    text.push_str(&format!("  - {d}\n"));
                }
                text.push_str(&format!("  = {}\n", q.explanation));
            }
            text.push('\n');
        }
        assert!(asked > 0, "unit {unit} asks nothing of any made-up film");
        check(
            &root().join(format!("tests/golden/units/{unit}.txt")),
            &text,
        );
    }
}

#[test]
fn a_record_as_rich_as_the_fixtures_yields_at_least_35_questions() {
    let rich: Vec<(String, Film)> = films()
        .into_iter()
        .filter(|(_, f)| f.decoys.is_some())
        .collect();
    assert!(rich.len() >= 2, "at least two rich made-up films");
    for (name, film) in &rich {
        for seed in 0..5 {
            let n = whiplash_quiz::generate::generate(film, &mut GameRng::from_seed(seed)).len();
            assert!(n >= 35, "{name}, seed {seed}: only {n} questions");
        }
    }
}

#[test]
fn made_up_films_have_very_different_shapes() {
    let films = films();
    assert!(films.len() >= 3);
    let has = |pred: &dyn Fn(&Film) -> bool| films.iter().filter(|(_, f)| pred(f)).count();
    // A cinema premiere beside festival ones, shared awards, several
    // distributors, a range in another currency, a filming period.
    use whiplash_quiz::record::PremiereKind;
    assert!(
        has(&|f| f
            .premiere
            .as_ref()
            .is_some_and(|p| p.kind == PremiereKind::Cinema))
            >= 1
    );
    assert!(
        has(&|f| f
            .premiere
            .as_ref()
            .is_some_and(|p| p.kind == PremiereKind::Festival))
            >= 1
    );
    assert!(has(&|f| f.awards.iter().any(|a| a.people().len() > 1)) >= 1);
    assert!(has(&|f| f.distributors.len() > 1) >= 1);
    assert!(has(&|f| f.budget.is_some_and(|b| b.is_range())) >= 1);
    assert!(has(&|f| f.original_title.is_some()) >= 1);
    assert!(has(&|f| f.short_film.is_none()) >= 2);
}

#[test]
fn no_sentence_assumes_what_the_record_does_not_say() {
    use whiplash_quiz::record::PremiereKind;
    for (name, film) in films() {
        let festival = film
            .premiere
            .as_ref()
            .is_some_and(|p| p.kind == PremiereKind::Festival)
            || film
                .short_film
                .as_ref()
                .is_some_and(|s| s.premiere.is_some())
            || film.awards.iter().any(|a| a.body.contains("Festival"));
        for seed in 0..5 {
            for q in whiplash_quiz::generate::generate(&film, &mut GameRng::from_seed(seed)) {
                let text = format!(
                    "{} {} {} {}",
                    q.prompt,
                    q.answer,
                    q.distractors.join(" "),
                    q.explanation
                )
                .to_lowercase();
                assert!(!text.contains("acquired the rights"), "{name}: {text}");
                assert!(!text.contains("double duty"), "{name}: {text}");
                if film.short_film.is_none() {
                    assert!(!text.contains("feature"), "{name}: {text}");
                    assert!(!text.contains("short film"), "{name}: {text}");
                }
                if !festival {
                    assert!(!text.contains("festival"), "{name}: {text}");
                }
                // Counts agree with their nouns.
                for (n, noun) in [("1 ", "awards"), ("1 ", "nominations"), ("1 ", "days")] {
                    assert!(!text.contains(&format!(" {n}{noun}")), "{name}: {text}");
                }
            }
        }
    }
}
