//! `import` of a film from TMDB and Wikidata files: the fixture pair of a
//! real film makes a record that passes `check` without a warning, yields
//! at least 40 questions, holds guessers to a blind pick and deals no
//! leaky game; no credited name is a wrong choice and no Q-id a name; each
//! pitfall of the sources (fixtures in `tests/fixtures/import/film/`) is
//! handled; every refusal is one located line; the importer survives
//! mutated input; and the commands of `docs/import-a-film.md` run as
//! written.

use crate::common::{Quiz, fixture};
use crate::generator::{assert_planned, assert_well_formed};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;
use whiplash_quiz::game;
use whiplash_quiz::generate::generate;
use whiplash_quiz::import::Format;
use whiplash_quiz::import::film::{FilmFile, FilmImport, import_film};
use whiplash_quiz::quality;
use whiplash_quiz::record::{self, AwardResult, Film, Performer};
use whiplash_quiz::rng::GameRng;

fn path(name: &str) -> String {
    fixture(&format!("import/film/{name}"))
}

fn text(name: &str) -> String {
    std::fs::read_to_string(path(name)).unwrap()
}

/// Imports fixtures through the library, each format worked out.
fn import(names: &[&str]) -> FilmImport {
    try_import(names).unwrap_or_else(|e| panic!("{e}"))
}

fn try_import(names: &[&str]) -> Result<FilmImport, String> {
    let texts: Vec<String> = names.iter().map(|n| text(n)).collect();
    let files: Vec<FilmFile> = names
        .iter()
        .zip(&texts)
        .map(|(name, text)| FilmFile {
            name,
            text,
            format: None,
        })
        .collect();
    import_film(&files).map_err(|e| e.to_string())
}

/// The real film's record, from both files.
fn whiplash() -> Film {
    import(&["whiplash.tmdb.json", "whiplash.wikidata.json"]).film
}

/// A comparison key as the importer's: no accents, case, spaces or dots.
fn key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Every name the fixture pair credits: TMDB's whole cast and crew, and
/// every person the Wikidata rows name.
fn credited() -> HashSet<String> {
    let tmdb: Value = serde_json::from_str(&text("whiplash.tmdb.json")).unwrap();
    let mut names = HashSet::new();
    for list in ["cast", "crew"] {
        for p in tmdb["credits"][list].as_array().unwrap() {
            names.insert(key(p["name"].as_str().unwrap()));
        }
    }
    let wiki: Value = serde_json::from_str(&text("whiplash.wikidata.json")).unwrap();
    for row in wiki["results"]["bindings"].as_array().unwrap() {
        if let Some(p) = row["personLabel"]["value"].as_str() {
            names.insert(key(p));
        }
    }
    names
}

/// Every decoy name of a record.
fn decoy_names(film: &Film) -> Vec<String> {
    let d = film.decoys.clone().unwrap_or_default();
    let mut all = Vec::new();
    for list in [
        d.directors,
        d.actors,
        d.actresses,
        d.production_companies,
        d.festivals,
        d.cities,
        d.countries,
    ] {
        all.extend(list.unwrap_or_default());
    }
    for (_, names) in d.crew.unwrap_or_default() {
        all.extend(names);
    }
    all
}

#[test]
fn the_imported_film_passes_check_without_a_warning_and_yields_forty_questions() {
    let quiz = Quiz::new();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("film.json");
    let run = quiz
        .run(
            &[
                "import",
                &path("whiplash.tmdb.json"),
                &path("whiplash.wikidata.json"),
                "-o",
                out.to_str().unwrap(),
            ],
            "",
        )
        .ok();
    assert_eq!(run.stdout, "", "the record went to the file");
    assert!(
        run.stderr.contains(
            "imported the film record \"Whiplash\" (2014) from TMDB and Wikidata: 15 in the cast"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with(&format!("wrote {}\n", out.display())),
        "{}",
        run.stderr
    );
    let checked = quiz.run(&["check", out.to_str().unwrap()], "").ok();
    assert_eq!(checked.stderr, "", "no warning");
    assert!(
        checked
            .stdout
            .contains("ok: film record \"Whiplash\" (2014)")
    );
    // The record written is the record returned.
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(record::parse("film.json", &written).unwrap(), whiplash());
    let bank = quiz
        .run(&["generate", "--record", out.to_str().unwrap()], "")
        .ok()
        .json();
    let prompts: HashSet<&str> = bank["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["prompt"].as_str().unwrap())
        .collect();
    assert!(prompts.len() >= 40, "only {} questions", prompts.len());
    // A game plays from it.
    let game = quiz
        .run(
            &[
                "play",
                "--record",
                out.to_str().unwrap(),
                "--json",
                "--seed",
                "3",
            ],
            &"1\n".repeat(20),
        )
        .ok()
        .json();
    assert_eq!(game["questions"].as_array().unwrap().len(), 10);
}

#[test]
fn every_seed_of_the_imported_film_gives_forty_well_formed_questions() {
    let film = whiplash();
    for seed in 0..20 {
        let qs = generate(&film, &mut GameRng::from_seed(seed));
        assert!(qs.len() >= 40, "seed {seed}: {} questions", qs.len());
        assert_well_formed(&qs).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
    }
}

/// As `generator::guessers_that_never_see_the_answer_do_no_better_than_a_blind_pick`
/// holds the made-up films: no rule guesser beats a blind pick by more
/// than 0.06, and no guesser, the learners included, wins 1.3 times as
/// often as one.
#[test]
fn guessers_on_the_imported_film_do_no_better_than_a_blind_pick() {
    let report = quality::report(&whiplash(), 200);
    let mut table = String::new();
    let mut failures = Vec::new();
    for row in &report.guessers {
        table.push_str(&format!(
            "{:>20}: {:.3} against {:.3} over {} ({:.2}x)\n",
            row.guesser, row.rate, row.blind, row.tried, row.ratio
        ));
        if row.tried < 200 {
            continue;
        }
        let rule = row.blind + 0.06;
        if row.ratio > quality::WEAK_RATIO || (!row.learner && row.rate > rule) {
            failures.push(row.guesser.clone());
        }
    }
    assert!(failures.is_empty(), "{failures:?}\n{table}");
}

#[test]
fn dealt_games_of_the_imported_film_never_show_an_answer_before_asking_it() {
    let film = whiplash();
    for seed in 0..150 {
        let qs = generate(&film, &mut GameRng::from_seed(seed));
        let rounds = game::deal(&qs, 10, &mut GameRng::from_seed(seed));
        assert_eq!(rounds.len(), 10, "seed {seed}");
        if let Err(e) = assert_planned(&rounds, Some(4)) {
            panic!("seed {seed}: {e}");
        }
    }
}

#[test]
fn no_credited_name_is_ever_a_wrong_choice_from_outside_the_record() {
    let film = whiplash();
    let credits = credited();
    // The pools hold several of the film's own people; none is a decoy.
    for decoy in decoy_names(&film) {
        assert!(!credits.contains(&key(&decoy)), "{decoy} is credited");
    }
    for name in [
        "Jason Reitman",
        "Jason Blum",
        "Justin Hurwitz",
        "Nicholas Britell",
        "Damien Chazelle",
        "J. K. Simmons",
        "Tom Cross",
        "Blumhouse Productions",
        "Bold Films",
        "Sundance Film Festival",
        "Cannes Film Festival",
        "Los Angeles",
        "New York City",
    ] {
        assert!(
            !decoy_names(&film).iter().any(|d| key(d) == key(name)),
            "{name} is a decoy"
        );
    }
    // In play, a wrong choice that names a credited person is someone of
    // the record (another of the cast for a part), never one from outside
    // it (the billing left out, the crew it does not list).
    let in_record: HashSet<String> = film
        .cast
        .iter()
        .map(|c| key(&c.name))
        .chain(film.crew.iter().map(|c| key(&c.name)))
        .collect();
    for seed in 0..40 {
        for q in generate(&film, &mut GameRng::from_seed(seed)) {
            for wrong in &q.distractors {
                let k = key(wrong);
                assert!(
                    !credits.contains(&k) || in_record.contains(&k),
                    "{wrong:?} is credited, offered as wrong for {:?}",
                    q.prompt
                );
            }
        }
    }
}

/// The truth audit's findings, kept: no award category anyone could rule
/// out (documentary, animation, foreign-language for an English drama).
#[test]
fn no_award_category_is_offered_that_the_film_plainly_could_not_be_up_for() {
    let film = whiplash();
    for seed in 0..40 {
        for q in generate(&film, &mut GameRng::from_seed(seed)) {
            if q.meta.unit != "awards" {
                continue;
            }
            for c in std::iter::once(&q.answer).chain(&q.distractors) {
                let c = c.to_lowercase();
                assert!(
                    !["documentary", "animated", "foreign", "not in the english"]
                        .iter()
                        .any(|w| c.contains(w)),
                    "{c:?} in {:?}",
                    q.prompt
                );
            }
        }
    }
}

#[test]
fn performers_are_offered_performers_of_their_own_kind() {
    let film = whiplash();
    let d = film.decoys.clone().unwrap();
    let actresses: HashSet<String> = d.actresses.unwrap().iter().map(|n| key(n)).collect();
    let actors: HashSet<String> = d.actors.unwrap().iter().map(|n| key(n)).collect();
    let kind = |name: &str| {
        film.cast
            .iter()
            .find(|c| c.name == name)
            .and_then(|c| c.performer)
    };
    for seed in 0..40 {
        for q in generate(&film, &mut GameRng::from_seed(seed)) {
            let Some(Some(performer)) =
                (q.meta.unit == "cast" && !q.prompt.contains("NOT")).then(|| kind(&q.answer))
            else {
                continue;
            };
            let other = match performer {
                Performer::Actor => &actresses,
                Performer::Actress => &actors,
            };
            for wrong in &q.distractors {
                assert!(
                    !other.contains(&key(wrong)) && kind(wrong).is_none_or(|k| k == performer),
                    "{wrong} offered for {} in {:?}",
                    q.answer,
                    q.prompt
                );
            }
        }
    }
}

#[test]
fn the_merge_takes_each_fact_from_its_source() {
    let both = import(&["whiplash.tmdb.json", "whiplash.wikidata.json"]);
    let film = &both.film;
    assert_eq!(
        both.sources
            .iter()
            .map(|(_, f)| *f)
            .collect::<Vec<Format>>(),
        [Format::Tmdb, Format::Wikidata]
    );
    // TMDB: the cast, spelled with spaced initials, by billing.
    assert_eq!(film.cast[1].name, "J. K. Simmons");
    assert_eq!(film.cast[1].role.as_deref(), Some("Terence Fletcher"));
    assert_eq!(film.cast.len(), 15);
    assert!(film.partial.contains(&"cast".to_string()));
    // TMDB: the crew the game asks about, one person with both jobs.
    let chazelle = film
        .crew
        .iter()
        .find(|c| c.name == "Damien Chazelle")
        .unwrap();
    assert_eq!(chazelle.jobs, ["director", "writer"]);
    assert!(
        !film.crew.iter().any(|c| c.name == "Terri Taylor"),
        "casting is not asked"
    );
    // TMDB: money and dates; its type 2 opening is limited.
    assert_eq!(film.budget.unwrap().amount, Some(3_300_000.0));
    let release = film.release.as_ref().unwrap();
    assert_eq!(release.date.to_string(), "2014-10-10");
    assert_eq!(release.countries, ["United States"]);
    assert_eq!(format!("{:?}", release.kind), "Limited");
    assert_eq!(
        film.premiere.as_ref().unwrap().event,
        "Sundance Film Festival"
    );
    // Later festivals are not kept (no source lists them all), only kept
    // from being wrong choices.
    assert!(film.screenings.is_empty());
    let festivals = film.decoys.as_ref().unwrap().festivals.clone().unwrap();
    assert!(
        !festivals
            .iter()
            .any(|f| f.contains("Cannes") || f.contains("Deauville"))
    );
    // Wikidata: the awards, a nomination that was also won counted once.
    let oscars: Vec<_> = film
        .awards
        .iter()
        .filter(|a| a.body == "Academy Awards")
        .collect();
    assert_eq!(oscars.len(), 5, "{oscars:?}");
    let supporting: Vec<_> = oscars
        .iter()
        .filter(|a| a.category == "Best Supporting Actor")
        .collect();
    assert_eq!(supporting.len(), 1);
    assert_eq!(supporting[0].result, AwardResult::Won);
    assert_eq!(supporting[0].recipient.as_deref(), Some("J. K. Simmons"));
    // Wikidata: its takings in one country, and the city it was shot in.
    assert_eq!(film.grosses[0].territory, "United States");
    assert_eq!(
        film.filming.as_ref().unwrap().city.as_deref(),
        Some("Los Angeles")
    );
    // Its deprecated cost and unnamed cast member are left out, and said.
    assert!(
        both.notes.iter().any(|n| n.contains("deprecated cost")),
        "{:?}",
        both.notes
    );
    assert!(
        both.notes.iter().any(|n| n.contains("(Q7000199)")),
        "{:?}",
        both.notes
    );
}

/// Every text a record holds, for a scan.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

fn is_item_id(s: &str) -> bool {
    s.len() > 1 && s.starts_with('Q') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

#[test]
fn no_item_id_is_ever_a_name() {
    for names in [
        &["labels.wikidata.json"][..],
        &["whiplash.tmdb.json", "whiplash.wikidata.json"],
        &["whiplash.wikidata.json"],
    ] {
        let imported = import(names);
        let value: Value = serde_json::from_str(&imported.json).unwrap();
        let mut all = Vec::new();
        strings(&value, &mut all);
        let ids: Vec<&String> = all.iter().filter(|s| is_item_id(s)).collect();
        assert!(ids.is_empty(), "{names:?}: {ids:?}");
        for seed in 0..10 {
            for q in generate(&imported.film, &mut GameRng::from_seed(seed)) {
                let shown = std::iter::once(&q.prompt)
                    .chain([&q.answer, &q.explanation])
                    .chain(&q.distractors);
                for s in shown {
                    assert!(
                        !s.split_whitespace()
                            .any(|w| is_item_id(w.trim_matches(|c: char| !c.is_alphanumeric()))),
                        "{s}"
                    );
                }
            }
        }
    }
    let labels = import(&["labels.wikidata.json"]);
    let film = &labels.film;
    assert_eq!(film.title, "Salt Road");
    assert_eq!(film.crew.len(), 1, "the unnamed director is left out");
    assert_eq!(film.cast.len(), 1, "the unnamed cast member is left out");
    assert_eq!(film.cast[0].role, None, "an unnamed role is no role");
    // The unnamed award is left out; the unnamed nominee leaves the
    // nomination the film's own.
    assert_eq!(film.awards.len(), 2);
    assert_eq!(film.awards[1].recipient, None);
    assert_eq!(labels.notes.len(), 6, "{:?}", labels.notes);
}

#[test]
fn several_values_for_one_property_are_all_kept_or_made_a_range() {
    let imported = import(&["several-values.wikidata.json"]);
    let film = &imported.film;
    let directors: Vec<&str> = film.crew.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(directors, ["Ines Morel", "Paul Roche"]);
    assert_eq!(
        film.cast[0].role.as_deref(),
        Some("Marie Vasco and Anne Vasco")
    );
    let budget = film.budget.unwrap();
    assert_eq!(
        (
            budget.min,
            budget.max,
            budget.approximate,
            budget.currency.code()
        ),
        (Some(4e6), Some(5e6), true, "EUR")
    );
    assert_eq!(film.gross.unwrap().amount, Some(12.5e6), "the latest total");
    // Two countries opened it that day: both are its release.
    assert_eq!(
        film.release.as_ref().unwrap().countries,
        ["France", "Belgium"]
    );
    // Shot in two cities: no one city is asked.
    assert!(film.filming.is_none());
}

#[test]
fn ranks_leave_deprecated_values_out_and_put_preferred_ones_first() {
    let imported = import(&["ranks.wikidata.json"]);
    let film = &imported.film;
    assert_eq!(film.crew.len(), 1);
    assert_eq!(film.crew[0].name, "Orla Brennan");
    assert_eq!(film.budget.unwrap().amount, Some(5e6));
    assert!(film.releases.is_empty());
    assert_eq!(film.release.as_ref().unwrap().countries, ["Ireland"]);
    assert_eq!(
        imported
            .notes
            .iter()
            .filter(|n| n.contains("deprecated"))
            .count(),
        3,
        "{:?}",
        imported.notes
    );
}

#[test]
fn dates_known_to_the_year_give_only_the_year() {
    let imported = import(&["year-precision.wikidata.json"]);
    let film = &imported.film;
    assert_eq!(film.year, 2003);
    // Only the one opening known to the day.
    let release = film.release.as_ref().unwrap();
    assert_eq!(release.date.to_string(), "2004-03-12");
    assert_eq!(release.countries, ["Italy"]);
    assert!(film.releases.is_empty());
    assert_eq!(film.awards[0].year, Some(2004));
    assert_eq!(
        imported
            .notes
            .iter()
            .filter(|n| n.contains("gives only the year"))
            .count(),
        3
    );
}

#[test]
fn sums_stay_in_their_own_currency() {
    let imported = import(&["currency.wikidata.json"]);
    let film = &imported.film;
    assert_eq!(film.budget.unwrap().currency.code(), "SEK");
    assert_eq!(film.budget.unwrap().amount, Some(30e6));
    assert_eq!(film.gross.unwrap().currency.code(), "EUR");
    assert_eq!(film.grosses[0].territory, "Norway");
    assert_eq!(film.grosses[0].gross.currency.code(), "NOK");
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.contains("no ISO 4217 currency code")),
        "{:?}",
        imported.notes
    );
    let qs = generate(film, &mut GameRng::from_seed(0));
    assert!(
        qs.iter().any(|q| q.answer.starts_with("SEK ")),
        "{:#?}",
        qs.iter().map(|q| &q.answer).collect::<Vec<_>>()
    );
}

#[test]
fn one_person_in_several_jobs_is_one_crew_member() {
    let film = import(&["several-jobs.tmdb.json"]).film;
    let orla = film.crew.iter().find(|c| c.name == "Orla Brennan").unwrap();
    assert_eq!(orla.jobs, ["director", "writer", "editor"]);
    let ronan = film.crew.iter().find(|c| c.name == "Ronan Keogh").unwrap();
    assert_eq!(ronan.jobs, ["producer", "composer"]);
    assert!(
        film.cast.iter().any(|c| c.name == "Orla Brennan"),
        "and in the cast"
    );
    let asked: Vec<String> = (0..20)
        .flat_map(|seed| generate(&film, &mut GameRng::from_seed(seed)))
        .map(|q| q.prompt)
        .collect();
    assert!(
        asked
            .iter()
            .any(|p| p.contains("directed, wrote and edited") || p.contains("directed, wrote and")),
        "{asked:#?}"
    );
}

#[test]
fn voice_parts_are_asked_as_voices() {
    let film = import(&["animated.tmdb.json", "animated.wikidata.json"]).film;
    let voice = |name: &str| film.cast.iter().find(|c| c.name == name).unwrap().voice;
    assert_eq!(voice("Nora Quill"), Some(true), "TMDB's (voice)");
    assert_eq!(voice("Ida Brook"), Some(true), "Wikidata's voice actor");
    let pip = film.cast.iter().find(|c| c.name == "Nora Quill").unwrap();
    assert_eq!(pip.role.as_deref(), Some("Pip"));
    // "Additional Voices", credited twice, names no one.
    assert!(film.cast.iter().filter(|c| c.role.is_none()).count() >= 2);
    let qs = generate(&film, &mut GameRng::from_seed(0));
    assert!(
        qs.iter()
            .any(|q| q.prompt == "In Paper Lanterns, who voices Pip?"),
        "{:#?}",
        qs.iter().map(|q| &q.prompt).collect::<Vec<_>>()
    );
    assert!(!qs.iter().any(|q| q.prompt.contains("who plays Pip")));
}

#[test]
fn every_imported_fixture_passes_check_without_a_warning() {
    let quiz = Quiz::new();
    let dir = tempfile::tempdir().unwrap();
    for names in [
        &["animated.tmdb.json", "animated.wikidata.json"][..],
        &["several-jobs.tmdb.json"],
        &["several-values.wikidata.json"],
        &["ranks.wikidata.json"],
        &["labels.wikidata.json"],
        &["year-precision.wikidata.json"],
        &["currency.wikidata.json"],
        &["whiplash.wikidata.json"],
        &["whiplash.tmdb.json"],
    ] {
        let out = dir.path().join(format!("{}.json", names[0]));
        let mut args = vec!["import".to_string()];
        args.extend(names.iter().map(|n| path(n)));
        args.extend(["-o".to_string(), out.to_string_lossy().into_owned()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        quiz.run(&args, "").ok();
        let checked = quiz.run(&["check", out.to_str().unwrap()], "").ok();
        assert_eq!(checked.stderr, "", "{names:?}");
    }
}

/// Each refusal: one line naming the file, the place and the field, exit
/// status 1, nothing on stdout and nothing written.
#[test]
fn bad_files_are_refused_with_one_located_plain_message() {
    let quiz = Quiz::new();
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.tmdb.json");
    let whole = text("whiplash.tmdb.json");
    std::fs::write(&broken, &whole[..whole.len() / 2]).unwrap();
    let typed = dir.path().join("typed.tmdb.json");
    std::fs::write(
        &typed,
        whole.replacen("\"budget\": 3300000", "\"budget\": \"3.3 million\"", 1),
    )
    .unwrap();
    let cases: Vec<(String, &str)> = vec![
        (
            path("error.tmdb.json"),
            "error.tmdb.json: 1:17: field `status_code`: TMDB answered with an error instead of a film (status 34) \"The resource you requested could not be found.\"",
        ),
        (
            path("no-credits.tmdb.json"),
            "no-credits.tmdb.json: 1:1: field `credits`: missing: this file was fetched without the cast and crew; fetch it again with `append_to_response=credits,release_dates`",
        ),
        (
            path("saved-page.tmdb.json"),
            "saved-page.tmdb.json: 1:1: this is a web page (HTML), not data",
        ),
        (
            path("two-films.wikidata.json"),
            "two-films.wikidata.json: 66:18: field `results.bindings[1].film`: a second film (Q9100007, after Q9100006)",
        ),
        (
            path("other-query.wikidata.json"),
            "other-query.wikidata.json: 3:13: field `head.vars`: no `what` column",
        ),
        (
            path("no-rows.wikidata.json"),
            "no-rows.wikidata.json: 28:17: field `results.bindings`: no rows",
        ),
        (broken.to_string_lossy().into_owned(), "broken.tmdb.json: "),
        (
            typed.to_string_lossy().into_owned(),
            "typed.tmdb.json: 5:13: field `budget`: expected a number, found the text \"3.3 million\"",
        ),
    ];
    for (file, says) in cases {
        let out_file = dir.path().join("out.json");
        let out = quiz
            .run(&["import", &file, "-o", out_file.to_str().unwrap()], "")
            .fails();
        assert_eq!(out.stdout, "");
        assert_eq!(out.stderr.lines().count(), 1, "one line:\n{}", out.stderr);
        assert!(
            out.stderr.contains(says),
            "expected {says:?}:\n{}",
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"));
        assert!(!out_file.exists(), "nothing written for {file}");
    }
    // The truncated file's place is where it ends.
    let out = quiz.run(&["import", broken.to_str().unwrap()], "").fails();
    assert!(
        out.stderr.contains("not valid JSON: the file ends early"),
        "{}",
        out.stderr
    );
}

#[test]
fn files_go_one_quiz_or_one_film_at_a_time() {
    let quiz = Quiz::new();
    let gift = fixture("import/quiz.gift.txt");
    let tmdb = path("whiplash.tmdb.json");
    let wiki = path("whiplash.wikidata.json");
    // A quiz file among two is refused, naming it.
    let out = quiz.run(&["import", &tmdb, &gift], "").fails();
    assert!(
        out.stderr
            .contains("quiz.gift.txt: 1:1: this looks like a quiz file (GIFT)"),
        "{}",
        out.stderr
    );
    // Two files of one source.
    let out = quiz.run(&["import", &tmdb, &tmdb], "").fails();
    assert!(
        out.stderr
            .contains("is a TMDB file too; give one TMDB file and one Wikidata file"),
        "{}",
        out.stderr
    );
    // --format goes with one file.
    let out = quiz
        .run(&["import", &tmdb, &wiki, "--format", "tmdb"], "")
        .fails();
    assert!(
        out.stderr.contains("--format names the format of one file"),
        "{}",
        out.stderr
    );
    // Three files are a usage error.
    let out = quiz.run(&["import", &tmdb, &wiki, &gift], "");
    assert_eq!(out.code, 2, "{}", out.stderr);
    // Either order, either alone, or forced.
    let a = quiz.run(&["import", &wiki, &tmdb], "").ok().stdout;
    let b = quiz.run(&["import", &tmdb, &wiki], "").ok().stdout;
    assert_eq!(a, b);
    let forced = quiz
        .run(&["import", &wiki, "--format", "WIKIDATA"], "")
        .ok();
    assert!(forced.stderr.contains("from Wikidata"), "{}", forced.stderr);
    // A film's file forced as the other source is refused, located.
    let out = quiz.run(&["import", &wiki, "--format", "tmdb"], "").fails();
    assert!(
        out.stderr.contains("field `credits`: missing"),
        "{}",
        out.stderr
    );
    // A quiz file still imports as a bank.
    let bank = quiz.run(&["import", &gift], "").ok().json();
    assert!(bank["questions"].as_array().unwrap().len() > 10);
}

#[test]
fn the_commands_of_the_guide_run_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let guide = std::fs::read_to_string(root.join("docs/import-a-film.md")).unwrap();
    // The two fetches, exactly as the issue gives them.
    assert!(guide.contains(
        "curl -s \"https://api.themoviedb.org/3/movie/ID?api_key=KEY&append_to_response=credits,release_dates\" -o film.tmdb.json"
    ));
    assert!(guide.contains(
        "curl -s -G https://query.wikidata.org/sparql --data-urlencode query@film.rq -H 'Accept: application/sparql-results+json' -o film.wikidata.json"
    ));
    // The guide runs from the repository's root; its output lands in a
    // scratch folder that sees the repository's `tests` and `questions`.
    let scratch = tempfile::tempdir().unwrap();
    for dir in ["tests", "questions"] {
        std::os::unix::fs::symlink(root.join(dir), scratch.path().join(dir)).unwrap();
    }
    let quiz = Quiz::new();
    let mut ran = Vec::new();
    for block in guide.split("```sh\n").skip(1) {
        let block = block.split("```").next().unwrap();
        for line in block.lines().filter(|l| !l.trim().is_empty()) {
            let words = shell_words::split(line).unwrap();
            match words[0].as_str() {
                // No network in tests: the fixture stands in for what
                // curl would have saved.
                "curl" => {
                    let at = words.iter().position(|w| w == "-o").unwrap();
                    let saved = &words[at + 1];
                    let stand_in = if saved.ends_with(".tmdb.json") {
                        "whiplash.tmdb.json"
                    } else {
                        "whiplash.wikidata.json"
                    };
                    std::fs::copy(path(stand_in), scratch.path().join(saved)).unwrap();
                }
                "sed" => {
                    let status = std::process::Command::new("sh")
                        .arg("-c")
                        .arg(line)
                        .current_dir(scratch.path())
                        .status()
                        .unwrap();
                    assert!(status.success(), "{line}");
                    let query = std::fs::read_to_string(scratch.path().join("film.rq")).unwrap();
                    assert!(query.contains("VALUES ?film { wd:Q12345 }"), "{query}");
                }
                "whiplash-quiz" => {
                    let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
                    let out = quiz.run_in(scratch.path(), &args, &"1\n".repeat(20));
                    assert_eq!(out.code, 0, "{line}:\n{}{}", out.stdout, out.stderr);
                    if args[0] == "check" {
                        assert_eq!(out.stderr, "", "{line}: no warning");
                    }
                }
                other => panic!("the guide runs {other:?}, which this test cannot: {line}"),
            }
            ran.push(line.to_string());
        }
    }
    assert!(ran.len() >= 10, "{ran:#?}");
}

proptest! {
    // Importing runs the generator over every record it accepts, so fewer
    // cases than the parsers' fuzz: `PROPTEST_CASES` asks for more.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48),
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_mutated_film_file_breaks_the_importer(
        seed in 0..4usize,
        edits in proptest::collection::vec(crate::fuzz::edit(), 1..4),
        forced in proptest::option::of(prop_oneof![Just(Format::Tmdb), Just(Format::Wikidata)]),
    ) {
        let seeds = [
            "several-jobs.tmdb.json",
            "animated.wikidata.json",
            "currency.wikidata.json",
            "error.tmdb.json",
        ];
        let bytes = crate::fuzz::apply(&text(seeds[seed]), &edits);
        let Ok(text) = String::from_utf8(bytes) else { return Ok(()) };
        let files = [FilmFile { name: "fuzz.json", text: &text, format: forced }];
        match import_film(&files) {
            Ok(imported) => {
                prop_assert!(record::parse("fuzz.json", &imported.json).is_ok());
                let _ = generate(&imported.film, &mut GameRng::from_seed(1));
            }
            Err(e) => {
                let message = e.to_string();
                prop_assert!(message.starts_with("fuzz.json: "), "{message}");
                prop_assert!(!message.contains('\n'), "{message}");
                prop_assert!(!message.chars().any(|c| c.is_control()), "{message}");
            }
        }
    }
}
